//! The endpoints clerk-js calls on `load()` and for its session: environment, client, touch, tokens.
//! Over real HTTP, shaped as clerk-js 6.40.0 reads them (bench/clerk-js-probe.mjs runs the real bundle).

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use clerk_fapi_emulator::jwt;
use common::*;
use serde_json::{json, Value};

const Q: &str = "__clerk_api_version=2026-08-20&_clerk_js_version=6.40.0";

/// A dev-browser token and its session id.
fn signed_in(emu: &Emulator, user: Option<&str>) -> (String, String) {
    let target = match user {
        Some(u) => format!("/v1/dev_browser?user_id={u}"),
        None => "/v1/dev_browser".to_owned(),
    };
    let body = emu.request("POST", &target, &[], "").json();
    (
        body["id"].as_str().expect("token").to_owned(),
        body["session_id"].as_str().expect("session").to_owned(),
    )
}

fn base64url_decode(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD
        .decode(text)
        .unwrap_or_else(|e| panic!("not base64url ({e}): {text}"))
}

/// Splits and checks a JWT as clerk-js does (three non-empty base64url JSON parts), and its HS256 signature.
fn decode_jwt(token: &str) -> (Value, Value) {
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "{token}");
    assert!(parts.iter().all(|p| !p.is_empty()), "{token}");
    let header: Value = serde_json::from_slice(&base64url_decode(parts[0])).expect("header");
    let claims: Value = serde_json::from_slice(&base64url_decode(parts[1])).expect("claims");
    let input = format!("{}.{}", parts[0], parts[1]);
    assert_eq!(
        base64url_decode(parts[2]),
        jwt::hmac_sha256(jwt::SECRET, input.as_bytes()).to_vec(),
        "signature"
    );
    (header, claims)
}

fn token_for(emu: &Emulator, token: &str, session: &str, body: &str) -> Reply {
    emu.post_form(
        &format!("/v1/client/sessions/{session}/tokens?{Q}&__clerk_db_jwt={token}"),
        body,
    )
}

#[test]
fn environment_is_a_development_instance_with_organizations() {
    let emu = start();
    let (token, _) = signed_in(&emu, None);
    // clerk-js on a development instance sends PATCH (tunnelled) with an empty form; GET works too.
    let patched = emu.post_form(
        &format!("/v1/environment?{Q}&_method=PATCH&__clerk_db_jwt={token}"),
        "",
    );
    assert_eq!(patched.status, 200, "{}", patched.text());
    let got = emu.get(&format!("/v1/environment?{Q}&__clerk_db_jwt={token}"));
    assert_eq!(got.status, 200, "{}", got.text());
    let env = got.json();
    assert_eq!(env, patched.json());
    // Not enveloped.
    assert!(env.get("response").is_none(), "{env}");
    assert_eq!(env["object"], "environment");
    assert_eq!(env["auth_config"]["object"], "auth_config");
    assert_eq!(env["auth_config"]["single_session_mode"], false);
    let display = &env["display_config"];
    assert_eq!(display["object"], "display_config");
    assert_eq!(display["instance_environment_type"], "development");
    assert_eq!(display["captcha_public_key"], Value::Null);
    assert_eq!(display["preferred_sign_in_strategy"], "password");
    let attributes = &env["user_settings"]["attributes"];
    assert_eq!(attributes["email_address"]["enabled"], true);
    assert_eq!(attributes["email_address"]["used_for_first_factor"], true);
    assert_eq!(attributes["password"]["enabled"], true);
    assert_eq!(env["user_settings"]["sign_up"]["mode"], "public");
    let orgs = &env["organization_settings"];
    assert_eq!(orgs["enabled"], true);
    assert_eq!(orgs["max_allowed_memberships"], 20);
    assert_eq!(orgs["actions"]["admin_delete"], true);
    assert_eq!(orgs["domains"]["enabled"], false);
    // clerk-js reads commerce_settings.billing.{organization,user}.* without checks.
    let billing = &env["commerce_settings"]["billing"];
    assert_eq!(billing["organization"]["enabled"], false);
    assert_eq!(billing["user"]["has_paid_plans"], false);
    assert_eq!(env["maintenance_mode"], false);

    // A development instance needs a dev browser, like every other endpoint.
    emu.get(&format!("/v1/environment?{Q}"))
        .assert_error(401, "dev_browser_unauthenticated");
    emu.get(&format!("/v1/environment?{Q}&__clerk_db_jwt=dvb_2bogus"))
        .assert_error(401, "dev_browser_unauthenticated");
    // A tunnelled PATCH is a form request.
    emu.request(
        "POST",
        &format!("/v1/environment?{Q}&_method=PATCH&__clerk_db_jwt={token}"),
        &[("content-type", "application/json")],
        "{}",
    )
    .assert_error(415, "unsupported_content_type");
    // Other methods are unknown.
    emu.post_form(&format!("/v1/environment?__clerk_db_jwt={token}"), "")
        .assert_error(404, "resource_not_found");
}

#[test]
fn production_environment_needs_no_client() {
    let emu = start_production();
    let env = emu.get(&format!("/v1/environment?{Q}"));
    assert_eq!(env.status, 200, "{}", env.text());
    let env = env.json();
    assert_eq!(
        env["display_config"]["instance_environment_type"],
        "production"
    );
    assert_eq!(env["display_config"]["show_devmode_warning"], false);
}

#[test]
fn client_is_the_callers_client_enveloped() {
    let emu = start();
    let (token, session) = signed_in(&emu, None);
    let reply = emu.get(&format!("/v1/client?{Q}&__clerk_db_jwt={token}"));
    assert_eq!(reply.status, 200, "{}", reply.text());
    let body = reply.json();
    assert_eq!(body["client"], Value::Null, "{body}");
    let client = &body["response"];
    assert_eq!(client["object"], "client");
    assert_eq!(client["last_active_session_id"], session.as_str());
    let sessions = client["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0]["id"], session.as_str());
    assert_eq!(sessions[0]["status"], "active");
    assert_eq!(sessions[0]["last_active_organization_id"], ACME);
    let user = &sessions[0]["user"];
    assert_eq!(user["id"], ADA);
    assert_eq!(user["first_name"], "Ada");
    let memberships = user["organization_memberships"].as_array().expect("list");
    let orgs: Vec<&str> = memberships
        .iter()
        .map(|m| m["organization"]["id"].as_str().expect("org"))
        .collect();
    assert_eq!(orgs, [ACME, GLOBEX]);
    // The same client as the envelope of a membership call.
    let listed = emu.get(&format!(
        "/v1/me/organization_memberships?paginated=true&__clerk_db_jwt={token}"
    ));
    assert_eq!(listed.json()["client"], *client);

    emu.get(&format!("/v1/client?{Q}"))
        .assert_error(401, "dev_browser_unauthenticated");
    emu.get(&format!("/v1/client?{Q}&__clerk_db_jwt=dvb_2bogus"))
        .assert_error(401, "dev_browser_unauthenticated");
}

#[test]
fn production_client_is_null_when_signed_out() {
    let emu = start_production();
    let reply = emu.get(&format!("/v1/client?{Q}"));
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.json(), json!({ "response": null, "client": null }));
    let signed = emu
        .post_json("/__emulator/sign_in", &json!({ "user_id": GRACE }))
        .json();
    let cookie = format!("__client={}", signed["client_cookie"].as_str().expect("c"));
    let reply = emu.request(
        "GET",
        &format!("/v1/client?{Q}"),
        &[("cookie", &cookie)],
        "",
    );
    assert_eq!(reply.json()["response"]["sessions"][0]["user"]["id"], GRACE);
}

#[test]
fn touch_switches_the_active_organization() {
    let emu = start();
    let (token, session) = signed_in(&emu, None);
    let touch = |body: &str| {
        emu.post_form(
            &format!("/v1/client/sessions/{session}/touch?{Q}&__clerk_db_jwt={token}"),
            body,
        )
    };
    // What clerk-js sends for setActive({ organization }).
    let reply = touch(&format!(
        "active_organization_id={GLOBEX}&intent=select_org"
    ));
    assert_eq!(reply.status, 200, "{}", reply.text());
    let body = reply.json();
    assert_eq!(body["response"]["object"], "session");
    assert_eq!(body["response"]["id"], session.as_str());
    assert_eq!(body["response"]["last_active_organization_id"], GLOBEX);
    assert_eq!(body["response"]["user"]["id"], ADA);
    assert_eq!(
        body["client"]["sessions"][0]["last_active_organization_id"],
        GLOBEX
    );
    let first_update = body["response"]["updated_at"].as_i64().expect("ms");
    // No key: unchanged; the session's clock moves.
    let body = touch("intent=focus").json();
    assert_eq!(body["response"]["last_active_organization_id"], GLOBEX);
    assert!(body["response"]["updated_at"].as_i64().expect("ms") > first_update);
    // Empty (clerk-js's null): the personal account.
    let body = touch("active_organization_id=").json();
    assert_eq!(body["response"]["last_active_organization_id"], Value::Null);
    // The client sees it.
    let client = emu
        .get(&format!("/v1/client?__clerk_db_jwt={token}"))
        .json();
    assert_eq!(
        client["response"]["sessions"][0]["last_active_organization_id"],
        Value::Null
    );

    touch("color=blue").assert_error(422, "form_param_unknown");
    emu.post_form(
        &format!("/v1/client/sessions/sess_2nope/touch?__clerk_db_jwt={token}"),
        "",
    )
    .assert_error(404, "resource_not_found");
    emu.post_form(&format!("/v1/client/sessions/{session}/touch"), "")
        .assert_error(401, "dev_browser_unauthenticated");
    // Tim belongs to no organization.
    let (tim_token, tim_session) = signed_in(&emu, Some(TIM));
    emu.post_form(
        &format!("/v1/client/sessions/{tim_session}/touch?__clerk_db_jwt={tim_token}"),
        &format!("active_organization_id={ACME}"),
    )
    .assert_error(404, "organization_not_found_or_unauthorized");
    // Another client's session is not found through this token.
    emu.post_form(
        &format!("/v1/client/sessions/{session}/touch?__clerk_db_jwt={tim_token}"),
        "",
    )
    .assert_error(404, "resource_not_found");
}

#[test]
fn tokens_are_hs256_session_jwts_with_the_active_organization() {
    let emu = start();
    let (token, session) = signed_in(&emu, None);
    // What clerk-js sends from session.getToken().
    let reply = emu.request(
        "POST",
        &format!("/v1/client/sessions/{session}/tokens?{Q}&__clerk_db_jwt={token}"),
        &[FORM, ("origin", "http://127.0.0.1:8080")],
        &format!("organization_id={ACME}&tab_state=focused"),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    let body = reply.json();
    // Not enveloped.
    assert_eq!(keys(&body), ["jwt", "object"]);
    assert_eq!(body["object"], "token");
    let (header, claims) = decode_jwt(body["jwt"].as_str().expect("jwt"));
    assert_eq!(header["alg"], "HS256");
    assert_eq!(header["typ"], "JWT");
    assert_eq!(claims["sub"], ADA);
    assert_eq!(claims["sid"], session.as_str());
    assert_eq!(claims["v"], 2);
    assert_eq!(claims["sts"], "active");
    assert_eq!(claims["azp"], "http://127.0.0.1:8080");
    assert_eq!(claims["iss"], format!("http://{}", emu.addr));
    let iat = claims["iat"].as_i64().expect("iat");
    assert_eq!(claims["exp"].as_i64().expect("exp") - iat, 60);
    assert!(claims["nbf"].as_i64().expect("nbf") < iat);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    assert!((iat - now).abs() < 60, "iat {iat} now {now}");
    assert_eq!(
        claims["o"],
        json!({ "id": ACME, "rol": "admin", "slg": "acme-rockets" })
    );
    // Admin has only system permissions: no feature claims.
    assert!(claims.get("fea").is_none(), "{claims}");

    // Without organization_id: the session's active organization; empty: none.
    let (_, claims) = decode_jwt(
        token_for(&emu, &token, &session, "").json()["jwt"]
            .as_str()
            .expect("jwt"),
    );
    assert_eq!(claims["o"]["id"], ACME);
    let (_, claims) = decode_jwt(
        token_for(&emu, &token, &session, "organization_id=").json()["jwt"]
            .as_str()
            .expect("jwt"),
    );
    assert!(claims.get("o").is_none(), "{claims}");
    let (_, claims) = decode_jwt(
        token_for(&emu, &token, &session, &format!("organization_id={GLOBEX}")).json()["jwt"]
            .as_str()
            .expect("jwt"),
    );
    assert_eq!(
        claims["o"],
        json!({ "id": GLOBEX, "rol": "member", "slg": "globex-labs" })
    );

    token_for(&emu, &token, &session, "audience=x").assert_error(422, "form_param_unknown");
    token_for(&emu, &token, "sess_2nope", "").assert_error(404, "resource_not_found");
    emu.post_form(&format!("/v1/client/sessions/{session}/tokens"), "")
        .assert_error(401, "dev_browser_unauthenticated");
    // The emulator has no JWT templates.
    emu.post_form(
        &format!("/v1/client/sessions/{session}/tokens/supabase?__clerk_db_jwt={token}"),
        "",
    )
    .assert_error(404, "resource_not_found");
}

#[test]
fn tokens_encode_custom_permissions_compactly() {
    let emu = start();
    // Katherine is billing manager in Acme: org:sys_memberships:read (system) and org:invoices:manage.
    let (token, session) = signed_in(&emu, Some(KATHERINE));
    let (_, claims) = decode_jwt(
        token_for(&emu, &token, &session, "").json()["jwt"]
            .as_str()
            .expect("jwt"),
    );
    assert_eq!(claims["sub"], KATHERINE);
    assert_eq!(claims["fea"], "o:invoices");
    assert_eq!(
        claims["o"],
        json!({ "id": ACME, "rol": "billing", "slg": "acme-rockets", "per": "manage", "fpm": "1" })
    );
}

#[test]
fn a_token_follows_a_role_change() {
    let emu = start();
    let (ada, _) = signed_in(&emu, None);
    let (alan_token, alan_session) = signed_in(&emu, Some(ALAN));
    let reply = emu.post_form(
        &member_path(ACME, ALAN, &ada, Some("PATCH")),
        "role=org%3Asupport",
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    let (_, claims) = decode_jwt(
        token_for(&emu, &alan_token, &alan_session, "").json()["jwt"]
            .as_str()
            .expect("jwt"),
    );
    assert_eq!(claims["o"]["rol"], "support");
    assert_eq!(claims["fea"], "o:tickets");
}
