//! A questionnaire on the device: its answers, screen, consent and progress,
//! how two windows' copies merge, and the stored schema every record uses
//! (keys, versions, migrations, set-aside values, device settings), and the
//! citizen's own say beside the answers (topics to talk about, how the form
//! was filled in).
//!
//! What does not live here: the items themselves (`instrument`), or the file
//! a questionnaire is sent as (`exchange`).

mod model;
mod say;
mod schema;

pub use model::{
    questionnaire_id, AnswerError, Consent, Merged, Progress, Questionnaire, Screen,
    CONSENT_TEXT_VERSION, SEND_REMINDER_AFTER,
};
pub use say::{
    change_sentences, Mode, OwnSay, Stamped, Topic, Topics, Trend, MAX_TOPIC_WORDS, TREND_BAND,
};
pub use schema::{
    check_stored, decode_questionnaire, decode_settings, decode_versioned, encode_questionnaire,
    encode_settings, encode_versioned, max_stored_len, quarantine_key, quarantined_from,
    questionnaire_key, MigrateError, Settings, KEY_PREFIX, MAX_STORED_LOCAL, MAX_STORED_STAFF,
    QUARANTINE_PREFIX, QUESTIONNAIRE_PREFIX, SCHEMA_VERSION, SETTINGS_KEY, STAFF_PREFIXES,
};
