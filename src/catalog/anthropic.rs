//! Anthropic's catalog, after the base path `/v1`: its OpenAI SDK compatibility layer and its own
//! API.
//!
//! Sources (undated pages, read in November 2026): the OpenAI SDK compatibility page (the layer is
//! "primarily intended to test and compare model capabilities") and the zero-data-retention page
//! (ZDR is contractual; it lists `/v1/messages` and `/v1/messages/count_tokens`, not
//! `/v1/chat/completions`; batches, files and skills are not covered).

use super::{CatalogRules, Endpoint, EndpointClass, Methods, Source, rule, source};

const ZDR: Source = source(
    "https://platform.claude.com/docs/en/build-with-claude/zero-data-retention",
    "2026-11",
);
const OPENAI_SDK: Source = source(
    "https://platform.claude.com/docs/en/api/openai-sdk",
    "2026-11",
);

pub(crate) static RULES: CatalogRules = CatalogRules {
    residency_hosts: rule(
        "anthropic.residency",
        "Anthropic offers no residency hosts the guard knows",
        ZDR,
    ),
    residency_unlisted: rule(
        "anthropic.residency",
        "Anthropic offers no residency hosts the guard knows",
        ZDR,
    ),
    background: rule("anthropic.zdr", "ZDR covers the listed endpoints only", ZDR),
    attestation: None,
    other_global_hosts: &[],
    regions_process_only: false,
    base_aliases: &[],
    deployments: None,
    resource_domains: &[],
    zdr_requires: &[],
};

const fn stateful(id: &'static str, summary: &'static str, path: &'static str) -> Endpoint {
    Endpoint::kept(rule(id, summary, ZDR), path, "kept; ZDR does not cover it")
}

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    Endpoint::new(
        rule(
            "anthropic.chat_completions",
            "the OpenAI compatibility layer is not among the endpoints Anthropic's ZDR terms list, \
             so a ZDR agreement is not assumed to cover it: allow it in the profile if your \
             contract does",
            OPENAI_SDK,
        ),
        Methods::POST,
        "/chat/completions",
        EndpointClass::Stateless,
        "not covered by the ZDR terms (the layer is for testing and comparison)",
    )
    .zdr_unavailable(),
    Endpoint::new(
        rule(
            "anthropic.messages",
            "the Messages API is ZDR eligible; prompt caches (5 or 60 minutes), structured-output \
             schemas (24 hours) and flagged content (up to 2 years) are kept even so",
            ZDR,
        ),
        Methods::POST,
        "/messages",
        EndpointClass::Stateless,
        "none under ZDR, with the listed exceptions",
    ),
    Endpoint::new(
        rule(
            "anthropic.count_tokens",
            "token counting is ZDR eligible",
            ZDR,
        ),
        Methods::POST,
        "/messages/count_tokens",
        EndpointClass::Stateless,
        "none",
    ),
    stateful(
        "anthropic.batches",
        "message batches are kept 29 days; ZDR does not cover them",
        "/messages/batches/**",
    ),
    stateful(
        "anthropic.files",
        "files are kept until deleted; ZDR does not cover them",
        "/files/**",
    ),
    stateful(
        "anthropic.skills",
        "skills are kept; ZDR does not cover them",
        "/skills/**",
    ),
    Endpoint::metadata(
        rule(
            "anthropic.models",
            "model metadata carries no customer content",
            ZDR,
        ),
        Methods::GET,
        "/models/**",
    ),
];
