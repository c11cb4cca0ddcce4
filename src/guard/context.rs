//! The context a rule decides in: the guard (profile and catalog), the request's method and
//! path, its endpoint and the conditions its rules are held against.

use std::borrow::Cow;

use http::Method;

use super::Guard;
use crate::catalog::paths::BodyIndex;
use crate::catalog::{Applies, BodyRule, Conditions, Endpoint, Regions, Rule};
use crate::profile::Region;
use crate::violation::{Violation, ViolationKind};

/// One request to one endpoint, as the endpoint's rules see it.
pub(super) struct Ctx<'a> {
    pub(super) guard: &'a Guard,
    pub(super) method: &'a Method,
    pub(super) path: &'a str,
    pub(super) endpoint: &'static Endpoint,
    /// What the rules' `applies` are held against.
    pub(super) cond: Conditions,
    /// The deployments the request's path names (a base-path alias's `{deployment}`).
    pub(super) deployments: Vec<String>,
    /// The endpoint's body rules and their paths.
    pub(super) index: Cow<'a, BodyIndex>,
    /// An `allow_outside_region` entry covers the request: residency by deployment is waived.
    pub(super) outside_region: bool,
}

impl<'a> Ctx<'a> {
    /// The context of a request to `endpoint` whose residency region is `region`.
    pub(super) fn new(
        guard: &'a Guard,
        method: &'a Method,
        path: &'a str,
        endpoint: &'static Endpoint,
        region: Option<Region>,
        deployments: Vec<String>,
    ) -> Self {
        let p = &guard.inner.profile;
        // The guard's catalog indexed the endpoint when it was built; an endpoint of another
        // catalog is indexed here.
        let index = match guard.inner.catalog.body_index(endpoint) {
            Some(index) => Cow::Borrowed(index),
            None => Cow::Owned(BodyIndex::of(endpoint)),
        };
        Self {
            index,
            guard,
            method,
            path,
            endpoint,
            cond: Conditions {
                zdr: p.is_zdr(),
                region,
                per_request: p.per_request_residency,
                processing: endpoint.residency.map_or(Regions::NONE, |r| r.processing),
            },
            deployments,
            outside_region: false,
        }
    }

    /// The context of a client event on a socket: `event`'s rules, indexed as `index`.
    pub(super) fn with_index(
        guard: &'a Guard,
        method: &'a Method,
        name: &'a str,
        event: &'static Endpoint,
        region: Option<Region>,
        index: &'a BodyIndex,
    ) -> Self {
        let p = &guard.inner.profile;
        Self {
            index: Cow::Borrowed(index),
            guard,
            method,
            path: name,
            endpoint: event,
            cond: Conditions {
                zdr: p.is_zdr(),
                region,
                per_request: p.per_request_residency,
                processing: event.residency.map_or(Regions::NONE, |r| r.processing),
            },
            deployments: Vec::new(),
            outside_region: false,
        }
    }

    /// The same context, for a request an `allow_outside_region` entry covers (`on`): the
    /// residency-by-deployment rule is waived for it.
    pub(super) fn outside_region(mut self, on: bool) -> Self {
        self.outside_region = on;
        self
    }

    /// Whether a rule that applies as `applies` holds for this request.
    pub(super) fn holds(&self, applies: Applies) -> bool {
        applies.holds(&self.cond)
    }

    /// The rule that justifies body rule `r`: its own, or the endpoint's.
    pub(super) fn rule_of(&self, r: &'static BodyRule) -> &'static Rule {
        r.rule.as_ref().unwrap_or(&self.endpoint.rule)
    }

    /// A denial of this request.
    pub(super) fn violation(
        &self,
        kind: ViolationKind,
        reason: impl Into<String>,
        rule: Option<&'static Rule>,
        remedy: impl Into<String>,
    ) -> Violation {
        self.guard
            .violation(kind, self.method, self.path, reason, rule, remedy)
    }

    /// A `parameter_not_allowed` denial by `rule`.
    pub(super) fn parameter_denied(
        &self,
        rule: &'static Rule,
        reason: String,
        remedy: String,
    ) -> Result<(), Violation> {
        Err(self.violation(
            ViolationKind::ParameterNotAllowed,
            reason,
            Some(rule),
            remedy,
        ))
    }

    /// What rules a feature out for this request: `` `zero_data_retention` `` or the residency
    /// region.
    pub(super) fn ruling_out(&self, applies: Applies) -> String {
        let p = &self.guard.inner.profile;
        match self.cond.region {
            Some(r) if applies.by_region() || !p.is_zdr() => format!("the residency region `{r}`"),
            _ => format!("`{}`", p.retention),
        }
    }
}
