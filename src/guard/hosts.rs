//! Rules 1 and 2: which hosts the profile knows, and residency routing.
//!
//! Hosts are compared in canonical form (see the `host` module): `api.openai.com.` and
//! `API.openai.com` are the provider's host. A provider host is reached over `https` on the
//! default port only: plain `http` (the body would travel in clear text) or another port to a
//! provider host is denied in every mode, as is a regional-looking host of a region the guard does
//! not know. So is the host of an https `base_url` (a gateway, a customer resource host) reached over
//! plain http or on another port.

use std::sync::Arc;

use http::header::HOST;
use url::Url;

use super::{Change, Guard, HostClass, Request, Template};
use crate::catalog::ProviderHost;
use crate::host;
use crate::violation::{Violation, ViolationKind};

impl Guard {
    /// What kind of host `url` addresses, for this profile.
    pub(crate) fn classify(&self, url: &Url) -> HostClass {
        let name = host::of(url);
        if let Some(kind) = self.inner.catalog.host_kind(name) {
            if url.scheme() != "https" || url.port().is_some() {
                return HostClass::Insecure;
            }
            return match kind {
                ProviderHost::Global => HostClass::Global,
                ProviderHost::Regional(r) => HostClass::Regional(r),
                _ => HostClass::UnknownRegion,
            };
        }
        if let Some(base) = &self.inner.profile.base_url
            && name == host::of(base)
        {
            if url.scheme() == base.scheme()
                && url.port_or_known_default() == base.port_or_known_default()
            {
                return HostClass::Gateway;
            }
            // The `base_url`'s https host over plain http or on another port: the body would
            // travel in clear text, or reach another service.
            if base.scheme() == "https" {
                return HostClass::Insecure;
            }
        }
        HostClass::Unknown
    }

    /// The base path (the `base_url`'s, or the provider's, without a trailing slash) when a
    /// request to a host of class `class` ([`classify`](Self::classify)) is this profile's to
    /// decide: one of the provider's hosts (in any scheme,
    /// port or region: the host rules then judge it) or its `base_url`'s; `None` otherwise.
    ///
    /// The flag says whether the coverage is only a fallback: a profile whose `base_url` is a
    /// gateway also judges requests to the provider's own hosts, but in a policy it yields them to
    /// a profile that covers them directly.
    pub(crate) fn coverage_of(&self, class: HostClass) -> Option<(&str, bool)> {
        let gateway = || {
            self.inner
                .profile
                .base_url
                .as_ref()
                .is_some_and(|b| self.inner.catalog.host_kind(host::of(b)).is_none())
        };
        if class == HostClass::Unknown {
            return None;
        }
        let fallback = class != HostClass::Gateway && gateway();
        Some((&self.bases(class)[0], fallback))
    }

    /// The base paths of a request to a host of class `class`, first the one templates show:
    /// the `base_url`'s on its host (with the catalog's aliases), the catalog's on the
    /// provider's own hosts. Never empty.
    pub(crate) fn bases(&self, class: HostClass) -> &[Arc<str>] {
        match class {
            HostClass::Gateway if !self.inner.gateway_bases.is_empty() => &self.inner.gateway_bases,
            _ => &self.inner.provider_bases,
        }
    }

    /// The part of `reading` after the first of the bases of `url`'s host it lies under.
    pub(crate) fn strip<'p>(
        &self,
        url: &Url,
        reading: &'p str,
    ) -> Option<super::endpoints::Stripped<'p>> {
        let class = self.classify(url);
        if class == HostClass::Unknown {
            return None;
        }
        super::endpoints::strip_any(reading, self.bases(class))
    }

    /// The origin and base path the profile's requests are judged under by default: the
    /// provider's global host and base path, or — for providers whose hosts are per resource
    /// — the `base_url`'s origin and the catalog's base path below its mount
    /// point. Used by reports to build one URL per catalog entry, e.g.
    /// `https://contoso.example.com/openai/v1`.
    pub fn default_base(&self) -> String {
        let catalog = self.inner.catalog;
        match (&self.inner.profile.base_url, catalog.host()) {
            (Some(base), "") => format!(
                "{}{}",
                base.origin().ascii_serialization(),
                self.bases(HostClass::Gateway)[0]
            ),
            (_, host) => format!("https://{host}{}", catalog.base_path()),
        }
    }

    /// The profile's `allow`, `allow_outside_region` and `deny` entries that match no catalog path
    /// under any of the profile's base paths: legitimate (they apply to paths the catalog does
    /// not know, which `on_unknown_endpoint` would otherwise decide), but often a typo, so `check`
    /// warns of them.
    pub fn patterns_outside_catalog(&self) -> Vec<&crate::profile::EndpointPattern> {
        let catalog = self.inner.catalog;
        let bases = self
            .inner
            .provider_bases
            .iter()
            .chain(&self.inner.gateway_bases);
        let templates: Vec<(crate::catalog::Methods, String)> = bases
            .flat_map(|b| {
                catalog
                    .endpoints()
                    .iter()
                    .map(move |e| (e.methods, format!("{b}{}", e.path)))
            })
            .collect();
        let p = &self.inner.profile;
        p.allow
            .iter()
            .chain(&p.allow_outside_region)
            .chain(&p.deny)
            .filter(|pattern| !templates.iter().any(|(m, t)| pattern.overlaps(*m, t)))
            .collect()
    }

    /// The path template of the catalog entry a request's path names as sent, if any (for
    /// records of denials, which carry no entry): the base path the request's host shows (the
    /// `base_url`'s or the provider's) and the catalog's template.
    pub(crate) fn template_of(&self, method: &http::Method, url: &Url) -> Option<Template> {
        let rest = self.strip(url, url.path())?.rest;
        let e = self.inner.catalog.lookup(method, rest)?;
        let class = self.classify(url);
        let base = match class {
            HostClass::Unknown => self.inner.provider_bases[0].clone(),
            _ => self.bases(class)[0].clone(),
        };
        Some(Template { base, path: e.path })
    }

    /// Rule 1. `Ok(None)`: an unknown host outside zero data retention, passed through untouched.
    pub(super) fn host_rules(
        &self,
        req: &Request<'_>,
        class: HostClass,
    ) -> Result<Option<HostClass>, Violation> {
        let (p, url) = (&self.inner.profile, req.url);
        let deny = |reason: String, remedy: &str| {
            Err(self.violation(
                ViolationKind::HostNotAllowed,
                req.method,
                url.path(),
                reason,
                None,
                remedy,
            ))
        };
        match class {
            HostClass::Unknown if !p.is_zdr() => return Ok(None),
            HostClass::Unknown => {
                return deny(
                    format!(
                        "`{}` is not a host of {} the profile knows (https on the default port), \
                         nor its `base_url`",
                        url.origin().ascii_serialization(),
                        p.provider
                    ),
                    "if the host is a proxy in front of the provider, set it as the profile's `base_url`",
                );
            }
            HostClass::Insecure => {
                return deny(
                    format!(
                        "`{}` is a host of {} reached over plain http or on another port, where \
                         the request would travel unprotected or reach an unknown service",
                        url.origin().ascii_serialization(),
                        p.provider
                    ),
                    "send it over https to the default port (or to the profile's `base_url` as written)",
                );
            }
            HostClass::UnknownRegion => {
                return deny(
                    format!(
                        "`{}` looks like a {} residency host of a region the guard does not know",
                        host::of(url),
                        p.provider
                    ),
                    "send it to the global host or to a known region's host",
                );
            }
            _ => {}
        }
        if req
            .headers
            .get_all(HOST)
            .iter()
            .any(|value| !host::header_names(value.as_bytes(), url))
        {
            return deny(
                "the request's `Host` header names another host than its URL".to_owned(),
                "remove the `Host` header; the URL decides where the request goes",
            );
        }
        Ok(Some(class))
    }

    /// Rule 2: the URL to send to instead, if the request is routed to the region's host.
    ///
    /// A request to a regional host passes when the host is the profile's region's, or — with
    /// per-request residency and no `region` — when the region processes some endpoint in-region
    /// (the endpoint and model are checked with the endpoint rules).
    pub(super) fn route(
        &self,
        req: &Request<'_>,
        class: HostClass,
        changes: &mut Vec<Change>,
    ) -> Result<Option<Url>, Violation> {
        let p = &self.inner.profile;
        let (catalog, url) = (self.inner.catalog, req.url);
        let rule = &catalog.rules().residency_hosts;
        match (class, p.region) {
            (HostClass::Global, Some(region)) => {
                let to = catalog
                    .region_host(region)
                    .expect("validated when the profile was built");
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
            (HostClass::Regional(r), None)
                if p.per_request_residency && catalog.processes_in(r) =>
            {
                Ok(None)
            }
            (HostClass::Regional(r), region) if Some(r) != region => {
                let global = catalog.host();
                let (reason, remedy) = match region {
                    Some(own) => (
                        format!(
                            "the request is addressed to region `{r}`'s host; the profile's region is `{own}`"
                        ),
                        format!(
                            "send it to `{}` or to `{global}`, which the guard routes",
                            catalog.region_host(own).unwrap_or(global)
                        ),
                    ),
                    None if p.per_request_residency => (
                        format!(
                            "the request is addressed to region `{r}`'s host, and region `{r}` \
                             stores data but processes none in-region, so per-request residency \
                             cannot use it"
                        ),
                        format!("send it to `{global}`"),
                    ),
                    None => (
                        format!(
                            "the request is addressed to region `{r}`'s host; the profile has no residency region"
                        ),
                        format!(
                            "send it to `{global}`; set the profile's `region` if the project has \
                             one, or `per_request_residency = true` if it is a Global project with \
                             per-request residency"
                        ),
                    ),
                };
                Err(self.violation(
                    ViolationKind::RegionMismatch,
                    req.method,
                    url.path(),
                    reason,
                    Some(rule),
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
