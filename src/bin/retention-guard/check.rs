//! `retention-guard check`: validates a policy and reports, for each endpoint of each profile's
//! catalog, what the guard does with it — the artefact a compliance team reviews and signs.
//!
//! Each row is found by asking the policy engine, not restated: the guard evaluates a
//! representative request per method and catalog entry (a body with `"store": true`, another
//! with no `store`, and a compliant model where the profile limits models), and reports what it
//! decided. A row the profile's `allow` entries turn from deny to allow (the same request
//! evaluated without them is denied) is marked as an exception to the agreement.
//!
//! Every format (`--format table`, `markdown` or `json`) carries the crate version, the policy
//! file and its SHA-256, the date (`SOURCE_DATE_EPOCH` when set, for reproducible reports), the
//! routing and headers once per profile, the reason and the rule's source and read date on deny
//! rows, warnings (entries that match no catalog path) and what the guard cannot enforce.

use std::process::ExitCode;

use crate::command::{Outcome, ProfileArg};
use crate::report::{Format, Meta, ProfileReport};
use crate::rows;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    profile: ProfileArg,
    /// The report's format: an aligned table for the terminal, Markdown to file with a review,
    /// or JSON for tools (e.g. to compare two versions' reports).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Print JSON: the same as `--format json`.
    #[arg(long, conflicts_with = "format")]
    json: bool,
}

/// Validates the policy and reports its mode first, then one section per profile.
pub fn run(args: Args) -> Outcome {
    let policy = args.profile.policy()?;
    let meta = Meta::read(&args.profile.path, &policy)?;
    let profiles: Vec<ProfileReport> = policy
        .guards()
        .iter()
        .map(|guard| ProfileReport::new(guard, rows::rows(guard)))
        .collect();
    let format = if args.json { Format::Json } else { args.format };
    Ok((ExitCode::SUCCESS, format.render(&meta, &profiles)))
}
