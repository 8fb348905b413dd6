//! Arbitrary JSON into the models: whatever the value, `parse` answers without a panic, and a
//! refusal names a problem and a path that is in the input. Values are generated from scratch, and
//! from the fixtures with one place replaced by any value (or removed), so that the parser gets
//! deep into a membership before it meets the surprise.

use clerk_membership::fapi::{read_response, ApiError, Envelope};
use clerk_membership::model::{parse, Invalid, Membership, Page, Role};
use clerk_membership::Error;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

use crate::common::fixture;
use crate::support::{check_invalid, json, key, places, pointer, text};

const MEMBERSHIP: &str = "organization membership";
const MEMBERSHIPS: &str = "page of organization memberships";
const ROLES: &str = "page of roles";

fn as_membership(input: &Value) -> Result<(), TestCaseError> {
    match parse::<Membership>(input.to_string().as_bytes(), MEMBERSHIP) {
        Ok(_) => Ok(()),
        Err(invalid) => check_invalid(input, &invalid, MEMBERSHIP),
    }
}

fn as_page(input: &Value) -> Result<(), TestCaseError> {
    match parse::<Page<Membership>>(input.to_string().as_bytes(), MEMBERSHIPS) {
        Ok(page) => {
            // A bare array is the whole list; an object says how many there are.
            if let Value::Array(items) = input {
                prop_assert_eq!(page.data.len(), items.len());
                prop_assert_eq!(page.total_count as usize, items.len());
            }
            Ok(())
        }
        Err(invalid) => check_invalid(input, &invalid, MEMBERSHIPS),
    }
}

/// An envelope's problems are named relative to `response`; the envelope's own keys (`response`
/// itself, `meta`) keep their names.
fn envelope_invalid(error: Error) -> Result<Invalid, TestCaseError> {
    prop_assert_eq!(error.code(), "invalid_response");
    match error {
        Error::InvalidResponse(invalid) => Ok(invalid),
        other => Err(TestCaseError::fail(format!(
            "not InvalidResponse: {other:?}"
        ))),
    }
}

fn check_envelope_invalid(
    input: &Value,
    invalid: &Invalid,
    what: &str,
) -> Result<(), TestCaseError> {
    let path = invalid.path.as_str();
    let own = path.is_empty() || path.starts_with("response") || path.starts_with("meta");
    match input.get("response") {
        Some(response) if !own => check_invalid(response, invalid, what),
        _ => check_invalid(input, invalid, what),
    }
}

fn as_envelope_of_roles(input: &Value) -> Result<(), TestCaseError> {
    same_as_shipped::<Page<Role>>(input, ROLES)?;
    match Envelope::<Page<Role>>::parse(input.to_string().as_bytes(), ROLES) {
        Ok(envelope) => {
            let client = envelope.client();
            let object = client.is_none() || client.is_some_and(|c| c.starts_with('{'));
            prop_assert!(object, "the client is not an object: {:?}", client);
            Ok(())
        }
        Err(error) => check_envelope_invalid(input, &envelope_invalid(error)?, ROLES),
    }
}

fn as_envelope_of_membership(input: &Value) -> Result<(), TestCaseError> {
    same_as_shipped::<Membership>(input, MEMBERSHIP)?;
    match Envelope::<Membership>::parse(input.to_string().as_bytes(), MEMBERSHIP) {
        Ok(_) => Ok(()),
        Err(error) => check_envelope_invalid(input, &envelope_invalid(error)?, MEMBERSHIP),
    }
}

/// What the calls read (`read_response`: the envelope once, then the response) refuses and reads
/// exactly what `Envelope::<T>::parse` does: the same value, or the same code, path and message.
fn same_as_shipped<T: serde::de::DeserializeOwned + PartialEq + core::fmt::Debug>(
    input: &Value,
    what: &'static str,
) -> Result<(), TestCaseError> {
    let body = input.to_string();
    let typed = Envelope::<T>::parse(body.as_bytes(), what);
    let shipped = read_response::<T>(body.as_bytes(), what);
    match (typed, shipped) {
        (Ok(typed), Ok((shipped, envelope))) => {
            prop_assert_eq!(&typed.response, &shipped);
            prop_assert_eq!(typed.client(), envelope.client());
        }
        (Err(typed), Err(shipped)) => {
            prop_assert_eq!(typed.code(), shipped.code());
            prop_assert_eq!(typed.path(), shipped.path());
            prop_assert_eq!(typed.to_string(), shipped.to_string());
        }
        (typed, shipped) => prop_assert!(
            false,
            "one read and the other refused: {:?} / {:?}",
            typed.map(|_| ()),
            shipped.map(|_| ())
        ),
    }
    Ok(())
}

/// A role-like object: the keys a role has, each with any value, some left out.
fn role_like() -> impl Strategy<Value = Value> {
    proptest::collection::vec(
        (
            proptest::sample::select(
                &[
                    "id",
                    "key",
                    "name",
                    "description",
                    "is_creator_eligible",
                    "permissions",
                    "created_at",
                    "updated_at",
                ][..],
            ),
            prop_oneof![3 => text().prop_map(Value::from), 1 => json()],
        ),
        0..9,
    )
    .prop_map(|entries| {
        Value::Object(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    })
}

/// An envelope of a page of roles, each part any value or shaped like the real thing.
fn roles_envelope() -> impl Strategy<Value = Value> {
    let page = prop_oneof![
        json(),
        (proptest::collection::vec(role_like(), 0..4), json())
            .prop_map(|(data, total)| json!({ "data": data, "total_count": total })),
        proptest::collection::vec(role_like(), 0..4).prop_map(Value::Array),
    ];
    (page, json(), json(), any::<u8>()).prop_map(|(page, client, meta, shape)| {
        let mut envelope = Map::new();
        envelope.insert("response".into(), page);
        if shape & 1 == 1 {
            envelope.insert("client".into(), client);
        }
        if shape & 2 == 2 {
            envelope.insert("meta".into(), meta);
        }
        Value::Object(envelope)
    })
}

/// `base` with the value at one of its places replaced by `replacement`, or removed (`None`).
fn spliced(base: &Value, place: usize, replacement: Option<Value>) -> Value {
    let places = places(base);
    let tokens = &places[place % places.len()];
    let mut out = base.clone();
    let Some((last, parent)) = tokens.split_last() else {
        return replacement.unwrap_or(Value::Null);
    };
    let parent = out.pointer_mut(&pointer(parent)).expect("a place of base");
    match (parent, replacement) {
        (Value::Object(map), Some(value)) => {
            map.insert(last.clone(), value);
        }
        (Value::Object(map), None) => {
            map.shift_remove(last);
        }
        (Value::Array(items), Some(value)) => {
            items[last.parse::<usize>().expect("an index")] = value
        }
        (Value::Array(items), None) => {
            items.remove(last.parse::<usize>().expect("an index"));
        }
        _ => unreachable!("places() names only children of arrays and objects"),
    }
    out
}

fn replacement() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![1 => Just(None), 4 => json().prop_map(Some)]
}

/// One error entry as the Frontend API writes it, and the camelCase `meta` the client must keep.
fn error_entry() -> impl Strategy<Value = (Value, Vec<(String, String)>)> {
    let message = "[ -~]{1,20}";
    (
        text(),
        text(),
        proptest::option::of(message),
        proptest::collection::vec(("[a-z]{1,6}(_[a-z0-9]{1,6}){0,3}", json()), 0..4),
    )
        .prop_map(|(code, message, long, meta)| {
            let mut entry = json!({ "code": code, "message": message, "meta": {} });
            if let Some(long) = long {
                entry["long_message"] = Value::from(long);
            }
            for (k, v) in meta {
                entry["meta"][&k] = v;
            }
            // Values are kept as the JSON text sent (compared as text: parsing a float again can
            // move its last digit).
            let kept = entry["meta"]
                .as_object()
                .expect("an object")
                .iter()
                .map(|(k, v)| (camel(k), v.to_string()))
                .collect();
            (entry, kept)
        })
}

/// `param_name` → `paramName`, written from the rule rather than from the crate's code.
fn camel(snake: &str) -> String {
    let mut parts = snake.split('_');
    let first = parts.next().unwrap_or_default().to_owned();
    parts.fold(first, |mut out, part| {
        let mut chars = part.chars();
        if let Some(c) = chars.next() {
            out.push(c.to_ascii_uppercase());
            out.extend(chars);
        }
        out
    })
}

/// `bytes` with each edit applied: insert, remove or replace the byte at a position.
fn edited(mut bytes: Vec<u8>, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    for &(at, how, byte) in edits {
        let at = at % (bytes.len() + 1);
        match (how, at < bytes.len()) {
            (0, _) => bytes.insert(at, byte),
            (1, true) => drop(bytes.remove(at)),
            (_, true) => bytes[at] = byte,
            (_, false) => bytes.push(byte),
        }
    }
    bytes
}

proptest! {
    #![proptest_config(crate::run())]

    #[test]
    fn any_bytes_are_read_or_refused_with_a_problem_and_never_a_panic(
        raw in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..64)),
        edits in proptest::collection::vec(
            (any::<usize>(), 0u8..3, prop_oneof![any::<u8>(), proptest::sample::select(b"{}[]\",:0\\u".to_vec())]),
            0..4,
        ),
    ) {
        let bytes = edited(raw.unwrap_or_else(|| fixture("membership-admin.json").to_string().into_bytes()), &edits);
        match parse::<Membership>(&bytes, MEMBERSHIP) {
            Ok(_) => {}
            Err(invalid) => match serde_json::from_slice::<Value>(&bytes) {
                // Still JSON: the path must be a place in it.
                Ok(input) => check_invalid(&input, &invalid, MEMBERSHIP)?,
                Err(_) => prop_assert!(!invalid.problem.is_empty()),
            },
        }
        let error = ApiError::new(400, "", &bytes, None);
        prop_assert!(!error.message.is_empty());
        if let Err(error) = Envelope::<Page<Role>>::parse(&bytes, ROLES) {
            prop_assert_eq!(error.code(), "invalid_response");
        }
    }

    #[test]
    fn any_json_as_a_membership_is_read_or_refused_at_a_real_path(input in json()) {
        as_membership(&input)?;
    }

    #[test]
    fn any_json_as_a_page_is_read_or_refused_at_a_real_path(
        input in prop_oneof![json(), proptest::collection::vec(json(), 0..4).prop_map(Value::Array)],
    ) {
        as_page(&input)?;
    }

    #[test]
    fn any_json_as_an_envelope_of_roles_is_read_or_refused_at_a_real_path(
        input in prop_oneof![json(), roles_envelope()],
    ) {
        as_envelope_of_roles(&input)?;
    }

    #[test]
    fn a_fixture_with_any_one_place_replaced_is_read_or_refused_at_a_real_path(
        place in any::<usize>(),
        replacement in replacement(),
        other_key in key(),
    ) {
        let admin = fixture("membership-admin.json");
        as_membership(&spliced(&admin, place, replacement.clone()))?;
        let page = json!({ "data": [admin.clone(), admin.clone()], "total_count": 2, other_key: 1 });
        as_page(&spliced(&page, place, replacement.clone()))?;
        as_envelope_of_membership(&spliced(&fixture("envelope-update.json"), place, replacement.clone()))?;
        let roles = json!({ "response": { "data": [{
            "id": "role_1", "key": "org:admin", "name": "Admin", "description": "",
            "is_creator_eligible": true, "created_at": 1, "updated_at": 2,
            "permissions": [{ "id": "perm_1", "key": "org:sys_memberships:manage", "name": "Manage",
                "description": "", "type": "system", "created_at": 1, "updated_at": 2 }],
        }], "total_count": 1, "has_role_set_migration": false }, "client": null });
        as_envelope_of_roles(&spliced(&roles, place, replacement))?;
    }

    #[test]
    fn any_error_body_gives_a_status_and_a_message(
        status in any::<u16>(),
        status_text in text(),
        body in prop_oneof![
            json(),
            (proptest::collection::vec(json(), 0..3), json())
                .prop_map(|(errors, trace)| json!({ "errors": errors, "clerk_trace_id": trace })),
        ],
    ) {
        let error = ApiError::new(status, &status_text, body.to_string().as_bytes(), None);
        prop_assert_eq!(error.status, status);
        prop_assert!(!error.message.is_empty());
        prop_assert_eq!(error.retry_after, None);
        if error.errors.is_empty() {
            let text_or_reason = status_text.is_empty() || error.message == status_text;
            prop_assert!(text_or_reason, "{:?}", error.message);
        }
    }

    #[test]
    fn well_formed_error_entries_keep_every_field_and_camel_case_meta_keys(
        status in 400u16..600,
        entries in proptest::collection::vec(error_entry(), 1..4),
        trace in proptest::option::of("[ -~]{0,40}"),
    ) {
        let mut body = json!({ "errors": entries.iter().map(|(e, _)| e.clone()).collect::<Vec<_>>() });
        if let Some(trace) = &trace {
            body["clerk_trace_id"] = Value::from(trace.clone());
        }
        let error = ApiError::new(status, "Status Text", body.to_string().as_bytes(), None);
        prop_assert_eq!(error.errors.len(), entries.len());
        prop_assert_eq!(error.clerk_trace_id, trace);
        let first = &entries[0].0;
        let expected = first
            .get("long_message")
            .or(first.get("message").filter(|m| *m != ""))
            .and_then(Value::as_str)
            .unwrap_or("Status Text");
        prop_assert_eq!(&error.message, expected);
        for (got, (sent, meta)) in error.errors.iter().zip(&entries) {
            prop_assert_eq!(Value::from(got.code.clone()), sent["code"].clone());
            prop_assert_eq!(Value::from(got.message.clone()), sent["message"].clone());
            prop_assert_eq!(got.long_message.clone().map(Value::from), sent.get("long_message").cloned());
            let got_meta: Vec<(String, String)> = got
                .meta
                .0
                .iter()
                .map(|(k, v)| (k.clone(), v.get().to_owned()))
                .collect();
            prop_assert_eq!(&got_meta, meta);
        }
    }
}
