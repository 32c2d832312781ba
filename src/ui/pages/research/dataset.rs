//! The dataset downloads: long and wide CSV, the codebook, and SPSS syntax
//! for either CSV.

use leptos::prelude::*;
use leptos_router::components::A;

use super::interview::stored_interviews;
use super::{data_table, heading, offer_download, tr, use_research_state, CSV_MIME, TEXT_MIME};
use crate::core::i18n::Lang;
use crate::core::instrument::Moment;
use crate::core::research::{
    codebook_csv, conditions_sheet, goals_sheet, interview_sheet, latest_plans, long_table,
    plans_sheet, r_script, r_script_for_sheet, r_script_name, spss_syntax, steps_sheet,
    wide_table_with, Conditions, ResearchData, Sheet, CODEBOOK_NAME, LONG_CSV_NAME,
    LONG_EXCEL_NAME, WIDE_CSV_NAME, WIDE_EXCEL_NAME,
};
use crate::ui::state::use_app_state;

/// What a download button makes.
#[derive(Clone, Copy)]
enum Download {
    Long,
    Wide,
    LongExcel,
    WideExcel,
    Codebook,
    SpssLong,
    SpssWide,
    Plans,
    Goals,
    Steps,
    Interview,
    RLong,
    RWide,
    RPlans,
    RGoals,
    RSteps,
    RInterview,
    Conditions,
}

/// The wide table with the conditions joined: the interview answers are on
/// this device, so they are read at the moment of download.
fn wide(data: &ResearchData) -> crate::core::research::Table {
    wide_table_with(data, &Conditions::of(data, &stored_interviews()))
}

fn sheet(sheet: Sheet) -> (String, String, &'static str) {
    (sheet.to_csv(), sheet.file.to_string(), CSV_MIME)
}

/// The R script of a plan or interview table, named after its CSV.
fn sheet_r(sheet: Sheet, lang: Lang) -> (String, String, &'static str) {
    (
        r_script_for_sheet(&sheet, lang),
        r_script_name(sheet.file, lang),
        TEXT_MIME,
    )
}

/// `/research/dataset`.
#[component]
pub fn DatasetPage() -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    let make = move |what: Download| {
        let lang = state.lang.get_untracked();
        research.data.with_untracked(|data| {
            let (contents, name, mime) = match what {
                Download::Long => (
                    long_table(data).to_csv(),
                    LONG_CSV_NAME.to_string(),
                    CSV_MIME,
                ),
                Download::Wide => (wide(data).to_csv(), WIDE_CSV_NAME.to_string(), CSV_MIME),
                Download::LongExcel => (
                    long_table(data).to_excel_csv(),
                    LONG_EXCEL_NAME.to_string(),
                    CSV_MIME,
                ),
                Download::WideExcel => (
                    wide(data).to_excel_csv(),
                    WIDE_EXCEL_NAME.to_string(),
                    CSV_MIME,
                ),
                Download::Codebook => (codebook_csv(), CODEBOOK_NAME.to_string(), CSV_MIME),
                Download::SpssLong => (
                    spss_syntax(&long_table(data), LONG_CSV_NAME, lang),
                    format!("balans_long_{}.sps", lang.code()),
                    TEXT_MIME,
                ),
                Download::SpssWide => (
                    spss_syntax(&wide(data), WIDE_CSV_NAME, lang),
                    format!("balans_wide_{}.sps", lang.code()),
                    TEXT_MIME,
                ),
                Download::Plans => sheet(plans_sheet(data)),
                Download::Goals => sheet(goals_sheet(data)),
                Download::Steps => sheet(steps_sheet(data)),
                // The notes are on this device, not in the imported data.
                Download::Interview => sheet(interview_sheet(&stored_interviews())),
                Download::RLong => (
                    r_script(&long_table(data), LONG_CSV_NAME, lang),
                    r_script_name(LONG_CSV_NAME, lang),
                    TEXT_MIME,
                ),
                Download::RWide => (
                    r_script(&wide(data), WIDE_CSV_NAME, lang),
                    r_script_name(WIDE_CSV_NAME, lang),
                    TEXT_MIME,
                ),
                Download::RPlans => sheet_r(plans_sheet(data), lang),
                Download::RGoals => sheet_r(goals_sheet(data), lang),
                Download::RSteps => sheet_r(steps_sheet(data), lang),
                Download::RInterview => sheet_r(interview_sheet(&stored_interviews()), lang),
                Download::Conditions => sheet(conditions_sheet(&Conditions::of(
                    data,
                    &stored_interviews(),
                ))),
            };
            offer_download(state, &contents, &name, mime);
        });
    };
    let button = move |what: Download, key: &'static str, testid: &'static str| {
        view! {
            <li>
                <button type="button" class="button" data-testid=testid on:click=move |_| make(what)>
                    {move || state.t(key)}
                </button>
            </li>
        }
    };
    let empty = move || research.data.with(|d| d.is_empty());
    let plans = move || research.data.with(|d| latest_plans(d).len());
    view! {
        <section data-testid="dataset-page">
            <h1 tabindex="-1">{tr(state, "research.dataset.title")}</h1>
            <p>{tr(state, "research.dataset.intro")}</p>
            {move || empty().then(|| view! {
                <p class="banner banner-info" data-testid="dataset-empty">
                    {state.t("research.dataset.empty")} " "
                    <A href="/research/import">{state.t("research.hub.import_go")}</A>
                </p>
            })}
            <Counts/>
            <h2>{tr(state, "research.dataset.downloads")}</h2>
            <ul class="download-list">
                {button(Download::Long, "research.dataset.long", "download-long")}
                {button(Download::Wide, "research.dataset.wide", "download-wide")}
                {button(Download::LongExcel, "research.dataset.long_excel", "download-long-excel")}
                {button(Download::WideExcel, "research.dataset.wide_excel", "download-wide-excel")}
                {button(Download::Codebook, "research.dataset.codebook", "download-codebook")}
                {button(Download::SpssLong, "research.dataset.spss_long", "download-spss-long")}
                {button(Download::SpssWide, "research.dataset.spss_wide", "download-spss-wide")}
                {button(Download::Conditions, "research.cond.download", "download-conditions")}
            </ul>
            <p class="hint">{tr(state, "research.dataset.formats")}</p>
            <p class="hint">{tr(state, "research.dataset.spss_lang")}</p>
            <h2>{tr(state, "interview.dataset.title")}</h2>
            <p data-testid="dataset-plans" data-plans=plans>{move || state.tw("interview.dataset.plans", &[("n", &plans().to_string())])}</p>
            <ul class="download-list">
                {button(Download::Plans, "interview.dataset.download_plans", "download-plans")}
                {button(Download::Goals, "interview.dataset.download_goals", "download-plan-goals")}
                {button(Download::Steps, "interview.dataset.download_steps", "download-plan-steps")}
                {button(Download::Interview, "interview.dataset.download_notes", "download-interview")}
            </ul>
            <p class="hint">{tr(state, "interview.dataset.codebook")}</p>
            <h2>{tr(state, "research.dataset.r_title")}</h2>
            <p>{tr(state, "research.dataset.r_text")}</p>
            <ul class="download-list">
                {button(Download::RLong, "research.dataset.r_long", "download-r-long")}
                {button(Download::RWide, "research.dataset.r_wide", "download-r-wide")}
                {button(Download::RPlans, "research.dataset.r_plans", "download-r-plans")}
                {button(Download::RGoals, "research.dataset.r_goals", "download-r-goals")}
                {button(Download::RSteps, "research.dataset.r_steps", "download-r-steps")}
                {button(Download::RInterview, "research.dataset.r_interview", "download-r-interview")}
            </ul>
        </section>
    }
}

/// Records per role and moment.
#[component]
fn Counts() -> impl IntoView {
    let state = use_app_state();
    let research = use_research_state();
    let counts = Memo::new(move |_| research.data.with(|d| (d.counts(), d.people(), d.len())));
    view! {
        <div data-testid="dataset-counts" data-records=move || counts.get().2 data-people=move || counts.get().1>
            {data_table(
                "counts-caption",
                move || {
                    let (_, people, records) = counts.get();
                    state.tw("research.dataset.counts", &[("records", &records.to_string()), ("people", &people.to_string())])
                },
                "dataset-counts-table",
                view! {
                    {heading(state, "research.var.role", false)}
                    {Moment::ALL.iter().map(|m| heading(state, m.code(), true)).collect_view()}
                },
                [("research.role.citizen", 0usize), ("research.role.professional", 1)].into_iter().map(|(key, role)| view! {
                    <tr>
                        <th scope="row">{move || state.t(key)}</th>
                        {(0..3).map(|m| view! {
                            <td class="num" data-testid=format!("count-{role}-{m}")>{move || counts.get().0[role][m]}</td>
                        }).collect_view()}
                    </tr>
                }).collect_view(),
            )}
        </div>
    }
}
