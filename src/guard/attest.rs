//! Attestation, checked beside the pipeline: a response's header by which the provider attests
//! zero data retention.

use super::Guard;
use crate::violation::{Violation, ViolationKind};

impl Guard {
    /// Checks a response's headers against the provider's attestation header (such as
    /// `x-zero-data-retention`), under a `zero_data_retention` profile: every value must be
    /// `true` (quoted or not, any case), and a successful (2xx) response must carry the header.
    /// An error response without it (a 503 from a proxy, a timeout page) attests nothing either
    /// way and passes; one that carries another value fails. Pure: the adapters call it after
    /// each response and keep what follows (see the `attest` profile key).
    ///
    /// # Errors
    /// [`AttestationMismatch`](ViolationKind::AttestationMismatch), naming the header and what it
    /// said (never other headers).
    pub fn attest(
        &self,
        status: http::StatusCode,
        response_headers: &http::HeaderMap,
    ) -> Result<(), Violation> {
        let Some(a) = &self.inner.catalog.rules().attestation else {
            return Ok(());
        };
        if !self.inner.profile.is_zdr() {
            return Ok(());
        }
        let values: Vec<&str> = response_headers
            .get_all(a.header)
            .iter()
            .map(|v| v.to_str().unwrap_or("(not text)"))
            .collect();
        let attests = |v: &&str| {
            let v = v.trim();
            let unquoted = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(v);
            unquoted.eq_ignore_ascii_case(a.zdr_value)
        };
        if values.iter().all(attests) && (!values.is_empty() || !status.is_success()) {
            return Ok(());
        }
        let said = if values.is_empty() {
            "no such header".to_owned()
        } else {
            values
                .iter()
                .map(|v| format!("`{}`", v.chars().take(16).collect::<String>()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        Err(Violation::new(
            ViolationKind::AttestationMismatch,
            self.inner.profile.name.clone(),
            format!("a response's `{}` header", a.header),
            format!(
                "the provider did not attest zero data retention ({said}): the team's ZDR may be \
                 off, and data the profile says is not retained may be"
            ),
            Some(&a.rule),
            "turn ZDR on for the team in the provider's console, then reset the profile \
             (`Policy::reset_attestation`)",
        ))
    }
}
