//! The pure core of Balans: no leptos, no web-sys, no gloo. Everything here is
//! plain data and functions, tested with `cargo test` on the host.
//!
//! Grouped by concept, from the bottom up; a group uses only groups above it
//! in this list, so there is no circle:
//!
//! | group | what lives there |
//! |---|---|
//! | [`util`] | timestamps, file-name slugs, hex |
//! | [`ids`] | typed ids: respondent code, questionnaire, workspace, item |
//! | [`i18n`] | the language catalogues |
//! | [`error`] | the `Problem` trait every error enum implements: message, hint, code |
//! | [`merge`] | the `Merge` trait and the one last-write-wins rule |
//! | [`instrument`] | items, scales, answers, scoring, read-aloud text |
//! | [`keys`] | age key pairs and key files |
//! | [`links`] | the study, invitation and study links, study file, demo, QR |
//! | [`questionnaire`] | a questionnaire on the device and the stored schema |
//! | [`plan`] | the support plan |
//! | [`exchange`] | the encrypted export envelope and rescue files |
//! | [`professional`] | the workspace and the comparison |
//! | [`research`] | import, dataset, codebook, analysis, interview |
//! | [`backup`] | backups of staff data and how they merge into a device |
//! | [`lock`] | staff data sealed at rest: data key, passphrase and key-file wraps |

pub mod backup;
pub mod error;
pub mod exchange;
pub mod i18n;
pub mod ids;
pub mod instrument;
pub mod keys;
pub mod links;
pub mod lock;
pub mod merge;
pub mod plan;
pub mod professional;
pub mod questionnaire;
pub mod research;
pub mod util;
