//! The main demo: a ZDR + EU-residency profile guarding a reqwest-middleware client.
//!
//! Runs offline: an in-process mock provider on 127.0.0.1 serves TLS for `api.openai.com` and
//! `eu.api.openai.com`, and the client resolves those names to it. It shows a `store: true`
//! rewritten to `false`, a request to `api.openai.com` arriving at `eu.api.openai.com`, and an
//! assistants call denied before anything is sent.
//!
//! ```text
//! cargo run --example quickstart
//! ```

#[path = "support/mock_provider.rs"]
mod mock_provider;

use mock_provider::MockProvider;
use reqwest_middleware::ClientBuilder;
use retention_guard::{
    Guard, Profile, RetentionGuardMiddleware, Verdict, Violation, client_builder,
};
use serde_json::json;

const PROFILE: &str = r#"
name = "acme-eu-prod"
provider = "openai"
retention = "zero_data_retention"
region = "eu"
project = "proj_eu_123"
"#;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let hosts = ["api.openai.com", "eu.api.openai.com"];
    let mock = MockProvider::https(&hosts).await;
    let guard = Guard::new(Profile::from_toml_str(PROFILE)?);
    println!("retention-guard quickstart");
    println!(
        "ZDR (zero data retention): the provider keeps no prompts or outputs: no abuse-monitoring \
         logs, no stored responses, threads or files."
    );
    println!("profile `acme-eu-prod`: openai, zero_data_retention, region eu, project proj_eu_123");
    println!(
        "mock provider on {} standing in for {}\n",
        mock.addr(),
        hosts.join(" and ")
    );

    // The guard goes innermost; the client under it only follows redirects the profile allows.
    let http = mock.serve_hosts(client_builder(&guard), &hosts).build()?;
    let client = ClientBuilder::new(http)
        .with(RetentionGuardMiddleware::new(guard))
        .build();

    println!("1. POST https://api.openai.com/v1/chat/completions with \"store\": true");
    let response = client
        .post("https://api.openai.com/v1/chat/completions")
        .bearer_auth("sk-demo-not-a-real-key")
        .json(&json!({
            "model": "gpt-4.1-mini",
            "store": true,
            "messages": [{"role": "user", "content": "Say hello."}]
        }))
        .send()
        .await?
        .error_for_status()?;
    // The guard's decision travels with the response: each change it made, and why.
    let verdict = response
        .extensions()
        .get::<Verdict>()
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("no verdict on the response"))?;
    println!("   allowed, with these changes:");
    for change in &verdict.changes {
        println!("   - {change}: {}", change.why());
    }
    let reply: serde_json::Value = response.json().await?;
    let arrived = mock.requests().pop().expect("the request arrived");
    let body = arrived.json().unwrap_or_default();
    println!("   what the provider received:");
    println!("   host            {}", arrived.host);
    println!("   path            {}", arrived.path);
    println!("   \"store\"         {}", body["store"]);
    println!(
        "   openai-project  {}",
        arrived.header("openai-project").unwrap_or("(none)")
    );
    println!(
        "   reply           {}\n",
        reply["choices"][0]["message"]["content"]
    );

    println!("2. POST https://api.openai.com/v1/assistants");
    let before = mock.count();
    let result = client
        .post("https://api.openai.com/v1/assistants")
        .json(&json!({"model": "gpt-4.1-mini", "instructions": "You are a helpful assistant."}))
        .send()
        .await;
    match result {
        Ok(resp) => anyhow::bail!("the assistants call was sent ({})", resp.status()),
        Err(err) => {
            let violation = Violation::find(&err)
                .ok_or_else(|| anyhow::anyhow!("not a guard denial: {err}"))?;
            println!("   denied before sending: {}", violation.code());
            println!("   {violation}");
        }
    }
    println!(
        "   requests that reached the provider for it: {}",
        mock.count() - before
    );
    Ok(())
}
