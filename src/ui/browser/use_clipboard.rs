//! Copies text with the async clipboard API.

use crate::core::error::Problem;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // Bound here rather than through web-sys, where it needs unstable APIs.
    // Absent on plain http (not a secure context): `catch` turns the
    // TypeError of a missing `navigator.clipboard` into an `Err`.
    #[wasm_bindgen(js_namespace = ["navigator", "clipboard"], js_name = writeText, catch)]
    fn clipboard_write_text(text: &str) -> Result<js_sys::Promise, JsValue>;
}

/// Why text could not be copied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClipboardError {
    /// The browser has no clipboard API here (e.g. a page on plain http).
    Unavailable,
    /// The browser refused (no permission, or the page lost focus).
    Refused,
}

impl Problem for ClipboardError {
    fn message_key(&self) -> &'static str {
        "common.copy_failed"
    }

    fn hint_key(&self) -> &'static str {
        "common.copy_failed_hint"
    }

    fn code(&self) -> &'static str {
        match *self {
            ClipboardError::Unavailable => "unavailable",
            ClipboardError::Refused => "refused",
        }
    }
}

crate::core::error::display_as_problem!(ClipboardError);

/// Copies `text` to the clipboard.
pub async fn copy_text(text: &str) -> Result<(), ClipboardError> {
    let promise = clipboard_write_text(text).map_err(|_| ClipboardError::Unavailable)?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|_| ClipboardError::Refused)?;
    Ok(())
}
