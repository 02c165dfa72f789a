//! The three faces Boardpack prints with (Liberation Sans regular, bold and italic, metric
//! twins of Arial, the face NHS papers use), embedded in the binary and parsed once, and
//! exact text measurement from their glyph advance widths. Layout wraps text with these
//! numbers and the writer embeds the same faces, so a line that measures as fitting does
//! fit. This module must not lay out or write anything, and must never panic on text it
//! cannot draw: a character with no glyph measures and prints as its stand-in from
//! [`printable`].

use std::borrow::Cow;
use std::sync::OnceLock;

use printpdf::ParsedFont;

const REGULAR_TTF: &[u8] = include_bytes!("../fonts/LiberationSans-Regular.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../fonts/LiberationSans-Bold.ttf");
const ITALIC_TTF: &[u8] = include_bytes!("../fonts/LiberationSans-Italic.ttf");

/// One of the embedded faces. There is no bold italic face: bold wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum FontStyle {
    #[default]
    Regular,
    Bold,
    Italic,
}

impl FontStyle {
    pub const ALL: [FontStyle; 3] = [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic];

    /// The PostScript name the face is embedded under.
    pub fn postscript_name(self) -> &'static str {
        match self {
            FontStyle::Regular => "LiberationSans",
            FontStyle::Bold => "LiberationSans-Bold",
            FontStyle::Italic => "LiberationSans-Italic",
        }
    }

    fn index(self) -> usize {
        match self {
            FontStyle::Regular => 0,
            FontStyle::Bold => 1,
            FontStyle::Italic => 2,
        }
    }
}

/// Code points below this are measured from a flat table instead of the font's maps.
const FAST: usize = 0x2200;

/// A parsed face and its advance widths in 1/`units_per_em` em.
pub(crate) struct Face {
    pub(crate) parsed: ParsedFont,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
    /// Advance (font units) for code points below [`FAST`]; `u16::MAX` = no glyph.
    fast: Vec<u16>,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("name", &self.parsed.font_name)
            .field("units_per_em", &self.units_per_em)
            .finish_non_exhaustive()
    }
}

impl Face {
    fn parse(bytes: &[u8], name: &str) -> Option<Face> {
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)?;
        parsed.font_name = Some(name.to_string());
        let units_per_em = f32::from(parsed.units_per_em.max(1));
        let mut fast = vec![u16::MAX; FAST];
        for (cp, slot) in fast.iter_mut().enumerate() {
            if let Some(w) = glyph_advance(&parsed, cp as u32) {
                *slot = w;
            }
        }
        Some(Face {
            units_per_em,
            ascent: f32::from(parsed.font_metrics.ascent) / units_per_em,
            descent: -f32::from(parsed.font_metrics.descent) / units_per_em,
            fast,
            parsed,
        })
    }

    /// Advance width of `c` in font units, if the face has a glyph for it.
    fn advance(&self, c: char) -> Option<u16> {
        let cp = c as usize;
        if cp < FAST {
            let w = self.fast[cp];
            (w != u16::MAX).then_some(w)
        } else {
            glyph_advance(&self.parsed, c as u32)
        }
    }

    pub(crate) fn has_glyph(&self, c: char) -> bool {
        self.advance(c).is_some()
    }
}

fn glyph_advance(font: &ParsedFont, cp: u32) -> Option<u16> {
    let gid = font.lookup_glyph_index(cp)?;
    if gid == 0 {
        return None;
    }
    Some(font.get_glyph_width(gid).unwrap_or(0))
}

/// The three faces, parsed on first use.
#[derive(Debug)]
pub(crate) struct Faces {
    faces: [Face; 3],
}

impl Faces {
    pub(crate) fn get(&self, style: FontStyle) -> &Face {
        &self.faces[style.index()]
    }
}

static FACES: OnceLock<Option<Faces>> = OnceLock::new();

/// The embedded faces, or `None` if they could not be parsed (they always can: the bytes
/// are compiled in, and a test proves it; callers still handle `None` without panicking).
pub(crate) fn faces() -> Option<&'static Faces> {
    FACES
        .get_or_init(|| {
            Some(Faces {
                faces: [
                    Face::parse(REGULAR_TTF, FontStyle::Regular.postscript_name())?,
                    Face::parse(BOLD_TTF, FontStyle::Bold.postscript_name())?,
                    Face::parse(ITALIC_TTF, FontStyle::Italic.postscript_name())?,
                ],
            })
        })
        .as_ref()
}

/// The font-file bytes of a face, as embedded.
pub(crate) fn font_bytes(style: FontStyle) -> &'static [u8] {
    match style {
        FontStyle::Regular => REGULAR_TTF,
        FontStyle::Bold => BOLD_TTF,
        FontStyle::Italic => ITALIC_TTF,
    }
}

/// Whether the face has a glyph for `c`.
pub fn has_glyph(style: FontStyle, c: char) -> bool {
    faces().is_some_and(|f| f.get(style).has_glyph(c))
}

/// Width of `text` set in `style` at `size` points, in points: the sum of the glyph
/// advances (no kerning, exactly as the writer sets it). Characters without a glyph are
/// measured as their stand-in (see [`printable`]).
pub fn text_width(text: &str, style: FontStyle, size: f32) -> f32 {
    let Some(faces) = faces() else {
        return text.chars().count() as f32 * size * 0.5;
    };
    let face = faces.get(style);
    let mut units: u32 = 0;
    for c in text.chars() {
        units += u32::from(char_units(face, c));
    }
    units as f32 / face.units_per_em * size
}

/// Width of one character, in points.
pub fn char_width(c: char, style: FontStyle, size: f32) -> f32 {
    match faces() {
        Some(faces) => {
            let face = faces.get(style);
            f32::from(char_units(face, c)) / face.units_per_em * size
        }
        None => size * 0.5,
    }
}

fn char_units(face: &Face, c: char) -> u16 {
    if let Some(w) = face.advance(c) {
        return w;
    }
    let mut units = 0;
    for s in stand_in(c).chars() {
        units += face.advance(s).unwrap_or(0);
    }
    units
}

/// Distance from the baseline to the top of the tallest glyphs, in points.
pub fn ascent(style: FontStyle, size: f32) -> f32 {
    faces().map_or(0.9, |f| f.get(style).ascent) * size
}

/// Distance from the baseline to the bottom of the deepest glyphs (positive), in points.
pub fn descent(style: FontStyle, size: f32) -> f32 {
    faces().map_or(0.21, |f| f.get(style).descent) * size
}

/// What a character with no glyph in the face is printed as: a plain equivalent where one
/// exists (tab → space, ballot boxes → brackets), otherwise "?".
fn stand_in(c: char) -> &'static str {
    match c {
        '\t' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' => " ",
        '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{00AD}' => "",
        '\u{2610}' => "[ ]",
        '\u{2611}' | '\u{2612}' | '\u{2713}' | '\u{2714}' | '\u{2717}' | '\u{2718}' => "[x]",
        '\u{2012}' | '\u{2010}' | '\u{2011}' => "-",
        '\u{2212}' => "-",
        '\u{2264}' => "<=",
        '\u{2265}' => ">=",
        c if c.is_control() => "",
        _ => "?",
    }
}

/// `text` with every character the face cannot draw replaced by its stand-in, so what is
/// measured is exactly what is printed. Borrowed when nothing needed replacing.
pub fn printable(text: &str, style: FontStyle) -> Cow<'_, str> {
    let Some(faces) = faces() else {
        return Cow::Borrowed(text);
    };
    let face = faces.get(style);
    if text.chars().all(|c| face.has_glyph(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if face.has_glyph(c) {
            out.push(c);
        } else {
            out.push_str(stand_in(c));
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_parse() {
        assert!(faces().is_some());
        for style in FontStyle::ALL {
            assert!(ascent(style, 10.0) > 8.0 && ascent(style, 10.0) < 10.0);
            assert!(descent(style, 10.0) > 1.0 && descent(style, 10.0) < 3.0);
        }
    }

    #[test]
    fn wider_strings_measure_wider() {
        let s = FontStyle::Regular;
        assert!(text_width("IM&T", s, 11.0) > text_width("IM", s, 11.0));
        assert!(text_width("WWW", s, 11.0) > text_width("iii", s, 11.0));
        assert!(text_width("Bold", FontStyle::Bold, 11.0) > text_width("Bold", s, 11.0));
        assert_eq!(text_width("", s, 11.0), 0.0);
        // Arial metrics: "M" is 0.833 em.
        assert!((char_width('M', s, 1000.0) - 833.0).abs() < 1.0);
    }

    #[test]
    fn uk_punctuation_has_glyphs() {
        for style in FontStyle::ALL {
            for c in [
                '£', '’', '‘', '“', '”', '–', '—', '…', '€', '•', '&', 'é', 'ö',
            ] {
                assert!(has_glyph(style, c), "{c} in {style:?}");
                assert!(char_width(c, style, 10.0) > 0.0, "{c} in {style:?}");
            }
        }
        assert_eq!(
            printable("Tim O’Neill – £28.9m", FontStyle::Regular),
            "Tim O’Neill – £28.9m"
        );
    }

    #[test]
    fn missing_glyphs_do_not_panic() {
        let s = FontStyle::Regular;
        let odd = "\u{1F600}\u{2610}\u{10FFFF}\tx";
        let shown = printable(odd, s);
        assert!(shown.chars().all(|c| has_glyph(s, c)), "{shown}");
        assert!((text_width(odd, s, 10.0) - text_width(&shown, s, 10.0)).abs() < 1e-3);
    }
}
