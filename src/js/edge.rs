//! The JS edge: how values cross between the caller's JS and the Rust model, in one place.
//!
//! - In: `fromJSON`'s membership object crosses once, as JSON text made in JS (`edge.js`), and is
//!   read by the same serde_json path as every Frontend API answer (`model::parse`). Measured in
//!   `make bench` against `serde_wasm_bindgen::from_value`, which reads the object field by field
//!   with one crossing each (README › Performance); the text also refuses, with a path, what a JS
//!   object can hold and JSON cannot (lone surrogates, BigInts, cycles, a `Map` as metadata).
//! - In: options and params objects are copied plainly in JS (`edge.js`), then read into typed
//!   structs (`fapi::options`) with serde-wasm-bindgen.
//! - Out: snapshots (`toJSON()`) and roles are written with serde-wasm-bindgen's JSON-compatible
//!   serializer: plain objects, never a `Map`. Raw JSON (metadata) becomes a JS object with
//!   `JSON.parse`, in one crossing.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::model::{parse, Invalid, Membership, RawJson};

/// The longest `fromJSON` input, in characters of JSON text (a membership is about 1 KB; metadata
/// may be up to 64 KiB for each of the membership and its organization).
pub const MAX_MEMBERSHIP_CHARS: u32 = 256 * 1024;

#[wasm_bindgen(module = "/src/js/edge.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = membershipText)]
    fn membership_text(
        value: &JsValue,
        limit: u32,
        max_permissions: u32,
    ) -> Result<js_sys::JsString, JsValue>;

    #[wasm_bindgen(js_name = encodeInto)]
    fn encode_into(text: &js_sys::JsString, view: &mut [u8]) -> u32;

    #[wasm_bindgen(catch, js_name = optionsCopy)]
    fn options_copy(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// A refusal thrown by `edge.js`: `{ path, problem }` (our own plain object, safe to read).
fn refusal(thrown: &JsValue) -> (String, String) {
    let field = |key: &str| {
        js_sys::Reflect::get(thrown, &key.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    (field("path"), field("problem"))
}

/// `fromJSON`'s input: the caller's membership object, through its JSON text.
pub(crate) fn membership(value: &JsValue) -> Result<Membership, Error> {
    const WHAT: &str = "organization membership";
    let max_permissions = crate::model::fields::MAX_PERMISSIONS as u32;
    let text = membership_text(value, MAX_MEMBERSHIP_CHARS, max_permissions).map_err(|thrown| {
        let (path, problem) = refusal(&thrown);
        Error::InvalidJson(Invalid {
            what: WHAT,
            path,
            problem,
        })
    })?;
    // At most 3 bytes of UTF-8 for each UTF-16 unit; bounded by MAX_MEMBERSHIP_CHARS.
    let mut bytes = vec![0; text.length() as usize * 3];
    let written = encode_into(&text, &mut bytes) as usize;
    bytes.truncate(written);
    parse(&bytes, WHAT).map_err(Error::InvalidJson)
}

/// An options or params object as the typed struct `T` (`undefined`/`null` give its default).
/// Problems are `invalid_option`, naming the option (`retry.maxRetries: …`).
pub(crate) fn options<T: DeserializeOwned + Default>(
    value: &JsValue,
    what: &str,
) -> Result<(T, JsValue), Error> {
    // Only the typed read is generic (`Typed`); the rest is one copy for every `T`.
    let mut typed = None;
    let copy = options_as(value, what, &mut Typed(&mut typed))?;
    Ok((typed.unwrap_or_default(), copy))
}

/// Reads a plain copy of an options object as one type (serde-wasm-bindgen): a trait object with
/// one method, so that [`options_as`] and [`culprit`] are not copied for each type.
trait ReadOptions {
    /// Reads `copy`, keeping the value when it is good.
    fn read(&mut self, copy: JsValue) -> Result<(), serde_wasm_bindgen::Error>;
}

struct Typed<'a, T>(&'a mut Option<T>);

impl<T: DeserializeOwned> ReadOptions for Typed<'_, T> {
    fn read(&mut self, copy: JsValue) -> Result<(), serde_wasm_bindgen::Error> {
        *self.0 = Some(serde_wasm_bindgen::from_value::<T>(copy)?);
        Ok(())
    }
}

/// [`options`] but for its one generic step: the plain copy, read by `typed` unless it is
/// `undefined` (nothing read: the default).
fn options_as(value: &JsValue, what: &str, typed: &mut dyn ReadOptions) -> Result<JsValue, Error> {
    let copy = options_copy(value).map_err(|thrown| {
        let (path, problem) = refusal(&thrown);
        Error::option(if path.is_empty() {
            format!("{what}: {problem}")
        } else {
            format!("{what}.{path}: {problem}")
        })
    })?;
    if copy.is_undefined() {
        return Ok(copy);
    }
    if !copy.is_object() || js_sys::Array::is_array(&copy) {
        return Err(Error::option(format!("{what} must be an object")));
    }
    match typed.read(copy.clone()) {
        Ok(()) => Ok(copy),
        Err(error) => {
            // Its Display is the JS Error's `toString()`, "Error: …": the message alone is wanted.
            let error = js_sys::Error::from(JsValue::from(error)).message();
            Err(Error::option(match culprit(&copy, typed) {
                Some(key) => format!("{what}.{key}: {error}"),
                None => format!("{what}: {error}"),
            }))
        }
    }
}

/// The option that made reading `copy` with `typed` fail: the first key that fails alone. Only on
/// the error path, so the typed read itself carries no path bookkeeping.
fn culprit(copy: &JsValue, typed: &mut dyn ReadOptions) -> Option<String> {
    let keys = js_sys::Object::keys(copy.unchecked_ref::<js_sys::Object>());
    keys.iter().filter_map(|key| key.as_string()).find(|key| {
        let alone = js_sys::Object::new();
        let value = js_sys::Reflect::get(copy, &key.as_str().into()).unwrap_or(JsValue::UNDEFINED);
        let _ = js_sys::Reflect::set(&alone, &key.as_str().into(), &value);
        typed.read(alone.into()).is_err()
    })
}

/// A value of our own plain copy (from [`options`]): a function or an `AbortSignal` kept as is.
pub(crate) fn member(copy: &JsValue, key: &str) -> JsValue {
    if copy.is_object() {
        js_sys::Reflect::get(copy, &key.into()).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// A snapshot or resource as plain JS objects (serde-wasm-bindgen, JSON-compatible).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        // Our own types only hold strings, numbers, booleans, lists and raw JSON: nothing can fail.
        .unwrap_or(JsValue::NULL)
}

/// Raw JSON as a JS value (`JSON.parse` of text serde_json has already checked).
pub(crate) fn parsed(raw: &RawJson) -> JsValue {
    js_sys::JSON::parse(raw.get()).unwrap_or(JsValue::NULL)
}

/// In the browser, raw JSON (metadata, error `meta` values) is written as the JS value it holds.
impl Serialize for RawJson {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde_wasm_bindgen::preserve::serialize(&parsed(self), serializer)
    }
}
