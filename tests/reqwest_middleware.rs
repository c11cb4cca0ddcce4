//! A real reqwest-middleware client, through the guard, against real HTTP(S) servers on
//! 127.0.0.1. Denied requests must never arrive; allowed ones arrive rewritten and routed.
#![cfg(feature = "reqwest-middleware")]

#[path = "../examples/support/mock_provider.rs"]
mod mock_provider;

use std::sync::{Arc, Mutex};

use mock_provider::MockProvider;
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware, Middleware, Next};
use retention_guard::{
    Guard, Profile, RetentionGuardMiddleware, Verdict, Violation, ViolationKind, client_builder,
};
use serde_json::{Value, json};

const OPENAI_HOSTS: [&str; 3] = ["api.openai.com", "eu.api.openai.com", "jp.api.openai.com"];

fn guard(toml: &str) -> Guard {
    Guard::new(Profile::from_toml_str(toml).expect("valid profile"))
}

/// A client whose OpenAI host names all resolve to the HTTPS mock.
async fn openai_client(profile: &str) -> (MockProvider, ClientWithMiddleware) {
    let mock = MockProvider::https(&OPENAI_HOSTS).await;
    let guard = guard(profile);
    let http = mock
        .serve_hosts(client_builder(&guard), &OPENAI_HOSTS)
        .build()
        .unwrap();
    (
        mock,
        ClientBuilder::new(http)
            .with(RetentionGuardMiddleware::new(guard))
            .build(),
    )
}

/// A client for a profile whose `base_url` points at a plain-HTTP mock.
async fn gateway_client(
    profile: &str,
    base_path: &str,
) -> (MockProvider, ClientWithMiddleware, String) {
    let mock = MockProvider::http().await;
    let base = mock.url(base_path);
    let guard = guard(&format!("{profile}\nbase_url = \"{base}\""));
    let http = client_builder(&guard).build().unwrap();
    (
        mock,
        ClientBuilder::new(http)
            .with(RetentionGuardMiddleware::new(guard))
            .build(),
        base,
    )
}

async fn denied_kind(result: reqwest_middleware::Result<reqwest::Response>) -> ViolationKind {
    let err = result.expect_err("the guard must deny this request");
    Violation::find(&err)
        .unwrap_or_else(|| panic!("not a guard violation: {err:?}"))
        .kind()
}

const OPENAI_ZDR_EU: &str = r#"
name = "acme-eu-prod"
provider = "openai"
retention = "zero_data_retention"
region = "eu"
organization = "org-acme"
project = "proj_eu"
"#;

#[tokio::test]
async fn openai_eu_zdr_chat_arrives_rewritten_at_the_eu_host() {
    let (mock, client) = openai_client(OPENAI_ZDR_EU).await;
    let resp = client
        .post("https://api.openai.com/v1/chat/completions")
        .json(&json!({"model": "gpt-4.1", "store": true, "messages": [{"role": "user", "content": "hi"}]}))
        .send()
        .await
        .expect("allowed");
    assert_eq!(resp.status(), 200);

    let got = mock.requests();
    assert_eq!(got.len(), 1);
    let req = &got[0];
    assert_eq!(req.host, "eu.api.openai.com");
    assert_eq!(req.path, "/v1/chat/completions");
    assert_eq!(req.header("openai-project"), Some("proj_eu"));
    assert_eq!(req.header("openai-organization"), Some("org-acme"));
    let body = req.json().unwrap();
    assert_eq!(body["store"], Value::Bool(false));
    assert_eq!(body["messages"][0]["content"], "hi");
    assert_eq!(
        req.header("content-length")
            .map(|l| l.parse::<usize>().unwrap()),
        Some(req.body.len())
    );
}

#[tokio::test]
async fn openai_responses_get_store_false_written_when_absent() {
    let (mock, client) = openai_client(OPENAI_ZDR_EU).await;
    client
        .post("https://eu.api.openai.com/v1/responses")
        .json(&json!({"model": "gpt-4.1", "input": "hi"}))
        .send()
        .await
        .expect("allowed");
    let got = mock.requests();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].host, "eu.api.openai.com");
    assert_eq!(got[0].json().unwrap()["store"], Value::Bool(false));
}

#[tokio::test]
async fn openai_denials_never_leave_the_process() {
    let (mock, client) = openai_client(OPENAI_ZDR_EU).await;
    let cases: Vec<(reqwest_middleware::RequestBuilder, ViolationKind)> = vec![
        (
            client
                .post("https://api.openai.com/v1/assistants")
                .json(&json!({"model": "gpt-4.1"})),
            ViolationKind::EndpointNotEligible,
        ),
        (
            client
                .post("https://api.openai.com/v1/responses")
                .json(&json!({"model": "gpt-4.1", "previous_response_id": "resp_1"})),
            ViolationKind::ParameterNotAllowed,
        ),
        (
            client
                .post("https://api.openai.com/v1/images/generations")
                .json(&json!({"prompt": "a cat"})),
            ViolationKind::ModelNotEligible,
        ),
        (
            client
                .post("https://jp.api.openai.com/v1/chat/completions")
                .json(&json!({"model": "gpt-4.1"})),
            ViolationKind::RegionMismatch,
        ),
        (
            client
                .post("https://api.openai.com/v1/realtime/client_secrets")
                .header("openai-project", "proj_other")
                .json(&json!({})),
            ViolationKind::ProjectMismatch,
        ),
        (
            client
                .post("https://api.openai.com/v1/chat/completions")
                .header("content-type", "application/json")
                .body("{\"store\": true,"),
            ViolationKind::MalformedBody,
        ),
        (
            client
                .post("https://api.openai.com/v1/chat/completions")
                .header("content-encoding", "gzip")
                .header("content-type", "application/json")
                .body(vec![0x1f, 0x8b, 0x08]),
            ViolationKind::UninspectableBody,
        ),
        (
            client
                .post("https://api.openai.com/v1/chat/completions")
                .body(streaming_body(b"{\"store\":true}")),
            ViolationKind::UninspectableBody,
        ),
        (
            client
                .post("https://api.openai.com/v1/%61ssistants")
                .json(&json!({})),
            ViolationKind::UnknownEndpoint,
        ),
        (
            client
                .post("https://api.openai.com/v1/brand_new_thing")
                .json(&json!({})),
            ViolationKind::UnknownEndpoint,
        ),
        (
            client
                .post("https://api.openai.com/v1/fine_tuning/jobs")
                .json(&json!({})),
            ViolationKind::EndpointNotEligible,
        ),
    ];
    for (request, kind) in cases {
        assert_eq!(denied_kind(request.send().await).await, kind);
    }
    assert_eq!(mock.count(), 0, "a denied request reached the server");

    // Reading and deleting stored data stay allowed, and do arrive.
    client
        .get("https://api.openai.com/v1/vector_stores")
        .send()
        .await
        .expect("GET allowed");
    client
        .delete("https://api.openai.com/v1/files/file-1")
        .send()
        .await
        .expect("DELETE allowed");
    let got = mock.requests();
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|r| r.host == "eu.api.openai.com"));
}

/// A body reqwest can only stream: it cannot hand the middleware its bytes.
fn streaming_body(bytes: &'static [u8]) -> reqwest::Body {
    reqwest::Body::wrap(http_body_util::Full::new(hyper::body::Bytes::from_static(
        bytes,
    )))
}

#[tokio::test]
async fn groq_zdr_allows_chat_and_denies_batches() {
    let profile = "provider = \"groq\"\nretention = \"zero_data_retention\"";
    let (mock, client, base) = gateway_client(profile, "/openai/v1").await;
    client
        .post(format!("{base}/chat/completions"))
        .json(&json!({"model": "llama-3.3-70b-versatile", "messages": []}))
        .send()
        .await
        .expect("chat allowed");
    let kind = denied_kind(
        client
            .post(format!("{base}/batches"))
            .json(&json!({"input_file_id": "f"}))
            .send()
            .await,
    )
    .await;
    assert_eq!(kind, ViolationKind::EndpointNotEligible);
    let kind = denied_kind(
        client
            .post(format!("{base}/files"))
            .json(&json!({}))
            .send()
            .await,
    )
    .await;
    assert_eq!(kind, ViolationKind::EndpointNotEligible);
    let got = mock.requests();
    assert_eq!(got.len(), 1, "only the chat request may arrive");
    assert_eq!(got[0].path, "/openai/v1/chat/completions");
    assert_eq!(
        got[0].json().unwrap().get("store"),
        None,
        "groq does not store: nothing to add"
    );
}

#[tokio::test]
async fn fireworks_zdr_turns_the_responses_default_off_and_denies_proprietary_models() {
    let profile = "provider = \"fireworks\"\nretention = \"zero_data_retention\"";
    let (mock, client, base) = gateway_client(profile, "/inference/v1").await;
    client
        .post(format!("{base}/responses"))
        .json(&json!({"model": "accounts/fireworks/models/llama-v3p1-8b-instruct", "input": "hi"}))
        .send()
        .await
        .expect("responses allowed");
    let kind = denied_kind(
        client
            .post(format!("{base}/chat/completions"))
            .json(&json!({"model": "accounts/fireworks/models/firefunction-v2", "messages": []}))
            .send()
            .await,
    )
    .await;
    assert_eq!(kind, ViolationKind::ModelNotEligible);
    let got = mock.requests();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].json().unwrap()["store"], Value::Bool(false));
}

#[tokio::test]
async fn standard_profile_sends_requests_untouched() {
    let profile = "provider = \"openai\"\nretention = \"standard\"";
    let (mock, client, base) = gateway_client(profile, "/v1").await;
    let body =
        json!({"model": "gpt-4.1", "store": true, "input": "hi", "previous_response_id": "resp_1"});
    client
        .post(format!("{base}/responses"))
        .json(&body)
        .send()
        .await
        .expect("allowed");
    client
        .post(format!("{base}/assistants"))
        .json(&json!({}))
        .send()
        .await
        .expect("allowed");
    let got = mock.requests();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].json().unwrap(), body);
}

#[tokio::test]
async fn unknown_hosts_are_denied_under_zdr() {
    let stranger = MockProvider::http().await;
    let (mock, client, _) = gateway_client(
        "provider = \"openai\"\nretention = \"zero_data_retention\"",
        "/v1",
    )
    .await;
    let kind = denied_kind(
        client
            .post(stranger.url("/v1/chat/completions"))
            .json(&json!({"model": "gpt-4.1"}))
            .send()
            .await,
    )
    .await;
    assert_eq!(kind, ViolationKind::HostNotAllowed);
    assert_eq!(stranger.count() + mock.count(), 0);
}

#[tokio::test]
async fn redirects_cannot_leave_the_allowed_hosts() {
    let elsewhere = MockProvider::http().await;
    let (gateway, client, base) = gateway_client(
        "provider = \"openai\"\nretention = \"zero_data_retention\"",
        "/v1",
    )
    .await;
    let target = elsewhere.url("/v1/chat/completions");
    gateway.push_response(307, &[("location", &target)], "");
    let err = client
        .post(format!("{base}/chat/completions"))
        .json(&json!({"model": "gpt-4.1", "messages": []}))
        .send()
        .await
        .expect_err("the redirect must be refused");
    assert!(err.is_redirect(), "{err:?}");
    assert_eq!(
        Violation::find(&err).map(|v| v.kind()),
        Some(ViolationKind::HostNotAllowed)
    );
    assert_eq!(gateway.count(), 1);
    assert_eq!(
        elsewhere.count(),
        0,
        "the redirect reached a host the profile does not allow"
    );

    // A redirect within the gateway is followed.
    gateway.push_response(
        307,
        &[("location", &format!("{base}/chat/completions"))],
        "",
    );
    client
        .post(format!("{base}/chat/completions"))
        .json(&json!({"model": "gpt-4.1", "messages": []}))
        .send()
        .await
        .expect("same-host redirect followed");
    assert_eq!(gateway.count(), 3);
}

#[tokio::test]
async fn a_redirecting_gateway_cannot_resend_the_prompt_to_another_endpoint() {
    let (gateway, client, base) = gateway_client(
        "provider = \"openai\"\nretention = \"zero_data_retention\"",
        "/v1",
    )
    .await;
    // 307 and 308 resend the method and body: to `/v1/assistants` the prompt would create state.
    for status in [307, 308] {
        gateway.push_response(status, &[("location", &format!("{base}/assistants"))], "");
        let err = client
            .post(format!("{base}/chat/completions"))
            .json(&json!({"model": "gpt-4.1", "messages": [{"role": "user", "content": "secret"}]}))
            .send()
            .await
            .expect_err("the redirect must be refused");
        assert_eq!(
            Violation::find(&err).map(|v| v.kind()),
            Some(ViolationKind::UnknownEndpoint),
            "{status}: {err:?}"
        );
    }
    // 303 (and 301, 302) become a body-less GET, which every rule must allow: an endpoint the
    // profile does not know is refused.
    gateway.push_response(303, &[("location", &format!("{base}/brand_new"))], "");
    let err = client
        .post(format!("{base}/chat/completions"))
        .json(&json!({"model": "gpt-4.1", "messages": []}))
        .send()
        .await
        .expect_err("the redirect must be refused");
    assert_eq!(
        Violation::find(&err).map(|v| v.kind()),
        Some(ViolationKind::UnknownEndpoint)
    );
    let paths: Vec<String> = gateway.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths, ["/v1/chat/completions"; 3],
        "a redirect target was requested"
    );
    // A 303 to an allowed read is followed.
    gateway.push_response(303, &[("location", &format!("{base}/models"))], "");
    client
        .post(format!("{base}/chat/completions"))
        .json(&json!({"model": "gpt-4.1", "messages": []}))
        .send()
        .await
        .expect("a redirect to an allowed GET is followed");
    assert_eq!(gateway.requests().last().unwrap().path, "/v1/models");
}

#[tokio::test]
async fn inside_reqwest_retry_a_denial_is_found_and_not_retried_while_a_429_is() {
    use reqwest_retry::{RetryTransientMiddleware, policies::ExponentialBackoff};
    let mock = MockProvider::http().await;
    let base = mock.url("/v1");
    let guard = guard(&format!(
        "provider = \"openai\"\nretention = \"zero_data_retention\"\nbase_url = \"{base}\""
    ));
    let policy = ExponentialBackoff::builder()
        .retry_bounds(
            std::time::Duration::from_millis(1),
            std::time::Duration::from_millis(5),
        )
        .build_with_max_retries(2);
    let client = ClientBuilder::new(client_builder(&guard).build().unwrap())
        .with(RetryTransientMiddleware::new_with_policy(policy))
        .with(RetentionGuardMiddleware::new(guard))
        .build();

    let err = client
        .post(format!("{base}/assistants"))
        .json(&json!({}))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        Violation::find(&err).map(|v| v.kind()),
        Some(ViolationKind::EndpointNotEligible)
    );
    assert_eq!(mock.count(), 0);

    mock.push_response(429, &[], "{}");
    let resp = client
        .post(format!("{base}/chat/completions"))
        .json(&json!({"model": "gpt-4.1", "store": true, "messages": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let got = mock.requests();
    assert_eq!(got.len(), 2, "the 429 is retried once");
    assert!(
        got.iter()
            .all(|r| r.json().unwrap()["store"] == Value::Bool(false)),
        "every attempt is rewritten"
    );
}

/// Records the `Verdict` the guard leaves in the request's extensions.
struct VerdictProbe(Arc<Mutex<Option<Verdict>>>);

#[async_trait::async_trait]
impl Middleware for VerdictProbe {
    async fn handle(
        &self,
        req: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        *self.0.lock().unwrap() = extensions.get::<Verdict>().cloned();
        next.run(req, extensions).await
    }
}

#[tokio::test]
async fn the_decision_is_recorded_in_request_extensions() {
    let (mock, _, base) = gateway_client(
        "provider = \"openai\"\nretention = \"zero_data_retention\"",
        "/v1",
    )
    .await;
    let guard = guard(&format!(
        "name = \"probe\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nbase_url = \"{base}\""
    ));
    let seen = Arc::new(Mutex::new(None));
    let client = ClientBuilder::new(client_builder(&guard).build().unwrap())
        .with(RetentionGuardMiddleware::new(guard))
        .with(VerdictProbe(seen.clone()))
        .build();
    client
        .post(format!("{base}/chat/completions"))
        .json(&json!({"model": "gpt-4.1", "messages": []}))
        .send()
        .await
        .unwrap();
    let verdict = seen
        .lock()
        .unwrap()
        .clone()
        .expect("a verdict in the extensions");
    assert_eq!(verdict.profile.as_deref(), Some("probe"));
    assert!(verdict.enforced);
    assert_eq!(verdict.rule.map(|r| r.id), Some("openai.chat_completions"));
    assert_eq!(verdict.changes.len(), 1, "{:?}", verdict.changes);
    assert_eq!(mock.count(), 1);
}

#[tokio::test]
async fn an_unchanged_body_is_not_copied() {
    let guard = guard("provider = \"openai\"\nretention = \"zero_data_retention\"");
    let body = format!(
        "{{\"store\":false,\"messages\":[{{\"content\":\"{}\"}}]}}",
        "x".repeat(1 << 20)
    );
    let mut req = reqwest::Client::new()
        .post("https://api.openai.com/v1/chat/completions")
        .body(body)
        .build()
        .unwrap();
    let before = req.body().unwrap().as_bytes().unwrap().as_ptr();
    let verdict = retention_guard::adapter::check_guard(&guard, &mut req)
        .await
        .expect("allowed");
    assert!(verdict.changes.is_empty());
    assert_eq!(
        req.body().unwrap().as_bytes().unwrap().as_ptr(),
        before,
        "the body was replaced"
    );

    // A rewrite does replace it, and fixes Content-Length when one was set.
    let mut req = reqwest::Client::new()
        .post("https://api.openai.com/v1/chat/completions")
        .header("content-length", "13")
        .body("{\"store\":true}")
        .build()
        .unwrap();
    let _verdict = retention_guard::adapter::check_guard(&guard, &mut req)
        .await
        .expect("allowed");
    assert_eq!(
        req.body().unwrap().as_bytes().unwrap(),
        b"{\"store\":false}"
    );
    assert_eq!(req.headers()["content-length"], "15");
}
