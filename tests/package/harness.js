// Shared by the package tests: install the built package the way a user does (npm pack + npm install
// into a fresh folder), serve that folder on 127.0.0.1, and drive Debian's Chromium with playwright-core.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, cpSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, extname, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A fresh app folder with `clerk-membership` installed from the `npm pack` tarball of pkg/. */
export function installPackage() {
  const pkg = join(root, 'pkg');
  if (!existsSync(join(pkg, 'package.json'))) throw new Error('pkg/ is not built: run `make test`');
  const app = mkdtempSync(join(tmpdir(), 'clerk-membership-app-'));
  const tarball = execFileSync('npm', ['pack', pkg, '--pack-destination', app, '--silent'], { encoding: 'utf8' })
    .trim().split('\n').pop();
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', `./${tarball}`], { cwd: app });
  return app;
}

const types = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json',
  '.wasm': 'application/wasm', '.css': 'text/css', '.ts': 'text/plain',
};

/** Serves `dir` on 127.0.0.1 (a random port); resolves to { url, close }. */
export function serve(dir) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end(`not found: ${req.url}`);
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => server.close(done)),
  })));
}

/** Headless Debian Chromium; the flags keep it off the network (see ../shared/TOOLCHAIN.md). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', '--js-flags=--expose-gc'],
  });
}

/** Copies the page of checks and the spec fixtures into the app folder. */
export function addPage(app, pageDir) {
  cpSync(pageDir, app, { recursive: true });
  cpSync(join(root, 'tests/fixtures'), join(app, 'fixtures'), { recursive: true });
}

/**
 * Starts the Frontend API emulator (built by `make test-package`) on a free port of 127.0.0.1.
 * Resolves to { url, stop }. A page on another origin that calls `/__emulator/` needs
 * `'--control-origin', pageOrigin` in `args` (emulator/README.md, Security).
 */
export function startEmulator(...args) {
  const binary = process.env.EMULATOR_BIN ? resolve(root, process.env.EMULATOR_BIN) : join(root, 'target/debug/clerk-fapi-emulator');
  if (!existsSync(binary)) throw new Error(`${binary} is not built: run \`make test\``);
  const child = spawn(binary, ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) {
        child.removeAllListeners('exit');
        resolve({ url: match[1], stop: () => child.kill() });
      }
    });
  });
}

/** Runs a page of checks (window.checkResults) and reports each as a node test; also no console errors. */
export async function runPageChecks({ test, assert, browser, url, minimum, expectedErrors = [], timeoutMs = 240_000 }) {
  const page = await browser.newPage();
  const consoleErrors = [];
  // Errors a check provokes on purpose (matched by `expectedErrors`) are not defects.
  const unexpected = (text) => !expectedErrors.some((pattern) => pattern.test(text));
  page.on('console', (msg) => {
    // A failed fetch the checks provoke on purpose logs "Failed to load resource"; that is not a defect.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource') && unexpected(msg.text())) consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => { if (unexpected(String(err))) consoleErrors.push(String(err)); });
  await page.goto(url);
  const results = await page.waitForFunction(() => window.checkResults, null, { timeout: timeoutMs })
    .then((handle) => handle.jsonValue());
  // Closed before the first test is registered: once the tests ran, an after() hook may close the browser.
  await page.close();
  test('the page ran every check', () => assert.ok(results.length >= minimum, `only ${results.length} checks ran`));
  for (const { name, error } of results) test(name, () => assert.equal(error, null, error ?? ''));
  test('the page logged no console errors', () => assert.deepEqual(consoleErrors, []));
}

/**
 * Runs `page` of tests/package/page (e.g. `run.html?checks=fault-matrix.js`) in Chromium against a fresh
 * emulator (the page gets `?api=`), with the package freshly installed; each check is one node test.
 */
export async function runEmulatorPage({ test, after, assert, page, minimum, expectedErrors, timeoutMs }) {
  const app = installPackage();
  addPage(app, join(root, 'tests/package/page'));
  // The page's origin is known once it is served; the emulator lets that origin drive its control API.
  const [server, browser] = await Promise.all([serve(app), launchChromium()]);
  const emulator = await startEmulator('--control-origin', server.url);
  after(async () => { await browser.close(); await server.close(); emulator.stop(); });
  const url = new URL(page, `${server.url}/`);
  url.searchParams.set('api', emulator.url);
  // CHECKS_ONLY=<text>: only the checks whose name contains it (run-checks.js), to look at one by hand.
  if (process.env.CHECKS_ONLY) url.searchParams.set('only', process.env.CHECKS_ONLY);
  await runPageChecks({ test, assert, browser, url: url.href, minimum, expectedErrors, timeoutMs });
}
