//! Scores per dimension (0–100), draagkracht, draaglast and balans.
//!
//! # The rule
//! Every item score is its answer placed on 0–100 (reverse-keyed items turned
//! around; a burden domain's "how is it going" turned around so that 100 means
//! the heaviest burden). A score is the mean of its parts and is computed only
//! when **at least half of its applicable parts, rounded up, have a valid
//! value**. Parts answered "n.v.t." are not applicable and leave the count;
//! "weet ik niet", "wil ik niet zeggen" and skipped parts count as missing.
//!
//! - competenties, netwerk, voorzieningen, gedrag: parts are the items;
//! - each burden domain: its one status item;
//! - draagkracht: parts are competenties, netwerk and voorzieningen (2 of 3);
//! - draaglast: parts are the eight domains (e.g. 4 of 8, or 4 of 7 when one
//!   is "n.v.t.");
//! - balans = draagkracht − draaglast (−100 … 100), when both exist.

use serde::{Deserialize, Serialize};

use super::answers::{Answer, Answers, Missing};
use super::items::{Dimension, Domain, Item, Role, ITEMS};

/// The outcome of scoring one questionnaire. `None` means "not enough answers".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Scores {
    /// Own competences, 0–100 (higher is more capacity).
    pub competences: Option<f64>,
    /// Network, 0–100.
    pub network: Option<f64>,
    /// Use of community services, 0–100.
    pub services: Option<f64>,
    /// Draagkracht: mean of the three capacity dimensions.
    pub draagkracht: Option<f64>,
    /// Burden per domain, 0–100 (higher is heavier), in `Domain::ALL` order.
    pub domains: Vec<(Domain, Option<f64>)>,
    /// Draaglast: mean of the applicable domains.
    pub draaglast: Option<f64>,
    /// Balans: draagkracht − draaglast.
    pub balans: Option<f64>,
    /// Actual behaviour in the last four weeks, 0–100.
    pub behaviour: Option<f64>,
}

impl Scores {
    /// The burden score of one domain.
    pub fn domain(&self, domain: Domain) -> Option<f64> {
        self.domains
            .iter()
            .find(|(d, _)| *d == domain)
            .and_then(|(_, s)| *s)
    }
}

/// One part of a score: a value, missing, or not applicable.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Part {
    Value(f64),
    Missing,
    NotApplicable,
}

/// Mean of the valid parts when at least half of the applicable parts,
/// rounded up, are valid.
fn mean_by_rule(parts: &[Part]) -> Option<f64> {
    let applicable = parts.iter().filter(|p| **p != Part::NotApplicable).count();
    let values: Vec<f64> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Value(v) => Some(*v),
            _ => None,
        })
        .collect();
    if applicable == 0 || values.len() < applicable.div_ceil(2) {
        return None;
    }
    Some(values.iter().sum::<f64>() / values.len() as f64)
}

fn part(item: &Item, answer: Option<&Answer>) -> Option<Part> {
    let scale = item.scale()?;
    Some(match answer {
        Some(Answer::Value(v)) if scale.contains(*v) => {
            let span = f64::from(scale.max() - scale.min());
            let mut score = f64::from(v - scale.min()) / span * 100.0;
            let burden = matches!(item.scored_in, Some(Dimension::Domain(_)));
            if item.reverse != burden {
                score = 100.0 - score;
            }
            Part::Value(score)
        }
        Some(Answer::Missing(Missing::NotApplicable)) => Part::NotApplicable,
        _ => Part::Missing,
    })
}

fn dimension_parts(answers: &Answers, dim: Dimension) -> Vec<Part> {
    ITEMS
        .iter()
        .filter(|i| i.scored_in == Some(dim) && i.on_form(Role::Citizen))
        .filter_map(|i| part(i, answers.get(i.id)))
        .collect()
}

/// The behaviour score (0–100) of the behaviour items that show dimension
/// `dim` in what the person did, by the same rule as every score; for the
/// three-angles picture.
pub fn behaviour_score(answers: &Answers, dim: Dimension) -> Option<f64> {
    let parts: Vec<Part> = ITEMS
        .iter()
        .filter(|i| i.scored_in == Some(Dimension::Behaviour) && i.relates_to == Some(dim))
        .filter_map(|i| part(i, answers.get(i.id)))
        .collect();
    mean_by_rule(&parts)
}

fn as_part(score: Option<f64>) -> Part {
    score.map_or(Part::Missing, Part::Value)
}

/// A score shown to the citizen that has too few answers, and what would
/// complete it.
#[derive(Clone, Debug, PartialEq)]
pub struct Shortfall {
    /// Catalogue key of the score's name as the summary shows it.
    pub label_key: &'static str,
    /// How many more of `items` need a real answer (not "weet ik niet").
    pub needed: usize,
    /// The items that could still give the score a value, in form order.
    pub items: Vec<&'static Item>,
}

/// The scores of the citizen's summary (competences, network, services,
/// burden) that the rule leaves empty, each with the items that would fill
/// it. The total strength follows from the first three, so it needs no list
/// of its own.
pub fn shortfalls(answers: &Answers) -> Vec<Shortfall> {
    let scored = |dim: Dimension| {
        ITEMS
            .iter()
            .filter(move |i| i.scored_in == Some(dim) && i.on_form(Role::Citizen))
    };
    let open = |parts: &[(&'static Item, Part)]| -> Option<(usize, Vec<&'static Item>)> {
        let applicable = parts
            .iter()
            .filter(|(_, p)| *p != Part::NotApplicable)
            .count();
        let valid = parts
            .iter()
            .filter(|(_, p)| matches!(p, Part::Value(_)))
            .count();
        let needed = applicable.div_ceil(2).saturating_sub(valid);
        (applicable == 0 || needed > 0).then(|| {
            let items = parts
                .iter()
                .filter(|(_, p)| *p == Part::Missing)
                .map(|(i, _)| *i)
                .collect();
            (needed.max(1), items)
        })
    };
    let with_parts = |dim: Dimension| -> Vec<(&'static Item, Part)> {
        scored(dim)
            .filter_map(|i| part(i, answers.get(i.id)).map(|p| (i, p)))
            .collect()
    };
    let mut out = Vec::new();
    for (dim, label_key) in [
        (Dimension::Competences, "summary.competences"),
        (Dimension::Network, "summary.network"),
        (Dimension::Services, "summary.services"),
    ] {
        if let Some((needed, items)) = open(&with_parts(dim)) {
            out.push(Shortfall {
                label_key,
                needed,
                items,
            });
        }
    }
    // Burden: one part per domain (its status item), as in `score`.
    let domains: Vec<(&'static Item, Part)> = Domain::ALL
        .iter()
        .filter_map(|d| {
            let parts = with_parts(Dimension::Domain(*d));
            let first = parts.first()?.0;
            let p = if parts.iter().all(|(_, p)| *p == Part::NotApplicable) {
                Part::NotApplicable
            } else {
                let only: Vec<Part> = parts.iter().map(|(_, p)| *p).collect();
                as_part(mean_by_rule(&only))
            };
            Some((first, p))
        })
        .collect();
    if let Some((needed, items)) = open(&domains) {
        out.push(Shortfall {
            label_key: "summary.burden",
            needed,
            items,
        });
    }
    out
}

/// Scores one questionnaire's answers by the rule in the module docs.
pub fn score(answers: &Answers) -> Scores {
    let dim = |d| mean_by_rule(&dimension_parts(answers, d));
    let competences = dim(Dimension::Competences);
    let network = dim(Dimension::Network);
    let services = dim(Dimension::Services);
    let draagkracht = mean_by_rule(&[as_part(competences), as_part(network), as_part(services)]);

    let domain_parts: Vec<(Domain, Vec<Part>)> = Domain::ALL
        .iter()
        .map(|d| (*d, dimension_parts(answers, Dimension::Domain(*d))))
        .collect();
    let domains: Vec<(Domain, Option<f64>)> = domain_parts
        .iter()
        .map(|(d, parts)| (*d, mean_by_rule(parts)))
        .collect();
    let burden_parts: Vec<Part> = domain_parts
        .iter()
        .map(|(_, parts)| {
            if parts.iter().all(|p| *p == Part::NotApplicable) {
                Part::NotApplicable
            } else {
                as_part(mean_by_rule(parts))
            }
        })
        .collect();
    let draaglast = mean_by_rule(&burden_parts);
    let balans = match (draagkracht, draaglast) {
        (Some(k), Some(l)) => Some(k - l),
        _ => None,
    };
    Scores {
        competences,
        network,
        services,
        draagkracht,
        domains,
        draaglast,
        balans,
        behaviour: dim(Dimension::Behaviour),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_needs_half_of_applicable_rounded_up() {
        let v = Part::Value(50.0);
        assert_eq!(mean_by_rule(&[v, Part::Missing, Part::Missing]), None);
        assert_eq!(mean_by_rule(&[v, v, Part::Missing]), Some(50.0));
        assert_eq!(
            mean_by_rule(&[v, Part::NotApplicable, Part::Missing]),
            Some(50.0)
        );
        assert_eq!(mean_by_rule(&[Part::NotApplicable]), None);
        assert_eq!(mean_by_rule(&[]), None);
    }
}
