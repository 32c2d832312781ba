//! Helpers shared by the native tests' modules.
// Decoding QR codes needs `rqrr`, a native-only dev-dependency.
#[cfg(not(target_arch = "wasm32"))]
pub mod qr;

/// A tiny deterministic generator for the property tests (two windows'
/// merges in any order), so they need no crate and every run draws the same
/// cases.
pub struct Lcg(pub u64);

impl Lcg {
    /// The next number below `below`.
    pub fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}
