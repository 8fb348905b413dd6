//! Conversions shared by the classes: model → JS values.

use js_sys::Date;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::error::Error;
use crate::js::metadata::JsMetadata;
use crate::model;

/// The model types as the JS layer holds them: metadata as the caller's JS objects.
pub type Membership = model::MembershipJson<JsMetadata>;
/// See [`Membership`].
pub type Organization = model::OrganizationJson<JsMetadata>;

/// A fresh `Date` from FAPI's millisecond timestamp.
pub fn date(ms: i64) -> Date {
    // Timestamps arrived as JS safe integers (serde-wasm-bindgen checks), so the cast is exact.
    Date::new(&JsValue::from_f64(ms as f64))
}

/// Parses a membership from a JS value, with the JSON path of the first problem.
pub fn parse_membership(json: JsValue) -> Result<Membership, Error> {
    if !json.is_object() || js_sys::Array::is_array(&json) {
        return Err(Error::InvalidJson {
            path: String::new(),
            problem: format!("expected an object, got {}", type_name(&json)),
        });
    }
    model::parse(serde_wasm_bindgen::Deserializer::from(json))
}

/// The snake_case snapshot as a plain JS object (`toJSON`).
pub fn snapshot<T: Serialize>(value: &T) -> JsValue {
    // Only strings, numbers, booleans, null and the preserved metadata objects are written, and none
    // of them can fail to serialise; `null` stands in should that ever change, rather than a panic.
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_owned()
    } else if js_sys::Array::is_array(value) {
        "an array".to_owned()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// A nullable string as JS sees it: the string, or `null` (as clerk-js's `string | null` fields).
pub fn nullable(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}
