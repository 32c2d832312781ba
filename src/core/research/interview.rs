//! The researcher's interview with the professional about the approach
//! taken, at two moments: after T0 and before T2. A guide of open questions
//! ([`GUIDE`]) on the approach, the use of the questionnaire results, the
//! citizen's role, continuity (caseload, staff turnover) and obstacles, with
//! a note per question; continuity also has closed companions (caseload as
//! a number, change of worker yes/no) that the conditions table uses.
//!
//! Notes are the researcher's own words and stay on the researcher's device,
//! one record per respondent and moment ([`interview_key`]); they reach the
//! dataset as a table of their own (respondent, moment, question id, note).
//! Question ids never change meaning: a new question gets a new id.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::error::{display_as_problem, Problem};
use crate::core::ids::RespondentCode;
use crate::core::instrument::Moment;
use crate::core::merge::{later_wins, Merge};
use crate::core::util::Millis;

/// Prefix of stored interviews: `balans.research.interview.<code>.<1|2>`.
pub const INTERVIEW_PREFIX: &str = "balans.research.interview.";

/// Longest note, in characters.
pub const MAX_NOTE: usize = 5000;

/// Which of the two interviews.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterviewMoment {
    /// Interview 1, after T0: how the plan was made.
    First,
    /// Interview 2, before T2: how it went.
    Second,
}

impl InterviewMoment {
    /// Both, in time order.
    pub const ALL: [InterviewMoment; 2] = [InterviewMoment::First, InterviewMoment::Second];

    /// 1 or 2: in addresses, storage keys and the dataset.
    pub fn number(self) -> u8 {
        match self {
            InterviewMoment::First => 1,
            InterviewMoment::Second => 2,
        }
    }

    /// The interview with `number` 1 or 2.
    pub fn from_number(number: &str) -> Option<InterviewMoment> {
        match number {
            "1" => Some(InterviewMoment::First),
            "2" => Some(InterviewMoment::Second),
            _ => None,
        }
    }

    /// The questionnaires the interview starts from: T0 for the first, T1
    /// (the latest before T2) for the second.
    pub fn questionnaire_moment(self) -> Moment {
        match self {
            InterviewMoment::First => Moment::T0,
            InterviewMoment::Second => Moment::T1,
        }
    }

    /// Catalogue key of its name ("Interview 1 (after T0)").
    pub fn label_key(self) -> &'static str {
        match self {
            InterviewMoment::First => "interview.moment.1",
            InterviewMoment::Second => "interview.moment.2",
        }
    }
}

/// A theme of the guide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Theme {
    /// From question to goals and approach.
    Approach,
    /// What was done with the questionnaires' results.
    Results,
    /// The citizen's say.
    Role,
    /// Goals reached (second interview).
    Reached,
    /// Caseload and staff turnover.
    Continuity,
    /// What stood in the way.
    Obstacles,
    /// Anything else.
    Other,
}

impl Theme {
    /// Catalogue key of its heading.
    pub fn title_key(self) -> &'static str {
        match self {
            Theme::Approach => "interview.theme.approach",
            Theme::Results => "interview.theme.results",
            Theme::Role => "interview.theme.role",
            Theme::Reached => "interview.theme.reached",
            Theme::Continuity => "interview.theme.continuity",
            Theme::Obstacles => "interview.theme.obstacles",
            Theme::Other => "interview.theme.other",
        }
    }
}

/// What kind of answer a question takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answering {
    /// The researcher's own words.
    Open,
    /// `yes` or `no` (closed, so the conditions table can use it).
    YesNo,
    /// A whole number from 0 to [`MAX_NUMBER`].
    Number,
}

/// Largest number a closed number question takes.
pub const MAX_NUMBER: u32 = 999;

/// One question of the guide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GuideQuestion {
    /// Stable id, e.g. `approach.goals`.
    pub id: &'static str,
    /// Catalogue key of its text, `interview.q.<id>`.
    pub key: &'static str,
    /// Its theme.
    pub theme: Theme,
    /// The interview it belongs to; `None`: both.
    pub only: Option<InterviewMoment>,
    /// Open words or a closed answer.
    pub answering: Answering,
}

impl GuideQuestion {
    /// Catalogue key of the question.
    pub fn text_key(&self) -> &'static str {
        self.key
    }

    /// Whether the question is asked in `moment`'s interview.
    pub fn asked_in(&self, moment: InterviewMoment) -> bool {
        self.only.is_none_or(|m| m == moment)
    }
}

const fn q(id: &'static str, key: &'static str, theme: Theme) -> GuideQuestion {
    GuideQuestion {
        id,
        key,
        theme,
        only: None,
        answering: Answering::Open,
    }
}

/// A closed companion of an open question.
const fn closed(
    id: &'static str,
    key: &'static str,
    theme: Theme,
    answering: Answering,
) -> GuideQuestion {
    GuideQuestion {
        answering,
        ..q(id, key, theme)
    }
}

const fn second(id: &'static str, key: &'static str, theme: Theme) -> GuideQuestion {
    GuideQuestion {
        id,
        key,
        theme,
        only: Some(InterviewMoment::Second),
        answering: Answering::Open,
    }
}

/// The interview guide, in the order it is asked.
pub const GUIDE: &[GuideQuestion] = &[
    q(
        "approach.goals",
        "interview.q.approach.goals",
        Theme::Approach,
    ),
    q(
        "approach.choice",
        "interview.q.approach.choice",
        Theme::Approach,
    ),
    q(
        "approach.small_steps",
        "interview.q.approach.small_steps",
        Theme::Approach,
    ),
    second(
        "approach.changes",
        "interview.q.approach.changes",
        Theme::Approach,
    ),
    q(
        "results.discussed",
        "interview.q.results.discussed",
        Theme::Results,
    ),
    q(
        "results.differences",
        "interview.q.results.differences",
        Theme::Results,
    ),
    q("results.use", "interview.q.results.use", Theme::Results),
    q("citizen.ideas", "interview.q.citizen.ideas", Theme::Role),
    q("citizen.say", "interview.q.citizen.say", Theme::Role),
    second("reached.goals", "interview.q.reached.goals", Theme::Reached),
    second(
        "reached.helped",
        "interview.q.reached.helped",
        Theme::Reached,
    ),
    q(
        "continuity.caseload",
        "interview.q.continuity.caseload",
        Theme::Continuity,
    ),
    closed(
        "continuity.caseload_number",
        "interview.q.continuity.caseload_number",
        Theme::Continuity,
        Answering::Number,
    ),
    q(
        "continuity.turnover",
        "interview.q.continuity.turnover",
        Theme::Continuity,
    ),
    closed(
        "continuity.changed_worker",
        "interview.q.continuity.changed_worker",
        Theme::Continuity,
        Answering::YesNo,
    ),
    q(
        "obstacles.hardest",
        "interview.q.obstacles.hardest",
        Theme::Obstacles,
    ),
    q(
        "obstacles.needed",
        "interview.q.obstacles.needed",
        Theme::Obstacles,
    ),
    q("other.notes", "interview.q.other.notes", Theme::Other),
];

/// The questions of `moment`'s interview, in order.
pub fn guide(moment: InterviewMoment) -> impl Iterator<Item = &'static GuideQuestion> {
    GUIDE.iter().filter(move |g| g.asked_in(moment))
}

/// Storage key of the interview with respondent `code` at `moment`.
pub fn interview_key(code: &RespondentCode, moment: InterviewMoment) -> String {
    format!("{INTERVIEW_PREFIX}{code}.{}", moment.number())
}

/// One note and when it last changed (a cleared note stays, empty, so that
/// merging two windows keeps the clearing).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// The researcher's words.
    pub text: String,
    /// When they last changed.
    pub changed_at: Millis,
}

/// Why a note is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NoteError {
    /// The question is not in this interview's guide.
    UnknownQuestion,
    /// Longer than [`MAX_NOTE`] characters.
    TooLong,
    /// A closed question got something other than its answers.
    NotAnAnswer,
}

impl Problem for NoteError {
    fn message_key(&self) -> &'static str {
        match self {
            NoteError::UnknownQuestion => "interview.error.unknown",
            NoteError::TooLong => "interview.error.too_long",
            NoteError::NotAnAnswer => "interview.error.not_an_answer",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            NoteError::UnknownQuestion => "interview.hint.unknown",
            NoteError::TooLong => "interview.hint.too_long",
            NoteError::NotAnAnswer => "interview.hint.not_an_answer",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            NoteError::UnknownQuestion => "unknown_question",
            NoteError::TooLong => "too_long",
            NoteError::NotAnAnswer => "not_an_answer",
        }
    }
}

display_as_problem!(NoteError);

/// One interview's notes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interview {
    /// Pseudonymous respondent code.
    pub respondent: RespondentCode,
    /// Which interview.
    pub moment: InterviewMoment,
    /// When the first note was made.
    pub started_at: Millis,
    /// When a note last changed.
    pub updated_at: Millis,
    /// Notes by question id (a closed question's note is its answer:
    /// `yes`/`no`, or the number).
    #[serde(default)]
    pub notes: BTreeMap<String, Note>,
    /// The day the interview is set for when the researcher changed it on
    /// the calendar (`YYYY-MM-DD`; empty: back to the planned day). Kept
    /// with the notes so that it survives a reload and goes into the
    /// researcher's backup; absent in records written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<Note>,
}

impl Interview {
    /// An interview without notes.
    pub fn new(code: &str, moment: InterviewMoment, now: Millis) -> Interview {
        Interview {
            respondent: code.into(),
            moment,
            started_at: now,
            updated_at: now,
            notes: BTreeMap::new(),
            day: None,
        }
    }

    /// The day set on the calendar (`YYYY-MM-DD`), if one is.
    pub fn day(&self) -> Option<&str> {
        self.day
            .as_ref()
            .map(|d| d.text.as_str())
            .filter(|d| !d.is_empty())
    }

    /// Sets the interview's day (`YYYY-MM-DD`, or empty for the planned
    /// one). A day that is not a real date is refused.
    pub fn set_day(&mut self, day: &str, now: Millis) -> Result<(), NoteError> {
        let day = day.trim();
        let real = day.len() == 10
            && crate::core::util::parse_iso8601(&format!("{day}T12:00:00Z"))
                .is_some_and(|ms| crate::core::util::date(ms) == day);
        if !day.is_empty() && !real {
            return Err(NoteError::NotAnAnswer);
        }
        self.day = Some(Note {
            text: day.to_string(),
            changed_at: now,
        });
        self.updated_at = self.updated_at.max(now);
        Ok(())
    }

    /// The note on question `id` ("" when none).
    pub fn note(&self, id: &str) -> &str {
        self.notes.get(id).map_or("", |n| n.text.as_str())
    }

    /// Sets the note on question `id`.
    pub fn set_note(&mut self, id: &str, text: &str, now: Millis) -> Result<(), NoteError> {
        let Some(question) = guide(self.moment).find(|g| g.id == id) else {
            return Err(NoteError::UnknownQuestion);
        };
        let text =
            text.trim_matches(|c: char| question.answering != Answering::Open && c.is_whitespace());
        let fits = match question.answering {
            Answering::Open => true,
            Answering::YesNo => ["", "yes", "no"].contains(&text),
            Answering::Number => {
                text.is_empty()
                    || (text.len() <= 3
                        && text.bytes().all(|b| b.is_ascii_digit())
                        && text.parse::<u32>().is_ok_and(|n| n <= MAX_NUMBER))
            }
        };
        if !fits {
            return Err(NoteError::NotAnAnswer);
        }
        if text.chars().count() > MAX_NOTE {
            return Err(NoteError::TooLong);
        }
        self.notes.insert(
            id.to_string(),
            Note {
                text: text.to_string(),
                changed_at: now,
            },
        );
        self.updated_at = self.updated_at.max(now);
        Ok(())
    }

    /// The closed answer to question `id`: `Some(true)` for yes.
    pub fn yes_no(&self, id: &str) -> Option<bool> {
        match self.note(id) {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        }
    }

    /// The number answered to question `id`.
    pub fn number(&self, id: &str) -> Option<u32> {
        self.note(id).parse().ok()
    }

    /// The notes with words in them, in the guide's order.
    pub fn filled(&self) -> impl Iterator<Item = (&'static GuideQuestion, &str)> {
        guide(self.moment).filter_map(|g| {
            let text = self.note(g.id);
            (!text.trim().is_empty()).then_some((g, text))
        })
    }
}

impl Merge for Interview {
    /// Per question the later note wins (on a tie the longer text, then
    /// the greater, so every window picks the same).
    fn merge_from(&mut self, stored: &Self) -> bool {
        if (&self.respondent, self.moment) != (&stored.respondent, stored.moment) {
            return false;
        }
        let mut changed = false;
        for (id, theirs) in &stored.notes {
            let take = match self.notes.get(id) {
                None => true,
                Some(mine) => later_wins(
                    mine.changed_at,
                    &(mine.text.len(), &mine.text),
                    theirs.changed_at,
                    &(theirs.text.len(), &theirs.text),
                ),
            };
            if take {
                self.notes.insert(id.clone(), theirs.clone());
                changed = true;
            }
        }
        if let Some(theirs) = &stored.day {
            let take = match &self.day {
                None => true,
                Some(mine) => {
                    later_wins(mine.changed_at, &mine.text, theirs.changed_at, &theirs.text)
                }
            };
            if take {
                self.day = Some(theirs.clone());
                changed = true;
            }
        }
        let started = self.started_at.min(stored.started_at);
        let updated = self.updated_at.max(stored.updated_at);
        if (started, updated) != (self.started_at, self.updated_at) {
            self.started_at = started;
            self.updated_at = updated;
            changed = true;
        }
        changed
    }
}
