//! Safe to leave running: only loopback `Host`s (no DNS rebinding), only app origins on `/v1/`, only the
//! emulator's own origin (or flagged ones) and JSON on `/__emulator/`, a request log bounded in bytes, and a
//! header-read timeout, an idle timeout and a connection cap.

mod common;
use clerk_fapi_emulator::{Config, Limits, OriginPattern};
use common::*;
use serde_json::json;
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

const EVIL: (&str, &str) = ("origin", "https://evil.example");

fn with_limits(limits: Limits) -> Emulator {
    start_with(Config {
        limits,
        ..Config::default()
    })
}

/// Asserts a refusal a foreign page cannot read: 403, and no CORS header that would let it.
fn assert_refused(reply: &Reply, code: &str) {
    reply.assert_error(403, code);
    assert_eq!(reply.header("access-control-allow-origin"), None);
    assert_eq!(reply.header("access-control-allow-credentials"), None);
}

#[test]
fn a_rebound_host_name_is_refused() {
    let emu = start();
    let port = emu.addr.port();
    let rebound = [
        "rebind.evil.example".to_owned(),
        format!("rebind.evil.example:{port}"),
        format!("127.0.0.1.nip.example:{port}"),
        format!("localhost.evil.example:{port}"),
        String::new(),
    ];
    for host in &rebound {
        for (method, target) in [("GET", "/__emulator/requests"), ("POST", "/v1/dev_browser")] {
            let reply = emu
                .send_to_host(host, method, target, &[], b"")
                .expect("answer");
            assert_refused(&reply, "host_invalid");
        }
    }
    let loopback = [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
        "127.0.0.2".to_owned(),
    ];
    for host in &loopback {
        let reply = emu
            .send_to_host(host, "GET", "/__emulator/settings", &[], b"")
            .expect("answer");
        assert_eq!(reply.status, 200, "Host: {host}: {}", reply.text());
    }
}

#[test]
fn a_host_given_on_the_command_line_is_answered() {
    let emu = start_with(Config {
        allowed_hosts: vec!["dev.test".into()],
        ..Config::default()
    });
    let ok = emu.send_to_host("dev.test:4010", "GET", "/__emulator/settings", &[], b"");
    assert_eq!(ok.expect("answer").status, 200);
    let other = emu.send_to_host("other.test", "GET", "/__emulator/settings", &[], b"");
    assert_refused(&other.expect("answer"), "host_invalid");
}

#[test]
fn a_foreign_page_can_neither_read_nor_drive_the_control_api() {
    let emu = start();
    let token = emu.token(None);
    // The log holds live dev-browser tokens.
    let log = emu.request("GET", "/__emulator/requests", &[EVIL], "");
    assert_refused(&log, "origin_invalid");
    assert!(!log.text().contains(&token));
    // What an HTML form sends without a preflight: a POST with a text/plain body.
    let fault = r#"{"path":"/v1/client","status":500}"#;
    for path in [
        "/__emulator/reset",
        "/__emulator/faults",
        "/__emulator/sign_in",
        "/__emulator/settings",
    ] {
        let reply = emu.request("POST", path, &[EVIL, ("content-type", "text/plain")], fault);
        assert_refused(&reply, "origin_invalid");
        let reply = emu.request("POST", path, &[EVIL, JSON], fault);
        assert_refused(&reply, "origin_invalid");
    }
    let preflight = emu.request(
        "OPTIONS",
        "/__emulator/reset",
        &[
            EVIL,
            ("access-control-request-method", "POST"),
            ("access-control-request-headers", "content-type"),
        ],
        "",
    );
    assert_refused(&preflight, "origin_invalid");
    // Nothing happened: no fault queued, no reset (the token still works).
    assert_eq!(emu.get("/__emulator/faults").json(), json!([]));
    assert_eq!(emu.get(&members_path(ACME, &token, "")).status, 200);
}

#[test]
fn control_takes_only_json_even_without_an_origin() {
    let emu = start();
    let fault = r#"{"path":"/v1/client","status":500}"#;
    for content_type in [
        "text/plain",
        "text/plain;charset=UTF-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ] {
        let reply = emu.request(
            "POST",
            "/__emulator/faults",
            &[("content-type", content_type)],
            fault,
        );
        reply.assert_error(415, "unsupported_content_type");
    }
    let reply = emu.request("POST", "/__emulator/reset", &[], "");
    reply.assert_error(415, "unsupported_content_type");
    assert_eq!(emu.get("/__emulator/faults").json(), json!([]));
    let reply = emu.request(
        "POST",
        "/__emulator/faults",
        &[("content-type", "application/json; charset=utf-8")],
        fault,
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
}

#[test]
fn control_answers_its_own_origin_and_flagged_ones_only() {
    let emu = start();
    let own = format!("http://{}", emu.addr);
    let reply = emu.request("GET", "/__emulator/settings", &[("origin", &own)], "");
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        reply.header("access-control-allow-origin"),
        Some(own.as_str())
    );
    // Another page on this machine is not the emulator's origin: it needs the flag.
    for origin in ["http://127.0.0.1:1", "http://localhost:5173", "null"] {
        let reply = emu.request("GET", "/__emulator/settings", &[("origin", origin)], "");
        assert_refused(&reply, "origin_invalid");
    }
    let flagged = start_with(Config {
        control_origins: vec![OriginPattern::parse("http://127.0.0.1:*").expect("pattern")],
        ..Config::default()
    });
    let origin = ("origin", "http://127.0.0.1:5173");
    let preflight = flagged.request(
        "OPTIONS",
        "/__emulator/reset",
        &[
            origin,
            ("access-control-request-method", "POST"),
            ("access-control-request-headers", "content-type"),
        ],
        "",
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(
        preflight.header("access-control-allow-origin"),
        Some("http://127.0.0.1:5173")
    );
    let reply = flagged.request("POST", "/__emulator/reset", &[origin, JSON], "{}");
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        reply.header("access-control-allow-origin"),
        Some("http://127.0.0.1:5173")
    );
    let reply = flagged.request("GET", "/__emulator/requests", &[EVIL], "");
    assert_refused(&reply, "origin_invalid");
}

#[test]
fn v1_answers_app_origins_on_this_machine_and_flagged_ones_only() {
    let emu = start();
    let token = emu.token(None);
    for origin in [
        "http://localhost:5173",
        "http://127.0.0.1:8080",
        "http://[::1]:3000",
        "https://localhost:8443",
    ] {
        let reply = emu.request(
            "GET",
            &members_path(ACME, &token, ""),
            &[("origin", origin)],
            "",
        );
        assert_eq!(reply.status, 200, "{origin}: {}", reply.text());
        assert_eq!(reply.header("access-control-allow-origin"), Some(origin));
        assert_eq!(
            reply.header("access-control-allow-credentials"),
            Some("true")
        );
    }
    for origin in [
        "https://evil.example",
        "http://localhost.evil.example:80",
        "null",
    ] {
        let origin = ("origin", origin);
        let list = emu.request("GET", &members_path(ACME, &token, ""), &[origin], "");
        assert_refused(&list, "origin_invalid");
        // No token minted for a foreign page, nothing changed for it.
        let mint = emu.request("POST", "/v1/dev_browser", &[origin, FORM], "");
        assert_refused(&mint, "origin_invalid");
        let change = emu.request(
            "POST",
            &member_path(ACME, ALAN, &token, Some("PATCH")),
            &[origin, FORM],
            "role=org%3Aadmin",
        );
        assert_refused(&change, "origin_invalid");
    }
    let flagged = start_with(Config {
        allowed_origins: vec![OriginPattern::parse("https://app.example").expect("pattern")],
        ..Config::default()
    });
    let reply = flagged.request(
        "POST",
        "/v1/dev_browser",
        &[("origin", "https://app.example")],
        "",
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        reply.header("access-control-allow-origin"),
        Some("https://app.example")
    );
    // The app's origin may call /v1/, not the control API.
    let reply = flagged.request(
        "GET",
        "/__emulator/requests",
        &[("origin", "https://app.example")],
        "",
    );
    assert_refused(&reply, "origin_invalid");
}

fn logged_body_bytes(log: &serde_json::Value) -> usize {
    log.as_array()
        .expect("array")
        .iter()
        .map(|entry| entry["body"].as_str().unwrap_or_default().len())
        .sum()
}

#[test]
fn the_request_log_is_bounded_in_bytes_and_says_so() {
    let emu = with_limits(Limits {
        log_max_bytes: 256 << 10,
        ..Limits::default()
    });
    let body = "x".repeat(100 << 10);
    for n in 0..10 {
        emu.request("POST", &format!("/v1/dev_browser?n={n}"), &[FORM], &body);
    }
    let reply = emu.get("/__emulator/requests");
    let log = reply.json();
    assert!(
        logged_body_bytes(&log) <= 256 << 10,
        "{} bytes",
        logged_body_bytes(&log)
    );
    let entries = log.as_array().expect("array");
    assert_eq!(entries.len(), 2, "the newest that fit");
    assert_eq!(entries[1]["raw_query"], "n=9");
    assert_eq!(reply.header("x-emulator-log-max-bytes"), Some("262144"));
    assert_eq!(reply.header("x-emulator-log-dropped"), Some("8"));
    let bytes: usize = reply
        .header("x-emulator-log-bytes")
        .and_then(|b| b.parse().ok())
        .expect("x-emulator-log-bytes");
    assert!((200 << 10..=256 << 10).contains(&bytes), "{bytes}");
    // Clearing the log starts the count again.
    emu.request("DELETE", "/__emulator/requests", &[JSON], "");
    let reply = emu.get("/__emulator/requests");
    assert_eq!(reply.header("x-emulator-log-dropped"), Some("0"));
    assert_eq!(reply.header("x-emulator-log-bytes"), Some("0"));
}

#[test]
fn the_default_request_log_holds_at_most_16_mib() {
    let emu = start();
    let body = "x".repeat(1_000_000);
    for _ in 0..20 {
        emu.request("POST", "/v1/dev_browser", &[FORM], &body);
    }
    let log = emu.get("/__emulator/requests").json();
    assert!(
        logged_body_bytes(&log) <= 16 << 20,
        "{} bytes",
        logged_body_bytes(&log)
    );
}

/// Whether the server closes `stream` within `within` (an answer before the close, e.g. a 408, is read).
fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    let mut buf = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return false;
        }
        stream.set_read_timeout(Some(left)).expect("timeout");
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false
            }
            Err(_) => return true,
        }
    }
}

fn half_a_header(emu: &Emulator) -> TcpStream {
    let mut stream = TcpStream::connect(emu.addr).expect("connect");
    stream
        .write_all(b"GET /v1/client HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        .expect("write");
    stream
}

#[test]
fn connections_that_send_half_a_header_are_closed_by_the_header_read_timeout() {
    let emu = with_limits(Limits {
        header_read_timeout: Duration::from_millis(300),
        ..Limits::default()
    });
    let started = Instant::now();
    let mut slow: Vec<TcpStream> = (0..200).map(|_| half_a_header(&emu)).collect();
    // One that sends nothing at all.
    slow.push(TcpStream::connect(emu.addr).expect("connect"));
    for stream in &mut slow {
        assert!(
            closed_within(stream, Duration::from_secs(5)),
            "still open after {:?}",
            started.elapsed()
        );
    }
    assert_eq!(emu.get("/__emulator/settings").status, 200);
}

#[test]
fn a_body_that_never_finishes_is_cut_off_by_the_body_read_timeout() {
    let emu = with_limits(Limits {
        body_read_timeout: Duration::from_millis(300),
        ..Limits::default()
    });
    let mut stream = TcpStream::connect(emu.addr).expect("connect");
    // Headers complete, then 10 of the 100 bytes promised, then nothing: a request being handled,
    // so the idle timeout does not apply.
    stream
        .write_all(b"POST /v1/dev_browser HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0123456789")
        .expect("write");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
    assert!(answer.contains("request_timeout"), "{answer}");
}

#[test]
fn an_idle_connection_is_closed_but_a_slow_answer_is_not() {
    let emu = with_limits(Limits {
        idle_timeout: Duration::from_millis(300),
        ..Limits::default()
    });
    // Keep-alive: the answer comes, then nothing; the connection must not stay open.
    let mut stream = TcpStream::connect(emu.addr).expect("connect");
    stream
        .write_all(b"GET /__emulator/settings HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .expect("write");
    let started = Instant::now();
    assert!(closed_within(&mut stream, Duration::from_secs(5)));
    assert!(started.elapsed() >= Duration::from_millis(250));
    // A request being handled is not idle, however long it takes.
    emu.fault(json!({ "path": "/v1/environment", "delay_ms": 800, "status": 200, "body": "{}" }));
    let reply = emu.get("/v1/environment");
    assert_eq!(reply.status, 200, "{}", reply.text());
}

#[test]
fn connections_past_the_cap_are_closed_at_once() {
    let emu = with_limits(Limits {
        max_connections: 4,
        ..Limits::default()
    });
    let held: Vec<TcpStream> = (0..4).map(|_| half_a_header(&emu)).collect();
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    let refused = emu.send("GET", "/__emulator/settings", &[], b"");
    assert!(refused.is_err(), "answered past the cap: {refused:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
    drop(held);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(emu.get("/__emulator/settings").status, 200);
}
