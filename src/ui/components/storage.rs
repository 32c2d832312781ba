//! How the device keeps the answers: whether the browser promised to keep
//! them, and the values set aside because they could not be read, each of
//! which can still leave the device as a locked (age-encrypted) file.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::error::Problem;
use crate::core::exchange::{rescue_draft, RescueError};
use crate::ui::browser::{self, DownloadOptions, PersistenceError};
use crate::ui::components::{AnyProblem, ConfirmButtons, ErrorPanel, ScreenError};
use crate::ui::state::{now, use_app_state};
use crate::ui::store::{self, SetAside, StoreError};

/// MIME type of an armored age file.
const AGE_MIME: &str = "application/octet-stream";

/// Whether the browser keeps the answers for good, why that matters (some
/// browsers delete a site's data after a week unvisited), and a button to
/// ask for it, with the browser's answer.
#[component]
pub fn StorageStatus() -> impl IntoView {
    let state = use_app_state();
    // The browser's answer to the button: without it a refusal looked like
    // nothing happened (issue 12).
    let asked = RwSignal::new(None::<Result<bool, PersistenceError>>);
    let ask = move |_| {
        spawn_local(async move {
            let answer = browser::request_persistence().await;
            if let Ok(granted) = answer {
                state.persistent.set(Some(granted));
            }
            asked.set(Some(answer));
        })
    };
    let answer = move || {
        asked.get().map(|answer| {
            let (class, text) = match answer {
                Ok(true) => (
                    "banner banner-success",
                    state.t("storage.persistent.granted"),
                ),
                Ok(false) => ("banner banner-info", state.t("storage.persistent.refused")),
                Err(e) => (
                    "banner banner-info",
                    format!("{} {}", state.t(e.message_key()), state.t(e.hint_key())),
                ),
            };
            let code = match answer {
                Ok(true) => "granted",
                Ok(false) => "refused",
                Err(e) => e.code(),
            };
            view! { <p class=class data-testid="persist-answer" data-answer=code>{text}</p> }
        })
    };
    let persistent = move || state.persistent.get() == Some(true);
    let code = move || match state.persistent.get() {
        Some(true) => "true",
        Some(false) => "false",
        None => "unknown",
    };
    move || {
        // Without storage the warning banner already says all there is.
        (state.storage_problem.get() != Some(StoreError::Unavailable)).then(|| {
            view! {
                <section class="panel storage-status" data-testid="storage-status" data-persistent=code>
                    <h2>{move || state.t("storage.persistent.title")}</h2>
                    {move || if persistent() {
                        view! { <p>{state.t("storage.persistent.yes")}</p> }.into_any()
                    } else {
                        view! {
                            <p>{state.t("storage.persistent.no")}</p>
                            <p>{state.t("storage.persistent.week")}</p>
                            <button type="button" class="button" data-testid="ask-persistent" on:click=ask>
                                {state.t("storage.persistent.ask")}
                            </button>
                        }.into_any()
                    }}
                    <div role="status" aria-live="polite">{answer}</div>
                </section>
            }
        })
    }
}

/// The values set aside on this device, each with a way to save it as a
/// locked file for the people its invitation names, and to delete it.
#[component]
pub fn SetAsideList() -> impl IntoView {
    let state = use_app_state();
    let entries = Memo::new(move |_| {
        state.storage_revision.track();
        // Values this version reads after all are put back at the next start.
        store::set_aside()
            .into_iter()
            .filter(|e| e.reason.is_some())
            .collect::<Vec<_>>()
    });
    move || {
        let list = entries.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|entry| view! { <SetAsideItem entry=entry/> })
                .collect_view();
            view! {
                <section class="panel panel-warning" data-testid="unreadable-warning">
                    <h2>{move || state.t("storage.set_aside.title")}</h2>
                    <p>{move || state.t("home.unreadable")}</p>
                    <ul class="card-list">{items}</ul>
                </section>
            }
        })
    }
}

#[derive(Clone)]
enum RescueStatus {
    Idle,
    Done(String),
    Failed(AnyProblem),
    Confirming,
}

/// One set-aside value.
#[component]
fn SetAsideItem(
    /// The value set aside.
    entry: SetAside,
) -> impl IntoView {
    let state = use_app_state();
    let status = RwSignal::new(RescueStatus::Idle);
    let reason = entry
        .reason
        .clone()
        .unwrap_or(crate::core::questionnaire::MigrateError::Corrupt);
    // A value too large to read has no readers to find and no file to
    // make: it is told about, and can be deleted.
    let too_large = entry.stored.is_none();
    let can_rescue = entry.stored.as_deref().is_some_and(|stored| {
        !crate::core::exchange::rescue_readers(&entry.original, stored).is_empty()
    });
    let entry = StoredValue::new(entry);
    let rescue_reason = reason.clone();
    let rescue = move |_| {
        let draft = entry.with_value(|e| {
            rescue_draft(
                &e.original,
                e.stored.as_deref().unwrap_or_default(),
                &rescue_reason,
                now(),
            )
        });
        spawn_local(async move {
            let made = match draft {
                Ok(draft) => {
                    let readers: Vec<&str> = draft.readers.iter().map(String::as_str).collect();
                    browser::seal(&draft.plaintext, &readers)
                        .await
                        .map(|armored| (armored, draft.name))
                        .map_err(RescueError::Encrypt)
                }
                Err(error) => Err(error),
            };
            let outcome = match made {
                Ok((armored, name)) => {
                    match browser::download(
                        &armored,
                        &name,
                        DownloadOptions::default().mime(AGE_MIME),
                    ) {
                        Ok(()) => RescueStatus::Done(name),
                        Err(_) => RescueStatus::Failed(ScreenError::DownloadFailed.into()),
                    }
                }
                Err(error) => RescueStatus::Failed(error.into()),
            };
            status.set(outcome);
        });
    };
    let delete = move || {
        entry.with_value(|e| store::delete_set_aside(&e.key));
        state.storage_revision.update(|n| *n = n.wrapping_add(1));
    };
    let (message, hint) = (reason.message_key(), reason.hint_key());
    view! {
        <li class="card" data-testid="set-aside-item" data-key=entry.with_value(|e| e.key.clone())
            data-reason=reason.code()>
            <p>{move || state.t(message)}</p>
            {if too_large {
                view! { <p class="hint">{move || state.t(hint)}</p> }.into_any()
            } else if can_rescue {
                view! {
                    <p class="hint">{move || state.t(hint)}</p>
                    <button type="button" class="button button-primary" data-testid="rescue" on:click=rescue>
                        {move || state.t("storage.rescue.button")}
                    </button>
                }.into_any()
            } else {
                view! { <p class="hint">{move || state.t("storage.rescue.no_readers")}</p> }.into_any()
            }}
            <div role="status" aria-live="polite">
                {move || match status.get() {
                    RescueStatus::Done(file) => Some(view! {
                        <p class="banner banner-success" data-testid="rescue-done">
                            {state.tw("storage.rescue.done", &[("file", &file)])}
                        </p>
                    }.into_any()),
                    RescueStatus::Failed(error) => Some(view! {
                        <p class="banner banner-error" role="alert"><ErrorPanel error=error/></p>
                    }.into_any()),
                    _ => None,
                }}
            </div>
            {move || if matches!(status.get(), RescueStatus::Confirming) {
                view! {
                    <div class="panel panel-warning" role="alertdialog" data-testid="set-aside-confirm">
                        <p>{state.t("storage.set_aside.delete_confirm")}</p>
                        <ConfirmButtons no_key="delete.no" yes_key="storage.set_aside.delete_yes"
                            testid="set-aside-delete" on_no=move || status.set(RescueStatus::Idle) on_yes=delete/>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="link-button" data-testid="set-aside-delete"
                        on:click=move |_| status.set(RescueStatus::Confirming)>
                        {state.t("storage.set_aside.delete")}
                    </button>
                }.into_any()
            }}
        </li>
    }
}
