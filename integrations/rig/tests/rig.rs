//! rig 0.44's provider clients through a guarded `ClientWithMiddleware`, against the loopback mock
//! provider (TLS for the providers' real host names): rewrites arrive, denials send nothing
//! (counted at the server), and the violation is found from rig's error.

#[path = "../../../examples/support/mock_provider.rs"]
mod mock_provider;

use mock_provider::MockProvider;
use retention_guard::{Policy, Profile, ViolationKind};
use retention_guard_rig::{guarded_http, violation};
use rig_core::completion::CompletionRequest;
use rig_core::providers::anthropic::AnthropicConfig;
use rig_core::providers::gemini::GeminiConfig;
use rig_core::providers::openai::OpenAIConfig;
use rig_reqwest::ReqwestMiddlewareClient;
use serde_json::json;

const OPENAI_HOSTS: [&str; 2] = ["api.openai.com", "eu.api.openai.com"];

fn policy(toml: &str) -> Policy {
    Policy::from(Profile::from_toml_str(toml).unwrap())
}

async fn transport(policy: &Policy, hosts: &[&str]) -> (MockProvider, ReqwestMiddlewareClient) {
    let mock = MockProvider::https(hosts).await;
    let http = guarded_http(policy, mock.serve_hosts(reqwest::Client::builder(), hosts)).unwrap();
    (mock, http)
}

/// An EU project under ZDR: rig's Responses, chat and embedding models are routed to the EU host
/// with `store: false` written in; state it asks for is denied before anything is sent.
#[tokio::test]
async fn openai_responses_chat_and_embeddings() {
    let policy = policy(
        "provider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\nproject = \"proj_eu\"",
    );
    let (mock, http) = transport(&policy, &OPENAI_HOSTS).await;
    // rig's own default base URL: the guard routes it.
    let openai = OpenAIConfig::new("sk-test").connect(http);

    let responses = openai.responses("gpt-4.1-mini");
    responses
        .call(CompletionRequest::new("hello"))
        .await
        .expect("the mock answers");
    let chat = openai.chat("gpt-4.1-mini");
    chat.call(CompletionRequest::new("hello"))
        .await
        .expect("the mock answers");
    let embedder = openai.embedding("text-embedding-3-small", None);
    embedder
        .call(vec!["hello".to_owned()])
        .await
        .expect("the mock answers");

    let got = mock.requests();
    let seen: Vec<_> = got
        .iter()
        .map(|r| (r.host.as_str(), r.path.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("eu.api.openai.com", "/v1/responses"),
            ("eu.api.openai.com", "/v1/chat/completions"),
            ("eu.api.openai.com", "/v1/embeddings"),
        ]
    );
    assert_eq!(got[0].json().unwrap()["store"], json!(false), "written in");
    assert_eq!(got[1].json().unwrap()["store"], json!(false), "written in");
    assert!(
        got.iter()
            .all(|r| r.header("openai-project") == Some("proj_eu"))
    );

    // State rig can ask for through `additional_params`: denied, nothing sent.
    let before = mock.count();
    for (params, kind) in [
        (
            json!({"previous_response_id": "resp_123"}),
            ViolationKind::ParameterNotAllowed,
        ),
        (
            json!({"tools": [{"type": "mcp", "server_label": "crm", "server_url": "https://mcp.example.com"}]}),
            ViolationKind::ParameterNotAllowed,
        ),
        (
            json!({"background": true}),
            ViolationKind::ParameterNotAllowed,
        ),
    ] {
        let err = responses
            .call(CompletionRequest::new("hello").additional_params(params.clone()))
            .await
            .expect_err("denied");
        let v = violation(&err).unwrap_or_else(|| panic!("no violation in {err:?}"));
        assert_eq!(v.kind(), kind, "{params}: {v}");
    }
    // `store: true` is rewritten, not denied.
    responses
        .call(CompletionRequest::new("hello").additional_params(json!({"store": true})))
        .await
        .unwrap();
    assert_eq!(mock.count(), before + 1, "the denied calls sent nothing");
    assert_eq!(
        mock.requests().last().unwrap().json().unwrap()["store"],
        json!(false)
    );
}

/// rig's native Anthropic client speaks the Messages API, which the Anthropic catalog covers.
#[tokio::test]
async fn anthropic_messages() {
    let policy = policy("provider = \"anthropic\"\nretention = \"zero_data_retention\"");
    let (mock, http) = transport(&policy, &["api.anthropic.com"]).await;
    let claude = AnthropicConfig::new("sk-ant-test")
        .connect(http)
        .completion("claude-sonnet-4-5");
    mock.push_response(
        200,
        &[],
        r#"{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"hello"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}"#,
    );
    claude.call(CompletionRequest::new("hello")).await.unwrap();
    assert_eq!(mock.count(), 1);
    assert_eq!(mock.requests()[0].path, "/v1/messages");

    let err = claude
        .call(CompletionRequest::new("hello").additional_params(json!({
            "mcp_servers": [{"type": "url", "url": "https://mcp.example.com", "name": "crm"}]
        })))
        .await
        .expect_err("the MCP connector reaches a third party");
    let v = violation(&err).expect("the guard's violation");
    assert_eq!(v.kind(), ViolationKind::ParameterNotAllowed, "{v}");
    assert_eq!(mock.count(), 1, "nothing sent");
}

/// rig's native Gemini client speaks `generateContent` under `/v1beta`, which the Gemini catalog
/// covers: a call goes through; grounding with Google Search is denied under ZDR before anything
/// is sent. rig's OpenAI client pointed at Gemini's compatibility layer is guarded too.
#[tokio::test]
async fn gemini_native_and_the_compatibility_layer() {
    let policy = policy(
        "provider = \"gemini\"\nretention = \"zero_data_retention\"\nconfirm = [\"gemini.logging_disabled\", \"gemini.zdr_approved\"]",
    );
    let (mock, http) = transport(&policy, &["generativelanguage.googleapis.com"]).await;
    let native = GeminiConfig::new("AIza-test")
        .connect(http.clone())
        .completion("gemini-2.5-flash");
    mock.push_response(
        200,
        &[],
        r#"{"candidates":[{"content":{"parts":[{"text":"hello"}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":1,"candidatesTokenCount":1,"totalTokenCount":2},"modelVersion":"gemini-2.5-flash"}"#,
    );
    native.call(CompletionRequest::new("hello")).await.unwrap();
    let got = mock.requests();
    assert_eq!(got.len(), 1);
    assert!(
        got[0]
            .path
            .starts_with("/v1beta/models/gemini-2.5-flash:generateContent"),
        "{}",
        got[0].path
    );

    let err = native
        .call(
            CompletionRequest::new("hello")
                .additional_params(json!({"tools": [{"googleSearch": {}}]})),
        )
        .await
        .expect_err("grounding keeps data for 30 days");
    let v = violation(&err).expect("the guard's violation");
    assert_eq!(v.kind(), ViolationKind::ParameterNotAllowed, "{v}");
    assert_eq!(
        v.rule().map(|r| r.id),
        Some("gemini.native.tools.grounding")
    );
    assert!(
        !v.to_string().contains("AIza-test"),
        "the key is in the query: {v}"
    );
    assert_eq!(mock.count(), 1, "nothing sent");

    let compat = OpenAIConfig::new("AIza-test")
        .with_base_url("https://generativelanguage.googleapis.com/v1beta/openai")
        .connect(http)
        .chat("gemini-2.5-flash");
    compat.call(CompletionRequest::new("hello")).await.unwrap();
    let got = mock.requests();
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].path, "/v1beta/openai/chat/completions");
}
