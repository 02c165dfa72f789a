//! Minute references: each committee numbers its minutes through the year with a pattern of
//! its own ("SLT 19/85", "CCBP/19/07"). This module checks patterns and formats references;
//! choosing the next sequence number is the application's job (it needs the database).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

use crate::validate::ValidationError;

/// A checked minute-reference pattern. Tokens: `{yy}` (two-digit year), `{yyyy}`, `{seq}`
/// (the running number) and `{seq:NN}` (zero-padded to NN digits).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(export, type = "string")]
pub struct MinuteRefPattern(String);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    ShortYear,
    LongYear,
    Seq { width: usize },
}

fn pieces(pattern: &str) -> Result<Vec<Piece<'_>>, ValidationError> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| ValidationError::PatternToken {
                pattern: pattern.to_owned(),
                token: after.to_owned(),
            })?;
        let token = &after[..close];
        out.push(match token {
            "yy" => Piece::ShortYear,
            "yyyy" => Piece::LongYear,
            "seq" => Piece::Seq { width: 0 },
            t if t.starts_with("seq:") => {
                let width = t[4..]
                    .parse::<usize>()
                    .ok()
                    .filter(|w| (1..=6).contains(w))
                    .ok_or_else(|| ValidationError::PatternToken {
                        pattern: pattern.to_owned(),
                        token: t.to_owned(),
                    })?;
                Piece::Seq { width }
            }
            other => {
                return Err(ValidationError::PatternToken {
                    pattern: pattern.to_owned(),
                    token: other.to_owned(),
                })
            }
        });
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    Ok(out)
}

impl MinuteRefPattern {
    /// Checks a pattern: known tokens only, and exactly one place for the running number.
    pub fn new(pattern: &str) -> Result<Self, ValidationError> {
        let pattern = pattern.trim();
        let seqs = pieces(pattern)?
            .iter()
            .filter(|p| matches!(p, Piece::Seq { .. }))
            .count();
        if seqs != 1 {
            return Err(ValidationError::PatternWithoutSeq(pattern.to_owned()));
        }
        Ok(MinuteRefPattern(pattern.to_owned()))
    }

    /// The usual pattern for a committee code: "SLT {yy}/{seq}".
    pub fn default_for(code: &str) -> Self {
        MinuteRefPattern(format!("{code} {{yy}}/{{seq}}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The reference of minute `seq` in `year`: ("SLT {yy}/{seq}", 2019, 85) → "SLT 19/85".
    pub fn format(&self, year: i32, seq: u32) -> String {
        let mut out = String::new();
        // The pattern was checked when it was made, so it always splits.
        for piece in pieces(&self.0).unwrap_or_default() {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::ShortYear => out.push_str(&format!("{:02}", year.rem_euclid(100))),
                Piece::LongYear => out.push_str(&year.to_string()),
                Piece::Seq { width } => out.push_str(&format!("{seq:0width$}")),
            }
        }
        out
    }
}

impl TryFrom<String> for MinuteRefPattern {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        MinuteRefPattern::new(&value)
    }
}

impl From<MinuteRefPattern> for String {
    fn from(p: MinuteRefPattern) -> String {
        p.0
    }
}

impl fmt::Display for MinuteRefPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(pattern: &str, year: i32, seq: u32, expect: &str) {
        assert_eq!(
            MinuteRefPattern::new(pattern).unwrap().format(year, seq),
            expect
        );
    }

    #[test]
    fn formats_the_seed_styles() {
        check("SLT {yy}/{seq}", 2019, 85, "SLT 19/85");
        check("CCBP/{yy}/{seq:02}", 2019, 7, "CCBP/19/07");
        check("TB/{yyyy}/{seq:03}", 2026, 42, "TB/2026/042");
        check("{seq}", 2000, 5, "5");
        check("SLT {yy}/{seq}", 2000, 1, "SLT 00/1");
    }

    #[test]
    fn rejects_bad_patterns() {
        assert_eq!(
            MinuteRefPattern::new("SLT {yy}").unwrap_err(),
            ValidationError::PatternWithoutSeq("SLT {yy}".into())
        );
        assert!(MinuteRefPattern::new("{seq}/{seq}").is_err());
        assert_eq!(
            MinuteRefPattern::new("X {month}/{seq}").unwrap_err().to_string(),
            "The minute-reference pattern “X {month}/{seq}” uses “{month}”, which Boardpack does not know: use {yy}, {yyyy}, {seq} or {seq:NN}."
        );
        assert!(MinuteRefPattern::new("X {seq:0}").is_err());
        assert!(MinuteRefPattern::new("X {seq").is_err());
    }

    #[test]
    fn serde_checks_patterns() {
        let p: MinuteRefPattern = serde_json::from_str("\"SLT {yy}/{seq}\"").unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"SLT {yy}/{seq}\"");
        assert!(serde_json::from_str::<MinuteRefPattern>("\"SLT\"").is_err());
    }
}
