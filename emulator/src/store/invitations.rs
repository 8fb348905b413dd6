//! Invitations: an organization's (list, invite one or many, revoke) and the signed-in user's (list,
//! accept). Clerk's rules in the documented order (emulator README, "Rules and errors"): organization →
//! permission → invitation → status for a revocation; organization → permission → role → member →
//! pending invitation → quota for an invitation. The HTTP layer has already checked the form, the
//! addresses' shape among it.

use super::{newest, page_of, status_wanted, Caller, List, Paging, Store, MANAGE};
use crate::error::ApiError;
use crate::seed::SeedInvitation;
use crate::wire::{InvitationJson, PageJson};

impl Store {
    /// The invitations `keep` selects, newest first.
    pub(super) fn sorted_invitations(
        &self,
        keep: impl Fn(&SeedInvitation) -> bool,
    ) -> Vec<&SeedInvitation> {
        newest(&self.state.data.invitations, keep, |i| {
            (i.created_at, i.id.as_str())
        })
    }

    /// The signed-in user's address, lowercased, which their invitations are addressed to.
    fn address_of(&self, caller: &Caller) -> String {
        self.user(&caller.user_id)
            .map(|u| u.email_address.to_ascii_lowercase())
            .unwrap_or_default()
    }

    /// An organization's invitations whose status is one of `statuses` (all without any).
    pub fn list_invitations(
        &self,
        caller: &Caller,
        org_id: &str,
        statuses: &[String],
        paging: Paging,
    ) -> Result<PageJson<InvitationJson>, ApiError> {
        self.require(caller, org_id, MANAGE)?;
        let list = self.sorted_invitations(|i| {
            i.organization_id == org_id && status_wanted(statuses, &i.status)
        });
        Ok(page_of(list, paging, |i| self.invitation_json(i, false)))
    }

    /// The deprecated `…/invitations/pending`: the pending ones, a bare array unless `paginated=true`.
    pub fn list_pending_invitations(
        &self,
        caller: &Caller,
        org_id: &str,
        paging: Paging,
    ) -> Result<List<InvitationJson>, ApiError> {
        self.require(caller, org_id, MANAGE)?;
        let list =
            self.sorted_invitations(|i| i.organization_id == org_id && i.status == "pending");
        Ok(super::paginate(list, paging, |i| {
            self.invitation_json(i, false)
        }))
    }

    /// Invites each of `addresses` (valid, lowercased, without repeats) with `role`: all of them or, on
    /// the first rule one breaks, none (as clerk-js's invite form expects: it drops the addresses the
    /// error names and lets the user send the rest again). Answers the new invitations in the given order.
    pub fn invite(
        &mut self,
        caller: &Caller,
        org_id: &str,
        addresses: &[String],
        role: &str,
    ) -> Result<Vec<InvitationJson>, ApiError> {
        self.require(caller, org_id, MANAGE)?;
        self.require_role(role)?;
        if let Some(member) = addresses
            .iter()
            .find(|a| self.member_with_address(org_id, a))
        {
            return Err(ApiError::already_a_member_invited(member));
        }
        let invited: Vec<String> = addresses
            .iter()
            .filter(|a| self.pending_invitation_of(org_id, a).is_some())
            .cloned()
            .collect();
        if !invited.is_empty() {
            return Err(ApiError::duplicate_invitations(&invited));
        }
        self.require_room_for(org_id, addresses.len() as u64)?;
        let mut now = self.change();
        let mut created = Vec::with_capacity(addresses.len());
        for address in addresses {
            let invitation = SeedInvitation {
                id: self.new_id("orginv"),
                organization_id: org_id.to_owned(),
                email_address: address.clone(),
                role: role.to_owned(),
                status: "pending".to_owned(),
                public_metadata: serde_json::Value::Object(serde_json::Map::new()),
                expires_at: None,
                created_at: now,
                updated_at: now,
            };
            created.push(self.invitation_json(&invitation, false));
            self.state.data.invitations.push(invitation);
            // Each a later instant than the one before: newest-first lists show the last address first.
            now = self.tick();
        }
        Ok(created)
    }

    /// Revokes a pending invitation of the organization; answers it, revoked.
    pub fn revoke_invitation(
        &mut self,
        caller: &Caller,
        org_id: &str,
        invitation_id: &str,
    ) -> Result<InvitationJson, ApiError> {
        self.require(caller, org_id, MANAGE)?;
        let index = self
            .state
            .data
            .invitations
            .iter()
            .position(|i| i.id == invitation_id && i.organization_id == org_id)
            .ok_or_else(|| ApiError::invitation_not_found(invitation_id))?;
        self.settle_invitation(index, "revoked")
    }

    /// The signed-in user's invitations (to their primary address), in any organization.
    pub fn list_my_invitations(
        &self,
        caller: &Caller,
        statuses: &[String],
        paging: Paging,
    ) -> PageJson<InvitationJson> {
        let address = self.address_of(caller);
        let list = self.sorted_invitations(|i| {
            i.email_address.eq_ignore_ascii_case(&address) && status_wanted(statuses, &i.status)
        });
        page_of(list, paging, |i| self.invitation_json(i, true))
    }

    /// Accepts one of the signed-in user's pending invitations: they become a member with its role.
    pub fn accept_my_invitation(
        &mut self,
        caller: &Caller,
        invitation_id: &str,
    ) -> Result<InvitationJson, ApiError> {
        let address = self.address_of(caller);
        let (index, invitation) = self
            .state
            .data
            .invitations
            .iter()
            .enumerate()
            .find(|(_, i)| i.id == invitation_id && i.email_address.eq_ignore_ascii_case(&address))
            .map(|(index, i)| (index, i.clone()))
            .ok_or_else(|| ApiError::invitation_not_found(invitation_id))?;
        if invitation.status != "pending" {
            return Err(ApiError::invitation_not_pending());
        }
        if self
            .membership(&invitation.organization_id, &caller.user_id)
            .is_some()
        {
            return Err(ApiError::already_a_member_invited(
                &invitation.email_address,
            ));
        }
        self.require_role(&invitation.role)?;
        let settled = self.settle_invitation(index, "accepted")?;
        let now = self.tick();
        self.create_membership(
            &invitation.organization_id,
            &caller.user_id,
            &invitation.role,
            now,
        );
        Ok(InvitationJson {
            public_organization_data: Some(
                self.public_organization_data(&invitation.organization_id),
            ),
            ..settled
        })
    }

    /// Moves the pending invitation at `index` to `status`; answers it as its organization sees it.
    fn settle_invitation(
        &mut self,
        index: usize,
        status: &str,
    ) -> Result<InvitationJson, ApiError> {
        let current = self
            .state
            .data
            .invitations
            .get(index)
            .map(|i| i.status.as_str());
        if current != Some("pending") {
            return Err(ApiError::invitation_not_pending());
        }
        let now = self.change();
        let invitation = self
            .state
            .data
            .invitations
            .get_mut(index)
            .ok_or_else(ApiError::invitation_not_pending)?;
        invitation.status = status.to_owned();
        invitation.updated_at = now.max(invitation.updated_at + 1);
        let invitation = invitation.clone();
        Ok(self.invitation_json(&invitation, false))
    }

    /// Whether a member of the organization has `address` (lowercased) as their address.
    fn member_with_address(&self, org_id: &str, address: &str) -> bool {
        self.state
            .data
            .memberships
            .iter()
            .filter(|m| m.organization_id == org_id)
            .filter_map(|m| self.user(&m.user_id))
            .any(|u| u.email_address.eq_ignore_ascii_case(address))
    }

    /// The pending invitation of `address` (lowercased) to the organization.
    fn pending_invitation_of(&self, org_id: &str, address: &str) -> Option<&SeedInvitation> {
        self.state.data.invitations.iter().find(|i| {
            i.organization_id == org_id
                && i.status == "pending"
                && i.email_address.eq_ignore_ascii_case(address)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::{code, store_with};

    const ACME: &str = "org_2aAcmeRockets7Qm4Xk9ZpT1";
    const GLOBEX: &str = "org_2bGlobexLabs3Vn8Rw2YhL5";
    const ADA: &str = "user_2aAdaLovelace9fKq1Zr";
    const ALAN: &str = "user_2aAlanTuring6nXr3Yu";
    const TIM: &str = "user_2cTimBernersLee8xFk";
    const TIM_TO_ACME: &str = "orginv_2aAcmeTim0Pending4Kq7";

    fn addresses(list: &[&str]) -> Vec<String> {
        list.iter().map(|a| (*a).to_owned()).collect()
    }

    #[test]
    fn the_seeded_counts_are_the_pending_invitations() {
        let store = Store::new(crate::seed::Seed::default_seed());
        assert_eq!(store.pending_invitations(ACME), 1);
        assert_eq!(store.pending_invitations(GLOBEX), 0);
        // The seed's stated counts were checked and dropped: the invitations are the truth.
        assert!(store
            .state
            .data
            .organizations
            .iter()
            .all(|o| o.pending_invitations_count.is_none()));
    }

    #[test]
    fn invite_rules_apply_in_the_documented_order() {
        let (mut store, [ada, alan]) = store_with([ADA, ALAN]);
        let one = addresses(&["nikola@tesla.test"]);
        assert_eq!(
            code(store.invite(&ada, "org_nope", &one, "org:nope")),
            "organization_not_found_or_unauthorized"
        );
        assert_eq!(
            code(store.invite(&alan, ACME, &one, "org:nope")),
            "missing_organization_permission"
        );
        // Role before member.
        assert_eq!(
            code(store.invite(&ada, ACME, &addresses(&["alan@acme.test"]), "org:nope")),
            "resource_not_found"
        );
        // Member before pending invitation.
        assert_eq!(
            code(store.invite(
                &ada,
                ACME,
                &addresses(&["tim@example.test", "alan@acme.test"]),
                "org:member"
            )),
            "already_a_member_in_organization"
        );
        assert_eq!(
            code(store.invite(&ada, ACME, &addresses(&["tim@example.test"]), "org:member")),
            "duplicate_record"
        );
        // Nothing was created by the refusals.
        assert_eq!(store.pending_invitations(ACME), 1);
    }

    #[test]
    fn the_quota_counts_members_and_pending_invitations() {
        let (mut store, [ada]) = store_with([ADA]);
        // Acme: 8 members + 1 pending invitation of 20.
        let eleven: Vec<String> = (0..11).map(|n| format!("guest{n}@example.test")).collect();
        let twelve: Vec<String> = (0..12).map(|n| format!("guest{n}@example.test")).collect();
        let refused = store.invite(&ada, ACME, &twelve, "org:member").unwrap_err();
        assert_eq!(refused.code, "organization_membership_quota_exceeded");
        assert!(refused.long_message.contains("limit of 20"), "{refused:?}");
        assert_eq!(store.pending_invitations(ACME), 1);
        let created = store
            .invite(&ada, ACME, &eleven, "org:member")
            .expect("fits");
        assert_eq!(created.len(), 11);
        assert_eq!(store.pending_invitations(ACME), 12);
        assert_eq!(
            code(store.invite(&ada, ACME, &addresses(&["one@more.test"]), "org:member")),
            "organization_membership_quota_exceeded"
        );
        // A revocation frees a seat.
        store
            .revoke_invitation(&ada, ACME, &created[0].id)
            .expect("revoked");
        assert_eq!(
            code(store.invite(&ada, ACME, &addresses(&["one@more.test"]), "org:member")),
            "ok"
        );
    }

    #[test]
    fn revoking_twice_or_elsewhere_is_refused() {
        let (mut store, [ada, hedy]) = store_with([ADA, "user_2bHedyLamarr2uCg9Eh"]);
        assert_eq!(
            code(store.revoke_invitation(&hedy, GLOBEX, TIM_TO_ACME)),
            "organization_invitation_not_found"
        );
        let revoked = store
            .revoke_invitation(&ada, ACME, TIM_TO_ACME)
            .expect("revoked");
        assert_eq!(revoked.status, "revoked");
        assert_eq!(
            code(store.revoke_invitation(&ada, ACME, TIM_TO_ACME)),
            "organization_invitation_not_pending"
        );
        assert_eq!(store.pending_invitations(ACME), 0);
    }

    #[test]
    fn accepting_an_invitation_makes_a_member_with_its_role() {
        let (mut store, [tim, ada]) = store_with([TIM, ADA]);
        let paging = Paging::first(10);
        let mine = store.list_my_invitations(&tim, &[], paging);
        assert_eq!(mine.total_count, 1);
        assert!(mine.data[0].public_organization_data.is_some());
        // Not Ada's to accept.
        assert_eq!(
            code(store.accept_my_invitation(&ada, TIM_TO_ACME)),
            "organization_invitation_not_found"
        );
        let accepted = store
            .accept_my_invitation(&tim, TIM_TO_ACME)
            .expect("accepted");
        assert_eq!(accepted.status, "accepted");
        assert_eq!(
            store.membership(ACME, TIM).map(|m| m.role.as_str()),
            Some("org:member")
        );
        assert_eq!(store.pending_invitations(ACME), 0);
        assert_eq!(
            code(store.accept_my_invitation(&tim, TIM_TO_ACME)),
            "organization_invitation_not_pending"
        );
        let pending = store.list_my_invitations(&tim, &["pending".to_owned()], paging);
        assert_eq!(pending.total_count, 0);
    }
}
