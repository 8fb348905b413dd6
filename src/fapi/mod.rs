//! The one place that knows the wire: configuration, request building and answer reading are pure
//! and host-tested; `transport` (wasm only) is the single caller of `fetch`.

pub mod config;
pub mod request;
pub mod response;
#[cfg(target_arch = "wasm32")]
pub(crate) mod transport;

pub use config::{AuthMode, Config, ConfigInput, InstanceType, PublishableKey};
pub use request::{Method, Request};
pub use response::{ApiError, ApiErrorItem, Envelope};
