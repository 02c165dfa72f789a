//! The words of an attached PDF, for search: the text its pages show, in content-stream
//! order, as one line of words. It is derived data for an index, not a faithful rendering:
//! no layout, no columns, no text drawn inside forms or images. A file whose text cannot be
//! read (damaged, scanned, odd fonts) gives what could be read, perhaps nothing; reading
//! never panics and never grows without bound.

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Document, Encoding, Object};

use crate::inspect::{page_ids, PdfProblem};

/// Decompressed content (and font maps) read per page at most: a small stream cannot
/// inflate into gigabytes.
const PAGE_CONTENT_LIMIT: usize = 64 * 1024 * 1024;

/// A PDF's text as search keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PdfText {
    /// The words, separated by single spaces.
    pub text: String,
    /// The text stopped at the limit asked for; later pages were not read.
    pub truncated: bool,
    /// Pages that yielded no text (scanned pages, unreadable fonts or contents).
    pub pages_without_text: u32,
}

/// Reads the text of the PDF in `bytes`, at most `max_chars` characters of it. Refuses only
/// a file that cannot be opened at all (the same problems [`crate::inspect()`] names);
/// pages that cannot be read are counted, not fatal.
pub fn extract_text(bytes: &[u8], max_chars: usize) -> Result<PdfText, PdfProblem> {
    // lopdf can panic on hostile input; a panic here must only cost the text.
    std::panic::catch_unwind(|| extract(bytes, max_chars))
        .unwrap_or_else(|_| Err(PdfProblem::Damaged("the PDF reader gave up on it".into())))
}

fn extract(bytes: &[u8], max_chars: usize) -> Result<PdfText, PdfProblem> {
    let doc = crate::inspect::open(bytes)?;
    let mut out = PdfText::default();
    let mut words = Words::new(max_chars);
    for page in page_ids(&doc)? {
        if words.full() {
            out.truncated = true;
            break;
        }
        let before = words.count;
        // A page that fails part-way keeps the words read before the failure.
        let _ = page_text(&doc, page, &mut words);
        if words.count == before {
            out.pages_without_text += 1;
        }
    }
    out.truncated |= words.full();
    out.text = words.text;
    Ok(out)
}

/// Walks one page's content stream: `Tf` chooses the font (so its encoding and widths),
/// the text operators add their strings, and a new line, a new text object or a move along
/// the line past the last glyph ends a word. Many producers place every glyph (or every
/// word) with its own `Td`, so where the pen lands, measured with the font's widths, is
/// what tells a space from the next letter.
fn page_text(doc: &Document, page: lopdf::ObjectId, words: &mut Words) -> lopdf::Result<()> {
    let fonts = doc.get_page_fonts(page)?;
    // A font's /ToUnicode map says what its codes mean; lopdf reads /Encoding first, which
    // for the composite fonts most producers write (Identity-H) gives nonsense. So a font
    // with a map is read as a copy without its /Encoding.
    let mapped: Vec<(Vec<u8>, lopdf::Dictionary)> = fonts
        .iter()
        .filter(|(_, font)| font.has(b"ToUnicode"))
        .map(|(name, font)| {
            let mut copy = (*font).clone();
            copy.remove(b"Encoding");
            (name.clone(), copy)
        })
        .collect();
    let mut encodings: BTreeMap<&[u8], Encoding<'_>> = BTreeMap::new();
    for (name, font) in &mapped {
        if let Ok(e) = font.get_font_encoding_with_limit(doc, PAGE_CONTENT_LIMIT) {
            encodings.insert(name, e);
        }
    }
    for (name, font) in &fonts {
        if !encodings.contains_key(name.as_slice()) {
            if let Ok(e) = font.get_font_encoding_with_limit(doc, PAGE_CONTENT_LIMIT) {
                encodings.insert(name, e);
            }
        }
    }
    let widths: BTreeMap<&[u8], Widths> = fonts
        .iter()
        .map(|(name, font)| (name.as_slice(), Widths::of(doc, font)))
        .collect();
    let content = Content::decode(&doc.get_page_content_with_limit(page, PAGE_CONTENT_LIMIT)?)?;
    let mut pen = Pen::default();
    for op in &content.operations {
        if words.full() {
            break;
        }
        let num = |k: usize| op.operands.get(k).and_then(number);
        match op.operator.as_str() {
            "Tf" => {
                let name = op.operands.first().and_then(|o| o.as_name().ok());
                pen.encoding = name.and_then(|n| encodings.get(n));
                pen.widths = name.and_then(|n| widths.get(n));
                pen.size = num(1).unwrap_or(pen.size);
            }
            "Tj" => pen.show(op.operands.first(), words),
            "'" => {
                pen.new_line(words);
                pen.show(op.operands.first(), words);
            }
            "\"" => {
                pen.new_line(words);
                pen.show(op.operands.get(2), words);
            }
            "TJ" => {
                if let Some(Object::Array(parts)) = op.operands.first() {
                    for part in parts {
                        match number(part) {
                            Some(n) => {
                                // A gap wider than about a fifth of an em is a space.
                                if n < -200.0 {
                                    words.gap();
                                }
                                pen.x -= n / 1000.0 * pen.size;
                            }
                            None => pen.show(Some(part), words),
                        }
                    }
                }
            }
            "Td" | "TD" => pen.move_by(num(0).unwrap_or(0.0), num(1).unwrap_or(0.0), words),
            "Tm" => {
                // A new matrix: a new line unless it keeps to the same baseline.
                let y = num(5);
                if y != pen.matrix_y {
                    words.gap();
                }
                pen.matrix_y = y;
                pen.line_x = 0.0;
                pen.x = 0.0;
            }
            "T*" | "BT" | "ET" => pen.new_line(words),
            _ => {}
        }
    }
    words.gap();
    Ok(())
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(n) => Some(*n as f32),
        Object::Real(n) => Some(*n),
        _ => None,
    }
}

/// Where text is being drawn, in text space: enough to tell a space from the next letter.
#[derive(Default)]
struct Pen<'a> {
    encoding: Option<&'a Encoding<'a>>,
    widths: Option<&'a Widths>,
    size: f32,
    /// The start of the current line (`Td` moves from here).
    line_x: f32,
    /// Where the next glyph goes.
    x: f32,
    /// The vertical place the last `Tm` set.
    matrix_y: Option<f32>,
}

impl Pen<'_> {
    fn show(&mut self, operand: Option<&Object>, words: &mut Words) {
        let Some(Object::String(bytes, _)) = operand else {
            return;
        };
        if let Some(encoding) = self.encoding {
            let mut s = String::new();
            if encoding.write_to_string(bytes, &mut s).is_ok() {
                words.push(&s);
            }
        }
        let advance = self
            .widths
            .map_or(bytes.len() as f32 * 500.0, |w| w.advance(bytes));
        self.x += advance / 1000.0 * self.size;
    }

    fn new_line(&mut self, words: &mut Words) {
        words.gap();
        self.line_x = 0.0;
        self.x = 0.0;
    }

    /// `Td`: down a line ends a word; along the line, so does landing clearly past the
    /// last glyph (a fifth of an em) or going back before it.
    fn move_by(&mut self, tx: f32, ty: f32, words: &mut Words) {
        let to = self.line_x + tx;
        let em = self.size.abs().max(0.01);
        if ty != 0.0 || to - self.x > 0.2 * em || to < self.x - em {
            words.gap();
        }
        self.line_x = to;
        self.x = to;
    }
}

/// A font's glyph widths, in thousandths of an em, by character code.
#[derive(Debug, Default)]
struct Widths {
    /// Codes are two bytes (a composite font), not one.
    two_byte: bool,
    default: f32,
    by_code: BTreeMap<u32, f32>,
}

impl Widths {
    /// Reads `/FirstChar` and `/Widths` of a simple font, or `/DW` and `/W` of the first
    /// descendant of a composite (Type0) font. What cannot be read counts as half an em.
    fn of(doc: &Document, font: &lopdf::Dictionary) -> Widths {
        let deref = |o: &Object| -> Option<Object> {
            match o {
                Object::Reference(id) => doc.get_object(*id).ok().cloned(),
                other => Some(other.clone()),
            }
        };
        let get = |d: &lopdf::Dictionary, key: &[u8]| d.get(key).ok().and_then(deref);
        let subtype = font.get(b"Subtype").and_then(|o| o.as_name()).ok();
        let mut out = Widths {
            default: 500.0,
            ..Widths::default()
        };
        if subtype == Some(b"Type0".as_slice()) {
            out.two_byte = true;
            let descendant = get(font, b"DescendantFonts")
                .and_then(|a| a.as_array().ok().and_then(|a| a.first().cloned()))
                .and_then(|d| deref(&d))
                .and_then(|d| d.as_dict().ok().cloned());
            let Some(cid) = descendant else {
                return out;
            };
            out.default = get(&cid, b"DW").as_ref().and_then(number).unwrap_or(1000.0);
            let w = get(&cid, b"W").and_then(|w| w.as_array().ok().cloned());
            let mut items = w.unwrap_or_default().into_iter().filter_map(|o| deref(&o));
            while let Some(first) = items.next().as_ref().and_then(number) {
                let first = first.max(0.0) as u32;
                match items.next() {
                    Some(Object::Array(list)) => {
                        for (k, w) in list.iter().filter_map(&deref).enumerate() {
                            if let Some(w) = number(&w) {
                                out.by_code.insert(first.saturating_add(k as u32), w);
                            }
                        }
                    }
                    Some(last) => {
                        let (Some(last), Some(w)) =
                            (number(&last), items.next().as_ref().and_then(number))
                        else {
                            break;
                        };
                        // Two-byte codes: a range never reaches past 0xFFFF.
                        for code in first..=(last.max(0.0) as u32).min(0xFFFF) {
                            out.by_code.insert(code, w);
                        }
                    }
                    None => break,
                }
            }
        } else if subtype != Some(b"Type3".as_slice()) {
            // (Type 3 glyphs are measured in their own units, not thousandths of an em.)
            let first = get(font, b"FirstChar")
                .as_ref()
                .and_then(number)
                .unwrap_or(0.0);
            if let Some(Object::Array(list)) = get(font, b"Widths") {
                for (k, w) in list.iter().filter_map(&deref).enumerate().take(256) {
                    if let Some(w) = number(&w) {
                        out.by_code
                            .insert((first.max(0.0) as u32).saturating_add(k as u32), w);
                    }
                }
            }
        }
        out
    }

    /// The advance of a string's glyphs, in thousandths of an em.
    fn advance(&self, bytes: &[u8]) -> f32 {
        let width = |code: u32| *self.by_code.get(&code).unwrap_or(&self.default);
        if self.two_byte {
            bytes
                .chunks(2)
                .map(|c| width(c.iter().fold(0, |n, b| n * 256 + u32::from(*b))))
                .sum()
        } else {
            bytes.iter().map(|b| width(u32::from(*b))).sum()
        }
    }
}

/// Text gathered as words: runs of whitespace and control characters become one space,
/// and nothing is added past the limit (counted in characters).
struct Words {
    text: String,
    /// Characters in `text`.
    len: usize,
    limit: usize,
    /// Characters other than spaces added so far.
    count: usize,
    pending_space: bool,
}

impl Words {
    fn new(limit: usize) -> Words {
        Words {
            text: String::new(),
            len: 0,
            limit,
            count: 0,
            pending_space: false,
        }
    }

    fn full(&self) -> bool {
        self.len >= self.limit
    }

    fn gap(&mut self) {
        self.pending_space = !self.text.is_empty();
    }

    fn push(&mut self, s: &str) {
        for c in s.chars() {
            // Typeset ligatures are the letters they join, as a reader types them.
            match c {
                'ﬀ' => self.push("ff"),
                'ﬁ' => self.push("fi"),
                'ﬂ' => self.push("fl"),
                'ﬃ' => self.push("ffi"),
                'ﬄ' => self.push("ffl"),
                'ﬅ' | 'ﬆ' => self.push("st"),
                c => self.push_char(c),
            }
        }
    }

    fn push_char(&mut self, c: char) {
        if self.full() {
            return;
        }
        // U+FFFD is what an undecodable glyph becomes: it is not a word.
        if c.is_whitespace() || c.is_control() || c == '\u{FFFD}' {
            self.gap();
            return;
        }
        if self.pending_space {
            self.text.push(' ');
            self.len += 1;
            self.pending_space = false;
            if self.full() {
                return;
            }
        }
        self.text.push(c);
        self.len += 1;
        self.count += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{simple_document, Block, PdfOptions};

    fn paper(paragraphs: &[&str]) -> Vec<u8> {
        let blocks = paragraphs.iter().map(|p| Block::para(*p)).collect();
        let opts = PdfOptions {
            title: "Test".into(),
            author: "Test".into(),
            subject: String::new(),
            created: Default::default(),
            document_id: [7; 16],
        };
        simple_document("Winter plan", blocks, &opts).expect("pdf")
    }

    #[test]
    fn reads_the_words_of_a_paper_boardpack_writes() {
        let bytes = paper(&[
            "The trust’s winter plan sets out how we keep patients safe when demand peaks.",
            "Escalation: the Chief Operating Officer approves opening the surge ward.",
        ]);
        let text = extract_text(&bytes, 100_000).unwrap();
        assert!(!text.truncated);
        assert_eq!(text.pages_without_text, 0);
        for phrase in [
            "Winter plan",
            "The trust’s winter plan sets out how we keep patients safe",
            "Chief Operating Officer approves",
        ] {
            assert!(text.text.contains(phrase), "{phrase:?} in {:?}", text.text);
        }
        assert!(!text.text.contains("  ") && !text.text.contains('\n'));
    }

    #[test]
    fn stops_at_the_limit() {
        let long = "Quarterly performance against the plan. ".repeat(400);
        let bytes = paper(&[&long, &long]);
        let text = extract_text(&bytes, 1000).unwrap();
        assert!(text.truncated);
        assert_eq!(text.text.chars().count(), 1000);
    }

    #[test]
    fn refuses_what_is_not_a_pdf_and_survives_damage() {
        assert!(extract_text(b"not a pdf at all", 1000).is_err());
        let mut bytes = paper(&["Some words on a page."]);
        // Damage the middle of the file: whatever happens, no panic.
        let mid = bytes.len() / 2;
        for b in &mut bytes[mid..mid + 200] {
            *b = b'#';
        }
        let _ = extract_text(&bytes, 1000);
        let half = &paper(&["Some words on a page."])[..mid];
        let _ = extract_text(half, 1000);
    }
}
