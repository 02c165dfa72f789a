//! The faces Boardpack prints with, embedded in the binary and parsed on first use, and the
//! choice of a face for each character. Liberation Sans (regular, bold, italic; the metric
//! twin of Arial, which NHS papers use) sets Latin, Greek and Cyrillic; Noto faces set Arabic
//! (with Urdu, Persian and Pashto), Hebrew, Devanagari, Bengali, Gurmukhi, Gujarati, Tamil and
//! Ethiopic, and ticks, crosses and ballot boxes (Noto Sans Symbols 2); Droid Sans Fallback
//! sets Chinese, Japanese and Korean. A character is set in the face of its script, or, for
//! spaces, digits and punctuation, in the face of the text around it; failing that, in the
//! first face that has it. No face has emoji: text with an emoji cannot be printed, and the
//! writer says so ([`Unprintable`]) rather than print a "?".
//!
//! Layout measures and the writer embeds exactly these faces, so a line that measures as
//! fitting does fit. This module must not lay out or write anything, and must never panic:
//! if the compiled-in bytes could not be parsed (a test proves they can), text measures with
//! a plain estimate and the writer refuses with [`crate::PdfWriteError::Fonts`].

use std::fmt;
use std::io::Read;
use std::sync::OnceLock;

use rustybuzz::ttf_parser;
use unicode_script::{Script, UnicodeScript};

/// The style asked for. Faces without an italic are set upright; faces without a bold are
/// emboldened by the writer (filled and stroked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum FontStyle {
    #[default]
    Regular,
    Bold,
    Italic,
}

impl FontStyle {
    pub const ALL: [FontStyle; 3] = [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic];
}

/// One of the embedded faces (font programs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FaceId(u8);

/// The scripts that have faces of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Latin,
    Arabic,
    Hebrew,
    Devanagari,
    Bengali,
    Gurmukhi,
    Gujarati,
    Tamil,
    Ethiopic,
    Symbols,
    Cjk,
}

enum Bytes {
    Plain(&'static [u8]),
    /// zlib-compressed (a face too big to keep in the repository as it is).
    Zlib(&'static [u8]),
}

struct Source {
    name: &'static str,
    family: Family,
    bold: bool,
    italic: bool,
    bytes: Bytes,
}

macro_rules! font {
    ($path:literal) => {
        Bytes::Plain(include_bytes!(concat!("../fonts/", $path)))
    };
}

const SOURCES: [Source; 20] = [
    Source {
        name: "LiberationSans",
        family: Family::Latin,
        bold: false,
        italic: false,
        bytes: font!("LiberationSans-Regular.ttf"),
    },
    Source {
        name: "LiberationSans-Bold",
        family: Family::Latin,
        bold: true,
        italic: false,
        bytes: font!("LiberationSans-Bold.ttf"),
    },
    Source {
        name: "LiberationSans-Italic",
        family: Family::Latin,
        bold: false,
        italic: true,
        bytes: font!("LiberationSans-Italic.ttf"),
    },
    Source {
        name: "NotoNaskhArabic-Regular",
        family: Family::Arabic,
        bold: false,
        italic: false,
        bytes: font!("noto/NotoNaskhArabic-Regular.ttf"),
    },
    Source {
        name: "NotoNaskhArabic-Bold",
        family: Family::Arabic,
        bold: true,
        italic: false,
        bytes: font!("noto/NotoNaskhArabic-Bold.ttf"),
    },
    Source {
        name: "NotoSansHebrew-Regular",
        family: Family::Hebrew,
        bold: false,
        italic: false,
        bytes: font!("noto/NotoSansHebrew-Regular.ttf"),
    },
    Source {
        name: "NotoSansHebrew-Bold",
        family: Family::Hebrew,
        bold: true,
        italic: false,
        bytes: font!("noto/NotoSansHebrew-Bold.ttf"),
    },
    Source {
        name: "NotoSansDevanagari-Regular",
        family: Family::Devanagari,
        bold: false,
        italic: false,
        bytes: font!("noto/NotoSansDevanagari-Regular.ttf"),
    },
    Source {
        name: "NotoSansDevanagari-Bold",
        family: Family::Devanagari,
        bold: true,
        italic: false,
        bytes: font!("noto/NotoSansDevanagari-Bold.ttf"),
    },
    Source {
        name: "NotoSansBengali-Regular",
        family: Family::Bengali,
        bold: false,
        italic: false,
        bytes: font!("noto/NotoSansBengali-Regular.ttf"),
    },
    Source {
        name: "NotoSansBengali-Bold",
        family: Family::Bengali,
        bold: true,
        italic: false,
        bytes: font!("noto/NotoSansBengali-Bold.ttf"),
    },
    Source {
        name: "NotoSansGurmukhi-Regular",
        family: Family::Gurmukhi,
        bold: false,
        italic: false,
        bytes: font!("noto/NotoSansGurmukhi-Regular.ttf"),
    },
    Source {
        name: "NotoSansGurmukhi-Bold",
        family: Family::Gurmukhi,
        bold: true,
        italic: false,
        bytes: font!("noto/NotoSansGurmukhi-Bold.ttf"),
    },
    Source {
        name: "NotoSansGujarati-Regular",
        family: Family::Gujarati,
        bold: false,
        italic: false,
        bytes: font!("noto/NotoSansGujarati-Regular.ttf"),
    },
    Source {
        name: "NotoSansGujarati-Bold",
        family: Family::Gujarati,
        bold: true,
        italic: false,
        bytes: font!("noto/NotoSansGujarati-Bold.ttf"),
    },
    Source {
        name: "NotoSansTamil-Regular",
        family: Family::Tamil,
        bold: false,
        italic: false,
        bytes: font!("noto/NotoSansTamil-Regular.ttf"),
    },
    Source {
        name: "NotoSansTamil-Bold",
        family: Family::Tamil,
        bold: true,
        italic: false,
        bytes: font!("noto/NotoSansTamil-Bold.ttf"),
    },
    Source {
        name: "NotoSansEthiopic-Regular",
        family: Family::Ethiopic,
        bold: false,
        italic: false,
        bytes: font!("noto/NotoSansEthiopic-Regular.ttf"),
    },
    Source {
        name: "NotoSansSymbols2-Regular",
        family: Family::Symbols,
        bold: false,
        italic: false,
        bytes: font!("noto/NotoSansSymbols2-Regular.ttf"),
    },
    Source {
        name: "DroidSansFallback",
        family: Family::Cjk,
        bold: false,
        italic: false,
        bytes: Bytes::Zlib(include_bytes!("../fonts/droid/DroidSansFallback.ttf.zlib")),
    },
];

/// Largest size the compressed face may inflate to (it is 3.3 MB).
const MAX_INFLATED: u64 = 16 * 1024 * 1024;

impl FaceId {
    pub const LIBERATION: FaceId = FaceId(0);
    pub const LIBERATION_BOLD: FaceId = FaceId(1);
    pub const LIBERATION_ITALIC: FaceId = FaceId(2);

    /// Every embedded face.
    pub fn all() -> impl Iterator<Item = FaceId> {
        (0..SOURCES.len() as u8).map(FaceId)
    }

    /// The face's PostScript name, as embedded (before the subset tag).
    pub fn postscript_name(self) -> &'static str {
        self.source().name
    }

    /// Whether the face is a bold design (otherwise bold text in it is emboldened).
    pub fn is_bold(self) -> bool {
        self.source().bold
    }

    /// Whether the face is an italic design.
    pub fn is_italic(self) -> bool {
        self.source().italic
    }

    /// Small number naming the face (for resource names).
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    fn source(self) -> &'static Source {
        &SOURCES[usize::from(self.0)]
    }

    /// The Liberation face for `style`.
    pub fn latin(style: FontStyle) -> FaceId {
        match style {
            FontStyle::Regular => FaceId::LIBERATION,
            FontStyle::Bold => FaceId::LIBERATION_BOLD,
            FontStyle::Italic => FaceId::LIBERATION_ITALIC,
        }
    }

    /// The face of `family` for `style`: its bold design when there is one and bold is
    /// asked for, else its regular one.
    fn of(family: Family, style: FontStyle) -> FaceId {
        if family == Family::Latin {
            return FaceId::latin(style);
        }
        let mut regular = None;
        for (i, s) in SOURCES.iter().enumerate() {
            if s.family == family {
                if s.bold == (style == FontStyle::Bold) {
                    return FaceId(i as u8);
                }
                if !s.bold {
                    regular.get_or_insert(FaceId(i as u8));
                }
            }
        }
        regular.unwrap_or(FaceId::latin(style))
    }

    pub(crate) fn face(self) -> Option<&'static Face> {
        static FACES: [OnceLock<Option<Face>>; SOURCES.len()] =
            [const { OnceLock::new() }; SOURCES.len()];
        FACES[usize::from(self.0)]
            .get_or_init(|| Face::load(self))
            .as_ref()
    }
}

/// Code points below this are looked up in a flat table in the Liberation faces.
pub(crate) const FAST: usize = 0x2200;

/// A parsed face.
pub(crate) struct Face {
    pub(crate) id: FaceId,
    pub(crate) bytes: &'static [u8],
    pub(crate) shaper: rustybuzz::Face<'static>,
    pub(crate) units_per_em: f32,
    /// Ascent and descent (positive), in em.
    pub(crate) ascent: f32,
    pub(crate) descent: f32,
    pub(crate) cap_height: f32,
    /// Font bounding box, font units.
    pub(crate) bbox: [i16; 4],
    pub(crate) italic_angle: f32,
    pub(crate) num_glyphs: u16,
    /// (glyph, advance) for code points below [`FAST`]; glyph 0 = none. Empty for faces
    /// other than Liberation.
    fast: Vec<(u16, u16)>,
    /// The character each glyph stands for in the character map (the lowest one), if any.
    nominal: OnceLock<Vec<u32>>,
}

impl fmt::Debug for Face {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Face")
            .field("name", &self.id.postscript_name())
            .field("units_per_em", &self.units_per_em)
            .finish_non_exhaustive()
    }
}

impl Face {
    fn load(id: FaceId) -> Option<Face> {
        let bytes: &'static [u8] = match id.source().bytes {
            Bytes::Plain(b) => b,
            Bytes::Zlib(z) => {
                static INFLATED: OnceLock<Option<Vec<u8>>> = OnceLock::new();
                INFLATED
                    .get_or_init(|| {
                        let mut out = Vec::new();
                        flate2::read::ZlibDecoder::new(z)
                            .take(MAX_INFLATED)
                            .read_to_end(&mut out)
                            .ok()?;
                        Some(out)
                    })
                    .as_deref()?
            }
        };
        let shaper = rustybuzz::Face::from_slice(bytes, 0)?;
        let units_per_em = shaper.units_per_em().max(1) as f32;
        let bb = shaper.global_bounding_box();
        let mut face = Face {
            id,
            bytes,
            units_per_em,
            ascent: f32::from(shaper.ascender()) / units_per_em,
            descent: -f32::from(shaper.descender()) / units_per_em,
            cap_height: f32::from(shaper.capital_height().unwrap_or(shaper.ascender()))
                / units_per_em,
            bbox: [bb.x_min, bb.y_min, bb.x_max, bb.y_max],
            italic_angle: shaper.italic_angle(),
            num_glyphs: shaper.number_of_glyphs(),
            fast: Vec::new(),
            nominal: OnceLock::new(),
            shaper,
        };
        if id.source().family == Family::Latin {
            let mut fast = vec![(0u16, 0u16); FAST];
            for (cp, slot) in fast.iter_mut().enumerate() {
                if let Some(c) = char::from_u32(cp as u32) {
                    if let Some(g) = face.shaper.glyph_index(c) {
                        if g.0 != 0 {
                            *slot = (g.0, face.shaper.glyph_hor_advance(g).unwrap_or(0));
                        }
                    }
                }
            }
            face.fast = fast;
        }
        Some(face)
    }

    /// The glyph for `c` in the character map, if the face has one.
    #[inline]
    pub(crate) fn glyph(&self, c: char) -> Option<u16> {
        let cp = c as usize;
        if cp < self.fast.len() {
            let g = self.fast[cp].0;
            return (g != 0).then_some(g);
        }
        self.shaper.glyph_index(c).map(|g| g.0).filter(|&g| g != 0)
    }

    /// (glyph, advance) for a code point below [`FAST`] in a Liberation face; glyph 0 when
    /// it has none (or this is not a Liberation face).
    #[inline]
    pub(crate) fn fast(&self, c: char) -> (u16, u16) {
        self.fast.get(c as usize).copied().unwrap_or((0, 0))
    }

    pub(crate) fn has_fast_table(&self) -> bool {
        !self.fast.is_empty()
    }

    #[inline]
    pub(crate) fn covers(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    /// Advance width of a glyph, font units.
    pub(crate) fn advance(&self, glyph: u16) -> u16 {
        self.shaper
            .glyph_hor_advance(ttf_parser::GlyphId(glyph))
            .unwrap_or(0)
    }

    /// The character a glyph stands for in the character map (0: none).
    pub(crate) fn nominal(&self, glyph: u16) -> Option<char> {
        let table = self.nominal.get_or_init(|| {
            let mut table = vec![0u32; usize::from(self.num_glyphs)];
            if let Some(cmap) = self.shaper.tables().cmap {
                for sub in cmap.subtables {
                    if !sub.is_unicode() {
                        continue;
                    }
                    sub.codepoints(|cp| {
                        if let Some(g) = sub.glyph_index(cp) {
                            if let Some(slot) = table.get_mut(usize::from(g.0)) {
                                if *slot == 0 || cp < *slot {
                                    *slot = cp;
                                }
                            }
                        }
                    });
                }
            }
            table
        });
        table
            .get(usize::from(glyph))
            .copied()
            .filter(|&cp| cp != 0)
            .and_then(char::from_u32)
    }
}

/// How a character picks its face.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// A letter of a script with a face of its own (or of the Latin faces).
    Strong(FaceIdFor),
    /// Spaces, digits, punctuation, combining marks: set with the text around them.
    Neutral,
}

/// A face chosen by script, before the style is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FaceIdFor(Family);

impl FaceIdFor {
    pub(crate) fn face(self, style: FontStyle) -> FaceId {
        FaceId::of(self.0, style)
    }
}

/// Whether `c` belongs to a script with a face, or goes with its neighbours.
#[inline]
pub(crate) fn class(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphabetic() {
            Class::Strong(FaceIdFor(Family::Latin))
        } else {
            Class::Neutral
        };
    }
    let family = match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => return Class::Neutral,
        Script::Arabic => Family::Arabic,
        Script::Hebrew => Family::Hebrew,
        Script::Devanagari => Family::Devanagari,
        Script::Bengali => Family::Bengali,
        Script::Gurmukhi => Family::Gurmukhi,
        Script::Gujarati => Family::Gujarati,
        Script::Tamil => Family::Tamil,
        Script::Ethiopic => Family::Ethiopic,
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo => {
            Family::Cjk
        }
        _ => Family::Latin,
    };
    Class::Strong(FaceIdFor(family))
}

/// The faces tried, in order, for a character its own face cannot set.
pub(crate) fn fallbacks(style: FontStyle) -> impl Iterator<Item = FaceId> {
    [
        Family::Latin,
        Family::Symbols,
        Family::Arabic,
        Family::Hebrew,
        Family::Devanagari,
        Family::Bengali,
        Family::Gurmukhi,
        Family::Gujarati,
        Family::Tamil,
        Family::Ethiopic,
        Family::Cjk,
    ]
    .into_iter()
    .map(move |f| FaceId::of(f, style))
}

/// The first face (in [`fallbacks`] order) that can set `c`.
pub(crate) fn any_face(c: char, style: FontStyle) -> Option<FaceId> {
    fallbacks(style).find(|f| f.face().is_some_and(|face| face.covers(c)))
}

/// Characters that print as nothing and need no face: controls, and the invisible
/// formatting characters (joiners, direction marks, variation selectors…).
pub(crate) fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Whether some embedded face has a glyph for `c`.
pub(crate) fn covered(c: char) -> bool {
    FaceId::LIBERATION.face().is_some_and(|f| f.covers(c))
        || any_face(c, FontStyle::Regular).is_some()
}

/// Whether some embedded face can print `c` (or `c` needs none: spaces, controls and
/// invisible formatting characters).
pub fn can_print(c: char) -> bool {
    if c.is_ascii() || c.is_whitespace() || invisible(c) {
        return true;
    }
    if let Some(f) = FaceId::LIBERATION.face() {
        if f.covers(c) {
            return true;
        }
    }
    any_face(c, FontStyle::Regular).is_some()
}

/// The first character of `text` that no embedded face can print, if any. Callers that
/// take text for a document can refuse it early with this, naming the field.
pub fn unprintable(text: &str) -> Option<char> {
    text.chars().find(|&c| !can_print(c))
}

/// A character that cannot be printed: no embedded face has it (an emoji, a private-use
/// character, a script Boardpack carries no face for).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unprintable {
    pub character: char,
    /// The text it is in (shortened around it when long).
    pub text: String,
}

impl Unprintable {
    /// `character` in `text`, keeping at most about 60 characters of `text` around it.
    pub fn new(character: char, text: &str) -> Unprintable {
        let chars: Vec<char> = text.chars().take(10_000).collect();
        let at = chars.iter().position(|&c| c == character).unwrap_or(0);
        let from = at.saturating_sub(30);
        let to = (at + 30).min(chars.len());
        let mut shown = String::new();
        if from > 0 {
            shown.push('…');
        }
        shown.extend(&chars[from..to]);
        if to < chars.len() || text.chars().count() > chars.len() {
            shown.push('…');
        }
        Unprintable {
            character,
            text: shown,
        }
    }
}

impl fmt::Display for Unprintable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the character “{}” (U+{:04X}) in “{}” cannot be printed: none of Boardpack’s fonts has it (emoji and some rare scripts are not carried); replace it with words or a character that prints",
            self.character, self.character as u32, self.text
        )
    }
}

impl std::error::Error for Unprintable {}

/// Width of `text` set on one line in `style` at `size` points, in points: exactly what the
/// layout measures and the writer sets (shaped, each character in its face).
pub fn text_width(text: &str, style: FontStyle, size: f32) -> f32 {
    crate::shape::line_width(text, style, size)
}

/// Width of one character, in points (in the face that sets it).
pub fn char_width(c: char, style: FontStyle, size: f32) -> f32 {
    let mut buf = [0u8; 4];
    text_width(c.encode_utf8(&mut buf), style, size)
}

/// Whether the Liberation face for `style` has a glyph for `c`.
pub fn has_glyph(style: FontStyle, c: char) -> bool {
    FaceId::latin(style).face().is_some_and(|f| f.covers(c))
}

/// Distance from the baseline to the top of the tallest Latin glyphs, in points.
pub fn ascent(style: FontStyle, size: f32) -> f32 {
    FaceId::latin(style).face().map_or(0.9, |f| f.ascent) * size
}

/// Distance from the baseline to the bottom of the deepest Latin glyphs (positive), in
/// points.
pub fn descent(style: FontStyle, size: f32) -> f32 {
    FaceId::latin(style).face().map_or(0.21, |f| f.descent) * size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_parses() {
        for id in FaceId::all() {
            let face = id
                .face()
                .unwrap_or_else(|| panic!("{}", id.postscript_name()));
            assert!(face.units_per_em >= 256.0, "{}", id.postscript_name());
            assert!(face.num_glyphs > 10);
        }
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
    }

    #[test]
    fn each_script_finds_its_face() {
        let face_of = |c: char| match class(c) {
            Class::Strong(f) => f.face(FontStyle::Regular).postscript_name(),
            Class::Neutral => "neutral",
        };
        assert_eq!(face_of('a'), "LiberationSans");
        assert_eq!(face_of('ж'), "LiberationSans");
        assert_eq!(face_of('ب'), "NotoNaskhArabic-Regular");
        assert_eq!(face_of('ے'), "NotoNaskhArabic-Regular");
        assert_eq!(face_of('ש'), "NotoSansHebrew-Regular");
        assert_eq!(face_of('क'), "NotoSansDevanagari-Regular");
        assert_eq!(face_of('ক'), "NotoSansBengali-Regular");
        assert_eq!(face_of('ਕ'), "NotoSansGurmukhi-Regular");
        assert_eq!(face_of('ક'), "NotoSansGujarati-Regular");
        assert_eq!(face_of('க'), "NotoSansTamil-Regular");
        assert_eq!(face_of('ሰ'), "NotoSansEthiopic-Regular");
        assert_eq!(face_of('中'), "DroidSansFallback");
        assert_eq!(face_of('ひ'), "DroidSansFallback");
        assert_eq!(face_of('한'), "DroidSansFallback");
        assert_eq!(face_of('1'), "neutral");
        assert_eq!(
            FaceIdFor(Family::Arabic)
                .face(FontStyle::Bold)
                .postscript_name(),
            "NotoNaskhArabic-Bold"
        );
        assert_eq!(
            FaceIdFor(Family::Cjk)
                .face(FontStyle::Bold)
                .postscript_name(),
            "DroidSansFallback"
        );
        for c in "✓✗☐☒".chars() {
            assert_eq!(
                any_face(c, FontStyle::Regular).map(FaceId::postscript_name),
                Some("NotoSansSymbols2-Regular")
            );
        }
    }

    #[test]
    fn emoji_and_private_use_cannot_be_printed() {
        assert_eq!(unprintable("Board meeting 😀 today"), Some('😀'));
        assert_eq!(unprintable("\u{E000}"), Some('\u{E000}'));
        assert_eq!(unprintable("مرحبا שלום 你好 नमस्ते ✓ \u{200D}\t"), None);
        let e = Unprintable::new('😀', "Board meeting 😀 today");
        let said = e.to_string();
        assert!(said.contains("“😀” (U+1F600)"), "{said}");
        assert!(said.contains("Board meeting 😀 today"), "{said}");
        let long = format!("{}😀{}", "a".repeat(500), "b".repeat(500));
        let e = Unprintable::new('😀', &long);
        assert!(e.text.chars().count() < 70, "{}", e.text);
        assert!(e.text.starts_with('…') && e.text.ends_with('…'));
    }
}
