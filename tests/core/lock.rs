//! The lock at rest (issue 17): records sealed with the data key, the data
//! key wrapped by the passphrase and by the workspace's key.

use balans::core::keys::{generate_identity, identity_file, public_key};
use balans::core::lock::{
    check_passphrase, is_sealed, open, seal, DataKey, LockError, LockHeader, PassphraseError,
    Scope, LOCK_FORMAT,
};

/// A low work factor keeps the tests fast; the app uses
/// `PASSPHRASE_WORK_FACTOR`.
const FAST: u8 = 10;

fn header() -> (DataKey, age::x25519::Identity, LockHeader) {
    let identity = generate_identity();
    let key = DataKey::generate();
    let header = LockHeader::new(
        &key,
        "lange zin van woorden",
        FAST,
        &[public_key(&identity)],
        "Balans Utrecht",
        "Anne",
    )
    .unwrap();
    (key, identity, header)
}

#[test]
fn a_record_round_trips_and_its_text_is_not_readable() {
    let key = DataKey::generate();
    let text = r#"{"answers":{"a1":"mijn buurvrouw helpt"}}"#;
    let sealed = seal(&key, "balans.pro.c.x", text.as_bytes());
    assert!(is_sealed(&sealed));
    assert!(!sealed.contains("buurvrouw"));
    assert_eq!(
        open(&key, "balans.pro.c.x", &sealed).unwrap(),
        text.as_bytes()
    );
    // A fresh nonce per write: the same record seals differently each time.
    assert_ne!(sealed, seal(&key, "balans.pro.c.x", text.as_bytes()));
}

#[test]
fn a_tampered_moved_or_foreign_record_is_refused() {
    let key = DataKey::generate();
    let sealed = seal(&key, "balans.pro.c.x", b"answers");
    // Moved to another key.
    assert_eq!(
        open(&key, "balans.pro.c.y", &sealed),
        Err(LockError::Damaged)
    );
    // One character of the ciphertext changed.
    let mut tampered: Vec<char> = sealed.chars().collect();
    let i = tampered.len() - 5;
    tampered[i] = if tampered[i] == 'A' { 'B' } else { 'A' };
    let tampered: String = tampered.into_iter().collect();
    assert_eq!(
        open(&key, "balans.pro.c.x", &tampered),
        Err(LockError::Damaged)
    );
    // Cut short, and not sealed at all.
    assert_eq!(
        open(&key, "balans.pro.c.x", &sealed[..20]),
        Err(LockError::Damaged)
    );
    assert_eq!(
        open(&key, "balans.pro.c.x", "answers"),
        Err(LockError::Damaged)
    );
    // Another data key.
    assert_eq!(
        open(&DataKey::generate(), "balans.pro.c.x", &sealed),
        Err(LockError::Damaged)
    );
}

#[test]
fn the_passphrase_unlocks_and_a_wrong_one_is_refused() {
    let (key, _, header) = header();
    let read = LockHeader::from_text(&header.to_text()).unwrap();
    assert_eq!(read.unlock("lange zin van woorden").unwrap(), key);
    assert_eq!(
        read.unlock("lange zin van woorde"),
        Err(LockError::WrongPassphrase)
    );
    // The header shows the lock screen's names, never the key.
    let text = header.to_text();
    assert!(text.contains("Balans Utrecht") && text.contains("Anne"));
    assert!(!text.contains("AGE-SECRET-KEY"));
    assert!(!text.contains("lange zin"));
    assert_eq!(read.format, LOCK_FORMAT);
}

#[test]
fn the_key_file_unlocks_and_another_is_refused() {
    let (key, identity, header) = header();
    let file = identity_file(&identity, 0, "bewaar dit bestand");
    assert_eq!(header.unlock_with_key_file(&file).unwrap(), key);
    let other = identity_file(&generate_identity(), 0, "x");
    assert_eq!(
        header.unlock_with_key_file(&other),
        Err(LockError::WrongKeyFile)
    );
    assert_eq!(
        header.unlock_with_key_file("geen sleutel"),
        Err(LockError::WrongKeyFile)
    );
}

#[test]
fn a_new_passphrase_keeps_every_record_readable() {
    let (key, identity, header) = header();
    let sealed = seal(&key, "balans.pro.p.w.R-1", b"plan");
    // Forgotten: the key file gives the data key, a new passphrase wraps it.
    let from_file = header.unlock_with_identity(&identity).unwrap();
    let renewed = header
        .with_passphrase(&from_file, "een nieuwe zin", FAST)
        .unwrap();
    let again = renewed.unlock("een nieuwe zin").unwrap();
    assert_eq!(
        open(&again, "balans.pro.p.w.R-1", &sealed).unwrap(),
        b"plan"
    );
    assert_eq!(
        renewed.unlock("lange zin van woorden"),
        Err(LockError::WrongPassphrase)
    );
    // The key file still opens the renewed lock.
    assert_eq!(renewed.unlock_with_identity(&identity).unwrap(), key);
    // A second workspace's key added: both key files open it.
    let second = generate_identity();
    let both = renewed
        .with_public_keys(&key, &[public_key(&identity), public_key(&second)])
        .unwrap();
    assert_eq!(both.unlock_with_identity(&second).unwrap(), key);
    assert_eq!(both.unlock_with_identity(&identity).unwrap(), key);
    assert_eq!(both.unlock("een nieuwe zin").unwrap(), key);
}

#[test]
fn a_damaged_or_newer_header_is_refused() {
    let (_, _, header) = header();
    assert_eq!(LockHeader::from_text("{"), Err(LockError::Damaged));
    let mut newer = header.clone();
    newer.format = LOCK_FORMAT + 1;
    assert_eq!(
        LockHeader::from_text(&newer.to_text()),
        Err(LockError::Newer)
    );
    let mut cut = header.clone();
    cut.by_passphrase.truncate(40);
    assert_eq!(cut.unlock("lange zin van woorden"), Err(LockError::Damaged));
}

#[test]
fn the_stored_version_1_header_still_opens() {
    let text = std::fs::read_to_string("tests/fixtures/lock/header_v1.json").unwrap();
    let header = LockHeader::from_text(&text).unwrap();
    let key = header.unlock("lange zin van woorden").unwrap();
    let sealed = std::fs::read_to_string("tests/fixtures/lock/record_v1.txt").unwrap();
    assert_eq!(
        open(&key, "balans.pro.c.fixture", sealed.trim()).unwrap(),
        b"{\"fixture\":true}"
    );
}

#[test]
fn new_passphrases_are_checked() {
    assert_eq!(
        check_passphrase("kort", "kort"),
        Err(PassphraseError::TooShort)
    );
    assert_eq!(
        check_passphrase("lang genoeg", "lang genoeg!"),
        Err(PassphraseError::Differs)
    );
    assert_eq!(check_passphrase("lang genoeg", "lang genoeg"), Ok(()));
}

#[test]
fn each_stored_key_belongs_to_its_scope() {
    assert_eq!(Scope::of_key("balans.pro.w.1"), Some(Scope::Professional));
    assert_eq!(
        Scope::of_key("balans.pro.p.w.R-1"),
        Some(Scope::Professional)
    );
    assert_eq!(Scope::of_key("balans.q.abc"), Some(Scope::Professional));
    assert_eq!(
        Scope::of_key("balans.quarantine.balans.pro.c.x"),
        Some(Scope::Professional)
    );
    assert_eq!(Scope::of_key("balans.research.data"), Some(Scope::Research));
    assert_eq!(Scope::of_key("balans.lock.pro"), None);
    assert_eq!(Scope::of_key("balans.settings"), None);
}
