//! The conversions of failures into JS errors, shaped like clerk-js's:
//! [`Error`] → `ClerkRuntimeError` (`name`, `message`, `code`, `clerkRuntimeError: true`), and
//! [`ApiError`] → `ClerkAPIResponseError` (WIRE.md §7).

use js_sys::{Array, Object};
use wasm_bindgen::JsValue;

use crate::error::Error;
use crate::fapi::response::ApiError;
use crate::fapi::transport::Failure;
use crate::js::value::set;

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

impl From<ApiError<JsValue>> for JsValue {
    fn from(error: ApiError<JsValue>) -> JsValue {
        let js = js_error("ClerkAPIResponseError", &error.message);
        set(&js, "clerkError", &JsValue::TRUE);
        set(&js, "code", &"api_response_error".into());
        set(&js, "status", &error.status.into());
        let errors: Array = error
            .errors
            .into_iter()
            .map(|item| {
                let entry = Object::new();
                set(&entry, "code", &item.code.into());
                set(&entry, "message", &item.message.into());
                set(
                    &entry,
                    "longMessage",
                    &item.long_message.map_or(JsValue::UNDEFINED, JsValue::from),
                );
                let meta = Object::new();
                for (key, value) in item.meta {
                    set(&meta, &key, &value);
                }
                set(&entry, "meta", &meta);
                entry
            })
            .collect();
        set(&js, "errors", &errors);
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
