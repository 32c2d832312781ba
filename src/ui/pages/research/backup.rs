//! The researcher's backup: interview notes, the imported data (kept on
//! the device, or held in memory now) and the study set up here, as one
//! file encrypted to the study key; restoring merges it (`core::backup`).
//! Also: leaving the research screens while imported data is held only in
//! memory asks first.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::{tr, use_research_state, ResearchState};
use crate::core::backup::{Backup, BackupError, BackupKind, Restored};
use crate::core::questionnaire::{encode_versioned, quarantine_key};
use crate::core::research::{
    research_record_key, Record, RecordKey, INTERVIEW_PREFIX, RESEARCH_RECORD_PREFIX,
};
use crate::ui::browser::{self, DownloadOptions};
use crate::ui::components::{AnyProblem, ErrorPanel, FileDrop};
use crate::ui::pages::professional::{apply_restore, RestoreReport};
use crate::ui::state::{now, use_app_state, AppState};
use crate::ui::store;

/// The study key the backup is encrypted to: the loaded key's, else the
/// study set up on this device.
fn study_key(research: ResearchState) -> Option<String> {
    research.key.get_untracked().or_else(|| {
        research
            .study
            .with_untracked(|s| s.as_ref().map(|s| s.researcher_key.clone()))
    })
}

/// Every record of the researcher's backup: notes, the imported data and
/// the study set up here, with what was set aside of them.
fn research_records(research: ResearchState) -> BTreeMap<String, String> {
    let mut records: BTreeMap<String, String> = store::staff_records(INTERVIEW_PREFIX)
        .into_iter()
        .chain(store::staff_records(RESEARCH_RECORD_PREFIX))
        .collect();
    // Held in memory (not kept, or kept and not yet written): written as
    // they would be kept.
    research.data.with_untracked(|data| {
        for record in &data.records {
            records.insert(research_record_key(&record.key()), encode_versioned(record));
        }
    });
    for key in [
        crate::core::links::RESEARCH_STUDY_KEY,
        crate::core::research::RESEARCH_DATA_KEY,
    ] {
        if let Some(text) = store::stored_text(key) {
            records.insert(key.to_string(), text);
        }
    }
    let keys: Vec<String> = records.keys().cloned().collect();
    for key in keys {
        for slot in 0.. {
            let Some(text) = store::stored_text(&quarantine_key(&key, slot)) else {
                break;
            };
            records.insert(quarantine_key(&key, slot), text);
        }
    }
    records
}

/// "Back up notes and data" and restoring such a backup.
#[component]
pub fn ResearchBackup() -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    let error = RwSignal::new(None::<AnyProblem>);
    let done = RwSignal::new(None::<Restored>);
    let back_up = move |_| {
        let Some(key) = study_key(research) else {
            error.set(Some(BackupError::WrongKey.into()));
            return;
        };
        let study = research
            .study
            .with_untracked(|s| s.as_ref().map(|s| s.name.clone()))
            .unwrap_or_else(|| "study".into());
        let backup = Backup::new(
            BackupKind::Research,
            &key,
            research_records(research),
            now(),
        );
        // Every key of the study reads the backup too: losing one key
        // loses no notes.
        let mut readers = vec![key.clone()];
        research.study.with_untracked(|s| {
            for k in s.iter().flat_map(|s| s.keys()) {
                if !readers.iter().any(|r| r == k) {
                    readers.push(k.to_string());
                }
            }
        });
        let readers: Vec<&str> = readers.iter().map(String::as_str).collect();
        match backup.seal(&readers) {
            Ok(file) => match browser::download(
                &file,
                &backup.file_name(&study),
                DownloadOptions::default().mime("application/octet-stream"),
            ) {
                Ok(()) => error.set(None),
                Err(e) => error.set(Some(e.into())),
            },
            Err(e) => error.set(Some(e.into())),
        }
    };
    let on_files = Callback::new(move |files: Vec<web_sys::File>| {
        let Some(file) = files.into_iter().next() else {
            return;
        };
        spawn_local(async move {
            match browser::read_bytes(&file).await {
                Ok(bytes) => match restore_research(state, research, &bytes) {
                    Ok(r) => {
                        error.set(None);
                        done.set(Some(r));
                    }
                    Err(e) => {
                        done.set(None);
                        error.set(Some(e));
                    }
                },
                Err(e) => error.set(Some(e.into())),
            }
        });
    });
    let no_key = move || research.key.get().is_none();
    view! {
        <section class="panel backup-panel" data-testid="research-backup">
            <h2>{tr(state, "backup.research.title")}</h2>
            <p>{tr(state, "backup.research.intro")}</p>
            <p>
                <button type="button" class="button" data-testid="research-backup-now" on:click=back_up>
                    {tr(state, "backup.research.now")}
                </button>
            </p>
            <h3>{tr(state, "backup.restore.title")}</h3>
            {move || no_key().then(|| view! {
                <p class="hint" data-testid="research-restore-needs-key">{state.t("backup.research.needs_key")}</p>
            })}
            <fieldset class="plain" disabled=no_key>
                <FileDrop label_key="backup.restore.choose" hint_key="backup.research.restore_hint"
                    accept=".age" testid="research-restore-file" on_files=on_files/>
            </fieldset>
            <div role="status" aria-live="polite">
                {move || done.get().map(|d| view! { <RestoreReport done=d/> })}
                {move || error.get().map(|e| view! { <div data-testid="backup-restore-error"><ErrorPanel error=e/></div> })}
            </div>
        </section>
    }
}

/// Decrypts a researcher's backup with the loaded key and merges it.
fn restore_research(
    state: AppState,
    research: ResearchState,
    bytes: &[u8],
) -> Result<Restored, AnyProblem> {
    let Some(identity) = research.identity.get_value() else {
        return Err(BackupError::WrongKey.into());
    };
    let backup = Backup::open_research(bytes, &identity)?;
    let done = apply_restore(state, &backup.records)?;
    // Kept records the data in memory lacks come in too; the data is kept
    // on the device from now on (the backup held it kept).
    let mut added: Vec<Record> = Vec::new();
    research.data.with_untracked(|data| {
        let have: std::collections::HashSet<RecordKey> =
            data.records.iter().map(|r| r.key()).collect();
        for (key, text) in &backup.records {
            if !key.starts_with(RESEARCH_RECORD_PREFIX) {
                continue;
            }
            if let Ok(record) = crate::core::questionnaire::decode_versioned::<Record>(text) {
                if !have.contains(&record.key()) {
                    added.push(record);
                }
            }
        }
    });
    if !added.is_empty() {
        research.data.update(|d| d.records.extend(added));
        research.keep_data.set(true);
    }
    if let Some(study) = match store::load_record(crate::core::links::RESEARCH_STUDY_KEY) {
        store::LoadedRecord::Found(study) => Some(study),
        _ => None,
    } {
        if research.study.with_untracked(|s| s.is_none()) {
            research.study.set(Some(study));
        }
    }
    Ok(done)
}

/// While the research screens are open with imported data held only in
/// memory, leaving them (another screen of the app, or closing the page)
/// asks first. Lives as long as the research screens.
pub fn ask_before_leaving(research: ResearchState) {
    let state = use_app_state();
    let in_memory_only = move || {
        research.keep_data.try_get_untracked() == Some(false)
            && research.data.try_with_untracked(|d| !d.is_empty()) == Some(true)
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_unload = Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
        move |event: web_sys::BeforeUnloadEvent| {
            if in_memory_only() {
                event.prevent_default();
                event.set_return_value("leave");
            }
        },
    );
    // A click on a link out of the research screens: the router would
    // leave without the browser asking, so the app asks.
    let on_click =
        Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
            if !in_memory_only() {
                return;
            }
            let Some(link) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("a[href]").ok().flatten())
            else {
                return;
            };
            let href = link.get_attribute("href").unwrap_or_default();
            // Only the app's own screens outside research: a download (a
            // `blob:` link with `download`) or another site leaves nothing.
            if !href.starts_with('/')
                || href.starts_with("/research")
                || link.has_attribute("download")
            {
                return;
            }
            let question = state.t("backup.research.leave_question");
            let leave = web_sys::window()
                .and_then(|w| w.confirm_with_message(&question).ok())
                .unwrap_or(true);
            if !leave {
                event.prevent_default();
                event.stop_immediate_propagation();
            }
        });
    let _ =
        window.add_event_listener_with_callback("beforeunload", on_unload.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    // Kept in the reactive owner (JavaScript values cannot cross threads,
    // which `on_cleanup` asks of what it holds).
    let listeners = StoredValue::new_local((on_unload.into_js_value(), on_click.into_js_value()));
    on_cleanup(move || {
        let Some(window) = web_sys::window() else {
            return;
        };
        listeners.with_value(|(unload, click)| {
            let _ =
                window.remove_event_listener_with_callback("beforeunload", unload.unchecked_ref());
            let _ = window.remove_event_listener_with_callback_and_bool(
                "click",
                click.unchecked_ref(),
                true,
            );
        });
    });
}
