//! rig 0.44's Responses WebSocket session through `GuardedWebSocket`, against a loopback
//! WebSocket server that records every frame: `response.create` arrives with `store: false`
//! written in, a frame asking for a stored conversation is never sent and its violation is found
//! from rig's error, and a handshake the profile refuses opens nothing.

#[path = "../../../examples/support/mock_socket.rs"]
mod mock_socket;

use mock_socket::MockSocket;
use retention_guard::{Guard, Profile, ViolationKind};
use retention_guard_rig::{GuardedWebSocket, violation};
use rig_core::completion::CompletionRequest;
use rig_core::providers::openai::OpenAIConfig;
use serde_json::{Value, json};

fn guard(base: &str, extra: &str) -> Guard {
    Guard::new(
        Profile::from_toml_str(&format!(
            "provider = \"openai\"\nretention = \"zero_data_retention\"\nbase_url = \"{base}\"\n{extra}"
        ))
        .unwrap(),
    )
}

#[tokio::test]
async fn a_responses_websocket_session_is_guarded() {
    let mock = MockSocket::start().await;
    let base = mock.http_url("/v1");
    let backend =
        GuardedWebSocket::new(guard(&base, ""), rig_tungstenite::TungsteniteClient::new());
    let model = OpenAIConfig::new("sk-test")
        .with_base_url(&base)
        .connect(rig_reqwest::ReqwestClient::from(reqwest::Client::new()))
        .responses("gpt-5");
    // A frame asking for a stored conversation: refused before it is written.
    let mut denied = model
        .responses_websocket()
        .connect_with(&backend)
        .await
        .expect("the handshake is allowed");
    let err = denied
        .send(CompletionRequest::new("again").additional_params(json!({"conversation": "conv_1"})))
        .await
        .expect_err("a stored conversation");
    let v = violation(&err).unwrap_or_else(|| panic!("not the guard's: {err:?}"));
    assert_eq!(v.kind(), ViolationKind::ParameterNotAllowed, "{v}");
    // A plain turn: sent, with `store: false` written in.
    let mut session = model
        .responses_websocket()
        .connect_with(&backend)
        .await
        .expect("the handshake is allowed");
    session
        .send(CompletionRequest::new("hello"))
        .await
        .expect("sent");
    for _ in 0..200 {
        if !mock.frames().is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let frames = mock.frames();
    assert_eq!(
        frames.len(),
        1,
        "only the allowed frame arrived: {frames:?}"
    );
    let sent: Value = serde_json::from_str(&frames[0]).unwrap();
    assert_eq!(sent["type"], "response.create");
    assert_eq!(sent["store"], json!(false));
    assert!(sent.get("conversation").is_none());
    assert_eq!(mock.handshakes(), ["/v1/responses", "/v1/responses"]);
}

#[tokio::test]
async fn a_refused_handshake_opens_nothing() {
    let mock = MockSocket::start().await;
    let base = mock.http_url("/v1");
    let backend = GuardedWebSocket::new(
        guard(&base, "deny = [\"GET /v1/responses\"]"),
        rig_tungstenite::TungsteniteClient::new(),
    );
    let model = OpenAIConfig::new("sk-test")
        .with_base_url(&base)
        .connect(rig_reqwest::ReqwestClient::from(reqwest::Client::new()))
        .responses("gpt-5");
    let Err(err) = model.responses_websocket().connect_with(&backend).await else {
        panic!("the profile denies the socket");
    };
    let v = violation(&err).expect("the guard's violation");
    assert_eq!(v.kind(), ViolationKind::EndpointNotEligible, "{v}");
    assert!(mock.handshakes().is_empty());
}
