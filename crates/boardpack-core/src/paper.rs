//! Papers and their cover sheets. A paper belongs to an agenda item, carries a letter
//! ("Paper E"), its authors and sponsor, the attached document and appendices, and a cover
//! sheet with every field of the seeds' cover sheets: purpose, previous consideration,
//! executive summary, strategic objectives, governance links (risk register, Board
//! Assurance Framework), equality impact, patient and public involvement, next paper, page
//! limits. This module also assigns letters in agenda order.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agenda::{Purpose, Slot};
use crate::ids::{AgendaItemId, ObjectiveId, OrganisationId, PaperId, RiskId};
use crate::risk::{Risk, RiskRegister};
use crate::validate::ValidationError;

/// An attached PDF, stored in the blob store under its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Attachment {
    pub sha256: String,
    /// The name of the file as it was attached: "CEO report July.pdf".
    pub file_name: String,
    /// "Appendix 1 – Quality and Performance Dashboard"; empty for the main document.
    pub title: String,
    pub pages: u32,
    #[ts(type = "number")]
    pub size: u64,
}

/// One of an organisation's strategic objectives and priorities, which cover sheets ask
/// about ("Safe, high quality, patient centred healthcare").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Objective {
    pub id: ObjectiveId,
    pub organisation_id: OrganisationId,
    pub position: u32,
    /// The heading the organisation groups this objective under ("Our patients", "Our
    /// enablers"); empty when its objectives are not grouped. Cover sheets print one table
    /// per heading, in the order the headings first appear.
    #[serde(default)]
    pub heading: String,
    pub text: String,
}

/// One line of the objectives list as the secretariat edits it: the objective's id when it
/// is already stored (so cover-sheet answers stay attached), its heading and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ObjectiveEntry {
    pub id: Option<ObjectiveId>,
    #[serde(default)]
    pub heading: String,
    pub text: String,
}

/// An organisation's objectives grouped for printing: each heading (the empty heading for
/// objectives not grouped) with its objectives, headings in the order they first appear in
/// the list, objectives in list order within each.
pub fn objective_groups(objectives: &[Objective]) -> Vec<(&str, Vec<&Objective>)> {
    let mut groups: Vec<(&str, Vec<&Objective>)> = Vec::new();
    for o in objectives {
        let heading = o.heading.trim();
        match groups.iter_mut().find(|(h, _)| *h == heading) {
            Some((_, list)) => list.push(o),
            None => groups.push((heading, vec![o])),
        }
    }
    groups
}

/// A cover sheet's answer about an objective or a governance link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Answer {
    Yes,
    No,
    NotApplicable,
}

impl Answer {
    pub fn label(self) -> &'static str {
        match self {
            Answer::Yes => "Yes",
            Answer::No => "No",
            Answer::NotApplicable => "Not applicable",
        }
    }
}

/// Where the paper has been before: "Executive Strategy Board, ESB May, Discussion".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PreviousConsideration {
    pub meeting: String,
    /// Free text: a date, or "ESB May".
    pub date: String,
    pub purpose: Option<Purpose>,
    /// What came of it in words, where none of the four purposes says it ("Discussed at the
    /// December development session; no formal outcome"). Printed in place of the purpose,
    /// or after it when both are given.
    #[serde(default)]
    pub outcome: String,
}

impl PreviousConsideration {
    /// The "Purpose" cell of the cover sheet's previous-consideration table.
    pub fn outcome_text(&self) -> String {
        let outcome = self.outcome.trim();
        match (self.purpose, outcome.is_empty()) {
            (Some(p), true) => p.label().to_owned(),
            (Some(p), false) => format!("{}: {outcome}", p.label()),
            (None, _) => outcome.to_owned(),
        }
    }
}

/// The links of a paper to one risk register: the answer, the risks linked when yes, and
/// why not when no ("current risk rating is low").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RiskLinks {
    pub answer: Option<Answer>,
    pub risks: Vec<RiskId>,
    pub reason: String,
}

/// When the next paper on the topic is due.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum NextPaper {
    #[default]
    Unset,
    Date {
        #[ts(type = "string")]
        date: NaiveDate,
    },
    /// "August 2019 Trust Board".
    Meeting {
        meeting: String,
    },
    Tbc,
    /// No further paper is planned.
    NonePlannedYet,
}

impl NextPaper {
    /// As the cover sheet prints it.
    pub fn text(&self) -> String {
        match self {
            NextPaper::Unset => String::new(),
            NextPaper::Date { date } => crate::validate::long_date(*date),
            NextPaper::Meeting { meeting } => meeting.clone(),
            NextPaper::Tbc => "TBC".into(),
            NextPaper::NonePlannedYet => "No further paper planned".into(),
        }
    }
}

/// Everything a cover sheet holds besides the paper's title, letter, authors and sponsor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CoverSheet {
    /// More than one may be ticked.
    pub purposes: BTreeSet<Purpose>,
    pub previous_consideration: Vec<PreviousConsideration>,
    /// Executive summary: context.
    pub context: String,
    /// Executive summary: the questions the paper answers, a numbered list.
    pub questions: Vec<String>,
    pub conclusion: String,
    pub input_sought: String,
    /// Answers about the organisation's strategic objectives.
    pub objectives: BTreeMap<ObjectiveId, Answer>,
    /// Organisational risk register.
    pub risk_register: RiskLinks,
    /// Board Assurance Framework.
    pub baf: RiskLinks,
    /// A new risk the paper identifies, if any.
    pub new_risk: String,
    /// Results of any Equality Impact Assessment.
    pub equality_impact: String,
    /// Related Patient and Public Involvement actions.
    pub public_involvement: String,
    pub next_paper: NextPaper,
    /// Executive summaries should not exceed this many pages.
    pub summary_page_limit: u32,
    /// Papers should not exceed this many pages.
    pub paper_page_limit: u32,
}

impl Default for CoverSheet {
    fn default() -> Self {
        CoverSheet {
            purposes: BTreeSet::new(),
            previous_consideration: Vec::new(),
            context: String::new(),
            questions: Vec::new(),
            conclusion: String::new(),
            input_sought: String::new(),
            objectives: BTreeMap::new(),
            risk_register: RiskLinks::default(),
            baf: RiskLinks::default(),
            new_risk: String::new(),
            equality_impact: String::new(),
            public_involvement: String::new(),
            next_paper: NextPaper::Unset,
            summary_page_limit: 1,
            paper_page_limit: 7,
        }
    }
}

impl CoverSheet {
    /// The words search finds a paper by in its cover sheet: the executive summary
    /// (context, each question, conclusion, input sought), the meetings it went to before,
    /// why it links no risks, the new risk, equality impact, public involvement and the
    /// meeting the next paper goes to. One field a line (line breaks separate words for the
    /// index, and snippets show them as spaces); empty fields are left out. The store keeps
    /// it beside the cover sheet, written in the same transaction, and the search index
    /// reads it from there.
    pub fn search_text(&self) -> String {
        let mut out = String::new();
        let mut add = |s: &str| {
            if !s.is_empty() {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(s);
            }
        };
        add(&self.context);
        self.questions.iter().for_each(|q| add(q));
        add(&self.conclusion);
        add(&self.input_sought);
        self.previous_consideration.iter().for_each(|p| {
            add(&p.meeting);
            add(&p.outcome);
        });
        add(&self.risk_register.reason);
        add(&self.baf.reason);
        add(&self.new_risk);
        add(&self.equality_impact);
        add(&self.public_involvement);
        if let NextPaper::Meeting { meeting } = &self.next_paper {
            add(meeting);
        }
        out
    }

    /// Checks what the cover sheet refers to against the organisation's strategic
    /// objectives and risks: every objective answered is one of the organisation's, and
    /// every risk linked is on the register the link is for (the organisational risk
    /// register or the Board Assurance Framework). Whether the sheet is complete is the
    /// readiness check's question ([`Paper::missing_fields`]), not this one: a draft may
    /// leave fields blank.
    pub fn check(&self, objectives: &[Objective], risks: &[Risk]) -> Result<(), ValidationError> {
        if let Some(id) = self
            .objectives
            .keys()
            .find(|id| !objectives.iter().any(|o| o.id == **id))
        {
            return Err(ValidationError::CoverObjective(id.to_string()));
        }
        for (links, register) in [
            (&self.risk_register, RiskRegister::Operational),
            (&self.baf, RiskRegister::Baf),
        ] {
            for id in &links.risks {
                match risks.iter().find(|r| r.id == *id) {
                    Some(r) if r.register == register => {}
                    Some(r) => {
                        return Err(ValidationError::CoverRiskRegister {
                            reference: r.reference.clone(),
                            register: register.label(),
                        })
                    }
                    None => {
                        return Err(ValidationError::CoverRiskUnknown {
                            id: id.to_string(),
                            register: register.label(),
                        })
                    }
                }
            }
        }
        Ok(())
    }
}

/// A cover-sheet field that must be filled before the pack is issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CoverField {
    Purpose,
    Context,
    Questions,
    Conclusion,
    InputSought,
    Objectives,
    RiskRegister,
    Baf,
    EqualityImpact,
    PublicInvolvement,
    NextPaper,
    Authors,
    Sponsor,
}

impl CoverField {
    pub fn label(self) -> &'static str {
        match self {
            CoverField::Purpose => "purpose (decision, discussion, assurance or noting)",
            CoverField::Context => "executive summary: context",
            CoverField::Questions => "executive summary: questions",
            CoverField::Conclusion => "executive summary: conclusion",
            CoverField::InputSought => "executive summary: input sought",
            CoverField::Objectives => "strategic objectives",
            CoverField::RiskRegister => "organisational risk register",
            CoverField::Baf => "Board Assurance Framework",
            CoverField::EqualityImpact => "Equality Impact Assessment",
            CoverField::PublicInvolvement => "Patient and Public Involvement",
            CoverField::NextPaper => "scheduled date for the next paper",
            CoverField::Authors => "author(s)",
            CoverField::Sponsor => "sponsor",
        }
    }
}

impl RiskLinks {
    fn complete(&self) -> bool {
        match self.answer {
            None => false,
            Some(Answer::Yes) => !self.risks.is_empty(),
            Some(Answer::No) => !self.reason.trim().is_empty(),
            Some(Answer::NotApplicable) => true,
        }
    }
}

/// A paper on an agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Paper {
    pub id: PaperId,
    pub item_id: AgendaItemId,
    /// Order among the item's papers.
    pub position: u32,
    /// A letter the secretariat chose; `None` to have one assigned in agenda order.
    pub letter_override: Option<String>,
    pub title: String,
    pub authors: String,
    pub sponsor: String,
    /// The main document; `None` until it is attached.
    pub document: Option<Attachment>,
    pub appendices: Vec<Attachment>,
    /// Attachments replaced or removed, oldest first: nothing attached is ever lost.
    pub history: Vec<Attachment>,
    pub cover: CoverSheet,
    /// When the paper reached the secretariat, to judge lateness.
    #[ts(type = "string | null")]
    pub received_on: Option<NaiveDate>,
}

impl Paper {
    /// Cover-sheet fields still to fill, given the organisation's objectives.
    pub fn missing_fields(&self, objectives: &[Objective]) -> Vec<CoverField> {
        let c = &self.cover;
        let blank = |s: &str| s.trim().is_empty();
        let mut out = Vec::new();
        if blank(&self.authors) {
            out.push(CoverField::Authors);
        }
        if blank(&self.sponsor) {
            out.push(CoverField::Sponsor);
        }
        if c.purposes.is_empty() {
            out.push(CoverField::Purpose);
        }
        if blank(&c.context) {
            out.push(CoverField::Context);
        }
        if c.questions.iter().all(|q| blank(q)) {
            out.push(CoverField::Questions);
        }
        if blank(&c.conclusion) {
            out.push(CoverField::Conclusion);
        }
        if blank(&c.input_sought) {
            out.push(CoverField::InputSought);
        }
        if objectives.iter().any(|o| !c.objectives.contains_key(&o.id)) {
            out.push(CoverField::Objectives);
        }
        if !c.risk_register.complete() {
            out.push(CoverField::RiskRegister);
        }
        if !c.baf.complete() {
            out.push(CoverField::Baf);
        }
        if blank(&c.equality_impact) {
            out.push(CoverField::EqualityImpact);
        }
        if blank(&c.public_involvement) {
            out.push(CoverField::PublicInvolvement);
        }
        if c.next_paper == NextPaper::Unset {
            out.push(CoverField::NextPaper);
        }
        out
    }

    /// Pages of the paper itself (main document and appendices), as page limits count them.
    pub fn pages(&self) -> u32 {
        self.document.as_ref().map_or(0, |d| d.pages)
    }
}

/// Checks a letter a user typed: one to three characters, capitals optionally followed by
/// digits ("E", "C2", "AA", "AB1").
pub fn check_letter(text: &str) -> Result<String, ValidationError> {
    let t = text.trim();
    let letters = t.chars().take_while(char::is_ascii_uppercase).count();
    let ok = (1..=3).contains(&letters)
        && t.len() <= 3
        && t.chars().skip(letters).all(|c| c.is_ascii_digit());
    if ok {
        Ok(t.to_owned())
    } else {
        Err(ValidationError::Letter(t.to_owned()))
    }
}

/// The n-th letter sequence: A … Z, AA, AB …
fn letter_name(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push((b'A' + (n % 26) as u8) as char);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.iter().rev().collect()
}

/// Letters for every paper of a meeting in agenda order. Papers with an override keep it
/// (and their letters are not reused); the others take the next free letter, an item with
/// several such papers giving them C1, C2 … Returns letters by paper.
pub fn assign_letters(slots: &[Slot], papers: &[Paper]) -> BTreeMap<PaperId, String> {
    let taken: BTreeSet<String> = papers
        .iter()
        .filter_map(|p| p.letter_override.clone())
        .collect();
    let mut out = BTreeMap::new();
    let mut next = 0usize;
    let mut fresh = || loop {
        let name = letter_name(next);
        next += 1;
        if !taken.iter().any(|t| {
            t == &name
                || t.starts_with(&name) && t[name.len()..].chars().all(|c| c.is_ascii_digit())
        }) {
            return name;
        }
    };
    for slot in slots {
        let mut mine: Vec<&Paper> = papers
            .iter()
            .filter(|p| p.item_id == slot.item_id)
            .collect();
        mine.sort_by_key(|p| (p.position, p.id));
        let auto: Vec<&&Paper> = mine
            .iter()
            .filter(|p| p.letter_override.is_none())
            .collect();
        let base = if auto.is_empty() { None } else { Some(fresh()) };
        for p in &mine {
            if let Some(l) = &p.letter_override {
                out.insert(p.id, l.clone());
            }
        }
        if let Some(base) = base {
            if auto.len() == 1 {
                out.insert(auto[0].id, base);
            } else {
                for (k, p) in auto.iter().enumerate() {
                    out.insert(p.id, format!("{base}{}", k + 1));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::{schedule, AgendaItem};
    use crate::ids::MeetingId;
    use crate::meeting::Session;
    use uuid::Uuid;

    fn item(n: u128, position: u32) -> AgendaItem {
        AgendaItem {
            id: AgendaItemId(Uuid::from_u128(n)),
            meeting_id: MeetingId(Uuid::nil()),
            parent_id: None,
            position,
            title: String::new(),
            purpose: Purpose::Noting,
            lead: crate::agenda::Lead::None,
            duration_minutes: 10,
            session: Session::Public,
            private_reason: String::new(),
            confidential: false,
            for_bulletin: false,
            paper_expected: true,
            standing: None,
        }
    }

    pub(crate) fn paper(n: u128, item: u128, position: u32, letter: Option<&str>) -> Paper {
        Paper {
            id: PaperId(Uuid::from_u128(n)),
            item_id: AgendaItemId(Uuid::from_u128(item)),
            position,
            letter_override: letter.map(str::to_owned),
            title: format!("Paper {n}"),
            authors: String::new(),
            sponsor: String::new(),
            document: None,
            appendices: Vec::new(),
            history: Vec::new(),
            cover: CoverSheet::default(),
            received_on: None,
        }
    }

    fn letters(items: &[AgendaItem], papers: &[Paper]) -> Vec<String> {
        let slots = schedule(items, None);
        let map = assign_letters(&slots, papers);
        papers.iter().map(|p| map[&p.id].clone()).collect()
    }

    #[test]
    fn letters_follow_the_agenda() {
        let items = vec![item(1, 0), item(2, 1), item(3, 2)];
        // Paper 12 is on item 2 and 11 on item 1: letters follow the agenda, not creation.
        let papers = vec![
            paper(12, 2, 0, None),
            paper(11, 1, 0, None),
            paper(13, 3, 0, None),
            paper(14, 3, 1, None),
        ];
        assert_eq!(letters(&items, &papers), ["B", "A", "C1", "C2"]);
    }

    #[test]
    fn overrides_are_kept_and_not_reused() {
        let items = vec![item(1, 0), item(2, 1), item(3, 2)];
        let papers = vec![
            paper(11, 1, 0, Some("B")),
            paper(12, 2, 0, None),
            paper(13, 3, 0, None),
        ];
        assert_eq!(letters(&items, &papers), ["B", "A", "C"]);
        let papers = vec![paper(11, 1, 0, Some("A2")), paper(12, 2, 0, None)];
        assert_eq!(letters(&items, &papers), ["A2", "B"]);
    }

    #[test]
    fn letter_names_run_past_z() {
        assert_eq!(letter_name(0), "A");
        assert_eq!(letter_name(25), "Z");
        assert_eq!(letter_name(26), "AA");
        assert_eq!(letter_name(27), "AB");
        assert_eq!(check_letter(" C2 ").unwrap(), "C2");
        assert!(check_letter("c").is_err());
        assert!(check_letter("2C").is_err());
        assert!(check_letter("").is_err());
    }

    #[test]
    fn objectives_group_under_their_headings_in_the_order_headings_first_appear() {
        let o = |n: u128, heading: &str| Objective {
            id: ObjectiveId(Uuid::from_u128(n)),
            organisation_id: OrganisationId(Uuid::nil()),
            position: n as u32,
            heading: heading.into(),
            text: format!("objective {n}"),
        };
        let list = [
            o(1, "Our patients"),
            o(2, "Our enablers"),
            o(3, " Our patients "),
            o(4, ""),
            o(5, "Our enablers"),
        ];
        let groups: Vec<(&str, Vec<u128>)> = objective_groups(&list)
            .into_iter()
            .map(|(h, os)| (h, os.iter().map(|o| o.id.0.as_u128()).collect()))
            .collect();
        assert_eq!(
            groups,
            [
                ("Our patients", vec![1, 3]),
                ("Our enablers", vec![2, 5]),
                ("", vec![4]),
            ]
        );
    }

    #[test]
    fn a_previous_consideration_prints_its_purpose_its_outcome_or_both() {
        let row = |purpose: Option<Purpose>, outcome: &str| PreviousConsideration {
            meeting: "Board development session".into(),
            date: "December".into(),
            purpose,
            outcome: outcome.into(),
        };
        assert_eq!(
            row(Some(Purpose::Discussion), "").outcome_text(),
            "Discussion"
        );
        assert_eq!(
            row(None, " Discussed; no formal outcome ").outcome_text(),
            "Discussed; no formal outcome"
        );
        assert_eq!(
            row(Some(Purpose::Decision), "Approved with changes").outcome_text(),
            "Decision: Approved with changes"
        );
        assert_eq!(row(None, "").outcome_text(), "");
        // The outcome is found by search.
        let cover = CoverSheet {
            previous_consideration: vec![row(None, "no formal outcome")],
            ..CoverSheet::default()
        };
        assert!(cover.search_text().contains("no formal outcome"));
    }

    #[test]
    fn missing_fields_name_what_to_fill() {
        let obj = Objective {
            id: ObjectiveId(Uuid::from_u128(99)),
            organisation_id: OrganisationId(Uuid::nil()),
            position: 0,
            heading: String::new(),
            text: "Safe, high quality, patient centred healthcare".into(),
        };
        let mut p = paper(1, 1, 0, None);
        assert_eq!(p.missing_fields(std::slice::from_ref(&obj)).len(), 13);
        p.authors = "John Adler and Stephen Ward".into();
        p.sponsor = "John Adler".into();
        let c = &mut p.cover;
        c.purposes.insert(Purpose::Assurance);
        c.context = "The monthly update.".into();
        c.questions = vec!["Does the Trust Board have any questions?".into()];
        c.conclusion = "Consider and comment.".into();
        c.input_sought = "Comments.".into();
        c.objectives.insert(obj.id, Answer::Yes);
        c.risk_register = RiskLinks {
            answer: Some(Answer::No),
            risks: vec![],
            reason: String::new(),
        };
        c.baf = RiskLinks {
            answer: Some(Answer::Yes),
            risks: vec![],
            reason: String::new(),
        };
        c.equality_impact = "N/A".into();
        c.public_involvement = "N/A".into();
        c.next_paper = NextPaper::Meeting {
            meeting: "August 2019 Trust Board".into(),
        };
        assert_eq!(
            p.missing_fields(std::slice::from_ref(&obj)),
            vec![CoverField::RiskRegister, CoverField::Baf]
        );
        p.cover.risk_register.reason = "Current risk rating is low".into();
        p.cover.baf.risks.push(RiskId(Uuid::from_u128(5)));
        assert!(p.missing_fields(&[obj]).is_empty());
    }
}
