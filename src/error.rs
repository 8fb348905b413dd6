//! The crate's runtime errors: everything that is not an answer of the Frontend API. Pure Rust;
//! `crate::js::error` turns one into a JS `ClerkRuntimeError`. (Error answers of the Frontend API
//! are [`crate::fapi::ApiError`], a `ClerkAPIResponseError` in JS.)

use core::fmt;

use crate::model::Invalid;

/// Everything that can go wrong on our side, each with a stable [`Error::code`] that JS can match on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The JSON given to `fromJSON` is not a Frontend API membership object.
    InvalidJson(Invalid),
    /// A 2xx answer whose body is not the JSON the call expects (a 204, a wrong shape, too large).
    InvalidResponse(Invalid),
    /// A `FrontendApi` option or a call's options are wrong; no request is made with them.
    InvalidConfig {
        /// `invalid_publishable_key`, `missing_publishable_key`, `invalid_proxy_url`, `invalid_domain`
        /// or `invalid_option`.
        code: &'static str,
        /// What was expected.
        message: String,
    },
    /// A call was refused before any request: `invalid_role`, `missing_user_id`, `invalid_id`,
    /// `unbound_membership`.
    Refused {
        /// The stable code.
        code: &'static str,
        /// Why.
        message: String,
    },
    /// The object (or the `FrontendApi` it is bound to) was freed with `free()` or `using`.
    Freed(&'static str),
    /// The request never got an answer (offline, DNS, CORS, connection dropped).
    Network(String),
    /// `timeoutMs` passed before the call finished.
    Timeout(u32),
    /// The caller's `AbortSignal` aborted the call.
    Aborted,
    /// A bug of ours (a state borrowed twice); reported, never a panic.
    Internal(&'static str),
}

impl Error {
    /// The stable, machine-readable code that reaches JS as `error.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidJson(_) => "invalid_json",
            Error::InvalidResponse(_) => "invalid_response",
            Error::InvalidConfig { code, .. } | Error::Refused { code, .. } => code,
            Error::Freed(_) => "freed",
            Error::Network(_) => "network_error",
            Error::Timeout(_) => "timeout",
            Error::Aborted => "aborted",
            Error::Internal(_) => "internal_error",
        }
    }

    /// The JSON path of the input or answer the error is about, if it is about one.
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::InvalidJson(invalid) | Error::InvalidResponse(invalid) => Some(&invalid.path),
            _ => None,
        }
    }

    pub(crate) fn config(code: &'static str, message: impl Into<String>) -> Error {
        Error::InvalidConfig {
            code,
            message: message.into(),
        }
    }

    /// An `invalid_option` error.
    pub(crate) fn option(message: impl Into<String>) -> Error {
        Error::config("invalid_option", message)
    }

    pub(crate) fn refused(code: &'static str, message: impl Into<String>) -> Error {
        Error::Refused {
            code,
            message: message.into(),
        }
    }

    /// A 2xx answer with a problem that has no path (no body, too large).
    pub(crate) fn response(what: &'static str, problem: impl Into<String>) -> Error {
        Error::InvalidResponse(Invalid::whole(what, problem))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidJson(invalid) => write!(f, "invalid {} JSON{invalid}", invalid.what),
            Error::InvalidResponse(invalid) => write!(
                f,
                "the Frontend API answered with an unexpected body: not a valid {}{invalid}",
                invalid.what
            ),
            Error::InvalidConfig { message, .. } | Error::Refused { message, .. } => {
                f.write_str(message)
            }
            Error::Freed(what) => write!(
                f,
                "this {what} was freed (free() or `using`) and can no longer be used"
            ),
            Error::Network(message) => write!(f, "network error: {message}"),
            Error::Timeout(ms) => write!(f, "the Frontend API did not answer within {ms} ms"),
            Error::Aborted => f.write_str("the request was aborted"),
            Error::Internal(what) => write!(f, "internal error: {what}; please report it"),
        }
    }
}

/// ` at `path`: problem`, or `: problem` for the whole value.
impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, ": {}", self.problem)
        } else {
            write!(f, " at `{}`: {}", self.path, self.problem)
        }
    }
}

impl std::error::Error for Error {}
