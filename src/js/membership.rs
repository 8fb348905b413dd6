//! `OrganizationMembership`: the JS class users hold.

use core::cell::OnceCell;

use js_sys::{Array, Date, Object};
use wasm_bindgen::prelude::*;

use crate::js::organization::Organization;
use crate::js::public_user_data::PublicUserData;
use crate::js::value::{self, MembershipData};

/// One user's membership in an organization, as Clerk's `OrganizationMembership` resource.
#[wasm_bindgen]
pub struct OrganizationMembership {
    data: MembershipData,
    // JS objects made on first read and then handed out again, so `m.organization === m.organization`
    // (React memoises on identity) and a list of memberships costs nothing until it is looked at.
    organization: OnceCell<JsValue>,
    public_user_data: OnceCell<JsValue>,
    permissions: OnceCell<JsValue>,
}

#[wasm_bindgen]
impl OrganizationMembership {
    /// Builds a membership from a Frontend API `organization_membership` object (snake_case).
    /// Throws a `ClerkRuntimeError` with `code: "invalid_json"` naming the offending field path.
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "OrganizationMembershipJSON")] json: JsValue,
    ) -> Result<OrganizationMembership, JsValue> {
        let data = MembershipData::from_json(&json)?;
        Ok(OrganizationMembership {
            data,
            organization: OnceCell::new(),
            public_user_data: OnceCell::new(),
            permissions: OnceCell::new(),
        })
    }

    /// The membership id (`orgmem_…`).
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.data.id.clone()
    }

    /// The role key, e.g. `org:admin`.
    #[wasm_bindgen(getter)]
    pub fn role(&self) -> String {
        self.data.role.clone()
    }

    /// The role's display name, e.g. `Admin`; `null` when the Frontend API did not send one.
    #[wasm_bindgen(getter = roleName, unchecked_return_type = "string | null")]
    pub fn role_name(&self) -> JsValue {
        value::nullable(self.data.role_name.as_deref())
    }

    /// The permission keys this membership grants (`[]` when none); frozen, as it is shared by every read.
    #[wasm_bindgen(getter, unchecked_return_type = "readonly string[]")]
    pub fn permissions(&self) -> JsValue {
        self.permissions
            .get_or_init(|| {
                let list: Array = self
                    .data
                    .permissions
                    .iter()
                    .map(|p| JsValue::from_str(p))
                    .collect();
                // Frozen so that `hasPermission` and `toJSON` can never disagree with what JS sees.
                Object::freeze(&list).into()
            })
            .clone()
    }

    /// Application-defined metadata: the plain object the Frontend API sent.
    #[wasm_bindgen(getter = publicMetadata, unchecked_return_type = "OrganizationMembershipPublicMetadata")]
    pub fn public_metadata(&self) -> JsValue {
        self.data.public_metadata.clone()
    }

    /// The member's public profile, or `undefined` when the Frontend API sent none.
    #[wasm_bindgen(getter = publicUserData, unchecked_return_type = "PublicUserData | undefined")]
    pub fn public_user_data(&self) -> JsValue {
        self.public_user_data
            .get_or_init(|| match &self.data.public_user_data {
                Some(data) => PublicUserData::new(data.clone()).into(),
                None => JsValue::UNDEFINED,
            })
            .clone()
    }

    /// The organization this membership belongs to.
    #[wasm_bindgen(getter, unchecked_return_type = "Organization")]
    pub fn organization(&self) -> JsValue {
        self.organization
            .get_or_init(|| Organization::new(self.data.organization.clone()).into())
            .clone()
    }

    /// When the membership was created.
    #[wasm_bindgen(getter = createdAt)]
    pub fn created_at(&self) -> Date {
        value::date(self.data.created_at)
    }

    /// When the membership last changed.
    #[wasm_bindgen(getter = updatedAt)]
    pub fn updated_at(&self) -> Date {
        value::date(self.data.updated_at)
    }

    /// Whether this membership grants the permission `key` (e.g. `org:sys_memberships:manage`).
    #[wasm_bindgen(js_name = hasPermission)]
    pub fn has_permission(&self, key: &str) -> bool {
        self.data.has_permission(key)
    }

    /// The snake_case Frontend API snapshot: `JSON.stringify(m)` works and `fromJSON(m.toJSON())` round-trips.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "OrganizationMembershipJSONSnapshot")]
    pub fn to_json(&self) -> JsValue {
        self.data.to_json()
    }
}
