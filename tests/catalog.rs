//! The catalogs against their sources: every method and path of OpenAI's OpenAPI spec has a
//! deliberate classification, and every rule cites a source and the date it was read.

use std::collections::BTreeMap;

use http::Method;
use retention_guard::{Catalog, EndpointClass, Provider};

/// A copy of `shared/reference/openai-openapi-paths.txt`, kept in the repository so that the
/// test runs anywhere; `the_copy_matches_the_shared_reference` keeps it honest.
const SPEC_PATHS: &str = include_str!("data/openai-openapi-paths.txt");

fn spec() -> impl Iterator<Item = (Method, &'static str, String)> {
    SPEC_PATHS
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
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
    assert_eq!(
        by_class.values().sum::<usize>(),
        SPEC_PATHS.lines().filter(|l| !l.trim().is_empty()).count()
    );
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
        .filter(|e| !e.path.ends_with("/**"))
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

#[test]
fn every_rule_cites_a_source_and_a_date() {
    for provider in [Provider::OpenAi, Provider::Groq, Provider::Fireworks] {
        let catalog = Catalog::of(provider);
        assert!(!catalog.endpoints().is_empty());
        for e in catalog.endpoints() {
            let id = e.rule.id;
            assert!(
                id.starts_with(provider.as_str()),
                "{id} is not named for {provider}"
            );
            assert!(
                e.rule.source.url.starts_with("https://"),
                "{id} has no source URL"
            );
            assert!(
                e.rule.source.read.len() == 10 && e.rule.source.read.starts_with("20"),
                "{id} has no read date"
            );
            assert!(
                !e.rule.summary.is_empty() && !e.stores.is_empty(),
                "{id} is undocumented"
            );
            if let Some(m) = e.model {
                assert!(
                    m.rule.source.url.starts_with("https://"),
                    "{} has no source URL",
                    m.rule.id
                );
            }
        }
    }
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
        .join("../shared/reference/openai-openapi-paths.txt");
    match std::fs::read_to_string(&shared) {
        Ok(text) => assert_eq!(
            text,
            SPEC_PATHS,
            "tests/data/openai-openapi-paths.txt is out of date: copy {}",
            shared.display()
        ),
        Err(_) => eprintln!(
            "{} not present; checked the repository copy only",
            shared.display()
        ),
    }
}
