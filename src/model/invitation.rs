//! `organization_invitation` as the Frontend API sends it, on both sides: an organization's
//! invitations (`GET /organizations/{org}/invitations`, create, bulk, revoke) and the signed-in
//! user's own (`GET /me/organization_invitations`, accept), which add `public_organization_data`.
//! One type for both: the FAPI excerpt's `Client.OrganizationInvitationUserContext` is
//! `Client.OrganizationInvitation` with that one key, so one deserializer serves every answer.
//!
//! Required: `id`, `email_address`, `role`, `created_at`, `updated_at`. Everything else may be
//! absent or `null` and then takes its default. Unknown keys are ignored.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::model::fields::{metadata, nullable, Object, RawJson, Text, Timestamp};

/// The status of an invitation or a request that can still be acted on.
pub const PENDING: &str = "pending";

/// An invitation to join an organization, sent to an email address.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Invitation {
    /// Always `organization_invitation`; written first in snapshots.
    #[serde(skip_deserializing, default = "Invitation::object")]
    pub object: Object,
    /// `orgin_…`.
    pub id: Text,
    /// The address the invitation was sent to.
    pub email_address: Text,
    /// `org_…`, the organization the invitation is for (its revoke path); `""` when absent, as the
    /// excerpt does not require it.
    #[serde(default, deserialize_with = "nullable")]
    pub organization_id: Text,
    /// Application-defined data, as raw JSON; `{}` when absent or null.
    #[serde(default, deserialize_with = "metadata")]
    pub public_metadata: RawJson,
    /// The role the invited user gets, e.g. `org:member`.
    pub role: Text,
    /// Human-readable role name; `None` when absent or null, as for a membership.
    #[serde(default)]
    pub role_name: Option<Text>,
    /// `pending`, `accepted`, `revoked`, `expired` or `completed` (the excerpt's enum), or any
    /// status Clerk adds later: kept as sent, so a new one never fails a page; `""` when absent.
    #[serde(default, deserialize_with = "nullable")]
    pub status: Text,
    /// The organization, as `/me/organization_invitations` shows it to the invited user; optional
    /// and nullable (an organization's own list leaves it out).
    #[serde(default)]
    pub public_organization_data: Option<Rc<PublicOrganizationData>>,
    /// The invitation's link; nullable.
    #[serde(default)]
    pub url: Option<Text>,
    /// Milliseconds since the epoch; nullable (an invitation that does not expire).
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// Milliseconds since the epoch.
    pub created_at: Timestamp,
    /// Milliseconds since the epoch.
    pub updated_at: Timestamp,
}

/// What an invitation or a suggestion shows of its organization (`Client.PublicOrganizationData`).
/// Written without an `object` key: the Frontend API sends none.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct PublicOrganizationData {
    /// `org_…`.
    pub id: Text,
    /// Display name.
    pub name: Text,
    /// URL-friendly name; nullable.
    #[serde(default)]
    pub slug: Option<Text>,
    /// Logo or generated avatar; `""` when absent.
    #[serde(default, deserialize_with = "nullable")]
    pub image_url: Text,
    /// Whether `image_url` is an uploaded image.
    #[serde(default, deserialize_with = "nullable")]
    pub has_image: bool,
}

impl Invitation {
    fn object() -> Object {
        Object("organization_invitation")
    }

    /// An invitation answered for organization `org` (its list, an invite) that did not say which
    /// organization it is for (the excerpt does not require `organization_id`) is `org`'s: its
    /// `revoke()` path and the live lists need it.
    pub fn placed(mut self, org: &str) -> Invitation {
        if self.organization_id.as_str().is_empty() {
            self.organization_id = org.into();
        }
        self
    }

    /// Whether it can still be accepted or revoked (`status` is `pending`).
    pub fn is_pending(&self) -> bool {
        self.status.as_str() == PENDING
    }
}
