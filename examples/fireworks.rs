//! Fireworks under zero data retention: the Responses API's default (`store` true, kept 30 days)
//! is turned off by writing `"store": false`, `store: true` on a chat completion (which a ZDR
//! account rejects) is rewritten, and a proprietary model that may log prompts (FireFunction) and
//! a FireRouter model (which may pass the prompt to a closed third-party model) are denied.
//!
//! ```text
//! cargo run --example fireworks                          # offline, against a loopback mock
//! FIREWORKS_API_KEY=fw_... cargo run --example fireworks # the real API
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
    let target = Target::from_env("FIREWORKS_API_KEY", &["api.fireworks.ai"]).await;
    let guard = Guard::new(Profile::from_toml_str(
        "name = \"fireworks-zdr\"\nprovider = \"fireworks\"\nretention = \"zero_data_retention\"",
    )?);
    let client = ClientBuilder::new(target.http(client_builder(&guard)).build()?)
        .with(RetentionGuardMiddleware::new(guard))
        .with(PrintVerdict)
        .build();

    println!("1. Responses call with no store flag");
    let resp = client
        .post("https://api.fireworks.ai/inference/v1/responses")
        .bearer_auth(&target.key)
        .json(&json!({"model": "accounts/fireworks/models/llama-v3p1-8b-instruct", "input": "Say hello in five words."}))
        .send()
        .await?;
    target.print_arrival();
    println!("   status           {}\n", resp.status());

    println!("2. chat completion with FireFunction (a proprietary model)");
    let before = target.arrivals();
    let result = client
        .post("https://api.fireworks.ai/inference/v1/chat/completions")
        .bearer_auth(&target.key)
        .json(
            &json!({"model": "accounts/fireworks/models/firefunction-v2",
                      "messages": [{"role": "user", "content": "hi"}]}),
        )
        .send()
        .await;
    target.expect_denied(before, result)?;

    println!("\n3. chat completion with `store: true`");
    let resp = client
        .post("https://api.fireworks.ai/inference/v1/chat/completions")
        .bearer_auth(&target.key)
        .json(
            &json!({"model": "accounts/fireworks/models/llama-v3p1-8b-instruct", "store": true,
                      "messages": [{"role": "user", "content": "Say hello in five words."}]}),
        )
        .send()
        .await?;
    target.print_arrival();
    println!("   status           {}\n", resp.status());

    println!("4. chat completion through FireRouter");
    let before = target.arrivals();
    let result = client
        .post("https://api.fireworks.ai/inference/v1/chat/completions")
        .bearer_auth(&target.key)
        .json(&json!({"model": "firerouter/opus", "messages": [{"role": "user", "content": "hi"}]}))
        .send()
        .await;
    target.expect_denied(before, result)?;
    Ok(())
}
