//! The pure core of Balans: no leptos, no web-sys, no gloo. Everything here is
//! plain data and functions, tested with `cargo test` on the host.

mod analysis;
mod answers;
mod approach_data;
mod codebook;
mod compare;
mod dataset;
mod demo;
mod export;
mod i18n;
mod import;
mod instrument;
mod interview;
mod link;
mod plan;
mod qr;
mod questionnaire;
mod read_aloud;
mod scoring;
mod stats;
mod storage;
mod study;
mod synthetic;
mod time;
mod workspace;

pub use analysis::{
    analyse, Agreement, Analysis, Change, MeasureRow, AGREEMENT_CSV_NAME, CHANGE_CSV_NAME,
    COMPARISONS, MOMENTS_CSV_NAME,
};
pub use answers::{Answer, Answers, Missing};
pub use approach_data::{
    approach_sheets, goals_sheet, interview_sheet, latest_plans, plan_of, plans_sheet, steps_sheet,
    Kind, Sheet, SheetColumn, INTERVIEW_CSV_NAME, PLANS_CSV_NAME, PLAN_GOALS_CSV_NAME,
    PLAN_STEPS_CSV_NAME,
};
pub use codebook::{
    codebook_csv, construction, measure_label, spss_syntax, value_labels, variable_label,
    CODEBOOK_NAME,
};
pub use compare::{
    compare, previous_moment, Comparison, Group, Pair, Row, ScorePair, Topic, MARK_DIFFERENCE,
};
pub use dataset::{
    long_table, missing_codes, variables, wide_suffix, wide_table, Cell, Column, Measure, Meta,
    Table, Var, LONG_CSV_NAME, WIDE_CSV_NAME,
};
pub use demo::{demo_invitation, demo_study, DEMO_RESEARCHER_KEY};
pub use export::{
    decrypt, decrypt_bytes, encrypt, encrypt_bytes, parse_envelope, parse_identity, ConsentRecord,
    Envelope, ExportError, ImportError, KeyError, APP_VERSION, EXPORT_FORMAT, EXPORT_VERSION,
    EXPORT_VERSION_WITHOUT_PLAN,
};
pub use i18n::{catalogue, has_text, text, text_with, Lang};
pub use import::{
    check_envelope, read_export, FileOutcome, Importer, Outcome, Record, RecordKey, ResearchData,
    Summary, RESEARCH_DATA_KEY,
};
pub use instrument::{
    form_items, item_by_id, pages, Asked, Dimension, Domain, Forms, Item, ItemKind, Moment, Page,
    Role, Scale, Section, INSTRUMENT_VERSION, INTERVENTIONS, ITEMS, SCALES,
};
pub use interview::{
    guide, interview_key, GuideQuestion, Interview, InterviewMoment, Note, NoteError, Theme, GUIDE,
    INTERVIEW_PREFIX, MAX_NOTE,
};
pub use link::{
    invitation_fragment, invitation_link, is_valid_public_key, link_kind, parse_invitation,
    parse_study, study_fragment, validate_respondent_code, Invitation, LinkError, LinkKind,
    RespondentCodeError, Study, LINK_VERSION,
};
pub use plan::{
    plan_key, Capacity, Goal, Head, Idea, Plan, PlanError, Reached, ReachedCounts, Say, SayCounts,
    SmallStep, MAX_GOALS, MAX_OTHER_INTERVENTIONS, MAX_PLAN_TEXT, MAX_STEPS, OTHER_INTERVENTION,
    PLAN_PREFIX,
};
pub use qr::{fits_print, qr_svg, QrError, QrImage, LINK_PRINT_BUDGET};
pub use questionnaire::{
    questionnaire_id, AnswerError, Consent, Merged, Progress, Questionnaire, Screen,
    CONSENT_TEXT_VERSION, SEND_REMINDER_AFTER,
};
pub use read_aloud::spoken_text;
pub use scoring::{item_score, score, Scores};
pub use stats::{
    average_ranks, friedman, mean, paired_t, weighted_kappa, wilcoxon, Friedman, PairedT, Wilcoxon,
    WilcoxonMethod,
};
pub use storage::{
    check_stored, decode_questionnaire, decode_settings, decode_versioned, encode_questionnaire,
    encode_settings, encode_versioned, quarantine_key, quarantined_from, questionnaire_key,
    rescue_file, rescue_readers, Merge, MigrateError, Rescue, RescueError, Settings, KEY_PREFIX,
    QUARANTINE_PREFIX, QUESTIONNAIRE_PREFIX, RESCUE_FORMAT, RESCUE_VERSION, SCHEMA_VERSION,
    SETTINGS_KEY,
};
pub use study::{
    default_study, default_study_from, generate_identity, identity_file, identity_file_name,
    key_file_text, parse_study_file, public_key, secret_key_text, study_file, study_file_name,
    DefaultStudy, KeptKey, StudyDraft, StudyError, StudyFileError, MAX_CONSENT, MAX_CONTACT,
    MAX_NAME, RESEARCH_KEY_KEY, RESEARCH_STUDY_KEY, STUDY_FILE_FORMAT, STUDY_FILE_VERSION,
};
pub use synthetic::{synthetic_envelopes, Rng};
pub use time::{date, iso8601, parse_iso8601, Millis};
pub use workspace::{
    import_key, next_moment, validate_member, workspace_id, workspace_key, AddRespondentError,
    ImportedForm, KeyBackup, MemberError, MomentStatus, NameError, NextMoment, Respondent, Step,
    Track, Urgency, Workspace, WorkspaceImportError, DUE_WINDOW_DAYS, IMPORT_PREFIX, T1_AFTER_DAYS,
    T2_AFTER_DAYS, WORKSPACE_PREFIX,
};
