//! Line breaking: spans become measured tokens (words, spaces, links), glued into words that
//! break only where text may break, then filled into lines of a given width (words longer
//! than a line are broken between characters). Measures only through `crate::font`.

use super::*;

/// A word-wrapping token.
#[derive(Debug, Clone)]
pub(super) struct Tok {
    text: String,
    style: FontStyle,
    colour: Colour,
    link: Option<LinkTarget>,
    width: f32,
    kind: TokKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokKind {
    Word,
    Space,
    Break,
}

pub(super) fn tokenize(spans: &[Span], size: f32, style: &Style, force_bold: bool) -> Vec<Tok> {
    let mut toks = Vec::new();
    for span in spans {
        let face = if force_bold && span.style == FontStyle::Regular {
            FontStyle::Bold
        } else {
            span.style
        };
        let colour = span.colour.unwrap_or(if span.link.is_some() {
            style.link_colour
        } else {
            style.text_colour
        });
        let mut word = String::new();
        let flush = |word: &mut String, toks: &mut Vec<Tok>| {
            if !word.is_empty() {
                let text = font::printable(word, face).into_owned();
                word.clear();
                let width = font::text_width(&text, face, size);
                toks.push(Tok {
                    text,
                    style: face,
                    colour,
                    link: span.link.clone(),
                    width,
                    kind: TokKind::Word,
                });
            }
        };
        for c in span.text.chars() {
            match c {
                '\n' => {
                    flush(&mut word, &mut toks);
                    toks.push(Tok {
                        text: String::new(),
                        style: face,
                        colour,
                        link: None,
                        width: 0.0,
                        kind: TokKind::Break,
                    });
                }
                ' ' | '\t' | '\r' => {
                    flush(&mut word, &mut toks);
                    let space = Tok {
                        text: " ".to_string(),
                        style: face,
                        colour,
                        link: span.link.clone(),
                        width: font::char_width(' ', face, size),
                        kind: TokKind::Space,
                    };
                    match toks.last_mut() {
                        // A break opportunity after a hyphen becomes a real space.
                        Some(last) if last.kind == TokKind::Space => {
                            if last.text.is_empty() {
                                *last = space;
                            }
                        }
                        _ => toks.push(space),
                    }
                }
                '-' | '/' | '–' | '—' if !word.is_empty() => {
                    // A line may break after a hyphen, dash or slash inside a word.
                    word.push(c);
                    flush(&mut word, &mut toks);
                    toks.push(Tok {
                        text: String::new(),
                        style: face,
                        colour,
                        link: span.link.clone(),
                        width: 0.0,
                        kind: TokKind::Space,
                    });
                }
                c => word.push(c),
            }
        }
        flush(&mut word, &mut toks);
    }
    toks
}

/// Words glued together (no space between them, possibly in different faces).
pub(super) type Glued = Vec<Tok>;

/// Breaks a glued word wider than `width` into pieces that fit (at least one character
/// each).
pub(super) fn break_word(glued: Glued, width: f32, size: f32) -> Vec<Glued> {
    let mut out: Vec<Glued> = Vec::new();
    let mut cur: Glued = Vec::new();
    let mut cur_w = 0.0;
    for tok in glued {
        let mut piece = String::new();
        let mut piece_w = 0.0;
        for c in tok.text.chars() {
            let cw = font::char_width(c, tok.style, size);
            if cur_w + piece_w + cw > width && (cur_w + piece_w) > 0.0 {
                if !piece.is_empty() {
                    cur.push(Tok {
                        text: std::mem::take(&mut piece),
                        width: piece_w,
                        ..tok.clone()
                    });
                }
                out.push(std::mem::take(&mut cur));
                cur_w = 0.0;
                piece_w = 0.0;
            }
            piece.push(c);
            piece_w += cw;
        }
        if !piece.is_empty() {
            cur_w += piece_w;
            cur.push(Tok {
                text: piece,
                width: piece_w,
                ..tok
            });
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Wraps spans into lines of at most `width` points; each line is a list of tokens.
pub(super) fn wrap(toks: Vec<Tok>, width: f32, size: f32) -> Vec<Vec<Tok>> {
    // Group into glued words separated by spaces and breaks.
    enum G {
        Word(Glued),
        Space(Tok),
        Break,
    }
    let mut groups: Vec<G> = Vec::new();
    for tok in toks {
        match tok.kind {
            TokKind::Word => match groups.last_mut() {
                Some(G::Word(g)) => g.push(tok),
                _ => groups.push(G::Word(vec![tok])),
            },
            TokKind::Space => groups.push(G::Space(tok)),
            TokKind::Break => groups.push(G::Break),
        }
    }
    let mut lines: Vec<Vec<Tok>> = Vec::new();
    let mut line: Vec<Tok> = Vec::new();
    let mut line_w = 0.0;
    let mut space: Option<Tok> = None;
    for g in groups {
        match g {
            G::Break => {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
                space = None;
            }
            G::Space(t) => {
                if !line.is_empty() {
                    space = Some(t);
                }
            }
            G::Word(glued) => {
                let w: f32 = glued.iter().map(|t| t.width).sum();
                let space_w = space.as_ref().map_or(0.0, |s| s.width);
                if !line.is_empty() && line_w + space_w + w <= width {
                    if let Some(s) = space.take() {
                        line.push(s);
                    }
                    line.extend(glued);
                    line_w += space_w + w;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                space = None;
                if w <= width {
                    line.extend(glued);
                    line_w = w;
                } else {
                    let mut parts = break_word(glued, width, size);
                    let last = parts.pop().unwrap_or_default();
                    for p in parts {
                        lines.push(p);
                    }
                    line_w = last.iter().map(|t| t.width).sum();
                    line = last;
                }
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
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
    let toks = tokenize(spans, size, style, force_bold);
    if toks.iter().all(|t| t.kind == TokKind::Space) {
        return Vec::new();
    }
    let line_h = size * style.leading;
    let baseline = baseline_in(line_h, size);
    let mut units = Vec::new();
    for line in wrap(toks, width, size) {
        let line_w: f32 = line.iter().map(|t| t.width).sum();
        let mut x = match align {
            Align::Left => 0.0,
            Align::Centre => ((width - line_w) / 2.0).max(0.0),
            Align::Right => (width - line_w).max(0.0),
        };
        let mut unit = Unit {
            height: line_h,
            ..Unit::default()
        };
        // Merge neighbouring tokens with the same face, colour and link into one run.
        let mut i = 0;
        while i < line.len() {
            let first = &line[i];
            let mut text = String::new();
            let mut w = 0.0;
            let mut j = i;
            while j < line.len()
                && line[j].style == first.style
                && line[j].colour == first.colour
                && line[j].link == first.link
            {
                text.push_str(&line[j].text);
                w += line[j].width;
                j += 1;
            }
            if !text.trim().is_empty() {
                unit.items.push(Item::Text(TextRun {
                    x,
                    y: baseline,
                    text,
                    style: first.style,
                    size,
                    colour: first.colour,
                }));
            }
            if let Some(target) = &first.link {
                unit.links.push(LinkArea {
                    x,
                    y: 0.0,
                    w,
                    h: line_h,
                    target: target.clone(),
                });
            }
            x += w;
            i = j;
        }
        units.push(unit);
    }
    units
}
