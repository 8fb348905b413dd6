//! `Organization`: the organization embedded in a membership, and its lists (members, roles).

use std::rc::Rc;

use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::fapi::options::ListParams;
use crate::fapi::request::endpoint;
use crate::fapi::transport::{Client, Failure};
use crate::js::call;
use crate::js::edge;
use crate::js::instance::{Class, Handle};
use crate::js::list::MembershipList;
use crate::js::membership::{date, nullable, OrganizationMembership};
use crate::model::{Organization as OrganizationData, Page, Role};

/// The fields JS reads (`js::instance`), numbered as [`Organization::field`] numbers them; their types are
/// in `typescript.rs`.
const CLASS: Class = Class {
    name: "Organization",
    keys: "id,name,slug,imageUrl,hasImage,publicMetadata,membersCount,pendingInvitationsCount,maxAllowedMemberships,adminDeleteEnabled,selfServeSSOEnabled,exclusiveMembership,createdAt,updatedAt",
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
    /// infinite }`), already loading its first page: see `MembershipList`.
    #[wasm_bindgen(js_name = membershipList, unchecked_return_type = "MembershipList")]
    pub fn membership_list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "MembershipListParams")] params: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (api, organization) = (self.api()?, self.id()?);
        api.live()?;
        // ListParams, `infinite` (pages accumulate) and `keepPreviousData` (rows stay while loading).
        let (params, copy) = edge::options::<ListParams>(&params, "params")?;
        let flag = |key: &str, message: &'static str| match edge::member(&copy, key) {
            value if value.is_undefined() => Ok(false),
            value => value.as_bool().ok_or_else(|| Error::option(message)),
        };
        let infinite = flag("infinite", "params.infinite must be a boolean")?;
        let keep_previous = flag(
            "keepPreviousData",
            "params.keepPreviousData must be a boolean",
        )?;
        // The params a list's fetches will send, checked now so that a bad one throws here.
        endpoint::memberships(&organization, &params)?;
        Ok(MembershipList::start(
            api,
            organization,
            params,
            infinite,
            keep_previous,
        )?)
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
            7 => o.pending_invitations_count.into(),
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
        Ok(self.handle.with(|o| edge::to_js(&**o))?)
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
