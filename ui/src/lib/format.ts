/**
 * How the UI writes dates, times and states for people: British style, no time zones
 * (a meeting date is a calendar date, not an instant). Display only; the rules about what
 * is valid live in the Rust core, and the words for its values come from it
 * (bindings/labels.ts, generated).
 */
import type { Answer } from "../bindings/Answer";
import type { MeetingStatus } from "../bindings/MeetingStatus";
import type { MemberKind } from "../bindings/MemberKind";
import type { Purpose } from "../bindings/Purpose";
import type { Session } from "../bindings/Session";
import {
  ANSWER_LABELS,
  ANSWERS,
  MEMBER_KIND_LABELS,
  PURPOSE_HINTS,
  PURPOSE_LABELS,
  PURPOSES,
  RISK_BANDS,
  SESSION_LABELS,
  STATUS_LABELS,
  type RiskBand,
} from "../bindings/labels";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2019-07-04" → "Thu 4 Jul 2019"; anything else comes back as it was. */
export function shortDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return `${DAYS[weekday]} ${day} ${MONTHS[month - 1]} ${year}`;
}

/** "09:30:00" → "09:30". */
function hhmm(time: string): string {
  return time.slice(0, 5);
}

/** "09:30–13:00", just the start, or "" when no time is set. */
export function timeSpan(start: string | null, end: string | null): string {
  if (start && end) return `${hhmm(start)}–${hhmm(end)}`;
  return start ? hhmm(start) : "";
}

export function statusLabel(status: MeetingStatus): string {
  return STATUS_LABELS[status];
}

export function sessionLabel(session: Session): string {
  return SESSION_LABELS[session];
}

/** How a kind of seat reads (`MemberKind::label` in the core). */
export function memberKindLabel(kind: MemberKind): string {
  return MEMBER_KIND_LABELS[kind];
}

export { ANSWERS, PURPOSE_HINTS, PURPOSES };

/** "Decision", as cover sheets print it. */
export function purposeLabel(purpose: Purpose): string {
  return PURPOSE_LABELS[purpose];
}

export function answerLabel(answer: Answer): string {
  return ANSWER_LABELS[answer];
}

/** "1 paper", "3 papers". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "12 KB", "1.4 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The RAG band of a 1–25 risk rating, for colour only (`Risk::BANDS` in the core). */
export function riskBand(rating: number): RiskBand {
  return (RISK_BANDS.find((b) => rating <= b.upTo) ?? RISK_BANDS[RISK_BANDS.length - 1]).band;
}
