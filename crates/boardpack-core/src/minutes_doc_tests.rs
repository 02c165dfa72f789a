//! Tests of the minutes as a document and of their readiness list ([`super`]): laid out
//! with the engine and read back as text and positions.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveTime};
use uuid::Uuid;

use super::*;
use crate::agenda::{schedule, Lead, Purpose};
use crate::attendance::quorum_through;
use crate::ids::{
    ActionId, AttendeeId, CommitteeId, DeclarationId, MeetingId, MembershipId, OrganisationId,
    PersonId,
};
use crate::interests::DeclarationAction;
use crate::minutes::{Action, Outcome};
use crate::{MinuteRefPattern, QuorumRule};

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn t(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}

struct World {
    organisation: Organisation,
    committee: Committee,
    meeting: Meeting,
    people: Vec<Person>,
    members: Vec<Membership>,
    attendance: Vec<MemberAttendance>,
    attendees: Vec<Attendee>,
    items: Vec<AgendaItem>,
    minutes: Vec<Minute>,
    declarations: Vec<Declaration>,
    letters: BTreeMap<AgendaItemId, Vec<String>>,
    approval: Option<MinutesApproval>,
    closed_at: Option<NaiveTime>,
}

/// (name, initials, role, kind, position): listed out of the committee's order and out
/// of alphabetical order on purpose.
const PEOPLE: &[(&str, &str, &str, MemberKind, u32)] = &[
    (
        "Zoe Adams",
        "ZA",
        "Chief Executive",
        MemberKind::ExecutiveDirector,
        1,
    ),
    (
        "Bridget Okafor",
        "BO",
        "Non-Executive Director",
        MemberKind::NonExecutiveDirector,
        3,
    ),
    (
        "Dame Helen Marsh",
        "HM",
        "Trust Chair",
        MemberKind::Chair,
        5,
    ),
    (
        "Sarah Whitfield",
        "SW",
        "Chief Financial Officer",
        MemberKind::ExecutiveDirector,
        2,
    ),
    (
        "Martin Hughes",
        "MH",
        "Non-Executive Director",
        MemberKind::NonExecutiveDirector,
        4,
    ),
    (
        "Kirsty Lamb",
        "KL",
        "Director of Estates",
        MemberKind::InAttendance,
        6,
    ),
];

fn world() -> World {
    let organisation = Organisation {
        id: OrganisationId(id(1)),
        name: "Riverside University Hospitals NHS Trust".into(),
        short_name: "RUH".into(),
        bulletin_wording: String::new(),
        confidential_marking: String::new(),
        holiday_region: Default::default(),
        language: crate::model::DEFAULT_LANGUAGE.into(),
        logo: None,
    };
    let committee = Committee {
        id: CommitteeId(id(2)),
        organisation_id: organisation.id,
        name: "Trust Board".into(),
        code: "TB".into(),
        minute_ref_pattern: MinuteRefPattern::new("TB {yy}/{seq:03}").expect("pattern"),
        quorum: QuorumRule::default(),
        paper_deadline_days: 7,
        agenda_verbs: false,
        standing_items: vec![],
        pack_issue_days: 5,
        minutes_due_days: 10,
        numbering: vec![],
        retired_on: None,
    };
    let people: Vec<Person> = PEOPLE
        .iter()
        .enumerate()
        .map(|(k, (name, initials, ..))| Person {
            id: PersonId(id(10 + k as u128)),
            name: (*name).into(),
            initials: (*initials).into(),
            organisation: String::new(),
            phone: String::new(),
            email: String::new(),
        })
        .collect();
    let members = PEOPLE
        .iter()
        .zip(&people)
        .map(|((_, _, role, kind, position), p)| Membership {
            id: MembershipId(id(100 + u128::from(*position))),
            committee_id: committee.id,
            person_id: p.id,
            kind: *kind,
            role: (*role).into(),
            voting: kind.votes_by_default(),
            position: *position,
            from: None,
            to: None,
        })
        .collect();
    let meeting = Meeting {
        id: MeetingId(id(3)),
        committee_id: committee.id,
        number: 142,
        date: NaiveDate::from_ymd_opt(2026, 12, 3).expect("date"),
        start_time: t(9, 30),
        end_time: t(13, 0),
        venue: "Board Room, Riverside House".into(),
        chair_id: Some(people[2].id),
        session: Session::Public,
        status: MeetingStatus::Held,
    };
    let mut w = World {
        organisation,
        committee,
        meeting,
        people,
        members,
        attendance: Vec::new(),
        attendees: Vec::new(),
        items: Vec::new(),
        minutes: Vec::new(),
        declarations: Vec::new(),
        letters: BTreeMap::new(),
        approval: None,
        closed_at: None,
    };
    w.item(
        1,
        "Welcome and apologies",
        Some(StandingKind::WelcomeAndApologies),
    );
    w.item(
        2,
        "Declarations of interest",
        Some(StandingKind::DeclarationsOfInterest),
    );
    w.item(3, "Finance report", None);
    w.item(4, "Award of the car park contract", None);
    w.items[3].session = Session::Private;
    w.items[3].private_reason = "Commercial in confidence".into();
    w.letters.insert(w.items[2].id, vec!["C".into()]);
    w.letters
        .insert(w.items[3].id, vec!["D".into(), "E".into()]);
    w
}

impl World {
    fn item(&mut self, n: u128, title: &str, standing: Option<StandingKind>) {
        self.items.push(AgendaItem {
            id: AgendaItemId(id(200 + n)),
            meeting_id: self.meeting.id,
            parent_id: None,
            position: n as u32,
            title: title.into(),
            purpose: Purpose::Noting,
            lead: Lead::None,
            duration_minutes: 10,
            session: Session::Public,
            private_reason: String::new(),
            confidential: false,
            for_bulletin: false,
            paper_expected: standing.is_none(),
            standing,
        });
    }

    fn person(&self, name: &str) -> PersonId {
        self.people
            .iter()
            .find(|p| p.name == name)
            .expect("a person")
            .id
    }

    /// Everyone present but Martin Hughes, who sent apologies.
    fn record_attendance(&mut self) {
        self.attendance = self
            .people
            .iter()
            .map(|p| MemberAttendance {
                meeting_id: self.meeting.id,
                person_id: p.id,
                presence: if p.name == "Martin Hughes" {
                    Presence::Apologies
                } else {
                    Presence::Present
                },
                deputy: String::new(),
                arrived: None,
                left: None,
                note: String::new(),
            })
            .collect();
    }

    /// Minutes for the finance and car park items, with actions.
    fn record_minutes(&mut self) {
        let action = |n: u128, text: &str, lead: &str| Action {
            id: ActionId(id(300 + n)),
            text: text.into(),
            lead: lead.into(),
            due: NaiveDate::from_ymd_opt(2027, 1, 14),
            status: Default::default(),
        };
        self.minutes = vec![
            Minute {
                item_id: self.items[2].id,
                discussion: "SW presented the month 7 position.".into(),
                outcome: Some(Outcome::Noted),
                amendments: String::new(),
                resolutions: vec!["NOTE the month 7 position.".into()],
                actions: vec![
                    action(1, "Report on the agency spend against the cap", "SW"),
                    action(
                        2,
                        "Bring the theatre ventilation case to the committee",
                        "KL",
                    ),
                ],
            },
            Minute {
                item_id: self.items[3].id,
                discussion: "KL presented the outcome of the tender.".into(),
                outcome: Some(Outcome::Approved),
                amendments: String::new(),
                resolutions: vec!["APPROVE the award of the contract.".into()],
                actions: vec![],
            },
        ];
    }

    fn declare_on_private_item(&mut self) {
        self.declarations.push(Declaration {
            id: DeclarationId(id(400)),
            item_id: self.items[3].id,
            person_id: self.person("Bridget Okafor"),
            interest_id: None,
            text: "director of the preferred bidder".into(),
            action: DeclarationAction::WithdrewFromDecision,
        });
    }

    fn with<R>(&self, public: bool, f: impl FnOnce(&MinutesInput<'_>) -> R) -> R {
        let slots = schedule(&self.items, self.meeting.start_time);
        let private: BTreeSet<AgendaItemId> = self
            .items
            .iter()
            .filter(|i| !crate::pack::included(&self.meeting, i, &self.items, true))
            .map(|i| i.id)
            .collect();
        let items: Vec<(&Slot, &AgendaItem, String)> = slots
            .iter()
            .enumerate()
            .filter_map(|(k, s)| {
                let item = self.items.iter().find(|i| i.id == s.item_id)?;
                (!public || !private.contains(&item.id))
                    .then(|| (s, item, format!("TB 26/{:03}", 9 + k)))
            })
            .collect();
        let quorum = quorum_through(
            &self.committee.quorum,
            &self.members,
            &self.attendance,
            &self.declarations,
            &slots,
            self.meeting.start_time,
        );
        let input = MinutesInput {
            organisation: &self.organisation,
            committee: &self.committee,
            meeting: &self.meeting,
            chair: Some("Dame Helen Marsh"),
            people: &self.people,
            members: &self.members,
            attendance: &self.attendance,
            attendees: &self.attendees,
            items: &items,
            minutes: &self.minutes,
            declarations: &self.declarations,
            quorum: &quorum,
            next_meeting: None,
            public,
            private: &private,
            letters: &self.letters,
            approval: self.approval.as_ref(),
            closed_at: self.closed_at,
            logo: None,
        };
        f(&input)
    }

    /// The minutes laid out as the writer lays them.
    fn laid(&self, public: bool) -> boardpack_pdf::Laid {
        self.with(public, |input| {
            boardpack_pdf::headed_layout(
                minutes_head(input),
                &minutes_title(input),
                minutes_blocks(input),
            )
        })
    }

    fn text(&self, public: bool) -> String {
        flat(&self.laid(public))
    }

    fn check(&self) -> Vec<Problem> {
        self.with(false, minutes_check)
    }
}

/// The laid text in reading order: runs on one line joined as they stand, lines (wrapped
/// or not) by a space, list bullets left out.
fn flat(laid: &boardpack_pdf::Laid) -> String {
    let mut out = String::new();
    for page in &laid.pages {
        let mut last_y = f32::NAN;
        for item in &page.items {
            if let boardpack_pdf::Item::Text(r) = item {
                if r.text == "•" {
                    continue;
                }
                if !out.is_empty() && (r.y - last_y).abs() > 0.5 {
                    out.push(' ');
                }
                out.push_str(&r.text);
                last_y = r.y;
            }
        }
    }
    out
}

#[test]
fn approved_minutes_say_so_with_the_amendments_and_leave_room_to_sign() {
    let mut w = world();
    w.record_attendance();
    w.record_minutes();
    let draft = w.text(false);
    assert!(draft.contains("DRAFT – subject to approval"));
    assert!(!draft.contains("Signed"));
    w.meeting.status = MeetingStatus::MinutesApproved;
    w.approval = Some(MinutesApproval {
        committee: "Trust Board".into(),
        date: NaiveDate::from_ymd_opt(2027, 1, 7).expect("date"),
        reference: "TB 27/004".into(),
        amendments: "Minute TB 26/007: the capital programme is £41.2m, not £42.1m.".into(),
    });
    let approved = w.text(false);
    assert!(!approved.contains("DRAFT"));
    assert!(
        approved.contains("Approved by the Trust Board on 7 January 2027, minute TB 27/004,"),
        "{approved}"
    );
    assert!(approved.contains("the capital programme is £41.2m, not £42.1m."));
    assert!(approved.contains("Signed as a correct record:"));
    assert!(approved.contains("Chair"));
    assert!(approved.contains("Date: ……"));
    // Without amendments the sentence ends at the minute.
    let plain = MinutesApproval {
        amendments: String::new(),
        ..w.approval.clone().expect("approval")
    };
    assert_eq!(
        plain.sentence(),
        "Approved by the Trust Board on 7 January 2027, minute TB 27/004."
    );
}

#[test]
fn without_attendance_the_minutes_judge_no_quorum_and_the_list_says_so() {
    let mut w = world();
    w.record_minutes();
    let text = w.text(false);
    assert!(text.contains("Attendance has not been recorded."));
    assert!(!text.contains("quorate"), "{text}");
    assert!(!text.contains("0 of"), "{text}");
    assert!(!text.contains("Apologies"));
    let problems = w.check();
    assert!(problems
        .iter()
        .any(|p| p.kind == ProblemKind::NoAttendance && p.severity == Severity::Blocking));
    // The welcome item has nothing to say without attendance: it is empty.
    assert!(problems
        .iter()
        .any(|p| p.kind == ProblemKind::EmptyMinute && p.item_id == Some(w.items[0].id)));
    w.record_attendance();
    let text = w.text(false);
    assert!(text.contains("The meeting was confirmed as quorate."));
    assert!(text.contains("Apologies were noted as recorded above."));
    let problems = w.check();
    assert!(!problems.iter().any(|p| p.kind == ProblemKind::NoAttendance));
    assert!(!problems
        .iter()
        .any(|p| p.kind == ProblemKind::EmptyMinute && p.item_id == Some(w.items[0].id)));
}

#[test]
fn public_minutes_send_readers_to_the_private_minutes_for_private_declarations() {
    let mut w = world();
    w.record_attendance();
    w.record_minutes();
    w.declare_on_private_item();
    let public = w.text(true);
    assert!(!public.contains("There were no declarations of interest on the items of business"));
    assert!(public.contains("There were no declarations of interest on the items taken in public."));
    assert!(public.contains(
        "Declarations made on items taken in private are recorded in the private minutes."
    ));
    for secret in ["withdrew", "preferred bidder", "car park"] {
        assert!(!public.contains(secret), "public minutes name {secret:?}");
    }
    assert!(public.contains("The remaining business was taken in private"));
    // The full minutes list it and say nothing of elsewhere.
    let full = w.text(false);
    assert!(full.contains(
        "Bridget Okafor (BO), director of the preferred bidder – withdrew from the decision."
    ));
    assert!(!full.contains("recorded in the private minutes"));
    // Without any declaration both say there were none.
    w.declarations.clear();
    assert!(w
        .text(true)
        .contains("There were no declarations of interest on the items of business."));
}

#[test]
fn minutes_with_private_business_are_confidential_and_in_two_parts() {
    let mut w = world();
    // A public item after the private one still belongs to Part 1.
    w.item(5, "Any other business", None);
    w.with(false, |input| {
        assert_eq!(minutes_marking(input).as_deref(), Some(CONFIDENTIAL));
        assert_eq!(
            minutes_title(input),
            "Minutes of the Trust Board meeting held in public and in private"
        );
    });
    w.with(true, |input| {
        assert_eq!(minutes_marking(input), None);
        assert_eq!(
            minutes_title(input),
            "Minutes of the Trust Board meeting held in public"
        );
    });
    let full = w.text(false);
    let part1 = full
        .find("Part 1: business held in public")
        .expect("part 1");
    let part2 = full
        .find("Part 2: business taken in private")
        .expect("part 2");
    let finance = full.find("Finance report").expect("finance");
    let contract = full.find("Award of the car park").expect("contract");
    assert!(part1 < finance && finance < part2 && part2 < contract);
    let other = full.find("Any other business").expect("AOB");
    assert!(finance < other && other < part2, "{full}");
    assert!(full.contains(
        "resolved that representatives of the press and other members of the public be excluded"
    ));
    // A meeting held in private: minutes held in private, confidential, in one part.
    let mut private = world();
    private.meeting.session = Session::Private;
    private.with(false, |input| {
        assert_eq!(
            minutes_title(input),
            "Minutes of the Trust Board meeting held in private"
        );
        assert_eq!(minutes_marking(input).as_deref(), Some(CONFIDENTIAL));
    });
    assert!(!private.text(false).contains("Part 2"));
    // Nothing private: not confidential.
    let mut open = world();
    open.items[3].session = Session::Public;
    open.with(false, |input| assert_eq!(minutes_marking(input), None));
    // The organisation's own wording, as its confidential papers carry it.
    let mut own = world();
    own.organisation.confidential_marking = "  OFFICIAL-SENSITIVE: not for publication ".into();
    own.with(false, |input| {
        assert_eq!(
            minutes_marking(input).as_deref(),
            Some("OFFICIAL-SENSITIVE: not for publication")
        )
    });
    own.with(true, |input| assert_eq!(minutes_marking(input), None));
}

#[test]
fn the_heading_gives_when_and_where_and_the_minutes_close_at_the_recorded_time() {
    let mut w = world();
    w.record_attendance();
    w.record_minutes();
    let text = w.text(false);
    assert!(text.contains("Date: Thursday 3 December 2026"), "{text}");
    assert!(text.contains("Time: 09:30 to 13:00"));
    assert!(text.contains("Venue: Board Room, Riverside House"));
    assert!(!text.contains("The meeting closed"));
    assert!(w.check().iter().any(|p| p.kind == ProblemKind::NoCloseTime));
    w.closed_at = t(12, 45);
    let laid = w.laid(false);
    let text = flat(&laid);
    assert!(text.contains("Time: 09:30 to 12:45"));
    assert!(text.contains("The meeting closed at 12:45."));
    // It is the last thing the minutes of the items say.
    let closed = text.find("The meeting closed").expect("closed");
    assert!(closed > text.find("APPROVE the award").expect("last resolution"));
    assert!(!w.check().iter().any(|p| p.kind == ProblemKind::NoCloseTime));
    // The public minutes stop where the meeting went into private: they do not close it.
    let public = w.text(true);
    assert!(!public.contains("The meeting closed"));
    assert!(public.contains("The remaining business was taken in private"));
}

#[test]
fn an_items_title_never_ends_a_page_without_its_minute() {
    let mut w = world();
    w.record_attendance();
    w.items[3].session = Session::Public;
    for n in 5..14 {
        // Titles long enough to take two lines, which alone could stand before a break.
        w.item(
            n,
            &format!(
                "Report number {n} on the progress of the programme of work agreed by the Board"
            ),
            None,
        );
    }
    let mut checked = 0;
    for extra in 0..10 {
        w.minutes = w
            .items
            .iter()
            .skip(2)
            .enumerate()
            .map(|(k, i)| Minute {
                item_id: i.id,
                discussion: std::iter::repeat_n(
                    "- A point raised in discussion of the report.",
                    3 + (k + extra) % 6,
                )
                .collect::<Vec<_>>()
                .join("\n"),
                outcome: Some(Outcome::Noted),
                amendments: String::new(),
                resolutions: vec!["NOTE the report.".into()],
                actions: vec![],
            })
            .collect();
        let laid = w.laid(false);
        for page in &laid.pages[..laid.pages.len() - 1] {
            let lowest = page
                .items
                .iter()
                .filter_map(|i| match i {
                    boardpack_pdf::Item::Text(r) if r.x > 100.0 && r.x < 400.0 => Some(r),
                    _ => None,
                })
                .max_by(|a, b| a.y.total_cmp(&b.y))
                .expect("text");
            assert!(
                !w.items.iter().any(|i| i.title.contains(lowest.text.trim())),
                "a page ends on the title {:?}",
                lowest.text
            );
            checked += 1;
        }
    }
    assert!(checked > 10);
}

#[test]
fn people_are_listed_chair_first_in_the_committees_order_with_initials() {
    let mut w = world();
    w.record_attendance();
    w.attendees.push(Attendee {
        id: AttendeeId(id(500)),
        meeting_id: w.meeting.id,
        name: "Dr Femi Oduya".into(),
        initials: "FO".into(),
        role: "Clinical Director".into(),
        note: "For item 3".into(),
        items: vec![],
        minute_taker: false,
    });
    let text = w.text(false);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing: {text}"))
    };
    // The chair first (position 5), then by position; not by name.
    let order = [
        "Dame Helen Marsh (HM)",
        "Zoe Adams (ZA)",
        "Sarah Whitfield (SW)",
        "Bridget Okafor (BO)",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{} before {}", pair[0], pair[1]);
    }
    // In attendance and apologies carry initials too.
    assert!(at("Kirsty Lamb (KL)") > at("Bridget Okafor (BO)"));
    assert!(text.contains("Dr Femi Oduya (FO)"));
    assert!(text.contains("Martin Hughes (MH), Non-Executive Director"));
    // A chair from another seat is marked in the chair.
    w.meeting.chair_id = Some(w.person("Bridget Okafor"));
    let text = w.text(false);
    assert!(text.find("Bridget Okafor (BO)") < text.find("Dame Helen Marsh (HM)"));
    assert!(text.contains("In the chair"));
}

#[test]
fn minutes_cite_papers_and_put_each_lead_beside_its_action() {
    let mut w = world();
    w.record_attendance();
    w.record_minutes();
    let laid = w.laid(false);
    let runs: Vec<&boardpack_pdf::TextRun> = laid
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            boardpack_pdf::Item::Text(r) => Some(r),
            _ => None,
        })
        .collect();
    let text = flat(&laid);
    assert!(text.contains(" (Paper C)"), "{text}");
    assert!(text.contains(" (Papers D and E)"));
    let y_of = |needle: &str| {
        runs.iter()
            .find(|r| r.text.contains(needle))
            .map(|r| r.y)
            .unwrap_or_else(|| panic!("{needle} missing"))
    };
    let lead_at = |lead: &str| {
        runs.iter()
            .filter(|r| r.text == lead && r.x > 400.0)
            .map(|r| r.y)
            .collect::<Vec<_>>()
    };
    // Each lead stands level with its own action, in a cell of its own.
    assert_eq!(lead_at("SW"), vec![y_of("Report on the agency spend")]);
    assert_eq!(lead_at("KL"), vec![y_of("Bring the theatre ventilation")]);
    assert!(!text.contains("SW, KL"));
}

#[test]
fn every_item_has_a_bookmark_and_empty_minutes_are_flagged() {
    let mut w = world();
    w.record_attendance();
    w.record_minutes();
    let laid = w.laid(false);
    let titles: Vec<String> = laid.outline(2).into_iter().map(|e| e.title).collect();
    for (k, item) in w.items.iter().enumerate() {
        let title = format!("TB 26/{:03} {}", 9 + k, item.title);
        assert!(titles.contains(&title), "{title} not in {titles:?}");
    }
    // Every item here has a minute (the standing items speak for themselves).
    let problems = w.check();
    assert!(
        !problems.iter().any(|p| p.kind == ProblemKind::EmptyMinute),
        "{problems:?}"
    );
    w.minutes.remove(1);
    let problems = w.check();
    let empty: Vec<&Problem> = problems
        .iter()
        .filter(|p| p.kind == ProblemKind::EmptyMinute)
        .collect();
    assert_eq!(empty.len(), 1);
    assert_eq!(
        empty[0].message,
        "Item 4 (TB 26/012, Award of the car park contract) has no minute: record what was discussed or decided."
    );
}

#[test]
fn an_action_led_by_someone_unknown_is_a_warning_until_they_are_in_attendance() {
    let mut w = world();
    w.record_attendance();
    w.record_minutes();
    w.minutes[0].actions[0].lead = "FO".into();
    let problems = w.check();
    let lead: Vec<&Problem> = problems
        .iter()
        .filter(|p| matches!(p.kind, ProblemKind::ActionLead { .. }))
        .collect();
    assert_eq!(lead.len(), 1);
    assert_eq!(lead[0].severity, Severity::Warning);
    assert!(lead[0]
        .message
        .contains("is led by FO, who is neither a member nor in attendance"));
    w.attendees.push(Attendee {
        id: AttendeeId(id(500)),
        meeting_id: w.meeting.id,
        name: "Dr Femi Oduya".into(),
        initials: "FO".into(),
        role: "Clinical Director".into(),
        note: String::new(),
        items: vec![],
        minute_taker: false,
    });
    assert!(!w
        .check()
        .iter()
        .any(|p| matches!(p.kind, ProblemKind::ActionLead { .. })));
}
