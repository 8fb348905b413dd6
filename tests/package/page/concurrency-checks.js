// Runs in the page against the emulator (?api=<url>): 300 concurrent calls on one instance and across
// instances and clients, interleaved with free() of an instance and of a client and with GC, and a
// member removed and added again while calls on him are in flight (issue 10). The first check runs
// the whole scenario; the others each assert one property of what it recorded.
import init, { OrganizationMembership, FrontendApi } from 'clerk-membership';
import { runChecks } from './run-checks.js';
import { assert, equal } from './assertions.js';
import {
  ACME, ADA, ALAN, GRACE, KATHERINE, LINUS, DENNIS, BARBARA, DEV_KEY, proxyUrl,
  control, reset, clearRequests, apiAs, member, memberPath,
} from './emulator.js';

const uncaught = [];
addEventListener('error', (event) => uncaught.push(`error: ${event.message}`));
addEventListener('unhandledrejection', (event) => uncaught.push(`unhandled rejection: ${event.reason?.stack ?? event.reason}`));

await init();
const TIM = 'user_2cTimBernersLee8xFk'; // no membership in the seed: added and removed here
const ROLES = ['org:member', 'org:billing', 'org:support'];
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Every call of the scenario: what it was, when it started (before or after a free), how it settled. */
const calls = [];
let inFlight = 0;
let peak = 0;
const collected = { count: 0 };
const throwaways = new FinalizationRegistry(() => { collected.count += 1; });
let scenario = null;

/** Starts `run()` and records it; `who` is the user whose membership it changes, if any. */
function track(kind, who, role, run) {
  const call = { kind, who, role, startedAfterFree: null, outcome: null };
  calls.push(call);
  inFlight += 1;
  peak = Math.max(peak, inFlight);
  let promise;
  try {
    promise = Promise.resolve(run());
  } catch (error) {
    promise = Promise.reject(error);
  }
  call.settled = promise.then(
    (value) => {
      if (value instanceof OrganizationMembership) call.outcome = { value: { role: value.role, updatedAt: value.updatedAt.getTime() } };
      else call.outcome = { value: 'page', page: value };
    },
    (error) => {
      call.outcome = { error: { name: error?.name, code: error?.code, status: error?.status, clerkRuntimeError: error?.clerkRuntimeError, clerkError: error?.clerkError, errorCode: error?.errors?.[0]?.code, message: String(error?.message ?? error) } };
    },
  ).finally(() => { inFlight -= 1; });
  return call;
}

/** Adds Tim to Acme through the emulator's add-member endpoint (the package has no add call). */
async function addTim(token) {
  const url = new URL(`v1/organizations/${ACME}/memberships`, proxyUrl);
  url.searchParams.set('__clerk_db_jwt', token);
  const res = await fetch(url, { method: 'POST', body: new URLSearchParams({ user_id: TIM, role: 'org:member' }) });
  assert(res.ok, `adding Tim: HTTP ${res.status} ${await res.text()}`);
}

async function runScenario() {
  await reset();
  const a = await apiAs(ADA);
  const b = await apiAs(ADA); // a second client of the same admin, freed half-way
  const alan = await member(a.api, ACME, ALAN);
  const katherine = await member(a.api, ACME, KATHERINE);
  const linus = await member(a.api, ACME, LINUS); // freed half-way
  const dennis = await member(b.api, ACME, DENNIS);
  const barbara = await member(b.api, ACME, BARBARA);
  const graceJson = (await member(a.api, ACME, GRACE)).toJSON();
  const acme = alan.organization;
  const frees = { instance: linus, client: b.api };
  const instances = { [ALAN]: alan, [KATHERINE]: katherine, [LINUS]: linus, [DENNIS]: dennis, [BARBARA]: barbara };
  await clearRequests();

  let freed = false;
  const launch = (kind, who, role, run) => {
    const call = track(kind, who, role, run);
    call.startedAfterFree = freed;
    return call;
  };
  let n = 0;
  const role = () => ROLES[n++ % ROLES.length];
  /** Half of the calls of each group; `gcEvery` launches, a full GC. */
  const wave = () => {
    for (let i = 0; i < 40; i++) {
      const r = role();
      launch('update', ALAN, r, () => alan.update({ role: r })); // one instance, many calls
      if (i % 4 === 0) launch('list', null, null, () => acme.getMemberships({ pageSize: 50 }));
      const who = [KATHERINE, LINUS, DENNIS, BARBARA][i % 4];
      const r2 = role();
      launch('update', who, r2, () => instances[who].update({ role: r2 })); // across instances and clients
      if (i % 8 === 0) launch('list', null, null, () => OrganizationMembership.retrieve(a.api, { pageSize: 50 }));
      if (i % 8 === 4) launch('roles', null, null, () => dennis.organization.getRoles()); // on the client freed half-way
      if (i < 25) {
        const r3 = role();
        // A membership nobody keeps: the garbage collector may take it while its call is in flight.
        launch('update', GRACE, r3, () => {
          const throwaway = OrganizationMembership.fromJSON(graceJson, a.api);
          throwaways.register(throwaway, null);
          return throwaway.update({ role: r3 });
        });
      }
      if (i % 10 === 9) globalThis.gc();
    }
  };

  // Tim: ten rounds of add (emulator), find (list), then remove and three updates at once.
  const timRounds = (async () => {
    for (let round = 0; round < 10; round++) {
      await addTim(a.token);
      const find = launch('list', null, null, () => acme.getMemberships({ query: 'berners', pageSize: 10 }));
      await find.settled;
      const tim = find.outcome.page?.data.find((m) => m.publicUserData?.userId === TIM);
      assert(tim, `round ${round}: Tim was added but is not listed`);
      const round_ = [launch('destroy', TIM, null, () => tim.destroy())];
      for (let i = 0; i < 3; i++) {
        const r = role();
        round_.push(launch('update', TIM, r, () => tim.update({ role: r })));
      }
      globalThis.gc();
      await Promise.all(round_.map((c) => c.settled));
    }
  })();

  wave();
  await sleep(0);
  globalThis.gc();
  // Mid-flight: free one instance, then one client, with GCs around them.
  frees.instance.free();
  freed = true;
  await sleep(2);
  globalThis.gc();
  frees.client.free();
  wave();
  await sleep(5);
  globalThis.gc();
  await within(60_000, Promise.all(calls.map((c) => c.settled)).then(() => timRounds)
    .then(() => Promise.all(calls.map((c) => c.settled))));
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await sleep(20);
  }
  return { a, instances, linus };
}

/** Resolves as `promise` does, or rejects once `ms` passed. */
function within(ms, promise) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`some calls did not settle within ${ms} ms`)), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The scenario's record, or a failure naming why it is missing. */
function recorded() {
  assert(scenario, 'the scenario did not run (see its check)');
  return scenario;
}
const isRefusal = (call) => call.outcome?.error?.clerkRuntimeError && call.outcome.error.code === 'freed';

const checks = {
  async '300 concurrent calls on one instance, across instances and clients, with free() and GC'() {
    scenario = await runScenario();
    equal(calls.length, 300, 'calls made');
    assert(peak >= 125, `at most ${peak} calls were in flight at once`);
    window.concurrency = { calls: calls.length, peak, collected: collected.count };
    assert(collected.count >= 1, `the garbage collector took ${collected.count} memberships nobody kept`);
  },

  'every call settled: a value, a freed refusal, or (Tim removed) a 404 ClerkAPIResponseError'() {
    recorded();
    const unexpected = calls.filter((c) => {
      const { outcome } = c;
      if (!outcome) return true;
      if (!outcome.error) return false;
      if (isRefusal(c)) return false;
      return !(c.who === TIM && outcome.error.clerkError && outcome.error.status === 404 && outcome.error.errorCode === 'resource_not_found');
    });
    equal(unexpected.map((c) => [c.kind, c.who, c.outcome]), [], 'calls with another outcome');
  },

  'no "recursive use", no unhandled rejection, no uncaught error'() {
    recorded();
    const recursive = calls.filter((c) => /recursive use/i.test(c.outcome?.error?.message ?? ''));
    equal(recursive.length, 0, 'errors that say "recursive use"');
    equal(uncaught, [], 'uncaught');
  },

  'free() of an instance or a client refuses the calls after it with freed; calls in flight finish'() {
    const { instances } = recorded();
    const onFreed = (c) => c.who === LINUS || c.who === DENNIS || c.who === BARBARA || c.kind === 'roles';
    const after = calls.filter((c) => c.startedAfterFree && onFreed(c));
    equal(after.length, 35, 'calls started after the frees on the freed instance or client');
    equal(after.filter((c) => !isRefusal(c)).map((c) => [c.kind, c.who, c.outcome]), [], 'calls after a free that were not refused');
    const before = calls.filter((c) => !c.startedAfterFree && onFreed(c));
    equal(before.filter(isRefusal).map((c) => c.who), [], 'calls in flight at the free that were refused');
    assert(instances[DENNIS].role, 'a membership whose client was freed can still be read');
  },

  async 'no lost update: each member ends as its newest answer, in the emulator and on its instance'() {
    const { a, instances } = recorded();
    const { data } = await OrganizationMembership.retrieve(a.api, { pageSize: 50 })
      .then(({ data: mine }) => mine.find((m) => m.organization.id === ACME).organization.getMemberships({ pageSize: 50 }));
    const final = Object.fromEntries(data.map((m) => [m.publicUserData.userId, m.role]));
    for (const who of [ALAN, KATHERINE, LINUS, DENNIS, BARBARA, GRACE]) {
      const answers = calls.filter((c) => c.who === who && c.kind === 'update' && c.outcome?.value);
      assert(answers.length > 0, `${who}: no update resolved`);
      const newest = answers.reduce((x, y) => (y.outcome.value.updatedAt > x.outcome.value.updatedAt ? y : x));
      equal(final[who], newest.outcome.value.role, `${who}: the emulator's role is the newest answer's`);
      if (who !== LINUS && who !== GRACE) {
        equal([instances[who].role, instances[who].updatedAt.getTime()], [final[who], newest.outcome.value.updatedAt], `${who}: the instance shows the newest answer`);
      }
    }
  },

  async 'the emulator received exactly one mutation per call that was not refused'() {
    recorded();
    const log = await control('requests');
    const sent = {};
    for (const r of log) {
      const method = r.query.find(([k]) => k === '_method')?.[1];
      if (r.method === 'POST' && method) sent[`${method} ${r.path}`] = (sent[`${method} ${r.path}`] ?? 0) + 1;
    }
    const expected = {};
    for (const c of calls) {
      if ((c.kind !== 'update' && c.kind !== 'destroy') || isRefusal(c)) continue;
      const key = `${c.kind === 'update' ? 'PATCH' : 'DELETE'} ${memberPath(ACME, c.who)}`;
      expected[key] = (expected[key] ?? 0) + 1;
    }
    const sorted = (o) => Object.fromEntries(Object.entries(o).sort());
    equal(sorted(sent), sorted(expected), 'mutations received, by method and path');
    equal(expected[`DELETE ${memberPath(ACME, TIM)}`], 10, 'Tim removed ten times');
  },

  async 'the module still works afterwards'() {
    recorded();
    await reset();
    const { api } = await apiAs(ADA);
    const alan = await member(api, ACME, ALAN);
    equal((await alan.update({ role: 'org:support' })).role, 'org:support', 'update()');
    equal((await alan.organization.getMemberships({ pageSize: 50 })).data.length, 8, 'getMemberships()');
    const fresh = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl });
    equal(OrganizationMembership.fromJSON(alan.toJSON(), fresh).role, 'org:support', 'fromJSON on a new client');
  },
};

await runChecks(checks);
