//! Under load: 1,000 requests from 50 concurrent clients against one organization leave a consistent
//! state (`members_count` equals the listed members, no update lost), in memory and with `--state`.
//! Prints the throughput:
//! `cargo test --release -p clerk-fapi-emulator --test load -- --nocapture --test-threads=1`.

mod common;
use clerk_fapi_emulator::{Config, Seed};
use common::*;
use serde_json::{json, Value};
use std::sync::{Arc, Barrier};
use std::time::Instant;

const CLIENTS: usize = 50;
const REQUESTS_PER_CLIENT: usize = 20;
const ORG: &str = "org_load";
const ADMIN: &str = "user_admin";
const ROLES: [&str; 3] = ["org:billing", "org:member", "org:support"];

/// One organization with an admin and one member per client; each client also has a user to add.
fn seed() -> Seed {
    let stamp = 1_700_000_000_000i64;
    let user = |id: String| json!({ "id": id, "email_address": format!("{id}@load.test"), "created_at": stamp, "updated_at": stamp });
    let membership = |user: &str, role: &str| json!({ "id": format!("orgmem_{user}"), "organization_id": ORG, "user_id": user, "role": role, "created_at": stamp, "updated_at": stamp });
    let permission = |key: &str| json!({ "id": format!("perm_{key}"), "key": key, "name": key, "type": "system", "created_at": stamp, "updated_at": stamp });
    let role = |key: &str, permissions: &[&str]| json!({ "id": format!("role_{key}"), "key": key, "name": key, "permissions": permissions, "created_at": stamp, "updated_at": stamp });
    let read = "org:sys_memberships:read";
    let manage = "org:sys_memberships:manage";
    let mut users = vec![user(ADMIN.to_owned())];
    let mut memberships = vec![membership(ADMIN, "org:admin")];
    for c in 0..CLIENTS {
        users.push(user(format!("user_member{c}")));
        users.push(user(format!("user_extra{c}")));
        memberships.push(membership(&format!("user_member{c}"), "org:member"));
    }
    let text = json!({
        "permissions": [permission(read), permission(manage)],
        "roles": [role("org:admin", &[read, manage]), role("org:billing", &[read]), role("org:member", &[read]), role("org:support", &[read])],
        "organizations": [{ "id": ORG, "name": "Load", "created_at": stamp, "updated_at": stamp }],
        "users": users,
        "memberships": memberships,
    });
    Seed::from_json(&text.to_string()).expect("seed")
}

/// What client `c` expects at the end: its member's last role and the `updated_at` of that answer, and
/// whether its extra user is a member.
struct Outcome {
    member: String,
    role: &'static str,
    updated_at: i64,
    extra: String,
    extra_is_member: bool,
}

/// Client `c`'s 20 requests: 10 role changes of its member, 5 adds and removes of its extra user (6
/// for odd clients, so half of them end without it), the rest lists. Every answer must be a 200.
fn client(emu: &Emulator, token: &str, c: usize) -> Outcome {
    let member = format!("user_member{c}");
    let extra = format!("user_extra{c}");
    let mut role = "org:member";
    let mut updated_at = 0;
    let mut extra_is_member = false;
    for i in 0..REQUESTS_PER_CLIENT {
        let toggle = i % 4 == 2 || (i == REQUESTS_PER_CLIENT - 1 && c % 2 == 1);
        let reply = if i % 4 < 2 {
            role = ROLES[(c + i) % ROLES.len()];
            let reply = emu.post_form(
                &member_path(ORG, &member, token, Some("PATCH")),
                &format!("role={role}"),
            );
            if reply.status == 200 {
                updated_at = reply.json()["response"]["updated_at"].as_i64().expect("ms");
            }
            reply
        } else if toggle && !extra_is_member {
            extra_is_member = true;
            emu.post_form(
                &format!("/v1/organizations/{ORG}/memberships?__clerk_db_jwt={token}"),
                &format!("user_id={extra}&role=org%3Amember"),
            )
        } else if toggle {
            extra_is_member = false;
            emu.post_form(&member_path(ORG, &extra, token, Some("DELETE")), "")
        } else {
            emu.get(&members_path(ORG, token, "&limit=5"))
        };
        assert_eq!(
            reply.status,
            200,
            "client {c} request {i}: {}",
            reply.text()
        );
    }
    Outcome {
        member,
        role,
        updated_at,
        extra,
        extra_is_member,
    }
}

/// Runs the load and checks the state; answers the throughput in requests per second.
fn load(label: &str, emu: Arc<Emulator>) -> f64 {
    let tokens: Vec<String> = (0..CLIENTS).map(|_| emu.token(Some(ADMIN))).collect();
    let start = Arc::new(Barrier::new(CLIENTS + 1));
    let threads: Vec<_> = tokens
        .into_iter()
        .enumerate()
        .map(|(c, token)| {
            let emu = emu.clone();
            let start = start.clone();
            std::thread::spawn(move || {
                start.wait();
                client(&emu, &token, c)
            })
        })
        .collect();
    start.wait();
    let began = Instant::now();
    let outcomes: Vec<Outcome> = threads
        .into_iter()
        .map(|t| t.join().expect("client"))
        .collect();
    let elapsed = began.elapsed();

    let token = emu.token(Some(ADMIN));
    let list = emu.get(&members_path(ORG, &token, "&limit=500")).json();
    let data = list["response"]["data"].as_array().expect("data");
    let expected = 1 + CLIENTS + outcomes.iter().filter(|o| o.extra_is_member).count();
    assert_eq!(expected, 1 + CLIENTS + CLIENTS / 2);
    assert_eq!(data.len(), expected);
    assert_eq!(list["response"]["total_count"], expected);
    for member in data {
        assert_eq!(member["organization"]["members_count"], expected);
    }
    let find = |user: &str| -> Option<&Value> {
        data.iter()
            .find(|m| m["public_user_data"]["user_id"] == user)
    };
    for o in &outcomes {
        // No update lost: each member holds the role of the last answer its client got, with its stamp.
        let member = find(&o.member).expect("member");
        assert_eq!(member["role"], o.role, "{}", o.member);
        assert_eq!(member["updated_at"], o.updated_at, "{}", o.member);
        assert_eq!(find(&o.extra).is_some(), o.extra_is_member, "{}", o.extra);
    }
    let requests = (CLIENTS * REQUESTS_PER_CLIENT) as f64;
    let rate = requests / elapsed.as_secs_f64();
    eprintln!(
        "{label}: {} requests from {CLIENTS} concurrent clients in {:.0} ms: {rate:.0} requests/s",
        CLIENTS * REQUESTS_PER_CLIENT,
        elapsed.as_secs_f64() * 1000.0
    );
    rate
}

#[test]
fn a_thousand_requests_from_fifty_clients_leave_a_consistent_state_in_memory() {
    let emu = Arc::new(start_with(Config {
        seed: seed(),
        ..Config::default()
    }));
    load("in memory", emu);
}

#[test]
fn a_thousand_requests_from_fifty_clients_leave_a_consistent_state_with_a_state_file() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("state.json");
    let emu = Arc::new(start_with(Config {
        seed: seed(),
        state: Some(path.clone()),
        ..Config::default()
    }));
    load("with --state", emu.clone());
    // The file holds what the emulator answers.
    let file: Value = serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
    let on_disk = file["state"]["data"]["memberships"]
        .as_array()
        .expect("memberships")
        .len();
    assert_eq!(on_disk, 1 + CLIENTS + CLIENTS / 2);
}
