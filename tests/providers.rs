//! The providers xAI, Mistral, Together, Anthropic, Gemini, Azure OpenAI and OpenRouter through
//! real clients (reqwest-middleware and async-openai) against an HTTPS mock on 127.0.0.1 that
//! serves each provider's real host names. Allowed requests must arrive as the profile says (host,
//! path, rewritten body); denied ones must not arrive at all (the mock's count is unchanged).
//! Also: a policy of five providers in one client, one of Azure OpenAI, OpenRouter and OpenAI, and
//! xAI's attestation header through both adapters.
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
    Observer, Policy, Profile, RetentionGuardMiddleware, Verdict, Violation, ViolationKind,
    client_builder,
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
    middleware_on(policy, &HOSTS).await
}

/// A reqwest-middleware client through the guard, each of `hosts` resolving to the mock.
async fn middleware_on(policy: &Policy, hosts: &[&str]) -> (MockProvider, ClientWithMiddleware) {
    let mock = MockProvider::https(hosts).await;
    let http = mock
        .serve_hosts(client_builder(policy), hosts)
        .build()
        .unwrap();
    let client = ClientBuilder::new(http)
        .with(RetentionGuardMiddleware::new(policy))
        .build();
    (mock, client)
}

/// An async-openai client for the API at `base`, with the guard under it.
fn async_openai(
    mock: &MockProvider,
    policy: &Policy,
    base: &str,
) -> retention_guard::async_openai::Guarded<OpenAIConfig> {
    async_openai_on(mock, policy, base, &HOSTS)
}

/// [`async_openai`] with each of `hosts` resolving to the mock.
fn async_openai_on(
    mock: &MockProvider,
    policy: &Policy,
    base: &str,
    hosts: &[&str],
) -> retention_guard::async_openai::Guarded<OpenAIConfig> {
    Client::with_config(
        OpenAIConfig::new()
            .with_api_key("sk-test")
            .with_api_base(base),
    )
    .with_retention_guard(policy, mock.serve_hosts(reqwest::Client::builder(), hosts))
    .unwrap()
}

/// Sends `request`, which the guard must deny with `kind` before anything reaches the mock.
async fn denied(mock: &MockProvider, request: RequestBuilder, kind: ViolationKind) -> Violation {
    let before = mock.count();
    let err = request
        .send()
        .await
        .expect_err("the guard must deny this request");
    let violation = Violation::find(&err)
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
    let violation = retention_guard::Violation::find(&err)
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
        // Native paths the catalog does not list lie outside its base paths.
        (
            format!("{host}/v1beta/interactions"),
            ViolationKind::UnknownEndpoint,
        ),
        // Cached contents are stateful (the native API lies under `/v1beta`).
        (
            format!("{host}/v1beta/cachedContents"),
            ViolationKind::EndpointNotEligible,
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
    let records = Arc::new(Mutex::new(Vec::<Verdict>::new()));
    let sink = records.clone();
    let profiles = [XAI, MISTRAL_EU, TOGETHER, ANTHROPIC, GEMINI]
        .map(|p| format!("[[profile]]\n{p}"))
        .join("\n");
    let policy = policy(&profiles).with_observer(move |r: &Verdict| {
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
    fn decided(&self, _: &Verdict) {}
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
    let v = Violation::find(&err).expect("a guard violation");
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
        Violation::find(&err).map(Violation::kind),
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
        retention_guard::Violation::find(&err).map(Violation::kind),
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

// ---- Azure OpenAI and OpenRouter ----

const AZURE_ZDR: &str = r#"
name = "azure-zdr"
provider = "azure_openai"
retention = "zero_data_retention"
confirm = ["azure_openai.modified_abuse_monitoring_approved"]
base_url = "https://contoso.openai.azure.com/openai/v1"
"#;

/// A residency profile: each deployment's type declared, since the request does not show it.
const AZURE_EU: &str = r#"
name = "azure-eu"
provider = "azure_openai"
retention = "modified_abuse_monitoring"
confirm = ["azure_openai.modified_abuse_monitoring_approved"]
region = "eu"
base_url = "https://contoso.openai.azure.com/openai/v1"
deployments = { "gpt4o-eu" = "data_zone_eu", "gpt4o-se" = "regional", "gpt4o-global" = "global", "gpt4o-us" = "data_zone_us" }
"#;

const OPENROUTER: &str = r#"
name = "openrouter"
provider = "openrouter"
retention = "zero_data_retention"
confirm = ["openrouter.logging_disabled"]
"#;

const OPENAI_EU: &str = r#"
name = "openai-eu"
provider = "openai"
retention = "zero_data_retention"
region = "eu"
project = "proj_eu"
"#;

/// The resource the Azure profiles name.
const CONTOSO: &str = "https://contoso.openai.azure.com";
const OPENROUTER_BASE: &str = "https://openrouter.ai/api/v1";

/// Every host the profiles above use or name, and another Azure resource's.
const MORE_HOSTS: [&str; 7] = [
    "contoso.openai.azure.com",
    "fabrikam.openai.azure.com",
    "contoso.services.ai.azure.com",
    "openrouter.ai",
    "eu.openrouter.ai",
    "api.openai.com",
    "eu.api.openai.com",
];

/// What the guard adds to every OpenRouter inference body under ZDR.
fn zdr_provider() -> Value {
    json!({"zdr": true, "data_collection": "deny"})
}

/// A file upload as a client sends it: a multipart form.
const UPLOAD: &str = "--XyZ\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XyZ--\r\n";

fn upload(client: &ClientWithMiddleware, url: &str) -> RequestBuilder {
    client
        .post(url)
        .header("api-key", "azure-key")
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .body(UPLOAD)
}

#[tokio::test]
async fn azure_v1_and_classic_chat_arrive_with_store_false_and_stateful_calls_never_leave() {
    let (mock, client) = middleware_on(&policy(AZURE_ZDR), &MORE_HOSTS).await;

    let body = json!({"model": "gpt4o", "store": true, "temperature": 0.5,
                      "messages": [{"role": "user", "content": "hi"}]});
    let paths = [
        "/openai/v1/chat/completions",
        "/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21",
    ];
    for path in paths {
        let resp = client
            .post(format!("{CONTOSO}{path}"))
            .header("api-key", "azure-key")
            .json(&body)
            .send()
            .await
            .expect("allowed");
        assert_eq!(resp.status(), 200);
        let verdict = resp.extensions().get::<Verdict>().expect("a verdict");
        assert_eq!(
            verdict.rule.map(|r| r.id),
            Some("azure_openai.chat_completions")
        );
        let got = last(&mock);
        assert_eq!(
            (got.host.as_str(), got.path.as_str()),
            ("contoso.openai.azure.com", path)
        );
        assert_eq!(got.header("api-key"), Some("azure-key"));
        let mut expected = body.clone();
        expected["store"] = Value::Bool(false);
        assert_eq!(got.json().unwrap(), expected, "only `store` is changed");
    }
    // The Responses API stores by default: `"store": false` is written, on both path styles.
    for path in [
        "/openai/v1/responses",
        "/openai/responses?api-version=2025-04-01-preview",
    ] {
        client
            .post(format!("{CONTOSO}{path}"))
            .json(&json!({"model": "gpt4o", "input": "hi"}))
            .send()
            .await
            .expect("allowed");
        let got = last(&mock);
        assert_eq!(got.path, path);
        assert_eq!(got.json().unwrap()["store"], Value::Bool(false));
    }
    assert_eq!(mock.count(), 4);

    for url in [
        format!("{CONTOSO}/openai/v1/files"),
        format!("{CONTOSO}/openai/files?api-version=2024-10-21"),
        format!("{CONTOSO}/openai/deployments/gpt4o/files?api-version=2024-10-21"),
    ] {
        let v = denied(
            &mock,
            upload(&client, &url),
            ViolationKind::EndpointNotEligible,
        )
        .await;
        assert_eq!(v.rule().map(|r| r.id), Some("azure_openai.files"), "{url}");
    }
    let cases = [
        (
            format!("{CONTOSO}/openai/assistants?api-version=2024-05-01-preview"),
            ViolationKind::EndpointNotEligible,
        ),
        (
            format!("{CONTOSO}/openai/v1/batches"),
            ViolationKind::EndpointNotEligible,
        ),
        (
            format!("{CONTOSO}/openai/v1/responses"),
            ViolationKind::ParameterNotAllowed,
        ),
        // Another resource's host, and the profile's resource on another domain.
        (
            "https://fabrikam.openai.azure.com/openai/v1/chat/completions".to_owned(),
            ViolationKind::HostNotAllowed,
        ),
        (
            "https://contoso.services.ai.azure.com/openai/v1/chat/completions".to_owned(),
            ViolationKind::HostNotAllowed,
        ),
    ];
    let stateful = json!({"model": "gpt4o", "store": false, "previous_response_id": "resp_1"});
    for (url, kind) in cases {
        denied(
            &mock,
            client
                .post(&url)
                .header("api-key", "azure-key")
                .json(&stateful),
            kind,
        )
        .await;
    }
    assert_eq!(mock.count(), 4);
}

#[tokio::test]
async fn azure_residency_denies_deployments_not_declared_in_the_region() {
    let (mock, client) = middleware_on(&policy(AZURE_EU), &MORE_HOSTS).await;
    let v1 = format!("{CONTOSO}/openai/v1/chat/completions");
    let classic = |d: &str| {
        format!("{CONTOSO}/openai/deployments/{d}/chat/completions?api-version=2024-10-21")
    };

    // Declared in the EU: a data zone deployment by model (v1), a regional one by URL (classic,
    // where the body needs no `model`).
    let messages = json!({"messages": [{"role": "user", "content": "hi"}]});
    for (url, body) in [
        (v1.clone(), chat("gpt4o-eu")),
        (classic("gpt4o-se"), messages),
    ] {
        client
            .post(&url)
            .header("api-key", "azure-key")
            .json(&body)
            .send()
            .await
            .expect("declared in the region");
        let got = last(&mock);
        assert_eq!(format!("https://{}{}", got.host, got.path), url);
        assert_eq!(got.json().unwrap(), body);
    }
    assert_eq!(mock.count(), 2);

    let cases = [
        (v1.clone(), "gpt4o-global"),
        (v1.clone(), "gpt4o-us"),
        (v1.clone(), "gpt-4o"),
        (classic("gpt4o-global"), "gpt4o-eu"),
        (classic("gpt-4o"), "gpt4o-eu"),
    ];
    for (url, model) in cases {
        let before = mock.count();
        let v = denied(
            &mock,
            client
                .post(&url)
                .header("api-key", "azure-key")
                .json(&chat(model)),
            ViolationKind::RegionNotSupported,
        )
        .await;
        assert_eq!(v.rule().map(|r| r.id), Some("azure_openai.deployments"));
        assert_eq!(mock.count(), before, "{url} {model}");
    }
    // Batches are Global processing whatever the deployment.
    denied(
        &mock,
        client
            .post(format!("{CONTOSO}/openai/v1/batches"))
            .json(&json!({"input_file_id": "file_1"})),
        ViolationKind::RegionNotSupported,
    )
    .await;
    assert_eq!(mock.count(), 2);
}

/// async-openai's Azure client: `{api_base}/openai/deployments/{deployment}{path}?api-version=…`
/// with the key in `api-key`.
fn azure_client(
    mock: &MockProvider,
    policy: &Policy,
    deployment: &str,
) -> retention_guard::async_openai::Guarded<async_openai::config::AzureConfig> {
    let config = async_openai::config::AzureConfig::new()
        .with_api_base(CONTOSO)
        .with_deployment_id(deployment)
        .with_api_version("2024-10-21")
        .with_api_key("azure-key");
    Client::with_config(config)
        .with_retention_guard(
            policy,
            mock.serve_hosts(reqwest::Client::builder(), &MORE_HOSTS),
        )
        .unwrap()
}

fn chat_request_stored(model: &str) -> CreateChatCompletionRequest {
    let mut request = chat_request(model);
    request.store = Some(true);
    request
}

#[tokio::test]
async fn async_openai_azure_config_and_the_v1_surface() {
    let zdr = policy(AZURE_ZDR);
    let mock = MockProvider::https(&MORE_HOSTS).await;

    // The classic surface, through async-openai's `AzureConfig`.
    let classic = azure_client(&mock, &zdr, "gpt4o");
    let reply = classic
        .chat()
        .create(chat_request_stored("gpt4o"))
        .await
        .expect("allowed");
    assert_eq!(
        reply.choices[0].message.content.as_deref(),
        Some("hello from the mock provider")
    );
    let got = last(&mock);
    assert_eq!(got.host, "contoso.openai.azure.com");
    assert_eq!(
        got.path,
        "/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21"
    );
    assert_eq!(got.header("api-key"), Some("azure-key"));
    assert_eq!(got.header("authorization"), None);
    let sent = got.json().unwrap();
    assert_eq!(sent["store"], Value::Bool(false), "{sent}");
    assert_eq!(sent["messages"][0]["content"], "hi");
    assert_eq!(mock.count(), 1);
    denied_async(
        &mock,
        classic.files().create(file_upload()),
        ViolationKind::EndpointNotEligible,
    )
    .await;
    assert_eq!(mock.count(), 1);

    // The v1 surface, through `OpenAIConfig`: the model is the deployment.
    let v1 = async_openai_on(&mock, &zdr, &format!("{CONTOSO}/openai/v1"), &MORE_HOSTS);
    v1.chat()
        .create(chat_request_stored("gpt4o"))
        .await
        .expect("allowed");
    let got = last(&mock);
    assert_eq!(
        (got.host.as_str(), got.path.as_str()),
        ("contoso.openai.azure.com", "/openai/v1/chat/completions")
    );
    assert_eq!(got.json().unwrap()["store"], Value::Bool(false));
    v1.responses()
        .create(
            CreateResponseArgs::default()
                .model("gpt4o")
                .input("hi")
                .build()
                .unwrap(),
        )
        .await
        .expect("allowed");
    let got = last(&mock);
    assert_eq!(got.path, "/openai/v1/responses");
    assert_eq!(got.json().unwrap()["store"], Value::Bool(false));
    assert_eq!(mock.count(), 3);
    denied_async(
        &mock,
        v1.files().create(file_upload()),
        ViolationKind::EndpointNotEligible,
    )
    .await;
    let batch = BatchRequestArgs::default()
        .input_file_id("file_1")
        .endpoint(BatchEndpoint::V1ChatCompletions)
        .completion_window(BatchCompletionWindow::W24H)
        .build()
        .unwrap();
    denied_async(
        &mock,
        v1.batches().create(batch),
        ViolationKind::EndpointNotEligible,
    )
    .await;
    assert_eq!(mock.count(), 3);

    // A residency profile: the deployment in the URL must be declared in the region. Azure
    // ignores the body's `model` on this surface (async-openai fills it with the base model).
    let eu = policy(AZURE_EU);
    azure_client(&mock, &eu, "gpt4o-eu")
        .chat()
        .create(chat_request("gpt-4o"))
        .await
        .expect("declared in the region");
    assert_eq!(
        last(&mock).path,
        "/openai/deployments/gpt4o-eu/chat/completions?api-version=2024-10-21"
    );
    assert_eq!(mock.count(), 4);
    for (deployment, model) in [
        ("gpt4o-global", "gpt4o-eu"),
        ("gpt4o-us", "gpt4o-eu"),
        ("undeclared", "gpt4o-eu"),
    ] {
        denied_async(
            &mock,
            azure_client(&mock, &eu, deployment)
                .chat()
                .create(chat_request(model)),
            ViolationKind::RegionNotSupported,
        )
        .await;
    }
    assert_eq!(mock.count(), 4);
}

#[tokio::test]
async fn openrouter_requests_carry_provider_zdr_and_plugins_never_leave() {
    let (mock, client) = middleware_on(&policy(OPENROUTER), &MORE_HOSTS).await;
    let chat_url = format!("{OPENROUTER_BASE}/chat/completions");
    let model = "meta-llama/llama-3.3-70b-instruct";

    // No `provider` object: one is added.
    let body = chat(model);
    client
        .post(&chat_url)
        .bearer_auth("sk-or-test")
        .json(&body)
        .send()
        .await
        .expect("allowed");
    let got = last(&mock);
    assert_eq!(
        (got.host.as_str(), got.path.as_str()),
        ("openrouter.ai", "/api/v1/chat/completions")
    );
    assert_eq!(got.header("authorization"), Some("Bearer sk-or-test"));
    let mut expected = body.clone();
    expected["provider"] = zdr_provider();
    assert_eq!(got.json().unwrap(), expected);

    // The caller's own routing is kept; what asks for less is turned into what the profile needs.
    for provider in [
        json!({"order": ["deepinfra", "together"], "allow_fallbacks": false, "sort": "price"}),
        json!({"order": ["deepinfra"], "zdr": false, "data_collection": "allow"}),
        json!({"zdr": true, "data_collection": "deny", "only": ["groq"]}),
    ] {
        let mut body = chat(model);
        body["provider"] = provider.clone();
        client
            .post(&chat_url)
            .json(&body)
            .send()
            .await
            .expect("allowed");
        let sent = last(&mock).json().unwrap();
        let mut expected = provider.clone();
        expected["zdr"] = Value::Bool(true);
        expected["data_collection"] = json!("deny");
        assert_eq!(sent["provider"], expected, "the caller's fields are kept");
        assert_eq!(sent["messages"], body["messages"]);
        assert_eq!(sent["model"], model);
    }

    // Embeddings and the Responses API too; Responses' `store` is written false.
    client
        .post(format!("{OPENROUTER_BASE}/embeddings"))
        .json(&json!({"model": "openai/text-embedding-3-small", "input": "hi"}))
        .send()
        .await
        .expect("allowed");
    assert_eq!(last(&mock).json().unwrap()["provider"], zdr_provider());
    client
        .post(format!("{OPENROUTER_BASE}/responses"))
        .json(&json!({"model": model, "input": "hi", "store": true}))
        .send()
        .await
        .expect("allowed");
    let sent = last(&mock).json().unwrap();
    assert_eq!(sent["store"], Value::Bool(false));
    assert_eq!(sent["provider"], zdr_provider());
    let sent_so_far = mock.count();
    assert_eq!(sent_so_far, 6);

    let cases = [
        (
            json!({"model": model, "messages": [], "plugins": [{"id": "web"}]}),
            ViolationKind::ParameterNotAllowed,
        ),
        (
            json!({"model": model, "messages": [], "web_search_options": {}}),
            ViolationKind::ParameterNotAllowed,
        ),
        (
            json!({"model": format!("{model}:online"), "messages": []}),
            ViolationKind::ModelNotEligible,
        ),
        (
            json!({"model": model, "models": ["openai/gpt-4o:online"], "messages": []}),
            ViolationKind::ModelNotEligible,
        ),
    ];
    for (body, kind) in cases {
        let v = denied(&mock, client.post(&chat_url).json(&body), kind).await;
        assert_eq!(v.rule().map(|r| r.id), Some("openrouter.plugins"), "{body}");
    }
    denied(
        &mock,
        client
            .post(format!("{OPENROUTER_BASE}/responses"))
            .json(&json!({"model": model, "input": "hi", "previous_response_id": "resp_1"})),
        ViolationKind::ParameterNotAllowed,
    )
    .await;
    // The EU host without a region in the profile.
    denied(
        &mock,
        client
            .post("https://eu.openrouter.ai/api/v1/chat/completions")
            .json(&chat(model)),
        ViolationKind::RegionMismatch,
    )
    .await;
    assert_eq!(mock.count(), sent_so_far);

    // With the web plugin in the agreement, it is sent (with the provider fields).
    let (mock, client) = middleware_on(
        &policy_with(OPENROUTER, "allow_tools = [\"web\"]"),
        &MORE_HOSTS,
    )
    .await;
    let body = json!({"model": model, "messages": [], "plugins": [{"id": "web"}]});
    client
        .post(&chat_url)
        .json(&body)
        .send()
        .await
        .expect("allowed by the profile");
    let sent = last(&mock).json().unwrap();
    assert_eq!(sent["plugins"], body["plugins"]);
    assert_eq!(sent["provider"], zdr_provider());
}

#[tokio::test]
async fn openrouter_with_on_store_reject_denies_a_provider_asking_for_less() {
    let reject = policy_with(OPENROUTER, "on_store = \"reject\"");
    let (mock, client) = middleware_on(&reject, &MORE_HOSTS).await;
    let chat_url = format!("{OPENROUTER_BASE}/chat/completions");

    // Nothing asked for: the fields are still added (nothing to reject).
    let mut body = chat("m");
    body["provider"] = json!({"order": ["deepinfra"]});
    client
        .post(&chat_url)
        .json(&body)
        .send()
        .await
        .expect("allowed");
    assert_eq!(
        last(&mock).json().unwrap()["provider"],
        json!({"order": ["deepinfra"], "zdr": true, "data_collection": "deny"})
    );
    assert_eq!(mock.count(), 1);

    for provider in [
        json!({"zdr": false}),
        json!({"zdr": false, "data_collection": "deny"}),
        json!({"zdr": true, "data_collection": "allow"}),
    ] {
        let mut body = chat("m");
        body["provider"] = provider.clone();
        let v = denied(
            &mock,
            client.post(&chat_url).json(&body),
            ViolationKind::ParameterNotAllowed,
        )
        .await;
        assert_eq!(
            v.rule().map(|r| r.id),
            Some("openrouter.provider.zdr"),
            "{provider}"
        );
    }
    denied(
        &mock,
        client
            .post(format!("{OPENROUTER_BASE}/responses"))
            .json(&json!({"model": "m", "input": "hi", "store": true})),
        ViolationKind::StoreNotAllowed,
    )
    .await;
    assert_eq!(mock.count(), 1);
}

#[tokio::test]
async fn async_openai_openrouter_gets_provider_zdr_merged() {
    let policy = policy(OPENROUTER);
    let mock = MockProvider::https(&MORE_HOSTS).await;
    let client = async_openai_on(&mock, &policy, OPENROUTER_BASE, &MORE_HOSTS);

    // A typed request has no `provider` field: the guard adds it.
    client
        .chat()
        .create(chat_request("meta-llama/llama-3.3-70b-instruct"))
        .await
        .expect("allowed");
    let got = last(&mock);
    assert_eq!(
        (got.host.as_str(), got.path.as_str()),
        ("openrouter.ai", "/api/v1/chat/completions")
    );
    assert_eq!(got.header("authorization"), Some("Bearer sk-test"));
    let sent = got.json().unwrap();
    assert_eq!(sent["provider"], zdr_provider());
    assert_eq!(sent["messages"][0]["content"], "hi");

    // OpenRouter's own fields go through `create_byot`: the caller's routing is kept.
    let reply: Value = client
        .chat()
        .create_byot(json!({
            "model": "meta-llama/llama-3.3-70b-instruct",
            "messages": [{"role": "user", "content": "hi"}],
            "provider": {"order": ["deepinfra"], "allow_fallbacks": false, "data_collection": "allow"},
        }))
        .await
        .expect("allowed");
    assert_eq!(reply["object"], "chat.completion");
    assert_eq!(
        last(&mock).json().unwrap()["provider"],
        json!({"order": ["deepinfra"], "allow_fallbacks": false, "zdr": true, "data_collection": "deny"})
    );

    // The Responses API: `store` written false, provider fields added.
    client
        .responses()
        .create(
            CreateResponseArgs::default()
                .model("meta-llama/llama-3.3-70b-instruct")
                .input("hi")
                .store(true)
                .build()
                .unwrap(),
        )
        .await
        .expect("allowed");
    let sent = last(&mock).json().unwrap();
    assert_eq!(sent["store"], Value::Bool(false));
    assert_eq!(sent["provider"], zdr_provider());
    assert_eq!(mock.count(), 3);

    denied_async(
        &mock,
        client.chat().create_byot::<_, Value>(json!({
            "model": "meta-llama/llama-3.3-70b-instruct",
            "messages": [{"role": "user", "content": "hi"}],
            "plugins": [{"id": "web"}],
        })),
        ViolationKind::ParameterNotAllowed,
    )
    .await;
    denied_async(
        &mock,
        client.chat().create(chat_request("openai/gpt-4o:online")),
        ViolationKind::ModelNotEligible,
    )
    .await;
    let continued = CreateResponseArgs::default()
        .model("openai/gpt-4o")
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
    assert_eq!(mock.count(), 3);

    // With `on_store = "reject"`, a request asking for less is refused, not rewritten.
    let reject = policy_with(OPENROUTER, "on_store = \"reject\"");
    let strict = async_openai_on(&mock, &reject, OPENROUTER_BASE, &MORE_HOSTS);
    denied_async(
        &mock,
        strict.chat().create_byot::<_, Value>(json!({
            "model": "m",
            "messages": [{"role": "user", "content": "hi"}],
            "provider": {"zdr": false},
        })),
        ViolationKind::ParameterNotAllowed,
    )
    .await;
    assert_eq!(mock.count(), 3);
}

#[tokio::test]
async fn a_policy_of_azure_openrouter_and_openai_judges_each_request_by_its_own_profile() {
    let records = Arc::new(Mutex::new(Vec::<Verdict>::new()));
    let sink = records.clone();
    let profiles = [AZURE_ZDR, OPENROUTER, OPENAI_EU]
        .map(|p| format!("[[profile]]\n{p}"))
        .join("\n");
    let policy = policy(&profiles).with_observer(move |r: &Verdict| {
        sink.lock().unwrap().push(r.clone());
    });
    let (mock, client) = middleware_on(&policy, &MORE_HOSTS).await;

    // One body, three providers, three different requests on the wire.
    let mut body = chat("gpt-4o");
    body["store"] = Value::Bool(true);
    let azure_chat = format!("{CONTOSO}/openai/v1/chat/completions");
    let openrouter_chat = format!("{OPENROUTER_BASE}/chat/completions");
    let sends = [
        (azure_chat.as_str(), "azure-zdr", "contoso.openai.azure.com"),
        (openrouter_chat.as_str(), "openrouter", "openrouter.ai"),
        (
            "https://api.openai.com/v1/chat/completions",
            "openai-eu",
            "eu.api.openai.com",
        ),
    ];
    let mut arrived = Vec::new();
    for (url, profile, host) in sends {
        let resp = client.post(url).json(&body).send().await.expect("allowed");
        let verdict = resp.extensions().get::<Verdict>().expect("a verdict");
        assert_eq!(verdict.profile.as_deref(), Some(profile), "{url}");
        let got = last(&mock);
        assert_eq!(got.host, host, "{url}");
        arrived.push(got);
    }
    // Azure: `store` forced off, nothing else.
    let azure = arrived[0].json().unwrap();
    assert_eq!(azure["store"], Value::Bool(false));
    assert!(azure.get("provider").is_none(), "{azure}");
    assert_eq!(arrived[0].header("openai-project"), None);
    // OpenRouter: the provider fields, and `store` forced off (an upstream may keep it).
    let openrouter = arrived[1].json().unwrap();
    assert_eq!(openrouter["provider"], zdr_provider());
    assert_eq!(openrouter["store"], Value::Bool(false), "{openrouter}");
    // OpenAI: routed to the EU host, `store` forced off, the project set.
    let openai = arrived[2].json().unwrap();
    assert_eq!(openai["store"], Value::Bool(false));
    assert!(openai.get("provider").is_none(), "{openai}");
    assert_eq!(arrived[2].header("openai-project"), Some("proj_eu"));
    assert_eq!(mock.count(), 3);

    // Each provider's own denials.
    let cases = [
        (
            format!("{CONTOSO}/openai/v1/files"),
            json!({}),
            ViolationKind::EndpointNotEligible,
            Some("azure-zdr"),
        ),
        (
            format!("{CONTOSO}/openai/deployments/gpt4o/assistants?api-version=2024-05-01-preview"),
            json!({}),
            ViolationKind::EndpointNotEligible,
            Some("azure-zdr"),
        ),
        (
            openrouter_chat.clone(),
            json!({"model": "m", "messages": [], "plugins": [{"id": "web"}]}),
            ViolationKind::ParameterNotAllowed,
            Some("openrouter"),
        ),
        (
            format!("{OPENROUTER_BASE}/files"),
            json!({}),
            ViolationKind::UnknownEndpoint,
            Some("openrouter"),
        ),
        (
            "https://api.openai.com/v1/files".to_owned(),
            json!({}),
            ViolationKind::EndpointNotEligible,
            Some("openai-eu"),
        ),
        // `plugins` means nothing to OpenAI's catalog, but `previous_response_id` does.
        (
            "https://api.openai.com/v1/responses".to_owned(),
            json!({"model": "gpt-4o", "store": false, "previous_response_id": "resp_1"}),
            ViolationKind::ParameterNotAllowed,
            Some("openai-eu"),
        ),
        // Another Azure resource: no profile covers it, and the policy has ZDR profiles.
        (
            "https://fabrikam.openai.azure.com/openai/v1/chat/completions".to_owned(),
            json!({}),
            ViolationKind::HostNotAllowed,
            None,
        ),
    ];
    for (url, body, kind, profile) in cases {
        let v = denied(&mock, client.post(&url).json(&body), kind).await;
        if let Some(profile) = profile {
            assert_eq!(v.profile(), profile, "{url}");
        }
    }
    assert_eq!(mock.count(), 3);

    let profiles: Vec<Option<String>> = records
        .lock()
        .unwrap()
        .iter()
        .map(|r| r.profile.as_deref().map(str::to_owned))
        .collect();
    let expected = [
        Some("azure-zdr"),
        Some("openrouter"),
        Some("openai-eu"),
        Some("azure-zdr"),
        Some("azure-zdr"),
        Some("openrouter"),
        Some("openrouter"),
        Some("openai-eu"),
        Some("openai-eu"),
        None,
    ]
    .map(|p| p.map(str::to_owned));
    assert_eq!(profiles, expected);
}
