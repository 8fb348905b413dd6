//! The seed: organizations, users, memberships, roles and permissions the emulator starts from
//! (and returns to on reset). Read from JSON; the default seed is embedded in the binary.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashSet;

/// The embedded default seed (`seed/default.json`): three organizations, fifteen users, custom roles.
pub const DEFAULT_SEED_JSON: &str = include_str!("../seed/default.json");

/// Everything the emulator's state is built from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seed {
    /// Permission definitions; roles refer to them by key.
    pub permissions: Vec<SeedPermission>,
    /// Roles of the instance; every organization can use every role (Clerk defines roles per instance).
    pub roles: Vec<SeedRole>,
    /// Organizations.
    pub organizations: Vec<SeedOrganization>,
    /// Users.
    pub users: Vec<SeedUser>,
    /// Memberships linking users to organizations with a role.
    pub memberships: Vec<SeedMembership>,
}

/// A permission definition.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedPermission {
    /// `perm_…`
    pub id: String,
    /// e.g. `org:sys_memberships:manage`
    pub key: String,
    /// Display name.
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// `system` or `user`.
    #[serde(rename = "type", default = "default_permission_type")]
    pub kind: String,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch.
    pub updated_at: i64,
}

fn default_permission_type() -> String {
    "user".to_owned()
}

/// A role definition.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedRole {
    /// `role_…`
    pub id: String,
    /// e.g. `org:admin`
    pub key: String,
    /// Display name (becomes a membership's `role_name`).
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Whether the role can be given to an organization's creator.
    #[serde(default)]
    pub is_creator_eligible: bool,
    /// Permission keys.
    pub permissions: Vec<String>,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch.
    pub updated_at: i64,
}

/// An organization.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedOrganization {
    /// `org_…`
    pub id: String,
    /// Name.
    pub name: String,
    /// Slug (nullable).
    #[serde(default)]
    pub slug: Option<String>,
    /// Logo URL.
    #[serde(default)]
    pub image_url: String,
    /// Whether a logo was uploaded.
    #[serde(default)]
    pub has_image: bool,
    /// Membership limit; 0 means unlimited.
    #[serde(default)]
    pub max_allowed_memberships: u64,
    /// Whether admins may delete the organization.
    #[serde(default)]
    pub admin_delete_enabled: bool,
    /// Pending invitations (reported, not emulated).
    #[serde(default)]
    pub pending_invitations_count: u64,
    /// A role-set migration is in progress: the roles list says so, and role changes are refused.
    #[serde(default)]
    pub has_role_set_migration: bool,
    /// Public metadata.
    #[serde(default = "empty_object")]
    pub public_metadata: Value,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch.
    pub updated_at: i64,
}

/// A user.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedUser {
    /// `user_…`
    pub id: String,
    /// First name (nullable).
    #[serde(default)]
    pub first_name: Option<String>,
    /// Last name (nullable).
    #[serde(default)]
    pub last_name: Option<String>,
    /// Username (nullable).
    #[serde(default)]
    pub username: Option<String>,
    /// Primary email address; the `identifier` of the user's public data.
    pub email_address: String,
    /// Avatar URL.
    #[serde(default)]
    pub image_url: String,
    /// Whether an avatar was uploaded.
    #[serde(default)]
    pub has_image: bool,
    /// Public metadata.
    #[serde(default = "empty_object")]
    pub public_metadata: Value,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch.
    pub updated_at: i64,
}

/// A membership.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedMembership {
    /// `orgmem_…`
    pub id: String,
    /// The organization's id.
    pub organization_id: String,
    /// The user's id.
    pub user_id: String,
    /// A role key.
    pub role: String,
    /// Public metadata.
    #[serde(default = "empty_object")]
    pub public_metadata: Value,
    /// Owned by directory sync: FAPI refuses to change or remove it.
    #[serde(default)]
    pub managed_by_scim: bool,
    /// The enterprise connection (SAML/OIDC SSO, `entconn_…`) the membership came from: FAPI refuses to
    /// remove it. Not part of the membership's JSON.
    #[serde(default)]
    pub enterprise_connection_id: Option<String>,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch.
    pub updated_at: i64,
}

fn empty_object() -> Value {
    Value::Object(serde_json::Map::new())
}

impl Seed {
    /// The embedded default seed.
    pub fn default_seed() -> Seed {
        // The embedded file is checked by a unit test, so this cannot fail at run time.
        Seed::from_json(DEFAULT_SEED_JSON)
            .unwrap_or_else(|e| panic!("embedded seed is invalid: {e}"))
    }

    /// Parses and validates a seed.
    pub fn from_json(text: &str) -> Result<Seed, String> {
        let seed: Seed = serde_json::from_str(text).map_err(|e| format!("seed JSON: {e}"))?;
        seed.validate()?;
        Ok(seed)
    }

    /// Checks ids are unique and references resolve.
    pub fn validate(&self) -> Result<(), String> {
        let mut ids = HashSet::new();
        let all_ids = self
            .permissions
            .iter()
            .map(|p| &p.id)
            .chain(self.roles.iter().map(|r| &r.id))
            .chain(self.organizations.iter().map(|o| &o.id))
            .chain(self.users.iter().map(|u| &u.id))
            .chain(self.memberships.iter().map(|m| &m.id));
        for id in all_ids {
            if id.is_empty() {
                return Err("seed: an id is empty".to_owned());
            }
            if !ids.insert(id.as_str()) {
                return Err(format!("seed: duplicate id {id}"));
            }
        }
        let permission_keys: HashSet<&str> =
            self.permissions.iter().map(|p| p.key.as_str()).collect();
        let mut role_keys = HashSet::new();
        for role in &self.roles {
            if !role_keys.insert(role.key.as_str()) {
                return Err(format!("seed: duplicate role key {}", role.key));
            }
            if let Some(p) = role
                .permissions
                .iter()
                .find(|p| !permission_keys.contains(p.as_str()))
            {
                return Err(format!(
                    "seed: role {} names unknown permission {p}",
                    role.key
                ));
            }
        }
        let mut pairs = HashSet::new();
        for m in &self.memberships {
            if !self.organizations.iter().any(|o| o.id == m.organization_id) {
                return Err(format!(
                    "seed: membership {} names unknown organization {}",
                    m.id, m.organization_id
                ));
            }
            if !self.users.iter().any(|u| u.id == m.user_id) {
                return Err(format!(
                    "seed: membership {} names unknown user {}",
                    m.id, m.user_id
                ));
            }
            if !role_keys.contains(m.role.as_str()) {
                return Err(format!(
                    "seed: membership {} names unknown role {}",
                    m.id, m.role
                ));
            }
            if !pairs.insert((m.organization_id.as_str(), m.user_id.as_str())) {
                return Err(format!(
                    "seed: user {} is twice in {}",
                    m.user_id, m.organization_id
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_seed_is_valid() {
        let seed = Seed::from_json(DEFAULT_SEED_JSON).expect("valid");
        assert_eq!(seed.organizations.len(), 3);
        assert_eq!(seed.users.len(), 15);
        // One organization migrating its role set, one membership from an enterprise connection.
        assert_eq!(
            seed.organizations
                .iter()
                .filter(|o| o.has_role_set_migration)
                .count(),
            1
        );
        assert_eq!(
            seed.memberships
                .iter()
                .filter(|m| m.enterprise_connection_id.is_some())
                .count(),
            1
        );
    }

    #[test]
    fn dangling_reference_is_refused() {
        let text = DEFAULT_SEED_JSON.replace("\"role\": \"org:support\"", "\"role\": \"org:nope\"");
        let err = Seed::from_json(&text).expect_err("invalid");
        assert!(err.contains("unknown role org:nope"), "{err}");
    }
}
