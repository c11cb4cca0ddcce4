//! The pipeline: the rules of the module docs in order, the first denial winning, decided once.
//!
//! A request is decided in two parts: everything but the body (hosts, residency, state,
//! endpoints, models in the query, profile headers), then the body rules. When the caller holds
//! the body as a stream that a rule needs (a multipart form), the first part's result is kept in
//! a [`Pending`] and the second part runs once the caller has read the bytes: nothing is decided
//! twice.

use http::{HeaderName, HeaderValue, Method};
use url::Url;

use super::context::Ctx;
use super::{Allowed, Body, Change, Decision, Guard, HostClass, Request, endpoints};
use crate::catalog::Endpoint;
use crate::profile::{Profile, Region};
use crate::violation::{Violation, ViolationKind};

/// What [`Guard::begin`] found: a decision, or that a rule needs the body the caller holds as a
/// stream.
#[must_use = "a step is a decision, or a request waiting for its body"]
#[derive(Debug)]
pub enum Step {
    /// The request is decided.
    Decided(Decision),
    /// A rule needs the body, a multipart form the caller holds as a stream: read it (within
    /// a limit) and [`finish`](Pending::finish) the decision with the bytes.
    NeedsBody(Pending),
}

/// A request decided up to its body: what the rules before the body rules found.
#[must_use = "a pending request is not decided until `finish` is called"]
#[derive(Debug)]
pub struct Pending {
    guard: Guard,
    method: Method,
    url: Url,
    prefix: Prefix,
}

impl Pending {
    /// Decides the body rules for the same request, now with its body as bytes. A request whose
    /// method or URL is not the one [`Guard::begin`] saw is denied
    /// ([`UninspectableBody`](ViolationKind::UninspectableBody)).
    pub fn finish(self, req: &Request<'_>) -> Decision {
        let decision = if *req.method != self.method || *req.url != self.url {
            Decision::Deny(self.guard.violation(
                ViolationKind::UninspectableBody,
                req.method,
                req.url.path(),
                "the request finished is not the one begun",
                None,
                "finish a pending decision with the same request, its body read as bytes",
            ))
        } else {
            self.guard.body(req, self.prefix).into()
        };
        trace(&self.guard.inner.profile, req, &decision);
        decision
    }
}

/// What the rules before the body rules found.
#[derive(Debug)]
struct Prefix {
    url: Option<Url>,
    headers: Vec<(HeaderName, HeaderValue)>,
    changes: Vec<Change>,
    endpoint: Option<&'static Endpoint>,
    /// The endpoint whose body rules apply: the request writes to it.
    writes: Option<&'static Endpoint>,
    region: Option<Region>,
    deployments: Vec<String>,
    /// An `allow_outside_region` entry covers the request.
    outside_region: bool,
    /// The host's class, whose base path templates are shown with.
    class: HostClass,
}

impl From<Result<Allowed, Violation>> for Decision {
    fn from(result: Result<Allowed, Violation>) -> Self {
        match result {
            Ok(allowed) => Decision::Allow(allowed),
            Err(violation) => Decision::Deny(violation),
        }
    }
}

impl Guard {
    /// Decides what to do with `req`. Pure: no I/O, no clock; the same request always gets the
    /// same decision. A body the caller holds as a stream ([`Body::Streaming`]) that a rule
    /// needs is denied ([`UninspectableBody`](ViolationKind::UninspectableBody)); an adapter that
    /// can read such a body calls [`begin`](Self::begin) instead.
    #[inline]
    pub fn evaluate(&self, req: &Request<'_>) -> Decision {
        self.evaluate_in(req, self.classify(req.url))
    }

    /// [`evaluate`](Self::evaluate) of a request whose host's class is known.
    #[inline]
    pub(crate) fn evaluate_in(&self, req: &Request<'_>, class: HostClass) -> Decision {
        let decision = self.decide(req, class);
        trace(&self.inner.profile, req, &decision);
        decision
    }

    /// Decides `req` as [`evaluate`](Self::evaluate) does, except that a streaming multipart
    /// form a rule needs is not denied: [`Step::NeedsBody`] keeps what was decided so far, and
    /// the caller reads the form and finishes the decision with its bytes.
    pub fn begin(&self, req: &Request<'_>) -> Step {
        self.begin_in(req, self.classify(req.url))
    }

    /// [`begin`](Self::begin) with a request whose host's class is known.
    pub(crate) fn begin_in(&self, req: &Request<'_>, class: HostClass) -> Step {
        if !matches!(req.body, Body::Streaming) || !super::is_readable_form(req.headers) {
            return Step::Decided(self.evaluate_in(req, class));
        }
        let prefix = match self.prefix(req, class) {
            Ok(Some(prefix)) => prefix,
            result => {
                let decision = result.map(|_| Allowed::default()).into();
                trace(&self.inner.profile, req, &decision);
                return Step::Decided(decision);
            }
        };
        let needs = match prefix.writes {
            Some(e) => {
                let cx = Ctx::new(
                    self,
                    req.method,
                    req.url.path(),
                    e,
                    prefix.region,
                    Vec::new(),
                );
                cx.needs_body(req.headers)
            }
            None => Ok(false),
        };
        match needs {
            Ok(true) => Step::NeedsBody(Pending {
                guard: self.clone(),
                method: req.method.clone(),
                url: req.url.clone(),
                prefix,
            }),
            Ok(false) => {
                let decision = self.body(req, prefix).into();
                trace(&self.inner.profile, req, &decision);
                Step::Decided(decision)
            }
            Err(v) => {
                let decision = Decision::Deny(v);
                trace(&self.inner.profile, req, &decision);
                Step::Decided(decision)
            }
        }
    }

    pub(super) fn decide(&self, req: &Request<'_>, class: HostClass) -> Decision {
        match self.prefix(req, class) {
            Ok(Some(prefix)) => self.body(req, prefix).into(),
            Ok(None) => Decision::Allow(Allowed::default()),
            Err(v) => Decision::Deny(v),
        }
    }

    /// Every rule before the body rules, in order; `None` for a request the profile passes
    /// through untouched (a host it does not know, outside zero data retention).
    fn prefix(&self, req: &Request<'_>, class: HostClass) -> Result<Option<Prefix>, Violation> {
        let mut changes = Vec::new();
        let Some(class) = self.host_rules(req, class)? else {
            return Ok(None);
        };
        let mut url = self.route(req, class, &mut changes)?;
        let region = self.residency_region(class);
        let method = endpoints::canonical_method(req.method);
        let endpoints::Matched {
            endpoint,
            deployments,
            outside_region,
        } = self.endpoint_rules(req, &method, class, region)?;
        // Per-request residency routes only what the region processes; what the profile lets
        // through otherwise (its `allow_outside_region` entries, deletes, administration) stays
        // on the global host, where the Global project keeps it.
        if url.is_some()
            && self.inner.profile.per_request_residency
            && !endpoint
                .and_then(|e| e.residency)
                .zip(region)
                .is_some_and(|(r, region)| r.processing.contains(region))
        {
            url = None;
            changes.retain(|c| !matches!(c, Change::Routed { .. }));
        }
        let headers = self.profile_headers(req, &mut changes)?;
        // A realtime or live session names its model in the query too: the handshake (`GET`),
        // and a call whose body carries none (an SDP offer).
        if let Some(e) = endpoint.filter(|e| e.session) {
            self.query_models(req, e, region, deployments.clone(), outside_region)?;
        }
        Ok(Some(Prefix {
            url,
            headers,
            changes,
            endpoint,
            writes: endpoint.filter(|_| endpoints::writes(&method)),
            region,
            deployments,
            outside_region,
            class,
        }))
    }

    /// The body rules, after `prefix`.
    fn body(&self, req: &Request<'_>, prefix: Prefix) -> Result<Allowed, Violation> {
        let Prefix {
            url,
            headers,
            mut changes,
            endpoint,
            writes,
            region,
            deployments,
            outside_region,
            class,
        } = prefix;
        let body = match writes {
            Some(e) => Ctx::new(self, req.method, req.url.path(), e, region, deployments)
                .outside_region(outside_region)
                .body_rules(req, &mut changes)?,
            None => None,
        };
        Ok(Allowed {
            endpoint,
            url,
            headers,
            body,
            changes,
            gateway: class == HostClass::Gateway,
        })
    }

    /// The residency region a request of host class `class` is in: a regional host's, or the
    /// profile's (its requests to the global host are routed there).
    fn residency_region(&self, class: HostClass) -> Option<Region> {
        match class {
            HostClass::Regional(r) => Some(r),
            _ => self.inner.profile.region,
        }
    }
}

pub(super) fn trace(profile: &Profile, req: &Request<'_>, decision: &Decision) {
    let rule = decision.rule().map(|r| r.id);
    match decision {
        Decision::Allow(a) => tracing::debug!(
            target: "retention_guard",
            profile = %profile.name,
            method = %req.method,
            path = req.url.path(),
            rule,
            decision = "allow",
            changes = a.changes.len(),
            "request allowed"
        ),
        Decision::Deny(v) => tracing::info!(
            target: "retention_guard",
            profile = %profile.name,
            method = %req.method,
            path = req.url.path(),
            rule,
            decision = "deny",
            kind = v.code(),
            "request denied"
        ),
    }
}
