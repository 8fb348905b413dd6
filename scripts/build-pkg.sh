#!/usr/bin/env bash
# Builds the npm package into pkg/: release wasm → wasm-bindgen (--target web, stripped) →
# wasm-opt -Oz (npm's binaryen, never Debian's: see ../shared/TOOLCHAIN.md) → package.json. Prints sizes.
set -euo pipefail
cd "$(dirname "$0")/.."

name=clerk_membership
out=pkg
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)

cargo build --quiet --release --target wasm32-unknown-unknown -p clerk-membership --lib
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" --out-name "$name" \
  --remove-name-section --remove-producers-section \
  "target/wasm32-unknown-unknown/release/$name.wasm"

scripts/wasm-opt.sh "$out/${name}_bg.wasm" "$out/${name}_bg.wasm" --strip-debug

cp README.md "$out/README.md"
cat > "$out/package.json" <<JSON
{
  "name": "clerk-membership",
  "version": "$version",
  "description": "Clerk's OrganizationMembership resource for the browser: Rust compiled to WebAssembly",
  "license": "MIT",
  "type": "module",
  "main": "./$name.js",
  "module": "./$name.js",
  "types": "./$name.d.ts",
  "exports": {
    ".": { "types": "./$name.d.ts", "default": "./$name.js" },
    "./${name}_bg.wasm": "./${name}_bg.wasm",
    "./package.json": "./package.json"
  },
  "files": ["${name}_bg.wasm", "$name.js", "$name.d.ts", "${name}_bg.wasm.d.ts", "snippets/", "README.md"],
  "sideEffects": ["./snippets/*"],
  "keywords": ["clerk", "organization", "membership", "wasm"]
}
JSON

size() { printf '%8d B raw %8d B gzip  %s\n' "$(wc -c < "$1")" "$(gzip -9 -c "$1" | wc -c)" "$1"; }
echo "clerk-membership $version built in $out/:"
size "$out/${name}_bg.wasm"
size "$out/$name.js"
total=$(cat "$out/${name}_bg.wasm" "$out/$name.js" | wc -c)
total_gz=$(( $(gzip -9 -c "$out/${name}_bg.wasm" | wc -c) + $(gzip -9 -c "$out/$name.js" | wc -c) ))
printf '%8d B raw %8d B gzip  total shipped code (wasm + JS glue)\n' "$total" "$total_gz"
