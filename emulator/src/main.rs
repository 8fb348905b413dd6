//! `clerk-fapi-emulator`: starts the emulator and prints the one line scripts parse for the port.

use clerk_fapi_emulator::{parse_args, Server, USAGE};
use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match parse_args(std::env::args().skip(1)) {
        Ok(Some(cli)) => cli,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("clerk-fapi-emulator: {message}");
            return ExitCode::from(2);
        }
    };
    let (host, port) = (cli.host, cli.port);
    // The state file is read (and refused if need be) before anything listens.
    let server = match Server::open(cli.config) {
        Ok(server) => server,
        Err(message) => {
            eprintln!("clerk-fapi-emulator: {message}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("clerk-fapi-emulator: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(SocketAddr::new(host, port)).await {
            Ok(listener) => listener,
            Err(e) => {
                eprintln!("clerk-fapi-emulator: cannot listen on {host}:{port}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let address = match listener.local_addr() {
            Ok(address) => address,
            Err(e) => {
                eprintln!("clerk-fapi-emulator: {e}");
                return ExitCode::FAILURE;
            }
        };
        let mut stdout = std::io::stdout();
        // Exactly one line, flushed: scripts read the port from it.
        let _ = writeln!(stdout, "clerk-fapi-emulator listening on http://{address}");
        let _ = stdout.flush();
        match server.serve(listener).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("clerk-fapi-emulator: {e}");
                ExitCode::FAILURE
            }
        }
    })
}
