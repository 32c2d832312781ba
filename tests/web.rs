//! Browser tests (wasm-bindgen-test in headless Chromium): the one module
//! that touches localStorage, with real storage and a real quota; the
//! browser wrappers in `ui::browser`; and components mounted on their own.
#![cfg(target_arch = "wasm32")]

use balans::core::i18n::Lang;
use balans::core::instrument::{Answer, Role};
use balans::core::links::demo_invitation;
use balans::core::plan::{plan_key, Plan};
use balans::core::questionnaire::{decode_questionnaire, encode_questionnaire, Questionnaire};
use balans::ui::store::{self, Loaded, LoadedRecord, StoreError};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn sample(respondent: &str) -> Questionnaire {
    let mut invitation = demo_invitation(Lang::Nl);
    invitation.respondent = respondent.into();
    let mut q = Questionnaire::new(invitation, Role::Citizen, 1_000);
    q.set_answer("net.talk", Some(Answer::Value(4)), 2_000)
        .unwrap();
    q
}

/// Component tests, in the manner of Leptos' own examples: mount one
/// component with `mount_to` onto a fresh element, with the app state it
/// reads, and assert on the DOM it makes and on what it stores.
mod components {
    use super::storage;
    use balans::core::i18n::{text, text_with, Lang};
    use balans::core::instrument::{Answer, Item, ItemKind, Missing, Role, Scale, Section};
    use balans::core::links::demo_invitation;
    use balans::core::questionnaire::{Questionnaire, Screen};
    use balans::ui::components::ItemInput;
    use balans::ui::store::{self, Loaded};
    use balans::ui::{AppState, QuestionPage};
    use leptos::mount::mount_to;
    use leptos::prelude::*;
    use leptos::task::tick;
    use leptos_router::components::{Route, Router, Routes};
    use leptos_router::path;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_test::*;
    use web_sys::{Element, HtmlElement, HtmlInputElement};

    /// A fresh element at the end of the body for one test to mount into.
    fn host() -> HtmlElement {
        let document = web_sys::window().unwrap().document().unwrap();
        let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
        document.body().unwrap().append_child(&host).unwrap();
        host
    }

    fn all(host: &HtmlElement, selector: &str) -> Vec<Element> {
        let list = host.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|node| node.unchecked_into())
            .collect()
    }

    fn one(host: &HtmlElement, selector: &str) -> Option<Element> {
        host.query_selector(selector).unwrap()
    }

    fn text_of(host: &HtmlElement, selector: &str) -> String {
        one(host, selector)
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    }

    fn radios(host: &HtmlElement) -> Vec<HtmlInputElement> {
        all(host, "input[type=radio]")
            .into_iter()
            .map(|e| e.unchecked_into())
            .collect()
    }

    fn nl(key: &str) -> String {
        text(Lang::Nl, key)
    }

    fn new_questionnaire() -> Questionnaire {
        Questionnaire::new(demo_invitation(Lang::Nl), Role::Citizen, 1_000)
    }

    fn stored_answer(id: &str, item: &str) -> Option<Answer> {
        match store::load_questionnaire(id) {
            Loaded::Found(q) => q.answers.get(item).cloned(),
            _ => None,
        }
    }

    /// The scale of a single-choice item.
    fn single_scale(item: &Item) -> Scale {
        match item.kind {
            ItemKind::Single(scale) => scale,
            _ => panic!("{} is not a single-choice item", item.id),
        }
    }

    /// Every option and missing code of a single-choice item is a radio in
    /// its own label, with the catalogue's text, in the item's group.
    fn assert_options(host: &HtmlElement, item: &Item) {
        let labels: Vec<String> = single_scale(item)
            .options
            .iter()
            .map(|&(_, key)| nl(key))
            .chain(Missing::offered_for(item).iter().map(|m| nl(m.label_key())))
            .collect();
        let radios = radios(host);
        assert_eq!(radios.len(), labels.len());
        for (radio, label) in radios.iter().zip(&labels) {
            assert_eq!(radio.name(), item.id);
            assert!(!radio.checked());
            let around = radio.closest("label").unwrap().unwrap();
            assert_eq!(around.text_content().unwrap(), *label);
        }
    }

    // The answer control on its own: the question as the fieldset's legend,
    // one radio per option, and each choice (or clearing it) saved at once.
    #[wasm_bindgen_test]
    async fn an_answer_input_shows_its_options_and_saves_each_choice() {
        storage().clear().unwrap();
        let q = new_questionnaire();
        let id = q.id.clone();
        let item = q
            .items()
            .into_iter()
            .find(|i| matches!(i.kind, ItemKind::Single(_)))
            .unwrap();
        let scale = single_scale(item);
        let host = host();
        let mounted = mount_to(host.clone(), move || {
            let state = AppState::load();
            state.current.set(Some(q));
            provide_context(state);
            view! { <ItemInput item=item/> }
        });
        tick().await;

        let fieldset = one(&host, &format!("fieldset[data-testid='item-{}']", item.id)).unwrap();
        assert_eq!(fieldset.get_attribute("aria-labelledby"), None);
        assert_eq!(text_of(&host, "legend"), nl(item.text_key(Role::Citizen)));
        assert_options(&host, item);
        assert!(one(&host, "[data-testid='clear-answer']").is_none());

        // Choosing the second option checks it, marks its label and saves it.
        let (code, _) = scale.options[1];
        radios(&host)[1].click();
        tick().await;
        assert!(radios(&host)[1].checked());
        let label = radios(&host)[1].closest("label").unwrap().unwrap();
        assert!(label.class_list().contains("selected"));
        assert_eq!(stored_answer(&id, item.id), Some(Answer::Value(code)));

        // A missing code replaces it: one answer per question.
        let missing = Missing::offered_for(item)[0];
        let at = scale.options.len();
        radios(&host)[at].click();
        tick().await;
        assert!(!radios(&host)[1].checked());
        assert!(radios(&host)[at].checked());
        assert_eq!(stored_answer(&id, item.id), Some(Answer::Missing(missing)));

        // "Clear answer" leaves the question unanswered again.
        let clear: HtmlElement = one(&host, "[data-testid='clear-answer']")
            .unwrap()
            .unchecked_into();
        clear.click();
        tick().await;
        assert!(radios(&host).iter().all(|r| !r.checked()));
        assert_eq!(stored_answer(&id, item.id), None);
        assert!(one(&host, "[data-testid='clear-answer']").is_none());

        drop(mounted);
        assert_eq!(host.child_element_count(), 0);
        host.remove();
        storage().clear().unwrap();
    }

    // The question screen behind its route: a stored questionnaire opens at
    // the address's page, shows one question as the heading, and an answer
    // there is saved and turns "skip" into "next".
    #[wasm_bindgen_test]
    async fn the_question_screen_shows_its_question_and_saves_an_answer() {
        storage().clear().unwrap();
        let q = new_questionnaire();
        store::save_questionnaire(&q).unwrap();
        let pages = q.pages();
        let (index, item) = pages
            .iter()
            .enumerate()
            .find_map(|(i, p)| match p.items.as_slice() {
                [only] if p.section != Section::Burden && i + 1 < pages.len() => {
                    matches!(only.kind, ItemKind::Single(_)).then_some((i, *only))
                }
                _ => None,
            })
            .unwrap();
        let scale = single_scale(item);

        // The router reads the address bar; put it back afterwards.
        let window = web_sys::window().unwrap();
        let history = window.history().unwrap();
        let was = window.location().href().unwrap();
        let address = format!("/q/{}/page/{}", q.id, index + 1);
        history
            .replace_state_with_url(&JsValue::NULL, "", Some(&address))
            .unwrap();

        let host = host();
        let mounted = mount_to(host.clone(), || {
            provide_context(AppState::load());
            view! {
                <Router>
                    <Routes fallback=|| "no route">
                        <Route path=path!("/q/:qid/page/:n") view=QuestionPage/>
                    </Routes>
                </Router>
            }
        });
        tick().await;

        assert_eq!(
            text_of(&host, "h1[data-testid='question-heading']"),
            nl(item.text_key(Role::Citizen))
        );
        assert_eq!(
            text_of(&host, "[data-testid='progress']"),
            text_with(
                Lang::Nl,
                "q.progress",
                &[
                    ("n", &(index + 1).to_string()),
                    ("total", &pages.len().to_string())
                ]
            )
        );
        // The heading already asks the question: the fieldset points to it
        // instead of repeating it as a legend.
        let fieldset = one(&host, &format!("fieldset[data-testid='item-{}']", item.id)).unwrap();
        assert_eq!(
            fieldset.get_attribute("aria-labelledby").as_deref(),
            Some("question-heading")
        );
        assert!(one(&host, "legend").is_none());
        assert_options(&host, item);
        assert_eq!(text_of(&host, "[data-testid='next']"), nl("q.skip"));
        // The screen remembers where the person is.
        match store::load_questionnaire(&q.id) {
            Loaded::Found(stored) => assert_eq!(stored.screen, Screen::Page(index)),
            _ => panic!("the questionnaire is no longer stored"),
        }

        let last = scale.options.len() - 1;
        radios(&host)[last].click();
        tick().await;
        assert!(radios(&host)[last].checked());
        assert_eq!(
            stored_answer(&q.id, item.id),
            Some(Answer::Value(scale.options[last].0))
        );
        assert_eq!(text_of(&host, "[data-testid='next']"), nl("q.next"));
        assert_eq!(text_of(&host, ".saved-indicator"), nl("q.saved"));

        drop(mounted);
        host.remove();
        history
            .replace_state_with_url(&JsValue::NULL, "", Some(&was))
            .unwrap();
        storage().clear().unwrap();
    }
}

#[wasm_bindgen_test]
fn a_saved_questionnaire_loads_back_and_is_listed() {
    storage().clear().unwrap();
    let q = sample("W-001");
    store::save_questionnaire(&q).unwrap();
    match store::load_questionnaire(&q.id) {
        Loaded::Found(back) => assert_eq!(*back, q),
        _ => panic!("the saved questionnaire did not load"),
    }
    let (list, unreadable) = store::list_questionnaires();
    assert_eq!(list, vec![q.clone()]);
    assert_eq!(unreadable, 0);
    store::delete_questionnaire(&q.id);
    assert!(matches!(store::load_questionnaire(&q.id), Loaded::Absent));
}

#[wasm_bindgen_test]
fn an_unreadable_value_is_moved_aside_never_overwritten() {
    storage().clear().unwrap();
    let q = sample("W-002");
    let key = format!("balans.q.{}", q.id);
    storage()
        .set_item(&key, "{\"schema\":1,\"answers\":{\"net.ta")
        .unwrap();
    assert!(matches!(
        store::load_questionnaire(&q.id),
        Loaded::Quarantined(_)
    ));
    assert_eq!(storage().get_item(&key).unwrap(), None);
    assert_eq!(
        storage()
            .get_item(&format!("balans.quarantine.{key}"))
            .unwrap()
            .as_deref(),
        Some("{\"schema\":1,\"answers\":{\"net.ta")
    );
    assert_eq!(store::quarantined_count(), 1);
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_as_full() {
    storage().clear().unwrap();
    // Fill localStorage until the browser refuses, halving the chunk each time.
    let mut chunk = "x".repeat(1 << 20);
    let mut n = 0;
    while !chunk.is_empty() {
        if storage().set_item(&format!("filler.{n}"), &chunk).is_ok() {
            n += 1;
        } else {
            chunk.truncate(chunk.len() / 2);
        }
    }
    let result = store::save_questionnaire(&sample("W-003"));
    storage().clear().unwrap();
    assert_eq!(result, Err(StoreError::Full));
    assert_eq!(store::probe(), Ok(()));
}

// Issue 3: the professional's workspace is a versioned record of its own,
// found again by its key prefix; an unreadable one is set aside.
#[wasm_bindgen_test]
fn a_workspace_is_saved_listed_and_an_unreadable_one_set_aside() {
    use balans::core::keys::generate_identity;
    use balans::core::links::demo_study;
    use balans::core::professional::{workspace_key, Workspace, WORKSPACE_PREFIX};
    use balans::ui::store::LoadedRecord;
    storage().clear().unwrap();
    let mut ws = Workspace::new(demo_study(), "Sanne", &generate_identity(), 1_000).unwrap();
    ws.add_respondent("R-0107", 1_000).unwrap();
    let key = workspace_key(&ws.id);
    store::save_record(&key, &ws).unwrap();
    assert_eq!(store::record_keys(WORKSPACE_PREFIX), vec![key.clone()]);
    match store::load_record::<Workspace>(&key) {
        LoadedRecord::Found(back) => assert_eq!(back, ws),
        _ => panic!("the saved workspace did not load"),
    }
    storage().set_item(&key, "{\"schema\":1,\"id\":").unwrap();
    assert!(matches!(
        store::load_record::<Workspace>(&key),
        LoadedRecord::Quarantined(_)
    ));
    assert_eq!(store::record_keys(WORKSPACE_PREFIX), Vec::<String>::new());
    assert_eq!(store::quarantined_count(), 1);
}

// Issue 4: the researcher's kept data.
#[wasm_bindgen_test]
fn imported_research_data_is_kept_and_read_back() {
    // The researcher's "keep on this device": a few hundred imported exports
    // fit in localStorage and come back unchanged; a corrupt value is set
    // aside, never overwritten.
    use balans::core::links::demo_study;
    use balans::core::research::{synthetic_envelopes, Importer, ResearchData, RESEARCH_DATA_KEY};
    use balans::ui::store::LoadedRecord;
    storage().clear().unwrap();
    let mut importer = Importer::new(ResearchData::default());
    for (i, e) in synthetic_envelopes(1, 120, &demo_study())
        .into_iter()
        .enumerate()
    {
        importer.add(&format!("{i}.age"), Ok(e));
    }
    let data = importer.finish().0;
    assert!(data.len() > 300, "{} records", data.len());
    store::save_record(RESEARCH_DATA_KEY, &data).unwrap();
    let stored = storage().get_item(RESEARCH_DATA_KEY).unwrap().unwrap();
    // About 2 KB per record: thousands of records fit in a 5 MB quota.
    assert!(
        stored.len() / data.len() < 3_000,
        "{} bytes per record",
        stored.len() / data.len()
    );
    match store::load_record::<ResearchData>(RESEARCH_DATA_KEY) {
        LoadedRecord::Found(back) => assert_eq!(back, data),
        _ => panic!("the kept data did not load"),
    }
    storage()
        .set_item(RESEARCH_DATA_KEY, "{\"schema\":1,\"records\":[{")
        .unwrap();
    assert!(matches!(
        store::load_record::<ResearchData>(RESEARCH_DATA_KEY),
        LoadedRecord::Quarantined(_)
    ));
    assert!(storage()
        .get_item(&format!("balans.quarantine.{RESEARCH_DATA_KEY}"))
        .unwrap()
        .is_some());
    storage().clear().unwrap();
}

// Two windows: the stored copy holds an answer this window never saw. The
// save must keep both answers, and tell this window what it took over.
#[wasm_bindgen_test]
fn a_save_merges_what_another_window_stored() {
    storage().clear().unwrap();
    let mut mine = sample("W-004");
    let mut theirs = mine.clone();
    theirs
        .set_answer("net.lonely", Some(Answer::Value(2)), 3_000)
        .unwrap();
    store::save_questionnaire(&theirs).unwrap();
    mine.set_answer("bal.worries", Some(Answer::Value(6)), 3_500)
        .unwrap();
    let merged = store::save_questionnaire_merging(&mut mine).unwrap();
    assert_eq!(merged.answers, 1);
    assert_eq!(mine.answers.len(), 3);
    match store::load_questionnaire(&mine.id) {
        Loaded::Found(stored) => assert_eq!(stored.answers, mine.answers),
        _ => panic!("not stored"),
    }
}

// A value that cannot be read is moved aside before any write to its key,
// for questionnaires and generic records alike, and a second one never
// overwrites the first.
#[wasm_bindgen_test]
fn a_write_never_overwrites_an_unreadable_value() {
    storage().clear().unwrap();
    let key = "balans.workspace";
    storage().set_item(key, "{broken").unwrap();
    let record = |n: i32| std::collections::BTreeMap::from([("n".to_string(), n)]);
    store::save_record(key, &record(1)).unwrap();
    storage().set_item(key, "{\"schema\":99,\"x\":1}").unwrap();
    store::save_record(key, &record(4)).unwrap();
    assert!(matches!(
        store::load_record::<std::collections::BTreeMap<String, i32>>(key),
        LoadedRecord::Found(v) if v["n"] == 4
    ));
    let aside = store::set_aside();
    assert_eq!(aside.len(), 2);
    assert!(aside.iter().all(|e| e.original == key));
    let texts: Vec<&str> = aside
        .iter()
        .map(|e| e.stored.as_deref().unwrap_or_default())
        .collect();
    assert!(texts.contains(&"{broken"));
    assert!(texts.contains(&"{\"schema\":99,\"x\":1}"));

    let q = sample("W-005");
    let qkey = format!("balans.q.{}", q.id);
    storage().set_item(&qkey, "{\"schema\":2,").unwrap();
    store::save_questionnaire(&q).unwrap();
    assert_eq!(store::set_aside().len(), 3);
    assert!(matches!(store::load_questionnaire(&q.id), Loaded::Found(_)));
}

// Issue 14: a value longer than any Balans writes under its key is set
// aside exactly, unread, and listed as too large (no text to rescue); a
// save to that key then writes over nothing.
#[wasm_bindgen_test]
fn a_value_too_large_to_read_is_set_aside_unread() {
    use balans::core::questionnaire::{MigrateError, MAX_STORED_LOCAL};
    storage().clear().unwrap();
    let q = sample("W-014");
    let qkey = format!("balans.q.{}", q.id);
    let huge = format!("{{{}", " ".repeat(MAX_STORED_LOCAL));
    storage().set_item(&qkey, &huge).unwrap();
    assert!(matches!(
        store::load_questionnaire(&q.id),
        Loaded::Quarantined(MigrateError::TooLarge)
    ));
    assert_eq!(storage().get_item(&qkey).unwrap(), None);
    let aside = store::set_aside();
    assert_eq!(aside.len(), 1);
    assert_eq!(aside[0].original, qkey);
    assert_eq!(aside[0].reason, Some(MigrateError::TooLarge));
    assert_eq!(aside[0].stored, None);
    assert_eq!(storage().get_item(&aside[0].key).unwrap(), Some(huge));
    store::save_questionnaire(&q).unwrap();
    assert!(matches!(store::load_questionnaire(&q.id), Loaded::Found(_)));
    assert_eq!(store::set_aside().len(), 1);
    storage().clear().unwrap();
}

// A newer version's value that an older window moved aside comes back once
// this (newer) version runs: merged into the copy stored in its place.
#[wasm_bindgen_test]
fn a_readable_set_aside_questionnaire_is_merged_back() {
    storage().clear().unwrap();
    let mut aside = sample("W-006");
    aside
        .set_answer("net.lonely", Some(Answer::Value(3)), 4_000)
        .unwrap();
    let live = sample("W-006");
    store::save_questionnaire(&live).unwrap();
    storage()
        .set_item(
            &format!("balans.quarantine.balans.q.{}", aside.id),
            &encode_questionnaire(&aside),
        )
        .unwrap();
    assert_eq!(store::restore_set_aside(), 1);
    assert!(store::set_aside().is_empty());
    let stored = storage()
        .get_item(&format!("balans.q.{}", live.id))
        .unwrap()
        .unwrap();
    let stored = decode_questionnaire(&stored).unwrap();
    assert_eq!(stored.answers.len(), 2);
}

// Issue 8: the support plan is a record two windows may change. A save keeps
// the goal another window added, in real storage.
#[wasm_bindgen_test]
fn a_plan_save_keeps_the_goal_another_window_added() {
    storage().clear().unwrap();
    let key = plan_key(&"0123456789abcdef".into(), &"W-006".into());
    let base = Plan::new("W-006", 1_000);
    let mut theirs = base.clone();
    theirs.add_goal(2_000).unwrap();
    assert!(!store::save_merged_record(&key, &mut theirs).unwrap());
    let mut mine = base;
    mine.add_goal(3_000).unwrap();
    assert!(store::save_merged_record(&key, &mut mine).unwrap());
    assert_eq!(mine.goals().count(), 2);
    match store::load_record::<Plan>(&key) {
        LoadedRecord::Found(stored) => assert_eq!(stored, mine),
        _ => panic!("not stored"),
    }
}

// A set-aside value must be an exact copy: a lone surrogate (which a Rust
// `String` cannot hold, so a copy through one turns it into U+FFFD) is
// still there, unchanged, in the quarantine slot.
#[wasm_bindgen_test]
fn a_lone_surrogate_survives_being_set_aside() {
    use js_sys::{Function, JsString, Reflect};
    use wasm_bindgen::JsCast;
    storage().clear().unwrap();
    let q = sample("W-007");
    let key = format!("balans.q.{}", q.id);
    let lone = JsString::from_char_code1(0xD800);
    let stored = JsString::from("{\"schema\":1,\"note\":\"").concat(&lone);
    let call = |name: &str, args: &js_sys::Array| {
        Reflect::get(&storage(), &name.into())
            .unwrap()
            .unchecked_into::<Function>()
            .apply(&storage(), args)
            .unwrap()
    };
    call("setItem", &js_sys::Array::of2(&key.clone().into(), &stored));
    assert!(matches!(
        store::load_questionnaire(&q.id),
        Loaded::Quarantined(_)
    ));
    let aside = call(
        "getItem",
        &js_sys::Array::of1(&format!("balans.quarantine.{key}").into()),
    );
    assert_eq!(aside, JsValue::from(stored));
    assert_eq!(storage().get_item(&key).unwrap(), None);
}

// The file wrappers give one answer per file, in order, so the research
// import never pairs a file's name with another file's contents.
#[wasm_bindgen_test]
async fn files_are_read_in_order_one_answer_each() {
    use balans::ui::browser::{read_bytes, Reads};
    let file = |text: &str, name: &str| {
        web_sys::File::new_with_str_sequence(&js_sys::Array::of1(&text.into()), name).unwrap()
    };
    let files = vec![file("één", "a.age"), file("", "b.age"), file("x", "c.age")];
    assert_eq!(read_bytes(&files[0]).await, Ok("één".as_bytes().to_vec()));
    let read = Reads::start(&files).finish().await;
    assert_eq!(
        read,
        vec![
            Ok("één".as_bytes().to_vec()),
            Ok(Vec::new()),
            Ok(b"x".to_vec())
        ]
    );
    assert!(Reads::start(&[]).finish().await.is_empty());
}

// A download is offered without error in a normal page, with any MIME type.
#[wasm_bindgen_test]
fn a_download_is_offered() {
    use balans::ui::browser::{download, DownloadOptions};
    assert_eq!(
        download(
            "a,b\n1,2\n",
            "data.csv",
            DownloadOptions::default().mime("text/csv")
        ),
        Ok(())
    );
}

// --- Component tests of the error panel (issue 11) ---------------------------
//
// The panel is mounted on a fresh element with `mount_to` and read back from
// the DOM: it must show the error's message and its hint, from the value
// itself, in the app's language.
mod error_panel {
    use balans::core::error::Problem;
    use balans::core::i18n::{text, text_with, Lang};
    use balans::core::links::LinkError;
    use balans::core::professional::WorkspaceImportError;
    use balans::ui::{AppState, ErrorPanel};
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    /// A fresh element in the page to mount on.
    fn fresh_parent() -> web_sys::HtmlElement {
        let document = web_sys::window().unwrap().document().unwrap();
        let parent: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
        document.body().unwrap().append_child(&parent).unwrap();
        parent
    }

    fn text_of(parent: &web_sys::HtmlElement, selector: &str) -> String {
        parent
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no {selector} in {}", parent.inner_html()))
            .text_content()
            .unwrap_or_default()
    }

    // Guards the bug: the hint was dropped when a page kept only the
    // message key, so a broken link said what was wrong but not what to do.
    #[wasm_bindgen_test]
    fn a_titled_panel_shows_the_message_and_the_hint() {
        let parent = fresh_parent();
        let _mounted = leptos::mount::mount_to(parent.clone(), || {
            let app = AppState::load();
            app.lang.set(Lang::Nl);
            provide_context(app);
            view! { <ErrorPanel title_key="link.error.title" error=LinkError::Damaged/> }
        });
        let lang = Lang::Nl;
        let panel = parent
            .query_selector("[data-testid=error-panel]")
            .unwrap()
            .expect("the panel is there");
        assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
        assert_eq!(
            panel.get_attribute("data-error").as_deref(),
            Some("link.error.damaged")
        );
        assert_eq!(panel.get_attribute("data-code").as_deref(), Some("damaged"));
        assert_eq!(text_of(&parent, "h1"), text(lang, "link.error.title"));
        let shown = panel.text_content().unwrap_or_default();
        assert!(shown.contains(&text(lang, "link.error.damaged")), "{shown}");
        assert_eq!(text_of(&parent, ".hint"), text(lang, "link.hint.ask_new"));
    }

    #[wasm_bindgen_test]
    async fn an_inline_error_fills_in_its_values_and_follows_the_language() {
        // A professional's error: its texts are in the staff parts, which the
        // staff app adds at start.
        balans::core::i18n::include_staff_texts();
        let parent = fresh_parent();
        let state = RwSignal::new(None::<AppState>);
        let error = WorkspaceImportError::OtherRespondent {
            found: "R-0107".into(),
        };
        let shown = error.clone();
        let _mounted = leptos::mount::mount_to(parent.clone(), move || {
            let app = AppState::load();
            app.lang.set(Lang::Nl);
            provide_context(app);
            state.set(Some(app));
            view! { <p role="alert"><ErrorPanel error=shown testid="inline-error"/></p> }
        });
        let inline = parent
            .query_selector("[data-testid=inline-error]")
            .unwrap()
            .expect("the inline error is there");
        assert_eq!(
            inline.get_attribute("data-code").as_deref(),
            Some("other_respondent")
        );
        let args = [("code", "R-0107")];
        let message = |lang| text_with(lang, error.message_key(), &args);
        let hint = |lang| text_with(lang, error.hint_key(), &args);
        assert_eq!(text_of(&parent, "strong"), message(Lang::Nl));
        assert_eq!(text_of(&parent, ".hint"), hint(Lang::Nl));
        assert!(hint(Lang::Nl).contains("R-0107"));

        state.get_untracked().unwrap().lang.set(Lang::En);
        leptos::task::tick().await;
        assert_eq!(text_of(&parent, "strong"), message(Lang::En));
        assert_eq!(text_of(&parent, ".hint"), hint(Lang::En));
    }
}

// Issue "one autosave mechanism": two windows each adding a respondent lost
// one (the workspace was saved last-save-wins). A save now merges, and a
// respondent removed in one window does not come back from the other.
#[wasm_bindgen_test]
fn a_workspace_save_keeps_the_respondent_another_window_added_and_a_removal() {
    use balans::core::keys::generate_identity;
    use balans::core::links::demo_study;
    use balans::core::professional::{workspace_key, Workspace};
    storage().clear().unwrap();
    let mut base = Workspace::new(demo_study(), "Sanne", &generate_identity(), 1_000).unwrap();
    base.add_respondent("R-0100", 1_000).unwrap();
    let key = workspace_key(&base.id);
    store::save_merged_record(&key, &mut base.clone()).unwrap();

    let mut theirs = base.clone();
    theirs.add_respondent("R-0201", 2_000).unwrap();
    theirs.remove_respondent("R-0100", 2_500);
    assert!(!store::save_merged_record(&key, &mut theirs).unwrap());
    let mut mine = base;
    mine.add_respondent("R-0202", 3_000).unwrap();
    assert!(store::save_merged_record(&key, &mut mine).unwrap());
    let codes: Vec<&str> = mine.respondents.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, vec!["R-0201", "R-0202"]);
    match store::peek::<Workspace>(&key) {
        Some(Ok(stored)) => assert_eq!(stored, mine),
        _ => panic!("not stored"),
    }
}

/// Issue 12 (schema 4): records kept under a lower-case respondent code move
/// once to the key of the upper-case code, merged with what is there.
#[wasm_bindgen_test]
fn records_kept_under_a_lower_case_code_move_once_and_merge() {
    use balans::core::exchange::Envelope;
    use balans::core::plan::PLAN_PREFIX;
    use balans::core::professional::{ImportedForm, IMPORT_PREFIX};
    use balans::core::questionnaire::encode_versioned;
    use balans::core::research::{interview_key, Interview, InterviewMoment, INTERVIEW_PREFIX};
    storage().clear().unwrap();
    let s = storage();
    let lower = |text: String| text.replace("\"R-0107\"", "\"r-0107\"");

    // A plan under "r-0107" with one goal; one under "R-0107" with another.
    let old_plan = format!("{PLAN_PREFIX}0123456789abcdef.r-0107");
    let new_plan = plan_key(&"0123456789abcdef".into(), &"R-0107".into());
    let mut plan = Plan::new("R-0107", 1_000);
    plan.add_goal(2_000).unwrap();
    s.set_item(&old_plan, &lower(encode_versioned(&plan)))
        .unwrap();
    let mut other = Plan::new("R-0107", 1_000);
    other.add_goal(3_000).unwrap();
    store::save_merged_record(&new_plan, &mut other).unwrap();

    // A citizen's questionnaire under the id of its lower-case code.
    let fixture = include_str!("fixtures/storage/schema_v3_lowercase_code.json");
    s.set_item("balans.q.1b50542e0824adfa", fixture).unwrap();

    // Interview notes and an imported form of "r-0107".
    let old_interview = format!("{INTERVIEW_PREFIX}r-0107.1");
    let mut interview = Interview::new("R-0107", InterviewMoment::First, 1_000);
    interview
        .set_note("approach.goals", "Samen opgeschreven", 2_000)
        .unwrap();
    s.set_item(&old_interview, &lower(encode_versioned(&interview)))
        .unwrap();
    let form = ImportedForm {
        envelope: Envelope::of(&sample("R-0107"), Lang::Nl, 5_000),
        imported_at: 6_000,
    };
    let old_form = format!("{IMPORT_PREFIX}1b50542e0824adfa");
    s.set_item(&old_form, &lower(encode_versioned(&form)))
        .unwrap();

    assert_eq!(store::rekey_lowercase_codes(), 4);
    for gone in [
        &old_plan,
        "balans.q.1b50542e0824adfa",
        &old_interview,
        &old_form,
    ] {
        assert_eq!(s.get_item(gone).unwrap(), None, "{gone} still there");
    }
    match store::load_record::<Plan>(&new_plan) {
        LoadedRecord::Found(p) => assert_eq!(p.goals().count(), 2, "a goal was lost"),
        _ => panic!("the plan did not move"),
    }
    match store::load_questionnaire("63ba907ebf812553") {
        Loaded::Found(q) => {
            assert_eq!(q.invitation.respondent.as_str(), "R-0107");
            assert_eq!(q.answers.len(), 7);
        }
        _ => panic!("the questionnaire did not move"),
    }
    let notes = interview_key(&"R-0107".into(), InterviewMoment::First);
    match store::load_record::<Interview>(&notes) {
        LoadedRecord::Found(i) => assert_eq!(i.note("approach.goals"), "Samen opgeschreven"),
        _ => panic!("the notes did not move"),
    }
    assert!(form.key() != old_form);
    match store::load_record::<ImportedForm>(&form.key()) {
        LoadedRecord::Found(f) => assert_eq!(f, form),
        _ => panic!("the imported form did not move"),
    }
    // Done once: nothing moves again.
    assert_eq!(store::rekey_lowercase_codes(), 0);
}
