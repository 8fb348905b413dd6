// Runs in the page against the emulator (?api=) and a recorder on another origin (?other=): issue 17's
// client items. Each check fails on the behaviour the issue describes (a redirect followed, the other
// origin's rows or token taken; an own "__proto__" key turned into the options' prototype).
import init, { FrontendApi, OrganizationMembership } from 'clerk-membership';
import { runChecks } from './run-checks.js';
import { assert, equal, rejection, runtime } from './assertions.js';
import {
  ACME, ADA, ALAN, DEV_KEY, emulator, proxyUrl, reset, clearRequests, requests, fault, apiAs, member, memberPath,
} from './emulator.js';

await init();
const other = new URL(new URLSearchParams(location.search).get('other'));
/** What reached the other origin. */
const otherHits = async () => (await fetch(new URL('/hits', other))).json();

/** A redirect fault: the emulator answers 307 to the same path on the other origin, with a token. */
const redirectTo = (method, path) => fault({
  method, path, status: 307,
  headers: { Location: new URL(`${path}?redirected=1`, other).href, 'Clerk-Db-Jwt': 'dvb_2redirect0token' },
});

/** The call rejects with network_error saying a redirect was refused. */
function refusedRedirect(error, what) {
  runtime(error, 'network_error', what);
  assert(/redirect/i.test(error.message), `${what}: the message says a redirect was refused: ${error.message}`);
}

/** The token of the last request the emulator got: still the client's own. */
async function lastToken() {
  const sent = (await requests()).at(-1);
  return sent?.query.find(([key]) => key === '__clerk_db_jwt')?.[1];
}

await runChecks({
  async '5. a GET answered with a redirect to another origin rejects with network_error; its token is not taken'() {
    await reset();
    const { api, token } = await apiAs(ADA);
    const acme = (await OrganizationMembership.retrieve(api, { pageSize: 50 })).data
      .find((m) => m.organization.id === ACME).organization;
    await redirectTo('GET', `/v1/organizations/${ACME}/memberships`);
    refusedRedirect(await rejection(acme.getMemberships()), 'getMemberships');
    equal(await otherHits(), [], 'requests that reached the other origin');
    // The next call carries the client's own token, not the redirect's (nor the other origin's).
    await clearRequests();
    const { totalCount } = await acme.getMemberships();
    equal(totalCount, 8, 'the real list afterwards');
    equal(await lastToken(), token, 'the token sent afterwards');
  },

  async '5. update() answered with a redirect re-sends nothing: network_error, the role unchanged'() {
    await reset();
    const { api, token } = await apiAs(ADA);
    const alan = await member(api, ACME, ALAN);
    await redirectTo('PATCH', memberPath(ACME, ALAN));
    refusedRedirect(await rejection(alan.update({ role: 'org:admin' })), 'update');
    equal(await otherHits(), [], 'requests that reached the other origin');
    equal((await member(api, ACME, ALAN)).role, 'org:member', "Alan's role");
    equal(await lastToken(), token, 'the token sent afterwards');
  },

  async '6. an own "__proto__" key of FrontendApi options is refused, never the prototype'() {
    const options = JSON.parse(`{"publishableKey":"${DEV_KEY}","__proto__":{"proxyUrl":"http://127.0.0.1:9/evil"}}`);
    let api;
    try {
      api = new FrontendApi(options);
    } catch (error) {
      runtime(error, 'invalid_option', 'new FrontendApi');
      assert(error.message.includes('__proto__'), `the message names __proto__: ${error.message}`);
      return;
    }
    assert(!api.baseUrl.includes('127.0.0.1:9'), `baseUrl taken from "__proto__": ${api.baseUrl}`);
  },

  async '6. an own "__proto__" key of getMemberships params is refused, never sent'() {
    await reset();
    const { api } = await apiAs(ADA);
    const acme = (await OrganizationMembership.retrieve(api, { pageSize: 50 })).data
      .find((m) => m.organization.id === ACME).organization;
    await clearRequests();
    const params = JSON.parse('{"__proto__":{"pageSize":1,"query":"injected"}}');
    let page;
    try {
      page = await acme.getMemberships(params);
    } catch (error) {
      runtime(error, 'invalid_option', 'getMemberships');
      assert(error.message.includes('__proto__'), `the message names __proto__: ${error.message}`);
      equal(await requests(), [], 'requests sent');
      return;
    }
    const sent = (await requests()).at(-1);
    assert(!/limit=1(&|$)|query=injected/.test(sent.raw_query), `sent ${sent.raw_query}`);
    equal(page.data.length, 8, 'rows');
  },
});
