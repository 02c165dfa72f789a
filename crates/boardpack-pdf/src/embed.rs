//! Shaped text as PDF: the operators that draw a [`TextRun`]'s glyphs, and each face a
//! document uses as a composite font (Type0 over CIDFontType2, Identity-H: two-byte codes
//! that are the glyph ids themselves), its program subset to the glyphs drawn, its widths,
//! and a ToUnicode map so that text extraction reads back what was written.
//!
//! A glyph's ToUnicode entry is the text of the cluster it was first drawn for (a ligature
//! maps to all its letters, a contextual form to its letter). Where that cannot say it — a
//! cluster of several glyphs drawn out of reading order (an Indic vowel sign before its
//! consonant), a conjunct's half forms, a glyph shared by two characters — the cluster is
//! wrapped in a marked-content span with `/ActualText` holding its text. Right-to-left runs
//! are drawn in visual order, as every PDF is; extraction puts them back in reading order.
//!
//! The page writer ([`crate::write`]) and the pack's footer both draw text through here, so
//! every font Boardpack writes is embedded and mapped. This module must not lay anything
//! out: it draws the glyphs at the positions the shaper gave. The same runs in the same
//! order give the same bytes.

use std::fmt::Write as _;
use std::io::Write as _;

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

use crate::font::{self, Face, FaceId, Unprintable};
use crate::layout::{Colour, Glyph, TextRun};
use crate::subset;

/// Why text could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ShowError {
    /// The embedded faces could not be read.
    Fonts,
    Unprintable(Unprintable),
}

/// How much of a face a document used: for each glyph drawn, the text it stands for.
struct FaceUse {
    face: &'static Face,
    /// Per glyph id: index + 1 into `texts` (0: not drawn).
    map: Vec<u32>,
    texts: Vec<String>,
}

impl FaceUse {
    fn text(&self, glyph: u16) -> Option<&str> {
        match self.map.get(usize::from(glyph)).copied().unwrap_or(0) {
            0 => None,
            k => self.texts.get(k as usize - 1).map(String::as_str),
        }
    }

    fn set(&mut self, glyph: u16, text: &str) {
        if let Some(slot) = self.map.get_mut(usize::from(glyph)) {
            if *slot == 0 {
                self.texts.push(text.to_string());
                *slot = self.texts.len() as u32;
            }
        }
    }
}

/// The state of the text object being written, so repeated settings are left out.
#[derive(Debug, Default)]
pub(crate) struct TextState {
    font: Option<(FaceId, u32)>,
}

/// The fonts of one document, as its text is drawn.
#[derive(Default)]
pub(crate) struct Fonts {
    uses: Vec<Option<FaceUse>>,
    /// Resource names are this followed by "F" and the face's number.
    prefix: &'static str,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts")
            .field("faces", &self.uses.iter().flatten().count())
            .finish()
    }
}

/// A number for a content stream: at most `places` decimals, no trailing zeros.
pub(crate) fn num(out: &mut Vec<u8>, v: f32, places: i32) {
    let scale = 10f32.powi(places);
    let r = (v * scale).round() / scale;
    if r == 0.0 || !r.is_finite() {
        out.push(b'0');
        return;
    }
    let mut s = format!("{:.*}", places as usize, r);
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    out.extend_from_slice(s.as_bytes());
}

/// Text for a ToUnicode entry or ActualText: the cluster's characters without the
/// invisible ones (joiners, direction marks).
fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(font::invisible) {
        std::borrow::Cow::Owned(text.chars().filter(|c| !font::invisible(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A PDF text string in UTF-16BE with a byte-order mark.
fn utf16_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// A `TJ` array being written.
struct Tj<'a> {
    out: &'a mut Vec<u8>,
    open: bool,
    hex: bool,
}

impl Tj<'_> {
    fn glyph(&mut self, id: u16) {
        if !self.open {
            self.out.push(b'[');
            self.open = true;
        }
        if !self.hex {
            self.out.push(b'<');
            self.hex = true;
        }
        let _ = write!(self.out, "{id:04X}");
    }

    /// Moves the pen left by `n` thousandths of the type size (negative: right).
    fn adjust(&mut self, n: f32) {
        if !self.open {
            self.out.push(b'[');
            self.open = true;
        }
        if self.hex {
            self.out.push(b'>');
            self.hex = false;
        }
        self.out.push(b' ');
        num(self.out, n, 2);
        self.out.push(b' ');
    }

    fn close(&mut self) {
        if self.hex {
            self.out.push(b'>');
            self.hex = false;
        }
        if self.open {
            self.out.extend_from_slice(b"] TJ\n");
            self.open = false;
        }
    }
}

impl Fonts {
    pub(crate) fn new() -> Fonts {
        Fonts::default()
    }

    /// Fonts whose resource names start with `prefix`.
    pub(crate) fn with_prefix(prefix: &'static str) -> Fonts {
        Fonts {
            uses: Vec::new(),
            prefix,
        }
    }

    /// The resource name of a face's font.
    fn resource_name(&self, face: FaceId) -> String {
        format!("{}F{}", self.prefix, face.index())
    }

    fn use_of(&mut self, face: FaceId) -> Result<&mut FaceUse, ShowError> {
        let i = face.index();
        if self.uses.len() <= i {
            self.uses.resize_with(i + 1, || None);
        }
        if self.uses[i].is_none() {
            let f = face.face().ok_or(ShowError::Fonts)?;
            self.uses[i] = Some(FaceUse {
                face: f,
                map: vec![0; usize::from(f.num_glyphs)],
                texts: Vec::new(),
            });
        }
        self.uses[i].as_mut().ok_or(ShowError::Fonts)
    }

    /// Whether a cluster's glyphs need `/ActualText` to read back as `text`, recording the
    /// ToUnicode text of glyphs drawn for the first time.
    fn needs_actual_text(use_: &mut FaceUse, glyphs: &[Glyph], text: &str, rtl: bool) -> bool {
        let text = visible(text);
        if text.is_empty() {
            for g in glyphs {
                let nominal = use_.face.nominal(g.id).map(String::from);
                use_.set(g.id, nominal.as_deref().unwrap_or(" "));
            }
            return false;
        }
        if let [g] = glyphs {
            return match use_.text(g.id) {
                None => {
                    use_.set(g.id, &text);
                    false
                }
                Some(t) if t == text => false,
                Some(t) => !(t.trim().is_empty() && text.trim().is_empty()),
            };
        }
        // Several glyphs: each its own character, in reading order?
        let nominal: Option<Vec<char>> = glyphs.iter().map(|g| use_.face.nominal(g.id)).collect();
        if let Some(chars) = nominal {
            let read: String = if rtl {
                chars.iter().rev().collect()
            } else {
                chars.iter().collect()
            };
            let consistent = glyphs.iter().zip(&chars).all(|(g, c)| {
                use_.text(g.id)
                    .is_none_or(|t| t.chars().eq(std::iter::once(*c)))
            });
            if read == text && consistent {
                for (g, c) in glyphs.iter().zip(&chars) {
                    use_.set(g.id, c.encode_utf8(&mut [0; 4]));
                }
                return false;
            }
        }
        // Readers that ignore /ActualText still get each glyph's own character, or the
        // cluster's text for a glyph that has none.
        for g in glyphs {
            match use_.face.nominal(g.id) {
                Some(c) => use_.set(g.id, c.encode_utf8(&mut [0; 4])),
                None => use_.set(g.id, &text),
            }
        }
        true
    }

    /// Appends the operators that draw `run` with its baseline's left end at (`x`, `y`)
    /// (PDF user space, y up) inside a text object, in fill colour `colour`. Bold in a face
    /// without a bold design is emboldened (filled and stroked in the same colour); the
    /// stroke colour and width are then left changed, and `true` is returned.
    pub(crate) fn show(
        &mut self,
        run: &TextRun,
        x: f32,
        y: f32,
        colour: Colour,
        state: &mut TextState,
        out: &mut Vec<u8>,
    ) -> Result<bool, ShowError> {
        if run.glyphs.is_empty() {
            return Ok(false);
        }
        let resource = self.resource_name(run.face);
        let use_ = self.use_of(run.face)?;
        let face = use_.face;
        let size_key = (run.size * 100.0).round() as u32;
        if state.font != Some((run.face, size_key)) {
            let _ = write!(out, "/{resource} ");
            num(out, run.size, 2);
            out.extend_from_slice(b" Tf\n");
            state.font = Some((run.face, size_key));
        }
        out.extend_from_slice(b"1 0 0 1 ");
        num(out, x, 2);
        out.push(b' ');
        num(out, y, 2);
        out.extend_from_slice(b" Tm\n");
        let bold = run.emboldened();
        if bold {
            for c in [colour.r, colour.g, colour.b] {
                num(out, f32::from(c) / 255.0, 3);
                out.push(b' ');
            }
            out.extend_from_slice(b"RG ");
            num(out, run.size * 0.03, 3);
            out.extend_from_slice(b" w 2 Tr\n");
        }
        let k = 1000.0 / face.units_per_em;
        let to_points = run.size / face.units_per_em;
        // Where the viewer's pen is and where the shaper's is, in thousandths of an em.
        let mut pen = 0.0f32;
        let mut at = 0.0f32;
        let mut rise = 0.0f32;
        let mut tj = Tj {
            out,
            open: false,
            hex: false,
        };
        // Glyphs grouped by cluster, in drawing order.
        let glyphs = &run.glyphs;
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < glyphs.len() {
            let c = glyphs[i].cluster;
            let start = i;
            while i < glyphs.len() && glyphs[i].cluster == c {
                i += 1;
            }
            groups.push((start, i));
        }
        for (n, &(start, end)) in groups.iter().enumerate() {
            let from = glyphs[start].cluster as usize;
            // The cluster ends where the next one in reading order begins.
            let next = if run.rtl {
                n.checked_sub(1).map(|p| groups[p].0)
            } else {
                groups.get(n + 1).map(|g| g.0)
            };
            let to = next.map_or(run.text.len(), |g| glyphs[g].cluster as usize);
            let text = run.text.get(from..to.max(from)).unwrap_or("");
            let group = &glyphs[start..end];
            if group.iter().any(|g| g.id == 0) {
                if let Some(c) = text.chars().find(|&c| !font::can_print(c)) {
                    return Err(ShowError::Unprintable(Unprintable::new(c, &run.text)));
                }
            }
            let actual = Self::needs_actual_text(use_, group, text, run.rtl);
            if actual {
                tj.close();
                tj.out.extend_from_slice(b"/Span <</ActualText ");
                if let Object::String(bytes, _) = utf16_string(&visible(text)) {
                    tj.out.push(b'<');
                    for b in bytes {
                        let _ = write!(tj.out, "{b:02X}");
                    }
                    tj.out.push(b'>');
                }
                tj.out.extend_from_slice(b">> BDC\n");
            }
            // Inside an /ActualText span, readers take the span's extent from its first
            // glyph's start to its last glyph's end; when the glyphs do not reach the
            // cluster's edges (a reph or a mark drawn back over its base), a blank glyph
            // marks the edge, so no gap appears inside a word.
            let blank = face.glyph(' ').filter(|_| actual);
            let cluster_start = at;
            let cluster_end = at + group.iter().map(|g| g.advance as f32).sum::<f32>() * k;
            if let Some(space) = blank {
                let first = at + group[0].dx as f32 * k;
                if first - cluster_start > 100.0 {
                    let shift = cluster_start - pen;
                    if shift.abs() > 0.005 {
                        tj.adjust(-shift);
                    }
                    tj.glyph(space);
                    use_.set(space, " ");
                    pen = cluster_start + f32::from(face.advance(space)) * k;
                }
            }
            let mut reached = f32::MIN;
            for g in group {
                let want_rise = g.dy as f32 * to_points;
                if (want_rise - rise).abs() > 0.001 {
                    tj.close();
                    num(tj.out, want_rise, 3);
                    tj.out.extend_from_slice(b" Ts\n");
                    rise = want_rise;
                }
                let target = at + g.dx as f32 * k;
                let shift = target - pen;
                if shift.abs() > 0.005 {
                    tj.adjust(-shift);
                }
                tj.glyph(g.id);
                pen = target + f32::from(face.advance(g.id)) * k;
                reached = pen;
                at += g.advance as f32 * k;
            }
            if let Some(space) = blank {
                if cluster_end - reached > 100.0 {
                    let width = f32::from(face.advance(space)) * k;
                    let target = cluster_end - width;
                    let shift = target - pen;
                    if shift.abs() > 0.005 {
                        tj.adjust(-shift);
                    }
                    tj.glyph(space);
                    use_.set(space, " ");
                    pen = cluster_end;
                }
            }
            if actual {
                tj.close();
                tj.out.extend_from_slice(b"EMC\n");
            }
        }
        tj.close();
        if rise != 0.0 {
            out.extend_from_slice(b"0 Ts\n");
        }
        if bold {
            out.extend_from_slice(b"0 Tr\n");
        }
        Ok(bold)
    }

    /// Adds each used face's font objects (subset program, descriptor, CID font, ToUnicode
    /// map, Type0 font) through `add`; returns (resource name, Type0 font) pairs in face
    /// order.
    pub(crate) fn write(&self, add: &mut dyn FnMut(Object) -> ObjectId) -> Vec<(String, ObjectId)> {
        let mut out = Vec::new();
        for use_ in self.uses.iter().flatten() {
            let face = use_.face;
            let used: Vec<u16> = (0..use_.map.len())
                .filter(|&g| use_.map[g] != 0)
                .map(|g| g as u16)
                .collect();
            let program = subset::subset_truetype(face.bytes, &used);
            let tag = subset_tag(face.id, &used);
            let name = format!(
                "{}{}",
                if program.is_some() {
                    format!("{tag}+")
                } else {
                    String::new()
                },
                face.id.postscript_name()
            );
            let program = program.unwrap_or_else(|| face.bytes.to_vec());
            let mut file_dict = Dictionary::new();
            file_dict.set("Length1", Object::Integer(program.len() as i64));
            let file = add(Object::Stream(compressed(file_dict, program)));

            let k = 1000.0 / face.units_per_em;
            let mut flags = 4; // symbolic
            if face.id.is_italic() {
                flags |= 64;
            }
            let mut descriptor = Dictionary::new();
            descriptor.set("Type", Object::Name(b"FontDescriptor".to_vec()));
            descriptor.set("FontName", Object::Name(name.clone().into_bytes()));
            descriptor.set("Flags", Object::Integer(flags));
            descriptor.set(
                "FontBBox",
                Object::Array(
                    face.bbox
                        .iter()
                        .map(|v| Object::Integer((f32::from(*v) * k).round() as i64))
                        .collect(),
                ),
            );
            descriptor.set("ItalicAngle", real(face.italic_angle));
            descriptor.set(
                "Ascent",
                Object::Integer((face.ascent * 1000.0).round() as i64),
            );
            descriptor.set(
                "Descent",
                Object::Integer((-face.descent * 1000.0).round() as i64),
            );
            descriptor.set(
                "CapHeight",
                Object::Integer((face.cap_height * 1000.0).round() as i64),
            );
            descriptor.set(
                "StemV",
                Object::Integer(if face.id.is_bold() { 120 } else { 80 }),
            );
            descriptor.set("FontFile2", Object::Reference(file));
            let descriptor = add(Object::Dictionary(descriptor));

            let mut widths = Vec::new();
            let mut i = 0;
            while i < used.len() {
                let first = used[i];
                let mut list = Vec::new();
                while i < used.len() && used[i] == first + list.len() as u16 {
                    list.push(real(f32::from(face.advance(used[i])) * k));
                    i += 1;
                }
                widths.push(Object::Integer(i64::from(first)));
                widths.push(Object::Array(list));
            }
            let mut system = Dictionary::new();
            system.set(
                "Registry",
                Object::String(b"Adobe".to_vec(), StringFormat::Literal),
            );
            system.set(
                "Ordering",
                Object::String(b"Identity".to_vec(), StringFormat::Literal),
            );
            system.set("Supplement", Object::Integer(0));
            let mut cid = Dictionary::new();
            cid.set("Type", Object::Name(b"Font".to_vec()));
            cid.set("Subtype", Object::Name(b"CIDFontType2".to_vec()));
            cid.set("BaseFont", Object::Name(name.clone().into_bytes()));
            cid.set("CIDSystemInfo", Object::Dictionary(system));
            cid.set("FontDescriptor", Object::Reference(descriptor));
            cid.set("DW", Object::Integer(0));
            cid.set("W", Object::Array(widths));
            cid.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
            let cid = add(Object::Dictionary(cid));

            let to_unicode = add(Object::Stream(compressed(
                Dictionary::new(),
                to_unicode_cmap(use_, &used),
            )));

            let mut type0 = Dictionary::new();
            type0.set("Type", Object::Name(b"Font".to_vec()));
            type0.set("Subtype", Object::Name(b"Type0".to_vec()));
            type0.set("BaseFont", Object::Name(name.into_bytes()));
            type0.set("Encoding", Object::Name(b"Identity-H".to_vec()));
            type0.set(
                "DescendantFonts",
                Object::Array(vec![Object::Reference(cid)]),
            );
            type0.set("ToUnicode", Object::Reference(to_unicode));
            out.push((self.resource_name(face.id), add(Object::Dictionary(type0))));
        }
        out
    }
}

fn real(v: f32) -> Object {
    let r = (v * 100.0).round() / 100.0;
    if r.fract() == 0.0 && r.abs() < 1e9 {
        Object::Integer(r as i64)
    } else {
        Object::Real(r)
    }
}

/// A stream with its content deflated.
pub(crate) fn compressed(mut dict: Dictionary, content: Vec<u8>) -> Stream {
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(content.len() / 3),
        flate2::Compression::default(),
    );
    if encoder.write_all(&content).is_ok() {
        if let Ok(data) = encoder.finish() {
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            return Stream::new(dict, data).with_compression(false);
        }
    }
    Stream::new(dict, content).with_compression(false)
}

/// A subset tag (six capital letters, ISO 32000-1 9.6.4) derived from the face and the
/// glyphs it carries: the same for the same glyphs, different between subsets.
fn subset_tag(face: FaceId, glyphs: &[u16]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for b in face.postscript_name().bytes() {
        eat(b);
    }
    for g in glyphs {
        for b in g.to_be_bytes() {
            eat(b);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8))
        .collect()
}

/// The ToUnicode CMap of the used glyphs.
fn to_unicode_cmap(use_: &FaceUse, used: &[u16]) -> Vec<u8> {
    let mut entries: Vec<(u16, String)> = Vec::with_capacity(used.len());
    for &g in used {
        if let Some(t) = use_.text(g) {
            let mut hex = String::with_capacity(t.len() * 4);
            for unit in t.encode_utf16() {
                let _ = write!(hex, "{unit:04X}");
            }
            if !hex.is_empty() {
                entries.push((g, hex));
            }
        }
    }
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in entries.chunks(100) {
        let _ = writeln!(s, "{} beginbfchar", chunk.len());
        for (g, hex) in chunk {
            let _ = writeln!(s, "<{g:04X}> <{hex}>");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        let mut out = Vec::new();
        for v in [0.0, 1.0, 1.5, -12.346, 0.004, 1e-9] {
            num(&mut out, v, 2);
            out.push(b' ');
        }
        assert_eq!(String::from_utf8_lossy(&out), "0 1 1.5 -12.35 0 0 ");
    }
}
