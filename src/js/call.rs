//! What every Promise-returning method shares: starting a call (its client, request and signal, or
//! the refusal that stops it before any request), running it, and reading its answer.

use core::future::Future;
use core::pin::Pin;
use std::rc::Rc;

use js_sys::{Array, Object, Promise, Reflect};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::fapi::options::StatusListParams;
use crate::fapi::request::{Method, Request};
use crate::fapi::response::{read_response, Envelope};
use crate::fapi::transport::{CallSignal, Client, Failure};
use crate::js::client::client_of;
use crate::js::edge;
use crate::js::instance::{forget, Handle};
use crate::model::{Membership, Page};
use serde_json::value::RawValue;

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
///
/// Only the reading is generic: the request, its retries and its Promise are one state machine for
/// every call (`send_read`), and each call site adds a small synchronous closure, not a copy of the
/// whole async machinery (about 5 KB of wasm each, measured in issue 20).
pub(crate) fn send<T: DeserializeOwned + 'static>(
    prepared: Prepared,
    what: &'static str,
    finish: impl FnOnce(Rc<Client>, T) -> Result<JsValue, Failure> + 'static,
) -> Promise {
    send_read(
        prepared,
        Box::new(move |api, body, mutation| {
            let response = read::<T>(&api, &body, what, mutation)?;
            finish(api, response)
        }),
    )
}

/// What a call site does with its answer's bytes (read them as its `T`, and make the JS value).
pub(crate) type Reader = Box<dyn FnOnce(Rc<Client>, Vec<u8>, bool) -> Result<JsValue, Failure>>;

/// The one Promise of every call: the exchange, then the call site's reader.
pub(crate) fn send_read(prepared: Prepared, reader: Reader) -> Promise {
    match prepared {
        Ok(prepared) => spawn(Box::pin(async move {
            let (api, body, mutation) = exchange(prepared).await?;
            reader(api, body, mutation)
        })),
        Err(error) => reject(error),
    }
}

/// Sends a prepared call and gives its answer's bytes, and whether it was a mutation (for callers
/// that are not a Promise of their own, such as a list's fetches, which then [`read`] them).
pub(crate) async fn exchange(
    (api, request, call): (Rc<Client>, Request, CallSignal),
) -> Result<(Rc<Client>, Vec<u8>, bool), Failure> {
    let mutation = request.method != Method::Get;
    // The exchange is the same for every call: one boxed future, not one state machine per call site.
    let exchange: Pin<Box<dyn Future<Output = Result<Vec<u8>, Failure>>>> =
        Box::pin(api.clone().send(request, call));
    Ok((api, exchange.await?, mutation))
}

/// An answer's `response`, read as a `T` (a `what`). After a mutation, `onClient` gets the
/// piggybacked client (once the answer is known to be good).
pub(crate) fn read<T: DeserializeOwned>(
    api: &Rc<Client>,
    body: &[u8],
    what: &'static str,
    mutation: bool,
) -> Result<T, Failure> {
    let (response, envelope) = response::<T>(body, what)?;
    if mutation {
        api.offer_client(envelope.client());
    }
    Ok(response)
}

/// An answer's envelope, and its `response` read as a `T` (`fapi::read_response`). Never inlined:
/// the call sites reading the same `T` share one copy.
#[inline(never)]
pub(crate) fn response<T: DeserializeOwned>(
    body: &[u8],
    what: &'static str,
) -> Result<(T, Envelope<Box<RawValue>>), Failure> {
    Ok(read_response::<T>(body, what)?)
}

/// A page of memberships: the one answer that is large (500 members are 400 KB), read in one pass
/// as a typed envelope. `read_response`'s two passes (the envelope with its `response` as text,
/// then the text) took 1.4× as long on it (a bench build, 500 members: 11.6–12.9 against 8.6–8.9 ms
/// with the first reads), for the 1 KB of wasm this second reader costs.
/// Only GETs answer with one, so no client is offered (`read`).
#[inline(never)]
pub(crate) fn members_page(body: &[u8]) -> Result<Page<Membership>, Failure> {
    Ok(Envelope::<Page<Membership>>::parse(body, MEMBERS_PAGE)?.response)
}

/// What a page of memberships is called in messages.
pub(crate) const MEMBERS_PAGE: &str = "page of organization memberships";
/// What a page of invitations is called in messages (an organization's, or the signed-in user's).
pub(crate) const INVITATIONS_PAGE: &str = "page of organization invitations";
/// What a page of membership requests is called in messages.
pub(crate) const REQUESTS_PAGE: &str = "page of organization membership requests";

/// Runs a call as a Promise; its failure rejects with the matching JS error. Boxed, so
/// future_to_promise is instantiated once for every call site (it weighs ~1 KB each).
pub(crate) fn spawn(call: Pin<Box<dyn Future<Output = Result<JsValue, Failure>>>>) -> Promise {
    wasm_bindgen_futures::future_to_promise(async move { call.await.map_err(Failure::into_js) })
}

/// A refusal before any request, as a rejected Promise.
pub(crate) fn reject(error: Error) -> Promise {
    Promise::reject(&error.into())
}

/// `{ data, totalCount }` of the objects `make` makes of a page's items, each bound to `api`.
pub(crate) fn objects<T>(
    page: Page<T>,
    api: Rc<Client>,
    make: fn(T, Rc<Client>) -> JsValue,
) -> JsValue {
    let total_count = page.total_count;
    let data: Array = page
        .data
        .into_iter()
        .map(|item| make(item, api.clone()))
        .collect();
    self::page(data, total_count)
}

/// A `retrieve(api, params, options)` of the signed-in user's own list (`endpoint`, by `status`):
/// `{ data, totalCount }` of objects made by `make`, bound to `api`.
pub(crate) fn retrieve<T: DeserializeOwned + 'static>(
    (api, params, options): (&JsValue, &JsValue, &JsValue),
    endpoint: fn(&StatusListParams) -> Result<Request, Error>,
    what: &'static str,
    make: fn(T, Rc<Client>) -> JsValue,
) -> Promise {
    let prepared = (|| {
        let api =
            client_of(api)?.ok_or_else(|| Error::option("retrieve(api) needs a FrontendApi"))?;
        let (params, _) = edge::options::<StatusListParams>(params, "params")?;
        prepare(api, endpoint(&params)?, options)
    })();
    send(prepared, what, move |api, page: Page<T>| {
        Ok(objects(page, api, make))
    })
}

/// `{ data, totalCount }`, as clerk-js's paginated resources resolve.
pub(crate) fn page(data: Array, total_count: u32) -> JsValue {
    let page: JsValue = Object::new().into();
    // Defining keys on a fresh plain object cannot fail.
    let _ = Reflect::set(&page, &"data".into(), &data);
    let _ = Reflect::set(&page, &"totalCount".into(), &total_count.into());
    page
}

/// Sends a call that answers with the new state of the instance it was made on (`revoke()`,
/// `accept()`, `reject()`, as clerk-js's `_basePost`): the instance shows the answer, and the call
/// resolves to it. `this` is the instance (`js::instance`); an older answer than the instance's
/// state, or one for a freed instance, resolves as an object of its own, made by `make`. `after`
/// tells the cache (lists, counts) first.
pub(crate) fn in_place<T: DeserializeOwned + 'static>(
    prepared: Prepared,
    what: &'static str,
    handle: Rc<Handle<T>>,
    this: JsValue,
    version: fn(&T) -> i64,
    make: fn(T, Rc<Client>) -> JsValue,
    after: impl FnOnce(&Rc<Client>, &T) + 'static,
) -> Promise {
    send(prepared, what, move |api, data: T| {
        after(&api, &data);
        let newer = handle
            .with(|current| version(&data) >= version(current))
            .unwrap_or(false);
        if newer && this.is_object() && forget(&this) {
            match handle.replace(data) {
                Ok(()) => return Ok(this),
                Err(data) => return Ok(make(data, api)),
            }
        }
        Ok(make(data, api))
    })
}
