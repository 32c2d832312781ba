//! The place filter the research screens share (issue 16, "per place"):
//! all places, or one municipality or team of the invitations' study
//! context. The analysis, conditions and quality screens show their tables
//! for the chosen place only.

use leptos::prelude::*;

use super::{use_research_state, ResearchState};
use crate::core::i18n::{text_with, Lang};
use crate::core::research::{only_place, places, Place, ResearchData};
use crate::ui::state::use_app_state;

/// "Municipality Voorbeeldstad", "Team Wijkteam Noord".
pub fn place_label(place: &Place, lang: Lang) -> String {
    match place {
        Place::Municipality(m) => {
            text_with(lang, "research.cond.place.municipality", &[("name", m)])
        }
        Place::Team(t) => text_with(lang, "research.cond.place.team", &[("name", t)]),
    }
}

/// `f` of the imported data, or of only the chosen place's records.
pub fn with_place<R>(
    research: ResearchState,
    place: Option<&Place>,
    f: impl FnOnce(&ResearchData) -> R,
) -> R {
    research.data.with(|d| match place {
        Some(p) => f(&only_place(d, p)),
        None => f(d),
    })
}

/// The select of a place: every municipality and team in the imported data.
#[component]
pub fn PlaceFilter(
    /// The chosen place (`None`: all).
    place: RwSignal<Option<Place>>,
    /// The select's id and `data-testid`, unique on the page.
    id: &'static str,
) -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    let list = Memo::new(move |_| research.data.with(places));
    let current = move || {
        let chosen = place.get();
        list.with(|list| {
            chosen
                .and_then(|p| list.iter().position(|q| *q == p))
                .map_or(String::new(), |i| i.to_string())
        })
    };
    view! {
        <div class="cond-control place-filter">
            <label for=id class="field-label">{move || state.t("research.cond.place")}</label>
            <select id=id class="text-input" data-testid=id prop:value=current
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let chosen = value
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| list.with_untracked(|l| l.get(i).cloned()));
                    place.set(chosen);
                }>
                <option value="" selected=move || place.get().is_none()>
                    {move || state.t("research.cond.place.all")}
                </option>
                {move || {
                    let lang = state.lang.get();
                    list.get().into_iter().enumerate().map(|(i, p)| {
                        let selected = p.clone();
                        view! {
                            <option value=i.to_string() selected=move || place.get().as_ref() == Some(&selected)>
                                {place_label(&p, lang)}
                            </option>
                        }
                    }).collect_view()
                }}
            </select>
        </div>
    }
}
