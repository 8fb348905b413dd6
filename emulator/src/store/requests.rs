//! Membership requests (an organization's: list, accept, reject) and organization suggestions (the
//! signed-in user's: list, accept). Clerk's rules in the documented order (emulator README, "Rules and
//! errors"): organization → permission → request → status → member → quota for an acceptance.

use super::{newest, page_of, status_wanted, Caller, Paging, Store, MANAGE};
use crate::error::ApiError;
use crate::seed::{SeedMembershipRequest, SeedSuggestion, DEFAULT_ROLE};
use crate::wire::{MembershipRequestJson, PageJson, SuggestionJson};

impl Store {
    /// The membership requests `keep` selects, newest first.
    pub(super) fn sorted_requests(
        &self,
        keep: impl Fn(&SeedMembershipRequest) -> bool,
    ) -> Vec<&SeedMembershipRequest> {
        newest(&self.state.data.membership_requests, keep, |r| {
            (r.created_at, r.id.as_str())
        })
    }

    /// The suggestions `keep` selects, newest first.
    pub(super) fn sorted_suggestions(
        &self,
        keep: impl Fn(&SeedSuggestion) -> bool,
    ) -> Vec<&SeedSuggestion> {
        newest(&self.state.data.suggestions, keep, |s| {
            (s.created_at, s.id.as_str())
        })
    }

    /// An organization's membership requests whose status is one of `statuses` (all without any).
    pub fn list_membership_requests(
        &self,
        caller: &Caller,
        org_id: &str,
        statuses: &[String],
        paging: Paging,
    ) -> Result<PageJson<MembershipRequestJson>, ApiError> {
        self.require(caller, org_id, MANAGE)?;
        let list = self
            .sorted_requests(|r| r.organization_id == org_id && status_wanted(statuses, &r.status));
        Ok(page_of(list, paging, |r| self.membership_request_json(r)))
    }

    /// Accepts a pending request: the requester becomes a member with [`DEFAULT_ROLE`], the role the
    /// environment announces for members who join through a domain.
    pub fn accept_membership_request(
        &mut self,
        caller: &Caller,
        org_id: &str,
        request_id: &str,
    ) -> Result<MembershipRequestJson, ApiError> {
        let index = self.pending_request(caller, org_id, request_id)?;
        let user_id = self
            .state
            .data
            .membership_requests
            .get(index)
            .map(|r| r.user_id.clone())
            .unwrap_or_default();
        if self.membership(org_id, &user_id).is_some() {
            return Err(ApiError::already_a_member());
        }
        self.require_room_for(org_id, 1)?;
        self.require_role(DEFAULT_ROLE)?;
        let answer = self.settle_request(index, "accepted");
        let now = self.tick();
        self.create_membership(org_id, &user_id, DEFAULT_ROLE, now);
        answer
    }

    /// Rejects a pending request.
    pub fn reject_membership_request(
        &mut self,
        caller: &Caller,
        org_id: &str,
        request_id: &str,
    ) -> Result<MembershipRequestJson, ApiError> {
        let index = self.pending_request(caller, org_id, request_id)?;
        self.settle_request(index, "rejected")
    }

    /// The organization rule, the permission rule, then the request's: it must be the organization's
    /// (404 otherwise) and pending (404 too: Clerk documents no code for a settled request).
    fn pending_request(
        &self,
        caller: &Caller,
        org_id: &str,
        request_id: &str,
    ) -> Result<usize, ApiError> {
        self.require(caller, org_id, MANAGE)?;
        let (index, request) = self
            .state
            .data
            .membership_requests
            .iter()
            .enumerate()
            .find(|(_, r)| r.id == request_id && r.organization_id == org_id)
            .ok_or_else(|| ApiError::membership_request_not_found(request_id, false))?;
        if request.status == "pending" {
            Ok(index)
        } else {
            Err(ApiError::membership_request_not_found(request_id, true))
        }
    }

    fn settle_request(
        &mut self,
        index: usize,
        status: &str,
    ) -> Result<MembershipRequestJson, ApiError> {
        let now = self.change();
        let request = self
            .state
            .data
            .membership_requests
            .get_mut(index)
            .ok_or_else(|| ApiError::membership_request_not_found("", false))?;
        request.status = status.to_owned();
        request.updated_at = now.max(request.updated_at + 1);
        let request = request.clone();
        Ok(self.membership_request_json(&request))
    }

    /// The organizations suggested to the signed-in user, whose status is one of `statuses`.
    pub fn list_my_suggestions(
        &self,
        caller: &Caller,
        statuses: &[String],
        paging: Paging,
    ) -> PageJson<SuggestionJson> {
        let list = self.sorted_suggestions(|s| {
            s.user_id == caller.user_id && status_wanted(statuses, &s.status)
        });
        page_of(list, paging, |s| self.suggestion_json(s))
    }

    /// Accepts one of the signed-in user's suggestions. As clerk-js documents it ("Accepts the
    /// suggestion, creating a request to join the Organization"), the user gets a pending membership
    /// request there, unless they are a member already or have one pending.
    pub fn accept_my_suggestion(
        &mut self,
        caller: &Caller,
        suggestion_id: &str,
    ) -> Result<SuggestionJson, ApiError> {
        let index = self
            .state
            .data
            .suggestions
            .iter()
            .position(|s| s.id == suggestion_id && s.user_id == caller.user_id)
            .ok_or_else(|| ApiError::suggestion_not_found(suggestion_id))?;
        let (org_id, status) = self
            .state
            .data
            .suggestions
            .get(index)
            .map(|s| (s.organization_id.clone(), s.status.clone()))
            .unwrap_or_default();
        if status != "pending" {
            return Err(ApiError::suggestion_already_accepted());
        }
        let now = self.change();
        let Some(suggestion) = self.state.data.suggestions.get_mut(index) else {
            return Err(ApiError::suggestion_not_found(suggestion_id));
        };
        suggestion.status = "accepted".to_owned();
        suggestion.updated_at = now.max(suggestion.updated_at + 1);
        let suggestion = suggestion.clone();
        let requested = self.state.data.membership_requests.iter().any(|r| {
            r.organization_id == org_id && r.user_id == caller.user_id && r.status == "pending"
        });
        if !requested && self.membership(&org_id, &caller.user_id).is_none() {
            let request = SeedMembershipRequest {
                id: self.new_id("orgreq"),
                organization_id: org_id,
                user_id: caller.user_id.clone(),
                status: "pending".to_owned(),
                created_at: now,
                updated_at: now,
            };
            self.state.data.membership_requests.push(request);
        }
        Ok(self.suggestion_json(&suggestion))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::{code, store_with};

    const ACME: &str = "org_2aAcmeRockets7Qm4Xk9ZpT1";
    const INITECH: &str = "org_2cInitechSystems5Pz8Kd3W";
    const ADA: &str = "user_2aAdaLovelace9fKq1Zr";
    const ALAN: &str = "user_2aAlanTuring6nXr3Yu";
    const CLAUDE: &str = "user_2bClaudeShannon4vDi";
    const FRANCES: &str = "user_2cFrancesAllen3yGl8Hk";
    const CLAUDE_TO_ACME: &str = "orgreq_2aAcmeClaude0Pend3Hm8";
    const EDSGER_TO_ACME: &str = "orgreq_2aAcmeEdsger0Pend6Jn2";
    const ADA_TO_INITECH: &str = "orgsug_2cInitechAda0Pend4Rt6";

    #[test]
    fn accepting_a_request_makes_a_member_with_the_default_role_once() {
        let (mut store, [ada, alan]) = store_with([ADA, ALAN]);
        assert_eq!(
            code(store.accept_membership_request(&alan, ACME, CLAUDE_TO_ACME)),
            "missing_organization_permission"
        );
        let accepted = store
            .accept_membership_request(&ada, ACME, CLAUDE_TO_ACME)
            .expect("accepted");
        assert_eq!(accepted.status, "accepted");
        assert_eq!(
            store.membership(ACME, CLAUDE).map(|m| m.role.as_str()),
            Some(DEFAULT_ROLE)
        );
        assert_eq!(store.members_count(ACME), 9);
        // Settled: neither accepted again nor rejected.
        assert_eq!(
            code(store.accept_membership_request(&ada, ACME, CLAUDE_TO_ACME)),
            "resource_not_found"
        );
        assert_eq!(
            code(store.reject_membership_request(&ada, ACME, CLAUDE_TO_ACME)),
            "resource_not_found"
        );
        let rejected = store
            .reject_membership_request(&ada, ACME, EDSGER_TO_ACME)
            .expect("rejected");
        assert_eq!(rejected.status, "rejected");
        assert_eq!(store.members_count(ACME), 9);
        let pending = store
            .list_membership_requests(&ada, ACME, &["pending".to_owned()], Paging::first(10))
            .expect("listed");
        assert_eq!(pending.total_count, 0);
    }

    #[test]
    fn accepting_a_suggestion_asks_to_join() {
        let (mut store, [ada, frances]) = store_with([ADA, FRANCES]);
        let paging = Paging::first(10);
        let before = store
            .list_membership_requests(&frances, INITECH, &[], paging)
            .expect("listed")
            .total_count;
        let accepted = store
            .accept_my_suggestion(&ada, ADA_TO_INITECH)
            .expect("accepted");
        assert_eq!(accepted.status, "accepted");
        let requests = store
            .list_membership_requests(&frances, INITECH, &[], paging)
            .expect("listed");
        assert_eq!(requests.total_count, before + 1);
        assert_eq!(requests.data[0].public_user_data.user_id, ADA);
        assert_eq!(requests.data[0].status, "pending");
        assert_eq!(
            code(store.accept_my_suggestion(&ada, ADA_TO_INITECH)),
            "organization_suggestion_already_accepted"
        );
        // Someone else's suggestion is not found.
        assert_eq!(
            code(store.accept_my_suggestion(&frances, ADA_TO_INITECH)),
            "resource_not_found"
        );
    }
}
