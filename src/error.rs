//! The crate's runtime errors: everything that is not an answer of the Frontend API. Pure Rust;
//! `crate::js::error` turns one into a JS `Error` shaped like clerk-js's `ClerkRuntimeError`.
//! (Error answers of the Frontend API are [`crate::fapi::ApiError`], a `ClerkAPIResponseError` in JS.)

use core::fmt;

/// Everything that can go wrong on our side, each with a stable [`Error::code`] that JS can match on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The JSON given to `fromJSON` is not a Frontend API membership object.
    InvalidJson {
        /// Where the problem is, as a JSON path of the input (`organization.id`); empty for the root.
        path: String,
        /// What is wrong there (`required field is missing`, `expected a string, got a number`).
        problem: String,
    },
    /// A `FrontendApi` option is wrong; no request is made with it.
    InvalidConfig {
        /// `invalid_publishable_key`, `missing_publishable_key`, `invalid_proxy_url`, `invalid_domain`
        /// or `invalid_option`.
        code: &'static str,
        /// What was expected.
        message: String,
    },
    /// A call was refused before any request: `invalid_role`, `missing_user_id`, `unbound_membership`.
    Refused {
        /// The stable code.
        code: &'static str,
        /// Why.
        message: String,
    },
    /// The request never got an answer (offline, DNS, CORS, connection dropped).
    Network(String),
    /// `timeoutMs` passed before the call finished.
    Timeout(u32),
    /// The caller's `AbortSignal` aborted the call.
    Aborted,
    /// A 2xx answer whose body is not the JSON the call expects (including a 204 with no body).
    InvalidResponse(String),
    /// A bug of ours (a state borrowed twice); reported, never a panic.
    Internal(&'static str),
}

impl Error {
    /// The stable, machine-readable code that reaches JS as `error.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidJson { .. } => "invalid_json",
            Error::InvalidConfig { code, .. } | Error::Refused { code, .. } => code,
            Error::Network(_) => "network_error",
            Error::Timeout(_) => "timeout",
            Error::Aborted => "aborted",
            Error::InvalidResponse(_) => "invalid_response",
            Error::Internal(_) => "internal_error",
        }
    }

    /// The JSON path of the input the error is about, if it is about one.
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::InvalidJson { path, .. } => Some(path),
            _ => None,
        }
    }

    pub(crate) fn config(code: &'static str, message: impl Into<String>) -> Error {
        Error::InvalidConfig {
            code,
            message: message.into(),
        }
    }

    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn refused(code: &'static str, message: impl Into<String>) -> Error {
        Error::Refused {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidJson { path, problem } if path.is_empty() => {
                write!(f, "invalid organization membership JSON: {problem}")
            }
            Error::InvalidJson { path, problem } => {
                write!(
                    f,
                    "invalid organization membership JSON at `{path}`: {problem}"
                )
            }
            Error::InvalidConfig { message, .. } | Error::Refused { message, .. } => {
                f.write_str(message)
            }
            Error::Network(message) => write!(f, "network error: {message}"),
            Error::Timeout(ms) => write!(f, "the Frontend API did not answer within {ms} ms"),
            Error::Aborted => f.write_str("the request was aborted"),
            Error::InvalidResponse(problem) => {
                write!(
                    f,
                    "the Frontend API answered with an unexpected body: {problem}"
                )
            }
            Error::Internal(what) => write!(f, "internal error: {what}; please report it"),
        }
    }
}

impl std::error::Error for Error {}
