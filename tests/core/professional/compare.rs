//! The comparison: which items differ by two or more scale points, how they
//! are ordered, what sits beside what, and the change since the previous
//! moment.

use balans::core::instrument::{Answer, Answers, Domain, Missing, Moment, Section, ITEMS};
use balans::core::professional::{compare, previous_moment, Pair, Row, Topic};

fn answers(list: &[(&str, Answer)]) -> Answers {
    list.iter().map(|(k, v)| ((*k).into(), v.clone())).collect()
}

fn v(code: i32) -> Answer {
    Answer::Value(code)
}

fn ids(rows: &[Row]) -> Vec<&'static str> {
    rows.iter().map(|r| r.item.id).collect()
}

fn both<'a>(citizen: &'a Answers, professional: &'a Answers) -> Pair<'a> {
    Pair {
        citizen: Some(citizen),
        professional: Some(professional),
    }
}

#[test]
fn every_comparable_item_appears_once_and_the_approach_never() {
    let empty = Answers::new();
    let c = compare(both(&empty, &empty), None);
    let topics: Vec<Topic> = c.groups.iter().map(|g| g.topic).collect();
    assert_eq!(topics, Topic::all());
    assert_eq!(topics.len(), 12);
    let mut shown: Vec<&str> = c
        .groups
        .iter()
        .flat_map(|g| g.rows.iter().chain(&g.behaviour))
        .map(|r| r.item.id)
        .collect();
    shown.sort_unstable();
    let mut expected: Vec<&str> = ITEMS
        .iter()
        .filter(|i| !matches!(i.section, Section::Intro | Section::Approach))
        .map(|i| i.id)
        .collect();
    expected.sort_unstable();
    assert_eq!(shown, expected);
    assert_eq!(c.marked_count(), 0);
}

#[test]
fn differences_of_two_points_or_more_are_marked_and_ordered_first() {
    let citizen = answers(&[
        ("comp.selfconfidence.1", v(5)),
        ("comp.perseverance.1", v(3)),
        ("comp.assertiveness.2", v(4)),
        ("comp.responsibility.1", v(4)),
        ("net.talk", v(4)),
    ]);
    let professional = answers(&[
        ("comp.selfconfidence.1", v(2)),
        ("comp.perseverance.1", v(4)),
        ("comp.assertiveness.2", v(2)),
        ("comp.responsibility.1", v(4)),
        ("net.talk", v(4)),
    ]);
    let c = compare(both(&citizen, &professional), None);
    let comp = &c.groups[0];
    assert_eq!(comp.topic, Topic::Competences);
    assert_eq!(
        ids(&comp.rows),
        vec![
            // marked, largest difference first
            "comp.selfconfidence.1",
            "comp.assertiveness.2",
            // then questionnaire order
            "comp.selfconfidence.2",
            "comp.selfknowledge.1",
            "comp.selfknowledge.2",
            "comp.perseverance.1",
            "comp.perseverance.2",
            "comp.responsibility.1",
            "comp.responsibility.2",
            "comp.assertiveness.1",
        ]
    );
    assert_eq!(comp.rows[0].difference, Some(-3));
    assert!(comp.rows[0].marked && comp.rows[1].marked);
    let perseverance = comp
        .rows
        .iter()
        .find(|r| r.item.id == "comp.perseverance.1")
        .unwrap();
    assert_eq!(
        (perseverance.difference, perseverance.marked),
        (Some(1), false)
    );
    assert_eq!(comp.marked_count(), 2);
    assert_eq!(c.groups[1].marked_count(), 0, "network agrees");
    assert_eq!(c.marked_count(), 2);
}

#[test]
fn missing_codes_and_one_sided_answers_are_never_marked() {
    let citizen = answers(&[
        ("net.talk", Answer::Missing(Missing::DontKnow)),
        ("net.contact", v(1)),
    ]);
    let professional = answers(&[("net.talk", v(5)), ("net.practical", v(1))]);
    let c = compare(both(&citizen, &professional), None);
    let net = &c.groups[1];
    assert!(net.rows.iter().all(|r| !r.marked && r.difference.is_none()));
    assert_eq!(
        net.rows[0].citizen,
        Some(Answer::Missing(Missing::DontKnow))
    );
    assert_eq!(net.rows[0].professional, Some(v(5)));

    // Only the professional's form: shown, nothing marked.
    let alone = compare(
        Pair {
            citizen: None,
            professional: Some(&professional),
        },
        None,
    );
    assert_eq!(alone.marked_count(), 0);
    assert_eq!(alone.groups[1].rows[1].professional, Some(v(1)));
}

#[test]
fn burden_domains_pair_how_it_goes_with_who_helps() {
    let citizen = answers(&[
        ("dom.finances.status", v(4)),
        ("dom.finances.helper", v(1)),
        ("dom.safety.status", v(2)),
    ]);
    let professional = answers(&[
        ("dom.finances.status", v(1)),
        ("dom.finances.helper", v(4)),
        ("dom.safety.status", v(3)),
    ]);
    let c = compare(both(&citizen, &professional), None);
    let finances = c
        .groups
        .iter()
        .find(|g| g.topic == Topic::Domain(Domain::Finances))
        .unwrap();
    assert_eq!(
        ids(&finances.rows),
        vec!["dom.finances.status", "dom.finances.helper"]
    );
    assert!(finances.rows[0].marked);
    assert_eq!(finances.rows[0].difference, Some(-3));
    // Who helps has no order: a difference is shown, not marked.
    assert!(!finances.rows[1].marked);
    assert!(finances.rows[1].differs_unordered());
    assert!(finances.behaviour.is_empty());
    // Burden scores: 100 is heaviest, so the professional sees more burden.
    assert_eq!(finances.citizen_score.now, Some(25.0));
    assert_eq!(finances.professional_score.now, Some(100.0));
    let safety = c
        .groups
        .iter()
        .find(|g| g.topic == Topic::Domain(Domain::Safety))
        .unwrap();
    assert_eq!(safety.marked_count(), 0);
}

#[test]
fn behaviour_items_sit_beside_the_dimension_they_show() {
    let citizen = answers(&[
        ("beh.paperwork", v(2)),
        ("beh.activity", v(0)),
        ("bal.worries", v(3)),
    ]);
    let professional = answers(&[
        ("beh.paperwork", v(0)),
        ("beh.activity", v(1)),
        ("bal.worries", v(8)),
    ]);
    let c = compare(both(&citizen, &professional), None);
    let (comp, net, svc) = (&c.groups[0], &c.groups[1], &c.groups[2]);
    assert_eq!(
        ids(&comp.behaviour),
        vec!["beh.paperwork", "beh.own_solution", "beh.kept_appointment"]
    );
    assert!(comp.behaviour[0].marked);
    assert_eq!(
        ids(&net.behaviour),
        vec!["beh.asked_help", "beh.met_people"]
    );
    assert_eq!(ids(&svc.behaviour), vec!["beh.activity"]);
    assert!(!svc.behaviour[0].marked);
    let balance = c.groups.last().unwrap();
    assert_eq!(balance.topic, Topic::Balance);
    assert_eq!(ids(&balance.rows), vec!["bal.worries", "bal.strength"]);
    assert_eq!(balance.rows[0].difference, Some(5));
    assert_eq!(c.marked_count(), 2);
}

#[test]
fn change_since_the_previous_moment_for_both() {
    let c0 = answers(&[
        ("comp.selfconfidence.1", v(3)),
        ("comp.selfconfidence.2", v(3)),
        ("comp.selfknowledge.1", v(3)),
        ("comp.selfknowledge.2", v(3)),
        ("comp.perseverance.1", v(3)),
    ]);
    let p0 = answers(&[("comp.selfconfidence.1", v(2))]);
    let c1 = answers(&[
        ("comp.selfconfidence.1", v(5)),
        ("comp.selfconfidence.2", v(5)),
        ("comp.selfknowledge.1", v(5)),
        ("comp.selfknowledge.2", v(5)),
        ("comp.perseverance.1", v(5)),
    ]);
    let p1 = answers(&[("comp.selfconfidence.1", v(2))]);
    let c = compare(both(&c1, &p1), Some((Moment::T0, both(&c0, &p0))));
    assert_eq!(c.previous, Some(Moment::T0));
    let row = &c.groups[0].rows[0];
    assert_eq!(row.item.id, "comp.selfconfidence.1");
    assert_eq!(row.previous_citizen, Some(v(3)));
    assert_eq!(row.citizen_change(), Some(2));
    assert_eq!(row.professional_change(), Some(0));
    // Scores 0–100: the citizen's competences went from 50 to 100.
    let score = c.groups[0].citizen_score;
    assert_eq!(
        (score.before, score.now, score.change()),
        (Some(50.0), Some(100.0), Some(50.0))
    );
    // The professional answered too few competence items for a score.
    assert_eq!(c.groups[0].professional_score.change(), None);
    // Without a previous moment there is no change.
    let first = compare(both(&c1, &p1), None);
    assert_eq!(first.groups[0].rows[0].citizen_change(), None);
}

#[test]
fn the_previous_moment_is_the_latest_earlier_one_with_answers() {
    assert_eq!(
        previous_moment(Moment::T2, |m| m == Moment::T0),
        Some(Moment::T0)
    );
    assert_eq!(previous_moment(Moment::T2, |_| true), Some(Moment::T1));
    assert_eq!(previous_moment(Moment::T1, |m| m == Moment::T2), None);
    assert_eq!(previous_moment(Moment::T0, |_| true), None);
}

/// Issue 12: the interview's facts showed "– –" for the balance topic,
/// which has no 0–100 score; its 0–10 answers are read per side, also when
/// a marked row moved to the front.
#[test]
fn the_balance_topic_gives_each_sides_two_answers() {
    use balans::core::instrument::Role;
    let citizen = answers(&[("bal.worries", v(9)), ("bal.strength", v(2))]);
    let professional = answers(&[
        ("bal.worries", v(4)),
        ("bal.strength", Answer::Missing(Missing::DontKnow)),
    ]);
    let c = compare(both(&citizen, &professional), None);
    let balance = c.groups.iter().find(|g| g.topic == Topic::Balance).unwrap();
    assert_eq!(balance.value("bal.worries", Role::Citizen), Some(9));
    assert_eq!(balance.value("bal.strength", Role::Citizen), Some(2));
    assert_eq!(balance.value("bal.worries", Role::Professional), Some(4));
    assert_eq!(balance.value("bal.strength", Role::Professional), None);
    assert_eq!(balance.value("comp.selfconfidence.1", Role::Citizen), None);
}
