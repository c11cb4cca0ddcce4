//! Decisions where a platform team looks: the OpenTelemetry observer sets attributes on the
//! application's span and adds an event per rewrite or denial. This example exports the spans to
//! memory and prints them; a service installs its own exporter (OTLP, say) instead.
//!
//! Runs offline: an in-process mock provider on 127.0.0.1 stands in for OpenAI.
//!
//! ```text
//! cargo run --features opentelemetry --example opentelemetry
//! ```

#[path = "support/mock_provider.rs"]
mod mock_provider;

use mock_provider::MockProvider;
use opentelemetry::trace::{FutureExt, TraceContextExt, Tracer, TracerProvider as _};
use opentelemetry::{Context, Value};
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider};
use reqwest_middleware::ClientBuilder;
use retention_guard::policy::OpenTelemetryObserver;
use retention_guard::{Policy, RetentionGuardMiddleware, client_builder};
use serde_json::json;

const HOSTS: [&str; 2] = ["api.openai.com", "eu.api.openai.com"];

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let exporter = InMemorySpanExporter::default();
    let tracing = SdkTracerProvider::builder()
        .with_simple_exporter(exporter.clone())
        .build();
    let policy = Policy::from_toml_str(
        "name = \"acme-eu\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\n",
    )?
    .with_observer(OpenTelemetryObserver::global());

    let mock = MockProvider::https(&HOSTS).await;
    let http = mock.serve_hosts(client_builder(&policy), &HOSTS).build()?;
    let client = ClientBuilder::new(http)
        .with(RetentionGuardMiddleware::new(&policy))
        .build();
    let tracer = tracing.tracer("acme-app");

    for (name, url, body) in [
        (
            "summarise",
            "https://api.openai.com/v1/chat/completions",
            json!({"model": "gpt-4.1-mini", "store": true, "messages": [{"role": "user", "content": "hi"}]}),
        ),
        (
            "create-assistant",
            "https://api.openai.com/v1/assistants",
            json!({"model": "gpt-4.1-mini"}),
        ),
    ] {
        let cx = Context::current_with_span(tracer.start(name));
        let _ = client
            .post(url)
            .json(&body)
            .send()
            .with_context(cx.clone())
            .await;
        cx.span().end();
    }

    let spans = exporter.get_finished_spans()?;
    for span in &spans {
        println!("span `{}`", span.name);
        for kv in &span.attributes {
            println!("   {} = {}", kv.key, show(&kv.value));
        }
        for event in span.events.iter() {
            println!("   event `{}`", event.name);
        }
    }
    anyhow::ensure!(spans.len() == 2 && mock.count() == 1);
    Ok(())
}

fn show(value: &Value) -> String {
    match value {
        Value::String(s) => s.to_string(),
        other => other.to_string(),
    }
}
