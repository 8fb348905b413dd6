/* tslint:disable */
/* eslint-disable */

/**
 * `publicMetadata` of a membership. Augment it to type your own keys:
 * `declare module 'clerk-membership' { interface OrganizationMembershipPublicMetadata { seat: number } }`
 */
export interface OrganizationMembershipPublicMetadata {
    [key: string]: unknown;
}

/** `publicMetadata` of an organization; augment it like `OrganizationMembershipPublicMetadata`. */
export interface OrganizationPublicMetadata {
    [key: string]: unknown;
}

/** An `organization` object as the Frontend API sends it. Unknown keys are ignored. */
export interface OrganizationJSON {
    object?: 'organization';
    id: string;
    name: string;
    slug?: string | null;
    image_url?: string | null;
    has_image?: boolean | null;
    public_metadata?: OrganizationPublicMetadata | null;
    members_count?: number | null;
    pending_invitations_count?: number | null;
    max_allowed_memberships?: number | null;
    admin_delete_enabled?: boolean | null;
    self_serve_sso_enabled?: boolean | null;
    exclusive_membership?: boolean | null;
    /** Milliseconds since the epoch. */
    created_at: number;
    /** Milliseconds since the epoch. */
    updated_at: number;
}

/** A `public_user_data` object as the Frontend API sends it. Unknown keys are ignored. */
export interface PublicUserDataJSON {
    object?: 'public_user_data';
    id?: string;
    first_name?: string | null;
    last_name?: string | null;
    image_url?: string | null;
    has_image?: boolean | null;
    identifier?: string | null;
    user_id?: string | null;
    username?: string | null;
    banned?: boolean | null;
    deprovisioned?: boolean | null;
}

/** An `organization_membership` object as the Frontend API sends it (docs/wire.md §6). */
export interface OrganizationMembershipJSON {
    object?: 'organization_membership';
    id: string;
    public_metadata?: OrganizationMembershipPublicMetadata | null;
    role: string;
    role_name?: string | null;
    permissions?: string[] | null;
    /** Milliseconds since the epoch. */
    created_at: number;
    /** Milliseconds since the epoch. */
    updated_at: number;
    organization: OrganizationJSON;
    public_user_data?: PublicUserDataJSON | null;
}

/** What `Organization.toJSON()` returns: every key present, `object` first. */
export interface OrganizationJSONSnapshot extends OrganizationJSON {
    object: 'organization';
    slug: string | null;
    image_url: string;
    has_image: boolean;
    public_metadata: OrganizationPublicMetadata;
    members_count: number;
    pending_invitations_count: number;
    max_allowed_memberships: number;
    admin_delete_enabled: boolean;
    self_serve_sso_enabled: boolean;
    exclusive_membership: boolean;
}

/** What `PublicUserData.toJSON()` returns: every user-data key present. */
export interface PublicUserDataJSONSnapshot extends PublicUserDataJSON {
    first_name: string | null;
    last_name: string | null;
    image_url: string;
    has_image: boolean;
    identifier: string;
    user_id: string | null;
    username: string | null;
    banned: boolean;
    deprovisioned: boolean;
}

/**
 * What `OrganizationMembership.toJSON()` returns: every key present, `object` first, timestamps in ms.
 * Metadata objects are the membership's own (not copies), as in clerk-js.
 */
export interface OrganizationMembershipJSONSnapshot extends OrganizationMembershipJSON {
    object: 'organization_membership';
    public_metadata: OrganizationMembershipPublicMetadata;
    role_name: string | null;
    permissions: string[];
    organization: OrganizationJSONSnapshot;
    public_user_data: PublicUserDataJSONSnapshot | null;
}

/** The piggybacked `client` of a mutation's answer (docs/wire.md §5): the signed-in client after the change. */
export interface ClientJSON {
    object: 'client';
    id: string;
    sessions: unknown[];
    last_active_session_id: string | null;
    [key: string]: unknown;
}

/** Options of `new FrontendApi(options)`. */
export interface FrontendApiOptions {
    /** `pk_test_…` or `pk_live_…` from the Clerk dashboard. Required. */
    publishableKey?: string;
    /** An absolute URL of a proxy in front of the Frontend API, e.g. `https://app.example.com/__clerk`. */
    proxyUrl?: string;
    /** A production instance's Frontend API domain, e.g. `clerk.example.com`. */
    domain?: string;
    /** The session calls act for (`_clerk_session_id`); can be changed later with `api.sessionId = …`. */
    sessionId?: string | null;
    /** A dev-browser token; without one a development instance gets one from `POST /v1/dev_browser`. */
    devBrowserJwt?: string;
    /** `'cookie'` in browsers (default); `'header'` in Node, workers and extensions. */
    authMode?: 'cookie' | 'header';
    /** The client token for `authMode: 'header'` (sent as `Authorization`). */
    token?: string;
    /** Bound on every call, retries and waits included, in ms (default 30,000). */
    timeoutMs?: number;
    /** After a 429: retries (default 1) and the longest `Retry-After` waited for, in ms (default 10,000). */
    retry?: { maxRetries?: number; maxWaitMs?: number };
    /** The largest answer body read, in bytes (default 8 MiB, from 1 KiB to 64 MiB); a larger one is `invalid_response`. */
    maxResponseBytes?: number;
    /** Called with the piggybacked client after each mutation. */
    onClient?: (client: ClientJSON) => void;
    /** `__clerk_api_version` sent (default: the one clerk-js 6.40.0 sends). */
    apiVersion?: string;
    /** `_clerk_js_version` sent (default `6.40.0`). */
    clerkJsVersion?: string;
}

/** Per-call options. */
export interface RequestOptions {
    /** Aborts the call; it then rejects with a `ClerkRuntimeError` of code `aborted`. */
    signal?: AbortSignal;
}

/** `update()`'s parameters. */
export interface UpdateOrganizationMembershipParams {
    /** A role key of the organization, e.g. `org:admin`. */
    role: string;
}

/** A page of a list (`offset = (initialPage − 1) × pageSize`). */
export interface ClerkPaginationParams {
    /** From 1 (default 1). */
    initialPage?: number;
    /** From 1 to 500 (default 10). */
    pageSize?: number;
}

/** `OrganizationMembership.retrieve()`'s parameters. */
export type GetUserOrganizationMembershipParams = ClerkPaginationParams;

/** `organization.getMemberships()`'s parameters. */
export interface GetMembershipsParams extends ClerkPaginationParams {
    /** Only members with this role, or with any of these roles. */
    role?: string | string[];
    /** Only members whose names, identifiers, username or user id match. */
    query?: string;
}

/** `organization.getRoles()`'s parameters. */
export type GetRolesParams = ClerkPaginationParams;

/** A page of results. */
export interface ClerkPaginatedResponse<T> {
    data: T[];
    totalCount: number;
}

/** A permission a role grants. */
export interface PermissionResource {
    id: string;
    key: string;
    name: string;
    description: string;
    type: string;
    createdAt: Date;
    updatedAt: Date;
}

/** A role of an organization, as listed by `organization.getRoles()`. */
export interface RoleResource {
    id: string;
    key: string;
    name: string;
    description: string;
    isCreatorEligible: boolean;
    permissions: PermissionResource[];
    createdAt: Date;
    updatedAt: Date;
}

export interface OrganizationMembership {
    /** The membership id (`orgmem_…`). */
    readonly id: string;
    /** The role key, e.g. `org:admin`. */
    readonly role: string;
    /** The role's display name, e.g. `Admin`; `null` when the Frontend API did not send one. */
    readonly roleName: string | null;
    /** The permission keys this membership grants (`[]` when none); frozen, as it is shared by every read. */
    readonly permissions: readonly string[];
    /**
     * Application-defined metadata: a plain object, made from the JSON the Frontend API sent on
     * first read and the same object on every later read.
     */
    readonly publicMetadata: OrganizationMembershipPublicMetadata;
    /** The member's public profile, or `undefined` when the Frontend API sent none. */
    readonly publicUserData: PublicUserData | undefined;
    /** The organization this membership belongs to (bound to the same `FrontendApi`). */
    readonly organization: Organization;
    /** When the membership was created. */
    readonly createdAt: Date;
    /** When the membership last changed. */
    readonly updatedAt: Date;
    /**
     * Changes the member's role (`PATCH /v1/organizations/{org}/memberships/{user}`). Resolves to this
     * same instance (as clerk-js), now showing the state the Frontend API answered with.
     * @example await membership.update({ role: 'org:admin' });
     */
    update(params: UpdateOrganizationMembershipParams, options?: RequestOptions): Promise<OrganizationMembership>;
    /**
     * Removes the member (`DELETE /v1/organizations/{org}/memberships/{user}`); resolves to the removed membership.
     * @example await membership.destroy();
     */
    destroy(options?: RequestOptions): Promise<OrganizationMembership>;
}

export declare namespace OrganizationMembership {
    /**
     * Builds a membership from a Frontend API `organization_membership` object, bound to `api` for
     * `update()` and `destroy()` when given. Throws a `ClerkRuntimeError` (`invalid_json`) naming the field.
     * @example const m = OrganizationMembership.fromJSON(json, api);
     */
    function fromJSON(json: OrganizationMembershipJSON, api?: FrontendApi): OrganizationMembership;
    /**
     * The signed-in user's memberships (`GET /v1/me/organization_memberships`), a page at a time.
     * @example const { data, totalCount } = await OrganizationMembership.retrieve(api, { pageSize: 20 });
     */
    function retrieve(
    api: FrontendApi,
    params?: GetUserOrganizationMembershipParams,
    options?: RequestOptions,
    ): Promise<ClerkPaginatedResponse<OrganizationMembership>>;
}

/** A member's public profile, as Clerk's `PublicUserData`. */
export interface PublicUserData {
    /** First name, or `null`. */
    readonly firstName: string | null;
    /** Last name, or `null`. */
    readonly lastName: string | null;
    /** Avatar URL. */
    readonly imageUrl: string;
    /** Whether `imageUrl` is an uploaded image. */
    readonly hasImage: boolean;
    /** The primary identifier: email address, phone number or username. */
    readonly identifier: string;
    /** The user id (`user_…`) that membership calls address, or `null`. */
    readonly userId: string | null;
    /** Username, or `null`. */
    readonly username: string | null;
    /** Whether the user is banned. */
    readonly banned: boolean;
    /** Whether the user was deprovisioned through SCIM. */
    readonly deprovisioned: boolean;
}

export interface Organization {
    /** The organization id (`org_…`). */
    readonly id: string;
    /** The display name. */
    readonly name: string;
    /** The URL-friendly name, or `null`. */
    readonly slug: string | null;
    /** The logo or generated avatar URL. */
    readonly imageUrl: string;
    /** Whether `imageUrl` is an uploaded image. */
    readonly hasImage: boolean;
    /**
     * Application-defined metadata: a plain object, made from the JSON the Frontend API sent on
     * first read and the same object on every later read.
     */
    readonly publicMetadata: OrganizationPublicMetadata;
    /** The number of members. */
    readonly membersCount: number;
    /**
     * The number of pending invitations. Live: it follows the invitations this package sends and
     * revokes, and the pending-invitation pages it fetches (`getInvitations({ status: 'pending' })`).
     */
    readonly pendingInvitationsCount: number;
    /** The membership limit of the organization's plan. */
    readonly maxAllowedMemberships: number;
    /** Whether admins may delete the organization. */
    readonly adminDeleteEnabled: boolean;
    /** Whether the organization can configure self-serve enterprise SSO. */
    readonly selfServeSSOEnabled: boolean;
    /** Whether members may belong to this organization only. */
    readonly exclusiveMembership: boolean;
    /** When the organization was created. */
    readonly createdAt: Date;
    /** When the organization last changed. */
    readonly updatedAt: Date;
    /**
     * The organization's members (`GET /v1/organizations/{org}/memberships`), a page at a time.
     * @example const { data } = await membership.organization.getMemberships({ role: 'org:admin' });
     */
    getMemberships(
    params?: GetMembershipsParams,
    options?: RequestOptions,
    ): Promise<ClerkPaginatedResponse<OrganizationMembership>>;
    /**
     * The roles members can have, for a role picker (`GET /v1/organizations/{org}/roles`).
     * @example const { data: roles } = await membership.organization.getRoles();
     */
    getRoles(params?: GetRolesParams, options?: RequestOptions): Promise<ClerkPaginatedResponse<RoleResource>>;
    /**
     * The organization's invitations (`GET /v1/organizations/{org}/invitations`), a page at a time.
     * @example const { data } = await organization.getInvitations({ status: 'pending' });
     */
    getInvitations(
    params?: GetInvitationsParams,
    options?: RequestOptions,
    ): Promise<ClerkPaginatedResponse<OrganizationInvitation>>;
    /**
     * The requests to join the organization (`GET /v1/organizations/{org}/membership_requests`).
     * @example const { data } = await organization.getMembershipRequests({ status: 'pending' });
     */
    getMembershipRequests(
    params?: GetMembershipRequestsParams,
    options?: RequestOptions,
    ): Promise<ClerkPaginatedResponse<OrganizationMembershipRequest>>;
    /**
     * A live, paginated list of the organization's invitations, already loading its first page: the
     * pages of `getInvitations`, kept up to date by `inviteMember()`, `inviteMembers()`, `revoke()`
     * and accepted invitations, as `membershipList()` is by member changes.
     * @example const list = organization.invitationList({ status: 'pending', pageSize: 20 });
     */
    invitationList(params?: InvitationListParams): InvitationList;
    /**
     * A live, paginated list of the requests to join the organization, already loading its first
     * page: the pages of `getMembershipRequests`, kept up to date by `accept()` and `reject()`.
     * @example const list = organization.membershipRequestList({ status: 'pending' });
     */
    membershipRequestList(params?: MembershipRequestListParams): MembershipRequestList;
    /**
     * Invites one email address (`POST /v1/organizations/{org}/invitations`).
     * @example const invitation = await organization.inviteMember({ emailAddress: 'ada@example.com', role: 'org:member' });
     */
    inviteMember(params: InviteMemberParams, options?: RequestOptions): Promise<OrganizationInvitation>;
    /**
     * Invites several email addresses with one role, in one request (`POST …/invitations/bulk`).
     * @example await organization.inviteMembers({ emailAddresses: ['a@example.com', 'b@example.com'], role: 'org:member' });
     */
    inviteMembers(params: InviteMembersParams, options?: RequestOptions): Promise<OrganizationInvitation[]>;
    /**
     * Adds a user by id (`POST /v1/organizations/{org}/memberships`).
     * @example await organization.addMember({ userId: 'user_…', role: 'org:member' });
     */
    addMember(params: AddMemberParams, options?: RequestOptions): Promise<OrganizationMembership>;
    /**
     * Changes a member's role by user id (`PATCH /v1/organizations/{org}/memberships/{user}`).
     * @example await organization.updateMember({ userId: 'user_…', role: 'org:admin' });
     */
    updateMember(params: UpdateMembershipParams, options?: RequestOptions): Promise<OrganizationMembership>;
    /**
     * Removes a member by user id (`DELETE /v1/organizations/{org}/memberships/{user}`).
     * @example await organization.removeMember('user_…');
     */
    removeMember(userId: string, options?: RequestOptions): Promise<OrganizationMembership>;
    /**
     * The signed-in user leaves the organization (`DELETE /v1/me/organization_memberships/{org}`).
     * @example await organization.leave();
     */
    leave(options?: RequestOptions): Promise<DeletedObjectResource>;
}

/** An invitation's status (Clerk may add more). */
export type OrganizationInvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired' | 'completed' | (string & {});

/** A request's status (Clerk may add more). */
export type OrganizationMembershipRequestStatus = 'pending' | 'accepted' | 'rejected' | (string & {});

/** `organization.getInvitations()`'s parameters. */
export interface GetInvitationsParams extends ClerkPaginationParams {
    /** Only invitations with this status, or with any of these statuses. */
    status?: OrganizationInvitationStatus | OrganizationInvitationStatus[];
}

/** `organization.getMembershipRequests()`'s parameters. */
export interface GetMembershipRequestsParams extends ClerkPaginationParams {
    /** Only requests with this status, or with any of these statuses. */
    status?: OrganizationMembershipRequestStatus | OrganizationMembershipRequestStatus[];
}

/** `organization.invitationList(params)`: `getInvitations`'s params, and the list's own two. */
export interface InvitationListParams extends GetInvitationsParams {
    /** `fetchNext()` appends to `data` (an infinite list) instead of replacing it. */
    infinite?: boolean;
    /** While another page or other params load, keep showing the previous rows. Default `false`. */
    keepPreviousData?: boolean;
}

/** `organization.membershipRequestList(params)`: `getMembershipRequests`'s params, and the list's own two. */
export interface MembershipRequestListParams extends GetMembershipRequestsParams {
    /** `fetchNext()` appends to `data` (an infinite list) instead of replacing it. */
    infinite?: boolean;
    /** While another page or other params load, keep showing the previous rows. Default `false`. */
    keepPreviousData?: boolean;
}

/**
 * The state of an `InvitationList`: as a `MembershipListSnapshot`, with invitations; `pendingIds`
 * holds the invitations with a `revoke()` in flight.
 */
export interface InvitationListSnapshot extends Omit<MembershipListSnapshot, 'data'> {
    /** The invitations shown, each once, bound to the list's `FrontendApi`. */
    readonly data: readonly OrganizationInvitation[];
}

/**
 * The state of a `MembershipRequestList`: as a `MembershipListSnapshot`, with requests;
 * `pendingIds` holds the requests with an `accept()` or `reject()` in flight.
 */
export interface MembershipRequestListSnapshot extends Omit<MembershipListSnapshot, 'data'> {
    /** The requests shown, each once, bound to the list's `FrontendApi`. */
    readonly data: readonly OrganizationMembershipRequest[];
}

/**
 * A live list with `MembershipList`'s methods and snapshot contract, for other rows. At run time it
 * is a `MembershipList` object.
 */
export interface LiveList<Snapshot, Params> {
    /** The current state, the same object until something changes. */
    getSnapshot(): Snapshot;
    /** Calls `listener` after every change of the snapshot; returns the function that unsubscribes. */
    subscribe(listener: () => void): () => void;
    /** The next page (appended to `data` in an infinite list). */
    fetchNext(options?: RequestOptions): Promise<Snapshot>;
    /** The previous page (nothing in an infinite list, or on the first page). */
    fetchPrevious(options?: RequestOptions): Promise<Snapshot>;
    /** Page `page` (from 1). */
    fetchPage(page: number, options?: RequestOptions): Promise<Snapshot>;
    /** Fetches what is shown again. */
    revalidate(options?: RequestOptions): Promise<Snapshot>;
    /** Changes `status` or `pageSize` (a key given as `undefined` clears it), and starts again from page 1. */
    setParams(params: Omit<Params, 'infinite' | 'initialPage' | 'keepPreviousData'>, options?: RequestOptions): Promise<Snapshot>;
    /** Stops the list: the fetch in flight is cancelled, listeners are dropped, later fetches are `freed`. */
    free(): void;
    [Symbol.dispose](): void;
}

/** `organization.invitationList(params)`. */
export type InvitationList = LiveList<InvitationListSnapshot, InvitationListParams>;

/** `organization.membershipRequestList(params)`. */
export type MembershipRequestList = LiveList<MembershipRequestListSnapshot, MembershipRequestListParams>;

/** `UserOrganizationInvitation.retrieve()`'s and `OrganizationSuggestion.retrieve()`'s parameters. */
export interface GetUserOrganizationInvitationsParams extends ClerkPaginationParams {
    /** Only those with this status, or with any of these statuses. */
    status?: OrganizationInvitationStatus | OrganizationInvitationStatus[];
}

/** `organization.inviteMember()`'s parameters. */
export interface InviteMemberParams {
    emailAddress: string;
    /** A role key of the organization, e.g. `org:member`. */
    role: string;
}

/** `organization.inviteMembers()`'s parameters. */
export interface InviteMembersParams {
    emailAddresses: string[];
    /** A role key of the organization, e.g. `org:member`. */
    role: string;
}

/** `organization.addMember()`'s parameters. */
export interface AddMemberParams {
    userId: string;
    role: string;
}

/** `organization.updateMember()`'s parameters. */
export interface UpdateMembershipParams {
    userId: string;
    role: string;
}

/** What `organization.leave()` resolves to. */
export interface DeletedObjectResource {
    object: string;
    id: string | null;
    slug: string | null;
    deleted: boolean;
}

/** What an invitation or a suggestion shows of its organization. */
export interface PublicOrganizationData {
    readonly id: string;
    readonly name: string;
    readonly slug: string | null;
    readonly imageUrl: string;
    readonly hasImage: boolean;
}

/** An invitation as the Frontend API sends it (`toJSON()`). */
export interface OrganizationInvitationJSON {
    object: 'organization_invitation';
    id: string;
    email_address: string;
    organization_id: string;
    public_metadata: Record<string, unknown>;
    role: string;
    role_name: string | null;
    status: OrganizationInvitationStatus;
    public_organization_data: { id: string; name: string; slug: string | null; image_url: string; has_image: boolean } | null;
    url: string | null;
    expires_at: number | null;
    created_at: number;
    updated_at: number;
}

/** What `UserOrganizationInvitation.toJSON()` returns. */
export type UserOrganizationInvitationJSON = OrganizationInvitationJSON;

/** A request to join as the Frontend API sends it (`toJSON()`). */
export interface OrganizationMembershipRequestJSON {
    object: 'organization_membership_request';
    id: string;
    organization_id: string;
    status: OrganizationMembershipRequestStatus;
    public_user_data: PublicUserDataJSONSnapshot | null;
    created_at: number;
    updated_at: number;
}

/** A suggestion as the Frontend API sends it (`toJSON()`). */
export interface OrganizationSuggestionJSON {
    object: 'organization_suggestion';
    id: string;
    public_organization_data: { id: string; name: string; slug: string | null; image_url: string; has_image: boolean } | null;
    status: 'pending' | 'accepted' | (string & {});
    created_at: number;
    updated_at: number;
}

export interface OrganizationInvitation {
    /** The invitation id (`orginv_…`). */
    readonly id: string;
    /** The address invited. */
    readonly emailAddress: string;
    /** The organization's id. */
    readonly organizationId: string;
    /** Application-defined metadata. */
    readonly publicMetadata: Record<string, unknown>;
    /** The role the invited user gets, e.g. `org:member`. */
    readonly role: string;
    /** The role's display name, or `null`. */
    readonly roleName: string | null;
    /** `pending` until accepted, revoked or expired. */
    readonly status: OrganizationInvitationStatus;
    readonly createdAt: Date;
    readonly updatedAt: Date;
    /**
     * Revokes the invitation (`POST …/invitations/{id}/revoke`); resolves to this same instance, now `revoked`.
     * @example await invitation.revoke();
     */
    revoke(options?: RequestOptions): Promise<OrganizationInvitation>;
}

export interface OrganizationMembershipRequest {
    /** The request id (`orgmbr_…`). */
    readonly id: string;
    /** The organization's id. */
    readonly organizationId: string;
    /** `pending` until accepted or rejected. */
    readonly status: OrganizationMembershipRequestStatus;
    /** Who asks to join, or `undefined`. */
    readonly publicUserData: PublicUserData | undefined;
    readonly createdAt: Date;
    readonly updatedAt: Date;
    /**
     * Accepts the request: the user becomes a member; resolves to this same instance, now `accepted`.
     * @example await request.accept();
     */
    accept(options?: RequestOptions): Promise<OrganizationMembershipRequest>;
    /**
     * Rejects the request; resolves to this same instance, now `rejected`.
     * @example await request.reject();
     */
    reject(options?: RequestOptions): Promise<OrganizationMembershipRequest>;
}

export interface UserOrganizationInvitation {
    readonly id: string;
    readonly emailAddress: string;
    /** The organization that invites, or `null`. */
    readonly publicOrganizationData: PublicOrganizationData | null;
    readonly publicMetadata: Record<string, unknown>;
    readonly role: string;
    readonly roleName: string | null;
    readonly status: OrganizationInvitationStatus;
    readonly createdAt: Date;
    readonly updatedAt: Date;
    /**
     * Accepts the invitation: the signed-in user joins; resolves to this same instance, now `accepted`.
     * @example await invitation.accept();
     */
    accept(options?: RequestOptions): Promise<UserOrganizationInvitation>;
}

export declare namespace UserOrganizationInvitation {
    /**
     * The signed-in user's invitations (`GET /v1/me/organization_invitations`), a page at a time.
     * @example const { data } = await UserOrganizationInvitation.retrieve(api, { status: 'pending' });
     */
    function retrieve(
    api: FrontendApi,
    params?: GetUserOrganizationInvitationsParams,
    options?: RequestOptions,
    ): Promise<ClerkPaginatedResponse<UserOrganizationInvitation>>;
}

export interface OrganizationSuggestion {
    readonly id: string;
    /** The organization suggested, or `null`. */
    readonly publicOrganizationData: PublicOrganizationData | null;
    readonly status: 'pending' | 'accepted' | (string & {});
    readonly createdAt: Date;
    readonly updatedAt: Date;
    /**
     * Accepts the suggestion, which asks to join; resolves to this same instance, now `accepted`.
     * @example await suggestion.accept();
     */
    accept(options?: RequestOptions): Promise<OrganizationSuggestion>;
}

export declare namespace OrganizationSuggestion {
    /**
     * The signed-in user's suggestions (`GET /v1/me/organization_suggestions`), a page at a time.
     * @example const { data } = await OrganizationSuggestion.retrieve(api);
     */
    function retrieve(
    api: FrontendApi,
    params?: GetUserOrganizationInvitationsParams,
    options?: RequestOptions,
    ): Promise<ClerkPaginatedResponse<OrganizationSuggestion>>;
}

/** `organization.membershipList(params)`: the same defaults as `getMemberships`. */
export interface MembershipListParams {
    /** From 1 (default 10). */
    pageSize?: number;
    /** The first page shown, from 1 (default 1). */
    initialPage?: number;
    /** Only members whose names, identifiers, username or user id match. */
    query?: string;
    /** Only members with this role, or with any of these roles. */
    role?: string | string[];
    /** `fetchNext()` appends to `data` (an infinite list) instead of replacing it. */
    infinite?: boolean;
    /**
     * While another page or other params load, keep showing the previous rows (with `isFetching`)
     * instead of a placeholder (`isLoading`, no rows). Default `false`, as Clerk's.
     */
    keepPreviousData?: boolean;
}

/**
 * The state of a `MembershipList`: frozen, a new object (with a new `data` array) after every
 * change, the same object while nothing changes (as `useSyncExternalStore` needs).
 */
export interface MembershipListSnapshot {
    /** The members shown (all pages loaded, in an infinite list); each once, bound to the list's `FrontendApi`. */
    readonly data: readonly OrganizationMembership[];
    /** How many members match, on every page. */
    readonly totalCount: number;
    /** The page shown, from 1 (in an infinite list: the pages loaded); 0 before the first answer. */
    readonly page: number;
    /** How many pages there are. */
    readonly pageCount: number;
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    /** Fetching, and no rows to show yet (a first load, or a page change without `keepPreviousData`): show a placeholder. */
    readonly isLoading: boolean;
    /** A fetch is in flight (rows shown meanwhile: see `keepPreviousData`). */
    readonly isFetching: boolean;
    /** Why the last fetch failed (the last good rows stay); `null` after a good one. */
    readonly error: import('./index.js').ClerkAPIResponseError | import('./index.js').ClerkRuntimeError | null;
    /**
     * The ids of this organization's memberships with an `update()` or `destroy()` in flight through
     * this list's `FrontendApi` (dim or disable those rows); the same frozen array while they are the same.
     */
    readonly pendingIds: readonly string[];
}

/** The stable codes of `ClerkRuntimeError` (errors raised by this package, not by the Frontend API). */
export type ClerkRuntimeErrorCode =
| 'invalid_json'
| 'invalid_publishable_key'
| 'missing_publishable_key'
| 'invalid_proxy_url'
| 'invalid_domain'
| 'invalid_option'
| 'invalid_role'
| 'missing_user_id'
| 'invalid_id'
| 'unbound_membership'
| 'freed'
| 'network_error'
| 'timeout'
| 'aborted'
| 'invalid_response'
| 'not_initialized'
| 'wasm_not_found'
| 'internal_error';

// The classes have `[Symbol.dispose]()` (`using m = …`); this keeps the declarations valid for
// programs whose `lib` predates `esnext.disposable` (ES2022 + DOM, with skipLibCheck off).
declare global {
    interface SymbolConstructor {
        readonly dispose: unique symbol;
    }
}


/** One entry of a `ClerkAPIResponseError`'s `errors`. */
export interface ClerkAPIError {
    /** e.g. `organization_minimum_permissions_needed`. */
    code: string;
    message: string;
    longMessage?: string;
    /** `meta`, keys camelCased (`paramName`). */
    meta: { paramName?: string; [key: string]: unknown };
}




export let ClerkAPIResponseError: unknown;

export let ClerkRuntimeError: unknown;

/**
 * A Frontend API client: `new FrontendApi({ publishableKey, … })`. Cheap to share between memberships.
 */
export class FrontendApi {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Releases the client: its own later use, and calls not yet started on memberships bound to
     * it, throw or reject with `code: 'freed'`; calls in flight finish. Also `Symbol.dispose`.
     */
    free(): void;
    /**
     * Validates the options; throws a `ClerkRuntimeError` (`invalid_publishable_key`,
     * `missing_publishable_key`, `invalid_proxy_url`, `invalid_domain`, `invalid_option`) when one is wrong.
     */
    constructor(options: FrontendApiOptions);
    /**
     * The base URL calls go to, e.g. `https://clerk.example.com/v1`.
     */
    readonly baseUrl: string;
    /**
     * `development` (`pk_test_`) or `production` (`pk_live_`).
     */
    readonly instanceType: 'development' | 'production';
    /**
     * The session whose id calls send as `_clerk_session_id`; set it when the user switches session.
     */
    sessionId: string | null;
    /**
     * The current dev-browser token (development, cookie mode) or client token (header mode), after
     * any rotation the Frontend API sent; `null` before there is one.
     */
    readonly token: string | null;
}

/**
 * A live list of an organization's members (`organization.membershipList(params)`), invitations
 * (`invitationList(params)`) or requests to join (`membershipRequestList(params)`).
 */
export class MembershipList {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * The next page (appended to `data` in an infinite list); nothing to fetch past the last page.
     */
    fetchNext(options?: RequestOptions): Promise<MembershipListSnapshot>;
    /**
     * Page `page` (from 1); in an infinite list, pages 1 to `page` (at most to the last page).
     */
    fetchPage(page: number, options?: RequestOptions): Promise<MembershipListSnapshot>;
    /**
     * The previous page (nothing in an infinite list, or on the first page).
     */
    fetchPrevious(options?: RequestOptions): Promise<MembershipListSnapshot>;
    /**
     * Stops the list: the fetch in flight is cancelled, listeners are dropped, later fetches are `freed`.
     */
    free(): void;
    /**
     * The current state: a frozen `{ data, totalCount, page, pageCount, hasNextPage,
     * hasPreviousPage, isLoading, isFetching, error, pendingIds }`, the same object until something changes.
     */
    getSnapshot(): MembershipListSnapshot;
    /**
     * Fetches what is shown again (every loaded page of an infinite list).
     */
    revalidate(options?: RequestOptions): Promise<MembershipListSnapshot>;
    /**
     * Changes the search `query`, the `role` filter or `pageSize` (a key given as `undefined` clears it;
     * a key left out stays), and starts again from page 1.
     */
    setParams(params: Omit<MembershipListParams, 'infinite' | 'initialPage' | 'keepPreviousData'>, options?: RequestOptions): Promise<MembershipListSnapshot>;
    /**
     * Calls `listener` after every change of the snapshot; returns the function that unsubscribes.
     */
    subscribe(listener: () => void): () => void;
}

/**
 * An organization, as Clerk's `Organization` resource exposes it on a membership.
 */
export class Organization {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Releases this object; every later read or call throws `freed`. Its membership is not affected.
     */
    free(): void;
    /**
     * A live, paginated list of the organization's members (`{ pageSize, initialPage, query, role,
     * infinite, keepPreviousData }`), already loading its first page: see `MembershipList`.
     */
    membershipList(params?: MembershipListParams): MembershipList;
    /**
     * The snake_case Frontend API snapshot of the organization.
     */
    toJSON(): OrganizationJSONSnapshot;
}

/**
 * An invitation to join an organization, as Clerk's `OrganizationInvitation` resource.
 */
export class OrganizationInvitation {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Releases the invitation at once; every later read or call throws `freed`.
     */
    free(): void;
    /**
     * The snake_case Frontend API snapshot: `JSON.stringify(invitation)` works.
     */
    toJSON(): OrganizationInvitationJSON;
}

/**
 * One user's membership in an organization, as Clerk's `OrganizationMembership` resource.
 */
export class OrganizationMembership {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Releases the membership at once (the garbage collector would, later); every later read or
     * call throws a `ClerkRuntimeError` with `code: 'freed'`. Also `Symbol.dispose` (`using m = …`).
     */
    free(): void;
    /**
     * Whether this membership grants the permission `key` (e.g. `org:sys_memberships:manage`).
     */
    hasPermission(key: string): boolean;
    /**
     * The snake_case Frontend API snapshot: `JSON.stringify(m)` works and `fromJSON(m.toJSON())`
     * round-trips. A fresh plain object on every call.
     */
    toJSON(): OrganizationMembershipJSONSnapshot;
}

/**
 * A request to join an organization, as Clerk's `OrganizationMembershipRequest` resource.
 */
export class OrganizationMembershipRequest {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Releases the request at once; every later read or call throws `freed`.
     */
    free(): void;
    /**
     * The snake_case Frontend API snapshot: `JSON.stringify(request)` works.
     */
    toJSON(): OrganizationMembershipRequestJSON;
}

/**
 * An organization suggested to the signed-in user, as Clerk's `OrganizationSuggestion` resource.
 */
export class OrganizationSuggestion {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Releases the suggestion at once; every later read or call throws `freed`.
     */
    free(): void;
    /**
     * The snake_case Frontend API snapshot.
     */
    toJSON(): OrganizationSuggestionJSON;
}

/**
 * A member's public profile, as Clerk's `PublicUserData`.
 */
export class PublicUserData {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Releases this object; every later read throws `freed`. Its membership is not affected.
     */
    free(): void;
    /**
     * The snake_case Frontend API snapshot of the public user data.
     */
    toJSON(): PublicUserDataJSONSnapshot;
}

/**
 * An invitation as the signed-in user sees it, as Clerk's `UserOrganizationInvitation` resource.
 */
export class UserOrganizationInvitation {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Releases the invitation at once; every later read or call throws `freed`.
     */
    free(): void;
    /**
     * The snake_case Frontend API snapshot.
     */
    toJSON(): UserOrganizationInvitationJSON;
}

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;


export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
