//! Together AI under zero data retention. Together stores prompts unless the organisation turns
//! prompt storage off (Organization Settings → Privacy), which no request shows: a ZDR profile
//! must confirm it (`confirm = ["together.prompt_storage_disabled"]`) or it does not load. With
//! that, a chat completion to `api.together.xyz` (the older name of the global host) is allowed,
//! and a fine-tuning job (which keeps its data) is denied before it is sent.
//!
//! ```text
//! cargo run --example together                          # offline, against a loopback mock
//! TOGETHER_API_KEY=... cargo run --example together     # the real API
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
name = "together-zdr"
provider = "together"
retention = "zero_data_retention"
confirm = ["together.prompt_storage_disabled"]
"#;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let target =
        Target::from_env("TOGETHER_API_KEY", &["api.together.xyz", "api.together.ai"]).await;

    println!("0. the profile without its confirmation");
    let unconfirmed = PROFILE.replace("confirm = [\"together.prompt_storage_disabled\"]", "");
    match Profile::from_toml_str(&unconfirmed) {
        Err(err) => println!("   refused          {err}\n"),
        Ok(_) => anyhow::bail!("a ZDR profile loaded without confirming prompt storage is off"),
    }

    let guard = Guard::new(Profile::from_toml_str(PROFILE)?);
    let client = ClientBuilder::new(target.http(client_builder(&guard)).build()?)
        .with(RetentionGuardMiddleware::new(guard))
        .with(PrintVerdict)
        .build();

    println!("1. chat completion");
    let chat: serde_json::Value = client
        .post("https://api.together.xyz/v1/chat/completions")
        .bearer_auth(&target.key)
        .json(&json!({"model": "meta-llama/Llama-3.3-70B-Instruct-Turbo",
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

    println!("2. create a fine-tuning job");
    let before = target.arrivals();
    let result = client
        .post("https://api.together.xyz/v1/fine-tunes")
        .bearer_auth(&target.key)
        .json(&json!({"training_file": "file-123", "model": "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference"}))
        .send()
        .await;
    target.expect_denied(before, result)?;
    Ok(())
}
