//! Shared by the host tests: the spec fixtures, and the model read from JSON the way the browser
//! build reads it (serde_json over bytes, `model::parse`).
#![allow(dead_code)]

use clerk_membership::model::{parse, Invalid, Membership};
use serde_json::Value;

/// A fixture of tests/fixtures/ (copied from the wire contract's fixtures, docs/wire.md).
pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A membership from a JSON value, as `fromJSON` and every answer read it.
pub fn membership(value: &Value) -> Result<Membership, Invalid> {
    parse(value.to_string().as_bytes(), "organization membership")
}

/// A model value written back as JSON (the snapshot `toJSON()` gives).
pub fn snapshot<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("the model serializes")
}
