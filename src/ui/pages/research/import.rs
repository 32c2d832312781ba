//! Importing exports: load the secret key (file or paste, in memory unless
//! the researcher asks), add any number of files (picker or drag and drop),
//! watch the progress, read one outcome per file.
//!
//! The files are decrypted in time slices of about 20 ms; between slices the
//! page yields to the browser, so it keeps rendering the progress bar and
//! answering input even for thousands of files.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::{data_table, heading, tr, use_research_state, ResearchState};
use crate::core::error::Problem;
use crate::core::exchange::ImportError;
use crate::core::instrument::Role;
use crate::core::keys::{parse_identity, secret_key_text};
use crate::core::research::{
    read_checked, read_decrypted, shown_file_name, shown_time, DecidedBy, FileOutcome, Importer,
    Outcome, Summary,
};
use crate::core::util::Millis;
use crate::ui::browser;
use crate::ui::components::{AnyProblem, ErrorPanel, FileDrop, ScreenError};
use crate::ui::state::{now, use_app_state, AppState};

/// Longest stretch of work before the page yields to the browser: well
/// under the 50 ms of a "long task", with room for a busy machine (two
/// cores shared by the page, the import workers and the browser itself).
const SLICE_MS: u64 = 20;

/// Files read from disk at once. Reading one file at a time costs a browser
/// round trip each (about 1 ms: 10 s for 10 000 files); a batch overlaps them.
const READ_BATCH: usize = 250;

/// Rows of the outcome table shown at first, and added per "show more".
/// The counts above the table cover every file; thousands of rows at once
/// would take seconds to render and nobody reads them, while the filter
/// "only files with a remark" brings the ones that matter to the top.
const ROWS_PER_PAGE: usize = 500;

/// Rows of the outcome table drawn at once: the first ones with the result,
/// the rest a step per task, so that no task draws hundreds of rows (500
/// rows took about 100 ms, longer than the page may stay unresponsive).
const ROWS_PER_STEP: usize = 100;

/// `/research/import`.
#[component]
pub fn ImportPage() -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    view! {
        <section data-testid="import-page">
            <h1 tabindex="-1">{tr(state, "research.import.title")}</h1>
            <p>{tr(state, "research.import.intro")}</p>
            <KeyLoader/>
            {move || research.key.get().is_some().then(|| view! { <ExportDrop/> })}
            <ImportProgress/>
            <Outcomes/>
            <KeepData/>
        </section>
    }
}

/// Loads the secret key from a file or pasted text.
#[component]
fn KeyLoader() -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    let pasted = RwSignal::new(String::new());
    let keep = RwSignal::new(false);
    let error = RwSignal::new(None::<AnyProblem>);
    let use_text = move |text: String| match parse_identity(&text) {
        Ok(identity) => {
            error.set(None);
            pasted.set(String::new());
            research.set_identity(identity, keep.get_untracked());
        }
        Err(e) => error.set(Some(e.into())),
    };
    let on_key_file = Callback::new(move |files: Vec<web_sys::File>| {
        let Some(file) = files.into_iter().next() else {
            return;
        };
        spawn_local(async move {
            let read = browser::read_bytes(&file).await;
            // The researcher may have left the screen while the file was read.
            if error.is_disposed() {
                return;
            }
            match read {
                Ok(bytes) => use_text(String::from_utf8_lossy(&bytes).into_owned()),
                Err(_) => error.set(Some(ScreenError::KeyFileUnreadable.into())),
            }
        });
    });
    move || {
        match research.key.get() {
        Some(key) => view! {
            <section class="panel" data-testid="key-loaded">
                <h2>{tr(state, "research.import.key_loaded")}</h2>
                <p>{tr(state, "research.import.key_public")}</p>
                <p><code class="key" data-testid="loaded-public-key">{key}</code></p>
                <label class="option option-check">
                    <input type="checkbox" data-testid="key-kept"
                        prop:checked=move || research.key_kept.get()
                        on:change=move |ev| research.set_key_kept(event_target_checked(&ev), None)/>
                    <span>{tr(state, "research.key.keep")}</span>
                </label>
                <p class="item-hint">{tr(state, "research.key.keep_hint")}</p>
                <button type="button" class="button" data-testid="key-forget" on:click=move |_| research.forget_key()>
                    {tr(state, "research.import.key_forget")}
                </button>
            </section>
        }
        .into_any(),
        None => view! {
            <section class="panel" data-testid="key-loader">
                <h2>{tr(state, "research.import.key_title")}</h2>
                <p>{tr(state, "research.import.key_intro")}</p>
                <FileDrop label_key="research.import.key_file" hint_key="research.import.key_file_hint"
                    testid="key-file" on_files=on_key_file/>
                <label for="key-paste" class="field-label">{tr(state, "research.import.key_paste")}</label>
                <textarea id="key-paste" rows="3" data-testid="key-paste" class="key-paste"
                    autocomplete="off" spellcheck="false" aria-describedby="key-error"
                    prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                <label class="option option-check">
                    <input type="checkbox" data-testid="key-keep"
                        prop:checked=move || keep.get()
                        on:change=move |ev| keep.set(event_target_checked(&ev))/>
                    <span>{tr(state, "research.key.keep")}</span>
                </label>
                <p class="item-hint">{tr(state, "research.key.keep_hint")}</p>
                <p class="field-error" id="key-error" role="alert" data-testid="key-error">
                    {move || error.get().map(|e| view! { <ErrorPanel error=e/> })}
                </p>
                <button type="button" class="button button-primary" data-testid="key-use"
                    on:click=move |_| use_text(pasted.get_untracked())>
                    {tr(state, "research.import.key_use")}
                </button>
            </section>
        }
        .into_any(),
    }
    }
}

/// The drop zone for exports; disabled while a batch runs.
#[component]
fn ExportDrop() -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    let on_files = Callback::new(move |files: Vec<web_sys::File>| {
        if research.progress.get_untracked().is_none() {
            run_import(research, files);
        }
    });
    view! {
        <section class="panel" data-testid="export-drop">
            <h2>{tr(state, "research.import.files_title")}</h2>
            <fieldset class="plain" disabled=move || research.progress.get().is_some()>
                <FileDrop label_key="research.import.files" hint_key="research.import.files_hint"
                    multiple=true testid="export-files" on_files=on_files/>
            </fieldset>
        </section>
    }
}

/// Imports `files` into the research data, a time slice at a time: decrypted
/// in the import workers (one per core) when they run, else in the page.
fn run_import(research: ResearchState, files: Vec<web_sys::File>) {
    let Some(identity) = research.identity.get_value() else {
        return;
    };
    let total = files.len();
    research.outcomes.set(Vec::new());
    research.progress.set(Some((0, total, Summary::default())));
    spawn_local(async move {
        let started = now();
        let mut importer = Importer::new(research.data.get_untracked());
        let mut slices = Slices {
            research,
            total,
            done: 0,
            slice: now(),
        };
        if let Some(run) = browser::decrypt_in_workers(&files, &secret_key_text(&identity)) {
            while let Some(batch) = run.next().await {
                for (index, plaintext) in batch {
                    let name = files
                        .get(index)
                        .map(web_sys::File::name)
                        .unwrap_or_default();
                    let read = plaintext.and_then(|p| {
                        if p.checked {
                            read_checked(&p.bytes)
                        } else {
                            read_decrypted(&p.bytes)
                        }
                    });
                    importer.add(&name, read);
                    if !slices.done_one(&importer).await {
                        return;
                    }
                }
            }
        } else {
            let batches: Vec<&[web_sys::File]> = files.chunks(READ_BATCH).collect();
            let mut next_reads = batches.first().map(|b| browser::Reads::start(b));
            for (i, batch) in batches.iter().enumerate() {
                let Some(reads) = next_reads.take() else {
                    break;
                };
                // While the browser reads, the page renders and responds; the
                // next batch is read while this one is decrypted.
                let read = reads.finish().await;
                next_reads = batches.get(i + 1).map(|b| browser::Reads::start(b));
                for (file, bytes) in batch.iter().zip(read) {
                    let name = file.name();
                    match bytes {
                        Ok(bytes) => importer.add_file(&name, &bytes, &identity),
                        // A file the browser cannot read (moved, a folder) is
                        // reported like a damaged one and the batch goes on.
                        Err(_) => importer.add(&name, Err(ImportError::Damaged)),
                    }
                    if !slices.done_one(&importer).await {
                        return;
                    }
                }
            }
        }
        let (data, outcomes) = importer.finish();
        research.data.set(data);
        research.outcomes.set(outcomes);
        research.progress.set(None);
        research.last_duration.set(Some(now() - started));
        research.save_records(true);
    });
}

/// Counts the files done and gives the browser its turn at every time slice.
struct Slices {
    research: ResearchState,
    total: usize,
    done: usize,
    slice: Millis,
}

impl Slices {
    /// One more file done; false when the researcher left these screens
    /// (the state is gone: stop).
    async fn done_one(&mut self, importer: &Importer) -> bool {
        self.done += 1;
        if now() - self.slice >= SLICE_MS {
            let progress = Some((self.done, self.total, importer.summary()));
            if self.research.progress.try_set(progress).is_some() {
                return false;
            }
            browser::yield_now().await;
            self.slice = now();
        }
        true
    }
}

/// The progress bar while a batch runs, and the counts of the last batch.
#[component]
fn ImportProgress() -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    view! {
        <div role="status" aria-live="polite" class="import-status">
            {move || research.progress.get().map(|(done, total, summary)| view! {
                <div data-testid="import-progress" data-done=done data-total=total>
                    <label for="import-bar">
                        {state.tw("research.import.progress", &[("done", &done.to_string()), ("total", &total.to_string())])}
                    </label>
                    <progress id="import-bar" max=total value=done></progress>
                    <p class="hint">{summary_text(state, &summary)}</p>
                </div>
            })}
        </div>
    }
}

fn summary_text(state: AppState, s: &Summary) -> String {
    state.tw(
        "research.import.running_counts",
        &[
            ("imported", &s.imported.to_string()),
            ("problems", &(s.files - s.imported).to_string()),
        ],
    )
}

fn when(state: AppState, at: &Option<String>) -> String {
    // A time from a file is shown only when it is a real time; anything
    // else (which the import refuses anyway) reads as "not completed".
    at.as_deref()
        .and_then(shown_time)
        .unwrap_or_else(|| state.t("research.import.not_completed"))
}

/// The detail line of one file's outcome.
fn detail(state: AppState, row: &FileOutcome) -> String {
    match &row.outcome {
        Outcome::Imported => row
            .key
            .as_ref()
            .map(|k| {
                let role = match k.role {
                    Role::Citizen => "research.role.citizen",
                    Role::Professional => "research.role.professional",
                };
                let member = k
                    .member
                    .as_ref()
                    .map(|m| format!(" · {m}"))
                    .unwrap_or_default();
                format!(
                    "{}{member} · {} · {}",
                    k.respondent,
                    state.t(role),
                    k.moment.code()
                )
            })
            .unwrap_or_default(),
        Outcome::Duplicate {
            kept,
            other_file,
            same,
            this_completed,
            other_completed,
            this_exported,
            other_exported,
            decided_by,
        } => {
            // Whether the kept file was completed later or only made
            // (exported) later, so the researcher knows which answers count.
            let key = match (same, decided_by, kept) {
                (true, _, true) => "research.import.detail.same_kept",
                (true, _, false) => "research.import.detail.same_dropped",
                (false, DecidedBy::Completed, true) => "research.import.detail.kept",
                (false, DecidedBy::Completed, false) => "research.import.detail.dropped",
                (false, DecidedBy::Exported, true) => "research.import.detail.kept_exported",
                (false, DecidedBy::Exported, false) => "research.import.detail.dropped_exported",
                (false, DecidedBy::Tie, _) => "research.import.detail.tie",
            };
            let time = |t: &String| shown_time(t).unwrap_or_default();
            state.tw(
                key,
                &[
                    ("other", &shown_file_name(other_file)),
                    ("this", &when(state, this_completed)),
                    ("that", &when(state, other_completed)),
                    ("this_exported", &time(this_exported)),
                    ("that_exported", &time(other_exported)),
                ],
            )
        }
        Outcome::Failed(e) => e.hint(state.lang.get()),
    }
}

/// The per-file outcome table of the last batch.
#[component]
fn Outcomes() -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    let only_problems = RwSignal::new(false);
    let shown = RwSignal::new(ROWS_PER_PAGE);
    // Steps of ROWS_PER_STEP rows drawn so far, and whether a task is
    // drawing the next ones.
    let drawn = RwSignal::new(1usize);
    let drawing = StoredValue::new(false);
    let draw_rest = move || {
        if drawing.get_value() {
            return;
        }
        drawing.set_value(true);
        spawn_local(async move {
            loop {
                browser::yield_now().await;
                // The screen was left meanwhile: nothing to draw.
                let (Some(steps), Some(limit)) =
                    (drawn.try_get_untracked(), shown.try_get_untracked())
                else {
                    return;
                };
                if steps >= limit.div_ceil(ROWS_PER_STEP) {
                    break;
                }
                drawn.set(steps + 1);
            }
            drawing.set_value(false);
        });
    };
    let summary = Memo::new(move |_| research.outcomes.with(|o| Summary::of(o)));
    // Whether every row asked for is drawn (the end-to-end tests wait for it).
    let all_drawn = move || (drawn.get() >= shown.get().div_ceil(ROWS_PER_STEP)).to_string();
    let title = NodeRef::<leptos::html::H2>::new();
    // When a batch ends, focus moves to its result, so keyboard and screen
    // reader users land on the table instead of the drop zone.
    Effect::new(move |was_running: Option<bool>| {
        let running = research.progress.with(Option::is_some);
        if was_running == Some(true) && !running {
            if let Some(h) = title.get() {
                let _ = h.focus();
            }
        }
        running
    });
    move || {
        let s = summary.get();
        if s.files == 0 {
            return None;
        }
        let counts = [
            ("imported", s.imported, "research.import.outcome.imported"),
            (
                "duplicate",
                s.duplicate,
                "research.import.outcome.duplicate",
            ),
            ("wrong_key", s.wrong_key, "research.import.count.wrong_key"),
            ("damaged", s.damaged, "research.import.count.damaged"),
            (
                "not_balans",
                s.not_balans,
                "research.import.count.not_balans",
            ),
            ("newer", s.newer, "research.import.count.newer"),
            ("bad_field", s.bad_field, "research.import.count.bad_field"),
            ("rescue", s.rescue, "research.import.count.rescue"),
        ];
        let duration = research.last_duration.get();
        let needing_attention = s.files - s.imported;
        Some(view! {
            <section data-testid="import-result">
                <h2 tabindex="-1" node_ref=title data-testid="import-result-title">{state.tw("research.import.result_title", &[("n", &s.files.to_string())])}</h2>
                {duration.map(|ms| view! {
                    <p class="hint" data-testid="import-duration" data-ms=ms>
                        {state.tw("research.import.duration", &[("seconds", &super::number(state.lang.get(), Some(ms as f64 / 1000.0), 1))])}
                    </p>
                })}
                <ul class="outcome-counts" data-testid="import-summary" data-kept=s.imported + s.duplicate_kept>
                    {counts.into_iter().map(|(code, n, key)| {
                        // Duplicates say how many of them became a
                        // questionnaire, so the counts add up to the number
                        // of questionnaires read in (issue 12).
                        let label = if code == "duplicate" && n > 0 {
                            state.tw("research.import.count.duplicate_kept", &[("kept", &s.duplicate_kept.to_string())])
                        } else {
                            state.t(key)
                        };
                        view! {
                            <li data-testid=format!("count-{code}") data-count=n class=format!("outcome-{code}")>
                                <strong>{n}</strong> " " {label}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <label class="option option-check">
                    <input type="checkbox" data-testid="only-problems"
                        prop:checked=move || only_problems.get()
                        on:change=move |ev| only_problems.set(event_target_checked(&ev))/>
                    <span>{state.t("research.import.only_problems")}</span>
                </label>
                <div class="outcome-table" data-testid="outcome-table" data-drawn=all_drawn>
                    {data_table(
                        "outcome-caption",
                        state.t("research.import.table_caption"),
                        "import-table",
                        view! {
                            {heading(state, "#", true)}
                            {heading(state, "research.import.col.file", false)}
                            {heading(state, "research.import.col.outcome", false)}
                            {heading(state, "research.import.col.detail", false)}
                        },
                        move || {
                            let problems = only_problems.get();
                            let listed: Vec<usize> = research.outcomes.with(|rows| {
                                rows.iter()
                                    .enumerate()
                                    .filter(|(_, r)| !problems || r.outcome.needs_attention())
                                    .map(|(i, _)| i)
                                    .collect()
                            });
                            // A new list starts with its first step; the
                            // others follow, a step per task.
                            drawn.set(1);
                            draw_rest();
                            listed
                                .chunks(ROWS_PER_STEP)
                                .enumerate()
                                .map(|(step, chunk)| {
                                    let chunk = chunk.to_vec();
                                    let visible = Memo::new(move |_| {
                                        step < drawn.get() && step * ROWS_PER_STEP < shown.get()
                                    });
                                    move || {
                                        visible.get().then(|| {
                                            research.outcomes.with_untracked(|rows| {
                                                chunk
                                                    .iter()
                                                    .filter_map(|&i| {
                                                        rows.get(i).map(|row| outcome_row(state, i, row))
                                                    })
                                                    .collect_view()
                                            })
                                        })
                                    }
                                })
                                .collect_view()
                        },
                    )}
                </div>
                {move || {
                    let problems = only_problems.get();
                    let listed = if problems { needing_attention } else { s.files };
                    let hidden = listed.saturating_sub(shown.get());
                    (hidden > 0).then(|| view! {
                        <p class="table-more" data-testid="show-more-rows" data-hidden=hidden>
                            <span>{state.tw("research.import.rows_hidden", &[("n", &hidden.to_string())])}</span>
                            " "
                            <button type="button" class="button" data-testid="show-more-rows-button"
                                on:click=move |_| {
                                    shown.update(|n| *n += ROWS_PER_PAGE);
                                    draw_rest();
                                }>
                                {state.tw("research.import.show_more", &[("n", &hidden.min(ROWS_PER_PAGE).to_string())])}
                            </button>
                        </p>
                    })
                }}
            </section>
        })
    }
}

fn outcome_row(state: AppState, index: usize, row: &FileOutcome) -> impl IntoView {
    let code = row.outcome.code();
    let kept = match &row.outcome {
        Outcome::Duplicate { kept, .. } => Some(kept.to_string()),
        _ => None,
    };
    // A refusal's message may name the field the file got wrong.
    let label = match &row.outcome {
        Outcome::Failed(e) => e.message(state.lang.get()),
        other => state.t(other.label_key()),
    };
    view! {
        <tr data-testid="import-row" data-file=row.file.clone() data-outcome=code data-kept=kept
            class=format!("outcome-{code}")>
            <td class="num">{index + 1}</td>
            <th scope="row" class="file-name">{shown_file_name(&row.file)}</th>
            <td><span class="outcome-label">{label}</span></td>
            <td>{detail(state, row)}</td>
        </tr>
    }
}

/// Whether imported data stays on this device, and clearing it.
#[component]
fn KeepData() -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    let confirming = RwSignal::new(false);
    let records = move || research.data.with(|d| d.len());
    view! {
        <section class="panel" data-testid="keep-data-panel">
            <h2>{tr(state, "research.import.data_title")}</h2>
            <p data-testid="record-count" data-count=records>
                {move || state.tw("research.hub.records", &[("n", &records().to_string())])}
            </p>
            <label class="option option-check">
                <input type="checkbox" data-testid="keep-data" aria-describedby="keep-data-hint"
                    prop:checked=move || research.keep_data.get()
                    on:change=move |ev| research.set_keep_data(event_target_checked(&ev))/>
                <span>{tr(state, "research.import.keep_data")}</span>
            </label>
            <p class="item-hint" id="keep-data-hint">{tr(state, "research.import.keep_data_hint")}</p>
            <p>
                <A href="/research/dataset" attr:class="button">{tr(state, "research.hub.dataset_go")}</A>
                " "
                <A href="/research/analysis" attr:class="button">{tr(state, "research.hub.analysis_go")}</A>
            </p>
            {move || if confirming.get() {
                view! {
                    <div class="panel panel-warning" role="alertdialog" aria-labelledby="clear-title">
                        <p id="clear-title"><strong>{state.t("research.import.clear_confirm")}</strong></p>
                        <div class="step-nav">
                            <button type="button" class="button" on:click=move |_| confirming.set(false)>
                                {state.t("delete.no")}
                            </button>
                            <button type="button" class="button button-danger" data-testid="clear-data-yes"
                                on:click=move |_| {
                                    research.clear_data();
                                    confirming.set(false);
                                }>
                                {state.t("research.import.clear_yes")}
                            </button>
                        </div>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button button-danger-outline" data-testid="clear-data"
                        disabled=move || records() == 0
                        on:click=move |_| confirming.set(true)>
                        {state.t("research.import.clear")}
                    </button>
                }.into_any()
            }}
        </section>
    }
}
