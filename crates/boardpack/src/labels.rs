//! The words the window shows for the domain's values (meeting statuses, kinds of seat,
//! purposes and what each means, answers, sessions) and the RAG bands of risk ratings,
//! written from the core's own functions into `ui/src/bindings/labels.ts` when `cargo test`
//! runs, like the ts-rs bindings beside it. CI fails when the committed file differs, so
//! the UI never keeps a copy of these by hand.

use std::fmt::Write as _;

use boardpack_core::agenda::Purpose;
use boardpack_core::meeting::MeetingStatus;
use boardpack_core::paper::Answer;
use boardpack_core::risk::Risk;
use boardpack_core::{MemberKind, Session};
use serde::Serialize;

/// A value as the wire (and so TypeScript) spells it: "pack_issued".
fn wire(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A string as a TypeScript literal.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// "pack issued" → "Pack issued".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `export const NAME: Record<Type, string> = { key: "Label", … };`
fn record<T: Serialize + Copy>(
    out: &mut String,
    doc: &str,
    name: &str,
    ty: &str,
    all: &[T],
    label: impl Fn(T) -> String,
) {
    let _ = writeln!(
        out,
        "\n/** {doc} */\nexport const {name}: Record<{ty}, string> = {{"
    );
    for &v in all {
        let _ = writeln!(out, "  {}: {},", wire(&v), quoted(&label(v)));
    }
    out.push_str("};\n");
}

/// `export const NAME: Type[] = ["a", "b"];` in the core's order.
fn list<T: Serialize>(out: &mut String, doc: &str, name: &str, ty: &str, all: &[T]) {
    let items: Vec<String> = all.iter().map(|v| quoted(&wire(v))).collect();
    let _ = writeln!(
        out,
        "\n/** {doc} */\nexport const {name}: {ty}[] = [{}];",
        items.join(", ")
    );
}

/// The whole of `labels.ts`.
pub fn labels_ts() -> String {
    let mut out = String::from(
        "// Generated from Rust (crates/boardpack/src/labels.rs) when `cargo test` runs. Do not edit.\n\
         import type { Answer } from \"./Answer\";\n\
         import type { MeetingStatus } from \"./MeetingStatus\";\n\
         import type { MemberKind } from \"./MemberKind\";\n\
         import type { Purpose } from \"./Purpose\";\n\
         import type { Session } from \"./Session\";\n",
    );
    record(
        &mut out,
        "How a meeting's status reads.",
        "STATUS_LABELS",
        "MeetingStatus",
        &MeetingStatus::ALL,
        |s| capitalised(s.label()),
    );
    record(
        &mut out,
        "How a kind of seat reads on screen and in the minutes.",
        "MEMBER_KIND_LABELS",
        "MemberKind",
        &MemberKind::ALL,
        |k| k.label().to_owned(),
    );
    list(
        &mut out,
        "The purposes, in the order cover sheets print them.",
        "PURPOSES",
        "Purpose",
        &Purpose::ALL,
    );
    record(
        &mut out,
        "\"Decision\", as cover sheets print it.",
        "PURPOSE_LABELS",
        "Purpose",
        &Purpose::ALL,
        |p| p.label().to_owned(),
    );
    record(
        &mut out,
        "What each purpose means, as the seeds' cover sheets explain it.",
        "PURPOSE_HINTS",
        "Purpose",
        &Purpose::ALL,
        |p| p.description().to_owned(),
    );
    let answers = [Answer::Yes, Answer::No, Answer::NotApplicable];
    list(
        &mut out,
        "The answers a cover sheet gives about an objective.",
        "ANSWERS",
        "Answer",
        &answers,
    );
    record(
        &mut out,
        "How an answer reads.",
        "ANSWER_LABELS",
        "Answer",
        &answers,
        |a| a.label().to_owned(),
    );
    record(
        &mut out,
        "How a session reads.",
        "SESSION_LABELS",
        "Session",
        &[Session::Public, Session::Private],
        |s| capitalised(s.as_str()),
    );
    out.push_str(
        "\n/** The RAG bands of a 1–25 risk rating (the NHS 5 × 5 matrix): each band with the highest rating in it. */\nexport const RISK_BANDS = [\n",
    );
    for (up_to, band) in Risk::BANDS {
        let _ = writeln!(out, "  {{ upTo: {up_to}, band: {} }},", quoted(band));
    }
    out.push_str("] as const;\n\nexport type RiskBand = (typeof RISK_BANDS)[number][\"band\"];\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Written where the ts-rs bindings go; CI's freshness check covers it.
    #[test]
    fn labels_for_the_window_are_written_from_the_core() {
        let text = labels_ts();
        assert!(text.contains("  pack_issued: \"Pack issued\",\n"), "{text}");
        assert!(text.contains("  associate: \"Associate non-executive director\",\n"));
        assert!(text.contains("export const PURPOSES: Purpose[] = [\"decision\", \"discussion\", \"assurance\", \"noting\"];"));
        assert!(text.contains("{ upTo: 3, band: \"low\" }"));
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings");
        std::fs::create_dir_all(&dir).expect("the bindings folder");
        let path = dir.join("labels.ts");
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, &text).expect("labels.ts written");
        }
    }

    #[test]
    fn every_rating_falls_in_the_band_the_table_gives() {
        for rating in 1..=25 {
            let from_table = Risk::BANDS
                .iter()
                .find(|(up_to, _)| rating <= *up_to)
                .map(|(_, b)| *b);
            assert_eq!(Some(Risk::band(rating)), from_table, "{rating}");
        }
    }
}
