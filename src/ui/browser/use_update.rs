//! The service worker's "new version waiting" signal, given by
//! `public/boot.js` through an attribute on `<html>` and window events, and
//! the "update now" that starts the new version.

use crate::core::error::Problem;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

use super::page::{on_window_event, root_attribute};

/// The `<html>` attribute and window event by which `public/boot.js` says a
/// new version of the app is installed and waiting.
const UPDATE_ATTRIBUTE: &str = "data-update";
const UPDATE_EVENT: &str = "balans-update";

/// The window event by which `public/boot.js` says that the waiting version
/// did not take over within seconds of "update now".
const UPDATE_STALLED_EVENT: &str = "balans-update-stalled";

/// The function `public/boot.js` defines to start the waiting version.
const START_FUNCTION: &str = "balansStartUpdate";

/// Why "update now" could not start the new version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum UpdateError {
    /// `boot.js` is not loaded (an old page) or has no way to start it.
    NotReady,
    /// Starting it threw.
    Failed,
}

impl Problem for UpdateError {
    fn message_key(&self) -> &'static str {
        "common.update_failed"
    }

    /// Catalogue key of the hint: closing every window of the app and
    fn hint_key(&self) -> &'static str {
        "common.update_failed_hint"
    }

    fn code(&self) -> &'static str {
        match *self {
            UpdateError::NotReady => "not_ready",
            UpdateError::Failed => "failed",
        }
    }
}

crate::core::error::display_as_problem!(UpdateError);

/// Whether a new version of the app is installed and waiting to start.
pub fn update_waiting() -> bool {
    root_attribute(UPDATE_ATTRIBUTE).is_some_and(|v| v == "waiting")
}

/// Calls `on_waiting` when a new version has been installed while the page
/// is open. Lives as long as the page.
pub fn on_update_waiting(on_waiting: impl Fn() + 'static) {
    on_window_event(UPDATE_EVENT, on_waiting);
}

/// Calls `on_stalled` when "update now" did not lead to the new version
/// (some browsers hold it back while the old one is busy): closing every
/// window of the app and opening it again then starts it.
pub fn on_update_stalled(on_stalled: impl Fn() + 'static) {
    on_window_event(UPDATE_STALLED_EVENT, on_stalled);
}

/// Starts the waiting version: `boot.js` activates it, then reloads this
/// page, which then runs the new version as a whole (never old JavaScript
/// with new WebAssembly).
pub fn start_update() -> Result<(), UpdateError> {
    let window = web_sys::window().ok_or(UpdateError::NotReady)?;
    let start =
        js_sys::Reflect::get(&window, &START_FUNCTION.into()).map_err(|_| UpdateError::NotReady)?;
    let start = start
        .dyn_ref::<js_sys::Function>()
        .ok_or(UpdateError::NotReady)?;
    start
        .call0(&JsValue::NULL)
        .map_err(|_| UpdateError::Failed)?;
    Ok(())
}
