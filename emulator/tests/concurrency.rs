//! 200 concurrent requests: no errors, and the state stays consistent.

mod common;
use common::*;
use std::sync::Arc;

#[test]
fn two_hundred_parallel_role_flips_keep_the_state_consistent() {
    let emu = Arc::new(start());
    let token = Arc::new(emu.token(None));
    let users = [ALAN, KATHERINE, LINUS, DENNIS, BARBARA];
    let roles = ["org:member", "org:billing", "org:support", "org:admin"];
    let threads: Vec<_> = (0..200)
        .map(|i| {
            let emu = emu.clone();
            let token = token.clone();
            std::thread::spawn(move || {
                let user = users[i % users.len()];
                let role = roles[(i / users.len()) % roles.len()];
                let target = member_path(ACME, user, &token, Some("PATCH"));
                let reply = emu.send("POST", &target, &[FORM], format!("role={role}").as_bytes());
                (user, reply.map(|r| (r.status, r.json())))
            })
        })
        .collect();
    let mut updated_at = std::collections::HashMap::new();
    for thread in threads {
        let (user, reply) = thread.join().expect("thread");
        let (status, body) = reply.expect("answer");
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["response"]["public_user_data"]["user_id"], user);
        let stamp = body["response"]["updated_at"].as_i64().expect("ms");
        let latest = updated_at
            .entry(user)
            .or_insert((stamp, body["response"]["role"].clone()));
        if stamp > latest.0 {
            *latest = (stamp, body["response"]["role"].clone());
        }
    }
    // The final state of each member is the answer with the latest updated_at.
    let list = emu.get(&members_path(ACME, &token, "&limit=500")).json();
    let data = list["response"]["data"].as_array().expect("data");
    assert_eq!(data.len(), 8);
    assert_eq!(list["response"]["total_count"], 8);
    for (user, (stamp, role)) in updated_at {
        let member = data
            .iter()
            .find(|m| m["public_user_data"]["user_id"] == user)
            .expect("member");
        assert_eq!(member["updated_at"], stamp, "{user}");
        assert_eq!(member["role"], role, "{user}");
    }
}

#[test]
fn two_hundred_parallel_adds_and_removes_never_corrupt_the_count() {
    let emu = Arc::new(start());
    let token = Arc::new(emu.token(Some(HEDY)));
    // Tim is added and removed over and over; Claude's role flips; every answer is a valid one.
    let threads: Vec<_> = (0..200)
        .map(|i| {
            let emu = emu.clone();
            let token = token.clone();
            std::thread::spawn(move || match i % 4 {
                0 => {
                    emu.post_form(
                        &format!("/v1/organizations/{GLOBEX}/memberships?__clerk_db_jwt={token}"),
                        &format!("user_id={TIM}&role=org%3Amember"),
                    )
                    .status
                }
                1 => {
                    emu.post_form(&member_path(GLOBEX, TIM, &token, Some("DELETE")), "")
                        .status
                }
                2 => {
                    emu.post_form(
                        &member_path(GLOBEX, CLAUDE, &token, Some("PATCH")),
                        if i % 8 == 2 {
                            "role=org%3Aadmin"
                        } else {
                            "role=org%3Amember"
                        },
                    )
                    .status
                }
                _ => emu.get(&members_path(GLOBEX, &token, "")).status,
            })
        })
        .collect();
    for thread in threads {
        let status = thread.join().expect("thread");
        assert!([200, 400, 404].contains(&status), "{status}");
    }
    let list = emu.get(&members_path(GLOBEX, &token, "&limit=500")).json();
    let data = list["response"]["data"].as_array().expect("data");
    assert_eq!(
        list["response"]["total_count"].as_u64(),
        Some(data.len() as u64)
    );
    assert!(data.len() == 4 || data.len() == 5);
    for member in data {
        assert_eq!(
            member["organization"]["members_count"].as_u64(),
            Some(data.len() as u64)
        );
    }
    let tims = data
        .iter()
        .filter(|m| m["public_user_data"]["user_id"] == TIM)
        .count();
    assert!(tims <= 1);
}

#[test]
fn two_hundred_requests_in_flight_at_once_are_all_answered() {
    let emu = Arc::new(start());
    let token = Arc::new(emu.token(None));
    // Each request is held 300 ms: served one after the other this would take a minute.
    emu.fault(serde_json::json!({ "path": format!("/v1/organizations/{ACME}/roles"), "delay_ms": 300, "count": 200 }));
    let started = std::time::Instant::now();
    let threads: Vec<_> = (0..200)
        .map(|_| {
            let emu = emu.clone();
            let token = token.clone();
            std::thread::spawn(move || {
                emu.send(
                    "GET",
                    &format!("/v1/organizations/{ACME}/roles?__clerk_db_jwt={token}"),
                    &[],
                    b"",
                )
                .map(|r| r.status)
            })
        })
        .collect();
    for thread in threads {
        assert_eq!(thread.join().expect("thread").expect("answer"), 200);
    }
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(emu.get("/__emulator/faults").json(), serde_json::json!([]));
}
