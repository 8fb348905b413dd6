// Runs in headless Chromium. Measures clerk-membership (imported as an app imports it) and, when
// `window.clerkJs` is set up by the page, Clerk's own browser SDK, on the same data and the same
// emulator. Results go to window.benchResults; bench/run.mjs prints them.
import init, { FrontendApi, OrganizationMembership } from 'clerk-membership';

const wasm = await init();
const params = new URLSearchParams(location.search);
const api = params.get('api');
const ACME = 'org_2aAcmeRockets7Qm4Xk9ZpT1';
const ALAN = 'user_2aAlanTuring6nXr3Yu';
const DEV_KEY = 'pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]; };
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((done) => setTimeout(done, 30));
  }
};

/** Median of `runs` timings of `fn` (after warm-ups); `after` cleans up outside the timing. */
async function time(fn, { runs = 30, warmups = 5, after = () => {} } = {}) {
  const samples = [];
  for (let i = 0; i < warmups + runs; i++) {
    const started = performance.now();
    const result = fn();
    const took = performance.now() - started;
    after(result);
    if (i >= warmups) samples.push(took);
    if (i % 10 === 9) await settle();
  }
  return median(samples);
}

// One list response of 1,000 memberships, varied so no string is shared by accident.
const fixture = await (await fetch('./membership-admin.json')).json();
const items = Array.from({ length: 1000 }, (_, i) => ({
  ...fixture,
  id: `orgmem_${i}`,
  role: i % 3 ? 'org:member' : 'org:admin',
  public_metadata: { seat: i },
  organization: { ...fixture.organization, name: `Org ${i % 10}` },
  public_user_data: { ...fixture.public_user_data, identifier: `user${i}@acme.test`, user_id: `user_${i}` },
}));
const listText = JSON.stringify({ response: { data: items, total_count: items.length }, client: null });
const results = { hydration: {}, reads: {}, calls: {}, memory: {} };

/**
 * Clerk's SDK signed in through the emulator, as an app gets it: its OrganizationMembership class
 * (taken from a membership `user.getOrganizationMemberships()` returned; the bundle exports no class)
 * and a way to get any member of an organization.
 */
async function loadClerkJs() {
  const clerk = window.Clerk;
  if (!clerk) return undefined;
  try {
    await clerk.load({ telemetry: false });
  } catch (error) {
    console.error(`clerk-js did not load: ${error}`);
    return undefined;
  }
  const mine = await clerk.user.getOrganizationMemberships();
  return {
    Membership: mine.data[0].constructor,
    async memberOf(orgId, userId) {
      const org = mine.data.find((m) => m.organization.id === orgId).organization;
      const { data } = await org.getMemberships({ pageSize: 50 });
      return data.find((m) => m.publicUserData.userId === userId);
    },
  };
}
const clerkJs = await loadClerkJs();
results.clerkJs = Boolean(clerkJs);

// 2. Hydration: 1,000 memberships from one list response.
results.hydration['JSON.parse alone (floor)'] = await time(() => JSON.parse(listText).response.data.length);
results.hydration['clerk-membership: fromJSON'] = await time(
  () => JSON.parse(listText).response.data.map((j) => OrganizationMembership.fromJSON(j)));
results.hydration['clerk-membership: fromJSON + read role, org name, identifier'] = await time(() => {
  const list = JSON.parse(listText).response.data.map((j) => OrganizationMembership.fromJSON(j));
  for (const m of list) void (m.role, m.organization.name, m.publicUserData.identifier);
  return list;
});
if (clerkJs) {
  results.hydration['clerk-js: new OrganizationMembership(json)'] = await time(
    () => JSON.parse(listText).response.data.map((j) => new clerkJs.Membership(j)));
  results.hydration['clerk-js: same + read role, org name, identifier'] = await time(() => {
    const list = JSON.parse(listText).response.data.map((j) => new clerkJs.Membership(j));
    for (const m of list) void (m.role, m.organization.name, m.publicUserData.identifier);
    return list;
  });
}

// 4. Property reads: 1,000,000 reads of role and organization.name. Each row gets its own freshly
// compiled loop (no type feedback shared between rows), and the rows run twice in opposite orders.
const loop = () => new Function('m', `
  let n = 0;
  for (let i = 0; i < 1000000; i++) n += m.role.length + m.organization.name.length;
  return n;`);
const readers = [
  ['plain object (floor)', { role: 'org:admin', organization: { name: 'Acme Rockets' } }],
  ['clerk-membership', OrganizationMembership.fromJSON(fixture)],
  ...(clerkJs ? [['clerk-js', new clerkJs.Membership(fixture)]] : []),
];
const readSamples = Object.fromEntries(readers.map(([name]) => [name, []]));
for (const order of [readers, [...readers].reverse()]) {
  for (const [name, m] of order) {
    const read = loop();
    readSamples[name].push(await time(() => read(m), { runs: 7, warmups: 2 }));
  }
}
// The mean of the two orders: whichever row runs first in a page has an edge.
for (const [name, samples] of Object.entries(readSamples)) results.reads[name] = (samples[0] + samples[1]) / 2;

// 3. Per-call cost: 200 sequential update() calls against the emulator on loopback.
async function calls(update) {
  const samples = [];
  for (let i = 0; i < 220; i++) {
    const started = performance.now();
    await update(i % 2 ? 'org:billing' : 'org:member');
    if (i >= 20) samples.push(performance.now() - started);
  }
  return { median: median(samples), p95: p95(samples) };
}
const { token } = await (await fetch(`${api}/__emulator/sign_in`, { method: 'POST', body: JSON.stringify({ user_id: 'user_2aAdaLovelace9fKq1Zr' }) })).json();
const client = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl: api, devBrowserJwt: token });
const alan = (await (await OrganizationMembership.retrieve(client)).data
  .find((m) => m.organization.id === ACME).organization.getMemberships({ query: 'alan' })).data[0];
// The floor: the same request by hand (WIRE.md §2–§4), read as JSON.
const url = (role) => `${api}/v1/organizations/${ACME}/memberships/${ALAN}?__clerk_api_version=2026-08-20`
  + `&_clerk_js_version=6.40.0&_method=PATCH&__clerk_db_jwt=${encodeURIComponent(token)}`;
results.calls['bare fetch (floor)'] = await calls(async (role) => {
  const res = await fetch(url(role), {
    method: 'POST', credentials: 'include', body: `role=${encodeURIComponent(role)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return res.json();
});
results.calls['clerk-membership update()'] = await calls((role) => alan.update({ role }));
if (clerkJs) {
  const theirs = await clerkJs.memberOf(ACME, ALAN);
  results.calls['clerk-js membership.update()'] = await calls((role) => theirs.update({ role }));
}

// 5. Memory: create and drop 100,000 memberships without free(); the garbage collector and
// wasm-bindgen's FinalizationRegistry must give everything back.
async function footprint() {
  await settle();
  await settle();
  return { wasm: wasm.memory.buffer.byteLength, heap: performance.memory.usedJSHeapSize };
}
results.memory.baseline = await footprint();
for (let batch = 0; batch < 100; batch++) {
  for (let i = 0; i < 1000; i++) {
    const m = OrganizationMembership.fromJSON(items[i]);
    void m.organization.name;
  }
  if (batch % 10 === 9) await settle();
}
results.memory.after100k = await footprint();
for (let batch = 0; batch < 100; batch++) {
  for (let i = 0; i < 1000; i++) void OrganizationMembership.fromJSON(items[i]).publicUserData.identifier;
  if (batch % 10 === 9) await settle();
}
results.memory.after200k = await footprint();

window.benchResults = results;
