//! Property tests on the host (issue 10), and the bugs they found.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;

mod regressions;
