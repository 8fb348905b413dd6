//! Property tests on the host (issue 10): generated and mutated JSON into the models, the envelope
//! and error bodies; huge and deep values; every id through request building; `Retry-After`
//! values; publishable keys, proxy URLs and domains; the live list's state machine against a
//! reference model. None may panic, and each checks the exact
//! outcome it can: the path and problem of an error, the value kept, the URL a parser reads back.
//!
//! Cases per property: `PROPTEST_CASES` when set (`make fuzz` runs 100,000), else [`SHORT_RUN`],
//! so that `cargo test --workspace` (in `make test`) stays at a few seconds.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;

mod arbitrary_json;
mod config;
mod ids;
mod limits;
mod mutations;
mod pagination;
mod regressions;
mod retry_after;
mod support;

/// Cases per property in a plain `cargo test`; `PROPTEST_CASES` overrides it (proptest reads it).
pub const SHORT_RUN: u32 = 1_000;

/// The configuration of every property: [`SHORT_RUN`] cases unless `PROPTEST_CASES` says otherwise.
pub fn run() -> proptest::test_runner::Config {
    proptest::test_runner::Config::with_cases(SHORT_RUN)
}
