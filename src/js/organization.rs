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
use crate::js::instance::Handle;
use crate::js::list::MembershipList;
use crate::js::membership::{date, nullable, OrganizationMembership};
use crate::model::{Organization as OrganizationData, Page, Role};

/// An organization, as Clerk's `Organization` resource exposes it on a membership.
#[wasm_bindgen]
pub struct Organization {
    handle: Rc<Handle<Rc<OrganizationData>>>,
    api: Option<Rc<Client>>,
}

impl Organization {
    /// The JS object of an organization (shared with its membership's data, not copied).
    pub(crate) fn js(data: Rc<OrganizationData>, api: Option<Rc<Client>>) -> JsValue {
        let handle = Handle::new(data, "Organization");
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

    /// The organization id (`org_…`).
    #[wasm_bindgen(getter = id, unchecked_return_type = "string")]
    pub fn id_value(&self) -> Result<JsValue, JsValue> {
        self.handle.read("id", |o| o.id.as_str().into())
    }

    /// The display name.
    #[wasm_bindgen(getter, unchecked_return_type = "string")]
    pub fn name(&self) -> Result<JsValue, JsValue> {
        self.handle.read("name", |o| o.name.as_str().into())
    }

    /// The URL-friendly name, or `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "string | null")]
    pub fn slug(&self) -> Result<JsValue, JsValue> {
        self.handle.read("slug", |o| nullable(o.slug.as_deref()))
    }

    /// The logo or generated avatar URL.
    #[wasm_bindgen(getter = imageUrl, unchecked_return_type = "string")]
    pub fn image_url(&self) -> Result<JsValue, JsValue> {
        self.handle
            .read("imageUrl", |o| o.image_url.as_str().into())
    }

    /// Whether `imageUrl` is an uploaded image.
    #[wasm_bindgen(getter = hasImage, unchecked_return_type = "boolean")]
    pub fn has_image(&self) -> Result<JsValue, JsValue> {
        self.handle.read("hasImage", |o| o.has_image.into())
    }

    /// Application-defined metadata: a plain object, made from the JSON the Frontend API sent on
    /// first read and the same object on every later read.
    #[wasm_bindgen(getter = publicMetadata, unchecked_return_type = "OrganizationPublicMetadata")]
    pub fn public_metadata(&self) -> Result<JsValue, JsValue> {
        self.handle
            .read("publicMetadata", |o| edge::parsed(&o.public_metadata))
    }

    /// The number of members.
    #[wasm_bindgen(getter = membersCount, unchecked_return_type = "number")]
    pub fn members_count(&self) -> Result<JsValue, JsValue> {
        self.handle.read("membersCount", |o| o.members_count.into())
    }

    /// The number of pending invitations.
    #[wasm_bindgen(getter = pendingInvitationsCount, unchecked_return_type = "number")]
    pub fn pending_invitations_count(&self) -> Result<JsValue, JsValue> {
        self.handle.read("pendingInvitationsCount", |o| {
            o.pending_invitations_count.into()
        })
    }

    /// The membership limit of the organization's plan.
    #[wasm_bindgen(getter = maxAllowedMemberships, unchecked_return_type = "number")]
    pub fn max_allowed_memberships(&self) -> Result<JsValue, JsValue> {
        self.handle.read("maxAllowedMemberships", |o| {
            o.max_allowed_memberships.into()
        })
    }

    /// Whether admins may delete the organization.
    #[wasm_bindgen(getter = adminDeleteEnabled, unchecked_return_type = "boolean")]
    pub fn admin_delete_enabled(&self) -> Result<JsValue, JsValue> {
        self.handle
            .read("adminDeleteEnabled", |o| o.admin_delete_enabled.into())
    }

    /// Whether the organization can configure self-serve enterprise SSO.
    #[wasm_bindgen(getter = selfServeSSOEnabled, unchecked_return_type = "boolean")]
    pub fn self_serve_sso_enabled(&self) -> Result<JsValue, JsValue> {
        self.handle
            .read("selfServeSSOEnabled", |o| o.self_serve_sso_enabled.into())
    }

    /// Whether members may belong to this organization only.
    #[wasm_bindgen(getter = exclusiveMembership, unchecked_return_type = "boolean")]
    pub fn exclusive_membership(&self) -> Result<JsValue, JsValue> {
        self.handle
            .read("exclusiveMembership", |o| o.exclusive_membership.into())
    }

    /// When the organization was created.
    #[wasm_bindgen(getter = createdAt, unchecked_return_type = "Date")]
    pub fn created_at(&self) -> Result<JsValue, JsValue> {
        self.handle.read("createdAt", |o| date(o.created_at.0))
    }

    /// When the organization last changed.
    #[wasm_bindgen(getter = updatedAt, unchecked_return_type = "Date")]
    pub fn updated_at(&self) -> Result<JsValue, JsValue> {
        self.handle.read("updatedAt", |o| date(o.updated_at.0))
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
