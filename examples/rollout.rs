//! Rolling a policy out: the same traffic first in `report_only` mode, which sends every request
//! as the application built it and lists what enforcement would change, then enforced. An
//! observer writes every decision as a JSON line, as an audit log would.
//!
//! Runs offline: an in-process mock provider on 127.0.0.1 stands in for OpenAI and Groq.
//!
//! ```text
//! cargo run --example rollout
//! ```

#[path = "support/mock_provider.rs"]
mod mock_provider;

use std::io::Write;
use std::sync::{Arc, Mutex};

use mock_provider::MockProvider;
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};
use retention_guard::{Mode, Policy, RetentionGuardMiddleware, Verdict, Violation, client_builder};
use serde_json::{Value, json};

/// The application's policy: two providers, one client.
const POLICY: &str = r#"
[[profile]]
name = "openai-eu"
provider = "openai"
retention = "zero_data_retention"
region = "eu"
project = "proj_eu"

[[profile]]
name = "groq"
provider = "groq"
retention = "zero_data_retention"
"#;

const HOSTS: [&str; 3] = ["api.openai.com", "eu.api.openai.com", "api.groq.com"];

/// The application's traffic: what it sends today.
fn traffic() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        (
            "chat with store: true",
            "https://api.openai.com/v1/chat/completions",
            json!({"model": "gpt-4.1-mini", "store": true, "messages": [{"role": "user", "content": "hi"}]}),
        ),
        (
            "an assistant",
            "https://api.openai.com/v1/assistants",
            json!({"model": "gpt-4.1-mini"}),
        ),
        (
            "Groq chat",
            "https://api.groq.com/openai/v1/chat/completions",
            json!({"model": "llama-3.3-70b-versatile", "messages": [{"role": "user", "content": "hi"}]}),
        ),
        (
            "a Groq batch",
            "https://api.groq.com/openai/v1/batches",
            json!({"input_file_id": "file_1"}),
        ),
    ]
}

fn client(mock: &MockProvider, policy: &Policy) -> anyhow::Result<ClientWithMiddleware> {
    let http = mock.serve_hosts(client_builder(policy), &HOSTS).build()?;
    Ok(ClientBuilder::new(http)
        .with(RetentionGuardMiddleware::new(policy))
        .build())
}

async fn run(mock: &MockProvider, policy: &Policy) -> anyhow::Result<()> {
    let client = client(mock, policy)?;
    for (what, url, body) in traffic() {
        let before = mock.count();
        let mut request = client.post(url).json(&body);
        if url.contains("openai.com") {
            request = request.header("openai-project", "proj_eu");
        }
        let result = request.send().await;
        let sent = mock.count() > before;
        match result {
            Ok(resp) => {
                let verdict = resp.extensions().get::<Verdict>().cloned();
                let would = match &verdict {
                    Some(v) if v.violation.is_some() => format!(
                        "would deny: {}",
                        v.violation.as_ref().map_or("", |v| v.code())
                    ),
                    Some(v) if !v.changes.is_empty() => {
                        let changes: Vec<String> =
                            v.changes.iter().map(ToString::to_string).collect();
                        format!(
                            "{}: {}",
                            if v.enforced {
                                "changed"
                            } else {
                                "would change"
                            },
                            changes.join("; ")
                        )
                    }
                    _ => "nothing to change".to_owned(),
                };
                println!("   {what:<22} sent={sent:<5} {would}");
            }
            Err(err) => {
                let code = Violation::find(&err).map_or("?", |v| v.code());
                println!("   {what:<22} sent={sent:<5} denied: {code}");
            }
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mock = MockProvider::https(&HOSTS).await;
    let audit = Arc::new(Mutex::new(Vec::<u8>::new()));
    let log = audit.clone();
    // Every decision, as one JSON line (no bodies, queries, keys or application header values).
    let observer = move |record: &Verdict| {
        let mut log = log.lock().unwrap_or_else(|e| e.into_inner());
        if serde_json::to_writer(&mut *log, record).is_ok() {
            let _ = log.write_all(b"\n");
        }
    };
    let policy = Policy::from_toml_str(POLICY)?.with_observer(observer);

    println!("1. report_only: every request is sent as built; the verdict says what would change");
    run(&mock, &policy.clone().with_mode(Mode::ReportOnly)).await?;
    let report_only_sent = mock.count();

    println!("\n2. enforce: the same traffic");
    run(&mock, &policy).await?;
    println!(
        "\nrequests sent: {report_only_sent} of 4 in report_only, {} of 4 enforced",
        mock.count() - report_only_sent
    );

    println!("\naudit log (one JSON line per decision):");
    let audit = audit.lock().unwrap_or_else(|e| e.into_inner());
    for line in String::from_utf8_lossy(&audit).lines().take(2) {
        println!("   {line}");
    }
    println!(
        "   … {} lines in all",
        String::from_utf8_lossy(&audit).lines().count()
    );
    anyhow::ensure!(report_only_sent == 4, "report_only must send every request");
    anyhow::ensure!(
        mock.count() - report_only_sent == 2,
        "enforce must deny the assistant and the batch"
    );
    Ok(())
}
