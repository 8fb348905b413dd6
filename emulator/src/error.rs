//! Clerk's error answers (WIRE.md §7): a status, a code and Clerk's messages.

use serde::Serialize;

/// One FAPI error, turned into `{ "errors": [..], "clerk_trace_id" }` by the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// Clerk's error code.
    pub code: &'static str,
    /// Short message.
    pub message: String,
    /// Long message (what clerk-js shows).
    pub long_message: String,
    /// `meta.param_name`, for form and query parameter errors.
    pub param_name: Option<String>,
    /// `meta.email_addresses`: the addresses an invitation refusal is about (clerk-js's invite form
    /// removes them from its input).
    pub email_addresses: Option<Vec<String>>,
}

/// The JSON body of an error answer.
#[derive(Serialize)]
pub struct ErrorBody<'a> {
    errors: [ErrorJson<'a>; 1],
    clerk_trace_id: &'a str,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    code: &'a str,
    message: &'a str,
    long_message: &'a str,
    meta: ErrorMeta<'a>,
}

#[derive(Serialize)]
struct ErrorMeta<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    param_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email_addresses: Option<&'a [String]>,
}

impl ApiError {
    fn new(
        status: u16,
        code: &'static str,
        message: impl Into<String>,
        long_message: impl Into<String>,
    ) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            long_message: long_message.into(),
            param_name: None,
            email_addresses: None,
        }
    }

    fn param(mut self, name: &str) -> Self {
        self.param_name = Some(name.to_owned());
        self
    }

    fn about(mut self, addresses: &[String]) -> Self {
        self.email_addresses = Some(addresses.to_vec());
        self
    }

    /// The body, with this request's trace id.
    pub fn body<'a>(&'a self, trace_id: &'a str) -> ErrorBody<'a> {
        ErrorBody {
            errors: [ErrorJson {
                code: self.code,
                message: &self.message,
                long_message: &self.long_message,
                meta: ErrorMeta {
                    param_name: self.param_name.as_deref(),
                    email_addresses: self.email_addresses.as_deref(),
                },
            }],
            clerk_trace_id: trace_id,
        }
    }

    /// The house catch-all: a request nobody expected, named in the message.
    pub fn unexpected_request(method: &str, path: &str) -> Self {
        let text = format!("unexpected request: {method} {path}");
        ApiError::new(404, "resource_not_found", text.clone(), text)
    }

    /// 401 in development mode: the dev-browser token is missing or unknown.
    pub fn dev_browser_unauthenticated() -> Self {
        ApiError::new(
            401,
            "dev_browser_unauthenticated",
            "Browser unauthenticated",
            "Unable to authenticate this browser for your development instance. Check your Clerk cookies and try again.",
        )
    }

    /// 401: no valid client or session.
    pub fn authentication_invalid(why: &str) -> Self {
        ApiError::new(
            401,
            "authentication_invalid",
            "Invalid authentication",
            format!("Unable to authenticate the request, {why}"),
        )
    }

    /// 400: a page must not send both `Origin` and `Authorization` (WIRE.md §3).
    pub fn origin_authorization_conflict() -> Self {
        ApiError::new(
            400,
            "origin_authorization_headers_conflict",
            "Authorization header conflict",
            "You should provide either an Origin or an Authorization header, not both.",
        )
    }

    /// 415: a body that is not `application/x-www-form-urlencoded`.
    pub fn unsupported_content_type(content_type: &str) -> Self {
        ApiError::new(
            415,
            "unsupported_content_type",
            "Unsupported content type",
            format!("Content type '{content_type}' is not supported, use application/x-www-form-urlencoded."),
        )
    }

    /// 415 on `/__emulator/`: a change must come as JSON, which an HTML form cannot send without a preflight.
    pub fn control_needs_json(content_type: &str) -> Self {
        ApiError::new(
            415,
            "unsupported_content_type",
            "Unsupported content type",
            format!("Content type '{content_type}' is not supported here, use application/json."),
        )
    }

    /// 403: a `Host` that is not this machine's (DNS rebinding), so not the emulator's to answer.
    pub fn host_invalid(host: &str) -> Self {
        ApiError::new(
            403,
            "host_invalid",
            "Invalid host",
            format!("Host '{host}' is not a loopback name or one given with --allow-host."),
        )
    }

    /// 403: a page origin that may not call this path (see the emulator's README, Security).
    pub fn origin_invalid(origin: &str, control: bool) -> Self {
        let flag = if control {
            "--control-origin"
        } else {
            "--allow-origin"
        };
        ApiError::new(
            403,
            "origin_invalid",
            "Invalid origin",
            format!("Origin '{origin}' is not allowed here; start the emulator with {flag} to allow it."),
        )
    }

    /// 408: a body that did not arrive within the emulator's body-read timeout.
    pub fn request_timeout() -> Self {
        ApiError::new(
            408,
            "request_timeout",
            "Request timeout",
            "The request body did not arrive in time.",
        )
    }

    /// 413: a body over the emulator's limit.
    pub fn body_too_large() -> Self {
        ApiError::new(
            413,
            "request_body_too_large",
            "Request body too large",
            "The request body is too large.",
        )
    }

    /// 422: a required form parameter is missing.
    pub fn form_param_missing(name: &str) -> Self {
        ApiError::new(
            422,
            "form_param_missing",
            "is missing",
            format!("{name} is missing"),
        )
        .param(name)
    }

    /// 422: a parameter this endpoint does not take.
    pub fn form_param_unknown(name: &str) -> Self {
        ApiError::new(
            422,
            "form_param_unknown",
            "is unknown",
            format!("{name} is not a valid parameter for this request."),
        )
        .param(name)
    }

    /// 422: a parameter whose value is not acceptable.
    pub fn form_param_value_invalid(name: &str, why: &str) -> Self {
        ApiError::new(
            422,
            "form_param_value_invalid",
            "is invalid",
            format!("{name} {why}"),
        )
        .param(name)
    }

    /// 404: the organization does not exist or the caller is not a member of it.
    pub fn organization_not_found_or_unauthorized() -> Self {
        ApiError::new(
            404,
            "organization_not_found_or_unauthorized",
            "Organization not found or unauthorized",
            "The organization does not exist or you are not authorized to access it.",
        )
    }

    /// 403: the caller's role lacks a permission.
    pub fn missing_organization_permission(permission: &str) -> Self {
        ApiError::new(
            403,
            "missing_organization_permission",
            "Missing permission",
            format!(
                "You are missing the organization permission {permission} to perform this action."
            ),
        )
    }

    /// 404: a member, user or role that does not exist.
    pub fn resource_not_found(what: &str, param: Option<&str>) -> Self {
        let e = ApiError::new(
            404,
            "resource_not_found",
            "not found",
            format!("{what} not found"),
        );
        match param {
            Some(p) => e.param(p),
            None => e,
        }
    }

    /// 400: the change would leave the organization without a member who can manage members.
    pub fn minimum_permissions_needed() -> Self {
        ApiError::new(
            400,
            "organization_minimum_permissions_needed",
            "minimum permissions needed",
            "There has to be at least one organization member with the minimum required permissions",
        )
    }

    /// 409: the membership is owned by directory sync (SCIM).
    pub fn managed_by_scim() -> Self {
        ApiError::new(
            409,
            "organization_membership_managed_by_scim",
            "Membership managed by SCIM",
            "This organization membership is managed by directory sync and cannot be changed here.",
        )
    }

    /// 409: the organization's role set is being migrated, so no membership role may change.
    pub fn role_migration_in_progress() -> Self {
        ApiError::new(
            409,
            "role_migration_in_progress",
            "role migration in progress",
            "The organization's role set is being migrated. Membership roles cannot be changed until the migration has finished.",
        )
    }

    /// 403: the membership came from an enterprise connection (SSO), which owns it.
    pub fn enterprise_connection_cannot_remove() -> Self {
        // Clerk's messages, from its Frontend API errors index.
        ApiError::new(
            403,
            "organization_membership_enterprise_connection_cannot_remove",
            "cannot remove enterprise connection organization membership",
            "Cannot remove an organization membership that is tied to an enterprise connection.",
        )
    }

    /// 400: the user is already a member.
    pub fn already_a_member() -> Self {
        ApiError::new(
            400,
            "already_a_member_in_organization",
            "already a member",
            "The user is already a member of this organization.",
        )
        .param("user_id")
    }

    /// 403: the organization is full, counting its pending invitations. Clerk's messages, from its Frontend
    /// API errors index ("Organization Membership Quota Exceeded").
    pub fn membership_quota_exceeded(limit: u64) -> Self {
        ApiError::new(
            403,
            "organization_membership_quota_exceeded",
            "organization membership quota exceeded",
            format!("You have reached your limit of {limit} organization memberships, including outstanding invitations."),
        )
    }

    /// 422: an `email_address` that is not an address. Clerk's Frontend API errors index, "Form Invalid
    /// Email Address".
    pub fn email_address_invalid(param: &str) -> Self {
        ApiError::new(
            422,
            "form_param_format_invalid",
            "is invalid",
            format!("{param} must be a valid email address."),
        )
        .param(param)
    }

    /// 422: some addresses of a bulk invitation are not addresses; `meta.email_addresses` names them.
    /// Clerk's Frontend API errors index, "Form Invalid Email Addresses".
    pub fn email_addresses_invalid(addresses: &[String]) -> Self {
        ApiError::new(
            422,
            "form_param_format_invalid",
            "invalid email addresses",
            format!(
                "The following email addresses are invalid: {}",
                addresses.join(", ")
            ),
        )
        .about(addresses)
    }

    /// 422: a parameter that is not of its type (`notify` must be a boolean). Clerk's Frontend API errors
    /// index, "Form Invalid Type Parameter".
    pub fn form_param_type_invalid(name: &str, kind: &str) -> Self {
        ApiError::new(
            422,
            "form_param_type_invalid",
            "is invalid",
            format!("`{name}` must be a `{kind}`."),
        )
        .param(name)
    }

    /// 400: an invitation for someone who is already a member. Clerk's Frontend API errors index
    /// ("Already A Member Of Organization"); clerk-js's invite form reads the address out of the long
    /// message (`InviteMembersForm.tsx`).
    pub fn already_a_member_invited(address: &str) -> Self {
        ApiError::new(
            400,
            "already_a_member_in_organization",
            "already a member",
            format!("{address} is already a member of the organization."),
        )
        .param("email_address")
    }

    /// 400: addresses that already have a pending invitation. Clerk's `DuplicateInvitations` (Backend API
    /// errors index, "Duplicate Invitations"), which clerk-js's invite form handles for the Frontend API's
    /// bulk invitation (`InviteMembersForm.tsx` and its tests): `meta.email_addresses` names them.
    pub fn duplicate_invitations(addresses: &[String]) -> Self {
        let short = if addresses.len() > 1 {
            "duplicate invitations"
        } else {
            "duplicate invitation"
        };
        ApiError::new(
            400,
            "duplicate_record",
            short,
            format!(
                "There are already pending invitations for the following email addresses: {}",
                addresses.join(", ")
            ),
        )
        .about(addresses)
    }

    /// 404: no such invitation (in this organization, or for this user). Clerk's Frontend API errors index,
    /// "Organization Invitation Not Found".
    pub fn invitation_not_found(id: &str) -> Self {
        ApiError::new(
            404,
            "organization_invitation_not_found",
            "not found",
            format!("No invitation found with id {id}."),
        )
    }

    /// 404: the invitation was already accepted, revoked or expired. Clerk's Frontend API errors index,
    /// "Organization Invitation Not Pending".
    pub fn invitation_not_pending() -> Self {
        ApiError::new(
            404,
            "organization_invitation_not_pending",
            "not pending",
            "The organization invitation is not in the 'pending' status.",
        )
    }

    /// 404: no such membership request, or one no longer pending. Clerk documents no code of its own for
    /// membership requests, so the emulator answers its generic `resource_not_found`.
    pub fn membership_request_not_found(id: &str, pending: bool) -> Self {
        let what = if pending {
            format!("No pending membership request found with id {id}.")
        } else {
            format!("No membership request found with id {id}.")
        };
        ApiError::new(404, "resource_not_found", "not found", what)
    }

    /// 404: no such suggestion for this user (Clerk's generic `resource_not_found`).
    pub fn suggestion_not_found(id: &str) -> Self {
        ApiError::new(
            404,
            "resource_not_found",
            "not found",
            format!("No organization suggestion found with id {id}."),
        )
    }

    /// 400: the suggestion was accepted before. Clerk's Frontend API errors index, "Organization
    /// Suggestion Already Accepted".
    pub fn suggestion_already_accepted() -> Self {
        ApiError::new(
            400,
            "organization_suggestion_already_accepted",
            "suggestion has already been accepted",
            "This organization suggestion has already been accepted.",
        )
    }

    /// 500: the emulator itself failed (a state file it cannot write, a token it cannot encode).
    pub fn internal(why: &str) -> Self {
        ApiError::new(
            500,
            "internal_clerk_error",
            "Oops, an unexpected error occurred",
            format!("The emulator failed: {why}"),
        )
    }
}
