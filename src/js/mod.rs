//! The `#[wasm_bindgen]` surface: JS classes, getters, JS errors and TypeScript sections.
//! Thin: it converts between JS values and `crate::model` and delegates.

mod call;
pub mod client;
pub mod error;
pub mod membership;
pub mod organization;
pub mod public_user_data;
mod typescript;
pub(crate) mod value;
mod view;
