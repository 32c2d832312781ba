//! The researcher's import workers' WebAssembly module: decrypting exports
//! and checking what they hold, off the page's main thread, one worker per
//! core (`public/open-worker.js`, started by `public/boot.js` on
//! `/research`). The page then only reads the checked envelope and builds
//! the dataset (`ui::browser::use_workers`).
#[cfg(target_arch = "wasm32")]
mod module {
    use wasm_bindgen::prelude::*;

    /// The plaintext of an export, decrypted with the secret key's text
    /// (`AGE-SECRET-KEY-1…`); an error is the `ImportError`'s code.
    #[wasm_bindgen]
    pub fn open(file: &[u8], secret_key: &str) -> Result<Vec<u8>, JsValue> {
        use balans::core::error::Problem;
        let identity = balans::core::keys::parse_identity(secret_key)
            .map_err(|_| JsValue::from_str("wrong_key"))?;
        balans::core::exchange::decrypt_bytes(file, &identity)
            .map_err(|error| JsValue::from_str(error.code()))
    }

    /// Whether a plaintext is an export the import accepts (every field
    /// checked, `core::research::read_decrypted`). The page then reads it
    /// with one parse (`read_checked`); one that is not, the page reads
    /// again to tell the researcher why.
    #[wasm_bindgen]
    pub fn check(plaintext: &[u8]) -> bool {
        balans::core::research::read_decrypted(plaintext).is_ok()
    }
}

fn main() {}
