// Runs in the page against the emulator (?api=<url>): organization.membershipList(), the live list.
// Acme Rockets has 8 members in the emulator's seed (emulator/README.md).
import init, { FrontendApi, OrganizationMembership, ClerkAPIResponseError } from 'clerk-membership';
import { runChecks } from './run-checks.js';
import { until, settled } from './list-waits.js';

import { assert, equal } from './assertions.js';
import { control, reset, signIn, ACME, ADA, ALAN, DENNIS, DEV_KEY, proxyUrl } from './emulator.js';

await init();
const listRequests = async () => (await control('requests')).filter((r) => r.path === `/v1/organizations/${ACME}/memberships`);

/** Acme Rockets as Ada (an admin) sees it, bound to a fresh client. */
async function acme() {
  await reset();
  const { token } = await signIn(ADA);
  const api = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl, devBrowserJwt: token });
  const { data } = await OrganizationMembership.retrieve(api);
  return data.find((m) => m.organization.id === ACME).organization;
}

const names = (snapshot) => snapshot.data.map((m) => m.publicUserData.firstName);

const checks = {
  async 'a list starts loading at once: a placeholder state, then the first page'() {
    const org = await acme();
    const list = org.membershipList({ pageSize: 3 });
    const first = list.getSnapshot();
    equal([first.isLoading, first.isFetching, first.data.length, first.error], [true, true, 0, null], 'loading');
    assert(Object.isFrozen(first) && Object.isFrozen(first.data), 'snapshots are frozen');
    assert(list.getSnapshot() === first, 'an unchanged state is the same object');
    const loaded = await settled(list);
    equal([loaded.isLoading, loaded.totalCount, loaded.page, loaded.pageCount, loaded.hasNextPage, loaded.hasPreviousPage, loaded.data.length],
      [false, 8, 1, 3, true, false, 3], 'page 1 of 3');
    assert(loaded.data.every((m) => m instanceof OrganizationMembership), 'rows are memberships');
    equal((await listRequests()).length, 1, 'one request');
    const [sent] = await listRequests();
    equal(sent.query.slice(0, 3), [['paginated', 'true'], ['limit', '3'], ['offset', '0']], 'the query of getMemberships');
  },

  async 'paging: fetchNext, fetchPrevious, fetchPage, revalidate; each resolves to the new snapshot'() {
    const org = await acme();
    const list = org.membershipList({ pageSize: 3 });
    await settled(list);
    const p1 = list.getSnapshot();
    const p2 = await list.fetchNext();
    assert(p2 === list.getSnapshot(), 'resolves to the current snapshot');
    equal([p2.page, p2.data.length, p2.hasPreviousPage], [2, 3, true], 'page 2');
    assert(p2.data[0].id !== p1.data[0].id, 'other members');
    const p3 = await list.fetchNext();
    equal([p3.page, p3.data.length, p3.hasNextPage], [3, 2, false], 'page 3 (the last)');
    assert(await list.fetchNext() === p3, 'nothing past the last page: the same snapshot');
    equal((await list.fetchPrevious()).page, 2, 'back to page 2');
    equal((await list.fetchPage(1)).data.map((m) => m.id), p1.data.map((m) => m.id), 'page 1 again');
    const again = await list.revalidate();
    assert(again !== p1 && again.data !== p1.data, 'a revalidation makes a new snapshot and data array');
    let error;
    try { await list.fetchPage(0); } catch (e) { error = e; }
    equal(error?.code, 'invalid_option', 'fetchPage(0)');
  },

  async 'search and role filters start again from page 1, with the query of getMemberships'() {
    const org = await acme();
    const list = org.membershipList({ pageSize: 3, initialPage: 2 });
    equal((await settled(list)).page, 2, 'initialPage');
    await control('requests', undefined, 'DELETE');
    const found = await list.setParams({ query: 'ritchie' });
    equal([found.page, found.totalCount, found.data.map((m) => m.publicUserData.userId)], [1, 1, [DENNIS]], 'the query');
    const admins = await list.setParams({ query: '', role: 'org:admin' });
    assert(admins.data.length > 0 && admins.data.every((m) => m.role === 'org:admin'), 'the role filter');
    const [, second] = await listRequests();
    equal(second.query.filter(([k]) => ['query', 'role', 'offset'].includes(k)), [['offset', '0'], ['query', ''], ['role', 'org:admin']], 'sent');
    // A key given as undefined clears it ("All roles"); a key left out stays.
    const kept = await list.setParams({ query: 'a' });
    assert(kept.data.every((m) => m.role === 'org:admin'), 'the role filter stays when role is left out');
    const all = await list.setParams({ role: undefined, query: undefined });
    equal([all.totalCount, all.data.length], [8, 3], 'role and query cleared: every member');
    const none = await list.setParams({ query: 'nobody-by-that-name' });
    equal([none.totalCount, none.data.length, none.pageCount, none.hasNextPage], [0, 0, 0, false], 'no match');
  },

  async 'infinite: fetchNext appends pages to data; revalidate fetches every loaded page'() {
    const org = await acme();
    const list = org.membershipList({ pageSize: 3, infinite: true });
    await settled(list);
    equal((await list.fetchNext()).data.length, 6, 'two pages');
    const all = await list.fetchNext();
    equal([all.data.length, all.page, all.hasNextPage, all.hasPreviousPage], [8, 3, false, false], 'all three pages');
    equal(new Set(all.data.map((m) => m.id)).size, 8, 'no member twice');
    equal((await list.fetchPrevious()).data.length, 8, 'fetchPrevious does nothing in an infinite list');
    await control('requests', undefined, 'DELETE');
    equal((await list.revalidate()).data.length, 8, 'revalidated');
    equal((await listRequests()).map((r) => r.query.find(([k]) => k === 'offset')[1]), ['0', '3', '6'], 'each loaded page again');
  },

  async 'a race of quick setParams calls: the newest wins, older answers never overwrite it, superseded fetches are cancelled'() {
    const org = await acme();
    const list = org.membershipList({ pageSize: 10 });
    await settled(list);
    // The first search answers late: it must not overwrite the second.
    await control('faults', { method: 'GET', path: `/v1/organizations/${ACME}/memberships`, delay_ms: 600 });
    const slow = list.setParams({ query: 'ritchie' });
    const fast = list.setParams({ query: 'turing' });
    const [late, newest] = await Promise.all([slow, fast]);
    equal(names(newest), ['Alan'], 'the newest search');
    equal(names(list.getSnapshot()), ['Alan'], 'after both answered');
    assert(Object.isFrozen(late) && 'data' in late, 'the superseded fetch resolved, to a snapshot');
    for (let i = 0; i < 20; i++) void list.setParams({ query: ['a', 'e', 'turing', 'o'][i % 4] });
    const final = await list.setParams({ query: 'ritchie' });
    equal(names(final), ['Dennis'], 'after a burst of 21 searches');
    await new Promise((done) => setTimeout(done, 700));
    equal(names(list.getSnapshot()), ['Dennis'], 'still, once every answer is in');
  },

  async 'an update seen by a listener: a new snapshot where that row is a new object showing the new role'() {
    const org = await acme();
    const list = org.membershipList({ pageSize: 10 });
    const before = await settled(list);
    const index = before.data.findIndex((m) => m.publicUserData.userId === ALAN);
    const alan = before.data[index];
    const seen = [];
    const unsubscribe = list.subscribe(() => seen.push(list.getSnapshot()));
    const updated = await alan.update({ role: 'org:billing' });
    assert(updated === alan, 'update() still resolves to the instance itself');
    assert(seen.length >= 1, 'the listener was told');
    const after = list.getSnapshot();
    assert(after !== before && after.data !== before.data, 'a new snapshot, a new data array');
    assert(after.data[index] !== alan, 'the row is a new object (memoized rows re-render)');
    equal([after.data[index].role, after.data[index].id], ['org:billing', alan.id], 'it shows the new role');
    assert(after.data[index === 0 ? 1 : 0] === before.data[index === 0 ? 1 : 0], 'other rows keep their identity');
    // Through the row itself, too.
    await after.data[index].update({ role: 'org:member' });
    equal(list.getSnapshot().data[index].role, 'org:member', 'an update of the row');
    unsubscribe();
    const count = seen.length;
    await list.getSnapshot().data[index].update({ role: 'org:billing' });
    equal(seen.length, count, 'an unsubscribed listener hears nothing');
  },

  async 'a removal seen by a listener: the row goes, totalCount drops, the page refills'() {
    const org = await acme();
    const list = org.membershipList({ pageSize: 3 });
    const before = await settled(list);
    const seen = [];
    list.subscribe(() => seen.push(list.getSnapshot()));
    // Page 1 is Ada, Grace and Alan (by when they joined); Katherine is first on page 2.
    const doomed = before.data.find((m) => m.publicUserData.userId === ALAN);
    await doomed.destroy();
    const removed = seen.find((s) => s.data.length === 2);
    assert(removed, 'a snapshot without the row');
    equal(removed.totalCount, 7, 'totalCount lowered at once');
    assert(!removed.data.some((m) => m.id === doomed.id), 'the row is gone');
    const refilled = await settled(list);
    equal([names(refilled), refilled.totalCount], [['Ada', 'Grace', 'Katherine'], 7], 'refilled from the next page');
    assert(!refilled.data.some((m) => m.id === doomed.id), 'not back');
  },

  async 'errors keep the last good snapshot, with error set; the next good fetch clears it'() {
    const org = await acme();
    const list = org.membershipList({ pageSize: 3 });
    const good = await settled(list);
    await control('faults', { method: 'GET', path: `/v1/organizations/${ACME}/memberships`, status: 500, body: '{"errors":[{"code":"internal_clerk_error","message":"boom"}]}' });
    const failed = await list.fetchNext();
    assert(failed.error instanceof ClerkAPIResponseError, 'error is the ClerkAPIResponseError');
    equal([failed.error.status, failed.page, failed.isFetching, failed.data.map((m) => m.id)], [500, 1, false, good.data.map((m) => m.id)], 'the last good rows stay');
    const recovered = await list.fetchNext();
    equal([recovered.error, recovered.page], [null, 2], 'recovered');
    // A first load that fails: no rows, not loading, the error (params no list of this client has cached).
    // More drops than tries: Chromium itself retries a GET once when a reused connection closes unanswered.
    await control('faults', { method: 'GET', path: `/v1/organizations/${ACME}/memberships`, drop: true, count: 30 });
    const broken = org.membershipList({ pageSize: 3, query: 'a' });
    const state = await until(broken, (s) => s.error !== null, 'the error', 15000);
    equal([state.isLoading, state.isFetching, state.data.length, state.error.code], [false, false, 0, 'network_error'], 'a failed first load');
    await control('faults', undefined, 'DELETE');
    equal((await broken.revalidate()).data.length, 3, 'revalidate after the fault');
    // An abort of the caller's own signal is not an error.
    await control('faults', { method: 'GET', path: `/v1/organizations/${ACME}/memberships`, delay_ms: 500 });
    const controller = new AbortController();
    const aborted = list.fetchPage(3, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const after = await aborted;
    equal([after.error, after.isFetching, after.page], [null, false, 2], 'aborted: the last state stands');
  },

  async 'methods work detached, as React calls them; a throwing listener does not stop the others'() {
    const org = await acme();
    const { subscribe, getSnapshot, fetchNext } = org.membershipList({ pageSize: 3 });
    let told = 0;
    const reported = new Promise((resolve) => window.addEventListener('error', (e) => { if (/on purpose/.test(e.message)) resolve(e.message); }));
    subscribe(() => { throw new Error('a listener bug (on purpose)'); });
    const unsubscribe = subscribe(() => { told += 1; });
    await new Promise((resolve) => { const stop = subscribe(() => { if (!getSnapshot().isFetching) { stop(); resolve(); } }); });
    assert(told > 0 && getSnapshot().data.length === 3, 'detached subscribe and getSnapshot');
    equal((await fetchNext()).page, 2, 'detached fetchNext');
    assert(/a listener bug/.test(await reported), 'the throwing listener was reported, as an event listener\'s error is');
    unsubscribe();
    unsubscribe();
  },
};

await runChecks(checks);
