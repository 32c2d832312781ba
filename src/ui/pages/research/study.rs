//! Setting up a study: name, contact and consent text; a new age key pair
//! whose secret key the researcher downloads before going on; then the
//! public key, the study link for professionals and the study file.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{offer_download, use_research_state, ResearchState, TEXT_MIME};
use crate::core::{
    generate_identity, identity_file, identity_file_name, public_key, study_file, study_file_name,
    study_fragment, Study, StudyDraft, StudyError, MAX_CONSENT, RESEARCH_STUDY_KEY,
};
use crate::ui::browser;
use crate::ui::state::{now, use_app_state};
use crate::ui::store;

/// Where the set-up is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Form,
    Key,
    Done,
}

/// `/research/study`.
#[component]
pub fn StudyPage() -> impl IntoView {
    let research = use_research_state();
    let step = RwSignal::new(if research.study.get_untracked().is_some() {
        Step::Done
    } else {
        Step::Form
    });
    // The new key and study between the form and the download.
    let pending: StoredValue<Option<(age::x25519::Identity, Study)>> = StoredValue::new(None);
    let heading = NodeRef::<leptos::html::H1>::new();
    // Focus follows the step so screen readers hear where they are.
    Effect::new(move |previous: Option<Step>| {
        let now = step.get();
        if previous.is_some_and(|p| p != now) {
            if let Some(h) = heading.get() {
                let _ = h.focus();
            }
        }
        now
    });
    move || match step.get() {
        Step::Form => view! { <StudyForm step=step pending=pending heading=heading/> }.into_any(),
        Step::Key => view! { <KeyDownload step=step pending=pending heading=heading/> }.into_any(),
        Step::Done => {
            view! { <StudyReady step=step heading=heading research=research/> }.into_any()
        }
    }
}

#[component]
fn StudyForm(
    step: RwSignal<Step>,
    pending: StoredValue<Option<(age::x25519::Identity, Study)>>,
    heading: NodeRef<leptos::html::H1>,
) -> impl IntoView {
    let state = use_app_state();
    let draft = RwSignal::new(StudyDraft::default());
    let error = RwSignal::new(None::<StudyError>);
    let name_input = NodeRef::<leptos::html::Input>::new();
    let contact_input = NodeRef::<leptos::html::Input>::new();
    let consent_input = NodeRef::<leptos::html::Textarea>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let identity = generate_identity();
        match draft.get_untracked().to_study(&public_key(&identity)) {
            Ok(study) => {
                error.set(None);
                pending.set_value(Some((identity, study)));
                step.set(Step::Key);
            }
            Err(e) => {
                error.set(Some(e));
                let _ = match e.field() {
                    Some("contact") => contact_input.get().map(|i| i.focus()),
                    Some("consent") => consent_input.get().map(|i| i.focus()),
                    _ => name_input.get().map(|i| i.focus()),
                };
            }
        }
    };
    let field_error = move |field: &'static str| {
        move || {
            error
                .get()
                .filter(|e| e.field() == Some(field) || (field == "name" && e.field().is_none()))
                .map(|e| {
                    view! {
                        <span data-testid="study-error" data-error=e.message_key()>
                            {state.t(e.message_key())} " " {state.t(e.hint_key())}
                        </span>
                    }
                })
        }
    };
    let invalid = move |field: &'static str| {
        move || {
            error
                .get()
                .is_some_and(|e| e.field() == Some(field))
                .to_string()
        }
    };
    let consent_count = move || {
        let n = draft.with(|d| d.consent_extra.trim().chars().count());
        state.tw(
            "research.study.consent_count",
            &[("n", &n.to_string()), ("max", &MAX_CONSENT.to_string())],
        )
    };
    view! {
        <section data-testid="study-form">
            <h1 tabindex="-1" node_ref=heading>{move || state.t("research.study.title")}</h1>
            <p>{move || state.t("research.study.intro")}</p>
            <form class="research-form" on:submit=submit novalidate>
                <div class="field">
                    <label for="study-name">{move || state.t("research.study.name")}</label>
                    <p class="item-hint" id="study-name-hint">{move || state.t("research.study.hint.name")}</p>
                    <input id="study-name" type="text" node_ref=name_input data-testid="study-name"
                        autocomplete="off" aria-describedby="study-name-hint study-name-error"
                        aria-invalid=invalid("name")
                        prop:value=move || draft.with(|d| d.name.clone())
                        on:input=move |ev| draft.update(|d| d.name = event_target_value(&ev))/>
                    <p class="field-error" id="study-name-error">{field_error("name")}</p>
                </div>
                <div class="field">
                    <label for="study-contact">{move || state.t("research.study.contact")}</label>
                    <p class="item-hint" id="study-contact-hint">{move || state.t("research.study.hint.contact")}</p>
                    <input id="study-contact" type="text" node_ref=contact_input data-testid="study-contact"
                        autocomplete="email" aria-describedby="study-contact-hint study-contact-error"
                        aria-invalid=invalid("contact")
                        prop:value=move || draft.with(|d| d.contact.clone())
                        on:input=move |ev| draft.update(|d| d.contact = event_target_value(&ev))/>
                    <p class="field-error" id="study-contact-error">{field_error("contact")}</p>
                </div>
                <div class="field">
                    <label for="study-consent">{move || state.t("research.study.consent")}</label>
                    <p class="item-hint" id="study-consent-hint">{move || state.t("research.study.consent_hint")}</p>
                    <textarea id="study-consent" rows="5" node_ref=consent_input data-testid="study-consent"
                        aria-describedby="study-consent-hint study-consent-count study-consent-error"
                        aria-invalid=invalid("consent")
                        prop:value=move || draft.with(|d| d.consent_extra.clone())
                        on:input=move |ev| draft.update(|d| d.consent_extra = event_target_value(&ev))></textarea>
                    <p class="item-hint" id="study-consent-count">{consent_count}</p>
                    <p class="field-error" id="study-consent-error">{field_error("consent")}</p>
                </div>
                <button type="submit" class="button button-primary" data-testid="study-create">
                    {move || state.t("research.study.create")}
                </button>
            </form>
        </section>
    }
}

#[component]
fn KeyDownload(
    step: RwSignal<Step>,
    pending: StoredValue<Option<(age::x25519::Identity, Study)>>,
    heading: NodeRef<leptos::html::H1>,
) -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    let downloaded = RwSignal::new(false);
    let keep = RwSignal::new(false);
    let show_needed = RwSignal::new(false);
    let download = move |_| {
        let created = now();
        let file = pending.with_value(|p| {
            p.as_ref().map(|(identity, study)| {
                let comment = state.t("research.key.file_comment");
                (
                    identity_file(identity, created, &comment),
                    identity_file_name(&study.name, created),
                )
            })
        });
        if let Some((contents, name)) = file {
            if browser::download(&contents, &name, TEXT_MIME).is_ok() {
                downloaded.set(true);
                show_needed.set(false);
            } else {
                state.notice.set(Some("research.download_failed"));
            }
        }
    };
    let go_on = move |_| {
        if !downloaded.get_untracked() {
            show_needed.set(true);
            return;
        }
        let Some((identity, study)) = pending.get_value() else {
            step.set(Step::Form);
            return;
        };
        state.report(store::save_record(RESEARCH_STUDY_KEY, &study));
        research.study.set(Some(study));
        research.set_identity(identity, keep.get_untracked());
        pending.set_value(None);
        step.set(Step::Done);
    };
    view! {
        <section data-testid="key-step">
            <h1 tabindex="-1" node_ref=heading>{move || state.t("research.key.title")}</h1>
            <p>{move || state.t("research.key.intro")}</p>
            <div class="panel panel-warning">
                <p><strong>{move || state.t("research.key.warning")}</strong></p>
                <p>{move || state.t("research.key.where")}</p>
            </div>
            <p>
                <button type="button" class="button button-primary" data-testid="key-download" on:click=download>
                    {move || state.t("research.key.download")}
                </button>
            </p>
            <p role="status" data-testid="key-downloaded">
                {move || downloaded.get().then(|| state.t("research.key.downloaded"))}
            </p>
            <label class="option option-check">
                <input type="checkbox" data-testid="key-keep" aria-describedby="key-keep-hint"
                    prop:checked=move || keep.get()
                    on:change=move |ev| keep.set(event_target_checked(&ev))/>
                <span>{move || state.t("research.key.keep")}</span>
            </label>
            <p class="item-hint" id="key-keep-hint">{move || state.t("research.key.keep_hint")}</p>
            <p class="field-error" id="key-needed" role="alert">
                {move || show_needed.get().then(|| state.t("research.key.download_first"))}
            </p>
            <div class="step-nav">
                <button type="button" class="button" on:click=move |_| step.set(Step::Form)>
                    {move || state.t("invite.back")}
                </button>
                <button type="button" class="button button-primary" data-testid="study-continue"
                    aria-describedby="key-needed" on:click=go_on>
                    {move || state.t("research.key.continue")}
                </button>
            </div>
        </section>
    }
}

#[component]
fn StudyReady(
    step: RwSignal<Step>,
    heading: NodeRef<leptos::html::H1>,
    research: ResearchState,
) -> impl IntoView {
    let state = use_app_state();
    let Some(study) = research.study.get_untracked() else {
        step.set(Step::Form);
        return ().into_any();
    };
    let link = format!("{}#{}", browser::base_url(), study_fragment(&study));
    let file_study = study.clone();
    let download_file = move |_| {
        offer_download(
            state,
            &study_file(&file_study),
            &study_file_name(&file_study),
            "application/json",
        );
    };
    let researcher_key = study.researcher_key.clone();
    let study_key = researcher_key.clone();
    let key_matches = move || research.key.get().as_deref() == Some(study_key.as_str());
    view! {
        <section data-testid="study-ready">
            <h1 tabindex="-1" node_ref=heading>{move || state.t("research.ready.title")}</h1>
            <dl class="study-facts">
                <dt>{move || state.t("research.study.name")}</dt>
                <dd data-testid="ready-name">{study.name.clone()}</dd>
                <dt>{move || state.t("research.study.contact")}</dt>
                <dd>{study.contact.clone()}</dd>
                {study.consent_extra.clone().map(|text| view! {
                    <dt>{move || state.t("research.study.consent")}</dt>
                    <dd class="study-text">{text}</dd>
                })}
                <dt>{move || state.t("research.ready.public_key")}</dt>
                <dd><code class="key" data-testid="public-key">{researcher_key}</code></dd>
            </dl>
            <p class="hint">{move || state.t("research.ready.public_key_hint")}</p>
            {move || (!key_matches()).then(|| view! {
                <p class="banner banner-info">{state.t("research.ready.key_not_loaded")}</p>
            })}

            <h2>{move || state.t("research.ready.link_title")}</h2>
            <p id="study-link-hint">{move || state.t("research.ready.link_text")}</p>
            <label for="study-link" class="visually-hidden">{move || state.t("research.ready.link_title")}</label>
            <textarea id="study-link" class="link-box" readonly rows="4" data-testid="study-link"
                aria-describedby="study-link-hint"
                on:focus=move |ev| {
                    let area: web_sys::HtmlTextAreaElement = event_target(&ev);
                    area.select();
                }>{link.clone()}</textarea>

            <h2>{move || state.t("research.ready.file_title")}</h2>
            <p>{move || state.t("research.ready.file_text")}</p>
            <p>
                <button type="button" class="button" data-testid="study-file-download" on:click=download_file>
                    {move || state.t("research.ready.file_download")}
                </button>
            </p>
            <p class="hint">{move || state.t("research.ready.file_how")}</p>
            <pre class="command">"BALANS_DEFAULT_STUDY=\"$(cat "{study_file_name(&study)}")\" trunk build --release"</pre>

            <div class="step-nav">
                <button type="button" class="link-button" data-testid="study-new" on:click=move |_| step.set(Step::Form)>
                    {move || state.t("research.ready.new")}
                </button>
                <A href="/research/import" attr:class="button button-primary" attr:data-testid="to-import">
                    {move || state.t("research.ready.to_import")}
                </A>
            </div>
        </section>
    }
    .into_any()
}
