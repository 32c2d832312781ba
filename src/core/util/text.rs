//! Small text helpers shared by file names and ids.

/// Lowercase ASCII letters, digits and '-', at most 32 characters.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(32).collect();
    if out.is_empty() {
        "x".to_string()
    } else {
        out
    }
}

/// Bytes as lowercase hex digits: the short ids of questionnaires and
/// workspaces (the first 8 bytes of a SHA-256).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_file_names_safe() {
        assert_eq!(slug("Demo-onderzoek Balans"), "demo-onderzoek-balans");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("<script>"), "script");
        assert_eq!(slug("ééé"), "x");
    }
}
