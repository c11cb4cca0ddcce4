//! `retention-guard check`: validates a profile and shows, for each endpoint of its provider's
//! catalog, what the guard does with it — the artefact a compliance team reviews.
//!
//! Each row is found by asking the policy engine, not restated: the guard evaluates a
//! representative request per method and catalog entry (a body with `"store": true`, another
//! with no `store`, and a compliant model where the profile limits models), and reports what it
//! decided.

use std::fmt::Write;
use std::process::ExitCode;

use http::{HeaderMap, Method};
use retention_guard::catalog::ModelLimitKind;
use retention_guard::{
    Body, Change, Decision, Endpoint, Guard, OnUnknownEndpoint, Request, Retention,
};
use serde_json::{Value, json};
use url::Url;

use crate::explain::rule_json;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    profile: crate::ProfileArg,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// What the guard does with one method of one catalog entry.
struct Row {
    method: &'static str,
    path: String,
    endpoint: &'static Endpoint,
    outcome: Outcome,
}

enum Outcome {
    Allowed {
        routed_to: Option<String>,
        headers: Vec<String>,
        rewrites: Vec<String>,
        conditions: Vec<String>,
    },
    Denied {
        kind: &'static str,
        reason: String,
    },
}

pub fn run(args: Args) -> crate::Outcome {
    let guard = args.profile.guard()?;
    let rows = rows(&guard);
    let output = if args.json {
        format!("{:#}\n", to_json(&guard, &rows))
    } else {
        table(&guard, &rows)
    };
    Ok((ExitCode::SUCCESS, output))
}

fn rows(guard: &Guard) -> Vec<Row> {
    let catalog = guard.catalog();
    let mut rows = Vec::new();
    for endpoint in catalog.endpoints() {
        for method in endpoint.methods.names() {
            let shown = format!("{}{}", catalog.base_path(), endpoint.path);
            let concrete: Vec<&str> = shown
                .split('/')
                .filter(|s| *s != "**")
                .map(|s| if s.starts_with('{') { "id" } else { s })
                .collect();
            let url: Url = format!("https://{}{}", catalog.host(), concrete.join("/"))
                .parse()
                .expect("catalog paths form valid URLs");
            let method_value =
                Method::from_bytes(method.as_bytes()).expect("catalog methods are valid");
            rows.push(Row {
                method,
                path: shown,
                endpoint,
                outcome: outcome(guard, &method_value, &url, endpoint),
            });
        }
    }
    rows
}

fn outcome(guard: &Guard, method: &Method, url: &Url, endpoint: &'static Endpoint) -> Outcome {
    let model = match endpoint.model.map(|m| m.kind) {
        Some(ModelLimitKind::Prefix { prefix, .. }) => Some(format!("{prefix}1")),
        Some(ModelLimitKind::DenyFamilies { .. }) => {
            Some("accounts/fireworks/models/llama-v3p1-8b-instruct".to_owned())
        }
        _ => None,
    };
    let body = |store: Option<bool>| {
        let mut fields = serde_json::Map::new();
        if let Some(model) = &model {
            fields.insert("model".into(), Value::String(model.clone()));
        }
        if let Some(store) = store {
            fields.insert("store".into(), Value::Bool(store));
        }
        serde_json::to_vec(&Value::Object(fields)).expect("serialisable")
    };
    let headers = HeaderMap::new();
    let evaluate = |bytes: &[u8]| {
        let body = if *method == Method::POST {
            Body::Bytes(bytes)
        } else {
            Body::Empty
        };
        guard.evaluate(&Request::new(method, url, &headers, body))
    };
    let plain = body(Some(false));
    let allowed = match evaluate(&plain) {
        Decision::Deny(v) => {
            return Outcome::Denied {
                kind: v.code(),
                reason: v.reason().to_owned(),
            };
        }
        Decision::Allow(a) => a,
    };
    let mut rewrites = Vec::new();
    let mut conditions = Vec::new();
    if *method == Method::POST {
        match evaluate(&body(Some(true))) {
            Decision::Deny(v) => conditions.push(format!("`store: true` is denied ({})", v.code())),
            Decision::Allow(a) => rewrites.extend(
                a.changes()
                    .iter()
                    .filter(|c| matches!(c, Change::StoreRewritten { .. }))
                    .map(|_| "`store: true` → `false`".to_owned()),
            ),
        }
        if let Decision::Allow(a) = evaluate(&body(None)) {
            rewrites.extend(
                a.changes()
                    .iter()
                    .filter(|c| matches!(c, Change::StoreAdded))
                    .map(|_| "absent `store` → `false`".to_owned()),
            );
        }
        let zdr = guard.profile().retention() == Retention::ZeroDataRetention;
        if zdr && endpoint.stateful_params {
            conditions.push("denies `previous_response_id`, `conversation`, `background: true`, `item_reference` inputs".to_owned());
        }
        if zdr && let Some(limit) = endpoint.model {
            conditions.push(match limit.kind {
                ModelLimitKind::Prefix { prefix, default } => {
                    format!("model must be `{prefix}*` (absent means `{default}`)")
                }
                ModelLimitKind::DenyFamilies { families } => {
                    format!("denies models of the families {}", families.join(", "))
                }
                _ => limit.rule.summary.to_owned(),
            });
        }
    }
    Outcome::Allowed {
        routed_to: allowed.url().and_then(|u| u.host_str().map(str::to_owned)),
        headers: allowed
            .headers()
            .iter()
            .map(|(n, v)| format!("{n}: {}", v.to_str().unwrap_or("")))
            .collect(),
        rewrites,
        conditions,
    }
}

fn describe(guard: &Guard) -> String {
    let p = guard.profile();
    let mut parts = vec![p.provider().to_string(), p.retention().to_string()];
    if let Some(region) = p.region() {
        parts.push(format!("region {region}"));
    }
    if let Some(base) = p.base_url() {
        parts.push(format!("base_url {base}"));
    }
    format!("profile `{}`: {}", p.name(), parts.join(", "))
}

fn others(guard: &Guard) -> (&'static str, &'static str) {
    let p = guard.profile();
    let endpoints = match p.on_unknown_endpoint() {
        OnUnknownEndpoint::Deny => "deny (unknown_endpoint)",
        OnUnknownEndpoint::Allow => "allow, unchanged",
    };
    let hosts = if p.retention() == Retention::ZeroDataRetention {
        "deny (host_not_allowed)"
    } else {
        "allow, unchanged"
    };
    (endpoints, hosts)
}

fn table(guard: &Guard, rows: &[Row]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", describe(guard));
    let width = rows.iter().map(|r| r.path.len()).max().unwrap_or(4);
    let _ = writeln!(
        out,
        "{:<7} {:<width$}  {:<7} DETAILS",
        "METHOD", "PATH", "OUTCOME"
    );
    for row in rows {
        let (outcome, details) = match &row.outcome {
            Outcome::Denied { kind, .. } => ("deny", kind.to_string()),
            Outcome::Allowed {
                routed_to,
                headers,
                rewrites,
                conditions,
            } => {
                let mut details: Vec<String> = Vec::new();
                details.extend(rewrites.iter().cloned());
                details.extend(routed_to.iter().map(|h| format!("routed to {h}")));
                details.extend(headers.iter().map(|h| format!("sets {h}")));
                details.extend(conditions.iter().cloned());
                (
                    if rewrites.is_empty() {
                        "allow"
                    } else {
                        "rewrite"
                    },
                    details.join("; "),
                )
            }
        };
        let _ = writeln!(
            out,
            "{:<7} {:<width$}  {:<7} {details}",
            row.method, row.path, outcome
        );
    }
    let (endpoints, hosts) = others(guard);
    let _ = writeln!(
        out,
        "{:<7} {:<width$}  {endpoints}",
        "*", "any other endpoint"
    );
    let _ = writeln!(out, "{:<7} {:<width$}  {hosts}", "*", "any other host");
    for entry in guard.profile().allow() {
        let _ = writeln!(out, "allow-listed by the profile: {entry}");
    }
    for entry in guard.profile().deny() {
        let _ = writeln!(out, "deny-listed by the profile: {entry}");
    }
    out
}

fn to_json(guard: &Guard, rows: &[Row]) -> Value {
    let p = guard.profile();
    let (endpoints, hosts) = others(guard);
    json!({
        "profile": {
            "name": p.name(),
            "provider": p.provider().as_str(),
            "retention": p.retention().as_str(),
            "region": p.region().map(|r| r.as_str()),
            "base_url": p.base_url().map(Url::as_str),
            "allow": p.allow().iter().map(|e| e.as_str()).collect::<Vec<_>>(),
            "deny": p.deny().iter().map(|e| e.as_str()).collect::<Vec<_>>(),
        },
        "endpoints": rows.iter().map(|row| {
            let mut entry = json!({
                "method": row.method,
                "path": row.path,
                "rule": rule_json(&row.endpoint.rule),
                "stores": row.endpoint.stores,
            });
            match &row.outcome {
                Outcome::Denied { kind, reason } => {
                    entry["decision"] = json!("deny");
                    entry["violation"] = json!({"kind": kind, "reason": reason});
                }
                Outcome::Allowed { routed_to, headers, rewrites, conditions } => {
                    entry["decision"] = json!(if rewrites.is_empty() { "allow" } else { "rewrite" });
                    entry["routed_to"] = json!(routed_to);
                    entry["headers"] = json!(headers);
                    entry["rewrites"] = json!(rewrites);
                    entry["conditions"] = json!(conditions);
                }
            }
            entry
        }).collect::<Vec<_>>(),
        "other_endpoints": endpoints,
        "other_hosts": hosts,
    })
}
