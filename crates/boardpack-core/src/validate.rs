//! Checks on what people type: dates, times, committee codes, initials, names. Each failure
//! is a [`ValidationError`] whose message names the bad value and says what would be
//! accepted, because these messages reach users unchanged (CLI and desktop alike).

use chrono::{Datelike, NaiveDate, NaiveTime};
use thiserror::Error;

/// "a" or "an", as the word after it sounds (by its first letter, which is right for the
/// names of ids).
pub(crate) fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// A value a user supplied that Boardpack cannot accept.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ValidationError {
    #[error(
        "“{value}” is not {} {what} id: ids look like 0190a5c4-6b1e-7c3d-8e2f-0123456789ab.",
        article(what)
    )]
    BadId { what: &'static str, value: String },
    #[error("“{0}” is not a date: write it as YYYY-MM-DD, for example 2019-07-04.")]
    DateFormat(String),
    #[error("{value} is not a real date: {month_name} {year} has {days} days.")]
    DayOutOfRange {
        value: String,
        month_name: &'static str,
        year: i32,
        days: u32,
    },
    #[error("“{0}” is not a time: write it as HH:MM on the 24-hour clock, for example 09:30.")]
    TimeFormat(String),
    #[error("The meeting cannot end ({}) before it starts ({}).", end.format("%H:%M"), start.format("%H:%M"))]
    EndBeforeStart { start: NaiveTime, end: NaiveTime },
    #[error("The {field} must not be empty.")]
    Empty { field: &'static str },
    #[error("“{0}” is not a committee code: use 1 to 12 capital letters or digits, for example SLT or TB.")]
    Code(String),
    #[error("“{0}” are not initials: use 1 to 6 letters, optionally with an apostrophe or hyphen, for example JA or TO'N.")]
    Initials(String),
    #[error("The minute-reference pattern “{0}” has no {{seq}}: include it where the running number goes, for example “SLT {{yy}}/{{seq}}”.")]
    PatternWithoutSeq(String),
    #[error("The minute-reference pattern “{pattern}” uses “{{{token}}}”, which Boardpack does not know: use {{yy}}, {{yyyy}}, {{seq}} or {{seq:NN}}.")]
    PatternToken { pattern: String, token: String },
    #[error("“{value}” is not a {what}: choose one of {choices}.")]
    NotOneOf {
        what: &'static str,
        value: String,
        choices: &'static str,
    },
    #[error("The quorum rule is impossible: {0}")]
    Quorum(String),
    #[error("That agenda move is not possible: {0}.")]
    Agenda(String),
    #[error("The paper letter “{0}” is not usable: use capital letters, optionally followed by a number, for example E or C2.")]
    Letter(String),
    #[error("Another paper of this meeting already has the letter {0}: choose a different letter, or leave it blank to have one assigned.")]
    DuplicateLetter(String),
    #[error("A risk rating must be between 1 and 25 (likelihood × consequence); {0} is not.")]
    Rating(u32),
    #[error("A meeting cannot go from “{from}” to “{to}”: meetings move planning → pack issued → held → minutes approved.")]
    StatusOrder {
        from: &'static str,
        to: &'static str,
    },
    #[error("“{0}” is not a telephone number: use digits and spaces, for example 0116 258 8940 (an extension as “0116 258 8940 ext 5566”).")]
    Phone(String),
    #[error(
        "The bulletin wording uses “{{{token}}}”, which Boardpack does not know: use {known}."
    )]
    WordingPlaceholder { token: String, known: String },
    #[error("The cover sheet answers about the objective {0}, which is not one of the organisation's strategic objectives: answer only about those its objectives list.")]
    CoverObjective(String),
    #[error("The cover sheet links risk {reference} under “{register}”, but that risk is on the other register: link it there, or choose a risk of this one.")]
    CoverRiskRegister {
        reference: String,
        register: &'static str,
    },
    #[error("The cover sheet links the risk {id} under “{register}”, but the organisation has no risk with that id: link only risks on its registers.")]
    CoverRiskUnknown { id: String, register: &'static str },
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Parses a calendar date written `YYYY-MM-DD`, telling a wrong format apart from a day that
/// does not exist (2019-02-30).
pub fn parse_date(text: &str) -> Result<NaiveDate, ValidationError> {
    let value = text.trim();
    let parts: Vec<&str> = value.split('-').collect();
    let numeric = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    if parts.len() != 3 || !numeric(parts[0], 4) || !numeric(parts[1], 2) || !numeric(parts[2], 2) {
        return Err(ValidationError::DateFormat(value.to_owned()));
    }
    let (year, month, day): (i32, u32, u32) = (
        parts[0]
            .parse()
            .map_err(|_| ValidationError::DateFormat(value.to_owned()))?,
        parts[1]
            .parse()
            .map_err(|_| ValidationError::DateFormat(value.to_owned()))?,
        parts[2]
            .parse()
            .map_err(|_| ValidationError::DateFormat(value.to_owned()))?,
    );
    if !(1..=12).contains(&month) {
        return Err(ValidationError::DateFormat(value.to_owned()));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| ValidationError::DayOutOfRange {
        value: value.to_owned(),
        month_name: MONTHS[(month - 1) as usize],
        year,
        days: days_in_month(year, month),
    })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    match (first, next) {
        (Some(a), Some(b)) => (b - a).num_days() as u32,
        _ => 31,
    }
}

/// Parses a time of day written `HH:MM` (24-hour clock).
pub fn parse_time(text: &str) -> Result<NaiveTime, ValidationError> {
    let value = text.trim();
    NaiveTime::parse_from_str(value, "%H:%M")
        .map_err(|_| ValidationError::TimeFormat(value.to_owned()))
}

/// A committee's short code: 1–12 capital letters or digits ("SLT", "TB", "CCBP").
pub fn committee_code(text: &str) -> Result<String, ValidationError> {
    let code = text.trim();
    let ok = (1..=12).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if ok {
        Ok(code.to_owned())
    } else {
        Err(ValidationError::Code(code.to_owned()))
    }
}

/// A person's initials as minutes use them ("JA", "AFa", "TO'N").
pub fn initials(text: &str) -> Result<String, ValidationError> {
    let value = text.trim();
    let letters = value.chars().filter(|c| c.is_alphabetic()).count();
    let ok = (1..=6).contains(&letters)
        && value
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-')
        && value.chars().next().is_some_and(char::is_alphabetic);
    if ok {
        Ok(value.to_owned())
    } else {
        Err(ValidationError::Initials(value.to_owned()))
    }
}

/// A required piece of text, trimmed.
pub fn required(field: &'static str, text: &str) -> Result<String, ValidationError> {
    let value = text.trim();
    if value.is_empty() {
        Err(ValidationError::Empty { field })
    } else {
        Ok(value.to_owned())
    }
}

/// A telephone number as the bulletin prints it ("0116 258 8940", "+44 116 258 8940",
/// "0116 258 8940 ext 5566"), trimmed, its spaces tidied; empty when none is given.
pub fn phone(text: &str) -> Result<String, ValidationError> {
    let value = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return Ok(value);
    }
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let words_ok = value.split(' ').all(|w| {
        w.eq_ignore_ascii_case("ext")
            || w.eq_ignore_ascii_case("x")
            || w.chars().all(|c| c.is_ascii_digit() || "+()-.".contains(c))
    });
    if (3..=20).contains(&digits) && value.chars().count() <= 40 && words_ok {
        Ok(value)
    } else {
        Err(ValidationError::Phone(value))
    }
}

/// Initials made from a name, for when none are given ("John Adler" → "JA").
pub fn initials_from_name(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .flat_map(char::to_uppercase)
        .take(6)
        .collect()
}

/// The long form of a date used on papers and minutes: "4 July 2019".
pub fn long_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2019-07-04").unwrap(),
            NaiveDate::from_ymd_opt(2019, 7, 4).unwrap()
        );
        assert_eq!(
            parse_date("2019-02-30").unwrap_err().to_string(),
            "2019-02-30 is not a real date: February 2019 has 28 days."
        );
        assert_eq!(
            parse_date("2020-02-30").unwrap_err().to_string(),
            "2020-02-30 is not a real date: February 2020 has 29 days."
        );
        for bad in ["4/7/2019", "2019-7-4", "2019-13-01", "", "tomorrow"] {
            assert!(
                matches!(parse_date(bad), Err(ValidationError::DateFormat(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn times() {
        assert_eq!(
            parse_time("09:30").unwrap(),
            NaiveTime::from_hms_opt(9, 30, 0).unwrap()
        );
        assert!(parse_time("9.30").is_err());
        assert!(parse_time("25:00").is_err());
    }

    #[test]
    fn codes_and_initials() {
        assert_eq!(committee_code(" SLT ").unwrap(), "SLT");
        assert!(committee_code("slt").is_err());
        assert!(committee_code("").is_err());
        assert!(committee_code("TOO-LONG-CODE").is_err());
        assert_eq!(initials("TO'N").unwrap(), "TO'N");
        assert_eq!(initials("AFa").unwrap(), "AFa");
        assert!(initials("J.A.").is_err());
        assert!(initials("").is_err());
        assert_eq!(initials_from_name("John Adler"), "JA");
        assert_eq!(initials_from_name("Tim O’Neill"), "TO");
    }

    #[test]
    fn phones() {
        assert_eq!(phone("  0116  258 8940 ").unwrap(), "0116 258 8940");
        assert_eq!(phone("+44 (0)116 258-8940").unwrap(), "+44 (0)116 258-8940");
        assert_eq!(
            phone("0116 258 8940 ext 5566").unwrap(),
            "0116 258 8940 ext 5566"
        );
        assert_eq!(phone("").unwrap(), "");
        assert_eq!(
            phone("ring reception").unwrap_err().to_string(),
            "“ring reception” is not a telephone number: use digits and spaces, for example 0116 258 8940 (an extension as “0116 258 8940 ext 5566”)."
        );
        assert!(phone("12").is_err());
        assert!(phone("0116 258 8940 / 8941 / 8942 / 8943 / 8944 / 8945").is_err());
    }

    #[test]
    fn long_dates() {
        assert_eq!(
            long_date(NaiveDate::from_ymd_opt(2019, 7, 4).unwrap()),
            "4 July 2019"
        );
    }
}
