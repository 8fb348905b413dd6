//! The seed: organizations, users, memberships, roles and permissions the emulator starts from
//! (and returns to on reset), with the organizations' invitations and membership requests and the users'
//! organization suggestions. Read from JSON; the default seed is embedded in the binary.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashSet;

/// The embedded default seed (`seed/default.json`): three organizations, fifteen users, custom roles,
/// invitations, membership requests and suggestions.
pub const DEFAULT_SEED_JSON: &str = include_str!("../seed/default.json");

/// The statuses of an organization invitation: the enum of `Client.OrganizationInvitation.status` in
/// the FAPI excerpt. Only `pending` ones count, toward `pending_invitations_count` and the quota.
pub const INVITATION_STATUSES: [&str; 5] =
    ["pending", "revoked", "accepted", "expired", "completed"];
/// The statuses of a membership request (the excerpt types it as a plain string; these are the ones the
/// emulator gives: a request is accepted or rejected by an admin).
pub const REQUEST_STATUSES: [&str; 3] = ["pending", "accepted", "rejected"];
/// The statuses of an organization suggestion (clerk-js's `OrganizationSuggestionStatus`).
pub const SUGGESTION_STATUSES: [&str; 2] = ["pending", "accepted"];
/// The role an accepted membership request gives: the instance's default role for members who join
/// through a domain, `organization_settings.domains.default_role` in `/v1/environment`.
pub const DEFAULT_ROLE: &str = "org:member";

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
    /// Invitations to join an organization, by email address, in any status.
    #[serde(default)]
    pub invitations: Vec<SeedInvitation>,
    /// Users' requests to join an organization, in any status.
    #[serde(default)]
    pub membership_requests: Vec<SeedMembershipRequest>,
    /// Organizations suggested to users (the ones they may ask to join).
    #[serde(default)]
    pub suggestions: Vec<SeedSuggestion>,
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
    /// The number of pending invitations, if the seed states it: it must then equal the pending
    /// `invitations` of the organization. The count on the wire is always counted from those, so the
    /// emulator drops this key once the seed is checked, and a state file never holds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_invitations_count: Option<u64>,
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

/// An invitation to join an organization.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedInvitation {
    /// `orginv_…`
    pub id: String,
    /// The organization's id.
    pub organization_id: String,
    /// The invitee's address (compared without regard to case).
    pub email_address: String,
    /// The role the invitee gets on accepting.
    pub role: String,
    /// One of [`INVITATION_STATUSES`].
    pub status: String,
    /// Public metadata.
    #[serde(default = "empty_object")]
    pub public_metadata: Value,
    /// ms since the epoch; `null` when it does not expire (nothing expires by itself in the emulator).
    #[serde(default)]
    pub expires_at: Option<i64>,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch.
    pub updated_at: i64,
}

/// A user's request to join an organization.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedMembershipRequest {
    /// `orgreq_…`
    pub id: String,
    /// The organization's id.
    pub organization_id: String,
    /// The requesting user's id.
    pub user_id: String,
    /// One of [`REQUEST_STATUSES`].
    pub status: String,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch.
    pub updated_at: i64,
}

/// An organization suggested to a user.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedSuggestion {
    /// `orgsug_…`
    pub id: String,
    /// The suggested organization's id.
    pub organization_id: String,
    /// The user it is suggested to.
    pub user_id: String,
    /// One of [`SUGGESTION_STATUSES`].
    pub status: String,
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
            .chain(self.memberships.iter().map(|m| &m.id))
            .chain(self.invitations.iter().map(|i| &i.id))
            .chain(self.membership_requests.iter().map(|r| &r.id))
            .chain(self.suggestions.iter().map(|s| &s.id));
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
        self.validate_invitations(&role_keys)?;
        self.validate_requests_and_suggestions(&role_keys)
    }

    fn names_organization(&self, what: &str, id: &str, org_id: &str) -> Result<(), String> {
        if self.organizations.iter().any(|o| o.id == org_id) {
            Ok(())
        } else {
            Err(format!(
                "seed: {what} {id} names unknown organization {org_id}"
            ))
        }
    }

    fn names_user(&self, what: &str, id: &str, user_id: &str) -> Result<(), String> {
        if self.users.iter().any(|u| u.id == user_id) {
            Ok(())
        } else {
            Err(format!("seed: {what} {id} names unknown user {user_id}"))
        }
    }

    /// Invitations name an organization and a role, have a status of the excerpt's enum and a valid
    /// address, at most one is pending per organization and address, and an organization's stated
    /// `pending_invitations_count` is the number of its pending ones.
    fn validate_invitations(&self, role_keys: &HashSet<&str>) -> Result<(), String> {
        let mut pending = HashSet::new();
        for i in &self.invitations {
            self.names_organization("invitation", &i.id, &i.organization_id)?;
            if !role_keys.contains(i.role.as_str()) {
                return Err(format!(
                    "seed: invitation {} names unknown role {}",
                    i.id, i.role
                ));
            }
            if !INVITATION_STATUSES.contains(&i.status.as_str()) {
                return Err(format!(
                    "seed: invitation {} has status {:?}, not one of {INVITATION_STATUSES:?}",
                    i.id, i.status
                ));
            }
            let address = crate::email::normalize(&i.email_address).ok_or_else(|| {
                format!(
                    "seed: invitation {} has an invalid email address {:?}",
                    i.id, i.email_address
                )
            })?;
            if i.status == "pending" && !pending.insert((i.organization_id.as_str(), address)) {
                return Err(format!(
                    "seed: invitation {} is a second pending invitation of {} in {}",
                    i.id, i.email_address, i.organization_id
                ));
            }
        }
        for org in &self.organizations {
            let counted = pending.iter().filter(|(o, _)| *o == org.id).count() as u64;
            match org.pending_invitations_count {
                Some(stated) if stated != counted => {
                    return Err(format!(
                        "seed: organization {} states pending_invitations_count {stated}, but {counted} of its \
                         invitations are pending: list them under \"invitations\", or leave the key out",
                        org.id
                    ))
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Requests and suggestions name an organization and a user and have a known status; a user has at
    /// most one pending request per organization; accepting a request needs [`DEFAULT_ROLE`].
    fn validate_requests_and_suggestions(&self, role_keys: &HashSet<&str>) -> Result<(), String> {
        let mut pending = HashSet::new();
        for r in &self.membership_requests {
            self.names_organization("membership request", &r.id, &r.organization_id)?;
            self.names_user("membership request", &r.id, &r.user_id)?;
            if !REQUEST_STATUSES.contains(&r.status.as_str()) {
                return Err(format!(
                    "seed: membership request {} has status {:?}, not one of {REQUEST_STATUSES:?}",
                    r.id, r.status
                ));
            }
            if r.status == "pending"
                && !pending.insert((r.organization_id.as_str(), r.user_id.as_str()))
            {
                return Err(format!(
                    "seed: membership request {} is a second pending request of {} to {}",
                    r.id, r.user_id, r.organization_id
                ));
            }
        }
        for s in &self.suggestions {
            self.names_organization("suggestion", &s.id, &s.organization_id)?;
            self.names_user("suggestion", &s.id, &s.user_id)?;
            if !SUGGESTION_STATUSES.contains(&s.status.as_str()) {
                return Err(format!(
                    "seed: suggestion {} has status {:?}, not one of {SUGGESTION_STATUSES:?}",
                    s.id, s.status
                ));
            }
        }
        let requests_possible =
            !self.membership_requests.is_empty() || !self.suggestions.is_empty();
        if requests_possible && !role_keys.contains(DEFAULT_ROLE) {
            return Err(format!(
                "seed: membership requests are accepted with the role {DEFAULT_ROLE}, which the seed does not define"
            ));
        }
        Ok(())
    }

    /// The seed with every organization's stated `pending_invitations_count` dropped (checked by
    /// [`Seed::validate`]; from then on the count is counted from the invitations).
    pub fn without_stated_counts(mut self) -> Seed {
        for org in &mut self.organizations {
            org.pending_invitations_count = None;
        }
        self
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
    fn the_default_seed_has_invitations_requests_and_suggestions() {
        let seed = Seed::from_json(DEFAULT_SEED_JSON).expect("valid");
        let pending = |org: &str| {
            seed.invitations
                .iter()
                .filter(|i| i.organization_id == org && i.status == "pending")
                .count() as u64
        };
        // Every organization states its count, and the pending invitations match it.
        for org in &seed.organizations {
            assert_eq!(
                org.pending_invitations_count,
                Some(pending(&org.id)),
                "{}",
                org.id
            );
        }
        assert_eq!(pending("org_2aAcmeRockets7Qm4Xk9ZpT1"), 1);
        let statuses: HashSet<&str> = seed.invitations.iter().map(|i| i.status.as_str()).collect();
        assert_eq!(
            statuses.len(),
            4,
            "pending, accepted, revoked, expired: {statuses:?}"
        );
        assert!(seed
            .membership_requests
            .iter()
            .any(|r| r.status == "pending"));
        assert!(seed
            .membership_requests
            .iter()
            .any(|r| r.status == "rejected"));
        assert!(seed.suggestions.iter().any(|s| s.status == "pending"));
        // The stated counts go once checked; a state never holds them.
        let json = serde_json::to_string(&seed.without_stated_counts()).expect("json");
        assert!(!json.contains("pending_invitations_count"));
    }

    #[test]
    fn a_stated_count_must_match_the_pending_invitations() {
        let text = DEFAULT_SEED_JSON.replacen(
            "\"pending_invitations_count\": 1",
            "\"pending_invitations_count\": 2",
            1,
        );
        let err = Seed::from_json(&text).expect_err("invalid");
        assert!(
            err.contains(
                "states pending_invitations_count 2, but 1 of its invitations are pending"
            ),
            "{err}"
        );
    }

    #[test]
    fn invitations_requests_and_suggestions_are_checked() {
        let refused = |from: &str, to: &str, why: &str| {
            assert!(DEFAULT_SEED_JSON.contains(from), "{from}");
            match Seed::from_json(&DEFAULT_SEED_JSON.replacen(from, to, 1)) {
                Ok(_) => panic!("accepted: {to}"),
                Err(err) => assert!(err.contains(why), "{err}"),
            }
        };
        refused(
            "\"email_address\": \"tim@example.test\",\n      \"role\"",
            "\"email_address\": \"tim at example\",\n      \"role\"",
            "invalid email address",
        );
        refused(
            "\"status\": \"revoked\"",
            "\"status\": \"withdrawn\"",
            "has status \"withdrawn\"",
        );
        refused(
            "\"role\": \"org:billing\",\n      \"status\"",
            "\"role\": \"org:nope\",\n      \"status\"",
            "names unknown role org:nope",
        );
        refused(
            "\"status\": \"rejected\"",
            "\"status\": \"declined\"",
            "membership request orgreq_2aAcmeJohn0Rejected9Kp has status",
        );
        refused(
            "\"user_id\": \"user_2cTimBernersLee8xFk\",\n      \"status\": \"accepted\"",
            "\"user_id\": \"user_gone\",\n      \"status\": \"accepted\"",
            "suggestion orgsug_2bGlobexTim0Accept8Yx names unknown user user_gone",
        );
        refused(
            "\"user_id\": \"user_2cEdsgerDijkstra7aJn\",\n      \"status\": \"pending\"",
            "\"user_id\": \"user_2bClaudeShannon4vDi\",\n      \"status\": \"pending\"",
            "is a second pending request of user_2bClaudeShannon4vDi",
        );
        refused(
            "\"email_address\": \"charles@babbage.test\",\n      \"role\": \"org:billing\",\n      \"status\": \"revoked\"",
            "\"email_address\": \"TIM@example.test\",\n      \"role\": \"org:billing\",\n      \"status\": \"pending\"",
            "invitation orginv_2aAcmeTim0Pending4Kq7 is a second pending invitation of tim@example.test",
        );
    }

    #[test]
    fn dangling_reference_is_refused() {
        let text = DEFAULT_SEED_JSON.replace("\"role\": \"org:support\"", "\"role\": \"org:nope\"");
        let err = Seed::from_json(&text).expect_err("invalid");
        assert!(err.contains("unknown role org:nope"), "{err}");
    }
}
