// The Frontend API emulator as the pages of checks see it (?api=<url>, another origin, so CORS is real):
// its seed ids, its control API (reset, request log, faults, sign-in) and signed-in clients.
import { FrontendApi, OrganizationMembership } from 'clerk-membership';
import { assert } from './assertions.js';

export const emulator = new URL(new URLSearchParams(location.search).get('api'));
export const fixture = async (name) => (await fetch(`./fixtures/${name}`)).json();
export const keys = await fixture('publishable-keys.json');

// Seed ids (emulator/README.md).
export const ACME = 'org_2aAcmeRockets7Qm4Xk9ZpT1';
export const GLOBEX = 'org_2bGlobexLabs3Vn8Rw2YhL5';
export const ADA = 'user_2aAdaLovelace9fKq1Zr';
export const GRACE = 'user_2aGraceHopper4mWp8Ts';
export const ALAN = 'user_2aAlanTuring6nXr3Yu';
export const KATHERINE = 'user_2aKatherineJohnson1p';
export const LINUS = 'user_2aLinus8qZv5Bw2Cx7Dy';
export const HEDY = 'user_2bHedyLamarr2uCg9Eh';
export const MARGARET = 'user_2aMargaretHamilton3r';
export const DENNIS = 'user_2aDennisRitchie5sAe';
export const BARBARA = 'user_2aBarbaraLiskov7tBf';
export const DEV_KEY = keys.valid[1].key; // pk_test_…: a development instance
export const proxyUrl = `${emulator.origin}/`;

/** A call to `/__emulator/<path>`: GET without a body, POST with one, or `method`; JSON, as it requires. */
export async function control(path, body, method = body === undefined ? 'GET' : 'POST') {
  const res = await fetch(new URL(`/__emulator/${path}`, emulator), {
    method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
  });
  return res.json();
}
export const reset = () => control('reset', {});
/** The logged `/v1/` requests but the dev-browser creations. */
export const requests = async () => (await control('requests')).filter((r) => r.path !== '/v1/dev_browser');
export const clearRequests = () => control('requests', undefined, 'DELETE');
export const fault = (spec) => control('faults', spec);
export const clearFaults = () => control('faults', undefined, 'DELETE');
export const signIn = (userId) => control('sign_in', { user_id: userId });
export const memberPath = (org, user) => `/v1/organizations/${org}/memberships/${user}`;

/** A client signed in as `userId` (a dev-browser token from the emulator). */
export async function apiAs(userId, options = {}) {
  const { token, session_id: sessionId } = await signIn(userId);
  return { api: new FrontendApi({ publishableKey: DEV_KEY, proxyUrl, devBrowserJwt: token, ...options }), token, sessionId };
}

/** `userId`'s membership in `org`, as listed by the organization (bound to `api`). */
export async function member(api, org, userId) {
  const { data } = await OrganizationMembership.retrieve(api, { pageSize: 50 });
  const mine = data.find((m) => m.organization.id === org);
  assert(mine, `the signed-in user is not in ${org}`);
  const { data: members } = await mine.organization.getMemberships({ pageSize: 50 });
  const found = members.find((m) => m.publicUserData?.userId === userId);
  assert(found, `${userId} is not listed in ${org}`);
  return found;
}
