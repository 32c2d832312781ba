//! Small text helpers shared by file names and ids.

/// Lowercase ASCII letters, digits and '-', at most 32 characters.
pub fn slug(text: &str) -> String {
    slug_with(text, |c| c.to_ascii_lowercase())
}

/// [`slug`] keeping upper case letters: for respondent codes, which are
/// upper case ("R-0107"), so a file name shows the code as it is written.
pub fn slug_keep_case(text: &str) -> String {
    slug_with(text, |c| c)
}

fn slug_with(text: &str, case: impl Fn(char) -> char) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(case(c));
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

/// A `mailto:` address writing an e-mail to `address` with `subject` and
/// `body` (RFC 6068), or `None` when `address` is no e-mail address (a study
/// contact may be a phone number). A `mailto:` cannot attach a file, so the
/// screen that offers it has to say so.
pub fn mailto(address: &str, subject: &str, body: &str) -> Option<String> {
    let address = address.trim();
    let (user, domain) = address.split_once('@')?;
    let plain = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._+-".contains(c))
    };
    if !plain(user) || !plain(domain) || !domain.contains('.') {
        return None;
    }
    Some(format!(
        "mailto:{address}?subject={}&body={}",
        percent_encode(subject),
        percent_encode(body)
    ))
}

/// Every byte but the unreserved ones (RFC 3986) as `%XX`, so no text can
/// add or change a header of a `mailto:` address.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Issue 12: the send screen offers an e-mail to the study's contact.
    #[test]
    fn mailto_encodes_everything_and_refuses_what_is_no_address() {
        assert_eq!(
            mailto("onderzoek@balans.example", "Mijn antwoorden", "a&b=c?\nd é").as_deref(),
            Some("mailto:onderzoek@balans.example?subject=Mijn%20antwoorden&body=a%26b%3Dc%3F%0Ad%20%C3%A9")
        );
        assert_eq!(mailto("06-12345678", "s", "b"), None);
        assert_eq!(mailto("a@b.nl?bcc=x@y.nl", "s", "b"), None);
        assert_eq!(mailto("@b.nl", "s", "b"), None);
        assert_eq!(mailto("a@localhost", "s", "b"), None);
    }

    #[test]
    fn slugs_keep_file_names_safe() {
        assert_eq!(slug("Demo-onderzoek Balans"), "demo-onderzoek-balans");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("<script>"), "script");
        assert_eq!(slug("ééé"), "x");
        assert_eq!(slug_keep_case("R-0107"), "R-0107");
        assert_eq!(slug_keep_case("../R 0107"), "R-0107");
    }
}
