//! `/pro/:wid/r/:code/together/consent?m=…`: the start of "samen invullen"
//! (issue 13). The citizen's questionnaire filled in together on the
//! professional's device begins with the same consent screen every citizen
//! reads, with who can read the answers: the citizen reads it with the
//! professional and ticks the box themselves. The questions do not open
//! before (`pages::Gate::NeedsConsent` sends them here), and nothing is
//! stored, whatever the answer.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use super::{respondent_path, use_target, with_respondent, Target};
use crate::core::questionnaire::{Consent, Questionnaire, Screen};
use crate::ui::pages::invite::{ConsentGiven, ConsentStep, Given, Readers};
use crate::ui::pages::screen_path;
use crate::ui::state::{use_app_state, AppState};

/// `/pro/:wid/r/:code/together/consent`.
#[component]
pub fn TogetherConsentPage() -> impl IntoView {
    let target = use_target();
    move || {
        with_respondent(target.get(), |_, target| {
            view! { <TogetherConsent target=target/> }.into_any()
        })
    }
}

/// The form filled in together for `target`, if it is the one open.
fn open_form(state: AppState, target: &Target) -> Option<Questionnaire> {
    let id = state.transient.get_untracked()?;
    state.current.get_untracked().filter(|q| {
        q.id == id
            && q.invitation.respondent == target.code
            && q.invitation.moment == target.moment
            && q.invitation.member == target.member
    })
}

#[component]
fn TogetherConsent(target: Target) -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let heading = NodeRef::<leptos::html::H1>::new();
    let back = respondent_path(&target.wid, &target.code);
    let Some(q) = open_form(state, &target) else {
        return view! {
            <section class="pro-together" data-testid="together-page">
                <h1 tabindex="-1">{state.t("pro.together.title")}</h1>
                <p data-testid="together-nothing">{state.t("pro.together.nothing")}</p>
                <p><A href=back>{state.t("pro.respondent.back")}</A></p>
            </section>
        }
        .into_any();
    };
    // Back to this screen after consent: it says when, and leads on.
    if let Some(consent) = &q.consent {
        let given = Given {
            at: consent.given_at,
            resume: screen_path(&q.id, q.screen),
        };
        return view! { <ConsentGiven given=given heading=heading/> }.into_any();
    }
    let declined = RwSignal::new(false);
    let id = q.id.clone();
    let on_agree = move |consent: Consent| {
        state.change(|q| {
            q.consent = Some(consent);
            q.screen = Screen::Page(0);
        });
        navigate(
            &screen_path(&id, Screen::Page(0)),
            NavigateOptions::default(),
        );
    };
    let leave = StoredValue::new(back);
    let on_back = move || {
        crate::ui::browser::set_address(&leave.get_value(), false);
    };
    let invitation = StoredValue::new(q.invitation);
    let body = move || {
        if declined.get() {
            // Nothing was stored: the form lives only in this window, and
            // goes when the professional starts another or leaves.
            view! {
                <section class="panel" data-testid="invite-declined">
                    <h1 tabindex="-1" node_ref=heading>{move || state.t("consent.declined_title")}</h1>
                    <p>{move || state.t("consent.declined_text")}</p>
                    <button type="button" class="button" data-testid="declined-back"
                        on:click=move |_| declined.set(false)>
                        {move || state.t("consent.declined_back")}
                    </button>
                    <p><A href=leave.get_value() attr:data-testid="together-leave">{move || state.t("pro.respondent.back")}</A></p>
                </section>
            }
            .into_any()
        } else {
            let inv = invitation.get_value();
            let readers = inv.clone();
            let on_agree = on_agree.clone();
            view! {
                <ConsentStep invitation=inv heading=heading on_back=on_back
                    on_decline=move || declined.set(true) on_agree=on_agree>
                    <h2>{move || state.t("invite.readers_title")}</h2>
                    // Not the invitation's "your answers stay on this device":
                    // here they are kept nowhere.
                    <p data-testid="together-readers-intro">{move || state.t("pro.together.readers_intro")}</p>
                    <Readers invitation=readers.clone()/>
                    <p>{move || state.t("invite.readers_nobody_else")}</p>
                </ConsentStep>
            }
            .into_any()
        }
    };
    body.into_any()
}
