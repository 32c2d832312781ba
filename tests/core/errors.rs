//! Every error in the core reads as a message plus a hint in both languages,
//! and has a code of its own (issue 11: "every error with a hint").
//!
//! The variants are listed by hand: the enums are `#[non_exhaustive]`, so a
//! test outside the crate cannot match them exhaustively. A new variant gets
//! its message, hint and code from exhaustive matches inside the crate; add it
//! here too so its texts are checked.

use std::collections::HashSet;

use balans::core::error::Problem;
use balans::core::exchange::{ExportError, ImportError, RescueError};
use balans::core::i18n::{has_text, text, Lang};
use balans::core::keys::KeyError;
use balans::core::links::{LinkError, QrError, RespondentCodeError, StudyError, StudyFileError};
use balans::core::lock::{LockError, PassphraseError};
use balans::core::plan::PlanError;
use balans::core::professional::{
    AddRespondentError, MemberError, NameError, WorkspaceImportError,
};
use balans::core::questionnaire::{AnswerError, MigrateError};
use balans::core::research::NoteError;

/// One enum's variants, by the enum's name.
fn every_error() -> Vec<(&'static str, Vec<Box<dyn Problem>>)> {
    fn boxed<P: Problem + 'static>(list: Vec<P>) -> Vec<Box<dyn Problem>> {
        list.into_iter()
            .map(|p| Box::new(p) as Box<dyn Problem>)
            .collect()
    }
    let import = || {
        vec![
            ImportError::NotAge,
            ImportError::NotForThisKey,
            ImportError::Damaged,
            ImportError::NotBalans,
            ImportError::NewerVersion { found: 9 },
        ]
    };
    let code = || {
        vec![
            RespondentCodeError::Length,
            RespondentCodeError::Characters,
            RespondentCodeError::NoDigit,
        ]
    };
    let mut workspace_import: Vec<WorkspaceImportError> = import()
        .into_iter()
        .map(WorkspaceImportError::File)
        .collect();
    workspace_import.extend([
        WorkspaceImportError::NoKey,
        WorkspaceImportError::NotCitizen,
        WorkspaceImportError::OtherStudy,
        WorkspaceImportError::UnknownRespondent {
            found: "R-0107".into(),
        },
        WorkspaceImportError::OtherRespondent {
            found: "R-0107".into(),
        },
    ]);
    let mut add_respondent: Vec<AddRespondentError> =
        code().into_iter().map(AddRespondentError::Code).collect();
    add_respondent.push(AddRespondentError::Exists);
    // One code for a bad respondent in a link, whatever is wrong with it.
    let link = vec![
        LinkError::Missing,
        LinkError::NotBalans,
        LinkError::NewerVersion { found: 9 },
        LinkError::Damaged,
        LinkError::BadKey,
        LinkError::BadRespondent(RespondentCodeError::NoDigit),
    ];
    vec![
        (
            "LockError",
            boxed(vec![
                LockError::WrongPassphrase,
                LockError::WrongKeyFile,
                LockError::Damaged,
                LockError::Newer,
            ]),
        ),
        (
            "PassphraseError",
            boxed(vec![
                PassphraseError::TooShort,
                PassphraseError::Differs,
                PassphraseError::BadKey,
            ]),
        ),
        (
            "AnswerError",
            boxed(vec![
                AnswerError::UnknownItem("x".into()),
                AnswerError::DoesNotFit("x".into()),
            ]),
        ),
        (
            "MigrateError",
            boxed(vec![
                MigrateError::Corrupt,
                MigrateError::FutureVersion { found: 9 },
                MigrateError::Invalid,
                MigrateError::TooLarge,
            ]),
        ),
        (
            "NoteError",
            boxed(vec![NoteError::UnknownQuestion, NoteError::TooLong]),
        ),
        (
            "RescueError",
            boxed(vec![
                RescueError::NoReaders,
                RescueError::Encrypt(ExportError::Encrypt),
            ]),
        ),
        (
            "ExportError",
            boxed(vec![
                ExportError::BadRecipient("age1x".into()),
                ExportError::NoRecipients,
                ExportError::Encrypt,
            ]),
        ),
        ("ImportError", boxed(import())),
        ("KeyError", boxed(vec![KeyError::NoKey, KeyError::Invalid])),
        (
            "NameError",
            boxed(vec![NameError::Empty, NameError::TooLong]),
        ),
        ("AddRespondentError", boxed(add_respondent)),
        (
            "MemberError",
            boxed(vec![
                MemberError::Empty,
                MemberError::TooLong,
                MemberError::Characters,
                MemberError::Exists,
                MemberError::NoRespondent,
            ]),
        ),
        ("WorkspaceImportError", boxed(workspace_import)),
        (
            "PlanError",
            boxed(vec![
                PlanError::NoSuchGoal,
                PlanError::NoSuchStep,
                PlanError::NotAFollowUp,
                PlanError::UnknownIntervention,
                PlanError::TooMany,
                PlanError::TooLong,
                PlanError::BadDate,
            ]),
        ),
        ("QrError", boxed(vec![QrError::TooLong])),
        (
            "StudyError",
            boxed(vec![
                StudyError::NoName,
                StudyError::NameTooLong,
                StudyError::NoContact,
                StudyError::ContactTooLong,
                StudyError::ConsentTooLong,
                StudyError::ControlCharacter,
                StudyError::BadKey,
            ]),
        ),
        (
            "StudyFileError",
            boxed(vec![
                StudyFileError::NotStudyFile,
                StudyFileError::NewerVersion { found: 9 },
                StudyFileError::Invalid,
            ]),
        ),
        ("LinkError", boxed(link)),
        ("RespondentCodeError", boxed(code())),
    ]
}

#[test]
fn every_error_has_a_message_and_a_hint_in_both_languages() {
    let mut checked = 0;
    for (name, errors) in every_error() {
        for e in &errors {
            for lang in Lang::ALL {
                for key in [e.message_key(), e.hint_key()] {
                    assert!(
                        has_text(lang, key),
                        "{name}::{}: {key:?} is not in the {lang:?} catalogue",
                        e.code()
                    );
                }
                assert!(!e.message(lang).contains('{'), "{name}: unfilled {{}}");
                assert!(!e.hint(lang).contains('{'), "{name}: unfilled {{}}");
            }
            // A hint that only repeats the message tells nobody what to do.
            assert_ne!(e.message_key(), e.hint_key(), "{name}::{}", e.code());
            checked += 1;
        }
    }
    // Guards against the list above going missing.
    assert_eq!(every_error().len(), 19, "one entry per core error enum");
    assert!(checked >= 60, "only {checked} variants checked");
}

#[test]
fn codes_are_short_snake_case_and_unique_per_enum() {
    for (name, errors) in every_error() {
        let mut seen = HashSet::new();
        for e in &errors {
            let code = e.code();
            assert!(
                !code.is_empty()
                    && code.len() <= 24
                    && code
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{name}: code {code:?} is not short snake_case"
            );
            assert!(seen.insert(code), "{name}: code {code:?} is used twice");
        }
    }
}

#[test]
fn display_is_the_english_message_and_hint() {
    // What `balans-tool` prints.
    let e = ImportError::Damaged;
    assert_eq!(
        e.to_string(),
        format!(
            "{} {}",
            text(Lang::En, "import.error.damaged"),
            text(Lang::En, "import.hint.damaged")
        )
    );
    for (name, errors) in every_error() {
        for e in &errors {
            let shown = e.to_string();
            assert!(
                shown.starts_with(&e.message(Lang::En)) && shown.ends_with(&e.hint(Lang::En)),
                "{name}::{}: {shown}",
                e.code()
            );
        }
    }
}

#[test]
fn placeholders_are_filled_from_the_error() {
    let e = WorkspaceImportError::OtherRespondent {
        found: "R-0107".into(),
    };
    assert!(e.message(Lang::Nl).contains("R-0107"));
    assert!(e.hint(Lang::En).contains("R-0107"));
    assert!(e.to_string().contains("R-0107"));
}

#[test]
fn stored_and_tested_codes_did_not_change() {
    // Rescue files carry MigrateError's code; the outcome table and its
    // e2e tests use these import codes.
    assert_eq!(MigrateError::Corrupt.code(), "corrupt");
    assert_eq!(
        MigrateError::FutureVersion { found: 3 }.code(),
        "future_version"
    );
    assert_eq!(MigrateError::Invalid.code(), "invalid");
    assert_eq!(MigrateError::TooLarge.code(), "too_large");
    assert_eq!(ImportError::NotForThisKey.code(), "wrong_key");
    assert_eq!(ImportError::Damaged.code(), "damaged");
    assert_eq!(ImportError::NewerVersion { found: 3 }.code(), "newer");
    assert_eq!(ImportError::NotBalans.code(), "not_balans");
}
