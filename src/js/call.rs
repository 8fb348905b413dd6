//! What every Promise-returning method shares: starting a call (its client, request and signal, or
//! the refusal that stops it before any request), running it, and reading its answer.

use core::future::Future;
use core::pin::Pin;
use std::rc::Rc;

use js_sys::{Array, Object, Promise, Reflect};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::fapi::request::{Method, Request};
use crate::fapi::response::Envelope;
use crate::fapi::transport::{CallSignal, Client, Failure};
use crate::js::edge;

/// A call ready to go, or the refusal that stops it first.
pub(crate) type Prepared = Result<(Rc<Client>, Request, CallSignal), Error>;

/// Checks the client and `options` (`{ signal }`) of a call about to be made with `request`.
pub(crate) fn prepare(api: Rc<Client>, request: Request, options: &JsValue) -> Prepared {
    api.live()?;
    let call = CallSignal::start(&signal(options)?, api.settings.timeout_ms)?;
    Ok((api, request, call))
}

/// `options.signal` of a call's `RequestOptions`, as the JS value it is (checked by its user).
pub(crate) fn signal(options: &JsValue) -> Result<JsValue, Error> {
    let (_, copy) = edge::options::<NoOptions>(options, "options")?;
    Ok(edge::member(&copy, "signal"))
}

/// `RequestOptions` has only `signal`, which is taken as the JS value it is.
#[derive(Default, serde::Deserialize)]
struct NoOptions {}

/// Sends a prepared call and reads its answer as an envelope of `T`; `finish` turns that into the
/// resolved value. A refusal rejects without any request.
pub(crate) fn send<T: DeserializeOwned + 'static>(
    prepared: Prepared,
    what: &'static str,
    finish: impl FnOnce(Rc<Client>, T) -> Result<JsValue, Failure> + 'static,
) -> Promise {
    match prepared {
        Ok(prepared) => spawn(Box::pin(async move {
            let (api, response) = exchange::<T>(prepared, what).await?;
            finish(api, response)
        })),
        Err(error) => reject(error),
    }
}

/// Sends a prepared call and reads its answer's `response` as a `T` (for callers that are not a
/// Promise of their own, such as a list's fetches). After a mutation, `onClient` gets the client.
pub(crate) async fn exchange<T: DeserializeOwned>(
    (api, request, call): (Rc<Client>, Request, CallSignal),
    what: &'static str,
) -> Result<(Rc<Client>, T), Failure> {
    let mutation = request.method != Method::Get;
    // The exchange is the same for every `T`: one boxed future, not one state machine per call site.
    let exchange: Pin<Box<dyn Future<Output = Result<Vec<u8>, Failure>>>> =
        Box::pin(api.clone().send(request, call));
    let body = exchange.await?;
    let envelope = Envelope::<T>::parse(&body, what)?;
    if mutation {
        api.offer_client(envelope.client());
    }
    Ok((api, envelope.response))
}

/// Runs a call as a Promise; its failure rejects with the matching JS error. Boxed, so
/// future_to_promise is instantiated once for every call site (it weighs ~1 KB each).
pub(crate) fn spawn(call: Pin<Box<dyn Future<Output = Result<JsValue, Failure>>>>) -> Promise {
    wasm_bindgen_futures::future_to_promise(async move { call.await.map_err(Failure::into_js) })
}

/// A refusal before any request, as a rejected Promise.
pub(crate) fn reject(error: Error) -> Promise {
    Promise::reject(&error.into())
}

/// `{ data, totalCount }`, as clerk-js's paginated resources resolve.
pub(crate) fn page(data: Array, total_count: u32) -> JsValue {
    let page: JsValue = Object::new().into();
    // Defining keys on a fresh plain object cannot fail.
    let _ = Reflect::set(&page, &"data".into(), &data);
    let _ = Reflect::set(&page, &"totalCount".into(), &total_count.into());
    page
}
