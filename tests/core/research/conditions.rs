//! The conditions table and the analysis by condition, on made-up exports
//! with plans and a planted effect (goals that were mostly the citizen's own
//! idea go with a larger rise in capacity). The statistics themselves are
//! checked against scipy, statsmodels, pingouin and lme4 in `compare.rs` and
//! `mixed.rs`; here: that the right people land in the right groups, the
//! planted effect is found and a condition without an effect is not.

use balans::core::instrument::{Moment, Role};
use balans::core::links::demo_study;
use balans::core::research::{
    codebook_csv, condition_by_id, condition_report, conditions_sheet, forest, moment_models,
    spss_syntax, synthetic_envelopes, synthetic_envelopes_with, wide_table, wide_table_with,
    Conditions, Importer, Interview, InterviewMoment, Measure, Outcomes, ResearchData, Synthetic,
    Term, Value, CONDITIONS, CONDITIONS_CSV_NAME,
};

/// The planted set of the end-to-end test too: 300 respondents, seed 16,
/// capacity rising 0.35 more per moment with mostly-own goals.
const SEED: u64 = 16;
const PEOPLE: usize = 300;
const EFFECT: f64 = 0.35;

fn data(options: Synthetic, seed: u64, people: usize) -> ResearchData {
    let mut importer = Importer::new(ResearchData::default());
    for (i, e) in synthetic_envelopes_with(seed, people, &demo_study(), options)
        .into_iter()
        .enumerate()
    {
        importer.add(&format!("{i}.age"), Ok(e));
    }
    importer.finish().0
}

fn planted() -> ResearchData {
    data(
        Synthetic {
            plans: true,
            own_goals_effect: EFFECT,
            places: false,
        },
        SEED,
        PEOPLE,
    )
}

fn index(id: &str) -> usize {
    CONDITIONS.iter().position(|c| c.id == id).unwrap()
}

#[test]
fn without_options_the_exports_are_the_old_ones() {
    assert_eq!(
        synthetic_envelopes_with(3, 12, &demo_study(), Synthetic::default()),
        synthetic_envelopes(3, 12, &demo_study())
    );
}

#[test]
fn the_conditions_table_has_one_row_per_person_and_joins_the_wide_table() {
    let data = planted();
    let mut interview = Interview::new("R-0001", InterviewMoment::Second, 1);
    interview
        .set_note("continuity.changed_worker", "yes", 2)
        .unwrap();
    interview
        .set_note("continuity.caseload_number", "45", 3)
        .unwrap();
    let conditions = Conditions::of(&data, &[interview]);
    let wide = wide_table(&data);
    assert_eq!(conditions.people.len(), wide.rows.len());
    let first = ("R-0001".to_string(), None);
    assert_eq!(
        conditions.value(&first, index("changed_worker")),
        Some(&Value::Num(1.0))
    );
    assert_eq!(
        conditions.value(&first, index("caseload")),
        Some(&Value::Num(45.0))
    );
    let caseload = condition_by_id("caseload").unwrap();
    assert_eq!(caseload.group(&Value::Num(45.0)).as_deref(), Some("2"));
    // Shares lie in [0, 1]; a member shares the respondent's plan.
    let own = index("goals_own_share");
    for (key, values) in &conditions.people {
        if let Some(Value::Num(v)) = &values[own] {
            assert!((0.0..=1.0).contains(v), "{key:?}: {v}");
        }
        if key.1.is_some() {
            let main = (key.0.clone(), None);
            assert_eq!(conditions.value(&main, own), values[own].as_ref());
        }
    }
    let sheet = conditions_sheet(&conditions);
    assert_eq!(sheet.file, CONDITIONS_CSV_NAME);
    let csv = conditions.to_csv();
    assert!(csv.starts_with("respondent,member,goals_own_share,goals_own_share_group,"));
    assert_eq!(csv.lines().count(), 1 + conditions.people.len());
    // Joined into the wide table, with the same values.
    let joined = wide_table_with(&data, &conditions);
    assert_eq!(joined.rows.len(), wide.rows.len());
    let col = joined
        .columns
        .iter()
        .position(|c| c.name == "cond_goals_own_share_group")
        .unwrap();
    let sheet_col = sheet
        .columns
        .iter()
        .position(|c| c.name == "goals_own_share_group")
        .unwrap();
    for (row, sheet_row) in joined.rows.iter().zip(&sheet.rows) {
        assert_eq!(row[col], sheet_row[sheet_col]);
    }
    // The codebook describes the file and SPSS reads the joined columns.
    let codebook = codebook_csv();
    assert!(codebook.contains("goals_own_share_group,code,"));
    assert!(codebook.contains(CONDITIONS_CSV_NAME));
    let syntax = spss_syntax(&joined, "balans_wide.csv", balans::core::i18n::Lang::Nl);
    assert!(syntax.contains("cond_goals_own_share F24.0"));
}

#[test]
fn the_planted_effect_is_found_and_a_condition_without_one_is_not() {
    let data = planted();
    let outcomes = Outcomes::of(&data);
    let conditions = Conditions::of(&data, &[]);
    let report = condition_report(
        &outcomes,
        &conditions,
        index("goals_own_share"),
        Role::Citizen,
    );
    assert_eq!(report.levels, ["1", "2"]);
    let change = report
        .changes
        .iter()
        .find(|c| c.measure == Measure::Draagkracht && c.to == Moment::T2)
        .unwrap();
    let welch = change.welch.as_ref().unwrap();
    assert!(welch.diff > 0.0, "mostly-own goals rise more: {welch:?}");
    assert!(change.p_welch_holm.unwrap() < 0.05, "{change:?}");
    assert!(change.p_rank_holm.unwrap() < 0.05, "{change:?}");
    let (_, model) = report
        .models
        .iter()
        .find(|(m, _)| *m == Measure::Draagkracht)
        .unwrap();
    let interaction = model
        .as_ref()
        .unwrap()
        .coefficient(Term::Interaction(Moment::T2, 1))
        .unwrap();
    assert!(interaction.estimate > 0.0 && interaction.p.unwrap() < 0.05);

    let null = condition_report(
        &outcomes,
        &conditions,
        index("intervention_1"),
        Role::Citizen,
    );
    let change = null
        .changes
        .iter()
        .find(|c| c.measure == Measure::Draagkracht && c.to == Moment::T2)
        .unwrap();
    assert!(change.p_welch_holm.unwrap() > 0.05, "{change:?}");
    // Every group's n adds up to the people measured at both moments.
    let both = outcomes
        .series(Role::Citizen, Measure::Draagkracht)
        .iter()
        .filter(|(_, s)| s[0].is_some() && s[2].is_some())
        .count();
    let grouped: usize = change.groups.iter().map(|(n, _)| n).sum();
    assert!(grouped <= both && grouped > both / 2);
}

#[test]
fn a_condition_everyone_shares_gives_a_reason_not_a_number() {
    // The demo study has one municipality.
    let data = planted();
    let outcomes = Outcomes::of(&data);
    let conditions = Conditions::of(&data, &[]);
    let report = condition_report(&outcomes, &conditions, index("municipality"), Role::Citizen);
    assert!(report.levels.len() <= 1);
    for c in &report.changes {
        assert!(c.welch.is_none() && c.rank.is_none());
        assert_eq!(c.reason, Some("research.cond.reason.one_group"));
    }
    assert!(report.models.iter().all(|(_, m)| m.is_err()));
    let rows = forest(&outcomes, &conditions, Role::Citizen, Measure::Draagkracht);
    assert!(rows
        .iter()
        .any(|r| r.condition == index("municipality") && r.effect.is_err()));
    assert!(rows
        .iter()
        .any(|r| r.condition == index("goals_own_share") && r.effect.is_ok()));
}

#[test]
fn models_by_moment_use_everyone_with_a_measurement() {
    let data = planted();
    let outcomes = Outcomes::of(&data);
    let models = moment_models(&outcomes);
    assert_eq!(models.len(), 2 * Measure::ALL.len());
    let m = models
        .iter()
        .find(|m| m.role == Role::Citizen && m.measure == Measure::Draagkracht)
        .unwrap();
    let fit = m.fit.as_ref().unwrap();
    let people = outcomes.series(Role::Citizen, Measure::Draagkracht).len();
    assert_eq!(fit.n_people, people);
    assert!(fit.coefficient(Term::Moment(Moment::T2)).unwrap().estimate > 0.0);
}

/// Issue 16 names the mode of administration and the plan's levers of
/// behaviour change as conditions (issue 13 brought the fields): a citizen
/// who filled in with the professional is in mode group 3, and a plan whose
/// step works on motivation counts for that lever and not the others.
#[test]
fn mode_and_levers_are_conditions() {
    use balans::core::plan::Lever;
    use balans::core::questionnaire::Mode;
    let mut data = planted();
    let first = data.records[0].envelope.respondent.clone();
    let person = (first.to_string(), None);
    for record in &mut data.records {
        if record.envelope.respondent != first {
            continue;
        }
        match record.envelope.role {
            Role::Citizen => record.envelope.mode = Some(Mode::WithProfessional),
            Role::Professional => {
                if let Some(plan) = &mut record.envelope.plan {
                    plan.head.levers.clear();
                    for step in &mut plan.steps {
                        step.levers = vec![Lever::Motivation];
                    }
                }
            }
        }
    }
    let conditions = Conditions::of(&data, &[]);
    assert_eq!(
        conditions.value(&person, index("mode")),
        Some(&Value::Num(3.0))
    );
    let plan_has_steps = data.records.iter().any(|r| {
        r.envelope.respondent == first
            && r.envelope
                .plan
                .as_ref()
                .is_some_and(|p| p.steps().count() > 0)
    });
    let motivation = conditions.value(&person, index("lever_motivation"));
    if plan_has_steps {
        assert_eq!(motivation, Some(&Value::Num(1.0)));
    }
    assert_eq!(
        conditions.value(&person, index("lever_social_norms")),
        Some(&Value::Num(0.0))
    );
    let mode = condition_by_id("mode").unwrap();
    assert_eq!(mode.group(&Value::Num(3.0)).as_deref(), Some("3"));
    // The codebook explains how both are made.
    let codebook = codebook_csv();
    for name in ["lever_motivation", "lever_competences"] {
        assert!(codebook.contains(name), "{name}");
    }
    assert!(
        codebook.contains("samen met de professional")
            || codebook.contains("together with the professional")
    );
}

/// Issue 16, "per place": the generator spreads the respondents over the
/// demo study's places; each municipality's row holds the analysis of its
/// records alone, the counts add up to the whole, and the forest plot's
/// Holm-adjusted p-values are Holm over its own rows.
#[test]
fn the_table_per_municipality_is_each_municipalitys_own_analysis() {
    use balans::core::research::{
        analyse, by_municipality, holm, only_place, places, places_csv, Place, FROM_START,
    };
    let data = data(
        Synthetic {
            places: true,
            ..Synthetic::default()
        },
        SEED,
        60,
    );
    let municipalities: Vec<String> = places(&data)
        .into_iter()
        .filter_map(|p| match p {
            Place::Municipality(m) => Some(m),
            Place::Team(_) => None,
        })
        .collect();
    assert_eq!(municipalities, ["Oefendorp", "Voorbeeldstad"]);
    let rows = by_municipality(&data);
    assert_eq!(rows.len(), 2 * 2 * Measure::ALL.len());
    let whole = analyse(&data);
    for m in &municipalities {
        let own = analyse(&only_place(&data, &Place::Municipality(m.clone())));
        for row in rows.iter().filter(|r| &r.municipality == m) {
            let a = own.row(row.role, row.measure).unwrap();
            assert_eq!((row.n, row.mean), (a.n, a.mean));
            assert_eq!(row.changes.len(), FROM_START.len());
            for c in &row.changes {
                let same = a.changes.iter().find(|o| (o.from, o.to) == (c.from, c.to));
                assert_eq!(Some(c), same);
            }
        }
    }
    // Everyone is in exactly one municipality.
    for w in &whole.measures {
        let sum: usize = rows
            .iter()
            .filter(|r| r.role == w.role && r.measure == w.measure)
            .map(|r| r.n[0])
            .sum();
        assert_eq!(sum, w.n[0], "{:?} {:?}", w.role, w.measure);
    }
    let csv = places_csv(&rows);
    assert!(csv.starts_with(
        "municipality,role,measure,n_t0,n_t1,n_t2,mean_t0,mean_t1,mean_t2,n_t0_t1,change_t0_t1,"
    ));
    assert_eq!(csv.lines().count(), rows.len() + 1);

    let planted = planted();
    let outcomes = Outcomes::of(&planted);
    let conditions = Conditions::of(&planted, &[]);
    let rows = forest(&outcomes, &conditions, Role::Citizen, Measure::Draagkracht);
    let raw: Vec<Option<f64>> = rows
        .iter()
        .map(|r| r.effect.as_ref().ok().and_then(|c| c.p))
        .collect();
    let adjusted: Vec<Option<f64>> = rows.iter().map(|r| r.p_holm).collect();
    assert_eq!(adjusted, holm(&raw));
    assert!(adjusted.iter().flatten().count() > 3);
    for (a, r) in adjusted.iter().zip(&raw) {
        if let (Some(a), Some(r)) = (a, r) {
            assert!(a >= r);
        }
    }
}
