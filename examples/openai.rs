//! OpenAI through a reqwest-middleware client under a zero-data-retention profile: a chat
//! completion's `store: true` rewritten, a Responses call with `store: false` written in, and an
//! assistants call denied before it is sent.
//!
//! ```text
//! cargo run --example openai                         # offline, against a loopback mock
//! OPENAI_API_KEY=sk-... cargo run --example openai   # the real API
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
    let target = Target::from_env("OPENAI_API_KEY", &["api.openai.com"]).await;
    let guard = Guard::new(Profile::from_toml_str(
        "name = \"openai-zdr\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"",
    )?);
    let client = ClientBuilder::new(target.http(client_builder(&guard)).build()?)
        .with(RetentionGuardMiddleware::new(guard))
        .with(PrintVerdict)
        .build();

    println!("1. chat completion with \"store\": true");
    let chat: serde_json::Value = client
        .post("https://api.openai.com/v1/chat/completions")
        .bearer_auth(&target.key)
        .json(&json!({"model": "gpt-4.1-mini", "store": true,
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

    println!("2. Responses call without a store flag (OpenAI's default is to store)");
    let response = client
        .post("https://api.openai.com/v1/responses")
        .bearer_auth(&target.key)
        .json(&json!({"model": "gpt-4.1-mini", "input": "Say hello in five words."}))
        .send()
        .await?
        .error_for_status()?;
    target.print_arrival();
    println!("   status           {}\n", response.status());

    println!("3. create an assistant");
    let before = target.arrivals();
    let result = client
        .post("https://api.openai.com/v1/assistants")
        .bearer_auth(&target.key)
        .json(&json!({"model": "gpt-4.1-mini", "instructions": "Be helpful."}))
        .send()
        .await;
    target.expect_denied(before, result)?;
    Ok(())
}
