// Runs in the page: the error of every bad input of a fixed corpus (fromJSON, FrontendApi options,
// list params, update roles, live-list calls), as `{ input, name, code, path, message }`, published as
// window.messageCorpus. messages.test.js compares it with tests/golden/messages.json, so that a change
// that shrinks or speeds up the edge (issue 18) cannot change an error's code, path or message unseen.
// No request is made: every input is refused before one (the proxy points at a closed port anyway).
import init, { FrontendApi, OrganizationMembership, UserOrganizationInvitation, OrganizationSuggestion } from 'clerk-membership';
import { runChecks } from './run-checks.js';
import { assert } from './assertions.js';

await init();
const fixture = async (name) => (await fetch(`./fixtures/${name}`)).json();
const admin = await fixture('membership-admin.json');
const keys = await fixture('publishable-keys.json');
const DEV_KEY = keys.valid[1].key;
const clone = (value) => JSON.parse(JSON.stringify(value));
const api = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl: 'http://127.0.0.1:9/', devBrowserJwt: 'dvb_corpus' });
const member = OrganizationMembership.fromJSON(admin, api);
const org = member.organization;

/** fromJSON of the admin fixture after `edit`. */
const edited = (edit) => () => {
  const input = clone(admin);
  edit(input);
  return OrganizationMembership.fromJSON(input);
};

// [what the input is, what it does: throws, or returns a Promise that rejects]
const corpus = [
  ['fromJSON(undefined)', () => OrganizationMembership.fromJSON(undefined)],
  ['fromJSON(null)', () => OrganizationMembership.fromJSON(null)],
  ['fromJSON(42)', () => OrganizationMembership.fromJSON(42)],
  ['fromJSON("orgmem_1")', () => OrganizationMembership.fromJSON('orgmem_1')],
  ['fromJSON([])', () => OrganizationMembership.fromJSON([])],
  ['fromJSON: no id', edited((j) => { delete j.id; })],
  ['fromJSON: id 5', edited((j) => { j.id = 5; })],
  ['fromJSON: no role', edited((j) => { delete j.role; })],
  ['fromJSON: created_at a string', edited((j) => { j.created_at = '2024-01-01'; })],
  ['fromJSON: updated_at 1.5', edited((j) => { j.updated_at = 1.5; })],
  ['fromJSON: organization a string', edited((j) => { j.organization = 'org_1'; })],
  ['fromJSON: no organization.id', edited((j) => { delete j.organization.id; })],
  ['fromJSON: no organization.name', edited((j) => { delete j.organization.name; })],
  ['fromJSON: permissions [1]', edited((j) => { j.permissions = [1]; })],
  ['fromJSON: 1,001 permissions', edited((j) => { j.permissions = new Array(1001).fill('org:x'); })],
  ['fromJSON: public_metadata "x"', edited((j) => { j.public_metadata = 'x'; })],
  ['fromJSON: public_metadata a Map', () => OrganizationMembership.fromJSON({ ...clone(admin), public_metadata: new Map() })],
  ['fromJSON: public_user_data.first_name 4', edited((j) => { j.public_user_data.first_name = 4; })],
  ['fromJSON: a lone surrogate in role', edited((j) => { j.role = 'org:\ud800'; })],
  ['fromJSON(json, 5)', () => OrganizationMembership.fromJSON(admin, 5)],
  ['fromJSON(json, {})', () => OrganizationMembership.fromJSON(admin, {})],
  ['new FrontendApi()', () => new FrontendApi()],
  ['new FrontendApi({})', () => new FrontendApi({})],
  ['publishableKey "x"', () => new FrontendApi({ publishableKey: 'x' })],
  ['publishableKey "pk_test_"', () => new FrontendApi({ publishableKey: 'pk_test_' })],
  ['proxyUrl "ftp://x"', () => new FrontendApi({ publishableKey: DEV_KEY, proxyUrl: 'ftp://x' })],
  ['proxyUrl plain http to another host', () => new FrontendApi({ publishableKey: DEV_KEY, proxyUrl: 'http://example.com' })],
  ['domain "a b" (production key)', () => new FrontendApi({ publishableKey: keys.valid[0].key, domain: 'a b' })],
  ['timeoutMs -1', () => new FrontendApi({ publishableKey: DEV_KEY, timeoutMs: -1 })],
  ['timeoutMs "x"', () => new FrontendApi({ publishableKey: DEV_KEY, timeoutMs: 'x' })],
  ['retry true', () => new FrontendApi({ publishableKey: DEV_KEY, retry: true })],
  ['retry.maxRetries 1000', () => new FrontendApi({ publishableKey: DEV_KEY, retry: { maxRetries: 1000 } })],
  ['maxResponseBytes 1', () => new FrontendApi({ publishableKey: DEV_KEY, maxResponseBytes: 1 })],
  ['onClient 5', () => new FrontendApi({ publishableKey: DEV_KEY, onClient: 5 })],
  ['sessionId 7 (option)', () => new FrontendApi({ publishableKey: DEV_KEY, sessionId: 7 })],
  ['authMode "x"', () => new FrontendApi({ publishableKey: DEV_KEY, authMode: 'x' })],
  ['api.sessionId = 5', () => { api.sessionId = 5; }],
  ['getMemberships({ pageSize: 0 })', () => org.getMemberships({ pageSize: 0 })],
  ['getMemberships({ initialPage: -1 })', () => org.getMemberships({ initialPage: -1 })],
  ['getMemberships({ role: 5 })', () => org.getMemberships({ role: 5 })],
  ['getMemberships({ query: 5 })', () => org.getMemberships({ query: 5 })],
  ['getMemberships("x")', () => org.getMemberships('x')],
  ['getMemberships([])', () => org.getMemberships([])],
  ['getMemberships({}, { signal: 5 })', () => org.getMemberships({}, { signal: 5 })],
  ['getRoles({ pageSize: "x" })', () => org.getRoles({ pageSize: 'x' })],
  ['update()', () => member.update()],
  ['update({})', () => member.update({})],
  ['update({ role: "" })', () => member.update({ role: '' })],
  ['update({ role: 5 })', () => member.update({ role: 5 })],
  ['update({ role }, { signal: 5 })', () => member.update({ role: 'org:admin' }, { signal: 5 })],
  ['destroy({ signal: {} })', () => member.destroy({ signal: {} })],
  ['unbound update', () => OrganizationMembership.fromJSON(admin).update({ role: 'org:admin' })],
  ['retrieve(undefined)', () => OrganizationMembership.retrieve(undefined)],
  ['membershipList({ infinite: "x" })', () => org.membershipList({ infinite: 'x' })],
  ['membershipList({ keepPreviousData: 1 })', () => org.membershipList({ keepPreviousData: 1 })],
  ['membershipList({ initialPage: 2000000 })', () => org.membershipList({ initialPage: 2000000 })],
  ['membershipList({ pageSize: 0 })', () => org.membershipList({ pageSize: 0 })],
  ['list.fetchPage(0)', (list) => list.fetchPage(0)],
  ['list.fetchPage(1.5)', (list) => list.fetchPage(1.5)],
  ['list.setParams({ pageSize: "x" })', (list) => list.setParams({ pageSize: 'x' })],
  ['list.subscribe(5)', (list) => list.subscribe(5)],
  ['list.revalidate({ signal: 5 })', (list) => list.revalidate({ signal: 5 })],
  // Issue 20's calls.
  ['getInvitations({ status: 5 })', () => org.getInvitations({ status: 5 })],
  ['getInvitations({ pageSize: 0 })', () => org.getInvitations({ pageSize: 0 })],
  ['getMembershipRequests({ status: [1] })', () => org.getMembershipRequests({ status: [1] })],
  ['inviteMember({})', () => org.inviteMember({})],
  ['inviteMember({ role })', () => org.inviteMember({ role: 'org:member' })],
  ['inviteMember({ emailAddress: 5, role })', () => org.inviteMember({ emailAddress: 5, role: 'org:member' })],
  ['inviteMembers({ emailAddresses: [], role })', () => org.inviteMembers({ emailAddresses: [], role: 'org:member' })],
  ['inviteMembers({ emailAddresses: 5, role })', () => org.inviteMembers({ emailAddresses: 5, role: 'org:member' })],
  ['addMember({ role })', () => org.addMember({ role: 'org:member' })],
  ['addMember({ userId })', () => org.addMember({ userId: 'user_1' })],
  ['updateMember({ userId, role: "" })', () => org.updateMember({ userId: 'user_1', role: '' })],
  ['removeMember(5)', () => org.removeMember(5)],
  ['removeMember("..")', () => org.removeMember('..')],
  ['leave({ signal: 5 })', () => org.leave({ signal: 5 })],
  ['UserOrganizationInvitation.retrieve(undefined)', () => UserOrganizationInvitation.retrieve(undefined)],
  ['OrganizationSuggestion.retrieve(api, { status: {} })', () => OrganizationSuggestion.retrieve(api, { status: {} })],
];

const corpusResults = [];
const list = org.membershipList({ pageSize: 3 });

const checks = {
  async 'every input of the corpus is refused with a ClerkRuntimeError'() {
    for (const [input, run] of corpus) {
      let error;
      try {
        await run(list);
      } catch (e) {
        error = e;
      }
      assert(error instanceof Error, `${input}: refused with an Error (${error})`);
      corpusResults.push({ input, name: error.name, code: error.code ?? null, path: error.path ?? null, message: error.message });
    }
    list.free();
    window.messageCorpus = corpusResults;
  },
};

await runChecks(checks);
