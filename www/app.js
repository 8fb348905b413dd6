// The demo page: reads the signed-in user's memberships and the first organization's members from the
// Frontend API (the local emulator by default) and shows them through OrganizationMembership objects.
import init, { OrganizationMembership } from 'clerk-membership';

await init();

// The emulator serves this page, so the Frontend API is this origin; `?api=` points elsewhere.
const api = new URL(new URLSearchParams(location.search).get('api') ?? location.origin);
document.querySelector('#api').textContent = api.origin;
const status = document.querySelector('#status');

// A development instance identifies the browser by a dev-browser token (WIRE.md §3).
const token = (await (await fetch(new URL('/v1/dev_browser', api), { method: 'POST' })).json()).id;

async function get(path, params) {
  const url = new URL(`/v1${path}`, api);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  url.searchParams.set('__clerk_db_jwt', token);
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) throw new Error(body.errors?.[0]?.long_message ?? res.statusText);
  return body.response;
}

const page = { paginated: 'true', limit: '20', offset: '0' };
function node(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

try {
  const mine = (await get('/me/organization_memberships', page)).data.map(OrganizationMembership.fromJSON);
  status.textContent = `${mine.length} memberships`;
  for (const m of mine) {
    const card = node('li', undefined, 'card');
    card.append(node('h3', m.organization.name));
    const facts = node('dl');
    for (const [term, value] of [
      ['Role', `${m.roleName ?? m.role} (${m.role})`],
      ['Members', String(m.organization.membersCount)],
      ['Can manage members', m.hasPermission('org:sys_memberships:manage') ? 'yes' : 'no'],
      ['Member since', dateFormat.format(m.createdAt)],
    ]) facts.append(node('dt', term), node('dd', value));
    card.append(facts);
    document.querySelector('#mine').append(card);
  }

  const org = mine[0]?.organization;
  if (org) {
    document.querySelector('#members-title').textContent = `Members of ${org.name}`;
    const members = (await get(`/organizations/${encodeURIComponent(org.id)}/memberships`, page)).data
      .map(OrganizationMembership.fromJSON);
    const body = document.querySelector('#members tbody');
    for (const m of members) {
      const user = m.publicUserData;
      const name = [user?.firstName, user?.lastName].filter(Boolean).join(' ') || user?.identifier || m.id;
      const initials = name.split(/\s+/).map((w) => w[0]).join('').slice(0, 2).toUpperCase();
      const row = node('tr');
      const who = node('td');
      const member = node('span', undefined, 'member');
      member.append(node('span', initials, 'avatar'), node('span', name));
      who.append(member);
      row.append(who, node('td', user?.identifier ?? ''), node('td', m.role, 'role'),
        node('td', dateFormat.format(m.createdAt)));
      body.append(row);
    }
    document.querySelector('#members').hidden = false;
  }
} catch (error) {
  status.textContent = `Could not load memberships: ${error.message}`;
  status.className = 'error';
}
