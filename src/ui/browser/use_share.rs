//! The system share sheet (`navigator.share`), for a file or a link.

use crate::core::error::Problem;
use wasm_bindgen::prelude::*;

use super::use_download::file_of;

#[wasm_bindgen]
extern "C" {
    // `navigator.canShare` / `navigator.share` are unstable in web-sys; binding
    // them here keeps the rest of the app on stable APIs. Both throw when the
    // browser lacks them, which `catch` turns into an `Err`.
    #[wasm_bindgen(js_namespace = navigator, js_name = canShare, catch)]
    fn navigator_can_share(data: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(js_namespace = navigator, js_name = share, catch)]
    fn navigator_share(data: &JsValue) -> Result<js_sys::Promise, JsValue>;
}

/// Why a share did not happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShareError {
    /// The person closed the share sheet: nothing went wrong.
    Cancelled,
    /// This browser has no share sheet (most desktop browsers).
    Unsupported,
    /// The share sheet opened but sharing failed.
    Failed,
}

impl Problem for ShareError {
    fn message_key(&self) -> &'static str {
        match *self {
            ShareError::Cancelled => "common.share_cancelled",
            ShareError::Unsupported | ShareError::Failed => "common.share_failed",
        }
    }

    fn hint_key(&self) -> &'static str {
        match *self {
            ShareError::Cancelled => "common.share_cancelled_hint",
            ShareError::Unsupported | ShareError::Failed => "common.share_failed_hint",
        }
    }

    fn code(&self) -> &'static str {
        match *self {
            ShareError::Cancelled => "cancelled",
            ShareError::Unsupported => "unsupported",
            ShareError::Failed => "failed",
        }
    }
}

crate::core::error::display_as_problem!(ShareError);

fn file_data(contents: &str, name: &str, mime: &str) -> Result<JsValue, JsValue> {
    let file = file_of(contents, name, mime)?;
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&file))?;
    js_sys::Reflect::set(&data, &"title".into(), &JsValue::from_str(name))?;
    Ok(data.into())
}

fn link_data(title: &str, url: &str) -> JsValue {
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"title".into(), &JsValue::from_str(title));
    let _ = js_sys::Reflect::set(&data, &"url".into(), &JsValue::from_str(url));
    data.into()
}

/// Whether the browser can share a file through the system share sheet.
pub fn can_share_files() -> bool {
    file_data("x", "x.age", "application/octet-stream")
        .and_then(|d| navigator_can_share(&d))
        .unwrap_or(false)
}

/// Whether the browser can share a link through the system share sheet.
pub fn can_share_link(url: &str) -> bool {
    navigator_can_share(&link_data("Balans", url)).unwrap_or(false)
}

/// Opens the system share sheet with a file named `name` of type `mime`.
pub async fn share_file(contents: &str, name: &str, mime: &str) -> Result<(), ShareError> {
    let data = file_data(contents, name, mime).map_err(|_| ShareError::Failed)?;
    share(&data).await
}

/// Opens the system share sheet with a link.
pub async fn share_link(title: &str, url: &str) -> Result<(), ShareError> {
    share(&link_data(title, url)).await
}

async fn share(data: &JsValue) -> Result<(), ShareError> {
    let promise = navigator_share(data).map_err(|_| ShareError::Unsupported)?;
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(_) => Ok(()),
        Err(e) => {
            let aborted = js_sys::Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .is_some_and(|n| n == "AbortError");
            Err(if aborted {
                ShareError::Cancelled
            } else {
                ShareError::Failed
            })
        }
    }
}
