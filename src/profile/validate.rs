//! Rules 1 to 7 of the module docs: a profile's keys checked against each other and against its
//! provider's catalog (its capabilities), when the profile is built.

use std::sync::Arc;

use url::Url;

use super::{
    Attest, EndpointPattern, OnStoredItems, OnUnknownEndpoint, Profile, ProfileError, Provider,
    RawProfile, Region, Retention, suggest,
};
use crate::catalog::HeaderKey;

impl RawProfile {
    pub(super) fn validate(self) -> Result<Profile, ProfileError> {
        let provider = self.provider.ok_or(ProfileError::Missing("provider"))?;
        let retention = self.retention.ok_or(ProfileError::Missing("retention"))?;
        let catalog = crate::catalog::Catalog::of(provider);
        let caps = catalog.capabilities();
        let per_request = self.per_request_residency.unwrap_or(false);
        let by_deployment = catalog.rules().deployments.is_some();
        if let Some(region) = self.region {
            if catalog.region_host(region).is_none() && !by_deployment {
                let known: Vec<&str> = catalog.regions().iter().map(|(r, _)| r.as_str()).collect();
                return Err(ProfileError::invalid(
                    "region",
                    region,
                    if known.is_empty() {
                        format!(
                            "{provider} has no residency regions ({}); remove `region`",
                            catalog.rules().residency_hosts.summary
                        )
                    } else {
                        format!("{provider}'s residency regions are {}", known.join(", "))
                    },
                ));
            }
            if let Some(rule) = caps.region_needs_controls
                && region != Region::Us
                && retention == Retention::Standard
            {
                return Err(ProfileError::invalid(
                    "region",
                    region,
                    format!(
                        "{provider} requires `modified_abuse_monitoring` or \
                         `zero_data_retention` for every region other than `us` ({}); set \
                         `retention` accordingly",
                        rule.id
                    ),
                ));
            }
            if per_request && !catalog.processes_in(region) {
                return Err(ProfileError::invalid(
                    "region",
                    region,
                    "with `per_request_residency`, the region must process requests in-region \
                     (us, eu or ae); storage-only regions need a residency project instead",
                ));
            }
        }
        if per_request && !caps.per_request_residency {
            return Err(ProfileError::invalid(
                "per_request_residency",
                "true",
                format!("{provider} has no per-request data residency"),
            ));
        }
        if let Some(entry) = self.allow_outside_region.first()
            && self.region.is_none()
            && !per_request
        {
            return Err(ProfileError::invalid(
                "allow_outside_region",
                entry,
                "it waives the residency rule, and the profile has no residency `region` (nor \
                 `per_request_residency`); remove it, or set the region the agreement names",
            ));
        }
        for t in &self.allow_tools {
            check_allow_tool(catalog, provider, t)?;
        }
        for m in &self.allow_models {
            if m.trim().is_empty() || m.trim() != m || m.chars().any(char::is_control) {
                return Err(ProfileError::invalid(
                    "allow_models",
                    m,
                    "a model id is non-empty, without surrounding spaces or control characters",
                ));
            }
        }
        for c in &self.confirm {
            let ok = !c.is_empty()
                && c.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'.' | b'-')
                });
            if !ok {
                return Err(ProfileError::invalid(
                    "confirm",
                    c,
                    "a confirmation is a lower-case name like `together.prompt_storage_disabled`",
                ));
            }
        }
        // A name in the provider's own namespace (`together.…`) must be one it has: a misspelt
        // confirmation would otherwise read as a name of the user's own choosing.
        let own: Vec<&str> = catalog
            .capabilities()
            .confirm
            .iter()
            .map(|c| c.name)
            .collect();
        let prefix = format!("{provider}.");
        if let Some(c) = self
            .confirm
            .iter()
            .find(|c| c.starts_with(&prefix) && !own.contains(&c.as_str()))
        {
            let hint = suggest::hint(suggest::nearest(c, own.iter().copied()));
            return Err(ProfileError::invalid(
                "confirm",
                c,
                format!(
                    "{provider} has no setting of that name (its settings: {}){hint}",
                    if own.is_empty() {
                        "none".to_owned()
                    } else {
                        own.join(", ")
                    }
                ),
            ));
        }
        for need in catalog.capabilities().confirm {
            let needed = retention == Retention::ZeroDataRetention
                || (need.also_mam && retention == Retention::ModifiedAbuseMonitoring);
            if needed && !self.confirm.iter().any(|c| c == need.name) {
                return Err(ProfileError::invalid(
                    "confirm",
                    if self.confirm.is_empty() {
                        "(none)".to_owned()
                    } else {
                        self.confirm.join(", ")
                    },
                    format!(
                        "a {retention} profile for {provider} rests on a setting no request \
                         shows: {}; check it, then add `confirm = [\"{}\"]`",
                        need.what, need.name
                    ),
                ));
            }
        }
        // Another provider's confirmation cannot be what this profile rests on.
        if let Some(c) = self
            .confirm
            .iter()
            .find(|c| crate::catalog::confirmation_owner(c).is_some_and(|p| p != provider))
        {
            return Err(ProfileError::invalid(
                "confirm",
                c,
                format!("it confirms another provider's setting; this profile is for {provider}"),
            ));
        }
        if let Some(OnStoredItems::Strip) = self.on_stored_items
            && retention != Retention::ZeroDataRetention
        {
            return Err(ProfileError::invalid(
                "on_stored_items",
                "strip",
                "items that point at stored state are refused under `zero_data_retention` only, \
                 so `strip` would do nothing; remove `on_stored_items` or set \
                 `retention = \"zero_data_retention\"`",
            ));
        }
        if let Some(Attest::Enforce) = self.attest
            && retention != Retention::ZeroDataRetention
        {
            return Err(ProfileError::invalid(
                "attest",
                "enforce",
                "attestation is checked under `zero_data_retention` only, so `enforce` would do \
                 nothing; remove `attest` or set `retention = \"zero_data_retention\"`",
            ));
        }
        if let Some(attest) = self.attest
            && catalog.rules().attestation.is_none()
        {
            return Err(ProfileError::invalid(
                "attest",
                match attest {
                    Attest::Report => "report",
                    Attest::Enforce => "enforce",
                },
                format!("{provider} attests nothing in its responses; remove `attest`"),
            ));
        }
        if let Some(account) = &self.account {
            let Some(what) = caps.account else {
                return Err(ProfileError::invalid(
                    "account",
                    account,
                    format!(
                        "`account` is {} (for {} profiles); {provider} takes none, remove it",
                        described(|c| c.account),
                        takers(|c| c.account.is_some()),
                    ),
                ));
            };
            if account.is_empty()
                || !account
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                return Err(ProfileError::invalid(
                    "account",
                    account,
                    format!("{what} is letters, digits, `-` and `_`"),
                ));
            }
        }
        for (header, value) in [
            (HeaderKey::Organization, &self.organization),
            (HeaderKey::Project, &self.project),
        ] {
            let Some(value) = value else { continue };
            let key = header.as_str();
            if caps.header(header).is_none() {
                return Err(ProfileError::invalid(
                    key,
                    value,
                    format!(
                        "`{key}` sets the `{}` header (for {} profiles); {provider} has no such \
                         setting, remove it",
                        described(|c| c.header(header)),
                        takers(|c| c.header(header).is_some()),
                    ),
                ));
            }
            if value.is_empty() || !value.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(ProfileError::invalid(
                    key,
                    value,
                    "must be a non-empty header value of visible ASCII characters, without spaces",
                ));
            }
        }
        if !self.deployments.is_empty() && !by_deployment {
            return Err(ProfileError::invalid(
                "deployments",
                self.deployments
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
                format!(
                    "`deployments` declares Azure OpenAI deployment types; {provider} has none"
                ),
            ));
        }
        for name in self.deployments.keys() {
            if name.is_empty()
                || name.trim() != name
                || name.contains(['/', '?', '#', '%'])
                || name.chars().any(char::is_control)
            {
                return Err(ProfileError::invalid(
                    "deployments",
                    name,
                    "a deployment name is one non-empty path segment, without `/`, `?`, `#`, `%`, \
                     surrounding spaces or control characters",
                ));
            }
        }
        let base_url = self.base_url.as_deref().map(parse_base_url).transpose()?;
        if let Some(url) = &base_url {
            check_provider_base_url(url, provider, self.region, per_request)?;
        }
        if catalog.host().is_empty() {
            check_resource_base_url(base_url.as_ref(), provider)?;
        }
        let name: Arc<str> = match self.name {
            Some(n) if n.trim().is_empty() || n.chars().any(char::is_control) => {
                return Err(ProfileError::invalid(
                    "name",
                    n,
                    "must be non-empty, without control characters",
                ));
            }
            Some(n) => n.into(),
            None => format!("{provider}/{retention}").into(),
        };
        let patterns = |key, list: Vec<String>| {
            list.iter()
                .map(|e| EndpointPattern::parse(key, e))
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(Profile {
            name,
            provider,
            retention,
            region: self.region,
            organization: self.organization,
            project: self.project,
            base_url,
            on_store: self.on_store.unwrap_or_default(),
            on_stored_items: self.on_stored_items.unwrap_or_default(),
            on_unknown_endpoint: self.on_unknown_endpoint.unwrap_or(
                if retention == Retention::ZeroDataRetention {
                    OnUnknownEndpoint::Deny
                } else {
                    OnUnknownEndpoint::FailOpen
                },
            ),
            allow: patterns("allow", self.allow)?,
            allow_outside_region: patterns("allow_outside_region", self.allow_outside_region)?,
            deny: patterns("deny", self.deny)?,
            per_request_residency: per_request,
            allow_tools: self.allow_tools,
            allow_models: self.allow_models,
            account: self.account,
            attest: self.attest.unwrap_or_default(),
            confirm: self.confirm,
            deployments: self.deployments,
        })
    }
}

fn parse_base_url(text: &str) -> Result<Url, ProfileError> {
    let bad = |why: &str| ProfileError::invalid("base_url", text, why);
    let mut url = Url::parse(text).map_err(|e| bad(&format!("not an absolute URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("the scheme must be `http` or `https`"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("the URL has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(
            "credentials in the URL would be logged; pass them as headers",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("the URL must not have a query or fragment"));
    }
    if url.path().contains('%') {
        return Err(bad("the path must not contain percent-encoded characters"));
    }
    let trimmed = url.path().trim_end_matches('/').to_owned();
    url.set_path(&trimmed);
    Ok(url)
}

/// A `base_url` on one of the provider's own hosts must be what the guard would send to: https on
/// the default port, the provider's base path, and the host of the profile's region (the global
/// host without a region). Other spellings would skip residency routing or send in clear text.
fn check_provider_base_url(
    url: &Url,
    provider: Provider,
    region: Option<Region>,
    per_request: bool,
) -> Result<(), ProfileError> {
    let catalog = crate::catalog::Catalog::of(provider);
    let Some(kind) = catalog.host_kind(crate::host::of(url)) else {
        return Ok(());
    };
    let bad = |why: String| Err(ProfileError::invalid("base_url", url, why));
    if url.scheme() != "https" || url.port().is_some() {
        return bad(format!(
            "a {provider} host must be reached over https on the default port"
        ));
    }
    if url.path().trim_end_matches('/') != catalog.base_path() {
        return bad(format!(
            "on a {provider} host the base path is `{}`",
            catalog.base_path()
        ));
    }
    use crate::catalog::ProviderHost;
    let host_of = |r: Region| catalog.region_host(r).unwrap_or("");
    match (kind, region) {
        (ProviderHost::Global, None) => Ok(()),
        (ProviderHost::Global, Some(r)) => bad(format!(
            "the global host with `region = \"{r}\"`: remove `base_url` (the guard routes to \
             `{}`) or set it to that host",
            host_of(r)
        )),
        (ProviderHost::Regional(h), Some(r)) if h == r => Ok(()),
        (ProviderHost::Regional(h), Some(r)) => bad(format!(
            "region `{h}`'s host, but the profile's region is `{r}`"
        )),
        (ProviderHost::Regional(h), None) if per_request && catalog.processes_in(h) => Ok(()),
        (ProviderHost::Regional(h), None) if per_request => bad(format!(
            "region `{h}` stores data in-region but processes none there, so per-request \
             residency cannot use its host"
        )),
        (ProviderHost::Regional(h), None) => bad(format!(
            "region `{h}`'s host, but the profile has no `region`: set `region = \"{h}\"` (a \
             residency project) or `per_request_residency = true` (a Global project with \
             per-request residency)"
        )),
        _ => bad("a residency host of a region the guard does not know".to_owned()),
    }
}

/// The providers whose capabilities pass `has`, e.g. `fireworks` or `openai and xai`.
fn takers(has: impl Fn(&crate::catalog::Capabilities) -> bool) -> String {
    let names: Vec<&str> = crate::catalog::Catalog::all()
        .filter(|c| has(c.capabilities()))
        .map(|c| c.provider().as_str())
        .collect();
    names.join(" and ")
}

/// What the first catalog that has it says a capability is, e.g. `a Fireworks account id`.
fn described<T: ToString>(what: impl Fn(&crate::catalog::Capabilities) -> Option<T>) -> String {
    crate::catalog::Catalog::all()
        .find_map(|c| what(c.capabilities()))
        .map_or_else(String::new, |w| w.to_string())
}

/// A provider whose hosts are per customer resource (Azure OpenAI) needs `base_url`; on the
/// provider's resource domains it must name one resource over https on the default port.
fn check_resource_base_url(url: Option<&Url>, provider: Provider) -> Result<(), ProfileError> {
    let catalog = crate::catalog::Catalog::of(provider);
    let domains = catalog.resource_domains();
    let Some(url) = url else {
        return Err(ProfileError::invalid(
            "base_url",
            "(none)",
            format!(
                "{provider} hosts are per resource: set `base_url` to the resource's endpoint, \
                 e.g. `https://my-resource.{}/openai/v1`",
                domains.first().copied().unwrap_or("")
            ),
        ));
    };
    let host = crate::host::of(url);
    let on_domain = domains
        .iter()
        .any(|d| host.len() >= d.len() && host[host.len() - d.len()..].eq_ignore_ascii_case(d));
    if !on_domain {
        // A gateway in front of the resource (API Management, a proxy).
        return Ok(());
    }
    let bad = |why: String| Err(ProfileError::invalid("base_url", url, why));
    if url.scheme() != "https" || url.port().is_some() {
        return bad(format!(
            "a {provider} resource must be reached over https on the default port"
        ));
    }
    let resource = domains
        .iter()
        .find_map(|d| host.strip_suffix(d).and_then(|h| h.strip_suffix('.')))
        .unwrap_or("");
    if !catalog.is_resource_host(host) || resource.contains('.') {
        return bad(format!(
            "name one resource: `https://{{resource}}.{}`",
            domains.join("` or `https://{resource}.")
        ));
    }
    Ok(())
}

/// Rule 7: an `allow_tools` entry is a feature word some rule of the provider's catalog uses, or
/// `type:<name>` on a provider with tables of named items.
fn check_allow_tool(
    catalog: &crate::catalog::Catalog,
    provider: Provider,
    entry: &str,
) -> Result<(), ProfileError> {
    use crate::catalog::Feature;
    let invalid = |reason: String| Err(ProfileError::invalid("allow_tools", entry, reason));
    if let Some(name) = entry.strip_prefix("type:") {
        if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return invalid(
                "`type:` names one tool type, plugin id or header token exactly, e.g. \
                 `type:my_tool`"
                    .to_owned(),
            );
        }
        if !catalog.has_tables() {
            return invalid(format!(
                "the {provider} catalog has no tool, plugin or header tables to waive; remove it"
            ));
        }
        return Ok(());
    }
    match Feature::from_word(entry) {
        Some(f) if catalog.has_feature(f) => Ok(()),
        Some(f) => invalid(format!(
            "no rule of the {provider} catalog is about `{f}` ({}); remove it",
            f.what()
        )),
        None => {
            let words = Feature::ALL.iter().map(|f| f.as_str());
            let list = words.clone().collect::<Vec<_>>().join(", ");
            if let Some(f) = catalog.feature_of(entry) {
                return invalid(format!(
                    "`allow_tools` names features, not tool types: write `{f}` (every {}), or \
                     `type:{entry}` for this one",
                    f.what()
                ));
            }
            invalid(format!(
                "not a feature ({list}), nor `type:<name>`{}",
                suggest::hint(suggest::nearest(entry, words))
            ))
        }
    }
}
