//! Fireworks' catalog, after the base path `/inference/v1`.
//!
//! Sources: Fireworks' data-handling page (seed 002) and its delete-response reference. Open models
//! keep no prompt or generation data; the Responses API stores by default for 30 days; the
//! proprietary models (f1, FireFunction) may log prompts and generations.

use super::{Endpoint, EndpointClass, Methods, ModelLimit, ModelLimitKind, StoreDefault, rule};

const DATA: &str = "https://docs.fireworks.ai/guides/security_compliance/data_handling";
const DELETE: &str = "https://docs.fireworks.ai/api-reference/delete-response";

/// Proprietary Fireworks models may log prompts and generations.
pub(crate) static PROPRIETARY_MODELS: ModelLimit = ModelLimit {
    rule: rule(
        "fireworks.proprietary_models",
        "proprietary Fireworks models (f1, FireFunction) may log prompts and generations",
        DATA,
    ),
    kind: ModelLimitKind::DenyFamilies {
        families: &["firefunction", "f1"],
    },
};

const fn open_models(id: &'static str, path: &'static str) -> Endpoint {
    Endpoint::new(
        rule(
            id,
            "open models keep prompts and generations in volatile memory only",
            DATA,
        ),
        Methods::POST,
        path,
        EndpointClass::Stateless,
        "none for open models (prompt caches in memory for minutes)",
    )
    .model(&PROPRIETARY_MODELS)
}

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    open_models("fireworks.chat_completions", "/chat/completions"),
    open_models("fireworks.completions", "/completions"),
    open_models("fireworks.embeddings", "/embeddings"),
    Endpoint::new(
        rule(
            "fireworks.responses",
            "the Responses API stores conversations for 30 days unless `store` is false (the default is true)",
            DATA,
        ),
        Methods::POST,
        "/responses",
        EndpointClass::Stateless,
        "30 days by default (`store` defaults to true)",
    )
    .store(StoreDefault::Stores)
    .model(&PROPRIETARY_MODELS)
    .stateful_params(),
    Endpoint::new(
        rule(
            "fireworks.responses.stored",
            "stored responses are kept 30 days; DELETE erases one at once",
            DELETE,
        ),
        Methods::GET,
        "/responses",
        EndpointClass::Stateful,
        "30 days",
    ),
    Endpoint::new(
        rule(
            "fireworks.responses.stored",
            "stored responses are kept 30 days; DELETE erases one at once",
            DELETE,
        ),
        Methods::ANY,
        "/responses/{response_id}/**",
        EndpointClass::Stateful,
        "30 days",
    ),
];
