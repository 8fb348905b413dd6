// Runs in the page against the emulator (?api=<url>): the live list bound to its own client, bounded,
// collectable, safe with re-entrant listeners and hostile answers; one shared cache per client
// (sharing, keepPreviousData, session changes, pendingIds, mutations across clients). Issue 16.
// Acme Rockets has 8 members in the emulator's seed: Ada and Grace (admins), Alan (a member: read-only), …
import init, { FrontendApi, OrganizationMembership } from 'clerk-membership';
import { runChecks } from './run-checks.js';
import { until, settled } from './list-waits.js';
import { assert, equal, runtime, apiError } from './assertions.js';
import {
  control, reset, fault, clearFaults, clearRequests, apiAs, emulator,
  ACME, GLOBEX, ADA, GRACE, ALAN, DENNIS, DEV_KEY, proxyUrl,
} from './emulator.js';

await init();
const membersPath = `/v1/organizations/${ACME}/memberships`;
const listRequests = async () => (await control('requests')).filter((r) => r.path === membersPath && r.method === 'GET');
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const param = (request, key) => request.query.find(([k]) => k === key)?.[1];

/** Acme Rockets as `userId` sees it, bound to `api`. */
async function acmeOf(api) {
  const { data } = await OrganizationMembership.retrieve(api);
  const org = data.find((m) => m.organization.id === ACME)?.organization;
  assert(org, 'the signed-in user is in Acme');
  return org;
}

const rowOf = (snapshot, userId) => snapshot.data.find((m) => m.publicUserData.userId === userId);

/** Collects the garbage until `done()` or a few rounds passed (FinalizationRegistry callbacks run later). */
async function collect(done = () => false) {
  for (let round = 0; round < 30 && !done(); round++) {
    window.gc();
    await sleep(50);
  }
}

const checks = {
  async 'a page fetched before a removal finished does not bring the removed member back'() {
    await reset();
    const { api, token } = await apiAs(ADA);
    const list = (await acmeOf(api)).membershipList({ pageSize: 10 });
    const before = await settled(list);
    // The answer of a fetch the server made before Dennis left, arriving after his removal.
    const stale = await (await fetch(new URL(`${membersPath}?paginated=true&limit=10&offset=0&__clerk_db_jwt=${token}`, emulator))).text();
    await fault({ method: 'GET', path: membersPath, delay_ms: 400, status: 200, body: stale });
    void list.revalidate();
    await sleep(50);
    await rowOf(before, DENNIS).destroy();
    const after = await settled(list);
    assert(!rowOf(after, DENNIS), 'Dennis stays removed');
    equal(after.data.length, 7, 'the other seven');
    // A list made later from the cache does not show him either.
    assert(!rowOf((await acmeOf(api)).membershipList({ pageSize: 10 }).getSnapshot(), DENNIS), 'nor the cache');
  },

  async 'a removal during a setParams in flight does not replace what was asked for'() {
    await reset();
    const { api } = await apiAs(ADA);
    const list = (await acmeOf(api)).membershipList({ pageSize: 3 });
    await settled(list);
    const page3 = await list.fetchPage(3);
    equal(page3.page, 3, 'on page 3');
    await fault({ method: 'GET', path: membersPath, delay_ms: 400 });
    const searching = list.setParams({ query: 'turing' });
    await sleep(50);
    await page3.data[0].destroy();
    const found = await searching;
    equal([found.page, found.data.map((m) => m.publicUserData.userId)], [1, [ALAN]], 'page 1 of the search, as asked');
    equal(list.getSnapshot().page, 1, 'and it stays');
  },

  async 'a member whose new role is outside a list\'s role filter leaves that list'() {
    await reset();
    const { api } = await apiAs(ADA);
    const org = await acmeOf(api);
    const members = org.membershipList({ pageSize: 10, role: 'org:member' });
    const before = await settled(members);
    assert(rowOf(before, ALAN), 'Alan is a member');
    await rowOf(before, ALAN).update({ role: 'org:billing' });
    const after = await settled(members);
    assert(!rowOf(after, ALAN), 'Alan left the members-only list');
    equal(after.totalCount, before.totalCount - 1, 'one fewer');
    assert(!rowOf(org.membershipList({ pageSize: 10, role: 'org:member' }).getSnapshot(), ALAN), 'nor does the cache show him there');
  },

  async 'free() stops the fetch in flight: the snapshot is not left fetching'() {
    await reset();
    const { api } = await apiAs(ADA);
    const list = (await acmeOf(api)).membershipList({ pageSize: 3 });
    await settled(list);
    await fault({ method: 'GET', path: membersPath, delay_ms: 300 });
    void list.fetchNext();
    equal(list.getSnapshot().isFetching, true, 'fetching');
    list.free();
    const last = list.getSnapshot();
    equal([last.isFetching, last.isLoading, last.page, last.data.length], [false, false, 1, 3], 'the last state, not fetching');
    await sleep(400);
    assert(list.getSnapshot() === last, 'nothing changed after the answer');
  },

  async 'a row stays bound to its own list\'s client after another client updates that member (security)'() {
    await reset();
    const alan = await apiAs(ALAN);   // a read-only member
    const grace = await apiAs(GRACE); // an admin, on the same page
    const list = (await acmeOf(alan.api)).membershipList({ pageSize: 10 });
    await settled(list);
    // Grace changes Dennis's role through her own client.
    const dennisOfGrace = rowOf(await settled((await acmeOf(grace.api)).membershipList({ pageSize: 10 })), DENNIS);
    await dennisOfGrace.update({ role: 'org:billing' });
    const row = rowOf(list.getSnapshot(), DENNIS);
    equal(row.role, 'org:billing', 'Alan\'s list shows the new role (as data)');
    // Alan's row must still act as Alan: the server refuses a read-only member.
    await clearRequests();
    let error;
    try { await row.update({ role: 'org:admin' }); } catch (e) { error = e; }
    apiError(error, 403, 'missing_organization_permission', 'Alan\'s update is refused as Alan\'s');
    // (Only the member's path: a list of an earlier check may still renew its dev browser meanwhile.)
    const [patch] = (await control('requests')).filter((r) => r.path === `${membersPath}/${DENNIS}`);
    equal(param(patch, '__clerk_db_jwt'), alan.token, 'sent with Alan\'s token, not Grace\'s');
    // Grace's client freed: Alan's rows are not affected.
    grace.api.free();
    const again = rowOf(list.getSnapshot(), DENNIS);
    try { await again.update({ role: 'org:admin' }); error = null; } catch (e) { error = e; }
    apiError(error, 403, 'missing_organization_permission', 'after Grace\'s client is freed: still Alan\'s answer, not freed');
    equal(rowOf(list.getSnapshot(), DENNIS).role, 'org:billing', 'the refused change did not go through');
  },

  async 'a mutation reaches lists of other clients of the same Frontend API as data, and no other Frontend API'() {
    await reset();
    const ada = await apiAs(ADA);
    const grace = await apiAs(GRACE);
    // The same emulator under another name is another Frontend API (another baseUrl).
    const otherUrl = `http://localhost:${emulator.port}/`;
    const other = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl: otherUrl, devBrowserJwt: grace.token });
    const mine = (await acmeOf(ada.api)).membershipList({ pageSize: 10 });
    const hers = (await acmeOf(grace.api)).membershipList({ pageSize: 10 });
    const elsewhere = (await acmeOf(other)).membershipList({ pageSize: 10 });
    await Promise.all([settled(mine), settled(hers), settled(elsewhere)]);
    const before = rowOf(elsewhere.getSnapshot(), ALAN);
    await rowOf(mine.getSnapshot(), ALAN).update({ role: 'org:support' });
    equal([rowOf(mine.getSnapshot(), ALAN).role, rowOf(hers.getSnapshot(), ALAN).role], ['org:support', 'org:support'], 'both lists of this Frontend API');
    assert(rowOf(elsewhere.getSnapshot(), ALAN) === before, 'a list of another Frontend API is not touched');
    // Grace's row, updated by Ada's client, still acts as Grace.
    await clearRequests();
    await rowOf(hers.getSnapshot(), ALAN).update({ role: 'org:member' });
    const [patch] = (await control('requests')).filter((r) => r.path === `${membersPath}/${ALAN}`);
    equal(param(patch, '__clerk_db_jwt'), grace.token, 'Grace\'s row sends Grace\'s token');
    equal(rowOf(mine.getSnapshot(), ALAN).role, 'org:member', 'and Ada\'s list shows it');
    // A removal reaching the list of a freed client: the row goes, and no reload is attempted (its
    // rejection would reach no one: the page checks that nothing was logged).
    grace.api.free();
    await rowOf(mine.getSnapshot(), DENNIS).destroy();
    assert(!rowOf(hers.getSnapshot(), DENNIS), 'the row left the freed client\'s list');
    await settled(mine);
    assert(!rowOf(mine.getSnapshot(), DENNIS), 'and Ada\'s, refilled');
  },

  async 'an infinite list stops at the last page; initialPage is bounded as fetchPage is'() {
    await reset();
    const { api } = await apiAs(ADA);
    const org = await acmeOf(api);
    let error;
    try { org.membershipList({ infinite: true, initialPage: 4294967295 }); } catch (e) { error = e; }
    runtime(error, 'invalid_option', 'initialPage past the bound');
    await clearRequests();
    const list = org.membershipList({ infinite: true, pageSize: 3, initialPage: 1000 });
    const loaded = await settled(list);
    equal([loaded.data.length, loaded.page, loaded.pageCount, loaded.hasNextPage], [8, 3, 3, false], 'pages 1 to 3, then the short page ended it');
    equal((await listRequests()).length, 3, 'three requests, not a thousand');
    await clearRequests();
    const far = await list.fetchPage(200);
    equal([far.page, far.pageCount, far.data.length], [3, 3, 8], 'fetchPage(200) of 3 pages');
    equal((await listRequests()).length, 3, 'fetchPage(200): three requests');
    await clearRequests();
    equal((await list.revalidate()).page, 3, 'revalidate');
    equal((await listRequests()).length, 3, 'revalidate: three requests');
  },

  async 'a dropped list stops fetching: a fetch in flight does not keep it alive'() {
    await reset();
    const { api } = await apiAs(ADA);
    const org = await acmeOf(api);
    await fault({ method: 'GET', path: membersPath, delay_ms: 250, count: 20 });
    await clearRequests();
    const collected = [];
    const registry = new FinalizationRegistry((name) => collected.push(name));
    (() => {
      // Eight pages of one, each answering after 250 ms: two seconds of fetching if nothing stops it.
      registry.register(org.membershipList({ infinite: true, pageSize: 1, initialPage: 8, query: 'a' }), 'list');
    })();
    await sleep(100);
    await collect(() => collected.length > 0);
    equal(collected, ['list'], 'the list was collected while its fetch was in flight');
    await sleep(1500);
    const sent = (await listRequests()).length;
    assert(sent <= 2, `${sent} requests: the list kept fetching after it was dropped`);
    await clearFaults();
  },

  async 'a list with a listener that refers to it is collected once dropped, and hears nothing after'() {
    await reset();
    const { api } = await apiAs(ADA);
    const org = await acmeOf(api);
    const count = 2000;
    let heard = 0;
    let collected = 0;
    const registry = new FinalizationRegistry(() => { collected += 1; });
    await (async () => {
      const lists = [];
      for (let i = 0; i < count; i++) {
        const list = org.membershipList({ pageSize: 3 });
        list.subscribe(() => { list.getSnapshot(); heard += 1; });
        registry.register(list, i);
        lists.push(list);
      }
      await settled(lists[count - 1]);
    })();
    await collect(() => collected >= count * 0.95);
    assert(collected >= count * 0.95, `only ${collected} of ${count} lists were collected`);
    const heardBefore = heard;
    const keeper = org.membershipList({ pageSize: 3 });
    const alan = rowOf(await settled(keeper), ALAN);
    await alan.update({ role: 'org:billing' });
    assert(heard - heardBefore <= count - collected, `${heard - heardBefore} notifications reached dropped lists`);
    equal(rowOf(keeper.getSnapshot(), ALAN).role, 'org:billing', 'a live list still hears');
  },

  async 're-entrant listeners (fetchNext, revalidate on every notification) never recurse and never leave a list stuck'() {
    await reset();
    const { api } = await apiAs(ADA);
    const org = await acmeOf(api);
    const infinite = org.membershipList({ infinite: true, pageSize: 2 });
    let calls = 0;
    const stop = infinite.subscribe(() => { calls += 1; void infinite.fetchNext(); void infinite.fetchNext(); });
    const all = await until(infinite, (s) => !s.isFetching && s.data.length === 8, 'every page through the listener');
    stop();
    equal([all.page, all.hasNextPage, all.isFetching], [4, false, false], 'all four pages, not stuck');
    assert(calls < 100, `the listener ran ${calls} times`);
    const paged = org.membershipList({ pageSize: 3 });
    let rounds = 0;
    const off = paged.subscribe(() => {
      rounds += 1;
      if (rounds < 40) { void paged.revalidate(); void paged.fetchNext(); void paged.revalidate(); }
    });
    await sleep(300);
    await until(paged, (s) => !s.isFetching, 'the list to settle after the listener stops', 8000);
    off();
    const last = paged.getSnapshot();
    equal([last.isFetching, last.error, last.data.length > 0], [false, null, true], 'settled with rows');
  },

  async 'a page of another organization is refused with invalid_response; the last good state stays'() {
    await reset();
    const ada = await apiAs(ADA);
    const globex = await fetch(new URL(`/v1/organizations/${GLOBEX}/memberships?paginated=true&limit=3&offset=0&__clerk_db_jwt=${ada.token}`, emulator));
    const globexBody = await globex.text();
    const list = (await acmeOf(ada.api)).membershipList({ pageSize: 3 });
    const good = await settled(list);
    await fault({ method: 'GET', path: membersPath, status: 200, body: globexBody });
    const refused = await list.fetchNext();
    runtime(refused.error, 'invalid_response', 'the foreign page');
    assert(refused.data.every((m) => m.organization.id === ACME), 'only Acme rows');
    equal([refused.page, refused.data.map((m) => m.id)], [1, good.data.map((m) => m.id)], 'the last good state');
  },

  async 'in an infinite list, a row appears once, at its latest position'() {
    await reset();
    const ada = await apiAs(ADA);
    const page1 = await (await fetch(new URL(`${membersPath}?paginated=true&limit=3&offset=0&__clerk_db_jwt=${ada.token}`, emulator))).text();
    await fault({ method: 'GET', path: membersPath, status: 200, body: page1, count: 3 });
    const list = (await acmeOf(ada.api)).membershipList({ pageSize: 3, infinite: true, initialPage: 3 });
    const shown = await settled(list);
    const ids = shown.data.map((m) => m.id);
    equal([ids.length, new Set(ids).size], [3, 3], 'three distinct rows, each once');
  },

  async 'lists of one client on the same params share their pages: one request, then cached rows at once'() {
    await reset();
    const { api } = await apiAs(ADA);
    const org = await acmeOf(api);
    await clearRequests();
    const first = org.membershipList({ pageSize: 4, query: 'a' });
    const second = org.membershipList({ pageSize: 4, query: 'a' });
    const [a, b] = await Promise.all([settled(first), settled(second)]);
    equal((await listRequests()).length, 1, 'the second list sent no request of its own');
    equal(a.data.map((m) => m.id), b.data.map((m) => m.id), 'the same rows');
    assert(a !== b && a.data[0] !== b.data[0], 'snapshots (and row objects) stay per list');
    await fault({ method: 'GET', path: membersPath, delay_ms: 300 });
    const later = org.membershipList({ pageSize: 4, query: 'a' });
    const atOnce = later.getSnapshot();
    equal([atOnce.data.length, atOnce.isLoading, atOnce.isFetching], [a.data.length, false, true], 'cached rows at once, revalidating');
    await settled(later);
    equal((await listRequests()).length, 2, 'one background revalidation');
    // Other params are another entry.
    const other = org.membershipList({ pageSize: 4, query: 'e' });
    equal(other.getSnapshot().isLoading, true, 'other params load on their own');
    await settled(other);
    // A list made by another client shares nothing.
    const { api: again } = await apiAs(ADA);
    const foreign = (await acmeOf(again)).membershipList({ pageSize: 4, query: 'a' });
    equal(foreign.getSnapshot().isLoading, true, 'another client has its own cache');
    await settled(foreign);
  },

  async 'keepPreviousData: the old rows stay while a page loads; without it, a placeholder (as Clerk)'() {
    await reset();
    const { api } = await apiAs(ADA);
    const org = await acmeOf(api);
    const kept = org.membershipList({ pageSize: 3, keepPreviousData: true });
    const plain = org.membershipList({ pageSize: 3 });
    const [k1, p1] = await Promise.all([settled(kept), settled(plain)]);
    await fault({ method: 'GET', path: membersPath, delay_ms: 300, count: 2 });
    void kept.fetchNext();
    const keeping = kept.getSnapshot();
    equal([keeping.data.map((m) => m.id), keeping.isFetching, keeping.isLoading, keeping.page], [k1.data.map((m) => m.id), true, false, 1], 'keepPreviousData: the old rows');
    void plain.setParams({ query: 'ritchie' });
    const placeholder = plain.getSnapshot();
    equal([placeholder.data.length, placeholder.isFetching, placeholder.isLoading], [0, true, true], 'default: a placeholder');
    equal((await settled(kept)).page, 2, 'then page 2');
    equal((await settled(plain)).data.map((m) => m.publicUserData.userId), [DENNIS], 'then the search');
    assert(p1.data.length === 3, 'loaded before');
    let error;
    try { org.membershipList({ keepPreviousData: 'yes' }); } catch (e) { error = e; }
    runtime(error, 'invalid_option', 'keepPreviousData must be a boolean');
  },

  async 'a session change empties the client\'s cache and reloads its lists; rows of the old session never show'() {
    await reset();
    const { api, token, sessionId } = await apiAs(ADA);
    const first = { session_id: sessionId };
    // A second session on the same client: Grace's.
    const second = await control('sign_in', { user_id: GRACE, token });
    api.sessionId = first.session_id;
    const org = await acmeOf(api);
    const list = org.membershipList({ pageSize: 3 });
    await settled(list);
    const seen = [];
    list.subscribe(() => seen.push(list.getSnapshot()));
    await fault({ method: 'GET', path: membersPath, delay_ms: 500, count: 2 });
    await clearRequests();
    void list.revalidate(); // of the old session, answering late
    await sleep(100);
    api.sessionId = second.session_id;
    const emptied = list.getSnapshot();
    equal([emptied.data.length, emptied.isLoading, emptied.isFetching], [0, true, true], 'emptied at once, loading');
    await sleep(480); // the old session's answer is in; the new one is not
    equal(list.getSnapshot().data.length, 0, 'the old session\'s answer is not shown');
    const reloaded = await settled(list);
    equal(reloaded.data.length, 3, 'loaded again');
    const sent = await listRequests();
    equal(sent.map((r) => param(r, '_clerk_session_id')), [first.session_id, second.session_id], 'the reload went with the new session');
    const afterSwitch = seen.slice(seen.indexOf(emptied));
    assert(afterSwitch.filter((s) => s.data.length > 0).every((s) => s === reloaded || !s.isFetching), 'no old rows between');
    // A list made now does not preview the old session's pages.
    api.sessionId = null;
    equal(org.membershipList({ pageSize: 3 }).getSnapshot().isLoading, true, 'a new list after a change loads from nothing');
  },

  async 'pendingIds: the ids with an update() or destroy() in flight; a failure removes the id and keeps the row'() {
    await reset();
    const { api } = await apiAs(ADA);
    const list = (await acmeOf(api)).membershipList({ pageSize: 10 });
    const before = await settled(list);
    equal(before.pendingIds, [], 'none');
    assert(Object.isFrozen(before.pendingIds), 'frozen');
    const alan = rowOf(before, ALAN);
    await fault({ method: 'PATCH', path: `${membersPath}/${ALAN}`, delay_ms: 300 });
    const updating = alan.update({ role: 'org:billing' });
    const during = list.getSnapshot();
    equal(during.pendingIds, [alan.id], 'the id while the update is in flight');
    assert(list.getSnapshot().pendingIds === during.pendingIds, 'the same array while nothing changes');
    await updating;
    const after = list.getSnapshot();
    equal([after.pendingIds, rowOf(after, ALAN).role], [[], 'org:billing'], 'gone after the answer');
    await fault({ method: 'PATCH', path: `${membersPath}/${ALAN}`, status: 500, body: '{"errors":[{"code":"internal_clerk_error","message":"boom"}]}' });
    let error;
    try { await rowOf(after, ALAN).update({ role: 'org:admin' }); } catch (e) { error = e; }
    apiError(error, 500, 'internal_clerk_error', 'the failed update');
    const failed = list.getSnapshot();
    equal([failed.pendingIds, rowOf(failed, ALAN).role], [[], 'org:billing'], 'a failure: no pending id, the last good row');
  },
};

await runChecks(checks);
