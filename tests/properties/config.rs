//! Publishable keys, proxy URLs and domains from arbitrary strings: never a panic, a refusal always
//! has its code, and what is accepted is what a WHATWG URL parser (the `url` crate) reads the same
//! way: the same scheme, host and port, so that no request can go where the configuration did not
//! say. Plain `http` is accepted only for loopback hosts.

use std::net::Ipv6Addr;

use base64::Engine as _;
use clerk_membership::fapi::{Config, ConfigInput, FrontendApiOptions, PublishableKey};
use proptest::prelude::*;
use serde_json::{json, Value};
use url::{Host, Url};

use crate::support::json;

const DEV_KEY: &str = "pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk";
const LIVE_KEY: &str = "pk_live_ZmFrZS1jbGVyay10ZXN0LmNsZXJrLmFjY291bnRzLmRldiQ";

/// Host names a parser reads as they are: labels of letters, digits and inner hyphens, ending in
/// letters (a last label of digits would be read as an IPv4 address).
fn dns_name() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec("[a-zA-Z0-9]([a-zA-Z0-9-]{0,6}[a-zA-Z0-9])?", 1..4),
        "[a-zA-Z]{2,6}",
    )
        .prop_map(|(labels, top)| format!("{}.{top}", labels.join(".")))
}

/// Hosts of every kind: names, IPv4 in every notation a parser knows, IPv6, and junk.
///
/// Not `xn--` labels: the configuration accepts any of them, and a URL parser refuses those that
/// are not valid punycode (`https://xn--0/`), which only an IDNA implementation can tell: a known
/// gap, where such a host fails only at the first request, as `network_error`.
fn host() -> impl Strategy<Value = String> {
    let label = prop_oneof![
        "[a-zA-Z0-9-]{0,8}",
        "[0-9]{1,3}",
        "0[xX][0-9a-fA-F]{0,3}",
        "[a-z]{1,3}[ü_ -][a-z]{0,3}",
    ];
    let ipv6 = proptest::collection::vec(
        proptest::sample::select(vec![
            "0", "1", "ff", "ffff", "12345", ":", "::", ".", "1.2.3.4",
        ]),
        0..10,
    )
    .prop_map(|parts| format!("[{}]", parts.concat()));
    prop_oneof![
        3 => dns_name(),
        3 => proptest::collection::vec(label, 1..5).prop_map(|labels| labels.join(".")),
        1 => (any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>())
            .prop_map(|(a, b, c, d)| format!("{a}.{b}.{c}.{d}")),
        2 => proptest::sample::select(vec![
            "localhost", "LOCALHOST", "localhost.", "127.0.0.1", "127.255.255.254", "127.1",
            "0x7f.0.0.1", "1.2.3.0x4", "a.0x", "a.0x1f", "a.0X", "0177.0.0.1", "2130706433",
            "1.2.3.4.5", "256.0.0.1", "[::1]", "[::]", "[:]", "[::1::]", "[1:2:3:4:5:6:7:8]",
            "[1:2:3:4:5:6:7:8:9]", "[::ffff:127.0.0.1]", "[::1.2.3]", "[12345::]", "[1::2::3]",
            "[:1]", "[1:]", "[0:0:0:0:0:0:0:1]", "[::1.2.3.4]", "[fe80::1%25eth0]",
            "a..b", "-a.b", "a-.b", "a_b.c",
            "ü.com", "a b.c", "", " ", "example.com.", "EXAMPLE.COM",
        ])
        .prop_map(str::to_owned),
        1 => ipv6,
        1 => any::<String>(),
    ]
}

fn port() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(vec![
            "", "", ":", ":0", ":1", ":80", ":443", ":8080", ":65535", ":65536", ":99999", ":-1",
            ":+80", ":0080", ":８０", ": 80", ":80:80", ":4294967297",
        ])
        .prop_map(str::to_owned),
        1 => any::<u32>().prop_map(|p| format!(":{p}")),
    ]
}

fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(vec![
            "", "/", "//", "/__clerk", "/__clerk/", "/a/b/", "/%2e%2e/", "/../", "/a?b", "/a#b",
            "/a\\b", "/ a", "/\t", "/é", "?x", "#x", "\\x",
        ])
        .prop_map(str::to_owned),
        1 => any::<String>().prop_map(|p| format!("/{p}")),
    ]
}

fn scheme() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec![
        "https://",
        "https://",
        "http://",
        "http://",
        "HTTPS://",
        "Http://",
        "ftp://",
        "",
        "//",
        "https:",
        "https:/",
        "https:///",
        "javascript:",
        "https://user@",
        "https://u:p@",
        "https:\\\\",
        " https://",
    ])
}

fn url_like() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (scheme(), host(), port(), path()).prop_map(|(s, h, p, q)| format!("{s}{h}{p}{q}")),
        1 => any::<String>(),
    ]
}

/// `host[:port]` as typed, split the simple way: a bracketed IPv6 address, or the last `:`.
fn split(authority: &str) -> (&str, Option<&str>) {
    if authority.starts_with('[') {
        return match authority.split_once(']') {
            Some((ip, rest)) => (&authority[..ip.len() + 1], rest.strip_prefix(':')),
            None => (authority, None),
        };
    }
    match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    }
}

/// Whether `url` is on the host and port of `authority`, as the user typed it.
fn same_place(url: &Url, authority: &str) -> bool {
    let (host, port) = split(authority);
    let host_ok = match url.host() {
        Some(Host::Domain(domain)) => domain.eq_ignore_ascii_case(host),
        Some(Host::Ipv4(ip)) => ip.to_string() == host,
        Some(Host::Ipv6(ip)) => {
            let typed = host.strip_prefix('[').and_then(|h| h.strip_suffix(']'));
            typed.and_then(|h| h.parse::<Ipv6Addr>().ok()) == Some(ip)
        }
        None => false,
    };
    let port_ok = match port {
        None => url.port().is_none(),
        Some(port) => port.parse::<u16>().ok() == url.port_or_known_default(),
    };
    host_ok && port_ok
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(domain)) => domain == "localhost",
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn parsed(text: &str) -> Result<Url, TestCaseError> {
    Url::parse(text).map_err(|e| {
        TestCaseError::fail(format!(
            "{text:?} is accepted but a URL parser refuses it: {e}"
        ))
    })
}

fn with_key(key: &str) -> ConfigInput {
    ConfigInput {
        publishable_key: Some(key.to_owned()),
        ..ConfigInput::default()
    }
}

/// `pk_<kind>_` and the base64 of `decoded`, with or without padding.
fn key_of(kind: &str, decoded: &str, padded: bool) -> String {
    let engine = if padded {
        &base64::engine::general_purpose::STANDARD
    } else {
        &base64::engine::general_purpose::STANDARD_NO_PAD
    };
    format!("pk_{kind}_{}", engine.encode(decoded))
}

/// A key for `host`, as the dashboard writes them (base64 of `host$`).
fn key_for(kind: &str, host: &str, padded: bool) -> String {
    key_of(kind, &format!("{host}$"), padded)
}

proptest! {
    #![proptest_config(crate::run())]

    #[test]
    fn an_accepted_publishable_key_names_a_host_a_url_parser_reads_the_same(
        key in prop_oneof![
            1 => any::<String>(),
            4 => (
                proptest::sample::select(vec!["test", "live", "Test", "tes", ""]),
                host(),
                port(),
                proptest::sample::select(vec!["$", "$", "$$", "", "$x", "/$"]),
                any::<bool>(),
            )
                .prop_map(|(kind, host, port, end, padded)| key_of(kind, &format!("{host}{port}{end}"), padded)),
        ],
    ) {
        match PublishableKey::parse(&key) {
            Err(error) => prop_assert_eq!(error.code(), "invalid_publishable_key"),
            Ok(parsed_key) => {
                let host = parsed_key.frontend_api.as_str();
                prop_assert!(host.contains('.') && !host.contains('$'), "{:?}", host);
                let config = Config::new(with_key(&key)).expect("the key is valid");
                prop_assert_eq!(&config.base_url, &format!("https://{host}/v1"));
                let url = parsed(&config.base_url)?;
                prop_assert!(same_place(&url, host), "{:?} is read as {}", host, url);
                prop_assert_eq!(url.path(), "/v1");
            }
        }
    }

    #[test]
    fn a_key_made_for_a_host_name_gives_that_host(
        host in dns_name(),
        port in proptest::option::of(1u16..),
        live in any::<bool>(),
        padded in any::<bool>(),
    ) {
        let host = match port {
            Some(port) => format!("{host}:{port}"),
            None => host,
        };
        let key = key_for(if live { "live" } else { "test" }, &host, padded);
        let parsed_key = PublishableKey::parse(&key).map_err(|e| TestCaseError::fail(format!("{key}: {e}")))?;
        prop_assert_eq!(parsed_key.frontend_api, host);
        prop_assert_eq!(parsed_key.instance_type.as_str(), if live { "production" } else { "development" });
    }

    #[test]
    fn an_accepted_proxy_url_keeps_its_scheme_host_and_port_and_http_only_reaches_loopback(
        proxy in url_like(),
        live in any::<bool>(),
    ) {
        let input = ConfigInput { proxy_url: Some(proxy.clone()), ..with_key(if live { LIVE_KEY } else { DEV_KEY }) };
        match Config::new(input) {
            Err(error) => prop_assert_eq!(error.code(), "invalid_proxy_url", "{:?}", proxy),
            Ok(config) => {
                let typed = parsed(&proxy)?;
                let base = parsed(&config.base_url)?;
                let (scheme, rest) = proxy.split_once("://").expect("an absolute URL");
                let authority = rest.split('/').next().unwrap_or_default();
                prop_assert_eq!(base.scheme(), scheme);
                prop_assert_eq!(typed.origin(), base.origin(), "{:?}", proxy);
                prop_assert!(same_place(&base, authority), "{:?} is read as {}", proxy, base);
                prop_assert!(base.scheme() == "https" || is_loopback(&base), "{:?}", proxy);
                prop_assert!(base.path().ends_with("/v1"), "{}", base);
                prop_assert_eq!((base.query(), base.fragment(), base.username(), base.password()), (None, None, "", None));
            }
        }
    }

    #[test]
    fn a_plain_https_proxy_url_is_accepted_with_its_path(
        host in dns_name(),
        port in proptest::option::of(1u16..),
        path in "(/[a-zA-Z0-9_.~-]{1,8}){0,3}/?",
    ) {
        let authority = match port {
            Some(port) => format!("{host}:{port}"),
            None => host,
        };
        let proxy = format!("https://{authority}{path}");
        let config = Config::new(ConfigInput { proxy_url: Some(proxy.clone()), ..with_key(DEV_KEY) })
            .map_err(|e| TestCaseError::fail(format!("{proxy}: {e}")))?;
        let path = path.strip_suffix('/').unwrap_or(&path);
        prop_assert_eq!(config.base_url, format!("https://{authority}{path}/v1"));
    }

    #[test]
    fn an_accepted_domain_is_the_https_host_a_url_parser_reads(domain in url_like()) {
        match Config::new(ConfigInput { domain: Some(domain.clone()), ..with_key(LIVE_KEY) }) {
            Err(error) => prop_assert_eq!(error.code(), "invalid_domain", "{:?}", domain),
            Ok(config) => {
                let host = config.base_url.strip_prefix("https://").and_then(|b| b.strip_suffix("/v1"));
                let host = host.expect("https://<domain>/v1");
                let url = parsed(&config.base_url)?;
                prop_assert!(same_place(&url, host), "{:?} is read as {}", domain, url);
                prop_assert!(domain.contains(host), "{:?} became {:?}", domain, host);
                prop_assert_eq!(url.path(), "/v1");
            }
        }
    }

    #[test]
    fn any_options_are_settled_or_refused_with_a_code(
        entries in proptest::collection::vec(
            (
                proptest::sample::select(vec![
                    "publishableKey", "proxyUrl", "domain", "sessionId", "devBrowserJwt", "authMode",
                    "token", "timeoutMs", "retry", "maxResponseBytes", "apiVersion", "clerkJsVersion",
                ]),
                prop_oneof![
                    json(),
                    proptest::sample::select(vec![
                        json!(DEV_KEY), json!(LIVE_KEY), json!("header"), json!("cookie"), json!(0),
                        json!(1), json!(1024), json!(2147483647u32), json!(2147483648u32),
                        json!(67108864), json!(67108865), json!({ "maxRetries": 101 }),
                        json!({ "maxRetries": 3, "maxWaitMs": 0 }),
                    ]),
                ],
            ),
            0..8,
        ),
    ) {
        let options: Value = Value::Object(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect());
        let Ok(options) = serde_json::from_value::<FrontendApiOptions>(options) else {
            return Ok(());
        };
        match options.settle() {
            Ok(settings) => {
                prop_assert!((1..=i32::MAX as u32).contains(&settings.timeout_ms));
                prop_assert!(settings.retry.max_retries <= 100);
                prop_assert!((1024..=64 * 1024 * 1024).contains(&settings.max_response_bytes));
                prop_assert!(parsed(&settings.config.base_url).is_ok());
            }
            Err(error) => prop_assert!(
                matches!(error.code(), "invalid_option" | "invalid_publishable_key" | "missing_publishable_key" | "invalid_proxy_url" | "invalid_domain"),
                "{}", error.code()
            ),
        }
    }
}
