//! Invitations, membership requests, suggestions and leaving over real HTTP, called as clerk-js calls them
//! (its `OrganizationInvitation.ts`, `OrganizationMembershipRequest.ts`, `UserOrganizationInvitation.ts`,
//! `OrganizationSuggestion.ts` and `Organization.ts`): every rule with its status and code, the status
//! filters and pages, `pending_invitations_count` wherever an organization shows, `--state`, and every
//! answer, success or error, checked against the schemas of the FAPI excerpts in `fixtures/`.

mod common;
use common::*;
use serde_json::{json, Value};
use std::ffi::OsStr;

const INVITATIONS: &str = "/v1/organizations/{organization_id}/invitations";
const BULK: &str = "/v1/organizations/{organization_id}/invitations/bulk";
const PENDING: &str = "/v1/organizations/{organization_id}/invitations/pending";
const REVOKE: &str = "/v1/organizations/{organization_id}/invitations/{invitation_id}/revoke";
const REQUESTS: &str = "/v1/organizations/{organization_id}/membership_requests";
const ACCEPT_REQUEST: &str =
    "/v1/organizations/{organization_id}/membership_requests/{request_id}/accept";
const REJECT_REQUEST: &str =
    "/v1/organizations/{organization_id}/membership_requests/{request_id}/reject";
const MY_INVITATIONS: &str = "/v1/me/organization_invitations";
const ACCEPT_MY_INVITATION: &str = "/v1/me/organization_invitations/{invitation_id}/accept";
const MY_SUGGESTIONS: &str = "/v1/me/organization_suggestions";
const ACCEPT_MY_SUGGESTION: &str = "/v1/me/organization_suggestions/{suggestion_id}/accept";
const MEMBERS: &str = "/v1/organizations/{organization_id}/memberships";
const MY_MEMBERSHIPS: &str = "/v1/me/organization_memberships";
const LEAVE: &str = "/v1/me/organization_memberships/{organization_id}";

// The default seed's invitations, requests and suggestions (emulator README, "The default seed").
const TIM_TO_ACME: &str = "orginv_2aAcmeTim0Pending4Kq7";
const CHARLES_TO_ACME: &str = "orginv_2aAcmeCharles0Revoke5W";
const BARBARA_TO_ACME: &str = "orginv_2aAcmeBarbara0Accept8Q";
const CLAUDE_ASKS_ACME: &str = "orgreq_2aAcmeClaude0Pend3Hm8";
const JOHN_ASKED_ACME: &str = "orgreq_2aAcmeJohn0Rejected9Kp";
const EDSGER_ASKS_ACME: &str = "orgreq_2aAcmeEdsger0Pend6Jn2";
const TIM_ASKS_GLOBEX: &str = "orgreq_2bGlobexTim0Pend3Lq7";
const ADA_MAY_JOIN_INITECH: &str = "orgsug_2cInitechAda0Pend4Rt6";
const TIM_MAY_JOIN_GLOBEX: &str = "orgsug_2bGlobexTim0Accept8Yx";

/// A signed-in user calling the Frontend API as clerk-js does: the call's own query first, then
/// `__clerk_api_version`, `_clerk_js_version`, `_method` for a PATCH or DELETE, and the dev-browser token;
/// every non-GET a form POST. Every answer is checked against the excerpts.
struct Signed<'a> {
    emu: &'a Emulator,
    token: String,
}

fn signed_in<'a>(emu: &'a Emulator, user: &str) -> Signed<'a> {
    Signed {
        emu,
        token: emu.token(Some(user)),
    }
}

/// `template` with its `{…}` segments replaced by `ids`, in order.
fn fill(template: &str, ids: &[&str]) -> String {
    let mut ids = ids.iter();
    template
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                (*ids.next().expect("an id for every segment")).to_owned()
            } else {
                segment.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

impl Signed<'_> {
    fn call(&self, method: &str, template: &str, ids: &[&str], query: &str, body: &str) -> Reply {
        let mut target = fill(template, ids);
        target.push('?');
        if !query.is_empty() {
            target.push_str(query);
            target.push('&');
        }
        target.push_str("__clerk_api_version=2026-08-20&_clerk_js_version=6.40.0");
        if matches!(method, "PATCH" | "DELETE") {
            target.push_str(&format!("&_method={method}"));
        }
        target.push_str(&format!("&__clerk_db_jwt={}", self.token));
        let reply = if method == "GET" {
            self.emu.get(&target)
        } else {
            self.emu.post_form(&target, body)
        };
        reply.assert_fits(method, template);
        reply
    }

    fn get(&self, template: &str, ids: &[&str], query: &str) -> Reply {
        self.call("GET", template, ids, query, "")
    }

    fn post(&self, template: &str, ids: &[&str], body: &str) -> Reply {
        self.call("POST", template, ids, "", body)
    }

    /// A 200's `response`.
    fn ok(reply: Reply) -> Value {
        assert_eq!(reply.status, 200, "{}", reply.text());
        let body = reply.json();
        assert_eq!(keys(&body), ["client", "response"], "{body}");
        body["response"].clone()
    }

    fn invitations(&self, org: &str, query: &str) -> Value {
        Self::ok(self.get(INVITATIONS, &[org], query))
    }

    fn invite(&self, org: &str, body: &str) -> Reply {
        self.post(INVITATIONS, &[org], body)
    }

    fn invite_many(&self, org: &str, body: &str) -> Reply {
        self.post(BULK, &[org], body)
    }

    fn revoke(&self, org: &str, invitation: &str) -> Reply {
        self.post(REVOKE, &[org, invitation], "")
    }

    fn requests(&self, org: &str, query: &str) -> Value {
        Self::ok(self.get(REQUESTS, &[org], query))
    }

    /// The pending invitations count of `org`, as the caller's own membership shows it.
    fn pending_count(&self, org: &str) -> Value {
        let mine = Self::ok(self.get(MY_MEMBERSHIPS, &[], "paginated=true&limit=10&offset=0"));
        mine["data"]
            .as_array()
            .expect("data")
            .iter()
            .find(|m| m["organization"]["id"] == org)
            .map(|m| m["organization"]["pending_invitations_count"].clone())
            .unwrap_or(Value::Null)
    }

    fn members(&self, org: &str) -> Value {
        Self::ok(self.get(MEMBERS, &[org], "paginated=true&limit=100&offset=0"))
    }
}

fn ids(page: &Value) -> Vec<String> {
    page["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|item| item["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn role_of(members: &Value, user: &str) -> Option<String> {
    members["data"]
        .as_array()?
        .iter()
        .find(|m| m["public_user_data"]["user_id"] == user)
        .map(|m| m["role"].as_str().unwrap_or_default().to_owned())
}

fn problems(path: &str, method: &str, status: u16, body: &Value) -> Vec<String> {
    openapi::for_path(path).problems(path, method, status, body)
}

#[test]
fn the_schema_check_refuses_answers_that_do_not_fit() {
    let emu = start();
    let ada = signed_in(&emu, ADA);
    let tim = signed_in(&emu, TIM);
    let list = ada.get(INVITATIONS, &[ACME], "").json();
    let requests = ada.get(REQUESTS, &[ACME], "").json();
    let mine = tim.get(MY_INVITATIONS, &[], "").json();
    let suggestions = ada.get(MY_SUGGESTIONS, &[], "").json();
    assert!(problems(INVITATIONS, "GET", 200, &list).is_empty());

    let refused = |path: &str, body: &Value, change: &dyn Fn(&mut Value), why: &str| {
        let mut wrong = body.clone();
        change(&mut wrong);
        let found = problems(path, "GET", 200, &wrong);
        assert!(
            found.iter().any(|p| p.contains(why)),
            "expected {why:?} in {found:?}"
        );
    };
    refused(
        REQUESTS,
        &requests,
        &|b| b["response"]["data"][0]["surprise"] = json!(1),
        "$.response.data[0]: the key \"surprise\" is not allowed",
    );
    refused(
        REQUESTS,
        &requests,
        &|b| b["response"]["data"][0]["public_user_data"]["user"] = json!("x"),
        "public_user_data: the key \"user\" is not allowed",
    );
    refused(
        INVITATIONS,
        &list,
        &|b| {
            b["response"]["data"][0]
                .as_object_mut()
                .map(|o| o.remove("role_name"));
        },
        "the required key \"role_name\" is missing",
    );
    refused(
        INVITATIONS,
        &list,
        &|b| b["response"]["data"][0]["status"] = json!("withdrawn"),
        "\"withdrawn\" is not one of",
    );
    refused(
        INVITATIONS,
        &list,
        &|b| b["response"]["data"][0]["created_at"] = json!(1.5),
        "1.5 is not of type integer",
    );
    refused(
        INVITATIONS,
        &list,
        &|b| b["response"]["data"][0]["email_address"] = Value::Null,
        "email_address: null, but the schema is not nullable",
    );
    refused(
        INVITATIONS,
        &list,
        &|b| b["extra"] = json!(true),
        "$: the key \"extra\" is not allowed",
    );
    refused(
        MY_INVITATIONS,
        &mine,
        &|b| b["response"]["data"][0]["public_organization_data"]["slug"] = Value::Null,
        "slug: null, but the schema is not nullable",
    );
    refused(
        MY_SUGGESTIONS,
        &suggestions,
        &|b| b["response"]["data"][0]["object"] = json!("organization_invitation"),
        "is not one of [String(\"organization_suggestion\")]",
    );
    // A list answer is an array or a page, not both and not neither.
    refused(
        INVITATIONS,
        &list,
        &|b| b["response"] = json!("three"),
        "fits 0 of the 2 oneOf choices",
    );
    // An error body needs its errors.
    let error = json!({ "clerk_trace_id": "x" });
    assert!(problems(REVOKE, "POST", 404, &error)
        .iter()
        .any(|p| p.contains("\"errors\" is missing")));
}

#[test]
fn an_organizations_invitations_list_newest_first_with_status_filters_and_pages() {
    let emu = start();
    let ada = signed_in(&emu, ADA);
    let all = ada.invitations(ACME, "limit=10&offset=0");
    assert_eq!(all["total_count"], 3);
    assert_eq!(ids(&all), [TIM_TO_ACME, CHARLES_TO_ACME, BARBARA_TO_ACME]);
    let tim = &all["data"][0];
    assert_eq!(
        keys(tim),
        [
            "created_at",
            "email_address",
            "expires_at",
            "id",
            "object",
            "organization_id",
            "public_metadata",
            "role",
            "role_name",
            "status",
            "updated_at",
            "url"
        ]
    );
    assert_eq!(
        *tim,
        json!({
            "object": "organization_invitation", "id": TIM_TO_ACME, "email_address": "tim@example.test",
            "role": "org:member", "role_name": "Member", "organization_id": ACME, "status": "pending",
            "public_metadata": { "team": "web" }, "url": null, "expires_at": null,
            "created_at": 1_701_000_000_000_i64, "updated_at": 1_701_000_000_000_i64
        })
    );
    // clerk-js sends `status` first (one key per status), then limit and offset.
    assert_eq!(
        ids(&ada.invitations(ACME, "status=pending&limit=10&offset=0")),
        [TIM_TO_ACME]
    );
    assert_eq!(
        ids(&ada.invitations(ACME, "status=revoked&status=accepted&limit=10&offset=0")),
        [CHARLES_TO_ACME, BARBARA_TO_ACME]
    );
    assert_eq!(ada.invitations(ACME, "status=expired")["total_count"], 0);
    let globex = signed_in(&emu, HEDY).invitations(GLOBEX, "status=expired");
    assert_eq!(globex["data"][0]["expires_at"], 1_703_492_000_000_i64);
    // Pages are stable and disjoint; the total counts every page.
    let first = ada.invitations(ACME, "limit=2&offset=0");
    let second = ada.invitations(ACME, "limit=2&offset=2");
    assert_eq!(
        (first["total_count"].clone(), second["total_count"].clone()),
        (json!(3), json!(3))
    );
    assert_eq!([ids(&first), ids(&second)].concat(), ids(&all));
    assert!(ids(&ada.invitations(ACME, "offset=9")).is_empty());
    // A page with or without paginated=true: clerk-js sends none and reads { data, total_count }.
    assert_eq!(ada.invitations(ACME, "paginated=true")["total_count"], 3);
    // The excerpt's enum bounds the filter; limit and offset as for members.
    let error = ada
        .get(INVITATIONS, &[ACME], "status=withdrawn")
        .assert_error(422, "form_param_value_invalid");
    assert_eq!(error["meta"]["param_name"], "status");
    for query in ["limit=0", "limit=501", "offset=-1"] {
        ada.get(INVITATIONS, &[ACME], query)
            .assert_error(422, "form_param_value_invalid");
    }
    // The deprecated list of pending ones: a bare array, or a page with paginated=true.
    let pending = Signed::ok(ada.get(PENDING, &[ACME], ""));
    assert_eq!(pending.as_array().map(Vec::len), Some(1));
    assert_eq!(pending[0]["id"], TIM_TO_ACME);
    assert_eq!(
        Signed::ok(ada.get(PENDING, &[ACME], "paginated=true"))["total_count"],
        1
    );
}

#[test]
fn inviting_one_address_then_revoking_it_moves_the_pending_count_everywhere() {
    let emu = start();
    let ada = signed_in(&emu, ADA);
    assert_eq!(ada.pending_count(ACME), 1);
    let reply = ada.invite(ACME, "email_address=Nikola%40Tesla.test&role=org%3Abilling");
    let body = reply.json();
    let invitation = Signed::ok(reply);
    assert_eq!(invitation["object"], "organization_invitation");
    assert_eq!(invitation["email_address"], "nikola@tesla.test");
    assert_eq!(invitation["role"], "org:billing");
    assert_eq!(invitation["role_name"], "Billing manager");
    assert_eq!(invitation["status"], "pending");
    assert_eq!(invitation["organization_id"], ACME);
    assert_eq!(invitation["public_metadata"], json!({}));
    assert!(invitation.get("public_organization_data").is_none());
    let id = invitation["id"].as_str().expect("id").to_owned();
    assert!(id.starts_with("orginv_2"), "{id}");
    assert!(invitation["created_at"].as_i64() > Some(1_701_000_000_000));
    // The piggybacked client's memberships show the new count at once.
    let acme_in_client = |body: &Value| -> Value {
        body["client"]["sessions"][0]["user"]["organization_memberships"]
            .as_array()
            .expect("memberships")
            .iter()
            .find(|m| m["organization"]["id"] == ACME)
            .map(|m| m["organization"]["pending_invitations_count"].clone())
            .unwrap_or(Value::Null)
    };
    assert_eq!(acme_in_client(&body), 2);
    // So do the member lists, the caller's memberships, a role change's answer and the state dump.
    assert_eq!(ada.pending_count(ACME), 2);
    assert_eq!(
        ada.members(ACME)["data"][0]["organization"]["pending_invitations_count"],
        2
    );
    let changed = ada.call(
        "PATCH",
        "/v1/organizations/{organization_id}/memberships/{user_id}",
        &[ACME, ALAN],
        "",
        "role=org%3Asupport",
    );
    assert_eq!(
        Signed::ok(changed)["organization"]["pending_invitations_count"],
        2
    );
    let dump = emu.get("/__emulator/state").json();
    let acme = dump["organizations"]
        .as_array()
        .expect("organizations")
        .iter()
        .find(|o| o["id"] == ACME)
        .cloned()
        .expect("acme");
    assert_eq!(acme["pending_invitations_count"], 2);
    assert!(dump["invitations"]
        .as_array()
        .expect("invitations")
        .iter()
        .any(|i| i["id"] == id.as_str()));
    // The newest comes first.
    assert_eq!(ids(&ada.invitations(ACME, "status=pending"))[0], id);

    let reply = ada.revoke(ACME, &id);
    let body = reply.json();
    let revoked = Signed::ok(reply);
    assert_eq!(revoked["status"], "revoked");
    assert!(revoked["updated_at"].as_i64() > invitation["updated_at"].as_i64());
    assert_eq!(revoked["created_at"], invitation["created_at"]);
    assert_eq!(acme_in_client(&body), 1);
    assert_eq!(ada.pending_count(ACME), 1);
    // Revoking twice, or what was accepted or revoked before, is refused.
    let error = ada
        .revoke(ACME, &id)
        .assert_error(404, "organization_invitation_not_pending");
    assert_eq!(
        error["long_message"],
        "The organization invitation is not in the 'pending' status."
    );
    for settled in [BARBARA_TO_ACME, CHARLES_TO_ACME] {
        ada.revoke(ACME, settled)
            .assert_error(404, "organization_invitation_not_pending");
    }
    // Unknown, or another organization's.
    let error = ada
        .revoke(ACME, "orginv_2zzzNoSuchInvitation")
        .assert_error(404, "organization_invitation_not_found");
    assert_eq!(
        error["long_message"],
        "No invitation found with id orginv_2zzzNoSuchInvitation."
    );
    signed_in(&emu, HEDY)
        .revoke(GLOBEX, TIM_TO_ACME)
        .assert_error(404, "organization_invitation_not_found");
    assert_eq!(ada.pending_count(ACME), 1);
}

#[test]
fn an_invitations_form_is_checked_before_the_organization() {
    let emu = start();
    let ada = signed_in(&emu, ADA);
    let error = ada
        .invite(ACME, "role=org%3Amember")
        .assert_error(422, "form_param_missing");
    assert_eq!(error["meta"]["param_name"], "email_address");
    // An empty value is how clerk-js sends null.
    ada.invite(ACME, "email_address=&role=org%3Amember")
        .assert_error(422, "form_param_missing");
    for bad in [
        "nikola",
        "nikola%40",
        "%40tesla.test",
        "nikola%40tesla",
        "a+b%40tesla.test",
    ] {
        let error = ada
            .invite(ACME, &format!("email_address={bad}&role=org%3Amember"))
            .assert_error(422, "form_param_format_invalid");
        assert_eq!(error["meta"]["param_name"], "email_address");
        assert_eq!(
            error["long_message"],
            "email_address must be a valid email address."
        );
    }
    ada.invite(ACME, "email_address=nikola%40tesla.test")
        .assert_error(422, "form_param_missing");
    ada.invite(ACME, "email_address=nikola%40tesla.test&role=admin")
        .assert_error(422, "form_param_value_invalid");
    let error = ada
        .invite(
            ACME,
            "email_address=nikola%40tesla.test&role=org%3Amember&public_metadata=%7B%7D",
        )
        .assert_error(422, "form_param_unknown");
    assert_eq!(error["meta"]["param_name"], "public_metadata");
    let error = ada
        .invite(
            ACME,
            "email_address=nikola%40tesla.test&role=org%3Amember&notify=maybe",
        )
        .assert_error(422, "form_param_type_invalid");
    assert_eq!(error["meta"]["param_name"], "notify");
    // The form comes first: a bad address in an unknown organization is a 422.
    ada.invite("org_2zzzNoSuchOrg", "email_address=x&role=org%3Amember")
        .assert_error(422, "form_param_format_invalid");
    // An unknown role is a 404 on `role`, after the organization and the permission.
    let error = ada
        .invite(ACME, "email_address=nikola%40tesla.test&role=org%3Anope")
        .assert_error(404, "resource_not_found");
    assert_eq!(error["meta"]["param_name"], "role");
    // A body that is not a form.
    let target = format!(
        "{}?__clerk_db_jwt={}",
        fill(INVITATIONS, &[ACME]),
        ada.token
    );
    emu.request(
        "POST",
        &target,
        &[("content-type", "application/json")],
        "{\"email_address\":\"nikola@tesla.test\",\"role\":\"org:member\"}",
    )
    .assert_error(415, "unsupported_content_type");
    // notify=false is a valid form; nothing was created by the refusals above.
    let created = Signed::ok(ada.invite(
        ACME,
        "email_address=nikola%40tesla.test&role=org%3Amember&notify=false",
    ));
    assert_eq!(created["status"], "pending");
    assert_eq!(ada.pending_count(ACME), 2);
}

#[test]
fn an_invitation_for_a_member_or_an_invited_address_is_refused() {
    let emu = start();
    let ada = signed_in(&emu, ADA);
    // Alan is a member; case does not matter.
    let error = ada
        .invite(ACME, "email_address=Alan%40ACME.test&role=org%3Amember")
        .assert_error(400, "already_a_member_in_organization");
    // clerk-js's invite form reads the address out of this message.
    assert_eq!(
        error["long_message"],
        "alan@acme.test is already a member of the organization."
    );
    // Tim has a pending invitation.
    let error = ada
        .invite(ACME, "email_address=tim%40example.test&role=org%3Aadmin")
        .assert_error(400, "duplicate_record");
    assert_eq!(
        error["meta"]["email_addresses"],
        json!(["tim@example.test"])
    );
    assert_eq!(
        error["long_message"],
        "There are already pending invitations for the following email addresses: tim@example.test"
    );
    // Charles's was revoked: he may be invited again.
    assert_eq!(
        ada.invite(
            ACME,
            "email_address=charles%40babbage.test&role=org%3Amember"
        )
        .status,
        200
    );
    assert_eq!(ada.pending_count(ACME), 2);
}

#[test]
fn a_bulk_invitation_is_all_or_nothing() {
    let emu = start();
    let ada = signed_in(&emu, ADA);
    // clerk-js sends the addresses as repeated `email_address` keys.
    let bad = ada
        .invite_many(
            ACME,
            "email_address=nikola%40tesla.test&email_address=oops&email_address=no%40where&role=org%3Amember",
        )
        .assert_error(422, "form_param_format_invalid");
    assert_eq!(bad["meta"]["email_addresses"], json!(["oops", "no@where"]));
    assert_eq!(
        bad["long_message"],
        "The following email addresses are invalid: oops, no@where"
    );
    ada.invite_many(
        ACME,
        "email_address=nikola%40tesla.test&email_address=alan%40acme.test&role=org%3Amember",
    )
    .assert_error(400, "already_a_member_in_organization");
    let duplicate = ada
        .invite_many(
            ACME,
            "email_address=nikola%40tesla.test&email_address=TIM%40example.test&role=org%3Amember",
        )
        .assert_error(400, "duplicate_record");
    assert_eq!(
        duplicate["meta"]["email_addresses"],
        json!(["tim@example.test"])
    );
    assert_eq!(duplicate["message"], "duplicate invitation");
    ada.invite_many(ACME, "role=org%3Amember")
        .assert_error(422, "form_param_missing");
    ada.invite_many(ACME, "email_address=nikola%40tesla.test&role=org%3Anope")
        .assert_error(404, "resource_not_found");
    // None of the refused calls invited anyone.
    assert_eq!(ada.invitations(ACME, "status=pending")["total_count"], 1);

    // The answer is the array of new invitations, in the order given; a repeat is invited once.
    let created = Signed::ok(ada.invite_many(
        ACME,
        "email_address=nikola%40tesla.test&email_address=Ida%40Rhodes.test&email_address=nikola%40tesla.test&role=org%3Asupport&notify=true",
    ));
    let addresses: Vec<&Value> = created
        .as_array()
        .expect("an array")
        .iter()
        .map(|i| &i["email_address"])
        .collect();
    assert_eq!(addresses, ["nikola@tesla.test", "ida@rhodes.test"]);
    assert!(created
        .as_array()
        .expect("an array")
        .iter()
        .all(|i| i["status"] == "pending" && i["role_name"] == "Support agent"));
    assert_eq!(ada.pending_count(ACME), 3);
    // Both now have a pending invitation: a second bulk names both.
    let again = ada
        .invite_many(
            ACME,
            "email_address=ida%40rhodes.test&email_address=nikola%40tesla.test&role=org%3Amember",
        )
        .assert_error(400, "duplicate_record");
    assert_eq!(
        again["meta"]["email_addresses"],
        json!(["ida@rhodes.test", "nikola@tesla.test"])
    );
    assert_eq!(again["message"], "duplicate invitations");
}

#[test]
fn the_quota_counts_pending_invitations() {
    let emu = start();
    // Globex: 4 members, no pending invitation, a limit of 10.
    let hedy = signed_in(&emu, HEDY);
    let addresses = |n: usize| -> String {
        let mut body: Vec<String> = (0..n)
            .map(|i| format!("email_address=guest{i}%40globex.test"))
            .collect();
        body.push("role=org%3Amember".to_owned());
        body.join("&")
    };
    let error = hedy
        .invite_many(GLOBEX, &addresses(7))
        .assert_error(403, "organization_membership_quota_exceeded");
    assert_eq!(
        error["long_message"],
        "You have reached your limit of 10 organization memberships, including outstanding invitations."
    );
    assert_eq!(hedy.pending_count(GLOBEX), 0);
    let six = Signed::ok(hedy.invite_many(GLOBEX, &addresses(6)));
    assert_eq!(hedy.pending_count(GLOBEX), 6);
    hedy.invite(GLOBEX, "email_address=one%40more.test&role=org%3Amember")
        .assert_error(403, "organization_membership_quota_exceeded");
    // Accepting a request and adding a member count the invitations too.
    hedy.post(ACCEPT_REQUEST, &[GLOBEX, TIM_ASKS_GLOBEX], "")
        .assert_error(403, "organization_membership_quota_exceeded");
    hedy.post(
        MEMBERS,
        &[GLOBEX],
        &format!("user_id={TIM}&role=org%3Amember"),
    )
    .assert_error(403, "organization_membership_quota_exceeded");
    // A revocation frees a seat.
    let first = six[0]["id"].as_str().expect("id");
    assert_eq!(hedy.revoke(GLOBEX, first).status, 200);
    let accepted = Signed::ok(hedy.post(ACCEPT_REQUEST, &[GLOBEX, TIM_ASKS_GLOBEX], ""));
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(hedy.members(GLOBEX)["total_count"], 5);
}

#[test]
fn every_organization_call_needs_the_manage_permission() {
    let emu = start();
    // Ada is a read-only member of Globex; Katherine (org:billing) of Acme.
    let ada = signed_in(&emu, ADA);
    let katherine = signed_in(&emu, KATHERINE);
    let missing = "missing_organization_permission";
    let error = katherine
        .get(INVITATIONS, &[ACME], "")
        .assert_error(403, missing);
    assert!(error["long_message"]
        .as_str()
        .unwrap_or_default()
        .contains("org:sys_memberships:manage"));
    katherine
        .get(PENDING, &[ACME], "")
        .assert_error(403, missing);
    katherine
        .get(REQUESTS, &[ACME], "")
        .assert_error(403, missing);
    katherine
        .invite(ACME, "email_address=nikola%40tesla.test&role=org%3Amember")
        .assert_error(403, missing);
    katherine
        .invite_many(ACME, "email_address=nikola%40tesla.test&role=org%3Amember")
        .assert_error(403, missing);
    katherine
        .revoke(ACME, TIM_TO_ACME)
        .assert_error(403, missing);
    katherine
        .post(ACCEPT_REQUEST, &[ACME, CLAUDE_ASKS_ACME], "")
        .assert_error(403, missing);
    katherine
        .post(REJECT_REQUEST, &[ACME, CLAUDE_ASKS_ACME], "")
        .assert_error(403, missing);
    // Reading the members is still allowed.
    assert_eq!(
        katherine.get(MEMBERS, &[ACME], "paginated=true").status,
        200
    );
    ada.get(INVITATIONS, &[GLOBEX], "")
        .assert_error(403, missing);
    ada.get(REQUESTS, &[GLOBEX], "").assert_error(403, missing);
    // The permission is checked before the invitation or request exists.
    ada.revoke(GLOBEX, "orginv_2zzzNoSuchInvitation")
        .assert_error(403, missing);
    // Not a member, or no such organization: 404, before the permission.
    let grace = signed_in(&emu, GRACE);
    let hidden = "organization_not_found_or_unauthorized";
    grace
        .get(INVITATIONS, &[GLOBEX], "")
        .assert_error(404, hidden);
    grace.get(REQUESTS, &[GLOBEX], "").assert_error(404, hidden);
    grace
        .post(ACCEPT_REQUEST, &[GLOBEX, TIM_ASKS_GLOBEX], "")
        .assert_error(404, hidden);
    grace
        .invite(
            "org_2zzzNoSuchOrg",
            "email_address=nikola%40tesla.test&role=org%3Amember",
        )
        .assert_error(404, hidden);
    // Without a dev-browser token: 401.
    emu.get(&fill(INVITATIONS, &[ACME]))
        .assert_error(401, "dev_browser_unauthenticated");
    // Nothing changed.
    assert_eq!(
        signed_in(&emu, ADA).invitations(ACME, "status=pending")["total_count"],
        1
    );
}

#[test]
fn membership_requests_are_listed_accepted_and_rejected_once() {
    let emu = start();
    let ada = signed_in(&emu, ADA);
    let all = ada.requests(ACME, "limit=10&offset=0");
    assert_eq!(all["total_count"], 3);
    assert_eq!(
        ids(&all),
        [EDSGER_ASKS_ACME, JOHN_ASKED_ACME, CLAUDE_ASKS_ACME]
    );
    let claude = &all["data"][2];
    assert_eq!(
        keys(claude),
        [
            "created_at",
            "id",
            "object",
            "organization_id",
            "public_user_data",
            "status",
            "updated_at"
        ]
    );
    assert_eq!(claude["object"], "organization_membership_request");
    assert_eq!(claude["organization_id"], ACME);
    assert_eq!(claude["status"], "pending");
    assert_eq!(
        claude["public_user_data"],
        json!({
            "first_name": "Claude", "last_name": "Shannon", "image_url": "https://img.clerk.com/eyJ0eXBlIjoiZGVmYXVsdCJ9",
            "has_image": false, "identifier": "claude@globex.test", "user_id": CLAUDE, "username": "cshannon"
        })
    );
    assert_eq!(
        ids(&ada.requests(ACME, "status=pending&limit=10&offset=0")),
        [EDSGER_ASKS_ACME, CLAUDE_ASKS_ACME]
    );
    assert_eq!(
        ids(&ada.requests(ACME, "status=rejected")),
        [JOHN_ASKED_ACME]
    );
    assert_eq!(ada.requests(ACME, "status=unheard-of")["total_count"], 0);
    let page = ada.requests(ACME, "limit=1&offset=1");
    assert_eq!(
        (ids(&page), page["total_count"].clone()),
        (vec![JOHN_ASKED_ACME.to_owned()], json!(3))
    );
    ada.get(REQUESTS, &[ACME], "limit=501")
        .assert_error(422, "form_param_value_invalid");

    // Accepting: a POST without a body; Claude becomes a member with the default role.
    let reply = ada.post(ACCEPT_REQUEST, &[ACME, CLAUDE_ASKS_ACME], "");
    let body = reply.json();
    let accepted = Signed::ok(reply);
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(accepted["id"], CLAUDE_ASKS_ACME);
    assert!(accepted["updated_at"].as_i64() > claude["updated_at"].as_i64());
    let members = ada.members(ACME);
    assert_eq!(members["total_count"], 9);
    assert_eq!(role_of(&members, CLAUDE).as_deref(), Some("org:member"));
    // The piggybacked client's Acme shows the new member.
    let acme = body["client"]["sessions"][0]["user"]["organization_memberships"][0]["organization"]
        .clone();
    assert_eq!(
        (acme["id"].clone(), acme["members_count"].clone()),
        (json!(ACME), json!(9))
    );
    // Settled requests are neither accepted nor rejected again.
    let error = ada
        .post(ACCEPT_REQUEST, &[ACME, CLAUDE_ASKS_ACME], "")
        .assert_error(404, "resource_not_found");
    assert!(error["long_message"]
        .as_str()
        .unwrap_or_default()
        .contains("No pending membership request"));
    ada.post(REJECT_REQUEST, &[ACME, CLAUDE_ASKS_ACME], "")
        .assert_error(404, "resource_not_found");
    ada.post(ACCEPT_REQUEST, &[ACME, JOHN_ASKED_ACME], "")
        .assert_error(404, "resource_not_found");

    let rejected = Signed::ok(ada.post(REJECT_REQUEST, &[ACME, EDSGER_ASKS_ACME], ""));
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(ada.members(ACME)["total_count"], 9);
    assert_eq!(role_of(&ada.members(ACME), EDSGER), None);
    ada.post(REJECT_REQUEST, &[ACME, EDSGER_ASKS_ACME], "")
        .assert_error(404, "resource_not_found");
    // Unknown, or another organization's.
    ada.post(ACCEPT_REQUEST, &[ACME, "orgreq_2zzzNoSuchRequest"], "")
        .assert_error(404, "resource_not_found");
    ada.post(ACCEPT_REQUEST, &[ACME, TIM_ASKS_GLOBEX], "")
        .assert_error(404, "resource_not_found");
    // A body is refused; the pending count never moved.
    ada.post(REJECT_REQUEST, &[ACME, TIM_ASKS_GLOBEX], "reason=no")
        .assert_error(422, "form_param_unknown");
    assert_eq!(ada.pending_count(ACME), 1);
    assert_eq!(ada.requests(ACME, "status=pending")["total_count"], 0);

    // Someone who became a member meanwhile cannot be accepted again.
    let hedy = signed_in(&emu, HEDY);
    assert_eq!(
        hedy.post(
            MEMBERS,
            &[GLOBEX],
            &format!("user_id={TIM}&role=org%3Amember")
        )
        .status,
        200
    );
    hedy.post(ACCEPT_REQUEST, &[GLOBEX, TIM_ASKS_GLOBEX], "")
        .assert_error(400, "already_a_member_in_organization");
}

#[test]
fn the_signed_in_users_invitations_and_accepting_one() {
    let emu = start();
    let tim = signed_in(&emu, TIM);
    let mine = Signed::ok(tim.get(MY_INVITATIONS, &[], "limit=10&offset=0"));
    assert_eq!(mine["total_count"], 1);
    let invitation = &mine["data"][0];
    assert_eq!(invitation["id"], TIM_TO_ACME);
    assert_eq!(
        invitation["public_organization_data"],
        json!({
            "id": ACME, "name": "Acme Rockets", "slug": "acme-rockets",
            "image_url": "https://img.clerk.com/acme-rockets.png", "has_image": true
        })
    );
    assert_eq!(invitation["role_name"], "Member");
    assert_eq!(
        Signed::ok(tim.get(MY_INVITATIONS, &[], "status=accepted"))["total_count"],
        0
    );
    // Barbara's was accepted long ago.
    let barbara = signed_in(&emu, BARBARA);
    let hers = Signed::ok(barbara.get(MY_INVITATIONS, &[], "status=accepted"));
    assert_eq!(ids(&hers), [BARBARA_TO_ACME]);
    barbara
        .post(ACCEPT_MY_INVITATION, &[BARBARA_TO_ACME], "")
        .assert_error(404, "organization_invitation_not_pending");
    // Not Ada's: not found for her.
    let ada = signed_in(&emu, ADA);
    assert_eq!(
        Signed::ok(ada.get(MY_INVITATIONS, &[], ""))["total_count"],
        0
    );
    let error = ada
        .post(ACCEPT_MY_INVITATION, &[TIM_TO_ACME], "")
        .assert_error(404, "organization_invitation_not_found");
    assert_eq!(
        error["long_message"],
        format!("No invitation found with id {TIM_TO_ACME}.")
    );

    let reply = tim.post(ACCEPT_MY_INVITATION, &[TIM_TO_ACME], "");
    let body = reply.json();
    let accepted = Signed::ok(reply);
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(accepted["public_organization_data"]["id"], ACME);
    // Tim is a member with the invitation's role, and his client says so.
    let memberships = body["client"]["sessions"][0]["user"]["organization_memberships"]
        .as_array()
        .expect("memberships")
        .clone();
    assert_eq!(memberships.len(), 1);
    assert_eq!(memberships[0]["organization"]["id"], ACME);
    assert_eq!(memberships[0]["role"], "org:member");
    assert_eq!(
        memberships[0]["organization"]["pending_invitations_count"],
        0
    );
    assert_eq!(memberships[0]["organization"]["members_count"], 9);
    assert_eq!(
        role_of(&ada.members(ACME), TIM).as_deref(),
        Some("org:member")
    );
    assert_eq!(ada.pending_count(ACME), 0);
    assert_eq!(
        ids(&ada.invitations(ACME, "status=accepted")),
        [TIM_TO_ACME, BARBARA_TO_ACME]
    );
    tim.post(ACCEPT_MY_INVITATION, &[TIM_TO_ACME], "")
        .assert_error(404, "organization_invitation_not_pending");
    // He is a member now: he cannot be invited again.
    ada.invite(ACME, "email_address=tim%40example.test&role=org%3Aadmin")
        .assert_error(400, "already_a_member_in_organization");
}

#[test]
fn an_invitation_to_someone_who_joined_meanwhile_is_refused_on_accepting() {
    let emu = start();
    let hedy = signed_in(&emu, HEDY);
    let tim = signed_in(&emu, TIM);
    let invitation = Signed::ok(hedy.invite(
        GLOBEX,
        "email_address=tim%40example.test&role=org%3Asupport",
    ));
    let id = invitation["id"].as_str().expect("id").to_owned();
    let mine = Signed::ok(tim.get(MY_INVITATIONS, &[], "status=pending"));
    assert_eq!(ids(&mine), [id.clone(), TIM_TO_ACME.to_owned()]);
    assert_eq!(
        mine["data"][0]["public_organization_data"]["name"],
        "Globex Labs"
    );
    // His request to join is accepted first.
    assert_eq!(
        hedy.post(ACCEPT_REQUEST, &[GLOBEX, TIM_ASKS_GLOBEX], "")
            .status,
        200
    );
    tim.post(ACCEPT_MY_INVITATION, &[&id], "")
        .assert_error(400, "already_a_member_in_organization");
    // A revoked invitation cannot be accepted.
    assert_eq!(signed_in(&emu, ADA).revoke(ACME, TIM_TO_ACME).status, 200);
    tim.post(ACCEPT_MY_INVITATION, &[TIM_TO_ACME], "")
        .assert_error(404, "organization_invitation_not_pending");
    assert_eq!(
        Signed::ok(tim.get(MY_INVITATIONS, &[], "status=revoked"))["total_count"],
        1
    );
}

#[test]
fn the_signed_in_users_suggestions_and_accepting_one() {
    let emu = start();
    let ada = signed_in(&emu, ADA);
    let mine = Signed::ok(ada.get(MY_SUGGESTIONS, &[], "limit=10&offset=0"));
    assert_eq!(mine["total_count"], 1);
    let suggestion = &mine["data"][0];
    assert_eq!(
        *suggestion,
        json!({
            "object": "organization_suggestion", "id": ADA_MAY_JOIN_INITECH,
            "public_organization_data": {
                "id": INITECH, "name": "Initech", "slug": "initech",
                "image_url": "https://img.clerk.com/eyJ0eXBlIjoiZGVmYXVsdCJ9", "has_image": false
            },
            "status": "pending", "created_at": 1_702_100_000_000_i64, "updated_at": 1_702_100_000_000_i64
        })
    );
    // Tim's was accepted; clerk-js sends several statuses as repeated keys.
    let tim = signed_in(&emu, TIM);
    assert_eq!(
        ids(&Signed::ok(tim.get(
            MY_SUGGESTIONS,
            &[],
            "status=pending&status=accepted"
        ))),
        [TIM_MAY_JOIN_GLOBEX]
    );
    assert_eq!(
        Signed::ok(tim.get(MY_SUGGESTIONS, &[], "status=pending"))["total_count"],
        0
    );
    tim.post(ACCEPT_MY_SUGGESTION, &[TIM_MAY_JOIN_GLOBEX], "")
        .assert_error(400, "organization_suggestion_already_accepted");
    tim.post(ACCEPT_MY_SUGGESTION, &[ADA_MAY_JOIN_INITECH], "")
        .assert_error(404, "resource_not_found");

    // Accepting asks to join: Initech's admin sees Ada's request.
    let accepted = Signed::ok(ada.post(ACCEPT_MY_SUGGESTION, &[ADA_MAY_JOIN_INITECH], ""));
    assert_eq!(accepted["status"], "accepted");
    assert!(accepted["updated_at"].as_i64() > suggestion["updated_at"].as_i64());
    let error = ada
        .post(ACCEPT_MY_SUGGESTION, &[ADA_MAY_JOIN_INITECH], "")
        .assert_error(400, "organization_suggestion_already_accepted");
    assert_eq!(
        error["long_message"],
        "This organization suggestion has already been accepted."
    );
    let frances = signed_in(&emu, FRANCES);
    let requests = frances.requests(INITECH, "status=pending");
    assert_eq!(requests["total_count"], 1);
    assert_eq!(requests["data"][0]["public_user_data"]["user_id"], ADA);
    let request = requests["data"][0]["id"].as_str().expect("id").to_owned();
    assert!(request.starts_with("orgreq_2"), "{request}");
    // Accepting it gives Ada the default role, even while Initech migrates its role set.
    assert_eq!(
        frances
            .post(ACCEPT_REQUEST, &[INITECH, &request], "")
            .status,
        200
    );
    assert_eq!(
        role_of(&frances.members(INITECH), ADA).as_deref(),
        Some("org:member")
    );
}

#[test]
fn leaving_fits_the_excerpt_and_keeps_the_last_admin() {
    let emu = start();
    let ada = signed_in(&emu, ADA);
    let left = Signed::ok(ada.call("DELETE", LEAVE, &[GLOBEX], "", ""));
    assert_eq!(
        left,
        json!({ "object": "organization_membership", "id": "orgmem_2bAda0Globex2Sv4Ze6Fx", "deleted": true })
    );
    ada.call("DELETE", LEAVE, &[GLOBEX], "", "")
        .assert_error(404, "organization_not_found_or_unauthorized");
    let hedy = signed_in(&emu, HEDY);
    hedy.call("DELETE", LEAVE, &[GLOBEX], "", "")
        .assert_error(400, "organization_minimum_permissions_needed");
    // The signed-in user's memberships fit the membership excerpt too.
    let mine = Signed::ok(ada.get(MY_MEMBERSHIPS, &[], "paginated=true&limit=10&offset=0"));
    assert_eq!(mine["total_count"], 1);
}

#[test]
fn these_paths_take_only_their_methods() {
    let emu = start();
    let ada = signed_in(&emu, ADA);
    let token = &ada.token;
    let unexpected = |method: &str, path: &str| {
        let target = format!("{path}?__clerk_db_jwt={token}");
        let reply = emu.request(method, &target, &[FORM], "");
        let error = reply.assert_error(404, "resource_not_found");
        assert!(error["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("unexpected request:"));
    };
    let revoke = fill(REVOKE, &[ACME, TIM_TO_ACME]);
    unexpected("GET", &revoke);
    unexpected(
        "DELETE",
        &fill(
            "/v1/organizations/{o}/invitations/{i}",
            &[ACME, TIM_TO_ACME],
        ),
    );
    unexpected("PATCH", &fill(INVITATIONS, &[ACME]));
    unexpected("GET", &fill(ACCEPT_MY_INVITATION, &[TIM_TO_ACME]));
    unexpected("GET", &fill(ACCEPT_REQUEST, &[ACME, CLAUDE_ASKS_ACME]));
    unexpected("POST", &fill(MY_SUGGESTIONS, &[]));
    // `_method` on a POST is the method it stands for: a tunnelled DELETE of a revocation is not one.
    let reply = emu.post_form(
        &format!("{revoke}?_method=DELETE&__clerk_db_jwt={token}"),
        "",
    );
    reply.assert_error(404, "resource_not_found");
    assert_eq!(ada.invitations(ACME, "status=pending")["total_count"], 1);
}

#[test]
fn invitations_requests_and_suggestions_survive_a_restart() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("state.json");
    let start_on =
        |path: &std::path::Path| Running::start(&[OsStr::new("--state"), path.as_os_str()]);
    let first = start_on(&path);
    let (ada, tim, nikola) = {
        let emu = &first.emu;
        let ada = signed_in(emu, ADA);
        let tim = signed_in(emu, TIM);
        let nikola =
            Signed::ok(ada.invite(ACME, "email_address=nikola%40tesla.test&role=org%3Abilling"));
        assert_eq!(
            ada.post(REJECT_REQUEST, &[ACME, EDSGER_ASKS_ACME], "")
                .status,
            200
        );
        assert_eq!(
            ada.post(ACCEPT_REQUEST, &[ACME, CLAUDE_ASKS_ACME], "")
                .status,
            200
        );
        assert_eq!(
            tim.post(ACCEPT_MY_INVITATION, &[TIM_TO_ACME], "").status,
            200
        );
        assert_eq!(
            ada.post(ACCEPT_MY_SUGGESTION, &[ADA_MAY_JOIN_INITECH], "")
                .status,
            200
        );
        (
            ada.token,
            tim.token,
            nikola["id"].as_str().expect("id").to_owned(),
        )
    };
    // On disk: the new invitation, and no stated count.
    let text = std::fs::read_to_string(&path).expect("state file");
    assert!(text.contains(&nikola));
    assert!(!text.contains("pending_invitations_count"));
    first.kill();

    let second = start_on(&path);
    let emu = &second.emu;
    let ada = Signed { emu, token: ada };
    let tim = Signed { emu, token: tim };
    assert_eq!(
        ids(&ada.invitations(ACME, "status=pending")),
        [nikola.as_str()]
    );
    assert_eq!(ada.pending_count(ACME), 1);
    assert_eq!(
        ids(&ada.requests(ACME, "status=rejected")),
        [EDSGER_ASKS_ACME, JOHN_ASKED_ACME]
    );
    let members = ada.members(ACME);
    assert_eq!(members["total_count"], 10);
    assert_eq!(role_of(&members, CLAUDE).as_deref(), Some("org:member"));
    assert_eq!(role_of(&members, TIM).as_deref(), Some("org:member"));
    assert_eq!(
        Signed::ok(tim.get(MY_INVITATIONS, &[], "status=accepted"))["total_count"],
        1
    );
    assert_eq!(
        Signed::ok(ada.get(MY_SUGGESTIONS, &[], "status=accepted"))["total_count"],
        1
    );
    let frances = signed_in(emu, FRANCES);
    assert_eq!(
        frances.requests(INITECH, "status=pending")["total_count"],
        1
    );
    // The revoked one can still be revoked no more, after the restart as before.
    ada.revoke(ACME, CHARLES_TO_ACME)
        .assert_error(404, "organization_invitation_not_pending");

    // A reset writes the seed back: its invitations, requests and suggestions.
    assert_eq!(
        emu.request("POST", "/__emulator/reset", &[JSON], "").status,
        200
    );
    second.kill();
    let third = start_on(&path);
    let ada = signed_in(&third.emu, ADA);
    assert_eq!(ids(&ada.invitations(ACME, "status=pending")), [TIM_TO_ACME]);
    assert_eq!(ada.requests(ACME, "status=pending")["total_count"], 2);
    third.kill();

    // A state file whose stated count disagrees with its invitations is refused and left alone.
    let mut file: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("state file")).expect("json");
    file["state"]["data"]["organizations"][0]["pending_invitations_count"] = json!(5);
    let wrong = serde_json::to_string_pretty(&file).expect("json");
    std::fs::write(&path, &wrong).expect("write");
    let exit = run(&[
        OsStr::new("--port"),
        OsStr::new("0"),
        OsStr::new("--state"),
        path.as_os_str(),
    ]);
    assert_eq!(exit.code, Some(2), "{}", exit.stderr);
    assert!(
        exit.stderr
            .contains("states pending_invitations_count 5, but 1 of its invitations are pending"),
        "{}",
        exit.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).expect("state file"), wrong);
}
