//! The document and its address: the app's base url, loading another page,
//! reloading, printing, and the `<html>` element's language and classes.
//! None of these can do harm when they fail (the page simply stays as it
//! is), so they report nothing.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The app's root address (origin and path of the root page, no fragment),
/// for making links that open this deployment. `/` (a link relative to the
/// current site) when the browser does not say its origin.
pub fn base_url() -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}/")
}

/// The path the page opened at, before any client-side route change.
static OPENED_AT: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Remembers the address the page opened at (call once, at start).
pub fn remember_opening_address() {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let _ = OPENED_AT.set(path);
}

/// Whether the page opened at an address `is` accepts: what
/// `public/boot.js` loaded before connections closed depends on it.
pub fn opened_at(is: fn(&str) -> bool) -> bool {
    OPENED_AT.get().is_some_and(|path| is(path))
}

/// Loads `path` as a new page (not a client-side route change), so that
/// `public/boot.js` picks the app that serves it.
pub fn load_page(path: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(path);
    }
}

/// Adds `path` (same origin) to the browser's history, or with `replace`
/// puts it in place of the current entry, and tells the router, which reads
/// the new address as on Back. For steps within one screen (the
/// invitation's), so that Back goes one step back. Done here rather than
/// with the router's `navigate`: after a Forward and a Back, the router's
/// own record of the history can be one entry off, and it then skipped the
/// push of a step it thought was already current. When the history refuses,
/// the address is loaded as a new page, which shows the same step.
pub fn set_address(path: &str, replace: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let changed = window.history().is_ok_and(|history| {
        let state = wasm_bindgen::JsValue::NULL;
        if replace {
            history.replace_state_with_url(&state, "", Some(path))
        } else {
            history.push_state_with_url(&state, "", Some(path))
        }
        .is_ok()
    });
    if !changed {
        load_page(path);
        return;
    }
    if let Ok(event) = web_sys::Event::new("popstate") {
        let _ = window.dispatch_event(&event);
    }
}

/// Loads the current address again as a new page.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Opens the browser's print dialog.
pub fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

fn root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

/// Sets `<html lang>` so screen readers and read-aloud use the right voice.
pub fn set_document_lang(code: &str) {
    if let Some(html) = root() {
        let _ = html.set_attribute("lang", code);
    }
}

/// Adds or removes a class on `<html>` (e.g. the larger-text option, which
/// scales every rem-based size).
pub fn set_root_class(class: &str, on: bool) {
    if let Some(html) = root() {
        let _ = html.class_list().toggle_with_force(class, on);
    }
}

/// The value of an attribute of `<html>`, if set.
pub(super) fn root_attribute(name: &str) -> Option<String> {
    root()?.get_attribute(name)
}

/// Calls `handler` on every window event `name`, for as long as the page
/// lives. Without a window (never in a browser) nothing is listened to.
pub(super) fn on_window_event(name: &str, handler: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = Closure::<dyn Fn()>::new(handler);
    let _ = window.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
    listener.forget();
}

/// Holds back what `public/boot.js` loads after the first question (the
/// sealing module) while the invitation's steps show, so that the first
/// download is only what the first question needs (README, "Performance").
pub fn hold_deferred_loads() {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-defer", "question");
    }
}

/// Lets the deferred loads go: the invitation's steps are done (the first
/// question shows next, or the person left for another screen).
pub fn release_deferred_loads() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.remove_attribute("data-defer");
    }
    if let Ok(event) = web_sys::Event::new("balans-deferred") {
        let _ = window.dispatch_event(&event);
    }
}
