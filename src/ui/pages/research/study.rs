//! Setting up a study: name, contact and consent text; a new age key pair
//! whose secret key the researcher downloads before going on; an optional
//! second key (made here and downloaded as its own file, or an existing
//! public key pasted); then the public keys, the study link for
//! professionals and the study file.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::{offer_download, tr, use_research_state, ResearchState, TEXT_MIME};
use crate::core::keys::{generate_identity, identity_file, public_key};
use crate::core::links::{
    add_study_key, identity_file_name, places_text, second_identity_file_name, study_file,
    study_file_name, study_fragment, Study, StudyDraft, StudyError, StudyKeysError, MAX_CONSENT,
    RESEARCH_STUDY_KEY,
};
use crate::ui::browser::{self, DownloadOptions};
use crate::ui::components::ErrorPanel;
use crate::ui::state::{now, use_app_state, AppState};
use crate::ui::store;

/// Where the set-up is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Form,
    Key,
    SecondKey,
    Done,
}

/// What the researcher chose for a second key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SecondChoice {
    None,
    Make,
    Paste,
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
    // Whether to keep the first secret key in this browser, chosen on the
    // key step and applied when the study is set up.
    let keep = RwSignal::new(false);
    let heading = NodeRef::<leptos::html::H1>::new();
    browser::focus_on_step_change(move || step.get(), heading);
    move || match step.get() {
        Step::Form => view! { <StudyForm step=step pending=pending heading=heading/> }.into_any(),
        Step::Key => {
            view! { <KeyDownload step=step pending=pending keep=keep heading=heading/> }.into_any()
        }
        Step::SecondKey => {
            view! { <SecondKey step=step pending=pending keep=keep heading=heading/> }.into_any()
        }
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
    let places_input = NodeRef::<leptos::html::Textarea>::new();
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
                    Some("places") => places_input.get().map(|i| i.focus()),
                    _ => name_input.get().map(|i| i.focus()),
                };
            }
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
            <h1 tabindex="-1" node_ref=heading>{tr(state, "research.study.title")}</h1>
            <p>{tr(state, "research.study.intro")}</p>
            <form class="research-form" on:submit=submit novalidate>
                <TextField field="name" label_key="research.study.name" hint_key="research.study.hint.name"
                    autocomplete="off" input=name_input draft=draft error=error/>
                <TextField field="contact" label_key="research.study.contact" hint_key="research.study.hint.contact"
                    autocomplete="email" input=contact_input draft=draft error=error/>
                <div class="field">
                    <label for="study-consent">{tr(state, "research.study.consent")}</label>
                    <p class="item-hint" id="study-consent-hint">{tr(state, "research.study.consent_hint")}</p>
                    <textarea id="study-consent" rows="5" node_ref=consent_input data-testid="study-consent"
                        aria-describedby="study-consent-hint study-consent-count study-consent-error"
                        aria-invalid=move || invalid(error, "consent")
                        prop:value=move || draft.with(|d| d.consent_extra.clone())
                        on:input=move |ev| draft.update(|d| d.consent_extra = event_target_value(&ev))></textarea>
                    <p class="item-hint" id="study-consent-count">{consent_count}</p>
                    <FieldError field="consent" error=error/>
                </div>
                <div class="field">
                    <label for="study-places">{tr(state, "research.study.places")}</label>
                    <p class="item-hint" id="study-places-hint">{tr(state, "research.study.hint.places")}</p>
                    <textarea id="study-places" rows="4" node_ref=places_input data-testid="study-places"
                        autocomplete="off" aria-describedby="study-places-hint study-places-error"
                        aria-invalid=move || invalid(error, "places")
                        prop:value=move || draft.with(|d| d.places.clone())
                        on:input=move |ev| draft.update(|d| d.places = event_target_value(&ev))></textarea>
                    <FieldError field="places" error=error/>
                </div>
                <button type="submit" class="button button-primary" data-testid="study-create">
                    {tr(state, "research.study.create")}
                </button>
            </form>
        </section>
    }
}

/// Whether `error` is about `field`, as `aria-invalid` wants it.
fn invalid(error: RwSignal<Option<StudyError>>, field: &'static str) -> String {
    error
        .get()
        .is_some_and(|e| e.field() == Some(field))
        .to_string()
}

/// The message under a field when the form's error is about it (errors
/// about no field show under the name).
#[component]
fn FieldError(field: &'static str, error: RwSignal<Option<StudyError>>) -> impl IntoView {
    let mine = move || {
        error
            .get()
            .filter(|e| e.field() == Some(field) || (field == "name" && e.field().is_none()))
    };
    view! {
        <p class="field-error" id=format!("study-{field}-error")>
            {move || mine().map(|e| view! {
                <ErrorPanel error=e testid="study-error"/>
            })}
        </p>
    }
}

/// A one-line field of the study form with its hint and error.
#[component]
fn TextField(
    field: &'static str,
    label_key: &'static str,
    hint_key: &'static str,
    autocomplete: &'static str,
    input: NodeRef<leptos::html::Input>,
    draft: RwSignal<StudyDraft>,
    error: RwSignal<Option<StudyError>>,
) -> impl IntoView {
    let state = use_app_state();
    let id = format!("study-{field}");
    let value = move || {
        draft.with(|d| match field {
            "contact" => d.contact.clone(),
            _ => d.name.clone(),
        })
    };
    let set = move |text: String| {
        draft.update(|d| match field {
            "contact" => d.contact = text,
            _ => d.name = text,
        })
    };
    view! {
        <div class="field">
            <label for=id.clone()>{move || state.t(label_key)}</label>
            <p class="item-hint" id=format!("{id}-hint")>{move || state.t(hint_key)}</p>
            <input id=id.clone() type="text" node_ref=input data-testid=id.clone()
                autocomplete=autocomplete aria-describedby=format!("{id}-hint {id}-error")
                aria-invalid=move || invalid(error, field)
                prop:value=value
                on:input=move |ev| set(event_target_value(&ev))/>
            <FieldError field=field error=error/>
        </div>
    }
}

#[component]
fn KeyDownload(
    step: RwSignal<Step>,
    pending: StoredValue<Option<(age::x25519::Identity, Study)>>,
    keep: RwSignal<bool>,
    heading: NodeRef<leptos::html::H1>,
) -> impl IntoView {
    let state = use_app_state();
    let downloaded = RwSignal::new(false);
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
            if browser::download(&contents, &name, DownloadOptions::default().mime(TEXT_MIME))
                .is_ok()
            {
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
        if pending.with_value(Option::is_none) {
            step.set(Step::Form);
            return;
        }
        step.set(Step::SecondKey);
    };
    view! {
        <section data-testid="key-step">
            <h1 tabindex="-1" node_ref=heading>{tr(state, "research.key.title")}</h1>
            <p>{tr(state, "research.key.intro")}</p>
            {key_file_panel(state, KeyFile::First, download, downloaded)}
            <label class="option option-check">
                <input type="checkbox" data-testid="key-keep" aria-describedby="key-keep-hint"
                    prop:checked=move || keep.get()
                    on:change=move |ev| keep.set(event_target_checked(&ev))/>
                <span>{tr(state, "research.key.keep")}</span>
            </label>
            <p class="item-hint" id="key-keep-hint">{tr(state, "research.key.keep_hint")}</p>
            <p class="field-error" id="key-needed" role="alert">
                {move || show_needed.get().then(|| state.t("research.key.download_first"))}
            </p>
            <div class="step-nav">
                <button type="button" class="button" on:click=move |_| step.set(Step::Form)>
                    {tr(state, "invite.back")}
                </button>
                <button type="button" class="button button-primary" data-testid="study-continue"
                    aria-describedby="key-needed" on:click=go_on>
                    {tr(state, "research.key.continue")}
                </button>
            </div>
        </section>
    }
}

/// Which of the study's secret key files a panel offers.
#[derive(Clone, Copy)]
enum KeyFile {
    First,
    Second,
}

impl KeyFile {
    /// Its warning, button and "downloaded" texts, and its test id prefix.
    fn texts(self) -> [&'static str; 4] {
        match self {
            KeyFile::First => [
                "research.key.warning",
                "research.key.download",
                "research.key.downloaded",
                "key",
            ],
            KeyFile::Second => [
                "research.second.warning",
                "research.second.download",
                "research.second.downloaded",
                "second",
            ],
        }
    }
}

/// A secret key file to download: its warning, the button, and a status
/// once it is downloaded (one panel for the first and the second key).
fn key_file_panel(
    state: AppState,
    file: KeyFile,
    download: impl Fn(leptos::ev::MouseEvent) + Copy + 'static,
    downloaded: RwSignal<bool>,
) -> impl IntoView {
    let [warning, button, done, id] = file.texts();
    view! {
        <div class="panel panel-warning">
            <p><strong>{tr(state, warning)}</strong></p>
            <p>{tr(state, "research.key.where")}</p>
        </div>
        <p>
            <button type="button" class="button button-primary" data-testid=format!("{id}-download") on:click=download>
                {tr(state, button)}
            </button>
        </p>
        <p role="status" data-testid=format!("{id}-downloaded")>
            {move || downloaded.get().then(|| state.t(done))}
        </p>
    }
}

/// The optional second key: none, one made here (its secret key file
/// downloaded apart from the first, with the same warnings), or an existing
/// public key pasted. Finishing sets the study up.
#[component]
fn SecondKey(
    step: RwSignal<Step>,
    pending: StoredValue<Option<(age::x25519::Identity, Study)>>,
    keep: RwSignal<bool>,
    heading: NodeRef<leptos::html::H1>,
) -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    let choice = RwSignal::new(SecondChoice::None);
    // The key pair made here, once the researcher chooses to make one.
    let made: StoredValue<Option<age::x25519::Identity>> = StoredValue::new(None);
    let downloaded = RwSignal::new(false);
    let show_needed = RwSignal::new(false);
    let pasted = RwSignal::new(String::new());
    let error = RwSignal::new(None::<StudyKeysError>);
    let paste_input = NodeRef::<leptos::html::Input>::new();
    let choose = move |c: SecondChoice| {
        choice.set(c);
        error.set(None);
        show_needed.set(false);
        if c == SecondChoice::Make && made.with_value(Option::is_none) {
            made.set_value(Some(generate_identity()));
        }
    };
    let download = move |_| {
        let created = now();
        let name = pending.with_value(|p| p.as_ref().map(|(_, s)| s.name.clone()));
        let file = made.with_value(|m| {
            m.as_ref().map(|identity| {
                let comment = state.t("research.second.file_comment");
                identity_file(identity, created, &comment)
            })
        });
        if let (Some(contents), Some(name)) = (file, name) {
            let name = second_identity_file_name(&name, created);
            if browser::download(&contents, &name, DownloadOptions::default().mime(TEXT_MIME))
                .is_ok()
            {
                downloaded.set(true);
                show_needed.set(false);
            } else {
                state.notice.set(Some("research.download_failed"));
            }
        }
    };
    let finish = move |_| {
        let Some((identity, study)) = pending.get_value() else {
            step.set(Step::Form);
            return;
        };
        let study = match choice.get_untracked() {
            SecondChoice::None => Ok(study),
            SecondChoice::Make => {
                if !downloaded.get_untracked() {
                    show_needed.set(true);
                    return;
                }
                match made.with_value(|m| m.as_ref().map(public_key)) {
                    Some(key) => add_study_key(&study, &key),
                    None => Ok(study),
                }
            }
            SecondChoice::Paste => add_study_key(&study, &pasted.get_untracked()),
        };
        match study {
            Ok(study) => {
                state.report(store::save_record(RESEARCH_STUDY_KEY, &study));
                research.study.set(Some(study));
                research.set_identity(identity, keep.get_untracked());
                pending.set_value(None);
                step.set(Step::Done);
            }
            Err(e) => {
                error.set(Some(e));
                let _ = paste_input.get().map(|i| i.focus());
            }
        }
    };
    let option = move |c: SecondChoice, key: &'static str, testid: &'static str| {
        view! {
            <label class="option" class:selected=move || choice.get() == c>
                <input type="radio" name="second-key" data-testid=testid
                    prop:checked=move || choice.get() == c
                    on:change=move |_| choose(c)/>
                <span>{tr(state, key)}</span>
            </label>
        }
    };
    view! {
        <section data-testid="second-key-step">
            <h1 tabindex="-1" node_ref=heading>{tr(state, "research.second.title")}</h1>
            <p>{tr(state, "research.second.intro")}</p>
            <fieldset class="plain">
                <legend class="field-label">{tr(state, "research.second.legend")}</legend>
                <div class="options">
                    {option(SecondChoice::None, "research.second.none", "second-none")}
                    {option(SecondChoice::Make, "research.second.make", "second-make")}
                    {option(SecondChoice::Paste, "research.second.paste", "second-paste-choice")}
                </div>
            </fieldset>
            {move || match choice.get() {
                SecondChoice::None => ().into_any(),
                SecondChoice::Make => view! {
                    <div data-testid="second-make-panel">
                        <p>{tr(state, "research.second.make_hint")}</p>
                        {key_file_panel(state, KeyFile::Second, download, downloaded)}
                    </div>
                }.into_any(),
                SecondChoice::Paste => view! {
                    <div class="research-form"><div class="field">
                        <label for="second-paste">{tr(state, "research.second.paste_label")}</label>
                        <p class="item-hint" id="second-paste-hint">{tr(state, "research.second.paste_hint")}</p>
                        <input id="second-paste" type="text" class="key-paste" node_ref=paste_input
                            data-testid="second-paste" autocomplete="off" spellcheck="false"
                            aria-describedby="second-paste-hint second-paste-error"
                            aria-invalid=move || error.get().is_some().to_string()
                            prop:value=move || pasted.get()
                            on:input=move |ev| {
                                pasted.set(event_target_value(&ev));
                                error.set(None);
                            }/>
                        <div class="field-error" id="second-paste-error">
                            {move || error.get().map(|e| view! {
                                <ErrorPanel error=e testid="second-key-error"/>
                            })}
                        </div>
                    </div></div>
                }.into_any(),
            }}
            <p class="field-error" id="second-needed" role="alert">
                {move || show_needed.get().then(|| state.t("research.second.download_first"))}
            </p>
            <div class="step-nav">
                <button type="button" class="button" on:click=move |_| step.set(Step::Key)>
                    {tr(state, "invite.back")}
                </button>
                <button type="button" class="button button-primary" data-testid="study-finish"
                    aria-describedby="second-needed" on:click=finish>
                    {tr(state, "research.second.finish")}
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
    let copy_link = StoredValue::new(link.clone());
    // None: not tried yet; Some(true): copied; Some(false): the browser refused.
    let copied = RwSignal::new(None::<bool>);
    let copy = move |_| {
        spawn_local(async move {
            let outcome = browser::copy_text(&copy_link.get_value()).await;
            copied.set(Some(outcome.is_ok()));
        });
    };
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
    let more_keys = study.more_keys.clone();
    let two_keys = !more_keys.is_empty();
    let key_study = study.clone();
    let key_matches = move || research.key.get().is_some_and(|k| key_study.has_key(&k));
    view! {
        <section data-testid="study-ready">
            <h1 tabindex="-1" node_ref=heading>{tr(state, "research.ready.title")}</h1>
            <dl class="study-facts">
                <dt>{tr(state, "research.study.name")}</dt>
                <dd data-testid="ready-name">{study.name.clone()}</dd>
                <dt>{tr(state, "research.study.contact")}</dt>
                <dd>{study.contact.clone()}</dd>
                {study.consent_extra.clone().map(|text| view! {
                    <dt>{tr(state, "research.study.consent")}</dt>
                    <dd class="study-text">{text}</dd>
                })}
                {(!study.places.is_empty()).then(|| view! {
                    <dt>{tr(state, "research.ready.places")}</dt>
                    <dd>
                        <ul class="place-list" data-testid="ready-places">
                            {study.places.iter().map(|p| {
                                view! { <li>{places_text(std::slice::from_ref(p))}</li> }
                            }).collect_view()}
                        </ul>
                    </dd>
                })}
                <dt>{tr(state, if two_keys {
                    "research.ready.first_key"
                } else {
                    "research.ready.public_key"
                })}</dt>
                <dd><code class="key" data-testid="public-key">{researcher_key}</code></dd>
                {more_keys.into_iter().map(|key| view! {
                    <dt>{tr(state, "research.ready.second_key")}</dt>
                    <dd><code class="key" data-testid="second-public-key">{key}</code></dd>
                }).collect_view()}
            </dl>
            <p class="hint">{tr(state, if two_keys {
                "research.ready.keys_hint"
            } else {
                "research.ready.public_key_hint"
            })}</p>
            {move || (!key_matches()).then(|| view! {
                <p class="banner banner-info">{state.t("research.ready.key_not_loaded")}</p>
            })}

            <h2>{tr(state, "research.ready.link_title")}</h2>
            <p id="study-link-hint">{tr(state, "research.ready.link_text")}</p>
            <label for="study-link" class="visually-hidden">{tr(state, "research.ready.link_title")}</label>
            <textarea id="study-link" class="link-box" readonly rows="4" data-testid="study-link"
                aria-describedby="study-link-hint"
                on:focus=move |ev| {
                    let area: web_sys::HtmlTextAreaElement = event_target(&ev);
                    area.select();
                }>{link.clone()}</textarea>
            <p>
                <button type="button" class="button button-primary" data-testid="study-link-copy" on:click=copy>
                    {tr(state, "pro.invite.copy")}
                </button>
            </p>
            <div role="status" aria-live="polite" data-testid="study-copy-status">
                {move || copied.get().map(|ok| if ok {
                    view! { <p class="banner banner-success">{state.t("pro.invite.copied")}</p> }.into_any()
                } else {
                    view! { <p class="banner banner-error">{state.t("pro.invite.copy_failed")}</p> }.into_any()
                })}
            </div>

            <h2>{tr(state, "research.ready.file_title")}</h2>
            <p>{tr(state, "research.ready.file_text")}</p>
            <p>
                <button type="button" class="button" data-testid="study-file-download" on:click=download_file>
                    {tr(state, "research.ready.file_download")}
                </button>
            </p>
            <p class="hint">{tr(state, "research.ready.file_how")}</p>
            <pre class="command">"BALANS_DEFAULT_STUDY=\"$(cat "{study_file_name(&study)}")\" trunk build --release"</pre>

            <div class="step-nav">
                <button type="button" class="link-button" data-testid="study-new" on:click=move |_| step.set(Step::Form)>
                    {tr(state, "research.ready.new")}
                </button>
                <A href="/research/import" attr:class="button button-primary" attr:data-testid="to-import">
                    {tr(state, "research.ready.to_import")}
                </A>
            </div>
        </section>
    }
    .into_any()
}
