//! Encrypting a file with age for its readers.
//!
//! The citizen app does not link `age`: it is most of the weight of the
//! first download (README, "Performance"). `public/boot.js` loads a small
//! WebAssembly module of its own (`src/bin/balans-seal.rs`, the same
//! `core::exchange::encrypt_bytes`) in idle time once the first question is
//! shown, and offers it as `window.balansSeal`; the service worker keeps it
//! for offline use. The staff app links `age` anyway (it decrypts), so it
//! hands its own encryption to [`seal_directly_with`] and never loads the
//! module.

use std::sync::OnceLock;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::core::exchange::ExportError;
use crate::core::keys::is_valid_public_key;

/// Encrypts bytes to age public keys, ASCII-armored.
pub type Sealer = fn(&[u8], &[&str]) -> Result<String, ExportError>;

static DIRECT: OnceLock<Sealer> = OnceLock::new();

/// Seals with `sealer` in this module instead of the separate one. Only the
/// staff app calls it, so only the staff app links `age`'s encryption.
pub fn seal_directly_with(sealer: Sealer) {
    // A second call finds one already set: the same function.
    let _ = DIRECT.set(sealer);
}

#[wasm_bindgen]
extern "C" {
    // Defined by public/boot.js; a promise of the armored text, rejected with
    // the error's code. Absent (the module could not load): `catch` makes
    // it an `Err`.
    #[wasm_bindgen(js_namespace = window, js_name = balansSeal, catch)]
    fn window_seal(
        plaintext: &[u8],
        recipients: &js_sys::Array,
    ) -> Result<js_sys::Promise, JsValue>;
}

/// `plaintext` encrypted with age to every recipient, ASCII-armored.
pub async fn seal(plaintext: &[u8], recipients: &[&str]) -> Result<String, ExportError> {
    if let Some(direct) = DIRECT.get() {
        return direct(plaintext, recipients);
    }
    // Checked here too, so the error names the key, as encrypt_bytes does.
    if let Some(bad) = recipients.iter().find(|k| !is_valid_public_key(k)) {
        return Err(ExportError::BadRecipient((*bad).to_string()));
    }
    if recipients.is_empty() {
        return Err(ExportError::NoRecipients);
    }
    let keys: js_sys::Array = recipients.iter().map(|k| JsValue::from_str(k)).collect();
    let promise = window_seal(plaintext, &keys).map_err(|_| ExportError::Encrypt)?;
    match JsFuture::from(promise).await {
        Ok(armored) => armored.as_string().ok_or(ExportError::Encrypt),
        Err(_) => Err(ExportError::Encrypt),
    }
}
