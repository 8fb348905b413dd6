//! `Organization`: the organization embedded in a membership, and its lists (members, roles).

use std::rc::Rc;

use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::fapi::cache;
use crate::fapi::options::{ListParams, MemberCall, MemberParams, StatusListParams};
use crate::fapi::request::{endpoint, Method};
use crate::fapi::transport::{Client, Failure};
use crate::js::call;
use crate::js::edge;
use crate::js::instance::{Class, Handle};
use crate::js::invitation::OrganizationInvitation;
use crate::js::list::MembershipList;
use crate::js::membership::{date, nullable, OrganizationMembership};
use crate::js::membership_request::OrganizationMembershipRequest;
use crate::model::fields::Stamp;
use crate::model::{
    DeletedObject, Invitation, Item, Kind, Membership, MembershipRequest,
    Organization as OrganizationData, Page, Role,
};

/// The fields JS reads (`js::instance`), numbered as [`Organization::field`] numbers them; their types are
/// in `typescript.rs`.
const CLASS: Class = Class {
    name: "Organization",
    keys: "id,name,slug,imageUrl,hasImage,publicMetadata,membersCount,!pendingInvitationsCount,maxAllowedMemberships,adminDeleteEnabled,selfServeSSOEnabled,exclusiveMembership,createdAt,updatedAt",
    methods: "",
};

/// An organization, as Clerk's `Organization` resource exposes it on a membership.
#[wasm_bindgen]
pub struct Organization {
    handle: Rc<Handle<Rc<OrganizationData>>>,
    api: Option<Rc<Client>>,
}

impl Organization {
    /// The JS object of an organization (shared with its membership's data, not copied).
    pub(crate) fn js(data: Rc<OrganizationData>, api: Option<Rc<Client>>) -> JsValue {
        let handle = Handle::new(data, &CLASS);
        handle.wrap(Organization {
            handle: handle.clone(),
            api,
        })
    }

    fn api(&self) -> Result<Rc<Client>, Error> {
        self.api.clone().ok_or_else(|| {
            Error::refused(
                "unbound_membership",
                "this organization comes from a membership not bound to a FrontendApi: use fromJSON(json, api)",
            )
        })
    }

    fn id(&self) -> Result<String, Error> {
        self.handle.with(|org| org.id.as_str().to_owned())
    }

    /// A live list of `kind` of this organization, bound to its client.
    fn live_list(&self, kind: Kind, params: &JsValue) -> Result<JsValue, JsValue> {
        let (api, organization) = (self.api()?, self.id()?);
        Ok(MembershipList::start(api, organization, kind, params)?)
    }

    /// `pendingInvitationsCount`: the JSON's count, with what this object's client learned since it
    /// was read (`fapi::cache`).
    fn pending_invitations(&self, o: &OrganizationData) -> u32 {
        match &self.api {
            Some(api) => api.cache.pending_invitations(
                o.id.as_str(),
                o.pending_invitations_count,
                o.received,
            ),
            None => o.pending_invitations_count,
        }
    }
}

#[wasm_bindgen]
impl Organization {
    /// The organization's members, a page at a time: `{ data, totalCount }`, optionally filtered by
    /// `role` (one key or several) and a `query` on names and identifiers.
    #[wasm_bindgen(js_name = getMemberships, skip_typescript)]
    pub fn get_memberships(&self, params: JsValue, options: JsValue) -> Promise {
        OrganizationMembership::list((|| {
            let (api, org) = (self.api()?, self.id()?);
            let (params, _) = edge::options::<ListParams>(&params, "params")?;
            call::prepare(api, endpoint::memberships(&org, &params)?, &options)
        })())
    }

    /// A live, paginated list of the organization's members (`{ pageSize, initialPage, query, role,
    /// infinite, keepPreviousData }`), already loading its first page: see `MembershipList`.
    #[wasm_bindgen(js_name = membershipList, unchecked_return_type = "MembershipList")]
    pub fn membership_list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "MembershipListParams")] params: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.live_list(Kind::Members, &params)
    }

    /// A live, paginated list of the organization's invitations (`{ pageSize, initialPage, status,
    /// infinite, keepPreviousData }`), already loading its first page.
    #[wasm_bindgen(js_name = invitationList, skip_typescript)]
    pub fn invitation_list(&self, params: JsValue) -> Result<JsValue, JsValue> {
        self.live_list(Kind::Invitations, &params)
    }

    /// A live, paginated list of the requests to join the organization (`{ pageSize, initialPage,
    /// status, infinite, keepPreviousData }`), already loading its first page.
    #[wasm_bindgen(js_name = membershipRequestList, skip_typescript)]
    pub fn membership_request_list(&self, params: JsValue) -> Result<JsValue, JsValue> {
        self.live_list(Kind::Requests, &params)
    }

    /// The organization's invitations, a page at a time: `{ data, totalCount }`, optionally by
    /// `status`. A page of `status: 'pending'` alone also sets `pendingInvitationsCount`.
    #[wasm_bindgen(js_name = getInvitations, skip_typescript)]
    pub fn get_invitations(&self, params: JsValue, options: JsValue) -> Promise {
        let prepared = (|| {
            let (api, org) = (self.api()?, self.id()?);
            let (params, _) = edge::options::<StatusListParams>(&params, "params")?;
            // Only a page of pending invitations alone tells how many are pending.
            let pending_only = params.pending_only();
            let request = endpoint::invitations(&org, &params)?;
            Ok((call::prepare(api, request, &options)?, org, pending_only))
        })();
        let (prepared, org, pending_only) = match prepared {
            Ok((prepared, org, pending_only)) => (Ok(prepared), org, pending_only),
            Err(error) => (Err(error), String::new(), false),
        };
        // The count is as of when it was asked for: changes learned meanwhile still count after it.
        let asked = Stamp::next();
        call::send(
            prepared,
            call::INVITATIONS_PAGE,
            move |api, mut page: Page<Invitation>| -> Result<JsValue, Failure> {
                if pending_only {
                    api.cache
                        .pending_invitations_were(&org, page.total_count, asked);
                }
                page.data = page.data.into_iter().map(|i| i.placed(&org)).collect();
                Ok(OrganizationInvitation::page(page, api))
            },
        )
    }

    /// The requests to join the organization, a page at a time: `{ data, totalCount }`, optionally
    /// by `status`.
    #[wasm_bindgen(js_name = getMembershipRequests, skip_typescript)]
    pub fn get_membership_requests(&self, params: JsValue, options: JsValue) -> Promise {
        let prepared = (|| {
            let (api, org) = (self.api()?, self.id()?);
            let (params, _) = edge::options::<StatusListParams>(&params, "params")?;
            call::prepare(api, endpoint::membership_requests(&org, &params)?, &options)
        })();
        call::send(
            prepared,
            call::REQUESTS_PAGE,
            |api, page: Page<MembershipRequest>| -> Result<JsValue, Failure> {
                Ok(OrganizationMembershipRequest::page(page, api))
            },
        )
    }

    /// Invites one email address with a role (`POST …/invitations`); resolves to the new
    /// `OrganizationInvitation`.
    #[wasm_bindgen(js_name = inviteMember, skip_typescript)]
    pub fn invite_member(&self, params: JsValue, options: JsValue) -> Promise {
        let org = self.id().unwrap_or_default();
        let prepared = (|| {
            let (api, org) = (self.api()?, self.id()?);
            let (params, _) = edge::options::<MemberParams>(&params, "params")?;
            let (email, role) = params.invite()?;
            call::prepare(api, endpoint::invite(&org, &email, &role)?, &options)
        })();
        call::send(
            prepared,
            "organization invitation",
            move |api, data: Invitation| -> Result<JsValue, Failure> {
                cache::invitations_changed(&api, &org, i64::from(data.is_pending()));
                cache::stale(&api, &org, Kind::Invitations);
                Ok(OrganizationInvitation::js(data.placed(&org), api))
            },
        )
    }

    /// Invites several email addresses with one role, in one request (`POST …/invitations/bulk`);
    /// resolves to the new invitations, an array of `OrganizationInvitation`.
    #[wasm_bindgen(js_name = inviteMembers, skip_typescript)]
    pub fn invite_members(&self, params: JsValue, options: JsValue) -> Promise {
        let prepared = (|| {
            let (api, org) = (self.api()?, self.id()?);
            let (params, _) = edge::options::<MemberParams>(&params, "params")?;
            let (emails, role) = params.invite_many()?;
            call::prepare(api, endpoint::invite_many(&org, &emails, &role)?, &options)
        })();
        let org = self.id().unwrap_or_default();
        call::send(
            prepared,
            "organization invitations",
            move |api, page: Page<Invitation>| -> Result<JsValue, Failure> {
                let sent = page.data.iter().filter(|i| i.is_pending()).count() as i64;
                cache::invitations_changed(&api, &org, sent);
                cache::stale(&api, &org, Kind::Invitations);
                let data = page.data.into_iter().map(|i| i.placed(&org)).collect();
                Ok(OrganizationInvitation::array(data, api).into())
            },
        )
    }

    /// Adds a user by id with a role (`POST …/memberships`); resolves to the new
    /// `OrganizationMembership`. The organization's member lists fetch again.
    #[wasm_bindgen(js_name = addMember, skip_typescript)]
    pub fn add_member(&self, params: JsValue, options: JsValue) -> Promise {
        let prepared = (|| {
            let (api, org) = (self.api()?, self.id()?);
            let (params, _) = edge::options::<MemberParams>(&params, "params")?;
            let (user, role) = params.member(MemberCall::Add)?;
            call::prepare(api, endpoint::add_member(&org, &user, &role)?, &options)
        })();
        call::send(
            prepared,
            "organization membership",
            |api, data: Membership| -> Result<JsValue, Failure> {
                cache::stale(&api, data.organization.id.as_str(), Kind::Members);
                Ok(OrganizationMembership::js(data, Some(api)))
            },
        )
    }

    /// Changes a member's role by user id (`PATCH …/memberships/{user}`); resolves to the changed
    /// `OrganizationMembership`, which the live lists show too.
    #[wasm_bindgen(js_name = updateMember, skip_typescript)]
    pub fn update_member(&self, params: JsValue, options: JsValue) -> Promise {
        let prepared = (|| {
            let (api, org) = (self.api()?, self.id()?);
            let (params, _) = edge::options::<MemberParams>(&params, "params")?;
            let (user, role) = params.member(MemberCall::Update)?;
            let request = endpoint::membership(Method::Patch, &org, &user)?.form("role", &role);
            call::prepare(api, request, &options)
        })();
        call::send(
            prepared,
            "organization membership",
            |api, data: Membership| -> Result<JsValue, Failure> {
                cache::changed(&api, Item::Member(Rc::new(data.clone())));
                Ok(OrganizationMembership::js(data, Some(api)))
            },
        )
    }

    /// Removes a member by user id (`DELETE …/memberships/{user}`); resolves to the removed
    /// `OrganizationMembership`, which the live lists drop.
    #[wasm_bindgen(js_name = removeMember, skip_typescript)]
    pub fn remove_member(&self, user_id: JsValue, options: JsValue) -> Promise {
        let prepared = (|| {
            let (api, org) = (self.api()?, self.id()?);
            let user = user_id
                .as_string()
                .ok_or_else(|| Error::option("removeMember(userId) takes a user id string"))?;
            call::prepare(
                api,
                endpoint::membership(Method::Delete, &org, &user)?,
                &options,
            )
        })();
        call::send(
            prepared,
            "organization membership",
            |api, data: Membership| -> Result<JsValue, Failure> {
                cache::removed(&api, &data);
                Ok(OrganizationMembership::js(data, Some(api)))
            },
        )
    }

    /// The signed-in user leaves the organization (`DELETE /v1/me/organization_memberships/{org}`);
    /// resolves to `{ object, id, slug, deleted }`, as clerk-js's `user.leaveOrganization()`.
    #[wasm_bindgen(skip_typescript)]
    pub fn leave(&self, options: JsValue) -> Promise {
        let prepared = (|| {
            let (api, org) = (self.api()?, self.id()?);
            Ok((call::prepare(api, endpoint::leave(&org)?, &options)?, org))
        })();
        let (prepared, org) = match prepared {
            Ok((prepared, org)) => (Ok(prepared), org),
            Err(error) => (Err(error), String::new()),
        };
        call::send(
            prepared,
            "deleted object",
            move |api, data: DeletedObject| -> Result<JsValue, Failure> {
                cache::stale(&api, &org, Kind::Members);
                Ok(edge::to_js(&data))
            },
        )
    }

    /// The roles members can have, for a role picker: `{ data, totalCount }` of plain role objects.
    #[wasm_bindgen(js_name = getRoles, skip_typescript)]
    pub fn get_roles(&self, params: JsValue, options: JsValue) -> Promise {
        let prepared = (|| {
            let (api, org) = (self.api()?, self.id()?);
            let (params, _) = edge::options::<ListParams>(&params, "params")?;
            call::prepare(api, endpoint::roles(&org, &params)?, &options)
        })();
        call::send(
            prepared,
            "page of roles",
            |_, page: Page<Role>| -> Result<JsValue, Failure> {
                let data: Array = page.data.iter().map(role).collect();
                Ok(call::page(data, page.total_count))
            },
        )
    }

    /// The field `index` of [`CLASS`]'s keys, for `instance.js`, which keeps it on the instance.
    #[wasm_bindgen(js_name = __field, skip_typescript)]
    pub fn field(&self, index: u32) -> Result<JsValue, JsValue> {
        self.handle.field(|o| match index {
            0 => o.id.as_str().into(),
            1 => o.name.as_str().into(),
            2 => nullable(o.slug.as_deref()),
            3 => o.image_url.as_str().into(),
            4 => o.has_image.into(),
            5 => edge::parsed(&o.public_metadata),
            6 => o.members_count.into(),
            // Live: what this client last learned, else what the organization was sent with.
            7 => self.pending_invitations(o).into(),
            8 => o.max_allowed_memberships.into(),
            9 => o.admin_delete_enabled.into(),
            10 => o.self_serve_sso_enabled.into(),
            11 => o.exclusive_membership.into(),
            12 => date(o.created_at.0),
            13 => date(o.updated_at.0),
            _ => JsValue::UNDEFINED,
        })
    }

    /// The snake_case Frontend API snapshot of the organization.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "OrganizationJSONSnapshot")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        Ok(self.handle.with(|o| {
            // The count the object shows (live), so that the snapshot never disagrees with it.
            let count = self.pending_invitations(o);
            if count == o.pending_invitations_count {
                return edge::to_js(&**o);
            }
            let mut shown = (**o).clone();
            shown.pending_invitations_count = count;
            edge::to_js(&shown)
        })?)
    }

    /// Releases this object; every later read or call throws `freed`. Its membership is not affected.
    #[wasm_bindgen(js_name = free)]
    pub fn release(&self) {
        self.handle.free();
    }
}

/// A role as clerk-js's `RoleResource` shows it: camelCase, with `Date`s.
fn role(role: &Role) -> JsValue {
    let object = edge::to_js(role);
    dates(&object, role.created_at.0, role.updated_at.0);
    let permissions = Reflect::get(&object, &"permissions".into()).unwrap_or(JsValue::UNDEFINED);
    for (index, permission) in role.permissions.iter().enumerate() {
        if let Ok(entry) = Reflect::get_u32(&permissions, index as u32) {
            dates(&entry, permission.created_at.0, permission.updated_at.0);
        }
    }
    object
}

/// serde-wasm-bindgen writes timestamps as numbers; a `RoleResource` has `Date`s.
fn dates(object: &JsValue, created_at: i64, updated_at: i64) {
    // Our own fresh plain objects: setting keys cannot fail.
    let _ = Reflect::set(object, &"createdAt".into(), &date(created_at));
    let _ = Reflect::set(object, &"updatedAt".into(), &date(updated_at));
}
