//! rig's OpenAI client under a ZDR + EU profile: a Responses call routed to the EU host with
//! `store: false` written in, a chat call and an embedding, and a call that asks for stored state
//! denied before it is sent, its violation found from rig's error.
//!
//! Runs offline: an in-process mock provider on 127.0.0.1 stands in for OpenAI (TLS for its real
//! host names). With `OPENAI_API_KEY` set it talks to OpenAI instead.
//!
//! ```text
//! cargo run --manifest-path integrations/rig/Cargo.toml
//! ```

#[path = "../../../examples/support/mock_provider.rs"]
mod mock_provider;

use mock_provider::MockProvider;
use retention_guard::{Policy, Profile};
use retention_guard_rig::{guarded_http, violation};
use rig_core::completion::CompletionRequest;
use rig_core::providers::openai::OpenAIConfig;
use serde_json::json;

const HOSTS: [&str; 2] = ["api.openai.com", "eu.api.openai.com"];

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let policy = Policy::from(Profile::from_toml_str(
        "name = \"eu-zdr\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"",
    )?);
    let key = std::env::var("OPENAI_API_KEY")
        .ok()
        .filter(|k| !k.is_empty());
    let mock = match key {
        Some(_) => None,
        None => Some(MockProvider::https(&HOSTS).await),
    };
    let builder = match &mock {
        Some(m) => {
            println!(
                "offline: a mock provider on {} stands in for {} (set OPENAI_API_KEY to use OpenAI)\n",
                m.addr(),
                HOSTS.join(", ")
            );
            m.serve_hosts(reqwest::Client::builder(), &HOSTS)
        }
        None => reqwest::Client::builder(),
    };
    // The guard sits in the HTTP client rig sends through: connect each provider to it.
    let http = guarded_http(&policy, builder)?;
    let openai = OpenAIConfig::new(key.unwrap_or_else(|| "sk-offline".to_owned())).connect(http);

    let responses = openai.responses("gpt-4.1-mini");
    responses.call(CompletionRequest::new("Say hello.")).await?;
    println!("1. responses: sent");
    openai
        .chat("gpt-4.1-mini")
        .call(CompletionRequest::new("Say hello."))
        .await?;
    println!("2. chat: sent");
    openai
        .embedding("text-embedding-3-small", None)
        .call(vec!["hello".to_owned()])
        .await?;
    println!("3. embeddings: sent");

    let asked = CompletionRequest::new("Continue.")
        .additional_params(json!({"previous_response_id": "resp_123"}));
    match responses.call(asked).await {
        Err(err) => match violation(&err) {
            Some(v) => println!(
                "4. previous_response_id: not sent ({}): {}",
                v.code(),
                v.reason()
            ),
            None => return Err(err.into()),
        },
        Ok(_) => return Err("the guard let stored state through".into()),
    }

    if let Some(mock) = &mock {
        println!("\nwhat the provider received:");
        for r in mock.requests() {
            let store = r.json().and_then(|b| b.get("store").cloned());
            println!(
                "   {} {}{}  store={}",
                r.method,
                r.host,
                r.path,
                store.map_or("-".to_owned(), |s| s.to_string())
            );
        }
        assert_eq!(mock.count(), 3, "the denied call sent nothing");
    }
    Ok(())
}
