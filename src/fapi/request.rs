//! Request building (docs/wire.md §2–§4): the endpoints, path, query in its stable order, method
//! tunnelling, form body. Pure, so every byte a call sends is tested on the host.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::error::Error;
use crate::fapi::config::{AuthMode, Config};
use crate::fapi::options::ListParams;

/// Everything but unreserved characters is encoded in a path segment, `.` included, so an id such as
/// `a/b` or `x?y` can never change which resource is addressed (docs/wire.md §1).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~');

/// The endpoints of docs/wire.md §4. Ids are checked here, and only here, before any request.
///
/// Sources of the invitation, membership request, suggestion, `add_member` and `leave` requests
/// (issue 20): the paths, methods and form keys of Clerk's FAPI OpenAPI (fapi/2026-05-12, the
/// excerpt in `../shared/spec/fapi-openapi-invitations-excerpt.yml`; `add_member` and `leave` are
/// in the membership excerpt), and what clerk-js sends for them (`Organization.ts`,
/// `OrganizationInvitation.ts`, `OrganizationMembershipRequest.ts`, `UserOrganizationInvitation.ts`,
/// `OrganizationSuggestion.ts`, `User.ts`'s `leaveOrganization`): POSTs that are not tunnelled, and
/// lists with `limit`, `offset` and `status` but no `paginated` (`status` first, then `limit` and
/// `offset`, in clerk-js's order).
pub mod endpoint {
    use super::{check_id, limit_offset, paged, Method, Request};
    use crate::error::Error;
    use crate::fapi::options::{ListParams, Query, StatusListParams};

    /// The page a live list asks for: the request of `getMemberships`, `getInvitations` or
    /// `getMembershipRequests` with the same params.
    pub fn list(org: &str, query: &Query) -> Result<Request, Error> {
        match query {
            Query::Members(params) => memberships(org, params),
            Query::Invitations(params) => invitations(org, params),
            Query::Requests(params) => membership_requests(org, params),
        }
    }

    /// `PATCH`/`DELETE /organizations/{org}/memberships/{user}` (`{user}` is the user id).
    pub fn membership(method: Method, org: &str, user: &str) -> Result<Request, Error> {
        let (org, user) = (check_id(org, "organization")?, check_id(user, "user")?);
        Ok(Request::new(
            method,
            &["organizations", org, "memberships", user],
        ))
    }

    /// `GET /organizations/{org}/memberships?paginated=true&limit&offset[&query][&role…]`.
    pub fn memberships(org: &str, params: &ListParams) -> Result<Request, Error> {
        let org = check_id(org, "organization")?;
        let request = Request::new(Method::Get, &["organizations", org, "memberships"]);
        // `paginated=true` first: without it the list comes back as a bare array (docs/wire.md §4).
        let mut request = limit_offset(request.query("paginated", "true"), params)?;
        if let Some(query) = &params.query {
            request = request.query("query", query);
        }
        for role in params.role.iter().flatten() {
            request = request.query("role", role);
        }
        Ok(request)
    }

    /// `GET /me/organization_memberships?paginated=true&limit&offset`.
    pub fn my_memberships(params: &ListParams) -> Result<Request, Error> {
        let request = Request::new(Method::Get, &["me", "organization_memberships"]);
        limit_offset(request.query("paginated", "true"), params)
    }

    /// `GET /organizations/{org}/roles?limit&offset` (no `paginated`: docs/wire.md §4).
    pub fn roles(org: &str, params: &ListParams) -> Result<Request, Error> {
        let org = check_id(org, "organization")?;
        limit_offset(
            Request::new(Method::Get, &["organizations", org, "roles"]),
            params,
        )
    }

    /// `GET /organizations/{org}/invitations?[status…&]limit&offset`: no `paginated`, as clerk-js's
    /// `getInvitations` sends none (and the excerpt declares none here); the answer is a page.
    pub fn invitations(org: &str, params: &StatusListParams) -> Result<Request, Error> {
        let org = check_id(org, "organization")?;
        statuses(
            Request::new(Method::Get, &["organizations", org, "invitations"]),
            params,
        )
    }

    /// `POST /organizations/{org}/invitations` with `email_address` and `role`: one invitation.
    pub fn invite(org: &str, email_address: &str, role: &str) -> Result<Request, Error> {
        let org = check_id(org, "organization")?;
        Ok(
            Request::new(Method::Post, &["organizations", org, "invitations"])
                .form("email_address", email_address)
                .form("role", role),
        )
    }

    /// `POST /organizations/{org}/invitations/bulk` with `email_address` once for each address,
    /// then `role`: a form, as clerk-js encodes the array (the excerpt's body is a form too).
    pub fn invite_many(
        org: &str,
        email_addresses: &[String],
        role: &str,
    ) -> Result<Request, Error> {
        let org = check_id(org, "organization")?;
        let request = Request::new(Method::Post, &["organizations", org, "invitations", "bulk"]);
        let request = email_addresses.iter().fold(request, |request, email| {
            request.form("email_address", email)
        });
        Ok(request.form("role", role))
    }

    /// `POST /organizations/{org}/invitations/{invitation}/revoke`, no body.
    pub fn revoke_invitation(org: &str, invitation: &str) -> Result<Request, Error> {
        let (org, invitation) = (
            check_id(org, "organization")?,
            check_id(invitation, "invitation")?,
        );
        Ok(Request::new(
            Method::Post,
            &["organizations", org, "invitations", invitation, "revoke"],
        ))
    }

    /// `GET /organizations/{org}/membership_requests?[status…&]limit&offset` (no `paginated`, as
    /// clerk-js's `getMembershipRequests`).
    pub fn membership_requests(org: &str, params: &StatusListParams) -> Result<Request, Error> {
        let org = check_id(org, "organization")?;
        statuses(
            Request::new(Method::Get, &["organizations", org, "membership_requests"]),
            params,
        )
    }

    /// `POST /organizations/{org}/membership_requests/{request}/accept`, no body.
    pub fn accept_membership_request(org: &str, request: &str) -> Result<Request, Error> {
        membership_request(org, request, "accept")
    }

    /// `POST /organizations/{org}/membership_requests/{request}/reject`, no body.
    pub fn reject_membership_request(org: &str, request: &str) -> Result<Request, Error> {
        membership_request(org, request, "reject")
    }

    fn membership_request(org: &str, request: &str, action: &str) -> Result<Request, Error> {
        let (org, request) = (
            check_id(org, "organization")?,
            check_id(request, "membership request")?,
        );
        Ok(Request::new(
            Method::Post,
            &["organizations", org, "membership_requests", request, action],
        ))
    }

    /// `POST /organizations/{org}/memberships` with `user_id` and `role` (clerk-js's `addMember`
    /// sends `{ userId, role }`, snake_cased).
    pub fn add_member(org: &str, user: &str, role: &str) -> Result<Request, Error> {
        let (org, user) = (check_id(org, "organization")?, check_id(user, "user")?);
        Ok(
            Request::new(Method::Post, &["organizations", org, "memberships"])
                .form("user_id", user)
                .form("role", role),
        )
    }

    /// `GET /me/organization_invitations?[status…&]limit&offset`: the signed-in user's invitations.
    pub fn my_invitations(params: &StatusListParams) -> Result<Request, Error> {
        statuses(
            Request::new(Method::Get, &["me", "organization_invitations"]),
            params,
        )
    }

    /// `POST /me/organization_invitations/{invitation}/accept`, no body.
    pub fn accept_my_invitation(invitation: &str) -> Result<Request, Error> {
        let invitation = check_id(invitation, "invitation")?;
        Ok(Request::new(
            Method::Post,
            &["me", "organization_invitations", invitation, "accept"],
        ))
    }

    /// `GET /me/organization_suggestions?[status…&]limit&offset`.
    pub fn my_suggestions(params: &StatusListParams) -> Result<Request, Error> {
        statuses(
            Request::new(Method::Get, &["me", "organization_suggestions"]),
            params,
        )
    }

    /// `POST /me/organization_suggestions/{suggestion}/accept`, no body.
    pub fn accept_suggestion(suggestion: &str) -> Result<Request, Error> {
        let suggestion = check_id(suggestion, "suggestion")?;
        Ok(Request::new(
            Method::Post,
            &["me", "organization_suggestions", suggestion, "accept"],
        ))
    }

    /// `DELETE /me/organization_memberships/{org}` (sent as a POST with `_method=DELETE`, no body):
    /// the signed-in user leaves the organization (clerk-js's `user.leaveOrganization`).
    pub fn leave(org: &str) -> Result<Request, Error> {
        let org = check_id(org, "organization")?;
        Ok(Request::new(
            Method::Delete,
            &["me", "organization_memberships", org],
        ))
    }

    /// `status` once for each status, then `limit` and `offset`: clerk-js's order (its
    /// `convertPageToOffsetSearchParams` puts the page last).
    fn statuses(request: Request, params: &StatusListParams) -> Result<Request, Error> {
        let request = params
            .status
            .iter()
            .flatten()
            .fold(request, |request, status| request.query("status", status));
        paged(request, params.initial_page, params.page_size)
    }

    /// `POST /dev_browser`: plain POST, no body (docs/wire.md §3).
    pub fn dev_browser() -> Request {
        Request::new(Method::Post, &["dev_browser"])
    }
}

/// An id that goes into a path: refused when empty, or when a URL parser would take it for a dot
/// segment (`.`, `..`, `%2e`, `.%2E`, …: WHATWG URL §4.4, "single-dot/double-dot URL path segment"),
/// which would address another resource (an organization instead of its member).
pub fn check_id<'a>(id: &'a str, what: &'static str) -> Result<&'a str, Error> {
    let decoded = percent_decode_str(id).decode_utf8_lossy();
    if id.is_empty() || decoded == "." || decoded == ".." {
        return Err(Error::refused(
            "invalid_id",
            if id.is_empty() {
                format!("the {what} id is empty")
            } else {
                format!(
                    "the {what} id `{id}` is not an id: a URL parser would read it as `{decoded}`"
                )
            },
        ));
    }
    Ok(id)
}

/// The HTTP method a call means (the one in `_method` when it is tunnelled).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Sent as GET.
    Get,
    /// Sent as POST.
    Post,
    /// Sent as POST with `_method=PATCH`.
    Patch,
    /// Sent as POST with `_method=DELETE`.
    Delete,
}

impl Method {
    /// The method on the wire: GET stays GET, everything else is POST (CORS-simple, docs/wire.md §3).
    pub fn transport(self) -> &'static str {
        match self {
            Method::Get => "GET",
            _ => "POST",
        }
    }

    fn tunnelled(self) -> Option<&'static str> {
        match self {
            Method::Patch => Some("PATCH"),
            Method::Delete => Some("DELETE"),
            Method::Get | Method::Post => None,
        }
    }
}

/// One Frontend API call, before the configuration's parameters are added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// What the call means.
    pub method: Method,
    /// Below `/v1`, segments percent-encoded, e.g. `/organizations/org_1/memberships/user_1`.
    pub path: String,
    /// The call's own query parameters, in order.
    pub query: Vec<(String, String)>,
    /// Form fields (snake_case keys), in order; none for GET.
    pub form: Vec<(String, String)>,
}

impl Request {
    /// A call to the path made of `segments`, each percent-encoded.
    pub fn new(method: Method, segments: &[&str]) -> Request {
        let path = segments.iter().fold(String::new(), |mut path, segment| {
            path.push('/');
            path.extend(utf8_percent_encode(segment, SEGMENT));
            path
        });
        Request {
            method,
            path,
            query: Vec::new(),
            form: Vec::new(),
        }
    }

    /// Adds a query parameter (repeat the key for a list, as `role` filters do).
    pub fn query(mut self, key: &str, value: &str) -> Request {
        self.query.push((key.to_owned(), value.to_owned()));
        self
    }

    /// Adds a form field.
    pub fn form(mut self, key: &str, value: &str) -> Request {
        self.form.push((key.to_owned(), value.to_owned()));
        self
    }

    /// The full URL: the call's parameters, then the configuration's, in docs/wire.md §2's order.
    pub fn url(
        &self,
        config: &Config,
        session_id: Option<&str>,
        dev_browser: Option<&str>,
    ) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.extend_pairs(&self.query);
        query.append_pair("__clerk_api_version", &config.api_version);
        query.append_pair("_clerk_js_version", &config.clerk_js_version);
        if let Some(method) = self.method.tunnelled() {
            query.append_pair("_method", method);
        }
        // clerk-js leaves the session out of client-level paths.
        let client_level = self.path.starts_with("/client") || self.path.starts_with("/waitlist");
        if let (Some(session), false) = (session_id, client_level) {
            query.append_pair("_clerk_session_id", session);
        }
        match (config.auth_mode, dev_browser) {
            (AuthMode::Cookie, Some(token)) if config.uses_dev_browser() => {
                query.append_pair("__clerk_db_jwt", token);
            }
            (AuthMode::Header, _) => {
                query.append_pair("_is_native", "1");
            }
            _ => {}
        }
        format!("{}{}?{}", config.base_url, self.path, query.finish())
    }

    /// The form-encoded body (`None` when the call has no fields).
    pub fn body(&self) -> Option<String> {
        if self.form.is_empty() {
            return None;
        }
        Some(
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&self.form)
                .finish(),
        )
    }
}

/// `initialPage`/`pageSize` → `limit`/`offset` (docs/wire.md §4): defaults page 1, size 10.
pub fn limit_offset(request: Request, params: &ListParams) -> Result<Request, Error> {
    paged(request, params.initial_page, params.page_size)
}

/// [`limit_offset`] from any list's `initialPage` and `pageSize`.
fn paged(request: Request, page: Option<u32>, size: Option<u32>) -> Result<Request, Error> {
    let page = page.unwrap_or(1);
    let size = size.unwrap_or(10);
    if page == 0 || size == 0 {
        let which = if page == 0 { "initialPage" } else { "pageSize" };
        return Err(Error::option(format!(
            "{which} must be a whole number from 1"
        )));
    }
    let offset = u64::from(page - 1) * u64::from(size);
    Ok(request
        .query("limit", &size.to_string())
        .query("offset", &offset.to_string()))
}
