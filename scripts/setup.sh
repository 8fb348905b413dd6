#!/usr/bin/env bash
# Installs everything the build and the tests need on a fresh Debian machine, from crates.io, npm and
# Debian's packages only; each step is skipped when what it installs is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock
}

sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
apt_install() {
  say "installing $* from Debian's packages"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# Checked first: everything below needs them, and the cargo install is slow to fail after.
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
# The package needs Node.js 20 (its engines field) and Next.js 16 in tests/frameworks 20.9: say so plainly.
node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 20 || (major === 20 && minor >= 9) ? 0 : 1)' ||
  { echo "setup: Node.js 20.9 or later is needed (found $(node --version)); install it, then run make again" >&2; exit 1; }

for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI is built with scripts/patches/tiny_http-0.12.0-task-pool.patch: without it the test runner's
# page server can leave a connection unread and the browser tests hang (the patch file says why). A stamp
# beside cargo's bin folder records the version and patch the installed CLI was built with.
version=$(wasm_bindgen_version)
root=$PWD
patch_file=scripts/patches/tiny_http-0.12.0-task-pool.patch
stamp="${CARGO_HOME:-$HOME/.cargo}/.clerk-membership-wasm-bindgen-cli"
built_with="wasm-bindgen-cli $version, $(sha256sum "$patch_file" | cut -c1-16)"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$version" ] ||
   [ "$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')" != "$version" ] ||
   [ "$(cat "$stamp" 2>/dev/null)" != "$built_with" ]; then
  say "installing wasm-bindgen-cli $version from crates.io, its tiny_http patched (a few minutes, once)"
  work=$(mktemp -d)
  # tiny_http's source from crates.io, vendored through a throwaway manifest that depends on it.
  mkdir -p "$work/fetch/src" && : > "$work/fetch/src/lib.rs"
  printf '[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\ntiny_http = "=0.12.0"\n[workspace]\n' \
    > "$work/fetch/Cargo.toml"
  (cd "$work/fetch" && cargo vendor --quiet --versioned-dirs "$work/vendor" >/dev/null)
  (cd "$work/vendor/tiny_http-0.12.0" && git apply "$root/$patch_file")
  # Not --locked: the CLI's own lock file pins a webpki-roots release the registry no longer has.
  cargo install wasm-bindgen-cli --version "$version" --force \
    --config "patch.crates-io.tiny_http.path=\"$work/vendor/tiny_http-0.12.0\""
  rm -rf "$work"
  echo "$built_with" > "$stamp"
fi

# The tests use these paths (Makefile: CHROMEDRIVER; tests/package/harness.js: CHROMIUM).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  apt_install chromium chromium-driver
fi

# npm ci in folder $1 only when its package-lock.json changed since the last install there.
npm_ci() {
  local dir=$1; shift
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing $*"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci . "npm dev dependencies (binaryen's wasm-opt, playwright-core, typescript)"
npm_ci tests/bundlers "the bundlers tests/bundlers builds with (Vite 8 and 7, webpack 5, esbuild, Rollup 4)"
npm_ci tests/frameworks "the frameworks tests/frameworks builds with (Next.js 16, SvelteKit 2, Vite 6)"
npm_ci tests/frameworks/next15 "Next.js 15, for tests/frameworks"
npm_ci tests/frameworks/vite5 "Vite 5, for tests/frameworks"
