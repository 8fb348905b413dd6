//! JS values as the model's [`Json`]: the model reads the caller's objects field by field and
//! writes snapshots as plain JS objects. Also the small conversions the classes share.

use core::cell::RefCell;

use js_sys::{Array, Date, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::model::{self, Json};

/// The model types as the JS layer holds them: metadata stays the caller's JS object.
pub type MembershipData = model::MembershipJson<JsValue>;
/// See [`MembershipData`].
pub type OrganizationData = model::OrganizationJson<JsValue>;

// Catching imports: a revoked Proxy or a throwing trap in the caller's input must come back as an
// `Err`, never as a JS exception unwinding through wasm frames (which leaks the shadow stack and,
// after some hundreds of calls, breaks the module for the whole page).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
}

thread_local! {
    // The model reads ~30 distinct keys: their JS strings are made once and found again, sparing a
    // UTF-8 decode per field read (hydration ~2× faster in `make bench`).
    static KEYS: RefCell<Vec<(String, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The JS string of an object key, made once per distinct key (at most 128 are kept).
fn key_of(key: &str) -> JsValue {
    KEYS.with(|keys| {
        let Ok(mut keys) = keys.try_borrow_mut() else {
            return JsValue::from_str(key);
        };
        if let Some((_, value)) = keys.iter().find(|(known, _)| known == key) {
            return value.clone();
        }
        let value = JsValue::from_str(key);
        if keys.len() < 128 {
            keys.push((key.to_owned(), value.clone()));
        }
        value
    })
}

fn array(value: &JsValue) -> bool {
    is_array(value).unwrap_or(false)
}

impl Json for JsValue {
    fn get(&self, key: &str) -> Option<Self> {
        // Reflect.get is a catching import: a throwing getter or Proxy reads as absent, never unwinds.
        Reflect::get(self, &key_of(key))
            .ok()
            .filter(|value| !value.is_undefined())
    }

    fn is_null(&self) -> bool {
        JsValue::is_null(self)
    }

    fn is_object(&self) -> bool {
        JsValue::is_object(self) && !array(self)
    }

    fn is_plain_object(&self) -> bool {
        // `{…}` literals and JSON.parse objects: prototype Object.prototype (or null), not a Map or a Date.
        Json::is_object(self)
            && match (
                Reflect::get_prototype_of(self),
                Reflect::get_prototype_of(&Object::new()),
            ) {
                (Ok(proto), Ok(plain)) => proto.is_null() || Object::is(&proto, &plain),
                _ => false,
            }
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
        if !array(self) {
            return None;
        }
        let length = Reflect::get(self, &JsValue::from_str("length"))
            .ok()?
            .as_f64()?;
        // Element by element through the catching Reflect.get: a throwing index getter refuses the array.
        (0..length as u32)
            .map(|i| Reflect::get_u32(self, i).ok())
            .collect()
    }

    fn entries(&self) -> Option<Vec<(String, Self)>> {
        if !Json::is_object(self) {
            return None;
        }
        object_keys(self)
            .ok()?
            .iter()
            .map(|key| {
                let value = Reflect::get(self, &key).ok()?;
                Some((key.as_string()?, value))
            })
            .collect()
    }

    fn kind(&self) -> &'static str {
        if JsValue::is_null(self) {
            "null"
        } else if array(self) {
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

/// A fresh `Date` from FAPI's millisecond timestamp.
pub fn date(ms: i64) -> Date {
    // Timestamps were read from JS safe integers, so the cast back is exact.
    Date::new(&JsValue::from_f64(ms as f64))
}

/// A nullable string as JS sees it: the string, or `null` (clerk-js's `string | null` fields).
pub fn nullable(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

/// Defines `key` on an object this crate just made (an `Error`, a plain object): that cannot fail,
/// so the result is ignored rather than unwrapped.
pub fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}
