//! Developer and test helper (native only): makes invitation links and reads
//! exports. The app itself never needs it.
//!
//! ```text
//! balans-tool link [--base URL] [--respondent CODE] [--moment T0|T1|T2]
//!                  [--member NAME] [--pro-key age1…] [--pro-name NAME] [--lang nl|en]
//! balans-tool read-link LINK                    prints the invitation in a link as JSON
//! balans-tool decrypt KEY_FILE EXPORT_FILE     prints the envelope as JSON
//! balans-tool gen-exports --out DIR [--count 200] [--seed 1] [--key age1…]
//!     made-up exports for tests and benchmarks: a mix of roles, moments and
//!     household members, plus damaged, other-key, duplicate, non-Balans and
//!     newer-version files, and DIR/manifest.json saying what an import must
//!     report for each file and which rows the dataset must hold. The same
//!     seed gives the same files and outcomes (not the same bytes: age
//!     encryption is randomised).
//!     --plans: professionals' exports carry a support plan;
//!     --own-goals-effect X (implies --plans): plant a condition effect:
//!     people whose goals were mostly their own idea see their capacity rise
//!     X more per moment (the generator's latent units; 0.35 is the general
//!     rise). The manifest says what was planted.
//!     --places: spread the respondents over the demo study's municipalities
//!     and teams in turn (otherwise all are in its own municipality and team).
//! balans-tool check-study STUDY_FILE             checks a study file before a build
//! balans-tool bench-import KEY_FILE DIR
//!     the native floor for `scripts/bench` (P3): decrypts every *.age file in
//!     DIR with the age crate, then runs the same import and long CSV as the
//!     app; prints the timings as JSON
//! ```

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(message) = cli::run(std::env::args().skip(1).collect()) {
        eprintln!("balans-tool: {message}");
        std::process::exit(2);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use balans::core::exchange::{decrypt, decrypt_bytes, encrypt, encrypt_bytes, Envelope};
    use balans::core::i18n::Lang;
    use balans::core::instrument::{Answer, Moment};
    use balans::core::keys::{generate_identity, parse_identity, public_key};
    use balans::core::links::{
        demo_invitation, demo_study, invitation_link, parse_study_file, DEMO_RESEARCHER_KEY,
    };
    use balans::core::research::{
        long_table, synthetic_envelopes, synthetic_envelopes_with, Importer, ResearchData, Rng,
        Synthetic,
    };
    use serde_json::json;

    fn flag(args: &[String], name: &str) -> Option<String> {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    }

    pub fn run(args: Vec<String>) -> Result<(), String> {
        match args.first().map(String::as_str) {
            Some("link") => link(&args[1..]),
            Some("read-link") => read_link(&args[1..]),
            Some("decrypt") => decrypt_file(&args[1..]),
            Some("gen-exports") => gen_exports(&args[1..]),
            Some("check-study") => check_study(&args[1..]),
            Some("bench-import") => bench_import(&args[1..]),
            _ => Err(
                "usage: balans-tool link [options] | read-link LINK | decrypt KEY_FILE EXPORT_FILE | \
                 gen-exports --out DIR [options] | check-study FILE | \
                 bench-import KEY_FILE DIR \
                 (see src/bin/balans-tool.rs)"
                    .to_string(),
            ),
        }
    }

    /// Version-2 invitation links are binary: this shows what one holds
    /// (the same JSON as a version-1 link's payload), read as the app reads
    /// it, so a test or a researcher can check a printed link.
    fn read_link(args: &[String]) -> Result<(), String> {
        let [link] = args else {
            return Err("usage: balans-tool read-link LINK".to_string());
        };
        let fragment = link.split_once('#').map_or(link.as_str(), |(_, f)| f);
        let invitation =
            balans::core::links::parse_invitation(fragment).map_err(|e| e.to_string())?;
        let text = serde_json::to_string_pretty(&invitation).map_err(|e| e.to_string())?;
        println!("{text}");
        Ok(())
    }

    fn link(args: &[String]) -> Result<(), String> {
        let lang = match flag(args, "--lang") {
            Some(code) => Lang::from_code(&code).ok_or(format!("unknown language {code}"))?,
            None => Lang::Nl,
        };
        let mut invitation = demo_invitation(lang);
        if let Some(code) = flag(args, "--respondent") {
            invitation.respondent = code.into();
        }
        if let Some(m) = flag(args, "--moment") {
            invitation.moment =
                Moment::from_code(&m).ok_or(format!("unknown moment {m} (T0, T1 or T2)"))?;
        }
        invitation.member = flag(args, "--member");
        invitation.professional_key = flag(args, "--pro-key");
        invitation.professional_name = flag(args, "--pro-name");
        if let Some(name) = flag(args, "--study-name") {
            invitation.study.name = name;
        }
        let base = flag(args, "--base").unwrap_or_else(|| "http://127.0.0.1:8080/".to_string());
        println!("{}", invitation_link(&base, &invitation));
        Ok(())
    }

    fn decrypt_file(args: &[String]) -> Result<(), String> {
        let [key_file, export_file] = args else {
            return Err("usage: balans-tool decrypt KEY_FILE EXPORT_FILE".to_string());
        };
        let key = std::fs::read_to_string(key_file).map_err(|e| format!("{key_file}: {e}"))?;
        let identity = parse_identity(&key).map_err(|e| format!("{key_file}: {e}"))?;
        let file = std::fs::read(export_file).map_err(|e| format!("{export_file}: {e}"))?;
        let envelope = decrypt(&file, &identity).map_err(|e| format!("{export_file}: {e}"))?;
        println!(
            "{}",
            serde_json::to_string_pretty(&envelope).expect("envelopes serialize")
        );
        Ok(())
    }

    fn check_study(args: &[String]) -> Result<(), String> {
        let [file] = args else {
            return Err("usage: balans-tool check-study STUDY_FILE".to_string());
        };
        let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
        let study = parse_study_file(&text).map_err(|e| format!("{file}: {e}"))?;
        println!(
            "{file}: study {:?}, contact {:?}, keys {}",
            study.name,
            study.contact,
            study.keys().collect::<Vec<_>>().join(", ")
        );
        Ok(())
    }

    /// The dataset cell of an answer to a single-choice item.
    fn cell(envelope: &Envelope, item: &str) -> String {
        match envelope.answers.get(item) {
            Some(Answer::Value(v)) => v.to_string(),
            Some(Answer::Missing(m)) => m.code().to_string(),
            _ => String::new(),
        }
    }

    fn sealed(envelope: &Envelope, key: &str) -> Result<Vec<u8>, String> {
        encrypt(envelope, &[key])
            .map(String::into_bytes)
            .map_err(|e| format!("encrypting: {e}"))
    }

    /// Made-up exports with a known outcome each (see the module docs).
    fn gen_exports(args: &[String]) -> Result<(), String> {
        let out = flag(args, "--out").ok_or("gen-exports needs --out DIR")?;
        let count: usize = flag(args, "--count")
            .map_or(Ok(200), |c| c.parse())
            .map_err(|_| "--count takes a number")?;
        let seed: u64 = flag(args, "--seed")
            .map_or(Ok(1), |s| s.parse())
            .map_err(|_| "--seed takes a number")?;
        let key = flag(args, "--key").unwrap_or_else(|| DEMO_RESEARCHER_KEY.to_string());
        if !balans::core::keys::is_valid_public_key(&key) {
            return Err(format!("--key {key} is not an age public key"));
        }
        let dir = std::path::Path::new(&out);
        std::fs::create_dir_all(dir).map_err(|e| format!("{out}: {e}"))?;
        let mut study = demo_study();
        study.researcher_key = key.clone();

        // About one file in ten is a problem, when there are enough files.
        let share = |per: usize| if count >= 20 { (count / per).max(1) } else { 0 };
        let (damaged, wrong_key, not_balans, duplicates) =
            (share(40), share(40), share(40), share(40));
        let newer = share(100);
        let good = count - damaged - wrong_key - not_balans - duplicates - newer;
        let own_goals_effect: f64 = flag(args, "--own-goals-effect")
            .map_or(Ok(0.0), |s| s.parse())
            .map_err(|_| "--own-goals-effect takes a number")?;
        let options = Synthetic {
            plans: args.iter().any(|a| a == "--plans") || own_goals_effect != 0.0,
            own_goals_effect,
            places: args.iter().any(|a| a == "--places"),
        };
        let mut people = good / 4 + 1;
        let mut envelopes = synthetic_envelopes_with(seed, people, &study, options);
        while envelopes.len() < good {
            people += people / 2 + 1;
            envelopes = synthetic_envelopes_with(seed, people, &study, options);
        }
        envelopes.truncate(good);

        // (file name, bytes, expected outcome, kept)
        let mut files: Vec<(String, Vec<u8>, &str, Option<bool>)> = Vec::new();
        let mut kept = envelopes.clone();
        for e in &envelopes {
            files.push((e.file_name(), sealed(e, &key)?, "imported", None));
        }
        for j in 0..duplicates {
            let at = (j * 7 + 3) % good;
            let original = envelopes[at].clone();
            let stem = original.file_name().trim_end_matches(".age").to_string();
            if j % 2 == 0 {
                // Sent again a day later with one answer changed: the later
                // one is kept.
                let mut resent = original.clone();
                let later = |t: &str| {
                    let ms = balans::core::util::parse_iso8601(t).unwrap_or(0) + 86_400_000;
                    balans::core::util::iso8601(ms)
                };
                resent.completed_at = resent.completed_at.as_deref().map(later);
                resent.exported_at = later(&resent.exported_at);
                resent.answers.insert(
                    "comp.selfconfidence.1".into(),
                    Answer::Value(1 + j as i32 % 5),
                );
                files[at].2 = "duplicate";
                files[at].3 = Some(false);
                files.push((
                    format!("{stem}-resent.age"),
                    sealed(&resent, &key)?,
                    "duplicate",
                    Some(true),
                ));
                kept[at] = resent;
            } else {
                // The same file twice: either copy may be the one kept.
                files[at].2 = "duplicate";
                let bytes = files[at].1.clone();
                files.push((format!("copy-of-{stem}.age"), bytes, "duplicate", None));
            }
        }
        let strangers = synthetic_envelopes(seed + 1, damaged + wrong_key + newer + 1, &study);
        let mut stranger = strangers.into_iter().cycle();
        let mut next_stranger = |prefix: &str, i: usize| {
            let mut e = stranger.next().expect("a cycle never ends");
            e.respondent = format!("{prefix}-{:04}", i + 1).into();
            e
        };
        for i in 0..damaged {
            let e = next_stranger("D", i);
            let mut bytes = sealed(&e, &key)?;
            if i % 2 == 0 {
                bytes.truncate(bytes.len() * 3 / 5);
            } else {
                // Change one character of the encrypted payload.
                let at = bytes.len() - 80;
                bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
            }
            files.push((e.file_name(), bytes, "damaged", None));
        }
        for i in 0..wrong_key {
            let e = next_stranger("W", i);
            let other = public_key(&generate_identity());
            files.push((e.file_name(), sealed(&e, &other)?, "wrong_key", None));
        }
        for i in 0..newer {
            let e = next_stranger("N", i);
            let mut value = serde_json::to_value(&e).map_err(|e| e.to_string())?;
            // One past what this version reads, whatever that is.
            value["version"] = (balans::core::exchange::EXPORT_VERSION + 1).into();
            let bytes = encrypt_bytes(value.to_string().as_bytes(), &[key.as_str()])
                .map_err(|e| format!("encrypting: {e}"))?;
            files.push((e.file_name(), bytes.into_bytes(), "newer", None));
        }
        for i in 0..not_balans {
            let (name, bytes) = match i % 3 {
                0 => (
                    format!("notities-{}.txt", i + 1),
                    b"Boodschappen: brood, melk, koffie.\n".to_vec(),
                ),
                1 => (
                    format!("foto-{}.png", i + 1),
                    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
                ),
                _ => {
                    let bytes =
                        encrypt_bytes(b"{\"hello\": \"not a Balans export\"}", &[key.as_str()])
                            .map_err(|e| format!("encrypting: {e}"))?;
                    (format!("gegevens-{}.age", i + 1), bytes.into_bytes())
                }
            };
            files.push((name, bytes, "not_balans", None));
        }

        // Shuffle (Fisher–Yates) so problems and duplicates are spread out.
        let mut rng = Rng::new(seed ^ 0x5eed);
        for i in (1..files.len()).rev() {
            files.swap(i, rng.below(i + 1));
        }
        let mut manifest_files = Vec::new();
        for (name, bytes, expect, kept) in &files {
            std::fs::write(dir.join(name), bytes).map_err(|e| format!("{name}: {e}"))?;
            manifest_files.push(json!({ "file": name, "expect": expect, "kept": kept }));
        }
        kept.sort_by_key(balans::core::research::RecordKey::of);
        let rows: Vec<_> = kept
            .iter()
            .map(|e| {
                json!({
                    "respondent": e.respondent,
                    "member": e.member.clone().unwrap_or_default(),
                    "role": e.role.code(),
                    "moment": e.moment.code(),
                    "comp_selfconfidence_1": cell(e, "comp.selfconfidence.1"),
                    "bal_worries": cell(e, "bal.worries"),
                    "bal_strength": cell(e, "bal.strength"),
                })
            })
            .collect();
        let tally = |what: &str| files.iter().filter(|f| f.2 == what).count();
        let manifest = json!({
            "seed": seed,
            "key": key,
            "plans": options.plans,
            "places": options.places,
            "planted": {
                "condition": "goals_own_share",
                "own_goals_effect": options.own_goals_effect,
            },
            "files": manifest_files,
            "counts": {
                "imported": tally("imported"),
                "duplicate": tally("duplicate"),
                "damaged": tally("damaged"),
                "wrong_key": tally("wrong_key"),
                "not_balans": tally("not_balans"),
                "newer": tally("newer"),
            },
            "rows": rows,
        });
        let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
        std::fs::write(dir.join("manifest.json"), text).map_err(|e| e.to_string())?;
        eprintln!(
            "{} files in {out}: {} to import, {} duplicates, {} damaged, {} for another key, \
             {} not Balans, {} newer; {} dataset rows",
            files.len(),
            tally("imported"),
            tally("duplicate"),
            damaged,
            wrong_key,
            not_balans,
            newer,
            kept.len()
        );
        Ok(())
    }

    fn bench_import(args: &[String]) -> Result<(), String> {
        use std::time::Instant;
        let [key_file, dir] = args else {
            return Err("usage: balans-tool bench-import KEY_FILE DIR".to_string());
        };
        let key = std::fs::read_to_string(key_file).map_err(|e| format!("{key_file}: {e}"))?;
        let identity = parse_identity(&key).map_err(|e| format!("{key_file}: {e}"))?;
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| format!("{dir}: {e}"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            // The same files the browser bench chooses: all but the manifest.
            .filter(|p| p.file_name().is_some_and(|n| n != "manifest.json"))
            .collect();
        paths.sort();
        // Read every file first: the browser gets its files from disk too, but
        // the floor is about decrypting and importing, not the disk.
        let files: Vec<(String, Vec<u8>)> = paths
            .iter()
            .map(|p| {
                let name = p
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .to_string();
                std::fs::read(p)
                    .map(|b| (name, b))
                    .map_err(|e| format!("{}: {e}", p.display()))
            })
            .collect::<Result<_, _>>()?;

        let start = Instant::now();
        let decrypted = files
            .iter()
            .filter(|(_, b)| decrypt_bytes(b, &identity).is_ok())
            .count();
        let decrypt_ms = start.elapsed().as_secs_f64() * 1000.0;

        let start = Instant::now();
        let mut importer = Importer::new(ResearchData::default());
        for (name, bytes) in &files {
            importer.add_file(name, bytes, &identity);
        }
        let (data, _) = importer.finish();
        let csv = long_table(&data).to_csv();
        let pipeline_ms = start.elapsed().as_secs_f64() * 1000.0;
        println!(
            "{}",
            json!({
                "files": files.len(),
                "decrypted": decrypted,
                "records": data.len(),
                "csv_bytes": csv.len(),
                "decrypt_ms": decrypt_ms,
                "import_and_csv_ms": pipeline_ms,
            })
        );
        Ok(())
    }
}
