//! Importing exports: many files at once, one outcome per file, and one
//! record per respondent × member × role × moment.
//!
//! A bad file never stops a batch: every file gets an outcome (imported,
//! duplicate, or why it failed) and the next file is read. When two files
//! hold the same respondent, member, role and moment, the one completed last
//! is kept (then the one exported last; on a full tie the one already there)
//! and both files show the conflict.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::core::error::Problem;
use crate::core::exchange::{check_fields, decrypt_bytes, parse_envelope, Envelope, ImportError};
use crate::core::ids::RespondentCode;
use crate::core::instrument::{Moment, Role};
use crate::core::util::{parse_iso8601, Millis};

/// Who, whose form and when: a dataset holds at most one record per key.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RecordKey {
    /// Pseudonymous respondent code.
    pub respondent: RespondentCode,
    /// Household member, `None` for the person who asked for help.
    pub member: Option<String>,
    /// Whose form.
    pub role: Role,
    /// Measurement moment.
    pub moment: Moment,
}

impl Ord for RecordKey {
    /// Respondent, member (the main respondent first), role (citizen
    /// first), moment: the order of the long dataset.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        fn sort(k: &RecordKey) -> (&str, Option<&str>, bool, Moment) {
            (
                &k.respondent,
                k.member.as_deref(),
                k.role == Role::Professional,
                k.moment,
            )
        }
        sort(self).cmp(&sort(other))
    }
}

impl PartialOrd for RecordKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl RecordKey {
    /// The key of an export.
    pub fn of(envelope: &Envelope) -> Self {
        RecordKey {
            respondent: envelope.respondent.clone(),
            member: envelope.member.clone(),
            role: envelope.role,
            moment: envelope.moment,
        }
    }
}

/// One imported export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Name of the file it came from.
    pub file: String,
    /// Its decrypted contents.
    pub envelope: Envelope,
}

impl Record {
    /// Its key.
    pub fn key(&self) -> RecordKey {
        RecordKey::of(&self.envelope)
    }
}

/// Everything imported so far, kept on the device when the researcher
/// chooses (storage key [`RESEARCH_DATA_KEY`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ResearchData {
    /// One record per key, in import order.
    #[serde(deserialize_with = "one_record_per_key")]
    pub records: Vec<Record>,
}

/// Kept records as read: codes are upper case since schema 4, so records
/// kept before under "r-0107" and "R-0107" now share a key. They are taken
/// again as the import takes two files of one key (the one completed last
/// is kept, then the one exported last, on a full tie the first).
fn one_record_per_key<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Record>, D::Error> {
    let records = Vec::<Record>::deserialize(d)?;
    let mut importer = Importer::new(ResearchData::default());
    for record in records {
        importer.add(&record.file, Ok(record.envelope));
    }
    Ok(importer.finish().0.records)
}

/// Storage key of the imported data, when the researcher keeps it. Since
/// the data moved to the staff database its `records` stay empty (each
/// record has its own key, [`research_record_key`], so that keeping one more
/// file writes one small value); records an older version kept here are
/// still read.
pub const RESEARCH_DATA_KEY: &str = "balans.research.data";

/// Prefix of the key of one kept imported file.
pub const RESEARCH_RECORD_PREFIX: &str = "balans.research.rec.";

/// Storage key of one kept imported file: 16 hex digits of SHA-256 over its
/// respondent, member, role and moment (a duplicate replaces it).
pub fn research_record_key(key: &RecordKey) -> String {
    use sha2::{Digest, Sha256};
    let text = format!(
        "{}\0{}\0{}\0{}",
        key.respondent,
        key.member.as_deref().unwrap_or(""),
        key.role.code(),
        key.moment.code()
    );
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "{RESEARCH_RECORD_PREFIX}{}",
        crate::core::util::hex(digest.get(..8).unwrap_or(&digest))
    )
}

impl ResearchData {
    /// Number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether nothing is imported.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Number of records per role (citizen, professional) and moment.
    pub fn counts(&self) -> [[usize; 3]; 2] {
        let mut counts = [[0; 3]; 2];
        for r in &self.records {
            let role = usize::from(r.envelope.role == Role::Professional);
            counts[role][r.envelope.moment.index()] += 1;
        }
        counts
    }

    /// The ids of the professionals through whom a respondent's forms came
    /// in, sorted, each once: whom the researcher asks for an interview.
    pub fn professional_ids(&self, respondent: &str) -> Vec<String> {
        let mut ids: Vec<String> = self
            .records
            .iter()
            .filter(|r| r.envelope.respondent == respondent)
            .filter_map(|r| r.envelope.professional_id.clone())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Number of people: distinct respondent and member pairs.
    pub fn people(&self) -> usize {
        let mut people: Vec<(&str, Option<&str>)> = self
            .records
            .iter()
            .map(|r| (r.envelope.respondent.as_str(), r.envelope.member.as_deref()))
            .collect();
        people.sort_unstable();
        people.dedup();
        people.len()
    }
}

/// What became of one file.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// A new record.
    Imported,
    /// Another file holds the same respondent, member, role and moment.
    Duplicate {
        /// Whether this file's contents are the ones kept.
        kept: bool,
        /// The other file.
        other_file: String,
        /// Whether both files hold exactly the same contents.
        same: bool,
        /// When this file's form was completed.
        this_completed: Option<String>,
        /// When the other file's form was completed.
        other_completed: Option<String>,
        /// When this file was made.
        this_exported: String,
        /// When the other file was made.
        other_exported: String,
        /// What told the two apart.
        decided_by: DecidedBy,
    },
    /// The file was not imported.
    Failed(ImportError),
}

impl Outcome {
    /// Short code for the table, the report CSV and tests: `imported`,
    /// `duplicate`, `wrong_key`, `damaged`, `not_balans`, `newer`,
    /// `bad_field` or `rescue`.
    pub fn code(&self) -> &'static str {
        match self {
            Outcome::Imported => "imported",
            Outcome::Duplicate { .. } => "duplicate",
            Outcome::Failed(ImportError::NotForThisKey) => "wrong_key",
            Outcome::Failed(ImportError::Damaged) => "damaged",
            Outcome::Failed(ImportError::NewerVersion { .. }) => "newer",
            Outcome::Failed(ImportError::BadField { .. }) => "bad_field",
            Outcome::Failed(ImportError::RescueFile) => "rescue",
            Outcome::Failed(_) => "not_balans",
        }
    }

    /// Catalogue key of the outcome in words.
    pub fn label_key(&self) -> &'static str {
        match self {
            Outcome::Imported => "research.import.outcome.imported",
            Outcome::Duplicate { .. } => "research.import.outcome.duplicate",
            Outcome::Failed(e) => e.message_key(),
        }
    }

    /// Whether the researcher should look at this file.
    pub fn needs_attention(&self) -> bool {
        !matches!(self, Outcome::Imported)
    }
}

/// What decided which of two files of the same person, role and moment is
/// kept, so the screen can say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecidedBy {
    /// One form was completed later (or only one was completed).
    Completed,
    /// Both were completed at the same time (or neither was): one file was
    /// only made (exported) later.
    Exported,
    /// Completed and made at the same times: the file already there stays.
    Tie,
}

impl DecidedBy {
    /// What told `a` and `b` apart, by [`recency`].
    fn of(a: &Envelope, b: &Envelope) -> Self {
        let (a, b) = (recency(a), recency(b));
        if a.0 != b.0 {
            DecidedBy::Completed
        } else if a.1 != b.1 {
            DecidedBy::Exported
        } else {
            DecidedBy::Tie
        }
    }
}

/// One row of the outcome table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileOutcome {
    /// The file's name.
    pub file: String,
    /// The record's key, when the file could be read.
    pub key: Option<RecordKey>,
    /// What became of it.
    pub outcome: Outcome,
}

/// How many files of a batch ended how.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files read.
    pub files: usize,
    /// New records.
    pub imported: usize,
    /// Files in a duplicate conflict.
    pub duplicate: usize,
    /// Of those, the files whose contents are kept as a questionnaire, so
    /// that `imported + duplicate_kept` new questionnaires came of the batch
    /// when it started empty.
    pub duplicate_kept: usize,
    /// Files for another key.
    pub wrong_key: usize,
    /// Damaged or changed files.
    pub damaged: usize,
    /// Files that are not Balans exports.
    pub not_balans: usize,
    /// Files from a newer version of Balans.
    pub newer: usize,
    /// Balans exports with a field outside what the app writes.
    pub bad_field: usize,
    /// Rescue files, which are opened by hand.
    pub rescue: usize,
}

impl Summary {
    /// Counts the outcomes.
    pub fn of(outcomes: &[FileOutcome]) -> Self {
        let mut s = Summary {
            files: outcomes.len(),
            ..Summary::default()
        };
        for o in outcomes {
            if let Outcome::Duplicate { kept: true, .. } = o.outcome {
                s.duplicate_kept += 1;
            }
            match o.outcome.code() {
                "imported" => s.imported += 1,
                "duplicate" => s.duplicate += 1,
                "wrong_key" => s.wrong_key += 1,
                "damaged" => s.damaged += 1,
                "newer" => s.newer += 1,
                "bad_field" => s.bad_field += 1,
                "rescue" => s.rescue += 1,
                _ => s.not_balans += 1,
            }
        }
        s
    }
}

/// Checks what a decrypted export says: every field, the answers against
/// the instrument and the plan against its respondent
/// ([`exchange::check_fields`](crate::core::exchange::check_fields), which
/// `parse_envelope` already ran on a file; kept for envelopes made in
/// memory).
pub fn check_envelope(envelope: &Envelope) -> Result<(), ImportError> {
    check_fields(envelope)
}

/// Decrypts and checks one export.
pub fn read_export(
    bytes: &[u8],
    identity: &age::x25519::Identity,
) -> Result<Envelope, ImportError> {
    read_decrypted(&decrypt_bytes(bytes, identity)?)
}

/// Reads and checks an export that was already decrypted (the researcher's
/// import workers decrypt and check it). `parse_envelope` checks every
/// field.
pub fn read_decrypted(plaintext: &[u8]) -> Result<Envelope, ImportError> {
    parse_envelope(plaintext)
}

/// Reads an export that an import worker decrypted and found valid with
/// [`read_decrypted`]: one parse, the checks are not run twice. Should the
/// parse fail after all, the full read says why.
pub fn read_checked(plaintext: &[u8]) -> Result<Envelope, ImportError> {
    serde_json::from_slice(plaintext).or_else(|_| read_decrypted(plaintext))
}

/// Completion, then export time: the later one wins a duplicate conflict.
fn recency(envelope: &Envelope) -> (Option<Millis>, Option<Millis>) {
    (
        envelope.completed_at.as_deref().and_then(parse_iso8601),
        parse_iso8601(&envelope.exported_at),
    )
}

/// Imports files one at a time into a dataset. The UI feeds it in chunks and
/// yields to the browser between them.
#[derive(Clone, Debug, Default)]
pub struct Importer {
    data: ResearchData,
    /// Record index by key.
    index: HashMap<RecordKey, usize>,
    /// For records that came from this batch: their row in `outcomes`.
    rows: HashMap<RecordKey, usize>,
    outcomes: Vec<FileOutcome>,
}

impl Importer {
    /// Starts a batch that adds to `data` (empty, or what was kept before).
    pub fn new(data: ResearchData) -> Self {
        let index = data
            .records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.key(), i))
            .collect();
        Importer {
            data,
            index,
            rows: HashMap::new(),
            outcomes: Vec::new(),
        }
    }

    /// Decrypts, checks and adds one file.
    pub fn add_file(&mut self, file: &str, bytes: &[u8], identity: &age::x25519::Identity) {
        self.add(file, read_export(bytes, identity));
    }

    /// Adds one file whose contents were read (or failed to be).
    pub fn add(&mut self, file: &str, read: Result<Envelope, ImportError>) {
        let envelope = match read {
            Ok(envelope) => envelope,
            Err(error) => {
                self.outcomes.push(FileOutcome {
                    file: file.to_string(),
                    key: None,
                    outcome: Outcome::Failed(error),
                });
                return;
            }
        };
        let key = RecordKey::of(&envelope);
        let row = self.outcomes.len();
        let outcome = match self.index.get(&key).copied() {
            None => {
                self.index.insert(key.clone(), self.data.records.len());
                self.data.records.push(Record {
                    file: file.to_string(),
                    envelope,
                });
                Outcome::Imported
            }
            Some(at) => {
                let existing = &self.data.records[at];
                let kept = recency(&envelope) > recency(&existing.envelope);
                let same = existing.envelope == envelope;
                let this_completed = envelope.completed_at.clone();
                let other_completed = existing.envelope.completed_at.clone();
                let other_file = existing.file.clone();
                let this_exported = envelope.exported_at.clone();
                let other_exported = existing.envelope.exported_at.clone();
                let decided_by = DecidedBy::of(&envelope, &existing.envelope);
                // The other side of the conflict, when it came in this batch,
                // shows it too.
                if let Some(&other_row) = self.rows.get(&key) {
                    self.outcomes[other_row].outcome = Outcome::Duplicate {
                        kept: !kept,
                        other_file: file.to_string(),
                        same,
                        this_completed: other_completed.clone(),
                        other_completed: this_completed.clone(),
                        this_exported: other_exported.clone(),
                        other_exported: this_exported.clone(),
                        decided_by,
                    };
                }
                if kept {
                    self.data.records[at] = Record {
                        file: file.to_string(),
                        envelope,
                    };
                }
                Outcome::Duplicate {
                    kept,
                    other_file,
                    same,
                    this_completed,
                    other_completed,
                    this_exported,
                    other_exported,
                    decided_by,
                }
            }
        };
        let kept_here = matches!(
            outcome,
            Outcome::Imported | Outcome::Duplicate { kept: true, .. }
        );
        if kept_here {
            self.rows.insert(key.clone(), row);
        }
        self.outcomes.push(FileOutcome {
            file: file.to_string(),
            key: Some(key),
            outcome,
        });
    }

    /// Every file's outcome so far, in the order the files came.
    pub fn outcomes(&self) -> &[FileOutcome] {
        &self.outcomes
    }

    /// The dataset so far.
    pub fn data(&self) -> &ResearchData {
        &self.data
    }

    /// How the files of this batch ended.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.outcomes)
    }

    /// The dataset and the outcomes, when the batch is done.
    pub fn finish(self) -> (ResearchData, Vec<FileOutcome>) {
        (self.data, self.outcomes)
    }
}
