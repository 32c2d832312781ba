//! The lock's screens (issue 17): the lock screen in front of a locked
//! scope's screens, the step that sets a passphrase (offered on the
//! workspace and after unlocking with the key file), and "Lock now".

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;

use crate::core::lock::{check_passphrase, LockError, Scope};
use crate::ui::browser;
use crate::ui::components::{AnyProblem, ErrorPanel, FileDrop};
use crate::ui::lock;
use crate::ui::state::use_app_state;

/// The scope whose screens `path` shows.
fn scope_of(path: &str) -> Scope {
    if super::is_research_path(path) {
        Scope::Research
    } else {
        Scope::Professional
    }
}

/// What the gate shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gate {
    Open,
    Locked(Scope),
    Renew(Scope),
}

/// Shows the lock screen instead of a locked scope's screens, and the new
/// passphrase step after unlocking with the key file.
#[component]
pub fn LockGate(children: ChildrenFn) -> impl IntoView {
    let location = use_location();
    let revision = lock::revision();
    let gate = Memo::new(move |_| {
        revision.track();
        let scope = scope_of(&location.pathname.get());
        if lock::is_locked(scope) {
            Gate::Locked(scope)
        } else if lock::must_renew(scope) {
            Gate::Renew(scope)
        } else {
            Gate::Open
        }
    });
    move || match gate.get() {
        Gate::Open => children().into_any(),
        Gate::Locked(scope) => view! { <LockScreen scope=scope/> }.into_any(),
        Gate::Renew(scope) => view! {
            <section class="panel lock-screen" data-testid="renew-passphrase">
                <h1 tabindex="-1">{move || use_app_state().t("lock.key_file.new")}</h1>
                <SetPassphrase scope=scope/>
            </section>
        }
        .into_any(),
    }
}

/// The lock screen: what the header shows in clear, the passphrase, and
/// the way in with the key file.
#[component]
fn LockScreen(scope: Scope) -> impl IntoView {
    let state = use_app_state();
    let header = lock::header(scope);
    let (study, name) = match &header {
        Some(Ok(h)) => (h.study_name.clone(), h.display_name.clone()),
        _ => (String::new(), String::new()),
    };
    let damaged: Option<AnyProblem> = match header {
        Some(Err(e)) => Some(e.into()),
        _ => None,
    };
    let passphrase = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AnyProblem>);
    let busy = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            // Let the "opening" status show before the derivation runs.
            browser::yield_now().await;
            let result = lock::unlock(scope, &passphrase.get_untracked());
            busy.set(false);
            if let Err(e) = result {
                error.set(Some(e.into()));
                passphrase.set(String::new());
                if let Some(input) = input.get_untracked() {
                    let _ = input.focus();
                }
            }
        });
    };
    let file_error = RwSignal::new(None::<AnyProblem>);
    let on_key_file = Callback::new(move |files: Vec<web_sys::File>| {
        let Some(file) = files.into_iter().next() else {
            return;
        };
        spawn_local(async move {
            let result = match browser::read_bytes(&file).await {
                Ok(bytes) => lock::unlock_with_key_file(scope, &String::from_utf8_lossy(&bytes)),
                Err(_) => Err(LockError::WrongKeyFile),
            };
            if let Err(e) = result {
                file_error.set(Some(e.into()));
            }
        });
    });
    let title = match scope {
        Scope::Professional => "lock.title",
        Scope::Research => "lock.title_research",
    };
    view! {
        <section class="panel lock-screen" data-testid="lock-screen">
            <h1 tabindex="-1">{move || state.t(title)}</h1>
            <dl class="lock-facts">
                <dt>{move || state.t("lock.study")}</dt>
                <dd data-testid="lock-study">{study}</dd>
                {(!name.is_empty()).then(|| view! {
                    <dt>{move || state.t("lock.name")}</dt>
                    <dd data-testid="lock-name">{name.clone()}</dd>
                })}
            </dl>
            {damaged.map(|e| view! { <ErrorPanel error=e testid="lock-damaged"/> })}
            <p>{move || state.t("lock.intro")}</p>
            <form on:submit=submit novalidate>
                <label for="lock-passphrase" class="field-label">{move || state.t("lock.passphrase")}</label>
                <input id="lock-passphrase" type="password" class="text-input" node_ref=input
                    data-testid="lock-passphrase" autocomplete="current-password"
                    aria-describedby="lock-error" bind:value=passphrase/>
                <div id="lock-error" class="field-error" role="alert">
                    {move || error.get().map(|e| view! { <ErrorPanel error=e testid="lock-error"/> })}
                </div>
                <button type="submit" class="button button-primary" data-testid="lock-unlock"
                    aria-disabled=move || busy.get().to_string()>
                    {move || if busy.get() { state.t("lock.unlocking") } else { state.t("lock.unlock") }}
                </button>
            </form>
            <details class="restore" data-testid="lock-forgot">
                <summary>{move || state.t("lock.forgot")}</summary>
                <p>{move || state.t("lock.key_file.intro")}</p>
                <FileDrop label_key="lock.key_file.choose" hint_key="pro.import.drop_hint"
                    accept=".txt,.key,text/plain" testid="lock-key-file" on_files=on_key_file/>
                <div class="field-error" role="alert">
                    {move || file_error.get().map(|e| view! { <ErrorPanel error=e testid="lock-key-error"/> })}
                </div>
            </details>
        </section>
    }
}

/// The keys the data key is wrapped to, and the names the lock screen
/// shows: every workspace on the device (the first one's names), or the
/// researcher's study.
fn what_to_lock(
    scope: Scope,
    study: Option<&crate::core::links::Study>,
) -> (Vec<String>, String, String) {
    match scope {
        Scope::Professional => {
            let workspaces = super::professional::list_workspaces();
            let keys = workspaces.iter().map(|w| w.public_key.clone()).collect();
            let (study, name) = workspaces
                .first()
                .map(|w| (w.study.name.clone(), w.display_name.clone()))
                .unwrap_or_default();
            (keys, study, name)
        }
        Scope::Research => match study {
            Some(study) => (
                vec![study.researcher_key.clone()],
                study.name.clone(),
                String::new(),
            ),
            None => (Vec::new(), String::new(), String::new()),
        },
    }
}

/// Two passphrase fields and what setting one means.
#[component]
pub fn SetPassphrase(
    scope: Scope,
    /// The researcher's study (its key file opens the research lock).
    #[prop(default = None)]
    study: Option<crate::core::links::Study>,
) -> impl IntoView {
    let state = use_app_state();
    let study = StoredValue::new(study);
    let first = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AnyProblem>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        if let Err(e) = check_passphrase(&first.get_untracked(), &again.get_untracked()) {
            error.set(Some(e.into()));
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            browser::yield_now().await;
            let (keys, study_name, name) = what_to_lock(scope, study.get_value().as_ref());
            let result =
                lock::set_passphrase(scope, &first.get_untracked(), &keys, &study_name, &name);
            busy.set(false);
            match result {
                Ok(()) => {
                    first.set(String::new());
                    again.set(String::new());
                    done.set(true);
                }
                Err(e) => error.set(Some(e.into())),
            }
        });
    };
    let minutes = lock::idle_minutes().to_string();
    view! {
        <div data-testid="set-passphrase">
            // Once set, only the confirmation stays: the fields and the
            // explanation of an unset passphrase would contradict it.
            <div prop:hidden=move || done.get()>
            <p>{move || state.t("lock.set.intro")}</p>
            <p>{move || state.t("lock.set.forgot")}</p>
            <p>{move || state.tw("lock.set.idle", &[("minutes", &minutes)])}</p>
            <form on:submit=submit novalidate>
                <label for="new-passphrase" class="field-label">{move || state.t("lock.set.passphrase")}</label>
                <input id="new-passphrase" type="password" class="text-input"
                    data-testid="new-passphrase" autocomplete="new-password"
                    aria-describedby="new-passphrase-error" bind:value=first/>
                <label for="new-passphrase-again" class="field-label">{move || state.t("lock.set.again")}</label>
                <input id="new-passphrase-again" type="password" class="text-input"
                    data-testid="new-passphrase-again" autocomplete="new-password"
                    aria-describedby="new-passphrase-error" bind:value=again/>
                <div id="new-passphrase-error" class="field-error" role="alert">
                    {move || error.get().map(|e| view! { <ErrorPanel error=e testid="passphrase-error"/> })}
                </div>
                <button type="submit" class="button button-primary" data-testid="set-passphrase-button"
                    aria-disabled=move || busy.get().to_string()>
                    {move || if busy.get() { state.t("lock.set.busy") } else { state.t("lock.set.save") }}
                </button>
            </form>
            </div>
            <p role="status" data-testid="passphrase-status">
                {move || done.get().then(|| state.t("lock.set.done"))}
            </p>
        </div>
    }
}

/// The offer to set a passphrase while the scope has none: on the
/// workspace (the professional), on the research hub once a study is set
/// (the researcher; the study's key file is the way back).
#[component]
pub fn LockOffer(
    /// The researcher's study: the offer is the researcher's; without it,
    /// the professional's.
    #[prop(optional)]
    study: Option<crate::core::links::Study>,
) -> impl IntoView {
    let state = use_app_state();
    let revision = lock::revision();
    let scope = if study.is_some() {
        Scope::Research
    } else {
        Scope::Professional
    };
    // Once set, the offer goes; the confirmation stays in its place.
    let had_lock = lock::has_lock(scope);
    let (keys, _, _) = what_to_lock(scope, study.as_ref());
    // A workspace made since the passphrase was set: its key file opens
    // the lock too.
    if had_lock {
        lock::add_public_keys(scope, &keys);
    }
    (!had_lock && !keys.is_empty()).then(|| {
        view! {
            <section class="panel" data-testid="lock-offer">
                <h2>{move || state.t("lock.set.title")}</h2>
                {move || {
                    revision.track();
                    (!lock::has_lock(scope)).then(|| view! { <p><strong>{state.t("lock.set.none")}</strong></p> })
                }}
                <SetPassphrase scope=scope study=study.clone()/>
            </section>
        }
    })
}

/// "Lock now" in the header, while a scope with a passphrase is unlocked.
pub fn lock_now_button() -> AnyView {
    let state = use_app_state();
    let revision = lock::revision();
    (move || {
        revision.track();
        lock::any_unlocked().then(|| {
            view! {
                <button type="button" class="text-size" data-testid="lock-now"
                    on:click=move |_| lock::lock_all()>
                    <svg class="lock-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                        <rect x="5" y="11" width="14" height="10" rx="2" fill="currentColor"/>
                        <path d="M8 11V8a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" stroke-width="2"/>
                    </svg>
                    <span>{move || state.t("lock.now")}</span>
                </button>
            }
        })
    })
    .into_any()
}
