//! The values a profile's keys take: provider, retention mode, region, and the two policies.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ProfileError;
use crate::catalog::{Provider, Region};

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
    // A fail-open setting's old name is an error that names the new one: a reviewer reading the
    // file sees what it does.
    if text == "allow" && T::VALUES.iter().any(|v| v.name() == "fail_open") {
        return Err(ProfileError::Invalid {
            key: T::KEY,
            value: text.to_owned(),
            reason: "renamed `fail_open` in 0.3 (it sends what the guard cannot classify, \
                     unchecked): write `fail_open` if that is what the agreement permits, or \
                     `deny`"
                .to_owned(),
        });
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
    ($ty:ty, $key:literal) => {
        named!($ty, $key, <$ty>::ALL);
    };
    ($ty:ty, $key:literal, $all:expr) => {
        impl $crate::profile::values::Named for $ty {
            const KEY: &'static str = $key;
            const VALUES: &'static [Self] = $all;
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

named!(Provider, "provider");
named!(Retention, "retention");
named!(Region, "region");
named!(OnStore, "on_store", &[OnStore::Rewrite, OnStore::Reject]);
named!(
    OnStoredItems,
    "on_stored_items",
    &[OnStoredItems::Deny, OnStoredItems::Strip]
);
named!(
    DeploymentZone,
    "deployments",
    &[
        DeploymentZone::Regional,
        DeploymentZone::DataZoneUs,
        DeploymentZone::DataZoneEu,
        DeploymentZone::Global
    ]
);
named!(Attest, "attest", &[Attest::Report, Attest::Enforce]);
named!(
    OnUnknownEndpoint,
    "on_unknown_endpoint",
    &[OnUnknownEndpoint::Deny, OnUnknownEndpoint::FailOpen]
);

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
    pub const ALL: &'static [Retention] = &[
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

/// What the guard does, under zero data retention, with a Responses request whose `input` has
/// items that point at stored state by id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnStoredItems {
    /// Deny the request (the default): the provider would fail it ("Items are not persisted for
    /// Zero Data Retention organizations").
    #[default]
    Deny,
    /// Remove those items, ask for `reasoning.encrypted_content` in `include`, and send the rest:
    /// the conversation continues from what the client holds.
    Strip,
}

impl OnStoredItems {
    /// The name used in profiles: `deny` or `strip`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Deny => "deny",
            Self::Strip => "strip",
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
    /// Send it unchanged, unchecked: fail open (the default outside `zero_data_retention`).
    FailOpen,
}

impl OnUnknownEndpoint {
    /// The name used in profiles: `deny` or `fail_open`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Deny => "deny",
            Self::FailOpen => "fail_open",
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
        agrees::<OnStoredItems>();
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
