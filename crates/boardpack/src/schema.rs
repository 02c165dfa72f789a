//! The archive's JSON Schema, generated from the Rust types the archive is made of
//! (`schemars`), so the schema cannot drift from the code: field docs become descriptions,
//! serde's rules (required fields, defaults of older versions, tags, unknown fields refused)
//! become the schema's. `docs/archive.schema.json` is this schema, written by a test
//! (`tests/it/schema.rs`) and checked to be current in CI.
//!
//! It also checks JSON a user hands in against that same schema: a cover sheet read from a
//! file (`boardpack paper cover --from`), with errors that name the field. This module does
//! not write the schema file and holds no rule of its own beyond what the types say.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use schemars::generate::SchemaSettings;
use serde_json::{json, Value};

use boardpack_core::paper::CoverSheet;

use crate::archive::{Archive, VERSION};
use crate::error::{Error, Result};

/// Where the schema says it lives (its `$id`).
pub const SCHEMA_ID: &str = "https://boardpack.org/schema/archive.json";

/// The JSON Schema of `archive.json` (draft 2020-12), as `docs/archive.schema.json` holds it.
pub fn archive_schema() -> Value {
    let schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<Archive>();
    let mut value = schema.to_value();
    if let Some(root) = value.as_object_mut() {
        // `$id` and the title first after `$schema`, as a reader expects them.
        let rest = std::mem::take(root);
        let mut ordered = serde_json::Map::new();
        if let Some(s) = rest.get("$schema") {
            ordered.insert("$schema".into(), s.clone());
        }
        ordered.insert("$id".into(), SCHEMA_ID.into());
        ordered.insert(
            "title".into(),
            format!("Boardpack archive (archive.json), versions 1 to {VERSION}").into(),
        );
        for (k, v) in rest {
            if k != "$schema" && k != "title" {
                ordered.insert(k, v);
            }
        }
        *root = ordered;
    }
    value
}

/// The archive's schema narrowed to one of its definitions (`CoverSheet`), for checking
/// that piece alone.
fn schema_of(definition: &str) -> Value {
    let archive = archive_schema();
    json!({
        "$schema": archive["$schema"],
        "$ref": format!("#/$defs/{definition}"),
        "$defs": archive["$defs"],
    })
}

/// A JSON pointer (`/risk_register/answer`, `/questions/2`) as a field name a user reads:
/// `risk_register.answer`, `questions[2]`.
fn field_name(pointer: &str) -> String {
    let mut out = String::new();
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if segment.chars().all(|c| c.is_ascii_digit()) && !segment.is_empty() {
            out.push_str(&format!("[{segment}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&segment);
        }
    }
    out
}

/// What a JSON type is called in a sentence.
fn type_words(kind: &TypeKind) -> String {
    let word = |t: &str| match t {
        "string" => "text",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "array" => "a list",
        "object" => "an object",
        "null" => "null",
        _ => "another type",
    };
    match kind {
        TypeKind::Single(t) => word(&t.to_string()).to_owned(),
        TypeKind::Multiple(ts) => ts
            .iter()
            .map(|t| word(&t.to_string()))
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

/// Parses a cover sheet in the archive's shape, checked against the archive's schema. The
/// error is one sentence that names the field (`name` is the file, for the user).
pub fn cover_sheet_from_json(json: &[u8], name: &str) -> Result<CoverSheet> {
    let value: Value = serde_json::from_slice(json).map_err(|e| {
        Error::Archive(format!(
            "{name} is not valid JSON ({e}): write the cover sheet as `boardpack paper cover --paper ID` prints it."
        ))
    })?;
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema_of("CoverSheet"))
        .map_err(|e| Error::Archive(format!("The archive's schema cannot be used ({e}).")))?;
    if let Some(e) = validator.iter_errors(&value).next() {
        let path = e.instance_path.as_str();
        let field = field_name(path);
        let at = if field.is_empty() {
            String::new()
        } else {
            format!("the field “{field}” of ")
        };
        let problem = match &e.kind {
            ValidationErrorKind::Required { property } => {
                let inner = property.as_str().unwrap_or_default();
                let full = if field.is_empty() {
                    inner.to_owned()
                } else {
                    format!("{field}.{inner}")
                };
                format!("{name} lacks the field “{full}”: give every field of the cover sheet, as `boardpack paper cover --paper ID` prints them.")
            }
            ValidationErrorKind::AdditionalProperties { unexpected } => format!(
                "{name} has {} that a cover sheet does not have{}: check the spelling against `boardpack paper cover --paper ID`.",
                match unexpected.as_slice() {
                    [one] => format!("a field “{}”", join_field(&field, one)),
                    many => format!(
                        "fields {}",
                        many.iter()
                            .map(|u| format!("“{}”", join_field(&field, u)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                },
                if field.is_empty() { String::new() } else { format!(" in “{field}”") }
            ),
            ValidationErrorKind::Type { kind } => format!(
                "In {name}, {at}the cover sheet must be {}, not {}.",
                type_words(kind),
                e.instance
            ),
            ValidationErrorKind::Enum { options } => format!(
                "In {name}, {at}the cover sheet is {}, which is not one of {}.",
                e.instance,
                options
                    .as_array()
                    .map(|o| o.iter().map(Value::to_string).collect::<Vec<_>>().join(", "))
                    .unwrap_or_default()
            ),
            ValidationErrorKind::OneOfNotValid { .. } | ValidationErrorKind::AnyOf { .. } => {
                // "Valid under none of the schemas" says nothing useful: serde, which the
                // schema was made from, says which variant or field it expected.
                let why = serde_json::from_value::<CoverSheet>(value.clone())
                    .err()
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| e.to_string());
                format!("In {name}, {at}the cover sheet is not valid: {why}.")
            }
            _ => format!("In {name}, {at}the cover sheet is not valid: {e}."),
        };
        return Err(Error::Archive(problem));
    }
    serde_json::from_value(value).map_err(|e| {
        Error::Archive(format!(
            "{name} does not match the cover sheet of the archive format: {e}."
        ))
    })
}

fn join_field(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_owned()
    } else {
        format!("{parent}.{child}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_read_as_field_names() {
        assert_eq!(field_name(""), "");
        assert_eq!(field_name("/context"), "context");
        assert_eq!(field_name("/risk_register/answer"), "risk_register.answer");
        assert_eq!(field_name("/questions/2"), "questions[2]");
        assert_eq!(
            field_name("/previous_consideration/0/purpose"),
            "previous_consideration[0].purpose"
        );
    }
}
