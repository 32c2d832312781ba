//! Own line icons for the three capacity dimensions and the eight life
//! domains (issue 13), to help people who read with difficulty. Inline SVG
//! paths (no icon font, no request), drawn with the text colour; always
//! beside a word, never instead of one, so they are hidden from screen
//! readers. Kept to one short path each: the citizen app has a size budget.

use leptos::prelude::*;

use crate::core::questionnaire::Topic;

/// The path of a topic's icon on a 24 × 24 grid, stroked.
fn path(topic: Topic) -> &'static str {
    match topic {
        // A star: what you can do yourself.
        Topic::Competences => "M12 3l2.6 5.6 6 .7-4.5 4.1 1.2 6L12 16.5l-5.3 2.9 1.2-6-4.5-4.1 6-.7z",
        // Two people.
        Topic::Network => "M9 11a3 3 0 100-6 3 3 0 000 6zM3 20a6 6 0 0112 0M16 5a3 3 0 010 6m2 9a6 6 0 00-3-5",
        // A building with a door: a place in the neighbourhood.
        Topic::Services => "M4 21V9l8-5 8 5v12zM10 21v-5h4v5M9 11h6",
        // A coin.
        Topic::Finances => "M12 3a9 9 0 110 18 9 9 0 010-18zM15 9a3.5 3.5 0 100 6M8 11h5M8 13h5",
        // A house.
        Topic::Housing => "M3 11l9-7 9 7M5 9.5V20h14V9.5M10 20v-5h4v5",
        // A clock.
        Topic::Daytime => "M12 3a9 9 0 110 18 9 9 0 010-18zM12 7v5l3 2",
        // A grown-up and a child.
        Topic::Parenting => "M8 7a2.5 2.5 0 100-5 2.5 2.5 0 000 5zM4 21v-7a4 4 0 018 0v7M17 12a2 2 0 100-4 2 2 0 000 4zM14 21v-4a3 3 0 016 0v4",
        // A heart.
        Topic::Physical => "M12 20s-8-4.7-8-10.5A4.5 4.5 0 0112 7a4.5 4.5 0 018 2.5C20 15.3 12 20 12 20z",
        // A head in profile.
        Topic::Mental => "M9 21v-3H6.5A1.5 1.5 0 015 16.5V14l-2-1 2-4a7 7 0 119 8.7V21",
        // An open book.
        Topic::Education => "M3 5h6a3 3 0 013 3v12a2 2 0 00-2-2H3zM21 5h-6a3 3 0 00-3 3v12a2 2 0 012-2h7z",
        // A shield.
        Topic::Safety => "M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z",
        // A speech balloon: something else.
        Topic::Other => "M4 5h16v11H9l-5 4z",
    }
}

/// The icon of a topic (a capacity dimension or a life domain).
#[component]
pub fn TopicIcon(
    /// Which topic.
    topic: Topic,
) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" data-icon=topic.code()>
            <path d=path(topic) fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>
        </svg>
    }
}
