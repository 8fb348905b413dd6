//! Organizations and memberships: Clerk's rules, checked in the documented order (emulator README,
//! "Rules and errors"): organization → permission → role-set migration (role changes) → member → role →
//! SCIM → enterprise connection (removals) → last admin. The HTTP layer has already checked the route,
//! the authentication, the content type and the form.

use super::{Caller, Store, MANAGE, READ};
use crate::error::ApiError;
use crate::seed::{SeedMembership, SeedUser};
use crate::wire::{DeletedObjectJson, MembershipJson, PageJson, RolesPageJson};

/// Paging asked for by `limit`/`offset`/`paginated`.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    /// 1–500.
    pub limit: usize,
    /// ≥ 0.
    pub offset: usize,
    /// `paginated=true`: `{data, total_count}` instead of a bare array.
    pub paginated: bool,
}

#[cfg(test)]
impl Paging {
    /// The first `limit` items, paginated.
    pub(super) fn first(limit: usize) -> Paging {
        Paging {
            limit,
            offset: 0,
            paginated: true,
        }
    }
}

/// A list: paginated or the legacy bare array.
#[derive(Debug, serde::Serialize)]
#[serde(untagged)]
pub enum List<T> {
    /// `{ data, total_count }`
    Page(PageJson<T>),
    /// `[ … ]`
    Bare(Vec<T>),
}

/// A list of memberships.
pub type MembershipList = List<MembershipJson>;

impl Store {
    /// The caller's own membership, or 404 `organization_not_found_or_unauthorized`.
    fn caller_membership(
        &self,
        caller: &Caller,
        org_id: &str,
    ) -> Result<&SeedMembership, ApiError> {
        self.org(org_id)
            .ok_or_else(ApiError::organization_not_found_or_unauthorized)?;
        self.membership(org_id, &caller.user_id)
            .ok_or_else(ApiError::organization_not_found_or_unauthorized)
    }

    /// The organization rule, then the permission rule.
    pub(super) fn require(
        &self,
        caller: &Caller,
        org_id: &str,
        permission: &str,
    ) -> Result<(), ApiError> {
        let own = self.caller_membership(caller, org_id)?;
        if self.has_permission(&own.role, permission) {
            Ok(())
        } else {
            Err(ApiError::missing_organization_permission(permission))
        }
    }

    /// The index of `user_id`'s membership in `org_id`, which the caller must be allowed to manage.
    fn managed_member(
        &self,
        caller: &Caller,
        org_id: &str,
        user_id: &str,
    ) -> Result<usize, ApiError> {
        self.require(caller, org_id, MANAGE)?;
        self.member_index(org_id, user_id)
    }

    /// The member rule: the target user must be a member.
    fn member_index(&self, org_id: &str, user_id: &str) -> Result<usize, ApiError> {
        self.membership_index(org_id, user_id)
            .ok_or_else(|| ApiError::resource_not_found("Organization membership", None))
    }

    pub(super) fn require_role(&self, role: &str) -> Result<(), ApiError> {
        match self.role(role) {
            Some(_) => Ok(()),
            None => Err(ApiError::resource_not_found(
                &format!("Role {role}"),
                Some("role"),
            )),
        }
    }

    fn managers_in(&self, org_id: &str) -> usize {
        self.state
            .data
            .memberships
            .iter()
            .filter(|m| m.organization_id == org_id && self.has_permission(&m.role, MANAGE))
            .count()
    }

    /// The role-set migration rule: no role changes in an organization migrating its role set.
    fn require_no_role_migration(&self, org_id: &str) -> Result<(), ApiError> {
        match self.org(org_id) {
            Some(org) if org.has_role_set_migration => Err(ApiError::role_migration_in_progress()),
            _ => Ok(()),
        }
    }

    /// The membership at `index` if it may change to `new_role` (`None`: be removed): not managed by
    /// SCIM, not (for a removal) from an enterprise connection, and the organization keeps a member who
    /// can manage members (the last-admin rule).
    fn changeable(&self, index: usize, new_role: Option<&str>) -> Result<SeedMembership, ApiError> {
        let current = self
            .state
            .data
            .memberships
            .get(index)
            .cloned()
            .ok_or_else(ApiError::organization_not_found_or_unauthorized)?;
        if current.managed_by_scim {
            return Err(ApiError::managed_by_scim());
        }
        if new_role.is_none() && current.enterprise_connection_id.is_some() {
            return Err(ApiError::enterprise_connection_cannot_remove());
        }
        let loses_manage = self.has_permission(&current.role, MANAGE)
            && !new_role.is_some_and(|r| self.has_permission(r, MANAGE));
        if loses_manage && self.managers_in(&current.organization_id) <= 1 {
            return Err(ApiError::minimum_permissions_needed());
        }
        Ok(current)
    }

    /// Changes a member's role (the request's form was validated by the caller of this function).
    pub fn update_role(
        &mut self,
        caller: &Caller,
        org_id: &str,
        user_id: &str,
        role: &str,
    ) -> Result<MembershipJson, ApiError> {
        self.require(caller, org_id, MANAGE)?;
        self.require_no_role_migration(org_id)?;
        let index = self.member_index(org_id, user_id)?;
        self.require_role(role)?;
        let current = self.changeable(index, Some(role))?;
        if current.role != role {
            let now = self.change();
            if let Some(m) = self.state.data.memberships.get_mut(index) {
                m.role = role.to_owned();
                m.updated_at = now.max(current.updated_at + 1);
            }
        }
        self.state
            .data
            .memberships
            .get(index)
            .map(|m| self.membership_json(m))
            .ok_or_else(ApiError::organization_not_found_or_unauthorized)
    }

    /// Removes a member; answers the removed membership.
    pub fn remove_member(
        &mut self,
        caller: &Caller,
        org_id: &str,
        user_id: &str,
    ) -> Result<MembershipJson, ApiError> {
        let index = self.managed_member(caller, org_id, user_id)?;
        self.delete_membership(index)
            .map(|m| self.membership_json(&m))
    }

    /// Leaves an organization; answers a deleted object.
    pub fn leave(&mut self, caller: &Caller, org_id: &str) -> Result<DeletedObjectJson, ApiError> {
        self.caller_membership(caller, org_id)?;
        let index = self
            .membership_index(org_id, &caller.user_id)
            .ok_or_else(ApiError::organization_not_found_or_unauthorized)?;
        let removed = self.delete_membership(index)?;
        Ok(DeletedObjectJson {
            object: "organization_membership",
            id: removed.id,
            deleted: true,
        })
    }

    fn delete_membership(&mut self, index: usize) -> Result<SeedMembership, ApiError> {
        self.changeable(index, None)?;
        let mut removed = self.state.data.memberships.remove(index);
        removed.updated_at = self.change().max(removed.updated_at + 1);
        self.leave_active_organization(&removed.user_id, &removed.organization_id);
        Ok(removed)
    }

    /// Adds a user to an organization (so tests can restore state).
    pub fn add_member(
        &mut self,
        caller: &Caller,
        org_id: &str,
        user_id: &str,
        role: &str,
    ) -> Result<MembershipJson, ApiError> {
        self.require(caller, org_id, MANAGE)?;
        if self.user(user_id).is_none() {
            return Err(ApiError::resource_not_found(
                &format!("User {user_id}"),
                Some("user_id"),
            ));
        }
        self.require_role(role)?;
        if self.membership_index(org_id, user_id).is_some() {
            return Err(ApiError::already_a_member());
        }
        self.require_room_for(org_id, 1)?;
        let now = self.change();
        let membership = self.create_membership(org_id, user_id, role, now);
        // Rendered after the push, so the embedded organization counts the new member.
        Ok(self.membership_json(&membership))
    }

    /// Makes `user_id` a member of `org_id` with `role` (the callers checked the rules).
    pub(super) fn create_membership(
        &mut self,
        org_id: &str,
        user_id: &str,
        role: &str,
        now: i64,
    ) -> SeedMembership {
        let membership = SeedMembership {
            id: self.new_id("orgmem"),
            organization_id: org_id.to_owned(),
            user_id: user_id.to_owned(),
            role: role.to_owned(),
            public_metadata: serde_json::Value::Object(serde_json::Map::new()),
            managed_by_scim: false,
            enterprise_connection_id: None,
            created_at: now,
            updated_at: now,
        };
        self.state.data.memberships.push(membership.clone());
        membership
    }

    /// Lists an organization's members: `query` (partial, case-insensitive) and `roles` (OR) filters.
    pub fn list_members(
        &self,
        caller: &Caller,
        org_id: &str,
        query: Option<&str>,
        roles: &[String],
        paging: Paging,
    ) -> Result<MembershipList, ApiError> {
        self.require(caller, org_id, READ)?;
        let needle = query.map(str::to_lowercase).filter(|q| !q.is_empty());
        let list = self.sorted_memberships(|m| {
            m.organization_id == org_id
                && (roles.is_empty() || roles.contains(&m.role))
                && needle
                    .as_deref()
                    .is_none_or(|q| self.user(&m.user_id).is_some_and(|u| user_matches(u, q)))
        });
        Ok(self.page(list, paging))
    }

    /// Lists the caller's own memberships.
    pub fn list_my_memberships(&self, caller: &Caller, paging: Paging) -> MembershipList {
        let list = self.sorted_memberships(|m| m.user_id == caller.user_id);
        self.page(list, paging)
    }

    /// Lists the roles a member of the organization can see.
    pub fn list_roles(
        &self,
        caller: &Caller,
        org_id: &str,
        paging: Paging,
    ) -> Result<RolesPageJson, ApiError> {
        let org = self
            .org(org_id)
            .ok_or_else(ApiError::organization_not_found_or_unauthorized)?;
        self.caller_membership(caller, org_id)?;
        let data = self
            .state
            .data
            .roles
            .iter()
            .skip(paging.offset)
            .take(paging.limit)
            .map(|r| self.role_json(r))
            .collect();
        Ok(RolesPageJson {
            data,
            total_count: self.state.data.roles.len(),
            has_role_set_migration: org.has_role_set_migration,
        })
    }
}

/// `query` matches email (identifier), username, user id and "first last", partially.
fn user_matches(user: &SeedUser, needle: &str) -> bool {
    let hit = |field: &str| field.to_lowercase().contains(needle);
    let full_name = format!(
        "{} {}",
        user.first_name.as_deref().unwrap_or(""),
        user.last_name.as_deref().unwrap_or("")
    );
    hit(&user.email_address)
        || user.username.as_deref().is_some_and(hit)
        || hit(&user.id)
        || hit(&full_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::{code, store_with};

    const ACME: &str = "org_2aAcmeRockets7Qm4Xk9ZpT1";
    const GLOBEX: &str = "org_2bGlobexLabs3Vn8Rw2YhL5";
    const ADA: &str = "user_2aAdaLovelace9fKq1Zr";
    const ALAN: &str = "user_2aAlanTuring6nXr3Yu";
    const MARGARET: &str = "user_2aMargaretHamilton3r";
    const HEDY: &str = "user_2bHedyLamarr2uCg9Eh";
    const TIM: &str = "user_2cTimBernersLee8xFk";

    #[test]
    fn a_role_change_moves_updated_at_and_the_same_role_changes_nothing() {
        let (mut store, [ada]) = store_with([ADA]);
        let before = store.membership(ACME, ALAN).expect("seeded").updated_at;
        let changed = store
            .update_role(&ada, ACME, ALAN, "org:billing")
            .expect("ok");
        assert_eq!(changed.role, "org:billing");
        assert!(changed.updated_at > before);
        let again = store
            .update_role(&ada, ACME, ALAN, "org:billing")
            .expect("ok");
        assert_eq!(again.updated_at, changed.updated_at);
    }

    #[test]
    fn rules_apply_in_the_documented_order() {
        let (mut store, [ada, alan]) = store_with([ADA, ALAN]);
        // Organization before permission: an unknown organization is 404 even for a bad role.
        assert_eq!(
            code(store.update_role(&ada, "org_nope", ALAN, "org:nope")),
            "organization_not_found_or_unauthorized"
        );
        // Permission before member: Alan cannot manage, whoever the target.
        assert_eq!(
            code(store.update_role(&alan, ACME, "user_nope", "org:admin")),
            "missing_organization_permission"
        );
        // Member before role.
        assert_eq!(
            code(store.update_role(&ada, ACME, "user_nope", "org:nope")),
            "resource_not_found"
        );
        // Role before SCIM.
        let unknown_role = store
            .update_role(&ada, ACME, MARGARET, "org:nope")
            .unwrap_err();
        assert_eq!(unknown_role.param_name.as_deref(), Some("role"));
        assert_eq!(
            code(store.update_role(&ada, ACME, MARGARET, "org:admin")),
            "organization_membership_managed_by_scim"
        );
        // Ada is a plain member of Globex: no permission there.
        assert_eq!(
            code(store.remove_member(&ada, GLOBEX, HEDY)),
            "missing_organization_permission"
        );
    }

    #[test]
    fn the_last_admin_can_neither_be_demoted_nor_removed_nor_leave() {
        let (mut store, [hedy]) = store_with([HEDY]);
        let last = "organization_minimum_permissions_needed";
        assert_eq!(
            code(store.update_role(&hedy, GLOBEX, HEDY, "org:member")),
            last
        );
        assert_eq!(code(store.remove_member(&hedy, GLOBEX, HEDY)), last);
        assert_eq!(code(store.leave(&hedy, GLOBEX)), last);
        assert_eq!(
            code(store.update_role(&hedy, GLOBEX, HEDY, "org:admin")),
            "ok"
        );
    }

    #[test]
    fn removing_a_member_updates_the_count_and_their_sessions() {
        let (mut store, [ada, alan]) = store_with([ADA, ALAN]);
        let removed = store.remove_member(&ada, ACME, ALAN).expect("removed");
        assert_eq!(removed.organization.members_count, 7);
        assert!(store.membership(ACME, ALAN).is_none());
        let client = store.client_json(&alan.client_id).expect("client");
        assert_eq!(client.sessions[0].last_active_organization_id, None);
    }

    #[test]
    fn adding_checks_user_role_duplicates_and_the_limit() {
        let (mut store, [hedy]) = store_with([HEDY]);
        assert_eq!(
            code(store.add_member(&hedy, GLOBEX, "user_nope", "org:member")),
            "resource_not_found"
        );
        assert_eq!(
            code(store.add_member(&hedy, GLOBEX, TIM, "org:nope")),
            "resource_not_found"
        );
        assert_eq!(
            code(store.add_member(&hedy, GLOBEX, ADA, "org:member")),
            "already_a_member_in_organization"
        );
        let added = store
            .add_member(&hedy, GLOBEX, TIM, "org:member")
            .expect("added");
        assert_eq!(added.organization.members_count, 5);
        store.remove_member(&hedy, GLOBEX, TIM).expect("removed");
        if let Some(globex) = store
            .state
            .data
            .organizations
            .iter_mut()
            .find(|o| o.id == GLOBEX)
        {
            globex.max_allowed_memberships = 4;
        }
        assert_eq!(
            code(store.add_member(&hedy, GLOBEX, TIM, "org:member")),
            "organization_membership_quota_exceeded"
        );
    }

    const INITECH: &str = "org_2cInitechSystems5Pz8Kd3W";
    const FRANCES: &str = "user_2cFrancesAllen3yGl8Hk";
    const JOHN: &str = "user_2cJohnBackus5zHm9Jq";
    const EDSGER: &str = "user_2cEdsgerDijkstra7aJn";

    fn set_migrating(store: &mut Store, org_id: &str, migrating: bool) {
        if let Some(org) = store
            .state
            .data
            .organizations
            .iter_mut()
            .find(|o| o.id == org_id)
        {
            org.has_role_set_migration = migrating;
        }
    }

    #[test]
    fn a_role_set_migration_refuses_role_changes_after_the_permission_and_before_the_member() {
        let (mut store, [frances, edsger]) = store_with([FRANCES, EDSGER]);
        let migrating = "role_migration_in_progress";
        assert_eq!(
            code(store.update_role(&frances, INITECH, EDSGER, "org:billing")),
            migrating
        );
        assert_eq!(
            code(store.update_role(&frances, INITECH, EDSGER, "org:member")),
            migrating
        );
        // After the permission rule, before the member and role rules.
        assert_eq!(
            code(store.update_role(&edsger, INITECH, FRANCES, "org:member")),
            "missing_organization_permission"
        );
        assert_eq!(
            code(store.update_role(&frances, INITECH, "user_nope", "org:nope")),
            migrating
        );
        let paging = Paging::first(10);
        assert!(
            store
                .list_roles(&frances, INITECH, paging)
                .expect("ok")
                .has_role_set_migration
        );
        // Once the migration is over, roles change again.
        set_migrating(&mut store, INITECH, false);
        assert!(
            !store
                .list_roles(&frances, INITECH, paging)
                .expect("ok")
                .has_role_set_migration
        );
        assert_eq!(
            code(store.update_role(&frances, INITECH, EDSGER, "org:billing")),
            "ok"
        );
    }

    #[test]
    fn an_enterprise_membership_cannot_be_removed_or_left_but_its_role_can_change() {
        let (mut store, [frances, john]) = store_with([FRANCES, JOHN]);
        let refused = "organization_membership_enterprise_connection_cannot_remove";
        assert_eq!(code(store.remove_member(&frances, INITECH, JOHN)), refused);
        assert_eq!(code(store.leave(&john, INITECH)), refused);
        assert!(store.membership(INITECH, JOHN).is_some());
        set_migrating(&mut store, INITECH, false);
        assert_eq!(
            code(store.update_role(&frances, INITECH, JOHN, "org:support")),
            "ok"
        );
        // A plain member of the same organization can go.
        assert_eq!(code(store.remove_member(&frances, INITECH, EDSGER)), "ok");
    }

    #[test]
    fn the_enterprise_rule_comes_after_scim_and_before_the_last_admin() {
        let (mut store, [frances]) = store_with([FRANCES]);
        for m in store.state.data.memberships.iter_mut() {
            if m.organization_id == INITECH && m.user_id == FRANCES {
                // The only admin, and from the enterprise connection too.
                m.enterprise_connection_id = Some("entconn_1".into());
            }
        }
        assert_eq!(
            code(store.remove_member(&frances, INITECH, FRANCES)),
            "organization_membership_enterprise_connection_cannot_remove"
        );
        for m in store.state.data.memberships.iter_mut() {
            if m.user_id == FRANCES {
                m.managed_by_scim = true;
            }
        }
        assert_eq!(
            code(store.remove_member(&frances, INITECH, FRANCES)),
            "organization_membership_managed_by_scim"
        );
    }

    #[test]
    fn lists_filter_by_query_and_role_and_page() {
        let (store, [ada]) = store_with([ADA]);
        let paging = Paging::first(3);
        let total = |list: MembershipList| match list {
            MembershipList::Page(page) => (page.data.len(), page.total_count),
            MembershipList::Bare(data) => (data.len(), usize::MAX),
        };
        assert_eq!(
            total(
                store
                    .list_members(&ada, ACME, None, &[], paging)
                    .expect("ok")
            ),
            (3, 8)
        );
        assert_eq!(
            total(
                store
                    .list_members(&ada, ACME, Some("RITCHIE"), &[], paging)
                    .expect("ok")
            ),
            (1, 1)
        );
        let admins = ["org:admin".to_owned()];
        assert_eq!(
            total(
                store
                    .list_members(&ada, ACME, None, &admins, paging)
                    .expect("ok")
            ),
            (2, 2)
        );
        assert_eq!(total(store.list_my_memberships(&ada, paging)), (2, 2));
        let bare = Paging {
            paginated: false,
            ..paging
        };
        assert!(matches!(
            store.list_my_memberships(&ada, bare),
            MembershipList::Bare(_)
        ));
        let roles = store.list_roles(&ada, ACME, paging).expect("ok");
        assert_eq!((roles.data.len(), roles.total_count), (3, 5));
        assert!(!roles.has_role_set_migration);
    }
}
