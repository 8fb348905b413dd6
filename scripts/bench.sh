#!/usr/bin/env bash
# `make bench`: installs the benchmark-only dependencies (Clerk's own browser SDK from npm, twiggy from
# crates.io), builds the emulator optimised and a bench-only build of the wasm (feature `bench`: the
# serde_wasm_bindgen::from_value path, measured beside fromJSON), and prints the figures
# (bench/run.mjs). Not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
# The benchmark runs without either (it leaves the clerk-js rows or the twiggy table out and says so).
if [ ! -f bench/node_modules/.package-lock.json ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  (cd bench && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) || echo "bench: could not install @clerk/clerk-js"
fi
command -v twiggy >/dev/null || cargo install twiggy || echo "bench: could not install twiggy"
cargo build --quiet --release -p clerk-fapi-emulator
# The bench-only wasm goes to its own target directory, so pkg/'s build is left as it is.
cargo build --quiet --release --target wasm32-unknown-unknown -p clerk-membership --lib --features bench --target-dir target/bench
rm -rf target/bench/pkg
wasm-bindgen --target web --out-dir target/bench/pkg --out-name clerk_membership \
  --remove-name-section --remove-producers-section target/bench/wasm32-unknown-unknown/release/clerk_membership.wasm
scripts/wasm-opt.sh target/bench/pkg/clerk_membership_bg.wasm target/bench/pkg/clerk_membership_bg.wasm
EMULATOR_BIN=target/release/clerk-fapi-emulator node bench/run.mjs
