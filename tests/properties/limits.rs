//! Huge and deep values: lists and pages on either side of their limits, and nesting far past
//! serde_json's recursion limit of 128 wherever a value can nest (a typed field, metadata, an
//! unknown key, an error's `meta`, the envelope's `client`, the whole document), each read on a
//! thread with the default stack: refused or read, never a panic or a stack overflow. (Random
//! permission lists around the limit, some with an entry of the wrong type, are in mutations.rs.)

use clerk_membership::fapi::{ApiError, Envelope};
use clerk_membership::model::{parse, Invalid, Membership, Page, Role};
use serde_json::{json, Value};

use crate::common::{fixture, snapshot};
use crate::support::on_default_stack;

const MEMBERSHIP: &str = "organization membership";

fn admin() -> Value {
    fixture("membership-admin.json")
}

fn permissions(count: usize) -> Value {
    Value::Array((0..count).map(|i| json!(format!("org:p{i}"))).collect())
}

/// `depth` arrays or objects nested in one another, as JSON text (a `Value` that deep could not
/// even be dropped without recursion).
fn nested(depth: usize, objects: bool) -> String {
    if objects {
        format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth))
    } else {
        format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
    }
}

/// The admin fixture with the value at `key` (a top-level or `organization.` key) as raw `json`.
fn with_raw(key: &str, json: &str) -> String {
    const SLOT: &str = "\"\\u0001slot\\u0001\"";
    let mut membership = admin();
    match key.strip_prefix("organization.") {
        Some(key) => membership["organization"][key] = json!("\u{1}slot\u{1}"),
        None => membership[key] = json!("\u{1}slot\u{1}"),
    }
    membership.to_string().replacen(SLOT, json, 1)
}

/// The membership in `text` as `toJSON` writes it, read on a thread with the default stack.
fn read(text: String) -> Result<Value, Invalid> {
    on_default_stack(move || parse::<Membership>(text.as_bytes(), MEMBERSHIP).map(|m| snapshot(&m)))
}

// The counts and lengths that matter are few: each is tried, rather than sampled.

#[test]
fn permissions_are_read_up_to_1000_entries_and_refused_past_them() {
    for count in [0, 1, 999, 1000, 1001, 1002, 2999] {
        for in_page in [false, true] {
            let mut membership = admin();
            membership["permissions"] = permissions(count);
            let (read, path) = if in_page {
                let text = json!({ "data": [admin(), membership] }).to_string();
                let read = parse::<Page<Membership>>(text.as_bytes(), MEMBERSHIP);
                (
                    read.map(|page| page.data[1].permissions.len()),
                    "data[1].permissions",
                )
            } else {
                let text = membership.to_string();
                let read = parse::<Membership>(text.as_bytes(), MEMBERSHIP);
                (read.map(|m| m.permissions.len()), "permissions")
            };
            match read {
                Ok(read) => assert!(count <= 1000 && read == count, "{read} read of {count}"),
                Err(invalid) => {
                    assert!(count > 1000, "{count} refused: {invalid:?}");
                    assert_eq!(invalid.path, path);
                    assert!(
                        invalid.problem.contains("more than 1000 items"),
                        "{invalid:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn role_permissions_and_texts_are_bounded_too() {
    let permission = json!({ "key": "org:sys_memberships:read" });
    for count in [0, 1000, 1001] {
        for length in [0, 16 * 1024, 16 * 1024 + 1] {
            for field in ["id", "key", "name", "description"] {
                // The text first: of two problems, the first in the text is the one named.
                let mut role = json!({ field: "r".repeat(length) });
                for (key, value) in [("id", "role_1"), ("key", "org:admin"), ("name", "Admin")] {
                    if key != field {
                        role[key] = json!(value);
                    }
                }
                role["permissions"] = Value::Array(vec![permission.clone(); count]);
                let body = json!({ "response": { "data": [role], "total_count": 1 } }).to_string();
                let case = format!("{count} permissions, {field} of {length} bytes");
                match Envelope::<Page<Role>>::parse(body.as_bytes(), "page of roles") {
                    Ok(page) => {
                        assert!(count <= 1000 && length <= 16 * 1024, "{case}: read");
                        assert_eq!(page.response.data[0].permissions.len(), count, "{case}");
                    }
                    Err(error) if length > 16 * 1024 => {
                        let path = format!("data[0].{field}");
                        assert_eq!(error.path(), Some(path.as_str()), "{case}");
                    }
                    Err(error) => {
                        assert!(count > 1000, "{case}: {error}");
                        assert_eq!(error.path(), Some("data[0].permissions"), "{case}");
                    }
                }
            }
        }
    }
}

#[test]
fn ten_thousand_levels_anywhere_are_refused_or_read_without_a_panic_or_an_overflow() {
    for depth in [129, 10_000, 200_000] {
        for objects in [false, true] {
            let deep = nested(depth, objects);
            // An unknown key is skipped by serde_json without recursion: read.
            let kept = read(with_raw("a_future_key", &deep)).expect("an unknown key is skipped");
            assert_eq!(kept["role"], "org:admin");
            let kept = read(with_raw("organization.a_future_key", &deep)).expect("skipped");
            assert_eq!(kept["organization"]["name"], "Acme Rockets");
            // Metadata past 32 levels, or past 64 KiB, is refused at its path.
            for key in ["public_metadata", "organization.public_metadata"] {
                let refused = read(with_raw(key, &deep)).expect_err("too deep");
                assert_eq!(refused.path, key, "{depth} {objects}");
            }
            // A typed field refuses a container at once.
            for key in [
                "role",
                "created_at",
                "organization.members_count",
                "organization",
            ] {
                let refused = read(with_raw(key, &deep)).expect_err("not its type");
                assert!(refused.path.starts_with(key), "{key}: {refused:?}");
            }
            let refused = read(with_raw("permissions", &deep)).expect_err("not strings");
            assert!(refused.path.starts_with("permissions"), "{refused:?}");
            // The whole document, as a page or as an envelope.
            let text = deep.clone();
            let page = on_default_stack(move || {
                parse::<Page<Membership>>(text.as_bytes(), "page").map(|p| p.data.len())
            });
            assert!(page.is_err(), "{depth} levels are not a page");
            let body = format!(r#"{{"response":{{"data":[]}},"client":{deep}}}"#);
            let client = on_default_stack(move || {
                Envelope::<Page<Membership>>::parse(body.as_bytes(), "page")
                    .map(|e| e.client().map(str::len))
            });
            assert_eq!(
                client.expect("any client is kept").is_some(),
                objects,
                "a client is kept when it is an object"
            );
        }
    }
}

#[test]
fn error_bodies_nested_past_any_limit_still_give_the_status() {
    for depth in [129, 10_000, 1_000_000] {
        for objects in [false, true] {
            let deep = nested(depth, objects);
            for body in [
                deep.clone(),
                format!(r#"{{"errors":[{{"code":"x","meta":{{"param_name":{deep}}}}}]}}"#),
                format!(r#"{{"errors":[{{"code":"x","message":{deep}}}]}}"#),
                format!(r#"{{"errors":[],"unknown":{deep}}}"#),
                format!(r#"{{"errors":{deep}}}"#),
            ] {
                let error =
                    on_default_stack(move || ApiError::new(429, "", body.as_bytes(), Some("3")));
                assert_eq!((error.status, error.retry_after), (429, Some(3)), "{depth}");
                assert!(!error.message.is_empty());
            }
        }
    }
}

/// Every count that matters (the input space is small: no need to sample it), in each of the four
/// shapes a page comes in.
#[test]
fn pages_are_read_up_to_500_items_and_refused_past_them() {
    let small = json!({
        "id": "orgmem_1", "role": "org:member", "created_at": 1, "updated_at": 2,
        "organization": { "id": "org_1", "name": "Acme", "created_at": 1, "updated_at": 2 },
    });
    for count in [0, 1, 499, 500, 501, 502, 1_000] {
        for (bare, enveloped) in [(false, false), (true, false), (false, true), (true, true)] {
            let items = Value::Array(vec![small.clone(); count]);
            let page = if bare {
                items
            } else {
                json!({ "data": items, "total_count": 9000 })
            };
            let (read, path) = if enveloped {
                let body = json!({ "response": page, "client": null }).to_string();
                let read = Envelope::<Page<Membership>>::parse(body.as_bytes(), MEMBERSHIP)
                    .map(|e| e.response)
                    .map_err(|e| e.path().map(str::to_owned));
                (read, if bare { "response" } else { "data" })
            } else {
                let read = parse::<Page<Membership>>(page.to_string().as_bytes(), MEMBERSHIP)
                    .map_err(|invalid| Some(invalid.path));
                (read, if bare { "" } else { "data" })
            };
            let shape = format!("{count} items, bare {bare}, enveloped {enveloped}");
            match read {
                Ok(page) => {
                    assert!(count <= 500, "{shape}: read");
                    assert_eq!(page.data.len(), count, "{shape}");
                    let total = if bare { count } else { 9000 };
                    assert_eq!(page.total_count as usize, total, "{shape}");
                }
                Err(at) => {
                    assert!(count > 500, "{shape}: refused at {at:?}");
                    assert_eq!(at.as_deref(), Some(path), "{shape}");
                }
            }
        }
    }
}
