//! Typed ids. Every record is identified by a UUID (version 7, so ids sort by creation
//! time); wrapping each in its own type stops a meeting id being passed where a committee id
//! is expected. This module only names ids: making new ones needs a clock and randomness, so
//! that happens in the application crate.

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;
use ts_rs::TS;
use uuid::Uuid;

use crate::validate::{article, ValidationError};

/// An id in the archive's JSON Schema: a UUID, written as serde writes it.
fn id_schema(what: &str) -> Schema {
    json_schema!({
        "type": "string",
        "format": "uuid",
        "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
        "description": format!("{} {what} id: a UUID (version 7 when Boardpack made it).", if article(what) == "an" { "An" } else { "A" }),
    })
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(transparent)]
        #[ts(export, type = "string")]
        pub struct $name(pub Uuid);

        impl $name {
            /// What this id names, for error messages ("meeting").
            pub const WHAT: &'static str = $what;
        }

        impl JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                id_schema($what)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = ValidationError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim())
                    .map($name)
                    .map_err(|_| ValidationError::BadId { what: $what, value: s.to_owned() })
            }
        }
    };
}

id_type!(
    /// Identifies an [`Organisation`](crate::Organisation).
    OrganisationId,
    "organisation"
);
id_type!(
    /// Identifies a [`Committee`](crate::Committee).
    CommitteeId,
    "committee"
);
id_type!(
    /// Identifies a [`Person`](crate::Person).
    PersonId,
    "person"
);
id_type!(
    /// Identifies a [`Membership`](crate::Membership).
    MembershipId,
    "membership"
);
id_type!(
    /// Identifies a [`Meeting`](crate::Meeting).
    MeetingId,
    "meeting"
);

id_type!(
    /// Identifies an [`AgendaItem`](crate::agenda::AgendaItem).
    AgendaItemId,
    "agenda item"
);
id_type!(
    /// Identifies a [`Paper`](crate::paper::Paper).
    PaperId,
    "paper"
);
id_type!(
    /// Identifies a [`Risk`](crate::risk::Risk) on a register.
    RiskId,
    "risk"
);
id_type!(
    /// Identifies one of an organisation's strategic [`Objective`](crate::paper::Objective)s.
    ObjectiveId,
    "objective"
);

id_type!(
    /// Identifies an [`Interest`](crate::interests::Interest) on the register.
    InterestId,
    "interest"
);
id_type!(
    /// Identifies a [`Declaration`](crate::interests::Declaration) made at a meeting.
    DeclarationId,
    "declaration"
);
id_type!(
    /// Identifies an [`Attendee`](crate::attendance::Attendee) who is not a member.
    AttendeeId,
    "attendee"
);
id_type!(
    /// Identifies an [`Action`](crate::minutes::Action) from the minutes.
    ActionId,
    "action"
);
id_type!(
    /// Identifies an [`ActionUpdate`](crate::actions::ActionUpdate) in an action's history.
    ActionUpdateId,
    "action update"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_ids() {
        let id: MeetingId = "0190a5c4-6b1e-7c3d-8e2f-0123456789ab".parse().unwrap();
        assert_eq!(id.to_string(), "0190a5c4-6b1e-7c3d-8e2f-0123456789ab");
        let err = "not-an-id".parse::<MeetingId>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "“not-an-id” is not a meeting id: ids look like 0190a5c4-6b1e-7c3d-8e2f-0123456789ab."
        );
        let err = "x".parse::<ActionId>().unwrap_err();
        assert!(
            err.to_string().starts_with("“x” is not an action id:"),
            "{err}"
        );
    }
}
