//! Fireworks' catalog, after the base path `/inference/v1`.
//!
//! Sources, each with the date of the copy read: the zero-data-retention account policy page
//! (which requests a ZDR account rejects), the data-residency and US-only serverless pages, the
//! FireRouter pages, the data-handling page (current, and the seed copy of 2026-11-22 for the
//! proprietary models), the embeddings guide and the delete-response reference. The Fireworks
//! pages are undated; the copies were read in November 2026.

use super::body::{models, stateful_params, store, tools};
use super::features::{client, hosted};
use super::spec::Spec;
use super::{
    Applies, BodyRule, Capabilities, Endpoint, EndpointClass, Feature, Methods, ModelLimit,
    ModelLimitKind, Provider, Region, Rule, SEEDS_READ, Source, StoreDefault, Tools, Verification,
    rule, source,
};

const ZDR: Source = source(
    "https://docs.fireworks.ai/accounts/zero-data-retention",
    "2026-11-23",
);
const RESIDENCY: Source = source(
    "https://docs.fireworks.ai/accounts/data-residency",
    "2026-11-23",
);
const US_ONLY: Source = source(
    "https://docs.fireworks.ai/serverless/us-only-serverless",
    "2026-11-23",
);
const HANDLING: Source = source(
    "https://docs.fireworks.ai/guides/security_compliance/data_handling",
    "2026-11-23",
);
const HANDLING_SEED: Source = source(
    "https://docs.fireworks.ai/guides/security_compliance/data_handling",
    SEEDS_READ,
);
const EMBEDDINGS: Source = source(
    "https://docs.fireworks.ai/guides/querying-embeddings-models",
    "2026-11-23",
);
const DELETE: Source = source(
    "https://docs.fireworks.ai/api-reference/delete-response",
    SEEDS_READ,
);

/// Fireworks' residency host: US-only serving.
static REGION_HOSTS: &[(Region, &str)] = &[(Region::Us, "us.api.fireworks.ai")];

/// Proprietary Fireworks models (f1, FireFunction), denied under ZDR.
static PROPRIETARY_MODELS: ModelLimit = ModelLimit {
    rule: rule(
        "fireworks.proprietary_models",
        "proprietary Fireworks models (f1, FireFunction) may log prompts and generations (seed \
         copy of the data-handling page; the current copy dropped the sentence and no current \
         page says they do not log, so they stay denied under ZDR)",
        HANDLING_SEED,
    ),
    kind: ModelLimitKind::DenyFamilies {
        families: &["firefunction", "f1"],
    },
    applies: Applies::ZeroDataRetention,
};

/// FireRouter virtual models pass requests to closed third-party models.
static FIREROUTER_MODELS: ModelLimit = ModelLimit {
    rule: rule(
        "fireworks.firerouter",
        "FireRouter virtual models (`firerouter`, `firerouter/…`, \
         `accounts/fireworks/routers/firerouter/…`; any id segment starting `firerouter`, since \
         the syntax of composed routes was not captured) may pass a request to a closed \
         third-party model: a ZDR account rejects them, and a residency region blocks them; \
         open-model routers (`accounts/fireworks/routers/kimi-k3-us`, `glm-latest`, `auto`) are \
         not caught",
        ZDR,
    ),
    kind: ModelLimitKind::DenySegment {
        segment: "firerouter",
    },
    applies: Applies::ZdrOrRegion,
};

/// With a residency region, every request needs a model served in that region.
static US_MODELS: ModelLimit = ModelLimit {
    rule: rule(
        "fireworks.residency.us_models",
        "once a region is set, every request must use a model served in that region: US-only \
         serverless models end in `-us` (inferred from the US-only serverless page); name others \
         in `allow_models` if your deployment serves them in the US",
        US_ONLY,
    ),
    kind: ModelLimitKind::Suffix { suffix: "-us" },
    applies: Applies::Region,
};

/// The model limits of every inference endpoint.
static MODEL_LIMITS: &[BodyRule] = &[
    models(&PROPRIETARY_MODELS),
    models(&FIREROUTER_MODELS),
    models(&US_MODELS),
];
const INFERENCE: &[&[BodyRule]] = &[MODEL_LIMITS];

const fn inference(
    id: &'static str,
    summary: &'static str,
    source: Source,
    path: &'static str,
) -> Endpoint {
    Endpoint::new(
        rule(id, summary, source),
        Methods::POST,
        path,
        EndpointClass::Stateless,
        "none for open models (prompt caches as key/value tensors in memory only)",
    )
    .body(INFERENCE)
}

const RESPONSES_GUIDE: Source = source(
    "https://docs.fireworks.ai/guides/response-api",
    "2026-12-04",
);

const CLIENT_TOOL: Rule = rule(
    "fireworks.tools.client",
    "function tools (and Anthropic-style custom tools, which may omit `type`) are executed by the \
     client",
    RESPONSES_GUIDE,
);

/// The tool types of chat completions and responses: function tools run on the client, MCP
/// tools on Fireworks' side.
static TOOLS: Tools = Tools {
    unknown: rule(
        "fireworks.tools.unknown",
        "a tool type the catalog does not know may be server-executed (MCP/SSE tools, web search): \
         denied under ZDR unless `allow_tools` names it (`type:<name>`)",
        RESPONSES_GUIDE,
    ),
    applies: Applies::ZeroDataRetention,
    untyped: None,
    table: &[
        client("function", CLIENT_TOOL),
        hosted(
            "mcp",
            Feature::Mcp,
            rule(
                "fireworks.tools.mcp",
                "MCP tools are server-executed; data sent to third parties such as MCP servers is \
                 handled under their own policies: denied under ZDR",
                ZDR,
            ),
        ),
    ],
};

/// The Anthropic Messages API's tools: custom tools (no `type`, or `custom`).
static MESSAGES_TOOLS: Tools = Tools {
    unknown: rule(
        "fireworks.messages.tools.unknown",
        "a Messages tool type other than a custom tool may be server-executed: denied under ZDR \
         unless `allow_tools` names it (`type:<name>`)",
        RESPONSES_GUIDE,
    ),
    applies: Applies::ZeroDataRetention,
    untyped: Some("custom"),
    table: &[client("custom", CLIENT_TOOL)],
};

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    inference(
        "fireworks.chat_completions",
        "chat completions keep nothing for open models; a ZDR account rejects `store: true`",
        ZDR,
        "/chat/completions",
    )
    .body(&[
        MODEL_LIMITS,
        &[tools(&TOOLS)],
        &[store(StoreDefault::DoesNotStore)],
    ]),
    inference(
        "fireworks.completions",
        "completions keep nothing for open models; a ZDR account rejects `store: true`",
        ZDR,
        "/completions",
    )
    .body(&[MODEL_LIMITS, &[store(StoreDefault::DoesNotStore)]]),
    inference(
        "fireworks.messages",
        "the Anthropic Messages API keeps nothing for open models; a ZDR account allows it",
        ZDR,
        "/messages",
    )
    .body(&[MODEL_LIMITS, &[tools(&MESSAGES_TOOLS)]]),
    inference(
        "fireworks.embeddings",
        "embeddings keep nothing; a ZDR account allows them",
        EMBEDDINGS,
        "/embeddings",
    ),
    inference(
        "fireworks.rerank",
        "reranking keeps nothing; a ZDR account allows it (the path is inferred from the \
         embeddings and reranking guide)",
        EMBEDDINGS,
        "/rerank",
    ),
    inference(
        "fireworks.responses",
        "the Responses API stores conversations for 30 days unless `store` is false (the default \
         is true); a ZDR account rejects `store: true` and `background: true`",
        HANDLING,
        "/responses",
    )
    .body(&[
        STATEFUL,
        MODEL_LIMITS,
        &[tools(&TOOLS)],
        &[store(StoreDefault::Stores)],
    ]),
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

/// The provider-wide rules.
/// The parameters of a Responses body that need stored state, denied under ZDR.
static STATEFUL: &[BodyRule] = stateful_params!(rule(
    "fireworks.responses.background",
    "a ZDR account rejects Responses API requests with `background: true`",
    ZDR,
));

pub(super) static SPEC: Spec = Spec::new(
    Provider::Fireworks,
    "api.fireworks.ai",
    "/inference/v1",
    ENDPOINTS,
    rule(
        "fireworks.residency.hosts",
        "once an account's region is set, every request must use that region's API endpoint \
         (`us.api.fireworks.ai` for US) and a model served there",
        RESIDENCY,
    ),
)
.regions(REGION_HOSTS)
.residency_unlisted(rule(
    "fireworks.residency.unlisted",
    "Fireworks documents residency for serverless inference only",
    RESIDENCY,
))
.capabilities(Capabilities {
    account: Some("a Fireworks account id"),
    ..Capabilities::NONE
})
.verify(Verification::FireworksAccount {
    probe_model: "accounts/fireworks/models/llama-v3p1-8b-instruct",
});
