//! Clerk's `OrganizationMembership` resource for the browser: Rust compiled to WebAssembly.
//!
//! The data's way through the crate: JSON in (a Frontend API answer's bytes, or `fromJSON`'s
//! object as JSON text) → [`model`] (serde types, pure Rust, host-tested) → JS classes (`js`, the
//! `#[wasm_bindgen]` surface) → requests built in [`fapi`] and sent by its transport (gloo-net) →
//! answers parsed into the model again. Errors are one enum, [`Error`], turned into a JS `Error`
//! with a stable `code` in one place.
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
