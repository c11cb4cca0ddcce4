//! One catalog entry ([`Endpoint`]) and the values it is made of: methods, regions and residency,
//! model limits, and the fields a ZDR profile forces.

use http::Method;

use super::provider::Region;
use super::{BodyRule, ClientEvents, Feature, HeaderTokens, Rule};

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
#[non_exhaustive]
pub struct Residency {
    /// The regions whose projects get the endpoint's data stored at rest in the region.
    pub storage: Regions,
    /// The regions that process the endpoint's requests in the region (what a per-request
    /// residency host needs); a region that processes only some models says so in a
    /// [`processing`](super::Action::Processing) body rule.
    pub processing: Regions,
}

/// A region that processes only the models it lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
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

/// When a rule applies.
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
    /// Whenever the request's residency region is one other than the United States.
    RegionOutsideUs,
    /// When a profile with per-request residency sends the request to this region's host.
    PerRequestRegion(Region),
    /// Always (the rule itself says when it has something to check).
    Always,
}

/// What a rule's [`Applies`] is held against: the profile and the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Conditions {
    /// The profile is `zero_data_retention`.
    pub zdr: bool,
    /// The request's residency region: the profile's, or the regional host's.
    pub region: Option<Region>,
    /// The profile declares per-request residency.
    pub per_request: bool,
    /// The regions the endpoint's residency table processes in.
    pub processing: Regions,
}

impl Conditions {
    /// The conditions of a request under zero data retention (`zdr`) or not, in residency region
    /// `region`, from a profile with per-request residency (`per_request`) or not, to an endpoint
    /// whose residency table processes in `processing`.
    pub fn new(zdr: bool, region: Option<Region>, per_request: bool, processing: Regions) -> Self {
        Self {
            zdr,
            region,
            per_request,
            processing,
        }
    }

    /// The conditions that hold, as a set of [`Applies`] bits: a rule applies when its bits and
    /// these meet. The same as [`Applies::holds`] for every value (a test holds them together).
    pub(crate) fn holding(&self) -> u32 {
        let mut m = Applies::Always.bit();
        if self.zdr {
            m |= Applies::ZeroDataRetention.bit() | Applies::ZdrOrRegion.bit();
        }
        if let Some(r) = self.region {
            m |= Applies::ZdrOrRegion.bit() | Applies::Region.bit();
            if !self.processing.contains(r) {
                m |= Applies::RegionWithoutProcessing.bit();
            }
            if r != Region::Us {
                m |= Applies::RegionOutsideUs.bit();
            }
            if self.per_request {
                m |= Applies::PerRequestRegion(r).bit();
            }
        }
        m
    }
}

impl Applies {
    /// Whether a rule that applies as `self` holds under `c`.
    pub fn holds(self, c: &Conditions) -> bool {
        match self {
            Applies::ZeroDataRetention => c.zdr,
            Applies::ZdrOrRegion => c.zdr || c.region.is_some(),
            Applies::Region => c.region.is_some(),
            Applies::RegionWithoutProcessing => c.region.is_some_and(|r| !c.processing.contains(r)),
            Applies::RegionOutsideUs => c.region.is_some_and(|r| r != Region::Us),
            Applies::PerRequestRegion(r) => c.per_request && c.region == Some(r),
            Applies::Always => true,
        }
    }

    /// The rule's bit in a set of conditions (see [`Conditions::holding`]).
    pub(crate) const fn bit(self) -> u32 {
        match self {
            Applies::ZeroDataRetention => 1,
            Applies::ZdrOrRegion => 1 << 1,
            Applies::Region => 1 << 2,
            Applies::RegionWithoutProcessing => 1 << 3,
            Applies::RegionOutsideUs => 1 << 4,
            Applies::Always => 1 << 5,
            Applies::PerRequestRegion(r) => 1 << (6 + r as u32),
        }
    }

    /// Every value (a region's per-request condition for every region).
    #[cfg(test)]
    pub(crate) fn all() -> impl Iterator<Item = Applies> {
        [
            Applies::ZeroDataRetention,
            Applies::ZdrOrRegion,
            Applies::Region,
            Applies::RegionWithoutProcessing,
            Applies::RegionOutsideUs,
            Applies::Always,
        ]
        .into_iter()
        .chain(Region::ALL.iter().map(|&r| Applies::PerRequestRegion(r)))
    }

    /// Whether the rule applies because of the residency region (not the retention mode).
    pub fn by_region(self) -> bool {
        !matches!(
            self,
            Applies::ZeroDataRetention | Applies::ZdrOrRegion | Applies::Always
        )
    }
}

/// A limit on the models an endpoint may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
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

/// One catalog entry: a path template after the base path, the methods it covers, what the
/// provider does with the data, and the rules its body and headers follow.
#[non_exhaustive]
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
    /// Where residency projects have it stored and processed; `None`: the residency tables do
    /// not list it, so a non-US region makes no in-region promise for it.
    pub residency: Option<Residency>,
    /// Whether it is blocked under modified abuse monitoring as well as zero data retention.
    pub blocked_under_mam: bool,
    /// Whether it is unavailable under zero data retention for every method, reads included
    /// (downloading or forking a stored live session).
    pub zdr_unavailable: bool,
    /// The rules of its body, in groups, applied in order (see [`BodyRule`]).
    pub body: &'static [&'static [BodyRule]],
    /// A request header whose tokens turn on features (`anthropic-beta`).
    pub header_tokens: Option<&'static HeaderTokens>,
    /// Whether its body may be a realtime session: a WebRTC offer (`application/sdp`), or a form
    /// whose `session` part is read as a JSON body.
    pub session: bool,
    /// The client events its socket carries after the handshake, if the catalog lists them.
    pub events: Option<&'static ClientEvents>,
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
            residency: None,
            blocked_under_mam: false,
            zdr_unavailable: false,
            body: &[],
            header_tokens: None,
            session: false,
            events: None,
        }
    }

    /// The rules of its body, in groups applied in order.
    pub(crate) const fn body(mut self, groups: &'static [&'static [BodyRule]]) -> Self {
        self.body = groups;
        self
    }

    pub(crate) const fn header_tokens(mut self, header: &'static HeaderTokens) -> Self {
        self.header_tokens = Some(header);
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

    pub(crate) const fn residency(mut self, storage: Regions, processing: Regions) -> Self {
        self.residency = Some(Residency {
            storage,
            processing,
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

    /// Its body may be a realtime session (an SDP offer, or a form with a `session` part).
    pub(crate) const fn session(mut self) -> Self {
        self.session = true;
        self
    }

    /// Its socket's client events.
    pub(crate) const fn events(mut self, events: &'static ClientEvents) -> Self {
        self.events = Some(events);
        self
    }

    /// Every body rule, in order.
    pub fn body_rules(&self) -> impl Iterator<Item = &'static BodyRule> + Clone {
        self.body.iter().flat_map(|g| g.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Conditions::holding` agrees with `Applies::holds` for every value and condition.
    #[test]
    fn holding_is_holds_as_bits() {
        let regions = std::iter::once(None).chain(Region::ALL.iter().copied().map(Some));
        for zdr in [false, true] {
            for per_request in [false, true] {
                for region in regions.clone() {
                    for processing in [Regions::NONE, Regions::US_EU, Regions::ALL] {
                        let c = Conditions::new(zdr, region, per_request, processing);
                        for a in Applies::all() {
                            assert_eq!(a.holds(&c), c.holding() & a.bit() != 0, "{a:?} {c:?}");
                        }
                    }
                }
            }
        }
    }
}
