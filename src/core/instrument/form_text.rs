//! The texts around the questions on a form's screens (buttons, progress,
//! the hint under a free-text answer, the review and the send screen's
//! heading), as each role reads them, and the full
//! list of keys a form's question screens can show. The professional fills in
//! a mirror of the citizen's form: where the citizen's text speaks as the
//! citizen ("Klaar, bekijk mijn antwoorden"), the professional's form has its
//! own wording, so nothing on it reads as if the professional were the
//! inwoner.

use std::collections::BTreeSet;

use super::answers::Missing;
use super::items::{Dimension, Role, Section, ITEMS};

/// A text on the question screen that is not part of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormText {
    /// "Vraag 3 van 40".
    Progress,
    /// The progress bar's name.
    ProgressLabel,
    /// Back to the previous screen.
    Back,
    /// On to the next screen once something is answered.
    Next,
    /// On to the next screen without an answer.
    Skip,
    /// The last screen's button to the overview.
    ToReview,
    /// Back to the overview when a question was opened from it.
    BackToReview,
    /// Shown once something on the screen is answered.
    Saved,
    /// The line above the missing-code options.
    OtherOptions,
    /// Under a question where several options may be chosen.
    ChooseAny,
    /// Under a free-text question.
    TextHint,
    /// Removes the answer.
    Clear,
    /// Reads the question aloud.
    ReadAloud,
    /// The review's heading.
    ReviewTitle,
    /// The line under the review's heading.
    ReviewIntro,
    /// "{n} questions skipped" on the review.
    ReviewSkippedCount,
    /// Every question answered, on the review.
    ReviewNoneSkipped,
    /// The review's button on to what comes next.
    ReviewFinish,
    /// The send screen's heading.
    SendTitle,
}

impl FormText {
    /// Every text, in the order they appear on a screen.
    pub const ALL: [FormText; 19] = [
        FormText::Progress,
        FormText::ProgressLabel,
        FormText::Back,
        FormText::Next,
        FormText::Skip,
        FormText::ToReview,
        FormText::BackToReview,
        FormText::Saved,
        FormText::OtherOptions,
        FormText::ChooseAny,
        FormText::TextHint,
        FormText::Clear,
        FormText::ReadAloud,
        FormText::ReviewTitle,
        FormText::ReviewIntro,
        FormText::ReviewSkippedCount,
        FormText::ReviewNoneSkipped,
        FormText::ReviewFinish,
        FormText::SendTitle,
    ];

    /// Catalogue key of the text as the role's form shows it. Texts that
    /// say nothing about who answers ("Volgende") are shared.
    pub fn key(self, role: Role) -> &'static str {
        match (role, self) {
            (_, FormText::Progress) => "q.progress",
            (_, FormText::ProgressLabel) => "q.progress_label",
            (_, FormText::Back) => "q.back",
            (_, FormText::Next) => "q.next",
            (_, FormText::Skip) => "q.skip",
            (_, FormText::OtherOptions) => "q.other_options",
            (_, FormText::Clear) => "q.clear",
            (_, FormText::ReadAloud) => "a11y.read_aloud",
            (Role::Citizen, FormText::ToReview) => "q.to_review",
            (Role::Citizen, FormText::BackToReview) => "review.title",
            (Role::Citizen, FormText::Saved) => "q.saved",
            (Role::Citizen, FormText::ChooseAny) => "q.choose_any",
            (Role::Citizen, FormText::TextHint) => "q.text_hint",
            (Role::Professional, FormText::ToReview) => "pro.q.to_review",
            (Role::Professional, FormText::BackToReview) => "pro.q.back_to_review",
            (Role::Professional, FormText::Saved) => "pro.q.saved",
            (Role::Professional, FormText::ChooseAny) => "pro.q.choose_any",
            (Role::Professional, FormText::TextHint) => "pro.q.text_hint",
            (Role::Citizen, FormText::ReviewTitle) => "review.title",
            (Role::Citizen, FormText::ReviewIntro) => "review.intro",
            (Role::Citizen, FormText::ReviewSkippedCount) => "review.skipped_count",
            (Role::Citizen, FormText::ReviewNoneSkipped) => "review.none_skipped",
            (Role::Citizen, FormText::ReviewFinish) => "review.finish",
            (Role::Citizen, FormText::SendTitle) => "send.title",
            (Role::Professional, FormText::ReviewTitle) => "pro.q.back_to_review",
            (Role::Professional, FormText::ReviewIntro) => "pro.review.intro",
            (Role::Professional, FormText::ReviewSkippedCount) => "pro.review.skipped_count",
            (Role::Professional, FormText::ReviewNoneSkipped) => "pro.review.none_skipped",
            (Role::Professional, FormText::ReviewFinish) => "pro.review.finish",
            (Role::Professional, FormText::SendTitle) => "pro.send.title",
        }
    }
}

/// Every catalogue key the question screens of the role's form can show, at
/// any moment: each item's question and explanation, its options and missing
/// codes, the section titles, the life domains' headings and the texts
/// around the questions.
pub fn form_keys(role: Role) -> BTreeSet<&'static str> {
    let mut keys = BTreeSet::new();
    for item in ITEMS.iter().filter(|i| i.on_form(role)) {
        keys.insert(item.text_key(role));
        keys.extend(item.hint_key(role));
        keys.insert(item.section.title_key(role));
        if let Some(scale) = item.scale() {
            keys.extend(scale.options_for(role).iter().map(|(_, key)| *key));
            keys.extend(
                Missing::offered_for(item)
                    .into_iter()
                    .map(|m| m.label_key_for(role)),
            );
        }
        if let (Section::Burden, Some(Dimension::Domain(domain))) = (item.section, item.relates_to)
        {
            keys.insert(domain.heading_key(role));
        }
    }
    keys.extend(FormText::ALL.iter().map(|t| t.key(role)));
    keys
}
