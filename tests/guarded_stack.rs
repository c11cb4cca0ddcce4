//! The guard cannot be dropped silently (issue 22, part 2): `middleware::assert_guarded` sends a
//! probe through a hand-built `ClientWithMiddleware` to a loopback sink, and each weakening of
//! the stack is caught — no guard, a middleware below the guard that adds a header, changes the
//! body or the path, answers the request itself or sends it elsewhere, and default headers on
//! the reqwest client that the guard never sees. The stacks that keep the guard innermost pass.
//! (For async-openai, `with_retention_guard` returns a `Guarded` client on which
//! `with_http_client` does not compile: the `compile_fail,E0507` example on `Guarded`.)
#![cfg(feature = "reqwest-middleware")]

use http::{HeaderName, HeaderValue};
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware, Middleware, Next};
use retention_guard::middleware::{NotGuardedKind, assert_guarded};
use retention_guard::{GuardedClientBuilder, Profile, RetentionGuardMiddleware, client_builder};

fn profile() -> Profile {
    Profile::from_toml_str("provider = \"openai\"\nretention = \"zero_data_retention\"").unwrap()
}

/// What a middleware does to each request it passes on.
#[derive(Clone, Copy)]
enum Change {
    Nothing,
    AddHeader,
    Body,
    Path,
    Host,
    Elsewhere,
    Answer,
}

struct Below(Change);

#[async_trait::async_trait]
impl Middleware for Below {
    async fn handle(
        &self,
        mut req: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        match self.0 {
            Change::Nothing => {}
            Change::AddHeader => {
                req.headers_mut().insert(
                    HeaderName::from_static("openai-project"),
                    HeaderValue::from_static("proj_other"),
                );
            }
            Change::Body => *req.body_mut() = Some(r#"{"store":true}"#.into()),
            Change::Path => req.url_mut().set_path("/v1/assistants"),
            Change::Host => {
                req.headers_mut().insert(
                    HeaderName::from_static("host"),
                    HeaderValue::from_static("api.openai.com"),
                );
            }
            // Another port on loopback, where nothing listens: sent elsewhere.
            Change::Elsewhere => req.url_mut().set_port(Some(9)).unwrap(),
            Change::Answer => {
                return Ok(http::Response::builder()
                    .status(200)
                    .body(Vec::<u8>::new())
                    .unwrap()
                    .into());
            }
        }
        next.run(req, extensions).await
    }
}

/// The guard, then (below it) a middleware that does `change`.
fn guard_above(change: Change) -> ClientWithMiddleware {
    let profile = profile();
    ClientBuilder::new(client_builder(profile.clone()).build().unwrap())
        .with(RetentionGuardMiddleware::new(profile))
        .with(Below(change))
        .build()
}

/// Only the guard, over a reqwest client the test configures (its redirects checked).
fn guard_over(
    configure: impl FnOnce(reqwest::ClientBuilder) -> reqwest::ClientBuilder,
) -> ClientWithMiddleware {
    let profile = profile();
    let http = configure(client_builder(profile.clone())).build().unwrap();
    ClientBuilder::new(http)
        .with(RetentionGuardMiddleware::new(profile))
        .build()
}

async fn kind(client: &ClientWithMiddleware) -> Option<NotGuardedKind> {
    assert_guarded(client).await.err().map(|e| e.kind())
}

#[tokio::test]
async fn a_guarded_client_builder_passes() {
    let client = GuardedClientBuilder::new(profile(), reqwest::Client::builder())
        .unwrap()
        .with(Below(Change::AddHeader))
        .with(reqwest_tracing::TracingMiddleware::default())
        .build();
    assert_guarded(&client).await.unwrap();
}

#[tokio::test]
async fn a_hand_built_stack_with_the_guard_innermost_passes() {
    let profile = profile();
    let retry = reqwest_retry::RetryTransientMiddleware::new_with_policy(
        reqwest_retry::policies::ExponentialBackoff::builder().build_with_max_retries(1),
    );
    let client = ClientBuilder::new(client_builder(profile.clone()).build().unwrap())
        .with(Below(Change::Body))
        .with(retry)
        .with(RetentionGuardMiddleware::new(profile))
        .build();
    assert_guarded(&client).await.unwrap();
    // A middleware below the guard that changes nothing is harmless, and not seen.
    assert_eq!(kind(&guard_above(Change::Nothing)).await, None);
}

#[tokio::test]
async fn a_stack_without_the_guard_is_caught() {
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(Below(Change::Nothing))
        .build();
    let err = assert_guarded(&client).await.unwrap_err();
    assert_eq!(err.kind(), NotGuardedKind::Absent);
    assert!(err.to_string().contains("GuardedClientBuilder"), "{err}");
    // Not even a client: the bare reqwest client in a middleware client.
    let bare = ClientBuilder::new(reqwest::Client::new()).build();
    assert_eq!(kind(&bare).await, Some(NotGuardedKind::Absent));
}

#[tokio::test]
async fn a_middleware_below_the_guard_that_changes_the_request_is_caught() {
    for (change, what) in [
        (Change::AddHeader, "header `openai-project` was added"),
        (Change::Body, "the body changed"),
        (Change::Path, "the path or query changed"),
        (Change::Host, "header `host` changed"),
    ] {
        let err = assert_guarded(&guard_above(change)).await.unwrap_err();
        assert_eq!(err.kind(), NotGuardedKind::ChangedBelow, "{err}");
        let message = err.to_string();
        assert!(message.contains(what), "{message}");
        // Header values are never printed.
        assert!(!message.contains("proj_other"), "{message}");
    }
}

#[tokio::test]
async fn a_middleware_below_the_guard_that_answers_or_sends_elsewhere_is_caught() {
    assert_eq!(
        kind(&guard_above(Change::Answer)).await,
        Some(NotGuardedKind::NotDelivered)
    );
    assert_eq!(
        kind(&guard_above(Change::Elsewhere)).await,
        Some(NotGuardedKind::NotDelivered)
    );
}

#[tokio::test]
async fn default_credentials_are_replaced_on_the_probe_and_not_reported() {
    // A client that carries its key as a default header: the probe's placeholder takes its
    // place (so the key does not go with the probe), and a credential is not a difference.
    let mut defaults = http::HeaderMap::new();
    defaults.insert("x-api-key", HeaderValue::from_static("sk-ant-default"));
    defaults.insert("api-key", HeaderValue::from_static("azure-default"));
    let client = guard_over(|b| b.default_headers(defaults));
    assert_guarded(&client).await.unwrap();
}

#[tokio::test]
async fn a_client_that_speaks_only_http2_cannot_be_probed_and_says_so() {
    let client = guard_over(reqwest::ClientBuilder::http2_prior_knowledge);
    let err = assert_guarded(&client).await.unwrap_err();
    assert_eq!(err.kind(), NotGuardedKind::Probe, "{err}");
    assert!(err.to_string().contains("HTTP/2"), "{err}");
}

#[tokio::test]
async fn default_headers_the_guard_never_sees_are_caught() {
    let mut defaults = http::HeaderMap::new();
    defaults.insert(
        "anthropic-beta",
        HeaderValue::from_static("files-api-2025-04-14"),
    );
    defaults.insert(
        "authorization",
        HeaderValue::from_static("Bearer sk-allowed"),
    );
    let client = guard_over(|b| b.default_headers(defaults));
    let err = assert_guarded(&client).await.unwrap_err();
    assert_eq!(err.kind(), NotGuardedKind::ChangedBelow);
    assert!(
        err.to_string()
            .contains("header `anthropic-beta` was added"),
        "{err}"
    );
    assert!(!err.to_string().contains("files-api"), "{err}");
}
