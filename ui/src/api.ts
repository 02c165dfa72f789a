/**
 * The one door from the UI to the desktop shell: a typed function per Tauri command
 * (src-tauri/src/commands.rs). Every failure comes out as a {@link CommandError} with the
 * shell's stable `code` and a sentence the user can act on, so screens never parse
 * strings or call `invoke` themselves. Types come from the generated `bindings/`; never
 * write a duplicate by hand.
 */
import { invoke } from "@tauri-apps/api/core";

import type { CommitteeId } from "./bindings/CommitteeId";
import type { CommitteeSummary } from "./bindings/CommitteeSummary";
import type { ErrorReport } from "./bindings/ErrorReport";
import type { Meeting } from "./bindings/Meeting";
import type { MeetingId } from "./bindings/MeetingId";
import type { MeetingSummary } from "./bindings/MeetingSummary";
import type { MemberSummary } from "./bindings/MemberSummary";
import type { NewMeeting } from "./bindings/NewMeeting";

/** A command that failed: `code` to branch on, `message` to show. */
export class CommandError extends Error {
  readonly code: string;

  constructor(report: ErrorReport) {
    super(report.message);
    this.name = "CommandError";
    this.code = report.code;
  }

  /** Anything a rejected `invoke` may carry, as a CommandError. */
  static from(reason: unknown): CommandError {
    if (reason instanceof CommandError) return reason;
    if (isErrorReport(reason)) return new CommandError(reason);
    // Tauri's own failures (unknown command, bad arguments) arrive as plain strings.
    const detail = reason instanceof Error ? reason.message : String(reason);
    return new CommandError({
      code: "ipc",
      message: `Boardpack could not complete that request (${detail}). Restart the app; if it happens again, report it.`,
    });
  }
}

function isErrorReport(value: unknown): value is ErrorReport {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ErrorReport).code === "string" &&
    typeof (value as ErrorReport).message === "string"
  );
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw CommandError.from(reason);
  }
}

/** The path of the database file the app is working on. */
export const databasePath = (): Promise<string> => call("database_path");

export const listCommittees = (): Promise<CommitteeSummary[]> => call("list_committees");

/** Every meeting, most recent first. */
export const listMeetings = (): Promise<MeetingSummary[]> => call("list_meetings");

/** A committee's members in seat order (chair first). */
export const listMembers = (committee_id: CommitteeId): Promise<MemberSummary[]> =>
  call("list_members", { committee_id });

export const createMeeting = (meeting: NewMeeting): Promise<Meeting> =>
  call("create_meeting", { meeting });

/** Loads the demo trust with its Trust Board and a meeting; safe to repeat. */
export const loadDemo = (): Promise<MeetingId> => call("load_demo");
