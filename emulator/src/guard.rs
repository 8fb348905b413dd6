//! Who may talk to the emulator: a `Host` of this machine (no DNS rebinding), on `/v1/` the origins of a
//! developer's app, on `/__emulator/` the emulator's own origin (or flagged ones) sending JSON only.

use crate::config::{Config, OriginPattern};
use crate::error::ApiError;
use hyper::header::{self, HeaderMap};
use hyper::Method;
use std::net::{IpAddr, Ipv6Addr};

/// The host names and origins one emulator accepts.
#[derive(Debug, Clone)]
pub struct Access {
    hosts: Vec<String>,
    app_origins: Vec<OriginPattern>,
    control_origins: Vec<OriginPattern>,
}

impl Access {
    /// Loopback plus what the configuration adds.
    pub fn new(config: &Config) -> Access {
        let mut app_origins = OriginPattern::loopback();
        app_origins.extend(config.allowed_origins.iter().cloned());
        Access {
            hosts: config.allowed_hosts.clone(),
            app_origins,
            control_origins: config.control_origins.clone(),
        }
    }

    /// Refuses a request before it is read: a foreign `Host`, a foreign `Origin`, or a control change that
    /// is not JSON. A request without `Origin` (curl, a test, a same-origin GET) passes the origin check.
    pub fn check(
        &self,
        method: &Method,
        control: bool,
        headers: &HeaderMap,
    ) -> Result<(), ApiError> {
        let text = |name| {
            headers
                .get(name)
                .map(|v| String::from_utf8_lossy(v.as_bytes()))
        };
        let host = text(header::HOST).unwrap_or_default();
        if !self.host_allowed(&host) {
            return Err(ApiError::host_invalid(&host));
        }
        if let Some(origin) = text(header::ORIGIN) {
            // Same-origin: the page was served by the emulator itself, under a Host checked above.
            let own = origin.eq_ignore_ascii_case(&format!("http://{host}"));
            let allowed = if control {
                &self.control_origins
            } else {
                &self.app_origins
            };
            if !own && !allowed.iter().any(|pattern| pattern.matches(&origin)) {
                return Err(ApiError::origin_invalid(&origin, control));
            }
        }
        let reads = matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
        if control && !reads {
            let content_type = text(header::CONTENT_TYPE).unwrap_or_default();
            if !is_json(&content_type) {
                return Err(ApiError::control_needs_json(if content_type.is_empty() {
                    "(none)"
                } else {
                    &content_type
                }));
            }
        }
        Ok(())
    }

    /// `localhost`, a loopback address, or a name given with `--allow-host`; any port.
    fn host_allowed(&self, host: &str) -> bool {
        let name = host_name(host).to_ascii_lowercase();
        if name.is_empty() {
            return false;
        }
        name == "localhost"
            || self.hosts.contains(&name)
            || match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
                Some(v6) => v6.parse::<Ipv6Addr>().is_ok_and(|ip| ip.is_loopback()),
                None => name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback()),
            }
    }
}

/// The name part of a `Host` header: without the port, brackets kept around an IPv6 address.
fn host_name(host: &str) -> &str {
    if host.starts_with('[') {
        return match host.find(']') {
            Some(end) => host.get(..=end).unwrap_or(host),
            None => host,
        };
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

/// `application/json`, with or without parameters.
fn is_json(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::header::HeaderValue;

    fn headers(list: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in list {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn host_names_lose_their_port() {
        assert_eq!(host_name("localhost:4010"), "localhost");
        assert_eq!(host_name("[::1]:4010"), "[::1]");
        assert_eq!(host_name("[::1]"), "[::1]");
        assert_eq!(host_name("127.0.0.1"), "127.0.0.1");
        assert_eq!(host_name("evil.example:x"), "evil.example:x");
    }

    #[test]
    fn only_this_machine_unless_flagged() {
        let access = Access::new(&Config {
            allowed_hosts: vec!["dev.test".into()],
            ..Config::default()
        });
        for host in ["localhost", "127.9.9.9:1", "[::1]:80", "dev.test:3000"] {
            assert!(access.host_allowed(host), "{host}");
        }
        for host in [
            "",
            "evil.example",
            "[::2]:80",
            "10.0.0.1",
            "localhost.evil.example",
        ] {
            assert!(!access.host_allowed(host), "{host}");
        }
    }

    #[test]
    fn control_changes_must_be_json_from_an_allowed_origin() {
        let access = Access::new(&Config::default());
        let own = headers(&[
            ("host", "127.0.0.1:4010"),
            ("origin", "http://127.0.0.1:4010"),
            ("content-type", "application/json;charset=utf-8"),
        ]);
        assert!(access.check(&Method::POST, true, &own).is_ok());
        let plain = headers(&[("host", "127.0.0.1:4010"), ("content-type", "text/plain")]);
        assert_eq!(
            access
                .check(&Method::POST, true, &plain)
                .map_err(|e| e.status),
            Err(415)
        );
        assert!(access.check(&Method::GET, true, &plain).is_ok());
        // An app origin on this machine may call /v1/, not /__emulator/.
        let app = headers(&[
            ("host", "127.0.0.1:4010"),
            ("origin", "http://localhost:5173"),
        ]);
        assert!(access.check(&Method::GET, false, &app).is_ok());
        assert_eq!(
            access.check(&Method::GET, true, &app).map_err(|e| e.status),
            Err(403)
        );
    }
}
