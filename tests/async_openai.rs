//! A real async-openai 0.43 `Client`, with the guard under it, against an HTTPS server on
//! 127.0.0.1 that stands in for `api.openai.com` and its regional hosts.
#![cfg(feature = "async-openai")]

#[path = "../examples/support/mock_provider.rs"]
mod mock_provider;

use async_openai::Client;
use async_openai::config::OpenAIConfig;
use async_openai::error::OpenAIError;
use async_openai::types::audio::{AudioInput, CreateTranscriptionRequestArgs};
use async_openai::types::batches::BatchRequestArgs;
use async_openai::types::chat::{
    ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs,
};
use async_openai::types::embeddings::CreateEmbeddingRequestArgs;
use async_openai::types::files::{CreateFileRequestArgs, FileInput, FilePurpose};
use async_openai::types::images::{
    CreateImageEditRequestArgs, CreateImageRequestArgs, ImageInput, ImageModel,
};
use async_openai::types::responses::CreateResponseArgs;
use async_openai::types::vectorstores::CreateVectorStoreRequestArgs;
use mock_provider::MockProvider;
use retention_guard::async_openai::{Guarded, GuardedClient};
use retention_guard::{Guard, Profile, Violation, ViolationKind, redirect_policy};
use serde_json::Value;

const HOSTS: [&str; 3] = ["api.openai.com", "eu.api.openai.com", "us.api.openai.com"];

const ZDR_EU: &str = r#"
name = "acme-eu"
provider = "openai"
retention = "zero_data_retention"
region = "eu"
organization = "org-acme"
project = "proj_eu"
"#;

/// A mock standing in for the OpenAI hosts, the profile's guard, and the application's reqwest
/// settings: a builder that reaches the mock.
async fn setup(profile: &str) -> (MockProvider, Guard, reqwest::ClientBuilder) {
    let mock = MockProvider::https(&HOSTS).await;
    let guard = Guard::new(Profile::from_toml_str(profile).unwrap());
    let http = mock.serve_hosts(reqwest::Client::builder(), &HOSTS);
    (mock, guard, http)
}

/// An existing async-openai client, with the guard put under it.
async fn guarded(profile: &str) -> (MockProvider, Guarded<OpenAIConfig>) {
    let (mock, guard, http) = setup(profile).await;
    let existing = Client::with_config(OpenAIConfig::new().with_api_key("sk-test"));
    (mock, existing.with_retention_guard(&guard, http).unwrap())
}

fn kind(err: OpenAIError) -> ViolationKind {
    Violation::find(&err)
        .unwrap_or_else(|| panic!("not a guard violation: {err:?}"))
        .kind()
}

fn png() -> ImageInput {
    ImageInput::from_vec_u8(
        "cat.png".into(),
        b"\x89PNG\r\n\x1a\nnot really a png".to_vec(),
    )
}

/// A chat completion request that asks to be stored.
fn chat_with_store_true() -> async_openai::types::chat::CreateChatCompletionRequest {
    CreateChatCompletionRequestArgs::default()
        .model("gpt-4.1-mini")
        .store(true)
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content("hi")
            .build()
            .unwrap()
            .into()])
        .build()
        .unwrap()
}

#[tokio::test]
async fn chat_is_rewritten_routed_and_labelled() {
    let (mock, client) = guarded(ZDR_EU).await;
    let request = chat_with_store_true();
    let response = client.chat().create(request).await.expect("allowed");
    assert_eq!(
        response.choices[0].message.content.as_deref(),
        Some("hello from the mock provider")
    );

    let got = mock.requests();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].host, "eu.api.openai.com");
    assert_eq!(got[0].path, "/v1/chat/completions");
    assert_eq!(got[0].json().unwrap()["store"], Value::Bool(false));
    assert_eq!(got[0].header("openai-project"), Some("proj_eu"));
    assert_eq!(got[0].header("openai-organization"), Some("org-acme"));
    assert_eq!(got[0].header("authorization"), Some("Bearer sk-test"));
}

#[tokio::test]
async fn responses_and_embeddings_are_allowed() {
    let (mock, client) = guarded(ZDR_EU).await;
    let response = client
        .responses()
        .create(
            CreateResponseArgs::default()
                .model("gpt-4.1")
                .input("hi")
                .build()
                .unwrap(),
        )
        .await
        .expect("responses allowed");
    assert_eq!(response.id, "resp_mock");
    let embeddings = client
        .embeddings()
        .create(
            CreateEmbeddingRequestArgs::default()
                .model("text-embedding-3-small")
                .input("hi")
                .build()
                .unwrap(),
        )
        .await
        .expect("embeddings allowed");
    assert_eq!(embeddings.data.len(), 1);

    let got = mock.requests();
    assert_eq!(got.len(), 2);
    assert_eq!(
        got[0].json().unwrap()["store"],
        Value::Bool(false),
        "responses store by default"
    );
    assert!(
        got[1].json().unwrap().get("store").is_none(),
        "embeddings have no store flag"
    );
    assert!(got.iter().all(|r| r.host == "eu.api.openai.com"));
}

#[tokio::test]
async fn stateful_parameters_and_endpoints_are_denied_before_sending() {
    let (mock, client) = guarded(ZDR_EU).await;
    let err = client
        .responses()
        .create(
            CreateResponseArgs::default()
                .model("gpt-4.1")
                .input("continue")
                .previous_response_id("resp_earlier")
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert_eq!(kind(err), ViolationKind::ParameterNotAllowed);

    let file = CreateFileRequestArgs::default()
        .file(FileInput::from_vec_u8(
            "data.jsonl".into(),
            b"{}\n".to_vec(),
        ))
        .purpose(FilePurpose::Batch)
        .build()
        .unwrap();
    assert_eq!(
        kind(client.files().create(file).await.unwrap_err()),
        ViolationKind::EndpointNotEligible
    );

    let batch = BatchRequestArgs::default()
        .input_file_id("file-1")
        .endpoint(async_openai::types::batches::BatchEndpoint::V1ChatCompletions)
        .build()
        .unwrap();
    assert_eq!(
        kind(client.batches().create(batch).await.unwrap_err()),
        ViolationKind::EndpointNotEligible
    );

    // async-openai 0.43 has no assistants API group; vector stores are the same state family.
    let store = CreateVectorStoreRequestArgs::default()
        .name("kb")
        .build()
        .unwrap();
    assert_eq!(
        kind(client.vector_stores().create(store).await.unwrap_err()),
        ViolationKind::EndpointNotEligible
    );

    assert_eq!(mock.count(), 0, "a denied request reached the server");

    // Listing what is stored stays allowed.
    client.files().list().await.expect("GET allowed");
    assert_eq!(mock.count(), 1);
}

#[tokio::test]
async fn image_generation_needs_a_gpt_image_model() {
    let (mock, client) = guarded(ZDR_EU).await;
    let denied = CreateImageRequestArgs::default()
        .prompt("a cat")
        .model(ImageModel::Other("dall-e-3".into()))
        .build()
        .unwrap();
    assert_eq!(
        kind(client.images().generate(denied).await.unwrap_err()),
        ViolationKind::ModelNotEligible
    );
    assert_eq!(mock.count(), 0);

    let allowed = CreateImageRequestArgs::default()
        .prompt("a cat")
        .model(ImageModel::GptImage1dot5)
        .build()
        .unwrap();
    client
        .images()
        .generate(allowed)
        .await
        .expect("gpt-image allowed");
    assert_eq!(mock.count(), 1);
}

#[tokio::test]
async fn multipart_image_edits_are_read_not_refused() {
    let (mock, client) = guarded(ZDR_EU).await;
    let denied = CreateImageEditRequestArgs::default()
        .image(png())
        .prompt("add a hat")
        .model(ImageModel::Other("dall-e-2".into()))
        .build()
        .unwrap();
    let err = client.images().edit(denied).await.unwrap_err();
    assert_eq!(kind(err), ViolationKind::ModelNotEligible);
    assert_eq!(mock.count(), 0, "the denied edit reached the server");

    let allowed = CreateImageEditRequestArgs::default()
        .image(png())
        .prompt("add a hat")
        .model(ImageModel::GptImage1Mini)
        .build()
        .unwrap();
    client
        .images()
        .edit(allowed)
        .await
        .expect("gpt-image edit allowed");
    let got = mock.requests();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].host, "eu.api.openai.com");
    let content_type = got[0].header("content-type").unwrap();
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    let body = String::from_utf8_lossy(&got[0].body);
    assert!(
        body.contains("gpt-image-1-mini") && body.contains("not really a png"),
        "{body}"
    );
    assert_eq!(
        got[0]
            .header("content-length")
            .map(|l| l.parse::<usize>().unwrap()),
        Some(got[0].body.len())
    );
}

#[tokio::test]
async fn multipart_transcriptions_are_decided_from_the_url() {
    let (mock, client) = guarded(ZDR_EU).await;
    let request = CreateTranscriptionRequestArgs::default()
        .file(AudioInput::from_vec_u8(
            "hello.wav".into(),
            b"RIFF....WAVE".to_vec(),
        ))
        .model("gpt-4o-transcribe")
        .build()
        .unwrap();
    let text = client
        .audio()
        .transcription()
        .create(request)
        .await
        .expect("allowed");
    assert_eq!(text.text, "hello from the mock provider");
    let got = mock.requests();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].path, "/v1/audio/transcriptions");
    assert!(String::from_utf8_lossy(&got[0].body).contains("RIFF....WAVE"));
}

#[tokio::test]
async fn async_openai_retries_a_429_and_never_a_denial() {
    let (mock, client) = guarded(ZDR_EU).await;
    mock.push_response(
        429,
        &[],
        r#"{"error":{"message":"slow down","type":"rate_limit_exceeded","param":null,"code":"rate_limit_exceeded"}}"#,
    );
    let request = chat_with_store_true();
    client
        .chat()
        .create(request)
        .await
        .expect("the retry succeeds");
    let got = mock.requests();
    assert_eq!(got.len(), 2, "the 429 was retried once");
    for attempt in &got {
        assert_eq!(attempt.host, "eu.api.openai.com");
        assert_eq!(
            attempt.json().unwrap()["store"],
            Value::Bool(false),
            "every rebuild is rewritten"
        );
    }

    let started = std::time::Instant::now();
    let file = CreateFileRequestArgs::default()
        .file(FileInput::from_vec_u8("x.jsonl".into(), b"{}".to_vec()))
        .purpose(FilePurpose::FineTune)
        .build()
        .unwrap();
    assert_eq!(
        kind(client.files().create(file).await.unwrap_err()),
        ViolationKind::EndpointNotEligible
    );
    assert!(
        started.elapsed() < std::time::Duration::from_millis(90),
        "the denial waited for a retry backoff"
    );
    assert_eq!(mock.count(), 2);
}

#[tokio::test]
async fn a_standard_profile_leaves_async_openai_requests_alone() {
    let (mock, client) = guarded("provider = \"openai\"\nretention = \"standard\"").await;
    let request = chat_with_store_true();
    client.chat().create(request).await.unwrap();
    let got = mock.requests();
    assert_eq!(got[0].host, "api.openai.com");
    assert_eq!(got[0].json().unwrap()["store"], Value::Bool(true));
}

#[tokio::test]
async fn with_the_guard_outside_the_retry_layer_every_rebuild_is_still_checked() {
    use async_openai::middleware::ReqwestService;
    use async_openai::middleware::retry::OpenAIRetryLayer;
    use retention_guard::async_openai::RetentionGuardLayer;

    let (mock, guard, http) = setup(ZDR_EU).await;
    // The reverse of the recommended order: the guard sees one call, the retry layer rebuilds.
    let stack = tower::ServiceBuilder::new()
        .layer(RetentionGuardLayer::new(guard.clone()))
        .layer(OpenAIRetryLayer::default())
        .service(ReqwestService::new(
            http.redirect(redirect_policy(&guard)).build().unwrap(),
        ));
    let client =
        Client::with_config(OpenAIConfig::new().with_api_key("sk-test")).with_http_service(stack);
    mock.push_response(
        429,
        &[],
        r#"{"error":{"message":"slow down","type":"rate_limit_exceeded"}}"#,
    );
    client
        .chat()
        .create(chat_with_store_true())
        .await
        .expect("the retry succeeds");
    let got = mock.requests();
    assert_eq!(got.len(), 2);
    for attempt in &got {
        assert_eq!(attempt.host, "eu.api.openai.com");
        assert_eq!(
            attempt.json().unwrap()["store"],
            Value::Bool(false),
            "the rebuilt attempt was not checked"
        );
    }
}

/// Code written against `&Client` takes a `Guarded` client as it is, and is guarded.
async fn create_chat(client: &Client<OpenAIConfig>) -> Result<(), OpenAIError> {
    client.chat().create(chat_with_store_true()).await.map(drop)
}

#[tokio::test]
async fn a_guarded_client_passes_where_a_client_reference_is_taken() {
    let (mock, client) = guarded(ZDR_EU).await;
    create_chat(&client).await.unwrap();
    let got = mock.requests();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].host, "eu.api.openai.com");
    assert_eq!(got[0].json().unwrap()["store"], Value::Bool(false));
}

#[tokio::test]
async fn with_http_client_after_into_client_removes_the_guard() {
    // A sharp edge of async-openai 0.43, pinned so that a change in async-openai is noticed:
    // `with_http_client` resets the executor, dropping any service installed before it. On a
    // `Guarded` client it does not compile (the `compile_fail,E0507` example on `Guarded`);
    // `into_client()` hands out async-openai's own type, where nothing stops it.
    let (mock, guard, http) = setup(ZDR_EU).await;
    let client = Client::with_config(OpenAIConfig::new().with_api_key("sk-test"))
        .with_retention_guard(&guard, http)
        .unwrap()
        .into_client()
        .with_http_client(
            mock.serve_hosts(reqwest::Client::builder(), &HOSTS)
                .build()
                .unwrap(),
        );
    client
        .chat()
        .create(chat_with_store_true())
        .await
        .expect("sent unguarded");
    let got = mock.requests();
    assert_eq!(
        got[0].host, "api.openai.com",
        "not routed: the guard is gone"
    );
    assert_eq!(got[0].json().unwrap()["store"], Value::Bool(true));
}

#[tokio::test]
async fn an_attestation_mismatch_becomes_an_error() {
    let hosts = ["api.x.ai"];
    let mock = MockProvider::https(&hosts).await;
    let policy = retention_guard::Policy::from_toml_str(
        "name = \"xai\"\nprovider = \"xai\"\nretention = \"zero_data_retention\"\nattest = \"enforce\"",
    )
    .unwrap();
    let client = Client::with_config(
        OpenAIConfig::new()
            .with_api_key("xai-test")
            .with_api_base("https://api.x.ai/v1"),
    )
    .with_retention_guard(
        &policy,
        mock.serve_hosts(reqwest::Client::builder(), &hosts),
    )
    .unwrap();
    let answer = r#"{"id":"chatcmpl-mock","object":"chat.completion","created":0,"model":"grok-4.6","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"hi"}}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}"#;
    mock.push_response(200, &[("x-zero-data-retention", "true")], answer);
    client
        .chat()
        .create(chat_with_store_true())
        .await
        .expect("attested");
    mock.push_response(200, &[("x-zero-data-retention", "false")], answer);
    let err = client
        .chat()
        .create(chat_with_store_true())
        .await
        .unwrap_err();
    assert_eq!(kind(err), ViolationKind::AttestationMismatch);
    // The profile is now refused before sending, until reset.
    let sent = mock.count();
    let err = client
        .chat()
        .create(chat_with_store_true())
        .await
        .unwrap_err();
    assert_eq!(kind(err), ViolationKind::AttestationMismatch);
    assert_eq!(mock.count(), sent);
    assert!(policy.reset_attestation("xai"));
}

#[tokio::test]
async fn a_client_can_choose_its_profile_in_a_policy_of_several() {
    let mock = MockProvider::https(&HOSTS).await;
    let policy = retention_guard::Policy::from_toml_str(
        r#"
        [[profile]]
        name = "eu"
        provider = "openai"
        retention = "zero_data_retention"
        region = "eu"
        project = "proj_eu"

        [[profile]]
        name = "us"
        provider = "openai"
        retention = "standard"
        project = "proj_us"
        "#,
    )
    .unwrap();
    let http = || mock.serve_hosts(reqwest::Client::builder(), &HOSTS);
    let config = || OpenAIConfig::new().with_api_key("sk-test");
    // Without a project or a choice, the two OpenAI profiles cannot be told apart.
    let unchosen = Client::with_config(config())
        .with_retention_guard(&policy, http())
        .unwrap();
    let err = unchosen
        .chat()
        .create(chat_with_store_true())
        .await
        .unwrap_err();
    assert_eq!(kind(err), ViolationKind::AmbiguousProfile);
    // A client that chose the EU profile: routed, rewritten, its project set.
    let eu = Client::with_config(config())
        .with_retention_guard_choosing(&policy, "eu", http())
        .unwrap();
    eu.chat().create(chat_with_store_true()).await.unwrap();
    let got = mock.requests();
    assert_eq!(got.len(), 1, "the ambiguous request was not sent");
    assert_eq!(got[0].host, "eu.api.openai.com");
    assert_eq!(got[0].header("openai-project"), Some("proj_eu"));
    assert_eq!(got[0].json().unwrap()["store"], Value::Bool(false));
}

/// A conversation that replays earlier items by id (what an agent framework sends on its second
/// turn) fails under the default `on_stored_items = "deny"`, and goes through under `"strip"`:
/// the provider sees no id-only item, and is asked for encrypted reasoning.
#[tokio::test]
async fn a_replayed_conversation_goes_through_when_stored_items_are_stripped() {
    let turn = serde_json::json!({
        "model": "gpt-5",
        "store": false,
        "input": [
            {"role": "user", "content": "What is our retention agreement?"},
            {"type": "reasoning", "id": "rs_1", "summary": []},
            {"type": "item_reference", "id": "msg_1"},
            {"type": "reasoning", "id": "rs_2", "summary": [], "encrypted_content": "gAAAAB-opaque"},
            {"role": "user", "content": "And for the EU project?"}
        ]
    });
    let denied: Result<serde_json::Value, _> = {
        let (mock, client) =
            guarded("provider = \"openai\"\nretention = \"zero_data_retention\"").await;
        let r = client.responses().create_byot(turn.clone()).await;
        assert_eq!(mock.count(), 0, "denied: nothing sent");
        r
    };
    assert_eq!(
        kind(denied.unwrap_err()),
        ViolationKind::ParameterNotAllowed
    );

    let (mock, client) = guarded(
        "provider = \"openai\"\nretention = \"zero_data_retention\"\non_stored_items = \"strip\"",
    )
    .await;
    let resp: serde_json::Value = client
        .responses()
        .create_byot(turn)
        .await
        .expect("stripped and sent");
    assert_eq!(resp["id"], "resp_mock");
    let sent = mock.requests()[0].json().unwrap();
    let input = sent["input"].as_array().unwrap();
    assert_eq!(input.len(), 3, "{sent}");
    assert!(
        input
            .iter()
            .all(|i| i.get("type") != Some(&"item_reference".into()))
    );
    assert_eq!(
        input[1]["encrypted_content"], "gAAAAB-opaque",
        "kept as sent"
    );
    assert_eq!(
        sent["include"],
        serde_json::json!(["reasoning.encrypted_content"])
    );
}
