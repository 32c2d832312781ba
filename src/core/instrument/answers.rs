//! Answers by item id, with the three missing codes kept apart.

use crate::core::ids::ItemId;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::items::{Item, ItemKind, Role};

/// Why an item has no substantive answer. A skipped item is simply absent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// "Weet ik niet": the person does not know.
    DontKnow,
    /// "Wil ik niet zeggen": the person prefers not to say.
    NoAnswer,
    /// "N.v.t.": the question does not apply (e.g. parenting without children).
    NotApplicable,
}

impl Missing {
    /// All missing codes, in display order.
    pub const ALL: [Missing; 3] = [Missing::DontKnow, Missing::NoAnswer, Missing::NotApplicable];

    /// Numeric code in the dataset; outside every scale's range.
    pub fn code(self) -> i32 {
        match self {
            Missing::DontKnow => 97,
            Missing::NoAnswer => 98,
            Missing::NotApplicable => 99,
        }
    }

    /// Catalogue key of the option's label.
    pub fn label_key(self) -> &'static str {
        match self {
            Missing::DontKnow => "missing.dont_know",
            Missing::NoAnswer => "missing.no_answer",
            Missing::NotApplicable => "missing.not_applicable",
        }
    }

    /// Catalogue key of the option's label as the role's form shows it:
    /// the citizen's "Weet ik niet", the professional's "Niet bekend".
    pub fn label_key_for(self, role: Role) -> &'static str {
        match (role, self) {
            (Role::Citizen, _) => self.label_key(),
            (Role::Professional, Missing::DontKnow) => "pro.q.missing.dont_know",
            (Role::Professional, Missing::NoAnswer) => "pro.q.missing.no_answer",
            (Role::Professional, Missing::NotApplicable) => "pro.q.missing.not_applicable",
        }
    }

    /// The missing codes an item offers.
    pub fn offered_for(item: &Item) -> Vec<Missing> {
        match item.kind {
            ItemKind::Text => Vec::new(),
            _ => Missing::ALL
                .into_iter()
                .filter(|m| *m != Missing::NotApplicable || item.not_applicable)
                .collect(),
        }
    }
}

/// One answer to one item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// A code of the item's scale.
    Value(i32),
    /// Codes of a multiple-choice item (sorted, no repeats).
    Choices(Vec<i32>),
    /// Free text in the person's own words.
    Text(String),
    /// One of the missing codes.
    Missing(Missing),
}

impl Answer {
    /// The scale code, if this is a substantive single answer.
    pub fn value(&self) -> Option<i32> {
        match self {
            Answer::Value(v) => Some(*v),
            _ => None,
        }
    }

    /// Whether this answer fits the item: a code on its scale, a missing code
    /// it offers, text for a text item.
    pub fn fits(&self, item: &Item) -> bool {
        match (self, &item.kind) {
            (Answer::Value(v), ItemKind::Single(scale)) => scale.contains(*v),
            (Answer::Choices(codes), ItemKind::Multiple(scale)) => {
                codes.iter().all(|c| scale.contains(*c)) && codes.windows(2).all(|w| w[0] < w[1])
            }
            (Answer::Text(_), ItemKind::Text) => true,
            (Answer::Missing(m), _) => Missing::offered_for(item).contains(m),
            _ => false,
        }
    }

    /// Whether the answer counts as given (an empty text or empty choice list
    /// is the same as skipping).
    pub fn is_given(&self) -> bool {
        match self {
            Answer::Text(t) => !t.trim().is_empty(),
            Answer::Choices(c) => !c.is_empty(),
            _ => true,
        }
    }
}

/// All answers of one questionnaire, keyed by item id. Skipped items are absent.
pub type Answers = BTreeMap<ItemId, Answer>;
