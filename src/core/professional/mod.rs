//! The professional's side: the workspace of a study (respondents, household
//! members, moments and their schedule, the key, imported citizens' files)
//! and the comparison of the citizen's and the professional's picture, also
//! as the three angles (self-image, picture, behaviour) over the moments.
//!
//! What does not live here: the support plan (`plan`, which the export also
//! carries), or the researcher's import (`research`).

mod angles;
mod calendar;
mod compare;
mod members;
mod workspace;

pub use angles::{three_angles, AngleValues, Angles, MarkedItem};
pub use calendar::{calendar_file_name, workspace_calendar, REMINDER_DAYS};
pub use compare::{
    compare, previous_moment, staff_domain_key, Comparison, Group, Pair, Row, ScorePair, Topic,
    MARK_DIFFERENCE,
};
pub use members::{is_known_role, member_display, parse_member_label, MemberRole, MAX_ROLE_NUMBER};
pub use workspace::{
    import_key, next_moment, restore_key, validate_member, workspace_id, workspace_key,
    AddRespondentError, ImportKind, ImportedForm, KeyBackup, MemberError, MomentStatus, NameError,
    NextMoment, Respondent, RestoreKeyError, Step, Track, Urgency, Workspace, WorkspaceImportError,
    DUE_WINDOW_DAYS, IMPORT_PREFIX, T1_AFTER_DAYS, T2_AFTER_DAYS, WORKSPACE_PREFIX,
};
