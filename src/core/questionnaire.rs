//! One questionnaire in progress on a device: the invitation it came from,
//! consent, answers, where the person was, and whether it was sent.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::answers::{Answer, Answers};
use super::instrument::{item_by_id, pages, Item, Page, Role};
use super::link::Invitation;
use super::scoring::{score, Scores};
use super::time::Millis;

/// Version of the consent text shown before the questions. Bump it when the
/// catalogue's `consent.text` changes meaning, so stored consent says which
/// text was agreed to.
pub const CONSENT_TEXT_VERSION: &str = "consent-1";

/// Active opt-in to the study.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    /// When the box was ticked and confirmed.
    pub given_at: Millis,
    /// Which consent text was shown ([`CONSENT_TEXT_VERSION`]).
    pub text_version: String,
    /// The study's extra consent text, when it had one, exactly as shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub study_text: Option<String>,
}

/// Where the person is in the questionnaire; restored on reload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Screen {
    /// A question page (zero-based).
    Page(usize),
    /// The overview of all answers.
    Review,
    /// The person's own balance.
    Summary,
    /// Sending the encrypted file.
    Send,
}

/// How far a questionnaire has come, for lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    /// Answering.
    InProgress,
    /// Finished (past the review), not sent.
    Completed,
    /// Sent at least once.
    Sent,
}

/// Why an answer was not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnswerError {
    /// No item with this id on this form.
    UnknownItem(String),
    /// The answer does not fit the item's scale.
    DoesNotFit(String),
}

/// A questionnaire on the device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    /// Stable id: the same invitation and role always give the same id.
    pub id: String,
    /// The invitation it was opened from.
    pub invitation: Invitation,
    /// Whose form this is.
    pub role: Role,
    /// Consent, once given (citizens only; required before the questions).
    #[serde(default)]
    pub consent: Option<Consent>,
    /// Answers by item id; skipped items are absent.
    #[serde(default)]
    pub answers: Answers,
    /// Last screen the person was on.
    pub screen: Screen,
    /// When the questionnaire was created on this device.
    pub started_at: Millis,
    /// When anything last changed.
    pub updated_at: Millis,
    /// When the person finished the review, if they did.
    #[serde(default)]
    pub completed_at: Option<Millis>,
    /// Every time the encrypted file was made for sending.
    #[serde(default)]
    pub sent_at: Vec<Millis>,
}

/// The id of the questionnaire for an invitation and role: a short hash of
/// study key, respondent, member, role and moment, so opening the same link
/// twice resumes instead of starting over.
pub fn questionnaire_id(invitation: &Invitation, role: Role) -> String {
    let mut hasher = Sha256::new();
    for part in [
        invitation.study.researcher_key.as_str(),
        invitation.respondent.as_str(),
        invitation.member.as_deref().unwrap_or(""),
        role.code(),
        invitation.moment.code(),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

impl Questionnaire {
    /// A new, empty questionnaire.
    pub fn new(invitation: Invitation, role: Role, now: Millis) -> Self {
        Questionnaire {
            id: questionnaire_id(&invitation, role),
            invitation,
            role,
            consent: None,
            answers: Answers::new(),
            screen: Screen::Page(0),
            started_at: now,
            updated_at: now,
            completed_at: None,
            sent_at: Vec::new(),
        }
    }

    /// The screens of this form at this moment.
    pub fn pages(&self) -> Vec<Page> {
        pages(self.role, self.invitation.moment)
    }

    /// The items of this form at this moment, in order.
    pub fn items(&self) -> Vec<&'static Item> {
        self.pages().into_iter().flat_map(|p| p.items).collect()
    }

    /// Gives, changes or (with `None`) clears the answer to one item.
    pub fn set_answer(
        &mut self,
        item_id: &str,
        answer: Option<Answer>,
        now: Millis,
    ) -> Result<(), AnswerError> {
        let item = item_by_id(item_id)
            .filter(|i| i.on_form(self.role))
            .ok_or_else(|| AnswerError::UnknownItem(item_id.to_string()))?;
        match answer {
            Some(a) if a.is_given() => {
                if !a.fits(item) {
                    return Err(AnswerError::DoesNotFit(item_id.to_string()));
                }
                self.answers.insert(item_id.to_string(), a);
            }
            _ => {
                self.answers.remove(item_id);
            }
        }
        self.updated_at = now;
        Ok(())
    }

    /// Items of this form with no answer at all (the review marks them).
    pub fn skipped(&self) -> Vec<&'static Item> {
        self.items()
            .into_iter()
            .filter(|i| !self.answers.contains_key(i.id))
            .collect()
    }

    /// Number of items answered (a missing code counts as an answer).
    pub fn answered_count(&self) -> usize {
        self.items()
            .iter()
            .filter(|i| self.answers.contains_key(i.id))
            .count()
    }

    /// Scores by the rule in [`super::scoring`].
    pub fn scores(&self) -> Scores {
        score(&self.answers)
    }

    /// How far it has come.
    pub fn progress(&self) -> Progress {
        if !self.sent_at.is_empty() {
            Progress::Sent
        } else if self.completed_at.is_some() {
            Progress::Completed
        } else {
            Progress::InProgress
        }
    }
}
