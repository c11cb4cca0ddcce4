//! Anthropic's catalog, after the base path `/v1`: its OpenAI SDK compatibility layer and its own
//! API.
//!
//! Sources: the OpenAI SDK compatibility page (the layer is "primarily intended to test and
//! compare model capabilities") and the zero-data-retention page (ZDR is contractual; it lists
//! `/v1/messages` and `/v1/messages/count_tokens`, not `/v1/chat/completions`), both undated and
//! read in November 2026; the "API and data retention" page that replaces it (a copy of
//! 2026-05-04: its feature table says which tools and fields are ZDR eligible), the server-tools
//! page (the web tools with dynamic filtering), the SDKs' tool unions and beta names, and the
//! covered-models article (models that keep 30 days whatever the agreement).
//!
//! `/v1/messages` is read for its tools (a client tool may omit `type`: it is `custom`), the
//! fields that keep state or reach a third party (`container`, `mcp_servers`, `fallbacks`,
//! `diagnostics`) and the `anthropic-beta` tokens; the rest of the inventory is in CATALOG.md.

use super::body::{allowed_field, denied_field, models, tools};
use super::features::{client, hosted, with_model};
use super::spec::Spec;
use super::{
    Action, Applies, BodyRule, Denial, Endpoint, EndpointClass, Feature, HeaderTokens, Methods,
    ModelLimit, ModelLimitKind, Paths, Provider, Rule, Source, ToolRule, Tools, Unless, rule,
    source,
};

const ZDR: Source = source(
    "https://platform.claude.com/docs/en/build-with-claude/zero-data-retention",
    "2026-11-23",
);
const OPENAI_SDK: Source = source(
    "https://platform.claude.com/docs/en/api/openai-sdk",
    "2026-11-23",
);
/// "API and data retention", the copy of 2026-05-04 (the page has since moved to
/// `/docs/en/manage-claude/api-and-data-retention`; its December edition could not be read).
const ADR: Source = source(
    "https://platform.claude.com/docs/en/build-with-claude/api-and-data-retention",
    "2026-05-04",
);
const SERVER_TOOLS: Source = source(
    "https://platform.claude.com/docs/en/agents-and-tools/tool-use/server-tools",
    "2026-12-04",
);
const SDK_TOOLS: Source = source(
    "https://github.com/anthropics/anthropic-sdk-python/blob/009b035305e0724ce108ebd796935f91711fc6e1/src/anthropic/types/beta/beta_tool_union_param.py",
    "2026-08-07",
);
const SDK_TS_TOOLS: Source = source(
    "https://github.com/anthropics/anthropic-sdk-typescript/blob/bfa9197f0182084941052be9752c948638421601/src/resources/beta/messages/messages.ts",
    "2026-08-19",
);
const SDK_BETAS: Source = source(
    "https://github.com/anthropics/anthropic-sdk-python/blob/009b035305e0724ce108ebd796935f91711fc6e1/src/anthropic/types/anthropic_beta_param.py",
    "2026-08-07",
);
const SDK_PARAMS: Source = source(
    "https://github.com/anthropics/anthropic-sdk-python/blob/009b035305e0724ce108ebd796935f91711fc6e1/src/anthropic/types/beta/message_create_params.py",
    "2026-08-07",
);
const COVERED: Source = source(
    "https://support.claude.com/en/articles/15425695",
    "2026-12-04",
);

/// Covered models keep prompts and outputs 30 days on every platform, whatever the agreement.
static COVERED_MODELS: ModelLimit = ModelLimit {
    rule: rule(
        "anthropic.models.covered",
        "Covered Models (Claude Fable 5 and Mythos 5, and their 5.1 releases) retain prompts and \
         outputs for 30 days on every platform and are not available under ZDR; the families are \
         denied under ZDR (`claude-mythos-preview` too, inferred)",
        COVERED,
    ),
    kind: ModelLimitKind::DenyFamilies {
        families: &["claude-fable", "claude-mythos"],
    },
    applies: Applies::ZeroDataRetention,
};

const CLIENT_TOOL: Rule = rule(
    "anthropic.tools.client",
    "custom tools (no `type`, or `custom`), bash, text editor, computer use and the memory tool \
     run in the caller's environment; tool search searches the request's own tools: ZDR eligible",
    ADR,
);
const TOOLSETS: Rule = rule(
    "anthropic.tools.toolsets",
    "the computer and browser toolsets declare client-executed tool families (inferred: no \
     server-side result block)",
    SDK_TS_TOOLS,
);
const BASIC_WEB: Rule = rule(
    "anthropic.tools.web_basic",
    "the basic web search (`web_search_20250305`) and web fetch (`web_fetch_20250910`) are ZDR \
     eligible; sites and search providers reached keep what their own policies say",
    SERVER_TOOLS,
);
const DYNAMIC_WEB: Rule = rule(
    "anthropic.tools.web_dynamic",
    "the `_20260209` and later web tools filter results with code execution by default, which is \
     not ZDR eligible; with `\"allowed_callers\": [\"direct\"]` they are",
    SERVER_TOOLS,
);
const CODE_EXECUTION: Rule = rule(
    "anthropic.tools.code_execution",
    "code execution (every version) and programmatic tool calling keep container data up to 30 \
     days: not ZDR eligible",
    ADR,
);
const MCP_CONNECTOR: Rule = rule(
    "anthropic.tools.mcp",
    "the MCP connector (`mcp_servers`, `mcp_toolset`) sends data to third-party servers and is \
     retained per standard policy: not ZDR eligible",
    ADR,
);
const ADVISOR: Rule = rule(
    "anthropic.tools.advisor",
    "the advisor tool keeps nothing after the response (ZDR eligible); its `model` is checked \
     like the request's",
    ADR,
);

/// The tool types of `/v1/messages` (the SDKs' `BetaToolUnionParam`, August 2026).
static TOOLS: Tools = Tools {
    unknown: rule(
        "anthropic.tools.unknown",
        "a tool type the catalog does not know may run on Anthropic's side with state: denied \
         under ZDR unless `allow_tools` names it (`type:<name>`)",
        SDK_TOOLS,
    ),
    applies: Applies::ZeroDataRetention,
    untyped: Some("custom"),
    table: &[
        client("custom", CLIENT_TOOL),
        client("bash_20241022", CLIENT_TOOL),
        client("bash_20250124", CLIENT_TOOL),
        client("text_editor_20241022", CLIENT_TOOL),
        client("text_editor_20250124", CLIENT_TOOL),
        client("text_editor_20250429", CLIENT_TOOL),
        client("text_editor_20250728", CLIENT_TOOL),
        client("computer_20241022", CLIENT_TOOL),
        client("computer_20250124", CLIENT_TOOL),
        client("computer_20251124", CLIENT_TOOL),
        client("memory_20250818", CLIENT_TOOL),
        client("tool_search_tool_regex", CLIENT_TOOL),
        client("tool_search_tool_regex_20251119", CLIENT_TOOL),
        client("tool_search_tool_bm25", CLIENT_TOOL),
        client("tool_search_tool_bm25_20251119", CLIENT_TOOL),
        client("computer_toolset_20260801", TOOLSETS),
        client("browser_toolset_20260801", TOOLSETS),
        client("web_search_20250305", BASIC_WEB),
        client("web_fetch_20250910", BASIC_WEB),
        dynamic("web_search_20260209"),
        dynamic("web_search_20260318"),
        dynamic("web_fetch_20260209"),
        dynamic("web_fetch_20260309"),
        dynamic("web_fetch_20260318"),
        hosted("code_execution_20250522", Feature::Code, CODE_EXECUTION),
        hosted("code_execution_20250825", Feature::Code, CODE_EXECUTION),
        hosted("code_execution_20260120", Feature::Code, CODE_EXECUTION),
        hosted("code_execution_20260521", Feature::Code, CODE_EXECUTION),
        hosted("mcp_toolset", Feature::Mcp, MCP_CONNECTOR),
        with_model("advisor_20260301", &COVERED_MODELS, ADVISOR),
    ],
};

/// A web tool with dynamic filtering: code execution unless its callers are `["direct"]`.
const fn dynamic(tool: &'static str) -> ToolRule {
    hosted(tool, Feature::Code, DYNAMIC_WEB).unless(Unless::CallersDirect)
}

/// The fields of `/v1/messages` bodies, each with its decision.
static MESSAGE_FIELDS: &[BodyRule] = &[
    denied_field(
        "container",
        &[],
        Applies::ZeroDataRetention,
        Feature::Code,
        rule(
            "anthropic.container",
            "`container` reuses a code-execution container (up to 30 days) or loads agent skills \
             into one (skill data retained per standard policy): not ZDR eligible",
            ADR,
        ),
    ),
    denied_field(
        "mcp_servers",
        &["[]"],
        Applies::ZeroDataRetention,
        Feature::Mcp,
        MCP_CONNECTOR,
    ),
    BodyRule {
        paths: Paths::One("fallbacks"),
        action: Action::Deny(Denial {
            unless: &["[]"],
            feature: None,
            waivable: true,
            what: "",
            remedy: "",
        }),
        applies: Applies::ZeroDataRetention,
        rule: Some(rule(
            "anthropic.fallbacks",
            "server-side fallbacks retry on substitute models (`\"default\"`: a configuration the \
             request does not show), which may be covered models that keep 30 days: denied under \
             ZDR (inferred) unless `allow_tools` names `type:fallbacks`",
            SDK_PARAMS,
        )),
    },
    denied_field(
        "diagnostics.previous_message_id",
        &[],
        Applies::ZeroDataRetention,
        Feature::Cache,
        rule(
            "anthropic.cache_diagnosis",
            "cache diagnosis compares the request with an earlier one's prompt fingerprint, kept \
             after that response; the retention page does not list it: denied under ZDR \
             (inferred)",
            SDK_PARAMS,
        ),
    ),
    allowed_field(
        "context_management",
        rule(
            "anthropic.context_management",
            "context editing and server-side compaction are applied in real time and returned \
             statelessly: ZDR eligible",
            ADR,
        ),
    ),
    allowed_field(
        "cache_control",
        rule(
            "anthropic.prompt_caching",
            "prompt caching (5 minutes or 1 hour) holds KV representations and hashes in memory \
             for the TTL, not prompts or outputs: ZDR eligible",
            ADR,
        ),
    ),
    allowed_field(
        "output_config",
        rule(
            "anthropic.structured_outputs",
            "structured outputs cache only the JSON schema, up to 24 hours since last use: ZDR \
             eligible (qualified)",
            ADR,
        ),
    ),
    allowed_field(
        "inference_geo",
        rule(
            "anthropic.inference_geo",
            "geographic routing (`inference_geo`) uses the standard Messages API: ZDR eligible",
            ADR,
        ),
    ),
    allowed_field(
        "speed",
        rule(
            "anthropic.fast_mode",
            "ZDR applies regardless of the speed setting",
            ADR,
        ),
    ),
];

/// `count_tokens` takes `mcp_servers` (inferred: Anthropic connects to list their tools).
static COUNT_FIELDS: &[BodyRule] = &[denied_field(
    "mcp_servers",
    &["[]"],
    Applies::ZeroDataRetention,
    Feature::Mcp,
    MCP_CONNECTOR,
)];

const BETA_ELIGIBLE: Rule = rule(
    "anthropic.beta.eligible",
    "betas for client tools, output and context limits, thinking, fast mode, context management, \
     prompt-caching TTLs, the advisor and server-side fallbacks turn on ZDR-eligible features",
    ADR,
);
const BETA_STATEFUL: Rule = rule(
    "anthropic.beta.stateful",
    "betas for code execution, skills, the Files API, batches, the MCP connector, managed agents, \
     memory stores and cache diagnosis turn on features the retention page marks not eligible \
     (or does not list)",
    ADR,
);

/// The `anthropic-beta` tokens (the SDK's `AnthropicBetaParam`, August 2026).
static BETAS: Tools = Tools {
    unknown: rule(
        "anthropic.beta.unknown",
        "a beta the catalog does not know may turn on a feature outside ZDR: denied under ZDR \
         unless `allow_tools` names it (`type:<beta>`)",
        SDK_BETAS,
    ),
    applies: Applies::ZeroDataRetention,
    untyped: None,
    table: &[
        client("computer-use-2024-10-22", BETA_ELIGIBLE),
        client("computer-use-2025-01-24", BETA_ELIGIBLE),
        client("token-efficient-tools-2025-02-19", BETA_ELIGIBLE),
        client("output-128k-2025-02-19", BETA_ELIGIBLE),
        client("output-300k-2026-03-24", BETA_ELIGIBLE),
        client("pdfs-2024-09-25", BETA_ELIGIBLE),
        client("token-counting-2024-11-01", BETA_ELIGIBLE),
        client("dev-full-thinking-2025-05-14", BETA_ELIGIBLE),
        client("interleaved-thinking-2025-05-14", BETA_ELIGIBLE),
        client("context-1m-2025-08-07", BETA_ELIGIBLE),
        client("model-context-window-exceeded-2025-08-26", BETA_ELIGIBLE),
        client("fast-mode-2026-02-01", BETA_ELIGIBLE),
        client("thinking-token-count-2026-05-13", BETA_ELIGIBLE),
        client("mid-conversation-tool-changes-2026-07-01", BETA_ELIGIBLE),
        client("user-profiles-2026-03-24", BETA_ELIGIBLE),
        client("user-profiles-2026-08-18", BETA_ELIGIBLE),
        client("context-management-2025-06-27", BETA_ELIGIBLE),
        client("prompt-caching-2024-07-31", BETA_ELIGIBLE),
        client("extended-cache-ttl-2025-04-11", BETA_ELIGIBLE),
        client("advisor-tool-2026-03-01", BETA_ELIGIBLE),
        client("server-side-fallback-2026-06-01", BETA_ELIGIBLE),
        client("server-side-fallback-2026-07-01", BETA_ELIGIBLE),
        client("fallback-credit-2026-06-01", BETA_ELIGIBLE),
        client("fallback-credit-2026-07-01", BETA_ELIGIBLE),
        client("web-fetch-2025-09-10", BETA_ELIGIBLE),
        hosted("code-execution-2025-05-22", Feature::Code, BETA_STATEFUL),
        hosted("code-execution-2025-08-25", Feature::Code, BETA_STATEFUL),
        hosted("skills-2025-10-02", Feature::Code, BETA_STATEFUL),
        hosted("managed-agents-2026-04-01", Feature::Code, BETA_STATEFUL),
        hosted("files-api-2025-04-14", Feature::Files, BETA_STATEFUL),
        hosted("agent-memory-2026-07-22", Feature::Files, BETA_STATEFUL),
        hosted("dreaming-2026-04-21", Feature::Files, BETA_STATEFUL),
        hosted(
            "message-batches-2024-09-24",
            Feature::Background,
            BETA_STATEFUL,
        ),
        hosted("mcp-client-2025-04-04", Feature::Mcp, BETA_STATEFUL),
        hosted("mcp-client-2025-11-20", Feature::Mcp, BETA_STATEFUL),
        hosted("cache-diagnosis-2026-04-07", Feature::Cache, BETA_STATEFUL),
    ],
};
static BETA_HEADER: HeaderTokens = HeaderTokens {
    header: "anthropic-beta",
    tokens: &BETAS,
};

pub(super) static SPEC: Spec = Spec::new(
    Provider::Anthropic,
    "api.anthropic.com",
    "/v1",
    ENDPOINTS,
    rule(
        "anthropic.residency",
        "Anthropic offers no residency hosts the guard knows",
        ZDR,
    ),
);

const fn stateful(id: &'static str, summary: &'static str, path: &'static str) -> Endpoint {
    Endpoint::kept(rule(id, summary, ZDR), path, "kept; ZDR does not cover it")
}

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    Endpoint::new(
        rule(
            "anthropic.chat_completions",
            "the OpenAI compatibility layer is not among the endpoints Anthropic's ZDR terms list, \
             so a ZDR agreement is not assumed to cover it: allow it in the profile if your \
             contract does",
            OPENAI_SDK,
        ),
        Methods::POST,
        "/chat/completions",
        EndpointClass::Stateless,
        "not covered by the ZDR terms (the layer is for testing and comparison)",
    )
    .zdr_unavailable(),
    Endpoint::new(
        rule(
            "anthropic.messages",
            "the Messages API is ZDR eligible; prompt caches (5 or 60 minutes), structured-output \
             schemas (24 hours) and flagged content (up to 2 years) are kept even so",
            ZDR,
        ),
        Methods::POST,
        "/messages",
        EndpointClass::Stateless,
        "none under ZDR, with the listed exceptions",
    )
    .header_tokens(&BETA_HEADER)
    .body(&[&[models(&COVERED_MODELS), tools(&TOOLS)], MESSAGE_FIELDS]),
    Endpoint::new(
        rule(
            "anthropic.count_tokens",
            "token counting is ZDR eligible",
            ZDR,
        ),
        Methods::POST,
        "/messages/count_tokens",
        EndpointClass::Stateless,
        "none",
    )
    .body(&[COUNT_FIELDS]),
    stateful(
        "anthropic.batches",
        "message batches are kept 29 days; ZDR does not cover them",
        "/messages/batches/**",
    ),
    stateful(
        "anthropic.files",
        "files are kept until deleted; ZDR does not cover them",
        "/files/**",
    ),
    stateful(
        "anthropic.skills",
        "skills are kept; ZDR does not cover them",
        "/skills/**",
    ),
    agents("/agents/**"),
    agents("/sessions/**"),
    agents("/environments/**"),
    agents("/vaults/**"),
    agents("/memory_stores/**"),
    agents("/dreams/**"),
    Endpoint::metadata(
        rule(
            "anthropic.models",
            "model metadata carries no customer content",
            ZDR,
        ),
        Methods::GET,
        "/models/**",
    ),
];

/// Claude Managed Agents: stateful, with no automatic deletion.
const fn agents(path: &'static str) -> Endpoint {
    Endpoint::kept(
        rule(
            "anthropic.managed_agents",
            "Claude Managed Agents (agents, sessions, environments, vaults, memory stores) are a \
             stateful resource: session transcripts can be deleted, but nothing is deleted \
             automatically; not ZDR eligible",
            ADR,
        ),
        path,
        "until deleted; ZDR does not cover it",
    )
}
