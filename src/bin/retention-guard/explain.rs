//! `retention-guard explain`: the decision the middleware would make for one request, as JSON.
//!
//! The request is built as a `reqwest::Request` and passed to `Policy::check_reqwest`, the very
//! function both adapters call, so the answer is the middleware's answer. Under a `report_only`
//! policy the answer is the decision enforcement would take, with `"enforced": false`; the exit
//! status still reflects that decision.

use std::io::Read;
use std::process::ExitCode;

use http::{HeaderMap, HeaderName, HeaderValue, Method};
use retention_guard::{Rule, Violation};
use serde_json::value::RawValue;
use serde_json::{Map, Value, json};
use url::Url;

use crate::{Outcome, UsageError};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    profile: crate::ProfileArg,
    /// The request URL.
    #[arg(long)]
    url: String,
    /// The HTTP method, as sent (methods are case-sensitive).
    #[arg(long, default_value = "POST")]
    method: String,
    /// The request body: a file, or `-` for standard input. The bytes are taken as sent.
    #[arg(long, value_name = "FILE|-")]
    body: Option<String>,
    /// A request header, `Name: value`; may be repeated. Headers take part in the decision as in
    /// the middleware (Content-Type, Content-Encoding, OpenAI-Project, …).
    #[arg(long = "header", value_name = "NAME: VALUE")]
    headers: Vec<String>,
    /// The profile to decide with, by name (as a `ProfileChoice` in code).
    #[arg(long = "choose", value_name = "PROFILE")]
    choose: Option<String>,
}

pub async fn run(args: Args) -> Outcome {
    let policy = args.profile.policy()?;
    let enforced = policy.mode() == retention_guard::Mode::Enforce;
    // The decision enforcement would take, whatever the mode.
    let enforcing = policy.with_mode(retention_guard::Mode::Enforce);
    let choice = args.choose.clone().map(retention_guard::ProfileChoice::new);
    let method = Method::from_bytes(args.method.as_bytes())
        .map_err(|_| UsageError(format!("invalid method `{}`", args.method)))?;
    let url: Url = args
        .url
        .parse()
        .map_err(|e| UsageError(format!("invalid URL `{}`: {e}", args.url)))?;
    let mut headers = HeaderMap::new();
    for header in &args.headers {
        let (name, value) = header.split_once(':').ok_or_else(|| {
            UsageError(format!("invalid header `{header}`: expected `Name: value`"))
        })?;
        let name = HeaderName::from_bytes(name.trim().as_bytes())
            .map_err(|_| UsageError(format!("invalid header name in `{header}`")))?;
        let value = HeaderValue::from_str(value.trim())
            .map_err(|_| UsageError(format!("invalid header value in `{header}`")))?;
        headers.append(name, value);
    }
    let body = match args.body.as_deref() {
        None => None,
        Some("-") => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| {
                UsageError(format!("cannot read the body from standard input: {e}"))
            })?;
            Some(bytes)
        }
        Some(path) => Some(
            std::fs::read(path)
                .map_err(|e| UsageError(format!("cannot read the body `{path}`: {e}")))?,
        ),
    };

    let mut request = reqwest::Request::new(method.clone(), url);
    *request.headers_mut() = headers.clone();
    *request.body_mut() = body.map(reqwest::Body::from);
    let mut raw_body = None;
    let mut output = match enforcing.check_reqwest(&mut request, choice.as_ref()).await {
        Ok(verdict) => {
            let sent = request.body().and_then(reqwest::Body::as_bytes);
            let body = sent.and_then(|b| serde_json::from_slice::<Value>(b).ok());
            // JSON nested deeper than serde_json's `Value` reads (128 levels) is printed as sent.
            if body.is_none() {
                raw_body = sent
                    .and_then(|b| std::str::from_utf8(b).ok())
                    .and_then(|s| serde_json::from_str::<&RawValue>(s).ok())
                    .map(|raw| raw.get().to_owned());
            }
            json!({
                "decision": "allow",
                "enforced": enforced,
                "profile": verdict.profile.as_deref(),
                "method": method.as_str(),
                "url": request.url().as_str(),
                "headers": changed_headers(&headers, request.headers()),
                "body": body,
                "changes": verdict.changes.iter().map(ToString::to_string).collect::<Vec<_>>(),
                "violation": null,
                "rule": verdict.rule.map(rule_json),
            })
        }
        Err(violation) => json!({
            "decision": "deny",
            "enforced": enforced,
            "profile": (violation.profile() != "policy").then(|| violation.profile()),
            "method": method.as_str(),
            "url": args.url,
            "headers": {},
            "body": null,
            "changes": [],
            "violation": violation_json(&violation),
            "rule": violation.rule().map(rule_json),
        }),
    };
    let code = if output["decision"] == "allow" {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    let text = match raw_body {
        None => format!("{output:#}\n"),
        Some(raw) => {
            // The same object, with the body spliced in verbatim.
            output["body"] = Value::String(PLACEHOLDER.to_owned());
            format!("{output:#}\n").replacen(&format!("\"{PLACEHOLDER}\""), &raw, 1)
        }
    };
    Ok((code, text))
}

/// Stands for a body too deep for `serde_json::Value` while the output is formatted.
const PLACEHOLDER: &str = "__retention_guard_raw_body__";

/// The headers whose values differ after the guard ran, names in lower case.
fn changed_headers(before: &HeaderMap, after: &HeaderMap) -> Value {
    let mut out = Map::new();
    for name in after.keys() {
        let new: Vec<_> = after.get_all(name).iter().collect();
        let old: Vec<_> = before.get_all(name).iter().collect();
        if new != old {
            let joined = new
                .iter()
                .map(|v| v.to_str().unwrap_or(""))
                .collect::<Vec<_>>()
                .join(", ");
            out.insert(name.as_str().to_owned(), Value::String(joined));
        }
    }
    Value::Object(out)
}

/// A catalog rule with its source.
pub fn rule_json(rule: &Rule) -> Value {
    json!({
        "id": rule.id,
        "summary": rule.summary,
        "source": {"url": rule.source.url, "read": rule.source.read},
    })
}

/// A violation: its stable code, its message and their parts.
pub fn violation_json(v: &Violation) -> Value {
    json!({
        "kind": v.code(),
        "message": v.to_string(),
        "target": v.target(),
        "reason": v.reason(),
        "remedy": v.remedy(),
    })
}
