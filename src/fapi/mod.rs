//! The one place that knows the wire: configuration, options, request building and answer reading
//! are pure and host-tested; `transport` (wasm only) sends every request through gloo-net.

#[cfg(target_arch = "wasm32")]
pub(crate) mod cache;
pub mod config;
pub mod options;
pub mod request;
pub mod response;
#[cfg(target_arch = "wasm32")]
pub(crate) mod transport;

pub use config::{AuthMode, Config, ConfigInput, InstanceType, PublishableKey};
pub use options::{
    ClientSettings, FrontendApiOptions, ListParams, MemberCall, MemberParams, Query, RetryPolicy,
    StatusListParams, UpdateParams,
};
pub use request::{endpoint, Method, Request};
pub use response::{read_response, ApiError, ApiErrorItem, Envelope};
