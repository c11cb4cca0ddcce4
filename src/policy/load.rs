//! Loading a policy: from profiles in code, or from a TOML file of one profile or of
//! `[[profile]]` tables, validated as a whole (rule 4 of the policy).

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::{Inner, Mode, OnUnknownHost, Policy};
use crate::catalog::Catalog;
use crate::guard::Guard;
use crate::profile::source::{PROFILE_KEYS, ProfileTable, Source};
use crate::profile::{Origin, Profile, ProfileError};

/// The SHA-256 of a policy file's bytes, in lower-case hex: [`Policy::digest`].
pub(super) fn digest(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write;
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The keys of a policy file beside `[[profile]]` tables.
const POLICY_KEYS: [&str; 2] = ["mode", "on_unknown_host"];

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
        Self::assemble(profiles.into_iter().collect(), None, None, None, None)
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
        Self::parse(text, None).map(|p| p.digested(text))
    }

    /// Reads, parses and validates a policy file.
    ///
    /// # Errors
    /// [`ProfileError::Io`] if the file cannot be read, otherwise as
    /// [`from_toml_str`](Self::from_toml_str), naming the file.
    pub fn from_toml_file(path: impl AsRef<Path>) -> Result<Self, ProfileError> {
        let path = path.as_ref();
        let text = ProfileError::read(path)?;
        Self::parse(&text, Some(path.display().to_string())).map(|p| p.digested(&text))
    }

    /// The same policy, recording the SHA-256 of `text` as its digest.
    fn digested(self, text: &str) -> Self {
        use sha2::{Digest, Sha256};
        use std::fmt::Write;
        let hex =
            Sha256::digest(text.as_bytes())
                .iter()
                .fold(String::with_capacity(64), |mut s, b| {
                    let _ = write!(s, "{b:02x}");
                    s
                });
        self.rebuild(|inner| inner.digest = Some(hex.into()))
    }

    fn parse(text: &str, origin: Option<String>) -> Result<Self, ProfileError> {
        let source = Source {
            text,
            file: origin.clone(),
        };
        let root = source.parse()?;
        let span = root.span();
        let mut table = root.into_inner();
        let mut keys = DeTable::new();
        for key in POLICY_KEYS {
            if let Some((k, v)) = table.remove_entry(key) {
                keys.insert(k, v);
            }
        }
        for (key, value) in &keys {
            let checked = match (key.get_ref().as_ref(), value.get_ref()) {
                ("mode", DeValue::String(s)) => s.parse::<Mode>().map(drop),
                ("on_unknown_host", DeValue::String(s)) => s.parse::<OnUnknownHost>().map(drop),
                _ => Ok(()),
            };
            checked.map_err(|e| e.at(source.origin(value.span().start)))?;
        }
        let keys = PolicyKeys::deserialize(ValueDeserializer::from(Spanned::new(
            span.clone(),
            DeValue::Table(keys),
        )))
        .map_err(|e| source.toml_error(&e))?;
        let Some(list) = table.remove("profile") else {
            // A policy of one profile: its keys beside the policy keys.
            let profile = ProfileTable {
                source: &source,
                table,
                span,
                env: Vec::new(),
            }
            .load()?;
            return Self::assemble(vec![profile], keys.mode, keys.on_unknown_host, origin, None);
        };
        if let Some((key, _)) = table.iter().next() {
            let name: &str = key.get_ref();
            let reason = if PROFILE_KEYS.contains(&name) {
                format!(
                    "`{name}` is a profile key outside any `[[profile]]`; put it under its \
                     `[[profile]]`"
                )
            } else {
                let known = POLICY_KEYS.iter().copied().chain(["profile"]);
                format!(
                    "unknown key `{name}`: a policy file has `mode`, `on_unknown_host` and \
                     `[[profile]]` tables{}",
                    crate::profile::hint(crate::profile::nearest(name, known))
                )
            };
            return Err(ProfileError::Policy {
                origin: None,
                reason,
            }
            .at(source.origin(key.span().start)));
        }
        let at_list = source.origin(list.span().start);
        let DeValue::Array(list) = list.into_inner() else {
            return Err(ProfileError::Parse {
                origin: None,
                message: "`profile` must be an array of tables (`[[profile]]`)".to_owned(),
            }
            .at(at_list));
        };
        // Errors inside a profile name the file once, in `InProfile`.
        let inner = Source { text, file: None };
        let mut profiles = Vec::with_capacity(list.len());
        let mut starts = Vec::with_capacity(list.len());
        for (i, item) in list.into_iter().enumerate() {
            let item_span = item.span();
            let DeValue::Table(t) = item.into_inner() else {
                return Err(ProfileError::Parse {
                    origin: None,
                    message: format!("`profile` #{} is not a table", i + 1),
                }
                .at(source.origin(item_span.start)));
            };
            let label = match t.get("name").map(|v| v.get_ref()) {
                Some(DeValue::String(n)) => format!("`{n}` (#{})", i + 1),
                _ => format!("#{}", i + 1),
            };
            let profile = ProfileTable {
                source: &inner,
                table: t,
                span: item_span.clone(),
                env: Vec::new(),
            }
            .load()
            .map_err(|error| ProfileError::InProfile {
                profile: label,
                origin: origin.clone(),
                error: Box::new(error),
            })?;
            profiles.push(profile);
            starts.push(source.origin(item_span.start));
        }
        if profiles.is_empty() {
            return Err(ProfileError::Policy {
                origin,
                reason: "the policy has no `[[profile]]`".to_owned(),
            });
        }
        Self::assemble(
            profiles,
            keys.mode,
            keys.on_unknown_host,
            origin,
            Some(starts),
        )
    }

    /// Checks the policy as a whole. `starts` are where each profile is in the policy file:
    /// an error about two profiles points at the second.
    fn assemble(
        profiles: Vec<Profile>,
        mode: Option<Mode>,
        on_unknown_host: Option<OnUnknownHost>,
        origin: Option<String>,
        starts: Option<Vec<Origin>>,
    ) -> Result<Self, ProfileError> {
        let fail = |reason: String| {
            Err(ProfileError::Policy {
                origin: origin.clone(),
                reason,
            })
        };
        let fail_at = |j: usize, reason: String| match starts.as_ref().and_then(|s| s.get(j)) {
            Some(at) => Err(ProfileError::Policy {
                origin: None,
                reason,
            }
            .at(at.clone())),
            None => fail(reason),
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
            for (j, b) in profiles.iter().enumerate().skip(i + 1) {
                if a.name() == b.name() {
                    return fail_at(
                        j,
                        format!(
                            "two profiles are named `{}`: give each a distinct `name`",
                            a.name()
                        ),
                    );
                }
                if territory(a) == territory(b)
                    && (a.project() == b.project()
                        || (a.project().is_none() && b.project().is_none()))
                {
                    return fail_at(
                        j,
                        format!(
                            "profiles `{}` and `{}` cover the same host and base path, and no \
                         `project` tells them apart: give each its `project`, or a distinct \
                         `base_url`",
                            a.name(),
                            b.name()
                        ),
                    );
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
                    OnUnknownHost::FailOpen
                }),
                observers: Vec::new(),
                digest: None,
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
