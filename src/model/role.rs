//! `role` and `permission` objects of `GET /organizations/{org}/roles` (WIRE.md §4), for role pickers.

use crate::error::Error;
use crate::model::json::{boolean, string, timestamp, Fields, Json};

/// A role an organization's members can have.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleJson {
    /// `role_…`.
    pub id: String,
    /// What memberships carry, e.g. `org:admin`.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Description; `""` when absent.
    pub description: String,
    /// Whether the creator of an organization can get this role.
    pub is_creator_eligible: bool,
    /// What the role grants.
    pub permissions: Vec<PermissionJson>,
    /// Milliseconds since the epoch.
    pub created_at: i64,
    /// Milliseconds since the epoch.
    pub updated_at: i64,
}

/// A permission a role grants.
#[derive(Debug, Clone, PartialEq)]
pub struct PermissionJson {
    /// `perm_…`.
    pub id: String,
    /// e.g. `org:sys_memberships:manage`.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Description; `""` when absent.
    pub description: String,
    /// `system` or `user`.
    pub kind: String,
    /// Milliseconds since the epoch.
    pub created_at: i64,
    /// Milliseconds since the epoch.
    pub updated_at: i64,
}

impl RoleJson {
    /// Reads a role; its permissions are read from `permissions` (absent or null: none).
    pub fn from_json<J: Json>(json: &J) -> Result<RoleJson, Error> {
        let f = Fields::root(json)?;
        let permissions = json
            .get("permissions")
            .and_then(|p| p.items())
            .unwrap_or_default()
            .iter()
            .map(PermissionJson::from_json)
            .collect::<Result<_, _>>()?;
        Ok(RoleJson {
            id: f.required("id", string)?,
            key: f.required("key", string)?,
            name: f.required("name", string)?,
            description: f.or_default("description", string)?,
            is_creator_eligible: f.or_default("is_creator_eligible", boolean)?,
            permissions,
            created_at: f.or_default("created_at", timestamp)?,
            updated_at: f.or_default("updated_at", timestamp)?,
        })
    }
}

impl PermissionJson {
    fn from_json<J: Json>(json: &J) -> Result<PermissionJson, Error> {
        let f = Fields::root(json)?;
        Ok(PermissionJson {
            id: f.or_default("id", string)?,
            key: f.required("key", string)?,
            name: f.or_default("name", string)?,
            description: f.or_default("description", string)?,
            kind: f.or_default("type", string)?,
            created_at: f.or_default("created_at", timestamp)?,
            updated_at: f.or_default("updated_at", timestamp)?,
        })
    }
}

/// A page of a list: `{ data: [...], total_count }` (WIRE.md §4).
#[derive(Debug, Clone, PartialEq)]
pub struct Page<J> {
    /// The items, unread.
    pub data: Vec<J>,
    /// How many there are in all.
    pub total_count: u32,
}

impl<J: Json> Page<J> {
    /// Reads a paginated `response`.
    pub fn from_json(json: &J) -> Result<Page<J>, Error> {
        let f = Fields::root(json)?;
        let data = json
            .get("data")
            .and_then(|d| d.items())
            .ok_or_else(|| Error::InvalidJson {
                path: "data".to_owned(),
                problem: "expected an array".to_owned(),
            })?;
        Ok(Page {
            data,
            total_count: f.or_default("total_count", crate::model::json::count)?,
        })
    }
}
