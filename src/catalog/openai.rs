//! OpenAI's catalog, after the base path `/v1`.
//!
//! Sources, each with the date of the copy read (`CATALOG.md` says how to update them):
//! the data-controls page ("your data": the September 2026 copy for the per-endpoint table, the
//! October copy for `/v1/decisions`, `/v1/audio/voices` and the residency tables), the
//! data-residency page, the guides to background mode, compaction, prompt caching and the hosted
//! tools, the API reference for decisions, and the public OpenAPI spec of 2026-09-23 for the list
//! of paths (`tests/data/openai-openapi-paths.txt` holds it).

use super::body::{
    allowed_field, background, batch, denied_field, items_at, models, processing, stateful_param,
    store, store_at, store_outside_us, stored_items, tools, tracing_at,
};
use super::features::{client, hosted, with_model};
use super::spec::Spec;
use super::{
    Applies, BatchInput, BodyRule, Capabilities, Endpoint, EndpointClass, Feature, HeaderKey,
    Methods, ModelLimit, ModelLimitKind, Paths, ProcessingModels, ProfileHeader, Provider, Region,
    Regions, Rule, Source, StoreDefault, Tools, Unless, Verification, rule, source,
};

/// The data-controls page, September 2026 copy (undated; it lists `gpt-image-2.5-*-2026-09-08`).
const YD_SEP: Source = source(
    "https://developers.openai.com/api/docs/guides/your-data",
    "2026-09",
);
/// The data-controls page, October 2026 copy (undated; adds `/v1/decisions`, drops `/v1/videos`).
const YD_OCT: Source = source(
    "https://developers.openai.com/api/docs/guides/your-data",
    "2026-10",
);
/// The data-residency page (undated, read in its October/November 2026 edition).
const RESIDENCY: Source = source(
    "https://developers.openai.com/api/docs/guides/data-residency",
    "2026-10",
);
const BACKGROUND: Source = source(
    "https://developers.openai.com/api/docs/guides/background",
    "2026-07-15",
);
const COMPACTION: Source = source(
    "https://developers.openai.com/api/docs/guides/compaction",
    "2026-07-15",
);
const MCP: Source = source(
    "https://developers.openai.com/api/docs/guides/tools-connectors-mcp",
    "2026-07-15",
);
const SHELL: Source = source(
    "https://developers.openai.com/api/docs/guides/tools-shell",
    "2026-07-15",
);
/// The OpenAPI spec of 2026-08-21 (tool types, image defaults).
const SPEC_0821: Source = source(
    "https://github.com/openai/openai-openapi/blob/f85dbe223d40e1a31cba812ab2d755c7e98a92a3/openapi.yaml",
    "2026-08-21",
);
/// The OpenAPI spec of 2026-09-23 (every path; live sessions, agents, vaults).
const SPEC_0923: Source = source(
    "https://github.com/api-evangelist/openai/tree/18acc6d3dc5924d1778ed502ca8db20c3440a13b/openapi",
    "2026-09-23",
);

/// OpenAI's residency hosts.
static REGION_HOSTS: &[(Region, &str)] = &[
    (Region::Us, "us.api.openai.com"),
    (Region::Eu, "eu.api.openai.com"),
    (Region::Au, "au.api.openai.com"),
    (Region::Ca, "ca.api.openai.com"),
    (Region::Jp, "jp.api.openai.com"),
    (Region::In, "in.api.openai.com"),
    (Region::Sg, "sg.api.openai.com"),
    (Region::Kr, "kr.api.openai.com"),
    (Region::Gb, "gb.api.openai.com"),
    (Region::Ae, "ae.api.openai.com"),
];

/// The image models the data-controls page lists as ZDR compatible (September and October 2026
/// copies, identical; the residency tables list the same eight).
const ZDR_IMAGE_MODELS: &[&str] = &[
    "gpt-image-2.5-sunburst",
    "gpt-image-2.5-sunburst-2026-09-08",
    "gpt-image-2.5-flare",
    "gpt-image-2.5-flare-2026-09-08",
    "gpt-image-2",
    "gpt-image-1.5",
    "gpt-image-1",
    "gpt-image-1-mini",
];

const fn image_models(
    id: &'static str,
    summary: &'static str,
    default: Option<&'static str>,
) -> ModelLimit {
    ModelLimit {
        rule: rule(id, summary, YD_SEP),
        kind: ModelLimitKind::Listed {
            models: ZDR_IMAGE_MODELS,
            default,
        },
        applies: Applies::ZeroDataRetention,
    }
}

static GENERATION_MODELS: ModelLimit = image_models(
    "openai.images.generations.zdr_models",
    "image generation is ZDR compatible with the eight listed `gpt-image` models only (not \
     `gpt-image-2-2026-04-21`, `chatgpt-image-latest` or DALL·E); an absent model means \
     `dall-e-2` (OpenAPI 2026-08-21), retired and not listed, so it is denied",
    Some("dall-e-2"),
);
static EDIT_MODELS: ModelLimit = image_models(
    "openai.images.edits.zdr_models",
    "image edits are ZDR compatible with the eight listed `gpt-image` models only; an absent \
     model means `gpt-image-1.5` (OpenAPI 2026-08-21), which is listed",
    Some("gpt-image-1.5"),
);
static VARIATION_MODELS: ModelLimit = ModelLimit {
    rule: rule(
        "openai.images.variations.zdr_models",
        "image variations take only `dall-e-2` (OpenAPI 2026-08-21), which is retired and not \
         ZDR compatible; the data-controls table dropped the endpoint after 2026-07-15 \
         (inferred: never ZDR)",
        YD_SEP,
    ),
    kind: ModelLimitKind::Listed {
        models: &[],
        default: Some("dall-e-2"),
    },
    applies: Applies::ZeroDataRetention,
};
static IMAGE_TOOL_MODELS: ModelLimit = image_models(
    "openai.tools.image_generation.zdr_models",
    "the `image_generation` tool uses the image endpoints' ZDR model list (inferred); an absent \
     model means `gpt-image-1` (OpenAPI 2026-08-21), which is listed",
    Some("gpt-image-1"),
);

/// Models the UAE processes in-region, per endpoint (YD-oct residency table).
const fn uae(id: &'static str, models: &'static [&'static str]) -> ProcessingModels {
    ProcessingModels {
        rule: rule(
            id,
            "the UAE processes requests in-region for the listed models only",
            YD_OCT,
        ),
        region: Region::Ae,
        models,
    }
}
static UAE_CHAT: ProcessingModels = uae(
    "openai.residency.uae_chat_models",
    &["gpt-5.6-luna", "gpt-5.5-2026-04-23", "gpt-5.2-2025-12-11"],
);
static UAE_RESPONSES: ProcessingModels = uae(
    "openai.residency.uae_responses_models",
    &[
        "gpt-5.6-luna",
        "gpt-5.5-2026-04-23",
        "gpt-5.2-2025-12-11",
        "gpt-5.5-pro-2026-04-23",
    ],
);
static UAE_EMBEDDINGS: ProcessingModels = uae(
    "openai.residency.uae_embeddings_models",
    &["text-embedding-3-large"],
);

const CLIENT_TOOL: Rule = rule(
    "openai.tools.client",
    "function, custom, namespace, tool-search, apply-patch, local-shell and computer-use tools \
     run on the client or over the request's own tools: no hosted state",
    SPEC_0821,
);
const WEB_SEARCH: Rule = rule(
    "openai.tools.web_search",
    "web search stays allowed under ZDR (inferred: no state is kept; the 'Web Search is ZDR \
     eligible' sentence of 2026-02-26 is gone, and live web search is not HIPAA eligible)",
    YD_SEP,
);
const CONTAINERS: Rule = rule(
    "openai.tools.containers",
    "hosted `code_interpreter` and `shell` containers keep files until the container expires \
     (20 minutes idle) or is deleted; the 2026-04-03 page said they cannot be used under ZDR, \
     later copies say their state is ephemeral: denied under ZDR unless `allow_tools` names them",
    YD_SEP,
);
const FILE_SEARCH: Rule = rule(
    "openai.tools.file_search",
    "`file_search` reads vector stores, which are application state until deleted (ZDR: no): \
     denied under ZDR unless `allow_tools` names it",
    YD_SEP,
);
const MCP_TOOL: Rule = rule(
    "openai.tools.mcp",
    "data sent to an MCP server is subject to that third party's retention: denied under ZDR \
     unless `allow_tools` names it",
    MCP,
);
const IMAGE_TOOL: Rule = rule(
    "openai.tools.image_generation",
    "the `image_generation` tool needs a ZDR-compatible image model",
    SPEC_0821,
);
const PROGRAMMATIC: Rule = rule(
    "openai.tools.programmatic_tool_calling",
    "programmatic tool calling executes model-written JavaScript on OpenAI's side (the spec does \
     not say where or with what state): denied under ZDR unless `allow_tools` names `code` \
     (inferred)",
    SPEC_0821,
);
/// The prompt-caching guide, its newest copy (undated; it describes GPT-5.6 breakpoints).
const PROMPT_CACHING: Source = source(
    "https://developers.openai.com/api/docs/guides/prompt-caching",
    "2026-12",
);
const CACHE_RETENTION: Rule = rule(
    "openai.prompt_cache_retention",
    "extended prompt caching (`prompt_cache_retention: \"24h\"`) stores encrypted key/value \
     tensors in GPU-local storage as application state for up to 24 hours; organisations with ZDR \
     default to `in_memory`, so asking for `24h` opts a ZDR request into that storage: denied \
     under ZDR unless `allow_tools` names `cache` (inferred; the pages keep the endpoints ZDR \
     eligible with this limitation, and gpt-5.5 and later models accept only `24h`)",
    PROMPT_CACHING,
);
const CACHE_RESIDENCY: Rule = rule(
    "openai.residency.extended_caching",
    "in regions without regional processing, extended prompt caching may require processing and \
     temporarily storing customer content outside the region: `24h` is denied there unless \
     `allow_tools` names `cache` (the October page; paraphrased)",
    YD_OCT,
);

/// Fields of chat completions, responses, compaction and decisions bodies.
static INFERENCE_FIELDS: &[BodyRule] = &[
    denied_field(
        "prompt_cache_retention",
        &["\"in_memory\"", "\"in-memory\""],
        Applies::ZeroDataRetention,
        Feature::Cache,
        CACHE_RETENTION,
    ),
    denied_field(
        "prompt_cache_retention",
        &["\"in_memory\"", "\"in-memory\""],
        Applies::RegionWithoutProcessing,
        Feature::Cache,
        CACHE_RESIDENCY,
    ),
    allowed_field(
        "prompt_cache_options",
        rule(
            "openai.prompt_cache_options",
            "`prompt_cache_options.ttl` sets a minimum cache lifetime (`30m`, the only value); \
             the maximum application-state retention stays the 24-hour limit of every eligible \
             endpoint",
            PROMPT_CACHING,
        ),
    ),
    allowed_field(
        "prompt_cache_key",
        rule(
            "openai.prompt_cache_key",
            "`prompt_cache_key` groups requests for cache routing; it keeps nothing itself \
             (inferred)",
            PROMPT_CACHING,
        ),
    ),
    allowed_field(
        "web_search_options",
        rule(
            "openai.web_search_options",
            "chat's `web_search_options` is web search, which stays allowed under ZDR like the \
             `web_search` tool (inferred: no state is kept)",
            YD_SEP,
        ),
    ),
    allowed_field(
        "context_management",
        rule(
            "openai.context_management",
            "server-side compaction retains no data when `store` is false (which ZDR forces)",
            YD_SEP,
        ),
    ),
    allowed_field(
        "audio",
        rule(
            "openai.audio_outputs",
            "audio outputs are kept 1 hour as application state for multi-turn conversations: a \
             documented limitation of the ZDR-eligible endpoints",
            YD_SEP,
        ),
    ),
];

const HOSTED_SHELL: Rule = rule(
    "openai.tools.shell",
    "hosted `shell` (`environment.type` `container_auto` or `container_reference`, or none) runs \
     in a container that keeps files until it expires, and its network access reaches third \
     parties; `local` runs on the client",
    SHELL,
);

/// The tool types of `/responses`, realtime and live sessions (OpenAPI 2026-08-21 `Tool` union).
pub(crate) static TOOLS: Tools = Tools {
    unknown: rule(
        "openai.tools.unknown",
        "a tool type the catalog does not know may keep state or reach a third party: denied \
         under ZDR unless `allow_tools` names it (`type:<name>`)",
        SPEC_0821,
    ),
    applies: Applies::ZeroDataRetention,
    untyped: None,
    table: &[
        client("function", CLIENT_TOOL),
        client("custom", CLIENT_TOOL),
        client("namespace", CLIENT_TOOL),
        client("tool_search", CLIENT_TOOL),
        client("apply_patch", CLIENT_TOOL),
        client("local_shell", CLIENT_TOOL),
        client("computer", CLIENT_TOOL),
        client("computer_use_preview", CLIENT_TOOL),
        client("web_search", WEB_SEARCH),
        client("web_search_2025_08_26", WEB_SEARCH),
        client("web_search_preview", WEB_SEARCH),
        client("web_search_preview_2025_03_11", WEB_SEARCH),
        hosted("code_interpreter", Feature::Code, CONTAINERS),
        hosted("shell", Feature::Code, HOSTED_SHELL).unless(Unless::EnvironmentLocal),
        hosted("file_search", Feature::Files, FILE_SEARCH),
        hosted("mcp", Feature::Mcp, MCP_TOOL),
        hosted("programmatic_tool_calling", Feature::Code, PROGRAMMATIC),
        with_model("image_generation", &IMAGE_TOOL_MODELS, IMAGE_TOOL),
    ],
};

/// The tool types of chat completions (OpenAPI 2026-08-21: function and custom tools only).
static CHAT_TOOLS: Tools = Tools {
    unknown: rule(
        "openai.chat.tools.unknown",
        "chat completions take `function` and `custom` tools only; any other type is denied under \
         ZDR unless `allow_tools` names it (`type:<name>`)",
        SPEC_0821,
    ),
    applies: Applies::ZeroDataRetention,
    untyped: None,
    table: &[
        client("function", CLIENT_TOOL),
        client("custom", CLIENT_TOOL),
    ],
};

pub(crate) static TRACING: Rule = rule(
    "openai.residency.tracing",
    "tracing of realtime and live sessions is not data-residency compliant: denied under a \
     non-US region",
    YD_OCT,
);

const fn stateless(
    id: &'static str,
    summary: &'static str,
    path: &'static str,
    stores: &'static str,
) -> Endpoint {
    Endpoint::new(
        rule(id, summary, YD_SEP),
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
    stateful_from(id, summary, YD_SEP, methods, path, stores)
}

const fn stateful_from(
    id: &'static str,
    summary: &'static str,
    source: Source,
    methods: Methods,
    path: &'static str,
    stores: &'static str,
) -> Endpoint {
    Endpoint::new(
        rule(id, summary, source),
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
        rule(id, summary, SPEC_0923),
        methods,
        path,
        EndpointClass::Administration,
        "no customer content: account settings and metadata",
    )
}

const fn undocumented(id: &'static str, summary: &'static str, path: &'static str) -> Endpoint {
    Endpoint::new(
        rule(id, summary, YD_SEP),
        Methods::POST,
        path,
        EndpointClass::Undocumented,
        "not documented on the data-controls page",
    )
}

/// An Admin API endpoint that changes the agreement the profile describes (data retention, which
/// hosted tools a project may use): ZDR profiles may read it only.
const fn agreement_settings(
    id: &'static str,
    summary: &'static str,
    path: &'static str,
) -> Endpoint {
    Endpoint::new(
        rule(id, summary, SPEC_0923),
        Methods::GET_POST,
        path,
        EndpointClass::Stateful,
        "the setting itself, which the agreement depends on",
    )
    // No customer content: any residency project may use it; per-request residency has no
    // reason to send it to a regional host.
    .residency(Regions::ALL, Regions::NONE)
}

/// SIP call control of a live session: no content.
const fn call_control(path: &'static str) -> Endpoint {
    Endpoint::new(
        rule(
            "openai.live_sessions.call_control",
            "hanging up, referring and rejecting a SIP call carry call control, not content",
            SPEC_0923,
        ),
        Methods::POST,
        path,
        EndpointClass::Stateless,
        "none",
    )
    .residency(Regions::US_EU, Regions::US_EU)
}

const WEBHOOKS: &str = "webhook endpoints and event types are project configuration (a target \
     URL and a signing secret), no customer content (inferred)";
const RETENTION_SETTINGS: &str = "the organization's and projects' data-retention settings: \
     changing them changes the retention the profile describes, so ZDR profiles may read them only";

/// A live session's body: its `session` object's `store` (off by default), tools and tracing
/// follow the rules, as at the top level.
static LIVE_SESSION: &[BodyRule] = &[
    tracing_at(Paths::Any(&["tracing", "session.tracing"]), TRACING),
    items_at(
        Paths::Any(&["tools[].type", "session.tools[].type"]),
        &TOOLS,
    ),
    store_at(
        Paths::Any(&["store", "session.store"]),
        StoreDefault::DoesNotStore,
    ),
];

const ASSISTANTS_STATE: &str = "application state until deleted; deleted objects go 30 days later";
const UNTIL_DELETED: &str = "application state until deleted";
const INFERENCE_NOTES: &str = "prompt-cache key/value tensors up to 24 hours (not the prompts); \
     structured-output schemas as system data, outside residency and ZDR (cached for fine-tuned \
     models in strict mode)";

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    // Stateless inference.
    stateless(
        "openai.chat_completions",
        "chat completions keep no application state unless `store` is true; ZDR treats `store` \
         as false, and the default is account-dependent, so an absent flag is written false; \
         `store: true` cannot be set in non-US regions",
        "/chat/completions",
        "none unless stored; audio outputs 1 hour; prompt-cache key/value tensors up to 24 hours \
         (not the prompts); structured-output schemas as system data, outside residency and ZDR",
    )
    .residency(Regions::ALL, Regions::US_EU_AE)
    .body(&[&[processing(&UAE_CHAT), tools(&CHAT_TOOLS)], INFERENCE_FIELDS, &[store(StoreDefault::Unclear), store_outside_us(StoreDefault::Unclear, RESIDENCY_STORE)]]),
    Endpoint::new(
        rule(
            "openai.responses",
            "responses are stored for 30 days unless `store` is false (the default is true); \
             `previous_response_id`, `conversation`, `background` and stored `input` items need \
             stored state; hosted tools that keep state or reach third parties are denied under ZDR",
            YD_SEP,
        ),
        Methods::POST,
        "/responses",
        EndpointClass::Stateless,
        "30 days by default (`store` defaults to true); audio outputs 1 hour; prompt-cache \
         key/value tensors up to 24 hours (not the prompts); structured-output schemas as system \
         data, outside residency and ZDR",
    )
    .residency(Regions::ALL, Regions::US_EU_AE)
    .body(&[STATEFUL, &[processing(&UAE_RESPONSES), tools(&TOOLS)], INFERENCE_FIELDS, &[store(StoreDefault::Stores)]]),
    Endpoint::new(
        rule(
            "openai.decisions",
            "decisions keep no application state, with the data-controls exceptions (prompt \
             cache up to 24 hours; CSAM images); available in every region, processed in the US \
             and EU (the October page; paraphrased)",
            YD_OCT,
        ),
        Methods::POST,
        "/decisions",
        EndpointClass::Stateless,
        INFERENCE_NOTES,
    )
    .residency(Regions::ALL, Regions::US_EU)
    .body(&[&[tools(&TOOLS)], INFERENCE_FIELDS]),
    stateless(
        "openai.completions",
        "legacy completions keep no application state; the residency tables do not list them",
        "/completions",
        "none",
    ),
    stateless("openai.embeddings", "embeddings keep no application state", "/embeddings", "none")
        .residency(Regions::ALL, Regions::US_EU_AE)
    .body(&[&[processing(&UAE_EMBEDDINGS)]]),
    stateless(
        "openai.moderations",
        "moderations keep no application state and no abuse logs",
        "/moderations",
        "none, and no abuse-monitoring logs",
    )
    .residency(Regions::ALL, Regions::US_EU),
    stateless("openai.audio.speech", "speech keeps no application state", "/audio/speech", "none")
        .residency(Regions::ALL, Regions::US_EU),
    stateless(
        "openai.audio.transcriptions",
        "transcriptions keep no application state and no abuse logs",
        "/audio/transcriptions",
        "none, and no abuse-monitoring logs",
    )
    .residency(Regions::ALL, Regions::US_EU),
    stateless(
        "openai.audio.translations",
        "translations keep no application state and no abuse logs",
        "/audio/translations",
        "none, and no abuse-monitoring logs",
    )
    .residency(Regions::ALL, Regions::US_EU),
    stateless(
        "openai.images.generations",
        "image generation keeps no application state; ZDR only with a listed image model",
        "/images/generations",
        "none",
    )
    .residency(Regions::ALL, Regions::US_EU)
    .body(&[&[models(&GENERATION_MODELS)]]),
    stateless(
        "openai.images.edits",
        "image edits keep no application state; ZDR only with a listed image model",
        "/images/edits",
        "none",
    )
    .residency(Regions::ALL, Regions::US_EU)
    .body(&[&[models(&EDIT_MODELS)]]),
    stateless(
        "openai.images.variations",
        "image variations take only the retired `dall-e-2`; no row in the data-controls or \
         residency tables",
        "/images/variations",
        "none",
    )
    .body(&[&[models(&VARIATION_MODELS)]]),
    Endpoint::new(
        rule(
            "openai.realtime",
            "realtime keeps no application state; residency projects get it in the US and EU \
             only; its session's tools follow the tool rules and its tracing is not residency \
             compliant",
            RESIDENCY,
        ),
        Methods::GET_POST,
        "/realtime/**",
        EndpointClass::Stateless,
        "none (WebSocket and WebRTC sessions do not pass an HTTP middleware: check their URL \
         with `Guard::check_realtime`; `session.update` messages are not seen)",
    )
    .session()
    .residency(Regions::US_EU, Regions::US_EU)
    .body(&[&[tracing_at(Paths::Any(&["tracing", "session.tracing"]), TRACING), items_at(Paths::Any(&["tools[].type", "session.tools[].type"]), &TOOLS)]]),
    // GPT-Live sessions.
    Endpoint::new(
        rule(
            "openai.live_sessions",
            "live sessions are ZDR eligible; `session.store` is off by default and `store: true` \
             keeps recordings 30 days with no endpoint to delete them, so ZDR forces it false; \
             US and EU residency only",
            YD_OCT,
        ),
        Methods::POST,
        "/live/sessions",
        EndpointClass::Stateless,
        "none by default; with `store: true`, recordings 30 days, not deletable",
    )
    .session()
    .residency(Regions::US_EU, Regions::US_EU)
    .body(&[LIVE_SESSION]),
    Endpoint::new(
        rule(
            "openai.live_sessions.websocket",
            "a live session's WebSocket (`wss://api.openai.com/v1/live/sessions`): its session \
             settings travel over the socket, where no HTTP middleware sees them",
            SPEC_0923,
        ),
        Methods::GET,
        "/live/sessions",
        EndpointClass::Stateless,
        "none by default; with `store: true`, recordings 30 days, not deletable",
    )
    .residency(Regions::US_EU, Regions::US_EU),
    Endpoint::new(
        rule(
            "openai.live_sessions.accept",
            "accepting a SIP call starts a live session with the `session` given: its `store`, \
             tools and tracing follow the live-session rules",
            SPEC_0923,
        ),
        Methods::POST,
        "/live/sessions/{session_id}/accept",
        EndpointClass::Stateless,
        "none by default; with `store: true`, recordings 30 days, not deletable",
    )
    .session()
    .residency(Regions::US_EU, Regions::US_EU)
    .body(&[LIVE_SESSION]),
    call_control("/live/sessions/{session_id}/hangup"),
    call_control("/live/sessions/{session_id}/refer"),
    call_control("/live/sessions/{session_id}/reject"),
    stateful_from(
        "openai.live_sessions.fork",
        "forking a stored live session needs a data policy that allows persistence: not \
         available under ZDR",
        YD_OCT,
        Methods::POST,
        "/live/sessions/{session_id}/fork",
        "the stored recording, 30 days",
    )
    .zdr_unavailable()
    .session()
    .residency(Regions::US_EU, Regions::US_EU)
    .body(&[LIVE_SESSION]),
    stateful_from(
        "openai.live_sessions.content",
        "downloading a stored live session's recording needs a data policy that allows \
         persistence: not available under ZDR",
        YD_OCT,
        Methods::GET,
        "/live/sessions/{session_id}/content",
        "the stored recording, 30 days",
    )
    .zdr_unavailable()
    .residency(Regions::US_EU, Regions::US_EU),
    // Stored chat completions and responses.
    stateful(
        "openai.chat_completions.stored",
        "stored chat completions are application state until deleted",
        Methods::GET,
        "/chat/completions",
        UNTIL_DELETED,
    )
    .residency(Regions::ALL, Regions::US_EU_AE),
    stateful(
        "openai.chat_completions.stored",
        "stored chat completions are application state until deleted",
        Methods::ANY,
        "/chat/completions/{completion_id}/**",
        UNTIL_DELETED,
    )
    .residency(Regions::ALL, Regions::US_EU_AE),
    undocumented(
        "openai.responses.input_tokens",
        "token counting for responses is not covered by the data-controls page",
        "/responses/input_tokens",
    ),
    Endpoint::new(
        rule(
            "openai.responses.compact",
            "compaction is fully stateless and ZDR-friendly; no data is retained with `store` \
             false, so a `store` the request gives is forced false under ZDR; the residency \
             tables do not list it",
            COMPACTION,
        ),
        Methods::POST,
        "/responses/compact",
        EndpointClass::Stateless,
        "none with `store` false",
    )
    .body(&[STATEFUL, &[tools(&TOOLS)], INFERENCE_FIELDS, &[store(StoreDefault::DoesNotStore)]]),
    stateful(
        "openai.responses.stored",
        "stored responses are application state for 30 days; cancelling needs a background \
         response",
        Methods::ANY,
        "/responses/{response_id}/**",
        "30 days",
    )
    .residency(Regions::ALL, Regions::US_EU_AE),
    // Stateful families.
    stateful(
        "openai.conversations",
        "conversations are application state until deleted; the residency tables do not list them",
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
        "vector stores (and file search) are application state until deleted; stored in every \
         residency region, processed in none in particular",
        Methods::ANY,
        "/vector_stores/**",
        ASSISTANTS_STATE,
    )
    .residency(Regions::ALL, Regions::NONE),
    stateful(
        "openai.files",
        "files are application state until deleted (`expires_after` can delete them); stored in \
         every residency region, processed in none in particular; batch input files are \
         checked line by line",
        Methods::ANY,
        "/files/**",
        UNTIL_DELETED,
    )
    .residency(Regions::ALL, Regions::NONE)
    .body(&[&[batch(BatchInput::File)]]),
    stateful(
        "openai.uploads",
        "an upload becomes a file, application state until deleted; stored in every residency \
         region (inferred from the residency table's \"File Uploads\" row)",
        Methods::ANY,
        "/uploads/**",
        UNTIL_DELETED,
    )
    .residency(Regions::ALL, Regions::NONE)
    .body(&[&[batch(BatchInput::Parts)]]),
    stateful(
        "openai.fine_tuning",
        "fine-tuning jobs and their data are application state until deleted; stored in every \
         residency region, processed in the US and EU",
        Methods::ANY,
        "/fine_tuning/**",
        UNTIL_DELETED,
    )
    .residency(Regions::ALL, Regions::US_EU),
    stateful(
        "openai.batches",
        "batches are application state until deleted; stored in every residency region, \
         processed in the US and EU",
        Methods::ANY,
        "/batches/**",
        UNTIL_DELETED,
    )
    .residency(Regions::ALL, Regions::US_EU),
    stateful(
        "openai.evals",
        "evals are application state until deleted; residency projects have them in the US and \
         EU only",
        Methods::ANY,
        "/evals/**",
        UNTIL_DELETED,
    )
    .residency(Regions::US_EU, Regions::US_EU),
    stateful_from(
        "openai.agents",
        "agents, their environments, sessions, turns and artifacts are application state until \
         deleted (artifacts outlive the environment; deletion may finish asynchronously)",
        SPEC_0923,
        Methods::ANY,
        "/agents/**",
        UNTIL_DELETED,
    ),
    stateful_from(
        "openai.vaults",
        "vaults hold credentials (write-only secrets) until deleted (inferred: no row in the \
         data-controls table)",
        SPEC_0923,
        Methods::ANY,
        "/vaults/**",
        "credentials until deleted",
    ),
    stateful(
        "openai.chatkit",
        "ChatKit sessions and threads are application state until deleted",
        Methods::ANY,
        "/chatkit/**",
        UNTIL_DELETED,
    ),
    stateful_from(
        "openai.audio.voices",
        "custom voices are application state until deleted",
        YD_OCT,
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
        "containers (hosted code interpreter and shell) keep files until they expire (20 minutes \
         idle) or are deleted; the 2026-04-03 sentence that they cannot be used under ZDR is \
         gone from later pages, but they still keep state, so the entry stays stateful",
        Methods::ANY,
        "/containers/**",
        "until the container expires (20 minutes idle) or is deleted",
    ),
    stateful(
        "openai.skills",
        "skills are stored until deleted for hosted containers, which follow the container \
         lifecycle; the 2026-04-03 'cannot be used under ZDR' sentence is gone, the state remains",
        Methods::ANY,
        "/skills/**",
        UNTIL_DELETED,
    ),
    stateful_from(
        "openai.videos",
        "videos were kept 48 hours plus 30 days and blocked under modified abuse monitoring and \
         ZDR; the API was retired on 2026-09-24 (the October page drops the row; kept as denied)",
        YD_OCT,
        Methods::ANY,
        "/videos/**",
        "48 hours plus 30 days",
    )
    .blocked_under_mam(),
    // Settings the agreement depends on.
    agreement_settings(
        "openai.data_retention_settings",
        RETENTION_SETTINGS,
        "/organization/data_retention",
    ),
    agreement_settings(
        "openai.data_retention_settings",
        RETENTION_SETTINGS,
        "/organization/projects/{project_id}/data_retention",
    ),
    agreement_settings(
        "openai.hosted_tool_permissions",
        "a project's hosted-tool switches (file search, web search, image generation, MCP, code \
         interpreter): enabling one changes what the agreement allows, so ZDR profiles may read \
         them only",
        "/organization/projects/{project_id}/hosted_tool_permissions",
    ),
    // Administration and metadata.
    admin(
        "openai.organization.external_storage",
        "customer-controlled external storage is Private Safety Processing set-up: account \
         configuration, no customer content (inferred)",
        Methods::ANY,
        "/organization/external_storage/**",
    ),
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
    admin(
        "openai.webhook_endpoints",
        WEBHOOKS,
        Methods::ANY,
        "/webhook_endpoints/**",
    ),
    admin(
        "openai.webhook_endpoints",
        WEBHOOKS,
        Methods::GET,
        "/webhook_event_types",
    ),
    admin(
        "openai.safety",
        "safety cases and alerts are read-only metadata (an alert's reason is null for ZDR \
         requests)",
        Methods::GET,
        "/safety/**",
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

/// The provider-wide rules.
/// The parameters of a Responses body that need stored state, denied under ZDR.
static STATEFUL: &[BodyRule] = &[
    stateful_param("previous_response_id", "continues a stored response"),
    stateful_param(
        "conversation",
        "attaches the response to a stored conversation",
    ),
    background(rule(
        "openai.responses.background",
        "background mode keeps response data on disk for about 10 minutes (ZDR projects run it \
         with `store=false`); the guard keeps denying it under ZDR by default, as pages before \
         July 2026 did",
        BACKGROUND,
    )),
    stored_items(),
];

pub(super) static SPEC: Spec = Spec::new(
    Provider::OpenAi,
    "api.openai.com",
    "/v1",
    ENDPOINTS,
    rule(
        "openai.residency.hosts",
        "a residency project sends every request to its region's host; a Global project may send \
         a request to a regional host only with per-request residency, for endpoints and models \
         that region processes",
        RESIDENCY,
    ),
)
.regions(REGION_HOSTS)
.residency_unlisted(rule(
    "openai.residency.unlisted",
    "endpoints the residency tables do not list (conversations, assistants, threads, \
         containers, ChatKit, agents, skills, vaults, voices, legacy completions, image \
         variations, …) make no in-region promise",
    YD_OCT,
))
.capabilities(Capabilities {
    headers: &[
        ProfileHeader {
            key: HeaderKey::Organization,
            header: "OpenAI-Organization",
        },
        ProfileHeader {
            key: HeaderKey::Project,
            header: "OpenAI-Project",
        },
    ],
    per_request_residency: true,
    region_needs_controls: Some(rule(
        "openai.residency.controls",
        "regions other than the US need modified abuse monitoring or zero data retention",
        RESIDENCY,
    )),
    ..Capabilities::NONE
})
.verify(Verification::OpenAiAdmin {
    probe_model: "gpt-4.1-nano",
});

/// Chat completions cannot set `store: true` outside the US.
static RESIDENCY_STORE: Rule = rule(
    "openai.residency.chat_store",
    "chat completions cannot set `store: true` in non-US regions",
    YD_OCT,
);
