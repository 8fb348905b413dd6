//! Pure Rust: the Frontend API JSON types (serde, snake_case) and the rules that map them to what
//! JS sees: required fields, defaults, nullable fields, millisecond timestamps, limits. No
//! wasm-bindgen here, so it is tested on the host with serde_json against the fixtures.
//!
//! Wire sources: docs/wire.md §6 for memberships, organizations, public user data and roles; for
//! invitations, membership requests, suggestions and deleted objects, the schemas of Clerk's FAPI
//! OpenAPI (fapi/2026-05-12: `Client.OrganizationInvitation`, `…UserContext`,
//! `Client.OrganizationMembershipRequest`, `Client.OrganizationSuggestion`,
//! `Client.PublicOrganizationData`, `Client.DeletedObject`), read with what clerk-js's resources
//! (`OrganizationInvitation.ts`, `UserOrganizationInvitation.ts`, `OrganizationMembershipRequest.ts`,
//! `OrganizationSuggestion.ts`, `DeletedObject.ts`) take from them.

mod deleted;
pub mod fields;
mod invitation;
mod item;
mod membership;
mod membership_request;
mod page;
pub mod pagination;
mod parse;
mod role;
mod suggestion;

pub use deleted::DeletedObject;
pub use fields::{RawJson, Text, Timestamp};
pub use invitation::{Invitation, PublicOrganizationData, PENDING};
pub use item::{Item, Kind};
pub use membership::{Membership, Organization, Permissions, PublicUserData};
pub use membership_request::MembershipRequest;
pub use page::Page;
pub use parse::{parse, Invalid};
pub use role::{Permission, Role};
pub use suggestion::Suggestion;
