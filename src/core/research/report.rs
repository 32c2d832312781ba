//! The numbers of the printable study report that the analysis and the
//! quality tables do not already hold: how many people took part per
//! moment, role, municipality and team, and every measure's mean with its
//! 95 % interval per role and moment. The report can be made for one
//! municipality ([`in_municipality`]), so each gets its own.
//!
//! A person is a respondent code with a household member, as in the
//! analysis; a person counts at a moment when a form of that role came in.

use std::collections::{BTreeMap, BTreeSet};

use super::dataset::Measure;
use super::import::ResearchData;
use super::reliability::{report_mean_ci, ReportMean};
use crate::core::instrument::{score, Moment, Role};

/// People per moment in one group (role, municipality or team).
#[derive(Clone, Debug, PartialEq)]
pub struct GroupCount {
    /// The group's name (a municipality or team; empty: not given).
    pub name: String,
    /// For a team: its municipality.
    pub within: Option<String>,
    /// People with a form of either role at T0, T1 and T2.
    pub people: [usize; 3],
}

/// One measure's means for one role.
#[derive(Clone, Debug, PartialEq)]
pub struct MeanRow {
    /// Whose forms.
    pub role: Role,
    /// Which score.
    pub measure: Measure,
    /// Mean and interval at T0, T1, T2 (`None`: no scores).
    pub moments: [Option<ReportMean>; 3],
}

/// The report's own numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportNumbers {
    /// Different people in the data.
    pub people: usize,
    /// Forms in the data.
    pub forms: usize,
    /// People per role (citizen first) and moment.
    pub by_role: [[usize; 3]; 2],
    /// People per municipality and moment, by name.
    pub by_municipality: Vec<GroupCount>,
    /// People per team and moment, by municipality and name.
    pub by_team: Vec<GroupCount>,
    /// Per role, per measure in [`Measure::ALL`] order.
    pub means: Vec<MeanRow>,
}

/// The municipalities named in the data, sorted, each once.
pub fn municipalities(data: &ResearchData) -> Vec<String> {
    data.records
        .iter()
        .filter_map(|r| r.envelope.study.municipality.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Only the records from `municipality`.
pub fn in_municipality(data: &ResearchData, municipality: &str) -> ResearchData {
    ResearchData {
        records: data
            .records
            .iter()
            .filter(|r| r.envelope.study.municipality.as_deref() == Some(municipality))
            .cloned()
            .collect(),
    }
}

type Person = (String, Option<String>);

/// The report's numbers of `data`.
pub fn report_numbers(data: &ResearchData) -> ReportNumbers {
    let mut role_sets: [[BTreeSet<Person>; 3]; 2] = Default::default();
    let mut places: BTreeMap<(String, Option<String>), [BTreeSet<Person>; 3]> = BTreeMap::new();
    let mut everyone = BTreeSet::new();
    // (role, measure) → per moment the scores.
    let mut scores: BTreeMap<(usize, usize), [Vec<f64>; 3]> = BTreeMap::new();
    for record in &data.records {
        let e = &record.envelope;
        let person = (e.respondent.to_string(), e.member.clone());
        let m = e.moment.index();
        let role = usize::from(e.role == Role::Professional);
        everyone.insert(person.clone());
        role_sets[role][m].insert(person.clone());
        let municipality = e.study.municipality.clone().unwrap_or_default();
        places.entry((municipality.clone(), None)).or_default()[m].insert(person.clone());
        places
            .entry((municipality, Some(e.study.team.clone().unwrap_or_default())))
            .or_default()[m]
            .insert(person);
        let s = score(&e.answers);
        for (i, measure) in Measure::ALL.iter().enumerate() {
            if let Some(v) = measure.of(&s) {
                scores.entry((role, i)).or_default()[m].push(v);
            }
        }
    }
    let counts = |sets: &[BTreeSet<Person>; 3]| [sets[0].len(), sets[1].len(), sets[2].len()];
    let mut by_municipality = Vec::new();
    let mut by_team = Vec::new();
    for ((municipality, team), sets) in &places {
        match team {
            None => by_municipality.push(GroupCount {
                name: municipality.clone(),
                within: None,
                people: counts(sets),
            }),
            Some(team) => by_team.push(GroupCount {
                name: team.clone(),
                within: Some(municipality.clone()),
                people: counts(sets),
            }),
        }
    }
    let means = Role::ALL
        .iter()
        .enumerate()
        .flat_map(|(r, &role)| {
            let scores = &scores;
            Measure::ALL
                .iter()
                .enumerate()
                .map(move |(i, &measure)| MeanRow {
                    role,
                    measure,
                    moments: Moment::ALL.map(|m| {
                        scores
                            .get(&(r, i))
                            .and_then(|per| report_mean_ci(&per[m.index()]))
                    }),
                })
        })
        .collect();
    ReportNumbers {
        people: everyone.len(),
        forms: data.records.len(),
        by_role: [counts(&role_sets[0]), counts(&role_sets[1])],
        by_municipality,
        by_team,
        means,
    }
}

impl ReportNumbers {
    /// The means of one role and measure.
    pub fn mean_row(&self, role: Role, measure: Measure) -> Option<&MeanRow> {
        self.means
            .iter()
            .find(|r| r.role == role && r.measure == measure)
    }
}
