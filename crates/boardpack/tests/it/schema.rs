//! The archive's JSON Schema, generated from the types: the committed file is what the
//! types say, and a cover sheet handed in as JSON is checked against the same schema and
//! the same domain rules, with errors that name the field.

use std::path::Path;

use serde_json::{json, Value};

use boardpack::schema::archive_schema;
use boardpack::Boardpack;
use boardpack_core::paper::{Answer, CoverSheet, NextPaper};
use boardpack_core::risk::RiskRegister;
use boardpack_core::PaperId;

/// The schema as `docs/archive.schema.json` holds it: pretty JSON and a final newline.
fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&archive_schema()).unwrap();
    text.push('\n');
    text
}

#[test]
fn the_schema_file_is_written_from_the_types() {
    // Like the TypeScript bindings: `cargo test` writes the file, and CI fails when the
    // committed one differs (scripts/test.sh), so it cannot drift from the code.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/archive.schema.json");
    let text = schema_text();
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, &text).unwrap();
    }
    let schema = archive_schema();
    assert_eq!(
        schema["title"],
        format!(
            "Boardpack archive (archive.json), versions 1 to {}",
            boardpack::archive::VERSION
        )
    );
    assert_eq!(schema["$id"], boardpack::schema::SCHEMA_ID);
    assert_eq!(schema["properties"]["format"]["const"], "boardpack-archive");
    assert_eq!(
        schema["properties"]["version"]["maximum"],
        boardpack::archive::VERSION
    );
    // Field docs are the descriptions.
    let cover = &schema["$defs"]["CoverSheet"];
    assert_eq!(
        cover["properties"]["baf"]["description"],
        "Board Assurance Framework."
    );
    assert_eq!(cover["additionalProperties"], false);
    // Fields older archives may lack are optional; the rest are required.
    let person = &schema["$defs"]["Person"];
    let required: Vec<&str> = person["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(!required.contains(&"phone") && required.contains(&"initials"));
    // Ids are UUIDs.
    assert_eq!(
        schema["$defs"]["Meeting"]["properties"]["id"]["format"],
        "uuid"
    );
}

fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&archive_schema())
        .unwrap()
}

#[test]
fn the_schema_accepts_what_the_types_write_and_refuses_what_serde_refuses() {
    let (_dir, app) = super::demo();
    let archive = app.archive(&boardpack::ArchiveScope::Everything).unwrap();
    let value = serde_json::to_value(&archive).unwrap();
    let errors: Vec<String> = validator()
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // Each change below breaks a rule of the types; serde and the schema both refuse it.
    type Break = (&'static str, fn(&mut Value));
    let breaks: [Break; 8] = [
        ("unknown field", |v| {
            v["meetings"][0]["colour"] = "blue".into()
        }),
        ("bad id", |v| v["meetings"][0]["id"] = "not-an-id".into()),
        ("bad date", |v| {
            v["meetings"][0]["date"] = "2026-02-30".into()
        }),
        ("bad enum", |v| {
            v["meetings"][0]["status"] = "adjourned".into()
        }),
        ("missing field", |v| {
            v["papers"][0]["cover"]
                .as_object_mut()
                .unwrap()
                .remove("context");
        }),
        ("bad tag", |v| {
            v["papers"][0]["cover"]["next_paper"] = json!({"kind": "soon"})
        }),
        ("bad objective key", |v| {
            v["papers"][0]["cover"]["objectives"] = json!({"first": "yes"})
        }),
        ("negative count", |v| {
            v["committees"][0]["paper_deadline_days"] = json!(-1)
        }),
    ];
    for (what, break_it) in breaks {
        let mut broken = value.clone();
        break_it(&mut broken);
        assert!(
            !validator().is_valid(&broken),
            "the schema accepts a {what}"
        );
        assert!(
            serde_json::from_value::<boardpack::archive::Archive>(broken).is_err(),
            "serde accepts a {what}"
        );
    }
}

/// A demo paper whose cover sheet is complete.
fn demo_paper(app: &Boardpack) -> PaperId {
    app.archive(&boardpack::ArchiveScope::Everything)
        .unwrap()
        .papers
        .into_iter()
        .find(|p| !p.cover.objectives.is_empty() && !p.cover.baf.risks.is_empty())
        .unwrap()
        .id
}

#[test]
fn a_cover_sheet_goes_out_and_back_in_as_json() {
    let (_dir, app) = super::demo();
    let id = demo_paper(&app);
    let before = app.paper(id).unwrap();
    let json = app.cover_sheet_json(id).unwrap();
    let value: Value = serde_json::from_str(&json).unwrap();
    // The archive's shape: what archive.json holds as the paper's cover.
    let archive =
        serde_json::to_value(app.archive(&boardpack::ArchiveScope::Everything).unwrap()).unwrap();
    let in_archive = archive["papers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id.to_string())
        .unwrap();
    assert_eq!(value, in_archive["cover"]);
    // Changed and handed back: replaced, and found by search at once.
    let mut cover: CoverSheet = serde_json::from_value(value).unwrap();
    cover.context = "The quarterly review of the Zanzibar ward reconfiguration.".into();
    cover.next_paper = NextPaper::Meeting {
        meeting: "March 2027 Trust Board".into(),
    };
    let text = serde_json::to_vec(&cover).unwrap();
    let after = app.replace_cover_sheet(id, &text, "cover.json").unwrap();
    assert_eq!(after.cover, cover);
    assert_eq!(app.paper(id).unwrap().cover, cover);
    assert_eq!(
        (after.title, after.document),
        (before.title, before.document)
    );
    let hits = app.search("zanzibar", 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].kind, boardpack::SearchKind::Paper);
}

#[test]
fn a_bad_cover_sheet_is_refused_with_the_field_named_and_nothing_changes() {
    let (_dir, app) = super::demo();
    let id = demo_paper(&app);
    let before = app.paper(id).unwrap();
    let good: Value = serde_json::from_str(&app.cover_sheet_json(id).unwrap()).unwrap();
    let org = app.organisations().unwrap()[0].id;
    let operational = app
        .risks(org)
        .unwrap()
        .into_iter()
        .find(|r| r.register == RiskRegister::Operational)
        .unwrap();
    let cases: Vec<(Value, &str)> = vec![
        (
            { let mut v = good.clone(); v.as_object_mut().unwrap().remove("conclusion"); v },
            "cover.json lacks the field “conclusion”: give every field of the cover sheet, as `boardpack paper cover --paper ID` prints them.",
        ),
        (
            { let mut v = good.clone(); v["risk_register"].as_object_mut().unwrap().remove("reason"); v },
            "cover.json lacks the field “risk_register.reason”: give every field of the cover sheet, as `boardpack paper cover --paper ID` prints them.",
        ),
        (
            { let mut v = good.clone(); v["contxt"] = "typo".into(); v },
            "cover.json has a field “contxt” that a cover sheet does not have: check the spelling against `boardpack paper cover --paper ID`.",
        ),
        (
            { let mut v = good.clone(); v["context"] = json!(5); v },
            "In cover.json, the field “context” of the cover sheet must be text, not 5.",
        ),
        (
            { let mut v = good.clone(); v["questions"] = json!(["Fine?", 7]); v },
            "In cover.json, the field “questions[1]” of the cover sheet must be text, not 7.",
        ),
        (
            { let mut v = good.clone(); v["purposes"] = json!(["approval"]); v },
            "In cover.json, the field “purposes[0]” of the cover sheet is \"approval\", which is not one of \"decision\", \"discussion\", \"assurance\", \"noting\".",
        ),
        (
            { let mut v = good.clone(); v["summary_page_limit"] = json!(-1); v },
            "In cover.json, the field “summary_page_limit” of the cover sheet is not valid",
        ),
        (
            { let mut v = good.clone(); v["next_paper"] = json!({"kind": "soon"}); v },
            "In cover.json, the field “next_paper” of the cover sheet is not valid: unknown variant `soon`, expected one of `unset`, `date`, `meeting`, `tbc`, `none_planned_yet`.",
        ),
        (
            { let mut v = good.clone(); v["next_paper"] = json!({"kind": "date", "date": "2027-02-30"}); v },
            "In cover.json, the field “next_paper” of the cover sheet is not valid",
        ),
        (
            json!([1, 2]),
            "In cover.json, the cover sheet must be an object, not [1,2].",
        ),
    ];
    for (value, expected) in cases {
        let err = app
            .replace_cover_sheet(id, value.to_string().as_bytes(), "cover.json")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(expected), "{err}\n  expected: {expected}");
        assert_eq!(app.paper(id).unwrap(), before);
    }
    let err = app
        .replace_cover_sheet(id, b"{\"context\": ", "cover.json")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("cover.json is not valid JSON (EOF while parsing"),
        "{err}"
    );
    // The shape is right, but the domain's rules are not met.
    let mut cover: CoverSheet = serde_json::from_value(good.clone()).unwrap();
    cover.objectives.insert(
        boardpack_core::ObjectiveId(uuid::Uuid::from_u128(7)),
        Answer::Yes,
    );
    let err = app
        .replace_cover_sheet(id, &serde_json::to_vec(&cover).unwrap(), "cover.json")
        .unwrap_err()
        .to_string();
    assert_eq!(err, "The cover sheet answers about the objective 00000000-0000-0000-0000-000000000007, which is not one of the organisation's strategic objectives: answer only about those its objectives list.");
    let mut cover: CoverSheet = serde_json::from_value(good).unwrap();
    cover.baf.risks.push(operational.id);
    let err = app
        .replace_cover_sheet(id, &serde_json::to_vec(&cover).unwrap(), "cover.json")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        format!("The cover sheet links risk {} under “Board Assurance Framework”, but that risk is on the other register: link it there, or choose a risk of this one.", operational.reference)
    );
    assert_eq!(app.paper(id).unwrap(), before);
    // The window's save applies the same rules.
    let edit = boardpack::papers::PaperEdit {
        id,
        title: before.title.clone(),
        authors: before.authors.clone(),
        sponsor: before.sponsor.clone(),
        letter: String::new(),
        cover,
        received_on: String::new(),
    };
    assert!(app.update_paper(&edit).is_err());
    assert_eq!(app.paper(id).unwrap(), before);
}
