//! The emulator's state and Clerk's rules. Pure: no HTTP here, every operation returns a wire type or an
//! [`ApiError`](crate::error::ApiError). The server keeps one `Store` behind a mutex.
//!
//! One module per concern, each with its own tests:
//! - this module: the look-ups the concerns share, the clock, ids and the revision of the state;
//! - [`state`]: what changes (and what `--state` keeps), as one serde type;
//! - [`auth`]: clients, sessions, dev-browser and client tokens, sign-in, session tokens (JWTs);
//! - [`members`]: organizations and memberships, Clerk's rules in the documented order;
//! - [`invitations`]: an organization's invitations, and the signed-in user's;
//! - [`requests`]: membership requests, and the signed-in user's organization suggestions;
//! - [`render`]: the JSON the emulator writes, from the wire types of [`crate::wire`].

mod auth;
mod invitations;
mod members;
mod render;
mod requests;
mod state;
#[cfg(test)]
mod testing;

pub use auth::{Caller, Credential};
pub use members::{List, MembershipList, Paging};
pub use state::State;

use crate::error::ApiError;
use crate::seed::{Seed, SeedMembership, SeedOrganization, SeedRole, SeedUser};
use crate::wire::PageJson;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{SystemTime, UNIX_EPOCH};

/// The permission that update, remove and add need, and every invitation and membership request call
/// (the FAPI excerpt: "The current user must have permissions to manage the members of the organization").
pub const MANAGE: &str = "org:sys_memberships:manage";
/// The permission that listing members needs.
pub const READ: &str = "org:sys_memberships:read";

/// Everything the emulator knows.
#[derive(Debug)]
pub struct Store {
    /// What a reset returns to.
    seed: Seed,
    /// What changes, and what `--state` keeps.
    state: State,
    /// Counts the changes to `state`, so the server knows when there is something to write.
    revision: u64,
    entropy: RandomState,
    counter: u64,
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

impl Store {
    /// A store holding the seed.
    pub fn new(seed: Seed) -> Store {
        let state = State::from_seed(seed.clone(), 0);
        Store::restore(seed, state)
    }

    /// A store holding a saved state (validated by the caller); a reset returns to `seed`.
    pub fn restore(seed: Seed, mut state: State) -> Store {
        state.data = state.data.without_stated_counts();
        Store {
            seed,
            state,
            revision: 0,
            entropy: RandomState::new(),
            counter: 0,
        }
    }

    /// Back to the seed; forgets every client and token. The clock keeps running.
    pub fn reset(&mut self) {
        self.state = State::from_seed(self.seed.clone(), self.state.clock_ms);
        self.revision += 1;
    }

    /// What `--state` writes.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Goes up by at least one on every change of [`Store::state`] (not on reads, nor on minted session tokens).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// A strictly increasing ms clock, so `updated_at` always moves on a change.
    fn tick(&mut self) -> i64 {
        let now = now_ms().max(self.state.clock_ms + 1);
        self.state.clock_ms = now;
        now
    }

    /// Records a change of the state (for `--state`) and answers its time on the clock.
    fn change(&mut self) -> i64 {
        self.revision += 1;
        self.tick()
    }

    /// A Clerk-looking id: `prefix_2` and 26 base62 characters.
    pub fn new_id(&mut self, prefix: &str) -> String {
        const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        let mut out = format!("{prefix}_2");
        let mut block = 0u64;
        for i in 0..26 {
            if i % 8 == 0 {
                self.counter += 1;
                let mut h = self.entropy.build_hasher();
                h.write_u64(self.counter);
                h.write_i64(now_ms());
                block = h.finish();
            }
            out.push(char::from(ALPHABET[(block % 62) as usize]));
            block /= 62;
        }
        out
    }

    /// A random hex trace id for `clerk_trace_id`.
    pub fn trace_id(&mut self) -> String {
        self.counter += 1;
        let mut a = self.entropy.build_hasher();
        a.write_u64(self.counter);
        let mut b = self.entropy.build_hasher();
        b.write_u64(!self.counter);
        format!("{:016x}{:016x}", a.finish(), b.finish())
    }

    /// The largest membership limit of the seeded organizations (the environment's instance default).
    pub fn max_allowed_memberships(&self) -> u64 {
        self.seed
            .organizations
            .iter()
            .map(|o| o.max_allowed_memberships)
            .max()
            .unwrap_or(0)
    }

    // ---- look-ups shared by the concerns ------------------------------------------------------

    fn org(&self, org_id: &str) -> Option<&SeedOrganization> {
        self.state
            .data
            .organizations
            .iter()
            .find(|o| o.id == org_id)
    }

    fn user(&self, user_id: &str) -> Option<&SeedUser> {
        self.state.data.users.iter().find(|u| u.id == user_id)
    }

    fn role(&self, role_key: &str) -> Option<&SeedRole> {
        self.state.data.roles.iter().find(|r| r.key == role_key)
    }

    fn role_permissions(&self, role_key: &str) -> &[String] {
        self.role(role_key)
            .map(|r| r.permissions.as_slice())
            .unwrap_or(&[])
    }

    fn has_permission(&self, role_key: &str, permission: &str) -> bool {
        self.role_permissions(role_key)
            .iter()
            .any(|p| p == permission)
    }

    fn membership_index(&self, org_id: &str, user_id: &str) -> Option<usize> {
        self.state
            .data
            .memberships
            .iter()
            .position(|m| m.organization_id == org_id && m.user_id == user_id)
    }

    fn membership(&self, org_id: &str, user_id: &str) -> Option<&SeedMembership> {
        self.membership_index(org_id, user_id)
            .and_then(|i| self.state.data.memberships.get(i))
    }

    fn members_count(&self, org_id: &str) -> u64 {
        self.state
            .data
            .memberships
            .iter()
            .filter(|m| m.organization_id == org_id)
            .count() as u64
    }

    /// The organization's pending invitations: its `pending_invitations_count`.
    fn pending_invitations(&self, org_id: &str) -> u64 {
        self.state
            .data
            .invitations
            .iter()
            .filter(|i| i.organization_id == org_id && i.status == "pending")
            .count() as u64
    }

    /// Refuses `more` new members or invitations where they would pass the organization's limit (0 =
    /// none), which counts pending invitations as Clerk's does ("…organization memberships, including
    /// outstanding invitations").
    fn require_room_for(&self, org_id: &str, more: u64) -> Result<(), ApiError> {
        let limit = self
            .org(org_id)
            .map(|o| o.max_allowed_memberships)
            .unwrap_or(0);
        let taken = self.members_count(org_id) + self.pending_invitations(org_id);
        if limit > 0 && taken + more > limit {
            Err(ApiError::membership_quota_exceeded(limit))
        } else {
            Ok(())
        }
    }

    /// The memberships `keep` selects, oldest first, ties broken by id, so pages are stable.
    fn sorted_memberships(&self, keep: impl Fn(&SeedMembership) -> bool) -> Vec<&SeedMembership> {
        let mut list: Vec<&SeedMembership> = self
            .state
            .data
            .memberships
            .iter()
            .filter(|m| keep(m))
            .collect();
        list.sort_by(|a, b| {
            a.created_at
                .cmp(&b.created_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        list
    }
}

/// One page of `items` (in their order), each rendered by `render`, as `{ data, total_count }`: the
/// lists that clerk-js reads as pages without sending `paginated=true` (invitations, membership requests,
/// suggestions) always answer so.
fn page_of<S, T>(items: Vec<S>, paging: Paging, render: impl Fn(S) -> T) -> PageJson<T> {
    let total_count = items.len();
    let data = items
        .into_iter()
        .skip(paging.offset)
        .take(paging.limit)
        .map(render)
        .collect();
    PageJson { data, total_count }
}

/// One page of `items`: `{ data, total_count }` with `paginated=true`, else the legacy bare array.
fn paginate<S, T>(items: Vec<S>, paging: Paging, render: impl Fn(S) -> T) -> List<T> {
    let page = page_of(items, paging, render);
    if paging.paginated {
        List::Page(page)
    } else {
        List::Bare(page.data)
    }
}

/// Whether `status` passes a status filter (none given: every status).
fn status_wanted(statuses: &[String], status: &str) -> bool {
    statuses.is_empty() || statuses.iter().any(|s| s == status)
}

/// Newest first, ties broken by id: how invitations, requests and suggestions are listed.
/// The `items` that `keep` selects, newest first (by `stamp`: creation time, then id).
fn newest<T>(items: &[T], keep: impl Fn(&T) -> bool, stamp: impl Fn(&T) -> (i64, &str)) -> Vec<&T> {
    let mut list: Vec<&T> = items.iter().filter(|item| keep(item)).collect();
    list.sort_by(|a, b| stamp(b).cmp(&stamp(a)));
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_strictly_increases() {
        let mut store = Store::new(Seed::default_seed());
        let stamps: Vec<i64> = (0..1000).map(|_| store.tick()).collect();
        assert!(stamps.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn ids_look_like_clerks_and_do_not_repeat() {
        let mut store = Store::new(Seed::default_seed());
        let ids: std::collections::HashSet<String> =
            (0..1000).map(|_| store.new_id("sess")).collect();
        assert_eq!(ids.len(), 1000);
        assert!(ids
            .iter()
            .all(|id| id.len() == "sess_2".len() + 26 && id.starts_with("sess_2")));
        assert_eq!(store.trace_id().len(), 32);
    }

    #[test]
    fn changes_move_the_revision_and_reads_do_not() {
        let mut store = Store::new(Seed::default_seed());
        let start = store.revision();
        let caller = store.sign_in(None, None).expect("signed in");
        let signed_in = store.revision();
        assert!(signed_in > start);
        let caller = Caller {
            client_id: caller.client_id,
            session_id: caller.session_id,
            user_id: caller.user_id,
        };
        let paging = Paging::first(10);
        store.list_my_memberships(&caller, paging);
        store
            .session_token(
                &caller.client_id,
                &caller.session_id,
                None,
                "http://x",
                None,
            )
            .expect("token");
        assert_eq!(store.revision(), signed_in);
        store.reset();
        assert!(store.revision() > signed_in);
        assert!(store.state().clients.is_empty());
    }

    #[test]
    fn members_are_sorted_oldest_first_and_counted() {
        let store = Store::new(Seed::default_seed());
        let acme = "org_2aAcmeRockets7Qm4Xk9ZpT1";
        let list = store.sorted_memberships(|m| m.organization_id == acme);
        assert_eq!(list.len() as u64, store.members_count(acme));
        assert!(list.windows(2).all(|w| w[0].created_at <= w[1].created_at));
        assert_eq!(store.max_allowed_memberships(), 20);
    }
}
