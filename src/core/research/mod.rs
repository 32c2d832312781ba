//! The researcher's side: importing many exports, the dataset (long and wide
//! CSV), its codebook and SPSS syntax, the plan and interview tables, the
//! analysis with its statistics, the interview guide and notes, and made-up
//! exports for tests and demonstrations.
//!
//! What does not live here: decrypting one file (`exchange`), or the items
//! (`instrument`).

mod analysis;
mod codebook;
mod dataset;
mod import;
mod interview;
mod plan_tables;
mod stats;
mod synthetic;

pub use analysis::{
    analyse, Agreement, Analysis, Change, MeasureRow, AGREEMENT_CSV_NAME, CHANGE_CSV_NAME,
    COMPARISONS, MOMENTS_CSV_NAME,
};
pub use codebook::{
    codebook_csv, construction, measure_label, spss_syntax, variable_label, CODEBOOK_NAME,
};
pub use dataset::{
    long_table, variables, wide_table, Cell, Column, Measure, Meta, Table, Var, LONG_CSV_NAME,
    LONG_EXCEL_NAME, WIDE_CSV_NAME, WIDE_EXCEL_NAME,
};
pub use import::{
    check_envelope, read_decrypted, read_export, FileOutcome, Importer, Outcome, Record, RecordKey,
    ResearchData, Summary, RESEARCH_DATA_KEY,
};
pub use interview::{
    guide, interview_key, GuideQuestion, Interview, InterviewMoment, Note, NoteError, Theme, GUIDE,
    INTERVIEW_PREFIX, MAX_NOTE,
};
pub use plan_tables::{
    approach_sheets, goals_sheet, interview_sheet, latest_plans, plan_of, plans_sheet, steps_sheet,
    Kind, Sheet, SheetColumn, INTERVIEW_CSV_NAME, PLANS_CSV_NAME,
};
pub use stats::{
    friedman, mean, paired_t, weighted_kappa, wilcoxon, Friedman, PairedT, Wilcoxon, WilcoxonMethod,
};
pub use synthetic::{synthetic_envelopes, Rng};
