//! Test harness: an in-process emulator on 127.0.0.1:0 and a minimal raw HTTP/1.1 client, so a test sees
//! exactly what went over the wire (including a connection closed without an answer).

#![allow(dead_code)]

pub mod openapi;

use clerk_fapi_emulator::{serve, Config, InstanceType};
use serde_json::Value;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The emulator's binary, as cargo built it for the tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_clerk-fapi-emulator");

pub const ACME: &str = "org_2aAcmeRockets7Qm4Xk9ZpT1";
pub const GLOBEX: &str = "org_2bGlobexLabs3Vn8Rw2YhL5";
/// Migrating its role set; John Backus came from its enterprise connection.
pub const INITECH: &str = "org_2cInitechSystems5Pz8Kd3W";
pub const ADA: &str = "user_2aAdaLovelace9fKq1Zr";
pub const GRACE: &str = "user_2aGraceHopper4mWp8Ts";
pub const ALAN: &str = "user_2aAlanTuring6nXr3Yu";
pub const KATHERINE: &str = "user_2aKatherineJohnson1p";
pub const LINUS: &str = "user_2aLinus8qZv5Bw2Cx7Dy";
pub const MARGARET: &str = "user_2aMargaretHamilton3r";
pub const DENNIS: &str = "user_2aDennisRitchie5sAe";
pub const BARBARA: &str = "user_2aBarbaraLiskov7tBf";
pub const HEDY: &str = "user_2bHedyLamarr2uCg9Eh";
pub const CLAUDE: &str = "user_2bClaudeShannon4vDi";
pub const RADIA: &str = "user_2bRadiaPerlman6wEj";
pub const TIM: &str = "user_2cTimBernersLee8xFk";
pub const FRANCES: &str = "user_2cFrancesAllen3yGl8Hk";
pub const JOHN: &str = "user_2cJohnBackus5zHm9Jq";
pub const EDSGER: &str = "user_2cEdsgerDijkstra7aJn";

pub const FORM: (&str, &str) = ("content-type", "application/x-www-form-urlencoded");
/// What every `/__emulator/` change carries.
pub const JSON: (&str, &str) = ("content-type", "application/json");

/// A running emulator.
pub struct Emulator {
    pub addr: SocketAddr,
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// Asserts the answer fits the schema that the FAPI excerpts declare for its status to `method path`
    /// (`path` a template such as `/v1/organizations/{organization_id}/invitations`); answers its body.
    pub fn assert_fits(&self, method: &str, path: &str) -> Value {
        let body = self.json();
        let problems = openapi::for_path(path).problems(path, method, self.status, &body);
        assert!(
            problems.is_empty(),
            "{method} {path} answered {} that does not fit the excerpt:\n{}\n{body}",
            self.status,
            problems.join("\n")
        );
        body
    }

    /// Asserts a Clerk error: status, `errors[0].code`, a trace id; answers `errors[0]`.
    pub fn assert_error(&self, status: u16, code: &str) -> Value {
        assert_eq!(self.status, status, "{}", self.text());
        let body = self.json();
        assert_eq!(body["errors"][0]["code"], code, "{body}");
        assert!(body["errors"][0]["message"].is_string(), "{body}");
        assert!(body["errors"][0]["long_message"].is_string(), "{body}");
        assert!(body["errors"][0]["meta"].is_object(), "{body}");
        let trace = body["clerk_trace_id"].as_str().unwrap_or_default();
        assert!(trace.len() >= 16, "missing clerk_trace_id: {body}");
        body["errors"][0].clone()
    }
}

pub fn start() -> Emulator {
    start_with(Config::default())
}

pub fn start_production() -> Emulator {
    start_with(Config {
        instance: InstanceType::Production,
        ..Config::default()
    })
}

pub fn start_with(config: Config) -> Emulator {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            // tokio's listener has a backlog of 1024, enough for 200 simultaneous connections.
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            sender
                .send(listener.local_addr().expect("addr"))
                .expect("send");
            serve(listener, config).await.expect("serve");
        });
    });
    let addr = receiver.recv().expect("emulator started");
    Emulator { addr }
}

impl Emulator {
    /// Sends one request on a fresh connection; `Err` when the connection closed without an answer.
    pub fn send(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Reply> {
        self.send_to_host(&self.addr.to_string(), method, target, headers, body)
    }

    /// [`Emulator::send`] with `Host: host` (a DNS-rebound page sends its own name).
    pub fn send_to_host(
        &self,
        host: &str,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Reply> {
        let mut stream = TcpStream::connect(self.addr)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let mut head =
            format!("{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !body.is_empty() || method != "GET" {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw)?;
        parse_reply(&raw)
    }

    pub fn request(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Reply {
        self.send(method, target, headers, body.as_bytes())
            .unwrap_or_else(|e| panic!("{method} {target}: {e}"))
    }

    pub fn get(&self, target: &str) -> Reply {
        self.request("GET", target, &[], "")
    }

    /// A form POST, as clerk-js sends every non-GET call.
    pub fn post_form(&self, target: &str, body: &str) -> Reply {
        self.request("POST", target, &[FORM], body)
    }

    pub fn post_json(&self, target: &str, body: &Value) -> Reply {
        self.request(
            "POST",
            target,
            &[("content-type", "application/json")],
            &body.to_string(),
        )
    }

    /// A dev-browser token for `user` (default: the first admin of the first organization).
    pub fn token(&self, user: Option<&str>) -> String {
        let target = match user {
            Some(u) => format!("/v1/dev_browser?user_id={u}"),
            None => "/v1/dev_browser".to_owned(),
        };
        let reply = self.request("POST", &target, &[], "");
        assert_eq!(reply.status, 200, "{}", reply.text());
        reply.json()["id"].as_str().expect("token").to_owned()
    }

    pub fn fault(&self, spec: Value) {
        let reply = self.post_json("/__emulator/faults", &spec);
        assert_eq!(reply.status, 200, "{}", reply.text());
    }
}

/// The binary, started with `--port 0` and `args`, once it printed the line with its address.
pub struct Running {
    child: Child,
    pub emu: Emulator,
}

impl Running {
    pub fn start<S: AsRef<OsStr>>(args: &[S]) -> Running {
        let mut child = Command::new(BIN)
            .args(["--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("line");
        let addr = line
            .trim()
            .strip_prefix("clerk-fapi-emulator listening on http://")
            .unwrap_or_else(|| panic!("{line:?}"))
            .parse()
            .expect("address");
        Running {
            child,
            emu: Emulator { addr },
        }
    }

    /// SIGKILL: no chance to flush or clean up anything.
    pub fn kill(mut self) {
        self.child.kill().expect("kill");
        self.child.wait().expect("wait");
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the binary did when run to its end with `args`.
pub struct Exit {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

/// One that is still running after 20 s is killed: `code` is then `None` (it started when it should not).
pub fn run<S: AsRef<OsStr>>(args: &[S]) -> Exit {
    let mut child = Command::new(BIN)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("wait").is_none() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let output = child.wait_with_output().expect("output");
    Exit {
        code: output.status.code(),
        stdout: output.stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `/v1/organizations/{org}/memberships/{user}` with the standard query and the dev token.
pub fn member_path(org: &str, user: &str, token: &str, method: Option<&str>) -> String {
    let mut target = format!("/v1/organizations/{org}/memberships/{user}?__clerk_api_version=2026-08-20&_clerk_js_version=6.40.0");
    if let Some(m) = method {
        target.push_str(&format!("&_method={m}"));
    }
    target.push_str(&format!("&__clerk_db_jwt={token}"));
    target
}

pub fn members_path(org: &str, token: &str, extra: &str) -> String {
    format!("/v1/organizations/{org}/memberships?paginated=true{extra}&__clerk_db_jwt={token}")
}

fn parse_reply(raw: &[u8]) -> std::io::Result<Reply> {
    let closed = || {
        std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "connection closed without an answer",
        )
    };
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(closed)?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or_else(closed)?;
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(closed)?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if let Some(len) = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
    {
        body.truncate(len);
    }
    Ok(Reply {
        status,
        headers,
        body,
    })
}

/// The key set of a JSON object.
pub fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    keys
}

/// `fixtures/<name>` from the spec.
pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Asserts a membership has exactly the keys of WIRE.md §6's fixture, at every level.
pub fn assert_membership_shape(membership: &Value) {
    let expected = fixture("membership-admin.json");
    assert_eq!(
        keys(membership),
        keys(&expected),
        "membership keys: {membership}"
    );
    assert_eq!(
        keys(&membership["organization"]),
        keys(&expected["organization"]),
        "organization keys"
    );
    assert_eq!(
        keys(&membership["public_user_data"]),
        keys(&expected["public_user_data"]),
        "public_user_data keys"
    );
    assert_eq!(membership["object"], "organization_membership");
    assert_eq!(membership["organization"]["object"], "organization");
    // Timestamps are integer milliseconds (WIRE.md §6): after 2001-09-09 in ms, i.e. 13 digits.
    for stamp in [
        &membership["created_at"],
        &membership["updated_at"],
        &membership["organization"]["created_at"],
    ] {
        let ms = stamp
            .as_i64()
            .unwrap_or_else(|| panic!("timestamp not an integer: {stamp}"));
        assert!(ms > 1_000_000_000_000, "timestamp not in ms: {ms}");
    }
}
