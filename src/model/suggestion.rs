//! `organization_suggestion` (`GET /me/organization_suggestions`, accept): an organization the
//! signed-in user may ask to join, found by their email domain.
//!
//! Required in a suggestion: `id`, `status`, `created_at`, `updated_at`, as the FAPI excerpt
//! requires them; `public_organization_data` is optional there, and so here. Unknown keys are ignored.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::model::fields::{Object, Text, Timestamp};
use crate::model::invitation::{PublicOrganizationData, PENDING};

/// A suggestion to join an organization.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Suggestion {
    /// Always `organization_suggestion`; written first in snapshots.
    #[serde(skip_deserializing, default = "Suggestion::object")]
    pub object: Object,
    /// The suggestion's id.
    pub id: Text,
    /// The organization suggested; optional and nullable.
    #[serde(default)]
    pub public_organization_data: Option<Rc<PublicOrganizationData>>,
    /// `pending` or `accepted` (clerk-js's type), or any status Clerk adds: kept as sent.
    pub status: Text,
    /// Milliseconds since the epoch.
    pub created_at: Timestamp,
    /// Milliseconds since the epoch.
    pub updated_at: Timestamp,
}

impl Suggestion {
    fn object() -> Object {
        Object("organization_suggestion")
    }

    /// Whether it can still be accepted (`status` is `pending`).
    pub fn is_pending(&self) -> bool {
        self.status.as_str() == PENDING
    }
}
