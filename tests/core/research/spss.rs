//! The SPSS syntax runs in GNU PSPP (which reads SPSS syntax) against the
//! CSV it was made for, without errors, and reads every row. PSPP is not
//! part of `scripts/setup`; without it this test says so and passes (install
//! it with `apt-get install --no-install-recommends pspp` to run it).

use std::fs;
use std::process::Command;

use balans::core::i18n::Lang;
use balans::core::links::demo_study;
use balans::core::research::{
    long_table, spss_syntax, synthetic_envelopes, wide_table, Importer, ResearchData,
};

#[test]
fn pspp_reads_both_csvs_with_the_syntax() {
    if Command::new("pspp").arg("--version").output().is_err() {
        // scripts/test installs PSPP and sets BALANS_REQUIRE_PSPP, so CI never
        // skips this; a bare `cargo test` on a machine without PSPP may.
        assert!(
            std::env::var_os("BALANS_REQUIRE_PSPP").is_none(),
            "pspp is required here but not installed (scripts/setup installs it)"
        );
        eprintln!("pspp is not installed: SPSS syntax not run (see this file's header)");
        return;
    }
    let mut importer = Importer::new(ResearchData::default());
    for (i, e) in synthetic_envelopes(9, 15, &demo_study())
        .into_iter()
        .enumerate()
    {
        importer.add(&format!("{i}.age"), Ok(e));
    }
    let data = importer.finish().0;
    let dir = std::env::temp_dir().join(format!("balans-spss-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    for (table, name, lang) in [
        (long_table(&data), "balans_long", Lang::Nl),
        (wide_table(&data), "balans_wide", Lang::En),
    ] {
        fs::write(dir.join(format!("{name}.csv")), table.to_csv()).unwrap();
        let syntax = spss_syntax(&table, &format!("{name}.csv"), lang);
        fs::write(
            dir.join(format!("{name}.sps")),
            format!("{syntax}SHOW N.\n"),
        )
        .unwrap();
        let output = Command::new("pspp")
            .current_dir(&dir)
            .args(["-O", "format=txt", &format!("{name}.sps")])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout).to_string()
            + &String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{name}: {text}");
        assert!(
            !text.contains("error:") && !text.contains("warning:"),
            "{name}: {text}"
        );
        assert!(
            text.contains(&format!("N is {}.", table.rows.len())),
            "{name}: not every row was read: {text}"
        );
    }
    fs::remove_dir_all(&dir).unwrap();
}
