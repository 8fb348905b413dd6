//! Authentication: clients and their sessions, dev-browser and client tokens, sign-in, the caller of a
//! request, session touch and session tokens (HS256 JWTs with Clerk's version 2 claims).

use super::{Store, MANAGE};
use crate::error::ApiError;
use crate::wire::{DevBrowserJson, OrganizationClaimsJson, SessionClaimsJson, SessionJson};
use crate::wire::{SignInJson, TokenJson};
use serde::{Deserialize, Serialize};

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

/// A signed-in session of a client.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Session {
    pub(super) id: String,
    pub(super) user_id: String,
    pub(super) last_active_organization_id: Option<String>,
    pub(super) created_at: i64,
    pub(super) updated_at: i64,
}

/// A browser (or native app): its `__client` cookie and its sessions.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Client {
    pub(super) id: String,
    pub(super) cookie: String,
    pub(super) sessions: Vec<Session>,
    pub(super) last_active_session_id: Option<String>,
    pub(super) created_at: i64,
    pub(super) updated_at: i64,
}

/// The two kinds of token that name a client.
#[derive(Debug, Clone, Copy)]
enum TokenKind {
    /// `__clerk_db_jwt` (development, browser mode).
    DevBrowser,
    /// The `__client` cookie, or `Authorization` in header mode.
    Client,
}

impl TokenKind {
    fn prefix(self) -> &'static str {
        match self {
            TokenKind::DevBrowser => "dvb",
            TokenKind::Client => "ct",
        }
    }
}

/// How long a session token lives, and how far back its `nbf` reaches (clock skew), in seconds.
const TOKEN_LIFETIME_S: i64 = 60;
const TOKEN_SKEW_S: i64 = 10;

impl Store {
    pub(super) fn client(&self, client_id: &str) -> Option<&Client> {
        self.state.clients.iter().find(|c| c.id == client_id)
    }

    /// The user a dev browser signs in when none is named: the first admin of the first organization.
    fn default_user(&self) -> Option<String> {
        let org = self.state.data.organizations.first()?;
        self.sorted_memberships(|m| {
            m.organization_id == org.id && self.has_permission(&m.role, MANAGE)
        })
        .first()
        .map(|m| m.user_id.clone())
        .or_else(|| self.state.data.users.first().map(|u| u.id.clone()))
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
        let now = self.change();
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
        let existing = token.and_then(|t| self.state.dev_tokens.get(t)).cloned();
        let (client_id, token) = match (existing, token) {
            (Some(client_id), Some(token)) => (client_id, token.to_owned()),
            _ => {
                let client_id = self.new_id("client");
                let cookie = self.new_id("ct");
                self.state.clients.push(Client {
                    id: client_id.clone(),
                    cookie: cookie.clone(),
                    sessions: Vec::new(),
                    last_active_session_id: None,
                    created_at: now,
                    updated_at: now,
                });
                self.state.client_tokens.insert(cookie, client_id.clone());
                let token = self.new_id("dvb");
                self.state
                    .dev_tokens
                    .insert(token.clone(), client_id.clone());
                (client_id, token)
            }
        };
        let client = self
            .state
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
        let now = self.state.clock_ms;
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
        self.issue_token(TokenKind::DevBrowser, client_id)
    }

    /// Another client token for the same client (the old one stays valid): for `Authorization` rotation.
    pub fn rotate_client_token(&mut self, client_id: &str) -> String {
        self.issue_token(TokenKind::Client, client_id)
    }

    /// A new token of `kind` naming `client_id`.
    fn issue_token(&mut self, kind: TokenKind, client_id: &str) -> String {
        self.change();
        let token = self.new_id(kind.prefix());
        let tokens = match kind {
            TokenKind::DevBrowser => &mut self.state.dev_tokens,
            TokenKind::Client => &mut self.state.client_tokens,
        };
        tokens.insert(token.clone(), client_id.to_owned());
        token
    }

    /// Resolves the credential to its client id (dev-browser token, client cookie or header token).
    pub fn authenticate_client(&self, credential: Credential<'_>) -> Result<String, ApiError> {
        let client_id = match credential {
            Credential::DevBrowser(token) => token
                .filter(|t| !t.is_empty())
                .and_then(|t| self.state.dev_tokens.get(t))
                .ok_or_else(ApiError::dev_browser_unauthenticated)?,
            Credential::ClientToken(None) => {
                return Err(ApiError::authentication_invalid(
                    "you need to supply an active session",
                ))
            }
            Credential::ClientToken(Some(token)) => {
                self.state.client_tokens.get(token).ok_or_else(|| {
                    ApiError::authentication_invalid("the client token is invalid")
                })?
            }
        };
        self.client(client_id)
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

    /// A session working in an organization its user just left works in none.
    pub(super) fn leave_active_organization(&mut self, user_id: &str, org_id: &str) {
        for session in self
            .state
            .clients
            .iter_mut()
            .flat_map(|c| c.sessions.iter_mut())
        {
            if session.user_id == user_id
                && session.last_active_organization_id.as_deref() == Some(org_id)
            {
                session.last_active_organization_id = None;
            }
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
        let now = self.change();
        if let Some(client) = self.state.clients.iter_mut().find(|c| c.id == client_id) {
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
        let mut claims = SessionClaimsJson {
            azp: authorized_party.map(str::to_owned),
            exp: now + TOKEN_LIFETIME_S,
            fea: None,
            fva: [0, -1],
            iat: now,
            iss: issuer.to_owned(),
            nbf: now - TOKEN_SKEW_S,
            o: None,
            sid: session.id.clone(),
            sts: "active",
            sub: session.user_id.clone(),
            v: 2,
        };
        let membership = org_id
            .as_deref()
            .and_then(|org| self.membership(org, &session.user_id));
        if let Some(m) = membership {
            let (features, permissions, map) = compact_permissions(self.role_permissions(&m.role));
            let custom = !features.is_empty();
            claims.o = Some(OrganizationClaimsJson {
                id: m.organization_id.clone(),
                rol: m.role.strip_prefix("org:").unwrap_or(&m.role).to_owned(),
                slg: self.org(&m.organization_id).and_then(|o| o.slug.clone()),
                per: custom.then(|| permissions.join(",")),
                fpm: custom.then(|| map.join(",")),
            });
            if custom {
                let features: Vec<String> = features.iter().map(|f| format!("o:{f}")).collect();
                claims.fea = Some(features.join(","));
            }
        }
        let jwt = crate::jwt::encode(&claims)
            .map_err(|e| ApiError::internal(&format!("cannot encode the session token: {e}")))?;
        Ok(TokenJson {
            object: "token",
            jwt,
        })
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
        let f = position_or_push(&mut features, feature);
        let p = position_or_push(&mut permissions, permission);
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

fn position_or_push(list: &mut Vec<String>, item: &str) -> usize {
    list.iter().position(|x| x == item).unwrap_or_else(|| {
        list.push(item.to_owned());
        list.len() - 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::Seed;

    const ADA: &str = "user_2aAdaLovelace9fKq1Zr";
    const HEDY: &str = "user_2bHedyLamarr2uCg9Eh";
    const ACME: &str = "org_2aAcmeRockets7Qm4Xk9ZpT1";

    fn store() -> Store {
        Store::new(Seed::default_seed())
    }

    #[test]
    fn a_dev_browser_signs_in_the_first_admin_of_the_first_organization() {
        let mut store = store();
        let dev = store.create_dev_browser(None).expect("signed in");
        assert_eq!(dev.user_id, ADA);
        let caller = store
            .authenticate(Credential::DevBrowser(Some(&dev.id)), None)
            .expect("authenticates");
        assert_eq!(
            (caller.client_id, caller.session_id, caller.user_id),
            (dev.client_id, dev.session_id, ADA.to_owned())
        );
    }

    #[test]
    fn unknown_tokens_and_sessions_are_refused_with_clerks_codes() {
        let mut store = store();
        let code = |r: Result<Caller, ApiError>| r.map(|_| "ok").unwrap_or_else(|e| e.code);
        assert_eq!(
            code(store.authenticate(Credential::DevBrowser(Some("dvb_nope")), None)),
            "dev_browser_unauthenticated"
        );
        assert_eq!(
            code(store.authenticate(Credential::DevBrowser(None), None)),
            "dev_browser_unauthenticated"
        );
        assert_eq!(
            code(store.authenticate(Credential::ClientToken(None), None)),
            "authentication_invalid"
        );
        let signed = store.sign_in(Some(HEDY), None).expect("signed in");
        assert_eq!(
            code(store.authenticate(Credential::ClientToken(Some(&signed.client_cookie)), None)),
            "ok"
        );
        assert_eq!(
            code(store.authenticate(
                Credential::DevBrowser(Some(&signed.token)),
                Some("sess_2other")
            )),
            "authentication_invalid"
        );
        assert_eq!(
            store.sign_in(Some("user_nope"), None).unwrap_err().code,
            "resource_not_found"
        );
    }

    #[test]
    fn a_second_sign_in_with_a_token_adds_a_session_to_that_client() {
        let mut store = store();
        let first = store.sign_in(Some(ADA), None).expect("signed in");
        let second = store
            .sign_in(Some(HEDY), Some(&first.token))
            .expect("signed in");
        assert_eq!(first.client_id, second.client_id);
        let client = store.client_json(&first.client_id).expect("client");
        assert_eq!(client.sessions.len(), 2);
        assert_eq!(client.last_active_session_id, Some(second.session_id));
    }

    #[test]
    fn rotated_tokens_name_the_same_client_and_old_ones_keep_working() {
        let mut store = store();
        let signed = store.sign_in(None, None).expect("signed in");
        let rotated = store.rotate_dev_token(&signed.client_id);
        for token in [&signed.token, &rotated] {
            assert_eq!(
                store
                    .authenticate_client(Credential::DevBrowser(Some(token)))
                    .expect("ok"),
                signed.client_id
            );
        }
    }

    #[test]
    fn touch_switches_the_organization_only_to_one_the_user_belongs_to() {
        let mut store = store();
        let hedy = store.sign_in(Some(HEDY), None).expect("signed in");
        let refused = store.touch_session(&hedy.client_id, &hedy.session_id, Some(Some(ACME)));
        assert_eq!(
            refused.unwrap_err().code,
            "organization_not_found_or_unauthorized"
        );
        let personal = store
            .touch_session(&hedy.client_id, &hedy.session_id, Some(None))
            .expect("touched");
        assert_eq!(personal.last_active_organization_id, None);
    }

    #[test]
    fn session_tokens_carry_the_organization_and_compact_custom_permissions() {
        let mut store = store();
        let katherine = store
            .sign_in(Some("user_2aKatherineJohnson1p"), None)
            .expect("signed in");
        let token = store
            .session_token(
                &katherine.client_id,
                &katherine.session_id,
                Some(Some(ACME)),
                "http://127.0.0.1",
                None,
            )
            .expect("token");
        let payload = token.jwt.split('.').nth(1).expect("payload");
        let claims: serde_json::Value = serde_json::from_slice(
            &base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, payload)
                .expect("base64url"),
        )
        .expect("json");
        assert_eq!(claims["o"]["rol"], "billing");
        assert_eq!(claims["fea"], "o:invoices");
        assert_eq!(claims["o"]["per"], "manage");
        assert_eq!(claims["o"]["fpm"], "1");
        assert!(claims.get("azp").is_none(), "{claims}");
    }

    #[test]
    fn compact_permissions_share_permission_names_across_features() {
        let keys: Vec<String> = [
            "org:sys_memberships:read",
            "org:invoices:manage",
            "org:invoices:read",
            "org:tickets:read",
            "not-a-key",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let (features, permissions, map) = compact_permissions(&keys);
        assert_eq!(features, ["invoices", "tickets"]);
        assert_eq!(permissions, ["manage", "read"]);
        assert_eq!(map, ["3", "2"]);
    }
}
