//! `role` and `permission` objects of `GET /organizations/{org}/roles` (docs/wire.md §4), for role
//! pickers. Written to JS as clerk-js's `RoleResource` shows them: camelCase (`type` for the kind).

use serde::{Deserialize, Serialize};

use crate::model::fields::{nullable, List, Text, Timestamp, MAX_PERMISSIONS};

/// A role an organization's members can have.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all(serialize = "camelCase"))]
pub struct Role {
    /// `role_…`.
    pub id: Text,
    /// What memberships carry, e.g. `org:admin`.
    pub key: Text,
    /// Display name.
    pub name: Text,
    /// Description; `""` when absent.
    #[serde(default, deserialize_with = "nullable")]
    pub description: Text,
    /// Whether the creator of an organization can get this role.
    #[serde(default, deserialize_with = "nullable")]
    pub is_creator_eligible: bool,
    /// What the role grants; absent or null: none.
    #[serde(default, deserialize_with = "nullable")]
    pub permissions: List<Permission, MAX_PERMISSIONS>,
    /// Milliseconds since the epoch (0 when absent).
    #[serde(default, deserialize_with = "nullable")]
    pub created_at: Timestamp,
    /// Milliseconds since the epoch (0 when absent).
    #[serde(default, deserialize_with = "nullable")]
    pub updated_at: Timestamp,
}

/// A permission a role grants.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all(serialize = "camelCase"))]
pub struct Permission {
    /// `perm_…`; `""` when absent.
    #[serde(default, deserialize_with = "nullable")]
    pub id: Text,
    /// e.g. `org:sys_memberships:manage`.
    pub key: Text,
    /// Display name; `""` when absent.
    #[serde(default, deserialize_with = "nullable")]
    pub name: Text,
    /// Description; `""` when absent.
    #[serde(default, deserialize_with = "nullable")]
    pub description: Text,
    /// `system` or `user`; `""` when absent.
    #[serde(rename = "type", default, deserialize_with = "nullable")]
    pub kind: Text,
    /// Milliseconds since the epoch (0 when absent).
    #[serde(default, deserialize_with = "nullable")]
    pub created_at: Timestamp,
    /// Milliseconds since the epoch (0 when absent).
    #[serde(default, deserialize_with = "nullable")]
    pub updated_at: Timestamp,
}
