//! Hosted tools and stored features through a real client (issue 17): a reqwest-middleware client
//! with the guard sends to a loopback server standing in for each provider's host. A denied
//! request never arrives (the server counts what it received); an allowed one arrives as the
//! application built it.

#[path = "../examples/support/mock_provider.rs"]
mod mock_provider;

use mock_provider::MockProvider;
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware, RequestBuilder};
use retention_guard::{Policy, RetentionGuardMiddleware, Violation, ViolationKind, client_builder};
use serde_json::json;

const HOSTS: [&str; 4] = [
    "api.anthropic.com",
    "api.x.ai",
    "openrouter.ai",
    "contoso.openai.azure.com",
];

const POLICY: &str = r#"
[[profile]]
name = "anthropic"
provider = "anthropic"
retention = "zero_data_retention"

[[profile]]
name = "xai"
provider = "xai"
retention = "zero_data_retention"

[[profile]]
name = "openrouter"
provider = "openrouter"
retention = "zero_data_retention"
confirm = ["openrouter.logging_disabled"]

[[profile]]
name = "azure-eu"
provider = "azure_openai"
retention = "modified_abuse_monitoring"
confirm = ["azure_openai.modified_abuse_monitoring_approved"]
region = "eu"
base_url = "https://contoso.openai.azure.com/openai/v1"
deployments = { "rt-eu" = "data_zone_eu", "rt-us" = "data_zone_us" }
"#;

async fn client() -> (MockProvider, ClientWithMiddleware) {
    let policy = Policy::from_toml_str(POLICY).unwrap_or_else(|e| panic!("{e}"));
    let mock = MockProvider::https(&HOSTS).await;
    let http = mock
        .serve_hosts(client_builder(&policy), &HOSTS)
        .build()
        .unwrap();
    let client = ClientBuilder::new(http)
        .with(RetentionGuardMiddleware::new(&policy))
        .build();
    (mock, client)
}

/// Sends `request`, which the guard must deny with `kind` and `rule` before anything arrives.
async fn denied(mock: &MockProvider, request: RequestBuilder, kind: ViolationKind, rule: &str) {
    let before = mock.count();
    let err = request.send().await.expect_err("the guard must deny this");
    let v: &Violation = Violation::find(&err).unwrap_or_else(|| panic!("not a denial: {err:?}"));
    assert_eq!(v.kind(), kind, "{v}");
    assert_eq!(v.rule().map(|r| r.id), Some(rule), "{v}");
    assert_eq!(mock.count(), before, "a denied request arrived: {v}");
}

#[tokio::test]
async fn anthropic_stateful_features_never_leave_and_eligible_ones_arrive() {
    let (mock, client) = client().await;
    let messages = "https://api.anthropic.com/v1/messages";
    let post = |body: serde_json::Value| client.post(messages).json(&body);
    denied(
        &mock,
        post(json!({"model": "claude-opus-4-5", "container": {"skills": [{"type": "anthropic", "skill_id": "xlsx"}]}})),
        ViolationKind::ParameterNotAllowed,
        "anthropic.container",
    )
    .await;
    denied(
        &mock,
        post(json!({"mcp_servers": [{"type": "url", "url": "https://mcp.example", "name": "x"}]})),
        ViolationKind::ParameterNotAllowed,
        "anthropic.tools.mcp",
    )
    .await;
    denied(
        &mock,
        post(json!({"tools": [{"type": "code_execution_20250825", "name": "code_execution"}]})),
        ViolationKind::ParameterNotAllowed,
        "anthropic.tools.code_execution",
    )
    .await;
    denied(
        &mock,
        post(json!({"model": "claude-fable-5"})),
        ViolationKind::ModelNotEligible,
        "anthropic.models.covered",
    )
    .await;
    denied(
        &mock,
        client
            .post(messages)
            .header("anthropic-beta", "skills-2025-10-02")
            .json(&json!({})),
        ViolationKind::ParameterNotAllowed,
        "anthropic.beta.stateful",
    )
    .await;
    // Context management and a one-hour cache are ZDR eligible, and arrive untouched.
    let body = json!({"context_management": {"edits": [{"type": "clear_tool_uses_20250919"}]}, "cache_control": {"type": "ephemeral", "ttl": "1h"}, "tools": [{"name": "lookup", "input_schema": {"type": "object"}}]});
    client
        .post(messages)
        .header("anthropic-beta", "context-management-2025-06-27")
        .json(&body)
        .send()
        .await
        .expect("allowed");
    assert_eq!(mock.count(), 1);
    assert_eq!(mock.requests()[0].json(), Some(body));
}

#[tokio::test]
async fn xai_deferred_and_stateful_server_tools_never_leave() {
    let (mock, client) = client().await;
    denied(
        &mock,
        client
            .post("https://api.x.ai/v1/chat/completions")
            .json(&json!({"model": "grok-4", "deferred": true})),
        ViolationKind::ParameterNotAllowed,
        "xai.deferred",
    )
    .await;
    denied(
        &mock,
        client
            .post("https://api.x.ai/v1/responses")
            .json(&json!({"store": false, "tools": [{"type": "mcp", "server_url": "https://mcp.example"}]})),
        ViolationKind::ParameterNotAllowed,
        "xai.tools.stateful",
    )
    .await;
}

#[tokio::test]
async fn openrouter_server_tools_and_response_caching_never_leave() {
    let (mock, client) = client().await;
    let chat = "https://openrouter.ai/api/v1/chat/completions";
    denied(
        &mock,
        client
            .post(chat)
            .json(&json!({"model": "m", "tools": [{"type": "openrouter:web_search"}]})),
        ViolationKind::ParameterNotAllowed,
        "openrouter.tools.web",
    )
    .await;
    denied(
        &mock,
        client
            .post(chat)
            .header("x-openrouter-cache", "true")
            .json(&json!({"model": "m"})),
        ViolationKind::ParameterNotAllowed,
        "openrouter.response_cache",
    )
    .await;
    client
        .post(chat)
        .json(&json!({"model": "m", "tools": [{"type": "function", "function": {"name": "f"}}]}))
        .send()
        .await
        .expect("a function tool is allowed");
    assert_eq!(mock.count(), 1);
}

/// The realtime handshake through the middleware: the deployment its query names is checked,
/// as `Guard::check_realtime` checks it.
#[tokio::test]
async fn an_azure_realtime_handshake_is_checked_for_its_deployment() {
    let (mock, client) = client().await;
    let realtime = "https://contoso.openai.azure.com/openai/v1/realtime";
    denied(
        &mock,
        client.get(format!("{realtime}?model=rt-us")),
        ViolationKind::RegionNotSupported,
        "azure_openai.deployments",
    )
    .await;
    let before = mock.count();
    let err = client
        .get(format!("{realtime}?MODEL=rt-us"))
        .send()
        .await
        .expect_err("a model key in another case is denied");
    let v = Violation::find(&err).expect("a denial");
    assert_eq!(v.kind(), ViolationKind::ParameterNotAllowed, "{v}");
    assert_eq!(mock.count(), before);
    client
        .get(format!("{realtime}?model=rt-eu"))
        .send()
        .await
        .expect("an in-region deployment is allowed");
    assert_eq!(mock.count(), before + 1);
}
