//! Shrinks a TrueType font program to the glyphs a document uses, keeping every glyph id
//! where it was: unused glyphs become empty outlines, and the tables a PDF reader never
//! consults (OpenType layout, kerning, device metrics, signatures) are dropped. Glyph ids,
//! advance widths and the character map are unchanged, so the writer's content streams,
//! `/W` widths and `/ToUnicode` map stay valid whichever program is embedded. Without it,
//! each face would add about 400 KB to every document.
//!
//! This module must not renumber glyphs, and must give up (return `None`, so the caller
//! embeds the whole font) rather than guess on anything it does not understand.

use std::collections::BTreeSet;

/// Tables kept in the subset. `post` is rewritten as a version 3 table (no glyph names).
const KEEP: [&[u8; 4]; 13] = [
    b"OS/2", b"cmap", b"cvt ", b"fpgm", b"gasp", b"glyf", b"head", b"hhea", b"hmtx", b"loca",
    b"maxp", b"name", b"prep",
];

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

struct Table<'a> {
    tag: [u8; 4],
    data: &'a [u8],
}

fn tables(font: &[u8]) -> Option<Vec<Table<'_>>> {
    let num = usize::from(u16_at(font, 4)?);
    let mut out = Vec::with_capacity(num);
    for i in 0..num {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let offset = u32_at(font, rec + 8)? as usize;
        let length = u32_at(font, rec + 12)? as usize;
        let data = font.get(offset..offset.checked_add(length)?)?;
        out.push(Table { tag, data });
    }
    Some(out)
}

fn checksum(data: &[u8]) -> u32 {
    let mut sum: u32 = 0;
    for chunk in data.chunks(4) {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum = sum.wrapping_add(u32::from_be_bytes(word));
    }
    sum
}

/// Components referenced by a composite glyph.
fn components(glyph: &[u8]) -> Option<Vec<u16>> {
    let contours = i16::from_be_bytes([*glyph.first()?, *glyph.get(1)?]);
    if contours >= 0 {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    let mut at = 10;
    loop {
        let flags = u16_at(glyph, at)?;
        out.push(u16_at(glyph, at + 2)?);
        at += 4;
        at += if flags & 0x0001 != 0 { 4 } else { 2 };
        if flags & 0x0008 != 0 {
            at += 2;
        } else if flags & 0x0040 != 0 {
            at += 4;
        } else if flags & 0x0080 != 0 {
            at += 8;
        }
        if flags & 0x0020 == 0 {
            return Some(out);
        }
    }
}

/// The font with only `glyphs` (and glyph 0, and the components of composite glyphs) left
/// with outlines, or `None` if the font is not a plain TrueType font this understands.
pub(crate) fn subset_truetype(font: &[u8], glyphs: &[u16]) -> Option<Vec<u8>> {
    let version = u32_at(font, 0)?;
    if version != 0x0001_0000 && version != 0x7472_7565 {
        return None;
    }
    let tables = tables(font)?;
    let find = |tag: &[u8; 4]| tables.iter().find(|t| &t.tag == tag).map(|t| t.data);
    let head = find(b"head")?;
    let maxp = find(b"maxp")?;
    let loca = find(b"loca")?;
    let glyf = find(b"glyf")?;
    let post = find(b"post")?;
    let long = match i16::from_be_bytes([*head.get(50)?, *head.get(51)?]) {
        0 => false,
        1 => true,
        _ => return None,
    };
    let num_glyphs = usize::from(u16_at(maxp, 4)?);
    let offset = |gid: usize| -> Option<usize> {
        if long {
            Some(u32_at(loca, gid * 4)? as usize)
        } else {
            Some(usize::from(u16_at(loca, gid * 2)?) * 2)
        }
    };
    let glyph = |gid: usize| -> Option<&[u8]> {
        let (start, end) = (offset(gid)?, offset(gid + 1)?);
        if end < start {
            return None;
        }
        glyf.get(start..end)
    };

    // Glyphs to keep, with the components of composites.
    let mut keep: BTreeSet<u16> = BTreeSet::new();
    let mut todo: Vec<u16> = std::iter::once(0).chain(glyphs.iter().copied()).collect();
    while let Some(gid) = todo.pop() {
        if usize::from(gid) >= num_glyphs || !keep.insert(gid) {
            continue;
        }
        let data = glyph(usize::from(gid))?;
        if !data.is_empty() {
            todo.extend(components(data)?);
        }
    }

    // New glyf and loca, in the original loca format.
    let mut new_glyf: Vec<u8> = Vec::new();
    let mut new_loca: Vec<u8> = Vec::with_capacity((num_glyphs + 1) * if long { 4 } else { 2 });
    let push_offset = |loca: &mut Vec<u8>, at: usize| -> Option<()> {
        if long {
            loca.extend_from_slice(&u32::try_from(at).ok()?.to_be_bytes());
        } else {
            loca.extend_from_slice(&u16::try_from(at / 2).ok()?.to_be_bytes());
        }
        Some(())
    };
    for gid in 0..num_glyphs {
        push_offset(&mut new_loca, new_glyf.len())?;
        if keep.contains(&(gid as u16)) {
            new_glyf.extend_from_slice(glyph(gid)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    push_offset(&mut new_loca, new_glyf.len())?;

    // post version 3: the same header, no glyph names.
    let mut new_post = post.get(..32)?.to_vec();
    new_post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());

    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for t in &tables {
        if &t.tag == b"post" {
            out_tables.push((t.tag, new_post.clone()));
        } else if &t.tag == b"glyf" {
            out_tables.push((t.tag, std::mem::take(&mut new_glyf)));
        } else if &t.tag == b"loca" {
            out_tables.push((t.tag, std::mem::take(&mut new_loca)));
        } else if &t.tag == b"head" {
            let mut h = t.data.to_vec();
            h.get_mut(8..12)?.copy_from_slice(&[0, 0, 0, 0]);
            out_tables.push((t.tag, h));
        } else if KEEP.contains(&&t.tag) {
            out_tables.push((t.tag, t.data.to_vec()));
        }
    }
    out_tables.sort_by_key(|t| t.0);

    // Assemble: offset table, table records, 4-byte aligned tables.
    let n = out_tables.len();
    let n16 = u16::try_from(n).ok()?;
    let mut pow = 1u16;
    let mut log2 = 0u16;
    while pow.checked_mul(2)? <= n16 {
        pow *= 2;
        log2 += 1;
    }
    let search_range = pow.checked_mul(16)?;
    let mut out = Vec::new();
    out.extend_from_slice(&version.to_be_bytes());
    out.extend_from_slice(&n16.to_be_bytes());
    out.extend_from_slice(&search_range.to_be_bytes());
    out.extend_from_slice(&log2.to_be_bytes());
    out.extend_from_slice(&(n16 * 16 - search_range).to_be_bytes());
    let mut at = 12 + 16 * n;
    let mut head_at = None;
    for (tag, data) in &out_tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&u32::try_from(at).ok()?.to_be_bytes());
        out.extend_from_slice(&u32::try_from(data.len()).ok()?.to_be_bytes());
        if tag == b"head" {
            head_at = Some(at);
        }
        at += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &out_tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    let head_at = head_at?;
    out.get_mut(head_at + 8..head_at + 12)?
        .copy_from_slice(&adjust.to_be_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::FaceId;
    use rustybuzz::ttf_parser;

    #[test]
    fn subset_keeps_ids_and_shrinks() {
        for (id, text) in [
            (FaceId::LIBERATION, "Tim O’Neill £28.9m IM&T – é"),
            (
                FaceId::all().last().expect("faces"),
                "董事会报告 이사회 品質",
            ),
        ] {
            let face = id.face().expect("face");
            let gids: Vec<u16> = text.chars().filter_map(|c| face.glyph(c)).collect();
            let sub = subset_truetype(face.bytes, &gids).expect("subset");
            assert!(
                sub.len() < face.bytes.len() / 4,
                "{} vs {}",
                sub.len(),
                face.bytes.len()
            );
            let reparsed = ttf_parser::Face::parse(&sub, 0).expect("reparse");
            for c in text.chars() {
                assert_eq!(reparsed.glyph_index(c).map(|g| g.0), face.glyph(c));
                let g = ttf_parser::GlyphId(face.glyph(c).unwrap_or(0));
                assert_eq!(reparsed.glyph_hor_advance(g), Some(face.advance(g.0)));
            }
            // The whole file sums to the magic number.
            assert_eq!(checksum(&sub), 0xB1B0_AFBA);
        }
    }

    #[test]
    fn not_truetype_is_refused() {
        assert!(subset_truetype(b"OTTO\0\0\0\0", &[1]).is_none());
        assert!(subset_truetype(b"", &[1]).is_none());
    }
}
