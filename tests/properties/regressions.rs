//! The bugs the properties found, each pinned by the smallest input that showed it.

use clerk_membership::model::{parse, Membership};
use serde_json::json;

use crate::common::fixture;

const MEMBERSHIP: &str = "organization membership";

fn read(membership: &serde_json::Value) -> Result<Membership, clerk_membership::model::Invalid> {
    parse(membership.to_string().as_bytes(), MEMBERSHIP)
}

/// `ms.abs()` overflowed for `i64::MIN`: a panic in a debug build, and in a release build (the
/// wasm) a timestamp far outside the range of a `Date`, accepted.
#[test]
fn a_timestamp_of_i64_min_is_refused_not_a_panic() {
    let mut membership = fixture("membership-admin.json");
    membership["created_at"] = json!(i64::MIN);
    let refused = read(&membership).unwrap_err();
    assert_eq!(refused.path, "created_at");
    assert!(refused.problem.contains("range of a Date"), "{}", refused.problem);
}
