//! Every catalogue key named as a string literal in the source exists, so no
//! screen ever shows a bracketed key. Guards against typos in keys.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use balans::core::i18n::{catalogue, Lang};

fn rust_files(dir: &Path, out: &mut Vec<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            && !path.ends_with("nl.rs")
            && !path.ends_with("en.rs")
        {
            out.push(fs::read_to_string(&path).unwrap());
        }
    }
}

/// String literals of the form `a.b` or `a.b.c` (lowercase, digits, '_').
fn key_like_literals(source: &str) -> Vec<String> {
    source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.contains('.')
                && !s.starts_with('.')
                && !s.ends_with('.')
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn every_key_used_in_the_source_is_in_every_catalogue() {
    let keys: HashSet<&str> = catalogue(Lang::Nl).iter().map(|(k, _)| *k).collect();
    let namespaces: HashSet<&str> = keys.iter().map(|k| k.split('.').next().unwrap()).collect();
    let mut sources = Vec::new();
    rust_files(Path::new("src"), &mut sources);
    let mut checked = 0;
    for source in &sources {
        for literal in key_like_literals(source) {
            let namespace = literal.split('.').next().unwrap();
            if namespaces.contains(namespace) {
                assert!(
                    keys.contains(literal.as_str()),
                    "key {literal:?} is used but not in the catalogue"
                );
                checked += 1;
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} keys found: the scan is broken"
    );
}
