//! The typed error a denied request produces.
//!
//! A [`Violation`] is a value: it says what was refused (method and path, never the query, headers
//! or body), which rule refused it and where that rule comes from, and how to allow the request if
//! the agreement with the provider permits it. [`Violation::kind`] gives a stable, matchable
//! [`ViolationKind`] whose [`code`](ViolationKind::code) is the snake_case string used in logs, the
//! command-line tool and the README.

use std::fmt;
use std::sync::Arc;

use crate::catalog::Rule;

/// What kind of rule a request broke. Each kind has a stable snake_case [`code`](Self::code).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViolationKind {
    /// The endpoint keeps application state (or is otherwise not covered) under the profile's
    /// retention mode, or the profile's `deny` list names it.
    EndpointNotEligible,
    /// The model named in the request may retain data under the profile.
    ModelNotEligible,
    /// A request parameter depends on stored state (`previous_response_id`, `conversation`,
    /// `background: true`, `item_reference` inputs).
    ParameterNotAllowed,
    /// The request asks the provider to store it and the profile's `on_store` is `reject`.
    StoreNotAllowed,
    /// The profile's residency region does not serve this endpoint.
    RegionNotSupported,
    /// The request is addressed to another residency region's host.
    RegionMismatch,
    /// The request is addressed to a host the profile does not know.
    HostNotAllowed,
    /// The guard cannot classify the endpoint (unknown, undocumented or non-canonical path).
    UnknownEndpoint,
    /// A rule needs the body, and it cannot be read (streaming, compressed, not JSON).
    UninspectableBody,
    /// A rule needs the body, and it is not valid JSON of the expected shape.
    MalformedBody,
    /// The request carries a project header (the one the profile's `project` sets, such as
    /// `OpenAI-Project`) other than the profile's project.
    ProjectMismatch,
    /// The request carries an organization header (the one the profile's `organization` sets)
    /// other than the profile's.
    OrganizationMismatch,
    /// A policy of several profiles cannot tell which profile decides the request (two cover its
    /// host and path, and neither its project header nor a choice made in code tells them apart),
    /// or the profile chosen in code does not exist.
    AmbiguousProfile,
    /// A response did not attest zero data retention (a ZDR profile of a provider that attests it
    /// in a response header, with `attest = "enforce"`), or an earlier one did not and the
    /// profile has not been reset.
    AttestationMismatch,
}

impl ViolationKind {
    /// Every kind, in declaration order.
    pub const ALL: [ViolationKind; 14] = [
        Self::EndpointNotEligible,
        Self::ModelNotEligible,
        Self::ParameterNotAllowed,
        Self::StoreNotAllowed,
        Self::RegionNotSupported,
        Self::RegionMismatch,
        Self::HostNotAllowed,
        Self::UnknownEndpoint,
        Self::UninspectableBody,
        Self::MalformedBody,
        Self::ProjectMismatch,
        Self::OrganizationMismatch,
        Self::AmbiguousProfile,
        Self::AttestationMismatch,
    ];

    /// The stable snake_case code of this kind, e.g. `"endpoint_not_eligible"`.
    pub const fn code(self) -> &'static str {
        match self {
            Self::EndpointNotEligible => "endpoint_not_eligible",
            Self::ModelNotEligible => "model_not_eligible",
            Self::ParameterNotAllowed => "parameter_not_allowed",
            Self::StoreNotAllowed => "store_not_allowed",
            Self::RegionNotSupported => "region_not_supported",
            Self::RegionMismatch => "region_mismatch",
            Self::HostNotAllowed => "host_not_allowed",
            Self::UnknownEndpoint => "unknown_endpoint",
            Self::UninspectableBody => "uninspectable_body",
            Self::MalformedBody => "malformed_body",
            Self::ProjectMismatch => "project_mismatch",
            Self::OrganizationMismatch => "organization_mismatch",
            Self::AmbiguousProfile => "ambiguous_profile",
            Self::AttestationMismatch => "attestation_mismatch",
        }
    }
}

impl fmt::Display for ViolationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Written as `{"code", "profile", "target", "reason", "rule", "remedy", "message"}`; like the
/// message, never the request's query, headers or body.
impl serde::Serialize for Violation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Violation", 7)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("profile", self.profile())?;
        st.serialize_field("target", self.target())?;
        st.serialize_field("reason", self.reason())?;
        st.serialize_field("rule", &self.rule())?;
        st.serialize_field("remedy", self.remedy())?;
        st.serialize_field("message", &self.to_string())?;
        st.end()
    }
}

/// A request the guard refused to send.
///
/// The message (its `Display`) is one line: what was refused, why, the rule and its source, and
/// how to allow it. It never contains the query string, headers or body of the request. Match
/// on [`kind`](Self::kind) in code, log [`code`](Self::code) (stable across releases), show the
/// message to people.
///
/// ```
/// use http::{HeaderMap, Method};
/// use retention_guard::guard::{Body, Request};
/// use retention_guard::{Guard, Profile, ViolationKind};
///
/// let guard = Guard::new(Profile::from_toml_str(r#"
///     name = "acme"
///     provider = "openai"
///     retention = "zero_data_retention"
/// "#)?);
/// let url = "https://api.openai.com/v1/files".parse()?;
/// let headers = HeaderMap::new();
/// let decision = guard.evaluate(&Request::new(&Method::POST, &url, &headers, Body::Empty));
/// let violation = decision.violation().expect("files keep application state");
///
/// assert_eq!(violation.kind(), ViolationKind::EndpointNotEligible);
/// assert_eq!(violation.code(), "endpoint_not_eligible");
/// assert_eq!(violation.profile(), "acme");
/// assert_eq!(violation.rule().unwrap().id, "openai.files");
/// // How to allow it, if the agreement permits: an `allow` entry for the profile.
/// assert!(violation.remedy().contains("allow = ["));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    inner: Box<Inner>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    kind: ViolationKind,
    profile: Arc<str>,
    target: String,
    reason: String,
    rule: Option<&'static Rule>,
    remedy: String,
}

impl Violation {
    /// The violation behind an error, if the guard denied the request: the error itself, or
    /// one of its sources. One function serves every client: a `reqwest_middleware::Error`
    /// (through reqwest-retry's `RetryError` too), an async-openai `OpenAIError`, a
    /// `reqwest::Error` from a redirect the guard refused, or an `anyhow::Error` (`.as_ref()`).
    ///
    /// ```
    /// # async fn demo(client: reqwest_middleware::ClientWithMiddleware) {
    /// match client.post("https://api.openai.com/v1/assistants").send().await {
    ///     Err(err) => match retention_guard::Violation::find(&err) {
    ///         Some(v) => eprintln!("denied ({}): {v}", v.code()),
    ///         None => eprintln!("transport error: {err}"),
    ///     },
    ///     Ok(resp) => println!("{}", resp.status()),
    /// }
    /// # }
    /// ```
    pub fn find<'e>(err: &'e (dyn std::error::Error + 'static)) -> Option<&'e Violation> {
        let mut next = Some(err);
        while let Some(e) = next {
            if let Some(v) = e.downcast_ref::<Violation>() {
                return Some(v);
            }
            next = e.source();
        }
        None
    }

    pub(crate) fn new(
        kind: ViolationKind,
        profile: Arc<str>,
        target: String,
        reason: impl Into<String>,
        rule: Option<&'static Rule>,
        remedy: impl Into<String>,
    ) -> Self {
        Self {
            inner: Box::new(Inner {
                kind,
                profile,
                target,
                reason: reason.into(),
                rule,
                remedy: remedy.into(),
            }),
        }
    }

    /// The same violation, naming another target (a socket's client event).
    pub(crate) fn with_target(mut self, target: String) -> Self {
        self.inner.target = target;
        self
    }

    /// The kind of rule that was broken.
    pub fn kind(&self) -> ViolationKind {
        self.inner.kind
    }

    /// The stable snake_case code of [`kind`](Self::kind).
    pub fn code(&self) -> &'static str {
        self.inner.kind.code()
    }

    /// The name of the profile that refused the request.
    pub fn profile(&self) -> &str {
        &self.inner.profile
    }

    /// What was refused: the method and path, e.g. ``"`POST /v1/assistants`"``.
    pub fn target(&self) -> &str {
        &self.inner.target
    }

    /// Why the request was refused.
    pub fn reason(&self) -> &str {
        &self.inner.reason
    }

    /// The built-in rule that refused the request, with its source, if one did (a denial by the
    /// profile's own `deny` list has none).
    pub fn rule(&self) -> Option<&'static Rule> {
        self.inner.rule
    }

    /// How to allow the request, if the agreement with the provider permits it.
    pub fn remedy(&self) -> &str {
        &self.inner.remedy
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        write!(
            f,
            "retention profile `{}` denied {} ({}): {}",
            i.profile, i.target, i.kind, i.reason
        )?;
        if let Some(rule) = i.rule {
            write!(
                f,
                " [rule `{}`, source {} read {}]",
                rule.id, rule.source.url, rule.source.read
            )?;
        }
        if !i.remedy.is_empty() {
            write!(f, "; {}", i.remedy)?;
        }
        Ok(())
    }
}

impl std::error::Error for Violation {}
