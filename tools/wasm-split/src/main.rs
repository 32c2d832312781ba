//! Splits a Balans WebAssembly app at its `#[lazy]` functions (issue 15).
//!
//!     balans-wasm-split <app.wasm> <out dir> <name>
//!
//! `app.wasm` is what rustc linked with `--emit-relocs` (the splitter needs
//! the relocations), before wasm-bindgen. Writes into `out dir`:
//! `<name>.split.wasm` (the main module, for wasm-bindgen with
//! `--out-name <name> --keep-lld-exports`), `<name>.split.js` (the loader
//! the main module imports; it fetches the chunks) and the chunks, named
//! `<name>.<chunk>.wasm` so two apps' chunks never share a name in dist/.
//! Prints the chunks' file names, one a line.
//!
//! Run by scripts/wasm-split.mjs (a Trunk post_build hook), built by
//! scripts/setup. Its own Cargo project, so the app's builds and tests never
//! compile it.
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir, name] = args.as_slice() else {
        eprintln!("usage: balans-wasm-split <app.wasm> <out dir> <name>");
        return ExitCode::from(2);
    };
    match split(Path::new(input), Path::new(out_dir), name) {
        Ok(chunks) => {
            for chunk in chunks {
                println!("{chunk}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("balans-wasm-split: {error:?}");
            ExitCode::FAILURE
        }
    }
}

fn split(input: &Path, out_dir: &Path, name: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let wasm = std::fs::read(input)?;
    std::fs::create_dir_all(out_dir)?;
    let main_out: PathBuf = out_dir.join(format!("{name}.split.wasm"));
    let main_module = format!("./{name}.js");
    let link_name = format!("./{name}.split.js");
    let result = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&wasm);
        options.output_dir = out_dir;
        options.main_out_path = &main_out;
        options.main_module = &main_module;
        options.link_name = &link_name;
        options
    })
    .map_err(|e| format!("{e:?}"))?;
    // The loader names each chunk by a path relative to itself; give them
    // the app's name as a prefix, there and on disk.
    let link_path = out_dir.join(format!("{name}.split.js"));
    let mut link = std::fs::read_to_string(&link_path)?;
    let mut chunks = Vec::new();
    for path in &result.split_modules {
        let file = path
            .file_name()
            .and_then(|f| f.to_str())
            .ok_or("a chunk without a file name")?
            .to_string();
        let renamed = format!("{name}.{file}");
        let quoted = format!("\"./{file}\"");
        if !link.contains(&quoted) {
            // An empty split has no file of its own in the loader.
            std::fs::remove_file(path)?;
            continue;
        }
        link = link.replace(&quoted, &format!("\"./{renamed}\""));
        std::fs::rename(path, out_dir.join(&renamed))?;
        chunks.push(renamed);
    }
    std::fs::write(&link_path, link)?;
    Ok(chunks)
}
