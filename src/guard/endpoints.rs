//! Rules 3 and 4, and the region's endpoint limits: which catalog entry a request is, and
//! whether the profile lets it through.
//!
//! The region's limits on the endpoint are the `residency` module's.
//!
//! A request is classified by every way a server may route it (see the `path` module): the
//! method in upper case (Werkzeug upper-cases `post`), every reading of the path. When the
//! readings name one endpoint, its rules apply whatever the spelling; when they name different
//! endpoints, or an endpoint and a path the guard does not know while the profile denies unknown
//! endpoints, the request is denied (`unknown_endpoint`). `deny` entries match if any reading
//! matches; `allow` entries only if every reading does. A method-override header
//! (`X-HTTP-Method-Override` and kin) naming another method is denied: frameworks that honour it
//! would route the request as that method.

use std::borrow::Cow;
use std::sync::Arc;

use http::{HeaderName, HeaderValue, Method};

use super::{Guard, HostClass, Request};
use crate::catalog::{Endpoint, EndpointClass};
use crate::path::Readings;
use crate::profile::{EndpointPattern, OnUnknownEndpoint, Region, Retention};
use crate::violation::{Violation, ViolationKind};

/// Headers some frameworks take as the request's real method.
const METHOD_OVERRIDES: [HeaderName; 3] = [
    HeaderName::from_static("x-http-method-override"),
    HeaderName::from_static("x-http-method"),
    HeaderName::from_static("x-method-override"),
];

/// Whether `method` may create or change state (everything but reads and deletes).
pub(super) fn writes(method: &Method) -> bool {
    !matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::DELETE
    )
}

/// The method as servers that upper-case it read it (`post` is `POST`).
pub(super) fn canonical_method(method: &Method) -> Cow<'_, Method> {
    let s = method.as_str();
    if !s.bytes().any(|c| c.is_ascii_lowercase()) {
        return Cow::Borrowed(method);
    }
    Method::from_bytes(s.to_ascii_uppercase().as_bytes()).map_or(Cow::Borrowed(method), Cow::Owned)
}

/// What the readings of a path name.
struct Classified {
    endpoint: Option<&'static Endpoint>,
    /// The deployments the readings' base paths name (a base-path alias's
    /// `{deployment}` segment), each once.
    deployments: Vec<String>,
    /// Some reading names no catalog entry.
    unknown: bool,
    /// Two readings name different catalog entries.
    ambiguous: bool,
    /// Some reading lies outside the base path.
    outside_base: bool,
    /// Some reading lies under the base path.
    inside_base: bool,
}

/// The catalog entry an allowed request names, and what the rules after these need of it.
pub(super) struct Matched {
    /// The entry, if the path names one.
    pub(super) endpoint: Option<&'static Endpoint>,
    /// The deployments the path's base names.
    pub(super) deployments: Vec<String>,
    /// An `allow_outside_region` entry covers every reading of the path.
    pub(super) outside_region: bool,
}

impl Guard {
    /// Rules 3 and 4 and region limits: the catalog entry of an allowed request, if it has one,
    /// and the deployments its path names.
    pub(super) fn endpoint_rules(
        &self,
        req: &Request<'_>,
        method: &Method,
        class: HostClass,
        region: Option<Region>,
    ) -> Result<Matched, Violation> {
        let p = &self.inner.profile;
        let full_path = req.url.path();
        let deny = |kind, reason: String, endpoint: Option<&'static Endpoint>, remedy: String| {
            Err(self.violation(
                kind,
                req.method,
                full_path,
                reason,
                endpoint.map(|e| &e.rule),
                remedy,
            ))
        };
        let overrides = |(name, value): (&HeaderName, &HeaderValue)| {
            METHOD_OVERRIDES.contains(name)
                && !value
                    .as_bytes()
                    .eq_ignore_ascii_case(method.as_str().as_bytes())
        };
        if let Some((name, _)) = req.headers.iter().find(|&h| overrides(h)) {
            return deny(
                ViolationKind::UnknownEndpoint,
                format!(
                    "its `{name}` header names another method, which some frameworks route the \
                     request as"
                ),
                None,
                format!("remove the `{name}` header and send the method itself"),
            );
        }
        let bases = self.bases(class);
        let base: &str = &bases[0];
        let readings = Readings::of(full_path);

        let covers = |e: &EndpointPattern, r: &str| covers_reading(e, method, r, bases, false);
        let denies = |e: &EndpointPattern, r: &str| covers_reading(e, method, r, bases, true);
        if let Some(entry) = p
            .deny
            .iter()
            .find(|d| readings.iter().any(|r| denies(d, r)))
        {
            return deny(
                ViolationKind::EndpointNotEligible,
                format!("the profile's `deny` list names it (`{entry}`)"),
                None,
                format!("remove `{entry}` from the profile's `deny` list if the agreement permits"),
            );
        }
        // Each exception waives only the rule it names: `allow` the retention mode's endpoint
        // rules (eligibility, unknown endpoints), `allow_outside_region` the residency rule.
        let allowed_by_profile = readings
            .iter()
            .all(|r| p.allow.iter().any(|a| covers(a, r)));
        let outside_region_allowed = readings
            .iter()
            .all(|r| p.allow_outside_region.iter().any(|a| covers(a, r)));
        let c = self.classify_path(method, &readings, bases);
        let found = |endpoint| {
            Ok(Matched {
                endpoint,
                deployments: c.deployments.clone(),
                outside_region: outside_region_allowed,
            })
        };
        let canonical = || readings.canonical_form();
        let unknown_remedy = || {
            format!(
                "if the agreement permits it, add `allow = [\"{method} {full_path}\"]` to the profile \
                 (it waives only the unknown-endpoint rule, for this path), or set \
                 `on_unknown_endpoint = \"fail_open\"`"
            )
        };
        let outside_region_remedy = |path: &str, region: Region| {
            format!(
                "if the residency agreement permits its data outside `{region}`, add \
                 `allow_outside_region = [\"{method} {path}\"]` to the profile (it waives only \
                 this residency rule)"
            )
        };
        if c.ambiguous || readings.is_undecidable() {
            return deny(
                ViolationKind::UnknownEndpoint,
                "the path is not in canonical form, and servers route its spellings to different \
                 endpoints (or it decodes again and again)"
                    .to_owned(),
                None,
                format!("send the canonical path (`{}`)", canonical()),
            );
        }
        let deny_unknown = p.on_unknown_endpoint == OnUnknownEndpoint::Deny;
        let Some(e) = c.endpoint else {
            // A path the catalog does not know has no residency entry: with per-request
            // residency, or when an `allow` entry lets it through, its region is checked as an
            // unlisted endpoint's (`allow` waives the unknown-endpoint rule, not residency).
            let rules = self.inner.catalog.rules();
            if let Some(r) = region
                && !outside_region_allowed
                && (p.per_request_residency || allowed_by_profile)
                && self.region_needs_listing(r)
            {
                let (reason, remedy) = if p.per_request_residency {
                    (
                        format!(
                            "the guard cannot tell whether region `{r}` processes this path \
                             in-region, which per-request residency needs"
                        ),
                        format!(
                            "send it to `{}`, or {} (the guard then sends it to the global host)",
                            self.inner.catalog.host(),
                            outside_region_remedy(full_path, r)
                        ),
                    )
                } else {
                    (
                        format!(
                            "the catalog has no residency entry for this path, so region `{r}` \
                             makes no in-region promise for it"
                        ),
                        outside_region_remedy(full_path, r),
                    )
                };
                return Err(self.violation(
                    ViolationKind::RegionNotSupported,
                    req.method,
                    full_path,
                    reason,
                    Some(&rules.residency_unlisted),
                    remedy,
                ));
            }
            if allowed_by_profile || !deny_unknown {
                return found(None);
            }
            // A path no reading puts under the base path is outside it, whatever its spelling
            // (a provider's native API beside its compatibility layer).
            let outside = !c.inside_base;
            let reason = if outside {
                format!(
                    "the path is outside the base path `{base}` (no reading of it lies under it), so \
                     the guard cannot classify it"
                )
            } else if !readings.is_canonical() {
                "the path is not in canonical form (percent-encoded characters, `;`, upper case, \
                 empty or dot segments, or a trailing slash), and no reading of it is an endpoint \
                 the guard knows"
                    .to_owned()
            } else if c.outside_base {
                format!(
                    "the path is outside the base path `{base}`, so the guard cannot classify it"
                )
            } else {
                format!(
                    "the {} catalog has no entry for it, so the guard cannot classify it",
                    p.provider
                )
            };
            let remedy = if outside || readings.is_canonical() {
                unknown_remedy()
            } else {
                format!("send the canonical path (`{}`)", canonical())
            };
            return deny(ViolationKind::UnknownEndpoint, reason, None, remedy);
        };
        if c.unknown && deny_unknown && !allowed_by_profile {
            return deny(
                ViolationKind::UnknownEndpoint,
                format!(
                    "the path is not in canonical form: lenient servers route it to `{}` \
                     (`{}`), others to an endpoint the guard does not know",
                    canonical(),
                    e.rule.id
                ),
                Some(e),
                format!("send the canonical path (`{}`)", canonical()),
            );
        }
        // Deleting stored data is always allowed, in every region.
        if *method == Method::DELETE {
            return found(Some(e));
        }
        let state_denied = !allowed_by_profile
            && ((p.is_zdr()
                && (e.zdr_unavailable || (e.class == EndpointClass::Stateful && writes(method))))
                || (e.blocked_under_mam
                    && writes(method)
                    && p.retention == Retention::ModifiedAbuseMonitoring));
        if state_denied {
            let what = if e.zdr_unavailable {
                format!("it is not available under `{}` ({})", p.retention, e.stores)
            } else {
                format!(
                    "it creates or changes application state ({}), which `{}` rules out",
                    e.stores, p.retention
                )
            };
            return deny(
                ViolationKind::EndpointNotEligible,
                what,
                Some(e),
                format!(
                    "if the agreement permits it, add `allow = [\"{method} {base}{}\"]` to the \
                     profile (it waives only rule `{}`, endpoint eligibility; residency, model, \
                     tool and parameter rules still apply)",
                    e.path, e.rule.id
                ),
            );
        }
        if e.class == EndpointClass::Undocumented && deny_unknown && !allowed_by_profile {
            return deny(
                ViolationKind::UnknownEndpoint,
                format!("{}: its retention is not documented", e.rule.summary),
                Some(e),
                unknown_remedy(),
            );
        }
        if let Some(region) = region
            && !outside_region_allowed
            && let Err((reason, rule)) = self.residency(e, region)
        {
            let waiver = outside_region_remedy(&format!("{base}{}", e.path), region);
            return Err(self.violation(
                ViolationKind::RegionNotSupported,
                req.method,
                full_path,
                reason,
                Some(rule),
                if p.per_request_residency && p.region.is_none() {
                    format!(
                        "send it to `{}`, or {waiver} (the guard then sends it as addressed)",
                        self.inner.catalog.host()
                    )
                } else if p.per_request_residency {
                    format!(
                        "it cannot be processed in the region; {waiver} (the guard then sends it \
                         to the global host)"
                    )
                } else {
                    format!("use it from a project in a region that serves it, or {waiver}")
                },
            ));
        }
        found(Some(e))
    }

    /// Looks every reading up in the catalog, after the first of `bases` it lies under.
    fn classify_path(
        &self,
        method: &Method,
        readings: &Readings<'_>,
        bases: &[Arc<str>],
    ) -> Classified {
        let mut c = Classified {
            endpoint: None,
            deployments: Vec::new(),
            unknown: false,
            ambiguous: false,
            outside_base: false,
            inside_base: false,
        };
        for reading in readings.iter() {
            let stripped = strip_any(reading, bases);
            c.outside_base |= stripped.is_none();
            c.inside_base |= stripped.is_some();
            if let Some(d) = stripped.as_ref().and_then(|s| s.deployment)
                && !c.deployments.iter().any(|x| x == d)
            {
                c.deployments.push(d.to_owned());
            }
            let rest = stripped.map(|s| s.rest);
            match rest.and_then(|r| self.inner.catalog.lookup(method, r)) {
                None => c.unknown = true,
                Some(e) => match c.endpoint {
                    None => c.endpoint = Some(e),
                    Some(prev) if std::ptr::eq(prev, e) => {}
                    Some(_) => c.ambiguous = true,
                },
            }
        }
        c
    }
}

/// Whether entry `e` matches one reading `r` of a path: as written, or, on providers with several
/// spellings of one endpoint (base-path aliases), after the base path: an entry written under one
/// spelling covers the others.
///
/// `broad` (for `deny` entries): an entry naming one deployment also covers readings that name
/// none.
fn covers_reading(
    e: &EndpointPattern,
    method: &Method,
    r: &str,
    bases: &[Arc<str>],
    broad: bool,
) -> bool {
    e.matches(method, r)
        || (bases.len() > 1
            && strip_any(r, bases)
                .is_some_and(|s| e.matches_after_base(method, s.rest, s.deployment, broad, bases)))
}

impl Guard {
    /// Whether the profile entry `entry` covers a request of `method` to `url` as the guard
    /// matches `allow` and `allow_outside_region` entries: every reading of the path, in any of
    /// the provider's spellings of its base path (an entry naming one deployment covers only
    /// paths naming it). A `deny` entry matches more: any reading, and the v1 spelling too.
    pub fn entry_covers(&self, entry: &EndpointPattern, method: &Method, url: &url::Url) -> bool {
        let bases = self.bases(self.classify(url));
        Readings::of(url.path())
            .iter()
            .all(|r| covers_reading(entry, method, r, bases, false))
    }
}

/// A path after one of its base paths.
pub(crate) struct Stripped<'p> {
    /// The rest, starting with `/`.
    pub(crate) rest: &'p str,
    /// The segment a base's `{deployment}` matched, if any.
    pub(crate) deployment: Option<&'p str>,
    /// The length of the base matched.
    pub(crate) base_len: usize,
}

/// `path` after the first of `bases` it lies under. A base's `{…}` segment matches one
/// non-empty segment, which is returned as the deployment.
pub(crate) fn strip_any<'p>(path: &'p str, bases: &[Arc<str>]) -> Option<Stripped<'p>> {
    bases.iter().find_map(|base| {
        if !base.contains('{') {
            return strip_base(path, base).map(|rest| Stripped {
                rest,
                deployment: None,
                base_len: base.len(),
            });
        }
        let mut at = 0;
        let mut deployment = None;
        for seg in base.split('/').skip(1) {
            let after = path.get(at..)?.strip_prefix('/')?;
            let len = after.find('/').unwrap_or(after.len());
            let got = &after[..len];
            if seg.starts_with('{') {
                if got.is_empty() {
                    return None;
                }
                deployment = Some(got);
            } else if !got.eq_ignore_ascii_case(seg) {
                return None;
            }
            at += 1 + len;
        }
        let rest = &path[at..];
        rest.starts_with('/').then_some(Stripped {
            rest,
            deployment,
            base_len: base.len(),
        })
    })
}

/// The rest of `path` after the base path `base` (compared case-insensitively, as the readings
/// are), starting with `/`.
fn strip_base<'p>(path: &'p str, base: &str) -> Option<&'p str> {
    let head = path.get(..base.len())?;
    let rest = &path[base.len()..];
    (head.eq_ignore_ascii_case(base) && rest.starts_with('/')).then_some(rest)
}
