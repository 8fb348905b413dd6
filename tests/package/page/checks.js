// Runs in the page. Every check is a user-visible promise of the package; window.checkResults gets
// [{ name, error }] with error null for a pass.
import init, { OrganizationMembership, Organization, PublicUserData, ClerkRuntimeError } from 'clerk-membership';
import { runChecks } from './run-checks.js';
import { assert, equal } from './assertions.js';

const wasm = await init();
const fixture = async (name) => (await fetch(`./fixtures/${name}`)).json();
const admin = await fixture('membership-admin.json');
const clerkJs = await fixture('membership-clerk-js-test.json');
const clerkJsExpected = await fixture('membership-clerk-js-test.expected.json');

const clone = (value) => structuredClone(value);
const refused = (input) => {
  try {
    OrganizationMembership.fromJSON(input);
  } catch (error) {
    if (!(error instanceof ClerkRuntimeError)) throw new Error(`not a ClerkRuntimeError: ${error}`);
    return error;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
};

const checks = {
  'the clerk-js fixture gives exactly what clerk-js exposes'() {
    const m = OrganizationMembership.fromJSON(clerkJs);
    // null in the expected file means "absent or null"; Dates are compared as ISO strings.
    const compare = (actual, expected, path) => {
      for (const [key, want] of Object.entries(expected)) {
        if (key === '_comment') continue;
        const got = actual[key];
        const at = `${path}.${key}`;
        if (want === null) assert(got === null || got === undefined, `${at}: expected null, got ${got}`);
        else if (got instanceof Date) equal(got.toISOString(), want, at);
        else if (typeof want === 'object' && !Array.isArray(want) && !(got?.constructor === Object)) {
          compare(got, want, at);
        } else equal(got, want, at);
      }
    };
    compare(m, clerkJsExpected, 'membership');
  },

  'properties have the types of the TypeScript declarations'() {
    const m = OrganizationMembership.fromJSON(admin);
    for (const key of ['id', 'role', 'roleName']) equal(typeof m[key], 'string', key);
    assert(Array.isArray(m.permissions), 'permissions is an array');
    assert(m.permissions.every((p) => typeof p === 'string'), 'permissions are strings');
    for (const value of [m.publicMetadata, m.organization.publicMetadata]) {
      assert(Object.getPrototypeOf(value) === Object.prototype, 'metadata is a plain object, not a Map');
    }
    assert(m.organization instanceof Organization, 'organization is an Organization');
    assert(m.publicUserData instanceof PublicUserData, 'publicUserData is a PublicUserData');
    for (const date of [m.createdAt, m.updatedAt, m.organization.createdAt, m.organization.updatedAt]) {
      assert(date instanceof Date && !Number.isNaN(date.getTime()), `${date} is a valid Date`);
    }
    equal(m.updatedAt.getTime(), 1732226400123, 'updatedAt keeps the milliseconds');
    equal(m.organization.membersCount, 3, 'membersCount');
    equal(m.organization.selfServeSSOEnabled, false, 'absent boolean');
    equal(m.publicUserData.username, null, 'null username');
    equal(m.publicUserData.userId, 'user_2Ada000000000000000000000', 'userId');
  },

  'values come from the JSON, not from the fixture that happens to be loaded'() {
    const input = clone(admin);
    input.role = 'org:billing';
    input.organization.name = 'Other Org ✓';
    input.public_user_data.first_name = 'Grace';
    input.permissions = null;
    const m = OrganizationMembership.fromJSON(input);
    equal([m.role, m.organization.name, m.publicUserData.firstName], ['org:billing', 'Other Org ✓', 'Grace'], 'values');
    equal(m.permissions, [], 'null permissions');
    equal(m.hasPermission('org:sys_memberships:manage'), false, 'no permission');
  },

  'hasPermission'() {
    const m = OrganizationMembership.fromJSON(admin);
    equal(m.hasPermission('org:sys_memberships:manage'), true, 'granted');
    equal(m.hasPermission('org:sys_memberships'), false, 'prefix only');
  },

  'reading a property twice gives the same object'() {
    const m = OrganizationMembership.fromJSON(admin);
    assert(m.organization === m.organization, 'organization');
    assert(m.publicUserData === m.publicUserData, 'publicUserData');
    assert(m.publicMetadata === m.publicMetadata, 'publicMetadata');
    assert(m.permissions === m.permissions, 'permissions');
    assert(m.organization.publicMetadata === m.organization.publicMetadata, 'organization.publicMetadata');
  },

  'properties are read-only'() {
    const m = OrganizationMembership.fromJSON(admin);
    try { m.role = 'org:hacker'; } catch { /* strict mode throws: also fine */ }
    equal(m.role, 'org:admin', 'role after assignment');
  },

  'toJSON gives the snake_case snapshot and round-trips'() {
    const m = OrganizationMembership.fromJSON(admin);
    const snapshot = JSON.parse(JSON.stringify(m));
    equal(Object.keys(snapshot)[0], 'object', 'first key');
    equal(snapshot.object, 'organization_membership', 'object');
    for (const [key, value] of Object.entries(admin)) {
      if (key !== 'organization' && key !== 'public_user_data') equal(snapshot[key], value, key);
    }
    for (const [key, value] of Object.entries(admin.organization)) equal(snapshot.organization[key], value, key);
    for (const [key, value] of Object.entries(admin.public_user_data)) equal(snapshot.public_user_data[key], value, key);
    const again = OrganizationMembership.fromJSON(m.toJSON());
    equal(JSON.stringify(again), JSON.stringify(m), 'round trip');
    equal(JSON.parse(JSON.stringify(m.organization)).name, 'Acme Rockets', 'organization.toJSON');
  },

  'unknown keys are ignored'() {
    const input = { ...clone(admin), brand_new: { x: 1 }, organization: { ...admin.organization, extra: [1] } };
    equal(OrganizationMembership.fromJSON(input).toJSON(), OrganizationMembership.fromJSON(admin).toJSON(), 'snapshot');
  },

  'bad input throws a ClerkRuntimeError naming the field'() {
    const cases = [
      ['organization.id', (j) => { delete j.organization.id; }],
      ['created_at', (j) => { j.created_at = '2024-01-01'; }],
      ['updated_at', (j) => { j.updated_at = 1.5; }],
      ['id', (j) => { delete j.id; }],
      ['organization', (j) => { j.organization = 'org_1'; }],
      ['permissions[0]', (j) => { j.permissions = [1]; }],
      ['public_metadata', (j) => { j.public_metadata = 'x'; }],
      ['public_user_data.first_name', (j) => { j.public_user_data.first_name = 4; }],
    ];
    for (const [path, edit] of cases) {
      const input = clone(admin);
      edit(input);
      const error = refused(input);
      assert(error instanceof Error, `${path}: an Error`);
      equal([error.name, error.code, error.clerkRuntimeError, error.path], ['ClerkRuntimeError', 'invalid_json', true, path], path);
      assert(error.message.includes(`\`${path}\``), `${path}: message "${error.message}" names the path`);
    }
    for (const input of [undefined, null, 42, 'orgmem_1', [], true]) {
      equal(refused(input).code, 'invalid_json', `fromJSON(${JSON.stringify(input)})`);
    }
  },

  'hostile inputs (throwing getters, Proxies, revoked Proxies) are refusals, 1,000 times over'() {
    const throwing = () => { throw new Error('boom'); };
    const hostile = [
      ['organization.id', () => {
        const j = clone(admin);
        Object.defineProperty(j.organization, 'id', { get: throwing });
        return j;
      }],
      // The path is the first one the reader could not read: metadata is checked first (edge.js).
      ['public_metadata', () => new Proxy(clone(admin), { get: throwing })],
      ['permissions', () => ({ ...clone(admin), permissions: new Proxy(['a'], { get: throwing }) })],
      ['permissions[1]', () => {
        const list = ['org:a', 'org:b'];
        Object.defineProperty(list, 1, { get: throwing });
        return { ...clone(admin), permissions: list };
      }],
      ['', () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy; }],
      ['public_metadata', () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return { ...clone(admin), public_metadata: proxy };
      }],
      ['public_metadata', () => ({ ...clone(admin), public_metadata: new Map([['seat', 4]]) })],
      ['organization.public_metadata', () => {
        const j = clone(admin);
        j.organization.public_metadata = new Date();
        return j;
      }],
    ];
    for (let round = 0; round < 1000; round++) {
      for (const [path, make] of hostile) {
        const error = refused(make());
        if (round === 0) {
          equal([error.code, error.path], ['invalid_json', path], `hostile input at ${path || 'the root'}`);
        }
      }
    }
    equal(OrganizationMembership.fromJSON(admin).permissions.length, 6, 'module still works');
    // Metadata is JSON: a null-prototype object is accepted, and reads back as a plain object.
    const bare = OrganizationMembership.fromJSON({ ...clone(admin), public_metadata: Object.assign(Object.create(null), { seat: 9 }) });
    equal([Object.getPrototypeOf(bare.publicMetadata) === Object.prototype, bare.publicMetadata.seat], [true, 9], 'a null-prototype object is plain');
  },

  'documented limits are refused at their path, before the input is copied, and the module lives on'() {
    const started = performance.now();
    const huge = refused({ ...clone(admin), permissions: new Array(1e7).fill('org:x') });
    equal([huge.code, huge.path], ['invalid_json', 'permissions'], '10,000,000 permissions');
    assert(performance.now() - started < 1000, `refused quickly (${performance.now() - started} ms)`);
    equal(refused({ ...clone(admin), permissions: new Array(1001).fill('org:x') }).path, 'permissions', '1,001 permissions');
    equal(OrganizationMembership.fromJSON({ ...clone(admin), permissions: new Array(1000).fill('org:x') }).permissions.length, 1000, '1,000 permissions');
    let deep = { leaf: 1 };
    for (let i = 0; i < 40; i++) deep = { deep };
    equal(refused({ ...clone(admin), public_metadata: deep }).path, 'public_metadata', 'metadata 41 levels deep');
    equal(refused({ ...clone(admin), public_metadata: { blob: 'x'.repeat(70000) } }).path, 'public_metadata', 'metadata of 70 KB');
    equal(refused({ ...clone(admin), role: 'r'.repeat(17000) }).path, 'role', 'a 17 KB string');
    equal(refused({ ...clone(admin), id: 'orgmem_\ud800' }).path, 'id', 'a lone surrogate');
    const whole = refused({ ...clone(admin), extra: 'x'.repeat(300000) });
    equal([whole.code, whole.path], ['invalid_json', ''], 'a 300 KB membership');
    equal(OrganizationMembership.fromJSON(admin).role, 'org:admin', 'the next call works');
  },

  'permissions are frozen, so hasPermission and toJSON agree with them'() {
    const m = OrganizationMembership.fromJSON(admin);
    assert(Object.isFrozen(m.permissions), 'frozen');
    try { m.permissions.push('org:x'); } catch { /* TypeError in strict mode */ }
    equal([m.permissions.length, m.hasPermission('org:x'), m.toJSON().permissions.length], [6, false, 6], 'after push');
  },

  'a thousand bad inputs leave the module working'() {
    for (let i = 0; i < 1000; i++) {
      const input = clone(admin);
      input.organization.created_at = `bad ${i}`;
      refused(input);
    }
    equal(OrganizationMembership.fromJSON(admin).organization.name, 'Acme Rockets', 'after the errors');
  },

  'free() and Symbol.dispose release an object; using it afterwards throws, the module lives on'() {
    const m = OrganizationMembership.fromJSON(admin);
    const org = m.organization;
    m.free();
    let threw = false;
    try { void m.role; } catch (error) { threw = error instanceof Error; }
    assert(threw, 'reading a freed membership throws an Error');
    equal(org.name, 'Acme Rockets', 'a nested object lives on after its membership is freed');
    const n = OrganizationMembership.fromJSON(admin);
    n[Symbol.dispose]();
    threw = false;
    try { void n.id; } catch { threw = true; }
    assert(threw, 'reading a disposed membership throws');
    const freed = (read) => { try { read(); } catch (error) { return [error instanceof ClerkRuntimeError, error.code]; } return 'no error'; };
    const o = OrganizationMembership.fromJSON(admin);
    const [orgOf, userOf] = [o.organization, o.publicUserData];
    o.free();
    orgOf.free();
    userOf.free();
    equal([freed(() => o.role), freed(() => o.toJSON()), freed(() => o.hasPermission('x')), freed(() => orgOf.name), freed(() => userOf.identifier)],
      Array(5).fill([true, 'freed']), 'every read or call of a freed object is a freed ClerkRuntimeError');
    equal(OrganizationMembership.fromJSON(admin).role, 'org:admin', 'module still works');
  },

  async 'memberships that JS drops are reclaimed (FinalizationRegistry)'() {
    // Without reclamation, 30 rounds of 3,000 memberships would grow wasm memory by tens of MB.
    const round = async () => {
      for (let i = 0; i < 3000; i++) {
        const m = OrganizationMembership.fromJSON(admin);
        void m.organization.name; void m.publicUserData.identifier;
      }
      for (let i = 0; i < 3; i++) {
        globalThis.gc();
        await new Promise((done) => setTimeout(done, 20));
      }
    };
    for (let i = 0; i < 5; i++) await round();
    const settled = wasm.memory.buffer.byteLength;
    for (let i = 0; i < 25; i++) await round();
    const after = wasm.memory.buffer.byteLength;
    assert(after <= settled + 2 ** 21, `wasm memory grew from ${settled} to ${after} bytes`);
  },
};

await runChecks(checks);
