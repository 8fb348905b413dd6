//! `OrganizationMembership`: the JS class users hold. A cheap handle: the data sits behind an `Rc`
//! shared with the Promise of any call in flight, so no borrow of the JS object outlives a call.

use core::cell::{OnceCell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Date, Object, Promise};
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::fapi::request::{Method, Request};
use crate::fapi::transport::Client;
use crate::js::call::{self, reject, unexpected};
use crate::js::client::{client_of, get};
use crate::js::organization::Organization;
use crate::js::public_user_data::PublicUserData;
use crate::js::value::{self, MembershipData};
use crate::js::view;
use crate::model::Page;

/// One user's membership in an organization, as Clerk's `OrganizationMembership` resource.
#[wasm_bindgen]
pub struct OrganizationMembership {
    state: Rc<RefCell<Hydrated>>,
    api: Option<Rc<Client>>,
}

/// The data and the JS objects made from it on first read and then handed out again, so
/// `m.organization === m.organization` (React memoises on identity) and a list costs nothing until read.
struct Hydrated {
    data: MembershipData,
    organization: OnceCell<JsValue>,
    public_user_data: OnceCell<JsValue>,
    permissions: OnceCell<JsValue>,
}

impl Hydrated {
    fn new(data: MembershipData) -> RefCell<Hydrated> {
        RefCell::new(Hydrated {
            data,
            organization: OnceCell::new(),
            public_user_data: OnceCell::new(),
            permissions: OnceCell::new(),
        })
    }
}

impl OrganizationMembership {
    /// For Rust callers (and the wasm tests): an unbound membership from Frontend API JSON, as a Rust
    /// value; JS callers use `fromJSON`.
    pub fn parse(json: &JsValue) -> Result<OrganizationMembership, JsValue> {
        Ok(OrganizationMembership::bound(
            MembershipData::from_json(json)?,
            None,
        ))
    }

    pub(crate) fn bound(data: MembershipData, api: Option<Rc<Client>>) -> OrganizationMembership {
        OrganizationMembership {
            state: Rc::new(Hydrated::new(data)),
            api,
        }
    }

    /// Sends a list call; resolves to `{ data, totalCount }` of memberships bound to its client.
    pub(crate) fn list(prepared: call::Prepared) -> Promise {
        call::send(prepared, |api, envelope| {
            OrganizationMembership::page(&envelope.response, &api).map_err(unexpected)
        })
    }

    /// Memberships from a page of a list response, bound to `api`.
    fn page(response: &JsValue, api: &Rc<Client>) -> Result<JsValue, Error> {
        let page = Page::from_json(response)?;
        let data = page
            .data
            .iter()
            .map(|json| {
                let data = MembershipData::from_json(json)?;
                Ok::<JsValue, Error>(view::js(OrganizationMembership::bound(
                    data,
                    Some(api.clone()),
                )))
            })
            .collect::<Result<Array, Error>>()?;
        Ok(call::page(data, page.total_count))
    }

    fn read<T>(&self, read: impl FnOnce(&Hydrated) -> T) -> Result<T, JsValue> {
        let state = self
            .state
            .try_borrow()
            .map_err(|_| Error::Internal("membership state busy"))?;
        Ok(read(&state))
    }

    /// Organization id, user id and client for a call on this membership, or the refusal.
    fn target(&self) -> Result<(Rc<Client>, String, String), Error> {
        let api = self.api.clone().ok_or_else(|| {
            Error::refused(
                "unbound_membership",
                "this membership is not bound to a FrontendApi: build it with OrganizationMembership.fromJSON(json, api)",
            )
        })?;
        let state = self
            .state
            .try_borrow()
            .map_err(|_| Error::Internal("membership state busy"))?;
        let user_id = state
            .data
            .public_user_data
            .as_ref()
            .and_then(|u| u.user_id.clone())
            .ok_or_else(|| {
                // clerk-js would call …/memberships/undefined; the iOS SDK refuses, and so do we.
                Error::refused(
                    "missing_user_id",
                    "this membership has no public_user_data.user_id to address the member by",
                )
            })?;
        Ok((api, state.data.organization.id.clone(), user_id))
    }

    /// Sends a call on this membership; the response's membership replaces this one's data (Clerk's
    /// SDK updates in place) when `in_place`, and resolves as a membership sharing that data.
    fn mutate(
        &self,
        request: impl FnOnce(&str, &str) -> Request,
        options: &JsValue,
        in_place: bool,
    ) -> Promise {
        let state = self.state.clone();
        let prepared = self
            .target()
            .and_then(|(api, org, user)| Ok((api, request(&org, &user), call::signal(options)?)));
        call::send(prepared, move |api, envelope| {
            let data = MembershipData::from_json(&envelope.response).map_err(unexpected)?;
            if !in_place {
                return Ok(view::js(OrganizationMembership::bound(data, Some(api))));
            }
            let mut current = state
                .try_borrow_mut()
                .map_err(|_| Error::Internal("membership state busy"))?;
            // Answers to concurrent calls can arrive out of order: the instance keeps the newest state.
            if data.updated_at < current.data.updated_at {
                return Ok(view::js(OrganizationMembership::bound(data, Some(api))));
            }
            *current = Hydrated::new(data).into_inner();
            drop(current);
            Ok(view::js(OrganizationMembership {
                state,
                api: Some(api),
            }))
        })
    }
}

#[wasm_bindgen]
impl OrganizationMembership {
    /// Builds a membership from a Frontend API `organization_membership` object (snake_case), bound to
    /// `api` for `update()` and `destroy()`. Throws a `ClerkRuntimeError` with `code: "invalid_json"`
    /// naming the offending field path.
    #[wasm_bindgen(js_name = fromJSON, skip_typescript)]
    pub fn from_json(json: JsValue, api: JsValue) -> Result<JsValue, JsValue> {
        let data = MembershipData::from_json(&json)?;
        Ok(view::js(OrganizationMembership::bound(
            data,
            client_of(&api)?,
        )))
    }

    /// The signed-in user's memberships, a page at a time: `{ data, totalCount }`.
    #[wasm_bindgen(skip_typescript)]
    pub fn retrieve(api: JsValue, params: JsValue, options: JsValue) -> Promise {
        OrganizationMembership::list(client_of(&api).and_then(|api| {
            let api = api.ok_or_else(|| {
                Error::config("invalid_option", "retrieve(api) needs a FrontendApi")
            })?;
            // `paginated=true` first: without it the list comes back as a bare array (WIRE.md §4).
            let request = Request::new(Method::Get, &["me", "organization_memberships"])
                .query("paginated", "true");
            Ok((
                api,
                call::page_of(request, &params)?,
                call::signal(&options)?,
            ))
        }))
    }

    /// Changes the member's role: `PATCH …/organizations/{org}/memberships/{user}` with `role`. This
    /// instance shows the answer's state; JS receives the instance itself (see `view.rs`).
    #[wasm_bindgen(skip_typescript)]
    pub fn update(&self, params: JsValue, options: JsValue) -> Promise {
        let role = match get(&params, "role")
            .as_string()
            .filter(|role| !role.is_empty())
        {
            Some(role) => role,
            None => {
                return reject(Error::refused(
                    "invalid_role",
                    "update({ role }) needs a non-empty role key, e.g. 'org:admin'",
                ))
            }
        };
        self.mutate(
            |org, user| {
                Request::new(Method::Patch, &["organizations", org, "memberships", user])
                    .form("role", &role)
            },
            &options,
            true,
        )
    }

    /// Removes the member: `DELETE …/organizations/{org}/memberships/{user}`. Resolves to the removed
    /// membership (Clerk's SDK resolves `undefined`).
    #[wasm_bindgen(skip_typescript)]
    pub fn destroy(&self, options: JsValue) -> Promise {
        self.mutate(
            |org, user| Request::new(Method::Delete, &["organizations", org, "memberships", user]),
            &options,
            false,
        )
    }

    /// The membership id (`orgmem_…`).
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> Result<String, JsValue> {
        self.read(|s| s.data.id.clone())
    }

    /// The role key, e.g. `org:admin`.
    #[wasm_bindgen(getter)]
    pub fn role(&self) -> Result<String, JsValue> {
        self.read(|s| s.data.role.clone())
    }

    /// The role's display name, e.g. `Admin`; `null` when the Frontend API did not send one.
    #[wasm_bindgen(getter = roleName, unchecked_return_type = "string | null")]
    pub fn role_name(&self) -> Result<JsValue, JsValue> {
        self.read(|s| value::nullable(s.data.role_name.as_deref()))
    }

    /// The permission keys this membership grants (`[]` when none); frozen, as it is shared by every read.
    #[wasm_bindgen(getter, unchecked_return_type = "readonly string[]")]
    pub fn permissions(&self) -> Result<JsValue, JsValue> {
        self.read(|s| {
            s.permissions
                .get_or_init(|| {
                    let list: Array = s
                        .data
                        .permissions
                        .iter()
                        .map(|p| JsValue::from_str(p))
                        .collect();
                    // Frozen so that `hasPermission` and `toJSON` can never disagree with what JS sees.
                    Object::freeze(&list).into()
                })
                .clone()
        })
    }

    /// Application-defined metadata: the plain object the Frontend API sent.
    #[wasm_bindgen(getter = publicMetadata, unchecked_return_type = "OrganizationMembershipPublicMetadata")]
    pub fn public_metadata(&self) -> Result<JsValue, JsValue> {
        self.read(|s| s.data.public_metadata.clone())
    }

    /// The member's public profile, or `undefined` when the Frontend API sent none.
    #[wasm_bindgen(getter = publicUserData, unchecked_return_type = "PublicUserData | undefined")]
    pub fn public_user_data(&self) -> Result<JsValue, JsValue> {
        self.read(|s| {
            s.public_user_data
                .get_or_init(|| match &s.data.public_user_data {
                    Some(data) => view::js(PublicUserData::new(data.clone())),
                    None => JsValue::UNDEFINED,
                })
                .clone()
        })
    }

    /// The organization this membership belongs to (bound to the same `FrontendApi`).
    #[wasm_bindgen(getter, unchecked_return_type = "Organization")]
    pub fn organization(&self) -> Result<JsValue, JsValue> {
        self.read(|s| {
            s.organization
                .get_or_init(|| {
                    view::js(Organization::new(
                        s.data.organization.clone(),
                        self.api.clone(),
                    ))
                })
                .clone()
        })
    }

    /// When the membership was created.
    #[wasm_bindgen(getter = createdAt)]
    pub fn created_at(&self) -> Result<Date, JsValue> {
        self.read(|s| value::date(s.data.created_at))
    }

    /// When the membership last changed.
    #[wasm_bindgen(getter = updatedAt)]
    pub fn updated_at(&self) -> Result<Date, JsValue> {
        self.read(|s| value::date(s.data.updated_at))
    }

    /// Whether this membership grants the permission `key` (e.g. `org:sys_memberships:manage`).
    #[wasm_bindgen(js_name = hasPermission)]
    pub fn has_permission(&self, key: &str) -> Result<bool, JsValue> {
        self.read(|s| s.data.has_permission(key))
    }

    /// The snake_case Frontend API snapshot: `JSON.stringify(m)` works and `fromJSON(m.toJSON())` round-trips.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "OrganizationMembershipJSONSnapshot")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        self.read(|s| s.data.to_json())
    }
}
