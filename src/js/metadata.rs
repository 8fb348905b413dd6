//! `public_metadata`: kept as the caller's own JS object, so `m.publicMetadata` is a plain object
//! (not a `Map`), is the same object on every read, and `toJSON` hands it back unchanged.

use js_sys::{Array, Object};
use serde::de::{Error as _, Unexpected};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use wasm_bindgen::JsValue;

/// A `public_metadata` object, held by reference.
#[derive(Debug, Clone, PartialEq)]
pub struct JsMetadata(pub JsValue);

impl Default for JsMetadata {
    /// `{}`: what a missing or `null` `public_metadata` becomes (WIRE.md §6).
    fn default() -> Self {
        JsMetadata(Object::new().into())
    }
}

impl<'de> Deserialize<'de> for JsMetadata {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value: JsValue = serde_wasm_bindgen::preserve::deserialize(deserializer)?;
        if value.is_object() && !Array::is_array(&value) {
            Ok(JsMetadata(value))
        } else {
            Err(D::Error::invalid_type(
                Unexpected::Other("a non-object"),
                &"an object",
            ))
        }
    }
}

impl Serialize for JsMetadata {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde_wasm_bindgen::preserve::serialize(&self.0, serializer)
    }
}
