//! The emulator's state and Clerk's rules. Pure: no HTTP here, every operation returns a wire type or an
//! [`ApiError`](crate::error::ApiError). The server keeps one `Store` behind a mutex.
//!
//! One module per concern, each with its own tests:
//! - this module: the data (organizations, users, memberships, roles, clients and tokens), the clock, ids;
//! - [`auth`]: clients, sessions, dev-browser and client tokens, sign-in, session tokens (JWTs);
//! - [`members`]: organizations and memberships, Clerk's rules in the documented order;
//! - [`render`]: the JSON the emulator writes, from the wire types of [`crate::wire`].

mod auth;
mod members;
mod render;

pub use auth::{Caller, Credential};
pub use members::{MembershipList, Paging};

use crate::seed::{Seed, SeedMembership, SeedOrganization, SeedRole, SeedUser};
use auth::Client;
use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::time::{SystemTime, UNIX_EPOCH};

/// The permission that update, remove and add need.
pub const MANAGE: &str = "org:sys_memberships:manage";
/// The permission that listing members needs.
pub const READ: &str = "org:sys_memberships:read";

/// Everything the emulator knows.
#[derive(Debug)]
pub struct Store {
    /// What a reset returns to.
    seed: Seed,
    /// Organizations, users, memberships, roles and permissions as they are now.
    data: Seed,
    clients: Vec<Client>,
    /// Dev-browser token → client id.
    dev_tokens: HashMap<String, String>,
    /// `__client` cookie (or `Authorization` value) → client id.
    client_tokens: HashMap<String, String>,
    /// The last ms the clock handed out.
    last_ms: i64,
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
        Store {
            data: seed.clone(),
            seed,
            clients: Vec::new(),
            dev_tokens: HashMap::new(),
            client_tokens: HashMap::new(),
            last_ms: 0,
            entropy: RandomState::new(),
            counter: 0,
        }
    }

    /// Back to the seed; forgets every client and token.
    pub fn reset(&mut self) {
        self.data = self.seed.clone();
        self.clients.clear();
        self.dev_tokens.clear();
        self.client_tokens.clear();
    }

    /// A strictly increasing ms clock, so `updated_at` always moves on a change.
    fn tick(&mut self) -> i64 {
        let now = now_ms().max(self.last_ms + 1);
        self.last_ms = now;
        now
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
        self.data.organizations.iter().find(|o| o.id == org_id)
    }

    fn user(&self, user_id: &str) -> Option<&SeedUser> {
        self.data.users.iter().find(|u| u.id == user_id)
    }

    fn role(&self, role_key: &str) -> Option<&SeedRole> {
        self.data.roles.iter().find(|r| r.key == role_key)
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
        self.data
            .memberships
            .iter()
            .position(|m| m.organization_id == org_id && m.user_id == user_id)
    }

    fn membership(&self, org_id: &str, user_id: &str) -> Option<&SeedMembership> {
        self.membership_index(org_id, user_id)
            .and_then(|i| self.data.memberships.get(i))
    }

    fn members_count(&self, org_id: &str) -> u64 {
        self.data
            .memberships
            .iter()
            .filter(|m| m.organization_id == org_id)
            .count() as u64
    }

    /// The memberships `keep` selects, oldest first, ties broken by id, so pages are stable.
    fn sorted_memberships(&self, keep: impl Fn(&SeedMembership) -> bool) -> Vec<&SeedMembership> {
        let mut list: Vec<&SeedMembership> =
            self.data.memberships.iter().filter(|m| keep(m)).collect();
        list.sort_by(|a, b| {
            a.created_at
                .cmp(&b.created_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        list
    }
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
    fn members_are_sorted_oldest_first_and_counted() {
        let store = Store::new(Seed::default_seed());
        let acme = "org_2aAcmeRockets7Qm4Xk9ZpT1";
        let list = store.sorted_memberships(|m| m.organization_id == acme);
        assert_eq!(list.len() as u64, store.members_count(acme));
        assert!(list.windows(2).all(|w| w[0].created_at <= w[1].created_at));
        assert_eq!(store.max_allowed_memberships(), 20);
    }
}
