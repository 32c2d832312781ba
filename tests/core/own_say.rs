//! Issue 13: the citizen's own say (topics to talk about, how the form was
//! filled in) and the levers in the plan: stored and merged like answers,
//! carried in export version 4 (older files still read), and in the dataset
//! and codebook.

use std::fs;

use balans::core::exchange::{decrypt, encrypt, parse_envelope, Envelope, EXPORT_VERSION_WITH_SAY};
use balans::core::i18n::Lang;
use balans::core::instrument::{Moment, Role};
use balans::core::keys::parse_identity;
use balans::core::links::demo_invitation;
use balans::core::plan::{Lever, Plan};
use balans::core::questionnaire::{
    decode_questionnaire, encode_questionnaire, Mode, OwnSay, Questionnaire, Topic, Topics,
};
use balans::core::research::{
    check_envelope, codebook_csv, long_table, plans_sheet, steps_sheet, wide_table, Cell, Importer,
    ResearchData,
};

fn identity() -> age::x25519::Identity {
    parse_identity(&fs::read_to_string("tests/fixtures/demo-identity.txt").unwrap()).unwrap()
}

fn citizen() -> Questionnaire {
    Questionnaire::new(demo_invitation(Lang::Nl), Role::Citizen, 1_000)
}

fn export(name: &str) -> Vec<u8> {
    fs::read(format!("tests/fixtures/exports/{name}")).unwrap()
}

#[test]
fn marks_none_and_words_follow_the_persons_last_choice() {
    let mut say = OwnSay::default();
    say.set_topic(Topic::Finances, true, 10);
    say.set_topic(Topic::Network, true, 11);
    assert_eq!(say.marked(), vec![Topic::Network, Topic::Finances]);
    // "Nothing in particular" takes every mark back ...
    say.set_nothing(true, 12);
    assert!(say.marked().is_empty() && say.wants_nothing());
    // ... and a later mark takes "nothing" back.
    say.set_topic(Topic::Mental, true, 13);
    assert!(!say.wants_nothing());
    // Own words mark "something else".
    say.set_other_words("De buren", 14);
    assert!(say.is_marked(Topic::Other));
    assert_eq!(
        say.for_export(),
        Some(Topics {
            marked: vec![Topic::Mental, Topic::Other],
            other: "De buren".into(),
            none: false,
        })
    );
    // Unmarking "something else" keeps the words on the device but not in
    // the export.
    say.set_topic(Topic::Other, false, 15);
    assert_eq!(say.for_export().unwrap().other, "");
    assert!(OwnSay::default().for_export().is_none());
}

/// Two windows marking different topics keep both marks; the later setting
/// of the same mark wins, a clearing included; merging is commutative.
#[test]
fn marks_merge_like_answers() {
    let mut a = citizen();
    let mut b = citizen();
    a.change_say(2_000, |s, now| s.set_topic(Topic::Finances, true, now));
    b.change_say(2_100, |s, now| s.set_topic(Topic::Network, true, now));
    a.change_say(2_200, |s, now| s.set_mode(Some(Mode::Alone), now));
    b.change_say(2_300, |s, now| {
        s.set_mode(Some(Mode::WithSomeoneClose), now)
    });
    // b later takes back a's finances mark.
    b.change_say(2_400, |s, now| s.set_topic(Topic::Finances, false, now));

    let mut ab = a.clone();
    let merged = ab.merge(&b);
    assert!(merged.changed());
    let mut ba = b.clone();
    ba.merge(&a);
    assert_eq!(ab.own_say, ba.own_say, "merging converges in either order");
    assert_eq!(ab.own_say.marked(), vec![Topic::Network]);
    assert_eq!(ab.own_say.mode.value, Some(Mode::WithSomeoneClose));

    // Merging again changes nothing.
    let again = ab.clone();
    assert!(!ab.merge(&again).changed());
    // The say is stored and read back with the questionnaire.
    assert_eq!(decode_questionnaire(&encode_questionnaire(&ab)), Ok(ab));
}

#[test]
fn a_tie_is_broken_the_same_way_in_every_window() {
    let mut a = citizen();
    let mut b = citizen();
    a.change_say(5_000, |s, now| s.set_mode(Some(Mode::Alone), now));
    b.change_say(5_000, |s, now| {
        s.set_mode(Some(Mode::WithProfessional), now)
    });
    let (mut ab, mut ba) = (a.clone(), b.clone());
    ab.merge(&b);
    ba.merge(&a);
    assert_eq!(ab.own_say.mode.value, ba.own_say.mode.value);
}

#[test]
fn a_mark_after_sending_is_a_change_not_sent() {
    let mut q = citizen();
    q.set_answer(
        "net.talk",
        Some(balans::core::instrument::Answer::Value(3)),
        2_000,
    )
    .unwrap();
    q.record_sent(3_000);
    assert_eq!(q.unsent_since(), None);
    q.change_say(4_000, |s, now| s.set_topic(Topic::Housing, true, now));
    assert_eq!(q.unsent_since(), Some(4_000));
}

#[test]
fn the_stored_fixture_with_a_say_loads_and_a_record_without_one_stays_as_it_was() {
    let text = fs::read_to_string("tests/fixtures/storage/schema_v3_own_say.json").unwrap();
    let q = decode_questionnaire(&text).unwrap();
    assert_eq!(q.own_say.marked(), vec![Topic::Finances, Topic::Other]);
    assert_eq!(q.own_say.other_words.value, "De buren");
    assert_eq!(q.own_say.mode.value, Some(Mode::WithProfessional));
    // A record without a say writes no `own_say` (an older window reads it
    // exactly as before).
    let plain =
        decode_questionnaire(&fs::read_to_string("tests/fixtures/storage/schema_v3.json").unwrap())
            .unwrap();
    assert!(plain.own_say.is_empty());
    assert!(!encode_questionnaire(&plain).contains("own_say"));
}

#[test]
fn topics_and_mode_travel_as_version_4_and_older_files_still_import() {
    assert_eq!(EXPORT_VERSION_WITH_SAY, 4);
    let mut q = citizen();
    let plain = Envelope::of(&q, Lang::Nl, 9_000);
    assert_eq!(plain.version, 1, "nothing new: the oldest version");
    assert!(!serde_json::to_string(&plain).unwrap().contains("topics"));

    q.change_say(2_000, |s, now| {
        s.set_topic(Topic::Parenting, true, now);
        s.set_other_words("Mijn werk", now);
        s.set_mode(Some(Mode::WithProfessional), now);
    });
    let with = Envelope::of(&q, Lang::Nl, 9_000);
    assert_eq!(with.version, 4);
    assert_eq!(
        with.topics.as_ref().unwrap().marked,
        vec![Topic::Parenting, Topic::Other]
    );
    assert_eq!(with.mode, Some(Mode::WithProfessional));
    let armored = encrypt(&with, &[with.study.researcher_key.as_str()]).unwrap();
    let back = decrypt(armored.as_bytes(), &identity()).unwrap();
    assert_eq!(back, with);
    check_envelope(&back).unwrap();

    // This version's fixture reads with its say ...
    let v4 = parse_envelope(&export("ok_v4_citizen_with_topics_and_mode.json")).unwrap();
    check_envelope(&v4).unwrap();
    assert_eq!(v4.version, 4);
    assert_eq!(v4.mode, Some(Mode::WithSomeoneClose));
    let topics = v4.topics.unwrap();
    assert_eq!(
        topics.marked,
        vec![Topic::Finances, Topic::Network, Topic::Other]
    );
    assert_eq!(topics.other, "Mijn buurman maakt lawaai");
    // ... and every older version still imports, without a say.
    for old in [
        "ok_v1_citizen.json",
        "ok_v2_professional_with_plan.json",
        "ok_v3_citizen_with_professional_id.json",
    ] {
        let e = parse_envelope(&export(old)).unwrap();
        check_envelope(&e).unwrap();
        assert!(
            e.version < 4 && e.topics.is_none() && e.mode.is_none(),
            "{old}"
        );
    }
}

#[test]
fn a_say_out_of_place_or_out_of_bounds_is_refused() {
    for name in [
        "fail_topics_marked_and_none.json",
        "fail_mode_on_professional_form.json",
        "fail_topics_unknown_topic.json",
        "fail_plan_levers_of_unknown_intervention.json",
    ] {
        let read = parse_envelope(&export(name)).and_then(|e| check_envelope(&e));
        assert!(read.is_err(), "{name} must be refused");
    }
}

fn plan_with_levers() -> Plan {
    let mut plan = Plan::new("DEMO-001", 1_000);
    plan.set_intervention(1, true, 1_100).unwrap();
    plan.set_intervention(3, true, 1_100).unwrap();
    plan.set_intervention_lever(1, Lever::Motivation, true, 1_200)
        .unwrap();
    plan.set_intervention_lever(1, Lever::Competences, true, 1_200)
        .unwrap();
    plan.set_intervention_lever(3, Lever::SocialNorms, true, 1_300)
        .unwrap();
    let step = plan.add_step(None, 1_400).unwrap();
    plan.edit_step(step, 1_450, |s| s.what = "Bellen met de zus".into())
        .unwrap();
    plan.set_step_lever(step, Lever::SocialNorms, true, 1_500)
        .unwrap();
    plan
}

#[test]
fn levers_are_kept_per_intervention_and_step_and_merge_with_their_part() {
    let mut plan = plan_with_levers();
    assert_eq!(
        plan.intervention_levers(1),
        &[Lever::Motivation, Lever::Competences]
    );
    assert!(plan.works_on(Lever::SocialNorms) && plan.works_on(Lever::Motivation));
    // Unchoosing an intervention forgets its levers.
    plan.set_intervention(3, false, 1_600).unwrap();
    assert!(plan.intervention_levers(3).is_empty());
    // Another window adds a lever to the step later: the merge keeps it.
    let mut other = plan.clone();
    let step = other.steps().next().unwrap().id;
    other
        .set_step_lever(step, Lever::Motivation, true, 1_700)
        .unwrap();
    use balans::core::merge::Merge;
    assert!(plan.merge_from(&other));
    assert_eq!(
        plan.step(step).unwrap().levers,
        vec![Lever::Motivation, Lever::SocialNorms]
    );
    // An unknown intervention cannot get a lever.
    assert!(plan
        .set_intervention_lever(42, Lever::Motivation, true, 1_800)
        .is_err());
}

#[test]
fn a_plan_with_levers_travels_as_version_4() {
    let fixture = parse_envelope(&export("ok_v4_professional_with_plan_levers.json")).unwrap();
    check_envelope(&fixture).unwrap();
    let plan = fixture.plan.unwrap();
    assert_eq!(
        plan.intervention_levers(1),
        &[Lever::Motivation, Lever::Competences]
    );
    assert_eq!(plan.intervention_levers(7), &[Lever::SocialNorms]);

    let q = Questionnaire::new(demo_invitation(Lang::Nl), Role::Professional, 1_000);
    let e = Envelope::of(&q, Lang::Nl, 2_000).with_plan(Some(&plan_with_levers()));
    assert_eq!(e.version, 4);
    let mut without = plan_with_levers();
    without.head.levers.clear();
    for s in &mut without.steps {
        s.levers.clear();
    }
    let e = Envelope::of(&q, Lang::Nl, 2_000).with_plan(Some(&without));
    assert_eq!(e.version, 2, "a plan without levers keeps version 2");
}

fn data(envelopes: Vec<Envelope>) -> ResearchData {
    let mut importer = Importer::new(ResearchData::default());
    for (i, e) in envelopes.into_iter().enumerate() {
        importer.add(&format!("f{i}.age"), check_envelope(&e).map(|()| e));
    }
    importer.finish().0
}

fn column<'a>(
    table: &'a balans::core::research::Table,
    row: usize,
    name: &str,
) -> Option<&'a Cell> {
    let i = table.columns.iter().position(|c| c.name == name)?;
    table.rows.get(row).and_then(|r| r.get(i))
}

#[test]
fn the_dataset_has_a_column_per_topic_the_words_and_the_mode() {
    let mut q = citizen();
    q.change_say(2_000, |s, now| {
        s.set_topic(Topic::Finances, true, now);
        s.set_other_words("=De buren", now);
        s.set_mode(Some(Mode::WithSomeoneClose), now);
    });
    let cit = Envelope::of(&q, Lang::Nl, 9_000);
    let mut nothing = Questionnaire::new(
        {
            let mut inv = demo_invitation(Lang::Nl);
            inv.moment = Moment::T1;
            inv
        },
        Role::Citizen,
        1_000,
    );
    nothing.change_say(2_000, |s, now| s.set_nothing(true, now));
    let cit_t1 = Envelope::of(&nothing, Lang::Nl, 9_000);
    let pro = Envelope::of(
        &Questionnaire::new(demo_invitation(Lang::Nl), Role::Professional, 1_000),
        Lang::Nl,
        9_000,
    );
    let old = parse_envelope(&export("ok_v1_citizen.json")).unwrap();
    let data = data(vec![cit, cit_t1, pro, old]);
    let long = long_table(&data);
    let names: Vec<&str> = long.columns.iter().map(|c| c.name.as_str()).collect();
    for name in [
        "topic_competences",
        "topic_network",
        "topic_services",
        "topic_finances",
        "topic_safety",
        "topic_other",
        "topic_other_text",
        "topic_none",
        "mode",
    ] {
        assert!(names.contains(&name), "{name} missing");
    }
    // Rows: DEMO-001 citizen T0, citizen T1, professional T0; then the
    // old file's respondent.
    let row_of = |respondent: &str, role: &str, moment: &str| {
        long.rows
            .iter()
            .position(|r| {
                r[0] == Cell::Text(respondent.into())
                    && r[2] == Cell::Text(role.into())
                    && r[3] == Cell::Text(moment.into())
            })
            .unwrap()
    };
    let c0 = row_of("DEMO-001", "citizen", "T0");
    assert_eq!(column(&long, c0, "topic_finances"), Some(&Cell::Int(1)));
    assert_eq!(column(&long, c0, "topic_network"), Some(&Cell::Int(0)));
    assert_eq!(column(&long, c0, "topic_other"), Some(&Cell::Int(1)));
    assert_eq!(column(&long, c0, "topic_none"), Some(&Cell::Int(0)));
    assert_eq!(
        column(&long, c0, "topic_other_text").map(Cell::to_csv),
        Some("'=De buren".into()),
        "a formula-like start is defused like any text"
    );
    assert_eq!(column(&long, c0, "mode"), Some(&Cell::Int(2)));
    let c1 = row_of("DEMO-001", "citizen", "T1");
    assert_eq!(column(&long, c1, "topic_finances"), Some(&Cell::Int(0)));
    assert_eq!(column(&long, c1, "topic_none"), Some(&Cell::Int(1)));
    assert_eq!(column(&long, c1, "mode"), Some(&Cell::Empty));
    let p0 = row_of("DEMO-001", "professional", "T0");
    assert_eq!(column(&long, p0, "topic_finances"), Some(&Cell::Empty));
    assert_eq!(column(&long, p0, "mode"), Some(&Cell::Empty));
    let old = row_of("R-0042", "citizen", "T0");
    assert_eq!(column(&long, old, "topic_finances"), Some(&Cell::Empty));

    // The wide table has them for the citizen only.
    let wide = wide_table(&data);
    let wide_names: Vec<&str> = wide.columns.iter().map(|c| c.name.as_str()).collect();
    assert!(wide_names.contains(&"topic_finances_c_t0"));
    assert!(wide_names.contains(&"mode_c_t2"));
    assert!(!wide_names
        .iter()
        .any(|n| n.starts_with("topic_") && n.contains("_p_")));

    // The codebook describes each, with value labels for the mode.
    let codebook = codebook_csv();
    let row = |name: &str| {
        codebook
            .lines()
            .find(|l| l.starts_with(&format!("{name},")))
            .unwrap_or_else(|| panic!("{name} not in the codebook"))
            .to_string()
    };
    assert!(row("topic_finances").contains("Geld en schulden"));
    assert!(row("topic_finances").contains("choice"));
    assert!(row("topic_other_text").contains("text"));
    let mode = row("mode");
    assert!(mode.contains("1 = Ik heb het alleen ingevuld"), "{mode}");
    assert!(mode.contains("3 = Samen met de hulpverlener"), "{mode}");
    assert!(mode.contains("citizen"), "{mode}");
}

#[test]
fn the_plan_tables_have_the_levers() {
    let q = Questionnaire::new(demo_invitation(Lang::Nl), Role::Professional, 1_000);
    let e = Envelope::of(&q, Lang::Nl, 2_000).with_plan(Some(&plan_with_levers()));
    let data = data(vec![e]);
    let plans = plans_sheet(&data);
    let cell = |name: &str| column_of(&plans.columns, &plans.rows, name);
    assert_eq!(cell("intervention_1_lever_motivation"), Cell::Int(1));
    assert_eq!(cell("intervention_1_lever_social_norms"), Cell::Int(0));
    assert_eq!(cell("intervention_1_lever_competences"), Cell::Int(1));
    assert_eq!(cell("intervention_3_lever_social_norms"), Cell::Int(1));
    assert_eq!(
        cell("intervention_2_lever_motivation"),
        Cell::Empty,
        "not chosen"
    );
    assert_eq!(cell("lever_motivation"), Cell::Int(1));
    assert_eq!(cell("lever_social_norms"), Cell::Int(1));
    assert_eq!(cell("lever_competences"), Cell::Int(1));
    let steps = steps_sheet(&data);
    let cell = |name: &str| column_of(&steps.columns, &steps.rows, name);
    assert_eq!(cell("lever_social_norms"), Cell::Int(1));
    assert_eq!(cell("lever_motivation"), Cell::Int(0));
    let codebook = codebook_csv();
    assert!(codebook.contains("intervention_1_lever_motivation,choice,"));
    assert!(codebook.contains("balans_plan_steps.csv"));
}

fn column_of(
    columns: &[balans::core::research::SheetColumn],
    rows: &[Vec<Cell>],
    name: &str,
) -> Cell {
    let i = columns
        .iter()
        .position(|c| c.name == name)
        .unwrap_or_else(|| panic!("{name} missing"));
    rows[0][i].clone()
}

/// The three-angles chart marks exactly the stated differences of two or
/// more points, and nothing else (a one-point difference and a missing code
/// are not marked).
#[test]
fn the_three_angles_mark_exactly_the_stated_differences() {
    use balans::core::instrument::Answers;
    use balans::core::professional::{three_angles, Pair};
    let fixture: serde_json::Value = serde_json::from_str(
        &fs::read_to_string("tests/fixtures/compare/angles_pair.json").unwrap(),
    )
    .unwrap();
    let side = |moment: &str, role: &str| -> Option<Answers> {
        serde_json::from_value(fixture[moment][role].clone()).ok()
    };
    let (c0, p0, c1, p1) = (
        side("T0", "citizen"),
        side("T0", "professional"),
        side("T1", "citizen"),
        side("T1", "professional"),
    );
    let angles = three_angles([
        Pair {
            citizen: c0.as_ref(),
            professional: p0.as_ref(),
        },
        Pair {
            citizen: c1.as_ref(),
            professional: p1.as_ref(),
        },
        Pair::default(),
    ]);
    let mut found: Vec<(String, String)> = angles
        .iter()
        .flat_map(|a| &a.marked)
        .map(|m| (m.moment.code().to_string(), m.item.id.to_string()))
        .collect();
    found.sort();
    let mut stated: Vec<(String, String)> =
        serde_json::from_value(fixture["marked"].clone()).unwrap();
    stated.sort();
    assert_eq!(found, stated);

    let competences = &angles[0];
    assert!(competences.marked_at(Moment::T0, false));
    assert!(competences.marked_at(Moment::T0, true), "beh.paperwork");
    assert!(!competences.marked_at(Moment::T1, true));
    // Self-image: all ten at 4 → 75, one of them reverse-keyed → 25:
    // (9 × 75 + 25) / 10 = 70; the picture is lower by the two items.
    let t0 = competences.moments[0];
    assert_eq!(t0.self_image, Some(70.0));
    assert!(t0.picture.unwrap() < 70.0);
    // Behaviour: the three competence behaviour items, all "more often" (2
    // of 0–2) for the citizen; the professional says "never" for one.
    assert_eq!(t0.behaviour_citizen, Some(100.0));
    assert!((t0.behaviour_professional.unwrap() - 200.0 / 3.0).abs() < 1e-9);
    // Nothing at T2.
    assert!(competences.moments[2].all().iter().all(Option::is_none));
}

/// The summary's "since last time" sentences: a change of five points or
/// more reads as up or down, less as about the same, and a score that is
/// not there at either moment gives no sentence.
#[test]
fn the_change_since_last_time_is_said_in_plain_words() {
    use balans::core::instrument::Scores;
    use balans::core::questionnaire::change_sentences;
    let scores = |kracht: Option<f64>, last: Option<f64>| Scores {
        draagkracht: kracht,
        draaglast: last,
        ..Scores::default()
    };
    assert_eq!(
        change_sentences(
            &scores(Some(60.0), Some(40.0)),
            &scores(Some(50.0), Some(45.0))
        ),
        vec!["summary.change.strength_up", "summary.change.burden_down"]
    );
    assert_eq!(
        change_sentences(
            &scores(Some(45.1), Some(50.0)),
            &scores(Some(50.0), Some(50.0))
        ),
        vec!["summary.change.strength_same", "summary.change.burden_same"]
    );
    assert_eq!(
        change_sentences(&scores(Some(40.0), None), &scores(Some(50.0), Some(30.0))),
        vec!["summary.change.strength_down"]
    );
}

/// The codes other tools rely on (#16's conditions, the dataset) stay as
/// documented in docs/formats.md.
#[test]
fn topic_mode_and_lever_codes_are_stable() {
    let topics: Vec<&str> = Topic::ALL.iter().map(|t| t.code()).collect();
    assert_eq!(
        topics,
        [
            "competences",
            "network",
            "services",
            "finances",
            "housing",
            "daytime",
            "parenting",
            "physical",
            "mental",
            "education",
            "safety",
            "other"
        ]
    );
    for t in Topic::ALL {
        assert_eq!(Topic::from_code(t.code()), Some(t));
        assert_eq!(serde_json::to_value(t).unwrap(), t.code());
    }
    let modes: Vec<(i32, &str)> = Mode::ALL.iter().map(|m| (m.code(), m.name())).collect();
    assert_eq!(
        modes,
        [
            (1, "alone"),
            (2, "with_someone_close"),
            (3, "with_professional")
        ]
    );
    let levers: Vec<(i32, &str)> = Lever::ALL.iter().map(|l| (l.code(), l.name())).collect();
    assert_eq!(
        levers,
        [(1, "motivation"), (2, "social_norms"), (3, "competences")]
    );
    for l in Lever::ALL {
        assert_eq!(serde_json::to_value(l).unwrap(), l.name());
    }
}
