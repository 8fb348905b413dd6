//! Email addresses as the invitation endpoints take them: trimmed, compared without regard to case, and
//! checked for the shape every deliverable address has. FAPI answers `422 form_param_format_invalid` for
//! one that is not an address (Clerk's Frontend API errors index, "Form Invalid Email Address").
//!
//! The check is the emulator's own and deliberately plain (RFC 5321 sizes, RFC 5322 `dot-atom` local
//! parts, DNS-label domains with at least one dot): it refuses what no mail server would take, which is
//! what a client must be able to provoke, and nothing that Clerk would accept in practice.

/// The longest address SMTP carries (RFC 5321 §4.5.3.1.3: a 256-octet path minus its angle brackets).
const MAX_ADDRESS: usize = 254;
/// RFC 5321 §4.5.3.1.1.
const MAX_LOCAL_PART: usize = 64;
/// RFC 1035 §2.3.4.
const MAX_LABEL: usize = 63;

/// `text` trimmed and lowercased when it has an address's shape, else `None`.
pub fn normalize(text: &str) -> Option<String> {
    let address = text.trim();
    let (local, domain) = address.split_once('@')?;
    let valid =
        address.len() <= MAX_ADDRESS && local_part_is_valid(local) && domain_is_valid(domain);
    valid.then(|| address.to_ascii_lowercase())
}

/// A `dot-atom`: atoms of `atext` joined by single dots (RFC 5322 §3.2.3).
fn local_part_is_valid(local: &str) -> bool {
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
    !local.is_empty()
        && local.len() <= MAX_LOCAL_PART
        && local
            .split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(atext))
}

/// Two or more DNS labels: letters, digits and inner hyphens.
fn domain_is_valid(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= MAX_LABEL
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn addresses_are_trimmed_and_lowercased() {
        assert_eq!(
            normalize("  Nikola.Tesla@Example.TEST ").as_deref(),
            Some("nikola.tesla@example.test")
        );
        assert_eq!(
            normalize("o'brien+clerk@mail.acme-rockets.io").as_deref(),
            Some("o'brien+clerk@mail.acme-rockets.io")
        );
    }

    #[test]
    fn what_is_not_an_address_is_refused() {
        let long_local = format!("{}@acme.test", "a".repeat(65));
        let long_address = format!("a@{}.test", "b.".repeat(130));
        for bad in [
            "",
            "   ",
            "ada",
            "ada@",
            "@acme.test",
            "ada@acme",
            "ada@@acme.test",
            "ada@acme..test",
            "ada@-acme.test",
            "ada@acme-.test",
            "ada lovelace@acme.test",
            "ada@acme test",
            ".ada@acme.test",
            "ada.@acme.test",
            "a..da@acme.test",
            "ada@acme.test,grace@acme.test",
            "\"ada\"@acme.test",
            "adä@acme.test",
            &long_local,
            &long_address,
        ] {
            assert_eq!(normalize(bad), None, "{bad:?}");
        }
    }
}
