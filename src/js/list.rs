//! `organization.membershipList(params)`: a live, paginated list of an organization's members, for
//! any framework (React's `useSyncExternalStore`, Vue, Svelte, Solid, plain JS).
//!
//! - **Snapshots.** `getSnapshot()` is a frozen plain object `{ data, totalCount, page, pageCount,
//!   hasNextPage, hasPreviousPage, isLoading, isFetching, error }`. Every change makes a new one,
//!   with a new `data` array; no change, the same object. Listeners hear of every new snapshot.
//! - **Fetches.** `fetchNext`, `fetchPrevious`, `fetchPage(n)`, `revalidate` and `setParams` start
//!   a fetch and resolve to the snapshot it produced. A newer fetch cancels the one in flight, and an
//!   older answer never overwrites a newer one (each fetch has a sequence number). A failed fetch
//!   keeps the last good rows and sets `error`; it resolves, it does not reject (a UI reads `error`).
//!   With `infinite: true`, `fetchNext` appends pages to `data`.
//! - **Mutations flow in.** Every live list is in a registry: when `update()` or `destroy()` of any
//!   membership of the list's organization succeeds, the list replaces that row with a new object
//!   showing the answer (so memoized rows re-render), or removes it, lowers `totalCount` and
//!   revalidates to refill the page.
//! - **Detached.** Its methods are bound to it (`list.js`), as React calls them.

use core::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{AbortController, AbortSignal};

use crate::error::Error;
use crate::fapi::options::ListParams;
use crate::fapi::request::endpoint;
use crate::fapi::transport::{Client, Failure};
use crate::js::call;
use crate::js::edge;
use crate::js::membership::OrganizationMembership;
use crate::model::{Membership, Page};

#[wasm_bindgen(module = "/src/js/list.js")]
extern "C" {
    fn bind(instance: &JsValue, names: &Array);

    #[wasm_bindgen(catch)]
    fn link(caller: &JsValue, controller: &AbortController) -> Result<AbortSignal, JsValue>;

    type Listeners;

    #[wasm_bindgen(constructor)]
    fn new() -> Listeners;

    #[wasm_bindgen(method, catch)]
    fn add(this: &Listeners, listener: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method)]
    fn notify(this: &Listeners);

    #[wasm_bindgen(method)]
    fn clear(this: &Listeners);
}

/// A live list of an organization's members: `organization.membershipList(params)`.
#[wasm_bindgen]
pub struct MembershipList {
    state: Rc<ListState>,
}

struct ListState {
    api: Rc<Client>,
    organization: String,
    params: RefCell<ListParams>,
    infinite: bool,
    view: RefCell<View>,
    snapshot: RefCell<JsValue>,
    listeners: Listeners,
    /// The sequence number of the newest fetch; an answer to any other is dropped.
    newest: Cell<u32>,
    in_flight: RefCell<Option<AbortController>>,
    freed: Cell<bool>,
}

/// What a snapshot shows.
#[derive(Default)]
struct View {
    /// Each row's membership id, and its JS object.
    rows: Vec<(String, JsValue)>,
    total_count: u32,
    /// The page shown (infinite: the pages loaded).
    page: u32,
    /// A first answer came.
    loaded: bool,
    fetching: bool,
    error: Option<JsValue>,
}

thread_local! {
    // Every live list, so that a membership's update() or destroy() reaches the lists showing it.
    static LISTS: RefCell<Vec<Weak<ListState>>> = const { RefCell::new(Vec::new()) };
}

/// What a fetch loads: pages `first..=last`, appended to the rows or replacing them.
#[derive(Clone, Copy)]
struct Load {
    first: u32,
    last: u32,
    append: bool,
}

impl MembershipList {
    /// A new list of `organization`'s members, already loading its first page.
    pub(crate) fn start(
        api: Rc<Client>,
        organization: String,
        params: ListParams,
        infinite: bool,
    ) -> JsValue {
        let state = Rc::new(ListState {
            api,
            organization,
            params: RefCell::new(params),
            infinite,
            view: RefCell::new(View::default()),
            snapshot: RefCell::new(JsValue::NULL),
            listeners: Listeners::new(),
            newest: Cell::new(0),
            in_flight: RefCell::new(None),
            freed: Cell::new(false),
        });
        LISTS.with(|lists| {
            if let Ok(mut lists) = lists.try_borrow_mut() {
                lists.retain(|list| list.strong_count() > 0);
                lists.push(Rc::downgrade(&state));
            }
        });
        state.publish();
        let first = state.params.borrow().initial_page.unwrap_or(1).max(1);
        let _ = state.load(
            Load {
                first: if state.infinite() { 1 } else { first },
                last: first,
                append: false,
            },
            &JsValue::UNDEFINED,
        );
        let js: JsValue = MembershipList { state }.into();
        let names: Array = [
            "getSnapshot",
            "subscribe",
            "fetchNext",
            "fetchPrevious",
            "fetchPage",
            "revalidate",
            "setParams",
        ]
        .into_iter()
        .map(JsValue::from)
        .collect();
        bind(&js, &names);
        js
    }
}

impl ListState {
    fn infinite(&self) -> bool {
        self.infinite
    }

    fn page_size(&self) -> u32 {
        self.params
            .try_borrow()
            .ok()
            .and_then(|p| p.page_size)
            .unwrap_or(10)
            .max(1)
    }

    fn current(&self) -> JsValue {
        self.snapshot
            .try_borrow()
            .map(|s| s.clone())
            .unwrap_or(JsValue::NULL)
    }

    /// Makes a new snapshot of the view and tells every listener.
    fn publish(&self) {
        let Ok(view) = self.view.try_borrow() else {
            return;
        };
        let size = self.page_size();
        let page_count = view.total_count.div_ceil(size);
        let data: Array = view.rows.iter().map(|(_, row)| row.clone()).collect();
        let snapshot = Object::new();
        let set = |key: &str, value: JsValue| {
            // Our own fresh plain object: setting keys cannot fail.
            let _ = Reflect::set(&snapshot, &key.into(), &value);
        };
        set("data", Object::freeze(&data).into());
        set("totalCount", view.total_count.into());
        set("page", view.page.into());
        set("pageCount", page_count.into());
        set("hasNextPage", (view.page < page_count).into());
        set(
            "hasPreviousPage",
            (!self.infinite() && view.page > 1).into(),
        );
        set("isLoading", (!view.loaded && view.fetching).into());
        set("isFetching", view.fetching.into());
        set("error", view.error.clone().unwrap_or(JsValue::NULL));
        drop(view);
        if let Ok(mut current) = self.snapshot.try_borrow_mut() {
            *current = Object::freeze(&snapshot).into();
        }
        self.listeners.notify();
    }

    fn edit(&self, change: impl FnOnce(&mut View)) {
        if let Ok(mut view) = self.view.try_borrow_mut() {
            change(&mut view);
        }
        self.publish();
    }

    /// Starts a fetch of `load`, cancelling the one in flight; resolves to the snapshot it made.
    fn load(self: &Rc<Self>, load: Load, options: &JsValue) -> Promise {
        if self.freed.get() || self.api.live().is_err() {
            return call::reject(Error::Freed("MembershipList"));
        }
        let caller = match call::signal(options) {
            Ok(caller) => caller,
            Err(error) => return call::reject(error),
        };
        let Ok(controller) = AbortController::new() else {
            return call::reject(Error::Internal("AbortController unavailable"));
        };
        let signal = match link(&caller, &controller) {
            Ok(signal) => signal,
            Err(_) => return call::reject(Error::option("options.signal must be an AbortSignal")),
        };
        let sequence = self.newest.get().wrapping_add(1);
        self.newest.set(sequence);
        if let Ok(mut in_flight) = self.in_flight.try_borrow_mut() {
            if let Some(previous) = in_flight.replace(controller) {
                previous.abort();
            }
        }
        self.edit(|view| view.fetching = true);
        let fetch_options: JsValue = Object::new().into();
        let _ = Reflect::set(&fetch_options, &"signal".into(), &signal);
        let state = self.clone();
        call::spawn(Box::pin(async move {
            let outcome = state.fetch(load, &fetch_options).await;
            state.settle(sequence, load, outcome);
            Ok(state.current())
        }))
    }

    /// Fetches the pages of `load` one after the other.
    async fn fetch(
        &self,
        load: Load,
        options: &JsValue,
    ) -> Result<(Vec<(String, JsValue)>, u32), Failure> {
        let (mut rows, mut total_count) = (Vec::new(), 0);
        for page in load.first..=load.last {
            let params = self
                .params
                .try_borrow()
                .map(|p| ListParams {
                    initial_page: Some(page),
                    ..p.clone()
                })
                .map_err(|_| Error::Internal("list busy"))?;
            let prepared = endpoint::memberships(&self.organization, &params)
                .and_then(|request| call::prepare(self.api.clone(), request, options))?;
            let (api, answer) =
                call::exchange::<Page<Membership>>(prepared, "page of organization memberships")
                    .await?;
            total_count = answer.total_count;
            rows.extend(OrganizationMembership::rows(answer, Some(api)));
        }
        Ok((rows, total_count))
    }

    /// Takes the answer of fetch `sequence`, unless a newer fetch was started since.
    fn settle(
        &self,
        sequence: u32,
        load: Load,
        outcome: Result<(Vec<(String, JsValue)>, u32), Failure>,
    ) {
        if sequence != self.newest.get() || self.freed.get() {
            return;
        }
        if let Ok(mut in_flight) = self.in_flight.try_borrow_mut() {
            *in_flight = None;
        }
        self.edit(|view| {
            view.fetching = false;
            match outcome {
                Ok((rows, total_count)) => {
                    if load.append {
                        view.rows.extend(rows);
                    } else {
                        view.rows = rows;
                    }
                    view.total_count = total_count;
                    view.page = load.last;
                    view.loaded = true;
                    view.error = None;
                }
                // The caller's abort is not an error of the list: its last state stands.
                Err(Failure::Runtime(Error::Aborted)) => {}
                Err(failure) => view.error = Some(failure.into_js()),
            }
        });
    }

    fn page(&self) -> u32 {
        self.view.try_borrow().map(|v| v.page).unwrap_or(0)
    }

    fn page_count(&self) -> u32 {
        self.view
            .try_borrow()
            .map(|v| v.total_count.div_ceil(self.page_size()))
            .unwrap_or(0)
    }

    fn revalidate(self: &Rc<Self>, options: &JsValue) -> Promise {
        let page = self.page().max(1);
        self.load(
            if self.infinite() {
                Load {
                    first: 1,
                    last: page,
                    append: false,
                }
            } else {
                Load {
                    first: page,
                    last: page,
                    append: false,
                }
            },
            options,
        )
    }

    /// Where the list shows `data`'s member on its current page, if it does.
    fn row_of(&self, data: &Membership) -> Option<usize> {
        let view = self.view.try_borrow().ok()?;
        view.rows.iter().position(|(id, _)| id == data.id.as_str())
    }

    /// A membership of this list's organization changed (its `update()` answered): its row becomes
    /// a new object showing the answer.
    fn changed(&self, data: &Membership, api: &Rc<Client>) {
        let found = self.row_of(data);
        if let Some(index) = found {
            let row = OrganizationMembership::js(data.clone(), Some(api.clone()));
            self.edit(|view| {
                if let Some(slot) = view.rows.get_mut(index) {
                    slot.1 = row;
                }
            });
        }
    }

    /// A membership was removed (its `destroy()` answered): its row goes, and the page refills.
    fn removed(self: &Rc<Self>, data: &Membership) {
        let found = self.row_of(data);
        if let Some(index) = found {
            self.edit(|view| {
                view.rows.remove(index);
                view.total_count = view.total_count.saturating_sub(1);
            });
            let _ = self.revalidate(&JsValue::UNDEFINED);
        }
    }
}

/// The lists showing members of `data`'s organization.
fn lists_of(data: &Membership) -> Vec<Rc<ListState>> {
    LISTS.with(|lists| {
        lists
            .try_borrow()
            .map(|lists| {
                lists
                    .iter()
                    .filter_map(Weak::upgrade)
                    .filter(|list| {
                        !list.freed.get() && list.organization == data.organization.id.as_str()
                    })
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// `update()` of `data`'s membership succeeded: the lists showing it show the answer.
pub(crate) fn changed(data: &Membership, api: &Rc<Client>) {
    for list in lists_of(data) {
        list.changed(data, api);
    }
}

/// `destroy()` of `data`'s membership succeeded: the lists showing it drop it and refill.
pub(crate) fn removed(data: &Membership) {
    for list in lists_of(data) {
        list.removed(data);
    }
}

#[wasm_bindgen]
impl MembershipList {
    /// The current state: a frozen `{ data, totalCount, page, pageCount, hasNextPage,
    /// hasPreviousPage, isLoading, isFetching, error }`, the same object until something changes.
    #[wasm_bindgen(js_name = getSnapshot, unchecked_return_type = "MembershipListSnapshot")]
    pub fn get_snapshot(&self) -> JsValue {
        self.state.current()
    }

    /// Calls `listener` after every change of the snapshot; returns the function that unsubscribes.
    #[wasm_bindgen(unchecked_return_type = "() => void")]
    pub fn subscribe(
        &self,
        #[wasm_bindgen(unchecked_param_type = "() => void")] listener: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.state
            .listeners
            .add(&listener)
            .map_err(|_| Error::option("subscribe(listener) takes a function").into())
    }

    /// The next page (appended to `data` in an infinite list); nothing to fetch past the last page.
    #[wasm_bindgen(js_name = fetchNext, unchecked_return_type = "Promise<MembershipListSnapshot>")]
    pub fn fetch_next(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let (page, pages) = (self.state.page(), self.state.page_count());
        if page >= pages
            && self
                .state
                .view
                .try_borrow()
                .map(|v| v.loaded)
                .unwrap_or(false)
        {
            return Promise::resolve(&self.state.current());
        }
        self.state.load(
            Load {
                first: page + 1,
                last: page + 1,
                append: self.state.infinite(),
            },
            &options,
        )
    }

    /// The previous page (nothing in an infinite list, or on the first page).
    #[wasm_bindgen(js_name = fetchPrevious, unchecked_return_type = "Promise<MembershipListSnapshot>")]
    pub fn fetch_previous(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let page = self.state.page();
        if self.state.infinite() || page <= 1 {
            return Promise::resolve(&self.state.current());
        }
        self.state.load(
            Load {
                first: page - 1,
                last: page - 1,
                append: false,
            },
            &options,
        )
    }

    /// Page `page` (from 1); in an infinite list, pages 1 to `page`.
    #[wasm_bindgen(js_name = fetchPage, unchecked_return_type = "Promise<MembershipListSnapshot>")]
    pub fn fetch_page(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] page: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let page = match page
            .as_f64()
            .filter(|n| n.fract() == 0.0 && *n >= 1.0 && *n <= 1_000_000.0)
        {
            Some(page) => page as u32,
            None => {
                return call::reject(Error::option("fetchPage(page) takes a whole number from 1"))
            }
        };
        let first = if self.state.infinite() { 1 } else { page };
        self.state.load(
            Load {
                first,
                last: page,
                append: false,
            },
            &options,
        )
    }

    /// Fetches what is shown again (every loaded page of an infinite list).
    #[wasm_bindgen(unchecked_return_type = "Promise<MembershipListSnapshot>")]
    pub fn revalidate(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.state.revalidate(&options)
    }

    /// Changes the search `query`, the `role` filter or `pageSize`, and starts again from page 1.
    #[wasm_bindgen(js_name = setParams, unchecked_return_type = "Promise<MembershipListSnapshot>")]
    pub fn set_params(
        &self,
        #[wasm_bindgen(
            unchecked_param_type = "Omit<MembershipListParams, 'infinite' | 'initialPage'>"
        )]
        params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let partial = match edge::options::<ListParams>(&params, "params") {
            Ok((partial, _)) => partial,
            Err(error) => return call::reject(error),
        };
        if let Ok(mut current) = self.state.params.try_borrow_mut() {
            *current = ListParams {
                initial_page: None,
                page_size: partial.page_size.or(current.page_size),
                query: partial.query.or_else(|| current.query.clone()),
                role: partial.role.or_else(|| current.role.clone()),
            };
        }
        self.state.load(
            Load {
                first: 1,
                last: 1,
                append: false,
            },
            &options,
        )
    }

    /// Stops the list: the fetch in flight is cancelled, listeners are dropped, later fetches are `freed`.
    #[wasm_bindgen(js_name = free)]
    pub fn release(&self) {
        self.state.freed.set(true);
        if let Ok(mut in_flight) = self.state.in_flight.try_borrow_mut() {
            if let Some(controller) = in_flight.take() {
                controller.abort();
            }
        }
        self.state.listeners.clear();
    }
}
