//! Reads files the person chose (a file input or a drop) into memory.

use crate::core::error::Problem;
use wasm_bindgen::JsCast;

/// Why a chosen file could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileError {
    /// The browser could not read it (moved or deleted since it was
    /// chosen, a folder, or a cloud file not on the device).
    Unreadable,
}

impl Problem for FileError {
    fn message_key(&self) -> &'static str {
        "common.file_unreadable"
    }

    fn hint_key(&self) -> &'static str {
        "common.file_unreadable_hint"
    }

    fn code(&self) -> &'static str {
        match *self {
            FileError::Unreadable => "unreadable",
        }
    }
}

crate::core::error::display_as_problem!(FileError);

fn bytes_of(buffer: &wasm_bindgen::JsValue) -> Result<Vec<u8>, FileError> {
    let buffer = buffer
        .dyn_ref::<js_sys::ArrayBuffer>()
        .ok_or(FileError::Unreadable)?;
    Ok(js_sys::Uint8Array::new(buffer).to_vec())
}

/// Reads one file into memory.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, FileError> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| FileError::Unreadable)?;
    bytes_of(&buffer)
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

    /// The contents, in order, one per file started. A file that cannot be
    /// read gives an `Err` in its place.
    pub async fn finish(self) -> Vec<Result<Vec<u8>, FileError>> {
        let Ok(settled) = self.settled.await else {
            return vec![Err(FileError::Unreadable); self.count];
        };
        let mut contents: Vec<_> = js_sys::Array::from(&settled)
            .iter()
            .map(|outcome| {
                let value = js_sys::Reflect::get(&outcome, &"value".into())
                    .map_err(|_| FileError::Unreadable)?;
                bytes_of(&value)
            })
            .collect();
        // One answer per file, whatever the browser returned, so that a
        // caller zipping files with contents never pairs the wrong ones.
        contents.resize(self.count, Err(FileError::Unreadable));
        contents
    }
}
