//! A policy: the retention profiles of a whole application, which one decides each request, and
//! whether decisions are enforced or only reported.
//!
//! The rules, in order:
//!
//! 1. **Choosing the profile.** The profiles that cover the request's host (the provider's hosts,
//!    regional hosts, their `base_url`'s; a gateway profile covers the provider's own hosts only
//!    when no other profile does) are candidates. Among several, the longest `base_url` (or
//!    provider base path) that the path lies under wins, in every reading a server may give the
//!    path (see the `path` module): readings that pick different profiles are denied. Still
//!    several: the request's `OpenAI-Project` picks the profile of that project. Still several,
//!    or none that matches: denied as ambiguous
//!    ([`AmbiguousProfile`](crate::ViolationKind::AmbiguousProfile)).
//!
//!    A profile chosen in code ([`ProfileChoice`]: a request extension for reqwest-middleware, a
//!    per-client choice for async-openai) picks among the candidates but cannot overrule the
//!    request: a choice that names no profile, does not cover the host, is not among those whose
//!    base path the path lies under (in every reading), or contradicts the request's
//!    `OpenAI-Project` that another candidate declares, is denied as ambiguous.
//! 2. **Hosts no profile covers** are denied (`host_not_allowed`) when any profile is
//!    `zero_data_retention`, and passed through untouched otherwise, unless the policy says
//!    `on_unknown_host = "deny"` or `"fail_open"`.
//! 3. **Mode.** In `enforce` (the default) the decision is applied. In `report_only` every
//!    decision is computed and reported (to the observers, the `tracing` event, and the adapters'
//!    records) but the request is sent as the application built it: nothing rewritten, nothing
//!    denied. The mode comes from the policy file or code, never from the environment.
//! 4. **Load time.** Two profiles with one name, two profiles covering the same host and base path
//!    that no `project` tells apart, an unknown policy key, and every error of a single profile
//!    are errors naming the profile (its name, or `#n`) and the file.
//!
//! A policy file is either one profile (today's format: a policy of one) or policy keys and an
//! array of `[[profile]]` tables:
//!
//! ```
//! use retention_guard::Policy;
//!
//! let policy = Policy::from_toml_str(r#"
//!     mode = "report_only"
//!
//!     [[profile]]
//!     name = "openai-eu"
//!     provider = "openai"
//!     retention = "zero_data_retention"
//!     region = "eu"
//!     project = "proj_eu"
//!
//!     [[profile]]
//!     name = "groq"
//!     provider = "groq"
//!     retention = "zero_data_retention"
//! "#)?;
//! assert_eq!(policy.profiles().count(), 2);
//! # Ok::<(), retention_guard::ProfileError>(())
//! ```

mod attest;
mod load;
#[cfg(feature = "metrics")]
mod metrics;
#[cfg(feature = "opentelemetry")]
mod otel;
mod record;
mod reload;
mod select;

#[cfg(feature = "metrics")]
pub use metrics::{ATTESTATION_FAILURES_TOTAL, DECISIONS_TOTAL, MetricsObserver};

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::guard::{Decision, Guard, Request, Verdict};
use crate::profile::Profile;

#[cfg(feature = "opentelemetry")]
pub use otel::{OTEL_ATTESTATION_FAILURES, OTEL_DECISIONS, OpenTelemetryObserver};
pub use record::Observer;
pub use reload::{Current, PolicySource, ReloadablePolicy, Reloaded, Watch};

/// The most profiles a policy holds.
pub const MAX_PROFILES: usize = 64;

/// Whether a policy's decisions are applied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Decisions are applied: rewrites are made, denials refuse the request (the default).
    #[default]
    Enforce,
    /// Decisions are computed and reported, but every request is sent as the application built
    /// it. For rolling a policy out: see what enforcement would change on live traffic first.
    ReportOnly,
}

impl Mode {
    /// The name used in policy files: `enforce` or `report_only`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Enforce => "enforce",
            Self::ReportOnly => "report_only",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

crate::profile::values::named!(Mode, "mode", &[Mode::Enforce, Mode::ReportOnly]);
crate::profile::values::named!(
    OnUnknownHost,
    "on_unknown_host",
    &[OnUnknownHost::Deny, OnUnknownHost::FailOpen]
);

/// What happens to a request to a host no profile covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnUnknownHost {
    /// Deny it (`host_not_allowed`): the default when any profile is `zero_data_retention`.
    Deny,
    /// Send it unchanged, unchecked: fail open (the default when no profile is
    /// `zero_data_retention`).
    FailOpen,
}

impl OnUnknownHost {
    /// The name used in policy files: `deny` or `fail_open`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Deny => "deny",
            Self::FailOpen => "fail_open",
        }
    }
}

/// The profile chosen in code for a request (by its name), when host, path and project cannot
/// tell several profiles apart. It must agree with them: a choice the request's base path or
/// project contradicts is denied (rule 1 of the [module docs](self)). For reqwest-middleware, insert it in the request's extensions
/// (`RequestBuilder::with_extension`); for async-openai, give it to the client.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProfileChoice(pub Arc<str>);

impl ProfileChoice {
    /// The choice of the profile named `name`.
    pub fn new(name: impl Into<Arc<str>>) -> Self {
        Self(name.into())
    }
}

/// The retention profiles of an application, compiled. Cheap to clone; share it between
/// clients. See the [module docs](self) for how a request's profile is chosen.
///
/// ```
/// use http::{HeaderMap, Method};
/// use retention_guard::guard::{Body, Request};
/// use retention_guard::{Policy, ViolationKind};
///
/// let policy = Policy::from_toml_str(r#"
///     [[profile]]
///     name = "openai-eu"
///     provider = "openai"
///     retention = "zero_data_retention"
///     region = "eu"
///
///     [[profile]]
///     name = "groq"
///     provider = "groq"
///     retention = "zero_data_retention"
/// "#)?;
/// let headers = HeaderMap::new();
/// let decide = |url: &str| {
///     let url = url.parse().unwrap();
///     policy.evaluate(&Request::new(&Method::POST, &url, &headers, Body::Empty), None)
/// };
/// // Each request is decided by the profile of its host…
/// let (_, groq) = decide("https://api.groq.com/openai/v1/chat/completions");
/// assert_eq!(groq.map(|g| g.profile().name()), Some("groq"));
/// // …and a host no profile covers is denied, since the policy has a ZDR profile.
/// let (other, _) = decide("https://api.example.com/v1/chat/completions");
/// assert_eq!(other.violation().unwrap().kind(), ViolationKind::HostNotAllowed);
/// # Ok::<(), retention_guard::ProfileError>(())
/// ```
#[derive(Clone)]
pub struct Policy {
    inner: Arc<Inner>,
}

struct Inner {
    guards: Vec<Guard>,
    mode: Mode,
    on_unknown_host: OnUnknownHost,
    observers: Vec<Arc<dyn Observer>>,
    /// The SHA-256 of the policy file's text, for a policy loaded from one.
    digest: Option<Arc<str>>,
}

impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Policy")
            .field("mode", &self.inner.mode)
            .field("on_unknown_host", &self.inner.on_unknown_host)
            .field("profiles", &self.inner.guards)
            .field("observers", &self.inner.observers.len())
            .finish()
    }
}

impl Policy {
    /// The profiles, in the order they were given.
    pub fn profiles(&self) -> impl Iterator<Item = &Profile> {
        self.inner.guards.iter().map(Guard::profile)
    }

    /// The compiled guard of each profile, in order.
    pub fn guards(&self) -> &[Guard] {
        &self.inner.guards
    }

    /// The guard of the profile named `name`.
    pub fn guard(&self, name: &str) -> Option<&Guard> {
        self.inner
            .guards
            .iter()
            .find(|g| g.profile().name() == name)
    }

    /// Whether decisions are applied or only reported.
    pub fn mode(&self) -> Mode {
        self.inner.mode
    }

    /// The SHA-256 (lower-case hex) of the policy file's text, for a policy loaded from one
    /// ([`from_toml_str`](Self::from_toml_str), [`from_toml_file`](Self::from_toml_file)); every
    /// [`Verdict`] of the policy records it, so a log says which policy decided.
    pub fn digest(&self) -> Option<&str> {
        self.inner.digest.as_deref()
    }

    /// What happens to hosts no profile covers (the explicit setting, or its default).
    pub fn on_unknown_host(&self) -> OnUnknownHost {
        self.inner.on_unknown_host
    }

    /// The same policy in `mode` (set in code; there is no environment variable for it).
    #[must_use]
    pub fn with_mode(self, mode: Mode) -> Self {
        self.rebuild(|inner| inner.mode = mode)
    }

    /// The same policy, with `observer` receiving every decision record of the requests it
    /// decides. This builds a new policy value: adapters built from the old one do not see the
    /// observer, so add observers before building clients.
    #[must_use]
    pub fn with_observer(self, observer: impl Observer + 'static) -> Self {
        self.rebuild(|inner| inner.observers.push(Arc::new(observer)))
    }

    /// [`with_observer`](Self::with_observer) for a plain closure, whose argument type need not
    /// be written out (a closure passed to `with_observer` needs `|v: &Verdict|`). Where a
    /// rollout starts: report-only mode, and a closure that logs what enforcement would do.
    ///
    /// ```
    /// use retention_guard::{Mode, Outcome, Policy, Profile};
    ///
    /// let profile = Profile::from_toml_str("provider = \"openai\"\nretention = \"zero_data_retention\"")?;
    /// let policy = Policy::from(profile)
    ///     .with_mode(Mode::ReportOnly)
    ///     .with_observer_fn(|v| {
    ///         if v.outcome() == Outcome::Deny {
    ///             eprintln!("would deny: {:?}", v.code());
    ///         }
    ///     });
    /// # let _ = policy;
    /// # Ok::<(), retention_guard::ProfileError>(())
    /// ```
    #[must_use]
    pub fn with_observer_fn(self, f: impl Fn(&Verdict) + Send + Sync + 'static) -> Self {
        self.with_observer(f)
    }

    /// The same policy, with the observers of `other` added after its own.
    pub(crate) fn with_observers_of(self, other: &Policy) -> Self {
        let observers = other.inner.observers.clone();
        self.rebuild(|inner| inner.observers.extend(observers))
    }

    fn rebuild(self, change: impl FnOnce(&mut Inner)) -> Self {
        let mut inner = match Arc::try_unwrap(self.inner) {
            Ok(inner) => inner,
            Err(shared) => Inner {
                guards: shared.guards.clone(),
                mode: shared.mode,
                on_unknown_host: shared.on_unknown_host,
                observers: shared.observers.clone(),
                digest: shared.digest.clone(),
            },
        };
        change(&mut inner);
        Self {
            inner: Arc::new(inner),
        }
    }

    /// Decides `req`: chooses its profile (the one named by `choice`, if given) and evaluates it
    /// there, and reports the decision's [`Verdict`] to the observers. Returns the decision and
    /// the guard of the profile that made it (`None` when no profile covers the host, or none
    /// could be chosen). In `report_only` mode ([`mode`](Self::mode)) the decision is what
    /// enforcement would do.
    pub fn evaluate(
        &self,
        req: &Request<'_>,
        choice: Option<&ProfileChoice>,
    ) -> (Decision, Option<&Guard>) {
        let (guard, decision) = match self.select_classified(req, choice) {
            Ok(Some((guard, class))) => (Some(guard), guard.evaluate_in(req, class)),
            Ok(None) => (None, Decision::Allow(Default::default())),
            Err(violation) => (None, Decision::Deny(violation)),
        };
        if self.reports() {
            let enforced = self.inner.mode == Mode::Enforce;
            self.report(&self.stamp(match &decision {
                Decision::Allow(a) => Verdict::allowing(req, guard, a, enforced),
                Decision::Deny(v) => Verdict::denied(req, guard, v.clone(), enforced),
            }));
        }
        (decision, guard)
    }
}

impl From<Guard> for Policy {
    fn from(guard: Guard) -> Self {
        let zdr = guard.profile().is_zdr();
        Policy {
            inner: Arc::new(Inner {
                guards: vec![guard],
                mode: Mode::Enforce,
                on_unknown_host: if zdr {
                    OnUnknownHost::Deny
                } else {
                    OnUnknownHost::FailOpen
                },
                observers: Vec::new(),
                digest: None,
            }),
        }
    }
}

impl From<Profile> for Policy {
    fn from(profile: Profile) -> Self {
        Guard::new(profile).into()
    }
}

impl From<&Policy> for Policy {
    fn from(policy: &Policy) -> Self {
        policy.clone()
    }
}

impl From<&Guard> for Policy {
    fn from(guard: &Guard) -> Self {
        guard.clone().into()
    }
}
