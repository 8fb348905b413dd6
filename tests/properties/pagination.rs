//! The live list's state machine (`model::pagination::Pages`) against a plain reference model:
//! random sequences of page moves, params, answers delivered in any order, failures, aborts,
//! mutations and session resets, on a simulated server. After every step:
//!
//! - only the newest load's outcome ever changes what is shown; older answers are dropped;
//! - the rows are of the list's organization, each id once, and equal the reference's rows;
//! - a list is fetching exactly while its newest load is unsettled (never stuck);
//! - a moving load shows a placeholder, or the previous rows with `keep_previous`;
//! - no load asks for a page past `MAX_PAGE`, and an infinite list never past its page count.

use std::rc::Rc;

use clerk_membership::model::pagination::{Load, Pages, Row, MAX_PAGE};
use proptest::prelude::*;

const ORG: &str = "org_a";

#[derive(Debug, PartialEq)]
struct Member {
    id: String,
    org: &'static str,
    version: u32,
}

impl Row for Member {
    fn id(&self) -> &str {
        &self.id
    }
    fn organization_id(&self) -> &str {
        self.org
    }
    fn version(&self) -> i64 {
        i64::from(self.version)
    }
}

#[derive(Debug, Clone)]
enum Step {
    Next,
    Previous,
    Goto(u32),
    Revalidate,
    Params(u32),
    /// Deliver the answer of the `n`th outstanding load (modulo their count).
    Answer(usize),
    /// The same, with a row of another organization in it.
    Foreign(usize),
    Fail(usize),
    Abort(usize),
    Change(usize),
    /// An older answer of a row's update arrives after a newer one.
    Stale(usize),
    Remove(usize),
    /// The server's list changes under the list: a member added at the front.
    Insert,
    Reset,
    /// The client's cache has the pages of the load in flight: they show at once (it goes on).
    Preview,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => Just(Step::Next),
        1 => Just(Step::Previous),
        2 => (0u32..12).prop_map(Step::Goto),
        1 => Just(Step::Revalidate),
        1 => (1u32..5).prop_map(Step::Params),
        6 => any::<usize>().prop_map(Step::Answer),
        1 => any::<usize>().prop_map(Step::Foreign),
        1 => any::<usize>().prop_map(Step::Fail),
        1 => any::<usize>().prop_map(Step::Abort),
        1 => any::<usize>().prop_map(Step::Change),
        1 => any::<usize>().prop_map(Step::Stale),
        1 => any::<usize>().prop_map(Step::Remove),
        1 => Just(Step::Insert),
        1 => Just(Step::Reset),
        1 => Just(Step::Preview),
    ]
}

/// What the reference shows: ids, total, page, error.
#[derive(Debug, Clone, Default, PartialEq)]
struct Shown {
    ids: Vec<String>,
    total: u32,
    page: u32,
    error: bool,
    loaded: bool,
}

/// The server's rows for pages `load.first..`, as a list's fetch loop gets them (stopping at a short
/// page or the page count), computed with plain slices.
fn fetch(server: &[Rc<Member>], load: Load, size: u32) -> (Vec<Rc<Member>>, u32, u32) {
    let total = server.len() as u32;
    let (mut rows, mut last) = (Vec::new(), load.first);
    let mut page = load.first;
    loop {
        let start = ((page - 1) as usize).saturating_mul(size as usize);
        let slice: Vec<_> = server
            .iter()
            .skip(start)
            .take(size as usize)
            .cloned()
            .collect();
        let len = slice.len();
        rows.extend(slice);
        last = last.max(page);
        let pages = total.div_ceil(size);
        if page >= load.last || len < size as usize || page >= pages {
            break;
        }
        page += 1;
    }
    (rows, total, last)
}

/// Keeps each id once, at its latest position: the plain way.
fn latest(ids: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        out.retain(|known| *known != id);
        out.push(id);
    }
    out
}

proptest! {
    #![proptest_config(crate::run())]

    #[test]
    fn a_list_shows_exactly_its_newest_answer_and_is_never_stuck(
        members in 0usize..14,
        size in 1u32..5,
        infinite in any::<bool>(),
        keep in any::<bool>(),
        initial in 1u32..6,
        steps in proptest::collection::vec(step(), 1..40),
    ) {
        let mut server: Vec<Rc<Member>> = (0..members)
            .map(|i| Rc::new(Member { id: format!("m{i}"), org: ORG, version: 0 }))
            .collect();
        let mut next_id = members;
        let mut pages: Pages<Member, &'static str> = Pages::new(ORG, size, infinite, keep);
        let mut size = size;
        // Outstanding loads: (seq, load, page size when started).
        let mut outstanding: Vec<(u32, Load, u32)> = Vec::new();
        let mut reference = Shown::default();
        let first = pages.initial(initial);
        let seq = pages.start(first);
        outstanding.push((seq, first, size));
        let mut newest = Some(seq);
        // The load whose cached pages are shown while it goes on.
        let mut previewed: Option<u32> = None;

        for step in steps {
            let mut answered = false;
            let before: Vec<String> = pages.view().rows.iter().map(|r| r.id.clone()).collect();
            let mut started = None;
            match step {
                Step::Next => started = pages.next(),
                Step::Previous => started = pages.previous(),
                Step::Goto(page) => started = Some(pages.goto(page)),
                Step::Revalidate => started = Some(pages.revalidate()),
                Step::Params(new_size) => {
                    size = new_size;
                    started = Some(pages.params(new_size));
                }
                Step::Answer(n) | Step::Foreign(n) | Step::Fail(n) | Step::Abort(n) if !outstanding.is_empty() => {
                    let (seq, load, at_size) = outstanding.remove(n % outstanding.len());
                    let is_newest = newest == Some(seq);
                    match step {
                        Step::Answer(_) | Step::Foreign(_) => {
                            let (mut rows, total, last) = fetch(&server, load, at_size);
                            let foreign = matches!(step, Step::Foreign(_));
                            if foreign {
                                rows.push(Rc::new(Member { id: "x".into(), org: "org_b", version: 0 }));
                            }
                            let outcome = pages.answer(seq, rows.clone(), total, last);
                            prop_assert_eq!(outcome.is_err(), foreign && is_newest, "only a newest foreign page is refused");
                            if foreign && is_newest {
                                pages.fail(seq, "invalid_response");
                                reference.error = true;
                            } else if is_newest {
                                answered = true;
                                let mut ids: Vec<String> = if load.append { reference.ids.clone() } else { Vec::new() };
                                ids.extend(rows.iter().map(|r| r.id.clone()));
                                // An infinite list never shows a page past the last one (members may have gone).
                                let page = if infinite { last.min(total.div_ceil(size).max(1)) } else { last };
                                reference = Shown { ids: latest(ids), total, page, error: false, loaded: true };
                            }
                        }
                        Step::Fail(_) => {
                            pages.fail(seq, "network_error");
                            if is_newest {
                                reference.error = true;
                            }
                        }
                        _ => pages.abort(seq),
                    }
                    if is_newest {
                        newest = None;
                    } else {
                        let after: Vec<String> = pages.view().rows.iter().map(|r| r.id.clone()).collect();
                        prop_assert_eq!(&after, &before, "an older load's outcome changed the rows");
                    }
                }
                Step::Change(n) if !server.is_empty() => {
                    let at = n % server.len();
                    let changed = Rc::new(Member { id: server[at].id.clone(), org: ORG, version: server[at].version + 1 });
                    server[at] = changed.clone();
                    let shown = reference.ids.contains(&changed.id);
                    prop_assert_eq!(pages.changed(&changed), shown);
                    if let Some(row) = pages.view().rows.iter().find(|r| r.id == changed.id) {
                        prop_assert!(Rc::ptr_eq(row, &changed), "a changed row shows the new data");
                    }
                }
                Step::Stale(n) if !server.is_empty() => {
                    let current = server[n % server.len()].clone();
                    if current.version > 0 {
                        let stale = Rc::new(Member { id: current.id.clone(), org: ORG, version: current.version - 1 });
                        prop_assert!(!pages.changed(&stale), "an older version replaced a newer one");
                    }
                }
                Step::Remove(n) if !server.is_empty() => {
                    let gone = server.remove(n % server.len());
                    let shown = reference.ids.contains(&gone.id);
                    prop_assert_eq!(pages.removed(&gone.id), shown);
                    if shown {
                        reference.ids.retain(|id| *id != gone.id);
                        reference.total = reference.total.saturating_sub(1);
                    }
                }
                Step::Insert => {
                    server.insert(0, Rc::new(Member { id: format!("m{next_id}"), org: ORG, version: 0 }));
                    next_id += 1;
                }
                Step::Preview => {
                    let load = outstanding.iter().find(|(s, _, _)| Some(*s) == newest).map(|(s, l, z)| (*s, *l, *z));
                    if let Some((seq, load, at_size)) = load.filter(|(_, l, _)| !l.append) {
                        let (rows, total, last) = fetch(&server, load, at_size);
                        pages.preview(seq, rows.clone(), total, last);
                        let page = if infinite { last.min(total.div_ceil(size).max(1)) } else { last };
                        let ids = latest(rows.iter().map(|r| r.id.clone()).collect());
                        reference = Shown { ids, total, page, error: reference.error, loaded: true };
                        previewed = Some(seq);
                    }
                }
                Step::Reset => {
                    let asked = outstanding.iter().find(|(s, _, _)| Some(*s) == newest).map(|(_, l, _)| *l);
                    let again = pages.reset();
                    if let Some(asked) = asked.filter(|l| !l.append) {
                        prop_assert_eq!((again.first, again.last, again.moves), (asked.first, asked.last, true), "a reset reloads what was asked for");
                    }
                    reference = Shown::default();
                    started = Some(again);
                }
                _ => {}
            }
            if let Some(load) = started {
                prop_assert!(load.first >= 1 && load.first <= load.last && load.last <= MAX_PAGE);
                if infinite && pages.loaded() && !load.append {
                    prop_assert!(load.last <= pages.page_count().max(1).max(pages.page()), "an infinite load past the page count: {:?}", load);
                }
                let seq = pages.start(load);
                outstanding.push((seq, load, size));
                newest = Some(seq);
            }

            let view = pages.view();
            prop_assert_eq!(view.is_fetching, newest.is_some(), "fetching exactly while the newest load is unsettled");
            prop_assert!(view.rows.iter().all(|r| r.org == ORG), "rows of another organization");
            let ids: Vec<String> = view.rows.iter().map(|r| r.id.clone()).collect();
            let mut unique = ids.clone();
            unique.sort();
            unique.dedup();
            prop_assert_eq!(unique.len(), ids.len(), "a row shown twice: {:?}", ids);
            let moving = newest.is_some() && outstanding.iter().any(|(s, l, _)| Some(*s) == newest && l.moves);
            if moving && !keep && previewed != newest {
                prop_assert!(ids.is_empty(), "a moving load without keep_previous shows a placeholder");
                prop_assert!(view.is_loading);
            } else {
                prop_assert_eq!(&ids, &reference.ids, "the rows are the newest answer's");
                prop_assert_eq!(view.is_loading, newest.is_some() && !reference.loaded);
            }
            prop_assert_eq!(view.error.is_some(), reference.error);
            prop_assert_eq!(view.page_count, view.total_count.div_ceil(size));
            prop_assert_eq!(view.has_next_page, view.page < view.page_count);
            prop_assert_eq!(view.has_previous_page, !infinite && view.page > 1);
            prop_assert_eq!((view.total_count, view.page), (reference.total, reference.page));
            if infinite && answered {
                prop_assert!(view.page <= view.page_count.max(1), "an infinite list past its page count");
            }
        }
    }
}

/// Found by the property above: an infinite list appends page 2 while the list shrank to one page.
#[test]
fn an_appended_page_past_the_end_leaves_the_page_at_the_last_one() {
    let row = |id: &str| {
        Rc::new(Member {
            id: id.into(),
            org: ORG,
            version: 0,
        })
    };
    let mut pages: Pages<Member, &str> = Pages::new(ORG, 1, true, false);
    let first = pages.start(pages.initial(1));
    pages.answer(first, vec![row("m1")], 2, 1).unwrap();
    let next = pages.next().unwrap();
    let seq = pages.start(next);
    assert!(pages.removed("m1"));
    pages.answer(seq, vec![], 1, 2).unwrap();
    let view = pages.view();
    assert_eq!(
        (view.page, view.page_count, view.has_next_page),
        (1, 1, false)
    );
}

/// A row fetched again with the same data stays the same row (the same JS object in a list), one
/// with other data is the new one.
#[test]
fn a_row_fetched_again_unchanged_stays_the_row_shown() {
    let row = |id: &str, version: u32| {
        Rc::new(Member {
            id: id.into(),
            org: ORG,
            version,
        })
    };
    let mut pages: Pages<Member, &str> = Pages::new(ORG, 10, false, false);
    let first = pages.start(pages.initial(1));
    pages
        .answer(first, vec![row("a", 0), row("b", 0)], 2, 1)
        .unwrap();
    let shown: Vec<Rc<Member>> = pages.view().rows.to_vec();
    let again = pages.start(pages.revalidate());
    let (same, newer) = (row("a", 0), row("b", 1));
    pages
        .answer(again, vec![same.clone(), newer.clone()], 2, 1)
        .unwrap();
    let view = pages.view();
    assert!(
        Rc::ptr_eq(&view.rows[0], &shown[0]),
        "a: unchanged, the row shown stays"
    );
    assert!(!Rc::ptr_eq(&view.rows[0], &same));
    assert!(Rc::ptr_eq(&view.rows[1], &newer), "b: changed, the new row");
}

/// What the client remembers of recent mutations corrects a page fetched before them.
#[test]
fn recent_mutations_correct_an_older_page_and_never_go_back_in_time() {
    use clerk_membership::model::pagination::Recent;
    let row = |id: &str, version: u32| {
        Rc::new(Member {
            id: id.into(),
            org: ORG,
            version,
        })
    };
    let mut recent: Recent<Member> = Recent::new(2);
    assert!(recent.remember("a", Some(row("a", 2))));
    assert!(
        !recent.remember("a", Some(row("a", 1))),
        "an older answer after a newer one"
    );
    assert!(recent.remember("b", None));
    let page = vec![row("a", 1), row("b", 0), row("c", 0)];
    let ids: Vec<(String, u32)> = recent
        .reconcile(page, &|_| false)
        .iter()
        .map(|r| (r.id.clone(), r.version))
        .collect();
    assert_eq!(
        ids,
        [("a".to_owned(), 2), ("c".to_owned(), 0)],
        "a's newer version; b removed"
    );
    // A page newer than what is remembered wins.
    assert_eq!(
        recent.reconcile(vec![row("a", 3)], &|_| false)[0].version,
        3
    );
    // At capacity the oldest is forgotten.
    assert!(recent.remember("c", None));
    assert_eq!(
        recent.reconcile(vec![row("a", 1)], &|_| false)[0].version,
        1,
        "a was forgotten"
    );
    // A newer version the list's filter excludes goes (an invitation revoked, in a pending list).
    assert!(recent.remember("d", Some(row("d", 5))));
    assert!(
        recent
            .reconcile(vec![row("d", 4), row("e", 0)], &|r| r.version == 5)
            .iter()
            .all(|r| r.id == "e"),
        "d's newer version is excluded: it goes; e stays"
    );
    recent.clear();
    assert_eq!(
        recent.reconcile(vec![row("b", 0)], &|_| false).len(),
        1,
        "cleared"
    );
}
