//! The support plan (ondersteuningsplan) a professional makes with a citizen:
//! the work process as steps, from the question for help to whether each
//! goal was reached.
//!
//! 1. the original question for help (hulpvraag);
//! 2. what the clarification found (vraagverheldering): which life domains
//!    weigh (burden) and what the person can build on (capacity), with a note;
//! 3. goals, each with the citizen's say ([`Say`]: whose idea, agreed or not)
//!    and whether it was reached at T1 and at T2 ([`Reached`]);
//! 4. the chosen approach: interventions from the instrument's list
//!    ([`INTERVENTIONS`]) plus free entries;
//! 5. small steps (kleine stappen): concrete agreements, each with *what*,
//!    *how*, *with whom* and a date, optionally for one goal, again with the
//!    citizen's say.
//!
//! Each chosen intervention and each small step records which of the three
//! behaviour-change levers ([`Lever`]) it works on (issue 13).
//!
//! The plan is stored on the professional's device under [`plan_key`], one
//! record per respondent, next to the workspace (not inside it, so an older
//! version of the app that saves the workspace can never drop a plan). It
//! travels to the researcher inside the professional's export
//! ([`super::Envelope::with_plan`]).
//!
//! # Two windows
//! Every goal and step has an id (its creation time, made unique within the
//! plan) and the time it last changed; the plan's head (question,
//! clarification, approach) has one change time. A save merges the stored
//! copy in ([`Merge`]): per part the later change wins, and a removed goal or
//! step stays as a marker until export, so a merge never brings it back.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::error::{display_as_problem, Problem};
use crate::core::ids::{RespondentCode, WorkspaceId};
use crate::core::instrument::{Domain, Moment, INTERVENTIONS};
use crate::core::merge::{later_wins, Merge};
use crate::core::util::{parse_iso8601, Millis};

/// Prefix of stored plans: `balans.pro.p.<workspace id>.<respondent code>`.
pub const PLAN_PREFIX: &str = "balans.pro.p.";

/// Longest text of one field, in characters.
pub const MAX_PLAN_TEXT: usize = 1000;

/// Most goals in one plan (a plan is a page for the citizen, not a file).
pub const MAX_GOALS: usize = 12;

/// Most small steps in one plan.
pub const MAX_STEPS: usize = 24;

/// Most free entries among the interventions.
pub const MAX_OTHER_INTERVENTIONS: usize = 8;

/// The intervention code that stands for "something else" (free entries).
pub const OTHER_INTERVENTION: i32 = 7;

/// Storage key of the plan of respondent `code` in workspace `wid`.
pub fn plan_key(wid: &WorkspaceId, code: &RespondentCode) -> String {
    format!("{PLAN_PREFIX}{wid}.{code}")
}

/// The key `plan`, stored under `stored_key`, belongs under: the same
/// workspace and the plan's own respondent code (upper case since schema 4,
/// so a plan kept under a lower-case code moves once). `None` when
/// `stored_key` is no plan key.
pub fn plan_key_for(stored_key: &str, plan: &Plan) -> Option<String> {
    let (wid, _) = stored_key.strip_prefix(PLAN_PREFIX)?.split_once('.')?;
    Some(plan_key(&wid.into(), &plan.respondent))
}

/// Whose idea a goal or step was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Idea {
    /// The citizen's own idea.
    Citizen,
    /// Thought of together.
    Together,
    /// The professional's idea.
    Professional,
    /// Someone else's, e.g. from the person's network.
    Other,
}

impl Idea {
    /// Every option, in display order.
    pub const ALL: [Idea; 4] = [
        Idea::Citizen,
        Idea::Together,
        Idea::Professional,
        Idea::Other,
    ];

    /// Code in the dataset.
    pub fn code(self) -> i32 {
        match self {
            Idea::Citizen => 1,
            Idea::Together => 2,
            Idea::Professional => 3,
            Idea::Other => 4,
        }
    }

    /// Short stable name, for form values and tests.
    pub fn name(self) -> &'static str {
        match self {
            Idea::Citizen => "citizen",
            Idea::Together => "together",
            Idea::Professional => "professional",
            Idea::Other => "other",
        }
    }

    /// The option named `name` ([`Idea::name`]).
    pub fn from_name(name: &str) -> Option<Idea> {
        Idea::ALL.into_iter().find(|i| i.name() == name)
    }

    /// Catalogue key of the label (plain words: the citizen reads it).
    pub fn label_key(self) -> &'static str {
        match self {
            Idea::Citizen => "plan.idea.citizen",
            Idea::Together => "plan.idea.together",
            Idea::Professional => "plan.idea.professional",
            Idea::Other => "plan.idea.other",
        }
    }

    /// Whether the citizen had a hand in it (their own idea, or together).
    pub fn citizens_own(self) -> bool {
        matches!(self, Idea::Citizen | Idea::Together)
    }
}

/// The citizen's say in a goal or step: whose idea it was and whether the
/// citizen agreed. `None` means not recorded (yet).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Say {
    /// Whose idea it was.
    #[serde(default)]
    pub idea: Option<Idea>,
    /// Whether the citizen agreed with it.
    #[serde(default)]
    pub agreed: Option<bool>,
}

/// Whether a goal was reached at a follow-up moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reached {
    /// Not reached.
    No,
    /// Partly reached.
    Partly,
    /// Reached.
    Yes,
    /// The goal no longer applies (dropped, or the situation changed).
    Dropped,
}

impl Reached {
    /// Every state, in display order.
    pub const ALL: [Reached; 4] = [Reached::No, Reached::Partly, Reached::Yes, Reached::Dropped];

    /// Code in the dataset: an ordered 1–3, and 99 ("does not apply") for a
    /// dropped goal, the dataset's code for "n.v.t.".
    pub fn code(self) -> i32 {
        match self {
            Reached::No => 1,
            Reached::Partly => 2,
            Reached::Yes => 3,
            Reached::Dropped => 99,
        }
    }

    /// Short stable name, for form values and tests.
    pub fn name(self) -> &'static str {
        match self {
            Reached::No => "no",
            Reached::Partly => "partly",
            Reached::Yes => "yes",
            Reached::Dropped => "dropped",
        }
    }

    /// The state named `name` ([`Reached::name`]).
    pub fn from_name(name: &str) -> Option<Reached> {
        Reached::ALL.into_iter().find(|r| r.name() == name)
    }

    /// Catalogue key of the label (plain words: the citizen reads it).
    pub fn label_key(self) -> &'static str {
        match self {
            Reached::No => "plan.reached.no",
            Reached::Partly => "plan.reached.partly",
            Reached::Yes => "plan.reached.yes",
            Reached::Dropped => "plan.reached.dropped",
        }
    }
}

/// A behaviour-change lever an intervention or small step works on (the
/// study's recommendation, DESIGN.md §6). Stable codes: the dataset and the
/// analysis of conditions use them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lever {
    /// Motivation: appeal to autonomy, room for own choices, prevent
    /// dependence.
    Motivation,
    /// Social norms: know the social force field, use supportive relations,
    /// be a positive example.
    SocialNorms,
    /// Competences: thinking and doing; focus on strengths, attention to
    /// self-image.
    Competences,
}

impl Lever {
    /// Every lever, in display order.
    pub const ALL: [Lever; 3] = [Lever::Motivation, Lever::SocialNorms, Lever::Competences];

    /// Code in the dataset: 1 motivation, 2 social norms, 3 competences.
    pub fn code(self) -> i32 {
        match self {
            Lever::Motivation => 1,
            Lever::SocialNorms => 2,
            Lever::Competences => 3,
        }
    }

    /// Stable name, as in the export, in column names and form values.
    pub fn name(self) -> &'static str {
        match self {
            Lever::Motivation => "motivation",
            Lever::SocialNorms => "social_norms",
            Lever::Competences => "competences",
        }
    }

    /// The lever named `name` ([`Lever::name`]).
    pub fn from_name(name: &str) -> Option<Lever> {
        Lever::ALL.into_iter().find(|l| l.name() == name)
    }

    /// Catalogue key of its name for the professional.
    pub fn label_key(self) -> &'static str {
        match self {
            Lever::Motivation => "plan.lever.motivation",
            Lever::SocialNorms => "plan.lever.social_norms",
            Lever::Competences => "plan.lever.competences",
        }
    }

    /// Catalogue key of its one-line explanation in the plan screen.
    pub fn explain_key(self) -> &'static str {
        match self {
            Lever::Motivation => "plan.lever.motivation.explain",
            Lever::SocialNorms => "plan.lever.social_norms.explain",
            Lever::Competences => "plan.lever.competences.explain",
        }
    }

    /// Catalogue key of its plain words on the printed plan (the citizen
    /// reads it).
    pub fn plain_key(self) -> &'static str {
        match self {
            Lever::Motivation => "plan.lever.motivation.plain",
            Lever::SocialNorms => "plan.lever.social_norms.plain",
            Lever::Competences => "plan.lever.competences.plain",
        }
    }
}

/// What the person can build on, one of the three capacity dimensions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capacity {
    /// Own competences.
    Competences,
    /// The network.
    Network,
    /// Community services.
    Services,
}

impl Capacity {
    /// Every dimension, in questionnaire order.
    pub const ALL: [Capacity; 3] = [Capacity::Competences, Capacity::Network, Capacity::Services];

    /// Short code for variable names and form values.
    pub fn code(self) -> &'static str {
        match self {
            Capacity::Competences => "competences",
            Capacity::Network => "network",
            Capacity::Services => "services",
        }
    }

    /// Catalogue key of its everyday name (the questionnaire's section).
    pub fn label_key(self) -> &'static str {
        match self {
            Capacity::Competences => "section.competences",
            Capacity::Network => "section.network",
            Capacity::Services => "section.services",
        }
    }
}

/// The parts of the plan that change together: question, clarification and
/// the chosen approach.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    /// The original question for help, in the citizen's words.
    #[serde(default)]
    pub question: String,
    /// Life domains the clarification found weigh on the person.
    #[serde(default)]
    pub burden: Vec<Domain>,
    /// Capacity the person can build on.
    #[serde(default)]
    pub capacity: Vec<Capacity>,
    /// What else the clarification found.
    #[serde(default)]
    pub clarification: String,
    /// Chosen interventions: codes of [`INTERVENTIONS`].
    #[serde(default)]
    pub interventions: Vec<i32>,
    /// Interventions in the professional's own words.
    #[serde(default)]
    pub other_interventions: Vec<String>,
    /// The levers each chosen intervention works on, by intervention code
    /// (code [`OTHER_INTERVENTION`] stands for the ones in own words).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub levers: BTreeMap<i32, Vec<Lever>>,
    /// When any of these last changed.
    #[serde(default)]
    pub changed_at: Millis,
}

/// One goal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    /// Stable id within the plan.
    pub id: u64,
    /// The goal in words.
    #[serde(default)]
    pub text: String,
    /// The citizen's say in it.
    #[serde(default)]
    pub say: Say,
    /// Whether it was reached at T1.
    #[serde(default)]
    pub reached_t1: Option<Reached>,
    /// Whether it was reached at T2.
    #[serde(default)]
    pub reached_t2: Option<Reached>,
    /// When it last changed (or was removed).
    pub changed_at: Millis,
    /// Removed: kept as a marker so that merging never brings it back.
    #[serde(default, skip_serializing_if = "is_false")]
    pub removed: bool,
}

impl Goal {
    /// Whether it was reached at `moment` (T1 or T2; T0 has no such state).
    pub fn reached(&self, moment: Moment) -> Option<Reached> {
        match moment {
            Moment::T0 => None,
            Moment::T1 => self.reached_t1,
            Moment::T2 => self.reached_t2,
        }
    }
}

/// One small step: a concrete agreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmallStep {
    /// Stable id within the plan.
    pub id: u64,
    /// The goal it serves (its id), if any.
    #[serde(default)]
    pub goal: Option<u64>,
    /// What the person will do.
    #[serde(default)]
    pub what: String,
    /// How.
    #[serde(default)]
    pub how: String,
    /// With whom.
    #[serde(default)]
    pub with_whom: String,
    /// By when: `YYYY-MM-DD`, or empty.
    #[serde(default)]
    pub date: String,
    /// The citizen's say in it.
    #[serde(default)]
    pub say: Say,
    /// The levers it works on, in [`Lever::ALL`] order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levers: Vec<Lever>,
    /// When it last changed (or was removed).
    pub changed_at: Millis,
    /// Removed: kept as a marker so that merging never brings it back.
    #[serde(default, skip_serializing_if = "is_false")]
    pub removed: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The support plan of one respondent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Pseudonymous respondent code.
    pub respondent: RespondentCode,
    /// When the plan was started.
    pub created_at: Millis,
    /// When anything in it last changed.
    pub updated_at: Millis,
    /// Question, clarification and approach.
    #[serde(default)]
    pub head: Head,
    /// Goals, in the order they were added (removed ones included, marked).
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// Small steps, in the order they were added (removed ones included).
    #[serde(default)]
    pub steps: Vec<SmallStep>,
}

/// Why a change to a plan, or a plan read from a file, is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PlanError {
    /// No goal with that id (or it was removed).
    NoSuchGoal,
    /// No small step with that id (or it was removed).
    NoSuchStep,
    /// Reaching a goal is assessed at T1 and T2 only.
    NotAFollowUp,
    /// Not a code of the interventions list.
    UnknownIntervention,
    /// More goals, steps or free entries than a plan holds.
    TooMany,
    /// A text longer than [`MAX_PLAN_TEXT`] characters.
    TooLong,
    /// A date that is not `YYYY-MM-DD`.
    BadDate,
}

impl Problem for PlanError {
    fn message_key(&self) -> &'static str {
        match self {
            PlanError::NoSuchGoal => "plan.error.no_goal",
            PlanError::NoSuchStep => "plan.error.no_step",
            PlanError::NotAFollowUp => "plan.error.not_follow_up",
            PlanError::UnknownIntervention => "plan.error.intervention",
            PlanError::TooMany => "plan.error.too_many",
            PlanError::TooLong => "plan.error.too_long",
            PlanError::BadDate => "plan.error.date",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            PlanError::TooMany => "plan.hint.too_many",
            PlanError::TooLong => "plan.hint.too_long",
            PlanError::BadDate => "plan.hint.date",
            PlanError::NotAFollowUp => "plan.hint.not_follow_up",
            PlanError::NoSuchGoal | PlanError::NoSuchStep | PlanError::UnknownIntervention => {
                "plan.hint.reload"
            }
        }
    }

    fn code(&self) -> &'static str {
        match self {
            PlanError::NoSuchGoal => "no_goal",
            PlanError::NoSuchStep => "no_step",
            PlanError::NotAFollowUp => "not_follow_up",
            PlanError::UnknownIntervention => "unknown_intervention",
            PlanError::TooMany => "too_many",
            PlanError::TooLong => "too_long",
            PlanError::BadDate => "bad_date",
        }
    }
}

display_as_problem!(PlanError);

/// Counts of how goals stood at one follow-up moment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReachedCounts {
    /// Reached.
    pub yes: usize,
    /// Partly reached.
    pub partly: usize,
    /// Not reached.
    pub no: usize,
    /// No longer applies.
    pub dropped: usize,
    /// Not assessed.
    pub unknown: usize,
}

/// The citizen's say over a list of goals or steps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SayCounts {
    /// How many there are.
    pub total: usize,
    /// The citizen's own idea, or thought of together.
    pub own_idea: usize,
    /// The citizen agreed.
    pub agreed: usize,
    /// The citizen did not agree.
    pub not_agreed: usize,
}

impl SayCounts {
    fn of<'a>(says: impl Iterator<Item = &'a Say>) -> Self {
        let mut counts = SayCounts::default();
        for say in says {
            counts.total += 1;
            counts.own_idea += usize::from(say.idea.is_some_and(Idea::citizens_own));
            counts.agreed += usize::from(say.agreed == Some(true));
            counts.not_agreed += usize::from(say.agreed == Some(false));
        }
        counts
    }
}

fn check_text(text: &str) -> Result<(), PlanError> {
    if text.chars().count() > MAX_PLAN_TEXT {
        Err(PlanError::TooLong)
    } else {
        Ok(())
    }
}

fn check_date(date: &str) -> Result<(), PlanError> {
    if date.is_empty() || parse_iso8601(&format!("{date}T00:00:00Z")).is_some() {
        Ok(())
    } else {
        Err(PlanError::BadDate)
    }
}

impl Plan {
    /// An empty plan for respondent `code`.
    pub fn new(code: &str, now: Millis) -> Plan {
        Plan {
            respondent: code.into(),
            created_at: now,
            updated_at: now,
            head: Head::default(),
            goals: Vec::new(),
            steps: Vec::new(),
        }
    }

    /// Whether nothing was filled in (such a plan is not exported).
    pub fn is_empty(&self) -> bool {
        let h = &self.head;
        h.question.trim().is_empty()
            && h.clarification.trim().is_empty()
            && h.burden.is_empty()
            && h.capacity.is_empty()
            && h.interventions.is_empty()
            && h.other_interventions.iter().all(|t| t.trim().is_empty())
            && self.goals().next().is_none()
            && self.steps().next().is_none()
    }

    /// The goals, without removed ones, in order; numbered from 1 on screen.
    pub fn goals(&self) -> impl Iterator<Item = &Goal> {
        self.goals.iter().filter(|g| !g.removed)
    }

    /// The small steps, without removed ones, in order.
    pub fn steps(&self) -> impl Iterator<Item = &SmallStep> {
        self.steps.iter().filter(|s| !s.removed)
    }

    /// The small steps by date (issue 12: they showed in the order they
    /// were added): dated ones first, earliest first; steps without a date
    /// after them, in the order they were added. `YYYY-MM-DD` sorts as text.
    pub fn steps_by_date(&self) -> Vec<&SmallStep> {
        let mut steps: Vec<&SmallStep> = self.steps().collect();
        // A stable sort: equal dates and undated steps keep their order.
        steps.sort_by(|a, b| {
            (a.date.is_empty(), a.date.as_str()).cmp(&(b.date.is_empty(), b.date.as_str()))
        });
        steps
    }

    /// The goal with `id`.
    pub fn goal(&self, id: u64) -> Option<&Goal> {
        self.goals().find(|g| g.id == id)
    }

    /// The small step with `id`.
    pub fn step(&self, id: u64) -> Option<&SmallStep> {
        self.steps().find(|s| s.id == id)
    }

    /// The number (from 1) of goal `id` among the goals.
    pub fn goal_number(&self, id: u64) -> Option<usize> {
        self.goals().position(|g| g.id == id).map(|i| i + 1)
    }

    /// An id no goal or step has: `now`, or one more than the highest.
    fn next_id(&self, now: Millis) -> u64 {
        let highest = self
            .goals
            .iter()
            .map(|g| g.id)
            .chain(self.steps.iter().map(|s| s.id))
            .max()
            .unwrap_or(0);
        now.max(highest + 1)
    }

    fn touch(&mut self, now: Millis) {
        self.updated_at = self.updated_at.max(now);
    }

    /// Changes the question, clarification or approach.
    pub fn edit_head(&mut self, now: Millis, f: impl FnOnce(&mut Head)) -> Result<(), PlanError> {
        let mut head = self.head.clone();
        f(&mut head);
        check_head(&head)?;
        head.changed_at = now;
        self.head = head;
        self.touch(now);
        Ok(())
    }

    /// Chooses or unchooses intervention `code` of [`INTERVENTIONS`];
    /// unchoosing it forgets its levers.
    pub fn set_intervention(&mut self, code: i32, on: bool, now: Millis) -> Result<(), PlanError> {
        self.edit_head(now, |h| {
            toggle(&mut h.interventions, code, on);
            if !on {
                h.levers.remove(&code);
            }
        })
    }

    /// Records whether intervention `code` works on `lever`.
    pub fn set_intervention_lever(
        &mut self,
        code: i32,
        lever: Lever,
        on: bool,
        now: Millis,
    ) -> Result<(), PlanError> {
        self.edit_head(now, |h| {
            let levers = h.levers.entry(code).or_default();
            toggle(levers, lever, on);
            if levers.is_empty() {
                h.levers.remove(&code);
            }
        })
    }

    /// Records whether small step `id` works on `lever`.
    pub fn set_step_lever(
        &mut self,
        id: u64,
        lever: Lever,
        on: bool,
        now: Millis,
    ) -> Result<(), PlanError> {
        self.edit_step(id, now, |s| toggle(&mut s.levers, lever, on))
    }

    /// The levers of intervention `code` (empty when none was recorded).
    pub fn intervention_levers(&self, code: i32) -> &[Lever] {
        self.head.levers.get(&code).map_or(&[], Vec::as_slice)
    }

    /// Whether any chosen intervention (or one in own words) or any small
    /// step works on `lever`: a condition for the analysis.
    pub fn works_on(&self, lever: Lever) -> bool {
        let h = &self.head;
        let has_other = h.other_interventions.iter().any(|t| !t.trim().is_empty());
        h.levers.iter().any(|(code, levers)| {
            (h.interventions.contains(code) || (*code == OTHER_INTERVENTION && has_other))
                && levers.contains(&lever)
        }) || self.steps().any(|s| s.levers.contains(&lever))
    }

    /// Whether any lever was recorded at all (such a plan needs envelope
    /// version 4 to travel without loss).
    pub fn has_levers(&self) -> bool {
        !self.head.levers.is_empty() || self.steps().any(|s| !s.levers.is_empty())
    }

    /// Marks whether life domain `domain` weighs, as the clarification found.
    pub fn set_burden(&mut self, domain: Domain, on: bool, now: Millis) -> Result<(), PlanError> {
        self.edit_head(now, |h| toggle(&mut h.burden, domain, on))
    }

    /// Marks whether the person can build on `capacity`.
    pub fn set_capacity(
        &mut self,
        capacity: Capacity,
        on: bool,
        now: Millis,
    ) -> Result<(), PlanError> {
        self.edit_head(now, |h| toggle(&mut h.capacity, capacity, on))
    }

    /// Adds an empty goal; returns its id.
    pub fn add_goal(&mut self, now: Millis) -> Result<u64, PlanError> {
        if self.goals().count() >= MAX_GOALS {
            return Err(PlanError::TooMany);
        }
        let id = self.next_id(now);
        self.goals.push(Goal {
            id,
            text: String::new(),
            say: Say::default(),
            reached_t1: None,
            reached_t2: None,
            changed_at: now,
            removed: false,
        });
        self.touch(now);
        Ok(id)
    }

    /// Changes goal `id` (its text or the citizen's say).
    pub fn edit_goal(
        &mut self,
        id: u64,
        now: Millis,
        f: impl FnOnce(&mut Goal),
    ) -> Result<(), PlanError> {
        let goal = self
            .goals
            .iter_mut()
            .find(|g| g.id == id && !g.removed)
            .ok_or(PlanError::NoSuchGoal)?;
        let mut changed = goal.clone();
        f(&mut changed);
        check_text(&changed.text)?;
        changed.id = id;
        changed.removed = false;
        changed.changed_at = now;
        *goal = changed;
        self.touch(now);
        Ok(())
    }

    /// Records whether goal `id` was reached at `moment` (T1 or T2; `None`
    /// clears it).
    pub fn set_reached(
        &mut self,
        id: u64,
        moment: Moment,
        reached: Option<Reached>,
        now: Millis,
    ) -> Result<(), PlanError> {
        if moment == Moment::T0 {
            return Err(PlanError::NotAFollowUp);
        }
        self.edit_goal(id, now, |g| match moment {
            Moment::T1 => g.reached_t1 = reached,
            _ => g.reached_t2 = reached,
        })
    }

    /// Removes goal `id`; small steps for it no longer name a goal.
    pub fn remove_goal(&mut self, id: u64, now: Millis) -> Result<(), PlanError> {
        let goal = self
            .goals
            .iter_mut()
            .find(|g| g.id == id && !g.removed)
            .ok_or(PlanError::NoSuchGoal)?;
        goal.removed = true;
        goal.changed_at = now;
        for step in self.steps.iter_mut().filter(|s| s.goal == Some(id)) {
            step.goal = None;
            step.changed_at = now;
        }
        self.touch(now);
        Ok(())
    }

    /// Adds an empty small step, for goal `goal` when given; returns its id.
    pub fn add_step(&mut self, goal: Option<u64>, now: Millis) -> Result<u64, PlanError> {
        if self.steps().count() >= MAX_STEPS {
            return Err(PlanError::TooMany);
        }
        if goal.is_some_and(|g| self.goal(g).is_none()) {
            return Err(PlanError::NoSuchGoal);
        }
        let id = self.next_id(now);
        self.steps.push(SmallStep {
            id,
            goal,
            what: String::new(),
            how: String::new(),
            with_whom: String::new(),
            date: String::new(),
            say: Say::default(),
            levers: Vec::new(),
            changed_at: now,
            removed: false,
        });
        self.touch(now);
        Ok(id)
    }

    /// Changes small step `id`.
    pub fn edit_step(
        &mut self,
        id: u64,
        now: Millis,
        f: impl FnOnce(&mut SmallStep),
    ) -> Result<(), PlanError> {
        let at = self
            .steps
            .iter()
            .position(|s| s.id == id && !s.removed)
            .ok_or(PlanError::NoSuchStep)?;
        let mut changed = self.steps[at].clone();
        f(&mut changed);
        check_step(&changed)?;
        if changed.goal.is_some_and(|g| self.goal(g).is_none()) {
            return Err(PlanError::NoSuchGoal);
        }
        changed.id = id;
        changed.removed = false;
        changed.changed_at = now;
        self.steps[at] = changed;
        self.touch(now);
        Ok(())
    }

    /// Removes small step `id`.
    pub fn remove_step(&mut self, id: u64, now: Millis) -> Result<(), PlanError> {
        let step = self
            .steps
            .iter_mut()
            .find(|s| s.id == id && !s.removed)
            .ok_or(PlanError::NoSuchStep)?;
        step.removed = true;
        step.changed_at = now;
        self.touch(now);
        Ok(())
    }

    /// The citizen's say over the goals.
    pub fn goal_say(&self) -> SayCounts {
        SayCounts::of(self.goals().map(|g| &g.say))
    }

    /// The citizen's say over the small steps.
    pub fn step_say(&self) -> SayCounts {
        SayCounts::of(self.steps().map(|s| &s.say))
    }

    /// How the goals stood at `moment` (T1 or T2; at T0 all are unknown).
    pub fn reached_counts(&self, moment: Moment) -> ReachedCounts {
        let mut counts = ReachedCounts::default();
        for goal in self.goals() {
            match goal.reached(moment) {
                Some(Reached::Yes) => counts.yes += 1,
                Some(Reached::Partly) => counts.partly += 1,
                Some(Reached::No) => counts.no += 1,
                Some(Reached::Dropped) => counts.dropped += 1,
                None => counts.unknown += 1,
            }
        }
        counts
    }

    /// The plan as it goes into an export: removed goals and steps left
    /// out, and a step whose goal was removed (in another window, say) no
    /// longer names it.
    pub fn for_export(&self) -> Plan {
        let steps = self
            .steps()
            .map(|s| SmallStep {
                goal: s.goal.filter(|g| self.goal(*g).is_some()),
                ..s.clone()
            })
            .collect();
        Plan {
            goals: self.goals().cloned().collect(),
            steps,
            ..self.clone()
        }
    }

    /// Checks a plan read from a file: limits, codes, dates, and that every
    /// small step names an existing goal.
    pub fn check(&self) -> Result<(), PlanError> {
        check_head(&self.head)?;
        if self.goals().count() > MAX_GOALS || self.steps().count() > MAX_STEPS {
            return Err(PlanError::TooMany);
        }
        for goal in self.goals() {
            check_text(&goal.text)?;
        }
        for step in self.steps() {
            check_step(step)?;
            if step.goal.is_some_and(|g| self.goal(g).is_none()) {
                return Err(PlanError::NoSuchGoal);
            }
        }
        Ok(())
    }
}

/// Puts `item` in or out of a sorted list without duplicates.
fn toggle<T: Ord>(list: &mut Vec<T>, item: T, on: bool) {
    match (list.binary_search(&item), on) {
        (Err(at), true) => list.insert(at, item),
        (Ok(at), false) => {
            list.remove(at);
        }
        _ => {}
    }
}

fn check_head(head: &Head) -> Result<(), PlanError> {
    check_text(&head.question)?;
    check_text(&head.clarification)?;
    if head.other_interventions.len() > MAX_OTHER_INTERVENTIONS {
        return Err(PlanError::TooMany);
    }
    for text in &head.other_interventions {
        check_text(text)?;
    }
    if head
        .interventions
        .iter()
        .chain(head.levers.keys())
        .any(|c| !INTERVENTIONS.contains(*c))
    {
        return Err(PlanError::UnknownIntervention);
    }
    if head.levers.values().any(|l| has_duplicates(l)) {
        return Err(PlanError::TooMany);
    }
    Ok(())
}

fn check_step(step: &SmallStep) -> Result<(), PlanError> {
    for text in [&step.what, &step.how, &step.with_whom] {
        check_text(text)?;
    }
    if has_duplicates(&step.levers) {
        return Err(PlanError::TooMany);
    }
    check_date(&step.date)
}

/// Whether a list of levers names one twice (a file the app did not write).
fn has_duplicates(levers: &[Lever]) -> bool {
    levers
        .iter()
        .enumerate()
        .any(|(i, l)| levers[..i].contains(l))
}

/// Whether `theirs` replaces `mine`: the later change, on a tie the greater
/// JSON text ([`later_wins`]).
fn later<T: Serialize>(mine: &T, mine_at: Millis, theirs: &T, theirs_at: Millis) -> bool {
    let json = |v: &T| serde_json::to_string(v).ok();
    later_wins(mine_at, &json(mine), theirs_at, &json(theirs))
}

/// Merges two lists of entries by id, later change winning; returns whether
/// `mine` changed. The result is in id order (ids are creation times).
fn merge_entries<T: Clone + Serialize + PartialEq>(
    mine: &mut Vec<T>,
    theirs: &[T],
    id: impl Fn(&T) -> u64,
    changed_at: impl Fn(&T) -> Millis,
) -> bool {
    let mut changed = false;
    for entry in theirs {
        match mine.iter_mut().find(|m| id(m) == id(entry)) {
            Some(m) => {
                if later(&*m, changed_at(m), entry, changed_at(entry)) {
                    *m = entry.clone();
                    changed = true;
                }
            }
            None => {
                mine.push(entry.clone());
                changed = true;
            }
        }
    }
    if changed {
        mine.sort_unstable_by_key(|e| id(e));
    }
    changed
}

impl Merge for Plan {
    fn merge_from(&mut self, stored: &Self) -> bool {
        if self.respondent != stored.respondent {
            return false;
        }
        let mut changed = false;
        if later(
            &self.head,
            self.head.changed_at,
            &stored.head,
            stored.head.changed_at,
        ) {
            self.head = stored.head.clone();
            changed = true;
        }
        changed |= merge_entries(&mut self.goals, &stored.goals, |g| g.id, |g| g.changed_at);
        changed |= merge_entries(&mut self.steps, &stored.steps, |s| s.id, |s| s.changed_at);
        let created = self.created_at.min(stored.created_at);
        let updated = self.updated_at.max(stored.updated_at);
        if (created, updated) != (self.created_at, self.updated_at) {
            self.created_at = created;
            self.updated_at = updated;
            changed = true;
        }
        changed
    }
}
