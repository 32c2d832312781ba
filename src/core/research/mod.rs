//! The researcher's side: importing many exports, the dataset (long and wide
//! CSV), its codebook and SPSS syntax, the plan and interview tables, the
//! analysis with its statistics, the interview guide and notes, and made-up
//! exports for tests and demonstrations.
//!
//! What does not live here: decrypting one file (`exchange`), or the items
//! (`instrument`).

mod analysis;
mod by_condition;
mod by_place;
mod calendar;
mod codebook;
mod compare;
mod conditions;
mod dataset;
mod import;
mod interview;
mod mixed;
mod plan_tables;
mod quality;
mod reliability;
mod report;
mod rscript;
mod screen;
mod stats;
mod synthetic;

pub use analysis::{
    analyse, Agreement, Analysis, Change, MeasureRow, AGREEMENT_CSV_NAME, CHANGE_CSV_NAME,
    COMPARISONS, MOMENTS_CSV_NAME,
};
pub use by_condition::{
    condition_report, forest, forest_csv, models_csv, moment_models, only_place, places,
    ConditionReport, ForestRow, GroupChange, MomentModel, Outcomes, Place, Point, RankTest,
    CONDITION_CHANGE_CSV_NAME, FOREST_CSV_NAME, FROM_START, MODELS_CSV_NAME, TRAJECTORIES_CSV_NAME,
};
pub use by_place::{by_municipality, places_csv, PlaceRow, PLACES_CSV_NAME};
pub use calendar::{
    interview_calendar, planned_interviews, t0_of, InterviewPlan, INTERVIEW_1_AFTER_T0_DAYS,
    INTERVIEW_2_BEFORE_T2_DAYS,
};
pub use codebook::{
    codebook_csv, construction, measure_label, spss_syntax, variable_label, CODEBOOK_NAME,
};
pub use compare::{
    hedges_g, holm, kruskal, mann_whitney, mean_ci, welch, Kruskal, MannWhitney, MeanCi, MwuMethod,
    Welch, CONFIDENCE,
};
pub use conditions::{
    condition_by_id, conditions_sheet, Condition, Conditions, Grouping, PersonKey, Source, Value,
    CONDITIONS, CONDITIONS_CSV_NAME,
};
pub use dataset::{
    long_table, variables, wide_table, wide_table_with, Cell, Column, Measure, Meta, SayVar, Table,
    Var, LONG_CSV_NAME, LONG_EXCEL_NAME, WIDE_CSV_NAME, WIDE_EXCEL_NAME,
};
pub use import::{
    check_envelope, read_checked, read_decrypted, read_export, research_record_key, DecidedBy,
    FileOutcome, Importer, Outcome, Record, RecordKey, ResearchData, Summary, RESEARCH_DATA_KEY,
    RESEARCH_RECORD_PREFIX,
};
pub use interview::{
    guide, interview_key, Answering, GuideQuestion, Interview, InterviewMoment, Note, NoteError,
    Theme, GUIDE, INTERVIEW_PREFIX, MAX_NOTE, MAX_NUMBER,
};
pub use mixed::{fit_by_moment, fit_with_condition, Coefficient, MixedFit, MixedProblem, Term};
pub use plan_tables::{
    approach_sheets, goals_sheet, interview_sheet, latest_plans, plan_of, plans_sheet, steps_sheet,
    Kind, Sheet, SheetColumn, INTERVIEW_CSV_NAME, PLANS_CSV_NAME,
};
pub use quality::{
    quality, IccRow, ItemQuality, Quality, QualityScale, ScaleQuality, ICC_MEASURES,
    QUALITY_ICC_CSV_NAME, QUALITY_ITEMS_CSV_NAME, QUALITY_SCALES_CSV_NAME,
};
pub use reliability::{
    alpha_if_dropped, cronbach_alpha, f_quantile, icc_a1, item_rest, report_mean_ci, Alpha, Icc,
    ReportMean,
};
pub use report::{
    in_municipality, municipalities, report_numbers, GroupCount, MeanRow, ReportNumbers,
};
pub use rscript::{r_script, r_script_for_sheet, r_script_name};
pub use screen::{shown_file_name, shown_line, shown_time, MAX_SHOWN_FILE_NAME};
pub use stats::{
    friedman, mean, paired_t, weighted_kappa, wilcoxon, Friedman, PairedT, Wilcoxon, WilcoxonMethod,
};
pub use synthetic::{synthetic_envelopes, synthetic_envelopes_with, Rng, Synthetic};
