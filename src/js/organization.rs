//! `Organization`: the organization embedded in a membership.

use js_sys::Date;
use wasm_bindgen::prelude::*;

use crate::js::value::{self, OrganizationData};

/// An organization, as Clerk's `Organization` resource exposes it on a membership.
#[wasm_bindgen]
pub struct Organization {
    data: OrganizationData,
}

impl Organization {
    pub(crate) fn new(data: OrganizationData) -> Organization {
        Organization { data }
    }
}

#[wasm_bindgen]
impl Organization {
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
