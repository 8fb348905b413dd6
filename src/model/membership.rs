//! `organization_membership`, `organization` and `public_user_data` as the Frontend API sends them
//! (WIRE.md §6). Serialising gives the `toJSON` snapshot: the same snake_case keys, `object` first.

use serde::{Deserialize, Deserializer, Serialize};

/// A membership: one user's role in one organization.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(bound(
    deserialize = "M: Deserialize<'de> + Default",
    serialize = "M: Serialize"
))]
pub struct MembershipJson<M> {
    /// Always `"organization_membership"` in a snapshot; ignored on input.
    #[serde(skip_deserializing, default = "tag::membership")]
    pub object: &'static str,
    /// `orgmem_…`.
    pub id: String,
    /// Application-defined data; `{}` when absent or null.
    #[serde(default, deserialize_with = "null_as_default")]
    pub public_metadata: M,
    /// Role key, e.g. `org:admin`.
    pub role: String,
    /// Human-readable role name; clerk-js leaves it out in its own fixtures, so it is optional.
    #[serde(default)]
    pub role_name: Option<String>,
    /// Permission keys; FAPI sends `null` for none (WIRE.md §6).
    #[serde(default, deserialize_with = "null_as_default")]
    pub permissions: Vec<String>,
    /// Milliseconds since the epoch.
    pub created_at: i64,
    /// Milliseconds since the epoch.
    pub updated_at: i64,
    /// The organization, embedded.
    pub organization: OrganizationJson<M>,
    /// The member; optional and nullable.
    #[serde(default)]
    pub public_user_data: Option<PublicUserDataJson>,
}

/// An organization as embedded in a membership.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(bound(
    deserialize = "M: Deserialize<'de> + Default",
    serialize = "M: Serialize"
))]
pub struct OrganizationJson<M> {
    /// Always `"organization"` in a snapshot; ignored on input.
    #[serde(skip_deserializing, default = "tag::organization")]
    pub object: &'static str,
    /// `org_…`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// URL-friendly name; nullable.
    #[serde(default)]
    pub slug: Option<String>,
    /// Logo or generated avatar.
    #[serde(default, deserialize_with = "null_as_default")]
    pub image_url: String,
    /// Whether `image_url` is an uploaded image.
    #[serde(default, deserialize_with = "null_as_default")]
    pub has_image: bool,
    /// Application-defined data; `{}` when absent or null.
    #[serde(default, deserialize_with = "null_as_default")]
    pub public_metadata: M,
    /// Number of members; 0 when absent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub members_count: u32,
    /// Number of pending invitations; 0 when absent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub pending_invitations_count: u32,
    /// Membership limit of the plan; 0 when absent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub max_allowed_memberships: u32,
    /// Whether admins may delete the organization.
    #[serde(default, deserialize_with = "null_as_default")]
    pub admin_delete_enabled: bool,
    /// Whether the organization can configure self-serve enterprise SSO.
    #[serde(default, deserialize_with = "null_as_default")]
    pub self_serve_sso_enabled: bool,
    /// Whether members may belong to this organization only.
    #[serde(default, deserialize_with = "null_as_default")]
    pub exclusive_membership: bool,
    /// Milliseconds since the epoch.
    pub created_at: i64,
    /// Milliseconds since the epoch.
    pub updated_at: i64,
}

/// What an organization may show of its member. Every field is optional on input: none is needed
/// to list or change a membership except `user_id`, which `update` and `destroy` check themselves.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct PublicUserDataJson {
    /// Nullable.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Nullable.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Avatar URL; `""` when absent or null.
    #[serde(default, deserialize_with = "null_as_default")]
    pub image_url: String,
    /// Whether `image_url` is an uploaded image.
    #[serde(default, deserialize_with = "null_as_default")]
    pub has_image: bool,
    /// The user's primary identifier (email, phone or username).
    #[serde(default, deserialize_with = "null_as_default")]
    pub identifier: String,
    /// `user_…`: the id that membership paths use (WIRE.md §4); optional and nullable.
    #[serde(default)]
    pub user_id: Option<String>,
    /// Nullable.
    #[serde(default)]
    pub username: Option<String>,
    /// Whether the user is banned.
    #[serde(default, deserialize_with = "null_as_default")]
    pub banned: bool,
    /// Whether the user was deprovisioned through SCIM.
    #[serde(default, deserialize_with = "null_as_default")]
    pub deprovisioned: bool,
}

impl<M> MembershipJson<M> {
    /// Whether the membership grants `key` (e.g. `org:sys_memberships:manage`).
    pub fn has_permission(&self, key: &str) -> bool {
        self.permissions.iter().any(|p| p == key)
    }
}

/// The `object` values written in snapshots.
mod tag {
    pub fn membership() -> &'static str {
        "organization_membership"
    }
    pub fn organization() -> &'static str {
        "organization"
    }
}

/// FAPI sends `null` where the SDKs use an empty value (`permissions: null`, `image_url: null`).
fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}
