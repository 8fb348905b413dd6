//! Shared by the host tests: the spec fixtures, and serde_json as the model's JSON value.
#![allow(dead_code)]

use clerk_membership::model::Json;
use serde_json::{json, Map, Value};

/// A fixture of tests/fixtures/ (copied from ../shared/spec/fixtures/).
pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// serde_json as the model's JSON value (the browser build uses JS values instead).
#[derive(Debug, Clone, PartialEq)]
pub struct V(pub Value);

impl Json for V {
    fn get(&self, key: &str) -> Option<Self> {
        self.0.get(key).cloned().map(V)
    }
    fn is_null(&self) -> bool {
        self.0.is_null()
    }
    fn is_object(&self) -> bool {
        self.0.is_object()
    }
    fn is_plain_object(&self) -> bool {
        self.0.is_object()
    }
    fn string(&self) -> Option<String> {
        self.0.as_str().map(str::to_owned)
    }
    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        self.0
            .as_array()
            .map(|items| items.iter().cloned().map(V).collect())
    }
    fn entries(&self) -> Option<Vec<(String, Self)>> {
        let map = self.0.as_object()?;
        Some(map.iter().map(|(k, v)| (k.clone(), V(v.clone()))).collect())
    }
    fn kind(&self) -> &'static str {
        match self.0 {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
    fn object() -> Self {
        V(Value::Object(Map::new()))
    }
    fn insert(&mut self, key: &str, value: Self) {
        if let Value::Object(map) = &mut self.0 {
            map.insert(key.to_owned(), value.0);
        }
    }
    fn text(value: &str) -> Self {
        V(json!(value))
    }
    fn num(value: f64) -> Self {
        // Whole numbers as integers, as JSON.stringify writes them.
        V(if value.fract() == 0.0 {
            json!(value as i64)
        } else {
            json!(value)
        })
    }
    fn flag(value: bool) -> Self {
        V(json!(value))
    }
    fn null() -> Self {
        V(Value::Null)
    }
    fn list(items: Vec<Self>) -> Self {
        V(Value::Array(items.into_iter().map(|v| v.0).collect()))
    }
}
