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
//! - Azure OpenAI with `AZURE_ACCESS_TOKEN`, `AZURE_SUBSCRIPTION_ID` and `AZURE_RESOURCE_GROUP`:
//!   reads the resource's `ContentLogging` capability through the management API.
//! - Groq and the others: no API reports their data controls; says where to look.
//!
//! Every call has a timeout, `--timeout SECONDS` (1 to 600; 30 by default), over the whole call:
//! connecting, the answer's headers and its body, so a server that accepts the connection and
//! never answers, or stalls in the middle of the body, cannot hang the command. Connecting has
//! its own timeout too: three quarters of it, at most 10 s (a host that cannot be reached is told
//! apart from a server that does not answer).
//!
//! A call that fails leaves its check `unverified`, with why in the check's detail and, in
//! `--json`, its `reason`: `timeout` (which timeout, and its length), `dns` (the host name that
//! did not resolve), `connect` (refused: nothing listens on the port), `tls` (the handshake
//! failed: an untrusted certificate, or no TLS on the port), `http_status` (the status with the
//! provider's error code and message, e.g. `HTTP 401 Unauthorized: invalid_api_key
//! (invalid_request_error): …`; a body that is not JSON, such as a proxy's HTML page, is not
//! shown, only its type and size), `malformed_response` (a success whose body is not the JSON
//! expected) or `transport` (the connection failed mid-answer). Keys, tokens and bodies never
//! appear; words of an error message that look like a key are redacted.
//!
//! Exit status: 0 match, 1 mismatch, 2 could not verify (or a usage error).

use std::fmt::Write as _;
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use retention_guard::Profile;
use retention_guard::verify::{Check, ProbeConsent, Report, VerifyOptions, VerifyStatus as Status};
use serde::Serialize;

use crate::command::{Outcome, ProfileArg, UsageError};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    profile: ProfileArg,
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
    /// The timeout of each call to the provider, in seconds (1 to 600), over the whole call:
    /// connecting (three quarters of it at most, and at most 10 s), the answer's headers and its
    /// body.
    #[arg(long, value_name = "SECONDS", default_value_t = VerifyOptions::DEFAULT_TIMEOUT.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..=600))]
    timeout: u64,
}

/// Verifies every profile of the policy, one section (or JSON object) each; the exit status is
/// the worst result: mismatch (1), then could not verify (2), else match (0).
pub async fn run(args: Args) -> Outcome {
    let policy = args.profile.policy()?;
    let mut options = VerifyOptions::from_env();
    options.base_url = args.base_url.clone();
    options.timeout = std::time::Duration::from_secs(args.timeout);
    options.probe = consent(&options, &policy, args.yes)?;
    let reports = retention_guard::verify::verify(&policy, &options).await?;
    let worst = if reports.iter().any(|r| r.status() == Status::Mismatch) {
        Status::Mismatch
    } else if reports.iter().any(|r| r.status() == Status::Unverified) {
        Status::Unverified
    } else {
        Status::Match
    };
    let output = if args.json {
        let out = JsonOutput {
            result: worst.as_str(),
            profiles: reports
                .iter()
                .zip(policy.profiles())
                .map(|(r, p)| JsonProfile::new(r, p))
                .collect(),
        };
        format!("{}\n", serde_json::to_string_pretty(&out)?)
    } else {
        reports
            .iter()
            .zip(policy.profiles())
            .map(|(r, p)| render(r, p))
            .collect::<Vec<_>>()
            .join("\n")
    };
    Ok((exit_code(worst), output))
}

/// `verify --json`: one object, whatever the number of profiles — the worst result, and one
/// entry per profile, in the policy's order.
#[derive(Serialize)]
struct JsonOutput<'a> {
    /// `match`, `mismatch` or `unverified`: the worst of the profiles'.
    result: &'static str,
    profiles: Vec<JsonProfile<'a>>,
}

/// One profile's verification.
#[derive(Serialize)]
struct JsonProfile<'a> {
    profile: &'a str,
    provider: &'static str,
    retention: &'static str,
    /// `admin_api`, `policytings`, `probe` or `none`.
    method: &'static str,
    endpoint: &'a str,
    result: &'static str,
    checks: Vec<JsonCheck<'a>>,
    notes: &'a [String],
}

impl<'a> JsonProfile<'a> {
    fn new(report: &'a Report, profile: &'a Profile) -> Self {
        Self {
            profile: profile.name(),
            provider: profile.provider().as_str(),
            retention: profile.retention().as_str(),
            method: report.method,
            endpoint: &report.endpoint,
            result: report.status().as_str(),
            checks: report.checks.iter().map(JsonCheck::from).collect(),
            notes: &report.notes,
        }
    }
}

/// One comparison.
#[derive(Serialize)]
struct JsonCheck<'a> {
    check: &'a str,
    expected: &'a str,
    actual: &'a str,
    result: &'static str,
    detail: &'a str,
    /// Why a call failed (`timeout`, `dns`, …), or `null`.
    reason: Option<&'static str>,
}

impl<'a> From<&'a Check> for JsonCheck<'a> {
    fn from(c: &'a Check) -> Self {
        Self {
            check: &c.name,
            expected: &c.expected,
            actual: &c.actual,
            result: c.status.as_str(),
            detail: &c.detail,
            reason: c.reason.map(|r| r.as_str()),
        }
    }
}

/// Whether the probe may be sent: with `--yes`; otherwise asked on a terminal, after saying what
/// it sends. Asked only when some profile may need it (an OpenAI or Fireworks key without a
/// settings API).
fn consent(
    options: &VerifyOptions,
    policy: &retention_guard::Policy,
    yes: bool,
) -> Result<ProbeConsent, UsageError> {
    use retention_guard::catalog::{Catalog, Verification};
    let keys = &options.keys;
    let may_probe = policy
        .profiles()
        .any(|p| match Catalog::of(p.provider()).verification() {
            Verification::OpenAiAdmin { .. } => {
                keys.openai_admin.is_none() && keys.openai.is_some()
            }
            Verification::FireworksAccount { .. } => keys.fireworks.is_some(),
            _ => false,
        });
    if !may_probe {
        return Ok(ProbeConsent::Send);
    }
    let _ = writeln!(
        std::io::stderr(),
        "verify may send a probe to the provider, not through the guard:\n  \
         1. POST /responses with \"store\": true, a small model, a 4-word prompt, at most 16 \
         output tokens\n     (one small billed request: well under US$0.001)\n  \
         2. GET /responses/{{id}} to see whether it was stored\n  \
         3. DELETE /responses/{{id}} if it was"
    );
    if yes {
        return Ok(ProbeConsent::Send);
    }
    if !std::io::stdin().is_terminal() {
        return Ok(ProbeConsent::Refuse(
            "not sent: standard input is not a terminal; pass --yes to send the probe".to_owned(),
        ));
    }
    eprint!("send it? [y/N] ");
    std::io::stderr().flush().ok();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(
        if matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            ProbeConsent::Send
        } else {
            ProbeConsent::Refuse("not sent: declined".to_owned())
        },
    )
}

fn exit_code(status: Status) -> ExitCode {
    match status {
        Status::Match => ExitCode::SUCCESS,
        Status::Mismatch => ExitCode::from(1),
        Status::Unverified => ExitCode::from(2),
    }
}

fn render(report: &Report, profile: &Profile) -> String {
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
        "policytings" => writeln!(
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
