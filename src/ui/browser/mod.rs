//! Small wrappers over the browser APIs the pages need, one per file in the
//! manner of leptos-use: each does one thing, takes an options struct where
//! there is something to choose, and returns its own error (with a message
//! key, a hint key and a code) instead of panicking. Only this module and
//! `ui::store` (localStorage) touch browser APIs directly.
//!
//! | file | what |
//! |---|---|
//! | `clock` | the time, and yielding to the browser in a long job |
//! | `page` | the document and the address: load, reload, print, base url, `<html lang>` |
//! | `use_download` | offer text as a file download |
//! | `use_share` | the system share sheet, for a file or a link |
//! | `use_clipboard` | copy text |
//! | `use_focus` | move focus to a screen's or a step's heading |
//! | `use_files` | read files the person chose |
//! | `use_persistence` | ask the browser to keep the app's data |
//! | `use_seal` | encrypt a file with age (a module loaded after the first question) |
//! | `use_update` | the service worker's "new version waiting" signal |
//! | `use_workers` | decrypt exports in Web Workers, one per core |

mod clock;
mod page;
mod use_clipboard;
mod use_download;
mod use_file_handle;
mod use_files;
mod use_focus;
mod use_persistence;
mod use_seal;
mod use_share;
mod use_update;
mod use_workers;

pub use clock::{now, yield_now};
pub use page::{
    base_url, hold_deferred_loads, load_page, opened_at, print_page, release_deferred_loads,
    reload, remember_opening_address, set_address, set_document_lang, set_root_class,
};
pub use use_clipboard::{copy_text, ClipboardError};
pub use use_download::{download, DownloadError, DownloadOptions};
pub use use_file_handle::{
    can_save_to_file, choose_file, file_name, permission, request_permission, write_file,
    FileHandleError, Permission,
};
pub use use_files::{read_bytes, FileError, Reads};
pub use use_focus::{focus_main_heading, focus_on_step_change};
pub use use_persistence::{request_persistence, storage_persisted, PersistenceError};
pub use use_seal::{seal, seal_directly_with, Sealer};
pub use use_share::{can_share_files, can_share_link, share_file, share_link, ShareError};
pub use use_update::{
    on_update_stalled, on_update_waiting, start_update, update_waiting, UpdateError,
};
pub use use_workers::{decrypt_in_workers, Decrypted, Decrypting, Plaintext};
