//! Every field of an imported envelope, checked before anything of it is
//! stored or shown. Anyone with the study's public key can make a file, so
//! a file is refused as soon as one field is outside what this app itself
//! writes: a time that is not a real ISO 8601 time, a version that does not
//! exist, a text longer than the screen that made it allows, a control
//! character, too many answers. The refusal names the field
//! ([`ImportError::BadField`]), so the person can tell the sender.
//!
//! Answers are checked against their items (an answer that does not fit
//! would corrupt means; ids this version does not know are left alone, the
//! dataset has no column for them), and a plan must be the professional's,
//! of the same respondent, within the plan's own limits. Whether a file
//! belongs in a workspace is for `professional`.

use super::envelope::{Envelope, ImportError, EXPORT_VERSION};
use crate::core::instrument::{item_by_id, Answer, Role, INSTRUMENT_VERSION};
use crate::core::links::{
    check_study_keys, validate_respondent_code, Study, MAX_CONSENT, MAX_CONTACT, MAX_NAME,
    MAX_PLACE_NAME, PROFESSIONAL_ID_BYTES,
};
use crate::core::util::{iso8601, parse_iso8601};

/// Longest household member label, in characters (the workspace's limit).
pub const MAX_MEMBER_LABEL: usize = 24;

/// Most answers one file may hold: every item of the instrument with room
/// for items a newer minor version adds, far below what would slow a page.
pub const MAX_ANSWERS: usize = 400;

/// Longest free-text answer, in characters. The form sets no limit, so this
/// is generous: a page of text is about 3 000 characters.
pub const MAX_ANSWER_TEXT: usize = 20_000;

/// Longest item id this app would accept from a newer instrument.
const MAX_ITEM_ID: usize = 64;

/// Most codes one multiple-choice answer may hold.
const MAX_CHOICES: usize = 64;

/// Most municipalities a study may name (the places text holds at most
/// 1 200 characters, so far fewer fit).
const MAX_PLACES: usize = 200;

/// Longest short technical text (app version, consent text version).
const MAX_TAG: usize = 32;

/// Whether `label` is a household member label the workspace would accept
/// when typed: 1 to [`MAX_MEMBER_LABEL`] letters, digits, spaces or hyphens,
/// no space at either end. The same rule as `professional::validate_member`
/// (a test holds the two together), kept here because the envelope is read
/// before any workspace is.
pub fn member_label_fits(label: &str) -> bool {
    !label.is_empty()
        && label.trim() == label
        && label.chars().count() <= MAX_MEMBER_LABEL
        && label
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
}

/// Whether an instrument version is `major.minor` in plain digits, major at
/// least 1, each part a number this app can hold. `0`, `-1.0` and
/// `4294967296.0` are not.
pub fn instrument_version_fits(version: &str) -> bool {
    let Some((major, minor)) = version.split_once('.') else {
        return false;
    };
    let number = |part: &str| -> Option<u32> {
        if part.is_empty() || part.len() > 9 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    matches!((number(major), number(minor)), (Some(m), Some(_)) if m >= 1)
}

/// Whether `text` is a real UTC time in the exact form this app writes
/// (`2026-03-01T10:15:00Z`): 31 February or second 60 are not.
pub fn time_fits(text: &str) -> bool {
    parse_iso8601(text).is_some_and(|ms| iso8601(ms) == text)
}

/// Whether a (fitting) instrument version is newer than this app's.
fn newer_instrument(version: &str) -> bool {
    let parse = |v: &str| -> Option<(u32, u32)> {
        let (major, minor) = v.split_once('.')?;
        Some((major.parse().ok()?, minor.parse().ok()?))
    };
    match (parse(version), parse(INSTRUMENT_VERSION)) {
        (Some(found), Some(ours)) => found > ours,
        _ => false,
    }
}

fn has_control(text: &str, allow_newlines: bool) -> bool {
    text.chars()
        .any(|c| c.is_control() && !(allow_newlines && matches!(c, '\n' | '\r' | '\t')))
}

/// A one-line text of 1..=`max` characters without control characters.
fn line_fits(text: &str, max: usize) -> bool {
    !text.trim().is_empty() && text.chars().count() <= max && !has_control(text, false)
}

fn optional_line_fits(text: Option<&str>, max: usize) -> bool {
    text.is_none_or(|t| line_fits(t, max))
}

/// A technical text such as `0.1.0` or `consent-1`.
fn tag_fits(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_TAG
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'+' | b'_'))
}

fn study_fits(study: &Study) -> bool {
    line_fits(&study.name, MAX_NAME)
        && line_fits(&study.contact, MAX_CONTACT)
        && check_study_keys(study).is_ok()
        && optional_line_fits(study.municipality.as_deref(), MAX_PLACE_NAME)
        && optional_line_fits(study.team.as_deref(), MAX_PLACE_NAME)
        && study
            .consent_extra
            .as_deref()
            .is_none_or(|c| c.chars().count() <= MAX_CONSENT && !has_control(c, true))
        && study.places.len() <= MAX_PLACES
        && study.places.iter().all(|p| {
            line_fits(&p.municipality, MAX_PLACE_NAME)
                && p.teams.len() <= MAX_PLACES
                && p.teams.iter().all(|t| line_fits(t, MAX_PLACE_NAME))
        })
}

fn answer_fits(id: &str, answer: &Answer) -> bool {
    let id_fits = !id.is_empty()
        && id.len() <= MAX_ITEM_ID
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    id_fits
        && match answer {
            Answer::Text(text) => {
                text.chars().count() <= MAX_ANSWER_TEXT && !has_control(text, true)
            }
            Answer::Choices(codes) => codes.len() <= MAX_CHOICES,
            Answer::Value(_) | Answer::Missing(_) => true,
        }
}

fn professional_id_fits(id: &str) -> bool {
    id.len() == 2 * PROFESSIONAL_ID_BYTES
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Checks every field of an envelope against what this app writes; the
/// first field that is off is named in the error.
pub fn check_fields(e: &Envelope) -> Result<(), ImportError> {
    let bad = |field: &'static str| Err(ImportError::BadField { field });
    if e.version == 0 || e.version > EXPORT_VERSION {
        return bad("version");
    }
    if !instrument_version_fits(&e.instrument_version) {
        return bad("instrument_version");
    }
    if newer_instrument(&e.instrument_version) {
        return Err(ImportError::NewerVersion { found: e.version });
    }
    if !tag_fits(&e.app_version) {
        return bad("app_version");
    }
    if !study_fits(&e.study) {
        return bad("study");
    }
    if validate_respondent_code(&e.respondent).is_err() {
        return bad("respondent");
    }
    if e.member.as_deref().is_some_and(|m| !member_label_fits(m)) {
        return bad("member");
    }
    if !time_fits(&e.started_at) {
        return bad("started_at");
    }
    if e.completed_at.as_deref().is_some_and(|t| !time_fits(t)) {
        return bad("completed_at");
    }
    if !time_fits(&e.exported_at) {
        return bad("exported_at");
    }
    if let Some(consent) = &e.consent {
        if !time_fits(&consent.given_at) {
            return bad("consent/given_at");
        }
        if !tag_fits(&consent.text_version) {
            return bad("consent/text_version");
        }
        let extra_fits = consent
            .study_text
            .as_deref()
            .is_none_or(|c| c.chars().count() <= MAX_CONSENT && !has_control(c, true));
        if !extra_fits {
            return bad("consent/study_text");
        }
    }
    if e.answers.len() > MAX_ANSWERS {
        return bad("answers");
    }
    if !e.answers.iter().all(|(id, a)| answer_fits(id, a)) {
        return bad("answers");
    }
    let fit_items = e.answers.iter().all(|(id, answer)| match item_by_id(id) {
        Some(item) => item.on_form(e.role) && answer.fits(item),
        None => true,
    });
    if !fit_items {
        return bad("answers");
    }
    if let Some(plan) = &e.plan {
        if e.role != Role::Professional || plan.respondent != e.respondent || plan.check().is_err()
        {
            return bad("plan");
        }
    }
    if e.professional_id
        .as_deref()
        .is_some_and(|id| !professional_id_fits(id))
    {
        return bad("professional_id");
    }
    // The citizen's own say comes only with a citizen's form, within the
    // limits the app keeps (issue 13).
    match e.role {
        Role::Citizen => {
            let topics_fit = e
                .topics
                .as_ref()
                .is_none_or(|t| t.is_valid() && !has_control(&t.other, true));
            if !topics_fit {
                return bad("topics");
            }
        }
        Role::Professional => {
            if e.topics.is_some() {
                return bad("topics");
            }
            if e.mode.is_some() {
                return bad("mode");
            }
        }
    }
    Ok(())
}
