//! Pure Rust: the Frontend API JSON types (serde, snake_case) and the rules that map them to what
//! JS sees: required fields, defaults, nullable fields, millisecond timestamps, limits. No
//! wasm-bindgen here, so it is tested on the host with serde_json against the fixtures.

pub mod fields;
mod membership;
mod page;
pub mod pagination;
mod parse;
mod role;

pub use fields::{RawJson, Text, Timestamp};
pub use membership::{Membership, Organization, Permissions, PublicUserData};
pub use page::Page;
pub use parse::{parse, Invalid};
pub use role::{Permission, Role};
