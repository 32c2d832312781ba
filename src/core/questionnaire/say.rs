//! The citizen's own say in the conversation (issue 13): the topics they want
//! to talk about ("hier wil ik over praten": the three capacity dimensions,
//! the eight life domains, something else in their own words, or nothing)
//! and how the questionnaire was filled in (the mode of administration).
//!
//! These are not instrument items: they are not scored and have no missing
//! codes, they belong to the conversation, not to the measurement. They are
//! kept on the questionnaire ([`OwnSay`]), each mark with its own change
//! time so two windows' copies merge per mark with the one rule
//! ([`later_wins`]), and travel in the export as [`Topics`] and [`Mode`].
//!
//! The codes are stable: the dataset, the codebook and the analysis of
//! conditions use them (docs/formats.md).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::instrument::Domain;
use crate::core::merge::later_wins;
use crate::core::util::Millis;

/// A topic the citizen may want to talk about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// What I can do myself (capacity: competences).
    Competences,
    /// The people around me (capacity: network).
    Network,
    /// Activities and help in the neighbourhood (capacity: services).
    Services,
    /// Money and debts.
    Finances,
    /// Housing.
    Housing,
    /// Daytime activity.
    Daytime,
    /// Raising children.
    Parenting,
    /// Physical health.
    Physical,
    /// Mental health.
    Mental,
    /// School and courses.
    Education,
    /// Safety at home.
    Safety,
    /// Something else, in the citizen's own words ([`OwnSay::other_words`]).
    Other,
}

impl Topic {
    /// Every topic, in the order they are shown and in the dataset.
    pub const ALL: [Topic; 12] = [
        Topic::Competences,
        Topic::Network,
        Topic::Services,
        Topic::Finances,
        Topic::Housing,
        Topic::Daytime,
        Topic::Parenting,
        Topic::Physical,
        Topic::Mental,
        Topic::Education,
        Topic::Safety,
        Topic::Other,
    ];

    /// The three capacity dimensions.
    pub const CAPACITY: [Topic; 3] = [Topic::Competences, Topic::Network, Topic::Services];

    /// Stable code, as in the export and in the dataset's `topic_<code>`.
    pub fn code(self) -> &'static str {
        match self {
            Topic::Competences => "competences",
            Topic::Network => "network",
            Topic::Services => "services",
            Topic::Other => "other",
            other => other.domain().map_or("other", Domain::code),
        }
    }

    /// The topic with code `code` ([`Topic::code`]).
    pub fn from_code(code: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The topic of a life domain.
    pub fn of_domain(domain: Domain) -> Topic {
        match domain {
            Domain::Finances => Topic::Finances,
            Domain::Housing => Topic::Housing,
            Domain::Daytime => Topic::Daytime,
            Domain::Parenting => Topic::Parenting,
            Domain::Physical => Topic::Physical,
            Domain::Mental => Topic::Mental,
            Domain::Education => Topic::Education,
            Domain::Safety => Topic::Safety,
        }
    }

    /// The life domain of this topic, if it is one.
    pub fn domain(self) -> Option<Domain> {
        Domain::ALL
            .into_iter()
            .find(|d| Topic::of_domain(*d) == self)
    }

    /// Catalogue key of the topic's name in plain words (common: the citizen
    /// and the professional both read it).
    pub fn label_key(self) -> &'static str {
        match self {
            Topic::Competences => "section.competences",
            Topic::Network => "section.network",
            Topic::Services => "section.services",
            Topic::Finances => "domain.finances",
            Topic::Housing => "domain.housing",
            Topic::Daytime => "domain.daytime",
            Topic::Parenting => "domain.parenting",
            Topic::Physical => "domain.physical",
            Topic::Mental => "domain.mental",
            Topic::Education => "domain.education",
            Topic::Safety => "domain.safety",
            Topic::Other => "topic.other",
        }
    }
}

/// How the questionnaire was filled in (the mode of administration).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// The citizen alone.
    Alone,
    /// With help from someone close (family, a friend, a neighbour).
    WithSomeoneClose,
    /// Together with the professional (read aloud or typed by them).
    WithProfessional,
}

impl Mode {
    /// Every mode, in display order.
    pub const ALL: [Mode; 3] = [Mode::Alone, Mode::WithSomeoneClose, Mode::WithProfessional];

    /// Code in the dataset (`mode`): 1 alone, 2 with someone close, 3 with
    /// the professional.
    pub fn code(self) -> i32 {
        match self {
            Mode::Alone => 1,
            Mode::WithSomeoneClose => 2,
            Mode::WithProfessional => 3,
        }
    }

    /// Stable name, as in the export and for form values.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Alone => "alone",
            Mode::WithSomeoneClose => "with_someone_close",
            Mode::WithProfessional => "with_professional",
        }
    }

    /// The mode named `name` ([`Mode::name`]).
    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Catalogue key of the citizen's words for it.
    pub fn label_key(self) -> &'static str {
        match self {
            Mode::Alone => "mode.alone",
            Mode::WithSomeoneClose => "mode.with_someone_close",
            Mode::WithProfessional => "mode.with_professional",
        }
    }
}

/// The topics as they travel in the export: what was marked, the words for
/// "something else", and whether the citizen said there is nothing they want
/// to talk about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topics {
    /// The marked topics, in [`Topic::ALL`] order.
    #[serde(default)]
    pub marked: Vec<Topic>,
    /// The citizen's own words for "something else" (only with
    /// [`Topic::Other`] marked; may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub other: String,
    /// The citizen said there is nothing in particular (never with marks).
    #[serde(default, skip_serializing_if = "is_false")]
    pub none: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Longest "something else", in characters.
pub const MAX_TOPIC_WORDS: usize = 1000;

impl Topics {
    /// Whether the topics are within the app's own limits (an importer
    /// refuses others): no topic twice, no marks together with "none", and
    /// words only for "something else", at most [`MAX_TOPIC_WORDS`].
    pub fn is_valid(&self) -> bool {
        let mut seen = self.marked.clone();
        seen.sort_unstable();
        seen.dedup();
        seen.len() == self.marked.len()
            && (self.marked.is_empty() || !self.none)
            && (self.other.is_empty() || self.marked.contains(&Topic::Other))
            && self.other.chars().count() <= MAX_TOPIC_WORDS
    }
}

/// A value with the time it was last set (0: never), so that two copies
/// merge per value: the later setting wins ([`later_wins`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamped<T> {
    /// The value.
    pub value: T,
    /// When it was last set.
    #[serde(default)]
    pub at: Millis,
}

impl<T: Clone + Serialize + PartialEq> Stamped<T> {
    fn set(&mut self, value: T, now: Millis) {
        self.value = value;
        // Never step back in time: a merge may have brought a later time.
        self.at = now.max(self.at);
    }

    /// Takes `theirs` when it was set later (on a tie: the greater JSON
    /// text); whether the value changed.
    fn merge_from(&mut self, theirs: &Stamped<T>) -> bool {
        let key = |v: &T| serde_json::to_string(v).unwrap_or_default();
        if later_wins(self.at, &key(&self.value), theirs.at, &key(&theirs.value)) {
            let changed = self.value != theirs.value;
            *self = theirs.clone();
            changed
        } else {
            false
        }
    }
}

/// The citizen's own say, as kept on the device with their answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnSay {
    /// Each topic the person marked or unmarked, with when.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub topics: BTreeMap<Topic, Stamped<bool>>,
    /// Their own words for "something else".
    #[serde(default)]
    pub other_words: Stamped<String>,
    /// "Nothing in particular".
    #[serde(default)]
    pub nothing: Stamped<bool>,
    /// How the questionnaire was filled in.
    #[serde(default)]
    pub mode: Stamped<Option<Mode>>,
}

impl OwnSay {
    /// Whether nothing was ever said (such a say is not stored).
    pub fn is_empty(&self) -> bool {
        *self == OwnSay::default()
    }

    /// Whether `topic` is marked.
    pub fn is_marked(&self, topic: Topic) -> bool {
        self.topics.get(&topic).is_some_and(|s| s.value)
    }

    /// The marked topics, in [`Topic::ALL`] order.
    pub fn marked(&self) -> Vec<Topic> {
        Topic::ALL
            .into_iter()
            .filter(|t| self.is_marked(*t))
            .collect()
    }

    /// Whether the person said there is nothing in particular (and marked
    /// nothing since: a later mark wins over it).
    pub fn wants_nothing(&self) -> bool {
        self.nothing.value && self.marked().is_empty()
    }

    /// Marks or unmarks `topic`; a mark takes back "nothing in particular".
    pub fn set_topic(&mut self, topic: Topic, on: bool, now: Millis) {
        self.topics.entry(topic).or_default().set(on, now);
        if on && self.nothing.value {
            self.nothing.set(false, now);
        }
    }

    /// Says (or takes back) that there is nothing in particular; saying it
    /// unmarks every topic.
    pub fn set_nothing(&mut self, on: bool, now: Millis) {
        self.nothing.set(on, now);
        if on {
            for topic in self.marked() {
                self.topics.entry(topic).or_default().set(false, now);
            }
        }
    }

    /// Sets the words for "something else" (at most [`MAX_TOPIC_WORDS`]
    /// characters are kept); words mark it, no words leave the mark as is.
    pub fn set_other_words(&mut self, words: &str, now: Millis) {
        let words: String = words.chars().take(MAX_TOPIC_WORDS).collect();
        let has_words = !words.trim().is_empty();
        self.other_words.set(words, now);
        if has_words && !self.is_marked(Topic::Other) {
            self.set_topic(Topic::Other, true, now);
        }
    }

    /// Sets how the questionnaire was filled in (`None` clears it).
    pub fn set_mode(&mut self, mode: Option<Mode>, now: Millis) {
        self.mode.set(mode, now);
    }

    /// Brings in what `other` (a copy of the same questionnaire's say)
    /// knows: per topic, for the words, "nothing" and the mode, the later
    /// setting wins. Returns how many values changed. Commutative.
    pub fn merge_from(&mut self, other: &OwnSay) -> usize {
        let mut changed = 0;
        for (topic, theirs) in &other.topics {
            let mine = self.topics.entry(*topic).or_default();
            changed += usize::from(mine.merge_from(theirs));
        }
        changed += usize::from(self.other_words.merge_from(&other.other_words));
        changed += usize::from(self.nothing.merge_from(&other.nothing));
        changed += usize::from(self.mode.merge_from(&other.mode));
        changed
    }

    /// The latest time anything was said, if ever.
    pub fn last_change(&self) -> Option<Millis> {
        self.topics
            .values()
            .map(|s| s.at)
            .chain([self.other_words.at, self.nothing.at, self.mode.at])
            .filter(|t| *t > 0)
            .max()
    }

    /// The topics as they go into the export; `None` when the person marked
    /// nothing and did not say "nothing in particular" either.
    pub fn for_export(&self) -> Option<Topics> {
        let marked = self.marked();
        let none = self.wants_nothing();
        if marked.is_empty() && !none {
            return None;
        }
        let other = if marked.contains(&Topic::Other) {
            self.other_words.value.trim().to_string()
        } else {
            String::new()
        };
        Some(Topics {
            marked,
            other,
            none,
        })
    }
}

/// How a score moved since the person's earlier moment, for the summary's
/// "since last time" sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    /// Up by [`TREND_BAND`] points or more.
    Up,
    /// Down by [`TREND_BAND`] points or more.
    Down,
    /// Within [`TREND_BAND`] points.
    Same,
}

/// A change of less than this many points (of 0–100) reads as "about the
/// same": one answer one step up or down moves a score by about that much,
/// which is no change to speak of.
pub const TREND_BAND: f64 = 5.0;

fn trend(now: Option<f64>, before: Option<f64>) -> Option<Trend> {
    let change = now? - before?;
    Some(if change >= TREND_BAND {
        Trend::Up
    } else if change <= -TREND_BAND {
        Trend::Down
    } else {
        Trend::Same
    })
}

/// The citizen's change since an earlier moment, in plain words: catalogue
/// keys of one sentence about their strength (draagkracht) and one about
/// their worries (draaglast), each only when both moments have the score.
pub fn change_sentences(
    now: &crate::core::instrument::Scores,
    before: &crate::core::instrument::Scores,
) -> Vec<&'static str> {
    let strength = trend(now.draagkracht, before.draagkracht).map(|t| match t {
        Trend::Up => "summary.change.strength_up",
        Trend::Down => "summary.change.strength_down",
        Trend::Same => "summary.change.strength_same",
    });
    let worries = trend(now.draaglast, before.draaglast).map(|t| match t {
        Trend::Up => "summary.change.burden_up",
        Trend::Down => "summary.change.burden_down",
        Trend::Same => "summary.change.burden_same",
    });
    strength.into_iter().chain(worries).collect()
}
