//! Provider catalogs: what each endpoint stores, whether it is ZDR eligible, its `store` flag and
//! default, its model limits, hosted-tool rules, and storage and processing regions — as data,
//! each rule citing its source page and the date of the copy read (`CATALOG.md` lists them and
//! says how to update them).
//!
//! Paths are matched after the provider's base path (`/v1` for OpenAI, `/openai/v1` for Groq,
//! `/inference/v1` for Fireworks, or the profile's `base_url`). A template segment `{name}` matches
//! one segment and a last segment `**` matches any rest, including nothing; at each segment a
//! literal beats `{name}`, which beats `**`, and an entry must also list the request's method.
//!
//! Every method and path of OpenAI's public OpenAPI spec has an entry (a test holds the catalog
//! to `tests/data/openai-openapi-paths-2026-09.txt`). Endpoints the providers' data-control pages
//! do not cover are [`EndpointClass::Undocumented`]: they follow the profile's
//! `on_unknown_endpoint`, like paths with no entry at all.

mod anthropic;
mod azure_openai;
mod features;
mod fireworks;
mod gemini;
mod groq;
mod index;
mod mistral;
mod openai;
mod openrouter;
mod together;
mod xai;

use std::sync::LazyLock;

use http::Method;

use index::Node;

use crate::profile::{Provider, Region};

pub use features::{
    Feature, FieldAction, FieldRule, HeaderTokens, ToolRule, ToolUse, Tools, Unless,
};

/// Something the guard cannot enforce, as `check` lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotEnforced {
    /// The provider it concerns, or `None` for every provider.
    pub provider: Option<Provider>,
    /// What, in a sentence.
    pub what: &'static str,
}

const fn every(what: &'static str) -> NotEnforced {
    NotEnforced {
        provider: None,
        what,
    }
}

/// What the guard cannot enforce, whatever the profile (README's "What the guard does not do"
/// says more).
pub const NOT_ENFORCED: &[NotEnforced] = &[
    every(
        "Traffic that is not HTTP through the guarded client: realtime and live-session WebSocket or \
     WebRTC messages (`session.update` can add tools, tracing or `store`), and requests sent by \
     another client.",
    ),
    every(
        "Settings no request shows: the account's or project's retention mode on the provider's side \
     (`verify` checks it where an API reports it) and the `confirm` assumptions.",
    ),
    every(
        "Structured-output schemas, which providers may keep as system data outside residency \
         and ZDR.",
    ),
    every(
        "Prompt caching the request does not ask for: key/value caches kept in memory or GPU-local \
         storage up to 24 hours as the provider's default (OpenAI's gpt-5.5 and later models \
         accept only `24h`; organisations without ZDR default to it), and Gemini's implicit \
         in-memory cache.",
    ),
    every(
        "Content inside messages: images flagged by CSAM classifiers, image inputs outside the US, \
         references to files already stored (`file_id` sources), URLs the provider fetches, and \
         model snapshots against the residency tables (except the UAE's per-request list).",
    ),
    every(
        "Third parties reached through allowed tools, plugins and routers (web search sites, MCP \
         servers, FireRouter upstreams), which keep data under their own policies.",
    ),
    every(
        "Headers a reqwest `Client` adds after the middleware ran (`default_headers`, such as an \
         `anthropic-beta` set on the client): set feature headers per request, where the guard \
         reads them.",
    ),
    every(
        "A provider that keeps state although the request says `store: false` (a server resolving \
         `previous_response_id` across connections, say): only `verify` can probe it.",
    ),
    NotEnforced {
        provider: Some(Provider::OpenRouter),
        what: "OpenRouter presets (`@preset/…`, `/presets/{slug}/…`) that turn on response \
               caching or plugins, and broadcast destinations that receive `trace`: account \
               settings no request shows.",
    },
    NotEnforced {
        provider: Some(Provider::Mistral),
        what: "Mistral's Labs and Public Preview models, which ZDR does not cover: their ids are \
               not published as a list.",
    },
    NotEnforced {
        provider: Some(Provider::AzureOpenAi),
        what: "Azure OpenAI batch input lines are not read: creating a batch is denied under ZDR \
               and with a region instead.",
    },
];

/// Where a rule comes from: a public page and the date it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Source {
    /// The page's URL.
    pub url: &'static str,
    /// The date of the copy of the page read for this rule (ISO 8601: a day, or a month when the
    /// copy is undated).
    pub read: &'static str,
}

/// A built-in rule: a stable id, a one-line summary and its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Rule {
    /// Stable identifier, e.g. `openai.assistants`.
    pub id: &'static str,
    /// What the rule says, in a line.
    pub summary: &'static str,
    /// Where it comes from.
    pub source: Source,
}

/// A set of HTTP methods an entry covers (`HEAD` counts as `GET`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Methods(u8);

impl Methods {
    /// `GET` (and `HEAD`).
    pub const GET: Methods = Methods(1);
    /// `POST`.
    pub const POST: Methods = Methods(2);
    /// `DELETE`.
    pub const DELETE: Methods = Methods(4);
    /// `GET` and `POST`.
    pub const GET_POST: Methods = Methods(3);
    /// `GET` and `DELETE`.
    pub const GET_DELETE: Methods = Methods(5);
    /// `GET`, `POST` and `DELETE`.
    pub const ANY: Methods = Methods(7);

    /// The bit of one method, or `None` for methods no catalog lists (`PUT`, `PATCH`, …).
    pub(crate) fn bit(method: &Method) -> Option<u8> {
        match *method {
            Method::GET | Method::HEAD => Some(1),
            Method::POST => Some(2),
            Method::DELETE => Some(4),
            _ => None,
        }
    }

    /// Whether `method` is in the set.
    pub fn contains(self, method: &Method) -> bool {
        Self::bit(method).is_some_and(|b| self.0 & b != 0)
    }

    /// The method names in the set, e.g. `["GET", "POST"]`.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        [("GET", 1), ("POST", 2), ("DELETE", 4)]
            .into_iter()
            .filter(move |(_, b)| self.0 & b != 0)
            .map(|(n, _)| n)
    }
}

/// A set of residency regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Regions(u16);

impl Regions {
    /// Every region.
    pub const ALL: Regions = Regions(u16::MAX);
    /// The United States and Europe only.
    pub const US_EU: Regions = Regions(Region::Us.bit() | Region::Eu.bit());
    /// The United States, Europe and the United Arab Emirates (for some models).
    pub const US_EU_AE: Regions = Regions(Region::Us.bit() | Region::Eu.bit() | Region::Ae.bit());
    /// No region.
    pub const NONE: Regions = Regions(0);
    /// The United States and Canada.
    pub const US_CA: Regions = Regions(Region::Us.bit() | Region::Ca.bit());

    /// Whether `region` is in the set.
    pub fn contains(self, region: Region) -> bool {
        self.0 & region.bit() != 0
    }
}

/// Where an endpoint keeps and processes customer content for residency projects, per the
/// provider's residency table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Residency {
    /// The regions whose projects get the endpoint's data stored at rest in the region.
    pub storage: Regions,
    /// The regions that process the endpoint's requests in the region (what a per-request
    /// residency host needs).
    pub processing: Regions,
    /// Regions that process only some models (the UAE): the region and its models.
    pub processing_models: Option<&'static ProcessingModels>,
}

/// A region that processes only the models it lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProcessingModels {
    /// The rule and its source.
    pub rule: Rule,
    /// The region.
    pub region: Region,
    /// The models it processes, exactly.
    pub models: &'static [&'static str],
}

/// How an endpoint treats customer content.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EndpointClass {
    /// Keeps no application state; eligible under zero data retention (the entry's `store`,
    /// `models`, `tools` and `stateful_params` say with which limits).
    Stateless,
    /// Keeps application state; under zero data retention every request that creates or changes
    /// state is denied, while reading (`GET`) and deleting (`DELETE`) stay allowed (reads too are
    /// denied when the entry's `zdr_unavailable` is set).
    Stateful,
    /// Account administration or model metadata: carries no customer content; always allowed.
    Administration,
    /// Listed by the provider's API, but its retention is not documented on the data-control
    /// pages: follows the profile's `on_unknown_endpoint`.
    Undocumented,
}

/// What the provider does when a request omits its `store` flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StoreDefault {
    /// It stores (OpenAI and Fireworks `/responses`).
    Stores,
    /// The documentation is contradictory or account-dependent (OpenAI chat completions).
    Unclear,
    /// It does not store.
    DoesNotStore,
}

/// When a model limit applies.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Applies {
    /// Under zero data retention.
    ZeroDataRetention,
    /// Under zero data retention, and whenever the profile has a residency `region`.
    ZdrOrRegion,
    /// Whenever the profile has a residency `region`.
    Region,
    /// Whenever the profile's residency `region` is one the endpoint's residency table does not
    /// process in (storage-only regions, or endpoints the tables do not list).
    RegionWithoutProcessing,
}

impl Applies {
    /// Whether a rule that applies as `self` holds for a request under zero data retention
    /// (`zdr`) with residency region `region`, to an endpoint whose residency table processes in
    /// `processing`.
    pub fn holds(self, zdr: bool, region: Option<Region>, processing: Regions) -> bool {
        match self {
            Applies::ZeroDataRetention => zdr,
            Applies::ZdrOrRegion => zdr || region.is_some(),
            Applies::Region => region.is_some(),
            Applies::RegionWithoutProcessing => region.is_some_and(|r| !processing.contains(r)),
        }
    }
}

/// A limit on the models an endpoint may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ModelLimit {
    /// The rule and its source.
    pub rule: Rule,
    /// Which models pass.
    pub kind: ModelLimitKind,
    /// When the limit applies.
    pub applies: Applies,
}

/// The kinds of model limits. Model ids are compared as the provider reads them: exactly for
/// lists, and on the part before a Fireworks `#deployment` suffix, ASCII case-insensitively, for
/// the name rules.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModelLimitKind {
    /// Only the listed models pass; an absent model means `default` (`None`: the provider
    /// documents no current default, so an absent model is denied).
    Listed {
        /// The eligible model ids, exactly.
        models: &'static [&'static str],
        /// The provider's default model when the request names none.
        default: Option<&'static str>,
    },
    /// Models whose last path segment starts with one of `families` are denied.
    DenyFamilies {
        /// Lower-case name prefixes, e.g. `firefunction`; `f1` matches `f1` and `f1-…`.
        families: &'static [&'static str],
    },
    /// Models with a path segment starting with `segment` are denied (`firerouter`,
    /// `firerouter/opus`, `accounts/fireworks/routers/firerouter/…`, `firerouter:opus`).
    DenySegment {
        /// The segment, lower case.
        segment: &'static str,
    },
    /// Only deployments the profile's `deployments` declare with a type that processes in the
    /// profile's region pass: a classic path's `{deployment}` (the body's `model` is ignored
    /// there, as Azure ignores it), else every `model` (the v1 surface names the deployment
    /// there). An absent deployment is denied.
    Declared,
    /// Models with one of the `:variant` suffixes are denied (OpenRouter's `:online`, which turns
    /// on its web-search plugin), unless the profile's `allow_tools` names the tool the variant
    /// turns on.
    DenyVariant {
        /// Each variant, lower case and without the `:`, and the feature it turns on.
        variants: &'static [(&'static str, Feature)],
    },
    /// Only models whose name ends with `suffix` pass (`…-us` for US-only serving); an absent
    /// model, or one naming a `#deployment` (served wherever it runs), is denied.
    Suffix {
        /// The required suffix, lower case.
        suffix: &'static str,
    },
}

/// One catalog entry: a path template after the base path, the methods it covers and what the
/// provider does with the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Endpoint {
    /// The rule this entry is, with its id and source.
    pub rule: Rule,
    /// The methods the entry covers.
    pub methods: Methods,
    /// The path template after the base path, e.g. `/threads/{thread_id}/runs`.
    pub path: &'static str,
    /// How the endpoint treats customer content.
    pub class: EndpointClass,
    /// What it stores and for how long, in the provider's words.
    pub stores: &'static str,
    /// Its `store` flag and the provider's default, if it has one.
    pub store: Option<StoreDefault>,
    /// The rule refusing `store: true` for residency projects outside the US, if the endpoint has
    /// one.
    pub store_us_only: Option<&'static Rule>,
    /// Its model limits.
    pub models: &'static [&'static ModelLimit],
    /// Whether it accepts parameters that depend on stored state (`previous_response_id`,
    /// `conversation`, `background`, `item_reference` inputs).
    pub stateful_params: bool,
    /// Where residency projects have it stored and processed; `None`: the residency tables do
    /// not list it, so a non-US region makes no in-region promise for it.
    pub residency: Option<Residency>,
    /// Whether it is blocked under modified abuse monitoring as well as zero data retention.
    pub blocked_under_mam: bool,
    /// Whether it is unavailable under zero data retention for every method, reads included
    /// (downloading or forking a stored live session).
    pub zdr_unavailable: bool,
    /// The rules for the tools its body's `tools` may name (and a `session`'s `tools`).
    pub tools: Option<&'static Tools>,
    /// The fields of its body that keep data, run with state or reach a third party, each with
    /// its decision.
    pub fields: &'static [FieldRule],
    /// A request header whose tokens turn on features (`anthropic-beta`).
    pub header_tokens: Option<&'static HeaderTokens>,
    /// Whether its body's `session` object carries the session's `store`, `model`, `tools` and
    /// `tracing` (realtime and live session bodies); they are read there as at the top level.
    pub session: bool,
    /// The rule that denies `tracing` under a non-US region, if its body may carry `tracing`.
    pub tracing: Option<&'static Rule>,
    /// Whether, and how, an upload with `purpose` `batch` carries a batch input file, whose lines
    /// are requests the provider runs later.
    pub batch_input: Option<BatchInput>,
    /// Nested fields a `zero_data_retention` profile forces in every body (OpenRouter's
    /// `provider.zdr`).
    pub forced: Option<&'static Forced>,
    /// The rules for the server-side plugins its body's `plugins` may name, by `id`
    /// (OpenRouter's).
    pub plugins: Option<&'static Tools>,
    /// Whether a `models` array of fallback models is read as model names too (OpenRouter).
    pub fallback_models: bool,
}

/// Fields of one object in the body that a `zero_data_retention` profile forces to a value:
/// added when absent (the object too), rewritten when they ask for less, or — with
/// `on_store = "reject"` — denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Forced {
    /// The top-level object, e.g. `provider`.
    pub object: &'static str,
    /// Each key and the JSON text of the value it must have, e.g. `("zdr", "true")`.
    pub fields: &'static [(&'static str, &'static str)],
    /// The rule and its source.
    pub rule: Rule,
}

/// How an upload endpoint carries a batch input file.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BatchInput {
    /// The whole file, in the form's `file` part: every line is evaluated.
    File,
    /// In parts sent later (an upload session): the lines cannot be read, so a batch upload is
    /// denied unless allowed.
    Parts,
}

impl Endpoint {
    pub(crate) const fn new(
        rule: Rule,
        methods: Methods,
        path: &'static str,
        class: EndpointClass,
        stores: &'static str,
    ) -> Self {
        Self {
            rule,
            methods,
            path,
            class,
            stores,
            store: None,
            store_us_only: None,
            models: &[],
            stateful_params: false,
            residency: None,
            blocked_under_mam: false,
            zdr_unavailable: false,
            tools: None,
            fields: &[],
            header_tokens: None,
            session: false,
            tracing: None,
            batch_input: None,
            forced: None,
            plugins: None,
            fallback_models: false,
        }
    }

    pub(crate) const fn forced(mut self, forced: &'static Forced) -> Self {
        self.forced = Some(forced);
        self
    }

    pub(crate) const fn plugins(mut self, plugins: &'static Tools) -> Self {
        self.plugins = Some(plugins);
        self
    }

    pub(crate) const fn fields(mut self, fields: &'static [FieldRule]) -> Self {
        self.fields = fields;
        self
    }

    pub(crate) const fn header_tokens(mut self, header: &'static HeaderTokens) -> Self {
        self.header_tokens = Some(header);
        self
    }

    pub(crate) const fn fallback_models(mut self) -> Self {
        self.fallback_models = true;
        self
    }

    /// An entry that keeps application state, for every method.
    pub(crate) const fn kept(rule: Rule, path: &'static str, stores: &'static str) -> Self {
        Self::new(rule, Methods::ANY, path, EndpointClass::Stateful, stores)
    }

    /// Model metadata: administration, no customer content.
    pub(crate) const fn metadata(rule: Rule, methods: Methods, path: &'static str) -> Self {
        Self::new(
            rule,
            methods,
            path,
            EndpointClass::Administration,
            "no customer content",
        )
    }

    pub(crate) const fn store(mut self, default: StoreDefault) -> Self {
        self.store = Some(default);
        self
    }

    pub(crate) const fn store_us_only(mut self, rule: &'static Rule) -> Self {
        self.store_us_only = Some(rule);
        self
    }

    pub(crate) const fn models(mut self, limits: &'static [&'static ModelLimit]) -> Self {
        self.models = limits;
        self
    }

    pub(crate) const fn stateful_params(mut self) -> Self {
        self.stateful_params = true;
        self
    }

    pub(crate) const fn residency(mut self, storage: Regions, processing: Regions) -> Self {
        self.residency = Some(Residency {
            storage,
            processing,
            processing_models: None,
        });
        self
    }

    pub(crate) const fn residency_models(
        mut self,
        storage: Regions,
        processing: Regions,
        models: &'static ProcessingModels,
    ) -> Self {
        self.residency = Some(Residency {
            storage,
            processing,
            processing_models: Some(models),
        });
        self
    }

    pub(crate) const fn blocked_under_mam(mut self) -> Self {
        self.blocked_under_mam = true;
        self
    }

    pub(crate) const fn zdr_unavailable(mut self) -> Self {
        self.zdr_unavailable = true;
        self
    }

    pub(crate) const fn tools(mut self, tools: &'static Tools) -> Self {
        self.tools = Some(tools);
        self
    }

    pub(crate) const fn session(mut self) -> Self {
        self.session = true;
        self
    }

    pub(crate) const fn tracing(mut self, rule: &'static Rule) -> Self {
        self.tracing = Some(rule);
        self
    }

    pub(crate) const fn batch_input(mut self, how: BatchInput) -> Self {
        self.batch_input = Some(how);
        self
    }
}

/// The rules that hold for a whole provider, which the engine cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CatalogRules {
    /// With a residency region, requests go to the region's host.
    pub residency_hosts: Rule,
    /// Endpoints the residency tables do not list make no in-region promise.
    pub residency_unlisted: Rule,
    /// `background` responses keep data on disk.
    pub background: Rule,
    /// The response header by which the provider attests zero data retention, if it has one.
    pub attestation: Option<Attestation>,
    /// Other names of the global host (`api.together.xyz` beside `api.together.ai`).
    pub other_global_hosts: &'static [&'static str],
    /// Whether the provider's regions promise where requests are *processed* only (Together,
    /// Mistral's regional inference): a region profile then needs endpoints the region processes,
    /// and the guard promises nothing about storage.
    pub regions_process_only: bool,
    /// Other spellings of the base path, tried in order after it (Azure's classic
    /// `/openai/deployments/{deployment}` and `/openai` beside `/openai/v1`); a `{deployment}`
    /// segment names the deployment that serves the request.
    pub base_aliases: &'static [&'static str],
    /// Residency by deployment (Azure): the host is the customer's resource, in the geography
    /// the profile's `region` names, and each deployment's type decides where requests are
    /// processed, which the request does not show, so the profile declares it (`deployments`).
    pub deployments: Option<Rule>,
    /// The domains under which each customer has its own resource host (`.openai.azure.com`):
    /// the provider has no fixed host, so a profile needs `base_url`, and another resource's
    /// host is another host.
    pub resource_domains: &'static [&'static str],
    /// Account or contract settings no request shows that a `zero_data_retention` profile (and,
    /// where the confirmation says, a `modified_abuse_monitoring` one) must confirm (profile key `confirm`), e.g. Together's prompt storage turned off.
    pub zdr_requires: &'static [Confirmation],
}

/// A setting the guard cannot see, which a profile confirms by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Confirmation {
    /// The name a profile's `confirm` lists, e.g. `together.prompt_storage_disabled`.
    pub name: &'static str,
    /// What to check, and where.
    pub what: &'static str,
    /// Whether a `modified_abuse_monitoring` profile needs it too.
    pub also_mam: bool,
    /// The rule and its source.
    pub rule: Rule,
}

/// A response header by which a provider attests zero data retention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Attestation {
    /// The header, lower case, e.g. `x-zero-data-retention`.
    pub header: &'static str,
    /// The value that attests ZDR, e.g. `true`.
    pub zdr_value: &'static str,
    /// The rule and its source.
    pub rule: Rule,
}

/// Which of a provider's hosts a (canonical) host name is.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProviderHost {
    /// The provider's global API host, e.g. `api.openai.com`.
    Global,
    /// A residency region's host, e.g. `eu.api.openai.com`.
    Regional(Region),
    /// A host of the regional form (`xx.api.openai.com`) whose region the guard does not know.
    UnknownRegion,
}

/// A provider's catalog: its hosts, base path and endpoints, indexed for lookup.
#[derive(Debug)]
pub struct Catalog {
    provider: Provider,
    host: &'static str,
    /// The provider's residency hosts; when they are all `{region}.{host}`, other `{x}.{host}`
    /// hosts are regional hosts of unknown regions.
    regions: &'static [(Region, &'static str)],
    base_path: &'static str,
    endpoints: &'static [Endpoint],
    rules: &'static CatalogRules,
    root: Node,
}

impl Catalog {
    fn build(
        provider: Provider,
        host: &'static str,
        regions: &'static [(Region, &'static str)],
        base_path: &'static str,
        endpoints: &'static [Endpoint],
        rules: &'static CatalogRules,
    ) -> Self {
        let mut root = Node::default();
        for e in endpoints {
            root.insert(e.path, e);
        }
        Self {
            provider,
            host,
            regions,
            base_path,
            endpoints,
            rules,
            root,
        }
    }

    /// The catalog of `provider`.
    pub fn of(provider: Provider) -> &'static Catalog {
        static OPENAI: LazyLock<Catalog> = LazyLock::new(|| {
            Catalog::build(
                Provider::OpenAi,
                "api.openai.com",
                openai::REGION_HOSTS,
                "/v1",
                openai::ENDPOINTS,
                &openai::RULES,
            )
        });
        static GROQ: LazyLock<Catalog> = LazyLock::new(|| {
            Catalog::build(
                Provider::Groq,
                "api.groq.com",
                &[],
                "/openai/v1",
                groq::ENDPOINTS,
                &groq::RULES,
            )
        });
        static FIREWORKS: LazyLock<Catalog> = LazyLock::new(|| {
            Catalog::build(
                Provider::Fireworks,
                "api.fireworks.ai",
                fireworks::REGION_HOSTS,
                "/inference/v1",
                fireworks::ENDPOINTS,
                &fireworks::RULES,
            )
        });
        static XAI: LazyLock<Catalog> = LazyLock::new(|| {
            Catalog::build(
                Provider::Xai,
                "api.x.ai",
                xai::REGION_HOSTS,
                "/v1",
                xai::ENDPOINTS,
                &xai::RULES,
            )
        });
        static MISTRAL: LazyLock<Catalog> = LazyLock::new(|| {
            Catalog::build(
                Provider::Mistral,
                "api.mistral.ai",
                mistral::REGION_HOSTS,
                "/v1",
                mistral::ENDPOINTS,
                &mistral::RULES,
            )
        });
        static TOGETHER: LazyLock<Catalog> = LazyLock::new(|| {
            Catalog::build(
                Provider::Together,
                "api.together.ai",
                together::REGION_HOSTS,
                "/v1",
                together::ENDPOINTS,
                &together::RULES,
            )
        });
        static ANTHROPIC: LazyLock<Catalog> = LazyLock::new(|| {
            Catalog::build(
                Provider::Anthropic,
                "api.anthropic.com",
                &[],
                "/v1",
                anthropic::ENDPOINTS,
                &anthropic::RULES,
            )
        });
        static GEMINI: LazyLock<Catalog> = LazyLock::new(|| {
            Catalog::build(
                Provider::Gemini,
                "generativelanguage.googleapis.com",
                &[],
                "/v1beta/openai",
                gemini::ENDPOINTS,
                &gemini::RULES,
            )
        });
        static AZURE_OPENAI: LazyLock<Catalog> = LazyLock::new(|| {
            Catalog::build(
                Provider::AzureOpenAi,
                "",
                &[],
                "/openai/v1",
                azure_openai::ENDPOINTS,
                &azure_openai::RULES,
            )
        });
        static OPENROUTER: LazyLock<Catalog> = LazyLock::new(|| {
            Catalog::build(
                Provider::OpenRouter,
                "openrouter.ai",
                openrouter::REGION_HOSTS,
                "/api/v1",
                openrouter::ENDPOINTS,
                &openrouter::RULES,
            )
        });
        match provider {
            Provider::OpenAi => &OPENAI,
            Provider::OpenRouter => &OPENROUTER,
            Provider::AzureOpenAi => &AZURE_OPENAI,
            Provider::Groq => &GROQ,
            Provider::Fireworks => &FIREWORKS,
            Provider::Xai => &XAI,
            Provider::Mistral => &MISTRAL,
            Provider::Together => &TOGETHER,
            Provider::Anthropic => &ANTHROPIC,
            Provider::Gemini => &GEMINI,
        }
    }

    /// The provider this catalog describes.
    pub fn provider(&self) -> Provider {
        self.provider
    }

    /// The provider's global API host, e.g. `api.openai.com`; empty for providers whose hosts are
    /// per customer resource (Azure OpenAI: the profile's `base_url` names it).
    pub fn host(&self) -> &'static str {
        self.host
    }

    /// Whether `host` is a customer resource host under one of the provider's resource domains
    /// (`myres.openai.azure.com`), in canonical form.
    pub fn is_resource_host(&self, host: &str) -> bool {
        let host = crate::host::canonical(host);
        self.rules.resource_domains.iter().any(|d| {
            host.len() > d.len() + 1
                && host.as_bytes()[host.len() - d.len() - 1] == b'.'
                && host[host.len() - d.len()..].eq_ignore_ascii_case(d)
        })
    }

    /// Which of the provider's hosts `host` is, if any. `host` is compared in canonical form:
    /// case-insensitively and without trailing dots (`API.openai.com.` is the global host).
    pub fn host_kind(&self, host: &str) -> Option<ProviderHost> {
        let host = crate::host::canonical(host);
        if self.host.is_empty() {
            return None;
        }
        if host == self.host
            || host.eq_ignore_ascii_case(self.host)
            || self
                .rules
                .other_global_hosts
                .iter()
                .any(|h| host.eq_ignore_ascii_case(h))
        {
            return Some(ProviderHost::Global);
        }
        if let Some(&(r, _)) = self
            .regions
            .iter()
            .find(|(_, h)| host.eq_ignore_ascii_case(h))
        {
            return Some(ProviderHost::Regional(r));
        }
        // Regional hosts of the form `{region}.{host}`: any other `{x}.{host}` is a region the
        // guard does not know. Providers whose regional hosts have another form (`api.eu.…`,
        // `us-api.…`) list theirs exactly.
        let prefixed = |(r, h): &(Region, &str)| {
            h.strip_suffix(self.host)
                .and_then(|p| p.strip_suffix('.'))
                .is_some_and(|p| p == r.as_str())
        };
        if self.regions.is_empty() || !self.regions.iter().all(prefixed) {
            return None;
        }
        // `{prefix}.{host}`, with any non-empty prefix (deeper subdomains included).
        let cut = host.len().checked_sub(self.host.len() + 1)?;
        // An ASCII `.` at `cut` makes both slices fall on character boundaries.
        if cut == 0
            || host.as_bytes()[cut] != b'.'
            || !host[cut + 1..].eq_ignore_ascii_case(self.host)
        {
            return None;
        }
        let prefix = &host[..cut];
        Some(
            self.regions
                .iter()
                .find(|(r, _)| r.as_str().eq_ignore_ascii_case(prefix))
                .map_or(ProviderHost::UnknownRegion, |&(r, _)| {
                    ProviderHost::Regional(r)
                }),
        )
    }

    /// The rules that hold for the whole provider.
    pub fn rules(&self) -> &'static CatalogRules {
        self.rules
    }

    /// The residency regions the provider has hosts for, with each host.
    pub fn regions(&self) -> &'static [(Region, &'static str)] {
        self.regions
    }

    /// Whether some endpoint is processed in `region` (what per-request residency needs).
    pub fn processes_in(&self, region: Region) -> bool {
        self.endpoints
            .iter()
            .any(|e| e.residency.is_some_and(|r| r.processing.contains(region)))
    }

    /// The host of residency region `region`, if the provider has one.
    pub fn region_host(&self, region: Region) -> Option<&'static str> {
        self.regions
            .iter()
            .find(|(r, _)| *r == region)
            .map(|&(_, h)| h)
    }

    /// The provider's base path, e.g. `/v1`.
    pub fn base_path(&self) -> &'static str {
        self.base_path
    }

    /// Every entry, in catalog order.
    pub fn endpoints(&self) -> &'static [Endpoint] {
        self.endpoints
    }

    /// The entry for `method` on `path` (after the base path, starting with `/`), if any.
    ///
    /// The path must already be canonical (see the policy's rule 4); this function only matches
    /// segments.
    pub fn lookup(&self, method: &Method, path: &str) -> Option<&'static Endpoint> {
        let bit = Methods::bit(method)?;
        let rest = path.strip_prefix('/')?;
        let mut buf: [&str; 16] = [""; 16];
        let mut n = 0;
        if !rest.is_empty() {
            for seg in rest.split('/') {
                if n == buf.len() {
                    // A longer path: only a `**` entry within the first segments matches it.
                    return self.root.find(bit, &buf, true);
                }
                buf[n] = seg;
                n += 1;
            }
        }
        self.root.find(bit, &buf[..n], false)
    }
}

/// The date the seed documents (`shared/seeds/`) were read for the rules that still rest on them.
pub(crate) const SEEDS_READ: &str = "2026-11-22";

/// A source page and the date of the copy read for a rule: a day (`2026-07-15`), or a month
/// (`2026-10`) when the copy is undated and only its month is known.
pub(crate) const fn source(url: &'static str, read: &'static str) -> Source {
    Source { url, read }
}

pub(crate) const fn rule(id: &'static str, summary: &'static str, source: Source) -> Rule {
    Rule {
        id,
        summary,
        source,
    }
}
