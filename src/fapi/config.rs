//! Where and how to talk to the Frontend API (docs/wire.md §1–§3): publishable key, proxy URL, domain,
//! auth mode. Pure: validated here once, so no request is ever built from a bad configuration.

use base64::engine::{general_purpose::GeneralPurpose, DecodePaddingMode, GeneralPurposeConfig};
use base64::Engine as _;

use crate::error::Error;

/// The FAPI version and clerk-js release whose wire format this package follows (docs/wire.md §2).
pub const API_VERSION: &str = "2026-08-20";
/// See [`API_VERSION`].
pub const CLERK_JS_VERSION: &str = "6.40.0";

/// Development or production, from the publishable key's prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceType {
    /// `pk_test_…`: dev-browser tokens identify the browser.
    Development,
    /// `pk_live_…`: the `__client` cookie identifies the browser.
    Production,
}

impl InstanceType {
    /// `"development"` or `"production"`, as Clerk names them.
    pub fn as_str(self) -> &'static str {
        match self {
            InstanceType::Development => "development",
            InstanceType::Production => "production",
        }
    }
}

/// How the client proves who it is (docs/wire.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMode {
    /// Browsers: cookies (`credentials: 'include'`), plus the dev-browser token on development instances.
    Cookie,
    /// Non-browser runtimes: `Authorization: <client token>` and `_is_native=1`, no cookies.
    Header,
}

/// A decoded publishable key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishableKey {
    /// The Frontend API host, e.g. `foo-bar-13.clerk.accounts.dev`.
    pub frontend_api: String,
    /// From the `pk_test_` / `pk_live_` prefix.
    pub instance_type: InstanceType,
}

impl PublishableKey {
    /// Parses `pk_test_<base64 of "host$">` or `pk_live_…` (padding optional).
    pub fn parse(key: &str) -> Result<PublishableKey, Error> {
        let bad = || {
            Error::config(
                "invalid_publishable_key",
                "invalid publishable key: expected pk_test_… or pk_live_… followed by the base64 of \
                 your Frontend API host and a `$`, as shown in the Clerk dashboard",
            )
        };
        let mut parts = key.split('_');
        let (Some("pk"), Some(kind), Some(encoded), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let instance_type = match kind {
            "test" => InstanceType::Development,
            "live" => InstanceType::Production,
            _ => return Err(bad()),
        };
        let decoded = KEY_ENGINE.decode(encoded).map_err(|_| bad())?;
        let text = String::from_utf8(decoded).map_err(|_| bad())?;
        let host = text.strip_suffix('$').ok_or_else(bad)?;
        if host.contains('$') || !host.contains('.') || !is_host(host) {
            return Err(bad());
        }
        Ok(PublishableKey {
            frontend_api: host.to_owned(),
            instance_type,
        })
    }
}

/// The publishable key's base64: standard alphabet, padding optional; built at compile time.
const KEY_ENGINE: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// `host[:port]` as a URL parser would accept it unchanged: a DNS name (labels of letters, digits
/// and inner `-`), a dotted IPv4 address or a bracketed IPv6 address, and a port from 1 to 65535.
/// Anything else could change which URL is built, or could never be reached.
fn is_host(authority: &str) -> bool {
    split_authority(authority).is_some()
}

/// `(host, port)` of a valid `host[:port]` (IPv6 without its brackets), or `None`.
fn split_authority(authority: &str) -> Option<(&str, Option<&str>)> {
    let (host, port, bracketed) = match authority.strip_prefix('[') {
        Some(rest) => {
            let (ip6, after) = rest.split_once(']')?;
            let port = match after {
                "" => None,
                after => Some(after.strip_prefix(':')?),
            };
            (ip6, port, true)
        }
        None => match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port), false),
            None => (authority, None, false),
        },
    };
    let port_ok = port.map_or(true, |port| {
        (1..=5).contains(&port.len())
            && port.bytes().all(|b| b.is_ascii_digit())
            && matches!(port.parse::<u32>(), Ok(1..=65535))
    });
    let host_ok = if bracketed {
        // The whole address, not only its characters: `[:]` or `[1::2::3]` is no address.
        host.parse::<core::net::Ipv6Addr>().is_ok()
    } else {
        is_dns_name(host)
    };
    (port_ok && host_ok).then_some((host, port))
}

fn is_dns_name(host: &str) -> bool {
    let labels_ok = !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    // A URL parser reads a host whose last label is a number (decimal, or hex after `0x`, even
    // none: WHATWG URL's "ends in a number") as an IPv4 address, and refuses it unless it is one:
    // accept only the dotted form of four numbers from 0 to 255.
    let numeric = host.rsplit('.').next().is_some_and(|last| {
        match last.strip_prefix("0x").or_else(|| last.strip_prefix("0X")) {
            Some(hex) => hex.bytes().all(|b| b.is_ascii_hexdigit()),
            None => last.bytes().all(|b| b.is_ascii_digit()),
        }
    });
    labels_ok && (!numeric || is_ipv4(host))
}

fn is_ipv4(host: &str) -> bool {
    host.split('.').count() == 4
        && host
            .split('.')
            .all(|part| part.parse::<u8>().is_ok() && (part == "0" || !part.starts_with('0')))
}

/// `localhost`, `127.0.0.0/8` or `::1`: the only hosts plain `http` may carry credentials to.
fn is_loopback(authority: &str) -> bool {
    match split_authority(authority) {
        Some((host, _)) => {
            host.eq_ignore_ascii_case("localhost")
                || host == "::1"
                || (is_ipv4(host) && host.starts_with("127."))
        }
        None => false,
    }
}

/// A validated configuration: everything needed to build a request URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `https://<frontendApi>/v1`, `<proxy>/v1` or `https://<domain>/v1`; no trailing slash.
    pub base_url: String,
    /// From the publishable key.
    pub instance_type: InstanceType,
    /// Cookie (browsers) or header (other runtimes).
    pub auth_mode: AuthMode,
    /// Sent as `__clerk_api_version`.
    pub api_version: String,
    /// Sent as `_clerk_js_version`.
    pub clerk_js_version: String,
}

/// What the user gave, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigInput {
    /// Required.
    pub publishable_key: Option<String>,
    /// Absolute `http(s)://` URL of a proxy in front of the Frontend API.
    pub proxy_url: Option<String>,
    /// A production instance's own Frontend API domain.
    pub domain: Option<String>,
    /// Header mode instead of cookies.
    pub header_mode: bool,
    /// Overrides [`API_VERSION`].
    pub api_version: Option<String>,
    /// Overrides [`CLERK_JS_VERSION`].
    pub clerk_js_version: Option<String>,
}

impl Config {
    /// Validates the input and works out the base URL (docs/wire.md §1).
    pub fn new(input: ConfigInput) -> Result<Config, Error> {
        let key = input.publishable_key.as_deref().ok_or_else(|| {
            Error::config(
                "missing_publishable_key",
                "publishableKey is required: the pk_test_… or pk_live_… key from the Clerk dashboard",
            )
        })?;
        let key = PublishableKey::parse(key)?;
        let base = match (&input.proxy_url, &input.domain) {
            (Some(_), Some(_)) => {
                return Err(Error::config(
                    "invalid_option",
                    "give either proxyUrl or domain, not both",
                ))
            }
            (Some(proxy), None) => proxy_base(proxy)?,
            (None, Some(domain)) if key.instance_type == InstanceType::Production => {
                format!("https://{}", domain_host(domain)?)
            }
            // clerk-js uses `domain` on production instances only; a development key keeps its host.
            _ => format!("https://{}", key.frontend_api),
        };
        Ok(Config {
            base_url: format!("{base}/v1"),
            instance_type: key.instance_type,
            auth_mode: if input.header_mode {
                AuthMode::Header
            } else {
                AuthMode::Cookie
            },
            api_version: input.api_version.unwrap_or_else(|| API_VERSION.to_owned()),
            clerk_js_version: input
                .clerk_js_version
                .unwrap_or_else(|| CLERK_JS_VERSION.to_owned()),
        })
    }

    /// Whether calls carry a dev-browser token (`__clerk_db_jwt`): development instances in cookie mode.
    pub fn uses_dev_browser(&self) -> bool {
        self.instance_type == InstanceType::Development && self.auth_mode == AuthMode::Cookie
    }
}

/// `<proxy origin>/<proxy path, one trailing slash dropped>` (docs/wire.md §1).
fn proxy_base(proxy: &str) -> Result<String, Error> {
    let bad = || {
        Error::config(
            "invalid_proxy_url",
            format!("invalid proxyUrl \"{proxy}\": expected an absolute http:// or https:// URL, e.g. https://app.example.com/__clerk"),
        )
    };
    let (scheme, rest) = if let Some(rest) = proxy.strip_prefix("https://") {
        ("https://", rest)
    } else if let Some(rest) = proxy.strip_prefix("http://") {
        ("http://", rest)
    } else {
        return Err(bad());
    };
    let (host, path) = match rest.split_once('/') {
        Some((host, path)) => (host, path),
        None => (rest, ""),
    };
    let path_ok = path
        .bytes()
        .all(|b| b.is_ascii_graphic() && !matches!(b, b'?' | b'#' | b'\\'));
    if !is_host(host) || !path_ok {
        return Err(bad());
    }
    // Cookies and tokens never go over plain http, except to this machine (a local proxy or the emulator).
    if scheme == "http://" && !is_loopback(host) {
        return Err(Error::config(
            "invalid_proxy_url",
            format!("invalid proxyUrl \"{proxy}\": plain http:// is only allowed to localhost or 127.0.0.1, because credentials would travel unencrypted; use https://"),
        ));
    }
    let path = path.strip_suffix('/').unwrap_or(path);
    Ok(if path.is_empty() {
        format!("{scheme}{host}")
    } else {
        format!("{scheme}{host}/{path}")
    })
}

/// A bare host (a scheme in front is tolerated, as clerk-js does).
fn domain_host(domain: &str) -> Result<&str, Error> {
    let host = domain
        .strip_prefix("https://")
        .or_else(|| domain.strip_prefix("http://"))
        .unwrap_or(domain);
    let host = host.strip_suffix('/').unwrap_or(host);
    if is_host(host) && host.contains('.') {
        Ok(host)
    } else {
        Err(Error::config(
            "invalid_domain",
            format!("invalid domain \"{domain}\": expected a host name such as clerk.example.com"),
        ))
    }
}
