//! Client-side enforcement of an organisation's LLM data-retention agreements: zero data
//! retention (ZDR: the provider keeps no prompts or outputs), modified abuse monitoring and data
//! residency, checked on every request **before it leaves the process**.
//!
//! A [`Profile`] states one agreement (provider, retention mode, region, project, exceptions); a
//! [`Policy`] holds the profiles of an application. The adapters apply it to every request of a
//! reqwest-middleware or async-openai client: they attach the profile's headers, rewrite `store`
//! flags the profile forbids, route residency projects to their regional host, and refuse what
//! the agreement excludes with a typed [`Violation`], sending nothing. Every rule reads a request
//! the way the server will, and denies under ZDR what it cannot read.
//!
//! ```
//! use http::{HeaderMap, Method};
//! use retention_guard::guard::{Body, Request};
//! use retention_guard::{Guard, Profile};
//!
//! let guard = Guard::new(Profile::from_toml_str(r#"
//!     provider = "openai"
//!     retention = "zero_data_retention"
//!     region = "eu"
//! "#)?);
//! let url = "https://api.openai.com/v1/chat/completions".parse()?;
//! let body = br#"{"model":"gpt-4.1","store":true,"messages":[]}"#;
//! let headers = HeaderMap::new();
//! let decision = guard.evaluate(&Request::new(&Method::POST, &url, &headers, Body::Bytes(body)));
//! let allowed = decision.allowed().expect("chat completions are ZDR eligible");
//! assert_eq!(allowed.url().unwrap().host_str(), Some("eu.api.openai.com"));
//! assert_eq!(allowed.body().unwrap(), br#"{"model":"gpt-4.1","store":false,"messages":[]}"#);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Map of the crate
//!
//! | Item | What it is | Feature |
//! |---|---|---|
//! | [`Profile`], [`ProfileBuilder`], [`ProfileError`] | one agreement, from TOML, code or the environment; load errors that say where and what to write | |
//! | [`Policy`] | the profiles of an application, its [`Mode`] (enforce or report only), [`Observer`]s of every decision | |
//! | [`Guard`] | one profile, compiled: [`Guard::evaluate`] decides a [`guard::Request`]; [`Guard::begin`] decides one whose body is a stream, asking for the bytes only when a rule needs them | |
//! | [`Decision`], [`Allowed`], [`Change`], [`Verdict`] | decisions as values: what to send, what changed and why | |
//! | [`Violation`], [`ViolationKind`] | a refusal: stable code, reason, rule and source, remedy; [`Violation::find`] finds it behind any client's error | |
//! | [`RetentionGuardMiddleware`], [`GuardedClientBuilder`] | the reqwest-middleware adapter | `reqwest-middleware` |
//! | [`async_openai::RetentionGuardLayer`], [`async_openai::GuardedClient`] | the async-openai 0.43 adapter | `async-openai` |
//! | [`adapter`] | deciding a `reqwest::Request` and applying the decision; [`client_builder`], [`redirect_policy`]: a reqwest client whose redirects the guard checks | `reqwest` |
//! | [`catalog`] | each provider's rules as data, one file per provider, each rule citing its page and read date | |
//! | [`verify`] | checks the provider's side (retention setting, residency) | `verify` |
//! | [`policy::MetricsObserver`] | decision counters through the `metrics` facade | `metrics` |
//!
//! The `retention-guard` command-line tool (feature `cli`) explains a decision, prints the
//! reviewable `check` report and runs `verify`.
//!
//! # Features
//!
//! `reqwest-middleware` is on by default: it is the adapter most users wrap, and costs little
//! beyond reqwest itself. `async-openai` pulls in async-openai and tower; turn it on when you use
//! async-openai. With `default-features = false` the crate is the pure policy core (no HTTP
//! client). `reqwest`, `verify`, `metrics`, `opentelemetry`, `tokio-tungstenite` and `cli` are
//! described in README.md.
//!
//! # More
//!
//! README.md has the profile keys, the rules in the order they apply, how requests are read as
//! servers read them, the providers and the command-line tool; CATALOG.md lists every rule's
//! source; MIGRATING.md says what changed since 0.1.

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// README.md's examples are compiled and run as doctests.
#[cfg(all(
    doctest,
    feature = "reqwest-middleware",
    feature = "async-openai",
    feature = "tokio-tungstenite"
))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub mod catalog;
mod fields;
pub mod guard;
mod host;
mod json;
mod media_type;
mod multipart;
mod path;
pub mod policy;
pub mod profile;
pub mod violation;

#[cfg(feature = "reqwest")]
pub mod adapter;
#[cfg(feature = "async-openai")]
pub mod async_openai;
#[cfg(feature = "async-openai-0-41")]
pub mod async_openai_0_41;
#[cfg(feature = "async-openai-0-42")]
pub mod async_openai_0_42;
#[cfg(feature = "reqwest-middleware")]
pub mod middleware;
#[cfg(feature = "tokio-tungstenite")]
pub mod tungstenite;
#[cfg(feature = "verify")]
pub mod verify;

pub use catalog::{Catalog, Endpoint, EndpointClass, ProviderHost, Rule, Source};
// `guard::Request` and `guard::Body` stay in their module: at the top they would clash with
// `http::Request`, `reqwest::Body` and `axum::body::Body` in users' imports.
pub use guard::{Allowed, Change, Decision, Guard, Outcome, Verdict};
pub use policy::{Mode, Observer, OnUnknownHost, Policy, ProfileChoice};
pub use profile::{
    Attest, DeploymentZone, EndpointPattern, OnStore, OnUnknownEndpoint, Profile, ProfileBuilder,
    ProfileError, Provider, Region, Retention,
};
pub use violation::{Violation, ViolationKind};

#[cfg(feature = "reqwest")]
pub use adapter::{MAX_BUFFERED_FORM, client_builder, redirect_policy};
#[cfg(feature = "reqwest-middleware")]
pub use middleware::{GuardedClientBuilder, RetentionGuardMiddleware};
