//! Clerk's `OrganizationMembership` resource for the browser: Rust compiled to WebAssembly.
//!
//! The data's way through the crate: JSON in (a Frontend API answer's bytes, or `fromJSON`'s
//! object as JSON text) → [`model`] (serde types, pure Rust, host-tested) → JS classes (`js`, the
//! `#[wasm_bindgen]` surface) → requests built in [`fapi`] and sent by its transport (gloo-net) →
//! answers parsed into the model again. Errors are one enum, [`Error`], turned into a JS `Error`
//! with a stable `code` in one place.
//!
//! Wire sources: `docs/wire.md` is the contract, each fact with its source. The invitations,
//! membership requests, suggestions, `add_member` and `leave` of issue 20 follow Clerk's FAPI
//! OpenAPI (fapi/2026-05-12; excerpts in `../shared/spec/`) for paths, form keys and schemas, and
//! clerk-js's resources (`Organization.ts`, `OrganizationInvitation.ts`,
//! `OrganizationMembershipRequest.ts`, `UserOrganizationInvitation.ts`, `OrganizationSuggestion.ts`,
//! `User.ts`) for what is sent and read; the module docs of [`model`] and [`fapi::endpoint`] say which.
#![deny(missing_docs)]

pub mod error;
pub mod fapi;
pub mod model;

#[cfg(target_arch = "wasm32")]
mod js;

pub use error::Error;

#[cfg(target_arch = "wasm32")]
pub use js::{
    client::FrontendApi, list::MembershipList, membership::OrganizationMembership,
    organization::Organization, public_user_data::PublicUserData,
};

// Talc instead of Rust's default dlmalloc: smaller and faster in wasm (measured in README › Performance).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
