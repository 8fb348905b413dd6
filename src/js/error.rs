//! The conversions of failures into JS errors, shaped like clerk-js's:
//! [`Error`] → `ClerkRuntimeError` (`name`, `message`, `code`, `clerkRuntimeError: true`, `path`),
//! and [`ApiError`] → `ClerkAPIResponseError` (docs/wire.md §7).

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::error::Error;
use crate::fapi::response::ApiError;
use crate::fapi::transport::Failure;
use crate::js::edge;

impl From<Error> for JsValue {
    fn from(error: Error) -> JsValue {
        let js = js_error("ClerkRuntimeError", &error.to_string());
        set(&js, "clerkRuntimeError", &JsValue::TRUE);
        set(&js, "code", &error.code().into());
        if let Some(path) = error.path() {
            set(&js, "path", &path.into());
        }
        js
    }
}

impl From<ApiError> for JsValue {
    fn from(error: ApiError) -> JsValue {
        let js = js_error("ClerkAPIResponseError", &error.message);
        set(&js, "clerkError", &JsValue::TRUE);
        set(&js, "code", &"api_response_error".into());
        set(&js, "status", &error.status.into());
        set(&js, "errors", &edge::to_js(&error.errors));
        set(
            &js,
            "clerkTraceId",
            &error
                .clerk_trace_id
                .map_or(JsValue::UNDEFINED, JsValue::from),
        );
        set(
            &js,
            "retryAfter",
            &error.retry_after.map_or(JsValue::UNDEFINED, JsValue::from),
        );
        js
    }
}

impl Failure {
    /// The JS error a rejected Promise carries.
    pub fn into_js(self) -> JsValue {
        match self {
            Failure::Runtime(error) => error.into(),
            Failure::Api(error) => error.into(),
            Failure::Js(error) => error,
        }
    }
}

fn js_error(name: &str, message: &str) -> JsValue {
    let js = js_sys::Error::new(message);
    js.set_name(name);
    js.into()
}

/// Defines `key` on an error this crate just made: that cannot fail, so the result is ignored.
fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &key.into(), value);
}
