//! Backups of staff data (issue 14): sealed to the right key, read back,
//! refused when they are not what they claim, and merged into a device
//! without overwriting or doubling anything; and the migration fixture of
//! the staff records as localStorage held them before the staff database.

use std::collections::BTreeMap;
use std::fs;

use balans::core::backup::{
    combine, fingerprint, restore, Backup, BackupError, BackupKind, BackupState, Combined,
    RecordKind, BACKUP_FORMAT, BACKUP_VERSION, REMIND_AFTER_DAYS,
};
use balans::core::exchange::Envelope;
use balans::core::i18n::Lang;
use balans::core::instrument::{Answer, Moment, Role};
use balans::core::keys::{generate_identity, public_key};
use balans::core::plan::{plan_key, Plan};
use balans::core::professional::{import_key, workspace_key, ImportedForm, Workspace};
use balans::core::questionnaire::{
    decode_questionnaire, decode_versioned, encode_questionnaire, encode_versioned,
    questionnaire_key, Questionnaire,
};
use balans::core::research::{
    interview_key, research_record_key, Interview, InterviewMoment, Record, ResearchData,
    RESEARCH_DATA_KEY,
};

const DAY: u64 = 86_400_000;
/// 2027-01-04T00:00:00Z.
const START: u64 = 1_799_020_800_000;

/// The staff records of today's localStorage (before the staff database):
/// a workspace with two respondents, a plan, an imported citizen's file, the
/// professional's own form, interview notes, kept research data in the one
/// record older versions wrote, and a value set aside.
const MIGRATION_FIXTURE: &str = "tests/fixtures/storage/staff_local_v3.json";

fn fixture_workspace() -> Workspace {
    decode_versioned(&fs::read_to_string("tests/fixtures/storage/workspace_v2.json").unwrap())
        .unwrap()
}

/// What a professional's device holds: key → stored text.
fn device() -> BTreeMap<String, String> {
    let mut ws = fixture_workspace();
    ws.add_respondent("R-0107", START).unwrap();
    let mut records = BTreeMap::new();
    // A plan with one goal.
    let mut plan = Plan::new("R-0107", START);
    let goal = plan.add_goal(START + 1).unwrap();
    plan.edit_goal(goal, START + 2, |g| g.text = "Post elke week open".into())
        .unwrap();
    records.insert(plan_key(&ws.id, &"R-0107".into()), encode_versioned(&plan));
    // A citizen's imported answers.
    let inv = ws.invitation("R-0107", None, Moment::T0, true, Lang::Nl);
    let mut q = Questionnaire::new(inv, Role::Citizen, START);
    q.set_answer("net.talk", Some(Answer::Value(4)), START)
        .unwrap();
    let envelope = Envelope::of(&q, Lang::Nl, START + 1000);
    ws.record_import(&envelope, START + 2000);
    records.insert(
        import_key(&ws.citizen_id("R-0107", None, Moment::T0)),
        encode_versioned(&ImportedForm {
            envelope,
            imported_at: START + 2000,
        }),
    );
    // The professional's own form.
    let own = Questionnaire::new(
        ws.invitation("R-0107", None, Moment::T0, true, Lang::Nl),
        Role::Professional,
        START,
    );
    records.insert(questionnaire_key(&own.id), encode_questionnaire(&own));
    records.insert(workspace_key(&ws.id), encode_versioned(&ws));
    records
}

/// A researcher's backup is sealed to every key of the study: the second
/// key alone restores it on a device that knows nothing of the study (its
/// owner is the first key), a foreign key does not, and a workspace backup
/// is not taken for a researcher's.
#[test]
fn a_research_backup_opens_with_any_study_key() {
    let first = generate_identity();
    let second = generate_identity();
    let backup = Backup::new(BackupKind::Research, &public_key(&first), device(), START);
    let file = backup
        .seal(&[&public_key(&first), &public_key(&second)])
        .unwrap();
    for identity in [&first, &second] {
        assert_eq!(
            Backup::open_research(file.as_bytes(), identity).unwrap(),
            backup
        );
    }
    assert_eq!(
        Backup::open_research(file.as_bytes(), &generate_identity()),
        Err(BackupError::WrongKey)
    );
    // Opened as a workspace backup with the second key, the owner is checked.
    assert_eq!(
        Backup::open(
            file.as_bytes(),
            &second,
            BackupKind::Research,
            &public_key(&second)
        ),
        Err(BackupError::Elsewhere)
    );
    let workspace = Backup::new(BackupKind::Workspace, "760cc579be09aae0", device(), START)
        .seal(&[&public_key(&second)])
        .unwrap();
    assert_eq!(
        Backup::open_research(workspace.as_bytes(), &second),
        Err(BackupError::Elsewhere)
    );
}

#[test]
fn a_backup_opens_with_its_key_only_and_only_where_it_belongs() {
    let identity = generate_identity();
    let key = public_key(&identity);
    let backup = Backup::new(BackupKind::Workspace, "760cc579be09aae0", device(), START);
    let file = backup.seal(&[&key]).unwrap();
    assert!(file.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
    let opened = Backup::open(
        file.as_bytes(),
        &identity,
        BackupKind::Workspace,
        "760cc579be09aae0",
    )
    .unwrap();
    assert_eq!(opened, backup);
    assert_eq!(opened.format, BACKUP_FORMAT);
    assert_eq!(opened.version, BACKUP_VERSION);
    assert!(backup
        .file_name("Balans demo")
        .starts_with("balans-backup_workspace_balans-demo_2027-01-04"));

    let other = generate_identity();
    assert_eq!(
        Backup::open(
            file.as_bytes(),
            &other,
            BackupKind::Workspace,
            "760cc579be09aae0"
        ),
        Err(BackupError::WrongKey)
    );
    // Another workspace's, or a researcher's screen: refused, not merged.
    assert_eq!(
        Backup::open(
            file.as_bytes(),
            &identity,
            BackupKind::Workspace,
            "0000000000000000"
        ),
        Err(BackupError::Elsewhere)
    );
    assert_eq!(
        Backup::open(
            file.as_bytes(),
            &identity,
            BackupKind::Research,
            "760cc579be09aae0"
        ),
        Err(BackupError::Elsewhere)
    );
    // One changed character in the middle: damaged.
    let mut damaged = file.clone().into_bytes();
    let at = damaged.len() / 2;
    damaged[at] = if damaged[at] == b'A' { b'B' } else { b'A' };
    assert!(matches!(
        Backup::open(
            &damaged,
            &identity,
            BackupKind::Workspace,
            "760cc579be09aae0"
        ),
        Err(BackupError::Damaged | BackupError::WrongKey)
    ));
    assert_eq!(
        Backup::open(b"hello", &identity, BackupKind::Workspace, "x"),
        Err(BackupError::NotBackup)
    );
}

#[test]
fn the_backup_format_fixtures_read_or_are_refused() {
    let good = fs::read("tests/fixtures/backup/backup_v1.json").unwrap();
    let backup = Backup::parse(&good, BackupKind::Workspace, "760cc579be09aae0").unwrap();
    assert_eq!(backup.version, 1);
    assert!(backup
        .records
        .keys()
        .any(|k| k.starts_with("balans.pro.w.")));
    for entry in fs::read_dir("tests/fixtures/backup").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.starts_with("fail_") {
            continue;
        }
        let result = Backup::parse(
            &fs::read(&path).unwrap(),
            BackupKind::Workspace,
            "760cc579be09aae0",
        );
        assert!(result.is_err(), "{name} must be refused");
        if name.contains("newer") {
            assert_eq!(result, Err(BackupError::Newer { found: 2 }), "{name}");
        }
    }
}

#[test]
fn restoring_into_an_empty_device_adds_everything_and_a_second_time_nothing() {
    let records = device();
    let mut there: BTreeMap<String, String> = BTreeMap::new();
    let done = restore(&records, |k| there.get(k).cloned());
    assert_eq!(done.writes.len(), records.len());
    assert_eq!(done.respondents_added, 2, "R-0042 and R-0107");
    assert_eq!(done.added_of(RecordKind::Plan), 1);
    assert_eq!(done.added_of(RecordKind::Import), 1);
    assert_eq!(done.added_of(RecordKind::Form), 1);
    assert_eq!(done.added_of(RecordKind::Workspace), 1);
    for w in &done.writes {
        there.insert(w.key.clone(), w.stored.clone());
    }
    assert_eq!(there, records);
    let again = restore(&records, |k| there.get(k).cloned());
    assert!(again.nothing_new(), "{again:?}");
}

#[test]
fn restoring_merges_and_respects_removals() {
    let records = device();
    let ws_key = records
        .keys()
        .find(|k| k.starts_with("balans.pro.w."))
        .unwrap()
        .clone();
    // This browser: the workspace as it was before R-0107 came, where the
    // professional since removed R-0042 and added R-0200.
    let mut mine = fixture_workspace();
    assert!(mine.remove_respondent("R-0042", START + 5 * DAY));
    mine.add_respondent("R-0200", START + 5 * DAY).unwrap();
    let mut there = BTreeMap::from([(ws_key.clone(), encode_versioned(&mine))]);
    let done = restore(&records, |k| there.get(k).cloned());
    assert_eq!(done.merged, 1);
    assert_eq!(
        done.respondents_added, 1,
        "R-0107 comes, R-0042 stays removed"
    );
    for w in &done.writes {
        there.insert(w.key.clone(), w.stored.clone());
    }
    let merged: Workspace = decode_versioned(&there[&ws_key]).unwrap();
    let codes: Vec<String> = merged
        .respondents
        .iter()
        .map(|r| r.code.to_string())
        .collect();
    assert_eq!(codes, ["R-0107", "R-0200"]);
    assert!(restore(&records, |k| there.get(k).cloned()).nothing_new());
}

#[test]
fn a_different_record_without_a_merge_rule_is_set_aside_never_overwritten() {
    let records = device();
    let import = records
        .keys()
        .find(|k| k.starts_with("balans.pro.c."))
        .unwrap()
        .clone();
    let mine = r#"{"schema":3,"other":"imported later here"}"#.to_string();
    let mut there = BTreeMap::from([(import.clone(), mine.clone())]);
    let done = restore(&records, |k| there.get(k).cloned());
    assert_eq!(done.set_aside, 1);
    for w in &done.writes {
        assert_ne!(w.key, import, "never overwritten");
        there.insert(w.key.clone(), w.stored.clone());
    }
    assert_eq!(there[&import], mine);
    assert_eq!(
        there[&format!("balans.quarantine.{import}")],
        records[&import]
    );
    // The same backup again sets nothing aside twice.
    assert!(restore(&records, |k| there.get(k).cloned()).nothing_new());
    // Merged records with a rule: notes from two devices.
    let mut a = Interview::new("R-0042", InterviewMoment::First, START);
    a.set_note("approach.goals", "Samen opgeschreven", START + 1)
        .unwrap();
    let mut b = Interview::new("R-0042", InterviewMoment::First, START);
    b.set_note("continuity.caseload", "42 inwoners", START + 2)
        .unwrap();
    // The interview's day changed on the calendar travels with its notes.
    b.set_day("2026-02-03", START + 3).unwrap();
    let key = interview_key(&"R-0042".into(), InterviewMoment::First);
    let Combined::Write(both) = combine(&key, &encode_versioned(&a), &encode_versioned(&b)) else {
        panic!("notes merge")
    };
    let both: Interview = decode_versioned(&both).unwrap();
    assert_eq!(both.note("approach.goals"), "Samen opgeschreven");
    assert_eq!(both.note("continuity.caseload"), "42 inwoners");
    assert_eq!(both.day(), Some("2026-02-03"));
}

#[test]
fn a_reminder_comes_after_seven_days_of_changes_without_a_backup() {
    let mut state = BackupState::default();
    assert!(state.observe("aaaa", START), "never backed up: a change");
    assert!(!state.reminder_due(START + (REMIND_AFTER_DAYS * DAY) - 1));
    assert!(state.reminder_due(START + REMIND_AFTER_DAYS * DAY));
    // Looking again later does not move the start of the wait.
    state.observe("bbbb", START + 3 * DAY);
    assert_eq!(state.changed_since, Some(START));
    state.backed_up("bbbb", START + 8 * DAY);
    assert!(!state.reminder_due(START + 30 * DAY));
    assert!(!state.observe("bbbb", START + 30 * DAY));
    assert!(state.observe("cccc", START + 31 * DAY));
    assert!(state.reminder_due(START + 38 * DAY));
    let records = device();
    assert_eq!(fingerprint(&records), fingerprint(&records.clone()));
    let mut changed = records.clone();
    changed.insert("balans.pro.p.x.y".into(), "{}".into());
    assert_ne!(fingerprint(&records), fingerprint(&changed));
}

/// Today's localStorage, as the migration fixture holds it: every value
/// reads, and moving it into an empty staff database adds every record.
#[test]
fn the_migration_fixture_of_todays_storage_moves_without_loss() {
    let text = fs::read_to_string(MIGRATION_FIXTURE).unwrap();
    let local: BTreeMap<String, String> = serde_json::from_str(&text).unwrap();
    for (key, value) in &local {
        match RecordKind::of(key) {
            RecordKind::Workspace => drop(decode_versioned::<Workspace>(value).unwrap()),
            RecordKind::Plan => drop(decode_versioned::<Plan>(value).unwrap()),
            RecordKind::Import => drop(decode_versioned::<ImportedForm>(value).unwrap()),
            RecordKind::Notes => drop(decode_versioned::<Interview>(value).unwrap()),
            RecordKind::Form => drop(decode_questionnaire(value).unwrap()),
            RecordKind::SetAside => assert!(decode_versioned::<serde_json::Value>(value).is_err()),
            _ if key == RESEARCH_DATA_KEY => {
                let data: ResearchData = decode_versioned(value).unwrap();
                assert_eq!(data.len(), 2, "older versions kept records in one value");
                for r in &data.records {
                    assert!(research_record_key(&r.key()).starts_with("balans.research.rec."));
                }
            }
            _ => {}
        }
    }
    let staff: BTreeMap<String, String> = local
        .iter()
        .filter(|(k, _)| !k.starts_with("balans.q.") && !k.starts_with("balans.settings"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let done = restore(&staff, |_| None);
    assert_eq!(done.writes.len(), staff.len(), "every staff value moves");
    assert_eq!(done.set_aside, 1, "the set-aside value moves as set aside");
    let _: Vec<Record> = Vec::new();
}

/// Writes the migration fixture (run once, on the version before the staff
/// database: `BALANS_WRITE_FIXTURE=1 cargo test --test core backup::write -- --ignored`).
#[test]
#[ignore]
fn write_the_migration_fixture() {
    if std::env::var("BALANS_WRITE_FIXTURE").is_err() {
        return;
    }
    let mut local = device();
    let ws: Workspace = decode_versioned(
        local
            .iter()
            .find(|(k, _)| k.starts_with("balans.pro.w."))
            .unwrap()
            .1,
    )
    .unwrap();
    let mut notes = Interview::new("R-0107", InterviewMoment::First, START);
    notes
        .set_note(
            "approach.goals",
            "Doelen samen met de zus opgeschreven.",
            START + 10,
        )
        .unwrap();
    local.insert(
        interview_key(&"R-0107".into(), InterviewMoment::First),
        encode_versioned(&notes),
    );
    let study = ws.study.clone();
    let envelopes = balans::core::research::synthetic_envelopes(7, 2, &study);
    let data = ResearchData {
        records: envelopes
            .into_iter()
            .take(2)
            .enumerate()
            .map(|(i, envelope)| Record {
                file: format!("export-{i}.age"),
                envelope,
            })
            .collect(),
    };
    local.insert(RESEARCH_DATA_KEY.into(), encode_versioned(&data));
    local.insert(
        "balans.quarantine.balans.pro.c.0000000000000000".into(),
        "{\"schema\":3,\"envelope\":{\"cut off".into(),
    );
    let backup = Backup::new(BackupKind::Workspace, ws.id.as_str(), device(), START);
    fs::create_dir_all("tests/fixtures/backup").unwrap();
    fs::write(
        "tests/fixtures/backup/backup_v1.json",
        serde_json::to_string_pretty(&backup).unwrap() + "\n",
    )
    .unwrap();
    fs::write(
        MIGRATION_FIXTURE,
        serde_json::to_string_pretty(&local).unwrap() + "\n",
    )
    .unwrap();
}
