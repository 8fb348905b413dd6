//! Host tests of the JSON → model mapping, from the spec's fixtures (tests/fixtures/, copied from
//! ../shared/spec/fixtures/). The browser tests check the same mapping through the JS properties.

#![cfg(not(target_arch = "wasm32"))]
use std::time::{Duration, UNIX_EPOCH};

mod common;

use clerk_membership::model::{Invalid, Membership};
use common::{fixture, membership, snapshot};
use serde_json::{json, Value};

fn metadata(raw: &clerk_membership::model::RawJson) -> Value {
    serde_json::from_str(raw.get()).expect("metadata is JSON")
}

fn iso(ms: i64) -> Value {
    let at =
        UNIX_EPOCH + Duration::from_millis(u64::try_from(ms).expect("test dates are after 1970"));
    Value::String(humantime::format_rfc3339_millis(at).to_string())
}

fn text(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |s| Value::String(s.to_owned()))
}

/// What clerk-js exposes, in the camelCase shape of `membership-clerk-js-test.expected.json`.
fn as_clerk_js_sees_it(m: &Membership) -> Value {
    let org = &m.organization;
    let user = m
        .public_user_data
        .as_ref()
        .expect("fixture has public_user_data");
    json!({
        "id": m.id.as_str(), "role": m.role.as_str(), "roleName": text(m.role_name.as_deref()),
        "permissions": snapshot(&m.permissions), "publicMetadata": metadata(&m.public_metadata),
        "createdAt": iso(m.created_at.0), "updatedAt": iso(m.updated_at.0),
        "organization": {
            "id": org.id.as_str(), "name": org.name.as_str(), "slug": text(org.slug.as_deref()), "hasImage": org.has_image,
            "membersCount": org.members_count, "pendingInvitationsCount": org.pending_invitations_count,
            "maxAllowedMemberships": org.max_allowed_memberships,
            "adminDeleteEnabled": org.admin_delete_enabled, "publicMetadata": metadata(&org.public_metadata),
            "createdAt": iso(org.created_at.0), "updatedAt": iso(org.updated_at.0),
        },
        "publicUserData": {
            "firstName": text(user.first_name.as_deref()), "lastName": text(user.last_name.as_deref()),
            "hasImage": user.has_image, "identifier": user.identifier.as_str(),
            "userId": text(user.user_id.as_deref()),
        },
    })
}

#[test]
fn clerk_js_fixture_gives_exactly_what_clerk_js_exposes() {
    let m = membership(&fixture("membership-clerk-js-test.json")).expect("fixture parses");
    let mut expected = fixture("membership-clerk-js-test.expected.json");
    expected.as_object_mut().expect("object").remove("_comment");
    assert_eq!(as_clerk_js_sees_it(&m), expected);
}

#[test]
fn admin_fixture_maps_every_field() {
    let m = membership(&fixture("membership-admin.json")).expect("fixture parses");
    assert_eq!(m.id.as_str(), "orgmem_2bH4kX9qLmN0pQrStUvWxYz1A2b");
    assert_eq!(
        (m.role.as_str(), m.role_name.as_deref()),
        ("org:admin", Some("Admin"))
    );
    assert_eq!(m.permissions.len(), 6);
    assert!(m.has_permission("org:sys_memberships:manage"));
    assert!(!m.has_permission("org:sys_memberships"));
    assert_eq!(
        metadata(&m.public_metadata),
        json!({"department": "platform", "seat": 4})
    );
    assert_eq!(
        (m.created_at.0, m.updated_at.0),
        (1_700_690_400_000, 1_732_226_400_123)
    );
    let org = &m.organization;
    assert_eq!(
        (org.id.as_str(), org.name.as_str()),
        ("org_2aZ9yX8wV7uT6sR5qP4oN3mL2kJ", "Acme Rockets")
    );
    assert_eq!(org.slug.as_deref(), Some("acme-rockets"));
    assert_eq!(org.image_url.as_str(), "https://img.clerk.com/acme.png");
    assert!(org.has_image && org.admin_delete_enabled);
    assert!(
        !org.self_serve_sso_enabled && !org.exclusive_membership,
        "absent booleans are false"
    );
    assert_eq!(
        (
            org.members_count,
            org.pending_invitations_count,
            org.max_allowed_memberships
        ),
        (3, 1, 5)
    );
    let user = m.public_user_data.as_ref().expect("public_user_data");
    assert_eq!(user.first_name.as_deref(), Some("Ada"));
    assert_eq!(user.last_name.as_deref(), Some("Lovelace"));
    assert_eq!(user.identifier.as_str(), "ada@acme.test");
    assert_eq!(
        user.user_id.as_deref(),
        Some("user_2Ada000000000000000000000")
    );
    assert_eq!(user.username, None);
    assert!(user.has_image && !user.banned && !user.deprovisioned);
}

#[test]
fn envelope_response_is_a_membership() {
    let envelope = fixture("envelope-update.json");
    let m = membership(&envelope["response"]).expect("response parses");
    assert_eq!(m.role.as_str(), "org:member");
    assert_eq!(m.updated_at.0, 1_764_355_200_000);
}

#[test]
fn nulls_and_absences_take_the_documented_defaults() {
    let m = membership(&json!({
        "id": "orgmem_1", "role": "org:member", "permissions": null, "public_metadata": null,
        "created_at": 1, "updated_at": 2, "public_user_data": null,
        "organization": { "id": "org_1", "name": "N", "created_at": 3, "updated_at": 4,
                          "slug": null, "image_url": null, "members_count": null, "has_image": null },
    }))
    .expect("parses");
    assert!(m.permissions.is_empty());
    assert_eq!(metadata(&m.public_metadata), json!({}));
    assert_eq!(m.role_name, None);
    assert_eq!(m.public_user_data, None);
    let org = &m.organization;
    assert_eq!((org.slug.as_deref(), org.image_url.as_str()), (None, ""));
    assert_eq!(
        (
            org.members_count,
            org.pending_invitations_count,
            org.max_allowed_memberships
        ),
        (0, 0, 0)
    );
    assert!(!org.has_image && !org.admin_delete_enabled);
    assert_eq!(metadata(&org.public_metadata), json!({}));
}

#[test]
fn unknown_keys_are_ignored() {
    let mut value = fixture("membership-admin.json");
    value["brand_new_field"] = json!({"nested": [1, 2]});
    value["organization"]["another"] = json!(true);
    value["public_user_data"]["totp_enabled"] = json!(false);
    let with_extra = membership(&value).expect("parses");
    assert_eq!(
        with_extra,
        membership(&fixture("membership-admin.json")).unwrap()
    );
}

fn error_for(edit: impl FnOnce(&mut Value)) -> Invalid {
    let mut value = fixture("membership-admin.json");
    edit(&mut value);
    membership(&value).expect_err("must be refused")
}

fn invalid_at(error: &Invalid) -> &str {
    assert_eq!(error.what, "organization membership");
    &error.path
}

#[test]
fn a_missing_required_field_is_named_by_its_path() {
    for (path, edit) in [
        (
            "id",
            Box::new(|v: &mut Value| drop(v.as_object_mut().unwrap().remove("id")))
                as Box<dyn FnOnce(&mut Value)>,
        ),
        (
            "role",
            Box::new(|v: &mut Value| drop(v.as_object_mut().unwrap().remove("role"))),
        ),
        (
            "created_at",
            Box::new(|v: &mut Value| drop(v.as_object_mut().unwrap().remove("created_at"))),
        ),
        (
            "organization",
            Box::new(|v: &mut Value| drop(v.as_object_mut().unwrap().remove("organization"))),
        ),
        (
            "organization.id",
            Box::new(|v: &mut Value| drop(v["organization"].as_object_mut().unwrap().remove("id"))),
        ),
        (
            "organization.updated_at",
            Box::new(|v: &mut Value| {
                drop(
                    v["organization"]
                        .as_object_mut()
                        .unwrap()
                        .remove("updated_at"),
                )
            }),
        ),
    ] {
        let error = error_for(edit);
        assert_eq!(invalid_at(&error), path);
        let message = clerk_membership::Error::InvalidJson(error).to_string();
        assert!(message.contains(&format!("`{path}`")), "{message}");
        assert!(message.contains("missing"), "{message}");
        assert!(message.contains("organization membership"), "{message}");
    }
}

#[test]
fn an_ill_typed_field_is_named_by_its_path() {
    for (path, edit) in [
        (
            "created_at",
            Box::new(|v: &mut Value| v["created_at"] = json!("2024-01-01"))
                as Box<dyn FnOnce(&mut Value)>,
        ),
        (
            "created_at",
            Box::new(|v: &mut Value| v["created_at"] = json!(1.5)),
        ),
        ("role", Box::new(|v: &mut Value| v["role"] = json!(7))),
        (
            "organization.id",
            Box::new(|v: &mut Value| v["organization"]["id"] = Value::Null),
        ),
        (
            "organization.members_count",
            Box::new(|v: &mut Value| v["organization"]["members_count"] = json!(-1)),
        ),
        (
            "permissions[1]",
            Box::new(|v: &mut Value| v["permissions"][1] = json!(42)),
        ),
        (
            "public_metadata",
            Box::new(|v: &mut Value| v["public_metadata"] = json!([1])),
        ),
        (
            "public_user_data.has_image",
            Box::new(|v: &mut Value| v["public_user_data"]["has_image"] = json!("yes")),
        ),
        (
            "organization",
            Box::new(|v: &mut Value| v["organization"] = json!("org_1")),
        ),
    ] {
        assert_eq!(invalid_at(&error_for(edit)), path);
    }
}

#[test]
fn a_value_that_is_not_an_object_is_refused_at_the_root() {
    for value in [json!(null), json!(3), json!("orgmem_1"), json!([])] {
        let error = membership(&value).expect_err("must be refused");
        assert_eq!(invalid_at(&error), "");
    }
}

#[test]
fn the_snapshot_round_trips_with_object_first() {
    let m = membership(&fixture("membership-clerk-js-test.json")).unwrap();
    let text = serde_json::to_string(&m).unwrap();
    assert!(
        text.starts_with(r#"{"object":"organization_membership","id":"test_id","#),
        "{text}"
    );
    let snapshot: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(snapshot["object"], "organization_membership");
    assert_eq!(snapshot["organization"]["object"], "organization");
    assert_eq!(
        snapshot["created_at"], 12345,
        "timestamps stay milliseconds"
    );
    assert_eq!(snapshot["permissions"], json!([]));
    assert_eq!(membership(&snapshot).unwrap(), m);
}

#[test]
fn the_first_problem_in_wire_order_is_reported() {
    assert_eq!(invalid_at(&membership(&json!({})).unwrap_err()), "id");
    let no_org_no_role = json!({ "id": "orgmem_1", "created_at": 1, "updated_at": 2 });
    assert_eq!(
        invalid_at(&membership(&no_org_no_role).unwrap_err()),
        "role"
    );
}

#[test]
fn timestamps_must_fit_a_js_date() {
    let at = |ms: Value| {
        let mut value = fixture("membership-admin.json");
        value["created_at"] = ms;
        membership(&value)
    };
    assert_eq!(
        at(json!(8_640_000_000_000_000_i64)).unwrap().created_at.0,
        8_640_000_000_000_000
    );
    assert_eq!(
        at(json!(-8_640_000_000_000_000_i64)).unwrap().created_at.0,
        -8_640_000_000_000_000
    );
    for out_of_range in [json!(8_640_000_000_000_001_i64), json!(9e15), json!(-9e15)] {
        assert_eq!(invalid_at(&at(out_of_range).unwrap_err()), "created_at");
    }
}

#[test]
fn a_role_without_key_is_named_by_its_path_in_the_page() {
    use clerk_membership::model::{parse, Page, Role};
    let answer = br#"{"data":[{"id":"role_1","key":"org:admin","name":"Admin","description":"","permissions":[],"created_at":1,"updated_at":2},{"id":"role_2","name":"Member","description":"","permissions":[],"created_at":1,"updated_at":2}],"total_count":2}"#;
    let error = parse::<Page<Role>>(answer, "roles page").expect_err("a role needs its key");
    assert_eq!(
        (error.path.as_str(), error.problem.as_str()),
        ("data[1].key", "required field is missing")
    );
}
