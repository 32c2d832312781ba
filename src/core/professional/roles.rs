//! Today's household member roles, as the workspace offers them: partner,
//! kind N, ouder, broer of zus, ander gezinslid N. A label from an older
//! file that is none of these is still accepted (its answers must not be
//! lost), with a warning on the screen that read it in.

/// Whether `label` is one of today's household member roles: `partner`,
/// `ouder`, `broer of zus`, or `kind` / `ander gezinslid` with an optional
/// number (`kind 2`). Case and surrounding spaces do not matter.
pub fn is_known_role(label: &str) -> bool {
    let label = label.trim().to_lowercase();
    let numbered = |base: &str| {
        label.strip_prefix(base).is_some_and(|rest| {
            rest.is_empty()
                || rest.strip_prefix(' ').is_some_and(|n| {
                    !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit())
                })
        })
    };
    matches!(label.as_str(), "partner" | "ouder" | "broer of zus")
        || numbered("kind")
        || numbered("ander gezinslid")
}
