//! Load errors of profiles and policies, and where in their source they are.
//!
//! Every error a loader returns names its origin: a file and the line and column of the key or
//! value at fault ([`Origin::Toml`]), or the environment variable that set it
//! ([`Origin::Env`]); in a policy of several profiles, also the profile
//! ([`ProfileError::InProfile`]). Unknown keys, values and variables name the nearest valid one
//! when one is near.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where a load error is in its source.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A position in TOML text.
    Toml {
        /// The file, when the text came from one and no enclosing error names it.
        file: Option<String>,
        /// The line, counting from 1.
        line: usize,
        /// The column in characters, counting from 1.
        column: usize,
    },
    /// The environment variable read by [`Profile::from_env`](super::Profile::from_env) that set
    /// the value at fault, or that would set the missing one.
    Env(String),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Toml {
                file: Some(file),
                line,
                column,
            } => write!(f, "`{file}`, line {line}, column {column}"),
            Self::Toml {
                file: None,
                line,
                column,
            } => write!(f, "line {line}, column {column}"),
            Self::Env(var) => write!(f, "environment variable `{var}`"),
        }
    }
}

/// A profile or policy could not be loaded. Every variant quotes the offending input; the
/// loaders wrap it in [`At`](Self::At) with its origin.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The TOML could not be parsed, or a value has the wrong type.
    #[error("invalid retention profile{}: {message}", origin.as_deref().map(|o| format!(" `{o}`")).unwrap_or_default())]
    Parse {
        /// The file the TOML came from, when no enclosing [`At`](Self::At) names it.
        origin: Option<String>,
        /// The parser's message, which quotes the input.
        message: String,
    },
    /// A key has a value the guard cannot accept, or values that contradict each other.
    #[error("invalid retention profile: `{key}` = `{value}`: {reason}")]
    Invalid {
        /// The profile key, e.g. `region`.
        key: &'static str,
        /// The offending value as given.
        value: String,
        /// Why it cannot be accepted, and the nearest valid value when one is near.
        reason: String,
    },
    /// A required key is absent.
    #[error("invalid retention profile: `{0}` is required")]
    Missing(&'static str),
    /// A key the profile or policy format does not have.
    #[error(
        "invalid retention profile: unknown key `{key}`{}",
        super::suggest::hint(*suggestion)
    )]
    UnknownKey {
        /// The key as written.
        key: String,
        /// The nearest valid key, if one is near.
        suggestion: Option<&'static str>,
    },
    /// A `RETENTION_GUARD_*` environment variable [`Profile::from_env`](super::Profile::from_env)
    /// does not read: a misspelling would otherwise be silently ignored.
    #[error(
        "unknown environment variable `{name}`: retention-guard reads `RETENTION_GUARD_PROFILE` \
         and the overrides listed in `ENV_OVERRIDES`{}",
        super::suggest::hint(*suggestion)
    )]
    UnknownVariable {
        /// The variable's name.
        name: String,
        /// The nearest variable the loader reads, if one is near.
        suggestion: Option<&'static str>,
    },
    /// [`Profile::from_env`](super::Profile::from_env) found no profile in the environment.
    #[error(
        "no retention profile in the environment: set `RETENTION_GUARD_PROFILE` to a TOML profile \
         file, or set `RETENTION_GUARD_PROVIDER` and `RETENTION_GUARD_RETENTION`"
    )]
    NotInEnvironment,
    /// A profile file could not be read.
    #[error("cannot read retention profile `{}`: {source}", path.display())]
    Io {
        /// The file that was read.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A profile of a policy is invalid: which one (its name and `#n`, counting from 1), in
    /// which file, and why.
    #[error("in profile {profile} of the policy{}: {error}", origin.as_deref().map(|o| format!(" `{o}`")).unwrap_or_default())]
    InProfile {
        /// The profile's `name` and `(#n)`, or `#n` for the n-th `[[profile]]` when it has none.
        profile: String,
        /// The policy file, if the policy came from one.
        origin: Option<String>,
        /// What is wrong with it.
        error: Box<ProfileError>,
    },
    /// The policy as a whole is invalid: two profiles with one name, two profiles the guard
    /// cannot tell apart, or an unknown policy key.
    #[error("invalid retention policy{}: {reason}", origin.as_deref().map(|o| format!(" `{o}`")).unwrap_or_default())]
    Policy {
        /// The policy file, if the policy came from one.
        origin: Option<String>,
        /// What is wrong, naming the profiles.
        reason: String,
    },
    /// An error and where it is: a file's line and column, or an environment variable.
    #[error("{origin}: {error}")]
    At {
        /// Where.
        origin: Origin,
        /// What.
        error: Box<ProfileError>,
    },
}

impl ProfileError {
    /// A short name for the error's kind, stable across releases: `parse`, `invalid`,
    /// `missing`, `unknown_key`, `unknown_variable`, `not_in_environment`, `io`, `policy`
    /// (an [`At`](Self::At) or [`InProfile`](Self::InProfile) has the kind of the error it
    /// wraps).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Parse { .. } => "parse",
            Self::Invalid { .. } => "invalid",
            Self::Missing(_) => "missing",
            Self::UnknownKey { .. } => "unknown_key",
            Self::UnknownVariable { .. } => "unknown_variable",
            Self::NotInEnvironment => "not_in_environment",
            Self::Io { .. } => "io",
            Self::Policy { .. } => "policy",
            Self::InProfile { error, .. } | Self::At { error, .. } => error.kind(),
        }
    }

    /// Where the error is, when the loader knows: the innermost origin.
    pub fn origin(&self) -> Option<&Origin> {
        match self {
            Self::At { origin, error } => error.origin().or(Some(origin)),
            Self::InProfile { error, .. } => error.origin(),
            _ => None,
        }
    }

    /// The profile key at fault, when the error names one.
    pub fn key(&self) -> Option<&str> {
        match self {
            Self::Invalid { key, .. } | Self::Missing(key) => Some(key),
            Self::UnknownKey { key, .. } => Some(key),
            Self::At { error, .. } | Self::InProfile { error, .. } => error.key(),
            _ => None,
        }
    }

    /// This error at `origin`.
    pub(crate) fn at(self, origin: Origin) -> Self {
        Self::At {
            origin,
            error: Box::new(self),
        }
    }

    /// Reads a profile or policy file, or says which one could not be read.
    pub(crate) fn read(path: &Path) -> Result<String, ProfileError> {
        std::fs::read_to_string(path).map_err(|source| ProfileError::Io {
            path: path.to_owned(),
            source,
        })
    }

    pub(crate) fn invalid(
        key: &'static str,
        value: impl fmt::Display,
        reason: impl Into<String>,
    ) -> Self {
        Self::Invalid {
            key,
            value: value.to_string(),
            reason: reason.into(),
        }
    }
}
