//! `OrganizationMembership`: the JS class users hold. A cheap handle: the data sits behind an `Rc`
//! shared with the Promise of any call in flight, so no borrow of the JS object outlives a call.
//! What an instance does in JS (cached reads, `update()` resolving to itself, `free()`) is
//! `js::instance`.

use core::cell::OnceCell;
use std::rc::Rc;

use js_sys::{Array, Date, Object, Promise};
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::fapi::cache::Mutation;
use crate::fapi::options::{ListParams, UpdateParams};
use crate::fapi::request::{endpoint, Method};
use crate::fapi::transport::{Client, Failure};
use crate::js::call::{self, reject};
use crate::js::client::client_of;
use crate::js::edge;
use crate::js::instance::{forget, Class, Handle};
use crate::js::organization::Organization;
use crate::js::public_user_data::PublicUserData;
use crate::model::{Kind, Membership, Organization as OrganizationData, Page};

/// One user's membership in an organization, as Clerk's `OrganizationMembership` resource.
#[wasm_bindgen]
pub struct OrganizationMembership {
    handle: Rc<Handle<Member>>,
    api: Option<Rc<Client>>,
}

/// A membership's data, and its `Organization` object once made. Memberships of one page whose
/// organization is the same JSON share that data and that object (`list`): a page of 500 members
/// makes one `Organization`, not 500 (README › Performance).
pub(crate) struct Member {
    data: Rc<Membership>,
    organization_js: Rc<OnceCell<JsValue>>,
}

impl Member {
    fn new(data: Membership) -> Member {
        Member {
            data: Rc::new(data),
            organization_js: Rc::new(OnceCell::new()),
        }
    }
}

impl core::ops::Deref for Member {
    type Target = Membership;
    fn deref(&self) -> &Membership {
        &self.data
    }
}

/// The fields JS reads (`js::instance`), numbered as [`OrganizationMembership::field`] numbers them; their
/// types are in `typescript.rs`.
const CLASS: Class = Class {
    name: "OrganizationMembership",
    keys: "id,role,roleName,permissions,publicMetadata,publicUserData,organization,createdAt,updatedAt",
    methods: "update",
};

impl OrganizationMembership {
    /// For Rust callers (and the wasm tests): an unbound membership from a Frontend API object.
    pub fn parse(json: &JsValue) -> Result<OrganizationMembership, JsValue> {
        let data = edge::membership(json)?;
        Ok(OrganizationMembership {
            handle: Handle::new(Member::new(data), &CLASS),
            api: None,
        })
    }

    /// The JS object of a membership, bound to `api`.
    pub(crate) fn js(data: Membership, api: Option<Rc<Client>>) -> JsValue {
        OrganizationMembership::of(Member::new(data), api)
    }

    fn of(member: Member, api: Option<Rc<Client>>) -> JsValue {
        let handle = Handle::new(member, &CLASS);
        handle.wrap(OrganizationMembership {
            handle: handle.clone(),
            api,
        })
    }

    /// The JS object of a live list's row: `data` (shared with the list), bound to the list's own
    /// client, sharing `organization_js` with the list's other rows of that organization.
    pub(crate) fn row(
        data: Rc<Membership>,
        api: Rc<Client>,
        organization_js: Rc<OnceCell<JsValue>>,
    ) -> JsValue {
        OrganizationMembership::of(
            Member {
                data,
                organization_js,
            },
            Some(api),
        )
    }

    /// Sends a list call; resolves to `{ data, totalCount }` of memberships bound to its client.
    pub(crate) fn list(prepared: call::Prepared) -> Promise {
        call::send_read(
            prepared,
            Box::new(|api, body, _| {
                let page = call::members_page(&body)?;
                Ok(OrganizationMembership::page(page, Some(api)))
            }),
        )
    }

    /// `{ data, totalCount }` of a page of memberships bound to `api`.
    pub(crate) fn page(page: Page<Membership>, api: Option<Rc<Client>>) -> JsValue {
        let total_count = page.total_count;
        let data: Array = OrganizationMembership::rows(page, api)
            .into_iter()
            .map(|(_, js)| js)
            .collect();
        call::page(data, total_count)
    }

    /// The memberships of a page, bound to `api`, with their ids.
    pub(crate) fn rows(page: Page<Membership>, api: Option<Rc<Client>>) -> Vec<(String, JsValue)> {
        let mut shared: Option<(Rc<OrganizationData>, Rc<OnceCell<JsValue>>)> = None;
        page.data
            .into_iter()
            .map(|mut data| {
                // Consecutive members of one organization (every row of getMemberships).
                let organization_js = match &shared {
                    Some((same, object)) if **same == *data.organization => {
                        data.organization = same.clone();
                        object.clone()
                    }
                    _ => {
                        let object = Rc::new(OnceCell::new());
                        shared = Some((data.organization.clone(), object.clone()));
                        object
                    }
                };
                let id = data.id.as_str().to_owned();
                (
                    id,
                    OrganizationMembership::of(
                        Member {
                            data: Rc::new(data),
                            organization_js,
                        },
                        api.clone(),
                    ),
                )
            })
            .collect()
    }

    /// The client, organization id and user id a call on this membership needs, or the refusal.
    fn target(&self) -> Result<(Rc<Client>, String, String), Error> {
        let api = self.api.clone().ok_or_else(|| {
            Error::refused(
                "unbound_membership",
                "this membership is not bound to a FrontendApi: build it with OrganizationMembership.fromJSON(json, api)",
            )
        })?;
        let (org, user) = self.handle.with(|m| {
            let user = m.public_user_data.as_ref().and_then(|u| u.user_id.clone());
            (m.organization.id.as_str().to_owned(), user)
        })?;
        // clerk-js would call …/memberships/undefined; the iOS SDK refuses, and so do we.
        let user = user.ok_or_else(|| {
            Error::refused(
                "missing_user_id",
                "this membership has no public_user_data.user_id to address the member by",
            )
        })?;
        Ok((api, org, user.as_str().to_owned()))
    }

    /// Prepares a call on this member (`PATCH` or `DELETE …/memberships/{user}`).
    fn prepare(&self, method: Method, form: Option<&str>, options: &JsValue) -> call::Prepared {
        let (api, org, user) = self.target()?;
        let request = endpoint::membership(method, &org, &user)?;
        let request = match form {
            Some(role) => request.form("role", role),
            None => request,
        };
        call::prepare(api, request, options)
    }

    /// Marks this membership as having a mutation in flight through the prepared call's client
    /// (`pendingIds`), until the returned value is dropped.
    fn mutation(&self, prepared: &call::Prepared) -> Option<Mutation> {
        let (api, _, _) = prepared.as_ref().ok()?;
        self.handle
            .with(|m| {
                Mutation::begin(
                    api,
                    m.id.as_str(),
                    m.organization.id.as_str(),
                    Kind::Members,
                )
            })
            .ok()
    }
}

#[wasm_bindgen]
impl OrganizationMembership {
    /// Builds a membership from a Frontend API `organization_membership` object (snake_case), bound to
    /// `api` for `update()` and `destroy()`. Throws a `ClerkRuntimeError` with `code: "invalid_json"`
    /// naming the offending field path.
    #[wasm_bindgen(js_name = fromJSON, skip_typescript)]
    pub fn from_json(json: JsValue, api: JsValue) -> Result<JsValue, JsValue> {
        let data = edge::membership(&json)?;
        Ok(OrganizationMembership::js(data, client_of(&api)?))
    }

    /// The signed-in user's memberships, a page at a time: `{ data, totalCount }`.
    #[wasm_bindgen(skip_typescript)]
    pub fn retrieve(api: JsValue, params: JsValue, options: JsValue) -> Promise {
        OrganizationMembership::list((|| {
            let api = client_of(&api)?
                .ok_or_else(|| Error::option("retrieve(api) needs a FrontendApi"))?;
            let (params, _) = edge::options::<ListParams>(&params, "params")?;
            call::prepare(api, endpoint::my_memberships(&params)?, &options)
        })())
    }

    /// Changes the member's role: `PATCH …/organizations/{org}/memberships/{user}` with `role`.
    /// Resolves to this same instance, now showing the answer's state: `this` is the instance
    /// itself, which `instance.js`'s `update()` passes (`js::instance`).
    #[wasm_bindgen(skip_typescript)]
    pub fn update(&self, params: JsValue, options: JsValue, this: JsValue) -> Promise {
        // Anything but `{ role: '<non-empty string>' }` is invalid_role, before any request.
        let role = edge::options::<UpdateParams>(&params, "params")
            .map_err(|_| UpdateParams::default().role().unwrap_err())
            .and_then(|(params, _)| params.role());
        let role = match role {
            Ok(role) => role,
            Err(error) => return reject(error),
        };
        let handle = self.handle.clone();
        let prepared = self.prepare(Method::Patch, Some(&role), &options);
        let mutation = self.mutation(&prepared);
        call::send(
            prepared,
            "organization membership",
            move |api, data: Membership| {
                // The live lists showing this membership show the answer too, each row still bound
                // to its own list's client (fapi::cache).
                if let Some(mutation) = &mutation {
                    mutation.changed(&data);
                }
                let newer = handle
                    .with(|current| data.updated_at >= current.updated_at)
                    .unwrap_or(false);
                // Answers to concurrent calls can arrive out of order: the instance keeps the newest
                // state, and an older answer (or one for a freed instance) resolves as its own object.
                if newer
                    && this.is_object()
                    && forget(&this)
                    && handle.replace(Member::new(data.clone())).is_ok()
                {
                    return Ok(this);
                }
                Ok(OrganizationMembership::js(data, Some(api)))
            },
        )
    }

    /// Removes the member: `DELETE …/organizations/{org}/memberships/{user}`. Resolves to the removed
    /// membership (Clerk's SDK resolves `undefined`).
    #[wasm_bindgen(skip_typescript)]
    pub fn destroy(&self, options: JsValue) -> Promise {
        let prepared = self.prepare(Method::Delete, None, &options);
        let mutation = self.mutation(&prepared);
        call::send(
            prepared,
            "organization membership",
            move |api, data: Membership| -> Result<JsValue, Failure> {
                if let Some(mutation) = &mutation {
                    mutation.removed(&data);
                }
                Ok(OrganizationMembership::js(data, Some(api)))
            },
        )
    }

    /// The field `index` of [`CLASS`]'s keys, for `instance.js`, which keeps it on the instance.
    #[wasm_bindgen(js_name = __field, skip_typescript)]
    pub fn field(&self, index: u32) -> Result<JsValue, JsValue> {
        self.handle.field(|m| match index {
            0 => m.id.as_str().into(),
            1 => m.role.as_str().into(),
            2 => nullable(m.role_name.as_deref()),
            3 => {
                let list: Array = m
                    .permissions
                    .iter()
                    .map(|p| JsValue::from(p.as_str()))
                    .collect();
                // Frozen so that `hasPermission` and `toJSON` can never disagree with what JS sees.
                Object::freeze(&list).into()
            }
            4 => edge::parsed(&m.public_metadata),
            5 => match &m.public_user_data {
                Some(user) => PublicUserData::js(user.clone()),
                None => JsValue::UNDEFINED,
            },
            // Shared by the rows of one page of one organization (`rows`).
            6 => m
                .organization_js
                .get_or_init(|| Organization::js(m.data.organization.clone(), self.api.clone()))
                .clone(),
            7 => date(m.created_at.0),
            8 => date(m.updated_at.0),
            _ => JsValue::UNDEFINED,
        })
    }

    /// Whether this membership grants the permission `key` (e.g. `org:sys_memberships:manage`).
    #[wasm_bindgen(js_name = hasPermission)]
    pub fn has_permission(&self, key: &str) -> Result<bool, JsValue> {
        Ok(self.handle.with(|m| m.has_permission(key))?)
    }

    /// The snake_case Frontend API snapshot: `JSON.stringify(m)` works and `fromJSON(m.toJSON())`
    /// round-trips. A fresh plain object on every call.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "OrganizationMembershipJSONSnapshot")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        Ok(self.handle.with(|m| edge::to_js(&*m.data))?)
    }

    /// Releases the membership at once (the garbage collector would, later); every later read or
    /// call throws a `ClerkRuntimeError` with `code: 'freed'`. Also `Symbol.dispose` (`using m = …`).
    #[wasm_bindgen(js_name = free)]
    pub fn release(&self) {
        self.handle.free();
    }
}

/// A nullable string as JS sees it: the string, or `null` (clerk-js's `string | null` fields).
pub(crate) fn nullable(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from)
}

/// A fresh `Date` from a millisecond timestamp (within the range of a `Date`, so exact).
pub(crate) fn date(ms: i64) -> JsValue {
    Date::new(&JsValue::from_f64(ms as f64)).into()
}
