//! `PublicUserData`: what an organization may show of its member.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::js::edge;
use crate::js::instance::{Class, Handle};
use crate::js::membership::nullable;
use crate::model::PublicUserData as PublicUserDataJson;

/// The fields JS reads (`js::instance`), numbered as [`PublicUserData::field`] numbers them; their types
/// are in `typescript.rs`.
const CLASS: Class = Class {
    name: "PublicUserData",
    keys: "firstName,lastName,imageUrl,hasImage,identifier,userId,username,banned,deprovisioned",
    methods: "",
};

/// A member's public profile, as Clerk's `PublicUserData`.
#[wasm_bindgen]
pub struct PublicUserData {
    handle: Rc<Handle<Rc<PublicUserDataJson>>>,
}

impl PublicUserData {
    /// The JS object of a member's public data (shared with its membership's data, not copied).
    pub(crate) fn js(data: Rc<PublicUserDataJson>) -> JsValue {
        let handle = Handle::new(data, &CLASS);
        handle.wrap(PublicUserData {
            handle: handle.clone(),
        })
    }
}

#[wasm_bindgen]
impl PublicUserData {
    /// The field `index` of [`CLASS`]'s keys, for `instance.js`, which keeps it on the instance.
    #[wasm_bindgen(js_name = __field, skip_typescript)]
    pub fn field(&self, index: u32) -> Result<JsValue, JsValue> {
        self.handle.field(|u| match index {
            0 => nullable(u.first_name.as_deref()),
            1 => nullable(u.last_name.as_deref()),
            2 => u.image_url.as_str().into(),
            3 => u.has_image.into(),
            4 => u.identifier.as_str().into(),
            5 => nullable(u.user_id.as_deref()),
            6 => nullable(u.username.as_deref()),
            7 => u.banned.into(),
            8 => u.deprovisioned.into(),
            _ => JsValue::UNDEFINED,
        })
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
