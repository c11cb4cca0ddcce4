//! The providers xAI, Mistral, Together, Anthropic and Gemini through real clients
//! (reqwest-middleware and async-openai) against an HTTPS mock on 127.0.0.1 that serves each
//! provider's real host names. Allowed requests must arrive as the profile says (host, path,
//! rewritten body); denied ones must not arrive at all (the mock's count is unchanged). Also: a
//! policy of all five in one client, and xAI's attestation header through both adapters.
#![cfg(all(feature = "reqwest-middleware", feature = "async-openai"))]

#[path = "../examples/support/mock_provider.rs"]
mod mock_provider;

use std::sync::{Arc, Mutex};

use async_openai::Client;
use async_openai::config::OpenAIConfig;
use async_openai::error::OpenAIError;
use async_openai::types::batches::{BatchCompletionWindow, BatchEndpoint, BatchRequestArgs};
use async_openai::types::chat::{
    ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequest,
    CreateChatCompletionRequestArgs,
};
use async_openai::types::embeddings::CreateEmbeddingRequestArgs;
use async_openai::types::files::{CreateFileRequestArgs, FileInput, FilePurpose};
use async_openai::types::responses::CreateResponseArgs;
use mock_provider::MockProvider;
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware, RequestBuilder};
use retention_guard::async_openai::GuardedClient;
use retention_guard::{
    DecisionRecord, Observer, Policy, Profile, RetentionGuardMiddleware, Verdict, Violation,
    ViolationKind, client_builder, find_violation,
};
use serde_json::{Value, json};

const XAI: &str = r#"
name = "xai"
provider = "xai"
retention = "zero_data_retention"
"#;

const MISTRAL_EU: &str = r#"
name = "mistral-eu"
provider = "mistral"
retention = "zero_data_retention"
region = "eu"
"#;

const TOGETHER: &str = r#"
name = "together"
provider = "together"
retention = "zero_data_retention"
confirm = ["together.prompt_storage_disabled"]
"#;

const ANTHROPIC: &str = r#"
name = "anthropic"
provider = "anthropic"
retention = "zero_data_retention"
"#;

const GEMINI: &str = r#"
name = "gemini"
provider = "gemini"
retention = "zero_data_retention"
confirm = ["gemini.logging_disabled", "gemini.zdr_approved"]
"#;

/// Every host the five providers' profiles above use or name.
const HOSTS: [&str; 10] = [
    "api.x.ai",
    "us.api.x.ai",
    "api.mistral.ai",
    "api.eu.mistral.ai",
    "api.us.mistral.ai",
    "api.together.ai",
    "api.together.xyz",
    "ca-api.together.ai",
    "api.anthropic.com",
    "generativelanguage.googleapis.com",
];

const GEMINI_BASE: &str = "https://generativelanguage.googleapis.com/v1beta/openai";

/// A response xAI would send: a chat completion (the scripted answers replace the mock's own).
const CHAT_ANSWER: &str = r#"{"id":"chatcmpl-mock","object":"chat.completion","created":0,"model":"grok-4.6","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"hi"}}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}"#;

fn policy(toml: &str) -> Policy {
    Policy::from_toml_str(toml).unwrap_or_else(|e| panic!("invalid policy: {e}"))
}

/// A reqwest-middleware client through the guard, every provider host resolving to the mock.
async fn middleware(policy: &Policy) -> (MockProvider, ClientWithMiddleware) {
    let mock = MockProvider::https(&HOSTS).await;
    let http = mock
        .serve_hosts(client_builder(policy), &HOSTS)
        .build()
        .unwrap();
    let client = ClientBuilder::new(http)
        .with(RetentionGuardMiddleware::new(policy))
        .build();
    (mock, client)
}

/// An async-openai client for the API at `base`, with the guard under it.
fn async_openai(mock: &MockProvider, policy: &Policy, base: &str) -> Client<OpenAIConfig> {
    Client::with_config(
        OpenAIConfig::new()
            .with_api_key("sk-test")
            .with_api_base(base),
    )
    .with_retention_guard(policy, mock.serve_hosts(reqwest::Client::builder(), &HOSTS))
    .unwrap()
}

/// Sends `request`, which the guard must deny with `kind` before anything reaches the mock.
async fn denied(mock: &MockProvider, request: RequestBuilder, kind: ViolationKind) -> Violation {
    let before = mock.count();
    let err = request
        .send()
        .await
        .expect_err("the guard must deny this request");
    let violation = find_violation(&err)
        .unwrap_or_else(|| panic!("not a guard denial: {err:?}"))
        .clone();
    assert_eq!(violation.kind(), kind, "{violation}");
    assert_eq!(
        mock.count(),
        before,
        "a denied request arrived: {violation}"
    );
    violation
}

/// The async-openai twin of [`denied`]: `call` must fail with `kind` and send nothing.
async fn denied_async<T: std::fmt::Debug>(
    mock: &MockProvider,
    call: impl std::future::Future<Output = Result<T, OpenAIError>>,
    kind: ViolationKind,
) {
    let before = mock.count();
    let err = call.await.expect_err("the guard must deny this request");
    let violation = retention_guard::async_openai::find_violation(&err)
        .unwrap_or_else(|| panic!("not a guard denial: {err:?}"));
    assert_eq!(violation.kind(), kind, "{violation}");
    assert_eq!(
        mock.count(),
        before,
        "a denied request arrived: {violation}"
    );
}

/// The last request the mock received.
fn last(mock: &MockProvider) -> mock_provider::Recorded {
    mock.requests().pop().expect("a request arrived")
}

fn chat(model: &str) -> Value {
    json!({"model": model, "messages": [{"role": "user", "content": "hi"}]})
}

fn chat_request(model: &str) -> CreateChatCompletionRequest {
    CreateChatCompletionRequestArgs::default()
        .model(model)
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content("hi")
            .build()
            .unwrap()
            .into()])
        .build()
        .unwrap()
}

fn file_upload() -> async_openai::types::files::CreateFileRequest {
    CreateFileRequestArgs::default()
        .file(FileInput::from_vec_u8(
            "data.jsonl".into(),
            b"{}\n".to_vec(),
        ))
        .purpose(FilePurpose::FineTune)
        .build()
        .unwrap()
}

// ---- reqwest-middleware, one provider at a time ----

#[tokio::test]
async fn xai_responses_get_store_false_and_stateful_calls_never_leave() {
    let policy = policy(XAI);
    let (mock, client) = middleware(&policy).await;

    for body in [
        json!({"model": "grok-4.6", "input": "hi"}),
        json!({"model": "grok-4.6", "input": "hi", "store": true}),
    ] {
        let resp = client
            .post("https://api.x.ai/v1/responses")
            .json(&body)
            .send()
            .await
            .expect("allowed");
        assert_eq!(resp.status(), 200);
        let got = last(&mock);
        assert_eq!(
            (got.host.as_str(), got.path.as_str()),
            ("api.x.ai", "/v1/responses")
        );
        let sent = got.json().unwrap();
        assert_eq!(sent["store"], Value::Bool(false), "{sent}");
        assert_eq!(sent["input"], "hi");
        assert_eq!(sent["model"], "grok-4.6");
    }
    assert_eq!(mock.count(), 2);

    let stored = json!({"model": "grok-4.6", "store": false, "previous_response_id": "resp_1"});
    let cases = [
        (
            "https://api.x.ai/v1/responses",
            stored,
            ViolationKind::ParameterNotAllowed,
        ),
        (
            "https://api.x.ai/v1/files",
            json!({}),
            ViolationKind::EndpointNotEligible,
        ),
        (
            "https://api.x.ai/v1/collections",
            json!({}),
            ViolationKind::EndpointNotEligible,
        ),
        (
            "https://api.x.ai/v1/batches",
            json!({}),
            ViolationKind::EndpointNotEligible,
        ),
        // The US host without a US profile.
        (
            "https://us.api.x.ai/v1/responses",
            json!({"model": "grok-4.6"}),
            ViolationKind::RegionMismatch,
        ),
    ];
    for (url, body, kind) in cases {
        denied(&mock, client.post(url).json(&body), kind).await;
    }
    assert_eq!(mock.count(), 2);
}

#[tokio::test]
async fn mistral_chat_is_routed_to_the_eu_host_and_stateful_products_never_leave() {
    let policy = policy(MISTRAL_EU);
    let (mock, client) = middleware(&policy).await;

    let body = chat("mistral-small-latest");
    client
        .post("https://api.mistral.ai/v1/chat/completions")
        .json(&body)
        .send()
        .await
        .expect("allowed");
    let got = last(&mock);
    assert_eq!(got.host, "api.eu.mistral.ai");
    assert_eq!(got.path, "/v1/chat/completions");
    assert_eq!(
        got.json().unwrap(),
        body,
        "the body is not the guard's to change"
    );

    let cases = [
        (
            "https://api.mistral.ai/v1/agents",
            ViolationKind::EndpointNotEligible,
        ),
        (
            "https://api.mistral.ai/v1/conversations",
            ViolationKind::EndpointNotEligible,
        ),
        (
            "https://api.eu.mistral.ai/v1/files",
            ViolationKind::EndpointNotEligible,
        ),
        (
            "https://api.mistral.ai/v1/batch/jobs",
            ViolationKind::EndpointNotEligible,
        ),
        (
            "https://api.us.mistral.ai/v1/chat/completions",
            ViolationKind::RegionMismatch,
        ),
    ];
    for (url, kind) in cases {
        denied(&mock, client.post(url).json(&body), kind).await;
    }
    assert_eq!(mock.count(), 1);
}

#[tokio::test]
async fn together_chat_arrives_on_both_global_hosts_and_training_data_never_leaves() {
    let unconfirmed = TOGETHER.replace("confirm = [\"together.prompt_storage_disabled\"]", "");
    let err =
        Profile::from_toml_str(&unconfirmed).expect_err("prompt storage is not confirmed off");
    assert!(
        err.to_string().contains("together.prompt_storage_disabled"),
        "{err}"
    );

    let policy = policy(TOGETHER);
    let (mock, client) = middleware(&policy).await;
    let body = chat("meta-llama/Llama-3.3-70B-Instruct-Turbo");
    for host in ["api.together.ai", "api.together.xyz"] {
        client
            .post(format!("https://{host}/v1/chat/completions"))
            .json(&body)
            .send()
            .await
            .expect("allowed");
        let got = last(&mock);
        assert_eq!(
            (got.host.as_str(), got.path.as_str()),
            (host, "/v1/chat/completions")
        );
        assert_eq!(got.json().unwrap(), body);
    }

    let cases = [
        (
            "https://api.together.ai/v1/files",
            ViolationKind::EndpointNotEligible,
        ),
        (
            "https://api.together.xyz/v1/fine-tunes",
            ViolationKind::EndpointNotEligible,
        ),
        (
            "https://api.together.ai/v1/fine_tuning/jobs",
            ViolationKind::EndpointNotEligible,
        ),
        (
            "https://api.together.ai/v1/batches",
            ViolationKind::EndpointNotEligible,
        ),
        // A regional host without a region.
        (
            "https://ca-api.together.ai/v1/chat/completions",
            ViolationKind::RegionMismatch,
        ),
    ];
    for (url, kind) in cases {
        denied(&mock, client.post(url).json(&body), kind).await;
    }
    assert_eq!(mock.count(), 2);
}

#[tokio::test]
async fn anthropic_messages_arrive_and_the_compatibility_layer_needs_an_allow_entry() {
    let policy = policy(ANTHROPIC);
    let (mock, client) = middleware(&policy).await;
    let message = json!({"model": "claude-haiku-4-5", "max_tokens": 16,
                         "messages": [{"role": "user", "content": "hi"}]});
    client
        .post("https://api.anthropic.com/v1/messages")
        .header("x-api-key", "sk-ant-test")
        .header("anthropic-version", "2023-06-01")
        .json(&message)
        .send()
        .await
        .expect("allowed");
    let got = last(&mock);
    assert_eq!(
        (got.host.as_str(), got.path.as_str()),
        ("api.anthropic.com", "/v1/messages")
    );
    assert_eq!(got.json().unwrap(), message);
    assert_eq!(got.header("x-api-key"), Some("sk-ant-test"));

    let v = denied(
        &mock,
        client
            .post("https://api.anthropic.com/v1/chat/completions")
            .json(&chat("claude-haiku-4-5")),
        ViolationKind::EndpointNotEligible,
    )
    .await;
    assert_eq!(v.rule().map(|r| r.id), Some("anthropic.chat_completions"));
    assert!(
        v.remedy()
            .contains("allow = [\"POST /v1/chat/completions\"]"),
        "{}",
        v.remedy()
    );
    denied(
        &mock,
        client
            .post("https://api.anthropic.com/v1/messages/batches")
            .json(&json!({"requests": []})),
        ViolationKind::EndpointNotEligible,
    )
    .await;
    // Deleting stored data stays allowed.
    client
        .delete("https://api.anthropic.com/v1/files/file_1")
        .send()
        .await
        .expect("allowed");
    assert_eq!(last(&mock).method, "DELETE");
    assert_eq!(mock.count(), 2);

    // With the contract's exception in the profile, the layer is reached.
    let allowing = policy_with(ANTHROPIC, "allow = [\"POST /v1/chat/completions\"]");
    let (mock, client) = middleware(&allowing).await;
    client
        .post("https://api.anthropic.com/v1/chat/completions")
        .json(&chat("claude-haiku-4-5"))
        .send()
        .await
        .expect("allowed by the profile");
    assert_eq!(last(&mock).path, "/v1/chat/completions");
}

fn policy_with(profile: &str, extra: &str) -> Policy {
    policy(&format!("{profile}\n{extra}"))
}

#[tokio::test]
async fn gemini_chat_arrives_under_the_openai_base_path_and_stateful_paths_never_leave() {
    let unconfirmed = GEMINI.replace(", \"gemini.zdr_approved\"", "");
    let err = Profile::from_toml_str(&unconfirmed).expect_err("ZDR approval is not confirmed");
    assert!(err.to_string().contains("gemini.zdr_approved"), "{err}");

    let policy = policy(GEMINI);
    let (mock, client) = middleware(&policy).await;
    let body = chat("gemini-2.5-flash");
    client
        .post(format!("{GEMINI_BASE}/chat/completions"))
        .json(&body)
        .send()
        .await
        .expect("allowed");
    let got = last(&mock);
    assert_eq!(got.host, "generativelanguage.googleapis.com");
    assert_eq!(got.path, "/v1beta/openai/chat/completions");
    assert_eq!(got.json().unwrap(), body);

    let host = "https://generativelanguage.googleapis.com";
    let cases = [
        (
            format!("{GEMINI_BASE}/files"),
            ViolationKind::EndpointNotEligible,
        ),
        (
            format!("{GEMINI_BASE}/batches"),
            ViolationKind::EndpointNotEligible,
        ),
        // The native API's stateful paths lie outside the base path.
        (
            format!("{host}/v1beta/interactions"),
            ViolationKind::UnknownEndpoint,
        ),
        (
            format!("{host}/v1beta/cachedContents"),
            ViolationKind::UnknownEndpoint,
        ),
        (
            format!("{host}/v1/chat/completions"),
            ViolationKind::UnknownEndpoint,
        ),
    ];
    for (url, kind) in cases {
        denied(&mock, client.post(url).json(&body), kind).await;
    }
    assert_eq!(mock.count(), 1);
}

// ---- async-openai ----

#[tokio::test]
async fn async_openai_xai_responses_get_store_false_and_uploads_never_leave() {
    let policy = policy(XAI);
    let mock = MockProvider::https(&HOSTS).await;
    let client = async_openai(&mock, &policy, "https://api.x.ai/v1");

    let response = client
        .responses()
        .create(
            CreateResponseArgs::default()
                .model("grok-4.6")
                .input("hi")
                .build()
                .unwrap(),
        )
        .await
        .expect("allowed");
    assert_eq!(response.id, "resp_mock");
    let got = last(&mock);
    assert_eq!(
        (got.host.as_str(), got.path.as_str()),
        ("api.x.ai", "/v1/responses")
    );
    assert_eq!(got.json().unwrap()["store"], Value::Bool(false));
    assert_eq!(got.header("authorization"), Some("Bearer sk-test"));

    client
        .chat()
        .create(chat_request("grok-4.6"))
        .await
        .expect("allowed");
    assert_eq!(last(&mock).path, "/v1/chat/completions");
    assert_eq!(mock.count(), 2);

    let continued = CreateResponseArgs::default()
        .model("grok-4.6")
        .input("hi")
        .previous_response_id("resp_1")
        .build()
        .unwrap();
    denied_async(
        &mock,
        client.responses().create(continued),
        ViolationKind::ParameterNotAllowed,
    )
    .await;
    denied_async(
        &mock,
        client.files().create(file_upload()),
        ViolationKind::EndpointNotEligible,
    )
    .await;
    assert_eq!(mock.count(), 2);
}

#[tokio::test]
async fn async_openai_mistral_is_routed_to_the_eu_host_and_files_never_leave() {
    let policy = policy(MISTRAL_EU);
    let mock = MockProvider::https(&HOSTS).await;
    let client = async_openai(&mock, &policy, "https://api.mistral.ai/v1");

    let reply = client
        .chat()
        .create(chat_request("mistral-small-latest"))
        .await
        .expect("allowed");
    assert_eq!(
        reply.choices[0].message.content.as_deref(),
        Some("hello from the mock provider")
    );
    let got = last(&mock);
    assert_eq!(got.host, "api.eu.mistral.ai");
    assert_eq!(got.path, "/v1/chat/completions");
    assert_eq!(got.json().unwrap()["messages"][0]["content"], "hi");

    client
        .embeddings()
        .create(
            CreateEmbeddingRequestArgs::default()
                .model("mistral-embed")
                .input("hi")
                .build()
                .unwrap(),
        )
        .await
        .expect("allowed");
    let got = last(&mock);
    assert_eq!(
        (got.host.as_str(), got.path.as_str()),
        ("api.eu.mistral.ai", "/v1/embeddings")
    );
    assert_eq!(mock.count(), 2);

    denied_async(
        &mock,
        client.files().create(file_upload()),
        ViolationKind::EndpointNotEligible,
    )
    .await;
    // OpenAI's batch path is not Mistral's (`/v1/batch/jobs`): an unknown endpoint under ZDR.
    let batch = BatchRequestArgs::default()
        .input_file_id("file_1")
        .endpoint(BatchEndpoint::V1ChatCompletions)
        .completion_window(BatchCompletionWindow::W24H)
        .build()
        .unwrap();
    denied_async(
        &mock,
        client.batches().create(batch),
        ViolationKind::UnknownEndpoint,
    )
    .await;
    assert_eq!(mock.count(), 2);
}

#[tokio::test]
async fn async_openai_together_gemini_and_anthropic_chat() {
    let mock = MockProvider::https(&HOSTS).await;

    let together = async_openai(&mock, &policy(TOGETHER), "https://api.together.xyz/v1");
    together
        .chat()
        .create(chat_request("meta-llama/Llama-3.3-70B-Instruct-Turbo"))
        .await
        .expect("allowed");
    let got = last(&mock);
    assert_eq!(
        (got.host.as_str(), got.path.as_str()),
        ("api.together.xyz", "/v1/chat/completions")
    );
    denied_async(
        &mock,
        together.files().create(file_upload()),
        ViolationKind::EndpointNotEligible,
    )
    .await;

    let gemini = async_openai(&mock, &policy(GEMINI), GEMINI_BASE);
    gemini
        .chat()
        .create(chat_request("gemini-2.5-flash"))
        .await
        .expect("allowed");
    let got = last(&mock);
    assert_eq!(got.host, "generativelanguage.googleapis.com");
    assert_eq!(got.path, "/v1beta/openai/chat/completions");
    denied_async(
        &mock,
        gemini.files().create(file_upload()),
        ViolationKind::EndpointNotEligible,
    )
    .await;

    let anthropic = async_openai(&mock, &policy(ANTHROPIC), "https://api.anthropic.com/v1");
    denied_async(
        &mock,
        anthropic.chat().create(chat_request("claude-haiku-4-5")),
        ViolationKind::EndpointNotEligible,
    )
    .await;
    assert_eq!(mock.count(), 2);
}

// ---- a policy of all five ----

#[tokio::test]
async fn a_policy_of_five_providers_judges_each_request_by_its_own_profile() {
    let records = Arc::new(Mutex::new(Vec::<DecisionRecord>::new()));
    let sink = records.clone();
    let profiles = [XAI, MISTRAL_EU, TOGETHER, ANTHROPIC, GEMINI]
        .map(|p| format!("[[profile]]\n{p}"))
        .join("\n");
    let policy = policy(&profiles).with_observer(move |r: &DecisionRecord| {
        sink.lock().unwrap().push(r.clone());
    });
    assert_eq!(policy.profiles().count(), 5);
    let (mock, client) = middleware(&policy).await;

    // The same request, `POST /v1/chat/completions`, to each provider: allowed by xAI's, Mistral's
    // (routed to its region) and Together's profile, denied by Anthropic's.
    let body = chat("some-model");
    let gemini_chat = format!("{GEMINI_BASE}/chat/completions");
    let arrivals = [
        ("https://api.x.ai/v1/chat/completions", "xai", "api.x.ai"),
        (
            "https://api.mistral.ai/v1/chat/completions",
            "mistral-eu",
            "api.eu.mistral.ai",
        ),
        (
            "https://api.together.ai/v1/chat/completions",
            "together",
            "api.together.ai",
        ),
        (
            gemini_chat.as_str(),
            "gemini",
            "generativelanguage.googleapis.com",
        ),
    ];
    for (url, profile, host) in arrivals {
        let resp = client.post(url).json(&body).send().await.expect("allowed");
        let verdict = resp.extensions().get::<Verdict>().expect("a verdict");
        assert_eq!(verdict.profile.as_deref(), Some(profile), "{url}");
        assert!(
            verdict
                .rule
                .unwrap()
                .id
                .starts_with(profile.split('-').next().unwrap())
        );
        assert_eq!(last(&mock).host, host, "{url}");
    }
    let v = denied(
        &mock,
        client
            .post("https://api.anthropic.com/v1/chat/completions")
            .json(&body),
        ViolationKind::EndpointNotEligible,
    )
    .await;
    assert_eq!(v.profile(), "anthropic");

    // Each provider's own rules: Responses is xAI's (store written false) and unknown to Mistral;
    // Messages is Anthropic's and unknown to Together; files are stateful everywhere.
    client
        .post("https://api.x.ai/v1/responses")
        .json(&json!({"model": "grok-4.6", "input": "hi"}))
        .send()
        .await
        .expect("allowed");
    assert_eq!(last(&mock).json().unwrap()["store"], Value::Bool(false));
    client
        .post("https://api.anthropic.com/v1/messages")
        .json(&json!({"model": "claude-haiku-4-5", "max_tokens": 8, "messages": []}))
        .send()
        .await
        .expect("allowed");
    assert_eq!(last(&mock).path, "/v1/messages");
    let sent = mock.count();
    assert_eq!(sent, 6);
    let cases = [
        (
            "https://api.mistral.ai/v1/responses",
            ViolationKind::UnknownEndpoint,
            "mistral-eu",
        ),
        (
            "https://api.together.xyz/v1/messages",
            ViolationKind::UnknownEndpoint,
            "together",
        ),
        (
            "https://api.x.ai/v1/files",
            ViolationKind::EndpointNotEligible,
            "xai",
        ),
        (
            "https://api.eu.mistral.ai/v1/files",
            ViolationKind::EndpointNotEligible,
            "mistral-eu",
        ),
        (
            "https://api.anthropic.com/v1/files",
            ViolationKind::EndpointNotEligible,
            "anthropic",
        ),
    ];
    for (url, kind, profile) in cases {
        let v = denied(&mock, client.post(url).json(&json!({})), kind).await;
        assert_eq!(v.profile(), profile, "{url}");
    }
    // A host no profile covers, under ZDR profiles.
    denied(
        &mock,
        client
            .post("https://api.groq.com/openai/v1/chat/completions")
            .json(&body),
        ViolationKind::HostNotAllowed,
    )
    .await;
    assert_eq!(mock.count(), sent);

    let profiles: Vec<Option<String>> = records
        .lock()
        .unwrap()
        .iter()
        .map(|r| r.profile.as_deref().map(str::to_owned))
        .collect();
    let expected = [
        "xai",
        "mistral-eu",
        "together",
        "gemini",
        "anthropic",
        "xai",
        "anthropic",
        "mistral-eu",
        "together",
        "xai",
        "mistral-eu",
        "anthropic",
    ];
    let mut expected: Vec<Option<String>> =
        expected.iter().map(|p| Some((*p).to_owned())).collect();
    expected.push(None);
    assert_eq!(profiles, expected);
}

// ---- xAI attestation ----

/// Counts the attestation failures a policy reports.
#[derive(Clone, Default)]
struct Failures(Arc<Mutex<Vec<String>>>);

impl Observer for Failures {
    fn decided(&self, _: &DecisionRecord) {}
    fn attestation_failed(&self, v: &Violation) {
        self.0
            .lock()
            .unwrap()
            .push(format!("{}: {}", v.profile(), v.code()));
    }
}

#[tokio::test]
async fn enforced_attestation_turns_a_false_header_into_an_error_and_stops_only_xai() {
    let failures = Failures::default();
    let policy = policy(&format!(
        "[[profile]]\n{XAI}\nattest = \"enforce\"\n[[profile]]\n{MISTRAL_EU}"
    ))
    .with_observer(failures.clone());
    let (mock, client) = middleware(&policy).await;
    let xai = || {
        client
            .post("https://api.x.ai/v1/chat/completions")
            .json(&chat("grok-4.6"))
            .send()
    };

    mock.push_response(200, &[("x-zero-data-retention", "true")], CHAT_ANSWER);
    xai().await.expect("attested");
    mock.push_response(200, &[("x-zero-data-retention", "false")], CHAT_ANSWER);
    let err = xai().await.expect_err("the response does not attest ZDR");
    let v = find_violation(&err).expect("a guard violation");
    assert_eq!(v.kind(), ViolationKind::AttestationMismatch);
    assert_eq!(v.code(), "attestation_mismatch");
    assert!(v.reason().contains("`false`"), "{v}");
    assert_eq!(
        mock.count(),
        2,
        "the mismatch is seen only once the request was sent"
    );
    assert!(policy.guard("xai").unwrap().attestation_failed());

    // Later xAI requests are refused before sending; other profiles are not affected.
    let before = mock.count();
    let err = xai().await.expect_err("refused until reset");
    assert_eq!(
        find_violation(&err).map(Violation::kind),
        Some(ViolationKind::AttestationMismatch)
    );
    assert_eq!(mock.count(), before, "a refused request arrived");
    client
        .post("https://api.mistral.ai/v1/chat/completions")
        .json(&chat("mistral-small-latest"))
        .send()
        .await
        .expect("mistral's profile is not stopped");
    assert_eq!(last(&mock).host, "api.eu.mistral.ai");

    assert!(policy.reset_attestation("xai"));
    assert!(!policy.reset_attestation("xai"), "already reset");
    mock.push_response(200, &[("x-zero-data-retention", "true")], CHAT_ANSWER);
    xai().await.expect("allowed again after the reset");
    assert_eq!(last(&mock).host, "api.x.ai");
    assert_eq!(*failures.0.lock().unwrap(), ["xai: attestation_mismatch"]);
}

#[tokio::test]
async fn reported_attestation_lets_the_response_through() {
    let failures = Failures::default();
    let policy = policy(&format!("{XAI}\nattest = \"report\"")).with_observer(failures.clone());
    let (mock, client) = middleware(&policy).await;
    for _ in 0..2 {
        mock.push_response(200, &[("x-zero-data-retention", "false")], CHAT_ANSWER);
        let resp = client
            .post("https://api.x.ai/v1/chat/completions")
            .json(&chat("grok-4.6"))
            .send()
            .await
            .expect("reported, not enforced");
        assert_eq!(resp.headers()["x-zero-data-retention"], "false");
        let answer: Value = resp.json().await.unwrap();
        assert_eq!(answer["id"], "chatcmpl-mock");
    }
    assert_eq!(mock.count(), 2);
    assert!(!policy.guard("xai").unwrap().attestation_failed());
    assert_eq!(failures.0.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn async_openai_enforced_attestation_refuses_later_requests_until_reset() {
    let policy = policy(&format!("{XAI}\nattest = \"enforce\""));
    let mock = MockProvider::https(&HOSTS).await;
    let client = async_openai(&mock, &policy, "https://api.x.ai/v1");

    mock.push_response(200, &[("x-zero-data-retention", "true")], CHAT_ANSWER);
    client
        .chat()
        .create(chat_request("grok-4.6"))
        .await
        .expect("attested");
    mock.push_response(200, &[("x-zero-data-retention", "false")], CHAT_ANSWER);
    let err = client
        .chat()
        .create(chat_request("grok-4.6"))
        .await
        .unwrap_err();
    assert_eq!(
        retention_guard::async_openai::find_violation(&err).map(Violation::kind),
        Some(ViolationKind::AttestationMismatch)
    );
    assert_eq!(mock.count(), 2);
    denied_async(
        &mock,
        client.chat().create(chat_request("grok-4.6")),
        ViolationKind::AttestationMismatch,
    )
    .await;

    assert!(policy.reset_attestation("xai"));
    mock.push_response(200, &[("x-zero-data-retention", "true")], CHAT_ANSWER);
    client
        .chat()
        .create(chat_request("grok-4.6"))
        .await
        .expect("allowed again");
    assert_eq!(mock.count(), 3);
}
