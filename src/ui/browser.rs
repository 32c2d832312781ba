//! Small wrappers over browser APIs the pages need: time, download, share,
//! focus, the document's language, persistent storage, and the service
//! worker's "new version waiting" signal from `public/boot.js`.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::util::Millis;

#[wasm_bindgen]
extern "C" {
    // `navigator.canShare` / `navigator.share` are unstable in web-sys; binding
    // them here keeps the rest of the app on stable APIs. Both throw when the
    // browser lacks them, which `catch` turns into an `Err`.
    #[wasm_bindgen(js_namespace = navigator, js_name = canShare, catch)]
    fn navigator_can_share(data: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(js_namespace = navigator, js_name = share, catch)]
    fn navigator_share(data: &JsValue) -> Result<js_sys::Promise, JsValue>;
    // The async clipboard API, bound the same way (absent on plain http).
    #[wasm_bindgen(js_namespace = ["navigator", "clipboard"], js_name = writeText, catch)]
    fn clipboard_write_text(text: &str) -> Result<js_sys::Promise, JsValue>;
}

/// Milliseconds since the epoch, from the browser's clock.
pub fn now() -> Millis {
    js_sys::Date::now() as Millis
}

/// The app's root address (origin and path of the root page, no fragment),
/// for making links that open this deployment.
pub fn base_url() -> String {
    let location = web_sys::window().expect("a window").location();
    let origin = location.origin().unwrap_or_default();
    format!("{origin}/")
}

/// Reads a file the person chose into memory.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, JsValue> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
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

/// Reads of many files, started at once: the browser answers them in
/// parallel (off the main thread), where one read at a time waits a round
/// trip per file. Starting the next batch's reads before working on the
/// current one overlaps the disk with the work.
pub struct Reads {
    count: usize,
    settled: wasm_bindgen_futures::JsFuture,
}

impl Reads {
    /// Starts reading every file in `files`.
    pub fn start(files: &[web_sys::File]) -> Self {
        let reads: js_sys::Array = files.iter().map(|f| f.array_buffer()).collect();
        Reads {
            count: files.len(),
            settled: js_sys::Promise::all_settled(&reads).into(),
        }
    }

    /// The contents, in order. A file that cannot be read (moved, a folder)
    /// gives an `Err` in its place.
    pub async fn finish(self) -> Vec<Result<Vec<u8>, JsValue>> {
        let Ok(settled) = self.settled.await else {
            return (0..self.count).map(|_| Err(JsValue::NULL)).collect();
        };
        js_sys::Array::from(&settled)
            .iter()
            .map(|outcome| {
                let value = js_sys::Reflect::get(&outcome, &"value".into())?;
                match value.dyn_into::<js_sys::ArrayBuffer>() {
                    Ok(buffer) => Ok(js_sys::Uint8Array::new(&buffer).to_vec()),
                    Err(_) => Err(JsValue::NULL),
                }
            })
            .collect()
    }
}

fn file_of(contents: &str, name: &str, mime: &str) -> Result<web_sys::File, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    web_sys::File::new_with_str_sequence_and_options(&parts, name, &options)
}

/// Offers `contents` as a file download named `name`.
pub fn download(contents: &str, name: &str, mime: &str) -> Result<(), JsValue> {
    let file = file_of(contents, name, mime)?;
    let url = web_sys::Url::create_object_url_with_blob(&file)?;
    let document = web_sys::window()
        .expect("a window")
        .document()
        .expect("a document");
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.style().set_property("display", "none")?;
    document.body().expect("a body").append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    // Revoking at once can cancel the download in some browsers; a short
    // delay is the usual remedy, and the blob is small.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    web_sys::window()
        .expect("a window")
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    Ok(())
}

fn share_data(contents: &str, name: &str, mime: &str) -> Result<JsValue, JsValue> {
    let file = file_of(contents, name, mime)?;
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&file))?;
    js_sys::Reflect::set(&data, &"title".into(), &JsValue::from_str(name))?;
    Ok(data.into())
}

/// Whether the browser can share a file through the system share sheet.
pub fn can_share_files() -> bool {
    share_data("x", "x.age", "application/octet-stream")
        .and_then(|d| navigator_can_share(&d))
        .unwrap_or(false)
}

/// How a share attempt ended.
pub enum ShareOutcome {
    /// The share sheet completed.
    Shared,
    /// The person closed the share sheet.
    Cancelled,
    /// Sharing failed or is not available.
    Failed,
}

/// Opens the system share sheet with the file.
pub async fn share_file(contents: &str, name: &str, mime: &str) -> ShareOutcome {
    match share_data(contents, name, mime) {
        Ok(data) => share(&data).await,
        Err(_) => ShareOutcome::Failed,
    }
}

fn link_data(title: &str, url: &str) -> JsValue {
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"title".into(), &JsValue::from_str(title));
    let _ = js_sys::Reflect::set(&data, &"url".into(), &JsValue::from_str(url));
    data.into()
}

/// Whether the browser can share a link through the system share sheet.
pub fn can_share_link(url: &str) -> bool {
    navigator_can_share(&link_data("Balans", url)).unwrap_or(false)
}

/// Opens the system share sheet with a link.
pub async fn share_link(title: &str, url: &str) -> ShareOutcome {
    share(&link_data(title, url)).await
}

/// Copies text to the clipboard.
pub async fn copy_text(text: &str) -> Result<(), JsValue> {
    wasm_bindgen_futures::JsFuture::from(clipboard_write_text(text)?).await?;
    Ok(())
}

/// Opens the browser's print dialog.
pub fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

async fn share(data: &JsValue) -> ShareOutcome {
    let Ok(promise) = navigator_share(data) else {
        return ShareOutcome::Failed;
    };
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(_) => ShareOutcome::Shared,
        Err(e) => {
            let aborted = js_sys::Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .is_some_and(|n| n == "AbortError");
            if aborted {
                ShareOutcome::Cancelled
            } else {
                ShareOutcome::Failed
            }
        }
    }
}

/// Sets `<html lang>` so screen readers and read-aloud use the right voice.
pub fn set_document_lang(code: &str) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("lang", code);
    }
}

/// Adds or removes a class on `<html>` (e.g. the larger-text option, which
/// scales every rem-based size).
pub fn set_root_class(class: &str, on: bool) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.class_list().toggle_with_force(class, on);
    }
}

/// Moves focus to `heading` each time `step()` changes (not when first
/// shown), so keyboard and screen-reader users follow a screen's steps.
pub fn focus_on_step_change<T: PartialEq + Clone + 'static>(
    step: impl Fn() -> T + 'static,
    heading: leptos::prelude::NodeRef<leptos::html::H1>,
) {
    use leptos::prelude::{Effect, Get};
    Effect::new(move |previous: Option<T>| {
        let now = step();
        if previous.is_some_and(|p| p != now) {
            if let Some(h) = heading.get() {
                let _ = h.focus();
            }
        }
        now
    });
}

/// Moves focus to the main heading of a newly shown screen, so screen-reader
/// and keyboard users start at the top of it.
pub fn focus_main_heading() {
    if let Some(heading) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("main h1").ok().flatten())
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = heading.focus();
    }
}

/// The browser's storage manager, when it has one (only in secure contexts).
fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    let has = js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false);
    has.then(|| navigator.storage())
}

async fn storage_answer(
    ask: impl FnOnce(&web_sys::StorageManager) -> Result<js_sys::Promise, JsValue>,
) -> Option<bool> {
    let promise = ask(&storage_manager()?).ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_bool()
}

/// Whether the browser promised to keep this site's data until the person
/// deletes it (`navigator.storage.persisted()`); `None` when it cannot say.
pub async fn storage_persisted() -> Option<bool> {
    storage_answer(|m| m.persisted()).await
}

/// Asks the browser to keep this site's data until the person deletes it
/// (`navigator.storage.persist()`); the answer, `None` when it cannot say.
/// Some browsers ask the person, so call it on their action.
pub async fn request_persistent_storage() -> Option<bool> {
    storage_answer(|m| m.persist()).await
}

/// The `<html>` attribute and window event by which `public/boot.js` says a
/// new version of the app is installed and waiting.
const UPDATE_ATTRIBUTE: &str = "data-update";
const UPDATE_EVENT: &str = "balans-update";

/// Whether a new version of the app is installed and waiting to start.
pub fn update_waiting() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute(UPDATE_ATTRIBUTE))
        .is_some_and(|v| v == "waiting")
}

/// The window event by which `public/boot.js` says that the waiting version
/// did not take over within seconds of "update now".
const UPDATE_STALLED_EVENT: &str = "balans-update-stalled";

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

fn on_window_event(name: &str, handler: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = Closure::<dyn Fn()>::new(handler);
    let _ = window.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
    listener.forget();
}

/// Starts the waiting version: `boot.js` activates it, then reloads this
/// page, which then runs the new version as a whole (never old JavaScript
/// with new WebAssembly).
pub fn start_update() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(start) = js_sys::Reflect::get(&window, &"balansStartUpdate".into()) {
        if let Some(start) = start.dyn_ref::<js_sys::Function>() {
            let _ = start.call0(&JsValue::NULL);
        }
    }
}

/// Loads `path` as a new page (not a client-side route change), so that
/// `public/boot.js` picks the app that serves it.
pub fn load_page(path: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(path);
    }
}

/// Loads the current address again as a new page.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
