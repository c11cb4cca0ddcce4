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
use retention_guard::catalog::{Applies, ModelLimit, ModelLimitKind, ToolUse};
use retention_guard::{
    Body, Change, Decision, Endpoint, Guard, Mode, OnUnknownEndpoint, OnUnknownHost, Region,
    Request, Retention,
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

/// Validates the policy and prints its mode first, then one section per profile.
pub fn run(args: Args) -> crate::Outcome {
    let policy = args.profile.policy()?;
    let mode = policy.mode().as_str();
    let unknown_hosts = match policy.on_unknown_host() {
        OnUnknownHost::Deny => "deny (host_not_allowed)",
        _ => "allow, unchanged",
    };
    let output = if args.json {
        let profiles: Vec<Value> = policy
            .guards()
            .iter()
            .map(|g| to_json(g, &rows(g)))
            .collect();
        let out = json!({
            "mode": mode,
            "enforced": policy.mode() == Mode::Enforce,
            "hosts_no_profile_covers": unknown_hosts,
            "profiles": profiles,
        });
        format!("{out:#}\n")
    } else {
        let mut out = format!("mode: {mode}");
        if policy.mode() == Mode::ReportOnly {
            out.push_str(" (decisions are reported, not enforced: requests are sent as built)");
        }
        let _ = writeln!(out, "\nhosts no profile covers: {unknown_hosts}");
        for guard in policy.guards() {
            out.push('\n');
            out.push_str(&table(guard, &rows(guard)));
        }
        out
    };
    Ok((ExitCode::SUCCESS, output))
}

fn rows(guard: &Guard) -> Vec<Row> {
    let catalog = guard.catalog();
    let mut rows = Vec::new();
    for endpoint in catalog.endpoints() {
        for method in endpoint.methods.names() {
            let base: Url = guard.default_base().parse().expect("a valid base");
            let shown = format!("{}{}", base.path().trim_end_matches('/'), endpoint.path);
            let concrete: Vec<&str> = shown
                .split('/')
                .filter(|s| *s != "**")
                .map(|s| if s.starts_with('{') { "id" } else { s })
                .collect();
            let url: Url = format!(
                "{}{}",
                base.origin().ascii_serialization(),
                concrete.join("/")
            )
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
    let p = guard.profile();
    let zdr = p.retention() == Retention::ZeroDataRetention;
    let applicable = |l: &&ModelLimit| match l.applies {
        Applies::ZeroDataRetention => zdr,
        Applies::ZdrOrRegion => zdr || p.region().is_some(),
        _ => p.region().is_some(),
    };
    let limits: Vec<&ModelLimit> = endpoint.models.iter().copied().filter(applicable).collect();
    // A model every applicable limit passes, to show what a compliant request gets.
    let model = limits.iter().find_map(|l| match l.kind {
        ModelLimitKind::Listed { models, .. } => models.first().map(|m| (*m).to_owned()),
        ModelLimitKind::Suffix { .. } => Some("accounts/fireworks/routers/kimi-k3-us".to_owned()),
        // A declared deployment that processes in the region, if the profile has one.
        ModelLimitKind::Declared => p
            .deployments()
            .iter()
            .find(|(_, zone)| p.region().is_none_or(|r| zone.processes_in(r)))
            .map(|(name, _)| name.clone())
            .or_else(|| Some("(no declared deployment)".to_owned())),
        _ => None,
    });
    let model = model.or_else(|| {
        (!limits.is_empty()).then(|| "accounts/fireworks/models/llama-v3p1-8b-instruct".to_owned())
    });
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
        if let Some(forced) = endpoint.forced.filter(|_| zdr) {
            let fields: Vec<String> = forced
                .fields
                .iter()
                .map(|(k, v)| format!("`{}.{k}` → `{v}`", forced.object))
                .collect();
            rewrites.push(format!("{} (added or rewritten)", fields.join(", ")));
        }
        if zdr && endpoint.plugins.is_some() {
            conditions
                .push("denies `plugins` and `web_search_options` not in `allow_tools`".to_owned());
        }
        if zdr && endpoint.stateful_params {
            conditions.push("denies `previous_response_id`, `conversation`, `background: true`, `item_reference` inputs".to_owned());
        }
        for limit in &limits {
            conditions.push(match limit.kind {
                ModelLimitKind::Listed { models, default } => format!(
                    "model must be one of {} (absent means {})",
                    if models.is_empty() {
                        "none".to_owned()
                    } else {
                        models.join(", ")
                    },
                    default.unwrap_or("no documented default")
                ),
                ModelLimitKind::DenyFamilies { families } => {
                    format!("denies models of the families {}", families.join(", "))
                }
                ModelLimitKind::DenySegment { segment } => {
                    format!("denies `{segment}` router models")
                }
                ModelLimitKind::Suffix { suffix } => format!("model must end in `{suffix}`"),
                ModelLimitKind::Declared => format!(
                    "the deployment (path or `model`) must be declared in `deployments` with a \
                     type that processes in `{}`",
                    p.region().map_or("", |r| r.as_str())
                ),
                ModelLimitKind::DenyVariant { variants } => format!(
                    "denies models with {}",
                    variants
                        .iter()
                        .map(|(v, t)| format!("`:{v}` (unless `allow_tools` has `{t}`)"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                _ => limit.rule.summary.to_owned(),
            });
        }
        if zdr && let Some(tools) = endpoint.tools {
            let denied: Vec<&str> = tools
                .table
                .iter()
                .filter(|t| matches!(t.use_, ToolUse::Denied | ToolUse::HostedUnlessLocal))
                .map(|t| t.tool)
                .filter(|t| !p.allow_tools().iter().any(|a| a == t))
                .collect();
            conditions.push(format!(
                "denies the tools {} and unknown tool types",
                denied.join(", ")
            ));
        }
        if endpoint.tracing.is_some() && p.region().is_some_and(|r| r != Region::Us) {
            conditions.push("denies `tracing` (not residency compliant)".to_owned());
        }
        if endpoint.batch_input.is_some() {
            conditions.push("checks every line of a batch input file".to_owned());
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
    if p.per_request_residency() {
        parts.push("per-request residency".to_owned());
    }
    if let Some(base) = p.base_url() {
        parts.push(format!("base_url {base}"));
    }
    format!("profile `{}`: {}", p.name(), parts.join(", "))
}

/// What the profile does with endpoints its catalog does not list.
fn others(guard: &Guard) -> &'static str {
    match guard.profile().on_unknown_endpoint() {
        OnUnknownEndpoint::Deny => "deny (unknown_endpoint)",
        OnUnknownEndpoint::Allow => "allow, unchanged",
    }
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
    let _ = writeln!(
        out,
        "{:<7} {:<width$}  {}",
        "*",
        "any other endpoint",
        others(guard)
    );
    for entry in guard.profile().allow() {
        let _ = writeln!(out, "allow-listed by the profile: {entry}");
    }
    for entry in guard.profile().deny() {
        let _ = writeln!(out, "deny-listed by the profile: {entry}");
    }
    for name in guard.profile().confirmations() {
        let _ = writeln!(
            out,
            "assumption (confirmed in the profile, not visible in requests): {name}"
        );
    }
    for tool in guard.profile().allow_tools() {
        let _ = writeln!(
            out,
            "exception to the agreement: the `{tool}` tool is allowed (allow_tools)"
        );
    }
    for model in guard.profile().allow_models() {
        let _ = writeln!(
            out,
            "exception to the agreement: model `{model}` passes the model rules (allow_models)"
        );
    }
    out
}

fn to_json(guard: &Guard, rows: &[Row]) -> Value {
    let p = guard.profile();
    json!({
        "profile": {
            "name": p.name(),
            "provider": p.provider().as_str(),
            "retention": p.retention().as_str(),
            "region": p.region().map(|r| r.as_str()),
            "base_url": p.base_url().map(Url::as_str),
            "allow": p.allow().iter().map(|e| e.as_str()).collect::<Vec<_>>(),
            "deny": p.deny().iter().map(|e| e.as_str()).collect::<Vec<_>>(),
            "per_request_residency": p.per_request_residency(),
            "allow_tools": p.allow_tools(),
            "allow_models": p.allow_models(),
            "confirm": p.confirmations(),
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
        "other_endpoints": others(guard),
    })
}
