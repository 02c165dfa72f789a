/**
 * How the UI writes dates, times and states for people: British style, no time zones
 * (a meeting date is a calendar date, not an instant). Display only; the rules about what
 * is valid live in the Rust core.
 */
import type { MeetingStatus } from "../bindings/MeetingStatus";
import type { MemberKind } from "../bindings/MemberKind";
import type { Session } from "../bindings/Session";

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

const STATUS_LABELS: Record<MeetingStatus, string> = {
  planning: "Planning",
  pack_issued: "Pack issued",
  held: "Held",
  minutes_approved: "Minutes approved",
};

export function statusLabel(status: MeetingStatus): string {
  return STATUS_LABELS[status];
}

export function sessionLabel(session: Session): string {
  return session === "public" ? "Public" : "Private";
}

const KIND_LABELS: Record<MemberKind, string> = {
  chair: "Chair",
  executive_director: "Executive director",
  non_executive_director: "Non-executive director",
  voting_member: "Voting member",
  in_attendance: "In attendance",
  secretary: "Secretary",
};

export function memberKindLabel(kind: MemberKind): string {
  return KIND_LABELS[kind];
}
