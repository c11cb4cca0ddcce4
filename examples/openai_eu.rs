//! An EU data-residency project: requests addressed to `api.openai.com` arrive at
//! `eu.api.openai.com`, requests to another region's host are denied, and a realtime URL is
//! checked (and routed) before connecting.
//!
//! ```text
//! cargo run --example openai_eu                         # offline, against a loopback mock
//! OPENAI_API_KEY=sk-... cargo run --example openai_eu   # the real API (the key's project must be an EU project)
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
name = "acme-eu"
provider = "openai"
retention = "zero_data_retention"
region = "eu"
"#;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let target = Target::from_env(
        "OPENAI_API_KEY",
        &["api.openai.com", "eu.api.openai.com", "jp.api.openai.com"],
    )
    .await;
    let guard = Guard::new(Profile::from_toml_str(PROFILE)?);
    let client = ClientBuilder::new(target.http(client_builder(&guard)).build()?)
        .with(RetentionGuardMiddleware::new(guard.clone()))
        .with(PrintVerdict)
        .build();

    println!("1. POST https://api.openai.com/v1/embeddings");
    let resp = client
        .post("https://api.openai.com/v1/embeddings")
        .bearer_auth(&target.key)
        .json(&json!({"model": "text-embedding-3-small", "input": "routed to the EU"}))
        .send()
        .await?;
    target.print_arrival();
    println!("   status           {}\n", resp.status());

    println!("2. POST https://api.openai.com/v1/chat/completions with \"store\": true");
    let resp = client
        .post("https://api.openai.com/v1/chat/completions")
        .bearer_auth(&target.key)
        .json(&json!({"model": "gpt-4.1-mini", "store": true, "messages": [{"role": "user", "content": "Hello from the EU."}]}))
        .send()
        .await?;
    target.print_arrival();
    println!("   status           {}\n", resp.status());

    println!("3. POST https://jp.api.openai.com/v1/chat/completions (another region's host)");
    let before = target.arrivals();
    let result = client
        .post("https://jp.api.openai.com/v1/chat/completions")
        .bearer_auth(&target.key)
        .json(&json!({"model": "gpt-4.1-mini", "messages": []}))
        .send()
        .await;
    target.expect_denied(before, result)?;

    println!("\n4. a realtime session (WebSocket: no HTTP middleware sees it, so check first)");
    let url = "wss://api.openai.com/v1/realtime?model=gpt-realtime".parse()?;
    let allowed = guard.check_realtime(&url)?;
    println!("   connect to       {}", allowed.url().unwrap_or(&url));
    Ok(())
}
