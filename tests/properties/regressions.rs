//! The bugs the properties found, each pinned by the smallest input that showed it.

use clerk_membership::fapi::{Config, ConfigInput, Envelope};
use clerk_membership::model::{parse, Invalid, Membership, Page};
use serde_json::json;

use crate::common::fixture;

const MEMBERSHIP: &str = "organization membership";

fn read(membership: &serde_json::Value) -> Result<Membership, Invalid> {
    parse(membership.to_string().as_bytes(), MEMBERSHIP)
}

/// The refusal of `membership`: at `path`, with a problem that says `problem`.
fn assert_refused(membership: &serde_json::Value, path: &str, problem: &str) {
    let refused = read(membership).unwrap_err();
    assert_eq!(refused.path, path, "{}", refused.problem);
    assert!(refused.problem.contains(problem), "{}", refused.problem);
}

/// `ms.abs()` overflowed for `i64::MIN`: a panic in a debug build, and in a release build (the
/// wasm) a timestamp far outside the range of a `Date`, accepted.
#[test]
fn a_timestamp_of_i64_min_is_refused_not_a_panic() {
    let mut membership = fixture("membership-admin.json");
    membership["created_at"] = json!(i64::MIN);
    assert_refused(&membership, "created_at", "range of a Date");
}

/// A limit checked after serde_json's call was placed after the object when the field was the
/// object's last key: the path named the object (`public_user_data`), not the field.
#[test]
fn a_limit_on_the_last_key_of_an_object_is_refused_at_that_key() {
    let admin = fixture("membership-admin.json");
    let mut long_name = admin.clone();
    long_name["public_user_data"]["username"] = json!("x".repeat(16 * 1024 + 1));
    assert_refused(
        &long_name,
        "public_user_data.username",
        "longer than the limit",
    );
    let mut late = admin;
    late["organization"]["updated_at"] = json!(8_640_000_000_000_001i64);
    assert_refused(&late, "organization.updated_at", "range of a Date");
}

/// The error of a list past its limit was placed after the comma that follows the item read, so
/// the path named the next item (`permissions[1001]` for the 1,001st) or, at the end of the list,
/// the list: now always the list.
#[test]
fn a_list_past_its_limit_is_refused_at_the_list() {
    for count in [1001, 1002, 5000] {
        let mut membership = fixture("membership-admin.json");
        membership["permissions"] = (0..count).map(|i| format!("org:p{i}")).collect();
        assert_refused(&membership, "permissions", "more than 1000 items");
    }
    for count in [501, 502] {
        let page =
            json!({ "data": vec![fixture("membership-admin.json"); count], "total_count": 1 });
        let refused =
            parse::<Page<Membership>>(page.to_string().as_bytes(), MEMBERSHIP).unwrap_err();
        assert_eq!(refused.path, "data", "{count}");
    }
}

/// The metadata checks run after serde_json has read the value, which places their error after
/// the object holding the key when it is that object's last: the path named the object.
#[test]
fn metadata_refused_as_an_object_s_last_key_is_named() {
    for (container, key) in [("", "public_metadata"), ("organization", "public_metadata")] {
        for bad in [
            json!("x"),
            json!([1]),
            json!({ "k": "m".repeat(64 * 1024) }),
        ] {
            let mut membership = fixture("membership-admin.json");
            let object = match container {
                "" => &mut membership,
                _ => &mut membership[container],
            };
            let object = object.as_object_mut().expect("an object");
            object.shift_remove(key);
            object.insert(key.to_owned(), bad);
            let path = if container.is_empty() {
                key.to_owned()
            } else {
                format!("{container}.{key}")
            };
            assert_refused(&membership, &path, "");
        }
    }
}

/// serde reads a struct from an array too, and one with more elements than fields is a syntax
/// error of serde_json whose column counts the extra element's first byte: the path entered
/// `meta[1][0]`, which `[null, []]` does not have.
#[test]
fn a_syntax_error_s_path_stops_before_the_byte_it_names() {
    let body = br#"{"response":{"data":[]},"meta":[null,[]]}"#;
    let refused = Envelope::<Page<Membership>>::parse(body, MEMBERSHIP).unwrap_err();
    assert_eq!(refused.path(), Some("meta[1]"), "{refused}");
}

/// serde reads a membership from an array too (`["orgmem_1", false]`: `public_metadata` second);
/// the metadata error of such an array was named `public_metadata`, a key the input does not have.
#[test]
fn metadata_refused_in_a_membership_read_from_an_array_is_not_named_as_a_key() {
    let refused = parse::<Membership>(br#"["orgmem_1",false]"#, MEMBERSHIP).unwrap_err();
    assert_eq!(refused.path, "", "{}", refused.problem);
    let refused = parse::<Page<Membership>>(br#"[["orgmem_1",false]]"#, MEMBERSHIP).unwrap_err();
    assert_eq!(refused.path, "[0]", "{}", refused.problem);
}

/// The base URL of a production key's configuration with this proxy URL or domain.
fn base_url(
    proxy_url: Option<&str>,
    domain: Option<&str>,
) -> Result<String, clerk_membership::Error> {
    Config::new(ConfigInput {
        publishable_key: Some("pk_live_ZmFrZS1jbGVyay10ZXN0LmNsZXJrLmFjY291bnRzLmRldiQ".to_owned()),
        proxy_url: proxy_url.map(str::to_owned),
        domain: domain.map(str::to_owned),
        ..ConfigInput::default()
    })
    .map(|config| config.base_url)
}

/// A last label of `0x` and hex digits is a number to a URL parser: `https://0x/` was accepted
/// as a proxy and sent to 0.0.0.0, and `a.0x1f` (no IPv4 address) could never be reached.
#[test]
fn a_host_ending_in_a_hex_number_is_refused() {
    for host in ["0x", "0X:1", "a.0x1f", "1.2.3.0x4", "0x7f.0.0.0x1"] {
        let proxy = base_url(Some(&format!("https://{host}/")), None);
        assert_eq!(proxy.unwrap_err().code(), "invalid_proxy_url", "{host}");
        let domain = base_url(None, Some(&format!("clerk.{host}")));
        assert_eq!(domain.unwrap_err().code(), "invalid_domain", "{host}");
    }
    for host in ["a.0xg", "0xa.com", "x0.a"] {
        assert!(
            base_url(Some(&format!("https://{host}/")), None).is_ok(),
            "{host}"
        );
    }
}

/// A bracketed host was checked for its characters only, so `[:]`, `[1::2::3]` or `[:.]` (no IPv6
/// address) were accepted and could never be reached.
#[test]
fn a_bracketed_host_must_be_an_ipv6_address() {
    let proxy = |url: &str| base_url(Some(url), None);
    for host in [
        "[:]",
        "[::1::]",
        "[1::2::3]",
        "[:.]",
        "[12345::]",
        "[1:2:3:4:5:6:7:8:9]",
    ] {
        let refused = proxy(&format!("https://{host}/")).unwrap_err();
        assert_eq!(refused.code(), "invalid_proxy_url", "{host}");
    }
    assert_eq!(
        proxy("https://[2001:db8::1]:8443/").unwrap(),
        "https://[2001:db8::1]:8443/v1"
    );
    assert_eq!(proxy("http://[::1]:4010").unwrap(), "http://[::1]:4010/v1");
}
