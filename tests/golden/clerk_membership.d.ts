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

/** An `organization_membership` object as the Frontend API sends it (WIRE.md §6). */
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

/** The stable codes of errors raised by this package (not by the Frontend API). */
export type ClerkRuntimeErrorCode = 'invalid_json';

/**
 * Thrown for bad input, shaped like clerk-js's `ClerkRuntimeError`; match on `code`.
 * `path` names the offending JSON field (`organization.id`), `""` for the whole value.
 */
export interface ClerkRuntimeError extends Error {
    name: 'ClerkRuntimeError';
    clerkRuntimeError: true;
    code: ClerkRuntimeErrorCode;
    path?: string;
}



/**
 * An organization, as Clerk's `Organization` resource exposes it on a membership.
 */
export class Organization {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * The snake_case Frontend API snapshot of the organization.
     */
    toJSON(): OrganizationJSONSnapshot;
    /**
     * Whether admins may delete the organization.
     */
    readonly adminDeleteEnabled: boolean;
    /**
     * When the organization was created.
     */
    readonly createdAt: Date;
    /**
     * Whether members may belong to this organization only.
     */
    readonly exclusiveMembership: boolean;
    /**
     * Whether `imageUrl` is an uploaded image.
     */
    readonly hasImage: boolean;
    /**
     * The organization id (`org_…`).
     */
    readonly id: string;
    /**
     * The logo or generated avatar URL.
     */
    readonly imageUrl: string;
    /**
     * The membership limit of the organization's plan.
     */
    readonly maxAllowedMemberships: number;
    /**
     * The number of members.
     */
    readonly membersCount: number;
    /**
     * The display name.
     */
    readonly name: string;
    /**
     * The number of pending invitations.
     */
    readonly pendingInvitationsCount: number;
    /**
     * Application-defined metadata: the plain object the Frontend API sent.
     */
    readonly publicMetadata: OrganizationPublicMetadata;
    /**
     * Whether the organization can configure self-serve enterprise SSO.
     */
    readonly selfServeSSOEnabled: boolean;
    /**
     * The URL-friendly name, or `null`.
     */
    readonly slug: string | null;
    /**
     * When the organization last changed.
     */
    readonly updatedAt: Date;
}

/**
 * One user's membership in an organization, as Clerk's `OrganizationMembership` resource.
 */
export class OrganizationMembership {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Builds a membership from a Frontend API `organization_membership` object (snake_case).
     * Throws a `ClerkRuntimeError` with `code: "invalid_json"` naming the offending field path.
     */
    static fromJSON(json: OrganizationMembershipJSON): OrganizationMembership;
    /**
     * Whether this membership grants the permission `key` (e.g. `org:sys_memberships:manage`).
     */
    hasPermission(key: string): boolean;
    /**
     * The snake_case Frontend API snapshot: `JSON.stringify(m)` works and `fromJSON(m.toJSON())` round-trips.
     */
    toJSON(): OrganizationMembershipJSONSnapshot;
    /**
     * When the membership was created.
     */
    readonly createdAt: Date;
    /**
     * The membership id (`orgmem_…`).
     */
    readonly id: string;
    /**
     * The organization this membership belongs to.
     */
    readonly organization: Organization;
    /**
     * The permission keys this membership grants (`[]` when none); frozen, as it is shared by every read.
     */
    readonly permissions: readonly string[];
    /**
     * Application-defined metadata: the plain object the Frontend API sent.
     */
    readonly publicMetadata: OrganizationMembershipPublicMetadata;
    /**
     * The member's public profile, or `undefined` when the Frontend API sent none.
     */
    readonly publicUserData: PublicUserData | undefined;
    /**
     * The role key, e.g. `org:admin`.
     */
    readonly role: string;
    /**
     * The role's display name, e.g. `Admin`; `null` when the Frontend API did not send one.
     */
    readonly roleName: string | null;
    /**
     * When the membership last changed.
     */
    readonly updatedAt: Date;
}

/**
 * A member's public profile, as Clerk's `PublicUserData`.
 */
export class PublicUserData {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * The snake_case Frontend API snapshot of the public user data.
     */
    toJSON(): PublicUserDataJSONSnapshot;
    /**
     * Whether the user is banned.
     */
    readonly banned: boolean;
    /**
     * Whether the user was deprovisioned through SCIM.
     */
    readonly deprovisioned: boolean;
    /**
     * First name, or `null`.
     */
    readonly firstName: string | null;
    /**
     * Whether `imageUrl` is an uploaded image.
     */
    readonly hasImage: boolean;
    /**
     * The primary identifier: email address, phone number or username.
     */
    readonly identifier: string;
    /**
     * Avatar URL.
     */
    readonly imageUrl: string;
    /**
     * Last name, or `null`.
     */
    readonly lastName: string | null;
    /**
     * The user id (`user_…`) that membership calls address, or `null`.
     */
    readonly userId: string | null;
    /**
     * Username, or `null`.
     */
    readonly username: string | null;
}

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly __wbg_organization_free: (a: number, b: number) => void;
    readonly __wbg_organizationmembership_free: (a: number, b: number) => void;
    readonly __wbg_publicuserdata_free: (a: number, b: number) => void;
    readonly organization_admin_delete_enabled: (a: number) => number;
    readonly organization_created_at: (a: number) => any;
    readonly organization_exclusive_membership: (a: number) => number;
    readonly organization_has_image: (a: number) => number;
    readonly organization_id: (a: number) => [number, number];
    readonly organization_image_url: (a: number) => [number, number];
    readonly organization_max_allowed_memberships: (a: number) => number;
    readonly organization_members_count: (a: number) => number;
    readonly organization_name: (a: number) => [number, number];
    readonly organization_pending_invitations_count: (a: number) => number;
    readonly organization_public_metadata: (a: number) => any;
    readonly organization_self_serve_sso_enabled: (a: number) => number;
    readonly organization_slug: (a: number) => any;
    readonly organization_toJSON: (a: number) => any;
    readonly organization_updated_at: (a: number) => any;
    readonly organizationmembership_created_at: (a: number) => any;
    readonly organizationmembership_fromJSON: (a: any) => [number, number, number];
    readonly organizationmembership_hasPermission: (a: number, b: number, c: number) => number;
    readonly organizationmembership_id: (a: number) => [number, number];
    readonly organizationmembership_organization: (a: number) => any;
    readonly organizationmembership_permissions: (a: number) => any;
    readonly organizationmembership_public_metadata: (a: number) => any;
    readonly organizationmembership_public_user_data: (a: number) => any;
    readonly organizationmembership_role: (a: number) => [number, number];
    readonly organizationmembership_role_name: (a: number) => any;
    readonly organizationmembership_toJSON: (a: number) => any;
    readonly organizationmembership_updated_at: (a: number) => any;
    readonly publicuserdata_banned: (a: number) => number;
    readonly publicuserdata_deprovisioned: (a: number) => number;
    readonly publicuserdata_first_name: (a: number) => any;
    readonly publicuserdata_has_image: (a: number) => number;
    readonly publicuserdata_identifier: (a: number) => [number, number];
    readonly publicuserdata_image_url: (a: number) => [number, number];
    readonly publicuserdata_last_name: (a: number) => any;
    readonly publicuserdata_toJSON: (a: number) => any;
    readonly publicuserdata_user_id: (a: number) => any;
    readonly publicuserdata_username: (a: number) => any;
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

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
