// The tiny app every bundler builds: it imports clerk-membership the way the README does, and publishes
// named checks as window.checkResults (run-checks.js is copied in from tests/package/page/).
// The emulator's origin comes in the query: ?api=http://127.0.0.1:PORT
import init, { FrontendApi, OrganizationMembership, ClerkRuntimeError } from 'clerk-membership';
import fixture from './membership.json';
import { runChecks } from './run-checks.js';

const emulator = new URL(new URLSearchParams(location.search).get('api'));
const DEV_KEY = 'pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk'; // a development instance
// Seed ids (emulator/README.md).
const ACME = 'org_2aAcmeRockets7Qm4Xk9ZpT1';
const ADA = 'user_2aAdaLovelace9fKq1Zr';
const ALAN = 'user_2aAlanTuring6nXr3Yu';

function equal(actual, expected, what) {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}
async function control(path, body, method = body === undefined ? 'GET' : 'POST') {
  const res = await fetch(new URL(`/__emulator/${path}`, emulator), {
    method, body: body && JSON.stringify(body), headers: { 'content-type': 'application/json' },
  });
  return res.json();
}

await runChecks({
  'before init(), the classes throw ClerkRuntimeError not_initialized'() {
    let error;
    try {
      OrganizationMembership.fromJSON(fixture);
    } catch (e) {
      error = e;
    }
    equal(error instanceof ClerkRuntimeError && error.code, 'not_initialized', 'fromJSON before init()');
  },

  async 'await init() loads the wasm'() {
    await init();
  },

  'fromJSON reads the fixture'() {
    const m = OrganizationMembership.fromJSON(fixture);
    equal([m.role, m.organization.name, m.publicUserData.userId], ['org:admin', 'Acme Rockets', 'user_2Ada000000000000000000000'], 'membership');
  },

  async 'update() changes a role in the emulator'() {
    await control('reset', {});
    const { token } = await control('sign_in', { user_id: ADA });
    const api = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl: emulator.origin, devBrowserJwt: token });
    const { data } = await OrganizationMembership.retrieve(api);
    const acme = data.find((m) => m.organization.id === ACME).organization;
    const { data: members } = await acme.getMemberships({ pageSize: 50 });
    const alan = members.find((m) => m.publicUserData?.userId === ALAN);
    await control('requests', undefined, 'DELETE');
    equal((await alan.update({ role: 'org:billing' })).role, 'org:billing', 'the resolved role');
    const sent = (await control('requests')).map((r) => [r.method, r.path, new URLSearchParams(r.raw_query).get('_method'), r.body]);
    equal(sent, [['POST', `/v1/organizations/${ACME}/memberships/${ALAN}`, 'PATCH', 'role=org%3Abilling']], "the emulator's request log");
  },
});
