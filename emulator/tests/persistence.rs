//! `--state FILE` with the real binary: changes survive a restart, a SIGKILL in the middle of a burst of
//! writes loses no acknowledged change, and a corrupt or incompatible file is refused and left alone.

mod common;
use common::*;
use serde_json::Value;
use std::ffi::OsStr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn start(path: &Path) -> Running {
    Running::start(&[OsStr::new("--state"), path.as_os_str()])
}

/// Runs the binary with `--state path` to its end: it must refuse to start.
fn refused(path: &Path) -> Exit {
    let exit = run(&[
        OsStr::new("--port"),
        OsStr::new("0"),
        OsStr::new("--state"),
        path.as_os_str(),
    ]);
    assert_eq!(exit.code, Some(2), "{}", exit.stderr);
    assert!(
        exit.stdout.is_empty(),
        "it must not listen: {}",
        exit.stderr
    );
    exit
}

fn role_of(emu: &Emulator, token: &str, org: &str, user: &str) -> Option<String> {
    let list = emu.get(&members_path(org, token, "&limit=500")).json();
    list["response"]["data"]
        .as_array()
        .expect("data")
        .iter()
        .find(|m| m["public_user_data"]["user_id"] == user)
        .map(|m| m["role"].as_str().expect("role").to_owned())
}

fn total(emu: &Emulator, token: &str, org: &str) -> Value {
    emu.get(&members_path(org, token, "")).json()["response"]["total_count"].clone()
}

fn read_state_file(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("state file");
    let file: Value = serde_json::from_str(&text).expect("the state file parses");
    assert_eq!(file["format"], "clerk-fapi-emulator state");
    assert_eq!(file["version"], 1);
    file
}

fn memberships_on_disk(path: &Path) -> usize {
    read_state_file(path)["state"]["data"]["memberships"]
        .as_array()
        .map_or(0, Vec::len)
}

#[test]
fn changes_survive_a_restart_and_a_reset_writes_the_seed() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("state.json");
    let seeded = clerk_fapi_emulator::Seed::default_seed().memberships.len();
    let first = start(&path);
    // Written at start, from the seed.
    assert_eq!(memberships_on_disk(&path), seeded);
    let emu = &first.emu;
    let ada = emu.token(None);
    let hedy = emu.token(Some(HEDY));
    let changed = emu.post_form(
        &member_path(ACME, ALAN, &ada, Some("PATCH")),
        "role=org%3Abilling",
    );
    assert_eq!(changed.status, 200, "{}", changed.text());
    let stamp = changed.json()["response"]["updated_at"]
        .as_i64()
        .expect("ms");
    assert_eq!(
        emu.post_form(&member_path(ACME, DENNIS, &ada, Some("DELETE")), "")
            .status,
        200
    );
    let added = emu.post_form(
        &format!("/v1/organizations/{GLOBEX}/memberships?__clerk_db_jwt={hedy}"),
        &format!("user_id={TIM}&role=org%3Amember"),
    );
    assert_eq!(added.status, 200, "{}", added.text());
    first.kill();

    let second = start(&path);
    let emu = &second.emu;
    // The dev-browser tokens still sign the same users in, and every change is there.
    assert_eq!(
        role_of(emu, &ada, ACME, ALAN).as_deref(),
        Some("org:billing")
    );
    assert_eq!(role_of(emu, &ada, ACME, DENNIS), None);
    assert_eq!(total(emu, &ada, ACME), 7);
    assert_eq!(
        role_of(emu, &hedy, GLOBEX, TIM).as_deref(),
        Some("org:member")
    );
    // The clock carries on: a change after the restart is newer than every change before it.
    let later = emu.post_form(
        &member_path(ACME, ALAN, &ada, Some("PATCH")),
        "role=org%3Asupport",
    );
    assert!(later.json()["response"]["updated_at"].as_i64().expect("ms") > stamp);

    assert_eq!(
        emu.request("POST", "/__emulator/reset", &[JSON], "").status,
        200
    );
    second.kill();
    let third = start(&path);
    let emu = &third.emu;
    // Back to the seed, tokens forgotten, and the file says so.
    emu.get(&members_path(ACME, &ada, ""))
        .assert_error(401, "dev_browser_unauthenticated");
    let ada = emu.token(None);
    assert_eq!(
        role_of(emu, &ada, ACME, ALAN).as_deref(),
        Some("org:member")
    );
    assert_eq!(total(emu, &ada, ACME), 8);
    assert_eq!(memberships_on_disk(&path), seeded);
}

/// What one writer saw: the last change answered 200, and the one in flight when the server died.
#[derive(Default, Clone)]
struct Seen<T> {
    acknowledged: Option<T>,
    in_flight: Option<T>,
    count: usize,
}

#[test]
fn a_kill_in_the_middle_of_a_burst_of_writes_loses_no_acknowledged_change() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("state.json");
    let members = [ALAN, KATHERINE, LINUS, DENNIS, BARBARA];
    let roles = ["org:billing", "org:support", "org:member"];
    let mut tokens = Vec::new();
    for round in 0..3u64 {
        let running = start(&path);
        let addr = running.emu.addr;
        let ada = Arc::new(running.emu.token(None));
        // One writer per member (its role), one signing in new browsers: each keeps what it saw.
        let role_writers: Vec<_> = members
            .iter()
            .map(|&user| {
                let ada = ada.clone();
                let seen = Arc::new(Mutex::new(Seen::<String>::default()));
                let record = seen.clone();
                let thread = std::thread::spawn(move || {
                    let emu = Emulator { addr };
                    for i in 0.. {
                        let role = roles[i % roles.len()];
                        record.lock().expect("lock").in_flight = Some(role.to_owned());
                        let target = member_path(ACME, user, &ada, Some("PATCH"));
                        match emu.send("POST", &target, &[FORM], format!("role={role}").as_bytes())
                        {
                            Ok(reply) if reply.status == 200 => {
                                let mut seen = record.lock().expect("lock");
                                seen.acknowledged = seen.in_flight.take();
                                seen.count += 1;
                            }
                            Ok(reply) => panic!("{}: {}", reply.status, reply.text()),
                            Err(_) => return, // killed
                        }
                    }
                });
                (user, seen, thread)
            })
            .collect();
        let signed_in = Arc::new(Mutex::new(Vec::<String>::new()));
        let record = signed_in.clone();
        let sign_ins = std::thread::spawn(move || {
            let emu = Emulator { addr };
            loop {
                match emu.send("POST", "/v1/dev_browser", &[], b"") {
                    Ok(reply) if reply.status == 200 => record
                        .lock()
                        .expect("lock")
                        .push(reply.json()["id"].as_str().expect("token").to_owned()),
                    Ok(reply) => panic!("{}: {}", reply.status, reply.text()),
                    Err(_) => return,
                }
            }
        });
        // Mid-burst, at a different moment each round.
        std::thread::sleep(Duration::from_millis(300 + 170 * round));
        running.kill();
        let seen: Vec<_> = role_writers
            .into_iter()
            .map(|(user, seen, thread)| {
                thread.join().expect("writer");
                let seen = seen.lock().expect("lock").clone();
                (user, seen)
            })
            .collect();
        sign_ins.join().expect("signer");
        tokens.extend(signed_in.lock().expect("lock").iter().cloned());
        eprintln!(
            "round {round}: {:?} role changes and {} sign-ins acknowledged before the kill",
            seen.iter().map(|(_, s)| s.count).collect::<Vec<_>>(),
            tokens.len()
        );
        assert!(
            seen.iter().all(|(_, s)| s.count >= 3),
            "the kill came before the burst: {:?}",
            seen.iter().map(|(_, s)| s.count).collect::<Vec<_>>()
        );

        // The file parses, the emulator starts from it, and every acknowledged change is there.
        read_state_file(&path);
        let restarted = start(&path);
        let emu = &restarted.emu;
        for (user, seen) in &seen {
            let role = role_of(emu, &ada, ACME, user).expect("still a member");
            let allowed = [seen.acknowledged.as_deref(), seen.in_flight.as_deref()];
            assert!(
                allowed.contains(&Some(role.as_str())),
                "{user} is {role}, acknowledged {:?}, in flight {:?}",
                seen.acknowledged,
                seen.in_flight
            );
        }
        assert_eq!(total(emu, &ada, ACME), 8);
        // Every browser whose sign-in was answered is still signed in, over all rounds so far.
        for token in &tokens {
            let reply = emu.get(&format!(
                "/v1/me/organization_memberships?paginated=true&__clerk_db_jwt={token}"
            ));
            assert_eq!(reply.status, 200, "{token}: {}", reply.text());
        }
        restarted.kill();
    }
    assert!(tokens.len() > 3, "{} sign-ins", tokens.len());
}

#[test]
fn a_corrupt_or_incompatible_state_file_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("state.json");
    drop(start(&path));
    let good: Value = read_state_file(&path);
    let with = |key: &str, value: Value| {
        let mut file = good.clone();
        file[key] = value;
        file.to_string()
    };
    let cases = [
        (
            "{\"format\": \"clerk-fapi-emulator state\", \"vers".to_owned(),
            "not a JSON object",
        ),
        (
            with("version", 2.into()),
            "format version 2; this emulator reads version 1 only",
        ),
        (with("format", "acme".into()), "its format is \"acme\""),
        (
            with("state", serde_json::json!({ "data": {} })),
            "does not match format version 1",
        ),
    ];
    for (text, reason) in cases {
        std::fs::write(&path, &text).expect("write");
        let stderr = refused(&path).stderr;
        assert!(stderr.contains(&path.display().to_string()), "{stderr}");
        assert!(stderr.contains(reason), "{reason:?} not in {stderr}");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            text,
            "never replaced"
        );
    }
}

#[test]
fn a_second_emulator_on_the_same_state_file_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("state.json");
    let _first = start(&path);
    let stderr = refused(&path).stderr;
    assert!(
        stderr.contains("another clerk-fapi-emulator is using it"),
        "{stderr}"
    );
}

#[test]
fn a_second_emulator_on_a_symlink_to_the_same_state_file_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("state.json");
    let link = dir.path().join("link.json");
    let _first = start(&path);
    std::os::unix::fs::symlink(&path, &link).expect("symlink");
    let stderr = refused(&link).stderr;
    assert!(
        stderr.contains("another clerk-fapi-emulator is using it"),
        "{stderr}"
    );
    // The other way round: started on the link, a second one on the file itself is refused too.
    drop(_first);
    let _on_link = start(&link);
    assert!(refused(&path)
        .stderr
        .contains("another clerk-fapi-emulator is using it"));
    // And writes go through the link to the file: the link stays a link.
    assert!(std::fs::symlink_metadata(&link)
        .expect("link")
        .file_type()
        .is_symlink());
}

#[test]
fn stale_temporary_files_of_a_killed_emulator_are_removed_at_start() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("state.json");
    // What `kill -9` in the middle of a write leaves (persist::write_atomically names them so).
    let stale = dir.path().join(".state.json.AbC123.tmp");
    std::fs::write(&stale, b"{\"half\": ").expect("stale");
    // Not ours: another file's temporary file and an unrelated file stay.
    let other = dir.path().join(".other.json.AbC123.tmp");
    std::fs::write(&other, b"x").expect("other");
    let running = start(&path);
    assert!(!stale.exists(), "the stale temporary file is still there");
    assert!(other.exists(), "another file's temporary file was removed");
    running.kill();
}
