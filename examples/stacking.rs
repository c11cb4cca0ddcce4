//! The guard together with reqwest-retry and reqwest-tracing, in the right order: tracing
//! outermost, retry in the middle, the guard innermost, so that every attempt is checked as it is
//! sent and a denial is returned at once, never retried.
//!
//! ```text
//! cargo run --example stacking                         # offline: the mock answers 429 once
//! OPENAI_API_KEY=sk-... cargo run --example stacking   # the real API
//! ```

#[path = "support/mock_provider.rs"]
mod mock_provider;
#[path = "support/target.rs"]
mod target;

use std::time::Duration;

use reqwest_middleware::ClientBuilder;
use reqwest_retry::RetryTransientMiddleware;
use reqwest_retry::policies::ExponentialBackoff;
use reqwest_tracing::TracingMiddleware;
use retention_guard::{Guard, Profile, RetentionGuardMiddleware, client_builder};
use serde_json::json;
use target::Target;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // The guard's decisions are `tracing` events (target `retention_guard`): profile, method,
    // path, rule, outcome — never bodies, headers or keys.
    tracing_subscriber::fmt()
        .with_env_filter(
            std::env::var("RUST_LOG")
                .unwrap_or_else(|_| "retention_guard=debug,reqwest_retry=warn".into()),
        )
        .with_target(true)
        .without_time()
        // Colour only on a terminal: piped into a file or CI log, the output is plain text.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();

    let target = Target::from_env("OPENAI_API_KEY", &["api.openai.com"]).await;
    let guard = Guard::new(Profile::from_toml_str(
        "name = \"stacked\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"",
    )?);
    let retry = ExponentialBackoff::builder()
        .retry_bounds(Duration::from_millis(50), Duration::from_secs(2))
        .build_with_max_retries(3);
    let client = ClientBuilder::new(target.http(client_builder(&guard)).build()?)
        .with(TracingMiddleware::default()) // outermost: one span per call, including the denial
        .with(RetryTransientMiddleware::new_with_policy(retry)) // retries 429s and 5xx
        .with(RetentionGuardMiddleware::new(guard)) // innermost: checks every attempt as sent
        .build();

    // A hand-built stack, checked at start-up: a probe through the client's own stack to a
    // loopback sink must arrive exactly as the innermost guard passed it on.
    retention_guard::middleware::assert_guarded(&client).await?;
    println!("0. assert_guarded: the guard is innermost (a loopback probe, nothing sent out)\n");

    if let Some(mock) = &target.mock {
        mock.push_response(
            429,
            &[],
            r#"{"error":{"message":"slow down","type":"rate_limit_exceeded"}}"#,
        );
        println!("1. chat completion with \"store\": true; the mock answers 429 first");
    } else {
        println!("1. chat completion with \"store\": true");
    }
    let resp = client
        .post("https://api.openai.com/v1/chat/completions")
        .bearer_auth(&target.key)
        .json(&json!({"model": "gpt-4.1-mini", "store": true, "messages": [{"role": "user", "content": "hi"}]}))
        .send()
        .await?;
    println!("   status           {}", resp.status());
    if let Some(mock) = &target.mock {
        for (i, attempt) in mock.requests().iter().enumerate() {
            let store = attempt
                .json()
                .map(|b| b["store"].clone())
                .unwrap_or_default();
            println!(
                "   attempt {}        arrived with \"store\": {store}",
                i + 1
            );
        }
    }

    println!("\n2. create a vector store (keeps application state)");
    let before = target.arrivals();
    let result = client
        .post("https://api.openai.com/v1/vector_stores")
        .bearer_auth(&target.key)
        .json(&json!({"name": "kb"}))
        .send()
        .await;
    target.expect_denied(before, result)?;
    println!(
        "   retried          no: reqwest-retry treats middleware errors as fatal (no `Retry attempt` above)"
    );
    Ok(())
}
