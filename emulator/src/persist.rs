//! `--state FILE`: the state on disk, so a restart keeps every change.
//!
//! - The file is JSON: `{ "format": "clerk-fapi-emulator state", "version": 1, "state": … }`, the state
//!   being [`State`] (the data in the seed's format, clients, tokens, clock).
//! - A file that is not JSON, not this format or another version is refused with a message saying why;
//!   it is never replaced.
//! - Every write is atomic: a temporary file in the same directory, written, `fsync`ed, renamed over the
//!   file, then the directory `fsync`ed. A crash at any moment leaves the old file or the new one.
//! - [`Journal::commit`] returns once the file holds a state at least as new as the caller's, so the
//!   server answers a change only when it is on disk. Concurrent changes share one write (group commit).
//! - `FILE.lock` (an OS lock, released when the process dies) keeps a second emulator off the same file;
//!   `FILE` is first resolved to the real file ([`real_path`]), so a symlink or `..` cannot name it twice.
//! - Temporary files a killed emulator left beside `FILE` are removed at start ([`remove_stale_temporaries`]).

use crate::app::lock;
use crate::store::State;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The `format` of a state file.
pub const FORMAT: &str = "clerk-fapi-emulator state";
/// The `version` this emulator reads and writes.
pub const VERSION: u64 = 1;

/// The file as written: its format, its version, the state.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFile<S> {
    format: String,
    version: u64,
    state: S,
}

/// Read first, before the rest, so an unknown version is reported as such rather than as a bad key.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u64>,
}

/// The state in `path`; `Ok(None)` when there is no such file (start from the seed).
pub fn load(path: &Path) -> Result<Option<State>, String> {
    match std::fs::read(path) {
        Ok(bytes) => decode(&bytes).map(Some).map_err(|e| {
            format!("{e}. Not starting; the file is left as it is: fix it, or move it away to start from the seed")
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read it: {e}")),
    }
}

/// Parses and validates a state file's bytes.
pub fn decode(bytes: &[u8]) -> Result<State, String> {
    let header: Header = serde_json::from_slice(bytes)
        .map_err(|e| format!("it is not a state file: not a JSON object ({e})"))?;
    match header.format.as_deref() {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(format!(
                "it is not a state file: its format is {other:?}, not {FORMAT:?}"
            ))
        }
        None => {
            return Err(format!(
                "it is not a state file: it has no \"format\": {FORMAT:?}"
            ))
        }
    }
    match header.version {
        Some(VERSION) => {}
        Some(other) => {
            return Err(format!(
                "it has format version {other}; this emulator reads version {VERSION} only"
            ))
        }
        None => return Err("it has no \"version\"".to_owned()),
    }
    let file: StateFile<State> = serde_json::from_slice(bytes)
        .map_err(|e| format!("it does not match format version {VERSION}: {e}"))?;
    file.state
        .validate()
        .map_err(|e| format!("its state is inconsistent: {e}"))?;
    Ok(file.state)
}

/// The bytes of a state file holding `state`.
pub fn encode(state: &State) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(&StateFile {
        format: FORMAT.to_owned(),
        version: VERSION,
        state,
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Replaces `path` with `bytes` atomically and durably.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = parent_of(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Same directory, so the rename cannot cross file systems; a dot name, so it is easy to tell apart.
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    // The rename itself is durable only once the directory is.
    File::open(dir)?.sync_all()
}

/// The file `path` names, symlinks followed, absolute: the lock, the reads and the writes all use it, so
/// two names of one file share one lock, and a write renames over the file, not over a link to it.
pub fn real_path(path: &Path) -> Result<PathBuf, String> {
    let mut path = path.to_path_buf();
    // A chain of links to a file not yet written is followed by hand (canonicalize needs the file).
    for _ in 0..40 {
        match std::fs::canonicalize(&path) {
            Ok(real) => return Ok(real),
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(format!("cannot resolve it: {e}"))
            }
            Err(_) => {}
        }
        let dir = parent_of(&path);
        match std::fs::read_link(&path) {
            Ok(target) => path = dir.join(target),
            Err(_) => {
                let name = path
                    .file_name()
                    .ok_or_else(|| "it names no file".to_owned())?;
                let dir = std::fs::canonicalize(dir)
                    .map_err(|e| format!("cannot resolve its directory: {e}"))?;
                return Ok(dir.join(name));
            }
        }
    }
    Err("too many levels of symbolic links".to_owned())
}

/// The directory of `path` (`.` for a bare file name).
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Removes the temporary files ([`write_atomically`]'s `.FILE.XXXXXX.tmp`) a killed emulator left beside
/// `path`; call it with the lock held, so none of them is being written. Answers how many it removed.
pub fn remove_stale_temporaries(path: &Path) -> usize {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return 0;
    };
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(parent_of(path)) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let file = entry.file_name().to_string_lossy().into_owned();
            file.starts_with(&prefix) && file.ends_with(".tmp") && file.len() > prefix.len() + 4
        })
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter(|entry| std::fs::remove_file(entry.path()).is_ok())
        .count()
}

/// Takes `FILE.lock` for as long as the returned file lives.
pub fn lock_file(path: &Path) -> Result<File, String> {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let lock_path = PathBuf::from(name);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| format!("cannot open {}: {e}", lock_path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(format!(
            "another clerk-fapi-emulator is using it ({} is locked)",
            lock_path.display()
        )),
        Err(std::fs::TryLockError::Error(e)) => {
            Err(format!("cannot lock {}: {e}", lock_path.display()))
        }
    }
}

/// Writes the state file, one write at a time, newest state first.
pub struct Journal {
    path: PathBuf,
    /// The newest encoded state not yet written, with its revision.
    pending: Mutex<Option<(u64, Vec<u8>)>>,
    /// The revision the file holds; held while writing, so writes never overlap or go back in time.
    written: tokio::sync::Mutex<u64>,
}

impl Journal {
    /// A journal for `path`, which holds `revision` already.
    pub fn new(path: PathBuf, revision: u64) -> Journal {
        Journal {
            path,
            pending: Mutex::new(None),
            written: tokio::sync::Mutex::new(revision),
        }
    }

    /// Returns once the file holds revision `revision` (whose bytes are `bytes`) or a newer one.
    pub async fn commit(&self, revision: u64, bytes: Vec<u8>) -> Result<(), String> {
        offer(&self.pending, revision, bytes);
        let mut written = self.written.lock().await;
        if *written >= revision {
            // Another request wrote a newer state while this one waited.
            return Ok(());
        }
        let Some((newest, bytes)) = lock(&self.pending).take() else {
            return Err("the state to write went missing".to_owned());
        };
        let path = self.path.clone();
        let outcome = tokio::task::spawn_blocking(move || {
            let result = write_atomically(&path, &bytes);
            (result, bytes)
        })
        .await;
        match outcome {
            Ok((Ok(()), _)) => {
                *written = newest;
                Ok(())
            }
            Ok((Err(e), bytes)) => {
                // Keep it for the next writer: it still holds changes that are not on disk.
                offer(&self.pending, newest, bytes);
                Err(format!("cannot write {}: {e}", self.path.display()))
            }
            Err(e) => Err(format!("the write of {} failed: {e}", self.path.display())),
        }
    }
}

/// Makes `bytes` the pending state unless a newer one is pending already.
fn offer(pending: &Mutex<Option<(u64, Vec<u8>)>>, revision: u64, bytes: Vec<u8>) {
    let mut pending = lock(pending);
    if pending.as_ref().is_none_or(|(newer, _)| *newer < revision) {
        *pending = Some((revision, bytes));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::Seed;
    use crate::store::Store;

    fn encoded() -> Vec<u8> {
        let mut store = Store::new(Seed::default_seed());
        store.sign_in(None, None).expect("signed in");
        encode(store.state()).expect("encodes")
    }

    #[test]
    fn a_state_file_round_trips() {
        let bytes = encoded();
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        assert!(
            text.contains("\"format\": \"clerk-fapi-emulator state\""),
            "{text}"
        );
        assert!(text.contains("\"version\": 1"), "{text}");
        let state = decode(&bytes).expect("decodes");
        assert_eq!(
            serde_json::to_value(&state).expect("json"),
            serde_json::from_slice::<serde_json::Value>(&bytes).expect("json")["state"]
        );
    }

    #[test]
    fn corrupt_or_incompatible_files_are_refused_saying_why() {
        let good: serde_json::Value = serde_json::from_slice(&encoded()).expect("json");
        let with = |key: &str, value: serde_json::Value| {
            let mut file = good.clone();
            file[key] = value;
            serde_json::to_vec(&file).expect("json")
        };
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"".to_vec(), "not a JSON object"),
            (
                b"{\"format\": \"clerk-fapi-emu".to_vec(),
                "not a JSON object",
            ),
            (b"[1, 2]".to_vec(), "not a JSON object"),
            (b"{}".to_vec(), "has no \"format\""),
            (
                with("format", "something else".into()),
                "its format is \"something else\"",
            ),
            (
                with("version", 2.into()),
                "format version 2; this emulator reads version 1 only",
            ),
            (
                with("state", serde_json::json!({})),
                "does not match format version 1",
            ),
            (
                with("extra", true.into()),
                "does not match format version 1",
            ),
        ];
        for (bytes, expected) in cases {
            let err = decode(&bytes).expect_err("refused");
            assert!(err.contains(expected), "{expected:?} not in {err:?}");
        }
        let mut file = good.clone();
        file["state"]["data"]["memberships"][0]["role"] = "org:nope".into();
        let err = decode(&serde_json::to_vec(&file).expect("json")).expect_err("refused");
        assert!(
            err.contains("inconsistent") && err.contains("org:nope"),
            "{err}"
        );
    }

    #[test]
    fn a_missing_file_means_start_from_the_seed() {
        let dir = tempfile::tempdir().expect("dir");
        assert!(load(&dir.path().join("none.json")).expect("ok").is_none());
    }

    #[test]
    fn writes_replace_the_file_and_leave_no_temporary_file() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("state.json");
        write_atomically(&path, b"one").expect("written");
        write_atomically(&path, b"two").expect("written");
        assert_eq!(std::fs::read(&path).expect("read"), b"two");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["state.json"]);
    }

    #[test]
    fn a_second_lock_on_the_same_file_is_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("state.json");
        let held = lock_file(&path).expect("locked");
        let err = lock_file(&path).expect_err("refused");
        assert!(err.contains("another clerk-fapi-emulator"), "{err}");
        drop(held);
        lock_file(&path).expect("free again");
    }

    #[test]
    fn a_link_and_the_file_resolve_to_one_path() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("state.json");
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("state.json", &link).expect("symlink");
        // Before the file exists (a dangling link), and after.
        let real = real_path(&path).expect("resolves");
        assert_eq!(real_path(&link).expect("resolves"), real);
        std::fs::write(&path, b"{}").expect("written");
        assert_eq!(real_path(&link).expect("resolves"), real);
        let dotted = dir.path().join("sub/../state.json");
        std::fs::create_dir(dir.path().join("sub")).expect("sub");
        assert_eq!(real_path(&dotted).expect("resolves"), real);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn commits_return_once_their_revision_or_a_newer_one_is_on_disk() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("state.json");
        let journal = std::sync::Arc::new(Journal::new(path.clone(), 0));
        let tasks: Vec<_> = (1..=50u64)
            .map(|revision| {
                let journal = journal.clone();
                tokio::spawn(async move {
                    journal
                        .commit(revision, revision.to_string().into_bytes())
                        .await
                })
            })
            .collect();
        for task in tasks {
            task.await.expect("joined").expect("committed");
        }
        // Whatever the order, the file ends at the newest revision, and an older one never overwrites it.
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "50");
        journal.commit(7, b"7".to_vec()).await.expect("no-op");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "50");
    }
}
