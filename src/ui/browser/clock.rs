//! The time, and giving the browser a turn during a long job.

use crate::core::util::Millis;

/// Milliseconds since the epoch, from the browser's clock.
pub fn now() -> Millis {
    js_sys::Date::now() as Millis
}

/// Lets the browser render and handle input before the next chunk of a
/// long job (a zero-delay timeout: the rest runs as a new task).
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
