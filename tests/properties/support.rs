//! What the properties share: strategies for JSON values, keys, strings and numbers near the
//! limits, and the check that an error's path names a place that is really in the input.

use clerk_membership::model::Invalid;
use proptest::prelude::*;
use serde_json::{Map, Value};

/// The problem `model::parse` gives a required field that is absent.
pub const MISSING: &str = "required field is missing";

/// Every key the models, pages, envelopes and error bodies read, so generated objects reach them.
pub const KEYS: &[&str] = &[
    "object",
    "id",
    "public_metadata",
    "role",
    "role_name",
    "permissions",
    "created_at",
    "updated_at",
    "organization",
    "public_user_data",
    "name",
    "slug",
    "image_url",
    "has_image",
    "members_count",
    "pending_invitations_count",
    "max_allowed_memberships",
    "admin_delete_enabled",
    "self_serve_sso_enabled",
    "exclusive_membership",
    "first_name",
    "last_name",
    "identifier",
    "user_id",
    "username",
    "banned",
    "deprovisioned",
    "key",
    "description",
    "is_creator_eligible",
    "type",
    "data",
    "total_count",
    "response",
    "client",
    "meta",
    "errors",
    "code",
    "message",
    "long_message",
    "param_name",
    "clerk_trace_id",
];

/// Strings of every kind: empty, ASCII, JSON's escapes, controls, non-ASCII, astral, path syntax.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        2 => "[a-z_:]{0,12}",
        1 => proptest::collection::vec(
            prop_oneof![
                Just("\""), Just("\\"), Just("\n"), Just("\u{0}"), Just("\u{1f}"), Just("\u{7f}"),
                Just("é"), Just("😀"), Just("\u{2028}"), Just("\u{feff}"), Just("."), Just("["),
                Just("]"), Just("[0]"), Just("a"), Just(" "),
            ],
            0..8,
        )
        .prop_map(|parts| parts.concat()),
    ]
}

/// A key: mostly one the models read, sometimes any string.
pub fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(KEYS).prop_map(str::to_owned),
        1 => text(),
    ]
}

/// Numbers at and around every limit the models have, and any others.
pub fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        proptest::sample::select(vec![
            0i128,
            -1,
            1,
            i128::from(u32::MAX),
            i128::from(u32::MAX) + 1,
            8_640_000_000_000_000,
            8_640_000_000_000_001,
            -8_640_000_000_000_000,
            -8_640_000_000_000_001,
            i128::from(i64::MAX),
            i128::from(i64::MIN),
            i128::from(i64::MIN) + 1,
            i128::from(u64::MAX),
        ])
        .prop_map(|n| u64::try_from(n)
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(i64::try_from(n).expect("in range")))),
        proptest::sample::select(vec![0.5, 1.0, -0.0, 1e300, 1.7e12, 4294967295.5])
            .prop_map(Value::from),
    ]
}

/// Any JSON value, at most 5 levels and about 48 nodes deep, with keys the models read.
pub fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        number(),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((key(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Every place in `value`, as JSON pointer tokens, the root included.
pub fn places(value: &Value) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new()];
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => Vec::new(),
    };
    for (token, child) in children {
        for mut below in places(child) {
            below.insert(0, token.clone());
            out.push(below);
        }
    }
    out
}

/// The JSON pointer of `tokens` (`/organization/id`).
pub fn pointer(tokens: &[String]) -> String {
    tokens
        .iter()
        .map(|t| format!("/{}", t.replace('~', "~0").replace('/', "~1")))
        .collect()
}

/// Checks what every refusal must be: a non-empty problem about `what`, and a path that names a
/// place in `input`. A missing field's path ends with a key its object lacks; any other path names
/// a value that is there. (Keys may hold `.` or `[`: every way of reading the path is tried.)
pub fn check_invalid(input: &Value, invalid: &Invalid, what: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(invalid.what, what);
    prop_assert!(
        !invalid.problem.is_empty(),
        "no problem given: {:?}",
        invalid
    );
    let missing = invalid.problem == MISSING;
    prop_assert!(
        resolves(input, &invalid.path, missing),
        "the path {:?} ({}) is not {} in {}",
        invalid.path,
        invalid.problem,
        if missing { "a key missing" } else { "a value" },
        input
    );
    Ok(())
}

/// Whether `path` (`data[3].public_user_data.user_id`) reads as a place in `value`; with `missing`,
/// as a key absent from the object that would hold it.
pub fn resolves(value: &Value, path: &str, missing: bool) -> bool {
    match path.as_bytes().first() {
        None => !missing,
        Some(b'[') => after_segment(value, path, missing),
        Some(_) => key_segment(value, path, missing),
    }
}

fn after_segment(value: &Value, rest: &str, missing: bool) -> bool {
    if rest.is_empty() {
        return !missing;
    }
    if let Some(rest) = rest.strip_prefix('.') {
        return key_segment(value, rest, missing);
    }
    let Some((digits, rest)) = rest.strip_prefix('[').and_then(|rest| rest.split_once(']')) else {
        return false;
    };
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    match (canonical, digits.parse::<usize>(), value) {
        (true, Ok(index), Value::Array(items)) => items
            .get(index)
            .is_some_and(|item| after_segment(item, rest, missing)),
        _ => false,
    }
}

fn key_segment(value: &Value, rest: &str, missing: bool) -> bool {
    let Value::Object(map) = value else {
        return false;
    };
    let field_name = !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    if missing && field_name && !map.contains_key(rest) {
        return true;
    }
    map.iter().any(|(key, child)| {
        rest.strip_prefix(key.as_str())
            .is_some_and(|after| after_segment(child, after, missing))
    })
}

/// Runs `f` on a new thread with the default stack (2 MiB, like the test harness's own threads);
/// a panic there fails the test, and a stack overflow aborts the whole run.
pub fn on_default_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .spawn(f)
        .expect("a thread")
        .join()
        .unwrap_or_else(|_| panic!("panicked on a thread with the default stack"))
}

#[test]
fn paths_resolve_only_where_the_input_has_them() {
    let input: Value = serde_json::from_str(
        r#"{"data":[{"a":1},{"b.c":{"d":[true]}}],"organization":{"name":"x"}}"#,
    )
    .unwrap();
    assert!(resolves(&input, "", false));
    assert!(resolves(&input, "data[1].b.c.d[0]", false));
    assert!(resolves(&input, "organization.id", true));
    assert!(resolves(&input, "data[0].id", true));
    assert!(!resolves(&input, "organization.name", true), "present");
    assert!(!resolves(&input, "organization.id", false), "absent");
    assert!(!resolves(&input, "data[2]", false), "no such index");
    assert!(!resolves(&input, "data[01]", false), "not canonical");
    assert!(!resolves(&input, "data.a", false), "an array has no keys");
    assert!(
        !resolves(&input, "organization.name.x", true),
        "a string has no keys"
    );
}
