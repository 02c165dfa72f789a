//! Use cases for an organisation's governance registers: its strategic objectives (which
//! cover sheets ask about) and its risk registers (the Board Assurance Framework and the
//! operational register, which cover sheets link to).

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use boardpack_core::paper::{Objective, ObjectiveEntry};
use boardpack_core::risk::{Risk, RiskRegister};
use boardpack_core::validate::required;
use boardpack_core::{ObjectiveId, OrganisationId, RiskId};

use crate::error::{Error, Result};
use crate::store::{committees as c, risks as r};
use crate::Boardpack;

/// What a user supplies to add a risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewRisk {
    pub organisation_id: OrganisationId,
    pub register: RiskRegister,
    pub reference: String,
    pub title: String,
    pub current_rating: u32,
    pub target_rating: u32,
    pub owner: String,
}

fn no_org(id: OrganisationId) -> Error {
    Error::NotFound {
        what: "organisation with the id",
        key: id.to_string(),
        hint: "Reload the list of organisations.",
    }
}

impl Boardpack {
    /// An organisation's risks, BAF first, by reference.
    pub fn risks(&self, org: OrganisationId) -> Result<Vec<Risk>> {
        self.store.read(|conn| r::risks(conn, Some(org)))
    }

    pub fn add_risk(&self, new: &NewRisk) -> Result<Risk> {
        let risk = Risk {
            id: RiskId(Uuid::now_v7()),
            organisation_id: new.organisation_id,
            register: new.register,
            reference: new.reference.trim().to_owned(),
            title: new.title.trim().to_owned(),
            current_rating: new.current_rating,
            target_rating: new.target_rating,
            owner: new.owner.trim().to_owned(),
            open: true,
        };
        risk.validate()?;
        self.store.write(|tx| {
            c::organisation(tx, risk.organisation_id)?
                .ok_or_else(|| no_org(risk.organisation_id))?;
            ensure_reference_free(tx, &risk)?;
            r::upsert_risk(tx, &risk)?;
            Ok(risk)
        })
    }

    /// Saves an edited risk. Risks are closed (`open: false`), never deleted: cover
    /// sheets that linked to them keep the link.
    pub fn update_risk(&self, risk: &Risk) -> Result<Risk> {
        risk.validate()?;
        self.store.write(|tx| {
            let old = r::risk(tx, risk.id)?.ok_or(Error::NotFound {
                what: "risk with the id",
                key: risk.id.to_string(),
                hint: "Reload the risk register.",
            })?;
            let risk = Risk {
                organisation_id: old.organisation_id,
                reference: risk.reference.trim().to_owned(),
                title: risk.title.trim().to_owned(),
                owner: risk.owner.trim().to_owned(),
                ..risk.clone()
            };
            ensure_reference_free(tx, &risk)?;
            r::upsert_risk(tx, &risk)?;
            Ok(risk)
        })
    }

    /// An organisation's strategic objectives, in order.
    pub fn objectives(&self, org: OrganisationId) -> Result<Vec<Objective>> {
        self.store.read(|conn| r::objectives(conn, Some(org)))
    }

    /// Replaces an organisation's list of objectives, each under its heading (empty when
    /// not grouped). Entries keep their id when given one (so cover-sheet answers stay
    /// attached); new entries get a fresh id; objectives left out are removed.
    pub fn set_objectives(
        &self,
        org: OrganisationId,
        list: &[ObjectiveEntry],
    ) -> Result<Vec<Objective>> {
        let mut out = Vec::new();
        for (k, entry) in list.iter().enumerate() {
            out.push(Objective {
                id: entry.id.unwrap_or_else(|| ObjectiveId(Uuid::now_v7())),
                organisation_id: org,
                position: k as u32,
                heading: entry.heading.trim().to_owned(),
                text: required("objective", &entry.text)?,
            });
        }
        self.store.write(|tx| {
            c::organisation(tx, org)?.ok_or_else(|| no_org(org))?;
            for old in r::objectives(tx, Some(org))? {
                if !out.iter().any(|o| o.id == old.id) {
                    r::delete_objective(tx, old.id)?;
                }
            }
            for o in &out {
                r::upsert_objective(tx, o)?;
            }
            Ok(out)
        })
    }
}

fn ensure_reference_free(tx: &rusqlite::Connection, risk: &Risk) -> Result<()> {
    let clash = r::risks(tx, Some(risk.organisation_id))?
        .into_iter()
        .any(|x| {
            x.id != risk.id
                && x.register == risk.register
                && x.reference.eq_ignore_ascii_case(&risk.reference)
        });
    if clash {
        return Err(Error::Conflict(format!(
            "The {} already has a risk with the reference {}: use another reference.",
            risk.register.label(),
            risk.reference
        )));
    }
    Ok(())
}
