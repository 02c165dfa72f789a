//! The text of the demo's papers: realistic, fictional reports of the kind a trust board
//! receives (a chief executive's report, a quality report, a finance report with tables,
//! a committee chair's report, the Board Assurance Framework, a winter plan, a committee's
//! minutes for the bulletin, a contract award taken in private), written out as layout blocks and turned into multi-page PDFs.

use boardpack_pdf::layout::{Align, Block, Cell, Table};

/// Whether a cell holds a figure ("512.4", "(4.9)", "75.9%", "≤8", "£6.85m"), which
/// tables set right-aligned.
fn figure(text: &str) -> bool {
    let t = text.trim();
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || "().,%£<>≤≥+-–:m ".contains(c))
}

/// A table whose columns of figures (every body cell a figure) are right-aligned, heading
/// included.
fn table(columns: &[f32], header: &[&str], rows: &[&[&str]]) -> Block {
    let right: Vec<bool> = (0..header.len())
        .map(|k| !rows.is_empty() && rows.iter().all(|r| r.get(k).is_some_and(|c| figure(c))))
        .collect();
    let align = |k: usize, cell: Cell| {
        if right[k] {
            cell.align(Align::Right)
        } else {
            cell
        }
    };
    Block::Table(Table::new(
        columns.to_vec(),
        vec![header
            .iter()
            .enumerate()
            .map(|(k, h)| align(k, Cell::bold(*h)))
            .collect()],
        rows.iter()
            .map(|r| {
                r.iter()
                    .enumerate()
                    .map(|(k, c)| align(k, Cell::text(*c)))
                    .collect()
            })
            .collect(),
    ))
}

fn report_head(to: &str, by: &str, subject: &str) -> Vec<Block> {
    vec![
        Block::markup("**RIVERSIDE UNIVERSITY HOSPITALS NHS TRUST**"),
        Block::markup(&format!("**REPORT TO:** {to}")),
        Block::markup("**DATE:** 3 DECEMBER 2026"),
        Block::markup(&format!("**REPORT BY:** {by}")),
        Block::markup(&format!("**SUBJECT:** {subject}")),
        Block::Rule,
    ]
}

/// Paragraphs of plausible board prose on a theme, numbered as reports number them.
fn section(number: u32, title: &str, paras: &[&str]) -> Vec<Block> {
    let mut out = vec![Block::heading(1, format!("{number}. {title}"))];
    for (k, p) in paras.iter().enumerate() {
        out.push(Block::markup(&format!("{number}.{} {p}", k + 1)));
    }
    out
}

/// The members of the demo Trust Board who sent apologies to meeting 141 (5 November
/// 2026), by initials; everyone else on the Board was present. The draft minutes of 141
/// (paper A of meeting 142) and the attendance recorded for 141 both use it.
pub(crate) const NOVEMBER_APOLOGIES: &[&str] = &["MH", "KL"];

/// One minute of the draft minutes of 141: reference, heading, paragraphs, and actions
/// (text, lead, due) with the lead beside each.
fn minute(
    reference: &str,
    heading: &str,
    paras: &[&str],
    actions: &[(&str, &str, &str)],
) -> Vec<Block> {
    let mut out = vec![Block::heading(1, format!("{reference}  {heading}"))];
    out.extend(paras.iter().map(|p| Block::markup(p)));
    if !actions.is_empty() {
        out.push(table(
            &[0.62, 0.14, 0.24],
            &["Action", "Lead", "Due"],
            &actions
                .iter()
                .map(|(text, lead, due)| [*text, *lead, *due])
                .collect::<Vec<_>>()
                .iter()
                .map(|r| &r[..])
                .collect::<Vec<_>>(),
        ));
    }
    out
}

/// The draft minutes of meeting 141 as circulated with the December papers: the same
/// items, references (TB 26/001 to 008), discussion, resolutions and actions as the
/// minutes recorded for 141 (demo/history.rs), with the one slip the Board corrected when
/// it approved them (the capital programme printed as £42.1m at minute TB 26/007).
pub(crate) fn previous_minutes() -> Vec<Block> {
    use boardpack_core::MemberKind::{InAttendance, Secretary};
    let here = |initials: &str| !NOVEMBER_APOLOGIES.contains(&initials);
    let present: Vec<[&str; 2]> = super::BOARD
        .iter()
        .filter(|(_, i, _, kind)| here(i) && !matches!(kind, InAttendance | Secretary))
        .map(|(name, _, role, _)| [*name, *role])
        .collect();
    let secretary_role: Vec<String> = super::BOARD
        .iter()
        .filter(|(_, _, _, kind)| *kind == Secretary)
        .map(|(_, _, role, _)| format!("{role} (minutes)"))
        .collect();
    let attending: Vec<[&str; 2]> = super::BOARD
        .iter()
        .filter(|(_, i, _, kind)| here(i) && matches!(kind, InAttendance | Secretary))
        .map(|(name, _, role, kind)| {
            if *kind == Secretary {
                [*name, secretary_role[0].as_str()]
            } else {
                [*name, *role]
            }
        })
        .collect();
    let apologies: Vec<String> = super::BOARD
        .iter()
        .filter(|(_, initials, _, _)| NOVEMBER_APOLOGIES.contains(initials))
        .map(|(name, _, role, _)| format!("{name}, {role}"))
        .collect();
    let mut b = vec![
        Block::markup("**RIVERSIDE UNIVERSITY HOSPITALS NHS TRUST**"),
        Block::markup("**Minutes of the meeting of the Trust Board held in public on Thursday 5 November 2026 from 09:30 to 13:00 in the Board Room, Level 1, Riverside House**"),
        Block::markup("**Draft for approval at the meeting on 3 December 2026**"),
        Block::heading(1, "Present"),
        table(
            &[0.4, 0.6],
            &["Name", "Role"],
            &present.iter().map(|r| &r[..]).collect::<Vec<_>>(),
        ),
        Block::heading(1, "In attendance"),
        table(
            &[0.4, 0.6],
            &["Name", "Role"],
            &attending.iter().map(|r| &r[..]).collect::<Vec<_>>(),
        ),
    ];
    b.extend(minute(
        "TB 26/001",
        "Welcome and apologies for absence",
        &[&format!(
            "The Chair welcomed members and the public. Apologies were received from {}.",
            apologies.join(" and ")
        )],
        &[],
    ));
    b.extend(minute(
        "TB 26/002",
        "Declarations of interest",
        &["There were no declarations of interest."],
        &[],
    ));
    b.extend(minute("TB 26/003", "Minutes of the previous meeting", &[
        "The minutes of the meeting held on 1 October 2026 were approved as an accurate record.",
    ], &[]));
    b.extend(minute(
        "TB 26/004",
        "Action log and matters arising",
        &["The Board reviewed the action log; the actions due by the meeting had been completed, and there were no matters arising."],
        &[],
    ));
    b.extend(minute("TB 26/005", "Chief Executive's monthly update report – October 2026", &[
        "JAd presented the report. The Board welcomed the reduction in twelve-hour waits in the emergency department.",
        "It was RESOLVED to RECEIVE the report.",
    ], &[]));
    b.extend(minute("TB 26/006", "Winter plan 2026/27", &[
        "DL presented the winter plan, including 38 escalation beds and the rapid-assessment area.",
        "Non-executive directors asked how the escalation beds would be staffed; HB described the bank and agency controls.",
        "It was RESOLVED to APPROVE the winter plan 2026/27.",
    ], &[
        ("Publish the winter communications plan for patients and staff", "DL", "27 Nov 2026"),
        ("Agree the escalation-bed staffing model with the People, Process and Performance Committee", "HB", "31 Jan 2027"),
    ]));
    b.extend(minute("TB 26/007", "Finance and use of resources report – month 6", &[
        "SW reported a deficit of £4.6m against a plan of £4.1m, driven by agency spend. The capital programme is £42.1m.",
        "It was RESOLVED to NOTE the month 6 position.",
    ], &[
        ("Report the agency spend trajectory against the cap", "SW", "3 Dec 2026"),
    ]));
    b.extend(minute(
        "TB 26/008",
        "Any other business",
        &["There was no other business. The meeting closed at 12:35."],
        &[],
    ));
    b
}

/// The action log as it stood when the December papers went out (24 November 2026): the
/// actions of meeting 141, by their minute references, as the Boardpack action log holds
/// them (demo/history.rs).
pub(crate) fn action_log() -> Vec<Block> {
    vec![
        Block::heading(0, "Trust Board action log"),
        Block::para("Actions arising from previous meetings, with their status at 24 November 2026."),
        table(
            &[0.13, 0.45, 0.08, 0.16, 0.18],
            &["Minute", "Action", "Lead", "Due", "Status"],
            &[
                &["TB 26/006", "Publish the winter communications plan for patients and staff", "DL", "27 Nov 2026", "Complete: published on 20 November"],
                &["TB 26/006", "Agree the escalation-bed staffing model with the People, Process and Performance Committee", "HB", "31 Jan 2027", "On track"],
                &["TB 26/007", "Report the agency spend trajectory against the cap", "SW", "3 Dec 2026", "At risk: in the month 7 report; spend still above the cap"],
            ],
        ),
        Block::para("Actions marked complete will be removed from the log once the Board has noted them."),
    ]
}

pub(crate) fn ceo_report() -> Vec<Block> {
    let mut b = report_head(
        "TRUST BOARD",
        "CHIEF EXECUTIVE",
        "MONTHLY UPDATE REPORT – DECEMBER 2026",
    );
    b.extend(section(1, "Introduction", &[
        "My monthly update report this month focuses on: (a) the Board Quality and Performance Dashboard attached at appendix 1; (b) the Board Assurance Framework and Organisational Risk Register; (c) key issues relating to our Quality Strategy and Annual Priorities; and (d) a range of other issues which I think it is important to highlight to the Trust Board.",
        "I would welcome feedback on this report, which will be taken into account in preparing further such reports for future meetings of the Trust Board.",
    ]));
    b.extend(section(2, "Quality and Performance Dashboard – October 2026", &[
        "The Quality and Performance Dashboard for October 2026 is appended to this report at appendix 1. The Dashboard aims to ensure that Board members are able to see at a glance how we are performing against a range of key measures.",
        "**Good news:** mortality – the latest published SHMI is 98 and remains within expected limits. The diagnostic six-week wait standard has been achieved for eleven consecutive months. There were no 12-hour trolley waits. MRSA – no cases were reported. Inpatient and day case patient satisfaction (FFT) achieved 97%, above the national average.",
        "**Bad news:** emergency department four-hour performance was 75.9% in October; system performance, including the urgent care centres, was 82.3%. Ambulance handovers over 60 minutes were 4.8% of arrivals. Cancer 62-day treatment was not achieved in September; recovery actions are set out in the cancer recovery report. Statutory and mandatory training compliance is 89%.",
    ]));
    b.extend(section(3, "Quality Strategy – Becoming the Best", &[
        "Considerable activity continues as we implement our Quality Strategy. In the last month this has focused on the culture and leadership programme, the launch materials for the strategy and appointments to key posts.",
        "Appointments have been made to two key roles: Head of Quality Improvement and Head of Communications. A coordinated recruitment approach is being planned for further posts.",
        "During the month I hosted four culture and leadership focus groups; more than 500 staff have now taken part. The next milestone is the synthesis event on 14 December, which will decide the priorities for action.",
    ]));
    b.extend(section(4, "Board Assurance Framework and Organisational Risk Register", &[
        "The Board Assurance Framework for 2026/27 is presented separately at this meeting (paper G). Two principal risks remain rated at 20: emergency care demand (PR 2) and the financial plan (PR 5).",
        "Four new operational risks rated 15 or above were entered on the register in October, relating to theatre ventilation, IM&T network resilience, medical staffing in paediatrics and the supply of single-use instruments.",
    ]));
    b.extend(section(5, "Winter and urgent care", &[
        "Our winter plan is presented at item 11. Demand at the emergency department in October was 6.4% higher than in October 2025, and the number of patients with no criteria to reside averaged 212 a day.",
        "We are working with Northbridge City Council and the integrated care board on discharge to assess, and with the ambulance service on the rapid-assessment area, which opened on 3 November.",
    ]));
    b.extend(section(6, "Other issues", &[
        "**Industrial action:** the British Medical Association has announced a ballot of resident doctors; contingency plans are in hand and are summarised at item 11.2.",
        "**Research:** the trust has been named a national site for the next phase of the respiratory virus study, with funding of £1.2m over three years.",
        "**Recognition:** the maternity unit received the regional award for safety culture, and our estates team was commended for the energy programme, which cut gas use by 14%.",
    ]));
    b.extend(section(7, "Conclusion", &["The Trust Board is invited to consider and comment upon the issues identified in this report and to note the Quality and Performance Dashboard at appendix 1."]));
    b.push(Block::para(
        "John Adeyemi, Chief Executive, 24 November 2026",
    ));
    b
}

pub(crate) fn dashboard() -> Vec<Block> {
    vec![
        Block::heading(0, "Appendix 1 – Quality and Performance Dashboard, October 2026"),
        table(
            &[0.46, 0.14, 0.14, 0.13, 0.13],
            &["Measure", "Standard", "Oct 2026", "Sep 2026", "RAG"],
            &[
                &["ED four-hour performance (trust)", "78%", "75.9%", "74.2%", "Red"],
                &["Ambulance handovers over 60 minutes", "0%", "4.8%", "5.1%", "Red"],
                &["Referral to treatment within 18 weeks", "92%", "71.4%", "71.0%", "Red"],
                &["Diagnostic six-week wait", "<1%", "0.8%", "0.9%", "Green"],
                &["Cancer two-week wait", "93%", "94.1%", "93.6%", "Green"],
                &["Cancer 62-day treatment", "85%", "79.2%", "80.5%", "Red"],
                &["SHMI", "≤100", "98", "99", "Green"],
                &["MRSA bacteraemia", "0", "0", "0", "Green"],
                &["C. difficile cases", "≤8", "6", "9", "Green"],
                &["Pressure ulcers, grade 3 and 4", "0", "1", "0", "Amber"],
                &["Inpatient FFT positive", "96%", "97%", "96%", "Green"],
                &["Appraisal rate", "95%", "92.0%", "91.6%", "Amber"],
                &["Statutory and mandatory training", "95%", "89%", "88%", "Amber"],
                &["Sickness absence", "3.5%", "4.6%", "4.4%", "Red"],
            ],
        ),
        Block::para("RAG: green – standard met; amber – within 5% of the standard; red – more than 5% from the standard."),
    ]
}

pub(crate) fn quality_report() -> Vec<Block> {
    let mut b = report_head(
        "TRUST BOARD",
        "CHIEF NURSE AND MEDICAL DIRECTOR",
        "QUALITY AND PATIENT SAFETY REPORT",
    );
    b.extend(section(1, "Purpose", &["This report gives the Trust Board assurance on the quality and safety of care, drawing on the work of the Quality Committee in October and November 2026."]));
    b.extend(section(2, "Patient safety", &[
        "Two serious incidents were declared in October: a delayed diagnosis in the emergency department and a fall with harm on a medical ward. Both are being investigated under the Patient Safety Incident Response Framework.",
        "The falls collaborative has reduced falls with harm by 22% over twelve months; the work is being extended to the surgical wards.",
        "Sepsis screening compliance reached 91% in the emergency department and 87% on the wards, against a target of 90%.",
    ]));
    b.extend(section(3, "Infection prevention", &[
        "There were six cases of C. difficile in October against a monthly threshold of eight. No MRSA bacteraemias have been reported this year.",
        "Influenza vaccination of front-line staff stands at 61% and the campaign continues on all three sites.",
    ]));
    b.extend(section(4, "Patient experience", &[
        "Complaints received fell to 58 in October (72 in September); the main themes remain communication and waiting times. 94% were acknowledged within three working days.",
        "The Patient Partners group reviewed the new discharge leaflet and their suggestions have been adopted.",
    ]));
    b.extend(section(5, "Maternity", &["The maternity service continues to meet the ten safety actions of the maternity incentive scheme. Midwife-to-birth ratio was 1:27 in October against the funded establishment of 1:26."]));
    b.extend(section(6, "Recommendation", &["The Trust Board is asked to receive the report and take assurance from the actions described."]));
    b
}

pub(crate) fn finance_report() -> Vec<Block> {
    let mut b = report_head(
        "TRUST BOARD",
        "CHIEF FINANCIAL OFFICER",
        "FINANCE AND USE OF RESOURCES REPORT – MONTH 7",
    );
    b.extend(section(1, "Summary", &[
        "At month 7 the trust reports a deficit of £5.3m against a planned deficit of £4.7m, an adverse variance of £0.6m, driven by the cost of escalation beds and temporary staffing.",
        "The forecast remains delivery of the planned year-end deficit of £8.0m, dependent on the recovery actions set out in section 4.",
    ]));
    b.push(table(
        &[0.4, 0.2, 0.2, 0.2],
        &["Year to date (£m)", "Plan", "Actual", "Variance"],
        &[
            &["Income", "512.4", "515.1", "2.7"],
            &["Pay", "(331.9)", "(336.8)", "(4.9)"],
            &["Non-pay", "(172.6)", "(171.0)", "1.6"],
            &["Financing", "(12.6)", "(12.6)", "0.0"],
            &["Surplus / (deficit)", "(4.7)", "(5.3)", "(0.6)"],
        ],
    ));
    b.extend(section(2, "Cost improvement programme", &[
        "£15.8m of savings have been delivered to date against a plan of £16.9m. The full-year target of £28.9m is forecast to be met, with £4.2m still rated high risk.",
        "Temporary staffing spend was £9.1m year to date, £1.4m over plan; the agency cap was breached in three specialties.",
    ]));
    b.extend(section(3, "Capital and cash", &[
        "Capital spend to date is £17.3m against a plan of £19.0m; the programme of £41.2m approved in November remains deliverable. The cash balance at month end was £22.6m.",
        "The IM&T network replacement is on schedule; the theatre ventilation scheme is £0.3m over its budget and a revised case will go to the Finance and Investment Committee.",
    ]));
    b.extend(section(4, "Recovery actions", &[
        "Close 24 escalation beds by the end of January, subject to the discharge-to-assess scheme.",
        "Convert 60 whole-time-equivalent agency nursing posts to substantive posts through the international recruitment programme.",
        "Complete the review of outpatient procedures against national best-practice tariffs.",
    ]));
    b.extend(section(5, "Recommendation", &["The Trust Board is asked to note the month 7 position and approve the recovery actions in section 4."]));
    b
}

pub(crate) fn committee_report() -> Vec<Block> {
    vec![
        Block::heading(0, "People, Process and Performance Committee – chair's report"),
        Block::markup("**Meeting held:** 20 November 2026.  **Chair:** Bridget Okafor, Non-Executive Director."),
        Block::heading(1, "Matters for the Board's attention"),
        Block::bullets(&[
            "The Committee received the workforce plan for 2027/28 and recommends it to the Board in January.",
            "Sickness absence (4.6%) remains above target; the Committee asked for a deep dive into musculoskeletal absence.",
            "The Freedom to Speak Up report showed 41 concerns raised in the quarter, most about behaviours; none was a patient-safety matter.",
            "The Committee took assurance on the recovery of referral-to-treatment times for orthopaedics.",
        ]),
        Block::heading(1, "Items approved under delegated authority"),
        Block::bullets(&["The revised recruitment and retention premia policy.", "The terms of reference of the Nursing Workforce Group."]),
        Block::para("The Board is asked to note this report; it is listed in the public bulletin."),
    ]
}

pub(crate) fn audit_minutes() -> Vec<Block> {
    let mut b = vec![
        Block::heading(0, "Audit Committee – minutes of the meeting held on 12 November 2026"),
        Block::markup("**Venue:** Committee Room 2, Riverside House.  **Chair:** Tim O’Neill, Non-Executive Director."),
        Block::markup("**Present:** Tim O’Neill (TO'N), Bridget Okafor (BO), Martin Hughes (MH).  **In attendance:** Sarah Whitfield, Chief Financial Officer; Stephen Ward, Director of Corporate and Legal Affairs; Priya Nandra, Engagement Lead, Kestrel Audit LLP (external audit); Gareth Moss, Head of Internal Audit, Mercia Assurance Partnership."),
    ];
    b.extend(section(
        1,
        "Apologies and declarations",
        &["There were no apologies. No interests were declared on the items of business."],
    ));
    b.extend(section(2, "Internal audit progress report", &[
        "The Head of Internal Audit reported that 11 of the 19 audits in the 2026/27 plan had been completed, with two limited-assurance opinions: medicines storage on wards and the management of the consultant job-planning system.",
        "The Committee asked that management responses on medicines storage be reported to the Quality Committee and that the job-planning actions return to its February meeting.",
    ]));
    b.extend(section(3, "External audit plan 2026/27", &[
        "Kestrel Audit LLP presented its plan for the audit of the 2026/27 accounts, with a materiality of £9.6m and significant risks in the valuation of land and buildings and in the recognition of income from other NHS bodies.",
        "The Committee RESOLVED to approve the external audit plan and fee.",
    ]));
    b.extend(section(4, "Counter fraud and losses and special payments", &[
        "The Local Counter Fraud Specialist reported 7 new referrals in the quarter, none of which has led to a criminal investigation. Losses and special payments of £48,210 were noted, the largest a pharmacy stock write-off after a refrigerator failure.",
    ]));
    b.extend(section(5, "Single tender waivers", &[
        "Nine waivers with a total value of £612,000 were reported, all in line with the Standing Financial Instructions. The Committee asked for the waiver for the interim radiology reporting service to be market-tested before its renewal.",
    ]));
    b.push(Block::para(
        "The Board is asked to note the minutes; they are listed in the public bulletin.",
    ));
    b
}

pub(crate) fn baf_report() -> Vec<Block> {
    let mut b = report_head(
        "TRUST BOARD",
        "DIRECTOR OF CORPORATE AND LEGAL AFFAIRS",
        "BOARD ASSURANCE FRAMEWORK 2026/27 – QUARTER 3 REVIEW",
    );
    b.extend(section(1, "Purpose", &["This paper presents the quarter 3 review of the Board Assurance Framework (BAF) and asks the Board to approve the changes to the ratings of the principal risks."]));
    b.push(table(
        &[0.1, 0.5, 0.13, 0.13, 0.14],
        &["No.", "Principal risk", "Current", "Target", "Lead"],
        &[
            &[
                "PR 1",
                "Failure to deliver safe, high quality care consistently",
                "16",
                "8",
                "CF/RP",
            ],
            &[
                "PR 2",
                "Emergency care demand exceeds capacity",
                "20",
                "12",
                "DL",
            ],
            &[
                "PR 3",
                "Failure to meet national access standards",
                "16",
                "9",
                "DL",
            ],
            &[
                "PR 4",
                "Insufficient workforce to deliver safe services",
                "16",
                "8",
                "HB",
            ],
            &[
                "PR 5",
                "Failure to deliver the financial plan",
                "20",
                "10",
                "SW",
            ],
            &["PR 6", "IM&T infrastructure not resilient", "12", "6", "LG"],
        ],
    ));
    b.extend(section(2, "Changes this quarter", &[
        "PR 3 is reduced from 20 to 16 following the sustained recovery of diagnostic waits.",
        "PR 6 is increased from 9 to 12 pending completion of the network replacement programme.",
    ]));
    b.extend(section(3, "Recommendation", &["The Board is asked to approve the quarter 3 BAF and the changes to ratings set out above."]));
    b
}

pub(crate) fn winter_plan() -> Vec<Block> {
    let mut b = report_head(
        "TRUST BOARD",
        "CHIEF OPERATING OFFICER",
        "WINTER PLAN 2026/27",
    );
    b.extend(section(1, "Purpose", &["This paper asks the Board to approve the winter plan, which sets out how the trust will keep patients safe when demand peaks between December and March."]));
    b.extend(section(2, "Demand and capacity", &[
        "Modelling with the integrated care board predicts peak demand in the first two weeks of January, 9% above last winter, with a shortfall of up to 74 beds without mitigation.",
        "The plan opens 36 additional beds, extends the frailty unit to seven days, and adds 20 discharge-to-assess places with the council.",
    ]));
    b.extend(section(3, "Urgent and emergency care", &["The rapid-assessment area, same-day emergency care and the virtual ward (60 places) together avoid an estimated 35 admissions a day."]));
    b.extend(section(4, "Industrial action", &["Contingency plans protect emergency, cancer and maternity care during any strike, with consultant cover rotas agreed with clinical directors."]));
    b.extend(section(5, "Risks", &["The main risks are staffing of the additional beds, norovirus outbreaks and delays in social care; each has an owner and a trigger for escalation."]));
    b.extend(section(
        6,
        "Recommendation",
        &["The Board is asked to approve the winter plan 2026/27."],
    ));
    b
}

pub(crate) fn car_park_contract() -> Vec<Block> {
    let mut b = report_head(
        "TRUST BOARD (PRIVATE SESSION)",
        "DIRECTOR OF ESTATES AND FACILITIES",
        "AWARD OF CONTRACT – RIVERSIDE CAR PARK DECKING SCHEME",
    );
    b.extend(section(1, "Purpose", &["This paper seeks approval to award the contract for the decking of the Riverside visitor car park, adding 420 spaces, following a competitive tender."]));
    b.extend(section(2, "Tender evaluation", &[
        "Five bids were received. The preferred bidder, Calder Construction Ltd, scored highest on quality (68/70) and second on price, at £6.85m including contingency.",
        "The evaluation was moderated by the procurement team and the estates project board on 12 November 2026.",
    ]));
    b.extend(section(3, "Affordability", &["The scheme is within the capital programme approved in November and is funded from car parking income over 15 years."]));
    b.extend(section(4, "Recommendation", &["The Board is asked to approve the award of the contract to Calder Construction Ltd at a value of £6.85m."]));
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use boardpack_pdf::layout::Paragraph;

    fn aligns(block: &Block) -> Vec<Vec<Align>> {
        let Block::Table(t) = block else {
            panic!("a table")
        };
        t.header
            .iter()
            .chain(&t.rows)
            .map(|r| {
                r.iter()
                    .map(|c| match &c.blocks[0] {
                        Block::Paragraph(Paragraph { align, .. }) => *align,
                        _ => Align::Left,
                    })
                    .collect()
            })
            .collect()
    }

    /// Columns of figures are right-aligned, their headings too; words stay left.
    #[test]
    fn figures_are_right_aligned() {
        let t = table(
            &[0.4, 0.2, 0.2, 0.2],
            &["Year to date (£m)", "Plan", "Actual", "RAG"],
            &[
                &["Income", "512.4", "515.1", "Green"],
                &["Pay", "(331.9)", "75.9%", "Red"],
                &["Diagnostics", "<1%", "≤8", "Amber"],
            ],
        );
        let want = [Align::Left, Align::Right, Align::Right, Align::Left];
        for row in aligns(&t) {
            assert_eq!(row, want);
        }
        assert!(!figure("PR 1") && !figure("Jan 2027") && figure("£6.85m"));
    }
}
