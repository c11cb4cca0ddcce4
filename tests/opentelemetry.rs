//! The OpenTelemetry observer through a real guarded request against a server on 127.0.0.1, with
//! the SDK's in-memory exporters: the decision is on the application's span, rewrites and denials
//! are span events, decisions are counted, and nothing the application sent is recorded.
#![cfg(all(feature = "opentelemetry", feature = "reqwest-middleware"))]

#[path = "../examples/support/mock_provider.rs"]
mod mock_provider;

use mock_provider::MockProvider;
use opentelemetry::metrics::MeterProvider as _;
use opentelemetry::trace::{FutureExt, TraceContextExt, Tracer, TracerProvider as _};
use opentelemetry::{Context, KeyValue, Value};
use opentelemetry_sdk::metrics::data::{AggregatedMetrics, MetricData};
use opentelemetry_sdk::metrics::{InMemoryMetricExporter, PeriodicReader, SdkMeterProvider};
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider, SpanData};
use reqwest_middleware::ClientBuilder;
use retention_guard::policy::{OTEL_DECISIONS, OpenTelemetryObserver};
use retention_guard::{Policy, RetentionGuardMiddleware, Violation, client_builder};
use serde_json::json;

const HOSTS: [&str; 2] = ["api.openai.com", "eu.api.openai.com"];
const POLICY: &str =
    "name = \"eu\"\nprovider = \"openai\"\nretention = \"zero_data_retention\"\nregion = \"eu\"\n";
const PROMPT: &str = "a prompt nobody may log";
const KEY: &str = "Bearer sk-test-never-logged";

fn attribute<'a>(attributes: &'a [KeyValue], key: &str) -> Option<&'a Value> {
    attributes
        .iter()
        .find(|kv| kv.key.as_str() == key)
        .map(|kv| &kv.value)
}

fn span<'a>(spans: &'a [SpanData], name: &str) -> &'a SpanData {
    spans
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no span `{name}`"))
}

#[tokio::test]
async fn decisions_are_on_the_current_span_as_events_and_counted() {
    let spans = InMemorySpanExporter::default();
    let tracing = SdkTracerProvider::builder()
        .with_simple_exporter(spans.clone())
        .build();
    let metrics = InMemoryMetricExporter::default();
    let meters = SdkMeterProvider::builder()
        .with_reader(PeriodicReader::builder(metrics.clone()).build())
        .build();
    let policy = Policy::from_toml_str(POLICY)
        .unwrap()
        .with_observer(OpenTelemetryObserver::new(&meters.meter("test")));
    let mock = MockProvider::https(&HOSTS).await;
    let http = mock
        .serve_hosts(client_builder(&policy), &HOSTS)
        .build()
        .unwrap();
    let client = ClientBuilder::new(http)
        .with(RetentionGuardMiddleware::new(&policy))
        .build();
    let tracer = tracing.tracer("app");

    // A rewrite, in the application's span.
    let cx = Context::current_with_span(tracer.start("chat"));
    client
        .post("https://api.openai.com/v1/chat/completions")
        .header("authorization", KEY)
        .json(&json!({"model": "gpt-4.1-mini", "store": true, "messages": [{"role": "user", "content": PROMPT}]}))
        .send()
        .with_context(cx.clone())
        .await
        .expect("rewritten and sent");
    cx.span().end();

    // A denial, in another.
    let cx = Context::current_with_span(tracer.start("assistant"));
    let err = client
        .post("https://api.openai.com/v1/assistants")
        .header("authorization", KEY)
        .json(&json!({"model": "gpt-4.1-mini", "instructions": PROMPT}))
        .send()
        .with_context(cx.clone())
        .await
        .expect_err("assistants keep state");
    cx.span().end();
    assert_eq!(
        Violation::find(&err).unwrap().code(),
        "endpoint_not_eligible"
    );
    assert_eq!(mock.count(), 1, "the denied request was not sent");

    let finished = spans.get_finished_spans().unwrap();
    let chat = span(&finished, "chat");
    let expect = |s: &SpanData, key: &str, value: &str| {
        assert_eq!(
            attribute(&s.attributes, key).map(Value::as_str).as_deref(),
            Some(value),
            "`{key}` on span `{}`",
            s.name
        );
    };
    expect(chat, "gen_ai.provider.name", "openai");
    expect(chat, "gen_ai.operation.name", "chat");
    expect(chat, "retention_guard.decision", "rewrite");
    expect(chat, "retention_guard.profile", "eu");
    expect(chat, "retention_guard.rule", "openai.chat_completions");
    expect(chat, "url.template", "/v1/chat/completions");
    expect(chat, "server.address", "api.openai.com");
    assert_eq!(
        attribute(&chat.attributes, "retention_guard.enforced"),
        Some(&Value::Bool(true))
    );
    let policy_digest = policy.digest().unwrap();
    expect(chat, "retention_guard.policy", policy_digest);
    let changes = format!(
        "{:?}",
        attribute(&chat.attributes, "retention_guard.changes")
    );
    assert!(
        changes.contains("store_rewritten") && changes.contains("routed"),
        "{changes}"
    );
    assert!(
        chat.events
            .iter()
            .any(|e| e.name == "retention_guard.rewrite")
    );

    let assistant = span(&finished, "assistant");
    expect(assistant, "retention_guard.decision", "deny");
    expect(
        assistant,
        "retention_guard.violation",
        "endpoint_not_eligible",
    );
    assert!(attribute(&assistant.attributes, "gen_ai.operation.name").is_none());
    let deny = assistant
        .events
        .iter()
        .find(|e| e.name == "retention_guard.deny")
        .expect("a deny event");
    assert!(attribute(&deny.attributes, "retention_guard.violation").is_some());

    // Nothing the application sent: no prompt, no key, no model.
    let everything = format!("{finished:?}");
    for secret in [PROMPT, "sk-test-never-logged", "gpt-4.1-mini"] {
        assert!(!everything.contains(secret), "`{secret}` was recorded");
    }

    // Counted, by decision.
    meters.force_flush().unwrap();
    let mut counted = Vec::new();
    for resource in metrics.get_finished_metrics().unwrap() {
        for scope in resource.scope_metrics() {
            for metric in scope.metrics().filter(|m| m.name() == OTEL_DECISIONS) {
                let AggregatedMetrics::U64(MetricData::Sum(sum)) = metric.data() else {
                    panic!("`{OTEL_DECISIONS}` is a u64 counter");
                };
                for point in sum.data_points() {
                    let attrs: Vec<KeyValue> = point.attributes().cloned().collect();
                    let decision = attribute(&attrs, "retention_guard.decision")
                        .unwrap()
                        .as_str()
                        .into_owned();
                    counted.push((decision, point.value()));
                }
            }
        }
    }
    counted.sort();
    assert_eq!(
        counted,
        [("deny".to_owned(), 1), ("rewrite".to_owned(), 1)],
        "{counted:?}"
    );
}
