//! Mistral's catalog, after the base path `/v1`.
//!
//! Sources (undated pages, read in November 2026): the zero-data-retention page (which stateless
//! endpoints ZDR covers; "ZDR does not apply to stateful APIs or products") and the two editions
//! of the regional-inference page (`api.eu.mistral.ai`; `api.us.mistral.ai`, "coming soon" in one
//! edition and available in the other, so both are regions here). No request field or response
//! header concerns retention.
//!
//! Features (read in December 2026): chat completions (which ZDR covers) and agent completions
//! also run Mistral's built-in tools and MCP connectors on Mistral's side (the SDK's tool union);
//! the ZDR page does not say that their traffic is covered, so they are denied under ZDR and,
//! since regional inference promises where inference runs only, with a region (inferred).

use super::body::tools;
use super::features::{client, hosted};
use super::spec::Spec;
use super::{
    Applies, Endpoint, EndpointClass, Feature, Methods, Provider, Region, Regions, Rule, Source,
    Tools, rule, source,
};

const ZDR: Source = source(
    "https://docs.mistral.ai/admin/monitor-comply/zero-data-retention",
    "2026-11-23",
);
const REGIONS: Source = source(
    "https://docs.mistral.ai/studio-api/regional-inference",
    "2026-11-23",
);
const SDK_TOOLS: Source = source(
    "https://github.com/mistralai/client-python/blob/05629d237bbd7732f6c15ecd7f06fe5bf5a2a275/docs/models/chatcompletionrequesttool.md",
    "2026-06-30",
);
const CONNECTORS: Source = source(
    "https://docs.mistral.ai/cookbooks/mistral-connectors-05-connectors-in-completions",
    "2026-12-04",
);

const BUILT_IN: Rule = rule(
    "mistral.tools.built_in",
    "chat and agent completions run built-in tools on Mistral's side (web search, premium web \
     search, code interpreter, image generation, document libraries) and MCP connectors; ZDR \
     covers stateless calls that need not store input or output, and does not say that tool \
     traffic is covered: denied under ZDR and with a region (inferred)",
    CONNECTORS,
);

/// The tool types of chat and agent completions (the SDK's `ChatCompletionRequestTool`).
static TOOLS: Tools = Tools {
    unknown: rule(
        "mistral.tools.unknown",
        "a tool type the catalog does not know may run on Mistral's side: denied under ZDR and \
         with a region unless `allow_tools` names it (`type:<name>`)",
        SDK_TOOLS,
    ),
    applies: Applies::ZdrOrRegion,
    untyped: None,
    table: &[
        client(
            "function",
            rule(
                "mistral.tools.client",
                "function tools run on the client",
                SDK_TOOLS,
            ),
        ),
        hosted("web_search", Feature::Web, BUILT_IN).within(Applies::ZdrOrRegion),
        hosted("web_search_premium", Feature::Web, BUILT_IN).within(Applies::ZdrOrRegion),
        hosted("code_interpreter", Feature::Code, BUILT_IN).within(Applies::ZdrOrRegion),
        hosted("image_generation", Feature::Images, BUILT_IN).within(Applies::ZdrOrRegion),
        hosted("document_library", Feature::Files, BUILT_IN).within(Applies::ZdrOrRegion),
        hosted("connector", Feature::Mcp, BUILT_IN).within(Applies::ZdrOrRegion),
    ],
};

/// Mistral's regional hosts (not of the `{region}.{host}` form).
static REGION_HOSTS: &[(Region, &str)] = &[
    (Region::Eu, "api.eu.mistral.ai"),
    (Region::Us, "api.us.mistral.ai"),
];

pub(super) static SPEC: Spec = Spec::new(
    Provider::Mistral,
    "api.mistral.ai",
    "/v1",
    ENDPOINTS,
    rule(
        "mistral.residency.hosts",
        "regional inference runs in the region's data centres (`api.eu.mistral.ai`); it does not \
         provide regional storage for all control-plane data",
        REGIONS,
    ),
)
.regions(REGION_HOSTS)
.residency_unlisted(rule(
    "mistral.residency.unlisted",
    "regional inference covers inference, not stateful products",
    REGIONS,
))
.regions_process_only()
.not_enforced(&[
    "Mistral's Labs and Public Preview models, which ZDR does not cover: their ids are not \
     published as a list.",
])
.gen_ai_name("mistral_ai");

const fn covered(id: &'static str, path: &'static str) -> Endpoint {
    Endpoint::new(
        rule(
            id,
            "a stateless endpoint ZDR covers: inputs and outputs are kept no longer than needed to \
             generate the output (Labs models excepted)",
            ZDR,
        ),
        Methods::POST,
        path,
        EndpointClass::Stateless,
        "none under ZDR (Labs models excepted)",
    )
    .residency(Regions::NONE, Regions::US_EU)
}

const fn stateful(id: &'static str, summary: &'static str, path: &'static str) -> Endpoint {
    Endpoint::kept(
        rule(id, summary, ZDR),
        path,
        "until deleted; ZDR does not apply",
    )
}

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    covered("mistral.chat_completions", "/chat/completions").body(&[&[tools(&TOOLS)]]),
    covered("mistral.fim_completions", "/fim/completions"),
    covered("mistral.embeddings", "/embeddings"),
    covered("mistral.moderations", "/moderations"),
    covered("mistral.chat_moderations", "/chat/moderations"),
    covered("mistral.classifications", "/classifications"),
    covered("mistral.chat_classifications", "/chat/classifications"),
    covered("mistral.ocr", "/ocr"),
    covered("mistral.audio.speech", "/audio/speech"),
    covered("mistral.audio.transcriptions", "/audio/transcriptions"),
    // Agent completions run a stored agent: not among the endpoints ZDR covers. With a region
    // (and no ZDR), their tools are read as chat's.
    Endpoint::new(
        rule(
            "mistral.agents_completions",
            "agent completions run a stored agent and its built-in tools; ZDR does not apply to \
             agents",
            ZDR,
        ),
        Methods::POST,
        "/agents/completions",
        EndpointClass::Stateful,
        "the agent, until deleted; ZDR does not apply",
    )
    .body(&[&[tools(&TOOLS)]]),
    stateful(
        "mistral.agents",
        "agents are a stateful product ZDR does not cover (inferred from the API's naming)",
        "/agents/**",
    ),
    stateful(
        "mistral.conversations",
        "conversations are a stateful product ZDR does not cover",
        "/conversations/**",
    ),
    stateful(
        "mistral.libraries",
        "document libraries are a stateful product ZDR does not cover",
        "/libraries/**",
    ),
    stateful(
        "mistral.files",
        "files are kept; ZDR does not cover them",
        "/files/**",
    ),
    stateful(
        "mistral.batch",
        "batch jobs and their files are kept; ZDR does not cover them",
        "/batch/**",
    ),
    stateful(
        "mistral.fine_tuning",
        "fine-tuning jobs and their data are kept (inferred from the API's naming)",
        "/fine_tuning/**",
    ),
    Endpoint::metadata(
        rule(
            "mistral.models",
            "model metadata carries no customer content",
            ZDR,
        ),
        Methods::GET_DELETE,
        "/models/**",
    ),
];
