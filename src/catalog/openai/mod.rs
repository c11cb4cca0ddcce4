//! OpenAI's catalog, after the base path `/v1`.
//!
//! Sources, each with the date of the copy read (`CATALOG.md` says how to update them):
//! the data-controls page ("your data": the September 2026 copy for the per-endpoint table, the
//! October copy for `/v1/decisions`, `/v1/audio/voices` and the residency tables), the
//! data-residency page, the guides to background mode, compaction, prompt caching and the hosted
//! tools, the API reference for decisions, and the public OpenAPI spec of 2026-09-23 for the list
//! of paths (`tests/data/openai-openapi-paths.txt` holds it).

mod endpoints;

use crate::catalog::body::{allowed_field, denied_field, stateful_params};
use crate::catalog::features::{client, hosted, with_model};
use crate::catalog::spec::Spec;
use crate::catalog::{
    Applies, BodyRule, Capabilities, Feature, HeaderKey, ModelLimit, ModelLimitKind,
    ProcessingModels, ProfileHeader, Provider, Region, Rule, Source, Tools, Unless, Verification,
    rule, secondary_source, source,
};
use endpoints::ENDPOINTS;

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
const SPEC_0923: Source = secondary_source(
    "https://github.com/api-evangelist/openai/tree/18acc6d3dc5924d1778ed502ca8db20c3440a13b/openapi",
    "2026-09-23",
    "a public mirror of OpenAI's OpenAPI spec (its upstream master of 2026-09-23): OpenAI's own \
     openai-openapi repository stops at 2026-08-21, before the live-session, agent and vault \
     paths these rules list",
);

/// The realtime client-events reference (undated; it lists `tunnel_id` on MCP tools).
const CLIENT_EVENTS: Source = source(
    "https://developers.openai.com/api/reference/resources/realtime/client-events",
    "2026-12-04",
);
/// The WebSocket-mode guide (the edition with `stream_id`; undated).
pub(crate) const WEBSOCKET_MODE: Source = source(
    "https://developers.openai.com/api/docs/guides/websocket-mode",
    "2026-12-04",
);
/// The Agents SDK's tracing page (OpenAI's repository).
const AGENTS_TRACING: Source = source(
    "https://github.com/openai/openai-agents-python/blob/main/docs/tracing.md",
    "2026-12-04",
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
    "2026-12-04",
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

/// Tracing under ZDR.
pub(crate) static TRACING_ZDR: Rule = rule(
    "openai.zdr.tracing",
    "realtime tracing writes session traces to the Traces dashboard, which keeps them; \"for \
     organizations operating under a Zero Data Retention (ZDR) policy using OpenAI's APIs, \
     tracing is unavailable\": denied under ZDR",
    AGENTS_TRACING,
);

/// A reusable prompt named by id.
pub(crate) static STORED_PROMPT: Rule = rule(
    "openai.realtime.prompt",
    "a `prompt` names a reusable prompt object (`pmpt_…`) the project already keeps with OpenAI; \
     the session stores nothing new with it (as `prompt` on `/responses`, which has no rule)",
    CLIENT_EVENTS,
);

/// A Responses WebSocket's `response.create`: `previous_response_id` names a response of this
/// connection, held in memory, once `store` is false (which the guard writes).
pub(crate) static RESPONSES_SOCKET_CHAIN: Rule = rule(
    "openai.responses.websocket.chain",
    "on a Responses WebSocket, `previous_response_id` continues from the connection's in-memory \
     cache; \"with store=false (including ZDR), there is no persisted fallback\", and the guard \
     writes `store: false` into every `response.create`: allowed",
    WEBSOCKET_MODE,
);

/// The parameters of a Responses body that need stored state, denied under ZDR.
/// Background mode.
pub(crate) static BACKGROUND_RULE: Rule = rule(
    "openai.responses.background",
    "background mode keeps response data on disk for about 10 minutes (ZDR projects run it \
     with `store=false`); the guard keeps denying it under ZDR by default, as pages before \
     July 2026 did",
    BACKGROUND,
);

/// The parameters of a Responses body that need stored state.
static STATEFUL: &[BodyRule] = stateful_params!(BACKGROUND_RULE);

/// The provider-wide rules.
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
