// Runs in the page against the emulator (?api=<url>): every fault times every call (issue 10's matrix).
// Two tables, OPS and FAULTS; each cell is its own named check and checks three things: the right
// error, the instance left in its last good state, and a following good call that succeeds.
import init, { OrganizationMembership } from 'clerk-membership';
import { runChecks } from './run-checks.js';
import { assert, equal, runtime, apiError } from './assertions.js';
import {
  ACME, ADA, ALAN, DENNIS, BARBARA, reset, clearFaults, fault, apiAs, member, memberPath,
} from './emulator.js';

await init();
const MIB = 1 << 20;
const trace = 'trace_fault_matrix_1';
/** A Clerk error body (docs/wire.md §7) as the Frontend API writes it. */
const clerkError = (code, message, longMessage, meta = {}) =>
  JSON.stringify({ errors: [{ code, message, long_message: longMessage, meta }], clerk_trace_id: trace });

/**
 * The calls. `setup` signs Ada in (an admin of Acme) on a fresh client with the cell's options and
 * finds what the call works on; `run` makes the call; `answer` is a valid `response` for it (so that an
 * oversized answer is refused for its size alone); `state` is what must not change when it fails;
 * `good` is the following good call, and throws unless it succeeded with the right answer.
 */
const OPS = {
  'update()': {
    method: 'PATCH',
    path: memberPath(ACME, ALAN),
    async setup(api) {
      const m = await member(api, ACME, ALAN);
      return { m, organization: m.organization };
    },
    run: ({ m }, options) => m.update({ role: 'org:billing' }, options),
    answer: ({ m }) => ({ ...m.toJSON(), role: 'org:billing' }),
    state: ({ m, organization }) => [m.role, m.updatedAt.getTime(), JSON.stringify(m), m.organization === organization],
    async good({ m }) {
      const before = m.updatedAt.getTime();
      const role = m.role === 'org:billing' ? 'org:support' : 'org:billing';
      assert((await m.update({ role })) === m, 'resolves to the instance');
      equal(m.role, role, 'the new role');
      assert(m.updatedAt.getTime() > before, 'updatedAt moved');
    },
  },
  'destroy()': {
    method: 'DELETE',
    path: memberPath(ACME, DENNIS),
    async setup(api) {
      return { api, m: await member(api, ACME, DENNIS) };
    },
    run: ({ m }, options) => m.destroy(options),
    answer: ({ m }) => m.toJSON(),
    state: ({ m }) => [m.id, m.role, m.updatedAt.getTime(), JSON.stringify(m)],
    async good({ api, m }, succeeded) {
      // After a destroy() that went through, the good call removes another member.
      const target = succeeded ? await member(api, ACME, BARBARA) : m;
      equal((await target.destroy()).id, target.id, 'the removed membership');
    },
  },
  'getMemberships()': {
    method: 'GET',
    path: `/v1/organizations/${ACME}/memberships`,
    async setup(api) {
      return { organization: (await member(api, ACME, ALAN)).organization };
    },
    run: ({ organization }, options) => organization.getMemberships({ pageSize: 50 }, options),
    answer: () => ({ data: [], total_count: 0 }),
    state: ({ organization }) => [organization.membersCount, JSON.stringify(organization)],
    async good({ organization }) {
      equal((await organization.getMemberships({ pageSize: 50 })).data.length, 8, 'members');
    },
  },
  'retrieve()': {
    method: 'GET',
    path: '/v1/me/organization_memberships',
    async setup(api) {
      return { api };
    },
    run: ({ api }, options) => OrganizationMembership.retrieve(api, { pageSize: 50 }, options),
    answer: () => ({ data: [], total_count: 0 }),
    state: ({ api }) => [api.token, api.sessionId, api.baseUrl],
    async good({ api }) {
      equal((await OrganizationMembership.retrieve(api, { pageSize: 50 })).totalCount, 2, "Ada's memberships");
    },
  },
  'getRoles()': {
    method: 'GET',
    path: `/v1/organizations/${ACME}/roles`,
    async setup(api) {
      return { organization: (await member(api, ACME, ALAN)).organization };
    },
    run: ({ organization }, options) => organization.getRoles({}, options),
    answer: () => ({ data: [], total_count: 0 }),
    state: ({ organization }) => [organization.membersCount, JSON.stringify(organization)],
    async good({ organization }) {
      equal((await organization.getRoles()).data.map((r) => r.key).sort(),
        ['org:admin', 'org:billing', 'org:guest', 'org:member', 'org:support'], 'roles');
    },
  },
};

/** The answer of a Clerk error rule, and what it must reject with. */
const rule = (status, code, message, longMessage, meta, paramName) => ({
  spec: { status, body: clerkError(code, message, longMessage, meta) },
  expect(error) {
    apiError(error, status, code, 'the error');
    equal([error.message, error.clerkTraceId, error.errors[0].longMessage], [longMessage, trace, longMessage], 'message and trace');
    if (paramName) equal(error.errors[0].meta?.paramName, paramName, 'meta.paramName');
  },
});
/** A ClerkAPIResponseError of `status` without Clerk errors (a body that is not Clerk's). */
const bareStatus = (status) => (error) => {
  equal([error.name, error.clerkError, error.status, error.errors.length], ['ClerkAPIResponseError', true, status, 0], 'the error');
};
const code = (expected) => (error) => runtime(error, expected, 'the error');
const never = { delay_ms: 2000, drop: true }; // an answer that never comes (and no change made)

/** The faults: the emulator's fault (`spec`), the client's options, and what the call must give. */
const FAULTS = {
  '400 organization_minimum_permissions_needed': rule(400, 'organization_minimum_permissions_needed',
    'minimum permissions needed', 'There has to be at least one organization member with the minimum required permissions'),
  '401 authentication_invalid': rule(401, 'authentication_invalid', 'Invalid authentication',
    'Unable to authenticate the request, you need to supply an active session'),
  '403 missing_organization_permission': rule(403, 'missing_organization_permission', 'Missing permission',
    'You do not have permission to perform this action.'),
  '404 resource_not_found': rule(404, 'resource_not_found', 'not found', 'Resource not found'),
  '409 organization_membership_managed_by_scim': rule(409, 'organization_membership_managed_by_scim',
    'Membership managed by SCIM', 'This membership is managed by SCIM and cannot be changed here.'),
  '422 form_param_value_invalid': rule(422, 'form_param_value_invalid', 'is invalid', 'role is invalid',
    { param_name: 'role' }, 'role'),
  '500 internal_clerk_error': rule(500, 'internal_clerk_error', 'Oops, an unexpected error occurred',
    "There was an internal error on our servers. We've been notified and are working on fixing it."),
  '429 with Retry-After': {
    spec: { status: 429, headers: { 'Retry-After': '1' }, body: clerkError('too_many_requests', 'Too many requests', 'Too many requests, retry later') },
    expect(error) {
      apiError(error, 429, 'too_many_requests', 'the error');
      equal(error.retryAfter, 1, 'retryAfter');
    },
  },
  '429 without Retry-After': {
    spec: { status: 429, body: clerkError('too_many_requests', 'Too many requests', 'Too many requests, retry later') },
    expect(error) {
      apiError(error, 429, 'too_many_requests', 'the error');
      equal(error.retryAfter ?? null, null, 'retryAfter');
    },
  },
  '429 then success (one retry)': {
    spec: { status: 429, headers: { 'Retry-After': '0' }, body: clerkError('too_many_requests', 'Too many requests', 'Too many requests, retry later') },
    options: { retry: { maxRetries: 1 } },
    succeeds: true,
  },
  'HTML 502': {
    spec: { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
    expect: bareStatus(502),
  },
  'empty 503': { spec: { status: 503 }, expect: bareStatus(503) },
  'invalid JSON on 200': { spec: { status: 200, body: '{"response": {"id": "orgmem_' }, expect: code('invalid_response') },
  '204': { spec: { status: 204 }, expect: code('invalid_response') },
  // Chromium resends a request itself when a kept-alive connection closes under it: enough drops for every try.
  'dropped connection': { spec: { drop: true, count: 20 }, expect: code('network_error') },
  'delay past timeoutMs': { spec: never, options: { timeoutMs: 300 }, expect: code('timeout') },
  'abort mid-flight': { spec: never, abortAfterMs: 100, expect: code('aborted') },
  // A valid answer padded with JSON whitespace past the default cap of 8 MiB.
  'oversized body (Content-Length)': { spec: { status: 200, size: 9 * MIB }, validBody: true, expect: code('invalid_response') },
  'oversized body (chunked)': { spec: { status: 200, size: 9 * MIB, chunked: true }, validBody: true, expect: code('invalid_response') },
};

/** One cell: `op` under `fault`. */
async function cell(op, fault_) {
  await reset();
  const { api } = await apiAs(ADA, { retry: { maxRetries: 0 }, timeoutMs: 5000, ...fault_.options });
  const target = await op.setup(api);
  const before = JSON.stringify(op.state(target));
  const body = fault_.validBody ? { body: JSON.stringify({ response: op.answer(target), client: null }) } : {};
  await fault({ method: op.method, path: op.path, ...fault_.spec, ...body });
  const controller = new AbortController();
  if (fault_.abortAfterMs) setTimeout(() => controller.abort(), fault_.abortAfterMs);
  const outcome = await op.run(target, { signal: controller.signal }).then((value) => ({ value }), (error) => ({ error }));
  await clearFaults();
  if (fault_.succeeds) {
    assert(!outcome.error, `1. succeeds after the retry: ${outcome.error}`);
  } else {
    assert(outcome.error, `1. rejects: resolved to ${outcome.value}`);
    fault_.expect(outcome.error);
    equal(JSON.stringify(op.state(target)), before, '2. the last good state');
  }
  try {
    await op.good(target, fault_.succeeds);
  } catch (error) {
    throw new Error(`3. the following good call: ${error?.stack ?? error}`);
  }
}

const checks = {};
for (const [opName, op] of Object.entries(OPS)) {
  for (const [faultName, fault_] of Object.entries(FAULTS)) {
    checks[`${opName} × ${faultName}`] = () => cell(op, fault_);
  }
}
window.matrixSize = { ops: Object.keys(OPS).length, faults: Object.keys(FAULTS).length, cells: Object.keys(checks).length };

await runChecks(checks);
