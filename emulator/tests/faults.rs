//! Fault injection through `/__emulator/faults`: status, headers, body, 204, invalid JSON, delay, drop, counts,
//! size (padding) and chunked bodies.

mod common;
use common::*;
use serde_json::json;
use std::time::{Duration, Instant};

fn target_path() -> String {
    format!("/v1/organizations/{ACME}/memberships/{ALAN}")
}

#[test]
fn rate_limit_with_retry_after_then_back_to_normal() {
    let emu = start();
    let token = emu.token(None);
    let body = r#"{"errors":[{"code":"too_many_requests","message":"Too many requests","long_message":"Too many requests, retry later"}]}"#;
    let queued = emu.post_json("/__emulator/faults", &json!({ "method": "PATCH", "path": target_path(), "count": 2, "status": 429, "headers": { "Retry-After": "2" }, "body": body })).json();
    assert_eq!(queued["remaining"], 2);
    assert!(queued["id"]
        .as_str()
        .unwrap_or_default()
        .starts_with("fault_"));
    let target = member_path(ACME, ALAN, &token, Some("PATCH"));
    for _ in 0..2 {
        let reply = emu.request(
            "POST",
            &target,
            &[FORM, ("origin", "http://localhost:5173")],
            "role=org%3Aadmin",
        );
        assert_eq!(reply.status, 429);
        assert_eq!(reply.header("retry-after"), Some("2"));
        assert_eq!(
            reply.header("access-control-allow-origin"),
            Some("http://localhost:5173")
        );
        assert_eq!(reply.text(), body);
    }
    // Count used up: handled for real; the faulted calls changed nothing before.
    let reply = emu.post_form(&target, "role=org%3Aadmin");
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(emu.get("/__emulator/faults").json(), json!([]));
}

#[test]
fn method_filter_uses_the_effective_method() {
    let emu = start();
    let token = emu.token(None);
    emu.fault(json!({ "method": "DELETE", "path": target_path(), "status": 500, "body": "{}" }));
    // A PATCH on the same path is not affected.
    assert_eq!(
        emu.post_form(
            &member_path(ACME, ALAN, &token, Some("PATCH")),
            "role=org%3Asupport"
        )
        .status,
        200
    );
    let reply = emu.post_form(&member_path(ACME, ALAN, &token, Some("DELETE")), "");
    assert_eq!(reply.status, 500);
    assert_eq!(reply.json(), json!({}));
}

#[test]
fn html_error_page_invalid_json_and_204() {
    let emu = start();
    let token = emu.token(None);
    let list = members_path(ACME, &token, "");
    let path = format!("/v1/organizations/{ACME}/memberships");
    emu.fault(json!({ "path": path, "status": 500, "headers": { "Content-Type": "text/html" }, "body": "<html><body>Bad gateway</body></html>" }));
    emu.fault(json!({ "path": path, "status": 200, "body": "{\"response\": [" }));
    emu.fault(json!({ "path": path, "status": 204 }));
    let html = emu.get(&list);
    assert_eq!(html.status, 500);
    assert_eq!(html.header("content-type"), Some("text/html"));
    assert!(html.text().starts_with("<html>"));
    let invalid = emu.get(&list);
    assert_eq!(invalid.status, 200);
    assert_eq!(invalid.header("content-type"), Some("application/json"));
    assert!(serde_json::from_slice::<serde_json::Value>(&invalid.body).is_err());
    let empty = emu.get(&list);
    assert_eq!(empty.status, 204);
    assert!(empty.body.is_empty());
    assert_eq!(emu.get(&list).status, 200);
}

#[test]
fn delay_then_handle_normally_with_extra_headers() {
    let emu = start();
    let token = emu.token(None);
    emu.fault(json!({ "path": format!("/v1/organizations/{ACME}/roles"), "delay_ms": 300, "headers": { "X-Slow": "yes" } }));
    let started = Instant::now();
    let reply = emu.get(&format!(
        "/v1/organizations/{ACME}/roles?__clerk_db_jwt={token}"
    ));
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("x-slow"), Some("yes"));
    assert_eq!(reply.json()["response"]["total_count"], 5);
    let started = Instant::now();
    assert_eq!(
        emu.get(&format!(
            "/v1/organizations/{ACME}/roles?__clerk_db_jwt={token}"
        ))
        .status,
        200
    );
    assert!(started.elapsed() < Duration::from_millis(300));
}

#[test]
fn drop_closes_the_connection_without_an_answer() {
    let emu = start();
    let token = emu.token(None);
    emu.fault(json!({ "path": target_path(), "drop": true }));
    let target = member_path(ACME, ALAN, &token, Some("PATCH"));
    let result = emu.send("POST", &target, &[FORM], b"role=org%3Aadmin");
    assert!(result.is_err(), "expected no answer, got {result:?}");
    let reply = emu.post_form(&target, "role=org%3Aadmin");
    assert_eq!(reply.status, 200, "{}", reply.text());
}

#[test]
fn preflights_are_not_consumed_by_a_fault_for_any_method() {
    let emu = start();
    let token = emu.token(None);
    emu.fault(json!({ "path": target_path(), "status": 503 }));
    let preflight = emu.request(
        "OPTIONS",
        &target_path(),
        &[
            ("origin", "http://localhost:5173"),
            ("access-control-request-method", "PATCH"),
        ],
        "",
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(
        emu.post_form(
            &member_path(ACME, ALAN, &token, Some("PATCH")),
            "role=org%3Aadmin"
        )
        .status,
        503
    );
}

#[test]
fn faults_are_validated_listed_and_cleared() {
    let emu = start();
    let bad = emu.post_json(
        "/__emulator/faults",
        &json!({ "path": "/v1/x", "count": 0 }),
    );
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"].is_string());
    assert_eq!(
        emu.post_json(
            "/__emulator/faults",
            &json!({ "path": "/v1/x", "status": 42 })
        )
        .status,
        400
    );
    assert_eq!(
        emu.post_json(
            "/__emulator/faults",
            &json!({ "path": "/v1/x", "headers": { "Bad Name": "x" } })
        )
        .status,
        400
    );
    assert_eq!(
        emu.post_json(
            "/__emulator/faults",
            &json!({ "path": "/v1/x", "surprise": true })
        )
        .status,
        400
    );
    assert_eq!(
        emu.request("POST", "/__emulator/faults", &[JSON], "{not json")
            .status,
        400
    );
    emu.fault(json!({ "path": "/v1/x", "status": 500, "count": 3 }));
    emu.fault(json!({ "path": "/v1/y", "status": 500 }));
    assert_eq!(
        emu.get("/__emulator/faults")
            .json()
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert_eq!(
        emu.request("DELETE", "/__emulator/faults", &[JSON], "")
            .json(),
        json!({ "cleared": 2 })
    );
    emu.get("/v1/x").assert_error(404, "resource_not_found");
}

#[test]
fn faulted_requests_are_logged() {
    let emu = start();
    emu.fault(json!({ "path": "/v1/dev_browser", "status": 500 }));
    assert_eq!(emu.request("POST", "/v1/dev_browser", &[], "").status, 500);
    let log = emu.get("/__emulator/requests").json();
    assert_eq!(log[0]["path"], "/v1/dev_browser");
    assert_eq!(log[0]["method"], "POST");
}

/// The payload of a `Transfer-Encoding: chunked` body (RFC 9112 §7.1), and how many chunks it came in.
fn dechunk(mut raw: &[u8]) -> (Vec<u8>, usize) {
    let (mut body, mut chunks) = (Vec::new(), 0);
    loop {
        let line_end = raw
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("chunk size line");
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..line_end]).expect("hex"), 16)
            .expect("chunk size");
        raw = &raw[line_end + 2..];
        if size == 0 {
            return (body, chunks);
        }
        body.extend_from_slice(&raw[..size]);
        chunks += 1;
        raw = &raw[size + 2..];
    }
}

#[test]
fn size_pads_with_json_whitespace_and_chunked_sends_no_content_length() {
    let emu = start();
    let token = emu.token(None);
    let path = format!("/v1/organizations/{ACME}/memberships");
    let list = members_path(ACME, &token, "");
    // A faked answer, padded: the declared length is the padded one, and it is still the same JSON.
    emu.fault(json!({ "path": path, "status": 503, "body": "{\"errors\":[]}", "size": 300_000 }));
    let padded = emu.get(&list);
    assert_eq!(padded.status, 503);
    assert_eq!(padded.header("content-length"), Some("300000"));
    assert_eq!(padded.body.len(), 300_000);
    assert_eq!(padded.json(), json!({ "errors": [] }));
    // The real answer, padded and sent in 64 KiB chunks: no Content-Length, the real list inside.
    emu.fault(json!({ "path": path, "size": 200_000, "chunked": true }));
    let streamed = emu.get(&list);
    assert_eq!(streamed.status, 200);
    assert_eq!(streamed.header("content-length"), None);
    assert_eq!(streamed.header("transfer-encoding"), Some("chunked"));
    let (body, chunks) = dechunk(&streamed.body);
    assert_eq!((body.len(), chunks), (200_000, 4));
    let json: serde_json::Value = serde_json::from_slice(&body).expect("still JSON");
    assert_eq!(json["response"]["total_count"], 8);
    // A body already longer than `size` is left as it is; the faults are used up.
    emu.fault(json!({ "path": path, "status": 500, "body": "{\"errors\":[]}", "size": 3 }));
    assert_eq!(emu.get(&list).body, b"{\"errors\":[]}");
    let normal = emu.get(&list);
    assert_eq!(normal.header("transfer-encoding"), None);
    assert!(normal.header("content-length").is_some());
    for bad in [
        json!({ "path": path, "size": 268_435_457 }),
        json!({ "path": path, "status": 204, "chunked": true }),
        json!({ "path": path, "chunked": true, "headers": { "Content-Length": "5" } }),
    ] {
        assert_eq!(
            emu.post_json("/__emulator/faults", &bad).status,
            400,
            "{bad}"
        );
    }
}
