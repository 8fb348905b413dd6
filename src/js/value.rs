//! JS values as the model's [`Json`]: the model reads the caller's objects field by field and
//! writes snapshots as plain JS objects. Also the small conversions the classes share.

use js_sys::{Array, Date, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::Error;
use crate::model::{self, Json};

/// The model types as the JS layer holds them: metadata stays the caller's JS object.
pub type Membership = model::MembershipJson<JsValue>;
/// See [`Membership`].
pub type Organization = model::OrganizationJson<JsValue>;

impl Json for JsValue {
    fn get(&self, key: &str) -> Option<Self> {
        // Reflect.get is a catching import: a throwing getter or Proxy reads as absent, never unwinds.
        Reflect::get(self, &JsValue::from_str(key))
            .ok()
            .filter(|value| !value.is_undefined())
    }

    fn is_null(&self) -> bool {
        JsValue::is_null(self)
    }

    fn is_object(&self) -> bool {
        JsValue::is_object(self) && !Array::is_array(self)
    }

    fn string(&self) -> Option<String> {
        self.as_string()
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn items(&self) -> Option<Vec<Self>> {
        self.dyn_ref::<Array>().map(Array::to_vec)
    }

    fn kind(&self) -> &'static str {
        if JsValue::is_null(self) {
            "null"
        } else if Array::is_array(self) {
            "an array"
        } else if JsValue::is_object(self) {
            "an object"
        } else if self.is_string() {
            "a string"
        } else if self.as_f64().is_some() {
            "a number"
        } else if self.as_bool().is_some() {
            "a boolean"
        } else if self.is_undefined() {
            "undefined"
        } else {
            "another kind of value"
        }
    }

    fn object() -> Self {
        Object::new().into()
    }

    fn insert(&mut self, key: &str, value: Self) {
        // Defining a property on a fresh plain object cannot fail.
        let _ = Reflect::set(self, &JsValue::from_str(key), &value);
    }

    fn text(value: &str) -> Self {
        JsValue::from_str(value)
    }

    fn num(value: f64) -> Self {
        JsValue::from_f64(value)
    }

    fn flag(value: bool) -> Self {
        JsValue::from_bool(value)
    }

    fn null() -> Self {
        JsValue::NULL
    }

    fn list(items: Vec<Self>) -> Self {
        items.into_iter().collect::<Array>().into()
    }
}

/// Parses a membership from a JS value, naming the first problem by its path.
pub fn parse_membership(json: &JsValue) -> Result<Membership, Error> {
    Membership::from_json(json)
}

/// A fresh `Date` from FAPI's millisecond timestamp.
pub fn date(ms: i64) -> Date {
    // Timestamps were read from JS safe integers, so the cast back is exact.
    Date::new(&JsValue::from_f64(ms as f64))
}

/// A nullable string as JS sees it: the string, or `null` (clerk-js's `string | null` fields).
pub fn nullable(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}
