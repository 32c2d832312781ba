//! Balans: the citizen's and the professional's questionnaire on draagkracht
//! and draaglast, kept on the device and exported encrypted with `age`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod core;
#[cfg(target_arch = "wasm32")]
pub mod ui;
