// Generated from Rust (crates/boardpack/src/labels.rs) when `cargo test` runs. Do not edit.
import type { Answer } from "./Answer";
import type { MeetingStatus } from "./MeetingStatus";
import type { MemberKind } from "./MemberKind";
import type { Purpose } from "./Purpose";
import type { Session } from "./Session";

/** How a meeting's status reads. */
export const STATUS_LABELS: Record<MeetingStatus, string> = {
  planning: "Planning",
  pack_issued: "Pack issued",
  held: "Held",
  minutes_approved: "Minutes approved",
};

/** How a kind of seat reads on screen and in the minutes. */
export const MEMBER_KIND_LABELS: Record<MemberKind, string> = {
  chair: "Chair",
  vice_chair: "Vice-chair",
  executive_director: "Executive director",
  non_executive_director: "Non-executive director",
  associate: "Associate non-executive director",
  voting_member: "Voting member",
  in_attendance: "In attendance",
  secretary: "Secretary",
};

/** The purposes, in the order cover sheets print them. */
export const PURPOSES: Purpose[] = ["decision", "discussion", "assurance", "noting"];

/** "Decision", as cover sheets print it. */
export const PURPOSE_LABELS: Record<Purpose, string> = {
  decision: "Decision",
  discussion: "Discussion",
  assurance: "Assurance",
  noting: "Noting",
};

/** What each purpose means, as the seeds' cover sheets explain it. */
export const PURPOSE_HINTS: Record<Purpose, string> = {
  decision: "To formally receive a report and approve its recommendations or a particular course of action",
  discussion: "To discuss, in depth, a report noting its implications without formally approving a recommendation or action",
  assurance: "To assure the Board that systems and processes are in place, or to advise a gap along with a treatment plan",
  noting: "For noting without the need for discussion",
};

/** The answers a cover sheet gives about an objective. */
export const ANSWERS: Answer[] = ["yes", "no", "not_applicable"];

/** How an answer reads. */
export const ANSWER_LABELS: Record<Answer, string> = {
  yes: "Yes",
  no: "No",
  not_applicable: "Not applicable",
};

/** How a session reads. */
export const SESSION_LABELS: Record<Session, string> = {
  public: "Public",
  private: "Private",
};

/** The RAG bands of a 1–25 risk rating (the NHS 5 × 5 matrix): each band with the highest rating in it. */
export const RISK_BANDS = [
  { upTo: 3, band: "low" },
  { upTo: 6, band: "moderate" },
  { upTo: 12, band: "high" },
  { upTo: 25, band: "extreme" },
] as const;

export type RiskBand = (typeof RISK_BANDS)[number]["band"];
