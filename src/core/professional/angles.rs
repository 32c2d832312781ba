//! The three angles in one picture (issue 13): per capacity dimension, the
//! citizen's self-image (their score), the professional's picture (theirs)
//! and behaviour (the behaviour items that show the dimension, as the
//! citizen and as the professional report it), over T0, T1 and T2.
//!
//! Differences are marked by the comparison's one rule: an item where both
//! gave a value on an ordered scale [`MARK_DIFFERENCE`] or more points apart
//! ([`compare`]). The chart marks a moment of a dimension where such an item
//! is; the list of marked items says which, with both answers.

use super::compare::{compare, Pair, Topic, MARK_DIFFERENCE};
use crate::core::instrument::{behaviour_score, score, Dimension, Item, Moment};

/// One line of the picture: four values per moment.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct AngleValues {
    /// The citizen's score of the dimension (self-image), 0–100.
    pub self_image: Option<f64>,
    /// The professional's score of the dimension (their picture), 0–100.
    pub picture: Option<f64>,
    /// The behaviour score as the citizen reports it, 0–100.
    pub behaviour_citizen: Option<f64>,
    /// The behaviour score as the professional reports it, 0–100.
    pub behaviour_professional: Option<f64>,
}

impl AngleValues {
    /// The four values in display order (self-image, picture, behaviour by
    /// the citizen, behaviour by the professional).
    pub fn all(&self) -> [Option<f64>; 4] {
        [
            self.self_image,
            self.picture,
            self.behaviour_citizen,
            self.behaviour_professional,
        ]
    }
}

/// An item whose two answers are [`MARK_DIFFERENCE`] or more points apart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MarkedItem {
    /// At which moment.
    pub moment: Moment,
    /// The item.
    pub item: &'static Item,
    /// Whether it is a behaviour item (else one of the dimension's own).
    pub behaviour: bool,
    /// The citizen's code.
    pub citizen: i32,
    /// The professional's code.
    pub professional: i32,
}

/// One capacity dimension over the three moments.
#[derive(Clone, Debug, PartialEq)]
pub struct Angles {
    /// The dimension (competences, network or services).
    pub topic: Topic,
    /// Its values at T0, T1 and T2.
    pub moments: [AngleValues; 3],
    /// The marked items, by moment, then the largest difference first.
    pub marked: Vec<MarkedItem>,
}

impl Angles {
    /// Whether anything is known for this dimension at all.
    pub fn any(&self) -> bool {
        self.moments
            .iter()
            .any(|m| m.all().iter().any(Option::is_some))
    }

    /// Whether the dimension's own items (or, with `behaviour`, its
    /// behaviour items) are marked at `moment`.
    pub fn marked_at(&self, moment: Moment, behaviour: bool) -> bool {
        self.marked
            .iter()
            .any(|m| m.moment == moment && m.behaviour == behaviour)
    }
}

fn dimension(topic: Topic) -> Dimension {
    match topic {
        Topic::Network => Dimension::Network,
        Topic::Services => Dimension::Services,
        _ => Dimension::Competences,
    }
}

/// The three angles of the three capacity dimensions, from the answers of
/// each moment (T0, T1, T2; either side may be absent).
pub fn three_angles(moments: [Pair<'_>; 3]) -> Vec<Angles> {
    [Topic::Competences, Topic::Network, Topic::Services]
        .into_iter()
        .map(|topic| {
            let dim = dimension(topic);
            let mut marked = Vec::new();
            let values = Moment::ALL.map(|moment| {
                let pair = moments[moment as usize];
                let comparison = compare(pair, None);
                if let Some(group) = comparison.groups.iter().find(|g| g.topic == topic) {
                    let own = group.rows.iter().map(|r| (r, false));
                    let behaviour = group.behaviour.iter().map(|r| (r, true));
                    for (row, behaviour) in own.chain(behaviour) {
                        let codes = (
                            row.citizen.as_ref().and_then(|a| a.value()),
                            row.professional.as_ref().and_then(|a| a.value()),
                        );
                        if let (true, (Some(citizen), Some(professional))) = (row.marked, codes) {
                            marked.push(MarkedItem {
                                moment,
                                item: row.item,
                                behaviour,
                                citizen,
                                professional,
                            });
                        }
                    }
                }
                let side_score = |answers: Option<&crate::core::instrument::Answers>| {
                    answers.and_then(|a| topic.score(&score(a)))
                };
                AngleValues {
                    self_image: side_score(pair.citizen),
                    picture: side_score(pair.professional),
                    behaviour_citizen: pair.citizen.and_then(|a| behaviour_score(a, dim)),
                    behaviour_professional: pair.professional.and_then(|a| behaviour_score(a, dim)),
                }
            });
            // `compare` put the marked rows first; keep moment order.
            marked.sort_by_key(|m| (m.moment, -(m.professional - m.citizen).abs()));
            debug_assert!(marked
                .iter()
                .all(|m| (m.professional - m.citizen).abs() >= MARK_DIFFERENCE));
            Angles {
                topic,
                moments: values,
                marked,
            }
        })
        .collect()
}
