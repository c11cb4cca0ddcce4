//! The guard logs decisions, never prompts, completions, bodies, query strings or API keys.
#![cfg(feature = "reqwest-middleware")]

#[path = "../examples/support/mock_provider.rs"]
mod mock_provider;

use std::io::Write;
use std::sync::{Arc, Mutex};

use mock_provider::MockProvider;
use reqwest_middleware::ClientBuilder;
use retention_guard::{Guard, Profile, RetentionGuardMiddleware, client_builder};
use serde_json::json;
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

const SECRETS: [&str; 5] = [
    "SECRET-PROMPT-42",
    "sk-SECRET-KEY",
    "SECRET-QUERY",
    "SECRET-PREVIOUS",
    "SECRET-MODEL-INPUT",
];

#[tokio::test]
async fn decisions_are_logged_without_content_or_keys() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(move || writer.clone())
                .with_ansi(false),
        )
        .with(Targets::new().with_target("retention_guard", LevelFilter::TRACE));
    let _default = tracing::subscriber::set_default(subscriber);

    let mock = MockProvider::http().await;
    let base = mock.url("/v1");
    let guard = Guard::new(
        Profile::from_toml_str(&format!(
            "name = \"audit\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nproject = \"proj_1\"\nbase_url = \"{base}\""
        ))
        .unwrap(),
    );
    let client = ClientBuilder::new(client_builder(&guard).build().unwrap())
        .with(RetentionGuardMiddleware::new(guard))
        .build();
    let auth = "Bearer sk-SECRET-KEY";
    // Allowed and rewritten.
    client
        .post(format!("{base}/chat/completions?key=SECRET-QUERY"))
        .header("authorization", auth)
        .json(&json!({"model": "gpt-4.1", "store": true, "messages": [{"role": "user", "content": "SECRET-PROMPT-42"}]}))
        .send()
        .await
        .unwrap();
    // Denied for a parameter, for a model, for a malformed body, for an endpoint.
    for (path, body) in [
        (
            "/responses",
            json!({"previous_response_id": "SECRET-PREVIOUS", "input": "SECRET-PROMPT-42"})
                .to_string(),
        ),
        (
            "/images/generations",
            json!({"model": "SECRET-MODEL-INPUT", "prompt": "SECRET-PROMPT-42"}).to_string(),
        ),
        (
            "/chat/completions",
            "{\"messages\": \"SECRET-PROMPT-42\"".to_owned(),
        ),
        (
            "/assistants?key=SECRET-QUERY",
            json!({"instructions": "SECRET-PROMPT-42"}).to_string(),
        ),
    ] {
        let err = client
            .post(format!("{base}{path}"))
            .header("authorization", auth)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap_err();
        let v = retention_guard::Violation::find(&err).expect("a violation");
        // The error the caller gets is safe to log as well (a model name is not a secret but is
        // echoed by design; everything else must not be).
        for secret in SECRETS.iter().filter(|s| **s != "SECRET-MODEL-INPUT") {
            assert!(
                !v.to_string().contains(secret),
                "violation leaks {secret}: {v}"
            );
        }
    }
    assert_eq!(mock.count(), 1);

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert_eq!(logs.matches("request allowed").count(), 1, "{logs}");
    assert_eq!(logs.matches("request denied").count(), 4, "{logs}");
    assert!(logs.contains("profile=audit"), "{logs}");
    assert!(
        logs.contains("rule=\"openai.assistants\"")
            && logs.contains("kind=\"endpoint_not_eligible\""),
        "{logs}"
    );
    for secret in SECRETS {
        assert!(!logs.contains(secret), "the logs contain {secret}:\n{logs}");
    }
}
