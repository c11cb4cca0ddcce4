//! `retention-guard`: explain what a retention profile does with a request, check a profile, and
//! verify the provider's side. Built with the `cli` feature:
//!
//! ```text
//! cargo run --features cli -- explain --profile retention.toml --url https://api.openai.com/v1/responses --body body.json
//! cargo run --features cli -- check --profile retention.toml [--format table|markdown|json]
//! cargo run --features cli -- verify --profile retention.toml
//! ```
//!
//! Exit status: `explain` 0 allow or rewrite, 1 deny; `check` 0 valid; `verify` 0 match, 1 mismatch,
//! 2 could not verify; every command 2 for usage errors and invalid profiles (a message on
//! standard error, nothing on standard output).

mod check;
mod command;
mod explain;
mod report;
mod rows;
#[cfg(feature = "serve")]
mod serve;
mod verify;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use command::UsageError;

/// Enforce and inspect LLM data-retention profiles (ZDR, modified abuse monitoring, residency).
#[derive(Debug, Parser)]
#[command(name = "retention-guard", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show what a profile does with one request: one JSON object on standard output; exit 0
    /// allow or rewrite, 1 deny, 2 usage error or invalid profile.
    Explain(explain::Args),
    /// Validate a profile and show what it does with each endpoint of its provider.
    Check(check::Args),
    /// Check that the provider's side (retention mode, residency) matches the profile; exit 0
    /// match, 1 mismatch, 2 could not verify.
    Verify(verify::Args),
    /// Serve the policy as a sidecar on loopback: an OpenAI-compatible base URL for SDKs in any
    /// language, every request decided as in-process before it is forwarded (feature `serve`).
    #[cfg(feature = "serve")]
    Serve(serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // One thread, unless the sidecar is asked for more (`serve --threads N`): a sidecar leaves the
    // other cores to the service beside it.
    #[cfg(feature = "serve")]
    let mut builder = match &cli.command {
        Command::Serve(args) if args.threads > 1 => {
            let mut b = tokio::runtime::Builder::new_multi_thread();
            b.worker_threads(args.threads);
            b
        }
        _ => tokio::runtime::Builder::new_current_thread(),
    };
    #[cfg(not(feature = "serve"))]
    let mut builder = tokio::runtime::Builder::new_current_thread();
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Explain(args) => explain::run(args).await,
            Command::Check(args) => check::run(args),
            Command::Verify(args) => verify::run(args).await,
            #[cfg(feature = "serve")]
            Command::Serve(args) => serve::run(args).await,
        }
    });
    match result {
        Ok((code, output)) => {
            // A closed pipe (`| head`) is not an error worth a panic.
            let mut stdout = std::io::stdout().lock();
            let _ = stdout
                .write_all(output.as_bytes())
                .and_then(|()| stdout.flush());
            code
        }
        Err(UsageError(message)) => {
            let _ = writeln!(std::io::stderr(), "error: {message}");
            ExitCode::from(2)
        }
    }
}
