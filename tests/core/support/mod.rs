//! Helpers shared by the native tests' modules.
pub mod qr;
