//! The words of an attached PDF, for search: the text its pages show, in content-stream
//! order, as one line of words. It is derived data for an index, not a faithful rendering:
//! no layout, no columns, no text drawn inside forms or images. Right-to-left text, which
//! every PDF draws in visual order, is put back in reading order line by line (the Unicode
//! bidirectional algorithm run on what was drawn); `/ActualText` spans stand for the glyphs
//! they wrap. A file whose text cannot be read (damaged, scanned, odd fonts) gives what
//! could be read, perhaps nothing; reading never panics and never grows without bound.

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object};
use unicode_bidi::{BidiClass, BidiInfo};

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
        words.end_line();
        words.end_page();
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
    let properties = page_properties(doc, page);
    let content = Content::decode(&doc.get_page_content_with_limit(page, PAGE_CONTENT_LIMIT)?)?;
    let mut pen = Pen::default();
    // Open marked-content sequences: whether each carries /ActualText.
    let mut marked: Vec<bool> = Vec::new();
    for op in &content.operations {
        if words.full() {
            break;
        }
        let num = |k: usize| op.operands.get(k).and_then(number);
        match op.operator.as_str() {
            "BMC" => marked.push(false),
            "BDC" => {
                let props = match op.operands.get(1) {
                    Some(Object::Dictionary(d)) => Some(d),
                    Some(Object::Name(n)) => properties.as_ref().and_then(|p| {
                        p.get(n)
                            .ok()
                            .and_then(|o| doc.dereference(o).ok())
                            .and_then(|(_, o)| o.as_dict().ok())
                    }),
                    _ => None,
                };
                let actual = props
                    .and_then(|d| d.get(b"ActualText").ok())
                    .and_then(|o| o.as_str().ok())
                    .map(decode_text_string);
                let inside = marked.iter().any(|a| *a);
                if let (Some(text), false) = (&actual, inside) {
                    words.mapping(text);
                }
                marked.push(actual.is_some());
                pen.silent = marked.iter().any(|a| *a);
            }
            "EMC" => {
                marked.pop();
                pen.silent = marked.iter().any(|a| *a);
            }
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
                                // A move right past the text drawn so far by more than
                                // about a fifth of an em is a space (moving back over a
                                // mark's base and on again is not).
                                let to = pen.x - n / 1000.0 * pen.size;
                                if to - pen.x.max(pen.far) > 0.2 * pen.size.abs() {
                                    words.gap();
                                }
                                pen.x = to;
                            }
                            None => pen.show(Some(part), words),
                        }
                    }
                }
            }
            "Td" | "TD" => pen.move_by(num(0).unwrap_or(0.0), num(1).unwrap_or(0.0), words),
            "Tm" => {
                // A new matrix: a new line unless it keeps to the same baseline; on the
                // same baseline, a new word unless it starts where the pen is.
                let y = num(5);
                let x = num(4).unwrap_or(0.0);
                let scale = num(0).unwrap_or(1.0);
                if y != pen.matrix_y {
                    words.end_line();
                } else {
                    let at = pen.matrix_x + pen.matrix_scale * pen.x;
                    let em = (pen.size * scale).abs().max(0.01);
                    if (x - at).abs() > 0.2 * em {
                        words.gap();
                    }
                }
                pen.matrix_y = y;
                pen.matrix_x = x;
                pen.matrix_scale = scale;
                pen.line_x = 0.0;
                pen.x = 0.0;
                pen.far = 0.0;
            }
            "T*" => pen.new_line(words),
            "BT" | "ET" => words.gap(),
            _ => {}
        }
    }
    words.end_line();
    Ok(())
}

/// The page's named marked-content properties (`/Resources /Properties`).
fn page_properties(doc: &Document, page: lopdf::ObjectId) -> Option<Dictionary> {
    let page = doc.get_dictionary(page).ok()?;
    let resources = page.get(b"Resources").ok()?;
    let (_, resources) = doc.dereference(resources).ok()?;
    let properties = resources.as_dict().ok()?.get(b"Properties").ok()?;
    let (_, properties) = doc.dereference(properties).ok()?;
    properties.as_dict().ok().cloned()
}

/// A PDF text string: UTF-16BE after a byte-order mark, else PDFDocEncoding (read as
/// Latin-1, which it equals for the characters that matter here).
fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// Strong right-to-left characters (Hebrew, Arabic…).
fn right_to_left(c: char) -> bool {
    (c as u32) >= 0x0590 && matches!(unicode_bidi::bidi_class(c), BidiClass::R | BidiClass::AL)
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
    /// The furthest the glyphs of this line have reached.
    far: f32,
    /// The vertical place the last `Tm` set.
    matrix_y: Option<f32>,
    /// Its horizontal place and horizontal scale.
    matrix_x: f32,
    matrix_scale: f32,
    /// Inside an `/ActualText` span: the glyphs' own text is not read.
    silent: bool,
}

impl Pen<'_> {
    fn show(&mut self, operand: Option<&Object>, words: &mut Words) {
        let Some(Object::String(bytes, _)) = operand else {
            return;
        };
        match self.encoding {
            _ if self.silent => {}
            // Two-byte codes with a ToUnicode map: code by code, so each glyph's text is
            // placed where the glyph is (a right-to-left ligature's letters included).
            Some(Encoding::UnicodeMapEncoding(map)) if self.widths.is_some_and(|w| w.two_byte) => {
                for code in bytes.chunks(2) {
                    let code = code.iter().fold(0u32, |n, b| n * 256 + u32::from(*b));
                    match map.get(code, 2) {
                        Some(units) => words.mapping(&String::from_utf16_lossy(&units)),
                        None => words.push_char('\u{FFFD}'),
                    }
                }
            }
            Some(encoding) => {
                let mut s = String::new();
                if encoding.write_to_string(bytes, &mut s).is_ok() {
                    words.push(&s);
                }
            }
            None => {}
        }
        let advance = self
            .widths
            .map_or(bytes.len() as f32 * 500.0, |w| w.advance(bytes));
        self.x += advance / 1000.0 * self.size;
        self.far = self.far.max(self.x);
    }

    fn new_line(&mut self, words: &mut Words) {
        words.end_line();
        self.line_x = 0.0;
        self.x = 0.0;
        self.far = 0.0;
    }

    /// `Td`: down a line ends a word; along the line, so does landing clearly past the
    /// last glyph (a fifth of an em) or going back before it.
    fn move_by(&mut self, tx: f32, ty: f32, words: &mut Words) {
        let to = self.line_x + tx;
        let em = self.size.abs().max(0.01);
        if ty != 0.0 {
            words.end_line();
        } else if to - self.x > 0.2 * em || to < self.x - em {
            words.gap();
        }
        self.line_x = to;
        self.x = to;
        self.far = to;
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
/// and nothing is added past the limit (counted in characters). A line is gathered as
/// drawn (visual order) and put in reading order when it ends.
struct Words {
    text: String,
    /// Characters in `text`.
    len: usize,
    limit: usize,
    /// Characters other than spaces added so far.
    count: usize,
    pending_space: bool,
    /// The line being read, as drawn, with single spaces between words.
    line: String,
    line_chars: usize,
    /// The line holds right-to-left characters.
    line_rtl: bool,
    /// The page's lines so far (right-to-left ones are ordered when the page ends, when
    /// the direction of most of its text is known), and their characters.
    page: Vec<(String, bool)>,
    page_chars: usize,
    /// Strong left-to-right and right-to-left characters on the page.
    page_ltr: usize,
    page_rtl: usize,
}

impl Words {
    fn new(limit: usize) -> Words {
        Words {
            text: String::new(),
            len: 0,
            limit,
            count: 0,
            pending_space: false,
            line: String::new(),
            line_chars: 0,
            line_rtl: false,
            page: Vec::new(),
            page_chars: 0,
            page_ltr: 0,
            page_rtl: 0,
        }
    }

    fn full(&self) -> bool {
        self.len + self.page_chars + self.line_chars >= self.limit
    }

    fn gap(&mut self) {
        if !self.line.is_empty() && !self.line.ends_with(' ') {
            self.line.push(' ');
        }
    }

    /// The text one glyph (or one `/ActualText` span) stands for. A right-to-left
    /// ligature's letters are in reading order; as drawn they run the other way.
    fn mapping(&mut self, s: &str) {
        if s.chars().nth(1).is_some() && s.chars().all(right_to_left) {
            let reversed: String = s.chars().rev().collect();
            self.push(&reversed);
        } else {
            self.push(s);
        }
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
        self.line.push(c);
        self.line_chars += 1;
        self.line_rtl |= right_to_left(c);
    }

    /// Ends the line: keeps it for the end of the page.
    fn end_line(&mut self) {
        if self.line.is_empty() {
            return;
        }
        let line = std::mem::take(&mut self.line);
        self.page_chars += std::mem::take(&mut self.line_chars);
        let rtl = std::mem::take(&mut self.line_rtl);
        let (l, r) = strong_counts(&line);
        self.page_ltr += l;
        self.page_rtl += r;
        self.page.push((line, rtl));
    }

    /// Ends the page: puts its lines in reading order and adds them to the text.
    fn end_page(&mut self) {
        let page_rtl = self.page_rtl > self.page_ltr;
        for (line, rtl) in std::mem::take(&mut self.page) {
            let ordered = if rtl {
                let (l, r) = strong_counts(&line);
                // A line mostly in one direction runs that way; a mixed one, the page's.
                let base = if 3 * r >= 2 * (l + r) {
                    true
                } else if 3 * l >= 2 * (l + r) {
                    false
                } else {
                    page_rtl
                };
                reading_order(&line, base)
            } else {
                line
            };
            self.add_line(&ordered);
        }
        self.page_chars = 0;
        self.page_ltr = 0;
        self.page_rtl = 0;
        self.pending_space = !self.text.is_empty();
    }

    fn add_line(&mut self, line: &str) {
        if !self.text.is_empty() {
            self.pending_space = true;
        }
        for c in line.chars() {
            if self.len >= self.limit {
                break;
            }
            if c == ' ' {
                self.pending_space = !self.text.is_empty();
                continue;
            }
            if self.pending_space {
                self.text.push(' ');
                self.len += 1;
                self.pending_space = false;
                if self.len >= self.limit {
                    break;
                }
            }
            self.text.push(c);
            self.len += 1;
            self.count += 1;
        }
    }
}

/// Strong left-to-right and right-to-left characters in `text`.
fn strong_counts(text: &str) -> (usize, usize) {
    let (mut l, mut r) = (0, 0);
    for c in text.chars() {
        if c.is_ascii() {
            l += usize::from(c.is_ascii_alphabetic());
            continue;
        }
        match unicode_bidi::bidi_class(c) {
            BidiClass::R | BidiClass::AL => r += 1,
            BidiClass::L => l += 1,
            _ => {}
        }
    }
    (l, r)
}

/// A line drawn in visual order, in reading order: the bidirectional algorithm applied to
/// it reverses its right-to-left stretches back (as drawn, they were reversed once). What
/// was drawn does not say which end a line of mixed directions starts at: the caller says.
fn reading_order(visual: &str, rtl: bool) -> String {
    let base = if rtl {
        unicode_bidi::Level::rtl()
    } else {
        unicode_bidi::Level::ltr()
    };
    let info = BidiInfo::new(visual, Some(base));
    let mut out = String::with_capacity(visual.len());
    for para in &info.paragraphs {
        out.push_str(&info.reorder_line(para, para.range.clone()));
    }
    out
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
            lang: "en-GB".into(),
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
