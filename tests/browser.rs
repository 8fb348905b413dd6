//! The JS classes in headless Chromium (`cargo test --target wasm32-unknown-unknown`): what a JS user
//! sees through the wasm-bindgen surface, read from the JS object as JS reads it. tests/package/
//! checks the same through the built npm package.
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

/// `OrganizationMembership.fromJSON(json)`: the JS object a user gets.
fn from_json(value: JsValue) -> Result<JsValue, JsValue> {
    OrganizationMembership::from_json(value, JsValue::UNDEFINED)
}

fn admin() -> JsValue {
    from_json(json(ADMIN)).expect("admin fixture parses")
}

/// Calls the method `name` of a JS object with no arguments.
fn call(target: &JsValue, name: &str) -> JsValue {
    let method: js_sys::Function = get(target, name).dyn_into().expect("a method");
    method.call0(target).expect("the call succeeds")
}

#[wasm_bindgen_test]
fn scalar_properties_come_from_the_json() {
    let m = admin();
    assert_eq!(get(&m, "id"), "orgmem_2bH4kX9qLmN0pQrStUvWxYz1A2b");
    assert_eq!(get(&m, "role"), "org:admin");
    assert_eq!(get(&m, "roleName"), "Admin");
    let rust = OrganizationMembership::parse(&json(ADMIN)).expect("parses");
    assert!(rust.has_permission("org:sys_memberships:manage").unwrap());
    assert!(!rust.has_permission("org:sys_billing:manage").unwrap());
    assert_eq!(Array::from(&get(&m, "permissions")).length(), 6);
}

#[wasm_bindgen_test]
fn timestamps_become_dates() {
    let m = admin();
    let created: Date = get(&m, "createdAt").dyn_into().expect("a Date");
    assert_eq!(created.get_time(), 1_700_690_400_000.0);
    let updated: Date = get(&m, "updatedAt").dyn_into().expect("a Date");
    assert_eq!(updated.get_time(), 1_732_226_400_123.0);
    let org_created: Date = get(&get(&m, "organization"), "createdAt")
        .dyn_into()
        .expect("a Date");
    assert_eq!(org_created.get_time(), 1_700_000_000_000.0);
}

#[wasm_bindgen_test]
fn nested_objects_and_metadata_keep_their_identity() {
    let m = admin();
    for key in [
        "organization",
        "publicUserData",
        "publicMetadata",
        "permissions",
        "createdAt",
    ] {
        assert!(Object::is(&get(&m, key), &get(&m, key)), "{key}");
    }
    let organization = get(&m, "organization");
    assert!(Object::is(
        &get(&organization, "publicMetadata"),
        &get(&organization, "publicMetadata")
    ));
    assert_eq!(get(&get(&m, "publicMetadata"), "seat"), 4);
    assert_eq!(get(&organization, "name"), "Acme Rockets");
    assert_eq!(
        get(&get(&m, "publicUserData"), "userId"),
        "user_2Ada000000000000000000000"
    );
}

#[wasm_bindgen_test]
fn absent_values_are_null_or_undefined_as_clerk_js_has_them() {
    let m = from_json(json(CLERK_JS)).expect("parses");
    assert!(get(&m, "roleName").is_null());
    assert!(get(&get(&m, "publicUserData"), "userId").is_null());
    let value = json(ADMIN);
    delete(&value, &["public_user_data"]);
    let m = from_json(value).expect("parses");
    assert!(get(&m, "publicUserData").is_undefined());
}

#[wasm_bindgen_test]
fn to_json_round_trips() {
    let m = admin();
    let snapshot = call(&m, "toJSON");
    assert_eq!(get(&snapshot, "object"), "organization_membership");
    assert_eq!(get(&snapshot, "created_at"), 1_700_690_400_000.0);
    let again = from_json(snapshot.clone()).expect("snapshot parses");
    assert_eq!(
        JSON::stringify(&call(&again, "toJSON")).unwrap(),
        JSON::stringify(&snapshot).unwrap()
    );
}

fn error_of(value: JsValue) -> JsValue {
    match from_json(value) {
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
    assert_eq!(get(&admin(), "role"), "org:admin");
}
