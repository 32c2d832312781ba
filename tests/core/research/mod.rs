//! `core::research`: importing exports, the dataset with its codebook and
//! SPSS syntax, the statistics and analysis, and the interview.

mod analysis;
mod dataset;
mod gen_exports;
mod import;
mod interview;
mod quality;
mod report;
mod rscript;
mod spss;
mod stats;
