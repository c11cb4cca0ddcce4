//! The one record of a decision: [`Verdict`].
//!
//! The adapters put it in the extensions of every request they send (and of its response),
//! [`Observer`](crate::policy::Observer)s receive it, [`adapter::check`](crate::adapter::check)
//! returns it, and [`Allowed::verdict`] makes one for code that applies decisions itself. It names the profile, the method, the host, the matched endpoint's path template,
//! the rule and its source, the changes and, on a denial, the [`Violation`]; never the request's
//! query, headers or body. A violation's target names the request's method and path.

use std::borrow::Cow;
use std::sync::Arc;

use http::Method;
use serde::Serialize;

use super::{Allowed, Change, Decision, Guard, HostClass, Request};
use crate::catalog::{ClientEvent, Endpoint, Provider, Rule};
use crate::violation::Violation;

/// What happened to a request: [`Verdict::outcome`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Sent unchanged.
    Allow,
    /// Sent with changes (routing, headers, `store`).
    Rewrite,
    /// Refused.
    Deny,
}

impl Outcome {
    /// `allow`, `rewrite` or `deny`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Allow => "allow",
            Self::Rewrite => "rewrite",
            Self::Deny => "deny",
        }
    }
}

/// The record of one decision: what the adapters put in request and response extensions, what
/// observers receive and what [`adapter::check`](crate::adapter::check) returns.
///
/// `serde::Serialize` writes it as one JSON object: `profile`, `provider`, `method`, `host`,
/// `path_template`, `rule`, `outcome`, `violation` (the [`Violation`] as an object, or `null`),
/// `changes`, `enforced` and `policy` (the policy file's SHA-256, or `null`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a verdict is the record of a decision: log it, count it or keep it"]
pub struct Verdict {
    /// The profile that decided, or `None` for a host no profile covers (sent unchanged).
    pub profile: Option<Arc<str>>,
    /// The provider of the profile that decided.
    pub provider: Option<Provider>,
    /// The request method (OpenTelemetry's `http.request.method`).
    pub method: Method,
    /// The host the request was addressed to (`server.address`), in canonical form (lower case,
    /// no trailing dot), before any routing.
    pub host: Cow<'static, str>,
    /// The catalog rule that decided: the violation's on a denial, the endpoint's otherwise.
    pub rule: Option<&'static Rule>,
    /// The changes made (or, when not enforced, that enforcement would make).
    pub changes: Vec<Change>,
    /// The denial (or, when not enforced, the denial enforcement would have made).
    pub violation: Option<Violation>,
    /// Whether the decision was applied: `false` in `report_only` mode, where the request is
    /// sent as the application built it.
    pub enforced: bool,
    /// The SHA-256 of the policy file whose policy decided ([`Policy::digest`](crate::Policy::digest)),
    /// when a policy loaded from a file decided.
    pub policy: Option<Arc<str>>,
    /// For a frame a client sent over a socket, the client event it carried
    /// (`session.update`) when the socket's catalog lists it; `None` for an HTTP request.
    pub event: Option<&'static str>,
    template: Option<Template>,
}

/// A path template, kept in parts until it is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Template {
    pub(crate) base: Arc<str>,
    pub(crate) path: &'static str,
}

impl Verdict {
    /// The record of `req` (profile, method, host) before anything is decided.
    fn of(req: &Request<'_>, guard: Option<&Guard>, enforced: bool) -> Self {
        let host = crate::host::of(req.url);
        Self {
            profile: guard.map(|g| g.profile().name.clone()),
            provider: guard.map(|g| g.profile().provider()),
            method: req.method.clone(),
            host: guard
                .and_then(|g| g.inner.catalog.static_host(host))
                .map_or_else(|| Cow::Owned(host.to_owned()), Cow::Borrowed),
            rule: None,
            changes: Vec::new(),
            violation: None,
            enforced,
            policy: None,
            event: None,
            template: None,
        }
    }

    /// The record of an allowed request, as the application built it: `allowed`'s changes move
    /// into it, its URL, headers and body stay to be applied.
    pub(crate) fn allowed(
        req: &Request<'_>,
        guard: Option<&Guard>,
        allowed: &mut Allowed,
        enforced: bool,
    ) -> Self {
        let changes = std::mem::take(&mut allowed.changes);
        Self::of(req, guard, enforced).with(guard, allowed, changes)
    }

    /// The record of an allowed request that is still to be applied: its changes are copied.
    pub(crate) fn allowing(
        req: &Request<'_>,
        guard: Option<&Guard>,
        allowed: &Allowed,
        enforced: bool,
    ) -> Self {
        Self::of(req, guard, enforced).with(guard, allowed, allowed.changes.clone())
    }

    fn with(self, guard: Option<&Guard>, allowed: &Allowed, changes: Vec<Change>) -> Self {
        let class = if allowed.gateway {
            HostClass::Gateway
        } else {
            HostClass::Global
        };
        Self {
            rule: allowed.endpoint.map(|e| &e.rule),
            template: allowed.endpoint.zip(guard).map(|(e, g)| Template {
                base: g.bases(class)[0].clone(),
                path: e.path,
            }),
            changes,
            ..self
        }
    }

    /// The record of a denied request.
    pub(crate) fn denied(
        req: &Request<'_>,
        guard: Option<&Guard>,
        violation: Violation,
        enforced: bool,
    ) -> Self {
        Self {
            rule: violation.rule(),
            template: guard.and_then(|g| g.template_of(req.method, req.url)),
            violation: Some(violation),
            ..Self::of(req, guard, enforced)
        }
    }

    /// The record of a client event on a socket whose handshake was `req`: the socket's
    /// template (`socket`, shown with a gateway's base path when `gateway`), the event's rule.
    pub(crate) fn of_event(
        req: &Request<'_>,
        guard: &Guard,
        (socket, gateway): (Option<&'static Endpoint>, bool),
        event: Option<&'static ClientEvent>,
        decision: &Decision,
        enforced: bool,
    ) -> Self {
        let class = if gateway {
            HostClass::Gateway
        } else {
            HostClass::Global
        };
        let (changes, violation) = match decision {
            Decision::Allow(a) => (a.changes.clone(), None),
            Decision::Deny(v) => (Vec::new(), Some(v.clone())),
        };
        Self {
            rule: decision.rule().or(event.map(|e| &e.entry.rule)),
            changes,
            violation,
            event: event.map(|e| e.name),
            template: socket.map(|e| Template {
                base: guard.bases(class)[0].clone(),
                path: e.path,
            }),
            ..Self::of(req, Some(guard), enforced)
        }
    }

    /// What happened: denied, sent with changes, or sent unchanged (or, when not enforced, what
    /// enforcement would do).
    pub fn outcome(&self) -> Outcome {
        match (&self.violation, self.changes.is_empty()) {
            (Some(_), _) => Outcome::Deny,
            (None, false) => Outcome::Rewrite,
            (None, true) => Outcome::Allow,
        }
    }

    /// The matched endpoint's path template as the request spells its base path, e.g.
    /// `/v1/threads/{thread_id}/runs` (OpenTelemetry's `url.template`); `None` for paths the
    /// catalog does not know.
    pub fn path_template(&self) -> Option<String> {
        self.template
            .as_ref()
            .map(|t| format!("{}{}", t.base, t.path))
    }

    /// The violation's code on a denial (OpenTelemetry's `error.type`).
    pub fn code(&self) -> Option<&'static str> {
        self.violation.as_ref().map(Violation::code)
    }
}

impl Serialize for Verdict {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Verdict", 12)?;
        st.serialize_field("profile", &self.profile)?;
        st.serialize_field("provider", &self.provider)?;
        st.serialize_field("method", self.method.as_str())?;
        st.serialize_field("host", &self.host)?;
        st.serialize_field("path_template", &self.path_template())?;
        st.serialize_field("rule", &self.rule)?;
        st.serialize_field("outcome", &self.outcome())?;
        st.serialize_field("violation", &self.violation)?;
        st.serialize_field("changes", &self.changes)?;
        st.serialize_field("enforced", &self.enforced)?;
        st.serialize_field("policy", &self.policy)?;
        st.serialize_field("event", &self.event)?;
        st.end()
    }
}
