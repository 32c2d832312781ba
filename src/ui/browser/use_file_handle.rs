//! A file on the person's disk the app may write to again and again (the
//! File System Access API: `showSaveFilePicker`, a `FileSystemFileHandle`).
//! Chromium-based browsers (Edge, Chrome) offer it; elsewhere a download is
//! the way. A handle is kept in the staff database (`ui::db`), and after a
//! reload the browser asks the person again, on a click, before the app may
//! write.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::core::error::Problem;

/// Why a file on disk could not be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileHandleError {
    /// The browser offers no such files.
    Unsupported,
    /// The person closed the dialog, or said no.
    Refused,
    /// Writing failed (the file was moved, the disk is full).
    Write,
}

impl Problem for FileHandleError {
    fn message_key(&self) -> &'static str {
        match self {
            FileHandleError::Unsupported => "backup.file.error.unsupported",
            FileHandleError::Refused => "backup.file.error.refused",
            FileHandleError::Write => "backup.file.error.write",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            FileHandleError::Unsupported => "backup.file.hint.unsupported",
            FileHandleError::Refused => "backup.file.hint.refused",
            FileHandleError::Write => "backup.file.hint.write",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            FileHandleError::Unsupported => "unsupported",
            FileHandleError::Refused => "refused",
            FileHandleError::Write => "write",
        }
    }
}

crate::core::error::display_as_problem!(FileHandleError);

/// Whether the app may write to the file now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// Yes.
    Granted,
    /// The browser will ask the person (on their next click).
    Prompt,
    /// No.
    Denied,
}

/// Calls `object.name(args…)` and awaits the promise it returns.
async fn call(object: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let method: js_sys::Function = js_sys::Reflect::get(object, &name.into())?.dyn_into()?;
    let array: js_sys::Array = args.iter().collect();
    let promise: js_sys::Promise = method.apply(object, &array)?.dyn_into()?;
    JsFuture::from(promise).await
}

/// Whether the browser lets the person choose a file to save to.
pub fn can_save_to_file() -> bool {
    web_sys::window()
        .is_some_and(|w| js_sys::Reflect::has(&w, &"showSaveFilePicker".into()).unwrap_or(false))
}

/// Asks the person where to save (the browser's save dialog, which needs a
/// click); returns the file's handle.
pub async fn choose_file(suggested_name: &str) -> Result<JsValue, FileHandleError> {
    let window: JsValue = web_sys::window()
        .ok_or(FileHandleError::Unsupported)?
        .into();
    if !can_save_to_file() {
        return Err(FileHandleError::Unsupported);
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"suggestedName".into(), &suggested_name.into());
    call(&window, "showSaveFilePicker", &[options.into()])
        .await
        .map_err(|_| FileHandleError::Refused)
}

/// The file's name, for the screen.
pub fn file_name(handle: &JsValue) -> String {
    js_sys::Reflect::get(handle, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default()
}

fn mode() -> JsValue {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"mode".into(), &"readwrite".into());
    options.into()
}

fn permission_of(answer: Result<JsValue, JsValue>) -> Permission {
    match answer.ok().and_then(|a| a.as_string()).as_deref() {
        Some("granted") => Permission::Granted,
        Some("prompt") => Permission::Prompt,
        _ => Permission::Denied,
    }
}

/// Whether the app may write to `handle` without asking. A handle without
/// the question (older browsers) counts as granted: writing will tell.
pub async fn permission(handle: &JsValue) -> Permission {
    if !js_sys::Reflect::has(handle, &"queryPermission".into()).unwrap_or(false) {
        return Permission::Granted;
    }
    permission_of(call(handle, "queryPermission", &[mode()]).await)
}

/// Asks the person to let the app write to `handle` again (must follow a
/// click: browsers only ask then).
pub async fn request_permission(handle: &JsValue) -> Permission {
    if !js_sys::Reflect::has(handle, &"requestPermission".into()).unwrap_or(false) {
        return Permission::Granted;
    }
    permission_of(call(handle, "requestPermission", &[mode()]).await)
}

/// Replaces the file's contents with `text`.
pub async fn write_file(handle: &JsValue, text: &str) -> Result<(), FileHandleError> {
    let writable = call(handle, "createWritable", &[])
        .await
        .map_err(|_| FileHandleError::Write)?;
    call(&writable, "write", &[JsValue::from_str(text)])
        .await
        .map_err(|_| FileHandleError::Write)?;
    call(&writable, "close", &[])
        .await
        .map_err(|_| FileHandleError::Write)?;
    Ok(())
}
