//! Groq's catalog, after the base path `/openai/v1`.
//!
//! Sources: Groq's data-controls page (seed 000, read 2026-11-22), its prompt-caching page and the
//! Python SDK's API list (2026-08-18) for the paths the data-controls page does not show.
//! Inference endpoints keep reliability and abuse logs up to 30 days (none under ZDR); batch and
//! fine-tuning keep application state and are disabled under ZDR. Prompt caching keeps its
//! entries in volatile memory, expiring after 2 hours without use, with no request field: no rule
//! needs it (page read 2026-11).

use super::body::{models, stateful_params, store, tools};
use super::features::{client, hosted};
use super::spec::Spec;
use super::{
    Applies, BodyRule, Endpoint, EndpointClass, Feature, Methods, ModelLimit, ModelLimitKind,
    Provider, Rule, SEEDS_READ, Source, StoreDefault, Tools, Verification, rule, source,
};

const DATA: Source = source("https://console.groq.com/docs/your-data", SEEDS_READ);
const SDK: Source = source(
    "https://github.com/groq/groq-python/blob/9620fde0bc576d22ce7281fe0795215bc17972da/api.md",
    "2026-08-18",
);

const BUILT_IN: Source = source(
    "https://console.groq.com/docs/tool-use/built-in-tools",
    "2026-12-04",
);
const COMPOUND: Source = source(
    "https://console.groq.com/docs/compound/built-in-tools",
    "2026-12-04",
);
const SDK_TOOLS: Source = source(
    "https://github.com/groq/groq-python/blob/9620fde0bc576d22ce7281fe0795215bc17972da/src/groq/types/chat/completion_create_params.py",
    "2026-08-18",
);
const MCP: Source = source("https://console.groq.com/docs/mcp", "2026-12-04");

const SERVER_SIDE: Rule = rule(
    "groq.tools.built_in",
    "built-in tools (browser search, code interpreter) execute entirely on Groq's servers and \
     reach the web; they are not HIPAA covered nor available on regional endpoints, and the data \
     page does not say ZDR covers them: denied under ZDR (inferred)",
    BUILT_IN,
);

/// The tool types of chat completions and responses.
static TOOLS: Tools = Tools {
    unknown: rule(
        "groq.tools.unknown",
        "the SDK passes any tool type through (`function`, `browser_search` and \
         `code_interpreter` are named); one the catalog does not know is denied under ZDR unless \
         `allow_tools` names it (`type:<name>`)",
        SDK_TOOLS,
    ),
    applies: Applies::ZeroDataRetention,
    untyped: None,
    table: &[
        client(
            "function",
            rule(
                "groq.tools.client",
                "function tools run on the client",
                SDK_TOOLS,
            ),
        ),
        hosted("browser_search", Feature::Web, SERVER_SIDE),
        hosted("code_interpreter", Feature::Code, SERVER_SIDE),
        hosted(
            "mcp",
            Feature::Mcp,
            rule(
                "groq.tools.mcp",
                "remote MCP tools send the conversation to a third-party server: denied under ZDR",
                MCP,
            ),
        ),
    ],
};

/// Compound systems run web search, website visits and code execution with no tool field.
static COMPOUND_MODELS: ModelLimit = ModelLimit {
    rule: rule(
        "groq.models.compound",
        "the compound systems (`groq/compound`, `groq/compound-mini`) enable every built-in tool \
         by default (web search, website visits, code execution, browser automation): denied \
         under ZDR unless `allow_models` names them (inferred)",
        COMPOUND,
    ),
    kind: ModelLimitKind::DenyFamilies {
        families: &["compound"],
    },
    applies: Applies::ZeroDataRetention,
};

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
/// The parameters of a Responses body that need stored state, denied under ZDR.
static STATEFUL: &[BodyRule] = stateful_params!(rule(
    "groq.responses",
    "the Responses API on Groq does not support stateful conversations",
    DATA,
));

pub(super) static SPEC: Spec = Spec::new(
    Provider::Groq,
    "api.groq.com",
    "/openai/v1",
    ENDPOINTS,
    rule(
        "groq.residency",
        "groq stores retained data in the United States and has no regional hosts",
        DATA,
    ),
)
.verify(Verification::ByHand(
    "Groq has no API that reports its data controls; check Zero Data Retention in the console \
     at https://console.groq.com/settings/data-controls (organization admins)",
));

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    inference("groq.chat_completions", "/chat/completions").body(&[
        &[models(&COMPOUND_MODELS), tools(&TOOLS)],
        &[store(StoreDefault::DoesNotStore)],
    ]),
    inference("groq.responses", "/responses").body(&[
        STATEFUL,
        &[models(&COMPOUND_MODELS), tools(&TOOLS)],
        &[store(StoreDefault::DoesNotStore)],
    ]),
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
