//! OpenRouter under zero data retention: every inference request gets `provider.zdr = true` and
//! `provider.data_collection = "deny"` (OpenRouter then routes only to upstream endpoints with a
//! ZDR policy that do not collect data, and fails rather than fall back), merged into the
//! caller's own `provider` object; the web plugin and `:online` models (web search outside
//! `provider.zdr`) are denied before they are sent, unless the profile has `allow_tools = ["web"]`.
//!
//! ```text
//! cargo run --example openrouter                              # offline, against a loopback mock
//! OPENROUTER_API_KEY=sk-or-... cargo run --example openrouter  # the real API
//! ```

#[path = "support/mock_provider.rs"]
mod mock_provider;
#[path = "support/target.rs"]
mod target;

use reqwest_middleware::ClientBuilder;
use retention_guard::{Guard, Profile, RetentionGuardMiddleware, client_builder};
use serde_json::{Value, json};
use target::{PrintVerdict, Target};

const PROFILE: &str = r#"
name = "openrouter-zdr"
provider = "openrouter"
retention = "zero_data_retention"
confirm = ["openrouter.logging_disabled"]   # account setting: OpenRouter's own logging is off
"#;

const CHAT: &str = "https://openrouter.ai/api/v1/chat/completions";
const MODEL: &str = "meta-llama/llama-3.3-70b-instruct";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let target = Target::from_env("OPENROUTER_API_KEY", &["openrouter.ai"]).await;
    let guard = Guard::new(Profile::from_toml_str(PROFILE)?);
    let client = ClientBuilder::new(target.http(client_builder(&guard)).build()?)
        .with(RetentionGuardMiddleware::new(guard))
        .with(PrintVerdict)
        .build();
    let messages = json!([{"role": "user", "content": "Say hello in five words."}]);

    let plain = json!({"model": MODEL, "messages": messages});
    let routed = json!({"model": MODEL, "messages": messages,
                        "provider": {"sort": "price", "data_collection": "allow"}});
    for (n, what, body) in [
        (1, "chat completion, no provider object", plain),
        (
            2,
            "chat completion with the caller's own provider object",
            routed,
        ),
    ] {
        println!("{n}. {what}");
        let resp = client
            .post(CHAT)
            .bearer_auth(&target.key)
            .json(&body)
            .send()
            .await?;
        let status = resp.status();
        let reply: Value = resp.json().await.unwrap_or_default();
        if let Some(arrived) = target.last_arrival() {
            let provider = arrived.json().map(|b| b["provider"].clone());
            println!("   arrived at       {}{}", arrived.host, arrived.path);
            println!("   provider         {}", provider.unwrap_or_default());
        }
        match reply["choices"][0]["message"]["content"].as_str() {
            Some(text) => println!("   reply            {text}\n"),
            None => println!(
                "   status           {status}: {}\n",
                reply["error"]["message"]
            ),
        }
    }

    for (n, what, body) in [
        (
            3,
            "chat completion with the web plugin",
            json!({"model": MODEL, "messages": messages,
                                                          "plugins": [{"id": "web"}]}),
        ),
        (
            4,
            "chat completion on an :online model",
            json!({"model": format!("{MODEL}:online"),
                                                          "messages": messages}),
        ),
    ] {
        println!("{n}. {what}");
        let before = target.arrivals();
        let result = client
            .post(CHAT)
            .bearer_auth(&target.key)
            .json(&body)
            .send()
            .await;
        target.expect_denied(before, result)?;
        println!();
    }
    Ok(())
}
