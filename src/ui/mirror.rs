//! The staff's records in memory, kept in step with the database
//! (`ui::db`) and with the other windows of the app.
//!
//! The screens read and save records at once (`ui::store`, `ui::autosave`),
//! as they did when everything lived in localStorage; IndexedDB only answers
//! later. So the staff app reads every record once at start, and from then
//! on a read is answered from memory and a write changes memory at once and
//! goes to the database shortly after, in one transaction per batch of
//! keys, in the background: the page never waits for the disk, and no task
//! of the page grows with the number of records written at once.
//!
//! Other windows learn of a write through a `BroadcastChannel` (IndexedDB
//! has no `storage` event): the message carries the key and the new value,
//! which the other window takes into its memory before its screens re-read
//! (`ui::autosave` then merges, as before).
//!
//! Values are kept as the JavaScript strings they are, so setting aside
//! copies a value exactly.
//!
//! With a passphrase (`ui::lock`, issue 17) the database and the channel only
//! ever see sealed values of a locked scope's keys: a value is sealed when
//! it is written, and opened when it is read in, while this window holds the
//! scope's key. Memory holds the plain text only while the scope is
//! unlocked; locking seals it again in memory. A locked window keeps other
//! windows' sealed values as they are and takes in no plain text for its
//! locked scopes.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::spawn_local;

use super::db::{Db, DbError, Table};
use super::lock;
use crate::core::lock::{is_sealed, DataKey, Scope};

/// Name of the channel the staff windows tell each other their writes on.
const CHANNEL: &str = "balans-staff";

/// Keys written to the database per transaction: small enough that one
/// batch never holds the page for long, large enough that 10 000 records
/// are written in a hundred transactions.
const BATCH: usize = 100;

/// What a write failure or another window's write is told to.
type Listener = Rc<dyn Fn(Event)>;

/// What the mirror tells the rest of the app.
pub enum Event {
    /// A batch could not be written to the database.
    Failed(DbError),
    /// A batch was written (the failure shown before may go).
    Written,
    /// Another window wrote `key` (`None`: removed).
    OtherWindow(String, Option<JsValue>),
}

/// A value in memory: plain, or sealed while its scope is locked.
enum Held {
    Plain(JsValue),
    Sealed(String),
}

impl Held {
    /// A value as stored or as told by another window.
    fn of_stored(value: JsValue) -> Held {
        match value.as_string() {
            Some(s) if is_sealed(&s) => Held::Sealed(s),
            _ => Held::Plain(value),
        }
    }
}

struct Mirror {
    db: Db,
    values: BTreeMap<String, Held>,
    /// Keys changed in memory and not yet written, in the order they changed
    /// (a value set aside is written before the value that replaces it).
    pending: Vec<String>,
    pending_set: HashSet<String>,
    flushing: bool,
    channel: Option<web_sys::BroadcastChannel>,
    listeners: Vec<Listener>,
}

thread_local! {
    static MIRROR: RefCell<Option<Mirror>> = const { RefCell::new(None) };
}

/// Starts the mirror with what the database holds; `migrate` may add
/// values (from localStorage) before they are written. Returns the keys
/// `migrate` added once they are safely in the database, or why not (then
/// the mirror is not started and staff records stay in localStorage).
pub async fn start(
    migrate: impl FnOnce(&mut BTreeMap<String, JsValue>) -> Vec<String>,
) -> Result<Vec<String>, DbError> {
    let db = super::db::open().await?;
    let mut values: BTreeMap<String, JsValue> =
        db.list(Table::Records).await?.into_iter().collect();
    let moved = migrate(&mut values);
    let changes = moved
        .iter()
        .map(|k| (k.clone(), values.get(k).cloned()))
        .collect();
    db.apply(Table::Records, changes).await?;
    let values = values
        .into_iter()
        .map(|(k, v)| (k, Held::of_stored(v)))
        .collect();
    let channel = web_sys::BroadcastChannel::new(CHANNEL).ok();
    if let Some(channel) = &channel {
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
                take_in_message(event.data())
            });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
    }
    MIRROR.with(|m| {
        *m.borrow_mut() = Some(Mirror {
            db,
            values,
            pending: Vec::new(),
            pending_set: HashSet::new(),
            flushing: false,
            channel,
            listeners: Vec::new(),
        })
    });
    watch_unload();
    Ok(moved)
}

/// Tells `listener` about write failures and other windows' writes.
pub fn listen(listener: impl Fn(Event) + 'static) {
    MIRROR.with(|m| {
        if let Some(m) = m.borrow_mut().as_mut() {
            m.listeners.push(Rc::new(listener));
        }
    });
}

fn tell(event_of: impl Fn() -> Event) {
    let listeners = MIRROR.with(|m| {
        m.borrow()
            .as_ref()
            .map(|m| m.listeners.clone())
            .unwrap_or_default()
    });
    for listener in listeners {
        listener(event_of());
    }
}

/// Whether `key` belongs to a scope locked in this window.
fn locked_key(key: &str) -> bool {
    Scope::of_key(key).is_some_and(lock::is_locked)
}

/// The value under `key`, as the JavaScript value it is (none while its
/// scope is locked).
pub fn get(key: &str) -> Option<JsValue> {
    if locked_key(key) {
        return None;
    }
    MIRROR.with(|m| match m.borrow().as_ref()?.values.get(key)? {
        Held::Plain(v) => Some(v.clone()),
        Held::Sealed(_) => None,
    })
}

/// Sets (`Some`) or removes (`None`) `key`; written to the database shortly.
/// Refused (`false`) while its scope is locked.
pub fn set(key: &str, value: Option<JsValue>) -> bool {
    if locked_key(key) {
        return false;
    }
    let start = MIRROR.with(|m| {
        let mut m = m.borrow_mut();
        let Some(m) = m.as_mut() else {
            return false;
        };
        match value {
            Some(v) => {
                m.values.insert(key.to_string(), Held::Plain(v));
            }
            None => {
                m.values.remove(key);
            }
        }
        if m.pending_set.insert(key.to_string()) {
            m.pending.push(key.to_string());
        }
        mark_saving(true);
        !std::mem::replace(&mut m.flushing, true)
    });
    if start {
        spawn_local(flush());
    }
    true
}

/// Marks `keys` as changed and starts writing them.
fn write_again(keys: Vec<String>) {
    let start = MIRROR.with(|m| {
        let mut m = m.borrow_mut();
        let Some(m) = m.as_mut() else {
            return false;
        };
        for k in keys {
            if m.pending_set.insert(k.clone()) {
                m.pending.push(k);
            }
        }
        if m.pending.is_empty() {
            return false;
        }
        mark_saving(true);
        !std::mem::replace(&mut m.flushing, true)
    });
    if start {
        spawn_local(flush());
    }
}

fn keys_of(m: &Mirror, scope: Scope) -> Vec<String> {
    m.values
        .keys()
        .filter(|k| Scope::of_key(k) == Some(scope))
        .cloned()
        .collect()
}

/// `scope` was just unlocked here: its sealed values are opened into
/// memory, and values still stored plain (from before the passphrase, or a
/// migration cut short) are written again, sealed.
pub fn unlocked(scope: Scope) {
    let Some(key) = lock::key(scope) else {
        return;
    };
    let plain = MIRROR.with(|m| {
        let mut m = m.borrow_mut();
        let Some(m) = m.as_mut() else {
            return Vec::new();
        };
        let mut plain = Vec::new();
        for k in keys_of(m, scope) {
            let Some(held) = m.values.get_mut(&k) else {
                continue;
            };
            match held {
                Held::Sealed(s) => {
                    // A value that does not open stays as it was stored,
                    // so reading it fails and it is set aside, never lost.
                    let v = lock::open_with(&key, &k, s).unwrap_or_else(|_| JsValue::from_str(s));
                    *held = Held::Plain(v);
                }
                Held::Plain(_) => plain.push(k),
            }
        }
        plain
    });
    write_again(plain);
}

/// `scope` is locking here: its values in memory are sealed with `key`
/// (those not written yet are written sealed).
pub fn locked(scope: Scope, key: &DataKey) {
    MIRROR.with(|m| {
        let mut m = m.borrow_mut();
        let Some(m) = m.as_mut() else {
            return;
        };
        for k in keys_of(m, scope) {
            if let Some(held) = m.values.get_mut(&k) {
                if let Held::Plain(v) = held {
                    *held = Held::Sealed(lock::seal_with(key, &k, v));
                }
            }
        }
    });
}

/// A passphrase was just set for `scope`: every value of it is written
/// again, sealed.
pub fn seal_all(scope: Scope) {
    let keys = MIRROR.with(|m| m.borrow().as_ref().map(|m| keys_of(m, scope)));
    write_again(keys.unwrap_or_default());
}

/// Every key starting with `prefix`, sorted.
pub fn keys(prefix: &str) -> Vec<String> {
    MIRROR.with(|m| {
        m.borrow()
            .as_ref()
            .map(|m| {
                m.values
                    .range(prefix.to_string()..)
                    .take_while(|(k, _)| k.starts_with(prefix))
                    .map(|(k, _)| k.clone())
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// Whether some change is not in the database yet.
pub fn saving() -> bool {
    MIRROR.with(|m| m.borrow().as_ref().is_some_and(|m| m.flushing))
}

/// Writes what changed, a batch per transaction, until nothing is pending.
async fn flush() {
    loop {
        let batch = MIRROR.with(|m| {
            let mut m = m.borrow_mut();
            let m = m.as_mut()?;
            if m.pending.is_empty() {
                m.flushing = false;
                return None;
            }
            let take = m.pending.len().min(BATCH);
            let keys: Vec<String> = m.pending.drain(..take).collect();
            for k in &keys {
                m.pending_set.remove(k);
            }
            // The value as it is now: a later change or another window's
            // value taken in since is what gets written.
            // A scope with a passphrase gets only sealed values.
            let changes: Vec<(String, Option<JsValue>)> = keys
                .into_iter()
                .filter_map(|k| {
                    let v = match m.values.get(&k) {
                        None => None,
                        Some(Held::Sealed(s)) => Some(JsValue::from_str(s)),
                        Some(Held::Plain(v)) => match lock::seal_value(&k, v) {
                            Ok(None) => Some(v.clone()),
                            Ok(Some(sealed)) => Some(JsValue::from_str(&sealed)),
                            // Locked, yet plain: a value stored plain before
                            // the passphrase; sealed once unlocked.
                            Err(()) => return None,
                        },
                    };
                    Some((k, v))
                })
                .collect();
            Some((m.db.clone(), changes))
        });
        let Some((db, changes)) = batch else {
            mark_saving(false);
            return;
        };
        match db.apply(Table::Records, changes.clone()).await {
            Ok(()) => {
                broadcast(&changes);
                tell(|| Event::Written);
            }
            Err(e) => {
                // Memory keeps the change (the screen shows it); the keys
                // are written again with the next change.
                MIRROR.with(|m| {
                    if let Some(m) = m.borrow_mut().as_mut() {
                        for (k, _) in &changes {
                            if m.pending_set.insert(k.clone()) {
                                m.pending.push(k.clone());
                            }
                        }
                        m.flushing = false;
                    }
                });
                mark_saving(false);
                tell(|| Event::Failed(e));
                return;
            }
        }
    }
}

/// Tells the other windows what was written: one message per batch, an
/// array of `[key, value or null]`.
fn broadcast(changes: &[(String, Option<JsValue>)]) {
    let channel = MIRROR.with(|m| m.borrow().as_ref().and_then(|m| m.channel.clone()));
    let Some(channel) = channel else {
        return;
    };
    let message = js_sys::Array::new();
    for (k, v) in changes {
        let pair = js_sys::Array::of2(&JsValue::from_str(k), v.as_ref().unwrap_or(&JsValue::NULL));
        message.push(&pair);
    }
    let _ = channel.post_message(&message);
}

/// Takes another window's writes into memory, then tells the screens.
fn take_in_message(data: JsValue) {
    let Ok(message) = data.dyn_into::<js_sys::Array>() else {
        return;
    };
    let mut changed = Vec::new();
    for pair in message.iter() {
        let Ok(pair) = pair.dyn_into::<js_sys::Array>() else {
            continue;
        };
        let Some(key) = pair.get(0).as_string() else {
            continue;
        };
        let value = pair.get(1);
        let value = (!value.is_null() && !value.is_undefined()).then_some(value);
        let scope = Scope::of_key(&key);
        let held = match value {
            None => None,
            Some(v) => match (Held::of_stored(v), scope.and_then(lock::key)) {
                (Held::Sealed(s), Some(data_key)) => Some(Held::Plain(
                    lock::open_with(&data_key, &key, &s).unwrap_or_else(|_| JsValue::from_str(&s)),
                )),
                (Held::Plain(_), _) if scope.is_some_and(lock::is_locked) => continue,
                (held, _) => Some(held),
            },
        };
        let plain = match &held {
            Some(Held::Plain(v)) => Some(v.clone()),
            _ => None,
        };
        let sealed = matches!(held, Some(Held::Sealed(_)));
        MIRROR.with(|m| {
            if let Some(m) = m.borrow_mut().as_mut() {
                match held {
                    Some(h) => {
                        m.values.insert(key.clone(), h);
                    }
                    None => {
                        m.values.remove(&key);
                    }
                }
            }
        });
        // A locked window's screens are behind the lock: nothing to tell.
        if !sealed {
            changed.push((key, plain));
        }
    }
    for (key, value) in changed {
        tell(|| Event::OtherWindow(key.clone(), value.clone()));
    }
}

/// Marks the page while a write is on its way (`data-saving` on `<html>`),
/// for the end-to-end tests and for the question on leaving.
fn mark_saving(on: bool) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = if on {
            root.set_attribute("data-saving", "")
        } else {
            root.remove_attribute("data-saving")
        };
    }
}

/// Asks before the page is left while a write is still on its way (it
/// takes milliseconds, so this is rare; closing then could lose it).
fn watch_unload() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener =
        Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(|event: web_sys::BeforeUnloadEvent| {
            if saving() {
                event.prevent_default();
            }
        });
    let _ =
        window.add_event_listener_with_callback("beforeunload", listener.as_ref().unchecked_ref());
    listener.forget();
}
