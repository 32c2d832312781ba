//! What leaves the device: the export envelope (a versioned JSON of one
//! questionnaire, with the plan when a professional sends it), encrypted with
//! age to its readers and read back; and rescue files for stored values this
//! version could not read.
//!
//! What does not live here: the keys (`keys`), or what the researcher and the
//! professional do with an imported file (`research`, `professional`).

mod check;
mod envelope;
mod rescue;

pub use check::{
    check_fields, instrument_version_fits, member_label_fits, time_fits, MAX_ANSWERS,
    MAX_ANSWER_TEXT, MAX_MEMBER_LABEL,
};
pub use envelope::{
    decrypt, decrypt_bytes, encrypt, encrypt_bytes, parse_envelope, ConsentRecord, Envelope,
    ExportError, ImportError, APP_VERSION, EXPORT_FORMAT, EXPORT_VERSION,
    EXPORT_VERSION_WITHOUT_PLAN, EXPORT_VERSION_WITH_PLAN, EXPORT_VERSION_WITH_PROFESSIONAL_ID,
    EXPORT_VERSION_WITH_SAY,
};
pub use rescue::{
    rescue_draft, rescue_file, rescue_readers, Rescue, RescueDraft, RescueError, RESCUE_FORMAT,
};
