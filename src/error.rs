//! The crate's one error type. Pure Rust: `crate::js::error` turns it into a JS `Error`.

use core::fmt;

/// Everything that can go wrong, each with a stable [`Error::code`] that JS code can match on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The JSON given to `fromJSON` is not a Frontend API membership object.
    InvalidJson {
        /// Where the problem is, as a JSON path of the input (`organization.id`); empty for the root.
        path: String,
        /// What is wrong there (`required field is missing`, `invalid type: string "x", expected i64`).
        problem: String,
    },
}

impl Error {
    /// The stable, machine-readable code that reaches JS as `error.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidJson { .. } => "invalid_json",
        }
    }

    /// The JSON path of the input the error is about, if it is about one.
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::InvalidJson { path, .. } => Some(path),
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
        }
    }
}

impl std::error::Error for Error {}
