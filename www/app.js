// The members admin page: everything it knows about Clerk comes from clerk-membership, installed from
// ../pkg like any npm package. By default it talks to the Frontend API emulator that serves it.
import init, { FrontendApi, OrganizationMembership } from 'clerk-membership';

await init();

const $ = (selector) => document.querySelector(selector);
const PAGE_SIZE = 5;
const MANAGE = 'org:sys_memberships:manage';
// Any development key: the emulator serves the page, so requests go to this origin through proxyUrl.
const EMULATOR_KEY = 'pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk';
const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

const state = {
  tab: 'members', // the tab shown: members, invitations or requests
  api: null,
  mine: [], // the signed-in user's memberships
  current: null, // the membership of the selected organization
  roles: [],
  list: null, // the live MembershipList of the selected organization
  shown: null, // the snapshot on screen
  query: '',
};

// Every navigation (connecting, picking an organization, a page, a search) takes a ticket; an answer
// that comes back after a newer navigation started is dropped, so quick switching never mixes users.
let generation = 0;
const begin = () => ++generation;
const stale = (ticket) => ticket !== generation;

function show(error) {
  const box = $('#error');
  if (!error) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  // Clerk's long message, and the code to match on: errors[0].code for API errors, code otherwise.
  const code = error.errors?.[0]?.code ?? error.code ?? 'error';
  const codeEl = document.createElement('code');
  codeEl.textContent = code;
  box.replaceChildren(`${error.message} `, '(', codeEl, ')');
  box.hidden = false;
}

/** What just happened (an action, or loading); the count of members has its own line. */
function status(text) {
  $('#status').textContent = text;
}

function count(text) {
  $('#count').textContent = text;
}

/** Stops showing an organization: its members, invitations and requests, and why controls are disabled. */
function clearOrganization() {
  clearMembers();
  clearTabs();
  for (const notice of ['#permission', '#invitations-permission', '#requests-permission']) $(notice).hidden = true;
}

/** Stops showing an organization's members: its list stops, and nothing of it stays on screen. */
function clearMembers() {
  state.list?.free();
  state.list = null;
  state.shown = null;
  $('#members tbody').replaceChildren();
  $('#members').removeAttribute('aria-busy');
  $('#page').textContent = '';
  $('#prev').disabled = true;
  $('#next').disabled = true;
  status('');
  count('');
}

function nameOf(m) {
  const user = m.publicUserData;
  return [user?.firstName, user?.lastName].filter(Boolean).join(' ') || user?.identifier || m.id;
}

function initials(name) {
  return name.split(/[\s@.]+/).filter(Boolean).map((w) => w[0]).join('').slice(0, 2).toUpperCase();
}

/** A control endpoint of the emulator (only when the emulator serves this page). */
async function emulator(path, body) {
  const res = await fetch(`/__emulator/${path}`, {
    method: body ? 'POST' : 'GET', body: body && JSON.stringify(body),
    headers: body ? { 'content-type': 'application/json' } : {},
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error ?? `the emulator answered ${res.status}`);
  return json;
}

/** Signs in a seeded user of the emulator and connects as them. */
let signIns = 0;
async function signInAs(userId) {
  // Sign-in answers can come back out of order: only the last user picked connects.
  const mine = ++signIns;
  try {
    const { token, session_id: sessionId } = await emulator('sign_in', { user_id: userId });
    if (mine !== signIns) return;
    await connect(() => new FrontendApi({ publishableKey: EMULATOR_KEY, proxyUrl: location.origin, devBrowserJwt: token, sessionId }),
      `the local emulator (${location.host})`);
  } catch (error) {
    show(error);
  }
}

/** Drops everything shown for the previous connection, then connects with `makeApi()`. */
async function connect(makeApi, label) {
  const ticket = begin();
  show(null);
  clearOrganization();
  Object.assign(state, { api: null, mine: [], current: null, roles: [] });
  $('#org').replaceChildren();
  state.api = makeApi(); // throws for a bad configuration, before any request
  $('#backend').textContent = label ?? state.api.baseUrl;
  await loadMemberships(ticket);
}

async function loadMemberships(ticket) {
  try {
    status('Loading your organizations…');
    const { data } = await OrganizationMembership.retrieve(state.api, { pageSize: 50 });
    if (stale(ticket)) return;
    state.mine = data;
    const select = $('#org');
    const previous = state.current?.organization.id;
    select.replaceChildren(...data.map((m) => new Option(`${m.organization.name} (${m.roleName ?? m.role})`, m.organization.id)));
    if (data.some((m) => m.organization.id === previous)) select.value = previous;
    await selectOrganization(select.value, ticket);
  } catch (error) {
    if (stale(ticket)) return;
    show(error);
    status('');
  }
}

async function selectOrganization(orgId, ticket = begin()) {
  // The previous organization's (or user's) rows must not stay clickable while the new ones load.
  clearOrganization();
  state.current = state.mine.find((m) => m.organization.id === orgId) ?? null;
  state.roles = [];
  if (!state.current) {
    status('You are not a member of any organization.');
    return;
  }
  explainPermission();
  showPendingCount();
  // Invitations and requests are listed only for members who may manage them (as clerk-js's
  // <OrganizationProfile>): for the others the tab says why, and nothing is fetched.
  for (const view of Object.values(views)) {
    if (state.tab === view.id || !canManage()) void load(view);
  }
  // The live list of members: it pages, searches, and shows every change and removal by itself.
  // keepPreviousData: the rows stay (greyed by aria-busy) while another page or a search loads.
  const list = state.current.organization.membershipList({ pageSize: PAGE_SIZE, query: state.query || undefined, keepPreviousData: true });
  state.list = list;
  list.subscribe(() => { if (state.list === list) render(list.getSnapshot()); });
  render(list.getSnapshot());
  try {
    const roles = (await state.current.organization.getRoles({ pageSize: 100 })).data;
    if (stale(ticket)) return;
    state.roles = roles;
    fillInviteRoles();
    if (state.list === list) render(list.getSnapshot(), { force: true });
  } catch (error) {
    if (stale(ticket)) return;
    show(error);
  }
}

/** Shows a snapshot of the list: rows, a placeholder while loading, or why there are none. */
function render(snapshot, { force = false } = {}) {
  if (snapshot === state.shown && !force) return;
  const previous = state.shown;
  state.shown = snapshot;
  const org = state.current.organization;
  const table = $('#members');
  const body = $('#members tbody');
  // Rows are rebuilt: keep the focus on the control it was on (they are named by member).
  const focused = body.contains(document.activeElement) ? document.activeElement.getAttribute('aria-label') : null;
  if (snapshot.isFetching) table.setAttribute('aria-busy', 'true');
  else table.removeAttribute('aria-busy');
  if (snapshot.error && snapshot.error !== previous?.error) show(snapshot.error);
  if (previous?.isLoading && !snapshot.isLoading) status('');
  if (snapshot.isLoading) {
    body.replaceChildren(...Array.from({ length: PAGE_SIZE }, placeholder));
    status(`Loading members of ${org.name}…`);
  } else if (snapshot.data.length === 0 && !snapshot.error) {
    body.replaceChildren(empty());
  } else {
    body.replaceChildren(...snapshot.data.map((m) => row(m, snapshot.pendingIds.includes(m.id))));
  }
  if (snapshot.isLoading) {
    count('');
  } else if (!snapshot.error) {
    const n = snapshot.totalCount;
    count(`${n} member${n === 1 ? '' : 's'} of ${org.name}${state.query ? ` matching “${state.query}”` : ''}.`);
  }
  // The last row of the last page went away: show the page that now is the last.
  if (!snapshot.isFetching && snapshot.pageCount > 0 && snapshot.page > snapshot.pageCount) {
    void state.list.fetchPage(snapshot.pageCount);
  }
  $('#page').textContent = snapshot.pageCount > 0 ? `Page ${snapshot.page} of ${snapshot.pageCount}` : '';
  $('#prev').disabled = !snapshot.hasPreviousPage || snapshot.isFetching;
  $('#next').disabled = !snapshot.hasNextPage || snapshot.isFetching;
  if (focused) body.querySelector(`[aria-label="${CSS.escape(focused)}"]`)?.focus();
}

/** A row of grey bars where a member (or an invitation, a request) will be, while the first page loads. */
function placeholder(columns = 5) {
  const tr = document.createElement('tr');
  tr.className = 'placeholder';
  tr.setAttribute('aria-hidden', 'true');
  for (let i = 0; i < columns; i++) {
    const td = document.createElement('td');
    const bar = document.createElement('span');
    bar.className = 'bar';
    td.append(bar);
    tr.append(td);
  }
  return tr;
}

/** A row of the members table that is a message, not a member. */
function message(...content) {
  return messageRow(5, ...content);
}

/** A row of a table of `columns` columns that is a message, not an item. */
function messageRow(columns, ...content) {
  const tr = document.createElement('tr');
  tr.className = 'empty';
  const td = document.createElement('td');
  td.colSpan = columns;
  td.append(...content);
  tr.append(td);
  return tr;
}

/** The one row of an empty list: why, and a way back when a search found no one. */
function empty() {
  const tr = message();
  const td = tr.firstChild;
  if (state.query) {
    const clear = document.createElement('button');
    clear.type = 'button';
    clear.textContent = 'Clear the search';
    clear.addEventListener('click', () => { $('#search').value = ''; search(''); $('#search').focus(); });
    td.append(`No members match “${state.query}”. `, clear);
  } else {
    td.textContent = 'This organization has no members yet.';
  }
  return tr;
}

function search(query) {
  state.query = query;
  void state.list?.setParams({ query });
}

function row(m, busy = false) {
  const canManage = state.current.hasPermission(MANAGE);
  const me = state.current.publicUserData?.userId === m.publicUserData?.userId;
  const name = nameOf(m);
  const tr = document.createElement('tr');
  tr.dataset.userId = m.publicUserData?.userId ?? '';
  // A change or removal of this member is in flight (the list's pendingIds).
  if (busy) tr.setAttribute('aria-busy', 'true');

  const who = document.createElement('td');
  who.dataset.label = 'Member';
  const member = document.createElement('span');
  member.className = 'member';
  const avatar = document.createElement('span');
  avatar.className = 'avatar';
  avatar.setAttribute('aria-hidden', 'true');
  avatar.textContent = initials(name);
  const label = document.createElement('span');
  label.textContent = name;
  member.append(avatar, label);
  if (me) {
    const you = document.createElement('span');
    you.className = 'you';
    you.textContent = '(you)';
    member.append(you);
  }
  who.append(member);

  const identifier = document.createElement('td');
  identifier.dataset.label = 'Identifier';
  identifier.textContent = m.publicUserData?.identifier ?? '';

  // A role is picked, then saved with its button: changing a select never submits by itself (WCAG 3.2.2).
  const roleCell = document.createElement('td');
  roleCell.dataset.label = 'Role';
  const picker = document.createElement('span');
  picker.className = 'role-picker';
  const select = document.createElement('select');
  select.setAttribute('aria-label', `Role of ${name}`);
  const roles = state.roles.length ? state.roles : [{ key: m.role, name: m.roleName ?? m.role }];
  select.replaceChildren(...roles.map((r) => new Option(r.name, r.key)));
  if (!roles.some((r) => r.key === m.role)) select.prepend(new Option(m.roleName ?? m.role, m.role));
  select.value = m.role;
  const save = document.createElement('button');
  save.type = 'button';
  save.textContent = 'Save';
  save.setAttribute('aria-label', `Save the role of ${name}`);
  save.disabled = true;
  if (!canManage) {
    select.disabled = true;
    select.setAttribute('aria-describedby', 'permission');
    save.setAttribute('aria-describedby', 'permission');
  }
  select.addEventListener('change', () => { save.disabled = select.value === m.role; });
  save.addEventListener('click', async () => {
    show(null);
    select.disabled = true;
    save.disabled = true;
    tr.setAttribute('aria-busy', 'true');
    status(`Changing ${name}'s role…`);
    const label = select.getAttribute('aria-label');
    try {
      await m.update({ role: select.value }); // the list shows the new role by itself
      status(`${name} is now ${m.roleName ?? m.role}.`);
      if (me) {
        // Your own permissions may have changed: reload, and keep the focus on your row.
        await loadMemberships(begin());
        status(`${name} is now ${m.roleName ?? m.role}.`);
      }
    } catch (error) {
      select.value = m.role;
      select.disabled = !state.current.hasPermission(MANAGE);
      save.disabled = true;
      tr.removeAttribute('aria-busy');
      show(error);
      status('');
    }
    // The row was drawn again: focus its role picker.
    document.querySelector(`#members [aria-label="${CSS.escape(label)}"]`)?.focus();
  });
  picker.append(select, save);
  roleCell.append(picker);

  const joined = document.createElement('td');
  joined.dataset.label = 'Joined';
  joined.textContent = dateFormat.format(m.createdAt);

  const actions = document.createElement('td');
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'danger';
  remove.textContent = 'Remove';
  remove.setAttribute('aria-label', `Remove ${name}`);
  remove.disabled = !canManage;
  if (!canManage) remove.setAttribute('aria-describedby', 'permission');
  remove.addEventListener('click', () => confirmRemoval(m, name, remove));
  actions.append(remove);

  tr.append(who, identifier, roleCell, joined, actions);
  return tr;
}

function confirmRemoval(m, name, trigger) {
  const dialog = $('#confirm');
  $('#confirm-text').textContent = `${name} will lose access to ${state.current.organization.name}.`;
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'remove') {
      trigger.focus();
      return;
    }
    show(null);
    trigger.disabled = true;
    status(`Removing ${name}…`);
    try {
      await m.destroy(); // the list drops the row and refills the page by itself
      status(`${name} was removed.`);
      $('#search').focus(); // the row and its button are gone
    } catch (error) {
      trigger.disabled = false;
      trigger.focus();
      show(error);
      status('');
    }
  }, { once: true });
  dialog.returnValue = '';
  dialog.showModal();
}

/** The emulator's seeded users, for "Signed in as"; false when the emulator does not serve this page. */
async function fillSignIn() {
  try {
    const { users, memberships } = await emulator('state');
    $('#signin').replaceChildren(...users
      .filter((u) => memberships.some((m) => m.public_user_data?.user_id === u.user_id))
      .map((u) => new Option([u.first_name, u.last_name].filter(Boolean).join(' ') || u.identifier, u.user_id)));
    return true;
  } catch {
    $('#signin-label').hidden = true;
    $('#signin-help').hidden = true;
    $('#use-emulator').hidden = true;
    return false;
  }
}

// The Invitations and Requests tabs: a page of the organization's invitations, or of its requests to
// join, fetched when the tab opens and again after each change (the package has no live lists of them
// yet: README, "Not yet"). Listing them needs org:sys_memberships:manage too, as acting on them does.

const TAB_PAGE_SIZE = 10;

const canManage = () => state.current?.hasPermission(MANAGE) ?? false;
const plural = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const invitationFilter = () => document.querySelector('input[name="invitation-status"]:checked').value;

const views = {
  invitations: {
    id: 'invitations',
    columns: 5,
    // 'all' sends no status at all: every invitation, whatever Clerk's statuses are.
    fetch: (org, initialPage) => org.getInvitations({
      status: invitationFilter() === 'pending' ? 'pending' : undefined, pageSize: TAB_PAGE_SIZE, initialPage,
    }),
    row: invitationRow,
    count: (n, org) => (invitationFilter() === 'pending'
      ? `${plural(n, 'pending invitation')} to ${org.name}.`
      : `${plural(n, 'invitation')} to ${org.name}, of any status.`),
    empty: () => (invitationFilter() === 'pending' ? 'No pending invitations.' : 'No invitations yet.'),
    unavailable: 'Invitations are listed for members who may manage members only.',
  },
  requests: {
    id: 'requests',
    columns: 4,
    fetch: (org, initialPage) => org.getMembershipRequests({ status: 'pending', pageSize: TAB_PAGE_SIZE, initialPage }),
    row: requestRow,
    count: (n, org) => `${plural(n, 'pending request')} to join ${org.name}.`,
    empty: () => 'No one is asking to join.',
    unavailable: 'Requests to join are listed for members who may manage members only.',
  },
};
for (const view of Object.values(views)) Object.assign(view, { ticket: 0, page: 1, rows: null, totalCount: 0 });

/** Why controls are disabled, on each tab, for a member without the manage permission. */
function explainPermission() {
  const allowed = canManage();
  const who = `You are ${state.current.roleName ?? state.current.role} of ${state.current.organization.name}`;
  const reasons = {
    '#permission': `${who}: changing roles and removing members needs the ${MANAGE} permission.`,
    '#invitations-permission': `${who}: seeing, sending and revoking invitations needs the ${MANAGE} permission.`,
    '#requests-permission': `${who}: seeing, accepting and rejecting requests to join needs the ${MANAGE} permission.`,
  };
  for (const [notice, reason] of Object.entries(reasons)) {
    $(notice).hidden = allowed;
    $(notice).textContent = allowed ? '' : reason;
  }
  const described = { '#invite-addresses': 'invite-help', '#invite-role': '', '#invitations-filter': '' };
  for (const [control, help] of Object.entries(described)) {
    $(control).disabled = !allowed;
    const ids = [help, allowed ? '' : 'invitations-permission'].filter(Boolean).join(' ');
    if (ids) $(control).setAttribute('aria-describedby', ids);
    else $(control).removeAttribute('aria-describedby');
  }
  updateInviteButton();
}

/** The Invitations tab's label shows how many are pending (live: it follows invitations sent and revoked). */
function showPendingCount() {
  const badge = $('#pending-badge');
  const n = canManage() ? state.current.organization.pendingInvitationsCount : 0;
  badge.hidden = n === 0;
  badge.textContent = String(n);
  // The badge is a flex item, so its text would be read as a word of its own: the tab says it in full.
  $('#tab-invitations').setAttribute('aria-label', n ? `Invitations, ${n} pending` : 'Invitations');
}

/** Forgets the invitations and requests shown: answers still on their way are dropped (their tickets). */
function clearTabs() {
  for (const view of Object.values(views)) {
    Object.assign(view, { ticket: view.ticket + 1, page: 1, rows: null, totalCount: 0 });
    $(`#${view.id} tbody`).replaceChildren();
    $(`#${view.id}`).removeAttribute('aria-busy');
    $(`#${view.id}-count`).textContent = '';
    $(`#${view.id}-page`).parentElement.hidden = true;
  }
  $('#pending-badge').hidden = true;
  $('#tab-invitations').setAttribute('aria-label', 'Invitations');
  // Addresses typed for one organization (or user) must not be sent to the next one.
  $('#invite-addresses').value = '';
  $('#invite-role').replaceChildren();
  for (const control of ['#invite-addresses', '#invite-role', '#invitations-filter']) $(control).disabled = true;
  updateInviteButton();
}

/**
 * Fetches page `page` of a tab's list and shows it. Each fetch takes a ticket: an answer that arrives
 * after a newer fetch of the same list, or after the user or organization changed, is dropped.
 * `focusAt`: the row whose action just finished; when its button went away, the focus goes to the
 * nearest action left.
 */
async function load(view, { page = view.page, focusAt } = {}) {
  if (!state.current) return;
  const org = state.current.organization;
  const table = $(`#${view.id}`);
  if (!canManage()) {
    table.tBodies[0].replaceChildren(messageRow(view.columns, view.unavailable));
    return;
  }
  const nav = generation;
  const ticket = ++view.ticket;
  // Previous or Next was pressed: it is disabled while the page loads, and gets the focus back after.
  const pager = document.activeElement?.closest('.pager') ? document.activeElement : null;
  table.setAttribute('aria-busy', 'true');
  $(`#${view.id}-prev`).disabled = true;
  $(`#${view.id}-next`).disabled = true;
  if (!view.rows) {
    table.tBodies[0].replaceChildren(...Array.from({ length: 3 }, () => placeholder(view.columns)));
    $(`#${view.id}-count`).textContent = `Loading the ${view.id} of ${org.name}…`;
  }
  try {
    const { data, totalCount } = await view.fetch(org, page);
    if (stale(nav) || ticket !== view.ticket) return;
    // The last row of the last page went away: show the page that now is the last.
    if (data.length === 0 && page > 1) {
      await load(view, { page: Math.max(1, Math.ceil(totalCount / TAB_PAGE_SIZE)), focusAt });
      return;
    }
    Object.assign(view, { page, rows: data, totalCount });
    renderTab(view);
    if (focusAt !== undefined && focusIsLost()) refocus(view, focusAt);
    if (pager && focusIsLost()) (pager.disabled ? pager.parentElement.querySelector('button:enabled') : pager)?.focus();
  } catch (error) {
    if (stale(nav) || ticket !== view.ticket) return;
    if (view.rows) {
      renderTab(view); // the last rows stay, and the pager works again
    } else {
      table.removeAttribute('aria-busy');
      table.tBodies[0].replaceChildren(messageRow(view.columns, 'Not loaded: see the error above.'));
      $(`#${view.id}-count`).textContent = '';
    }
    show(error);
  }
}

function renderTab(view) {
  const org = state.current.organization;
  const table = $(`#${view.id}`);
  table.removeAttribute('aria-busy');
  table.tBodies[0].replaceChildren(...(view.rows.length
    ? view.rows.map((item) => view.row(item))
    : [messageRow(view.columns, view.empty())]));
  $(`#${view.id}-count`).textContent = view.count(view.totalCount, org);
  const pageCount = Math.ceil(view.totalCount / TAB_PAGE_SIZE);
  $(`#${view.id}-page`).parentElement.hidden = pageCount <= 1;
  $(`#${view.id}-page`).textContent = `Page ${view.page} of ${pageCount}`;
  $(`#${view.id}-prev`).disabled = view.page <= 1;
  $(`#${view.id}-next`).disabled = view.page >= pageCount;
  // A page of pending invitations tells the package how many there are.
  if (view === views.invitations) showPendingCount();
}

/** The focused button was disabled or drawn away (nobody moved the focus elsewhere meanwhile). */
function focusIsLost() {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected || active.disabled;
}

/** Focuses the first action at or after row `index`, else the last one before it, else the tab's panel. */
function refocus(view, index) {
  const actions = [...$(`#${view.id}`).tBodies[0].rows].map((tr) => tr.querySelector('button:enabled'));
  const target = actions.slice(index).find(Boolean) ?? actions.slice(0, index).reverse().find(Boolean);
  (target ?? $(`#panel-${view.id}`)).focus();
}

/** What a button of a row does: busy while it runs, then the list fetched again, or the error shown. */
async function act(view, tr, buttons, { doing, done, run }) {
  show(null);
  const nav = generation;
  const index = [...tr.parentElement.rows].indexOf(tr);
  for (const button of buttons) button.disabled = true;
  tr.setAttribute('aria-busy', 'true');
  status(doing);
  try {
    await run();
    if (stale(nav)) return;
    status(done);
    await load(view, { focusAt: index });
  } catch (error) {
    if (stale(nav)) return;
    for (const button of buttons) button.disabled = false;
    tr.removeAttribute('aria-busy');
    buttons[0].focus();
    show(error);
    status('');
  }
}

function cell(label, ...content) {
  const td = document.createElement('td');
  if (label) td.dataset.label = label;
  td.append(...content);
  return td;
}

function button(text, ariaLabel, className) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', ariaLabel);
  if (className) b.className = className;
  return b;
}

const roleName = (key, fallback) => fallback ?? state.roles.find((r) => r.key === key)?.name ?? key;

function invitationRow(invitation) {
  const email = invitation.emailAddress;
  const tr = document.createElement('tr');
  tr.dataset.id = invitation.id;
  const pill = document.createElement('span');
  pill.className = `pill ${invitation.status}`;
  pill.textContent = invitation.status[0].toUpperCase() + invitation.status.slice(1);
  const actions = cell('');
  if (invitation.status === 'pending') {
    const revoke = button('Revoke', `Revoke the invitation of ${email}`, 'danger');
    revoke.addEventListener('click', () => act(views.invitations, tr, [revoke], {
      doing: `Revoking the invitation of ${email}…`,
      done: `The invitation of ${email} was revoked.`,
      run: async () => { await invitation.revoke(); showPendingCount(); },
    }));
    actions.append(revoke);
  }
  tr.append(cell('Email', email), cell('Role', roleName(invitation.role, invitation.roleName)),
    cell('Status', pill), cell('Sent', dateFormat.format(invitation.createdAt)), actions);
  return tr;
}

function requestRow(request) {
  const name = nameOf(request);
  const org = state.current.organization.name;
  const tr = document.createElement('tr');
  tr.dataset.userId = request.publicUserData?.userId ?? '';
  const member = document.createElement('span');
  member.className = 'member';
  const avatar = document.createElement('span');
  avatar.className = 'avatar';
  avatar.setAttribute('aria-hidden', 'true');
  avatar.textContent = initials(name);
  const label = document.createElement('span');
  label.textContent = name;
  member.append(avatar, label);
  const accept = button('Accept', `Accept the request of ${name}`, 'primary');
  const reject = button('Reject', `Reject the request of ${name}`, 'danger');
  // An accepted request makes the organization's live member lists fetch again by themselves.
  accept.addEventListener('click', () => act(views.requests, tr, [accept, reject], {
    doing: `Accepting ${name}…`, done: `${name} is now a member of ${org}.`, run: () => request.accept(),
  }));
  reject.addEventListener('click', () => act(views.requests, tr, [reject, accept], {
    doing: `Rejecting ${name}…`, done: `The request of ${name} was rejected.`, run: () => request.reject(),
  }));
  const actions = cell('');
  const pair = document.createElement('span');
  pair.className = 'actions';
  pair.append(accept, reject);
  actions.append(pair);
  tr.append(cell('', member), cell('Identifier', request.publicUserData?.identifier ?? ''),
    cell('Asked', dateFormat.format(request.createdAt)), actions);
  return tr;
}

/** The invite form's role picker: the organization's roles, Member first picked (as Clerk's own form). */
function fillInviteRoles() {
  const select = $('#invite-role');
  select.replaceChildren(...state.roles.map((r) => new Option(r.name, r.key)));
  if (state.roles.some((r) => r.key === 'org:member')) select.value = 'org:member';
  updateInviteButton();
}

/** The addresses typed: separated by commas, spaces or new lines, each once. */
function addresses() {
  const unique = new Map(); // lowercased → as typed (Clerk compares addresses without regard to case)
  for (const address of $('#invite-addresses').value.split(/[\s,]+/)) {
    if (address && !unique.has(address.toLowerCase())) unique.set(address.toLowerCase(), address);
  }
  return [...unique.values()];
}

/** The send button says how many invitations it sends, and is enabled when it can send them. */
function updateInviteButton() {
  const n = addresses().length;
  const send = $('#invite-send');
  send.textContent = n > 1 ? `Send ${n} invitations` : 'Send invitation';
  send.disabled = n === 0 || !canManage() || !$('#invite-role').value || $('#invite').getAttribute('aria-busy') === 'true';
  if (canManage()) send.removeAttribute('aria-describedby');
  else send.setAttribute('aria-describedby', 'invitations-permission');
}

async function invite(event) {
  event.preventDefault();
  const emails = addresses();
  const role = $('#invite-role').value;
  if (!emails.length || !state.current) return;
  const org = state.current.organization;
  const form = $('#invite');
  const field = $('#invite-addresses');
  const nav = generation;
  show(null);
  form.setAttribute('aria-busy', 'true');
  field.readOnly = true;
  updateInviteButton();
  status(emails.length === 1 ? `Inviting ${emails[0]}…` : `Inviting ${emails.length} people…`);
  try {
    // One address: POST …/invitations; several: one POST …/invitations/bulk.
    const sent = emails.length === 1
      ? [await org.inviteMember({ emailAddress: emails[0], role })]
      : await org.inviteMembers({ emailAddresses: emails, role });
    if (stale(nav)) return;
    field.value = '';
    status(`Invited ${sent.map((i) => i.emailAddress).join(', ')} as ${roleName(role, sent[0]?.roleName)}.`);
    showPendingCount();
    void load(views.invitations, { page: 1 }); // newest first: they are on the first page
  } catch (error) {
    if (stale(nav)) return;
    show(error); // the addresses stay, to be corrected
    status('');
  } finally {
    form.removeAttribute('aria-busy');
    field.readOnly = false;
    updateInviteButton();
  }
  if (!stale(nav)) field.focus();
}

/** Shows `tab`'s panel (and fetches its list); `focus` when the keyboard moved there. */
function selectTab(tab, { focus = false } = {}) {
  for (const t of document.querySelectorAll('[role="tab"]')) {
    const selected = t === tab;
    t.setAttribute('aria-selected', String(selected));
    t.tabIndex = selected ? 0 : -1;
    $(`#${t.getAttribute('aria-controls')}`).hidden = !selected;
  }
  if (focus) tab.focus();
  state.tab = tab.id.replace('tab-', '');
  if (views[state.tab]) void load(views[state.tab]);
}

/** The tablist's keys (WAI-ARIA APG "Tabs"): arrows move and select, wrapping; Home and End. */
function tabKeys(event) {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const at = tabs.indexOf(document.activeElement);
  const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
  if (at < 0 || to === undefined) return;
  event.preventDefault();
  selectTab(tabs[(to + tabs.length) % tabs.length], { focus: true });
}

// Wiring.
$('#org').addEventListener('change', (e) => { show(null); selectOrganization(e.target.value); });
$('#signin').addEventListener('change', (e) => signInAs(e.target.value));
$('#prev').addEventListener('click', () => { void state.list?.fetchPrevious(); });
$('#next').addEventListener('click', () => { void state.list?.fetchNext(); });
let searchTimer;
$('#search').addEventListener('input', (e) => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => search(e.target.value.trim()), 250);
});
$('#settings-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  const value = (key) => form.get(key)?.trim() || undefined;
  try {
    await connect(() => new FrontendApi({
      publishableKey: value('publishableKey'),
      proxyUrl: value('proxyUrl'),
      sessionId: value('sessionId'),
      devBrowserJwt: value('devBrowserJwt'),
    }));
    $('#settings').open = false;
  } catch (error) {
    // One consistent state: nothing of the previous connection stays (no stale count over no rows).
    clearOrganization();
    $('#org').replaceChildren();
    $('#backend').textContent = 'nothing (see the error)';
    $('#members tbody').replaceChildren(message('Not connected: fix the settings above, or use the emulator.'));
    show(error); // e.g. invalid_publishable_key, before any request
  }
});
for (const tab of document.querySelectorAll('[role="tab"]')) tab.addEventListener('click', () => selectTab(tab));
$('[role="tablist"]').addEventListener('keydown', tabKeys);
$('#invite').addEventListener('submit', invite);
$('#invite-addresses').addEventListener('input', updateInviteButton);
$('#invite-role').addEventListener('change', updateInviteButton);
$('#invitations-filter').addEventListener('change', () => { void load(views.invitations, { page: 1 }); });
for (const view of Object.values(views)) {
  $(`#${view.id}-prev`).addEventListener('click', () => { void load(view, { page: view.page - 1 }); });
  $(`#${view.id}-next`).addEventListener('click', () => { void load(view, { page: view.page + 1 }); });
}
$('#use-emulator').addEventListener('click', () => { $('#settings').open = false; signInAs($('#signin').value); });

if (await fillSignIn()) {
  await signInAs($('#signin').value);
} else {
  $('#backend').textContent = 'nothing yet: this page is not served by the emulator, open Settings';
  $('#settings').open = true;
}
window.demoReady = true;
