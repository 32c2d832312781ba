//! The instrument: items and their scales for both forms, the pages they are
//! shown on, answers with their missing codes, scoring (0–100 per dimension,
//! draagkracht, draaglast, balans) and the text an item is read aloud with.
//!
//! What does not live here: a questionnaire in progress on the device
//! (`questionnaire`), or how answers are compared and analysed
//! (`professional`, `research`).

mod answers;
mod form_text;
mod items;
mod read_aloud;
mod scoring;

pub use answers::{Answer, Answers, Missing};
pub use form_text::{form_keys, FormText};
pub use items::{
    form_items, item_by_id, pages, Asked, Dimension, Domain, Forms, Item, ItemKeys, ItemKind,
    Moment, Page, Role, Scale, Section, INSTRUMENT_VERSION, INTERVENTIONS, ITEMS, SCALES,
};
pub use read_aloud::spoken_text;
pub use scoring::{behaviour_score, score, shortfalls, Scores, Shortfall};
