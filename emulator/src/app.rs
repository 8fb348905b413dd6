//! The shared state of one running emulator: the store, the queued faults, the request log, the settings
//! and, with `--state`, the journal that writes the state file. The server owns it; the handlers of `/v1/`
//! and `/__emulator/` borrow it.

use crate::config::{Config, InstanceType, Limits, StaticMount};
use crate::faults::{Faults, RequestLog};
use crate::guard::Access;
use crate::persist::{self, Journal};
use crate::store::Store;
use std::fs::File;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Shared state of one running emulator.
pub struct App {
    /// Organizations, users, memberships, clients.
    pub store: Mutex<Store>,
    /// Queued faults.
    pub faults: Mutex<Faults>,
    /// `/v1/` requests received, bounded in bytes and entries.
    pub log: Mutex<RequestLog>,
    /// Which hosts and origins are answered.
    pub access: Access,
    /// Timeouts, the connection cap and the log's bound.
    pub limits: Limits,
    /// Development or production.
    pub instance: InstanceType,
    /// Static directories.
    pub statics: Vec<StaticMount>,
    /// Answer authenticated calls with a fresh `Clerk-Db-Jwt` / `Authorization` token.
    pub rotate_tokens: AtomicBool,
    /// Writes the state file (`--state`).
    journal: Option<Journal>,
    /// Held while the emulator runs, so no second one writes the same state file.
    _state_lock: Option<File>,
}

/// Oldest entries are dropped past this many logged requests (and past `Limits::log_max_bytes`).
const MAX_LOG_ENTRIES: usize = 10_000;

/// Locks a mutex; a poisoned lock (a panicked handler) still holds consistent data, every change being
/// made in one step, so it is used as is.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl App {
    /// An emulator holding the configured seed, or with `--state` the state of that file when it exists
    /// (the seed is written to it otherwise). A state file it cannot read, lock or write is refused.
    pub fn open(config: Config) -> Result<App, String> {
        let access = Access::new(&config);
        let (store, journal, state_lock) = match &config.state {
            None => (Store::new(config.seed), None, None),
            Some(named) => {
                let context = |e: String| format!("--state {}: {e}", named.display());
                let path = &persist::real_path(named).map_err(context)?;
                let state_lock = persist::lock_file(path).map_err(context)?;
                persist::remove_stale_temporaries(path);
                let store = match persist::load(path).map_err(context)? {
                    Some(state) => Store::restore(config.seed, state),
                    None => {
                        let store = Store::new(config.seed);
                        persist::encode(store.state())
                            .map_err(|e| e.to_string())
                            .and_then(|bytes| {
                                persist::write_atomically(path, &bytes)
                                    .map_err(|e| format!("cannot write it: {e}"))
                            })
                            .map_err(context)?;
                        store
                    }
                };
                let journal = Journal::new(path.clone(), store.revision());
                (store, Some(journal), Some(state_lock))
            }
        };
        Ok(App {
            store: Mutex::new(store),
            faults: Mutex::new(Faults::default()),
            log: Mutex::new(RequestLog::new(
                config.limits.log_max_bytes,
                MAX_LOG_ENTRIES,
            )),
            access,
            limits: config.limits,
            instance: config.instance,
            statics: config.statics,
            rotate_tokens: AtomicBool::new(false),
            journal,
            _state_lock: state_lock,
        })
    }

    /// Whether token rotation is on.
    pub fn rotating(&self) -> bool {
        self.rotate_tokens.load(Ordering::Relaxed)
    }

    /// The store's revision, to pass to [`App::persist_since`] after a handler ran (0 without `--state`:
    /// nothing to write, so no need to look).
    pub fn revision(&self) -> u64 {
        match self.journal {
            Some(_) => lock(&self.store).revision(),
            None => 0,
        }
    }

    /// With `--state`, returns once every change made after `before` is in the state file.
    pub async fn persist_since(&self, before: u64) -> Result<(), String> {
        let Some(journal) = &self.journal else {
            return Ok(());
        };
        let (revision, bytes) = {
            let store = lock(&self.store);
            if store.revision() == before {
                return Ok(());
            }
            let bytes = persist::encode(store.state())
                .map_err(|e| format!("cannot encode the state: {e}"))?;
            (store.revision(), bytes)
        };
        journal.commit(revision, bytes).await
    }
}
