//! `make bench` only (feature `bench`, never in pkg/): the alternative to `fromJSON`'s one crossing,
//! measured beside it. `serde_wasm_bindgen::from_value` reads the caller's object field by field,
//! one crossing each, into the same model types. It is not safe for hostile input (a throwing
//! getter unwinds through wasm), which is a second reason it is not the shipped path.

use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::js::membership::OrganizationMembership;
use crate::model::Membership;

/// `fromJSON(json)` through `serde_wasm_bindgen::from_value`. Metadata must be absent: it is kept
/// as raw JSON, which only serde_json can produce.
#[wasm_bindgen(js_name = __benchFromValue)]
pub fn from_value(json: JsValue) -> Result<JsValue, JsValue> {
    let data: Membership = serde_wasm_bindgen::from_value(json).map_err(|e| {
        Error::InvalidJson(crate::model::Invalid::whole(
            "organization membership",
            e.to_string(),
        ))
    })?;
    Ok(OrganizationMembership::js(data, None))
}

/// What `getMemberships` does with the bytes of its answer (parse, then the page of memberships),
/// without the network: `make bench` sets it beside `res.json()` and objects of the same bytes.
#[wasm_bindgen(js_name = __benchPage)]
pub fn page(body: &[u8]) -> Result<JsValue, JsValue> {
    let page =
        crate::js::call::members_page(body).map_err(crate::fapi::transport::Failure::into_js)?;
    Ok(OrganizationMembership::page(page, None))
}
