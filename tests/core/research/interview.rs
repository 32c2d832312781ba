//! The researcher's interview with the professional (issue 8): the guide,
//! notes per question, merging two windows, the stored record, and the notes
//! table of the dataset with its place in the codebook.

use std::collections::HashSet;
use std::fs;

use balans::core::i18n::{catalogue, Lang};
use balans::core::instrument::Moment;
use balans::core::merge::Merge;
use balans::core::questionnaire::decode_versioned;
use balans::core::research::{
    codebook_csv, guide, interview_key, interview_sheet, Interview, InterviewMoment, NoteError,
    GUIDE, INTERVIEW_CSV_NAME, MAX_NOTE, PLANS_CSV_NAME,
};

const T: u64 = 1_768_000_000_000;

#[test]
fn the_guide_covers_every_theme_with_stable_unique_ids() {
    let ids: HashSet<&str> = GUIDE.iter().map(|g| g.id).collect();
    assert_eq!(ids.len(), GUIDE.len(), "ids are unique");
    // The themes: approach, use of the results, the citizen's role,
    // continuity (caseload, staff turnover), obstacles.
    for id in [
        "approach.goals",
        "results.use",
        "citizen.say",
        "continuity.caseload",
        "continuity.turnover",
        "obstacles.hardest",
    ] {
        assert!(ids.contains(id), "{id}");
    }
    for lang in Lang::ALL {
        let keys: HashSet<&str> = catalogue(lang).iter().map(|(k, _)| *k).collect();
        for q in GUIDE {
            assert!(keys.contains(q.text_key()), "{}", q.text_key());
            assert!(keys.contains(q.theme.title_key()), "{:?}", q.theme);
        }
    }
    // Whether goals were reached is asked before T2, not after T0.
    let first: Vec<&str> = guide(InterviewMoment::First).map(|g| g.id).collect();
    let second: Vec<&str> = guide(InterviewMoment::Second).map(|g| g.id).collect();
    assert!(!first.contains(&"reached.goals") && second.contains(&"reached.goals"));
    assert!(first.len() < second.len());
    assert_eq!(InterviewMoment::First.questionnaire_moment(), Moment::T0);
    assert_eq!(InterviewMoment::Second.questionnaire_moment(), Moment::T1);
    assert_eq!(
        InterviewMoment::from_number("2"),
        Some(InterviewMoment::Second)
    );
    assert_eq!(InterviewMoment::from_number("3"), None);
    assert_eq!(
        interview_key(&"R-0042".into(), InterviewMoment::Second),
        "balans.research.interview.R-0042.2"
    );
}

#[test]
fn notes_are_kept_per_question_and_checked() {
    let mut interview = Interview::new("R-0042", InterviewMoment::First, T);
    interview
        .set_note("approach.goals", "Samen met de zus.", T + 1)
        .unwrap();
    assert_eq!(interview.note("approach.goals"), "Samen met de zus.");
    assert_eq!(interview.note("citizen.say"), "");
    // A question of the second interview only is not part of the first.
    assert_eq!(
        interview.set_note("reached.goals", "x", T + 2),
        Err(NoteError::UnknownQuestion)
    );
    assert_eq!(
        interview.set_note("no.such", "x", T + 2),
        Err(NoteError::UnknownQuestion)
    );
    assert_eq!(
        interview.set_note("citizen.say", &"x".repeat(MAX_NOTE + 1), T + 2),
        Err(NoteError::TooLong)
    );
    assert_eq!(interview.updated_at, T + 1);
    interview.set_note("citizen.say", "   ", T + 3).unwrap();
    let filled: Vec<&str> = interview.filled().map(|(g, _)| g.id).collect();
    assert_eq!(filled, ["approach.goals"], "blank notes are not notes");
}

#[test]
fn two_windows_keep_both_notes_and_the_later_one_wins() {
    let base = Interview::new("R-0042", InterviewMoment::Second, T);
    let mut a = base.clone();
    let mut b = base.clone();
    a.set_note("approach.goals", "A", T + 1).unwrap();
    b.set_note("citizen.say", "B", T + 2).unwrap();
    a.set_note("obstacles.hardest", "eerder", T + 3).unwrap();
    b.set_note("obstacles.hardest", "later", T + 4).unwrap();
    // A clearing is a change too, and a later one wins.
    b.set_note("approach.goals", "", T + 5).unwrap();
    let mut ab = a.clone();
    assert!(ab.merge_from(&b));
    let mut ba = b.clone();
    ba.merge_from(&a);
    assert_eq!(ab, ba, "merging converges in either order");
    assert_eq!(ab.note("citizen.say"), "B");
    assert_eq!(ab.note("obstacles.hardest"), "later");
    assert_eq!(ab.note("approach.goals"), "");
    assert!(!ab.clone().merge_from(&ba));
    let mut other = Interview::new("R-0042", InterviewMoment::First, T);
    assert!(
        !other.merge_from(&a),
        "another interview is never merged in"
    );
}

#[test]
fn a_stored_interview_of_every_schema_version_still_loads() {
    // Interviews arrived with storage schema 2.
    let text = fs::read_to_string("tests/fixtures/storage/interview_v2.json").unwrap();
    let interview: Interview = decode_versioned(&text).unwrap();
    assert_eq!(interview.moment, InterviewMoment::First);
    assert_eq!(
        interview.note("continuity.caseload"),
        "42 inwoners; te veel."
    );
    assert_eq!(interview.filled().count(), 2);
    // Written before the calendar kept its days: no day set.
    assert_eq!(interview.day(), None);
}

#[test]
fn a_changed_interview_day_is_checked_merged_and_stored() {
    let base = Interview::new("R-0042", InterviewMoment::First, T);
    let mut a = base.clone();
    let mut b = base.clone();
    for wrong in ["2026-02-30", "2026-2-3", "morgen", "2026-02-03T10:00"] {
        assert_eq!(a.set_day(wrong, T), Err(NoteError::NotAnAnswer), "{wrong}");
    }
    assert_eq!(a.day(), None);
    a.set_day("2026-03-02", T + 1).unwrap();
    b.set_day(" 2026-03-09 ", T + 2).unwrap();
    assert_eq!(b.day(), Some("2026-03-09"));
    let mut ab = a.clone();
    assert!(ab.merge_from(&b));
    let mut ba = b.clone();
    ba.merge_from(&a);
    assert_eq!(ab, ba, "merging converges in either order");
    assert_eq!(ab.day(), Some("2026-03-09"), "the later change wins");
    // Back to the planned day is a change too.
    ab.set_day("", T + 3).unwrap();
    assert_eq!(ab.day(), None);
    assert!(ba.merge_from(&ab));
    assert_eq!(ba.day(), None);
    // It is stored with the record and read back.
    let text = balans::core::questionnaire::encode_versioned(&b);
    assert!(text.contains("2026-03-09"));
    let back: Interview = decode_versioned(&text).unwrap();
    assert_eq!(back, b);
    // A record without a day writes no day field.
    assert!(!balans::core::questionnaire::encode_versioned(&base).contains("\"day\""));
}

#[test]
fn notes_make_their_own_table_in_guide_order() {
    let mut second = Interview::new("R-0042", InterviewMoment::Second, T);
    second.set_note("other.notes", "Tot slot", T + 1).unwrap();
    second
        .set_note("reached.goals", "Eén doel bereikt,\n\"deels\"", T + 2)
        .unwrap();
    let mut first = Interview::new("R-0042", InterviewMoment::First, T);
    first.set_note("approach.goals", "=Samen", T + 3).unwrap();
    let mut other = Interview::new("A-0001", InterviewMoment::First, T);
    other
        .set_note("citizen.ideas", "Van de inwoner", T + 4)
        .unwrap();
    let sheet = interview_sheet(&[second, first, other]);
    assert_eq!(sheet.file, INTERVIEW_CSV_NAME);
    let csv = sheet.to_csv();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines,
        [
            "respondent,moment,question,note",
            "A-0001,1,citizen.ideas,Van de inwoner",
            // A formula-like start is defused, like every text in the dataset.
            "R-0042,1,approach.goals,'=Samen",
            "R-0042,2,reached.goals,\"Eén doel bereikt, / \"\"deels\"\"\"",
            "R-0042,2,other.notes,Tot slot",
            "",
        ]
    );
}

#[test]
fn the_codebook_describes_the_plan_and_interview_tables() {
    let codebook = codebook_csv();
    let mut reader = csv::Reader::from_reader(codebook.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header.last().map(String::as_str), Some("file"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let find = |file: &str, variable: &str| {
        rows.iter()
            .find(|r| r[col("file")] == file && r[0] == variable)
            .unwrap_or_else(|| panic!("{file} {variable}"))
            .clone()
    };
    for sheet in balans::core::research::approach_sheets() {
        for column in &sheet.columns {
            let row = find(sheet.file, &column.name);
            for field in ["label_nl", "label_en"] {
                let label = &row[col(field)];
                assert!(!label.is_empty() && !label.contains('['), "{label}");
            }
            assert!(!row[col("values_nl")].contains('['));
            assert!(!row[col("missing_en")].contains('['));
        }
    }
    let question = find(INTERVIEW_CSV_NAME, "question");
    assert!(question[col("values_en")].contains("approach.goals = "));
    assert_eq!(question[col("forms")], "researcher");
    let moment = find(INTERVIEW_CSV_NAME, "moment");
    assert!(moment[col("values_nl")].starts_with("1 = "));
    let burden = find(PLANS_CSV_NAME, "burden_finances");
    assert!(
        burden[col("label_nl")].contains("Financiën en schulden"),
        "{burden:?}"
    );
    let reached = find("balans_plan_goals.csv", "reached_t1");
    assert!(reached[col("values_en")].contains("99 = "));
    assert!(!reached[col("missing_nl")].is_empty());
    // The long table's variables still come first, each naming its file.
    assert_eq!(rows[0][col("file")], "balans_long.csv");
}

#[test]
fn closed_continuity_questions_take_only_their_answers() {
    let mut interview = Interview::new("R-0001", InterviewMoment::Second, 1);
    interview
        .set_note("continuity.changed_worker", "yes", 2)
        .unwrap();
    assert_eq!(interview.yes_no("continuity.changed_worker"), Some(true));
    assert_eq!(
        interview.set_note("continuity.changed_worker", "maybe", 3),
        Err(NoteError::NotAnAnswer)
    );
    interview
        .set_note("continuity.caseload_number", " 42 ", 4)
        .unwrap();
    assert_eq!(interview.number("continuity.caseload_number"), Some(42));
    for wrong in ["-1", "1000", "4.5", "veel"] {
        assert_eq!(
            interview.set_note("continuity.caseload_number", wrong, 5),
            Err(NoteError::NotAnAnswer),
            "{wrong}"
        );
    }
    // Clearing is allowed, and the open companion still takes words.
    interview
        .set_note("continuity.caseload_number", "", 6)
        .unwrap();
    assert_eq!(interview.number("continuity.caseload_number"), None);
    interview
        .set_note("continuity.caseload", "Te veel, 40 gezinnen", 7)
        .unwrap();
}
