//! The demo: a realistic, fictional NHS trust ("Riverside University Hospitals NHS Trust")
//! with its Trust Board, an Audit Committee and a Trust Board meeting with a full agenda,
//! papers with complete cover sheets and generated multi-page PDFs, strategic objectives
//! and risk registers, so a new user (and every test) has something true-to-life to work
//! on. Ids are fixed, so loading the demo twice changes nothing and prints the same
//! meeting id. Later features add their data here (attendance, minutes, the bulletin: two
//! public items for noting marked for it, and a private item marked by mistake, which the
//! bulletin must leave out).

mod papers;

mod history;

use chrono::NaiveDate;
use chrono::NaiveTime;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use boardpack_core::{
    Committee, CommitteeId, Meeting, MeetingId, MeetingStatus, MemberKind, Membership,
    MembershipId, MinuteRefPattern, Organisation, OrganisationId, Person, PersonId, QuorumMinimum,
    QuorumRule, Session,
};

use boardpack_core::model::default_standing_items;

use boardpack_core::agenda::{AgendaItem, Lead, Purpose, StandingKind};
use boardpack_core::paper::{
    Answer, Attachment, CoverSheet, NextPaper, Objective, Paper, PreviousConsideration, RiskLinks,
};
use boardpack_core::risk::{Risk, RiskRegister};
use boardpack_core::{AgendaItemId, ObjectiveId, PaperId, RiskId};

use crate::error::{Error, Result};
use crate::store::{
    agenda as a, blobs as b, committees as c, meetings as m, papers as p, risks as r,
};
use crate::{BlobRef, Boardpack};

/// A fixed UUID v7 for a demo record: a fixed timestamp (1 January 2026) and bits taken
/// from a hash of the record's label.
fn demo_id(label: &str) -> Uuid {
    let hash = Sha256::digest(label.as_bytes());
    let mut counter = [0u8; 10];
    counter.copy_from_slice(&hash[..10]);
    uuid::Builder::from_unix_timestamp_millis(1_767_225_600_000, &counter).into_uuid()
}

/// The demo Trust Board's members: name, initials, role, kind. Each has a telephone number
/// from Ofcom's range for drama (0161 496 0000 to 0999), which no real line uses.
const BOARD: &[(&str, &str, &str, MemberKind)] = &[
    ("Dame Helen Marsh", "HM", "Trust Chair", MemberKind::Chair),
    (
        "John Adeyemi",
        "JAd",
        "Chief Executive",
        MemberKind::ExecutiveDirector,
    ),
    (
        "Sarah Whitfield",
        "SW",
        "Chief Financial Officer",
        MemberKind::ExecutiveDirector,
    ),
    (
        "Dr Rajesh Patel",
        "RP",
        "Medical Director",
        MemberKind::ExecutiveDirector,
    ),
    (
        "Carol Fenwick",
        "CF",
        "Chief Nurse",
        MemberKind::ExecutiveDirector,
    ),
    (
        "Darren Leigh",
        "DL",
        "Chief Operating Officer",
        MemberKind::ExecutiveDirector,
    ),
    (
        "Hazel Brennan",
        "HB",
        "Director of People and Organisational Development",
        MemberKind::ExecutiveDirector,
    ),
    (
        "Colonel (Retd) Ian Crowe",
        "IC",
        "Non-Executive Director",
        MemberKind::NonExecutiveDirector,
    ),
    (
        "Professor Aisha Rahman",
        "AR",
        "Non-Executive Director (University of Northbridge)",
        MemberKind::NonExecutiveDirector,
    ),
    (
        "Tim O’Neill",
        "TO'N",
        "Non-Executive Director and Audit Committee Chair",
        MemberKind::NonExecutiveDirector,
    ),
    (
        "Bridget Okafor",
        "BO",
        "Non-Executive Director",
        MemberKind::NonExecutiveDirector,
    ),
    (
        "Martin Hughes",
        "MH",
        "Non-Executive Director",
        MemberKind::NonExecutiveDirector,
    ),
    (
        "Stephen Ward",
        "SWa",
        "Director of Corporate and Legal Affairs",
        MemberKind::InAttendance,
    ),
    (
        "Louise Grant",
        "LG",
        "Director of Strategy and Communications",
        MemberKind::InAttendance,
    ),
    (
        "Kirsty Lamb",
        "KL",
        "Director of Estates and Facilities",
        MemberKind::InAttendance,
    ),
    (
        "Hannah Rowe",
        "HR",
        "Corporate and Committee Services Officer",
        MemberKind::Secretary,
    ),
];

/// Audit Committee: (member's name as on the board, role, kind).
const AUDIT: &[(&str, &str, MemberKind)] = &[
    ("Tim O’Neill", "Committee Chair", MemberKind::Chair),
    (
        "Bridget Okafor",
        "Non-Executive Director",
        MemberKind::NonExecutiveDirector,
    ),
    (
        "Martin Hughes",
        "Non-Executive Director",
        MemberKind::NonExecutiveDirector,
    ),
    (
        "Sarah Whitfield",
        "Chief Financial Officer",
        MemberKind::InAttendance,
    ),
    (
        "Stephen Ward",
        "Director of Corporate and Legal Affairs",
        MemberKind::InAttendance,
    ),
    (
        "Hannah Rowe",
        "Corporate and Committee Services Officer",
        MemberKind::Secretary,
    ),
];

impl Boardpack {
    /// Loads the demo trust, its committees and the Trust Board meeting; returns that
    /// meeting's id. Loading it again changes nothing. Its papers' text is searchable.
    pub fn load_demo(&self) -> Result<MeetingId> {
        let meeting_id = self.load_demo_records()?;
        self.read_tagged()?;
        self.index_files()?;
        Ok(meeting_id)
    }

    fn load_demo_records(&self) -> Result<MeetingId> {
        let meeting_id = MeetingId(demo_id("meeting/TB/142"));
        self.store.write(|tx| {
            if m::meeting(tx, meeting_id)?.is_some() {
                return Ok(meeting_id);
            }
            let org = Organisation {
                id: OrganisationId(demo_id("organisation")),
                name: "Riverside University Hospitals NHS Trust".into(),
                short_name: "RUH".into(),
                bulletin_wording: String::new(),
                confidential_marking: String::new(),
                holiday_region: Default::default(),
                language: boardpack_core::model::DEFAULT_LANGUAGE.into(),
                logo: None,
            };
            c::upsert_organisation(tx, &org)?;
            let board = Committee {
                id: CommitteeId(demo_id("committee/TB")),
                organisation_id: org.id,
                name: "Trust Board".into(),
                code: "TB".into(),
                minute_ref_pattern: MinuteRefPattern::new("TB {yy}/{seq:03}")?,
                quorum: QuorumRule::default(),
                // The timetable in working days: papers by Wednesday 25 November and the
                // pack by Thursday 26 November for the meeting of Thursday 3 December.
                paper_deadline_days: 6,
                agenda_verbs: false,
                standing_items: default_standing_items(),
                pack_issue_days: 4,
                minutes_due_days: 10,
                numbering: Vec::new(),
                retired_on: None,
            };
            let audit = Committee {
                id: CommitteeId(demo_id("committee/AC")),
                organisation_id: org.id,
                name: "Audit Committee".into(),
                code: "AC".into(),
                minute_ref_pattern: MinuteRefPattern::new("AC/{yy}/{seq:02}")?,
                quorum: QuorumRule {
                    minimum: QuorumMinimum::Fixed { members: 2 },
                    min_executive: 0,
                    min_non_executive: 2,
                    deputies_count: false,
                },
                paper_deadline_days: 8,
                agenda_verbs: true,
                standing_items: default_standing_items(),
                pack_issue_days: 4,
                minutes_due_days: 10,
                numbering: Vec::new(),
                retired_on: None,
            };
            for committee in [&board, &audit] {
                if c::committee_by_code(tx, &committee.code)?.is_some() {
                    return Err(Error::Conflict(format!(
                        "This database already has a committee with the code {}, so the demo cannot be loaded into it. Load the demo into a new database (--db).",
                        committee.code
                    )));
                }
                c::upsert_committee(tx, committee)?;
            }
            let mut people = Vec::new();
            for (k, (name, initials, role, kind)) in BOARD.iter().enumerate() {
                let person = Person {
                    id: PersonId(demo_id(&format!("person/{name}"))),
                    name: (*name).into(),
                    initials: (*initials).into(),
                    organisation: String::new(),
                    phone: format!("0161 496 {:04}", 140 + k),
                    email: String::new(),
                };
                c::upsert_person(tx, &person)?;
                c::upsert_membership(
                    tx,
                    &Membership {
                        id: MembershipId(demo_id(&format!("membership/TB/{name}"))),
                        committee_id: board.id,
                        person_id: person.id,
                        kind: *kind,
                        role: (*role).into(),
                        voting: kind.votes_by_default(),
                        position: k as u32,
                        from: None,
                        to: None,
                    },
                )?;
                people.push(person);
            }
            for (k, (name, role, kind)) in AUDIT.iter().enumerate() {
                let person = people
                    .iter()
                    .find(|p| p.name == *name)
                    .ok_or_else(|| Error::Conflict(format!("demo member {name} missing")))?;
                c::upsert_membership(
                    tx,
                    &Membership {
                        id: MembershipId(demo_id(&format!("membership/AC/{name}"))),
                        committee_id: audit.id,
                        person_id: person.id,
                        kind: *kind,
                        role: (*role).into(),
                        voting: kind.votes_by_default(),
                        position: k as u32,
                        from: None,
                        to: None,
                    },
                )?;
            }
            let at = |h, min| NaiveTime::from_hms_opt(h, min, 0);
            let chair = people.first().map(|p| p.id);
            let meeting = Meeting {
                id: meeting_id,
                committee_id: board.id,
                number: 142,
                date: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default(),
                start_time: at(9, 30),
                end_time: at(13, 0),
                venue: "Board Room, Level 1, Riverside House, Riverside Road, Northbridge NB1 4RH"
                    .into(),
                chair_id: chair,
                session: Session::Public,
                status: MeetingStatus::Planning,
            };
            m::upsert_meeting(tx, &meeting)?;
            self.load_demo_agenda(tx, &org, &board, &meeting, &people)?;
            load_demo_room(tx, &meeting, &people)?;
            history::load_previous_meeting(tx, &board, &meeting)?;
            Ok(meeting_id)
        })
    }
}

/// The demo meeting in the room: attendance (with apologies, a late arrival and an
/// officer in attendance for one item), the register of interests, a declaration that
/// leads to a withdrawal from the decision on the car park contract, and minutes with
/// resolutions and actions.
fn load_demo_room(
    tx: &rusqlite::Transaction<'_>,
    meeting: &Meeting,
    people: &[Person],
) -> Result<()> {
    use crate::store::room as rm;
    use boardpack_core::attendance::{Attendee, MemberAttendance, Presence};
    use boardpack_core::interests::{Declaration, DeclarationAction, Interest, InterestCategory};
    use boardpack_core::minutes::{Action, Minute, Outcome};
    use boardpack_core::{ActionId, AttendeeId, DeclarationId, InterestId};

    let id_of = |name: &str| people.iter().find(|p| p.name == name).map(|p| p.id);
    let item = |label: &str| AgendaItemId(demo_id(&format!("item/{label}")));
    for p in people {
        let (presence, arrived, note) = match p.name.as_str() {
            "Martin Hughes" | "Professor Aisha Rahman" => (Presence::Apologies, None, ""),
            "Darren Leigh" => (Presence::Present, NaiveTime::from_hms_opt(10, 0, 0), ""),
            _ => (Presence::Present, None, ""),
        };
        rm::upsert_attendance(
            tx,
            &MemberAttendance {
                meeting_id: meeting.id,
                person_id: p.id,
                presence,
                deputy: String::new(),
                arrived,
                left: None,
                note: note.into(),
            },
        )?;
    }
    let winter = item("Winter plan 2026/27");
    rm::upsert_attendee(
        tx,
        &Attendee {
            id: AttendeeId(demo_id("attendee/oduya")),
            meeting_id: meeting.id,
            name: "Dr Femi Oduya".into(),
            initials: "FO".into(),
            role: "Clinical Director, Emergency and Specialist Medicine".into(),
            note: "For item 11.1".into(),
            items: vec![AgendaItemId(demo_id(
                "item/Winter plan 2026/27/Urgent and emergency care",
            ))],
            minute_taker: false,
        },
    )?;
    // The register as the annual declarations in April left it, with one interest declared
    // in the year; everyone else made a nil return.
    let date = |m, d| NaiveDate::from_ymd_opt(2026, m, d);
    let interests = [
        (
            "Bridget Okafor",
            InterestCategory::Financial,
            "Non-executive director and shareholder",
            "Calder Construction Ltd",
            &["car park", "decking"][..],
            NaiveDate::from_ymd_opt(2024, 4, 1),
            date(4, 7),
            "Takes no part in the discussion of, or decisions on, contracts with Calder Construction Ltd, and does not receive the papers for them.",
        ),
        (
            "Professor Aisha Rahman",
            InterestCategory::NonFinancialProfessional,
            "Pro-Vice-Chancellor for Health",
            "University of Northbridge",
            &[][..],
            NaiveDate::from_ymd_opt(2023, 9, 1),
            date(4, 7),
            "Declares the interest when the Board considers the University's research partnership or education contracts; takes no part in decisions on them.",
        ),
        (
            "Tim O’Neill",
            InterestCategory::NonFinancialPersonal,
            "Trustee",
            "Northbridge Hospice",
            &[][..],
            NaiveDate::from_ymd_opt(2021, 6, 1),
            date(4, 14),
            "Declares the interest at meetings where end-of-life care services are discussed; no decision-making role in them.",
        ),
        (
            "Dr Rajesh Patel",
            InterestCategory::Indirect,
            "Spouse is a partner at a local GP practice",
            "Riverside Medical Group",
            &["primary care"][..],
            date(6, 1),
            date(6, 10),
            "Takes no part in decisions on primary care services commissioned from, or provided with, Riverside Medical Group.",
        ),
    ];
    for (name, category, description, organisation, keywords, from, declared_on, action) in
        interests
    {
        if let Some(person_id) = id_of(name) {
            rm::upsert_interest(
                tx,
                &Interest {
                    id: InterestId(demo_id(&format!("interest/{name}"))),
                    person_id,
                    category,
                    description: description.into(),
                    organisation: organisation.into(),
                    keywords: keywords.iter().map(|k| k.to_string()).collect(),
                    from,
                    to: None,
                    declared_on,
                    action: action.into(),
                },
            )?;
        }
    }
    let nil_returns = [
        ("Dame Helen Marsh", 7),
        ("John Adeyemi", 7),
        ("Sarah Whitfield", 8),
        ("Carol Fenwick", 7),
        ("Darren Leigh", 9),
        ("Hazel Brennan", 8),
        ("Colonel (Retd) Ian Crowe", 7),
        ("Martin Hughes", 14),
        ("Stephen Ward", 7),
        ("Louise Grant", 10),
        ("Kirsty Lamb", 9),
    ];
    for (name, day) in nil_returns {
        if let (Some(person_id), Some(declared_on)) = (id_of(name), date(4, day)) {
            c::upsert_nil_return(
                tx,
                &boardpack_core::interests::NilReturn {
                    person_id,
                    year: 2026,
                    declared_on,
                },
            )?;
        }
    }
    let contract = item("Award of contract – Riverside car park decking scheme");
    if let Some(okafor) = id_of("Bridget Okafor") {
        rm::upsert_declaration(
            tx,
            &Declaration {
                id: DeclarationId(demo_id("declaration/okafor")),
                item_id: contract,
                person_id: okafor,
                interest_id: Some(InterestId(demo_id("interest/Bridget Okafor"))),
                text: "non-executive director and shareholder of Calder Construction Ltd, the preferred bidder".into(),
                action: DeclarationAction::WithdrewFromDecision,
            },
        )?;
    }
    let action = |label: &str, text: &str, lead: &str, due: (i32, u32, u32)| Action {
        id: ActionId(demo_id(&format!("action/{label}"))),
        text: text.into(),
        lead: lead.into(),
        due: NaiveDate::from_ymd_opt(due.0, due.1, due.2),
        status: Default::default(),
    };
    let minutes = [
        Minute {
            item_id: item("Some(PreviousMinutes)"),
            discussion: "The minutes of the meeting held on 5 November 2026 were approved as an accurate record, subject to one amendment.".into(),
            outcome: Some(Outcome::ApprovedWithAmendments),
            amendments: "Minute TB 26/007: the capital programme is £41.2m, not £42.1m.".into(),
            resolutions: vec!["APPROVE the minutes of the meeting held on 5 November 2026, as amended.".into()],
            actions: vec![],
        },
        Minute {
            item_id: item("Chief Executive's monthly update report"),
            discussion: "JAd presented the report, highlighting the improvement in four-hour performance and the continuing pressure on ambulance handovers.\n- TO'N asked how the rapid-assessment area would be evaluated; DL confirmed a report would come to the January Board.\n- IC welcomed the research funding and asked that the Board receive the study's governance arrangements.\nThe Board noted the Quality and Performance Dashboard at appendix 1.".into(),
            outcome: Some(Outcome::Received),
            amendments: String::new(),
            resolutions: vec!["RECEIVE the report and note the Quality and Performance Dashboard.".into()],
            actions: vec![action("ceo/1", "Circulate the governance arrangements of the respiratory virus study", "RP", (2027, 1, 14))],
        },
        Minute {
            item_id: item("Finance and use of resources report, month 7"),
            discussion: "SW reported a year-to-date deficit of £5.3m against a plan of £4.7m. Members challenged the pace of the agency reduction; HB described the international recruitment programme.".into(),
            outcome: Some(Outcome::Approved),
            amendments: String::new(),
            resolutions: vec!["NOTE the month 7 position.".into(), "APPROVE the recovery actions in section 4 of the report.".into()],
            actions: vec![action("finance/1", "Report progress on closing the escalation beds", "SW", (2027, 1, 14)), action("finance/2", "Bring the revised theatre ventilation case to the Finance and Investment Committee", "KL", (2026, 12, 17))],
        },
        Minute {
            item_id: contract,
            discussion: "Bridget Okafor left the room for this item. KL presented the outcome of the tender for the Riverside car park decking scheme.".into(),
            outcome: Some(Outcome::Approved),
            amendments: String::new(),
            resolutions: vec!["APPROVE the award of the contract to Calder Construction Ltd at £6.85m.".into()],
            actions: vec![action("carpark/1", "Issue the letter of award and agree the construction programme", "KL", (2026, 12, 18))],
        },
        Minute {
            item_id: winter,
            discussion: "DL introduced the winter plan. The Board discussed the staffing of the additional beds and the risk of norovirus outbreaks.".into(),
            outcome: Some(Outcome::Approved),
            amendments: String::new(),
            resolutions: vec!["APPROVE the winter plan 2026/27.".into()],
            actions: vec![],
        },
    ];
    let minute = |item_id: AgendaItemId,
                  discussion: &str,
                  outcome: Outcome,
                  resolutions: &[&str],
                  actions: Vec<Action>| Minute {
        item_id,
        discussion: discussion.into(),
        outcome: Some(outcome),
        amendments: String::new(),
        resolutions: resolutions.iter().map(|r| r.to_string()).collect(),
        actions,
    };
    let more = [
        minute(
            item("Some(ActionLog)"),
            "The Board reviewed the action log. Of the actions from 5 November, the winter communications plan had been published; the escalation-bed staffing model was on track for January, and the agency spend trajectory remained at risk and was covered in the finance report.\n- CF reported that the review of the nurse staffing escalation policy would come to the Quality Committee in January.",
            Outcome::Received,
            &["RECEIVE the action log and note the progress reported."],
            vec![],
        ),
        minute(
            item("Quality and patient safety report"),
            "CF and RP presented the report. Two serious incidents had been declared in October and were being investigated under the Patient Safety Incident Response Framework.\n- Falls with harm had fallen by 22% over twelve months.\n- Influenza vaccination of front-line staff stood at 61%.\n- Complaints had fallen to 58 in October.\nAR, in her absence, had sent a question on screening for deteriorating patients on the wards; RP described the ward-level training now under way.",
            Outcome::Received,
            &["RECEIVE the report and take assurance from the actions described."],
            vec![action("quality/1", "Extend the falls collaborative to the surgical wards and report the results", "CF", (2027, 3, 4))],
        ),
        minute(
            item("People, Process and Performance Committee – chair's report"),
            "BO presented the report of the Committee's meeting on 20 November 2026. The Board noted that sickness absence (4.6%) remained above target and that the Committee had asked for a deep dive into musculoskeletal absence.",
            Outcome::Noted,
            &["NOTE the report."],
            vec![],
        ),
        minute(
            item("Board Assurance Framework 2026/27 – quarter 3 review"),
            "SWa presented the quarter 3 review. PR 3 was reduced from 20 to 16 following the sustained recovery of diagnostic waits; PR 6 was increased from 9 to 12 pending the network replacement programme.\n- TO'N asked that the Audit Committee test the controls on PR 6 at its February meeting.",
            Outcome::Approved,
            &["APPROVE the quarter 3 Board Assurance Framework and the changes to the ratings of PR 3 and PR 6."],
            vec![action("baf/1", "Add a review of the controls on PR 6 to the Audit Committee's February agenda", "SWa", (2027, 2, 11))],
        ),
        minute(
            item("Winter plan 2026/27/Urgent and emergency care"),
            "Dr Femi Oduya joined the meeting for this item and described the rapid-assessment area, same-day emergency care and the 60-place virtual ward, which together avoid an estimated 35 admissions a day.",
            Outcome::Approved,
            &["APPROVE the urgent and emergency care measures of the winter plan."],
            vec![action("winter/uec/1", "Report the rapid-assessment area's first month of results on ambulance handovers", "FO", (2027, 2, 4))],
        ),
        minute(
            item("Winter plan 2026/27/Industrial action contingency"),
            "HB described the contingency plans, which protect emergency, cancer and maternity care during any strike, with consultant cover rotas agreed with clinical directors.",
            Outcome::Approved,
            &["APPROVE the industrial action contingency plans."],
            vec![],
        ),
        minute(
            item("Audit Committee minutes"),
            "TO'N presented the minutes of the Audit Committee meeting held on 12 November 2026, drawing the Board's attention to the two limited-assurance internal audit opinions, on medicines storage on wards and on consultant job planning.",
            Outcome::Noted,
            &["NOTE the minutes of the Audit Committee meeting held on 12 November 2026."],
            vec![],
        ),
        minute(
            item("Some(AnyOtherBusiness)"),
            "There was no other business.",
            Outcome::Noted,
            &[],
            vec![],
        ),
        Minute {
            item_id: item("Some(DateOfNextMeeting)"),
            discussion: "The next meeting will be held on Thursday 7 January 2027 at 09:30 in the Board Room, Level 1, Riverside House.".into(),
            outcome: None,
            amendments: String::new(),
            resolutions: vec![],
            actions: vec![],
        },
    ];
    for m in minutes.iter().chain(&more) {
        rm::upsert_minute(tx, m)?;
    }
    rm::set_closed(tx, meeting.id, NaiveTime::from_hms_opt(12, 50, 0))?;
    Ok(())
}

/// Strategic objectives, as the seeds' cover sheets list them.
/// The organisation's strategic objectives under the headings it groups them by.
const OBJECTIVES: &[(&str, &str)] = &[
    (
        "Our patients",
        "Safe, high quality, patient centred healthcare",
    ),
    ("Our patients", "Effective, integrated emergency care"),
    (
        "Our patients",
        "Consistently meeting national access standards",
    ),
    ("Our patients", "Integrated care in partnership with others"),
    (
        "Our patients",
        "Enhanced delivery in research, innovation and education",
    ),
    ("Our enablers", "A caring, professional, engaged workforce"),
    (
        "Our enablers",
        "Clinically sustainable services with excellent facilities",
    ),
    ("Our enablers", "Financially sustainable NHS organisation"),
    ("Our enablers", "Enabled by excellent IM&T"),
];

/// Risks: register, reference, title, current, target, owner.
const RISKS: &[(RiskRegister, &str, &str, u32, u32, &str)] = &[
    (
        RiskRegister::Baf,
        "PR 1",
        "Failure to deliver safe, high quality care consistently across all services",
        16,
        8,
        "Chief Nurse / Medical Director",
    ),
    (
        RiskRegister::Baf,
        "PR 2",
        "Emergency care demand exceeds the capacity of the trust and its partners",
        20,
        12,
        "Chief Operating Officer",
    ),
    (
        RiskRegister::Baf,
        "PR 3",
        "Failure to meet national access standards for planned care and cancer",
        16,
        9,
        "Chief Operating Officer",
    ),
    (
        RiskRegister::Baf,
        "PR 4",
        "Insufficient workforce to deliver safe and sustainable services",
        16,
        8,
        "Director of People and OD",
    ),
    (
        RiskRegister::Baf,
        "PR 5",
        "Failure to deliver the 2026/27 financial plan",
        20,
        10,
        "Chief Financial Officer",
    ),
    (
        RiskRegister::Baf,
        "PR 6",
        "IM&T infrastructure is not resilient to failure or cyber attack",
        12,
        6,
        "Director of Strategy and Communications",
    ),
    (
        RiskRegister::Operational,
        "3045",
        "There is a risk that ambulance handover delays harm patients waiting to be admitted",
        20,
        9,
        "Emergency and Specialist Medicine CMG",
    ),
    (
        RiskRegister::Operational,
        "3112",
        "There is a risk that theatre ventilation failure cancels elective operations",
        15,
        6,
        "Estates and Facilities",
    ),
    (
        RiskRegister::Operational,
        "3127",
        "There is a risk that paediatric medical staffing gaps delay assessment of children",
        15,
        8,
        "Women's and Children's CMG",
    ),
    (
        RiskRegister::Operational,
        "3150",
        "There is a risk that agency staffing spend exceeds the cap and the financial plan",
        16,
        8,
        "Corporate Finance",
    ),
];

/// One demo item: title, purpose, minutes, lead's name, private reason (empty: public),
/// sub-items (title, minutes, lead), paper (title, author, sponsor, BAF and register refs).
struct DemoItem {
    title: &'static str,
    purpose: Purpose,
    minutes: u32,
    lead: &'static str,
    private_reason: &'static str,
    for_bulletin: bool,
    subs: &'static [(&'static str, u32, &'static str)],
    paper: Option<DemoPaper>,
}

/// A function that writes out a demo paper's text.
type Body = fn() -> Vec<boardpack_pdf::layout::Block>;

struct DemoPaper {
    title: &'static str,
    authors: &'static str,
    sponsor: &'static str,
    purposes: &'static [Purpose],
    baf: &'static [&'static str],
    register: &'static [&'static str],
    context: &'static str,
    question: &'static str,
    conclusion: &'static str,
    body: Body,
    appendix: Option<(&'static str, Body)>,
    next: &'static str,
}

fn substantive_items() -> Vec<DemoItem> {
    use Purpose::*;
    vec![
        DemoItem {
            title: "Chief Executive's monthly update report",
            purpose: Assurance,
            minutes: 20,
            lead: "John Adeyemi",
            private_reason: "",
            for_bulletin: false,
            subs: &[],
            paper: Some(DemoPaper {
                title: "Chief Executive's monthly update report – December 2026",
                authors: "John Adeyemi and Stephen Ward",
                sponsor: "John Adeyemi, Chief Executive",
                purposes: &[Discussion, Assurance],
                baf: &["PR 2", "PR 5"],
                register: &[],
                context: "The Chief Executive's monthly update report to the Trust Board for December 2026 is attached. It includes the Quality and Performance Dashboard for October 2026 at appendix 1, and key issues relating to our strategic objectives and annual priorities.",
                question: "Does the Trust Board have any questions or comments about our performance and plans on the matters set out in the report?",
                conclusion: "The Trust Board is asked to consider and comment upon the issues identified in the report.",
                body: papers::ceo_report,
                appendix: Some(("Appendix 1 – Quality and Performance Dashboard", papers::dashboard)),
                next: "January 2027 Trust Board",
            }),
        },
        DemoItem {
            title: "Quality and patient safety report",
            purpose: Assurance,
            minutes: 20,
            lead: "Carol Fenwick",
            private_reason: "",
            for_bulletin: false,
            subs: &[],
            paper: Some(DemoPaper {
                title: "Quality and patient safety report",
                authors: "Carol Fenwick and Dr Rajesh Patel",
                sponsor: "Carol Fenwick, Chief Nurse",
                purposes: &[Assurance],
                baf: &["PR 1"],
                register: &["3045"],
                context: "The report summarises patient safety, infection prevention, patient experience and maternity for October and November 2026, as reviewed by the Quality Committee.",
                question: "Is the Board assured that the actions described address the risks to quality and safety?",
                conclusion: "The Board is asked to receive the report and take assurance from the actions described.",
                body: papers::quality_report,
                appendix: None,
                next: "February 2027 Trust Board",
            }),
        },
        DemoItem {
            title: "Finance and use of resources report, month 7",
            purpose: Decision,
            minutes: 20,
            lead: "Sarah Whitfield",
            private_reason: "",
            for_bulletin: false,
            subs: &[],
            paper: Some(DemoPaper {
                title: "Finance and use of resources report – month 7",
                authors: "Sarah Whitfield",
                sponsor: "Sarah Whitfield, Chief Financial Officer",
                purposes: &[Decision, Assurance],
                baf: &["PR 5"],
                register: &["3150"],
                context: "At month 7 the trust reports a deficit of £5.3m against a planned deficit of £4.7m. The cost improvement programme of £28.9m is forecast to be delivered.",
                question: "Does the Board approve the recovery actions set out in section 4 of the report?",
                conclusion: "The Board is asked to note the month 7 position and approve the recovery actions.",
                body: papers::finance_report,
                appendix: None,
                next: "January 2027 Trust Board",
            }),
        },
        DemoItem {
            title: "People, Process and Performance Committee – chair's report",
            purpose: Noting,
            minutes: 5,
            lead: "Bridget Okafor",
            private_reason: "",
            for_bulletin: true,
            subs: &[],
            paper: Some(DemoPaper {
                title: "People, Process and Performance Committee – chair's report, 20 November 2026",
                authors: "Bridget Okafor",
                sponsor: "Hazel Brennan, Director of People and OD",
                purposes: &[Noting],
                baf: &["PR 4"],
                register: &[],
                context: "The report sets out the matters the Committee wishes to draw to the Board's attention from its meeting on 20 November 2026.",
                question: "Does the Board wish to raise any matter with the Committee?",
                conclusion: "The Board is asked to note the report.",
                body: papers::committee_report,
                appendix: None,
                next: "January 2027 Trust Board",
            }),
        },
        DemoItem {
            title: "Board Assurance Framework 2026/27 – quarter 3 review",
            purpose: Decision,
            minutes: 15,
            lead: "Stephen Ward",
            private_reason: "",
            for_bulletin: false,
            subs: &[],
            paper: Some(DemoPaper {
                title: "Board Assurance Framework 2026/27 – quarter 3 review",
                authors: "Stephen Ward",
                sponsor: "John Adeyemi, Chief Executive",
                purposes: &[Decision],
                baf: &["PR 1", "PR 2", "PR 3", "PR 4", "PR 5", "PR 6"],
                register: &[],
                context: "The paper presents the quarter 3 review of the principal risks to the trust's strategic objectives, with two changes of rating.",
                question: "Does the Board approve the quarter 3 BAF and the changes to the ratings of PR 3 and PR 6?",
                conclusion: "The Board is asked to approve the quarter 3 Board Assurance Framework.",
                body: papers::baf_report,
                appendix: None,
                next: "March 2027 Trust Board",
            }),
        },
        DemoItem {
            title: "Winter plan 2026/27",
            purpose: Decision,
            minutes: 10,
            lead: "Darren Leigh",
            private_reason: "",
            for_bulletin: false,
            subs: &[
                ("Urgent and emergency care", 10, "Darren Leigh"),
                ("Industrial action contingency", 10, "Hazel Brennan"),
            ],
            paper: Some(DemoPaper {
                title: "Winter plan 2026/27",
                authors: "Darren Leigh",
                sponsor: "Darren Leigh, Chief Operating Officer",
                purposes: &[Decision],
                baf: &["PR 2", "PR 3"],
                register: &["3045"],
                context: "The winter plan sets out how the trust, with its partners, will keep patients safe when demand peaks between December and March.",
                question: "Does the Board approve the winter plan 2026/27?",
                conclusion: "The Board is asked to approve the plan.",
                body: papers::winter_plan,
                appendix: None,
                next: "April 2027 Trust Board (review of winter)",
            }),
        },
        DemoItem {
            title: "Audit Committee minutes",
            purpose: Noting,
            minutes: 5,
            lead: "Tim O’Neill",
            private_reason: "",
            for_bulletin: true,
            subs: &[],
            paper: Some(DemoPaper {
                title: "Audit Committee minutes",
                authors: "Hannah Rowe",
                sponsor: "Tim O’Neill, Audit Committee Chair",
                purposes: &[Noting],
                baf: &["PR 5"],
                register: &[],
                context: "The minutes of the Audit Committee meeting held on 12 November 2026: internal and external audit, counter fraud, losses and special payments, and single tender waivers.",
                question: "Does the Board wish to raise any matter with the Committee?",
                conclusion: "The Board is asked to note the minutes.",
                body: papers::audit_minutes,
                appendix: None,
                next: "February 2027 Trust Board",
            }),
        },
        // Ticked for the bulletin by mistake: being private, it must stay out of it.
        DemoItem {
            title: "Award of contract – Riverside car park decking scheme",
            purpose: Decision,
            minutes: 15,
            lead: "Kirsty Lamb",
            private_reason: "Commercial in confidence: contract negotiations are not concluded (Freedom of Information Act 2000, section 43).",
            for_bulletin: true,
            subs: &[],
            paper: Some(DemoPaper {
                title: "Award of contract – Riverside car park decking scheme",
                authors: "Kirsty Lamb",
                sponsor: "Sarah Whitfield, Chief Financial Officer",
                purposes: &[Decision],
                baf: &["PR 5"],
                register: &[],
                context: "Following a competitive tender, the paper recommends the award of the contract for decking the Riverside visitor car park to Calder Construction Ltd at £6.85m.",
                question: "Does the Board approve the award of the contract?",
                conclusion: "The Board is asked to approve the award.",
                body: papers::car_park_contract,
                appendix: None,
                next: "No further paper planned",
            }),
        },
    ]
}

impl Boardpack {
    /// Fills the demo meeting's agenda, papers, objectives and risks.
    fn load_demo_agenda(
        &self,
        tx: &rusqlite::Transaction<'_>,
        org: &Organisation,
        board: &Committee,
        meeting: &Meeting,
        people: &[Person],
    ) -> Result<()> {
        let objectives: Vec<Objective> = OBJECTIVES
            .iter()
            .enumerate()
            .map(|(k, (heading, text))| Objective {
                id: ObjectiveId(demo_id(&format!("objective/{k}"))),
                organisation_id: org.id,
                position: k as u32,
                heading: (*heading).into(),
                text: (*text).into(),
            })
            .collect();
        for o in &objectives {
            r::upsert_objective(tx, o)?;
        }
        let risks: Vec<Risk> = RISKS
            .iter()
            .map(
                |(register, reference, title, current, target, owner)| Risk {
                    id: RiskId(demo_id(&format!("risk/{reference}"))),
                    organisation_id: org.id,
                    register: *register,
                    reference: (*reference).into(),
                    title: (*title).into(),
                    current_rating: *current,
                    target_rating: *target,
                    owner: (*owner).into(),
                    open: true,
                },
            )
            .collect();
        for risk in &risks {
            r::upsert_risk(tx, risk)?;
        }
        let person = |name: &str| people.iter().find(|p| p.name == name).map(|p| p.id);
        let lead = |name: &str| match person(name) {
            Some(person_id) => Lead::Member { person_id },
            None => Lead::None,
        };
        let risk_ids = |refs: &[&str]| -> Vec<RiskId> {
            refs.iter()
                .filter_map(|r| risks.iter().find(|x| x.reference == *r).map(|x| x.id))
                .collect()
        };

        // Standing items first, with ids fixed by kind.
        let mut items: Vec<AgendaItem> = crate::agenda::standing_items(board, meeting.id)
            .into_iter()
            .map(|mut i| {
                i.id = AgendaItemId(demo_id(&format!("item/{:?}", i.standing)));
                i
            })
            .collect();
        let opening = items
            .iter()
            .filter(|i| !i.standing.is_some_and(StandingKind::closes))
            .count();
        for closing in items.iter_mut().skip(opening) {
            closing.position += substantive_items().len() as u32;
        }
        let mut demo_papers: Vec<(AgendaItemId, &'static str, DemoPaper)> = Vec::new();
        for (k, d) in substantive_items().into_iter().enumerate() {
            let id = AgendaItemId(demo_id(&format!("item/{}", d.title)));
            let private = !d.private_reason.is_empty();
            items.push(AgendaItem {
                id,
                meeting_id: meeting.id,
                parent_id: None,
                position: (opening + k) as u32,
                title: d.title.into(),
                purpose: d.purpose,
                lead: lead(d.lead),
                duration_minutes: d.minutes,
                session: if private {
                    Session::Private
                } else {
                    Session::Public
                },
                private_reason: d.private_reason.into(),
                confidential: false,
                for_bulletin: d.for_bulletin,
                paper_expected: d.paper.is_some(),
                standing: None,
            });
            for (j, (title, minutes, who)) in d.subs.iter().enumerate() {
                items.push(AgendaItem {
                    id: AgendaItemId(demo_id(&format!("item/{}/{title}", d.title))),
                    meeting_id: meeting.id,
                    parent_id: Some(id),
                    position: j as u32,
                    title: (*title).into(),
                    purpose: d.purpose,
                    lead: lead(who),
                    duration_minutes: *minutes,
                    session: Session::Public,
                    private_reason: String::new(),
                    confidential: false,
                    for_bulletin: false,
                    paper_expected: false,
                    standing: None,
                });
            }
            if let Some(p) = d.paper {
                demo_papers.push((id, d.lead, p));
            }
        }
        // The private item goes to Part 2, after the public business.
        boardpack_core::agenda::normalise(&mut items);
        for item in &items {
            a::upsert_item(tx, item)?;
        }

        // The minutes and action log papers on the standing items.
        let minutes_item = items
            .iter()
            .find(|i| i.standing == Some(StandingKind::PreviousMinutes))
            .map(|i| i.id);
        let actions_item = items
            .iter()
            .find(|i| i.standing == Some(StandingKind::ActionLog))
            .map(|i| i.id);
        let secretary = "Hannah Rowe";
        let standing_papers = [
            (minutes_item, DemoPaper {
                title: "Minutes of the Trust Board meeting held on 5 November 2026",
                authors: "Hannah Rowe",
                sponsor: "Stephen Ward, Director of Corporate and Legal Affairs",
                purposes: &[Purpose::Decision],
                baf: &[],
                register: &[],
                context: "The draft minutes of the public meeting of the Trust Board held on 5 November 2026.",
                question: "Are the minutes an accurate record of the meeting?",
                conclusion: "The Board is asked to approve the minutes.",
                body: papers::previous_minutes,
                appendix: None,
                next: "January 2027 Trust Board",
            }),
            (actions_item, DemoPaper {
                title: "Trust Board action log",
                authors: "Hannah Rowe",
                sponsor: "Stephen Ward, Director of Corporate and Legal Affairs",
                purposes: &[Purpose::Assurance],
                baf: &[],
                register: &[],
                context: "The log of actions arising from previous meetings, with their status at 24 November 2026.",
                question: "Is the Board content with progress on the open actions?",
                conclusion: "The Board is asked to note progress and agree the closure of completed actions.",
                body: papers::action_log,
                appendix: None,
                next: "January 2027 Trust Board",
            }),
        ];
        let all = standing_papers
            .into_iter()
            .filter_map(|(item, p)| item.map(|i| (i, secretary, p)))
            .chain(demo_papers);
        for (item_id, _lead, d) in all {
            let document = self.demo_pdf(d.title, d.authors, (d.body)())?;
            let appendices = match d.appendix {
                Some((title, body)) => vec![Attachment {
                    title: title.into(),
                    ..self.demo_pdf(title, d.authors, body())?
                }],
                None => Vec::new(),
            };
            for att in std::iter::once(&document).chain(&appendices) {
                b::insert_blob(
                    tx,
                    &BlobRef {
                        sha256: att.sha256.clone(),
                        size: att.size,
                        media_type: "application/pdf".into(),
                    },
                )?;
            }
            let baf = risk_ids(d.baf);
            let register = risk_ids(d.register);
            let links = |ids: Vec<RiskId>, none: &str| RiskLinks {
                answer: Some(if ids.is_empty() {
                    Answer::NotApplicable
                } else {
                    Answer::Yes
                }),
                risks: ids,
                reason: if none.is_empty() {
                    String::new()
                } else {
                    none.into()
                },
            };
            let cover = CoverSheet {
                purposes: d.purposes.iter().copied().collect(),
                previous_consideration: if d.title.starts_with("Winter") {
                    vec![
                        PreviousConsideration {
                            meeting: "Executive Strategy Board".into(),
                            date: "ESB November".into(),
                            purpose: Some(Purpose::Discussion),
                            outcome: String::new(),
                        },
                        PreviousConsideration {
                            meeting: "Trust Board development session".into(),
                            date: "26 November 2026".into(),
                            purpose: None,
                            outcome: "Discussed at the November development session; no formal \
                                      outcome"
                                .into(),
                        },
                    ]
                } else if d.title == "Audit Committee minutes" {
                    vec![PreviousConsideration {
                        meeting: "Audit Committee".into(),
                        date: "12 November 2026".into(),
                        purpose: Some(Purpose::Assurance),
                        outcome: String::new(),
                    }]
                } else if d.title.starts_with("Finance") {
                    vec![PreviousConsideration {
                        meeting: "Finance and Investment Committee".into(),
                        date: "19 November 2026".into(),
                        purpose: Some(Purpose::Assurance),
                        outcome: String::new(),
                    }]
                } else {
                    Vec::new()
                },
                context: d.context.into(),
                questions: vec![d.question.into()],
                conclusion: d.conclusion.into(),
                input_sought:
                    "We would welcome the Board's input regarding the content of this paper.".into(),
                objectives: objectives
                    .iter()
                    .enumerate()
                    .map(|(k, o)| {
                        (
                            o.id,
                            if k % 3 == 2 && d.baf.len() < 3 {
                                Answer::NotApplicable
                            } else {
                                Answer::Yes
                            },
                        )
                    })
                    .collect(),
                risk_register: links(register, ""),
                baf: links(baf, ""),
                new_risk: String::new(),
                equality_impact:
                    "Not applicable: the paper proposes no change to services or policy.".into(),
                public_involvement: "Not applicable.".into(),
                next_paper: if d.next == "No further paper planned" {
                    NextPaper::NonePlannedYet
                } else {
                    NextPaper::Meeting {
                        meeting: d.next.into(),
                    }
                },
                summary_page_limit: 1,
                paper_page_limit: 7,
            };
            let paper = Paper {
                id: PaperId(demo_id(&format!("paper/{}", d.title))),
                item_id,
                position: 0,
                letter_override: None,
                title: d.title.into(),
                authors: d.authors.into(),
                sponsor: d.sponsor.into(),
                document: Some(document),
                appendices,
                history: Vec::new(),
                cover,
                received_on: NaiveDate::from_ymd_opt(2026, 11, 24),
            };
            p::upsert_paper(tx, &paper)?;
        }
        Ok(())
    }

    /// Writes a demo paper as a PDF, stores it and describes it as an attachment.
    fn demo_pdf(
        &self,
        title: &str,
        author: &str,
        blocks: Vec<boardpack_pdf::layout::Block>,
    ) -> Result<Attachment> {
        let document_id = crate::document_id(title);
        let opts = boardpack_pdf::PdfOptions {
            title: title.into(),
            author: author.into(),
            subject: "Riverside University Hospitals NHS Trust – Trust Board".into(),
            created: NaiveDate::from_ymd_opt(2026, 11, 24)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .unwrap_or_default(),
            lang: boardpack_pdf::DEFAULT_LANG.into(),
            document_id,
        };
        // A paper carries its own title, as real papers do (a heading, or a report's
        // "SUBJECT:" line): the layout adds none, so no paper prints its title twice. Like
        // a paper written for the pack, its page numbers are the pack's footer (a running
        // footer of its own would make two on every page).
        let laid = boardpack_pdf::layout::layout(&boardpack_pdf::layout::Flow::new(blocks));
        let bytes = boardpack_pdf::write(&laid, &laid.outline(3), &opts).map_err(|e| {
            Error::Conflict(format!(
                "The demo paper “{title}” could not be written: {e}."
            ))
        })?;
        let facts = boardpack_pdf::inspect(&bytes).map_err(|e| {
            Error::Conflict(format!(
                "The demo paper “{title}” came out unreadable: {e}."
            ))
        })?;
        let blob = self.blobs.put_bytes(&bytes, "application/pdf")?;
        let slug: String = title
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        Ok(Attachment {
            sha256: blob.sha256,
            file_name: format!(
                "{}.pdf",
                slug.split('-')
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("-")
            ),
            title: String::new(),
            pages: facts.pages,
            size: blob.size,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_ids_are_stable_uuid_v7() {
        let a = demo_id("meeting/TB/142");
        assert_eq!(a, demo_id("meeting/TB/142"));
        assert_ne!(a, demo_id("meeting/TB/141"));
        assert_eq!(a.get_version_num(), 7);
    }
}
