//! The timetable: a meeting's dates worked back and forward from its own, in working days.
//! A committee's rules say when papers are due (so many working days before the meeting),
//! when the pack is issued (so many clear days before) and when the draft minutes go to the
//! chair (within so many working days after). Working days skip Saturdays, Sundays and the
//! bank holidays of the organisation's part of the UK, which ship here as data for
//! [`FIRST_YEAR`] to [`LAST_YEAR`] (from gov.uk's published lists, substitute days
//! included).
//!
//! **Clear days.** The pack goes out N *clear days* before the meeting: N whole working days
//! lie between the day it is issued and the day of the meeting, and neither of those two
//! days counts. With 5 clear days, the pack for a meeting on Thursday 10 December 2026 is
//! issued by Wednesday 2 December (Thursday 3, Friday 4, Monday 7, Tuesday 8 and Wednesday 9
//! lie between). The day of issue is itself a working day.
//!
//! A date that needs a year the data does not hold is never guessed: the computation
//! returns [`TimetableError::NoHolidays`], naming the year. Nothing here reads the clock:
//! "today" is passed in.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The first year whose bank holidays Boardpack holds.
pub const FIRST_YEAR: i32 = 2025;
/// The last year whose bank holidays Boardpack holds.
pub const LAST_YEAR: i32 = 2028;

/// How many working days ahead readiness starts to warn of a coming deadline.
pub const WARN_WITHIN: u32 = 5;

/// The part of the UK whose bank holidays an organisation keeps.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
    TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HolidayRegion {
    #[default]
    EnglandWales,
    Scotland,
    NorthernIreland,
}

impl HolidayRegion {
    pub const ALL: [HolidayRegion; 3] = [
        HolidayRegion::EnglandWales,
        HolidayRegion::Scotland,
        HolidayRegion::NorthernIreland,
    ];

    /// The stored word: "england_wales".
    pub fn as_str(self) -> &'static str {
        match self {
            HolidayRegion::EnglandWales => "england_wales",
            HolidayRegion::Scotland => "scotland",
            HolidayRegion::NorthernIreland => "northern_ireland",
        }
    }

    /// As the command line takes it: "england-wales".
    pub fn cli_name(self) -> &'static str {
        match self {
            HolidayRegion::EnglandWales => "england-wales",
            HolidayRegion::Scotland => "scotland",
            HolidayRegion::NorthernIreland => "northern-ireland",
        }
    }

    /// "England and Wales".
    pub fn label(self) -> &'static str {
        match self {
            HolidayRegion::EnglandWales => "England and Wales",
            HolidayRegion::Scotland => "Scotland",
            HolidayRegion::NorthernIreland => "Northern Ireland",
        }
    }

    /// Its bank holidays, [`FIRST_YEAR`] to [`LAST_YEAR`] (Northern Ireland's: England and
    /// Wales's, then its own).
    fn data(self) -> impl Iterator<Item = &'static (i32, u32, u32, &'static str)> {
        let (base, own): (&'static [_], &'static [_]) = match self {
            HolidayRegion::EnglandWales => (ENGLAND_WALES, &[]),
            HolidayRegion::Scotland => (SCOTLAND, &[]),
            HolidayRegion::NorthernIreland => (ENGLAND_WALES, NORTHERN_IRELAND_ONLY),
        };
        base.iter().chain(own)
    }
}

impl fmt::Display for HolidayRegion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A bank-holiday region as Settings offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RegionChoice {
    pub region: HolidayRegion,
    /// "England and Wales".
    pub label: String,
}

impl HolidayRegion {
    /// The three regions with their labels.
    pub fn choices() -> Vec<RegionChoice> {
        HolidayRegion::ALL
            .into_iter()
            .map(|region| RegionChoice {
                region,
                label: region.label().to_owned(),
            })
            .collect()
    }
}

/// How the timetable counts, as the settings screens explain it.
pub const HELP: &str = "Working days skip Saturdays, Sundays and the bank holidays of the organisation's part of the UK. Papers are due so many working days before the meeting. The pack goes out so many clear days before: that many working days lie between the day it is issued and the day of the meeting, and neither of those two days counts (with 5 clear days, the pack for a Thursday meeting goes out by the Wednesday of the week before). Draft minutes go to the chair within so many working days after the meeting.";

impl FromStr for HolidayRegion {
    type Err = crate::validate::ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        HolidayRegion::ALL
            .into_iter()
            .find(|r| r.as_str() == t || (t == "england_and_wales" && *r == Self::EnglandWales))
            .ok_or_else(|| crate::validate::ValidationError::Region(s.to_owned()))
    }
}

/// England and Wales, from gov.uk/bank-holidays (substitute days as published: Boxing
/// Day 2026 falls on a Saturday, so Monday 28 December is the holiday).
const ENGLAND_WALES: &[(i32, u32, u32, &str)] = &[
    (2025, 1, 1, "New Year’s Day"),
    (2025, 4, 18, "Good Friday"),
    (2025, 4, 21, "Easter Monday"),
    (2025, 5, 5, "Early May bank holiday"),
    (2025, 5, 26, "Spring bank holiday"),
    (2025, 8, 25, "Summer bank holiday"),
    (2025, 12, 25, "Christmas Day"),
    (2025, 12, 26, "Boxing Day"),
    (2026, 1, 1, "New Year’s Day"),
    (2026, 4, 3, "Good Friday"),
    (2026, 4, 6, "Easter Monday"),
    (2026, 5, 4, "Early May bank holiday"),
    (2026, 5, 25, "Spring bank holiday"),
    (2026, 8, 31, "Summer bank holiday"),
    (2026, 12, 25, "Christmas Day"),
    (2026, 12, 28, "Boxing Day (substitute day)"),
    (2027, 1, 1, "New Year’s Day"),
    (2027, 3, 26, "Good Friday"),
    (2027, 3, 29, "Easter Monday"),
    (2027, 5, 3, "Early May bank holiday"),
    (2027, 5, 31, "Spring bank holiday"),
    (2027, 8, 30, "Summer bank holiday"),
    (2027, 12, 27, "Christmas Day (substitute day)"),
    (2027, 12, 28, "Boxing Day (substitute day)"),
    (2028, 1, 3, "New Year’s Day (substitute day)"),
    (2028, 4, 14, "Good Friday"),
    (2028, 4, 17, "Easter Monday"),
    (2028, 5, 1, "Early May bank holiday"),
    (2028, 5, 29, "Spring bank holiday"),
    (2028, 8, 28, "Summer bank holiday"),
    (2028, 12, 25, "Christmas Day"),
    (2028, 12, 26, "Boxing Day"),
];

/// Scotland: 2 January and St Andrew's Day, the summer holiday on the first Monday of
/// August, and no Easter Monday.
const SCOTLAND: &[(i32, u32, u32, &str)] = &[
    (2025, 1, 1, "New Year’s Day"),
    (2025, 1, 2, "2nd January"),
    (2025, 4, 18, "Good Friday"),
    (2025, 5, 5, "Early May bank holiday"),
    (2025, 5, 26, "Spring bank holiday"),
    (2025, 8, 4, "Summer bank holiday"),
    (2025, 12, 1, "St Andrew’s Day (substitute day)"),
    (2025, 12, 25, "Christmas Day"),
    (2025, 12, 26, "Boxing Day"),
    (2026, 1, 1, "New Year’s Day"),
    (2026, 1, 2, "2nd January"),
    (2026, 4, 3, "Good Friday"),
    (2026, 5, 4, "Early May bank holiday"),
    (2026, 5, 25, "Spring bank holiday"),
    (2026, 8, 3, "Summer bank holiday"),
    (2026, 11, 30, "St Andrew’s Day"),
    (2026, 12, 25, "Christmas Day"),
    (2026, 12, 28, "Boxing Day (substitute day)"),
    (2027, 1, 1, "New Year’s Day"),
    (2027, 1, 4, "2nd January (substitute day)"),
    (2027, 3, 26, "Good Friday"),
    (2027, 5, 3, "Early May bank holiday"),
    (2027, 5, 31, "Spring bank holiday"),
    (2027, 8, 2, "Summer bank holiday"),
    (2027, 11, 30, "St Andrew’s Day"),
    (2027, 12, 27, "Christmas Day (substitute day)"),
    (2027, 12, 28, "Boxing Day (substitute day)"),
    (2028, 1, 3, "New Year’s Day (substitute day)"),
    (2028, 1, 4, "2nd January (substitute day)"),
    (2028, 4, 14, "Good Friday"),
    (2028, 5, 1, "Early May bank holiday"),
    (2028, 5, 29, "Spring bank holiday"),
    (2028, 8, 7, "Summer bank holiday"),
    (2028, 11, 30, "St Andrew’s Day"),
    (2028, 12, 25, "Christmas Day"),
    (2028, 12, 26, "Boxing Day"),
];

/// Northern Ireland: England and Wales's, and these: St Patrick's Day and the Battle of the
/// Boyne (Orangemen's Day).
const NORTHERN_IRELAND_ONLY: &[(i32, u32, u32, &str)] = &[
    (2025, 3, 17, "St Patrick’s Day"),
    (
        2025,
        7,
        14,
        "Battle of the Boyne (Orangemen’s Day) (substitute day)",
    ),
    (2026, 3, 17, "St Patrick’s Day"),
    (
        2026,
        7,
        13,
        "Battle of the Boyne (Orangemen’s Day) (substitute day)",
    ),
    (2027, 3, 17, "St Patrick’s Day"),
    (2027, 7, 12, "Battle of the Boyne (Orangemen’s Day)"),
    (2028, 3, 17, "St Patrick’s Day"),
    (2028, 7, 12, "Battle of the Boyne (Orangemen’s Day)"),
];

/// Why a timetable cannot be worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TimetableError {
    /// A date falls in a year whose bank holidays Boardpack does not hold.
    #[error("Boardpack holds the bank holidays of {region} for {FIRST_YEAR} to {LAST_YEAR} only, not for {year}, so the timetable's dates in {year} cannot be worked out: use a Boardpack that knows {year}'s bank holidays.")]
    NoHolidays { region: HolidayRegion, year: i32 },
}

impl TimetableError {
    /// The year the data lacks.
    pub fn year(&self) -> i32 {
        match self {
            TimetableError::NoHolidays { year, .. } => *year,
        }
    }
}

/// One bank holiday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BankHoliday {
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// "Boxing Day (substitute day)".
    pub name: String,
}

fn check_year(region: HolidayRegion, year: i32) -> Result<(), TimetableError> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(TimetableError::NoHolidays { region, year })
    }
}

/// A region's bank holidays in `year`, in date order.
pub fn bank_holidays(region: HolidayRegion, year: i32) -> Result<Vec<BankHoliday>, TimetableError> {
    check_year(region, year)?;
    let mut days: Vec<BankHoliday> = region
        .data()
        .filter(|(y, ..)| *y == year)
        .filter_map(|&(y, m, d, name)| {
            Some(BankHoliday {
                date: NaiveDate::from_ymd_opt(y, m, d)?,
                name: name.to_owned(),
            })
        })
        .collect();
    days.sort_by_key(|h| h.date);
    Ok(days)
}

/// The bank holiday on `date`, if it is one.
pub fn bank_holiday(
    region: HolidayRegion,
    date: NaiveDate,
) -> Result<Option<&'static str>, TimetableError> {
    check_year(region, date.year())?;
    Ok(region
        .data()
        .find(|&&(y, m, d, _)| (y, m, d) == (date.year(), date.month(), date.day()))
        .map(|&(.., name)| name))
}

/// Whether `date` is a working day: a weekday that is not a bank holiday.
pub fn is_working_day(region: HolidayRegion, date: NaiveDate) -> Result<bool, TimetableError> {
    if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
        // Still refuse a year we know nothing of, so no answer depends on the weekday alone.
        check_year(region, date.year())?;
        return Ok(false);
    }
    Ok(bank_holiday(region, date)?.is_none())
}

/// The `n`th working day before `date` (the day itself not counted); `date` when `n` is 0.
pub fn working_days_before(
    region: HolidayRegion,
    date: NaiveDate,
    n: u32,
) -> Result<NaiveDate, TimetableError> {
    step(region, date, n, -1)
}

/// The `n`th working day after `date` (the day itself not counted); `date` when `n` is 0.
pub fn working_days_after(
    region: HolidayRegion,
    date: NaiveDate,
    n: u32,
) -> Result<NaiveDate, TimetableError> {
    step(region, date, n, 1)
}

/// The latest day the pack can be issued for a meeting on `meeting` with `n` clear days:
/// a working day with `n` working days between it and the meeting, neither day counted
/// (see the module's docs).
pub fn clear_days_before(
    region: HolidayRegion,
    meeting: NaiveDate,
    n: u32,
) -> Result<NaiveDate, TimetableError> {
    step(region, meeting, n + 1, -1)
}

fn step(
    region: HolidayRegion,
    mut date: NaiveDate,
    n: u32,
    dir: i64,
) -> Result<NaiveDate, TimetableError> {
    let mut left = n;
    while left > 0 {
        date = date
            .checked_add_signed(TimeDelta::days(dir))
            .ok_or(TimetableError::NoHolidays {
                region,
                year: date.year(),
            })?;
        if is_working_day(region, date)? {
            left -= 1;
        }
    }
    Ok(date)
}

/// How many working days come after `from` up to and including `to` (0 when `to` is not
/// after `from`): Friday to the next Monday is 1.
pub fn working_days_until(
    region: HolidayRegion,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<u32, TimetableError> {
    let mut count = 0;
    let mut day = from;
    while day < to {
        day = day.succ_opt().unwrap_or(to);
        if is_working_day(region, day)? {
            count += 1;
        }
    }
    Ok(count)
}

/// A committee's timetable rules, in working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimetableRules {
    /// Papers are due this many working days before the meeting.
    pub papers_due_days: u32,
    /// The pack is issued this many clear days before the meeting.
    pub pack_issue_days: u32,
    /// Draft minutes go to the chair within this many working days after the meeting.
    pub minutes_due_days: u32,
}

impl Default for TimetableRules {
    fn default() -> Self {
        TimetableRules {
            papers_due_days: DEFAULT_PAPERS_DUE,
            pack_issue_days: DEFAULT_PACK_ISSUE,
            minutes_due_days: DEFAULT_MINUTES_DUE,
        }
    }
}

/// Papers due 10 working days before a meeting unless the committee says otherwise.
pub const DEFAULT_PAPERS_DUE: u32 = 10;
/// The pack issued 5 clear days before unless the committee says otherwise.
pub const DEFAULT_PACK_ISSUE: u32 = 5;
/// Draft minutes to the chair within 10 working days unless the committee says otherwise.
pub const DEFAULT_MINUTES_DUE: u32 = 10;

impl TimetableRules {
    /// The rules a committee set in calendar days before the timetable counted working
    /// days (schema 12 and archives before version 7), turned into working days that fall
    /// about where the old dates did: papers due 7 days before become 5 working days, a
    /// pack issued 5 days before becomes 3 clear days. The pack still goes out no earlier
    /// than papers are due.
    pub fn from_calendar_days(papers_due: u32, pack_issue: u32) -> (u32, u32) {
        let papers = (papers_due * 5).div_ceil(7);
        let clear = (pack_issue.saturating_sub(1) * 5 + 3) / 7;
        let clear = if papers == 0 {
            0
        } else {
            clear.min(papers - 1)
        };
        (papers, clear)
    }

    /// "10 working days before the meeting".
    pub fn describe(&self, kind: DeadlineKind) -> String {
        let n = |n: u32, what: &str| {
            if n == 1 {
                format!("1 {what} day")
            } else {
                format!("{n} {what} days")
            }
        };
        match kind {
            DeadlineKind::PapersDue if self.papers_due_days == 0 => {
                "on the day of the meeting".to_owned()
            }
            DeadlineKind::PapersDue => {
                format!("{} before the meeting", n(self.papers_due_days, "working"))
            }
            DeadlineKind::PackIssue => {
                format!("{} before the meeting", n(self.pack_issue_days, "clear"))
            }
            DeadlineKind::MinutesDue if self.minutes_due_days == 0 => {
                "on the day of the meeting".to_owned()
            }
            DeadlineKind::MinutesDue => {
                format!("{} after the meeting", n(self.minutes_due_days, "working"))
            }
        }
    }
}

/// The three dates of a meeting's timetable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DeadlineKind {
    PapersDue,
    PackIssue,
    MinutesDue,
}

impl DeadlineKind {
    pub const ALL: [DeadlineKind; 3] = [
        DeadlineKind::PapersDue,
        DeadlineKind::PackIssue,
        DeadlineKind::MinutesDue,
    ];

    /// "Papers due".
    pub fn label(self) -> &'static str {
        match self {
            DeadlineKind::PapersDue => "Papers due",
            DeadlineKind::PackIssue => "Pack issued",
            DeadlineKind::MinutesDue => "Draft minutes to the chair",
        }
    }

    /// For a calendar event's UID: "papers-due".
    pub fn slug(self) -> &'static str {
        match self {
            DeadlineKind::PapersDue => "papers-due",
            DeadlineKind::PackIssue => "pack-issue",
            DeadlineKind::MinutesDue => "minutes-due",
        }
    }
}

/// A meeting's timetable: its date and the three dates worked from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timetable {
    pub region: HolidayRegion,
    pub rules: TimetableRules,
    pub meeting: NaiveDate,
    pub papers_due: NaiveDate,
    pub pack_issue: NaiveDate,
    pub minutes_due: NaiveDate,
}

impl Timetable {
    /// The timetable of a meeting on `meeting` under `rules`, or the year the bank-holiday
    /// data lacks.
    pub fn new(
        region: HolidayRegion,
        rules: TimetableRules,
        meeting: NaiveDate,
    ) -> Result<Timetable, TimetableError> {
        Ok(Timetable {
            region,
            rules,
            meeting,
            papers_due: working_days_before(region, meeting, rules.papers_due_days)?,
            pack_issue: clear_days_before(region, meeting, rules.pack_issue_days)?,
            minutes_due: working_days_after(region, meeting, rules.minutes_due_days)?,
        })
    }

    pub fn date(&self, kind: DeadlineKind) -> NaiveDate {
        match kind {
            DeadlineKind::PapersDue => self.papers_due,
            DeadlineKind::PackIssue => self.pack_issue,
            DeadlineKind::MinutesDue => self.minutes_due,
        }
    }
}

/// How far a meeting has got, for telling a passed deadline that was met from one missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Papers expected and not yet in (no paper, or no document attached).
    pub papers_missing: usize,
    pub pack_issued: bool,
    pub minutes_approved: bool,
}

/// Where a deadline stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
#[ts(export)]
pub enum DeadlineState {
    /// What the deadline asks for is done.
    Done,
    /// It passed with what it asks for not done.
    Missed,
    /// It passed, and Boardpack cannot tell whether it was met (draft minutes sent to the
    /// chair are not recorded).
    Passed,
    /// It is today.
    Today,
    /// It is still to come, in this many working days (None when a year between lacks
    /// bank-holiday data).
    Coming { working_days: Option<u32> },
}

/// One line of a meeting's timetable, as the meeting page and `boardpack timetable` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Deadline {
    pub kind: DeadlineKind,
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// "Papers due".
    pub label: String,
    /// "Tuesday 17 November 2026".
    pub date_text: String,
    /// "10 working days before the meeting".
    pub rule: String,
    pub state: DeadlineState,
    /// "missed", "in 3 working days", "today", "done".
    pub state_text: String,
}

/// "Tuesday 17 November 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// "Tuesday 17 November", with the year only when it is not `year`.
pub fn day_text(date: NaiveDate, year: i32) -> String {
    if date.year() == year {
        date.format("%A %-d %B").to_string()
    } else {
        long_date(date)
    }
}

/// The three deadlines of a timetable as they stand on `today`.
pub fn deadlines(tt: &Timetable, today: NaiveDate, progress: Progress) -> Vec<Deadline> {
    DeadlineKind::ALL
        .into_iter()
        .map(|kind| {
            let date = tt.date(kind);
            let done = match kind {
                DeadlineKind::PapersDue => progress.papers_missing == 0,
                DeadlineKind::PackIssue => progress.pack_issued,
                DeadlineKind::MinutesDue => progress.minutes_approved,
            };
            let state = if done {
                DeadlineState::Done
            } else if date < today {
                if kind == DeadlineKind::MinutesDue {
                    DeadlineState::Passed
                } else {
                    DeadlineState::Missed
                }
            } else if date == today {
                DeadlineState::Today
            } else {
                DeadlineState::Coming {
                    working_days: working_days_until(tt.region, today, date).ok(),
                }
            };
            Deadline {
                kind,
                date,
                label: kind.label().to_owned(),
                date_text: long_date(date),
                rule: tt.rules.describe(kind),
                state,
                state_text: state_text(state, today, date),
            }
        })
        .collect()
}

fn state_text(state: DeadlineState, today: NaiveDate, date: NaiveDate) -> String {
    match state {
        DeadlineState::Done => "done".into(),
        DeadlineState::Missed => "missed".into(),
        DeadlineState::Passed => "passed".into(),
        DeadlineState::Today => "today".into(),
        DeadlineState::Coming {
            working_days: Some(1),
        } => "in 1 working day".into(),
        DeadlineState::Coming {
            working_days: Some(n),
        } => format!("in {n} working days"),
        DeadlineState::Coming { working_days: None } => {
            format!("in {} days", (date - today).num_days())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use HolidayRegion::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rules(p: u32, c: u32, m: u32) -> TimetableRules {
        TimetableRules {
            papers_due_days: p,
            pack_issue_days: c,
            minutes_due_days: m,
        }
    }

    #[test]
    fn every_holiday_is_a_weekday_in_order_and_in_range() {
        for region in HolidayRegion::ALL {
            let mut last = None;
            for &(y, m, day, name) in region.data() {
                let date = NaiveDate::from_ymd_opt(y, m, day)
                    .unwrap_or_else(|| panic!("{region}: {y}-{m}-{day} is not a date"));
                assert!(
                    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
                    "{region}: {date} ({name}) falls at a weekend"
                );
                assert!((FIRST_YEAR..=LAST_YEAR).contains(&y));
            }
            for year in FIRST_YEAR..=LAST_YEAR {
                let days = bank_holidays(region, year).unwrap();
                for h in &days {
                    assert!(last < Some(h.date), "{region}: {} out of order", h.date);
                    last = Some(h.date);
                }
                let n = days.len();
                let expected = match region {
                    EnglandWales => 8,
                    Scotland => 9,
                    NorthernIreland => 10,
                };
                assert_eq!(n, expected, "{region} {year}");
            }
        }
    }

    #[test]
    fn substitute_days_and_easter() {
        // Boxing Day 2026 is a Saturday: Monday 28 December is the holiday everywhere.
        for region in HolidayRegion::ALL {
            assert!(
                !is_working_day(region, d(2026, 12, 28)).unwrap(),
                "{region}"
            );
            assert!(is_working_day(region, d(2026, 12, 29)).unwrap(), "{region}");
            // Christmas 2027 is a Saturday, Boxing Day a Sunday.
            assert!(!is_working_day(region, d(2027, 12, 27)).unwrap());
            assert!(!is_working_day(region, d(2027, 12, 28)).unwrap());
            // New Year's Day 2028 is a Saturday.
            assert!(!is_working_day(region, d(2028, 1, 3)).unwrap());
            // Good Friday 2027 is 26 March.
            assert!(!is_working_day(region, d(2027, 3, 26)).unwrap());
        }
        assert!(!is_working_day(EnglandWales, d(2027, 3, 29)).unwrap());
        assert!(!is_working_day(NorthernIreland, d(2027, 3, 29)).unwrap());
        // Scotland keeps no Easter Monday.
        assert!(is_working_day(Scotland, d(2027, 3, 29)).unwrap());
    }

    #[test]
    fn each_region_has_its_own_days() {
        // Scotland: 2 January and St Andrew's Day (Sunday 30 November 2025 → Monday 1 December).
        assert!(!is_working_day(Scotland, d(2026, 1, 2)).unwrap());
        assert!(is_working_day(EnglandWales, d(2026, 1, 2)).unwrap());
        assert!(!is_working_day(Scotland, d(2025, 12, 1)).unwrap());
        assert!(is_working_day(EnglandWales, d(2025, 12, 1)).unwrap());
        assert!(!is_working_day(Scotland, d(2026, 11, 30)).unwrap());
        // 2 January 2027 is a Saturday: Monday 4 January.
        assert!(!is_working_day(Scotland, d(2027, 1, 4)).unwrap());
        // Scotland's summer holiday is the first Monday of August.
        assert!(!is_working_day(Scotland, d(2026, 8, 3)).unwrap());
        assert!(is_working_day(Scotland, d(2026, 8, 31)).unwrap());
        assert!(!is_working_day(EnglandWales, d(2026, 8, 31)).unwrap());
        // Northern Ireland: St Patrick's Day and the Twelfth (Sunday in 2026 → Monday 13).
        assert!(!is_working_day(NorthernIreland, d(2026, 3, 17)).unwrap());
        assert!(is_working_day(EnglandWales, d(2026, 3, 17)).unwrap());
        assert!(!is_working_day(NorthernIreland, d(2026, 7, 13)).unwrap());
        assert!(!is_working_day(NorthernIreland, d(2027, 7, 12)).unwrap());
        assert!(is_working_day(Scotland, d(2027, 7, 12)).unwrap());
    }

    #[test]
    fn counts_back_over_christmas_and_new_year() {
        // A meeting on Thursday 7 January 2027, England and Wales: papers 10 working days
        // before skip Christmas Day (Fri 25), the Boxing Day substitute (Mon 28) and New
        // Year's Day (Fri 1 January).
        let tt = Timetable::new(EnglandWales, rules(10, 5, 10), d(2027, 1, 7)).unwrap();
        // Back from 7 Jan: 6, 5, 4 Jan, 31, 30, 29 Dec, 24, 23, 22, 21 Dec.
        assert_eq!(tt.papers_due, d(2026, 12, 21));
        // Clear days 6, 5, 4 Jan, 31, 30 Dec: issued on Tuesday 29 December.
        assert_eq!(tt.pack_issue, d(2026, 12, 29));
        // Minutes: 8, 11 … 21 January (no holidays).
        assert_eq!(tt.minutes_due, d(2027, 1, 21));
        // In Scotland 2 January is a Saturday in 2027: its substitute, Monday 4 January.
        let scot = Timetable::new(Scotland, rules(10, 5, 10), d(2027, 1, 7)).unwrap();
        assert_eq!(scot.papers_due, d(2026, 12, 18));
        assert_eq!(scot.pack_issue, d(2026, 12, 24));
        assert_eq!(scot.minutes_due, d(2027, 1, 21));
    }

    #[test]
    fn minutes_run_across_the_year_end() {
        // A meeting on Thursday 17 December 2026: minutes within 10 working days skip
        // Christmas (25), Boxing Day's substitute (28) and New Year's Day.
        let tt = Timetable::new(EnglandWales, rules(10, 5, 10), d(2026, 12, 17)).unwrap();
        // 18, 21, 22, 23, 24, 29, 30, 31 Dec, 4, 5 Jan.
        assert_eq!(tt.minutes_due, d(2027, 1, 5));
        // Scotland loses Monday 4 January too.
        let scot = Timetable::new(Scotland, rules(10, 5, 10), d(2026, 12, 17)).unwrap();
        assert_eq!(scot.minutes_due, d(2027, 1, 6));
    }

    #[test]
    fn easter_and_a_monday_after_a_bank_holiday() {
        // Tuesday 30 March 2027, the day after Easter Monday, England and Wales: the working
        // day before it is Thursday 25 March (Good Friday 26, Easter Monday 29 skipped).
        assert_eq!(
            working_days_before(EnglandWales, d(2027, 3, 30), 1).unwrap(),
            d(2027, 3, 25)
        );
        // Scotland works Easter Monday.
        assert_eq!(
            working_days_before(Scotland, d(2027, 3, 30), 1).unwrap(),
            d(2027, 3, 29)
        );
        // A meeting on Monday 1 June 2026, a week after the spring bank holiday (25 May):
        // papers 10 working days before: 29, 28, 27, 26, 22, 21, 20, 19, 18, 15 May.
        let tt = Timetable::new(EnglandWales, rules(10, 5, 10), d(2026, 6, 1)).unwrap();
        assert_eq!(tt.papers_due, d(2026, 5, 15));
        // Five clear days: 29, 28, 27, 26, 22 May; issued on Thursday 21 May.
        assert_eq!(tt.pack_issue, d(2026, 5, 21));
        // A meeting on Tuesday 26 May 2026, right after the bank holiday Monday: with one
        // clear day the pack goes out on Thursday 21 May (Friday 22 lies between; Saturday,
        // Sunday and the bank holiday do not count).
        assert_eq!(
            clear_days_before(EnglandWales, d(2026, 5, 26), 1).unwrap(),
            d(2026, 5, 21)
        );
        // A meeting on Monday 6 April 2026 is itself on Easter Monday: counting still works.
        assert_eq!(
            working_days_before(EnglandWales, d(2026, 4, 6), 1).unwrap(),
            d(2026, 4, 2)
        );
    }

    #[test]
    fn clear_days_leave_both_ends_out() {
        // The module's example: Thursday 10 December 2026 → Wednesday 2 December.
        assert_eq!(
            clear_days_before(EnglandWales, d(2026, 12, 10), 5).unwrap(),
            d(2026, 12, 2)
        );
        // No clear days: the working day before.
        assert_eq!(
            clear_days_before(EnglandWales, d(2026, 12, 7), 0).unwrap(),
            d(2026, 12, 4)
        );
        // Zero working days: the day itself.
        assert_eq!(
            working_days_before(EnglandWales, d(2026, 12, 6), 0).unwrap(),
            d(2026, 12, 6)
        );
    }

    #[test]
    fn years_outside_the_data_are_named() {
        // A meeting early in January 2025 needs December 2024.
        let err = Timetable::new(EnglandWales, rules(10, 5, 10), d(2025, 1, 6)).unwrap_err();
        assert_eq!(
            err,
            TimetableError::NoHolidays {
                region: EnglandWales,
                year: 2024
            }
        );
        assert!(err.to_string().contains("not for 2024"), "{err}");
        // Minutes of a December 2028 meeting run into 2029.
        let err = Timetable::new(Scotland, rules(10, 5, 10), d(2028, 12, 21)).unwrap_err();
        assert_eq!(err.year(), 2029);
        assert!(
            err.to_string().contains("bank holidays of Scotland"),
            "{err}"
        );
        // Even a weekend in a year outside the data is refused.
        assert!(is_working_day(EnglandWales, d(2030, 1, 5)).is_err());
        assert!(bank_holidays(NorthernIreland, 2024).is_err());
        // Within the data, the edges work.
        assert!(Timetable::new(EnglandWales, rules(10, 5, 10), d(2025, 1, 20)).is_ok());
        assert!(Timetable::new(EnglandWales, rules(10, 5, 10), d(2028, 12, 1)).is_ok());
    }

    #[test]
    fn counts_working_days_until() {
        // Friday 24 December 2027 to Wednesday 29 December: 27 and 28 are holidays.
        assert_eq!(
            working_days_until(EnglandWales, d(2027, 12, 24), d(2027, 12, 29)).unwrap(),
            1
        );
        assert_eq!(
            working_days_until(EnglandWales, d(2026, 12, 4), d(2026, 12, 7)).unwrap(),
            1
        );
        assert_eq!(
            working_days_until(EnglandWales, d(2026, 12, 7), d(2026, 12, 4)).unwrap(),
            0
        );
    }

    #[test]
    fn deadlines_say_where_they_stand() {
        let tt = Timetable::new(EnglandWales, rules(10, 5, 10), d(2026, 12, 17)).unwrap();
        assert_eq!(tt.papers_due, d(2026, 12, 3));
        assert_eq!(tt.pack_issue, d(2026, 12, 9));
        let progress = Progress {
            papers_missing: 2,
            ..Progress::default()
        };
        let lines = deadlines(&tt, d(2026, 12, 4), progress);
        assert_eq!(lines[0].state, DeadlineState::Missed);
        assert_eq!(lines[0].date_text, "Thursday 3 December 2026");
        assert_eq!(lines[0].rule, "10 working days before the meeting");
        assert_eq!(
            lines[1].state,
            DeadlineState::Coming {
                working_days: Some(3)
            }
        );
        assert_eq!(lines[1].state_text, "in 3 working days");
        assert_eq!(lines[1].rule, "5 clear days before the meeting");
        assert_eq!(lines[2].rule, "10 working days after the meeting");
        let done = deadlines(
            &tt,
            d(2027, 1, 20),
            Progress {
                papers_missing: 0,
                pack_issued: true,
                minutes_approved: false,
            },
        );
        let states: Vec<_> = done.iter().map(|l| l.state_text.as_str()).collect();
        assert_eq!(states, ["done", "done", "passed"]);
        let today = deadlines(&tt, d(2026, 12, 9), progress);
        assert_eq!(today[1].state, DeadlineState::Today);
    }

    #[test]
    fn old_calendar_rules_become_working_days() {
        assert_eq!(TimetableRules::from_calendar_days(7, 5), (5, 3));
        assert_eq!(TimetableRules::from_calendar_days(10, 7), (8, 4));
        assert_eq!(TimetableRules::from_calendar_days(0, 0), (0, 0));
        for p in 0..=90 {
            for i in 0..=p {
                let (wp, wc) = TimetableRules::from_calendar_days(p, i);
                assert!(wp == 0 || wc < wp, "{p}/{i} → {wp}/{wc}");
            }
        }
    }

    #[test]
    fn regions_parse_as_typed() {
        for r in HolidayRegion::ALL {
            assert_eq!(r.cli_name().parse::<HolidayRegion>(), Ok(r));
            assert_eq!(r.as_str().parse::<HolidayRegion>(), Ok(r));
        }
        assert!("wales".parse::<HolidayRegion>().is_err());
    }
}
