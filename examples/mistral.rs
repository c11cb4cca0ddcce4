//! Mistral under zero data retention with EU regional inference: a chat completion addressed to
//! the global host (`api.mistral.ai`) is sent to the EU host (`api.eu.mistral.ai`), and a
//! conversation (a stateful product ZDR does not cover) is denied before it is sent.
//!
//! ```text
//! cargo run --example mistral                           # offline, against a loopback mock
//! MISTRAL_API_KEY=... cargo run --example mistral       # the real API
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
name = "mistral-eu-zdr"
provider = "mistral"
retention = "zero_data_retention"
region = "eu"
"#;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let target =
        Target::from_env("MISTRAL_API_KEY", &["api.mistral.ai", "api.eu.mistral.ai"]).await;
    let guard = Guard::new(Profile::from_toml_str(PROFILE)?);
    let client = ClientBuilder::new(target.http(client_builder(&guard)).build()?)
        .with(RetentionGuardMiddleware::new(guard))
        .with(PrintVerdict)
        .build();

    println!("1. chat completion to the global host");
    let chat: serde_json::Value = client
        .post("https://api.mistral.ai/v1/chat/completions")
        .bearer_auth(&target.key)
        .json(&json!({"model": "mistral-small-latest",
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

    println!("2. start a conversation");
    let before = target.arrivals();
    let result = client
        .post("https://api.mistral.ai/v1/conversations")
        .bearer_auth(&target.key)
        .json(&json!({"model": "mistral-small-latest", "inputs": "hi"}))
        .send()
        .await;
    target.expect_denied(before, result)?;
    Ok(())
}
