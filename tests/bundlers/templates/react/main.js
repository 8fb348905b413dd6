// A small React 19 app on organization.membershipList(): useSyncExternalStore with the list's methods
// passed detached, rows memoized with React.memo, everything under <StrictMode> (double effects in
// development). Its checks show that a memoized row re-renders after an update, and only that row.
import init, { FrontendApi, OrganizationMembership } from 'clerk-membership';
import { StrictMode, createElement as h, memo, useState, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { runChecks } from './run-checks.js';

await init();
const emulator = new URL(new URLSearchParams(location.search).get('api'));
const ACME = 'org_2aAcmeRockets7Qm4Xk9ZpT1';
const ALAN = 'user_2aAlanTuring6nXr3Yu';
const control = async (path, body) => (await fetch(new URL(`/__emulator/${path}`, emulator), { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })).json();
await control('reset', {});
const { token } = await control('sign_in', { user_id: 'user_2aAdaLovelace9fKq1Zr' });
const api = new FrontendApi({ publishableKey: 'pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk', proxyUrl: `${emulator.origin}/`, devBrowserJwt: token });
const acme = (await OrganizationMembership.retrieve(api)).data.find((m) => m.organization.id === ACME).organization;

const renders = new Map(); // user id → how often its row rendered
let subscriptions = 0;
const Row = memo(function Row({ membership }) {
  const id = membership.publicUserData.userId;
  renders.set(id, (renders.get(id) ?? 0) + 1);
  return h('li', { 'data-user': id }, `${membership.publicUserData.firstName}: ${membership.roleName}`);
});

function Members({ organization }) {
  const [list] = useState(() => organization.membershipList({ pageSize: 20 }));
  // Detached, as React takes them; counted, to see StrictMode subscribe, unsubscribe, subscribe.
  const subscribe = (listener) => {
    subscriptions += 1;
    const unsubscribe = list.subscribe(listener);
    return () => { subscriptions -= 1; unsubscribe(); };
  };
  const { data, isLoading } = useSyncExternalStore(subscribe, list.getSnapshot);
  if (isLoading) return h('p', { id: 'loading' }, 'Loading…');
  return h('ul', { id: 'members' }, data.map((m) => h(Row, { key: m.id, membership: m })));
}

createRoot(document.getElementById('root')).render(h(StrictMode, null, h(Members, { organization: acme })));

const items = () => [...document.querySelectorAll('#members li')];
const text = (id) => document.querySelector(`#members li[data-user="${id}"]`)?.textContent;
async function until(ready, what) {
  for (let i = 0; i < 200; i++) {
    if (ready()) return;
    await new Promise((done) => setTimeout(done, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}
function equal(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

await runChecks({
  async 'the members render from the list, under StrictMode'() {
    await until(() => items().length === 8, 'eight rows');
    equal(text(ALAN), 'Alan: Member', 'Alan’s row');
    equal(subscriptions, 1, 'one live subscription after StrictMode’s double effects');
  },
  async 'after an update, the memoized row re-renders with the new role, and only that row'() {
    const before = new Map(renders);
    // The update is made on another instance of the membership (not the row's own object).
    const alan = (await acme.getMemberships({ query: 'turing' })).data[0];
    await alan.update({ role: 'org:billing' });
    await until(() => text(ALAN) === 'Alan: Billing manager', 'Alan’s row to show the new role');
    if (!(renders.get(ALAN) > before.get(ALAN))) throw new Error('Alan’s memoized row did not re-render');
    for (const [id, count] of before) if (id !== ALAN && renders.get(id) !== count) throw new Error(`${id}'s row re-rendered too`);
  },
  async 'a removal: the row goes, and nothing else is lost'() {
    const row = (await acme.getMemberships({ query: 'ritchie' })).data[0];
    await row.destroy();
    await until(() => items().length === 7 && text(row.publicUserData.userId) === undefined, 'the row to go');
    equal(text(ALAN), 'Alan: Billing manager', 'Alan’s row still shows the update');
  },
});
