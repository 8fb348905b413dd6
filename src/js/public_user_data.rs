//! `PublicUserData`: what an organization may show of its member.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::js::edge;
use crate::js::instance::Handle;
use crate::js::membership::nullable;
use crate::model::PublicUserData as PublicUserDataJson;

/// A member's public profile, as Clerk's `PublicUserData`.
#[wasm_bindgen]
pub struct PublicUserData {
    handle: Rc<Handle<Rc<PublicUserDataJson>>>,
}

impl PublicUserData {
    /// The JS object of a member's public data (shared with its membership's data, not copied).
    pub(crate) fn js(data: Rc<PublicUserDataJson>) -> JsValue {
        let handle = Handle::new(data, "PublicUserData");
        handle.wrap(PublicUserData {
            handle: handle.clone(),
        })
    }
}

#[wasm_bindgen]
impl PublicUserData {
    /// First name, or `null`.
    #[wasm_bindgen(getter = firstName, unchecked_return_type = "string | null")]
    pub fn first_name(&self) -> Result<JsValue, JsValue> {
        self.handle
            .read("firstName", |u| nullable(u.first_name.as_deref()))
    }

    /// Last name, or `null`.
    #[wasm_bindgen(getter = lastName, unchecked_return_type = "string | null")]
    pub fn last_name(&self) -> Result<JsValue, JsValue> {
        self.handle
            .read("lastName", |u| nullable(u.last_name.as_deref()))
    }

    /// Avatar URL.
    #[wasm_bindgen(getter = imageUrl, unchecked_return_type = "string")]
    pub fn image_url(&self) -> Result<JsValue, JsValue> {
        self.handle
            .read("imageUrl", |u| u.image_url.as_str().into())
    }

    /// Whether `imageUrl` is an uploaded image.
    #[wasm_bindgen(getter = hasImage, unchecked_return_type = "boolean")]
    pub fn has_image(&self) -> Result<JsValue, JsValue> {
        self.handle.read("hasImage", |u| u.has_image.into())
    }

    /// The primary identifier: email address, phone number or username.
    #[wasm_bindgen(getter, unchecked_return_type = "string")]
    pub fn identifier(&self) -> Result<JsValue, JsValue> {
        self.handle
            .read("identifier", |u| u.identifier.as_str().into())
    }

    /// The user id (`user_…`) that membership calls address, or `null`.
    #[wasm_bindgen(getter = userId, unchecked_return_type = "string | null")]
    pub fn user_id(&self) -> Result<JsValue, JsValue> {
        self.handle
            .read("userId", |u| nullable(u.user_id.as_deref()))
    }

    /// Username, or `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "string | null")]
    pub fn username(&self) -> Result<JsValue, JsValue> {
        self.handle
            .read("username", |u| nullable(u.username.as_deref()))
    }

    /// Whether the user is banned.
    #[wasm_bindgen(getter, unchecked_return_type = "boolean")]
    pub fn banned(&self) -> Result<JsValue, JsValue> {
        self.handle.read("banned", |u| u.banned.into())
    }

    /// Whether the user was deprovisioned through SCIM.
    #[wasm_bindgen(getter, unchecked_return_type = "boolean")]
    pub fn deprovisioned(&self) -> Result<JsValue, JsValue> {
        self.handle
            .read("deprovisioned", |u| u.deprovisioned.into())
    }

    /// The snake_case Frontend API snapshot of the public user data.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "PublicUserDataJSONSnapshot")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        Ok(self.handle.with(|u| edge::to_js(&**u))?)
    }

    /// Releases this object; every later read throws `freed`. Its membership is not affected.
    #[wasm_bindgen(js_name = free)]
    pub fn release(&self) {
        self.handle.free();
    }
}
