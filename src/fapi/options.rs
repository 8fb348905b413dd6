//! The options and params objects of the JS API as typed Rust structs (serde, camelCase), and their
//! checks. Pure: in the browser they come through serde-wasm-bindgen (`crate::js::edge`), on the
//! host the tests feed them with serde_json.

use core::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use crate::error::Error;
use crate::fapi::config::{Config, ConfigInput};
use crate::model::fields::MAX_PAGE_ITEMS;
use crate::model::{Item, Kind};

/// Bound on every call, retries and waits included, unless `timeoutMs` says otherwise.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
/// The largest answer body read unless `maxResponseBytes` says otherwise (8 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: u32 = 8 * 1024 * 1024;
/// The largest `maxResponseBytes` accepted (64 MiB).
pub const MAX_RESPONSE_BYTES: u32 = 64 * 1024 * 1024;

/// `new FrontendApi(options)`, less `onClient` (a function, taken as it is).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FrontendApiOptions {
    /// `pk_test_…` or `pk_live_…`.
    pub publishable_key: Option<String>,
    /// A proxy in front of the Frontend API.
    pub proxy_url: Option<String>,
    /// A production instance's own Frontend API domain.
    pub domain: Option<String>,
    /// The session calls act for.
    pub session_id: Option<String>,
    /// A dev-browser token (development instances, cookie mode).
    pub dev_browser_jwt: Option<String>,
    /// `cookie` (default) or `header`.
    pub auth_mode: Option<String>,
    /// The client token (header mode).
    pub token: Option<String>,
    /// Bound on each call, in ms.
    pub timeout_ms: Option<u32>,
    /// 429 handling.
    pub retry: Option<RetryOptions>,
    /// The largest answer body read, in bytes.
    pub max_response_bytes: Option<u32>,
    /// Overrides `__clerk_api_version`.
    pub api_version: Option<String>,
    /// Overrides `_clerk_js_version`.
    pub clerk_js_version: Option<String>,
}

/// `retry: { maxRetries, maxWaitMs }`.
#[derive(Debug, Default, Clone, Copy, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RetryOptions {
    /// Retries after a 429 (default 1).
    pub max_retries: Option<u32>,
    /// The longest `Retry-After` waited for, in ms (default 10,000).
    pub max_wait_ms: Option<u32>,
}

/// How often and how long to retry a 429 (docs/wire.md §7: honour `Retry-After`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after a 429.
    pub max_retries: u32,
    /// The longest `Retry-After` wait accepted, in ms; a longer one is not waited for.
    pub max_wait_ms: u32,
}

/// A validated `FrontendApiOptions`: everything a client needs but its callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientSettings {
    /// Where and how to talk to the Frontend API.
    pub config: Config,
    /// Bound on each call, in ms (1 to 2³¹−1, what `setTimeout` takes).
    pub timeout_ms: u32,
    /// 429 handling.
    pub retry: RetryPolicy,
    /// The largest answer body read, in bytes.
    pub max_response_bytes: u32,
    /// The initial session id.
    pub session_id: Option<String>,
    /// The initial dev-browser token (cookie mode) or client token (header mode).
    pub token: Option<String>,
}

impl FrontendApiOptions {
    /// Checks the options and works out the configuration; no request is ever made from bad ones.
    pub fn settle(self) -> Result<ClientSettings, Error> {
        let header_mode = match self.auth_mode.as_deref() {
            None | Some("cookie") => false,
            Some("header") => true,
            Some(_) => return Err(Error::option("authMode must be 'cookie' or 'header'")),
        };
        let config = Config::new(ConfigInput {
            publishable_key: self.publishable_key,
            proxy_url: self.proxy_url,
            domain: self.domain,
            header_mode,
            api_version: self.api_version,
            clerk_js_version: self.clerk_js_version,
        })?;
        let token = match (header_mode, self.dev_browser_jwt, self.token) {
            (true, Some(_), _) => {
                return Err(Error::option(
                    "devBrowserJwt is for cookie mode; header mode takes token",
                ))
            }
            (false, _, Some(_)) => return Err(Error::option("token is for authMode: 'header'")),
            (false, Some(_), _) if !config.uses_dev_browser() => {
                return Err(Error::option(
                    "devBrowserJwt is for development instances (pk_test_ keys)",
                ))
            }
            (_, jwt, token) => jwt.or(token),
        };
        let retry = self.retry.unwrap_or_default();
        Ok(ClientSettings {
            config,
            timeout_ms: within(self.timeout_ms, "timeoutMs", 1, i32::MAX as u32)?
                .unwrap_or(DEFAULT_TIMEOUT_MS),
            retry: RetryPolicy {
                max_retries: within(retry.max_retries, "retry.maxRetries", 0, 100)?.unwrap_or(1),
                max_wait_ms: within(retry.max_wait_ms, "retry.maxWaitMs", 0, i32::MAX as u32)?
                    .unwrap_or(10_000),
            },
            max_response_bytes: within(
                self.max_response_bytes,
                "maxResponseBytes",
                1024,
                MAX_RESPONSE_BYTES,
            )?
            .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
            session_id: self.session_id,
            token,
        })
    }
}

fn within(value: Option<u32>, name: &str, min: u32, max: u32) -> Result<Option<u32>, Error> {
    match value {
        Some(n) if n < min || n > max => Err(Error::option(format!(
            "{name} must be a whole number from {min} to {max}"
        ))),
        _ => Ok(value),
    }
}

/// `{ initialPage, pageSize }` of every list, and `{ query, role }` of `getMemberships`.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListParams {
    /// From 1 (default 1).
    pub initial_page: Option<u32>,
    /// From 1 (default 10).
    pub page_size: Option<u32>,
    /// Members whose names, identifiers, username or user id match.
    pub query: Option<String>,
    /// Members with this role, or any of these roles.
    pub role: Option<Roles>,
}

impl ListParams {
    /// Whether a member with `role` falls outside the `role` filter (false without one, and for
    /// `role: []`, which sends none: every member is listed).
    pub fn excludes(&self, role: &str) -> bool {
        self.role
            .as_ref()
            .is_some_and(|roles| !roles.0.is_empty() && !roles.into_iter().any(|r| r == role))
    }
}

/// `role`: one role key or an array of them (sent as repeated `role` parameters).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Roles(pub Vec<String>);

impl<'a> IntoIterator for &'a Roles {
    type Item = &'a String;
    type IntoIter = core::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'de> Deserialize<'de> for Roles {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(OneOrMany {
                expecting: "a role key or an array of role keys",
                too_many: "more than 500 role keys",
            })
            .map(Roles)
    }
}

/// One string or an array of them, at most [`MAX_PAGE_ITEMS`]: the one visitor behind `role`,
/// `status` and `emailAddresses` (its code is shared; only the words of its messages differ).
struct OneOrMany {
    expecting: &'static str,
    too_many: &'static str,
}

impl<'de> Visitor<'de> for OneOrMany {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, one: &str) -> Result<Vec<String>, E> {
        Ok(vec![one.to_owned()])
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        let mut all = Vec::new();
        while let Some(one) = seq.next_element::<String>()? {
            if all.len() == MAX_PAGE_ITEMS {
                return Err(de::Error::custom(self.too_many));
            }
            all.push(one);
        }
        Ok(all)
    }
}

/// `{ initialPage, pageSize, status }` of the invitation, membership request and suggestion lists
/// (clerk-js's `GetInvitationsParams`, `GetMembershipRequestParams`,
/// `GetUserOrganizationInvitationsParams` and `GetUserOrganizationSuggestionsParams`).
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusListParams {
    /// From 1 (default 1).
    pub initial_page: Option<u32>,
    /// From 1 (default 10).
    pub page_size: Option<u32>,
    /// Items with this status, or any of these statuses (`pending`, `accepted`, …).
    pub status: Option<Statuses>,
}

impl StatusListParams {
    /// Whether it asks for pending items alone (an empty filter sends none, and lists every
    /// status): then its page's `total_count` is how many are pending.
    pub fn pending_only(&self) -> bool {
        self.status
            .as_ref()
            .is_some_and(|s| !s.0.is_empty() && s.into_iter().all(|s| s == crate::model::PENDING))
    }

    /// Whether an item with `status` falls outside the `status` filter (false without one, and for
    /// `status: []`, which sends none: every status is listed).
    pub fn excludes(&self, status: &str) -> bool {
        self.status.as_ref().is_some_and(|statuses| {
            !statuses.0.is_empty() && !statuses.into_iter().any(|s| s == status)
        })
    }
}

/// `status`: one status or an array of them (sent as repeated `status` parameters, as clerk-js
/// does with an array).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Statuses(pub Vec<String>);

impl<'a> IntoIterator for &'a Statuses {
    type Item = &'a String;
    type IntoIter = core::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'de> Deserialize<'de> for Statuses {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(OneOrMany {
                expecting: "a status or an array of statuses",
                too_many: "more than 500 statuses",
            })
            .map(Statuses)
    }
}

/// `inviteMember({ emailAddress, role })`, `inviteMembers({ emailAddresses, role })`,
/// `addMember({ userId, role })` and `updateMember({ userId, role })`: one struct, so one
/// deserializer for the four; each call takes its keys through its own check.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberParams {
    /// The address to invite (`inviteMember`).
    pub email_address: Option<String>,
    /// The addresses to invite (`inviteMembers`): an array, or one address.
    pub email_addresses: Option<EmailAddresses>,
    /// The user to add or change (`addMember`, `updateMember`).
    pub user_id: Option<String>,
    /// A role key of the organization, e.g. `org:member`.
    pub role: Option<String>,
}

/// `emailAddresses`: an array of addresses (or one), at most 500.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct EmailAddresses(pub Vec<String>);

impl<'de> Deserialize<'de> for EmailAddresses {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(OneOrMany {
                expecting: "an array of email addresses",
                too_many: "more than 500 email addresses",
            })
            .map(EmailAddresses)
    }
}

impl MemberParams {
    /// `inviteMember`'s address and role: both non-empty, or a refusal before any request.
    pub fn invite(self) -> Result<(String, String), Error> {
        let role = non_empty_role(
            self.role,
            "inviteMember({ emailAddress, role }) needs a non-empty role key, e.g. 'org:member'",
        )?;
        let email = self
            .email_address
            .filter(|e| !e.is_empty())
            .ok_or_else(|| {
                Error::option("inviteMember({ emailAddress, role }) needs a non-empty emailAddress")
            })?;
        Ok((email, role))
    }

    /// `inviteMembers`'s addresses (at least one, none empty) and role.
    pub fn invite_many(self) -> Result<(Vec<String>, String), Error> {
        let role = non_empty_role(
            self.role,
            "inviteMembers({ emailAddresses, role }) needs a non-empty role key, e.g. 'org:member'",
        )?;
        let emails = self
            .email_addresses
            .map(|EmailAddresses(all)| all)
            .filter(|all| !all.is_empty() && all.iter().all(|e| !e.is_empty()))
            .ok_or_else(|| {
                Error::option(
                    "inviteMembers({ emailAddresses, role }) needs an array of non-empty email addresses",
                )
            })?;
        Ok((emails, role))
    }

    /// `addMember`'s and `updateMember`'s user id (`""` when absent: the endpoint refuses it as
    /// `invalid_id`) and role.
    pub fn member(self, call: MemberCall) -> Result<(String, String), Error> {
        let role = non_empty_role(
            self.role,
            match call {
                MemberCall::Add => {
                    "addMember({ userId, role }) needs a non-empty role key, e.g. 'org:member'"
                }
                MemberCall::Update => {
                    "updateMember({ userId, role }) needs a non-empty role key, e.g. 'org:admin'"
                }
            },
        )?;
        Ok((self.user_id.unwrap_or_default(), role))
    }
}

/// Which call [`MemberParams::member`] checks for, to name it in its refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberCall {
    /// `addMember({ userId, role })`.
    Add,
    /// `updateMember({ userId, role })`.
    Update,
}

fn non_empty_role(role: Option<String>, refusal: &'static str) -> Result<String, Error> {
    role.filter(|role| !role.is_empty())
        .ok_or_else(|| Error::refused("invalid_role", refusal))
}

/// `update({ role })`.
#[derive(Debug, Default, Deserialize)]
pub struct UpdateParams {
    /// A role key of the organization, e.g. `org:admin`.
    pub role: Option<String>,
}

impl UpdateParams {
    /// The role to set: a non-empty string, or `invalid_role` before any request.
    pub fn role(self) -> Result<String, Error> {
        non_empty_role(
            self.role,
            "update({ role }) needs a non-empty role key, e.g. 'org:admin'",
        )
    }
}

/// What a live list asks for: which rows (its [`Kind`]) with which params. The page asked for is
/// `initial_page`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// `membershipList()`: `{ initialPage, pageSize, query, role }`.
    Members(ListParams),
    /// `invitationList()`: `{ initialPage, pageSize, status }`.
    Invitations(StatusListParams),
    /// `membershipRequestList()`: `{ initialPage, pageSize, status }`.
    Requests(StatusListParams),
}

impl Query {
    /// Which rows it asks for.
    pub fn kind(&self) -> Kind {
        match self {
            Query::Members(_) => Kind::Members,
            Query::Invitations(_) => Kind::Invitations,
            Query::Requests(_) => Kind::Requests,
        }
    }

    /// `initialPage`, if given.
    pub fn initial_page(&self) -> Option<u32> {
        match self {
            Query::Members(p) => p.initial_page,
            Query::Invitations(p) | Query::Requests(p) => p.initial_page,
        }
    }

    /// `pageSize`, or its default, 10.
    pub fn page_size(&self) -> u32 {
        match self {
            Query::Members(p) => p.page_size,
            Query::Invitations(p) | Query::Requests(p) => p.page_size,
        }
        .unwrap_or(10)
    }

    /// The same params, for page `page`.
    pub fn at_page(&self, page: u32) -> Query {
        let mut query = self.clone();
        match &mut query {
            Query::Members(p) => p.initial_page = Some(page),
            Query::Invitations(p) | Query::Requests(p) => p.initial_page = Some(page),
        }
        query
    }

    /// Whether `item` falls outside the filter (a member's role, an invitation's or a request's
    /// status), so that a list showing it must fetch again.
    pub fn excludes(&self, item: &Item) -> bool {
        match self {
            Query::Members(p) => p.excludes(item.filtered_on()),
            Query::Invitations(p) | Query::Requests(p) => p.excludes(item.filtered_on()),
        }
    }

    /// `setParams(partial)`: each key `given` (even as `undefined`) replaces the current value, a key
    /// left out keeps it; the page goes back to the first. `partial` is of the same kind.
    pub fn merged(&self, partial: Query, given: &dyn Fn(&str) -> bool) -> Query {
        fn pick<T: Clone>(given: bool, new: T, current: &T) -> T {
            if given {
                new
            } else {
                current.clone()
            }
        }
        let size = given("pageSize");
        let statuses = |current: &StatusListParams, new: StatusListParams| StatusListParams {
            initial_page: None,
            page_size: pick(size, new.page_size, &current.page_size),
            status: pick(given("status"), new.status, &current.status),
        };
        match (self, partial) {
            (Query::Members(current), Query::Members(new)) => Query::Members(ListParams {
                initial_page: None,
                page_size: pick(size, new.page_size, &current.page_size),
                query: pick(given("query"), new.query, &current.query),
                role: pick(given("role"), new.role, &current.role),
            }),
            (Query::Invitations(current), Query::Invitations(new)) => {
                Query::Invitations(statuses(current, new))
            }
            (Query::Requests(current), Query::Requests(new)) => {
                Query::Requests(statuses(current, new))
            }
            // Not of the same kind: nothing changes.
            _ => self.clone(),
        }
    }
}
