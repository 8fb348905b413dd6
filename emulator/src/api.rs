//! The `/v1/` endpoints of WIRE.md §4: routing, authentication, form validation, the envelope.

use crate::app::{lock, App};
use crate::config::InstanceType;
use crate::error::ApiError;
use crate::http::{error_response, json_response, HttpResponse, ReceivedRequest};
use crate::store::{Caller, Credential, Paging, Store};
use crate::wire::{ClientJson, Envelope};
use hyper::header::{HeaderName, HeaderValue};
use hyper::{Method, StatusCode};
use percent_encoding::percent_decode_str;
use serde::Serialize;

/// The operations the emulator knows; ids are percent-decoded path segments.
#[derive(Debug)]
enum Route {
    DevBrowser,
    UpdateMember {
        org: String,
        user: String,
    },
    RemoveMember {
        org: String,
        user: String,
    },
    AddMember {
        org: String,
    },
    ListMembers {
        org: String,
    },
    ListMyMemberships,
    LeaveOrganization {
        org: String,
    },
    ListRoles {
        org: String,
    },
    ListInvitations {
        org: String,
    },
    ListPendingInvitations {
        org: String,
    },
    CreateInvitation {
        org: String,
    },
    CreateInvitations {
        org: String,
    },
    RevokeInvitation {
        org: String,
        invitation: String,
    },
    ListMembershipRequests {
        org: String,
    },
    AcceptMembershipRequest {
        org: String,
        request: String,
    },
    RejectMembershipRequest {
        org: String,
        request: String,
    },
    ListMyInvitations,
    AcceptMyInvitation {
        invitation: String,
    },
    ListMySuggestions,
    AcceptMySuggestion {
        suggestion: String,
    },
    Environment,
    Client,
    TouchSession {
        session: String,
    },
    SessionToken {
        session: String,
        template: Option<String>,
    },
}

fn route(method: &str, path: &str) -> Option<Route> {
    let rest = path.strip_prefix("/v1/")?;
    let segments: Vec<String> = rest
        .split('/')
        .map(|s| percent_decode_str(s).decode_utf8().map(|c| c.into_owned()))
        .collect::<Result<_, _>>()
        .ok()?;
    if segments.iter().any(String::is_empty) {
        return None;
    }
    let parts: Vec<&str> = segments.iter().map(String::as_str).collect();
    let owned = |s: &str| s.to_owned();
    Some(match (method, parts.as_slice()) {
        ("POST", ["dev_browser"]) => Route::DevBrowser,
        ("PATCH", ["organizations", org, "memberships", user]) => Route::UpdateMember {
            org: owned(org),
            user: owned(user),
        },
        ("DELETE", ["organizations", org, "memberships", user]) => Route::RemoveMember {
            org: owned(org),
            user: owned(user),
        },
        ("POST", ["organizations", org, "memberships"]) => Route::AddMember { org: owned(org) },
        ("GET", ["organizations", org, "memberships"]) => Route::ListMembers { org: owned(org) },
        ("GET", ["me", "organization_memberships"]) => Route::ListMyMemberships,
        ("DELETE", ["me", "organization_memberships", org]) => {
            Route::LeaveOrganization { org: owned(org) }
        }
        ("GET", ["organizations", org, "roles"]) => Route::ListRoles { org: owned(org) },
        ("GET", ["organizations", org, "invitations"]) => {
            Route::ListInvitations { org: owned(org) }
        }
        ("GET", ["organizations", org, "invitations", "pending"]) => {
            Route::ListPendingInvitations { org: owned(org) }
        }
        ("POST", ["organizations", org, "invitations"]) => {
            Route::CreateInvitation { org: owned(org) }
        }
        ("POST", ["organizations", org, "invitations", "bulk"]) => {
            Route::CreateInvitations { org: owned(org) }
        }
        ("POST", ["organizations", org, "invitations", invitation, "revoke"]) => {
            Route::RevokeInvitation {
                org: owned(org),
                invitation: owned(invitation),
            }
        }
        ("GET", ["organizations", org, "membership_requests"]) => {
            Route::ListMembershipRequests { org: owned(org) }
        }
        ("POST", ["organizations", org, "membership_requests", request, "accept"]) => {
            Route::AcceptMembershipRequest {
                org: owned(org),
                request: owned(request),
            }
        }
        ("POST", ["organizations", org, "membership_requests", request, "reject"]) => {
            Route::RejectMembershipRequest {
                org: owned(org),
                request: owned(request),
            }
        }
        ("GET", ["me", "organization_invitations"]) => Route::ListMyInvitations,
        ("POST", ["me", "organization_invitations", invitation, "accept"]) => {
            Route::AcceptMyInvitation {
                invitation: owned(invitation),
            }
        }
        ("GET", ["me", "organization_suggestions"]) => Route::ListMySuggestions,
        ("POST", ["me", "organization_suggestions", suggestion, "accept"]) => {
            Route::AcceptMySuggestion {
                suggestion: owned(suggestion),
            }
        }
        ("GET" | "PATCH", ["environment"]) => Route::Environment,
        ("GET", ["client"]) => Route::Client,
        ("POST", ["client", "sessions", session, "touch"]) => Route::TouchSession {
            session: owned(session),
        },
        ("POST", ["client", "sessions", session, "tokens"]) => Route::SessionToken {
            session: owned(session),
            template: None,
        },
        ("POST", ["client", "sessions", session, "tokens", template]) => Route::SessionToken {
            session: owned(session),
            template: Some(owned(template)),
        },
        _ => return None,
    })
}

/// Handles one `/v1/` request. Everything runs under one lock of the store, so concurrent changes are serialised.
pub fn handle(app: &App, request: &ReceivedRequest) -> HttpResponse {
    let mut store = lock(&app.store);
    let trace_id = store.trace_id();
    match answer(app, &mut store, request) {
        Ok(response) => response,
        Err(error) => error_response(&error, &trace_id),
    }
}

/// A change the state file could not take: 500 `internal_clerk_error`.
pub fn write_failed(app: &App, why: &str) -> HttpResponse {
    let trace_id = lock(&app.store).trace_id();
    error_response(&ApiError::internal(why), &trace_id)
}

fn answer(
    app: &App,
    store: &mut Store,
    request: &ReceivedRequest,
) -> Result<HttpResponse, ApiError> {
    let route = route(&request.effective_method, &request.path)
        .ok_or_else(|| ApiError::unexpected_request(&request.effective_method, &request.path))?;
    if let Route::DevBrowser = route {
        if app.instance != InstanceType::Development {
            return Err(ApiError::unexpected_request(
                &request.effective_method,
                &request.path,
            ));
        }
        let dev_browser = store.create_dev_browser(request.query_param("user_id"))?;
        return Ok(json_response(StatusCode::OK, &dev_browser));
    }
    if request.header("origin").is_some() && request.header("authorization").is_some() {
        return Err(ApiError::origin_authorization_conflict());
    }
    let header_mode = matches!(request.query_param("_is_native"), Some("1" | "true"));
    let credential = credential(app, request, header_mode);
    let route = match client_route(app, store, request, route, credential, header_mode)? {
        Ok(response) => return Ok(response),
        Err(route) => route,
    };
    let caller = store.authenticate(credential, request.query_param("_clerk_session_id"))?;
    if request.method != Method::GET {
        check_content_type(request)?;
    }
    let form = form_pairs(request);
    let response = match route {
        Route::DevBrowser
        | Route::Environment
        | Route::Client
        | Route::TouchSession { .. }
        | Route::SessionToken { .. } => {
            return Err(ApiError::unexpected_request(
                &request.effective_method,
                &request.path,
            ))
        }
        Route::UpdateMember { org, user } => {
            only_keys(&form, &["role"])?;
            let role = role_param(&form)?;
            {
                let changed = store.update_role(&caller, &org, &user, &role)?;
                enveloped(store, &caller, changed)
            }
        }
        Route::RemoveMember { org, user } => {
            only_keys(&form, &[])?;
            {
                let changed = store.remove_member(&caller, &org, &user)?;
                enveloped(store, &caller, changed)
            }
        }
        Route::AddMember { org } => {
            only_keys(&form, &["user_id", "role"])?;
            let user_id = form_value(&form, "user_id")
                .ok_or_else(|| ApiError::form_param_missing("user_id"))?;
            let role = role_param(&form)?;
            {
                let changed = store.add_member(&caller, &org, &user_id, &role)?;
                enveloped(store, &caller, changed)
            }
        }
        Route::ListMembers { org } => {
            let paging = paging(request)?;
            let roles: Vec<String> = request
                .query
                .iter()
                .filter(|(k, _)| k == "role")
                .map(|(_, v)| v.clone())
                .filter(|v| !v.is_empty())
                .collect();
            let list =
                store.list_members(&caller, &org, request.query_param("query"), &roles, paging)?;
            enveloped(store, &caller, list)
        }
        Route::ListMyMemberships => {
            let paging = paging(request)?;
            let list = store.list_my_memberships(&caller, paging);
            enveloped(store, &caller, list)
        }
        Route::LeaveOrganization { org } => {
            only_keys(&form, &[])?;
            {
                let changed = store.leave(&caller, &org)?;
                enveloped(store, &caller, changed)
            }
        }
        Route::ListRoles { org } => {
            let paging = paging(request)?;
            enveloped(store, &caller, store.list_roles(&caller, &org, paging)?)
        }
        invitations_or_requests => {
            return invitation_route(store, &caller, request, &form, invitations_or_requests)
                .map(|response| rotate(app, store, &caller.client_id, header_mode, response))
        }
    };
    Ok(rotate(app, store, &caller.client_id, header_mode, response))
}

/// The statuses an organization's invitations can be listed by: the enum of the excerpt's `status` query
/// parameter of `GET /v1/organizations/{organization_id}/invitations`.
const INVITATION_STATUS_FILTER: [&str; 6] = [
    "pending",
    "accepted",
    "revoked",
    "expired",
    "invalid",
    "completed",
];

/// Invitations, membership requests and suggestions, each answered in the envelope.
fn invitation_route(
    store: &mut Store,
    caller: &Caller,
    request: &ReceivedRequest,
    form: &[(String, String)],
    route: Route,
) -> Result<HttpResponse, ApiError> {
    Ok(match route {
        Route::ListInvitations { org } => {
            let statuses = statuses(request, Some(&INVITATION_STATUS_FILTER))?;
            let paging = paging(request)?;
            let list = store.list_invitations(caller, &org, &statuses, paging)?;
            enveloped(store, caller, list)
        }
        Route::ListPendingInvitations { org } => {
            let paging = paging(request)?;
            let list = store.list_pending_invitations(caller, &org, paging)?;
            enveloped(store, caller, list)
        }
        Route::CreateInvitation { org } => {
            only_keys(form, &["email_address", "role", "notify"])?;
            let text = form_value(form, "email_address")
                .ok_or_else(|| ApiError::form_param_missing("email_address"))?;
            let address = crate::email::normalize(&text)
                .ok_or_else(|| ApiError::email_address_invalid("email_address"))?;
            let role = role_param(form)?;
            notify_param(form)?;
            let mut created = store.invite(caller, &org, &[address], &role)?;
            let invitation = created
                .pop()
                .ok_or_else(|| ApiError::internal("an invitation was not created"))?;
            enveloped(store, caller, invitation)
        }
        Route::CreateInvitations { org } => {
            only_keys(form, &["email_address", "role", "notify"])?;
            let addresses = bulk_addresses(form)?;
            let role = role_param(form)?;
            notify_param(form)?;
            let created = store.invite(caller, &org, &addresses, &role)?;
            enveloped(store, caller, created)
        }
        Route::RevokeInvitation { org, invitation } => {
            only_keys(form, &[])?;
            let revoked = store.revoke_invitation(caller, &org, &invitation)?;
            enveloped(store, caller, revoked)
        }
        Route::ListMembershipRequests { org } => {
            let statuses = statuses(request, None)?;
            let paging = paging(request)?;
            let list = store.list_membership_requests(caller, &org, &statuses, paging)?;
            enveloped(store, caller, list)
        }
        Route::AcceptMembershipRequest { org, request } => {
            only_keys(form, &[])?;
            let accepted = store.accept_membership_request(caller, &org, &request)?;
            enveloped(store, caller, accepted)
        }
        Route::RejectMembershipRequest { org, request } => {
            only_keys(form, &[])?;
            let rejected = store.reject_membership_request(caller, &org, &request)?;
            enveloped(store, caller, rejected)
        }
        Route::ListMyInvitations => {
            let statuses = statuses(request, None)?;
            let paging = paging(request)?;
            let list = store.list_my_invitations(caller, &statuses, paging);
            enveloped(store, caller, list)
        }
        Route::AcceptMyInvitation { invitation } => {
            only_keys(form, &[])?;
            let accepted = store.accept_my_invitation(caller, &invitation)?;
            enveloped(store, caller, accepted)
        }
        Route::ListMySuggestions => {
            let statuses = statuses(request, None)?;
            let paging = paging(request)?;
            let list = store.list_my_suggestions(caller, &statuses, paging);
            enveloped(store, caller, list)
        }
        Route::AcceptMySuggestion { suggestion } => {
            only_keys(form, &[])?;
            let accepted = store.accept_my_suggestion(caller, &suggestion)?;
            enveloped(store, caller, accepted)
        }
        _ => {
            return Err(ApiError::unexpected_request(
                &request.effective_method,
                &request.path,
            ))
        }
    })
}

/// The repeated `status` query parameter (clerk-js sends an array as repeated keys), OR-ed; with
/// `allowed`, a value outside it is `422 form_param_value_invalid`.
fn statuses(request: &ReceivedRequest, allowed: Option<&[&str]>) -> Result<Vec<String>, ApiError> {
    let mut wanted = Vec::new();
    for (_, value) in request.query.iter().filter(|(k, _)| k == "status") {
        if value.is_empty() {
            continue;
        }
        if allowed.is_some_and(|allowed| !allowed.contains(&value.as_str())) {
            return Err(ApiError::form_param_value_invalid(
                "status",
                &format!("{value:?} does not match one of the allowed values"),
            ));
        }
        wanted.push(value.clone());
    }
    Ok(wanted)
}

/// The repeated `email_address` of a bulk invitation: at least one; every one an address (else one 422
/// naming every bad one); lowercased, a repeat dropped.
fn bulk_addresses(form: &[(String, String)]) -> Result<Vec<String>, ApiError> {
    let given: Vec<&str> = form
        .iter()
        .filter(|(k, v)| k == "email_address" && !v.trim().is_empty())
        .map(|(_, v)| v.as_str())
        .collect();
    if given.is_empty() {
        return Err(ApiError::form_param_missing("email_address"));
    }
    let invalid: Vec<String> = given
        .iter()
        .filter(|text| crate::email::normalize(text).is_none())
        .map(|text| (*text).to_owned())
        .collect();
    if !invalid.is_empty() {
        return Err(ApiError::email_addresses_invalid(&invalid));
    }
    let mut addresses: Vec<String> = Vec::with_capacity(given.len());
    for address in given
        .iter()
        .filter_map(|text| crate::email::normalize(text))
    {
        if !addresses.contains(&address) {
            addresses.push(address);
        }
    }
    Ok(addresses)
}

/// `notify` (whether Clerk mails the invitation; the emulator mails nothing): absent, or a boolean.
fn notify_param(form: &[(String, String)]) -> Result<(), ApiError> {
    match form.iter().find(|(k, _)| k == "notify") {
        None => Ok(()),
        Some((_, v)) if matches!(v.as_str(), "" | "true" | "false") => Ok(()),
        Some(_) => Err(ApiError::form_param_type_invalid("notify", "boolean")),
    }
}

/// How the request authenticates: header mode, else the dev-browser token or the `__client` cookie.
fn credential<'a>(app: &App, request: &'a ReceivedRequest, header_mode: bool) -> Credential<'a> {
    if header_mode {
        Credential::ClientToken(
            request
                .header("authorization")
                .map(|v| v.strip_prefix("Bearer ").unwrap_or(v)),
        )
    } else {
        match app.instance {
            InstanceType::Development => Credential::DevBrowser(
                request
                    .query_param("__clerk_db_jwt")
                    .or_else(|| cookie(request, "__clerk_db_jwt")),
            ),
            InstanceType::Production => Credential::ClientToken(cookie(request, "__client")),
        }
    }
}

/// The client-level endpoints clerk-js calls on `load()`: they need a client (or, for the environment and
/// a signed-out production client, nothing) but no `_clerk_session_id`. `Ok(Err(route))` hands any other
/// route back.
fn client_route(
    app: &App,
    store: &mut Store,
    request: &ReceivedRequest,
    route: Route,
    credential: Credential<'_>,
    header_mode: bool,
) -> Result<Result<HttpResponse, Route>, ApiError> {
    let development = app.instance == InstanceType::Development && !header_mode;
    let response = match route {
        Route::Environment => {
            // A development instance knows its browsers; production serves its settings to anyone.
            let client_id = if development {
                Some(store.authenticate_client(credential)?)
            } else {
                store.authenticate_client(credential).ok()
            };
            if request.method != Method::GET {
                check_content_type(request)?;
            }
            let environment =
                crate::environment::json(app.instance, store.max_allowed_memberships());
            let response = json_response(StatusCode::OK, &environment);
            match client_id {
                Some(client_id) => rotate(app, store, &client_id, header_mode, response),
                None => response,
            }
        }
        Route::Client => {
            let client_id = if development {
                Some(store.authenticate_client(credential)?)
            } else {
                // Signed out in production: no client yet.
                store.authenticate_client(credential).ok()
            };
            let client = client_id.as_deref().and_then(|id| store.client_json(id));
            let response = json_response(
                StatusCode::OK,
                &Envelope::<Option<ClientJson>> {
                    response: client,
                    client: None,
                },
            );
            match client_id {
                Some(client_id) => rotate(app, store, &client_id, header_mode, response),
                None => response,
            }
        }
        Route::TouchSession { session } => {
            let client_id = store.authenticate_client(credential)?;
            check_content_type(request)?;
            let form = form_pairs(request);
            only_keys(&form, &["active_organization_id", "intent"])?;
            let organization = nullable_param(&form, "active_organization_id");
            let touched = store.touch_session(&client_id, &session, organization)?;
            let response = json_response(
                StatusCode::OK,
                &Envelope {
                    response: touched,
                    client: store.client_json(&client_id),
                },
            );
            rotate(app, store, &client_id, header_mode, response)
        }
        Route::SessionToken { session, template } => {
            let client_id = store.authenticate_client(credential)?;
            check_content_type(request)?;
            let form = form_pairs(request);
            only_keys(
                &form,
                &["organization_id", "tab_state", "token", "force_origin"],
            )?;
            if let Some(template) = template {
                // The emulator has no JWT templates.
                return Err(ApiError::resource_not_found(
                    &format!("JWT template {template}"),
                    None,
                ));
            }
            let organization = nullable_param(&form, "organization_id");
            let issuer = format!("http://{}", request.header("host").unwrap_or("127.0.0.1"));
            let token = store.session_token(
                &client_id,
                &session,
                organization,
                &issuer,
                request.header("origin"),
            )?;
            let response = json_response(StatusCode::OK, &token);
            rotate(app, store, &client_id, header_mode, response)
        }
        other => return Ok(Err(other)),
    };
    Ok(Ok(response))
}

fn form_pairs(request: &ReceivedRequest) -> Vec<(String, String)> {
    form_urlencoded::parse(&request.body).into_owned().collect()
}

/// A nullable form parameter: absent → `None` (leave as is), empty (how clerk-js sends `null`) →
/// `Some(None)`, else `Some(Some(value))`.
fn nullable_param<'a>(form: &'a [(String, String)], name: &str) -> Option<Option<&'a str>> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| Some(v.as_str()).filter(|v| !v.is_empty()))
}

fn enveloped<T: Serialize>(store: &Store, caller: &Caller, response: T) -> HttpResponse {
    json_response(
        StatusCode::OK,
        &Envelope {
            response,
            client: store.client_json(&caller.client_id),
        },
    )
}

/// With rotation on, every authenticated answer carries a fresh token (WIRE.md §3: the client must adopt it).
fn rotate(
    app: &App,
    store: &mut Store,
    client_id: &str,
    header_mode: bool,
    mut response: HttpResponse,
) -> HttpResponse {
    if !app.rotating() {
        return response;
    }
    let (name, token) = if header_mode {
        (
            HeaderName::from_static("authorization"),
            store.rotate_client_token(client_id),
        )
    } else if app.instance == InstanceType::Development {
        (
            HeaderName::from_static("clerk-db-jwt"),
            store.rotate_dev_token(client_id),
        )
    } else {
        return response;
    };
    if let Ok(value) = HeaderValue::from_str(&token) {
        response.headers_mut().insert(name, value);
    }
    response
}

fn cookie<'a>(request: &'a ReceivedRequest, name: &str) -> Option<&'a str> {
    request
        .headers
        .get_all("cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// FAPI is a form API: a body of any other type is refused with 415.
fn check_content_type(request: &ReceivedRequest) -> Result<(), ApiError> {
    match request.headers.get("content-type") {
        Some(value) => {
            let text = value.to_str().unwrap_or("");
            let essence = text
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if essence == "application/x-www-form-urlencoded" {
                Ok(())
            } else {
                Err(ApiError::unsupported_content_type(text))
            }
        }
        None if request.body.is_empty() => Ok(()),
        None => Err(ApiError::unsupported_content_type("(none)")),
    }
}

fn only_keys(form: &[(String, String)], allowed: &[&str]) -> Result<(), ApiError> {
    match form.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        Some((key, _)) => Err(ApiError::form_param_unknown(key)),
        None => Ok(()),
    }
}

fn form_value(form: &[(String, String)], name: &str) -> Option<String> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .filter(|v| !v.is_empty())
}

/// `role`: present, non-empty (an empty value is how a `null` is sent), and shaped like `org:<key>`.
fn role_param(form: &[(String, String)]) -> Result<String, ApiError> {
    let role = form_value(form, "role").ok_or_else(|| ApiError::form_param_missing("role"))?;
    let well_formed = role.strip_prefix("org:").is_some_and(|key| {
        !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':'))
    });
    if well_formed {
        Ok(role)
    } else {
        Err(ApiError::form_param_value_invalid(
            "role",
            "must be a role key such as org:admin or org:member",
        ))
    }
}

/// `limit` (1–500, default 10), `offset` (≥ 0, default 0), `paginated`.
fn paging(request: &ReceivedRequest) -> Result<Paging, ApiError> {
    let limit = match request.query_param("limit") {
        None => 10,
        Some(text) => match text.parse::<usize>() {
            Ok(n) if (1..=500).contains(&n) => n,
            _ => {
                return Err(ApiError::form_param_value_invalid(
                    "limit",
                    "must be an integer between 1 and 500",
                ))
            }
        },
    };
    let offset = match request.query_param("offset") {
        None => 0,
        Some(text) => text.parse::<usize>().map_err(|_| {
            ApiError::form_param_value_invalid(
                "offset",
                "must be an integer greater than or equal to 0",
            )
        })?,
    };
    let paginated = request.query_param("paginated") == Some("true");
    Ok(Paging {
        limit,
        offset,
        paginated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        assert!(matches!(
            route("PATCH", "/v1/organizations/org_1/memberships/user_1"),
            Some(Route::UpdateMember { .. })
        ));
        assert!(route("GET", "/v1/organizations/org_1/memberships/user_1").is_none());
        assert!(route("GET", "/v1/organizations//memberships").is_none());
        assert!(matches!(
            route("GET", "/v1/organizations/org_1/invitations/pending"),
            Some(Route::ListPendingInvitations { .. })
        ));
        assert!(matches!(
            route("POST", "/v1/organizations/org_1/invitations/bulk"),
            Some(Route::CreateInvitations { .. })
        ));
        match route(
            "POST",
            "/v1/organizations/org_1/invitations/orginv_1/revoke",
        ) {
            Some(Route::RevokeInvitation { org, invitation }) => {
                assert_eq!((org.as_str(), invitation.as_str()), ("org_1", "orginv_1"))
            }
            other => panic!("{other:?}"),
        }
        // Revoking, accepting and rejecting are POSTs, never tunnelled.
        assert!(route("DELETE", "/v1/organizations/org_1/invitations/orginv_1").is_none());
        assert!(route("GET", "/v1/me/organization_invitations/orginv_1/accept").is_none());
        assert!(matches!(
            route("POST", "/v1/me/organization_suggestions/orgsug_1/accept"),
            Some(Route::AcceptMySuggestion { .. })
        ));
        match route("DELETE", "/v1/organizations/org%2F1/memberships/u%3F") {
            Some(Route::RemoveMember { org, user }) => {
                assert_eq!((org.as_str(), user.as_str()), ("org/1", "u?"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn role_shapes() {
        let form = |v: &str| vec![("role".to_owned(), v.to_owned())];
        assert_eq!(role_param(&form("org:admin")).expect("ok"), "org:admin");
        assert_eq!(
            role_param(&form("")).unwrap_err().code,
            "form_param_missing"
        );
        assert_eq!(
            role_param(&form("admin")).unwrap_err().code,
            "form_param_value_invalid"
        );
        assert_eq!(
            role_param(&form("org:a b")).unwrap_err().code,
            "form_param_value_invalid"
        );
    }
}
