//! The one way a stored record open on a screen is saved: the questionnaire
//! (through [`AppState::change`]), the support plan, the interview notes and
//! the professional's workspace.
//!
//! The open copy in memory is the source of truth while the screen is open.
//! Every change is made to it and saved at once; the save first merges what
//! is stored (another window may have saved since), so neither window undoes
//! the other ([`save`]). When another window saves, the open copy takes that
//! in too ([`take_in`]), so the screen shows it without a reload. A failed
//! save is shown by the app frame and the change stays on screen. How two
//! copies merge is each record's own rule ([`Merge`](crate::core::merge::Merge)).

use std::convert::Infallible;

use leptos::prelude::*;

use super::state::AppState;
use super::store::{self, LoadedRecord, Stored};

/// A record being edited, saved the moment it changes and following what
/// other windows save under its key.
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
    T: Stored + Send + Sync + 'static,
{
    /// Opens the record under `key`, or starts `fresh()` when there is none
    /// (it is stored with its first change, not before).
    pub fn open(key: String, state: AppState, fresh: impl FnOnce() -> T) -> Opened<T> {
        let (value, set_aside) = match store::load_stored::<T>(&key) {
            LoadedRecord::Found(value) => (value, false),
            LoadedRecord::Absent => (fresh(), false),
            LoadedRecord::Quarantined(_) => (fresh(), true),
        };
        Opened {
            record: Autosaved::new(key, value, state),
            set_aside,
        }
    }

    /// Edits `value`, already read (or just made and saved), under `key`.
    /// Follows other windows for as long as the view that calls it lives.
    pub fn new(key: String, value: T, state: AppState) -> Self {
        let record = Autosaved {
            value: RwSignal::new(value),
            key: StoredValue::new(key),
            state,
        };
        // Every change another window makes to storage counts up the
        // revision; then what is stored under this key is merged in.
        Effect::watch(
            move || state.storage_revision.get(),
            move |_, _, _| record.follow(),
            false,
        );
        record
    }

    /// Applies `f` to a copy; when it succeeds, the copy is saved and shown.
    /// A refused change leaves record and storage as they were.
    pub fn change<R, E>(&self, f: impl FnOnce(&mut T) -> Result<R, E>) -> Result<R, E> {
        let mut next = self.value.get_untracked();
        let out = f(&mut next)?;
        self.key.with_value(|key| save(self.state, key, &mut next));
        self.value.set(next);
        Ok(out)
    }

    /// Like [`Autosaved::change`], for a change that cannot be refused.
    pub fn update<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        match self.change(|value| Ok::<R, Infallible>(f(value))) {
            Ok(out) => out,
            Err(never) => match never {},
        }
    }

    /// Takes in what another window stored. A record removed elsewhere stays
    /// on screen and is stored again with its next change (no screen removes
    /// these records yet; a removed respondent is a marker inside the
    /// workspace, which the merge respects).
    fn follow(&self) {
        let mut open = self.value.get_untracked();
        let key = self.key.get_value();
        if take_in(self.state, &key, &mut open) == Followed::Merged {
            self.value.set(open);
        }
    }
}

/// Saves `value` under `key`, first merging in what is stored there, so
/// that `value` (the open copy) also shows what another window changed. The
/// outcome goes to the app frame: a failure is shown until a save succeeds,
/// and a change brought in from elsewhere is told.
pub fn save<T: Stored>(state: AppState, key: &str, value: &mut T) {
    match store::save_merged_record(key, value) {
        Ok(merged) => {
            if merged {
                state.notice.set(Some(T::OTHER_WINDOW));
            }
            state.report(Ok(()));
        }
        Err(e) => state.report(Err(e)),
    }
}

/// What another window's save meant for the open copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Followed {
    /// Nothing new (or nothing readable: the next save moves that aside).
    Unchanged,
    /// The open copy took in a change; the screen should show it.
    Merged,
    /// Nothing is stored under the key any more.
    Deleted,
}

/// Merges what is stored under `key` into `value`, the open copy, after
/// another window saved; tells the person when that brought in a change.
/// When the open copy knows something the stored one lacks (a save of this
/// window that failed earlier), it is saved now.
pub fn take_in<T: Stored>(state: AppState, key: &str, value: &mut T) -> Followed {
    let theirs = match store::peek::<T>(key) {
        None => return Followed::Deleted,
        // Unreadable text is left to the next save, which moves it aside.
        Some(Err(_)) => return Followed::Unchanged,
        Some(Ok(theirs)) => theirs,
    };
    let merged = value.merge_from(&theirs);
    if merged {
        state.notice.set(Some(T::OTHER_WINDOW));
    }
    if theirs.clone().merge_from(value) {
        save(state, key, value);
    }
    if merged {
        Followed::Merged
    } else {
        Followed::Unchanged
    }
}
