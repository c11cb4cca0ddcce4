//! Replays the fuzz corpus (`fuzz/corpus/evaluate`) on the stable toolchain: every input must
//! run without a panic, and rewrites must be fixed points. New inputs come from
//! `cargo +nightly fuzz run evaluate` in `fuzz/`.

#[path = "../fuzz/fuzz_targets/common.rs"]
mod common;

#[test]
fn the_fuzz_corpus_replays_cleanly() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/evaluate");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("the corpus directory exists") {
        let path = entry.unwrap().path();
        common::check(&std::fs::read(&path).unwrap());
        count += 1;
    }
    assert!(
        count >= 10,
        "only {count} corpus inputs in {}",
        dir.display()
    );
}
