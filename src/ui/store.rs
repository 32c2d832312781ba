//! The one module that touches the browser's localStorage (via gloo-storage).
//! Everything it stores is encoded by `core::storage`; it never overwrites a
//! value it could not read, but moves it aside.

use gloo_storage::{LocalStorage, Storage};

use serde::{Deserialize, Serialize};

use crate::core::{
    decode_questionnaire, decode_settings, decode_versioned, encode_questionnaire, encode_settings,
    encode_versioned, quarantine_key, questionnaire_key, MigrateError, Questionnaire, Settings,
    QUARANTINE_PREFIX, QUESTIONNAIRE_PREFIX, SETTINGS_KEY,
};

/// Why a value could not be saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StoreError {
    /// The storage quota is full.
    Full,
    /// Storage is switched off or blocked (e.g. some private modes).
    Unavailable,
    /// Any other failure.
    Other,
}

impl StoreError {
    /// Catalogue key of the message.
    pub fn message_key(self) -> &'static str {
        match self {
            StoreError::Full => "storage.error.full",
            StoreError::Unavailable => "storage.error.unavailable",
            StoreError::Other => "storage.error.other",
        }
    }

    /// Catalogue key of the hint.
    pub fn hint_key(self) -> &'static str {
        match self {
            StoreError::Full => "storage.error.full_hint",
            StoreError::Unavailable => "storage.error.unavailable_hint",
            StoreError::Other => "storage.error.other_hint",
        }
    }
}

fn raw_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Whether localStorage can be written at all right now.
pub fn probe() -> Result<(), StoreError> {
    let storage = raw_storage().ok_or(StoreError::Unavailable)?;
    let key = "balans.probe";
    storage.set_item(key, "1").map_err(classify)?;
    let _ = storage.remove_item(key);
    Ok(())
}

fn classify(error: wasm_bindgen::JsValue) -> StoreError {
    let name = js_sys::Reflect::get(&error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    match name.as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StoreError::Full,
        "SecurityError" => StoreError::Unavailable,
        _ => StoreError::Other,
    }
}

fn write(key: &str, value: &str) -> Result<(), StoreError> {
    let storage = raw_storage().ok_or(StoreError::Unavailable)?;
    storage.set_item(key, value).map_err(classify)
}

fn read(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Saves one questionnaire under its own key.
pub fn save_questionnaire(q: &Questionnaire) -> Result<(), StoreError> {
    write(&questionnaire_key(&q.id), &encode_questionnaire(q))
}

/// What loading a stored questionnaire found.
pub enum Loaded {
    /// Read (and migrated when older).
    Found(Box<Questionnaire>),
    /// Nothing stored under this id.
    Absent,
    /// Stored but unreadable; it has been moved aside.
    Quarantined(MigrateError),
}

/// Loads one questionnaire; an unreadable value is moved aside, never lost.
pub fn load_questionnaire(id: &str) -> Loaded {
    let key = questionnaire_key(id);
    match read(&key) {
        None => Loaded::Absent,
        Some(stored) => match decode_questionnaire(&stored) {
            Ok(q) => Loaded::Found(Box::new(q)),
            Err(error) => {
                quarantine(&key, &stored);
                Loaded::Quarantined(error)
            }
        },
    }
}

/// Moves an unreadable value aside under the quarantine prefix. The original
/// is only removed once the copy is safely written.
fn quarantine(key: &str, stored: &str) {
    if write(&quarantine_key(key), stored).is_ok() {
        LocalStorage::delete(key);
    }
}

fn keys_with_prefix(prefix: &str) -> Vec<String> {
    let Some(storage) = raw_storage() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// Every questionnaire on the device, newest first, and how many stored
/// values could not be read (those are moved aside).
pub fn list_questionnaires() -> (Vec<Questionnaire>, usize) {
    let mut list = Vec::new();
    let mut unreadable = 0;
    for key in keys_with_prefix(QUESTIONNAIRE_PREFIX) {
        let id = &key[QUESTIONNAIRE_PREFIX.len()..];
        match load_questionnaire(id) {
            Loaded::Found(q) => list.push(*q),
            Loaded::Quarantined(_) => unreadable += 1,
            Loaded::Absent => {}
        }
    }
    list.sort_by_key(|q| std::cmp::Reverse(q.updated_at));
    (list, unreadable)
}

/// Number of values set aside because they could not be read.
pub fn quarantined_count() -> usize {
    keys_with_prefix(QUARANTINE_PREFIX).len()
}

/// Removes a questionnaire from the device.
pub fn delete_questionnaire(id: &str) {
    LocalStorage::delete(questionnaire_key(id));
}

/// The device settings (defaults when none or unreadable).
pub fn load_settings() -> Settings {
    read(SETTINGS_KEY)
        .map(|s| decode_settings(&s))
        .unwrap_or_default()
}

/// Saves the device settings.
pub fn save_settings(settings: &Settings) -> Result<(), StoreError> {
    write(SETTINGS_KEY, &encode_settings(settings))
}

/// What loading any stored record found.
pub enum LoadedRecord<T> {
    /// Read (and migrated when older).
    Found(T),
    /// Nothing stored under this key.
    Absent,
    /// Stored but unreadable; it has been moved aside.
    Quarantined(MigrateError),
}

/// Loads a versioned record (workspace, research data, …) from `key`; an
/// unreadable value is moved aside, never lost.
pub fn load_record<T: for<'de> Deserialize<'de>>(key: &str) -> LoadedRecord<T> {
    match read(key) {
        None => LoadedRecord::Absent,
        Some(stored) => match decode_versioned(&stored) {
            Ok(value) => LoadedRecord::Found(value),
            Err(error) => {
                quarantine(key, &stored);
                LoadedRecord::Quarantined(error)
            }
        },
    }
}

/// Saves a versioned record under `key`.
pub fn save_record<T: Serialize>(key: &str, value: &T) -> Result<(), StoreError> {
    write(key, &encode_versioned(value))
}

/// Removes a record.
pub fn delete_record(key: &str) {
    LocalStorage::delete(key);
}

/// The keys of every stored record under `prefix` (e.g. all workspaces).
pub fn record_keys(prefix: &str) -> Vec<String> {
    keys_with_prefix(prefix)
}
