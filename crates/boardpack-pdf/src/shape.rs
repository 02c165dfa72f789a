//! Shaping: a line of styled text in, runs of positioned glyphs out. The text is first
//! given its bidirectional embedding levels (`unicode-bidi`, only when it holds
//! right-to-left characters), then cut into runs of one face, level and style (the face by
//! script and coverage: see [`crate::font`]), and each run is shaped with `rustybuzz`
//! (Arabic joining, Indic conjuncts and reordering, marks, mirrored brackets). Latin text in
//! the Liberation faces skips the shaper: one glyph per character from a flat table, exactly
//! what the shaper would give with kerning and ligatures off, and much faster.
//!
//! Glyphs are kept in logical order (a right-to-left run's glyphs reversed from the order
//! they are drawn in), each with the byte offset of its cluster in the text, so line
//! breaking walks the text forwards and the visual order is made per line. Long runs are
//! shaped in chunks cut at spaces, with the text around as context, so time and memory grow
//! with the text, not faster.
//!
//! This module must not break lines or place anything on a page, and never panics on any
//! text: a character no face has is shaped as glyph 0, which the writer refuses.

use std::fmt;
use std::ops::Range;

use rustybuzz::{BufferFlags, Direction, Feature, UnicodeBuffer};
use unicode_bidi::{BidiClass, BidiInfo, Level};

use crate::font::{self, Class, FaceId, FontStyle};

/// A glyph as shaped.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Glyph {
    /// Glyph id in its run's face (0: the face has no glyph for the character).
    pub id: u16,
    /// Byte offset, in its run's text, of the first character of the cluster the glyph
    /// belongs to (a cluster is the characters its glyphs draw together).
    pub cluster: u32,
    /// Advance and offset from the pen, in the face's font units.
    pub advance: i32,
    pub dx: i32,
    pub dy: i32,
}

impl fmt::Debug for Glyph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}+{}", self.id, self.cluster, self.advance)?;
        if self.dx != 0 || self.dy != 0 {
            write!(f, "({},{})", self.dx, self.dy)?;
        }
        Ok(())
    }
}

/// Which way a paragraph runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Base {
    /// From its first strong character (Unicode rules P2 and P3).
    Auto,
    /// Left to right whatever it holds (a footer, whose words are English).
    Ltr,
}

/// A stretch of the text in one style: where it ends (byte offset), the style asked for,
/// and the caller's attribute (colour, link…) that keeps runs apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Styled {
    pub(crate) end: usize,
    pub(crate) style: FontStyle,
    pub(crate) attr: u32,
}

/// A run: text in one face, style, attribute and embedding level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    pub(crate) range: Range<usize>,
    pub(crate) face: FaceId,
    pub(crate) style: FontStyle,
    pub(crate) attr: u32,
    pub(crate) level: u8,
    /// Its glyphs in [`Shaped::glyphs`], in logical order.
    pub(crate) glyphs: Range<usize>,
}

impl Run {
    pub(crate) fn rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// A shaped line of text (no line breaks in it).
#[derive(Debug, Clone, Default)]
pub(crate) struct Shaped {
    /// The paragraph runs right to left.
    pub(crate) rtl: bool,
    pub(crate) runs: Vec<Run>,
    /// Every run's glyphs, in logical order; `cluster` is a byte offset in the whole text.
    pub(crate) glyphs: Vec<Glyph>,
}

/// Text is shaped in chunks of about this many bytes, cut at spaces.
const CHUNK: usize = 2048;

/// Whether the text needs the bidirectional algorithm at all (it holds right-to-left
/// characters or embeddings); left-to-right text skips it.
fn needs_bidi(text: &str) -> bool {
    text.chars().any(|c| {
        (c as u32) >= 0x0590
            && matches!(
                unicode_bidi::bidi_class(c),
                BidiClass::R
                    | BidiClass::AL
                    | BidiClass::AN
                    | BidiClass::RLE
                    | BidiClass::RLO
                    | BidiClass::RLI
                    | BidiClass::FSI
            )
    })
}

/// Characters below [`font::FAST`] that the Liberation fast path cannot set alone:
/// combining marks (positioned by the shaper) and invisible formatting characters.
fn needs_shaper(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
        || font::invisible(c)
}

struct Item {
    start: usize,
    end: usize,
    face: FaceId,
    style: FontStyle,
    attr: u32,
    level: u8,
    /// Every character can be set from the Liberation fast table.
    simple: bool,
    /// Only neutral characters so far.
    neutral: bool,
}

/// Shapes `text` (which must hold no line breaks), styled by `styled` (stretches in order,
/// the last ending at `text.len()`).
pub(crate) fn shape(text: &str, styled: &[Styled], base: Base) -> Shaped {
    let (levels, rtl) = if needs_bidi(text) {
        let default = match base {
            Base::Auto => None,
            Base::Ltr => Some(Level::ltr()),
        };
        let info = BidiInfo::new(text, default);
        let rtl = info.paragraphs.first().is_some_and(|p| p.level.is_rtl());
        (Some(info.levels), rtl)
    } else {
        (None, false)
    };
    let items = itemize(text, styled, levels.as_deref());
    let mut shaped = Shaped {
        rtl,
        runs: Vec::with_capacity(items.len()),
        glyphs: Vec::with_capacity(text.len()),
    };
    let mut buffer = Some(UnicodeBuffer::new());
    for item in items {
        let first = shaped.glyphs.len();
        if item.simple {
            shape_fast(text, &item, &mut shaped.glyphs);
        } else {
            shape_slow(text, &item, &mut shaped.glyphs, &mut buffer);
        }
        shaped.runs.push(Run {
            range: item.start..item.end,
            face: item.face,
            style: item.style,
            attr: item.attr,
            level: item.level,
            glyphs: first..shaped.glyphs.len(),
        });
    }
    shaped
}

/// Cuts the text into items of one face, style, attribute and level.
fn itemize(text: &str, styled: &[Styled], levels: Option<&[Level]>) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    // The script family of the last strong character: neutrals follow it.
    let mut family: Option<font::FaceIdFor> = None;
    let mut start = 0;
    for s in styled {
        let end = s.end.min(text.len());
        if end <= start {
            continue;
        }
        let latin = FaceId::latin(s.style);
        let latin_face = latin.face();
        for (i, c) in text[start..end].char_indices() {
            let at = start + i;
            let level = levels.and_then(|l| l.get(at)).map_or(0, |l| l.number());
            let class = font::class(c);
            let face = match class {
                Class::Strong(f) => {
                    let want = f.face(s.style);
                    if want.face().is_some_and(|face| face.covers(c)) {
                        want
                    } else {
                        font::any_face(c, s.style).unwrap_or(want)
                    }
                }
                Class::Neutral => {
                    let near = family.map_or(latin, |f| f.face(s.style));
                    if near.face().is_some_and(|face| face.covers(c)) || font::invisible(c) {
                        near
                    } else if latin_face.is_some_and(|face| face.covers(c)) {
                        latin
                    } else {
                        font::any_face(c, s.style).unwrap_or(near)
                    }
                }
            };
            let strong = matches!(class, Class::Strong(_));
            let simple = level % 2 == 0
                && (c as usize) < font::FAST
                && latin_face.is_some_and(|f| f.has_fast_table() && f.fast(c).0 != 0)
                && face == latin
                && !needs_shaper(c);
            let next = at + c.len_utf8();
            match items.last_mut() {
                Some(last)
                    if last.end == at
                        && last.face == face
                        && last.level == level
                        && last.attr == s.attr
                        && last.style == s.style =>
                {
                    last.end = next;
                    last.simple &= simple;
                    last.neutral &= !strong;
                }
                _ => {
                    // Neutrals that open the text take the face of the first strong
                    // character, when it has them all.
                    if let Class::Strong(f) = class {
                        if family.is_none()
                            && items.len() == 1
                            && absorb(text, &mut items[0], at, face, level, s)
                        {
                            items[0].end = next;
                            items[0].simple &= simple;
                            family = Some(f);
                            continue;
                        }
                    }
                    items.push(Item {
                        start: at,
                        end: next,
                        face,
                        style: s.style,
                        attr: s.attr,
                        level,
                        simple,
                        neutral: !strong,
                    });
                }
            }
            if let Class::Strong(f) = class {
                family = Some(f);
            }
        }
        start = end;
    }
    items
}

/// Gives the neutral item `lead`, which ends at `at`, to `face` if it can set all of it and
/// nothing else keeps them apart.
fn absorb(text: &str, lead: &mut Item, at: usize, face: FaceId, level: u8, s: &Styled) -> bool {
    let fits = lead.neutral
        && lead.end == at
        && lead.level == level
        && lead.attr == s.attr
        && lead.style == s.style
        && face.face().is_some_and(|f| {
            text[lead.start..lead.end]
                .chars()
                .all(|ch| f.covers(ch) || font::invisible(ch))
        });
    if fits {
        lead.face = face;
        lead.neutral = false;
    }
    fits
}

fn shape_fast(text: &str, item: &Item, out: &mut Vec<Glyph>) {
    let Some(face) = item.face.face() else {
        return;
    };
    for (i, c) in text[item.start..item.end].char_indices() {
        let (id, advance) = face.fast(c);
        out.push(Glyph {
            id,
            cluster: (item.start + i) as u32,
            advance: i32::from(advance),
            dx: 0,
            dy: 0,
        });
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Where the chunk starting at `start` ends: at a space after about [`CHUNK`] bytes, or
/// (text without spaces) before a character that starts a new cluster.
fn chunk_end(text: &str, start: usize, end: usize) -> usize {
    if end - start <= 2 * CHUNK {
        return end;
    }
    let from = ceil_boundary(text, start + CHUNK);
    let window_end = floor_boundary(text, (from + 4 * CHUNK).min(end));
    if let Some(p) = text[from..window_end].find(' ') {
        return from + p + 1;
    }
    let mut prev: Option<char> = None;
    for (i, c) in text[from..end].char_indices() {
        let starts_cluster = matches!(font::class(c), Class::Strong(_))
            && !matches!(prev, Some('\u{200C}' | '\u{200D}'))
            && prev.is_some_and(|p| matches!(font::class(p), Class::Strong(_)));
        if i > 0 && (starts_cluster || i >= 8 * CHUNK) {
            return from + i;
        }
        prev = Some(c);
    }
    end
}

fn shape_slow(text: &str, item: &Item, out: &mut Vec<Glyph>, buffer: &mut Option<UnicodeBuffer>) {
    let Some(face) = item.face.face() else {
        for (i, _) in text[item.start..item.end].char_indices() {
            out.push(Glyph {
                id: 0,
                cluster: (item.start + i) as u32,
                advance: 0,
                dx: 0,
                dy: 0,
            });
        }
        return;
    };
    let rtl = item.level % 2 == 1;
    let latin = face.has_fast_table();
    // The Liberation faces are set without kerning or ligatures, like the fast path.
    let off = |tag: &[u8; 4]| Feature::new(rustybuzz::ttf_parser::Tag::from_bytes(tag), 0, ..);
    let features: Vec<Feature> = if latin {
        vec![off(b"kern"), off(b"liga"), off(b"clig")]
    } else {
        Vec::new()
    };
    let mut start = item.start;
    while start < item.end {
        let end = chunk_end(text, start, item.end);
        let mut b = buffer.take().unwrap_or_default();
        b.set_pre_context(&text[floor_boundary(text, start.saturating_sub(32))..start]);
        for (i, c) in text[start..end].char_indices() {
            b.add(c, (start + i) as u32);
        }
        b.set_post_context(&text[end..floor_boundary(text, end + 32)]);
        let mut flags = BufferFlags::REMOVE_DEFAULT_IGNORABLES;
        if start == 0 {
            flags |= BufferFlags::BEGINNING_OF_TEXT;
        }
        if end == text.len() {
            flags |= BufferFlags::END_OF_TEXT;
        }
        b.set_flags(flags);
        b.guess_segment_properties();
        b.set_direction(if rtl {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        });
        let shaped = rustybuzz::shape(&face.shaper, &features, b);
        let infos = shaped.glyph_infos();
        let positions = shaped.glyph_positions();
        let glyph = |k: usize| Glyph {
            id: u16::try_from(infos[k].glyph_id).unwrap_or(0),
            cluster: infos[k].cluster,
            advance: positions[k].x_advance,
            dx: positions[k].x_offset,
            dy: positions[k].y_offset,
        };
        if rtl {
            out.extend((0..infos.len()).rev().map(glyph));
        } else {
            out.extend((0..infos.len()).map(glyph));
        }
        *buffer = Some(shaped.clear());
        start = end;
    }
}

/// Points per font unit of `face` at `size`.
pub(crate) fn scale(face: FaceId, size: f32) -> f32 {
    face.face().map_or(size / 1000.0, |f| size / f.units_per_em)
}

/// Width of `text` on one line in `style` at `size`, in points.
pub(crate) fn line_width(text: &str, style: FontStyle, size: f32) -> f32 {
    if text.is_empty() {
        return 0.0;
    }
    let shaped = shape(
        text,
        &[Styled {
            end: text.len(),
            style,
            attr: 0,
        }],
        Base::Auto,
    );
    shaped
        .runs
        .iter()
        .map(|r| {
            let units: i64 = shaped.glyphs[r.glyphs.clone()]
                .iter()
                .map(|g| i64::from(g.advance))
                .sum();
            units as f32 * scale(r.face, size)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<(String, &'static str, u8)> {
        let s = shape(
            text,
            &[Styled {
                end: text.len(),
                style: FontStyle::Regular,
                attr: 0,
            }],
            Base::Auto,
        );
        s.runs
            .iter()
            .map(|r| {
                (
                    text[r.range.clone()].to_string(),
                    r.face.postscript_name(),
                    r.level,
                )
            })
            .collect()
    }

    #[test]
    fn latin_is_one_fast_run() {
        let text = "The Trust’s plan – £28.9m (IM&T).";
        assert_eq!(runs(text), [(text.to_string(), "LiberationSans", 0)]);
    }

    #[test]
    fn scripts_take_their_faces_and_neutrals_follow() {
        // Right to left from its first letter: English and Chinese are embedded (level 2).
        // Naskh has no ASCII brackets or comma: Liberation sets them, mirrored.
        let r = runs("(مرحبا بالعالم) and שלום, 你好。");
        let got: Vec<(&str, &str, u8)> = r.iter().map(|(t, f, l)| (t.as_str(), *f, *l)).collect();
        assert_eq!(
            got,
            [
                ("(", "LiberationSans", 1),
                ("مرحبا بالعالم", "NotoNaskhArabic-Regular", 1),
                (")", "LiberationSans", 1),
                (" ", "NotoNaskhArabic-Regular", 1),
                ("and", "LiberationSans", 2),
                (" ", "LiberationSans", 1),
                ("שלום", "NotoSansHebrew-Regular", 1),
                (",", "LiberationSans", 1),
                (" ", "NotoSansHebrew-Regular", 1),
                ("你好", "DroidSansFallback", 2),
                ("。", "DroidSansFallback", 1),
            ]
        );
        // Left to right from its first letter; neutrals keep the face of the text before
        // when it has them; digits after Arabic are Arabic numbers (level 2).
        let r = runs("Report: مرحبا بالعالم, 2026 – 你好。");
        let got: Vec<(&str, &str, u8)> = r.iter().map(|(t, f, l)| (t.as_str(), *f, *l)).collect();
        assert_eq!(
            got,
            [
                ("Report: ", "LiberationSans", 0),
                ("مرحبا بالعالم, ", "NotoNaskhArabic-Regular", 1),
                ("2026", "NotoNaskhArabic-Regular", 2),
                (" ", "NotoNaskhArabic-Regular", 0),
                ("–", "LiberationSans", 0),
                (" ", "NotoNaskhArabic-Regular", 0),
                ("你好。", "DroidSansFallback", 0),
            ]
        );
    }

    #[test]
    fn the_fast_path_matches_the_shaper() {
        let text = "Quarterly performance: 92% (£28.9m) – “digital first”, fi ffl AV To.";
        let item = Item {
            start: 0,
            end: text.len(),
            face: FaceId::LIBERATION,
            style: FontStyle::Regular,
            attr: 0,
            level: 0,
            simple: true,
            neutral: false,
        };
        let mut fast = Vec::new();
        shape_fast(text, &item, &mut fast);
        let mut slow = Vec::new();
        shape_slow(text, &item, &mut slow, &mut None);
        assert_eq!(fast, slow);
    }

    #[test]
    fn arabic_joins_and_runs_right_to_left() {
        let text = "سلام";
        let s = shape(
            text,
            &[Styled {
                end: text.len(),
                style: FontStyle::Regular,
                attr: 0,
            }],
            Base::Auto,
        );
        assert!(s.rtl);
        let face = FaceId::all()
            .find(|f| f.postscript_name() == "NotoNaskhArabic-Regular")
            .and_then(FaceId::face)
            .expect("face");
        // Joined forms are not the isolated forms of the character map.
        let isolated: Vec<u16> = text.chars().filter_map(|c| face.glyph(c)).collect();
        let shaped: Vec<u16> = s.glyphs.iter().map(|g| g.id).collect();
        assert_eq!(shaped.len(), 4);
        assert_ne!(shaped, isolated);
        // Logical order: clusters ascend.
        assert!(s.glyphs.windows(2).all(|w| w[0].cluster <= w[1].cluster));
    }

    #[test]
    fn long_text_is_shaped_in_chunks_with_the_same_result() {
        let word = "नमस्ते दुनिया ";
        let text = word.repeat(2000);
        let s = shape(
            &text,
            &[Styled {
                end: text.len(),
                style: FontStyle::Regular,
                attr: 0,
            }],
            Base::Auto,
        );
        let one = shape(
            word,
            &[Styled {
                end: word.len(),
                style: FontStyle::Regular,
                attr: 0,
            }],
            Base::Auto,
        );
        let per_word: Vec<u16> = one.glyphs.iter().map(|g| g.id).collect();
        let all: Vec<u16> = s.glyphs.iter().map(|g| g.id).collect();
        assert_eq!(all.len(), per_word.len() * 2000);
        assert!(all.chunks(per_word.len()).all(|c| c == per_word.as_slice()));
    }

    #[test]
    fn missing_characters_shape_as_glyph_zero() {
        let text = "ok 😀";
        let s = shape(
            text,
            &[Styled {
                end: text.len(),
                style: FontStyle::Regular,
                attr: 0,
            }],
            Base::Auto,
        );
        assert_eq!(s.glyphs.last().map(|g| g.id), Some(0));
        assert!(line_width("\u{1F600}\u{2610}\u{10FFFF}x", FontStyle::Regular, 10.0) > 0.0);
    }
}
