//! OpenAI's catalog, after the base path `/v1`.
//!
//! Sources: the data-controls page (seed 001 and its 2026 version), the data-residency page, the
//! background-mode guide, and the public OpenAPI spec (openai/openai-openapi, 2026-08-21) for the
//! list of paths.

use super::{
    Endpoint, EndpointClass, Methods, ModelLimit, ModelLimitKind, Regions, StoreDefault, rule,
};

const DATA: &str = "https://developers.openai.com/api/docs/guides/your-data";
const RESIDENCY: &str = "https://developers.openai.com/api/docs/guides/data-residency";
const OPENAPI: &str = "https://github.com/openai/openai-openapi";

/// Image endpoints are ZDR compatible with `gpt-image-*` models only; the default is `dall-e-2`.
pub(crate) static IMAGE_MODELS: ModelLimit = ModelLimit {
    rule: rule(
        "openai.images.zdr_models",
        "image generation is zero-data-retention compatible with `gpt-image-*` models, not \
         `dall-e-2` or `dall-e-3`; an absent model means `dall-e-2`",
        DATA,
    ),
    kind: ModelLimitKind::Prefix {
        prefix: "gpt-image-",
        default: "dall-e-2",
    },
};

const fn stateless(
    id: &'static str,
    summary: &'static str,
    path: &'static str,
    stores: &'static str,
) -> Endpoint {
    Endpoint::new(
        rule(id, summary, DATA),
        Methods::POST,
        path,
        EndpointClass::Stateless,
        stores,
    )
}

const fn stateful(
    id: &'static str,
    summary: &'static str,
    methods: Methods,
    path: &'static str,
    stores: &'static str,
) -> Endpoint {
    Endpoint::new(
        rule(id, summary, DATA),
        methods,
        path,
        EndpointClass::Stateful,
        stores,
    )
}

const fn admin(
    id: &'static str,
    summary: &'static str,
    methods: Methods,
    path: &'static str,
) -> Endpoint {
    Endpoint::new(
        rule(id, summary, OPENAPI),
        methods,
        path,
        EndpointClass::Administration,
        "no customer content: account settings and metadata",
    )
}

const fn undocumented(id: &'static str, summary: &'static str, path: &'static str) -> Endpoint {
    Endpoint::new(
        rule(id, summary, DATA),
        Methods::POST,
        path,
        EndpointClass::Undocumented,
        "not documented on the data-controls page",
    )
}

/// An Admin API endpoint that reads or sets an organization's or project's data retention:
/// setting it under zero data retention would change the very agreement the profile enforces.
const fn retention_settings(path: &'static str) -> Endpoint {
    Endpoint::new(
        rule(
            "openai.data_retention_settings",
            "the organization's and projects' data-retention settings: changing them changes the \
             retention the profile describes, so ZDR profiles may read them only",
            OPENAPI,
        ),
        Methods::GET_POST,
        path,
        EndpointClass::Stateful,
        "the data-retention setting itself",
    )
}

const ASSISTANTS_STATE: &str = "application state until deleted; deleted objects go 30 days later";
const UNTIL_DELETED: &str = "application state until deleted";

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    // Stateless inference.
    stateless(
        "openai.chat_completions",
        "chat completions keep no application state unless `store` is true; the default is \
         account-dependent, so the guard treats an absent flag as possibly true",
        "/chat/completions",
        "none unless stored; audio outputs 1 hour; structured-output schemas",
    )
    .store(StoreDefault::Unclear)
    .store_us_only(),
    stateless(
        "openai.responses",
        "responses are stored for 30 days unless `store` is false (the default is true); \
         `previous_response_id`, `conversation`, `background` and `item_reference` need stored state",
        "/responses",
        "30 days by default (`store` defaults to true); audio outputs 1 hour; structured-output \
         schemas even under ZDR",
    )
    .store(StoreDefault::Stores)
    .stateful_params(),
    stateless("openai.completions", "completions keep no application state", "/completions", "none"),
    stateless("openai.embeddings", "embeddings keep no application state", "/embeddings", "none"),
    stateless(
        "openai.moderations",
        "moderations keep no application state and no abuse logs",
        "/moderations",
        "none, and no abuse-monitoring logs",
    ),
    stateless("openai.audio.speech", "speech keeps no application state", "/audio/speech", "none"),
    stateless(
        "openai.audio.transcriptions",
        "transcriptions keep no application state and no abuse logs",
        "/audio/transcriptions",
        "none, and no abuse-monitoring logs",
    ),
    stateless(
        "openai.audio.translations",
        "translations keep no application state and no abuse logs",
        "/audio/translations",
        "none, and no abuse-monitoring logs",
    ),
    stateless(
        "openai.images.generations",
        "image generation keeps no application state; ZDR only with `gpt-image-*` models",
        "/images/generations",
        "none",
    )
    .model(&IMAGE_MODELS),
    stateless(
        "openai.images.edits",
        "image edits keep no application state; ZDR only with `gpt-image-*` models",
        "/images/edits",
        "none",
    )
    .model(&IMAGE_MODELS),
    stateless(
        "openai.images.variations",
        "image variations keep no application state; ZDR only with `gpt-image-*` models",
        "/images/variations",
        "none",
    )
    .model(&IMAGE_MODELS),
    Endpoint::new(
        rule(
            "openai.realtime",
            "realtime keeps no application state; residency projects get it in the US and EU only",
            RESIDENCY,
        ),
        Methods::GET_POST,
        "/realtime/**",
        EndpointClass::Stateless,
        "none (WebSocket and WebRTC sessions do not pass an HTTP middleware: check their URL \
         with `Guard::check_realtime`)",
    )
    .regions(Regions::US_EU),
    // Stored chat completions and responses.
    stateful(
        "openai.chat_completions.stored",
        "stored chat completions are application state until deleted",
        Methods::GET,
        "/chat/completions",
        UNTIL_DELETED,
    ),
    stateful(
        "openai.chat_completions.stored",
        "stored chat completions are application state until deleted",
        Methods::ANY,
        "/chat/completions/{completion_id}/**",
        UNTIL_DELETED,
    ),
    undocumented(
        "openai.responses.input_tokens",
        "token counting for responses is not covered by the data-controls page",
        "/responses/input_tokens",
    ),
    undocumented(
        "openai.responses.compact",
        "response compaction is not covered by the data-controls page",
        "/responses/compact",
    ),
    stateful(
        "openai.responses.stored",
        "stored responses are application state for 30 days; cancelling needs a background \
         response, which ZDR does not keep",
        Methods::ANY,
        "/responses/{response_id}/**",
        "30 days",
    ),
    // Stateful families.
    stateful(
        "openai.conversations",
        "conversations are application state until deleted",
        Methods::ANY,
        "/conversations/**",
        "until deleted, and abuse-monitoring logs until deleted",
    ),
    stateful(
        "openai.assistants",
        "assistants are application state until deleted",
        Methods::ANY,
        "/assistants/**",
        ASSISTANTS_STATE,
    ),
    stateful(
        "openai.threads",
        "threads, messages, runs and run steps are application state until deleted",
        Methods::ANY,
        "/threads/**",
        ASSISTANTS_STATE,
    ),
    stateful(
        "openai.vector_stores",
        "vector stores (and file search) are application state until deleted",
        Methods::ANY,
        "/vector_stores/**",
        ASSISTANTS_STATE,
    ),
    stateful(
        "openai.files",
        "files are application state until deleted; residency projects have them in the US and EU only",
        Methods::ANY,
        "/files/**",
        UNTIL_DELETED,
    )
    .regions(Regions::US_EU),
    stateful(
        "openai.uploads",
        "an upload becomes a file, application state until deleted",
        Methods::ANY,
        "/uploads/**",
        UNTIL_DELETED,
    )
    .regions(Regions::US_EU),
    stateful(
        "openai.fine_tuning",
        "fine-tuning jobs and their data are application state until deleted; residency \
         projects have them in the US and EU only",
        Methods::ANY,
        "/fine_tuning/**",
        UNTIL_DELETED,
    )
    .regions(Regions::US_EU),
    stateful(
        "openai.batches",
        "batches are application state until deleted",
        Methods::ANY,
        "/batches/**",
        UNTIL_DELETED,
    ),
    stateful(
        "openai.evals",
        "evals are application state until deleted; residency projects have them in the US and EU only",
        Methods::ANY,
        "/evals/**",
        UNTIL_DELETED,
    )
    .regions(Regions::US_EU),
    stateful("openai.agents", "agents are application state until deleted", Methods::ANY, "/agents/**", UNTIL_DELETED),
    stateful(
        "openai.chatkit",
        "ChatKit sessions and threads are application state until deleted",
        Methods::ANY,
        "/chatkit/**",
        UNTIL_DELETED,
    ),
    stateful(
        "openai.audio.voices",
        "custom voices are application state until deleted",
        Methods::ANY,
        "/audio/voices/**",
        UNTIL_DELETED,
    ),
    stateful(
        "openai.audio.voice_consents",
        "voice consent recordings belong to custom voices, application state until deleted",
        Methods::ANY,
        "/audio/voice_consents/**",
        UNTIL_DELETED,
    ),
    stateful(
        "openai.containers",
        "containers (hosted code interpreter and shell) keep state until they expire; not usable under ZDR",
        Methods::ANY,
        "/containers/**",
        "until the container expires (20 minutes idle)",
    ),
    stateful(
        "openai.skills",
        "skills are stored for hosted containers; not usable under ZDR",
        Methods::ANY,
        "/skills/**",
        UNTIL_DELETED,
    ),
    stateful(
        "openai.videos",
        "videos are kept 48 hours plus 30 days and are blocked under modified abuse monitoring and ZDR; \
         the API was retired on 2026-09-24",
        Methods::ANY,
        "/videos/**",
        "48 hours plus 30 days",
    )
    .blocked_under_mam(),
    // Retention settings: changing them changes the agreement the profile describes.
    retention_settings("/organization/data_retention"),
    retention_settings("/organization/projects/{project_id}/data_retention"),
    // Administration and metadata.
    admin(
        "openai.organization",
        "organization administration carries account settings, not customer content",
        Methods::ANY,
        "/organization/**",
    ),
    admin(
        "openai.projects",
        "project role administration carries account settings, not customer content",
        Methods::ANY,
        "/projects/**",
    ),
    admin("openai.models", "model metadata carries no customer content", Methods::GET, "/models"),
    admin(
        "openai.models",
        "model metadata carries no customer content; deleting a fine-tuned model removes data",
        Methods::GET_DELETE,
        "/models/{model}",
    ),
    undocumented(
        "openai.content_provenance_checks",
        "content provenance checks are not covered by the data-controls page",
        "/content_provenance_checks",
    ),
];
