//! A local, stateful emulator of the membership part of Clerk's Frontend API (FAPI).
//!
//! It keeps organizations, users, memberships, roles, invitations, membership requests and suggestions
//! in memory, enforces Clerk's rules, and answers in Clerk's wire format (`spec/WIRE.md`) over real HTTP
//! on loopback. Control endpoints under `/__emulator/` reset the state, inject faults and expose the log
//! of requests received. The environment, client, session touch and session token endpoints let the real
//! clerk-js bundle load against it.
//!
//! It is an independent witness of the wire format: it shares no code with the client crate.

#![deny(missing_docs)]

mod api;
mod app;
pub mod config;
mod connection;
mod control;
mod email;
pub mod environment;
pub mod error;
pub mod faults;
mod guard;
mod http;
pub mod jwt;
mod persist;
pub mod seed;
mod server;
mod statics;
pub mod store;
pub mod wire;

pub use config::{
    parse_args, Cli, Config, InstanceType, Limits, OriginPattern, StaticMount, USAGE,
};
pub use seed::Seed;
pub use server::{serve, Server};
