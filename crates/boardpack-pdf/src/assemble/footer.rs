//! The footer stamped on every page: the original content wrapped in `q … Q` after counting
//! what it leaves open (`q`, `BT`, `BDC`), the footer placed in the visible box (CropBox ∩
//! MediaBox) and turned with the page's /Rotate, its text shaped and set in the embedded
//! faces (a committee's name in Arabic prints, read right to left) under resource names
//! that cannot clash. The fonts are made once per pack, before any page, from every run's
//! footer prefix and the characters of "· Page N of M", so no page can need a glyph they
//! lack.

use super::ink::{Affine, Ink, InkScan, FOOTER_BASELINE, FOOT_BAND, MARKING_BASELINE};
use super::*;
use crate::embed::{Fonts, ShowError, TextState};
use crate::inspect::{decode, Decoded};
use crate::layout::{self, TextRun};

/// What a source page's content streams leave open (`q`, `BT`, marked content), scanned
/// from their decoded data, and which of them cannot be decoded: a viewer cannot draw
/// those, and the pack carries them empty (their data would make it an invalid PDF).
pub(super) fn page_balance(doc: &Document, page: ObjectId) -> (Balance, Ink, Vec<ObjectId>) {
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
    let xobjects = xobject_boxes(doc, page);
    let lookup = |name: &[u8]| xobjects.get(name).copied().flatten();
    let mut ink = InkScan::new(&lookup);
    let mut unmeasured = false;
    let mut bad = Vec::new();
    for (id, s) in streams {
        if !s.dict.has(b"Filter") {
            balance.scan(&s.content);
            ink.scan(&s.content);
            continue;
        }
        match decode(s, MAX_CONTENT) {
            Decoded::Data(data) => {
                balance.scan(&data);
                ink.scan(&data);
            }
            Decoded::Undecodable => bad.push(id),
            // A filter a viewer may still draw (or data too large to scan): left as it is,
            // and taken to cover the page.
            Decoded::Unchecked => unmeasured = true,
        }
    }
    let ink = if unmeasured { Ink::Everywhere } else { ink.ink };
    (balance, ink, bad)
}

/// The XObjects a page's resources (its own or inherited) name: a form's box and matrix,
/// `None` for an image or anything else (its unit square is what it draws).
fn xobject_boxes(doc: &Document, page: ObjectId) -> HashMap<Vec<u8>, Option<(Rect, Affine)>> {
    let resolve = |o: &Object| -> Option<Object> {
        match o {
            Object::Reference(id) => doc.get_object(*id).ok().cloned(),
            o => Some(o.clone()),
        }
    };
    let number = |o: &Object| -> Option<f32> { resolve(o)?.as_float().ok() };
    let mut node = doc.get_dictionary(page).ok();
    let mut resources = None;
    for _ in 0..MAX_DEPTH {
        let Some(d) = node else { break };
        if let Some(Object::Dictionary(r)) = d.get(b"Resources").ok().and_then(&resolve) {
            resources = Some(r);
            break;
        }
        node = d
            .get(b"Parent")
            .ok()
            .and_then(|p| p.as_reference().ok())
            .and_then(|p| doc.get_dictionary(p).ok());
    }
    let mut out = HashMap::new();
    let Some(Object::Dictionary(xobjects)) = resources
        .as_ref()
        .and_then(|r| r.get(b"XObject").ok())
        .and_then(&resolve)
    else {
        return out;
    };
    for (name, value) in xobjects.iter() {
        let form = match value {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(Object::Stream(s))
                    if s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form") =>
                {
                    let bbox = s
                        .dict
                        .get(b"BBox")
                        .ok()
                        .and_then(&resolve)
                        .and_then(|b| Rect::from_object(number, &b));
                    let matrix = match s.dict.get(b"Matrix").ok().and_then(&resolve) {
                        Some(Object::Array(m)) if m.len() == 6 => {
                            let v: Vec<f32> = m.iter().filter_map(number).collect();
                            (v.len() == 6).then(|| [v[0], v[1], v[2], v[3], v[4], v[5]])
                        }
                        None => Some([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]),
                        _ => None,
                    };
                    bbox.zip(matrix)
                }
                _ => None,
            },
            _ => None,
        };
        out.insert(name.clone(), form);
    }
    out
}

/// Opens the footer's marked content: a pagination artifact (closed by `EMC`).
pub(super) const FOOTER_ARTIFACT: &str = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n";
/// Opens a marking's marked content: a pagination artifact at the head of the page.
pub(super) const HEADER_ARTIFACT: &str = "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n";

/// A marking's colour: a dark red that prints as a strong grey in black and white.
const MARKING_COLOUR: Colour = Colour::rgb(0xA0, 0x00, 0x00);

/// Resource names of the footer's fonts start with this (page resources never use it).
pub(super) const FOOTER_FONT: &str = "BPFooter";

/// The footer's shaped text and its fonts, for one pack.
pub(super) struct Footer {
    fonts: Fonts,
    /// Each run's prefix, shaped at [`FOOTER_SIZE`], and its width.
    prefixes: BTreeMap<String, (Vec<TextRun>, f32)>,
    /// Each run's marking, shaped in bold at [`MARKING_SIZE`], and its width.
    markings: BTreeMap<String, (Vec<TextRun>, f32)>,
    /// The fonts as written: (resource name, Type0 font).
    pub(super) resources: Vec<(String, ObjectId)>,
}

/// "· Page N of M" at [`FOOTER_SIZE`], and the width of the space before it.
fn page_part(page: usize, total: usize) -> (Vec<TextRun>, f32, f32) {
    let (runs, w) = layout::line(
        &format!("· Page {page} of {total}"),
        FontStyle::Regular,
        FOOTER_SIZE,
        Colour::BLACK,
        crate::shape::Base::Ltr,
    );
    (runs, w, char_width(' ', FontStyle::Regular, FOOTER_SIZE))
}

impl Footer {
    /// Shapes every run's footer prefix and writes the fonts they and the page numbers
    /// need through `add` (which numbers each object). Refuses a prefix with a character
    /// no embedded face has.
    pub(super) fn new(
        runs: &[Run],
        add: &mut dyn FnMut(Object) -> ObjectId,
    ) -> Result<Footer, AssembleError> {
        let mut fonts = Fonts::with_prefix(FOOTER_FONT);
        let mut prefixes = BTreeMap::new();
        for prefix in runs.iter().filter_map(|r| r.footer.as_deref()) {
            if !prefixes.contains_key(prefix) {
                let shaped = layout::line(
                    prefix,
                    FontStyle::Regular,
                    FOOTER_SIZE,
                    Colour::BLACK,
                    crate::shape::Base::Ltr,
                );
                prefixes.insert(prefix.to_owned(), shaped);
            }
        }
        let mut markings = BTreeMap::new();
        for marking in runs.iter().filter_map(|r| r.marking.as_deref()) {
            if !markings.contains_key(marking) {
                let shaped = layout::line(
                    marking,
                    FontStyle::Bold,
                    MARKING_SIZE,
                    MARKING_COLOUR,
                    crate::shape::Base::Ltr,
                );
                markings.insert(marking.to_owned(), shaped);
            }
        }
        // Every glyph any footer or marking will draw, drawn once here in a fixed order, so
        // the fonts written now carry them all.
        let (digits, _, _) = page_part(1_234_567_890, 1_234_567_890);
        let mut scratch = Vec::new();
        let mut state = TextState::default();
        for run in prefixes
            .values()
            .flat_map(|(runs, _)| runs)
            .chain(&digits)
            .chain(markings.values().flat_map(|(runs, _)| runs))
        {
            fonts
                .show(run, 0.0, 0.0, Colour::BLACK, &mut state, &mut scratch)
                .map_err(|e| match e {
                    ShowError::Unprintable(u) => AssembleError::Unprintable(u),
                    ShowError::Fonts => {
                        AssembleError::Write("the embedded fonts could not be read".into())
                    }
                })?;
        }
        let resources = fonts.write(add);
        Ok(Footer {
            fonts,
            prefixes,
            markings,
            resources,
        })
    }

    /// A marking's drawing operators: its text in bold, centred at the head of the visible
    /// area as the page is displayed, its capitals more than 10 mm from the edge (the
    /// page's own content was moved clear of it).
    pub(super) fn marking(&mut self, text: &str, visible: Rect, rotate: i64) -> String {
        let (display_w, display_h, matrix) = display(visible, rotate);
        let (runs, width) = self.markings.get(text).cloned().unwrap_or_default();
        let margin = (display_w * 0.05).min(6.0);
        let mut size = MARKING_SIZE;
        if width > 0.0 && width > display_w - 2.0 * margin {
            size = MARKING_SIZE * (display_w - 2.0 * margin) / width;
        }
        let scale = size / MARKING_SIZE;
        let x = (display_w - width * scale) / 2.0;
        let baseline = (display_h - MARKING_BASELINE).max(display_h * 0.5);
        // Pagination, not content: an artifact, outside any marked content of the page
        // (the footer stream closed what the page left open before drawing it).
        let mut ops = format!(
            "{HEADER_ARTIFACT}q\n{} cm\nBT\n",
            matrix.iter().map(|v| num(*v)).collect::<Vec<_>>().join(" ")
        )
        .into_bytes();
        let mut state = TextState::default();
        for run in &runs {
            let mut run = run.clone();
            run.size = size;
            // Every glyph was drawn when the fonts were made: this cannot fail.
            let _ = self.fonts.show(
                &run,
                x + run.x * scale,
                baseline,
                MARKING_COLOUR,
                &mut state,
                &mut ops,
            );
        }
        ops.extend_from_slice(b"ET\nQ\nEMC\n");
        String::from_utf8(ops).unwrap_or_default()
    }

    /// The footer's drawing operators: the text "<prefix> · Page N of M", centred at the
    /// foot of the visible area as the page is displayed (turned by its /Rotate), its
    /// baseline 12 mm from the edge so no descender comes within 10 mm of it, where office
    /// printers stop printing. The page's own content was moved clear of it.
    pub(super) fn content(
        &mut self,
        prefix: &str,
        page: usize,
        total: usize,
        visible: Rect,
        rotate: i64,
    ) -> String {
        let (display_w, display_h, matrix) = display(visible, rotate);
        let (prefix_runs, prefix_w) = self.prefixes.get(prefix).cloned().unwrap_or_default();
        let (page_runs, page_w, space) = page_part(page, total);
        let full_w = prefix_w + space + page_w;
        // Shrunk to fit a narrow page (however small: the text is always all there).
        let mut size = FOOTER_SIZE;
        let margin = (display_w * 0.05).min(6.0);
        if full_w > 0.0 && full_w * size / FOOTER_SIZE > display_w - 2.0 * margin {
            size = FOOTER_SIZE * (display_w - 2.0 * margin) / full_w;
        }
        let scale = size / FOOTER_SIZE;
        let text_w = full_w * scale;
        let x = (display_w - text_w) / 2.0;
        // On a page too small for the usual place (a label, a ticket), near its foot.
        let baseline = if display_h >= 4.0 * FOOT_BAND {
            FOOTER_BASELINE
        } else {
            (display_h * 0.05).max(7.0 * scale)
        };
        let mut ops = format!(
            "{FOOTER_ARTIFACT}q\n{} cm\n0 g\nBT\n",
            matrix.iter().map(|v| num(*v)).collect::<Vec<_>>().join(" "),
        )
        .into_bytes();
        let mut state = TextState::default();
        let placed = prefix_runs
            .iter()
            .map(|r| (r, 0.0))
            .chain(page_runs.iter().map(|r| (r, prefix_w + space)));
        for (run, offset) in placed {
            let mut run = run.clone();
            run.size = size;
            let at = x + (offset + run.x) * scale;
            // Every glyph was drawn when the fonts were made: this cannot fail.
            let _ = self
                .fonts
                .show(&run, at, baseline, Colour::BLACK, &mut state, &mut ops);
        }
        ops.extend_from_slice(b"ET\nQ\nEMC\n");
        String::from_utf8(ops).unwrap_or_default()
    }
}

/// The displayed width and height of a page and the matrix from display space (origin at
/// the displayed bottom-left, x to the right, y up) to its user space.
fn display(visible: Rect, rotate: i64) -> (f32, f32, [f32; 6]) {
    let (w, h) = (visible.width(), visible.height());
    match rotate {
        90 => (h, w, [0.0, 1.0, -1.0, 0.0, visible.urx, visible.lly]),
        180 => (w, h, [-1.0, 0.0, 0.0, -1.0, visible.urx, visible.ury]),
        270 => (h, w, [0.0, -1.0, 1.0, 0.0, visible.llx, visible.ury]),
        _ => (w, h, [1.0, 0.0, 0.0, 1.0, visible.llx, visible.lly]),
    }
}

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
    fitted: Option<Affine>,
    prefixes: &mut HashMap<usize, ObjectId>,
) {
    let opening = opening(geometry.balance);
    let prefix = match fitted {
        // Content moved clear of the pack's bands: a leading stream of its own, which
        // ends by setting the transform (undone by the footer stream's `Q`s).
        Some(m) => {
            let mut data = "q\n".repeat(opening);
            // Five decimals: a scale rounded to three could move a line by half a point.
            let fine = |v: f32| {
                let s = format!("{v:.5}");
                let s = s.trim_end_matches('0').trim_end_matches('.');
                if s == "-0" {
                    "0".to_owned()
                } else {
                    s.to_owned()
                }
            };
            data.push_str(&format!(
                "{} cm\n",
                m.iter().map(|v| fine(*v)).collect::<Vec<_>>().join(" ")
            ));
            out.add(Object::Stream(Stream::new(
                Dictionary::new(),
                data.into_bytes(),
            )))
        }
        None => *prefixes.entry(opening).or_insert_with(|| {
            out.add(Object::Stream(Stream::new(
                Dictionary::new(),
                "q\n".repeat(opening).into_bytes(),
            )))
        }),
    };
    let mut contents = Vec::with_capacity(geometry.contents.len() + 2);
    contents.push(Object::Reference(prefix));
    contents.extend(geometry.contents.iter().cloned());
    contents.push(Object::Reference((page_id.0, TAIL)));
    if let Some(Object::Dictionary(d)) = out.objects.get_mut(&page_id) {
        d.set("Contents", Object::Array(contents));
    }
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
