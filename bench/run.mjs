// `make bench`: size, hydration, per-call cost, property reads and memory of clerk-membership, side
// by side with Clerk's browser SDK (@clerk/clerk-js 6.40.0, a dev dependency of bench/ only), in one
// run on this machine. Prints a table; never fails on slow figures (it is not a test).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { installPackage, serve, root, startEmulator } from '../tests/package/harness.js';
import { chromium } from 'playwright-core';

const KB = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(3)} ms`;
const sizes = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
function table(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

const clerkDist = join(root, 'bench/node_modules/@clerk/clerk-js/dist');
const chromiumVersion = execFileSync(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
console.log(`clerk-membership benchmark, ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model}, `
  + `${chromiumVersion}, Node ${process.version}. Medians; the machine is shared and noisy.`);

// 1. Package size.
const wasm = readFileSync(join(root, 'pkg/clerk_membership_bg.wasm'));
const glue = readFileSync(join(root, 'pkg/clerk_membership.js'));
const snippets = execFileSync('find', [join(root, 'pkg/snippets'), '-name', '*.js'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean)
  .map((f) => readFileSync(f));
const ours = sizes(Buffer.concat([wasm, glue, ...snippets]));
const theirs = existsSync(join(clerkDist, 'clerk.browser.js')) ? sizes(readFileSync(join(clerkDist, 'clerk.browser.js'))) : null;
const row = (name, s) => [name, KB(s.raw), KB(s.gzip), KB(s.brotli)];
table('1. Package size', ['what', 'raw', 'gzip -9', 'brotli'], [
  row('clerk_membership_bg.wasm', sizes(wasm)),
  row('clerk_membership.js (glue) + snippets', sizes(Buffer.concat([glue, ...snippets]))),
  row('clerk-membership, all shipped code', ours),
  ...(theirs ? [row('@clerk/clerk-js 6.40.0 dist/clerk.browser.js', theirs),
    ['ratio ours / clerk-js', (ours.raw / theirs.raw).toFixed(2), (ours.gzip / theirs.gzip).toFixed(2), (ours.brotli / theirs.brotli).toFixed(2)]] : []),
]);
if (!theirs) console.log('(clerk-js not installed: run `make bench`, which installs bench/ dependencies)');
try {
  // Names survive only before wasm-opt and name stripping: weigh the release build run through wasm-bindgen.
  const named = mkdtempSync(join(tmpdir(), 'clerk-membership-twiggy-'));
  execFileSync('wasm-bindgen', ['--target', 'web', '--out-dir', named, '--out-name', 'm',
    join(root, 'target/wasm32-unknown-unknown/release/clerk_membership.wasm')]);
  const top = execFileSync('twiggy', ['top', '-n', '12', join(named, 'm_bg.wasm')], { encoding: 'utf8' });
  console.log('\nWhat weighs most in the wasm (twiggy top, before wasm-opt, names kept):');
  console.log(top.split('\n').map((l) => l.slice(0, 140)).join('\n'));
} catch (error) {
  console.log(`(twiggy not available: ${error.message.split('\n')[0]})`);
}

// 2–5. In the browser.
const app = installPackage();
cpSync(join(root, 'bench/page'), app, { recursive: true });
cpSync(join(root, 'tests/fixtures/membership-admin.json'), join(app, 'membership-admin.json'));
if (existsSync(clerkDist)) cpSync(clerkDist, join(app, 'clerk-js'), { recursive: true });
const [server, emulator] = await Promise.all([serve(app), startEmulator()]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' || process.env.BENCH_VERBOSE) errors.push(m.text()); });
  await page.goto(`${server.url}/index.html?api=${encodeURIComponent(emulator.url)}`);
  // An error thrown by the page ends the run at once rather than after the timeout.
  const failed = new Promise((_, reject) => page.on('pageerror', (e) => reject(new Error(`the benchmark page failed: ${e}`))));
  const results = await Promise.race([
    page.waitForFunction(() => window.benchResults, null, { timeout: 900_000, polling: 1000 }).then((h) => h.jsonValue()),
    failed,
  ]);
  const versus = (group, floorKey) => Object.entries(results[group]).map(([name, value]) => [
    name, ms(value), (value / results[group][floorKey]).toFixed(2),
  ]);
  table('2. Hydration: 1,000 memberships from one list response (median of 30)', ['what', 'median', '× floor'],
    versus('hydration', 'JSON.parse alone (floor)'));
  table('3. Per-call cost: 200 sequential update() against the emulator on loopback', ['what', 'median', 'p95', 'median − floor'],
    Object.entries(results.calls).map(([name, { median, p95 }]) => [name, ms(median), ms(p95),
      ms(median - results.calls['bare fetch (floor)'].median)]));
  table('4. Property reads: 1,000,000 × (role + organization.name) (median of 7)', ['what', 'median', '× floor'],
    versus('reads', 'plain object (floor)'));
  const mem = results.memory;
  // wasm memory never shrinks: its size is the high-water mark, so reclamation shows as a plateau.
  table('5. Memory: 100,000 then 200,000 memberships made and dropped without free(), after GC', ['when', 'wasm memory (high-water)', 'JS heap (used)'], [
    ['baseline', KB(mem.baseline.wasm), KB(mem.baseline.heap)],
    ['after 100,000', KB(mem.after100k.wasm), KB(mem.after100k.heap)],
    ['after 200,000', KB(mem.after200k.wasm), KB(mem.after200k.heap)],
  ]);
  if (!results.clerkJs) console.log('\n(clerk-js rows left out: @clerk/clerk-js is not installed in bench/)');
  if (errors.length) console.log(`\nPage messages:\n${errors.join('\n')}`);
} finally {
  await browser.close();
  await server.close();
  emulator.stop();
}
