//! The policy engine: a pure function from a profile and a request to a [`Decision`].
//!
//! [`Guard::evaluate`] applies these rules, in this order, and stops at the first denial:
//!
//! 1. **Hosts.** Hosts are compared in canonical form (`api.openai.com.` is `api.openai.com`).
//!    A provider host over plain `http` or on another port, or a regional-looking host of an
//!    unknown region, is denied in every mode ([`HostNotAllowed`](ViolationKind::HostNotAllowed)).
//!    A request to a host the profile does not know (the provider's host, its regional hosts, the
//!    profile's `base_url`) is denied under `zero_data_retention` and passed through untouched
//!    otherwise. A `Host` header naming another host is denied.
//! 2. **Residency.** With a `region`, a request to the provider's global host is routed to the
//!    region's host (`api.openai.com` → `eu.api.openai.com`); a request addressed to another
//!    region's host is denied ([`RegionMismatch`](ViolationKind::RegionMismatch)). An endpoint
//!    whose data the region does not store, or that the residency tables do not list, is denied
//!    outside the US ([`RegionNotSupported`](ViolationKind::RegionNotSupported)). With
//!    `per_request_residency`, a regional host is allowed, not rerouted, for endpoints (and, in
//!    the UAE, models) its region processes; other regional hosts are denied. The profile's
//!    `allow_outside_region` entries waive this endpoint rule (and nothing else); `allow` entries
//!    do not.
//! 3. **State.** Under `zero_data_retention`, every request that creates or changes application
//!    state (assistants, threads, vector stores, files, uploads, fine-tuning, batches,
//!    conversations, evals, agents, vaults, retention settings, …) is denied
//!    ([`EndpointNotEligible`](ViolationKind::EndpointNotEligible)). `GET` and `DELETE` stay
//!    allowed: deleting stored data is allowed by every profile. Entries unavailable under ZDR
//!    (forking or downloading a stored live session) are denied for every method but `DELETE`. The profile's `deny` entries are
//!    denied in every mode; its `allow` entries waive this rule and rule 4, and nothing else
//!    (residency, models, tools and parameters still apply).
//! 4. **Endpoints** are classified by every reading a server may give the method (upper-cased)
//!    and the path (decoded, `;params` dropped, cleaned, case-folded: see the `path` module). One
//!    endpoint: its rules apply. Different endpoints, a method-override header naming another
//!    method, or — under `on_unknown_endpoint = "deny"` — a known endpoint in one reading and an
//!    unknown path in another: denied ([`UnknownEndpoint`](ViolationKind::UnknownEndpoint)). Paths
//!    no reading classifies follow `on_unknown_endpoint`. A catalog may have several spellings of
//!    its base path (its aliases, below the `base_url`'s mount point): each reading is read after
//!    the first that it lies under, and the deployment an alias's `{deployment}` segment names is
//!    checked like a `model`.
//! 5. **`store`.** Where the profile forbids storage (`zero_data_retention`; chat completions in a
//!    non-US region), a `store` value other than the boolean `false` — at the top level, or in the
//!    `session` object of realtime and live-session bodies — is rewritten to `false` or denied,
//!    per `on_store` ([`StoreNotAllowed`](ViolationKind::StoreNotAllowed)). Where the flag is
//!    absent and the provider's default is to store or unclear, `"store": false` is written. Keys
//!    Go folds to `store` count as `store`. Members a catalog forces under ZDR (such as
//!    `provider.zdr = true`) are written into every
//!    occurrence of their object, in any key spelling, and the object is added where exact
//!    readers see none; a value asking for less is rewritten, or denied under
//!    `on_store = "reject"` ([`ParameterNotAllowed`](ViolationKind::ParameterNotAllowed)).
//! 6. **Stateful parameters.** Under `zero_data_retention`, `previous_response_id`,
//!    `conversation`, `background` (other than `false`) and `input` items that point at stored
//!    state (`item_reference`, an `id` without a `type`, a `reasoning` item without its
//!    `encrypted_content`) are denied ([`ParameterNotAllowed`](ViolationKind::ParameterNotAllowed)),
//!    and `tracing` under a non-US region. Hosted tools, plugins, fields and header tokens that
//!    keep state or reach a third party are denied where their catalog row applies (under ZDR;
//!    for some providers with a region too), unless `allow_tools` names their feature (see the
//!    `body` and `header_tokens` modules); unknown tool types, plugins and tokens likewise.
//! 7. **Models.** Each endpoint's model limits apply when the catalog says (under ZDR, a region,
//!    or both): a list of eligible models (an absent model means the endpoint's default), denied
//!    families and router segments, a suffix a region's models carry, `:variant` suffixes that turn
//!    on a hosted feature, and deployments the profile declares in-region; `allow_models` waives
//!    them, except the deployments' residency, which `allow_outside_region` waives
//!    ([`ModelNotEligible`](ViolationKind::ModelNotEligible)). Per-request residency to a region
//!    that processes only some models needs one of them.
//!
//!    Batch input files uploaded as one form are evaluated line by line (see the `batch` module).
//! 8. **Profile headers.** `OpenAI-Organization` and `OpenAI-Project` are set from the profile; a
//!    request that carries a different value is denied
//!    ([`ProjectMismatch`](ViolationKind::ProjectMismatch),
//!    [`OrganizationMismatch`](ViolationKind::OrganizationMismatch)).
//! 9. **Bodies.** A body a rule needs is read only when every server reads it alike (one content
//!    type, UTF-8 JSON or a form with an unambiguous boundary, no coding), with exact JSON
//!    semantics (see the `json` and `fields` modules): escaped keys are decoded, every duplicate and
//!    every Go-folded key is checked. Otherwise it is denied
//!    ([`UninspectableBody`](ViolationKind::UninspectableBody)), as is one that is not a valid JSON
//!    object or form ([`MalformedBody`](ViolationKind::MalformedBody)). Bodies no rule needs are
//!    not read, and are never copied unless rewritten.
//!
//! Every decision is emitted as a `tracing` event (target `retention_guard`) with the profile,
//! method, path, rule and outcome — never the query, headers or body.
//!
//! ```
//! use retention_guard::guard::{Body, Request};
//! use retention_guard::{Decision, Guard, Profile, Region, Retention, ViolationKind};
//! use http::{HeaderMap, Method};
//!
//! let profile = Profile::builder("openai".parse()?, Retention::ZeroDataRetention)
//!     .region(Region::Eu)
//!     .build()?;
//! let guard = Guard::new(profile);
//! let headers = HeaderMap::new();
//!
//! let url = "https://api.openai.com/v1/chat/completions".parse()?;
//! let body = br#"{"model":"gpt-4.1","store":true,"messages":[]}"#;
//! let Decision::Allow(allowed) = guard.evaluate(&Request::new(&Method::POST, &url, &headers, Body::Bytes(body))) else {
//!     panic!("chat completions are eligible");
//! };
//! assert_eq!(allowed.url().unwrap().host_str(), Some("eu.api.openai.com"));
//! assert_eq!(allowed.body().unwrap(), br#"{"model":"gpt-4.1","store":false,"messages":[]}"#);
//!
//! let url = "https://api.openai.com/v1/assistants".parse()?;
//! let denied = guard.evaluate(&Request::new(&Method::POST, &url, &headers, Body::Empty));
//! assert_eq!(denied.violation().unwrap().kind(), ViolationKind::EndpointNotEligible);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod attest;
mod batch;
mod body;
mod context;
mod decision;
mod endpoints;
mod header_tokens;
mod hosts;
mod models;
mod pipeline;
mod profile_headers;
mod realtime;
mod redirect;
mod residency;
mod socket;
mod verdict;

use std::fmt;
use std::sync::Arc;

use http::{HeaderName, HeaderValue, Method};

use crate::catalog::{Catalog, HeaderKey, Rule};
use crate::profile::{Profile, Region};
use crate::violation::{Violation, ViolationKind};

pub use batch::MAX_BATCH_LINES;
pub(crate) use body::is_readable_form;
pub use decision::{Allowed, Body, Change, Decision, Request};
pub use pipeline::{Pending, Step};
#[cfg(feature = "tokio-tungstenite")]
pub(crate) use realtime::handshake_url;
pub use socket::{Frame, Socket};
pub(crate) use verdict::Template;
pub use verdict::{Outcome, Verdict};

/// The compiled policy of one [`Profile`]. Cheap to clone; share it between clients.
///
/// [`evaluate`](Self::evaluate) decides one request without sending anything; the adapters call
/// it for every request they send. The [module docs](self) list the rules in the order they
/// apply.
///
/// ```
/// use http::{HeaderMap, Method};
/// use retention_guard::guard::{Body, Request};
/// use retention_guard::{Decision, Guard, Profile};
///
/// let guard = Guard::new(Profile::from_toml_str(r#"
///     provider = "openai"
///     retention = "zero_data_retention"
/// "#)?);
/// let url = "https://api.openai.com/v1/responses".parse()?;
/// let body = br#"{"model":"gpt-4.1","input":"hi","store":true}"#;
/// let headers = HeaderMap::new();
/// let request = Request::new(&Method::POST, &url, &headers, Body::Bytes(body));
/// match guard.evaluate(&request) {
///     Decision::Allow(allowed) => {
///         // Send `allowed.body()` instead of the original: `store` is now false.
///         assert_eq!(allowed.body().unwrap(), br#"{"model":"gpt-4.1","input":"hi","store":false}"#);
///         for change in allowed.changes() {
///             println!("{change}: {}", change.why());
///         }
///     }
///     Decision::Deny(violation) => panic!("{violation}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Guard {
    inner: Arc<Inner>,
}

struct Inner {
    profile: Profile,
    catalog: &'static Catalog,
    /// The headers the profile's keys set (rule 8), with the key each comes from.
    headers: Vec<(HeaderKey, HeaderName, HeaderValue)>,
    /// The base paths on the provider's own hosts: the catalog's, then its aliases (Gemini's
    /// native API under `/v1beta`).
    provider_bases: Box<[Arc<str>]>,
    /// The base paths on the `base_url`'s host, first the one templates are shown with: the
    /// `base_url`'s path, or — for providers with other spellings of the base path — the
    /// catalog's base path and its aliases below the `base_url`'s mount point.
    gateway_bases: Vec<Arc<str>>,
    /// Set by the adapters when a response failed attestation under `attest = "enforce"`:
    /// shared by every clone of the guard, read by no rule of the engine.
    tripped: std::sync::atomic::AtomicBool,
}

impl fmt::Debug for Guard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Guard")
            .field("profile", &self.inner.profile.name)
            .field("provider", &self.inner.profile.provider)
            .field("retention", &self.inner.profile.retention)
            .field("region", &self.inner.profile.region)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HostClass {
    Global,
    Regional(Region),
    Gateway,
    /// A provider host over plain `http` or on another port: denied in every mode.
    Insecure,
    /// A regional-looking provider host of a region the guard does not know: denied.
    UnknownRegion,
    Unknown,
}

impl Guard {
    /// Compiles `profile` (already validated when it was built).
    pub fn new(profile: Profile) -> Self {
        let catalog = Catalog::of(profile.provider);
        let headers = [
            (HeaderKey::Organization, &profile.organization),
            (HeaderKey::Project, &profile.project),
        ]
        .into_iter()
        .filter_map(|(key, value)| {
            let name = catalog.capabilities().header(key)?;
            let value = value.as_deref()?;
            Some((
                key,
                HeaderName::from_bytes(name.as_bytes()).expect("a catalog header name"),
                HeaderValue::from_str(value).expect("validated when the profile was built"),
            ))
        })
        .collect();
        Self {
            inner: Arc::new(Inner {
                headers,
                provider_bases: std::iter::once(catalog.base_path())
                    .chain(catalog.base_aliases().iter().copied())
                    .map(Arc::from)
                    .collect(),
                gateway_bases: gateway_bases(&profile, catalog),
                catalog,
                profile,
                tripped: Default::default(),
            }),
        }
    }

    /// The profile this guard enforces.
    pub fn profile(&self) -> &Profile {
        &self.inner.profile
    }

    /// The provider's catalog.
    pub fn catalog(&self) -> &'static Catalog {
        self.inner.catalog
    }

    /// Whether a response failed attestation under `attest = "enforce"`, so that the adapters and
    /// [`Policy`](crate::Policy) refuse the profile's requests until
    /// [`reset_attestation`](Self::reset_attestation). [`evaluate`](Self::evaluate) stays pure and
    /// does not read it.
    pub fn attestation_failed(&self) -> bool {
        self.inner
            .tripped
            .load(std::sync::atomic::Ordering::Acquire)
    }

    /// Lets the profile's requests through again after a failed attestation; `false` if they
    /// were not refused. Every clone of the guard, and every policy and adapter built from it,
    /// shares this state.
    pub fn reset_attestation(&self) -> bool {
        self.inner
            .tripped
            .swap(false, std::sync::atomic::Ordering::AcqRel)
    }

    pub(crate) fn trip_attestation(&self) {
        self.inner
            .tripped
            .store(true, std::sync::atomic::Ordering::Release);
    }

    fn violation(
        &self,
        kind: ViolationKind,
        method: &Method,
        path: &str,
        reason: impl Into<String>,
        rule: Option<&'static Rule>,
        remedy: impl Into<String>,
    ) -> Violation {
        Violation::new(
            kind,
            self.inner.profile.name.clone(),
            format!("`{method} {path}`"),
            reason,
            rule,
            remedy,
        )
    }
}

/// The base paths on the `base_url`'s host (see [`Inner::gateway_bases`]).
fn gateway_bases(profile: &Profile, catalog: &Catalog) -> Vec<Arc<str>> {
    let Some(base) = &profile.base_url else {
        return Vec::new();
    };
    let path = base.path().trim_end_matches('/');
    let aliases = catalog.base_aliases();
    if aliases.is_empty() {
        return vec![path.into()];
    }
    // The mount point: the path without the catalog's base path or a literal alias at its end.
    let ends = |suffix: &str| {
        path.len() >= suffix.len()
            && path.is_char_boundary(path.len() - suffix.len())
            && path[path.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    let mount = std::iter::once(catalog.base_path())
        .chain(aliases.iter().copied().filter(|a| !a.contains('{')))
        .find(|s| ends(s))
        .map_or(path, |s| &path[..path.len() - s.len()]);
    std::iter::once(catalog.base_path())
        .chain(aliases.iter().copied())
        .map(|s| Arc::from(format!("{mount}{s}")))
        .collect()
}
