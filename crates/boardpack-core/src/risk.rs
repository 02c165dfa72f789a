//! Risk registers: an organisation's Board Assurance Framework (principal risks to its
//! strategic objectives) and its operational risk register (Datix-style entries owned by a
//! division), which cover sheets link to.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{OrganisationId, RiskId};
use crate::validate::ValidationError;

/// Which register a risk is on.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RiskRegister {
    /// Board Assurance Framework principal risk.
    Baf,
    /// Organisational (operational) risk register entry.
    Operational,
}

impl RiskRegister {
    pub fn label(self) -> &'static str {
        match self {
            RiskRegister::Baf => "Board Assurance Framework",
            RiskRegister::Operational => "Organisational risk register",
        }
    }
}

/// A risk on one of the registers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Risk {
    pub id: RiskId,
    pub organisation_id: OrganisationId,
    pub register: RiskRegister,
    /// The register's own reference: "PR 1" on the BAF, a Datix id such as "3045".
    pub reference: String,
    /// "There is a risk that …".
    pub title: String,
    /// Likelihood × consequence, 1–25.
    pub current_rating: u32,
    pub target_rating: u32,
    /// The owning division or clinical management group ("CMG"), or the lead director.
    pub owner: String,
    /// Closed risks stay for the record but are not offered for new links.
    pub open: bool,
}

impl Risk {
    /// Checks ratings are on the 5 × 5 scale.
    pub fn validate(&self) -> Result<(), ValidationError> {
        crate::validate::required("risk reference", &self.reference)?;
        crate::validate::required("risk title", &self.title)?;
        for r in [self.current_rating, self.target_rating] {
            if !(1..=25).contains(&r) {
                return Err(ValidationError::Rating(r));
            }
        }
        Ok(())
    }

    /// The RAG bands of the usual NHS 5 × 5 matrix: each band with the highest rating in
    /// it (the window colours ratings from this table too).
    pub const BANDS: [(u32, &'static str); 4] =
        [(3, "low"), (6, "moderate"), (12, "high"), (25, "extreme")];

    /// The RAG band of a rating on the usual NHS 5 × 5 matrix.
    pub fn band(rating: u32) -> &'static str {
        Self::BANDS
            .iter()
            .find(|(up_to, _)| rating <= *up_to)
            .map_or("extreme", |(_, band)| band)
    }
}
