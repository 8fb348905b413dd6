//! The conversions of failures into the package's two JS error classes (`errors.js`, exported):
//! [`Error`] → `ClerkRuntimeError` (`message`, `code`, `clerkRuntimeError: true`, `path`), and
//! [`ApiError`] → `ClerkAPIResponseError` (docs/wire.md §7).

use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::fapi::response::ApiError;
use crate::fapi::transport::Failure;
use crate::js::edge;

#[wasm_bindgen(module = "/src/js/errors.js")]
extern "C" {
    #[wasm_bindgen(reexport)]
    type ClerkRuntimeError;

    #[wasm_bindgen(constructor)]
    fn new(message: &str, code: &str, path: Option<&str>) -> ClerkRuntimeError;

    #[wasm_bindgen(reexport)]
    type ClerkAPIResponseError;

    #[wasm_bindgen(constructor)]
    fn new(
        message: &str,
        status: u16,
        errors: JsValue,
        clerk_trace_id: Option<String>,
        retry_after: Option<u32>,
    ) -> ClerkAPIResponseError;

    #[wasm_bindgen(reexport, skip_typescript, js_name = isClerkRuntimeError)]
    fn is_clerk_runtime_error(error: &JsValue) -> bool;

    #[wasm_bindgen(reexport, skip_typescript, js_name = isClerkAPIResponseError)]
    fn is_clerk_api_response_error(error: &JsValue) -> bool;
}

impl From<Error> for JsValue {
    fn from(error: Error) -> JsValue {
        ClerkRuntimeError::new(&error.to_string(), error.code(), error.path()).into()
    }
}

impl From<ApiError> for JsValue {
    fn from(error: ApiError) -> JsValue {
        let errors = edge::to_js(&error.errors);
        ClerkAPIResponseError::new(
            &error.message,
            error.status,
            errors,
            error.clerk_trace_id,
            error.retry_after,
        )
        .into()
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

/// The guards are exported only through `reexport`; this keeps them referenced for wasm-bindgen.
#[allow(dead_code)]
fn guards(error: &JsValue) -> (bool, bool) {
    (
        is_clerk_runtime_error(error),
        is_clerk_api_response_error(error),
    )
}
