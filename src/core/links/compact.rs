//! Version 2 of the invitation link: a compact binary payload, so that an
//! invitation fits a small QR code on paper.
//!
//! The payload is a [`Wire`] record written with `postcard` (variable-length
//! integers, strings as length and bytes, options as one tag byte). Two
//! things make it short:
//!
//! - **The built-in study is not repeated.** When the invitation is for the
//!   study this app was built with (the deployment's default study), the link
//!   carries only a 3-byte fingerprint of that study's researcher key, and the
//!   municipality and team as positions in the study's list of places. An app
//!   built with another study refuses such a link rather than guess.
//! - **Keys as bytes.** The professional's age public key travels as its 32
//!   raw bytes (bech32-decoded), not as 62 characters of text.
//!
//! Everything else an invitation holds (respondent, moment, member,
//! professional's name and pseudonymous id, language) is written as is.
//!
//! **Version 3** is the same record followed by the further keys of a study
//! written in full (a list of 32-byte keys): a study with one key, and the
//! built-in study (whose keys the app knows), stay version 2, which older
//! apps open.

use bech32::{Bech32, Hrp};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::link::{Invitation, LinkError};
use super::study::Study;
use crate::core::i18n::Lang;
use crate::core::instrument::Moment;

/// Bytes of a professional id (written as twice as many hex digits).
pub const PROFESSIONAL_ID_BYTES: usize = 5;

/// The record a version-2 invitation link carries.
#[derive(Serialize, Deserialize)]
struct Wire {
    /// Moment (0–2) and language (+3 for English) in one byte.
    moment_lang: u8,
    respondent: String,
    study: WireStudy,
    member: Option<String>,
    professional_key: Option<[u8; 32]>,
    professional_name: Option<String>,
    professional_id: Option<[u8; PROFESSIONAL_ID_BYTES]>,
}

#[derive(Serialize, Deserialize)]
enum WireStudy {
    /// The app's built-in study, at a place in its list.
    BuiltIn {
        fingerprint: [u8; 3],
        place: WirePlace,
    },
    /// Any other study, in full (without its list of places).
    Full {
        name: String,
        contact: String,
        key: [u8; 32],
        consent_extra: Option<String>,
        municipality: Option<String>,
        team: Option<String>,
    },
}

#[derive(Serialize, Deserialize)]
enum WirePlace {
    /// No municipality or team.
    None,
    /// Positions in the study's list: municipality, then its team (if any).
    Listed(u8, Option<u8>),
    /// Names that are not in the study's list.
    Named(Option<String>, Option<String>),
}

fn fingerprint(study: &Study) -> [u8; 3] {
    let digest = Sha256::digest(study.researcher_key.as_bytes());
    [digest[0], digest[1], digest[2]]
}

/// The 32 bytes of an age X25519 public key (`age1…`).
fn key_bytes(key: &str) -> Result<[u8; 32], LinkError> {
    let (hrp, data) = bech32::decode(key).map_err(|_| LinkError::BadKey)?;
    if hrp.as_str() != "age" {
        return Err(LinkError::BadKey);
    }
    data.try_into().map_err(|_| LinkError::BadKey)
}

/// The `age1…` text of 32 key bytes.
fn key_text(bytes: &[u8; 32]) -> Result<String, LinkError> {
    let hrp = Hrp::parse("age").map_err(|_| LinkError::BadKey)?;
    bech32::encode::<Bech32>(hrp, bytes).map_err(|_| LinkError::BadKey)
}

fn place_of(study: &Study, built_in: &Study) -> WirePlace {
    let (municipality, team) = (study.municipality.as_deref(), study.team.as_deref());
    if municipality.is_none() && team.is_none() {
        return WirePlace::None;
    }
    let listed = municipality.and_then(|m| {
        let (i, place) = built_in
            .places
            .iter()
            .enumerate()
            .find(|(_, p)| p.municipality == m)?;
        let team = match team {
            None => None,
            Some(t) => Some(u8::try_from(place.teams.iter().position(|x| x == t)?).ok()?),
        };
        Some(WirePlace::Listed(u8::try_from(i).ok()?, team))
    });
    listed.unwrap_or_else(|| WirePlace::Named(study.municipality.clone(), study.team.clone()))
}

/// The payload bytes of an invitation, and whether they are version 3 (a
/// study in full with more than one key); `built_in` is the app's built-in
/// study, if any.
pub(crate) fn encode(
    invitation: &Invitation,
    built_in: Option<&Study>,
) -> Result<(bool, Vec<u8>), LinkError> {
    let study = &invitation.study;
    let mut more_keys: Vec<[u8; 32]> = Vec::new();
    let wire_study = match built_in.filter(|b| b.same_study(study)) {
        Some(built_in) => WireStudy::BuiltIn {
            fingerprint: fingerprint(built_in),
            place: place_of(study, built_in),
        },
        None => {
            more_keys = study
                .more_keys
                .iter()
                .map(|k| key_bytes(k))
                .collect::<Result<_, _>>()?;
            WireStudy::Full {
                name: study.name.clone(),
                contact: study.contact.clone(),
                key: key_bytes(&study.researcher_key)?,
                consent_extra: study.consent_extra.clone(),
                municipality: study.municipality.clone(),
                team: study.team.clone(),
            }
        }
    };
    let professional_id = match &invitation.professional_id {
        None => None,
        Some(id) => Some(id_bytes(id).ok_or(LinkError::Damaged)?),
    };
    let wire = Wire {
        moment_lang: invitation.moment.index() as u8
            + if invitation.language == Lang::En {
                3
            } else {
                0
            },
        respondent: invitation.respondent.to_string(),
        study: wire_study,
        member: invitation.member.clone(),
        professional_key: invitation
            .professional_key
            .as_deref()
            .map(key_bytes)
            .transpose()?,
        professional_name: invitation.professional_name.clone(),
        professional_id,
    };
    let mut bytes = postcard::to_allocvec(&wire).map_err(|_| LinkError::Damaged)?;
    if more_keys.is_empty() {
        return Ok((false, bytes));
    }
    let keys = postcard::to_allocvec(&more_keys).map_err(|_| LinkError::Damaged)?;
    bytes.extend(keys);
    Ok((true, bytes))
}

/// Reads version-2 payload bytes, or version 3 (`more_keys`: the record is
/// followed by the study's further keys); `built_in` is the app's built-in
/// study.
pub(crate) fn decode(
    bytes: &[u8],
    more_keys: bool,
    built_in: Option<&Study>,
) -> Result<Invitation, LinkError> {
    let (wire, rest): (Wire, &[u8]) =
        postcard::take_from_bytes(bytes).map_err(|_| LinkError::Damaged)?;
    let more_keys: Vec<[u8; 32]> = if more_keys {
        let (keys, rest): (Vec<[u8; 32]>, &[u8]) =
            postcard::take_from_bytes(rest).map_err(|_| LinkError::Damaged)?;
        if !rest.is_empty() {
            return Err(LinkError::Damaged);
        }
        keys
    } else {
        if !rest.is_empty() {
            return Err(LinkError::Damaged);
        }
        Vec::new()
    };
    let study = match wire.study {
        WireStudy::BuiltIn {
            fingerprint: f,
            place,
        } => {
            let built_in = built_in
                .filter(|b| fingerprint(b) == f)
                .ok_or(LinkError::OtherStudy)?;
            let (municipality, team) = match place {
                WirePlace::None => (None, None),
                WirePlace::Named(m, t) => (m, t),
                WirePlace::Listed(m, t) => {
                    let place = built_in
                        .places
                        .get(usize::from(m))
                        .ok_or(LinkError::Damaged)?;
                    let team = match t {
                        None => None,
                        Some(t) => Some(
                            place
                                .teams
                                .get(usize::from(t))
                                .ok_or(LinkError::Damaged)?
                                .clone(),
                        ),
                    };
                    (Some(place.municipality.clone()), team)
                }
            };
            // The built-in study's keys are the app's own; a link cannot add any.
            if !more_keys.is_empty() {
                return Err(LinkError::Damaged);
            }
            built_in.at(municipality, team)
        }
        WireStudy::Full {
            name,
            contact,
            key,
            consent_extra,
            municipality,
            team,
        } => Study {
            name,
            contact,
            researcher_key: key_text(&key)?,
            more_keys: more_keys.iter().map(key_text).collect::<Result<_, _>>()?,
            municipality,
            team,
            consent_extra,
            places: Vec::new(),
        },
    };
    let (moment, language) = match wire.moment_lang {
        n @ 0..=2 => (n, Lang::Nl),
        n @ 3..=5 => (n - 3, Lang::En),
        _ => return Err(LinkError::Damaged),
    };
    Ok(Invitation {
        study,
        respondent: wire.respondent.into(),
        moment: Moment::ALL[usize::from(moment)],
        member: wire.member,
        professional_key: wire.professional_key.as_ref().map(key_text).transpose()?,
        professional_name: wire.professional_name,
        professional_id: wire.professional_id.map(|b| crate::core::util::hex(&b)),
        language,
    })
}

/// The bytes of a professional id written as hex.
fn id_bytes(id: &str) -> Option<[u8; PROFESSIONAL_ID_BYTES]> {
    if id.len() != PROFESSIONAL_ID_BYTES * 2 || !id.is_ascii() {
        return None;
    }
    let mut out = [0; PROFESSIONAL_ID_BYTES];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(id.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}
