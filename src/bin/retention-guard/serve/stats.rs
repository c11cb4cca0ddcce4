//! What the sidecar tells about itself: counts of decisions by outcome and of upstream failures
//! (`/_retention_guard/metrics`, Prometheus text), and that it is up with which policy
//! (`/_retention_guard/health`). Never request data.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use http::{Method, StatusCode};
use retention_guard::policy::Observer;
use retention_guard::{Outcome, Policy, Verdict};

use super::body::{Body, full};
use super::errors;

#[derive(Debug, Default)]
pub struct Stats {
    allowed: AtomicU64,
    rewritten: AtomicU64,
    denied: AtomicU64,
    upstream_errors: AtomicU64,
}

impl Stats {
    pub fn upstream_error(&self) {
        self.upstream_errors.fetch_add(1, Relaxed);
    }

    /// `/_retention_guard/{what}`.
    pub fn endpoint(&self, what: &str, method: &Method, policy: &Policy) -> hyper::Response<Body> {
        if method != Method::GET {
            return errors::plain(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "the sidecar's own endpoints answer GET",
            );
        }
        match what {
            "health" => errors::respond(
                StatusCode::OK,
                serde_json::json!({
                    "status": "ok",
                    "profiles": policy.profiles().map(|p| p.name()).collect::<Vec<_>>(),
                    "policy": policy.digest(),
                    "mode": policy.mode(),
                }),
            ),
            "metrics" => {
                let line = |name: &str, help: &str, kind: &str, rows: &[(&str, u64)]| {
                    let mut s = format!("# HELP {name} {help}\n# TYPE {name} {kind}\n");
                    for (labels, v) in rows {
                        s.push_str(&format!("{name}{labels} {v}\n"));
                    }
                    s
                };
                let text = line(
                    "retention_guard_sidecar_decisions_total",
                    "Requests decided, by outcome.",
                    "counter",
                    &[
                        ("{outcome=\"allow\"}", self.allowed.load(Relaxed)),
                        ("{outcome=\"rewrite\"}", self.rewritten.load(Relaxed)),
                        ("{outcome=\"deny\"}", self.denied.load(Relaxed)),
                    ],
                ) + &line(
                    "retention_guard_sidecar_upstream_errors_total",
                    "Allowed requests the provider could not be reached for.",
                    "counter",
                    &[("", self.upstream_errors.load(Relaxed))],
                );
                let mut resp = hyper::Response::new(full(text));
                resp.headers_mut().insert(
                    http::header::CONTENT_TYPE,
                    http::HeaderValue::from_static("text/plain; version=0.0.4"),
                );
                resp
            }
            _ => errors::plain(
                StatusCode::NOT_FOUND,
                "not_found",
                "the sidecar's own endpoints are /_retention_guard/health and /_retention_guard/metrics",
            ),
        }
    }
}

/// Counts each decision by outcome.
pub struct Counter(pub Arc<Stats>);

impl Observer for Counter {
    fn decided(&self, v: &Verdict) {
        let c = match v.outcome() {
            Outcome::Deny => &self.0.denied,
            Outcome::Rewrite => &self.0.rewritten,
            _ => &self.0.allowed,
        };
        c.fetch_add(1, Relaxed);
    }
}

/// Prints each decision's record as one JSON line on standard error.
pub struct DecisionLog;

impl Observer for DecisionLog {
    fn decided(&self, v: &Verdict) {
        if let Ok(line) = serde_json::to_string(v) {
            eprintln!("{line}");
        }
    }
}
