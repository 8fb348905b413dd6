// The package in Node 20 (no page, no cookies): header mode against the emulator, as a server-side
// or extension user would run it. Also production cookie mode, from a page of Chromium.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installPackage, startEmulator, serve, launchChromium, addPage, root } from './harness.js';

const app = installPackage();
// Imported by its bare name from inside the app, as an app does: Node resolves the `node` export
// condition, whose init() reads the wasm from disk.
writeFileSync(join(app, 'entry.mjs'), "export * from 'clerk-membership';\nexport { default } from 'clerk-membership';\n");
const { default: init, FrontendApi, OrganizationMembership } = await import(pathToFileURL(join(app, 'entry.mjs')));
await init();

const LIVE_KEY = JSON.parse(readFileSync(join(root, 'tests/fixtures/publishable-keys.json'), 'utf8')).valid[0].key;
const ACME = 'org_2aAcmeRockets7Qm4Xk9ZpT1';
const ALAN = 'user_2aAlanTuring6nXr3Yu';
const GRACE = 'user_2aGraceHopper4mWp8Ts';

let emulator;
before(async () => { emulator = await startEmulator('--instance', 'production'); });
after(() => emulator.stop());

const control = async (path, body, method = body === undefined ? 'GET' : 'POST') =>
  (await fetch(`${emulator.url}/__emulator/${path}`, {
    method, body: body && JSON.stringify(body), headers: { 'content-type': 'application/json' } })).json();

test('header mode in Node: _is_native=1, Authorization, no cookies; a rotated token is picked up', async () => {
  await control('reset', {});
  const { client_cookie: token, session_id: sessionId } = await control('sign_in', { user_id: GRACE });
  const api = new FrontendApi({ publishableKey: LIVE_KEY, proxyUrl: emulator.url, authMode: 'header', token, sessionId });
  const { data } = await OrganizationMembership.retrieve(api);
  const acme = data.find((m) => m.organization.id === ACME).organization;
  const alan = (await acme.getMemberships({ query: 'alan' })).data[0];
  await control('requests', undefined, 'DELETE');
  assert.equal((await alan.update({ role: 'org:billing' })).role, 'org:billing');
  const [sent] = await control('requests');
  assert.equal(sent.method, 'POST');
  assert.equal(sent.path, `/v1/organizations/${ACME}/memberships/${ALAN}`);
  assert.deepEqual(sent.query, [['__clerk_api_version', '2026-08-20'], ['_clerk_js_version', '6.40.0'],
    ['_method', 'PATCH'], ['_clerk_session_id', sessionId], ['_is_native', '1']]);
  assert.equal(sent.headers.authorization, token);
  assert.equal(sent.headers.cookie, undefined);
  assert.equal(sent.body, 'role=org%3Abilling');
  await control('settings', { rotate_tokens: true });
  await OrganizationMembership.retrieve(api);
  assert.notEqual(api.token, token, 'the Authorization rotation was picked up');
  const rotated = api.token;
  await control('requests', undefined, 'DELETE');
  await OrganizationMembership.retrieve(api);
  assert.equal((await control('requests'))[0].headers.authorization, rotated, 'the rotated token is sent');
});

test('a redirect in Node is network_error, not followed; its Authorization is not taken', async () => {
  await control('reset', {});
  const { client_cookie: token, session_id: sessionId } = await control('sign_in', { user_id: GRACE });
  const api = new FrontendApi({ publishableKey: LIVE_KEY, proxyUrl: emulator.url, authMode: 'header', token, sessionId });
  // Node's fetch hands a redirect over as the 3xx itself, headers readable (browsers hide it).
  await control('faults', { method: 'GET', path: '/v1/me/organization_memberships', status: 307,
    headers: { Location: `${emulator.url}/v1/redirected`, Authorization: 'ct_2redirect0token' } });
  await control('requests', undefined, 'DELETE');
  const error = await OrganizationMembership.retrieve(api).then(() => null, (e) => e);
  assert.equal(error?.code, 'network_error', String(error));
  assert.match(error.message, /redirect/);
  assert.equal(api.token, token, 'the token of the redirect is not taken');
  assert.deepEqual((await control('requests')).map((r) => r.path), ['/v1/me/organization_memberships']);
});

test('production cookie mode in a page: the __client cookie, credentials included, no dev-browser token', async () => {
  await control('reset', {});
  const { client_cookie: cookie } = await control('sign_in', { user_id: GRACE });
  addPage(app, join(root, 'tests/package/page'));
  const [server, browser] = await Promise.all([serve(app), launchChromium()]);
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/index.html`);
    // Cookies belong to a host, not a port: the emulator on another port of 127.0.0.1 gets this one.
    await page.context().addCookies([{ name: '__client', value: cookie, url: emulator.url }]);
    const roles = await page.evaluate(async ({ key, proxyUrl }) => {
      const { FrontendApi, OrganizationMembership } = await import('clerk-membership');
      const api = new FrontendApi({ publishableKey: key, proxyUrl });
      const { data } = await OrganizationMembership.retrieve(api);
      return data.map((m) => m.role);
    }, { key: LIVE_KEY, proxyUrl: emulator.url });
    assert.deepEqual(roles, ['org:admin']);
    const log = await control('requests');
    assert.equal(log.length, 1, 'no dev_browser call on a production instance');
    assert.equal(log[0].headers.cookie, `__client=${cookie}`);
    assert.ok(!log[0].query.some(([k]) => k === '__clerk_db_jwt' || k === '_is_native'));
  } finally {
    await browser.close();
    await server.close();
  }
});

/** Runs an ES module in the app folder with Node (a fresh process: its own, uninitialised package). */
function runInApp(source) {
  const file = join(app, `script-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, source);
  return JSON.parse(execFileSync(process.execPath, [file], { cwd: app, encoding: 'utf8' }));
}

test('in Node, init() with no argument loads the wasm from disk; explicit bytes work too; twice is a no-op', () => {
  const result = runInApp(`
    import { readFileSync } from 'node:fs';
    import init, { OrganizationMembership } from 'clerk-membership';
    const bytes = readFileSync(new URL(import.meta.resolve('clerk-membership/clerk_membership_bg.wasm')));
    const [a, b] = await Promise.all([init({ module_or_path: bytes }), init()]);
    const c = await init();
    const json = JSON.parse(readFileSync(${JSON.stringify(join(root, 'tests/fixtures/membership-admin.json'))}, 'utf8'));
    console.log(JSON.stringify({ same: a === b && b === c, role: OrganizationMembership.fromJSON(json).role }));
  `);
  assert.deepEqual(result, { same: true, role: 'org:admin' });
});

test('every failure to load the wasm is a ClerkRuntimeError wasm_not_found, its cause kept', () => {
  const result = runInApp(`
    import init from 'clerk-membership';
    // The browser entry in Node: its fetch of a file: URL rejects with a bare TypeError, as Bun's dev server's did.
    import browserInit from './node_modules/clerk-membership/index.js';
    const seen = async (p) => { try { await p; return 'resolved'; } catch (e) { return [e.name, e.code, e.cause?.name ?? null]; } };
    const bytes = await seen(init({ module_or_path: new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]) }));
    const fetched = await seen(browserInit());
    console.log(JSON.stringify({ bytes, fetched }));
  `);
  assert.deepEqual(result, {
    bytes: ['ClerkRuntimeError', 'wasm_not_found', 'CompileError'],
    fetched: ['ClerkRuntimeError', 'wasm_not_found', 'TypeError'],
  });
});

test('in Node, a wasm found nowhere rejects init() with wasm_not_found naming serverExternalPackages', () => {
  // The package without its wasm, in a folder with no node_modules/clerk-membership above it to fall back on.
  const bare = mkdtempSync(join(tmpdir(), 'clerk-membership-nowasm-'));
  try {
    cpSync(join(app, 'node_modules/clerk-membership'), join(bare, 'node_modules/clerk-membership'),
      { recursive: true, filter: (file) => !file.endsWith('.wasm') });
    writeFileSync(join(bare, 'main.mjs'), `
      import init from 'clerk-membership';
      try { await init(); console.log('"resolved"'); } catch (e) { console.log(JSON.stringify([e.name, e.code, e.message])); }
    `);
    const [name, code, message] = JSON.parse(execFileSync(process.execPath, ['main.mjs'], { cwd: bare, encoding: 'utf8' }));
    assert.deepEqual([name, code], ['ClerkRuntimeError', 'wasm_not_found']);
    assert.match(message, /serverExternalPackages: \['clerk-membership'\]/);
  } finally {
    rmSync(bare, { recursive: true, force: true });
  }
});

test('before init() resolves, every way in throws ClerkRuntimeError not_initialized naming await init()', () => {
  const result = runInApp(`
    import init, { FrontendApi, OrganizationMembership, ClerkRuntimeError, isClerkRuntimeError } from 'clerk-membership';
    const attempt = (fn) => { try { fn(); return 'no error'; } catch (e) {
      return [e instanceof ClerkRuntimeError, e instanceof Error, isClerkRuntimeError(e), e.code, /await init\(\)/.test(e.message)]; } };
    const before = {
      FrontendApi: attempt(() => new FrontendApi({ publishableKey: 'pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk' })),
      fromJSON: attempt(() => OrganizationMembership.fromJSON({})),
      retrieve: attempt(() => OrganizationMembership.retrieve(undefined)),
    };
    const pending = init();
    const during = attempt(() => OrganizationMembership.fromJSON({}));
    await pending;
    const after = attempt(() => OrganizationMembership.fromJSON({}));
    console.log(JSON.stringify({ before, during, after }));
  `);
  const refused = [true, true, true, 'not_initialized', true];
  assert.deepEqual(result.before, { FrontendApi: refused, fromJSON: refused, retrieve: refused });
  assert.deepEqual(result.during, refused, 'while init() is pending');
  assert.deepEqual(result.after, [true, true, true, 'invalid_json', false], 'after: the real fromJSON refuses {}');
});

test('util.inspect and console.log in Node show the data of every class, not a pointer', () => {
  const result = runInApp(`
    import { inspect } from 'node:util';
    import { readFileSync } from 'node:fs';
    import init, { FrontendApi, OrganizationMembership } from 'clerk-membership';
    await init();
    const m = OrganizationMembership.fromJSON(JSON.parse(readFileSync(${JSON.stringify(join(root, 'tests/fixtures/membership-admin.json'))}, 'utf8')));
    const api = new FrontendApi({ publishableKey: 'pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk', token: 'secret_token', authMode: 'header' });
    const shown = { membership: inspect(m), organization: inspect(m.organization), user: inspect(m.publicUserData), api: inspect(api) };
    m.free();
    shown.freed = inspect(m);
    console.log(JSON.stringify(shown));
  `);
  assert.match(result.membership, /^OrganizationMembership \{/);
  assert.match(result.membership, /role: 'org:admin'/);
  assert.doesNotMatch(result.membership, /__wbg_ptr/);
  assert.match(result.organization, /^Organization \{[\s\S]*name: 'Acme Rockets'/);
  assert.match(result.user, /^PublicUserData \{[\s\S]*identifier: 'ada@acme.test'/);
  assert.match(result.api, /^FrontendApi \{[\s\S]*baseUrl: 'https:\/\/foo-bar-13\.clerk\.accounts\.dev\/v1'/);
  assert.doesNotMatch(result.api, /secret_token/, 'the token is not shown');
  assert.equal(result.freed, 'OrganizationMembership <freed>');
});
