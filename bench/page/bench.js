// Runs in headless Chromium. Measures clerk-membership (imported as an app imports it) and, when
// `window.Clerk` is set up by the page, Clerk's own browser SDK, on the same data and the same
// emulator. Results go to window.benchResults; bench/run.mjs prints them.
import init, { FrontendApi, OrganizationMembership } from 'clerk-membership';

const wasm = await init();
// The bench-only build (feature `bench`): fromJSON through serde_wasm_bindgen::from_value.
const probe = await import('./probe/clerk_membership.js').then(async (m) => { await m.default(); return m; }).catch(() => null);
const params = new URLSearchParams(location.search);
const api = params.get('api');
const ACME = 'org_2aAcmeRockets7Qm4Xk9ZpT1';
const BENCH_ORG = params.get('org');
const ALAN = 'user_2aAlanTuring6nXr3Yu';
const ADA = 'user_2aAdaLovelace9fKq1Zr';
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

/**
 * Medians of async rows run interleaved (one run of each row, then the next round), so that drift
 * of the shared machine touches every row alike.
 */
async function interleaved(rows, { runs = 15, warmups = 3 } = {}) {
  const samples = Object.fromEntries(Object.keys(rows).map((name) => [name, []]));
  for (let i = 0; i < warmups + runs; i++) {
    for (const [name, fn] of Object.entries(rows)) {
      await settle();
      const started = performance.now();
      await fn();
      if (i >= warmups) samples[name].push(performance.now() - started);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, median(xs)]));
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
const results = { hydration: {}, list: {}, reads: {}, calls: {}, memory: {} };
const read = (m) => void (m.role, m.organization.name, m.publicUserData.identifier);

/**
 * Clerk's SDK signed in through the emulator, as an app gets it: its OrganizationMembership class
 * (taken from a membership `user.getOrganizationMemberships()` returned; the bundle exports no class)
 * and its Organization resources.
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
  const organization = (id) => mine.data.find((m) => m.organization.id === id).organization;
  return {
    Membership: mine.data[0].constructor,
    organization,
    async memberOf(orgId, userId) {
      const { data } = await organization(orgId).getMemberships({ pageSize: 50 });
      return data.find((m) => m.publicUserData.userId === userId);
    },
  };
}
const clerkJs = await loadClerkJs();
results.clerkJs = Boolean(clerkJs);

// A client signed in as Ada (the emulator's dev-browser user, as clerk-js is).
const { token } = await (await fetch(`${api}/__emulator/sign_in`, { method: 'POST', body: JSON.stringify({ user_id: ADA }), headers: { 'content-type': 'application/json' } })).json();
const client = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl: api, devBrowserJwt: token });
const mine = (await OrganizationMembership.retrieve(client, { pageSize: 50 })).data;
const orgOf = (id) => mine.find((m) => m.organization.id === id).organization;

// 2. The list path: 500 members of one organization, then the first reads an app makes.
if (BENCH_ORG) {
  const bench = orgOf(BENCH_ORG);
  // The floor: the identical GET by hand (docs/wire.md §2–§4), res.json(), and objects made the way
  // clerk-js makes them (fields copied, Dates, nested objects).
  const listUrl = `${api}/v1/organizations/${BENCH_ORG}/memberships?paginated=true&limit=500&offset=0`
    + `&__clerk_api_version=2026-08-20&_clerk_js_version=6.40.0&__clerk_db_jwt=${encodeURIComponent(token)}`;
  const clerkLike = (j) => ({
    id: j.id, role: j.role, roleName: j.role_name, permissions: j.permissions ?? [], publicMetadata: j.public_metadata,
    createdAt: new Date(j.created_at), updatedAt: new Date(j.updated_at),
    organization: { ...j.organization, name: j.organization.name, createdAt: new Date(j.organization.created_at), updatedAt: new Date(j.organization.updated_at) },
    publicUserData: j.public_user_data && { identifier: j.public_user_data.identifier, userId: j.public_user_data.user_id, firstName: j.public_user_data.first_name },
  });
  const rows = {
    'bare fetch + res.json() + clerk-js-like objects (floor)': async () => {
      const res = await fetch(listUrl, { credentials: 'include' });
      const { response } = await res.json();
      for (const m of response.data.map(clerkLike)) read(m);
    },
    'clerk-membership: organization.getMemberships({ pageSize: 500 })': async () => {
      const { data } = await bench.getMemberships({ pageSize: 500 });
      for (const m of data) read(m);
    },
  };
  // Two components showing the same list: two live lists of one client on the same params share one
  // fetch (the second made while the first loads), each with its own snapshot and row objects.
  const settled = (list) => new Promise((resolve) => {
    const check = () => { if (!list.getSnapshot().isFetching) { off(); resolve(list.getSnapshot()); } };
    const off = list.subscribe(check);
    check();
  });
  // A fresh client for each run (made beforehand), so that no run starts from an earlier run's cache.
  const freshOrgs = [];
  for (let i = 0; i < 64; i++) {
    const fresh = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl: api, devBrowserJwt: token });
    freshOrgs.push((await OrganizationMembership.retrieve(fresh, { pageSize: 50 })).data.find((m) => m.organization.id === BENCH_ORG).organization);
  }
  rows['clerk-membership: two membershipList({ pageSize: 500 }) on the same params'] = async () => {
    const fresh = freshOrgs.pop() ?? bench;
    const lists = [fresh.membershipList({ pageSize: 500 }), fresh.membershipList({ pageSize: 500 })];
    for (const { data } of await Promise.all(lists.map(settled))) for (const m of data) read(m);
    for (const list of lists) list.free();
  };
  if (clerkJs) {
    const theirs = clerkJs.organization(BENCH_ORG);
    rows['clerk-js: organization.getMemberships({ pageSize: 500 })'] = async () => {
      const { data } = await theirs.getMemberships({ pageSize: 500 });
      for (const m of data) read(m);
    };
    rows['clerk-js: two getMemberships({ pageSize: 500 }) (no shared cache outside React)'] = async () => {
      const pages = await Promise.all([theirs.getMemberships({ pageSize: 500 }), theirs.getMemberships({ pageSize: 500 })]);
      for (const { data } of pages) for (const m of data) read(m);
    };
  }
  const { data: sample } = await bench.getMemberships({ pageSize: 500 });
  results.list.count = sample.length;
  results.list.rows = await interleaved(rows);
  // The same answer without the network: its bytes read by each side, then the same first reads.
  const bytes = new Uint8Array(await (await fetch(listUrl, { credentials: 'include' })).arrayBuffer());
  const decoder = new TextDecoder();
  results.list.bytes = bytes.length;
  results.list.decode = {
    'the answer\'s bytes → JSON.parse → clerk-js-like objects (floor)': await time(() => {
      for (const m of JSON.parse(decoder.decode(bytes)).response.data.map(clerkLike)) read(m);
    }),
    ...(probe && {
      'the answer\'s bytes → clerk-membership page (bench build of the same code)': await time(() => {
        for (const m of probe.__benchPage(bytes).data) read(m);
      }),
    }),
  };
}

// 3. fromJSON: 1,000 memberships of one list response's text, then the same first reads, interleaved
// with the stand-in issue 18 measures against: JSON.parse plus a plain class that copies the fields and
// makes Dates (what clerk-js's constructor does, without its SDK around it).
class StandInOrganization {
  constructor(j) {
    this.id = j.id; this.name = j.name; this.slug = j.slug; this.imageUrl = j.image_url; this.hasImage = j.has_image;
    this.publicMetadata = j.public_metadata; this.membersCount = j.members_count;
    this.pendingInvitationsCount = j.pending_invitations_count; this.maxAllowedMemberships = j.max_allowed_memberships;
    this.createdAt = new Date(j.created_at); this.updatedAt = new Date(j.updated_at);
  }
}
class StandInUser {
  constructor(j) {
    this.firstName = j.first_name; this.lastName = j.last_name; this.imageUrl = j.image_url; this.hasImage = j.has_image;
    this.identifier = j.identifier; this.userId = j.user_id;
  }
}
class StandInMembership {
  constructor(j) {
    this.id = j.id; this.role = j.role; this.roleName = j.role_name; this.permissions = j.permissions ?? [];
    this.publicMetadata = j.public_metadata ?? {};
    this.publicUserData = j.public_user_data ? new StandInUser(j.public_user_data) : undefined;
    this.organization = new StandInOrganization(j.organization);
    this.createdAt = new Date(j.created_at); this.updatedAt = new Date(j.updated_at);
  }
}
const hydrationRows = {
  'stand-in: JSON.parse + a plain class that copies the fields and makes Dates': () => {
    for (const m of JSON.parse(listText).response.data.map((j) => new StandInMembership(j))) read(m);
  },
  'JSON.parse alone': () => JSON.parse(listText).response.data.length,
  'clerk-membership: fromJSON': () => JSON.parse(listText).response.data.map((j) => OrganizationMembership.fromJSON(j)),
  'clerk-membership: fromJSON + read role, org name, identifier': () => {
    for (const m of JSON.parse(listText).response.data.map((j) => OrganizationMembership.fromJSON(j))) read(m);
  },
};
if (probe) {
  // from_value cannot make raw JSON: both paths get the same memberships without metadata.
  const bare = JSON.stringify({ response: { data: items.map(({ public_metadata: _, ...m }) => ({ ...m, organization: { ...m.organization, public_metadata: undefined } })) } });
  hydrationRows['metadata-free input: fromJSON (one crossing, shipped) + reads'] = () => {
    for (const m of JSON.parse(bare).response.data.map((j) => OrganizationMembership.fromJSON(j))) read(m);
  };
  hydrationRows['metadata-free input: serde_wasm_bindgen::from_value (bench build) + reads'] = () => {
    for (const m of JSON.parse(bare).response.data.map((j) => probe.__benchFromValue(j))) read(m);
  };
}
if (clerkJs) {
  hydrationRows['clerk-js: new OrganizationMembership(json)'] = () => JSON.parse(listText).response.data.map((j) => new clerkJs.Membership(j));
  hydrationRows['clerk-js: same + read role, org name, identifier'] = () => {
    for (const m of JSON.parse(listText).response.data.map((j) => new clerkJs.Membership(j))) read(m);
  };
}
results.hydration = await interleaved(hydrationRows, { runs: 21, warmups: 5 });

// 5. Property reads: 1,000,000 reads of role and organization.name. Each row gets its own freshly
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
    const run = loop();
    readSamples[name].push(await time(() => run(m), { runs: 7, warmups: 2 }));
  }
}
// The mean of the two orders: whichever row runs first in a page has an edge.
for (const [name, samples] of Object.entries(readSamples)) results.reads[name] = (samples[0] + samples[1]) / 2;

// 4. Per-call cost: 200 sequential update() calls against the emulator on loopback.
async function calls(update) {
  const samples = [];
  for (let i = 0; i < 220; i++) {
    const started = performance.now();
    await update(i % 2 ? 'org:billing' : 'org:member');
    if (i >= 20) samples.push(performance.now() - started);
  }
  return { median: median(samples), p95: p95(samples) };
}
const alan = (await orgOf(ACME).getMemberships({ query: 'alan' })).data[0];
// The floor: the same request by hand (docs/wire.md §2–§4), read as JSON.
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

// 6. Memory: create and drop 200,000 memberships without free(); the garbage collector and
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
