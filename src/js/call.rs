//! What every Promise-returning method shares: reading `options`, refusing before any request,
//! running the call, and shaping `{ data, totalCount }` pages.

use core::future::Future;
use core::pin::Pin;

use js_sys::{Array, Object, Promise};
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::fapi::request::{limit_offset, Request};
use std::rc::Rc;

use crate::fapi::response::Envelope;
use crate::fapi::transport::{Client, Failure, Signal};
use crate::js::client::{get, optional_count};
use crate::js::value::set;

/// Runs a call as a Promise; its failure rejects with the matching JS error.
fn spawn(call: impl Future<Output = Result<JsValue, Failure>> + 'static) -> Promise {
    // Boxed, so future_to_promise is instantiated once for every call site (it weighs ~1 KB each).
    run(Box::pin(call))
}

fn run(call: Pin<Box<dyn Future<Output = Result<JsValue, Failure>>>>) -> Promise {
    wasm_bindgen_futures::future_to_promise(async move { call.await.map_err(Failure::into_js) })
}

/// A call ready to go (its client, request and signal), or the refusal that stops it first.
pub(crate) type Prepared = Result<(Rc<Client>, Request, Option<Signal>), Error>;

/// Sends a prepared call and finishes it with `finish` (which turns the answer into the resolved value),
/// or rejects with the refusal, without any request.
pub(crate) fn send(
    prepared: Prepared,
    finish: impl FnOnce(Rc<Client>, Envelope<JsValue>) -> Result<JsValue, Failure> + 'static,
) -> Promise {
    match prepared {
        Ok((api, request, signal)) => spawn(async move {
            let envelope = api.clone().send(request, signal).await?;
            finish(api, envelope)
        }),
        Err(error) => reject(error),
    }
}

/// A refusal before any request, as a rejected Promise.
pub(crate) fn reject(error: Error) -> Promise {
    Promise::reject(&error.into())
}

/// `options.signal`: `undefined`, or an `AbortSignal`.
pub(crate) fn signal(options: &JsValue) -> Result<Option<Signal>, Error> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    match get(options, "signal") {
        signal if signal.is_undefined() => Ok(None),
        signal => Signal::checked(signal).map(Some),
    }
}

/// `{ initialPage = 1, pageSize = 10 }` → `limit` and `offset` on `request`.
pub(crate) fn page_of(request: Request, params: &JsValue) -> Result<Request, Error> {
    let page = optional_count(&get(params, "initialPage"), "initialPage", 1)?.unwrap_or(1);
    let size = optional_count(&get(params, "pageSize"), "pageSize", 1)?.unwrap_or(10);
    Ok(limit_offset(request, page, size))
}

/// `{ data, totalCount }`, as clerk-js's paginated resources resolve.
pub(crate) fn page(data: Array, total_count: u32) -> JsValue {
    let page: JsValue = Object::new().into();
    set(&page, "data", &data);
    set(&page, "totalCount", &total_count.into());
    page
}

/// A 2xx body that is not the resource the call expects.
pub(crate) fn unexpected(error: Error) -> Failure {
    Failure::Runtime(Error::InvalidResponse(error.to_string()))
}
