//! The register of interests and declarations at meetings. A person's registered
//! interests (in the four categories of NHS England's guidance on managing conflicts of
//! interest; the organisation involved; keywords; dates; the date declared and the action
//! taken) let the app flag likely conflicts before an item; a nil return records that
//! someone has nothing to declare for a year; [`undeclared`] says who has made no
//! declaration in a year. A declaration records who declared what at an item and what they
//! did about it, in the words minutes use ("declaration only", "withdrew from the
//! decision"). Reading, storing and importing registers is the application's job.

use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agenda::AgendaItem;
use crate::ids::{AgendaItemId, DeclarationId, InterestId, PersonId};
use crate::paper::Paper;
use crate::validate::ValidationError;

/// The categories of interest of NHS England's "Managing conflicts of interest in the
/// NHS" guidance.
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

/// A category as a screen offers it, with the guidance's words on what it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct CategoryChoice {
    pub category: InterestCategory,
    pub label: String,
    pub description: String,
}

impl InterestCategory {
    pub const ALL: [InterestCategory; 4] = [
        InterestCategory::Financial,
        InterestCategory::NonFinancialProfessional,
        InterestCategory::NonFinancialPersonal,
        InterestCategory::Indirect,
    ];
    const CHOICES: &'static str =
        "financial, non_financial_professional, non_financial_personal, indirect";

    /// The word used on the command line, in the database, in archives and in CSV files.
    pub fn as_str(self) -> &'static str {
        match self {
            InterestCategory::Financial => "financial",
            InterestCategory::NonFinancialProfessional => "non_financial_professional",
            InterestCategory::NonFinancialPersonal => "non_financial_personal",
            InterestCategory::Indirect => "indirect",
        }
    }

    /// What the category covers, in the guidance's terms.
    pub fn description(self) -> &'static str {
        match self {
            InterestCategory::Financial => "The person may get a direct financial benefit from the consequences of a decision they are involved in making (for example a directorship, shareholding, or paid employment or consultancy).",
            InterestCategory::NonFinancialProfessional => "The person may obtain a non-financial professional benefit from a decision, such as increasing their professional reputation or promoting their career (for example an advisory role, or a position with a professional body).",
            InterestCategory::NonFinancialPersonal => "The person may benefit personally, in ways not directly linked to their career and giving no direct financial benefit (for example a voluntary role, or membership of a lobbying or charitable body).",
            InterestCategory::Indirect => "Someone closely associated with the person (a family member, close friend or business partner) has a financial, non-financial professional or non-financial personal interest that could benefit from a decision.",
        }
    }

    /// Every category with its label and description, in the guidance's order.
    pub fn choices() -> Vec<CategoryChoice> {
        InterestCategory::ALL
            .into_iter()
            .map(|category| CategoryChoice {
                category,
                label: category.label().to_owned(),
                description: category.description().to_owned(),
            })
            .collect()
    }

    pub fn label(self) -> &'static str {
        match self {
            InterestCategory::Financial => "Financial interest",
            InterestCategory::NonFinancialProfessional => "Non-financial professional interest",
            InterestCategory::NonFinancialPersonal => "Non-financial personal interest",
            InterestCategory::Indirect => "Indirect interest",
        }
    }
}

impl FromStr for InterestCategory {
    type Err = ValidationError;
    /// Accepts the stored word and the ways spreadsheets write it ("Non-financial
    /// professional", "Financial interest", "indirect interests").
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s
            .trim()
            .to_ascii_lowercase()
            .replace(['-', ' '], "_")
            .replace("nonfinancial", "non_financial");
        let wanted = wanted
            .trim_end_matches("_interests")
            .trim_end_matches("_interest");
        InterestCategory::ALL
            .into_iter()
            .find(|c| c.as_str() == wanted)
            .ok_or_else(|| ValidationError::NotOneOf {
                what: "category of interest",
                value: s.trim().to_owned(),
                choices: Self::CHOICES,
            })
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
    /// When the person declared it (archives before version 5 leave it out).
    #[serde(default)]
    #[ts(type = "string | null")]
    pub declared_on: Option<NaiveDate>,
    /// The action taken or mitigation agreed ("Withdraws from decisions on the car park
    /// contract"); empty when none.
    #[serde(default)]
    pub action: String,
}

/// A nil return: the person declared that they had no interests to declare for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NilReturn {
    pub person_id: PersonId,
    pub year: i32,
    /// When the return was made.
    #[ts(type = "string")]
    pub declared_on: NaiveDate,
}

/// Whether `person` made a declaration for `year`: a nil return for it, or an interest
/// declared in it.
pub fn declared_for(
    person: PersonId,
    year: i32,
    interests: &[Interest],
    nil_returns: &[NilReturn],
) -> bool {
    nil_returns
        .iter()
        .any(|n| n.person_id == person && n.year == year)
        || interests
            .iter()
            .any(|i| i.person_id == person && i.declared_on.is_some_and(|d| d.year() == year))
}

/// Those of `people` who have made no declaration for `year`, in the order given.
pub fn undeclared(
    people: &[PersonId],
    year: i32,
    interests: &[Interest],
    nil_returns: &[NilReturn],
) -> Vec<PersonId> {
    people
        .iter()
        .copied()
        .filter(|p| !declared_for(*p, year, interests, nil_returns))
        .collect()
}

impl Interest {
    /// Whether the interest is held on a date.
    pub fn current_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| t >= date)
    }
}

/// Words before a name that are not part of it ("Dr", "Dame", "Colonel").
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "doctor",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "baron",
    "baroness",
    "rev",
    "revd",
    "reverend",
    "the",
    "rt",
    "hon",
    "cllr",
    "councillor",
    "col",
    "colonel",
    "lt",
    "major",
    "maj",
    "capt",
    "captain",
    "cdr",
    "commander",
    "brig",
    "brigadier",
    "gen",
    "general",
    "air",
    "vice",
    "marshal",
    "admiral",
    "retd",
    "rtd",
];

/// Letters after a name that are not part of it: honours, degrees, fellowships, suffixes.
const POST_NOMINALS: &[&str] = &[
    "obe", "mbe", "cbe", "kbe", "dbe", "cb", "cvo", "lvo", "mvo", "qc", "kc", "mp", "dl", "jp",
    "phd", "dphil", "md", "mbbs", "mbchb", "bm", "frcp", "frcs", "frcn", "frcpsych", "frcgp",
    "frcog", "frcr", "frcpch", "mrcp", "mrcgp", "fca", "aca", "cpfa", "fcca", "acca", "cima",
    "mba", "msc", "bsc", "llb", "llm", "rgn", "rmn", "rn", "jr", "jnr", "sr", "snr", "ii", "iii",
    "iv", "frcpath", "ffph", "fhea", "cmgr", "fcipd", "mcipd", "frsa", "fmedsci", "freng", "frs",
    "bds", "mds", "fds", "fcem", "frcem", "frca", "frcophth", "mcsp", "fcma", "cgma", "fcipfa",
    "chmc", "cdir", "fiod", "gcb", "kcb", "dcb",
];

/// Lower-case words that begin a surname ("van Dijk", "de Souza", "al Hassan").
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "du", "da", "di", "del", "della", "la", "le", "ten", "ter",
    "bin", "al", "el", "Ó", "Ní", "Nic", "Uí", "Mac",
];

/// A name folded for sorting: lower case, accents dropped from Latin letters, apostrophes
/// and full stops left out, hyphens read as spaces (so "Smith" comes before
/// "Smith-Jones", and "Smith-Jones" before "Smithers").
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            '\'' | '’' | '‘' | '.' | '`' => {}
            '-' | '‐' | '‑' | '–' => out.push(' '),
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => out.push('a'),
            'ç' | 'ć' | 'č' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'ī' => out.push('i'),
            'ñ' | 'ń' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ś' | 'š' => out.push('s'),
            'ź' | 'ż' | 'ž' => out.push('z'),
            'ł' => out.push('l'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            c => out.push(c),
        }
    }
    out
}

/// The key a register lists a person by: their surname, then their other names, as
/// [`fold`] writes them. The surname is the last word of the name once titles in front
/// ("Dr", "Professor", "Colonel (Retd)") and letters after ("OBE", "FRCP", "Jr") are set
/// aside; a hyphenated surname is one word, and lower-case particles before it belong to
/// it ("van Dijk"). A name that is only a title or initials sorts by what there is.
pub fn surname_key(name: &str) -> (String, String) {
    // Words, without anything in brackets and without the commas before honours.
    let mut words: Vec<&str> = Vec::new();
    let mut depth = 0usize;
    for word in name.split(|c: char| c.is_whitespace() || c == ',') {
        let opens = word.matches('(').count();
        let closes = word.matches(')').count();
        let inside = depth > 0 || word.starts_with('(');
        depth = (depth + opens).saturating_sub(closes);
        let word = word.split('(').next().unwrap_or("");
        if inside || word.is_empty() {
            continue;
        }
        words.push(word);
    }
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .replace('.', "")
            .to_lowercase()
    };
    while words.len() > 1 && POST_NOMINALS.contains(&bare(words[words.len() - 1]).as_str()) {
        words.pop();
    }
    let mut first = 0;
    while first + 1 < words.len() && TITLES.contains(&bare(words[first]).as_str()) {
        first += 1;
    }
    let words = &words[first..];
    let Some((&last, before)) = words.split_last() else {
        return (fold(name.trim()), String::new());
    };
    let mut start = before.len();
    while start > 0 && PARTICLES.contains(&words[start - 1]) {
        start -= 1;
    }
    let mut surname = words[start..before.len()].to_vec();
    surname.push(last);
    (fold(&surname.join(" ")), fold(&words[..start].join(" ")))
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
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
            declared_on: None,
            action: String::new(),
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

    #[test]
    fn categories_parse_from_spreadsheet_words() {
        for (text, want) in [
            ("financial", InterestCategory::Financial),
            ("Financial interest", InterestCategory::Financial),
            (
                "Non-financial professional",
                InterestCategory::NonFinancialProfessional,
            ),
            (
                "non_financial_personal",
                InterestCategory::NonFinancialPersonal,
            ),
            ("Indirect interests", InterestCategory::Indirect),
        ] {
            assert_eq!(text.parse::<InterestCategory>().unwrap(), want, "{text}");
        }
        assert_eq!(
            "shares".parse::<InterestCategory>().unwrap_err().to_string(),
            "“shares” is not a category of interest: choose one of financial, non_financial_professional, non_financial_personal, indirect."
        );
        for c in InterestCategory::ALL {
            assert_eq!(c.as_str().parse::<InterestCategory>().unwrap(), c);
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.as_str())
            );
        }
    }

    #[test]
    fn people_sort_by_surname_whatever_comes_before_or_after_it() {
        let key = |n: &str| surname_key(n);
        assert_eq!(key("Dame Helen Marsh"), ("marsh".into(), "helen".into()));
        assert_eq!(
            key("Colonel (Retd) Ian Crowe"),
            ("crowe".into(), "ian".into())
        );
        assert_eq!(key("Professor Aisha Rahman").0, "rahman");
        assert_eq!(key("Dr Rajesh Patel").0, "patel");
        assert_eq!(key("Tim O’Neill").0, "oneill");
        assert_eq!(key("Jane Smith OBE").0, "smith");
        assert_eq!(key("Jane Smith, CBE, FRCP(Lond)").0, "smith");
        assert_eq!(key("Prof. Sir John Bell FRS FMedSci").0, "bell");
        assert_eq!(key("Mary Smith-Jones").0, "smith jones");
        assert_eq!(key("Ludwig van Beethoven").0, "van beethoven");
        assert_eq!(key("Helen MARSH").0, "marsh");
        assert_eq!(key("Li Ma").0, "ma");
        assert_eq!(key("Zoë Ó Súilleabháin").0, "o suilleabhain");
        assert_eq!(key("Cher").0, "cher");
        assert_eq!(key("Dr Patel").0, "patel");

        let mut names = vec![
            "Sarah Smithers",
            "Dame Helen Marsh",
            "Mary Smith-Jones",
            "Tim O’Neill",
            "Colonel (Retd) Ian Crowe",
            "Dr John Smith MBE",
            "Anna Smith",
            "John Adeyemi",
        ];
        names.sort_by_key(|n| surname_key(n));
        assert_eq!(
            names,
            [
                "John Adeyemi",
                "Colonel (Retd) Ian Crowe",
                "Dame Helen Marsh",
                "Tim O’Neill",
                "Anna Smith",
                "Dr John Smith MBE",
                "Mary Smith-Jones",
                "Sarah Smithers",
            ]
        );
    }

    #[test]
    fn who_has_not_declared_this_year() {
        let p = |n| PersonId(Uuid::from_u128(n));
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let mut declared = interest(1, "Calder Construction Ltd", &[], None);
        declared.declared_on = Some(d(2026, 4, 2));
        let mut last_year = interest(2, "Northbridge Hospice", &[], None);
        last_year.declared_on = Some(d(2025, 4, 2));
        let nil = NilReturn {
            person_id: p(3),
            year: 2026,
            declared_on: d(2026, 5, 1),
        };
        let people = [p(1), p(2), p(3), p(4)];
        let register = [declared, last_year];
        let nils = [nil];
        assert_eq!(undeclared(&people, 2026, &register, &nils), [p(2), p(4)]);
        assert_eq!(
            undeclared(&people, 2025, &register, &nils),
            [p(1), p(3), p(4)]
        );
    }
}
