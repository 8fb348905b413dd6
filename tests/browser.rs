//! The JS classes in headless Chromium (`cargo test --target wasm32-unknown-unknown`): what a JS user
//! sees through the wasm-bindgen surface. tests/package/ checks the same through the built npm package.
#![cfg(target_arch = "wasm32")]

use clerk_membership::OrganizationMembership;
use js_sys::{Array, Date, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ADMIN: &str = include_str!("fixtures/membership-admin.json");
const CLERK_JS: &str = include_str!("fixtures/membership-clerk-js-test.json");

fn json(text: &str) -> JsValue {
    JSON::parse(text).expect("fixture is JSON")
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &key.into()).expect("readable")
}

fn set(target: &JsValue, path: &[&str], value: JsValue) {
    let (last, parents) = path.split_last().expect("non-empty path");
    let parent = parents.iter().fold(target.clone(), |at, key| get(&at, key));
    Reflect::set(&parent, &(*last).into(), &value).expect("settable");
}

fn delete(target: &JsValue, path: &[&str]) {
    let (last, parents) = path.split_last().expect("non-empty path");
    let parent = parents.iter().fold(target.clone(), |at, key| get(&at, key));
    Reflect::delete_property(parent.unchecked_ref::<Object>(), &(*last).into()).expect("deletable");
}

fn admin() -> OrganizationMembership {
    OrganizationMembership::parse(&json(ADMIN)).expect("admin fixture parses")
}

#[wasm_bindgen_test]
fn scalar_properties_come_from_the_json() {
    let m = admin();
    assert_eq!(m.id().unwrap(), "orgmem_2bH4kX9qLmN0pQrStUvWxYz1A2b");
    assert_eq!(m.role().unwrap(), "org:admin");
    assert_eq!(m.role_name().unwrap(), "Admin");
    assert!(m.has_permission("org:sys_memberships:manage").unwrap());
    assert!(!m.has_permission("org:sys_billing:manage").unwrap());
    assert_eq!(Array::from(&m.permissions().unwrap()).length(), 6);
}

#[wasm_bindgen_test]
fn timestamps_become_dates() {
    let m = admin();
    let created: Date = m.created_at().unwrap();
    assert_eq!(created.get_time(), 1_700_690_400_000.0);
    assert_eq!(m.updated_at().unwrap().get_time(), 1_732_226_400_123.0);
    let org_created: Date = get(&m.organization().unwrap(), "createdAt")
        .dyn_into()
        .expect("a Date");
    assert_eq!(org_created.get_time(), 1_700_000_000_000.0);
}

#[wasm_bindgen_test]
fn nested_objects_and_metadata_keep_their_identity() {
    let m = admin();
    assert!(Object::is(
        &m.organization().unwrap(),
        &m.organization().unwrap()
    ));
    assert!(Object::is(
        &m.public_user_data().unwrap(),
        &m.public_user_data().unwrap()
    ));
    assert!(Object::is(
        &m.public_metadata().unwrap(),
        &m.public_metadata().unwrap()
    ));
    assert!(Object::is(
        &m.permissions().unwrap(),
        &m.permissions().unwrap()
    ));
    assert_eq!(get(&m.public_metadata().unwrap(), "seat"), 4);
    assert_eq!(get(&m.organization().unwrap(), "name"), "Acme Rockets");
    assert_eq!(
        get(&m.public_user_data().unwrap(), "userId"),
        "user_2Ada000000000000000000000"
    );
}

#[wasm_bindgen_test]
fn absent_values_are_null_or_undefined_as_clerk_js_has_them() {
    let m = OrganizationMembership::parse(&json(CLERK_JS)).expect("parses");
    assert!(m.role_name().unwrap().is_null());
    assert!(get(&m.public_user_data().unwrap(), "userId").is_null());
    let value = json(ADMIN);
    delete(&value, &["public_user_data"]);
    let m = OrganizationMembership::parse(&value).expect("parses");
    assert!(m.public_user_data().unwrap().is_undefined());
}

#[wasm_bindgen_test]
fn to_json_round_trips() {
    let m = admin();
    let snapshot = m.to_json().unwrap();
    assert_eq!(get(&snapshot, "object"), "organization_membership");
    assert_eq!(get(&snapshot, "created_at"), 1_700_690_400_000.0);
    let again = OrganizationMembership::parse(&snapshot.clone()).expect("snapshot parses");
    assert_eq!(
        JSON::stringify(&again.to_json().unwrap()).unwrap(),
        JSON::stringify(&snapshot).unwrap()
    );
}

fn error_of(value: JsValue) -> JsValue {
    match OrganizationMembership::parse(&value) {
        Ok(_) => panic!("must be refused"),
        Err(error) => error,
    }
}

#[wasm_bindgen_test]
fn bad_input_throws_an_error_with_a_code_and_the_field_path() {
    let cases: [(&[&str], Option<JsValue>, &str); 5] = [
        (&["organization", "id"], None, "organization.id"),
        (&["created_at"], Some("2024-01-01".into()), "created_at"),
        (&["permissions"], Some(JsValue::from(3)), "permissions"),
        (
            &["public_metadata"],
            Some(Array::new().into()),
            "public_metadata",
        ),
        (
            &["organization", "members_count"],
            Some(JsValue::from(-2)),
            "organization.members_count",
        ),
    ];
    for (path, value, expected_path) in cases {
        let input = json(ADMIN);
        match value {
            Some(value) => set(&input, path, value),
            None => delete(&input, path),
        }
        let error = error_of(input);
        assert!(error.is_instance_of::<js_sys::Error>());
        assert_eq!(get(&error, "code"), "invalid_json");
        assert_eq!(get(&error, "name"), "ClerkRuntimeError");
        assert_eq!(get(&error, "path"), expected_path);
        let message = get(&error, "message").as_string().unwrap_or_default();
        assert!(message.contains(expected_path), "{message}");
    }
    for not_an_object in [
        JsValue::NULL,
        JsValue::UNDEFINED,
        7.into(),
        "x".into(),
        Array::new().into(),
    ] {
        assert_eq!(get(&error_of(not_an_object), "code"), "invalid_json");
    }
}

#[wasm_bindgen_test]
fn a_thousand_bad_inputs_leave_the_module_working() {
    for i in 0..1000 {
        let input = json(ADMIN);
        set(
            &input,
            &["organization", "created_at"],
            format!("bad {i}").into(),
        );
        assert_eq!(get(&error_of(input), "code"), "invalid_json");
    }
    assert_eq!(admin().role().unwrap(), "org:admin");
}
