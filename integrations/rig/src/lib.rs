//! retention-guard under rig's provider clients.
//!
//! rig 0.44 sends every provider call through the HTTP client a provider client is connected to:
//! wrap a guarded [`reqwest_middleware::ClientWithMiddleware`] in
//! [`rig_reqwest::ReqwestMiddlewareClient`] and connect each provider configuration to it
//! (`OpenAIConfig::new(key).connect(http)`, or `client.with_http(http)`). The convenience
//! constructors (`OpenAI::new`, `from_env`, `XConfig::client()`) send through rig's shared client,
//! which carries no guard.
//!
//! A denial surfaces as rig's `ProviderError::Http`, whose `source()` is not set: [`violation`]
//! finds the guard's [`Violation`] inside it.

use retention_guard::{Policy, RetentionGuardMiddleware, Violation, redirect_policy};
use rig_core::error::ProviderError;
use rig_reqwest::ReqwestMiddlewareClient;

/// A rig transport guarded by `policy`: `builder` (your reqwest settings) with the guard's
/// redirect policy, the guard as the innermost middleware.
///
/// # Errors
/// reqwest's, when the client cannot be built.
pub fn guarded_http(
    policy: &Policy,
    builder: reqwest::ClientBuilder,
) -> Result<ReqwestMiddlewareClient, reqwest::Error> {
    let http = builder.redirect(redirect_policy(policy)).build()?;
    let client = reqwest_middleware::ClientBuilder::new(http)
        .with(RetentionGuardMiddleware::new(policy))
        .build();
    Ok(ReqwestMiddlewareClient::from(client))
}

/// The guard's violation behind a rig error: rig reports a transport failure as
/// `ProviderError::Http`, without a `source()`, so the chain is opened here.
pub fn violation(err: &ProviderError) -> Option<&Violation> {
    match err {
        ProviderError::Http(e) => Violation::find(&**e),
        _ => None,
    }
}
