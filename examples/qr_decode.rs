//! Prints the text of every QR code in a PNG image, one per line; the
//! end-to-end tests use it to read the QR code on a screenshot of the screen.
//!
//! ```text
//! cargo run --example qr_decode -- screenshot.png
//! ```

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/core/support/qr.rs"]
mod qr;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: qr_decode IMAGE.png");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("qr_decode: {path}: {e}");
        std::process::exit(2);
    });
    match qr::decode_png(&bytes) {
        Ok(texts) if !texts.is_empty() => texts.iter().for_each(|t| println!("{t}")),
        Ok(_) => {
            eprintln!("qr_decode: no QR code found in {path}");
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("qr_decode: {path}: {e}");
            std::process::exit(2);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
