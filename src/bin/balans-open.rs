//! The researcher's import workers' WebAssembly module: decrypting exports
//! off the page's main thread, one worker per core (`public/open-worker.js`,
//! started by `public/boot.js` on `/research`). Only decryption happens
//! here, with `core::exchange::decrypt_bytes`; the page reads and checks the
//! envelope and builds the dataset (`ui::browser::use_workers`).
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
}

fn main() {}
