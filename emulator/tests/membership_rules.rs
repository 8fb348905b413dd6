//! Clerk's membership rules over real HTTP: each answered with WIRE.md §7's status, code and a trace id.

mod common;
use common::*;
use serde_json::Value;

fn update(emu: &Emulator, token: &str, org: &str, user: &str, body: &str) -> Reply {
    emu.post_form(&member_path(org, user, token, Some("PATCH")), body)
}

fn remove(emu: &Emulator, token: &str, org: &str, user: &str) -> Reply {
    emu.post_form(&member_path(org, user, token, Some("DELETE")), "")
}

fn member_of(emu: &Emulator, token: &str, org: &str, user: &str) -> Option<Value> {
    let list = emu.get(&members_path(org, token, "&limit=500")).json();
    list["response"]["data"]
        .as_array()?
        .iter()
        .find(|m| m["public_user_data"]["user_id"] == user)
        .cloned()
}

#[test]
fn update_role_answers_the_enveloped_membership_with_fixture_keys() {
    let emu = start();
    let token = emu.token(None);
    let reply = update(&emu, &token, ACME, ALAN, "role=org%3Abilling");
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(reply
        .header("content-type")
        .unwrap_or_default()
        .starts_with("application/json"));
    let body = reply.json();
    assert_eq!(keys(&body), ["client", "response"]);
    let membership = &body["response"];
    assert_membership_shape(membership);
    assert_eq!(membership["role"], "org:billing");
    assert_eq!(membership["role_name"], "Billing manager");
    assert_eq!(
        membership["permissions"],
        serde_json::json!(["org:sys_memberships:read", "org:invoices:manage"])
    );
    assert_eq!(membership["public_user_data"]["user_id"], ALAN);
    assert_eq!(
        membership["public_user_data"]["identifier"],
        "alan@acme.test"
    );
    assert_eq!(membership["organization"]["id"], ACME);
    assert_eq!(membership["organization"]["members_count"], 8);
    // The envelope's key set matches the fixture's.
    assert_eq!(keys(&body), keys(&fixture("envelope-update.json")));
}

#[test]
fn real_patch_and_real_delete_work_like_the_tunnelled_ones() {
    let emu = start();
    let token = emu.token(None);
    let reply = emu.request(
        "PATCH",
        &member_path(ACME, DENNIS, &token, None),
        &[FORM],
        "role=org%3Asupport",
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.json()["response"]["role"], "org:support");
    // A real DELETE with no body and no content type.
    let reply = emu.request("DELETE", &member_path(ACME, DENNIS, &token, None), &[], "");
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        reply.json()["response"]["public_user_data"]["user_id"],
        DENNIS
    );
    assert!(member_of(&emu, &token, ACME, DENNIS).is_none());
    // Tunnelled DELETE.
    let reply = remove(&emu, &token, ACME, BARBARA);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_membership_shape(&reply.json()["response"]);
    assert!(member_of(&emu, &token, ACME, BARBARA).is_none());
    assert_eq!(
        member_of(&emu, &token, ACME, ALAN).expect("alan")["organization"]["members_count"],
        6
    );
    // `_method` on a GET is not tunnelling.
    let reply = emu.get(&member_path(ACME, ALAN, &token, Some("PATCH")));
    assert_eq!(
        reply.assert_error(404, "resource_not_found")["message"],
        format!("unexpected request: GET /v1/organizations/{ACME}/memberships/{ALAN}")
    );
}

#[test]
fn updated_at_moves_on_change_and_the_piggybacked_client_reflects_it() {
    let emu = start();
    let token = emu.token(Some(HEDY));
    let before = member_of(&emu, &token, GLOBEX, CLAUDE).expect("claude");
    let reply = update(&emu, &token, GLOBEX, CLAUDE, "role=org%3Aadmin");
    assert_eq!(reply.status, 200, "{}", reply.text());
    let after = reply.json();
    assert!(after["response"]["updated_at"].as_i64() > before["updated_at"].as_i64());
    assert_eq!(after["response"]["created_at"], before["created_at"]);
    // Hedy may now step down: Claude is a second admin.
    let reply = update(&emu, &token, GLOBEX, HEDY, "role=org%3Amember");
    assert_eq!(reply.status, 200, "{}", reply.text());
    let client = &reply.json()["client"];
    assert_eq!(client["object"], "client");
    let session = &client["sessions"][0];
    assert_eq!(session["object"], "session");
    assert_eq!(session["status"], "active");
    assert_eq!(client["last_active_session_id"], session["id"]);
    assert_eq!(session["user"]["id"], HEDY);
    let memberships = session["user"]["organization_memberships"]
        .as_array()
        .expect("memberships");
    assert_eq!(memberships.len(), 1);
    assert_eq!(memberships[0]["role"], "org:member");
    assert_membership_shape(&memberships[0]);
    for key in [
        "sign_in",
        "sign_up",
        "last_authentication_strategy",
        "cookie_expires_at",
        "captcha_bypass",
        "created_at",
        "updated_at",
    ] {
        assert!(client.get(key).is_some(), "client.{key}");
    }
}

#[test]
fn setting_the_same_role_changes_nothing() {
    let emu = start();
    let token = emu.token(None);
    let before = member_of(&emu, &token, ACME, ALAN).expect("alan");
    let reply = update(&emu, &token, ACME, ALAN, "role=org%3Amember");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["response"]["updated_at"], before["updated_at"]);
}

#[test]
fn last_admin_rule_on_update_remove_and_leave() {
    let emu = start();
    let token = emu.token(Some(HEDY));
    let error = update(&emu, &token, GLOBEX, HEDY, "role=org%3Amember")
        .assert_error(400, "organization_minimum_permissions_needed");
    assert_eq!(
        error["long_message"],
        "There has to be at least one organization member with the minimum required permissions"
    );
    remove(&emu, &token, GLOBEX, HEDY).assert_error(400, "organization_minimum_permissions_needed");
    let leave =
        format!("/v1/me/organization_memberships/{GLOBEX}?_method=DELETE&__clerk_db_jwt={token}");
    emu.post_form(&leave, "")
        .assert_error(400, "organization_minimum_permissions_needed");
    // Nothing changed.
    assert_eq!(
        member_of(&emu, &token, GLOBEX, HEDY).expect("hedy")["role"],
        "org:admin"
    );
    // In Acme, with two admins, one may step down, but then not the other.
    let ada = emu.token(Some(ADA));
    assert_eq!(
        update(&emu, &ada, ACME, GRACE, "role=org%3Amember").status,
        200
    );
    update(&emu, &ada, ACME, ADA, "role=org%3Abilling")
        .assert_error(400, "organization_minimum_permissions_needed");
    remove(&emu, &ada, ACME, ADA).assert_error(400, "organization_minimum_permissions_needed");
}

#[test]
fn manage_permission_is_required() {
    let emu = start();
    // Ada is org:member in Globex: she can read but not manage.
    let ada = emu.token(Some(ADA));
    let error = update(&emu, &ada, GLOBEX, CLAUDE, "role=org%3Aadmin")
        .assert_error(403, "missing_organization_permission");
    assert!(error["long_message"]
        .as_str()
        .unwrap_or_default()
        .contains("org:sys_memberships:manage"));
    remove(&emu, &ada, GLOBEX, CLAUDE).assert_error(403, "missing_organization_permission");
    let add = format!("/v1/organizations/{GLOBEX}/memberships?__clerk_db_jwt={ada}");
    emu.post_form(&add, &format!("user_id={TIM}&role=org%3Amember"))
        .assert_error(403, "missing_organization_permission");
    assert_eq!(emu.get(&members_path(GLOBEX, &ada, "")).status, 200);
    // A custom role with read only (org:billing) cannot manage either.
    let katherine = emu.token(Some(KATHERINE));
    update(&emu, &katherine, ACME, ALAN, "role=org%3Aadmin")
        .assert_error(403, "missing_organization_permission");
    // org:guest has no read permission: listing members is refused.
    let hedy = emu.token(Some(HEDY));
    assert_eq!(
        update(&emu, &hedy, GLOBEX, RADIA, "role=org%3Aguest").status,
        200
    );
    let radia = emu.token(Some(RADIA));
    emu.get(&members_path(GLOBEX, &radia, ""))
        .assert_error(403, "missing_organization_permission");
}

#[test]
fn unknown_role_missing_role_malformed_role_and_extra_keys() {
    let emu = start();
    let token = emu.token(None);
    let error =
        update(&emu, &token, ACME, ALAN, "role=org%3Anope").assert_error(404, "resource_not_found");
    assert_eq!(error["meta"]["param_name"], "role");
    let error = update(&emu, &token, ACME, ALAN, "").assert_error(422, "form_param_missing");
    assert_eq!(error["meta"]["param_name"], "role");
    assert_eq!(error["message"], "is missing");
    assert_eq!(error["long_message"], "role is missing");
    // `null` is sent as an empty value: still missing.
    update(&emu, &token, ACME, ALAN, "role=").assert_error(422, "form_param_missing");
    let error = update(&emu, &token, ACME, ALAN, "role=admin")
        .assert_error(422, "form_param_value_invalid");
    assert_eq!(error["meta"]["param_name"], "role");
    let error = update(
        &emu,
        &token,
        ACME,
        ALAN,
        "role=org%3Amember&public_metadata=%7B%7D",
    )
    .assert_error(422, "form_param_unknown");
    assert_eq!(error["meta"]["param_name"], "public_metadata");
    let error = emu
        .post_form(
            &member_path(ACME, ALAN, &token, Some("DELETE")),
            "force=true",
        )
        .assert_error(422, "form_param_unknown");
    assert_eq!(error["meta"]["param_name"], "force");
    assert_eq!(
        member_of(&emu, &token, ACME, ALAN).expect("alan")["role"],
        "org:member"
    );
}

#[test]
fn caller_not_in_organization_unknown_organization_and_unknown_member() {
    let emu = start();
    let grace = emu.token(Some(GRACE));
    update(&emu, &grace, GLOBEX, CLAUDE, "role=org%3Aadmin")
        .assert_error(404, "organization_not_found_or_unauthorized");
    emu.get(&members_path(GLOBEX, &grace, ""))
        .assert_error(404, "organization_not_found_or_unauthorized");
    emu.get(&format!(
        "/v1/organizations/{GLOBEX}/roles?__clerk_db_jwt={grace}"
    ))
    .assert_error(404, "organization_not_found_or_unauthorized");
    update(
        &emu,
        &grace,
        "org_2zzzNoSuchOrg",
        CLAUDE,
        "role=org%3Aadmin",
    )
    .assert_error(404, "organization_not_found_or_unauthorized");
    update(&emu, &grace, ACME, HEDY, "role=org%3Aadmin").assert_error(404, "resource_not_found");
    remove(&emu, &grace, ACME, "user_2zzzNobody").assert_error(404, "resource_not_found");
    let leave =
        format!("/v1/me/organization_memberships/{GLOBEX}?_method=DELETE&__clerk_db_jwt={grace}");
    emu.post_form(&leave, "")
        .assert_error(404, "organization_not_found_or_unauthorized");
}

#[test]
fn scim_managed_membership_cannot_change() {
    let emu = start();
    let token = emu.token(None);
    update(&emu, &token, ACME, MARGARET, "role=org%3Aadmin")
        .assert_error(409, "organization_membership_managed_by_scim");
    remove(&emu, &token, ACME, MARGARET)
        .assert_error(409, "organization_membership_managed_by_scim");
}

#[test]
fn role_changes_are_refused_while_the_role_set_migrates() {
    let emu = start();
    let frances = emu.token(Some(FRANCES));
    let roles = emu
        .get(&format!(
            "/v1/organizations/{INITECH}/roles?__clerk_db_jwt={frances}"
        ))
        .json();
    assert_eq!(roles["response"]["has_role_set_migration"], true);
    let error = update(&emu, &frances, INITECH, EDSGER, "role=org%3Abilling")
        .assert_error(409, "role_migration_in_progress");
    assert_eq!(
        error["long_message"],
        "The organization's role set is being migrated. Membership roles cannot be changed until the migration has finished."
    );
    // Even to the same role, and for her own.
    update(&emu, &frances, INITECH, EDSGER, "role=org%3Amember")
        .assert_error(409, "role_migration_in_progress");
    update(&emu, &frances, INITECH, FRANCES, "role=org%3Aadmin")
        .assert_error(409, "role_migration_in_progress");
    // Permission comes first: a plain member is told he cannot manage, not that a migration runs.
    let edsger = emu.token(Some(EDSGER));
    update(&emu, &edsger, INITECH, FRANCES, "role=org%3Amember")
        .assert_error(403, "missing_organization_permission");
    assert_eq!(
        member_of(&emu, &frances, INITECH, EDSGER).expect("member")["role"],
        "org:member"
    );
    // Other organizations are not migrating, and removals still work during a migration.
    let ada = emu.token(None);
    let acme_roles = emu
        .get(&format!(
            "/v1/organizations/{ACME}/roles?__clerk_db_jwt={ada}"
        ))
        .json();
    assert_eq!(acme_roles["response"]["has_role_set_migration"], false);
    let removed = remove(&emu, &frances, INITECH, EDSGER);
    assert_eq!(removed.status, 200, "{}", removed.text());
    assert_eq!(
        removed.json()["response"]["organization"]["members_count"],
        2
    );
}

#[test]
fn a_membership_from_an_enterprise_connection_cannot_be_removed() {
    let emu = start();
    let frances = emu.token(Some(FRANCES));
    let error = remove(&emu, &frances, INITECH, JOHN).assert_error(
        403,
        "organization_membership_enterprise_connection_cannot_remove",
    );
    assert_eq!(
        error["long_message"],
        "Cannot remove an organization membership that is tied to an enterprise connection."
    );
    // Nor can he leave it himself.
    let john = emu.token(Some(JOHN));
    emu.post_form(
        &format!("/v1/me/organization_memberships/{INITECH}?_method=DELETE&__clerk_db_jwt={john}"),
        "",
    )
    .assert_error(
        403,
        "organization_membership_enterprise_connection_cannot_remove",
    );
    let john_in_initech = member_of(&emu, &frances, INITECH, JOHN).expect("still a member");
    // The membership's JSON has the fixture's keys: where it came from is not on the wire.
    assert_membership_shape(&john_in_initech);
    assert_eq!(john_in_initech["organization"]["members_count"], 3);
}

#[test]
fn add_member_restores_state() {
    let emu = start();
    let token = emu.token(None);
    assert_eq!(remove(&emu, &token, ACME, ALAN).status, 200);
    let add = format!("/v1/organizations/{ACME}/memberships?__clerk_db_jwt={token}");
    let reply = emu.post_form(&add, &format!("user_id={ALAN}&role=org%3Amember"));
    assert_eq!(reply.status, 200, "{}", reply.text());
    let membership = &reply.json()["response"];
    assert_membership_shape(membership);
    assert_eq!(membership["organization"]["members_count"], 8);
    assert!(membership["id"]
        .as_str()
        .unwrap_or_default()
        .starts_with("orgmem_2"));
    emu.post_form(&add, &format!("user_id={ALAN}&role=org%3Amember"))
        .assert_error(400, "already_a_member_in_organization");
    let error = emu
        .post_form(&add, "user_id=user_2zzz&role=org%3Amember")
        .assert_error(404, "resource_not_found");
    assert_eq!(error["meta"]["param_name"], "user_id");
    emu.post_form(&add, &format!("user_id={TIM}"))
        .assert_error(422, "form_param_missing");
    emu.post_form(&add, "role=org%3Amember")
        .assert_error(422, "form_param_missing");
    emu.post_form(&add, &format!("user_id={TIM}&role=org%3Amember&x=1"))
        .assert_error(422, "form_param_unknown");
}

#[test]
fn limit_and_offset_are_validated() {
    let emu = start();
    let token = emu.token(None);
    for limit in ["0", "501", "-1", "ten"] {
        let error = emu
            .get(&members_path(ACME, &token, &format!("&limit={limit}")))
            .assert_error(422, "form_param_value_invalid");
        assert_eq!(error["meta"]["param_name"], "limit");
    }
    let error = emu
        .get(&members_path(ACME, &token, "&offset=-3"))
        .assert_error(422, "form_param_value_invalid");
    assert_eq!(error["meta"]["param_name"], "offset");
    let mine =
        format!("/v1/me/organization_memberships?paginated=true&limit=501&__clerk_db_jwt={token}");
    emu.get(&mine).assert_error(422, "form_param_value_invalid");
    for limit in ["1", "500"] {
        assert_eq!(
            emu.get(&members_path(ACME, &token, &format!("&limit={limit}")))
                .status,
            200
        );
    }
}

#[test]
fn list_members_pagination_query_and_role_filters() {
    let emu = start();
    let token = emu.token(None);
    let page = |extra: &str| emu.get(&members_path(ACME, &token, extra)).json()["response"].clone();
    let ids = |page: &Value| -> Vec<String> {
        page["data"]
            .as_array()
            .expect("data")
            .iter()
            .map(|m| {
                m["public_user_data"]["user_id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect()
    };
    let all = page("");
    assert_eq!(keys(&all), ["data", "total_count"]);
    assert_eq!(all["total_count"], 8);
    assert_eq!(all["data"].as_array().map(Vec::len), Some(8));
    for m in all["data"].as_array().expect("data") {
        assert_membership_shape(m);
    }
    // Pages are stable and disjoint.
    let first = page("&limit=3&offset=0");
    let second = page("&limit=3&offset=3");
    let third = page("&limit=3&offset=6");
    assert_eq!(first["total_count"], 8);
    let mut joined = ids(&first);
    joined.extend(ids(&second));
    joined.extend(ids(&third));
    assert_eq!(joined, ids(&all));
    assert_eq!(ids(&third).len(), 2);
    assert!(ids(&page("&offset=50")).is_empty());
    // Default limit is 10.
    let add = format!("/v1/organizations/{ACME}/memberships?__clerk_db_jwt={token}");
    for user in [HEDY, CLAUDE, RADIA] {
        assert_eq!(
            emu.post_form(&add, &format!("user_id={user}&role=org%3Amember"))
                .status,
            200
        );
    }
    let grown = page("");
    assert_eq!(grown["total_count"], 11);
    assert_eq!(grown["data"].as_array().map(Vec::len), Some(10));
    // query: partial, case-insensitive, on identifier, username, user id, first and last name.
    assert_eq!(ids(&page("&query=LOVE")), [ADA]);
    assert_eq!(ids(&page("&query=ghopper")), [GRACE]);
    assert_eq!(ids(&page("&query=katherine%40acme")), [KATHERINE]);
    assert_eq!(ids(&page(&format!("&query={}", &LINUS[5..14]))), [LINUS]);
    assert_eq!(ids(&page("&query=alan+turing")), [ALAN]);
    assert_eq!(page("&query=zzz")["total_count"], 0);
    // role: repeated = OR.
    assert_eq!(ids(&page("&role=org%3Aadmin")), [ADA, GRACE]);
    assert_eq!(
        ids(&page("&role=org%3Abilling&role=org%3Asupport")),
        [KATHERINE, LINUS]
    );
    assert_eq!(
        ids(&page("&role=org%3Amember&query=GLOBEX.test")),
        [HEDY, CLAUDE, RADIA]
    );
    // Without paginated=true, a bare array (legacy).
    let bare = emu
        .get(&format!(
            "/v1/organizations/{ACME}/memberships?limit=2&__clerk_db_jwt={token}"
        ))
        .json();
    assert_eq!(bare["response"].as_array().map(Vec::len), Some(2));
}

#[test]
fn list_my_memberships_and_leave() {
    let emu = start();
    let token = emu.token(Some(ADA));
    let mine = format!("/v1/me/organization_memberships?paginated=true&__clerk_db_jwt={token}");
    let list = emu.get(&mine).json();
    assert_eq!(list["response"]["total_count"], 2);
    let orgs: Vec<&Value> = list["response"]["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|m| &m["organization"]["id"])
        .collect();
    assert_eq!(orgs, [ACME, GLOBEX]);
    assert_membership_shape(&list["response"]["data"][1]);
    let leave =
        format!("/v1/me/organization_memberships/{GLOBEX}?_method=DELETE&__clerk_db_jwt={token}");
    let reply = emu.post_form(&leave, "");
    assert_eq!(reply.status, 200, "{}", reply.text());
    let body = reply.json();
    assert_eq!(
        body["response"],
        serde_json::json!({"object": "organization_membership", "id": "orgmem_2bAda0Globex2Sv4Ze6Fx", "deleted": true})
    );
    let memberships = body["client"]["sessions"][0]["user"]["organization_memberships"]
        .as_array()
        .expect("memberships")
        .len();
    assert_eq!(memberships, 1);
    assert_eq!(emu.get(&mine).json()["response"]["total_count"], 1);
    emu.post_form(&leave, "")
        .assert_error(404, "organization_not_found_or_unauthorized");
    // A real DELETE works as well.
    let grace = emu.token(Some(GRACE));
    let leave = format!("/v1/me/organization_memberships/{ACME}?__clerk_db_jwt={grace}");
    assert_eq!(emu.request("DELETE", &leave, &[FORM], "").status, 200);
}

#[test]
fn list_roles_has_the_role_shape() {
    let emu = start();
    let token = emu.token(None);
    let reply = emu.get(&format!(
        "/v1/organizations/{ACME}/roles?limit=10&offset=0&__clerk_db_jwt={token}"
    ));
    assert_eq!(reply.status, 200, "{}", reply.text());
    let body = reply.json();
    assert_eq!(keys(&body), ["client", "response"]);
    let roles = &body["response"];
    assert_eq!(
        keys(roles),
        ["data", "has_role_set_migration", "total_count"]
    );
    assert_eq!(roles["has_role_set_migration"], false);
    assert_eq!(roles["total_count"], 5);
    let admin = &roles["data"][0];
    assert_eq!(
        keys(admin),
        [
            "created_at",
            "description",
            "id",
            "is_creator_eligible",
            "key",
            "name",
            "object",
            "permissions",
            "updated_at"
        ]
    );
    assert_eq!(admin["object"], "role");
    assert_eq!(admin["key"], "org:admin");
    let permission = &admin["permissions"][0];
    assert_eq!(
        keys(permission),
        [
            "created_at",
            "description",
            "id",
            "key",
            "name",
            "object",
            "type",
            "updated_at"
        ]
    );
    assert_eq!(permission["object"], "permission");
    assert_eq!(permission["type"], "system");
    let keys_listed: Vec<&Value> = roles["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|r| &r["key"])
        .collect();
    assert_eq!(
        keys_listed,
        [
            "org:admin",
            "org:member",
            "org:billing",
            "org:support",
            "org:guest"
        ]
    );
    let member = &roles["data"][1];
    assert_eq!(member["permissions"].as_array().map(Vec::len), Some(1));
    let paged = emu
        .get(&format!(
            "/v1/organizations/{ACME}/roles?limit=2&offset=4&__clerk_db_jwt={token}"
        ))
        .json();
    assert_eq!(paged["response"]["data"].as_array().map(Vec::len), Some(1));
    emu.get(&format!(
        "/v1/organizations/{ACME}/roles?limit=0&__clerk_db_jwt={token}"
    ))
    .assert_error(422, "form_param_value_invalid");
}
