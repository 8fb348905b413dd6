//! Pure Rust: the Frontend API JSON types and the rules that map them to what JS sees
//! (defaults, nullable fields, millisecond timestamps). No wasm-bindgen here, so it is tested on the host.
//!
//! The types are generic over `M`, the representation of a `public_metadata` object: the JS layer
//! keeps the caller's own JS object (`crate::js::metadata::JsMetadata`), host tests use `serde_json`.

mod membership;
mod parse;

pub use membership::{MembershipJson, OrganizationJson, PublicUserDataJson};
pub use parse::parse;
