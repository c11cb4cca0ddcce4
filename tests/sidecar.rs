//! `retention-guard serve` as a real process on 127.0.0.1 in front of the loopback TLS mock
//! provider, driven by an unguarded client as a service in another language would: rewrites
//! arrive, routing is the profile's, a denial answers with the provider's error shape and sends
//! nothing, streams pass through, the sidecar's own endpoints carry no request data, limits
//! answer clearly, and SIGTERM finishes what is in flight.
#![cfg(feature = "serve")]

#[path = "../examples/support/mock_provider.rs"]
mod mock_provider;
#[path = "sidecar/support.rs"]
mod support;

use mock_provider::MockProvider;
use serde_json::{Value, json};
use support::Sidecar;

const HOSTS: [&str; 2] = ["api.openai.com", "eu.api.openai.com"];
const EU_ZDR: &str = "name = \"eu\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\nproject = \"proj_eu\"\n";

#[tokio::test]
async fn rewrites_arrive_and_denials_send_nothing() {
    let mock = MockProvider::https(&HOSTS).await;
    let sidecar = Sidecar::start(EU_ZDR, &mock, &HOSTS, &[]).await;
    let http = reqwest::Client::new();

    let resp = http
        .post(sidecar.url("/v1/chat/completions"))
        .bearer_auth("sk-test-secret")
        .json(&json!({"model": "gpt-4.1-mini", "store": true, "messages": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["object"], "chat.completion");
    let got = mock.requests();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].host, "eu.api.openai.com", "routed by the profile");
    assert_eq!(got[0].path, "/v1/chat/completions");
    assert_eq!(got[0].json().unwrap()["store"], json!(false));
    assert_eq!(
        got[0].header("authorization"),
        Some("Bearer sk-test-secret")
    );
    assert_eq!(got[0].header("openai-project"), Some("proj_eu"));

    // A denial: the provider's error shape, with the violation's code; nothing sent.
    let resp = http
        .post(sidecar.url("/v1/assistants"))
        .bearer_auth("sk-test-secret")
        .json(&json!({"model": "gpt-4.1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "endpoint_not_eligible");
    assert_eq!(body["error"]["type"], "retention_guard_denied");
    assert_eq!(
        body["error"]["retention_guard"]["rule"]["id"],
        "openai.assistants"
    );
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("zero_data_retention")
    );
    // A body the guard cannot read is a 400.
    let resp = http
        .post(sidecar.url("/v1/responses"))
        .header("content-type", "application/json")
        .body("{\"store\": tru")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "malformed_body");
    assert_eq!(mock.count(), 1, "the denials sent nothing");

    // The sidecar's own endpoints: counts, never request data.
    let health: Value = http
        .get(sidecar.url("/_retention_guard/health"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["profiles"], json!(["eu"]));
    let metrics = http
        .get(sidecar.url("/_retention_guard/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("retention_guard_sidecar_decisions_total{outcome=\"rewrite\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("retention_guard_sidecar_decisions_total{outcome=\"deny\"} 2"),
        "{metrics}"
    );
    assert!(!metrics.contains("sk-test") && !metrics.contains("gpt-4.1"));

    // Nothing the sidecar printed carries the key or a body.
    let log = sidecar.stop().await;
    assert!(!log.contains("sk-test-secret"), "{log}");
    assert!(!log.contains("messages"), "{log}");
}

#[tokio::test]
async fn a_stream_passes_through() {
    let mock = MockProvider::https(&HOSTS).await;
    let sidecar = Sidecar::start(EU_ZDR, &mock, &HOSTS, &[]).await;
    let sse = "data: {\"choices\":[{\"delta\":{\"content\":\"he\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"llo\"}}]}\n\ndata: [DONE]\n\n";
    mock.push_response(200, &[("content-type", "text/event-stream")], sse);
    let resp = reqwest::Client::new()
        .post(sidecar.url("/v1/chat/completions"))
        .json(&json!({"model": "gpt-4.1-mini", "stream": true, "messages": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "text/event-stream");
    assert_eq!(resp.text().await.unwrap(), sse);
}

#[tokio::test]
async fn several_profiles_are_chosen_by_path_prefix_only() {
    let mock = MockProvider::https(&["api.openai.com", "eu.api.openai.com", "api.groq.com"]).await;
    let policy = "[[profile]]\nname = \"eu\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\n\n[[profile]]\nname = \"groq\"\nprovider = \"groq\"\nretention = \"zero_data_retention\"\n";
    let sidecar = Sidecar::start(
        policy,
        &mock,
        &["api.openai.com", "eu.api.openai.com", "api.groq.com"],
        &[],
    )
    .await;
    let http = reqwest::Client::new();
    let chat = json!({"model": "m", "messages": []});
    let resp = http
        .post(sidecar.url("/groq/openai/v1/chat/completions"))
        .json(&chat)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let resp = http
        .post(sidecar.url("/eu/v1/chat/completions"))
        // A `Host` naming another provider changes nothing: the prefix chose.
        .header("host", "api.groq.com")
        .json(&chat)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let hosts: Vec<_> = mock.requests().iter().map(|r| r.host.clone()).collect();
    assert_eq!(hosts, ["api.groq.com", "eu.api.openai.com"]);
    let resp = http
        .post(sidecar.url("/v1/chat/completions"))
        .json(&chat)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unknown_profile");
    assert_eq!(mock.count(), 2);
}

#[tokio::test]
async fn limits_answer_clearly() {
    let mock = MockProvider::https(&HOSTS).await;
    let sidecar = Sidecar::start(EU_ZDR, &mock, &HOSTS, &["--max-body", "1024"]).await;
    let http = reqwest::Client::new();
    let resp = http
        .post(sidecar.url("/v1/chat/completions"))
        .json(&json!({"model": "gpt-4.1-mini", "messages": [{"role": "user", "content": "x".repeat(4096)}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 413);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "body_too_large");
    assert_eq!(mock.count(), 0);
}

#[tokio::test]
async fn a_remote_address_needs_an_explicit_flag() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_retention-guard"))
        .args(["serve", "--profile", "/dev/null", "--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = support::write_policy(EU_ZDR);
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_retention-guard"))
        .args(["serve", "--profile"])
        .arg(&out)
        .args(["--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("--allow-remote"), "{err}");
}
