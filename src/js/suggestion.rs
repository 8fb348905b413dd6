//! `OrganizationSuggestion`: an organization the signed-in user may ask to join (its verified
//! domain matches theirs), with `accept()`, which sends the request (issue 20). What every instance
//! does in JS is `js::instance`.

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::fapi::cache;
use crate::fapi::request::endpoint;
use crate::fapi::transport::Client;
use crate::js::call;
use crate::js::edge;
use crate::js::instance::{Class, Handle};
use crate::js::invitation::public_organization;
use crate::js::membership::date;
use crate::model::{Kind, Suggestion};

/// The fields JS reads (`js::instance`), numbered as [`OrganizationSuggestion::field`] numbers
/// them; their types are in `typescript.rs`.
const CLASS: Class = Class {
    name: "OrganizationSuggestion",
    keys: "id,publicOrganizationData,status,createdAt,updatedAt",
    methods: "accept",
};

/// An organization suggested to the signed-in user, as Clerk's `OrganizationSuggestion` resource.
#[wasm_bindgen]
pub struct OrganizationSuggestion {
    handle: Rc<Handle<Suggestion>>,
    api: Rc<Client>,
}

impl OrganizationSuggestion {
    fn js(data: Suggestion, api: Rc<Client>) -> JsValue {
        let handle = Handle::new(data, &CLASS);
        handle.wrap(OrganizationSuggestion {
            handle: handle.clone(),
            api,
        })
    }
}

#[wasm_bindgen]
impl OrganizationSuggestion {
    /// The signed-in user's suggestions (`GET /v1/me/organization_suggestions`), a page at a time:
    /// `{ data, totalCount }`, optionally by `status`.
    #[wasm_bindgen(skip_typescript)]
    pub fn retrieve(api: JsValue, params: JsValue, options: JsValue) -> Promise {
        call::retrieve(
            (&api, &params, &options),
            endpoint::my_suggestions,
            "page of organization suggestions",
            OrganizationSuggestion::js,
        )
    }

    /// The field `index` of [`CLASS`]'s keys, for `instance.js`, which keeps it on the instance.
    #[wasm_bindgen(js_name = __field, skip_typescript)]
    pub fn field(&self, index: u32) -> Result<JsValue, JsValue> {
        self.handle.field(|s| match index {
            0 => s.id.as_str().into(),
            1 => public_organization(s.public_organization_data.as_deref()),
            2 => s.status.as_str().into(),
            3 => date(s.created_at.0),
            4 => date(s.updated_at.0),
            _ => JsValue::UNDEFINED,
        })
    }

    /// Accepts the suggestion (`POST /v1/me/organization_suggestions/{id}/accept`), which asks to
    /// join the organization. Resolves to this same instance, now `accepted` (as clerk-js).
    #[wasm_bindgen(skip_typescript)]
    pub fn accept(&self, options: JsValue, this: JsValue) -> Promise {
        let prepared = (|| {
            let id = self.handle.with(|s| s.id.as_str().to_owned())?;
            call::prepare(
                self.api.clone(),
                endpoint::accept_suggestion(&id)?,
                &options,
            )
        })();
        call::in_place(
            prepared,
            "organization suggestion",
            self.handle.clone(),
            this,
            |s| s.updated_at.0,
            OrganizationSuggestion::js,
            // Accepting asks to join: the organization's request lists (an admin's, in this page)
            // fetch again.
            |api, s| {
                if let Some(org) = s.public_organization_data.as_deref() {
                    cache::stale(api, org.id.as_str(), Kind::Requests);
                }
            },
        )
    }

    /// The snake_case Frontend API snapshot.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "OrganizationSuggestionJSON")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        Ok(self.handle.with(edge::to_js)?)
    }

    /// Releases the suggestion at once; every later read or call throws `freed`.
    #[wasm_bindgen(js_name = free)]
    pub fn release(&self) {
        self.handle.free();
    }
}
