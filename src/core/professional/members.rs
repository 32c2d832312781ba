//! Household members are chosen from a list of roles, never typed: a label
//! is a role's code with a number where a household can have more than one
//! (`partner`, `kind-1`, `kind-2`, `ouder-1`, `broer-zus-1`, `gezinslid-1`).
//!
//! Why codes and not free text: a label travels in the invitation link, the
//! citizen's file and the research data, so a name typed there ("Jan")
//! would leave the device. The codes are Dutch because the labels already
//! stored and sent (`partner`, `kind-1`) were; the screen shows each role in
//! the reader's language through the catalogue (`member.role.<code>`).
//! A label from an older workspace or file that is not a role is still
//! shown (as it is), so no answers are lost.

/// A household member's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MemberRole {
    /// The respondent's partner (one per household: no number).
    Partner,
    /// A child (numbered).
    Child,
    /// A parent (numbered).
    Parent,
    /// A brother or sister (numbered).
    Sibling,
    /// Another member of the household (numbered).
    Other,
}

impl MemberRole {
    /// Every role, in the order the list shows them.
    pub const ALL: [MemberRole; 5] = [
        MemberRole::Partner,
        MemberRole::Child,
        MemberRole::Parent,
        MemberRole::Sibling,
        MemberRole::Other,
    ];

    /// The stable code, the start of every label of this role.
    pub fn code(self) -> &'static str {
        match self {
            MemberRole::Partner => "partner",
            MemberRole::Child => "kind",
            MemberRole::Parent => "ouder",
            MemberRole::Sibling => "broer-zus",
            MemberRole::Other => "gezinslid",
        }
    }

    /// The role for a code.
    pub fn from_code(code: &str) -> Option<MemberRole> {
        MemberRole::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether a household has one of this role at most.
    pub fn is_single(self) -> bool {
        self == MemberRole::Partner
    }

    /// Catalogue key of the role's name in the list ("Kind").
    pub fn name_key(self) -> &'static str {
        match self {
            MemberRole::Partner => "member.role.partner",
            MemberRole::Child => "member.role.kind",
            MemberRole::Parent => "member.role.ouder",
            MemberRole::Sibling => "member.role.broer-zus",
            MemberRole::Other => "member.role.gezinslid",
        }
    }

    /// The label of the `number`th member of this role (`kind-2`).
    pub fn label(self, number: u32) -> String {
        if self.is_single() {
            self.code().to_string()
        } else {
            format!("{}-{number}", self.code())
        }
    }
}

/// Highest number a numbered role takes (a household of more is unlikely;
/// the limit keeps a label short).
pub const MAX_ROLE_NUMBER: u32 = 99;

/// Reads a label back into its role and number (`None` for a label that is
/// not a role, such as a name typed in an older version).
pub fn parse_member_label(label: &str) -> Option<(MemberRole, Option<u32>)> {
    if let Some(role) = MemberRole::from_code(label) {
        return role.is_single().then_some((role, None));
    }
    let (code, number) = label.rsplit_once('-')?;
    let role = MemberRole::from_code(code).filter(|r| !r.is_single())?;
    // Only the form this module writes: no sign, no leading zero.
    if number.starts_with('0') || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: u32 = number.parse().ok()?;
    (1..=MAX_ROLE_NUMBER)
        .contains(&number)
        .then_some((role, Some(number)))
}

/// Whether a label is one of today's roles.
pub fn is_known_role(label: &str) -> bool {
    parse_member_label(label).is_some()
}

/// What the screen shows for a label: the catalogue key of its role and
/// its number, or `None` for a label that is not a role (shown as it is).
pub fn member_display(label: &str) -> Option<(&'static str, Option<u32>)> {
    parse_member_label(label).map(|(role, n)| (role.name_key(), n))
}

/// The label for the next member of `role`: the lowest number that no
/// member has now or had before (`taken` holds both), so a new child never
/// takes over a removed child's invitations and files.
pub fn next_label<'a>(
    role: MemberRole,
    taken: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let taken: Vec<&str> = taken.into_iter().collect();
    if role.is_single() {
        let label = role.label(1);
        return (!taken.contains(&label.as_str())).then_some(label);
    }
    (1..=MAX_ROLE_NUMBER)
        .map(|n| role.label(n))
        .find(|label| !taken.contains(&label.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_back() {
        for role in MemberRole::ALL {
            for n in [1, 2, 99] {
                let label = role.label(n);
                let number = (!role.is_single()).then_some(n);
                assert_eq!(parse_member_label(&label), Some((role, number)), "{label}");
            }
        }
        for label in [
            "Jan",
            "kind",
            "kind-0",
            "kind-01",
            "kind-100",
            "partner-1",
            "kind--1",
            "",
        ] {
            assert_eq!(parse_member_label(label), None, "{label}");
        }
    }
}
