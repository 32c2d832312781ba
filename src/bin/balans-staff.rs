//! Only starts the whole app, with the professional's and researcher's
//! screens (loaded by `public/boot.js` for `/pro`, `/research` and study
//! links); everything else lives in the library.
#[cfg(target_arch = "wasm32")]
fn main() {
    balans::ui::start_staff();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Balans runs in the browser: build it with `trunk build` (see README.md).");
}
