//! Anthropic under zero data retention: the Messages API (which Anthropic's ZDR terms list) is
//! allowed; the OpenAI SDK compatibility layer (`/v1/chat/completions`, which they do not list,
//! and which Anthropic calls a layer for testing and comparison) is denied before it is sent. A
//! contract that covers it is expressed with `allow = ["POST /v1/chat/completions"]`.
//!
//! ```text
//! cargo run --example anthropic                             # offline, against a loopback mock
//! ANTHROPIC_API_KEY=sk-ant-... cargo run --example anthropic  # the real API
//! ```

#[path = "support/mock_provider.rs"]
mod mock_provider;
#[path = "support/target.rs"]
mod target;

use reqwest_middleware::ClientBuilder;
use retention_guard::{Guard, Profile, RetentionGuardMiddleware, client_builder};
use serde_json::json;
use target::{PrintVerdict, Target};

const PROFILE: &str = r#"
name = "anthropic-zdr"
provider = "anthropic"
retention = "zero_data_retention"
"#;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let target = Target::from_env("ANTHROPIC_API_KEY", &["api.anthropic.com"]).await;
    let guard = Guard::new(Profile::from_toml_str(PROFILE)?);
    let client = ClientBuilder::new(target.http(client_builder(&guard)).build()?)
        .with(RetentionGuardMiddleware::new(guard))
        .with(PrintVerdict)
        .build();

    println!("1. a message (the Messages API)");
    let resp = client
        .post("https://api.anthropic.com/v1/messages")
        .header("x-api-key", &target.key)
        .header("anthropic-version", "2023-06-01")
        .json(&json!({"model": "claude-haiku-4-5", "max_tokens": 32,
                      "messages": [{"role": "user", "content": "Say hello in five words."}]}))
        .send()
        .await?;
    target.print_arrival();
    println!("   status           {}\n", resp.status());

    println!("2. a chat completion through the OpenAI compatibility layer");
    let before = target.arrivals();
    let result = client
        .post("https://api.anthropic.com/v1/chat/completions")
        .bearer_auth(&target.key)
        .json(&json!({"model": "claude-haiku-4-5",
                      "messages": [{"role": "user", "content": "Say hello in five words."}]}))
        .send()
        .await;
    if let Err(err) = &result {
        println!("   message          {err}");
    }
    target.expect_denied(before, result)?;
    Ok(())
}
