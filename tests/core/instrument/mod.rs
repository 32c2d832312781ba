//! `core::instrument`: the items and their invariants, scoring, and the
//! plain language of the citizen's texts.

mod invariants;
mod plain_language;
mod professional_wording;
mod scoring;
