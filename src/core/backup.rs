//! Backups of staff data: a professional's workspace, or a researcher's
//! interview notes and kept imported data, as one file encrypted with age,
//! and how such a file (or a value found in an older storage) is merged into
//! what a device holds.
//!
//! A backup holds the stored records exactly as the device keeps them (key
//! and stored text with its `schema`), so a restore reads them through the
//! same migrations as storage does. Restoring **merges**: a record that is
//! not there is added; a record both sides have is merged by its own rule
//! ([`Merge`]: workspaces with their removal markers, plans, notes,
//! questionnaires); a record without a merge rule (an imported file) is
//! never overwritten. Restoring the same file twice adds nothing the second
//! time.
//!
//! What does not live here: where records are kept (`ui::store`), the keys
//! and the envelope (`keys`, `exchange`).

use std::collections::BTreeMap;
use std::io::{Read, Write as _};

use age::armor::{ArmoredReader, ArmoredWriter, Format};
use serde::{Deserialize, Serialize};

use crate::core::error::{display_as_problem, Problem};
use crate::core::exchange::APP_VERSION;
use crate::core::merge::Merge;
use crate::core::plan::{Plan, PLAN_PREFIX};
use crate::core::professional::{Workspace, WORKSPACE_PREFIX};
use crate::core::questionnaire::{
    decode_questionnaire, decode_versioned, encode_questionnaire, encode_versioned, quarantine_key,
    MigrateError, Questionnaire, QUARANTINE_PREFIX, QUESTIONNAIRE_PREFIX,
};
use crate::core::research::{Interview, INTERVIEW_PREFIX};
use crate::core::util::{iso8601, slug, Millis};

/// Value of a backup's `format` field.
pub const BACKUP_FORMAT: &str = "balans-backup";

/// The backup format version this app writes (and the newest it reads).
pub const BACKUP_VERSION: u32 = 1;

/// Largest backup accepted: a whole study's imported files with room to
/// spare, but not without end.
const MAX_BACKUP: u64 = 1 << 30;

/// Whose data a backup holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BackupKind {
    /// A professional's workspace, encrypted to the workspace's own key.
    Workspace,
    /// A researcher's notes and kept data, encrypted to the study key.
    Research,
}

/// The plaintext of a backup file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    /// Always [`BACKUP_FORMAT`].
    pub format: String,
    /// [`BACKUP_VERSION`] when written by this app.
    pub version: u32,
    /// Whose data.
    pub kind: BackupKind,
    /// The workspace id, or the study's researcher key: a backup is only
    /// restored where it belongs.
    pub owner: String,
    /// The app version that made it.
    pub app_version: String,
    /// When it was made (ISO 8601 UTC).
    pub made_at: String,
    /// Every record: storage key → stored text, exactly as kept.
    pub records: BTreeMap<String, String>,
}

/// Why a backup could not be made or read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BackupError {
    /// Not an age file, or it decrypts to something else than a backup.
    NotBackup,
    /// Encrypted to another key than the one loaded.
    WrongKey,
    /// Cut off or changed.
    Damaged,
    /// Made by a newer version of Balans.
    Newer {
        /// The version found.
        found: u32,
    },
    /// A backup of another workspace or study (or a researcher's backup
    /// chosen on a workspace, or the other way round).
    Elsewhere,
    /// Encryption failed (a bad key).
    Encrypt,
}

impl Problem for BackupError {
    fn message_key(&self) -> &'static str {
        match self {
            BackupError::NotBackup => "backup.error.not_backup",
            BackupError::WrongKey => "backup.error.wrong_key",
            BackupError::Damaged => "backup.error.damaged",
            BackupError::Newer { .. } => "backup.error.newer",
            BackupError::Elsewhere => "backup.error.elsewhere",
            BackupError::Encrypt => "backup.error.encrypt",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            BackupError::NotBackup => "backup.hint.not_backup",
            BackupError::WrongKey => "backup.hint.wrong_key",
            BackupError::Damaged => "backup.hint.damaged",
            BackupError::Newer { .. } => "backup.hint.newer",
            BackupError::Elsewhere => "backup.hint.elsewhere",
            BackupError::Encrypt => "backup.hint.encrypt",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            BackupError::NotBackup => "not_backup",
            BackupError::WrongKey => "wrong_key",
            BackupError::Damaged => "damaged",
            BackupError::Newer { .. } => "newer",
            BackupError::Elsewhere => "elsewhere",
            BackupError::Encrypt => "encrypt",
        }
    }
}

display_as_problem!(BackupError);

impl Backup {
    /// A backup of `records` made now.
    pub fn new(
        kind: BackupKind,
        owner: &str,
        records: BTreeMap<String, String>,
        now: Millis,
    ) -> Backup {
        Backup {
            format: BACKUP_FORMAT.to_string(),
            version: BACKUP_VERSION,
            kind,
            owner: owner.to_string(),
            app_version: APP_VERSION.to_string(),
            made_at: iso8601(now),
            records,
        }
    }

    /// File name: kind, a readable part of the owner (the study's name is
    /// given by the caller) and the date; never a person's name.
    pub fn file_name(&self, study: &str) -> String {
        let kind = match self.kind {
            BackupKind::Workspace => "workspace",
            BackupKind::Research => "research",
        };
        let day = self.made_at.get(..10).unwrap_or("");
        format!("balans-backup_{kind}_{}_{day}.age", slug(study))
    }

    /// Encrypts the backup to `recipients` (age public keys), ASCII-armored.
    pub fn seal(&self, recipients: &[&str]) -> Result<String, BackupError> {
        let plaintext = serde_json::to_vec(self).map_err(|_| BackupError::Encrypt)?;
        let keys = recipients
            .iter()
            .map(|k| k.parse::<age::x25519::Recipient>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| BackupError::Encrypt)?;
        let encryptor =
            age::Encryptor::with_recipients(keys.iter().map(|k| k as &dyn age::Recipient))
                .map_err(|_| BackupError::Encrypt)?;
        let mut armored = Vec::with_capacity(plaintext.len() * 4 / 3 + 1024);
        let fail = |_: std::io::Error| BackupError::Encrypt;
        let armor = ArmoredWriter::wrap_output(&mut armored, Format::AsciiArmor).map_err(fail)?;
        let mut writer = encryptor.wrap_output(armor).map_err(fail)?;
        writer.write_all(&plaintext).map_err(fail)?;
        writer.finish().and_then(|a| a.finish()).map_err(fail)?;
        String::from_utf8(armored).map_err(|_| BackupError::Encrypt)
    }

    /// Decrypts and reads a backup file; `kind` and `owner` must match.
    pub fn open(
        file: &[u8],
        identity: &age::x25519::Identity,
        kind: BackupKind,
        owner: &str,
    ) -> Result<Backup, BackupError> {
        Backup::parse(&Backup::decrypt(file, identity)?, kind, owner)
    }

    /// Decrypts and reads a researcher's backup made with any of the
    /// study's keys: it is sealed to every one of them, so a key that opens
    /// it is one of the study's (a data steward restoring with the second
    /// key on a new device knows no other), and its owner is not compared.
    pub fn open_research(
        file: &[u8],
        identity: &age::x25519::Identity,
    ) -> Result<Backup, BackupError> {
        let plaintext = Backup::decrypt(file, identity)?;
        let owner = serde_json::from_slice::<serde_json::Value>(&plaintext)
            .ok()
            .and_then(|v| v.get("owner")?.as_str().map(str::to_string))
            .ok_or(BackupError::NotBackup)?;
        Backup::parse(&plaintext, BackupKind::Research, &owner)
    }

    /// The plaintext of an age-encrypted backup file.
    fn decrypt(file: &[u8], identity: &age::x25519::Identity) -> Result<Vec<u8>, BackupError> {
        let trimmed = file.trim_ascii_start();
        if !(trimmed.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----")
            || trimmed.starts_with(b"age-encryption.org/"))
        {
            return Err(BackupError::NotBackup);
        }
        let decryptor = age::Decryptor::new_buffered(ArmoredReader::new(trimmed))
            .map_err(|_| BackupError::Damaged)?;
        let reader = decryptor
            .decrypt(std::iter::once(identity as &dyn age::Identity))
            .map_err(|e| match e {
                age::DecryptError::NoMatchingKeys => BackupError::WrongKey,
                _ => BackupError::Damaged,
            })?;
        let mut plaintext = Vec::new();
        reader
            .take(MAX_BACKUP)
            .read_to_end(&mut plaintext)
            .map_err(|_| BackupError::Damaged)?;
        Ok(plaintext)
    }

    /// Reads a backup's plaintext; `kind` and `owner` must match.
    pub fn parse(plaintext: &[u8], kind: BackupKind, owner: &str) -> Result<Backup, BackupError> {
        let value: serde_json::Value =
            serde_json::from_slice(plaintext).map_err(|_| BackupError::NotBackup)?;
        if value.get("format").and_then(|f| f.as_str()) != Some(BACKUP_FORMAT) {
            return Err(BackupError::NotBackup);
        }
        let version = value
            .get("version")
            .and_then(|v| v.as_u64())
            .ok_or(BackupError::NotBackup)?;
        if version > u64::from(BACKUP_VERSION) {
            return Err(BackupError::Newer {
                found: u32::try_from(version).unwrap_or(u32::MAX),
            });
        }
        if version == 0 {
            return Err(BackupError::NotBackup);
        }
        let backup: Backup = serde_json::from_value(value).map_err(|_| BackupError::NotBackup)?;
        if backup.kind != kind || backup.owner != owner {
            return Err(BackupError::Elsewhere);
        }
        Ok(backup)
    }
}

/// What kind of record a storage key holds, for the report of a restore.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    /// A workspace (its respondents are counted apart).
    Workspace,
    /// A support plan.
    Plan,
    /// A citizen's imported answers.
    Import,
    /// A questionnaire (the professional's own form).
    Form,
    /// Interview notes.
    Notes,
    /// A researcher's kept imported file.
    Kept,
    /// A value set aside because it could not be read.
    SetAside,
    /// Anything else (the study set up, the keep-data choice).
    Other,
}

impl RecordKind {
    /// The kind of record stored under `key`.
    pub fn of(key: &str) -> RecordKind {
        if key.starts_with(QUARANTINE_PREFIX) {
            RecordKind::SetAside
        } else if key.starts_with(WORKSPACE_PREFIX) {
            RecordKind::Workspace
        } else if key.starts_with(PLAN_PREFIX) {
            RecordKind::Plan
        } else if key.starts_with(crate::core::professional::IMPORT_PREFIX) {
            RecordKind::Import
        } else if key.starts_with(QUESTIONNAIRE_PREFIX) {
            RecordKind::Form
        } else if key.starts_with(INTERVIEW_PREFIX) {
            RecordKind::Notes
        } else if key.starts_with(crate::core::research::RESEARCH_RECORD_PREFIX) {
            RecordKind::Kept
        } else {
            RecordKind::Other
        }
    }
}

/// How a stored value and one from elsewhere (a backup, an older storage)
/// come together under one key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Combined {
    /// Nothing to do: the value there already holds everything.
    Same,
    /// The value to store now.
    Write(String),
    /// They differ and have no merge rule (or one cannot be read): the value
    /// there stays; the other is set aside next to it, never lost.
    SetAside,
}

fn merge_as<T: Merge>(
    mine: &str,
    theirs: &str,
    decode: impl Fn(&str) -> Result<T, MigrateError>,
    encode: impl Fn(&T) -> String,
) -> Combined {
    match (decode(mine), decode(theirs)) {
        (Ok(mut mine), Ok(theirs)) => {
            if mine.merge_from(&theirs) {
                Combined::Write(encode(&mine))
            } else {
                Combined::Same
            }
        }
        // What is there cannot be read: the one from elsewhere is stored,
        // and the store sets the unreadable value aside first.
        (Err(_), Ok(_)) => Combined::Write(theirs.to_string()),
        _ => Combined::SetAside,
    }
}

/// Brings `theirs` (from a backup or an older storage) together with
/// `mine` (what is stored under `key` now), by the record's own rule.
pub fn combine(key: &str, mine: &str, theirs: &str) -> Combined {
    if mine == theirs {
        return Combined::Same;
    }
    match RecordKind::of(key) {
        RecordKind::Workspace => {
            merge_as::<Workspace>(mine, theirs, decode_versioned, encode_versioned)
        }
        RecordKind::Plan => merge_as::<Plan>(mine, theirs, decode_versioned, encode_versioned),
        RecordKind::Notes => {
            merge_as::<Interview>(mine, theirs, decode_versioned, encode_versioned)
        }
        RecordKind::Form => {
            merge_as::<Questionnaire>(mine, theirs, decode_questionnaire, encode_questionnaire)
        }
        // An imported file, a kept record, a set-aside value, settings of
        // the research screens: no merge rule, so the value there stays.
        _ => Combined::SetAside,
    }
}

/// One write a restore asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Write {
    /// The storage key.
    pub key: String,
    /// The stored text to put there.
    pub stored: String,
}

/// What a restore did, for the person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Restored {
    /// The writes to make, in order.
    pub writes: Vec<Write>,
    /// Records added, by kind.
    pub added: BTreeMap<RecordKind, usize>,
    /// Records that were there and took in something from the backup.
    pub merged: usize,
    /// Respondents the workspace did not have.
    pub respondents_added: usize,
    /// Values from the backup set aside next to a different one.
    pub set_aside: usize,
}

impl Restored {
    /// Whether the restore changed nothing.
    pub fn nothing_new(&self) -> bool {
        self.writes.is_empty()
    }

    /// How many records of `kind` were added.
    pub fn added_of(&self, kind: RecordKind) -> usize {
        self.added.get(&kind).copied().unwrap_or(0)
    }
}

fn respondents_in(stored: &str) -> Vec<String> {
    decode_versioned::<Workspace>(stored)
        .map(|w| w.respondents.iter().map(|r| r.code.to_string()).collect())
        .unwrap_or_default()
}

/// Plans the merge of `records` (from a backup) into what is stored:
/// `stored(key)` gives what is under a key now. Never overwrites: every
/// write either fills an empty key, stores a merge, or sets a value aside
/// into a free slot.
pub fn restore(
    records: &BTreeMap<String, String>,
    stored: impl Fn(&str) -> Option<String>,
) -> Restored {
    let mut out = Restored::default();
    for (key, theirs) in records {
        let kind = RecordKind::of(key);
        let mine = stored(key);
        let Some(mine) = mine else {
            if kind == RecordKind::Workspace {
                out.respondents_added += respondents_in(theirs).len();
            }
            if kind == RecordKind::SetAside {
                // Set aside on the other device: it goes to a free slot of
                // its original key here, unless it is there already.
                set_aside(&mut out, key, theirs, &stored);
                continue;
            }
            *out.added.entry(kind).or_default() += 1;
            out.writes.push(Write {
                key: key.clone(),
                stored: theirs.clone(),
            });
            continue;
        };
        match combine(key, &mine, theirs) {
            Combined::Same => {}
            Combined::Write(merged) => {
                if kind == RecordKind::Workspace {
                    let before = respondents_in(&mine);
                    out.respondents_added += respondents_in(&merged)
                        .iter()
                        .filter(|c| !before.contains(c))
                        .count();
                }
                out.merged += 1;
                out.writes.push(Write {
                    key: key.clone(),
                    stored: merged,
                });
            }
            Combined::SetAside => set_aside(&mut out, key, theirs, &stored),
        }
    }
    out
}

/// Puts `value` (of `key`) into the first free set-aside slot of the key it
/// belongs to, unless one holds it already.
fn set_aside(out: &mut Restored, key: &str, value: &str, stored: &impl Fn(&str) -> Option<String>) {
    let original = crate::core::questionnaire::quarantined_from(key).unwrap_or(key);
    let mut slot = 0;
    loop {
        let candidate = quarantine_key(original, slot);
        let taken = stored(&candidate).or_else(|| {
            out.writes
                .iter()
                .find(|w| w.key == candidate)
                .map(|w| w.stored.clone())
        });
        match taken {
            None => {
                out.set_aside += 1;
                out.writes.push(Write {
                    key: candidate,
                    stored: value.to_string(),
                });
                return;
            }
            Some(existing) if existing == value => return,
            Some(_) => slot += 1,
        }
    }
}

/// After how long unsaved changes are worth a reminder.
pub const REMIND_AFTER_DAYS: u64 = 7;

const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// Prefix of the key of a workspace's backup state (kept next to the
/// workspace, never in a backup: it describes this device's backups).
pub const BACKUP_STATE_PREFIX: &str = "balans.pro.b.";

/// What this device knows about a workspace's (or the research data's)
/// backups: when the last one was made, what it held, and since when there
/// are changes it does not hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupState {
    /// When the last backup was made (downloaded or saved to a file).
    #[serde(default)]
    pub backed_up_at: Option<Millis>,
    /// [`fingerprint`] of what the last backup held.
    #[serde(default)]
    pub fingerprint: Option<String>,
    /// Since when (at the latest) there are changes no backup holds.
    #[serde(default)]
    pub changed_since: Option<Millis>,
}

impl BackupState {
    /// Notes what the records look like now (their [`fingerprint`]):
    /// returns whether a backup lacks something.
    pub fn observe(&mut self, fingerprint: &str, now: Millis) -> bool {
        if self.fingerprint.as_deref() == Some(fingerprint) {
            self.changed_since = None;
            return false;
        }
        self.changed_since.get_or_insert(now);
        true
    }

    /// Records a backup of records with this fingerprint, made now.
    pub fn backed_up(&mut self, fingerprint: &str, now: Millis) {
        self.backed_up_at = Some(now);
        self.fingerprint = Some(fingerprint.to_string());
        self.changed_since = None;
    }

    /// Whether changes have waited [`REMIND_AFTER_DAYS`] or more for a backup.
    pub fn reminder_due(&self, now: Millis) -> bool {
        self.changed_since
            .is_some_and(|since| now.saturating_sub(since) >= REMIND_AFTER_DAYS * DAY_MS)
    }
}

/// A short digest of every record, to tell whether a backup holds them all.
pub fn fingerprint(records: &BTreeMap<String, String>) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for (key, value) in records {
        hash.update(key.as_bytes());
        hash.update([0]);
        hash.update(value.as_bytes());
        hash.update([0]);
    }
    crate::core::util::hex(&hash.finalize()[..8])
}
