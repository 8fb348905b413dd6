//! The shared state of one running emulator: the store, the queued faults, the request log and the
//! settings. The server owns it; the handlers of `/v1/` and `/__emulator/` borrow it.

use crate::config::{Config, InstanceType, StaticMount};
use crate::faults::{Faults, LoggedRequest};
use crate::store::Store;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Shared state of one running emulator.
pub struct App {
    /// Organizations, users, memberships, clients.
    pub store: Mutex<Store>,
    /// Queued faults.
    pub faults: Mutex<Faults>,
    /// `/v1/` requests received.
    pub log: Mutex<Vec<LoggedRequest>>,
    /// Development or production.
    pub instance: InstanceType,
    /// Static directories.
    pub statics: Vec<StaticMount>,
    /// Answer authenticated calls with a fresh `Clerk-Db-Jwt` / `Authorization` token.
    pub rotate_tokens: AtomicBool,
}

/// Locks a mutex; a poisoned lock (a panicked handler) still holds consistent data, every change being
/// made in one step, so it is used as is.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl App {
    /// An emulator holding the configured seed.
    pub fn new(config: Config) -> App {
        App {
            store: Mutex::new(Store::new(config.seed)),
            faults: Mutex::new(Faults::default()),
            log: Mutex::new(Vec::new()),
            instance: config.instance,
            statics: config.statics,
            rotate_tokens: AtomicBool::new(false),
        }
    }

    /// Whether token rotation is on.
    pub fn rotating(&self) -> bool {
        self.rotate_tokens.load(Ordering::Relaxed)
    }
}
