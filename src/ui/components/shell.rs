//! The frame around every screen: skip link, header with the language
//! switch, storage warnings, the "new version" banner, and the main region.
//! It also starts following other windows of the app (the `storage` event).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::core::error::Problem;
use crate::core::i18n::Lang;
use crate::ui::browser;
use crate::ui::components::{AnyProblem, ErrorPanel, NoticeBanner};
use crate::ui::pages::StaffStoreError;
use crate::ui::state::{use_app_state, AppState};

/// Buttons only the staff app adds to the header ("Lock now"): given as a
/// context, so the citizen app links none of their code.
#[derive(Clone, Copy)]
pub struct HeaderTools(pub fn() -> AnyView);

/// The page frame.
#[component]
pub fn Shell(
    /// The current screen.
    children: Children,
) -> impl IntoView {
    let state = use_app_state();
    let location = use_location();
    // On every new screen, start keyboard and screen-reader users at its heading.
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            browser::focus_main_heading();
        }
        path
    });
    // The open questionnaire deleted in another window: back to the start,
    // where the notice says what happened.
    let navigate = use_navigate();
    state.watch_other_windows(move || navigate("/", NavigateOptions::default()));
    view! {
        <a class="skip-link" href="#main">{move || state.t("nav.skip")}</a>
        <header class="app-header">
            <A href="/" attr:class="brand" attr:data-testid="home-link">
                <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" width="28" height="28">
                    <path d="M4 22h24M16 6v16M8 22l8-12 8 12" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>
                </svg>
                <span>{move || state.t("app.name")}</span>
            </A>
            <div class="header-tools">
                {use_context::<HeaderTools>().map(|tools| (tools.0)())}
                <LanguageSwitch/>
                <button
                    type="button"
                    class="text-size"
                    data-testid="larger-text"
                    aria-pressed=move || state.settings.get().large_text.to_string()
                    on:click=move |_| state.toggle_large_text()
                >
                    <span aria-hidden="true" class="text-size-icon">"A+"</span>
                    <span>{move || state.t("a11y.larger_text")}</span>
                </button>
            </div>
        </header>
        <StorageWarning/>
        <UpdateBanner/>
        <main id="main" tabindex="-1">
            <NoticeBanner/>
            {children()}
        </main>
    }
}

/// Two buttons, one per language, the current one pressed.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let state = use_app_state();
    view! {
        <div class="lang-switch" role="group" aria-label=move || state.t("lang.label")>
            {Lang::ALL
                .into_iter()
                .map(|lang| {
                    view! {
                        <button
                            type="button"
                            lang=lang.code()
                            data-testid=format!("lang-{}", lang.code())
                            aria-pressed=move || (state.lang.get() == lang).to_string()
                            on:click=move |_| state.choose_lang(lang)
                        >
                            {move || state.t(lang.name_key())}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// Shown while the last save failed or storage is unavailable.
#[component]
fn StorageWarning() -> impl IntoView {
    let state = use_app_state();
    let location = use_location();
    move || {
        state.storage_problem.get().map(|problem| {
            let send_link = state
                .current
                .with(|c| c.as_ref().map(|q| format!("/q/{}/send", q.id)));
            // Staff screens (only the staff app has them) say it in staff
            // words; the citizen's sentence is about an answer.
            let path = location.pathname.get();
            let error: AnyProblem = if path.starts_with("/pro") || path.starts_with("/research") {
                StaffStoreError(problem).into()
            } else {
                problem.into()
            };
            view! {
                <div class="banner banner-error" role="alert" data-testid="storage-warning" data-problem=problem.code()>
                    <p><ErrorPanel error=error/></p>
                    {send_link.map(|href| view! {
                        <p><A href=href attr:class="button">{state.t("send.download")}</A></p>
                    })}
                </div>
            }
        })
    }
}

/// "Update now": when the new version cannot even be started (an old
/// `boot.js`), the banner says to close and reopen, as when it stalls.
fn start_update(state: AppState) {
    if browser::start_update().is_err() {
        state.update_stalled.set(true);
    }
}

/// Shown when a new version of the app is installed and waiting. It starts
/// only when the person asks (a reload), so a questionnaire that is open
/// keeps running the version it started with.
#[component]
fn UpdateBanner() -> impl IntoView {
    let state = use_app_state();
    move || {
        state.update_waiting.get().then(|| {
            // A reload would lose answers that could not be saved.
            let unsaved = state.storage_problem.get().is_some();
            view! {
                <div class="banner banner-info" role="status" data-testid="update-waiting">
                    <p>{state.t("storage.update.ready")}</p>
                    {move || state.update_stalled.get().then(|| view! {
                        <p data-testid="update-stalled">{state.t("storage.update.stalled")}</p>
                    })}
                    {if unsaved {
                        view! { <p>{state.t("storage.update.save_first")}</p> }.into_any()
                    } else {
                        view! {
                            <p><button type="button" class="button" data-testid="start-update"
                                on:click=move |_| start_update(state)>
                                {state.t("storage.update.button")}
                            </button></p>
                        }.into_any()
                    }}
                </div>
            }
        })
    }
}
