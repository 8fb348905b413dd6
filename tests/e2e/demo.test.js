// The demo page (www/, with clerk-membership npm-installed from pkg/) served by the Frontend API
// emulator, driven in headless Chromium the way a person uses it. Screenshots go to tests/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, root, startEmulator } from '../package/harness.js';

const ACME = 'org_2aAcmeRockets7Qm4Xk9ZpT1';
const GLOBEX = 'org_2bGlobexLabs3Vn8Rw2YhL5';
const artifacts = join(root, 'tests/artifacts');
// The emulator's control API takes JSON only (emulator/README.md, Security).
const json = { 'content-type': 'application/json' };
mkdirSync(artifacts, { recursive: true });

let emulator;
let browser;
let page;
const consoleErrors = [];

before(async () => {
  [emulator, browser] = await Promise.all([startEmulator('--static', join(root, 'www')), launchChromium()]);
});
after(async () => {
  await browser?.close();
  emulator?.stop();
});

/** A fresh emulator state and a freshly loaded page, signed in as Ada (the default). */
async function open({ width = 1280, height = 820, ready = true } = {}) {
  await page?.close();
  await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST', body: '{}', headers: json });
  page = await browser.newPage({ viewport: { width, height } });
  page.on('console', (msg) => {
    // A refused call (the last-admin test's 400) logs the browser's own line; the page shows that error itself.
    const refused = msg.text().startsWith('Failed to load resource: the server responded with a status of 400');
    if (msg.type() === 'error' && !refused) consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  await page.goto(emulator.url);
  if (ready) await page.waitForFunction(() => window.demoReady === true, null, { timeout: 30_000 });
}

/** What the emulator holds: `user_id → role` in `org`. */
async function rolesIn(org) {
  const state = await (await fetch(`${emulator.url}/__emulator/state`)).json();
  return Object.fromEntries(state.memberships
    .filter((m) => m.organization.id === org)
    .map((m) => [m.public_user_data.user_id, m.role]));
}

const rows = () => page.locator('#members tbody tr[data-user-id]');
const roleSelect = (name) => page.getByLabel(`Role of ${name}`, { exact: true });
const saveRole = (name) => page.getByRole('button', { name: `Save the role of ${name}`, exact: true }).click();
const requestCount = async () => (await (await fetch(`${emulator.url}/__emulator/requests`)).json()).length;
const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

test('the seeded members appear, five to a page', async () => {
  await open();
  await page.getByText('8 members of Acme Rockets.').waitFor();
  assert.equal(await rows().count(), 5);
  assert.deepEqual(await page.locator('#members tbody tr td:first-child').allInnerTexts(),
    ['AL\nAda Lovelace\n(you)', 'GH\nGrace Hopper', 'AT\nAlan Turing', 'KJ\nKatherine Johnson', 'L\nLinus']);
  assert.equal(await page.locator('#page').innerText(), 'Page 1 of 2');
  await shot('members');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Page 2 of 2').waitFor();
  assert.equal(await rows().count(), 3);
});

test('changing a role persists in the emulator and survives a reload', async () => {
  await open();
  await roleSelect('Alan Turing').selectOption('org:billing');
  assert.equal((await rolesIn(ACME)).user_2aAlanTuring6nXr3Yu, 'org:member', 'picking a role does not save it');
  await saveRole('Alan Turing');
  await page.getByText('Alan Turing is now Billing manager.').waitFor();
  assert.equal((await rolesIn(ACME)).user_2aAlanTuring6nXr3Yu, 'org:billing');
  await page.reload();
  await page.waitForFunction(() => window.demoReady === true);
  assert.equal(await roleSelect('Alan Turing').inputValue(), 'org:billing');
});

test('searching and removing a member, with a confirmation', async () => {
  await open();
  await page.getByLabel('Search').fill('ritchie');
  await page.getByText('1 member of Acme Rockets matching “ritchie”.').waitFor();
  await page.getByRole('button', { name: 'Remove Dennis Ritchie' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove member?' });
  await dialog.waitFor();
  await shot('remove-confirmation');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await rolesIn(ACME)).user_2aDennisRitchie5sAe, 'org:member', 'cancel keeps the member');
  await page.getByRole('button', { name: 'Remove Dennis Ritchie' }).click();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await page.getByText('Dennis Ritchie was removed.').waitFor();
  assert.equal((await rolesIn(ACME)).user_2aDennisRitchie5sAe, undefined);
  assert.equal(await rows().count(), 0);
  // An empty search says so, with a way back.
  await page.getByText('No members match “ritchie”.').waitFor();
  await shot('no-match');
  await page.getByRole('button', { name: 'Clear the search' }).click();
  await page.getByText('7 members of Acme Rockets.').waitFor();
  assert.equal(await rows().count(), 5);
  assert.equal(await page.getByLabel('Search').inputValue(), '');
});

test('while the first page loads, placeholder rows show where the members will be', async () => {
  await open();
  await page.getByText('8 members of Acme Rockets.').waitFor();
  // The next members list answers late.
  await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', headers: json, body: JSON.stringify({
    method: 'GET', path: `/v1/organizations/${ACME}/memberships`, delay_ms: 1500 }) });
  await page.getByLabel('Signed in as').selectOption({ label: 'Grace Hopper' });
  await page.locator('#members tbody tr.placeholder').first().waitFor();
  assert.equal(await page.locator('#members tbody tr.placeholder').count(), 5);
  assert.equal(await page.locator('#members').getAttribute('aria-busy'), 'true');
  assert.match(await page.locator('#status').innerText(), /Loading members of Acme Rockets/);
  await shot('loading');
  await page.getByText('8 members of Acme Rockets.').waitFor();
  assert.equal(await page.locator('#members tbody tr.placeholder').count(), 0);
  assert.equal(await rows().count(), 5);
});

for (const [width, height] of [[1280, 820], [390, 844]]) {
  test(`at ${width} px wide it reads without sideways scrolling (screenshot members-${width}.png)`, async () => {
    await open({ width, height });
    await page.getByText('8 members of Acme Rockets.').waitFor();
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(scroll <= client, `the page is ${scroll} px wide in a ${client} px window`);
    for (const box of await page.locator('#members tbody tr[data-user-id]').evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().right))) {
      assert.ok(box <= width, `a row ends at ${box} px`);
    }
    // Every control of a row can be reached on a phone too.
    await roleSelect('Alan Turing').selectOption('org:billing');
    await saveRole('Alan Turing');
    await page.getByText('Alan Turing is now Billing manager.').waitFor();
    await shot(`members-${width}`);
  });
}

test('demoting the last admin shows Clerk’s message and code, and the role stays', async () => {
  await open();
  await page.getByLabel('Signed in as').selectOption({ label: 'Hedy Lamarr' });
  await page.getByText('4 members of Globex Labs.').waitFor();
  await roleSelect('Hedy Lamarr').selectOption('org:member');
  await saveRole('Hedy Lamarr');
  const alert = page.getByRole('alert');
  await alert.getByText('organization_minimum_permissions_needed').waitFor();
  assert.match(await alert.innerText(), /There has to be at least one organization member with the minimum required permissions/);
  assert.equal(await roleSelect('Hedy Lamarr').inputValue(), 'org:admin');
  assert.equal((await rolesIn(GLOBEX)).user_2bHedyLamarr2uCg9Eh, 'org:admin');
  await shot('last-admin-error');
});

test('a read-only member sees disabled controls and why', async () => {
  await open();
  await page.getByLabel('Signed in as').selectOption({ label: 'Alan Turing' });
  const notice = page.locator('#permission');
  await notice.getByText('org:sys_memberships:manage').waitFor();
  assert.match(await notice.innerText(), /You are Member of Acme Rockets/);
  await rows().nth(4).waitFor(); // the table is emptied when the user changes, then refilled
  for (const control of await page.locator('#members tbody select, #members tbody button').all()) {
    assert.equal(await control.isDisabled(), true);
  }
  await shot('read-only');
});

test('keyboard: a role can be picked and saved without a mouse', async () => {
  await open();
  const select = roleSelect('Katherine Johnson');
  const keys = await select.locator('option').evaluateAll((options) => options.map((o) => o.value));
  const next = keys[keys.indexOf('org:billing') + 1];
  await select.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Save the role of Katherine Johnson');
  await page.keyboard.press('Enter');
  await page.getByText(/Katherine Johnson is now /).waitFor();
  assert.equal((await rolesIn(ACME)).user_2aKatherineJohnson1p, next);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Role of Katherine Johnson');
});

test('switching users quickly never mixes one user’s organizations with another’s', async () => {
  await open();
  const signIn = page.getByLabel('Signed in as');
  await signIn.selectOption({ label: 'Hedy Lamarr' });
  await signIn.selectOption({ label: 'Alan Turing' });
  await signIn.selectOption({ label: 'Hedy Lamarr' });
  await page.getByText('4 members of Globex Labs.').waitFor();
  await page.waitForTimeout(500); // let any older answer arrive: it must be dropped
  assert.deepEqual(await page.locator('#org option').allInnerTexts(), ['Globex Labs (Admin)']);
  assert.equal(await page.getByText('4 members of Globex Labs.').count(), 1);
});

test('a bad publishable key in the settings is refused before any request', async () => {
  await open();
  const before = await requestCount();
  await page.getByText('Settings').click();
  await page.getByLabel('Publishable key').fill('pk_live_invalid');
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('alert').getByText('invalid_publishable_key').waitFor();
  assert.equal(await requestCount(), before, 'no request was made');
  // One consistent state: no rows, and no stale "8 members" line over them.
  assert.equal(await rows().count(), 0, 'the emulator’s rows are gone');
  assert.match(await page.locator('#members tbody').innerText(), /Not connected/, 'the table says why it is empty');
  assert.equal(await page.locator('#count').innerText(), '', 'no stale count');
  assert.equal(await page.locator('#org option').count(), 0, 'no stale organizations');
  assert.equal(await page.locator('#page').innerText(), '', 'no stale page');
  await page.waitForTimeout(300); // an answer to the old connection must not bring anything back
  assert.equal(await rows().count(), 0);
  await shot('bad-key');
});

test('the page logged no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
