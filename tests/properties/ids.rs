//! Every id through request building. For any organization and user id, `endpoint::membership`
//! either refuses it as `invalid_id` (exactly the empty id and the dot segments of the URL
//! Standard, in every spelling), or the URL built, read back by a WHATWG URL parser (the `url`
//! crate), has exactly the membership route's segments, each decoding back to its id, and the
//! query the configuration gives, unchanged. No id can address another resource.

use clerk_membership::fapi::request::endpoint;
use clerk_membership::fapi::{Config, ConfigInput, ListParams, Method, Request};
use proptest::prelude::*;
use url::Url;

use crate::support::text;

const DEV_KEY: &str = "pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk";
const LIVE_KEY: &str = "pk_live_ZmFrZS1jbGVyay10ZXN0LmNsZXJrLmFjY291bnRzLmRldiQ";

/// The ids a URL parser would read as `.` or `..` (URL Standard §4.4: a single-dot segment is `.`
/// or `%2e`, a double-dot one `..`, `.%2e`, `%2e.` or `%2e%2e`, ASCII case-insensitive), and the
/// empty id, which would address the collection.
fn must_refuse(id: &str) -> bool {
    let spelled = id.to_ascii_lowercase();
    matches!(
        spelled.as_str(),
        "" | "." | "%2e" | ".." | ".%2e" | "%2e." | "%2e%2e"
    )
}

/// Ids of every kind, weighted towards what a URL parser treats specially.
fn id() -> impl Strategy<Value = String> {
    let piece = proptest::sample::select(vec![
        ".", "..", "%2e", "%2E", "%2", "%", "%25", "%252e", "/", "\\", "?", "#", "\t", "\n", "\r",
        " ", "&", "=", "+", ";", ":", "@", "%2F", "%3F", "%23", "%00", "\u{0}", "\u{7f}", "ü",
        "😀", "\u{feff}", "\u{202e}", "\u{3002}", "E", "e", "2", "user_1", "org_2aZ",
    ]);
    let dots = proptest::sample::select(vec![".", "%2e", "%2E"]);
    prop_oneof![
        2 => any::<String>(),
        4 => proptest::collection::vec(piece, 0..5).prop_map(|pieces| pieces.concat()),
        2 => proptest::collection::vec(dots, 1..4).prop_map(|pieces| pieces.concat()),
        1 => text(),
    ]
}

/// The configurations ids are built into: a development key in cookie and in header mode, and a
/// production key behind a proxy whose path the route goes under.
fn configs() -> Vec<(Config, &'static [&'static str])> {
    let input = |key: &str| ConfigInput {
        publishable_key: Some(key.to_owned()),
        ..ConfigInput::default()
    };
    let valid = |input| Config::new(input).expect("a valid configuration");
    vec![
        (valid(input(DEV_KEY)), &["v1"][..]),
        (
            valid(ConfigInput {
                header_mode: true,
                ..input(DEV_KEY)
            }),
            &["v1"][..],
        ),
        (
            valid(ConfigInput {
                proxy_url: Some("https://app.example.com/__clerk/".into()),
                ..input(LIVE_KEY)
            }),
            &["__clerk", "v1"][..],
        ),
    ]
}

/// `%XX` decoded to bytes, then UTF-8: written here rather than taken from the crate under test.
fn percent_decoded(segment: &str) -> Option<String> {
    let mut bytes = Vec::new();
    let mut rest = segment.as_bytes();
    while let Some((&b, after)) = rest.split_first() {
        match (b, after.get(..2)) {
            (b'%', Some(hex)) => {
                let hex = core::str::from_utf8(hex).ok()?;
                bytes.push(u8::from_str_radix(hex, 16).ok()?);
                rest = &after[2..];
            }
            (b'%', None) => return None,
            _ => {
                bytes.push(b);
                rest = after;
            }
        }
    }
    String::from_utf8(bytes).ok()
}

/// The configuration's own parameters after the call's, in docs/wire.md §2's order.
fn expected_query(
    config: &Config,
    call: Vec<(String, String)>,
    method: Method,
    session: Option<&str>,
    token: Option<&str>,
) -> Vec<(String, String)> {
    let mut query = call;
    let mut push = |k: &str, v: &str| query.push((k.to_owned(), v.to_owned()));
    push("__clerk_api_version", "2026-08-20");
    push("_clerk_js_version", "6.40.0");
    match method {
        Method::Patch => push("_method", "PATCH"),
        Method::Delete => push("_method", "DELETE"),
        Method::Get | Method::Post => {}
    }
    if let Some(session) = session {
        push("_clerk_session_id", session);
    }
    match (config.uses_dev_browser(), token) {
        (true, Some(token)) => push("__clerk_db_jwt", token),
        _ if config.auth_mode == clerk_membership::fapi::AuthMode::Header => {
            push("_is_native", "1")
        }
        _ => {}
    }
    query
}

/// Reads `request`'s URL back with a WHATWG parser: it must be the very text built (nothing to
/// normalise), on the configured host, with exactly `segments` and the `query` expected.
fn check_url(
    request: &Request,
    config: &Config,
    base: &[&str],
    segments: &[&str],
    query: &[(String, String)],
    (session, token): (Option<&str>, Option<&str>),
) -> Result<(), TestCaseError> {
    let built = request.url(config, session, token);
    let url = Url::parse(&built).map_err(|e| TestCaseError::fail(format!("{built}: {e}")))?;
    prop_assert_eq!(
        url.as_str(),
        built.as_str(),
        "the parser normalised the URL"
    );
    let expected_base = Url::parse(&config.base_url).expect("the base URL");
    prop_assert_eq!(url.origin(), expected_base.origin());
    prop_assert_eq!(url.fragment(), None);
    let read: Vec<Option<String>> = url
        .path_segments()
        .expect("a hierarchical URL")
        .map(percent_decoded)
        .collect();
    let expected: Vec<Option<String>> = base
        .iter()
        .chain(segments)
        .map(|s| Some((*s).to_owned()))
        .collect();
    prop_assert_eq!(read, expected, "{}", built);
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    prop_assert_eq!(pairs.as_slice(), query, "{}", built);
    Ok(())
}

proptest! {
    #![proptest_config(crate::run())]

    #[test]
    fn an_id_is_refused_or_addresses_exactly_its_membership(
        org in id(),
        user in id(),
        delete in any::<bool>(),
        config in 0usize..3,
        session in proptest::option::of(text()),
        token in proptest::option::of(text()),
    ) {
        let (config, base) = &configs()[config];
        let method = if delete { Method::Delete } else { Method::Patch };
        match endpoint::membership(method, &org, &user) {
            Err(error) => {
                prop_assert!(must_refuse(&org) || must_refuse(&user), "{:?} / {:?}: {}", org, user, error);
                prop_assert_eq!(error.code(), "invalid_id");
            }
            Ok(request) => {
                prop_assert!(!must_refuse(&org) && !must_refuse(&user), "{:?} / {:?} accepted", org, user);
                let request = request.form("role", "org:admin");
                let query = expected_query(config, Vec::new(), method, session.as_deref(), token.as_deref());
                check_url(
                    &request,
                    config,
                    base,
                    &["organizations", &org, "memberships", &user],
                    &query,
                    (session.as_deref(), token.as_deref()),
                )?;
                prop_assert_eq!(request.body(), Some("role=org%3Aadmin".to_owned()));
            }
        }
    }

    #[test]
    fn an_organization_id_is_refused_or_addresses_exactly_its_lists(
        org in id(),
        query in proptest::option::of(text()),
        roles in proptest::collection::vec(text(), 0..3),
        page in 1u32..5,
        size in 1u32..501,
        config in 0usize..3,
        session in proptest::option::of(text()),
    ) {
        let (config, base) = &configs()[config];
        let params = ListParams {
            initial_page: Some(page),
            page_size: Some(size),
            query: query.clone(),
            role: Some(clerk_membership::fapi::options::Roles(roles.clone())),
        };
        let limit = [
            ("limit".to_owned(), size.to_string()),
            ("offset".to_owned(), (u64::from(page - 1) * u64::from(size)).to_string()),
        ];
        let members = endpoint::memberships(&org, &params);
        let roles_list = endpoint::roles(&org, &params);
        if must_refuse(&org) {
            prop_assert_eq!(members.map(|_| ()).unwrap_err().code(), "invalid_id");
            prop_assert_eq!(roles_list.map(|_| ()).unwrap_err().code(), "invalid_id");
            return Ok(());
        }
        let mut call = vec![("paginated".to_owned(), "true".to_owned())];
        call.extend(limit.clone());
        call.extend(query.iter().map(|q| ("query".to_owned(), q.clone())));
        call.extend(roles.iter().map(|r| ("role".to_owned(), r.clone())));
        let expected = expected_query(config, call, Method::Get, session.as_deref(), None);
        let members = members.map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_url(&members, config, base, &["organizations", &org, "memberships"], &expected, (session.as_deref(), None))?;
        let expected = expected_query(config, limit.to_vec(), Method::Get, session.as_deref(), None);
        let roles_list = roles_list.map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_url(&roles_list, config, base, &["organizations", &org, "roles"], &expected, (session.as_deref(), None))?;
    }
}

#[test]
fn every_spelling_of_a_dot_segment_is_refused_and_near_misses_are_kept() {
    for id in [
        "", ".", "..", "%2e", "%2E", ".%2e", ".%2E", "%2e.", "%2E.", "%2e%2e", "%2E%2E", "%2e%2E",
        "%2E%2e",
    ] {
        for (org, user) in [(id, "user_1"), ("org_1", id)] {
            let error = endpoint::membership(Method::Delete, org, user).unwrap_err();
            assert_eq!(error.code(), "invalid_id", "{org:?} / {user:?}");
        }
    }
    let config = &configs()[0].0;
    for id in [
        "...",
        "%2e%2e%2e",
        "%252e",
        ". ",
        " .",
        ".\t",
        "%2e/",
        "/..",
        "\\..",
        "。",
    ] {
        let request = endpoint::membership(Method::Delete, "org_1", id).expect("kept");
        let url = Url::parse(&request.url(config, None, None)).expect("a URL");
        let last = url.path_segments().and_then(|mut s| s.next_back());
        assert_eq!(last.and_then(percent_decoded).as_deref(), Some(id));
    }
}
