//! `deleted_object`: what leaving an organization answers with
//! (`DELETE /me/organization_memberships/{org}`, the FAPI excerpt's `Client.DeletedObject`).
//!
//! Required: `object` and `deleted`, as the excerpt requires them. Unknown keys are ignored.

use serde::{Deserialize, Serialize};

use crate::model::fields::Text;

/// A resource that is gone.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct DeletedObject {
    /// What was deleted, e.g. `organization_membership`.
    pub object: Text,
    /// Its id; optional and nullable.
    #[serde(default)]
    pub id: Option<Text>,
    /// Its slug; optional and nullable.
    #[serde(default)]
    pub slug: Option<Text>,
    /// `true` when it is gone.
    pub deleted: bool,
}
