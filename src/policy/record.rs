//! The observer hook: what an audit log or a metrics exporter receives for every decision, a
//! [`Verdict`].
//!
//! A verdict holds the profile, the method, the host, the matched endpoint's path template, the
//! rule and its source, the outcome, the violation and the changes; never the request's query,
//! headers or body. Changes may name values the profile itself sets (its project id), never
//! values the application set.

use super::Policy;
use crate::guard::Verdict;

/// Receives every decision a [`Policy`] makes, in the adapter's task, before the request is sent
/// (or refused). Keep it fast: it runs on the request path.
pub trait Observer: Send + Sync {
    /// One decision.
    fn decided(&self, verdict: &Verdict);

    /// A response did not attest zero data retention (see the `attest` profile key). The default
    /// does nothing.
    fn attestation_failed(&self, violation: &crate::violation::Violation) {
        let _ = violation;
    }

    /// A [`ReloadablePolicy`](super::ReloadablePolicy)'s file did not load: the policy in force
    /// (this observer's) stays. The default does nothing.
    fn reload_failed(&self, error: &crate::profile::ProfileError) {
        let _ = error;
    }
}

impl<F: Fn(&Verdict) + Send + Sync> Observer for F {
    fn decided(&self, verdict: &Verdict) {
        self(verdict);
    }
}

impl Policy {
    /// Whether a decision is reported anywhere: to an observer, or as a `tracing` event. A
    /// record that nobody receives is not built.
    pub(crate) fn reports(&self) -> bool {
        !self.inner.observers.is_empty()
            || tracing::enabled!(target: "retention_guard::policy", tracing::Level::DEBUG)
    }

    /// Tells the observers that a reload of this policy failed.
    pub(crate) fn reload_failed(&self, error: &crate::profile::ProfileError) {
        for o in &self.inner.observers {
            o.reload_failed(error);
        }
    }

    /// Stamps `verdict` with this policy's digest.
    pub(crate) fn stamp(&self, mut verdict: Verdict) -> Verdict {
        verdict.policy.clone_from(&self.inner.digest);
        verdict
    }

    /// Reports a decision: to the observers, and as a `tracing` event with OpenTelemetry's HTTP
    /// attribute names.
    pub(crate) fn report(&self, verdict: &Verdict) {
        tracing::debug!(
            target: "retention_guard::policy",
            profile = verdict.profile.as_deref(),
            http.request.method = %verdict.method,
            server.address = %verdict.host,
            url.template = verdict.path_template().as_deref(),
            rule = verdict.rule.map(|r| r.id),
            outcome = verdict.outcome().as_str(),
            error.type = verdict.code(),
            enforced = verdict.enforced,
            policy = verdict.policy.as_deref(),
            "retention-guard decision"
        );
        for o in &self.inner.observers {
            o.decided(verdict);
        }
    }
}
