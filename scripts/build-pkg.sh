#!/usr/bin/env bash
# Builds the npm package into pkg/: release wasm → wasm-bindgen (--target web, stripped) →
# wasm-opt -Oz (npm's binaryen, never Debian's: see ../shared/TOOLCHAIN.md) → the entry files of
# src/js/entry/ → package.json. Prints sizes. Never edit pkg/ by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

name=clerk_membership
out=pkg
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
repository=$(awk -F'"' '/^repository = / { print $2; exit }' Cargo.toml)

cargo build --quiet --release --target wasm32-unknown-unknown -p clerk-membership --lib
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" --out-name "$name" \
  --remove-name-section --remove-producers-section \
  "target/wasm32-unknown-unknown/release/$name.wasm"
scripts/wasm-opt.sh "$out/${name}_bg.wasm" "$out/${name}_bg.wasm" --strip-debug

# The entry: browsers and bundlers get index.js, Node gets node.js (init() reads the wasm from disk), and
# bundlers' development builds index.dev.js (init() finds the wasm after Vite 5–7's optimizer moved the JS).
cp src/js/entry/index.js src/js/entry/index.dev.js src/js/entry/wasm.js src/js/entry/node.js src/js/entry/index.d.ts "$out/"
cp README.md CHANGELOG.md LICENSE "$out/"
mkdir -p "$out/docs" && cp docs/wire.md "$out/docs/"
cat > "$out/package.json" <<JSON
{
  "name": "clerk-membership",
  "version": "$version",
  "description": "Clerk's OrganizationMembership resource for the browser: Rust compiled to WebAssembly",
  "license": "MIT",
  "repository": { "type": "git", "url": "git+$repository.git" },
  "homepage": "$repository#readme",
  "keywords": ["clerk", "organization", "membership", "organizations", "auth", "wasm", "webassembly", "rust"],
  "engines": { "node": ">=20" },
  "type": "module",
  "main": "./index.js",
  "module": "./index.js",
  "types": "./index.d.ts",
  "exports": {
    ".": {
      "types": "./index.d.ts",
      "node": "./node.js",
      "development": "./index.dev.js",
      "default": "./index.js"
    },
    "./${name}_bg.wasm": "./${name}_bg.wasm",
    "./package.json": "./package.json"
  },
  "files": ["index.js", "index.dev.js", "wasm.js", "node.js", "index.d.ts", "$name.js", "$name.d.ts", "${name}_bg.wasm", "${name}_bg.wasm.d.ts",
            "snippets/", "README.md", "CHANGELOG.md", "LICENSE", "docs/wire.md"],
  "sideEffects": ["./snippets/*"]
}
JSON

echo "clerk-membership $version built in $out/:"
node -e '
const { readFileSync, readdirSync, statSync } = require("node:fs");
const { gzipSync } = require("node:zlib");
const { join } = require("node:path");
const walk = (dir) => readdirSync(dir).flatMap((f) => statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]);
const code = walk(process.argv[1]).filter((f) => /\.(js|wasm)$/.test(f));
let raw = 0, gz = 0;
for (const f of code) {
  const bytes = readFileSync(f); const z = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length; gz += z;
  if (!f.includes("snippets")) console.log(`${String(bytes.length).padStart(8)} B raw ${String(z).padStart(8)} B gzip  ${f}`);
}
console.log(`${String(raw).padStart(8)} B raw ${String(gz).padStart(8)} B gzip  all shipped code (wasm + glue + entry + snippets)`);
' "$out"
