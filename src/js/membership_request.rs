//! `OrganizationMembershipRequest`: a user asking to join an organization (issue 20), as its admins
//! see it (`organization.getMembershipRequests()`), with `accept()` and `reject()`. What every
//! instance does in JS is `js::instance`.

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::fapi::cache::{self, Mutation};
use crate::fapi::request::{endpoint, Request};
use crate::fapi::transport::Client;
use crate::js::call;
use crate::js::edge;
use crate::js::instance::{Class, Handle};
use crate::js::membership::date;
use crate::js::public_user_data::PublicUserData;
use crate::model::{Item, Kind, MembershipRequest, Page};

/// The fields JS reads (`js::instance`), numbered as [`OrganizationMembershipRequest::field`]
/// numbers them; their types are in `typescript.rs`.
const CLASS: Class = Class {
    name: "OrganizationMembershipRequest",
    keys: "id,organizationId,status,publicUserData,createdAt,updatedAt",
    methods: "accept,reject",
};

/// A request to join an organization, as Clerk's `OrganizationMembershipRequest` resource.
#[wasm_bindgen]
pub struct OrganizationMembershipRequest {
    handle: Rc<Handle<MembershipRequest>>,
    api: Rc<Client>,
}

impl OrganizationMembershipRequest {
    /// The JS object of a request, bound to `api`.
    pub(crate) fn js(data: MembershipRequest, api: Rc<Client>) -> JsValue {
        let handle = Handle::new(data, &CLASS);
        handle.wrap(OrganizationMembershipRequest {
            handle: handle.clone(),
            api,
        })
    }

    /// `{ data, totalCount }` of a page of requests bound to `api`.
    pub(crate) fn page(page: Page<MembershipRequest>, api: Rc<Client>) -> JsValue {
        call::objects(page, api, OrganizationMembershipRequest::js)
    }

    /// `accept()` or `reject()`: the request's new state, shown in place.
    fn answer(
        &self,
        options: &JsValue,
        this: JsValue,
        path: fn(&str, &str) -> Result<Request, crate::error::Error>,
    ) -> Promise {
        let prepared = (|| {
            let (org, id) = self.handle.with(|r| {
                (
                    r.organization_id.as_str().to_owned(),
                    r.id.as_str().to_owned(),
                )
            })?;
            let prepared = call::prepare(self.api.clone(), path(&org, &id)?, options)?;
            // In the lists' `pendingIds` until it answers.
            Ok((
                prepared,
                Mutation::begin(&self.api, &id, &org, Kind::Requests),
            ))
        })();
        let (prepared, mutation) = match prepared {
            Ok((prepared, mutation)) => (Ok(prepared), Some(mutation)),
            Err(error) => (Err(error), None),
        };
        call::in_place(
            prepared,
            "organization membership request",
            self.handle.clone(),
            this,
            |r| r.updated_at.0,
            OrganizationMembershipRequest::js,
            // The request lists show its new status; an accepted request is a new member: the
            // member lists fetch again.
            move |api, data| {
                cache::changed(api, Item::Request(Rc::new(data.clone())));
                if data.status.as_str() == "accepted" {
                    cache::stale(api, data.organization_id.as_str(), Kind::Members);
                }
                drop(mutation);
            },
        )
    }
}

#[wasm_bindgen]
impl OrganizationMembershipRequest {
    /// The field `index` of [`CLASS`]'s keys, for `instance.js`, which keeps it on the instance.
    #[wasm_bindgen(js_name = __field, skip_typescript)]
    pub fn field(&self, index: u32) -> Result<JsValue, JsValue> {
        self.handle.field(|r| match index {
            0 => r.id.as_str().into(),
            1 => r.organization_id.as_str().into(),
            2 => r.status.as_str().into(),
            3 => match &r.public_user_data {
                Some(user) => PublicUserData::js(user.clone()),
                None => JsValue::UNDEFINED,
            },
            4 => date(r.created_at.0),
            5 => date(r.updated_at.0),
            _ => JsValue::UNDEFINED,
        })
    }

    /// Accepts the request (`POST …/organizations/{org}/membership_requests/{id}/accept`): the user
    /// becomes a member. Resolves to this same instance, now `accepted` (as clerk-js).
    #[wasm_bindgen(skip_typescript)]
    pub fn accept(&self, options: JsValue, this: JsValue) -> Promise {
        self.answer(&options, this, endpoint::accept_membership_request)
    }

    /// Rejects the request (`POST …/membership_requests/{id}/reject`). Resolves to this same
    /// instance, now `rejected`.
    #[wasm_bindgen(skip_typescript)]
    pub fn reject(&self, options: JsValue, this: JsValue) -> Promise {
        self.answer(&options, this, endpoint::reject_membership_request)
    }

    /// The snake_case Frontend API snapshot: `JSON.stringify(request)` works.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "OrganizationMembershipRequestJSON")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        Ok(self.handle.with(edge::to_js)?)
    }

    /// Releases the request at once; every later read or call throws `freed`.
    #[wasm_bindgen(js_name = free)]
    pub fn release(&self) {
        self.handle.free();
    }
}
