//! The `check` report: what it says (one model) and its three formats (table, Markdown, JSON).
//!
//! Every format states, in this order: the crate version, the policy file with its SHA-256 and
//! the date; the mode and what happens to hosts no profile covers; per profile, its settings,
//! the routing and headers every request gets (once), one row per method and catalog entry, its
//! outcome in the observer's words (deny rows with the reason and the rule's source and read date;
//! rows an `allow` or `allow_outside_region` entry turns from deny to allow marked as exceptions,
//! each naming the rule it waives), any other endpoint, the exceptions to the agreement, the
//! assumptions (settings no request shows: the provider side's retention mode and the `confirm`
//! names) and the warnings; last, what the guard cannot enforce.

use std::fmt::Write as _;
use std::path::Path;

use retention_guard::catalog::{Catalog, Feature, NOT_ENFORCED, Verification};
use retention_guard::profile::EndpointPattern;
use retention_guard::{Guard, Mode, OnUnknownHost, Policy, Retention};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::command::UsageError;
use crate::explain::rule_json;
use crate::rows::{Outcome, Row, Waiver, others};

/// The report's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns, for a terminal.
    Table,
    /// A Markdown document with tables, for a review or a ticket.
    Markdown,
    /// One JSON object, for tools.
    Json,
}

/// What the report is about: the tool, the file, the date, the policy's settings.
pub struct Meta {
    version: &'static str,
    file: String,
    sha256: String,
    date: String,
    mode: Mode,
    unknown_hosts: &'static str,
}

impl Meta {
    /// Reads the policy file again for its digest.
    pub fn read(path: &Path, policy: &Policy) -> Result<Self, UsageError> {
        let bytes = std::fs::read(path)
            .map_err(|e| UsageError(format!("cannot read `{}`: {e}", path.display())))?;
        let sha256 = Sha256::digest(&bytes)
            .iter()
            .fold(String::new(), |mut hex, b| {
                let _ = write!(hex, "{b:02x}");
                hex
            });
        Ok(Self {
            version: env!("CARGO_PKG_VERSION"),
            file: path.display().to_string(),
            sha256,
            date: today()?,
            mode: policy.mode(),
            unknown_hosts: match policy.on_unknown_host() {
                OnUnknownHost::Deny => "deny (host_not_allowed)",
                _ => "allow, unchanged",
            },
        })
    }

    fn mode_line(&self) -> String {
        match self.mode {
            Mode::ReportOnly => format!(
                "{} (decisions are reported, not enforced: requests are sent as built)",
                self.mode.as_str()
            ),
            _ => self.mode.as_str().to_owned(),
        }
    }
}

/// Today's date (UTC, ISO 8601), or the date of `SOURCE_DATE_EPOCH` when it is set.
fn today() -> Result<String, UsageError> {
    let secs = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v.trim().parse::<u64>().map_err(|_| {
            UsageError(format!(
                "`SOURCE_DATE_EPOCH` must be seconds since 1970-01-01, not `{v}`"
            ))
        })?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    };
    // Days to a civil date (Howard Hinnant's algorithm).
    let days = (secs / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Ok(format!("{year:04}-{month:02}-{day:02}"))
}

/// One profile's part of the report.
pub struct ProfileReport<'g> {
    guard: &'g Guard,
    rows: Vec<Row>,
    /// The host and headers most allowed rows get: stated once; rows that differ say so.
    routed_to: Option<String>,
    headers: Vec<String>,
}

impl<'g> ProfileReport<'g> {
    pub fn new(guard: &'g Guard, rows: Vec<Row>) -> Self {
        // (routed to, headers) of allowed rows, with how many rows get each.
        type Routing<'r> = (&'r Option<String>, &'r Vec<String>);
        let mut seen: Vec<(Routing<'_>, usize)> = Vec::new();
        for row in &rows {
            if let Outcome::Allowed {
                routed_to, headers, ..
            } = &row.outcome
            {
                match seen.iter_mut().find(|(k, _)| *k == (routed_to, headers)) {
                    Some((_, n)) => *n += 1,
                    None => seen.push(((routed_to, headers), 1)),
                }
            }
        }
        let common = seen.iter().max_by_key(|(_, n)| *n).map(|(k, _)| *k);
        let (routed_to, headers) = common
            .map(|(r, h)| (r.clone(), h.clone()))
            .unwrap_or_default();
        Self {
            guard,
            rows,
            routed_to,
            headers,
        }
    }

    fn settings(&self) -> String {
        let p = self.guard.profile();
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
        for (name, zone) in p.deployments() {
            parts.push(format!("deployment {name}: {zone}"));
        }
        parts.join(", ")
    }

    fn routing(&self) -> String {
        self.routed_to
            .as_deref()
            .map_or("as addressed (no rerouting)".to_owned(), str::to_owned)
    }

    fn header_list(&self) -> String {
        if self.headers.is_empty() {
            "none".to_owned()
        } else {
            self.headers.join("; ")
        }
    }

    /// A row's outcome label and details, without what every row shares.
    fn cells(&self, row: &Row, code: fn(&str) -> String) -> (String, String) {
        let mut label = row.outcome.word().to_owned();
        let mut details: Vec<String> = Vec::new();
        match &row.outcome {
            Outcome::Denied { kind, reason, rule } => {
                details.push(format!("{}: {reason}", code(kind)));
                details.push(match rule {
                    Some(r) => format!(
                        "rule {} ({}, read {}{})",
                        code(r.id),
                        r.source.url,
                        r.source.read,
                        r.source
                            .secondary
                            .map_or(String::new(), |why| format!("; a secondary source: {why}"))
                    ),
                    None => "decided by the profile (no catalog rule)".to_owned(),
                });
            }
            Outcome::Allowed {
                routed_to,
                headers,
                rewrites,
                conditions,
            } => {
                details.extend(rewrites.iter().cloned());
                if *routed_to != self.routed_to {
                    details.push(match routed_to {
                        Some(h) => format!("routed to {h}"),
                        None => "not rerouted".to_owned(),
                    });
                }
                if *headers != self.headers {
                    details.push(format!("sets {}", headers.join("; ")));
                }
                details.extend(conditions.iter().cloned());
            }
        }
        if !row.exceptions.is_empty() {
            label.push_str(" (exception)");
            for (i, w) in row.exceptions.iter().enumerate() {
                details.insert(
                    i,
                    format!("exception to the agreement: {}", waiver(w, code)),
                );
            }
        }
        (label, details.join("; "))
    }

    fn exceptions(&self, code: fn(&str) -> String) -> Vec<String> {
        let p = self.guard.profile();
        let listed = |key: &'static str, entries: &[EndpointPattern], waives: &str| {
            entries
                .iter()
                .map(|entry| {
                    let mut rules: Vec<String> = Vec::new();
                    let mut turned = 0;
                    for w in self.rows.iter().flat_map(|r| &r.exceptions) {
                        if w.key == key && w.entry == entry.as_str() {
                            turned += 1;
                            let rule = w.rule.map_or_else(
                                || format!("{} (on_unknown_endpoint)", code(w.kind)),
                                |r| format!("{} ({})", code(r), w.kind),
                            );
                            if !rules.contains(&rule) {
                                rules.push(rule);
                            }
                        }
                    }
                    let rules = if rules.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", rules.join(", "))
                    };
                    // Rows the entry covers that another rule still denies: what it does not
                    // waive, said where a reviewer looks for it.
                    let still: Vec<String> = self
                        .rows
                        .iter()
                        .filter_map(|row| match &row.outcome {
                            Outcome::Denied { kind, rule, .. }
                                if row.method.parse::<http::Method>().is_ok_and(|m| {
                                    self.guard.entry_covers(entry, &m, &row.url)
                                }) =>
                            {
                                Some(format!(
                                    "{} {} is still denied by {} ({kind})",
                                    row.method,
                                    code(&row.path),
                                    rule.map_or_else(|| "the profile".to_owned(), |r| code(r.id))
                                ))
                            }
                            _ => None,
                        })
                        .collect();
                    let still = if still.is_empty() {
                        String::new()
                    } else {
                        format!("; {}", still.join("; "))
                    };
                    format!(
                        "`{key}` entry {}: waives {waives} only; turns {turned} catalog row(s) \
                         from deny to allow{rules}{still}",
                        code(entry.as_str())
                    )
                })
                .collect::<Vec<_>>()
        };
        let mut out = listed(
            "allow",
            p.allow(),
            "the retention mode's endpoint eligibility (and the unknown-endpoint rule)",
        );
        out.extend(listed(
            "allow_outside_region",
            p.allow_outside_region(),
            "the residency rule (the region's support for the endpoint)",
        ));
        out.extend(p.allow_tools().iter().map(|t| {
            match (t.strip_prefix("type:"), Feature::from_word(t)) {
                (Some(item), _) => format!(
                    "{} is allowed wherever a catalog rule would deny it (allow_tools {})",
                    code(item),
                    code(t)
                ),
                (None, Some(f)) => format!(
                    "{} is allowed wherever a catalog rule would deny it: {} (allow_tools)",
                    code(t),
                    f.what()
                ),
                (None, None) => format!("{} (allow_tools)", code(t)),
            }
        }));
        out.extend(p.allow_models().iter().map(|m| {
            format!(
                "model {} passes the model rules (allow_models; residency still applies)",
                code(m)
            )
        }));
        if p.on_stored_items() == retention_guard::profile::OnStoredItems::Strip {
            out.push(format!(
                "{}: Responses `input` items that point at stored state are removed and the \
                 request is sent, instead of denied; {} is added to `include`",
                code("on_stored_items = \"strip\""),
                code("reasoning.encrypted_content")
            ));
        }
        out
    }

    fn warnings(&self, code: fn(&str) -> String) -> Vec<String> {
        let p = self.guard.profile();
        self.guard
            .patterns_outside_catalog()
            .into_iter()
            .map(|entry| {
                let list = if p.allow().contains(entry) {
                    "allow"
                } else if p.allow_outside_region().contains(entry) {
                    "allow_outside_region"
                } else {
                    "deny"
                };
                format!(
                    "`{list}` entry {} matches no path of the {} catalog: it applies only to \
                     paths the catalog does not know (check it for a typo)",
                    code(entry.as_str()),
                    p.provider()
                )
            })
            .collect()
    }

    /// The settings the decisions rest on that no request shows: the provider's side being in
    /// the profile's retention mode (which `verify` reads where an API reports it, and otherwise
    /// no tool can), then each `confirm` name, with what it stands for where the catalog says.
    fn assumptions(&self, code: fn(&str) -> String) -> Vec<String> {
        let p = self.guard.profile();
        let catalog = self.guard.catalog();
        let mut out = Vec::new();
        if p.retention() != Retention::Standard {
            let side = format!(
                "{}'s side is set to {} for this account or project: no request shows it",
                p.provider(),
                code(p.retention().as_str())
            );
            out.push(match catalog.verification() {
                Verification::ByHand("") => format!(
                    "{side}, and `verify` cannot read it (the provider's settings or contract)"
                ),
                Verification::ByHand(how) => {
                    format!("{side}, and `verify` cannot read it: {how}")
                }
                _ => format!("{side}; `retention-guard verify` reads it"),
            });
        }
        out.extend(p.confirmations().iter().map(|name| {
            match catalog
                .capabilities()
                .confirm
                .iter()
                .find(|c| c.name == name.as_str())
            {
                Some(c) => format!("{} (confirmed in the profile): {}", code(name), c.what),
                None => format!("{} (confirmed in the profile)", code(name)),
            }
        }));
        out
    }
}

impl Format {
    pub fn render(self, meta: &Meta, profiles: &[ProfileReport<'_>]) -> String {
        match self {
            Self::Table => table(meta, profiles),
            Self::Markdown => markdown(meta, profiles),
            Self::Json => format!("{:#}\n", to_json(meta, profiles)),
        }
    }
}

/// What one exception entry waives on a row, in words: the key, the entry and the rule.
fn waiver(w: &Waiver, code: fn(&str) -> String) -> String {
    let rule = match w.rule {
        Some(r) => format!("rule {} ({})", code(r), w.kind),
        None => format!("{} (on_unknown_endpoint)", code(w.kind)),
    };
    format!("the `{}` entry {} waives {rule}", w.key, code(&w.entry))
}

fn plain(s: &str) -> String {
    s.to_owned()
}

fn backticks(s: &str) -> String {
    format!("`{s}`")
}

fn table(meta: &Meta, profiles: &[ProfileReport<'_>]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "retention-guard {} check report", meta.version);
    let _ = writeln!(out, "policy file: {} (sha256 {})", meta.file, meta.sha256);
    let _ = writeln!(out, "date: {}", meta.date);
    let _ = writeln!(out, "mode: {}", meta.mode_line());
    let _ = writeln!(out, "hosts no profile covers: {}", meta.unknown_hosts);
    for report in profiles {
        let p = report.guard.profile();
        let _ = writeln!(out, "\nprofile `{}`: {}", p.name(), report.settings());
        let _ = writeln!(out, "routed to: {}", report.routing());
        let _ = writeln!(
            out,
            "headers set on every request: {}",
            report.header_list()
        );
        let cells: Vec<(String, String)> = report
            .rows
            .iter()
            .map(|r| report.cells(r, backticks))
            .collect();
        let width = report.rows.iter().map(|r| r.path.len()).max().unwrap_or(4);
        let label = cells.iter().map(|(l, _)| l.len()).max().unwrap_or(7).max(7);
        let _ = writeln!(
            out,
            "{:<7} {:<width$}  {:<label$}  DETAILS",
            "METHOD", "PATH", "OUTCOME"
        );
        for (row, (outcome, details)) in report.rows.iter().zip(&cells) {
            let _ = writeln!(
                out,
                "{:<7} {:<width$}  {:<label$}  {details}",
                row.method, row.path, outcome
            );
        }
        let _ = writeln!(
            out,
            "{:<7} {:<width$}  {}",
            "*",
            "any other endpoint",
            others(report.guard)
        );
        for (title, items, always) in [
            (
                "exceptions to the agreement",
                report.exceptions(backticks),
                true,
            ),
            (
                "assumptions (settings no request shows)",
                report.assumptions(backticks),
                true,
            ),
            ("warnings", report.warnings(backticks), false),
        ] {
            if items.is_empty() && always {
                // A reviewer reads "none" as an answer; a missing section as an omission.
                let _ = writeln!(out, "{title}: none");
            }
            if !items.is_empty() {
                let _ = writeln!(out, "{title}:");
                for item in items {
                    let _ = writeln!(out, "  - {item}");
                }
            }
        }
    }
    let _ = writeln!(out, "\nwhat the guard cannot enforce:");
    for item in not_enforced(profiles) {
        let _ = writeln!(out, "  - {item}");
    }
    out
}

/// A Markdown table cell: pipes escaped, on one line.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn markdown(meta: &Meta, profiles: &[ProfileReport<'_>]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Retention policy report: `{}`\n", meta.file);
    let _ = writeln!(out, "| | |\n|---|---|");
    for (k, v) in [
        ("Generated by", format!("retention-guard {}", meta.version)),
        ("Policy file", backticks(&meta.file)),
        ("SHA-256", backticks(&meta.sha256)),
        ("Date", meta.date.clone()),
        ("Mode", meta.mode_line()),
        ("Hosts no profile covers", meta.unknown_hosts.to_owned()),
    ] {
        let _ = writeln!(out, "| {k} | {} |", cell(&v));
    }
    for report in profiles {
        let p = report.guard.profile();
        let _ = writeln!(out, "\n## Profile `{}`\n", p.name());
        let _ = writeln!(out, "- Settings: {}", report.settings());
        let _ = writeln!(out, "- Routed to: {}", report.routing());
        let _ = writeln!(
            out,
            "- Headers set on every request: {}",
            report.header_list()
        );
        let _ = writeln!(out, "- Any other endpoint: {}", others(report.guard));
        let _ = writeln!(
            out,
            "\n| Method | Path | Outcome | Details |\n|---|---|---|---|"
        );
        for row in &report.rows {
            let (outcome, details) = report.cells(row, backticks);
            let outcome = match &row.outcome {
                Outcome::Denied { .. } => format!("**{outcome}**"),
                _ if !row.exceptions.is_empty() => format!("**{outcome}**"),
                _ => outcome,
            };
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} |",
                row.method,
                cell(&row.path),
                outcome,
                cell(&details)
            );
        }
        for (title, items, always) in [
            (
                "Exceptions to the agreement",
                report.exceptions(backticks),
                true,
            ),
            (
                "Assumptions (settings no request shows)",
                report.assumptions(backticks),
                true,
            ),
            ("Warnings", report.warnings(backticks), false),
        ] {
            if items.is_empty() && always {
                let _ = writeln!(out, "\n### {title}\n\nNone.");
            }
            if !items.is_empty() {
                let _ = writeln!(out, "\n### {title}\n");
                for item in items {
                    let _ = writeln!(out, "- {item}");
                }
            }
        }
    }
    let _ = writeln!(out, "\n## What the guard cannot enforce\n");
    for item in not_enforced(profiles) {
        let _ = writeln!(out, "- {item}");
    }
    out
}

/// What the guard cannot enforce for the policy's providers.
fn not_enforced(profiles: &[ProfileReport<'_>]) -> Vec<&'static str> {
    let used = |c: &&Catalog| {
        profiles
            .iter()
            .any(|r| r.guard.catalog().provider() == c.provider())
    };
    let providers = Catalog::all().filter(used);
    NOT_ENFORCED
        .iter()
        .copied()
        .chain(providers.flat_map(|c| c.not_enforced().iter().copied()))
        .collect()
}

fn to_json(meta: &Meta, profiles: &[ProfileReport<'_>]) -> Value {
    json!({
        "report": {
            "tool": "retention-guard",
            "version": meta.version,
            "policy_file": meta.file,
            "sha256": meta.sha256,
            "date": meta.date,
        },
        "mode": meta.mode.as_str(),
        "enforced": meta.mode == Mode::Enforce,
        "hosts_no_profile_covers": meta.unknown_hosts,
        "profiles": profiles.iter().map(profile_json).collect::<Vec<_>>(),
        "not_enforced": not_enforced(profiles),
    })
}

fn profile_json(report: &ProfileReport<'_>) -> Value {
    let p = report.guard.profile();
    json!({
        "profile": {
            "name": p.name(),
            "provider": p.provider().as_str(),
            "retention": p.retention().as_str(),
            "region": p.region().map(|r| r.as_str()),
            "base_url": p.base_url().map(url::Url::as_str),
            "allow": p.allow().iter().map(|e| e.as_str()).collect::<Vec<_>>(),
            "allow_outside_region": p.allow_outside_region().iter().map(|e| e.as_str()).collect::<Vec<_>>(),
            "deny": p.deny().iter().map(|e| e.as_str()).collect::<Vec<_>>(),
            "per_request_residency": p.per_request_residency(),
            "allow_tools": p.allow_tools(),
            "allow_models": p.allow_models(),
            "confirm": p.confirmations(),
            "deployments": p.deployments().iter().map(|(k, v)| (k.clone(), json!(v.as_str()))).collect::<serde_json::Map<_, _>>(),
        },
        "routed_to": report.routed_to,
        "headers": report.headers,
        "endpoints": report.rows.iter().map(|row| row_json(report, row)).collect::<Vec<_>>(),
        "other_endpoints": others(report.guard),
        "exceptions": report.exceptions(plain),
        "assumptions": report.assumptions(plain),
        "warnings": report.warnings(plain),
    })
}

fn row_json(report: &ProfileReport<'_>, row: &Row) -> Value {
    let mut entry = json!({
        "method": row.method,
        "path": row.path,
        "rule": rule_json(&row.endpoint.rule),
        "stores": row.endpoint.stores,
        "exceptions": row.exceptions.iter().map(|w| json!({
            "key": w.key,
            "entry": w.entry,
            "waives": { "kind": w.kind, "rule": w.rule },
        })).collect::<Vec<_>>(),
    });
    match &row.outcome {
        Outcome::Denied { kind, reason, rule } => {
            entry["decision"] = json!("deny");
            entry["violation"] = json!({
                "kind": kind,
                "reason": reason,
                "rule": rule.map(rule_json),
            });
        }
        Outcome::Allowed {
            routed_to,
            headers,
            rewrites,
            conditions,
        } => {
            entry["decision"] = json!(row.outcome.word());
            // Stated once per profile; a row carries them only where they differ.
            if *routed_to != report.routed_to {
                entry["routed_to"] = json!(routed_to);
            }
            if *headers != report.headers {
                entry["headers"] = json!(headers);
            }
            entry["rewrites"] = json!(rewrites);
            entry["conditions"] = json!(conditions);
        }
    }
    entry
}
