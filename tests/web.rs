//! Browser tests (wasm-bindgen-test in headless Chromium) of the one module
//! that touches localStorage: real storage, real quota.
#![cfg(target_arch = "wasm32")]

use balans::core::i18n::Lang;
use balans::core::instrument::{Answer, Role};
use balans::core::links::demo_invitation;
use balans::core::plan::{plan_key, Plan};
use balans::core::questionnaire::{decode_questionnaire, encode_questionnaire, Questionnaire};
use balans::ui::store::{self, Loaded, LoadedRecord, StoreError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn sample(respondent: &str) -> Questionnaire {
    let mut invitation = demo_invitation(Lang::Nl);
    invitation.respondent = respondent.to_string();
    let mut q = Questionnaire::new(invitation, Role::Citizen, 1_000);
    q.set_answer("net.talk", Some(Answer::Value(4)), 2_000)
        .unwrap();
    q
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
    let texts: Vec<&str> = aside.iter().map(|e| e.stored.as_str()).collect();
    assert!(texts.contains(&"{broken"));
    assert!(texts.contains(&"{\"schema\":99,\"x\":1}"));

    let q = sample("W-005");
    let qkey = format!("balans.q.{}", q.id);
    storage().set_item(&qkey, "{\"schema\":2,").unwrap();
    store::save_questionnaire(&q).unwrap();
    assert_eq!(store::set_aside().len(), 3);
    assert!(matches!(store::load_questionnaire(&q.id), Loaded::Found(_)));
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
    let key = plan_key("0123456789abcdef", "W-006");
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
