//! Invitations, from both sides (issue 20):
//!
//! - `OrganizationInvitation`: an organization's invitation as its admins see it
//!   (`organization.getInvitations()`, `inviteMember()`, `inviteMembers()`), with `revoke()`.
//! - `UserOrganizationInvitation`: an invitation as the signed-in user sees it
//!   (`UserOrganizationInvitation.retrieve(api)`), with `accept()`.
//!
//! One model type (`model::Invitation`) behind both. What every instance does in JS (cached reads,
//! in place, `free()`) is `js::instance`.

use std::rc::Rc;

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use crate::fapi::cache::{self, Mutation};
use crate::fapi::request::endpoint;
use crate::fapi::transport::Client;
use crate::js::call;
use crate::js::edge;
use crate::js::instance::{Class, Handle};
use crate::js::membership::{date, nullable};
use crate::model::{Invitation, Item, Kind, Page, PublicOrganizationData};

/// The fields JS reads (`js::instance`), numbered as [`OrganizationInvitation::field`] numbers
/// them; their types are in `typescript.rs`.
const CLASS: Class = Class {
    name: "OrganizationInvitation",
    keys: "id,emailAddress,organizationId,publicMetadata,role,roleName,status,createdAt,updatedAt",
    methods: "revoke",
};

/// An invitation to join an organization, as Clerk's `OrganizationInvitation` resource.
#[wasm_bindgen]
pub struct OrganizationInvitation {
    handle: Rc<Handle<Invitation>>,
    api: Rc<Client>,
}

impl OrganizationInvitation {
    /// The JS object of an organization's invitation, bound to `api`.
    pub(crate) fn js(data: Invitation, api: Rc<Client>) -> JsValue {
        let handle = Handle::new(data, &CLASS);
        handle.wrap(OrganizationInvitation {
            handle: handle.clone(),
            api,
        })
    }

    /// `{ data, totalCount }` of a page of invitations bound to `api`.
    pub(crate) fn page(page: Page<Invitation>, api: Rc<Client>) -> JsValue {
        call::objects(page, api, OrganizationInvitation::js)
    }

    /// Invitations bound to `api`, as a JS array.
    pub(crate) fn array(data: Vec<Invitation>, api: Rc<Client>) -> Array {
        data.into_iter()
            .map(|invitation| OrganizationInvitation::js(invitation, api.clone()))
            .collect()
    }
}

#[wasm_bindgen]
impl OrganizationInvitation {
    /// The field `index` of [`CLASS`]'s keys, for `instance.js`, which keeps it on the instance.
    #[wasm_bindgen(js_name = __field, skip_typescript)]
    pub fn field(&self, index: u32) -> Result<JsValue, JsValue> {
        self.handle
            .field(|i| field(i, index, || i.organization_id.as_str().into()))
    }

    /// Revokes the invitation (`POST …/organizations/{org}/invitations/{id}/revoke`). Resolves to
    /// this same instance, now `revoked` (as clerk-js).
    #[wasm_bindgen(skip_typescript)]
    pub fn revoke(&self, options: JsValue, this: JsValue) -> Promise {
        let prepared = (|| {
            let (org, id, pending) = self.handle.with(|i| {
                (
                    i.organization_id.as_str().to_owned(),
                    i.id.as_str().to_owned(),
                    i.is_pending(),
                )
            })?;
            let request = endpoint::revoke_invitation(&org, &id)?;
            let prepared = call::prepare(self.api.clone(), request, &options)?;
            // In the lists' `pendingIds` until it answers.
            let mutation = Mutation::begin(&self.api, &id, &org, Kind::Invitations);
            Ok((prepared, pending, (mutation, org)))
        })();
        let (prepared, was_pending, mutation) = match prepared {
            Ok((prepared, pending, mutation)) => (Ok(prepared), pending, Some(mutation)),
            Err(error) => (Err(error), false, None),
        };
        call::in_place(
            prepared,
            "organization invitation",
            self.handle.clone(),
            this,
            |i| i.updated_at.0,
            OrganizationInvitation::js,
            move |api, data| {
                let Some((mutation, org)) = mutation else {
                    return;
                };
                if was_pending && !data.is_pending() {
                    cache::invitations_changed(api, &org, -1);
                }
                let data = data.clone().placed(&org);
                cache::changed(api, Item::Invitation(Rc::new(data)));
                drop(mutation);
            },
        )
    }

    /// The snake_case Frontend API snapshot: `JSON.stringify(invitation)` works.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "OrganizationInvitationJSON")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        Ok(self.handle.with(edge::to_js)?)
    }

    /// Releases the invitation at once; every later read or call throws `freed`.
    #[wasm_bindgen(js_name = free)]
    pub fn release(&self) {
        self.handle.free();
    }
}

/// The fields JS reads (`js::instance`), numbered as [`UserOrganizationInvitation::field`] numbers
/// them; their types are in `typescript.rs`.
const USER_CLASS: Class = Class {
    name: "UserOrganizationInvitation",
    keys: "id,emailAddress,publicOrganizationData,publicMetadata,role,roleName,status,createdAt,updatedAt",
    methods: "accept",
};

/// An invitation as the signed-in user sees it, as Clerk's `UserOrganizationInvitation` resource.
#[wasm_bindgen]
pub struct UserOrganizationInvitation {
    handle: Rc<Handle<Invitation>>,
    api: Rc<Client>,
}

impl UserOrganizationInvitation {
    fn js(data: Invitation, api: Rc<Client>) -> JsValue {
        let handle = Handle::new(data, &USER_CLASS);
        handle.wrap(UserOrganizationInvitation {
            handle: handle.clone(),
            api,
        })
    }
}

#[wasm_bindgen]
impl UserOrganizationInvitation {
    /// The signed-in user's invitations (`GET /v1/me/organization_invitations`), a page at a time:
    /// `{ data, totalCount }`, optionally by `status`.
    #[wasm_bindgen(skip_typescript)]
    pub fn retrieve(api: JsValue, params: JsValue, options: JsValue) -> Promise {
        call::retrieve(
            (&api, &params, &options),
            endpoint::my_invitations,
            call::INVITATIONS_PAGE,
            UserOrganizationInvitation::js,
        )
    }

    /// The field `index` of [`USER_CLASS`]'s keys, for `instance.js`, which keeps it on the instance.
    #[wasm_bindgen(js_name = __field, skip_typescript)]
    pub fn field(&self, index: u32) -> Result<JsValue, JsValue> {
        self.handle.field(|i| {
            field(i, index, || {
                public_organization(i.public_organization_data.as_deref())
            })
        })
    }

    /// Accepts the invitation (`POST /v1/me/organization_invitations/{id}/accept`): the signed-in
    /// user joins the organization. Resolves to this same instance, now `accepted` (as clerk-js).
    #[wasm_bindgen(skip_typescript)]
    pub fn accept(&self, options: JsValue, this: JsValue) -> Promise {
        let prepared = (|| {
            let id = self.handle.with(|i| i.id.as_str().to_owned())?;
            call::prepare(
                self.api.clone(),
                endpoint::accept_my_invitation(&id)?,
                &options,
            )
        })();
        call::in_place(
            prepared,
            "organization invitation",
            self.handle.clone(),
            this,
            |i| i.updated_at.0,
            UserOrganizationInvitation::js,
            |api, data| {
                // A new member, and an invitation no longer pending: the organization's member
                // and invitation lists fetch again.
                let organization = data
                    .public_organization_data
                    .as_deref()
                    .map_or(data.organization_id.as_str(), |o| o.id.as_str());
                cache::stale(api, organization, Kind::Members);
                cache::stale(api, organization, Kind::Invitations);
                if !data.is_pending() {
                    cache::invitations_changed(api, organization, -1);
                }
            },
        )
    }

    /// The snake_case Frontend API snapshot.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "UserOrganizationInvitationJSON")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        Ok(self.handle.with(edge::to_js)?)
    }

    /// Releases the invitation at once; every later read or call throws `freed`.
    #[wasm_bindgen(js_name = free)]
    pub fn release(&self) {
        self.handle.free();
    }
}

/// The field `index` of an invitation, as both classes number them: the same but for field 2,
/// `organizationId` on the organization's side and `publicOrganizationData` on the user's (`organization`).
fn field(i: &Invitation, index: u32, organization: impl FnOnce() -> JsValue) -> JsValue {
    match index {
        0 => i.id.as_str().into(),
        1 => i.email_address.as_str().into(),
        2 => organization(),
        3 => edge::parsed(&i.public_metadata),
        4 => i.role.as_str().into(),
        5 => nullable(i.role_name.as_deref()),
        6 => i.status.as_str().into(),
        7 => date(i.created_at.0),
        8 => date(i.updated_at.0),
        _ => JsValue::UNDEFINED,
    }
}

/// `publicOrganizationData` as clerk-js shows it: a frozen plain object `{ id, name, slug, imageUrl,
/// hasImage }`, or `null` when the Frontend API sent none.
pub(crate) fn public_organization(data: Option<&PublicOrganizationData>) -> JsValue {
    let Some(data) = data else {
        return JsValue::NULL;
    };
    let object = Object::new();
    // Keys of a fresh plain object: setting them cannot fail.
    for (key, value) in [
        ("id", JsValue::from(data.id.as_str())),
        ("name", data.name.as_str().into()),
        ("slug", nullable(data.slug.as_deref())),
        ("imageUrl", data.image_url.as_str().into()),
        ("hasImage", data.has_image.into()),
    ] {
        let _ = Reflect::set(&object, &key.into(), &value);
    }
    Object::freeze(&object).into()
}
