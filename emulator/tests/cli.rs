//! The binary: one parseable line on stdout, loopback only.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_clerk-fapi-emulator");

#[test]
fn prints_one_line_with_the_port_and_serves() {
    let mut child = Command::new(BIN)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("line");
    let address = line
        .trim()
        .strip_prefix("clerk-fapi-emulator listening on http://")
        .unwrap_or_else(|| panic!("{line:?}"));
    assert!(address.starts_with("127.0.0.1:"), "{address}");
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.write_all(b"POST /v1/dev_browser HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    let _ = child.kill();
    let _ = child.wait();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"object\":\"dev_browser\""), "{answer}");
}

#[test]
fn refuses_a_non_loopback_host_and_bad_options() {
    for args in [
        &["--host", "0.0.0.0"][..],
        &["--instance", "staging"],
        &["--seed", "/nonexistent.json"],
        &["--state", "/nonexistent-dir/state.json"],
        &["--frobnicate"],
    ] {
        let output = Command::new(BIN).args(args).output().expect("run");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?}");
    }
    let help = Command::new(BIN).arg("--help").output().expect("run");
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--static"));
}
