//! Rolling a new policy file out to a running service: one client, built once from a
//! `ReloadablePolicy`; the file changes, the watcher puts it in force, and the next request is
//! decided by it. A file that does not load leaves the policy in force and is reported. Every
//! decision names the digest of the policy file that made it.
//!
//! Runs offline: an in-process mock provider on 127.0.0.1 stands in for OpenAI.
//!
//! ```text
//! cargo run --example reload
//! ```

#[path = "support/mock_provider.rs"]
mod mock_provider;

use std::time::{Duration, Instant};

use mock_provider::MockProvider;
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};
use retention_guard::policy::{Observer, ReloadablePolicy};
use retention_guard::{ProfileError, RetentionGuardMiddleware, Verdict, client_builder};
use serde_json::json;

const HOSTS: [&str; 2] = ["api.openai.com", "eu.api.openai.com"];

/// Today's file: the EU project under zero data retention.
const EU: &str =
    "name = \"eu\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\n";
/// The rollout: the same project, now also denying `POST /v1/responses` (a review is pending).
const EU_NO_RESPONSES: &str = "name = \"eu\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\ndeny = [\"POST /v1/responses\"]\n";

/// Where a platform team looks when a rollout goes wrong.
struct Alerts;

impl Observer for Alerts {
    fn decided(&self, _: &Verdict) {}

    fn reload_failed(&self, error: &ProfileError) {
        println!("   alert: the new policy file did not load, the old one stays: {error}");
    }
}

async fn send(client: &ClientWithMiddleware, mock: &MockProvider, what: &str) {
    let before = mock.count();
    let result = client
        .post("https://api.openai.com/v1/responses")
        .json(&json!({"model": "gpt-4.1-mini", "input": "hi"}))
        .send()
        .await;
    let sent = mock.count() > before;
    match result {
        Ok(resp) => {
            let v = resp
                .extensions()
                .get::<Verdict>()
                .cloned()
                .expect("a verdict");
            let digest = v.policy.as_deref().unwrap_or("-");
            println!(
                "   {what:<10} sent={sent:<5} {} (policy {})",
                v.outcome().as_str(),
                &digest[..12]
            );
        }
        Err(err) => {
            let code = retention_guard::Violation::find(&err).map_or("?", |v| v.code());
            println!("   {what:<10} sent={sent:<5} denied: {code}");
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("retention-guard-reload-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let file = dir.join("policy.toml");
    std::fs::write(&file, EU)?;

    let mock = MockProvider::https(&HOSTS).await;
    let policy = ReloadablePolicy::from_file(&file)?.configure(|p| p.with_observer(Alerts));
    let http = mock.serve_hosts(client_builder(&policy), &HOSTS).build()?;
    let client = ClientBuilder::new(http)
        .with(RetentionGuardMiddleware::new(&policy))
        .build();
    let _watch = policy.watch(Duration::from_millis(20))?;

    println!("1. the policy in force: responses are routed to the EU host and allowed");
    send(&client, &mock, "responses").await;

    println!("\n2. the rollout writes a new file; the watcher puts it in force");
    let before = policy.current().digest().map(str::to_owned);
    replace(&file, EU_NO_RESPONSES)?;
    wait_for(|| policy.current().digest().map(str::to_owned) != before)?;
    send(&client, &mock, "responses").await;

    println!("\n3. a broken file: reported, and the policy in force stays");
    let in_force = policy.current().digest().map(str::to_owned);
    replace(
        &file,
        "provider = \"openai\"\nretention = \"zero_data_retentoin\"\n",
    )?;
    std::thread::sleep(Duration::from_millis(200));
    anyhow::ensure!(policy.current().digest().map(str::to_owned) == in_force);
    send(&client, &mock, "responses").await;

    std::fs::remove_dir_all(&dir)?;
    anyhow::ensure!(mock.count() == 1, "only the first request may be sent");
    Ok(())
}

/// Writes beside the file and renames, as a rollout does: a reader never sees half a file.
fn replace(file: &std::path::Path, text: &str) -> std::io::Result<()> {
    let tmp = file.with_extension("tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, file)
}

fn wait_for(done: impl Fn() -> bool) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        anyhow::ensure!(
            Instant::now() < deadline,
            "the watcher did not reload the file"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    Ok(())
}
