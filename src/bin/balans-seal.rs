//! The citizen app's age encryption, as a WebAssembly module of its own:
//! `age` is most of the citizen app's weight, and nobody needs it before
//! their first answer. `public/boot.js` loads this module in idle time once
//! the first question is shown and offers [`seal`] as `window.balansSeal`
//! (see `ui::browser::use_seal`). It is `core::exchange::encrypt_bytes`, the
//! same function the staff app and `balans-tool` encrypt with.
#[cfg(target_arch = "wasm32")]
mod module {
    use wasm_bindgen::prelude::*;

    /// `plaintext` encrypted with age to every recipient, ASCII-armored; an
    /// error is the `ExportError`'s code.
    #[wasm_bindgen]
    pub fn seal(plaintext: &[u8], recipients: Vec<String>) -> Result<String, JsValue> {
        use balans::core::error::Problem;
        let keys: Vec<&str> = recipients.iter().map(String::as_str).collect();
        balans::core::exchange::encrypt_bytes(plaintext, &keys)
            .map_err(|error| JsValue::from_str(error.code()))
    }
}

fn main() {}
