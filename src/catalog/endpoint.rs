//! One catalog entry ([`Endpoint`]) and the values it is made of: methods, regions and residency,
//! model limits, and the fields a ZDR profile forces.

use http::Method;

use super::provider::Region;
use super::{Feature, FieldRule, HeaderTokens, Rule, Tools};

/// A set of HTTP methods an entry covers (`HEAD` counts as `GET`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Methods(pub(super) u8);

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
