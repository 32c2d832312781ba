//! The age X25519 keys of a study and a workspace: making a key pair, its
//! public and secret text, the key file `age-keygen` writes, and reading one
//! back. One place for every key, so that what may leave the device (the
//! public key) and what may not (the secret key) is decided here.
//!
//! Encrypting and decrypting files lives in `exchange`; this module only
//! knows keys.

use age::secrecy::ExposeSecret;

use crate::core::error::{display_as_problem, Problem};
use crate::core::util::{iso8601, Millis};

/// A new age X25519 key pair from the system's random source.
pub fn generate_identity() -> age::x25519::Identity {
    age::x25519::Identity::generate()
}

/// The public key (`age1…`) of a secret key.
pub fn public_key(identity: &age::x25519::Identity) -> String {
    identity.to_public().to_string()
}

/// The secret key itself (`AGE-SECRET-KEY-1…`), for the key file and, only
/// when the researcher asks, the device's storage.
pub fn secret_key_text(identity: &age::x25519::Identity) -> String {
    identity.to_string().expose_secret().to_string()
}

/// The secret key file, in the format `age-keygen` writes, so `age -i`,
/// `rage -i` and this app all read it:
///
/// ```text
/// # created: 2026-05-04T10:00:00Z
/// # public key: age1…
/// # <comment>
/// AGE-SECRET-KEY-1…
/// ```
///
/// `comment` (one line, e.g. "keep this file safe") is written as a comment.
pub fn identity_file(identity: &age::x25519::Identity, created: Millis, comment: &str) -> String {
    key_file_text(
        created,
        &public_key(identity),
        &secret_key_text(identity),
        comment,
    )
}

/// [`identity_file`] from the key's text forms (as a workspace stores them).
pub fn key_file_text(created: Millis, public_key: &str, secret_key: &str, comment: &str) -> String {
    let comment: String = comment
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!(
        "# created: {}\n# public key: {}\n# {}\n{}\n",
        iso8601(created),
        public_key,
        comment.trim(),
        secret_key
    )
}

/// Why a secret key could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyError {
    /// No `AGE-SECRET-KEY-1…` line in the text.
    NoKey,
    /// A line looks like a key but is not valid.
    Invalid,
}

impl Problem for KeyError {
    fn message_key(&self) -> &'static str {
        match self {
            KeyError::NoKey => "key.error.none",
            KeyError::Invalid => "key.error.invalid",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            KeyError::NoKey => "key.hint.none",
            KeyError::Invalid => "key.hint.invalid",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            KeyError::NoKey => "no_key",
            KeyError::Invalid => "invalid",
        }
    }
}

display_as_problem!(KeyError);

/// Reads an age identity from a key file's text (as written by `age-keygen`:
/// comment lines, then `AGE-SECRET-KEY-1…`).
pub fn parse_identity(text: &str) -> Result<age::x25519::Identity, KeyError> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .ok_or(KeyError::NoKey)?;
    line.parse().map_err(|_| KeyError::Invalid)
}

/// Whether `key` is a valid age X25519 public key: Bech32 (not Bech32m)
/// with the prefix `age` and 32 bytes, as `age::x25519::Recipient` parses it.
///
/// With the `bech32` crate alone, not `age`: the citizen app checks every
/// link's keys when it opens one, and this keeps `age` (sealing lives in a
/// module of its own, loaded later) out of its first download. A test holds
/// it to age's own parser.
pub fn is_valid_public_key(key: &str) -> bool {
    use bech32::primitives::decode::CheckedHrpstring;
    const AGE: bech32::Hrp = bech32::Hrp::parse_unchecked("age");
    CheckedHrpstring::new::<bech32::Bech32>(key)
        .is_ok_and(|parsed| parsed.hrp() == AGE && parsed.byte_iter().len() == 32)
}
