//! Google Gemini's OpenAI-compatible endpoint, after the base path `/v1beta/openai`.
//!
//! Sources (undated pages, read in November 2026): the logs-and-datasets page (projects created
//! on or after 2026-10-26 store Generate Content requests by default, OpenAI-compatible calls
//! included; the project toggle is the control, since a request-level `store` on this endpoint is
//! not confirmed) and the zero-data-retention page (the paid tier logs prompts for abuse
//! detection unless Google approves ZDR for the project). Both settings are invisible in a
//! request, so a ZDR profile confirms them. The native API's stateful paths (files, cached
//! contents, batches, the Interactions API) lie outside the base path: they are unknown
//! endpoints, denied under ZDR by default.

use super::body::{allowed_field, denied_field, tools};
use super::features::client;
use super::spec::Spec;
use super::{
    Applies, BodyRule, Confirmation, Endpoint, EndpointClass, Feature, Methods, Provider, Rule,
    Source, Tools, rule, source,
};

const LOGS: Source = source(
    "https://ai.google.dev/gemini-api/docs/logs-datasets",
    "2026-11",
);
const ZDR: Source = source("https://ai.google.dev/gemini-api/docs/zdr", "2026-11");
/// The ZDR page's list of what keeps data (context caching, grounding), read in December 2026
/// (the English copy of 2026-04-29 and the current Chinese editions say the same).
const ZDR_FEATURES: Source = source("https://ai.google.dev/gemini-api/docs/zdr", "2026-12");
/// The OpenAI compatibility page, last updated 2026-06-22 (`extra_body.google`: `cached_content`,
/// `thinking_config`; images' `tools`).
const OPENAI_COMPAT: Source = source("https://ai.google.dev/gemini-api/docs/openai", "2026-06-22");

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

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    inference("gemini.chat_completions", "/chat/completions").body(&[&[tools(&TOOLS)], FIELDS]),
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
