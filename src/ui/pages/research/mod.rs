//! The researcher's screens: set up a study and its key, import exports,
//! download the dataset, see the analysis. One route, `/research/:screen?`,
//! shows them all, so [`ResearchPage`] stays mounted while the researcher
//! moves between screens and the typed context it provides,
//! [`ResearchState`], keeps a loaded key and imported data. (One route with
//! a parameter instead of nested routes also keeps the router's generic
//! code, and so the wasm, smaller.)

mod analysis;
mod backup;
mod calendar;
mod charts;
mod conditions;
mod dataset;
mod import;
mod interview;
mod place;
mod quality;
mod report;
mod study;

use analysis::AnalysisPage;
use backup::{ask_before_leaving, ResearchBackup};
use conditions::ConditionsPage;
use dataset::DatasetPage;
use import::ImportPage;
use interview::InterviewPage;
use quality::QualityPage;
use report::ReportPage;
use study::StudyPage;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::core::error::Problem;
use crate::core::i18n::{has_text, Lang};
use crate::core::keys::{parse_identity, public_key};
use crate::core::links::{
    default_study, DefaultStudy, KeptKey, Study, RESEARCH_KEY_KEY, RESEARCH_STUDY_KEY,
};
use crate::core::questionnaire::MigrateError;
use crate::core::research::{
    research_record_key, FileOutcome, Outcome, Record, RecordKey, ResearchData, Summary,
    RESEARCH_DATA_KEY, RESEARCH_RECORD_PREFIX,
};
use crate::ui::browser::{self, DownloadOptions};
use crate::ui::components::ErrorPanel;
use crate::ui::state::{now, use_app_state, AppState};
use crate::ui::store::{self, LoadedRecord};

/// State shared by the researcher's screens.
#[derive(Clone, Copy)]
pub struct ResearchState {
    /// The secret key, in memory only (unless `key_kept`).
    pub identity: StoredValue<Option<age::x25519::Identity>>,
    /// The public key of the loaded secret key, for display.
    pub key: RwSignal<Option<String>>,
    /// Whether the secret key is also kept in this device's storage.
    pub key_kept: RwSignal<bool>,
    /// Everything imported so far.
    pub data: RwSignal<ResearchData>,
    /// Whether imported data is kept on this device.
    pub keep_data: RwSignal<bool>,
    /// The outcomes of the last batch.
    pub outcomes: RwSignal<Vec<FileOutcome>>,
    /// While a batch runs: files done, files in all, and the counts so far.
    pub progress: RwSignal<Option<(usize, usize, Summary)>>,
    /// How long the last batch took, in milliseconds.
    pub last_duration: RwSignal<Option<u64>>,
    /// The study set up on this device.
    pub study: RwSignal<Option<Study>>,
    /// A stored value that could not be read (catalogue key), shown once.
    pub problem: RwSignal<Option<StorageProblem>>,
}

impl ResearchState {
    fn load() -> Self {
        let problem = RwSignal::new(None);
        let unreadable = |e: MigrateError| {
            problem.set(Some(match e {
                MigrateError::TooLarge => StorageProblem::TooLarge,
                _ => StorageProblem::Unreadable,
            }))
        };
        let (mut data, mut keep_data) = match store::load_record::<ResearchData>(RESEARCH_DATA_KEY)
        {
            LoadedRecord::Found(data) => (data, true),
            LoadedRecord::Absent => (ResearchData::default(), false),
            LoadedRecord::Quarantined(e) => {
                unreadable(e);
                (ResearchData::default(), false)
            }
        };
        // Records an older version kept inside the data record move to
        // their own keys (below, once the state exists).
        let legacy = !data.is_empty();
        let mut at: std::collections::HashMap<RecordKey, usize> = data
            .records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.key(), i))
            .collect();
        for key in store::record_keys(RESEARCH_RECORD_PREFIX) {
            match store::load_record::<Record>(&key) {
                LoadedRecord::Found(record) => {
                    keep_data = true;
                    // A record under its own key is newer than one of the
                    // same person in the older data record.
                    match at.get(&record.key()) {
                        Some(&i) => {
                            if let Some(slot) = data.records.get_mut(i) {
                                *slot = record;
                            }
                        }
                        None => {
                            at.insert(record.key(), data.records.len());
                            data.records.push(record);
                        }
                    }
                }
                LoadedRecord::Absent => {}
                LoadedRecord::Quarantined(e) => unreadable(e),
            }
        }
        let study = match store::load_record::<Study>(RESEARCH_STUDY_KEY) {
            LoadedRecord::Found(study) => Some(study),
            LoadedRecord::Absent => None,
            LoadedRecord::Quarantined(e) => {
                unreadable(e);
                None
            }
        };
        let identity = match store::load_record::<KeptKey>(RESEARCH_KEY_KEY) {
            LoadedRecord::Found(kept) => parse_identity(&kept.secret_key).ok(),
            LoadedRecord::Absent => None,
            LoadedRecord::Quarantined(e) => {
                unreadable(e);
                None
            }
        };
        let research = ResearchState {
            key: RwSignal::new(identity.as_ref().map(public_key)),
            key_kept: RwSignal::new(identity.is_some()),
            identity: StoredValue::new(identity),
            data: RwSignal::new(data),
            keep_data: RwSignal::new(keep_data),
            outcomes: RwSignal::new(Vec::new()),
            progress: RwSignal::new(None),
            last_duration: RwSignal::new(None),
            study: RwSignal::new(study),
            problem,
        };
        if legacy && keep_data {
            research.save_records(false);
        }
        research
    }

    /// Uses `identity` from now on; keeps it on the device only when `keep`.
    pub fn set_identity(&self, identity: age::x25519::Identity, keep: bool) {
        let secret = crate::core::keys::secret_key_text(&identity);
        self.key.set(Some(public_key(&identity)));
        self.identity.set_value(Some(identity));
        self.set_key_kept(keep, Some(secret));
    }

    /// Keeps the loaded key on the device, or removes it from there.
    pub fn set_key_kept(&self, keep: bool, secret: Option<String>) {
        let secret = secret.or_else(|| {
            self.identity
                .with_value(|i| i.as_ref().map(crate::core::keys::secret_key_text))
        });
        match (keep, secret) {
            (true, Some(secret_key)) => {
                if store::save_record(RESEARCH_KEY_KEY, &KeptKey { secret_key }).is_err() {
                    self.problem.set(Some(StorageProblem::KeyNotKept));
                    self.key_kept.set(false);
                    return;
                }
            }
            _ => store::delete_record(RESEARCH_KEY_KEY),
        }
        self.key_kept.set(keep);
    }

    /// Forgets the secret key, in memory and on the device.
    pub fn forget_key(&self) {
        self.identity.set_value(None);
        self.key.set(None);
        store::delete_record(RESEARCH_KEY_KEY);
        self.key_kept.set(false);
    }

    /// Saves the imported data when the researcher keeps it on the device:
    /// the records the last batch kept (`last_batch`, read from `outcomes`)
    /// or every record, each under its own key, a slice at a time so the
    /// page never waits long. Nothing is copied up front: a record is written
    /// from the dataset as it stands when its turn comes.
    pub fn save_records(&self, last_batch: bool) {
        // `try_`: a batch may end after the researcher left these screens
        // and the state is gone; then there is nothing to save.
        if self.keep_data.try_get_untracked() != Some(true) {
            return;
        }
        let research = *self;
        leptos::task::spawn_local(async move {
            // A task of its own: the import's last screen update is done
            // before the first record is written (and the end-to-end test
            // can tell saving from importing by these marks).
            browser::yield_now().await;
            mark("balans-save-start");
            let Some(at) = research.data.try_with_untracked(|data| {
                if !last_batch {
                    return (0..data.records.len()).collect();
                }
                research
                    .outcomes
                    .try_with_untracked(|outcomes| kept_by(data, outcomes))
                    .unwrap_or_default()
            }) else {
                return;
            };
            // The data record says "kept" and holds no records any more.
            let mut result = store::save_record(RESEARCH_DATA_KEY, &ResearchData::default());
            let mut slice = now();
            for i in at {
                if result.is_err() {
                    break;
                }
                // Gone (the data was cleared meanwhile): nothing more to keep.
                let Some(Some(saved)) = research.data.try_with_untracked(|data| {
                    data.records.get(i).map(|record| {
                        store::save_record(&research_record_key(&record.key()), record)
                    })
                }) else {
                    break;
                };
                result = saved;
                if now() - slice >= SAVE_SLICE_MS {
                    browser::yield_now().await;
                    slice = now();
                }
            }
            // The shell's storage warning speaks to citizens about one
            // answer; the researcher gets a message about the dataset.
            if result.is_err() {
                let _ = research.problem.try_set(Some(StorageProblem::DataNotKept));
            }
            mark("balans-save-end");
        });
    }

    /// Keeps imported data on the device from now on, or removes it there.
    pub fn set_keep_data(&self, keep: bool) {
        self.keep_data.set(keep);
        if keep {
            self.save_records(false);
        } else {
            delete_kept_data();
        }
    }

    /// Clears all imported data, in memory and on the device.
    pub fn clear_data(&self) {
        self.data.set(ResearchData::default());
        self.outcomes.set(Vec::new());
        delete_kept_data();
    }
}

/// The places in `data` of the records a batch with these `outcomes` kept.
fn kept_by(data: &ResearchData, outcomes: &[FileOutcome]) -> Vec<usize> {
    let kept: std::collections::HashSet<&RecordKey> = outcomes
        .iter()
        .filter(|o| {
            matches!(
                o.outcome,
                Outcome::Imported | Outcome::Duplicate { kept: true, .. }
            )
        })
        .filter_map(|o| o.key.as_ref())
        .collect();
    data.records
        .iter()
        .enumerate()
        .filter(|(_, r)| kept.contains(&r.key()))
        .map(|(i, _)| i)
        .collect()
}

/// How long saving kept records may hold the page before it lets the
/// browser draw and respond (a "long task" is 50 ms or more).
const SAVE_SLICE_MS: u64 = 8;

/// A named moment on the page's performance timeline.
fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Removes the kept imported data from the device.
fn delete_kept_data() {
    store::delete_record(RESEARCH_DATA_KEY);
    for key in store::record_keys(RESEARCH_RECORD_PREFIX) {
        store::delete_record(&key);
    }
}

/// The researcher context provided by [`ResearchPage`].
pub fn use_research_state() -> ResearchState {
    expect_context::<ResearchState>()
}

/// Offers text as a download; a failure is shown as the app's notice.
pub fn offer_download(app: AppState, contents: &str, name: &str, mime: &str) {
    if browser::download(contents, name, DownloadOptions::default().mime(mime)).is_err() {
        app.notice.set(Some("research.download_failed"));
    }
}

/// MIME type of the CSV downloads.
pub const CSV_MIME: &str = "text/csv;charset=utf-8";
/// MIME type of plain text downloads (key file, SPSS syntax).
pub const TEXT_MIME: &str = "text/plain;charset=utf-8";

/// A number for tables: `decimals` places, with a decimal comma in Dutch.
pub fn number(lang: Lang, value: Option<f64>, decimals: usize) -> String {
    match value {
        None => "–".to_string(),
        Some(v) => {
            let text = format!("{v:.decimals$}");
            // "-0.00" reads oddly; a rounded zero has no sign.
            let text = if text
                .trim_start_matches('-')
                .chars()
                .all(|c| c == '0' || c == '.')
            {
                text.trim_start_matches('-').to_string()
            } else {
                text
            };
            match lang {
                Lang::Nl => text.replace('.', ","),
                Lang::En => text,
            }
        }
    }
}

/// A p-value for tables: three decimals, "< 0.001" below that.
pub fn p_value(lang: Lang, p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => format!("< {}", number(lang, Some(0.001), 3)),
        other => number(lang, other, 3),
    }
}

/// The text of `key` in the current language, as a reactive view. Every
/// call returns the same closure type, so the renderer's generic code is
/// made once rather than once per text: it keeps the wasm smaller than
/// writing `move || state.t(key)` at each place.
pub fn tr(
    state: AppState,
    key: &'static str,
) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    move || state.t(key)
}

/// A column heading: a catalogue key, or a statistic's symbol (`t`, `df`,
/// `χ²`) shown as it is. Numeric columns are right-aligned.
pub fn heading(state: AppState, label: &'static str, numeric: bool) -> impl IntoView {
    let text = move || {
        if has_text(state.lang.get(), label) {
            state.t(label)
        } else {
            label.to_string()
        }
    };
    view! { <th scope="col" class:num=numeric>{text}</th> }
}

/// A data table in its own focusable region that scrolls sideways on a
/// narrow screen, so words in cells stay whole.
pub fn data_table(
    caption_id: impl Into<String>,
    caption: impl IntoView + 'static,
    testid: impl Into<String>,
    headings: impl IntoView + 'static,
    body: impl IntoView + 'static,
) -> impl IntoView {
    let caption_id: String = caption_id.into();
    let labelled_by = caption_id.clone();
    view! {
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby=labelled_by>
            <table class="data-table" data-testid=testid.into()>
                <caption id=caption_id>{caption}</caption>
                <thead><tr>{headings}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// Why the researcher's data could not be kept on, or read from, this device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StorageProblem {
    /// Stored research data could not be read; it was set aside.
    Unreadable,
    /// Stored research data was far larger than Balans ever writes; it was
    /// set aside unread.
    TooLarge,
    /// The secret key could not be kept in this browser.
    KeyNotKept,
    /// The imported data no longer fits in this browser.
    DataNotKept,
}

impl Problem for StorageProblem {
    fn message_key(&self) -> &'static str {
        match self {
            StorageProblem::Unreadable => "research.storage.unreadable",
            StorageProblem::TooLarge => "research.storage.too_large",
            StorageProblem::KeyNotKept => "research.storage.key_failed",
            StorageProblem::DataNotKept => "research.storage.data_failed",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            StorageProblem::Unreadable => "research.storage.unreadable_hint",
            StorageProblem::TooLarge => "research.storage.too_large_hint",
            StorageProblem::KeyNotKept => "research.storage.key_failed_hint",
            StorageProblem::DataNotKept => "research.storage.data_failed_hint",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            StorageProblem::Unreadable => "unreadable",
            StorageProblem::TooLarge => "too_large",
            StorageProblem::KeyNotKept => "key_not_kept",
            StorageProblem::DataNotKept => "data_not_kept",
        }
    }
}

crate::core::error::display_as_problem!(StorageProblem);

/// The sub-navigation between the researcher's screens.
#[component]
fn ResearchNav() -> impl IntoView {
    let state = use_app_state();
    let links = [
        ("/research", "research.nav.overview", "nav-research"),
        (
            "/research/study",
            "research.nav.study",
            "nav-research-study",
        ),
        (
            "/research/import",
            "research.nav.import",
            "nav-research-import",
        ),
        (
            "/research/dataset",
            "research.nav.dataset",
            "nav-research-dataset",
        ),
        (
            "/research/analysis",
            "research.nav.analysis",
            "nav-research-analysis",
        ),
        (
            "/research/conditions",
            "research.nav.conditions",
            "nav-research-conditions",
        ),
        (
            "/research/quality",
            "research.nav.quality",
            "nav-research-quality",
        ),
        (
            "/research/report",
            "research.nav.report",
            "nav-research-report",
        ),
        (
            "/research/interview",
            "interview.nav",
            "nav-research-interview",
        ),
    ];
    view! {
        <nav class="research-nav" aria-label=tr(state, "research.nav.label")>
            <ul>
                {links
                    .into_iter()
                    .map(|(href, key, testid)| {
                        // `exact`: the router's own aria-current would
                        // otherwise mark "Overzicht" (`/research`) on every
                        // sub-page as well.
                        view! {
                            <li>
                                <A href=href exact=true attr:data-testid=testid>
                                    {move || state.t(key)}
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// `/research/:screen?`: provides [`ResearchState`] and shows the screen
/// named in the address under the researcher's navigation.
#[component]
pub fn ResearchPage() -> impl IntoView {
    let state = use_app_state();
    let research = ResearchState::load();
    provide_context(research);
    ask_before_leaving(research);
    let params = use_params_map();
    let screen = Memo::new(move |_| params.read().get("screen").unwrap_or_default());
    view! {
        <div class="research">
            <ResearchNav/>
            {move || research.problem.get().map(|problem| view! {
                <div class="banner banner-error" role="alert" data-testid="research-problem">
                    <p><ErrorPanel error=problem testid="research-problem-text"/></p>
                    <button type="button" class="link-button" on:click=move |_| research.problem.set(None)>
                        {state.t("common.close")}
                    </button>
                </div>
            })}
            {move || match screen.get().as_str() {
                "" => view! { <ResearchHub/> }.into_any(),
                "study" => view! { <StudyPage/> }.into_any(),
                "import" => view! { <ImportPage/> }.into_any(),
                "dataset" => view! { <DatasetPage/> }.into_any(),
                "analysis" => view! { <AnalysisPage/> }.into_any(),
                "quality" => view! { <QualityPage/> }.into_any(),
                "report" => view! { <ReportPage/> }.into_any(),
                "conditions" => view! { <ConditionsPage/> }.into_any(),
                "interview" => view! { <InterviewPage/> }.into_any(),
                _ => view! { <super::NotFound/> }.into_any(),
            }}
        </div>
    }
}

/// `/research`: what the researcher can do, and where things stand.
#[component]
fn ResearchHub() -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    let records = move || research.data.with(|d| d.len()).to_string();
    view! {
        <section data-testid="research-hub">
            <h1 tabindex="-1">{tr(state, "research.hub.title")}</h1>
            <p>{tr(state, "research.hub.intro")}</p>
            <ol class="research-steps">
                <li class="card">
                    <h2>{tr(state, "research.nav.study")}</h2>
                    <p>{move || match research.study.get() {
                        Some(study) => state.tw("research.hub.study_set", &[("study", &study.name)]),
                        None => state.t("research.hub.study_none"),
                    }}</p>
                    <A href="/research/study" attr:class="button">{tr(state, "research.hub.study_go")}</A>
                </li>
                <li class="card">
                    <h2>{tr(state, "research.nav.import")}</h2>
                    <p data-testid="hub-key">{move || if research.key.get().is_some() {
                        state.t("research.hub.key_loaded")
                    } else {
                        state.t("research.hub.key_none")
                    }}</p>
                    <p data-testid="hub-records">{move || state.tw("research.hub.records", &[("n", &records())])}</p>
                    <A href="/research/import" attr:class="button">{tr(state, "research.hub.import_go")}</A>
                </li>
                <li class="card">
                    <h2>{tr(state, "research.nav.dataset")}</h2>
                    <p>{tr(state, "research.hub.dataset_text")}</p>
                    <A href="/research/dataset" attr:class="button">{tr(state, "research.hub.dataset_go")}</A>
                </li>
                <li class="card">
                    <h2>{tr(state, "research.nav.analysis")}</h2>
                    <p>{tr(state, "research.hub.analysis_text")}</p>
                    <A href="/research/analysis" attr:class="button">{tr(state, "research.hub.analysis_go")}</A>
                </li>
            </ol>
            <ResearchBackup/>
            // The kept imports, notes and study key, locked by the
            // researcher's own passphrase (issue 17).
            // The study set here, or the one this build starts with.
            {move || research.study.get().or_else(|| match default_study() {
                DefaultStudy::Demo(study) | DefaultStudy::Deployed(study) => Some(study),
                DefaultStudy::Broken(_) => None,
            }).map(|study| view! { <crate::ui::pages::LockOffer study=study/> })}
            <DeploymentStudy/>
        </section>
    }
}

/// The study this build starts with (the demo, or one built in).
#[component]
fn DeploymentStudy() -> impl IntoView {
    let state = use_app_state();
    match default_study() {
        DefaultStudy::Broken(error) => view! {
            <ErrorPanel title_key="research.hub.default_broken" error=error/>
        }
        .into_any(),
        DefaultStudy::Demo(study) | DefaultStudy::Deployed(study) => {
            let demo = study.researcher_key == crate::core::links::DEMO_RESEARCHER_KEY;
            view! {
                <section class="panel" data-testid="default-study" data-demo=demo.to_string()>
                    <h2>{tr(state, "research.hub.default_title")}</h2>
                    <p>{move || state.tw("research.hub.default_study", &[("study", &study.name)])}</p>
                    {demo.then(|| view! { <p class="hint">{tr(state, "research.hub.default_demo")}</p> })}
                    <p class="hint">{tr(state, "research.hub.default_how")}</p>
                </section>
            }
            .into_any()
        }
    }
}
