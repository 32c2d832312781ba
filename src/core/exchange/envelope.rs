//! The export: a versioned JSON envelope, encrypted with `age` to the
//! researcher (and optionally the professional), ASCII-armored, so that the
//! standard `age` tools can decrypt it.

use std::io::{Read, Write};

use age::armor::{ArmoredReader, ArmoredWriter, Format};
use serde::{Deserialize, Serialize};

use super::check::check_fields;
use super::rescue::RESCUE_FORMAT;
use crate::core::error::{display_as_problem, Problem};
use crate::core::i18n::Lang;
use crate::core::ids::RespondentCode;
use crate::core::instrument::Answers;
use crate::core::instrument::{Moment, Role, INSTRUMENT_VERSION};
use crate::core::links::Study;
use crate::core::plan::Plan;
use crate::core::questionnaire::{Consent, Mode, Questionnaire, Topics};
use crate::core::util::{iso8601, Millis};
use crate::core::util::{slug, slug_keep_case};

/// Value of the envelope's `format` field.
pub const EXPORT_FORMAT: &str = "balans-export";

/// The newest envelope version this app reads and writes. Version 2 added
/// the support plan ([`Envelope::plan`]), version 3 the professional's
/// pseudonymous id ([`Envelope::professional_id`]), version 4 the citizen's
/// own say ([`Envelope::topics`], [`Envelope::mode`]) and the levers in the
/// plan, version 5 a study with more than one key (`study.k` a list).
pub const EXPORT_VERSION: u32 = 5;

/// The version written when an envelope carries a say or levers, but a
/// study with one key.
pub const EXPORT_VERSION_WITH_SAY: u32 = 4;

/// The version written when an envelope carries a professional id but
/// nothing of version 4.
pub const EXPORT_VERSION_WITH_PROFESSIONAL_ID: u32 = 3;

/// The version written when an envelope carries a support plan but no
/// professional id.
pub const EXPORT_VERSION_WITH_PLAN: u32 = 2;

/// The version written when an envelope carries no support plan. Apps from
/// before version 2 refuse every newer version, so a file that holds nothing
/// new keeps the old number and they still read it; a file with a plan says
/// 2, and they report it as "made by a newer version" instead of dropping
/// the plan without a word.
pub const EXPORT_VERSION_WITHOUT_PLAN: u32 = 1;

/// The version of this app, written into every export.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Largest plaintext accepted on import; a real export is a few kilobytes.
const MAX_PLAINTEXT: u64 = 4 * 1024 * 1024;

/// Consent as written into the export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRecord {
    /// When consent was given (ISO 8601 UTC).
    pub given_at: String,
    /// Which consent text was shown.
    pub text_version: String,
    /// The study's own extra consent text, as shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub study_text: Option<String>,
}

/// The plaintext of an export (DESIGN.md §5).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    /// Always [`EXPORT_FORMAT`].
    pub format: String,
    /// Envelope version ([`EXPORT_VERSION`] when written by this app).
    pub version: u32,
    /// Version of the instrument the answers belong to.
    pub instrument_version: String,
    /// Version of the app that wrote the file.
    pub app_version: String,
    /// The study.
    pub study: Study,
    /// Pseudonymous respondent code.
    pub respondent: RespondentCode,
    /// Household member, when not the main respondent.
    pub member: Option<String>,
    /// Whose form it is.
    pub role: Role,
    /// Measurement moment.
    pub moment: Moment,
    /// Language the form was answered in.
    pub language: Lang,
    /// When answering began (ISO 8601 UTC).
    pub started_at: String,
    /// When the review was finished, if it was.
    pub completed_at: Option<String>,
    /// When this file was made.
    pub exported_at: String,
    /// Consent as given.
    pub consent: Option<ConsentRecord>,
    /// Answers by item id.
    pub answers: Answers,
    /// The respondent's support plan as it stood when the file was made
    /// (professional's files only; version 2 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
    /// The pseudonymous id of the professional who made the invitation (a
    /// citizen's file) or filled in the form (a professional's file), so the
    /// researcher knows whom to interview; version 3 and later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub professional_id: Option<String>,
    /// What the citizen wants to talk about (citizen's files only; version 4
    /// and later; absent when they marked nothing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topics: Option<Topics>,
    /// How the citizen's questionnaire was filled in (citizen's files only;
    /// version 4 and later; absent when not said).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
}

impl Envelope {
    /// The envelope of a questionnaire, as it is now.
    pub fn of(q: &Questionnaire, lang: Lang, now: Millis) -> Self {
        let inv = &q.invitation;
        Envelope {
            format: EXPORT_FORMAT.to_string(),
            version: EXPORT_VERSION_WITHOUT_PLAN,
            instrument_version: INSTRUMENT_VERSION.to_string(),
            app_version: APP_VERSION.to_string(),
            study: inv.study.clone(),
            respondent: inv.respondent.clone(),
            member: inv.member.clone(),
            role: q.role,
            moment: inv.moment,
            language: lang,
            started_at: iso8601(q.started_at),
            completed_at: q.completed_at.map(iso8601),
            exported_at: iso8601(now),
            consent: q.consent.as_ref().map(consent_record),
            answers: q.answers.clone(),
            plan: None,
            professional_id: inv.professional_id.clone(),
            topics: q.own_say.for_export(),
            mode: q.own_say.mode.value,
        }
        .versioned()
    }

    /// The envelope with the lowest version that holds all it carries: apps
    /// from before a version refuse every newer one, so a file that holds
    /// nothing new keeps the old number and they still read it, while a
    /// file with something new says so instead of losing it without a word.
    fn versioned(mut self) -> Self {
        let has_say = self.topics.is_some() || self.mode.is_some();
        let has_levers = self.plan.as_ref().is_some_and(Plan::has_levers);
        self.version = if !self.study.more_keys.is_empty() {
            EXPORT_VERSION
        } else if has_say || has_levers {
            EXPORT_VERSION_WITH_SAY
        } else if self.professional_id.is_some() {
            EXPORT_VERSION_WITH_PROFESSIONAL_ID
        } else if self.plan.is_some() {
            EXPORT_VERSION_WITH_PLAN
        } else {
            EXPORT_VERSION_WITHOUT_PLAN
        };
        self
    }

    /// The envelope with the respondent's support plan in it (removed goals
    /// and steps left out). An empty plan, or none, leaves the envelope as
    /// it was; a plan makes it at least version [`EXPORT_VERSION_WITH_PLAN`].
    pub fn with_plan(mut self, plan: Option<&Plan>) -> Self {
        self.plan = plan.filter(|p| !p.is_empty()).map(Plan::for_export);
        self.versioned()
    }

    /// The JSON that [`encrypt`] seals (pretty-printed, as `age -d` shows it).
    pub fn plaintext(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("envelopes always serialize")
    }

    /// File name: study, respondent, member, role and moment; never a real name.
    pub fn file_name(&self) -> String {
        let mut parts = vec![
            "balans".to_string(),
            slug(&self.study.name),
            slug_keep_case(&self.respondent),
        ];
        if let Some(member) = &self.member {
            parts.push(slug(member));
        }
        parts.push(self.role.code().to_string());
        parts.push(self.moment.code().to_string());
        format!("{}.age", parts.join("_"))
    }
}

fn consent_record(c: &Consent) -> ConsentRecord {
    ConsentRecord {
        given_at: iso8601(c.given_at),
        text_version: c.text_version.clone(),
        study_text: c.study_text.clone(),
    }
}

/// Why an export could not be made.
#[derive(Debug)]
#[non_exhaustive]
pub enum ExportError {
    /// A recipient key is not a valid age public key.
    BadRecipient(String),
    /// There is no recipient at all.
    NoRecipients,
    /// Encryption itself failed. The age error is not kept: formatting it
    /// would pull age's translations of every language into the wasm.
    Encrypt,
}

impl Problem for ExportError {
    fn message_key(&self) -> &'static str {
        match self {
            ExportError::BadRecipient(_) | ExportError::NoRecipients => "export.error.recipient",
            ExportError::Encrypt => "export.error.encrypt",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            ExportError::BadRecipient(_) | ExportError::NoRecipients => "export.hint.recipient",
            ExportError::Encrypt => "export.hint.encrypt",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ExportError::BadRecipient(_) => "bad_recipient",
            ExportError::NoRecipients => "no_recipients",
            ExportError::Encrypt => "encrypt",
        }
    }
}

display_as_problem!(ExportError, ImportError);

/// Encrypts `envelope` to every recipient (age public keys), ASCII-armored.
pub fn encrypt(envelope: &Envelope, recipients: &[&str]) -> Result<String, ExportError> {
    encrypt_bytes(&envelope.plaintext(), recipients)
}

/// Encrypts any bytes to the recipients, ASCII-armored.
pub fn encrypt_bytes(plaintext: &[u8], recipients: &[&str]) -> Result<String, ExportError> {
    let keys = recipients
        .iter()
        .map(|k| {
            k.parse::<age::x25519::Recipient>()
                .map_err(|_| ExportError::BadRecipient((*k).to_string()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if keys.is_empty() {
        return Err(ExportError::NoRecipients);
    }
    let encryptor = age::Encryptor::with_recipients(keys.iter().map(|k| k as &dyn age::Recipient))
        .map_err(|_| ExportError::Encrypt)?;
    let mut armored = Vec::with_capacity(plaintext.len() * 2 + 512);
    let fail = |_: std::io::Error| ExportError::Encrypt;
    let armor = ArmoredWriter::wrap_output(&mut armored, Format::AsciiArmor).map_err(fail)?;
    let mut writer = encryptor.wrap_output(armor).map_err(fail)?;
    writer.write_all(plaintext).map_err(fail)?;
    writer
        .finish()
        .and_then(|armor| armor.finish())
        .map_err(fail)?;
    Ok(String::from_utf8(armored).expect("ASCII armor is ASCII"))
}

/// Why a file could not be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportError {
    /// Not an age file at all (and so not a Balans export).
    NotAge,
    /// An age file, but not encrypted to this key.
    NotForThisKey,
    /// An age file that was changed or cut off.
    Damaged,
    /// Decrypts, but is not a Balans export.
    NotBalans,
    /// A Balans export made by a newer version of the app.
    NewerVersion {
        /// The envelope version found.
        found: u32,
    },
    /// A Balans export with a field outside what the app writes (a time
    /// that is not a time, a version that does not exist, a text too long);
    /// see `check_fields`.
    BadField {
        /// The field's name in the envelope (`started_at`, `member`, …).
        field: &'static str,
    },
    /// A Balans rescue file (answers a device could not read), not an
    /// export: it is opened by hand, not imported.
    RescueFile,
}

impl Problem for ImportError {
    fn message_key(&self) -> &'static str {
        match self {
            ImportError::NotAge | ImportError::NotBalans => "import.error.not_balans",
            ImportError::NotForThisKey => "import.error.wrong_key",
            ImportError::Damaged => "import.error.damaged",
            ImportError::NewerVersion { .. } => "import.error.newer",
            ImportError::BadField { .. } => "import.error.bad_field",
            ImportError::RescueFile => "import.error.rescue",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            ImportError::NotAge | ImportError::NotBalans => "import.hint.not_balans",
            ImportError::NotForThisKey => "import.hint.wrong_key",
            ImportError::Damaged => "import.hint.damaged",
            ImportError::NewerVersion { .. } => "import.hint.newer",
            ImportError::BadField { .. } => "import.hint.bad_field",
            ImportError::RescueFile => "import.hint.rescue",
        }
    }

    /// The same codes as the researcher's outcome table, except that a file
    /// that is not age at all is told apart from an age file that is not
    /// Balans (the table counts both as `not_balans`).
    fn code(&self) -> &'static str {
        match self {
            ImportError::NotAge => "not_age",
            ImportError::NotForThisKey => "wrong_key",
            ImportError::Damaged => "damaged",
            ImportError::NotBalans => "not_balans",
            ImportError::NewerVersion { .. } => "newer",
            ImportError::BadField { .. } => "bad_field",
            ImportError::RescueFile => "rescue",
        }
    }

    /// The field a [`ImportError::BadField`] names fills `{field}`.
    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            ImportError::BadField { field } => vec![("field", (*field).to_string())],
            _ => Vec::new(),
        }
    }
}

/// Whether the bytes look like an age file (armored or binary) at all.
fn looks_like_age(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let bytes = &bytes[start..];
    // A file with one character of its armor line changed is still an age
    // file, only damaged: the other armor line tells it apart from a file
    // that never was one.
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----")
        || bytes.starts_with(b"age-encryption.org/")
        || contains(ARMOR_END.as_bytes())
}

/// The armor's last line.
const ARMOR_END: &str = "-----END AGE ENCRYPTED FILE-----";

/// Why age did not recognise a file's format: a header line naming a newer
/// age format (`age-encryption.org/v2`) means a newer version; anything else
/// (one character changed, say) means the file is damaged.
fn unknown_format(file: &[u8]) -> ImportError {
    let mut start = [0u8; 24];
    let mut reader = ArmoredReader::new(file);
    let mut read = 0;
    while read < start.len() {
        match reader.read(&mut start[read..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => read += n,
        }
    }
    let line = start[..read].split(|b| *b == b'\n').next().unwrap_or(&[]);
    let newer = line
        .strip_prefix(b"age-encryption.org/v")
        .and_then(|v| std::str::from_utf8(v).ok())
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|v| v.parse::<u32>().ok())
        .is_some_and(|v| v > 1);
    if newer {
        ImportError::NewerVersion { found: 0 }
    } else {
        ImportError::Damaged
    }
}

/// Decrypts an export with `identity` and reads its envelope.
pub fn decrypt(file: &[u8], identity: &age::x25519::Identity) -> Result<Envelope, ImportError> {
    let plaintext = decrypt_bytes(file, identity)?;
    parse_envelope(&plaintext)
}

/// Decrypts an age file (armored or binary) with `identity`.
pub fn decrypt_bytes(
    file: &[u8],
    identity: &age::x25519::Identity,
) -> Result<Vec<u8>, ImportError> {
    if !looks_like_age(file) {
        return Err(ImportError::NotAge);
    }
    let decryptor =
        age::Decryptor::new_buffered(ArmoredReader::new(file)).map_err(|e| match e {
            age::DecryptError::UnknownFormat => unknown_format(file),
            _ => ImportError::Damaged,
        })?;
    let reader = decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => ImportError::NotForThisKey,
            _ => ImportError::Damaged,
        })?;
    let mut plaintext = Vec::new();
    reader
        .take(MAX_PLAINTEXT)
        .read_to_end(&mut plaintext)
        .map_err(|_| ImportError::Damaged)?;
    Ok(plaintext)
}

#[derive(Deserialize)]
struct Header {
    format: String,
    version: u32,
}

/// Reads a decrypted envelope, checking format and version first, then
/// every field ([`check_fields`]).
pub fn parse_envelope(plaintext: &[u8]) -> Result<Envelope, ImportError> {
    // One parse for the common case (a researcher imports thousands of
    // files); only a plaintext that is no envelope is read again for its
    // header, to say whether it is a rescue file or from a newer version.
    let envelope: Envelope = match serde_json::from_slice(plaintext) {
        Ok(envelope) => envelope,
        Err(_) => {
            let header: Header =
                serde_json::from_slice(plaintext).map_err(|_| ImportError::NotBalans)?;
            check_header(&header.format, header.version)?;
            return Err(ImportError::NotBalans);
        }
    };
    check_header(&envelope.format, envelope.version)?;
    check_fields(&envelope)?;
    Ok(envelope)
}

/// The format and version an envelope says it has.
fn check_header(format: &str, version: u32) -> Result<(), ImportError> {
    if format == RESCUE_FORMAT {
        return Err(ImportError::RescueFile);
    }
    if format != EXPORT_FORMAT {
        return Err(ImportError::NotBalans);
    }
    if version > EXPORT_VERSION {
        return Err(ImportError::NewerVersion { found: version });
    }
    Ok(())
}
