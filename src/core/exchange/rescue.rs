//! Rescue files: a stored value this version could not read, encrypted to
//! the readers its own invitation names, so that nothing a citizen gave is
//! lost even when the device cannot read it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::envelope::{encrypt_bytes, ExportError, APP_VERSION};
use crate::core::error::{display_as_problem, Problem};
use crate::core::keys::is_valid_public_key;
use crate::core::questionnaire::{MigrateError, KEY_PREFIX, QUESTIONNAIRE_PREFIX};
use crate::core::util::{date, iso8601, slug, Millis};

/// What a rescue file holds: a stored value this version could not read,
/// exactly as it was found, so that the researcher can recover it by hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rescue {
    /// Always [`RESCUE_FORMAT`].
    pub format: String,
    /// Rescue format version ([`RESCUE_VERSION`]).
    pub version: u32,
    /// The app version that made the file.
    pub app_version: String,
    /// The key the value was stored under.
    pub key: String,
    /// Why it could not be read ([`MigrateError::code`]).
    pub reason: String,
    /// When the file was made (ISO 8601 UTC).
    pub exported_at: String,
    /// The stored text, unchanged.
    pub stored: String,
}

/// Value of a rescue file's `format` field.
pub const RESCUE_FORMAT: &str = "balans-rescue";

/// The rescue format version this app writes.
pub const RESCUE_VERSION: u32 = 1;

/// Why a rescue file could not be made.
#[derive(Debug)]
#[non_exhaustive]
pub enum RescueError {
    /// The value names nobody who may read it (no researcher key found), so
    /// it cannot be encrypted for anyone; it stays on the device.
    NoReaders,
    /// Encryption failed.
    Encrypt(ExportError),
}

impl Problem for RescueError {
    fn message_key(&self) -> &'static str {
        match self {
            RescueError::NoReaders => "storage.rescue.no_readers",
            RescueError::Encrypt(e) => e.message_key(),
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            RescueError::NoReaders => "storage.rescue.hint.no_readers",
            RescueError::Encrypt(e) => e.hint_key(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            RescueError::NoReaders => "no_readers",
            RescueError::Encrypt(e) => e.code(),
        }
    }
}

display_as_problem!(RescueError);

/// The age public keys a set-aside value may be encrypted to: the readers
/// its own invitation names (every key of the study and, when the
/// invitation says so, the professional). Only questionnaires name their
/// readers, so other records give none.
///
/// A value that is still JSON is read by position (`invitation.s.k`, one
/// key or a list, and `invitation.p`). Text that is cut off or damaged is
/// searched for the literal `"k":"age1…"`, `"k":["age1…",…]` and
/// `"p":"age1…"`: inside a JSON string a quote is always escaped, so an
/// answer typed by someone cannot fake these.
pub fn rescue_readers(key: &str, stored: &str) -> Vec<String> {
    if !key.starts_with(QUESTIONNAIRE_PREFIX) {
        return Vec::new();
    }
    let mut keys: Vec<String> = match serde_json::from_str::<Value>(stored) {
        Ok(value) => ["/invitation/s/k", "/invitation/p"]
            .iter()
            .filter_map(|path| value.pointer(path))
            .flat_map(|v| match v {
                Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
                other => other.as_str().into_iter().collect::<Vec<_>>(),
            })
            .map(str::to_string)
            .collect(),
        Err(_) => {
            let mut found: Vec<String> = Vec::new();
            if let Some(start) = stored.find("\"k\":[") {
                let rest = &stored[start + 5..];
                let list = &rest[..rest.find(']').unwrap_or(rest.len())];
                found.extend(
                    list.split(',')
                        .map(|k| k.trim().trim_matches('"').to_string()),
                );
            }
            found.extend(["\"k\":\"", "\"p\":\""].iter().filter_map(|field| {
                let start = stored.find(field)? + field.len();
                let rest = &stored[start..];
                let end = rest.find('"')?;
                Some(rest[..end].to_string())
            }));
            found
        }
    };
    keys.retain(|k| is_valid_public_key(k));
    let mut seen = Vec::new();
    keys.retain(|k| {
        let new = !seen.contains(k);
        seen.push(k.clone());
        new
    });
    keys
}

/// A rescue file before it is encrypted: what [`rescue_file`] seals, for a
/// caller that seals elsewhere (the citizen app loads `age` as a module of
/// its own, see `ui::seal`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RescueDraft {
    /// The [`Rescue`] JSON.
    pub plaintext: Vec<u8>,
    /// The age public keys to encrypt it to, never empty.
    pub readers: Vec<String>,
    /// The file's name.
    pub name: String,
}

/// The rescue file of a set-aside value, not yet encrypted.
pub fn rescue_draft(
    key: &str,
    stored: &str,
    reason: &MigrateError,
    now: Millis,
) -> Result<RescueDraft, RescueError> {
    let readers = rescue_readers(key, stored);
    if readers.is_empty() {
        return Err(RescueError::NoReaders);
    }
    let rescue = Rescue {
        format: RESCUE_FORMAT.to_string(),
        version: RESCUE_VERSION,
        app_version: APP_VERSION.to_string(),
        key: key.to_string(),
        reason: reason.code().to_string(),
        exported_at: iso8601(now),
        stored: stored.to_string(),
    };
    let plaintext = serde_json::to_vec_pretty(&rescue).expect("rescue files always serialize");
    let name = format!(
        "balans_rescue_{}_{}.age",
        date(now),
        slug(key.trim_start_matches(KEY_PREFIX))
    );
    Ok(RescueDraft {
        plaintext,
        readers,
        name,
    })
}

/// Makes the rescue file of a set-aside value: the [`Rescue`] JSON,
/// encrypted with age to [`rescue_readers`]; returns the armored file and
/// its name. The text is never offered unencrypted.
pub fn rescue_file(
    key: &str,
    stored: &str,
    reason: &MigrateError,
    now: Millis,
) -> Result<(String, String), RescueError> {
    let draft = rescue_draft(key, stored, reason, now)?;
    let recipients: Vec<&str> = draft.readers.iter().map(String::as_str).collect();
    let armored = encrypt_bytes(&draft.plaintext, &recipients).map_err(RescueError::Encrypt)?;
    Ok((armored, draft.name))
}
