//! Persistent storage (`navigator.storage.persisted()` / `persist()`): the
//! browser's promise to keep this site's data until the person deletes it,
//! rather than clearing it when the device runs short of space.

use crate::core::error::Problem;
use wasm_bindgen::JsValue;

/// Why the browser gave no answer about keeping the app's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PersistenceError {
    /// The browser has no storage manager here (old browsers, or a page
    /// not served over https).
    Unsupported,
    /// It has one, but the question failed or got no yes or no.
    NoAnswer,
}

impl Problem for PersistenceError {
    fn message_key(&self) -> &'static str {
        "common.persist_unknown"
    }

    fn hint_key(&self) -> &'static str {
        "common.persist_unknown_hint"
    }

    fn code(&self) -> &'static str {
        match *self {
            PersistenceError::Unsupported => "unsupported",
            PersistenceError::NoAnswer => "no_answer",
        }
    }
}

crate::core::error::display_as_problem!(PersistenceError);

/// The browser's storage manager, when it has one (only in secure contexts;
/// web-sys's `navigator.storage()` assumes it is there).
fn storage_manager() -> Result<web_sys::StorageManager, PersistenceError> {
    let navigator = web_sys::window()
        .ok_or(PersistenceError::Unsupported)?
        .navigator();
    if js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false) {
        Ok(navigator.storage())
    } else {
        Err(PersistenceError::Unsupported)
    }
}

async fn answer(
    ask: impl FnOnce(&web_sys::StorageManager) -> Result<js_sys::Promise, JsValue>,
) -> Result<bool, PersistenceError> {
    let promise = ask(&storage_manager()?).map_err(|_| PersistenceError::NoAnswer)?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|a| a.as_bool())
        .ok_or(PersistenceError::NoAnswer)
}

/// Whether the browser promised to keep this site's data until the person
/// deletes it.
pub async fn storage_persisted() -> Result<bool, PersistenceError> {
    answer(|m| m.persisted()).await
}

/// Asks the browser to keep this site's data until the person deletes it;
/// its answer. Some browsers ask the person, so call it on their action.
pub async fn request_persistence() -> Result<bool, PersistenceError> {
    answer(|m| m.persist()).await
}
