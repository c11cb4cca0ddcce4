//! Google Gemini's OpenAI-compatible endpoint, after the base path `/v1beta/openai`, and the
//! native API's generation and embedding methods after `/v1beta` (`models/{model}:generateContent`),
//! which rig's and Google's own clients call.
//!
//! Sources (undated pages, read in November 2026): the logs-and-datasets page (projects created
//! on or after 2026-10-26 store Generate Content requests by default, OpenAI-compatible calls
//! included; the project toggle is the control, since a request-level `store` on this endpoint is
//! not confirmed) and the zero-data-retention page (the paid tier logs prompts for abuse
//! detection unless Google approves ZDR for the project). Both settings are invisible in a
//! request, so a ZDR profile confirms them. Of the native API, generation, token counting and
//! embedding are catalogued (their `tools` are named by their keys, in both proto JSON
//! spellings), and so are cached contents and batch methods (stateful); its other paths (the
//! Interactions API, file search stores, tuned models, `/v1`) are unknown endpoints, denied under
//! ZDR by default.

use super::body::{allowed_field, denied_field, items_at, tools};
use super::features::{client, hosted};
use super::spec::Spec;
use super::{
    Applies, BodyRule, Confirmation, Endpoint, EndpointClass, Feature, Methods, Paths, Provider,
    Rule, Source, Tools, rule, source,
};

const LOGS: Source = source(
    "https://ai.google.dev/gemini-api/docs/logs-datasets",
    "2026-11-23",
);
const ZDR: Source = source("https://ai.google.dev/gemini-api/docs/zdr", "2026-11-23");
/// The ZDR page's list of what keeps data (context caching, grounding), read in December 2026
/// (the English copy of 2026-04-29 and the current Chinese editions say the same).
const ZDR_FEATURES: Source = source("https://ai.google.dev/gemini-api/docs/zdr", "2026-12-04");
/// The OpenAI compatibility page, last updated 2026-06-22 (`extra_body.google`: `cached_content`,
/// `thinking_config`; images' `tools`).
const OPENAI_COMPAT: Source = source("https://ai.google.dev/gemini-api/docs/openai", "2026-06-22");

/// Google's JavaScript SDK reference of the native `Tool` object: every tool key.
const SDK_TOOL: Source = source(
    "https://googleapis.github.io/js-genai/release_docs/interfaces/types.Tool.html",
    "2026-12-04",
);
/// The native API's tools page: the built-in tools, computer use as client-side execution.
const TOOLS_PAGE: Source = source("https://ai.google.dev/gemini-api/docs/tools", "2026-12-04");

const CACHED_CONTENT: Rule = rule(
    "gemini.cached_content",
    "explicit context caching (`cached_content`) stores the cached context for its `ttl` or \
     `expire_time`; the ZDR page says not to use it for a zero-data footprint: denied under ZDR \
     in every spelling (`cachedContent`; under `extra_body.google` and `google`)",
    ZDR_FEATURES,
);
const GROUNDING: Rule = rule(
    "gemini.grounding",
    "grounding with Google Search or Maps stores prompts, context and output for 30 days, which \
     cannot be disabled: `extra_body.google.tools` (grounding tools) is denied under ZDR",
    ZDR_FEATURES,
);

/// A cached-content path: denied under ZDR.
const fn cache(path: &'static str) -> BodyRule {
    denied_field(
        path,
        &[],
        Applies::ZeroDataRetention,
        Feature::Cache,
        CACHED_CONTENT,
    )
}

/// A grounding-tools path: denied under ZDR unless empty.
const fn grounding(path: &'static str) -> BodyRule {
    denied_field(
        path,
        &["[]"],
        Applies::ZeroDataRetention,
        Feature::Web,
        GROUNDING,
    )
}

/// The compatibility layer's chat tools are OpenAI function tools; a Gemini tool given by its
/// key (`{"google_search": {}}`) has no `type` and is denied.
static TOOLS: Tools = Tools {
    unknown: rule(
        "gemini.tools.unknown",
        "chat tools are OpenAI `function` tools; any other item (a `google_search` or \
         `code_execution` key, an unknown type) is denied under ZDR unless `allow_tools` names it",
        OPENAI_COMPAT,
    ),
    applies: Applies::ZeroDataRetention,
    untyped: None,
    table: &[client(
        "function",
        rule(
            "gemini.tools.client",
            "function tools run on the client",
            OPENAI_COMPAT,
        ),
    )],
};

const NATIVE_CLIENT: Rule = rule(
    "gemini.native.tools.client",
    "function declarations and computer use (its actions run on the client) keep nothing on \
     Google's side",
    TOOLS_PAGE,
);
const NATIVE_GROUNDING: Rule = rule(
    "gemini.native.tools.grounding",
    "grounding with Google Search (`googleSearch`, `googleSearchRetrieval`) or Google Maps stores \
     prompts, context and output for 30 days, which cannot be disabled: denied under ZDR",
    ZDR_FEATURES,
);
const NATIVE_HOSTED: Rule = rule(
    "gemini.native.tools.hosted",
    "code execution, URL context and file search run on Google's side (a sandbox, fetched pages, \
     stored File Search Stores); the ZDR page does not cover them (inferred): denied under ZDR",
    SDK_TOOL,
);

/// The native API's tools: each item of `tools` is named by its key (`{"googleSearch": {}}`),
/// read as proto JSON reads it, in its camelCase and its own snake_case spelling.
static NATIVE_TOOLS: Tools = Tools {
    unknown: rule(
        "gemini.native.tools.unknown",
        "a tool key the reference does not list (`retrieval` and `enterpriseWebSearch` are Vertex \
         AI's) may keep state or reach a third party: denied under ZDR unless `allow_tools` names \
         it",
        SDK_TOOL,
    ),
    applies: Applies::ZeroDataRetention,
    untyped: None,
    table: &[
        client("functionDeclarations", NATIVE_CLIENT),
        client("function_declarations", NATIVE_CLIENT),
        client("computerUse", NATIVE_CLIENT),
        client("computer_use", NATIVE_CLIENT),
        hosted("googleSearch", Feature::Web, NATIVE_GROUNDING),
        hosted("google_search", Feature::Web, NATIVE_GROUNDING),
        hosted("googleSearchRetrieval", Feature::Web, NATIVE_GROUNDING),
        hosted("google_search_retrieval", Feature::Web, NATIVE_GROUNDING),
        hosted("googleMaps", Feature::Web, NATIVE_GROUNDING),
        hosted("google_maps", Feature::Web, NATIVE_GROUNDING),
        hosted("urlContext", Feature::Web, NATIVE_HOSTED),
        hosted("url_context", Feature::Web, NATIVE_HOSTED),
        hosted("codeExecution", Feature::Code, NATIVE_HOSTED),
        hosted("code_execution", Feature::Code, NATIVE_HOSTED),
        hosted("fileSearch", Feature::Files, NATIVE_HOSTED),
        hosted("file_search", Feature::Files, NATIVE_HOSTED),
    ],
};

/// A native generation body: its tools, and an explicit context cache.
static NATIVE: &[BodyRule] = &[
    items_at(Paths::One("tools[].*"), &NATIVE_TOOLS),
    cache("cachedContent"),
    cache("cached_content"),
];

/// Fields of the compatibility layer's bodies. The body is read as proto JSON, which takes a
/// field's camelCase name as well as its own (`extraBody`, `cachedContent`): every spelling of
/// the path has a row.
static FIELDS: &[BodyRule] = &[
    cache("extra_body.google.cached_content"),
    cache("extra_body.google.cachedContent"),
    cache("extraBody.google.cached_content"),
    cache("extraBody.google.cachedContent"),
    cache("google.cached_content"),
    cache("google.cachedContent"),
    grounding("extra_body.google.tools"),
    grounding("extraBody.google.tools"),
    grounding("google.tools"),
    allowed_field(
        "extra_body.google.thinking_config",
        rule(
            "gemini.thinking_config",
            "`thinking_config` sets the thinking budget and whether thoughts are returned: \
             nothing is kept",
            OPENAI_COMPAT,
        ),
    ),
];

pub(super) static SPEC: Spec = Spec::new(
    Provider::Gemini,
    "generativelanguage.googleapis.com",
    "/v1beta/openai",
    ENDPOINTS,
    rule(
        "gemini.residency",
        "the Gemini API offers no residency hosts the guard knows",
        ZDR,
    ),
)
.confirm(&[
        Confirmation {
            name: "gemini.logging_disabled",
            what: "projects created on or after 2026-10-26 store requests (OpenAI-compatible calls \
                   included) unless logging is turned off for the project: Google AI Studio, Gemini \
                   API Logs Dashboard, Settings",
            also_mam: false,
            rule: rule(
                "gemini.logging",
                "Generate Content and OpenAI-compatible requests are stored by default for projects \
                 created on or after 2026-10-26; the project toggle turns it off",
                LOGS,
            ),
        },
        Confirmation {
            name: "gemini.zdr_approved",
            what: "the paid tier logs prompts and responses for abuse detection unless Google has \
                   approved zero data retention for the project (request it from Google; Vertex AI \
                   is the documented alternative)",
            also_mam: false,
            rule: rule(
                "gemini.zdr_approval",
                "paid services log prompts and responses for a limited period to detect misuse; ZDR \
                 needs Google's approval for the project",
                ZDR,
            ),
        },
    ])
// The native API lies under `/v1beta`, beside the compatibility layer's `/v1beta/openai`.
.base_aliases(&["/v1beta"])
.gen_ai_name("gcp.gemini");

const fn inference(id: &'static str, path: &'static str) -> Endpoint {
    Endpoint::new(
        rule(
            id,
            "inference through the compatibility layer is logged per the project's logging setting \
             and abuse-monitoring terms (a ZDR profile confirms both)",
            LOGS,
        ),
        Methods::POST,
        path,
        EndpointClass::Stateless,
        "55 days in the project's logs when logging is on; abuse logs unless ZDR is approved",
    )
}

const fn stateful(id: &'static str, summary: &'static str, path: &'static str) -> Endpoint {
    Endpoint::kept(rule(id, summary, LOGS), path, "until deleted or expired")
}

/// A native method on a model (`/models/{model}:generateContent`), after `/v1beta`.
const fn native(id: &'static str, path: &'static str) -> Endpoint {
    Endpoint::new(
        rule(
            id,
            "native generation and embedding are logged per the project's logging setting and \
             abuse-monitoring terms (a ZDR profile confirms both)",
            LOGS,
        ),
        Methods::POST,
        path,
        EndpointClass::Stateless,
        "55 days in the project's logs when logging is on; abuse logs unless ZDR is approved",
    )
}

/// A native batch method: stateful.
const fn native_batch(path: &'static str) -> Endpoint {
    Endpoint::new(
        rule(
            "gemini.native.batches",
            "batch generation and embedding keep their inputs and outputs until the batch expires \
             (inferred)",
            LOGS,
        ),
        Methods::POST,
        path,
        EndpointClass::Stateful,
        "until deleted or expired",
    )
}

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    inference("gemini.chat_completions", "/chat/completions").body(&[&[tools(&TOOLS)], FIELDS]),
    native("gemini.native.generate_content", "/models/{model}:generateContent").body(&[NATIVE]),
    native("gemini.native.generate_content", "/models/{model}:streamGenerateContent")
        .body(&[NATIVE]),
    native("gemini.native.count_tokens", "/models/{model}:countTokens").body(&[NATIVE]),
    native("gemini.native.embeddings", "/models/{model}:embedContent"),
    native("gemini.native.embeddings", "/models/{model}:batchEmbedContents"),
    native_batch("/models/{model}:batchGenerateContent"),
    native_batch("/models/{model}:asyncBatchEmbedContent"),
    Endpoint::kept(CACHED_CONTENT, "/cachedContents/**", "for its `ttl` or until deleted"),
    inference("gemini.embeddings", "/embeddings"),
    inference("gemini.images.generations", "/images/generations").body(&[FIELDS]),
    inference("gemini.audio.speech", "/audio/speech"),
    stateful(
        "gemini.files",
        "uploaded files are kept until they expire or are deleted (inferred)",
        "/files/**",
    ),
    stateful(
        "gemini.batches",
        "batches keep their inputs and outputs (inferred)",
        "/batches/**",
    ),
    Endpoint::metadata(
        rule(
            "gemini.models",
            "model metadata carries no customer content",
            LOGS,
        ),
        Methods::GET,
        "/models/**",
    ),
];
