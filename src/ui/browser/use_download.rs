//! Offers text as a file download: a hidden link to a blob, clicked.

use crate::core::error::Problem;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Why a download could not be offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DownloadError {
    /// The page has no document or body to hold the link (never in a
    /// normal browser window).
    NoPage,
    /// The browser refused to make the file or its address.
    Refused,
}

impl Problem for DownloadError {
    fn message_key(&self) -> &'static str {
        "common.download_failed"
    }

    fn hint_key(&self) -> &'static str {
        "common.download_failed_hint"
    }

    fn code(&self) -> &'static str {
        match *self {
            DownloadError::NoPage => "no_page",
            DownloadError::Refused => "refused",
        }
    }
}

crate::core::error::display_as_problem!(DownloadError);

/// How a download is offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DownloadOptions<'a> {
    /// The file's MIME type.
    pub mime: &'a str,
    /// How long the file's address stays valid after the click, in ms.
    pub revoke_after_ms: i32,
}

impl Default for DownloadOptions<'_> {
    fn default() -> Self {
        DownloadOptions {
            mime: "application/octet-stream",
            // Revoking at once can cancel the download in some browsers; a
            // delay is the usual remedy, and the blob is small.
            revoke_after_ms: 10_000,
        }
    }
}

impl<'a> DownloadOptions<'a> {
    /// These options with MIME type `mime`.
    pub fn mime(self, mime: &'a str) -> Self {
        DownloadOptions { mime, ..self }
    }
}

/// A `File` holding `contents`, for a download or a share.
pub(super) fn file_of(contents: &str, name: &str, mime: &str) -> Result<web_sys::File, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    web_sys::File::new_with_str_sequence_and_options(&parts, name, &options)
}

/// Offers `contents` as a file download named `name`.
pub fn download(
    contents: &str,
    name: &str,
    options: DownloadOptions<'_>,
) -> Result<(), DownloadError> {
    let window = web_sys::window().ok_or(DownloadError::NoPage)?;
    let document = window.document().ok_or(DownloadError::NoPage)?;
    let body = document.body().ok_or(DownloadError::NoPage)?;
    let refused = |_| DownloadError::Refused;
    let file = file_of(contents, name, options.mime).map_err(refused)?;
    let url = web_sys::Url::create_object_url_with_blob(&file).map_err(refused)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(refused)?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor
        .style()
        .set_property("display", "none")
        .map_err(refused)?;
    body.append_child(&anchor).map_err(refused)?;
    anchor.click();
    anchor.remove();
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    // The download has started; a failed clean-up only keeps a small blob
    // until the page closes.
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        revoke.unchecked_ref(),
        options.revoke_after_ms,
    );
    Ok(())
}
