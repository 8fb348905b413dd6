//! The pages of a live list, fetched through its client's cache: each page once per client however
//! many lists wait for it ([`fetch_shared`]), its answer kept for lists made later and corrected by
//! the mutations that finished meanwhile. `js::list` runs [`fetch`] for each load.

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::fapi::cache::{CachedPage, PageKey, Shared};
use crate::fapi::options::Query;
use crate::fapi::request::endpoint;
use crate::fapi::transport::{CallSignal, Client, Failure};
use crate::js::call;
use crate::model::fields::Stamp;
use crate::model::pagination::Load;
use crate::model::{Invitation, Item, MembershipRequest, Page};

/// What a list's fetch of its pages gives: the rows, the total count and the last page fetched.
pub(crate) type Fetched = Result<(Vec<Rc<Item>>, u32, u32), Failure>;

/// Fetches the pages of `load` one after the other, each shared with the client's other lists;
/// stops at the first short page, at the page count, or when the list is gone (`alive`).
pub(crate) async fn fetch(
    api: &Rc<Client>,
    organization: &str,
    load: Load,
    query: &Query,
    call: &CallSignal,
    alive: &dyn Fn() -> bool,
) -> Fetched {
    let size = query.page_size().max(1);
    let (mut rows, mut total_count, mut last) = (Vec::new(), 0, load.first);
    for page in load.first..=load.last {
        // A list dropped, freed or superseded meanwhile sends nothing more.
        if call.is_stopped() || !alive() {
            return Err(Error::Aborted.into());
        }
        let key = PageKey::new(organization, query, page);
        let shared = match api.cache.join(&key) {
            Some(shared) => shared,
            None => fetch_shared(api, key)?,
        };
        let done = shared
            .done
            .get()
            .cloned()
            .unwrap_or_else(|| Promise::resolve(&JsValue::UNDEFINED));
        let waited = call.wait(&done, api.settings.timeout_ms).await;
        api.cache.leave(&shared);
        waited?;
        let outcome = shared.outcome.try_borrow().ok().and_then(|o| o.clone());
        let answer = match outcome {
            Some(Ok(answer)) => answer,
            Some(Err(error)) => return Err(Failure::Js(error)),
            None => {
                return Err(Error::Internal("a shared page fetch ended without an outcome").into())
            }
        };
        rows.extend(answer.rows.iter().cloned());
        total_count = answer.total_count;
        last = page;
        if !load.continues(page, answer.rows.len(), total_count, size) {
            break;
        }
    }
    // Mutations that finished while the pages were in flight win over what the pages said.
    Ok((api.cache.reconcile(rows, query), total_count, last))
}

/// Starts the fetch of `key` that every list of `api` waiting for it shares; keeps its answer.
fn fetch_shared(api: &Rc<Client>, key: PageKey) -> Result<Rc<Shared>, Failure> {
    let request = endpoint::list(key.organization(), key.query())?;
    let call = CallSignal::start(&JsValue::UNDEFINED, api.settings.timeout_ms)?;
    let shared = Rc::new(Shared::new(call.clone()));
    api.cache.begin_fetch(key.clone(), &shared);
    let (client, slot, generation) = (api.clone(), shared.clone(), api.cache.generation());
    // A page of pending invitations alone counts them, as of when it was asked for.
    let asked = Stamp::next();
    // Boxed through call::spawn: one future_to_promise for every call site (it weighs ~1 KB each).
    let done = call::spawn(Box::pin(async move {
        let outcome = match call::exchange((client.clone(), request, call)).await {
            Ok((api, body, mutation)) => rows(&key, &api, &body, mutation),
            Err(failure) => Err(failure),
        };
        if let (Ok(page), Query::Invitations(params)) = (&outcome, key.query()) {
            if params.pending_only() {
                let org = key.organization();
                client
                    .cache
                    .pending_invitations_were(org, page.total_count, asked);
            }
        }
        client.cache.end_fetch(&slot);
        let outcome = match outcome {
            Ok(page) => {
                let rows = client.cache.reconcile(page.rows, key.query());
                let page = Rc::new(CachedPage {
                    rows,
                    total_count: page.total_count,
                });
                if !slot.stale.get() {
                    client.cache.store(key, generation, page.clone());
                }
                Ok(page)
            }
            Err(failure) => Err(failure.into_js()),
        };
        if let Ok(mut out) = slot.outcome.try_borrow_mut() {
            *out = Some(outcome);
        }
        // Never rejects: the waiters read the outcome (a rejection nobody waits for would be logged).
        Ok(JsValue::UNDEFINED)
    }));
    let _ = shared.done.set(done);
    Ok(shared)
}

/// The rows of a page answer for `key`'s kind of list, read as `getMemberships`,
/// `getInvitations` or `getMembershipRequests` read theirs.
fn rows(
    key: &PageKey,
    api: &Rc<Client>,
    body: &[u8],
    mutation: bool,
) -> Result<CachedPage, Failure> {
    fn cached<T>(page: Page<T>, item: fn(Rc<T>) -> Item) -> CachedPage {
        CachedPage {
            rows: page
                .data
                .into_iter()
                .map(|row| Rc::new(item(Rc::new(row))))
                .collect(),
            total_count: page.total_count,
        }
    }
    Ok(match key.query() {
        Query::Members(_) => cached(call::members_page(body)?, Item::Member),
        Query::Invitations(_) => {
            let mut page: Page<Invitation> =
                call::read(api, body, call::INVITATIONS_PAGE, mutation)?;
            page.data = page
                .data
                .into_iter()
                .map(|i| i.placed(key.organization()))
                .collect();
            cached(page, Item::Invitation)
        }
        Query::Requests(_) => cached(
            call::read::<Page<MembershipRequest>>(api, body, call::REQUESTS_PAGE, mutation)?,
            Item::Request,
        ),
    })
}
