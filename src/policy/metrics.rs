//! Counters through the [`metrics`](https://docs.rs/metrics) facade: one observer among others.
//!
//! [`MetricsObserver`] increments `retention_guard_decisions_total` for every decision, labelled
//! by `profile` (empty when no profile covers the host), `outcome` (`allow`, `rewrite`, `deny`),
//! `violation` (the code, empty when allowed), `rule` (the rule id, empty when none) and
//! `enforced` (`true`, or `false` in `report_only` mode), and
//! `retention_guard_attestation_failures_total` by `profile`. Install any `metrics` exporter in
//! the application; the crate writes none.

use super::Observer;
use crate::guard::Verdict;

/// The decisions counter's name.
pub const DECISIONS_TOTAL: &str = "retention_guard_decisions_total";
/// The counter of responses that did not attest zero data retention, labelled by `profile`.
pub const ATTESTATION_FAILURES_TOTAL: &str = "retention_guard_attestation_failures_total";

/// An [`Observer`] that counts decisions in `retention_guard_decisions_total`.
///
/// ```
/// use retention_guard::{Policy, Profile, Retention};
/// use retention_guard::policy::MetricsObserver;
///
/// let profile = Profile::builder("groq".parse()?, Retention::ZeroDataRetention).build()?;
/// let policy = Policy::from(profile).with_observer(MetricsObserver);
/// # Ok::<(), retention_guard::ProfileError>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct MetricsObserver;

impl Observer for MetricsObserver {
    fn decided(&self, verdict: &Verdict) {
        let labels = [
            (
                "profile",
                verdict.profile.as_deref().unwrap_or("").to_owned(),
            ),
            ("outcome", verdict.outcome().as_str().to_owned()),
            ("violation", verdict.code().unwrap_or("").to_owned()),
            ("rule", verdict.rule.map_or("", |r| r.id).to_owned()),
            ("enforced", verdict.enforced.to_string()),
        ];
        metrics::counter!(DECISIONS_TOTAL, &labels).increment(1);
    }

    fn attestation_failed(&self, violation: &crate::violation::Violation) {
        let labels = [("profile", violation.profile().to_owned())];
        metrics::counter!(ATTESTATION_FAILURES_TOTAL, &labels).increment(1);
    }
}
