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
        }
    }

    fn param(mut self, name: &str) -> Self {
        self.param_name = Some(name.to_owned());
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

    /// 403: the organization is full.
    pub fn membership_quota_exceeded() -> Self {
        ApiError::new(
            403,
            "organization_membership_quota_exceeded",
            "Membership quota exceeded",
            "The organization has reached its maximum number of memberships.",
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
