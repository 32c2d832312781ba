//! The default study of a build: the study file a deployment built in, or
//! else the embedded demo study. The demo's secret key is public on purpose
//! (README.md, `tests/fixtures/demo-identity.txt`) so that anyone can try
//! decrypting an export; never use it for real answers.

use super::link::Invitation;
use super::study::{parse_study_file, Place, Study, StudyFileError};
use crate::core::i18n::Lang;
use crate::core::instrument::Moment;

/// The demo researcher's age public key.
pub const DEMO_RESEARCHER_KEY: &str =
    "age15cpmx82kxmge6v60djzghzrhjejs9vsprvz8unhspape3c86z5yqg0pndd";

/// The demo study.
pub fn demo_study() -> Study {
    Study {
        name: "Balans demo".to_string(),
        contact: "onderzoek@balans.example".to_string(),
        researcher_key: DEMO_RESEARCHER_KEY.to_string(),
        more_keys: Vec::new(),
        municipality: Some("Voorbeeldstad".to_string()),
        team: Some("Wijkteam Noord".to_string()),
        consent_extra: None,
        places: vec![
            Place {
                municipality: "Voorbeeldstad".to_string(),
                teams: vec!["Wijkteam Noord".to_string(), "Wijkteam Zuid".to_string()],
            },
            Place {
                municipality: "Oefendorp".to_string(),
                teams: vec!["Sociaal team".to_string()],
            },
        ],
    }
}

/// The demo invitation the home page offers: respondent DEMO-001 at T0.
pub fn demo_invitation(language: Lang) -> Invitation {
    Invitation {
        study: demo_study(),
        respondent: "DEMO-001".into(),
        moment: Moment::T0,
        member: None,
        professional_key: None,
        professional_name: None,
        language,
        professional_id: None,
    }
}

/// The study a deployment was built with: the contents of a study file in
/// the `BALANS_DEFAULT_STUDY` environment variable at build time (see
/// README, "Deploying"). Built in, so the app needs no request after it has
/// loaded and works offline.
const DEPLOYED_STUDY: Option<&str> = option_env!("BALANS_DEFAULT_STUDY");

/// The study this deployment starts with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DefaultStudy {
    /// No study was built in: the demo study, whose secret key is public.
    Demo(Study),
    /// The study file built in with `BALANS_DEFAULT_STUDY`.
    Deployed(Study),
    /// A study file was built in but cannot be used. Screens that need the
    /// default study show this instead of quietly using the demo key.
    Broken(StudyFileError),
}

impl DefaultStudy {
    /// The study, unless the built-in file is broken.
    pub fn study(&self) -> Option<&Study> {
        match self {
            DefaultStudy::Demo(s) | DefaultStudy::Deployed(s) => Some(s),
            DefaultStudy::Broken(_) => None,
        }
    }
}

/// The default study of a build whose `BALANS_DEFAULT_STUDY` was `built_in`.
pub fn default_study_from(built_in: Option<&str>) -> DefaultStudy {
    match built_in.map(str::trim).filter(|t| !t.is_empty()) {
        None => DefaultStudy::Demo(demo_study()),
        Some(text) => match parse_study_file(text) {
            Ok(study) => DefaultStudy::Deployed(study),
            Err(e) => DefaultStudy::Broken(e),
        },
    }
}

/// The default study of this build: the study file built in with
/// `BALANS_DEFAULT_STUDY`, else the demo study.
pub fn default_study() -> DefaultStudy {
    default_study_from(DEPLOYED_STUDY)
}
