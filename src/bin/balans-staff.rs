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

/// Loads the research screens, split into a chunk of their own (issue 15):
/// `public/boot.js` calls it on `/research` before it forbids connections.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = preloadResearch)]
pub async fn preload_research() -> Result<(), wasm_bindgen::JsValue> {
    balans::ui::preload_research().await
}

/// Loads the staff screens after the professional's first, split into
/// chunks of their own (issue 15): `public/boot.js` calls it in idle time
/// after the first screen, before it forbids connections.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = preloadScreens)]
pub async fn preload_screens() -> Result<(), wasm_bindgen::JsValue> {
    balans::ui::preload_staff_screens().await
}
