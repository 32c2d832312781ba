//! English, the second language: plain words, short sentences. One file per
//! part (see [`super::Part`]), with the same keys as the same file in `nl/`.

pub mod citizen;
pub mod common;
pub mod interview;
pub mod plan;
pub mod professional;
pub mod research;
