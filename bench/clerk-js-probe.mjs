// clerk-js probe: proves that the real @clerk/clerk-js 6.40.0 browser bundle runs against clerk-fapi-emulator,
// offline, in headless Chromium, and shows the benchmark how to drive it.
//
// Usage:   node bench/clerk-js-probe.mjs            (exit 0 on success, 1 on failure)
// Env:
//   EMULATOR_BIN   emulator binary      (default /work/main/target/debug/clerk-fapi-emulator;
//                                        build it with `cargo build -p clerk-fapi-emulator`)
//   CLERK_JS_DIST  clerk-js dist folder (default /tmp/cjs/package/dist). How to get it:
//                    cd /tmp/cjs && npm pack @clerk/clerk-js@6.40.0 && tar xzf clerk-clerk-js-6.40.0.tgz
//                  Once bench/package.json has `@clerk/clerk-js@6.40.0` as a dev dependency, point it at
//                  bench/node_modules/@clerk/clerk-js/dist.
//   CHROMIUM       browser binary       (default /usr/bin/chromium)
//   CROSS_ORIGIN=1 serve the page from a second 127.0.0.1 port (FAPI on another origin, CORS with
//                  credentials) instead of from the emulator itself (same origin, like a Clerk proxy).
//
// How clerk-js is loaded (copy this):
//   * The page loads dist/clerk.browser.js with a plain <script>. That bundle does not export a class: on
//     evaluation it creates the instance itself, `window.Clerk = new Clerk(key, { proxyUrl, domain })`, reading
//     the key from `script[data-clerk-publishable-key]` or `window.__clerk_publishable_key`, and the proxy from
//     `script[data-clerk-proxy-url]` or `window.__clerk_proxy_url`. So set both globals BEFORE the script:
//
//       <script>
//         window.__clerk_publishable_key = 'pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk'; // dev instance
//         window.__clerk_proxy_url = 'http://127.0.0.1:PORT/';  // the emulator; FAPI calls go to PORT/v1/...
//       </script>
//       <script src=".../clerk.browser.js" crossorigin="anonymous"></script>
//
//   * Then, in the page:
//
//       const clerk = window.Clerk;
//       await clerk.load({ telemetry: false });      // no telemetry host contacted
//       clerk.user;                                   // Ada Lovelace (the emulator's default dev-browser user)
//       clerk.organization;                           // Acme Rockets (the session's active organization)
//       const mine = await clerk.user.getOrganizationMemberships();      // { data: [2 memberships], total_count: 2 }
//       const acme = mine.data.find(m => m.organization.slug === 'acme-rockets').organization;
//       const members = await acme.getMemberships({ pageSize: 50 });      // { data, total_count: 8 }
//       const alan = members.data.find(m => m.publicUserData.identifier === 'alan@acme.test');
//       const updated = await alan.update({ role: 'org:billing' });       // an OrganizationMembership
//       await alan.destroy();                                             // resolves to undefined
//       await clerk.session.getToken();                                   // the emulator's session JWT
//       await clerk.setActive({ organization: otherOrgId });              // POST .../touch
//
//   During load() clerk-js (development instance) asks, in order:
//     POST /v1/dev_browser                      (no token in the cookie/URL yet: the emulator signs Ada in)
//     POST /v1/environment?_method=PATCH        (a development instance "touches" its environment)
//     GET  /v1/client
//   and afterwards, on demand: POST /v1/client/sessions/{sid}/tokens (getToken, the cookie poller) and
//   POST /v1/client/sessions/{sid}/touch (setActive). Every call carries __clerk_api_version=2026-08-20,
//   _clerk_js_version=6.40.0 and __clerk_db_jwt=<token>; calls outside /client add _clerk_session_id.
//   Nothing but 127.0.0.1 is contacted: captcha is off in the emulator's environment and telemetry is off.

import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire('/work/main/node_modules/');
const { chromium } = require('playwright-core');

const EMULATOR_BIN = process.env.EMULATOR_BIN || '/work/main/target/debug/clerk-fapi-emulator';
const CLERK_JS_DIST = process.env.CLERK_JS_DIST || '/tmp/cjs/package/dist';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CROSS_ORIGIN = process.env.CROSS_ORIGIN === '1';
const PUBLISHABLE_KEY = 'pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk';
const ACME = 'org_2aAcmeRockets7Qm4Xk9ZpT1';
const GLOBEX = 'org_2bGlobexLabs3Vn8Rw2YhL5';

for (const [name, path] of [['EMULATOR_BIN', EMULATOR_BIN], ['CLERK_JS_DIST', join(CLERK_JS_DIST, 'clerk.browser.js')]]) {
  if (!existsSync(path)) {
    console.error(`clerk-js-probe: ${name}: ${path} does not exist`);
    process.exit(1);
  }
}

function page(emulator, clerkJsUrl) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>clerk-js probe</title><link rel="icon" href="data:,"></head><body>
<script>
  window.__clerk_publishable_key = ${JSON.stringify(PUBLISHABLE_KEY)};
  window.__clerk_proxy_url = ${JSON.stringify(emulator + '/')};
</script>
<script src="${clerkJsUrl}" crossorigin="anonymous"></script>
</body></html>`;
}

// The emulator, on a free port; it prints `clerk-fapi-emulator listening on http://127.0.0.1:PORT`.
const pageDir = mkdtempSync(join(tmpdir(), 'clerk-js-probe-'));
const emulatorProcess = spawn(
  EMULATOR_BIN,
  ['--port', '0', '--static', `/clerk=${CLERK_JS_DIST}`, '--static', `/probe=${pageDir}`],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
let staticServer = null;
let browser = null;
let ok = false;

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  if (staticServer) staticServer.close();
  emulatorProcess.kill();
  rmSync(pageDir, { recursive: true, force: true });
}

try {
  const emulator = await new Promise((resolve, reject) => {
    let out = '';
    emulatorProcess.stdout.on('data', chunk => {
      out += chunk;
      const match = out.match(/listening on (http:\/\/\S+)/);
      if (match) resolve(match[1]);
    });
    emulatorProcess.on('exit', code => reject(new Error(`emulator exited with ${code}`)));
    setTimeout(() => reject(new Error('emulator did not start in 10 s')), 10_000);
  });

  let pageUrl;
  if (CROSS_ORIGIN) {
    // A second origin serving the page and clerk-js; FAPI calls cross to the emulator's port.
    const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript' };
    staticServer = createServer((req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      const file = path === '/' ? null : normalize(join(CLERK_JS_DIST, path.replace(/^\/clerk\//, '')));
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(page(emulator, '/clerk/clerk.browser.js'));
      } else if (path.startsWith('/clerk/') && file.startsWith(CLERK_JS_DIST) && existsSync(file)) {
        res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' }).end(readFileSync(file));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise(resolve => staticServer.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${staticServer.address().port}/`;
  } else {
    writeFileSync(join(pageDir, 'index.html'), page(emulator, '/clerk/clerk.browser.js'));
    pageUrl = `${emulator}/probe/index.html`;
  }
  console.log(`emulator ${emulator}, page ${pageUrl}`);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  const tab = await browser.newPage();
  const problems = [];
  tab.on('pageerror', error => problems.push(`page error: ${error.message}`));
  tab.on('console', message => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  tab.on('requestfailed', request => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  tab.on('response', response => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await tab.goto(pageUrl);

  const result = await tab.evaluate(async ({ ACME, GLOBEX }) => {
    const clerk = window.Clerk;
    const steps = {};
    const membership = m => ({
      id: m.id,
      organization: m.organization.name,
      user: m.publicUserData?.identifier,
      role: m.role,
      roleName: m.roleName,
      isClerkResource: typeof m.update === 'function' && typeof m.destroy === 'function',
    });
    try {
      await clerk.load({ telemetry: false });
      steps.loaded = clerk.loaded;
      steps.user = clerk.user && { id: clerk.user.id, fullName: clerk.user.fullName, email: clerk.user.primaryEmailAddress?.emailAddress };
      steps.session = clerk.session?.id;
      steps.activeOrganization = clerk.organization?.name;

      const mine = await clerk.user.getOrganizationMemberships();
      steps.myMemberships = { total_count: mine.total_count, data: mine.data.map(membership) };

      const acme = mine.data.find(m => m.organization.id === ACME).organization;
      const members = await acme.getMemberships({ pageSize: 50 });
      steps.acmeMembers = { total_count: members.total_count, data: members.data.map(m => `${m.publicUserData.identifier} ${m.role}`) };

      const alan = members.data.find(m => m.publicUserData.identifier === 'alan@acme.test');
      const updated = await alan.update({ role: 'org:billing' });
      steps.update = membership(updated);
      const destroyed = await alan.destroy();
      steps.destroy = { resolved: destroyed === undefined ? 'undefined' : destroyed };
      const after = await acme.getMemberships({ pageSize: 50 });
      steps.acmeMembersAfter = after.total_count;

      const token = await clerk.session.getToken();
      const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      steps.token = { sub: claims.sub, sid: claims.sid, v: claims.v, o: claims.o, lifetime: claims.exp - claims.iat };

      await clerk.setActive({ organization: GLOBEX });
      steps.afterSetActive = { activeOrganization: clerk.organization?.name, role: clerk.organization && clerk.user.organizationMemberships.find(m => m.organization.id === clerk.organization.id)?.role };
      const globexToken = await clerk.session.getToken();
      steps.afterSetActive.tokenOrg = JSON.parse(atob(globexToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).o?.id;
    } catch (error) {
      steps.error = String(error?.stack || error);
    }
    return steps;
  }, { ACME, GLOBEX });

  const log = await (await fetch(`${emulator}/__emulator/requests`)).json();
  result.requests = log.map(r => {
    const method = r.query.find(([k]) => k === '_method')?.[1];
    return `${r.method} ${r.path}${method ? ` (_method=${method})` : ''}${r.body ? ` body: ${r.body}` : ''}`;
  });
  result.problems = problems;
  console.log(JSON.stringify(result, null, 2));

  const failures = [];
  const check = (condition, what) => { if (!condition) failures.push(what); };
  check(!result.error, `no exception (${result.error})`);
  check(result.loaded === true, 'clerk.load() finished');
  check(result.user?.id === 'user_2aAdaLovelace9fKq1Zr', 'signed in as Ada Lovelace');
  check(result.myMemberships?.total_count === 2 && result.myMemberships.data.every(m => m.isClerkResource), "Ada's 2 memberships");
  check(result.acmeMembers?.total_count === 8, 'Acme Rockets has 8 members');
  check(result.update?.role === 'org:billing' && result.update.roleName === 'Billing manager', 'update({ role }) succeeded');
  check(result.acmeMembersAfter === 7, 'destroy() removed the member');
  check(result.token?.sub === 'user_2aAdaLovelace9fKq1Zr' && result.token.o?.id === ACME, 'session token for Acme');
  check(result.afterSetActive?.activeOrganization === 'Globex Labs' && result.afterSetActive.tokenOrg === GLOBEX, 'setActive switched to Globex');
  check(problems.length === 0, 'no page errors, console errors or failed requests');
  if (failures.length) {
    console.error(`clerk-js-probe: FAILED: ${failures.join('; ')}`);
  } else {
    console.log('clerk-js-probe: OK');
    ok = true;
  }
} catch (error) {
  console.error(`clerk-js-probe: ${error?.stack || error}`);
} finally {
  await cleanup();
}
process.exit(ok ? 0 : 1);
