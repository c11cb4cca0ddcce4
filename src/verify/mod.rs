//! Verifying the provider's side of a policy from code: does each profile's provider account
//! match it? A service can refuse to start when it does not; the `retention-guard verify` command
//! calls the same functions.
//!
//! - OpenAI with an Admin API key: reads the organization's and the project's data-retention
//!   setting (`GET /organization/data_retention`, `GET /organization/projects/{id}/data_retention`)
//!   and the project's residency (`GET /organization/projects/{id}`) and compares them with the
//!   profile.
//! - Fireworks with an API key and an account id (the profile's `account`, or
//!   [`VerifyKeys::fireworks_account`]): reads the account's policy settings (ZDR enforcement for
//!   inference, residency) on the control plane; if they cannot be read, falls back to the probe.
//! - OpenAI with only an API key, and Fireworks without an account id: a probe, if
//!   [`VerifyOptions::probe`] consents. One Responses request with `"store": true`, then `GET` of
//!   the response by id, then `DELETE` if it was stored. Retrievable means the provider keeps
//!   application state. The probe is sent directly, not through the guard (the guard would rewrite
//!   its `store: true`). It is billed (well under US$0.001).
//! - Azure OpenAI with a management bearer token (`AZURE_ACCESS_TOKEN`), subscription
//!   (`AZURE_SUBSCRIPTION_ID`) and resource group (`AZURE_RESOURCE_GROUP`): reads the resource's
//!   `ContentLogging` capability (the resource from `base_url`), which is `false` only when
//!   abuse-monitoring storage is off. [`VerifyOptions::base_url`] replaces the management host.
//! - xAI: no API; the adapters check each response's `x-zero-data-retention` header.
//! - Groq, Mistral, Together, Anthropic, Gemini, OpenRouter: no API reports their data controls;
//!   the report says where to look.
//!
//! # Timeouts and failed calls
//!
//! Every call has a timeout, [`VerifyOptions::timeout`] (30 s by default; `--timeout` on the
//! command line), over the whole call: connecting, sending, the answer's headers and its body, so
//! a server that accepts the connection and never answers, or stalls in the middle of the body,
//! cannot hang verification. Connecting (name resolution, TCP and TLS) has its own timeout as
//! well: three quarters of that, at most 10 s, so that a host that cannot be reached is told apart
//! from a server that does not answer.
//! Redirects are not followed.
//!
//! A call that fails leaves its check [`Unverified`](VerifyStatus::Unverified) with a
//! [`FailureReason`] in [`Check::reason`] and the rest in [`Check::detail`]:
//!
//! | reason | detail |
//! |---|---|
//! | `timeout` | which timeout (the connect timeout, or the call's with or without the headers in) and its length |
//! | `dns` | the host name that did not resolve |
//! | `connect` | the connection was refused (nothing listens on the port), or why it could not be made |
//! | `tls` | the handshake failed, with rustls' error: a certificate this machine does not trust, or no TLS on the port |
//! | `http_status` | the status with the provider's error code, type and message from the body (OpenAI's and Fireworks' `{"error": {"code", "type", "message"}}`, Azure's `{"error": {"code", "message"}}`, `{"error": "…"}`, the gRPC-gateway `{"code", "message"}`); a body that is not JSON (a proxy's HTML page) is described by its content type and size, never shown |
//! | `malformed_response` | a success whose body is not JSON, is larger than 1 MiB, or lacks the field read |
//! | `transport` | the connection failed mid-answer |
//!
//! Details never carry a key, a token or a body beyond the provider's error code and message; in
//! those, the key sent and any word that looks like a key (`sk-…`, a JWT, a masked `…***…`) are
//! redacted, control characters are dropped and the message is cut at 300 characters. When
//! Fireworks' policy settings cannot be read, the note that says so carries the reason and the
//! detail, and the probe follows.
//!
//! ```no_run
//! use retention_guard::Policy;
//! use retention_guard::verify::{VerifyOptions, VerifyStatus, verify};
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let policy = Policy::from_toml_file("policy.toml")?;
//! let reports = verify(&policy, &VerifyOptions::from_env()).await?;
//! if reports.iter().any(|r| r.status() == VerifyStatus::Mismatch) {
//!     return Err("the provider's side does not match the retention policy".into());
//! }
//! # Ok(()) }
//! ```

mod azure;
mod error;
mod failure;
mod fireworks;

use std::time::Duration;

pub use error::{VerifyError, VerifyErrorKind};
pub use failure::FailureReason;
use failure::{Failure, Http};

use serde::Serialize;
use serde_json::{Value, json};

use crate::catalog::Verification;
use crate::guard::Guard;
use crate::policy::Policy;
use crate::profile::{Profile, Region, Retention};

/// The keys verification may use. Keys are sent only to the provider they belong to and never
/// appear in reports.
#[derive(Clone, Default)]
pub struct VerifyKeys {
    /// An OpenAI Admin API key (`OPENAI_ADMIN_KEY`).
    pub openai_admin: Option<String>,
    /// An OpenAI API key (`OPENAI_API_KEY`), for the probe.
    pub openai: Option<String>,
    /// A Fireworks API key (`FIREWORKS_API_KEY`).
    pub fireworks: Option<String>,
    /// A Fireworks account id when the profile has no `account` (`FIREWORKS_ACCOUNT_ID`).
    pub fireworks_account: Option<String>,
    /// An Azure management bearer token (`AZURE_ACCESS_TOKEN`, e.g. from
    /// `az account get-access-token`).
    pub azure_token: Option<String>,
    /// The Azure subscription id of the resource (`AZURE_SUBSCRIPTION_ID`).
    pub azure_subscription: Option<String>,
    /// The Azure resource group of the resource (`AZURE_RESOURCE_GROUP`).
    pub azure_resource_group: Option<String>,
}

impl std::fmt::Debug for VerifyKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set = |k: &Option<String>| if k.is_some() { "set" } else { "unset" };
        f.debug_struct("VerifyKeys")
            .field("openai_admin", &set(&self.openai_admin))
            .field("openai", &set(&self.openai))
            .field("fireworks", &set(&self.fireworks))
            .field("fireworks_account", &self.fireworks_account)
            .field("azure_token", &set(&self.azure_token))
            .field("azure_subscription", &self.azure_subscription)
            .field("azure_resource_group", &self.azure_resource_group)
            .finish()
    }
}

impl VerifyKeys {
    /// The keys from `OPENAI_ADMIN_KEY`, `OPENAI_API_KEY`, `FIREWORKS_API_KEY`,
    /// `FIREWORKS_ACCOUNT_ID`, `AZURE_ACCESS_TOKEN`, `AZURE_SUBSCRIPTION_ID` and
    /// `AZURE_RESOURCE_GROUP` (blank values count as unset).
    pub fn from_env() -> Self {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        Self {
            openai_admin: env("OPENAI_ADMIN_KEY"),
            openai: env("OPENAI_API_KEY"),
            fireworks: env("FIREWORKS_API_KEY"),
            fireworks_account: env("FIREWORKS_ACCOUNT_ID"),
            azure_token: env("AZURE_ACCESS_TOKEN"),
            azure_subscription: env("AZURE_SUBSCRIPTION_ID"),
            azure_resource_group: env("AZURE_RESOURCE_GROUP"),
        }
    }
}

/// Whether the billed store-then-retrieve probe may be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeConsent {
    /// Send it when no settings API is available.
    Send,
    /// Do not; the report carries this note instead.
    Refuse(String),
}

/// How to verify.
#[derive(Debug, Clone)]
pub struct VerifyOptions {
    /// The API base URL to verify against (defaults to the provider's; the residency region's
    /// host for the probe). For Fireworks' settings, `/inference` is dropped from it.
    pub base_url: Option<String>,
    /// The keys.
    pub keys: VerifyKeys,
    /// Whether the probe may be sent.
    pub probe: ProbeConsent,
    /// The timeout of each call, over the whole call: connecting, sending, the answer's headers
    /// and its body. Connecting has its own timeout too: three quarters of this one, at most
    /// 10 s. A call that times out leaves its check unverified with [`FailureReason::Timeout`].
    /// Keep it positive.
    pub timeout: Duration,
}

impl VerifyOptions {
    /// The timeout of each call when none is given: [`DEFAULT_TIMEOUT`](Self::DEFAULT_TIMEOUT).
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

    /// Keys from the environment, the providers' own URLs, a 30-second timeout
    /// ([`DEFAULT_TIMEOUT`](Self::DEFAULT_TIMEOUT)), and no probe.
    pub fn from_env() -> Self {
        Self {
            base_url: None,
            keys: VerifyKeys::from_env(),
            probe: ProbeConsent::Refuse("not sent: the probe was not consented to".to_owned()),
            timeout: Self::DEFAULT_TIMEOUT,
        }
    }
}

/// Verifies every profile of `policy` in turn.
///
/// # Errors
/// [`VerifyError`], before anything is sent: a [`base_url`](VerifyOptions::base_url) that is not
/// `https` (plain `http` only to a loopback address), or an HTTP client that cannot be built.
pub async fn verify(policy: &Policy, options: &VerifyOptions) -> Result<Vec<Report>, VerifyError> {
    let mut reports = Vec::new();
    for guard in policy.guards() {
        reports.push(verify_profile(guard, options).await?);
    }
    Ok(reports)
}

/// The result of one check, or of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VerifyStatus {
    /// The provider's side matches the profile.
    Match,
    /// It does not.
    Mismatch,
    /// It could not be verified.
    Unverified,
}

use VerifyStatus as Status;

impl VerifyStatus {
    /// `match`, `mismatch` or `unverified`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Match => "match",
            Self::Mismatch => "mismatch",
            Self::Unverified => "unverified",
        }
    }
}

/// One comparison between the profile and the provider.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// What was compared, e.g. `project proj_1 retention`.
    pub name: String,
    /// What the profile says.
    pub expected: String,
    /// What the provider reported.
    pub actual: String,
    /// The result.
    pub status: Status,
    /// Why, when it is not a match. When a call failed: what happened (which timeout, the host
    /// that did not resolve, the TLS error, the HTTP status with the provider's error code and
    /// message), never a key, a token or the body.
    pub detail: String,
    /// Why a call failed, when this check is unverified because of it (`null` in JSON
    /// otherwise).
    pub reason: Option<FailureReason>,
}

/// What verifying one profile found.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The profile's name.
    pub profile: String,
    /// How it was verified: `admin_api`, `policytings`, `probe` or `none`.
    pub method: &'static str,
    /// The API base or URL that was asked.
    pub endpoint: String,
    /// The comparisons.
    pub checks: Vec<Check>,
    /// What else is worth knowing (a deleted probe, why a method fell back).
    pub notes: Vec<String>,
}

impl Report {
    fn new(method: &'static str, endpoint: String) -> Self {
        Self {
            profile: String::new(),
            method,
            endpoint,
            checks: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn check(
        &mut self,
        name: impl Into<String>,
        expected: impl Into<String>,
        actual: impl Into<String>,
        status: Status,
        detail: impl Into<String>,
    ) {
        self.checks.push(Check {
            name: name.into(),
            expected: expected.into(),
            actual: actual.into(),
            status,
            detail: detail.into(),
            reason: None,
        });
    }

    /// An unverified check: a call failed.
    fn failed(
        &mut self,
        name: impl Into<String>,
        expected: impl Into<String>,
        actual: impl Into<String>,
        failure: Failure,
    ) {
        self.checks.push(Check {
            name: name.into(),
            expected: expected.into(),
            actual: actual.into(),
            status: Status::Unverified,
            detail: failure.message,
            reason: Some(failure.reason),
        });
    }

    /// The overall result: any mismatch, else anything unverified (or nothing checked), else a
    /// match.
    pub fn status(&self) -> Status {
        if self.checks.iter().any(|c| c.status == Status::Mismatch) {
            Status::Mismatch
        } else if self.checks.is_empty()
            || self.checks.iter().any(|c| c.status == Status::Unverified)
        {
            Status::Unverified
        } else {
            Status::Match
        }
    }
}

/// Verifies one profile.
///
/// # Errors
/// As [`verify`]'s.
pub async fn verify_profile(guard: &Guard, options: &VerifyOptions) -> Result<Report, VerifyError> {
    // A plain-`http` base URL is loopback (or refused here): reached directly, never through a
    // proxy, which would see the credentials in clear.
    let direct = match &options.base_url {
        Some(base) => error::check_base_url(base)?,
        None => false,
    };
    let mut report = verify_inner(guard, options, direct).await?;
    report.profile = guard.profile().name().to_owned();
    Ok(report)
}

async fn verify_inner(
    guard: &Guard,
    options: &VerifyOptions,
    direct: bool,
) -> Result<Report, reqwest::Error> {
    let profile = guard.profile();
    let keys = &options.keys;
    let http = Http::new(options.timeout, direct)?;
    let catalog = guard.catalog();
    // The provider's host for the profile's region, under its base path.
    let regional_base = || {
        let host = profile
            .region()
            .and_then(|r| catalog.region_host(r))
            .unwrap_or(catalog.host());
        format!("https://{host}{}", catalog.base_path())
    };
    let report = match catalog.verification() {
        Verification::OpenAiAdmin { probe_model } => {
            if let Some(key) = keys.openai_admin.clone() {
                let base = options.base_url.clone().unwrap_or_else(|| {
                    format!("https://{}{}", catalog.host(), catalog.base_path())
                });
                admin(&http, &base, &key, profile).await
            } else if let Some(key) = keys.openai.clone() {
                let base = options.base_url.clone().unwrap_or_else(regional_base);
                probe(&http, &base, &key, guard, probe_model, &options.probe).await
            } else {
                unverifiable(
                    "none",
                    "set OPENAI_ADMIN_KEY (Admin API: reads the retention setting) or OPENAI_API_KEY \
                     (sends a store-then-retrieve probe)",
                )
            }
        }
        Verification::FireworksAccount { probe_model } => match keys.fireworks.clone() {
            Some(key) => {
                let base = options.base_url.clone().unwrap_or_else(regional_base);
                let account = profile
                    .account()
                    .map(str::to_owned)
                    .or_else(|| keys.fireworks_account.clone());
                let valid = |a: &String| {
                    !a.is_empty()
                        && a.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                };
                let fallback_note = match account {
                    Some(account) if !valid(&account) => {
                        "FIREWORKS_ACCOUNT_ID is not an account id (letters, digits, `-` and `_`)"
                            .to_owned()
                    }
                    Some(account) => {
                        // The control plane is the global host, whatever the inference region.
                        let control = match &options.base_url {
                            Some(given) => fireworks::control_plane(given),
                            None => "https://api.fireworks.ai/v1".to_owned(),
                        };
                        match fireworks::policytings(&http, &control, &key, &account, profile).await
                        {
                            Ok(report) => return Ok(report),
                            Err(why) => format!(
                                "reading the policy settings failed ({}): {why}",
                                why.reason
                            ),
                        }
                    }
                    None => "no account id (set `account` in the profile or FIREWORKS_ACCOUNT_ID) \
                             to read the account's policy settings"
                        .to_owned(),
                };
                let mut report =
                    probe(&http, &base, &key, guard, probe_model, &options.probe).await;
                report.notes.push(fallback_note);
                report
            }
            None => unverifiable(
                "none",
                "set FIREWORKS_API_KEY to send a store-then-retrieve probe",
            ),
        },
        Verification::AzureContentLogging => {
            let set = (
                keys.azure_token.as_deref(),
                keys.azure_subscription.as_deref(),
                keys.azure_resource_group.as_deref(),
                azure::resource_of(profile),
            );
            match set {
                (Some(token), Some(subscription), Some(group), Some(resource))
                    if azure::plain_segment(subscription) && azure::plain_segment(group) =>
                {
                    let arm = azure::Arm {
                        base: options.base_url.as_deref().unwrap_or(azure::MANAGEMENT),
                        token,
                        subscription,
                        group,
                    };
                    azure::content_logging(&http, &arm, &resource, profile).await
                }
                (_, _, _, None) => unverifiable(
                    "none",
                    "the profile's `base_url` is a gateway, not an Azure resource host, so the \
                     resource to read is unknown; check the resource's `ContentLogging` \
                     capability by hand (`az cognitiveservices account show`)",
                ),
                (Some(_), Some(_), Some(_), Some(_)) => unverifiable(
                    "none",
                    "AZURE_SUBSCRIPTION_ID or AZURE_RESOURCE_GROUP is not a plain id (letters, \
                     digits, `-`, `_`, `.`, parentheses)",
                ),
                _ => unverifiable(
                    "none",
                    "set AZURE_ACCESS_TOKEN, AZURE_SUBSCRIPTION_ID and AZURE_RESOURCE_GROUP to \
                     read the resource's `ContentLogging` capability through the management API",
                ),
            }
        }
        Verification::ByHand(how) if !how.is_empty() => unverifiable("none", how),
        _ => unverifiable(
            "none",
            &format!(
                "{} has no API that reports its data controls; check the organisation's settings \
                 (or contract) by hand",
                profile.provider()
            ),
        ),
    };
    Ok(report)
}

fn unverifiable(method: &'static str, why: &str) -> Report {
    let mut report = Report::new(method, String::new());
    report.notes.push(why.to_owned());
    report
}

/// The retention names OpenAI's Admin API reports, reduced to the profile's three modes.
fn mode_of(admin_type: &str) -> Option<Retention> {
    match admin_type {
        "zero_data_retention" | "enhanced_zero_data_retention" => {
            Some(Retention::ZeroDataRetention)
        }
        "modified_abuse_monitoring" | "enhanced_modified_abuse_monitoring" => {
            Some(Retention::ModifiedAbuseMonitoring)
        }
        "none" => Some(Retention::Standard),
        _ => None,
    }
}

fn compare_mode(expected: Retention, actual: Option<Retention>) -> (Status, String) {
    match actual {
        None => (
            Status::Unverified,
            "the API reported a retention type this tool does not know".to_owned(),
        ),
        Some(a) if a == expected => (Status::Match, String::new()),
        Some(a) if rank(a) < rank(expected) => (
            Status::Mismatch,
            format!("weaker than the profile: data the profile says is not retained may be ({a})"),
        ),
        Some(a) => (
            Status::Mismatch,
            format!("stricter than the profile ({a}): requests the profile allows may fail"),
        ),
    }
}

fn rank(r: Retention) -> u8 {
    match r {
        Retention::Standard => 0,
        Retention::ModifiedAbuseMonitoring => 1,
        _ => 2,
    }
}

async fn get_json(http: &Http, url: &str, key: &str) -> Result<Value, Failure> {
    http.json(http.get(url).bearer_auth(key), key).await
}

/// The `type` an Admin API retention answer carries.
fn retention_type(v: &Value) -> Result<String, Failure> {
    v["type"].as_str().map(str::to_owned).ok_or_else(|| {
        Failure::new(
            FailureReason::MalformedResponse,
            "the answer is JSON but has no `type`: not a data-retention object",
        )
    })
}

async fn admin(http: &Http, base: &str, key: &str, profile: &Profile) -> Report {
    let base = base.trim_end_matches('/');
    let mut report = Report::new("admin_api", base.to_owned());
    let expected = profile.retention();
    let org = match get_json(http, &format!("{base}/organization/data_retention"), key)
        .await
        .and_then(|v| retention_type(&v))
    {
        Ok(t) => Some(t),
        Err(e) => {
            report.failed("organization retention", expected.as_str(), "unknown", e);
            return report;
        }
    };
    let Some(project) = profile.project() else {
        let actual = org.clone().unwrap_or_default();
        let (status, detail) = compare_mode(expected, mode_of(&actual));
        report.check(
            "organization retention",
            expected.as_str(),
            actual,
            status,
            detail,
        );
        report.check(
            "project",
            "a project id",
            "none in the profile",
            Status::Unverified,
            "set `project` in the profile to verify the project's own setting and residency",
        );
        return report;
    };
    report.notes.push(format!(
        "organization retention: {}",
        org.as_deref().unwrap_or("unknown")
    ));
    match get_json(
        http,
        &format!("{base}/organization/projects/{project}/data_retention"),
        key,
    )
    .await
    .and_then(|v| retention_type(&v))
    {
        Ok(own) => {
            let effective = if own == "organization_default" {
                org.clone().unwrap_or_default()
            } else {
                own.clone()
            };
            let actual = if own == "organization_default" {
                format!("organization_default → {effective}")
            } else {
                own
            };
            let (status, detail) = compare_mode(expected, mode_of(&effective));
            report.check(
                format!("project {project} retention"),
                expected.as_str(),
                actual,
                status,
                detail,
            );
        }
        Err(e) => report.failed(
            format!("project {project} retention"),
            expected.as_str(),
            "unknown",
            e,
        ),
    }
    match get_json(
        http,
        &format!("{base}/organization/projects/{project}"),
        key,
    )
    .await
    {
        Ok(v) => {
            let want = profile
                .region()
                .map_or("GLOBAL (no residency region)".to_owned(), |r| {
                    format!("{}_STORAGE…", r.as_str().to_uppercase())
                });
            match v["residency"].as_str() {
                None => report.check(
                    format!("project {project} residency"),
                    want,
                    "not reported",
                    Status::Unverified,
                    "the API did not report a residency",
                ),
                Some(actual) => {
                    let region = residency_region(actual);
                    let status = if region == profile.region()
                        || (region.is_none() && actual == "GLOBAL" && profile.region().is_none())
                    {
                        Status::Match
                    } else {
                        Status::Mismatch
                    };
                    report.check(
                        format!("project {project} residency"),
                        want,
                        actual,
                        status,
                        "",
                    );
                }
            }
        }
        Err(e) => report.failed(format!("project {project} residency"), "", "unknown", e),
    }
    report
}

/// `EU_STORAGE_PROCESSING` → `eu`; `GLOBAL` → none.
fn residency_region(residency: &str) -> Option<Region> {
    let prefix = residency.split('_').next()?.to_ascii_lowercase();
    Region::from_code(&prefix)
}

async fn probe(
    http: &Http,
    base: &str,
    key: &str,
    guard: &Guard,
    model: &str,
    consent: &ProbeConsent,
) -> Report {
    let base = base.trim_end_matches('/');
    let profile = guard.profile();
    if let ProbeConsent::Refuse(note) = consent {
        let mut report = Report::new("probe", base.to_owned());
        report.notes.push(note.clone());
        return report;
    }
    let mut report = Report::new("probe", base.to_owned());
    let with_profile_headers = |rb: reqwest::RequestBuilder| {
        let rb = rb.bearer_auth(key);
        let rb = match profile.organization() {
            Some(o) => rb.header("openai-organization", o),
            None => rb,
        };
        match profile.project() {
            Some(p) => rb.header("openai-project", p),
            None => rb,
        }
    };
    let body = json!({"model": model, "input": "Reply with one word.", "store": true, "max_output_tokens": 16});
    let created = http
        .json(
            with_profile_headers(http.post(format!("{base}/responses"))).json(&body),
            key,
        )
        .await;
    let id = match created.map(|v| v["id"].as_str().map(str::to_owned)) {
        Ok(Some(id)) => id,
        Ok(None) => {
            report.failed(
                "probe response",
                "an id",
                "none",
                Failure::new(
                    FailureReason::MalformedResponse,
                    "the create call's answer has no response id",
                ),
            );
            return report;
        }
        Err(e) => {
            report.failed("probe response", "created", "failed", e);
            return report;
        }
    };
    let expected = if profile.is_zdr() {
        "not retrievable (no application state)"
    } else {
        "retrievable (the provider stores responses)"
    };
    let retrieved = http
        .send(with_profile_headers(
            http.get(format!("{base}/responses/{id}")),
        ))
        .await;
    let stored = match retrieved {
        Ok(resp) if resp.status().is_success() => true,
        Ok(resp) if resp.status() == reqwest::StatusCode::NOT_FOUND => false,
        Ok(resp) => {
            let actual = format!("HTTP {}", resp.status());
            let failure = http.status_failure(resp, key).await;
            let failure = failure.during("retrieving the probe failed");
            report.failed("stored response", expected, actual, failure);
            return report;
        }
        Err(e) => {
            let failure = e.during("retrieving the probe failed");
            report.failed("stored response", expected, "unknown", failure);
            return report;
        }
    };
    if stored {
        match http
            .send(with_profile_headers(
                http.delete(format!("{base}/responses/{id}")),
            ))
            .await
        {
            Ok(resp) if resp.status().is_success() => {
                report.notes.push(format!("deleted the stored probe {id}"))
            }
            Ok(resp) => {
                let failure = http.status_failure(resp, key).await;
                report.notes.push(format!(
                    "could not delete the stored probe {id} ({}): {failure}; delete it by hand",
                    failure.reason
                ))
            }
            Err(e) => report.notes.push(format!(
                "could not delete the stored probe {id} ({}): {e}; delete it by hand",
                e.reason
            )),
        }
    }
    let actual = if stored {
        "retrievable: the provider kept it"
    } else {
        "not retrievable"
    };
    let status = if stored != profile.is_zdr() {
        Status::Match
    } else {
        Status::Mismatch
    };
    let detail = match (profile.is_zdr(), stored) {
        (true, true) => "the profile says zero data retention, but the provider stores responses",
        (false, false) => "the provider did not keep the response: stricter than the profile",
        _ => "",
    };
    report.check("stored response", expected, actual, status, detail);
    report
}
