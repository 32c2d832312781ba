//! Invitation and study links.
//!
//! A link carries its payload in the URL fragment (`#…`), which browsers never
//! send to a server: `https://host/#i2.<payload>.<check>`.
//!
//! - `i` is an invitation for a citizen, `s` a study link for professionals;
//! - the number is the link format version; a newer one gets a clear message:
//!
//!   | version | payload |
//!   |---|---|
//!   | 1 | compact JSON in unpadded base64url (invitations made before December 2026; study links still) |
//!   | 2 | invitations only: a binary record in unpadded base64url ([`super::compact`]), a quarter of the length and without the built-in study |
//!   | 3 | a study with more than one key: a study link's JSON `k` is a list; an invitation is the version-2 record followed by the study's further keys. A study with one key is still written as version 1 (study link) or 2 (invitation), which older apps open |
//!
//! - `<check>` is the first 6 bytes of the SHA-256 of the payload text, in
//!   base64url. It catches links that were cut off or changed on the way (a
//!   mangled chat message, a typo). It is not a signature: whoever can make a
//!   link can make its check, so the app always shows who will read the
//!   answers before the person gives consent.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::compact;
use super::demo::default_study;
use super::study::{check_study_keys, Study, StudyKeysError};
use crate::core::error::{display_as_problem, Problem};
use crate::core::i18n::Lang;
use crate::core::ids::RespondentCode;
use crate::core::instrument::Moment;
use crate::core::keys::is_valid_public_key;

/// The newest link format this app reads, and writes for a study with more
/// than one key (version 3: the study's keys as a list). A link holds the
/// lowest version that carries all it holds, so older apps keep opening
/// the links of a study with one key.
pub const LINK_VERSION: u32 = 3;

/// The version of a compact invitation of a study with one key.
const COMPACT_LINK_VERSION: u32 = 2;

/// The format version of JSON links (study links; older invitations).
const JSON_LINK_VERSION: u32 = 1;

/// Longest accepted fragment; a longer one is not a Balans link.
const MAX_FRAGMENT: usize = 4096;

/// An invitation for one person at one moment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    /// The study.
    #[serde(rename = "s")]
    pub study: Study,
    /// Pseudonymous respondent code, never a name.
    #[serde(rename = "r")]
    pub respondent: RespondentCode,
    /// The measurement moment.
    #[serde(rename = "m")]
    pub moment: Moment,
    /// Household member, when not the person who asked for help.
    #[serde(rename = "h", default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// The professional's age public key, when they may read the answers too.
    #[serde(rename = "p", default, skip_serializing_if = "Option::is_none")]
    pub professional_key: Option<String>,
    /// The professional's display name, shown as a reader of the answers.
    #[serde(rename = "pn", default, skip_serializing_if = "Option::is_none")]
    pub professional_name: Option<String>,
    /// Language the questionnaire opens in.
    #[serde(rename = "l")]
    pub language: Lang,
    /// Pseudonymous id of the professional who made the invitation (random,
    /// made with the workspace; never a name), so the researcher knows whom
    /// to interview about this respondent.
    #[serde(rename = "pi", default, skip_serializing_if = "Option::is_none")]
    pub professional_id: Option<String>,
}

impl Invitation {
    /// The age public keys the export is encrypted to: every key of the
    /// study (first key first), then the professional's, if any.
    pub fn recipients(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.study.keys().collect();
        keys.extend(self.professional_key.as_deref());
        keys
    }
}

/// Why a link cannot be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LinkError {
    /// The address has no invitation in it.
    Missing,
    /// The address holds something, but not a Balans link of this kind.
    NotBalans,
    /// The link was made by a newer version of Balans.
    NewerVersion {
        /// The version the link says it is.
        found: u32,
    },
    /// The link was cut off or changed on the way.
    Damaged,
    /// A key in the link is not a valid age public key.
    BadKey,
    /// The study's list of keys is empty, too long or names a key twice.
    StudyKeys(StudyKeysError),
    /// The respondent code in the link is not valid.
    BadRespondent(RespondentCodeError),
    /// A short link for the study built into another deployment of Balans.
    OtherStudy,
}

impl Problem for LinkError {
    fn message_key(&self) -> &'static str {
        match self {
            LinkError::Missing => "link.error.missing",
            LinkError::NotBalans => "link.error.not_balans",
            LinkError::NewerVersion { .. } => "link.error.newer",
            LinkError::Damaged => "link.error.damaged",
            LinkError::BadKey => "link.error.bad_key",
            LinkError::StudyKeys(StudyKeysError::NoKey) => "link.error.no_key",
            LinkError::StudyKeys(StudyKeysError::TooMany) => "link.error.too_many_keys",
            LinkError::StudyKeys(StudyKeysError::Twice) => "link.error.key_twice",
            LinkError::StudyKeys(_) => "link.error.bad_key",
            LinkError::BadRespondent(_) => "link.error.bad_respondent",
            LinkError::OtherStudy => "link.error.other_study",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            LinkError::NewerVersion { .. } => "link.hint.newer",
            LinkError::Missing => "link.hint.missing",
            LinkError::OtherStudy => "link.hint.other_study",
            LinkError::NotBalans
            | LinkError::Damaged
            | LinkError::BadKey
            | LinkError::StudyKeys(_)
            | LinkError::BadRespondent(_) => "link.hint.ask_new",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            LinkError::Missing => "missing",
            LinkError::NotBalans => "not_balans",
            LinkError::NewerVersion { .. } => "newer_version",
            LinkError::Damaged => "damaged",
            LinkError::BadKey => "bad_key",
            LinkError::StudyKeys(e) => e.code(),
            LinkError::BadRespondent(_) => "bad_respondent",
            LinkError::OtherStudy => "other_study",
        }
    }
}

display_as_problem!(LinkError, RespondentCodeError);

impl From<StudyKeysError> for LinkError {
    /// A key that is not an age key is the link's `bad_key`, as before.
    fn from(e: StudyKeysError) -> LinkError {
        match e {
            StudyKeysError::NotAge | StudyKeysError::SecretKey => LinkError::BadKey,
            other => LinkError::StudyKeys(other),
        }
    }
}

/// Why a respondent code is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RespondentCodeError {
    /// Fewer than 3 or more than 24 characters.
    Length,
    /// Characters other than letters A–Z, digits and '-'.
    Characters,
    /// No digit: codes carry a number, which also keeps names out.
    NoDigit,
}

impl Problem for RespondentCodeError {
    fn message_key(&self) -> &'static str {
        match self {
            RespondentCodeError::Length => "respondent.error.length",
            RespondentCodeError::Characters => "respondent.error.characters",
            RespondentCodeError::NoDigit => "respondent.error.no_digit",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            RespondentCodeError::Length => "respondent.hint.length",
            RespondentCodeError::Characters => "respondent.hint.characters",
            RespondentCodeError::NoDigit => "respondent.hint.no_digit",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            RespondentCodeError::Length => "length",
            RespondentCodeError::Characters => "characters",
            RespondentCodeError::NoDigit => "no_digit",
        }
    }
}

/// Checks a pseudonymous respondent code: 3–24 of A–Z, a–z, 0–9 and '-', with
/// at least one digit. Requiring a digit keeps real names out by construction.
pub fn validate_respondent_code(code: &str) -> Result<(), RespondentCodeError> {
    if !(3..=24).contains(&code.chars().count()) {
        return Err(RespondentCodeError::Length);
    }
    if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(RespondentCodeError::Characters);
    }
    if !code.chars().any(|c| c.is_ascii_digit()) {
        return Err(RespondentCodeError::NoDigit);
    }
    Ok(())
}

fn check_of(payload: &str) -> String {
    let digest = Sha256::digest(payload.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest[..6])
}

/// A JSON link: version 1 (study links of a study with one key, and
/// invitations that cannot be written as version 2), or `version` 3 (a
/// study link whose study has more keys).
fn encode<T: Serialize>(kind: char, version: u32, value: &T) -> String {
    let json = serde_json::to_vec(value).expect("link payloads always serialize");
    let payload = URL_SAFE_NO_PAD.encode(json);
    let check = check_of(&payload);
    format!("{kind}{version}.{payload}.{check}")
}

/// A fragment's version and its checked payload bytes.
fn open(kind: char, fragment: &str) -> Result<(u32, Vec<u8>), LinkError> {
    let fragment = fragment.trim().trim_start_matches('#');
    if fragment.is_empty() {
        return Err(LinkError::Missing);
    }
    if fragment.len() > MAX_FRAGMENT {
        return Err(LinkError::NotBalans);
    }
    let rest = fragment.strip_prefix(kind).ok_or(LinkError::NotBalans)?;
    let (version, rest) = rest.split_once('.').ok_or(LinkError::NotBalans)?;
    let version: u32 = version.parse().map_err(|_| LinkError::NotBalans)?;
    if version > LINK_VERSION {
        return Err(LinkError::NewerVersion { found: version });
    }
    if version == 0 {
        return Err(LinkError::NotBalans);
    }
    let (payload, check) = rest.rsplit_once('.').ok_or(LinkError::Damaged)?;
    if check_of(payload) != check {
        return Err(LinkError::Damaged);
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| LinkError::Damaged)?;
    Ok((version, bytes))
}

fn decode<T: for<'de> Deserialize<'de>>(kind: char, fragment: &str) -> Result<T, LinkError> {
    let (_, json) = open(kind, fragment)?;
    serde_json::from_slice(&json).map_err(|_| LinkError::Damaged)
}

/// The fragment of an invitation link, without the leading `#`: version 2,
/// leaving out this app's built-in study (see [`super::compact`]).
pub fn invitation_fragment(invitation: &Invitation) -> String {
    invitation_fragment_with(invitation, default_study().study())
}

/// [`invitation_fragment`] for an app whose built-in study is `built_in`.
///
/// An invitation whose keys or id cannot be written as bytes (none that
/// the app makes) is written as version 1, which every version opens.
pub fn invitation_fragment_with(invitation: &Invitation, built_in: Option<&Study>) -> String {
    match compact::encode(invitation, built_in) {
        Ok((more_keys, bytes)) => {
            let version = if more_keys {
                LINK_VERSION
            } else {
                COMPACT_LINK_VERSION
            };
            let payload = URL_SAFE_NO_PAD.encode(bytes);
            let check = check_of(&payload);
            format!("i{version}.{payload}.{check}")
        }
        Err(_) => encode('i', JSON_LINK_VERSION, invitation),
    }
}

/// The full invitation link for an app served at `base` (e.g. `https://balans.example/`).
pub fn invitation_link(base: &str, invitation: &Invitation) -> String {
    format!("{base}#{}", invitation_fragment(invitation))
}

/// Reads and validates an invitation from a URL fragment (with or without `#`).
pub fn parse_invitation(fragment: &str) -> Result<Invitation, LinkError> {
    parse_invitation_with(fragment, default_study().study())
}

/// [`parse_invitation`] in an app whose built-in study is `built_in`.
pub fn parse_invitation_with(
    fragment: &str,
    built_in: Option<&Study>,
) -> Result<Invitation, LinkError> {
    let invitation = match open('i', fragment)? {
        (1, json) => serde_json::from_slice(&json).map_err(|_| LinkError::Damaged)?,
        (version, bytes) => compact::decode(&bytes, version >= LINK_VERSION, built_in)?,
    };
    validate_study(&invitation.study)?;
    if let Some(key) = &invitation.professional_key {
        if !is_valid_public_key(key) {
            return Err(LinkError::BadKey);
        }
    }
    validate_respondent_code(&invitation.respondent).map_err(LinkError::BadRespondent)?;
    Ok(invitation)
}

/// The fragment of a study link for professionals, without the leading `#`:
/// version 1, or 3 when the study has more than one key.
pub fn study_fragment(study: &Study) -> String {
    let version = if study.more_keys.is_empty() {
        JSON_LINK_VERSION
    } else {
        LINK_VERSION
    };
    encode('s', version, study)
}

/// Reads and validates a study from a URL fragment (with or without `#`).
pub fn parse_study(fragment: &str) -> Result<Study, LinkError> {
    let study: Study = decode('s', fragment)?;
    validate_study(&study)?;
    Ok(study)
}

fn validate_study(study: &Study) -> Result<(), LinkError> {
    check_study_keys(study)?;
    if study.name.trim().is_empty() {
        return Err(LinkError::Damaged);
    }
    Ok(())
}

/// What kind of link a fragment holds, judged by its first character only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// `#i…`: an invitation.
    Invitation,
    /// `#s…`: a study link.
    Study,
}

/// Which kind of Balans link a fragment looks like, if any.
pub fn link_kind(fragment: &str) -> Option<LinkKind> {
    match fragment.trim_start_matches('#').chars().next() {
        Some('i') => Some(LinkKind::Invitation),
        Some('s') => Some(LinkKind::Study),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn respondent_codes() {
        assert_eq!(validate_respondent_code("R-0001"), Ok(()));
        assert_eq!(
            validate_respondent_code("Jansen"),
            Err(RespondentCodeError::NoDigit)
        );
        assert_eq!(
            validate_respondent_code("R1"),
            Err(RespondentCodeError::Length)
        );
        assert_eq!(
            validate_respondent_code("R 0001"),
            Err(RespondentCodeError::Characters)
        );
        assert_eq!(
            validate_respondent_code("<b>1</b>"),
            Err(RespondentCodeError::Characters)
        );
    }
}
