//! OpenRouter's catalog, after the base path `/api/v1`.
//!
//! OpenRouter routes each request to an upstream provider. Under zero data retention the guard
//! enforces the agreement by rewriting: every inference body carries `provider.zdr = true` (only
//! endpoints with a ZDR policy) and `provider.data_collection = "deny"` (no provider that stores
//! or trains), merged into an existing `provider` object. Both fail closed on OpenRouter's side:
//! no eligible endpoint is an error, not a fallback. OpenRouter's own logging is an account
//! setting (confirmed by `openrouter.logging_disabled`), and plugins are denied unless allowed.
//!
//! Sources (undated pages, read in November 2026): provider routing, the `data_collection`
//! model, the ZDR feature and guide pages, the ZDR blog post, in-region routing and the Responses
//! API error-handling page.

use super::body::{allowed_field, denied_field, force, items_at, models_at, stateful_params, store, tools};
use super::features::{client, hosted};
use super::spec::Spec;
use super::{
    Applies, BodyRule, Confirmation, Endpoint, EndpointClass, Feature, HeaderTokens, Methods,
    ModelLimit, ModelLimitKind, Paths, Provider, Region, Regions, Rule, Source, StoreDefault,
    ToolRule, Tools, Unless, Verification, rule, source,
};

const ROUTING: Source = source(
    "https://openrouter.ai/docs/features/provider-routing",
    "2026-11-23",
);
const DATA_COLLECTION: Source = source(
    "https://openrouter.ai/docs/client-sdks/typescript/models/datacollection.md",
    "2026-11-23",
);
const ZDR: Source = source("https://openrouter.ai/docs/features/zdr", "2026-11-23");
const ZDR_GUIDE: Source = source(
    "https://openrouter.ai/docs/guides/privacy/zero-data-retention",
    "2026-11-23",
);
const BLOG: Source = source(
    "https://openrouter.ai/blog/insights/zero-data-retention/",
    "2026-11-23",
);
const IN_REGION: Source = source(
    "https://openrouter.ai/docs/guides/features/in-region-routing",
    "2026-11-23",
);
const RESPONSES: Source = source(
    "https://openrouter.ai/docs/api-reference/responses-api/error-handling",
    "2026-11-23",
);
/// OpenRouter's OpenAPI spec as shipped in its TypeScript SDK: every tool type and plugin id.
const OPENAPI: Source = source(
    "https://github.com/OpenRouterTeam/typescript-sdk/blob/cb9393a896016155780a7fd04d3429ee2317b608/.speakeasy/in.openapi.yaml",
    "2026-08-22",
);
const SERVER_TOOLS: Source = source(
    "https://openrouter.ai/docs/guides/features/server-tools",
    "2026-12-04",
);
const RESPONSE_CACHING: Source = source(
    "https://github.com/OpenRouterTeam/docs/blob/c26125a5fa92cb52ac67f0c75b717229567db716/guides/features/response-caching.mdx",
    "2026-08-22",
);

/// OpenRouter's in-region routing hosts (Business and Enterprise plans).
static REGION_HOSTS: &[(Region, &str)] = &[
    (Region::Eu, "eu.openrouter.ai"),
    (Region::Us, "us.openrouter.ai"),
];

/// The parameters of a Responses body that need stored state, denied under ZDR.
static STATEFUL: &[BodyRule] = stateful_params!(rule(
    "openrouter.responses",
    "the Responses API is stateless",
    RESPONSES,
));

pub(super) static SPEC: Spec = Spec::new(
    Provider::OpenRouter,
    "openrouter.ai",
    "/api/v1",
    ENDPOINTS,
    rule(
        "openrouter.residency.hosts",
        "a request sent through a region-specific base URL is decrypted within the region and \
         routed only to provider endpoints there; with none eligible it fails instead of leaving",
        IN_REGION,
    ),
)
.regions(REGION_HOSTS)
.residency_unlisted(rule(
    "openrouter.residency.unlisted",
    "in-region routing covers inference requests only",
    IN_REGION,
))
.regions_process_only()
.confirm(&[Confirmation {
    name: "openrouter.logging_disabled",
    what: "`provider.zdr` covers the upstream providers' inference only: OpenRouter's own \
               prompt logging is an account setting (Settings → Privacy: logging off, and \"ZDR \
               only\" rather than \"Allow Safety Retention\"); CSAM-flagged content may be \
               retained from 2026-10-27 whatever the setting",
    also_mam: false,
    rule: rule(
        "openrouter.logging",
        "ZDR applies to provider inference; logs, enabled tools, plugins and other storage \
             features require separate controls",
        BLOG,
    ),
}])
.not_enforced(&[
    "OpenRouter presets (`@preset/…`, `/presets/{slug}/…`) that turn on response caching or \
     plugins, and broadcast destinations that receive `trace`: account settings no request \
     shows.",
])
.verify(Verification::ByHand(
    "OpenRouter has no API that reports an account's logging setting; the guard sends \
     `provider.zdr` and `provider.data_collection` on every request, which OpenRouter enforces \
     by failing when no eligible endpoint exists",
));

/// `provider.zdr` and `provider.data_collection`, forced under ZDR.
const PROVIDER_ZDR_RULE: Rule = rule(
    "openrouter.provider.zdr",
    "`provider.zdr: true` routes only to endpoints with a ZDR policy, and \
     `provider.data_collection: \"deny\"` only to providers that do not collect user data; with \
     no eligible provider the request fails (so the guard sends both on every request)",
    ZDR,
);
static PROVIDER_ZDR: &[BodyRule] = &[
    force("provider.zdr", "true", PROVIDER_ZDR_RULE),
    force("provider.data_collection", "\"deny\"", PROVIDER_ZDR_RULE),
];

/// Plugins (web search, file parsing) run on OpenRouter's side outside `provider.zdr`.
const PLUGIN_RULE: super::Rule = rule(
    "openrouter.plugins",
    "plugins such as web search are not covered by `provider.zdr` and need separate controls: \
     `plugins`, `web_search_options` and `:online` models are denied under ZDR, and with a \
     region (the search engines are not constrained to it; inferred), unless `allow_tools` names \
     the feature (`web` for web search)",
    BLOG,
);

/// The `plugins` ids, by what they do.
static PLUGINS: Tools = Tools {
    unknown: PLUGIN_RULE,
    applies: Applies::ZdrOrRegion,
    untyped: None,
    table: &[
        region_too(hosted("web", Feature::Web, PLUGIN_RULE)),
        region_too(hosted("web-fetch", Feature::Web, PLUGIN_RULE)),
        region_too(hosted("fusion", Feature::Web, PLUGIN_RULE)),
        region_too(hosted("file-parser", Feature::Files, PLUGIN_RULE)),
        client("context-compression", HARMLESS_PLUGIN),
        client("response-healing", HARMLESS_PLUGIN),
        client("moderation", HARMLESS_PLUGIN),
        client("auto-router", HARMLESS_PLUGIN),
        client("auto-beta-router", HARMLESS_PLUGIN),
        client("pareto-router", HARMLESS_PLUGIN),
    ],
};

const HARMLESS_PLUGIN: Rule = rule(
    "openrouter.plugins.harmless",
    "context compression, response healing, moderation and the routers (which choose a model \
     among those `provider.zdr` allows) keep nothing and reach no third party (inferred)",
    OPENAPI,
);

/// Fields of the inference bodies.
static FIELDS: &[BodyRule] = &[
    denied_field(
        "web_search_options",
        &[],
        Applies::ZdrOrRegion,
        Feature::Web,
        PLUGIN_RULE,
    ),
    allowed_field(
        "cache_control",
        rule(
            "openrouter.cache_control",
            "`cache_control` turns on the upstream provider's prompt caching, converted to its \
             native form; the upstream is one `provider.zdr` selects",
            OPENAPI,
        ),
    ),
    allowed_field(
        "session_id",
        rule(
            "openrouter.session_id",
            "`session_id` is a sticky routing key and an observability group; it keeps nothing \
             itself (inferred)",
            OPENAPI,
        ),
    ),
    allowed_field(
        "trace",
        rule(
            "openrouter.trace",
            "`trace` keys are passed as metadata to broadcast destinations the account configures \
             (which no request shows: listed under what the guard cannot enforce)",
            OPENAPI,
        ),
    ),
];

const CLIENT_TOOL: Rule = rule(
    "openrouter.tools.client",
    "function, custom and client-executed tools (apply patch, local shell, computer use, \
     Anthropic's bash and text editor), the date-time tool and the tool and model searches keep \
     nothing and reach no one",
    OPENAPI,
);
const WEB_TOOL: Rule = rule(
    "openrouter.tools.web",
    "web search and fetch (`openrouter:web_search`, `openrouter:web_fetch`, and the OpenAI and \
     Anthropic spellings, converted to `openrouter:web_search`) reach search engines and sites \
     outside `provider.zdr`, and so does the fusion panel: denied under ZDR and with a region \
     (inferred)",
    SERVER_TOOLS,
);
const CODE_TOOL: Rule = rule(
    "openrouter.tools.code",
    "bash and shell run in OpenRouter's sandbox (a `container_reference` stays warm up to 30 \
     days); the OpenAI code interpreter and hosted shell run upstream: denied under ZDR and with \
     a region",
    OPENAPI,
);
const FILES_TOOL: Rule = rule(
    "openrouter.tools.files",
    "`openrouter:files` reads and writes the workspace's stored files, and `file_search` reads \
     vector stores: denied under ZDR and with a region",
    OPENAPI,
);
const DELEGATE_TOOL: Rule = rule(
    "openrouter.tools.delegate",
    "the advisor and sub-agent tools pass the conversation to other models, which the spec does \
     not say `provider.zdr` filters, and image generation calls an image model: denied under ZDR \
     and with a region (inferred)",
    OPENAPI,
);
const MCP_TOOL: Rule = rule(
    "openrouter.tools.mcp",
    "remote MCP servers are third parties: denied under ZDR and with a region",
    OPENAPI,
);

/// Every tool type of chat completions, responses and messages (OpenAPI 2026-08-22).
static TOOLS: Tools = Tools {
    unknown: rule(
        "openrouter.tools.unknown",
        "a tool type the catalog does not know (the messages API accepts any) may run on \
         OpenRouter's side outside `provider.zdr`: denied under ZDR and with a region unless \
         `allow_tools` names it (`type:<name>`)",
        OPENAPI,
    ),
    applies: Applies::ZdrOrRegion,
    untyped: Some("custom"),
    table: &[
        client("function", CLIENT_TOOL),
        client("custom", CLIENT_TOOL),
        client("namespace", CLIENT_TOOL),
        client("local_shell", CLIENT_TOOL),
        client("apply_patch", CLIENT_TOOL),
        client("computer_use_preview", CLIENT_TOOL),
        client("bash_20250124", CLIENT_TOOL),
        client("text_editor_20250124", CLIENT_TOOL),
        client("tool_search_tool_bm25", CLIENT_TOOL),
        client("tool_search_tool_bm25_20251119", CLIENT_TOOL),
        client("tool_search_tool_regex", CLIENT_TOOL),
        client("tool_search_tool_regex_20251119", CLIENT_TOOL),
        client("openrouter:datetime", CLIENT_TOOL),
        client("openrouter:tool_search", CLIENT_TOOL),
        client("openrouter:experimental__search_models", CLIENT_TOOL),
        client("openrouter:apply_patch", CLIENT_TOOL),
        web("openrouter:web_search"),
        web("openrouter:web_fetch"),
        web("openrouter:fusion"),
        web("web_search"),
        web("web_search_2025_08_26"),
        web("web_search_preview"),
        web("web_search_preview_2025_03_11"),
        web("web_search_20250305"),
        web("web_search_20260209"),
        region_too(hosted("openrouter:bash", Feature::Code, CODE_TOOL)),
        region_too(hosted("openrouter:shell", Feature::Code, CODE_TOOL)),
        region_too(hosted("code_interpreter", Feature::Code, CODE_TOOL)),
        region_too(hosted("shell", Feature::Code, CODE_TOOL).unless(Unless::EnvironmentLocal)),
        region_too(hosted("openrouter:files", Feature::Files, FILES_TOOL)),
        region_too(hosted("file_search", Feature::Files, FILES_TOOL)),
        region_too(hosted(
            "openrouter:advisor",
            Feature::Delegate,
            DELEGATE_TOOL,
        )),
        region_too(hosted(
            "openrouter:subagent",
            Feature::Delegate,
            DELEGATE_TOOL,
        )),
        region_too(hosted("advisor_20260301", Feature::Delegate, DELEGATE_TOOL)),
        region_too(hosted(
            "openrouter:image_generation",
            Feature::Images,
            DELEGATE_TOOL,
        )),
        region_too(hosted("image_generation", Feature::Images, DELEGATE_TOOL)),
        region_too(hosted("mcp", Feature::Mcp, MCP_TOOL)),
    ],
};

/// A row denied under ZDR and with a region.
const fn region_too(row: ToolRule) -> ToolRule {
    row.within(Applies::ZdrOrRegion)
}

/// A web tool: denied under ZDR and with a region.
const fn web(tool: &'static str) -> ToolRule {
    region_too(hosted(tool, Feature::Web, WEB_TOOL))
}

const RESPONSE_CACHE: Rule = rule(
    "openrouter.response_cache",
    "`X-OpenRouter-Cache: true` stores whole responses in edge infrastructure for the TTL (up to \
     86400 seconds); per-request `provider.zdr` does not affect it: denied under ZDR (`false` \
     turns it off)",
    RESPONSE_CACHING,
);

/// `X-OpenRouter-Cache`'s values.
static CACHE_VALUES: Tools = Tools {
    unknown: rule(
        "openrouter.response_cache.unknown",
        "an `X-OpenRouter-Cache` value other than `true` or `false` cannot be read: denied under \
         ZDR",
        RESPONSE_CACHING,
    ),
    applies: Applies::ZeroDataRetention,
    untyped: None,
    table: &[
        client("false", RESPONSE_CACHE),
        hosted("true", Feature::Cache, RESPONSE_CACHE),
    ],
};
static CACHE_HEADER: HeaderTokens = HeaderTokens {
    header: "x-openrouter-cache",
    tokens: &CACHE_VALUES,
};

/// `:online` model variants turn on the web plugin.
static ONLINE: ModelLimit = ModelLimit {
    rule: PLUGIN_RULE,
    kind: ModelLimitKind::DenyVariant {
        variants: &[("online", Feature::Web)],
    },
    applies: Applies::ZdrOrRegion,
};

/// The rules of every inference body: `:online` models (the fallbacks too), tools, plugins,
/// fields, `store` and the `provider` fields forced under ZDR.
static INFERENCE: &[&[BodyRule]] = &[ONLINE_TOOLS_PLUGINS, FIELDS, STORE, PROVIDER_ZDR];

/// `:online` models (the fallbacks too), tools and plugins.
static ONLINE_TOOLS_PLUGINS: &[BodyRule] = &[
    models_at(Paths::Any(&["model", "models[]"]), &ONLINE),
    tools(&TOOLS),
    items_at(Paths::One("plugins[].id"), &PLUGINS),
];

/// `store`: OpenRouter may pass it on to an upstream that keeps stored completions (inferred),
/// so under ZDR it is written false like everywhere else.
static STORE: &[BodyRule] = &[store(StoreDefault::DoesNotStore)];

/// An inference endpoint: `provider` fields forced, plugins and `:online` models denied.
const fn inference(id: &'static str, summary: &'static str, path: &'static str) -> Endpoint {
    Endpoint::new(
        rule(id, summary, DATA_COLLECTION),
        Methods::POST,
        path,
        EndpointClass::Stateless,
        "what the upstream provider keeps, per `provider.data_collection` and `provider.zdr`",
    )
    .body(INFERENCE)
    .header_tokens(&CACHE_HEADER)
    .residency(Regions::NONE, Regions::US_EU)
}

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    inference(
        "openrouter.chat_completions",
        "chat completions go to an upstream provider, which keeps what its policy says: by \
         default providers that store and train are allowed",
        "/chat/completions",
    ),
    inference(
        "openrouter.completions",
        "completions go to an upstream provider, which keeps what its policy says",
        "/completions",
    ),
    inference(
        "openrouter.messages",
        "the Anthropic Messages format goes to an upstream provider, which keeps what its policy \
         says",
        "/messages",
    ),
    inference(
        "openrouter.embeddings",
        "embeddings go to an upstream provider, which keeps what its policy says",
        "/embeddings",
    ),
    Endpoint::new(
        rule(
            "openrouter.responses",
            "the Responses API is stateless: `store: true` and a non-null `previous_response_id` \
             are rejected with a 400, so the guard writes `store` false and denies stored-state \
             parameters before sending",
            RESPONSES,
        ),
        Methods::POST,
        "/responses",
        EndpointClass::Stateless,
        "nothing on OpenRouter; the upstream provider per `provider` routing",
    )
    .header_tokens(&CACHE_HEADER)
    .residency(Regions::NONE, Regions::US_EU)
    .body(&[STATEFUL, ONLINE_TOOLS_PLUGINS, FIELDS, STORE, PROVIDER_ZDR]),
    Endpoint::metadata(
        rule(
            "openrouter.models",
            "model, endpoint and provider listings (including `?zdr=true` and `/endpoints/zdr`) \
             carry no customer content",
            ZDR,
        ),
        Methods::GET,
        "/models/**",
    ),
    Endpoint::metadata(
        rule(
            "openrouter.endpoints",
            "model, endpoint and provider listings carry no customer content",
            ZDR,
        ),
        Methods::GET,
        "/endpoints/**",
    ),
    Endpoint::metadata(
        rule(
            "openrouter.providers",
            "model, endpoint and provider listings carry no customer content",
            ROUTING,
        ),
        Methods::GET,
        "/providers",
    ),
    Endpoint::new(
        rule(
            "openrouter.account",
            "keys, credits and guardrails are account administration (a guardrail can only be \
             stricter than the account setting)",
            ZDR_GUIDE,
        ),
        Methods::ANY,
        "/keys/**",
        EndpointClass::Administration,
        "no customer content",
    ),
    Endpoint::metadata(
        rule(
            "openrouter.credits",
            "keys, credits and guardrails are account administration",
            ZDR_GUIDE,
        ),
        Methods::GET,
        "/credits",
    ),
    Endpoint::new(
        rule(
            "openrouter.guardrails",
            "guardrails are account administration; one can only be stricter than the account \
             setting",
            ZDR_GUIDE,
        ),
        Methods::ANY,
        "/guardrails/**",
        EndpointClass::Administration,
        "no customer content",
    ),
];
