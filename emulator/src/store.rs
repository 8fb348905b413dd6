//! The emulator's state and Clerk's membership rules. Pure: no HTTP here, every operation returns
//! a wire type or an [`ApiError`]. The server keeps one `Store` behind a mutex.

use crate::error::ApiError;
use crate::seed::{Seed, SeedMembership, SeedOrganization, SeedUser};
use crate::wire::*;
use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::time::{SystemTime, UNIX_EPOCH};

/// The permission that update, remove and add need.
pub const MANAGE: &str = "org:sys_memberships:manage";
/// The permission that listing members needs.
pub const READ: &str = "org:sys_memberships:read";

const DAY_MS: i64 = 86_400_000;

/// Who is calling: resolved from a token and `_clerk_session_id`.
#[derive(Debug, Clone)]
pub struct Caller {
    /// `client_…`
    pub client_id: String,
    /// `sess_…`
    pub session_id: String,
    /// `user_…`
    pub user_id: String,
}

/// How the request tried to authenticate.
#[derive(Debug, Clone, Copy)]
pub enum Credential<'a> {
    /// Development instance, browser mode: `__clerk_db_jwt`.
    DevBrowser(Option<&'a str>),
    /// Production cookie `__client`, or `Authorization` in header mode.
    ClientToken(Option<&'a str>),
}

/// Paging asked for by `limit`/`offset`/`paginated`.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    /// 1–500.
    pub limit: usize,
    /// ≥ 0.
    pub offset: usize,
    /// `paginated=true`: `{data, total_count}` instead of a bare array.
    pub paginated: bool,
}

/// A list of memberships: paginated or the legacy bare array.
#[derive(Debug, serde::Serialize)]
#[serde(untagged)]
pub enum MembershipList {
    /// `{ data, total_count }`
    Page(PageJson<MembershipJson>),
    /// `[ … ]`
    Bare(Vec<MembershipJson>),
}

#[derive(Debug, Clone)]
struct Session {
    id: String,
    user_id: String,
    last_active_organization_id: Option<String>,
    created_at: i64,
    updated_at: i64,
}

#[derive(Debug, Clone)]
struct Client {
    id: String,
    cookie: String,
    sessions: Vec<Session>,
    last_active_session_id: Option<String>,
    created_at: i64,
    updated_at: i64,
}

/// Everything the emulator knows.
#[derive(Debug)]
pub struct Store {
    seed: Seed,
    orgs: Vec<SeedOrganization>,
    users: Vec<SeedUser>,
    memberships: Vec<SeedMembership>,
    clients: Vec<Client>,
    dev_tokens: HashMap<String, String>,
    client_tokens: HashMap<String, String>,
    last_ms: i64,
    entropy: RandomState,
    counter: u64,
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

impl Store {
    /// A store holding the seed.
    pub fn new(seed: Seed) -> Store {
        let mut store = Store {
            orgs: seed.organizations.clone(),
            users: seed.users.clone(),
            memberships: seed.memberships.clone(),
            seed,
            clients: Vec::new(),
            dev_tokens: HashMap::new(),
            client_tokens: HashMap::new(),
            last_ms: 0,
            entropy: RandomState::new(),
            counter: 0,
        };
        store.reset();
        store
    }

    /// Back to the seed; forgets every client and token.
    pub fn reset(&mut self) {
        self.orgs = self.seed.organizations.clone();
        self.users = self.seed.users.clone();
        self.memberships = self.seed.memberships.clone();
        self.clients.clear();
        self.dev_tokens.clear();
        self.client_tokens.clear();
    }

    /// A strictly increasing ms clock, so `updated_at` always moves on a change.
    fn tick(&mut self) -> i64 {
        let now = now_ms().max(self.last_ms + 1);
        self.last_ms = now;
        now
    }

    /// A Clerk-looking id: `prefix_2` and 26 base62 characters.
    pub fn new_id(&mut self, prefix: &str) -> String {
        const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        let mut out = format!("{prefix}_2");
        let mut block = 0u64;
        for i in 0..26 {
            if i % 8 == 0 {
                self.counter += 1;
                let mut h = self.entropy.build_hasher();
                h.write_u64(self.counter);
                h.write_i64(now_ms());
                block = h.finish();
            }
            out.push(char::from(ALPHABET[(block % 62) as usize]));
            block /= 62;
        }
        out
    }

    /// A random hex trace id for `clerk_trace_id`.
    pub fn trace_id(&mut self) -> String {
        self.counter += 1;
        let mut a = self.entropy.build_hasher();
        a.write_u64(self.counter);
        let mut b = self.entropy.build_hasher();
        b.write_u64(!self.counter);
        format!("{:016x}{:016x}", a.finish(), b.finish())
    }

    // ---- look-ups -------------------------------------------------------------------------------

    fn org(&self, org_id: &str) -> Option<&SeedOrganization> {
        self.orgs.iter().find(|o| o.id == org_id)
    }

    fn user(&self, user_id: &str) -> Option<&SeedUser> {
        self.users.iter().find(|u| u.id == user_id)
    }

    fn role_permissions(&self, role_key: &str) -> &[String] {
        self.seed
            .roles
            .iter()
            .find(|r| r.key == role_key)
            .map(|r| r.permissions.as_slice())
            .unwrap_or(&[])
    }

    fn has_permission(&self, role_key: &str, permission: &str) -> bool {
        self.role_permissions(role_key)
            .iter()
            .any(|p| p == permission)
    }

    fn membership_index(&self, org_id: &str, user_id: &str) -> Option<usize> {
        self.memberships
            .iter()
            .position(|m| m.organization_id == org_id && m.user_id == user_id)
    }

    /// The caller's own membership, or 404 `organization_not_found_or_unauthorized`.
    fn caller_membership(
        &self,
        caller: &Caller,
        org_id: &str,
    ) -> Result<&SeedMembership, ApiError> {
        self.org(org_id)
            .ok_or_else(ApiError::organization_not_found_or_unauthorized)?;
        self.membership_index(org_id, &caller.user_id)
            .and_then(|i| self.memberships.get(i))
            .ok_or_else(ApiError::organization_not_found_or_unauthorized)
    }

    fn require(&self, caller: &Caller, org_id: &str, permission: &str) -> Result<(), ApiError> {
        let own = self.caller_membership(caller, org_id)?;
        if self.has_permission(&own.role, permission) {
            Ok(())
        } else {
            Err(ApiError::missing_organization_permission(permission))
        }
    }

    fn managers_in(&self, org_id: &str) -> usize {
        self.memberships
            .iter()
            .filter(|m| m.organization_id == org_id && self.has_permission(&m.role, MANAGE))
            .count()
    }

    /// The last-admin rule: the organization must keep a member who can manage members.
    fn check_keeps_a_manager(
        &self,
        membership: &SeedMembership,
        new_role: Option<&str>,
    ) -> Result<(), ApiError> {
        let loses_manage = self.has_permission(&membership.role, MANAGE)
            && !new_role.is_some_and(|r| self.has_permission(r, MANAGE));
        if loses_manage && self.managers_in(&membership.organization_id) <= 1 {
            return Err(ApiError::minimum_permissions_needed());
        }
        Ok(())
    }

    // ---- rendering ------------------------------------------------------------------------------

    fn organization_json(&self, org: &SeedOrganization) -> OrganizationJson {
        OrganizationJson {
            object: "organization",
            id: org.id.clone(),
            name: org.name.clone(),
            slug: org.slug.clone(),
            image_url: org.image_url.clone(),
            has_image: org.has_image,
            members_count: self
                .memberships
                .iter()
                .filter(|m| m.organization_id == org.id)
                .count() as u64,
            pending_invitations_count: org.pending_invitations_count,
            max_allowed_memberships: org.max_allowed_memberships,
            admin_delete_enabled: org.admin_delete_enabled,
            public_metadata: org.public_metadata.clone(),
            created_at: org.created_at,
            updated_at: org.updated_at,
        }
    }

    fn public_user_data(user: &SeedUser) -> PublicUserDataJson {
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

    fn membership_json(&self, m: &SeedMembership) -> MembershipJson {
        let role = self.seed.roles.iter().find(|r| r.key == m.role);
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

    fn sorted_memberships(&self, keep: impl Fn(&SeedMembership) -> bool) -> Vec<&SeedMembership> {
        let mut list: Vec<&SeedMembership> = self.memberships.iter().filter(|m| keep(m)).collect();
        // Oldest first, ties broken by id, so pages are stable.
        list.sort_by(|a, b| {
            a.created_at
                .cmp(&b.created_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        list
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

    fn session_json(&self, s: &Session) -> Option<SessionJson> {
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
        let client = self.clients.iter().find(|c| c.id == client_id)?;
        let sessions = client
            .sessions
            .iter()
            .filter_map(|s| self.session_json(s))
            .collect();
        Some(ClientJson {
            object: "client",
            id: client.id.clone(),
            sessions,
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

    // ---- clients, sessions, tokens --------------------------------------------------------------

    /// The user a dev browser signs in when none is named: the first admin of the first organization.
    fn default_user(&self) -> Option<String> {
        let org = self.orgs.first()?;
        self.sorted_memberships(|m| {
            m.organization_id == org.id && self.has_permission(&m.role, MANAGE)
        })
        .first()
        .map(|m| m.user_id.clone())
        .or_else(|| self.users.first().map(|u| u.id.clone()))
    }

    /// Signs `user_id` in: a new session on the client of `token` (if known), else on a new client.
    pub fn sign_in(
        &mut self,
        user_id: Option<&str>,
        token: Option<&str>,
    ) -> Result<SignInJson, ApiError> {
        let user_id = match user_id {
            Some(id) => id.to_owned(),
            None => self
                .default_user()
                .ok_or_else(|| ApiError::resource_not_found("User", Some("user_id")))?,
        };
        if self.user(&user_id).is_none() {
            return Err(ApiError::resource_not_found(
                &format!("User {user_id}"),
                Some("user_id"),
            ));
        }
        let now = self.tick();
        let session_id = self.new_id("sess");
        let last_org = self
            .sorted_memberships(|m| m.user_id == user_id)
            .first()
            .map(|m| m.organization_id.clone());
        let session = Session {
            id: session_id.clone(),
            user_id: user_id.clone(),
            last_active_organization_id: last_org,
            created_at: now,
            updated_at: now,
        };
        let existing = token.and_then(|t| self.dev_tokens.get(t)).cloned();
        let (client_id, token) = match (existing, token) {
            (Some(client_id), Some(token)) => (client_id, token.to_owned()),
            _ => {
                let client_id = self.new_id("client");
                let cookie = self.new_id("ct");
                self.clients.push(Client {
                    id: client_id.clone(),
                    cookie: cookie.clone(),
                    sessions: Vec::new(),
                    last_active_session_id: None,
                    created_at: now,
                    updated_at: now,
                });
                self.client_tokens.insert(cookie, client_id.clone());
                let token = self.new_id("dvb");
                self.dev_tokens.insert(token.clone(), client_id.clone());
                (client_id, token)
            }
        };
        let client = self
            .clients
            .iter_mut()
            .find(|c| c.id == client_id)
            .ok_or_else(|| ApiError::authentication_invalid("the client is gone"))?;
        client.sessions.push(session);
        client.last_active_session_id = Some(session_id.clone());
        client.updated_at = now;
        Ok(SignInJson {
            token,
            session_id,
            client_id,
            client_cookie: client.cookie.clone(),
            user_id,
        })
    }

    /// `POST /v1/dev_browser`: a new client with one session of `user_id` (or the default user).
    pub fn create_dev_browser(
        &mut self,
        user_id: Option<&str>,
    ) -> Result<DevBrowserJson, ApiError> {
        let signed = self.sign_in(user_id, None)?;
        let now = self.last_ms;
        Ok(DevBrowserJson {
            object: "dev_browser",
            id: signed.token,
            client_id: signed.client_id,
            session_id: signed.session_id,
            user_id: signed.user_id,
            created_at: now,
            updated_at: now,
        })
    }

    /// Another dev-browser token for the same client (the old one stays valid): for `Clerk-Db-Jwt` rotation.
    pub fn rotate_dev_token(&mut self, client_id: &str) -> String {
        let token = self.new_id("dvb");
        self.dev_tokens.insert(token.clone(), client_id.to_owned());
        token
    }

    /// Another client token for the same client (the old one stays valid): for `Authorization` rotation.
    pub fn rotate_client_token(&mut self, client_id: &str) -> String {
        let token = self.new_id("ct");
        self.client_tokens
            .insert(token.clone(), client_id.to_owned());
        token
    }

    /// Resolves the credential to its client id (dev-browser token, client cookie or header token).
    pub fn authenticate_client(&self, credential: Credential<'_>) -> Result<String, ApiError> {
        let client_id = match credential {
            Credential::DevBrowser(token) => token
                .filter(|t| !t.is_empty())
                .and_then(|t| self.dev_tokens.get(t))
                .ok_or_else(ApiError::dev_browser_unauthenticated)?,
            Credential::ClientToken(None) => {
                return Err(ApiError::authentication_invalid(
                    "you need to supply an active session",
                ))
            }
            Credential::ClientToken(Some(token)) => self
                .client_tokens
                .get(token)
                .ok_or_else(|| ApiError::authentication_invalid("the client token is invalid"))?,
        };
        self.clients
            .iter()
            .find(|c| &c.id == client_id)
            .map(|c| c.id.clone())
            .ok_or_else(|| ApiError::authentication_invalid("the client is gone"))
    }

    /// Resolves the credential and `_clerk_session_id` to a caller.
    pub fn authenticate(
        &self,
        credential: Credential<'_>,
        session_id: Option<&str>,
    ) -> Result<Caller, ApiError> {
        let client_id = self.authenticate_client(credential)?;
        let client = self
            .client(&client_id)
            .ok_or_else(|| ApiError::authentication_invalid("the client is gone"))?;
        let wanted = session_id
            .filter(|s| !s.is_empty())
            .or(client.last_active_session_id.as_deref());
        let session = wanted
            .and_then(|id| client.sessions.iter().find(|s| s.id == id))
            .ok_or_else(|| {
                ApiError::authentication_invalid(
                    "the session is not one of this client's active sessions",
                )
            })?;
        Ok(Caller {
            client_id: client.id.clone(),
            session_id: session.id.clone(),
            user_id: session.user_id.clone(),
        })
    }

    fn client(&self, client_id: &str) -> Option<&Client> {
        self.clients.iter().find(|c| c.id == client_id)
    }

    fn session_of(&self, client_id: &str, session_id: &str) -> Result<&Session, ApiError> {
        self.client(client_id)
            .and_then(|c| c.sessions.iter().find(|s| s.id == session_id))
            .ok_or_else(|| ApiError::resource_not_found(&format!("Session {session_id}"), None))
    }

    /// The organization a session asks to work in: `None` keeps the current one, `Some(None)` is the
    /// personal account, `Some(Some(org))` must be an organization the user belongs to.
    fn check_active_organization(
        &self,
        user_id: &str,
        organization: Option<Option<&str>>,
    ) -> Result<(), ApiError> {
        match organization {
            Some(Some(org_id)) if self.membership_index(org_id, user_id).is_none() => {
                Err(ApiError::organization_not_found_or_unauthorized())
            }
            _ => Ok(()),
        }
    }

    /// `POST /v1/client/sessions/{sid}/touch`: marks the session active (and the client's last active one),
    /// optionally switching its active organization; answers the session.
    pub fn touch_session(
        &mut self,
        client_id: &str,
        session_id: &str,
        organization: Option<Option<&str>>,
    ) -> Result<SessionJson, ApiError> {
        let user_id = self.session_of(client_id, session_id)?.user_id.clone();
        self.check_active_organization(&user_id, organization)?;
        let now = self.tick();
        if let Some(client) = self.clients.iter_mut().find(|c| c.id == client_id) {
            client.last_active_session_id = Some(session_id.to_owned());
            client.updated_at = now;
            if let Some(session) = client.sessions.iter_mut().find(|s| s.id == session_id) {
                if let Some(org) = organization {
                    session.last_active_organization_id = org.map(str::to_owned);
                }
                session.updated_at = now;
            }
        }
        let session = self.session_of(client_id, session_id)?;
        self.session_json(session)
            .ok_or_else(|| ApiError::resource_not_found(&format!("Session {session_id}"), None))
    }

    /// `POST /v1/client/sessions/{sid}/tokens`: a session token (HS256 JWT, version 2 claims) for the
    /// session's active organization, or for `organization` when given (`Some(None)`: no organization).
    pub fn session_token(
        &mut self,
        client_id: &str,
        session_id: &str,
        organization: Option<Option<&str>>,
        issuer: &str,
        authorized_party: Option<&str>,
    ) -> Result<TokenJson, ApiError> {
        let session = self.session_of(client_id, session_id)?.clone();
        self.check_active_organization(&session.user_id, organization)?;
        let org_id = match organization {
            Some(org) => org.map(str::to_owned),
            None => session.last_active_organization_id.clone(),
        };
        let now = self.tick() / 1000;
        let mut claims = serde_json::Map::new();
        if let Some(azp) = authorized_party {
            claims.insert("azp".into(), azp.into());
        }
        claims.insert("exp".into(), (now + 60).into());
        claims.insert("fva".into(), serde_json::json!([0, -1]));
        claims.insert("iat".into(), now.into());
        claims.insert("iss".into(), issuer.into());
        claims.insert("nbf".into(), (now - 10).into());
        claims.insert("sid".into(), session.id.clone().into());
        claims.insert("sts".into(), "active".into());
        claims.insert("sub".into(), session.user_id.clone().into());
        claims.insert("v".into(), 2.into());
        let membership = org_id
            .as_deref()
            .and_then(|org| self.membership_index(org, &session.user_id))
            .and_then(|i| self.memberships.get(i));
        if let Some(m) = membership {
            let (features, permissions, map) = compact_permissions(self.role_permissions(&m.role));
            let mut o = serde_json::Map::new();
            o.insert("id".into(), m.organization_id.clone().into());
            o.insert(
                "rol".into(),
                m.role.strip_prefix("org:").unwrap_or(&m.role).into(),
            );
            if let Some(slug) = self.org(&m.organization_id).and_then(|o| o.slug.clone()) {
                o.insert("slg".into(), slug.into());
            }
            if !features.is_empty() {
                o.insert("per".into(), permissions.join(",").into());
                o.insert("fpm".into(), map.join(",").into());
                claims.insert(
                    "fea".into(),
                    features
                        .iter()
                        .map(|f| format!("o:{f}"))
                        .collect::<Vec<_>>()
                        .join(",")
                        .into(),
                );
            }
            claims.insert("o".into(), serde_json::Value::Object(o));
        }
        Ok(TokenJson {
            object: "token",
            jwt: crate::jwt::encode(&serde_json::Value::Object(claims)).map_err(|e| {
                ApiError::internal(&format!("cannot encode the session token: {e}"))
            })?,
        })
    }

    /// The largest membership limit of the seeded organizations (the environment's instance default).
    pub fn max_allowed_memberships(&self) -> u64 {
        self.seed
            .organizations
            .iter()
            .map(|o| o.max_allowed_memberships)
            .max()
            .unwrap_or(0)
    }

    // ---- membership operations ------------------------------------------------------------------

    /// Changes a member's role (the request's form was validated by the caller of this function).
    pub fn update_role(
        &mut self,
        caller: &Caller,
        org_id: &str,
        user_id: &str,
        role: &str,
    ) -> Result<MembershipJson, ApiError> {
        let index = self.managed_member(caller, org_id, user_id)?;
        if !self.seed.roles.iter().any(|r| r.key == role) {
            return Err(ApiError::resource_not_found(
                &format!("Role {role}"),
                Some("role"),
            ));
        }
        let current = self.changeable(index, Some(role))?;
        if current.role != role {
            let now = self.tick();
            if let Some(m) = self.memberships.get_mut(index) {
                m.role = role.to_owned();
                m.updated_at = now.max(current.updated_at + 1);
            }
        }
        self.memberships
            .get(index)
            .map(|m| self.membership_json(m))
            .ok_or_else(ApiError::organization_not_found_or_unauthorized)
    }

    /// The index of `user_id`'s membership in `org_id`, which the caller must be allowed to manage.
    fn managed_member(
        &self,
        caller: &Caller,
        org_id: &str,
        user_id: &str,
    ) -> Result<usize, ApiError> {
        self.require(caller, org_id, MANAGE)?;
        self.membership_index(org_id, user_id)
            .ok_or_else(|| ApiError::resource_not_found("Organization membership", None))
    }

    /// Removes a member; answers the removed membership.
    pub fn remove_member(
        &mut self,
        caller: &Caller,
        org_id: &str,
        user_id: &str,
    ) -> Result<MembershipJson, ApiError> {
        let index = self.managed_member(caller, org_id, user_id)?;
        self.delete_membership(index)
            .map(|m| self.membership_json(&m))
    }

    /// Leaves an organization; answers a deleted object.
    pub fn leave(&mut self, caller: &Caller, org_id: &str) -> Result<DeletedObjectJson, ApiError> {
        self.caller_membership(caller, org_id)?;
        let index = self
            .membership_index(org_id, &caller.user_id)
            .ok_or_else(ApiError::organization_not_found_or_unauthorized)?;
        let removed = self.delete_membership(index)?;
        Ok(DeletedObjectJson {
            object: "organization_membership",
            id: removed.id,
            deleted: true,
        })
    }

    /// The membership at `index` if it may change to `new_role` (`None`: be removed): not managed by
    /// SCIM, and the organization keeps a member who can manage members.
    fn changeable(&self, index: usize, new_role: Option<&str>) -> Result<SeedMembership, ApiError> {
        let current = self
            .memberships
            .get(index)
            .cloned()
            .ok_or_else(ApiError::organization_not_found_or_unauthorized)?;
        if current.managed_by_scim {
            return Err(ApiError::managed_by_scim());
        }
        self.check_keeps_a_manager(&current, new_role)?;
        Ok(current)
    }

    fn delete_membership(&mut self, index: usize) -> Result<SeedMembership, ApiError> {
        self.changeable(index, None)?;
        let mut removed = self.memberships.remove(index);
        removed.updated_at = self.tick().max(removed.updated_at + 1);
        // A session working in the organization the user just left works in none.
        for session in self.clients.iter_mut().flat_map(|c| c.sessions.iter_mut()) {
            if session.user_id == removed.user_id
                && session.last_active_organization_id.as_deref() == Some(&removed.organization_id)
            {
                session.last_active_organization_id = None;
            }
        }
        Ok(removed)
    }

    /// Adds a user to an organization (so tests can restore state).
    pub fn add_member(
        &mut self,
        caller: &Caller,
        org_id: &str,
        user_id: &str,
        role: &str,
    ) -> Result<MembershipJson, ApiError> {
        self.require(caller, org_id, MANAGE)?;
        if self.user(user_id).is_none() {
            return Err(ApiError::resource_not_found(
                &format!("User {user_id}"),
                Some("user_id"),
            ));
        }
        if !self.seed.roles.iter().any(|r| r.key == role) {
            return Err(ApiError::resource_not_found(
                &format!("Role {role}"),
                Some("role"),
            ));
        }
        if self.membership_index(org_id, user_id).is_some() {
            return Err(ApiError::already_a_member());
        }
        let limit = self
            .org(org_id)
            .map(|o| o.max_allowed_memberships)
            .unwrap_or(0);
        let count = self
            .memberships
            .iter()
            .filter(|m| m.organization_id == org_id)
            .count() as u64;
        if limit > 0 && count >= limit {
            return Err(ApiError::membership_quota_exceeded());
        }
        let now = self.tick();
        let membership = SeedMembership {
            id: self.new_id("orgmem"),
            organization_id: org_id.to_owned(),
            user_id: user_id.to_owned(),
            role: role.to_owned(),
            public_metadata: serde_json::Value::Object(serde_json::Map::new()),
            managed_by_scim: false,
            created_at: now,
            updated_at: now,
        };
        let json = self.membership_json(&membership);
        self.memberships.push(membership);
        // The organization's member count changed under the new membership's feet.
        Ok(MembershipJson {
            organization: self
                .org(org_id)
                .map(|o| self.organization_json(o))
                .unwrap_or(json.organization.clone()),
            ..json
        })
    }

    /// Lists an organization's members: `query` (partial, case-insensitive) and `roles` (OR) filters.
    pub fn list_members(
        &self,
        caller: &Caller,
        org_id: &str,
        query: Option<&str>,
        roles: &[String],
        paging: Paging,
    ) -> Result<MembershipList, ApiError> {
        self.require(caller, org_id, READ)?;
        let needle = query.map(str::to_lowercase).filter(|q| !q.is_empty());
        let list = self.sorted_memberships(|m| {
            m.organization_id == org_id
                && (roles.is_empty() || roles.contains(&m.role))
                && needle
                    .as_deref()
                    .is_none_or(|q| self.user(&m.user_id).is_some_and(|u| user_matches(u, q)))
        });
        Ok(self.page(list, paging))
    }

    /// Lists the caller's own memberships.
    pub fn list_my_memberships(&self, caller: &Caller, paging: Paging) -> MembershipList {
        let list = self.sorted_memberships(|m| m.user_id == caller.user_id);
        self.page(list, paging)
    }

    fn page(&self, list: Vec<&SeedMembership>, paging: Paging) -> MembershipList {
        let total_count = list.len();
        let data: Vec<MembershipJson> = list
            .into_iter()
            .skip(paging.offset)
            .take(paging.limit)
            .map(|m| self.membership_json(m))
            .collect();
        if paging.paginated {
            MembershipList::Page(PageJson { data, total_count })
        } else {
            MembershipList::Bare(data)
        }
    }

    /// Lists the roles a member of the organization can see.
    pub fn list_roles(
        &self,
        caller: &Caller,
        org_id: &str,
        paging: Paging,
    ) -> Result<RolesPageJson, ApiError> {
        self.caller_membership(caller, org_id)?;
        let data = self
            .seed
            .roles
            .iter()
            .skip(paging.offset)
            .take(paging.limit)
            .map(|r| RoleJson {
                object: "role",
                id: r.id.clone(),
                key: r.key.clone(),
                name: r.name.clone(),
                description: r.description.clone(),
                is_creator_eligible: r.is_creator_eligible,
                permissions: r
                    .permissions
                    .iter()
                    .filter_map(|key| self.seed.permissions.iter().find(|p| &p.key == key))
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
                created_at: r.created_at,
                updated_at: r.updated_at,
            })
            .collect();
        Ok(RolesPageJson {
            data,
            total_count: self.seed.roles.len(),
            has_role_set_migration: false,
        })
    }

    /// A debugging dump (`GET /__emulator/state`).
    pub fn dump(&self) -> serde_json::Value {
        let orgs: Vec<_> = self
            .orgs
            .iter()
            .map(|o| self.organization_json(o))
            .collect();
        let memberships: Vec<_> = self
            .sorted_memberships(|_| true)
            .into_iter()
            .map(|m| self.membership_json(m))
            .collect();
        let clients: Vec<_> = self
            .clients
            .iter()
            .filter_map(|c| self.client_json(&c.id))
            .collect();
        let users: Vec<_> = self.users.iter().map(Self::public_user_data).collect();
        serde_json::json!({ "organizations": orgs, "users": users, "memberships": memberships, "clients": clients })
    }
}

/// Clerk's compact encoding of a role's custom (non-`org:sys_`) permissions in a version 2 session token:
/// the features (`org:<feature>:<permission>`), the distinct permission names, and per feature a decimal
/// bitmask over those names (bit `i` = permission `i`).
fn compact_permissions(keys: &[String]) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut features: Vec<String> = Vec::new();
    let mut permissions: Vec<String> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for key in keys {
        let Some(rest) = key.strip_prefix("org:") else {
            continue;
        };
        let Some((feature, permission)) = rest.split_once(':') else {
            continue;
        };
        if feature.starts_with("sys_") {
            continue;
        }
        let f = features
            .iter()
            .position(|x| x == feature)
            .unwrap_or_else(|| {
                features.push(feature.to_owned());
                features.len() - 1
            });
        let p = permissions
            .iter()
            .position(|x| x == permission)
            .unwrap_or_else(|| {
                permissions.push(permission.to_owned());
                permissions.len() - 1
            });
        pairs.push((f, p));
    }
    let map = (0..features.len())
        .map(|f| {
            pairs
                .iter()
                .filter(|(pf, _)| *pf == f)
                .fold(0u64, |bits, (_, p)| bits | (1 << p))
                .to_string()
        })
        .collect();
    (features, permissions, map)
}

fn user_matches(user: &SeedUser, needle: &str) -> bool {
    let hit = |field: &str| field.to_lowercase().contains(needle);
    let full_name = format!(
        "{} {}",
        user.first_name.as_deref().unwrap_or(""),
        user.last_name.as_deref().unwrap_or("")
    );
    hit(&user.email_address)
        || user.username.as_deref().is_some_and(hit)
        || hit(&user.id)
        || hit(&full_name)
}

fn missing_org(id: &str) -> SeedOrganization {
    SeedOrganization {
        id: id.to_owned(),
        name: String::new(),
        slug: None,
        image_url: String::new(),
        has_image: false,
        max_allowed_memberships: 0,
        admin_delete_enabled: false,
        pending_invitations_count: 0,
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
