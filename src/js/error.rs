//! The one conversion from [`crate::error::Error`] to a JS `Error`, shaped like clerk-js's
//! `ClerkRuntimeError`: `name`, `message`, `code`, `clerkRuntimeError: true`.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::error::Error;

impl From<Error> for JsValue {
    fn from(error: Error) -> JsValue {
        let js = js_sys::Error::new(&error.to_string());
        js.set_name("ClerkRuntimeError");
        let js: JsValue = js.into();
        // Setting an own property on a fresh `Error` cannot throw; the results are ignored, not unwrapped.
        let _ = Reflect::set(&js, &"code".into(), &error.code().into());
        let _ = Reflect::set(&js, &"clerkRuntimeError".into(), &JsValue::TRUE);
        if let Some(path) = error.path() {
            let _ = Reflect::set(&js, &"path".into(), &path.into());
        }
        js
    }
}
