//! What makes a PDF Boardpack writes a PDF/UA-1 document at the level of the whole file
//! (ISO 14289-1, 7.1 and 7.2): the catalog's `/MarkInfo`, `/Lang`, `/StructTreeRoot`, the
//! viewer showing the title rather than the file name, and the XMP metadata stream that
//! repeats the title and declares `pdfuaid:part 1`. Both writers use it: the one for the
//! pages Boardpack lays out ([`crate::write()`]) and the pack's assembler.
//!
//! Like the rest of the crate it reads no clock: the dates come from [`PdfOptions`].

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

use crate::options::PdfOptions;

/// The XMP metadata stream: title, author, subject, language, dates, producer and the
/// PDF/UA identification, uncompressed (as readers of metadata expect).
pub(crate) fn metadata(opts: &PdfOptions) -> Stream {
    let date = opts.created.format("%Y-%m-%dT%H:%M:%S").to_string();
    let mut x = String::with_capacity(1600);
    x.push_str("<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    x.push_str("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str(
        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
         xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n",
    );
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    x.push_str(&format!(
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n",
        escape(&opts.title)
    ));
    if !opts.author.trim().is_empty() {
        x.push_str(&format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            escape(&opts.author)
        ));
    }
    if !opts.subject.trim().is_empty() {
        x.push_str(&format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            escape(&opts.subject)
        ));
    }
    x.push_str(&format!(
        "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
        escape(lang(opts))
    ));
    x.push_str("<pdf:Producer>Boardpack</pdf:Producer>\n");
    x.push_str("<xmp:CreatorTool>Boardpack</xmp:CreatorTool>\n");
    x.push_str(&format!("<xmp:CreateDate>{date}</xmp:CreateDate>\n"));
    x.push_str(&format!("<xmp:ModifyDate>{date}</xmp:ModifyDate>\n"));
    x.push_str(&format!("<xmp:MetadataDate>{date}</xmp:MetadataDate>\n"));
    x.push_str("<pdfuaid:part>1</pdfuaid:part>\n");
    x.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    Stream::new(dict, x.into_bytes())
}

/// The document's language: the options' when it is a plausible language tag, else
/// British English.
pub(crate) fn lang(opts: &PdfOptions) -> &str {
    let tag = opts.lang.trim();
    let plausible = !tag.is_empty()
        && tag.len() <= 35
        && tag
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()));
    if plausible {
        tag
    } else {
        crate::options::DEFAULT_LANG
    }
}

/// Sets the catalog entries of a PDF/UA-1 document: its language, the title shown in the
/// viewer's title bar, the metadata stream, and, when the document has a structure tree,
/// the tree and `/MarkInfo << /Marked true >>`.
pub(crate) fn mark_catalog(
    catalog: &mut Dictionary,
    opts: &PdfOptions,
    metadata: ObjectId,
    structure: Option<ObjectId>,
) {
    catalog.set(
        "Lang",
        Object::String(lang(opts).as_bytes().to_vec(), StringFormat::Literal),
    );
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    catalog.set("Metadata", Object::Reference(metadata));
    if let Some(tree) = structure {
        let mut mark = Dictionary::new();
        mark.set("Marked", Object::Boolean(true));
        catalog.set("MarkInfo", Object::Dictionary(mark));
        catalog.set("StructTreeRoot", Object::Reference(tree));
    }
}

/// Escapes text for XML character data.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(title: &str, lang: &str) -> PdfOptions {
        PdfOptions {
            title: title.into(),
            author: "Northfield <NHS> & Trust".into(),
            subject: String::new(),
            created: chrono::NaiveDate::from_ymd_opt(2026, 12, 3)
                .and_then(|d| d.and_hms_opt(9, 30, 0))
                .expect("date"),
            document_id: [7; 16],
            lang: lang.into(),
        }
    }

    #[test]
    fn metadata_declares_pdf_ua_and_escapes_the_title() {
        let s = metadata(&opts("Minutes \u{1} of <Board> & \"Co\"", "cy"));
        let text = String::from_utf8(s.content).expect("utf-8");
        assert!(text.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(text.contains(
            "<rdf:li xml:lang=\"x-default\">Minutes   of &lt;Board&gt; &amp; &quot;Co&quot;</rdf:li>"
        ));
        assert!(text.contains("<rdf:li>Northfield &lt;NHS&gt; &amp; Trust</rdf:li>"));
        assert!(text.contains("<dc:language><rdf:Bag><rdf:li>cy</rdf:li>"));
        assert!(text.contains("<xmp:CreateDate>2026-12-03T09:30:00</xmp:CreateDate>"));
        assert!(!text.contains("dc:description"), "no empty subject");
    }

    #[test]
    fn an_implausible_language_falls_back_to_british_english() {
        assert_eq!(lang(&opts("t", "en-GB")), "en-GB");
        assert_eq!(lang(&opts("t", " gd ")), "gd");
        assert_eq!(lang(&opts("t", "")), "en-GB");
        assert_eq!(lang(&opts("t", "en GB)")), "en-GB");
        assert_eq!(lang(&opts("t", "en--GB")), "en-GB");
    }

    #[test]
    fn the_catalog_is_marked_only_with_a_structure_tree() {
        let mut catalog = Dictionary::new();
        mark_catalog(&mut catalog, &opts("t", "en-GB"), (9, 0), None);
        assert!(catalog.has(b"Lang") && catalog.has(b"ViewerPreferences"));
        assert!(!catalog.has(b"MarkInfo") && !catalog.has(b"StructTreeRoot"));
        mark_catalog(&mut catalog, &opts("t", "en-GB"), (9, 0), Some((4, 0)));
        assert!(catalog.has(b"MarkInfo") && catalog.has(b"StructTreeRoot"));
    }
}
