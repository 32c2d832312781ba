//! Setting up a study: what the researcher types, the age key pair, the
//! secret key file, and the study file a deployment ships as its default.
//!
//! The secret key never leaves this module except as the key file the
//! researcher downloads (and, only when they ask for it, the device's
//! storage). Everything else here is public: the study and its public key
//! travel in every study link and invitation.

use serde::{Deserialize, Serialize};

use crate::core::error::{display_as_problem, Problem};
use crate::core::keys::is_valid_public_key;
use crate::core::util::slug;
use crate::core::util::{iso8601, Millis};

/// A research study as a citizen and a professional see it.
///
/// Its keys travel as `k`: one key as text (as every version wrote it), two
/// or more as a list, first key first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "StudyWire", into = "StudyWire")]
pub struct Study {
    /// Name of the study, shown to everyone.
    pub name: String,
    /// How to reach the researcher (e-mail address or phone number).
    pub contact: String,
    /// The study's first age public key (`age1…`); every export is
    /// encrypted to it. Workspace and questionnaire ids hash this key only,
    /// so a study that gains a second key keeps its workspaces.
    pub researcher_key: String,
    /// The study's further keys (a data steward's, a co-researcher's), in
    /// order; every export is encrypted to them too, so losing one key
    /// loses no answers. Empty for a study with one key.
    pub more_keys: Vec<String>,
    /// Municipality (gemeente) where the invitation was made.
    pub municipality: Option<String>,
    /// District team (wijkteam) that made the invitation.
    pub team: Option<String>,
    /// Extra consent text of the study, added below the standard text.
    pub consent_extra: Option<String>,
    /// The municipalities taking part and their district teams, as the
    /// researcher listed them; a professional picks theirs when setting up
    /// the workspace, and that choice fills `municipality` and `team`.
    pub places: Vec<Place>,
}

/// A study's keys as `k` carries them: one key as text (every study before
/// the second key, and every study with one key still, so older apps keep
/// reading it), more as a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
enum StudyKeys {
    /// One key.
    One(String),
    /// Two or more keys, first key first (read: any number, then checked).
    Many(Vec<String>),
}

/// A study as written in links, files and storage (see [`Study`]).
#[derive(Clone, Serialize, Deserialize)]
struct StudyWire {
    #[serde(rename = "n")]
    name: String,
    #[serde(rename = "c")]
    contact: String,
    #[serde(rename = "k")]
    keys: StudyKeys,
    #[serde(rename = "g", default, skip_serializing_if = "Option::is_none")]
    municipality: Option<String>,
    #[serde(rename = "t", default, skip_serializing_if = "Option::is_none")]
    team: Option<String>,
    #[serde(rename = "x", default, skip_serializing_if = "Option::is_none")]
    consent_extra: Option<String>,
    #[serde(rename = "pl", default, skip_serializing_if = "Vec::is_empty")]
    places: Vec<Place>,
}

impl From<StudyWire> for Study {
    /// An empty list reads as an empty first key, which every check refuses
    /// ([`check_study_keys`]): reading never fails on what a check can name.
    fn from(w: StudyWire) -> Study {
        let (researcher_key, more_keys) = match w.keys {
            StudyKeys::One(key) => (key, Vec::new()),
            StudyKeys::Many(mut keys) => {
                if keys.is_empty() {
                    (String::new(), Vec::new())
                } else {
                    let first = keys.remove(0);
                    (first, keys)
                }
            }
        };
        Study {
            name: w.name,
            contact: w.contact,
            researcher_key,
            more_keys,
            municipality: w.municipality,
            team: w.team,
            consent_extra: w.consent_extra,
            places: w.places,
        }
    }
}

impl From<Study> for StudyWire {
    fn from(s: Study) -> StudyWire {
        let keys = if s.more_keys.is_empty() {
            StudyKeys::One(s.researcher_key)
        } else {
            StudyKeys::Many(
                std::iter::once(s.researcher_key)
                    .chain(s.more_keys)
                    .collect(),
            )
        };
        StudyWire {
            name: s.name,
            contact: s.contact,
            keys,
            municipality: s.municipality,
            team: s.team,
            consent_extra: s.consent_extra,
            places: s.places,
        }
    }
}

/// Most keys a study may have: the researcher's and a few more (a data
/// steward, co-researchers). Every key adds a stanza to every file and 32
/// bytes to every invitation that carries the study.
pub const MAX_STUDY_KEYS: usize = 4;

/// Why a study's list of keys cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StudyKeysError {
    /// No key at all (an empty list).
    NoKey,
    /// More than [`MAX_STUDY_KEYS`] keys.
    TooMany,
    /// The same key twice.
    Twice,
    /// A key that is not an age public key (`age1…`).
    NotAge,
    /// A secret key (`AGE-SECRET-KEY-1…`) where a public key belongs: it
    /// must never travel in a link.
    SecretKey,
}

impl Problem for StudyKeysError {
    fn message_key(&self) -> &'static str {
        match self {
            StudyKeysError::NoKey => "study_keys.error.none",
            StudyKeysError::TooMany => "study_keys.error.too_many",
            StudyKeysError::Twice => "study_keys.error.twice",
            StudyKeysError::NotAge => "study_keys.error.not_age",
            StudyKeysError::SecretKey => "study_keys.error.secret",
        }
    }

    fn hint_key(&self) -> &'static str {
        "study_keys.hint"
    }

    fn code(&self) -> &'static str {
        match self {
            StudyKeysError::NoKey => "no_key",
            StudyKeysError::TooMany => "too_many_keys",
            StudyKeysError::Twice => "key_twice",
            StudyKeysError::NotAge => "not_age_key",
            StudyKeysError::SecretKey => "secret_key",
        }
    }
}

/// Checks a study's keys: 1 to [`MAX_STUDY_KEYS`] different age public
/// keys. Cheap (a bech32 check per key), so opening a link stays fast.
pub fn check_study_keys(study: &Study) -> Result<(), StudyKeysError> {
    if study.researcher_key.is_empty() && study.more_keys.is_empty() {
        return Err(StudyKeysError::NoKey);
    }
    if 1 + study.more_keys.len() > MAX_STUDY_KEYS {
        return Err(StudyKeysError::TooMany);
    }
    let keys: Vec<&str> = study.keys().collect();
    if !keys.iter().all(|k| is_valid_public_key(k)) {
        return Err(StudyKeysError::NotAge);
    }
    // Bech32 is case-blind: an upper-case copy is the same key.
    if keys
        .iter()
        .enumerate()
        .any(|(i, k)| keys[..i].iter().any(|o| o.eq_ignore_ascii_case(k)))
    {
        return Err(StudyKeysError::Twice);
    }
    Ok(())
}

/// A municipality taking part in the study, with its district teams.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Name of the municipality (gemeente).
    #[serde(rename = "g")]
    pub municipality: String,
    /// Names of its district teams (wijkteams), possibly none.
    #[serde(rename = "t", default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<String>,
}

impl Study {
    /// Every key of the study, first key first: the readers of every file.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.researcher_key.as_str())
            .chain(self.more_keys.iter().map(String::as_str))
    }

    /// Whether `key` is one of the study's keys.
    pub fn has_key(&self, key: &str) -> bool {
        self.keys().any(|k| k == key)
    }

    /// Whether `other` is the same study, wherever it was used: everything
    /// but the municipality and team an invitation carries.
    pub fn same_study(&self, other: &Study) -> bool {
        let bare = |s: &Study| Study {
            municipality: None,
            team: None,
            ..s.clone()
        };
        bare(self) == bare(other)
    }

    /// The study as used in `municipality` and `team`.
    pub fn at(&self, municipality: Option<String>, team: Option<String>) -> Study {
        Study {
            municipality,
            team,
            ..self.clone()
        }
    }
}

/// Longest study name: it travels in every link, which must fit a QR code.
pub const MAX_NAME: usize = 80;

/// Longest contact (an e-mail address or phone number).
pub const MAX_CONTACT: usize = 120;

/// Longest extra consent text; it too travels in every invitation.
pub const MAX_CONSENT: usize = 400;

/// Longest list of places as typed (one line per municipality): the list
/// travels in the study link, which must stay well below the link limit.
pub const MAX_PLACES_TEXT: usize = 1200;

/// Longest name of a municipality or team.
pub const MAX_PLACE_NAME: usize = 60;

/// Value of a study file's `format` field.
pub const STUDY_FILE_FORMAT: &str = "balans-study";

/// The newest study file version this app reads and writes: 2, a study
/// with more than one key (`k` a list). A study with one key is still
/// written as version 1, which older apps read.
pub const STUDY_FILE_VERSION: u32 = 2;

/// The study file version of a study with one key.
const STUDY_FILE_VERSION_ONE_KEY: u32 = 1;

/// Storage key of the study the researcher set up on this device (public
/// information: it travels in every link).
pub const RESEARCH_STUDY_KEY: &str = "balans.research.study";

/// Storage key of the secret key, only when the researcher chose to keep it
/// on this device.
pub const RESEARCH_KEY_KEY: &str = "balans.research.key";

/// The secret key as kept on the device, only when the researcher asks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptKey {
    /// The `AGE-SECRET-KEY-1…` line.
    pub secret_key: String,
}

/// What the researcher types to set up a study.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyDraft {
    /// Name of the study, shown to everyone who takes part.
    pub name: String,
    /// How to reach the researcher: an e-mail address or phone number.
    pub contact: String,
    /// Extra consent text, shown below the standard text (may be empty).
    pub consent_extra: String,
    /// The municipalities and their teams, one line per municipality:
    /// `Voorbeeldstad: Wijkteam Noord, Wijkteam Zuid` (may be empty; see
    /// [`parse_places`]).
    #[serde(default)]
    pub places: String,
}

/// Why a study cannot be set up as typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StudyError {
    /// The name is empty.
    NoName,
    /// The name is longer than [`MAX_NAME`].
    NameTooLong,
    /// The contact is empty.
    NoContact,
    /// The contact is longer than [`MAX_CONTACT`].
    ContactTooLong,
    /// The consent text is longer than [`MAX_CONSENT`].
    ConsentTooLong,
    /// A field holds a control character (such as a tab) that would break
    /// links and file names.
    ControlCharacter,
    /// The public key is not a valid age key (a bug: the app makes it).
    BadKey,
    /// A line of the places starts with a colon: a team without its
    /// municipality.
    PlaceWithoutMunicipality,
    /// A municipality is listed twice, or a team twice in one municipality.
    PlaceTwice,
    /// A municipality or team name is longer than [`MAX_PLACE_NAME`].
    PlaceNameTooLong,
    /// The list of places is longer than [`MAX_PLACES_TEXT`].
    PlacesTooLong,
}

impl Problem for StudyError {
    fn message_key(&self) -> &'static str {
        match self {
            StudyError::NoName => "research.study.error.no_name",
            StudyError::NameTooLong => "research.study.error.name_long",
            StudyError::NoContact => "research.study.error.no_contact",
            StudyError::ContactTooLong => "research.study.error.contact_long",
            StudyError::ConsentTooLong => "research.study.error.consent_long",
            StudyError::ControlCharacter => "research.study.error.control",
            StudyError::BadKey => "research.study.error.bad_key",
            StudyError::PlaceWithoutMunicipality => "research.study.error.place_no_municipality",
            StudyError::PlaceTwice => "research.study.error.place_twice",
            StudyError::PlaceNameTooLong => "research.study.error.place_name_long",
            StudyError::PlacesTooLong => "research.study.error.places_long",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            StudyError::NoName | StudyError::NameTooLong => "research.study.hint.name",
            StudyError::NoContact | StudyError::ContactTooLong => "research.study.hint.contact",
            StudyError::ConsentTooLong => "research.study.hint.consent",
            StudyError::ControlCharacter => "research.study.hint.control",
            StudyError::BadKey => "research.study.hint.bad_key",
            StudyError::PlaceWithoutMunicipality
            | StudyError::PlaceTwice
            | StudyError::PlaceNameTooLong
            | StudyError::PlacesTooLong => "research.study.hint.places",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            StudyError::NoName => "no_name",
            StudyError::NameTooLong => "name_too_long",
            StudyError::NoContact => "no_contact",
            StudyError::ContactTooLong => "contact_too_long",
            StudyError::ConsentTooLong => "consent_too_long",
            StudyError::ControlCharacter => "control_character",
            StudyError::BadKey => "bad_key",
            StudyError::PlaceWithoutMunicipality => "place_without_municipality",
            StudyError::PlaceTwice => "place_twice",
            StudyError::PlaceNameTooLong => "place_name_too_long",
            StudyError::PlacesTooLong => "places_too_long",
        }
    }
}

display_as_problem!(StudyError, StudyFileError, StudyKeysError);

impl StudyError {
    /// Which field of the form the error is about: `name`, `contact`,
    /// `consent` or `places` (the form marks that field).
    pub fn field(self) -> Option<&'static str> {
        match self {
            StudyError::NoName | StudyError::NameTooLong => Some("name"),
            StudyError::NoContact | StudyError::ContactTooLong => Some("contact"),
            StudyError::ConsentTooLong => Some("consent"),
            StudyError::PlaceWithoutMunicipality
            | StudyError::PlaceTwice
            | StudyError::PlaceNameTooLong
            | StudyError::PlacesTooLong => Some("places"),
            StudyError::ControlCharacter | StudyError::BadKey => None,
        }
    }
}

fn has_control(text: &str, allow_newlines: bool) -> bool {
    text.chars()
        .any(|c| c.is_control() && !(allow_newlines && c == '\n'))
}

impl StudyDraft {
    /// Checks the draft and makes the study for `researcher_key`. Fields are
    /// trimmed; an empty consent text means none.
    pub fn to_study(&self, researcher_key: &str) -> Result<Study, StudyError> {
        let name = self.name.trim();
        let contact = self.contact.trim();
        let consent = self.consent_extra.trim().replace("\r\n", "\n");
        if name.is_empty() {
            return Err(StudyError::NoName);
        }
        if name.chars().count() > MAX_NAME {
            return Err(StudyError::NameTooLong);
        }
        if contact.is_empty() {
            return Err(StudyError::NoContact);
        }
        if contact.chars().count() > MAX_CONTACT {
            return Err(StudyError::ContactTooLong);
        }
        if consent.chars().count() > MAX_CONSENT {
            return Err(StudyError::ConsentTooLong);
        }
        if has_control(name, false) || has_control(contact, false) || has_control(&consent, true) {
            return Err(StudyError::ControlCharacter);
        }
        let places = parse_places(&self.places)?;
        if !is_valid_public_key(researcher_key) {
            return Err(StudyError::BadKey);
        }
        Ok(Study {
            name: name.to_string(),
            contact: contact.to_string(),
            researcher_key: researcher_key.to_string(),
            more_keys: Vec::new(),
            municipality: None,
            team: None,
            consent_extra: (!consent.is_empty()).then_some(consent),
            places,
        })
    }
}

/// The study with one more key, as the researcher pasted it or as the app
/// made it: `text` is an age public key (`age1…`; spaces around it do not
/// count). A secret key pasted by mistake is refused and named as such, so
/// it is never kept or sent.
pub fn add_study_key(study: &Study, text: &str) -> Result<Study, StudyKeysError> {
    let key = text.trim();
    if key.is_empty() {
        return Err(StudyKeysError::NoKey);
    }
    if key.to_ascii_uppercase().starts_with("AGE-SECRET-KEY-") {
        return Err(StudyKeysError::SecretKey);
    }
    if !is_valid_public_key(key) {
        return Err(StudyKeysError::NotAge);
    }
    let mut study = study.clone();
    // Kept as age writes keys (lower case), whatever was pasted.
    study.more_keys.push(key.to_ascii_lowercase());
    check_study_keys(&study)?;
    Ok(study)
}

/// Reads the places as the researcher typed them: one line per
/// municipality, its teams after a colon, separated by commas
/// (`Voorbeeldstad: Wijkteam Noord, Wijkteam Zuid`); a line without a colon
/// is a municipality without teams. Blank lines and spaces around names do
/// not count; an empty team between two commas is skipped.
pub fn parse_places(text: &str) -> Result<Vec<Place>, StudyError> {
    if text.trim().chars().count() > MAX_PLACES_TEXT {
        return Err(StudyError::PlacesTooLong);
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r')
    {
        return Err(StudyError::ControlCharacter);
    }
    let mut places: Vec<Place> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (municipality, teams) = line.split_once(':').unwrap_or((line, ""));
        let municipality = municipality.trim();
        if municipality.is_empty() {
            return Err(StudyError::PlaceWithoutMunicipality);
        }
        let mut place = Place {
            municipality: municipality.to_string(),
            teams: Vec::new(),
        };
        for team in teams.split(',').map(str::trim).filter(|t| !t.is_empty()) {
            if place.teams.iter().any(|t| t == team) {
                return Err(StudyError::PlaceTwice);
            }
            place.teams.push(team.to_string());
        }
        let names = std::iter::once(&place.municipality).chain(&place.teams);
        if names
            .into_iter()
            .any(|n| n.chars().count() > MAX_PLACE_NAME)
        {
            return Err(StudyError::PlaceNameTooLong);
        }
        if places.iter().any(|p| p.municipality == place.municipality) {
            return Err(StudyError::PlaceTwice);
        }
        places.push(place);
    }
    Ok(places)
}

/// The places as the researcher would type them: the inverse of
/// [`parse_places`].
pub fn places_text(places: &[Place]) -> String {
    places
        .iter()
        .map(|p| {
            if p.teams.is_empty() {
                p.municipality.clone()
            } else {
                format!("{}: {}", p.municipality, p.teams.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The file name of a study's secret key file: study and date, lowercase
/// ASCII.
pub fn identity_file_name(study_name: &str, created: Millis) -> String {
    format!(
        "balans-key_{}_{}.txt",
        slug(study_name),
        &iso8601(created)[..10]
    )
}

/// The file name of the secret key file of a study's second key, made in
/// the app for someone else (a data steward): apart from the first key's
/// file, so the two are never mixed up.
pub fn second_identity_file_name(study_name: &str, created: Millis) -> String {
    format!(
        "balans-key-2_{}_{}.txt",
        slug(study_name),
        &iso8601(created)[..10]
    )
}

/// The file name of a study file.
pub fn study_file_name(study: &Study) -> String {
    format!("balans-study_{}.json", slug(&study.name))
}

#[derive(Serialize, Deserialize)]
struct StudyFile {
    format: String,
    version: u32,
    study: Study,
}

#[derive(Deserialize)]
struct StudyFileHeader {
    format: String,
    version: u32,
}

/// The study as a file a deployment can build in as its default study.
pub fn study_file(study: &Study) -> String {
    let file = StudyFile {
        format: STUDY_FILE_FORMAT.to_string(),
        version: if study.more_keys.is_empty() {
            STUDY_FILE_VERSION_ONE_KEY
        } else {
            STUDY_FILE_VERSION
        },
        study: study.clone(),
    };
    let mut text = serde_json::to_string_pretty(&file).expect("study files always serialize");
    text.push('\n');
    text
}

/// Why a study file cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StudyFileError {
    /// Not a Balans study file (not JSON, or another format).
    NotStudyFile,
    /// Written by a newer version of Balans.
    NewerVersion {
        /// The version found.
        found: u32,
    },
    /// A study file whose study is incomplete or has an invalid key.
    Invalid,
}

impl Problem for StudyFileError {
    fn message_key(&self) -> &'static str {
        match self {
            StudyFileError::NotStudyFile => "research.study_file.error.not_study",
            StudyFileError::NewerVersion { .. } => "research.study_file.error.newer",
            StudyFileError::Invalid => "research.study_file.error.invalid",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            StudyFileError::NewerVersion { .. } => "research.study_file.hint.newer",
            StudyFileError::NotStudyFile | StudyFileError::Invalid => {
                "research.study_file.hint.remake"
            }
        }
    }

    fn code(&self) -> &'static str {
        match self {
            StudyFileError::NotStudyFile => "not_study_file",
            StudyFileError::NewerVersion { .. } => "newer_version",
            StudyFileError::Invalid => "invalid",
        }
    }
}

/// Reads a study file, checking format and version first, then the study as
/// the study form would.
pub fn parse_study_file(text: &str) -> Result<Study, StudyFileError> {
    let header: StudyFileHeader =
        serde_json::from_str(text).map_err(|_| StudyFileError::NotStudyFile)?;
    if header.format != STUDY_FILE_FORMAT {
        return Err(StudyFileError::NotStudyFile);
    }
    if header.version > STUDY_FILE_VERSION {
        return Err(StudyFileError::NewerVersion {
            found: header.version,
        });
    }
    let file: StudyFile = serde_json::from_str(text).map_err(|_| StudyFileError::Invalid)?;
    let study = file.study;
    let draft = StudyDraft {
        name: study.name.clone(),
        contact: study.contact.clone(),
        consent_extra: study.consent_extra.clone().unwrap_or_default(),
        places: places_text(&study.places),
    };
    check_study_keys(&study).map_err(|_| StudyFileError::Invalid)?;
    draft
        .to_study(&study.researcher_key)
        .map_err(|_| StudyFileError::Invalid)?;
    Ok(study)
}
