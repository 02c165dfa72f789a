//! Checks on what people type: dates, times, committee codes, initials, names, and the
//! limits every field keeps (lengths, no control characters, plausible numbers and years).
//! Each failure is a [`ValidationError`] whose message names the bad value or field and
//! says what would be accepted, because these messages reach users unchanged (CLI and
//! desktop alike). Whole records are checked field by field in [`crate::check`], which the
//! store and the archive import both run, so no entry point can take in what another would
//! refuse.

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

/// A value as an error message repeats it: at most 100 characters, the rest cut to "…",
/// so a pasted page of text does not come back as a page of error.
pub fn clip(value: &str) -> String {
    const SHOWN: usize = 100;
    match value.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}…", &value[..at]),
        None => value.to_owned(),
    }
}

/// A value a user supplied that Boardpack cannot accept.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ValidationError {
    #[error(
        "“{}” is not {} {what} id: ids look like 0190a5c4-6b1e-7c3d-8e2f-0123456789ab.",
        clip(value),
        article(what)
    )]
    BadId { what: &'static str, value: String },
    #[error("“{}” is not a date: write it as YYYY-MM-DD, for example 2019-07-04.", clip(.0))]
    DateFormat(String),
    #[error(
        "{} is not a real date: {month_name} {year} has {days} days.",
        clip(value)
    )]
    DayOutOfRange {
        value: String,
        month_name: &'static str,
        year: i32,
        days: u32,
    },
    #[error("“{}” is not a time: write it as HH:MM on the 24-hour clock, for example 09:30.", clip(.0))]
    TimeFormat(String),
    #[error("The meeting cannot end ({}) before it starts ({}).", end.format("%H:%M"), start.format("%H:%M"))]
    EndBeforeStart { start: NaiveTime, end: NaiveTime },
    #[error("The {field} must not be empty.")]
    Empty { field: &'static str },
    #[error("“{}” is not a committee code: use 1 to 12 capital letters or digits, for example SLT or TB.", clip(.0))]
    Code(String),
    #[error("“{}” are not initials: use 1 to 6 letters, optionally with an apostrophe or hyphen, for example JA or TO'N.", clip(.0))]
    Initials(String),
    #[error("The minute-reference pattern “{}” has no {{seq}}: include it where the running number goes, for example “SLT {{yy}}/{{seq}}”.", clip(.0))]
    PatternWithoutSeq(String),
    #[error("The minute-reference pattern “{}” uses “{{{}}}”, which Boardpack does not know: use {{yy}}, {{yyyy}}, {{seq}} or {{seq:NN}}.", clip(pattern), clip(token))]
    PatternToken { pattern: String, token: String },
    #[error("“{}” is not a {what}: choose one of {choices}.", clip(value))]
    NotOneOf {
        what: &'static str,
        value: String,
        choices: &'static str,
    },
    #[error("The quorum rule is impossible: {0}")]
    Quorum(String),
    #[error("That agenda move is not possible: {0}.")]
    Agenda(String),
    /// A change that would put private business among public business (or the reverse):
    /// the whole sentence, saying what to do.
    #[error("{0}")]
    AgendaPart(String),
    #[error("The paper letter “{}” is not usable: use one to three characters, capital letters then digits, for example E, C2 or AB1.", clip(.0))]
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
    #[error("“{}” is not a telephone number: use digits and spaces, for example 0116 258 8940 (an extension as “0116 258 8940 ext 5566”).", clip(.0))]
    Phone(String),
    #[error(
        "The bulletin wording uses “{{{}}}”, which Boardpack does not know: use {known}.",
        clip(token)
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
    #[error("The {field} is {} characters long, more than the {} Boardpack takes: shorten it.", thousands(*len), thousands(*max))]
    TooLong {
        field: &'static str,
        max: usize,
        len: usize,
    },
    #[error("The {field} contains a control character (U+{code:04X}), which cannot be printed: remove it (it can come in with text copied from a terminal).")]
    ControlCharacter { field: &'static str, code: u32 },
    #[error("An item runs from 1 to 1,440 minutes (a whole day); {0} is not a duration Boardpack can schedule.")]
    Duration(u32),
    #[error("Meeting numbers run from 1 to 99,999; {0} is not one.")]
    MeetingNumber(u64),
    #[error("The {field} {date} is not a plausible date: use a year from 1900 to 2200.")]
    Year {
        field: &'static str,
        date: NaiveDate,
    },
    #[error("“{}” is not the SHA-256 of a file: that is 64 hexadecimal digits.", clip(.0))]
    FileHash(String),
    #[error("The {field} {value} is out of range: use a number from {min} to {max}.")]
    OutOfRange {
        field: &'static str,
        value: u64,
        min: u64,
        max: u64,
    },
    #[error(
        "“{0}” is not a language tag: use a tag such as en-GB (English, UK) or cy-GB (Welsh)."
    )]
    Language(String),
    #[error("“{0}” is not an email address: write it as name@organisation.nhs.uk.")]
    Email(String),
    #[error(
        "“{0}” is not a date: write it as YYYY-MM-DD (2024-04-01) or DD/MM/YYYY (01/04/2024)."
    )]
    SheetDate(String),
    #[error("“{0}” is not a year: write it with four digits, for example 2024.")]
    YearText(String),
    #[error("“{value}” is not a usable {what}: enter a whole number from {min} to {max}.")]
    Number {
        what: &'static str,
        value: String,
        min: u32,
        max: u32,
    },
    #[error("Papers are due {deadline} working days before a meeting but the pack is to be issued {issue} clear days before: the pack cannot go out before its papers are due, so make the paper deadline at least {} working days.", .issue + 1)]
    IssueBeforeDeadline { deadline: u32, issue: u32 },
    #[error(
        "“{0}” is not a bank-holiday region: use england-wales, scotland or northern-ireland."
    )]
    Region(String),
}

/// The most characters a title or name may have (an item, a paper, a committee, a person).
pub const TITLE_MAX: usize = 500;
/// The most characters a summary may have (a cover sheet's context, a reason, a note).
pub const SUMMARY_MAX: usize = 20_000;
/// The most characters one item's minute may have.
pub const MINUTE_MAX: usize = 100_000;
/// The longest an item may run, in minutes: a whole day.
pub const DURATION_MAX: u32 = 1440;
/// The highest meeting number.
pub const MEETING_NUMBER_MAX: u32 = 99_999;
/// The years a date may fall in.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// A number with thousands separators: 20000 → "20,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn within(field: &'static str, text: &str, max: usize) -> Result<(), ValidationError> {
    // Bytes bound characters from above: most text is checked without counting.
    if text.len() > max {
        let len = text.chars().count();
        if len > max {
            return Err(ValidationError::TooLong { field, max, len });
        }
    }
    Ok(())
}

/// One line of text (a title, a name, a role): at most `max` characters, and no control
/// characters at all (no line breaks, tabs or terminal escapes).
pub fn line(field: &'static str, text: &str, max: usize) -> Result<(), ValidationError> {
    within(field, text, max)?;
    match text.chars().find(|c| c.is_control()) {
        Some(c) => Err(ValidationError::ControlCharacter {
            field,
            code: c as u32,
        }),
        None => Ok(()),
    }
}

/// Text of several lines (a summary, a minute): at most `max` characters; line breaks and
/// tabs are kept, other control characters (terminal escapes among them) refused.
pub fn prose(field: &'static str, text: &str, max: usize) -> Result<(), ValidationError> {
    within(field, text, max)?;
    match text
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        Some(c) => Err(ValidationError::ControlCharacter {
            field,
            code: c as u32,
        }),
        None => Ok(()),
    }
}

/// An item's duration: 1 to 1,440 minutes.
pub fn duration(minutes: u32) -> Result<u32, ValidationError> {
    if (1..=DURATION_MAX).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(ValidationError::Duration(minutes))
    }
}

/// A meeting's number: 1 to 99,999.
pub fn meeting_number(number: u64) -> Result<u32, ValidationError> {
    match u32::try_from(number) {
        Ok(n) if (1..=MEETING_NUMBER_MAX).contains(&n) => Ok(n),
        _ => Err(ValidationError::MeetingNumber(number)),
    }
}

/// A date whose year is plausible for a meeting's records (1900 to 2200).
pub fn year(field: &'static str, date: NaiveDate) -> Result<NaiveDate, ValidationError> {
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(ValidationError::Year { field, date })
    }
}

/// A count a user sets (page limits, notice days): at most `max`.
pub fn at_most(field: &'static str, value: u32, max: u32) -> Result<u32, ValidationError> {
    if value <= max {
        Ok(value)
    } else {
        Err(ValidationError::OutOfRange {
            field,
            value: u64::from(value),
            min: 0,
            max: u64::from(max),
        })
    }
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
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        ValidationError::DayOutOfRange {
            value: value.to_owned(),
            month_name: MONTHS[(month - 1) as usize],
            year,
            days: days_in_month(year, month),
        }
    })?;
    self::year("date", date)
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

/// A required one-line piece of text (a title, a name), trimmed, within [`TITLE_MAX`]
/// characters and free of control characters.
pub fn required(field: &'static str, text: &str) -> Result<String, ValidationError> {
    let value = text.trim();
    if value.is_empty() {
        Err(ValidationError::Empty { field })
    } else {
        line(field, value, TITLE_MAX)?;
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

/// A BCP 47 language tag as PDFs declare it ("en-GB", "cy-GB", "en"), its case tidied
/// (language lower case, region upper case). Empty: the default, en-GB.
pub fn language_tag(text: &str) -> Result<String, ValidationError> {
    let value = text.trim();
    if value.is_empty() {
        return Ok(crate::model::DEFAULT_LANGUAGE.to_owned());
    }
    let parts: Vec<&str> = value.split(['-', '_']).collect();
    let alnum = |p: &str| p.bytes().all(|b| b.is_ascii_alphanumeric());
    let ok = (2..=3).contains(&parts[0].len())
        && parts[0].bytes().all(|b| b.is_ascii_alphabetic())
        && parts[1..]
            .iter()
            .all(|p| (2..=8).contains(&p.len()) && alnum(p))
        && value.len() <= 35;
    if !ok {
        return Err(ValidationError::Language(value.to_owned()));
    }
    Ok(parts
        .iter()
        .enumerate()
        .map(|(k, p)| match (k, p.len()) {
            (0, _) => p.to_ascii_lowercase(),
            (_, 2) => p.to_ascii_uppercase(),
            (_, 4) => {
                let lower = p.to_ascii_lowercase();
                lower[..1].to_ascii_uppercase() + &lower[1..]
            }
            _ => p.to_ascii_lowercase(),
        })
        .collect::<Vec<_>>()
        .join("-"))
}

/// An email address, trimmed; empty when none is given. Only its shape is checked:
/// something, one @, and a domain with a dot.
pub fn email(text: &str) -> Result<String, ValidationError> {
    let value = text.trim();
    if value.is_empty() {
        return Ok(String::new());
    }
    let ok = value.len() <= 254
        && !value
            .chars()
            .any(|c| c.is_whitespace() || "<>(),;:\\\"[]".contains(c))
        && match value.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
            }
            None => false,
        };
    if ok {
        Ok(value.to_owned())
    } else {
        Err(ValidationError::Email(value.to_owned()))
    }
}

/// A calendar year written with four digits, from 1900 to 2200.
pub fn parse_year(text: &str) -> Result<i32, ValidationError> {
    let value = text.trim();
    match value.parse::<i32>() {
        Ok(y) if value.len() == 4 && YEARS.contains(&y) => Ok(y),
        _ => Err(ValidationError::YearText(value.to_owned())),
    }
}

/// A date as spreadsheets kept in the UK write it: YYYY-MM-DD, or DD/MM/YYYY (also with
/// dots or dashes, and one-digit days and months). Nothing else: "04/07/19" and "4 July"
/// are refused rather than guessed.
pub fn sheet_date(text: &str) -> Result<NaiveDate, ValidationError> {
    let value = text.trim();
    if let Ok(d) = parse_date(value) {
        return Ok(d);
    }
    if let Err(e @ ValidationError::DayOutOfRange { .. }) = parse_date(value) {
        return Err(e);
    }
    let parts: Vec<&str> = value.split(['/', '.', '-']).collect();
    let digits =
        |s: &str, lens: &[usize]| lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if parts.len() == 3
        && digits(parts[0], &[1, 2])
        && digits(parts[1], &[1, 2])
        && digits(parts[2], &[4])
    {
        let iso = format!("{}-{:0>2}-{:0>2}", parts[2], parts[1], parts[0]);
        return match parse_date(&iso) {
            Ok(d) => Ok(d),
            Err(ValidationError::DayOutOfRange {
                month_name,
                year,
                days,
                ..
            }) => Err(ValidationError::DayOutOfRange {
                value: value.to_owned(),
                month_name,
                year,
                days,
            }),
            Err(_) => Err(ValidationError::SheetDate(value.to_owned())),
        };
    }
    Err(ValidationError::SheetDate(value.to_owned()))
}

/// A whole number within `min..=max`, named `what` in the error.
pub fn number_in(
    what: &'static str,
    value: u32,
    min: u32,
    max: u32,
) -> Result<u32, ValidationError> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(ValidationError::Number {
            what,
            value: value.to_string(),
            min,
            max,
        })
    }
}

/// A committee's timetable: papers due so many working days before a meeting, the pack
/// issued so many clear days before (see [`crate::timetable`]) and draft minutes due so
/// many working days after; each at most 90, and the pack issued no earlier than papers
/// are due (so papers are due at least one working day more than the pack's clear days).
pub fn deadlines(
    deadline_days: u32,
    issue_days: u32,
    minutes_days: u32,
) -> Result<(), ValidationError> {
    number_in(
        "paper deadline (working days before the meeting)",
        deadline_days,
        0,
        90,
    )?;
    number_in(
        "pack issue (clear days before the meeting)",
        issue_days,
        0,
        90,
    )?;
    number_in(
        "draft minutes (working days after the meeting)",
        minutes_days,
        0,
        90,
    )?;
    if issue_days >= deadline_days {
        return Err(ValidationError::IssueBeforeDeadline {
            deadline: deadline_days,
            issue: issue_days,
        });
    }
    Ok(())
}

/// Titles and ranks that stand before a name and give no initial ("Dr", "Professor",
/// "Colonel (Retd)"), compared without case or full stops.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "revd",
    "reverend",
    "cllr",
    "councillor",
    "colonel",
    "col",
    "major",
    "captain",
    "capt",
    "lieutenant",
    "commander",
    "cdr",
    "brigadier",
    "general",
    "(retd)",
    "retd",
];

/// Initials made from a name, for when none are given ("John Adler" → "JA", "Dr Femi
/// Oduya" → "FO"): titles before the name are left out.
pub fn initials_from_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let titled = words
        .iter()
        .take_while(|w| TITLES.contains(&w.trim_end_matches('.').to_lowercase().as_str()))
        .count();
    // A name that is all titles keeps them ("Dr Who" is not one).
    let skip = if titled < words.len() { titled } else { 0 };
    words[skip..]
        .iter()
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

/// The short form of a date used in tables, where a date must fit on one line: "3 Dec
/// 2026".
pub fn short_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        &MONTHS[date.month0() as usize][..3],
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
        // Titles and ranks give no initial.
        assert_eq!(initials_from_name("Dr Femi Oduya"), "FO");
        assert_eq!(initials_from_name("Professor Aisha Rahman"), "AR");
        assert_eq!(initials_from_name("Colonel (Retd) Ian Crowe"), "IC");
        assert_eq!(initials_from_name("Mrs. Jayshree Raval"), "JR");
        assert_eq!(initials_from_name("Dame Helen Marsh"), "HM");
        assert_eq!(initials_from_name("Dr"), "D");
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

    #[test]
    fn short_dates() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(short_date(d(2026, 12, 3)), "3 Dec 2026");
        assert_eq!(short_date(d(2026, 9, 30)), "30 Sep 2026");
        assert_eq!(short_date(d(2027, 6, 1)), "1 Jun 2027");
    }

    #[test]
    fn languages_emails_years() {
        assert_eq!(language_tag("").unwrap(), "en-GB");
        assert_eq!(language_tag(" EN-gb ").unwrap(), "en-GB");
        assert_eq!(language_tag("cy_gb").unwrap(), "cy-GB");
        assert_eq!(language_tag("sr-latn-RS").unwrap(), "sr-Latn-RS");
        for bad in ["English", "e", "en-", "en GB", "12-GB"] {
            assert!(language_tag(bad).is_err(), "{bad}");
        }
        assert_eq!(email(" a.b@nhs.net ").unwrap(), "a.b@nhs.net");
        assert_eq!(email("").unwrap(), "");
        for bad in [
            "a.b",
            "a@b",
            "a b@nhs.net",
            "@nhs.net",
            "a@@nhs.net",
            "a@nhs..net",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(sheet_date("2024-04-01").unwrap(), d(2024, 4, 1));
        assert_eq!(sheet_date("01/04/2024").unwrap(), d(2024, 4, 1));
        assert_eq!(sheet_date("1.4.2024").unwrap(), d(2024, 4, 1));
        assert_eq!(
            sheet_date("31/02/2024").unwrap_err().to_string(),
            "31/02/2024 is not a real date: February 2024 has 29 days."
        );
        for bad in ["04/07/19", "4 July 2024", "2024/04/01", "13/13/2024", ""] {
            assert!(sheet_date(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_year("2024").unwrap(), 2024);
        assert!(parse_year("24").is_err());
        assert!(parse_year("20x4").is_err());
        assert!(deadlines(10, 5, 10).is_ok());
        assert!(deadlines(6, 5, 0).is_ok());
        // Five clear days put the pack on the sixth working day before: papers due five
        // working days before would come after it.
        assert_eq!(
            deadlines(5, 5, 10).unwrap_err().to_string(),
            "Papers are due 5 working days before a meeting but the pack is to be issued 5 clear days before: the pack cannot go out before its papers are due, so make the paper deadline at least 6 working days."
        );
        assert!(deadlines(91, 5, 10).is_err());
        assert!(deadlines(10, 5, 91).is_err());
    }
}
