//! The lock at rest in the staff app (issue 17): which scopes have a
//! passphrase, the data keys of the unlocked ones (in this window's memory
//! only), sealing and opening stored text, locking after a time without
//! use, and setting a passphrase (which seals what was stored plain).
//!
//! Only the staff app links this module: `ui::store` reaches it through a
//! pointer set by `open_staff_storage`, so the citizen app stays as small
//! as it was and its storage as it is.
//!
//! Why per window: the data key is never stored, so a reload, a new tab or
//! closing locks, and unlocking one window does not unlock another. A
//! window hears other windows' sealed writes (`ui::mirror`) and opens them
//! only while it holds the key itself.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::core::lock::{
    is_sealed, open, seal, DataKey, LockError, LockHeader, PassphraseError, Scope,
    PASSPHRASE_WORK_FACTOR,
};
use crate::core::util::Millis;

/// Minutes without use after which every scope locks again, unless
/// `balans.lock.idle` (seconds) says otherwise.
pub const IDLE_MINUTES: u64 = 15;

/// localStorage key of the idle time in seconds (for a shorter or longer
/// time on a device, and for the tests).
const IDLE_KEY: &str = "balans.lock.idle";

thread_local! {
    static RENEW: RefCell<std::collections::BTreeSet<Scope>> =
        const { RefCell::new(std::collections::BTreeSet::new()) };
    static KEYS: RefCell<BTreeMap<Scope, DataKey>> = const { RefCell::new(BTreeMap::new()) };
    static LAST_USE: Cell<f64> = const { Cell::new(0.0) };
    static REVISION: RefCell<Option<ArcRwSignal<u64>>> = const { RefCell::new(None) };
}

/// A signal that changes whenever a scope locks or unlocks (the screens
/// behind the lock follow it).
pub fn revision() -> ArcRwSignal<u64> {
    REVISION.with(|r| {
        r.borrow_mut()
            .get_or_insert_with(|| ArcRwSignal::new(0))
            .clone()
    })
}

fn changed() {
    let signal = revision();
    signal.update(|n| *n += 1);
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored header of `scope`, if it has a passphrase.
pub fn header(scope: Scope) -> Option<Result<LockHeader, LockError>> {
    let text = local()?.get_item(scope.header_key()).ok().flatten()?;
    Some(LockHeader::from_text(&text))
}

/// Whether `scope` has a passphrase.
pub fn has_lock(scope: Scope) -> bool {
    local().is_some_and(|s| s.get_item(scope.header_key()).ok().flatten().is_some())
}

/// Whether `scope` has a passphrase and this window does not hold its key.
pub fn is_locked(scope: Scope) -> bool {
    has_lock(scope) && key(scope).is_none()
}

/// The data key of `scope` while it is unlocked in this window.
pub fn key(scope: Scope) -> Option<DataKey> {
    KEYS.with(|k| k.borrow().get(&scope).cloned())
}

fn keep_key(scope: Scope, key: DataKey) {
    KEYS.with(|k| k.borrow_mut().insert(scope, key));
    touch();
    super::mirror::unlocked(scope);
    // What was skipped while locked (values set aside by a newer version,
    // lower-case codes) is done now that the records can be read.
    super::store::restore_set_aside();
    super::store::rekey_lowercase_codes();
    changed();
}

/// Unlocks `scope` with the passphrase: one scrypt derivation. A wrong
/// passphrase changes nothing.
pub fn unlock(scope: Scope, passphrase: &str) -> Result<(), LockError> {
    let header = header(scope).ok_or(LockError::Damaged)??;
    let start = js_sys::Date::now();
    let key = header.unlock(passphrase);
    // How long the derivation took, on `<html data-derive-ms>`: the tests
    // and the report read the work factor's cost in this browser.
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let took = (js_sys::Date::now() - start).round().to_string();
        let _ = root.set_attribute("data-derive-ms", &took);
    }
    keep_key(scope, key?);
    Ok(())
}

/// Unlocks `scope` with a key file (the key backup); then a new passphrase
/// should be set ([`set_passphrase`]).
pub fn unlock_with_key_file(scope: Scope, text: &str) -> Result<(), LockError> {
    let header = header(scope).ok_or(LockError::Damaged)??;
    let key = header.unlock_with_key_file(text)?;
    RENEW.with(|r| r.borrow_mut().insert(scope));
    keep_key(scope, key);
    Ok(())
}

/// Whether `scope` was opened with the key file and waits for a new
/// passphrase.
pub fn must_renew(scope: Scope) -> bool {
    RENEW.with(|r| r.borrow().contains(&scope))
}

/// Locks `scope` in this window: its records in memory are sealed, the key
/// forgotten.
pub fn lock(scope: Scope) {
    let Some(key) = KEYS.with(|k| k.borrow_mut().remove(&scope)) else {
        return;
    };
    super::mirror::locked(scope, &key);
    changed();
}

/// Locks every scope ("Lock now", and after a time without use).
pub fn lock_all() {
    for scope in Scope::ALL {
        lock(scope);
    }
}

/// Whether some scope with a passphrase is unlocked here.
pub fn any_unlocked() -> bool {
    KEYS.with(|k| !k.borrow().is_empty())
}

/// Sets the passphrase of `scope`, wrapping the data key (the one held
/// while unlocked, or a new one) to `public_keys` too; what was stored plain
/// is sealed (nothing is lost: each record is rewritten, sealed, in place).
pub fn set_passphrase(
    scope: Scope,
    passphrase: &str,
    public_keys: &[String],
    study_name: &str,
    display_name: &str,
) -> Result<(), PassphraseError> {
    // A new passphrase after the key file: the lock keeps its keys and
    // names when the screen has none to give.
    let before = header(scope).and_then(Result::ok);
    let (public_keys, study_name, display_name) = match &before {
        Some(h) if public_keys.is_empty() => (
            h.public_keys.as_slice(),
            h.study_name.as_str(),
            h.display_name.as_str(),
        ),
        _ => (public_keys, study_name, display_name),
    };
    let existing = key(scope);
    let fresh = existing.is_none();
    let key = existing.unwrap_or_else(DataKey::generate);
    let header = LockHeader::new(
        &key,
        passphrase,
        work_factor(),
        public_keys,
        study_name,
        display_name,
    )?;
    let storage = local().ok_or(PassphraseError::BadKey)?;
    storage
        .set_item(scope.header_key(), &header.to_text())
        .map_err(|_| PassphraseError::BadKey)?;
    KEYS.with(|k| k.borrow_mut().insert(scope, key.clone()));
    RENEW.with(|r| r.borrow_mut().remove(&scope));
    touch();
    if fresh {
        super::mirror::seal_all(scope);
        super::store::seal_local(scope);
    }
    changed();
    Ok(())
}

/// Adds the keys of workspaces made while unlocked to the lock, so their
/// key backups open it too.
pub fn add_public_keys(scope: Scope, public_keys: &[String]) {
    let (Some(Ok(header)), Some(key)) = (header(scope), key(scope)) else {
        return;
    };
    let mut keys = header.public_keys.clone();
    for k in public_keys {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    if keys.len() == header.public_keys.len() {
        return;
    }
    if let (Ok(header), Some(storage)) = (header.with_public_keys(&key, &keys), local()) {
        let _ = storage.set_item(scope.header_key(), &header.to_text());
    }
}

/// The scrypt work factor, always [`PASSPHRASE_WORK_FACTOR`]: no stored
/// setting may weaken it (a knob in storage would be one for anybody at the
/// device, before the passphrase is set).
fn work_factor() -> u8 {
    PASSPHRASE_WORK_FACTOR
}

/// Seals `value` (stored under `storage_key`) when its scope has a
/// passphrase: `Ok(None)` when it has none (stored as it is), `Err` when
/// the scope is locked here (nothing may be written).
pub fn seal_value(storage_key: &str, value: &JsValue) -> Result<Option<String>, ()> {
    let Some(scope) = Scope::of_key(storage_key) else {
        return Ok(None);
    };
    if !has_lock(scope) {
        return Ok(None);
    }
    let key = key(scope).ok_or(())?;
    Ok(Some(seal_with(&key, storage_key, value)))
}

/// Seals a stored text with `key`: as UTF-8 (`u`), or as its UTF-16 code
/// units (`w`) when it is not valid Unicode, so a set-aside value comes
/// back exactly.
pub fn seal_with(key: &DataKey, storage_key: &str, value: &JsValue) -> String {
    let text: Option<&js_sys::JsString> = value.dyn_ref();
    let mut bytes;
    match (text.map(|t| t.is_valid_utf16()), value.as_string()) {
        (Some(true), Some(s)) => {
            bytes = Vec::with_capacity(s.len() + 1);
            bytes.push(b'u');
            bytes.extend_from_slice(s.as_bytes());
        }
        _ => {
            bytes = vec![b'w'];
            if let Some(t) = text {
                for unit in t.iter() {
                    bytes.extend_from_slice(&unit.to_le_bytes());
                }
            }
        }
    }
    seal(key, storage_key, &bytes)
}

/// Opens a stored value: the plain text when it is sealed and its scope
/// is unlocked here; `Ok(None)` when it is not sealed; `Err` when its scope
/// is locked or it does not open (changed, or sealed under another key).
pub fn open_value(storage_key: &str, stored: &str) -> Result<Option<JsValue>, LockError> {
    if !is_sealed(stored) {
        return Ok(None);
    }
    let scope = Scope::of_key(storage_key).ok_or(LockError::Damaged)?;
    let key = key(scope).ok_or(LockError::WrongPassphrase)?;
    open_with(&key, storage_key, stored).map(Some)
}

/// Opens a sealed text with `key`.
pub fn open_with(key: &DataKey, storage_key: &str, stored: &str) -> Result<JsValue, LockError> {
    let bytes = open(key, storage_key, stored)?;
    match bytes.split_first() {
        Some((b'u', rest)) => std::str::from_utf8(rest)
            .map(JsValue::from_str)
            .map_err(|_| LockError::Damaged),
        Some((b'w', rest)) => {
            let units: Vec<u16> = rest
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            Ok(js_sys::JsString::from_char_code(&units).into())
        }
        _ => Err(LockError::Damaged),
    }
}

/// Marks the window as used now.
pub fn touch() {
    LAST_USE.with(|l| l.set(js_sys::Date::now()));
}

fn idle_millis() -> f64 {
    let seconds = local()
        .and_then(|s| s.get_item(IDLE_KEY).ok().flatten())
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|s| *s > 0)
        .unwrap_or(IDLE_MINUTES * 60);
    (seconds as Millis * 1000) as f64
}

/// Minutes of the idle lock, for the texts.
pub fn idle_minutes() -> u64 {
    (idle_millis() / 60_000.0).round().max(1.0) as u64
}

/// Follows use (keys, pointer) and locks every scope once nobody used the
/// window for the idle time; also locks when another window set a
/// passphrase this window does not hold. Called once by the staff app.
pub fn watch() {
    let Some(window) = web_sys::window() else {
        return;
    };
    touch();
    let on_use = Closure::<dyn Fn()>::new(touch);
    for event in ["pointerdown", "keydown", "wheel", "touchstart"] {
        let _ = window.add_event_listener_with_callback(event, on_use.as_ref().unchecked_ref());
    }
    on_use.forget();
    let check = Closure::<dyn Fn()>::new(|| {
        let idle = js_sys::Date::now() - LAST_USE.with(Cell::get);
        if any_unlocked() && idle >= idle_millis() {
            lock_all();
        }
    });
    let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
        check.as_ref().unchecked_ref(),
        1000,
    );
    check.forget();
    // A header set or removed in another window: the screens look again.
    let on_storage = Closure::<dyn Fn(web_sys::StorageEvent)>::new(|e: web_sys::StorageEvent| {
        if e.key()
            .is_some_and(|k| k.starts_with(crate::core::lock::LOCK_PREFIX))
        {
            changed();
        }
    });
    let _ = window.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
    on_storage.forget();
}
