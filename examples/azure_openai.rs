//! Azure OpenAI under zero data retention (modified abuse monitoring approved for the resource):
//! a chat call on the v1 surface (`/openai/v1/chat/completions`) and one on a classic deployment
//! URL (`/openai/deployments/{deployment}/chat/completions?api-version=…`) both arrive with
//! `store: true` rewritten to `false`; under an EU residency profile that declares its
//! deployments, a Global deployment is denied before it is sent; and a file upload (a stateful
//! entity) is denied. The key travels in Azure's `api-key` header.
//!
//! ```text
//! cargo run --example azure_openai          # offline: a mock stands in for contoso.openai.azure.com
//! AZURE_OPENAI_API_KEY=... AZURE_OPENAI_ENDPOINT=https://<resource>.openai.azure.com \
//!   AZURE_OPENAI_DEPLOYMENT=gpt-4o-mini cargo run --example azure_openai   # your resource
//! ```

#[path = "support/mock_provider.rs"]
mod mock_provider;
#[path = "support/target.rs"]
mod target;

use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};
use retention_guard::{Guard, Profile, RetentionGuardMiddleware, client_builder};
use serde_json::json;
use target::{PrintVerdict, Target};

const ZDR: &str = r#"
name = "azure-zdr"
provider = "azure_openai"
retention = "zero_data_retention"
confirm = ["azure_openai.modified_abuse_monitoring_approved"]
"#;

/// The deployment type is not in the request: a residency profile declares each deployment's.
const EU: &str = r#"
name = "azure-eu"
provider = "azure_openai"
retention = "zero_data_retention"
confirm = ["azure_openai.modified_abuse_monitoring_approved"]
region = "eu"
deployments = { "gpt4o-eu" = "data_zone_eu", "gpt4o-global" = "global" }
"#;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // Offline, the mock stands in for a resource called `contoso`.
    let endpoint = std::env::var("AZURE_OPENAI_ENDPOINT")
        .ok()
        .filter(|e| !e.trim().is_empty());
    let key_set = std::env::var("AZURE_OPENAI_API_KEY").is_ok_and(|k| !k.trim().is_empty());
    anyhow::ensure!(
        endpoint.is_some() || !key_set,
        "AZURE_OPENAI_API_KEY is set: set AZURE_OPENAI_ENDPOINT (the resource URL) too"
    );
    let endpoint = endpoint.unwrap_or("https://contoso.openai.azure.com".into());
    let endpoint = endpoint.trim_end_matches('/');
    let host = url::Url::parse(endpoint)?
        .host_str()
        .unwrap_or_default()
        .to_owned();
    let target = Target::from_env("AZURE_OPENAI_API_KEY", &[host.leak()]).await;
    let deployment = std::env::var("AZURE_OPENAI_DEPLOYMENT").unwrap_or("gpt-4o-mini".into());
    let client = |profile: &str| -> anyhow::Result<ClientWithMiddleware> {
        let profile = format!("{profile}base_url = \"{endpoint}/openai/v1\"\n");
        let guard = Guard::new(Profile::from_toml_str(&profile)?);
        let http = target.http(client_builder(&guard)).build()?;
        let client = ClientBuilder::new(http).with(RetentionGuardMiddleware::new(guard));
        Ok(client.with(PrintVerdict).build())
    };
    let (zdr, eu) = (client(ZDR)?, client(EU)?);
    let chat = |model: &str| {
        json!({"model": model, "store": true,
               "messages": [{"role": "user", "content": "Say hello in five words."}]})
    };

    let classic =
        format!("/deployments/{deployment}/chat/completions?api-version=2025-04-01-preview");
    for (n, (what, path)) in [("v1", "/v1/chat/completions"), ("classic", &classic)]
        .iter()
        .enumerate()
    {
        println!("{}. {what} chat completion with store: true", n + 1);
        let reply: serde_json::Value = zdr
            .post(format!("{endpoint}/openai{path}"))
            .header("api-key", &target.key)
            .json(&chat(&deployment))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        target.print_arrival();
        println!(
            "   reply            {}\n",
            reply["choices"][0]["message"]["content"]
        );
    }

    println!("3. EU residency profile: a chat call on a Global deployment");
    let before = target.arrivals();
    let result = eu
        .post(format!("{endpoint}/openai/v1/chat/completions"))
        .header("api-key", &target.key)
        .json(&chat("gpt4o-global"))
        .send()
        .await;
    target.expect_denied(before, result)?;

    println!("\n4. upload a file");
    let before = target.arrivals();
    let form = "--x\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--x\r\n\
                Content-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n\r\nhi\r\n--x--\r\n";
    let result = zdr
        .post(format!("{endpoint}/openai/v1/files"))
        .header("api-key", &target.key)
        .header("content-type", "multipart/form-data; boundary=x")
        .body(form)
        .send()
        .await;
    target.expect_denied(before, result)?;
    Ok(())
}
