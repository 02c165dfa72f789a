//! The register of interests and declarations at meetings. A person's registered
//! interests (financial, non-financial professional or personal, indirect; the
//! organisation involved; keywords; dates) let the app flag likely conflicts before an
//! item; a declaration records who declared what at an item and what they did about it,
//! in the words minutes use ("declaration only", "withdrew from the decision").

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agenda::AgendaItem;
use crate::ids::{AgendaItemId, DeclarationId, InterestId, PersonId};
use crate::paper::Paper;

/// The categories of interest NHS guidance on managing conflicts of interest uses.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InterestCategory {
    Financial,
    NonFinancialProfessional,
    NonFinancialPersonal,
    Indirect,
}

impl InterestCategory {
    pub fn label(self) -> &'static str {
        match self {
            InterestCategory::Financial => "Financial interest",
            InterestCategory::NonFinancialProfessional => "Non-financial professional interest",
            InterestCategory::NonFinancialPersonal => "Non-financial personal interest",
            InterestCategory::Indirect => "Indirect interest",
        }
    }
}

/// An entry on the register of interests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Interest {
    pub id: InterestId,
    pub person_id: PersonId,
    pub category: InterestCategory,
    /// "Non-executive director of Calder Construction Ltd".
    pub description: String,
    /// "Calder Construction Ltd".
    pub organisation: String,
    /// Further words that signal the interest in an agenda ("car park", "decking").
    pub keywords: Vec<String>,
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
}

impl Interest {
    /// Whether the interest is held on a date.
    pub fn current_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| t >= date)
    }
}

/// What someone who declared an interest did about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DeclarationAction {
    DeclarationOnly,
    WithdrewFromDiscussion,
    WithdrewFromDecision,
    Excluded,
}

impl DeclarationAction {
    /// As minutes put it.
    pub fn minute_text(self) -> &'static str {
        match self {
            DeclarationAction::DeclarationOnly => "declaration only",
            DeclarationAction::WithdrewFromDiscussion => "withdrew from the discussion",
            DeclarationAction::WithdrewFromDecision => "withdrew from the decision",
            DeclarationAction::Excluded => "excluded from the item",
        }
    }
}

/// A declaration of interest made at an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Declaration {
    pub id: DeclarationId,
    pub item_id: AgendaItemId,
    pub person_id: PersonId,
    /// The registered interest declared, if it is on the register.
    pub interest_id: Option<InterestId>,
    /// What was declared, in the minute's words.
    pub text: String,
    pub action: DeclarationAction,
}

/// A likely conflict for the chair's attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LikelyConflict {
    pub item_id: AgendaItemId,
    pub person_id: PersonId,
    pub interest_id: InterestId,
    /// The word or organisation that matched.
    pub matched: String,
}

fn contains_words(haystack: &str, needle: &str) -> bool {
    let needle = needle.trim().to_lowercase();
    if needle.len() < 3 {
        return false;
    }
    let hay = haystack.to_lowercase();
    hay.match_indices(&needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Members whose current registered interests name an organisation or keyword that
/// appears in an item's title, or in its papers' titles and cover sheets.
pub fn likely_conflicts(
    items: &[AgendaItem],
    papers: &[Paper],
    interests: &[Interest],
    members: &[PersonId],
    on: NaiveDate,
) -> Vec<LikelyConflict> {
    let mut out = Vec::new();
    for item in items {
        let mut text = item.title.clone();
        for p in papers.iter().filter(|p| p.item_id == item.id) {
            let c = &p.cover;
            for part in [
                &p.title,
                &c.context,
                &c.conclusion,
                &c.input_sought,
                &c.new_risk,
            ] {
                text.push('\n');
                text.push_str(part);
            }
            for q in &c.questions {
                text.push('\n');
                text.push_str(q);
            }
        }
        for interest in interests
            .iter()
            .filter(|i| members.contains(&i.person_id) && i.current_on(on))
        {
            let matched = std::iter::once(&interest.organisation)
                .chain(&interest.keywords)
                .find(|w| contains_words(&text, w));
            if let Some(m) = matched {
                out.push(LikelyConflict {
                    item_id: item.id,
                    person_id: interest.person_id,
                    interest_id: interest.id,
                    matched: m.trim().to_owned(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::{Lead, Purpose};
    use crate::ids::MeetingId;
    use crate::meeting::Session;
    use uuid::Uuid;

    fn item(n: u128, title: &str) -> AgendaItem {
        AgendaItem {
            id: AgendaItemId(Uuid::from_u128(n)),
            meeting_id: MeetingId(Uuid::nil()),
            parent_id: None,
            position: n as u32,
            title: title.into(),
            purpose: Purpose::Decision,
            lead: Lead::None,
            duration_minutes: 10,
            session: Session::Public,
            private_reason: String::new(),
            confidential: false,
            for_bulletin: false,
            paper_expected: false,
            standing: None,
        }
    }

    fn interest(person: u128, org: &str, keywords: &[&str], to: Option<NaiveDate>) -> Interest {
        Interest {
            id: InterestId(Uuid::from_u128(500 + person)),
            person_id: PersonId(Uuid::from_u128(person)),
            category: InterestCategory::Financial,
            description: format!("Director of {org}"),
            organisation: org.into(),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            from: None,
            to,
        }
    }

    #[test]
    fn flags_organisations_and_keywords_named_in_the_agenda() {
        let items = [
            item(1, "Award of contract – Riverside car park decking scheme"),
            item(2, "Research strategy with the University of Northbridge"),
        ];
        let interests = [
            interest(7, "Calder Construction Ltd", &["car park"], None),
            interest(8, "University of Northbridge", &[], None),
            interest(9, "Northbridge Hospice", &[], None),
            interest(
                10,
                "Carpark Holdings",
                &["park"],
                NaiveDate::from_ymd_opt(2020, 1, 1),
            ),
        ];
        let members: Vec<PersonId> = (7..=10).map(|n| PersonId(Uuid::from_u128(n))).collect();
        let found = likely_conflicts(
            &items,
            &[],
            &interests,
            &members,
            NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
        );
        let got: Vec<(u128, u128, &str)> = found
            .iter()
            .map(|c| {
                (
                    c.item_id.0.as_u128(),
                    c.person_id.0.as_u128(),
                    c.matched.as_str(),
                )
            })
            .collect();
        // The hospice is not named; the lapsed interest no longer counts.
        assert_eq!(
            got,
            [(1, 7, "car park"), (2, 8, "University of Northbridge")]
        );
    }

    #[test]
    fn words_match_whole_not_inside_others() {
        assert!(contains_words("The NHS Trust's car park.", "car park"));
        assert!(!contains_words("scarpark", "car park"));
        assert!(!contains_words("Apartment", "part"));
        assert!(!contains_words("anything", "an"));
    }
}
