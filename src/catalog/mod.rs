//! Provider catalogs: what each endpoint stores, whether it is ZDR eligible, its `store` flag and
//! default, its model limits, hosted-tool rules, and storage and processing regions — as data,
//! each rule citing its source page and the date of the copy read (`CATALOG.md` lists them and
//! says how to update them).
//!
//! A provider is one file that declares one spec: its hosts, base paths and regions, the
//! [`Capabilities`] profile validation asks (the headers it reads, an account key, per-request
//! residency, what a region needs, the settings a profile confirms), its endpoints with their
//! [`BodyRule`]s, what the guard cannot enforce for it and how `verify` checks it. The registry
//! (`registry!` below) lists the files; the engine reads only these values and names no provider.
//! The vocabulary the files use is in `body.rs` (body rules by path), `events.rs` (a socket's
//! client events), `features.rs` (tool tables,
//! header tokens, the `allow_tools` words), `endpoint.rs` (entries, methods, regions, model
//! limits) and `spec.rs` (the provider-wide values).
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

pub(crate) mod body;
mod endpoint;
mod events;
mod features;
mod index;
pub(crate) mod paths;
mod provider;
mod spec;

use std::sync::LazyLock;

use http::Method;

use index::Node;
use spec::Spec;

pub use body::{Action, BodyRule, Denial, Paths};
pub use endpoint::{
    Applies, BatchInput, Conditions, Endpoint, EndpointClass, Methods, ModelLimit, ModelLimitKind,
    ProcessingModels, Regions, Residency, StoreDefault,
};
pub use events::{BinaryFrames, ClientEvent, ClientEvents};
pub use features::{Feature, HeaderTokens, ToolRule, ToolUse, Tools, Unless};
pub use provider::{Provider, Region};
pub use spec::{
    Attestation, Capabilities, CatalogRules, Confirmation, HeaderKey, NOT_ENFORCED, ProfileHeader,
    Verification,
};

/// Declares each provider's catalog module and the registry of their specs, in
/// [`Provider::ALL`]'s order (a test holds the two lists together).
macro_rules! registry {
    ($($provider:ident),+ $(,)?) => {
        $(mod $provider;)+

        /// The registry: every provider's catalog file, in [`Provider::ALL`]'s order.
        static SPECS: &[&Spec] = &[$(&$provider::SPEC),+];
    };
}

// Adding a provider is one word here (and its file, and its variant in `provider.rs`).
registry!(
    openai,
    groq,
    fireworks,
    xai,
    mistral,
    together,
    azure_openai,
    openrouter,
    anthropic,
    gemini,
);

/// Where a rule comes from: a public page and the date it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[non_exhaustive]
pub struct Source {
    /// The page's URL.
    pub url: &'static str,
    /// The day the copy of the page was read for this rule (ISO 8601, `YYYY-MM-DD`): the copy's
    /// date in the reference documents, or the day the project first cited it. Three undated
    /// editions of OpenAI's data-controls and data-residency pages, read before the project's
    /// history begins, keep the month of their edition (`YYYY-MM`).
    pub read: &'static str,
    /// Why a source that is not the provider's own page or repository is cited (a third-party
    /// copy of the provider's spec, say, where the provider's own stops short); `None` for the
    /// provider's own. `check` and CATALOG.md mark such a source as secondary.
    pub secondary: Option<&'static str>,
}

/// A built-in rule: a stable id, a one-line summary and its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[non_exhaustive]
pub struct Rule {
    /// Stable identifier, e.g. `openai.assistants`.
    pub id: &'static str,
    /// What the rule says, in a line.
    pub summary: &'static str,
    /// Where it comes from.
    pub source: Source,
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
    spec: &'static Spec,
    root: Node,
    /// Each endpoint's body rules and paths, in endpoint order.
    bodies: Vec<paths::BodyIndex>,
}

impl Catalog {
    fn build(spec: &'static Spec) -> Self {
        let mut root = Node::default();
        for e in spec.endpoints {
            root.insert(e.path, e);
        }
        let bodies = spec.endpoints.iter().map(paths::BodyIndex::of).collect();
        Self { spec, root, bodies }
    }

    /// The body index of `e`, an entry of this catalog (`None` for another catalog's).
    pub(crate) fn body_index(&self, e: &'static Endpoint) -> Option<&paths::BodyIndex> {
        let base = self.spec.endpoints.as_ptr() as usize;
        let i = (e as *const Endpoint as usize).wrapping_sub(base) / size_of::<Endpoint>();
        self.spec
            .endpoints
            .get(i)
            .filter(|x| std::ptr::eq(*x, e))
            .and_then(|_| self.bodies.get(i))
    }

    /// The catalog of `provider`.
    pub fn of(provider: Provider) -> &'static Catalog {
        static CATALOGS: LazyLock<Vec<Catalog>> =
            LazyLock::new(|| SPECS.iter().copied().map(Catalog::build).collect());
        let catalog = &CATALOGS[provider as usize];
        debug_assert_eq!(catalog.spec.provider, provider);
        catalog
    }

    /// Every provider's catalog, in [`Provider::ALL`]'s order.
    pub fn all() -> impl Iterator<Item = &'static Catalog> {
        Provider::ALL.iter().map(|&p| Catalog::of(p))
    }

    /// The provider this catalog describes.
    pub fn provider(&self) -> Provider {
        self.spec.provider
    }

    /// The provider's global API host, e.g. `api.openai.com`; empty for providers whose hosts are
    /// per customer resource (Azure OpenAI: the profile's `base_url` names it).
    pub fn host(&self) -> &'static str {
        self.spec.host
    }

    /// Other names of the global host (`api.together.xyz` beside `api.together.ai`).
    pub fn other_global_hosts(&self) -> &'static [&'static str] {
        self.spec.other_global_hosts
    }

    /// The domains under which each customer has its own resource host (`openai.azure.com`):
    /// the provider has no fixed host, so a profile needs `base_url`, and another resource's
    /// host is another host.
    pub fn resource_domains(&self) -> &'static [&'static str] {
        self.spec.resource_domains
    }

    /// Whether `host` is a customer resource host under one of the provider's resource domains
    /// (`myres.openai.azure.com`), in canonical form.
    pub fn is_resource_host(&self, host: &str) -> bool {
        let host = crate::host::canonical(host);
        self.spec.resource_domains.iter().any(|d| {
            host.len() > d.len() + 1
                && host.as_bytes()[host.len() - d.len() - 1] == b'.'
                && host[host.len() - d.len()..].eq_ignore_ascii_case(d)
        })
    }

    /// The catalog's own spelling of `host` if `host` is spelled exactly so (as a parsed URL
    /// spells a provider host): records then hold it without allocating.
    pub(crate) fn static_host(&self, host: &str) -> Option<&'static str> {
        std::iter::once(self.spec.host)
            .chain(self.spec.regions.iter().map(|&(_, h)| h))
            .chain(self.spec.other_global_hosts.iter().copied())
            .find(|&h| h == host && !h.is_empty())
    }

    /// Which of the provider's hosts `host` is, if any. `host` is compared in canonical form:
    /// case-insensitively and without trailing dots (`API.openai.com.` is the global host).
    pub fn host_kind(&self, host: &str) -> Option<ProviderHost> {
        let host = crate::host::canonical(host);
        let (own, regions) = (self.spec.host, self.spec.regions);
        if own.is_empty() {
            return None;
        }
        if host == own
            || host.eq_ignore_ascii_case(own)
            || self
                .spec
                .other_global_hosts
                .iter()
                .any(|h| host.eq_ignore_ascii_case(h))
        {
            return Some(ProviderHost::Global);
        }
        if let Some(&(r, _)) = regions.iter().find(|(_, h)| host.eq_ignore_ascii_case(h)) {
            return Some(ProviderHost::Regional(r));
        }
        // Regional hosts of the form `{region}.{host}`: any other `{x}.{host}` is a region the
        // guard does not know. Providers whose regional hosts have another form (`api.eu.…`,
        // `us-api.…`) list theirs exactly.
        let prefixed = |(r, h): &(Region, &str)| {
            h.strip_suffix(own)
                .and_then(|p| p.strip_suffix('.'))
                .is_some_and(|p| p == r.as_str())
        };
        if regions.is_empty() || !regions.iter().all(prefixed) {
            return None;
        }
        // `{prefix}.{host}`, with any non-empty prefix (deeper subdomains included).
        let cut = host.len().checked_sub(own.len() + 1)?;
        // An ASCII `.` at `cut` makes both slices fall on character boundaries.
        if cut == 0 || host.as_bytes()[cut] != b'.' || !host[cut + 1..].eq_ignore_ascii_case(own) {
            return None;
        }
        let prefix = &host[..cut];
        Some(
            regions
                .iter()
                .find(|(r, _)| r.as_str().eq_ignore_ascii_case(prefix))
                .map_or(ProviderHost::UnknownRegion, |&(r, _)| {
                    ProviderHost::Regional(r)
                }),
        )
    }

    /// The rules that hold for the whole provider.
    pub fn rules(&self) -> &'static CatalogRules {
        &self.spec.rules
    }

    /// What profile validation needs to know: the profile keys the provider takes and the
    /// settings its agreements rest on.
    pub fn capabilities(&self) -> &'static Capabilities {
        &self.spec.capabilities
    }

    /// What the guard cannot enforce for this provider, beyond [`NOT_ENFORCED`].
    pub fn not_enforced(&self) -> &'static [&'static str] {
        self.spec.not_enforced
    }

    /// How `verify` checks the provider's side.
    pub fn verification(&self) -> Verification {
        self.spec.verify
    }

    /// The provider's `gen_ai.provider.name` as OpenTelemetry's GenAI semantic conventions spell
    /// it (`x_ai`, `azure.ai.openai`, `gcp.gemini`, …), or the provider's own name where they list
    /// none.
    pub fn gen_ai_provider_name(&self) -> &'static str {
        match self.spec.gen_ai_name {
            "" => self.spec.provider.as_str(),
            name => name,
        }
    }

    /// The residency regions the provider has hosts for, with each host.
    pub fn regions(&self) -> &'static [(Region, &'static str)] {
        self.spec.regions
    }

    /// Whether some endpoint is processed in `region` (what per-request residency needs).
    pub fn processes_in(&self, region: Region) -> bool {
        self.spec
            .endpoints
            .iter()
            .any(|e| e.residency.is_some_and(|r| r.processing.contains(region)))
    }

    /// The host of residency region `region`, if the provider has one.
    pub fn region_host(&self, region: Region) -> Option<&'static str> {
        self.spec
            .regions
            .iter()
            .find(|(r, _)| *r == region)
            .map(|&(_, h)| h)
    }

    /// The provider's base path, e.g. `/v1`.
    pub fn base_path(&self) -> &'static str {
        self.spec.base_path
    }

    /// Other spellings of the base path, tried in order after it (Azure's classic
    /// `/openai/deployments/{deployment}` and `/openai` beside `/openai/v1`); a `{deployment}`
    /// segment names the deployment that serves the request.
    pub fn base_aliases(&self) -> &'static [&'static str] {
        self.spec.base_aliases
    }

    /// Every entry, in catalog order.
    pub fn endpoints(&self) -> &'static [Endpoint] {
        self.spec.endpoints
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

/// The catalog that lists the `confirm` name `name` (`together.prompt_storage_disabled`), if any:
/// the provider before the first `.`.
pub fn confirmation_owner(name: &str) -> Option<Provider> {
    let (prefix, _) = name.split_once('.')?;
    Provider::ALL.iter().copied().find(|p| p.as_str() == prefix)
}

/// The date the seed documents (`shared/seeds/`) were read for the rules that still rest on them.
pub(crate) const SEEDS_READ: &str = "2026-11-22";

/// A source page and the date of the copy read for a rule: a day (`2026-07-15`), or a month
/// (`2026-10`) when the copy is undated and only its month is known.
pub(crate) const fn source(url: &'static str, read: &'static str) -> Source {
    Source {
        url,
        read,
        secondary: None,
    }
}

/// A source that is not the provider's own, cited for the reason `why`.
pub(crate) const fn secondary_source(
    url: &'static str,
    read: &'static str,
    why: &'static str,
) -> Source {
    Source {
        url,
        read,
        secondary: Some(why),
    }
}

pub(crate) const fn rule(id: &'static str, summary: &'static str, source: Source) -> Rule {
    Rule {
        id,
        summary,
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The registry lists every provider once, in `Provider::ALL`'s order, which is the enum's:
    /// `Catalog::of` indexes it by the variant.
    #[test]
    fn the_registry_follows_the_provider_list() {
        assert_eq!(SPECS.len(), Provider::ALL.len());
        for (i, (spec, &provider)) in SPECS.iter().zip(Provider::ALL).enumerate() {
            assert_eq!(spec.provider, provider);
            assert_eq!(provider as usize, i);
            assert_eq!(Catalog::of(provider).provider(), provider);
        }
    }

    /// Every header a profile key sets is a valid header name.
    #[test]
    fn profile_headers_are_header_names() {
        for c in Catalog::all() {
            for h in c.capabilities().headers {
                assert!(http::HeaderName::from_bytes(h.header.as_bytes()).is_ok());
            }
        }
    }
}
