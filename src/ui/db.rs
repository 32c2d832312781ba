//! The staff's database: the browser's IndexedDB, through the `idb` crate.
//!
//! A small asynchronous API (get, put, delete, list, and several changes in
//! one transaction) per [`Table`]. Nothing above this module knows it is
//! IndexedDB, so a later layer (a passphrase lock) can wrap these functions
//! and encrypt every value on its way in and out.
//!
//! Why IndexedDB for staff data: localStorage holds 5–10 MB per site and
//! blocks the page while it writes; a year of a professional's study work
//! or a whole study's imported files does not fit. IndexedDB holds hundreds
//! of megabytes, writes without blocking the page and commits a transaction
//! as a whole. Citizens' questionnaires stay in localStorage (small, saved
//! at once, and the citizen app opens them without this database).
//!
//! Values are JavaScript values as they are: the stored text of a record is
//! kept as the JavaScript string it was, so a value set aside is copied
//! exactly (also text that is not valid UTF-16).

use idb::{
    Database, DatabaseEvent, Error as IdbError, Factory, ObjectStoreParams, TransactionMode,
};
use wasm_bindgen::{JsCast, JsValue};

use crate::core::error::{display_as_problem, Problem};

/// Name of the database.
const DB_NAME: &str = "balans-staff";

/// Version of the database's layout (its tables), not of the records in it:
/// those carry their own `schema` (`core::questionnaire::schema`).
const DB_VERSION: u32 = 1;

/// A table of the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    /// Stored records by their storage key (`balans.pro.w.…`, …), each the
    /// text `core::questionnaire::schema` encodes.
    Records,
    /// Browser objects that are not text: the file a workspace is saved to
    /// (a `FileSystemFileHandle`), by workspace key.
    Handles,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Records => "records",
            Table::Handles => "handles",
        }
    }
}

/// Why the database could not be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DbError {
    /// The browser offers no IndexedDB here (blocked, some private modes).
    Unavailable,
    /// The browser refused to keep more.
    Full,
    /// Any other failure.
    Other,
}

impl Problem for DbError {
    fn message_key(&self) -> &'static str {
        match self {
            DbError::Full => "storage.error.full",
            DbError::Unavailable => "storage.error.unavailable",
            DbError::Other => "storage.error.other",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            DbError::Full => "storage.error.full_hint",
            DbError::Unavailable => "storage.error.unavailable_hint",
            DbError::Other => "storage.error.other_hint",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            DbError::Full => "full",
            DbError::Unavailable => "unavailable",
            DbError::Other => "other",
        }
    }
}

display_as_problem!(DbError);

/// Sorts an error of the database by what the person can do about it.
fn classify(error: IdbError) -> DbError {
    let name = match &error {
        IdbError::DomException(e) => e.name(),
        IdbError::IndexedDbNotFound(_) | IdbError::IndexedDbOpenFailed(_) => {
            return DbError::Unavailable
        }
        // The crate wraps the browser's exception (or the failed request
        // that holds it) in a variant per call: a full quota thrown by
        // `put` arrives as `UpdateFailed`, not as `DomException`.
        IdbError::AddFailed(v)
        | IdbError::UpdateFailed(v)
        | IdbError::DeleteFailed(v)
        | IdbError::TransactionOpenFailed(v)
        | IdbError::TransactionCommitError(v)
        | IdbError::TransactionAbortError(v)
        | IdbError::UnexpectedJsType(_, v) => dom_name(v).unwrap_or_default(),
        _ => String::new(),
    };
    by_name(&name)
}

/// The name of a `DOMException`, or of the one a failed request holds.
fn dom_name(value: &JsValue) -> Option<String> {
    if let Some(e) = value.dyn_ref::<web_sys::DomException>() {
        return Some(e.name());
    }
    js_sys::Reflect::get(value, &JsValue::from_str("error"))
        .ok()?
        .dyn_into::<web_sys::DomException>()
        .ok()
        .map(|e| e.name())
}

/// Sorts a `DOMException` by its name.
fn by_name(name: &str) -> DbError {
    match name {
        "QuotaExceededError" => DbError::Full,
        "SecurityError" | "InvalidStateError" => DbError::Unavailable,
        _ => DbError::Other,
    }
}

/// The open database.
#[derive(Clone, Debug)]
pub struct Db {
    db: std::rc::Rc<Database>,
}

/// Opens the database, making its tables the first time.
pub async fn open() -> Result<Db, DbError> {
    let factory = Factory::new().map_err(|_| DbError::Unavailable)?;
    let mut request = factory
        .open(DB_NAME, Some(DB_VERSION))
        .map_err(|_| DbError::Unavailable)?;
    request.on_upgrade_needed(|event| {
        let Ok(db) = event.database() else {
            return;
        };
        for table in [Table::Records, Table::Handles] {
            if !db.store_names().iter().any(|n| n == table.name()) {
                let _ = db.create_object_store(table.name(), ObjectStoreParams::new());
            }
        }
    });
    let db = request.await.map_err(classify)?;
    Ok(Db {
        db: std::rc::Rc::new(db),
    })
}

impl Db {
    /// The value under `key`, if any.
    pub async fn get(&self, table: Table, key: &str) -> Result<Option<JsValue>, DbError> {
        let tx = self
            .db
            .transaction(&[table.name()], TransactionMode::ReadOnly)
            .map_err(classify)?;
        let store = tx.object_store(table.name()).map_err(classify)?;
        let value = store
            .get(JsValue::from_str(key))
            .map_err(classify)?
            .await
            .map_err(classify)?;
        Ok(value)
    }

    /// Puts `value` under `key`.
    pub async fn put(&self, table: Table, key: &str, value: &JsValue) -> Result<(), DbError> {
        self.apply(table, vec![(key.to_string(), Some(value.clone()))])
            .await
    }

    /// Removes `key`.
    pub async fn delete(&self, table: Table, key: &str) -> Result<(), DbError> {
        self.apply(table, vec![(key.to_string(), None)]).await
    }

    /// Every key and value of the table, sorted by key.
    pub async fn list(&self, table: Table) -> Result<Vec<(String, JsValue)>, DbError> {
        let tx = self
            .db
            .transaction(&[table.name()], TransactionMode::ReadOnly)
            .map_err(classify)?;
        let store = tx.object_store(table.name()).map_err(classify)?;
        // Both requests run in one transaction, so keys and values belong
        // together, each in key order.
        // Both requests are made before either is awaited, so the
        // transaction cannot finish in between.
        let keys = store.get_all_keys(None, None).map_err(classify)?;
        let values = store.get_all(None, None).map_err(classify)?;
        let keys = keys.await.map_err(classify)?;
        let values = values.await.map_err(classify)?;
        Ok(keys
            .into_iter()
            .zip(values)
            .filter_map(|(k, v)| k.as_string().map(|k| (k, v)))
            .collect())
    }

    /// Writes (`Some`) or removes (`None`) every key in one transaction:
    /// all of them are kept, or none.
    pub async fn apply(
        &self,
        table: Table,
        changes: Vec<(String, Option<JsValue>)>,
    ) -> Result<(), DbError> {
        if changes.is_empty() {
            return Ok(());
        }
        let tx = self
            .db
            .transaction(&[table.name()], TransactionMode::ReadWrite)
            .map_err(classify)?;
        let store = tx.object_store(table.name()).map_err(classify)?;
        for (key, value) in changes {
            let key = JsValue::from_str(&key);
            // The requests are not awaited one by one: the transaction
            // commits once all of them are done, or aborts as a whole.
            match value {
                Some(value) => {
                    store.put(&value, Some(&key)).map_err(classify)?;
                }
                None => {
                    store.delete(key).map_err(classify)?;
                }
            }
        }
        // A full quota usually shows at commit: the transaction aborts and
        // its `error` says why (the future itself only says "aborted").
        let same = store.transaction();
        match tx.await.map_err(classify)? {
            idb::TransactionResult::Committed => Ok(()),
            idb::TransactionResult::Aborted => {
                Err(same.error().map_or(DbError::Other, |e| by_name(&e.name())))
            }
        }
    }
}
