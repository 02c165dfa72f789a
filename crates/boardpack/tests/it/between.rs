//! Between meetings: actions carried from meeting to meeting with their history, minutes
//! approved (and then frozen) at the next meeting, and the forward plan proposing the next
//! agenda. All on the demo Trust Board, with two more meetings added after it.

use boardpack::actions::{AsAt, LogFilter, NewActionUpdate};
use boardpack::approval::MinutesDecision;
use boardpack::Boardpack;
use boardpack_core::actions::{ActionStatus, Rag};
use boardpack_core::agenda::StandingKind;
use boardpack_core::forward_plan::ProposalSource;
use boardpack_core::minutes::{Action, Outcome};
use boardpack_core::{ActionId, MeetingId, MeetingStatus, NewMeeting, Session};
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn pdf_text(path: &std::path::Path) -> String {
    super::pdf_text(path, true)
}

/// The demo's December meeting, plus meetings in January and March 2027.
fn three_meetings(app: &Boardpack) -> [MeetingId; 3] {
    let first = app.meetings().unwrap()[0].meeting.clone();
    let add = |date: &str| {
        app.add_meeting(&NewMeeting {
            committee_id: first.committee_id,
            number: None,
            date: date.into(),
            start_time: "09:30".into(),
            end_time: "13:00".into(),
            venue: "Boardroom".into(),
            chair_id: None,
            session: Session::Public,
        })
        .unwrap()
        .id
    };
    [first.id, add("2027-01-07"), add("2027-03-04")]
}

fn update(
    app: &Boardpack,
    action: ActionId,
    status: ActionStatus,
    note: &str,
    at: (NaiveDate, MeetingId),
) {
    app.update_action(&NewActionUpdate {
        action_id: action,
        status,
        note: note.into(),
        date: at.0,
        meeting_id: Some(at.1),
    })
    .unwrap();
}

#[test]
fn actions_are_carried_across_three_meetings_with_their_history() {
    let (dir, app) = super::demo();
    let [dec, jan, mar] = three_meetings(&app);
    let committee = app.meeting(dec).unwrap().meeting.committee_id;

    // December's minutes raised actions; January reviews them all.
    let arising = app.matters_arising(jan, d(2027, 1, 7)).unwrap();
    assert!(
        arising.iter().filter(|e| e.meeting_id == dec).count() >= 3,
        "{arising:?}"
    );
    assert!(arising.iter().all(|e| e.reference.starts_with("TB 26/")));
    // November's actions still in hand come along too; the completed one does not.
    assert!(arising
        .iter()
        .any(|e| e.action.text.contains("escalation-bed staffing")));
    assert!(!arising
        .iter()
        .any(|e| e.action.text.contains("winter communications")));
    let ventilation = arising
        .iter()
        .find(|e| e.action.text.contains("theatre ventilation"))
        .unwrap()
        .clone();
    let escalation = arising
        .iter()
        .find(|e| e.action.text.contains("escalation beds"))
        .unwrap()
        .clone();
    // Due on 17 December: by the January meeting it is overdue, red.
    assert_eq!(ventilation.status, ActionStatus::Overdue);
    assert_eq!(ventilation.rag, Rag::Red);

    update(
        &app,
        ventilation.action.id,
        ActionStatus::Complete,
        "Taken to FIC on 16 December.",
        (d(2027, 1, 7), jan),
    );
    update(
        &app,
        escalation.action.id,
        ActionStatus::AtRisk,
        "Two wards still open; staffing gaps.",
        (d(2027, 1, 7), jan),
    );

    // In January the completed action still shows (it was updated there), with history.
    let arising = app.matters_arising(jan, d(2027, 1, 7)).unwrap();
    let v = arising
        .iter()
        .find(|e| e.action.id == ventilation.action.id)
        .unwrap();
    assert_eq!((v.status, v.rag), (ActionStatus::Complete, Rag::Blue));
    assert_eq!(v.latest_note(), "Taken to FIC on 16 December.");
    // March reviews only what is still in hand.
    let arising = app.matters_arising(mar, d(2027, 3, 4)).unwrap();
    assert!(!arising.iter().any(|e| e.action.id == ventilation.action.id));
    let e = arising
        .iter()
        .find(|e| e.action.id == escalation.action.id)
        .unwrap();
    assert_eq!(
        e.status,
        ActionStatus::Overdue,
        "due 14 January, still at risk in March"
    );

    // Closing needs a reason; with one, the action leaves the open log.
    let err = app
        .update_action(&NewActionUpdate {
            action_id: escalation.action.id,
            status: ActionStatus::Closed,
            note: " ".into(),
            date: d(2027, 3, 4),
            meeting_id: Some(mar),
        })
        .unwrap_err();
    assert!(err.to_string().contains("with a reason"), "{err}");
    update(
        &app,
        escalation.action.id,
        ActionStatus::Closed,
        "Superseded by the winter plan (TB 27/030).",
        (d(2027, 3, 4), mar),
    );
    let open = app
        .action_log(committee, d(2027, 3, 5), LogFilter::Open)
        .unwrap();
    assert!(!open
        .entries
        .iter()
        .any(|e| e.action.id == escalation.action.id));
    let all = app
        .action_log(committee, d(2027, 3, 5), LogFilter::All)
        .unwrap();
    let closed = all
        .entries
        .iter()
        .find(|e| e.action.id == escalation.action.id)
        .unwrap();
    assert_eq!(closed.status, ActionStatus::Closed);
    let statuses: Vec<ActionStatus> = closed.history.iter().map(|u| u.status).collect();
    assert_eq!(statuses, [ActionStatus::AtRisk, ActionStatus::Closed]);

    // Typing in December's minute again keeps the statuses the log recorded, and an action
    // with history cannot be deleted from the minute.
    let room = app.room(dec).unwrap();
    let row = room
        .rows
        .iter()
        .find(|r| {
            r.minute
                .actions
                .iter()
                .any(|a| a.id == escalation.action.id)
        })
        .unwrap();
    let mut minute = row.minute.clone();
    for a in &mut minute.actions {
        a.status = ActionStatus::Open;
    }
    minute.discussion.push_str(" (corrected)");
    let saved = app.save_minute(&minute).unwrap();
    let kept = saved
        .actions
        .iter()
        .find(|a| a.id == escalation.action.id)
        .unwrap();
    assert_eq!(kept.status, ActionStatus::Closed);
    minute.actions.retain(|a| a.id != escalation.action.id);
    let err = app.save_minute(&minute).unwrap_err();
    assert!(
        err.to_string().contains("close it on the action log"),
        "{err}"
    );
    // A new action without history can be added and removed freely.
    minute.actions = saved.actions.clone();
    minute.actions.push(Action {
        id: ActionId(uuid::Uuid::nil()),
        text: "Typed by mistake".into(),
        lead: "JA".into(),
        due: None,
        status: ActionStatus::Open,
    });
    let with_new = app.save_minute(&minute).unwrap();
    assert_eq!(with_new.actions.len(), saved.actions.len() + 1);
    minute.actions = saved.actions.clone();
    app.save_minute(&minute).unwrap();

    // Exports: CSV for spreadsheets, PDF for the pack.
    let csv_path = dir.path().join("actions.csv");
    let report = app
        .export_actions(committee, d(2027, 3, 5), LogFilter::All, false, &csv_path)
        .unwrap();
    assert_eq!(report.actions as usize, all.entries.len());
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert!(csv.starts_with("\u{feff}Minute,Meeting,Meeting date,Item,Action"));
    assert!(csv.contains("Superseded by the winter plan (TB 27/030)."));
    assert!(csv.contains(",Closed,Grey,"));
    assert_eq!(csv.matches("\r\n").count(), all.entries.len() + 1);
    let pdf_path = dir.path().join("actions.pdf");
    let report = app
        .export_actions(committee, d(2027, 3, 5), LogFilter::Open, false, &pdf_path)
        .unwrap();
    assert!(report.pages >= 1);
    let text = pdf_text(&pdf_path);
    assert!(text.contains("Trust Board – action log"), "{text}");
    assert!(text.contains("Circulate the governance"), "{text}");
    assert!(text.contains("Overdue"), "{text}");
    assert!(
        !text.contains("Superseded by the winter plan"),
        "closed actions are not on the open log"
    );
    assert!(
        text.contains("Issue the letter of award"),
        "the private log has private actions"
    );
    let public_path = dir.path().join("public-actions.pdf");
    app.export_actions(committee, d(2027, 3, 5), LogFilter::All, true, &public_path)
        .unwrap();
    let text = pdf_text(&public_path);
    assert!(text.contains("Circulate the governance"), "{text}");
    assert!(
        !text.contains("letter of award"),
        "a private action leaked: {text}"
    );
    assert!(!text.contains("car park"), "a private item leaked: {text}");
    let err = app
        .export_actions(
            committee,
            d(2027, 3, 5),
            LogFilter::Open,
            false,
            &dir.path().join("log.docx"),
        )
        .unwrap_err();
    assert!(err.to_string().contains(".pdf"), "{err}");
}

#[test]
fn approving_minutes_keeps_a_version_and_freezes_them() {
    let (_dir, app) = super::demo();
    let [dec, jan, _mar] = three_meetings(&app);
    let agenda = app.agenda(jan).unwrap();
    let item = agenda
        .rows
        .iter()
        .find(|r| r.item.standing == Some(StandingKind::PreviousMinutes))
        .unwrap()
        .item
        .id;
    let state = app.approval_state(item).unwrap();
    assert_eq!(state.previous.as_ref().map(|m| m.id), Some(dec));
    assert!(state.versions.is_empty());

    // Only the previous-minutes item approves; amendments need their text.
    let other = agenda
        .rows
        .iter()
        .find(|r| r.item.standing.is_none())
        .map(|r| r.item.id);
    if let Some(other) = other {
        let err = app
            .decide_minutes(&MinutesDecision {
                item_id: other,
                outcome: Outcome::Approved,
                amendments: String::new(),
                date: d(2027, 1, 7),
            })
            .unwrap_err();
        assert!(
            err.to_string().contains("not the item for the minutes"),
            "{err}"
        );
    }
    let err = app
        .decide_minutes(&MinutesDecision {
            item_id: item,
            outcome: Outcome::ApprovedWithAmendments,
            amendments: "  ".into(),
            date: d(2027, 1, 7),
        })
        .unwrap_err();
    assert!(
        err.to_string().contains("Say what the amendments are"),
        "{err}"
    );

    let before = app.room(dec).unwrap();
    let version = app
        .decide_minutes(&MinutesDecision {
            item_id: item,
            outcome: Outcome::ApprovedWithAmendments,
            amendments: "Item 7: the deficit is £5.3m, not £5.8m.".into(),
            date: d(2027, 1, 7),
        })
        .unwrap()
        .unwrap();
    assert_eq!(version.version, 1);
    assert!(
        version
            .note
            .starts_with("Approved by the Trust Board on 7 January 2027, minute TB 27/"),
        "{}",
        version.note
    );
    assert!(version
        .note
        .ends_with("with amendments: Item 7: the deficit is £5.3m, not £5.8m."));
    assert_eq!(version.snapshot.items.len(), before.rows.len());
    assert!(version
        .snapshot
        .minutes
        .iter()
        .any(|m| m.discussion.contains("year-to-date deficit")));
    assert_eq!(
        app.meeting(dec).unwrap().meeting.status,
        MeetingStatus::MinutesApproved
    );
    assert_eq!(app.minutes_versions(dec).unwrap(), vec![version.clone()]);

    // The approving minute records the amendment in the words of the seed.
    let jan_room = app.room(jan).unwrap();
    let approving = jan_room.rows.iter().find(|r| r.item.id == item).unwrap();
    assert_eq!(
        approving.minute.outcome,
        Some(Outcome::ApprovedWithAmendments)
    );
    assert!(approving
        .minute
        .discussion
        .contains("approved subject to the following amendment: Item 7"));

    // December is now read-only: minutes, attendance and declarations.
    let mut minute = before
        .rows
        .iter()
        .find(|r| !r.minute.discussion.is_empty())
        .unwrap()
        .minute
        .clone();
    minute.discussion = "Rewritten after approval".into();
    let err = app.save_minute(&minute).unwrap_err();
    assert!(
        err.to_string()
            .contains("were approved on 7 January 2027 and can no longer be changed"),
        "{err}"
    );
    let att = before
        .members
        .iter()
        .find_map(|m| m.attendance.clone())
        .unwrap();
    assert!(app.set_attendance(&att).is_err());
    let decl = before.declarations[0].clone();
    assert!(app.remove_declaration(decl.id).is_err());
    assert_eq!(app.room(dec).unwrap().rows, before.rows, "nothing changed");
    // Approving twice is refused; action updates (the log, not the minutes) still work.
    let err = app
        .decide_minutes(&MinutesDecision {
            item_id: item,
            outcome: Outcome::Approved,
            amendments: String::new(),
            date: d(2027, 1, 8),
        })
        .unwrap_err();
    assert!(
        err.to_string().contains("can no longer be changed"),
        "{err}"
    );
    let action = before
        .rows
        .iter()
        .flat_map(|r| &r.minute.actions)
        .next()
        .unwrap()
        .id;
    update(
        &app,
        action,
        ActionStatus::OnTrack,
        "",
        (d(2027, 1, 7), jan),
    );
}

#[test]
fn the_forward_plan_proposes_the_next_agenda() {
    let (_dir, app) = super::demo();
    let [dec, jan, mar] = three_meetings(&app);
    let committee = app.meeting(dec).unwrap().meeting.committee_id;
    let plan = app.forward_plan(committee).unwrap();
    // The demo's cover sheets schedule papers for January, February, March and April.
    let to_january: Vec<&str> = plan
        .entries
        .iter()
        .filter(|e| e.scheduled_meeting_id == Some(jan))
        .map(|e| e.title.as_str())
        .collect();
    assert!(to_january.len() >= 3, "{to_january:?}");
    // February has no meeting: those papers fall to March.
    assert!(plan
        .entries
        .iter()
        .any(|e| e.due_text.starts_with("February 2027") && e.scheduled_meeting_id == Some(mar)));
    assert!(!plan
        .entries
        .iter()
        .any(|e| e.due_text == "No further paper planned"));

    let proposals = app.propose_agenda(jan, d(2026, 12, 10)).unwrap();
    let from_plan: Vec<&str> = proposals
        .iter()
        .filter(|p| matches!(p.source, ProposalSource::ForwardPlan { .. }))
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(from_plan, to_january);
    // A new meeting already has its standing items, so none is proposed again.
    assert!(!proposals
        .iter()
        .any(|p| matches!(p.source, ProposalSource::Standing { .. })));
    // Private topics stay private.
    for p in &proposals {
        let entry = plan.entries.iter().find(|e| e.title == p.title);
        if let Some(e) = entry {
            assert_eq!(e.session, p.session);
        }
    }

    let before = app.agenda(jan).unwrap().rows.len();
    let view = app.accept_proposals(jan, &proposals).unwrap();
    assert_eq!(view.rows.len(), before + proposals.len());
    for title in &from_plan {
        assert!(view.rows.iter().any(|r| r.item.title == *title));
    }
    // The closing standing items stay last.
    let last = view.rows.iter().rfind(|r| r.slot.depth == 0).unwrap();
    assert!(
        last.item.standing.is_some_and(|s| s.closes()),
        "{:?}",
        last.item.title
    );
    // Accepted topics are on the agenda now: nothing more to propose.
    let again = app.propose_agenda(jan, d(2026, 12, 10)).unwrap();
    assert!(again.is_empty(), "{again:?}");
}

#[test]
fn the_archive_carries_action_history_and_minutes_versions() {
    let (dir, app) = super::demo();
    let [dec, jan, _] = three_meetings(&app);
    let arising: Vec<_> = app
        .matters_arising(jan, d(2027, 1, 7))
        .unwrap()
        .into_iter()
        .filter(|e| e.meeting_id == dec)
        .collect();
    update(
        &app,
        arising[0].action.id,
        ActionStatus::OnTrack,
        "Drafted.",
        (d(2027, 1, 7), jan),
    );
    let item = app
        .agenda(jan)
        .unwrap()
        .rows
        .iter()
        .find(|r| r.item.standing == Some(StandingKind::PreviousMinutes))
        .unwrap()
        .item
        .id;
    app.decide_minutes(&MinutesDecision {
        item_id: item,
        outcome: Outcome::Approved,
        amendments: String::new(),
        date: d(2027, 1, 7),
    })
    .unwrap();
    let out = dir.path().join("backup.zip");
    let archive = app
        .export_archive(&boardpack::ArchiveScope::Everything, &out)
        .unwrap();
    assert_eq!(archive.version, boardpack::archive::VERSION);
    // The demo's November meeting brings three updates and one approved version.
    assert_eq!(archive.action_updates.len(), 4);
    assert_eq!(archive.minutes_versions.len(), 2);

    // Restored on a fresh machine: the same data, and December is still frozen.
    let (_dir2, fresh) = super::fresh();
    fresh.import_archive(&out).unwrap();
    let again = fresh.archive(&boardpack::ArchiveScope::Everything).unwrap();
    assert_eq!(
        again,
        app.archive(&boardpack::ArchiveScope::Everything).unwrap()
    );
    let e = fresh
        .matters_arising(jan, d(2027, 1, 7))
        .unwrap()
        .into_iter()
        .find(|e| e.action.id == arising[0].action.id)
        .unwrap();
    assert_eq!(e.latest_note(), "Drafted.");
    let mut minute = fresh.room(dec).unwrap().rows[3].minute.clone();
    minute.discussion.push('!');
    assert!(fresh.save_minute(&minute).is_err());

    // A meeting's own archive drops what belongs to other meetings but keeps its history.
    let one = app
        .archive(&boardpack::ArchiveScope::Meeting { meeting_id: dec })
        .unwrap();
    assert_eq!(one.minutes_versions.len(), 1);
    assert_eq!(one.minutes_versions[0].approved_at, None);
    assert_eq!(one.action_updates.len(), 1);
    assert_eq!(one.action_updates[0].meeting_id, None);
}

#[test]
fn the_log_as_at_a_date_leaves_out_later_meetings_actions_and_updates() {
    let (dir, app) = super::demo();
    let tb = app.committee_by_code("TB").unwrap().id;
    let first = d(2026, 12, 1);
    let log = app
        .action_log(tb, AsAt::Date(first), LogFilter::All)
        .unwrap();
    // Only November's three actions: December's meeting has not happened.
    assert_eq!(log.entries.len(), 3, "{:?}", log.entries);
    assert!(log.entries.iter().all(|e| e.meeting_date < first));
    assert!(log.entries.iter().all(|e| e.history.is_empty()));
    let comms = log
        .entries
        .iter()
        .find(|e| e.action.text.contains("winter communications"))
        .unwrap();
    assert_eq!(
        comms.status,
        ActionStatus::Overdue,
        "due 27 November; reported complete only on 3 December"
    );
    // Today's log (a bare date) still has everything recorded.
    let now = app.action_log(tb, first, LogFilter::All).unwrap();
    let december = app
        .meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.meeting.date == d(2026, 12, 3))
        .unwrap()
        .meeting
        .id;
    let raised_in_december: usize = app
        .room(december)
        .unwrap()
        .rows
        .iter()
        .map(|r| r.minute.actions.len())
        .sum();
    assert!(raised_in_december > 0);
    assert_eq!(now.entries.len(), 3 + raised_in_december);

    let pdf = dir.path().join("log.pdf");
    let report = app
        .export_actions(tb, AsAt::Date(first), LogFilter::All, false, &pdf)
        .unwrap();
    assert_eq!(report.actions, 3);
    let text = pdf_text(&pdf);
    assert!(
        text.contains("Trust Board – action log (all actions), as at 1 Dec 2026"),
        "{text}"
    );
    for gone in [
        "TB 26/014",
        "Circulate the governance",
        "Published on 20 November",
        "Complete",
    ] {
        assert!(
            !text.contains(gone),
            "{gone:?} is after 1 December:\n{text}"
        );
    }
    // Dates print short and whole on one line.
    for date in ["5 Nov 2026", "27 Nov 2026", "31 Jan 2027"] {
        assert!(text.contains(date), "{date}:\n{text}");
    }
    assert!(!text.contains("November 2026"), "{text}");
    let (pages, author) = super::register::pages_and_author(&pdf);
    assert!(pages.iter().all(|(w, h)| w > h), "landscape: {pages:?}");
    assert_eq!(author, "Riverside University Hospitals NHS Trust");

    // On the day of the meeting its actions and updates count.
    let csv = dir.path().join("log.csv");
    app.export_actions(tb, AsAt::Date(d(2026, 12, 3)), LogFilter::All, false, &csv)
        .unwrap();
    let csv = std::fs::read_to_string(&csv).unwrap();
    assert!(csv.contains("Circulate the governance"), "{csv}");
    assert!(
        csv.contains(",Complete,Blue,Published on 20 November"),
        "{csv}"
    );
}

#[test]
fn a_log_of_everything_recorded_is_dated_no_earlier_than_what_it_lists() {
    let (_dir, app) = super::demo();
    let tb = app.committee_by_code("TB").unwrap().id;
    // On 1 December the demo already holds December's minutes (the meeting is minuted
    // ahead of its day): the log of everything recorded lists them, so it is as at 3
    // December, not "as at 1 December".
    let log = app.action_log(tb, d(2026, 12, 1), LogFilter::All).unwrap();
    assert!(log.entries.iter().any(|e| e.meeting_date == d(2026, 12, 3)));
    assert_eq!(log.as_at, d(2026, 12, 3));
    // Later than everything recorded, it is as at that day; as at a date, that date.
    let later = app.action_log(tb, d(2027, 2, 1), LogFilter::All).unwrap();
    assert_eq!(later.as_at, d(2027, 2, 1));
    let cut = app
        .action_log(tb, AsAt::Date(d(2026, 12, 1)), LogFilter::All)
        .unwrap();
    assert_eq!(cut.as_at, d(2026, 12, 1));
}
