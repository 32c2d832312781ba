//! Staff data locked at rest (issue 17): a random data key seals every
//! stored record that describes a citizen; the data key itself is kept only
//! wrapped, twice, in a small readable lock header.
//!
//! - **Records** are sealed with XChaCha20-Poly1305 (`chacha20poly1305`), a
//!   fresh random 24-byte nonce per write, and the storage key as associated
//!   data: a sealed value copied under another key does not open, so records
//!   cannot be swapped unnoticed.
//! - **The data key** is wrapped (a) by the passphrase, as an age file to an
//!   scrypt recipient with work factor [`PASSPHRASE_WORK_FACTOR`], and (b) to
//!   the workspace's (or study's) own X25519 key, so that the key backup file
//!   alone unlocks everything and lets the person choose a new passphrase.
//!   The passphrase is derived once per unlock, never per record.
//! - **The header** ([`LockHeader`], format [`LOCK_FORMAT`]) holds both wraps
//!   and only what the lock screen shows: the study's name and the display
//!   name.
//!
//! Why not home-made: the cipher, the key derivation and the wrapping are
//! kept crates (`chacha20poly1305`, `age`'s scrypt and X25519 recipients);
//! this module only decides what goes where. The UI decides which keys are
//! sealed (`ui::mirror`, `ui::store`) and how text becomes bytes.

use std::io::{Read, Write};

use age::secrecy::SecretString;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};

use crate::core::error::{display_as_problem, Problem};

/// Version of the lock header's format. One constant: a newer header is
/// refused ([`LockError::Newer`]), never misread.
pub const LOCK_FORMAT: u32 = 1;

/// Start of every sealed value, with the format version; a stored value
/// without it is plain (from before the lock, to be sealed on migration).
pub const SEALED_PREFIX: &str = "balans-sealed-1:";

/// Prefix of the lock headers' storage keys: `balans.lock.<scope>`.
pub const LOCK_PREFIX: &str = "balans.lock.";

/// scrypt work factor (N = 2^15, r = 8, p = 1: 32 MiB) of the passphrase
/// wrap. Measured in headless Chromium 156 on this project's 2-core machine
/// (`tests/e2e/lock.spec.mjs` prints it from `<html data-derive-ms>`):
/// 242 ms, 383 ms while other builds loaded the machine; the unlock runs it
/// once.
pub const PASSPHRASE_WORK_FACTOR: u8 = 15;

/// Highest work factor a header may ask for: a damaged or hostile header
/// cannot make the unlock run for minutes.
const MAX_WORK_FACTOR: u8 = 20;

/// Shortest passphrase accepted, in characters.
pub const MIN_PASSPHRASE: usize = 8;

const NONCE_LEN: usize = 24;

/// Whose data a lock covers: the professional's workspace or the
/// researcher's kept data, each with a passphrase of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Workspaces, imports, plans, the professional's own forms, backups.
    Professional,
    /// Kept imports, interview notes, the kept study key.
    Research,
}

impl Scope {
    /// Both scopes.
    pub const ALL: [Scope; 2] = [Scope::Professional, Scope::Research];

    /// Storage key of this scope's lock header.
    pub fn header_key(self) -> &'static str {
        match self {
            Scope::Professional => "balans.lock.pro",
            Scope::Research => "balans.lock.research",
        }
    }

    /// The scope whose data key seals the record under `key`, if any. A
    /// value set aside belongs to the scope of the key it came from.
    pub fn of_key(key: &str) -> Option<Scope> {
        let key = crate::core::questionnaire::quarantined_from(key).unwrap_or(key);
        if key.starts_with(LOCK_PREFIX) {
            None
        } else if key.starts_with("balans.pro.") || key.starts_with("balans.q.") {
            Some(Scope::Professional)
        } else if key.starts_with("balans.research.") {
            Some(Scope::Research)
        } else {
            None
        }
    }
}

/// The random key that seals the records. Only in memory, never stored
/// unwrapped.
#[derive(Clone, PartialEq, Eq)]
pub struct DataKey([u8; 32]);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(…)")
    }
}

impl DataKey {
    /// A new key from the system's random source.
    pub fn generate() -> Self {
        let key = XChaCha20Poly1305::generate_key(&mut OsRng);
        let mut bytes = [0u8; 32];
        bytes.copy_from_slice(&key);
        DataKey(bytes)
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&self.0).into())
    }
}

/// The associated data of a value stored under `storage_key`: the key it
/// belongs under. A value set aside (`balans.quarantine.<key>…`) keeps the
/// key it came from, so a set-aside copy opens where it was moved to, and a
/// value moved to any other key does not.
fn associated(storage_key: &str) -> &str {
    crate::core::questionnaire::quarantined_from(storage_key).unwrap_or(storage_key)
}

/// Whether a stored value is sealed.
pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(SEALED_PREFIX)
}

/// Seals `plaintext` for storage under `storage_key`.
pub fn seal(key: &DataKey, storage_key: &str, plaintext: &[u8]) -> String {
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let payload = Payload {
        msg: plaintext,
        aad: associated(storage_key).as_bytes(),
    };
    // Encryption into a Vec fails only when the message exceeds the
    // cipher's limit (256 GiB), which no stored record comes near.
    let sealed = key.cipher().encrypt(&nonce, payload).unwrap_or_default();
    let mut bytes = Vec::with_capacity(NONCE_LEN + sealed.len());
    bytes.extend_from_slice(&nonce);
    bytes.extend_from_slice(&sealed);
    format!("{SEALED_PREFIX}{}", B64.encode(bytes))
}

/// Opens a value sealed under `storage_key`: refused when it was changed,
/// sealed under another key or with another data key.
pub fn open(key: &DataKey, storage_key: &str, sealed: &str) -> Result<Vec<u8>, LockError> {
    let body = sealed
        .strip_prefix(SEALED_PREFIX)
        .ok_or(LockError::Damaged)?;
    let bytes = B64.decode(body).map_err(|_| LockError::Damaged)?;
    if bytes.len() < NONCE_LEN {
        return Err(LockError::Damaged);
    }
    let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
    key.cipher()
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad: associated(storage_key).as_bytes(),
            },
        )
        .map_err(|_| LockError::Damaged)
}

/// Why a lock could not be opened or a record could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LockError {
    /// The passphrase does not open this lock.
    WrongPassphrase,
    /// The key file is not the one of this workspace or study.
    WrongKeyFile,
    /// The lock header or a sealed record was changed or cut short.
    Damaged,
    /// The header was written by a newer version of Balans.
    Newer,
}

impl Problem for LockError {
    fn message_key(&self) -> &'static str {
        match self {
            LockError::WrongPassphrase => "lock.error.wrong_passphrase",
            LockError::WrongKeyFile => "lock.error.wrong_key_file",
            LockError::Damaged => "lock.error.damaged",
            LockError::Newer => "lock.error.newer",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            LockError::WrongPassphrase => "lock.hint.wrong_passphrase",
            LockError::WrongKeyFile => "lock.hint.wrong_key_file",
            LockError::Damaged => "lock.hint.damaged",
            LockError::Newer => "lock.hint.newer",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            LockError::WrongPassphrase => "wrong_passphrase",
            LockError::WrongKeyFile => "wrong_key_file",
            LockError::Damaged => "damaged",
            LockError::Newer => "newer",
        }
    }
}

/// Why a new passphrase was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PassphraseError {
    /// Shorter than [`MIN_PASSPHRASE`] characters.
    TooShort,
    /// The two fields differ.
    Differs,
    /// The key the data key is wrapped to is not a valid age key.
    BadKey,
}

impl Problem for PassphraseError {
    fn message_key(&self) -> &'static str {
        match self {
            PassphraseError::TooShort => "lock.error.too_short",
            PassphraseError::Differs => "lock.error.differs",
            PassphraseError::BadKey => "lock.error.bad_key",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            PassphraseError::TooShort => "lock.hint.too_short",
            PassphraseError::Differs => "lock.hint.differs",
            PassphraseError::BadKey => "lock.hint.bad_key",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            PassphraseError::TooShort => "too_short",
            PassphraseError::Differs => "differs",
            PassphraseError::BadKey => "bad_key",
        }
    }
}

display_as_problem!(LockError, PassphraseError);

/// Checks a new passphrase and its repetition.
pub fn check_passphrase(passphrase: &str, again: &str) -> Result<(), PassphraseError> {
    if passphrase.chars().count() < MIN_PASSPHRASE {
        return Err(PassphraseError::TooShort);
    }
    if passphrase != again {
        return Err(PassphraseError::Differs);
    }
    Ok(())
}

/// The lock of one scope, stored readable under [`Scope::header_key`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockHeader {
    /// [`LOCK_FORMAT`] of the version that wrote it.
    pub format: u32,
    /// Shown on the lock screen: the study's name.
    pub study_name: String,
    /// Shown on the lock screen: the professional's display name (empty
    /// for the researcher).
    pub display_name: String,
    /// The age public keys the data key is wrapped to (`age1…`): every
    /// workspace's key on the device, or the study's. Any one of their key
    /// files opens the lock.
    pub public_keys: Vec<String>,
    /// The data key as a binary age file to the passphrase, base64.
    pub by_passphrase: String,
    /// The data key as a binary age file to [`Self::public_keys`], base64.
    pub by_key: String,
}

fn age_encrypt<'a>(
    recipients: impl Iterator<Item = &'a dyn age::Recipient>,
    plaintext: &[u8],
) -> Option<Vec<u8>> {
    let encryptor = age::Encryptor::with_recipients(recipients).ok()?;
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out).ok()?;
    writer.write_all(plaintext).ok()?;
    writer.finish().ok()?;
    Some(out)
}

fn age_decrypt(
    file: &str,
    identity: &dyn age::Identity,
    refused: LockError,
) -> Result<DataKey, LockError> {
    let bytes = B64.decode(file).map_err(|_| LockError::Damaged)?;
    let decryptor = age::Decryptor::new(&bytes[..]).map_err(|_| LockError::Damaged)?;
    let mut reader = decryptor
        .decrypt(std::iter::once(identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys | age::DecryptError::DecryptionFailed => refused,
            _ => LockError::Damaged,
        })?;
    let mut key = Vec::new();
    reader
        .read_to_end(&mut key)
        .map_err(|_| LockError::Damaged)?;
    let bytes: [u8; 32] = key.try_into().map_err(|_| LockError::Damaged)?;
    Ok(DataKey(bytes))
}

fn passphrase_file(passphrase: &str, work_factor: u8, key: &DataKey) -> Option<String> {
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_string()));
    recipient.set_work_factor(work_factor.clamp(1, MAX_WORK_FACTOR));
    age_encrypt(std::iter::once(&recipient as &dyn age::Recipient), &key.0).map(|f| B64.encode(f))
}

fn key_file(key: &DataKey, public_keys: &[String]) -> Result<String, PassphraseError> {
    let recipients = public_keys
        .iter()
        .map(|k| k.parse::<age::x25519::Recipient>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| PassphraseError::BadKey)?;
    if recipients.is_empty() {
        return Err(PassphraseError::BadKey);
    }
    age_encrypt(recipients.iter().map(|r| r as &dyn age::Recipient), &key.0)
        .map(|f| B64.encode(f))
        .ok_or(PassphraseError::BadKey)
}

impl LockHeader {
    /// Locks `key` by `passphrase` (at `work_factor`, normally
    /// [`PASSPHRASE_WORK_FACTOR`]) and to each of `public_keys`.
    pub fn new(
        key: &DataKey,
        passphrase: &str,
        work_factor: u8,
        public_keys: &[String],
        study_name: &str,
        display_name: &str,
    ) -> Result<Self, PassphraseError> {
        let by_key = key_file(key, public_keys)?;
        let by_passphrase =
            passphrase_file(passphrase, work_factor, key).ok_or(PassphraseError::BadKey)?;
        Ok(LockHeader {
            format: LOCK_FORMAT,
            study_name: study_name.to_string(),
            display_name: display_name.to_string(),
            public_keys: public_keys.to_vec(),
            by_passphrase,
            by_key,
        })
    }

    /// The same lock with a new passphrase (after unlocking with the key
    /// file, or to change it): the data key stays, so every record stays
    /// readable.
    pub fn with_passphrase(
        &self,
        key: &DataKey,
        passphrase: &str,
        work_factor: u8,
    ) -> Result<Self, PassphraseError> {
        let by_passphrase =
            passphrase_file(passphrase, work_factor, key).ok_or(PassphraseError::BadKey)?;
        Ok(LockHeader {
            by_passphrase,
            ..self.clone()
        })
    }

    /// The same lock, also opened by the key file of each of
    /// `public_keys` (a workspace added since).
    pub fn with_public_keys(
        &self,
        key: &DataKey,
        public_keys: &[String],
    ) -> Result<Self, PassphraseError> {
        Ok(LockHeader {
            by_key: key_file(key, public_keys)?,
            public_keys: public_keys.to_vec(),
            ..self.clone()
        })
    }

    /// The data key, by the passphrase (one scrypt derivation).
    pub fn unlock(&self, passphrase: &str) -> Result<DataKey, LockError> {
        let mut identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_string()));
        identity.set_max_work_factor(MAX_WORK_FACTOR);
        age_decrypt(&self.by_passphrase, &identity, LockError::WrongPassphrase)
    }

    /// The data key, by the key file's secret key.
    pub fn unlock_with_identity(
        &self,
        identity: &age::x25519::Identity,
    ) -> Result<DataKey, LockError> {
        age_decrypt(&self.by_key, identity, LockError::WrongKeyFile)
    }

    /// The data key, by the text of a key file (as `age-keygen` writes it,
    /// or the workspace's key backup).
    pub fn unlock_with_key_file(&self, text: &str) -> Result<DataKey, LockError> {
        let identity =
            crate::core::keys::parse_identity(text).map_err(|_| LockError::WrongKeyFile)?;
        self.unlock_with_identity(&identity)
    }

    /// The stored text.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored header; a newer format is refused.
    pub fn from_text(text: &str) -> Result<Self, LockError> {
        #[derive(Deserialize)]
        struct Format {
            format: u32,
        }
        let format: Format = serde_json::from_str(text).map_err(|_| LockError::Damaged)?;
        if format.format > LOCK_FORMAT {
            return Err(LockError::Newer);
        }
        serde_json::from_str(text).map_err(|_| LockError::Damaged)
    }
}
