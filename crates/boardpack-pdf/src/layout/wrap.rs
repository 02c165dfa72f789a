//! Line breaking: a paragraph's spans become one text per hard line (spaces collapsed,
//! invisible characters dropped), each shaped once ([`crate::shape`]), then filled into lines
//! of a given width in one pass over its clusters: lines break at spaces, after a hyphen,
//! dash or slash inside a word, and between Chinese, Japanese or Korean characters; a word
//! longer than a line breaks between clusters. Each line is then put in visual order (runs
//! at right-to-left levels reversed, by the Unicode rule L2) and becomes text runs of
//! positioned glyphs. Everything here is linear in the length of the text. Measures only
//! through the shaper, so what it fits is exactly what the writer prints.

use std::ops::Range;

use super::*;
use crate::shape::{self, Base, Shaped, Styled};

/// How a character enters a paragraph's text.
enum Norm {
    /// Nothing (controls, soft hyphens, zero-width spaces, byte-order marks).
    Drop,
    /// A collapsible space.
    Space,
    /// A hard line break.
    Break,
    Char(char),
}

fn normalise(c: char) -> Norm {
    match c {
        '\n' | '\u{2028}' | '\u{2029}' | '\u{0085}' => Norm::Break,
        ' ' | '\t' | '\r' | '\u{000B}' | '\u{000C}' => Norm::Space,
        '\u{00AD}' | '\u{200B}' | '\u{FEFF}' => Norm::Drop,
        c if c.is_control() => Norm::Drop,
        // Hyphens some faces lack print as the plain one.
        '\u{2010}'..='\u{2012}' | '\u{2212}' if !font::covered(c) => Norm::Char('-'),
        c if c.is_whitespace() && !font::covered(c) => {
            if matches!(c, '\u{00A0}' | '\u{2007}' | '\u{202F}') {
                Norm::Char('\u{00A0}')
            } else {
                Norm::Space
            }
        }
        c => Norm::Char(c),
    }
}

/// The colour and link of a stretch of text.
#[derive(Debug, Clone, PartialEq)]
struct Attr {
    colour: Colour,
    link: Option<LinkTarget>,
}

/// The text of one hard line of a paragraph, with its styles.
#[derive(Default)]
struct Segment {
    text: String,
    styled: Vec<Styled>,
}

impl Segment {
    fn push(&mut self, c: char, style: FontStyle, attr: u32) {
        self.text.push(c);
        match self.styled.last_mut() {
            Some(last) if last.style == style && last.attr == attr => last.end = self.text.len(),
            _ => self.styled.push(Styled {
                end: self.text.len(),
                style,
                attr,
            }),
        }
    }

    fn clear(&mut self) {
        self.text.clear();
        self.styled.clear();
    }
}

/// A line: a byte range of its segment's text (without the spaces it breaks at).
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

fn hyphen(c: char) -> bool {
    matches!(c, '-' | '/' | '–' | '—')
}

/// Chinese, Japanese and Korean characters, between which a line may break.
fn ideographic(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Punctuation a line must not start with (closing brackets, stops, small kana).
fn no_break_before(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '：'
            | '；'
            | '！'
            | '？'
            | '」'
            | '』'
            | '）'
            | '〕'
            | '】'
            | '〉'
            | '》'
            | '〗'
            | '〙'
            | '〛'
            | 'ー'
            | '々'
            | '〻'
            | '・'
            | '…'
            | '‥'
            | '〜'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | ')'
            | ']'
            | '}'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
            | '%'
    )
}

/// Punctuation a line must not end with (opening brackets).
fn no_break_after(c: char) -> bool {
    matches!(
        c,
        '「' | '『'
            | '（'
            | '〔'
            | '【'
            | '〈'
            | '《'
            | '〖'
            | '〘'
            | '〚'
            | '('
            | '['
            | '{'
            | '“'
            | '‘'
            | '£'
            | '$'
            | '€'
    )
}

/// Fills the clusters of `shaped` into lines of at most `width` points (a cluster wider
/// than a line gets a line of its own).
fn break_lines(text: &str, shaped: &Shaped, width: f32, size: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut line_w = 0.0f32;
    let mut committed_end = 0;
    let mut committed = false;
    let mut space = 0.0f32;
    // The unfinished word: from `seg_start`, `seg_n` clusters, `seg_w` wide.
    let mut seg_start = 0;
    let mut seg_w = 0.0f32;
    let mut seg_n = 0usize;
    for run in &shaped.runs {
        let scale = shape::scale(run.face, size);
        let glyphs = &shaped.glyphs[run.glyphs.clone()];
        let mut i = 0;
        while i < glyphs.len() {
            let start = glyphs[i].cluster as usize;
            let mut units: i64 = 0;
            while i < glyphs.len() && glyphs[i].cluster as usize == start {
                units += i64::from(glyphs[i].advance);
                i += 1;
            }
            let w = units as f32 * scale;
            let Some(first) = text.get(start..).and_then(|t| t.chars().next()) else {
                continue;
            };
            if first == ' ' {
                if seg_n > 0 {
                    line_w += space + seg_w;
                    committed_end = start;
                    committed = true;
                    space = 0.0;
                    seg_w = 0.0;
                    seg_n = 0;
                }
                if committed {
                    space += w;
                }
                seg_start = start + 1;
                if !committed {
                    line_start = seg_start;
                }
                continue;
            }
            if seg_n > 0 {
                let prev = text[..start].chars().next_back().unwrap_or(' ');
                let opportunity = (hyphen(prev) && seg_n >= 2)
                    || ((ideographic(prev) || ideographic(first))
                        && !no_break_before(first)
                        && !no_break_after(prev));
                if opportunity {
                    line_w += space + seg_w;
                    committed_end = start;
                    committed = true;
                    space = 0.0;
                    seg_w = 0.0;
                    seg_n = 0;
                }
            }
            if seg_n == 0 {
                seg_start = start;
            }
            seg_w += w;
            seg_n += 1;
            if committed && line_w + space + seg_w > width {
                lines.push(Line {
                    start: line_start,
                    end: committed_end,
                });
                line_start = seg_start;
                line_w = 0.0;
                space = 0.0;
                committed = false;
            }
            if !committed && seg_w > width && seg_n > 1 {
                // A word longer than the line: break it before this cluster.
                lines.push(Line {
                    start: line_start,
                    end: start,
                });
                line_start = start;
                seg_start = start;
                seg_w = w;
                seg_n = 1;
            }
        }
    }
    if seg_n > 0 {
        committed_end = text.len();
        committed = true;
    }
    if committed || lines.is_empty() {
        lines.push(Line {
            start: line_start.min(committed_end.max(line_start)),
            end: if committed { committed_end } else { line_start },
        });
    }
    lines
}

/// A piece of a line: the part of one run that falls in it.
struct Piece {
    run: usize,
    bytes: Range<usize>,
    glyphs: Range<usize>,
    width: f32,
}

/// The text runs of `line`, in visual order, starting at x = 0; and the line's width.
fn line_runs(
    text: &str,
    shaped: &Shaped,
    line: Line,
    size: f32,
    attrs: &[Attr],
) -> (Vec<(TextRun, Option<LinkTarget>)>, f32) {
    let mut pieces: Vec<Piece> = Vec::new();
    let first = shaped.runs.partition_point(|r| r.range.end <= line.start);
    for (k, run) in shaped.runs.iter().enumerate().skip(first) {
        if run.range.start >= line.end {
            break;
        }
        let a = run.range.start.max(line.start);
        let b = run.range.end.min(line.end);
        let glyphs = &shaped.glyphs[run.glyphs.clone()];
        let g0 = glyphs.partition_point(|g| (g.cluster as usize) < a);
        let g1 = glyphs.partition_point(|g| (g.cluster as usize) < b);
        if g0 == g1 {
            continue;
        }
        let units: i64 = glyphs[g0..g1].iter().map(|g| i64::from(g.advance)).sum();
        pieces.push(Piece {
            run: k,
            bytes: a..b,
            glyphs: run.glyphs.start + g0..run.glyphs.start + g1,
            width: units as f32 * shape::scale(run.face, size),
        });
    }
    // Visual order (rule L2): from the highest level down to the lowest odd one, reverse
    // every stretch at that level or higher.
    let level = |p: &Piece| shaped.runs[p.run].level;
    let max = pieces.iter().map(level).max().unwrap_or(0);
    if max > 0 {
        let lowest_odd = pieces
            .iter()
            .map(level)
            .filter(|l| l % 2 == 1)
            .min()
            .unwrap_or(max)
            .max(1);
        for l in (lowest_odd..=max).rev() {
            let mut i = 0;
            while i < pieces.len() {
                if level(&pieces[i]) >= l {
                    let mut j = i;
                    while j < pieces.len() && level(&pieces[j]) >= l {
                        j += 1;
                    }
                    pieces[i..j].reverse();
                    i = j;
                } else {
                    i += 1;
                }
            }
        }
    }
    let mut out = Vec::with_capacity(pieces.len());
    let mut x = 0.0;
    for p in &pieces {
        let run = &shaped.runs[p.run];
        let base = p.bytes.start as u32;
        let mut glyphs: Vec<Glyph> = shaped.glyphs[p.glyphs.clone()]
            .iter()
            .map(|g| Glyph {
                cluster: g.cluster - base,
                ..*g
            })
            .collect();
        if run.rtl() {
            glyphs.reverse();
        }
        let attr = attrs.get(run.attr as usize);
        out.push((
            TextRun {
                x,
                y: 0.0,
                text: text[p.bytes.clone()].to_string(),
                style: run.style,
                face: run.face,
                size,
                colour: attr.map_or(Colour::BLACK, |a| a.colour),
                rtl: run.rtl(),
                glyphs,
            },
            attr.and_then(|a| a.link.clone()),
        ));
        x += p.width;
    }
    (out, x)
}

/// Lays out spans as a paragraph: one unit per line.
pub(super) fn paragraph_units(
    spans: &[Span],
    width: f32,
    size: f32,
    align: Align,
    style: &Style,
    force_bold: bool,
) -> Vec<Unit> {
    let line_h = size * style.leading;
    let baseline = baseline_in(line_h, size);
    let mut units = Vec::new();
    let mut attrs: Vec<Attr> = Vec::new();
    let mut seg = Segment::default();
    let mut segments = 0;
    let emit = |seg: &mut Segment, attrs: &[Attr], units: &mut Vec<Unit>| {
        let shaped = shape::shape(&seg.text, &seg.styled, Base::Auto);
        for line in break_lines(&seg.text, &shaped, width, size) {
            let (runs, line_w) = line_runs(&seg.text, &shaped, line, size, attrs);
            let start_edge = match (align, shaped.rtl) {
                (Align::Left, false) | (Align::Right, true) => 0.0,
                (Align::Centre, _) => ((width - line_w) / 2.0).max(0.0),
                _ => (width - line_w).max(0.0),
            };
            let mut unit = Unit {
                height: line_h,
                ..Unit::default()
            };
            for (mut run, link) in runs {
                run.x += start_edge;
                run.y = baseline;
                let w = run.width();
                if let Some(target) = link {
                    match unit.links.last_mut() {
                        Some(last)
                            if last.target == target && (last.x + last.w - run.x).abs() < 0.01 =>
                        {
                            last.w += w;
                        }
                        _ => unit.links.push(LinkArea {
                            x: run.x,
                            y: 0.0,
                            w,
                            h: line_h,
                            target,
                            elem: None,
                            description: String::new(),
                        }),
                    }
                }
                if !run.text.trim().is_empty() {
                    unit.items.push(Item::Text(run));
                }
            }
            units.push(unit);
        }
        seg.clear();
    };
    for span in spans {
        let face_style = if force_bold && span.style == FontStyle::Regular {
            FontStyle::Bold
        } else {
            span.style
        };
        let attr = Attr {
            colour: span.colour.unwrap_or(if span.link.is_some() {
                style.link_colour
            } else {
                style.text_colour
            }),
            link: span.link.clone(),
        };
        if attrs.last() != Some(&attr) {
            attrs.push(attr);
        }
        let a = (attrs.len() - 1) as u32;
        for c in span.text.chars() {
            match normalise(c) {
                Norm::Break => {
                    emit(&mut seg, &attrs, &mut units);
                    segments += 1;
                }
                Norm::Space => {
                    if !seg.text.is_empty() && !seg.text.ends_with(' ') {
                        seg.push(' ', face_style, a);
                    }
                }
                Norm::Drop => {}
                Norm::Char(c) => seg.push(c, face_style, a),
            }
        }
    }
    if !seg.text.trim().is_empty() || (segments == 0 && !seg.text.is_empty()) {
        emit(&mut seg, &attrs, &mut units);
    }
    units
}

/// One line of text, not wrapped: its runs from x = 0 (baseline at y = 0) and its width.
/// Line breaks count as spaces.
pub(super) fn single_line(
    text: &str,
    style: FontStyle,
    size: f32,
    colour: Colour,
    base: Base,
) -> (Vec<TextRun>, f32) {
    let mut seg = Segment::default();
    for c in text.chars() {
        match normalise(c) {
            Norm::Break | Norm::Space => {
                if !seg.text.is_empty() && !seg.text.ends_with(' ') {
                    seg.push(' ', style, 0);
                }
            }
            Norm::Drop => {}
            Norm::Char(c) => seg.push(c, style, 0),
        }
    }
    let end = seg.text.trim_end().len();
    let shaped = shape::shape(&seg.text, &seg.styled, base);
    let attrs = [Attr { colour, link: None }];
    let (runs, width) = line_runs(&seg.text, &shaped, Line { start: 0, end }, size, &attrs);
    let runs = runs
        .into_iter()
        .map(|(r, _)| r)
        .filter(|r| !r.text.trim().is_empty())
        .collect();
    (runs, width)
}

/// `text` shortened with an ellipsis to fit `width` on one line, and its runs. Only the
/// first few hundred characters are ever measured.
pub(super) fn truncated_line(
    text: &str,
    style: FontStyle,
    size: f32,
    colour: Colour,
    width: f32,
) -> (Vec<TextRun>, f32) {
    // A line holds at most `width / (size / 20)` characters of any face (none is narrower
    // than a twentieth of an em); more is never shown.
    let most = ((width / (size / 20.0).max(0.01)) as usize).clamp(16, 4096);
    let capped: &str = match text.char_indices().nth(most) {
        Some((at, _)) => &text[..at],
        None => text,
    };
    let (runs, w) = single_line(capped, style, size, colour, Base::Auto);
    if w <= width && capped.len() == text.len() {
        return (runs, w);
    }
    let ellipsis = font::char_width('…', style, size);
    // Cut where the text, measured in logical order, stops fitting.
    let shaped = shape::shape(
        capped,
        &[Styled {
            end: capped.len(),
            style,
            attr: 0,
        }],
        Base::Auto,
    );
    let mut used = 0.0;
    let mut cut = 0;
    'runs: for run in &shaped.runs {
        let scale = shape::scale(run.face, size);
        let glyphs = &shaped.glyphs[run.glyphs.clone()];
        let mut i = 0;
        while i < glyphs.len() {
            let start = glyphs[i].cluster as usize;
            let mut units: i64 = 0;
            while i < glyphs.len() && glyphs[i].cluster as usize == start {
                units += i64::from(glyphs[i].advance);
                i += 1;
            }
            let w = units as f32 * scale;
            if used + w + ellipsis > width {
                cut = start;
                break 'runs;
            }
            used += w;
            cut = glyphs.get(i).map_or(run.range.end, |g| g.cluster as usize);
        }
    }
    let mut shown = capped[..cut].trim_end().to_string();
    shown.push('…');
    single_line(&shown, style, size, colour, Base::Auto)
}
