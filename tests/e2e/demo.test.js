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
    // A refused call (the last-admin test's 400, the malformed address's 422) logs the browser's own line;
    // the page shows that error itself.
    const refused = /^Failed to load resource: the server responded with a status of (400|422) /.test(msg.text());
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

// The Invitations and Requests tabs (issue 20).

/** What the emulator holds: `email → [status, role]` of `org`'s invitations. */
async function invitationsIn(org) {
  const state = await (await fetch(`${emulator.url}/__emulator/state`)).json();
  return Object.fromEntries(state.invitations
    .filter((i) => i.organization_id === org)
    .map((i) => [i.email_address, [i.status, i.role]]));
}

/** What the emulator holds: `user_id → status` of the requests to join `org`. */
async function requestsIn(org) {
  const state = await (await fetch(`${emulator.url}/__emulator/state`)).json();
  return Object.fromEntries(state.membership_requests
    .filter((r) => r.organization_id === org)
    .map((r) => [r.public_user_data.user_id, r.status]));
}

/** The requests the emulator received since the log was last cleared: `METHOD path` each. */
async function received() {
  return (await (await fetch(`${emulator.url}/__emulator/requests`)).json()).map((r) => `${r.method} ${r.path}`);
}
const clearReceived = () => fetch(`${emulator.url}/__emulator/requests`, { method: 'DELETE', headers: json });

const tab = (name) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
const invitationRows = () => page.locator('#invitations tbody tr[data-id]');
const invitationEmails = () => page.locator('#invitations tbody tr[data-id] td:first-child').allInnerTexts();
const requestRows = () => page.locator('#requests tbody tr[data-user-id]');
const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id);

/** Opens the Invitations tab (signed in as Ada, Acme's admin) once Tim's seeded invitation shows. */
async function openInvitations(options) {
  await open(options);
  await tab('Invitations').click();
  await page.getByText('1 pending invitation to Acme Rockets.').waitFor();
}

test('invitations: inviting one address lists it, and the tab’s pending count follows', async () => {
  await openInvitations();
  await page.getByRole('tab', { name: 'Invitations, 1 pending' }).waitFor();
  assert.deepEqual(await invitationEmails(), ['tim@example.test']);
  await page.getByLabel('Email addresses').fill('hopper@navy.test');
  await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Billing manager' });
  await page.getByRole('button', { name: 'Send invitation', exact: true }).click();
  await page.getByText('Invited hopper@navy.test as Billing manager.').waitFor();
  await page.getByText('2 pending invitations to Acme Rockets.').waitFor();
  assert.deepEqual(await invitationEmails(), ['hopper@navy.test', 'tim@example.test'], 'newest first');
  assert.deepEqual(await invitationRows().first().locator('td').allInnerTexts().then((cells) => cells.slice(0, 3)),
    ['hopper@navy.test', 'Billing manager', 'Pending']);
  await page.getByRole('tab', { name: 'Invitations, 2 pending' }).waitFor();
  assert.deepEqual((await invitationsIn(ACME))['hopper@navy.test'], ['pending', 'org:billing']);
  assert.equal(await page.getByLabel('Email addresses').inputValue(), '', 'the field is emptied for the next one');
  assert.equal(await focused(), 'invite-addresses', 'and has the focus');
});

test('invitations: several addresses, separated by commas, spaces and new lines, go out in one request', async () => {
  await openInvitations();
  await page.getByLabel('Email addresses').fill('a@one.test, b@two.test\nc@three.test  d@four.test,');
  const send = page.getByRole('button', { name: 'Send 4 invitations' });
  await clearReceived();
  await send.click();
  await page.getByText('Invited a@one.test, b@two.test, c@three.test, d@four.test as Member.').waitFor();
  await page.getByText('5 pending invitations to Acme Rockets.').waitFor();
  const invites = (await received()).filter((r) => r.startsWith('POST'));
  assert.deepEqual(invites, [`POST /v1/organizations/${ACME}/invitations/bulk`], 'one bulk request');
  assert.deepEqual((await invitationEmails()).sort(), ['a@one.test', 'b@two.test', 'c@three.test', 'd@four.test', 'tim@example.test']);
  await page.getByRole('tab', { name: 'Invitations, 5 pending' }).waitFor();
  for (const address of ['a@one.test', 'b@two.test', 'c@three.test', 'd@four.test']) {
    assert.deepEqual((await invitationsIn(ACME))[address], ['pending', 'org:member'], address);
  }
});

test('invitations: a malformed address shows Clerk’s message and code, and what was typed stays', async () => {
  await openInvitations();
  await page.getByLabel('Email addresses').fill('grace at navy');
  await page.getByRole('button', { name: 'Send 3 invitations' }).click();
  const alert = page.getByRole('alert');
  await alert.getByText('form_param_format_invalid').waitFor();
  assert.match(await alert.innerText(), /The following email addresses are invalid: grace, at, navy/);
  await page.getByLabel('Email addresses').fill('grace.navy');
  await page.getByRole('button', { name: 'Send invitation', exact: true }).click();
  await page.waitForFunction(() => /must be a valid email address/.test(document.querySelector('[role="alert"]').textContent));
  assert.match(await alert.innerText(), /form_param_format_invalid/);
  assert.equal(await page.getByLabel('Email addresses').inputValue(), 'grace.navy', 'to be corrected');
  assert.equal(await focused(), 'invite-addresses');
  assert.deepEqual(Object.keys(await invitationsIn(ACME)).sort(), ['barbara@acme.test', 'charles@babbage.test', 'tim@example.test'], 'nothing was invited');
  assert.deepEqual(await invitationEmails(), ['tim@example.test']);
  await page.getByRole('tab', { name: 'Invitations, 1 pending' }).waitFor();
  await shot('invitations-error');
});

test('invitations: revoking one takes it off the pending list, the count follows, and All shows it revoked', async () => {
  await openInvitations();
  await page.getByRole('button', { name: 'Revoke the invitation of tim@example.test' }).click();
  await page.getByText('The invitation of tim@example.test was revoked.').waitFor();
  await page.getByText('0 pending invitations to Acme Rockets.').waitFor();
  assert.equal(await invitationRows().count(), 0);
  assert.match(await page.locator('#invitations tbody').innerText(), /No pending invitations/);
  assert.equal(await page.getByRole('tab', { name: 'Invitations', exact: true }).count(), 1, 'no count on the tab');
  assert.equal(await focused(), 'panel-invitations', 'the focus is not lost with the button');
  assert.deepEqual((await invitationsIn(ACME))['tim@example.test'], ['revoked', 'org:member']);
  await page.getByRole('radio', { name: 'All' }).check();
  await page.getByText('3 invitations to Acme Rockets, of any status.').waitFor();
  const tim = invitationRows().filter({ hasText: 'tim@example.test' });
  assert.match(await tim.innerText(), /Revoked/);
  assert.equal(await tim.getByRole('button').count(), 0, 'a revoked invitation has nothing left to revoke');
});

test('requests: accepting one makes the person a member, shown in the Members tab', async () => {
  await open();
  await tab('Requests').click();
  await page.getByText('2 pending requests to join Acme Rockets.').waitFor();
  await page.getByRole('button', { name: 'Accept the request of Claude Shannon' }).click();
  await page.getByText('Claude Shannon is now a member of Acme Rockets.').waitFor();
  await page.getByText('1 pending request to join Acme Rockets.').waitFor();
  assert.deepEqual(await requestRows().locator('td:first-child').allInnerTexts(), ['ED\nEdsger Dijkstra']);
  assert.equal(await focused(), 'Accept the request of Edsger Dijkstra', 'the focus goes to the next request');
  assert.equal((await requestsIn(ACME)).user_2bClaudeShannon4vDi, 'accepted');
  assert.equal((await rolesIn(ACME)).user_2bClaudeShannon4vDi, 'org:member');
  // The members list fetched again by itself: no reload, no search needed to see the count.
  await tab('Members').click();
  await page.getByText('9 members of Acme Rockets.').waitFor();
  await page.getByLabel('Search').fill('shannon');
  await page.getByText('1 member of Acme Rockets matching “shannon”.').waitFor();
  assert.equal(await roleSelect('Claude Shannon').inputValue(), 'org:member');
});

test('requests: rejecting one takes it off the list, and the person does not join', async () => {
  await open();
  await tab('Requests').click();
  await page.getByText('2 pending requests to join Acme Rockets.').waitFor();
  await page.getByRole('button', { name: 'Reject the request of Edsger Dijkstra' }).click();
  await page.getByText('The request of Edsger Dijkstra was rejected.').waitFor();
  await page.getByText('1 pending request to join Acme Rockets.').waitFor();
  assert.deepEqual(await requestRows().locator('td:first-child').allInnerTexts(), ['CS\nClaude Shannon']);
  assert.equal((await requestsIn(ACME)).user_2cEdsgerDijkstra7aJn, 'rejected');
  assert.equal((await rolesIn(ACME)).user_2cEdsgerDijkstra7aJn, undefined, 'not a member');
  await tab('Members').click();
  await page.getByText('8 members of Acme Rockets.').waitFor();
});

test('a member without the manage permission sees the new tabs’ controls disabled and why; nothing is fetched', async () => {
  await open();
  await tab('Invitations').click();
  await page.getByText('1 pending invitation to Acme Rockets.').waitFor();
  await clearReceived();
  await page.getByLabel('Signed in as').selectOption({ label: 'Alan Turing' });
  const notice = page.locator('#invitations-permission');
  await notice.getByText('org:sys_memberships:manage').waitFor();
  assert.match(await notice.innerText(), /You are Member of Acme Rockets: seeing, sending and revoking invitations needs/);
  for (const control of [page.getByLabel('Email addresses'), page.getByLabel('Role', { exact: true }),
    page.getByRole('button', { name: /^Send/ }), page.getByRole('radio', { name: 'Pending' }), page.getByRole('radio', { name: 'All' })]) {
    assert.equal(await control.isDisabled(), true);
  }
  assert.match(await page.getByLabel('Email addresses').getAttribute('aria-describedby'), /invitations-permission/);
  assert.match(await page.locator('#invitations tbody').innerText(), /listed for members who may manage members only/);
  assert.equal(await page.getByRole('tab', { name: 'Invitations', exact: true }).count(), 1, 'no pending count');
  await shot('read-only-invitations');
  await tab('Requests').click();
  const why = page.locator('#requests-permission');
  await why.waitFor();
  assert.match(await why.innerText(), /You are Member of Acme Rockets: seeing, accepting and rejecting requests to join needs the org:sys_memberships:manage permission/);
  assert.equal(await requestRows().count(), 0);
  assert.equal(await page.locator('#requests tbody button').count(), 0, 'nothing to accept or reject');
  await page.waitForTimeout(300); // anything the page would fetch for the tabs has been asked by now
  const asked = (await received()).filter((r) => /\/(invitations|membership_requests)$/.test(r));
  assert.deepEqual(asked, [], 'no list was fetched for a member who may not see it (no 403 on screen)');
  assert.equal(await page.getByRole('alert').isVisible(), false, 'no error');
});

test('switching users while the invitations load never shows one user’s invitations to another', async () => {
  await open();
  await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', headers: json, body: JSON.stringify({
    method: 'GET', path: `/v1/organizations/${ACME}/invitations`, delay_ms: 800 }) });
  await tab('Invitations').click();
  await page.locator('#invitations tbody tr.placeholder').first().waitFor();
  await page.getByLabel('Signed in as').selectOption({ label: 'Alan Turing' });
  await page.locator('#invitations-permission').getByText('org:sys_memberships:manage').waitFor();
  await page.waitForTimeout(1200); // Ada's answer arrives meanwhile: it must be dropped
  assert.equal(await invitationRows().count(), 0, 'Ada’s invitations never show for Alan');
  assert.equal(await page.locator('#invitations-count').innerText(), '');
  assert.equal(await page.getByRole('tab', { name: 'Invitations', exact: true }).count(), 1);
});

test('keyboard: arrows, Home and End move between the tabs; an invitation is sent without a mouse', async () => {
  await open();
  await page.getByText('8 members of Acme Rockets.').waitFor();
  await page.getByLabel('Organization').focus();
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'tab-members', 'Tab reaches the selected tab');
  const selected = () => page.evaluate(() => [document.activeElement.id,
    document.querySelector('[role="tab"][aria-selected="true"]').id,
    [...document.querySelectorAll('[role="tabpanel"]')].filter((p) => !p.hidden).map((p) => p.id).join()]);
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await selected(), ['tab-invitations', 'tab-invitations', 'panel-invitations']);
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await selected(), ['tab-requests', 'tab-requests', 'panel-requests']);
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await selected(), ['tab-members', 'tab-members', 'panel-members'], 'wraps around');
  await page.keyboard.press('ArrowLeft');
  assert.deepEqual(await selected(), ['tab-requests', 'tab-requests', 'panel-requests'], 'and back');
  await page.keyboard.press('Home');
  assert.deepEqual(await selected(), ['tab-members', 'tab-members', 'panel-members']);
  await page.keyboard.press('End');
  assert.deepEqual(await selected(), ['tab-requests', 'tab-requests', 'panel-requests']);
  await page.keyboard.press('ArrowLeft');
  await page.getByText('1 pending invitation to Acme Rockets.').waitFor();
  // One tab stop for the tablist: Tab leaves it for the panel, then its form.
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'panel-invitations');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'invite-addresses');
  await page.keyboard.type('keys@board.test');
  await page.keyboard.press('Tab'); // the role picker: Member
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Send invitation');
  await page.keyboard.press('Enter');
  await page.getByText('Invited keys@board.test as Member.').waitFor();
  await page.getByRole('tab', { name: 'Invitations, 2 pending' }).waitFor();
  assert.equal(await focused(), 'invite-addresses');
  assert.deepEqual((await invitationsIn(ACME))['keys@board.test'], ['pending', 'org:member']);
});

for (const [width, height] of [[1280, 820], [390, 844]]) {
  test(`at ${width} px wide the Invitations and Requests tabs read without sideways scrolling (invitations-${width}.png, requests-${width}.png)`, async () => {
    await openInvitations({ width, height });
    // Every control can be reached and used on a phone too.
    await page.getByLabel('Email addresses').fill('ada@analytical.test babbage@analytical.test');
    await page.getByRole('button', { name: 'Send 2 invitations' }).click();
    await page.getByText('3 pending invitations to Acme Rockets.').waitFor();
    const fits = async (rows) => {
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      assert.ok(scroll <= client, `the page is ${scroll} px wide in a ${client} px window`);
      for (const right of await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().right))) {
        assert.ok(right <= width, `a row ends at ${right} px`);
      }
    };
    await fits(invitationRows());
    await shot(`invitations-${width}`);
    await tab('Requests').click();
    await page.getByText('2 pending requests to join Acme Rockets.').waitFor();
    await fits(requestRows());
    await shot(`requests-${width}`);
    await page.getByRole('button', { name: 'Accept the request of Edsger Dijkstra' }).click();
    await page.getByText('Edsger Dijkstra is now a member of Acme Rockets.').waitFor();
  });
}

test('the page logged no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
