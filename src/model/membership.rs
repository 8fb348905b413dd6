//! `organization_membership`, `organization` and `public_user_data` as the Frontend API sends them
//! (WIRE.md §6), read from and written back to JSON with the documented defaults.

use crate::error::Error;
use crate::model::json::{boolean, count, string, strings, timestamp, Fields, Json, Snapshot};

/// A membership: one user's role in one organization. `J` is the JSON value type metadata stays in.
#[derive(Debug, Clone, PartialEq)]
pub struct MembershipJson<J> {
    /// `orgmem_…`.
    pub id: String,
    /// Application-defined data, the input's own object; `{}` when absent or null.
    pub public_metadata: J,
    /// Role key, e.g. `org:admin`.
    pub role: String,
    /// Human-readable role name; clerk-js's own fixtures leave it out, so it is optional.
    pub role_name: Option<String>,
    /// Permission keys; FAPI sends `null` for none.
    pub permissions: Vec<String>,
    /// Milliseconds since the epoch.
    pub created_at: i64,
    /// Milliseconds since the epoch.
    pub updated_at: i64,
    /// The organization, embedded.
    pub organization: OrganizationJson<J>,
    /// The member; optional and nullable.
    pub public_user_data: Option<PublicUserDataJson>,
}

/// An organization as embedded in a membership.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganizationJson<J> {
    /// `org_…`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// URL-friendly name; nullable.
    pub slug: Option<String>,
    /// Logo or generated avatar; `""` when absent.
    pub image_url: String,
    /// Whether `image_url` is an uploaded image.
    pub has_image: bool,
    /// Application-defined data; `{}` when absent or null.
    pub public_metadata: J,
    /// Number of members; 0 when absent.
    pub members_count: u32,
    /// Number of pending invitations; 0 when absent.
    pub pending_invitations_count: u32,
    /// Membership limit of the plan; 0 when absent.
    pub max_allowed_memberships: u32,
    /// Whether admins may delete the organization.
    pub admin_delete_enabled: bool,
    /// Whether the organization can configure self-serve enterprise SSO.
    pub self_serve_sso_enabled: bool,
    /// Whether members may belong to this organization only.
    pub exclusive_membership: bool,
    /// Milliseconds since the epoch.
    pub created_at: i64,
    /// Milliseconds since the epoch.
    pub updated_at: i64,
}

/// What an organization may show of its member. Every field is optional on input: none is needed
/// to show or change a membership except `user_id`, which the calls that need it check themselves.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PublicUserDataJson {
    /// Nullable.
    pub first_name: Option<String>,
    /// Nullable.
    pub last_name: Option<String>,
    /// Avatar URL; `""` when absent.
    pub image_url: String,
    /// Whether `image_url` is an uploaded image.
    pub has_image: bool,
    /// The primary identifier (email, phone or username); `""` when absent.
    pub identifier: String,
    /// `user_…`, the id membership paths use (WIRE.md §4); optional and nullable.
    pub user_id: Option<String>,
    /// Nullable.
    pub username: Option<String>,
    /// Whether the user is banned.
    pub banned: bool,
    /// Whether the user was deprovisioned through SCIM.
    pub deprovisioned: bool,
}

impl<J: Json> MembershipJson<J> {
    /// Reads a membership; unknown keys are ignored, the first problem is named by its path.
    pub fn from_json(json: &J) -> Result<Self, Error> {
        // Fields are read in the order of WIRE.md §6, so the first problem reported is the first one there.
        let f = Fields::root(json)?;
        Ok(MembershipJson {
            id: f.required("id", string)?,
            public_metadata: f.metadata("public_metadata")?,
            role: f.required("role", string)?,
            role_name: f.optional("role_name", string)?,
            permissions: f.or_default("permissions", strings)?,
            created_at: f.required("created_at", timestamp)?,
            updated_at: f.required("updated_at", timestamp)?,
            organization: OrganizationJson::from_fields(
                &f.nested("organization", "organization.")?,
            )?,
            public_user_data: match f.optional_nested("public_user_data", "public_user_data.")? {
                Some(user) => Some(PublicUserDataJson::from_fields(&user)?),
                None => None,
            },
        })
    }

    /// The snake_case snapshot, `object` first, timestamps in milliseconds.
    pub fn to_json(&self) -> J {
        let permissions = self.permissions.iter().map(|p| J::text(p)).collect();
        Snapshot::new("organization_membership")
            .text("id", &self.id)
            .put("public_metadata", self.public_metadata.clone())
            .text("role", &self.role)
            .maybe("role_name", self.role_name.as_deref())
            .put("permissions", J::list(permissions))
            .num("created_at", self.created_at as f64)
            .num("updated_at", self.updated_at as f64)
            .put("organization", self.organization.to_json())
            .put(
                "public_user_data",
                self.public_user_data
                    .as_ref()
                    .map_or_else(J::null, PublicUserDataJson::to_json),
            )
            .done()
    }

    /// Whether the membership grants `key` (e.g. `org:sys_memberships:manage`).
    pub fn has_permission(&self, key: &str) -> bool {
        self.permissions.iter().any(|p| p == key)
    }
}

impl<J: Json> OrganizationJson<J> {
    fn from_fields(f: &Fields<J>) -> Result<Self, Error> {
        Ok(OrganizationJson {
            id: f.required("id", string)?,
            name: f.required("name", string)?,
            slug: f.optional("slug", string)?,
            image_url: f.or_default("image_url", string)?,
            has_image: f.or_default("has_image", boolean)?,
            public_metadata: f.metadata("public_metadata")?,
            members_count: f.or_default("members_count", count)?,
            pending_invitations_count: f.or_default("pending_invitations_count", count)?,
            max_allowed_memberships: f.or_default("max_allowed_memberships", count)?,
            admin_delete_enabled: f.or_default("admin_delete_enabled", boolean)?,
            self_serve_sso_enabled: f.or_default("self_serve_sso_enabled", boolean)?,
            exclusive_membership: f.or_default("exclusive_membership", boolean)?,
            created_at: f.required("created_at", timestamp)?,
            updated_at: f.required("updated_at", timestamp)?,
        })
    }

    /// The snake_case snapshot, `object` first.
    pub fn to_json(&self) -> J {
        Snapshot::new("organization")
            .text("id", &self.id)
            .text("name", &self.name)
            .maybe("slug", self.slug.as_deref())
            .text("image_url", &self.image_url)
            .flag("has_image", self.has_image)
            .put("public_metadata", self.public_metadata.clone())
            .num("members_count", self.members_count.into())
            .num(
                "pending_invitations_count",
                self.pending_invitations_count.into(),
            )
            .num(
                "max_allowed_memberships",
                self.max_allowed_memberships.into(),
            )
            .flag("admin_delete_enabled", self.admin_delete_enabled)
            .flag("self_serve_sso_enabled", self.self_serve_sso_enabled)
            .flag("exclusive_membership", self.exclusive_membership)
            .num("created_at", self.created_at as f64)
            .num("updated_at", self.updated_at as f64)
            .done()
    }
}

impl PublicUserDataJson {
    fn from_fields<J: Json>(f: &Fields<J>) -> Result<Self, Error> {
        Ok(PublicUserDataJson {
            first_name: f.optional("first_name", string)?,
            last_name: f.optional("last_name", string)?,
            image_url: f.or_default("image_url", string)?,
            has_image: f.or_default("has_image", boolean)?,
            identifier: f.or_default("identifier", string)?,
            user_id: f.optional("user_id", string)?,
            username: f.optional("username", string)?,
            banned: f.or_default("banned", boolean)?,
            deprovisioned: f.or_default("deprovisioned", boolean)?,
        })
    }

    /// The snake_case snapshot (its `object` and `id` keys are not user data: WIRE.md §6).
    pub fn to_json<J: Json>(&self) -> J {
        Snapshot::plain()
            .maybe("first_name", self.first_name.as_deref())
            .maybe("last_name", self.last_name.as_deref())
            .text("image_url", &self.image_url)
            .flag("has_image", self.has_image)
            .text("identifier", &self.identifier)
            .maybe("user_id", self.user_id.as_deref())
            .maybe("username", self.username.as_deref())
            .flag("banned", self.banned)
            .flag("deprovisioned", self.deprovisioned)
            .done()
    }
}
