//! The state machine of a live, paginated list (`membershipList()`), pure and host-tested: loads
//! start, answers, failures and aborts arrive in any order, mutations come in, and [`Pages::view`]
//! says what a snapshot shows. No JS here: `js::list` turns a view into a snapshot and runs the
//! fetches that [`Pages::start`] plans.
//!
//! Rules (README › A live members list):
//! - Only the newest load's outcome counts; an older one is dropped (`seq`).
//! - A page answer of another organization is refused; a row appears once, at its latest position.
//! - A failure or an abort keeps the last good rows (a failure also sets the error).
//! - An infinite list loads pages `1..=n` and stops at the first short page or at the page count.
//! - While a load that moves (another page, other params) is in flight, the rows shown are the
//!   previous ones with `keep_previous`, else none (a placeholder), as Clerk's `keepPreviousData`.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// The highest page a list loads: `initialPage` and `fetchPage(n)` are refused above it.
pub const MAX_PAGE: u32 = 1_000_000;

/// What a row of a list is: an id, in an organization.
pub trait Row {
    /// The row's id (a membership id).
    fn id(&self) -> &str;
    /// The organization the row belongs to.
    fn organization_id(&self) -> &str;
    /// When the row last changed: an older version never replaces a newer one.
    fn version(&self) -> i64;
}

/// A load: pages `first..=last`, appended to the rows or replacing them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Load {
    /// The first page fetched.
    pub first: u32,
    /// The last page fetched (fewer when an infinite list ends sooner).
    pub last: u32,
    /// Whether the pages are appended to the rows shown (an infinite list's next page).
    pub append: bool,
    /// Whether the rows shown stop being what this load will show (another page or params).
    pub moves: bool,
}

impl Load {
    /// Whether to fetch the page after `page`, whose answer held `len` rows of `total` in all.
    pub fn continues(&self, page: u32, len: usize, total: u32, page_size: u32) -> bool {
        page < self.last && len >= page_size as usize && page < total.div_ceil(page_size.max(1))
    }
}

/// Why a page answer was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignRow {
    /// The id of the first row of another organization.
    pub id: String,
}

/// A live list's state.
#[derive(Debug, Clone)]
pub struct Pages<R, E> {
    organization: String,
    /// Rows per page (from 1).
    pub page_size: u32,
    /// `fetchNext` appends pages.
    pub infinite: bool,
    /// A moving load keeps the rows shown until it answers.
    pub keep_previous: bool,
    rows: Vec<Rc<R>>,
    total_count: u32,
    page: u32,
    loaded: bool,
    error: Option<E>,
    newest: u32,
    pending: Option<(u32, Load)>,
    /// The rows shown are already those of the load in flight (cached pages, [`Pages::preview`]).
    previewed: bool,
}

/// What a snapshot shows.
#[derive(Debug, Clone, PartialEq)]
pub struct View<'a, R, E> {
    /// The rows shown.
    pub rows: &'a [Rc<R>],
    /// How many rows match, on every page.
    pub total_count: u32,
    /// The page shown (infinite: the pages loaded); 0 before the first answer.
    pub page: u32,
    /// How many pages there are.
    pub page_count: u32,
    /// `page < page_count`.
    pub has_next_page: bool,
    /// Not infinite, and `page > 1`.
    pub has_previous_page: bool,
    /// A load is in flight and no rows can be shown yet.
    pub is_loading: bool,
    /// A load is in flight.
    pub is_fetching: bool,
    /// Why the last load failed.
    pub error: Option<&'a E>,
}

impl<R: Row + PartialEq, E: Clone> Pages<R, E> {
    /// A list of `organization`'s rows, nothing loaded.
    pub fn new(organization: &str, page_size: u32, infinite: bool, keep_previous: bool) -> Self {
        Pages {
            organization: organization.to_owned(),
            page_size: page_size.max(1),
            infinite,
            keep_previous,
            rows: Vec::new(),
            total_count: 0,
            page: 0,
            loaded: false,
            error: None,
            newest: 0,
            pending: None,
            previewed: false,
        }
    }

    /// The page shown (0 before the first answer).
    pub fn page(&self) -> u32 {
        self.page
    }

    /// How many pages there are.
    pub fn page_count(&self) -> u32 {
        self.total_count.div_ceil(self.page_size)
    }

    /// Whether a first answer came.
    pub fn loaded(&self) -> bool {
        self.loaded
    }

    /// The load of the first page(s): `initial` (infinite: pages 1 to `initial`).
    pub fn initial(&self, initial: u32) -> Load {
        let initial = initial.clamp(1, MAX_PAGE);
        let first = if self.infinite { 1 } else { initial };
        Load {
            first,
            last: initial,
            append: false,
            moves: true,
        }
    }

    /// The next page, or `None` past the last one.
    pub fn next(&self) -> Option<Load> {
        if self.loaded && self.page >= self.page_count() {
            return None;
        }
        let page = self.page.saturating_add(1).min(MAX_PAGE);
        Some(Load {
            first: page,
            last: page,
            append: self.infinite,
            moves: !self.infinite,
        })
    }

    /// The previous page, or `None` (infinite, or on the first page).
    pub fn previous(&self) -> Option<Load> {
        if self.infinite || self.page <= 1 {
            return None;
        }
        Some(Load {
            first: self.page - 1,
            last: self.page - 1,
            append: false,
            moves: true,
        })
    }

    /// Page `page` (infinite: pages 1 to `page`, at most to the page count once known).
    pub fn goto(&self, page: u32) -> Load {
        let page = page.clamp(1, MAX_PAGE);
        if self.infinite {
            let last = if self.loaded {
                page.min(self.page_count().max(1))
            } else {
                page
            };
            Load {
                first: 1,
                last,
                append: false,
                moves: last != self.page,
            }
        } else {
            Load {
                first: page,
                last: page,
                append: false,
                moves: page != self.page,
            }
        }
    }

    /// What is shown, again (every loaded page of an infinite list).
    pub fn revalidate(&self) -> Load {
        let page = self.page.max(1);
        let first = if self.infinite { 1 } else { page };
        Load {
            first,
            last: page,
            append: false,
            moves: !self.loaded,
        }
    }

    /// New params: page 1 again.
    pub fn params(&mut self, page_size: u32) -> Load {
        self.page_size = page_size.max(1);
        Load {
            first: 1,
            last: 1,
            append: false,
            moves: true,
        }
    }

    /// Starts `load`; returns its sequence number. Any load in flight is superseded.
    pub fn start(&mut self, load: Load) -> u32 {
        self.newest = self.newest.wrapping_add(1);
        self.pending = Some((self.newest, load));
        self.previewed = false;
        self.newest
    }

    /// Whether `seq` is the load in flight.
    pub fn is_newest(&self, seq: u32) -> bool {
        matches!(self.pending, Some((newest, _)) if newest == seq)
    }

    /// Shows cached pages for the load in flight `seq` at once; it goes on (revalidating).
    pub fn preview(&mut self, seq: u32, rows: Vec<Rc<R>>, total_count: u32, page: u32) {
        if self.is_newest(seq) && self.own(&rows).is_ok() {
            self.show(rows, total_count, page, false);
            self.previewed = true;
        }
    }

    /// The answer of load `seq`: the rows of its pages, in order, and the last page fetched.
    /// Dropped unless `seq` is the load in flight; refused if a row is of another organization.
    pub fn answer(
        &mut self,
        seq: u32,
        rows: Vec<Rc<R>>,
        total_count: u32,
        last_page: u32,
    ) -> Result<(), ForeignRow> {
        let Some((_, load)) = self.pending.filter(|(newest, _)| *newest == seq) else {
            return Ok(());
        };
        self.own(&rows)?;
        self.pending = None;
        self.error = None;
        self.show(rows, total_count, last_page, load.append);
        Ok(())
    }

    /// Load `seq` failed: the last good rows stay, with `error`.
    pub fn fail(&mut self, seq: u32, error: E) {
        if self.is_newest(seq) {
            self.pending = None;
            self.error = Some(error);
        }
    }

    /// Load `seq` was aborted by its caller: the last state stands.
    pub fn abort(&mut self, seq: u32) {
        if self.is_newest(seq) {
            self.pending = None;
        }
    }

    /// Forgets everything shown (a session change); returns the load that shows again what was
    /// asked for last: the load in flight if any (from a placeholder), else the page shown.
    pub fn reset(&mut self) -> Load {
        let (newest, infinite, keep) = (self.newest, self.infinite, self.keep_previous);
        let again = match self.pending {
            Some((_, load)) if !load.append => Load {
                moves: true,
                ..load
            },
            Some((_, load)) => self.initial(load.last),
            None => self.initial(self.page.max(1)),
        };
        *self = Pages::new(&self.organization, self.page_size, infinite, keep);
        self.newest = newest;
        again
    }

    /// Stops the load in flight, if any (the list was freed): the last state stands.
    pub fn stop(&mut self) {
        self.pending = None;
    }

    /// A row changed: it shows `row` where it showed an older version of it (answers to concurrent
    /// updates can arrive out of order). True if it did.
    pub fn changed(&mut self, row: &Rc<R>) -> bool {
        if row.organization_id() != self.organization {
            return false;
        }
        let mut found = false;
        for slot in self.rows.iter_mut().filter(|slot| slot.id() == row.id()) {
            if row.version() >= slot.version() && !Rc::ptr_eq(slot, row) {
                *slot = row.clone();
                found = true;
            }
        }
        found
    }

    /// A row was removed: it goes, and `total_count` drops. True if it was shown.
    pub fn removed(&mut self, id: &str) -> bool {
        let before = self.rows.len();
        self.rows.retain(|row| row.id() != id);
        let found = self.rows.len() != before;
        if found {
            self.total_count = self.total_count.saturating_sub(1);
        }
        found
    }

    /// What a snapshot shows now.
    pub fn view(&self) -> View<'_, R, E> {
        let moving = matches!(self.pending, Some((_, load)) if load.moves);
        let hidden = moving && !self.keep_previous && !self.previewed;
        let page_count = self.page_count();
        View {
            rows: if hidden { &[] } else { &self.rows },
            total_count: self.total_count,
            page: self.page,
            page_count,
            has_next_page: self.page < page_count,
            has_previous_page: !self.infinite && self.page > 1,
            is_loading: self.pending.is_some() && (!self.loaded || hidden),
            is_fetching: self.pending.is_some(),
            error: self.error.as_ref(),
        }
    }

    fn own(&self, rows: &[Rc<R>]) -> Result<(), ForeignRow> {
        match rows
            .iter()
            .find(|row| row.organization_id() != self.organization)
        {
            Some(row) => Err(ForeignRow {
                id: row.id().to_owned(),
            }),
            None => Ok(()),
        }
    }

    fn show(&mut self, mut rows: Vec<Rc<R>>, total_count: u32, page: u32, append: bool) {
        self.keep_same(&mut rows);
        if append {
            self.rows.extend(rows);
        } else {
            self.rows = rows;
        }
        dedupe(&mut self.rows);
        self.total_count = total_count;
        // An infinite list whose members went meanwhile has loaded no page past the last one.
        self.page = if self.infinite {
            page.min(self.page_count().max(1))
        } else {
            page
        };
        self.loaded = true;
    }
}

impl<R: Row + PartialEq, E> Pages<R, E> {
    /// A row fetched again with the same data stays the row shown (the same `Rc`, so the same JS
    /// object, and a memoized UI row does not render again).
    fn keep_same(&self, rows: &mut [Rc<R>]) {
        if self.rows.is_empty() {
            return;
        }
        let shown: HashMap<&str, &Rc<R>> = self.rows.iter().map(|row| (row.id(), row)).collect();
        for row in rows.iter_mut() {
            if let Some(old) = shown.get(row.id()) {
                if !Rc::ptr_eq(old, row) && ***old == **row {
                    *row = Rc::clone(old);
                }
            }
        }
    }
}

/// Keeps each id once, at its latest position (pages that shifted between fetches repeat rows).
fn dedupe<R: Row>(rows: &mut Vec<Rc<R>>) {
    let mut seen = HashSet::with_capacity(rows.len());
    let keep: Vec<bool> = rows.iter().rev().map(|row| seen.insert(row.id())).collect();
    if keep.iter().all(|kept| *kept) {
        return;
    }
    let mut flags = keep.into_iter().rev();
    rows.retain(|_| flags.next().unwrap_or(true));
}

/// The newest outcome of each recent mutation, by row id: a row's newest answer (an update) or its
/// removal. A page fetched before a mutation finished is corrected by it ([`Recent::reconcile`]): a
/// removed row never comes back, and an older version never replaces a newer one.
#[derive(Debug)]
pub struct Recent<R> {
    entries: Vec<(String, Option<Rc<R>>)>,
    capacity: usize,
}

impl<R: Row> Recent<R> {
    /// Remembers at most `capacity` mutations (the oldest are forgotten first).
    pub fn new(capacity: usize) -> Self {
        Recent {
            entries: Vec::new(),
            capacity: capacity.max(1),
        }
    }

    /// Remembers that row `id` is now `outcome` (`None`: removed). False, and nothing changes, when
    /// a newer version of it is already known (answers to concurrent updates arrive in any order).
    pub fn remember(&mut self, id: &str, outcome: Option<Rc<R>>) -> bool {
        if let Some(at) = self.entries.iter().position(|(known, _)| known == id) {
            if let (Some(Some(known)), Some(new)) = (self.entries.get(at).map(|(_, k)| k), &outcome)
            {
                if known.version() > new.version() {
                    return false;
                }
            }
            self.entries.remove(at);
        }
        if self.entries.len() >= self.capacity {
            self.entries.remove(0);
        }
        self.entries.push((id.to_owned(), outcome));
        true
    }

    /// `rows` corrected by what is remembered: a removed row goes; a changed one shows its newest
    /// version, unless the row's own is newer, and goes if that version is one the list's filter
    /// `excludes` (a member whose role, or an invitation whose status, no longer matches).
    pub fn reconcile(&self, rows: Vec<Rc<R>>, excludes: &dyn Fn(&R) -> bool) -> Vec<Rc<R>> {
        if self.entries.is_empty() {
            return rows;
        }
        rows.into_iter()
            .filter_map(
                |row| match self.entries.iter().find(|(id, _)| id == row.id()) {
                    Some((_, None)) => None,
                    Some((_, Some(newer))) if newer.version() >= row.version() => {
                        (!excludes(newer)).then(|| newer.clone())
                    }
                    _ => Some(row),
                },
            )
            .collect()
    }

    /// Forgets everything (a new session).
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}
