//! Host tests of the JSON → model mapping of issue 20's resources: invitations (an organization's and
//! the signed-in user's), membership requests, suggestions and the deleted object of a leave. The
//! fixtures (tests/fixtures/) are built from the schemas of the FAPI excerpt
//! (../shared/spec/fapi-openapi-invitations-excerpt.yml), and the `*-clerk-js-test.json` ones are the
//! inputs of clerk-js's own resource tests.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use clerk_membership::fapi::Envelope;
use clerk_membership::model::{
    parse, DeletedObject, Invalid, Invitation, MembershipRequest, Page, Suggestion,
};
use common::{fixture, snapshot};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

const INVITATION: &str = "organization invitation";
const REQUEST: &str = "organization membership request";
const SUGGESTION: &str = "organization suggestion";

/// A resource read from a JSON value, as `fromJSON` and every answer read it.
fn read<T: DeserializeOwned>(value: &Value, what: &'static str) -> Result<T, Invalid> {
    parse(value.to_string().as_bytes(), what)
}

fn invitation(value: &Value) -> Result<Invitation, Invalid> {
    read(value, INVITATION)
}

fn request(value: &Value) -> Result<MembershipRequest, Invalid> {
    read(value, REQUEST)
}

fn suggestion(value: &Value) -> Result<Suggestion, Invalid> {
    read(value, SUGGESTION)
}

fn metadata(raw: &clerk_membership::model::RawJson) -> Value {
    serde_json::from_str(raw.get()).expect("metadata is JSON")
}

/// `value` less the key at `path` (`a.b` for a nested one).
fn without(value: &Value, path: &str) -> Value {
    let mut value = value.clone();
    let (parent, key) = path.rsplit_once('.').map_or(("", path), |(p, k)| (p, k));
    let mut at = &mut value;
    for part in parent.split('.').filter(|p| !p.is_empty()) {
        at = &mut at[part];
    }
    at.as_object_mut().expect("an object").remove(key);
    value
}

#[test]
fn an_organizations_invitation_maps_every_field() {
    let i = invitation(&fixture("invitation.json")).expect("fixture parses");
    assert_eq!(i.id.as_str(), "orginv_2cK7pQ3rS4tU5vW6xY7zA8bC9dE");
    assert_eq!(i.email_address.as_str(), "grace@acme.test");
    assert_eq!(
        i.organization_id.as_str(),
        "org_2aZ9yX8wV7uT6sR5qP4oN3mL2kJ"
    );
    assert_eq!(
        (i.role.as_str(), i.role_name.as_deref()),
        ("org:member", Some("Member"))
    );
    assert_eq!(i.status.as_str(), "pending");
    assert!(i.is_pending());
    assert_eq!(
        metadata(&i.public_metadata),
        json!({"team": "compilers", "seat": 7})
    );
    assert_eq!(i.url, None);
    assert_eq!(i.expires_at.map(|t| t.0), Some(1_767_225_600_000));
    assert_eq!(
        (i.created_at.0, i.updated_at.0),
        (1_764_547_200_000, 1_764_547_200_456)
    );
    assert_eq!(i.public_organization_data, None);
}

#[test]
fn the_users_invitation_is_the_same_type_with_its_organization() {
    let i = invitation(&fixture("user-invitation.json")).expect("fixture parses");
    assert_eq!(i.email_address.as_str(), "ada@acme.test");
    assert_eq!(
        i.url.as_deref(),
        Some("https://accounts.acme.test/invitations/accept?token=t1")
    );
    assert_eq!(i.expires_at, None);
    let org = i.public_organization_data.as_ref().expect("organization");
    assert_eq!(
        (org.id.as_str(), org.name.as_str()),
        ("org_2bQ8wE7rT6yU5iO4pA3sD2fG1hJ", "Analytical Engines")
    );
    assert_eq!(org.slug, None);
    assert_eq!(org.image_url.as_str(), "https://img.clerk.com/engines.png");
    assert!(!org.has_image);
}

#[test]
fn clerk_js_test_inputs_give_what_clerk_js_exposes() {
    let i = invitation(&fixture("invitation-clerk-js-test.json")).expect("parses");
    assert_eq!(
        (
            i.id.as_str(),
            i.email_address.as_str(),
            i.organization_id.as_str()
        ),
        ("test_id", "test_email", "test_organization_id")
    );
    assert_eq!(
        (i.role.as_str(), i.role_name.as_deref()),
        ("basic_member", None)
    );
    assert_eq!(i.status.as_str(), "pending");
    assert_eq!(metadata(&i.public_metadata), json!({"public": "metadata"}));
    assert_eq!((i.created_at.0, i.updated_at.0), (12345, 5678));

    let r = request(&fixture("membership-request-clerk-js-test.json")).expect("parses");
    assert_eq!(
        (r.id.as_str(), r.organization_id.as_str(), r.status.as_str()),
        ("test_id", "test_org_id", "pending")
    );
    let user = r.public_user_data.as_ref().expect("public_user_data");
    assert_eq!(user.first_name.as_deref(), Some("test_first_name"));
    assert_eq!(user.last_name.as_deref(), Some("test_last_name"));
    assert_eq!(user.identifier.as_str(), "test@identifier.gr");
    assert_eq!(user.image_url.as_str(), "https://clerk.com");
    assert!(user.has_image);
    assert_eq!(user.user_id, None, "its `id` is not the user id");

    let s = suggestion(&fixture("suggestion-clerk-js-test.json")).expect("parses");
    assert_eq!((s.id.as_str(), s.status.as_str()), ("test_id", "pending"));
    assert!(s.is_pending());
    let org = s.public_organization_data.as_ref().expect("organization");
    assert_eq!(
        (
            org.id.as_str(),
            org.name.as_str(),
            org.slug.as_deref(),
            org.image_url.as_str(),
            org.has_image
        ),
        (
            "test_org_id",
            "Test org",
            Some("test-org"),
            "test_image_url",
            true
        )
    );
    assert_eq!((s.created_at.0, s.updated_at.0), (12345, 5678));
}

#[test]
fn a_membership_request_maps_every_field() {
    let r = request(&fixture("membership-request.json")).expect("fixture parses");
    assert_eq!(
        r.organization_id.as_str(),
        "org_2aZ9yX8wV7uT6sR5qP4oN3mL2kJ"
    );
    assert!(r.is_pending());
    let user = r.public_user_data.as_ref().expect("public_user_data");
    assert_eq!(
        user.user_id.as_deref(),
        Some("user_2Charles0000000000000000")
    );
    assert_eq!(user.identifier.as_str(), "charles@acme.test");
    assert!(user.has_image && !user.banned && !user.deprovisioned);
    assert_eq!(
        (r.created_at.0, r.updated_at.0),
        (1_764_720_000_000, 1_764_720_000_789)
    );
}

#[test]
fn required_fields_are_refused_at_their_path() {
    let cases: [(&str, &str, Value); 4] = [
        (
            INVITATION,
            "id email_address role created_at updated_at",
            fixture("user-invitation.json"),
        ),
        (
            REQUEST,
            "id organization_id status created_at updated_at",
            fixture("membership-request.json"),
        ),
        (
            SUGGESTION,
            "id status created_at updated_at public_organization_data.id public_organization_data.name",
            fixture("suggestion-clerk-js-test.json"),
        ),
        (
            INVITATION,
            "public_organization_data.id public_organization_data.name",
            fixture("user-invitation.json"),
        ),
    ];
    for (what, required, value) in cases {
        for path in required.split(' ') {
            let broken = without(&value, path);
            let error = match what {
                INVITATION => invitation(&broken).map(drop),
                REQUEST => request(&broken).map(drop),
                _ => suggestion(&broken).map(drop),
            }
            .expect_err(path);
            assert_eq!(
                (error.what, error.path.as_str(), error.problem.as_str()),
                (what, path, "required field is missing")
            );
            // `null` is no value either.
            let mut null = value.clone();
            let (parent, key) = path.rsplit_once('.').unwrap_or(("", path));
            let at = if parent.is_empty() {
                &mut null
            } else {
                &mut null[parent]
            };
            at[key] = Value::Null;
            let refused = match what {
                INVITATION => invitation(&null).is_err(),
                REQUEST => request(&null).is_err(),
                _ => suggestion(&null).is_err(),
            };
            assert!(refused, "{what}: {path} null");
        }
    }
}

#[test]
fn nulls_and_absences_take_their_defaults() {
    let i = invitation(&json!({
        "id": "orginv_1", "email_address": "a@b.test", "role": "org:member",
        "created_at": 1, "updated_at": 2, "organization_id": null, "status": null,
        "role_name": null, "public_metadata": null, "public_organization_data": null,
        "url": null, "expires_at": null,
    }))
    .expect("parses");
    assert_eq!((i.organization_id.as_str(), i.status.as_str()), ("", ""));
    assert!(!i.is_pending());
    assert_eq!(i.role_name, None);
    assert_eq!(metadata(&i.public_metadata), json!({}));
    assert_eq!(i.public_organization_data, None);
    assert_eq!((i.url.clone(), i.expires_at), (None, None));
    let bare = json!({ "id": "orginv_1", "email_address": "a@b.test", "role": "org:member",
                       "created_at": 1, "updated_at": 2 });
    assert_eq!(invitation(&bare).expect("absent keys"), i);

    let r = request(
        &json!({ "id": "r_1", "organization_id": "org_1", "status": "pending",
                             "public_user_data": null, "created_at": 1, "updated_at": 2 }),
    )
    .expect("parses");
    assert_eq!(r.public_user_data, None);

    let s = suggestion(&json!({ "id": "s_1", "status": "accepted", "created_at": 1, "updated_at": 2,
        "public_organization_data": { "id": "org_1", "name": "N", "slug": null, "image_url": null, "has_image": null } }))
    .expect("parses");
    let org = s.public_organization_data.as_ref().expect("organization");
    assert_eq!(
        (org.slug.clone(), org.image_url.as_str(), org.has_image),
        (None, "", false)
    );
    assert!(!s.is_pending());
}

#[test]
fn statuses_clerk_does_not_document_yet_are_kept_and_never_fail_a_page() {
    let mut page = fixture("envelope-invitations-page.json");
    page["response"]["data"][1]["status"] = json!("some_status_of_2030");
    let envelope =
        Envelope::<Page<Invitation>>::parse(page.to_string().as_bytes(), "page of invitations")
            .expect("an unknown status is a status");
    let statuses: Vec<&str> = envelope
        .response
        .data
        .iter()
        .map(|i| i.status.as_str())
        .collect();
    assert_eq!(statuses, ["pending", "some_status_of_2030"]);
    // What is refused is a status that is not a string.
    page["response"]["data"][1]["status"] = json!(3);
    let error =
        Envelope::<Page<Invitation>>::parse(page.to_string().as_bytes(), "page of invitations")
            .unwrap_err();
    assert_eq!(error.path(), Some("data[1].status"));
}

#[test]
fn ill_typed_fields_are_named_by_their_path() {
    let base = fixture("user-invitation.json");
    for (path, value) in [
        ("email_address", json!(["a@b.test"])),
        ("expires_at", json!("2026-01-01")),
        ("url", json!(5)),
        ("public_metadata", json!("x")),
        ("public_organization_data", json!("org_1")),
        ("public_organization_data.has_image", json!("yes")),
        ("role_name", json!(false)),
    ] {
        let mut broken = base.clone();
        match path.split_once('.') {
            Some((parent, key)) => broken[parent][key] = value,
            None => broken[path] = value,
        }
        assert_eq!(invitation(&broken).unwrap_err().path, path);
    }
    let mut broken = fixture("membership-request.json");
    broken["public_user_data"]["user_id"] = json!(7);
    assert_eq!(
        request(&broken).unwrap_err().path,
        "public_user_data.user_id"
    );
}

#[test]
fn snapshots_round_trip_with_object_first() {
    let i = invitation(&fixture("user-invitation.json")).unwrap();
    let text = serde_json::to_string(&i).unwrap();
    assert!(
        text.starts_with(
            r#"{"object":"organization_invitation","id":"orginv_2cM1nB2vC3xZ4aS5dF6gH7jK8lQ","#
        ),
        "{text}"
    );
    let written: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(written["created_at"], 1_764_633_600_000_i64);
    assert_eq!(written["expires_at"], Value::Null);
    assert_eq!(
        written["public_organization_data"],
        json!({ "id": "org_2bQ8wE7rT6yU5iO4pA3sD2fG1hJ", "name": "Analytical Engines", "slug": null,
                "image_url": "https://img.clerk.com/engines.png", "has_image": false }),
        "no object key: the Frontend API sends none"
    );
    assert_eq!(invitation(&written).unwrap(), i);

    let r = request(&fixture("membership-request.json")).unwrap();
    let text = serde_json::to_string(&r).unwrap();
    assert!(
        text.starts_with(r#"{"object":"organization_membership_request","id":"#),
        "{text}"
    );
    assert_eq!(request(&serde_json::from_str(&text).unwrap()).unwrap(), r);

    let s = suggestion(&fixture("suggestion-clerk-js-test.json")).unwrap();
    let text = serde_json::to_string(&s).unwrap();
    assert!(
        text.starts_with(r#"{"object":"organization_suggestion","id":"test_id","#),
        "{text}"
    );
    assert_eq!(
        suggestion(&serde_json::from_str(&text).unwrap()).unwrap(),
        s
    );
}

#[test]
fn an_organizations_invitations_page_and_a_bulk_answer_are_pages() {
    let page = fixture("envelope-invitations-page.json").to_string();
    let envelope = Envelope::<Page<Invitation>>::parse(page.as_bytes(), "page of invitations")
        .expect("a page");
    assert_eq!(envelope.response.total_count, 7);
    assert_eq!(envelope.response.data.len(), 2);
    assert_eq!(envelope.response.data[1].status.as_str(), "revoked");
    assert_eq!(envelope.client(), None);

    // The bulk endpoint answers with a bare array (clerk-js maps `response` as one): the same page type.
    let bulk = fixture("envelope-invitations-bulk.json").to_string();
    let envelope = Envelope::<Page<Invitation>>::parse(bulk.as_bytes(), "list of invitations")
        .expect("an array");
    let ids: Vec<&str> = envelope
        .response
        .data
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(ids, ["orginv_bulk1", "orginv_bulk2"]);
    assert_eq!(envelope.response.total_count, 2);
    assert!(envelope.client().is_some_and(|c| c.contains("client_1")));

    let mut broken = fixture("envelope-invitations-page.json");
    broken["response"]["data"][1]
        .as_object_mut()
        .unwrap()
        .remove("email_address");
    let error =
        Envelope::<Page<Invitation>>::parse(broken.to_string().as_bytes(), "page of invitations")
            .unwrap_err();
    assert_eq!(error.code(), "invalid_response");
    assert_eq!(error.path(), Some("data[1].email_address"));
    assert!(error.to_string().contains("page of invitations"), "{error}");
}

#[test]
fn requests_and_suggestions_pages_read_like_the_others() {
    let request = fixture("membership-request.json");
    let body = json!({ "response": { "data": [request.clone(), request], "total_count": 2 }, "client": null });
    let page = Envelope::<Page<MembershipRequest>>::parse(
        body.to_string().as_bytes(),
        "page of membership requests",
    )
    .expect("a page");
    assert_eq!(
        (page.response.data.len(), page.response.total_count),
        (2, 2)
    );

    let suggestion = fixture("suggestion-clerk-js-test.json");
    let mut broken = suggestion.clone();
    broken["public_organization_data"]["name"] = json!(null);
    let body = json!({ "response": { "data": [suggestion, broken], "total_count": 2 } });
    let error = Envelope::<Page<Suggestion>>::parse(
        body.to_string().as_bytes(),
        "page of organization suggestions",
    )
    .unwrap_err();
    assert_eq!(error.path(), Some("data[1].public_organization_data.name"));
}

#[test]
fn leaving_answers_with_a_deleted_object() {
    let body = fixture("envelope-leave.json").to_string();
    let envelope =
        Envelope::<DeletedObject>::parse(body.as_bytes(), "deleted object").expect("parses");
    let gone = &envelope.response;
    assert_eq!(gone.object.as_str(), "organization_membership");
    assert_eq!(
        gone.id.as_deref(),
        Some("orgmem_2bH4kX9qLmN0pQrStUvWxYz1A2b")
    );
    assert_eq!(gone.slug, None);
    assert!(gone.deleted);
    assert!(envelope.client().is_some());
    assert_eq!(
        snapshot(gone),
        json!({ "object": "organization_membership", "id": "orgmem_2bH4kX9qLmN0pQrStUvWxYz1A2b", "slug": null, "deleted": true })
    );
    for key in ["object", "deleted"] {
        let error = read::<DeletedObject>(
            &without(&fixture("envelope-leave.json")["response"], key),
            "deleted object",
        )
        .unwrap_err();
        assert_eq!(error.path, key);
    }
}

#[test]
fn an_invitation_without_its_organization_is_placed_in_the_one_it_was_listed_for() {
    let full = fixture("invitation.json");
    let named = invitation(&full).expect("fixture parses");
    let own = named.organization_id.as_str().to_owned();
    assert!(!own.is_empty());
    // One that names its organization keeps it.
    assert_eq!(named.placed("org_other").organization_id.as_str(), own);
    // One that does not (the excerpt does not require it) is the listing organization's.
    let bare = invitation(&without(&full, "organization_id")).expect("organization_id is optional");
    assert_eq!(bare.organization_id.as_str(), "");
    assert_eq!(
        bare.placed("org_listed").organization_id.as_str(),
        "org_listed"
    );
}
