//! Google Gemini's OpenAI-compatible endpoint, after the base path `/v1beta/openai`.
//!
//! Sources (undated pages, read in November 2026): the logs-and-datasets page (projects created
//! on or after 2026-10-26 store Generate Content requests by default, OpenAI-compatible calls
//! included; the project toggle is the control, since a request-level `store` on this endpoint is
//! not confirmed) and the zero-data-retention page (the paid tier logs prompts for abuse
//! detection unless Google approves ZDR for the project). Both settings are invisible in a
//! request, so a ZDR profile confirms them. The native API's stateful paths (files, cached
//! contents, batches, the Interactions API) lie outside the base path: they are unknown
//! endpoints, denied under ZDR by default.

use super::{CatalogRules, Confirmation, Endpoint, EndpointClass, Methods, Source, rule, source};

const LOGS: Source = source(
    "https://ai.google.dev/gemini-api/docs/logs-datasets",
    "2026-11",
);
const ZDR: Source = source("https://ai.google.dev/gemini-api/docs/zdr", "2026-11");

pub(crate) static RULES: CatalogRules = CatalogRules {
    residency_hosts: rule(
        "gemini.residency",
        "the Gemini API offers no residency hosts the guard knows",
        ZDR,
    ),
    residency_unlisted: rule(
        "gemini.residency",
        "the Gemini API offers no residency hosts the guard knows",
        ZDR,
    ),
    background: rule("gemini.zdr", "ZDR is approved per project, on request", ZDR),
    attestation: None,
    other_global_hosts: &[],
    regions_process_only: false,
    base_aliases: &[],
    deployments: None,
    resource_domains: &[],
    zdr_requires: &[
        Confirmation {
            name: "gemini.logging_disabled",
            what: "projects created on or after 2026-10-26 store requests (OpenAI-compatible calls \
                   included) unless logging is turned off for the project: Google AI Studio, Gemini \
                   API Logs Dashboard, Settings",
            also_mam: false,
            rule: rule(
                "gemini.logging",
                "Generate Content and OpenAI-compatible requests are stored by default for projects \
                 created on or after 2026-10-26; the project toggle turns it off",
                LOGS,
            ),
        },
        Confirmation {
            name: "gemini.zdr_approved",
            what: "the paid tier logs prompts and responses for abuse detection unless Google has \
                   approved zero data retention for the project (request it from Google; Vertex AI \
                   is the documented alternative)",
            also_mam: false,
            rule: rule(
                "gemini.zdr_approval",
                "paid services log prompts and responses for a limited period to detect misuse; ZDR \
                 needs Google's approval for the project",
                ZDR,
            ),
        },
    ],
};

const fn inference(id: &'static str, path: &'static str) -> Endpoint {
    Endpoint::new(
        rule(
            id,
            "inference through the compatibility layer is logged per the project's logging setting \
             and abuse-monitoring terms (a ZDR profile confirms both)",
            LOGS,
        ),
        Methods::POST,
        path,
        EndpointClass::Stateless,
        "55 days in the project's logs when logging is on; abuse logs unless ZDR is approved",
    )
}

const fn stateful(id: &'static str, summary: &'static str, path: &'static str) -> Endpoint {
    Endpoint::kept(rule(id, summary, LOGS), path, "until deleted or expired")
}

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    inference("gemini.chat_completions", "/chat/completions"),
    inference("gemini.embeddings", "/embeddings"),
    inference("gemini.images.generations", "/images/generations"),
    inference("gemini.audio.speech", "/audio/speech"),
    stateful(
        "gemini.files",
        "uploaded files are kept until they expire or are deleted (inferred)",
        "/files/**",
    ),
    stateful(
        "gemini.batches",
        "batches keep their inputs and outputs (inferred)",
        "/batches/**",
    ),
    Endpoint::metadata(
        rule(
            "gemini.models",
            "model metadata carries no customer content",
            LOGS,
        ),
        Methods::GET,
        "/models/**",
    ),
];
