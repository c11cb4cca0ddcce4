//! Google Gemini's OpenAI-compatible endpoint (base path `/v1beta/openai`) under zero data
//! retention. Projects created from 2026-10-26 store requests unless logging is off, and the paid
//! tier logs for abuse unless Google approved ZDR: no request shows either, so a ZDR profile must
//! confirm both (`confirm = ["gemini.logging_disabled", "gemini.zdr_approved"]`). A chat
//! completion is allowed; the native Interactions API (stateful, `store` on by default) lies
//! outside the base path, is an unknown endpoint, and is denied before it is sent.
//!
//! ```text
//! cargo run --example gemini                        # offline, against a loopback mock
//! GEMINI_API_KEY=... cargo run --example gemini     # the real API
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
name = "gemini-zdr"
provider = "gemini"
retention = "zero_data_retention"
confirm = ["gemini.logging_disabled", "gemini.zdr_approved"]
"#;

const BASE: &str = "https://generativelanguage.googleapis.com/v1beta/openai";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let target = Target::from_env("GEMINI_API_KEY", &["generativelanguage.googleapis.com"]).await;
    let profile = Profile::from_toml_str(PROFILE)?;
    println!(
        "   confirmed        {}\n",
        profile.confirmations().join(", ")
    );
    let guard = Guard::new(profile);
    let client = ClientBuilder::new(target.http(client_builder(&guard)).build()?)
        .with(RetentionGuardMiddleware::new(guard))
        .with(PrintVerdict)
        .build();

    println!("1. chat completion");
    let chat: serde_json::Value = client
        .post(format!("{BASE}/chat/completions"))
        .bearer_auth(&target.key)
        .json(&json!({"model": "gemini-2.5-flash",
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

    println!("2. an interaction (the native, stateful Interactions API)");
    let before = target.arrivals();
    let result = client
        .post("https://generativelanguage.googleapis.com/v1beta/interactions")
        .bearer_auth(&target.key)
        .json(&json!({"model": "gemini-2.5-flash", "input": "hi"}))
        .send()
        .await;
    target.expect_denied(before, result)?;
    Ok(())
}
