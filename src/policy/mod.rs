//! The policy engine: a pure function from a profile and a request to a [`Decision`].
//!
//! [`Guard::evaluate`] applies these rules, in this order, and stops at the first denial:
//!
//! 1. **Hosts.** Hosts are compared in canonical form (`api.openai.com.` is `api.openai.com`).
//!    A provider host over plain `http` or on another port, or a regional-looking host of an
//!    unknown region, is denied in every mode ([`HostNotAllowed`](ViolationKind::HostNotAllowed)).
//!    A request to a host the profile does not know (the provider's host, OpenAI's regional hosts,
//!    the profile's `base_url`) is denied under `zero_data_retention` and passed through untouched
//!    otherwise. A `Host` header naming another host is denied.
//! 2. **Residency.** With a `region`, a request to the provider's global host is routed to the
//!    region's host (`api.openai.com` → `eu.api.openai.com`); a request addressed to another
//!    region's host is denied ([`RegionMismatch`](ViolationKind::RegionMismatch)). An endpoint
//!    whose data the region does not store, or that the residency tables do not list, is denied
//!    outside the US ([`RegionNotSupported`](ViolationKind::RegionNotSupported)). With
//!    `per_request_residency`, a regional host is allowed, not rerouted, for endpoints (and, in
//!    the UAE, models) its region processes; other regional hosts are denied.
//! 3. **State.** Under `zero_data_retention`, every request that creates or changes application
//!    state (assistants, threads, vector stores, files, uploads, fine-tuning, batches,
//!    conversations, evals, agents, vaults, retention settings, …) is denied
//!    ([`EndpointNotEligible`](ViolationKind::EndpointNotEligible)). `GET` and `DELETE` stay
//!    allowed: deleting stored data is allowed by every profile. Entries unavailable under ZDR
//!    (forking or downloading a stored live session) are denied for every method but `DELETE`. The profile's `deny` entries are
//!    denied in every mode; its `allow` entries waive this rule and rule 4.
//! 4. **Endpoints** are classified by every reading a server may give the method (upper-cased)
//!    and the path (decoded, `;params` dropped, cleaned, case-folded: see the `path` module). One
//!    endpoint: its rules apply. Different endpoints, a method-override header naming another
//!    method, or — under `on_unknown_endpoint = "deny"` — a known endpoint in one reading and an
//!    unknown path in another: denied ([`UnknownEndpoint`](ViolationKind::UnknownEndpoint)). Paths
//!    no reading classifies follow `on_unknown_endpoint`. A catalog may have several spellings of
//!    its base path (Azure's `/openai/v1`, `/openai/deployments/{deployment}` and `/openai`, below
//!    the `base_url`'s mount point): each reading is read after the first that it lies under, and
//!    the deployment a classic path names is checked like a `model`.
//! 5. **`store`.** Where the profile forbids storage (`zero_data_retention`; chat completions in a
//!    non-US region), a `store` value other than the boolean `false` — at the top level, or in the
//!    `session` object of realtime and live-session bodies — is rewritten to `false` or denied,
//!    per `on_store` ([`StoreNotAllowed`](ViolationKind::StoreNotAllowed)). Where the flag is
//!    absent and the provider's default is to store or unclear, `"store": false` is written. Keys
//!    Go folds to `store` count as `store`. Fields a catalog forces under ZDR (OpenRouter's
//!    `provider.zdr = true`, `provider.data_collection = "deny"`) are written into every
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
//!    `tools` and `features` modules); unknown tool types, plugins and tokens likewise.
//! 7. **Models.** Each endpoint's model limits apply when the catalog says (under ZDR, a region,
//!    or both): OpenAI's image endpoints take the listed ZDR models only (an absent model means
//!    the endpoint's default), Fireworks' proprietary models and FireRouter are denied, a Fireworks
//!    region needs its models, OpenRouter's `:online` variants turn on a plugin, and an Azure
//!    region needs deployments the profile declares in-region; `allow_models` waives them
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
//! use retention_guard::policy::{Body, Request};
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

mod batch;
mod body;
mod context;
mod decision;
mod endpoints;
mod header_tokens;
mod hosts;
mod models;

use std::fmt;
use std::sync::Arc;

use http::{HeaderName, HeaderValue, Method};
use url::Url;

use crate::catalog::{Catalog, HeaderKey, Rule};
use crate::profile::{Profile, Region};
use crate::violation::{Violation, ViolationKind};

pub use batch::MAX_BATCH_LINES;
#[cfg(feature = "reqwest")]
pub(crate) use body::is_readable_form;
pub use decision::{Allowed, Body, Change, Decision, Request, Verdict};
use hosts::host_of;

/// The compiled policy of one [`Profile`]. Cheap to clone; share it between clients.
///
/// [`evaluate`](Self::evaluate) decides one request without sending anything; the adapters call
/// it for every request they send. The [module docs](self) list the rules in the order they
/// apply.
///
/// ```
/// use http::{HeaderMap, Method};
/// use retention_guard::policy::{Body, Request};
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
    /// The base paths on the provider's own hosts: the catalog's.
    provider_bases: [Box<str>; 1],
    /// The base paths on the `base_url`'s host, first the one templates are shown with: the
    /// `base_url`'s path, or — for providers with other spellings of the base path (Azure) — the
    /// catalog's base path and its aliases below the `base_url`'s mount point.
    gateway_bases: Vec<Box<str>>,
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
                provider_bases: [catalog.base_path().into()],
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
            .decide(&Request::new(&Method::GET, to, &headers, Body::Empty))
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

    /// Decides what to do with `req`. Pure: no I/O, no clock; the same request always gets the
    /// same decision.
    pub fn evaluate(&self, req: &Request<'_>) -> Decision {
        let decision = self.decide(req);
        trace(&self.inner.profile, req, &decision);
        decision
    }

    /// Whether a rule needs to read the body of `req`, whose body the caller holds as a stream:
    /// an adapter that can buffer the stream should do so and evaluate the bytes. `false` when
    /// the request is decided without the body, or denied for another reason.
    pub fn needs_body(&self, req: &Request<'_>) -> bool {
        let streaming = Request {
            body: Body::Streaming,
            ..*req
        };
        matches!(self.decide(&streaming), Decision::Deny(v) if v.needs_bytes())
    }

    /// Checks a realtime or live-session WebSocket URL (`wss://api.openai.com/v1/realtime?model=…`,
    /// `wss://api.openai.com/v1/live/sessions`) before connecting: these sessions do not pass
    /// through an HTTP middleware, so the caller asks first. Messages sent later over the socket
    /// (`session.update`) are not seen. Hosts, residency (routing, and realtime's US and EU limit), the profile's `deny`
    /// and `allow` lists and profile headers apply as to an HTTP request; the `model` query
    /// parameter is checked against the endpoint's model limit, if the catalog has one.
    ///
    /// On success, [`Allowed::url`] is the `wss://` URL to connect to when it was routed, and
    /// [`Allowed::headers`] the headers to add to the handshake.
    ///
    /// # Errors
    /// The [`Violation`], as for an HTTP request.
    pub fn check_realtime(&self, url: &Url) -> Result<Allowed, Violation> {
        // The handshake is an HTTP GET to the same host and path; `ws`/`wss` map to
        // `http`/`https` (both are special schemes, so the change cannot fail).
        let mut http_url = url.clone();
        match url.scheme() {
            "wss" => http_url.set_scheme("https"),
            "ws" => http_url.set_scheme("http"),
            _ => Ok(()),
        }
        .expect("ws and http schemes are interchangeable");
        let headers = http::HeaderMap::new();
        let req = Request::new(&Method::GET, &http_url, &headers, Body::Empty);
        let mut allowed = self.evaluate(&req).into_result()?;
        // Only an `https` request to the global host is routed, so the scheme to restore is
        // `wss` (or `https` itself).
        if let Some(routed) = &mut allowed.url {
            routed
                .set_scheme(url.scheme())
                .expect("ws and http schemes are interchangeable");
        }
        Ok(allowed)
    }

    /// Rule 7 for a session endpoint's query: the model it names (`model`, and on providers with
    /// deployments `deployment`) against the endpoint's model limits. With none named, a request
    /// whose body is JSON is left to the body rules (the body names the model); a handshake, an
    /// SDP offer or a form is judged as naming none. A query key
    /// that is one of those only case-insensitively (`Model`) is read by some servers and not
    /// others, and is denied.
    fn query_models(
        &self,
        req: &Request<'_>,
        e: &'static crate::catalog::Endpoint,
        region: Option<Region>,
        deployments: Vec<String>,
    ) -> Result<(), Violation> {
        let by_deployment = self.inner.catalog.rules().deployments.is_some();
        let named = |k: &str, exact: bool| {
            let is = |name: &str| {
                if exact {
                    k == name
                } else {
                    k.eq_ignore_ascii_case(name)
                }
            };
            is("model") || (by_deployment && is("deployment"))
        };
        let mut models = Vec::new();
        for (k, v) in req.url.query_pairs() {
            if named(&k, true) {
                models.push(v);
            } else if named(&k, false) {
                return Err(self.violation(
                    ViolationKind::ParameterNotAllowed,
                    req.method,
                    req.url.path(),
                    "its query names the model under a key that is `model` (or `deployment`) only \
                     case-insensitively, which some servers read and others do not",
                    None,
                    "spell the query key `model` (or `deployment`) in lower case",
                ));
            }
        }
        // A JSON body names the model itself (the body rules judge it); a handshake, an SDP
        // offer or a form's `sdp` part does not.
        let json_body = req
            .headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|ct| crate::media_type::parse(ct).ok())
            .is_none_or(|m| !m.is_sdp() && !m.is_form());
        if models.is_empty() && *req.method != Method::GET && json_body {
            return Ok(());
        }
        context::Ctx::new(self, req.method, req.url.path(), e, region, deployments)
            .query_models(&models)
    }

    /// The residency region a request of host class `class` is in: a regional host's, or the
    /// profile's (its requests to the global host are routed there).
    fn residency_region(&self, class: HostClass) -> Option<Region> {
        match class {
            HostClass::Regional(r) => Some(r),
            _ => self.inner.profile.region,
        }
    }

    /// Checks a response's headers against the provider's attestation header (xAI's
    /// `x-zero-data-retention`), under a `zero_data_retention` profile: every value must be
    /// `true` (quoted or not, any case), and a successful (2xx) response must carry the header.
    /// An error response without it (a 503 from a proxy, a timeout page) attests nothing either
    /// way and passes; one that carries another value fails. Pure: the adapters call it after
    /// each response and keep what follows (see the `attest` profile key).
    ///
    /// # Errors
    /// [`AttestationMismatch`](ViolationKind::AttestationMismatch), naming the header and what it
    /// said (never other headers).
    pub fn attest(
        &self,
        status: http::StatusCode,
        response_headers: &http::HeaderMap,
    ) -> Result<(), Violation> {
        let Some(a) = &self.inner.catalog.rules().attestation else {
            return Ok(());
        };
        if !self.inner.profile.is_zdr() {
            return Ok(());
        }
        let values: Vec<&str> = response_headers
            .get_all(a.header)
            .iter()
            .map(|v| v.to_str().unwrap_or("(not text)"))
            .collect();
        let attests = |v: &&str| {
            let v = v.trim();
            let unquoted = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(v);
            unquoted.eq_ignore_ascii_case(a.zdr_value)
        };
        if values.iter().all(attests) && (!values.is_empty() || !status.is_success()) {
            return Ok(());
        }
        let said = if values.is_empty() {
            "no such header".to_owned()
        } else {
            values
                .iter()
                .map(|v| format!("`{}`", v.chars().take(16).collect::<String>()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        Err(Violation::new(
            ViolationKind::AttestationMismatch,
            self.inner.profile.name.clone(),
            format!("a response's `{}` header", a.header),
            format!(
                "the provider did not attest zero data retention ({said}): the team's ZDR may be \
                 off, and data the profile says is not retained may be"
            ),
            Some(&a.rule),
            "turn ZDR on for the team in the provider's console, then reset the profile \
             (`Policy::reset_attestation`)",
        ))
    }

    fn decide(&self, req: &Request<'_>) -> Decision {
        match self.rules(req) {
            Ok(allowed) => Decision::Allow(allowed),
            Err(violation) => Decision::Deny(violation),
        }
    }

    /// The rules in order; the first denial wins.
    fn rules(&self, req: &Request<'_>) -> Result<Allowed, Violation> {
        let mut changes = Vec::new();
        let Some(class) = self.host_rules(req)? else {
            return Ok(Allowed::default());
        };
        let mut url = self.route(req, class, &mut changes)?;
        let region = self.residency_region(class);
        let method = endpoints::canonical_method(req.method);
        let (endpoint, deployments) = self.endpoint_rules(req, &method, class, region)?;
        // Per-request residency routes only what the region processes; what the profile lets
        // through otherwise (its `allow` entries, deletes, administration) stays on the global
        // host, where the Global project keeps it.
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
            self.query_models(req, e, region, deployments.clone())?;
        }
        let body = match endpoint.filter(|_| endpoints::writes(&method)) {
            Some(e) => context::Ctx::new(self, req.method, req.url.path(), e, region, deployments)
                .body_rules(req, &mut changes)?,
            None => None,
        };
        Ok(Allowed {
            endpoint,
            url,
            headers,
            body,
            changes,
        })
    }
}

/// The base paths on the `base_url`'s host (see [`Inner::gateway_bases`]).
fn gateway_bases(profile: &Profile, catalog: &Catalog) -> Vec<Box<str>> {
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
        .map(|s| format!("{mount}{s}").into_boxed_str())
        .collect()
}

fn trace(profile: &Profile, req: &Request<'_>, decision: &Decision) {
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
