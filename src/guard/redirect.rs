//! Redirects, checked beside the pipeline: reqwest follows them below every middleware, and
//! shows a redirect policy only the status and the URLs.

use http::Method;
use url::Url;

use super::hosts::host_of;
use super::{Body, Guard, HostClass, Request};
use crate::violation::{Violation, ViolationKind};

impl Guard {
    /// Checks a redirect, which reqwest follows below every middleware: `status` is the
    /// redirect's status, `from` the URL that answered it and `to` its target. Used by
    /// [`redirect_policy`](crate::redirect_policy).
    ///
    /// reqwest shows a redirect policy only the status and the URLs, not the method or the body,
    /// so the guard cannot evaluate a request that a 307 or 308 would resend with its body.
    /// It therefore allows:
    ///
    /// 1. a 307 or 308 only to the same URL up to the host's spelling (`api.openai.com.`);
    /// 2. any other redirect (301, 302, 303: reqwest resends those as a body-less `GET`) only if
    ///    every rule allows `GET to` as it stands, without routing.
    ///
    /// # Errors
    /// [`HostNotAllowed`](ViolationKind::HostNotAllowed) for a host the profile does not allow,
    /// [`RegionMismatch`](ViolationKind::RegionMismatch) for another region's host or, with a
    /// region, the global host, [`UnknownEndpoint`](ViolationKind::UnknownEndpoint) for a 307 or
    /// 308 to another URL, and any denial of `GET to`.
    pub fn check_redirect(
        &self,
        status: http::StatusCode,
        from: &Url,
        to: &Url,
    ) -> Result<(), Violation> {
        let p = &self.inner.profile;
        let deny = |kind, reason: String, remedy: &str| {
            Err(Violation::new(
                kind,
                p.name.clone(),
                format!("a redirect to `{}`", to.path()),
                reason,
                None,
                remedy,
            ))
        };
        let stays = "redirects must stay on the hosts the profile allows";
        match self.classify(to) {
            HostClass::Unknown if p.is_zdr() => {
                return deny(
                    ViolationKind::HostNotAllowed,
                    format!(
                        "a redirect leads to `{}`, a host the profile does not know",
                        host_of(to)
                    ),
                    stays,
                );
            }
            HostClass::Insecure | HostClass::UnknownRegion => {
                return deny(
                    ViolationKind::HostNotAllowed,
                    format!(
                        "a redirect leads to `{}`, a provider host over http, on another port or of \
                         an unknown region",
                        to.origin().ascii_serialization()
                    ),
                    stays,
                );
            }
            HostClass::Regional(r) if Some(r) != p.region => {
                return deny(
                    ViolationKind::RegionMismatch,
                    format!("a redirect leads to region `{r}`'s host"),
                    stays,
                );
            }
            HostClass::Global if p.region.is_some() => {
                return deny(
                    ViolationKind::RegionMismatch,
                    "a redirect leads to the global host, outside the residency region".to_owned(),
                    stays,
                );
            }
            _ => {}
        }
        if matches!(
            status,
            http::StatusCode::TEMPORARY_REDIRECT | http::StatusCode::PERMANENT_REDIRECT
        ) {
            let same = to.scheme() == from.scheme()
                && crate::host::of(to) == crate::host::of(from)
                && to.port_or_known_default() == from.port_or_known_default()
                && to.path() == from.path()
                && to.query() == from.query();
            if !same {
                return deny(
                    ViolationKind::UnknownEndpoint,
                    format!(
                        "a {} redirect would resend the request, body and method unchanged, to \
                         `{}`, and the guard cannot check the resent request",
                        status.as_u16(),
                        to.path()
                    ),
                    "send the request to its final URL (set it as the profile's `base_url`), or \
                     fix the gateway that redirects",
                );
            }
            return Ok(());
        }
        let headers = http::HeaderMap::new();
        let allowed = self
            .decide(
                &Request::new(&Method::GET, to, &headers, Body::Empty),
                self.classify(to),
            )
            .into_result()?;
        if allowed.url.is_some() {
            return deny(
                ViolationKind::RegionMismatch,
                "a redirect leads outside the residency region's host".to_owned(),
                stays,
            );
        }
        Ok(())
    }
}
