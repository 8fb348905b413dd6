//! What a client (`FrontendApi`) knows of its lists, below the classes (as TanStack Query's cache
//! belongs to one client, and clerk-js's membership updates hang off the one Clerk instance):
//!
//! - **Pages.** The answers of list fetches, by organization, params and page, so that a list made
//!   later shows them at once; and the fetches in flight, so that lists on the same params share one.
//! - **Lists.** Every live list of the client ([`Observer`], held weakly: a dropped list goes).
//! - **Mutations.** Which rows have a mutation in flight (`pendingIds`: a membership's `update()` or
//!   `destroy()`, an invitation's `revoke()`, a request's `accept()` or `reject()`), and where a
//!   finished one goes: to this client's lists, and as data only to the lists of other clients of
//!   the same Frontend API (same `baseUrl`). A list's rows are always bound to its own client:
//!   nothing here hands a client to a list.
//!
//! Every list is one of three kinds ([`Kind`]: members, invitations, requests), and its rows are
//! [`Item`]s: one cache and one mutation log for the three.
//! - **Sessions.** A new session id empties the cache and makes every list load again.

use core::cell::{Cell, OnceCell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::Promise;
use wasm_bindgen::JsValue;

use crate::fapi::options::Query;
use crate::fapi::transport::{CallSignal, Client};
use crate::model::fields::Stamp;
use crate::model::pagination::{Recent, Row};
use crate::model::{Item, Kind, Membership};

/// The most pages a client keeps; the oldest go first.
const MAX_PAGES: usize = 256;

/// The most recent mutations a client remembers, to correct answers fetched before them.
const MAX_RECENT: usize = 256;

/// Which page of which list: organization, kind and params (the page as `initialPage`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageKey {
    organization: String,
    query: Query,
}

impl PageKey {
    /// The key of page `page` of `organization`'s rows asked for with `query`.
    pub fn new(organization: &str, query: &Query, page: u32) -> PageKey {
        PageKey {
            organization: organization.to_owned(),
            query: query.at_page(page),
        }
    }

    /// The organization id.
    pub fn organization(&self) -> &str {
        &self.organization
    }

    /// The params to send (with the page as `initialPage`).
    pub fn query(&self) -> &Query {
        &self.query
    }

    fn of(&self, organization: &str, kind: Kind) -> bool {
        self.organization == organization && self.query.kind() == kind
    }
}

/// One page's answer: its rows and the size of the whole list.
#[derive(Debug)]
pub struct CachedPage {
    /// The rows, shared with the lists showing them.
    pub rows: Vec<Rc<Item>>,
    /// `total_count` of the answer.
    pub total_count: u32,
}

/// A fetch of a page in flight, shared by the lists that wait for it.
pub struct Shared {
    /// Resolves (never rejects) when the fetch ends; its outcome is then in `outcome`.
    pub done: OnceCell<Promise>,
    /// The page, or the JS error the fetch failed with.
    pub outcome: RefCell<Option<Result<Rc<CachedPage>, JsValue>>>,
    /// The fetch's own call, cancelled when its last waiter leaves.
    pub call: CallSignal,
    /// Set when rows were added to its organization meanwhile: its page is not kept (it may lack them).
    pub stale: Cell<bool>,
    waiters: Cell<u32>,
}

impl Shared {
    /// A fetch in flight on `call`; `done` is set once its future runs.
    pub fn new(call: CallSignal) -> Shared {
        Shared {
            done: OnceCell::new(),
            outcome: RefCell::new(None),
            call,
            stale: Cell::new(false),
            waiters: Cell::new(0),
        }
    }
}

/// A live list, as the cache tells it what happened.
pub trait Observer {
    /// The list's organization (mutations reach only its lists).
    fn organization(&self) -> &str;
    /// Which rows it shows.
    fn kind(&self) -> Kind;
    /// A row changed: show `data` where the list shows it (bound to the list's own client).
    fn changed(&self, data: &Rc<Item>);
    /// A row was removed.
    fn removed(&self, id: &str);
    /// The rows with a mutation in flight changed.
    fn pending(&self);
    /// The session changed: forget every row and load again.
    fn reset(&self);
    /// Rows were added to the list's organization, or left it in a way the list cannot place (a
    /// member added, a request or an invitation accepted, the user left, invitations sent): fetch
    /// what is shown again.
    fn stale(&self);
}

/// A client's pages, fetches in flight, lists and mutations in flight.
pub struct Cache {
    /// Bumped by a session change: an answer to an older session is not kept.
    generation: Cell<u32>,
    pages: RefCell<Vec<(PageKey, Rc<CachedPage>)>>,
    in_flight: RefCell<Vec<(PageKey, u32, Rc<Shared>)>>,
    lists: RefCell<Vec<Weak<dyn Observer>>>,
    /// Row id, organization id and kind, calls in flight.
    pending: RefCell<Vec<(String, String, Kind, u32)>>,
    /// The newest answer of each recent mutation (`Some`) or removal (`None`), by row id: a page
    /// fetched before it finished must not bring back the old role or status, or the removed member.
    recent: RefCell<Recent<Item>>,
    /// What this client learned of pending invitation counts, in stamp order: a pending-invitations
    /// page (a count, as of when it was asked for), an invitation sent, revoked or accepted (a
    /// change). `Organization.pendingInvitationsCount` is its JSON's count with what was learned
    /// after it was read.
    invitations: RefCell<Vec<Learned>>,
}

/// One thing a client learned of an organization's pending invitations.
struct Learned {
    stamp: u64,
    organization: String,
    count: Count,
}

enum Count {
    /// The count was this (a page of pending invitations).
    Is(u32),
    /// The count changed by this (invitations sent, or one revoked or accepted).
    Moved(i64),
}

/// The most events kept per client: an organization read before the oldest one shows its JSON's
/// count with the changes still known.
const MAX_LEARNED: usize = 256;

impl Default for Cache {
    fn default() -> Cache {
        Cache {
            generation: Cell::new(0),
            pages: RefCell::default(),
            in_flight: RefCell::default(),
            lists: RefCell::default(),
            pending: RefCell::default(),
            recent: RefCell::new(Recent::new(MAX_RECENT)),
            invitations: RefCell::default(),
        }
    }
}

impl Cache {
    /// The generation fetches started now belong to.
    pub fn generation(&self) -> u32 {
        self.generation.get()
    }

    /// The cached answer of `key`.
    pub fn page(&self, key: &PageKey) -> Option<Rc<CachedPage>> {
        let pages = self.pages.try_borrow().ok()?;
        pages.iter().find(|(k, _)| k == key).map(|(_, p)| p.clone())
    }

    /// Keeps the answer of `key`, fetched in `generation`.
    pub fn store(&self, key: PageKey, generation: u32, page: Rc<CachedPage>) {
        if generation != self.generation.get() {
            return;
        }
        if let Ok(mut pages) = self.pages.try_borrow_mut() {
            pages.retain(|(k, _)| *k != key);
            if pages.len() >= MAX_PAGES {
                pages.remove(0);
            }
            pages.push((key, page));
        }
    }

    /// The fetch of `key` in flight, joined (call [`Cache::leave`] when done waiting).
    pub fn join(&self, key: &PageKey) -> Option<Rc<Shared>> {
        let in_flight = self.in_flight.try_borrow().ok()?;
        let generation = self.generation.get();
        let (_, _, shared) = in_flight
            .iter()
            .find(|(k, g, _)| k == key && *g == generation)?;
        shared.waiters.set(shared.waiters.get() + 1);
        Some(shared.clone())
    }

    /// Records a new fetch of `key` in flight, joined by its starter.
    pub fn begin_fetch(&self, key: PageKey, shared: &Rc<Shared>) {
        shared.waiters.set(shared.waiters.get() + 1);
        if let Ok(mut in_flight) = self.in_flight.try_borrow_mut() {
            in_flight.push((key, self.generation.get(), shared.clone()));
        }
    }

    /// A fetch finished: it is no longer joined.
    pub fn end_fetch(&self, shared: &Rc<Shared>) {
        if let Ok(mut in_flight) = self.in_flight.try_borrow_mut() {
            in_flight.retain(|(_, _, s)| !Rc::ptr_eq(s, shared));
        }
    }

    /// A waiter stopped waiting; the last one to leave an unfinished fetch cancels it.
    pub fn leave(&self, shared: &Rc<Shared>) {
        let left = shared.waiters.get().saturating_sub(1);
        shared.waiters.set(left);
        let finished = shared.outcome.try_borrow().map_or(true, |o| o.is_some());
        if left == 0 && !finished {
            self.end_fetch(shared);
            shared.call.cancel();
        }
    }

    /// Adds a live list.
    pub fn observe(&self, list: Weak<dyn Observer>) {
        if let Ok(mut lists) = self.lists.try_borrow_mut() {
            lists.retain(|list| list.strong_count() > 0);
            lists.push(list);
        }
    }

    /// The live lists of `organization` showing rows of `kind`.
    fn lists_of(&self, organization: &str, kind: Kind) -> Vec<Rc<dyn Observer>> {
        let mut lists = self.lists();
        lists.retain(|list| list.organization() == organization && list.kind() == kind);
        lists
    }

    /// The live lists (dead entries are dropped on the way).
    fn lists(&self) -> Vec<Rc<dyn Observer>> {
        self.lists
            .try_borrow_mut()
            .map(|mut lists| {
                lists.retain(|list| list.strong_count() > 0);
                lists.iter().filter_map(Weak::upgrade).collect()
            })
            .unwrap_or_default()
    }

    /// The ids of `organization`'s rows of `kind` with a mutation in flight, in the order they began.
    pub fn pending_ids(&self, organization: &str, kind: Kind) -> Vec<String> {
        self.pending
            .try_borrow()
            .map(|pending| {
                pending
                    .iter()
                    .filter(|(_, org, k, _)| org == organization && *k == kind)
                    .map(|(id, _, _, _)| id.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn mark(&self, id: &str, organization: &str, kind: Kind, begin: bool) {
        let Ok(mut pending) = self.pending.try_borrow_mut() else {
            return;
        };
        match (pending.iter_mut().find(|(known, ..)| known == id), begin) {
            (Some((.., calls)), true) => *calls += 1,
            (Some((.., calls)), false) => *calls -= 1,
            (None, true) => pending.push((id.to_owned(), organization.to_owned(), kind, 1)),
            (None, false) => return,
        }
        pending.retain(|(.., calls)| *calls > 0);
        drop(pending);
        for list in self.lists_of(organization, kind) {
            list.pending();
        }
    }

    /// `rows` of a page answer asked for with `query`, corrected by the mutations that finished
    /// since it may have been fetched (`Recent::reconcile`).
    pub fn reconcile(&self, rows: Vec<Rc<Item>>, query: &Query) -> Vec<Rc<Item>> {
        match self.recent.try_borrow() {
            Ok(recent) => recent.reconcile(rows, &|row| query.excludes(row)),
            Err(_) => rows,
        }
    }

    /// Remembers a mutation's outcome; false when an answer at least as new is already known.
    fn remember(&self, id: &str, outcome: Option<Rc<Item>>) -> bool {
        self.recent
            .try_borrow_mut()
            .map_or(true, |mut recent| recent.remember(id, outcome))
    }

    /// Empties the cache (a new session): answers in flight are not kept; every list loads again.
    pub fn reset(&self) {
        self.generation.set(self.generation.get().wrapping_add(1));
        if let Ok(mut pages) = self.pages.try_borrow_mut() {
            pages.clear();
        }
        if let Ok(mut recent) = self.recent.try_borrow_mut() {
            recent.clear();
        }
        if let Ok(mut invitations) = self.invitations.try_borrow_mut() {
            invitations.clear();
        }
        let in_flight = self
            .in_flight
            .try_borrow_mut()
            .map(|mut f| core::mem::take(&mut *f))
            .unwrap_or_default();
        for (_, _, shared) in in_flight {
            shared.call.cancel();
        }
        for list in self.lists() {
            list.reset();
        }
    }

    /// The pending invitations count of `organization` for an object read at `received` with
    /// `count`: the last count learned since, plus the changes learned after that.
    pub fn pending_invitations(&self, organization: &str, count: u32, received: Stamp) -> u32 {
        let Ok(learned) = self.invitations.try_borrow() else {
            return count;
        };
        let mut now = i64::from(count);
        for event in learned
            .iter()
            .filter(|e| e.stamp > received.0 && e.organization == organization)
        {
            match event.count {
                Count::Is(count) => now = i64::from(count),
                Count::Moved(by) => now += by,
            }
        }
        now.clamp(0, i64::from(u32::MAX)) as u32
    }

    /// Records what was learned, in stamp order.
    fn learn(&self, organization: &str, stamp: Stamp, count: Count) {
        if let Ok(mut learned) = self.invitations.try_borrow_mut() {
            if learned.len() >= MAX_LEARNED {
                learned.remove(0);
            }
            let at = learned.partition_point(|e| e.stamp <= stamp.0);
            learned.insert(
                at,
                Learned {
                    stamp: stamp.0,
                    organization: organization.to_owned(),
                    count,
                },
            );
        }
    }

    /// A page of `organization`'s pending invitations asked for at `asked` counted `count`.
    pub fn pending_invitations_were(&self, organization: &str, count: u32, asked: Stamp) {
        self.learn(organization, asked, Count::Is(count));
    }

    /// Drops the pages of `organization`'s lists of `kind` and has those lists fetch what they show
    /// again. Their fetches in flight are no longer joined, and their pages are not kept: they may
    /// have started before.
    fn stale(&self, organization: &str, kind: Kind) {
        if let Ok(mut pages) = self.pages.try_borrow_mut() {
            pages.retain(|(key, _)| !key.of(organization, kind));
        }
        if let Ok(mut in_flight) = self.in_flight.try_borrow_mut() {
            in_flight.retain(|(key, _, shared)| {
                let ours = key.of(organization, kind);
                if ours {
                    shared.stale.set(true);
                }
                !ours
            });
        }
        for list in self.lists_of(organization, kind) {
            list.stale();
        }
    }

    fn changed(&self, data: &Rc<Item>) {
        let id = data.id();
        // An older answer (of concurrent updates) never replaces a newer one.
        if !self.remember(id, Some(data.clone())) {
            return;
        }
        if let Ok(mut pages) = self.pages.try_borrow_mut() {
            // A filtered page that no longer holds the new role or status is fetched again when shown.
            pages.retain(|(key, page)| {
                !key.query.excludes(data) || !page.rows.iter().any(|row| row.id() == id)
            });
            for (_, page) in pages.iter_mut() {
                if page.rows.iter().any(|row| row.id() == id) {
                    let rows = page
                        .rows
                        .iter()
                        .map(|row| {
                            if row.id() == id {
                                data.clone()
                            } else {
                                row.clone()
                            }
                        })
                        .collect();
                    *page = Rc::new(CachedPage {
                        rows,
                        total_count: page.total_count,
                    });
                }
            }
        }
        for list in self.lists_of(data.organization_id(), data.kind()) {
            list.changed(data);
        }
    }

    fn removed(&self, data: &Membership) {
        self.remember(data.id.as_str(), None);
        let organization = data.organization.id.as_str();
        // Every page of that organization's members shifts: they are fetched again when next shown.
        if let Ok(mut pages) = self.pages.try_borrow_mut() {
            pages.retain(|(key, _)| !key.of(organization, Kind::Members));
        }
        for list in self.lists_of(organization, Kind::Members) {
            list.removed(data.id.as_str());
        }
    }
}

thread_local! {
    // Every client, so that a mutation reaches the lists of other clients of the same Frontend API.
    static CLIENTS: RefCell<Vec<Weak<Client>>> = const { RefCell::new(Vec::new()) };
}

/// Records a new client.
pub fn register(client: &Rc<Client>) {
    CLIENTS.with(|clients| {
        if let Ok(mut clients) = clients.try_borrow_mut() {
            clients.retain(|client| client.strong_count() > 0);
            clients.push(Rc::downgrade(client));
        }
    });
}

/// The clients of the Frontend API at `base_url`, `origin` first.
fn clients_of(origin: &Rc<Client>) -> Vec<Rc<Client>> {
    let base_url = &origin.settings.config.base_url;
    let mut found = vec![origin.clone()];
    CLIENTS.with(|clients| {
        if let Ok(clients) = clients.try_borrow() {
            found.extend(
                clients
                    .iter()
                    .filter_map(Weak::upgrade)
                    .filter(|c| !Rc::ptr_eq(c, origin) && c.settings.config.base_url == *base_url),
            );
        }
    });
    found
}

/// Rows of `kind` were added to `organization` through `client` (members added, invitations sent),
/// or left it in a way lists cannot place: the lists of `kind` of every client of the same Frontend
/// API fetch what they show again.
pub fn stale(client: &Rc<Client>, organization: &str, kind: Kind) {
    for client in clients_of(client) {
        client.cache.stale(organization, kind);
    }
}

/// Invitations of `organization` were sent (`delta` > 0), or revoked or accepted (`delta` < 0),
/// through `client`: every client of the same Frontend API counts them.
pub fn invitations_changed(client: &Rc<Client>, organization: &str, delta: i64) {
    let stamp = Stamp::next();
    for client in clients_of(client) {
        client.cache.learn(organization, stamp, Count::Moved(delta));
    }
}

/// A mutation of row `id` through `client`, in flight while this lives (`pendingIds`).
pub struct Mutation {
    client: Rc<Client>,
    id: String,
    organization: String,
    kind: Kind,
}

impl Mutation {
    /// Marks `id` (a row of `kind` of `organization`) as having a mutation in flight through `client`.
    pub fn begin(client: &Rc<Client>, id: &str, organization: &str, kind: Kind) -> Mutation {
        client.cache.mark(id, organization, kind, true);
        Mutation {
            client: client.clone(),
            id: id.to_owned(),
            organization: organization.to_owned(),
            kind,
        }
    }

    /// `update()` answered `data`: every list of the same Frontend API showing it shows the answer.
    pub fn changed(&self, data: &Membership) {
        changed(&self.client, Item::Member(Rc::new(data.clone())));
    }

    /// `destroy()` answered: every list of the same Frontend API showing it drops the row.
    pub fn removed(&self, data: &Membership) {
        removed(&self.client, data);
    }
}

/// A row changed through `client` (`update()`, `updateMember()`, `revoke()`, a request answered):
/// every list of the same Frontend API showing it shows `data`.
pub fn changed(client: &Rc<Client>, data: Item) {
    let data = Rc::new(data);
    for client in clients_of(client) {
        client.cache.changed(&data);
    }
}

/// A membership was removed through `client` (`destroy()`, `removeMember()`): every list of the
/// same Frontend API showing it drops the row.
pub fn removed(client: &Rc<Client>, data: &Membership) {
    for client in clients_of(client) {
        client.cache.removed(data);
    }
}

impl Drop for Mutation {
    fn drop(&mut self) {
        self.client
            .cache
            .mark(&self.id, &self.organization, self.kind, false);
    }
}
