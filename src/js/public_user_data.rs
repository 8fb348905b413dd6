//! `PublicUserData`: what an organization may show of its member.

use wasm_bindgen::prelude::*;

use crate::js::value;
use crate::model::PublicUserDataJson;

/// A member's public profile, as Clerk's `PublicUserData`.
#[wasm_bindgen]
pub struct PublicUserData {
    data: PublicUserDataJson,
}

impl PublicUserData {
    pub(crate) fn new(data: PublicUserDataJson) -> PublicUserData {
        PublicUserData { data }
    }
}

#[wasm_bindgen]
impl PublicUserData {
    /// First name, or `null`.
    #[wasm_bindgen(getter = firstName, unchecked_return_type = "string | null")]
    pub fn first_name(&self) -> JsValue {
        value::nullable(self.data.first_name.as_deref())
    }

    /// Last name, or `null`.
    #[wasm_bindgen(getter = lastName, unchecked_return_type = "string | null")]
    pub fn last_name(&self) -> JsValue {
        value::nullable(self.data.last_name.as_deref())
    }

    /// Avatar URL.
    #[wasm_bindgen(getter = imageUrl)]
    pub fn image_url(&self) -> String {
        self.data.image_url.clone()
    }

    /// Whether `imageUrl` is an uploaded image.
    #[wasm_bindgen(getter = hasImage)]
    pub fn has_image(&self) -> bool {
        self.data.has_image
    }

    /// The primary identifier: email address, phone number or username.
    #[wasm_bindgen(getter)]
    pub fn identifier(&self) -> String {
        self.data.identifier.clone()
    }

    /// The user id (`user_…`) that membership calls address, or `null`.
    #[wasm_bindgen(getter = userId, unchecked_return_type = "string | null")]
    pub fn user_id(&self) -> JsValue {
        value::nullable(self.data.user_id.as_deref())
    }

    /// Username, or `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "string | null")]
    pub fn username(&self) -> JsValue {
        value::nullable(self.data.username.as_deref())
    }

    /// Whether the user is banned.
    #[wasm_bindgen(getter)]
    pub fn banned(&self) -> bool {
        self.data.banned
    }

    /// Whether the user was deprovisioned through SCIM.
    #[wasm_bindgen(getter)]
    pub fn deprovisioned(&self) -> bool {
        self.data.deprovisioned
    }

    /// The snake_case Frontend API snapshot of the public user data.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "PublicUserDataJSONSnapshot")]
    pub fn to_json(&self) -> JsValue {
        self.data.to_json()
    }
}
