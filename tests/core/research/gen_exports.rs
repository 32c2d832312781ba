//! `balans-tool gen-exports` makes the files the end-to-end import test and
//! the benchmark use; importing them natively gives exactly the outcomes and
//! dataset rows its manifest promises.

use std::fs;
use std::process::Command;

use balans::core::keys::parse_identity;
use balans::core::research::{long_table, Importer, Outcome, ResearchData};
use serde_json::Value;

#[test]
fn generated_exports_import_as_the_manifest_says() {
    let dir = std::env::temp_dir().join(format!("balans-gen-{}", std::process::id()));
    let status = Command::new(env!("CARGO_BIN_EXE_balans-tool"))
        .args(["gen-exports", "--count", "80", "--seed", "3", "--out"])
        .arg(&dir)
        .status()
        .unwrap();
    assert!(status.success());
    let manifest: Value =
        serde_json::from_str(&fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let identity =
        parse_identity(&fs::read_to_string("tests/fixtures/demo-identity.txt").unwrap()).unwrap();
    let files = manifest["files"].as_array().unwrap();
    assert_eq!(files.len(), 80);

    let mut importer = Importer::new(ResearchData::default());
    for f in files {
        let name = f["file"].as_str().unwrap();
        importer.add_file(name, &fs::read(dir.join(name)).unwrap(), &identity);
    }
    for (row, f) in importer.outcomes().iter().zip(files) {
        assert_eq!(row.file, f["file"].as_str().unwrap());
        assert_eq!(
            row.outcome.code(),
            f["expect"].as_str().unwrap(),
            "{}",
            row.file
        );
        if let (Outcome::Duplicate { kept, .. }, Some(want)) = (&row.outcome, f["kept"].as_bool()) {
            assert_eq!(*kept, want, "{}", row.file);
        }
    }
    for code in ["damaged", "wrong_key", "not_balans", "newer", "duplicate"] {
        assert!(
            manifest["counts"][code].as_u64().unwrap() > 0,
            "no {code} files"
        );
    }

    let table = long_table(importer.data());
    let col = |name: &str| table.columns.iter().position(|c| c.name == name).unwrap();
    let rows = manifest["rows"].as_array().unwrap();
    assert_eq!(table.rows.len(), rows.len());
    for (got, want) in table.rows.iter().zip(rows) {
        for name in [
            "respondent",
            "member",
            "role",
            "moment",
            "comp_selfconfidence_1",
        ] {
            assert_eq!(
                got[col(name)].to_csv(),
                want[name].as_str().unwrap(),
                "{name}"
            );
        }
    }
    fs::remove_dir_all(&dir).unwrap();
}
