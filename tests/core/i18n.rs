//! Every catalogue key the source names exists, so no screen ever shows a
//! bracketed key: in every language, in the same part of the catalogue, and
//! for the citizen app in the parts it carries (common and citizen). Keys are
//! never built with `format!`, so a scan of the source's string literals plus
//! the typed keys of the instrument sees every key a screen can name.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use balans::core::i18n::{catalogue, part_texts, Lang, Part};
use balans::core::instrument::{form_keys, Domain, Missing, Moment, Role, Section, ITEMS, SCALES};

/// The catalogues themselves hold keys as data, not as uses.
fn is_catalogue(path: &Path) -> bool {
    path.starts_with("src/core/i18n/nl") || path.starts_with("src/core/i18n/en")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") && !is_catalogue(&path) {
            out.push(path);
        }
    }
}

fn all_sources() -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.sort();
    files
}

/// String literals of the form `a.b` or `a.b.c` (lowercase, digits, '_').
fn key_like_literals(source: &str) -> Vec<String> {
    source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.contains('.')
                && !s.starts_with('.')
                && !s.ends_with('.')
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
        })
        .map(str::to_string)
        .collect()
}

fn namespaces() -> HashSet<&'static str> {
    catalogue(Lang::Nl)
        .iter()
        .map(|(k, _)| k.split('.').next().unwrap())
        .collect()
}

/// The key literals (of a catalogue namespace) in `files`; with
/// `without_tests`, not those in a file's `#[cfg(test)]` module, which no
/// screen shows.
fn keys_named_in(files: &[PathBuf], without_tests: bool) -> BTreeSet<String> {
    let namespaces = namespaces();
    let mut keys = BTreeSet::new();
    for file in files {
        let mut source = fs::read_to_string(file).unwrap();
        if let Some(tests) = source.find("\n#[cfg(test)]").filter(|_| without_tests) {
            source.truncate(tests);
        }
        for literal in key_like_literals(&source) {
            if namespaces.contains(literal.split('.').next().unwrap()) {
                keys.insert(literal);
            }
        }
    }
    keys
}

#[test]
fn every_key_used_in_the_source_is_in_every_catalogue() {
    let keys: HashSet<&str> = catalogue(Lang::Nl).iter().map(|(k, _)| *k).collect();
    let used = keys_named_in(&all_sources(), false);
    for literal in &used {
        assert!(
            keys.contains(literal.as_str()),
            "key {literal:?} is used but not in the catalogue"
        );
    }
    let checked = used.len();
    assert!(
        checked > 100,
        "only {checked} keys found: the scan is broken"
    );
}

/// A key built at run time (`format!("moment.{}", …)`) escapes the scans
/// above: name it whole, in a typed method such as `Moment::label_key()`.
#[test]
fn no_key_is_built_with_format() {
    for file in all_sources() {
        let source = fs::read_to_string(&file).unwrap();
        for namespace in namespaces() {
            for builder in ["format!(\"", "concat!(\""] {
                let built = format!("{builder}{namespace}.");
                // The instrument's `ids!` macro spells item keys out at
                // compile time; `every_item_key_belongs_to_an_item` checks them.
                let allowed = namespace == "item"
                    && builder.starts_with("concat")
                    && file.ends_with("core/instrument/items.rs");
                assert!(
                    allowed || !source.contains(&built),
                    "{} builds a catalogue key ({built}…): name the whole key in a typed method",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn every_part_has_the_same_keys_in_every_language() {
    for part in Part::ALL {
        let nl: Vec<&str> = part_texts(Lang::Nl, part).iter().map(|(k, _)| *k).collect();
        for lang in Lang::ALL {
            let other: Vec<&str> = part_texts(lang, part).iter().map(|(k, _)| *k).collect();
            assert_eq!(
                nl,
                other,
                "{lang:?} {}.rs must have the keys of nl/{}.rs, in the same order",
                part.file(),
                part.file()
            );
        }
    }
}

#[test]
fn every_item_key_belongs_to_an_item() {
    let mut named = HashSet::new();
    for item in ITEMS {
        for role in Role::ALL.into_iter().filter(|r| item.on_form(*r)) {
            named.insert(item.text_key(role));
            named.extend(item.hint_key(role));
        }
    }
    for lang in Lang::ALL {
        let keys: HashSet<&str> = catalogue(lang).iter().map(|(k, _)| *k).collect();
        for key in &named {
            assert!(keys.contains(key), "{lang:?} lacks {key}");
        }
        // An explanation the item table does not declare would never show.
        for key in keys.iter().filter(|k| k.starts_with("item.")) {
            assert!(
                named.contains(key),
                "{lang:?} {key} belongs to no item (or `hint` is missing in its `ids!`)"
            );
        }
    }
}

/// The source files of the citizen app (`src/main.rs` → `ui::start_citizen`
/// → `CitizenApp`): its screens, what they are built from, and the core
/// modules whose texts they show. Whole files: a staff key in one of them
/// must be in the citizen parts even if only staff use that function, which
/// errs on the safe side.
const CITIZEN_APP: &[&str] = &[
    "src/ui/mod.rs",
    "src/ui/state.rs",
    "src/ui/store.rs",
    "src/ui/db.rs",
    "src/ui/mirror.rs",
    "src/ui/browser/clock.rs",
    "src/ui/browser/mod.rs",
    "src/ui/browser/page.rs",
    "src/ui/browser/use_clipboard.rs",
    "src/ui/browser/use_download.rs",
    "src/ui/browser/use_files.rs",
    "src/ui/browser/use_focus.rs",
    "src/ui/browser/use_persistence.rs",
    "src/ui/browser/use_seal.rs",
    "src/ui/browser/use_share.rs",
    "src/ui/browser/use_update.rs",
    "src/ui/speech.rs",
    "src/ui/pages/mod.rs",
    "src/ui/pages/home.rs",
    "src/ui/pages/invite.rs",
    "src/ui/pages/question.rs",
    "src/ui/pages/review.rs",
    "src/ui/pages/summary.rs",
    "src/ui/pages/send.rs",
    "src/ui/pages/lazy.rs",
    "src/ui/components/mod.rs",
    "src/ui/components/shell.rs",
    "src/ui/components/message.rs",
    "src/ui/components/confirm.rs",
    "src/ui/components/item_input.rs",
    "src/ui/components/chart.rs",
    "src/ui/components/icons.rs",
    "src/ui/components/own_say.rs",
    "src/ui/components/storage.rs",
    "src/core/i18n/mod.rs",
    "src/core/merge.rs",
    "src/core/instrument/",
    "src/core/questionnaire/",
    "src/core/exchange/",
    "src/core/util/",
    "src/core/links/mod.rs",
    "src/core/links/link.rs",
    "src/core/links/demo.rs",
];

/// The UI files only the staff app shows. `pages/professional/mod.rs` lends
/// the send screen `return_path` and `respondent_plan`, which show no text.
const STAFF_UI: &[&str] = &[
    "src/ui/autosave.rs",
    "src/ui/browser/use_file_handle.rs",
    "src/ui/browser/use_workers.rs",
    "src/ui/components/file_drop.rs",
    "src/ui/components/plan_sheet.rs",
    "src/ui/lock.rs",
    "src/ui/pages/lock.rs",
    "src/ui/pages/professional/",
    "src/ui/pages/research/",
];

fn listed(path: &Path, list: &[&str]) -> bool {
    let path = path.to_string_lossy().replace('\\', "/");
    list.iter().any(|entry| {
        if entry.ends_with('/') {
            path.starts_with(entry)
        } else {
            path == *entry
        }
    })
}

#[test]
fn every_ui_file_is_placed_in_the_citizen_app_or_the_staff_app() {
    for file in all_sources() {
        if file.starts_with("src/ui") {
            assert!(
                listed(&file, CITIZEN_APP) != listed(&file, STAFF_UI),
                "{}: list it once, in CITIZEN_APP or STAFF_UI of tests/core/i18n.rs",
                file.display()
            );
        }
    }
}

/// A professional's form reloaded at `/q/…` runs in the citizen app, and
/// every other screen of it too: a key it names outside the common and
/// citizen parts shows as a bracketed key there.
#[test]
fn every_key_a_citizen_app_screen_shows_is_in_the_citizen_parts() {
    let files: Vec<PathBuf> = all_sources()
        .into_iter()
        .filter(|f| listed(f, CITIZEN_APP))
        .collect();
    assert!(
        files.len() > 30,
        "only {} citizen-app files found",
        files.len()
    );
    let mut used: BTreeSet<String> = keys_named_in(&files, true);
    // The typed keys: the instrument's items (both forms run in the
    // citizen app), scales, missing codes, sections, moments, languages.
    for item in ITEMS {
        for role in Role::ALL.into_iter().filter(|r| item.on_form(*r)) {
            used.insert(item.text_key(role).to_string());
            used.extend(item.hint_key(role).map(str::to_string));
        }
    }
    for role in Role::ALL {
        for scale in SCALES {
            used.extend(scale.options_for(role).iter().map(|(_, k)| k.to_string()));
        }
        used.extend(
            Missing::ALL
                .iter()
                .map(|m| m.label_key_for(role).to_string()),
        );
        used.extend(Section::ALL.iter().map(|s| s.title_key(role).to_string()));
        used.extend(Domain::ALL.iter().map(|d| d.heading_key(role).to_string()));
        used.extend(form_keys(role).iter().map(|k| k.to_string()));
    }
    used.extend(Moment::ALL.iter().map(|m| m.label_key().to_string()));
    used.extend(Lang::ALL.iter().map(|l| l.name_key().to_string()));

    for lang in Lang::ALL {
        let citizen: HashSet<&str> = Part::ALL
            .into_iter()
            .filter(|p| p.in_citizen_app())
            .flat_map(|p| part_texts(lang, p).iter().map(|(k, _)| *k))
            .collect();
        let outside: Vec<&String> = used
            .iter()
            .filter(|k| !citizen.contains(k.as_str()))
            .collect();
        assert!(
            outside.is_empty(),
            "a citizen-app screen names {outside:?}, which {lang:?} keeps outside common.rs and citizen.rs"
        );
    }
    assert!(
        used.len() > 300,
        "only {} keys found: the scan is broken",
        used.len()
    );
}

/// What the split is for: the staff parts hold the staff's sentences, and
/// the citizen app carries none of them.
#[test]
fn the_staff_parts_hold_the_staff_screens_texts() {
    for lang in Lang::ALL {
        let staff: HashSet<&str> = Part::ALL
            .into_iter()
            .filter(|p| !p.in_citizen_app())
            .flat_map(|p| part_texts(lang, p).iter().map(|(k, _)| *k))
            .collect();
        for key in [
            "interview.q.approach.goals",
            "research.analysis.title",
            "pro.invite.title",
            "plan.title",
        ] {
            assert!(staff.contains(key), "{lang:?} {key} should be a staff text");
        }
    }
}

/// Issue 12: citizens read "1 december 2026", not "2026-12-01".
#[test]
fn dates_are_written_in_words_in_each_language() {
    use balans::core::i18n::{long_date, long_day, month_key};
    // 2026-12-01T10:00:00Z
    let ms = 1_796_119_200_000;
    assert_eq!(long_date(Lang::Nl, ms), "1 december 2026");
    assert_eq!(long_date(Lang::En, ms), "1 December 2026");
    assert_eq!(long_date(Lang::Nl, 0), "1 januari 1970");
    assert_eq!(long_day(Lang::Nl, "2024-02-29"), "29 februari 2024");
    assert_eq!(long_day(Lang::En, "2026-03-07"), "7 March 2026");
    // Not a day: shown as typed, never a panic.
    assert_eq!(long_day(Lang::Nl, "2026-13-01"), "2026-13-01");
    assert_eq!(long_day(Lang::Nl, "morgen"), "morgen");
    assert_eq!(long_day(Lang::Nl, "2026-é1-01"), "2026-é1-01");
    assert_eq!(month_key(0), None);
    assert_eq!(month_key(13), None);
    for m in 1..=12 {
        let key = month_key(m).unwrap();
        for lang in Lang::ALL {
            assert!(balans::core::i18n::has_text(lang, key), "{key}");
        }
    }
}
