//! Boardpack's domain: the words of board governance as types, and the rules that relate
//! them. This crate knows nothing of SQLite, Tauri, files or the clock: everything it needs
//! (today's date, new ids) is passed in, so every rule here is a pure function that tests can
//! pin down.
//!
//! # Glossary
//! - **Organisation**: the public body that holds the meetings (an NHS trust, a council).
//! - **Committee**: a board or committee of an organisation (Trust Board, System Leadership
//!   Team). It has a short **code** ("SLT"), a **minute-reference pattern** ("SLT {yy}/{seq}")
//!   and a **quorum rule** taken from its standing orders.
//! - **Person** and **membership**: someone who sits on, attends or serves a committee, and
//!   the kind of seat they hold (chair, executive director, non-executive director, voting
//!   member, in attendance, secretary).
//! - **Meeting**: one sitting of a committee, with its number, date, times, venue, chair,
//!   session (public or private) and status (planning → pack issued → held → minutes
//!   approved).
//! - **Agenda item**, **paper**, **cover sheet**, **previous consideration**, **BAF risk**,
//!   **declaration**, **quorum**, **resolution**, **action**, **pack**, **bulletin**: the words
//!   later modules add; each module's docs say which it owns.
//! - **Register of interests**: what each person has declared (financial, non-financial
//!   professional or personal, indirect, as NHS England's guidance sorts them), with the
//!   date declared and the action taken; a **nil return** says they have nothing to declare
//!   for a year (`interests`).
//! - **Bulletin**: the public document listing the reports a board receives for noting
//!   without discussion (each with its lead contact point and telephone), the
//!   organisation's standard wording, and those papers attached (`bulletin`).

pub mod ids;
pub mod meeting;
pub mod minute_ref;
pub mod model;
pub mod quorum;
pub mod validate;

pub use ids::{
    ActionId, ActionUpdateId, AgendaItemId, AttendeeId, CommitteeId, DeclarationId, InterestId,
    MeetingId, MembershipId, ObjectiveId, OrganisationId, PaperId, PersonId, RiskId,
};
pub use meeting::{Meeting, MeetingStatus, NewMeeting, Session, ValidMeeting};
pub use minute_ref::MinuteRefPattern;
pub use model::{
    Committee, KindChoice, Logo, MemberKind, Membership, NumberingStart, Organisation, Person,
};
pub use quorum::{QuorumMinimum, QuorumOutcome, QuorumPreview, QuorumRule, Seat, VotingSeats};
pub use validate::ValidationError;
pub mod accessibility;
pub mod actions;
pub mod agenda;
pub mod attendance;
pub mod bulletin;
pub mod calendar;
pub mod check;
pub mod columns;
pub mod coversheet;
pub mod forward_plan;
pub mod interests;
pub mod letterhead;
pub mod minutes;
pub mod pack;
pub mod paper;
pub mod readiness;
pub mod reissue;
pub mod risk;
pub mod timetable;
pub mod year;

pub mod minutes_doc;
