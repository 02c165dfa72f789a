//! The footer stamped on every page: the original content wrapped in `q … Q` after counting
//! what it leaves open (`q`, `BT`, `BDC`), the footer placed in the visible box (CropBox ∩
//! MediaBox) and turned with the page's /Rotate, under a resource name that cannot clash.

use super::*;

/// What a source page's content streams leave open (`q`, `BT`, marked content), scanned
/// from their decoded data, and which of them cannot be decoded: a viewer cannot draw
/// those, and the pack carries them empty (their data would make it an invalid PDF).
pub(super) fn page_balance(doc: &Document, page: ObjectId) -> (Balance, Vec<ObjectId>) {
    let mut streams: Vec<(ObjectId, &Stream)> = Vec::new();
    let stream_at = |id: &ObjectId| match doc.objects.get(id) {
        Some(Object::Stream(s)) => Some((*id, s)),
        _ => None,
    };
    let contents = doc
        .get_dictionary(page)
        .ok()
        .and_then(|d| d.get(b"Contents").ok());
    let items = match contents {
        Some(Object::Reference(id)) => match doc.objects.get(id) {
            Some(Object::Stream(s)) => {
                streams.push((*id, s));
                None
            }
            Some(Object::Array(items)) => Some(items),
            _ => None,
        },
        Some(Object::Array(items)) => Some(items),
        _ => None,
    };
    for item in items.into_iter().flatten() {
        if let Object::Reference(id) = item {
            streams.extend(stream_at(id));
        }
    }
    let mut balance = Balance::default();
    let mut bad = Vec::new();
    for (id, s) in streams {
        if !s.dict.has(b"Filter") {
            balance.scan(&s.content);
            continue;
        }
        let data = catch_unwind(AssertUnwindSafe(|| {
            s.decompressed_content_with_limit(MAX_CONTENT).ok()
        }))
        .ok()
        .flatten();
        match data {
            Some(data) => balance.scan(&data),
            None if !crate::inspect::decodes(s) => bad.push(id),
            None => {}
        }
    }
    (balance, bad)
}

pub(super) const FOOTER_FONT: &str = "BPFooterF1";

/// A /Rotate value as 0, 90, 180 or 270 (negative and oversized values wrap; values that
/// are not multiples of 90, which the format forbids, go to the nearest).
pub(super) fn quarter_turns(degrees: f32) -> i64 {
    if !degrees.is_finite() {
        return 0;
    }
    ((degrees / 90.0).round() as i64).rem_euclid(4) * 90
}

/// Wraps the page's content between a leading stream of `q`s (one per number of `q`s,
/// shared by the source's pages) and the page's footer stream, which closes what the
/// content left open, restores the initial graphics state and draws the footer. The footer
/// stream is written by the pack, not the chunk: it carries the page number.
pub(super) fn finish_page(
    out: &mut Output,
    page_id: ObjectId,
    geometry: &PageGeometry,
    prefixes: &mut HashMap<usize, ObjectId>,
) {
    let opening = opening(geometry.balance);
    let prefix = *prefixes.entry(opening).or_insert_with(|| {
        out.add(Object::Stream(Stream::new(
            Dictionary::new(),
            "q\n".repeat(opening).into_bytes(),
        )))
    });
    let mut contents = Vec::with_capacity(geometry.contents.len() + 2);
    contents.push(Object::Reference(prefix));
    contents.extend(geometry.contents.iter().cloned());
    contents.push(Object::Reference((page_id.0, TAIL)));
    if let Some(Object::Dictionary(d)) = out.objects.get_mut(&page_id) {
        d.set("Contents", Object::Array(contents));
    }
}

/// The footer's drawing operators: a white box and the text, centred at the bottom of the
/// visible area as the page is displayed (turned by its /Rotate).
pub(super) fn footer_content(text: &str, visible: Rect, rotate: i64) -> String {
    let (w, h) = (visible.width(), visible.height());
    // Display space: origin at the displayed bottom-left, x to the right, y up.
    let (display_w, matrix) = match rotate {
        90 => (h, [0.0, 1.0, -1.0, 0.0, visible.urx, visible.lly]),
        180 => (w, [-1.0, 0.0, 0.0, -1.0, visible.urx, visible.ury]),
        270 => (h, [0.0, -1.0, 1.0, 0.0, visible.llx, visible.ury]),
        _ => (w, [1.0, 0.0, 0.0, 1.0, visible.llx, visible.lly]),
    };
    let (codes, width_at_1) = win_ansi(text);
    // Shrunk to fit a narrow page (however small: the text is always all there).
    let mut size = FOOTER_SIZE;
    let margin = (display_w * 0.05).min(6.0);
    if width_at_1 > 0.0 && width_at_1 * size > display_w - 2.0 * margin {
        size = (display_w - 2.0 * margin) / width_at_1;
    }
    let text_w = width_at_1 * size;
    let x = (display_w - text_w) / 2.0;
    let scale = size / FOOTER_SIZE;
    let baseline = 7.0 * scale;
    let pad = 4.0 * scale;
    let mut hex = String::with_capacity(codes.len() * 2);
    for c in &codes {
        hex.push_str(&format!("{c:02X}"));
    }
    format!(
        "q\n{} cm\n1 g\n{} {} {} {} re f\n0 g\nBT\n/{FOOTER_FONT} {} Tf\n{} {} Td\n<{hex}> Tj\nET\nQ\n",
        matrix.iter().map(|v| num(*v)).collect::<Vec<_>>().join(" "),
        num(x - pad),
        num(baseline - 3.0 * scale),
        num(text_w + 2.0 * pad),
        num(11.0 * scale),
        num(size),
        num(x),
        num(baseline),
    )
}

/// `text` in WinAnsiEncoding (characters it lacks become a plain stand-in or "?") and its
/// width at 1pt in Helvetica (measured with Liberation Sans, its metric twin).
pub(super) fn win_ansi(text: &str) -> (Vec<u8>, f32) {
    let mut codes = Vec::with_capacity(text.len());
    let mut width = 0.0;
    for c in text.chars() {
        let (code, shown) = match win_ansi_code(c) {
            Some(code) => (code, c),
            None => match c {
                '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' => (b'-', '-'),
                '\u{00A0}' | '\t' | '\u{2000}'..='\u{200A}' | '\u{202F}' => (b' ', ' '),
                c if c.is_control() => continue,
                _ => (b'?', '?'),
            },
        };
        codes.push(code);
        width += char_width(shown, FontStyle::Regular, 1.0);
    }
    (codes, width)
}

/// The WinAnsiEncoding code of `c`, if it has one.
pub(super) fn win_ansi_code(c: char) -> Option<u8> {
    let code = match c {
        ' '..='~' => c as u8,
        '\u{00A1}'..='\u{00FF}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(code)
}

pub(super) fn num(v: f32) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    if r == 0.0 {
        return "0".into();
    }
    let s = format!("{r:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// What a page's content leaves open, found by scanning its operators (strings, comments,
/// dictionaries and inline image data are skipped, so a "Q" inside them does not count).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Balance {
    /// `q`s minus `Q`s at the end.
    pub(super) depth: i64,
    /// The lowest `depth` reached (negative when the content restores more than it saved).
    pub(super) min_depth: i64,
    /// Ends inside a text object (`BT` without `ET`).
    pub(super) in_text: bool,
    /// Marked-content sequences left open.
    pub(super) marked: i64,
}

impl Balance {
    pub(super) fn scan(&mut self, data: &[u8]) {
        let n = data.len();
        let mut i = 0;
        while i < n {
            match data[i] {
                b'%' => {
                    while i < n && data[i] != b'\n' && data[i] != b'\r' {
                        i += 1;
                    }
                }
                b'(' => i = skip_string(data, i),
                b'<' => {
                    if data.get(i + 1) == Some(&b'<') {
                        i += 2;
                    } else {
                        while i < n && data[i] != b'>' {
                            i += 1;
                        }
                        i += 1;
                    }
                }
                b'/' => {
                    i += 1;
                    while i < n && is_regular(data[i]) {
                        i += 1;
                    }
                }
                c if !is_regular(c) => i += 1,
                _ => {
                    let start = i;
                    while i < n && is_regular(data[i]) {
                        i += 1;
                    }
                    match &data[start..i] {
                        b"q" => self.depth += 1,
                        b"Q" => {
                            self.depth -= 1;
                            self.min_depth = self.min_depth.min(self.depth);
                        }
                        b"BT" => self.in_text = true,
                        b"ET" => self.in_text = false,
                        b"BMC" | b"BDC" => self.marked += 1,
                        b"EMC" => self.marked = (self.marked - 1).max(0),
                        b"BI" => i = skip_inline_image(data, i),
                        _ => {}
                    }
                }
            }
        }
    }
}

pub(super) fn is_regular(c: u8) -> bool {
    !matches!(
        c,
        b'\0'
            | b'\t'
            | b'\n'
            | b'\x0C'
            | b'\r'
            | b' '
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'/'
            | b'%'
    )
}

pub(super) fn is_white(c: u8) -> bool {
    matches!(c, b'\0' | b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// Index just past the literal string starting at `start` (an opening parenthesis).
pub(super) fn skip_string(data: &[u8], start: usize) -> usize {
    let mut nest = 0usize;
    let mut i = start + 1;
    while i < data.len() {
        match data[i] {
            b'\\' => i += 1,
            b'(' => nest += 1,
            b')' => {
                if nest == 0 {
                    return i + 1;
                }
                nest -= 1;
            }
            _ => {}
        }
        i += 1;
    }
    data.len()
}

/// Index just past the `EI` that ends the inline image whose `BI` ends at `from`.
pub(super) fn skip_inline_image(data: &[u8], from: usize) -> usize {
    let n = data.len();
    let mut i = from;
    // The image dictionary, up to the ID operator.
    while i + 2 <= n {
        if data[i] == b'I'
            && data[i + 1] == b'D'
            && i > 0
            && !is_regular(data[i - 1])
            && (i + 2 == n || is_white(data[i + 2]))
        {
            i += 3;
            break;
        }
        if data[i] == b'(' {
            i = skip_string(data, i);
            continue;
        }
        i += 1;
    }
    // The image data, up to whitespace, EI, and whitespace or the end.
    while i + 2 <= n {
        if data[i] == b'E'
            && data[i + 1] == b'I'
            && i > 0
            && is_white(data[i - 1])
            && (i + 2 == n || !is_regular(data[i + 2]))
        {
            return i + 2;
        }
        i += 1;
    }
    n
}
