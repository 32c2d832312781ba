//! Nederlands, de eerste taal. Teksten voor inwoners in eenvoudig Nederlands
//! (B1): korte zinnen, gewone woorden, de u-vorm. One file per part (see
//! [`super::Part`]); `en/` has the same keys in the same files.

pub mod citizen;
pub mod common;
pub mod interview;
pub mod plan;
pub mod professional;
pub mod research;
