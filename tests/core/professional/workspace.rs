//! The professional's workspace: key pair and backup, respondents and
//! household members, invitations, which moment is due, statuses, and
//! importing a citizen's file with a clear reason when it does not belong.

use crate::support::Lcg;
use std::collections::HashMap;
use std::fs;

use balans::core::error::Problem;
use balans::core::exchange::{encrypt, Envelope, ImportError};
use balans::core::i18n::Lang;
use balans::core::ids::QuestionnaireId;
use balans::core::instrument::{Answer, Moment, Role};
use balans::core::keys::{generate_identity, parse_identity};
use balans::core::links::{demo_study, RespondentCodeError};
use balans::core::merge::Merge;
use balans::core::professional::{
    is_known_role, next_moment, restore_key, AddRespondentError, ImportKind, MemberError,
    MemberRole, NameError, RestoreKeyError, Step, Urgency, Workspace, WorkspaceImportError,
    DUE_WINDOW_DAYS, T1_AFTER_DAYS, T2_AFTER_DAYS,
};
use balans::core::questionnaire::{
    decode_versioned, encode_versioned, questionnaire_id, Progress, Questionnaire, SCHEMA_VERSION,
};

const DAY: u64 = 86_400_000;
/// 2027-01-04T00:00:00Z, a Monday.
const START: u64 = 1_799_020_800_000;

fn workspace() -> Workspace {
    let mut ws = Workspace::new(
        demo_study(),
        "  Sanne   de Vries ",
        &generate_identity(),
        START,
    )
    .unwrap();
    ws.add_respondent("R-0107", START).unwrap();
    ws
}

fn no_forms(_: &str) -> Option<Progress> {
    None
}

/// A citizen's export for `code` at `moment`, encrypted to the given keys.
fn citizen_file(
    ws: &Workspace,
    code: &str,
    member: Option<&str>,
    moment: Moment,
    keys: &[&str],
) -> String {
    let inv = ws.invitation(code, member, moment, true, Lang::Nl);
    let mut q = Questionnaire::new(inv, Role::Citizen, START);
    q.set_answer("net.talk", Some(Answer::Value(4)), START)
        .unwrap();
    encrypt(&Envelope::of(&q, Lang::Nl, START + 1000), keys).unwrap()
}

#[test]
fn a_workspace_holds_a_fresh_key_pair_whose_backup_age_can_read() {
    let ws = workspace();
    assert_eq!(ws.display_name, "Sanne de Vries");
    assert!(ws.public_key.starts_with("age1"));
    assert_eq!(
        ws.identity().unwrap().to_public().to_string(),
        ws.public_key
    );
    let other = workspace();
    assert_ne!(
        other.public_key, ws.public_key,
        "every workspace makes its own key"
    );

    let backup = ws.key_backup(START + 3 * DAY);
    assert_eq!(backup.file_name, "balans-key_balans-demo_2027-01-07.txt");
    assert!(!backup.file_name.contains("Sanne"));
    // The age key file format: comment lines, then the key on its own line.
    let lines: Vec<&str> = backup.text.lines().collect();
    assert!(lines[..lines.len() - 1].iter().all(|l| l.starts_with("# ")));
    assert!(lines.contains(&format!("# public key: {}", ws.public_key).as_str()));
    assert!(lines.last().unwrap().starts_with("AGE-SECRET-KEY-1"));
    let back = parse_identity(&backup.text).unwrap();
    assert_eq!(back.to_public().to_string(), ws.public_key);
}

#[test]
fn display_names_are_required_and_short() {
    let id = generate_identity();
    assert_eq!(
        Workspace::new(demo_study(), "   ", &id, 0).unwrap_err(),
        NameError::Empty
    );
    assert_eq!(
        Workspace::new(demo_study(), &"x".repeat(61), &id, 0).unwrap_err(),
        NameError::TooLong
    );
    let mut ws = Workspace::new(demo_study(), "Sanne", &id, 0).unwrap();
    ws.rename(" Sanne  V. ", START).unwrap();
    assert_eq!(ws.display_name, "Sanne V.");
}

#[test]
fn respondent_codes_are_validated_and_names_refused() {
    let mut ws = workspace();
    assert_eq!(
        ws.add_respondent("Jansen", START),
        Err(AddRespondentError::Code(RespondentCodeError::NoDigit))
    );
    assert_eq!(
        ws.add_respondent("Piet Jansen 1", START),
        Err(AddRespondentError::Code(RespondentCodeError::Characters))
    );
    assert_eq!(
        ws.add_respondent("r-0107", START),
        Err(AddRespondentError::Exists)
    );
    assert_eq!(
        ws.add_respondent(" R-0200 ", START).as_deref(),
        Ok("R-0200")
    );
    assert_eq!(ws.respondents.len(), 2);
}

#[test]
fn household_members_are_roles_added_once_and_names_are_refused() {
    let mut ws = workspace();
    assert_eq!(
        ws.add_member("R-0107", " partner ", START).as_deref(),
        Ok("partner")
    );
    assert_eq!(
        ws.add_member("R-0107", "partner", START),
        Err(MemberError::Exists)
    );
    // A name is not a role: it would leave the device in links and files.
    for name in ["Jan", "Partner", "oma", "kind 1", "kind-01"] {
        assert_eq!(
            ws.add_member("R-0107", name, START),
            Err(MemberError::NotARole),
            "{name}"
        );
    }
    assert_eq!(
        ws.add_member("R-0107", "kind <1>", START),
        Err(MemberError::Characters)
    );
    assert_eq!(ws.add_member("R-0107", " ", START), Err(MemberError::Empty));
    assert_eq!(
        ws.add_member("R-0107", &"k".repeat(25), START),
        Err(MemberError::TooLong)
    );
    assert_eq!(
        ws.add_member("R-9999", "kind-1", START),
        Err(MemberError::NoRespondent)
    );
    let r = ws.respondent("R-0107").unwrap();
    assert_eq!(r.people(), vec![None, Some("partner".to_string())]);
}

#[test]
fn a_role_from_the_list_gets_the_next_free_number() {
    let mut ws = workspace();
    let add = |ws: &mut Workspace, role| ws.add_member_role("R-0107", role, START);
    assert_eq!(add(&mut ws, MemberRole::Child).as_deref(), Ok("kind-1"));
    assert_eq!(add(&mut ws, MemberRole::Child).as_deref(), Ok("kind-2"));
    assert_eq!(add(&mut ws, MemberRole::Partner).as_deref(), Ok("partner"));
    assert_eq!(add(&mut ws, MemberRole::Partner), Err(MemberError::Exists));
    assert_eq!(
        add(&mut ws, MemberRole::Other).as_deref(),
        Ok("gezinslid-1")
    );
    // A removed child's number stays taken: a new child never takes over
    // the removed one's invitations and files.
    assert!(ws.remove_member("R-0107", "kind-1", START + 5));
    assert_eq!(add(&mut ws, MemberRole::Child).as_deref(), Ok("kind-3"));
    for label in ["kind-2", "partner", "gezinslid-1", "kind-3"] {
        assert!(is_known_role(label), "{label}");
    }
    assert!(!is_known_role("Jan"));
}

#[test]
fn a_renamed_member_keeps_their_moments_and_the_old_label_stays_gone() {
    let mut base = workspace();
    base.add_member_role("R-0107", MemberRole::Child, START + 1)
        .unwrap();
    base.record_invitation("R-0107", Some("kind-1"), Moment::T0, true, START + 2);
    let older = base.clone();
    let mut ws = base;
    let before = ws.person_records("R-0107");
    assert_eq!(
        ws.rename_member("R-0107", "kind-1", MemberRole::Partner, START + 10)
            .as_deref(),
        Ok("partner")
    );
    let after = ws.person_records("R-0107");
    // The form ids move with the person, so the caller can move the records.
    let moved: Vec<_> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b.2 != a.2)
        .map(|(b, a)| (b.0.clone(), a.0.clone()))
        .collect();
    assert_eq!(
        moved,
        vec![(Some("kind-1".to_string()), Some("partner".to_string())); 3]
    );
    let statuses = ws.statuses("R-0107", Some("partner"), no_forms);
    assert_eq!(statuses[0].invited_at, Some(START + 2));
    // Saving merges the stored (older) copy in: that changes nothing, so no
    // "another window changed this" appears after one's own rename.
    assert!(!ws.clone().merge_from(&older));
    // An older copy (another window) still has kind-1: the merge keeps the
    // rename, without the old label and with the moved moment.
    let merged = merge_both_ways(&ws, &older);
    let r = merged.respondent("R-0107").unwrap();
    assert_eq!(r.members, vec!["partner".to_string()]);
    assert_eq!(
        merged.statuses("R-0107", Some("partner"), no_forms)[0].invited_at,
        Some(START + 2)
    );
}

#[test]
fn a_renamed_respondent_moves_with_their_household_and_stays_renamed() {
    let mut base = workspace();
    base.add_member_role("R-0107", MemberRole::Partner, START + 1)
        .unwrap();
    base.record_invitation("R-0107", None, Moment::T0, false, START + 2);
    let older = base.clone();
    let mut ws = base;
    assert_eq!(
        ws.rename_respondent("R-0107", "Piet", START + 10),
        Err(AddRespondentError::Code(RespondentCodeError::NoDigit))
    );
    ws.add_respondent("R-0200", START + 3).unwrap();
    assert_eq!(
        ws.rename_respondent("R-0107", "r-0200", START + 10),
        Err(AddRespondentError::Exists)
    );
    assert_eq!(
        ws.rename_respondent("R-0107", "R-0170", START + 10)
            .as_deref(),
        Ok("R-0170")
    );
    assert!(ws.respondent("R-0107").is_none());
    assert!(!ws.clone().merge_from(&older));
    let merged = merge_both_ways(&ws, &older);
    assert_eq!(codes(&merged), vec!["R-0200", "R-0170"]);
    let r = merged.respondent("R-0170").unwrap();
    assert_eq!(r.members, vec!["partner".to_string()]);
    assert_eq!(
        merged.statuses("R-0170", None, no_forms)[0].invited_at,
        Some(START + 2)
    );
}

#[test]
fn invitations_name_the_professional_only_when_they_may_read() {
    let ws = workspace();
    let with = ws.invitation("R-0107", Some("partner"), Moment::T1, true, Lang::En);
    assert_eq!(
        with.recipients(),
        vec![demo_study().researcher_key.as_str(), ws.public_key.as_str()]
    );
    assert_eq!(with.professional_name.as_deref(), Some("Sanne de Vries"));
    assert_eq!(with.member.as_deref(), Some("partner"));
    assert_eq!(with.language, Lang::En);
    let without = ws.invitation("R-0107", None, Moment::T1, false, Lang::Nl);
    assert_eq!(without.recipients().len(), 1);
    assert_eq!(without.professional_name, None);
}

#[test]
fn form_ids_are_stable_and_distinct_per_person_and_moment() {
    let ws = workspace();
    let id = ws.form_id("R-0107", None, Moment::T0);
    assert_eq!(id, ws.form_id("R-0107", None, Moment::T0));
    let inv = ws.invitation("R-0107", None, Moment::T0, true, Lang::En);
    assert_eq!(id, questionnaire_id(&inv, Role::Professional));
    assert_ne!(id, ws.form_id("R-0107", None, Moment::T1));
    assert_ne!(id, ws.form_id("R-0107", Some("partner"), Moment::T0));
    assert_ne!(id, ws.citizen_id("R-0107", None, Moment::T0));
    // The citizen's id is the one the citizen's own device uses.
    let citizen = ws.invitation("R-0107", None, Moment::T0, true, Lang::Nl);
    assert_eq!(
        ws.citizen_id("R-0107", None, Moment::T0),
        questionnaire_id(&citizen, Role::Citizen)
    );
}

#[test]
fn t0_is_due_at_once_then_t1_after_six_months_and_t2_after_a_year() {
    let mut ws = workspace();
    let statuses = ws.statuses("R-0107", None, no_forms);
    assert_eq!(statuses.len(), 3);
    let next = next_moment(&statuses, START).unwrap();
    assert_eq!(
        (next.moment, next.due_at, next.urgency),
        (Moment::T0, START, Urgency::Due)
    );
    // Nothing happened five weeks after adding: T0 is overdue.
    let late = next_moment(&statuses, START + (DUE_WINDOW_DAYS + 7) * DAY).unwrap();
    assert_eq!(late.urgency, Urgency::Overdue);

    // The T0 invitation, ten days later, sets the intake date.
    let intake = START + 10 * DAY;
    ws.record_invitation("R-0107", None, Moment::T0, true, intake);
    let t0_form = ws.form_id("R-0107", None, Moment::T0);
    let t1_form = ws.form_id("R-0107", None, Moment::T1);
    // The professional's own T0 form is finished: T1 is next.
    let t0_done = |id: &str| (id == t0_form).then_some(Progress::Completed);
    let statuses = ws.statuses("R-0107", None, t0_done);
    assert_eq!(statuses[1].due_at, intake + T1_AFTER_DAYS * DAY);
    assert_eq!(statuses[2].due_at, intake + T2_AFTER_DAYS * DAY);
    let t1 = |now| next_moment(&statuses, now).unwrap();
    assert_eq!(t1(intake).moment, Moment::T1);
    assert_eq!(t1(intake + 100 * DAY).urgency, Urgency::Upcoming);
    assert_eq!(
        t1(intake + (T1_AFTER_DAYS - DUE_WINDOW_DAYS) * DAY).urgency,
        Urgency::Due
    );
    assert_eq!(
        t1(intake + (T1_AFTER_DAYS + DUE_WINDOW_DAYS) * DAY).urgency,
        Urgency::Due
    );
    assert_eq!(
        t1(intake + (T1_AFTER_DAYS + DUE_WINDOW_DAYS + 1) * DAY).urgency,
        Urgency::Overdue
    );

    // Once the professional finished T1 T2 is next; once all three, nothing is.
    ws.record_invitation(
        "R-0107",
        None,
        Moment::T1,
        false,
        intake + T1_AFTER_DAYS * DAY,
    );
    let t1_done = |id: &str| (id == t0_form || id == t1_form).then_some(Progress::Sent);
    let statuses = ws.statuses("R-0107", None, t1_done);
    let t2 = next_moment(&statuses, intake + 200 * DAY).unwrap();
    assert_eq!((t2.moment, t2.urgency), (Moment::T2, Urgency::Upcoming));
    // The intake stays the first T0 invitation, even when T0 is invited again.
    ws.record_invitation("R-0107", None, Moment::T0, true, intake + 50 * DAY);
    assert_eq!(ws.respondent("R-0107").unwrap().intake_at(), intake);
    ws.record_invitation("R-0107", None, Moment::T2, true, intake + 365 * DAY);
    let statuses = ws.statuses("R-0107", None, |_| Some(Progress::Completed));
    assert_eq!(next_moment(&statuses, intake + 400 * DAY), None);
}

#[test]
fn a_professional_form_alone_starts_a_moment() {
    let ws = workspace();
    let t0 = ws.form_id("R-0107", None, Moment::T0);
    let statuses = ws.statuses("R-0107", None, |id| {
        (id == t0).then_some(Progress::InProgress)
    });
    assert!(statuses[0].started());
    assert_eq!(statuses[0].steps(), vec![]);
    // Started, but the professional's own form is open: T0 is still next.
    let next = next_moment(&statuses, START).unwrap();
    assert_eq!((next.moment, next.started), (Moment::T0, true));
}

// Issue 12: "Volgende: T1" showed while the professional's own T0 form was
// still open; an invitation and an import do not finish a moment either.
#[test]
fn the_next_moment_waits_for_the_professionals_own_form() {
    let mut ws = workspace();
    ws.record_invitation("R-0107", None, Moment::T0, true, START);
    let file = citizen_file(&ws, "R-0107", None, Moment::T0, &[&ws.public_key]);
    let envelope = ws.check_import(file.as_bytes(), None).unwrap();
    ws.record_import(&envelope, START + DAY);
    let t0 = ws.form_id("R-0107", None, Moment::T0);
    let with = |progress: Option<Progress>| {
        let t0 = t0.clone();
        ws.statuses(
            "R-0107",
            None,
            move |id| {
                if id == t0 {
                    progress
                } else {
                    None
                }
            },
        )
    };
    let late = START + (DUE_WINDOW_DAYS + 30) * DAY;
    for progress in [None, Some(Progress::InProgress)] {
        let next = next_moment(&with(progress), late).unwrap();
        assert_eq!(next.moment, Moment::T0, "{progress:?}");
        assert!(next.started);
        // Under way is due, never overdue: something happened.
        assert_eq!(next.urgency, Urgency::Due);
    }
    for progress in [Progress::Completed, Progress::Sent] {
        let next = next_moment(&with(Some(progress)), START).unwrap();
        assert_eq!((next.moment, next.started), (Moment::T1, false));
        assert_eq!(next.urgency, Urgency::Upcoming);
    }
    // All three forms finished: nothing is next.
    let all = ws.statuses("R-0107", None, |_| Some(Progress::Completed));
    assert_eq!(next_moment(&all, START), None);
}

// Issue 12: whether a goal was reached at T1 could be set at the intake.
#[test]
fn a_follow_up_moment_is_there_once_under_way_or_due() {
    let mut ws = workspace();
    let statuses = ws.statuses("R-0107", None, no_forms);
    assert!(statuses[0].is_there(START));
    assert!(!statuses[1].is_there(START));
    assert!(!statuses[2].is_there(START));
    let t1_due = statuses[1].due_at;
    assert!(!statuses[1].is_there(t1_due - (DUE_WINDOW_DAYS + 1) * DAY));
    assert!(statuses[1].is_there(t1_due - DUE_WINDOW_DAYS * DAY));
    assert!(!statuses[2].is_there(t1_due));
    // An early T1 invitation makes T1 there at once.
    ws.record_invitation("R-0107", None, Moment::T1, true, START + DAY);
    let statuses = ws.statuses("R-0107", None, no_forms);
    assert!(statuses[1].is_there(START + DAY));
}

// Issue 12: importing the same file again said "replaces".
#[test]
fn the_same_file_again_is_already_imported_other_answers_replace() {
    let ws = workspace();
    let file = citizen_file(&ws, "R-0107", None, Moment::T0, &[&ws.public_key]);
    let first = ws.check_import(file.as_bytes(), None).unwrap();
    assert_eq!(ImportKind::of(None, &first), ImportKind::New);
    // The same file, read again, is the same envelope.
    let again = ws.check_import(file.as_bytes(), None).unwrap();
    assert_eq!(
        ImportKind::of(Some(&first), &again),
        ImportKind::AlreadyImported
    );
    // A new export of the same form (answers changed) replaces it.
    let mut changed = again.clone();
    changed.answers.insert("net.talk".into(), Answer::Value(1));
    assert_eq!(ImportKind::of(Some(&first), &changed), ImportKind::Replaces);
}

// Issue 12: the study's researcher key was taken as a workspace backup.
#[test]
fn restoring_refuses_the_studys_own_key() {
    let study = demo_study();
    let researcher = fs::read_to_string("tests/fixtures/demo-identity.txt").unwrap();
    assert_eq!(
        parse_identity(&researcher).unwrap().to_public().to_string(),
        study.researcher_key
    );
    let err = restore_key(&study, &researcher).err().unwrap();
    assert_eq!(err, RestoreKeyError::StudyKey);
    assert_eq!(err.message_key(), "pro.restore.error.study_key");
    assert_eq!(err.hint_key(), "pro.restore.hint.study_key");
    // A workspace's own backup is taken; a file without a key is refused.
    let ws = workspace();
    let backup = ws.key_backup(START);
    let identity = restore_key(&study, &backup.text).ok().unwrap();
    assert_eq!(identity.to_public().to_string(), ws.public_key);
    assert_eq!(
        restore_key(&study, "hallo").err(),
        Some(RestoreKeyError::Key(balans::core::keys::KeyError::NoKey))
    );
}

#[test]
fn statuses_show_each_step_per_person_and_moment() {
    let mut ws = workspace();
    ws.add_member("R-0107", "partner", START).unwrap();
    ws.record_invitation("R-0107", None, Moment::T0, true, START);
    ws.record_invitation("R-0107", Some("partner"), Moment::T0, false, START);
    let file = citizen_file(&ws, "R-0107", None, Moment::T0, &[&ws.public_key]);
    let envelope = ws.check_import(file.as_bytes(), Some("R-0107")).unwrap();
    assert!(!ws.record_import(&envelope, START + DAY));

    let forms: HashMap<QuestionnaireId, Progress> = [
        (ws.form_id("R-0107", None, Moment::T0), Progress::Sent),
        (
            ws.form_id("R-0107", Some("partner"), Moment::T0),
            Progress::Completed,
        ),
    ]
    .into();
    let progress = |id: &str| forms.get(id).copied();

    let main = ws.statuses("R-0107", None, progress);
    assert_eq!(main[0].steps(), Step::ALL.to_vec());
    assert!(main[0].invited_with_key);
    assert_eq!(main[0].imported_at, Some(START + DAY));
    assert_eq!(main[1].steps(), vec![]);
    let partner = ws.statuses("R-0107", Some("partner"), progress);
    assert_eq!(
        partner[0].steps(),
        vec![Step::Invited, Step::ProfessionalAnswered]
    );
    assert!(!partner[0].invited_with_key);
    assert_eq!(ws.statuses("R-9999", None, progress), vec![]);
    // A professional's saved file is handed over by the study's own route:
    // saving reaches the last step (issue 12 told saving and sending apart).
    let saved = ws.statuses("R-0107", None, |_| Some(Progress::Saved));
    assert!(saved[0].has(Step::Sent));
    assert!(saved[0].has(Step::ProfessionalAnswered));
    // …so the step never says "sent": the professional may not have sent it.
    for lang in Lang::ALL {
        let label = balans::core::i18n::catalogue(lang)
            .into_iter()
            .find(|(k, _)| *k == Step::Sent.label_key())
            .map(|(_, text)| text.to_lowercase())
            .unwrap_or_default();
        assert!(!label.is_empty(), "{lang:?}");
        assert!(
            !label.contains("verstuurd") && !label.contains("sent"),
            "{lang:?}: {label}"
        );
    }
}

#[test]
fn importing_again_replaces_and_an_unknown_member_is_added() {
    let mut ws = workspace();
    let file = citizen_file(&ws, "R-0107", Some("kind-1"), Moment::T1, &[&ws.public_key]);
    let envelope = ws.check_import(file.as_bytes(), None).unwrap();
    assert_eq!(envelope.member.as_deref(), Some("kind-1"));
    assert!(!ws.record_import(&envelope, START));
    assert!(ws.record_import(&envelope, START + DAY));
    assert_eq!(
        ws.respondent("R-0107").unwrap().members,
        vec!["kind-1".to_string()]
    );
}

#[test]
fn files_that_do_not_belong_here_get_their_own_reason() {
    let mut ws = workspace();
    ws.add_respondent("R-0200", START).unwrap();
    let researcher = demo_study().researcher_key;
    let ok = citizen_file(
        &ws,
        "R-0107",
        None,
        Moment::T0,
        &[&researcher, &ws.public_key],
    );
    assert!(ws.check_import(ok.as_bytes(), Some("R-0107")).is_ok());

    // Only for the researcher: this professional's key cannot open it.
    let researcher_only = citizen_file(&ws, "R-0107", None, Moment::T0, &[&researcher]);
    let err = ws
        .check_import(researcher_only.as_bytes(), None)
        .unwrap_err();
    assert_eq!(err, WorkspaceImportError::File(ImportError::NotForThisKey));
    assert_eq!(err.message_key(), "pro.import.error.wrong_key");

    // Not an age file at all, and an age file cut off half-way.
    let err = ws
        .check_import(b"Beste Sanne, hierbij mijn antwoorden.", None)
        .unwrap_err();
    assert_eq!(err, WorkspaceImportError::File(ImportError::NotAge));
    assert_eq!(err.message_key(), "pro.import.error.not_balans");
    let cut = &ok.as_bytes()[..ok.len() / 2];
    let err = ws.check_import(cut, None).unwrap_err();
    assert_eq!(err, WorkspaceImportError::File(ImportError::Damaged));

    // Dropped on another respondent's page.
    let err = ws.check_import(ok.as_bytes(), Some("R-0200")).unwrap_err();
    assert_eq!(
        err,
        WorkspaceImportError::OtherRespondent {
            found: "R-0107".into()
        }
    );
    assert_eq!(err.found_code(), Some("R-0107"));

    // A respondent this workspace does not follow.
    let stranger = citizen_file(&ws, "R-0999", None, Moment::T0, &[&ws.public_key]);
    let err = ws.check_import(stranger.as_bytes(), None).unwrap_err();
    assert_eq!(
        err,
        WorkspaceImportError::UnknownRespondent {
            found: "R-0999".into()
        }
    );
    assert_eq!(err.message_key(), "pro.import.error.unknown_respondent");

    // The professional's own export is not a citizen's answers.
    let inv = ws.invitation("R-0107", None, Moment::T0, true, Lang::Nl);
    let own = Questionnaire::new(inv.clone(), Role::Professional, START);
    let own = encrypt(&Envelope::of(&own, Lang::Nl, START), &inv.recipients()).unwrap();
    assert_eq!(
        ws.check_import(own.as_bytes(), None),
        Err(WorkspaceImportError::NotCitizen)
    );

    // Another study, encrypted to this professional all the same.
    let mut other = ws.clone();
    other.study.researcher_key =
        parse_identity(&fs::read_to_string("tests/fixtures/other-identity.txt").unwrap())
            .unwrap()
            .to_public()
            .to_string();
    let foreign = citizen_file(&other, "R-0107", None, Moment::T0, &[&ws.public_key]);
    assert_eq!(
        ws.check_import(foreign.as_bytes(), None),
        Err(WorkspaceImportError::OtherStudy)
    );
}

#[test]
fn a_workspace_round_trips_through_storage_and_the_v1_fixture_loads() {
    let mut ws = workspace();
    ws.add_member("R-0107", "partner", START).unwrap();
    ws.record_invitation("R-0107", Some("partner"), Moment::T0, true, START);
    ws.mark_backed_up(START);
    let stored = encode_versioned(&ws);
    assert!(stored.contains(&format!("\"schema\":{SCHEMA_VERSION}")));
    assert_eq!(decode_versioned::<Workspace>(&stored), Ok(ws));

    let v1 = fs::read_to_string("tests/fixtures/storage/workspace_v1.json").unwrap();
    let old: Workspace = decode_versioned(&v1).expect("workspace schema 1 loads");
    assert_eq!(old.display_name, "Sanne de Vries");
    assert_eq!(old.respondents[0].code, "R-0042");
    assert_eq!(old.respondents[0].members, vec!["partner".to_string()]);
    assert_eq!(
        old.identity().unwrap().to_public().to_string(),
        old.public_key
    );
}

// Merging two windows' copies (the rule is in the workspace module's docs).
// Issue "one autosave mechanism": before, the last save won, so two windows
// adding a respondent each lost one of them.

/// The codes in a workspace, in its order.
fn codes(ws: &Workspace) -> Vec<&str> {
    ws.respondents.iter().map(|r| r.code.as_str()).collect()
}

/// Merges `b` into `a` and `a` into `b` (each from its own copy, as two
/// windows do); both must end the same. Returns the merged copy.
fn merge_both_ways(a: &Workspace, b: &Workspace) -> Workspace {
    let mut ab = a.clone();
    ab.merge_from(b);
    let mut ba = b.clone();
    ba.merge_from(a);
    assert_eq!(ab, ba, "the merge depends on its order");
    let again = ab.clone();
    assert!(
        !ab.merge_from(&again),
        "a merged copy merges with no change"
    );
    assert_eq!(ab, again);
    ab
}

#[test]
fn two_windows_adding_respondents_both_keep_theirs() {
    let base = workspace();
    let mut a = base.clone();
    a.add_respondent("R-0201", START + 10).unwrap();
    let mut b = base.clone();
    b.add_respondent("R-0202", START + 20).unwrap();
    let mut merged = a.clone();
    assert!(merged.merge_from(&b));
    assert_eq!(codes(&merged), vec!["R-0107", "R-0201", "R-0202"]);
    assert_eq!(codes(&merge_both_ways(&a, &b)), codes(&merged));
    // Nothing new: the copy is left exactly as it was.
    let mut same = merged.clone();
    assert!(!same.merge_from(&a));
    assert_eq!(same, merged);
}

#[test]
fn members_and_tracks_of_one_respondent_are_united() {
    let base = workspace();
    let mut a = base.clone();
    a.add_member("R-0107", "partner", START + 10).unwrap();
    a.record_invitation("R-0107", Some("partner"), Moment::T0, false, START + 11);
    a.record_invitation("R-0107", None, Moment::T0, true, START + 12);
    let mut b = base.clone();
    b.add_member("R-0107", "kind-1", START + 20).unwrap();
    b.record_invitation("R-0107", None, Moment::T0, false, START + 30);
    b.record_invitation("R-0107", None, Moment::T1, true, START + 31);

    let merged = merge_both_ways(&a, &b);
    let r = merged.respondent("R-0107").unwrap();
    assert_eq!(r.members, vec!["partner".to_string(), "kind-1".to_string()]);
    let main = merged.statuses("R-0107", None, no_forms);
    // The first invitation's date stays; the latest invitation's choice wins.
    assert_eq!(main[0].invited_at, Some(START + 12));
    assert!(!main[0].invited_with_key);
    assert_eq!(main[1].invited_at, Some(START + 31));
    let partner = merged.statuses("R-0107", Some("partner"), no_forms);
    assert_eq!(partner[0].invited_at, Some(START + 11));
    assert_eq!(
        merged.statuses("R-0107", Some("kind-1"), no_forms)[0].invited_at,
        None
    );
}

#[test]
fn the_later_rename_wins_and_the_backup_is_remembered() {
    let base = workspace();
    let mut a = base.clone();
    a.rename("Sanne A", START + 20).unwrap();
    let mut b = base.clone();
    b.rename("Sanne B", START + 10).unwrap();
    b.mark_backed_up(START + 5);
    let merged = merge_both_ways(&a, &b);
    assert_eq!(merged.display_name, "Sanne A");
    assert_eq!(merged.backed_up_at, Some(START + 5));
}

#[test]
fn a_removed_respondent_never_comes_back_from_an_older_copy() {
    let mut base = workspace();
    base.add_member("R-0107", "partner", START).unwrap();
    base.add_respondent("R-0200", START + 1).unwrap();
    let older = base.clone();
    let mut a = base;
    assert!(a.remove_respondent("R-0107", START + 100));
    assert!(!a.remove_respondent("R-0107", START + 101));
    assert_eq!(codes(&a), vec!["R-0200"]);

    // The older copy still has R-0107 and adds to it: the removal holds.
    let mut b = older;
    b.record_invitation("R-0107", None, Moment::T0, true, START + 50);
    let merged = merge_both_ways(&a, &b);
    assert_eq!(codes(&merged), vec!["R-0200"]);
    assert_eq!(merged.removed.get("R-0107"), Some(&(START + 100)));
    // Adding it again after the removal wins, as a new respondent: nothing
    // from before the removal (members, invitations) returns with it.
    let mut again = merged.clone();
    again.add_respondent("R-0107", START + 200).unwrap();
    let merged = merge_both_ways(&again, &b);
    assert_eq!(codes(&merged), vec!["R-0200", "R-0107"]);
    let r = merged.respondent("R-0107").unwrap();
    assert_eq!(r.added_at, START + 200);
    assert!(r.members.is_empty());
    assert!(r.tracks.is_empty());
}

#[test]
fn a_removal_in_the_millisecond_of_the_add_still_holds_and_a_readd_still_wins() {
    let mut a = workspace();
    let older = a.clone();
    a.remove_respondent("R-0107", START);
    assert_eq!(codes(&merge_both_ways(&a, &older)), Vec::<&str>::new());
    // A clock that says the same time (or earlier) still re-adds after it.
    a.add_respondent("R-0107", START - 5).unwrap();
    assert!(a.respondent("R-0107").unwrap().added_at > START);
    assert_eq!(codes(&merge_both_ways(&a, &older)), vec!["R-0107"]);
}

#[test]
fn a_removed_member_never_comes_back_and_a_readded_one_starts_afresh() {
    let mut base = workspace();
    base.add_member("R-0107", "partner", START + 1).unwrap();
    base.add_member("R-0107", "kind-1", START + 2).unwrap();
    base.record_invitation("R-0107", Some("partner"), Moment::T0, true, START + 3);
    let older = base.clone();
    let mut a = base;
    assert!(a.remove_member("R-0107", "partner", START + 100));
    assert!(!a.remove_member("R-0107", "partner", START + 101));
    assert!(!a.remove_member("R-9999", "kind-1", START + 101));

    let mut b = older;
    b.record_invitation("R-0107", Some("partner"), Moment::T1, true, START + 50);
    let merged = merge_both_ways(&a, &b);
    let r = merged.respondent("R-0107").unwrap();
    assert_eq!(r.members, vec!["kind-1".to_string()]);
    assert!(r.tracks.iter().all(|t| t.member.is_none()));

    // Added again (here by importing a file of the member): kept, with
    // only what happened since.
    let mut again = merged.clone();
    again.add_member("R-0107", "partner", START + 200).unwrap();
    again.record_invitation("R-0107", Some("partner"), Moment::T2, false, START + 201);
    let merged = merge_both_ways(&again, &b);
    let r = merged.respondent("R-0107").unwrap();
    assert_eq!(r.members, vec!["kind-1".to_string(), "partner".to_string()]);
    let partner = merged.statuses("R-0107", Some("partner"), no_forms);
    assert_eq!(
        partner.iter().map(|s| s.invited_at).collect::<Vec<_>>(),
        vec![None, None, Some(START + 201)]
    );
}

#[test]
fn another_workspace_or_another_key_pair_is_not_merged() {
    let a = workspace();
    let mut b = workspace(); // the same study, but its own key pair
    b.add_respondent("R-0300", START).unwrap();
    let mut merged = a.clone();
    assert!(!merged.merge_from(&b));
    assert_eq!(merged, a);
}

#[test]
fn removal_markers_and_change_times_survive_storage_and_the_v2_fixture() {
    let mut ws = workspace();
    ws.add_member("R-0107", "partner", START + 1).unwrap();
    ws.remove_member("R-0107", "partner", START + 2);
    ws.add_respondent("R-0200", START + 3).unwrap();
    ws.remove_respondent("R-0200", START + 4);
    ws.rename("Sanne V.", START + 5).unwrap();
    let stored = encode_versioned(&ws);
    assert_eq!(decode_versioned::<Workspace>(&stored), Ok(ws));

    // What this version stores: markers and times as extra fields of
    // schema 2, so a removed respondent is simply absent for older code.
    let v2 = fs::read_to_string("tests/fixtures/storage/workspace_v2.json").unwrap();
    let stored: Workspace = decode_versioned(&v2).expect("workspace schema 2 loads");
    assert_eq!(codes(&stored), vec!["R-0042"]);
    assert_eq!(stored.removed.get("R-0043"), Some(&1_767_300_000_000));
    // An older copy that still has both: the markers hold in the merge.
    let v1 = fs::read_to_string("tests/fixtures/storage/workspace_v1.json").unwrap();
    let mut older: Workspace = decode_versioned(&v1).unwrap();
    older.add_respondent("R-0043", 1_767_225_700_000).unwrap();
    let merged = merge_both_ways(&stored, &older);
    assert_eq!(codes(&merged), vec!["R-0042"]);
    let r = merged.respondent("R-0042").unwrap();
    assert_eq!(r.members, vec!["kind-1".to_string()]);
    assert!(r
        .tracks
        .iter()
        .all(|t| t.member.as_deref() != Some("partner")));
    assert_eq!(merged.display_name, "Sanne V.");
}

/// The workspace with its lists in one order, to compare content.
fn normalized(ws: &Workspace) -> Workspace {
    let mut ws = ws.clone();
    ws.respondents.sort_by(|a, b| a.code.cmp(&b.code));
    for r in &mut ws.respondents {
        r.members.sort();
        r.tracks
            .sort_by(|a, b| (&a.member, a.moment).cmp(&(&b.member, b.moment)));
    }
    ws
}

// Whatever two windows do (add, remove, add again, invite, rename), merging
// in either order gives the same workspace and merging again changes
// nothing: windows converge instead of saving back and forth for ever. And
// the last thing done in one window holds after the merge.
#[test]
fn workspace_merging_converges_in_any_order() {
    let codes = ["R-0001", "R-0002", "R-0003"];
    let labels = ["partner", "kind-1"];
    let mut rng = Lcg(7);
    for _ in 0..500 {
        let base = workspace();
        let mut copies = [base.clone(), base];
        let mut last = None;
        for step in 0..rng.next(10) {
            let side = rng.next(2) as usize;
            let copy = &mut copies[side];
            let code = codes[rng.next(3) as usize];
            let label = labels[rng.next(2) as usize];
            // Clocks move on; two windows' steps interleave.
            let at = START + 2 * step + rng.next(2);
            last = Some((side, rng.next(6), code, label));
            match last.unwrap().1 {
                0 => drop(copy.add_respondent(code, at)),
                1 => drop(copy.remove_respondent(code, at)),
                2 => drop(copy.add_member(code, label, at)),
                3 => drop(copy.remove_member(code, label, at)),
                4 => copy.record_invitation(code, Some(label), Moment::T0, rng.next(2) == 0, at),
                _ => drop(copy.rename(label, at)),
            }
        }
        let [a, b] = copies;
        let mut ab = a.clone();
        ab.merge_from(&b);
        let mut ba = b.clone();
        ba.merge_from(&a);
        assert_eq!(normalized(&ab), normalized(&ba));
        let again = ab.clone();
        assert!(!ab.merge_from(&again));
        assert!(!ab.merge_from(&ba));
        assert!(!ba.merge_from(&ab));
        // A removal that was the last thing done holds in the merge.
        if let Some((side, 1, code, _)) = last {
            let removed = if side == 0 { &a } else { &b };
            if removed.respondent(code).is_none() && removed.removed.contains_key(code) {
                assert!(ab.respondent(code).is_none(), "{code} came back");
            }
        }
    }
}

/// Issue 12: a professional who picks their municipality and team gets the
/// same workspace id as one who did not (it hashes the researcher key), and
/// the pick travels in every invitation.
#[test]
fn the_picked_place_keeps_the_workspace_id_and_travels_in_invitations() {
    use balans::core::links::parse_invitation;
    use balans::core::professional::workspace_id;
    let study = demo_study().at(None, None);
    let at = study.at(Some("Oefendorp".into()), Some("Sociaal team".into()));
    assert_eq!(workspace_id(&at), workspace_id(&study));
    let ws = Workspace::new(at, "Sanne de Vries", &generate_identity(), START).unwrap();
    let inv = ws.invitation("R-0001", None, Moment::T0, true, Lang::Nl);
    let link = balans::core::links::invitation_link("https://balans.example/", &inv);
    let back = parse_invitation(link.rsplit_once('#').unwrap().1).unwrap();
    assert_eq!(back.study.municipality.as_deref(), Some("Oefendorp"));
    assert_eq!(back.study.team.as_deref(), Some("Sociaal team"));
    assert_eq!(back.professional_id, Some(ws.professional_id()));
}

// Issue 12: respondent codes were case-sensitive, so "r-0107" and "R-0107"
// became two respondents.

#[test]
fn codes_are_kept_in_upper_case_and_found_in_any_case() {
    let mut ws = workspace();
    assert_eq!(
        ws.add_respondent(" r-0108 ", START).as_deref(),
        Ok("R-0108")
    );
    assert_eq!(codes(&ws), vec!["R-0107", "R-0108"]);
    assert_eq!(
        ws.add_respondent("R-0108", START),
        Err(AddRespondentError::Exists)
    );
    assert_eq!(
        ws.respondent("r-0108").map(|r| r.code.as_str()),
        Some("R-0108")
    );
    ws.add_member("r-0107", "partner", START).unwrap();
    assert_eq!(ws.respondent("R-0107").unwrap().members, vec!["partner"]);
    // The ids of forms do not depend on the case the code was typed in.
    assert_eq!(
        ws.form_id("r-0107", None, Moment::T0),
        ws.form_id("R-0107", None, Moment::T0)
    );
    // A removal marks the upper-case code.
    assert!(ws.remove_respondent("r-0108", START + 1));
    assert!(ws.removed.contains_key("R-0108"));
    assert_eq!(codes(&ws), vec!["R-0107"]);
}

/// A citizen's file made from an old link with "r-0107" (the app of then
/// wrote the code as the link had it).
fn lower_case_citizen_file(ws: &Workspace) -> String {
    let inv = ws.invitation("R-0107", None, Moment::T0, true, Lang::Nl);
    let mut q = Questionnaire::new(inv, Role::Citizen, START);
    q.set_answer("net.talk", Some(Answer::Value(4)), START)
        .unwrap();
    let json = serde_json::to_string(&Envelope::of(&q, Lang::Nl, START + 1000)).unwrap();
    let old = json.replace("\"respondent\":\"R-0107\"", "\"respondent\":\"r-0107\"");
    assert_ne!(old, json);
    balans::core::exchange::encrypt_bytes(old.as_bytes(), &[&ws.public_key]).unwrap()
}

#[test]
fn a_file_with_a_lower_case_code_is_imported_for_the_upper_case_respondent() {
    let mut ws = workspace();
    let file = lower_case_citizen_file(&ws);
    let envelope = ws.check_import(file.as_bytes(), Some("R-0107")).unwrap();
    assert_eq!(envelope.respondent.as_str(), "R-0107");
    assert_eq!(
        envelope.file_name(),
        "balans_balans-demo_R-0107_citizen_T0.age"
    );
    // On the workspace page (no expected respondent) too.
    assert!(ws.check_import(file.as_bytes(), None).is_ok());
    assert!(!ws.record_import(&envelope, START + 5));
    let statuses = ws.statuses("R-0107", None, no_forms);
    assert_eq!(statuses[0].imported_at, Some(START + 5));
    // Stored where the respondent page looks for it.
    let form = balans::core::professional::ImportedForm {
        envelope,
        imported_at: START + 5,
    };
    assert_eq!(
        form.key(),
        balans::core::professional::import_key(&ws.citizen_id("R-0107", None, Moment::T0))
    );
}

#[test]
fn a_workspace_with_case_twins_reads_as_one_respondent_losing_nothing() {
    let text = fs::read_to_string("tests/fixtures/storage/workspace_v3_case_twins.json").unwrap();
    let ws: Workspace = decode_versioned(&text).expect("workspace schema 3 loads");
    assert_eq!(codes(&ws), vec!["R-0107", "R-0200"]);
    let r = ws.respondent("R-0107").unwrap();
    // The earlier add time, and the members of both in the order added.
    assert_eq!(r.added_at, 1_767_225_600_000);
    assert_eq!(r.members, vec!["kind-1", "partner"]);
    // "r-0107" had removed a "kind-1" of its own; "R-0107"'s stays, with its
    // track, and the marker gives way to it.
    assert_eq!(r.removed_members.get("kind-1"), Some(&1_767_225_999_999));
    let track = |member: Option<&str>, moment: Moment| {
        r.tracks
            .iter()
            .find(|t| t.member.as_deref() == member && t.moment == moment)
            .unwrap_or_else(|| panic!("track {member:?} {moment:?} lost"))
    };
    // T0 of the respondent, in both: the first invitation, the latest
    // invitation's choice and the import.
    let t0 = track(None, Moment::T0);
    assert_eq!(t0.invited_at, Some(1_767_226_100_000));
    assert_eq!(t0.last_invited_at, Some(1_767_400_200_000));
    assert!(!t0.invited_with_key);
    assert_eq!(t0.imported_at, Some(1_767_312_000_000));
    assert_eq!(track(None, Moment::T1).invited_at, Some(1_767_500_000_000));
    assert_eq!(
        track(Some("kind-1"), Moment::T0).invited_at,
        Some(1_767_226_200_000)
    );
    assert_eq!(
        track(Some("partner"), Moment::T0).invited_at,
        Some(1_767_400_300_000)
    );
    assert_eq!(r.tracks.len(), 4);
    // Markers upper case; the one of "r-0107" gives way to "R-0107", which
    // this copy still had, so no later merge removes it.
    assert_eq!(ws.removed.get("R-0107"), Some(&1_767_225_599_999));
    assert_eq!(ws.removed.get("R-0300"), Some(&1_767_360_000_000));
    assert_eq!(ws.removed.len(), 2);
    let merged = merge_both_ways(&ws, &ws.clone());
    assert_eq!(merged, ws);
    // Saved and read again: the same.
    assert_eq!(
        decode_versioned::<Workspace>(&encode_versioned(&ws)),
        Ok(ws.clone())
    );
    // Another window's copy of the same workspace, read the same way, keeps
    // the united respondent too.
    let mut other: Workspace = decode_versioned(&text).unwrap();
    other.add_respondent("R-0301", 1_767_600_000_000).unwrap();
    let merged = merge_both_ways(&ws, &other);
    assert_eq!(codes(&merged), vec!["R-0107", "R-0200", "R-0301"]);
    assert_eq!(merged.respondent("R-0107"), ws.respondent("R-0107"));
}
