//! A stored record open on a screen and saved the moment it changes, like
//! the questionnaires: the support plan and the interview notes.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::state::AppState;
use super::store::{self, LoadedRecord};
use crate::core::merge::Merge;

/// A record being edited: the signal is the source of truth while the
/// screen is open; every change is saved at once, after merging what another
/// window stored (so neither undoes the other).
pub struct Autosaved<T: Send + Sync + 'static> {
    /// The record as it is now.
    pub value: RwSignal<T>,
    key: StoredValue<String>,
    state: AppState,
}

impl<T: Send + Sync + 'static> Clone for Autosaved<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Autosaved<T> {}

/// What opening a record found.
pub struct Opened<T: Send + Sync + 'static> {
    /// The record, or a fresh one.
    pub record: Autosaved<T>,
    /// Whether a stored value could not be read and was set aside (the
    /// screen says so; the fresh record never overwrites it).
    pub set_aside: bool,
}

impl<T> Autosaved<T>
where
    T: Clone + Serialize + DeserializeOwned + Merge + Send + Sync + 'static,
{
    /// Opens the record under `key`, or starts `fresh()` when there is none
    /// (it is stored with its first change, not before).
    pub fn open(key: String, state: AppState, fresh: impl FnOnce() -> T) -> Opened<T> {
        let (value, set_aside) = match store::load_record::<T>(&key) {
            LoadedRecord::Found(value) => (value, false),
            LoadedRecord::Absent => (fresh(), false),
            LoadedRecord::Quarantined(_) => (fresh(), true),
        };
        Opened {
            record: Autosaved {
                value: RwSignal::new(value),
                key: StoredValue::new(key),
                state,
            },
            set_aside,
        }
    }

    /// Applies `f` to a copy; when it succeeds, the copy is saved and shown.
    /// A refused change leaves record and storage as they were. A failed
    /// save is shown by the app frame and the change stays on screen.
    pub fn change<R, E>(&self, f: impl FnOnce(&mut T) -> Result<R, E>) -> Result<R, E> {
        let mut next = self.value.get_untracked();
        let out = f(&mut next)?;
        match store::save_merged_record(&self.key.get_value(), &mut next) {
            Ok(merged) => {
                if merged {
                    self.state.notice.set(Some("storage.other_window"));
                }
                self.state.report(Ok(()));
            }
            Err(e) => self.state.report(Err(e)),
        }
        self.value.set(next);
        Ok(out)
    }
}
