//! The reqwest-middleware adapter: [`RetentionGuardMiddleware`].
//!
//! It decides every request with the [`Policy`](crate::Policy) (one profile, or several: the request's host,
//! path and `OpenAI-Project` choose, or a [`ProfileChoice`] in the request's extensions) before
//! the request goes further down the stack, rewrites allowed requests in place, records a
//! [`Verdict`] in the request's extensions and in the response's, and turns a denial into
//! `reqwest_middleware::Error::Middleware`: its `Display` is the violation's message (with its
//! code), `downcast_ref::<Violation>()` on the `anyhow::Error` inside finds it, and
//! [`Violation::find`] finds it through retry wrappers too. A denied request is
//! never passed on: nothing is sent. In `report_only` mode every request is passed on as the
//! application built it, and the [`Verdict`] says what enforcement would have done.
//!
//! # Where the guard goes in the stack
//!
//! ```text
//!   ClientBuilder::new(client_builder(&guard).build()?)   <- redirects checked here (below all middleware)
//!       .with(TracingMiddleware)                          <- outermost: sees the caller's request and the denial
//!       .with(RetryTransientMiddleware)                   <- retries transient failures; a denial is fatal, never retried
//!       .with(RetentionGuardMiddleware)                   <- innermost: checks every attempt exactly as it is sent
//!       .build()
//! ```
//!
//! Put the guard **last** (innermost), after retry and tracing middleware, so that it sees every
//! attempt as it is sent, and nothing below it can change the request. reqwest-retry classifies
//! middleware errors as fatal, so a denial is returned at once; it reaches the caller wrapped in
//! reqwest-retry's `RetryError`, which [`Violation::find`] looks through.
//!
//! # Checking a hand-built stack
//! [`assert_guarded`] sends a probe through a client's own stack to a loopback sink and fails if
//! no guard saw it, or if what arrived is not what the innermost guard passed on: run it at
//! start-up when the stack is built by hand rather than with [`GuardedClientBuilder`].
//!
//! # Note
//! reqwest-retry clones each request before sending it, which fails for streaming bodies before
//! the guard is reached ("Request object is not cloneable"). Without retry, the guard buffers a
//! streaming multipart form a rule needs (up to [`MAX_BUFFERED_FORM`](crate::adapter::MAX_BUFFERED_FORM))
//! and denies other streaming bodies a rule needs (`uninspectable_body`): send JSON as bytes.

mod probe;

use http::Extensions;
use reqwest_middleware::{Error, Middleware, Next};

pub use probe::{NotGuarded, NotGuardedKind, assert_guarded};

use crate::guard::Verdict;
use crate::policy::{Current, PolicySource, ProfileChoice};
use crate::profile::Profile;
use crate::violation::Violation;

/// A `reqwest_middleware::Middleware` that enforces a retention policy on every request.
///
/// Add it **last** (innermost), below retry and tracing middleware: it then checks every attempt
/// as it is sent (see [where the guard goes in the stack](self#where-the-guard-goes-in-the-stack)),
/// or use [`GuardedClientBuilder`], which keeps it there. Build the underlying client with
/// [`client_builder`](crate::adapter::client_builder) so that redirects are checked too.
///
/// ```
/// use reqwest_middleware::ClientBuilder;
/// use retention_guard::{Guard, Profile, RetentionGuardMiddleware, Violation, client_builder};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let guard = Guard::new(Profile::from_toml_str(r#"
///     provider = "openai"
///     retention = "zero_data_retention"
/// "#)?);
/// let client = ClientBuilder::new(client_builder(&guard).build()?)
///     .with(RetentionGuardMiddleware::new(guard))
///     .build();
///
/// // Assistants keep application state: denied before a single byte is sent.
/// let err = client
///     .post("https://api.openai.com/v1/assistants")
///     .body(r#"{"model":"gpt-4.1"}"#)
///     .send()
///     .await
///     .unwrap_err();
/// let violation = Violation::find(&err).expect("a guard denial");
/// assert_eq!(violation.code(), "endpoint_not_eligible");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct RetentionGuardMiddleware {
    policy: PolicySource,
}

impl RetentionGuardMiddleware {
    /// A middleware enforcing `policy`: a [`Policy`](crate::Policy), one profile's [`Guard`](crate::guard::Guard),
    /// or a [`ReloadablePolicy`](crate::policy::ReloadablePolicy), whose policy in force when a
    /// request starts decides all of it.
    pub fn new(policy: impl Into<PolicySource>) -> Self {
        Self {
            policy: policy.into(),
        }
    }

    /// A middleware enforcing `profile`.
    pub fn from_profile(profile: Profile) -> Self {
        Self::new(profile)
    }

    /// The policy this middleware applies now.
    pub fn policy(&self) -> Current<'_> {
        self.policy.current()
    }
}

#[async_trait::async_trait]
impl Middleware for RetentionGuardMiddleware {
    async fn handle(
        &self,
        mut req: reqwest::Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        // The self-test's probe (an extension only `assert_guarded` builds, addressed to its
        // loopback sink) is passed on undecided, as it is, and recorded.
        if let Some(probe) = extensions.get::<probe::Probe>()
            && probe.is_for(&req)
        {
            probe.record(&req);
            return next.run(req, extensions).await;
        }
        let choice = extensions.get::<ProfileChoice>().cloned();
        // One policy decides the whole request, even if a reload happens meanwhile.
        let policy = self.policy.current();
        match crate::adapter::check(&policy, &mut req, choice.as_ref()).await {
            Ok(verdict) => {
                extensions.insert::<Verdict>(verdict.clone());
                let mut response = next.run(req, extensions).await?;
                if let Err(violation) = policy.check_response(
                    verdict.profile.as_deref(),
                    response.status(),
                    response.headers(),
                ) {
                    return Err(denied(violation));
                }
                response.extensions_mut().insert::<Verdict>(verdict);
                Ok(response)
            }
            Err(violation) => Err(denied(violation)),
        }
    }
}

/// The error a denial travels as: the [`Violation`] under a context that is its message. `Display`
/// shows the message (with the code); `downcast_ref::<Violation>()` on the `anyhow::Error` finds
/// it; and it is the context's `source`, so it stays reachable through wrappers whose `Display`
/// and `source` are transparent (reqwest-retry's `RetryError`).
fn denied(violation: Violation) -> Error {
    let message = format!("request denied by retention-guard: {violation}");
    Error::Middleware(anyhow::Error::new(violation).context(message))
}

/// Builds a `ClientWithMiddleware` whose guard is always innermost, whatever the application adds
/// and in whatever order: the middleware given to [`with`](Self::with) run outside the guard, in
/// the order added, and the guard sees every request exactly as it is sent (every retry included),
/// with nothing below it that could change it.
///
/// In another order things go wrong silently: a middleware added after the guard (below it) can
/// change the request after it was checked (add a header, a body, another host); a retry
/// middleware below the guard resends attempts the guard never saw.
///
/// ```no_run
/// use retention_guard::{GuardedClientBuilder, Policy};
///
/// # fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// let policy = Policy::from_toml_file("policy.toml")?;
/// let http = reqwest::Client::builder().timeout(std::time::Duration::from_secs(30));
/// let client = GuardedClientBuilder::new(&policy, http)?
///     // .with(reqwest_tracing::TracingMiddleware::default())
///     .build();
/// # Ok(()) }
/// ```
pub struct GuardedClientBuilder {
    inner: reqwest_middleware::ClientBuilder,
    guard: RetentionGuardMiddleware,
}

impl std::fmt::Debug for GuardedClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GuardedClientBuilder")
            .field("guard", &self.guard)
            .finish_non_exhaustive()
    }
}

impl GuardedClientBuilder {
    /// Starts a client from the application's reqwest settings; the redirect policy is replaced
    /// by the policy's ([`redirect_policy`](crate::adapter::redirect_policy)), every other setting kept.
    ///
    /// # Errors
    /// When the `reqwest::Client` cannot be built.
    pub fn new(
        policy: impl Into<PolicySource>,
        http: reqwest::ClientBuilder,
    ) -> Result<Self, reqwest::Error> {
        let policy = policy.into();
        let client = http
            .redirect(crate::adapter::redirect_policy(policy.clone()))
            .build()?;
        Ok(Self {
            inner: reqwest_middleware::ClientBuilder::new(client),
            guard: RetentionGuardMiddleware::new(policy),
        })
    }

    /// Adds a middleware, outside the guard (after those added before).
    #[must_use]
    pub fn with<M: Middleware>(self, middleware: M) -> Self {
        Self {
            inner: self.inner.with(middleware),
            guard: self.guard,
        }
    }

    /// Builds the client, with the guard innermost.
    pub fn build(self) -> reqwest_middleware::ClientWithMiddleware {
        self.inner.with(self.guard).build()
    }
}
