//! `core::research`: importing exports, the dataset with its codebook and
//! SPSS syntax, the statistics and analysis, and the interview.

mod analysis;
mod compare;
mod conditions;
mod dataset;
mod gen_exports;
mod import;
mod interview;
mod mixed;
mod quality;
mod report;
mod rscript;
mod spss;
mod stats;
