//! Provider catalogs: what each endpoint stores, whether it is ZDR eligible, its `store` flag and
//! default, and its model and region limits — as data, each entry citing its source and the date
//! it was read.
//!
//! Paths are matched after the provider's base path (`/v1` for OpenAI, `/openai/v1` for Groq,
//! `/inference/v1` for Fireworks, or the profile's `base_url`). A template segment `{name}` matches
//! one segment and a last segment `**` matches any rest, including nothing; at each segment a
//! literal beats `{name}`, which beats `**`, and an entry must also list the request's method.
//!
//! Every method and path of OpenAI's public OpenAPI spec has an entry (a test holds the catalog
//! to `shared/reference/openai-openapi-paths.txt`). Endpoints the providers' data-control pages
//! do not cover are [`EndpointClass::Undocumented`]: they follow the profile's
//! `on_unknown_endpoint`, like paths with no entry at all.

mod fireworks;
mod groq;
mod openai;

use std::sync::LazyLock;

use http::Method;

use crate::profile::{Provider, Region};

/// Where a rule comes from: a public page and the date it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Source {
    /// The page's URL.
    pub url: &'static str,
    /// The date the page was read for this rule (ISO 8601).
    pub read: &'static str,
}

/// A built-in rule: a stable id, a one-line summary and its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

/// A set of OpenAI residency regions that serve an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Regions(u16);

impl Regions {
    /// Every region.
    pub const ALL: Regions = Regions(u16::MAX);
    /// The United States and Europe only.
    pub const US_EU: Regions = Regions(Region::Us.bit() | Region::Eu.bit());

    /// Whether `region` serves the endpoint.
    pub fn contains(self, region: Region) -> bool {
        self.0 & region.bit() != 0
    }
}

/// How an endpoint treats customer content.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EndpointClass {
    /// Keeps no application state; eligible under zero data retention (the entry's `store`,
    /// `model` and `stateful_params` say with which limits).
    Stateless,
    /// Keeps application state; under zero data retention every request that creates or changes
    /// state is denied, while reading (`GET`) and deleting (`DELETE`) stay allowed.
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

/// A limit on the models an endpoint may use under zero data retention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ModelLimit {
    /// The rule and its source.
    pub rule: Rule,
    /// Which models pass.
    pub kind: ModelLimitKind,
}

/// The kinds of model limits.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModelLimitKind {
    /// Only models whose name starts with `prefix`; an absent model means `default`.
    Prefix {
        /// The required prefix, e.g. `gpt-image-`.
        prefix: &'static str,
        /// The provider's default model when the request names none.
        default: &'static str,
    },
    /// Models whose last path segment starts with one of `families` are denied (Fireworks'
    /// proprietary models, which may log prompts).
    DenyFamilies {
        /// Lower-case name prefixes, e.g. `firefunction`; `f1` matches `f1` and `f1-…`.
        families: &'static [&'static str],
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
    /// Whether `store: true` is refused for residency projects outside the US.
    pub store_us_only: bool,
    /// Its model limit under zero data retention, if any.
    pub model: Option<&'static ModelLimit>,
    /// Whether it accepts parameters that depend on stored state (`previous_response_id`,
    /// `conversation`, `background`, `item_reference` inputs).
    pub stateful_params: bool,
    /// The residency regions that serve it.
    pub regions: Regions,
    /// Whether it is blocked under modified abuse monitoring as well as zero data retention.
    pub blocked_under_mam: bool,
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
            store_us_only: false,
            model: None,
            stateful_params: false,
            regions: Regions::ALL,
            blocked_under_mam: false,
        }
    }

    pub(crate) const fn store(mut self, default: StoreDefault) -> Self {
        self.store = Some(default);
        self
    }

    pub(crate) const fn store_us_only(mut self) -> Self {
        self.store_us_only = true;
        self
    }

    pub(crate) const fn model(mut self, limit: &'static ModelLimit) -> Self {
        self.model = Some(limit);
        self
    }

    pub(crate) const fn stateful_params(mut self) -> Self {
        self.stateful_params = true;
        self
    }

    pub(crate) const fn regions(mut self, regions: Regions) -> Self {
        self.regions = regions;
        self
    }

    pub(crate) const fn blocked_under_mam(mut self) -> Self {
        self.blocked_under_mam = true;
        self
    }
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
    /// Whether the provider has residency hosts `{region}.{host}`.
    regional_hosts: bool,
    base_path: &'static str,
    endpoints: &'static [Endpoint],
    root: Node,
}

#[derive(Debug, Default)]
struct Node {
    literals: Vec<(&'static str, Node)>,
    param: Option<Box<Node>>,
    here: Vec<&'static Endpoint>,
    rest: Vec<&'static Endpoint>,
}

impl Node {
    fn insert(&mut self, template: &'static str, endpoint: &'static Endpoint) {
        let mut node = self;
        let segments = template.strip_prefix('/').unwrap_or(template);
        if segments.is_empty() {
            node.here.push(endpoint);
            return;
        }
        for seg in segments.split('/') {
            if seg == "**" {
                node.rest.push(endpoint);
                return;
            }
            node = if seg.starts_with('{') {
                node.param.get_or_insert_with(Default::default)
            } else {
                let i = match node.literals.iter().position(|(l, _)| *l == seg) {
                    Some(i) => i,
                    None => {
                        node.literals.push((seg, Node::default()));
                        node.literals.len() - 1
                    }
                };
                &mut node.literals[i].1
            };
        }
        node.here.push(endpoint);
    }

    /// The entry for `segments`; `more`: the path goes on past them (only `**` may match it).
    fn find(&self, bit: u8, segments: &[&str], more: bool) -> Option<&'static Endpoint> {
        let pick =
            |list: &[&'static Endpoint]| list.iter().copied().find(|e| e.methods.0 & bit != 0);
        let Some((first, rest)) = segments.split_first() else {
            return if more { None } else { pick(&self.here) }.or_else(|| pick(&self.rest));
        };
        if let Some((_, child)) = self.literals.iter().find(|(l, _)| l == first)
            && let Some(e) = child.find(bit, rest, more)
        {
            return Some(e);
        }
        if let Some(child) = &self.param
            && !first.is_empty()
            && let Some(e) = child.find(bit, rest, more)
        {
            return Some(e);
        }
        pick(&self.rest)
    }
}

impl Catalog {
    fn build(
        provider: Provider,
        host: &'static str,
        regional_hosts: bool,
        base_path: &'static str,
        endpoints: &'static [Endpoint],
    ) -> Self {
        let mut root = Node::default();
        for e in endpoints {
            root.insert(e.path, e);
        }
        Self {
            provider,
            host,
            regional_hosts,
            base_path,
            endpoints,
            root,
        }
    }

    /// The catalog of `provider`.
    pub fn of(provider: Provider) -> &'static Catalog {
        static OPENAI: LazyLock<Catalog> = LazyLock::new(|| {
            Catalog::build(
                Provider::OpenAi,
                "api.openai.com",
                true,
                "/v1",
                openai::ENDPOINTS,
            )
        });
        static GROQ: LazyLock<Catalog> = LazyLock::new(|| {
            Catalog::build(
                Provider::Groq,
                "api.groq.com",
                false,
                "/openai/v1",
                groq::ENDPOINTS,
            )
        });
        static FIREWORKS: LazyLock<Catalog> = LazyLock::new(|| {
            Catalog::build(
                Provider::Fireworks,
                "api.fireworks.ai",
                false,
                "/inference/v1",
                fireworks::ENDPOINTS,
            )
        });
        match provider {
            Provider::OpenAi => &OPENAI,
            Provider::Groq => &GROQ,
            Provider::Fireworks => &FIREWORKS,
        }
    }

    /// The provider this catalog describes.
    pub fn provider(&self) -> Provider {
        self.provider
    }

    /// The provider's global API host, e.g. `api.openai.com`.
    pub fn host(&self) -> &'static str {
        self.host
    }

    /// Which of the provider's hosts `host` is, if any. `host` is compared in canonical form:
    /// case-insensitively and without trailing dots (`API.openai.com.` is the global host).
    pub fn host_kind(&self, host: &str) -> Option<ProviderHost> {
        let host = crate::host::canonical(host);
        if host == self.host || host.eq_ignore_ascii_case(self.host) {
            return Some(ProviderHost::Global);
        }
        if !self.regional_hosts {
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
            Region::ALL
                .into_iter()
                .find(|r| r.as_str().eq_ignore_ascii_case(prefix))
                .map_or(ProviderHost::UnknownRegion, ProviderHost::Regional),
        )
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

/// The date the seed documents and the provider pages cited here were read.
pub(crate) const READ: &str = "2026-11-22";

pub(crate) const fn rule(id: &'static str, summary: &'static str, url: &'static str) -> Rule {
    Rule {
        id,
        summary,
        source: Source { url, read: READ },
    }
}
