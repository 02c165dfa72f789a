/**
 * The one door from the UI to the desktop shell: a typed function per Tauri command
 * (src-tauri/src/commands.rs). Every failure comes out as a {@link CommandError} with the
 * shell's stable `code` and a sentence the user can act on, so screens never parse
 * strings or call `invoke` themselves. Types come from the generated `bindings/`; never
 * write a duplicate by hand.
 */
import { Channel, invoke } from "@tauri-apps/api/core";

import type { AgendaItem } from "./bindings/AgendaItem";
import type { AgendaItemId } from "./bindings/AgendaItemId";
import type { AgendaView } from "./bindings/AgendaView";
import type { BulletinReport } from "./bindings/BulletinReport";
import type { CommitteeId } from "./bindings/CommitteeId";
import type { Commands } from "./bindings/commands";
import type { CommitteeSummary } from "./bindings/CommitteeSummary";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { ErrorReport } from "./bindings/ErrorReport";
import type { Meeting } from "./bindings/Meeting";
import type { MeetingId } from "./bindings/MeetingId";
import type { MeetingSummary } from "./bindings/MeetingSummary";
import type { MemberSummary } from "./bindings/MemberSummary";
import type { Move } from "./bindings/Move";
import type { NewItem } from "./bindings/NewItem";
import type { NewMeeting } from "./bindings/NewMeeting";
import type { NewPaper } from "./bindings/NewPaper";
import type { NewRisk } from "./bindings/NewRisk";
import type { Objective } from "./bindings/Objective";
import type { ObjectiveEntry } from "./bindings/ObjectiveEntry";
import type { Organisation } from "./bindings/Organisation";
import type { PaperSaved } from "./bindings/PaperSaved";
import type { OrganisationId } from "./bindings/OrganisationId";
import type { PackProgress } from "./bindings/PackProgress";
import type { PackReport } from "./bindings/PackReport";
import type { PackChanges } from "./bindings/PackChanges";
import type { PackIssue } from "./bindings/PackIssue";
import type { IssueReport } from "./bindings/IssueReport";
import type { Paper } from "./bindings/Paper";
import type { PaperEdit } from "./bindings/PaperEdit";
import type { PaperId } from "./bindings/PaperId";
import type { ReadinessReport } from "./bindings/ReadinessReport";
import type { Risk } from "./bindings/Risk";
import type { Attendee } from "./bindings/Attendee";
import type { AttendeeId } from "./bindings/AttendeeId";
import type { Declaration } from "./bindings/Declaration";
import type { DeclarationId } from "./bindings/DeclarationId";
import type { MemberAttendance } from "./bindings/MemberAttendance";
import type { Minute } from "./bindings/Minute";
import type { RoomView } from "./bindings/RoomView";
import type { ActionEntry } from "./bindings/ActionEntry";
import type { ActionLog } from "./bindings/ActionLog";
import type { ActionsExport } from "./bindings/ActionsExport";
import type { YearExport } from "./bindings/YearExport";
import type { ActionUpdate } from "./bindings/ActionUpdate";
import type { ApprovalState } from "./bindings/ApprovalState";
import type { ForwardPlan } from "./bindings/ForwardPlan";
import type { ImportSummary } from "./bindings/ImportSummary";
import type { LogFilter } from "./bindings/LogFilter";
import type { MinutesDecision } from "./bindings/MinutesDecision";
import type { MinutesVersion } from "./bindings/MinutesVersion";
import type { NewActionUpdate } from "./bindings/NewActionUpdate";
import type { ProposedItem } from "./bindings/ProposedItem";
import type { SearchHit } from "./bindings/SearchHit";
import type { CommitteeSettings } from "./bindings/CommitteeSettings";
import type { Committee } from "./bindings/Committee";
import type { ImportKind } from "./bindings/ImportKind";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { Interest } from "./bindings/Interest";
import type { InterestDetails } from "./bindings/InterestDetails";
import type { InterestId } from "./bindings/InterestId";
import type { MemberDetails } from "./bindings/MemberDetails";
import type { MembershipId } from "./bindings/MembershipId";
import type { NilReturn } from "./bindings/NilReturn";
import type { OrganisationDetails } from "./bindings/OrganisationDetails";
import type { Person } from "./bindings/Person";
import type { PersonId } from "./bindings/PersonId";
import type { QuorumPreview } from "./bindings/QuorumPreview";
import type { QuorumRule } from "./bindings/QuorumRule";
import type { RegisterView } from "./bindings/RegisterView";
import type { SetupChoices } from "./bindings/SetupChoices";
import type { CalendarSummary } from "./bindings/CalendarSummary";
import type { HolidayRegion } from "./bindings/HolidayRegion";
import type { MeetingTimetable } from "./bindings/MeetingTimetable";

/**
 * A command that failed: `code` to branch on, `message` to show, and `details`, the separate
 * problems the message sums up (for `not_ready`, each one that blocks the pack), to list.
 */
/** The codes an error may carry: Boardpack's own (generated from Rust's `ErrorCode`), and
 * `ipc` for a request that never reached it. */
export type Code = ErrorCode | "ipc";

export class CommandError extends Error {
  readonly code: Code;
  readonly details: string[];

  constructor(report: { code: Code; message: string; details?: string[] }) {
    super(report.message);
    this.name = "CommandError";
    this.code = report.code;
    this.details = report.details ?? [];
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

type Args<K extends keyof Commands> = Commands[K]["args"];

/**
 * Calls a desktop command through the generated map (bindings/commands.ts, written from
 * the Rust signatures): its name, its arguments and what it returns are checked by the
 * compiler, so a change on either side shows in `npm run check`.
 */
async function call<K extends keyof Commands>(
  command: K,
  ...args: Args<K> extends Record<string, never> ? [] : [Args<K>]
): Promise<Commands[K]["returns"]> {
  try {
    return await invoke<Commands[K]["returns"]>(command, args[0]);
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

// The meeting page: agenda and readiness (src-tauri/src/commands/agenda.rs).

/** A meeting's agenda: numbered, timed, with leads and lettered papers. */
export const meetingAgenda = (meeting_id: MeetingId): Promise<AgendaView> =>
  call("meeting_agenda", { meeting_id });

/** Everything that stands between the agenda and an issued pack, blocking first. */
export const meetingReadiness = (meeting_id: MeetingId): Promise<ReadinessReport> =>
  call("meeting_readiness", { meeting_id });

export const addItem = (item: NewItem): Promise<AgendaItem> => call("add_item", { item });

/** Saves an item's details; its place changes only through {@link moveItem}. */
export const updateItem = (item: AgendaItem): Promise<AgendaItem> => call("update_item", { item });

export const moveItem = (id: AgendaItemId, to: Move): Promise<void> => call("move_item", { id, to });

export const moveItemToMeeting = (id: AgendaItemId, meeting_id: MeetingId): Promise<void> =>
  call("move_item_to_meeting", { id, meeting_id });

/** Deletes an item; one with papers or sub-items only when `with_papers` is true. */
export const deleteItem = (id: AgendaItemId, with_papers: boolean): Promise<void> =>
  call("delete_item", { id, with_papers });

// Papers (src-tauri/src/commands/papers.rs).

/** Adds a paper; the answer lists other papers whose letters that changed. */
export const addPaper = (paper: NewPaper): Promise<PaperSaved> => call("add_paper", { paper });

export const getPaper = (id: PaperId): Promise<Paper> => call("get_paper", { id });

/** Attaches the PDF at `file` as the paper's document (the old one goes to its history). */
export const attachDocument = (id: PaperId, file: string): Promise<Paper> =>
  call("attach_document", { id, file });

export const addAppendix = (id: PaperId, file: string, title: string): Promise<Paper> =>
  call("add_appendix", { id, file, title });

/** Removes the appendix at 0-based `index`. */
export const removeAppendix = (id: PaperId, index: number): Promise<Paper> =>
  call("remove_appendix", { id, index });

/** Saves a paper; the answer lists other papers whose letters that changed. */
export const updatePaper = (edit: PaperEdit): Promise<PaperSaved> => call("update_paper", { edit });

export const deletePaper = (id: PaperId): Promise<void> => call("delete_paper", { id });

// Organisations, objectives and risk registers (src-tauri/src/commands/risks.rs).

export const listOrganisations = (): Promise<Organisation[]> => call("list_organisations");

/** An organisation's risks, BAF first, by reference. */
export const listRisks = (organisation_id: OrganisationId): Promise<Risk[]> =>
  call("list_risks", { organisation_id });

export const addRisk = (risk: NewRisk): Promise<Risk> => call("add_risk", { risk });

export const updateRisk = (risk: Risk): Promise<Risk> => call("update_risk", { risk });

export const listObjectives = (organisation_id: OrganisationId): Promise<Objective[]> =>
  call("list_objectives", { organisation_id });

/** Replaces the objectives in order, each with its heading; `null` id for a new one. */
export const setObjectives = (
  organisation_id: OrganisationId,
  objectives: ObjectiveEntry[],
): Promise<Objective[]> => call("set_objectives", { organisation_id, objectives });

// The board pack (src-tauri/src/pack.rs).

/** Where to offer to save a meeting's pack: "Trust Board 2026-12-03 pack (public).pdf" in Documents. */
export const packDefaultPath = (meeting_id: MeetingId, isPublic: boolean): Promise<string> =>
  call("pack_default_path", { meeting_id, public: isPublic });

/**
 * Builds a meeting's pack into the file `out` (a full path); `onprogress` hears each step
 * while the build runs off the window's thread.
 */
export function exportPack(
  meeting_id: MeetingId,
  isPublic: boolean,
  out: string,
  onprogress: (step: PackProgress) => void,
): Promise<PackReport> {
  const on_progress = new Channel<PackProgress>();
  on_progress.onmessage = onprogress;
  return call("export_pack", { meeting_id, public: isPublic, out, on_progress });
}

// Issuing the pack (src-tauri/src/issue.rs).

/** What changed in the public or full pack since its last issue, and the next version. */
export const packChanges = (meeting_id: MeetingId, isPublic: boolean): Promise<PackChanges> =>
  call("pack_changes", { meeting_id, public: isPublic });

/** The issues of a meeting's packs, public then full, oldest first. */
export const packIssues = (meeting_id: MeetingId): Promise<PackIssue[]> => call("pack_issues", { meeting_id });

/**
 * Issues the pack into `out` (a full path) and records the issue; `force` issues a new
 * version though nothing changed. `onprogress` hears each step of the build.
 */
export function issuePack(
  meeting_id: MeetingId,
  isPublic: boolean,
  out: string,
  force: boolean,
  onprogress: (step: PackProgress) => void,
): Promise<IssueReport> {
  const on_progress = new Channel<PackProgress>();
  on_progress.onmessage = onprogress;
  return call("issue_pack", { meeting_id, public: isPublic, out, force, on_progress });
}

/** Opens a pack (or bulletin) exported in this run in the system's PDF viewer. */
export const openPack = (path: string): Promise<void> => call("open_pack", { path });

// The public bulletin (src-tauri/src/pack.rs) and its wording (src-tauri/src/commands/risks.rs).

/** Where to offer to save a meeting's bulletin: "Trust Board 2026-12-03 bulletin.pdf" in Documents. */
export const bulletinDefaultPath = (meeting_id: MeetingId): Promise<string> =>
  call("bulletin_default_path", { meeting_id });

/** Builds a meeting's public bulletin into the file `out` (a full path). */
export const exportBulletin = (meeting_id: MeetingId, out: string): Promise<BulletinReport> =>
  call("export_bulletin", { meeting_id, out });

/** The organisation that holds a meeting (its bulletin wording with it). */
export const meetingOrganisation = (meeting_id: MeetingId): Promise<Organisation> =>
  call("meeting_organisation", { meeting_id });

/** Sets an organisation's standard bulletin wording; empty goes back to the default. */
export const setBulletinWording = (organisation_id: OrganisationId, wording: string): Promise<Organisation> =>
  call("set_bulletin_wording", { organisation_id, wording });

/** The organisation's own marking for Part 2 papers' pages (empty: the default). */
export const setConfidentialMarking = (organisation_id: OrganisationId, marking: string): Promise<Organisation> =>
  call("set_confidential_marking", { organisation_id, marking });

/** The wording bulletins print when the organisation has not set its own. */
export const defaultBulletinWording = (): Promise<string> => call("default_bulletin_wording");

// In the room: attendance, declarations, live minutes (src-tauri/src/room.rs).

/** The meeting as the minute-taker sees it: attendance, quorum by item, declarations, minutes. */
export const meetingRoom = (meeting_id: MeetingId): Promise<RoomView> => call("meeting_room", { meeting_id });

export const setAttendance = (attendance: MemberAttendance): Promise<void> =>
  call("set_attendance", { attendance });

/** Adds (nil id) or updates someone in attendance who holds no seat. */
export const saveAttendee = (attendee: Attendee): Promise<Attendee> => call("save_attendee", { attendee });

export const removeAttendee = (id: AttendeeId): Promise<void> => call("remove_attendee", { id });

/** Records (nil id) or updates a declaration of interest at an item. */
export const declare = (declaration: Declaration): Promise<Declaration> => call("declare", { declaration });

export const removeDeclaration = (id: DeclarationId): Promise<void> => call("remove_declaration", { id });

/** Saves an item's minute as typed; actions with a nil id come back with one. */
export const saveMinute = (minute: Minute): Promise<Minute> => call("save_minute", { minute });

/** Records when the meeting closed ("HH:MM"; null forgets it). */
export const setMeetingClosed = (meeting_id: MeetingId, at: string | null): Promise<void> =>
  call("set_meeting_closed", { meeting_id, at });

/** The user's Documents folder (their home folder if there is none). */
export const documentsFolder = (): Promise<string> => call("documents_folder");

/** Writes the minutes to `out` (a full path); answers the page count. */
export const exportMinutes = (meeting_id: MeetingId, isPublic: boolean, out: string): Promise<number> =>
  call("export_minutes", { meeting_id, public: isPublic, out });

// Between meetings: the action log, minutes approval, the forward plan, backup
// (src-tauri/src/commands/between.rs).

/** A committee's action log as at today: the open actions, or all of them. */
export const actionLog = (committee_id: CommitteeId, filter: LogFilter): Promise<ActionLog> =>
  call("action_log", { committee_id, filter });

/** The actions a meeting reviews: earlier ones still in hand, and any updated at it. */
export const mattersArising = (meeting_id: MeetingId): Promise<ActionEntry[]> =>
  call("matters_arising", { meeting_id });

/** Records an update (status and note) against an action; closing needs the reason. */
export const updateAction = (update: NewActionUpdate): Promise<ActionUpdate> =>
  call("update_action", { update });

/** Writes the action log to `out`, a full path ending .pdf or .csv. */
export const exportActions = (
  committee_id: CommitteeId,
  filter: LogFilter,
  isPublic: boolean,
  out: string,
): Promise<ActionsExport> => call("export_actions", { committee_id, filter, public: isPublic, out });

/** Writes a committee's year in figures from `from` to `to` (YYYY-MM-DD, both days included)
 *  to `out`, a full path ending .pdf or .csv. */
export const exportYear = (committee_id: CommitteeId, from: string, to: string, out: string): Promise<YearExport> =>
  call("export_year", { committee_id, from, to, out });

/** Which meeting's minutes a "minutes of the previous meeting" item takes, and their versions. */
export const approvalState = (item_id: AgendaItemId): Promise<ApprovalState> =>
  call("approval_state", { item_id });

/** Records the decision on the previous meeting's minutes; approval answers the version kept. */
export const decideMinutes = (decision: MinutesDecision): Promise<MinutesVersion | null> =>
  call("decide_minutes", { decision });

export const forwardPlan = (committee_id: CommitteeId): Promise<ForwardPlan> =>
  call("forward_plan", { committee_id });

/** What the meeting's agenda should have and does not yet. */
export const proposeAgenda = (meeting_id: MeetingId): Promise<ProposedItem[]> =>
  call("propose_agenda", { meeting_id });

export const acceptProposals = (meeting_id: MeetingId, accepted: ProposedItem[]): Promise<AgendaItem[]> =>
  call("accept_proposals", { meeting_id, accepted });

/** Backs up everything to `out` (a full path ending .zip); answers the path written. */
export const backup = (out: string): Promise<string> => call("backup", { out });

/** Restores a backup into this database: all of it, or nothing. */
/**
 * Restores a backup. Without `replace`, records the database holds with other contents are
 * left alone and the call fails with `would_overwrite`, its `details` naming each; the
 * window asks, then calls again with `replace`.
 */
export const restore = (path: string, replace = false): Promise<ImportSummary> =>
  call("restore", { path, replace });
// Search across the archive (src-tauri/src/commands/search.rs).

/**
 * The best `limit` hits for what the user typed, in every meeting: items, papers, the text
 * of attached documents, minutes and actions. Any text is a valid query; an empty one
 * finds nothing.
 */
export const search = (query: string, limit: number): Promise<SearchHit[]> =>
  call("search", { query, limit });

// Setting up and running the organisation: first run and Settings
// (src-tauri/src/commands/setup.rs).

/** Kinds of seat, categories of interest and standing items with their labels; a new committee's defaults. */
export const setupChoices = (): Promise<SetupChoices> => call("setup_choices");

export const createOrganisation = (details: OrganisationDetails): Promise<Organisation> =>
  call("create_organisation", { details });

export const updateOrganisation = (id: OrganisationId, details: OrganisationDetails): Promise<Organisation> =>
  call("update_organisation", { id, details });

/** Sets the logo from the PNG or JPEG at `file` (checked, scaled, stored as PNG). */
export const setLogo = (organisation_id: OrganisationId, file: string): Promise<Organisation> =>
  call("set_logo", { organisation_id, file });

export const removeLogo = (organisation_id: OrganisationId): Promise<Organisation> =>
  call("remove_logo", { organisation_id });

/** The logo as a `data:` URL for an <img>, or "" when there is none. */
export async function organisationLogo(organisation_id: OrganisationId): Promise<string> {
  const bytes = new Uint8Array(await call("organisation_logo", { organisation_id }));
  if (bytes.length === 0) return "";
  let binary = "";
  for (let k = 0; k < bytes.length; k += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  }
  return `data:image/png;base64,${btoa(binary)}`;
}

export const createCommittee = (organisation_id: OrganisationId, settings: CommitteeSettings): Promise<Committee> =>
  call("create_committee", { organisation_id, settings });

export const updateCommittee = (id: CommitteeId, settings: CommitteeSettings): Promise<Committee> =>
  call("update_committee", { id, settings });

/** Retires a committee as of today (its history kept), or reinstates it. */
export const retireCommittee = (id: CommitteeId, retire: boolean): Promise<Committee> =>
  call("retire_committee", { id, retire });

/** The rule in plain English on the committee's voting members today (none for a new one). */
export const quorumPreview = (committee_id: CommitteeId | null, rule: QuorumRule): Promise<QuorumPreview> =>
  call("quorum_preview", { committee_id, rule });

/** Everyone Boardpack knows, to seat someone already on another committee. */
export const listPeople = (): Promise<Person[]> => call("list_people");

export const addMember = (committee_id: CommitteeId, details: MemberDetails): Promise<MemberSummary> =>
  call("add_member", { committee_id, details });

export const updateMember = (id: MembershipId, details: MemberDetails): Promise<MemberSummary> =>
  call("update_member", { id, details });

/** Ends a membership on `to` (YYYY-MM-DD, the last day). */
export const endMember = (id: MembershipId, to: string): Promise<MemberSummary> =>
  call("end_member", { id, to });

/** Sets the committee's own order (every membership once); answers the members in it. */
export const reorderMembers = (committee_id: CommitteeId, order: MembershipId[]): Promise<MemberSummary[]> =>
  call("reorder_members", { committee_id, order });

/** A committee's register of interests for a year, with who has not declared. */
export const committeeRegister = (committee_id: CommitteeId, year: number): Promise<RegisterView> =>
  call("committee_register", { committee_id, year });

export const addInterest = (details: InterestDetails): Promise<Interest> => call("add_interest", { details });

export const updateInterest = (id: InterestId, details: InterestDetails): Promise<Interest> =>
  call("update_interest", { id, details });

/** Ends an entry on `to` (YYYY-MM-DD, the last day it was held). */
export const endInterest = (id: InterestId, to: string): Promise<Interest> => call("end_interest", { id, to });

export const deleteInterest = (id: InterestId): Promise<void> => call("delete_interest", { id });

/** Records a nil return for `year`, made today. */
export const recordNilReturn = (person_id: PersonId, year: number): Promise<NilReturn> =>
  call("record_nil_return", { person_id, year });

export const removeNilReturn = (person_id: PersonId, year: number): Promise<void> =>
  call("remove_nil_return", { person_id, year });

/** What importing the CSV file would do, row by row; saves nothing. */
export const previewImport = (committee_id: CommitteeId, kind: ImportKind, file: string): Promise<ImportPreview> =>
  call("preview_import", { committee_id, kind, file });

/** Imports the CSV file: every row, or nothing if any row has a problem. */
export const runImport = (committee_id: CommitteeId, kind: ImportKind, file: string): Promise<ImportPreview> =>
  call("run_import", { committee_id, kind, file });

/** Where to offer to save a committee's register of interests. */
export const registerDefaultPath = (committee_id: CommitteeId): Promise<string> =>
  call("register_default_path", { committee_id });

/** Writes a committee's register of interests as at today to `out`; answers the pages. */
export const exportRegister = (committee_id: CommitteeId, out: string): Promise<number> =>
  call("export_register", { committee_id, out });

// The timetable (src-tauri/src/commands/timetable.rs).

/** A meeting's timetable: papers due, the pack issued, draft minutes, as they stand today. */
export const meetingTimetable = (meeting_id: MeetingId): Promise<MeetingTimetable> =>
  call("meeting_timetable", { meeting_id });

/** Sets whose bank holidays the organisation's timetables skip. */
export const setHolidayRegion = (organisation_id: OrganisationId, region: HolidayRegion): Promise<Organisation> =>
  call("set_holiday_region", { organisation_id, region });

/** Where to offer to save a committee's calendar (in Documents). */
export const calendarDefaultPath = (committee_id: CommitteeId): Promise<string> =>
  call("calendar_default_path", { committee_id });

/** Writes a committee's meetings and deadlines as an iCalendar (.ics) file. */
export const exportCalendar = (committee_id: CommitteeId, out: string): Promise<CalendarSummary> =>
  call("export_calendar", { committee_id, out });
