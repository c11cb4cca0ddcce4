//! What every command shares: its outcome, its usage errors and its `--profile` argument.

use std::path::PathBuf;
use std::process::ExitCode;

use retention_guard::Policy;

/// What a command prints on standard output, and its exit status.
pub type Outcome = Result<(ExitCode, String), UsageError>;

/// A usage error or an invalid profile: printed on standard error, exit status 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl<E: std::fmt::Display> From<E> for UsageError {
    fn from(e: E) -> Self {
        Self(e.to_string())
    }
}

/// The `--profile FILE` (or `--policy FILE`) argument every command takes.
#[derive(Debug, clap::Args)]
pub struct ProfileArg {
    /// The retention policy (TOML): one profile, or `[[profile]]` tables.
    #[arg(long = "profile", visible_alias = "policy", value_name = "FILE")]
    pub path: PathBuf,
}

impl ProfileArg {
    /// Loads and validates the policy.
    pub fn policy(&self) -> Result<Policy, UsageError> {
        Ok(Policy::from_toml_file(&self.path)?)
    }
}
