//! Merging two copies of one stored record, so that two windows (or a
//! restore) never lose each other's changes.
//!
//! Lives here, below every record type, so that the questionnaire, the plan,
//! the interview notes and the workspace can all implement [`Merge`] without
//! importing each other. What does not live here: how a record is stored
//! (`questionnaire::schema`) or saved at once (the UI's autosave).

use crate::core::util::Millis;

/// A stored record that two windows may change at the same time. Instead of
/// the last save winning, a save first merges what is stored into the copy
/// in memory.
pub trait Merge {
    /// Brings in what `stored` knows and `self` does not; returns whether
    /// `self` changed.
    fn merge_from(&mut self, stored: &Self) -> bool;
}

/// The one last-write-wins rule of every merge: whether the other copy's
/// value (changed at `theirs_at`) replaces mine (changed at `mine_at`).
///
/// The later change wins. On the same millisecond the greater tie-break key
/// wins, so that every window, merging in either order, picks the same value;
/// equal keys keep mine. Each record chooses a key that orders its values
/// totally (e.g. the value's JSON text, or a note's length and text).
pub fn later_wins<K: Ord + ?Sized>(
    mine_at: Millis,
    mine_key: &K,
    theirs_at: Millis,
    theirs_key: &K,
) -> bool {
    theirs_at > mine_at || (theirs_at == mine_at && theirs_key > mine_key)
}
