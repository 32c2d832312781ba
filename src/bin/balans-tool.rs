//! Developer and test helper (native only): makes invitation links and reads
//! exports. The app itself never needs it.
//!
//! ```text
//! balans-tool link [--base URL] [--respondent CODE] [--moment T0|T1|T2]
//!                  [--member NAME] [--pro-key age1…] [--pro-name NAME] [--lang nl|en]
//! balans-tool decrypt KEY_FILE EXPORT_FILE     prints the envelope as JSON
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
    use balans::core::{decrypt, demo_invitation, invitation_link, parse_identity, Lang, Moment};

    fn flag(args: &[String], name: &str) -> Option<String> {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    }

    pub fn run(args: Vec<String>) -> Result<(), String> {
        match args.first().map(String::as_str) {
            Some("link") => link(&args[1..]),
            Some("decrypt") => decrypt_file(&args[1..]),
            _ => Err(
                "usage: balans-tool link [options] | decrypt KEY_FILE EXPORT_FILE \
                 (see src/bin/balans-tool.rs)"
                    .to_string(),
            ),
        }
    }

    fn link(args: &[String]) -> Result<(), String> {
        let lang = match flag(args, "--lang") {
            Some(code) => Lang::from_code(&code).ok_or(format!("unknown language {code}"))?,
            None => Lang::Nl,
        };
        let mut invitation = demo_invitation(lang);
        if let Some(code) = flag(args, "--respondent") {
            invitation.respondent = code;
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
        let identity = parse_identity(&key).map_err(|e| format!("{key_file}: {e:?}"))?;
        let file = std::fs::read(export_file).map_err(|e| format!("{export_file}: {e}"))?;
        let envelope = decrypt(&file, &identity).map_err(|e| format!("{export_file}: {e}"))?;
        println!(
            "{}",
            serde_json::to_string_pretty(&envelope).expect("envelopes serialize")
        );
        Ok(())
    }
}
