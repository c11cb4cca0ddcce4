//! Retention profiles: what an organisation agreed with one provider for one project.
//!
//! A [`Profile`] is built in code with [`Profile::builder`], parsed from TOML with
//! [`Profile::from_toml_str`] or [`Profile::from_toml_file`], or loaded from the environment with
//! [`Profile::from_env`]. Every way ends in the same validation, so an invalid profile is an error
//! when it is loaded, never a surprise on the request path. The rules checked at load time:
//!
//! 1. Unknown keys and unknown values are errors that quote the offending input and name the
//!    nearest valid one (`EU`: did you mean `eu`?). Every load error says where it is: the
//!    file's line and column ([`Origin::Toml`]), the environment variable ([`Origin::Env`]),
//!    and in a policy the profile's name and number. [`Profile::from_env`] refuses a
//!    `RETENTION_GUARD_*` variable it does not read, and says what to set when nothing is.
//! 2. A residency `region` other than `us` needs `modified_abuse_monitoring` or
//!    `zero_data_retention` (OpenAI requires one for every non-US region).
//! 3. A `region` must be one the provider has a residency host for: OpenAI's ten regions,
//!    Fireworks' and xAI's `us`, Mistral's `eu` and `us`, Together's `us` and `ca` (processing
//!    only), OpenRouter's `eu` and `us`; Groq stores all data in the United States and has none,
//!    nor have Anthropic and Gemini. Azure OpenAI has no regional hosts: its `region` names the
//!    resource's geography, and `deployments` declares where each deployment processes prompts
//!    (`regional`, `data_zone_us`, `data_zone_eu`, `global`); `deployments` is an error on other
//!    providers.
//! 4. `organization` and `project` are OpenAI headers; they are errors on other providers and must
//!    be valid header values.
//! 5. `base_url` must be an absolute `http` or `https` URL with a host and no credentials, query
//!    or fragment. On one of the provider's own hosts (in any spelling: `api.openai.com.`) it
//!    must be `https` on the default port with the provider's base path, and agree with `region`:
//!    another region's host, a regional host without `region` or the global host with one are
//!    errors.
//! 6. `per_request_residency = true` (OpenAI only) declares a Global project with per-request
//!    data residency: requests may go to the regional host of a region that processes the
//!    endpoint and model in-region (US, EU; the UAE for some models). With `region` as well, that
//!    region must process in-region, and requests are routed there.
//! 7. `allow_tools` names hosted features the agreement permits, in one vocabulary for every
//!    provider ([`Feature`](crate::catalog::Feature): `web`, `code`, `mcp`, `files`, `images`,
//!    `background`, `cache`, `delegate`), each a word some rule of the provider's catalog uses,
//!    or one item exactly as `type:<name>` on a provider with tool, plugin or header tables; a tool
//!    type written where a word belongs is an error that names the word. `allow_models` names
//!    models whose model rules are waived. Both are exceptions `check` lists.
//! 8. `account` is the Fireworks account id `verify` reads the account policy of.
//! 9. `allow`, `allow_outside_region` and `deny` entries are `"[METHOD] /path"`, where a segment may be `{name}` (any one
//!    segment) and the last may be `**` (any rest); they may not contain `%`, `;` or `\`, empty or
//!    dot segments. At request time literal segments match case-insensitively and `GET` covers
//!    `HEAD`; on providers with several spellings of one endpoint (Azure OpenAI's
//!    `/openai/deployments/{d}/…`, `/openai/…` and `/openai/v1/…`) an entry written in one
//!    spelling covers the others. Each exception waives only the rule it names: an `allow` entry
//!    the retention mode's endpoint eligibility (and the unknown-endpoint rule), an
//!    `allow_outside_region` entry the residency rule; `allow_outside_region` needs a `region`
//!    or `per_request_residency`.
//! 10. `confirm` names settings no request shows. A provider's `zero_data_retention` profile
//!     (and, for Azure's approved modified abuse monitoring, its `modified_abuse_monitoring` one)
//!     that lacks a confirmation the catalog needs is an error; so is another provider's
//!     confirmation name. `attest = "enforce"` needs `zero_data_retention` and a provider that
//!     attests.
//! 11. Providers whose hosts are per customer resource (Azure OpenAI) need `base_url`; on the
//!     provider's resource domains it must be `https://{resource}.{domain}` on the default port.
//!
//! The TOML form is a public contract:
//!
//! ```
//! # use retention_guard::{Profile, Provider, Retention, Region};
//! let profile = Profile::from_toml_str(r#"
//!     name = "acme-eu-prod"
//!     provider = "openai"
//!     retention = "zero_data_retention"
//!     region = "eu"
//!     project = "proj_123"
//!     on_store = "rewrite"
//!     deny = ["POST /v1/images/generations"]
//! "#)?;
//! assert_eq!(profile.provider().as_str(), "openai");
//! assert_eq!(profile.retention(), Retention::ZeroDataRetention);
//! assert_eq!(profile.region(), Some(Region::Eu));
//! # Ok::<(), retention_guard::ProfileError>(())
//! ```

mod error;
mod pattern;
pub(crate) mod source;
mod suggest;
mod validate;
pub(crate) mod values;

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use url::Url;

pub use crate::catalog::{Provider, Region};
pub use error::{Origin, ProfileError};
pub use pattern::EndpointPattern;
pub(crate) use suggest::{hint, nearest};
pub use values::{Attest, DeploymentZone, OnStore, OnStoredItems, OnUnknownEndpoint, Retention};

/// One organisation's retention agreement with one provider for one project. Cheap to clone.
///
/// See the [module docs](self) for the TOML keys and the rules checked when it is built. An
/// invalid profile is an error when it is loaded, saying where and how to fix it:
///
/// ```
/// use retention_guard::{Profile, Provider, Region, Retention};
///
/// // In code…
/// let openai: Provider = "openai".parse()?;
/// let built = Profile::builder(openai, Retention::ZeroDataRetention)
///     .name("acme-eu-prod")
///     .region(Region::Eu)
///     .project("proj_123")
///     .build()?;
/// // …or from TOML (a file with `Profile::from_toml_file`, the environment with `from_env`).
/// let parsed = Profile::from_toml_str(r#"
///     name = "acme-eu-prod"
///     provider = "openai"
///     retention = "zero_data_retention"
///     region = "eu"
///     project = "proj_123"
/// "#)?;
/// assert_eq!(built, parsed);
///
/// let err = Profile::from_toml_str("provider = \"groq\"\nretention = \"zdr\"").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "line 2, column 13: invalid retention profile: `retention` = `zdr`: not a known value \
///      (expected `standard`, `modified_abuse_monitoring`, `zero_data_retention`); did you mean \
///      `zero_data_retention`?"
/// );
/// # Ok::<(), retention_guard::ProfileError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub(crate) name: Arc<str>,
    pub(crate) provider: Provider,
    pub(crate) retention: Retention,
    pub(crate) region: Option<Region>,
    pub(crate) organization: Option<String>,
    pub(crate) project: Option<String>,
    pub(crate) base_url: Option<Url>,
    pub(crate) on_store: OnStore,
    pub(crate) on_stored_items: OnStoredItems,
    pub(crate) on_unknown_endpoint: OnUnknownEndpoint,
    pub(crate) allow: Vec<EndpointPattern>,
    pub(crate) allow_outside_region: Vec<EndpointPattern>,
    pub(crate) deny: Vec<EndpointPattern>,
    pub(crate) per_request_residency: bool,
    pub(crate) allow_tools: Vec<String>,
    pub(crate) allow_models: Vec<String>,
    pub(crate) account: Option<String>,
    pub(crate) attest: Attest,
    pub(crate) confirm: Vec<String>,
    pub(crate) deployments: std::collections::BTreeMap<String, DeploymentZone>,
}

/// The TOML form of a profile, before validation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    name: Option<String>,
    provider: Option<Provider>,
    retention: Option<Retention>,
    region: Option<Region>,
    organization: Option<String>,
    project: Option<String>,
    base_url: Option<String>,
    on_store: Option<OnStore>,
    on_stored_items: Option<OnStoredItems>,
    on_unknown_endpoint: Option<OnUnknownEndpoint>,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    allow_outside_region: Vec<String>,
    #[serde(default)]
    deny: Vec<String>,
    per_request_residency: Option<bool>,
    #[serde(default)]
    allow_tools: Vec<String>,
    #[serde(default)]
    allow_models: Vec<String>,
    account: Option<String>,
    attest: Option<Attest>,
    #[serde(default)]
    confirm: Vec<String>,
    #[serde(default)]
    deployments: std::collections::BTreeMap<String, DeploymentZone>,
}

/// The prefix of every variable [`Profile::from_env`] reads; any other variable with it is an
/// error ([`ProfileError::UnknownVariable`]).
pub const ENV_PREFIX: &str = "RETENTION_GUARD_";

/// The environment variable naming a TOML profile file, read by [`Profile::from_env`].
pub const ENV_PROFILE_FILE: &str = "RETENTION_GUARD_PROFILE";

/// The environment variables that override single keys of the profile, with the key each sets.
/// An empty value removes the key.
pub const ENV_OVERRIDES: [(&str, &str); 12] = [
    ("RETENTION_GUARD_NAME", "name"),
    ("RETENTION_GUARD_PROVIDER", "provider"),
    ("RETENTION_GUARD_RETENTION", "retention"),
    ("RETENTION_GUARD_REGION", "region"),
    ("RETENTION_GUARD_ORGANIZATION", "organization"),
    ("RETENTION_GUARD_PROJECT", "project"),
    ("RETENTION_GUARD_BASE_URL", "base_url"),
    ("RETENTION_GUARD_ON_STORE", "on_store"),
    ("RETENTION_GUARD_ON_STORED_ITEMS", "on_stored_items"),
    ("RETENTION_GUARD_ON_UNKNOWN_ENDPOINT", "on_unknown_endpoint"),
    (
        "RETENTION_GUARD_PER_REQUEST_RESIDENCY",
        "per_request_residency",
    ),
    ("RETENTION_GUARD_ACCOUNT", "account"),
];

impl Profile {
    /// Starts a profile in code.
    pub fn builder(provider: Provider, retention: Retention) -> ProfileBuilder {
        ProfileBuilder {
            raw: RawProfile {
                name: None,
                provider: Some(provider),
                retention: Some(retention),
                region: None,
                organization: None,
                project: None,
                base_url: None,
                on_store: None,
                on_stored_items: None,
                on_unknown_endpoint: None,
                allow: Vec::new(),
                allow_outside_region: Vec::new(),
                deny: Vec::new(),
                per_request_residency: None,
                allow_tools: Vec::new(),
                allow_models: Vec::new(),
                account: None,
                attest: None,
                confirm: Vec::new(),
                deployments: Default::default(),
            },
        }
    }

    /// Parses and validates a TOML profile.
    ///
    /// # Errors
    /// [`ProfileError`] quoting the offending key or value.
    pub fn from_toml_str(toml_text: &str) -> Result<Self, ProfileError> {
        Self::parse_toml(toml_text, None)
    }

    /// Reads, parses and validates a TOML profile file.
    ///
    /// # Errors
    /// [`ProfileError::Io`] if the file cannot be read, otherwise as [`from_toml_str`](Self::from_toml_str).
    pub fn from_toml_file(path: impl AsRef<Path>) -> Result<Self, ProfileError> {
        let path = path.as_ref();
        let text = ProfileError::read(path)?;
        Self::parse_toml(&text, Some(path.display().to_string()))
    }

    /// Loads a profile from the process environment: the TOML file named by
    /// [`ENV_PROFILE_FILE`] (`RETENTION_GUARD_PROFILE`), then the single-key overrides of
    /// [`ENV_OVERRIDES`] (`RETENTION_GUARD_PROVIDER`, `RETENTION_GUARD_RETENTION`, …).
    ///
    /// # Errors
    /// As [`from_vars`](Self::from_vars); also [`ProfileError::Parse`] for a
    /// `RETENTION_GUARD_*` variable whose value is not UTF-8.
    pub fn from_env() -> Result<Self, ProfileError> {
        let mut vars = Vec::new();
        for (name, value) in std::env::vars_os() {
            // A name that is not UTF-8 cannot be one of ours.
            let Some(name) = name.to_str().filter(|n| n.starts_with(ENV_PREFIX)) else {
                continue;
            };
            let value = value.into_string().map_err(|_| {
                ProfileError::Parse {
                    origin: None,
                    message: "the value is not UTF-8".to_owned(),
                }
                .at(Origin::Env(name.to_owned()))
            })?;
            vars.push((name.to_owned(), value));
        }
        Self::from_vars(vars)
    }

    /// Like [`from_env`](Self::from_env), from the given `(name, value)` pairs instead of the
    /// process environment (for tests, or variables gathered elsewhere). Names without the
    /// `RETENTION_GUARD_` prefix are ignored, so the whole environment may be passed.
    ///
    /// # Errors
    /// [`ProfileError::UnknownVariable`] for a `RETENTION_GUARD_*` name the loader does not
    /// read (with the nearest one it does); [`ProfileError::NotInEnvironment`] when no variable
    /// gives a profile; otherwise the errors of [`from_toml_file`](Self::from_toml_file), each
    /// [`At`](ProfileError::At) the variable that set the value at fault (or the file's line and
    /// column).
    pub fn from_vars<K: AsRef<str>, V: AsRef<str>>(
        vars: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, ProfileError> {
        let mut file = None;
        let mut overrides: Vec<(&'static str, &'static str, String)> = Vec::new();
        for (name, value) in vars {
            let (name, value) = (name.as_ref(), value.as_ref());
            if !name.starts_with(ENV_PREFIX) {
                continue;
            }
            if name == ENV_PROFILE_FILE {
                file = Some(value.to_owned()).filter(|p| !p.is_empty());
                continue;
            }
            let Some((var, key)) = ENV_OVERRIDES.iter().find(|(var, _)| *var == name) else {
                let known = std::iter::once(ENV_PROFILE_FILE)
                    .chain(ENV_OVERRIDES.iter().map(|(var, _)| *var));
                return Err(ProfileError::UnknownVariable {
                    name: name.to_owned(),
                    suggestion: suggest::nearest(name, known),
                });
            };
            overrides.retain(|(k, _, _)| k != key);
            overrides.push((key, var, value.to_owned()));
        }
        if file.is_none() && overrides.iter().all(|(_, _, v)| v.is_empty()) {
            return Err(ProfileError::NotInEnvironment);
        }
        let text = match &file {
            Some(path) => ProfileError::read(Path::new(path))?,
            None => String::new(),
        };
        let source = source::Source { text: &text, file };
        let root = source.parse()?;
        let span = root.span();
        let mut table = root.into_inner();
        let mut env = Vec::new();
        for (key, var, value) in overrides {
            table.remove(key);
            env.push((key, var));
            let value = match value.as_str() {
                "" => continue,
                "true" | "false" if key == "per_request_residency" => {
                    toml::de::DeValue::Boolean(value == "true")
                }
                _ if key == "per_request_residency" => {
                    return Err(
                        ProfileError::invalid(key, value, "must be `true` or `false`")
                            .at(Origin::Env(var.to_owned())),
                    );
                }
                _ => toml::de::DeValue::String(value.into()),
            };
            let (k, v) = source::env_entry(key, value);
            table.insert(k, v);
        }
        source::ProfileTable {
            source: &source,
            table,
            span,
            env,
        }
        .load()
    }

    fn parse_toml(text: &str, file: Option<String>) -> Result<Self, ProfileError> {
        let source = source::Source { text, file };
        let root = source.parse()?;
        let span = root.span();
        source::ProfileTable {
            source: &source,
            table: root.into_inner(),
            span,
            env: Vec::new(),
        }
        .load()
    }

    /// The profile's label, shown in logs and errors (`name`, or `provider/retention`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The provider the agreement is with.
    pub fn provider(&self) -> Provider {
        self.provider
    }

    /// The agreed retention mode.
    pub fn retention(&self) -> Retention {
        self.retention
    }

    /// The project's data-residency region, if any.
    pub fn region(&self) -> Option<Region> {
        self.region
    }

    /// The OpenAI organization sent as `OpenAI-Organization`, if any.
    pub fn organization(&self) -> Option<&str> {
        self.organization.as_deref()
    }

    /// The OpenAI project sent as `OpenAI-Project`, if any.
    pub fn project(&self) -> Option<&str> {
        self.project.as_deref()
    }

    /// The proxy in front of the provider, if any.
    pub fn base_url(&self) -> Option<&Url> {
        self.base_url.as_ref()
    }

    /// What happens to a request that asks to be stored where the profile forbids it.
    pub fn on_store(&self) -> OnStore {
        self.on_store
    }

    /// What happens, under zero data retention, to Responses `input` items that point at stored
    /// state.
    pub fn on_stored_items(&self) -> OnStoredItems {
        self.on_stored_items
    }

    /// What happens to an endpoint the guard cannot classify.
    pub fn on_unknown_endpoint(&self) -> OnUnknownEndpoint {
        self.on_unknown_endpoint
    }

    /// The endpoints the retention agreement permits although the retention mode rules them out
    /// (key `allow`). Each waives the endpoint-eligibility rule (and the unknown-endpoint rule)
    /// for the requests it matches, nothing else: residency, model, tool and parameter rules
    /// still apply.
    pub fn allow(&self) -> &[EndpointPattern] {
        &self.allow
    }

    /// The endpoints the residency agreement permits outside the profile's region (key
    /// `allow_outside_region`). Each waives the residency rule for the requests it matches (the
    /// region's support for the endpoint; with per-request residency the request then goes to
    /// the global host), nothing else.
    pub fn allow_outside_region(&self) -> &[EndpointPattern] {
        &self.allow_outside_region
    }

    /// The extra denials.
    pub fn deny(&self) -> &[EndpointPattern] {
        &self.deny
    }

    /// The same profile without its `allow` entries: what the agreement alone permits. Reports
    /// compare the two to mark the decisions an `allow` entry turns from deny to allow.
    #[must_use]
    pub fn without_allow(&self) -> Profile {
        Profile {
            allow: Vec::new(),
            ..self.clone()
        }
    }

    /// The same profile without its `allow_outside_region` entries: what the residency agreement
    /// alone permits.
    #[must_use]
    pub fn without_allow_outside_region(&self) -> Profile {
        Profile {
            allow_outside_region: Vec::new(),
            ..self.clone()
        }
    }

    /// Whether the project is Global with per-request data residency (OpenAI): requests may go to
    /// the regional host of a region that processes the endpoint and model in-region.
    pub fn per_request_residency(&self) -> bool {
        self.per_request_residency
    }

    /// The hosted features the agreement permits (`web`, `code`, `mcp`, … as
    /// [`Feature`](crate::catalog::Feature) names them), and single item names as `type:<name>`.
    pub fn allow_tools(&self) -> &[String] {
        &self.allow_tools
    }

    /// Whether `allow_tools` waives the item `name` (a tool type, plugin id, header token or
    /// field path) of feature `feature`: it names the feature, or the item as `type:<name>`.
    pub fn waives(&self, feature: Option<crate::catalog::Feature>, name: &str) -> bool {
        self.allow_tools.iter().any(|a| {
            feature.is_some_and(|f| a == f.as_str()) || a.strip_prefix("type:") == Some(name)
        })
    }

    /// The models whose model rules the agreement waives.
    pub fn allow_models(&self) -> &[String] {
        &self.allow_models
    }

    /// The account or contract settings the profile confirms (key `confirm`): the assumptions the
    /// guard's decisions rest on, which no request shows.
    pub fn confirmations(&self) -> &[String] {
        &self.confirm
    }

    /// The deployments the profile declares, with where each processes prompts (key
    /// `deployments`, Azure OpenAI).
    pub fn deployments(&self) -> &std::collections::BTreeMap<String, DeploymentZone> {
        &self.deployments
    }

    /// What the adapters do when a response does not attest zero data retention.
    pub fn attest(&self) -> Attest {
        self.attest
    }

    /// The Fireworks account id, read by `verify`.
    pub fn account(&self) -> Option<&str> {
        self.account.as_deref()
    }

    /// Whether the profile forbids storing application state: `zero_data_retention`.
    pub fn is_zdr(&self) -> bool {
        self.retention == Retention::ZeroDataRetention
    }
}

/// Builds a [`Profile`] in code; [`build`](Self::build) runs the same validation as the loaders.
#[derive(Debug)]
pub struct ProfileBuilder {
    raw: RawProfile,
}

impl ProfileBuilder {
    /// Sets the label shown in logs and errors.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.raw.name = Some(name.into());
        self
    }

    /// Sets the project's data-residency region.
    pub fn region(mut self, region: Region) -> Self {
        self.raw.region = Some(region);
        self
    }

    /// Sets the OpenAI organization (`OpenAI-Organization`).
    pub fn organization(mut self, organization: impl Into<String>) -> Self {
        self.raw.organization = Some(organization.into());
        self
    }

    /// Sets the OpenAI project (`OpenAI-Project`).
    pub fn project(mut self, project: impl Into<String>) -> Self {
        self.raw.project = Some(project.into());
        self
    }

    /// Sets a proxy in front of the provider, e.g. `https://gateway.internal/v1`.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.raw.base_url = Some(base_url.into());
        self
    }

    /// Sets what happens to a request that asks to be stored where the profile forbids it.
    pub fn on_store(mut self, on_store: OnStore) -> Self {
        self.raw.on_store = Some(on_store);
        self
    }

    /// What happens, under zero data retention, to Responses `input` items that point at stored
    /// state (profile key `on_stored_items`).
    pub fn on_stored_items(mut self, on_stored_items: OnStoredItems) -> Self {
        self.raw.on_stored_items = Some(on_stored_items);
        self
    }

    /// Sets what happens to an endpoint the guard cannot classify.
    pub fn on_unknown_endpoint(mut self, on_unknown: OnUnknownEndpoint) -> Self {
        self.raw.on_unknown_endpoint = Some(on_unknown);
        self
    }

    /// Adds an endpoint the retention agreement permits although the retention mode rules it
    /// out, e.g. `"POST /v1/batches"` (key `allow`; it waives endpoint eligibility only).
    pub fn allow(mut self, entry: impl Into<String>) -> Self {
        self.raw.allow.push(entry.into());
        self
    }

    /// Adds an endpoint the residency agreement permits outside the profile's region, e.g.
    /// `"POST /v1/evals"` (key `allow_outside_region`; it waives the residency rule only).
    pub fn allow_outside_region(mut self, entry: impl Into<String>) -> Self {
        self.raw.allow_outside_region.push(entry.into());
        self
    }

    /// Adds an extra denial, e.g. `"POST /v1/images/generations"`.
    pub fn deny(mut self, entry: impl Into<String>) -> Self {
        self.raw.deny.push(entry.into());
        self
    }

    /// Declares a Global project with per-request data residency (OpenAI).
    pub fn per_request_residency(mut self, on: bool) -> Self {
        self.raw.per_request_residency = Some(on);
        self
    }

    /// Permits a hosted feature, e.g. `"mcp"` (see [`Feature`](crate::catalog::Feature)), or one
    /// item the catalog does not know, as `"type:<name>"`.
    pub fn allow_tool(mut self, tool: impl Into<String>) -> Self {
        self.raw.allow_tools.push(tool.into());
        self
    }

    /// Waives the model rules for one model id.
    pub fn allow_model(mut self, model: impl Into<String>) -> Self {
        self.raw.allow_models.push(model.into());
        self
    }

    /// Confirms a setting the guard cannot see, e.g. `"together.prompt_storage_disabled"`.
    pub fn confirm(mut self, name: impl Into<String>) -> Self {
        self.raw.confirm.push(name.into());
        self
    }

    /// Sets what the adapters do when a response does not attest zero data retention.
    pub fn attest(mut self, attest: Attest) -> Self {
        self.raw.attest = Some(attest);
        self
    }

    /// Sets the Fireworks account id `verify` reads the account policy of.
    pub fn account(mut self, account: impl Into<String>) -> Self {
        self.raw.account = Some(account.into());
        self
    }

    /// Declares where Azure deployment `name` processes prompts (profile key `deployments`).
    pub fn deployment(mut self, name: impl Into<String>, zone: DeploymentZone) -> Self {
        self.raw.deployments.insert(name.into(), zone);
        self
    }

    /// Validates and returns the profile.
    ///
    /// # Errors
    /// [`ProfileError`] as for [`Profile::from_toml_str`].
    pub fn build(self) -> Result<Profile, ProfileError> {
        self.raw.validate()
    }
}
