//! Into the workspace: `/pro` lists the workspaces on this device; a study
//! link (`#s1…`) opens its workspace or sets one up, key pair included.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::{list_workspaces, save_workspace, workspace_path, WorkspaceHandle};
use crate::core::error::{display_as_problem, Problem};
use crate::core::keys::generate_identity;
use crate::core::links::{
    default_study, parse_study, study_fragment, DefaultStudy, LinkError, Study,
};
use crate::core::professional::{
    restore_key, workspace_id, workspace_key, NameError, RestoreKeyError, Workspace,
};
use crate::ui::browser::{self, DownloadOptions};
use crate::ui::components::{ErrorPanel, FileDrop};
use crate::ui::pages::redirect_view;
use crate::ui::state::{now, use_app_state};
use crate::ui::store::{self, LoadedRecord};

/// `/pro`: the workspaces on this device and the demo study.
#[component]
pub fn ProStart() -> impl IntoView {
    let state = use_app_state();
    let workspaces = list_workspaces();
    let none = workspaces.is_empty();
    let rows = workspaces
        .into_iter()
        .map(|ws| {
            let count = ws.respondents.len().to_string();
            view! {
                <li class="card" data-testid="workspace-row" data-id=ws.id.to_string()>
                    <h3>{ws.study.name.clone()}</h3>
                    <p>
                        {move || state.tw("pro.start.as_name", &[("name", &ws.display_name)])} " · "
                        {move || state.tw("pro.start.respondents", &[("n", &count)])}
                    </p>
                    <A href=workspace_path(&ws.id) attr:class="button" attr:data-testid="open-workspace">
                        {move || state.t("pro.start.open")}
                    </A>
                </li>
            }
        })
        .collect_view();
    // A deployment's built-in study comes first; without one, the demo.
    let default_panel = match default_study() {
        DefaultStudy::Demo(study) => {
            let href = format!("/#{}", study_fragment(&study));
            view! {
                <section class="panel">
                    <h2>{move || state.t("pro.start.demo_title")}</h2>
                    <p>{move || state.t("pro.start.demo_text")}</p>
                    <a href=href class="button button-primary" data-testid="demo-study">
                        {move || state.t("pro.start.demo_button")}
                    </a>
                </section>
            }
            .into_any()
        }
        DefaultStudy::Deployed(study) => {
            let href = format!("/#{}", study_fragment(&study));
            view! {
                <section class="panel">
                    <h2>{move || state.t("pro.start.deployed_title")}</h2>
                    <p>{move || state.tw("pro.start.deployed_text", &[("study", &study.name)])}</p>
                    <a href=href class="button button-primary" data-testid="deployed-study">
                        {move || state.t("pro.start.deployed_button")}
                    </a>
                </section>
            }
            .into_any()
        }
        DefaultStudy::Broken(error) => view! {
            <ErrorPanel title_key="pro.start.broken_title" error=error/>
        }
        .into_any(),
    };
    view! {
        <section class="pro-start">
            <h1>{move || state.t("pro.start.title")}</h1>
            <p>{move || state.t("pro.start.intro")}</p>
            <ul class="card-list" data-testid="workspace-list">{rows}</ul>
            {none.then(|| view! { <p class="empty-hint">{move || state.t("pro.start.none")}</p> })}
            <PasteStudyLink/>
            {default_panel}
        </section>
    }
}

/// A field to paste a study link into, for a professional who got the link
/// as text (in a document or a chat) rather than as something to tap.
#[component]
fn PasteStudyLink() -> impl IntoView {
    let state = use_app_state();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<StudyLinkError>);
    let input = NodeRef::<leptos::html::Input>::new();
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = text.get_untracked();
        // The whole link or only its part after `#`.
        let fragment = typed
            .trim()
            .rsplit_once('#')
            .map_or(typed.trim(), |(_, f)| f)
            .to_string();
        match parse_study(&fragment) {
            Ok(_) => {
                error.set(None);
                browser::load_page(&format!("/#{fragment}"));
            }
            Err(e) => {
                error.set(Some(StudyLinkError(e)));
                if let Some(i) = input.get() {
                    let _ = i.focus();
                }
            }
        }
    };
    view! {
        <section class="panel" data-testid="paste-study-link">
            <h2>{move || state.t("pro.start.paste_title")}</h2>
            <form on:submit=open novalidate>
                <label for="study-link-input" class="field-label">{move || state.t("pro.start.paste_label")}</label>
                <p class="item-hint" id="study-link-input-hint">{move || state.t("pro.start.paste_hint")}</p>
                <input id="study-link-input" type="text" class="text-input" node_ref=input
                    data-testid="study-link-input" autocomplete="off" spellcheck="false"
                    aria-describedby="study-link-input-hint study-link-input-error"
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    bind:value=text on:input=move |_| error.set(None)/>
                <div id="study-link-input-error" class="field-error" role="alert">
                    {move || error.get().map(|e| view! { <ErrorPanel error=e testid="study-link-error"/> })}
                </div>
                <button type="submit" class="button button-primary" data-testid="study-link-open">
                    {move || state.t("pro.start.paste_open")}
                </button>
            </form>
        </section>
    }
}

/// A study link that does not open: the link's own message, with the hint
/// for professionals (a link's own hint speaks to citizens about their
/// social worker).
#[derive(Clone, Debug)]
struct StudyLinkError(LinkError);

impl Problem for StudyLinkError {
    fn message_key(&self) -> &'static str {
        self.0.message_key()
    }

    fn hint_key(&self) -> &'static str {
        "pro.link.hint"
    }

    fn code(&self) -> &'static str {
        self.0.code()
    }
}

display_as_problem!(StudyLinkError);

/// A study link from the address: opens its workspace, or sets one up.
#[component]
pub fn StudyLinkFlow(
    /// The URL fragment, without `#`.
    fragment: String,
) -> impl IntoView {
    let state = use_app_state();
    match parse_study(&fragment) {
        Err(error) => view! {
            <ErrorPanel title_key="link.error.title" error=StudyLinkError(error)>
                <p><A href="/pro" attr:class="button">{move || state.t("pro.start.title")}</A></p>
            </ErrorPanel>
        }
        .into_any(),
        Ok(study) => {
            let wid = workspace_id(&study);
            match store::load_record::<Workspace>(&workspace_key(&wid)) {
                LoadedRecord::Found(_) => {
                    state.notice.set(Some("pro.ws.opened_existing"));
                    redirect_view(workspace_path(&wid))
                }
                // An unreadable workspace was set aside by the store; a new
                // one may be made (the old key stays in the quarantine).
                _ => view! { <CreateWorkspace study=study/> }.into_any(),
            }
        }
    }
}

/// The study as the professional should check it before joining.
#[component]
fn StudyFacts(study: Study) -> impl IntoView {
    let state = use_app_state();
    // With a list of places the professional picks theirs below instead.
    let listed = !study.places.is_empty();
    let place = [study.municipality.clone(), study.team.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <dl class="facts" data-testid="study-facts">
            <dt>{move || state.t("pro.create.study")}</dt>
            <dd>{study.name.clone()}</dd>
            <dt>{move || state.t("pro.create.contact")}</dt>
            <dd>{study.contact.clone()}</dd>
            {(!listed && !place.is_empty()).then(|| view! {
                <dt>{move || state.t("pro.create.place")}</dt>
                <dd>{place.clone()}</dd>
            })}
        </dl>
    }
}

/// Display name, the key explained, then the key made (or restored).
#[component]
fn CreateWorkspace(study: Study) -> impl IntoView {
    let state = use_app_state();
    let name = RwSignal::new(String::new());
    let understood = RwSignal::new(false);
    let name_error = RwSignal::new(None::<NameError>);
    let understood_needed = RwSignal::new(false);
    let restored = RwSignal::new(None::<age::x25519::Identity>);
    let restore_error = RwSignal::new(None::<RestoreKeyError>);
    let created = RwSignal::new(None::<Workspace>);
    let name_input = NodeRef::<leptos::html::Input>::new();
    let check_input = NodeRef::<leptos::html::Input>::new();
    // The municipality and team picked from the study's list (empty: none
    // picked yet); a study link that already names them starts there.
    let municipality = RwSignal::new(study.municipality.clone().unwrap_or_default());
    let team = RwSignal::new(study.team.clone().unwrap_or_default());
    let place_needed = RwSignal::new(false);
    let place_select = NodeRef::<leptos::html::Select>::new();
    let study = StoredValue::new(study);
    // The teams of the picked municipality, in the researcher's order.
    let teams_of_picked = move || {
        let picked = municipality.get();
        study.with_value(|s| {
            s.places
                .iter()
                .find(|p| p.municipality == picked)
                .map(|p| p.teams.clone())
                .unwrap_or_default()
        })
    };

    let on_key_file = Callback::new(move |files: Vec<web_sys::File>| {
        let Some(file) = files.into_iter().next() else {
            return;
        };
        spawn_local(async move {
            let text = browser::read_bytes(&file)
                .await
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            // Not the study's own key (issue 12 took it without a word).
            match restore_key(&study.get_value(), &text) {
                Ok(identity) => {
                    restored.set(Some(identity));
                    restore_error.set(None);
                }
                Err(e) => {
                    restored.set(None);
                    restore_error.set(Some(e));
                }
            }
        });
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !understood.get_untracked() && restored.with_untracked(Option::is_none) {
            understood_needed.set(true);
            if let Some(c) = check_input.get() {
                let _ = c.focus();
            }
            return;
        }
        // With a list of places, the professional says where they work:
        // every invitation and export of the workspace carries it.
        let base = study.get_value();
        let picked = municipality.get_untracked();
        let picked_team = team.get_untracked();
        let place = base.places.iter().find(|p| p.municipality == picked);
        let workspace_study = if base.places.is_empty() {
            base.clone()
        } else {
            match place {
                Some(p) if p.teams.is_empty() || p.teams.contains(&picked_team) => {
                    base.at(Some(picked), (!p.teams.is_empty()).then_some(picked_team))
                }
                _ => {
                    place_needed.set(true);
                    if let Some(select) = place_select.get() {
                        let _ = select.focus();
                    }
                    return;
                }
            }
        };
        let identity = restored.get_untracked().unwrap_or_else(generate_identity);
        match Workspace::new(workspace_study, &name.get_untracked(), &identity, now()) {
            Err(e) => {
                name_error.set(Some(e));
                if let Some(input) = name_input.get() {
                    let _ = input.focus();
                }
            }
            Ok(mut ws) => {
                if restored.with_untracked(Option::is_some) {
                    // The professional restored from their backup: it exists.
                    ws.mark_backed_up(now());
                }
                save_workspace(state, &ws);
                created.set(Some(ws));
            }
        }
    };

    move || {
        match created.get() {
        Some(ws) => view! { <BackupStep ws=ws/> }.into_any(),
        None => view! {
            <section class="panel" data-testid="create-workspace">
                <h1 tabindex="-1">{move || state.t("pro.create.title")}</h1>
                <p>{move || state.t("pro.create.intro")}</p>
                <StudyFacts study=study.get_value()/>
                <form on:submit=submit novalidate>
                    {study.with_value(|s| !s.places.is_empty()).then(|| view! {
                        <PlacePicker study=study municipality=municipality
                            team=team teams=teams_of_picked select=place_select needed=place_needed/>
                    })}
                    <label for="display-name" class="field-label">{move || state.t("pro.create.name_label")}</label>
                    <p class="item-hint" id="display-name-hint">{move || state.t("pro.create.name_hint")}</p>
                    <input id="display-name" type="text" class="text-input" node_ref=name_input
                        data-testid="display-name" autocomplete="name" maxlength="80"
                        aria-describedby="display-name-hint display-name-error"
                        bind:value=name on:input=move |_| name_error.set(None)/>
                    <p id="display-name-error" class="field-error" role="alert" data-testid="name-error">
                        {move || name_error.get().map(|e| view! { <ErrorPanel error=e/> })}
                    </p>

                    <h2>{move || state.t("pro.create.key_title")}</h2>
                    <p>{move || state.t("pro.create.key_text")}</p>
                    <div class="panel panel-warning" data-testid="key-loss-warning">
                        <p><strong>{move || state.t("pro.create.key_loss")}</strong></p>
                        <p>{move || state.t("pro.create.key_backup")}</p>
                    </div>
                    {move || restored.with(Option::is_none).then(|| view! {
                        <label class="option option-check">
                            <input type="checkbox" node_ref=check_input data-testid="key-understood"
                                aria-describedby="understood-needed"
                                prop:checked=move || understood.get()
                                on:change=move |ev| {
                                    understood.set(event_target_checked(&ev));
                                    understood_needed.set(false);
                                }/>
                            <span>{move || state.t("pro.create.understood")}</span>
                        </label>
                    })}
                    <p id="understood-needed" class="field-error" role="alert">
                        {move || understood_needed.get().then(|| state.t("pro.create.understood_needed"))}
                    </p>
                    <button type="submit" class="button button-primary" data-testid="create-workspace-button">
                        {move || if restored.with(Option::is_some) {
                            state.t("pro.create.button_restored")
                        } else {
                            state.t("pro.create.button")
                        }}
                    </button>
                </form>
                <details class="restore">
                    <summary>{move || state.t("pro.create.restore_title")}</summary>
                    <p>{move || state.t("pro.create.restore_text")}</p>
                    <FileDrop label_key="pro.create.restore_label" hint_key="pro.import.drop_hint"
                        accept=".txt,.key,text/plain" testid="restore-key" on_files=on_key_file/>
                    <p role="status" data-testid="restore-status">
                        {move || restored.with(|r| r.as_ref().map(|id| id.to_public().to_string())).map(|key| {
                            state.tw("pro.create.restored", &[("key", &key)])
                        })}
                    </p>
                    <p class="field-error" role="alert">{move || restore_error.get().map(|e| view! { <ErrorPanel error=e testid="restore-error"/> })}</p>
                </details>
            </section>
        }
        .into_any(),
    }
    }
}

/// Where the professional works: their municipality from the study's list,
/// then one of its teams (when it has any).
#[component]
fn PlacePicker(
    /// The study whose places are offered.
    study: StoredValue<Study>,
    /// The picked municipality (empty: none yet).
    municipality: RwSignal<String>,
    /// The picked team (empty: none yet).
    team: RwSignal<String>,
    /// The teams of the picked municipality.
    teams: impl Fn() -> Vec<String> + Copy + Send + Sync + 'static,
    /// The municipality list, focused when the pick is missing.
    select: NodeRef<leptos::html::Select>,
    /// Whether the form was sent without a complete pick.
    needed: RwSignal<bool>,
) -> impl IntoView {
    let state = use_app_state();
    let municipalities = study.with_value(|s| {
        s.places
            .iter()
            .map(|p| p.municipality.clone())
            .collect::<Vec<_>>()
    });
    let municipality_options = municipalities
        .into_iter()
        .map(|m| {
            let value = m.clone();
            let selected = move || municipality.with(|picked| *picked == value);
            view! { <option value=m.clone() selected=selected>{m.clone()}</option> }
        })
        .collect_view();
    view! {
        <label for="place-municipality" class="field-label">{move || state.t("pro.create.municipality")}</label>
        <select id="place-municipality" class="text-input" data-testid="place-municipality" node_ref=select
            aria-describedby="place-needed"
            on:change=move |ev| {
                municipality.set(event_target_value(&ev));
                team.set(String::new());
                needed.set(false);
            }>
            <option value="" selected=move || municipality.with(String::is_empty)>
                {move || state.t("pro.create.pick")}
            </option>
            {municipality_options}
        </select>
        {move || {
            let teams = teams();
            (!teams.is_empty()).then(|| {
                let options = teams
                    .into_iter()
                    .map(|t| {
                        let value = t.clone();
                        let selected = move || team.with(|picked| *picked == value);
                        view! { <option value=t.clone() selected=selected>{t.clone()}</option> }
                    })
                    .collect_view();
                view! {
                    <label for="place-team" class="field-label">{move || state.t("pro.create.team")}</label>
                    <select id="place-team" class="text-input" data-testid="place-team"
                        aria-describedby="place-needed"
                        on:change=move |ev| {
                            team.set(event_target_value(&ev));
                            needed.set(false);
                        }>
                        <option value="" selected=move || team.with(String::is_empty)>
                            {move || state.t("pro.create.pick")}
                        </option>
                        {options}
                    </select>
                }
            })
        }}
        <p id="place-needed" class="field-error" role="alert" data-testid="place-needed">
            {move || needed.get().then(|| state.t("pro.create.place_needed"))}
        </p>
    }
}

/// Right after the key is made: download its backup, then on to the workspace.
#[component]
fn BackupStep(ws: Workspace) -> impl IntoView {
    let state = use_app_state();
    // Made here, not in the click handler that created the workspace: a
    // signal belongs to the view that makes it, and that form is gone now.
    let handle = WorkspaceHandle::new(ws, state);
    let public_key = handle.ws.with_untracked(|w| w.public_key.clone());
    let backed_up = move || handle.ws.with(|w| w.backed_up_at.is_some());
    view! {
        <section class="panel" data-testid="key-backup-step">
            <h1 tabindex="-1">{move || state.t("pro.backup.title")}</h1>
            <p>{move || state.t("pro.backup.ready")}</p>
            <p>{move || state.t("pro.backup.public_key")} " " <code class="key" data-testid="public-key">{public_key}</code></p>
            <p>{move || state.t("pro.backup.text")}</p>
            <KeyBackupButton handle=handle primary=true/>
            <p class="step-nav">
                <A href=handle.path() attr:class=move || if backed_up() { "button button-primary" } else { "button" }
                    attr:data-testid="to-workspace">
                    {move || if backed_up() { state.t("pro.backup.to_workspace") } else { state.t("pro.backup.later") }}
                </A>
            </p>
        </section>
    }
}

/// Downloads the key backup file and remembers that it was downloaded.
#[component]
pub fn KeyBackupButton(
    /// The workspace whose key is backed up.
    handle: WorkspaceHandle,
    /// Whether this is the screen's main action.
    #[prop(optional)]
    primary: bool,
) -> impl IntoView {
    let state = use_app_state();
    let failed = RwSignal::new(false);
    let download = move |_| {
        let backup = handle.ws.with_untracked(|w| w.key_backup(now()));
        match browser::download(
            &backup.text,
            &backup.file_name,
            DownloadOptions::default().mime("text/plain"),
        ) {
            Ok(()) => {
                failed.set(false);
                handle.change(|w| w.mark_backed_up(now()));
            }
            Err(_) => failed.set(true),
        }
    };
    view! {
        <p>
            <button type="button" class="button" class:button-primary=primary data-testid="download-key" on:click=download>
                {move || state.t("pro.backup.download")}
            </button>
        </p>
        <div role="status" aria-live="polite">
            {move || handle.ws.with(|w| w.backed_up_at).map(|at| view! {
                <p class="banner banner-success" data-testid="key-saved">
                    {state.tw("pro.backup.done", &[("date", &super::day(state.lang.get(), at))])}
                </p>
            })}
            {move || failed.get().then(|| view! {
                <p class="banner banner-error" role="alert">{state.t("pro.backup.failed")}</p>
            })}
        </div>
    }
}
