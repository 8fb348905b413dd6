//! `organization_membership_request` as the Frontend API sends it
//! (`GET /organizations/{org}/membership_requests`, accept, reject): a user asking to join.
//!
//! Required: `id`, `organization_id` (its accept and reject paths), `status`, `created_at`,
//! `updated_at`, as the FAPI excerpt requires them. `public_user_data` is required there but
//! nullable, and read as for a membership: `None` when absent or `null`. Unknown keys are ignored.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::model::fields::{Object, Text, Timestamp};
use crate::model::invitation::PENDING;
use crate::model::PublicUserData;

/// A user's request to join an organization.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct MembershipRequest {
    /// Always `organization_membership_request`; written first in snapshots.
    #[serde(skip_deserializing, default = "MembershipRequest::object")]
    pub object: Object,
    /// The request's id.
    pub id: Text,
    /// `org_…`.
    pub organization_id: Text,
    /// `pending`, `accepted`, `rejected` or any other status Clerk sends (the excerpt declares no
    /// enum): kept as sent, so a new one never fails a page.
    pub status: Text,
    /// The user who asked; optional and nullable.
    #[serde(default)]
    pub public_user_data: Option<Rc<PublicUserData>>,
    /// Milliseconds since the epoch.
    pub created_at: Timestamp,
    /// Milliseconds since the epoch.
    pub updated_at: Timestamp,
}

impl MembershipRequest {
    fn object() -> Object {
        Object("organization_membership_request")
    }

    /// Whether it can still be accepted or rejected (`status` is `pending`).
    pub fn is_pending(&self) -> bool {
        self.status.as_str() == PENDING
    }
}
