//! Rules 3 and 4, and the region's endpoint limits: which catalog entry a request is, and
//! whether the profile lets it through; then rule 8, the profile headers.

use http::{HeaderName, HeaderValue, Method};
use url::Url;

use super::{Change, Guard, HostClass, OPENAI_ORGANIZATION, OPENAI_PROJECT, Request};
use crate::catalog::{Endpoint, EndpointClass};
use crate::path;
use crate::profile::{OnUnknownEndpoint, Retention};
use crate::violation::{Violation, ViolationKind};

/// Whether `method` may create or change state (everything but reads and deletes).
pub(super) fn writes(method: &Method) -> bool {
    !matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::DELETE
    )
}

impl Guard {
    /// Rules 3 and 4 and region limits: the catalog entry of an allowed request, if it has one.
    pub(super) fn endpoint_rules(
        &self,
        req: &Request<'_>,
        class: HostClass,
    ) -> Result<Option<&'static Endpoint>, Violation> {
        let p = &self.inner.profile;
        let (method, full_path) = (req.method, req.url.path());
        let deny = |kind, reason: String, endpoint: Option<&'static Endpoint>, remedy: String| {
            Err(self.violation(
                kind,
                method,
                full_path,
                reason,
                endpoint.map(|e| &e.rule),
                remedy,
            ))
        };
        let base = match class {
            HostClass::Gateway => p.base_url.as_ref().map_or("", Url::path),
            _ => self.inner.catalog.base_path(),
        };
        let base = base.trim_end_matches('/');
        let rest = full_path.strip_prefix(base).filter(|r| r.starts_with('/'));
        let odd = path::non_canonical(full_path);

        if let Some(entry) = p.deny.iter().find(|d| {
            d.matches(method, full_path)
                || (odd.is_some() && d.matches(method, &path::normalize(full_path)))
        }) {
            return deny(
                ViolationKind::EndpointNotEligible,
                format!("the profile's `deny` list names it (`{entry}`)"),
                None,
                format!("remove `{entry}` from the profile's `deny` list if the agreement permits"),
            );
        }
        let allowed_by_profile =
            odd.is_none() && p.allow.iter().any(|a| a.matches(method, full_path));
        let endpoint = match (rest, odd) {
            (Some(rest), None) => self.inner.catalog.lookup(method, rest),
            _ => None,
        };
        let unknown_remedy = || {
            format!(
                "if the agreement permits it, add `allow = [\"{method} {full_path}\"]` to the profile \
                 (or set `on_unknown_endpoint = \"allow\"`)"
            )
        };
        let deny_unknown = p.on_unknown_endpoint == OnUnknownEndpoint::Deny;
        let Some(e) = endpoint else {
            if allowed_by_profile || !deny_unknown {
                return Ok(None);
            }
            let reason = match (rest, odd) {
                (_, Some(why)) => format!("the path is not in canonical form: {why}"),
                (None, None) => format!(
                    "the path is outside the base path `{base}`, so the guard cannot classify it"
                ),
                (Some(_), None) => format!(
                    "the {} catalog has no entry for it, so the guard cannot classify it",
                    p.provider
                ),
            };
            let remedy = match odd {
                Some(_) => "send the canonical path".to_owned(),
                None => unknown_remedy(),
            };
            return deny(ViolationKind::UnknownEndpoint, reason, None, remedy);
        };
        // Deleting stored data is always allowed; `allow` entries waive the rest.
        if allowed_by_profile || *method == Method::DELETE {
            return Ok(Some(e));
        }
        let state_denied = e.class == EndpointClass::Stateful
            && writes(method)
            && (p.is_zdr()
                || (e.blocked_under_mam && p.retention == Retention::ModifiedAbuseMonitoring));
        if state_denied {
            return deny(
                ViolationKind::EndpointNotEligible,
                format!(
                    "it creates or changes application state ({}), which `{}` rules out",
                    e.stores, p.retention
                ),
                Some(e),
                format!(
                    "if the agreement permits it, add `allow = [\"{method} {base}{}\"]` to the profile",
                    e.path
                ),
            );
        }
        if e.class == EndpointClass::Undocumented && deny_unknown {
            return deny(
                ViolationKind::UnknownEndpoint,
                format!("{}: its retention is not documented", e.rule.summary),
                Some(e),
                unknown_remedy(),
            );
        }
        if let Some(region) = p.region
            && !e.regions.contains(region)
        {
            return deny(
                ViolationKind::RegionNotSupported,
                format!("region `{region}` does not serve this endpoint"),
                Some(e),
                "use it from a project in a region that serves it (US or EU)".to_owned(),
            );
        }
        Ok(Some(e))
    }

    /// Rule 8: the profile headers to set; a request carrying another value is denied.
    pub(super) fn profile_headers(
        &self,
        req: &Request<'_>,
        changes: &mut Vec<Change>,
    ) -> Result<Vec<(HeaderName, HeaderValue)>, Violation> {
        let mut headers = Vec::new();
        for (name, want, kind, what) in [
            (
                OPENAI_ORGANIZATION,
                &self.inner.organization,
                ViolationKind::OrganizationMismatch,
                "organization",
            ),
            (
                OPENAI_PROJECT,
                &self.inner.project,
                ViolationKind::ProjectMismatch,
                "project",
            ),
        ] {
            let Some(want) = want else { continue };
            let mut present = req.headers.get_all(&name).iter().peekable();
            if present.peek().is_none() {
                changes.push(Change::HeaderSet {
                    name: name.clone(),
                    value: want.clone(),
                });
                headers.push((name, want.clone()));
            } else if present.any(|v| v != want) {
                return Err(self.violation(
                    kind,
                    req.method,
                    req.url.path(),
                    format!(
                        "the request's `{name}` header differs from the profile's `{}`",
                        want.to_str().unwrap_or("…")
                    ),
                    None,
                    format!(
                        "remove the `{name}` header (the guard sets it), or use the profile of that {what}"
                    ),
                ));
            }
        }
        Ok(headers)
    }
}
