// The README's examples use both adapters; with fewer features the crate doc is a summary.
#![cfg_attr(
    all(feature = "reqwest-middleware", feature = "async-openai"),
    doc = include_str!("../README.md")
)]
#![cfg_attr(
    not(all(feature = "reqwest-middleware", feature = "async-openai")),
    doc = "Client-side enforcement of an organisation's LLM data-retention profile: see \
           [`Guard::evaluate`] for the rules, and README.md for the adapters."
)]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod catalog;
mod fields;
mod host;
mod json;
mod media_type;
mod multipart;
mod path;
pub mod policy;
pub mod policy_set;
pub mod profile;
pub mod violation;

#[cfg(feature = "async-openai")]
pub mod async_openai;
#[cfg(feature = "reqwest-middleware")]
pub mod middleware;
#[cfg(feature = "reqwest")]
mod reqwest_request;
#[cfg(feature = "verify")]
pub mod verify;

pub use catalog::{Catalog, Endpoint, EndpointClass, ProviderHost, Rule, Source};
// `policy::Request` and `policy::Body` stay in their module: at the top they would clash with
// `http::Request`, `reqwest::Body` and `axum::body::Body` in users' imports.
pub use policy::{Allowed, Change, Decision, Guard, Verdict};
pub use policy_set::{
    DecisionRecord, Mode, Observer, OnUnknownHost, Outcome, Policy, PolicyDecision, ProfileChoice,
};
pub use profile::{
    Attest, DeploymentZone, EndpointPattern, OnStore, OnUnknownEndpoint, Profile, ProfileBuilder,
    ProfileError, Provider, Region, Retention,
};
pub use violation::{Violation, ViolationKind};

#[cfg(feature = "reqwest-middleware")]
pub use middleware::{GuardedClientBuilder, RetentionGuardMiddleware, find_violation};
#[cfg(feature = "reqwest")]
pub use reqwest_request::{MAX_BUFFERED_FORM, client_builder, redirect_policy};
