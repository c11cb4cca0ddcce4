//! Groq's catalog, after the base path `/openai/v1`.
//!
//! Sources: Groq's data-controls page (seed 000, read 2026-11-22), its prompt-caching page and the
//! Python SDK's API list (2026-08-18) for the paths the data-controls page does not show.
//! Inference endpoints keep reliability and abuse logs up to 30 days (none under ZDR); batch and
//! fine-tuning keep application state and are disabled under ZDR. Prompt caching keeps its
//! entries in volatile memory, expiring after 2 hours without use, with no request field: no rule
//! needs it (page read 2026-11).

use super::{
    CatalogRules, Endpoint, EndpointClass, Methods, SEEDS_READ, Source, StoreDefault, rule, source,
};

const DATA: Source = source("https://console.groq.com/docs/your-data", SEEDS_READ);
const SDK: Source = source(
    "https://github.com/groq/groq-python/blob/9620fde0bc576d22ce7281fe0795215bc17972da/api.md",
    "2026-08-18",
);

const fn inference(id: &'static str, path: &'static str) -> Endpoint {
    Endpoint::new(
        rule(
            id,
            "groq inference keeps reliability and abuse logs up to 30 days, none under ZDR; eligible",
            DATA,
        ),
        Methods::POST,
        path,
        EndpointClass::Stateless,
        "reliability and abuse-monitoring logs up to 30 days (none under ZDR)",
    )
}

const fn stateful(
    id: &'static str,
    summary: &'static str,
    path: &'static str,
    stores: &'static str,
) -> Endpoint {
    Endpoint::new(
        rule(id, summary, DATA),
        Methods::ANY,
        path,
        EndpointClass::Stateful,
        stores,
    )
}

/// The provider-wide rules (Groq has no residency hosts and no background mode).
pub(crate) static RULES: CatalogRules = CatalogRules {
    residency_hosts: rule(
        "groq.residency",
        "groq stores retained data in the United States and has no regional hosts",
        DATA,
    ),
    residency_unlisted: rule(
        "groq.residency",
        "groq stores retained data in the United States and has no regional hosts",
        DATA,
    ),
    background: rule(
        "groq.responses",
        "the Responses API on Groq does not support stateful conversations",
        DATA,
    ),
    attestation: None,
    other_global_hosts: &[],
    regions_process_only: false,
    base_aliases: &[],
    deployments: None,
    resource_domains: &[],
    zdr_requires: &[],
};

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    inference("groq.chat_completions", "/chat/completions").store(StoreDefault::DoesNotStore),
    inference("groq.responses", "/responses")
        .store(StoreDefault::DoesNotStore)
        .stateful_params(),
    inference("groq.audio.transcriptions", "/audio/transcriptions"),
    inference("groq.audio.translations", "/audio/translations"),
    inference("groq.audio.speech", "/audio/speech"),
    Endpoint::new(
        rule(
            "groq.embeddings",
            "embeddings are stateless inference like chat (inferred: the data-controls page has \
             no row; the SDK lists `POST /openai/v1/embeddings`)",
            SDK,
        ),
        Methods::POST,
        "/embeddings",
        EndpointClass::Stateless,
        "reliability and abuse-monitoring logs up to 30 days (none under ZDR)",
    ),
    stateful(
        "groq.batches",
        "groq batches keep input and output files up to 30 days; the feature is disabled under ZDR",
        "/batches/**",
        "application state up to 30 days",
    ),
    stateful(
        "groq.files",
        "groq files (purpose batch or fine_tuning) are application state; disabled under ZDR",
        "/files/**",
        "application state up to 30 days (batch) or until deleted (fine-tuning)",
    ),
    stateful(
        "groq.fine_tunings",
        "groq fine-tunings keep weights and training data until deleted; disabled under ZDR",
        "/fine_tunings/**",
        "until deleted",
    ),
    Endpoint::metadata(
        rule(
            "groq.models",
            "model metadata carries no customer content; deleting a model (such as a fine-tune) \
             removes data (the SDK lists `GET /models`, `GET` and `DELETE /models/{model}`)",
            SDK,
        ),
        Methods::GET_DELETE,
        "/models/**",
    ),
];
