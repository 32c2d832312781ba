//! The two pictures side by side: the citizen's and the professional's answers
//! per dimension and per burden domain, with the behaviour items beside the
//! dimension they show, and the change since the previous moment.
//!
//! # The rule for marking
//! An item is *marked* when both gave a value on an ordered scale and the two
//! codes differ by [`MARK_DIFFERENCE`] or more scale points. Within each
//! topic, marked items come first (largest difference first, ties in
//! questionnaire order), then the rest in questionnaire order. Missing codes
//! ("weet ik niet", …) and skipped items are never marked: there is nothing to
//! compare. Items on an unordered scale (who helps) are shown, never marked.

use crate::core::instrument::{score, Scores};
use crate::core::instrument::{Answer, Answers};
use crate::core::instrument::{Dimension, Domain, Item, Moment, Role, Section, ITEMS};

/// Smallest difference, in scale points, that marks an item.
pub const MARK_DIFFERENCE: i32 = 2;

/// A block of the comparison screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    /// Own competences (draagkracht).
    Competences,
    /// Network (draagkracht).
    Network,
    /// Community services (draagkracht).
    Services,
    /// One burden domain (draaglast).
    Domain(Domain),
    /// Worries against strength, 0–10.
    Balance,
}

impl Topic {
    /// Every topic in screen order: capacity, burden domains, balance.
    pub fn all() -> Vec<Topic> {
        let mut topics = vec![Topic::Competences, Topic::Network, Topic::Services];
        topics.extend(Domain::ALL.into_iter().map(Topic::Domain));
        topics.push(Topic::Balance);
        topics
    }

    /// Catalogue key of the title.
    pub fn title_key(self) -> &'static str {
        match self {
            Topic::Competences => "pro.topic.competences",
            Topic::Network => "pro.topic.network",
            Topic::Services => "pro.topic.services",
            Topic::Domain(d) => staff_domain_key(d),
            Topic::Balance => "pro.topic.balance",
        }
    }

    /// Short code for tests and anchors.
    pub fn code(self) -> &'static str {
        match self {
            Topic::Competences => "competences",
            Topic::Network => "network",
            Topic::Services => "services",
            Topic::Domain(d) => d.code(),
            Topic::Balance => "balance",
        }
    }

    fn dimension(self) -> Option<Dimension> {
        match self {
            Topic::Competences => Some(Dimension::Competences),
            Topic::Network => Some(Dimension::Network),
            Topic::Services => Some(Dimension::Services),
            Topic::Domain(d) => Some(Dimension::Domain(d)),
            Topic::Balance => None,
        }
    }

    /// The topic's own items (not behaviour), in questionnaire order.
    fn items(self) -> impl Iterator<Item = &'static Item> {
        ITEMS.iter().filter(move |i| {
            i.on_form(Role::Citizen)
                && match self.dimension() {
                    Some(dim) => i.section != Section::Behaviour && i.relates_to == Some(dim),
                    None => i.section == Section::Balance,
                }
        })
    }

    /// The behaviour items that show this topic in what the person did.
    fn behaviour_items(self) -> impl Iterator<Item = &'static Item> {
        ITEMS.iter().filter(move |i| {
            i.section == Section::Behaviour
                && self.dimension().is_some()
                && i.relates_to == self.dimension()
        })
    }

    /// The topic's score (0–100) in `scores`, when it has one.
    pub fn score(self, scores: &Scores) -> Option<f64> {
        match self {
            Topic::Competences => scores.competences,
            Topic::Network => scores.network,
            Topic::Services => scores.services,
            Topic::Domain(d) => scores.domain(d),
            Topic::Balance => None,
        }
    }
}

/// Catalogue key of a life domain's name as staff speak of it
/// ("Geestelijke gezondheid" where a citizen reads "Hoe u zich voelt"), for
/// the professional's and the researcher's screens and files. It lives here,
/// not with the instrument, so that the citizen app never links these texts.
pub fn staff_domain_key(domain: Domain) -> &'static str {
    match domain {
        Domain::Finances => "domain.staff.finances",
        Domain::Housing => "domain.staff.housing",
        Domain::Daytime => "domain.staff.daytime",
        Domain::Parenting => "domain.staff.parenting",
        Domain::Physical => "domain.staff.physical",
        Domain::Mental => "domain.staff.mental",
        Domain::Education => "domain.staff.education",
        Domain::Safety => "domain.staff.safety",
    }
}

/// The answers of one moment: the citizen's and the professional's, either
/// of which may be absent.
#[derive(Clone, Copy, Debug, Default)]
pub struct Pair<'a> {
    /// The citizen's answers.
    pub citizen: Option<&'a Answers>,
    /// The professional's answers.
    pub professional: Option<&'a Answers>,
}

impl Pair<'_> {
    /// Whether either side is there.
    pub fn any(&self) -> bool {
        self.citizen.is_some() || self.professional.is_some()
    }
}

/// One item, both answers, and how they relate.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The item.
    pub item: &'static Item,
    /// The citizen's answer now.
    pub citizen: Option<Answer>,
    /// The professional's answer now.
    pub professional: Option<Answer>,
    /// Professional's code minus citizen's code, on an ordered scale, when
    /// both gave a value.
    pub difference: Option<i32>,
    /// Whether the difference is [`MARK_DIFFERENCE`] points or more.
    pub marked: bool,
    /// The citizen's answer at the previous moment.
    pub previous_citizen: Option<Answer>,
    /// The professional's answer at the previous moment.
    pub previous_professional: Option<Answer>,
}

fn value_of(answer: Option<&Answer>) -> Option<i32> {
    answer.and_then(Answer::value)
}

fn change(now: Option<&Answer>, before: Option<&Answer>) -> Option<i32> {
    Some(value_of(now)? - value_of(before)?)
}

impl Row {
    fn new(item: &'static Item, now: Pair<'_>, before: Pair<'_>) -> Row {
        let get = |side: Option<&Answers>| side.and_then(|a| a.get(item.id)).cloned();
        let citizen = get(now.citizen);
        let professional = get(now.professional);
        let ordinal = item.scale().is_some_and(|s| s.ordinal);
        let difference = if ordinal {
            change(professional.as_ref(), citizen.as_ref())
        } else {
            None
        };
        Row {
            item,
            marked: difference.is_some_and(|d| d.abs() >= MARK_DIFFERENCE),
            difference,
            citizen,
            professional,
            previous_citizen: get(before.citizen),
            previous_professional: get(before.professional),
        }
    }

    /// The citizen's change since the previous moment, in scale points.
    pub fn citizen_change(&self) -> Option<i32> {
        self.ordinal_change(self.citizen.as_ref(), self.previous_citizen.as_ref())
    }

    /// The professional's change since the previous moment, in scale points.
    pub fn professional_change(&self) -> Option<i32> {
        self.ordinal_change(
            self.professional.as_ref(),
            self.previous_professional.as_ref(),
        )
    }

    fn ordinal_change(&self, now: Option<&Answer>, before: Option<&Answer>) -> Option<i32> {
        self.item
            .scale()
            .filter(|s| s.ordinal)
            .and_then(|_| change(now, before))
    }

    /// Whether both gave a different value on an unordered scale (shown, not marked).
    pub fn differs_unordered(&self) -> bool {
        self.difference.is_none()
            && matches!(
                (&self.citizen, &self.professional),
                (Some(Answer::Value(a)), Some(Answer::Value(b))) if a != b
            )
    }
}

/// Marked rows first, largest difference first; the rest keep questionnaire order.
fn order(rows: &mut [Row]) {
    rows.sort_by_key(|r| {
        if r.marked {
            (0, -r.difference.unwrap_or(0).abs())
        } else {
            (1, 0)
        }
    });
}

/// A score of one side now and at the previous moment.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ScorePair {
    /// Now (0–100), when computable.
    pub now: Option<f64>,
    /// At the previous moment, when computable.
    pub before: Option<f64>,
}

impl ScorePair {
    /// Change since the previous moment, in points of 0–100.
    pub fn change(&self) -> Option<f64> {
        Some(self.now? - self.before?)
    }
}

/// One topic of the comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// What the group is about.
    pub topic: Topic,
    /// The topic's own items, marked first.
    pub rows: Vec<Row>,
    /// Behaviour items that belong with the topic, marked first.
    pub behaviour: Vec<Row>,
    /// The citizen's topic score.
    pub citizen_score: ScorePair,
    /// The professional's topic score.
    pub professional_score: ScorePair,
}

impl Group {
    /// One side's answer to one of the topic's own items as a number
    /// (`None` when skipped, given as a missing code, or not in this group).
    /// The balance topic has no 0–100 score: its two 0–10 answers
    /// (`bal.worries`, `bal.strength`) are what a summary shows instead.
    pub fn value(&self, item_id: &str, role: Role) -> Option<i32> {
        let row = self.rows.iter().find(|r| r.item.id == item_id)?;
        match role {
            Role::Citizen => row.citizen.as_ref(),
            Role::Professional => row.professional.as_ref(),
        }
        .and_then(Answer::value)
    }

    /// Number of marked items, behaviour included.
    pub fn marked_count(&self) -> usize {
        self.rows
            .iter()
            .chain(&self.behaviour)
            .filter(|r| r.marked)
            .count()
    }
}

/// The whole comparison of one person at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The moment compared with for change, when there is one.
    pub previous: Option<Moment>,
    /// One group per topic, in [`Topic::all`] order.
    pub groups: Vec<Group>,
}

impl Comparison {
    /// Number of marked items in all groups.
    pub fn marked_count(&self) -> usize {
        self.groups.iter().map(Group::marked_count).sum()
    }
}

/// The latest moment before `moment` for which `has_answers` is true.
pub fn previous_moment(moment: Moment, has_answers: impl Fn(Moment) -> bool) -> Option<Moment> {
    Moment::ALL
        .into_iter()
        .filter(|m| *m < moment)
        .rev()
        .find(|m| has_answers(*m))
}

/// Compares the two sides now, with `previous` (its moment and answers) for change.
pub fn compare(now: Pair<'_>, previous: Option<(Moment, Pair<'_>)>) -> Comparison {
    let before = previous.map(|(_, p)| p).unwrap_or_default();
    let scores = |side: Option<&Answers>| side.map(score);
    let (citizen_now, professional_now) = (scores(now.citizen), scores(now.professional));
    let (citizen_before, professional_before) =
        (scores(before.citizen), scores(before.professional));
    let pair = |topic: Topic, now: &Option<Scores>, before: &Option<Scores>| ScorePair {
        now: now.as_ref().and_then(|s| topic.score(s)),
        before: before.as_ref().and_then(|s| topic.score(s)),
    };
    let groups = Topic::all()
        .into_iter()
        .map(|topic| {
            let mut rows: Vec<Row> = topic.items().map(|i| Row::new(i, now, before)).collect();
            let mut behaviour: Vec<Row> = topic
                .behaviour_items()
                .map(|i| Row::new(i, now, before))
                .collect();
            order(&mut rows);
            order(&mut behaviour);
            Group {
                topic,
                rows,
                behaviour,
                citizen_score: pair(topic, &citizen_now, &citizen_before),
                professional_score: pair(topic, &professional_now, &professional_before),
            }
        })
        .collect();
    Comparison {
        previous: previous.map(|(m, _)| m),
        groups,
    }
}
