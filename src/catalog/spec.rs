//! What a provider file states beyond its endpoints: its hosts and base paths, the rules the
//! engine cites for the whole provider, what profile validation needs to know (the capabilities),
//! what the guard cannot enforce for it, and how `verify` checks its side.
//!
//! A provider file declares one [`Spec`] with [`Spec::new`] and the setters it needs; everything
//! it does not set has the provider-wide default (no regions, no aliases, no capabilities beyond
//! the common ones, nothing to verify by API).

use super::Rule;
use super::endpoint::Endpoint;
use super::provider::{Provider, Region};

/// Everything the guard knows about one provider: what one provider file declares.
#[derive(Debug)]
pub(crate) struct Spec {
    pub(crate) provider: Provider,
    /// The global API host; empty when each customer has its own resource host.
    pub(crate) host: &'static str,
    pub(crate) other_global_hosts: &'static [&'static str],
    pub(crate) resource_domains: &'static [&'static str],
    pub(crate) regions: &'static [(Region, &'static str)],
    pub(crate) base_path: &'static str,
    pub(crate) base_aliases: &'static [&'static str],
    pub(crate) endpoints: &'static [Endpoint],
    pub(crate) rules: CatalogRules,
    pub(crate) capabilities: Capabilities,
    pub(crate) not_enforced: &'static [&'static str],
    pub(crate) verify: Verification,
    /// The provider's `gen_ai.provider.name` in OpenTelemetry's GenAI semantic conventions;
    /// empty: the provider's own name (the conventions list no value for it).
    pub(crate) gen_ai_name: &'static str,
}

impl Spec {
    /// A provider at `host` (empty: per-customer resource hosts) under `base_path`, whose
    /// residency rule is `residency`; the rest takes the provider-wide defaults.
    pub(crate) const fn new(
        provider: Provider,
        host: &'static str,
        base_path: &'static str,
        endpoints: &'static [Endpoint],
        residency: Rule,
    ) -> Self {
        Self {
            provider,
            host,
            other_global_hosts: &[],
            resource_domains: &[],
            regions: &[],
            base_path,
            base_aliases: &[],
            endpoints,
            rules: CatalogRules {
                residency_hosts: residency,
                residency_unlisted: residency,
                attestation: None,
                regions_process_only: false,
                deployments: None,
            },
            capabilities: Capabilities::NONE,
            not_enforced: &[],
            verify: Verification::ByHand(""),
            gen_ai_name: "",
        }
    }

    /// The residency regions and each one's host.
    pub(crate) const fn regions(mut self, regions: &'static [(Region, &'static str)]) -> Self {
        self.regions = regions;
        self
    }

    /// Other names of the global host.
    pub(crate) const fn other_global_hosts(mut self, hosts: &'static [&'static str]) -> Self {
        self.other_global_hosts = hosts;
        self
    }

    /// The domains under which each customer has its own resource host.
    pub(crate) const fn resource_domains(mut self, domains: &'static [&'static str]) -> Self {
        self.resource_domains = domains;
        self
    }

    /// Other spellings of the base path, tried in order after it.
    pub(crate) const fn base_aliases(mut self, aliases: &'static [&'static str]) -> Self {
        self.base_aliases = aliases;
        self
    }

    /// The rule for endpoints the residency tables do not list, when it is not the residency
    /// rule itself.
    pub(crate) const fn residency_unlisted(mut self, rule: Rule) -> Self {
        self.rules.residency_unlisted = rule;
        self
    }

    /// The provider's regions promise where requests are processed only.
    pub(crate) const fn regions_process_only(mut self) -> Self {
        self.rules.regions_process_only = true;
        self
    }

    /// Residency by deployment, which the profile declares.
    pub(crate) const fn deployments(mut self, rule: Rule) -> Self {
        self.rules.deployments = Some(rule);
        self
    }

    /// The response header by which the provider attests zero data retention.
    pub(crate) const fn attestation(mut self, attestation: Attestation) -> Self {
        self.rules.attestation = Some(attestation);
        self
    }

    /// What profile validation needs to know beyond the defaults.
    pub(crate) const fn capabilities(mut self, capabilities: Capabilities) -> Self {
        self.capabilities = capabilities;
        self
    }

    /// The settings no request shows that a profile must confirm.
    pub(crate) const fn confirm(mut self, confirm: &'static [Confirmation]) -> Self {
        self.capabilities.confirm = confirm;
        self
    }

    /// What the guard cannot enforce for this provider, beyond [`NOT_ENFORCED`].
    pub(crate) const fn not_enforced(mut self, what: &'static [&'static str]) -> Self {
        self.not_enforced = what;
        self
    }

    /// How `verify` checks the provider's side.
    pub(crate) const fn verify(mut self, how: Verification) -> Self {
        self.verify = how;
        self
    }

    /// The provider's `gen_ai.provider.name` in OpenTelemetry's GenAI semantic conventions, when
    /// they list one that is not the provider's own name.
    pub(crate) const fn gen_ai_name(mut self, name: &'static str) -> Self {
        self.gen_ai_name = name;
        self
    }
}

/// The rules that hold for a whole provider, which the engine cites.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CatalogRules {
    /// With a residency region, requests go to the region's host.
    pub residency_hosts: Rule,
    /// Endpoints the residency tables do not list make no in-region promise.
    pub residency_unlisted: Rule,
    /// The response header by which the provider attests zero data retention, if it has one.
    pub attestation: Option<Attestation>,
    /// Whether the provider's regions promise where requests are *processed* only (Together,
    /// Mistral's regional inference): a region profile then needs endpoints the region processes,
    /// and the guard promises nothing about storage.
    pub regions_process_only: bool,
    /// Residency by deployment (Azure): the host is the customer's resource, in the geography
    /// the profile's `region` names, and each deployment's type decides where requests are
    /// processed, which the request does not show, so the profile declares it (`deployments`).
    pub deployments: Option<Rule>,
}

/// What profile validation needs to know about a provider: which profile keys it takes and what
/// its agreements rest on. Validation asks these and never names a provider.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Capabilities {
    /// The profile keys the provider reads as request headers (`project` as `OpenAI-Project`): the
    /// guard sets them, and a request carrying another value is denied.
    pub headers: &'static [ProfileHeader],
    /// What the profile key `account` names for this provider (`"a Fireworks account id"`, read
    /// by `verify`), if it takes one.
    pub account: Option<&'static str>,
    /// Whether a profile may declare per-request residency (a Global project whose requests
    /// name their region by host).
    pub per_request_residency: bool,
    /// The rule that a region other than `us` needs `modified_abuse_monitoring` or
    /// `zero_data_retention`, if the provider has it.
    pub region_needs_controls: Option<Rule>,
    /// Account or contract settings no request shows that a `zero_data_retention` profile (and,
    /// where the confirmation says, a `modified_abuse_monitoring` one) must confirm (profile key
    /// `confirm`), e.g. Together's prompt storage turned off.
    pub confirm: &'static [Confirmation],
}

impl Capabilities {
    /// No capability beyond the common profile keys.
    pub(crate) const NONE: Capabilities = Capabilities {
        headers: &[],
        account: None,
        per_request_residency: false,
        region_needs_controls: None,
        confirm: &[],
    };

    /// The header the profile key `key` sets, if the provider reads it.
    pub fn header(&self, key: HeaderKey) -> Option<&'static str> {
        self.headers.iter().find(|h| h.key == key).map(|h| h.header)
    }
}

/// A profile key the provider reads as a request header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ProfileHeader {
    /// The profile key.
    pub key: HeaderKey,
    /// The header, as the provider spells it, e.g. `OpenAI-Project`.
    pub header: &'static str,
}

/// The profile keys that set a request header.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeaderKey {
    /// `organization`.
    Organization,
    /// `project`: the project whose agreement the profile describes.
    Project,
}

impl HeaderKey {
    /// The profile key's name.
    pub const fn as_str(self) -> &'static str {
        match self {
            HeaderKey::Organization => "organization",
            HeaderKey::Project => "project",
        }
    }
}

/// A setting the guard cannot see, which a profile confirms by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
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
#[non_exhaustive]
pub struct Attestation {
    /// The header, lower case, e.g. `x-zero-data-retention`.
    pub header: &'static str,
    /// The value that attests ZDR, e.g. `true`.
    pub zdr_value: &'static str,
    /// The rule and its source.
    pub rule: Rule,
}

/// How `verify` checks a provider's side.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verification {
    /// OpenAI's Admin API reports the project's retention setting; with an API key only, a
    /// store-then-retrieve probe on `probe_model`.
    OpenAiAdmin {
        /// The small model the probe uses.
        probe_model: &'static str,
    },
    /// Fireworks' account policy settings; else a store-then-retrieve probe on `probe_model`.
    FireworksAccount {
        /// The small model the probe uses.
        probe_model: &'static str,
    },
    /// Azure's management API reports the resource's `ContentLogging` capability.
    AzureContentLogging,
    /// No API reports the setting: how to check it by hand (empty: the provider's settings or
    /// contract).
    ByHand(&'static str),
}

/// What the guard cannot enforce, whatever the provider (README's "What the guard does not do"
/// says more); each catalog adds its own ([`Catalog::not_enforced`](super::Catalog::not_enforced)).
pub const NOT_ENFORCED: &[&str] = &[
    "Traffic that is not HTTP through the guarded client: WebSocket frames of sockets not opened \
     through `Guard::socket` (or `tungstenite::Session`), events of live-session sockets (not \
     catalogued), WebRTC data channels, and requests sent by another client.",
    "Settings no request shows: the account's or project's retention mode on the provider's side \
     (`verify` checks it where an API reports it) and the `confirm` assumptions.",
    "Structured-output schemas, which providers may keep as system data outside residency and \
     ZDR.",
    "Prompt caching the request does not ask for: key/value caches kept in memory or GPU-local \
     storage up to 24 hours as the provider's default (OpenAI's gpt-5.5 and later models accept \
     only `24h`; organisations without ZDR default to it), and Gemini's implicit in-memory cache.",
    "Content inside messages: images flagged by CSAM classifiers, image inputs outside the US, \
     references to files already stored (`file_id` sources), URLs the provider fetches, and model \
     snapshots against the residency tables (except the UAE's per-request list).",
    "Third parties reached through allowed tools, plugins and routers (web search sites, MCP \
     servers, FireRouter upstreams), which keep data under their own policies.",
    "Headers a reqwest `Client` adds after the middleware ran (`default_headers`, such as an \
     `anthropic-beta` set on the client): set feature headers per request, where the guard reads \
     them.",
    "A provider that keeps state although the request says `store: false` (a server resolving \
     `previous_response_id` across connections, say): only `verify` can probe it.",
];
