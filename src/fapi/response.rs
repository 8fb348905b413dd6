//! Reading answers (WIRE.md §5, §7): the `{ response, client }` envelope, and error bodies into the
//! fields of clerk-js's `ClerkAPIResponseError`. Pure, through [`Json`], so tested on the host.

use crate::error::Error;
use crate::model::Json;

/// A success body: the resource, and the piggybacked client when there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope<J> {
    /// `response`.
    pub response: J,
    /// `client`, or `meta.client`; `None` when neither is an object.
    pub client: Option<J>,
}

impl<J: Json> Envelope<J> {
    /// Splits a 2xx body; one without a `response` is not what any membership call expects.
    pub fn from_body(body: &J) -> Result<Envelope<J>, Error> {
        let response = body
            .get("response")
            .filter(|r| !r.is_null())
            .ok_or_else(|| Error::InvalidResponse("no `response` in the body".to_owned()))?;
        let client = body
            .get("client")
            .filter(|c| c.is_object())
            .or_else(|| body.get("meta")?.get("client").filter(|c| c.is_object()));
        Ok(Envelope { response, client })
    }
}

/// One entry of `errors[]`, camelCased as clerk-js exposes it.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiErrorItem<J> {
    /// `code`, e.g. `organization_minimum_permissions_needed`.
    pub code: String,
    /// `message`.
    pub message: String,
    /// `long_message`.
    pub long_message: Option<String>,
    /// `meta`, keys camelCased (`param_name` → `paramName`), values as sent.
    pub meta: Vec<(String, J)>,
}

/// An error answer of the Frontend API: what a `ClerkAPIResponseError` carries.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError<J> {
    /// HTTP status.
    pub status: u16,
    /// `errors[0].long_message`, else `errors[0].message`, else the status text.
    pub message: String,
    /// `errors[]`; empty when the body had none (or was not JSON).
    pub errors: Vec<ApiErrorItem<J>>,
    /// Body `clerk_trace_id`.
    pub clerk_trace_id: Option<String>,
    /// Seconds from a numeric `Retry-After` header on a 429.
    pub retry_after: Option<u32>,
}

impl<J: Json> ApiError<J> {
    /// Builds the error from a 4xx/5xx answer; `body` is `None` when it was not JSON.
    pub fn new(
        status: u16,
        status_text: &str,
        body: Option<&J>,
        retry_after: Option<&str>,
    ) -> Self {
        let errors: Vec<ApiErrorItem<J>> = body
            .and_then(|b| b.get("errors")?.items())
            .unwrap_or_default()
            .iter()
            .map(ApiErrorItem::from_json)
            .collect();
        let message = errors
            .first()
            .and_then(|e| e.long_message.clone().or_else(|| Some(e.message.clone())))
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| reason(status, status_text).to_owned());
        ApiError {
            status,
            message,
            errors,
            clerk_trace_id: body.and_then(|b| b.get("clerk_trace_id")?.string()),
            retry_after: retry_after
                .filter(|_| status == 429)
                .and_then(|header| header.trim().parse().ok()),
        }
    }

    /// The first error's code, the one to match on (`dev_browser_unauthenticated`, …).
    pub fn first_code(&self) -> Option<&str> {
        self.errors.first().map(|e| e.code.as_str())
    }
}

impl<J: Json> ApiErrorItem<J> {
    fn from_json(json: &J) -> Self {
        let text = |key: &str| json.get(key).and_then(|v| v.string());
        ApiErrorItem {
            code: text("code").unwrap_or_default(),
            message: text("message").unwrap_or_default(),
            long_message: text("long_message"),
            meta: json
                .get("meta")
                .and_then(|meta| meta.entries())
                .unwrap_or_default()
                .into_iter()
                .map(|(key, value)| (camel_case(&key), value))
                .collect(),
        }
    }
}

/// `param_name` → `paramName`, as clerk-js's `parseError` names meta keys.
pub fn camel_case(key: &str) -> String {
    // ASCII only: FAPI's keys are ASCII, and char::to_uppercase would ship Unicode's case tables.
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        match c {
            '_' if !out.is_empty() => upper = true,
            c if upper => {
                out.push(c.to_ascii_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// The status text, or the standard reason phrase where the answer had none (HTTP/2 sends none).
fn reason(status: u16, status_text: &str) -> &str {
    if !status_text.is_empty() {
        return status_text;
    }
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Frontend API error",
    }
}
