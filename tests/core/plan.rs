//! The support plan (issue 8): goals reached at T1 and T2, the citizen's say
//! in goals and small steps, limits, merging two windows, its place in the
//! export envelope (version 2, read by this app, refused with a clear
//! outcome by older ones) and in the dataset's plan tables.

use std::fs;

use balans::core::error::Problem;
use balans::core::exchange::{
    encrypt, parse_envelope, Envelope, ImportError, EXPORT_VERSION_WITHOUT_PLAN,
    EXPORT_VERSION_WITH_PLAN,
};
use balans::core::i18n::Lang;
use balans::core::instrument::{Domain, Moment, Role};
use balans::core::keys::parse_identity;
use balans::core::links::demo_invitation;
use balans::core::merge::Merge;
use balans::core::plan::{
    plan_key, Capacity, Idea, Plan, PlanError, Reached, Say, MAX_GOALS, MAX_PLAN_TEXT, PLAN_PREFIX,
};
use balans::core::questionnaire::{decode_versioned, encode_versioned, Questionnaire};
use balans::core::research::{
    check_envelope, goals_sheet, latest_plans, plan_of, plans_sheet, steps_sheet, Cell, Importer,
    ResearchData,
};

const T: u64 = 1_767_225_600_000;

/// A typical plan: two goals and three small-step agreements.
fn typical() -> Plan {
    let mut plan = Plan::new("DEMO-001", T);
    plan.edit_head(T + 1, |h| {
        h.question = "Ik krijg mijn post niet meer op orde.".into();
        h.burden = vec![Domain::Finances, Domain::Mental];
        h.capacity = vec![Capacity::Network];
        h.other_interventions = vec!["Budgetcursus".into()];
    })
    .unwrap();
    plan.set_intervention(1, true, T + 2).unwrap();
    plan.set_intervention(2, true, T + 2).unwrap();
    let post = plan.add_goal(T + 3).unwrap();
    let out = plan.add_goal(T + 3).unwrap();
    plan.edit_goal(post, T + 4, |g| {
        g.text = "Mijn post is elke week open.".into();
        g.say = Say {
            idea: Some(Idea::Citizen),
            agreed: Some(true),
        };
    })
    .unwrap();
    plan.edit_goal(out, T + 4, |g| {
        g.text = "Ik ga weer naar het buurthuis.".into();
        g.say = Say {
            idea: Some(Idea::Professional),
            agreed: Some(false),
        };
    })
    .unwrap();
    for (goal, what, idea) in [
        (Some(post), "Post openen", Idea::Citizen),
        (Some(post), "Schuldhulp bellen", Idea::Together),
        (Some(out), "Koffieochtend bezoeken", Idea::Professional),
    ] {
        let id = plan.add_step(goal, T + 5).unwrap();
        plan.edit_step(id, T + 6, |s| {
            s.what = what.into();
            s.how = "Samen".into();
            s.with_whom = "Mijn zus".into();
            s.date = "2026-01-12".into();
            s.say = Say {
                idea: Some(idea),
                agreed: Some(true),
            };
        })
        .unwrap();
    }
    plan
}

fn goal_ids(plan: &Plan) -> Vec<u64> {
    plan.goals().map(|g| g.id).collect()
}

#[test]
fn goals_are_reached_at_t1_and_t2_only() {
    let mut plan = typical();
    let [post, out] = goal_ids(&plan)[..] else {
        panic!("two goals")
    };
    // The intake is where goals are set, not assessed.
    assert_eq!(
        plan.set_reached(post, Moment::T0, Some(Reached::Yes), T + 10),
        Err(PlanError::NotAFollowUp)
    );
    plan.set_reached(post, Moment::T1, Some(Reached::Partly), T + 10)
        .unwrap();
    plan.set_reached(post, Moment::T2, Some(Reached::Yes), T + 11)
        .unwrap();
    plan.set_reached(out, Moment::T1, Some(Reached::Dropped), T + 12)
        .unwrap();
    let goal = plan.goal(post).unwrap();
    assert_eq!(goal.reached(Moment::T0), None);
    assert_eq!(goal.reached(Moment::T1), Some(Reached::Partly));
    assert_eq!(goal.reached(Moment::T2), Some(Reached::Yes));

    let t1 = plan.reached_counts(Moment::T1);
    assert_eq!((t1.partly, t1.dropped, t1.yes, t1.unknown), (1, 1, 0, 0));
    let t2 = plan.reached_counts(Moment::T2);
    assert_eq!((t2.yes, t2.unknown), (1, 1));
    // Clearing an assessment makes it unknown again.
    plan.set_reached(post, Moment::T2, None, T + 13).unwrap();
    assert_eq!(plan.reached_counts(Moment::T2).unknown, 2);

    // Codes: ordered 1–3, and the dataset's "does not apply" for a dropped goal.
    let codes: Vec<i32> = Reached::ALL.iter().map(|r| r.code()).collect();
    assert_eq!(codes, [1, 2, 3, 99]);
    for r in Reached::ALL {
        assert_eq!(Reached::from_name(r.name()), Some(r));
    }
    assert_eq!(
        plan.set_reached(999, Moment::T1, Some(Reached::Yes), T),
        Err(PlanError::NoSuchGoal)
    );
}

#[test]
fn the_citizens_say_is_counted_for_goals_and_steps() {
    let plan = typical();
    let goals = plan.goal_say();
    // One goal the citizen's own idea and agreed; one the professional's, not agreed.
    assert_eq!(
        (goals.total, goals.own_idea, goals.agreed, goals.not_agreed),
        (2, 1, 1, 1)
    );
    let steps = plan.step_say();
    // "Together" counts as the citizen's own idea too.
    assert_eq!((steps.total, steps.own_idea, steps.agreed), (3, 2, 3));
    assert!(Idea::Together.citizens_own() && !Idea::Other.citizens_own());
    for idea in Idea::ALL {
        assert_eq!(Idea::from_name(idea.name()), Some(idea));
    }
    // Not recorded is neither agreed nor not agreed.
    let mut plan = plan;
    let id = plan.add_goal(T + 20).unwrap();
    let counts = plan.goal_say();
    assert_eq!((counts.total, counts.agreed, counts.not_agreed), (3, 1, 1));
    assert_eq!(plan.goal(id).unwrap().say, Say::default());
}

#[test]
fn removing_a_goal_unlinks_its_steps_and_numbers_follow() {
    let mut plan = typical();
    let [post, out] = goal_ids(&plan)[..] else {
        panic!("two goals")
    };
    plan.remove_goal(post, T + 30).unwrap();
    assert_eq!(goal_ids(&plan), [out]);
    assert_eq!(plan.goal_number(out), Some(1));
    let linked: Vec<Option<u64>> = plan.steps().map(|s| s.goal).collect();
    assert_eq!(linked, [None, None, Some(out)]);
    assert_eq!(plan.remove_goal(post, T + 31), Err(PlanError::NoSuchGoal));
    assert_eq!(
        plan.edit_goal(post, T + 31, |g| g.text = "x".into()),
        Err(PlanError::NoSuchGoal)
    );
    let step = plan.steps().next().unwrap().id;
    plan.remove_step(step, T + 32).unwrap();
    assert_eq!(plan.steps().count(), 2);
    // Removed entries stay as markers in storage, never in an export.
    assert_eq!(plan.goals.len(), 2);
    let export = plan.for_export();
    assert_eq!((export.goals.len(), export.steps.len()), (1, 2));
    assert!(export.check().is_ok());
}

#[test]
fn limits_and_bad_input_are_refused_and_change_nothing() {
    let mut plan = typical();
    let before = plan.clone();
    let step = plan.steps().next().unwrap().id;
    assert_eq!(
        plan.edit_step(step, T + 40, |s| s.date = "12-01-2026".into()),
        Err(PlanError::BadDate)
    );
    assert_eq!(
        plan.edit_step(step, T + 40, |s| s.goal = Some(12345)),
        Err(PlanError::NoSuchGoal)
    );
    assert_eq!(
        plan.edit_head(T + 40, |h| h.question = "x".repeat(MAX_PLAN_TEXT + 1)),
        Err(PlanError::TooLong)
    );
    assert_eq!(
        plan.set_intervention(12, true, T + 40),
        Err(PlanError::UnknownIntervention)
    );
    assert_eq!(plan, before, "a refused change leaves the plan as it was");
    // An empty date is fine: not every step has one.
    plan.edit_step(step, T + 41, |s| s.date.clear()).unwrap();

    for i in 2..MAX_GOALS {
        plan.add_goal(T + 50 + i as u64).unwrap();
    }
    assert_eq!(plan.add_goal(T + 99), Err(PlanError::TooMany));
    for e in [
        PlanError::TooMany,
        PlanError::BadDate,
        PlanError::NoSuchGoal,
    ] {
        assert!(e.message_key().starts_with("plan.error."));
        assert!(e.hint_key().starts_with("plan.hint."));
    }
}

#[test]
fn ids_stay_unique_when_added_in_the_same_millisecond() {
    let mut plan = Plan::new("DEMO-001", T);
    let a = plan.add_goal(T).unwrap();
    let b = plan.add_goal(T).unwrap();
    let c = plan.add_step(None, T).unwrap();
    assert!(a < b && b < c, "{a} {b} {c}");
}

#[test]
fn an_empty_plan_is_empty_and_a_filled_one_is_not() {
    let mut plan = Plan::new("DEMO-001", T);
    assert!(plan.is_empty());
    plan.edit_head(T + 1, |h| h.question = "   ".into())
        .unwrap();
    assert!(plan.is_empty(), "spaces only");
    let id = plan.add_goal(T + 2).unwrap();
    assert!(!plan.is_empty());
    plan.remove_goal(id, T + 3).unwrap();
    assert!(plan.is_empty());
    assert!(!typical().is_empty());
}

#[test]
fn two_windows_keep_each_others_goals_and_the_later_change() {
    let base = typical();
    let mut a = base.clone();
    let mut b = base.clone();
    let post = goal_ids(&base)[0];
    let new_a = a.add_goal(T + 100).unwrap();
    let new_b = b.add_goal(T + 101).unwrap();
    a.edit_goal(post, T + 102, |g| g.text = "Eerder".into())
        .unwrap();
    b.edit_goal(post, T + 103, |g| g.text = "Later".into())
        .unwrap();
    b.remove_step(base.steps[0].id, T + 104).unwrap();
    a.edit_head(T + 105, |h| h.clarification = "Van A".into())
        .unwrap();

    let mut ab = a.clone();
    assert!(ab.merge_from(&b));
    let mut ba = b.clone();
    assert!(ba.merge_from(&a));
    assert_eq!(ab, ba, "merging converges in either order");
    assert!(ab.goal(new_a).is_some() && ab.goal(new_b).is_some());
    assert_eq!(ab.goal(post).unwrap().text, "Later");
    assert_eq!(ab.steps().count(), 2, "a removal is not undone by a merge");
    assert_eq!(ab.head.clarification, "Van A");
    // Merging again brings nothing new.
    assert!(!ab.clone().merge_from(&ba));
    // Another respondent's plan is never merged in.
    let mut other = Plan::new("R-0043", T);
    assert!(!other.merge_from(&a));
}

#[test]
fn a_stored_plan_of_every_schema_version_still_loads() {
    // Plans arrived with storage schema 2.
    let text = fs::read_to_string("tests/fixtures/storage/plan_v2.json").unwrap();
    let plan: Plan = decode_versioned(&text).unwrap();
    assert_eq!(plan.respondent, "R-0042");
    assert_eq!(plan.goals().count(), 2);
    assert_eq!(plan.goals.len(), 3, "the removed goal is kept as a marker");
    assert_eq!(plan.steps().count(), 3);
    assert_eq!(plan.head.burden, [Domain::Finances, Domain::Mental]);
    assert_eq!(
        plan.goals().next().unwrap().reached(Moment::T1),
        Some(Reached::Partly)
    );
    let again: Plan = decode_versioned(&encode_versioned(&plan)).unwrap();
    assert_eq!(again, plan);
    assert_eq!(
        plan_key(&"abc".into(), &"R-0042".into()),
        format!("{PLAN_PREFIX}abc.R-0042")
    );
}

/// Issue 12: a plan kept under a lower-case code (schema 3) reads with the
/// upper-case code and belongs under its key; one in place stays.
#[test]
fn a_plan_kept_under_a_lower_case_code_moves_to_the_upper_case_key() {
    use balans::core::plan::plan_key_for;
    let text = fs::read_to_string("tests/fixtures/storage/plan_v2.json")
        .unwrap()
        .replace("\"R-0042\"", "\"r-0042\"");
    let plan: Plan = decode_versioned(&text).unwrap();
    assert_eq!(plan.respondent.as_str(), "R-0042");
    let old_key = format!("{PLAN_PREFIX}760cc579be09aae0.r-0042");
    assert_eq!(
        plan_key_for(&old_key, &plan),
        Some(format!("{PLAN_PREFIX}760cc579be09aae0.R-0042"))
    );
    let key = plan_key(&"760cc579be09aae0".into(), &plan.respondent);
    assert_eq!(plan_key_for(&key, &plan), Some(key));
    assert_eq!(plan_key_for("balans.q.x", &plan), None);
}

fn professional_envelope() -> Envelope {
    let q = Questionnaire::new(demo_invitation(Lang::Nl), Role::Professional, T);
    Envelope::of(&q, Lang::Nl, T + 1000)
}

#[test]
fn the_plan_travels_in_the_envelope_as_version_2() {
    let plain = professional_envelope();
    assert_eq!(plain.version, EXPORT_VERSION_WITHOUT_PLAN);
    // Without a plan nothing changes, so apps from before the plan read it.
    let json = serde_json::to_string(&plain.clone().with_plan(None)).unwrap();
    assert!(!json.contains("\"plan\""), "{json}");
    let empty = plain.clone().with_plan(Some(&Plan::new("DEMO-001", T)));
    assert_eq!((empty.version, empty.plan.is_none()), (1, true));

    let mut plan = typical();
    plan.remove_step(plan.steps[2].id, T + 7).unwrap();
    let with = plain.with_plan(Some(&plan));
    assert_eq!(with.version, EXPORT_VERSION_WITH_PLAN);
    assert_eq!(EXPORT_VERSION_WITH_PLAN, 2);
    let sent = with.plan.as_ref().unwrap();
    assert_eq!(sent.steps.len(), 2, "removed steps stay home");
    assert!(check_envelope(&with).is_ok());

    // Through age and back, read by this version.
    let armored = encrypt(&with, &[with.study.researcher_key.as_str()]).unwrap();
    let key =
        parse_identity(&fs::read_to_string("tests/fixtures/demo-identity.txt").unwrap()).unwrap();
    let back = balans::core::research::read_export(armored.as_bytes(), &key).unwrap();
    assert_eq!(back, with);
}

#[test]
fn export_fixtures_are_read_or_refused() {
    let mut seen = 0;
    for entry in fs::read_dir("tests/fixtures/exports").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = fs::read(&path).unwrap();
        let read = parse_envelope(&text).and_then(|e| check_envelope(&e).map(|()| e));
        if name.starts_with("fail_") {
            assert!(read.is_err(), "{name} must be refused");
        } else {
            let envelope = read.unwrap_or_else(|e| panic!("{name}: {e}"));
            if name.contains("with_plan") {
                assert_eq!(envelope.plan.unwrap().goals().count(), 2);
            } else {
                assert!(envelope.plan.is_none(), "{name}");
            }
        }
        seen += 1;
    }
    assert!(seen >= 10);
    // A file from a newer version says so (an older app says the same of a
    // version 2 file, instead of dropping its plan).
    let newer = fs::read("tests/fixtures/exports/fail_newer_version.json").unwrap();
    assert_eq!(
        parse_envelope(&newer),
        Err(ImportError::NewerVersion { found: 99 })
    );
}

fn imported(envelopes: Vec<Envelope>) -> ResearchData {
    let mut importer = Importer::new(ResearchData::default());
    for (i, e) in envelopes.into_iter().enumerate() {
        importer.add(&format!("f{i}.age"), check_envelope(&e).map(|()| e));
    }
    importer.finish().0
}

#[test]
fn the_dataset_holds_the_latest_plan_per_respondent() {
    let mut older = typical();
    older.updated_at = T + 1;
    let mut newer = typical();
    let post = goal_ids(&newer)[0];
    newer
        .set_reached(post, Moment::T1, Some(Reached::Yes), T + 500)
        .unwrap();
    let mut t0 = professional_envelope().with_plan(Some(&older));
    t0.exported_at = "2026-01-01T10:00:00Z".into();
    let mut t1 = professional_envelope().with_plan(Some(&newer));
    t1.moment = Moment::T1;
    // The citizen's form at T0 has no plan; it does not count.
    let citizen = Envelope {
        role: Role::Citizen,
        ..professional_envelope()
    };
    let data = imported(vec![t1, citizen, t0]);
    assert_eq!(data.len(), 3);
    let plans = latest_plans(&data);
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].0.file, "f0.age", "the plan changed last wins");
    assert_eq!(plan_of(&data, "DEMO-001"), Some(plans[0].1));
    assert_eq!(plan_of(&data, "R-9999"), None);

    let sheet = plans_sheet(&data);
    assert_eq!(sheet.rows.len(), 1);
    let row = &sheet.rows[0];
    let cell = |name: &str| {
        let at = sheet.columns.iter().position(|c| c.name == name).unwrap();
        row[at].clone()
    };
    assert_eq!(
        cell("question"),
        Cell::Text("Ik krijg mijn post niet meer op orde.".into())
    );
    assert_eq!(cell("burden_finances"), Cell::Int(1));
    assert_eq!(cell("burden_housing"), Cell::Int(0));
    assert_eq!(cell("capacity_network"), Cell::Int(1));
    assert_eq!(cell("intervention_1"), Cell::Int(1));
    assert_eq!(cell("intervention_3"), Cell::Int(0));
    // A free entry counts as "something else".
    assert_eq!(cell("intervention_7"), Cell::Int(1));
    assert_eq!(
        cell("interventions_other"),
        Cell::Text("Budgetcursus".into())
    );
    assert_eq!(cell("goals"), Cell::Int(2));
    assert_eq!(cell("goals_own_idea"), Cell::Int(1));
    assert_eq!(cell("goals_agreed"), Cell::Int(1));
    assert_eq!(cell("goals_reached_t1"), Cell::Int(1));
    assert_eq!(cell("goals_reached_t2"), Cell::Int(0));
    assert_eq!(cell("steps"), Cell::Int(3));
    assert_eq!(cell("steps_own_idea"), Cell::Int(2));

    let goals = goals_sheet(&data);
    let csv = goals.to_csv();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "respondent,goal,goal_text,idea,agreed,reached_t1,reached_t2"
    );
    assert_eq!(
        lines.next().unwrap(),
        "DEMO-001,1,Mijn post is elke week open.,1,1,3,"
    );
    assert_eq!(
        lines.next().unwrap(),
        "DEMO-001,2,Ik ga weer naar het buurthuis.,3,0,,"
    );

    let steps = steps_sheet(&data);
    assert_eq!(steps.rows.len(), 3);
    let csv = steps.to_csv();
    assert!(csv.starts_with(
        "respondent,step,goal,what,how,with_whom,date,idea,agreed,\
         lever_motivation,lever_social_norms,lever_competences\r\n"
    ));
    assert!(
        csv.contains("DEMO-001,3,2,Koffieochtend bezoeken,Samen,Mijn zus,2026-01-12,3,1,0,0,0\r\n"),
        "{csv}"
    );
}

#[test]
fn plan_tables_have_valid_column_names_and_a_plan_elsewhere_is_refused() {
    for sheet in balans::core::research::approach_sheets() {
        let mut names = std::collections::HashSet::new();
        for column in &sheet.columns {
            let name = &column.name;
            assert!(
                name.len() <= 64
                    && name.starts_with(|c: char| c.is_ascii_lowercase())
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{name}"
            );
            assert!(names.insert(name.clone()), "{name} twice in {}", sheet.file);
        }
    }
    // A plan on a citizen's form, or for someone else, is not a Balans export.
    let mut on_citizen = professional_envelope().with_plan(Some(&typical()));
    on_citizen.role = Role::Citizen;
    let plan_field = Err(ImportError::BadField { field: "plan" });
    assert_eq!(check_envelope(&on_citizen), plan_field);
    let mut other = professional_envelope().with_plan(Some(&typical()));
    other.plan.as_mut().unwrap().respondent = "R-0043".into();
    assert_eq!(check_envelope(&other), plan_field);
}

#[test]
fn clarification_and_approach_lists_stay_sorted_without_duplicates() {
    let mut plan = Plan::new("DEMO-001", T);
    plan.set_burden(Domain::Safety, true, T + 1).unwrap();
    plan.set_burden(Domain::Finances, true, T + 2).unwrap();
    plan.set_burden(Domain::Finances, true, T + 3).unwrap();
    assert_eq!(plan.head.burden, [Domain::Finances, Domain::Safety]);
    plan.set_burden(Domain::Safety, false, T + 4).unwrap();
    plan.set_capacity(Capacity::Services, true, T + 5).unwrap();
    plan.set_capacity(Capacity::Competences, true, T + 5)
        .unwrap();
    plan.set_intervention(5, true, T + 6).unwrap();
    plan.set_intervention(2, true, T + 6).unwrap();
    plan.set_intervention(5, false, T + 7).unwrap();
    assert_eq!(plan.head.burden, [Domain::Finances]);
    assert_eq!(
        plan.head.capacity,
        [Capacity::Competences, Capacity::Services]
    );
    assert_eq!(plan.head.interventions, [2]);
    assert_eq!(plan.head.changed_at, T + 7);
    assert_eq!(plan.updated_at, T + 7);
}

// Issue 12: the small steps showed in the order they were added.
#[test]
fn small_steps_sort_by_date_undated_last_in_added_order() {
    let mut plan = Plan::new("R-0107", T);
    let mut add = |date: &str, what: &str, at: u64| {
        let id = plan.add_step(None, at).unwrap();
        plan.edit_step(id, at, |s| {
            s.date = date.to_string();
            s.what = what.to_string();
        })
        .unwrap();
    };
    add("2026-12-20", "c", T);
    add("", "x", T + 1);
    add("2026-12-05", "a", T + 2);
    add("2026-12-05", "b", T + 3);
    add("", "y", T + 4);
    let order: Vec<&str> = plan
        .steps_by_date()
        .iter()
        .map(|s| s.what.as_str())
        .collect();
    assert_eq!(order, ["a", "b", "c", "x", "y"]);
    // Removed steps stay out; the stored order is not changed.
    let removed = plan.steps().find(|s| s.what == "b").unwrap().id;
    plan.remove_step(removed, T + 5).unwrap();
    let order: Vec<&str> = plan
        .steps_by_date()
        .iter()
        .map(|s| s.what.as_str())
        .collect();
    assert_eq!(order, ["a", "c", "x", "y"]);
    let stored: Vec<&str> = plan.steps().map(|s| s.what.as_str()).collect();
    assert_eq!(stored, ["c", "x", "a", "y"]);
}
