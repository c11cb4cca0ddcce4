//! `retention-guard verify`: does the provider's side match the profile?
//!
//! - OpenAI with `OPENAI_ADMIN_KEY`: reads the organization's and the project's data-retention
//!   setting (`GET /organization/data_retention`, `GET /organization/projects/{id}/data_retention`)
//!   and the project's residency (`GET /organization/projects/{id}`) and compares them with the
//!   profile.
//! - Fireworks with `FIREWORKS_API_KEY` and an account id (the profile's `account`, or
//!   `FIREWORKS_ACCOUNT_ID`): reads the account's policy settings (ZDR enforcement for inference,
//!   residency) on the control plane (`--base-url` with `/inference` dropped); if they cannot be
//!   read, falls back to the probe.
//! - OpenAI with only `OPENAI_API_KEY`, and Fireworks without an account id: a probe. One
//!   Responses request with `"store": true`, then `GET` of the response by id, then `DELETE` if it
//!   was stored. Retrievable means the provider keeps application state. The probe is sent
//!   directly, not through the guard (the guard would rewrite its `store: true`).
//! - Groq: no API reports its data controls; says where to look.
//!
//! Exit status: 0 match, 1 mismatch, 2 could not verify (or a usage error).

use std::fmt::Write as _;
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use retention_guard::{Guard, Profile, Provider, Region, Retention};
use serde_json::{Value, json};

use crate::UsageError;

mod fireworks;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    profile: crate::ProfileArg,
    /// Print JSON instead of a summary.
    #[arg(long)]
    json: bool,
    /// Send the probe without asking (for scripts).
    #[arg(long)]
    yes: bool,
    /// The API base URL to verify against, e.g. `https://api.openai.com/v1` (defaults to the
    /// provider's; the residency region's host for the probe).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Match,
    Mismatch,
    Unverified,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Self::Match => "match",
            Self::Mismatch => "mismatch",
            Self::Unverified => "unverified",
        }
    }
}

struct Check {
    name: String,
    expected: String,
    actual: String,
    status: Status,
    detail: String,
}

struct Report {
    method: &'static str,
    endpoint: String,
    checks: Vec<Check>,
    notes: Vec<String>,
}

impl Report {
    fn new(method: &'static str, endpoint: String) -> Self {
        Self {
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
        });
    }

    fn status(&self) -> Status {
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

/// Verifies every profile of the policy, one section (or JSON object) each; the exit status is
/// the worst result: mismatch (1), then could not verify (2), else match (0).
pub async fn run(args: Args) -> crate::Outcome {
    let policy = args.profile.policy()?;
    let mut results = Vec::new();
    for guard in policy.guards() {
        results.push(verify_one(guard, &args).await?);
    }
    let worst = if results.iter().any(|(s, _)| *s == Status::Mismatch) {
        Status::Mismatch
    } else if results.iter().any(|(s, _)| *s == Status::Unverified) {
        Status::Unverified
    } else {
        Status::Match
    };
    let texts: Vec<String> = results.into_iter().map(|(_, t)| t).collect();
    let output = match (texts.len(), args.json) {
        (1, _) => texts.concat(),
        (_, true) => format!("[\n{}]\n", texts.join(",\n")),
        (_, false) => texts.join("\n"),
    };
    Ok((exit_code(worst), output))
}

async fn verify_one(guard: &Guard, args: &Args) -> Result<(Status, String), UsageError> {
    let profile = guard.profile();
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let report = match profile.provider() {
        Provider::OpenAi => {
            if let Some(key) = env("OPENAI_ADMIN_KEY") {
                let base = args
                    .base_url
                    .clone()
                    .unwrap_or_else(|| "https://api.openai.com/v1".to_owned());
                admin(&http, &base, &key, profile).await
            } else if let Some(key) = env("OPENAI_API_KEY") {
                let base = args
                    .base_url
                    .clone()
                    .unwrap_or_else(|| match profile.region() {
                        Some(r) => format!("https://{}/v1", r.openai_host()),
                        None => "https://api.openai.com/v1".to_owned(),
                    });
                probe(&http, &base, &key, guard, "gpt-4.1-nano", args.yes).await?
            } else {
                unverifiable(
                    "none",
                    "set OPENAI_ADMIN_KEY (Admin API: reads the retention setting) or OPENAI_API_KEY \
                     (sends a store-then-retrieve probe)",
                )
            }
        }
        Provider::Fireworks => match env("FIREWORKS_API_KEY") {
            Some(key) => {
                let base = args.base_url.clone().unwrap_or_else(|| {
                    match profile
                        .region()
                        .and_then(|r| guard.catalog().region_host(r))
                    {
                        Some(host) => format!("https://{host}/inference/v1"),
                        None => "https://api.fireworks.ai/inference/v1".to_owned(),
                    }
                });
                let account = profile
                    .account()
                    .map(str::to_owned)
                    .or_else(|| env("FIREWORKS_ACCOUNT_ID"));
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
                        let control = match &args.base_url {
                            Some(given) => fireworks::control_plane(given),
                            None => "https://api.fireworks.ai/v1".to_owned(),
                        };
                        match fireworks::policy_settings(&http, &control, &key, &account, profile)
                            .await
                        {
                            Ok(report) => {
                                return Ok((report.status(), render(&report, profile, args.json)));
                            }
                            Err(why) => why,
                        }
                    }
                    None => "no account id (set `account` in the profile or FIREWORKS_ACCOUNT_ID) \
                             to read the account's policy settings"
                        .to_owned(),
                };
                let mut report = probe(
                    &http,
                    &base,
                    &key,
                    guard,
                    "accounts/fireworks/models/llama-v3p1-8b-instruct",
                    args.yes,
                )
                .await?;
                report.notes.push(fallback_note);
                report
            }
            None => unverifiable(
                "none",
                "set FIREWORKS_API_KEY to send a store-then-retrieve probe",
            ),
        },
        Provider::Groq => unverifiable(
            "none",
            "Groq has no API that reports its data controls; check Zero Data Retention in the console \
             at https://console.groq.com/settings/data-controls (organization admins)",
        ),
        other => unverifiable("none", &format!("{other} cannot be verified over its API")),
    };
    Ok((report.status(), render(&report, profile, args.json)))
}

fn exit_code(status: Status) -> ExitCode {
    match status {
        Status::Match => ExitCode::SUCCESS,
        Status::Mismatch => ExitCode::from(1),
        Status::Unverified => ExitCode::from(2),
    }
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

async fn get_json(http: &reqwest::Client, url: &str, key: &str) -> Result<Value, String> {
    let resp = http
        .get(url)
        .bearer_auth(key)
        .send()
        .await
        .map_err(|e| format!("request failed: {}", without_url(&e)))?;
    read_json(resp).await
}

async fn read_json(resp: reqwest::Response) -> Result<Value, String> {
    let status = resp.status();
    let body: Value = resp.json().await.unwrap_or(Value::Null);
    if !status.is_success() {
        let message = body["error"]["message"]
            .as_str()
            .unwrap_or("no error message");
        return Err(format!("HTTP {status}: {message}"));
    }
    Ok(body)
}

/// A transport error's message without the URL (which the report already shows).
fn without_url(e: &reqwest::Error) -> String {
    let mut e = e.to_string();
    if let Some(i) = e.find(" for url") {
        e.truncate(i);
    }
    e
}

async fn admin(http: &reqwest::Client, base: &str, key: &str, profile: &Profile) -> Report {
    let base = base.trim_end_matches('/');
    let mut report = Report::new("admin_api", base.to_owned());
    let expected = profile.retention();
    let org = match get_json(http, &format!("{base}/organization/data_retention"), key).await {
        Ok(v) => v["type"].as_str().map(str::to_owned),
        Err(e) => {
            report.check(
                "organization retention",
                expected.as_str(),
                "unknown",
                Status::Unverified,
                e,
            );
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
    {
        Ok(v) => {
            let own = v["type"].as_str().unwrap_or_default().to_owned();
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
        Err(e) => report.check(
            format!("project {project} retention"),
            expected.as_str(),
            "unknown",
            Status::Unverified,
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
        Err(e) => report.check(
            format!("project {project} residency"),
            "",
            "unknown",
            Status::Unverified,
            e,
        ),
    }
    report
}

/// `EU_STORAGE_PROCESSING` → `eu`; `GLOBAL` → none.
fn residency_region(residency: &str) -> Option<Region> {
    let prefix = residency.split('_').next()?.to_ascii_lowercase();
    Region::from_code(&prefix)
}

async fn probe(
    http: &reqwest::Client,
    base: &str,
    key: &str,
    guard: &Guard,
    model: &str,
    yes: bool,
) -> Result<Report, UsageError> {
    let base = base.trim_end_matches('/');
    let profile = guard.profile();
    let _ = writeln!(
        std::io::stderr(),
        "verify sends a probe to {base}, not through the guard:\n  \
         1. POST /responses with \"store\": true, model `{model}`, a 4-word prompt, at most 16 output tokens\n     \
            (one small billed request: well under US$0.001)\n  \
         2. GET /responses/{{id}} to see whether it was stored\n  \
         3. DELETE /responses/{{id}} if it was"
    );
    if !yes {
        if !std::io::stdin().is_terminal() {
            let mut report = Report::new("probe", base.to_owned());
            report.notes.push(
                "not sent: standard input is not a terminal; pass --yes to send the probe"
                    .to_owned(),
            );
            return Ok(report);
        }
        eprint!("send it? [y/N] ");
        std::io::stderr().flush().ok();
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            let mut report = Report::new("probe", base.to_owned());
            report.notes.push("not sent: declined".to_owned());
            return Ok(report);
        }
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
    let created = match with_profile_headers(http.post(format!("{base}/responses")))
        .json(&body)
        .send()
        .await
    {
        Ok(resp) => read_json(resp).await,
        Err(e) => Err(format!("request failed: {}", without_url(&e))),
    };
    let id = match created
        .as_ref()
        .map(|v| v["id"].as_str().map(str::to_owned))
    {
        Ok(Some(id)) => id,
        Ok(None) => {
            report.check(
                "probe response",
                "an id",
                "none",
                Status::Unverified,
                "the create call returned no response id",
            );
            return Ok(report);
        }
        Err(e) => {
            report.check(
                "probe response",
                "created",
                "failed",
                Status::Unverified,
                e.clone(),
            );
            return Ok(report);
        }
    };
    let expected = if profile.is_zdr() {
        "not retrievable (no application state)"
    } else {
        "retrievable (the provider stores responses)"
    };
    let retrieved = with_profile_headers(http.get(format!("{base}/responses/{id}")))
        .send()
        .await;
    let stored = match retrieved {
        Ok(resp) if resp.status().is_success() => true,
        Ok(resp) if resp.status() == reqwest::StatusCode::NOT_FOUND => false,
        Ok(resp) => {
            report.check(
                "stored response",
                expected,
                format!("HTTP {}", resp.status()),
                Status::Unverified,
                "retrieving the probe failed",
            );
            return Ok(report);
        }
        Err(e) => {
            report.check(
                "stored response",
                expected,
                "unknown",
                Status::Unverified,
                format!("request failed: {}", without_url(&e)),
            );
            return Ok(report);
        }
    };
    if stored {
        match with_profile_headers(http.delete(format!("{base}/responses/{id}")))
            .send()
            .await
        {
            Ok(resp) if resp.status().is_success() => {
                report.notes.push(format!("deleted the stored probe {id}"))
            }
            Ok(resp) => report.notes.push(format!(
                "could not delete the stored probe {id}: HTTP {}; delete it by hand",
                resp.status()
            )),
            Err(e) => report.notes.push(format!(
                "could not delete the stored probe {id}: {}; delete it by hand",
                without_url(&e)
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
    Ok(report)
}

fn render(report: &Report, profile: &Profile, as_json: bool) -> String {
    if as_json {
        let out = json!({
            "profile": profile.name(),
            "provider": profile.provider().as_str(),
            "retention": profile.retention().as_str(),
            "method": report.method,
            "endpoint": report.endpoint,
            "result": report.status().as_str(),
            "checks": report.checks.iter().map(|c| json!({
                "check": c.name, "expected": c.expected, "actual": c.actual,
                "result": c.status.as_str(), "detail": c.detail,
            })).collect::<Vec<_>>(),
            "notes": report.notes,
        });
        return format!("{out:#}\n");
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "verify profile `{}` ({}, {})",
        profile.name(),
        profile.provider(),
        profile.retention()
    );
    let _ = match report.method {
        "admin_api" => writeln!(out, "method: OpenAI Admin API at {}", report.endpoint),
        "policy_settings" => writeln!(
            out,
            "method: Fireworks account policy settings at {}",
            report.endpoint
        ),
        "probe" => writeln!(
            out,
            "method: store-then-retrieve probe at {}",
            report.endpoint
        ),
        _ => writeln!(out, "method: none available"),
    };
    for c in &report.checks {
        let _ = writeln!(
            out,
            "  {:<9} {}: expected {}, found {}",
            c.status.as_str(),
            c.name,
            c.expected,
            c.actual
        );
        if !c.detail.is_empty() {
            let _ = writeln!(out, "            {}", c.detail);
        }
    }
    for note in &report.notes {
        let _ = writeln!(out, "  note: {note}");
    }
    let _ = writeln!(
        out,
        "result: {}",
        match report.status() {
            Status::Match => "match",
            Status::Mismatch => "MISMATCH",
            Status::Unverified => "could not verify",
        }
    );
    out
}
