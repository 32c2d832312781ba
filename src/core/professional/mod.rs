//! The professional's side: the workspace of a study (respondents, household
//! members, moments and their schedule, the key, imported citizens' files)
//! and the comparison of the citizen's and the professional's picture.
//!
//! What does not live here: the support plan (`plan`, which the export also
//! carries), or the researcher's import (`research`).

mod compare;
mod workspace;

pub use compare::{
    compare, previous_moment, staff_domain_key, Comparison, Group, Pair, Row, ScorePair, Topic,
    MARK_DIFFERENCE,
};
pub use workspace::{
    import_key, next_moment, restore_key, workspace_id, workspace_key, AddRespondentError,
    ImportKind, ImportedForm, KeyBackup, MemberError, MomentStatus, NameError, NextMoment,
    Respondent, RestoreKeyError, Step, Track, Urgency, Workspace, WorkspaceImportError,
    DUE_WINDOW_DAYS, IMPORT_PREFIX, T1_AFTER_DAYS, T2_AFTER_DAYS, WORKSPACE_PREFIX,
};
