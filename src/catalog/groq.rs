//! Groq's catalog, after the base path `/openai/v1`.
//!
//! Source: Groq's data-controls page (seed 000). Inference endpoints keep reliability and abuse
//! logs up to 30 days (none under ZDR); batch and fine-tuning keep application state and are
//! disabled under ZDR.

use super::{Endpoint, EndpointClass, Methods, StoreDefault, rule};

const DATA: &str = "https://console.groq.com/docs/your-data";

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

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    inference("groq.chat_completions", "/chat/completions").store(StoreDefault::DoesNotStore),
    inference("groq.responses", "/responses")
        .store(StoreDefault::DoesNotStore)
        .stateful_params(),
    inference("groq.audio.transcriptions", "/audio/transcriptions"),
    inference("groq.audio.translations", "/audio/translations"),
    inference("groq.audio.speech", "/audio/speech"),
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
    Endpoint::new(
        rule(
            "groq.models",
            "model metadata carries no customer content (usage metadata only)",
            DATA,
        ),
        Methods::GET,
        "/models/**",
        EndpointClass::Administration,
        "no customer content",
    ),
];
