#!/usr/bin/env bash
# `make bench`: installs the benchmark-only dependencies (Clerk's own browser SDK from npm, twiggy from
# crates.io), builds the emulator optimised, and prints the figures (bench/run.mjs). Not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f bench/node_modules/.package-lock.json ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  (cd bench && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
fi
command -v twiggy >/dev/null || cargo install twiggy
cargo build --quiet --release -p clerk-fapi-emulator
EMULATOR_BIN=target/release/clerk-fapi-emulator node bench/run.mjs
