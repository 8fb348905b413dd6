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
    if (state.tab === view.id || !canManage()) openTab(view);
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

// The Invitations and Requests tabs: a live list of the organization's invitations, or of its requests to
// join, made when the tab first opens; invites, revokes and answered requests update it by themselves.
// Listing them needs org:sys_memberships:manage too, as acting on them does.

const TAB_PAGE_SIZE = 10;

const canManage = () => state.current?.hasPermission(MANAGE) ?? false;
const plural = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const invitationFilter = () => document.querySelector('input[name="invitation-status"]:checked').value;

const views = {
  invitations: {
    id: 'invitations',
    columns: 5,
    // 'all' sends no status at all: every invitation, whatever Clerk's statuses are.
    params: () => ({ status: invitationFilter() === 'pending' ? 'pending' : undefined }),
    make: (org, params) => org.invitationList(params),
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
    params: () => ({ status: 'pending' }),
    make: (org, params) => org.membershipRequestList(params),
    row: requestRow,
    count: (n, org) => `${plural(n, 'pending request')} to join ${org.name}.`,
    empty: () => 'No one is asking to join.',
    unavailable: 'Requests to join are listed for members who may manage members only.',
  },
};
// list: the live list; shown: the snapshot on screen; focus: where the focus goes back when a busy row is done.
for (const view of Object.values(views)) Object.assign(view, { list: null, shown: null, focus: null });

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

/** Forgets the invitations and requests shown: their lists stop, and answers still on their way are dropped. */
function clearTabs() {
  for (const view of Object.values(views)) {
    view.list?.free();
    Object.assign(view, { list: null, shown: null, focus: null });
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

/** Shows a tab: its live list, made when the tab first opens and fetched again when it opens again. */
function openTab(view) {
  if (!state.current) return;
  if (!canManage()) {
    $(`#${view.id} tbody`).replaceChildren(messageRow(view.columns, view.unavailable));
    return;
  }
  if (view.list) return void view.list.revalidate();
  // keepPreviousData: the rows stay (greyed by aria-busy) while another page or filter loads.
  const list = view.make(state.current.organization, { ...view.params(), pageSize: TAB_PAGE_SIZE, keepPreviousData: true });
  view.list = list;
  list.subscribe(() => { if (view.list === list) renderTab(view); });
  renderTab(view);
}

/** Shows a snapshot of a tab's list: rows (busy while one is revoked, accepted or rejected), or why there are none. */
function renderTab(view) {
  const snapshot = view.list.getSnapshot();
  if (snapshot === view.shown) return;
  const previous = view.shown;
  view.shown = snapshot;
  const org = state.current.organization;
  const table = $(`#${view.id}`);
  const body = table.tBodies[0];
  // Rows are rebuilt: the focus stays on its control (named by item), back when a busy row is done; a
  // button that went away leaves it to the nearest action left, once the list has settled.
  const active = document.activeElement;
  const keep = body.contains(active)
    ? { label: active.getAttribute('aria-label'), index: [...body.rows].indexOf(active.closest('tr')) }
    : focusIsLost() ? view.focus : null;
  view.focus = null;
  if (snapshot.isFetching) table.setAttribute('aria-busy', 'true');
  else table.removeAttribute('aria-busy');
  if (snapshot.error && snapshot.error !== previous?.error) show(snapshot.error);
  const count = $(`#${view.id}-count`);
  if (snapshot.isLoading) {
    body.replaceChildren(...Array.from({ length: 3 }, () => placeholder(view.columns)));
    count.textContent = `Loading the ${view.id} of ${org.name}…`;
  } else if (snapshot.data.length) {
    body.replaceChildren(...snapshot.data.map((item) => view.row(item, snapshot.pendingIds.includes(item.id))));
  } else {
    body.replaceChildren(messageRow(view.columns, snapshot.error ? 'Not loaded: see the error above.' : view.empty()));
  }
  // The count says what the rows are once they have loaded (a new filter's, not the last one's).
  if (!snapshot.isFetching) count.textContent = snapshot.error && !snapshot.data.length ? '' : view.count(snapshot.totalCount, org);
  // The last row of the last page went away: show the page that now is the last.
  const refill = !snapshot.isFetching && snapshot.page > snapshot.pageCount && snapshot.pageCount > 0;
  if (refill) void view.list.fetchPage(snapshot.pageCount);
  $(`#${view.id}-page`).parentElement.hidden = snapshot.pageCount <= 1;
  $(`#${view.id}-page`).textContent = `Page ${snapshot.page} of ${snapshot.pageCount}`;
  $(`#${view.id}-prev`).disabled = !snapshot.hasPreviousPage || snapshot.isFetching;
  $(`#${view.id}-next`).disabled = !snapshot.hasNextPage || snapshot.isFetching;
  // A list of pending invitations tells the package how many there are.
  if (view === views.invitations) showPendingCount();
  if (keep) {
    const target = body.querySelector(`[aria-label="${CSS.escape(keep.label)}"]`);
    const settled = !snapshot.isFetching && !refill && !snapshot.pendingIds.length;
    if (target?.disabled || (!target && !settled)) view.focus = keep;
    else if (target) target.focus();
    else refocus(view, keep.index);
  }
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

/** What a button of a row does: its row is busy while it runs (the list's pendingIds), then shows the answer. */
async function act({ doing, done, run }) {
  show(null);
  const nav = generation;
  status(doing);
  try {
    await run();
    if (!stale(nav)) status(done);
  } catch (error) {
    if (stale(nav)) return;
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

/** A row's action button; disabled while its row is busy. */
function button(text, ariaLabel, className, busy) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', ariaLabel);
  b.className = className;
  b.disabled = busy;
  return b;
}

const roleName = (key, fallback) => fallback ?? state.roles.find((r) => r.key === key)?.name ?? key;

/** `busy`: a revoke of it is in flight (the list's pendingIds). */
function invitationRow(invitation, busy) {
  const email = invitation.emailAddress;
  const tr = document.createElement('tr');
  tr.dataset.id = invitation.id;
  if (busy) tr.setAttribute('aria-busy', 'true');
  const pill = document.createElement('span');
  pill.className = `pill ${invitation.status}`;
  pill.textContent = invitation.status[0].toUpperCase() + invitation.status.slice(1);
  const actions = cell('');
  if (invitation.status === 'pending') {
    const revoke = button('Revoke', `Revoke the invitation of ${email}`, 'danger', busy);
    revoke.addEventListener('click', () => act({
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

/** `busy`: an accept or reject of it is in flight (the list's pendingIds), or it was answered and is leaving the list. */
function requestRow(request, busy) {
  busy ||= request.status !== 'pending';
  const name = nameOf(request);
  const org = state.current.organization.name;
  const tr = document.createElement('tr');
  tr.dataset.userId = request.publicUserData?.userId ?? '';
  if (busy) tr.setAttribute('aria-busy', 'true');
  const member = document.createElement('span');
  member.className = 'member';
  const avatar = document.createElement('span');
  avatar.className = 'avatar';
  avatar.setAttribute('aria-hidden', 'true');
  avatar.textContent = initials(name);
  const label = document.createElement('span');
  label.textContent = name;
  member.append(avatar, label);
  const accept = button('Accept', `Accept the request of ${name}`, 'primary', busy);
  const reject = button('Reject', `Reject the request of ${name}`, 'danger', busy);
  // An accepted request makes the organization's live member lists fetch again by themselves.
  accept.addEventListener('click', () => act({
    doing: `Accepting ${name}…`, done: `${name} is now a member of ${org}.`, run: () => request.accept(),
  }));
  reject.addEventListener('click', () => act({
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
    showPendingCount(); // the list of invitations fetches again by itself
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

/** Shows `tab`'s panel (and its list); `focus` when the keyboard moved there. */
function selectTab(tab, { focus = false } = {}) {
  for (const t of document.querySelectorAll('[role="tab"]')) {
    const selected = t === tab;
    t.setAttribute('aria-selected', String(selected));
    t.tabIndex = selected ? 0 : -1;
    $(`#${t.getAttribute('aria-controls')}`).hidden = !selected;
  }
  if (focus) tab.focus();
  state.tab = tab.id.replace('tab-', '');
  if (views[state.tab]) openTab(views[state.tab]);
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
$('#invitations-filter').addEventListener('change', () => { void views.invitations.list?.setParams(views.invitations.params()); });
for (const view of Object.values(views)) {
  for (const [pager, go] of [[$(`#${view.id}-prev`), 'fetchPrevious'], [$(`#${view.id}-next`), 'fetchNext']]) {
    // Disabled while its page loads: it gets the focus back after (the other one at either end).
    pager.addEventListener('click', () => view.list?.[go]().then(() => {
      if (focusIsLost()) (pager.disabled ? pager.parentElement.querySelector('button:enabled') : pager)?.focus();
    }));
  }
}
$('#use-emulator').addEventListener('click', () => { $('#settings').open = false; signInAs($('#signin').value); });

if (await fillSignIn()) {
  await signInAs($('#signin').value);
} else {
  $('#backend').textContent = 'nothing yet: this page is not served by the emulator, open Settings';
  $('#settings').open = true;
}
window.demoReady = true;
