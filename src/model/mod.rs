//! Pure Rust: the Frontend API JSON types and the rules that map them to what JS sees
//! (required fields, defaults, nullable fields, millisecond timestamps). No wasm-bindgen here,
//! so it is tested on the host.

mod json;
mod membership;
mod role;

pub use json::Json;
pub use membership::{MembershipJson, OrganizationJson, PublicUserDataJson};
pub use role::{Page, PermissionJson, RoleJson};
