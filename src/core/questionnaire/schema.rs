//! The stored schema: which keys hold what, how values are written, and how
//! values written by earlier versions are read (migrations).
//!
//! Every questionnaire is its own key (`balans.q.<id>`), so saving one answer
//! writes one small value. Each stored value carries its schema version as
//! `"schema"`. A value that cannot be read is never overwritten: the UI moves
//! it to `balans.quarantine.<original key>` and tells the person.
//!
//! Schema history (each version keeps a fixture in `tests/fixtures/storage/`):
//!
//! | schema | change |
//! |---|---|
//! | 1 | first release |
//! | 2 | questionnaires record when each answer was given, changed or cleared (`changed`), so that two windows' copies merge instead of the last save winning; other records are unchanged |
//! | 2 (same number) | workspaces gain change times (`renamed_at`, `members_added`, `last_invited_at`) and removal markers (`removed`, `removed_members`) so that two windows' copies merge. New fields with serde defaults only: an older version ignores them, reads what it knew unchanged and sees a removed respondent as absent (markers are kept outside the list), so the version is not raised (raising it would set every record aside in an older window). Fixture: `workspace_v2.json` |
//! | 3 | questionnaires keep saving and sending apart (issue 12: a download is not a sending): `saved_at` holds the times the file was saved on the device, `sent_at` only the times it was sent (share sheet, or the person said they sent the saved file). Version 2 wrote every download and every share into `sent_at` and cannot tell them apart; the migration moves those times to `saved_at`, so an old record reads as "saved, not sent yet". That errs on the safe side: a person who did send is asked to send again (the researcher's import recognises the second copy as a duplicate), while a person who only saved is no longer told the answers were sent. Other records are unchanged. Fixture: `schema_v3.json` |
//! | 3 (same number) | questionnaires gain the citizen's own say (`own_say`: topic marks, words for "something else", "nothing in particular", the mode, each with its change time; issue 13). A new field with a serde default, left out while empty: every earlier record reads unchanged, so the version is not raised (raising it would set every record aside in an older window). Fixture: `schema_v3_own_say.json` |
//! | 4 | respondent codes are upper case (issue 12: "r-0107" and "R-0107" were two respondents). A questionnaire's `invitation.r` is upper-cased, and its `id`, a hash of the code, is made again from the upper-case code when it was made from the old one; the app then moves it once to the key of its new id, merging it with a questionnaire already there (`store::rekey_lowercase_codes`). Every other record (workspace, plan, imported form, interview, research data) upper-cases its codes when it is read ([`crate::core::ids::RespondentCode`]), so it needs no step: a workspace unites respondents whose codes differ only in case, kept research data keeps one record per key by the import rule, and plans, interviews and imported forms move to the key their upper-case code gives. Fixtures: `schema_v3_lowercase_code.json`, `workspace_v3_case_twins.json`, `research_v3_lowercase_codes.json`; `schema_v4.json` |

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::model::{id_of, questionnaire_id, Questionnaire};
use crate::core::error::{display_as_problem, Problem};
use crate::core::i18n::Lang;
use crate::core::ids::{normalize_respondent_code, QuestionnaireId};
use crate::core::instrument::Role;
use crate::core::links::Invitation;
use crate::core::merge::Merge;

/// The schema version this app writes.
pub const SCHEMA_VERSION: u32 = 4;

/// Prefix of every key the app owns.
pub const KEY_PREFIX: &str = "balans.";

/// Prefix of questionnaire keys.
pub const QUESTIONNAIRE_PREFIX: &str = "balans.q.";

/// Prefix under which unreadable values are set aside.
pub const QUARANTINE_PREFIX: &str = "balans.quarantine.";

/// Separates the original key from the slot number in a quarantine key.
/// Keys the app writes never contain it.
const SLOT_MARK: char = '~';

/// Prefixes of the staff's records (workspace, imports, backup state,
/// research): the staff app keeps them in its database, not in localStorage
/// (see `ui::db`). Citizens' questionnaires (`balans.q.`), also the
/// professional's own forms, stay in localStorage: the citizen app opens
/// them too. So do the support plans (`balans.pro.p.`): the professional's
/// form carries the plan when it is sent, and its send screen may run in the
/// citizen app (an address `/q/…` opened after a reload), which has no
/// staff database. Plans are small.
pub const STAFF_PREFIXES: [&str; 4] = [
    "balans.pro.w.",
    "balans.pro.c.",
    "balans.pro.b.",
    "balans.research.",
];

/// Key of the device settings.
pub const SETTINGS_KEY: &str = "balans.settings";

/// Key of a questionnaire.
pub fn questionnaire_key(id: &QuestionnaireId) -> String {
    format!("{QUESTIONNAIRE_PREFIX}{id}")
}

/// Key under which an unreadable value of `key` is set aside, in slot
/// `slot`. Slot 0 is `balans.quarantine.<key>`; when that is taken (the same
/// key was unreadable before), the next free slot is used, so one set-aside
/// value never overwrites another.
pub fn quarantine_key(key: &str, slot: u32) -> String {
    if slot == 0 {
        format!("{QUARANTINE_PREFIX}{key}")
    } else {
        format!("{QUARANTINE_PREFIX}{key}{SLOT_MARK}{slot}")
    }
}

/// The original key of a quarantine key, or `None` when `key` is not one.
pub fn quarantined_from(key: &str) -> Option<&str> {
    let rest = key.strip_prefix(QUARANTINE_PREFIX)?;
    let original = rest.split(SLOT_MARK).next().unwrap_or(rest);
    (!original.is_empty()).then_some(original)
}

/// The longest stored text read from a key that lives in localStorage
/// (questionnaires, plans, settings), in bytes of UTF-8: four times the
/// largest questionnaire that can still be sent (its open answers at the
/// 20 000 characters an export allows, each character four bytes), and a
/// fifth of what a browser gives a site, so that setting such a value
/// aside (a copy, before the original goes) still fits. A longer value (a
/// hostile or broken one) is set aside unread, so parsing it can never hold
/// or stop the page.
pub const MAX_STORED_LOCAL: usize = 1024 * 1024;

/// The longest stored text read from a staff record in the staff database
/// (workspace, imports, research data), in bytes of UTF-8: room for a
/// workspace of thousands of respondents and for research data an older
/// version kept in a full localStorage, still parsed in well under a
/// second.
pub const MAX_STORED_STAFF: usize = 16 * 1024 * 1024;

/// The longest stored text read from `key` (or from the key a set-aside
/// value came from): [`MAX_STORED_STAFF`] for staff records,
/// [`MAX_STORED_LOCAL`] for everything else.
pub fn max_stored_len(key: &str) -> usize {
    let original = quarantined_from(key).unwrap_or(key);
    if STAFF_PREFIXES.iter().any(|p| original.starts_with(p)) {
        MAX_STORED_STAFF
    } else {
        MAX_STORED_LOCAL
    }
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
    /// Longer than any value Balans writes there ([`max_stored_len`]): set
    /// aside without being parsed.
    TooLarge,
}

impl Problem for MigrateError {
    fn message_key(&self) -> &'static str {
        match self {
            MigrateError::Corrupt | MigrateError::Invalid => "storage.unreadable.corrupt",
            MigrateError::FutureVersion { .. } => "storage.unreadable.future",
            MigrateError::TooLarge => "storage.unreadable.too_large",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            MigrateError::Corrupt | MigrateError::Invalid => "storage.unreadable.rescue_hint",
            MigrateError::FutureVersion { .. } => "storage.unreadable.future_hint",
            MigrateError::TooLarge => "storage.unreadable.too_large_hint",
        }
    }

    /// Also written into a rescue file.
    fn code(&self) -> &'static str {
        match self {
            MigrateError::Corrupt => "corrupt",
            MigrateError::FutureVersion { .. } => "future_version",
            MigrateError::Invalid => "invalid",
            MigrateError::TooLarge => "too_large",
        }
    }
}

display_as_problem!(MigrateError);

impl Merge for Questionnaire {
    fn merge_from(&mut self, stored: &Self) -> bool {
        self.merge(stored).changed()
    }
}

#[derive(Serialize)]
struct Versioned<'a, T> {
    schema: u32,
    #[serde(flatten)]
    value: &'a T,
}

/// The schema version of a parsed value; newer or missing versions refused.
fn schema_of(value: &Value) -> Result<u32, MigrateError> {
    let found = value
        .get("schema")
        .ok_or(MigrateError::Invalid)?
        .as_u64()
        .ok_or(MigrateError::Invalid)?;
    let found = u32::try_from(found).unwrap_or(u32::MAX);
    if found > SCHEMA_VERSION {
        return Err(MigrateError::FutureVersion { found });
    }
    if found == 0 {
        return Err(MigrateError::Invalid);
    }
    Ok(found)
}

/// Parses stored text and checks its schema version, without reading the
/// record itself: whether a value may be overwritten by this version.
pub fn check_stored(stored: &str) -> Result<u32, MigrateError> {
    if stored.len() > MAX_STORED_STAFF {
        return Err(MigrateError::TooLarge);
    }
    let value: Value = serde_json::from_str(stored).map_err(|_| MigrateError::Corrupt)?;
    schema_of(&value)
}

/// One migration step: turns a questionnaire's JSON of schema `n` into
/// schema `n + 1`. `QUESTIONNAIRE_STEPS[n - 1]` starts at schema `n`.
type Step = fn(&mut Map<String, Value>) -> Result<(), MigrateError>;

const QUESTIONNAIRE_STEPS: [Step; 3] = [
    questionnaire_v1_to_v2,
    questionnaire_v2_to_v3,
    questionnaire_v3_to_v4,
];

/// Schema 1 → 2: every answer gets a change time. Version 1 only knew when
/// the questionnaire as a whole last changed, so that time is the best (and
/// a safe) answer: it is never later than the real change.
fn questionnaire_v1_to_v2(record: &mut Map<String, Value>) -> Result<(), MigrateError> {
    let updated_at = record
        .get("updated_at")
        .and_then(Value::as_u64)
        .ok_or(MigrateError::Invalid)?;
    let changed: Map<String, Value> = match record.get("answers") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(answers)) => answers
            .keys()
            .map(|id| (id.clone(), Value::from(updated_at)))
            .collect(),
        Some(_) => return Err(MigrateError::Invalid),
    };
    record.insert("changed".into(), Value::Object(changed));
    Ok(())
}

/// Schema 2 → 3: the times in `sent_at` move to `saved_at`. Version 2 wrote
/// a download and a share alike, so none of them is known to have left the
/// device; "saved, not sent" is the reading that loses no answers (see the
/// schema history above).
fn questionnaire_v2_to_v3(record: &mut Map<String, Value>) -> Result<(), MigrateError> {
    let sent = match record.remove("sent_at") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(times)) => times,
        Some(_) => return Err(MigrateError::Invalid),
    };
    let mut saved = match record.remove("saved_at") {
        // Version 2 never wrote it; should a record have it anyway, its times
        // are kept rather than dropped.
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(times)) => times,
        Some(_) => return Err(MigrateError::Invalid),
    };
    saved.extend(sent);
    record.insert("saved_at".into(), Value::Array(saved));
    record.insert("sent_at".into(), Value::Array(Vec::new()));
    Ok(())
}

/// Schema 3 → 4: the respondent code in upper case, and the id that was a
/// hash of the old code made again from the new one, so the record lives
/// under one id whichever case its link had. An id that was not made from
/// the code (none the app writes) is left alone.
fn questionnaire_v3_to_v4(record: &mut Map<String, Value>) -> Result<(), MigrateError> {
    let invitation = record
        .get_mut("invitation")
        .and_then(Value::as_object_mut)
        .ok_or(MigrateError::Invalid)?;
    let written = invitation
        .get("r")
        .and_then(Value::as_str)
        .ok_or(MigrateError::Invalid)?
        .to_string();
    let upper = normalize_respondent_code(&written);
    if upper == written {
        return Ok(());
    }
    invitation.insert("r".into(), Value::from(upper));
    let invitation: Invitation = serde_json::from_value(Value::Object(invitation.clone()))
        .map_err(|_| MigrateError::Invalid)?;
    let role: Role = record
        .get("role")
        .and_then(|r| serde_json::from_value(r.clone()).ok())
        .ok_or(MigrateError::Invalid)?;
    let old_id = id_of(&invitation, &written, role);
    if record.get("id").and_then(Value::as_str) == Some(old_id.as_str()) {
        let id = questionnaire_id(&invitation, role);
        record.insert("id".into(), Value::from(id.as_str()));
    }
    Ok(())
}

/// Parses stored text and brings it up to [`SCHEMA_VERSION`] with `steps`.
fn migrate(stored: &str, steps: &[Step], max: usize) -> Result<Value, MigrateError> {
    if stored.len() > max {
        return Err(MigrateError::TooLarge);
    }
    let mut value: Value = serde_json::from_str(stored).map_err(|_| MigrateError::Corrupt)?;
    let from = schema_of(&value)?;
    let record = value.as_object_mut().ok_or(MigrateError::Invalid)?;
    for step in &steps[(from as usize - 1).min(steps.len())..] {
        step(record)?;
    }
    record.insert("schema".into(), Value::from(SCHEMA_VERSION));
    Ok(value)
}

/// Writes a questionnaire as stored JSON.
pub fn encode_questionnaire(q: &Questionnaire) -> String {
    encode_versioned(q)
}

/// Reads a stored questionnaire of any schema version up to this one,
/// migrating older versions step by step.
pub fn decode_questionnaire(stored: &str) -> Result<Questionnaire, MigrateError> {
    let value = migrate(stored, &QUESTIONNAIRE_STEPS, MAX_STORED_LOCAL)?;
    serde_json::from_value(value).map_err(|_| MigrateError::Invalid)
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
/// Schemas 2 and 3 changed only questionnaires, and schema 4's change
/// (upper-case respondent codes) is made when a code is read, so other
/// records of earlier schemas are read as they are.
pub fn decode_versioned<T: for<'de> Deserialize<'de>>(stored: &str) -> Result<T, MigrateError> {
    // The key is not known here: the larger bound; `ui::store` holds each
    // key to its own before the text is even copied out of the browser.
    let value = migrate(stored, &[], MAX_STORED_STAFF)?;
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
    if stored.len() > MAX_STORED_LOCAL {
        return Settings::default();
    }
    serde_json::from_str(stored).unwrap_or_default()
}
