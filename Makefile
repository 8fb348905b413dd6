# The two commands a newcomer needs: `make demo` and `make test`. Each installs what it needs first
# (scripts/setup.sh: wasm32 target, wasm-bindgen-cli, Debian's Chromium + chromedriver, npm packages).
.PHONY: setup pkg lint test test-host test-browser test-package test-bundlers test-frameworks test-e2e demo bench fuzz

export CHROMEDRIVER ?= /usr/bin/chromedriver
WASM := --target wasm32-unknown-unknown

setup:
	@scripts/setup.sh

pkg: setup
	@scripts/build-pkg.sh

lint: setup
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p clerk-membership $(WASM) --all-targets -- -D warnings

# Host: the model and the emulator. Browser: the wasm classes in headless Chromium.
# Package: the built npm package installed into a fresh folder, in a real page and under tsc --strict.
# Bundlers: a tiny app built from the packed package by Vite 8 and 7 (dev; build + preview), webpack 5,
# esbuild and Rollup 4, each with the README's recipe, run in headless Chromium against the emulator.
# Frameworks: the same from Next.js 16 (Turbopack, webpack) and 15, dev and build + start, with two
# server routes; SvelteKit 2 dev; Vite 6 dev and build + preview.
# E2E: the demo page (www/) against the emulator, driven like a person would.
test: lint test-host test-browser test-package test-bundlers test-frameworks test-e2e

test-host: setup
	cargo test --workspace

# The property tests (tests/properties/) at 100,000 cases per property; `make test` runs 1,000 of
# each. Any count: PROPTEST_CASES=N cargo test --release --test properties.
fuzz:
	PROPTEST_CASES=100000 cargo test --release --test properties

# tests/webdriver.json: the Chromium flags that keep it off the network (the runner adds headless).
test-browser: setup
	WASM_BINDGEN_TEST_WEBDRIVER_JSON=$(CURDIR)/tests/webdriver.json cargo test -p clerk-membership $(WASM)

test-package: pkg
	cargo build -p clerk-fapi-emulator
	node --test tests/package/

test-bundlers: pkg
	cargo build -p clerk-fapi-emulator
	node --test tests/bundlers/

test-frameworks: pkg
	cargo build -p clerk-fapi-emulator
	node --test tests/frameworks/

test-e2e: pkg
	scripts/install-www.sh
	cargo build -p clerk-fapi-emulator
	node --test tests/e2e/

demo: pkg
	@scripts/demo.sh

# Size, speed and memory beside clerk-js: prints figures, never fails on slow ones.
bench: pkg
	@scripts/bench.sh
