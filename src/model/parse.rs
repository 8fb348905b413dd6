//! Deserialising with the JSON path of the first problem, so a JS user reads
//! "`organization.id`: required field is missing" rather than serde's bare "missing field `id`".

use core::fmt::Display;

use serde::{Deserialize, Deserializer};

use crate::error::Error;

/// Deserialises `T` from any serde deserializer (serde-wasm-bindgen in the browser, serde_json on
/// the host), turning the first failure into [`Error::InvalidJson`] with its path.
pub fn parse<'de, T, D>(deserializer: D) -> Result<T, Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
    D::Error: Display,
{
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let at = err.path().to_string();
        let at = if at == "." { String::new() } else { at };
        let problem = err.inner().to_string();
        // serde-wasm-bindgen's errors are JS `Error`s, displayed as "Error: <message>".
        let problem = problem.strip_prefix("Error: ").unwrap_or(&problem);
        // serde reports a missing field at the enclosing object, in the fixed form "missing field `x`".
        match problem
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            Some(field) if at.is_empty() => invalid(field.to_owned(), "required field is missing"),
            Some(field) => invalid(format!("{at}.{field}"), "required field is missing"),
            None => invalid(at, problem),
        }
    })
}

fn invalid(path: String, problem: &str) -> Error {
    Error::InvalidJson {
        path,
        problem: problem.to_owned(),
    }
}
