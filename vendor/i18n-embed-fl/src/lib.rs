//! `fl!(loader, "message-id", args…)` as age calls it, without fluent: it
//! expands to `String::from("message-id")`, so the loader (age's
//! `LANGUAGE_LOADER` with its embedded translations) is never used and the
//! linker drops it. See Cargo.toml for why.

use proc_macro::{Delimiter, TokenStream, TokenTree};

/// The message id as a `String`.
#[proc_macro]
pub fn fl(input: TokenStream) -> TokenStream {
    let mut past_loader = false;
    for token in input {
        match token {
            TokenTree::Punct(p) if p.as_char() == ',' && !past_loader => past_loader = true,
            other if past_loader => {
                if let Some(id) = literal(other) {
                    return format!("::std::string::String::from({id})")
                        .parse()
                        .unwrap_or_default();
                }
                break;
            }
            _ => {}
        }
    }
    "::core::compile_error!(\"fl!: expected a loader and a message id\")"
        .parse()
        .unwrap_or_default()
}

/// The literal, also when a `macro_rules!` caller passed it in an invisible
/// group (`$message_id:literal`).
fn literal(token: TokenTree) -> Option<String> {
    match token {
        TokenTree::Literal(l) => Some(l.to_string()),
        TokenTree::Group(g) if g.delimiter() == Delimiter::None => {
            g.stream().into_iter().next().and_then(literal)
        }
        _ => None,
    }
}
