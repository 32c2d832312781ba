//! The study report's own numbers: people per role, municipality and team,
//! and the means with their intervals, which must equal the analysis'
//! means (the intervals themselves are checked against scipy in
//! `quality.rs`); and the filter to one municipality.

use balans::core::instrument::Role;
use balans::core::links::demo_study;
use balans::core::research::{
    analyse, in_municipality, municipalities, report_mean_ci, report_numbers, synthetic_envelopes,
    Importer, ResearchData,
};

fn data() -> ResearchData {
    let mut study = demo_study();
    let mut importer = Importer::new(ResearchData::default());
    for (i, mut e) in synthetic_envelopes(5, 30, &study).into_iter().enumerate() {
        // Two municipalities with two teams between them.
        let (municipality, team) = match e.respondent.to_string().as_str() {
            r if r < "R-0011" => ("Noordstad", "Team A"),
            r if r < "R-0021" => ("Noordstad", "Team B"),
            _ => ("Zuiddorp", "Team C"),
        };
        study.municipality = Some(municipality.to_string());
        study.team = Some(team.to_string());
        e.study = study.clone();
        importer.add(&format!("{i}.age"), Ok(e));
    }
    importer.finish().0
}

#[test]
fn report_means_equal_the_analysis_and_counts_add_up() {
    let data = data();
    let numbers = report_numbers(&data);
    let analysis = analyse(&data);
    assert_eq!(numbers.forms, data.len());
    assert_eq!(numbers.people, data.people());
    assert_eq!(numbers.by_role, data.counts());
    for row in &numbers.means {
        let want = analysis.row(row.role, row.measure).unwrap();
        for m in 0..3 {
            match (&row.moments[m], want.mean[m]) {
                (Some(ci), Some(mean)) => {
                    assert!((ci.mean - mean).abs() < 1e-12);
                    assert_eq!(ci.n, want.n[m]);
                    assert!(ci.lower.unwrap() < ci.mean && ci.mean < ci.upper.unwrap());
                }
                (None, None) => {}
                (got, want) => panic!("{:?} {m}: {got:?} against {want:?}", row.measure),
            }
        }
    }
    assert_eq!(numbers.means.len(), 2 * 15);
    let places: Vec<&str> = numbers
        .by_municipality
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(places, ["Noordstad", "Zuiddorp"]);
    let teams: Vec<(&str, &str)> = numbers
        .by_team
        .iter()
        .map(|g| (g.within.as_deref().unwrap(), g.name.as_str()))
        .collect();
    assert_eq!(
        teams,
        [
            ("Noordstad", "Team A"),
            ("Noordstad", "Team B"),
            ("Zuiddorp", "Team C")
        ]
    );
    // Per moment the municipalities' people add up to everyone's.
    for m in 0..3 {
        let sum: usize = numbers.by_municipality.iter().map(|g| g.people[m]).sum();
        let team_sum: usize = numbers.by_team.iter().map(|g| g.people[m]).sum();
        let at_moment = data
            .records
            .iter()
            .filter(|r| r.envelope.moment.index() == m)
            .map(|r| (r.envelope.respondent.to_string(), r.envelope.member.clone()))
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        assert_eq!((sum, team_sum), (at_moment, at_moment));
    }
}

#[test]
fn the_report_can_be_made_for_one_municipality() {
    let data = data();
    assert_eq!(municipalities(&data), ["Noordstad", "Zuiddorp"]);
    let south = in_municipality(&data, "Zuiddorp");
    assert!(!south.is_empty());
    assert!(south
        .records
        .iter()
        .all(|r| r.envelope.study.municipality.as_deref() == Some("Zuiddorp")));
    let numbers = report_numbers(&south);
    assert_eq!(numbers.by_municipality.len(), 1);
    assert!(numbers.people < report_numbers(&data).people);
    assert!(in_municipality(&data, "Elders").is_empty());
    // The interval of a single value is not defined, the mean is.
    let one = report_mean_ci(&[42.0]).unwrap();
    assert_eq!((one.mean, one.lower, one.upper), (42.0, None, None));
    assert!(numbers
        .means
        .iter()
        .any(|r| r.role == Role::Professional && r.moments[0].is_some()));
}
