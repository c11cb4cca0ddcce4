//! xAI's catalog, after the base path `/v1`.
//!
//! Sources (undated pages, read in November 2026): the security FAQ (two editions: the ZDR scope,
//! and the `x-zero-data-retention` response header), the regions page (the US host), and the
//! model comparison page (Responses `store` defaults to true; Chat Completions is deprecated).
//! Every request and response is kept 30 days for abuse auditing unless the team has ZDR.
//!
//! Features (read in December 2026): deferred chat completions keep the result up to 24 hours;
//! Live Search (`search_parameters`) is retired; Responses run server-side tools (web and X
//! search, code execution, collections search, remote MCP), which the US guarantee does not
//! cover. The REST tool spellings come from the Vercel AI SDK's xAI provider, as xAI's own
//! reference could not be read whole.

use super::body::{denied_field, stateful_params, store, tools};
use super::features::{client, hosted};
use super::spec::Spec;
use super::{
    Applies, Attestation, BodyRule, Endpoint, EndpointClass, Feature, Methods, Provider, Region,
    Rule, Source, StoreDefault, Tools, Verification, rule, secondary_source, source,
};

const SECURITY: Source = source("https://docs.x.ai/docs/faq/security", "2026-11-23");
const SECURITY_MD: Source = source("https://docs.x.ai/developers/faq/security.md", "2026-11-23");
const REGIONS: Source = source(
    "https://docs.x.ai/developers/advanced-api-usage/regions",
    "2026-11-23",
);
const COMPARISON: Source = source(
    "https://docs.x.ai/developers/model-capabilities/text/comparison.md",
    "2026-11-23",
);
const DEFERRED: Source = source(
    "https://docs.x.ai/developers/advanced-api-usage/deferred-chat-completions",
    "2026-12-04",
);
const LIVE_SEARCH: Source = source("https://docs.x.ai/docs/guides/live-search", "2026-12-04");
/// The regions page, the edition published 2026-09-21 (two US models; what the US guarantee
/// leaves out, server-side tools among them).
const REGIONS_0921: Source = source(
    "https://docs.x.ai/developers/advanced-api-usage/regions",
    "2026-09-21",
);
const VERCEL_TOOLS: Source = secondary_source(
    "https://ai-sdk.dev/providers/ai-sdk-providers/xai",
    "2026-12-04",
    "the Vercel AI SDK's xAI provider, for the REST spellings of the Responses server-side \
     tools: xAI's own tool reference could not be read whole",
);

const OUTSIDE_US: Rule = rule(
    "xai.tools.outside_region",
    "server-side tools (web search, X search, code execution) still work on the US endpoint but \
     are outside the US guarantee and may process data outside the United States: denied with a \
     region",
    REGIONS_0921,
);
const STATEFUL_TOOLS: Rule = rule(
    "xai.tools.stateful",
    "collections search reads Collections, which ZDR disables and the US guarantee does not \
     cover; remote MCP servers are third parties; hosted image outputs are disabled under ZDR; \
     code execution runs in an xAI sandbox whose retention is not documented (inferred)",
    SECURITY,
);

/// The tool types of `/v1/responses`.
static RESPONSES_TOOLS: Tools = Tools {
    unknown: rule(
        "xai.tools.unknown",
        "a tool type the catalog does not know may run on xAI's side: denied under ZDR and with a \
         region unless `allow_tools` names it (`type:<name>`)",
        VERCEL_TOOLS,
    ),
    applies: Applies::ZdrOrRegion,
    untyped: None,
    table: &[
        client("function", VERCEL_TOOLS_CLIENT),
        hosted("web_search", Feature::Web, OUTSIDE_US).within(Applies::Region),
        hosted("x_search", Feature::Web, OUTSIDE_US).within(Applies::Region),
        hosted("view_image", Feature::Web, OUTSIDE_US).within(Applies::Region),
        hosted("view_x_video", Feature::Web, OUTSIDE_US).within(Applies::Region),
        hosted("code_interpreter", Feature::Code, STATEFUL_TOOLS).within(Applies::ZdrOrRegion),
        hosted("code_execution", Feature::Code, STATEFUL_TOOLS).within(Applies::ZdrOrRegion),
        hosted("file_search", Feature::Files, STATEFUL_TOOLS).within(Applies::ZdrOrRegion),
        hosted("collections_search", Feature::Files, STATEFUL_TOOLS).within(Applies::ZdrOrRegion),
        hosted("attachment_search", Feature::Files, STATEFUL_TOOLS).within(Applies::ZdrOrRegion),
        hosted("mcp", Feature::Mcp, STATEFUL_TOOLS).within(Applies::ZdrOrRegion),
        hosted("image_generation", Feature::Images, STATEFUL_TOOLS).within(Applies::ZdrOrRegion),
    ],
};

const VERCEL_TOOLS_CLIENT: Rule = rule(
    "xai.tools.client",
    "function tools run on the client",
    VERCEL_TOOLS,
);

/// Chat completions take function tools; server-side tools are a Responses feature.
static CHAT_TOOLS: Tools = Tools {
    unknown: rule(
        "xai.chat.tools.unknown",
        "server-side tools are served on `/v1/responses`: any other chat tool type than `function` \
         is denied under ZDR and with a region unless `allow_tools` names it (inferred)",
        VERCEL_TOOLS,
    ),
    applies: Applies::ZdrOrRegion,
    untyped: None,
    table: &[client("function", VERCEL_TOOLS_CLIENT)],
};

/// Fields of chat completions bodies.
static CHAT_FIELDS: &[BodyRule] = &[
    denied_field(
        "deferred",
        &["false"],
        Applies::ZeroDataRetention,
        Feature::Background,
        rule(
            "xai.deferred",
            "a deferred chat completion's result is kept to be requested exactly once within 24 \
             hours, after which it is discarded: denied under ZDR",
            DEFERRED,
        ),
    ),
    denied_field(
        "search_parameters",
        &[],
        Applies::ZdrOrRegion,
        Feature::Web,
        rule(
            "xai.live_search",
            "Live Search (`search_parameters`, mode `auto` by default) sends the conversation to \
             web, X, news and RSS sources; it is deprecated (the API now answers 410): denied \
             under ZDR and with a region",
            LIVE_SEARCH,
        ),
    ),
];

/// xAI's residency host: the US guarantee (API handling, inference, moderation, retained data).
static REGION_HOSTS: &[(Region, &str)] = &[(Region::Us, "us.api.x.ai")];

/// The provider-wide rules, and the response header that attests ZDR.
/// The parameters of a Responses body that need stored state, denied under ZDR.
const STATEFUL_RULE: Rule = rule(
    "xai.responses",
    "ZDR disables the stateful Responses API",
    SECURITY,
);
static STATEFUL: &[BodyRule] = stateful_params!(STATEFUL_RULE);

/// xAI's WebSocket-mode page.
const WEBSOCKET_MODE: Source = source(
    "https://docs.x.ai/developers/advanced-api-usage/websocket-mode",
    "2026-12-04",
);
const SOCKET_CHAIN: Rule = rule(
    "xai.responses.websocket.chain",
    "on a Responses WebSocket \"the server keeps the prior state in memory on the open socket\"; \
     \"this works with both Zero Data Retention (ZDR) and `store=false`\": \
     `previous_response_id` allowed",
    WEBSOCKET_MODE,
);
super::events::responses_socket_events!(
    RESPONSES_SOCKET,
    "xai",
    WEBSOCKET_MODE,
    SOCKET_CHAIN,
    &[
        super::body::socket_stateful_params!(SOCKET_CHAIN, STATEFUL_RULE),
        &[tools(&RESPONSES_TOOLS)],
        &[store(StoreDefault::Stores)],
    ],
);

pub(super) static SPEC: Spec = Spec::new(
    Provider::Xai,
    "api.x.ai",
    "/v1",
    ENDPOINTS,
    rule(
        "xai.residency.hosts",
        "`us.api.x.ai` keeps request handling, inference, moderation and retained data in the US \
         (not files, collections or server-side tools); the global host may route between regions",
        REGIONS,
    ),
)
.regions(REGION_HOSTS)
.residency_unlisted(rule(
    "xai.residency.unlisted",
    "the US guarantee does not cover files, collections or server-side tools",
    REGIONS,
))
.attestation(Attestation {
    header: "x-zero-data-retention",
    zdr_value: "true",
    rule: rule(
        "xai.attestation",
        "every response carries `x-zero-data-retention: \"true\"` or `\"false\"`, which \
             confirms whether the team has ZDR; a missing header or any other value under a ZDR \
             profile is a mismatch (inferred)",
        SECURITY_MD,
    ),
})
.verify(Verification::ByHand(
    "xAI has no API that reports ZDR; every response attests it in its `x-zero-data-retention` \
     header, which the adapters check after each call (profile key `attest`)",
))
.gen_ai_name("x_ai");

const fn stateful(id: &'static str, summary: &'static str, path: &'static str) -> Endpoint {
    Endpoint::kept(
        rule(id, summary, SECURITY),
        path,
        "until deleted; ZDR disables the feature",
    )
}

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    Endpoint::new(
        rule(
            "xai.chat_completions",
            "chat completions keep no application state (requests and responses are kept 30 days \
             for abuse auditing without ZDR); the API is deprecated in favour of Responses",
            COMPARISON,
        ),
        Methods::POST,
        "/chat/completions",
        EndpointClass::Stateless,
        "30 days for abuse auditing without ZDR",
    )
    .body(&[&[tools(&CHAT_TOOLS)], CHAT_FIELDS]),
    Endpoint::new(
        rule(
            "xai.responses",
            "responses are stored 30 days unless `store` is false (the default is true); ZDR \
             disables the stateful Responses API, so `store` is forced false and stored-state \
             parameters are denied",
            COMPARISON,
        ),
        Methods::POST,
        "/responses",
        EndpointClass::Stateless,
        "30 days by default (`store` defaults to true)",
    )
    .body(&[
        STATEFUL,
        &[tools(&RESPONSES_TOOLS)],
        &[store(StoreDefault::Stores)],
    ]),
    Endpoint::new(
        rule(
            "xai.responses.websocket",
            "a Responses WebSocket (`wss://api.x.ai/v1/responses`): each `response.create` follows \
             the Responses rules, with `store` forced false and `previous_response_id` continuing \
             from the socket's memory",
            WEBSOCKET_MODE,
        ),
        Methods::GET,
        "/responses",
        EndpointClass::Stateless,
        "none with `store: false` (the socket's state is in memory)",
    )
    .events(&RESPONSES_SOCKET),
    stateful(
        "xai.responses.stored",
        "stored responses are kept 30 days; ZDR disables the stateful Responses API",
        "/responses/{response_id}/**",
    ),
    stateful(
        "xai.files",
        "files are kept until deleted; ZDR disables Files",
        "/files/**",
    ),
    stateful(
        "xai.collections",
        "collections are kept until deleted; ZDR disables Collections",
        "/collections/**",
    ),
    stateful(
        "xai.deferred.results",
        "a deferred completion's result is kept up to 24 hours until it is fetched; ZDR disables \
         deferred completions",
        "/chat/deferred-completion/**",
    ),
    stateful(
        "xai.batches",
        "batches are kept; ZDR disables the Batch API",
        "/batches/**",
    ),
    Endpoint::metadata(
        rule(
            "xai.models",
            "model metadata carries no customer content",
            SECURITY,
        ),
        Methods::GET,
        "/models/**",
    ),
];
