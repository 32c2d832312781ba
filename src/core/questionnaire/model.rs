//! One questionnaire in progress on a device: the invitation it came from,
//! consent, answers, where the person was, and whether it was saved as a file
//! or sent.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::say::OwnSay;
use crate::core::error::{display_as_problem, Problem};
use crate::core::ids::{ItemId, QuestionnaireId};
use crate::core::instrument::{item_by_id, pages, Item, Page, Role};
use crate::core::instrument::{score, shortfalls, Scores, Shortfall};
use crate::core::instrument::{Answer, Answers};
use crate::core::links::Invitation;
use crate::core::merge::later_wins;
use crate::core::util::hex;
use crate::core::util::Millis;

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
    /// Saved as a file on this device, not sent: the file still has to
    /// leave the device (issue 12: a download is not a sending).
    Saved,
    /// Sent at least once (through the share sheet, or the person said they
    /// sent the saved file).
    Sent,
}

/// Answers changed but not sent for this long get a reminder on the home
/// screen. Some browsers (Safari) delete everything a site stored when it was
/// not visited for seven days; three days leaves time to act.
pub const SEND_REMINDER_AFTER: Millis = 3 * 24 * 60 * 60 * 1000;

/// What a merge took over from the other copy of the same questionnaire.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// Items whose answer the other copy had given, changed or cleared later.
    pub answers: usize,
    /// Whether consent, completion, a saving or a sending came from the
    /// other copy.
    pub progress: bool,
}

impl Merged {
    /// Whether the merge changed anything the person can see.
    pub fn changed(&self) -> bool {
        self.answers > 0 || self.progress
    }
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

impl Problem for AnswerError {
    fn message_key(&self) -> &'static str {
        match self {
            AnswerError::UnknownItem(_) => "q.error.unknown_item",
            AnswerError::DoesNotFit(_) => "q.error.does_not_fit",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            AnswerError::UnknownItem(_) => "q.error.unknown_item_hint",
            AnswerError::DoesNotFit(_) => "q.error.does_not_fit_hint",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AnswerError::UnknownItem(_) => "unknown_item",
            AnswerError::DoesNotFit(_) => "does_not_fit",
        }
    }
}

display_as_problem!(AnswerError);

/// A questionnaire on the device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    /// Stable id: the same invitation and role always give the same id.
    pub id: QuestionnaireId,
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
    /// When each item's answer was last given, changed or cleared (schema 2).
    /// A cleared item keeps its time, so that merging two windows' copies
    /// knows the clearing is newer than the other window's answer.
    #[serde(default)]
    pub changed: BTreeMap<ItemId, Millis>,
    /// Last screen the person was on.
    pub screen: Screen,
    /// When the questionnaire was created on this device.
    pub started_at: Millis,
    /// When anything last changed.
    pub updated_at: Millis,
    /// When the person finished the review, if they did.
    #[serde(default)]
    pub completed_at: Option<Millis>,
    /// Every time the encrypted file was saved on this device (a download;
    /// schema 3). Saving is not sending: the file has not left the device.
    #[serde(default)]
    pub saved_at: Vec<Millis>,
    /// Every time the encrypted file was sent: handed to the share sheet, or
    /// the person said they sent a saved file (schema 3; before, a download
    /// counted too, see the schema history).
    #[serde(default)]
    pub sent_at: Vec<Millis>,
    /// The citizen's own say: topics to talk about and how the form was
    /// filled in (issue 13). New with serde defaults only, so the schema
    /// version stays (see the schema history).
    #[serde(default, skip_serializing_if = "OwnSay::is_empty")]
    pub own_say: OwnSay,
}

/// The id of the questionnaire for an invitation and role: a short hash of
/// study key, respondent, member, role and moment, so opening the same link
/// twice resumes instead of starting over. The respondent code is hashed in
/// upper case, as every code is held (schema 4): an id made before from a
/// lower-case code is moved once (`questionnaire_v3_to_v4`).
pub fn questionnaire_id(invitation: &Invitation, role: Role) -> QuestionnaireId {
    id_of(invitation, &invitation.respondent, role)
}

/// [`questionnaire_id`] with the respondent code `respondent` as it is
/// written, not as the invitation holds it: how ids were made before codes
/// were upper case.
pub(super) fn id_of(invitation: &Invitation, respondent: &str, role: Role) -> QuestionnaireId {
    let mut hasher = Sha256::new();
    for part in [
        invitation.study.researcher_key.as_str(),
        respondent,
        invitation.member.as_deref().unwrap_or(""),
        role.code(),
        invitation.moment.code(),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    hex(&digest[..8]).into()
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
            changed: BTreeMap::new(),
            screen: Screen::Page(0),
            started_at: now,
            updated_at: now,
            completed_at: None,
            saved_at: Vec::new(),
            sent_at: Vec::new(),
            own_say: OwnSay::default(),
        }
    }

    /// Changes the citizen's own say (topics, mode) with `f`, recording
    /// when, as an answer does.
    pub fn change_say(&mut self, now: Millis, f: impl FnOnce(&mut OwnSay, Millis)) {
        f(&mut self.own_say, now);
        self.updated_at = self.updated_at.max(now);
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
                self.answers.insert(ItemId::from(item_id), a);
            }
            _ => {
                self.answers.remove(item_id);
            }
        }
        // Never step back in time: a merge may have brought a later time from
        // another window, and the newest change must stay the newest.
        let at = self.changed.get(item_id).map_or(now, |t| now.max(*t));
        self.changed.insert(ItemId::from(item_id), at);
        self.updated_at = self.updated_at.max(now);
        Ok(())
    }

    /// Brings in what `other`, a copy of the same questionnaire (from another
    /// window, or as stored), knows and this copy does not; returns what it
    /// took over. Per item the later change wins, so an answer given in one
    /// window and another given in a second window are both kept. The screen
    /// stays this copy's: it is where this window's person is. A copy of a
    /// different questionnaire is left alone.
    ///
    /// Merging is commutative on everything but the screen, so two windows
    /// that merge each other's copies end with the same answers.
    pub fn merge(&mut self, other: &Questionnaire) -> Merged {
        let mut merged = Merged::default();
        if self.id != other.id {
            return merged;
        }
        let items: std::collections::BTreeSet<ItemId> = other
            .answers
            .keys()
            .chain(other.changed.keys())
            .cloned()
            .collect();
        for item in items {
            let mine = self.answers.get(&item);
            let theirs = other.answers.get(&item);
            let my_time = self.changed.get(&item).copied().unwrap_or(0);
            let their_time = other.changed.get(&item).copied().unwrap_or(0);
            // Tie-break key: an answer beats none; two answers by their JSON.
            let key = |a: Option<&Answer>| a.map(|a| serde_json::to_string(a).unwrap_or_default());
            let take = later_wins(my_time, &key(mine), their_time, &key(theirs));
            if !take {
                continue;
            }
            if mine != theirs {
                merged.answers += 1;
            }
            match theirs {
                Some(answer) => self.answers.insert(item.clone(), answer.clone()),
                None => self.answers.remove(&item),
            };
            if other.changed.contains_key(&item) {
                self.changed.insert(item, their_time);
            }
        }
        // The topic marks and the mode merge like answers: per mark, the
        // later setting wins.
        merged.answers += self.own_say.merge_from(&other.own_say);
        if self.consent.is_none() && other.consent.is_some() {
            self.consent = other.consent.clone();
            merged.progress = true;
        }
        let completed = match (self.completed_at, other.completed_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if completed != self.completed_at {
            self.completed_at = completed;
            merged.progress = true;
        }
        if union_times(&mut self.saved_at, &other.saved_at) {
            merged.progress = true;
        }
        if union_times(&mut self.sent_at, &other.sent_at) {
            merged.progress = true;
        }
        self.started_at = self.started_at.min(other.started_at);
        self.updated_at = self.updated_at.max(other.updated_at);
        merged
    }

    /// Records that the encrypted file was saved on this device at `now`
    /// (a download). It is not sent: [`Self::progress`] says
    /// [`Progress::Saved`] until it is.
    pub fn record_saved(&mut self, now: Millis) {
        self.saved_at.push(now);
        self.completed_at.get_or_insert(now);
    }

    /// Records that the encrypted file was sent at `now`: the share sheet
    /// took it, or the person said they sent the saved file.
    pub fn record_sent(&mut self, now: Millis) {
        self.sent_at.push(now);
        self.completed_at.get_or_insert(now);
    }

    /// When the file was last saved, if that was after the last sending: the
    /// saved file still waits to be sent.
    pub fn saved_not_sent(&self) -> Option<Millis> {
        let saved = self.saved_at.iter().max().copied()?;
        let sent = self.sent_at.iter().max().copied();
        sent.is_none_or(|sent| saved > sent).then_some(saved)
    }

    /// When the oldest change that was not sent yet was made; `None` when
    /// every change was sent (or nothing was answered). A saved file does not
    /// count as sent: it has not left the device.
    pub fn unsent_since(&self) -> Option<Millis> {
        let last_sent = self.sent_at.iter().max().copied();
        self.changed
            .values()
            .copied()
            .chain(self.own_say.last_change())
            .filter(|t| last_sent.is_none_or(|sent| *t > sent))
            .min()
    }

    /// Whether answers have waited so long unsent ([`SEND_REMINDER_AFTER`])
    /// that the person should be reminded to send them.
    pub fn needs_send_reminder(&self, now: Millis) -> bool {
        self.unsent_since()
            .is_some_and(|since| now.saturating_sub(since) >= SEND_REMINDER_AFTER)
    }

    /// Items of this form with no answer at all (the review marks them).
    pub fn skipped(&self) -> Vec<&'static Item> {
        self.items()
            .into_iter()
            .filter(|i| !self.answers.contains_key(i.id))
            .collect()
    }

    /// How many questions the person is told there are: one per screen, so
    /// the home screen's "12 van 41" and the question screen's "Vraag 12 van
    /// 41" use the same rule (a life domain's two items share one screen).
    pub fn question_count(&self) -> usize {
        self.pages().len()
    }

    /// How many of those questions (screens) have at least one answer; a
    /// missing code counts as an answer.
    pub fn questions_answered(&self) -> usize {
        self.pages()
            .iter()
            .filter(|p| p.items.iter().any(|i| self.answers.contains_key(i.id)))
            .count()
    }

    /// The index of the screen that shows item `item_id`, to link to it.
    pub fn page_of(&self, item_id: &str) -> Option<usize> {
        self.pages()
            .iter()
            .position(|p| p.items.iter().any(|i| i.id == item_id))
    }

    /// Number of items answered (a missing code counts as an answer).
    pub fn answered_count(&self) -> usize {
        self.items()
            .iter()
            .filter(|i| self.answers.contains_key(i.id))
            .count()
    }

    /// The summary's scores that have too few answers, each with the items
    /// of this form (at this moment) that would complete it.
    pub fn shortfalls(&self) -> Vec<Shortfall> {
        let on_form = self.items();
        shortfalls(&self.answers)
            .into_iter()
            .map(|mut s| {
                s.items.retain(|i| on_form.iter().any(|f| f.id == i.id));
                s
            })
            .collect()
    }

    /// Scores by the rule in [`super::scoring`].
    pub fn scores(&self) -> Scores {
        score(&self.answers)
    }

    /// How far it has come.
    pub fn progress(&self) -> Progress {
        if !self.sent_at.is_empty() {
            Progress::Sent
        } else if !self.saved_at.is_empty() {
            Progress::Saved
        } else if self.completed_at.is_some() {
            Progress::Completed
        } else {
            Progress::InProgress
        }
    }
}

/// Adds the times of `theirs` that `mine` lacks; whether it added any. Only
/// times this copy lacks change it; a merge with nothing new leaves the copy
/// exactly as it was (found by fuzzing: sorting here reordered stored times
/// that were out of order).
fn union_times(mine: &mut Vec<Millis>, theirs: &[Millis]) -> bool {
    let new: Vec<Millis> = theirs
        .iter()
        .filter(|t| !mine.contains(t))
        .copied()
        .collect();
    if new.is_empty() {
        return false;
    }
    mine.extend(new);
    mine.sort_unstable();
    mine.dedup();
    true
}
