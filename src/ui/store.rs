//! The one module that touches the browser's localStorage. Everything it
//! stores is encoded by `core::questionnaire`. Its guarantees hold for every
//! record, questionnaires and the generic [`save_record`] alike:
//!
//! - a stored value this version cannot read (corrupt, or from a newer
//!   version) is never overwritten: before any write it is moved aside to a
//!   free `balans.quarantine.…` slot, and the write only happens once the
//!   copy is safe;
//! - a failed write says why ([`StoreError`]): full, unavailable, other;
//! - a save merges what another window stored first ([`save_merged_record`],
//!   [`save_questionnaire_merging`]), so two windows never undo each other
//!   (the records that do so are [`Stored`]; `ui::autosave` saves them);
//! - storage that is blocked (some private modes) never panics: reads find
//!   nothing and writes report [`StoreError::Unavailable`].
//!
//! Staff records (`core::questionnaire::STAFF_PREFIXES`: the workspace, its
//! plans and imports, the researcher's data and notes) live in the staff
//! database once the staff app has started it ([`open_staff_storage`],
//! `ui::mirror`, `ui::db`), with the same guarantees; this module decides
//! per key where a value lives, so no screen needs to know.
//!
//! Reads and writes go through gloo-storage's `LocalStorage`, but only
//! after [`reachable`] found `window.localStorage` there: gloo panics when
//! storage is blocked, and the release build aborts on a panic. The values
//! are the text `core::questionnaire` encodes (with its schema version, read
//! back through its migrations), so they pass through `LocalStorage::raw()`
//! as they are: gloo's own `get`/`set` would encode them as JSON a second
//! time. A failed write is classified from the thrown value's `name`, not
//! through gloo's `StorageError`, whose conversion panics when a browser
//! throws something that is not an `Error`.
//!
//! Setting a value aside is the one raw path: it copies the value exactly,
//! as a `js_sys::JsString`, because a Rust `String` cannot hold a lone
//! surrogate (the conversion would replace it, and the copy would differ).

use gloo_storage::{LocalStorage, Storage as _};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use super::mirror;
use crate::core::backup::{combine, Combined};
use crate::core::error::{display_as_problem, Problem};
use crate::core::merge::Merge;
use crate::core::plan::{plan_key_for, Plan, PLAN_PREFIX};
use crate::core::professional::{ImportedForm, Workspace, IMPORT_PREFIX};
use crate::core::questionnaire::{
    decode_questionnaire, decode_settings, decode_versioned, encode_questionnaire, encode_settings,
    encode_versioned, max_stored_len, quarantine_key, quarantined_from, questionnaire_key, Merged,
    MigrateError, Questionnaire, Settings, KEY_PREFIX, QUARANTINE_PREFIX, QUESTIONNAIRE_PREFIX,
    SETTINGS_KEY, STAFF_PREFIXES,
};
use crate::core::research::{interview_key, Interview, INTERVIEW_PREFIX};

/// A record two windows may change at once, kept under one key and saved
/// the moment it changes (`ui::autosave`): how it is read and written, and
/// what the person is told when another window's change came in.
pub trait Stored: Clone + Serialize + DeserializeOwned + Merge {
    /// Catalogue key of the notice shown when a save or another window
    /// brought in a change made elsewhere.
    const OTHER_WINDOW: &'static str = "storage.other_window";

    /// Reads stored text of this or an earlier schema version.
    fn decode(stored: &str) -> Result<Self, MigrateError> {
        decode_versioned(stored)
    }

    /// Writes the record as stored text.
    fn encode(&self) -> String {
        encode_versioned(self)
    }

    /// The key this record belongs under, when its contents say so and it
    /// was found under `stored_under` ([`rekey_lowercase_codes`]).
    fn key_of(&self, _stored_under: &str) -> Option<String> {
        None
    }
}

impl Stored for Questionnaire {
    // Questionnaires have their own migrations (schema 1 → 2).
    fn decode(stored: &str) -> Result<Self, MigrateError> {
        decode_questionnaire(stored)
    }

    fn encode(&self) -> String {
        encode_questionnaire(self)
    }

    fn key_of(&self, _stored_under: &str) -> Option<String> {
        Some(questionnaire_key(&self.id))
    }
}

impl Stored for Plan {
    fn key_of(&self, stored_under: &str) -> Option<String> {
        plan_key_for(stored_under, self)
    }
}

impl Stored for Interview {
    fn key_of(&self, _stored_under: &str) -> Option<String> {
        Some(interview_key(&self.respondent, self.moment))
    }
}

impl Stored for ImportedForm {
    fn key_of(&self, _stored_under: &str) -> Option<String> {
        Some(self.key())
    }
}

impl Stored for Workspace {
    const OTHER_WINDOW: &'static str = "storage.other_window_workspace";
}

/// Moves, once, every record kept under a key made from a lower-case
/// respondent code to the key of its upper-case code (schema 4, issue 12):
/// questionnaires (the citizen's and the professional's own forms, whose id
/// is a hash of the code), plans, imported citizens' forms and interview
/// notes. A record already at the new key is merged with it, never
/// overwritten (an unreadable one there is set aside first), and the old key
/// is removed only once the merged record is written. Values that cannot be
/// read stay where they are, for the set-aside rules. Called at start;
/// returns how many records moved (0 once done).
pub fn rekey_lowercase_codes() -> usize {
    rekey::<Questionnaire>(QUESTIONNAIRE_PREFIX)
        + rekey::<Plan>(PLAN_PREFIX)
        + rekey::<ImportedForm>(IMPORT_PREFIX)
        + rekey::<Interview>(INTERVIEW_PREFIX)
}

fn rekey<T: Stored>(prefix: &str) -> usize {
    let mut moved = 0;
    for key in keys_with_prefix(prefix) {
        let Some(Ok(mut value)) = read_decoded(&key, T::decode) else {
            continue;
        };
        let Some(to) = value.key_of(&key).filter(|to| *to != key) else {
            continue;
        };
        if save_merged_record(&to, &mut value).is_ok() {
            remove(&key);
            moved += 1;
        }
    }
    moved
}

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

impl Problem for StoreError {
    fn message_key(&self) -> &'static str {
        match self {
            StoreError::Full => "storage.error.full",
            StoreError::Unavailable => "storage.error.unavailable",
            StoreError::Other => "storage.error.other",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            StoreError::Full => "storage.error.full_hint",
            StoreError::Unavailable => "storage.error.unavailable_hint",
            StoreError::Other => "storage.error.other_hint",
        }
    }

    /// Read by the e2e tests from `data-problem`.
    fn code(&self) -> &'static str {
        match self {
            StoreError::Full => "full",
            StoreError::Unavailable => "unavailable",
            StoreError::Other => "other",
        }
    }
}

display_as_problem!(StoreError);

#[wasm_bindgen]
extern "C" {
    // `getItem`/`setItem` with the value left a JavaScript string: web-sys's
    // versions convert it to a Rust `String`, which is not an exact copy
    // when it holds a lone surrogate. Only setting aside uses these.
    type ExactStorage;
    #[wasm_bindgen(method, js_name = getItem, catch)]
    fn get_item(this: &ExactStorage, key: &str) -> Result<Option<js_sys::JsString>, JsValue>;
    #[wasm_bindgen(method, js_name = setItem, catch)]
    fn set_item(this: &ExactStorage, key: &str, value: &js_sys::JsString) -> Result<(), JsValue>;
}

/// Whether `window.localStorage` is there: reading it throws a
/// `SecurityError` when the browser blocks storage for the site (some
/// private modes), and gloo-storage panics on that. Every gloo call below
/// comes after this check.
fn reachable() -> Result<(), StoreError> {
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Ok(()),
        _ => Err(StoreError::Unavailable),
    }
}

/// localStorage through gloo-storage, or why there is none.
fn storage() -> Result<web_sys::Storage, StoreError> {
    reachable()?;
    Ok(LocalStorage::raw())
}

/// Whether localStorage can be written at all right now.
pub fn probe() -> Result<(), StoreError> {
    let key = "balans.probe";
    match write(key, "1") {
        // Older Safari private windows have a quota of zero: "full" while
        // empty means nothing can be kept at all.
        Err(StoreError::Full) if LocalStorage::length() == 0 => Err(StoreError::Unavailable),
        Err(e) => Err(e),
        Ok(()) => {
            remove(key);
            Ok(())
        }
    }
}

fn classify(error: JsValue) -> StoreError {
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

/// Whether `key` (or the key a set-aside value came from) is staff data,
/// which lives in the staff database once the staff app started it.
fn staff_key(key: &str) -> bool {
    let key = quarantined_from(key).unwrap_or(key);
    STAFF_PREFIXES.iter().any(|p| key.starts_with(p))
}

/// The staff database's side of this module (`ui::mirror`). Only the staff
/// app sets it ([`open_staff_storage`]), so the citizen app never links the
/// database code: every call goes through these pointers.
struct Backend {
    get: fn(&str) -> Option<JsValue>,
    set: fn(&str, Option<JsValue>) -> bool,
    keys: fn(&str) -> Vec<String>,
    saving: fn() -> bool,
    listen: fn(Box<dyn Fn(mirror::Event)>),
}

static MIRROR_BACKEND: Backend = Backend {
    get: mirror::get,
    set: mirror::set,
    keys: mirror::keys,
    saving: mirror::saving,
    listen: |listener| mirror::listen(listener),
};

thread_local! {
    static BACKEND: std::cell::Cell<Option<&'static Backend>> =
        const { std::cell::Cell::new(None) };
    static SEALER: std::cell::Cell<Option<&'static Sealer>> =
        const { std::cell::Cell::new(None) };
}

/// The lock's side of this module (`ui::lock`, issue 17): the staff app's
/// values in localStorage (the professional's own forms, questionnaires
/// filled in together, plans) are sealed like the database's once their
/// scope has a passphrase. Only the staff app sets it, so the citizen app
/// links no lock code and stores as before.
struct Sealer {
    /// `Ok(None)`: store as it is; `Err`: locked, write nothing.
    seal: fn(&str, &JsValue) -> Result<Option<String>, ()>,
    /// `Ok(None)`: not sealed; `Err(WrongPassphrase)`: locked here.
    open: fn(&str, &str) -> Result<Option<JsValue>, crate::core::lock::LockError>,
}

static LOCK_SEALER: Sealer = Sealer {
    seal: super::lock::seal_value,
    open: super::lock::open_value,
};

fn sealer() -> Option<&'static Sealer> {
    SEALER.with(|s| s.get())
}

/// What is stored for `value` under `key` in localStorage: sealed when the
/// key's scope has a passphrase; refused while it is locked.
fn sealed_for_local(key: &str, value: &JsValue) -> Result<Option<String>, StoreError> {
    match sealer() {
        Some(s) => (s.seal)(key, value).map_err(|()| StoreError::Unavailable),
        None => Ok(None),
    }
}

/// A value read from localStorage, opened when it is sealed: `None` while
/// its scope is locked; a value that does not open comes back as stored,
/// so it is set aside, never overwritten.
fn opened_from_local(key: &str, stored: js_sys::JsString) -> Option<js_sys::JsString> {
    let Some(s) = sealer() else {
        return Some(stored);
    };
    let text = String::from(&stored);
    match (s.open)(key, &text) {
        Ok(None) => Some(stored),
        Ok(Some(v)) => v.dyn_into().ok(),
        Err(crate::core::lock::LockError::WrongPassphrase) => None,
        Err(_) => Some(stored),
    }
}

/// Seals every value of `scope` still plain in localStorage (a passphrase
/// was just set): each is rewritten in place, exactly.
pub fn seal_local(scope: crate::core::lock::Scope) {
    for key in local_keys(KEY_PREFIX) {
        if crate::core::lock::Scope::of_key(&key) != Some(scope) {
            continue;
        }
        let Ok(storage) = storage() else {
            return;
        };
        let storage: ExactStorage = storage.unchecked_into();
        let Some(value) = storage.get_item(&key).ok().flatten() else {
            continue;
        };
        if crate::core::lock::is_sealed(&String::from(&value)) {
            continue;
        }
        if let Ok(Some(sealed)) = sealed_for_local(&key, &value.into()) {
            let _ = storage.set_item(&key, &js_sys::JsString::from(sealed));
        }
    }
}

fn backend() -> Option<&'static Backend> {
    BACKEND.with(|b| b.get())
}

/// The staff database when it answers for `key`.
fn mirror_of(key: &str) -> Option<&'static Backend> {
    backend().filter(|_| staff_key(key))
}

/// Who hears of every write (see [`on_write`]).
type WriteListeners = Vec<std::rc::Rc<dyn Fn(&str)>>;

thread_local! {
    static ON_WRITE: std::cell::RefCell<WriteListeners> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Calls `listener` with the key of every write or removal this window
/// makes (for saving a backup shortly after a change).
pub fn on_write(listener: impl Fn(&str) + 'static) {
    ON_WRITE.with(|l| l.borrow_mut().push(std::rc::Rc::new(listener)));
}

fn written(key: &str) {
    let listeners = ON_WRITE.with(|l| l.borrow().clone());
    for listener in listeners {
        listener(key);
    }
}

fn write(key: &str, value: &str) -> Result<(), StoreError> {
    written(key);
    if let Some(b) = mirror_of(key) {
        return if (b.set)(key, Some(JsValue::from_str(value))) {
            Ok(())
        } else {
            Err(StoreError::Unavailable)
        };
    }
    let storage = storage()?;
    match sealed_for_local(key, &JsValue::from_str(value))? {
        Some(sealed) => storage.set_item(key, &sealed),
        None => storage.set_item(key, value),
    }
    .map_err(classify)
}

/// A stored value that is there but longer than any value Balans writes
/// under its key (`core::questionnaire::max_stored_len`).
struct TooLarge;

/// The text under `key`; a value too large to read is measured in the
/// browser and never copied into the page's memory or parsed, so a hostile
/// or broken one cannot hold or stop the page. It is set aside unread.
fn read(key: &str) -> Option<Result<String, TooLarge>> {
    let value = read_exact(key)?;
    // UTF-16 units: each is at least one byte of UTF-8, so a value longer
    // than the bound in units is longer in bytes too (the decoders hold
    // the rest to the bound in bytes).
    if value.length() as usize > max_stored_len(key) {
        return Some(Err(TooLarge));
    }
    value.as_string().map(Ok)
}

/// The stored value under `key` read with `decode`; one too large to read
/// is [`MigrateError::TooLarge`].
fn read_decoded<T>(
    key: &str,
    decode: impl Fn(&str) -> Result<T, MigrateError>,
) -> Option<Result<T, MigrateError>> {
    read(key).map(|stored| match stored {
        Ok(text) => decode(&text),
        Err(TooLarge) => Err(MigrateError::TooLarge),
    })
}

fn remove(key: &str) {
    written(key);
    if let Some(b) = mirror_of(key) {
        let _ = (b.set)(key, None);
    } else if reachable().is_ok() {
        LocalStorage::delete(key);
    }
}

/// The value under `key` exactly as stored.
fn read_exact(key: &str) -> Option<js_sys::JsString> {
    if let Some(b) = mirror_of(key) {
        return (b.get)(key)?.dyn_into().ok();
    }
    let storage: ExactStorage = storage().ok()?.unchecked_into();
    opened_from_local(key, storage.get_item(key).ok().flatten()?)
}

/// Writes `value` under `key` exactly.
fn write_exact(key: &str, value: &js_sys::JsString) -> Result<(), StoreError> {
    if let Some(b) = mirror_of(key) {
        return if (b.set)(key, Some(value.into())) {
            Ok(())
        } else {
            Err(StoreError::Unavailable)
        };
    }
    let storage: ExactStorage = storage()?.unchecked_into();
    match sealed_for_local(key, value)? {
        Some(sealed) => storage.set_item(key, &js_sys::JsString::from(sealed)),
        None => storage.set_item(key, value),
    }
    .map_err(classify)
}

/// Copies the value under `from` to `to` exactly; `false` when there is
/// nothing under `from`.
fn copy_exact(from: &str, to: &str) -> Result<bool, StoreError> {
    let Some(value) = read_exact(from) else {
        return Ok(false);
    };
    write_exact(to, &value)?;
    Ok(true)
}

/// Moves the (unreadable) value of `key` aside into the first free
/// quarantine slot of `key`, exactly as stored. The original is only
/// removed once the copy is safely written, and an earlier set-aside value
/// is never overwritten.
fn quarantine(key: &str) -> Result<(), StoreError> {
    let Some(stored) = read_exact(key) else {
        // Gone already (another window moved or deleted it).
        return Ok(());
    };
    let mut slot = 0;
    let target = loop {
        let candidate = quarantine_key(key, slot);
        match read_exact(&candidate) {
            None => break candidate,
            // Already set aside (e.g. by another window a moment ago).
            Some(existing) if existing == stored => {
                remove(key);
                return Ok(());
            }
            Some(_) => slot += 1,
        }
    };
    write_exact(&target, &stored)?;
    remove(key);
    Ok(())
}

/// Reads what is stored under `key` before it is written: a readable value
/// comes back (to merge), an unreadable one is moved aside. Fails when an
/// unreadable value cannot be moved (storage full): then nothing may be
/// written over it.
fn guard<T>(
    key: &str,
    decode: impl Fn(&str) -> Result<T, MigrateError>,
) -> Result<Option<T>, StoreError> {
    match read_decoded(key, decode) {
        None => Ok(None),
        Some(Ok(value)) => Ok(Some(value)),
        Some(Err(_)) => quarantine(key).map(|()| None),
    }
}

/// Saves one questionnaire under its own key, first merging what another
/// window stored there (the stored copy gets every answer of both).
pub fn save_questionnaire(q: &Questionnaire) -> Result<(), StoreError> {
    save_questionnaire_merging(&mut q.clone()).map(|_| ())
}

/// Saves a questionnaire after merging the stored copy into `q`, so that
/// `q` (the open copy) also shows what another window changed; returns what
/// came from the stored copy.
pub fn save_questionnaire_merging(q: &mut Questionnaire) -> Result<Merged, StoreError> {
    let key = questionnaire_key(&q.id);
    let merged = match guard(&key, decode_questionnaire)? {
        Some(stored) => q.merge(&stored),
        None => Merged::default(),
    };
    write(&key, &encode_questionnaire(q))?;
    Ok(merged)
}

/// What loading a stored questionnaire found.
pub enum Loaded {
    /// Read (and migrated when older).
    Found(Box<Questionnaire>),
    /// Nothing stored under this id.
    Absent,
    /// Stored but unreadable; it has been moved aside (or, when even that
    /// failed, left where it is), never overwritten.
    Quarantined(MigrateError),
}

/// Loads one questionnaire; an unreadable value is moved aside, never lost.
pub fn load_questionnaire(id: &str) -> Loaded {
    let key = questionnaire_key(&id.into());
    match read_decoded(&key, decode_questionnaire) {
        None => Loaded::Absent,
        Some(Ok(q)) => Loaded::Found(Box::new(q)),
        Some(Err(error)) => {
            let _ = quarantine(&key);
            Loaded::Quarantined(error)
        }
    }
}

fn keys_with_prefix(prefix: &str) -> Vec<String> {
    let mut keys = local_keys(prefix);
    if let Some(b) = backend() {
        keys.retain(|k| !staff_key(k));
        keys.extend((b.keys)(prefix));
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The keys in localStorage starting with `prefix`.
fn local_keys(prefix: &str) -> Vec<String> {
    let Ok(storage) = storage() else {
        return Vec::new();
    };
    let count = LocalStorage::length();
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
        let Some(id) = key.strip_prefix(QUESTIONNAIRE_PREFIX) else {
            continue;
        };
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

/// A value set aside because this version could not read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    /// The key it is kept under: its quarantine key, or its own key when
    /// it could not be moved (storage full).
    pub key: String,
    /// The key it was stored under.
    pub original: String,
    /// Why it cannot be read; `None` when this version can read it after
    /// all (a newer version's value, from before an update), so that
    /// [`restore_set_aside`] will put it back.
    pub reason: Option<MigrateError>,
    /// The stored text, unchanged; `None` when it is too large to read
    /// (then it stays only where it was set aside).
    pub stored: Option<String>,
}

/// Why a stored value of `key` cannot be read by this version, if it cannot.
fn unreadable_reason(key: &str, stored: &str) -> Option<MigrateError> {
    if key.starts_with(QUESTIONNAIRE_PREFIX) {
        decode_questionnaire(stored).err()
    } else {
        decode_versioned::<serde_json::Value>(stored).err()
    }
}

/// Every value set aside on this device, after first setting aside every
/// stored questionnaire that cannot be read now (so the list is complete
/// whichever screen asks first). One that could not be moved (storage
/// full: the copy comes before the original goes) is listed where it is,
/// so the person is told of it too.
pub fn set_aside() -> Vec<SetAside> {
    let mut stuck = Vec::new();
    for key in keys_with_prefix(QUESTIONNAIRE_PREFIX) {
        if let Some(Err(reason)) = read_decoded(&key, decode_questionnaire) {
            if quarantine(&key).is_err() {
                stuck.push(SetAside {
                    stored: read(&key).and_then(Result::ok),
                    original: key.clone(),
                    key,
                    reason: Some(reason),
                });
            }
        }
    }
    let mut entries = set_aside_entries();
    entries.extend(stuck);
    entries
}

/// The values in quarantine slots, as they are.
fn set_aside_entries() -> Vec<SetAside> {
    keys_with_prefix(QUARANTINE_PREFIX)
        .into_iter()
        .filter_map(|key| {
            let stored = read(&key)?.ok();
            let original = quarantined_from(&key)?.to_string();
            let reason = match &stored {
                Some(text) => unreadable_reason(&original, text),
                None => Some(MigrateError::TooLarge),
            };
            Some(SetAside {
                key,
                original,
                reason,
                stored,
            })
        })
        .collect()
}

/// Puts back set-aside values this version can read now, e.g. ones a newer
/// version wrote that an older window moved aside, once this newer version
/// runs. A questionnaire is merged into the one stored in its place; another
/// record only returns to an empty place. Returns how many were put back.
pub fn restore_set_aside() -> usize {
    let mut restored = 0;
    for entry in set_aside_entries() {
        if entry.reason.is_some() {
            continue;
        }
        let Some(stored) = &entry.stored else {
            continue;
        };
        let done = if entry.original.starts_with(QUESTIONNAIRE_PREFIX) {
            match decode_questionnaire(stored) {
                Ok(mut q) if questionnaire_key(&q.id) == entry.original => {
                    save_questionnaire_merging(&mut q).is_ok()
                }
                _ => false,
            }
        } else {
            read_exact(&entry.original).is_none()
                && copy_exact(&entry.key, &entry.original).is_ok_and(|copied| copied)
        };
        if done {
            remove(&entry.key);
            restored += 1;
        }
    }
    restored
}

/// Removes a set-aside value from the device (after the person chose to).
pub fn delete_set_aside(key: &str) {
    // Also a questionnaire that could not be moved aside, while it still
    // cannot be read: never a readable one.
    let unreadable_in_place = key.starts_with(QUESTIONNAIRE_PREFIX)
        && matches!(read_decoded(key, decode_questionnaire), Some(Err(_)));
    if key.starts_with(QUARANTINE_PREFIX) || unreadable_in_place {
        remove(key);
    }
}

/// Removes a questionnaire from the device.
pub fn delete_questionnaire(id: &str) {
    remove(&questionnaire_key(&id.into()));
}

/// The device settings (defaults when none or unreadable).
pub fn load_settings() -> Settings {
    match read(SETTINGS_KEY) {
        Some(Ok(stored)) => decode_settings(&stored),
        // They hold no answers: the defaults, and the next choice replaces them.
        _ => Settings::default(),
    }
}

/// Saves the device settings. They hold no answers, so an unreadable value
/// is simply replaced.
pub fn save_settings(settings: &Settings) -> Result<(), StoreError> {
    write(SETTINGS_KEY, &encode_settings(settings))
}

/// What loading any stored record found.
pub enum LoadedRecord<T> {
    /// Read (and migrated when older).
    Found(T),
    /// Nothing stored under this key.
    Absent,
    /// Stored but unreadable; it has been moved aside, never overwritten.
    Quarantined(MigrateError),
}

/// Loads a versioned record (workspace, research data, …) from `key`; an
/// unreadable value is moved aside, never lost.
pub fn load_record<T: DeserializeOwned>(key: &str) -> LoadedRecord<T> {
    load_with(key, decode_versioned)
}

fn load_with<T>(key: &str, decode: impl Fn(&str) -> Result<T, MigrateError>) -> LoadedRecord<T> {
    match read_decoded(key, decode) {
        None => LoadedRecord::Absent,
        Some(Ok(value)) => LoadedRecord::Found(value),
        Some(Err(error)) => {
            let _ = quarantine(key);
            LoadedRecord::Quarantined(error)
        }
    }
}

/// Saves a versioned record under `key`. What is stored there and cannot be
/// read *as a `T`* is moved aside first, never overwritten: a stored value
/// of another shape (valid JSON, but not this record) is kept exactly too,
/// and when it cannot be moved (storage full) nothing is written. The last
/// save wins; a record two windows may change together should implement
/// [`Merge`] and use [`save_merged_record`].
pub fn save_record<T: Serialize + DeserializeOwned>(
    key: &str,
    value: &T,
) -> Result<(), StoreError> {
    guard(key, decode_versioned::<T>)?;
    write(key, &encode_versioned(value))
}

/// Saves a record after merging the stored copy into `value`; returns
/// whether `value` changed (another window had added something).
pub fn save_merged_record<T: Stored>(key: &str, value: &mut T) -> Result<bool, StoreError> {
    let changed = match guard(key, T::decode)? {
        Some(stored) => value.merge_from(&stored),
        None => false,
    };
    write(key, &value.encode())?;
    Ok(changed)
}

/// Loads a record that saves by merging; an unreadable value is moved
/// aside, never lost.
pub fn load_stored<T: Stored>(key: &str) -> LoadedRecord<T> {
    load_with(key, T::decode)
}

/// What is stored under `key` now, without moving anything aside: `None`
/// when nothing is, an error when it cannot be read (the next save moves it
/// aside). For following another window's changes.
pub fn peek<T: Stored>(key: &str) -> Option<Result<T, MigrateError>> {
    read_decoded(key, T::decode)
}

/// Removes a record.
pub fn delete_record(key: &str) {
    remove(key);
}

/// A change another window (tab) of this app made to storage.
pub struct OtherWindowChange {
    /// The key changed; `None` when storage was cleared.
    pub key: Option<String>,
    /// The new value; `None` when it was removed.
    pub value: Option<String>,
}

/// Calls `on_change` for every change another window makes to the app's
/// keys (the browser's `storage` event, and the staff database's messages;
/// a window never gets its own). `on_saved` gets the outcome of every write
/// to the staff database, which only answers after the change was made.
/// Lives as long as the page.
pub fn watch_other_windows(
    on_change: impl Fn(OtherWindowChange) + 'static,
    on_saved: impl Fn(Result<(), StoreError>) + 'static,
) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_change = std::rc::Rc::new(on_change);
    let from_mirror = on_change.clone();
    let listen = backend().map(|b| b.listen);
    listen.inspect(|listen| {
        listen(Box::new(move |event| match event {
            mirror::Event::OtherWindow(key, value) => from_mirror(OtherWindowChange {
                key: Some(key),
                value: value.and_then(|v| v.as_string()),
            }),
            mirror::Event::Written => on_saved(Ok(())),
            mirror::Event::Failed(e) => on_saved(Err(match e {
                super::db::DbError::Full => StoreError::Full,
                super::db::DbError::Unavailable => StoreError::Unavailable,
                _ => StoreError::Other,
            })),
        }))
    });
    let listener =
        Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |event: web_sys::StorageEvent| {
            let key = event.key();
            if key.as_deref().is_some_and(|k| !k.starts_with(KEY_PREFIX)) {
                return;
            }
            (*on_change)(OtherWindowChange {
                key,
                value: event.new_value(),
            });
        });
    let _ = window.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// The keys of every stored record under `prefix` (e.g. all workspaces).
pub fn record_keys(prefix: &str) -> Vec<String> {
    keys_with_prefix(prefix)
}

/// Whether a change to staff data is still on its way to the database.
pub fn saving() -> bool {
    backend().is_some_and(|b| (b.saving)())
}

/// Starts the staff database and moves the staff records that are still in
/// localStorage into it (`ui::mirror`). Loses nothing: a record the
/// database already holds is merged with the one from localStorage by its
/// own rule, and when they cannot be merged the one from localStorage is
/// set aside next to it; values set aside before move with their slots,
/// exactly. A value leaves localStorage only once the database has kept
/// it. When the database cannot be used, staff records stay in
/// localStorage, as before. Returns how many values moved.
pub async fn open_staff_storage() -> Result<usize, StoreError> {
    // The lock applies to localStorage whether or not the database opens.
    SEALER.with(|s| s.set(Some(&LOCK_SEALER)));
    let local: Vec<(String, js_sys::JsString)> = local_keys(KEY_PREFIX)
        .into_iter()
        .filter(|k| staff_key(k))
        .filter_map(|k| {
            let storage: ExactStorage = storage().ok()?.unchecked_into();
            let value = storage.get_item(&k).ok().flatten()?;
            Some((k, value))
        })
        .collect();
    let moving = local.clone();
    let moved = mirror::start(move |values| migrate(moving, values))
        .await
        .map_err(|e| match e {
            super::db::DbError::Full => StoreError::Full,
            _ => StoreError::Unavailable,
        })?;
    BACKEND.with(|b| b.set(Some(&MIRROR_BACKEND)));
    for (key, _) in &local {
        LocalStorage::delete(key);
    }
    Ok(moved.len())
}

/// Puts the values from localStorage into `values` (what the database
/// holds), by the rules of [`open_staff_storage`]; returns the keys changed.
fn migrate(
    local: Vec<(String, js_sys::JsString)>,
    values: &mut std::collections::BTreeMap<String, JsValue>,
) -> Vec<String> {
    let mut changed = Vec::new();
    for (key, value) in local {
        let there = values.get(&key).cloned();
        let Some(there) = there else {
            values.insert(key.clone(), value.into());
            changed.push(key);
            continue;
        };
        if there.dyn_ref::<js_sys::JsString>() == Some(&value) {
            continue;
        }
        // Either too large to read: set aside, never copied out or parsed.
        let max = max_stored_len(&key);
        let readable = there
            .dyn_ref::<js_sys::JsString>()
            .is_some_and(|s| s.length() as usize <= max)
            && value.length() as usize <= max;
        let texts = readable.then(|| (there.as_string(), value.as_string()));
        let combined = match texts {
            Some((Some(mine), Some(theirs))) if quarantined_from(&key).is_none() => {
                combine(&key, &mine, &theirs)
            }
            _ => Combined::SetAside,
        };
        match combined {
            Combined::Same => {}
            Combined::Write(merged) => {
                values.insert(key.clone(), JsValue::from_str(&merged));
                changed.push(key);
            }
            Combined::SetAside => {
                let original = quarantined_from(&key).unwrap_or(&key).to_string();
                let mut slot = 0;
                loop {
                    let candidate = quarantine_key(&original, slot);
                    match values.get(&candidate) {
                        None => {
                            values.insert(candidate.clone(), value.clone().into());
                            changed.push(candidate);
                            break;
                        }
                        Some(v) if v.dyn_ref::<js_sys::JsString>() == Some(&value) => break,
                        Some(_) => slot += 1,
                    }
                }
            }
        }
    }
    changed
}

/// Every staff record under `prefix` as stored text (for a backup).
pub fn staff_records(prefix: &str) -> Vec<(String, String)> {
    keys_with_prefix(prefix)
        .into_iter()
        // One too large to read stays on the device, set aside when it is
        // next read, rather than filling the backup.
        .filter_map(|k| read(&k)?.ok().map(|v| (k, v)))
        .collect()
}

/// The stored text under `key`, as it is (`None` also when it is too
/// large to read: it stays on the device).
pub fn stored_text(key: &str) -> Option<String> {
    read(key)?.ok()
}

/// Stores text a restore (`core::backup::restore`) decided on: what is
/// there and cannot be read is set aside first, never overwritten.
pub fn put_restored(key: &str, stored: &str) -> Result<(), StoreError> {
    if quarantined_from(key).is_none() {
        let unreadable = match read(key) {
            Some(Ok(there)) => unreadable_reason(key, &there).is_some(),
            Some(Err(TooLarge)) => true,
            None => false,
        };
        if unreadable {
            quarantine(key)?;
        }
    }
    write(key, stored)
}
