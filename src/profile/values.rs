//! The values a profile's keys take: provider, retention mode, region, and the two policies.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ProfileError;

/// A profile value with a fixed set of names: parsed with a "did you mean" for near misses.
pub(crate) trait Named: Copy + 'static {
    /// The profile key the value belongs to, e.g. `region`.
    const KEY: &'static str;
    /// Every value, in declaration order.
    const VALUES: &'static [Self];
    /// The value's name in profiles.
    fn name(self) -> &'static str;
}

/// Parses a value of `T` by name, or says which names there are and which one was meant.
pub(crate) fn parse_named<T: Named>(text: &str) -> Result<T, ProfileError> {
    if let Some(v) = T::VALUES.iter().find(|v| v.name() == text) {
        return Ok(*v);
    }
    let names = T::VALUES.iter().map(|v| v.name());
    let suggestion = super::suggest::nearest(text, names.clone());
    Err(ProfileError::Invalid {
        key: T::KEY,
        value: text.to_owned(),
        reason: format!(
            "not a known value (expected {}){}",
            names
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", "),
            super::suggest::hint(suggestion)
        ),
    })
}

/// `Named` and `FromStr` (with suggestions) for a value type with `as_str`.
macro_rules! named {
    ($ty:ty, $key:literal, $all:expr) => {
        impl $crate::profile::values::Named for $ty {
            const KEY: &'static str = $key;
            const VALUES: &'static [Self] = &$all;
            fn name(self) -> &'static str {
                self.as_str()
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::profile::ProfileError;

            /// Parses the name used in profiles; an unknown name is
            /// [`ProfileError::Invalid`](crate::ProfileError::Invalid), with the nearest valid
            /// name when there is one.
            fn from_str(s: &str) -> Result<Self, $crate::profile::ProfileError> {
                $crate::profile::values::parse_named(s)
            }
        }
    };
}
pub(crate) use named;

named!(Provider, "provider", Provider::ALL);
named!(Retention, "retention", Retention::ALL);
named!(Region, "region", Region::ALL);
named!(OnStore, "on_store", [OnStore::Rewrite, OnStore::Reject]);
named!(
    DeploymentZone,
    "deployments",
    [
        DeploymentZone::Regional,
        DeploymentZone::DataZoneUs,
        DeploymentZone::DataZoneEu,
        DeploymentZone::Global
    ]
);
named!(Attest, "attest", [Attest::Report, Attest::Enforce]);
named!(
    OnUnknownEndpoint,
    "on_unknown_endpoint",
    [OnUnknownEndpoint::Deny, OnUnknownEndpoint::Allow]
);

/// An LLM provider the guard has a catalog for.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Provider {
    /// OpenAI, `https://api.openai.com/v1` and its regional hosts.
    #[serde(rename = "openai")]
    OpenAi,
    /// Groq, `https://api.groq.com/openai/v1`.
    #[serde(rename = "groq")]
    Groq,
    /// Fireworks, `https://api.fireworks.ai/inference/v1`.
    #[serde(rename = "fireworks")]
    Fireworks,
    /// xAI, `https://api.x.ai/v1` and `https://us.api.x.ai/v1`.
    #[serde(rename = "xai")]
    Xai,
    /// Mistral, `https://api.mistral.ai/v1` and its regional hosts.
    #[serde(rename = "mistral")]
    Mistral,
    /// Together AI, `https://api.together.ai/v1` and its regional hosts.
    #[serde(rename = "together")]
    Together,
    /// Azure OpenAI (Azure Direct Models in Microsoft Foundry): per-resource hosts, named by the
    /// profile's `base_url` (`https://{resource}.openai.azure.com/openai/v1`).
    #[serde(rename = "azure_openai")]
    AzureOpenAi,
    /// OpenRouter, `https://openrouter.ai/api/v1` and its in-region hosts.
    #[serde(rename = "openrouter")]
    OpenRouter,
    /// Anthropic, `https://api.anthropic.com/v1` (its OpenAI SDK compatibility layer and API).
    #[serde(rename = "anthropic")]
    Anthropic,
    /// Google Gemini's OpenAI-compatible endpoint,
    /// `https://generativelanguage.googleapis.com/v1beta/openai`.
    #[serde(rename = "gemini")]
    Gemini,
}

impl Provider {
    /// Every provider, in declaration order.
    pub const ALL: [Provider; 10] = [
        Self::OpenAi,
        Self::Groq,
        Self::Fireworks,
        Self::Xai,
        Self::Mistral,
        Self::Together,
        Self::AzureOpenAi,
        Self::OpenRouter,
        Self::Anthropic,
        Self::Gemini,
    ];

    /// The name used in profiles, e.g. `openai` or `azure_openai`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::AzureOpenAi => "azure_openai",
            Self::OpenRouter => "openrouter",
            Self::OpenAi => "openai",
            Self::Groq => "groq",
            Self::Fireworks => "fireworks",
            Self::Xai => "xai",
            Self::Mistral => "mistral",
            Self::Together => "together",
            Self::Anthropic => "anthropic",
            Self::Gemini => "gemini",
        }
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The data-retention mode agreed with the provider (OpenAI's names).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Retention {
    /// No control: abuse-monitoring logs up to 30 days, application state as each endpoint keeps.
    Standard,
    /// Customer content excluded from abuse-monitoring logs; stateful endpoints stay usable.
    ModifiedAbuseMonitoring,
    /// No customer content retained: stateful endpoints, stored responses and state-dependent
    /// parameters are denied, and `store` is forced off.
    ZeroDataRetention,
}

impl Retention {
    /// Every retention mode, from the least to the most restrictive.
    pub const ALL: [Retention; 3] = [
        Self::Standard,
        Self::ModifiedAbuseMonitoring,
        Self::ZeroDataRetention,
    ];

    /// The name used in profiles, e.g. `zero_data_retention`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::ModifiedAbuseMonitoring => "modified_abuse_monitoring",
            Self::ZeroDataRetention => "zero_data_retention",
        }
    }
}

impl fmt::Display for Retention {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An OpenAI data-residency region, fixed per project when it is created.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Region {
    /// United States (`us.api.openai.com`).
    Us,
    /// Europe: EEA and Switzerland (`eu.api.openai.com`).
    Eu,
    /// Australia (`au.api.openai.com`).
    Au,
    /// Canada (`ca.api.openai.com`).
    Ca,
    /// Japan (`jp.api.openai.com`).
    Jp,
    /// India (`in.api.openai.com`).
    In,
    /// Singapore (`sg.api.openai.com`).
    Sg,
    /// South Korea (`kr.api.openai.com`).
    Kr,
    /// United Kingdom (`gb.api.openai.com`).
    Gb,
    /// United Arab Emirates (`ae.api.openai.com`).
    Ae,
}

impl Region {
    /// Every region, in declaration order.
    pub const ALL: [Region; 10] = [
        Self::Us,
        Self::Eu,
        Self::Au,
        Self::Ca,
        Self::Jp,
        Self::In,
        Self::Sg,
        Self::Kr,
        Self::Gb,
        Self::Ae,
    ];

    /// The region a lower-case two-letter name (`eu`) stands for.
    pub fn from_code(code: &str) -> Option<Region> {
        Self::ALL.into_iter().find(|r| r.as_str() == code)
    }

    /// The two-letter name used in profiles, e.g. `eu`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Us => "us",
            Self::Eu => "eu",
            Self::Au => "au",
            Self::Ca => "ca",
            Self::Jp => "jp",
            Self::In => "in",
            Self::Sg => "sg",
            Self::Kr => "kr",
            Self::Gb => "gb",
            Self::Ae => "ae",
        }
    }

    /// The region's OpenAI API host, e.g. `eu.api.openai.com`.
    pub const fn openai_host(self) -> &'static str {
        match self {
            Self::Us => "us.api.openai.com",
            Self::Eu => "eu.api.openai.com",
            Self::Au => "au.api.openai.com",
            Self::Ca => "ca.api.openai.com",
            Self::Jp => "jp.api.openai.com",
            Self::In => "in.api.openai.com",
            Self::Sg => "sg.api.openai.com",
            Self::Kr => "kr.api.openai.com",
            Self::Gb => "gb.api.openai.com",
            Self::Ae => "ae.api.openai.com",
        }
    }

    pub(crate) const fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the guard does with a request that asks the provider to store it where the profile
/// forbids storage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnStore {
    /// Rewrite the flag to `"store": false` and send the request (the default).
    #[default]
    Rewrite,
    /// Deny the request with [`ViolationKind::StoreNotAllowed`](crate::ViolationKind::StoreNotAllowed).
    Reject,
}

impl OnStore {
    /// The name used in profiles: `rewrite` or `reject`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Rewrite => "rewrite",
            Self::Reject => "reject",
        }
    }
}

/// Where an Azure deployment processes prompts: its deployment type, which the request does not
/// show (profile key `deployments`).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeploymentZone {
    /// A Standard (regional) deployment: processed in the resource's geography, which the
    /// profile's `region` names.
    Regional,
    /// A DataZone deployment of a resource in the United States: processed anywhere in the US.
    DataZoneUs,
    /// A DataZone deployment of a resource in the European Union: processed anywhere in the EU.
    DataZoneEu,
    /// A Global deployment: processed in any geography.
    Global,
}

impl DeploymentZone {
    /// The name used in profiles, e.g. `data_zone_eu`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Regional => "regional",
            Self::DataZoneUs => "data_zone_us",
            Self::DataZoneEu => "data_zone_eu",
            Self::Global => "global",
        }
    }

    /// Whether a deployment of this type processes prompts in `region` (for `regional`: the
    /// resource's geography, which the profile's `region` declares).
    pub fn processes_in(self, region: Region) -> bool {
        match self {
            Self::Regional => true,
            Self::DataZoneUs => region == Region::Us,
            Self::DataZoneEu => region == Region::Eu,
            Self::Global => false,
        }
    }
}

impl fmt::Display for DeploymentZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the adapters do when a response does not attest zero data retention (for providers that
/// attest it in a response header: xAI's `x-zero-data-retention`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attest {
    /// Report the mismatch to the observers and as a warning event (the default).
    #[default]
    Report,
    /// Also replace the response by an `attestation_mismatch` error, and refuse the profile's
    /// later requests until the application resets it (`Policy::reset_attestation`).
    Enforce,
}

impl Attest {
    /// The name used in profiles: `report` or `enforce`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Report => "report",
            Self::Enforce => "enforce",
        }
    }
}

/// What the guard does with an endpoint it cannot classify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnUnknownEndpoint {
    /// Deny it with [`ViolationKind::UnknownEndpoint`](crate::ViolationKind::UnknownEndpoint)
    /// (the default under `zero_data_retention`).
    Deny,
    /// Send it unchanged (the default otherwise).
    Allow,
}

impl OnUnknownEndpoint {
    /// The name used in profiles: `deny` or `allow`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Deny => "deny",
            Self::Allow => "allow",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names `FromStr` and `as_str` use are the ones serde reads: one list, not two.
    fn agrees<T: Named + Serialize + PartialEq + fmt::Debug + std::str::FromStr>()
    where
        T::Err: fmt::Debug,
    {
        for v in T::VALUES {
            let serde_name = serde_json::to_value(v).unwrap();
            assert_eq!(serde_name.as_str(), Some(v.name()), "{}", T::KEY);
            assert_eq!(v.name().parse::<T>().unwrap(), *v);
        }
    }

    #[test]
    fn names_agree_with_serde() {
        agrees::<Provider>();
        agrees::<Retention>();
        agrees::<Region>();
        agrees::<OnStore>();
        agrees::<DeploymentZone>();
        agrees::<Attest>();
        agrees::<OnUnknownEndpoint>();
    }

    #[test]
    fn unknown_names_suggest_the_nearest() {
        let e = "EU".parse::<Region>().unwrap_err().to_string();
        assert!(e.contains("did you mean `eu`?"), "{e}");
        let e = "zero_retention"
            .parse::<Retention>()
            .unwrap_err()
            .to_string();
        assert!(e.contains("did you mean `zero_data_retention`?"), "{e}");
        let e = "openia".parse::<Provider>().unwrap_err().to_string();
        assert!(e.contains("did you mean `openai`?"), "{e}");
        let e = "mars".parse::<Region>().unwrap_err().to_string();
        assert!(
            !e.contains("did you mean") && e.contains("`us`, `eu`"),
            "{e}"
        );
    }
}
