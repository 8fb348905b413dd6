//! `organization.membershipList(params)`, `invitationList(params)` and
//! `membershipRequestList(params)`: a live, paginated list of an organization's members,
//! invitations or requests to join, for any framework (React's `useSyncExternalStore`, Vue,
//! Svelte, Solid, plain JS). One class, `MembershipList`, for the three kinds ([`Kind`]); its rows
//! are [`Item`]s. Thin: the state
//! machine is [`Pages`] (pure, host-tested), the shared pages, the other lists and the mutations are
//! the client's [`Cache`](crate::fapi::cache), and pages are fetched by `js::pages`; this file makes snapshots, starts a list's loads and
//! holds its signal. Listeners live in `list.js`, on the list's JS object.
//!
//! - **Snapshots.** `getSnapshot()` is a frozen plain object `{ data, totalCount, page, pageCount,
//!   hasNextPage, hasPreviousPage, isLoading, isFetching, error, pendingIds }`. Every change makes a
//!   new one, with a new `data` array; no change, the same object.
//! - **Fetches.** A newer load supersedes the one in flight; each page is fetched once per client
//!   however many lists wait for it, and cancelled when no list waits any more.
//! - **Rows.** A row is a JS object of this list's own client, made once per data: the same object
//!   while its data is the same, a new one when a mutation changed it.
//! - **Lifetime.** Nothing outside the list's JS object keeps it alive: fetches in flight and the
//!   client's cache hold it weakly, so a dropped list is collected and its fetches stop.

use core::cell::{Cell, OnceCell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::{Array, Object, Promise};
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::fapi::cache::{Observer, PageKey};
use crate::fapi::options::{ListParams, Query, StatusListParams};
use crate::fapi::request::endpoint;
use crate::fapi::transport::{CallSignal, Client, Failure};
use crate::js::call;
use crate::js::edge;
use crate::js::invitation::OrganizationInvitation;
use crate::js::membership::OrganizationMembership;
use crate::js::membership_request::OrganizationMembershipRequest;
use crate::js::pages;
use crate::model::pagination::{Load, Pages, MAX_PAGE};
use crate::model::{Item, Kind, Organization as OrganizationData};

#[wasm_bindgen(module = "/src/js/list.js")]
extern "C" {
    fn bind(instance: &JsValue, names: &Array);

    /// A `WeakRef` to a list's JS object, which holds its listeners.
    type Listeners;

    fn listen(instance: &JsValue) -> Listeners;

    #[wasm_bindgen(catch)]
    fn subscribe(listeners: &Listeners, listener: &JsValue) -> Result<JsValue, JsValue>;

    fn notify(listeners: &Listeners);

    fn clear(listeners: &Listeners);

    #[allow(clippy::too_many_arguments)]
    fn snapshot(
        data: &Array,
        total_count: u32,
        page: u32,
        page_count: u32,
        has_next_page: bool,
        has_previous_page: bool,
        is_loading: bool,
        is_fetching: bool,
        error: &JsValue,
        pending_ids: &JsValue,
    ) -> JsValue;
}

/// A live list of an organization's members (`organization.membershipList(params)`), invitations
/// (`invitationList(params)`) or requests to join (`membershipRequestList(params)`).
#[wasm_bindgen]
pub struct MembershipList {
    state: Rc<ListState>,
}

struct ListState {
    me: Weak<ListState>,
    api: Rc<Client>,
    organization: String,
    /// Which rows it shows (its params are of that kind).
    kind: Kind,
    params: RefCell<Query>,
    pages: RefCell<Pages<Item, JsValue>>,
    /// The JS object of each row shown, by its data, in the order shown.
    rows: RefCell<Vec<(*const Item, JsValue)>>,
    /// The `Organization` object the rows of one organization JSON share.
    organization_js: RefCell<Option<SharedOrganization>>,
    snapshot: RefCell<JsValue>,
    /// What the snapshot showed, to make a new one only on a change.
    shown: RefCell<Option<Shown>>,
    pending: RefCell<(Vec<String>, JsValue)>,
    listeners: OnceCell<Listeners>,
    /// The call of the load in flight, cancelled by the next one.
    in_flight: RefCell<Option<CallSignal>>,
    /// Rows were added to the organization while a load was in flight (`stale`): it may lack them,
    /// so what is shown is fetched again once it settles.
    dirty: Cell<bool>,
    freed: Cell<bool>,
}

/// An organization's data and the one `Organization` object the rows showing it share.
type SharedOrganization = (Rc<OrganizationData>, Rc<OnceCell<JsValue>>);

/// A snapshot's content, compared to tell whether anything changed.
#[derive(PartialEq)]
struct Shown {
    rows: Vec<*const Item>,
    numbers: [u32; 3],
    flags: [bool; 4],
    error: Option<JsValue>,
    pending: JsValue,
}

/// What a page of a list of `kind` is called in messages, and one of its rows.
fn names(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Members => (call::MEMBERS_PAGE, "membership"),
        Kind::Invitations => (call::INVITATIONS_PAGE, "invitation"),
        Kind::Requests => (call::REQUESTS_PAGE, "membership request"),
    }
}

impl MembershipList {
    /// A new list of `organization`'s rows, already loading its first page. `params` is the JS
    /// params object: `query`'s kind's params, with `infinite` (pages accumulate) and
    /// `keepPreviousData` (rows stay while loading).
    pub(crate) fn start(
        api: Rc<Client>,
        organization: String,
        kind: Kind,
        params: &JsValue,
    ) -> Result<JsValue, Error> {
        api.live()?;
        let (params, copy) = read_params(kind, params)?;
        let flag = |key: &str, message: &'static str| match edge::member(&copy, key) {
            value if value.is_undefined() => Ok(false),
            value => value.as_bool().ok_or_else(|| Error::option(message)),
        };
        let infinite = flag("infinite", "params.infinite must be a boolean")?;
        let keep_previous = flag(
            "keepPreviousData",
            "params.keepPreviousData must be a boolean",
        )?;
        // The params the list's fetches will send, checked now so that a bad one throws here.
        endpoint::list(&organization, &params)?;
        let initial = params.initial_page().unwrap_or(1);
        if initial > MAX_PAGE {
            return Err(Error::option(
                "params.initialPage must be a whole number from 1 to 1000000",
            ));
        }
        let pages = Pages::new(&organization, params.page_size(), infinite, keep_previous);
        let state = Rc::new_cyclic(|me| ListState {
            me: me.clone(),
            api,
            organization,
            kind,
            params: RefCell::new(params),
            pages: RefCell::new(pages),
            rows: RefCell::new(Vec::new()),
            organization_js: RefCell::new(None),
            snapshot: RefCell::new(JsValue::NULL),
            shown: RefCell::new(None),
            pending: RefCell::new((Vec::new(), JsValue::NULL)),
            listeners: OnceCell::new(),
            in_flight: RefCell::new(None),
            dirty: Cell::new(false),
            freed: Cell::new(false),
        });
        let observer: Weak<dyn Observer> = Rc::downgrade(&state) as Weak<dyn Observer>;
        state.api.cache.observe(observer);
        let js: JsValue = MembershipList {
            state: state.clone(),
        }
        .into();
        let _ = state.listeners.set(listen(&js));
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
        state.publish_quietly();
        let load = state.with_pages(|p| p.initial(initial));
        let _ = state.load(load, &JsValue::UNDEFINED);
        Ok(js)
    }
}

impl ListState {
    fn with_pages<R>(&self, read: impl FnOnce(&mut Pages<Item, JsValue>) -> R) -> R
    where
        R: Default,
    {
        self.pages
            .try_borrow_mut()
            .map(|mut pages| read(&mut pages))
            .unwrap_or_default()
    }

    fn current(&self) -> JsValue {
        self.snapshot
            .try_borrow()
            .map(|s| s.clone())
            .unwrap_or(JsValue::NULL)
    }

    /// Makes a new snapshot if anything shown changed, and tells every listener.
    fn publish(&self) {
        if self.publish_quietly() {
            if let Some(listeners) = self.listeners.get() {
                notify(listeners);
            }
        }
    }

    /// Makes a new snapshot if anything shown changed; true if it did.
    fn publish_quietly(&self) -> bool {
        let pending = self.pending_ids();
        let Ok(pages) = self.pages.try_borrow() else {
            return false;
        };
        let view = pages.view();
        let shown = Shown {
            rows: view.rows.iter().map(Rc::as_ptr).collect(),
            numbers: [view.total_count, view.page, view.page_count],
            flags: [
                view.has_next_page,
                view.has_previous_page,
                view.is_loading,
                view.is_fetching,
            ],
            error: view.error.cloned(),
            pending: pending.clone(),
        };
        if self
            .shown
            .try_borrow()
            .is_ok_and(|s| s.as_ref() == Some(&shown))
        {
            return false;
        }
        let data = self.row_objects(view.rows);
        let [total_count, page, page_count] = shown.numbers;
        let [next, previous, loading, fetching] = shown.flags;
        // One crossing: list.js makes the frozen object (a key set from Rust is a crossing each).
        let made = snapshot(
            &data,
            total_count,
            page,
            page_count,
            next,
            previous,
            loading,
            fetching,
            shown.error.as_ref().unwrap_or(&JsValue::NULL),
            &pending,
        );
        drop(pages);
        if let Ok(mut current) = self.snapshot.try_borrow_mut() {
            *current = made;
        }
        if let Ok(mut slot) = self.shown.try_borrow_mut() {
            *slot = Some(shown);
        }
        true
    }

    /// The JS objects of `rows`: the same object for the same data, a new one for new data. Rows
    /// mostly keep their order, so each is looked for from where the last one was found.
    fn row_objects(&self, rows: &[Rc<Item>]) -> Array {
        let Ok(mut known) = self.rows.try_borrow_mut() else {
            return Array::new();
        };
        let mut kept = Vec::with_capacity(rows.len());
        let mut cursor = 0;
        let data: Array = rows
            .iter()
            .map(|row| {
                let key = Rc::as_ptr(row);
                let found = known
                    .iter()
                    .enumerate()
                    .skip(cursor)
                    .chain(known.iter().enumerate().take(cursor))
                    .find(|(_, (k, _))| *k == key)
                    .map(|(at, (_, js))| (at, js.clone()));
                let js = match found {
                    Some((at, js)) => {
                        cursor = at + 1;
                        js
                    }
                    None => self.row_object(row.clone()),
                };
                kept.push((key, js.clone()));
                js
            })
            .collect();
        *known = kept;
        data
    }

    /// A row's JS object, always bound to this list's own client: a row never acts with another
    /// client's credentials.
    fn row_object(&self, row: Rc<Item>) -> JsValue {
        let api = self.api.clone();
        let row = match &*row {
            Item::Member(member) => member.clone(),
            Item::Invitation(invitation) => {
                return OrganizationInvitation::js((**invitation).clone(), api)
            }
            Item::Request(request) => {
                return OrganizationMembershipRequest::js((**request).clone(), api)
            }
        };
        let organization_js = match self.organization_js.try_borrow_mut() {
            Ok(mut shared) => match &*shared {
                Some((same, object))
                    if Rc::ptr_eq(same, &row.organization) || **same == *row.organization =>
                {
                    object.clone()
                }
                _ => {
                    let object = Rc::new(OnceCell::new());
                    *shared = Some((row.organization.clone(), object.clone()));
                    object
                }
            },
            Err(_) => Rc::new(OnceCell::new()),
        };
        OrganizationMembership::row(row, api, organization_js)
    }

    /// `pendingIds`: the same frozen array while the ids are the same.
    fn pending_ids(&self) -> JsValue {
        let ids = self.api.cache.pending_ids(&self.organization, self.kind);
        let Ok(mut pending) = self.pending.try_borrow_mut() else {
            return JsValue::NULL;
        };
        if pending.1.is_null() || pending.0 != ids {
            let array: Array = ids.iter().map(|id| JsValue::from(id.as_str())).collect();
            *pending = (ids, Object::freeze(&array).into());
        }
        pending.1.clone()
    }

    /// Starts `load`, superseding the one in flight; resolves to the snapshot it made.
    fn load(&self, load: Load, options: &JsValue) -> Promise {
        if self.freed.get() {
            return call::reject(Error::Freed("MembershipList"));
        }
        if let Err(error) = self.api.live() {
            return call::reject(error);
        }
        let call = match call::signal(options)
            .and_then(|caller| CallSignal::start(&caller, self.api.settings.timeout_ms))
        {
            Ok(call) => call,
            Err(Error::Aborted) => return Promise::resolve(&self.current()),
            Err(error) => return call::reject(error),
        };
        if let Ok(mut in_flight) = self.in_flight.try_borrow_mut() {
            if let Some(previous) = in_flight.replace(call.clone()) {
                previous.cancel();
            }
        }
        let Ok(params) = self.params.try_borrow().map(|p| p.clone()) else {
            return call::reject(Error::Internal("list busy"));
        };
        let seq = self.with_pages(|pages| pages.start(load));
        // A load started now fetches after any addition: nothing older is left to correct.
        self.dirty.set(false);
        self.preview(seq, load, &params);
        let (list, api, organization) =
            (self.me.clone(), self.api.clone(), self.organization.clone());
        let promise = call::spawn(Box::pin(async move {
            // A list dropped or freed meanwhile sends nothing more.
            let alive = || list.upgrade().is_some_and(|state| !state.freed.get());
            let outcome = pages::fetch(&api, &organization, load, &params, &call, &alive).await;
            call.release();
            // A list dropped meanwhile resolves to nothing: nobody can read it.
            let Some(state) = list.upgrade() else {
                return Ok(JsValue::UNDEFINED);
            };
            state.settle(seq, outcome);
            Ok(state.current())
        }));
        self.publish();
        promise
    }

    /// Starts `load`, or, with nothing to load (past the last page, before the first), resolves to
    /// the snapshot as it is; a freed list rejects with `freed` either way.
    fn load_or_stay(&self, load: Option<Load>, options: &JsValue) -> Promise {
        match load {
            Some(load) => self.load(load, options),
            None if self.freed.get() => call::reject(Error::Freed("MembershipList")),
            None => Promise::resolve(&self.current()),
        }
    }

    /// Shows the cached pages of `load` at once, if the client has them all; the load goes on.
    fn preview(&self, seq: u32, load: Load, params: &Query) {
        if load.append {
            return;
        }
        let mut rows = Vec::new();
        for page in load.first..=load.last.min(load.first.saturating_add(50)) {
            let key = PageKey::new(&self.organization, params, page);
            let Some(cached) = self.api.cache.page(&key) else {
                return;
            };
            rows.extend(cached.rows.iter().cloned());
            let (total_count, size) = (cached.total_count, params.page_size());
            if !load.continues(page, cached.rows.len(), total_count, size) {
                self.with_pages(|pages| pages.preview(seq, rows, total_count, page));
                return;
            }
        }
    }

    /// Takes the outcome of load `seq`, unless a newer load started since.
    fn settle(&self, seq: u32, outcome: pages::Fetched) {
        let newest = self.with_pages(|pages| pages.is_newest(seq));
        if !newest || self.freed.get() {
            return;
        }
        if let Ok(mut in_flight) = self.in_flight.try_borrow_mut() {
            *in_flight = None;
        }
        self.with_pages(|pages| match outcome {
            Ok((rows, total_count, last)) => {
                if let Err(foreign) = pages.answer(seq, rows, total_count, last) {
                    let (what, row) = names(self.kind);
                    let error = Error::response(
                        what,
                        format!(
                            "{row} {} is not of organization {}",
                            foreign.id, self.organization
                        ),
                    );
                    pages.fail(seq, Failure::from(error).into_js());
                }
            }
            // The caller's abort is not an error of the list: its last state stands.
            Err(Failure::Runtime(Error::Aborted)) => pages.abort(seq),
            Err(failure) => pages.fail(seq, failure.into_js()),
        });
        self.publish();
        if self.dirty.replace(false) {
            self.refill();
        }
    }

    /// Fetches what is shown again after a mutation changed which rows belong on it, unless a load
    /// in flight (which the cache corrects: Cache::reconcile) will show what was asked for.
    fn refill(&self) {
        let idle = self.with_pages(|pages| !pages.view().is_fetching);
        if idle && self.can_load() {
            let load = self.with_pages(|pages| pages.revalidate());
            let _ = self.load(load, &JsValue::UNDEFINED);
        }
    }

    /// A load in flight is fetched again once it settles (its answer may lack a row added meanwhile,
    /// or count one that a mutation took out of it); false when none is in flight.
    fn refill_when_settled(&self) -> bool {
        let fetching = self.with_pages(|pages| pages.view().is_fetching);
        if fetching {
            self.dirty.set(true);
        }
        fetching
    }

    /// Cancels the load in flight, if any.
    fn cancel(&self) {
        if let Ok(mut in_flight) = self.in_flight.try_borrow_mut() {
            if let Some(call) = in_flight.take() {
                call.cancel();
            }
        }
    }

    /// Whether a load the list starts by itself (a refill, a reload) can run: its rejection would
    /// reach no one.
    fn can_load(&self) -> bool {
        !self.freed.get() && self.api.live().is_ok()
    }
}

/// A list's JS params as its kind's params, and the plain copy of the object read (for the flags).
fn read_params(kind: Kind, params: &JsValue) -> Result<(Query, JsValue), Error> {
    Ok(match kind {
        Kind::Members => {
            let (params, copy) = edge::options::<ListParams>(params, "params")?;
            (Query::Members(params), copy)
        }
        Kind::Invitations | Kind::Requests => {
            let (params, copy) = edge::options::<StatusListParams>(params, "params")?;
            match kind {
                Kind::Invitations => (Query::Invitations(params), copy),
                _ => (Query::Requests(params), copy),
            }
        }
    })
}

impl Drop for ListState {
    /// Collected: the page it waits for is cancelled too, unless another list waits for it.
    fn drop(&mut self) {
        self.cancel();
    }
}

impl Observer for ListState {
    fn organization(&self) -> &str {
        &self.organization
    }

    fn kind(&self) -> Kind {
        self.kind
    }

    fn changed(&self, data: &Rc<Item>) {
        // A row whose new role or status is outside the list's filter leaves it: fetch again.
        let excluded = self.params.try_borrow().is_ok_and(|p| p.excludes(data));
        if self.with_pages(|pages| pages.changed(data)) {
            self.publish();
            if excluded {
                self.refill();
            }
        } else if excluded {
            // Not shown, but maybe on the page in flight: the cache drops it from that answer
            // (Cache::reconcile), whose count then is one too many. Fetched again once it settles.
            self.refill_when_settled();
        }
    }

    fn removed(&self, id: &str) {
        if self.with_pages(|pages| pages.removed(id)) {
            self.publish();
            // The page refills from the next one.
            self.refill();
        } else {
            // As for a change the filter excludes: the page in flight may have held it.
            self.refill_when_settled();
        }
    }

    fn pending(&self) {
        self.publish();
    }

    fn stale(&self) {
        if !self.refill_when_settled() {
            self.refill();
        }
    }

    fn reset(&self) {
        // Rows of the old session go in any case; what was asked for last loads again.
        let load = self.with_pages(|pages| pages.reset());
        if self.can_load() {
            let _ = self.load(load, &JsValue::UNDEFINED);
        } else {
            self.publish();
        }
    }
}

#[wasm_bindgen]
impl MembershipList {
    /// The current state: a frozen `{ data, totalCount, page, pageCount, hasNextPage,
    /// hasPreviousPage, isLoading, isFetching, error, pendingIds }`, the same object until something changes.
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
        let listeners = self
            .state
            .listeners
            .get()
            .ok_or(Error::Internal("list without listeners"))?;
        subscribe(listeners, &listener)
            .map_err(|_| Error::option("subscribe(listener) takes a function").into())
    }

    /// The next page (appended to `data` in an infinite list); nothing to fetch past the last page.
    #[wasm_bindgen(js_name = fetchNext, unchecked_return_type = "Promise<MembershipListSnapshot>")]
    pub fn fetch_next(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let load = self.state.with_pages(|pages| Some(pages.next())).flatten();
        self.state.load_or_stay(load, &options)
    }

    /// The previous page (nothing in an infinite list, or on the first page).
    #[wasm_bindgen(js_name = fetchPrevious, unchecked_return_type = "Promise<MembershipListSnapshot>")]
    pub fn fetch_previous(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let load = self
            .state
            .with_pages(|pages| Some(pages.previous()))
            .flatten();
        self.state.load_or_stay(load, &options)
    }

    /// Page `page` (from 1); in an infinite list, pages 1 to `page` (at most to the last page).
    #[wasm_bindgen(js_name = fetchPage, unchecked_return_type = "Promise<MembershipListSnapshot>")]
    pub fn fetch_page(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] page: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let page = match page
            .as_f64()
            .filter(|n| n.fract() == 0.0 && *n >= 1.0 && *n <= f64::from(MAX_PAGE))
        {
            Some(page) => page as u32,
            None => {
                return call::reject(Error::option("fetchPage(page) takes a whole number from 1"))
            }
        };
        let load = self.state.with_pages(|pages| pages.goto(page));
        self.state.load(load, &options)
    }

    /// Fetches what is shown again (every loaded page of an infinite list).
    #[wasm_bindgen(unchecked_return_type = "Promise<MembershipListSnapshot>")]
    pub fn revalidate(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let load = self.state.with_pages(|pages| pages.revalidate());
        self.state.load(load, &options)
    }

    /// Changes the search `query`, the `role` filter or `pageSize` (a key given as `undefined` clears it;
    /// a key left out stays), and starts again from page 1.
    #[wasm_bindgen(js_name = setParams, unchecked_return_type = "Promise<MembershipListSnapshot>")]
    pub fn set_params(
        &self,
        #[wasm_bindgen(
            unchecked_param_type = "Omit<MembershipListParams, 'infinite' | 'initialPage' | 'keepPreviousData'>"
        )]
        params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let (partial, copy) = match read_params(self.state.kind, &params) {
            Ok(read) => read,
            Err(error) => return call::reject(error),
        };
        let Ok(mut current) = self.state.params.try_borrow_mut() else {
            return call::reject(Error::Internal("list busy"));
        };
        // A key given (even as undefined or null, as "All roles" would) replaces; a key left out keeps
        // the current value. The copy is our own plain object: asking it runs no code of the caller's.
        let given = |key: &str| js_sys::Reflect::has(&copy, &key.into()).unwrap_or(false);
        let next = current.merged(partial, &given);
        // The params its fetches will send, checked now so that a bad one rejects here.
        if let Err(error) = endpoint::list(&self.state.organization, &next) {
            return call::reject(error);
        }
        let size = next.page_size();
        *current = next;
        drop(current);
        let load = self.state.with_pages(|pages| pages.params(size));
        self.state.load(load, &options)
    }

    /// Stops the list: the fetch in flight is cancelled, listeners are dropped, later fetches are `freed`.
    #[wasm_bindgen(js_name = free)]
    pub fn release(&self) {
        self.state.freed.set(true);
        self.state.cancel();
        if let Some(listeners) = self.state.listeners.get() {
            clear(listeners);
        }
        // No fetch is in flight any more: the last snapshot says so.
        self.state.with_pages(|pages| pages.stop());
        self.state.publish_quietly();
    }
}
