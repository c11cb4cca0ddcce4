//! Loading a policy: from profiles in code, or from a TOML file of one profile or of
//! `[[profile]]` tables, validated as a whole (rule 4 of the policy).

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use super::{Inner, Mode, OnUnknownHost, Policy};
use crate::catalog::Catalog;
use crate::policy::Guard;
use crate::profile::{Profile, ProfileError};

/// The policy keys of a policy file, beside `[[profile]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyKeys {
    mode: Option<Mode>,
    on_unknown_host: Option<OnUnknownHost>,
}

impl Policy {
    /// A policy of `profiles`, in `enforce` mode, with the default `on_unknown_host`.
    ///
    /// # Errors
    /// [`ProfileError::Policy`] for duplicate names or profiles no host, base path or project
    /// tells apart.
    pub fn new(profiles: impl IntoIterator<Item = Profile>) -> Result<Self, ProfileError> {
        Self::assemble(profiles.into_iter().collect(), None, None, None)
    }

    /// The same policy with an explicit `on_unknown_host`.
    #[must_use]
    pub fn with_on_unknown_host(self, on_unknown_host: OnUnknownHost) -> Self {
        self.rebuild(|inner| inner.on_unknown_host = on_unknown_host)
    }

    /// Parses and validates a policy file's text: one profile (a policy of one), or policy keys
    /// (`mode`, `on_unknown_host`) and `[[profile]]` tables.
    ///
    /// # Errors
    /// [`ProfileError`]: TOML errors, errors of one profile (as
    /// [`ProfileError::InProfile`], naming it), and errors of the policy as a whole.
    pub fn from_toml_str(text: &str) -> Result<Self, ProfileError> {
        Self::parse(text, None)
    }

    /// Reads, parses and validates a policy file.
    ///
    /// # Errors
    /// [`ProfileError::Io`] if the file cannot be read, otherwise as
    /// [`from_toml_str`](Self::from_toml_str), naming the file.
    pub fn from_toml_file(path: impl AsRef<Path>) -> Result<Self, ProfileError> {
        let path = path.as_ref();
        let text = ProfileError::read(path)?;
        Self::parse(&text, Some(path.display().to_string()))
    }

    fn parse(text: &str, origin: Option<String>) -> Result<Self, ProfileError> {
        let parse_error = |message: String| ProfileError::Parse {
            origin: origin.clone(),
            message,
        };
        let mut table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| parse_error(e.to_string()))?;
        let mut keys = toml::Table::new();
        for key in ["mode", "on_unknown_host"] {
            if let Some(v) = table.remove(key) {
                keys.insert(key.to_owned(), v);
            }
        }
        let keys = PolicyKeys::deserialize(keys).map_err(|e| parse_error(e.to_string()))?;
        let profiles = match table.remove("profile") {
            None => vec![Profile::from_table(table).map_err(|e| match e {
                ProfileError::Parse { message, .. } => parse_error(message),
                other => other,
            })?],
            Some(list) => {
                if let Some(key) = table.keys().next() {
                    return Err(ProfileError::Policy {
                        origin,
                        reason: format!(
                            "`{key}` is neither a policy key (`mode`, `on_unknown_host`) nor in a \
                             `[[profile]]`; put profile keys under their `[[profile]]`"
                        ),
                    });
                }
                let toml::Value::Array(list) = list else {
                    return Err(parse_error(
                        "`profile` must be an array of tables (`[[profile]]`)".to_owned(),
                    ));
                };
                let mut profiles = Vec::with_capacity(list.len());
                for (i, item) in list.into_iter().enumerate() {
                    let toml::Value::Table(t) = item else {
                        return Err(parse_error(format!("`profile` #{} is not a table", i + 1)));
                    };
                    let label = match t.get("name") {
                        Some(toml::Value::String(n)) => format!("`{n}` (#{})", i + 1),
                        _ => format!("#{}", i + 1),
                    };
                    let profile =
                        Profile::from_table(t).map_err(|error| ProfileError::InProfile {
                            profile: label,
                            origin: origin.clone(),
                            error: Box::new(error),
                        })?;
                    profiles.push(profile);
                }
                if profiles.is_empty() {
                    return Err(ProfileError::Policy {
                        origin,
                        reason: "the policy has no `[[profile]]`".to_owned(),
                    });
                }
                profiles
            }
        };
        Self::assemble(profiles, keys.mode, keys.on_unknown_host, origin)
    }

    fn assemble(
        profiles: Vec<Profile>,
        mode: Option<Mode>,
        on_unknown_host: Option<OnUnknownHost>,
        origin: Option<String>,
    ) -> Result<Self, ProfileError> {
        let fail = |reason: String| {
            Err(ProfileError::Policy {
                origin: origin.clone(),
                reason,
            })
        };
        if profiles.is_empty() {
            return fail("a policy needs at least one profile".to_owned());
        }
        if profiles.len() > super::MAX_PROFILES {
            return fail(format!(
                "a policy holds at most {} profiles; this one has {}",
                super::MAX_PROFILES,
                profiles.len()
            ));
        }
        for (i, a) in profiles.iter().enumerate() {
            for b in &profiles[i + 1..] {
                if a.name() == b.name() {
                    return fail(format!(
                        "two profiles are named `{}`: give each a distinct `name`",
                        a.name()
                    ));
                }
                if territory(a) == territory(b)
                    && (a.project() == b.project()
                        || (a.project().is_none() && b.project().is_none()))
                {
                    return fail(format!(
                        "profiles `{}` and `{}` cover the same host and base path, and no \
                         `project` tells them apart: give each its `project`, or a distinct \
                         `base_url`",
                        a.name(),
                        b.name()
                    ));
                }
            }
        }
        let any_zdr = profiles.iter().any(Profile::is_zdr);
        Ok(Policy {
            inner: Arc::new(Inner {
                guards: profiles.into_iter().map(Guard::new).collect(),
                mode: mode.unwrap_or_default(),
                on_unknown_host: on_unknown_host.unwrap_or(if any_zdr {
                    OnUnknownHost::Deny
                } else {
                    OnUnknownHost::Allow
                }),
                observers: Vec::new(),
            }),
        })
    }
}

/// Where a profile's requests go: its provider's hosts and base path, or its `base_url`'s origin
/// and path (lower case, no trailing slash).
fn territory(p: &Profile) -> (String, String) {
    let catalog = Catalog::of(p.provider());
    match p.base_url() {
        Some(url) if catalog.host_kind(crate::host::of(url)).is_none() => (
            format!(
                "{}://{}:{}",
                url.scheme(),
                crate::host::of(url).to_ascii_lowercase(),
                url.port_or_known_default().unwrap_or(0)
            ),
            url.path().trim_end_matches('/').to_ascii_lowercase(),
        ),
        _ => (
            format!("provider:{}", p.provider()),
            catalog.base_path().to_owned(),
        ),
    }
}
