//! What the emulator is started with: instance type, seed, static mounts, who may talk to it, its limits,
//! and the command line.

use crate::seed::Seed;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::time::Duration;

/// Development instances authenticate with dev-browser tokens, production ones with the `__client` cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceType {
    /// `__clerk_db_jwt` query parameter; `POST /v1/dev_browser` exists.
    Development,
    /// `__client` cookie.
    Production,
}

impl InstanceType {
    /// `development` or `production`.
    pub fn as_str(self) -> &'static str {
        match self {
            InstanceType::Development => "development",
            InstanceType::Production => "production",
        }
    }
}

/// A directory served under a URL prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticMount {
    /// `/` or `/pkg` (no trailing slash unless it is `/`).
    pub prefix: String,
    /// The directory on disk.
    pub dir: PathBuf,
}

/// How the server behaves.
#[derive(Debug, Clone)]
pub struct Config {
    /// The state the emulator starts from and resets to.
    pub seed: Seed,
    /// Development (dev-browser tokens) or production (`__client` cookie).
    pub instance: InstanceType,
    /// Static directories.
    pub statics: Vec<StaticMount>,
    /// `--state FILE`: start from it when it exists, and write every change to it.
    pub state: Option<PathBuf>,
    /// `--allow-host NAME`: `Host` names answered besides loopback ones (`localhost`, `127.x.x.x`, `[::1]`).
    pub allowed_hosts: Vec<String>,
    /// `--allow-origin ORIGIN`: page origins `/v1/` answers besides loopback ones ([`OriginPattern`]).
    pub allowed_origins: Vec<OriginPattern>,
    /// `--control-origin ORIGIN`: page origins `/__emulator/` answers besides the emulator's own.
    pub control_origins: Vec<OriginPattern>,
    /// Timeouts, the connection cap and the request log's bound.
    pub limits: Limits,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seed: Seed::default_seed(),
            instance: InstanceType::Development,
            statics: Vec::new(),
            state: None,
            allowed_hosts: Vec::new(),
            allowed_origins: Vec::new(),
            control_origins: Vec::new(),
            limits: Limits::default(),
        }
    }
}

/// What one client can hold of the emulator: time, connections, memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A request's headers must arrive within this time of the connection being ready for them.
    pub header_read_timeout: Duration,
    /// A request's body must arrive within this time of its headers (else `408`).
    pub body_read_timeout: Duration,
    /// A connection with no request in progress and no byte moving for this long is closed.
    pub idle_timeout: Duration,
    /// Connections served at once; one more is closed as soon as it is accepted.
    pub max_connections: usize,
    /// The request log keeps the newest entries that fit in this many bytes (bodies, paths, queries, headers).
    pub log_max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(60),
            max_connections: 512,
            log_max_bytes: 16 << 20,
        }
    }
}

/// An allowed page origin: `scheme://host[:port]` exactly, or `scheme://host:*` for any port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginPattern(String);

impl OriginPattern {
    /// Parses `http://localhost:5173`, `https://app.example` or `http://127.0.0.1:*`.
    pub fn parse(spec: &str) -> Result<OriginPattern, String> {
        let lower = spec.to_ascii_lowercase();
        let rest = lower
            .strip_prefix("http://")
            .or_else(|| lower.strip_prefix("https://"))
            .ok_or_else(|| format!("origin {spec} must start with http:// or https://"))?;
        let valid = !rest.is_empty()
            && !rest.starts_with(':')
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-:[]*".contains(&b))
            && rest
                .strip_suffix(":*")
                .map_or(!rest.contains('*'), |host| !host.contains('*'));
        if valid {
            Ok(OriginPattern(lower))
        } else {
            Err(format!(
                "origin {spec} must be scheme://host[:port] or scheme://host:* (no path)"
            ))
        }
    }

    /// Whether a request's `Origin` header matches.
    pub fn matches(&self, origin: &str) -> bool {
        let origin = origin.to_ascii_lowercase();
        match self.0.strip_suffix('*') {
            Some(prefix) => origin.strip_prefix(prefix).is_some_and(|port| {
                !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit())
            }),
            None => origin == self.0,
        }
    }

    /// The page origins a developer's app on this machine uses: any port of a loopback name, like the
    /// `localhost` development origins Clerk's development instances allow.
    pub fn loopback() -> Vec<OriginPattern> {
        let mut all = Vec::new();
        for scheme in ["http", "https"] {
            for host in ["localhost", "127.0.0.1", "[::1]"] {
                all.push(OriginPattern(format!("{scheme}://{host}:*")));
            }
        }
        all
    }
}

/// The parsed command line.
#[derive(Debug, Clone)]
pub struct Cli {
    /// A loopback address.
    pub host: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// The server configuration.
    pub config: Config,
}

/// `--help` text.
pub const USAGE: &str = "\
clerk-fapi-emulator: a local emulator of the membership part of Clerk's Frontend API

USAGE:
    clerk-fapi-emulator [OPTIONS]

OPTIONS:
    --host HOST           loopback address to listen on [default: 127.0.0.1]
    --port PORT           port, 0 picks a free one [default: 4010]
    --seed FILE           JSON seed (organizations, users, memberships, roles) [default: embedded]
    --state FILE          keep the state in FILE: start from it when it exists (else from the seed),
                          write every change to it before answering; reset writes the seed to it
    --static DIR          serve DIR at /
    --static PREFIX=DIR   serve DIR at PREFIX (e.g. /pkg=./pkg); repeatable
    --instance TYPE       development (dev-browser tokens) or production (__client cookie) [default: development]
    --allow-host NAME     also answer requests whose Host is NAME (loopback names always are); repeatable
    --allow-origin ORIGIN let pages from ORIGIN call /v1/ (any port of localhost, 127.0.0.1 and [::1]
                          always may), e.g. https://app.example or http://myapp.test:*; repeatable
    --control-origin ORIGIN
                          let pages from ORIGIN call /__emulator/ (the emulator's own origin always may),
                          e.g. http://127.0.0.1:5173 or http://127.0.0.1:*; repeatable
    -h, --help            print this help
";

/// Parses the arguments (without the program name). `Ok(None)` means `--help` was asked for.
pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Option<Cli>, String> {
    let mut cli = Cli {
        host: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 4010,
        config: Config::default(),
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        if name == "-h" || name == "--help" {
            return Ok(None);
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match name.as_str() {
            "--host" => cli.host = parse_host(&value()?)?,
            "--port" => {
                cli.port = value()?
                    .parse()
                    .map_err(|_| "--port needs a number from 0 to 65535".to_owned())?
            }
            "--seed" => {
                let path = value()?;
                let text =
                    std::fs::read_to_string(&path).map_err(|e| format!("--seed {path}: {e}"))?;
                cli.config.seed =
                    Seed::from_json(&text).map_err(|e| format!("--seed {path}: {e}"))?;
            }
            "--state" => cli.config.state = Some(PathBuf::from(value()?)),
            "--static" => cli.config.statics.push(parse_mount(&value()?)?),
            "--allow-host" => cli
                .config
                .allowed_hosts
                .push(parse_allowed_host(&value()?)?),
            "--allow-origin" => cli
                .config
                .allowed_origins
                .push(OriginPattern::parse(&value()?).map_err(|e| format!("--allow-origin: {e}"))?),
            "--control-origin" => cli.config.control_origins.push(
                OriginPattern::parse(&value()?).map_err(|e| format!("--control-origin: {e}"))?,
            ),
            "--instance" => {
                cli.config.instance = match value()?.as_str() {
                    "development" | "dev" => InstanceType::Development,
                    "production" | "prod" => InstanceType::Production,
                    other => {
                        return Err(format!(
                            "--instance must be development or production, not {other}"
                        ))
                    }
                }
            }
            other => return Err(format!("unknown option {other} (see --help)")),
        }
    }
    Ok(Some(cli))
}

/// Only loopback addresses: the emulator has no real security and must not be reachable from the network.
fn parse_host(host: &str) -> Result<IpAddr, String> {
    let ip = if host == "localhost" {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    } else {
        host.parse()
            .map_err(|_| format!("--host {host} is not an IP address"))?
    };
    if ip.is_loopback() {
        Ok(ip)
    } else {
        Err(format!(
            "--host {host} is not a loopback address; the emulator only listens on loopback"
        ))
    }
}

/// A host name as it appears in `Host` (without the port), lowercase.
fn parse_allowed_host(name: &str) -> Result<String, String> {
    let valid = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-[]:".contains(&b));
    if valid {
        Ok(name.to_ascii_lowercase())
    } else {
        Err(format!(
            "--allow-host {name}: a host name, without scheme or port"
        ))
    }
}

/// `DIR` (mounted at `/`) or `PREFIX=DIR`.
pub fn parse_mount(spec: &str) -> Result<StaticMount, String> {
    let (prefix, dir) = match spec.split_once('=') {
        Some((prefix, dir)) if prefix.starts_with('/') => {
            (prefix.trim_end_matches('/').to_owned(), dir)
        }
        _ => (String::new(), spec),
    };
    let prefix = if prefix.is_empty() {
        "/".to_owned()
    } else {
        prefix
    };
    if prefix.starts_with("/v1") || prefix.starts_with("/__emulator") {
        return Err(format!("--static {spec}: {prefix} would shadow the API"));
    }
    let dir = PathBuf::from(dir);
    if !dir.is_dir() {
        return Err(format!(
            "--static {spec}: {} is not a directory",
            dir.display()
        ));
    }
    Ok(StaticMount { prefix, dir })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn defaults() {
        let cli = parse_args(Vec::new()).expect("ok").expect("not help");
        assert_eq!(cli.port, 4010);
        assert_eq!(cli.host, IpAddr::V4(Ipv4Addr::LOCALHOST));
        assert_eq!(cli.config.instance, InstanceType::Development);
    }

    #[test]
    fn options() {
        let cli = parse_args(args(&[
            "--port",
            "0",
            "--instance=production",
            "--host",
            "::1",
            "--static",
            "/pkg=.",
            "--state",
            "state.json",
        ]))
        .expect("ok")
        .expect("not help");
        assert_eq!(cli.port, 0);
        assert_eq!(cli.config.instance, InstanceType::Production);
        assert!(cli.host.is_loopback());
        assert_eq!(
            cli.config.statics,
            vec![StaticMount {
                prefix: "/pkg".into(),
                dir: ".".into()
            }]
        );
        assert_eq!(cli.config.state, Some(PathBuf::from("state.json")));
        assert_eq!(parse_mount(".").expect("ok").prefix, "/");
    }

    #[test]
    fn refusals() {
        assert!(parse_args(args(&["--host", "0.0.0.0"]))
            .unwrap_err()
            .contains("loopback"));
        assert!(parse_args(args(&["--port", "x"])).is_err());
        assert!(parse_args(args(&["--bogus"])).is_err());
        assert!(parse_args(args(&["--state"])).is_err());
        assert!(parse_args(args(&["--static", "/v1=."])).is_err());
        assert!(parse_args(args(&["--help"])).expect("ok").is_none());
        assert!(parse_args(args(&["--allow-origin", "evil.example"])).is_err());
        assert!(parse_args(args(&["--allow-origin", "http://a.test/path"])).is_err());
        assert!(parse_args(args(&["--control-origin", "http://*.test"])).is_err());
        assert!(parse_args(args(&["--allow-host", "a.test:80/"])).is_err());
    }

    #[test]
    fn origin_patterns() {
        let cli = parse_args(args(&[
            "--allow-origin",
            "https://App.Example",
            "--control-origin=http://127.0.0.1:*",
            "--allow-host",
            "Dev.Test",
        ]))
        .expect("ok")
        .expect("not help");
        assert_eq!(cli.config.allowed_hosts, ["dev.test"]);
        let app = &cli.config.allowed_origins[0];
        assert!(app.matches("https://app.example"));
        assert!(!app.matches("https://app.example:8443"));
        assert!(!app.matches("http://app.example"));
        let control = &cli.config.control_origins[0];
        assert!(control.matches("http://127.0.0.1:5173"));
        assert!(!control.matches("http://127.0.0.1"));
        assert!(!control.matches("http://127.0.0.1:80.evil.example"));
        assert!(!control.matches("http://127.0.0.10:80"));
        let loopback = OriginPattern::loopback();
        assert!(loopback.iter().any(|p| p.matches("http://localhost:5173")));
        assert!(loopback.iter().any(|p| p.matches("http://[::1]:8080")));
        assert!(!loopback
            .iter()
            .any(|p| p.matches("http://localhost.evil.example:80")));
        assert!(!loopback.iter().any(|p| p.matches("null")));
    }
}
