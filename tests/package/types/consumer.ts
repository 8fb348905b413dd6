// Uses the whole public API with precise types; must compile under `tsc --strict`.
import init, {
  OrganizationMembership,
  Organization,
  PublicUserData,
  type OrganizationMembershipJSON,
  type OrganizationMembershipJSONSnapshot,
  type ClerkRuntimeError,
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
  const error = e as ClerkRuntimeError;
  const code: 'invalid_json' = error.code;
  console.log(code, error.path);
}
m.free();
again[Symbol.dispose]();
console.log(everyKey, orgSlug, id, role, roleName, permissions, seat, firstName, created, updated, slug, count, sso, can);
