//! xAI's catalog, after the base path `/v1`.
//!
//! Sources (undated pages, read in November 2026): the security FAQ (two editions: the ZDR scope,
//! and the `x-zero-data-retention` response header), the regions page (the US host), and the
//! model comparison page (Responses `store` defaults to true; Chat Completions is deprecated).
//! Every request and response is kept 30 days for abuse auditing unless the team has ZDR.

use super::{
    Attestation, CatalogRules, Endpoint, EndpointClass, Methods, Region, Source, StoreDefault,
    rule, source,
};

const SECURITY: Source = source("https://docs.x.ai/docs/faq/security", "2026-11");
const SECURITY_MD: Source = source("https://docs.x.ai/developers/faq/security.md", "2026-11");
const REGIONS: Source = source(
    "https://docs.x.ai/developers/advanced-api-usage/regions",
    "2026-11",
);
const COMPARISON: Source = source(
    "https://docs.x.ai/developers/model-capabilities/text/comparison.md",
    "2026-11",
);

/// xAI's residency host: the US guarantee (API handling, inference, moderation, retained data).
pub(crate) static REGION_HOSTS: &[(Region, &str)] = &[(Region::Us, "us.api.x.ai")];

/// The provider-wide rules, and the response header that attests ZDR.
pub(crate) static RULES: CatalogRules = CatalogRules {
    residency_hosts: rule(
        "xai.residency.hosts",
        "`us.api.x.ai` keeps request handling, inference, moderation and retained data in the US \
         (not files, collections or server-side tools); the global host may route between regions",
        REGIONS,
    ),
    residency_unlisted: rule(
        "xai.residency.unlisted",
        "the US guarantee does not cover files, collections or server-side tools",
        REGIONS,
    ),
    background: rule(
        "xai.responses",
        "ZDR disables the stateful Responses API",
        SECURITY,
    ),
    attestation: Some(Attestation {
        header: "x-zero-data-retention",
        zdr_value: "true",
        rule: rule(
            "xai.attestation",
            "every response carries `x-zero-data-retention: \"true\"` or `\"false\"`, which \
             confirms whether the team has ZDR; a missing header or any other value under a ZDR \
             profile is a mismatch (inferred)",
            SECURITY_MD,
        ),
    }),
    other_global_hosts: &[],
    regions_process_only: false,
    base_aliases: &[],
    deployments: None,
    resource_domains: &[],
    zdr_requires: &[],
};

const fn stateful(id: &'static str, summary: &'static str, path: &'static str) -> Endpoint {
    Endpoint::kept(
        rule(id, summary, SECURITY),
        path,
        "until deleted; ZDR disables the feature",
    )
}

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    Endpoint::new(
        rule(
            "xai.chat_completions",
            "chat completions keep no application state (requests and responses are kept 30 days \
             for abuse auditing without ZDR); the API is deprecated in favour of Responses",
            COMPARISON,
        ),
        Methods::POST,
        "/chat/completions",
        EndpointClass::Stateless,
        "30 days for abuse auditing without ZDR",
    ),
    Endpoint::new(
        rule(
            "xai.responses",
            "responses are stored 30 days unless `store` is false (the default is true); ZDR \
             disables the stateful Responses API, so `store` is forced false and stored-state \
             parameters are denied",
            COMPARISON,
        ),
        Methods::POST,
        "/responses",
        EndpointClass::Stateless,
        "30 days by default (`store` defaults to true)",
    )
    .store(StoreDefault::Stores)
    .stateful_params(),
    stateful(
        "xai.responses.stored",
        "stored responses are kept 30 days; ZDR disables the stateful Responses API",
        "/responses/{response_id}/**",
    ),
    stateful(
        "xai.files",
        "files are kept until deleted; ZDR disables Files",
        "/files/**",
    ),
    stateful(
        "xai.collections",
        "collections are kept until deleted; ZDR disables Collections",
        "/collections/**",
    ),
    stateful(
        "xai.batches",
        "batches are kept; ZDR disables the Batch API",
        "/batches/**",
    ),
    Endpoint::metadata(
        rule(
            "xai.models",
            "model metadata carries no customer content",
            SECURITY,
        ),
        Methods::GET,
        "/models/**",
    ),
];
