//! A row of a live list: a membership (`membershipList()`), an invitation (`invitationList()`) or a
//! request to join (`membershipRequestList()`). One type for the three, so that the one state
//! machine ([`Pages`](crate::model::pagination::Pages)), the one page cache and the one mutation log
//! serve every list: ids never collide across kinds (`orgmem_`, `orginv_`, `orgmemreq_`).

use std::rc::Rc;

use crate::model::pagination::Row;
use crate::model::{Invitation, Membership, MembershipRequest};

/// Which rows a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An organization's members.
    Members,
    /// An organization's invitations.
    Invitations,
    /// The requests to join an organization.
    Requests,
}

/// One row of a live list, shared (not copied) with the page it came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A membership.
    Member(Rc<Membership>),
    /// An organization's invitation.
    Invitation(Rc<Invitation>),
    /// A request to join.
    Request(Rc<MembershipRequest>),
}

impl Item {
    /// Which list shows it.
    pub fn kind(&self) -> Kind {
        match self {
            Item::Member(_) => Kind::Members,
            Item::Invitation(_) => Kind::Invitations,
            Item::Request(_) => Kind::Requests,
        }
    }

    /// What a list's filter looks at: a member's role, an invitation's or a request's status.
    pub fn filtered_on(&self) -> &str {
        match self {
            Item::Member(m) => m.role.as_str(),
            Item::Invitation(i) => i.status.as_str(),
            Item::Request(r) => r.status.as_str(),
        }
    }
}

impl Row for Item {
    fn id(&self) -> &str {
        match self {
            Item::Member(m) => m.id.as_str(),
            Item::Invitation(i) => i.id.as_str(),
            Item::Request(r) => r.id.as_str(),
        }
    }

    fn organization_id(&self) -> &str {
        match self {
            Item::Member(m) => m.organization.id.as_str(),
            Item::Invitation(i) => i.organization_id.as_str(),
            Item::Request(r) => r.organization_id.as_str(),
        }
    }

    fn version(&self) -> i64 {
        match self {
            Item::Member(m) => m.updated_at.0,
            Item::Invitation(i) => i.updated_at.0,
            Item::Request(r) => r.updated_at.0,
        }
    }
}
