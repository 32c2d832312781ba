//! Decrypting exports in Web Workers, one per core: `public/open-pool.js`
//! (started by `public/boot.js` on `/research`) reads a chunk of files and
//! transfers their bytes to a worker (not the File handles: cloning a File
//! makes Chromium look up its size synchronously); the worker decrypts and
//! checks them and sends the plaintexts back transferred rather than
//! copied, in the files' order. The page only parses the envelopes and
//! builds the dataset, a time slice at a time, so it stays responsive.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::core::exchange::ImportError;

#[wasm_bindgen]
extern "C" {
    // Set by public/open-pool.js once its workers run; absent otherwise,
    // which `catch` turns into an `Err`.
    #[wasm_bindgen(js_namespace = window, js_name = balansOpenExports, catch)]
    fn open_exports(files: &js_sys::Array, key: &str) -> Result<OpenRun, JsValue>;

    type OpenRun;
    #[wasm_bindgen(method, getter)]
    fn workers(this: &OpenRun) -> u32;
    #[wasm_bindgen(method)]
    fn next(this: &OpenRun) -> js_sys::Promise;
}

/// An import under way in the workers.
pub struct Decrypting {
    run: OpenRun,
}

/// One file's decryption: its index among the files given, and the
/// plaintext or why there is none.
pub type Decrypted = (usize, Result<Plaintext, ImportError>);

/// A decrypted export.
pub struct Plaintext {
    /// What it holds.
    pub bytes: Vec<u8>,
    /// Whether the worker found it a valid export (`read_decrypted`), so the
    /// page reads it with one parse (`read_checked`).
    pub checked: bool,
}

/// Starts decrypting `files` in the workers with the secret key's text, or
/// `None` when there are no workers (then the caller decrypts itself).
pub fn decrypt_in_workers(files: &[web_sys::File], secret_key: &str) -> Option<Decrypting> {
    let list: js_sys::Array = files.iter().collect();
    open_exports(&list, secret_key)
        .ok()
        .map(|run| Decrypting { run })
}

impl Decrypting {
    /// How many workers decrypt.
    pub fn workers(&self) -> u32 {
        self.run.workers()
    }

    /// The next results that are ready, in the files' order; `None` when
    /// every file is done (or the workers failed, which ends the run).
    pub async fn next(&self) -> Option<Vec<Decrypted>> {
        let batch = JsFuture::from(self.run.next()).await.ok()?;
        if batch.is_null() || batch.is_undefined() {
            return None;
        }
        let batch = js_sys::Array::from(&batch);
        Some(batch.iter().filter_map(|entry| decrypted(&entry)).collect())
    }
}

/// Reads one `[index, plaintext or null, code or null, checked]` entry.
fn decrypted(entry: &JsValue) -> Option<Decrypted> {
    let entry = js_sys::Array::from(entry);
    let index = entry.get(0).as_f64()? as usize;
    let plain = entry.get(1);
    if let Some(bytes) = plain.dyn_ref::<js_sys::Uint8Array>() {
        let checked = entry.get(3).as_bool() == Some(true);
        return Some((
            index,
            Ok(Plaintext {
                bytes: bytes.to_vec(),
                checked,
            }),
        ));
    }
    let error = match entry.get(2).as_string().as_deref() {
        Some("not_age") => ImportError::NotAge,
        Some("wrong_key") => ImportError::NotForThisKey,
        Some("newer") => ImportError::NewerVersion { found: 0 },
        Some("not_balans") => ImportError::NotBalans,
        _ => ImportError::Damaged,
    };
    Some((index, Err(error)))
}
