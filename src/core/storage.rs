//! The stored schema: which keys hold what, how values are written, and how
//! values written by earlier versions are read (migrations).
//!
//! Every questionnaire is its own key (`balans.q.<id>`), so saving one answer
//! writes one small value. Each stored value carries its schema version as
//! `"schema"`. A value that cannot be read is never overwritten: the UI moves
//! it to `balans.quarantine.<original key>` and tells the person.

use serde::{Deserialize, Serialize};

use super::i18n::Lang;
use super::questionnaire::Questionnaire;

/// The schema version this app writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Prefix of every key the app owns.
pub const KEY_PREFIX: &str = "balans.";

/// Prefix of questionnaire keys.
pub const QUESTIONNAIRE_PREFIX: &str = "balans.q.";

/// Prefix under which unreadable values are set aside.
pub const QUARANTINE_PREFIX: &str = "balans.quarantine.";

/// Key of the device settings.
pub const SETTINGS_KEY: &str = "balans.settings";

/// Key of a questionnaire.
pub fn questionnaire_key(id: &str) -> String {
    format!("{QUESTIONNAIRE_PREFIX}{id}")
}

/// Key under which an unreadable value of `key` is set aside.
pub fn quarantine_key(key: &str) -> String {
    format!("{QUARANTINE_PREFIX}{key}")
}

/// Why a stored value cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MigrateError {
    /// Not JSON at all, or cut off.
    Corrupt,
    /// Written by a newer version of Balans than this one.
    FutureVersion {
        /// The schema version found.
        found: u32,
    },
    /// JSON, but not the shape that version had.
    Invalid,
}

impl MigrateError {
    /// Catalogue key of the message shown to the person.
    pub fn message_key(&self) -> &'static str {
        match self {
            MigrateError::Corrupt | MigrateError::Invalid => "storage.unreadable.corrupt",
            MigrateError::FutureVersion { .. } => "storage.unreadable.future",
        }
    }
}

#[derive(Serialize)]
struct Versioned<'a, T> {
    schema: u32,
    #[serde(flatten)]
    value: &'a T,
}

#[derive(Deserialize)]
struct SchemaOnly {
    schema: Option<u32>,
}

fn schema_of(value: &serde_json::Value) -> Result<u32, MigrateError> {
    let found: SchemaOnly =
        serde_json::from_value(value.clone()).map_err(|_| MigrateError::Invalid)?;
    let found = found.schema.ok_or(MigrateError::Invalid)?;
    if found > SCHEMA_VERSION {
        return Err(MigrateError::FutureVersion { found });
    }
    Ok(found)
}

/// Writes a questionnaire as stored JSON.
pub fn encode_questionnaire(q: &Questionnaire) -> String {
    encode_versioned(q)
}

/// Reads a stored questionnaire of any schema version up to this one.
pub fn decode_questionnaire(stored: &str) -> Result<Questionnaire, MigrateError> {
    // Version 1 is the first schema. A later version adds, per older
    // version, a step that turns its JSON into the next one before the read.
    decode_versioned(stored)
}

/// Writes any stored record as JSON carrying the current schema version.
/// Records of other screens (workspace, research data) use this and
/// [`decode_versioned`], each under its own key.
pub fn encode_versioned<T: Serialize>(value: &T) -> String {
    serde_json::to_string(&Versioned {
        schema: SCHEMA_VERSION,
        value,
    })
    .expect("stored records always serialize")
}

/// Reads a record written by [`encode_versioned`] (of this or an earlier
/// schema version); corrupt or newer values are refused, never guessed.
pub fn decode_versioned<T: for<'de> Deserialize<'de>>(stored: &str) -> Result<T, MigrateError> {
    let value: serde_json::Value =
        serde_json::from_str(stored).map_err(|_| MigrateError::Corrupt)?;
    let _from_version = schema_of(&value)?;
    serde_json::from_value(value).map_err(|_| MigrateError::Invalid)
}

/// Device settings, shared by every screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Settings {
    /// The chosen language; `None` until the person picks one.
    #[serde(default)]
    pub lang: Option<Lang>,
    /// Larger text throughout.
    #[serde(default)]
    pub large_text: bool,
}

/// Writes the settings as stored JSON.
pub fn encode_settings(settings: &Settings) -> String {
    encode_versioned(settings)
}

/// Reads stored settings; unreadable settings fall back to the defaults
/// (they hold no answers, so nothing is lost).
pub fn decode_settings(stored: &str) -> Settings {
    serde_json::from_str(stored).unwrap_or_default()
}
