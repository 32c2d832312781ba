//! The native tests of `balans::core`, as one test binary with a module per
//! core group (in the order of `src/core/mod.rs`), so `cargo test` links the
//! core and its dependencies (age, csv, statrs) once, not once per file.
//!
//! Run one group or one file with a name filter, e.g.
//! `cargo test --test core research::` or `cargo test --test core links::study`.
//! Fixture paths are relative to the package root, where `cargo test` runs
//! each test binary.

mod backup;
mod calendar;
mod errors;
mod exchange;
mod i18n;
mod instrument;
mod links;
mod lock;
mod own_say;
mod plan;
mod professional;
mod questionnaire;
mod research;

/// The fuzz targets' checks replayed on their corpus: it spans links,
/// stored questionnaires and imports, so it sits beside the groups.
mod fuzz_corpus;

/// Helpers shared by the modules above.
mod support;
