//! `retention-guard explain`: the decision the middleware would make for one request, as JSON.
//!
//! The request is built as a `reqwest::Request` and passed to `adapter::check`, the very
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

use crate::command::{Outcome, ProfileArg, UsageError};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    profile: ProfileArg,
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
    let mut output =
        match retention_guard::adapter::check(&enforcing, &mut request, choice.as_ref()).await {
            Ok(verdict) => {
                // The exact bytes that would be sent: JSON spliced in verbatim (duplicate keys and
                // all, as the provider reads them), other UTF-8 text as a string, anything else as
                // base64.
                let sent = request.body().and_then(reqwest::Body::as_bytes);
                let text = sent.and_then(|b| std::str::from_utf8(b).ok());
                raw_body = text.filter(|t| is_json(t)).map(str::to_owned);
                let body = match (sent, text) {
                    (_, Some(t)) if raw_body.is_none() => Value::String(t.to_owned()),
                    (Some(b), None) => json!({"base64": base64(b)}),
                    _ => Value::Null,
                };
                json!({
                    // The observer's word: `rewrite` when anything changed, `allow` otherwise.
                    "decision": verdict.outcome().as_str(),
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
    let code = if output["decision"] != "deny" {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    let text = match raw_body {
        None => format!("{output:#}\n"),
        Some(raw) => {
            // The same object, with the body spliced in verbatim.
            output["body"] = Value::String(PLACEHOLDER.to_owned());
            // The `body` member itself: no other member can hold that key and value.
            format!("{output:#}\n").replacen(
                &format!("\"body\": \"{PLACEHOLDER}\""),
                &format!("\"body\": {raw}"),
                1,
            )
        }
    };
    Ok((code, text))
}

/// Stands for the JSON body while the output is formatted; the body replaces it verbatim.
const PLACEHOLDER: &str = "__retention_guard_raw_body__";

/// Whether `text` is one JSON value (at any depth, with duplicate keys).
fn is_json(text: &str) -> bool {
    serde_json::from_str::<&RawValue>(text).is_ok()
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

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
        "source": {"url": rule.source.url, "read": rule.source.read, "secondary": rule.source.secondary},
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (input, output) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), output);
        }
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }

    #[test]
    fn json_is_recognised_at_any_depth_and_with_duplicates() {
        assert!(is_json(r#"{"a":1,"a":2}"#));
        assert!(is_json(&format!("{}{}", "[".repeat(300), "]".repeat(300))));
        assert!(!is_json("v=0\r\n"));
        assert!(!is_json(r#"{"a":1} {"b":2}"#));
    }
}
