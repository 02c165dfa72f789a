//! The register of interests kept in the window's way (entries, endings, nil returns, who
//! has not declared) and imports of members and interests from CSV files: previews that
//! name every problem, nothing saved until the file is clean, re-imports that update.

use std::path::PathBuf;

use boardpack::import::{ImportKind, RowAction};
use boardpack::interests::InterestDetails;
use boardpack::{Boardpack, CommitteeSettings};
use boardpack_core::interests::InterestCategory;
use boardpack_core::{CommitteeId, MemberKind};
use tempfile::TempDir;

use super::organisation::{d, details, member};

fn board() -> (TempDir, Boardpack, CommitteeId) {
    let (dir, app) = super::fresh();
    let org = app.create_organisation(&details("Northfield")).unwrap();
    let tb = app
        .create_committee(org.id, &CommitteeSettings::new("Trust Board", "TB"))
        .unwrap();
    (dir, app, tb.id)
}

fn entry(person: boardpack_core::PersonId, description: &str) -> InterestDetails {
    InterestDetails {
        person_id: person,
        category: InterestCategory::Financial,
        description: description.into(),
        organisation: "Calder Construction Ltd".into(),
        from: "2024-04-01".into(),
        to: String::new(),
        declared_on: String::new(),
        action: "Withdraws from decisions on the car park contract".into(),
        keywords: vec!["car park".into(), " ".into(), "Car Park".into()],
    }
}

fn csv(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_register_is_kept_and_shows_who_has_not_declared() {
    let (_dir, app, tb) = board();
    let chair = app
        .add_membership(tb, &member("Ruth Evans", "RE", MemberKind::Chair))
        .unwrap();
    let ned = app
        .add_membership(
            tb,
            &member("Bridget Okafor", "BO", MemberKind::NonExecutiveDirector),
        )
        .unwrap();
    let ceo = app
        .add_membership(
            tb,
            &member("Sam Okoro", "SO", MemberKind::ExecutiveDirector),
        )
        .unwrap();
    let today = d(2026, 5, 6);
    let i = app
        .add_interest(
            &entry(ned.person.id, "Director of Calder Construction Ltd"),
            today,
        )
        .unwrap();
    assert_eq!(i.declared_on, Some(today), "declared today unless told");
    assert_eq!(i.keywords, ["car park"]);
    let err = app
        .add_interest(
            &InterestDetails {
                from: "01/04/2024".into(),
                ..entry(ned.person.id, "Shares")
            },
            today,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "“01/04/2024” is not a date: write it as YYYY-MM-DD, for example 2019-07-04."
    );
    let err = app
        .add_interest(
            &InterestDetails {
                to: "2023-01-01".into(),
                ..entry(ned.person.id, "Shares")
            },
            today,
        )
        .unwrap_err();
    assert!(err.to_string().contains("cannot end"), "{err}");

    // A nil return is refused while an interest is current, accepted otherwise.
    let err = app
        .record_nil_return(ned.person.id, 2026, today)
        .unwrap_err();
    assert!(err.to_string().contains("the return is not nil"), "{err}");
    app.record_nil_return(chair.person.id, 2026, today).unwrap();

    let register = app.register(tb, 2026).unwrap();
    assert_eq!(register.rows.len(), 3);
    assert_eq!(register.undeclared, [ceo.person.id]);
    assert!(register.rows[0].nil_return.is_some());
    assert_eq!(register.rows[1].interests.len(), 1);
    // Last year nobody declared.
    assert_eq!(app.register(tb, 2025).unwrap().undeclared.len(), 3);

    // Edited, ended, and (once never declared at a meeting) deleted.
    let edited = app
        .update_interest(
            i.id,
            &InterestDetails {
                category: InterestCategory::Indirect,
                ..entry(
                    ned.person.id,
                    "Spouse is a director of Calder Construction Ltd",
                )
            },
            today,
        )
        .unwrap();
    assert_eq!(edited.category, InterestCategory::Indirect);
    let err = app.end_interest(i.id, d(2024, 1, 1)).unwrap_err();
    assert!(err.to_string().contains("began on 2024-04-01"), "{err}");
    let ended = app.end_interest(i.id, d(2026, 6, 30)).unwrap();
    assert_eq!(ended.to, Some(d(2026, 6, 30)));
    app.delete_interest(i.id).unwrap();
    assert!(app.interests(Some(ned.person.id)).unwrap().is_empty());
    app.remove_nil_return(chair.person.id, 2026).unwrap();
    assert_eq!(app.register(tb, 2026).unwrap().undeclared.len(), 3);
}

#[test]
fn members_import_from_csv_with_a_preview_and_update_on_reimport() {
    let (dir, app, tb) = board();
    let file = csv(
        &dir,
        "members.csv",
        "Name,Initials,Role,Kind,Voting,Email,Start date,Notes\n\
         Ruth Evans,RE,Trust Chair,Chair,,ruth.evans@nhs.net,01/04/2023,\n\
         Sam Okoro,SO,Chief Executive,Executive director,yes,,,\n\
         \"O'Neill, Tim\",TO'N,Non-executive director,NED,,,,from the old sheet\n\
         Alan Wood,,Associate NED,associate,,,,\n",
    );
    let today = d(2026, 5, 6);
    let preview = app
        .preview_import(tb, ImportKind::Members, &file, today)
        .unwrap();
    assert!(preview.ready, "{:?}", preview.all_problems());
    assert_eq!(
        (preview.adds, preview.updates, preview.unchanged),
        (4, 0, 0)
    );
    assert_eq!(preview.rows[0].line, 2);
    assert_eq!(
        preview.rows[0].summary,
        "Ruth Evans (RE), Trust Chair, Chair"
    );
    assert_eq!(
        preview.notes.len(),
        1,
        "the Notes column is ignored, and said so"
    );
    assert!(
        app.members(tb).unwrap().is_empty(),
        "a preview saves nothing"
    );

    app.import(tb, ImportKind::Members, &file, today).unwrap();
    let members = app.members(tb).unwrap();
    let initials: Vec<&str> = members.iter().map(|m| m.person.initials.as_str()).collect();
    assert_eq!(initials, ["RE", "SO", "TO'N", "AW"], "in the file's order");
    assert_eq!(members[0].membership.from, Some(d(2023, 4, 1)));
    assert!(!members[3].membership.voting);

    // The same file again changes nothing; an edited one updates, and adds the new.
    let again = app.import(tb, ImportKind::Members, &file, today).unwrap();
    assert_eq!((again.adds, again.updates, again.unchanged), (0, 0, 4));
    let edited = csv(
        &dir,
        "members2.csv",
        "name;initials;role;kind;phone\n\
         Sam Okoro;SO;Chief Executive Officer;executive_director;0161 496 0100\n\
         Grace Lee;GL;Company Secretary;secretary;\n",
    );
    let done = app.import(tb, ImportKind::Members, &edited, today).unwrap();
    assert_eq!((done.adds, done.updates), (1, 1));
    let members = app.members(tb).unwrap();
    assert_eq!(members.len(), 5);
    assert_eq!(members[1].membership.role, "Chief Executive Officer");
    assert_eq!(members[1].person.phone, "0161 496 0100");
    assert_eq!(members[4].person.initials, "GL");
}

#[test]
fn a_members_file_with_bad_rows_names_each_problem_and_saves_nothing() {
    let (dir, app, tb) = board();
    app.add_membership(tb, &member("Ruth Evans", "RE", MemberKind::Chair))
        .unwrap();
    let file = csv(
        &dir,
        "members.csv",
        "name,initials,kind,from\n\
         Sam Okoro,SO,executive director,2024-13-01\n\
         Sarah Oakes,SO,non-executive director,\n\
         Rob Ellis,RE,member,\n\
         Jo Bloggs,JB,boss,\n\
         ,XX,chair,\n\
         Good Row,GR,member,\n",
    );
    let today = d(2026, 5, 6);
    let preview = app
        .preview_import(tb, ImportKind::Members, &file, today)
        .unwrap();
    assert!(!preview.ready);
    let problems = preview.all_problems();
    let expect = [
        "Line 2: “2024-13-01” is not a date: write it as YYYY-MM-DD (2024-04-01) or DD/MM/YYYY (01/04/2024).",
        "Line 3: The initials SO are also on line 2 (Sam Okoro): initials must be unique within the committee, so give one of them different initials.",
        "Line 4: The initials RE belong to Ruth Evans on Trust Board already: give Rob Ellis different initials, or correct the name.",
        "Line 5: “boss” is not a member kind: choose one of chair, vice_chair, executive_director, non_executive_director, associate, voting_member, in_attendance, secretary.",
        "Line 6: The name is empty: give the member's full name.",
    ];
    assert_eq!(problems, expect);
    let err = app
        .import(tb, ImportKind::Members, &file, today)
        .unwrap_err();
    assert_eq!(err.code(), "import_problems");
    assert!(
        err.to_string().starts_with(
            "Nothing was imported from members.csv: correct these 5 problems and import it again."
        ),
        "{err}"
    );
    assert_eq!(app.members(tb).unwrap().len(), 1, "not even the good row");
}

#[test]
fn interests_import_from_csv_and_reimport_updates() {
    let (dir, app, tb) = board();
    app.add_membership(tb, &member("Ruth Evans", "RE", MemberKind::Chair))
        .unwrap();
    let bo = app
        .add_membership(
            tb,
            &member("Bridget Okafor", "BO", MemberKind::NonExecutiveDirector),
        )
        .unwrap();
    let today = d(2026, 5, 6);
    let file = csv(
        &dir,
        "interests.csv",
        "Initials,Type of interest,Description,Organisation,From,Declared,Action taken\n\
         BO,Financial interest,Director and shareholder,Calder Construction Ltd,01/04/2024,07/04/2026,Withdraws from related decisions\n\
         Ruth Evans,Non-financial personal,Trustee,Northbridge Hospice,2019-09-01,,\n",
    );
    let preview = app
        .preview_import(tb, ImportKind::Interests, &file, today)
        .unwrap();
    assert!(preview.ready, "{:?}", preview.all_problems());
    assert_eq!(
        preview.rows[0].summary,
        "Bridget Okafor (BO): Financial interest – Director and shareholder"
    );
    app.import(tb, ImportKind::Interests, &file, today).unwrap();
    let mine = app.interests(Some(bo.person.id)).unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].declared_on, Some(d(2026, 4, 7)));
    assert_eq!(mine[0].action, "Withdraws from related decisions");
    assert!(
        app.register(tb, 2026).unwrap().undeclared.is_empty(),
        "both declared this year (RE today, when imported)"
    );

    let changed = csv(
        &dir,
        "interests2.csv",
        "member,category,description,to\n\
         BO,financial,director and shareholder,31/03/2026\n",
    );
    let done = app
        .import(tb, ImportKind::Interests, &changed, today)
        .unwrap();
    assert_eq!((done.adds, done.updates), (0, 1));
    let mine = app.interests(Some(bo.person.id)).unwrap();
    assert_eq!(mine.len(), 1, "updated, not duplicated");
    assert_eq!(mine[0].to, Some(d(2026, 3, 31)));
    assert_eq!(
        mine[0].organisation, "Calder Construction Ltd",
        "kept when left empty"
    );
}

#[test]
fn an_interests_file_with_bad_rows_saves_nothing() {
    let (dir, app, tb) = board();
    app.add_membership(
        tb,
        &member("Bridget Okafor", "BO", MemberKind::NonExecutiveDirector),
    )
    .unwrap();
    let file = csv(
        &dir,
        "interests.csv",
        "member,category,description,from\n\
         BO,shares,Director of Calder,2024-04-01\n\
         BO,financial,Director of Calder,April 2024\n\
         ZZ,financial,Something,\n\
         BO,indirect,,\n\
         BO,indirect,Spouse at GP practice,\n",
    );
    let today = d(2026, 5, 6);
    let err = app
        .import(tb, ImportKind::Interests, &file, today)
        .unwrap_err();
    let report = boardpack::ErrorReport::from(&err);
    assert_eq!(
        report.details,
        [
            "Line 2: “shares” is not a category of interest: choose one of financial, non_financial_professional, non_financial_personal, indirect.",
            "Line 3: “April 2024” is not a date: write it as YYYY-MM-DD (2024-04-01) or DD/MM/YYYY (01/04/2024).",
            "Line 4: No member of Trust Board has the initials or name “ZZ”: add them as a member first, or correct the cell.",
            "Line 5: The description is empty: say what the interest is.",
        ]
    );
    assert!(app.interests(None).unwrap().is_empty());
    let preview = app
        .preview_import(tb, ImportKind::Interests, &file, today)
        .unwrap();
    assert_eq!(preview.rows[4].action, RowAction::Add);
    assert!(preview.rows[4].problems.is_empty());
}

#[test]
fn files_that_are_not_csv_tables_are_explained() {
    let (dir, app, tb) = board();
    let today = d(2026, 5, 6);
    let xlsx = csv(&dir, "members.xlsx", "PK");
    let err = app
        .preview_import(tb, ImportKind::Members, &xlsx, today)
        .unwrap_err();
    assert!(err.to_string().contains("save it as CSV"), "{err}");
    let empty = csv(&dir, "empty.csv", "\n\n");
    let preview = app
        .preview_import(tb, ImportKind::Members, &empty, today)
        .unwrap();
    assert!(!preview.ready);
    assert!(
        preview.problems[0].starts_with("The file is empty"),
        "{:?}",
        preview.problems
    );
    let missing = csv(&dir, "nokind.csv", "name,role\nA Person,Member\n");
    let preview = app
        .preview_import(tb, ImportKind::Members, &missing, today)
        .unwrap();
    assert_eq!(preview.problems.len(), 1);
    assert!(preview.problems[0].contains("no “kind” column"));
    // Windows-1252, as older Excel saves: the curly apostrophe survives.
    let path = dir.path().join("cp1252.csv");
    std::fs::write(&path, b"name,initials,kind\nTim O\x92Neill,TON,chair\n").unwrap();
    app.import(tb, ImportKind::Members, &path, today).unwrap();
    assert_eq!(app.members(tb).unwrap()[0].person.name, "Tim O’Neill");
}

/// Each page's width and height (from its MediaBox) and the document's Author, read
/// through the PDF's own objects.
pub fn pages_and_author(path: &std::path::Path) -> (Vec<(f32, f32)>, String) {
    let doc = lopdf::Document::load(path).unwrap();
    let sizes = doc
        .get_pages()
        .values()
        .map(|id| {
            let page = doc.get_dictionary(*id).unwrap();
            let bx = page.get(b"MediaBox").unwrap().as_array().unwrap();
            let n = |k: usize| bx[k].as_float().unwrap();
            (n(2) - n(0), n(3) - n(1))
        })
        .collect();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let author = doc
        .get_dictionary(info)
        .unwrap()
        .get(b"Author")
        .unwrap()
        .clone();
    (sizes, lopdf::decode_text_string(&author).unwrap())
}

#[test]
fn the_published_register_lists_members_by_surname_with_date_declared_and_action() {
    let (dir, app) = super::demo();
    let tb = app.committee_by_code("TB").unwrap();
    // A director without a vote is on the register too; nothing is declared for them yet.
    app.add_membership(
        tb.id,
        &boardpack::MemberDetails {
            role: "Director of Digital Services".into(),
            voting: Some(false),
            ..member("Dr Yusuf Abbas", "YA", MemberKind::ExecutiveDirector)
        },
    )
    .unwrap();
    let out = dir.path().join("register.pdf");
    app.export_register(tb.id, d(2026, 12, 3), &out).unwrap();
    let text = super::pdf_text(&out, true);
    // The header: "Date declared" may take two lines.
    assert!(
        text.lines().any(|l| l.contains("Name")
            && l.contains("Role")
            && l.contains("Interest")
            && l.contains("Type")
            && l.contains("Date")
            && l.contains("Action taken or mitigation")),
        "{text}"
    );
    for needle in [
        "as at 3 Dec 2026, listed by surname",
        "7 Apr 2026",
        "Takes no part in the discussion",
        "Nil return: no interests to declare",
        "No declaration received for 2026",
        "Since 1 Apr 2024",
    ] {
        assert!(text.contains(needle), "{needle:?} is not in:\n{text}");
    }
    // By surname, whatever titles come before it.
    let order = [
        "Dr Yusuf Abbas",
        "John Adeyemi",
        "Hazel Brennan",
        "Colonel (Retd) Ian Crowe",
        "Carol Fenwick",
        "Martin Hughes",
        "Dame Helen Marsh",
        "Bridget Okafor",
        "Tim O’Neill",
        "Dr Rajesh Patel",
        "Professor Aisha Rahman",
        "Stephen Ward",
        "Sarah Whitfield",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|n| {
            text.find(n)
                .unwrap_or_else(|| panic!("{n} is missing:\n{text}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}\n{text}");
    assert!(
        !text.contains("Hannah Rowe"),
        "the secretary is not on the register"
    );
    // Dates stay on one line: seven returns and interests were declared on 7 April.
    assert_eq!(text.matches("7 Apr 2026").count(), 7, "{text}");
    // Six columns need landscape; the organisation is the author.
    let (pages, author) = pages_and_author(&out);
    assert!(pages.iter().all(|(w, h)| w > h), "{pages:?}");
    assert_eq!(author, "Riverside University Hospitals NHS Trust");

    // As at May, the interest Dr Patel declared in June is not on it yet, and he had
    // made no declaration for the year.
    app.export_register(tb.id, d(2026, 5, 1), &out).unwrap();
    let text = super::pdf_text(&out, false);
    assert!(!text.contains("Riverside Medical Group"), "{text}");
    assert!(text.contains("Dr Rajesh Patel"), "{text}");
    // Dr Abbas and Dr Patel.
    assert_eq!(text.matches("No declaration received").count(), 2, "{text}");
    // Before the year's returns, nobody had declared for it.
    app.export_register(tb.id, d(2026, 1, 15), &out).unwrap();
    let text = super::pdf_text(&out, false);
    assert!(!text.contains("Nil return"), "{text}");
    assert!(!text.contains("Calder"), "{text}");
}
