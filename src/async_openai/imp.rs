// The adapter, shared by the modules of each async-openai version it serves: each includes this
// file with `ao` naming its async-openai.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use ao::Client;
use ao::config::Config;
use ao::error::OpenAIError;
use ao::middleware::retry::{OpenAIRetry, OpenAIRetryLayer};
use ao::middleware::{HttpRequestFactory, ReqwestService};
use tower::{Layer, Service, ServiceBuilder};

use crate::adapter::redirect_policy;
use crate::policy::{Policy, PolicySource, ProfileChoice};
use crate::violation::Violation;

/// A tower layer that checks and rewrites every request an async-openai `HttpRequestFactory`
/// builds, retries included, with a [`Policy`] (and, for a policy of several profiles that host,
/// path and project cannot tell apart, the profile this client uses).
///
/// [`GuardedClient::with_retention_guard`] installs it with async-openai's retry outside it; use
/// the layer directly (with [`guarded_stack`] or your own `ServiceBuilder`) to build another
/// stack.
///
/// ```
/// use async_openai::{Client, config::OpenAIConfig};
/// use async_openai::types::vectorstores::CreateVectorStoreRequestArgs;
/// use retention_guard::Violation;
/// use retention_guard::async_openai::GuardedClient;
/// use retention_guard::{Policy, Profile};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let policy = Policy::from(Profile::from_toml_str(r#"
///     provider = "openai"
///     retention = "zero_data_retention"
/// "#)?);
/// let client = Client::with_config(OpenAIConfig::new().with_api_key("sk-not-sent"))
///     .with_retention_guard(&policy, reqwest::Client::builder())?;
///
/// // Vector stores keep application state: denied, and the HTTP service is never called.
/// let store = CreateVectorStoreRequestArgs::default().name("kb").build()?;
/// let err = client.vector_stores().create(store).await.unwrap_err();
/// assert_eq!(Violation::find(&err).unwrap().code(), "endpoint_not_eligible");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct RetentionGuardLayer {
    policy: PolicySource,
    choice: Option<ProfileChoice>,
}

impl RetentionGuardLayer {
    /// A layer enforcing `policy`: a [`Policy`], one profile's [`Guard`](crate::Guard), or a
    /// [`ReloadablePolicy`](crate::policy::ReloadablePolicy), whose policy in force when a
    /// request starts decides all of it (every attempt).
    pub fn new(policy: impl Into<PolicySource>) -> Self {
        Self {
            policy: policy.into(),
            choice: None,
        }
    }

    /// The same layer deciding every request with the profile named `profile`.
    #[must_use]
    pub fn choosing(mut self, profile: impl Into<std::sync::Arc<str>>) -> Self {
        self.choice = Some(ProfileChoice::new(profile));
        self
    }
}

impl<S> Layer<S> for RetentionGuardLayer {
    type Service = RetentionGuard<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RetentionGuard {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service [`RetentionGuardLayer`] produces.
#[derive(Debug, Clone)]
pub struct RetentionGuard<S> {
    inner: S,
    layer: RetentionGuardLayer,
}

/// Builds the factory's next request and checks it; the request, and the profile that decided.
async fn build_checked(
    policy: &Policy,
    layer: &RetentionGuardLayer,
    factory: &HttpRequestFactory,
) -> Result<(reqwest::Request, Option<Arc<str>>), OpenAIError> {
    let mut request = factory.build().await?;
    let verdict = crate::adapter::check(policy, &mut request, layer.choice.as_ref())
        .await
        .map_err(denied)?;
    Ok((request, verdict.profile))
}

impl<S> Service<HttpRequestFactory> for RetentionGuard<S>
where
    S: Service<HttpRequestFactory, Response = reqwest::Response> + Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Into<OpenAIError>,
{
    type Response = reqwest::Response;
    type Error = OpenAIError;
    type Future = Pin<Box<dyn Future<Output = Result<S::Response, OpenAIError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, factory: HttpRequestFactory) -> Self::Future {
        // The readied service answers this call; a fresh clone waits for the next.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let layer = self.layer.clone();
        // One policy decides the request and its retries, even if a reload happens meanwhile.
        let policy = layer.policy.snapshot();
        Box::pin(async move {
            // Check the first attempt here, so that a denial never reaches the inner service.
            let (first, profile) = build_checked(&policy, &layer, &factory).await?;
            let first = Arc::new(Mutex::new(Some(first)));
            let attempts = policy.clone();
            let checked = HttpRequestFactory::new(move || {
                let (policy, layer, factory, first) = (
                    attempts.clone(),
                    layer.clone(),
                    factory.clone(),
                    first.clone(),
                );
                async move {
                    let ready = first.lock().unwrap_or_else(|e| e.into_inner()).take();
                    match ready {
                        Some(request) => Ok(request),
                        None => build_checked(&policy, &layer, &factory)
                            .await
                            .map(|(r, _)| r),
                    }
                }
            });
            let response = inner.call(checked).await.map_err(Into::into)?;
            // Attestation: the provider's response header, checked before the caller sees it.
            policy
                .check_response(profile.as_deref(), response.status(), response.headers())
                .map_err(denied)?;
            Ok(response)
        })
    }
}

/// The tower stack [`GuardedClient`] installs: async-openai's retry outside, the guard inside,
/// `http` underneath.
pub type GuardedStack = OpenAIRetry<RetentionGuard<ReqwestService>>;

/// Builds [`GuardedStack`]: `layer` over a client built from the application's `http` builder,
/// whose redirect policy is replaced by the layer's policy's ([`redirect_policy`]); every other
/// setting (timeouts, proxies, TLS) is kept.
///
/// # Errors
/// When the `reqwest::Client` cannot be built.
pub fn guarded_stack(
    layer: RetentionGuardLayer,
    http: reqwest::ClientBuilder,
) -> Result<GuardedStack, reqwest::Error> {
    let http = http
        .redirect(redirect_policy(layer.policy.clone()))
        .build()?;
    Ok(ServiceBuilder::new()
        .layer(OpenAIRetryLayer::default())
        .layer(layer)
        .service(ReqwestService::new(http)))
}

/// An async-openai `Client` with the guard installed, in a type that keeps it there.
///
/// It derefs to the `Client`, so every API group (`chat()`, `responses()`, `files()`, …) and
/// `config()` are called as on the client itself, and `&guarded` passes where a `&Client<C>` is
/// taken. What it does not offer is the client's two by-value builders: `with_http_client`
/// resets the client's executor and `with_http_service` replaces it, and either would remove the
/// guard. On a `Guarded` they do not compile (a move out of a dereference, `E0507`):
///
/// ```compile_fail,E0507
/// # use async_openai::{Client, config::OpenAIConfig};
/// # use retention_guard::{Policy, Profile};
/// # use retention_guard::async_openai::GuardedClient;
/// # fn demo(policy: Policy) -> Result<(), Box<dyn std::error::Error>> {
/// let guarded = Client::with_config(OpenAIConfig::new())
///     .with_retention_guard(&policy, reqwest::Client::builder())?;
/// let unguarded = guarded.with_http_client(reqwest::Client::new());
/// # Ok(()) }
/// ```
///
/// A framework that takes an owned `Client` (swiftide, langchain-rust) gets it from
/// [`into_client`](Self::into_client); the guard stays installed, and from there on the type
/// no longer stops a `with_http_client`.
#[derive(Clone)]
pub struct Guarded<C: Config> {
    client: Client<C>,
}

impl<C: Config> Guarded<C> {
    /// The guarded client as async-openai's own type, for APIs that take an owned `Client`. The
    /// guard stays installed; **never call `with_http_client` or `with_http_service` on it**:
    /// async-openai replaces its executor there, which removes the guard.
    pub fn into_client(self) -> Client<C> {
        self.client
    }
}

impl<C: Config> std::ops::Deref for Guarded<C> {
    type Target = Client<C>;

    fn deref(&self) -> &Client<C> {
        &self.client
    }
}

impl<C: Config> AsRef<Client<C>> for Guarded<C> {
    fn as_ref(&self) -> &Client<C> {
        &self.client
    }
}

impl<C: Config + std::fmt::Debug> std::fmt::Debug for Guarded<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Guarded").field("client", &self.client).finish()
    }
}

/// Puts the guard under an existing async-openai `Client`, keeping the application's reqwest
/// settings, and returns it as a [`Guarded`] client, which cannot be unguarded by a later
/// `with_http_client` or `with_http_service`. Give reqwest settings to these methods instead.
///
/// ```no_run
/// use std::time::Duration;
/// use async_openai::{Client, config::OpenAIConfig};
/// use retention_guard::{Policy, Profile};
/// use retention_guard::async_openai::GuardedClient;
///
/// # fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// let policy = Policy::from(Profile::from_env()?);
/// let http = reqwest::Client::builder().timeout(Duration::from_millis(300));
/// let client = Client::with_config(OpenAIConfig::new()).with_retention_guard(&policy, http)?;
/// # Ok(()) }
/// ```
pub trait GuardedClient: Sized {
    /// The guarded client: [`Guarded`].
    type Guarded;

    /// Installs the guard with async-openai's default retry, sending through a client built from
    /// the application's `http` builder (its redirect policy replaced by the guard's; every other
    /// setting kept).
    ///
    /// # Errors
    /// When the `reqwest::Client` cannot be built.
    fn with_retention_guard(
        self,
        policy: impl Into<PolicySource>,
        http: reqwest::ClientBuilder,
    ) -> Result<Self::Guarded, reqwest::Error>;

    /// As [`with_retention_guard`](Self::with_retention_guard), deciding every request of this
    /// client with the policy's profile named `profile` (for profiles host, path and
    /// `OpenAI-Project` cannot tell apart).
    ///
    /// # Errors
    /// When the `reqwest::Client` cannot be built.
    fn with_retention_guard_choosing(
        self,
        policy: impl Into<PolicySource>,
        profile: &str,
        http: reqwest::ClientBuilder,
    ) -> Result<Self::Guarded, reqwest::Error>;
}

impl<C: Config> GuardedClient for Client<C> {
    type Guarded = Guarded<C>;

    fn with_retention_guard(
        self,
        policy: impl Into<PolicySource>,
        http: reqwest::ClientBuilder,
    ) -> Result<Guarded<C>, reqwest::Error> {
        let client =
            self.with_http_service(guarded_stack(RetentionGuardLayer::new(policy), http)?);
        Ok(Guarded { client })
    }

    fn with_retention_guard_choosing(
        self,
        policy: impl Into<PolicySource>,
        profile: &str,
        http: reqwest::ClientBuilder,
    ) -> Result<Guarded<C>, reqwest::Error> {
        let layer = RetentionGuardLayer::new(policy).choosing(profile);
        let client = self.with_http_service(guarded_stack(layer, http)?);
        Ok(Guarded { client })
    }
}

/// A denial as an `OpenAIError`: `Boxed` is transparent (its source is its content's source),
/// so the violation travels as the source of a [`Denied`] error, where [`Violation::find`]
/// finds it.
fn denied(violation: Violation) -> OpenAIError {
    OpenAIError::Boxed(Box::new(Denied(violation)))
}

/// A request the guard denied.
#[derive(Debug)]
struct Denied(Violation);

impl std::fmt::Display for Denied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "request denied by retention-guard: {}", self.0)
    }
}

impl std::error::Error for Denied {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}
