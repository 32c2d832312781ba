//! The professional's workspace: one study, the professional's display name
//! and age key pair, and the respondents they follow through T0, T1 and T2.
//!
//! The workspace lives on the professional's device only. Its secret key
//! leaves the device only as a backup file the professional downloads
//! ([`Workspace::key_backup`]); without it, citizens' files encrypted to the
//! professional cannot be read, which the app explains before the key is made.
//!
//! # Planning
//! A respondent's intake (T0) date is their first T0 invitation, or the day
//! they were added when there is none yet. T1 is due [`T1_AFTER_DAYS`] after
//! the intake, T2 [`T2_AFTER_DAYS`] after it. A moment is *due* from
//! [`DUE_WINDOW_DAYS`] before that date until the same time after it, and
//! *overdue* later, until anything happens for it (an invitation, the
//! professional's form, or an imported citizen file). The *next* moment is
//! the first whose professional's form is not finished ([`next_moment`]).
//!
//! # Merging two windows' copies
//! Two windows (or a restore) may change one workspace at the same time;
//! saving merges the stored copy in ([`Merge`]) instead of the last save
//! winning. The rule, per record:
//!
//! - **respondents** are united by code, **household members** per
//!   respondent by label, and **tracks** by person and moment, so that what
//!   either window added is kept;
//! - **a removal leaves a marker** with its time ([`Workspace::removed`],
//!   [`Respondent::removed_members`]). A respondent or member added at or
//!   before that time is dropped by every merge, so an older copy that still
//!   has it never brings it back; one added (again) after it is kept, as a
//!   new record: nothing from before the removal returns with it. Markers
//!   are kept for good (they are small) and the later one of a code wins;
//! - **one value, two versions** (the display name, whether the latest
//!   invitation carries the professional's key): the later change wins by
//!   [`later_wins`]; the first invitation and the intake date keep the
//!   earlier time, an import the later one;
//! - copies of another workspace, or of the same one made with another key
//!   pair (two windows that each made it at once), are not merged.
//!
//! Change times were added to the stored workspace with serde defaults
//! (schema 2, see `questionnaire::schema`): a record stored before has time
//! 0 for them, which is never later than the real change, so a removal
//! always beats it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::core::error::{display_as_problem, Problem};
use crate::core::exchange::{decrypt, Envelope, ImportError};
use crate::core::i18n::Lang;
use crate::core::ids::{QuestionnaireId, RespondentCode, WorkspaceId};
use crate::core::instrument::{Moment, Role};
use crate::core::keys::key_file_text;
use crate::core::keys::{parse_identity, KeyError};
use crate::core::links::{identity_file_name, PROFESSIONAL_ID_BYTES};
use crate::core::links::{validate_respondent_code, Invitation, RespondentCodeError, Study};
use crate::core::merge::{later_wins, Merge};
use crate::core::questionnaire::{questionnaire_id, Progress};
use crate::core::util::hex;
use crate::core::util::Millis;

use super::members::{is_known_role, next_label, MemberRole};

/// Prefix of stored workspaces: `balans.pro.w.<workspace id>`.
pub const WORKSPACE_PREFIX: &str = "balans.pro.w.";

/// Prefix of imported citizen answers: `balans.pro.c.<citizen questionnaire id>`.
pub const IMPORT_PREFIX: &str = "balans.pro.c.";

/// Days from the intake until T1 is due (about six months).
pub const T1_AFTER_DAYS: u64 = 182;

/// Days from the intake until T2 is due (about a year).
pub const T2_AFTER_DAYS: u64 = 365;

/// Days before and after the due date in which a moment counts as due.
pub const DUE_WINDOW_DAYS: u64 = 28;

/// Longest display name, in characters.
pub const MAX_DISPLAY_NAME: usize = 60;

/// Longest household member label, in characters.
pub const MAX_MEMBER: usize = 24;

const DAY: Millis = 86_400_000;

/// The id of the workspace of a study: the same study link always opens the
/// same workspace on a device.
pub fn workspace_id(study: &Study) -> WorkspaceId {
    let digest = Sha256::new()
        .chain_update(b"balans-workspace\0")
        .chain_update(study.researcher_key.as_bytes())
        .finalize();
    hex(&digest[..8]).into()
}

/// Storage key of a workspace.
pub fn workspace_key(id: &WorkspaceId) -> String {
    format!("{WORKSPACE_PREFIX}{id}")
}

/// Storage key of an imported citizen form (by the citizen questionnaire id).
pub fn import_key(citizen_id: &QuestionnaireId) -> String {
    format!("{IMPORT_PREFIX}{citizen_id}")
}

/// The professional's workspace for one study.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "StoredWorkspace")]
pub struct Workspace {
    /// [`workspace_id`] of the study.
    pub id: WorkspaceId,
    /// The study, as the study link gave it.
    pub study: Study,
    /// The name citizens see as a reader of their answers.
    pub display_name: String,
    /// The professional's age public key (`age1…`).
    pub public_key: String,
    /// The professional's age secret key (`AGE-SECRET-KEY-1…`); never leaves
    /// the device except in the backup file.
    pub secret_key: String,
    /// When the workspace was made.
    pub created_at: Millis,
    /// When the key backup file was last downloaded.
    #[serde(default)]
    pub backed_up_at: Option<Millis>,
    /// When the display name was last changed (0: not since it was made).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub renamed_at: Millis,
    /// The respondents followed, in the order they were added.
    #[serde(default)]
    pub respondents: Vec<Respondent>,
    /// Respondents removed, by code, with when: markers so that no merge
    /// brings them back (see the module docs). Kept out of `respondents` so
    /// that an older version of the app, which knows no markers, does not
    /// show a removed respondent.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub removed: BTreeMap<String, Millis>,
}

fn is_zero(at: &Millis) -> bool {
    *at == 0
}

/// A workspace as stored, before respondents whose codes differ only in
/// case are united (see [`Workspace::unite_case_twins`]). Every field of
/// [`Workspace`], read the same way.
#[derive(Deserialize)]
struct StoredWorkspace {
    id: WorkspaceId,
    study: Study,
    display_name: String,
    public_key: String,
    secret_key: String,
    created_at: Millis,
    #[serde(default)]
    backed_up_at: Option<Millis>,
    #[serde(default)]
    renamed_at: Millis,
    #[serde(default)]
    respondents: Vec<Respondent>,
    #[serde(default)]
    removed: BTreeMap<String, Millis>,
}

impl From<StoredWorkspace> for Workspace {
    fn from(stored: StoredWorkspace) -> Self {
        let mut ws = Workspace {
            id: stored.id,
            study: stored.study,
            display_name: stored.display_name,
            public_key: stored.public_key,
            secret_key: stored.secret_key,
            created_at: stored.created_at,
            backed_up_at: stored.backed_up_at,
            renamed_at: stored.renamed_at,
            respondents: stored.respondents,
            removed: stored.removed,
        };
        ws.unite_case_twins();
        ws
    }
}

// Written by hand so that the secret key never ends up in a log or panic message.
impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("id", &self.id)
            .field("study", &self.study.name)
            .field("display_name", &self.display_name)
            .field("public_key", &self.public_key)
            .field("respondents", &self.respondents.len())
            .finish_non_exhaustive()
    }
}

/// One respondent (the person who asked for help) and their household.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Respondent {
    /// Pseudonymous respondent code.
    pub code: RespondentCode,
    /// When the respondent was added to the workspace.
    pub added_at: Millis,
    /// Household members who answer too, by label (e.g. `partner`).
    #[serde(default)]
    pub members: Vec<String>,
    /// What happened per person and moment.
    #[serde(default)]
    pub tracks: Vec<Track>,
    /// When each household member was added, by label (a member stored
    /// before this was recorded has none: time 0).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub members_added: BTreeMap<String, Millis>,
    /// Household members removed, by label, with when: markers so that no
    /// merge brings them back.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub removed_members: BTreeMap<String, Millis>,
}

/// What happened for one person of the household at one moment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Track {
    /// The household member, or `None` for the respondent.
    pub member: Option<String>,
    /// The moment.
    pub moment: Moment,
    /// When the first invitation was made (a new link for the same moment
    /// keeps this date, so the intake date and planning do not shift).
    #[serde(default)]
    pub invited_at: Option<Millis>,
    /// Whether the latest invitation lets the professional read the answers.
    #[serde(default)]
    pub invited_with_key: bool,
    /// When the latest invitation was made (`None` in a track stored before
    /// this was recorded: then it is `invited_at`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_invited_at: Option<Millis>,
    /// When the citizen's answers were last imported.
    #[serde(default)]
    pub imported_at: Option<Millis>,
}

/// Why a display name is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NameError {
    /// Nothing but spaces.
    Empty,
    /// Longer than [`MAX_DISPLAY_NAME`] characters.
    TooLong,
}

impl Problem for NameError {
    fn message_key(&self) -> &'static str {
        match self {
            NameError::Empty => "pro.name.error.empty",
            NameError::TooLong => "pro.name.error.too_long",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            NameError::Empty => "pro.name.error.empty_hint",
            NameError::TooLong => "pro.name.error.too_long_hint",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            NameError::Empty => "empty",
            NameError::TooLong => "too_long",
        }
    }
}

/// Why a respondent could not be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AddRespondentError {
    /// The code is not a valid pseudonymous code.
    Code(RespondentCodeError),
    /// The workspace already has this code.
    Exists,
}

impl Problem for AddRespondentError {
    fn message_key(&self) -> &'static str {
        match self {
            AddRespondentError::Code(e) => e.message_key(),
            AddRespondentError::Exists => "pro.respondent.error.exists",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            AddRespondentError::Code(e) => e.hint_key(),
            AddRespondentError::Exists => "pro.respondent.error.exists_hint",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            AddRespondentError::Code(e) => e.code(),
            AddRespondentError::Exists => "exists",
        }
    }
}

/// Why a household member label is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MemberError {
    /// Nothing but spaces.
    Empty,
    /// Longer than [`MAX_MEMBER`] characters.
    TooLong,
    /// Characters other than letters, digits, spaces and '-'.
    Characters,
    /// The respondent already has this member.
    Exists,
    /// The respondent is not in the workspace.
    NoRespondent,
    /// Not one of the roles of the list (a name, or text typed elsewhere).
    NotARole,
}

impl Problem for MemberError {
    fn message_key(&self) -> &'static str {
        match self {
            MemberError::Empty => "pro.member.error.empty",
            MemberError::TooLong => "pro.member.error.too_long",
            MemberError::Characters => "pro.member.error.characters",
            MemberError::Exists => "pro.member.error.exists",
            MemberError::NoRespondent => "pro.member.error.no_respondent",
            MemberError::NotARole => "pro.member.error.not_a_role",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            MemberError::Empty | MemberError::Characters => "pro.member.hint",
            MemberError::TooLong => "pro.member.error.too_long_hint",
            MemberError::Exists => "pro.member.error.exists_hint",
            MemberError::NoRespondent => "pro.respondent.missing_hint",
            MemberError::NotARole => "pro.member.hint",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            MemberError::Empty => "empty",
            MemberError::TooLong => "too_long",
            MemberError::Characters => "characters",
            MemberError::Exists => "exists",
            MemberError::NoRespondent => "no_respondent",
            MemberError::NotARole => "not_a_role",
        }
    }
}

/// Why a citizen's file could not be imported into the workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WorkspaceImportError {
    /// The file itself: not age, not for this key, damaged, not Balans, newer.
    File(ImportError),
    /// The workspace's own secret key cannot be read (storage damaged).
    NoKey,
    /// A professional's form, not a citizen's.
    NotCitizen,
    /// A file of another study.
    OtherStudy,
    /// For a respondent who is not in this workspace.
    UnknownRespondent {
        /// The respondent code in the file.
        found: String,
    },
    /// For another respondent than the one whose page it was dropped on.
    OtherRespondent {
        /// The respondent code in the file.
        found: String,
    },
}

impl Problem for WorkspaceImportError {
    fn message_key(&self) -> &'static str {
        use WorkspaceImportError as E;
        match self {
            E::File(ImportError::NotForThisKey) => "pro.import.error.wrong_key",
            E::File(ImportError::Damaged) => "pro.import.error.damaged",
            E::File(ImportError::NewerVersion { .. }) => "pro.import.error.newer",
            E::File(ImportError::BadField { .. }) => "pro.import.error.bad_field",
            E::File(ImportError::RescueFile) => "pro.import.error.rescue",
            E::File(_) => "pro.import.error.not_balans",
            E::NoKey => "pro.import.error.no_key",
            E::NotCitizen => "pro.import.error.not_citizen",
            E::OtherStudy => "pro.import.error.other_study",
            E::UnknownRespondent { .. } => "pro.import.error.unknown_respondent",
            E::OtherRespondent { .. } => "pro.import.error.other_respondent",
        }
    }

    fn hint_key(&self) -> &'static str {
        use WorkspaceImportError as E;
        match self {
            E::File(ImportError::NotForThisKey) => "pro.import.hint.wrong_key",
            E::File(ImportError::Damaged) => "pro.import.hint.damaged",
            E::File(ImportError::NewerVersion { .. }) => "pro.import.hint.newer",
            E::File(ImportError::BadField { .. }) => "pro.import.hint.bad_field",
            E::File(ImportError::RescueFile) => "pro.import.hint.rescue",
            E::File(_) => "pro.import.hint.not_balans",
            E::NoKey => "pro.import.hint.no_key",
            E::NotCitizen => "pro.import.hint.not_citizen",
            E::OtherStudy => "pro.import.hint.other_study",
            E::UnknownRespondent { .. } => "pro.import.hint.unknown_respondent",
            E::OtherRespondent { .. } => "pro.import.hint.other_respondent",
        }
    }

    fn code(&self) -> &'static str {
        use WorkspaceImportError as E;
        match self {
            E::File(e) => e.code(),
            E::NoKey => "no_key",
            E::NotCitizen => "not_citizen",
            E::OtherStudy => "other_study",
            E::UnknownRespondent { .. } => "unknown_respondent",
            E::OtherRespondent { .. } => "other_respondent",
        }
    }

    /// The respondent code the file names fills `{code}` in the message;
    /// the field a file got wrong fills `{field}`.
    fn args(&self) -> Vec<(&'static str, String)> {
        if let WorkspaceImportError::File(e) = self {
            return e.args();
        }
        self.found_code()
            .map(|found| vec![("code", found.to_string())])
            .unwrap_or_default()
    }
}

display_as_problem!(
    NameError,
    AddRespondentError,
    MemberError,
    WorkspaceImportError
);

impl WorkspaceImportError {
    /// The respondent code the file names, for messages that mention it.
    pub fn found_code(&self) -> Option<&str> {
        match self {
            WorkspaceImportError::UnknownRespondent { found }
            | WorkspaceImportError::OtherRespondent { found } => Some(found),
            _ => None,
        }
    }
}

/// A citizen's imported answers, stored under [`import_key`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedForm {
    /// The decrypted envelope, as the citizen sent it.
    pub envelope: Envelope,
    /// When it was imported.
    pub imported_at: Millis,
}

impl ImportedForm {
    /// The key it is stored under: [`import_key`] of the citizen's form it
    /// holds ([`Workspace::citizen_id`] of its respondent, member and
    /// moment). A form imported before codes were upper case (schema 4) was
    /// stored under the id of its lower-case code and moves here once.
    pub fn key(&self) -> String {
        let e = &self.envelope;
        let invitation = Invitation {
            study: e.study.clone(),
            respondent: e.respondent.clone(),
            moment: e.moment,
            member: e.member.clone(),
            professional_key: None,
            professional_name: None,
            language: Lang::Nl,
            professional_id: None,
        };
        import_key(&questionnaire_id(&invitation, Role::Citizen))
    }
}

impl Merge for ImportedForm {
    /// The later import wins, as importing a file again replaces the answers
    /// (only met when forms of twin codes "r-0107" and "R-0107" meet under
    /// one key).
    fn merge_from(&mut self, stored: &Self) -> bool {
        if stored.imported_at > self.imported_at {
            *self = stored.clone();
            return true;
        }
        false
    }
}

/// The key backup file: the standard age key file format, so `age -i` reads it.
#[derive(Clone, PartialEq, Eq)]
pub struct KeyBackup {
    /// File name: study and date, never the professional's name.
    pub file_name: String,
    /// The file's text.
    pub text: String,
}

/// A stage a moment has reached, in the order they usually happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// An invitation was made for the citizen.
    Invited,
    /// The citizen's answers were imported here.
    CitizenAnswered,
    /// The professional finished their own form.
    ProfessionalAnswered,
    /// The professional's form was sent (exported).
    Sent,
}

impl Step {
    /// Every step in order.
    pub const ALL: [Step; 4] = [
        Step::Invited,
        Step::CitizenAnswered,
        Step::ProfessionalAnswered,
        Step::Sent,
    ];

    /// Catalogue key of the step's label.
    pub fn label_key(self) -> &'static str {
        match self {
            Step::Invited => "pro.step.invited",
            Step::CitizenAnswered => "pro.step.citizen",
            Step::ProfessionalAnswered => "pro.step.professional",
            Step::Sent => "pro.step.sent",
        }
    }

    /// Short code for tests and styling.
    pub fn code(self) -> &'static str {
        match self {
            Step::Invited => "invited",
            Step::CitizenAnswered => "citizen",
            Step::ProfessionalAnswered => "professional",
            Step::Sent => "sent",
        }
    }
}

/// Where one person of a household stands at one moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MomentStatus {
    /// The moment.
    pub moment: Moment,
    /// When it is due.
    pub due_at: Millis,
    /// When the first invitation was made.
    pub invited_at: Option<Millis>,
    /// Whether the latest invitation lets the professional read the answers.
    pub invited_with_key: bool,
    /// When the citizen's answers were imported.
    pub imported_at: Option<Millis>,
    /// The professional's own form, if started.
    pub professional: Option<Progress>,
}

impl MomentStatus {
    /// Whether anything happened for this moment yet.
    pub fn started(&self) -> bool {
        self.invited_at.is_some() || self.imported_at.is_some() || self.professional.is_some()
    }

    /// Whether the moment has reached `step`.
    pub fn has(&self, step: Step) -> bool {
        match step {
            Step::Invited => self.invited_at.is_some(),
            Step::CitizenAnswered => self.imported_at.is_some(),
            Step::ProfessionalAnswered => matches!(
                self.professional,
                Some(Progress::Completed | Progress::Saved | Progress::Sent)
            ),
            // A professional hands the saved file over by the study's own
            // route (few desktops have a share sheet), so saving it counts
            // here; the step's label says "file made", not "sent", so it
            // never claims a sending that only the professional can do.
            Step::Sent => matches!(self.professional, Some(Progress::Saved | Progress::Sent)),
        }
    }

    /// The steps reached, in order.
    pub fn steps(&self) -> Vec<Step> {
        Step::ALL.into_iter().filter(|s| self.has(*s)).collect()
    }
}

/// How pressing the next moment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Urgency {
    /// More than [`DUE_WINDOW_DAYS`] away.
    Upcoming,
    /// Within [`DUE_WINDOW_DAYS`] of its date.
    Due,
    /// More than [`DUE_WINDOW_DAYS`] past its date and nothing happened.
    Overdue,
}

impl Urgency {
    /// Catalogue key of the label.
    pub fn label_key(self) -> &'static str {
        match self {
            Urgency::Upcoming => "pro.due.upcoming",
            Urgency::Due => "pro.due.due",
            Urgency::Overdue => "pro.due.overdue",
        }
    }

    /// Short code for tests and styling.
    pub fn code(self) -> &'static str {
        match self {
            Urgency::Upcoming => "upcoming",
            Urgency::Due => "due",
            Urgency::Overdue => "overdue",
        }
    }
}

/// The next moment of one person and when it is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NextMoment {
    /// The first moment whose professional's form is not finished yet.
    pub moment: Moment,
    /// When it is due.
    pub due_at: Millis,
    /// How pressing it is now.
    pub urgency: Urgency,
    /// Whether something already happened for it (an invitation, an
    /// import or the professional's form begun): then what is left is the
    /// professional's own form.
    pub started: bool,
}

/// The next moment to plan, from the statuses of T0, T1 and T2 (in order):
/// the first whose professional's form is not finished. An invitation alone
/// does not finish a moment (issue 12: "Volgende: T1" showed while the
/// professional's own T0 form was still open). `None` once the professional
/// finished their form at all three.
pub fn next_moment(statuses: &[MomentStatus], now: Millis) -> Option<NextMoment> {
    let status = statuses
        .iter()
        .find(|s| !s.has(Step::ProfessionalAnswered))?;
    let window = DUE_WINDOW_DAYS * DAY;
    let started = status.started();
    let urgency = if now.saturating_add(window) < status.due_at {
        Urgency::Upcoming
    } else if now > status.due_at.saturating_add(window) && !started {
        // Overdue means nothing happened; a moment under way is due.
        Urgency::Overdue
    } else {
        Urgency::Due
    };
    Some(NextMoment {
        moment: status.moment,
        due_at: status.due_at,
        urgency,
        started,
    })
}

impl MomentStatus {
    /// Whether `moment`'s follow-up questions (was a goal reached at T1?)
    /// can be answered: T0 always; T1 and T2 once something happened for
    /// them or their due window opened (issue 12: "Bereikt bij T1" could be
    /// set at the intake).
    pub fn is_there(&self, now: Millis) -> bool {
        self.moment == Moment::T0
            || self.started()
            || now.saturating_add(DUE_WINDOW_DAYS * DAY) >= self.due_at
    }
}

/// What a citizen's file that passed [`Workspace::check_import`] does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    /// Nothing was imported for this person and moment before.
    New,
    /// The very same answers were imported before: nothing changes.
    AlreadyImported,
    /// Other answers for the same person and moment were imported before;
    /// these take their place.
    Replaces,
}

impl ImportKind {
    /// What importing `new` does where `stored` was imported before (the
    /// same person and moment). Compared by content, not by file: the same
    /// export saved twice, or sent twice, is the same.
    pub fn of(stored: Option<&Envelope>, new: &Envelope) -> ImportKind {
        match stored {
            None => ImportKind::New,
            Some(old) if old == new => ImportKind::AlreadyImported,
            Some(_) => ImportKind::Replaces,
        }
    }
}

/// Why a key file cannot restore a workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RestoreKeyError {
    /// No secret key in it, or a damaged one.
    Key(KeyError),
    /// The study's (researcher's) secret key, not a workspace's: a
    /// workspace on it would read every professional's files, and citizens
    /// would see no professional among the readers.
    StudyKey,
}

impl Problem for RestoreKeyError {
    fn message_key(&self) -> &'static str {
        match self {
            RestoreKeyError::Key(e) => e.message_key(),
            RestoreKeyError::StudyKey => "pro.restore.error.study_key",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            RestoreKeyError::Key(e) => e.hint_key(),
            RestoreKeyError::StudyKey => "pro.restore.hint.study_key",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            RestoreKeyError::Key(e) => e.code(),
            RestoreKeyError::StudyKey => "study_key",
        }
    }
}

display_as_problem!(RestoreKeyError);

/// Reads the key backup of a workspace of `study` from a key file's text;
/// refuses the study's own researcher key.
pub fn restore_key(study: &Study, text: &str) -> Result<age::x25519::Identity, RestoreKeyError> {
    let identity = parse_identity(text).map_err(RestoreKeyError::Key)?;
    if study.has_key(&identity.to_public().to_string()) {
        return Err(RestoreKeyError::StudyKey);
    }
    Ok(identity)
}

/// Checks a household member label: 1–24 letters, digits, spaces or '-'.
pub fn validate_member(label: &str) -> Result<(), MemberError> {
    let label = label.trim();
    if label.is_empty() {
        return Err(MemberError::Empty);
    }
    if label.chars().count() > MAX_MEMBER {
        return Err(MemberError::TooLong);
    }
    if !label
        .chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
    {
        return Err(MemberError::Characters);
    }
    Ok(())
}

fn clean_display_name(name: &str) -> Result<String, NameError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.chars().count() > MAX_DISPLAY_NAME {
        return Err(NameError::TooLong);
    }
    Ok(name)
}

impl Respondent {
    /// The respondent (`None`) first, then each household member.
    pub fn people(&self) -> Vec<Option<String>> {
        std::iter::once(None)
            .chain(self.members.iter().cloned().map(Some))
            .collect()
    }

    /// Adds a member (checked by the caller) after any marker of its label.
    fn add_member(&mut self, label: &str, now: Millis) {
        let at = after_marker(&self.removed_members, label, now);
        self.members.push(label.to_string());
        self.members_added.insert(label.to_string(), at);
    }

    /// The label for a new member of `role`, skipping every label the
    /// household has or had (a removal marker keeps its label taken).
    fn free_label(&self, role: MemberRole) -> Result<String, MemberError> {
        let taken = self
            .members
            .iter()
            .chain(self.removed_members.keys())
            .map(String::as_str);
        next_label(role, taken).ok_or(if role.is_single() {
            MemberError::Exists
        } else {
            MemberError::TooLong
        })
    }

    /// When a member was added (0 when stored before that was recorded).
    fn member_added(&self, label: &str) -> Millis {
        self.members_added.get(label).copied().unwrap_or(0)
    }

    fn track(&self, member: Option<&str>, moment: Moment) -> Option<&Track> {
        self.tracks
            .iter()
            .find(|t| t.member.as_deref() == member && t.moment == moment)
    }

    fn track_mut(&mut self, member: Option<&str>, moment: Moment) -> &mut Track {
        let at = match self
            .tracks
            .iter()
            .position(|t| t.member.as_deref() == member && t.moment == moment)
        {
            Some(at) => at,
            None => {
                self.tracks.push(Track {
                    member: member.map(str::to_string),
                    moment,
                    invited_at: None,
                    invited_with_key: false,
                    last_invited_at: None,
                    imported_at: None,
                });
                self.tracks.len() - 1
            }
        };
        &mut self.tracks[at]
    }

    /// The intake date: the first T0 invitation of anyone in the household,
    /// else the day the respondent was added.
    pub fn intake_at(&self) -> Millis {
        self.tracks
            .iter()
            .filter(|t| t.moment == Moment::T0)
            .filter_map(|t| t.invited_at)
            .min()
            .unwrap_or(self.added_at)
    }

    /// When a moment is due (see the module docs).
    pub fn due_at(&self, moment: Moment) -> Millis {
        let days = match moment {
            Moment::T0 => 0,
            Moment::T1 => T1_AFTER_DAYS,
            Moment::T2 => T2_AFTER_DAYS,
        };
        self.intake_at() + days * DAY
    }
}

impl Workspace {
    /// A new workspace for `study` with the professional's key pair.
    pub fn new(
        study: Study,
        display_name: &str,
        identity: &age::x25519::Identity,
        now: Millis,
    ) -> Result<Workspace, NameError> {
        use age::secrecy::ExposeSecret;
        Ok(Workspace {
            id: workspace_id(&study),
            study,
            display_name: clean_display_name(display_name)?,
            public_key: identity.to_public().to_string(),
            secret_key: identity.to_string().expose_secret().to_string(),
            created_at: now,
            backed_up_at: None,
            renamed_at: 0,
            respondents: Vec::new(),
            removed: BTreeMap::new(),
        })
    }

    /// The professional's pseudonymous id: 10 hex digits of a hash of the
    /// workspace's own public key. That key pair is random and made with the
    /// workspace (unlike the workspace id, which is the same for every
    /// professional of a study), so the id is too; and the key backup holds
    /// the key, so a move to another browser keeps the id. It travels in
    /// invitations and exports so the researcher knows whom to interview,
    /// and never says who the professional is.
    pub fn professional_id(&self) -> String {
        let digest = Sha256::new()
            .chain_update(b"balans-professional\0")
            .chain_update(self.public_key.as_bytes())
            .finalize();
        hex(&digest[..PROFESSIONAL_ID_BYTES])
    }

    /// Changes the display name shown to citizens in new invitations.
    pub fn rename(&mut self, display_name: &str, now: Millis) -> Result<(), NameError> {
        self.display_name = clean_display_name(display_name)?;
        // Never step back in time: a merge may have brought a later rename.
        self.renamed_at = self.renamed_at.max(now);
        Ok(())
    }

    /// The professional's secret key, read back from its text.
    pub fn identity(&self) -> Result<age::x25519::Identity, KeyError> {
        parse_identity(&self.secret_key)
    }

    /// The key backup file, in the format `age-keygen` writes.
    pub fn key_backup(&self, now: Millis) -> KeyBackup {
        let comment = format!(
            "Balans: secret key of your professional workspace for {}. Keep it safe and private.",
            self.study.name
        );
        KeyBackup {
            file_name: identity_file_name(&self.study.name, now),
            text: key_file_text(
                self.created_at,
                &self.public_key,
                &self.secret_key,
                &comment,
            ),
        }
    }

    /// Records that the key backup was downloaded.
    pub fn mark_backed_up(&mut self, now: Millis) {
        self.backed_up_at = Some(now);
    }

    /// The respondent with `code`.
    pub fn respondent(&self, code: &str) -> Option<&Respondent> {
        self.respondents.iter().find(|r| r.code == code)
    }

    fn respondent_mut(&mut self, code: &str) -> Option<&mut Respondent> {
        self.respondents.iter_mut().find(|r| r.code == code)
    }

    /// Adds a respondent by pseudonymous code; returns the code as stored.
    pub fn add_respondent(
        &mut self,
        code: &str,
        now: Millis,
    ) -> Result<String, AddRespondentError> {
        let code = RespondentCode::from(code.trim());
        validate_respondent_code(&code).map_err(AddRespondentError::Code)?;
        // "r-0107" is "R-0107": codes compare regardless of case.
        if self.respondent(&code).is_some() {
            return Err(AddRespondentError::Exists);
        }
        self.respondents.push(Respondent {
            added_at: after_marker(&self.removed, &code, now),
            code: code.clone(),
            members: Vec::new(),
            tracks: Vec::new(),
            members_added: BTreeMap::new(),
            removed_members: BTreeMap::new(),
        });
        Ok(code.into())
    }

    /// Removes a respondent with their household and tracks, leaving a
    /// marker so that no merge brings them back; returns whether there was
    /// one. (Their own forms, plan and imported files are separate records.)
    pub fn remove_respondent(&mut self, code: &str, now: Millis) -> bool {
        let Some(at) = self.respondents.iter().position(|r| r.code == code) else {
            return false;
        };
        let gone = self.respondents.remove(at);
        mark_removed(&mut self.removed, &gone.code, now.max(gone.added_at));
        true
    }

    /// Adds a household member to a respondent by a role label (see
    /// [`super::members`]; a name is refused); returns the label as stored.
    pub fn add_member(
        &mut self,
        code: &str,
        label: &str,
        now: Millis,
    ) -> Result<String, MemberError> {
        validate_member(label)?;
        let label = label.trim().to_string();
        if !is_known_role(&label) {
            return Err(MemberError::NotARole);
        }
        let respondent = self.respondent_mut(code).ok_or(MemberError::NoRespondent)?;
        if respondent
            .members
            .iter()
            .any(|m| m.to_lowercase() == label.to_lowercase())
        {
            return Err(MemberError::Exists);
        }
        respondent.add_member(&label, now);
        Ok(label)
    }

    /// Adds the next household member of `role` (`kind-2` after `kind-1`);
    /// returns the label as stored.
    pub fn add_member_role(
        &mut self,
        code: &str,
        role: MemberRole,
        now: Millis,
    ) -> Result<String, MemberError> {
        let respondent = self.respondent_mut(code).ok_or(MemberError::NoRespondent)?;
        let label = respondent.free_label(role)?;
        respondent.add_member(&label, now);
        Ok(label)
    }

    /// Gives a household member another role (a mistake corrected): their
    /// moments move to the new label, and the old label is removed with a
    /// marker, so no merge brings it back. What was already sent keeps the
    /// old label in its file. Returns the new label; the caller moves the
    /// stored forms ([`Workspace::person_records`]).
    pub fn rename_member(
        &mut self,
        code: &str,
        label: &str,
        role: MemberRole,
        now: Millis,
    ) -> Result<String, MemberError> {
        let respondent = self.respondent_mut(code).ok_or(MemberError::NoRespondent)?;
        let at = respondent
            .members
            .iter()
            .position(|m| m == label)
            .ok_or(MemberError::NoRespondent)?;
        let new = respondent.free_label(role)?;
        let added = respondent.members_added.remove(label).unwrap_or(0);
        mark_removed(&mut respondent.removed_members, label, now.max(added));
        let new_at = after_marker(&respondent.removed_members, &new, now.max(added) + 1);
        // Last, in the order of adding that every merge keeps.
        respondent.members.remove(at);
        respondent.members.push(new.clone());
        respondent.members_added.insert(new.clone(), new_at);
        for track in &mut respondent.tracks {
            if track.member.as_deref() == Some(label) {
                track.member = Some(new.clone());
                // The moved moment is new under its new label: stamped after
                // the marker, so a merge does not drop it with the old label.
                track.last_invited_at = track.last_invited_at.map(|t| t.max(new_at));
            }
        }
        Ok(new)
    }

    /// Gives a respondent another code (a typing mistake corrected): their
    /// household and moments move with them, and the old code is removed
    /// with a marker, so no merge brings it back. Returns the new code; the
    /// caller moves the stored forms and plan ([`Workspace::person_records`]).
    pub fn rename_respondent(
        &mut self,
        code: &str,
        new_code: &str,
        now: Millis,
    ) -> Result<String, AddRespondentError> {
        let code = RespondentCode::from(code);
        let new_code = RespondentCode::from(new_code.trim());
        validate_respondent_code(&new_code).map_err(AddRespondentError::Code)?;
        if self
            .respondents
            .iter()
            .any(|r| r.code != code && r.code == new_code)
        {
            return Err(AddRespondentError::Exists);
        }
        let Some(at) = self.respondents.iter().position(|r| r.code == code) else {
            return Err(AddRespondentError::Exists);
        };
        if code == new_code {
            return Ok(new_code.into());
        }
        let mut respondent = self.respondents.remove(at);
        mark_removed(&mut self.removed, &code, now.max(respondent.added_at));
        respondent.added_at =
            after_marker(&self.removed, &new_code, now.max(respondent.added_at) + 1);
        respondent.code = new_code.clone();
        // Last, in the order of adding that every merge keeps.
        self.respondents.push(respondent);
        Ok(new_code.into())
    }

    /// Every person and moment of a respondent with the ids their stored
    /// records live under: the professional's form and the imported
    /// citizen's form. A rename reads these before and after, to move each
    /// record from the old id to the new.
    pub fn person_records(
        &self,
        code: &str,
    ) -> Vec<(Option<String>, Moment, QuestionnaireId, QuestionnaireId)> {
        let Some(r) = self.respondent(code) else {
            return Vec::new();
        };
        r.people()
            .into_iter()
            .flat_map(|member| {
                Moment::ALL
                    .into_iter()
                    .map(move |moment| (member.clone(), moment))
            })
            .map(|(member, moment)| {
                let form = self.form_id(code, member.as_deref(), moment);
                let citizen = self.citizen_id(code, member.as_deref(), moment);
                (member, moment, form, citizen)
            })
            .collect()
    }

    /// Removes a household member and their tracks, leaving a marker so
    /// that no merge brings them back; returns whether there was one.
    pub fn remove_member(&mut self, code: &str, label: &str, now: Millis) -> bool {
        let Some(r) = self.respondent_mut(code) else {
            return false;
        };
        let Some(at) = r.members.iter().position(|m| m == label) else {
            return false;
        };
        r.members.remove(at);
        let added = r.members_added.remove(label).unwrap_or(0);
        r.tracks.retain(|t| t.member.as_deref() != Some(label));
        mark_removed(&mut r.removed_members, label, now.max(added));
        true
    }

    /// The invitation for one person at one moment. With `with_key` the
    /// citizen's export is encrypted to this professional too.
    pub fn invitation(
        &self,
        code: &str,
        member: Option<&str>,
        moment: Moment,
        with_key: bool,
        language: Lang,
    ) -> Invitation {
        Invitation {
            study: self.study.clone(),
            respondent: code.into(),
            moment,
            member: member.map(str::to_string),
            professional_key: with_key.then(|| self.public_key.clone()),
            professional_name: with_key.then(|| self.display_name.clone()),
            language,
            professional_id: Some(self.professional_id()),
        }
    }

    /// Records that an invitation was made.
    pub fn record_invitation(
        &mut self,
        code: &str,
        member: Option<&str>,
        moment: Moment,
        with_key: bool,
        now: Millis,
    ) {
        if let Some(r) = self.respondent_mut(code) {
            let track = r.track_mut(member, moment);
            track.invited_at.get_or_insert(now);
            track.invited_with_key = with_key;
            // Never step back in time: a merge may have brought a later one.
            track.last_invited_at = Some(track.last_invited_at.map_or(now, |t| t.max(now)));
        }
    }

    /// The id of the professional's own form for one person at one moment.
    pub fn form_id(&self, code: &str, member: Option<&str>, moment: Moment) -> QuestionnaireId {
        let inv = self.invitation(code, member, moment, true, Lang::Nl);
        questionnaire_id(&inv, Role::Professional)
    }

    /// The id of the citizen's form for one person at one moment; imported
    /// answers are stored under [`import_key`] of it.
    pub fn citizen_id(&self, code: &str, member: Option<&str>, moment: Moment) -> QuestionnaireId {
        let inv = self.invitation(code, member, moment, false, Lang::Nl);
        questionnaire_id(&inv, Role::Citizen)
    }

    /// Decrypts a citizen's export with this workspace's key and checks that
    /// it belongs here; with `expected`, it must be that respondent's.
    pub fn check_import(
        &self,
        file: &[u8],
        expected: Option<&str>,
    ) -> Result<Envelope, WorkspaceImportError> {
        let identity = self.identity().map_err(|_| WorkspaceImportError::NoKey)?;
        let envelope = decrypt(file, &identity).map_err(WorkspaceImportError::File)?;
        if envelope.role != Role::Citizen {
            return Err(WorkspaceImportError::NotCitizen);
        }
        if envelope.study.researcher_key != self.study.researcher_key {
            return Err(WorkspaceImportError::OtherStudy);
        }
        let found = envelope.respondent.clone();
        if expected.is_some_and(|code| code != found) {
            return Err(WorkspaceImportError::OtherRespondent {
                found: found.to_string(),
            });
        }
        if self.respondent(&found).is_none() {
            return Err(WorkspaceImportError::UnknownRespondent {
                found: found.to_string(),
            });
        }
        Ok(envelope)
    }

    /// Records an import (adding an unknown household member); returns
    /// whether it replaces an earlier import of the same person and moment.
    pub fn record_import(&mut self, envelope: &Envelope, now: Millis) -> bool {
        let Some(r) = self.respondent_mut(&envelope.respondent) else {
            return false;
        };
        let member = envelope.member.as_deref();
        if let Some(m) = member {
            if !r.members.iter().any(|x| x == m) {
                r.add_member(m, now);
            }
        }
        let track = r.track_mut(member, envelope.moment);
        track.imported_at.replace(now).is_some()
    }

    /// Where one person stands at T0, T1 and T2. `professional` tells the
    /// progress of a professional form by its id ([`Workspace::form_id`]).
    pub fn statuses(
        &self,
        code: &str,
        member: Option<&str>,
        professional: impl Fn(&str) -> Option<Progress>,
    ) -> Vec<MomentStatus> {
        let Some(r) = self.respondent(code) else {
            return Vec::new();
        };
        Moment::ALL
            .into_iter()
            .map(|moment| {
                let track = r.track(member, moment);
                MomentStatus {
                    moment,
                    due_at: r.due_at(moment),
                    invited_at: track.and_then(|t| t.invited_at),
                    invited_with_key: track.is_some_and(|t| t.invited_with_key),
                    imported_at: track.and_then(|t| t.imported_at),
                    professional: professional(&self.form_id(code, member, moment)),
                }
            })
            .collect()
    }
}

/// Whether a record added at `added_at` is undone by a removal marker at
/// `removed_at`: the later change wins, on the same millisecond the removal
/// (so a removal made in the millisecond of the add still holds).
fn removal_wins(added_at: Millis, removed_at: Option<Millis>) -> bool {
    removed_at.is_some_and(|removed_at| later_wins(added_at, &false, removed_at, &true))
}

/// The time to add `name` at: after its removal marker, if any, so that the
/// re-add wins over the removal in every merge.
fn after_marker(markers: &BTreeMap<String, Millis>, name: &str, now: Millis) -> Millis {
    match markers.get(name) {
        Some(removed_at) => now.max(removed_at.saturating_add(1)),
        None => now,
    }
}

/// Records a removal of `name` at `at`, keeping the later of two markers.
fn mark_removed(markers: &mut BTreeMap<String, Millis>, name: &str, at: Millis) {
    let marker = markers.entry(name.to_string()).or_insert(at);
    *marker = (*marker).max(at);
}

/// Unites two sets of removal markers, the later time per name.
fn merge_markers(mine: &mut BTreeMap<String, Millis>, theirs: &BTreeMap<String, Millis>) {
    for (name, at) in theirs {
        mark_removed(mine, name, *at);
    }
}

impl Track {
    /// When the latest invitation was made.
    fn last_invited(&self) -> Option<Millis> {
        self.last_invited_at.or(self.invited_at)
    }

    /// The latest time anything happened in this track.
    fn latest(&self) -> Millis {
        [self.invited_at, self.last_invited_at, self.imported_at]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(0)
    }

    /// Brings in the other copy of the same person's moment: the first
    /// invitation, the latest invitation's choice, the latest import.
    fn merge_from(&mut self, theirs: &Track) {
        self.invited_at = match (self.invited_at, theirs.invited_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let (mine_at, theirs_at) = (self.last_invited(), theirs.last_invited());
        let later = theirs_at.is_some()
            && later_wins(
                mine_at.unwrap_or(0),
                &self.invited_with_key,
                theirs_at.unwrap_or(0),
                &theirs.invited_with_key,
            );
        // The same invitation, its time only recorded in their copy: take
        // the time too, so that both windows end alike.
        let same_recorded = mine_at == theirs_at
            && self.invited_with_key == theirs.invited_with_key
            && self.last_invited_at.is_none();
        if later || same_recorded {
            self.invited_with_key = theirs.invited_with_key;
            self.last_invited_at = theirs.last_invited_at;
        }
        self.imported_at = self.imported_at.max(theirs.imported_at);
    }
}

impl Respondent {
    /// Drops the members (and their tracks) that the markers remove.
    fn apply_member_markers(&mut self, markers: &BTreeMap<String, Millis>) {
        let gone: Vec<String> = self
            .members
            .iter()
            .filter(|m| removal_wins(self.member_added(m), markers.get(m.as_str()).copied()))
            .cloned()
            .collect();
        for label in &gone {
            self.members.retain(|m| m != label);
            self.members_added.remove(label);
        }
        // A track from before a member's removal goes with it, also when the
        // member was added again since (the new member starts afresh).
        self.tracks.retain(|t| {
            t.member.as_ref().is_none_or(|m| {
                !gone.contains(m) && !removal_wins(t.latest(), markers.get(m.as_str()).copied())
            })
        });
    }

    /// Brings in the other copy of the same respondent (both survived the
    /// removal markers): members and tracks united, the earlier add time.
    fn merge_from(&mut self, theirs: &Respondent) {
        merge_markers(&mut self.removed_members, &theirs.removed_members);
        let markers = self.removed_members.clone();
        self.apply_member_markers(&markers);
        let mut theirs = theirs.clone();
        theirs.apply_member_markers(&markers);

        self.added_at = self.added_at.min(theirs.added_at);
        let mut new_member = false;
        for label in &theirs.members {
            let their_time = theirs.member_added(label);
            if self.members.contains(label) {
                let time = self.member_added(label).min(their_time);
                if time > 0 {
                    self.members_added.insert(label.clone(), time);
                }
            } else {
                new_member = true;
                self.members.push(label.clone());
                if their_time > 0 {
                    self.members_added.insert(label.clone(), their_time);
                }
            }
        }
        if new_member {
            // In the order they were added, so both windows list them alike
            // (a stable sort: members stored without a time keep their order).
            let mut order: Vec<(Millis, String)> = std::mem::take(&mut self.members)
                .into_iter()
                .map(|m| (self.member_added(&m), m))
                .collect();
            order.sort_by_key(|(at, _)| *at);
            self.members = order.into_iter().map(|(_, m)| m).collect();
        }

        let mut new_track = false;
        for track in &theirs.tracks {
            let same = |t: &&mut Track| t.member == track.member && t.moment == track.moment;
            match self.tracks.iter_mut().find(same) {
                Some(mine) => mine.merge_from(track),
                None => {
                    new_track = true;
                    self.tracks.push(track.clone());
                }
            }
        }
        if new_track {
            // One order for both windows (tracks are looked up, not listed).
            self.tracks
                .sort_by(|a, b| (&a.member, a.moment).cmp(&(&b.member, b.moment)));
        }
    }
}

/// Moves a removal marker of `name` to just before `added_at`, when it
/// would otherwise remove what was added then; drops it when that time is
/// not known (0). For uniting case twins: the removal was of the other twin.
fn yield_marker(markers: &mut BTreeMap<String, Millis>, name: &str, added_at: Millis) {
    if !removal_wins(added_at, markers.get(name).copied()) {
        return;
    }
    match added_at.checked_sub(1) {
        Some(before) => {
            markers.insert(name.to_string(), before);
        }
        None => {
            markers.remove(name);
        }
    }
}

impl Respondent {
    /// Takes in a twin: the same respondent stored under a code that
    /// differed only in case. Nothing either had is lost: a removal marker
    /// in one gives way to what the other has (it removed the other's
    /// record, not this one), then the two merge like two windows' copies.
    fn unite(&mut self, mut twin: Respondent) {
        for label in &self.members {
            yield_marker(&mut twin.removed_members, label, self.member_added(label));
        }
        for label in &twin.members {
            yield_marker(&mut self.removed_members, label, twin.member_added(label));
        }
        self.merge_from(&twin);
    }
}

impl Workspace {
    /// Unites respondents whose codes differ only in case, as stored before
    /// codes were upper case (schema 4; issue 12): the codes are upper case
    /// already (read as [`RespondentCode`]), so twins now share one code and
    /// become one respondent with the members, tracks and markers of both.
    /// A removal marker of a code, upper-cased too, gives way to a
    /// respondent present under it: in this copy that respondent was not
    /// removed, its twin was.
    fn unite_case_twins(&mut self) {
        let mut removed = BTreeMap::new();
        for (code, at) in std::mem::take(&mut self.removed) {
            mark_removed(&mut removed, &RespondentCode::from(code), at);
        }
        let mut united: Vec<Respondent> = Vec::with_capacity(self.respondents.len());
        for respondent in std::mem::take(&mut self.respondents) {
            yield_marker(&mut removed, &respondent.code, respondent.added_at);
            match united.iter_mut().find(|r| r.code == respondent.code) {
                Some(first) => first.unite(respondent),
                None => united.push(respondent),
            }
        }
        self.removed = removed;
        self.respondents = united;
    }

    /// Drops the respondents the removal markers remove.
    fn apply_markers(&mut self) {
        let markers = &self.removed;
        self.respondents
            .retain(|r| !removal_wins(r.added_at, markers.get(r.code.as_str()).copied()));
    }
}

impl Merge for Workspace {
    /// The rule is in the module docs: united lists, removal markers
    /// respected, the later change of one value wins.
    fn merge_from(&mut self, stored: &Self) -> bool {
        if self.id != stored.id || self.public_key != stored.public_key {
            return false;
        }
        let before = self.clone();
        if later_wins(
            self.renamed_at,
            &self.display_name,
            stored.renamed_at,
            &stored.display_name,
        ) {
            self.display_name = stored.display_name.clone();
            self.renamed_at = stored.renamed_at;
        }
        self.created_at = self.created_at.min(stored.created_at);
        self.backed_up_at = self.backed_up_at.max(stored.backed_up_at);

        // Markers first, on both copies: a respondent removed in one window
        // must not return from the other, nor lend its old members and
        // tracks to a respondent added again under the same code.
        merge_markers(&mut self.removed, &stored.removed);
        self.apply_markers();
        let mut theirs = stored.clone();
        theirs.removed = self.removed.clone();
        theirs.apply_markers();

        let mut new_respondent = false;
        for respondent in &theirs.respondents {
            match self.respondent_mut(&respondent.code) {
                Some(mine) => mine.merge_from(respondent),
                None => {
                    new_respondent = true;
                    self.respondents.push(respondent.clone());
                }
            }
        }
        if new_respondent {
            // In the order they were added, so both windows list them alike.
            self.respondents.sort_by_key(|r| r.added_at);
        }
        *self != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_the_secret_key() {
        let study = crate::core::links::demo_study();
        let ws =
            Workspace::new(study, "Sanne", &crate::core::keys::generate_identity(), 0).unwrap();
        assert!(!format!("{ws:?}").contains("AGE-SECRET-KEY"));
    }
}
