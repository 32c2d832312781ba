//! Fuzz target `screen`: the properties in `fuzz/checks.rs` (see fuzz/README.md).
#![no_main]

#[path = "../checks.rs"]
#[allow(dead_code)] // each target uses one of the checks
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::screen(data));
