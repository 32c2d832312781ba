//! The embedded demo study, the default a deployment starts with. Its secret
//! key is public on purpose (README.md, `tests/fixtures/demo-identity.txt`) so
//! that anyone can try decrypting an export; never use it for real answers.

use super::link::Invitation;
use super::study::Study;
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
        municipality: Some("Voorbeeldstad".to_string()),
        team: Some("Wijkteam Noord".to_string()),
        consent_extra: None,
    }
}

/// The demo invitation the home page offers: respondent DEMO-001 at T0.
pub fn demo_invitation(language: Lang) -> Invitation {
    Invitation {
        study: demo_study(),
        respondent: "DEMO-001".to_string(),
        moment: Moment::T0,
        member: None,
        professional_key: None,
        professional_name: None,
        language,
    }
}
