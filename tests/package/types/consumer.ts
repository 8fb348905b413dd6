// Uses the whole public API with precise types; must compile under `tsc --strict`.
import init, {
  FrontendApi,
  OrganizationMembership,
  OrganizationInvitation,
  OrganizationMembershipRequest,
  UserOrganizationInvitation,
  OrganizationSuggestion,
  type DeletedObjectResource,
  type PublicOrganizationData,
  Organization,
  PublicUserData,
  type OrganizationMembershipJSON,
  type OrganizationMembershipJSONSnapshot,
  ClerkRuntimeError,
  ClerkAPIResponseError,
  isClerkRuntimeError,
  isClerkAPIResponseError,
  type ClerkRuntimeErrorCode,
  type ClientJSON,
  type RoleResource,
  MembershipList,
  type MembershipListSnapshot,
  type InvitationList,
  type InvitationListSnapshot,
  type MembershipRequestList,
  type MembershipRequestListSnapshot,
} from 'clerk-membership';

declare module 'clerk-membership' {
  interface OrganizationMembershipPublicMetadata {
    seat: number;
  }
}

await init();
const json: OrganizationMembershipJSON = {
  id: 'orgmem_1',
  role: 'org:admin',
  created_at: 1,
  updated_at: 2,
  organization: { id: 'org_1', name: 'Acme', created_at: 1, updated_at: 2 },
  public_metadata: { seat: 4 },
};
const m: OrganizationMembership = OrganizationMembership.fromJSON(json);
const id: string = m.id;
const role: string = m.role;
const roleName: string | null = m.roleName;
const permissions: readonly string[] = m.permissions;
const seat: number = m.publicMetadata.seat;
const org: Organization = m.organization;
const user: PublicUserData | undefined = m.publicUserData;
const firstName: string | null | undefined = user?.firstName;
const created: Date = m.createdAt;
const updated: Date = m.updatedAt;
const slug: string | null = org.slug;
const count: number = org.membersCount;
const sso: boolean = org.selfServeSSOEnabled;
const can: boolean = m.hasPermission('org:sys_memberships:manage');
const snapshot: OrganizationMembershipJSONSnapshot = m.toJSON();
const everyKey: string[] = snapshot.permissions;
const orgSlug: string | null = snapshot.organization.slug;
const again = OrganizationMembership.fromJSON(snapshot);
try {
  OrganizationMembership.fromJSON({} as OrganizationMembershipJSON);
} catch (e) {
  if (e instanceof ClerkRuntimeError) {
    const code: ClerkRuntimeErrorCode = e.code;
    console.log(code, e.path, e.clerkRuntimeError);
  }
  if (isClerkRuntimeError(e)) {
    const path: string | undefined = e.path;
    console.log(path);
  }
}
const clients: ClientJSON[] = [];
const api = new FrontendApi({
  publishableKey: 'pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk',
  proxyUrl: 'https://app.example.com/__clerk',
  timeoutMs: 5000,
  retry: { maxRetries: 2, maxWaitMs: 3000 },
  onClient: (client) => clients.push(client),
});
api.sessionId = 'sess_1';
api.sessionId = null;
const base: string = api.baseUrl;
const kind: 'development' | 'production' = api.instanceType;
const token: string | null = api.token;
const bound = OrganizationMembership.fromJSON(json, api);
const controller = new AbortController();
const changed: OrganizationMembership = await bound.update({ role: 'org:admin' });
await bound.update({ role: 'org:member' }, { signal: controller.signal });
const removed: OrganizationMembership = await bound.destroy();
await bound.destroy({ signal: controller.signal });
const mine = await OrganizationMembership.retrieve(api);
const page2 = await OrganizationMembership.retrieve(api, { initialPage: 2, pageSize: 20 }, { signal: controller.signal });
const firstOrg: Organization | undefined = mine.data[0]?.organization;
const members = await bound.organization.getMemberships({ role: ['org:admin', 'org:member'], query: 'ada', pageSize: 5 });
const count2: number = members.totalCount + page2.totalCount;
const roles: RoleResource[] = (await bound.organization.getRoles()).data;
const roleKey: string | undefined = roles[0]?.permissions[0]?.key;
try {
  await bound.update({ role: 'org:admin' });
} catch (e) {
  if (isClerkAPIResponseError(e)) {
    const status: number = e.status;
    const param: string | undefined = e.errors[0]?.meta.paramName;
    console.log(status, param, e.retryAfter, e.clerkTraceId);
  } else if (e instanceof ClerkAPIResponseError) {
    console.log(e.code);
  }
}
console.log(base, kind, token, changed, removed, firstOrg, count2, roleKey);
// The live list, as useSyncExternalStore takes it: detached subscribe and getSnapshot.
const list: MembershipList = bound.organization.membershipList({ pageSize: 20, query: 'ada', role: ['org:admin'], infinite: true, keepPreviousData: true });
const { subscribe, getSnapshot } = list;
const unsubscribe: () => void = subscribe(() => {
  const snapshot: MembershipListSnapshot = getSnapshot();
  const rows: readonly OrganizationMembership[] = snapshot.data;
  const flags: boolean[] = [snapshot.isLoading, snapshot.isFetching, snapshot.hasNextPage, snapshot.hasPreviousPage];
  const numbers: number[] = [snapshot.totalCount, snapshot.page, snapshot.pageCount];
  if (snapshot.error instanceof ClerkAPIResponseError) console.log(snapshot.error.status);
  const pending: readonly string[] = snapshot.pendingIds;
  console.log(rows, flags, numbers, snapshot.error?.message, pending.includes(rows[0]?.id ?? ''));
});
const next: MembershipListSnapshot = await list.fetchNext({ signal: controller.signal });
await list.fetchPrevious();
await list.fetchPage(2);
await list.revalidate();
await list.setParams({ query: 'grace' });
unsubscribe();
list.free();
console.log(next.page);
m.free();
again[Symbol.dispose]();
console.log(everyKey, orgSlug, id, role, roleName, permissions, seat, firstName, created, updated, slug, count, sso, can);

// Issue 20: invitations, requests to join, members by user id, leaving, the signed-in user's side.
const org20: Organization = bound.organization;
const { data: invitations, totalCount: invited } = await org20.getInvitations({ status: ['pending', 'expired'], pageSize: 20 });
const first: OrganizationInvitation | undefined = invitations[0];
const revoked: OrganizationInvitation | undefined = await first?.revoke({ signal: controller.signal });
const invitationFields: [string, string, string, string | null, Date] = [invitations[0].emailAddress, invitations[0].status, invitations[0].role, invitations[0].roleName, invitations[0].createdAt];
const sent: OrganizationInvitation = await org20.inviteMember({ emailAddress: 'ada@example.com', role: 'org:member' });
const sentMany: OrganizationInvitation[] = await org20.inviteMembers({ emailAddresses: ['a@example.com'], role: 'org:member' });
const { data: requests } = await org20.getMembershipRequests({ status: 'pending' });
const request: OrganizationMembershipRequest = await requests[0].accept();
const rejected: OrganizationMembershipRequest = await requests[0].reject();
const requestStatus: string = request.status;
const added: OrganizationMembership = await org20.addMember({ userId: 'user_1', role: 'org:member' });
const changedById: OrganizationMembership = await org20.updateMember({ userId: 'user_1', role: 'org:admin' });
const removedById: OrganizationMembership = await org20.removeMember('user_1');
const left: DeletedObjectResource = await org20.leave();
const pendingCount: number = org20.pendingInvitationsCount;
const { data: mine20 } = await UserOrganizationInvitation.retrieve(api, { status: 'pending' });
const from: PublicOrganizationData | null = mine20[0].publicOrganizationData;
const accepted: UserOrganizationInvitation = await mine20[0].accept();
const { data: suggestions } = await OrganizationSuggestion.retrieve(api);
const suggested: OrganizationSuggestion = await suggestions[0].accept();
console.log(invited, revoked, invitationFields, sent, sentMany, rejected, requestStatus, added, changedById, removedById,
  left.deleted, pendingCount, from?.name, accepted.status, suggested.publicOrganizationData, first?.toJSON().email_address);
// The live lists of invitations and requests: the same methods, typed rows.
const invitationList: InvitationList = org20.invitationList({ status: ['pending'], pageSize: 20, infinite: false, keepPreviousData: true });
const invitationSnapshot: InvitationListSnapshot = invitationList.getSnapshot();
const shownInvitations: readonly OrganizationInvitation[] = invitationSnapshot.data;
const stopInvitations: () => void = invitationList.subscribe(() => console.log(invitationList.getSnapshot().pendingIds));
const revokedList: InvitationListSnapshot = await invitationList.setParams({ status: 'revoked' }, { signal: controller.signal });
await invitationList.fetchNext();
await invitationList.fetchPage(2);
stopInvitations();
invitationList.free();
const requestList: MembershipRequestList = org20.membershipRequestList({ status: 'pending' });
const { getSnapshot: requestSnapshot } = requestList;
const shownRequests: readonly OrganizationMembershipRequest[] = requestSnapshot().data;
const requestPage: MembershipRequestListSnapshot = await requestList.revalidate();
requestList[Symbol.dispose]();
console.log(shownInvitations, revokedList.totalCount, shownRequests[0]?.status, requestPage.isFetching);
