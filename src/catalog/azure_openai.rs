//! Azure OpenAI's catalog (Azure Direct Models in Microsoft Foundry), after the base path
//! `/openai/v1`.
//!
//! Hosts are per resource (`{resource}.openai.azure.com`, `{resource}.services.ai.azure.com`,
//! `{resource}.cognitiveservices.azure.com`), so a profile names its resource in `base_url`.
//! Three path styles reach one catalog path: the v1 surface (`/openai/v1/…`), the classic
//! per-deployment one (`/openai/deployments/{deployment}/…?api-version=…`) and the classic
//! resource-level one (`/openai/{files,batches,assistants,…}?api-version=…`).
//!
//! Sources: the data-privacy page (ms.date 2025-10-01: stateful entities, deployment types and
//! where they process, batch as Global processing, `ContentLogging`), the abuse-monitoring page
//! (ms.date 2025-09-30), the API-version lifecycle page (the v1 surface; undated, read in November
//! 2026) and the endpoints training page (the classic URL; undated, read in November 2026); the
//! web-search how-to (December 2026) for the Responses tools, which are OpenAI's types.

use super::body::{items_at, models, models_at, stateful_params, store, tools};
use super::features::{client, hosted};
use super::spec::Spec;
use super::{
    Applies, BodyRule, Confirmation, Endpoint, EndpointClass, Feature, Methods, ModelLimit,
    ModelLimitKind, Paths, Provider, Regions, Rule, Source, StoreDefault, Tools, Unless,
    Verification, rule, source,
};

const PRIVACY: Source = source(
    "https://learn.microsoft.com/azure/ai-foundry/responsible-ai/openai/data-privacy",
    "2025-10-01",
);
const ABUSE: Source = source(
    "https://learn.microsoft.com/azure/ai-foundry/openai/concepts/abuse-monitoring",
    "2025-09-30",
);
const V1: Source = source(
    "https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle",
    "2026-11-23",
);
const ENDPOINTS_PAGE: Source = source(
    "https://learn.microsoft.com/training/modules/get-started-with-ai-in-azure/5-endpoints",
    "2026-11-23",
);
/// The realtime audio reference: Azure follows OpenAI's realtime protocol.
const REALTIME_PAGE: Source = source(
    "https://learn.microsoft.com/azure/foundry/openai/realtime-audio-reference",
    "2026-12-04",
);
const WEB_SEARCH_PAGE: Source = source(
    "https://learn.microsoft.com/azure/foundry/openai/how-to/web-search",
    "2026-12-04",
);

const CLIENT_TOOL: Rule = rule(
    "azure_openai.tools.client",
    "function, custom, namespace, tool-search, apply-patch, local-shell and computer-use tools \
     run on the client; image generation runs on a deployment of the resource (inferred)",
    WEB_SEARCH_PAGE,
);
const BING: Rule = rule(
    "azure_openai.tools.web_search",
    "web search (`web_search`, and `web_search_preview`) runs through Grounding with Bing Search: \
     the Microsoft Data Protection Addendum does not apply to data sent there, and it flows \
     outside the compliance and geo boundary: denied under ZDR and with a region",
    WEB_SEARCH_PAGE,
);
const HOSTED: Rule = rule(
    "azure_openai.tools.hosted",
    "code interpreter and hosted shell containers, file search over vector stores (stateful \
     entities kept until deleted), programmatic tool calling and remote MCP servers (third \
     parties) keep state or reach a third party: denied under ZDR (as on OpenAI)",
    PRIVACY,
);

/// The tool types of chat completions: function and custom tools (OpenAI's spellings).
static CHAT_TOOLS: Tools = Tools {
    unknown: rule(
        "azure_openai.chat.tools.unknown",
        "chat completions take `function` and `custom` tools; any other type is denied under ZDR \
         unless `allow_tools` names it (`type:<name>`)",
        WEB_SEARCH_PAGE,
    ),
    applies: Applies::ZeroDataRetention,
    untyped: None,
    table: &[
        client("function", CLIENT_TOOL),
        client("custom", CLIENT_TOOL),
    ],
};

// "The Azure OpenAI Realtime API follows the OpenAI Realtime API specification": OpenAI's client
// events, with Azure's tool table. The deployment is the handshake's (a session's model cannot
// be changed by `session.update`); no Azure page documents tracing or stored prompts for it.
super::events::realtime_events!(REALTIME_EVENTS, "azure_openai", REALTIME_PAGE, &TOOLS, &[], &[]);

/// The tool types of the Responses API and realtime sessions (OpenAI's spellings).
static TOOLS: Tools = Tools {
    unknown: rule(
        "azure_openai.tools.unknown",
        "a tool type the catalog does not know may keep state or reach a third party (a new web \
         search version would leave the geography): denied under ZDR and with a region unless \
         `allow_tools` names it (`type:<name>`)",
        WEB_SEARCH_PAGE,
    ),
    applies: Applies::ZdrOrRegion,
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
        client("image_generation", CLIENT_TOOL),
        hosted("web_search", Feature::Web, BING).within(Applies::ZdrOrRegion),
        hosted("web_search_2025_08_26", Feature::Web, BING).within(Applies::ZdrOrRegion),
        hosted("web_search_preview", Feature::Web, BING).within(Applies::ZdrOrRegion),
        hosted("web_search_preview_2025_03_11", Feature::Web, BING).within(Applies::ZdrOrRegion),
        hosted("code_interpreter", Feature::Code, HOSTED),
        hosted("shell", Feature::Code, HOSTED).unless(Unless::EnvironmentLocal),
        hosted("programmatic_tool_calling", Feature::Code, HOSTED),
        hosted("file_search", Feature::Files, HOSTED),
        hosted("mcp", Feature::Mcp, HOSTED),
    ],
};

/// The parameters of a Responses body that need stored state, denied under ZDR.
const STATEFUL_RULE: Rule = rule(
    "azure_openai.responses",
    "the Responses API persists message history in a data store",
    PRIVACY,
);
static STATEFUL: &[BodyRule] = stateful_params!(STATEFUL_RULE);

/// Azure's "Use the Responses API in WebSocket mode" page.
const WEBSOCKET_MODE: Source = source(
    "https://learn.microsoft.com/azure/foundry/openai/how-to/websockets",
    "2026-12-04",
);
const SOCKET_CHAIN: Rule = rule(
    "azure_openai.responses.websocket.chain",
    "\"WebSocket mode works with store=false\", and the payload mirrors the HTTP create body; \
     `previous_response_id` continues from the connection's memory as in OpenAI's WebSocket mode \
     (inferred): allowed",
    WEBSOCKET_MODE,
);
super::events::responses_socket_events!(
    RESPONSES_SOCKET,
    "azure_openai",
    WEBSOCKET_MODE,
    SOCKET_CHAIN,
    &[
        super::body::socket_stateful_params!(SOCKET_CHAIN, STATEFUL_RULE),
        &[models(&DECLARED), tools(&TOOLS)],
        &[store(StoreDefault::Stores)],
    ],
);

pub(super) static SPEC: Spec = Spec::new(
    Provider::AzureOpenAi,
    "",
    "/openai/v1",
    ENDPOINTS,
    rule(
        "azure_openai.residency.deployments",
        "data at rest stays in the resource's geography; prompts are processed there for \
         Standard (regional) deployments, anywhere in the US or EU data zone for DataZone \
         deployments, and in any geography for Global ones; the deployment type is not in the \
         request, so the profile declares it per deployment (inferred)",
        PRIVACY,
    ),
)
.residency_unlisted(rule(
    "azure_openai.residency.unlisted",
    "the data-privacy page does not say where this endpoint's data is processed",
    PRIVACY,
))
.resource_domains(&[
    "openai.azure.com",
    "services.ai.azure.com",
    "cognitiveservices.azure.com",
])
.base_aliases(&["/openai/deployments/{deployment}", "/openai"])
.regions_process_only()
.deployments(rule(
    "azure_openai.deployments",
    "a deployment's type (Standard, DataZone, Global) decides where its prompts are \
         processed, and the request names only the deployment: the profile declares each \
         deployment's type (inferred)",
    PRIVACY,
))
.confirm(&[Confirmation {
    name: "azure_openai.modified_abuse_monitoring_approved",
    what: "Azure stores flagged prompts for abuse monitoring (with possible human review) unless \
               Microsoft approved modified abuse monitoring for the subscription or resource (a \
               Limited Access form); `retention-guard verify` reads the resource's \
               `ContentLogging` capability, which is `false` only then",
    also_mam: true,
    rule: rule(
        "azure_openai.abuse_monitoring",
        "abuse monitoring is on by default and may store flagged prompts and completions; \
             once modified abuse monitoring is approved, data storage and human review are not \
             performed (automated review may still be); there is no request flag",
        ABUSE,
    ),
}])
.not_enforced(&[
    "Azure OpenAI batch input lines are not read: creating a batch is denied under ZDR and with \
     a region instead.",
])
.verify(Verification::AzureContentLogging)
.gen_ai_name("azure.ai.openai");

/// The deployment a request runs on must be declared in the profile's region.
static DECLARED: ModelLimit = ModelLimit {
    rule: rule(
        "azure_openai.deployments",
        "with a residency region, the request's deployment must be one the profile declares, \
         of a type that processes prompts in the region (Standard: the resource's geography; \
         DataZone: the US or EU zone; Global: anywhere)",
        PRIVACY,
    ),
    kind: ModelLimitKind::Declared,
    applies: Applies::Region,
};

/// The body rules of an inference endpoint: its deployment must be declared.
const DECLARED_ONLY: &[&[BodyRule]] = &[&[models(&DECLARED)]];

/// An inference endpoint: keeps nothing beyond abuse monitoring, runs on a deployment.
const fn inference(id: &'static str, summary: &'static str, path: &'static str) -> Endpoint {
    Endpoint::new(
        rule(id, summary, ENDPOINTS_PAGE),
        Methods::POST,
        path,
        EndpointClass::Stateless,
        "abuse-monitoring samples of flagged content unless modified abuse monitoring is approved",
    )
    .body(DECLARED_ONLY)
    .residency(Regions::ALL, Regions::ALL)
}

/// A stateful entity: kept in the resource's geography until the customer deletes it.
const fn kept(id: &'static str, summary: &'static str, path: &'static str) -> Endpoint {
    Endpoint::kept(
        rule(id, summary, PRIVACY),
        path,
        "stored at rest in the resource's geography until deleted",
    )
    .residency(Regions::ALL, Regions::ALL)
}

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    Endpoint::new(
        rule(
            "azure_openai.chat_completions",
            "chat completions keep nothing unless `store` is true (Stored completions: \
             input-output pairs kept in the resource until deleted), so `store` is forced false \
             under ZDR",
            PRIVACY,
        ),
        Methods::POST,
        "/chat/completions",
        EndpointClass::Stateless,
        "Stored completions only with `store: true`",
    )
    .residency(Regions::ALL, Regions::ALL)
    .body(&[
        &[models(&DECLARED), tools(&CHAT_TOOLS)],
        &[store(StoreDefault::DoesNotStore)],
    ]),
    kept(
        "azure_openai.stored_completions",
        "stored completions are kept until deleted",
        "/chat/completions/{completion_id}/**",
    ),
    Endpoint::new(
        rule(
            "azure_openai.responses.websocket",
            "a Responses WebSocket (`wss://{resource}.openai.azure.com/openai/v1/responses`): each \
             `response.create` follows the Responses rules, with `store` forced false",
            WEBSOCKET_MODE,
        ),
        Methods::GET,
        "/responses",
        EndpointClass::Stateless,
        "none with `store: false` (the connection's state is in memory)",
    )
    .residency(Regions::ALL, Regions::ALL)
    .events(&RESPONSES_SOCKET),
    Endpoint::new(
        rule(
            "azure_openai.responses",
            "the Responses API persists message history (30 days by default, per a Microsoft \
             engineer's article) unless `store` is false; `store` defaults to true as in OpenAI, \
             so it is written false under ZDR and stored-state parameters are denied",
            PRIVACY,
        ),
        Methods::POST,
        "/responses",
        EndpointClass::Stateless,
        "message history, 30 days by default (`store` defaults to true)",
    )
    .residency(Regions::ALL, Regions::ALL)
    .body(&[
        STATEFUL,
        &[models(&DECLARED), tools(&TOOLS)],
        &[store(StoreDefault::Stores)],
    ]),
    kept(
        "azure_openai.responses.stored",
        "stored responses and their input items are kept in the resource",
        "/responses/{response_id}/**",
    ),
    inference(
        "azure_openai.completions",
        "legacy completions keep no application state",
        "/completions",
    ),
    inference(
        "azure_openai.embeddings",
        "embeddings keep no application state",
        "/embeddings",
    ),
    inference(
        "azure_openai.images",
        "image generation and edits keep no application state",
        "/images/**",
    ),
    inference(
        "azure_openai.audio",
        "transcription, translation and speech keep no application state",
        "/audio/**",
    ),
    Endpoint::new(
        rule(
            "azure_openai.realtime",
            "realtime sessions keep no application state (the deployment is the `model` or \
             `deployment` query parameter)",
            V1,
        ),
        Methods::GET_POST,
        "/realtime/**",
        EndpointClass::Stateless,
        "abuse-monitoring samples of flagged content unless modified abuse monitoring is approved",
    )
    .session()
    .residency(Regions::ALL, Regions::ALL)
    .body(&[&[
        models_at(Paths::Any(&["model", "session.model"]), &DECLARED),
        items_at(
            Paths::Any(&["tools[].type", "session.tools[].type"]),
            &TOOLS,
        ),
    ]])
    .events(&REALTIME_EVENTS),
    kept(
        "azure_openai.assistants",
        "assistants are kept until deleted",
        "/assistants/**",
    ),
    kept(
        "azure_openai.threads",
        "threads persist message history until deleted",
        "/threads/**",
    ),
    kept(
        "azure_openai.vector_stores",
        "vector stores keep uploaded data until deleted",
        "/vector_stores/**",
    ),
    kept(
        "azure_openai.files",
        "uploaded files are kept until deleted",
        "/files/**",
    ),
    kept(
        "azure_openai.uploads",
        "uploads become files, kept until deleted",
        "/uploads/**",
    ),
    kept(
        "azure_openai.conversations",
        "conversations persist message history like the Responses API",
        "/conversations/**",
    ),
    kept(
        "azure_openai.evals",
        "evaluations keep their data and runs in the resource",
        "/evals/**",
    ),
    Endpoint::kept(
        rule(
            "azure_openai.batches",
            "batches keep their input until processed, and batch is a Global deployment type: \
             processing may occur in any geography",
            PRIVACY,
        ),
        "/batches/**",
        "input files kept until processed, outputs until deleted",
    )
    .residency(Regions::ALL, Regions::NONE),
    Endpoint::kept(
        rule(
            "azure_openai.fine_tuning",
            "fine-tuning keeps training data and models until deleted; the page does not say \
             where training is processed",
            PRIVACY,
        ),
        "/fine_tuning/**",
        "training files and models until deleted",
    ),
    Endpoint::metadata(
        rule(
            "azure_openai.models",
            "model and deployment metadata carries no customer content",
            V1,
        ),
        Methods::GET,
        "/models/**",
    ),
    Endpoint::metadata(
        rule(
            "azure_openai.deployments.list",
            "model and deployment metadata carries no customer content",
            V1,
        ),
        Methods::GET,
        "/deployments/**",
    ),
];
