//! The binary: one parseable line on stdout, loopback only.

mod common;
use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;

#[test]
fn prints_one_line_with_the_port_and_serves() {
    // `Host: x` is not a loopback name: answered only because the command line allows it.
    let running = Running::start(&["--allow-host", "x"]);
    let address = running.emu.addr;
    assert_eq!(address.ip(), std::net::Ipv4Addr::LOCALHOST, "{address}");
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.write_all(b"POST /v1/dev_browser HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    running.kill();
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
        let exit = run(args);
        assert_eq!(exit.code, Some(2), "{args:?}");
        assert!(exit.stdout.is_empty(), "{args:?}");
        assert!(!exit.stderr.is_empty(), "{args:?}");
    }
    let help = run(&["--help"]);
    assert_eq!(help.code, Some(0));
    let usage = String::from_utf8_lossy(&help.stdout);
    assert!(
        usage.contains("--static") && usage.contains("--state"),
        "{usage}"
    );
}
