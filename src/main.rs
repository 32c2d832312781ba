//! Only starts the citizen app; everything else lives in the library.
#[cfg(target_arch = "wasm32")]
fn main() {
    balans::ui::start_citizen();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Balans runs in the browser: build it with `trunk build` (see README.md).");
}
