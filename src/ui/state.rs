//! The one typed app-state context, read through [`use_app_state`].

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::autosave::{self, Followed};
use super::browser;
use super::store::{self, Loaded, OtherWindowChange, StoreError};
use crate::core::i18n::{text, text_with, Lang};
use crate::core::questionnaire::{questionnaire_key, Questionnaire, Settings, SETTINGS_KEY};

/// Class on `<html>` that scales the whole layout up.
const LARGE_TEXT_CLASS: &str = "large-text";

/// State shared by every screen. Children take only the handles they need.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The language the app speaks now.
    pub lang: RwSignal<Lang>,
    /// Device settings as stored.
    pub settings: RwSignal<Settings>,
    /// The last storage failure, shown until the next successful save.
    pub storage_problem: RwSignal<Option<StoreError>>,
    /// A one-off message (catalogue key) shown at the top of the next screen.
    pub notice: RwSignal<Option<&'static str>>,
    /// The questionnaire that is open. It is the source of truth while open;
    /// storage is where it is kept, so a failed save never loses an answer.
    pub current: RwSignal<Option<Questionnaire>>,
    /// Whether the browser promised to keep the app's data (`None`: it
    /// cannot say, or has not answered yet).
    pub persistent: RwSignal<Option<bool>>,
    /// A new version of the app is installed and waits for a reload.
    pub update_waiting: RwSignal<bool>,
    /// "Update now" was pressed but the new version did not take over.
    pub update_stalled: RwSignal<bool>,
    /// Counts changes other windows made to stored data, so lists re-read.
    pub storage_revision: RwSignal<u32>,
    /// The id of an open questionnaire that is never stored: a citizen's
    /// form filled in together on the professional's device (issue 13), so
    /// a professional's tablet keeps no client's answers in the citizen
    /// app's storage. It lives in this window until its file is made.
    pub transient: RwSignal<Option<String>>,
}

impl AppState {
    /// Reads the stored settings and sets up the state; called once at start.
    pub fn load() -> Self {
        let settings = store::load_settings();
        // Dutch first: the invitation or the person may switch to English.
        let lang = settings.lang.unwrap_or_default();
        browser::set_document_lang(lang.code());
        browser::set_root_class(LARGE_TEXT_CLASS, settings.large_text);
        super::speech::prime_voices();
        let storage_problem = store::probe().err();
        // Values a newer version wrote, set aside by an older window before
        // this version was installed, go back where they belong.
        store::restore_set_aside();
        // Records kept under a lower-case respondent code move to the key
        // of the upper-case code (schema 4); a no-op once done.
        store::rekey_lowercase_codes();
        let state = AppState {
            lang: RwSignal::new(lang),
            settings: RwSignal::new(settings),
            storage_problem: RwSignal::new(storage_problem),
            notice: RwSignal::new(None),
            current: RwSignal::new(None),
            persistent: RwSignal::new(None),
            update_waiting: RwSignal::new(browser::update_waiting()),
            update_stalled: RwSignal::new(false),
            storage_revision: RwSignal::new(0),
            transient: RwSignal::new(None),
        };
        let persistent = state.persistent;
        spawn_local(async move { persistent.set(browser::storage_persisted().await.ok()) });
        let update_waiting = state.update_waiting;
        browser::on_update_waiting(move || update_waiting.set(true));
        let update_stalled = state.update_stalled;
        browser::on_update_stalled(move || update_stalled.set(true));
        state
    }

    /// Asks the browser to keep the app's data for good and shows its
    /// answer. Called on the person's action (some browsers ask them).
    pub fn request_persistence(&self) {
        let persistent = self.persistent;
        spawn_local(async move {
            if let Ok(answer) = browser::request_persistence().await {
                persistent.set(Some(answer));
            }
        });
    }

    /// Follows what other windows of the app change in storage: the open
    /// questionnaire merges their answers (and tells the person), lists
    /// re-read, a language choice carries over. `on_deleted` runs when the
    /// open questionnaire was deleted in another window.
    pub fn watch_other_windows(&self, on_deleted: impl Fn() + 'static) {
        let state = *self;
        store::watch_other_windows(
            move |change| state.other_window_changed(change, &on_deleted),
            move |saved| state.report(saved),
        );
    }

    fn other_window_changed(&self, change: OtherWindowChange, on_deleted: &dyn Fn()) {
        self.storage_revision.update(|n| *n = n.wrapping_add(1));
        let Some(key) = change.key else {
            return;
        };
        if key == SETTINGS_KEY {
            let settings = store::load_settings();
            if let Some(lang) = settings.lang {
                self.lang.set(lang);
                browser::set_document_lang(lang.code());
            }
            self.settings.set(settings);
            return;
        }
        let Some(mut open) = self.current.get_untracked() else {
            return;
        };
        if questionnaire_key(&open.id) != key {
            return;
        }
        // The questionnaire follows other windows like every autosaved
        // record; only its deletion also leaves the screen.
        match autosave::take_in(*self, &key, &mut open) {
            Followed::Merged => self.current.set(Some(open)),
            Followed::Unchanged => {}
            Followed::Deleted => {
                self.current.set(None);
                self.notice.set(Some("storage.deleted_elsewhere"));
                on_deleted();
            }
        }
    }

    /// The text for `key` in the current language (reactive inside closures).
    pub fn t(&self, key: &str) -> String {
        text(self.lang.get(), key)
    }

    /// The text for `key` with placeholders filled in.
    pub fn tw(&self, key: &str, args: &[(&str, &str)]) -> String {
        text_with(self.lang.get(), key, args)
    }

    /// How a household member is named on screen: their role in the
    /// reader's language with its number ("Kind 2"), or an older label that
    /// is not a role as it is.
    pub fn member_name(&self, label: &str) -> String {
        match crate::core::professional::member_display(label) {
            Some((key, Some(n))) => format!("{} {n}", self.t(key)),
            Some((key, None)) => self.t(key),
            None => label.to_string(),
        }
    }

    /// "Gezinslid: Kind 2".
    pub fn member_label(&self, label: &str) -> String {
        self.tw("member.label", &[("member", &self.member_name(label))])
    }

    /// Switches the language and remembers the choice.
    pub fn choose_lang(&self, lang: Lang) {
        self.lang.set(lang);
        browser::set_document_lang(lang.code());
        self.settings.update(|s| s.lang = Some(lang));
        self.report(store::save_settings(&self.settings.get_untracked()));
    }

    /// Switches the larger-text option and remembers it.
    pub fn toggle_large_text(&self) {
        self.settings.update(|s| s.large_text = !s.large_text);
        let settings = self.settings.get_untracked();
        browser::set_root_class(LARGE_TEXT_CLASS, settings.large_text);
        self.report(store::save_settings(&settings));
    }

    /// Uses the invitation's language unless the person chose one before.
    pub fn suggest_lang(&self, lang: Lang) {
        if self.settings.get_untracked().lang.is_none() {
            self.lang.set(lang);
            browser::set_document_lang(lang.code());
        }
    }

    /// Records the outcome of a save: a failure is shown, a success clears it.
    pub fn report(&self, result: Result<(), StoreError>) {
        match result {
            Ok(()) => {
                if self.storage_problem.get_untracked().is_some() {
                    self.storage_problem.set(None);
                }
            }
            Err(e) => self.storage_problem.set(Some(e)),
        }
    }

    /// Opens the questionnaire `id`: the one already open, else from storage.
    /// Returns the storage outcome when it had to be read.
    pub fn open(&self, id: &str) -> Option<Loaded> {
        if self
            .current
            .with_untracked(|c| c.as_ref().is_some_and(|q| q.id == id))
        {
            return None;
        }
        let loaded = store::load_questionnaire(id);
        if let Loaded::Found(q) = &loaded {
            self.current.set(Some((**q).clone()));
        } else {
            self.current.set(None);
        }
        Some(loaded)
    }

    /// Whether `id` is the open form filled in together on this device and
    /// its consent is not given yet: its questions wait (issue 13).
    pub fn needs_consent(&self, id: &str) -> bool {
        self.transient.with_untracked(|t| t.as_deref() == Some(id))
            && self.current.with_untracked(|c| {
                c.as_ref()
                    .is_some_and(|q| q.id == id && q.consent.is_none())
            })
    }

    /// Changes the open questionnaire and saves it at once, the one way
    /// every record is saved (`ui::autosave`): the save first merges what
    /// another window stored, so neither undoes the other; the person is
    /// told when that brought in a change.
    pub fn change(&self, f: impl FnOnce(&mut Questionnaire)) {
        let Some(mut q) = self.current.get_untracked() else {
            return;
        };
        f(&mut q);
        let transient = self
            .transient
            .with_untracked(|t| t.as_deref() == Some(q.id.as_str()));
        if !transient {
            autosave::save(*self, &questionnaire_key(&q.id), &mut q);
        }
        self.current.set(Some(q));
    }
}

/// The app state provided at the root.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

/// Now, from the browser clock (re-exported for pages).
pub fn now() -> crate::core::util::Millis {
    browser::now()
}
