//! Host tests of the wire: publishable keys and base URLs (WIRE.md §1), query order and encoding
//! (§2), method tunnelling and form bodies (§3–§4), envelopes (§5) and error bodies (§7), with the
//! vectors of ../shared/spec/fixtures/.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use clerk_membership::fapi::request::{check_id, endpoint};
use clerk_membership::fapi::{
    ApiError, AuthMode, Config, ConfigInput, Envelope, InstanceType, ListParams, MemberCall,
    MemberParams, Method, PublishableKey, Query, Request, StatusListParams, UpdateParams,
};
use clerk_membership::model::{Invitation, Item, Kind, Membership};
use common::{fixture, snapshot};
use serde_json::{json, Value};

const DEV_KEY: &str = "pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk";
const LIVE_KEY: &str = "pk_live_ZmFrZS1jbGVyay10ZXN0LmNsZXJrLmFjY291bnRzLmRldiQ";

fn config(input: ConfigInput) -> Config {
    Config::new(input).expect("valid configuration")
}

fn key(key: &str) -> ConfigInput {
    ConfigInput {
        publishable_key: Some(key.to_owned()),
        ..ConfigInput::default()
    }
}

#[test]
fn every_valid_key_vector_decodes_to_its_host_and_instance() {
    let vectors = fixture("publishable-keys.json");
    for vector in vectors["valid"].as_array().unwrap() {
        let parsed = PublishableKey::parse(vector["key"].as_str().unwrap()).expect("valid");
        assert_eq!(parsed.frontend_api, vector["frontendApi"].as_str().unwrap());
        let instance = match parsed.instance_type {
            InstanceType::Development => "development",
            InstanceType::Production => "production",
        };
        assert_eq!(instance, vector["instanceType"]);
    }
}

#[test]
fn every_invalid_key_vector_is_refused_with_a_code_and_what_was_expected() {
    let vectors = fixture("publishable-keys.json");
    for vector in vectors["invalid"].as_array().unwrap() {
        let error = PublishableKey::parse(vector.as_str().unwrap()).expect_err("invalid");
        assert_eq!(error.code(), "invalid_publishable_key", "{vector}");
        assert!(error.to_string().contains("pk_test_"), "{error}");
    }
    assert_eq!(
        Config::new(ConfigInput::default()).unwrap_err().code(),
        "missing_publishable_key"
    );
}

#[test]
fn base_urls_follow_wire_section_1() {
    assert_eq!(
        config(key(DEV_KEY)).base_url,
        "https://foo-bar-13.clerk.accounts.dev/v1"
    );
    let proxied = |proxy: &str| {
        config(ConfigInput {
            proxy_url: Some(proxy.to_owned()),
            ..key(DEV_KEY)
        })
        .base_url
    };
    assert_eq!(
        proxied("https://app.example.com/__clerk/"),
        "https://app.example.com/__clerk/v1"
    );
    assert_eq!(
        proxied("https://app.example.com/__clerk"),
        "https://app.example.com/__clerk/v1"
    );
    assert_eq!(
        proxied("http://127.0.0.1:4010/"),
        "http://127.0.0.1:4010/v1"
    );
    assert_eq!(proxied("http://127.0.0.1:4010"), "http://127.0.0.1:4010/v1");
    let domain = |key_: &str, domain: &str| {
        config(ConfigInput {
            domain: Some(domain.to_owned()),
            ..key(key_)
        })
        .base_url
    };
    assert_eq!(
        domain(LIVE_KEY, "clerk.example.com"),
        "https://clerk.example.com/v1"
    );
    assert_eq!(
        domain(LIVE_KEY, "https://clerk.example.com/"),
        "https://clerk.example.com/v1"
    );
    assert_eq!(
        domain(DEV_KEY, "clerk.example.com"),
        "https://foo-bar-13.clerk.accounts.dev/v1"
    );
    for (proxy, code) in [
        ("/__clerk", "invalid_proxy_url"),
        ("https://a b/", "invalid_proxy_url"),
        ("https://x.test/?q", "invalid_proxy_url"),
    ] {
        let error = Config::new(ConfigInput {
            proxy_url: Some(proxy.to_owned()),
            ..key(DEV_KEY)
        })
        .unwrap_err();
        assert_eq!(error.code(), code, "{proxy}");
    }
    let both = ConfigInput {
        proxy_url: Some("https://a.test".into()),
        domain: Some("b.test".into()),
        ..key(LIVE_KEY)
    };
    assert_eq!(Config::new(both).unwrap_err().code(), "invalid_option");
}

#[test]
fn update_url_has_the_query_of_wire_section_2_in_order() {
    let dev = config(key(DEV_KEY));
    let request = Request::new(
        Method::Patch,
        &["organizations", "org_1", "memberships", "user_1"],
    )
    .form("role", "org:admin");
    assert_eq!(
        request.url(&dev, Some("sess_1"), Some("dvb_1")),
        "https://foo-bar-13.clerk.accounts.dev/v1/organizations/org_1/memberships/user_1\
         ?__clerk_api_version=2026-08-20&_clerk_js_version=6.40.0&_method=PATCH&_clerk_session_id=sess_1&__clerk_db_jwt=dvb_1"
    );
    assert_eq!(request.body().as_deref(), Some("role=org%3Aadmin"));
    assert_eq!(request.method.transport(), "POST");
}

#[test]
fn destroy_is_a_tunnelled_delete_without_a_body() {
    let live = config(key(LIVE_KEY));
    let request = Request::new(
        Method::Delete,
        &["organizations", "org_1", "memberships", "user_1"],
    );
    assert_eq!(request.method.transport(), "POST");
    assert_eq!(request.body(), None);
    let url = request.url(&live, None, Some("dvb_ignored"));
    assert!(
        url.ends_with("?__clerk_api_version=2026-08-20&_clerk_js_version=6.40.0&_method=DELETE"),
        "{url}"
    );
}

#[test]
fn header_mode_adds_is_native_and_never_the_dev_browser_token() {
    let header = config(ConfigInput {
        header_mode: true,
        ..key(DEV_KEY)
    });
    assert_eq!(header.auth_mode, AuthMode::Header);
    let url = Request::new(Method::Get, &["me", "organization_memberships"]).url(
        &header,
        None,
        Some("ct_1"),
    );
    assert!(
        url.ends_with("&_is_native=1") && !url.contains("ct_1"),
        "{url}"
    );
}

#[test]
fn client_paths_carry_no_session() {
    let dev = config(key(DEV_KEY));
    let url = Request::new(Method::Get, &["client"]).url(&dev, Some("sess_1"), None);
    assert!(!url.contains("_clerk_session_id"), "{url}");
}

#[test]
fn lists_page_and_encode_like_a_form() {
    let dev = config(key(DEV_KEY));
    let params: ListParams = serde_json::from_value(json!({
        "initialPage": 3, "pageSize": 20, "query": "ada lovelace", "role": ["org:admin", "org:member"],
    }))
    .unwrap();
    let request = endpoint::memberships("org_1", &params).unwrap();
    let url = request.url(&dev, None, None);
    assert!(
        url.contains("/memberships?paginated=true&limit=20&offset=40&query=ada+lovelace&role=org%3Aadmin&role=org%3Amember&__clerk_api_version="),
        "{url}"
    );
    assert_eq!(request.body(), None);
}

#[test]
fn path_segments_cannot_change_the_resource() {
    let request = Request::new(
        Method::Patch,
        &["organizations", "org 1", "memberships", "../x?y#z/ü"],
    );
    assert_eq!(
        request.path,
        "/organizations/org%201/memberships/%2E%2E%2Fx%3Fy%23z%2F%C3%BC"
    );
}

#[test]
fn error_bodies_give_the_fields_of_clerk_api_response_error() {
    for (name, case) in fixture("errors.json").as_object().unwrap() {
        let status = u16::try_from(case["status"].as_u64().unwrap()).unwrap();
        let retry_after = case["headers"]["Retry-After"].as_str();
        let body = case["body"].to_string();
        let error = ApiError::new(status, "", body.as_bytes(), retry_after);
        let expect = &case["expect"];
        assert_eq!(error.status, status, "{name}");
        if let Some(message) = expect["message"].as_str() {
            assert_eq!(error.message, message, "{name}");
        }
        if expect.get("retryAfter").is_some() {
            assert_eq!(
                error.retry_after.map(Value::from).unwrap_or(Value::Null),
                expect["retryAfter"],
                "{name}"
            );
        }
        if let Some(trace) = expect["clerkTraceId"].as_str() {
            assert_eq!(error.clerk_trace_id.as_deref(), Some(trace), "{name}");
        }
        if let Some(expected) = expect["errors"].as_array() {
            assert_eq!(error.errors.len(), expected.len(), "{name}");
            for (got, want) in error.errors.iter().zip(expected) {
                assert_eq!(got.code, want["code"].as_str().unwrap(), "{name}");
                if let Some(long) = want["longMessage"].as_str() {
                    assert_eq!(got.long_message.as_deref(), Some(long));
                }
                if let Some(message) = want["message"].as_str() {
                    assert_eq!(got.message, message);
                }
                if let Some(param) = want["meta"]["paramName"].as_str() {
                    assert_eq!(snapshot(&got.meta), json!({ "paramName": param }));
                }
            }
        }
    }
}

#[test]
fn a_body_that_is_not_json_keeps_the_status_text() {
    let error = ApiError::new(502, "Bad Gateway", b"<html>Bad gateway</html>", None);
    assert_eq!(
        (error.message.as_str(), error.errors.len()),
        ("Bad Gateway", 0)
    );
    assert_eq!(
        ApiError::new(503, "", b"", None).message,
        "Service Unavailable"
    );
    assert_eq!(
        ApiError::new(500, "", b"{}", Some("5")).retry_after,
        None,
        "Retry-After counts on 429 only"
    );
}

#[test]
fn envelopes_split_response_and_client() {
    let parse = |body: Value| Envelope::<Value>::parse(body.to_string().as_bytes(), "thing");
    let update = fixture("envelope-update.json").to_string();
    let envelope = Envelope::<Membership>::parse(update.as_bytes(), "organization membership")
        .expect("enveloped");
    assert_eq!(envelope.response.role.as_str(), "org:member");
    assert_eq!(envelope.client(), None, "a null client is no client");
    let meta =
        parse(json!({ "response": {"id": 1}, "meta": { "client": { "object": "client" } } }));
    assert_eq!(meta.unwrap().client(), Some(r#"{"object":"client"}"#));
    let hidden = parse(
        json!({ "response": {"id": 1}, "client": null, "meta": { "client": { "object": "client" } } }),
    );
    assert_eq!(
        hidden.unwrap().client(),
        Some(r#"{"object":"client"}"#),
        "a null client does not hide meta.client"
    );
    let not_a_client = parse(json!({ "response": {"id": 1}, "client": "client_1" }));
    assert_eq!(not_a_client.unwrap().client(), None);
    let bare = parse(json!({ "id": "dvb_1" })).unwrap_err();
    assert_eq!(bare.code(), "invalid_response");
    assert_eq!(bare.path(), Some("response"));
    assert_eq!(parse(json!(null)).unwrap_err().code(), "invalid_response");
    let empty = Envelope::<Value>::parse(b"", "thing").unwrap_err();
    assert!(empty.to_string().contains("no body"), "{empty}");
}

#[test]
fn an_answer_that_does_not_match_names_the_resource_and_the_path() {
    let mut page = fixture("envelope-update.json");
    let membership = page["response"].clone();
    let mut broken = membership.clone();
    broken["public_user_data"]["user_id"] = json!(7);
    page["response"] = json!({ "data": [membership.clone(), membership.clone(), membership, broken], "total_count": 4 });
    let error = Envelope::<clerk_membership::model::Page<Membership>>::parse(
        page.to_string().as_bytes(),
        "page of organization memberships",
    )
    .unwrap_err();
    assert_eq!(error.code(), "invalid_response");
    assert_eq!(error.path(), Some("data[3].public_user_data.user_id"));
    let message = error.to_string();
    assert!(
        message.contains("page of organization memberships"),
        "{message}"
    );
    let roles = json!({ "response": { "data": [
        { "id": "role_1", "key": "org:admin", "name": "Admin" },
        { "id": "role_2", "name": "Member" },
    ], "total_count": 2 } });
    let error = Envelope::<clerk_membership::model::Page<clerk_membership::model::Role>>::parse(
        roles.to_string().as_bytes(),
        "page of roles",
    )
    .unwrap_err();
    assert_eq!(error.path(), Some("data[1].key"));
    assert!(error.to_string().contains("page of roles"), "{error}");
    assert!(!error.to_string().contains("membership"), "{error}");
}

#[test]
fn ids_that_a_url_parser_would_read_as_dot_segments_are_refused() {
    for id in [
        "", ".", "..", "%2e", "%2E", ".%2e", "%2e.", "%2E%2e", "%2e%2E",
    ] {
        let error = check_id(id, "user").unwrap_err();
        assert_eq!(error.code(), "invalid_id", "{id:?}");
        assert!(
            endpoint::membership(Method::Delete, "org_1", id).is_err(),
            "{id:?}"
        );
        assert!(
            endpoint::membership(Method::Delete, id, "user_1").is_err(),
            "{id:?}"
        );
    }
    for id in ["...", ". .", "a.b", "%2e%2e%2e", "user_1", "%252e"] {
        assert!(check_id(id, "user").is_ok(), "{id:?}");
    }
}

#[test]
fn envelopes_take_their_keys_in_any_order_once_each() {
    let parse = |body: &str| Envelope::<Value>::parse(body.as_bytes(), "thing");
    let last = parse(r#"{"meta":{"client":{"object":"client"}},"x":[1],"response":{"id":1}}"#)
        .expect("response last");
    assert_eq!(last.response, json!({"id": 1}));
    assert_eq!(last.client(), Some(r#"{"object":"client"}"#));
    for (body, key) in [
        (r#"{"response":1,"response":2}"#, "response"),
        (r#"{"response":1,"client":null,"client":null}"#, "client"),
        (r#"{"response":1,"meta":{},"meta":{}}"#, "meta"),
    ] {
        let error = parse(body).unwrap_err();
        assert!(
            error
                .to_string()
                .contains(&format!("duplicate field `{key}`")),
            "{error}"
        );
    }
    assert_eq!(
        parse(r#"[{"id":1},null,null]"#).unwrap_err().code(),
        "invalid_response",
        "an envelope is an object"
    );
}

/// What a request sends: the method on the wire, the path and query below the base URL (a dev
/// instance, with a session and a dev-browser token), and the form body.
fn sent(request: &Request) -> (&'static str, String, Option<String>) {
    let url = request.url(&config(key(DEV_KEY)), Some("sess_1"), Some("dvb_1"));
    let below = url
        .strip_prefix("https://foo-bar-13.clerk.accounts.dev/v1")
        .expect("the instance's base URL")
        .to_owned();
    (request.method.transport(), below, request.body())
}

const COMMON: &str = "__clerk_api_version=2026-08-20&_clerk_js_version=6.40.0";
const SESSION: &str = "_clerk_session_id=sess_1&__clerk_db_jwt=dvb_1";

fn status_params(value: Value) -> StatusListParams {
    serde_json::from_value(value).expect("valid params")
}

#[test]
fn issue_20_endpoints_send_the_method_path_query_and_body_of_clerk_js() {
    let paged = status_params(json!({ "initialPage": 2, "pageSize": 20 }));
    let emails = ["ada@acme.test".to_owned(), "grace+ops@acme.test".to_owned()];
    let cases: Vec<(Request, &str, String, Option<&str>)> = vec![
        (
            endpoint::invitations("org_1", &paged).unwrap(),
            "GET",
            format!("/organizations/org_1/invitations?limit=20&offset=20&{COMMON}&{SESSION}"),
            None,
        ),
        (
            endpoint::invite("org_1", "ada@acme.test", "org:member").unwrap(),
            "POST",
            format!("/organizations/org_1/invitations?{COMMON}&{SESSION}"),
            Some("email_address=ada%40acme.test&role=org%3Amember"),
        ),
        (
            endpoint::invite_many("org_1", &emails, "org:admin").unwrap(),
            "POST",
            format!("/organizations/org_1/invitations/bulk?{COMMON}&{SESSION}"),
            Some("email_address=ada%40acme.test&email_address=grace%2Bops%40acme.test&role=org%3Aadmin"),
        ),
        (
            endpoint::revoke_invitation("org_1", "orginv_1").unwrap(),
            "POST",
            format!("/organizations/org_1/invitations/orginv_1/revoke?{COMMON}&{SESSION}"),
            None,
        ),
        (
            endpoint::membership_requests("org_1", &StatusListParams::default()).unwrap(),
            "GET",
            format!("/organizations/org_1/membership_requests?limit=10&offset=0&{COMMON}&{SESSION}"),
            None,
        ),
        (
            endpoint::accept_membership_request("org_1", "orgreq_1").unwrap(),
            "POST",
            format!("/organizations/org_1/membership_requests/orgreq_1/accept?{COMMON}&{SESSION}"),
            None,
        ),
        (
            endpoint::reject_membership_request("org_1", "orgreq_1").unwrap(),
            "POST",
            format!("/organizations/org_1/membership_requests/orgreq_1/reject?{COMMON}&{SESSION}"),
            None,
        ),
        (
            endpoint::add_member("org_1", "user_1", "org:member").unwrap(),
            "POST",
            format!("/organizations/org_1/memberships?{COMMON}&{SESSION}"),
            Some("user_id=user_1&role=org%3Amember"),
        ),
        (
            endpoint::my_invitations(&paged).unwrap(),
            "GET",
            format!("/me/organization_invitations?limit=20&offset=20&{COMMON}&{SESSION}"),
            None,
        ),
        (
            endpoint::accept_my_invitation("orginv_1").unwrap(),
            "POST",
            format!("/me/organization_invitations/orginv_1/accept?{COMMON}&{SESSION}"),
            None,
        ),
        (
            endpoint::my_suggestions(&StatusListParams::default()).unwrap(),
            "GET",
            format!("/me/organization_suggestions?limit=10&offset=0&{COMMON}&{SESSION}"),
            None,
        ),
        (
            endpoint::accept_suggestion("orgsug_1").unwrap(),
            "POST",
            format!("/me/organization_suggestions/orgsug_1/accept?{COMMON}&{SESSION}"),
            None,
        ),
        (
            endpoint::leave("org_1").unwrap(),
            "POST",
            format!("/me/organization_memberships/org_1?{COMMON}&_method=DELETE&{SESSION}"),
            None,
        ),
    ];
    for (request, method, url, body) in cases {
        let (got_method, got_url, got_body) = sent(&request);
        assert_eq!(got_method, method, "{url}");
        assert_eq!(got_url, url);
        assert_eq!(got_body.as_deref(), body, "{url}");
    }
}

#[test]
fn updating_and_removing_a_member_by_user_id_use_the_membership_paths() {
    // updateMember({ userId, role }) and removeMember(userId) are update() and destroy() by user id.
    let update = endpoint::membership(Method::Patch, "org_1", "user_1")
        .unwrap()
        .form("role", "org:admin");
    assert_eq!(
        sent(&update),
        (
            "POST",
            format!("/organizations/org_1/memberships/user_1?{COMMON}&_method=PATCH&{SESSION}"),
            Some("role=org%3Aadmin".to_owned())
        )
    );
}

#[test]
fn status_filters_are_one_status_or_many_each_sent_as_status() {
    let url = |params: Value| {
        let request = endpoint::invitations("org_1", &status_params(params)).unwrap();
        sent(&request).1
    };
    assert!(
        url(json!({ "status": "pending" }))
            .starts_with("/organizations/org_1/invitations?status=pending&limit=10&offset=0&__clerk_api_version="),
        "{}",
        url(json!({ "status": "pending" }))
    );
    assert!(url(json!({ "status": ["pending", "expired"], "pageSize": 5 }))
        .starts_with("/organizations/org_1/invitations?status=pending&status=expired&limit=5&offset=0&__clerk"));
    assert!(!url(json!({ "status": [] })).contains("status="));
    assert!(
        !url(json!({})).contains("paginated"),
        "clerk-js sends no paginated here"
    );
    for (list, path) in [
        (
            endpoint::membership_requests("org_1", &status_params(json!({ "status": "pending" }))),
            "/organizations/org_1/membership_requests?",
        ),
        (
            endpoint::my_invitations(&status_params(json!({ "status": "pending" }))),
            "/me/organization_invitations?",
        ),
        (
            endpoint::my_suggestions(&status_params(json!({ "status": ["pending", "accepted"] }))),
            "/me/organization_suggestions?",
        ),
    ] {
        let (_, url, _) = sent(&list.unwrap());
        assert!(url.starts_with(path), "{url}");
        assert!(url.contains("?status=pending&"), "{url}");
    }
    let filter = status_params(json!({ "status": ["pending", "expired"] }));
    assert!(!filter.excludes("pending") && filter.excludes("revoked"));
    assert!(!StatusListParams::default().excludes("revoked"));
    // An empty filter sends no status: every status is listed, none is excluded (nor a role).
    assert!(!status_params(json!({ "status": [] })).excludes("revoked"));
    let no_roles: ListParams = serde_json::from_value(json!({ "role": [] })).unwrap();
    assert!(!no_roles.excludes("org:admin"));
}

#[test]
fn list_params_refuse_what_they_did_with_the_same_words() {
    let error = |value: Value| {
        serde_json::from_value::<ListParams>(value)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        error(json!({ "role": 5 })),
        "invalid type: integer `5`, expected a role key or an array of role keys"
    );
    let roles: Vec<String> = (0..501).map(|n| format!("org:r{n}")).collect();
    assert_eq!(error(json!({ "role": roles })), "more than 500 role keys");
    let roles: Vec<String> = (0..500).map(|n| format!("org:r{n}")).collect();
    assert!(serde_json::from_value::<ListParams>(json!({ "role": roles })).is_ok());

    let error = |value: Value| {
        serde_json::from_value::<StatusListParams>(value)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        error(json!({ "status": 5 })),
        "invalid type: integer `5`, expected a status or an array of statuses"
    );
    assert_eq!(
        error(json!({ "status": ["pending", 5] })),
        "invalid type: integer `5`, expected a string"
    );
    let many: Vec<&str> = vec!["pending"; 501];
    assert_eq!(error(json!({ "status": many })), "more than 500 statuses");
    for list in [
        endpoint::invitations("org_1", &status_params(json!({ "initialPage": 0 }))),
        endpoint::my_suggestions(&status_params(json!({ "pageSize": 0 }))),
    ] {
        let refused = list.unwrap_err();
        assert_eq!(refused.code(), "invalid_option");
        assert!(refused
            .to_string()
            .ends_with("must be a whole number from 1"));
    }
}

#[test]
fn member_params_are_checked_before_any_request() {
    let params = |value: Value| -> MemberParams { serde_json::from_value(value).unwrap() };
    assert_eq!(
        params(json!({ "emailAddress": "ada@acme.test", "role": "org:member" }))
            .invite()
            .unwrap(),
        ("ada@acme.test".to_owned(), "org:member".to_owned())
    );
    let refused = params(json!({ "emailAddress": "ada@acme.test" }))
        .invite()
        .unwrap_err();
    assert_eq!(refused.code(), "invalid_role");
    assert_eq!(
        refused.to_string(),
        "inviteMember({ emailAddress, role }) needs a non-empty role key, e.g. 'org:member'"
    );
    for value in [
        json!({ "role": "org:member" }),
        json!({ "emailAddress": "", "role": "org:member" }),
    ] {
        let refused = params(value).invite().unwrap_err();
        assert_eq!(refused.code(), "invalid_option");
        assert!(refused.to_string().contains("emailAddress"), "{refused}");
    }

    let (emails, role) =
        params(json!({ "emailAddresses": ["a@x.test", "b@x.test"], "role": "org:admin" }))
            .invite_many()
            .unwrap();
    assert_eq!((emails.len(), role.as_str()), (2, "org:admin"));
    for value in [
        json!({ "role": "org:member" }),
        json!({ "emailAddresses": [], "role": "org:member" }),
        json!({ "emailAddresses": ["a@x.test", ""], "role": "org:member" }),
    ] {
        assert_eq!(
            params(value).invite_many().unwrap_err().code(),
            "invalid_option"
        );
    }
    assert_eq!(
        params(json!({ "emailAddresses": ["a@x.test"], "role": "" }))
            .invite_many()
            .unwrap_err()
            .code(),
        "invalid_role"
    );
    let too_many: Vec<String> = (0..501).map(|n| format!("u{n}@x.test")).collect();
    assert_eq!(
        serde_json::from_value::<MemberParams>(json!({ "emailAddresses": too_many }))
            .unwrap_err()
            .to_string(),
        "more than 500 email addresses"
    );

    let (user, role) = params(json!({ "userId": "user_1", "role": "org:member" }))
        .member(MemberCall::Add)
        .unwrap();
    assert_eq!((user.as_str(), role.as_str()), ("user_1", "org:member"));
    let refused = params(json!({ "userId": "user_1" }))
        .member(MemberCall::Update)
        .unwrap_err();
    assert_eq!(
        (refused.code(), refused.to_string().as_str()),
        (
            "invalid_role",
            "updateMember({ userId, role }) needs a non-empty role key, e.g. 'org:admin'"
        )
    );
    // update()'s refusal, which shares the role check, keeps its words (tests/golden/messages.json).
    let refused = UpdateParams::default().role().unwrap_err();
    assert_eq!(
        (refused.code(), refused.to_string().as_str()),
        (
            "invalid_role",
            "update({ role }) needs a non-empty role key, e.g. 'org:admin'"
        )
    );
    // A missing user id is the endpoint's to refuse, as every id is.
    let (user, role) = params(json!({ "role": "org:member" }))
        .member(MemberCall::Add)
        .unwrap();
    let refused = endpoint::add_member("org_1", &user, &role).unwrap_err();
    assert_eq!(
        (refused.code(), refused.to_string().as_str()),
        ("invalid_id", "the user id is empty")
    );
}

#[test]
fn every_issue_20_endpoint_refuses_ids_that_are_no_ids() {
    let none = StatusListParams::default();
    for id in ["", "..", "%2e", ".%2E"] {
        let calls: Vec<(&str, Result<Request, clerk_membership::Error>)> = vec![
            ("organization", endpoint::invitations(id, &none)),
            (
                "organization",
                endpoint::invite(id, "a@x.test", "org:member"),
            ),
            (
                "organization",
                endpoint::invite_many(id, &["a@x.test".to_owned()], "org:member"),
            ),
            ("organization", endpoint::revoke_invitation(id, "orginv_1")),
            ("invitation", endpoint::revoke_invitation("org_1", id)),
            ("organization", endpoint::membership_requests(id, &none)),
            (
                "organization",
                endpoint::accept_membership_request(id, "r_1"),
            ),
            (
                "membership request",
                endpoint::accept_membership_request("org_1", id),
            ),
            (
                "membership request",
                endpoint::reject_membership_request("org_1", id),
            ),
            (
                "organization",
                endpoint::add_member(id, "user_1", "org:member"),
            ),
            ("user", endpoint::add_member("org_1", id, "org:member")),
            ("invitation", endpoint::accept_my_invitation(id)),
            ("suggestion", endpoint::accept_suggestion(id)),
            ("organization", endpoint::leave(id)),
        ];
        for (what, call) in calls {
            let error = call.unwrap_err();
            assert_eq!(error.code(), "invalid_id", "{what} {id:?}");
            assert!(
                error.to_string().starts_with(&format!("the {what} id ")),
                "{error}"
            );
        }
    }
    let (_, url, _) = sent(&endpoint::revoke_invitation("org/1", "inv?x").unwrap());
    assert!(
        url.starts_with("/organizations/org%2F1/invitations/inv%3Fx/revoke?"),
        "{url}"
    );
}

/// The calls read an answer with `read_response` (the envelope once, its `response` as text, then
/// that text as a `T`): it must refuse and read exactly as one typed `Envelope<T>` does, whichever
/// of the envelope's keys is bad first (issue 18: every path and message unchanged).
#[test]
fn read_response_refuses_and_reads_exactly_as_a_typed_envelope() {
    use clerk_membership::fapi::read_response;
    use clerk_membership::model::Membership;
    let good = std::fs::read_to_string("tests/fixtures/membership-admin.json").unwrap();
    let bodies = [
        format!(r#"{{"response": {good}, "client": null}}"#),
        format!(r#"{{"meta": {{"client": {{"id": "client_1"}}}}, "response": {good}}}"#),
        r#"{"meta": 5, "response": 5}"#.to_owned(),
        r#"{"response": 5, "meta": 5}"#.to_owned(),
        r#"{"client": 5, "meta": [], "response": {}}"#.to_owned(),
        r#"{"meta": {}, "meta": {}, "response": 5}"#.to_owned(),
        format!(r#"{{"response": 5, "response": {good}}}"#),
        format!(r#"{{"response": {good}, "response": 5}}"#),
        r#"{"response": {"id": 1}, "client": }"#.to_owned(),
        r#"{"client": , "response": {"id": 1}}"#.to_owned(),
        r#"{"response": {}}"#.to_owned(),
        r#"{"response": null}"#.to_owned(),
        r#"{"response": [1]}"#.to_owned(),
        r#"{"response": "x"#.to_owned(),
        r#"{}"#.to_owned(),
        r#"[]"#.to_owned(),
        r#"5"#.to_owned(),
        String::new(),
    ];
    for body in &bodies {
        let typed = Envelope::<Membership>::parse(body.as_bytes(), "organization membership");
        let shipped = read_response::<Membership>(body.as_bytes(), "organization membership");
        match (typed, shipped) {
            (Ok(typed), Ok((shipped, envelope))) => {
                assert_eq!(typed.response, shipped, "{body}");
                assert_eq!(typed.client(), envelope.client(), "{body}");
            }
            (Err(typed), Err(shipped)) => assert_eq!(
                (typed.code(), typed.path(), typed.to_string()),
                (shipped.code(), shipped.path(), shipped.to_string()),
                "{body}"
            ),
            (typed, shipped) => panic!(
                "{body}: {:?} / {:?}",
                typed.map(|_| ()),
                shipped.map(|_| ())
            ),
        }
    }
}

#[test]
fn a_live_lists_query_sends_what_its_get_call_sends_and_filters_what_it_shows() {
    let members = Query::Members(
        serde_json::from_value(json!({ "pageSize": 5, "role": "org:admin" })).unwrap(),
    );
    let invitations =
        Query::Invitations(status_params(json!({ "pageSize": 5, "status": "pending" })));
    let requests = Query::Requests(status_params(json!({ "status": ["pending"] })));
    assert_eq!(
        [members.kind(), invitations.kind(), requests.kind()],
        [Kind::Members, Kind::Invitations, Kind::Requests]
    );
    // Page 3 of each: the request of getMemberships, getInvitations, getMembershipRequests.
    let url = |query: &Query| endpoint::list("org_1", &query.at_page(3)).unwrap();
    let listed = |params: Value| serde_json::from_value::<ListParams>(params).unwrap();
    assert_eq!(
        url(&members),
        endpoint::memberships(
            "org_1",
            &listed(json!({ "initialPage": 3, "pageSize": 5, "role": "org:admin" }))
        )
        .unwrap()
    );
    assert_eq!(
        url(&invitations),
        endpoint::invitations(
            "org_1",
            &status_params(json!({ "initialPage": 3, "pageSize": 5, "status": "pending" }))
        )
        .unwrap()
    );
    assert_eq!(
        url(&requests),
        endpoint::membership_requests(
            "org_1",
            &status_params(json!({ "initialPage": 3, "status": "pending" }))
        )
        .unwrap()
    );
    assert_eq!(invitations.page_size(), 5);
    assert_eq!(requests.page_size(), 10, "the default");

    // A revoked invitation falls outside a pending list; any status is inside an unfiltered one.
    let mut revoked: Invitation = serde_json::from_value(json!({
        "id": "orginv_1", "email_address": "a@b.test", "organization_id": "org_1", "role": "org:member",
        "status": "revoked", "created_at": 1, "updated_at": 2
    }))
    .unwrap();
    let item = Item::Invitation(revoked.clone().into());
    assert!(invitations.excludes(&item));
    assert!(!Query::Invitations(StatusListParams::default()).excludes(&item));
    revoked.status = "pending".into();
    assert!(!invitations.excludes(&Item::Invitation(revoked.into())));

    // setParams: a key given replaces (undefined clears), a key left out stays, page 1 again.
    let partial = Query::Invitations(status_params(json!({ "status": "revoked" })));
    let merged = invitations
        .at_page(4)
        .merged(partial, &|key| key == "status");
    assert_eq!(
        merged,
        Query::Invitations(status_params(json!({ "pageSize": 5, "status": "revoked" })))
    );
    let cleared = invitations.merged(Query::Invitations(StatusListParams::default()), &|key| {
        key == "status"
    });
    assert_eq!(
        cleared,
        Query::Invitations(status_params(json!({ "pageSize": 5 })))
    );
    // Params of another kind change nothing.
    assert_eq!(invitations.merged(requests.clone(), &|_| true), invitations);
}
