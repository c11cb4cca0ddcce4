//! Replays fuzz inputs on the stable toolchain with the fuzz target's own checker
//! (`tests/fuzz/common.rs`): every input must run without a panic, rewrites must be fixed points,
//! and what the guard lets through must pass the differential oracle.
//!
//! Two corpora:
//! - `tests/data/fuzz-corpus/`: the fuzz corpus minimised to the inputs that reach every coverage
//!   edge the full corpus reaches (`cargo fuzz cmin` with `-use_counters=0`). It ships in the
//!   packaged crate, so this test runs from the `.crate` file alone. Regenerate it after a
//!   fuzzing campaign, from `fuzz/`:
//!
//!   ```text
//!   rm -rf ../tests/data/fuzz-corpus && cp -r corpus/evaluate ../tests/data/fuzz-corpus
//!   cargo +nightly fuzz cmin evaluate ../tests/data/fuzz-corpus -- -use_counters=0
//!   ```
//!
//!   and set [`MINIMISED`] to the new count.
//! - `fuzz/corpus/evaluate/`: the full corpus that `cargo +nightly fuzz run evaluate` grows. It is
//!   not packaged; in a checkout of the repository it is replayed too.

use std::path::{Path, PathBuf};

#[path = "fuzz/common.rs"]
mod common;

/// The number of inputs in `tests/data/fuzz-corpus/`: a packaged crate that lost some of them
/// (an `exclude` too wide, a truncated copy) fails here instead of replaying less in silence.
const MINIMISED: usize = 1183;

fn replay(dir: &Path) -> usize {
    let mut count = 0;
    for entry in std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read the corpus {}: {e}", dir.display()))
    {
        let path = entry.unwrap().path();
        common::check(&std::fs::read(&path).unwrap());
        count += 1;
    }
    count
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_minimised_fuzz_corpus_replays_cleanly() {
    let dir = root().join("tests/data/fuzz-corpus");
    let count = replay(&dir);
    assert_eq!(
        count,
        MINIMISED,
        "{} holds {count} inputs, {MINIMISED} expected (after regenerating it, update MINIMISED)",
        dir.display()
    );
}

#[test]
fn the_full_fuzz_corpus_replays_cleanly_in_a_checkout() {
    let dir = root().join("fuzz/corpus/evaluate");
    if !dir.is_dir() {
        eprintln!(
            "SKIPPED: {} is not here (the packaged crate leaves the fuzz crate out)",
            dir.display()
        );
        return;
    }
    let count = replay(&dir);
    assert!(
        count >= MINIMISED,
        "the full corpus {} holds {count} inputs, fewer than the {MINIMISED} of its minimised copy",
        dir.display()
    );
}
