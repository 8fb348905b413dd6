//! TypeScript declarations that wasm-bindgen cannot derive: the input JSON shapes, the augmentable
//! metadata interfaces and the error shape. They are appended verbatim to `clerk_membership.d.ts`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
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
"#;
