//! The pure core of Balans: no leptos, no web-sys, no gloo. Everything here is
//! plain data and functions, tested with `cargo test` on the host.

mod answers;
mod compare;
mod demo;
mod export;
mod i18n;
mod instrument;
mod link;
mod qr;
mod questionnaire;
mod read_aloud;
mod scoring;
mod storage;
mod time;
mod workspace;

pub use answers::{Answer, Answers, Missing};
pub use compare::{
    compare, previous_moment, Comparison, Group, Pair, Row, ScorePair, Topic, MARK_DIFFERENCE,
};
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
pub use qr::{fits_print, qr_svg, QrError, QrImage, LINK_PRINT_BUDGET};
pub use questionnaire::{
    questionnaire_id, AnswerError, Consent, Progress, Questionnaire, Screen, CONSENT_TEXT_VERSION,
};
pub use read_aloud::spoken_text;
pub use scoring::{item_score, score, Scores};
pub use storage::{
    decode_questionnaire, decode_settings, decode_versioned, encode_questionnaire, encode_settings,
    encode_versioned, quarantine_key, questionnaire_key, MigrateError, Settings, KEY_PREFIX,
    QUARANTINE_PREFIX, QUESTIONNAIRE_PREFIX, SCHEMA_VERSION, SETTINGS_KEY,
};
pub use time::{date, iso8601, parse_iso8601, Millis};
pub use workspace::{
    generate_identity, import_key, next_moment, validate_member, workspace_id, workspace_key,
    AddRespondentError, ImportedForm, KeyBackup, MemberError, MomentStatus, NameError, NextMoment,
    Respondent, Step, Track, Urgency, Workspace, WorkspaceImportError, DUE_WINDOW_DAYS,
    IMPORT_PREFIX, T1_AFTER_DAYS, T2_AFTER_DAYS, WORKSPACE_PREFIX,
};
