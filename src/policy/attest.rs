//! Attestation from responses: a provider that attests zero data retention in a response header
//! (such as `x-zero-data-retention`) is held to it after every response.
//!
//! 1. Under a `zero_data_retention` profile, a response whose attestation header is missing or
//!    says anything but `true` is a mismatch ([`Guard::attest`]). It is reported to the observers
//!    ([`Observer::attestation_failed`](super::Observer::attestation_failed)) and as a warning
//!    `tracing` event.
//! 2. With the profile key `attest = "enforce"` (and the policy in `enforce` mode), the response
//!    is replaced by the [`AttestationMismatch`](crate::ViolationKind::AttestationMismatch) error,
//!    and the profile's later requests are refused with it until the application calls
//!    [`Policy::reset_attestation`] (or [`Guard::reset_attestation`]). The state belongs to the
//!    profile's guard, shared by every clone and every adapter built from it; no rule of the
//!    engine reads it.

use std::sync::Arc;

use http::HeaderMap;

use super::{Mode, Policy};
use crate::guard::Guard;
use crate::profile::Attest;
use crate::violation::{Violation, ViolationKind};

impl Policy {
    /// Rule 1 and 2 for a response to a request `profile` decided: `Err` when the response must
    /// be replaced by the violation.
    ///
    /// # Errors
    /// The [`Violation`] under `attest = "enforce"`.
    pub fn check_response(
        &self,
        profile: Option<&str>,
        status: http::StatusCode,
        response_headers: &HeaderMap,
    ) -> Result<(), Violation> {
        let Some(guard) = profile.and_then(|p| self.guard(p)) else {
            return Ok(());
        };
        let Err(violation) = guard.attest(status, response_headers) else {
            return Ok(());
        };
        tracing::warn!(
            target: "retention_guard::attestation",
            profile = guard.profile().name(),
            error.type = violation.code(),
            "a response did not attest zero data retention"
        );
        for o in &self.inner.observers {
            o.attestation_failed(&violation);
        }
        if guard.profile().attest() == Attest::Enforce && self.mode() == Mode::Enforce {
            guard.trip_attestation();
            return Err(violation);
        }
        Ok(())
    }

    /// Whether `guard`'s profile is refused after a failed attestation, as the violation to
    /// deny its request with.
    #[cfg_attr(not(feature = "reqwest"), allow(dead_code))]
    pub(crate) fn tripped(
        &self,
        guard: &Guard,
        method: &http::Method,
        path: &str,
    ) -> Option<Violation> {
        let name = &guard.profile().name;
        guard.attestation_failed().then(|| {
            Violation::new(
                ViolationKind::AttestationMismatch,
                Arc::clone(name),
                format!("`{method} {path}`"),
                "an earlier response of this profile did not attest zero data retention, and the \
                 profile has not been reset",
                guard
                    .catalog()
                    .rules()
                    .attestation
                    .as_ref()
                    .map(|a| &a.rule),
                "confirm ZDR is on for the team, then call `Policy::reset_attestation`",
            )
        })
    }

    /// Lets `profile`'s requests through again after a failed attestation; `false` if it was not
    /// refused (or the policy has no such profile). The state belongs to the profile's
    /// [`Guard`]: every policy and adapter built from it shares it ([`Guard::reset_attestation`]).
    pub fn reset_attestation(&self, profile: &str) -> bool {
        self.guard(profile).is_some_and(Guard::reset_attestation)
    }
}
