//! Rules 1 and 2: which hosts the profile knows, and residency routing.

use http::header::HOST;
use url::Url;

use super::{Change, Guard, HostClass, RESIDENCY_HOSTS, Request};
use crate::profile::{Provider, Region};
use crate::violation::{Violation, ViolationKind};

impl Guard {
    /// What kind of host `url` addresses, for this profile.
    pub(super) fn classify(&self, url: &Url) -> HostClass {
        let p = &self.inner.profile;
        if let Some(base) = &p.base_url
            && url.scheme() == base.scheme()
            && url.host() == base.host()
            && url.port_or_known_default() == base.port_or_known_default()
        {
            return HostClass::Gateway;
        }
        if url.scheme() != "https" || url.port().is_some() {
            return HostClass::Unknown;
        }
        let Some(host) = url.host_str() else {
            return HostClass::Unknown;
        };
        if host == self.inner.catalog.host() {
            return HostClass::Global;
        }
        if p.provider == Provider::OpenAi
            && let Some(prefix) = host.strip_suffix(".api.openai.com")
            && let Some(r) = Region::from_code(prefix)
        {
            return HostClass::Regional(r);
        }
        HostClass::Unknown
    }

    /// Rule 1. `Ok(None)`: an unknown host outside zero data retention, passed through untouched.
    pub(super) fn host_rules(&self, req: &Request<'_>) -> Result<Option<HostClass>, Violation> {
        let (p, url) = (&self.inner.profile, req.url);
        let class = self.classify(url);
        if class == HostClass::Unknown {
            if !p.is_zdr() {
                return Ok(None);
            }
            return Err(self.violation(
                ViolationKind::HostNotAllowed,
                req.method,
                url.path(),
                format!(
                    "`{}` is not a host of {} the profile knows (https on the default port), nor \
                     its `base_url`",
                    url.origin().ascii_serialization(),
                    p.provider
                ),
                None,
                "if the host is a proxy in front of the provider, set it as the profile's `base_url`",
            ));
        }
        if let Some(host) = req.headers.get(HOST)
            && !host
                .as_bytes()
                .eq_ignore_ascii_case(host_and_port(url).as_bytes())
        {
            return Err(self.violation(
                ViolationKind::HostNotAllowed,
                req.method,
                url.path(),
                "the request's `Host` header names another host than its URL",
                None,
                "remove the `Host` header; the URL decides where the request goes",
            ));
        }
        Ok(Some(class))
    }

    /// Rule 2: the URL to send to instead, if the request is routed to the region's host.
    pub(super) fn route(
        &self,
        req: &Request<'_>,
        class: HostClass,
        changes: &mut Vec<Change>,
    ) -> Result<Option<Url>, Violation> {
        let (region, url) = (self.inner.profile.region, req.url);
        match (class, region) {
            (HostClass::Global, Some(region)) => {
                let to = region.openai_host();
                let mut routed = url.clone();
                routed
                    .set_host(Some(to))
                    .expect("an https URL takes any host");
                changes.push(Change::Routed {
                    from: host_of(url).to_owned(),
                    to,
                });
                Ok(Some(routed))
            }
            (HostClass::Regional(r), region) if Some(r) != region => {
                let global = self.inner.catalog.host();
                let (reason, remedy) = match region {
                    Some(own) => (
                        format!(
                            "the request is addressed to region `{r}`'s host; the project's region is `{own}`"
                        ),
                        format!(
                            "send it to `{}` or to `{global}`, which the guard routes",
                            own.openai_host()
                        ),
                    ),
                    None => (
                        format!(
                            "the request is addressed to region `{r}`'s host; the profile has no residency region"
                        ),
                        format!(
                            "send it to `{global}`, or set the profile's `region` if the project has one"
                        ),
                    ),
                };
                Err(self.violation(
                    ViolationKind::RegionMismatch,
                    req.method,
                    url.path(),
                    reason,
                    Some(&RESIDENCY_HOSTS),
                    remedy,
                ))
            }
            _ => Ok(None),
        }
    }
}

pub(super) fn host_of(url: &Url) -> &str {
    url.host_str().unwrap_or("")
}

/// The host and, if not the scheme's default, the port: what a `Host` header carries.
pub(super) fn host_and_port(url: &Url) -> String {
    match url.port() {
        Some(port) => format!("{}:{port}", host_of(url)),
        None => host_of(url).to_owned(),
    }
}
