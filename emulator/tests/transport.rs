//! The transport around the rules: authentication (development and production), content types, CORS,
//! the catch-all, the request log, reset, token rotation and static files.

mod common;
use clerk_fapi_emulator::{Config, StaticMount};
use common::*;
use serde_json::json;

#[test]
fn dev_browser_tokens_authenticate_and_bad_ones_are_refused() {
    let emu = start();
    let reply = emu.request("POST", "/v1/dev_browser", &[], "");
    assert_eq!(reply.status, 200, "{}", reply.text());
    let body = reply.json();
    assert_eq!(body["object"], "dev_browser");
    assert!(body.get("response").is_none(), "not enveloped");
    assert_eq!(
        body["user_id"], ADA,
        "default: the first admin of the first organization"
    );
    let token = body["id"].as_str().expect("id").to_owned();
    assert_eq!(emu.get(&members_path(ACME, &token, "")).status, 200);
    emu.get(&format!(
        "/v1/organizations/{ACME}/memberships?paginated=true"
    ))
    .assert_error(401, "dev_browser_unauthenticated");
    emu.get(&members_path(ACME, "dvb_2bogus", ""))
        .assert_error(401, "dev_browser_unauthenticated");
    emu.get(&members_path(ACME, "", ""))
        .assert_error(401, "dev_browser_unauthenticated");
    let error = emu
        .request("POST", "/v1/dev_browser?user_id=user_2nobody", &[], "")
        .assert_error(404, "resource_not_found");
    assert_eq!(error["meta"]["param_name"], "user_id");
    // The token can also travel as a cookie (same-site development setups).
    let cookie = format!("__clerk_db_jwt={token}");
    let reply = emu.request(
        "GET",
        &format!("/v1/organizations/{ACME}/roles"),
        &[("cookie", &cookie)],
        "",
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
}

#[test]
fn dev_browser_can_sign_in_a_chosen_user() {
    let emu = start();
    let token = emu.token(Some(HEDY));
    let mine = emu
        .get(&format!(
            "/v1/me/organization_memberships?paginated=true&__clerk_db_jwt={token}"
        ))
        .json();
    assert_eq!(mine["client"]["sessions"][0]["user"]["id"], HEDY);
    assert_eq!(mine["response"]["data"][0]["organization"]["id"], GLOBEX);
}

#[test]
fn session_id_must_name_a_session_of_the_client() {
    let emu = start();
    let ada = emu.request("POST", "/v1/dev_browser", &[], "").json();
    let hedy = emu
        .request("POST", &format!("/v1/dev_browser?user_id={HEDY}"), &[], "")
        .json();
    let token = ada["id"].as_str().expect("token");
    let own = format!(
        "{}&_clerk_session_id={}",
        members_path(ACME, token, ""),
        ada["session_id"].as_str().expect("sess")
    );
    assert_eq!(emu.get(&own).status, 200);
    let other = format!(
        "/v1/organizations/{ACME}/roles?_clerk_session_id={}&__clerk_db_jwt={token}",
        hedy["session_id"].as_str().expect("sess")
    );
    emu.get(&other).assert_error(401, "authentication_invalid");
    let unknown = format!(
        "/v1/organizations/{ACME}/roles?_clerk_session_id=sess_2nope&__clerk_db_jwt={token}"
    );
    emu.get(&unknown)
        .assert_error(401, "authentication_invalid");
}

#[test]
fn multi_session_client_picks_the_named_session() {
    let emu = start();
    let token = emu.token(Some(ADA));
    let signed = emu
        .post_json(
            "/__emulator/sign_in",
            &json!({ "user_id": HEDY, "token": token }),
        )
        .json();
    assert_eq!(signed["token"], token.as_str());
    let hedy_session = signed["session_id"].as_str().expect("session");
    // Without `_clerk_session_id`: the last active session (Hedy's).
    let mine = emu
        .get(&format!(
            "/v1/me/organization_memberships?paginated=true&__clerk_db_jwt={token}"
        ))
        .json();
    assert_eq!(mine["client"]["sessions"].as_array().map(Vec::len), Some(2));
    assert_eq!(mine["client"]["last_active_session_id"], hedy_session);
    assert_eq!(mine["response"]["total_count"], 1);
    let ada_session = mine["client"]["sessions"][0]["id"]
        .as_str()
        .expect("ada")
        .to_owned();
    let as_ada = format!("/v1/me/organization_memberships?paginated=true&_clerk_session_id={ada_session}&__clerk_db_jwt={token}");
    assert_eq!(emu.get(&as_ada).json()["response"]["total_count"], 2);
}

#[test]
fn production_uses_the_client_cookie() {
    let emu = start_production();
    // No dev browser in production.
    emu.request("POST", "/v1/dev_browser", &[], "")
        .assert_error(404, "resource_not_found");
    let signed = emu
        .post_json("/__emulator/sign_in", &json!({ "user_id": GRACE }))
        .json();
    assert_eq!(
        keys(&signed),
        [
            "client_cookie",
            "client_id",
            "session_id",
            "token",
            "user_id"
        ]
    );
    let cookie = format!(
        "theme=dark; __client={}",
        signed["client_cookie"].as_str().expect("cookie")
    );
    let path = format!("/v1/organizations/{ACME}/memberships?paginated=true");
    let reply = emu.request("GET", &path, &[("cookie", &cookie)], "");
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.json()["client"]["sessions"][0]["user"]["id"], GRACE);
    emu.get(&path).assert_error(401, "authentication_invalid");
    emu.request("GET", &path, &[("cookie", "__client=ct_2bogus")], "")
        .assert_error(401, "authentication_invalid");
    // A dev-browser token means nothing in production.
    emu.get(&format!(
        "{path}&__clerk_db_jwt={}",
        signed["token"].as_str().expect("token")
    ))
    .assert_error(401, "authentication_invalid");
    // Header mode: Authorization + _is_native=1.
    let auth = signed["client_cookie"].as_str().expect("cookie");
    let native = format!("{path}&_is_native=1");
    assert_eq!(
        emu.request("GET", &native, &[("authorization", auth)], "")
            .status,
        200
    );
    emu.request("GET", &native, &[("authorization", "ct_2bogus")], "")
        .assert_error(401, "authentication_invalid");
    // FAPI rejects a request carrying both Origin and Authorization.
    emu.request(
        "GET",
        &native,
        &[("authorization", auth), ("origin", "http://localhost:5173")],
        "",
    )
    .assert_error(400, "origin_authorization_headers_conflict");
}

#[test]
fn other_content_types_are_refused_with_415() {
    let emu = start();
    let token = emu.token(None);
    let target = member_path(ACME, ALAN, &token, Some("PATCH"));
    emu.request(
        "POST",
        &target,
        &[("content-type", "application/json")],
        r#"{"role":"org:admin"}"#,
    )
    .assert_error(415, "unsupported_content_type");
    emu.request(
        "POST",
        &target,
        &[("content-type", "multipart/form-data; boundary=x")],
        "--x--",
    )
    .assert_error(415, "unsupported_content_type");
    emu.request("POST", &target, &[], "role=org%3Aadmin")
        .assert_error(415, "unsupported_content_type");
    let ok = emu.request(
        "POST",
        &target,
        &[(
            "content-type",
            "application/x-www-form-urlencoded; charset=UTF-8",
        )],
        "role=org%3Asupport",
    );
    assert_eq!(ok.status, 200, "{}", ok.text());
}

#[test]
fn unknown_requests_get_the_catch_all_naming_them() {
    let emu = start();
    let token = emu.token(None);
    let error = emu
        .get(&format!("/v1/foo?__clerk_db_jwt={token}"))
        .assert_error(404, "resource_not_found");
    assert_eq!(error["message"], "unexpected request: GET /v1/foo");
    let error = emu
        .post_form(&format!("/v1/organizations/{ACME}/roles?_method=PUT"), "")
        .assert_error(404, "resource_not_found");
    assert_eq!(
        error["message"],
        format!("unexpected request: PUT /v1/organizations/{ACME}/roles")
    );
    emu.get("/nothing-here")
        .assert_error(404, "resource_not_found");
    emu.get("/__emulator/nothing")
        .assert_error(404, "resource_not_found");
    // Garbage does not crash a handler.
    let reply = emu.request(
        "POST",
        &format!("/v1/organizations/%FF%FE/memberships/x?_method=PATCH&__clerk_db_jwt={token}"),
        &[FORM],
        "role=%FF",
    );
    assert_eq!(reply.status, 404);
    assert_eq!(emu.get(&members_path(ACME, &token, "")).status, 200);
}

#[test]
fn cors_on_answers_and_preflights() {
    let emu = start();
    let token = emu.token(None);
    let origin = ("origin", "http://localhost:8080");
    let reply = emu.request("GET", &members_path(ACME, &token, ""), &[origin], "");
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("access-control-allow-origin"),
        Some("http://localhost:8080")
    );
    assert_eq!(
        reply.header("access-control-allow-credentials"),
        Some("true")
    );
    let exposed = reply
        .header("access-control-expose-headers")
        .unwrap_or_default()
        .to_ascii_lowercase();
    for name in ["clerk-db-jwt", "retry-after", "authorization"] {
        assert!(exposed.contains(name), "{exposed}");
    }
    // Errors carry CORS too, or the page could not read them.
    let error = emu.request("GET", &members_path(ACME, "bad", ""), &[origin], "");
    assert_eq!(error.status, 401);
    assert_eq!(
        error.header("access-control-allow-origin"),
        Some("http://localhost:8080")
    );
    let preflight = emu.request(
        "OPTIONS",
        &member_path(ACME, ALAN, &token, None),
        &[
            origin,
            ("access-control-request-method", "PATCH"),
            ("access-control-request-headers", "content-type"),
        ],
        "",
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(
        preflight.header("access-control-allow-origin"),
        Some("http://localhost:8080")
    );
    assert_eq!(
        preflight.header("access-control-allow-credentials"),
        Some("true")
    );
    assert!(preflight
        .header("access-control-allow-methods")
        .unwrap_or_default()
        .contains("PATCH"));
    assert_eq!(
        preflight.header("access-control-allow-headers"),
        Some("content-type")
    );
    // No Origin, no CORS headers.
    assert!(emu
        .get(&members_path(ACME, &token, ""))
        .header("access-control-allow-origin")
        .is_none());
    // Control endpoints answer the emulator's own origin, not an app's (tests/security.rs has the rest).
    let own = format!("http://{}", emu.addr);
    let log = emu.request("GET", "/__emulator/requests", &[("origin", &own)], "");
    assert_eq!(
        log.header("access-control-allow-origin"),
        Some(own.as_str())
    );
    let log = emu.request("GET", "/__emulator/requests", &[origin], "");
    log.assert_error(403, "origin_invalid");
}

#[test]
fn request_log_records_the_transport_method_query_headers_and_body() {
    let emu = start();
    let token = emu.token(None);
    assert_eq!(
        emu.request("DELETE", "/__emulator/requests", &[JSON], "")
            .status,
        200
    );
    let target = format!(
        "/v1/organizations/{ACME}/memberships/{ALAN}?__clerk_api_version=2026-08-20&_clerk_js_version=6.40.0&_method=PATCH&__clerk_db_jwt={token}"
    );
    let reply = emu.request(
        "POST",
        &target,
        &[FORM, ("origin", "http://localhost:5173"), ("cookie", "a=b")],
        "role=org%3Abilling",
    );
    assert_eq!(reply.status, 200);
    emu.get("/not-logged");
    let log = emu.get("/__emulator/requests").json();
    let entries = log.as_array().expect("array");
    assert_eq!(entries.len(), 1, "{log}");
    let entry = &entries[0];
    assert_eq!(entry["method"], "POST");
    assert_eq!(
        entry["path"],
        format!("/v1/organizations/{ACME}/memberships/{ALAN}")
    );
    assert_eq!(
        entry["query"],
        json!([
            ["__clerk_api_version", "2026-08-20"],
            ["_clerk_js_version", "6.40.0"],
            ["_method", "PATCH"],
            ["__clerk_db_jwt", token]
        ])
    );
    assert_eq!(entry["raw_query"], target.split_once('?').expect("query").1);
    assert_eq!(
        entry["headers"],
        json!({ "content-type": "application/x-www-form-urlencoded", "origin": "http://localhost:5173", "cookie": "a=b" })
    );
    assert_eq!(entry["body"], "role=org%3Abilling");
    let cleared = emu
        .request("DELETE", "/__emulator/requests", &[JSON], "")
        .json();
    assert_eq!(cleared["cleared"], 1);
    assert_eq!(emu.get("/__emulator/requests").json(), json!([]));
}

#[test]
fn reset_returns_to_the_seed_and_forgets_tokens() {
    let emu = start();
    let token = emu.token(None);
    assert_eq!(
        emu.post_form(&member_path(ACME, ALAN, &token, Some("DELETE")), "")
            .status,
        200
    );
    emu.fault(json!({ "path": "/v1/anything", "status": 500 }));
    let reply = emu.request("POST", "/__emulator/reset", &[JSON], "");
    assert_eq!(reply.json(), json!({ "reset": true }));
    emu.get(&members_path(ACME, &token, ""))
        .assert_error(401, "dev_browser_unauthenticated");
    let token = emu.token(None);
    assert_eq!(
        emu.get(&members_path(ACME, &token, "")).json()["response"]["total_count"],
        8
    );
    assert_eq!(emu.get("/__emulator/faults").json(), json!([]));
    let state = emu.get("/__emulator/state").json();
    let seeded = clerk_fapi_emulator::Seed::default_seed().memberships.len();
    assert_eq!(state["memberships"].as_array().map(Vec::len), Some(seeded));
}

#[test]
fn token_rotation_sends_a_fresh_dev_token_that_works() {
    let emu = start();
    let token = emu.token(None);
    let settings = emu
        .post_json("/__emulator/settings", &json!({ "rotate_tokens": true }))
        .json();
    assert_eq!(
        settings,
        json!({ "instance": "development", "rotate_tokens": true })
    );
    let reply = emu.get(&members_path(ACME, &token, ""));
    let fresh = reply
        .header("clerk-db-jwt")
        .expect("Clerk-Db-Jwt")
        .to_owned();
    assert_ne!(fresh, token);
    assert_eq!(emu.get(&members_path(ACME, &fresh, "")).status, 200);
    emu.post_json("/__emulator/settings", &json!({ "rotate_tokens": false }));
    assert!(emu
        .get(&members_path(ACME, &fresh, ""))
        .header("clerk-db-jwt")
        .is_none());
}

#[test]
fn static_files_with_content_types_and_no_escape() {
    let root = std::env::temp_dir().join(format!("clerk-emu-static-{}", std::process::id()));
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).expect("mkdir");
    std::fs::write(root.join("index.html"), "<h1>demo</h1>").expect("write");
    std::fs::write(pkg.join("clerk_membership_bg.wasm"), b"\0asm\x01\0\0\0").expect("write");
    std::fs::write(pkg.join("clerk_membership.js"), "export {}").expect("write");
    let www = root.join("www");
    std::fs::create_dir_all(&www).expect("mkdir");
    std::fs::write(www.join("index.html"), "<h1>www</h1>").expect("write");
    std::fs::write(www.join("app.mjs"), "export {}").expect("write");
    let config = Config {
        statics: vec![
            StaticMount {
                prefix: "/".into(),
                dir: www.clone(),
            },
            StaticMount {
                prefix: "/pkg".into(),
                dir: pkg.clone(),
            },
        ],
        ..Config::default()
    };
    let emu = start_with(config);
    let index = emu.get("/");
    assert_eq!(index.status, 200);
    assert_eq!(index.text(), "<h1>www</h1>");
    assert!(index
        .header("content-type")
        .unwrap_or_default()
        .starts_with("text/html"));
    let wasm = emu.get("/pkg/clerk_membership_bg.wasm");
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(wasm.body, b"\0asm\x01\0\0\0");
    assert!(emu
        .get("/pkg/clerk_membership.js")
        .header("content-type")
        .unwrap_or_default()
        .starts_with("text/javascript"));
    assert!(emu
        .get("/app.mjs")
        .header("content-type")
        .unwrap_or_default()
        .starts_with("text/javascript"));
    assert_eq!(emu.get("/pkg/../index.html").status, 404);
    assert_eq!(emu.get("/pkg/%2e%2e/index.html").status, 404);
    assert_eq!(emu.get("/pkg/..%2findex.html").status, 404);
    assert_eq!(emu.get("/missing.js").status, 404);
    // Statics never shadow the API.
    emu.get("/v1/dev_browser")
        .assert_error(404, "resource_not_found");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_custom_seed_replaces_the_default() {
    let seed = clerk_fapi_emulator::Seed::from_json(
        r#"{
          "permissions": [{ "id": "perm_1", "key": "org:sys_memberships:manage", "name": "Manage", "type": "system", "created_at": 1700000000000, "updated_at": 1700000000000 },
                          { "id": "perm_2", "key": "org:sys_memberships:read", "name": "Read", "type": "system", "created_at": 1700000000000, "updated_at": 1700000000000 }],
          "roles": [{ "id": "role_1", "key": "org:admin", "name": "Admin", "permissions": ["org:sys_memberships:manage", "org:sys_memberships:read"], "created_at": 1700000000000, "updated_at": 1700000000000 }],
          "organizations": [{ "id": "org_solo", "name": "Solo", "created_at": 1700000000000, "updated_at": 1700000000000 }],
          "users": [{ "id": "user_solo", "first_name": null, "email_address": "solo@x.test", "created_at": 1700000000000, "updated_at": 1700000000000 }],
          "memberships": [{ "id": "orgmem_solo", "organization_id": "org_solo", "user_id": "user_solo", "role": "org:admin", "created_at": 1700000000000, "updated_at": 1700000000000 }]
        }"#,
    )
    .expect("seed");
    let emu = start_with(Config {
        seed,
        ..Config::default()
    });
    let dev = emu.request("POST", "/v1/dev_browser", &[], "").json();
    assert_eq!(dev["user_id"], "user_solo");
    let token = dev["id"].as_str().expect("token");
    let list = emu.get(&members_path("org_solo", token, "")).json();
    let member = &list["response"]["data"][0];
    assert_membership_shape(member);
    assert_eq!(
        member["public_user_data"]["first_name"],
        serde_json::Value::Null
    );
    assert_eq!(member["organization"]["slug"], serde_json::Value::Null);
    emu.post_form(
        &member_path("org_solo", "user_solo", token, Some("DELETE")),
        "",
    )
    .assert_error(400, "organization_minimum_permissions_needed");
}
