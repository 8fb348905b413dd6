//! The `#[wasm_bindgen]` surface: the classes, their Promises, the JS edge and the JS errors. Thin:
//! it converts and delegates to `model` and `fapi`.

#[cfg(feature = "bench")]
pub mod bench;
pub mod call;
pub mod client;
pub mod edge;
pub mod error;
pub mod instance;
pub mod invitation;
pub mod list;
pub mod membership;
pub mod membership_request;
pub mod organization;
pub mod pages;
pub mod public_user_data;
pub mod suggestion;
pub mod typescript;
