//! The workspace's backup: one file, encrypted with age to the workspace's
//! own key (and the study's second key, if any), holding everything the workspace holds (the workspace with its
//! respondents and removal markers, support plans, imported citizens'
//! answers, the professional's own forms, and what was set aside of them).
//! "Back up now" downloads it; where the browser lets the app write to a
//! file on disk, it is saved there shortly after every change; restoring
//! merges it into what this browser holds (`core::backup`).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::WorkspaceHandle;
use crate::core::backup::{
    fingerprint, restore, Backup, BackupError, BackupKind, BackupState, RecordKind, Restored,
    BACKUP_STATE_PREFIX,
};
use crate::core::instrument::Moment;
use crate::core::plan::PLAN_PREFIX;
use crate::core::professional::{import_key, workspace_key, Workspace, WORKSPACE_PREFIX};
use crate::core::questionnaire::{quarantine_key, questionnaire_key};
use crate::core::util::{date, iso8601, Millis};
use crate::ui::browser::{self, DownloadOptions, FileHandleError, Permission};
use crate::ui::components::{AnyProblem, ErrorPanel, FileDrop};
use crate::ui::db::{self, Table};
use crate::ui::state::{now, use_app_state, AppState};
use crate::ui::store::{self, LoadedRecord};

/// How long after a change the file on disk is written: changes in quick
/// succession (typing a plan) make one write.
const AUTO_SAVE_DELAY_MS: i32 = 1500;

/// MIME type of a backup download.
const BACKUP_MIME: &str = "application/octet-stream";

/// Every record the workspace holds, by storage key, as stored.
pub fn workspace_records(ws: &Workspace) -> BTreeMap<String, String> {
    let mut keys = vec![workspace_key(&ws.id)];
    for r in &ws.respondents {
        for member in r.people() {
            for moment in Moment::ALL {
                keys.push(import_key(&ws.citizen_id(
                    &r.code,
                    member.as_deref(),
                    moment,
                )));
                keys.push(questionnaire_key(&ws.form_id(
                    &r.code,
                    member.as_deref(),
                    moment,
                )));
            }
        }
    }
    let mut records: BTreeMap<String, String> =
        store::staff_records(&format!("{PLAN_PREFIX}{}.", ws.id))
            .into_iter()
            .collect();
    for key in keys
        .iter()
        .chain(records.keys().cloned().collect::<Vec<_>>().iter())
    {
        // Values set aside from these keys belong to the workspace too.
        for slot in 0.. {
            let Some(text) = store::stored_text(&quarantine_key(key, slot)) else {
                break;
            };
            records.insert(quarantine_key(key, slot), text);
        }
    }
    for key in keys {
        if let Some(text) = store::stored_text(&key) {
            records.insert(key, text);
        }
    }
    records
}

fn state_key(ws: &Workspace) -> String {
    format!("{BACKUP_STATE_PREFIX}{}", ws.id)
}

fn load_state(ws: &Workspace) -> BackupState {
    match store::load_record(&state_key(ws)) {
        LoadedRecord::Found(s) => s,
        _ => BackupState::default(),
    }
}

/// Who can open the workspace's backup: the workspace's own key, and the
/// study's further keys (a data steward's), so a professional who lost the
/// key backup too can still get the work back through the study.
fn readers(ws: &Workspace) -> Vec<&str> {
    std::iter::once(ws.public_key.as_str())
        .chain(ws.study.more_keys.iter().map(String::as_str))
        .collect()
}

/// The sealed backup of `ws` and its fingerprint.
fn sealed(ws: &Workspace, at: Millis) -> Result<(Backup, String, String), BackupError> {
    let records = workspace_records(ws);
    let print = fingerprint(&records);
    let backup = Backup::new(BackupKind::Workspace, ws.id.as_str(), records, at);
    let file = backup.seal(&readers(ws))?;
    Ok((backup, file, print))
}

/// Notes that a backup with `print` was made now.
fn mark_backed_up(ws: &Workspace, print: &str, at: Millis) -> BackupState {
    let mut s = load_state(ws);
    s.backed_up(print, at);
    let _ = store::save_record(&state_key(ws), &s);
    s
}

/// What the file on disk is doing.
#[derive(Clone, Debug, PartialEq)]
pub enum FileStatus {
    /// Saved at this time.
    Saved(Millis),
    /// After a reload: the browser asks again on the next click.
    NeedsPermission,
    /// Writing failed.
    Failed(FileHandleError),
}

/// The files on disk of every workspace: its name and what it is doing.
#[derive(Clone, Copy)]
pub struct AutoBackup {
    files: RwSignal<HashMap<String, (String, Option<FileStatus>)>>,
}

thread_local! {
    static TIMER: RefCell<Option<i32>> = const { RefCell::new(None) };
}

/// Starts saving workspaces to their files on disk shortly after every
/// change (staff app only). Provides [`AutoBackup`].
pub fn start_auto_backup() {
    let auto = AutoBackup {
        files: RwSignal::new(HashMap::new()),
    };
    provide_context(auto);
    if !browser::can_save_to_file() {
        return;
    }
    store::on_write(move |key| {
        let counts = (key.starts_with("balans.pro.") || key.starts_with("balans.q."))
            && !key.starts_with(BACKUP_STATE_PREFIX);
        if counts {
            schedule(auto);
        }
    });
    // What the files are doing after a reload.
    spawn_local(async move { save_all(auto).await });
}

fn schedule(auto: AutoBackup) {
    let Some(window) = web_sys::window() else {
        return;
    };
    TIMER.with(|t| {
        if let Some(id) = t.borrow_mut().take() {
            window.clear_timeout_with_handle(id);
        }
    });
    let fire = Closure::once_into_js(move || {
        TIMER.with(|t| t.borrow_mut().take());
        spawn_local(async move { save_all(auto).await });
    });
    if let Ok(id) = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        fire.unchecked_ref(),
        AUTO_SAVE_DELAY_MS,
    ) {
        TIMER.with(|t| *t.borrow_mut() = Some(id));
    }
}

/// Writes every workspace that has a file on disk and changed since.
async fn save_all(auto: AutoBackup) {
    let Ok(db) = db::open().await else {
        return;
    };
    for key in store::record_keys(WORKSPACE_PREFIX) {
        let LoadedRecord::Found(ws) = store::load_record::<Workspace>(&key) else {
            continue;
        };
        let Ok(Some(handle)) = db.get(Table::Handles, &key).await else {
            continue;
        };
        let name = browser::file_name(&handle);
        let status = match browser::permission(&handle).await {
            Permission::Granted => save_to(&ws, &handle).await,
            _ => Some(FileStatus::NeedsPermission),
        };
        let _ = auto.files.try_update(|f| {
            let kept = f.get(&key).and_then(|(_, s)| s.clone());
            f.insert(key.clone(), (name, status.or(kept)));
        });
    }
}

/// Writes `ws` to `handle` when its records changed since the last backup;
/// `None` when nothing needed writing.
async fn save_to(ws: &Workspace, handle: &JsValue) -> Option<FileStatus> {
    let at = now();
    let records = workspace_records(ws);
    let print = fingerprint(&records);
    if load_state(ws).fingerprint.as_deref() == Some(&print) {
        return None;
    }
    let backup = Backup::new(BackupKind::Workspace, ws.id.as_str(), records, at);
    let Ok(file) = backup.seal(&readers(ws)) else {
        return Some(FileStatus::Failed(FileHandleError::Write));
    };
    match browser::write_file(handle, &file).await {
        Ok(()) => {
            mark_backed_up(ws, &print, at);
            Some(FileStatus::Saved(at))
        }
        Err(e) => Some(FileStatus::Failed(e)),
    }
}

/// The backup panel of the workspace page.
#[component]
pub fn WorkspaceBackup(handle: WorkspaceHandle) -> impl IntoView {
    let state = use_app_state();
    let auto = use_context::<AutoBackup>();
    let ws = handle.ws;
    let backup_state = RwSignal::new(BackupState::default());
    // What the backup would hold now, against what the last one held.
    let observe = move || {
        let w = ws.get_untracked();
        let mut s = load_state(&w);
        let print = fingerprint(&workspace_records(&w));
        let before = s.clone();
        s.observe(&print, now());
        if s != before {
            let _ = store::save_record(&state_key(&w), &s);
        }
        backup_state.set(s);
    };
    observe();
    Effect::watch(
        move || (ws.track(), state.storage_revision.get()),
        move |_, _, _| observe(),
        false,
    );
    let error = RwSignal::new(None::<AnyProblem>);
    let back_up_now = move |_| {
        let w = ws.get_untracked();
        let at = now();
        match sealed(&w, at) {
            Ok((backup, file, print)) => {
                match browser::download(
                    &file,
                    &backup.file_name(&w.study.name),
                    DownloadOptions::default().mime(BACKUP_MIME),
                ) {
                    Ok(()) => {
                        error.set(None);
                        backup_state.set(mark_backed_up(&w, &print, at));
                    }
                    Err(e) => error.set(Some(e.into())),
                }
            }
            Err(e) => error.set(Some(e.into())),
        }
    };
    let last = move || {
        backup_state.with(|s| match s.backed_up_at {
            Some(at) => state.tw("backup.last", &[("date", &date(at))]),
            None => state.t("backup.never"),
        })
    };
    let reminder = move || backup_state.with(|s| s.reminder_due(now()));
    let pending = move || backup_state.with(|s| s.changed_since.is_some());
    view! {
        <section class="panel backup-panel" data-testid="workspace-backup"
            data-pending=move || pending().to_string()>
            <h2>{move || state.t("backup.ws.title")}</h2>
            <p>{move || state.t("backup.ws.intro")}</p>
            <p data-testid="backup-last">{last}</p>
            {move || reminder().then(|| view! {
                <div class="panel panel-warning" role="alert" data-testid="backup-reminder">
                    <p><strong>{state.t("backup.reminder")}</strong></p>
                    <p>{state.t("backup.reminder_hint")}</p>
                </div>
            })}
            <p>
                <button type="button" class="button" class:button-primary=reminder
                    data-testid="backup-now" on:click=back_up_now>
                    {move || state.t("backup.now")}
                </button>
            </p>
            {move || error.get().map(|e| view! { <ErrorPanel error=e/> })}
            {auto.map(|auto| view! { <FileOnDisk handle=handle auto=auto backup_state=backup_state/> })}
            <RestoreWorkspace handle=handle/>
        </section>
    }
}

/// Choosing a file on disk the workspace is saved to, and what it does.
#[component]
fn FileOnDisk(
    handle: WorkspaceHandle,
    auto: AutoBackup,
    backup_state: RwSignal<BackupState>,
) -> impl IntoView {
    let state = use_app_state();
    if !browser::can_save_to_file() {
        return view! { <p class="hint" data-testid="backup-file-unsupported">{move || state.t("backup.file.unsupported")}</p> }
            .into_any();
    }
    let key = handle.ws.with_untracked(|w| workspace_key(&w.id));
    let error = RwSignal::new(None::<FileHandleError>);
    let file = {
        let key = key.clone();
        move || auto.files.with(|f| f.get(&key).cloned())
    };
    let choose = {
        let key = key.clone();
        move |_| {
            let w = handle.ws.get_untracked();
            let key = key.clone();
            spawn_local(async move {
                let name =
                    Backup::new(BackupKind::Workspace, w.id.as_str(), BTreeMap::new(), now())
                        .file_name(&w.study.name);
                match browser::choose_file(&name).await {
                    Ok(file) => {
                        error.set(None);
                        let kept = match db::open().await {
                            Ok(db) => db.put(Table::Handles, &key, &file).await.is_ok(),
                            Err(_) => false,
                        };
                        if !kept {
                            error.set(Some(FileHandleError::Write));
                            return;
                        }
                        // Written at once (the fingerprint check is skipped:
                        // a new file holds nothing yet).
                        let mut s = load_state(&w);
                        s.fingerprint = None;
                        let _ = store::save_record(&state_key(&w), &s);
                        let status = save_to(&w, &file).await;
                        let name = browser::file_name(&file);
                        auto.files.update(|f| {
                            f.insert(key.clone(), (name, status));
                        });
                        backup_state.set(load_state(&w));
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let stop = {
        let key = key.clone();
        move |_| {
            let key = key.clone();
            spawn_local(async move {
                if let Ok(db) = db::open().await {
                    let _ = db.delete(Table::Handles, &key).await;
                }
                auto.files.update(|f| {
                    f.remove(&key);
                });
            });
        }
    };
    // After a reload the browser asks again, and only on a click: the
    // person's next click anywhere on the page asks it.
    let needs_permission = {
        let file = file.clone();
        move || matches!(file(), Some((_, Some(FileStatus::NeedsPermission))))
    };
    {
        let key = key.clone();
        let asked = StoredValue::new(false);
        Effect::new(move |_| {
            if !needs_permission() || asked.get_value() {
                return;
            }
            asked.set_value(true);
            let key = key.clone();
            let listener = Closure::once_into_js(move || {
                spawn_local(async move {
                    let Ok(db) = db::open().await else {
                        return;
                    };
                    let Ok(Some(file)) = db.get(Table::Handles, &key).await else {
                        return;
                    };
                    let status = match browser::request_permission(&file).await {
                        Permission::Granted => {
                            let w = handle.ws.get_untracked();
                            save_to(&w, &file).await.or(Some(FileStatus::Saved(now())))
                        }
                        _ => Some(FileStatus::Failed(FileHandleError::Refused)),
                    };
                    auto.files.update(|f| {
                        if let Some(entry) = f.get_mut(&key) {
                            entry.1 = status;
                        }
                    });
                    backup_state.set(load_state(&handle.ws.get_untracked()));
                });
            });
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                let options = web_sys::AddEventListenerOptions::new();
                options.set_once(true);
                let _ = document.add_event_listener_with_callback_and_add_event_listener_options(
                    "click",
                    listener.unchecked_ref(),
                    &options,
                );
            }
        });
    }
    view! {
        <div class="backup-file" data-testid="backup-file">
            {move || match file() {
                None => view! {
                    <p>{state.t("backup.file.intro")}</p>
                    <p><button type="button" class="button" data-testid="backup-choose-file" on:click=choose.clone()>
                        {state.t("backup.file.choose")}
                    </button></p>
                }.into_any(),
                Some((name, status)) => {
                    let (code, line) = match &status {
                        Some(FileStatus::Saved(at)) => ("saved", state.tw("backup.file.saved", &[("file", &name), ("time", &iso8601(*at).replace('T', " ").chars().take(16).collect::<String>())])),
                        Some(FileStatus::NeedsPermission) => ("permission", state.tw("backup.file.permission", &[("file", &name)])),
                        Some(FileStatus::Failed(_)) => ("failed", state.tw("backup.file.failed", &[("file", &name)])),
                        None => ("on", state.tw("backup.file.on", &[("file", &name)])),
                    };
                    view! {
                        <p role="status" data-testid="backup-file-status" data-state=code>{line}</p>
                        <p><button type="button" class="button button-secondary" data-testid="backup-stop-file" on:click=stop.clone()>
                            {state.t("backup.file.stop")}
                        </button></p>
                    }.into_any()
                }
            }}
            {move || error.get().map(|e| view! { <ErrorPanel error=e/> })}
        </div>
    }
    .into_any()
}

/// Restoring a backup file into this workspace, by merging.
#[component]
fn RestoreWorkspace(handle: WorkspaceHandle) -> impl IntoView {
    let state = use_app_state();
    let report = RwSignal::new(None::<Result<Restored, AnyProblem>>);
    let on_files = Callback::new(move |files: Vec<web_sys::File>| {
        let Some(file) = files.into_iter().next() else {
            return;
        };
        spawn_local(async move {
            let bytes = match browser::read_bytes(&file).await {
                Ok(bytes) => bytes,
                Err(e) => {
                    report.set(Some(Err(e.into())));
                    return;
                }
            };
            let w = handle.ws.get_untracked();
            report.set(Some(restore_into(state, &w, &bytes)));
        });
    });
    view! {
        <div class="backup-restore">
            <h3>{move || state.t("backup.restore.title")}</h3>
            <p>{move || state.t("backup.restore.intro")}</p>
            <FileDrop label_key="backup.restore.choose" hint_key="backup.restore.hint"
                accept=".age" testid="backup-restore-file" on_files=on_files/>
            <div role="status" aria-live="polite">
                {move || report.get().map(|r| match r {
                    Ok(done) => view! { <RestoreReport done=done/> }.into_any(),
                    Err(e) => view! { <div data-testid="backup-restore-error"><ErrorPanel error=e/></div> }.into_any(),
                })}
            </div>
        </div>
    }
}

/// Decrypts a workspace backup and merges it into what is stored.
fn restore_into(state: AppState, ws: &Workspace, bytes: &[u8]) -> Result<Restored, AnyProblem> {
    let identity = ws
        .identity()
        .map_err(|_| AnyProblem::from(BackupError::WrongKey))?;
    let backup = Backup::open(bytes, &identity, BackupKind::Workspace, ws.id.as_str())?;
    apply(state, &backup.records)
}

/// Makes the writes of a restore and lets every open screen take them in.
pub fn apply(state: AppState, records: &BTreeMap<String, String>) -> Result<Restored, AnyProblem> {
    let done = restore(records, store::stored_text);
    for write in &done.writes {
        store::put_restored(&write.key, &write.stored)?;
    }
    if !done.nothing_new() {
        // The open workspace (and any list) re-reads and merges.
        state.storage_revision.update(|n| *n = n.wrapping_add(1));
    }
    Ok(done)
}

/// What a restore added, in words and as data for tests.
#[component]
pub fn RestoreReport(done: Restored) -> impl IntoView {
    let state = use_app_state();
    let count = |kind| done.added_of(kind).to_string();
    let line = if done.nothing_new() {
        state.t("backup.restore.nothing_new")
    } else {
        state.tw(
            "backup.restore.added",
            &[
                ("respondents", &done.respondents_added.to_string()),
                ("plans", &count(RecordKind::Plan)),
                ("imports", &count(RecordKind::Import)),
                ("forms", &count(RecordKind::Form)),
                ("notes", &count(RecordKind::Notes)),
                ("kept", &count(RecordKind::Kept)),
                ("merged", &done.merged.to_string()),
                ("set_aside", &done.set_aside.to_string()),
            ],
        )
    };
    let added: usize = done.added.values().sum();
    view! {
        <p class="panel panel-success" data-testid="restore-report"
            data-added=added data-respondents=done.respondents_added data-merged=done.merged
            data-set-aside=done.set_aside data-writes=done.writes.len()>
            {line}
        </p>
    }
}
