//! The JSON the emulator writes, built from its own wire types ([`crate::wire`]), never from the client
//! crate's. Key sets are checked against the spec fixtures (WIRE.md §6) in the tests below and over HTTP.

use super::auth::Session;
use super::Store;
use crate::seed::{SeedInvitation, SeedMembership, SeedMembershipRequest, SeedOrganization};
use crate::seed::{SeedRole, SeedSuggestion, SeedUser};
use crate::wire::*;

const DAY_MS: i64 = 86_400_000;

impl Store {
    /// An organization with its live member and pending invitation counts.
    pub(super) fn organization_json(&self, org: &SeedOrganization) -> OrganizationJson {
        OrganizationJson {
            object: "organization",
            id: org.id.clone(),
            name: org.name.clone(),
            slug: org.slug.clone(),
            image_url: org.image_url.clone(),
            has_image: org.has_image,
            members_count: self.members_count(&org.id),
            pending_invitations_count: self.pending_invitations(&org.id),
            max_allowed_memberships: org.max_allowed_memberships,
            admin_delete_enabled: org.admin_delete_enabled,
            public_metadata: org.public_metadata.clone(),
            created_at: org.created_at,
            updated_at: org.updated_at,
        }
    }

    pub(super) fn public_user_data(user: &SeedUser) -> PublicUserDataJson {
        PublicUserDataJson {
            first_name: user.first_name.clone(),
            last_name: user.last_name.clone(),
            image_url: user.image_url.clone(),
            has_image: user.has_image,
            identifier: user.email_address.clone(),
            user_id: user.id.clone(),
            username: user.username.clone(),
        }
    }

    /// A membership with its role's name and permissions, its organization and its user embedded.
    pub(super) fn membership_json(&self, m: &SeedMembership) -> MembershipJson {
        let role = self.role(&m.role);
        let organization = match self.org(&m.organization_id) {
            Some(org) => self.organization_json(org),
            None => self.organization_json(&missing_org(&m.organization_id)),
        };
        let public_user_data = match self.user(&m.user_id) {
            Some(user) => Self::public_user_data(user),
            None => Self::public_user_data(&missing_user(&m.user_id)),
        };
        MembershipJson {
            object: "organization_membership",
            id: m.id.clone(),
            public_metadata: m.public_metadata.clone(),
            role: m.role.clone(),
            role_name: role.map(|r| r.name.clone()).unwrap_or_default(),
            permissions: role.map(|r| r.permissions.clone()).unwrap_or_default(),
            created_at: m.created_at,
            updated_at: m.updated_at,
            organization,
            public_user_data,
        }
    }

    /// A role with its permissions resolved to their definitions.
    pub(super) fn role_json(&self, role: &SeedRole) -> RoleJson {
        RoleJson {
            object: "role",
            id: role.id.clone(),
            key: role.key.clone(),
            name: role.name.clone(),
            description: role.description.clone(),
            is_creator_eligible: role.is_creator_eligible,
            permissions: role
                .permissions
                .iter()
                .filter_map(|key| self.state.data.permissions.iter().find(|p| &p.key == key))
                .map(|p| PermissionJson {
                    object: "permission",
                    id: p.id.clone(),
                    key: p.key.clone(),
                    name: p.name.clone(),
                    description: p.description.clone(),
                    kind: p.kind.clone(),
                    created_at: p.created_at,
                    updated_at: p.updated_at,
                })
                .collect(),
            created_at: role.created_at,
            updated_at: role.updated_at,
        }
    }

    fn user_json(&self, user: &SeedUser) -> UserJson {
        let email_id = format!("idn_{}", user.id.trim_start_matches("user_"));
        UserJson {
            id: user.id.clone(),
            object: "user",
            username: user.username.clone(),
            first_name: user.first_name.clone(),
            last_name: user.last_name.clone(),
            image_url: user.image_url.clone(),
            has_image: user.has_image,
            primary_email_address_id: email_id.clone(),
            email_addresses: vec![EmailAddressJson {
                id: email_id,
                object: "email_address",
                email_address: user.email_address.clone(),
            }],
            public_metadata: user.public_metadata.clone(),
            organization_memberships: self
                .sorted_memberships(|m| m.user_id == user.id)
                .into_iter()
                .map(|m| self.membership_json(m))
                .collect(),
            created_at: user.created_at,
            updated_at: user.updated_at,
        }
    }

    /// A session with its user and all the user's memberships; `None` when the user is gone.
    pub(super) fn session_json(&self, s: &Session) -> Option<SessionJson> {
        let user = self.user(&s.user_id)?;
        Some(SessionJson {
            object: "session",
            id: s.id.clone(),
            status: "active",
            expire_at: s.updated_at + 7 * DAY_MS,
            abandon_at: s.created_at + 30 * DAY_MS,
            last_active_at: s.updated_at,
            last_active_organization_id: s.last_active_organization_id.clone(),
            last_active_token: None,
            actor: None,
            user: self.user_json(user),
            public_user_data: Self::public_user_data(user),
            created_at: s.created_at,
            updated_at: s.updated_at,
        })
    }

    /// The client as piggybacked in the envelope: its sessions, users and their memberships.
    pub fn client_json(&self, client_id: &str) -> Option<ClientJson> {
        let client = self.client(client_id)?;
        Some(ClientJson {
            object: "client",
            id: client.id.clone(),
            sessions: client
                .sessions
                .iter()
                .filter_map(|s| self.session_json(s))
                .collect(),
            sign_in: None,
            sign_up: None,
            last_active_session_id: client.last_active_session_id.clone(),
            last_authentication_strategy: None,
            cookie_expires_at: None,
            captcha_bypass: false,
            created_at: client.created_at,
            updated_at: client.updated_at,
        })
    }

    /// A page of memberships: `{ data, total_count }`, or the legacy bare array.
    pub(super) fn page(
        &self,
        list: Vec<&SeedMembership>,
        paging: super::Paging,
    ) -> super::MembershipList {
        super::paginate(list, paging, |m| self.membership_json(m))
    }

    /// What an invitee may see of an organization.
    pub(super) fn public_organization_data(&self, org_id: &str) -> PublicOrganizationDataJson {
        let missing;
        let org = match self.org(org_id) {
            Some(org) => org,
            None => {
                missing = missing_org(org_id);
                &missing
            }
        };
        PublicOrganizationDataJson {
            id: org.id.clone(),
            name: org.name.clone(),
            slug: org.slug.clone().unwrap_or_default(),
            image_url: org.image_url.clone(),
            has_image: org.has_image,
        }
    }

    /// An invitation as the organization's admins see it, or (`for_invitee`) as the invitee does, with
    /// the organization's public data.
    pub(super) fn invitation_json(&self, i: &SeedInvitation, for_invitee: bool) -> InvitationJson {
        InvitationJson {
            object: "organization_invitation",
            id: i.id.clone(),
            email_address: i.email_address.clone(),
            role: i.role.clone(),
            role_name: self
                .role(&i.role)
                .map(|r| r.name.clone())
                .unwrap_or_default(),
            organization_id: i.organization_id.clone(),
            public_organization_data: for_invitee
                .then(|| self.public_organization_data(&i.organization_id)),
            status: i.status.clone(),
            public_metadata: i.public_metadata.clone(),
            url: None,
            expires_at: i.expires_at,
            created_at: i.created_at,
            updated_at: i.updated_at,
        }
    }

    /// A membership request with the requester's public data.
    pub(super) fn membership_request_json(
        &self,
        r: &SeedMembershipRequest,
    ) -> MembershipRequestJson {
        let public_user_data = match self.user(&r.user_id) {
            Some(user) => Self::public_user_data(user),
            None => Self::public_user_data(&missing_user(&r.user_id)),
        };
        MembershipRequestJson {
            object: "organization_membership_request",
            id: r.id.clone(),
            organization_id: r.organization_id.clone(),
            status: r.status.clone(),
            public_user_data,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }

    /// A suggestion with the suggested organization's public data.
    pub(super) fn suggestion_json(&self, s: &SeedSuggestion) -> SuggestionJson {
        SuggestionJson {
            object: "organization_suggestion",
            id: s.id.clone(),
            public_organization_data: self.public_organization_data(&s.organization_id),
            status: s.status.clone(),
            created_at: s.created_at,
            updated_at: s.updated_at,
        }
    }

    /// A debugging dump (`GET /__emulator/state`).
    pub fn dump(&self) -> StateDumpJson {
        StateDumpJson {
            organizations: self
                .state
                .data
                .organizations
                .iter()
                .map(|o| self.organization_json(o))
                .collect(),
            users: self
                .state
                .data
                .users
                .iter()
                .map(Self::public_user_data)
                .collect(),
            memberships: self
                .sorted_memberships(|_| true)
                .into_iter()
                .map(|m| self.membership_json(m))
                .collect(),
            invitations: self
                .sorted_invitations(|_| true)
                .into_iter()
                .map(|i| self.invitation_json(i, false))
                .collect(),
            membership_requests: self
                .sorted_requests(|_| true)
                .into_iter()
                .map(|r| self.membership_request_json(r))
                .collect(),
            suggestions: self
                .sorted_suggestions(|_| true)
                .into_iter()
                .map(|s| SuggestionDumpJson {
                    user_id: s.user_id.clone(),
                    suggestion: self.suggestion_json(s),
                })
                .collect(),
            clients: self
                .state
                .clients
                .iter()
                .filter_map(|c| self.client_json(&c.id))
                .collect(),
        }
    }
}

/// Stands in for an organization a membership names but the data lacks (a seed is validated, so only a
/// bug could get here); rendering never panics.
fn missing_org(id: &str) -> SeedOrganization {
    SeedOrganization {
        id: id.to_owned(),
        name: String::new(),
        slug: None,
        image_url: String::new(),
        has_image: false,
        max_allowed_memberships: 0,
        admin_delete_enabled: false,
        pending_invitations_count: None,
        has_role_set_migration: false,
        public_metadata: serde_json::Value::Object(serde_json::Map::new()),
        created_at: 0,
        updated_at: 0,
    }
}

fn missing_user(id: &str) -> SeedUser {
    SeedUser {
        id: id.to_owned(),
        first_name: None,
        last_name: None,
        username: None,
        email_address: String::new(),
        image_url: String::new(),
        has_image: false,
        public_metadata: serde_json::Value::Object(serde_json::Map::new()),
        created_at: 0,
        updated_at: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::Seed;
    use serde_json::Value;

    const ADA_IN_ACME: &str = "orgmem_2aAda0Acme1Hk4Qz7Xp";

    fn keys(value: &Value) -> Vec<String> {
        let mut keys: Vec<String> = value
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        keys.sort();
        keys
    }

    fn fixture(name: &str) -> Value {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn ada_in_acme(store: &Store) -> Value {
        let m = store
            .state
            .data
            .memberships
            .iter()
            .find(|m| m.id == ADA_IN_ACME)
            .expect("seeded");
        serde_json::to_value(store.membership_json(m)).expect("json")
    }

    #[test]
    fn a_membership_has_exactly_the_fixtures_keys_with_object_first() {
        let store = Store::new(Seed::default_seed());
        let json = ada_in_acme(&store);
        let expected = fixture("membership-admin.json");
        assert_eq!(keys(&json), keys(&expected));
        for part in ["organization", "public_user_data"] {
            assert_eq!(keys(&json[part]), keys(&expected[part]), "{part}");
        }
        let text = serde_json::to_string(
            &store.membership_json(
                store
                    .state
                    .data
                    .memberships
                    .iter()
                    .find(|m| m.id == ADA_IN_ACME)
                    .expect("seeded"),
            ),
        )
        .expect("json");
        assert!(
            text.starts_with(r#"{"object":"organization_membership","#),
            "{text}"
        );
    }

    #[test]
    fn a_membership_carries_its_roles_name_and_permissions_and_a_live_count() {
        let store = Store::new(Seed::default_seed());
        let json = ada_in_acme(&store);
        assert_eq!(json["role"], "org:admin");
        assert_eq!(json["role_name"], "Admin");
        assert!(json["permissions"]
            .as_array()
            .expect("array")
            .iter()
            .any(|p| p == "org:sys_memberships:manage"));
        assert_eq!(json["organization"]["members_count"], 8);
        assert_eq!(json["public_user_data"]["identifier"], "ada@acme.test");
        // Timestamps are integer milliseconds (WIRE.md §6).
        assert!(json["created_at"].as_i64().expect("ms") > 1_000_000_000_000);
    }

    #[test]
    fn roles_resolve_their_permissions() {
        let store = Store::new(Seed::default_seed());
        let billing = store.role("org:billing").expect("seeded");
        let json = serde_json::to_value(store.role_json(billing)).expect("json");
        assert_eq!(json["object"], "role");
        let kinds: Vec<&Value> = json["permissions"]
            .as_array()
            .expect("array")
            .iter()
            .map(|p| &p["type"])
            .collect();
        assert_eq!(kinds, ["system", "user"]);
    }

    #[test]
    fn the_dump_lists_everything() {
        let store = Store::new(Seed::default_seed());
        let dump = serde_json::to_value(store.dump()).expect("json");
        assert_eq!(
            keys(&dump),
            [
                "clients",
                "invitations",
                "membership_requests",
                "memberships",
                "organizations",
                "suggestions",
                "users"
            ]
        );
        assert_eq!(
            dump["memberships"].as_array().map(Vec::len),
            Some(store.state.data.memberships.len())
        );
    }
}
