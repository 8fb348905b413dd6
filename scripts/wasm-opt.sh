#!/usr/bin/env bash
# wasm-opt -Oz from npm's binaryen (never Debian's: ../shared/TOOLCHAIN.md), with the proposals Rust's
# wasm32 target enables by default. Usage: scripts/wasm-opt.sh IN OUT [extra flags, e.g. -g]
# --low-memory-unused: Rust puts its 1 MiB stack first, so the low 1 KiB of memory is never data; wasm-opt
# may then fold small constant addresses into load/store offsets (−1.0 KB gzip, measured in issue 18).
set -euo pipefail
cd "$(dirname "$0")/.."
in=$1 out=$2; shift 2
node_modules/.bin/wasm-opt -Oz --low-memory-unused --strip-dwarf --strip-producers --strip-target-features \
  --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-call-indirect-overlong \
  "$@" "$in" -o "$out"
