//! Replays the fuzz corpus (`fuzz/corpus/<target>/`) and every crash input
//! the fuzzers ever found (`fuzz/regressions/<target>/`) through the same
//! checks the fuzz targets run (`fuzz/checks.rs`), as ordinary tests: no
//! nightly needed, and a crash once found and fixed cannot come back
//! unnoticed. Fuzzing itself is in `fuzz/README.md`.

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

#[path = "../../fuzz/checks.rs"]
mod checks;

/// Runs `check` on every file of the target's corpus and regressions;
/// returns how many inputs it ran.
fn replay(target: &str, check: fn(&[u8])) -> usize {
    let mut ran = 0;
    for dir in ["fuzz/corpus", "fuzz/regressions"] {
        let dir = Path::new(dir).join(target);
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if !path.is_file() || path.file_name().is_some_and(|n| n == "README.md") {
                continue;
            }
            let input = fs::read(&path).unwrap();
            if catch_unwind(AssertUnwindSafe(|| check(&input))).is_err() {
                panic!("{target}: {} fails its check", path.display());
            }
            ran += 1;
        }
    }
    ran
}

#[test]
fn link_corpus_and_regressions() {
    assert!(replay("link", checks::link) >= 10);
}

#[test]
fn storage_corpus_and_regressions() {
    assert!(replay("storage", checks::storage) >= 3);
}

#[test]
fn import_corpus_and_regressions() {
    assert!(replay("import", checks::import) >= 4);
}

#[test]
fn screen_corpus_and_regressions() {
    assert!(replay("screen", checks::screen) >= 10);
}
