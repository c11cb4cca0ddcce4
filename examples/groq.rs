//! Groq under zero data retention: chat completions are allowed, batches (which keep files for up
//! to 30 days) are denied before they are sent.
//!
//! ```text
//! cargo run --example groq                       # offline, against a loopback mock
//! GROQ_API_KEY=gsk_... cargo run --example groq  # the real API
//! ```

#[path = "support/mock_provider.rs"]
mod mock_provider;
#[path = "support/target.rs"]
mod target;

use reqwest_middleware::ClientBuilder;
use retention_guard::{Guard, Profile, RetentionGuardMiddleware, client_builder};
use serde_json::json;
use target::{PrintVerdict, Target};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let target = Target::from_env("GROQ_API_KEY", &["api.groq.com"]).await;
    let guard = Guard::new(Profile::from_toml_str(
        "name = \"groq-zdr\"\nprovider = \"groq\"\nretention = \"zero_data_retention\"",
    )?);
    let client = ClientBuilder::new(target.http(client_builder(&guard)).build()?)
        .with(RetentionGuardMiddleware::new(guard))
        .with(PrintVerdict)
        .build();

    println!("1. chat completion");
    let chat: serde_json::Value = client
        .post("https://api.groq.com/openai/v1/chat/completions")
        .bearer_auth(&target.key)
        .json(&json!({"model": "llama-3.1-8b-instant",
                      "messages": [{"role": "user", "content": "Say hello in five words."}]}))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    target.print_arrival();
    println!(
        "   reply            {}\n",
        chat["choices"][0]["message"]["content"]
    );

    println!("2. create a batch");
    let before = target.arrivals();
    let result = client
        .post("https://api.groq.com/openai/v1/batches")
        .bearer_auth(&target.key)
        .json(&json!({"input_file_id": "file_01", "endpoint": "/v1/chat/completions", "completion_window": "24h"}))
        .send()
        .await;
    target.expect_denied(before, result)?;
    Ok(())
}
