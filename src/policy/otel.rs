//! Decisions where a platform team looks: [`OpenTelemetryObserver`] (feature `opentelemetry`).
//!
//! The names it records are in [`OpenTelemetryObserver`]'s docs. It records no body, header value,
//! query, key or model the application sent.

use opentelemetry::metrics::{Counter, Meter};
use opentelemetry::trace::get_active_span;
use opentelemetry::{Array, KeyValue, StringValue, Value};

use super::Observer;
use crate::catalog::Catalog;
use crate::guard::{Outcome, Verdict};

/// The decisions counter's name.
pub const OTEL_DECISIONS: &str = "retention_guard.decisions";
/// The counter of responses that did not attest zero data retention.
pub const OTEL_ATTESTATION_FAILURES: &str = "retention_guard.attestation.failures";

/// An [`Observer`] that records decisions on the current OpenTelemetry span and counts them
/// through the OpenTelemetry metrics API.
///
/// For every decision it sets attributes on the current OpenTelemetry span (the span active in
/// the request's context when the adapter decides it), adds a span event for a rewrite or a
/// denial, and counts the decision. Names follow OpenTelemetry's GenAI semantic conventions where
/// they apply and sit under `retention_guard.*` otherwise:
///
/// | attribute | value |
/// |---|---|
/// | `gen_ai.provider.name` | the profile's provider, as the conventions spell it (`openai`, `x_ai`, `azure.ai.openai`, `gcp.gemini`, …) |
/// | `gen_ai.operation.name` | `chat`, `embeddings`, `text_completion` or `generate_content`, for the endpoints that are one |
/// | `server.address`, `url.template`, `http.request.method` | the host addressed, the matched endpoint's path template, the method |
/// | `retention_guard.decision` | `allow`, `rewrite` or `deny` |
/// | `retention_guard.violation` | the violation's code, on a denial |
/// | `retention_guard.rule` | the rule that decided |
/// | `retention_guard.profile` | the profile that decided |
/// | `retention_guard.event` | the client event, for a frame sent over a realtime socket |
/// | `retention_guard.enforced` | `false` in `report_only` mode |
/// | `retention_guard.policy` | the policy file's SHA-256 |
/// | `retention_guard.changes` | the kinds of change made (`store_rewritten`, `routed`, …) |
///
/// Span events: `retention_guard.rewrite` and `retention_guard.deny` (with the same attributes),
/// `retention_guard.attestation_failed` and `retention_guard.reload_failed`. Counters:
/// `retention_guard.decisions` (by provider, decision, violation, rule, profile, enforced) and
/// `retention_guard.attestation.failures` (by profile). Never a body, a header value, a query, a
/// key or a model the application sent; `gen_ai.request.model` is not recorded (the guard reads a
/// body's `model` only where a rule needs it).
///
/// ```
/// use retention_guard::policy::OpenTelemetryObserver;
/// use retention_guard::Policy;
///
/// let policy = Policy::from_toml_str("provider = \"openai\"\nretention = \"zero_data_retention\"")?
///     .with_observer(OpenTelemetryObserver::global());
/// # Ok::<(), retention_guard::ProfileError>(())
/// ```
#[derive(Debug, Clone)]
pub struct OpenTelemetryObserver {
    decisions: Counter<u64>,
    attestation_failures: Counter<u64>,
}

impl OpenTelemetryObserver {
    /// An observer whose counters come from `meter`.
    pub fn new(meter: &Meter) -> Self {
        Self {
            decisions: meter
                .u64_counter(OTEL_DECISIONS)
                .with_description("retention-guard decisions, by outcome")
                .build(),
            attestation_failures: meter
                .u64_counter(OTEL_ATTESTATION_FAILURES)
                .with_description("responses that did not attest zero data retention")
                .build(),
        }
    }

    /// An observer whose counters come from the global meter provider's `retention-guard` meter.
    pub fn global() -> Self {
        Self::new(&opentelemetry::global::meter("retention-guard"))
    }
}

/// The GenAI operation an endpoint's path template names, where it is one.
fn operation(template: &str) -> Option<&'static str> {
    let path = template.trim_end_matches("/**");
    if path.ends_with("/chat/completions")
        || path.ends_with("/messages")
        || path.ends_with("/responses")
    {
        Some("chat")
    } else if path.ends_with("/embeddings") {
        Some("embeddings")
    } else if path.ends_with("/completions") {
        Some("text_completion")
    } else if path.contains(":generateContent") || path.contains(":streamGenerateContent") {
        Some("generate_content")
    } else {
        None
    }
}

/// The span attributes of `verdict`.
fn attributes(verdict: &Verdict) -> Vec<KeyValue> {
    let mut out = Vec::with_capacity(12);
    if let Some(p) = verdict.provider {
        out.push(KeyValue::new(
            "gen_ai.provider.name",
            Catalog::of(p).gen_ai_provider_name(),
        ));
    }
    let template = verdict.path_template();
    if let Some(op) = template.as_deref().and_then(operation) {
        out.push(KeyValue::new("gen_ai.operation.name", op));
    }
    out.push(KeyValue::new(
        "http.request.method",
        verdict.method.as_str().to_owned(),
    ));
    out.push(KeyValue::new("server.address", verdict.host.to_string()));
    if let Some(t) = template {
        out.push(KeyValue::new("url.template", t));
    }
    out.push(KeyValue::new(
        "retention_guard.decision",
        verdict.outcome().as_str(),
    ));
    if let Some(code) = verdict.code() {
        out.push(KeyValue::new("retention_guard.violation", code));
    }
    if let Some(rule) = verdict.rule {
        out.push(KeyValue::new("retention_guard.rule", rule.id));
    }
    if let Some(event) = verdict.event {
        out.push(KeyValue::new("retention_guard.event", event));
    }
    if let Some(profile) = &verdict.profile {
        out.push(KeyValue::new(
            "retention_guard.profile",
            profile.to_string(),
        ));
    }
    out.push(KeyValue::new("retention_guard.enforced", verdict.enforced));
    if let Some(digest) = &verdict.policy {
        out.push(KeyValue::new("retention_guard.policy", digest.to_string()));
    }
    if !verdict.changes.is_empty() {
        let kinds: Vec<StringValue> = verdict.changes.iter().map(|c| c.kind().into()).collect();
        out.push(KeyValue::new(
            "retention_guard.changes",
            Value::Array(Array::String(kinds)),
        ));
    }
    out
}

impl Observer for OpenTelemetryObserver {
    fn decided(&self, verdict: &Verdict) {
        let attributes = attributes(verdict);
        let outcome = verdict.outcome();
        get_active_span(|span| {
            span.set_attributes(attributes.clone());
            match outcome {
                Outcome::Rewrite => span.add_event("retention_guard.rewrite", attributes.clone()),
                Outcome::Deny => span.add_event("retention_guard.deny", attributes.clone()),
                Outcome::Allow => {}
            }
        });
        let provider = verdict
            .provider
            .map_or("", |p| Catalog::of(p).gen_ai_provider_name());
        self.decisions.add(
            1,
            &[
                KeyValue::new("gen_ai.provider.name", provider),
                KeyValue::new("retention_guard.decision", outcome.as_str()),
                KeyValue::new("retention_guard.violation", verdict.code().unwrap_or("")),
                KeyValue::new("retention_guard.rule", verdict.rule.map_or("", |r| r.id)),
                KeyValue::new(
                    "retention_guard.profile",
                    verdict.profile.as_deref().unwrap_or("").to_owned(),
                ),
                KeyValue::new("retention_guard.enforced", verdict.enforced),
            ],
        );
    }

    fn attestation_failed(&self, violation: &crate::violation::Violation) {
        let profile = KeyValue::new("retention_guard.profile", violation.profile().to_owned());
        get_active_span(|span| {
            span.add_event(
                "retention_guard.attestation_failed",
                vec![
                    profile.clone(),
                    KeyValue::new("retention_guard.violation", violation.code()),
                ],
            );
        });
        self.attestation_failures.add(1, &[profile]);
    }

    fn reload_failed(&self, error: &crate::profile::ProfileError) {
        get_active_span(|span| {
            span.add_event(
                "retention_guard.reload_failed",
                vec![KeyValue::new("error.type", error.kind())],
            );
        });
    }
}
