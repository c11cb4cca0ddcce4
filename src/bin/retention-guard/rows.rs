//! What the guard does with each endpoint of a profile's catalog: the rows the `check` report
//! lists, each decided by evaluating a representative request.

use http::{HeaderMap, Method};
use retention_guard::catalog::{
    Action, Applies, BodyRule, Conditions, ModelLimitKind, Regions, ToolUse,
};
use retention_guard::guard::{Body, Request};
use retention_guard::{Change, Decision, Endpoint, Guard, OnUnknownEndpoint, Retention, Rule};
use serde_json::Value;
use url::Url;

/// What the guard does with one method of one catalog entry.
pub struct Row {
    pub method: &'static str,
    pub path: String,
    /// The representative request's URL the row was decided with.
    pub url: Url,
    pub endpoint: &'static Endpoint,
    pub outcome: Outcome,
    /// The exception entries that turn this row from deny to allow, each with the rule it
    /// waives; empty when the agreement alone allows the row (or denies it).
    pub exceptions: Vec<Waiver>,
}

/// One exception entry that turns a row from deny to allow, and the rule it waives there.
pub struct Waiver {
    /// The profile key: `allow` or `allow_outside_region`.
    pub key: &'static str,
    /// The entry as written.
    pub entry: String,
    /// The violation the row gets without the key's entries.
    pub kind: &'static str,
    /// The rule that denies it then (`None`: the profile's `on_unknown_endpoint`).
    pub rule: Option<&'static str>,
}

/// What the guard does with a row's request.
pub enum Outcome {
    Allowed {
        routed_to: Option<String>,
        headers: Vec<String>,
        rewrites: Vec<String>,
        conditions: Vec<String>,
    },
    Denied {
        kind: &'static str,
        reason: String,
        /// The rule that denied, or `None` when the profile's own `deny` list or
        /// `on_unknown_endpoint` did.
        rule: Option<&'static Rule>,
    },
}

impl Outcome {
    /// The outcome in the words observers and `explain` use ([`retention_guard::Outcome`]):
    /// `deny`; `rewrite` when the request is changed in any way (routed, headers set, `store`
    /// or a forced field written); `allow` when it is sent as it is.
    pub fn word(&self) -> &'static str {
        match self {
            Self::Denied { .. } => "deny",
            Self::Allowed {
                routed_to,
                headers,
                rewrites,
                ..
            } if routed_to.is_none() && headers.is_empty() && rewrites.is_empty() => "allow",
            Self::Allowed { .. } => "rewrite",
        }
    }
}

/// The rows of `guard`'s catalog.
pub fn rows(guard: &Guard) -> Vec<Row> {
    let catalog = guard.catalog();
    // The profile without each kind of exception: what the agreement alone permits. Each key
    // waives its own rule, so each is taken away on its own.
    let p = guard.profile();
    let without: Vec<(
        &'static str,
        &[retention_guard::profile::EndpointPattern],
        Guard,
    )> = [
        ("allow", p.allow(), p.without_allow()),
        (
            "allow_outside_region",
            p.allow_outside_region(),
            p.without_allow_outside_region(),
        ),
    ]
    .into_iter()
    .filter(|(_, entries, _)| !entries.is_empty())
    .map(|(key, entries, profile)| (key, entries, Guard::new(profile)))
    .collect();
    let mut rows = Vec::new();
    for endpoint in catalog.endpoints() {
        for method in endpoint.methods.names() {
            let base: Url = guard.default_base().parse().expect("a valid base");
            let shown = format!("{}{}", base.path().trim_end_matches('/'), endpoint.path);
            // `{file_id}` becomes `id`, and `{model}:generateContent` `id:generateContent`.
            let concrete: Vec<String> = shown
                .split('/')
                .filter(|s| *s != "**")
                .map(|s| match (s.starts_with('{'), s.find('}')) {
                    (true, Some(close)) => format!("id{}", &s[close + 1..]),
                    _ => s.to_owned(),
                })
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
            let decided = outcome(guard, &method_value, &url, endpoint);
            let exceptions = match &decided {
                Outcome::Allowed { .. } => without
                    .iter()
                    .filter_map(|(key, entries, agreement)| {
                        let Outcome::Denied { kind, rule, .. } =
                            outcome(agreement, &method_value, &url, endpoint)
                        else {
                            return None;
                        };
                        let entry = entries
                            .iter()
                            .find(|a| guard.entry_covers(a, &method_value, &url))
                            .map_or_else(|| format!("an entry of `{key}`"), |a| a.to_string());
                        Some(Waiver {
                            key,
                            entry,
                            kind,
                            rule: rule.map(|r| r.id),
                        })
                    })
                    .collect(),
                Outcome::Denied { .. } => Vec::new(),
            };
            rows.push(Row {
                method,
                path: shown,
                url: url.clone(),
                endpoint,
                outcome: decided,
                exceptions,
            });
        }
    }
    rows
}

pub fn outcome(guard: &Guard, method: &Method, url: &Url, endpoint: &'static Endpoint) -> Outcome {
    let p = guard.profile();
    let zdr = p.retention() == Retention::ZeroDataRetention;
    let cond = Conditions::new(
        zdr,
        p.region(),
        p.per_request_residency(),
        endpoint.residency.map_or(Regions::NONE, |r| r.processing),
    );
    let holds = |a: Applies| a.holds(&cond);
    let rules: Vec<&BodyRule> = endpoint.body_rules().collect();
    let limits: Vec<(ModelLimitKind, &Rule)> = rules
        .iter()
        .filter(|r| holds(r.applies))
        .filter_map(|r| match r.action {
            Action::Models(kind) => Some((kind, r.rule_or(&endpoint.rule))),
            _ => None,
        })
        .collect();
    // A model every applicable limit passes, to show what a compliant request gets.
    let model = limits.iter().find_map(|(kind, _)| match kind {
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
                rule: v.rule(),
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
        let forced: Vec<String> = rules
            .iter()
            .filter(|r| holds(r.applies))
            .filter_map(|r| match r.action {
                Action::Force { value } => Some(format!("`{}` → `{value}`", r.paths.first())),
                _ => None,
            })
            .collect();
        if !forced.is_empty() {
            rewrites.push(format!("{} (added or rewritten)", forced.join(", ")));
        }
        if zdr
            && rules
                .iter()
                .any(|r| matches!(r.action, Action::StoredItems))
        {
            conditions.push("denies `previous_response_id`, `conversation`, `background: true`, `item_reference` inputs".to_owned());
        }
        for (kind, rule) in &limits {
            conditions.push(match *kind {
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
                        .map(|(v, f)| format!("`:{v}` (unless `allow_tools` has `{f}`)"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                _ => rule.summary.to_owned(),
            });
        }
        let lists = rules.iter().filter_map(|r| match r.action {
            Action::Items(t) => Some((list_name(r.paths.first()), Some(t))),
            _ => None,
        });
        let header = endpoint.header_tokens.map(|h| (h.header, Some(h.tokens)));
        let tables = lists.chain(header);
        for (what, table) in tables {
            let Some(table) = table else { continue };
            let denied: Vec<String> = table
                .table
                .iter()
                .filter(|t| !matches!(t.use_, ToolUse::Allowed | ToolUse::Model(_)))
                .filter(|t| holds(t.applies) && !p.waives(t.feature, t.tool))
                .map(|t| format!("`{}`", t.tool))
                .collect();
            let unknown = if holds(table.applies) {
                ", and unknown ones"
            } else {
                ""
            };
            if !denied.is_empty() || !unknown.is_empty() {
                conditions.push(format!("denies the {what} {}{unknown}", denied.join(", ")));
            }
        }
        for r in rules.iter().filter(|r| holds(r.applies)) {
            match r.action {
                Action::Deny(d) if d.waivable => {
                    let path = r.paths.first();
                    if !p.waives(d.feature, path) {
                        conditions.push(format!(
                            "denies `{path}` ({})",
                            r.rule_or(&endpoint.rule).id
                        ));
                    }
                }
                Action::Deny(_) if r.applies.by_region() => conditions.push(format!(
                    "denies `{}` (not residency compliant)",
                    r.paths.first()
                )),
                Action::Batch(_) => {
                    conditions.push("checks every line of a batch input file".to_owned());
                }
                _ => {}
            }
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

/// What the profile does with endpoints its catalog does not list.
pub fn others(guard: &Guard) -> &'static str {
    match guard.profile().on_unknown_endpoint() {
        OnUnknownEndpoint::Deny => "deny (unknown_endpoint)",
        OnUnknownEndpoint::FailOpen => "allow, unchanged",
    }
}

/// The list a `key[].name` path names, e.g. `tools` for `tools[].type`.
fn list_name(path: &str) -> &str {
    path.split("[]").next().unwrap_or(path)
}
