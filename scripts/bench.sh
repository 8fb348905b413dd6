#!/usr/bin/env bash
# `make bench`: installs the benchmark-only dependencies (Clerk's own browser SDK from npm, twiggy from
# crates.io), builds the emulator optimised, and prints the figures (bench/run.mjs). Not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
# The benchmark runs without either (it leaves the clerk-js rows or the twiggy list out and says so).
if [ ! -f bench/node_modules/.package-lock.json ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  (cd bench && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) || echo "bench: could not install @clerk/clerk-js"
fi
command -v twiggy >/dev/null || cargo install twiggy || echo "bench: could not install twiggy"
cargo build --quiet --release -p clerk-fapi-emulator
EMULATOR_BIN=target/release/clerk-fapi-emulator node bench/run.mjs
