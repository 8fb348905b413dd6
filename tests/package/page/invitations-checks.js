// Issue 20 in the page against the Frontend API emulator: invitations, membership requests, members by
// user id, leaving, and the signed-in user's invitations and suggestions. Every call is checked as the
// emulator received it (method, path, each query parameter in order, content type, body), and every
// rule's refusal arrives as a ClerkAPIResponseError with its code.
import init, {
  FrontendApi, OrganizationMembership, OrganizationInvitation, OrganizationMembershipRequest, UserOrganizationInvitation,
  OrganizationSuggestion,
} from 'clerk-membership';
import { runChecks } from './run-checks.js';
import { assert, equal, rejection, thrown, runtime, apiError } from './assertions.js';
import { ACME, GLOBEX, ADA, ALAN, HEDY, BARBARA, DEV_KEY, reset, requests, clearRequests, apiAs, memberPath, fault, proxyUrl } from './emulator.js';
import { settled, until } from './list-waits.js';

await init();

const TIM = 'user_2cTimBernersLee8xFk';
const CLAUDE = 'user_2bClaudeShannon4vDi';
const EDSGER = 'user_2cEdsgerDijkstra7aJn';
const TIM_INVITATION = 'orginv_2aAcmeTim0Pending4Kq7';
const CLAUDE_REQUEST = 'orgreq_2aAcmeClaude0Pend3Hm8';
const EDSGER_REQUEST = 'orgreq_2aAcmeEdsger0Pend6Jn2';
const INITECH_SUGGESTION = 'orgsug_2cInitechAda0Pend4Rt6';
const FORM = 'application/x-www-form-urlencoded';

/** `org` as the signed-in user of `api` sees it (from their own memberships). */
async function organization(api, org) {
  const { data } = await OrganizationMembership.retrieve(api, { pageSize: 50 });
  const mine = data.find((m) => m.organization.id === org);
  assert(mine, `not a member of ${org}`);
  return mine.organization;
}

/** The one request the emulator received since the log was cleared: [method, path, query, content type, body]. */
async function sentOne(what) {
  // Live member lists of any client fetch again after some of these calls (that is tested on its own):
  // their GETs of …/memberships are not the call under test.
  const log = (await requests()).filter((r) => !(r.method === 'GET' && r.path.endsWith('/memberships')));
  equal(log.length, 1, `${what}: requests sent`);
  const [r] = log;
  // The common parameters every call ends with (docs/wire.md §2) are checked elsewhere; here, what comes before.
  const query = r.query.filter(([k]) => !['__clerk_api_version', '_clerk_js_version', '_clerk_session_id', '__clerk_db_jwt'].includes(k));
  return [r.method, r.path, query, r.headers['content-type'] ?? null, r.body || null];
}

const checks = {
  async 'getInvitations: GET …/invitations?status…&limit&offset; OrganizationInvitation rows; a pending page sets pendingInvitationsCount'() {
    await reset();
    const { api } = await apiAs(ADA);
    const acme = await organization(api, ACME);
    equal(acme.pendingInvitationsCount, 1, 'the seed');
    await clearRequests();
    const { data, totalCount } = await acme.getInvitations({ status: ['pending'], pageSize: 5, initialPage: 1 });
    equal(await sentOne('getInvitations'), ['GET', `/v1/organizations/${ACME}/invitations`,
      [['status', 'pending'], ['limit', '5'], ['offset', '0']], null, null], 'the request');
    equal(totalCount, 1, 'totalCount');
    const [tim] = data;
    assert(tim instanceof OrganizationInvitation, 'an OrganizationInvitation');
    equal([tim.id, tim.emailAddress, tim.organizationId, tim.role, tim.status, tim.publicMetadata],
      [TIM_INVITATION, 'tim@example.test', ACME, 'org:member', 'pending', { team: 'web' }], 'its fields');
    assert(tim.createdAt instanceof Date && tim.createdAt.getTime() === 1701000000000, 'createdAt is a Date');
    assert(tim.publicMetadata === tim.publicMetadata, 'reads are kept');
    equal(tim.toJSON().object, 'organization_invitation', 'toJSON');
    const all = await acme.getInvitations({ status: ['pending', 'revoked', 'accepted'] });
    equal(all.data.map((i) => i.status).sort(), ['accepted', 'pending', 'revoked'], 'several statuses');
    const { data: everything } = await acme.getInvitations();
    equal(everything.length, 3, 'no filter: every Acme invitation');
  },

  async 'inviteMember: POST …/invitations with email_address and role; resolves the invitation; pendingInvitationsCount follows'() {
    await reset();
    const { api } = await apiAs(ADA);
    const acme = await organization(api, ACME);
    await clearRequests();
    const invitation = await acme.inviteMember({ emailAddress: 'new+one@example.test', role: 'org:member' });
    equal(await sentOne('inviteMember'), ['POST', `/v1/organizations/${ACME}/invitations`, [], FORM,
      'email_address=new%2Bone%40example.test&role=org%3Amember'], 'the request');
    assert(invitation instanceof OrganizationInvitation, 'an OrganizationInvitation');
    equal([invitation.emailAddress, invitation.status, invitation.role], ['new+one@example.test', 'pending', 'org:member'], 'the invitation');
    equal(acme.pendingInvitationsCount, 2, 'the count follows on this object');
    const again = await organization(api, ACME);
    equal(again.pendingInvitationsCount, 2, 'and on a fresh one, as the emulator counts');
  },

  async 'inviteMembers: POST …/invitations/bulk with email_address repeated then role; resolves an array'() {
    await reset();
    const { api } = await apiAs(ADA);
    const acme = await organization(api, ACME);
    await clearRequests();
    const sent = await acme.inviteMembers({ emailAddresses: ['a@example.test', 'b@example.test'], role: 'org:billing' });
    equal(await sentOne('inviteMembers'), ['POST', `/v1/organizations/${ACME}/invitations/bulk`, [], FORM,
      'email_address=a%40example.test&email_address=b%40example.test&role=org%3Abilling'], 'the request');
    assert(Array.isArray(sent) && sent.every((i) => i instanceof OrganizationInvitation), 'an array of invitations');
    equal(sent.map((i) => [i.emailAddress, i.role, i.status]), [['a@example.test', 'org:billing', 'pending'], ['b@example.test', 'org:billing', 'pending']], 'in order');
    equal(acme.pendingInvitationsCount, 3, 'the count follows');
  },

  async 'revoke(): POST …/invitations/{id}/revoke with no body; resolves to the same instance, now revoked; twice is organization_invitation_not_pending'() {
    await reset();
    const { api } = await apiAs(ADA);
    const acme = await organization(api, ACME);
    const [tim] = (await acme.getInvitations({ status: 'pending' })).data;
    equal(tim.status, 'pending', 'read before');
    tim.selected = true;
    await clearRequests();
    const revoked = await tim.revoke();
    equal(await sentOne('revoke'), ['POST', `/v1/organizations/${ACME}/invitations/${TIM_INVITATION}/revoke`, [], FORM, null], 'the request');
    assert(revoked === tim, 'the same instance, as clerk-js');
    equal([tim.status, tim.selected], ['revoked', true], 'in place; the app\'s own property stays');
    equal(acme.pendingInvitationsCount, 0, 'the count follows');
    apiError(await rejection(tim.revoke()), 404, 'organization_invitation_not_pending', 'revoked twice');
  },

  async 'the rules of inviting, each with its code'() {
    await reset();
    const { api } = await apiAs(ADA);
    const acme = await organization(api, ACME);
    apiError(await rejection(acme.inviteMember({ emailAddress: 'not an address', role: 'org:member' })), 422, 'form_param_format_invalid', 'malformed');
    apiError(await rejection(acme.inviteMember({ emailAddress: 'barbara@acme.test', role: 'org:member' })), 400, 'already_a_member_in_organization', 'a member');
    apiError(await rejection(acme.inviteMember({ emailAddress: 'tim@example.test', role: 'org:member' })), 400, 'duplicate_record', 'already invited');
    apiError(await rejection(acme.inviteMember({ emailAddress: 'x@example.test', role: 'org:astronaut' })), 404, 'resource_not_found', 'unknown role');
    const bulk = await rejection(acme.inviteMembers({ emailAddresses: ['ok@example.test', 'bad one'], role: 'org:member' }));
    apiError(bulk, 422, 'form_param_format_invalid', 'bulk with a bad address');
    equal(acme.pendingInvitationsCount, 1, 'nothing was sent: the count stays');
    const alan = await apiAs(ALAN);
    const readOnly = await organization(alan.api, ACME);
    apiError(await rejection(readOnly.inviteMember({ emailAddress: 'y@example.test', role: 'org:member' })), 403, 'missing_organization_permission', 'a member without manage');
    apiError(await rejection(readOnly.getInvitations()), 403, 'missing_organization_permission', 'listing needs manage too (the excerpt)');
    const hedy = await apiAs(HEDY);
    const globex = await organization(hedy.api, GLOBEX);
    const room = globex.maxAllowedMemberships - globex.membersCount - globex.pendingInvitationsCount;
    const many = Array.from({ length: room + 1 }, (_, i) => `q${i}@example.test`);
    apiError(await rejection(globex.inviteMembers({ emailAddresses: many, role: 'org:member' })), 403, 'organization_membership_quota_exceeded', 'over the quota');
  },

  async 'bad input is refused before any request, with a stable code'() {
    await reset();
    const { api } = await apiAs(ADA);
    const acme = await organization(api, ACME);
    await clearRequests();
    runtime(await rejection(acme.inviteMember({ emailAddress: 'x@example.test' })), 'invalid_role', 'no role');
    runtime(await rejection(acme.inviteMember({ role: 'org:member' })), 'invalid_option', 'no address');
    runtime(await rejection(acme.inviteMembers({ emailAddresses: [], role: 'org:member' })), 'invalid_option', 'no addresses');
    runtime(await rejection(acme.inviteMembers({ emailAddresses: [5], role: 'org:member' })), 'invalid_option', 'an address that is not a string');
    runtime(await rejection(acme.getInvitations({ status: 5 })), 'invalid_option', 'a status that is not a string');
    runtime(await rejection(acme.addMember({ role: 'org:member' })), 'invalid_id', 'no userId');
    runtime(await rejection(acme.updateMember({ userId: ALAN })), 'invalid_role', 'no role');
    runtime(await rejection(acme.removeMember(5)), 'invalid_option', 'a user id that is not a string');
    runtime(await rejection(acme.removeMember('..')), 'invalid_id', 'a dot segment');
    equal(await requests(), [], 'nothing was sent');
  },

  async 'membership requests: list, accept (the member lists revalidate) and reject, each the same instance'() {
    await reset();
    const { api } = await apiAs(ADA);
    const acme = await organization(api, ACME);
    const members = acme.membershipList({ pageSize: 50 });
    const before = await settled(members);
    assert(!before.data.some((m) => m.publicUserData?.userId === CLAUDE), 'Claude is not a member yet');
    await clearRequests();
    const { data, totalCount } = await acme.getMembershipRequests({ status: 'pending' });
    equal(await sentOne('getMembershipRequests'), ['GET', `/v1/organizations/${ACME}/membership_requests`,
      [['status', 'pending'], ['limit', '10'], ['offset', '0']], null, null], 'the request');
    equal([totalCount, data.map((r) => r.id).sort()], [2, [CLAUDE_REQUEST, EDSGER_REQUEST].sort()], 'the pending requests');
    const claude = data.find((r) => r.id === CLAUDE_REQUEST);
    assert(claude instanceof OrganizationMembershipRequest, 'an OrganizationMembershipRequest');
    equal([claude.organizationId, claude.status, claude.publicUserData.userId], [ACME, 'pending', CLAUDE], 'its fields');
    await clearRequests();
    const accepted = await claude.accept();
    const sent = (await requests()).find((r) => r.path.endsWith('/accept'));
    equal([sent.method, sent.path, sent.body || null], ['POST', `/v1/organizations/${ACME}/membership_requests/${CLAUDE_REQUEST}/accept`, null], 'accept');
    assert(accepted === claude && claude.status === 'accepted', 'the same instance, now accepted');
    const after = await until(members, (s) => !s.isFetching && s.data.some((m) => m.publicUserData?.userId === CLAUDE), 'the list to show it');
    equal(after.data.find((m) => m.publicUserData?.userId === CLAUDE).role, 'org:member', 'the member list revalidated and shows Claude');
    apiError(await rejection(claude.accept()), 404, 'resource_not_found', 'accepted twice');
    const edsger = data.find((r) => r.id === EDSGER_REQUEST);
    await clearRequests();
    assert((await edsger.reject()) === edsger && edsger.status === 'rejected', 'reject: the same instance, now rejected');
    equal((await requests())[0].path, `/v1/organizations/${ACME}/membership_requests/${EDSGER_REQUEST}/reject`, 'reject path');
    members.free();
  },

  async 'addMember, updateMember and removeMember by user id: their requests, and the live lists follow'() {
    await reset();
    const { api } = await apiAs(ADA);
    const acme = await organization(api, ACME);
    const members = acme.membershipList({ pageSize: 50 });
    await settled(members);
    await clearRequests();
    const added = await acme.addMember({ userId: TIM, role: 'org:billing' });
    equal(await sentOne('addMember'), ['POST', `/v1/organizations/${ACME}/memberships`, [], FORM,
      `user_id=${TIM}&role=org%3Abilling`], 'addMember');
    assert(added instanceof OrganizationMembership && added.publicUserData.userId === TIM && added.role === 'org:billing', 'the new membership');
    await until(members, (s) => !s.isFetching && s.data.some((m) => m.publicUserData?.userId === TIM), 'the list to show it');
    await clearRequests();
    const updated = await acme.updateMember({ userId: TIM, role: 'org:member' });
    equal(await sentOne('updateMember'), ['POST', memberPath(ACME, TIM), [['_method', 'PATCH']], FORM, 'role=org%3Amember'], 'updateMember');
    equal(updated.role, 'org:member', 'the changed membership');
    const row = members.getSnapshot().data.find((m) => m.publicUserData?.userId === TIM);
    equal(row.role, 'org:member', 'the live list shows the change at once');
    await clearRequests();
    const removed = await acme.removeMember(TIM);
    equal(await sentOne('removeMember'), ['POST', memberPath(ACME, TIM), [['_method', 'DELETE']], FORM, null], 'removeMember (a form content type even without a body, docs/wire.md §3)');
    equal(removed.publicUserData.userId, TIM, 'the removed membership');
    assert(!members.getSnapshot().data.some((m) => m.publicUserData?.userId === TIM), 'the live list drops the row at once');
    apiError(await rejection(acme.addMember({ userId: BARBARA, role: 'org:member' })), 400, 'already_a_member_in_organization', 'already a member');
    members.free();
  },

  async 'a member added while a live list is fetching (an older page in flight) is shown once that fetch settles'() {
    await reset();
    const { api, token } = await apiAs(ADA);
    const acme = await organization(api, ACME);
    const members = acme.membershipList({ pageSize: 50 });
    await settled(members);
    // The page as it is now, answered 400 ms late: the revalidation below is in flight, with an
    // answer from before the addition, when addMember() resolves.
    const url = `${proxyUrl}v1/organizations/${ACME}/memberships?paginated=true&limit=50&offset=0&__clerk_db_jwt=${encodeURIComponent(token)}`;
    const before = await (await fetch(url, { credentials: 'include' })).text();
    await fault({ method: 'GET', path: `/v1/organizations/${ACME}/memberships`, status: 200, body: before, delay_ms: 400 });
    const revalidated = members.revalidate();
    await acme.addMember({ userId: TIM, role: 'org:member' });
    assert(members.getSnapshot().isFetching, 'the older page is still in flight when addMember resolves');
    await revalidated;
    const shown = await until(members, (s) => !s.isFetching && s.data.some((m) => m.publicUserData?.userId === TIM), 'the list to show Tim');
    assert(shown.data.some((m) => m.publicUserData?.userId === TIM), 'Tim is shown');
    members.free();
  },

  async 'leave(): POST /v1/me/organization_memberships/{org}?_method=DELETE; resolves the deleted object'() {
    await reset();
    const { api } = await apiAs(ALAN);
    const acme = await organization(api, ACME);
    await clearRequests();
    const gone = await acme.leave();
    equal(await sentOne('leave'), ['POST', `/v1/me/organization_memberships/${ACME}`, [['_method', 'DELETE']], FORM, null], 'the request');
    equal([gone.object, gone.id, gone.deleted], ['organization_membership', 'orgmem_2aAlan0Acme3Kn6Sx9Zr', true], 'the deleted membership');
    const { data } = await OrganizationMembership.retrieve(api);
    assert(!data.some((m) => m.organization.id === ACME), 'Alan is no longer in Acme');
  },

  async 'the signed-in user: UserOrganizationInvitation.retrieve and accept() (they join); OrganizationSuggestion.retrieve and accept()'() {
    await reset();
    const admin = await apiAs(ADA);
    const acme = await organization(admin.api, ACME);
    const members = acme.membershipList({ pageSize: 50 });
    await settled(members);
    const tim = await apiAs(TIM);
    await clearRequests();
    const { data, totalCount } = await UserOrganizationInvitation.retrieve(tim.api, { status: 'pending' });
    equal(await sentOne('retrieve invitations'), ['GET', '/v1/me/organization_invitations',
      [['status', 'pending'], ['limit', '10'], ['offset', '0']], null, null], 'the request');
    equal(totalCount, 1, 'one pending invitation');
    const [invitation] = data;
    assert(invitation instanceof UserOrganizationInvitation, 'a UserOrganizationInvitation');
    equal([invitation.id, invitation.publicOrganizationData.id, invitation.publicOrganizationData.name, invitation.role],
      [TIM_INVITATION, ACME, 'Acme Rockets', 'org:member'], 'its fields');
    assert(Object.isFrozen(invitation.publicOrganizationData), 'publicOrganizationData is frozen');
    await clearRequests();
    assert((await invitation.accept()) === invitation && invitation.status === 'accepted', 'the same instance, now accepted');
    equal(await sentOne('accept'), ['POST', `/v1/me/organization_invitations/${TIM_INVITATION}/accept`, [], FORM, null], 'accept');
    await until(members, (s) => !s.isFetching && s.data.some((m) => m.publicUserData?.userId === TIM), 'the list to show it');
    const { data: mine } = await OrganizationMembership.retrieve(tim.api);
    equal(mine.map((m) => [m.organization.id, m.role]), [[ACME, 'org:member']], 'Tim is a member, with the invitation\'s role');
    apiError(await rejection(invitation.accept()), 404, 'organization_invitation_not_pending', 'accepted twice');
    members.free();

    await clearRequests();
    const suggestions = await OrganizationSuggestion.retrieve(admin.api, { status: ['pending'] });
    equal(await sentOne('retrieve suggestions'), ['GET', '/v1/me/organization_suggestions',
      [['status', 'pending'], ['limit', '10'], ['offset', '0']], null, null], 'the request');
    const [suggestion] = suggestions.data;
    assert(suggestion instanceof OrganizationSuggestion, 'an OrganizationSuggestion');
    equal([suggestion.id, suggestion.status, suggestion.publicOrganizationData.name.length > 0], [INITECH_SUGGESTION, 'pending', true], 'its fields');
    assert((await suggestion.accept()) === suggestion && suggestion.status === 'accepted', 'accept: the same instance, now accepted');
    apiError(await rejection(suggestion.accept()), 400, 'organization_suggestion_already_accepted', 'accepted twice');
  },

  async 'pendingInvitationsCount: what the client learned after an organization was read, never before; toJSON agrees'() {
    await reset();
    const { api, token } = await apiAs(ADA);
    const acme = await organization(api, ACME);
    equal((await acme.getInvitations({ status: [] })).totalCount, 3, 'an empty status filter lists every status');
    equal(acme.pendingInvitationsCount, 1, 'so it does not set the count');
    await acme.getInvitations({ status: ['pending', 'expired'] });
    const [tim] = (await acme.getInvitations({ status: ['pending', 'revoked'] })).data.filter((i) => i.status === 'pending');
    await tim.revoke();
    equal(acme.pendingInvitationsCount, 0, 'a revoke counts without any page of pending invitations alone');
    await acme.inviteMember({ emailAddress: 'one@example.test', role: 'org:member' });
    equal([acme.pendingInvitationsCount, acme.toJSON().pending_invitations_count], [1, 1], 'an invite counts; toJSON shows the same');
    // Another admin elsewhere (a client of another Frontend API URL) invites two more.
    const elsewhere = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl: proxyUrl.replace('127.0.0.1', 'localhost'), devBrowserJwt: token });
    const other = await organization(elsewhere, ACME);
    await other.inviteMembers({ emailAddresses: ['two@example.test', 'three@example.test'], role: 'org:member' });
    equal(acme.pendingInvitationsCount, 1, 'this client was not told');
    const fresh = await organization(api, ACME);
    equal(fresh.pendingInvitationsCount, 3, 'an organization read later shows its own, newer count');
    // A page of pending invitations asked for before an invite, answered after it, counts from when it was asked.
    const listUrl = `${proxyUrl}v1/organizations/${ACME}/invitations?status=pending&__clerk_db_jwt=${encodeURIComponent(token)}`;
    const old = await (await fetch(listUrl, { credentials: 'include' })).text();
    await fault({ method: 'GET', path: `/v1/organizations/${ACME}/invitations`, status: 200, body: old, delay_ms: 400 });
    const page = fresh.getInvitations({ status: 'pending' });
    await fresh.inviteMember({ emailAddress: 'four@example.test', role: 'org:member' });
    equal((await page).totalCount, 3, 'the older page');
    equal(fresh.pendingInvitationsCount, 4, 'the invite made after it was asked for still counts');
    // The invited user accepts: a client of the same Frontend API counts it.
    const tim2 = await apiAs(TIM);
    const sent = await fresh.inviteMember({ emailAddress: 'tim@example.test', role: 'org:member' });
    equal(fresh.pendingInvitationsCount, 5, 'Tim invited again');
    const [again] = (await UserOrganizationInvitation.retrieve(tim2.api, { status: 'pending' })).data;
    equal(again.id, sent.id, 'Tim sees it');
    await again.accept();
    equal(fresh.pendingInvitationsCount, 4, 'an accepted invitation leaves the count, for every client of the same Frontend API');
  },

  async 'an instance frozen after a read stays as it was, and the call resolves to a new object; a method on a foreign object is refused with invalid_option'() {
    await reset();
    const { api } = await apiAs(ADA);
    const acme = await organization(api, ACME);
    const { data } = await acme.getMemberships({ pageSize: 50 });
    const alan = data.find((m) => m.publicUserData?.userId === ALAN);
    equal(alan.role, 'org:member', 'read before');
    Object.freeze(alan);
    const updated = await alan.update({ role: 'org:billing' });
    assert(updated !== alan, 'a new object, since the frozen one cannot change');
    equal([updated.role, alan.role, alan.toJSON().role], ['org:billing', 'org:member', 'org:member'], 'the frozen one shows what it showed, toJSON too');
    const [tim] = (await acme.getInvitations({ status: 'pending' })).data;
    const foreign = thrown(() => tim.revoke.call(alan));
    runtime(foreign, 'invalid_option', 'a method called on an object of another class');
    assert(foreign.message.includes('not an instance of OrganizationInvitation'), foreign.message);
    equal([tim.revoke.name, alan.update.name, alan.update.length], ['revoke', 'update', 0], 'wrapped methods keep their names');
    equal(tim.status, 'pending', 'nothing was sent');
  },

  async 'freed instances refuse with freed'() {
    await reset();
    const { api } = await apiAs(ADA);
    const acme = await organization(api, ACME);
    const [tim] = (await acme.getInvitations({ status: 'pending' })).data;
    tim.free();
    runtime(thrown(() => tim.status), 'freed', 'a read');
    runtime(await rejection(tim.revoke()), 'freed', 'a call');
  },
};

await runChecks(checks);
