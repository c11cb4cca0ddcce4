//! Together AI's catalog, after the base path `/v1`.
//!
//! Sources (undated pages, read in November 2026): the zero-data-retention page (prompts and
//! responses are stored unless the organisation sets "Store prompts and model responses" to No;
//! the privacy page says the opposite, so a ZDR profile must confirm the setting) and the
//! geo-specific inference page (`us-api.together.ai`, `ca-api.together.ai`: processing only, not
//! storage or logs).

use super::spec::Spec;
use super::{
    Confirmation, Endpoint, EndpointClass, Methods, Provider, Region, Regions, Source, rule, source,
};

const ZDR: Source = source(
    "https://docs.together.ai/docs/zero-data-retention",
    "2026-11-23",
);
const GEO: Source = source(
    "https://docs.together.ai/docs/serverless/geo-specific-inference",
    "2026-11-23",
);
const TCI: Source = source(
    "https://docs.together.ai/reference/tci-execute",
    "2026-12-04",
);

/// Together's regional hosts: inference processing only.
static REGION_HOSTS: &[(Region, &str)] = &[
    (Region::Us, "us-api.together.ai"),
    (Region::Ca, "ca-api.together.ai"),
];

pub(super) static SPEC: Spec = Spec::new(
    Provider::Together,
    "api.together.ai",
    "/v1",
    ENDPOINTS,
    rule(
        "together.residency.hosts",
        "`us-api.together.ai` and `ca-api.together.ai` guarantee where a request is processed, \
         not where data is stored, where logs are written or how traffic is routed",
        GEO,
    ),
)
.regions(REGION_HOSTS)
.residency_unlisted(rule(
    "together.residency.unlisted",
    "geo-specific inference covers processing only",
    GEO,
))
.other_global_hosts(&["api.together.xyz"])
.regions_process_only()
.confirm(&[Confirmation {
    name: "together.prompt_storage_disabled",
    what: "Together stores prompts and responses unless the organisation sets \"Store prompts \
               and model responses\" to No (Organization Settings → Privacy); the setting is not \
               retroactive and also turns off passthrough models",
    also_mam: false,
    rule: rule(
        "together.prompt_storage",
        "ZDR is not enabled by default: prompts and responses are stored unless the \
             organisation turns storage off (the privacy page says otherwise; the guard assumes \
             storage unless the profile confirms the setting)",
        ZDR,
    ),
}]);

const fn inference(id: &'static str, path: &'static str) -> Endpoint {
    Endpoint::new(
        rule(
            id,
            "inference keeps prompts and responses only if the organisation's prompt storage is on \
             (a ZDR profile confirms it is off)",
            ZDR,
        ),
        Methods::POST,
        path,
        EndpointClass::Stateless,
        "stored unless the organisation turned prompt storage off",
    )
    .residency(Regions::NONE, Regions::US_CA)
}

const fn stateful(id: &'static str, summary: &'static str, path: &'static str) -> Endpoint {
    Endpoint::kept(rule(id, summary, ZDR), path, "until deleted")
}

pub(crate) static ENDPOINTS: &[Endpoint] = &[
    inference("together.chat_completions", "/chat/completions"),
    inference("together.completions", "/completions"),
    inference("together.embeddings", "/embeddings"),
    inference("together.rerank", "/rerank"),
    inference("together.images.generations", "/images/generations"),
    inference("together.audio.speech", "/audio/speech"),
    inference("together.audio.transcriptions", "/audio/transcriptions"),
    stateful(
        "together.fine_tunes",
        "fine-tuning jobs and their data are kept (inferred)",
        "/fine-tunes/**",
    ),
    stateful(
        "together.fine_tuning",
        "fine-tuning jobs and their data are kept (inferred)",
        "/fine_tuning/**",
    ),
    stateful(
        "together.batches",
        "batches are kept (inferred)",
        "/batches/**",
    ),
    stateful(
        "together.files",
        "files are kept until deleted (inferred)",
        "/files/**",
    ),
    Endpoint::kept(
        rule(
            "together.code_interpreter",
            "the code interpreter runs code in a sandbox session whose dependencies and state \
             persist between calls that pass its `session_id`: a session keeps state on \
             Together's side",
            TCI,
        ),
        "/tci/**",
        "the session's files and state, until the session ends",
    ),
    Endpoint::metadata(
        rule(
            "together.models",
            "model metadata carries no customer content",
            ZDR,
        ),
        Methods::GET,
        "/models/**",
    ),
];
