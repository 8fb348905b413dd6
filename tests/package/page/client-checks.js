// Runs in the page against the Frontend API emulator (?api=<url>, another origin, so CORS is real).
// Every check asserts what the emulator actually received, read back from its request log.
import init, { OrganizationMembership, FrontendApi } from 'clerk-membership';
import { runChecks } from './run-checks.js';
import { assert, equal, rejection, thrown, runtime, apiError } from './assertions.js';
import {
  fixture, keys, ACME, GLOBEX, ADA, ALAN, HEDY, MARGARET, DENNIS, BARBARA, DEV_KEY, proxyUrl,
  control, reset, requests, fault, apiAs, member, memberPath,
} from './emulator.js';

await init();
const errorsFixture = await fixture('errors.json');
const clerkJs = await fixture('membership-clerk-js-test.json');

const checks = {
  async 'bad configurations throw with a stable code and never send a request'() {
    await reset();
    for (const key of keys.invalid) {
      runtime(thrown(() => new FrontendApi({ publishableKey: key, proxyUrl })), 'invalid_publishable_key', `key ${key}`);
    }
    runtime(thrown(() => new FrontendApi({ proxyUrl })), 'missing_publishable_key', 'no key');
    runtime(thrown(() => new FrontendApi()), 'invalid_option', 'no options');
    for (const proxy of ['/__clerk', 'ftp://x.test/', 'https://', 'https://a b.test/', 'https://x.test/p?q=1']) {
      runtime(thrown(() => new FrontendApi({ publishableKey: DEV_KEY, proxyUrl: proxy })), 'invalid_proxy_url', proxy);
    }
    runtime(thrown(() => new FrontendApi({ publishableKey: keys.valid[0].key, domain: 'not a domain' })), 'invalid_domain', 'domain');
    for (const [name, options] of Object.entries({
      both: { proxyUrl, domain: 'clerk.example.com' },
      authMode: { authMode: 'bearer' },
      timeoutMs: { timeoutMs: -1 },
      onClient: { onClient: 'yes' },
      sessionId: { sessionId: 7 },
      retry: { retry: { maxRetries: 1.5 } },
      token: { token: 'ct_1' },
    })) {
      runtime(thrown(() => new FrontendApi({ publishableKey: DEV_KEY, ...options })), 'invalid_option', name);
    }
    const message = thrown(() => new FrontendApi({ publishableKey: 'pk_live_invalid' })).message;
    assert(message.includes('pk_test_') && message.includes('base64'), `the message says what was expected: ${message}`);
    equal((await control('requests')).length, 0, 'requests made');
  },

  'keys, proxies and domains give the base URL of WIRE.md §1'() {
    for (const { key, frontendApi, instanceType } of keys.valid) {
      const api = new FrontendApi({ publishableKey: key });
      equal([api.baseUrl, api.instanceType], [`https://${frontendApi}/v1`, instanceType], key);
    }
    equal(new FrontendApi({ publishableKey: DEV_KEY, proxyUrl: 'https://app.example.com/__clerk/' }).baseUrl,
      'https://app.example.com/__clerk/v1', 'proxy');
    equal(new FrontendApi({ publishableKey: keys.valid[0].key, domain: 'clerk.example.com' }).baseUrl,
      'https://clerk.example.com/v1', 'production domain');
    equal(new FrontendApi({ publishableKey: DEV_KEY, domain: 'clerk.example.com' }).baseUrl,
      `https://${keys.valid[1].frontendApi}/v1`, 'a development key ignores domain, as clerk-js');
  },

  async 'update() sends exactly the request of WIRE.md §2–§4 and updates the instance in place'() {
    await reset();
    const { api, token, sessionId } = await apiAs(ADA, {});
    api.sessionId = sessionId;
    const alan = await member(api, ACME, ALAN);
    const before = alan.updatedAt.getTime();
    alan.selected = true; // the application's own property
    await control('requests', undefined, 'DELETE');
    const updated = await alan.update({ role: 'org:billing' });
    const [sent] = await requests();
    equal(sent.method, 'POST', 'transport method');
    equal(sent.path, memberPath(ACME, ALAN), 'path');
    equal(sent.query, [['__clerk_api_version', '2026-08-20'], ['_clerk_js_version', '6.40.0'], ['_method', 'PATCH'],
      ['_clerk_session_id', sessionId], ['__clerk_db_jwt', token]], 'query, in order');
    equal(sent.headers['content-type'], 'application/x-www-form-urlencoded', 'content type');
    equal(sent.body, 'role=org%3Abilling', 'body');
    equal(sent.headers.authorization, undefined, 'no Authorization in a page');
    equal([updated.role, updated.roleName], ['org:billing', 'Billing manager'], 'resolved membership');
    assert(updated === alan, 'update() resolves to the instance itself, as clerk-js');
    equal([alan.role, alan.roleName], ['org:billing', 'Billing manager'], 'the instance, in place');
    assert(alan.updatedAt.getTime() > before, 'updatedAt moved');
    equal(alan.selected, true, "the application's own property stays");
    equal((await member(api, ACME, ALAN)).role, 'org:billing', 'persisted in the emulator');
  },

  async 'destroy() sends POST _method=DELETE with no body and resolves to the removed membership'() {
    await reset();
    const { api } = await apiAs(ADA);
    const dennis = await member(api, ACME, DENNIS);
    await control('requests', undefined, 'DELETE');
    const removed = await dennis.destroy();
    const [sent] = await requests();
    equal([sent.method, sent.path, sent.body], ['POST', memberPath(ACME, DENNIS), ''], 'request');
    equal(sent.query.map(([k]) => k), ['__clerk_api_version', '_clerk_js_version', '_method', '__clerk_db_jwt'], 'query keys');
    equal(sent.query[2], ['_method', 'DELETE'], '_method');
    equal(sent.headers['content-type'], 'application/x-www-form-urlencoded', 'content type even without a body');
    equal([removed.id, removed.publicUserData.userId], [dennis.id, DENNIS], 'removed membership');
    const { data } = await (await member(api, ACME, ADA)).organization.getMemberships({ pageSize: 50 });
    assert(!data.some((m) => m.publicUserData.userId === DENNIS), 'Dennis is gone');
  },

  async 'a development instance gets one dev-browser token for many concurrent calls, and picks up rotations'() {
    await reset();
    const api = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl });
    equal(api.token, null, 'no token yet');
    await Promise.all(Array.from({ length: 5 }, () => OrganizationMembership.retrieve(api)));
    const log = await control('requests');
    equal(log.filter((r) => r.path === '/v1/dev_browser').length, 1, 'dev_browser requests');
    const created = log.find((r) => r.path === '/v1/dev_browser');
    equal([created.method, created.body, created.headers.cookie, created.headers['content-type']],
      ['POST', '', undefined, undefined], 'plain POST: no body, no cookie, no content type');
    equal(created.query, [['__clerk_api_version', '2026-08-20'], ['_clerk_js_version', '6.40.0']], 'the versions, as on every request');
    const first = api.token;
    assert(first, 'a token was kept');
    await control('settings', { rotate_tokens: true });
    await OrganizationMembership.retrieve(api);
    assert(api.token && api.token !== first, 'the Clerk-Db-Jwt rotation was picked up');
    await control('requests', undefined, 'DELETE');
    await OrganizationMembership.retrieve(api);
    const [next] = await requests();
    equal(next.query.at(-1)[1].length > 0 && next.query.at(-1)[0], '__clerk_db_jwt', 'last parameter');
    assert(next.raw_query.includes(encodeURIComponent(next.query.at(-1)[1])), 'the rotated token is sent');
  },

  async "one caller's abort does not fail the others waiting for the same dev-browser token"() {
    await reset();
    await fault({ method: 'POST', path: '/v1/dev_browser', delay_ms: 400 });
    const api = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl });
    const controller = new AbortController();
    const first = OrganizationMembership.retrieve(api, {}, { signal: controller.signal });
    const second = OrganizationMembership.retrieve(api);
    setTimeout(() => controller.abort(), 50);
    runtime(await rejection(first), 'aborted', 'the aborted caller');
    equal((await second).totalCount, 2, 'the other caller');
    equal((await control('requests')).filter((r) => r.path === '/v1/dev_browser').length, 1, 'one creation');
  },

  async 'an unknown dev-browser token is replaced once (401 dev_browser_unauthenticated)'() {
    await reset();
    const api = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl, devBrowserJwt: 'dvb_expired' });
    const { data } = await OrganizationMembership.retrieve(api);
    equal(data.length, 2, 'Ada’s memberships after renewing');
    const log = await control('requests');
    equal(log.map((r) => r.path), ['/v1/me/organization_memberships', '/v1/dev_browser', '/v1/me/organization_memberships'], 'sequence');
  },

  async 'sessionId can change between calls; onClient gets the piggybacked client after mutations only'() {
    await reset();
    const clients = [];
    const { api, token } = await apiAs(ADA, { onClient: (client) => clients.push(client) });
    const second = await control('sign_in', { user_id: ADA, token });
    api.sessionId = second.session_id;
    const alan = await member(api, ACME, ALAN);
    equal(clients.length, 0, 'no client after GETs');
    await control('requests', undefined, 'DELETE');
    await alan.update({ role: 'org:support' });
    equal((await requests())[0].query.find(([k]) => k === '_clerk_session_id'), ['_clerk_session_id', second.session_id], 'session sent');
    equal(clients.length, 1, 'onClient calls');
    equal(clients[0].object, 'client', 'a client object');
    api.sessionId = null;
    await control('requests', undefined, 'DELETE');
    await alan.update({ role: 'org:member' });
    equal((await requests())[0].query.some(([k]) => k === '_clerk_session_id'), false, 'no session after null');
    const throwing = (await apiAs(ADA, { onClient: () => { throw new Error('app bug'); } })).api;
    equal((await (await member(throwing, ACME, ALAN)).update({ role: 'org:billing' })).role, 'org:billing',
      'a throwing onClient does not fail the call');
  },

  async 'lists: my memberships, members with pages, query and roles, and the roles list'() {
    await reset();
    const { api } = await apiAs(ADA);
    const mine = await OrganizationMembership.retrieve(api, { initialPage: 1, pageSize: 1 });
    equal([mine.data.length, mine.totalCount], [1, 2], 'first page of mine');
    const acme = (await OrganizationMembership.retrieve(api)).data.find((m) => m.organization.id === ACME).organization;
    await control('requests', undefined, 'DELETE');
    const page2 = await acme.getMemberships({ initialPage: 2, pageSize: 3, role: ['org:member', 'org:admin'], query: 'a' });
    const [sent] = await requests();
    equal(sent.query.slice(0, 6), [['paginated', 'true'], ['limit', '3'], ['offset', '3'], ['query', 'a'],
      ['role', 'org:member'], ['role', 'org:admin']], 'list parameters');
    assert(page2.data.every((m) => ['org:member', 'org:admin'].includes(m.role)), 'role filter');
    assert(page2.data.every((m) => m instanceof OrganizationMembership), 'memberships');
    const hits = await acme.getMemberships({ query: 'ritchie' });
    equal(hits.data.map((m) => m.publicUserData.userId), [DENNIS], 'query');
    const roles = await acme.getRoles();
    assert(roles.data.some((r) => r.key === 'org:billing' && r.name === 'Billing manager'), 'custom role listed');
    const admin = roles.data.find((r) => r.key === 'org:admin');
    assert(admin.permissions.some((p) => p.key === 'org:sys_memberships:manage'), 'permissions listed');
    assert(admin.createdAt instanceof Date, 'role dates');
    equal(roles.totalCount, roles.data.length, 'roles totalCount');
    const listed = hits.data[0];
    equal((await listed.update({ role: 'org:billing' })).role, 'org:billing', 'listed memberships are bound');
  },

  async 'every membership rule of the emulator arrives as a ClerkAPIResponseError with its code'() {
    await reset();
    const hedy = await apiAs(HEDY);
    const last = await rejection((await member(hedy.api, GLOBEX, HEDY)).update({ role: 'org:member' }));
    apiError(last, 400, 'organization_minimum_permissions_needed', 'last admin');
    equal(last.message, 'There has to be at least one organization member with the minimum required permissions', 'message');
    assert(typeof last.clerkTraceId === 'string' && last.clerkTraceId.length > 0, 'clerkTraceId kept');
    const alan = await apiAs(ALAN);
    apiError(await rejection((await member(alan.api, ACME, DENNIS)).update({ role: 'org:admin' })), 403,
      'missing_organization_permission', 'read-only member');
    const ada = await apiAs(ADA);
    const unknownRole = await rejection((await member(ada.api, ACME, BARBARA)).update({ role: 'org:astronaut' }));
    apiError(unknownRole, 404, 'resource_not_found', 'unknown role');
    equal(unknownRole.errors[0].meta.paramName, 'role', 'meta.paramName');
    apiError(await rejection((await member(ada.api, ACME, BARBARA)).update({ role: 'astronaut' })), 422,
      'form_param_value_invalid', 'malformed role');
    apiError(await rejection((await member(ada.api, ACME, MARGARET)).update({ role: 'org:admin' })), 409,
      'organization_membership_managed_by_scim', 'SCIM');
    const gone = await member(ada.api, ACME, DENNIS);
    await gone.destroy();
    apiError(await rejection(gone.update({ role: 'org:admin' })), 404, 'resource_not_found', 'unknown member');
    const stranger = OrganizationMembership.fromJSON({ ...gone.toJSON(), organization: { ...gone.toJSON().organization, id: 'org_nope' } }, ada.api);
    apiError(await rejection(stranger.update({ role: 'org:admin' })), 404, 'organization_not_found_or_unauthorized', 'foreign org');
    const other = await apiAs(HEDY);
    ada.api.sessionId = other.sessionId;
    apiError(await rejection(OrganizationMembership.retrieve(ada.api)), 401, 'authentication_invalid', 'session of another client');
    const tooMany = await rejection(OrganizationMembership.retrieve((await apiAs(ADA)).api, { pageSize: 501 }));
    apiError(tooMany, 422, 'form_param_value_invalid', 'limit > 500');
  },

  async 'error bodies map to ClerkAPIResponseError exactly as the spec fixtures say'() {
    await reset();
    const { api } = await apiAs(ADA);
    const alan = await member(api, ACME, ALAN);
    for (const [name, { status, headers, body, expect }] of Object.entries(errorsFixture)) {
      await fault({ method: 'PATCH', path: memberPath(ACME, ALAN), status, headers, body: JSON.stringify(body) });
      const error = await rejection(alan.update({ role: 'org:member' }, {}));
      for (const [key, want] of Object.entries(expect)) {
        const got = key === 'errors' ? error.errors.map((e, i) => Object.fromEntries(Object.keys(want[i] ?? {}).map((k) => [k, e[k]]))) : error[key];
        equal(got ?? null, want, `${name}.${key}`);
      }
      assert(error instanceof Error, `${name}: an Error`);
      await control('faults', undefined, 'DELETE');
    }
  },

  async '429: waits Retry-After and tries again, within the retry bounds'() {
    await reset();
    const { api } = await apiAs(ADA);
    const alan = await member(api, ACME, ALAN);
    const limited = errorsFixture.rate_limited;
    await control('requests', undefined, 'DELETE');
    await fault({ method: 'PATCH', path: memberPath(ACME, ALAN), status: 429, headers: { 'Retry-After': '1' }, body: JSON.stringify(limited.body) });
    const started = performance.now();
    equal((await alan.update({ role: 'org:billing' })).role, 'org:billing', 'succeeds after one retry');
    assert(performance.now() - started >= 900, 'waited Retry-After');
    equal((await requests()).length, 2, 'requests');
    await control('requests', undefined, 'DELETE');
    await fault({ method: 'PATCH', path: memberPath(ACME, ALAN), count: 2, status: 429, headers: { 'Retry-After': '0' }, body: '{}' });
    const twice = await rejection(alan.update({ role: 'org:member' }));
    equal([twice.status, twice.retryAfter, (await requests()).length], [429, 0, 2], 'default: one retry only');
    await control('faults', undefined, 'DELETE');
    await control('requests', undefined, 'DELETE');
    await fault({ method: 'PATCH', path: memberPath(ACME, ALAN), status: 429, headers: { 'Retry-After': 'abcd' }, body: JSON.stringify(limited.body) });
    const bad = await rejection(alan.update({ role: 'org:member' }));
    equal([bad.status, bad.retryAfter ?? null, (await requests()).length], [429, null, 1], 'invalid Retry-After: no retry');
    await fault({ method: 'PATCH', path: memberPath(ACME, ALAN), status: 429, headers: { 'Retry-After': '30' }, body: '{}' });
    equal((await rejection(alan.update({ role: 'org:member' }))).retryAfter, 30, 'a wait beyond retry.maxWaitMs is not waited');
    const patient = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl, devBrowserJwt: api.token, retry: { maxRetries: 0 } });
    const unbound = OrganizationMembership.fromJSON(alan.toJSON(), patient);
    await fault({ method: 'PATCH', path: memberPath(ACME, ALAN), status: 429, headers: { 'Retry-After': '0' }, body: '{}' });
    equal((await rejection(unbound.update({ role: 'org:member' }))).status, 429, 'retry.maxRetries: 0');
  },

  async 'a Retry-After longer than what is left of timeoutMs rejects with the 429 at once'() {
    await reset();
    const { api, token } = await apiAs(ADA);
    const alan = await member(api, ACME, ALAN);
    const short = OrganizationMembership.fromJSON(alan.toJSON(),
      new FrontendApi({ publishableKey: DEV_KEY, proxyUrl, devBrowserJwt: token, timeoutMs: 2000 }));
    await fault({ method: 'PATCH', path: memberPath(ACME, ALAN), status: 429, headers: { 'Retry-After': '5' }, body: '{}' });
    const started = performance.now();
    const error = await rejection(short.update({ role: 'org:member' }));
    equal([error.name, error.status, error.retryAfter], ['ClerkAPIResponseError', 429, 5], 'the 429, not a timeout');
    assert(performance.now() - started < 1500, 'without waiting');
  },

  async 'faults: HTML 500, invalid JSON, 204, dropped connections, timeouts and aborts'() {
    await reset();
    const { api, token } = await apiAs(ADA);
    const alan = await member(api, ACME, ALAN);
    const path = memberPath(ACME, ALAN);
    await fault({ method: 'PATCH', path, status: 500, headers: { 'content-type': 'text/html' }, body: '<html><body>Bad gateway</body></html>' });
    const html = await rejection(alan.update({ role: 'org:member' }));
    equal([html.name, html.status, html.message, html.errors], ['ClerkAPIResponseError', 500, 'Internal Server Error', []], 'HTML 500');
    await fault({ method: 'PATCH', path, status: 200, body: '{"response": [' });
    runtime(await rejection(alan.update({ role: 'org:member' })), 'invalid_response', 'invalid JSON on 200');
    await fault({ method: 'PATCH', path, status: 204 });
    runtime(await rejection(alan.update({ role: 'org:member' })), 'invalid_response', '204');
    await fault({ method: 'PATCH', path, status: 200, body: '{"response": {"id": 1}}' });
    runtime(await rejection(alan.update({ role: 'org:member' })), 'invalid_response', 'wrongly shaped 200');
    const list = `/v1/organizations/${ACME}/memberships`;
    // Chromium itself resends a request when a kept-alive connection closes under it, so the emulator's
    // log cannot tell our retries from the browser's: a spy on the global fetch (calling through) counts ours.
    const calls = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      // gloo-net passes a Request; a page might pass a URL string.
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('/v1/')) calls.push(url);
      return realFetch(input, init);
    };
    try {
      await fault({ method: 'PATCH', path, drop: true, count: 20 });
      runtime(await rejection(alan.update({ role: 'org:member' })), 'network_error', 'dropped mutation');
      equal(calls.length, 1, 'a mutation is never retried after a network error');
      await control('faults', undefined, 'DELETE');
      calls.length = 0;
      await fault({ method: 'GET', path: list, drop: true, count: 20 });
      runtime(await rejection(alan.organization.getMemberships()), 'network_error', 'dropped GET, every try');
      equal(calls.length, 4, 'a GET is tried 4 times, as clerk-js does');
      await control('faults', undefined, 'DELETE');
    } finally {
      globalThis.fetch = realFetch;
    }
    await fault({ method: 'GET', path: list, drop: true, count: 1 });
    equal((await alan.organization.getMemberships()).totalCount, 8, 'a GET succeeds after a dropped try');
    const quick = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl, devBrowserJwt: token, timeoutMs: 300 });
    const slow = OrganizationMembership.fromJSON(alan.toJSON(), quick);
    await fault({ method: 'PATCH', path, delay_ms: 1500 });
    runtime(await rejection(slow.update({ role: 'org:member' })), 'timeout', 'timeout');
    const controller = new AbortController();
    await fault({ method: 'PATCH', path, delay_ms: 1500 });
    const pending = alan.update({ role: 'org:member' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    runtime(await rejection(pending), 'aborted', 'abort during the call');
    await control('requests', undefined, 'DELETE');
    runtime(await rejection(alan.update({ role: 'org:member' }, { signal: AbortSignal.abort() })), 'aborted', 'already aborted');
    equal((await requests()).length, 0, 'an aborted signal sends nothing');
    await new Promise((done) => setTimeout(done, 1500));
    equal((await alan.update({ role: 'org:support' })).role, 'org:support', 'the instance keeps working');
  },

  async 'refusals before any request: role, user id, binding, options'() {
    await reset();
    const { api } = await apiAs(ADA);
    const alan = await member(api, ACME, ALAN);
    await control('requests', undefined, 'DELETE');
    for (const params of [{}, { role: '' }, { role: 7 }, undefined, null]) {
      runtime(await rejection(alan.update(params)), 'invalid_role', `update(${JSON.stringify(params)})`);
    }
    const noUser = OrganizationMembership.fromJSON(clerkJs, api);
    runtime(await rejection(noUser.update({ role: 'org:admin' })), 'missing_user_id', 'no user_id (update)');
    runtime(await rejection(noUser.destroy()), 'missing_user_id', 'no user_id (destroy)');
    const unbound = OrganizationMembership.fromJSON(alan.toJSON());
    runtime(await rejection(unbound.update({ role: 'org:admin' })), 'unbound_membership', 'unbound update');
    runtime(await rejection(unbound.destroy()), 'unbound_membership', 'unbound destroy');
    runtime(await rejection(unbound.organization.getMemberships()), 'unbound_membership', 'unbound list');
    runtime(await rejection(alan.update({ role: 'org:admin' }, { signal: 'stop' })), 'invalid_option', 'bad signal');
    runtime(await rejection(alan.organization.getMemberships({ pageSize: 0 })), 'invalid_option', 'pageSize 0');
    runtime(await rejection(alan.organization.getMemberships({ role: [1] })), 'invalid_option', 'role filter');
    runtime(thrown(() => OrganizationMembership.fromJSON(alan.toJSON(), { __clientId: 'x' })), 'invalid_option', 'api not a FrontendApi');
    runtime(await rejection(OrganizationMembership.retrieve({})), 'invalid_option', 'retrieve({})');
    runtime(await rejection(OrganizationMembership.retrieve()), 'invalid_option', 'retrieve()');
    const fake = Object.create(AbortSignal.prototype);
    runtime(await rejection(alan.update({ role: 'org:admin' }, { signal: fake })), 'invalid_option', 'a fake AbortSignal');
    const trap = new Proxy(['org:admin'], { get() { throw new Error('boom'); } });
    runtime(await rejection(alan.organization.getMemberships({ role: trap })), 'invalid_option', 'a Proxy role list');
    const freed = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl });
    freed.free();
    runtime(thrown(() => OrganizationMembership.fromJSON(alan.toJSON(), freed)), 'invalid_option', 'a freed FrontendApi');
    equal((await requests()).length, 0, 'requests made');
  },

  async 'path segments are percent-encoded: an id never changes which resource is addressed'() {
    await reset();
    const { api } = await apiAs(ADA);
    const json = (await member(api, ACME, ALAN)).toJSON();
    json.public_user_data.user_id = '../../me/x?y=1#z';
    await control('requests', undefined, 'DELETE');
    const error = await rejection(OrganizationMembership.fromJSON(json, api).update({ role: 'org:admin' }));
    apiError(error, 404, 'resource_not_found', 'unknown member');
    const [sent] = await requests();
    assert(sent.path.startsWith(`/v1/organizations/${ACME}/memberships/`), `stays under the membership: ${sent.path}`);
    equal(sent.query.find(([k]) => k === 'y'), undefined, 'no query smuggled in');
  },

  async 'fifty concurrent update() calls on one instance all settle, none with "recursive use"'() {
    await reset();
    const { api } = await apiAs(ADA);
    const alan = await member(api, ACME, ALAN);
    const roles = ['org:member', 'org:billing', 'org:support'];
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => alan.update({ role: roles[i % 3] })));
    const failures = outcomes.filter((o) => o.status === 'rejected').map((o) => String(o.reason));
    equal(failures, [], 'failures');
    assert(roles.includes(alan.role), 'a final role');
    equal((await member(api, ACME, ALAN)).role, alan.role, 'the instance shows the last answer the emulator gave');
  },
};

await runChecks(checks);
