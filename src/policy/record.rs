//! Decision records and the observer hook: what an audit log or a metrics exporter receives for
//! every decision.
//!
//! A record holds the profile, the method, the host, the matched endpoint's path template (never
//! the request's own path, query, headers or body), the rule and its source, the outcome, the
//! violation code and the changes. Changes may name values the profile itself sets (its project
//! id), never values the application set.

use std::sync::Arc;

use serde::Serialize;

use super::Policy;
use crate::catalog::Rule;
use crate::guard::{Decision, Guard, Request};

/// What happened to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Sent unchanged.
    Allow,
    /// Sent with changes (routing, headers, `store`).
    Rewrite,
    /// Refused.
    Deny,
}

impl Outcome {
    /// `allow`, `rewrite` or `deny`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Allow => "allow",
            Self::Rewrite => "rewrite",
            Self::Deny => "deny",
        }
    }
}

/// One decision, as an observer receives it. `serde::Serialize` writes it as one JSON object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionRecord {
    /// The profile that decided, or `None` when no profile covers the host.
    pub profile: Option<Arc<str>>,
    /// The request method (OpenTelemetry's `http.request.method`).
    pub method: String,
    /// The host the request was addressed to (`server.address`).
    pub host: String,
    /// The matched endpoint's path template, e.g. `/v1/threads/{thread_id}/runs`
    /// (`url.template`); `None` for paths the catalog does not know.
    pub path_template: Option<String>,
    /// The rule that decided, with its source.
    pub rule: Option<&'static Rule>,
    /// What happened (or, when not enforced, what enforcement would do).
    pub outcome: Outcome,
    /// The violation's code on a denial (`error.type`).
    pub violation: Option<&'static str>,
    /// The changes, one line each.
    pub changes: Vec<String>,
    /// Whether the decision was applied (`false` in `report_only` mode).
    pub enforced: bool,
}

/// Receives every decision a [`Policy`] makes, in the adapter's task, before the request is sent
/// (or refused). Keep it fast: it runs on the request path.
pub trait Observer: Send + Sync {
    /// One decision.
    fn decided(&self, record: &DecisionRecord);

    /// A response did not attest zero data retention (see the `attest` profile key). The default
    /// does nothing.
    fn attestation_failed(&self, violation: &crate::violation::Violation) {
        let _ = violation;
    }
}

impl<F: Fn(&DecisionRecord) + Send + Sync> Observer for F {
    fn decided(&self, record: &DecisionRecord) {
        self(record);
    }
}

impl DecisionRecord {
    pub(crate) fn new(
        req: &Request<'_>,
        guard: Option<&Guard>,
        decision: &Decision,
        enforced: bool,
    ) -> Self {
        let (outcome, rule, violation, changes, template) = match decision {
            Decision::Allow(a) => (
                if a.is_unchanged() {
                    Outcome::Allow
                } else {
                    Outcome::Rewrite
                },
                a.rule(),
                None,
                a.changes().iter().map(ToString::to_string).collect(),
                a.endpoint().zip(guard).map(|(e, g)| g.template(req.url, e)),
            ),
            Decision::Deny(v) => (
                Outcome::Deny,
                v.rule(),
                Some(v.code()),
                Vec::new(),
                guard.and_then(|g| g.template_of(req.method, req.url)),
            ),
        };
        Self {
            profile: guard.map(|g| g.profile().name.clone()),
            method: req.method.as_str().to_owned(),
            host: crate::host::of(req.url).to_owned(),
            path_template: template,
            rule,
            outcome,
            violation,
            changes,
            enforced,
        }
    }
}

impl Policy {
    /// Reports a decision: to the observers, and as a `tracing` event with OpenTelemetry's HTTP
    /// attribute names.
    pub(crate) fn report(
        &self,
        req: &Request<'_>,
        guard: Option<&Guard>,
        decision: &Decision,
        enforced: bool,
    ) {
        let observed = !self.inner.observers.is_empty();
        if !observed && !tracing::enabled!(target: "retention_guard::policy", tracing::Level::DEBUG)
        {
            return;
        }
        let record = DecisionRecord::new(req, guard, decision, enforced);
        tracing::debug!(
            target: "retention_guard::policy",
            profile = record.profile.as_deref(),
            http.request.method = %record.method,
            server.address = %record.host,
            url.template = record.path_template.as_deref(),
            rule = record.rule.map(|r| r.id),
            outcome = record.outcome.as_str(),
            error.type = record.violation,
            enforced,
            "retention-guard decision"
        );
        if observed {
            self.notify(&record);
        }
    }
}
