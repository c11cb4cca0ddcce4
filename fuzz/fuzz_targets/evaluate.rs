#![no_main]

// The checker lives under `tests/` so that the packaged crate's replay test (`tests/fuzz_corpus.rs`)
// carries it too; there is one copy.
#[path = "../../tests/fuzz/common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::check(data));
