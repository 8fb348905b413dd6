// `make bench`: size, hydration, per-call cost, property reads and memory of clerk-membership, side
// by side with Clerk's browser SDK (@clerk/clerk-js 6.40.0, a dev dependency of bench/ only), in one
// run on this machine. Prints a table; never fails on slow figures (it is not a test).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { installPackage, serve, root, startEmulator } from '../tests/package/harness.js';
import { chromium } from 'playwright-core';

const KB = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(3)} ms`;
// Section 3's reference row (bench/page/bench.js names it the same).
const STAND_IN = 'stand-in: JSON.parse + a plain class that copies the fields and makes Dates';
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
// What a browser loads in production: the entry and its wasm.js, the glue, its snippets and the wasm
// (node.js is Node's only, index.dev.js dev servers' only).
const glue = Buffer.concat(['index.js', 'wasm.js', 'clerk_membership.js'].map((file) => readFileSync(join(root, 'pkg', file))));
const snippets = execFileSync('find', [join(root, 'pkg/snippets'), '-name', '*.js'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean)
  .map((f) => readFileSync(f));
const ours = sizes(Buffer.concat([wasm, glue, ...snippets]));
const theirs = existsSync(join(clerkDist, 'clerk.browser.js')) ? sizes(readFileSync(join(clerkDist, 'clerk.browser.js'))) : null;
const row = (name, s) => [name, KB(s.raw), KB(s.gzip), KB(s.brotli)];
table('1. Package size', ['what', 'raw', 'gzip -9', 'brotli'], [
  row('clerk_membership_bg.wasm', sizes(wasm)),
  row('index.js + wasm.js + clerk_membership.js (glue) + snippets', sizes(Buffer.concat([glue, ...snippets]))),
  row('clerk-membership, all shipped code', ours),
  ...(theirs ? [row('@clerk/clerk-js 6.40.0 dist/clerk.browser.js', theirs),
    ['ratio ours / clerk-js', (ours.raw / theirs.raw).toFixed(2), (ours.gzip / theirs.gzip).toFixed(2), (ours.brotli / theirs.brotli).toFixed(2)]] : []),
]);
if (!theirs) console.log('(clerk-js not installed: run `make bench`, which installs bench/ dependencies)');
// What an app pays (issue 18's measure): the wasm, plus the package's JS as a production bundle of the
// entry (esbuild --bundle --minify --format=esm, the wasm left as the file it loads), both gzip -9.
const esbuild = join(root, 'bench/node_modules/.bin/esbuild');
let pays = null;
if (existsSync(esbuild)) {
  const bundle = execFileSync(esbuild, [join(root, 'pkg/index.js'), '--bundle', '--minify', '--format=esm',
    '--external:*.wasm', '--log-level=error'], { maxBuffer: 1 << 26 });
  pays = { wasm: sizes(wasm).gzip, js: sizes(bundle).gzip };
  table('1a. What an app pays: the wasm plus the package JS as a minified production bundle, gzip -9', ['what', 'gzip -9'], [
    ['clerk_membership_bg.wasm', KB(pays.wasm)],
    ['pkg/index.js bundled by esbuild --bundle --minify --format=esm', KB(pays.js)],
    ['what an app pays', KB(pays.wasm + pays.js)],
    ...(theirs ? [['@clerk/clerk-js 6.40.0 dist/clerk.browser.js (minified)', KB(theirs.gzip)]] : []),
  ]);
} else {
  console.log('(esbuild not installed in bench/: the bundled size is left out)');
}
try {
  // What each crate costs: the release wasm through wasm-bindgen and the same wasm-opt -Oz as pkg/,
  // names kept (-g) so that twiggy can attribute every function; generics count for the crate that
  // defines them (a serde derive's visitor counts for clerk_membership, serde_json's reader for serde_json).
  const named = mkdtempSync(join(tmpdir(), 'clerk-membership-twiggy-'));
  execFileSync('wasm-bindgen', ['--target', 'web', '--out-dir', named, '--out-name', 'm',
    join(root, 'target/wasm32-unknown-unknown/release/clerk_membership.wasm')]);
  execFileSync(join(root, 'scripts/wasm-opt.sh'), [join(named, 'm_bg.wasm'), join(named, 'opt.wasm'), '-g']);
  const csv = execFileSync('twiggy', ['top', '-n', '1000000', '--format', 'csv', join(named, 'opt.wasm')], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const crates = new Map();
  let listBytes = 0;
  for (const line of csv.trim().split('\n').slice(1)) {
    const match = /^(.*),(\d+),[\d.]+,[\d.]*,[\d.]*$/.exec(line);
    if (!match) continue;
    const name = match[1].replace(/^"|"$/g, '').replace(/\[[0-9a-f]{16}\]/g, '');
    if (name.includes('function names')) continue;
    const crate = /^<(?:impl [^ ]+ for )?&?(?:mut )?([a-z_][a-z0-9_]*)::/.exec(name)?.[1]
      ?? /^([a-z_][a-z0-9_]*)::/.exec(name)?.[1]
      ?? (name.startsWith('data segment') ? 'data (strings, tables)' : / shim$/.test(name) ? 'wasm-bindgen export/import shims' : 'other (closures, std glue)');
    crates.set(crate, (crates.get(crate) ?? 0) + Number(match[2]));
    // The live list (issue 12's budget): its Rust and its export shims.
    if (/clerk_membership::js::list::|^membershiplist_/.test(name)) listBytes += Number(match[2]);
  }
  const total = [...crates.values()].reduce((a, b) => a + b, 0);
  const shipped = sizes(wasm).gzip;
  table('What each crate costs in the wasm (after wasm-opt; the gzip share is proportional)', ['crate', 'bytes', 'share', '≈ gzip'],
    [...crates].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([crate, bytes]) =>
      [crate, KB(bytes), `${((100 * bytes) / total).toFixed(1)} %`, KB((shipped * bytes) / total)]));
  const listJs = execFileSync('find', [join(root, 'pkg/snippets'), '-name', 'list.js'], { encoding: 'utf8' }).trim();
  const listJsGzip = listJs ? sizes(readFileSync(listJs)).gzip : 0;
  console.log(`Of which the live list (src/js/list.rs and its shims): ${KB(listBytes)} ≈ ${KB((shipped * listBytes) / total)} gzip,`
    + ` plus list.js ${KB(listJsGzip)} gzip.`);
} catch (error) {
  console.log(`(twiggy not available: ${error.message.split('\n')[0]})`);
}

// 2–5. In the browser.
const app = installPackage();
cpSync(join(root, 'bench/page'), app, { recursive: true });
cpSync(join(root, 'tests/fixtures/membership-admin.json'), join(app, 'membership-admin.json'));
if (existsSync(clerkDist)) cpSync(clerkDist, join(app, 'clerk-js'), { recursive: true });
const probe = join(root, 'target/bench/pkg');
if (existsSync(probe)) cpSync(probe, join(app, 'probe'), { recursive: true });
// The default seed plus one organization of 600 members (Ada is its admin), for the list rows.
const BENCH_ORG = 'org_2zBenchCorp0000000000001';
const seed = JSON.parse(readFileSync(join(root, 'emulator/seed/default.json'), 'utf8'));
seed.organizations.push({ ...seed.organizations[0], id: BENCH_ORG, name: 'Bench Corp', slug: 'bench-corp', max_allowed_memberships: 1000, pending_invitations_count: 0 });
const ada = seed.users.find((u) => u.first_name === 'Ada');
seed.memberships.push({ ...seed.memberships.find((m) => m.user_id === ada.id), id: 'orgmem_2zBenchAda', organization_id: BENCH_ORG, role: 'org:admin' });
for (let i = 0; i < 599; i++) {
  const id = `user_2zBench${String(i).padStart(10, '0')}`;
  seed.users.push({ ...seed.users[1], id, first_name: `Member${i}`, last_name: 'Bench', email_address: `member${i}@bench.test`, username: null });
  seed.memberships.push({ id: `orgmem_2zBench${String(i).padStart(10, '0')}`, organization_id: BENCH_ORG, user_id: id,
    role: i % 5 ? 'org:member' : 'org:billing', public_metadata: { seat: i }, created_at: 1700000000000 + i, updated_at: 1700000000000 + i });
}
const seedFile = join(mkdtempSync(join(tmpdir(), 'clerk-membership-seed-')), 'seed.json');
writeFileSync(seedFile, JSON.stringify(seed));
const server = await serve(app);
// The bench page (another origin) signs in through /__emulator/.
const emulator = await startEmulator('--seed', seedFile, '--control-origin', server.url);
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
  await page.goto(`${server.url}/index.html?api=${encodeURIComponent(emulator.url)}&org=${BENCH_ORG}`);
  // An error thrown by the page ends the run at once rather than after the timeout.
  const failed = new Promise((_, reject) => page.on('pageerror', (e) => reject(new Error(`the benchmark page failed: ${e}`))));
  const results = await Promise.race([
    page.waitForFunction(() => window.benchResults, null, { timeout: 900_000, polling: 1000 }).then((h) => h.jsonValue()),
    failed,
  ]);
  const versus = (group, floorKey) => Object.entries(results[group]).map(([name, value]) => [
    name, ms(value), (value / results[group][floorKey]).toFixed(2),
  ]);
  const list = results.list.rows;
  if (list) {
    const floor = list['bare fetch + res.json() + clerk-js-like objects (floor)'];
    const clerk = list['clerk-js: organization.getMemberships({ pageSize: 500 })'];
    table(`2. The list path: ${results.list.count} members in one page, then role, organization.name and publicUserData.identifier of each (median of 15, interleaved)`,
      ['what', 'median', '× floor', '× clerk-js'],
      Object.entries(list).map(([name, value]) => [name, ms(value), (value / floor).toFixed(2), clerk ? (value / clerk).toFixed(2) : '—']));
    const decode = results.list.decode;
    const decodeFloor = Object.values(decode)[0];
    table(`2b. The same answer (${KB(results.list.bytes)}) without the network, then the same first reads (median of 30)`, ['what', 'median', '× floor'],
      Object.entries(decode).map(([name, value]) => [name, ms(value), (value / decodeFloor).toFixed(2)]));
  }
  const hydration = results.hydration;
  const clerkReads = hydration['clerk-js: same + read role, org name, identifier'];
  const standIn = hydration[STAND_IN];
  table('3. fromJSON: 1,000 memberships of one list response\'s text, then the same first reads (median of 21, interleaved)', ['what', 'median', '× stand-in', '× clerk-js'],
    Object.entries(hydration).map(([name, value]) => [name, ms(value), (value / standIn).toFixed(2),
      clerkReads ? (value / clerkReads).toFixed(2) : '—']));
  table('4. Per-call cost: 200 sequential update() against the emulator on loopback', ['what', 'median', 'p95', 'median − floor'],
    Object.entries(results.calls).map(([name, { median, p95 }]) => [name, ms(median), ms(p95),
      ms(median - results.calls['bare fetch (floor)'].median)]));
  table('5. Property reads: 1,000,000 × (role + organization.name) (median of 7)', ['what', 'median', '× floor'],
    versus('reads', 'plain object (floor)'));
  const mem = results.memory;
  // wasm memory never shrinks: its size is the high-water mark, so reclamation shows as a plateau.
  table('6. Memory: 100,000 then 200,000 memberships made and dropped without free(), after GC', ['when', 'wasm memory (high-water)', 'JS heap (used)'], [
    ['baseline', KB(mem.baseline.wasm), KB(mem.baseline.heap)],
    ['after 100,000', KB(mem.after100k.wasm), KB(mem.after100k.heap)],
    ['after 200,000', KB(mem.after200k.wasm), KB(mem.after200k.heap)],
  ]);
  // Issue 18's goals, from the figures above.
  const reads = results.reads;
  const goal = (what, value, target, ok) => [what, value, target, ok ? 'reached' : 'not reached'];
  const hydrated = hydration['clerk-membership: fromJSON + read role, org name, identifier'] / standIn;
  const listed = list ? list['clerk-membership: organization.getMemberships({ pageSize: 500 })'] / list['bare fetch + res.json() + clerk-js-like objects (floor)'] : NaN;
  const readRatio = reads['clerk-membership'] / reads['plain object (floor)'];
  const clerkReadRatio = reads['clerk-js'] / reads['plain object (floor)'];
  table('Goals (issue 18)', ['what', 'now', 'goal', ''], [
    ...(pays ? [goal('what an app pays, gzip -9', KB(pays.wasm + pays.js), '≤ 100.0 KB', pays.wasm + pays.js <= 100 * 1024)] : []),
    goal('fromJSON of 1,000 + first reads, × stand-in', `${hydrated.toFixed(2)} ×`, '≤ 3.00 ×', hydrated <= 3),
    goal('list path, 500 members + first reads, × floor', `${listed.toFixed(2)} ×`, '≤ 1.15 ×', listed <= 1.15),
    goal('property reads, × plain object', `${readRatio.toFixed(2)} ×`, `level (clerk-js ${clerkReadRatio.toFixed(2)} ×)`, readRatio <= clerkReadRatio * 1.1),
  ]);
  if (!results.clerkJs) console.log('\n(clerk-js rows left out: @clerk/clerk-js is not installed in bench/)');
  if (errors.length) console.log(`\nPage messages:\n${errors.join('\n')}`);
} finally {
  await browser.close();
  await server.close();
  emulator.stop();
}
