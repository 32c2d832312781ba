//! `core::professional`: the workspace and the comparison.

mod compare;
mod workspace;
