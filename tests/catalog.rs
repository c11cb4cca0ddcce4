//! The catalogs against their sources: every method and path of OpenAI's OpenAPI spec has a
//! deliberate classification, and every rule cites a source page and the date of the copy read,
//! each listed in CATALOG.md's source table.

use std::collections::{BTreeMap, BTreeSet};

use http::Method;
use retention_guard::catalog::{Action, ToolUse};
use retention_guard::{Catalog, EndpointClass, Provider, Rule};

/// A copy of `shared/reference/openai-openapi-paths-2026-09.txt`, kept in the repository so
/// that the test runs anywhere; `the_copy_matches_the_shared_reference` keeps it honest.
const SPEC_FILE: &str = "openai-openapi-paths-2026-09.txt";
const SPEC_PATHS: &str = include_str!("data/openai-openapi-paths-2026-09.txt");

/// The spec's `METHOD /path` lines, without comments (`# …`).
fn spec_lines() -> impl Iterator<Item = &'static str> {
    SPEC_PATHS
        .lines()
        .map(|l| l.split('#').next().unwrap().trim())
        .filter(|l| !l.is_empty())
}

fn spec() -> impl Iterator<Item = (Method, &'static str, String)> {
    spec_lines().map(|line| {
        let (method, path) = line.split_once(' ').expect("METHOD /path");
        // `?beta=true` variants address the same endpoint.
        let path = path.split('?').next().unwrap();
        let concrete: Vec<&str> = path
            .split('/')
            .map(|s| if s.starts_with('{') { "id_123" } else { s })
            .collect();
        (
            Method::from_bytes(method.as_bytes()).unwrap(),
            line,
            concrete.join("/"),
        )
    })
}

#[test]
fn every_openapi_method_and_path_is_classified() {
    let catalog = Catalog::of(Provider::OpenAi);
    let mut unclassified = Vec::new();
    let mut by_class: BTreeMap<String, usize> = BTreeMap::new();
    for (method, line, path) in spec() {
        match catalog.lookup(&method, &path) {
            Some(e) => *by_class.entry(format!("{:?}", e.class)).or_default() += 1,
            None => unclassified.push(line),
        }
    }
    assert!(
        unclassified.is_empty(),
        "no catalog entry for:\n{}",
        unclassified.join("\n")
    );
    assert_eq!(by_class.values().sum::<usize>(), spec_lines().count());
    // Each class is used, so the classification is not one catch-all.
    for class in ["Stateless", "Stateful", "Administration", "Undocumented"] {
        assert!(
            by_class.contains_key(class),
            "no spec path is {class}: {by_class:?}"
        );
    }
}

#[test]
fn spot_checks_against_the_data_controls_table() {
    let catalog = Catalog::of(Provider::OpenAi);
    let class = |m: Method, p: &str| catalog.lookup(&m, p).map(|e| (e.rule.id, e.class));
    use EndpointClass::*;
    assert_eq!(
        class(Method::POST, "/chat/completions"),
        Some(("openai.chat_completions", Stateless))
    );
    assert_eq!(
        class(Method::GET, "/chat/completions"),
        Some(("openai.chat_completions.stored", Stateful))
    );
    assert_eq!(
        class(Method::POST, "/responses"),
        Some(("openai.responses", Stateless))
    );
    assert_eq!(
        class(Method::POST, "/responses/input_tokens"),
        Some(("openai.responses.input_tokens", Undocumented))
    );
    assert_eq!(
        class(Method::GET, "/responses/input_tokens"),
        Some(("openai.responses.stored", Stateful))
    );
    assert_eq!(
        class(Method::POST, "/threads/runs"),
        Some(("openai.threads", Stateful))
    );
    assert_eq!(
        class(Method::POST, "/images/variations"),
        Some(("openai.images.variations", Stateless))
    );
    assert_eq!(
        class(Method::POST, "/organization/data_retention"),
        Some(("openai.data_retention_settings", Stateful))
    );
    assert_eq!(
        class(Method::GET, "/organization/projects/proj_1/data_retention"),
        Some(("openai.data_retention_settings", Stateful))
    );
    assert_eq!(
        class(Method::POST, "/organization/projects"),
        Some(("openai.organization", Administration))
    );
    assert_eq!(class(Method::PATCH, "/chat/completions"), None);
    assert_eq!(class(Method::POST, "/nothing"), None);
}

#[test]
fn exact_openai_entries_exist_in_the_spec() {
    // Wildcard families (`/**`) cover paths the spec may add later; exact entries must name real
    // endpoints.
    let spec: Vec<(Method, String)> = spec().map(|(m, _, p)| (m, p)).collect();
    for e in Catalog::of(Provider::OpenAi)
        .endpoints()
        .iter()
        // WebSocket handshakes (the live-session socket, sockets with client events) are GETs the
        // REST spec does not list.
        .filter(|e| {
            !e.path.ends_with("/**")
                && e.rule.id != "openai.live_sessions.websocket"
                && e.events.is_none()
        })
    {
        let concrete: Vec<&str> = e
            .path
            .split('/')
            .map(|s| if s.starts_with('{') { "id_123" } else { s })
            .collect();
        let concrete = concrete.join("/");
        for m in e.methods.names() {
            let m = Method::from_bytes(m.as_bytes()).unwrap();
            assert!(
                spec.iter().any(|(sm, sp)| *sm == m && *sp == concrete),
                "{} {m} {} is not in the OpenAPI spec",
                e.rule.id,
                e.path
            );
        }
    }
}

/// Every rule a catalog cites: its entries', model limits', tool rules', per-region model lists'
/// and the provider-wide rules.
fn all_rules(catalog: &Catalog) -> Vec<Rule> {
    let mut rules = vec![
        catalog.rules().residency_hosts,
        catalog.rules().residency_unlisted,
    ];
    rules.extend(catalog.rules().attestation.map(|a| a.rule));
    rules.extend(catalog.capabilities().confirm.iter().map(|c| c.rule));
    rules.extend(catalog.rules().deployments);
    rules.extend(catalog.capabilities().region_needs_controls);
    let events = catalog
        .endpoints()
        .iter()
        .filter_map(|e| e.events)
        .flat_map(|t| std::iter::once(t.unknown).chain(t.events.iter().map(|ev| ev.entry.rule)));
    rules.extend(events);
    let entries = catalog.endpoints().iter().chain(
        catalog
            .endpoints()
            .iter()
            .filter_map(|e| e.events)
            .flat_map(|t| t.events.iter().map(|ev| &ev.entry)),
    );
    for e in entries {
        rules.push(e.rule);
        rules.extend(e.body_rules().map(|r| *r.rule_or(&e.rule)));
        let items = e.body_rules().filter_map(|r| match r.action {
            Action::Items(t) => Some(t),
            _ => None,
        });
        for tools in items.chain(e.header_tokens.map(|h| h.tokens)) {
            rules.push(tools.unknown);
            for t in tools.table {
                rules.push(t.rule);
                if let ToolUse::Model(limit) = t.use_ {
                    rules.push(limit.rule);
                }
            }
        }
    }
    rules
}

/// CATALOG.md's source table: `| url | read | … |` rows.
fn catalog_md_sources() -> BTreeSet<(String, String)> {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("CATALOG.md"),
    )
    .expect("CATALOG.md");
    text.lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let url = cells.get(2)?.trim_matches('`');
            let read = cells.get(3)?.trim_matches('`');
            url.starts_with("https://")
                .then(|| (url.to_owned(), read.to_owned()))
        })
        .collect()
}

#[test]
fn every_rule_cites_a_listed_source_and_the_date_of_its_copy() {
    let listed = catalog_md_sources();
    let mut used = BTreeSet::new();
    for &provider in Provider::ALL {
        let catalog = Catalog::of(provider);
        assert!(!catalog.endpoints().is_empty());
        for e in catalog.endpoints() {
            assert!(
                !e.stores.is_empty(),
                "{} says nothing of what it stores",
                e.rule.id
            );
        }
        for rule in all_rules(catalog) {
            let id = rule.id;
            assert!(
                id.starts_with(provider.as_str()),
                "{id} is not named for {provider}"
            );
            assert!(!rule.summary.is_empty(), "{id} is undocumented");
            let read = rule.source.read;
            // One date format: the day the copy was read. Only the undated editions of OpenAI's
            // pages read before the project's history keep a month (`Source::read`).
            let month_only = read.len() == 7
                && (rule.source.url.ends_with("/guides/your-data")
                    || rule.source.url.ends_with("/guides/data-residency"));
            assert!(
                read.len() == 10 || month_only,
                "{id}: the read date {read:?} is not a day (YYYY-MM-DD)"
            );
            let date_like = matches!(read.len(), 7 | 10)
                && read.starts_with("20")
                && read.bytes().enumerate().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        c == b'-'
                    } else {
                        c.is_ascii_digit()
                    }
                });
            assert!(date_like, "{id} has no read date: {read:?}");
            let source = (rule.source.url.to_owned(), read.to_owned());
            assert!(
                listed.contains(&source),
                "{id} cites {source:?}, which CATALOG.md's source table does not list"
            );
            used.insert(source);
        }
    }
    let unused: Vec<_> = listed.difference(&used).collect();
    assert!(
        unused.is_empty(),
        "CATALOG.md lists sources no rule cites: {unused:?}"
    );
    // Rules read from different pages on different days carry different dates.
    let dates: BTreeSet<&str> = used.iter().map(|(_, d)| d.as_str()).collect();
    assert!(dates.len() >= 4, "{dates:?}");
}

#[test]
fn the_new_paths_of_2026_09_have_their_own_rules() {
    let catalog = Catalog::of(Provider::OpenAi);
    let rule = |m: Method, p: &str| catalog.lookup(&m, p).map(|e| (e.rule.id, e.class));
    use EndpointClass::*;
    for (method, path, id, class) in [
        (
            Method::POST,
            "/live/sessions",
            "openai.live_sessions",
            Stateless,
        ),
        (
            Method::POST,
            "/live/sessions/live_1/accept",
            "openai.live_sessions.accept",
            Stateless,
        ),
        (
            Method::POST,
            "/live/sessions/live_1/hangup",
            "openai.live_sessions.call_control",
            Stateless,
        ),
        (
            Method::POST,
            "/live/sessions/live_1/refer",
            "openai.live_sessions.call_control",
            Stateless,
        ),
        (
            Method::POST,
            "/live/sessions/live_1/reject",
            "openai.live_sessions.call_control",
            Stateless,
        ),
        (
            Method::POST,
            "/live/sessions/live_1/fork",
            "openai.live_sessions.fork",
            Stateful,
        ),
        (
            Method::GET,
            "/live/sessions/live_1/content",
            "openai.live_sessions.content",
            Stateful,
        ),
        (
            Method::GET,
            "/live/sessions",
            "openai.live_sessions.websocket",
            Stateless,
        ),
        (
            Method::POST,
            "/agents/sessions/s_1/events",
            "openai.agents",
            Stateful,
        ),
        (Method::DELETE, "/agents/a_1", "openai.agents", Stateful),
        (
            Method::POST,
            "/vaults/v_1/credentials",
            "openai.vaults",
            Stateful,
        ),
        (
            Method::GET,
            "/safety/cases/c_1",
            "openai.safety",
            Administration,
        ),
        (
            Method::GET,
            "/safety/alerts/a_1",
            "openai.safety",
            Administration,
        ),
        (
            Method::POST,
            "/webhook_endpoints/w_1/rotate_secret",
            "openai.webhook_endpoints",
            Administration,
        ),
        (
            Method::GET,
            "/webhook_event_types",
            "openai.webhook_endpoints",
            Administration,
        ),
        (
            Method::POST,
            "/organization/external_storage/x_1/validate",
            "openai.organization.external_storage",
            Administration,
        ),
        (
            Method::POST,
            "/organization/projects/p_1/hosted_tool_permissions",
            "openai.hosted_tool_permissions",
            Stateful,
        ),
        (Method::POST, "/decisions", "openai.decisions", Stateless),
        (
            Method::POST,
            "/responses/compact",
            "openai.responses.compact",
            Stateless,
        ),
    ] {
        assert_eq!(
            rule(method.clone(), path),
            Some((id, class)),
            "{method} {path}"
        );
    }
    // No call-control catch-all: an action the spec does not list is unknown.
    assert_eq!(rule(Method::POST, "/live/sessions/live_1/transfer"), None);
}

#[test]
fn base_paths_and_hosts() {
    assert_eq!(Catalog::of(Provider::OpenAi).base_path(), "/v1");
    assert_eq!(Catalog::of(Provider::Groq).base_path(), "/openai/v1");
    assert_eq!(
        Catalog::of(Provider::Fireworks).base_path(),
        "/inference/v1"
    );
    assert_eq!(Catalog::of(Provider::Groq).host(), "api.groq.com");
}

#[test]
fn the_copy_matches_the_shared_reference() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference")
        .join(SPEC_FILE);
    match std::fs::read_to_string(&shared) {
        Ok(text) => assert_eq!(
            text,
            SPEC_PATHS,
            "tests/data/{SPEC_FILE} is out of date: copy {}",
            shared.display()
        ),
        Err(_) => eprintln!(
            "{} not present; checked the repository copy only",
            shared.display()
        ),
    }
}

/// One provider's feature inventory as CATALOG.md tabulates it: every tool type, plugin id,
/// header token and field rule of its catalog, with its decision, waiver and rule, one row per
/// item (the endpoints that share it listed together).
fn inventory(provider: Provider) -> String {
    use retention_guard::catalog::{Applies, Unless};
    use std::collections::BTreeMap;
    let when = |a: Applies| match a {
        Applies::ZeroDataRetention => "ZDR",
        Applies::ZdrOrRegion => "ZDR and with a region",
        Applies::Region => "a region",
        Applies::RegionWithoutProcessing => "a region that does not process it",
        Applies::RegionOutsideUs => "a region outside the US",
        _ => "?",
    };
    /// A row's decision, waiver and rule, and the endpoints it is on; keyed by the item and the
    /// rule, so that one item judged by two rules on two endpoints has two rows.
    type Row = (String, String, String, Vec<&'static str>);
    let mut rows: BTreeMap<(u8, String, String, String), Row> = BTreeMap::new();
    let mut add = |order: u8, item: String, decision: String, waiver: String, rule: &str, at| {
        let row = rows
            .entry((order, item, rule.to_owned(), decision.clone()))
            .or_insert_with(|| (decision, waiver, format!("`{rule}`"), Vec::new()));
        if !row.3.contains(&at) {
            row.3.push(at);
        }
    };
    // Each entry, and each client event of a socket entry (shown as the socket's path and the
    // event's type).
    let entries = Catalog::of(provider).endpoints().iter().flat_map(|e| {
        std::iter::once((e, e.path)).chain(e.events.into_iter().flat_map(move |t| {
            t.events.iter().map(move |ev| {
                let at: &'static str =
                    Box::leak(format!("{} {}", e.path, ev.name).into_boxed_str());
                (&ev.entry, at)
            })
        }))
    });
    for (e, at) in entries {
        let header = e.header_tokens.map_or("", |h| h.header);
        let lists = e.body_rules().filter_map(|r| match r.action {
            Action::Items(t) => {
                let list = r.paths.first();
                let tools = list.split('.').any(|k| k == "tools[]");
                Some((u8::from(!tools), list, Some(t)))
            }
            _ => None,
        });
        let tables = lists.chain([(2, "", e.header_tokens.map(|h| h.tokens))]);
        for (order, list, t) in tables {
            let Some(t) = t else { continue };
            let name = |n: &str| match order {
                0 | 1 => format!("`{list}` `{n}`"),
                _ => format!("`{header}: {n}`"),
            };
            for r in t.table {
                let decision = match r.use_ {
                    ToolUse::Allowed => "allowed".to_owned(),
                    ToolUse::Denied => format!("denied under {}", when(r.applies)),
                    ToolUse::HostedUnless(Unless::EnvironmentLocal) => format!(
                        "denied under {} unless `environment.type` is `local`",
                        when(r.applies)
                    ),
                    ToolUse::HostedUnless(Unless::CallersDirect) => format!(
                        "denied under {} unless `allowed_callers` is `[\"direct\"]`",
                        when(r.applies)
                    ),
                    ToolUse::Model(_) => "allowed; its `model` is checked".to_owned(),
                    _ => "?".to_owned(),
                };
                let waiver = r.feature.map_or("—".to_owned(), |f| format!("`{f}`"));
                add(order, name(r.tool), decision, waiver, r.rule.id, at);
            }
            let other = match order {
                0 | 1 => format!("`{list}`: any other"),
                _ => format!("`{header}`: any other token"),
            };
            let decision = format!("denied under {}", when(t.applies));
            add(
                order + 3,
                other,
                decision,
                "`type:<name>`".to_owned(),
                t.unknown.id,
                at,
            );
        }
        for f in e.body_rules() {
            let path = f.paths.first();
            let (decision, waiver) = match f.action {
                Action::Deny(d) if d.waivable => {
                    let unless = match d.unless {
                        [] => String::new(),
                        some => format!(" unless {}", some.join(" or ")),
                    };
                    let waiver = d
                        .feature
                        .map_or(format!("`type:{path}`"), |x| format!("`{x}`"));
                    (format!("denied under {}{unless}", when(f.applies)), waiver)
                }
                Action::Deny(d) => {
                    let unless = match d.unless {
                        [] => String::new(),
                        some => format!(" unless {}", some.join(" or ")),
                    };
                    (
                        format!("denied under {}{unless}", when(f.applies)),
                        "—".to_owned(),
                    )
                }
                Action::Allowed { .. } => ("allowed".to_owned(), "—".to_owned()),
                _ => continue,
            };
            add(
                6,
                format!("`{path}`"),
                decision,
                waiver,
                f.rule_or(&e.rule).id,
                at,
            );
        }
    }
    let mut out =
        String::from("| item | where | decision | `allow_tools` | rule |\n|---|---|---|---|---|\n");
    for ((_, item, _, _), (decision, waiver, rule, at)) in rows {
        let at: Vec<String> = at.iter().map(|p| format!("`{p}`")).collect();
        out.push_str(&format!(
            "| {item} | {} | {decision} | {waiver} | {rule} |\n",
            at.join(", ")
        ));
    }
    out
}

/// CATALOG.md's inventory holds each provider's table exactly as the catalog has it, between
/// `<!-- inventory:{provider} -->` markers (`UPDATE_INVENTORY=1` rewrites them; review the diff).
#[test]
fn catalog_md_inventories_every_tool_field_and_header_token() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("CATALOG.md");
    let mut text = std::fs::read_to_string(&path).unwrap();
    let update = std::env::var_os("UPDATE_INVENTORY").is_some();
    for &provider in Provider::ALL {
        let (open, close) = (
            format!("<!-- inventory:{provider} -->\n"),
            format!("<!-- /inventory:{provider} -->"),
        );
        let start = text
            .find(&open)
            .unwrap_or_else(|| panic!("CATALOG.md has no {open:?} marker"))
            + open.len();
        let end = start
            + text[start..]
                .find(&close)
                .unwrap_or_else(|| panic!("CATALOG.md has no {close:?} marker"));
        let table = inventory(provider);
        let table = if table.lines().count() > 2 {
            table
        } else {
            "(no tool, plugin, header or field rule: see the text above)\n".to_owned()
        };
        if update {
            text.replace_range(start..end, &table);
        } else {
            assert_eq!(
                text[start..end],
                table,
                "CATALOG.md's {provider} inventory is not the catalog's \
                 (UPDATE_INVENTORY=1 cargo test --test catalog rewrites it)"
            );
        }
    }
    if update {
        std::fs::write(&path, text).unwrap();
    }
}

/// Every rule's source is the provider's own documentation or one of its own repositories; a
/// source that is not says why (`Source::secondary`), and CATALOG.md marks its row secondary.
#[test]
fn every_source_is_the_providers_own_or_says_why_not() {
    // The providers' documentation domains, and their GitHub organisations.
    const OWN: &[(Provider, &[&str])] = &[
        (
            Provider::OpenAi,
            &["developers.openai.com", "github.com/openai/"],
        ),
        (
            Provider::AzureOpenAi,
            &["learn.microsoft.com", "developers.openai.com"],
        ),
        (Provider::Groq, &["console.groq.com", "github.com/groq/"]),
        (Provider::Fireworks, &["docs.fireworks.ai"]),
        (Provider::Xai, &["docs.x.ai"]),
        (
            Provider::Mistral,
            &["docs.mistral.ai", "github.com/mistralai/"],
        ),
        (Provider::Together, &["docs.together.ai"]),
        (
            Provider::OpenRouter,
            &["openrouter.ai", "github.com/OpenRouterTeam/"],
        ),
        (
            Provider::Anthropic,
            &[
                "platform.claude.com",
                "support.claude.com",
                "docs.anthropic.com",
                "github.com/anthropics/",
            ],
        ),
        (
            Provider::Gemini,
            &[
                "ai.google.dev",
                "googleapis.github.io",
                "github.com/googleapis/",
            ],
        ),
    ];
    let catalog_md = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("CATALOG.md"),
    )
    .unwrap();
    let mut secondary = 0;
    for &provider in Provider::ALL {
        let own = OWN
            .iter()
            .find(|(p, _)| *p == provider)
            .unwrap_or_else(|| panic!("{provider} has no list of its own domains"))
            .1;
        for rule in all_rules(Catalog::of(provider)) {
            let url = rule.source.url;
            let rest = url
                .strip_prefix("https://")
                .unwrap_or_else(|| panic!("{url}"));
            let is_own = own.iter().any(|d| rest.starts_with(d));
            match (is_own, rule.source.secondary) {
                (true, None) => {}
                (true, Some(_)) => {
                    panic!("{}: {url} is the provider's own, not secondary", rule.id)
                }
                (false, None) => panic!(
                    "{}: {url} is not {provider}'s own documentation or repository; cite the \
                     provider's, or mark the source secondary with the reason",
                    rule.id
                ),
                (false, Some(why)) => {
                    assert!(!why.is_empty());
                    let row = catalog_md
                        .lines()
                        .find(|l| l.contains(&format!("`{url}`")))
                        .unwrap_or_else(|| panic!("{url} has no CATALOG.md row"));
                    assert!(
                        row.contains("**secondary**"),
                        "{url}: the row does not say so"
                    );
                    secondary += 1;
                }
            }
        }
    }
    assert!(secondary > 0, "the check saw the secondary sources");
}

/// README's rule 5 names every provider whose catalog has a `store` rule (issue 22: Groq was
/// missing), so that a new `store` rule in a catalog fails here until the README says so.
#[test]
fn readme_rule_5_names_every_provider_with_a_store_rule() {
    let readme = include_str!("../README.md");
    let start = readme.find("5. **`store`.**").expect("rule 5 in README.md");
    let end = start + readme[start..].find("\n6. ").expect("rule 6 follows");
    let rule_5 = readme[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let name = |p: Provider| match p.as_str() {
        "openai" => "OpenAI",
        "azure_openai" => "Azure OpenAI",
        "groq" => "Groq",
        "fireworks" => "Fireworks",
        "xai" => "xAI",
        "mistral" => "Mistral",
        "together" => "Together",
        "openrouter" => "OpenRouter",
        "anthropic" => "Anthropic",
        "gemini" => "Gemini",
        other => panic!("no README name for {other}"),
    };
    for &provider in Provider::ALL {
        let catalog = Catalog::of(provider);
        let has_store = catalog
            .endpoints()
            .iter()
            .flat_map(|e| e.body_rules())
            .any(|r| matches!(r.action, retention_guard::catalog::Action::Store { .. }));
        assert_eq!(
            rule_5.contains(&format!("{} ", name(provider))),
            has_store,
            "README rule 5 and the {provider} catalog disagree on whether it has a `store` rule"
        );
    }
}
