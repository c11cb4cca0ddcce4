//! Mistral's catalog, after the base path `/v1`.
//!
//! Sources (undated pages, read in November 2026): the zero-data-retention page (which stateless
//! endpoints ZDR covers; "ZDR does not apply to stateful APIs or products") and the two editions
//! of the regional-inference page (`api.eu.mistral.ai`; `api.us.mistral.ai`, "coming soon" in one
//! edition and available in the other, so both are regions here). No request field or response
//! header concerns retention.

use super::{
    CatalogRules, Endpoint, EndpointClass, Methods, Region, Regions, Source, rule, source,
};

const ZDR: Source = source(
    "https://docs.mistral.ai/admin/monitor-comply/zero-data-retention",
    "2026-11",
);
const REGIONS: Source = source(
    "https://docs.mistral.ai/studio-api/regional-inference",
    "2026-11",
);

/// Mistral's regional hosts (not of the `{region}.{host}` form).
pub(crate) static REGION_HOSTS: &[(Region, &str)] = &[
    (Region::Eu, "api.eu.mistral.ai"),
    (Region::Us, "api.us.mistral.ai"),
];

pub(crate) static RULES: CatalogRules = CatalogRules {
    residency_hosts: rule(
        "mistral.residency.hosts",
        "regional inference runs in the region's data centres (`api.eu.mistral.ai`); it does not \
         provide regional storage for all control-plane data",
        REGIONS,
    ),
    residency_unlisted: rule(
        "mistral.residency.unlisted",
        "regional inference covers inference, not stateful products",
        REGIONS,
    ),
    background: rule(
        "mistral.zdr",
        "ZDR does not apply to stateful APIs or products",
        ZDR,
    ),
    attestation: None,
    other_global_hosts: &[],
    regions_process_only: true,
    base_aliases: &[],
    deployments: None,
    resource_domains: &[],
    zdr_requires: &[],
};

const fn covered(id: &'static str, path: &'static str) -> Endpoint {
    Endpoint::new(
        rule(
            id,
            "a stateless endpoint ZDR covers: inputs and outputs are kept no longer than needed to \
             generate the output (Labs models excepted)",
            ZDR,
        ),
        Methods::POST,
        path,
        EndpointClass::Stateless,
        "none under ZDR (Labs models excepted)",
    )
    .residency(Regions::NONE, Regions::US_EU)
}

const fn stateful(id: &'static str, summary: &'static str, path: &'static str) -> Endpoint {
    Endpoint::kept(
        rule(id, summary, ZDR),
        path,
        "until deleted; ZDR does not apply",
    )
}

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    covered("mistral.chat_completions", "/chat/completions"),
    covered("mistral.fim_completions", "/fim/completions"),
    covered("mistral.embeddings", "/embeddings"),
    covered("mistral.moderations", "/moderations"),
    covered("mistral.chat_moderations", "/chat/moderations"),
    covered("mistral.classifications", "/classifications"),
    covered("mistral.chat_classifications", "/chat/classifications"),
    covered("mistral.ocr", "/ocr"),
    covered("mistral.audio.speech", "/audio/speech"),
    covered("mistral.audio.transcriptions", "/audio/transcriptions"),
    stateful(
        "mistral.agents",
        "agents are a stateful product ZDR does not cover (inferred from the API's naming)",
        "/agents/**",
    ),
    stateful(
        "mistral.conversations",
        "conversations are a stateful product ZDR does not cover",
        "/conversations/**",
    ),
    stateful(
        "mistral.libraries",
        "document libraries are a stateful product ZDR does not cover",
        "/libraries/**",
    ),
    stateful(
        "mistral.files",
        "files are kept; ZDR does not cover them",
        "/files/**",
    ),
    stateful(
        "mistral.batch",
        "batch jobs and their files are kept; ZDR does not cover them",
        "/batch/**",
    ),
    stateful(
        "mistral.fine_tuning",
        "fine-tuning jobs and their data are kept (inferred from the API's naming)",
        "/fine_tuning/**",
    ),
    Endpoint::metadata(
        rule(
            "mistral.models",
            "model metadata carries no customer content",
            ZDR,
        ),
        Methods::GET_DELETE,
        "/models/**",
    ),
];
