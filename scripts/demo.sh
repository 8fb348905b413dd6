#!/usr/bin/env bash
# `make demo`: installs the freshly built pkg/ into www/ (as an app would: npm install of the package),
# then serves www/ and the Frontend API emulator from one process on 127.0.0.1. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-4010}

scripts/install-www.sh

cargo build --quiet -p clerk-fapi-emulator
echo "demo: open http://127.0.0.1:$port/ (Ctrl-C stops)"
exec target/debug/clerk-fapi-emulator --port "$port" --static www
