//! Only starts the citizen app; everything else lives in the library.
#[cfg(target_arch = "wasm32")]
fn main() {
    balans::ui::start_citizen();
}

/// Loads the citizen app's later screens, split into chunks of their own
/// (issue 15): `public/boot.js` calls it in idle time after the first
/// question, before it forbids connections.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = preloadScreens)]
pub async fn preload_screens() -> Result<(), wasm_bindgen::JsValue> {
    balans::ui::preload_screens().await
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Balans runs in the browser: build it with `trunk build` (see README.md).");
}
