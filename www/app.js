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
  emulator: true,
  mine: [], // the signed-in user's memberships
  current: null, // the membership of the selected organization
  roles: [],
  page: 1,
  query: '',
};

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

function status(text) {
  $('#status').textContent = text;
}

async function busy(label, work) {
  status(label);
  document.body.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    document.body.removeAttribute('aria-busy');
  }
}

function nameOf(m) {
  const user = m.publicUserData;
  return [user?.firstName, user?.lastName].filter(Boolean).join(' ') || user?.identifier || m.id;
}

function initials(name) {
  return name.split(/[\s@.]+/).filter(Boolean).map((w) => w[0]).join('').slice(0, 2).toUpperCase();
}

async function emulator(path, body) {
  const res = await fetch(`/__emulator/${path}`, { method: body ? 'POST' : 'GET', body: body && JSON.stringify(body) });
  return res.json();
}

/** Signs in a seeded user of the emulator and connects as them. */
async function signInAs(userId) {
  const { token, session_id: sessionId } = await emulator('sign_in', { user_id: userId });
  connect(new FrontendApi({ publishableKey: EMULATOR_KEY, proxyUrl: location.origin, devBrowserJwt: token, sessionId }), true);
}

function connect(api, emulated) {
  state.api = api;
  state.emulator = emulated;
  $('#backend').textContent = emulated ? `the local emulator (${location.host})` : api.baseUrl;
  $('#signin-label').hidden = !emulated;
  $('#signin-help').hidden = !emulated;
  return loadMemberships();
}

async function loadMemberships() {
  show(null);
  try {
    const { data } = await busy('Loading your organizations…', () => OrganizationMembership.retrieve(state.api, { pageSize: 50 }));
    state.mine = data;
    const select = $('#org');
    const previous = state.current?.organization.id;
    select.replaceChildren(...data.map((m) => new Option(`${m.organization.name} (${m.roleName ?? m.role})`, m.organization.id)));
    if (data.some((m) => m.organization.id === previous)) select.value = previous;
    await selectOrganization(select.value);
  } catch (error) {
    show(error);
    status('');
  }
}

async function selectOrganization(orgId) {
  // The previous organization's (or user's) rows must not stay clickable while the new ones load.
  $('#members tbody').replaceChildren();
  state.current = state.mine.find((m) => m.organization.id === orgId) ?? null;
  state.page = 1;
  state.roles = [];
  if (!state.current) {
    $('#members tbody').replaceChildren();
    status('You are not a member of any organization.');
    return;
  }
  const canManage = state.current.hasPermission(MANAGE);
  const notice = $('#permission');
  notice.hidden = canManage;
  notice.textContent = canManage ? '' : `You are ${state.current.roleName ?? state.current.role} of ${state.current.organization.name}: `
    + `changing roles and removing members needs the ${MANAGE} permission.`;
  try {
    state.roles = (await state.current.organization.getRoles({ pageSize: 100 })).data;
  } catch (error) {
    show(error);
  }
  await loadMembers();
}

async function loadMembers() {
  const org = state.current.organization;
  try {
    const { data, totalCount } = await busy(`Loading members of ${org.name}…`,
      () => org.getMemberships({ initialPage: state.page, pageSize: PAGE_SIZE, query: state.query || undefined }));
    const pages = Math.max(1, Math.ceil(totalCount / PAGE_SIZE));
    $('#members tbody').replaceChildren(...data.map(row));
    $('#page').textContent = `Page ${state.page} of ${pages}`;
    $('#prev').disabled = state.page <= 1;
    $('#next').disabled = state.page >= pages;
    status(`${totalCount} member${totalCount === 1 ? '' : 's'} of ${org.name}${state.query ? ` matching “${state.query}”` : ''}.`);
  } catch (error) {
    show(error);
    status('');
  }
}

function row(m) {
  const canManage = state.current.hasPermission(MANAGE);
  const me = state.current.publicUserData?.userId === m.publicUserData?.userId;
  const name = nameOf(m);
  const tr = document.createElement('tr');
  tr.dataset.userId = m.publicUserData?.userId ?? '';

  const who = document.createElement('td');
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
  identifier.textContent = m.publicUserData?.identifier ?? '';

  const roleCell = document.createElement('td');
  const select = document.createElement('select');
  select.setAttribute('aria-label', `Role of ${name}`);
  const roles = state.roles.length ? state.roles : [{ key: m.role, name: m.roleName ?? m.role }];
  select.replaceChildren(...roles.map((r) => new Option(r.name, r.key)));
  if (!roles.some((r) => r.key === m.role)) select.prepend(new Option(m.roleName ?? m.role, m.role));
  select.value = m.role;
  select.disabled = !canManage;
  select.addEventListener('change', async () => {
    const previous = m.role;
    show(null);
    select.disabled = true;
    tr.setAttribute('aria-busy', 'true');
    try {
      await busy(`Changing ${name}'s role…`, () => m.update({ role: select.value }));
      status(`${name} is now ${m.roleName ?? m.role}.`);
      if (me) await loadMemberships(); // your own permissions may have changed
    } catch (error) {
      select.value = previous;
      show(error);
      status('');
    } finally {
      tr.removeAttribute('aria-busy');
      select.disabled = !state.current.hasPermission(MANAGE);
      select.focus();
    }
  });
  roleCell.append(select);

  const joined = document.createElement('td');
  joined.textContent = dateFormat.format(m.createdAt);

  const actions = document.createElement('td');
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'danger';
  remove.textContent = 'Remove';
  remove.setAttribute('aria-label', `Remove ${name}`);
  remove.disabled = !canManage;
  remove.addEventListener('click', () => confirmRemoval(m, name, remove));
  actions.append(remove);

  tr.append(who, identifier, roleCell, joined, actions);
  return tr;
}

function confirmRemoval(m, name, trigger) {
  const dialog = $('#confirm');
  $('#confirm-text').textContent = `${name} will lose access to ${state.current.organization.name}.`;
  dialog.addEventListener('close', async () => {
    trigger.focus();
    if (dialog.returnValue !== 'remove') return;
    show(null);
    try {
      await busy(`Removing ${name}…`, () => m.destroy());
      await loadMembers();
      status(`${name} was removed.`);
    } catch (error) {
      show(error);
      status('');
    }
  }, { once: true });
  dialog.showModal();
}

async function fillSignIn() {
  const { users, memberships } = await emulator('state');
  const select = $('#signin');
  select.replaceChildren(...users
    .filter((u) => memberships.some((m) => m.public_user_data?.user_id === u.user_id))
    .map((u) => new Option([u.first_name, u.last_name].filter(Boolean).join(' ') || u.identifier, u.user_id)));
}

// Wiring.
$('#org').addEventListener('change', (e) => { show(null); selectOrganization(e.target.value); });
$('#signin').addEventListener('change', (e) => signInAs(e.target.value));
$('#prev').addEventListener('click', () => { state.page -= 1; loadMembers(); });
$('#next').addEventListener('click', () => { state.page += 1; loadMembers(); });
let searchTimer;
$('#search').addEventListener('input', (e) => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => { state.query = e.target.value.trim(); state.page = 1; loadMembers(); }, 250);
});
$('#settings-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  const value = (key) => form.get(key)?.trim() || undefined;
  show(null);
  try {
    connect(new FrontendApi({ publishableKey: value('publishableKey'), proxyUrl: value('proxyUrl'), sessionId: value('sessionId') }), false);
    $('#settings').open = false;
  } catch (error) {
    show(error); // e.g. invalid_publishable_key, before any request
  }
});
$('#use-emulator').addEventListener('click', () => { $('#settings').open = false; signInAs($('#signin').value); });

await fillSignIn();
await signInAs($('#signin').value);
window.demoReady = true;
