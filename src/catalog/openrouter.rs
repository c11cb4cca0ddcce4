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

use super::{
    Applies, CatalogRules, Confirmation, Endpoint, EndpointClass, Forced, Methods, ModelLimit,
    ModelLimitKind, Region, Regions, Source, StoreDefault, rule, source,
};

const ROUTING: Source = source(
    "https://openrouter.ai/docs/features/provider-routing",
    "2026-11",
);
const DATA_COLLECTION: Source = source(
    "https://openrouter.ai/docs/client-sdks/typescript/models/datacollection.md",
    "2026-11",
);
const ZDR: Source = source("https://openrouter.ai/docs/features/zdr", "2026-11");
const ZDR_GUIDE: Source = source(
    "https://openrouter.ai/docs/guides/privacy/zero-data-retention",
    "2026-11",
);
const BLOG: Source = source(
    "https://openrouter.ai/blog/insights/zero-data-retention/",
    "2026-11",
);
const IN_REGION: Source = source(
    "https://openrouter.ai/docs/guides/features/in-region-routing",
    "2026-11",
);
const RESPONSES: Source = source(
    "https://openrouter.ai/docs/api-reference/responses-api/error-handling",
    "2026-11",
);

/// OpenRouter's in-region routing hosts (Business and Enterprise plans).
pub(crate) static REGION_HOSTS: &[(Region, &str)] = &[
    (Region::Eu, "eu.openrouter.ai"),
    (Region::Us, "us.openrouter.ai"),
];

pub(crate) static RULES: CatalogRules = CatalogRules {
    residency_hosts: rule(
        "openrouter.residency.hosts",
        "a request sent through a region-specific base URL is decrypted within the region and \
         routed only to provider endpoints there; with none eligible it fails instead of leaving",
        IN_REGION,
    ),
    residency_unlisted: rule(
        "openrouter.residency.unlisted",
        "in-region routing covers inference requests only",
        IN_REGION,
    ),
    background: rule(
        "openrouter.responses",
        "the Responses API is stateless",
        RESPONSES,
    ),
    attestation: None,
    other_global_hosts: &[],
    regions_process_only: true,
    base_aliases: &[],
    deployments: None,
    resource_domains: &[],
    zdr_requires: &[Confirmation {
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
    }],
};

/// `provider.zdr` and `provider.data_collection`, forced under ZDR.
static PROVIDER_ZDR: Forced = Forced {
    object: "provider",
    fields: &[("zdr", "true"), ("data_collection", "\"deny\"")],
    rule: rule(
        "openrouter.provider.zdr",
        "`provider.zdr: true` routes only to endpoints with a ZDR policy, and \
         `provider.data_collection: \"deny\"` only to providers that do not collect user data; \
         with no eligible provider the request fails (so the guard sends both on every request)",
        ZDR,
    ),
};

/// Plugins (web search, file parsing) run on OpenRouter's side outside `provider.zdr`.
static PLUGINS: super::Rule = rule(
    "openrouter.plugins",
    "plugins such as web search are not covered by `provider.zdr` and need separate controls: \
     `plugins`, `web_search_options` and `:online` models are denied under ZDR unless \
     `allow_tools` names the plugin (`web` for web search)",
    BLOG,
);

/// `:online` model variants turn on the web plugin.
static ONLINE: ModelLimit = ModelLimit {
    rule: PLUGINS,
    kind: ModelLimitKind::DenyVariant {
        variants: &[("online", "web")],
    },
    applies: Applies::ZeroDataRetention,
};
static ONLINE_ONLY: &[&ModelLimit] = &[&ONLINE];

/// An inference endpoint: `provider` fields forced, plugins and `:online` models denied.
const fn inference(id: &'static str, summary: &'static str, path: &'static str) -> Endpoint {
    Endpoint::new(
        rule(id, summary, DATA_COLLECTION),
        Methods::POST,
        path,
        EndpointClass::Stateless,
        "what the upstream provider keeps, per `provider.data_collection` and `provider.zdr`",
    )
    // OpenRouter may pass `store` on to an upstream that keeps stored completions (inferred):
    // under ZDR it is written false like everywhere else.
    .store(StoreDefault::DoesNotStore)
    .forced(&PROVIDER_ZDR)
    .plugins(&PLUGINS)
    .models(ONLINE_ONLY)
    .fallback_models()
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
    .store(StoreDefault::DoesNotStore)
    .stateful_params()
    .forced(&PROVIDER_ZDR)
    .plugins(&PLUGINS)
    .models(ONLINE_ONLY)
    .fallback_models()
    .residency(Regions::NONE, Regions::US_EU),
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
