//! `Retry-After` values. What the code does, pinned precisely: on a 429, `retry_after` is
//! `Some(n)` exactly when the header, with Unicode white space trimmed from both ends, is one
//! optional `+` and ASCII digits whose value fits a `u32`; otherwise (an HTTP date, a fraction, a
//! negative or larger number) it is `None`, and the call is not retried. Other statuses never
//! carry one. No header value makes it panic.

use clerk_membership::fapi::ApiError;
use proptest::prelude::*;

/// The seconds a header gives, by the rule above, computed digit by digit (no `str::parse`).
fn seconds(header: &str) -> Option<u32> {
    let trimmed = header.trim_matches(char::is_whitespace);
    let digits = trimmed.strip_prefix('+').unwrap_or(trimmed);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.bytes().try_fold(0u32, |n, digit| {
        n.checked_mul(10)?.checked_add(u32::from(digit - b'0'))
    })
}

/// Header values: any text, and numbers with every white space, sign and length around `u32::MAX`.
fn header() -> impl Strategy<Value = String> {
    let space = proptest::sample::select(vec![
        "", " ", "\t", "\n", "\r\n", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{2003}", "\u{3000}",
        "\u{feff}", "\u{200b}", "\u{0}",
    ]);
    let sign = proptest::sample::select(vec!["", "", "+", "-", "++", "+-", " +"]);
    let digits = prop_oneof![
        "[0-9]{1,12}",
        "0{0,30}[0-9]{1,10}",
        proptest::sample::select(vec![
            "0",
            "4294967295",
            "4294967296",
            "18446744073709551616",
            "99999999999999999999999",
        ])
        .prop_map(str::to_owned),
        "[0-9]{1,4}[.,e][0-9]{0,3}",
        "[٠-٩０-９]{1,3}",
    ];
    prop_oneof![
        2 => any::<String>(),
        6 => (space.clone(), sign, digits, space).prop_map(|(a, s, d, b)| format!("{a}{s}{d}{b}")),
        1 => Just("Wed, 21 Oct 2015 07:28:00 GMT".to_owned()),
        1 => Just(String::new()),
    ]
}

proptest! {
    #![proptest_config(crate::run())]

    #[test]
    fn retry_after_is_the_whole_seconds_of_a_429_and_nothing_else(
        status in prop_oneof![3 => Just(429u16), 1 => any::<u16>()],
        header in proptest::option::of(header()),
    ) {
        let error = ApiError::new(status, "", b"", header.as_deref());
        let expected = header.as_deref().filter(|_| status == 429).and_then(seconds);
        prop_assert_eq!(error.retry_after, expected, "{:?}", header);
    }
}

#[test]
fn the_rule_s_edges_are_what_the_code_does() {
    let retry = |header: &str| ApiError::new(429, "", b"", Some(header)).retry_after;
    assert_eq!(retry("30"), Some(30));
    assert_eq!(retry(" 30\t"), Some(30));
    assert_eq!(retry("0"), Some(0));
    assert_eq!(retry("007"), Some(7));
    // Looser than HTTP's `delay-seconds = 1*DIGIT`: a plus sign and Unicode spaces are accepted.
    assert_eq!(retry("+30"), Some(30));
    assert_eq!(retry("\u{3000}30\u{a0}"), Some(30));
    assert_eq!(retry("4294967295"), Some(u32::MAX));
    // Past u32: no number at all (neither wrapped nor clamped), so the 429 is not retried.
    assert_eq!(retry("4294967296"), None);
    for header in [
        "",
        "-1",
        "30.5",
        "3e1",
        "٣",
        "\u{feff}30",
        "30 s",
        "Wed, 21 Oct 2015 07:28:00 GMT",
    ] {
        assert_eq!(retry(header), None, "{header:?}");
    }
    assert_eq!(ApiError::new(503, "", b"", Some("30")).retry_after, None);
}
