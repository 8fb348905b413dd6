// Runs in the page against the emulator (?api=<url>): the black-box reproducers of issue 10, items 1–5.
// Each check fails on the behaviour the issue describes (a request that escapes its path segment, a
// trap, a borrowed client, an unbounded body, a code-less error, a changed string, a configuration
// that can never work), and each has a control beside it that shows the check can see a request go.
import init, { OrganizationMembership, FrontendApi } from 'clerk-membership';
import { runChecks } from './run-checks.js';
import { assert, equal, rejection, thrown, runtime } from './assertions.js';
import {
  fixture, keys, ACME, ADA, ALAN, DEV_KEY, proxyUrl, control, reset, clearRequests, fault, apiAs, member, memberPath,
} from './emulator.js';

// Uncaught errors and unhandled rejections anywhere on the page: the last check asserts there were none.
const uncaught = [];
addEventListener('error', (event) => uncaught.push(`error: ${event.message}`));
addEventListener('unhandledrejection', (event) => uncaught.push(`unhandled rejection: ${event.reason?.stack ?? event.reason}`));

const wasm = await init();
const admin = await fixture('membership-admin.json');
const clone = (value) => structuredClone(value);
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
/** Every request the emulator logged (dev-browser creations included). */
const everyRequest = () => control('requests');
const MIB = 1 << 20;

/** `error` is a ClerkRuntimeError whose code is one of `codes`. */
function runtimeOneOf(error, codes, what) {
  runtime(error, error?.code, what);
  assert(codes.includes(error.code), `${what}: code ${error.code}, expected one of ${codes.join(', ')}`);
}

/**
 * `json` bound to `api`, or null when fromJSON refuses it as invalid_json at `path` (the issue allows
 * refusing a bad id there, or at the call).
 */
function bindOrRefuse(json, api, path, what) {
  try {
    return OrganizationMembership.fromJSON(json, api);
  } catch (error) {
    runtime(error, 'invalid_json', `${what}: fromJSON`);
    equal(error.path, path, `${what}: the path fromJSON names`);
    return null;
  }
}

/** A signed-in client, Alan's bound membership JSON in Acme, and an emptied request log. */
async function alanAsAda(options) {
  await reset();
  const { api, token } = await apiAs(ADA, options);
  const json = (await member(api, ACME, ALAN)).toJSON();
  await clearRequests();
  return { api, token, json };
}

/**
 * Resolves how long the main thread was blocked at most (the longest gap of a 10 ms heartbeat) while
 * `promise` ran, and how it settled.
 */
async function heartbeat(promise) {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  try {
    return { settled: await promise.then((value) => ({ value }), (error) => ({ error })), longest };
  } finally {
    clearInterval(timer);
  }
}

const checks = {
  async '1. ids: a user id that a URL parser reads as a dot segment, or an empty one, sends no request'() {
    const { api, json } = await alanAsAda();
    for (const id of ['..', '.', '', '%2e%2E', '%2E%2E', '%2e', '.%2E', '%2e.']) {
      const what = `user_id ${JSON.stringify(id)}`;
      const input = clone(json);
      input.public_user_data.user_id = id;
      const m = bindOrRefuse(input, api, 'public_user_data.user_id', what);
      if (m) {
        const codes = id === '' ? ['invalid_id', 'missing_user_id'] : ['invalid_id'];
        runtimeOneOf(await rejection(m.update({ role: 'org:admin' })), codes, `${what}: update()`);
        runtimeOneOf(await rejection(m.destroy()), codes, `${what}: destroy()`);
      }
      equal((await everyRequest()).map((r) => `${r.method} ${r.path}?${r.raw_query}`), [], `${what}: requests`);
    }
    equal((await control('state')).memberships.length > 0, true, 'the emulator still has its memberships');
  },

  async '1. ids: an organization id of "..", "." or "" sends no request, for update, destroy and both lists'() {
    const { api, json } = await alanAsAda();
    for (const id of ['..', '.', '', '%2E%2e']) {
      const what = `organization.id ${JSON.stringify(id)}`;
      const input = clone(json);
      input.organization.id = id;
      const m = bindOrRefuse(input, api, 'organization.id', what);
      if (m) {
        runtime(await rejection(m.update({ role: 'org:admin' })), 'invalid_id', `${what}: update()`);
        runtime(await rejection(m.destroy()), 'invalid_id', `${what}: destroy()`);
        runtime(await rejection(m.organization.getMemberships()), 'invalid_id', `${what}: getMemberships()`);
        runtime(await rejection(m.organization.getRoles()), 'invalid_id', `${what}: getRoles()`);
      }
      equal((await everyRequest()).map((r) => `${r.method} ${r.path}?${r.raw_query}`), [], `${what}: requests`);
    }
  },

  async '1. ids: every other id keeps its path encoding and stays in its segment (the control)'() {
    const { api, json } = await alanAsAda();
    for (const id of ['..x', '.hidden', '...', '%2e%2e%2f', 'a/../..', '%252e', 'user_2a.b']) {
      const input = clone(json);
      input.public_user_data.user_id = id;
      const m = OrganizationMembership.fromJSON(input, api);
      await clearRequests();
      const error = await rejection(m.update({ role: 'org:admin' }));
      equal([error.name, error.status, error.errors?.[0]?.code], ['ClerkAPIResponseError', 404, 'resource_not_found'], `user_id ${id}`);
      const sent = await everyRequest();
      equal(sent.length, 1, `user_id ${id}: one request`);
      const prefix = `/v1/organizations/${ACME}/memberships/`;
      assert(sent[0].path.startsWith(prefix), `user_id ${id}: stays under the membership route (${sent[0].path})`);
      const segment = sent[0].path.slice(prefix.length);
      equal([segment.includes('/'), decodeURIComponent(segment)], [false, id], `user_id ${id}: one segment that decodes back`);
    }
  },

  async '2. one large array: 10,000,000 permissions are invalid_json, not a trap, and the module lives on'() {
    const started = performance.now();
    const error = thrown(() => OrganizationMembership.fromJSON({ ...clone(admin), permissions: new Array(1e7).fill('org:x') }));
    const took = performance.now() - started;
    runtime(error, 'invalid_json', '1e7 permissions');
    assert(!String(error.message).includes('unreachable'), `not a trap: ${error.message}`);
    equal(error.path, 'permissions', 'path');
    assert(took < 2000, `refused in ${Math.round(took)} ms`);
    for (let i = 0; i < 3; i++) {
      globalThis.gc();
      await sleep(20);
    }
    equal(OrganizationMembership.fromJSON(admin).permissions.length, 6, 'fromJSON of a good fixture');
    const { api } = await alanAsAda();
    equal((await (await member(api, ACME, ALAN)).update({ role: 'org:billing' })).role, 'org:billing', 'a real update()');
  },

  async '2. one large answer: a page of 501 members or a member with 1,001 permissions is invalid_response'() {
    const { api, json } = await alanAsAda();
    const list = `/v1/organizations/${ACME}/memberships`;
    const organization = OrganizationMembership.fromJSON(json, api).organization;
    const page = (data) => JSON.stringify({ response: { data, total_count: data.length }, client: null });
    const crowded = { ...json, permissions: new Array(1001).fill('org:x') };
    for (const [what, body, path] of [
      ['501 members', page(new Array(501).fill(json)), 'data'],
      ['1,001 permissions', page([crowded]), 'permissions'],
    ]) {
      await fault({ method: 'GET', path: list, status: 200, body });
      const error = await rejection(organization.getMemberships({ pageSize: 50 }));
      runtime(error, 'invalid_response', what);
      assert(String(error.path).includes(path), `${what}: the path names ${path} (${error.path})`);
    }
    await fault({ method: 'GET', path: list, status: 200, body: page(new Array(500).fill(json)) });
    equal((await organization.getMemberships({ pageSize: 50 })).data.length, 500, '500 members, the limit, are read (the control)');
    equal((await organization.getMemberships({ pageSize: 50 })).totalCount, 8, 'the next call works');
  },

  async '3. lookalike clients: only a live FrontendApi of this package binds a membership'() {
    const { api, token, json } = await alanAsAda();
    const freed = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl });
    freed.free();
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const lookalikes = {
      '{ __clientId: 0 }': { __clientId: 0 },
      '{ __clientId: 1 }': { __clientId: 1 },
      '{ __client: {} }': { __client: {} },
      '{ __client: 0 }': { __client: 0 },
      'the number 0': 0,
      'the number 1': 1,
      'a string': 'api',
      'a freed FrontendApi': freed,
      'a Proxy': new Proxy({}, {}),
      'a Proxy that throws': new Proxy({}, { get() { throw new Error('boom'); } }),
      'a revoked Proxy': revoked,
      'Object.create(FrontendApi.prototype)': Object.create(FrontendApi.prototype),
      'a plain copy of a real client': { ...api },
    };
    for (const [what, lookalike] of Object.entries(lookalikes)) {
      runtime(thrown(() => OrganizationMembership.fromJSON(json, lookalike)), 'invalid_option', what);
      runtime(await rejection(OrganizationMembership.retrieve(lookalike)), 'invalid_option', `retrieve(${what})`);
    }
    equal(await everyRequest(), [], 'no request');
    await member(api, ACME, ALAN); // the real one works, with its own token
    const m = OrganizationMembership.fromJSON(json, api);
    await clearRequests();
    equal((await m.update({ role: 'org:support' })).role, 'org:support', 'a real api works');
    const [sent] = await everyRequest();
    equal(sent.query.find(([k]) => k === '__clerk_db_jwt'), ['__clerk_db_jwt', token], 'with its own token');
  },

  async '4. answer size: bodies over the default cap, with and without Content-Length, are invalid_response'() {
    const { api, json } = await alanAsAda();
    const m = OrganizationMembership.fromJSON(json, api);
    const path = memberPath(ACME, ALAN);
    const valid = JSON.stringify({ response: json, client: null });
    for (const [what, spec] of [
      ['a 24 MiB error body with Content-Length', { status: 500, body: '{"errors":[]}', size: 24 * MIB }],
      ['a 24 MiB error body, chunked', { status: 500, body: '{"errors":[]}', size: 24 * MIB, chunked: true }],
      ['a valid 200 padded to 9 MiB, with Content-Length', { status: 200, body: valid, size: 9 * MIB }],
      ['a valid 200 padded to 9 MiB, chunked', { status: 200, body: valid, size: 9 * MIB, chunked: true }],
    ]) {
      await fault({ method: 'PATCH', path, ...spec });
      const before = wasm.memory.buffer.byteLength;
      const { settled, longest } = await heartbeat(m.update({ role: 'org:member' }));
      const grew = wasm.memory.buffer.byteLength - before;
      runtime(settled.error, 'invalid_response', what);
      assert(grew < 2 * MIB, `${what}: wasm memory grew by ${grew} bytes`);
      assert(longest < 1000, `${what}: the main thread was blocked ${Math.round(longest)} ms`);
    }
    // The same valid answer, padded to 1 MiB (under the cap), is read: the size, not the body, refused it.
    await fault({ method: 'PATCH', path, status: 200, body: valid, size: MIB, chunked: true });
    equal((await m.update({ role: 'org:member' })).id, json.id, 'a padded answer under the cap');
    equal((await m.update({ role: 'org:support' })).role, 'org:support', 'the next call works');
  },

  async '4. answer size: a normal list answer over maxResponseBytes 2048 is invalid_response, either way'() {
    const { token, json } = await alanAsAda();
    const client = (maxResponseBytes) => new FrontendApi({ publishableKey: DEV_KEY, proxyUrl, devBrowserJwt: token, maxResponseBytes });
    const small = OrganizationMembership.fromJSON(json, client(2048)).organization;
    const list = `/v1/organizations/${ACME}/memberships`;
    const error = await rejection(small.getMemberships({ pageSize: 50 }));
    runtime(error, 'invalid_response', '8 members, with Content-Length');
    assert(error.message.includes('2048'), `the message names the cap: ${error.message}`);
    await fault({ method: 'GET', path: list, chunked: true });
    runtime(await rejection(small.getMemberships({ pageSize: 50 })), 'invalid_response', '8 members, chunked');
    runtime(await rejection(OrganizationMembership.retrieve(client(2048), { pageSize: 1 })), 'invalid_response', 'retrieve()');
    // The controls: the same answers are read under a cap they fit in.
    const roomy = OrganizationMembership.fromJSON(json, client(64 * 1024)).organization;
    await fault({ method: 'GET', path: list, chunked: true });
    equal((await roomy.getMemberships({ pageSize: 50 })).data.length, 8, '8 members, chunked, under a 64 KiB cap');
    equal((await roomy.getMemberships({ pageSize: 50 })).data.length, 8, '8 members under a 64 KiB cap');
    for (const bad of [1023, 64 * MIB + 1, -1, 1.5, '4096']) {
      runtime(thrown(() => client(bad)), 'invalid_option', `maxResponseBytes ${bad}`);
    }
  },

  async '5. freed objects: every read and call of a freed membership, organization and user data is `freed`'() {
    const { api, json } = await alanAsAda();
    const freedError = (what) => (error) => runtime(error, 'freed', what);
    const m = OrganizationMembership.fromJSON(json, api);
    void m.role; // one kept value, one never read: both must be refused after free()
    const organization = m.organization;
    const user = m.publicUserData;
    m.free();
    for (const key of ['id', 'role', 'roleName', 'permissions', 'publicMetadata', 'publicUserData', 'organization', 'createdAt', 'updatedAt']) {
      freedError(`membership.${key}`)(thrown(() => m[key]));
    }
    freedError('membership.toJSON()')(thrown(() => m.toJSON()));
    freedError('membership.hasPermission()')(thrown(() => m.hasPermission('org:x')));
    freedError('JSON.stringify(membership)')(thrown(() => JSON.stringify(m)));
    freedError('membership.update()')(await rejection(m.update({ role: 'org:admin' })));
    freedError('membership.destroy()')(await rejection(m.destroy()));
    equal(organization.name, 'Acme Rockets', 'its organization lives on');
    void organization.id;
    organization.free();
    for (const key of ['id', 'name', 'slug', 'membersCount', 'publicMetadata', 'createdAt']) {
      freedError(`organization.${key}`)(thrown(() => organization[key]));
    }
    freedError('organization.toJSON()')(thrown(() => organization.toJSON()));
    freedError('organization.getMemberships()')(await rejection(organization.getMemberships()));
    freedError('organization.getRoles()')(await rejection(organization.getRoles()));
    user.free();
    for (const key of ['userId', 'firstName', 'identifier', 'imageUrl']) freedError(`publicUserData.${key}`)(thrown(() => user[key]));
    freedError('publicUserData.toJSON()')(thrown(() => user.toJSON()));
    {
      using disposed = OrganizationMembership.fromJSON(json, api);
      void disposed.id;
      globalThis.lastDisposed = disposed;
    }
    freedError('a membership after `using`')(thrown(() => globalThis.lastDisposed.role));
    freedError('update() after `using`')(await rejection(globalThis.lastDisposed.update({ role: 'org:admin' })));
    delete globalThis.lastDisposed;
    const twice = OrganizationMembership.fromJSON(json, api);
    twice.free();
    try {
      twice.free();
    } catch (error) {
      freedError('a second free()')(error);
    }
    equal(await everyRequest(), [], 'no request from a freed object');
  },

  async '5. freed clients: a freed FrontendApi throws `freed`, and memberships bound to it reject with it'() {
    const { api, json } = await alanAsAda();
    const m = OrganizationMembership.fromJSON(json, api);
    const organization = m.organization;
    api.free();
    for (const key of ['sessionId', 'baseUrl', 'instanceType', 'token']) runtime(thrown(() => api[key]), 'freed', `api.${key}`);
    runtime(thrown(() => { api.sessionId = 'sess_1'; }), 'freed', 'setting api.sessionId');
    runtime(await rejection(m.update({ role: 'org:admin' })), 'freed', 'update() of a membership bound to it');
    runtime(await rejection(m.destroy()), 'freed', 'destroy() of a membership bound to it');
    runtime(await rejection(organization.getMemberships()), 'freed', 'getMemberships() of its organization');
    runtime(await rejection(organization.getRoles()), 'freed', 'getRoles() of its organization');
    equal(m.role, json.role, 'the membership itself can still be read');
    const disposed = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl });
    disposed[Symbol.dispose]();
    runtime(thrown(() => disposed.baseUrl), 'freed', 'a disposed FrontendApi');
    equal(await everyRequest(), [], 'no request');
  },

  async '5. strings: a lone surrogate is refused at its path, never turned into U+FFFD'() {
    const { api, token, json } = await alanAsAda();
    for (const [path, edit] of [
      ['id', (j) => { j.id = 'orgmem_\ud800'; }],
      ['organization.id', (j) => { j.organization.id = 'org_\udc00x'; }],
      ['organization.name', (j) => { j.organization.name = 'Acme \ud83d'; }],
      ['public_user_data.user_id', (j) => { j.public_user_data.user_id = 'user_\udfff'; }],
      ['role', (j) => { j.role = 'org:\ud800admin'; }],
    ]) {
      const input = clone(json);
      edit(input);
      const error = thrown(() => OrganizationMembership.fromJSON(input, api));
      runtime(error, 'invalid_json', path);
      equal(error.path, path, `${path}: path`);
    }
    const rocket = clone(json);
    rocket.organization.name = 'Acme 🚀 \u{10FFFF}';
    equal(OrganizationMembership.fromJSON(rocket, api).organization.name, 'Acme 🚀 \u{10FFFF}', 'a surrogate pair is kept exactly (the control)');
    const m = OrganizationMembership.fromJSON(json, api);
    runtime(await rejection(m.organization.getMemberships({ query: 'ada\ud800' })), 'invalid_option', 'a lone surrogate in query');
    runtime(thrown(() => new FrontendApi({ publishableKey: DEV_KEY, proxyUrl, devBrowserJwt: token, sessionId: 'sess_\udc00' })), 'invalid_option', 'sessionId option');
    runtime(thrown(() => { api.sessionId = 'sess_\ud800'; }), 'invalid_option', 'api.sessionId =');
    equal(await everyRequest(), [], 'no request');
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const error = thrown(() => OrganizationMembership.fromJSON({ ...clone(json), public_user_data: proxy }, api));
    runtime(error, 'invalid_json', 'a revoked Proxy as public_user_data');
    equal(error.path, 'public_user_data', 'its path');
    assert((await m.organization.getMemberships({ query: 'ada' })).data.some((x) => x.publicUserData.userId === ADA), 'a query of well-formed text works (the control)');
  },

  async '5. configurations that can never work are refused at construction, with their code'() {
    await reset();
    const production = keys.valid[0].key;
    const refusedConfig = {
      'proxyUrl https://x.example:99999/': [{ publishableKey: DEV_KEY, proxyUrl: 'https://x.example:99999/' }, 'invalid_proxy_url'],
      'proxyUrl https://:443/': [{ publishableKey: DEV_KEY, proxyUrl: 'https://:443/' }, 'invalid_proxy_url'],
      'proxyUrl http://app.example.com/': [{ publishableKey: DEV_KEY, proxyUrl: 'http://app.example.com/' }, 'invalid_proxy_url'],
      'proxyUrl http://10.0.0.1/': [{ publishableKey: DEV_KEY, proxyUrl: 'http://10.0.0.1/' }, 'invalid_proxy_url'],
      'a key whose host is :80.x': [{ publishableKey: `pk_test_${btoa(':80.x$')}` }, 'invalid_publishable_key'],
      'a key whose host has port 99999': [{ publishableKey: `pk_live_${btoa('clerk.example.com:99999$')}` }, 'invalid_publishable_key'],
      'domain javascript:clerk.example.com': [{ publishableKey: production, domain: 'javascript:clerk.example.com' }, 'invalid_domain'],
      'domain clerk.example.com:99999': [{ publishableKey: production, domain: 'clerk.example.com:99999' }, 'invalid_domain'],
    };
    for (const [what, [options, code]] of Object.entries(refusedConfig)) {
      runtime(thrown(() => new FrontendApi(options)), code, what);
    }
    const http = thrown(() => new FrontendApi({ publishableKey: DEV_KEY, proxyUrl: 'http://app.example.com/' }));
    assert(/https/.test(http.message) && /loopback|localhost|127\.0\.0\.1/.test(http.message), `it says why: ${http.message}`);
    for (const proxy of [proxyUrl, 'http://localhost:4010/', 'http://[::1]:4010/', 'https://x.example:65535/']) {
      new FrontendApi({ publishableKey: DEV_KEY, proxyUrl: proxy }).free(); // the controls: accepted
    }
    equal(await everyRequest(), [], 'no request');
  },

  async 'nothing on the page was uncaught: no error event, no unhandled rejection, no trap'() {
    for (let i = 0; i < 3; i++) {
      globalThis.gc();
      await sleep(30);
    }
    equal(uncaught, [], 'uncaught');
  },
  // Last, as it may corrupt wasm memory: fromJSON(json, api) runs wasm-bindgen's `__client` getter on
  // the caller's object, which dereferences whatever `__wbg_ptr` it has. Found by this check (issue 10).
  async '3. lookalike clients: a forged FrontendApi (its prototype, a guessed __wbg_ptr) is invalid_option and harms no real client'() {
    await reset();
    const json = OrganizationMembership.fromJSON(admin).toJSON();
    const outcomes = {};
    for (let offset = -64; offset <= 64; offset += 4) {
      if (offset === 0) continue; // a copy of the real pointer is the real client, not a guess
      const api = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl });
      const forged = Object.create(FrontendApi.prototype, { __wbg_ptr: { value: api.__wbg_ptr + offset } });
      const outcome = (run) => {
        try {
          run();
          return 'ok';
        } catch (error) {
          return error?.clerkRuntimeError ? error.code : `${error?.name}: ${error?.message}`;
        }
      };
      const seen = [
        `forged: ${outcome(() => OrganizationMembership.fromJSON(json, forged))}`,
        `then the real client binds: ${outcome(() => OrganizationMembership.fromJSON(json, api))}`,
        `then api.baseUrl: ${outcome(() => api.baseUrl)}`,
      ].join('; ');
      (outcomes[seen] ??= []).push(offset);
    }
    equal(outcomes, { 'forged: invalid_option; then the real client binds: ok; then api.baseUrl: ok': [...Array(33).keys()].map((i) => i * 4 - 64).filter((o) => o !== 0) },
      'each forged client beside a real one, by offset');
  },
};

await runChecks(checks);
