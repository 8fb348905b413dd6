//! `Organization`: the organization embedded in a membership.

use std::rc::Rc;

use js_sys::{Array, Date, Object, Promise};
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::fapi::request::{Method, Request};
use crate::fapi::transport::Client;
use crate::js::call::{self, unexpected};
use crate::js::client::{get, optional_string};
use crate::js::membership::OrganizationMembership;
use crate::js::value::{self, set, OrganizationData};
use crate::model::{Json, Page, RoleJson};

/// An organization, as Clerk's `Organization` resource exposes it on a membership.
#[wasm_bindgen]
pub struct Organization {
    data: OrganizationData,
    api: Option<Rc<Client>>,
}

impl Organization {
    pub(crate) fn new(data: OrganizationData, api: Option<Rc<Client>>) -> Organization {
        Organization { data, api }
    }

    fn api(&self) -> Result<Rc<Client>, Error> {
        self.api.clone().ok_or_else(|| {
            Error::refused(
                "unbound_membership",
                "this organization comes from a membership not bound to a FrontendApi: use fromJSON(json, api)",
            )
        })
    }
}

#[wasm_bindgen]
impl Organization {
    /// The organization's members, a page at a time: `{ data, totalCount }`, optionally filtered by
    /// `role` (one key or several) and a `query` on names and identifiers.
    #[wasm_bindgen(js_name = getMemberships, skip_typescript)]
    pub fn get_memberships(&self, params: JsValue, options: JsValue) -> Promise {
        OrganizationMembership::list(self.api().and_then(|api| {
            let request = Request::new(
                Method::Get,
                &["organizations", &self.data.id, "memberships"],
            );
            let mut request = call::page_of(request.query("paginated", "true"), &params)?;
            if let Some(query) = optional_string(&get(&params, "query"), "query")? {
                request = request.query("query", &query);
            }
            for role in roles(&get(&params, "role"))? {
                request = request.query("role", &role);
            }
            Ok((api, request, call::signal(&options)?))
        }))
    }

    /// The roles members can have, for a role picker: `{ data, totalCount }` of plain role objects.
    #[wasm_bindgen(js_name = getRoles, skip_typescript)]
    pub fn get_roles(&self, params: JsValue, options: JsValue) -> Promise {
        let prepared = self.api().and_then(|api| {
            // The roles list takes limit/offset but no `paginated` (WIRE.md §4).
            let request = Request::new(Method::Get, &["organizations", &self.data.id, "roles"]);
            Ok((
                api,
                call::page_of(request, &params)?,
                call::signal(&options)?,
            ))
        });
        call::send(prepared, |_, envelope| {
            let page = Page::from_json(&envelope.response).map_err(unexpected)?;
            let data = page
                .data
                .iter()
                .map(|json| RoleJson::from_json(json).map(|role| role_object(&role)))
                .collect::<Result<Array, Error>>()
                .map_err(unexpected)?;
            Ok(call::page(data, page.total_count))
        })
    }

    /// The organization id (`org_…`).
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.data.id.clone()
    }

    /// The display name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.data.name.clone()
    }

    /// The URL-friendly name, or `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "string | null")]
    pub fn slug(&self) -> JsValue {
        value::nullable(self.data.slug.as_deref())
    }

    /// The logo or generated avatar URL.
    #[wasm_bindgen(getter = imageUrl)]
    pub fn image_url(&self) -> String {
        self.data.image_url.clone()
    }

    /// Whether `imageUrl` is an uploaded image.
    #[wasm_bindgen(getter = hasImage)]
    pub fn has_image(&self) -> bool {
        self.data.has_image
    }

    /// Application-defined metadata: the plain object the Frontend API sent.
    #[wasm_bindgen(getter = publicMetadata, unchecked_return_type = "OrganizationPublicMetadata")]
    pub fn public_metadata(&self) -> JsValue {
        self.data.public_metadata.clone()
    }

    /// The number of members.
    #[wasm_bindgen(getter = membersCount)]
    pub fn members_count(&self) -> u32 {
        self.data.members_count
    }

    /// The number of pending invitations.
    #[wasm_bindgen(getter = pendingInvitationsCount)]
    pub fn pending_invitations_count(&self) -> u32 {
        self.data.pending_invitations_count
    }

    /// The membership limit of the organization's plan.
    #[wasm_bindgen(getter = maxAllowedMemberships)]
    pub fn max_allowed_memberships(&self) -> u32 {
        self.data.max_allowed_memberships
    }

    /// Whether admins may delete the organization.
    #[wasm_bindgen(getter = adminDeleteEnabled)]
    pub fn admin_delete_enabled(&self) -> bool {
        self.data.admin_delete_enabled
    }

    /// Whether the organization can configure self-serve enterprise SSO.
    #[wasm_bindgen(getter = selfServeSSOEnabled)]
    pub fn self_serve_sso_enabled(&self) -> bool {
        self.data.self_serve_sso_enabled
    }

    /// Whether members may belong to this organization only.
    #[wasm_bindgen(getter = exclusiveMembership)]
    pub fn exclusive_membership(&self) -> bool {
        self.data.exclusive_membership
    }

    /// When the organization was created.
    #[wasm_bindgen(getter = createdAt)]
    pub fn created_at(&self) -> Date {
        value::date(self.data.created_at)
    }

    /// When the organization last changed.
    #[wasm_bindgen(getter = updatedAt)]
    pub fn updated_at(&self) -> Date {
        value::date(self.data.updated_at)
    }

    /// The snake_case Frontend API snapshot of the organization.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "OrganizationJSONSnapshot")]
    pub fn to_json(&self) -> JsValue {
        self.data.to_json()
    }
}

/// `role`: absent, one key, or an array of keys (sent as repeated `role` parameters). Read through the
/// catching [`Json`] readers: a Proxy in the caller's params is an `invalid_option`, never an exception.
fn roles(value: &JsValue) -> Result<Vec<String>, Error> {
    let bad = || {
        Error::config(
            "invalid_option",
            "role must be a role key or an array of role keys",
        )
    };
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    if let Some(role) = value.as_string() {
        return Ok(vec![role]);
    }
    let list = Json::items(value).ok_or_else(bad)?;
    list.iter()
        .map(|role| role.as_string().ok_or_else(bad))
        .collect()
}

/// A role as clerk-js's `RoleResource` shows it: camelCase, Dates.
fn role_object(role: &RoleJson) -> JsValue {
    let object: JsValue = Object::new().into();
    set(&object, "id", &role.id.as_str().into());
    set(&object, "key", &role.key.as_str().into());
    set(&object, "name", &role.name.as_str().into());
    set(&object, "description", &role.description.as_str().into());
    set(
        &object,
        "isCreatorEligible",
        &role.is_creator_eligible.into(),
    );
    let permissions: Array = role
        .permissions
        .iter()
        .map(|p| {
            let permission: JsValue = Object::new().into();
            set(&permission, "id", &p.id.as_str().into());
            set(&permission, "key", &p.key.as_str().into());
            set(&permission, "name", &p.name.as_str().into());
            set(&permission, "description", &p.description.as_str().into());
            set(&permission, "type", &p.kind.as_str().into());
            set(&permission, "createdAt", &value::date(p.created_at).into());
            set(&permission, "updatedAt", &value::date(p.updated_at).into());
            permission
        })
        .collect();
    set(&object, "permissions", &permissions.into());
    set(&object, "createdAt", &value::date(role.created_at).into());
    set(&object, "updatedAt", &value::date(role.updated_at).into());
    object
}
