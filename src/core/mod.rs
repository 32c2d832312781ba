//! The pure core of Balans: no leptos, no web-sys, no gloo. Everything here is
//! plain data and functions, tested with `cargo test` on the host.

mod answers;
mod demo;
mod export;
mod i18n;
mod instrument;
mod link;
mod questionnaire;
mod scoring;
mod storage;
mod time;

pub use answers::{Answer, Answers, Missing};
pub use demo::{demo_invitation, demo_study, DEMO_RESEARCHER_KEY};
pub use export::{
    decrypt, decrypt_bytes, encrypt, encrypt_bytes, parse_envelope, parse_identity, ConsentRecord,
    Envelope, ExportError, ImportError, KeyError, APP_VERSION, EXPORT_FORMAT, EXPORT_VERSION,
};
pub use i18n::{catalogue, has_text, text, text_with, Lang};
pub use instrument::{
    form_items, item_by_id, pages, Asked, Dimension, Domain, Forms, Item, ItemKind, Moment, Page,
    Role, Scale, Section, INSTRUMENT_VERSION, ITEMS, SCALES,
};
pub use link::{
    invitation_fragment, invitation_link, is_valid_public_key, link_kind, parse_invitation,
    parse_study, study_fragment, validate_respondent_code, Invitation, LinkError, LinkKind,
    RespondentCodeError, Study, LINK_VERSION,
};
pub use questionnaire::{
    questionnaire_id, AnswerError, Consent, Merged, Progress, Questionnaire, Screen,
    CONSENT_TEXT_VERSION, SEND_REMINDER_AFTER,
};
pub use scoring::{item_score, score, Scores};
pub use storage::{
    check_stored, decode_questionnaire, decode_settings, decode_versioned, encode_questionnaire,
    encode_settings, encode_versioned, quarantine_key, quarantined_from, questionnaire_key,
    rescue_file, rescue_readers, Merge, MigrateError, Rescue, RescueError, Settings, KEY_PREFIX,
    QUARANTINE_PREFIX, QUESTIONNAIRE_PREFIX, RESCUE_FORMAT, RESCUE_VERSION, SCHEMA_VERSION,
    SETTINGS_KEY,
};
pub use time::{date, iso8601, parse_iso8601, Millis};
