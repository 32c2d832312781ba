//! What travels in a link: the study (name, contact, researcher key, place),
//! invitation and study links with their checks, the study file a
//! deployment ships as its default, the built-in demo study, and the QR code
//! of a link.
//!
//! What does not live here: the age keys themselves (`keys`), or what is
//! stored once a link is opened (`questionnaire`, `professional`).

mod compact;
mod demo;
mod link;
mod qr;
mod study;

pub use compact::PROFESSIONAL_ID_BYTES;
pub use demo::{
    default_study, default_study_from, demo_invitation, demo_study, DefaultStudy,
    DEMO_RESEARCHER_KEY,
};
pub use link::{
    invitation_fragment, invitation_fragment_with, invitation_link, link_kind, parse_invitation,
    parse_invitation_with, parse_study, study_fragment, validate_respondent_code, Invitation,
    LinkError, LinkKind, RespondentCodeError,
};
pub use qr::{fits_print, qr_svg, QrError, QrImage, LINK_PRINT_BUDGET};
pub use study::{
    add_study_key, check_study_keys, identity_file_name, parse_places, parse_study_file,
    places_text, second_identity_file_name, study_file, study_file_name, KeptKey, Place, Study,
    StudyDraft, StudyError, StudyFileError, StudyKeysError, MAX_CONSENT, MAX_CONTACT, MAX_NAME,
    MAX_PLACES_TEXT, MAX_PLACE_NAME, MAX_STUDY_KEYS, RESEARCH_KEY_KEY, RESEARCH_STUDY_KEY,
};
