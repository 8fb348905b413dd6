//! A checker of answers against the FAPI OpenAPI excerpts in `fixtures/` (copies of the spec's, so the
//! tests read nothing outside the crate): an answer's body must fit the schema its path, method and status
//! declare, `$ref`s resolved. It knows the OpenAPI 3.0 keywords the excerpts use (`type`, `nullable`,
//! `enum`, `required`, `properties`, `additionalProperties`, `items`, `allOf`, `oneOf`) and refuses a
//! schema with any other constraint, so it can never pass an answer by not understanding its schema.

use serde_json::Value;
use std::sync::OnceLock;

/// Keywords that say nothing about a value.
const ANNOTATIONS: [&str; 4] = ["description", "format", "deprecated", "default"];
/// Keywords the checker enforces.
const CHECKED: [&str; 10] = [
    "$ref",
    "type",
    "nullable",
    "enum",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "allOf",
    "oneOf",
];

/// One OpenAPI document.
pub struct Spec {
    doc: Value,
}

/// The invitations excerpt (`fixtures/fapi-openapi-invitations-excerpt.yml`).
pub fn invitations() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| Spec::load("fapi-openapi-invitations-excerpt.yml"))
}

/// The membership excerpt (`fixtures/fapi-openapi-excerpt.yml`): leaving, members, roles.
pub fn memberships() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| Spec::load("fapi-openapi-excerpt.yml"))
}

/// The excerpt that declares `path` (a template such as `/v1/organizations/{organization_id}/invitations`).
pub fn for_path(path: &str) -> &'static Spec {
    [invitations(), memberships()]
        .into_iter()
        .find(|spec| spec.doc["paths"].get(path).is_some())
        .unwrap_or_else(|| panic!("no excerpt declares {path}"))
}

impl Spec {
    /// Parses `fixtures/<name>`.
    pub fn load(name: &str) -> Spec {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let doc: Value = serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(doc["paths"].is_object(), "{path}: no paths");
        Spec { doc }
    }

    /// The schema of a `status` answer to `method path`: the one the spec declares, or for an error
    /// status it does not list, its `ClerkErrors` (every FAPI error has that body).
    pub fn answer_schema(&self, path: &str, method: &str, status: u16) -> &Value {
        let operation = &self.doc["paths"][path][method.to_ascii_lowercase()];
        assert!(operation.is_object(), "the excerpt has no {method} {path}");
        let declared = &operation["responses"][status.to_string()];
        if declared.is_null() {
            assert!(status >= 400, "{method} {path} declares no {status} answer");
            return &self.doc["components"]["schemas"]["ClerkErrors"];
        }
        let response = self.resolve(declared);
        let schema = &response["content"]["application/json"]["schema"];
        assert!(
            schema.is_object(),
            "{method} {path} {status}: no JSON schema"
        );
        schema
    }

    /// The reasons `body` does not fit the `status` answer of `method path`; empty when it fits.
    pub fn problems(&self, path: &str, method: &str, status: u16, body: &Value) -> Vec<String> {
        let mut problems = Vec::new();
        self.check(
            self.answer_schema(path, method, status),
            body,
            "$",
            &mut problems,
        );
        problems
    }

    /// The schema a `$ref` chain ends at.
    fn resolve<'a>(&'a self, mut schema: &'a Value) -> &'a Value {
        for _ in 0..32 {
            let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
                return schema;
            };
            let pointer = reference
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("only local $refs: {reference}"));
            schema = self
                .doc
                .pointer(pointer)
                .unwrap_or_else(|| panic!("dangling $ref {reference}"));
        }
        panic!("a $ref loop")
    }

    fn check(&self, schema: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
        let schema = self.resolve(schema);
        let Some(keywords) = schema.as_object() else {
            panic!("{at}: a schema that is not an object: {schema}");
        };
        if let Some(unknown) = keywords
            .keys()
            .find(|k| !CHECKED.contains(&k.as_str()) && !ANNOTATIONS.contains(&k.as_str()))
        {
            panic!("{at}: the checker does not know the keyword {unknown:?}");
        }
        if value.is_null() {
            let constrained = keywords.keys().any(|k| CHECKED.contains(&k.as_str()));
            if schema["nullable"] != true && constrained {
                problems.push(format!("{at}: null, but the schema is not nullable"));
            }
            return;
        }
        if let Some(kind) = schema.get("type").and_then(Value::as_str) {
            let fits = match kind {
                "object" => value.is_object(),
                "array" => value.is_array(),
                "string" => value.is_string(),
                "integer" => value.is_i64() || value.is_u64(),
                "number" => value.is_number(),
                "boolean" => value.is_boolean(),
                other => panic!("{at}: unknown type {other}"),
            };
            if !fits {
                problems.push(format!("{at}: {value} is not of type {kind}"));
                return;
            }
        }
        if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
            if !allowed.contains(value) {
                problems.push(format!("{at}: {value} is not one of {allowed:?}"));
            }
        }
        if let Some(object) = value.as_object() {
            let properties = schema.get("properties").and_then(Value::as_object);
            for key in schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if !object.contains_key(key) {
                    problems.push(format!("{at}: the required key {key:?} is missing"));
                }
            }
            for (key, item) in object {
                match properties.and_then(|p| p.get(key)) {
                    Some(property) => self.check(property, item, &format!("{at}.{key}"), problems),
                    None if schema["additionalProperties"] == false => {
                        problems.push(format!("{at}: the key {key:?} is not allowed"))
                    }
                    None => {}
                }
            }
        }
        if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
            for (i, item) in array.iter().enumerate() {
                self.check(items, item, &format!("{at}[{i}]"), problems);
            }
        }
        for part in schema
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.check(part, value, at, problems);
        }
        if let Some(choices) = schema.get("oneOf").and_then(Value::as_array) {
            let outcomes: Vec<Vec<String>> = choices
                .iter()
                .map(|choice| {
                    let mut inner = Vec::new();
                    self.check(choice, value, at, &mut inner);
                    inner
                })
                .collect();
            let fitting = outcomes.iter().filter(|inner| inner.is_empty()).count();
            if fitting != 1 {
                problems.push(format!(
                    "{at}: fits {fitting} of the {} oneOf choices, not exactly one",
                    choices.len()
                ));
                // Why each choice does not fit, so a failure names the key at fault.
                problems.extend(outcomes.into_iter().flatten());
            }
        }
    }
}
