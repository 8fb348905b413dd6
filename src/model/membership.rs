//! `organization_membership`, `organization` and `public_user_data` as the Frontend API sends them
//! (docs/wire.md §6). One set of serde types: read from FAPI answers and from `fromJSON`, written
//! back as the snake_case snapshot (`object` first, timestamps in milliseconds).
//!
//! Required: `id`, `role`, `created_at`, `updated_at`, `organization` with `id`, `name`,
//! `created_at`, `updated_at`. Everything else may be absent or `null` and then takes its default.
//! Unknown keys are ignored; a present value of the wrong type is refused.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::model::fields::MAX_PERMISSIONS;
use crate::model::fields::{metadata, nullable, List, Object, RawJson, Stamp, Text, Timestamp};

/// Permission keys: at most [`MAX_PERMISSIONS`].
pub type Permissions = List<Text, MAX_PERMISSIONS>;

/// A membership: one user's role in one organization.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Membership {
    /// Always `organization_membership`; written first in snapshots.
    #[serde(skip_deserializing, default = "Membership::object")]
    pub object: Object,
    /// `orgmem_…`.
    pub id: Text,
    /// Application-defined data, as raw JSON; `{}` when absent or null.
    #[serde(default, deserialize_with = "metadata")]
    pub public_metadata: RawJson,
    /// Role key, e.g. `org:admin`.
    pub role: Text,
    /// Human-readable role name; clerk-js's own fixtures leave it out, so it is optional.
    #[serde(default)]
    pub role_name: Option<Text>,
    /// Permission keys; the Frontend API sends `null` for none.
    #[serde(default, deserialize_with = "nullable")]
    pub permissions: Permissions,
    /// Milliseconds since the epoch.
    pub created_at: Timestamp,
    /// Milliseconds since the epoch.
    pub updated_at: Timestamp,
    /// The organization, embedded (shared, not copied, by the JS objects made from it).
    pub organization: Rc<Organization>,
    /// The member; optional and nullable.
    #[serde(default)]
    pub public_user_data: Option<Rc<PublicUserData>>,
}

/// An organization as embedded in a membership.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Organization {
    /// Always `organization`.
    #[serde(skip_deserializing, default = "Organization::object")]
    pub object: Object,
    /// `org_…`.
    pub id: Text,
    /// Display name.
    pub name: Text,
    /// URL-friendly name; nullable.
    #[serde(default)]
    pub slug: Option<Text>,
    /// Logo or generated avatar; `""` when absent.
    #[serde(default, deserialize_with = "nullable")]
    pub image_url: Text,
    /// Whether `image_url` is an uploaded image.
    #[serde(default, deserialize_with = "nullable")]
    pub has_image: bool,
    /// Application-defined data, as raw JSON; `{}` when absent or null.
    #[serde(default, deserialize_with = "metadata")]
    pub public_metadata: RawJson,
    /// Number of members; 0 when absent.
    #[serde(default, deserialize_with = "nullable")]
    pub members_count: u32,
    /// Number of pending invitations; 0 when absent.
    #[serde(default, deserialize_with = "nullable")]
    pub pending_invitations_count: u32,
    /// Membership limit of the plan; 0 when absent.
    #[serde(default, deserialize_with = "nullable")]
    pub max_allowed_memberships: u32,
    /// Whether admins may delete the organization.
    #[serde(default, deserialize_with = "nullable")]
    pub admin_delete_enabled: bool,
    /// Whether the organization can configure self-serve enterprise SSO.
    #[serde(default, deserialize_with = "nullable")]
    pub self_serve_sso_enabled: bool,
    /// Whether members may belong to this organization only.
    #[serde(default, deserialize_with = "nullable")]
    pub exclusive_membership: bool,
    /// Milliseconds since the epoch.
    pub created_at: Timestamp,
    /// Milliseconds since the epoch.
    pub updated_at: Timestamp,
    /// When it was read: `pendingInvitationsCount` adds what its client learned later
    /// (`fapi::cache`). Not part of its JSON.
    #[serde(skip)]
    pub received: Stamp,
}

/// What an organization may show of its member. Every field is optional on input: none is needed
/// to show or change a membership except `user_id`, which the calls that need it check themselves.
/// Its JSON `object` and `id` keys are not user data (docs/wire.md §6) and are not kept.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct PublicUserData {
    /// Nullable.
    #[serde(default)]
    pub first_name: Option<Text>,
    /// Nullable.
    #[serde(default)]
    pub last_name: Option<Text>,
    /// Avatar URL; `""` when absent.
    #[serde(default, deserialize_with = "nullable")]
    pub image_url: Text,
    /// Whether `image_url` is an uploaded image.
    #[serde(default, deserialize_with = "nullable")]
    pub has_image: bool,
    /// The primary identifier (email, phone or username); `""` when absent.
    #[serde(default, deserialize_with = "nullable")]
    pub identifier: Text,
    /// `user_…`, the id membership paths use (docs/wire.md §4); optional and nullable.
    #[serde(default)]
    pub user_id: Option<Text>,
    /// Nullable.
    #[serde(default)]
    pub username: Option<Text>,
    /// Whether the user is banned.
    #[serde(default, deserialize_with = "nullable")]
    pub banned: bool,
    /// Whether the user was deprovisioned through SCIM.
    #[serde(default, deserialize_with = "nullable")]
    pub deprovisioned: bool,
}

impl Membership {
    fn object() -> Object {
        Object("organization_membership")
    }

    /// Whether the membership grants `key` (e.g. `org:sys_memberships:manage`).
    pub fn has_permission(&self, key: &str) -> bool {
        self.permissions.iter().any(|p| p.as_str() == key)
    }
}

impl Organization {
    fn object() -> Object {
        Object("organization")
    }
}
