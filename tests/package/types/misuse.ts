// Each line is a mistake the declarations must catch: `tsc --strict` has to report exactly these.
import { FrontendApi, OrganizationMembership, ClerkRuntimeError } from 'clerk-membership';

const m = OrganizationMembership.fromJSON({ id: 'orgmem_1', role: 'org:admin', created_at: 1, updated_at: 2 }); // no organization
const n: number = m.role; // role is a string
m.role = 'org:member'; // read-only
const d: string = m.createdAt; // a Date
m.hasPermission(7); // takes a string
m.permissions.push('org:x'); // frozen: readonly string[]
const o = m.organization.nonexistent; // no such property
new OrganizationMembership(); // no public constructor
void m.update({ role: 1 }); // role is a string
void m.update(); // params are required
void m.destroy({ signal: 'stop' }); // signal is an AbortSignal
new FrontendApi({ publishableKey: 'pk_test_x', authMode: 'bearer' }); // 'cookie' or 'header'
void OrganizationMembership.retrieve(); // needs an api
new ClerkRuntimeError('message', 'no_such_code'); // not a ClerkRuntimeErrorCode
m.organization.membershipList({ infinite: 'yes' }); // infinite is a boolean
void m.organization.inviteMember({ emailAddress: 'a@example.com' }); // role is required
void m.organization.getInvitations({ status: 5 }); // a status is a string
void m.organization.removeMember({ userId: 'user_1' }); // takes the user id string
m.organization.invitationList({ status: 5 }); // a status is a string
m.organization.membershipRequestList({ role: 'org:admin' }); // no role filter on requests
void m.organization.invitationList().setParams({ query: 'ada' }); // no query on invitations
console.log(n, d, o);
