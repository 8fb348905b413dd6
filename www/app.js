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
async function signInAs(userId) {
  try {
    const { token, session_id: sessionId } = await emulator('sign_in', { user_id: userId });
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
  clearMembers();
  Object.assign(state, { api: null, mine: [], current: null, roles: [] });
  $('#org').replaceChildren();
  $('#permission').hidden = true;
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
  clearMembers();
  state.current = state.mine.find((m) => m.organization.id === orgId) ?? null;
  state.roles = [];
  const notice = $('#permission');
  if (!state.current) {
    notice.hidden = true;
    status('You are not a member of any organization.');
    return;
  }
  const canManage = state.current.hasPermission(MANAGE);
  notice.hidden = canManage;
  notice.textContent = canManage ? '' : `You are ${state.current.roleName ?? state.current.role} of ${state.current.organization.name}: `
    + `changing roles and removing members needs the ${MANAGE} permission.`;
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

/** A row of grey bars where a member will be, while the first page loads. */
function placeholder() {
  const tr = document.createElement('tr');
  tr.className = 'placeholder';
  tr.setAttribute('aria-hidden', 'true');
  for (let i = 0; i < 5; i++) {
    const td = document.createElement('td');
    const bar = document.createElement('span');
    bar.className = 'bar';
    td.append(bar);
    tr.append(td);
  }
  return tr;
}

/** A row of the table that is a message, not a member. */
function message(...content) {
  const tr = document.createElement('tr');
  tr.className = 'empty';
  const td = document.createElement('td');
  td.colSpan = 5;
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
    clearMembers();
    $('#org').replaceChildren();
    $('#permission').hidden = true;
    $('#backend').textContent = 'nothing (see the error)';
    $('#members tbody').replaceChildren(message('Not connected: fix the settings above, or use the emulator.'));
    show(error); // e.g. invalid_publishable_key, before any request
  }
});
$('#use-emulator').addEventListener('click', () => { $('#settings').open = false; signInAs($('#signin').value); });

if (await fillSignIn()) {
  await signInAs($('#signin').value);
} else {
  $('#backend').textContent = 'nothing yet: this page is not served by the emulator, open Settings';
  $('#settings').open = true;
}
window.demoReady = true;
