//! The JSON the emulator answers with, as its own serde types (WIRE.md §5–§6).
//!
//! These are deliberately not shared with the client crate (STYLE.md habit 9): if both sides used one type,
//! a wrong key or a wrong unit would cancel out. Field order is the order Clerk writes them, `object` first.

use serde::Serialize;
use serde_json::Value;

/// `organization_membership` (WIRE.md §6).
#[derive(Debug, Clone, Serialize)]
pub struct MembershipJson {
    /// Always `organization_membership`.
    pub object: &'static str,
    /// `orgmem_…`
    pub id: String,
    /// Public metadata.
    pub public_metadata: Value,
    /// Role key.
    pub role: String,
    /// The role's display name.
    pub role_name: String,
    /// The role's permission keys.
    pub permissions: Vec<String>,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch; moves on every change.
    pub updated_at: i64,
    /// The organization, embedded.
    pub organization: OrganizationJson,
    /// The member's public data.
    pub public_user_data: PublicUserDataJson,
}

/// `organization` (WIRE.md §6).
#[derive(Debug, Clone, Serialize)]
pub struct OrganizationJson {
    /// Always `organization`.
    pub object: &'static str,
    /// `org_…`
    pub id: String,
    /// Name.
    pub name: String,
    /// Slug (nullable).
    pub slug: Option<String>,
    /// Logo URL.
    pub image_url: String,
    /// Whether a logo was uploaded.
    pub has_image: bool,
    /// Current number of members.
    pub members_count: u64,
    /// Pending invitations.
    pub pending_invitations_count: u64,
    /// Membership limit (0 = unlimited).
    pub max_allowed_memberships: u64,
    /// Whether admins may delete the organization.
    pub admin_delete_enabled: bool,
    /// Public metadata.
    pub public_metadata: Value,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch.
    pub updated_at: i64,
}

/// A member's `public_user_data` (WIRE.md §6).
#[derive(Debug, Clone, Serialize)]
pub struct PublicUserDataJson {
    /// Nullable.
    pub first_name: Option<String>,
    /// Nullable.
    pub last_name: Option<String>,
    /// Avatar URL.
    pub image_url: String,
    /// Whether an avatar was uploaded.
    pub has_image: bool,
    /// The primary email address.
    pub identifier: String,
    /// `user_…`: the id update and remove address a member by.
    pub user_id: String,
    /// Nullable.
    pub username: Option<String>,
}

/// `role` in the roles list.
#[derive(Debug, Clone, Serialize)]
pub struct RoleJson {
    /// Always `role`.
    pub object: &'static str,
    /// `role_…`
    pub id: String,
    /// e.g. `org:admin`
    pub key: String,
    /// Display name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Whether an organization's creator may get this role.
    pub is_creator_eligible: bool,
    /// The role's permissions.
    pub permissions: Vec<PermissionJson>,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch.
    pub updated_at: i64,
}

/// `permission` inside a role.
#[derive(Debug, Clone, Serialize)]
pub struct PermissionJson {
    /// Always `permission`.
    pub object: &'static str,
    /// `perm_…`
    pub id: String,
    /// e.g. `org:sys_memberships:read`
    pub key: String,
    /// Display name.
    pub name: String,
    /// Description.
    pub description: String,
    /// `system` or `user`.
    #[serde(rename = "type")]
    pub kind: String,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch.
    pub updated_at: i64,
}

/// `organization_invitation`: an organization's invitation, as its admins see it (the excerpt's
/// `Client.OrganizationInvitation`), or as the invitee sees it (`Client.OrganizationInvitationUserContext`:
/// the same, with `public_organization_data`).
#[derive(Debug, Clone, Serialize)]
pub struct InvitationJson {
    /// Always `organization_invitation`.
    pub object: &'static str,
    /// `orginv_…`
    pub id: String,
    /// The invitee's address.
    pub email_address: String,
    /// The role given on accepting.
    pub role: String,
    /// The role's display name.
    pub role_name: String,
    /// `org_…`
    pub organization_id: String,
    /// The organization, on the invitee's side only (`/v1/me/organization_invitations`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_organization_data: Option<PublicOrganizationDataJson>,
    /// `pending`, `accepted`, `revoked`, `expired` or `completed`.
    pub status: String,
    /// Public metadata.
    pub public_metadata: Value,
    /// Always null: FAPI does not hand out the invitation's link.
    pub url: Option<String>,
    /// ms since the epoch, or null.
    pub expires_at: Option<i64>,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch; moves on every change.
    pub updated_at: i64,
}

/// `public_organization_data` of an invitation or a suggestion (the excerpt's `Client.PublicOrganizationData`).
#[derive(Debug, Clone, Serialize)]
pub struct PublicOrganizationDataJson {
    /// `org_…`
    pub id: String,
    /// Name.
    pub name: String,
    /// Slug: a string in the excerpt, so `""` for an organization without one.
    pub slug: String,
    /// Logo URL.
    pub image_url: String,
    /// Whether a logo was uploaded.
    pub has_image: bool,
}

/// `organization_membership_request` (the excerpt's `Client.OrganizationMembershipRequest`).
#[derive(Debug, Clone, Serialize)]
pub struct MembershipRequestJson {
    /// Always `organization_membership_request`.
    pub object: &'static str,
    /// `orgreq_…`
    pub id: String,
    /// `org_…`
    pub organization_id: String,
    /// `pending`, `accepted` or `rejected`.
    pub status: String,
    /// The requesting user's public data.
    pub public_user_data: PublicUserDataJson,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch; moves on every change.
    pub updated_at: i64,
}

/// `organization_suggestion` (the excerpt's `Client.OrganizationSuggestion`).
#[derive(Debug, Clone, Serialize)]
pub struct SuggestionJson {
    /// Always `organization_suggestion`.
    pub object: &'static str,
    /// `orgsug_…`
    pub id: String,
    /// The suggested organization.
    pub public_organization_data: PublicOrganizationDataJson,
    /// `pending` or `accepted`.
    pub status: String,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch; moves on every change.
    pub updated_at: i64,
}

/// A page of a list (`paginated=true`).
#[derive(Debug, Clone, Serialize)]
pub struct PageJson<T> {
    /// The page's items.
    pub data: Vec<T>,
    /// Items across all pages.
    pub total_count: usize,
}

/// The roles list.
#[derive(Debug, Clone, Serialize)]
pub struct RolesPageJson {
    /// The page's roles.
    pub data: Vec<RoleJson>,
    /// Roles across all pages.
    pub total_count: usize,
    /// A role-set migration is in progress: role changes are refused until it ends.
    pub has_role_set_migration: bool,
}

/// What a DELETE of one's own membership answers.
#[derive(Debug, Clone, Serialize)]
pub struct DeletedObjectJson {
    /// `organization_membership`.
    pub object: &'static str,
    /// The deleted membership's id.
    pub id: String,
    /// Always true.
    pub deleted: bool,
}

/// The piggybacked `client` (WIRE.md §5).
#[derive(Debug, Clone, Serialize)]
pub struct ClientJson {
    /// Always `client`.
    pub object: &'static str,
    /// `client_…`
    pub id: String,
    /// The client's sessions.
    pub sessions: Vec<SessionJson>,
    /// Always null.
    pub sign_in: Option<Value>,
    /// Always null.
    pub sign_up: Option<Value>,
    /// `sess_…`
    pub last_active_session_id: Option<String>,
    /// Always null.
    pub last_authentication_strategy: Option<String>,
    /// Always null.
    pub cookie_expires_at: Option<i64>,
    /// Always false.
    pub captcha_bypass: bool,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch.
    pub updated_at: i64,
}

/// A session inside the client.
#[derive(Debug, Clone, Serialize)]
pub struct SessionJson {
    /// Always `session`.
    pub object: &'static str,
    /// `sess_…`
    pub id: String,
    /// Always `active`.
    pub status: &'static str,
    /// ms since the epoch.
    pub expire_at: i64,
    /// ms since the epoch.
    pub abandon_at: i64,
    /// ms since the epoch.
    pub last_active_at: i64,
    /// The organization the session works in, if any.
    pub last_active_organization_id: Option<String>,
    /// Always null (tokens are minted by `POST …/tokens`).
    pub last_active_token: Option<Value>,
    /// Always null.
    pub actor: Option<Value>,
    /// The signed-in user, with all their memberships.
    pub user: UserJson,
    /// The user's public data.
    pub public_user_data: PublicUserDataJson,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch.
    pub updated_at: i64,
}

/// The signed-in user inside a session.
#[derive(Debug, Clone, Serialize)]
pub struct UserJson {
    /// `user_…`
    pub id: String,
    /// Always `user`.
    pub object: &'static str,
    /// Nullable.
    pub username: Option<String>,
    /// Nullable.
    pub first_name: Option<String>,
    /// Nullable.
    pub last_name: Option<String>,
    /// Avatar URL.
    pub image_url: String,
    /// Whether an avatar was uploaded.
    pub has_image: bool,
    /// `idn_…`
    pub primary_email_address_id: String,
    /// The one email address.
    pub email_addresses: Vec<EmailAddressJson>,
    /// Public metadata.
    pub public_metadata: Value,
    /// Every membership of the user, fresh after the change.
    pub organization_memberships: Vec<MembershipJson>,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch.
    pub updated_at: i64,
}

/// An email address of a user.
#[derive(Debug, Clone, Serialize)]
pub struct EmailAddressJson {
    /// `idn_…`
    pub id: String,
    /// Always `email_address`.
    pub object: &'static str,
    /// The address.
    pub email_address: String,
}

/// `POST /v1/dev_browser` (not enveloped); the token is `id`.
#[derive(Debug, Clone, Serialize)]
pub struct DevBrowserJson {
    /// Always `dev_browser`.
    pub object: &'static str,
    /// The dev-browser token.
    pub id: String,
    /// Emulator extra: the client the token identifies.
    pub client_id: String,
    /// Emulator extra: its active session.
    pub session_id: String,
    /// Emulator extra: the signed-in user.
    pub user_id: String,
    /// ms since the epoch.
    pub created_at: i64,
    /// ms since the epoch.
    pub updated_at: i64,
}

/// `POST /__emulator/sign_in`.
#[derive(Debug, Clone, Serialize)]
pub struct SignInJson {
    /// The dev-browser token (`__clerk_db_jwt`).
    pub token: String,
    /// The new session.
    pub session_id: String,
    /// The client.
    pub client_id: String,
    /// The `__client` cookie value (also the `Authorization` value in header mode).
    pub client_cookie: String,
    /// The signed-in user.
    pub user_id: String,
}

/// A success body: `{ "response": …, "client": … }`.
#[derive(Debug, Serialize)]
pub struct Envelope<T> {
    /// The resource.
    pub response: T,
    /// The caller's client after the call.
    pub client: Option<ClientJson>,
}

/// The claims of a session token: Clerk's version 2 claims, in Clerk's (alphabetical) order.
#[derive(Debug, Clone, Serialize)]
pub struct SessionClaimsJson {
    /// The request's `Origin` (authorized party), when it had one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub azp: Option<String>,
    /// Expiry, seconds since the epoch.
    pub exp: i64,
    /// The organization role's custom features (`o:invoices,o:tickets`), when it has any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fea: Option<String>,
    /// Minutes since the first and second factor verifications (`-1`: none).
    pub fva: [i64; 2],
    /// Issued at, seconds since the epoch.
    pub iat: i64,
    /// `http://<Host>`.
    pub iss: String,
    /// Not before, seconds since the epoch.
    pub nbf: i64,
    /// The active organization, when the session works in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub o: Option<OrganizationClaimsJson>,
    /// `sess_…`
    pub sid: String,
    /// Always `active`.
    pub sts: &'static str,
    /// `user_…`
    pub sub: String,
    /// Claims version: 2.
    pub v: u8,
}

/// `o` in a session token.
#[derive(Debug, Clone, Serialize)]
pub struct OrganizationClaimsJson {
    /// `org_…`
    pub id: String,
    /// The role key without `org:`.
    pub rol: String,
    /// The organization's slug, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slg: Option<String>,
    /// The distinct custom permission names, comma-separated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
    /// Per feature of `fea`, a decimal bitmask over `per`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fpm: Option<String>,
}

/// `GET /__emulator/state`: a debugging dump, not a Clerk shape.
#[derive(Debug, Clone, Serialize)]
pub struct StateDumpJson {
    /// Every organization.
    pub organizations: Vec<OrganizationJson>,
    /// Every user's public data.
    pub users: Vec<PublicUserDataJson>,
    /// Every membership, oldest first.
    pub memberships: Vec<MembershipJson>,
    /// Every invitation, newest first, as an organization's admins see it.
    pub invitations: Vec<InvitationJson>,
    /// Every membership request, newest first.
    pub membership_requests: Vec<MembershipRequestJson>,
    /// Every suggestion, newest first, with the user it is for.
    pub suggestions: Vec<SuggestionDumpJson>,
    /// Every signed-in client.
    pub clients: Vec<ClientJson>,
}

/// A suggestion in the state dump: whom it is for, then the suggestion as that user sees it.
#[derive(Debug, Clone, Serialize)]
pub struct SuggestionDumpJson {
    /// `user_…`
    pub user_id: String,
    /// The suggestion's keys.
    #[serde(flatten)]
    pub suggestion: SuggestionJson,
}

/// `POST /v1/client/sessions/{sid}/tokens` (not enveloped).
#[derive(Debug, Clone, Serialize)]
pub struct TokenJson {
    /// Always `token`.
    pub object: &'static str,
    /// The session token: a compact HS256 JWT.
    pub jwt: String,
}
