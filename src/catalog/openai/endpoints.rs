//! OpenAI's endpoints: every method and path of its public OpenAPI spec (a test holds the list
//! to `tests/data/openai-openapi-paths-2026-09.txt`), with what each keeps and its body rules.
//! The rest of OpenAI's catalog (hosts, rules, tool tables, field rules) is in the parent file.

use super::{
    BACKGROUND_RULE, RESPONSES_SOCKET_CHAIN, WEBSOCKET_MODE, CHAT_TOOLS, CLIENT_EVENTS, COMPACTION, EDIT_MODELS, GENERATION_MODELS, INFERENCE_FIELDS, RESIDENCY,
    RESIDENCY_STORE, SPEC_0923, STATEFUL, STORED_PROMPT, TOOLS, TRACING, TRACING_ZDR, UAE_CHAT, UAE_EMBEDDINGS, UAE_RESPONSES,
    VARIATION_MODELS, YD_OCT, YD_SEP,
};
use crate::catalog::body::{
    allowed_field, batch, denied, items_at, socket_stateful_params, models, processing, store, store_at, store_outside_us, tools,
    tracing_at,
};
use crate::catalog::events::{realtime_events, responses_socket_events};
use crate::catalog::{
    Applies, BatchInput, BodyRule, ClientEvent, ClientEvents, Endpoint, EndpointClass, Methods,
    Paths, Regions, Source, StoreDefault, rule,
};

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
    tracing_zdr(Paths::Any(&["tracing", "session.tracing"])),
    items_at(
        Paths::Any(&["tools[].type", "session.tools[].type"]),
        &TOOLS,
    ),
    store_at(
        Paths::Any(&["store", "session.store"]),
        StoreDefault::DoesNotStore,
    ),
];

/// Tracing, denied under ZDR.
const fn tracing_zdr(paths: Paths) -> BodyRule {
    denied(
        paths,
        Applies::ZeroDataRetention,
        "writes session traces to the Traces dashboard",
        "omit `tracing` (or set it to `null`)",
        TRACING_ZDR,
    )
}

/// A prompt object named by id: the written decision to allow it.
const fn stored_prompt(path: &'static str) -> BodyRule {
    allowed_field(path, STORED_PROMPT)
}

/// A realtime session's settings: tools, tracing and a stored prompt (allowed), as a body or a
/// `session.update`.
static REALTIME_SESSION: &[BodyRule] = &[
    tracing_at(Paths::Any(&["tracing", "session.tracing"]), TRACING),
    tracing_zdr(Paths::Any(&["tracing", "session.tracing"])),
    items_at(
        Paths::Any(&["tools[].type", "session.tools[].type"]),
        &TOOLS,
    ),
    stored_prompt("prompt"),
    stored_prompt("session.prompt"),
];

realtime_events!(
    REALTIME_EVENTS,
    "openai",
    CLIENT_EVENTS,
    &TOOLS,
    &[
        tracing_at(Paths::One("session.tracing"), TRACING),
        tracing_zdr(Paths::One("session.tracing")),
        stored_prompt("session.prompt"),
    ],
    &[stored_prompt("response.prompt")],
);

responses_socket_events!(
    RESPONSES_SOCKET,
    "openai",
    WEBSOCKET_MODE,
    RESPONSES_SOCKET_CHAIN,
    &[
        socket_stateful_params!(RESPONSES_SOCKET_CHAIN, BACKGROUND_RULE),
        &[processing(&UAE_RESPONSES), tools(&TOOLS)],
        INFERENCE_FIELDS,
        &[store(StoreDefault::Stores)],
    ],
);

/// A realtime translation session's events: audio in, its language out, and closing; no tools,
/// tracing or prompts.
static TRANSLATION_EVENTS: ClientEvents = ClientEvents {
    unknown: TRANSLATIONS,
    events: &[
        ClientEvent::new("session.update", TRANSLATIONS, &[]),
        ClientEvent::new("session.input_audio_buffer.append", TRANSLATIONS, &[]),
        ClientEvent::new("session.close", TRANSLATIONS, &[]),
    ],
    binary: crate::catalog::BinaryFrames::Events,
};

const TRANSLATIONS: crate::catalog::Rule = rule(
    "openai.realtime.translations",
    "a translation session takes audio and returns it in another language; its events carry no \
     tools, tracing or prompts, and an event the reference does not list follows \
     `on_unknown_endpoint`",
    CLIENT_EVENTS,
);

const ASSISTANTS_STATE: &str = "application state until deleted; deleted objects go 30 days later";
const UNTIL_DELETED: &str = "application state until deleted";
const INFERENCE_NOTES: &str = "prompt-cache key/value tensors up to 24 hours (not the prompts); \
     structured-output schemas as system data, outside residency and ZDR (cached for fine-tuned \
     models in strict mode)";

pub(super) static ENDPOINTS: &[Endpoint] = &[
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
            "openai.responses.websocket",
            "a Responses WebSocket (`wss://api.openai.com/v1/responses`): each `response.create` \
             follows the Responses rules, with `store` forced false and `previous_response_id` \
             continuing from the connection's memory",
            WEBSOCKET_MODE,
        ),
        Methods::GET,
        "/responses",
        EndpointClass::Stateless,
        "none with `store: false` (the connection's cache is in memory and goes with it)",
    )
    .residency(Regions::ALL, Regions::US_EU_AE)
    .events(&RESPONSES_SOCKET),
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
        "none (a WebSocket session's events pass no HTTP middleware: open it with \
         `Guard::socket`, which checks each client event)",
    )
    .session()
    .residency(Regions::US_EU, Regions::US_EU)
    .body(&[REALTIME_SESSION])
    .events(&REALTIME_EVENTS),
    Endpoint::new(
        TRANSLATIONS,
        Methods::GET,
        "/realtime/translations",
        EndpointClass::Stateless,
        "none",
    )
    .session()
    .residency(Regions::US_EU, Regions::US_EU)
    .events(&TRANSLATION_EVENTS),
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
