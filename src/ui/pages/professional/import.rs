//! Importing citizens' exports encrypted to the professional's key: file
//! picker and drag-and-drop, one result line per file.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::{moment_query, respondent_path, WorkspaceHandle};
use crate::core::instrument::Moment;
use crate::core::professional::{import_key, is_known_role, ImportKind, ImportedForm};
use crate::core::research::shown_file_name;
use crate::ui::browser;
use crate::ui::components::{AnyProblem, ErrorPanel, FileDrop, ScreenError};
use crate::ui::state::{now, use_app_state, AppState};
use crate::ui::store::{self, LoadedRecord};

/// What became of one file.
#[derive(Clone)]
pub(super) enum Outcome {
    Imported {
        file: String,
        code: String,
        member: Option<String>,
        moment: Moment,
        kind: ImportKind,
        /// An earlier import of this person and moment could not be read:
        /// it was set aside (never overwritten), and the person is told.
        set_aside: bool,
        /// The member label, when it is none of today's roles (a file from
        /// before the fixed list): accepted, with a warning.
        unknown_role: Option<String>,
    },
    Refused {
        file: String,
        /// Why: the file's own error, a failed save, or an unreadable file.
        error: AnyProblem,
    },
}

/// Decrypts, checks and stores one file.
pub(super) fn import_one(
    state: AppState,
    handle: WorkspaceHandle,
    file: String,
    bytes: &[u8],
    expected: Option<&str>,
) -> Outcome {
    let ws = handle.ws.get_untracked();
    let envelope = match ws.check_import(bytes, expected) {
        Ok(envelope) => envelope,
        Err(e) => {
            return Outcome::Refused {
                file,
                error: e.into(),
            }
        }
    };
    let (code, member, moment) = (
        envelope.respondent.to_string(),
        envelope.member.clone(),
        envelope.moment,
    );
    let key = import_key(&ws.citizen_id(&code, member.as_deref(), moment));
    // An unreadable earlier import is set aside by the store exactly as it
    // was (and the save below refuses to write while it cannot be), so the
    // new file never overwrites it; the result line says so.
    let (stored, set_aside) = match store::load_record::<ImportedForm>(&key) {
        LoadedRecord::Found(form) => (Some(form.envelope), false),
        LoadedRecord::Quarantined(_) => (None, true),
        LoadedRecord::Absent => (None, false),
    };
    let unknown_role = member.clone().filter(|m| !is_known_role(m));
    let kind = ImportKind::of(stored.as_ref(), &envelope);
    if kind == ImportKind::AlreadyImported {
        // The same answers again (issue 12 said "replaces"): keep the first
        // import and its date; nothing to save.
        return Outcome::Imported {
            file,
            code,
            member,
            moment,
            kind,
            set_aside,
            unknown_role,
        };
    }
    let record = ImportedForm {
        envelope,
        imported_at: now(),
    };
    // The answers first: the workspace only says "imported" once they are kept.
    if let Err(e) = store::save_record(&key, &record) {
        state.report(Err(e));
        return Outcome::Refused {
            file,
            error: e.into(),
        };
    }
    handle.change(|w| w.record_import(&record.envelope, now()));
    Outcome::Imported {
        file,
        code,
        member,
        moment,
        kind,
        set_aside,
        unknown_role,
    }
}

/// What the result line says besides "imported", if anything.
fn kind_key(kind: ImportKind) -> Option<&'static str> {
    match kind {
        ImportKind::New => None,
        ImportKind::AlreadyImported => Some("pro.import.already"),
        ImportKind::Replaces => Some("pro.import.replaced"),
    }
}

/// Short code of an import's kind, for tests.
fn kind_code(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::New => "new",
        ImportKind::AlreadyImported => "already",
        ImportKind::Replaces => "replaces",
    }
}

/// A drop zone for citizens' files; with `expected`, files must be that respondent's.
#[component]
pub fn ImportBox(
    /// The workspace to import into.
    handle: WorkspaceHandle,
    /// The respondent whose page this is, if any.
    #[prop(optional, into)]
    expected: Option<String>,
) -> impl IntoView {
    let state = use_app_state();
    let outcomes = RwSignal::new(Vec::<Outcome>::new());
    let expected = StoredValue::new(expected);
    let on_files = Callback::new(move |files: Vec<web_sys::File>| {
        outcomes.set(Vec::new());
        for file in files {
            spawn_local(async move {
                let name = file.name();
                let read = browser::read_bytes(&file).await;
                // The person may have left the screen while the file was read.
                if handle.ws.is_disposed() || outcomes.is_disposed() {
                    return;
                }
                let outcome = match read {
                    Ok(bytes) => {
                        let expected = expected.get_value();
                        import_one(state, handle, name, &bytes, expected.as_deref())
                    }
                    Err(_) => Outcome::Refused {
                        file: name,
                        error: ScreenError::FileUnreadable.into(),
                    },
                };
                outcomes.update(|o| o.push(outcome));
            });
        }
    });
    let wid = move || handle.ws.with_untracked(|w| w.id.clone());
    let results = move || {
        outcomes
            .get()
            .into_iter()
            .map(|outcome| match outcome {
                Outcome::Imported { file, code, member, moment, kind, set_aside, unknown_role } => {
                    let href = format!(
                        "{}/compare{}",
                        respondent_path(&wid(), &code),
                        moment_query(moment, member.as_deref())
                    );
                    let who = super::who_when(state, &code, member.as_deref(), moment);
                    view! {
                        <li class="banner banner-success" data-testid="import-result" data-outcome="imported"
                            data-kind=kind_code(kind) data-code=code.clone() data-moment=moment.code()>
                            <p><strong>{state.tw("pro.import.done", &[("file", &shown_file_name(&file))])}</strong></p>
                            <p>{who}</p>
                            {kind_key(kind).map(|key| view! { <p data-testid="import-kind">{state.t(key)}</p> })}
                            {set_aside.then(|| view! { <p data-testid="import-set-aside">{state.t("pro.import.set_aside")}</p> })}
                            {unknown_role.map(|m| view! {
                                <p data-testid="import-unknown-role">{state.tw("pro.import.unknown_role", &[("member", &m)])}</p>
                            })}
                            <p><A href=href attr:class="button button-primary" attr:data-testid="import-compare">
                                {state.t("pro.compare.button")}
                            </A></p>
                        </li>
                    }
                    .into_any()
                }
                Outcome::Refused { file, error } => {
                    let message_key = error.problem().message_key();
                    view! {
                        <li class="banner banner-error" data-testid="import-result" data-outcome=message_key>
                            <p><strong>{state.tw("pro.import.refused", &[("file", &shown_file_name(&file))])}</strong></p>
                            <p><ErrorPanel error=error/></p>
                        </li>
                    }
                    .into_any()
                }
            })
            .collect_view()
    };
    view! {
        <div class="import-box">
            <FileDrop label_key="pro.import.label" hint_key="pro.import.drop_hint" multiple=true
                testid="import-file" on_files=on_files/>
            // The live region wraps the list: a role on the <ul> itself
            // would take away its list semantics.
            <div role="status" aria-live="polite"><ul class="import-results">{results}</ul></div>
        </div>
    }
}
