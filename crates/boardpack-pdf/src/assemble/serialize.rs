//! Writing the pack as PDF bytes: the object syntax exactly as lopdf writes it, streamed to
//! any `Write` (a chunk's references noted as fixups, the pack's own written as numbers),
//! and a cross-reference stream with the /ID passed in.

use super::*;

/// The file header, as lopdf writes it.
pub(super) const HEADER: &[u8] = b"%PDF-1.7\n%\xBB\xAD\xC0\xDE\n";

/// Where the object syntax goes: a reference is written by the sink, because a chunk notes
/// it as a fixup while the pack's own objects write their final numbers.
pub(super) trait Sink: Write {
    fn reference(&mut self, id: ObjectId) -> std::io::Result<()>;

    /// A string that starts with the chunk's id prefix ([`ID_PREFIXED`] taken off): only a
    /// chunk has one; elsewhere it is written as it is.
    fn prefixed_string(&mut self, rest: &[u8]) -> std::io::Result<()> {
        write_literal(self, rest)
    }
}

impl Sink for Counting<'_> {
    fn reference(&mut self, id: ObjectId) -> std::io::Result<()> {
        write!(self, "{} {} R", id.0, id.1)
    }
}

/// Ends the file: the cross-reference stream (numbered after the last object, uncompressed,
/// as lopdf writes one), `startxref` and `%%EOF`. Returns the bytes written in all.
pub(super) fn finish_file(
    w: &mut Counting,
    mut offsets: Vec<(u32, u64)>,
    xref_id: u32,
    catalog: ObjectId,
    info: ObjectId,
    id: [u8; 16],
) -> std::io::Result<u64> {
    let xref_start = w.written;
    offsets.push((xref_id, xref_start));
    offsets.sort_unstable();
    let mut index = Vec::new();
    let mut entries = Vec::with_capacity(offsets.len() * 7);
    let mut section: Option<(u32, i64)> = None;
    for &(n, offset) in &offsets {
        section = match section {
            Some((start, len)) if start as i64 + len == n as i64 => Some((start, len + 1)),
            Some((start, len)) => {
                index.extend([Object::Integer(start as i64), Object::Integer(len)]);
                Some((n, 1))
            }
            None => Some((n, 1)),
        };
        entries.push(1u8);
        entries.extend((offset as u32).to_be_bytes());
        entries.extend(0u16.to_be_bytes());
    }
    if let Some((start, len)) = section {
        index.extend([Object::Integer(start as i64), Object::Integer(len)]);
    }
    let id = Object::String(id.to_vec(), StringFormat::Hexadecimal);
    let length = entries.len() as i64;
    let trailer = dict(vec![
        ("Root", Object::Reference(catalog)),
        ("Info", Object::Reference(info)),
        ("ID", Object::Array(vec![id.clone(), id])),
        ("Type", name("XRef")),
        ("Size", Object::Integer(i64::from(xref_id) + 1)),
        (
            "W",
            Object::Array(vec![
                Object::Integer(1),
                Object::Integer(4),
                Object::Integer(2),
            ]),
        ),
        ("Index", Object::Array(index)),
        ("Length", Object::Integer(length)),
    ]);
    write_indirect(w, xref_id, &Object::Dictionary(trailer), Some(&entries))?;
    write!(w, "\nstartxref\n{xref_start}\n%%EOF")?;
    w.flush()?;
    Ok(w.written)
}

/// `N 0 obj … endobj` as lopdf frames it; `data` given: `object` is the dictionary of a
/// stream with this data.
pub(super) fn write_indirect(
    w: &mut Counting,
    number: u32,
    object: &Object,
    data: Option<&[u8]>,
) -> std::io::Result<()> {
    write!(w, "{number}")?;
    write_body(w, object, data)
}

/// All of `N 0 obj … endobj` after the number.
pub(super) fn write_body(
    w: &mut dyn Sink,
    object: &Object,
    data: Option<&[u8]>,
) -> std::io::Result<()> {
    let (separator, end) = match data {
        Some(_) => (false, true),
        None => (need_separator(object), need_end_separator(object)),
    };
    write!(w, " 0 obj\n{}", if separator { " " } else { "" })?;
    match (data, object) {
        (Some(data), Object::Stream(s)) => write_stream(w, &s.dict, data)?,
        (Some(data), Object::Dictionary(d)) => write_stream(w, d, data)?,
        _ => write_object(w, object)?,
    }
    writeln!(w, "{}\nendobj", if end { " " } else { "" })
}

pub(super) fn write_stream(
    w: &mut dyn Sink,
    dict: &Dictionary,
    data: &[u8],
) -> std::io::Result<()> {
    write_dictionary(w, dict)?;
    w.write_all(b"stream\n")?;
    w.write_all(data)?;
    w.write_all(b"\nendstream")
}

// The object syntax exactly as lopdf 0.47 writes it (its `Writer` is not public); the
// tests compare the two on every object of the corpus.

pub(super) fn need_separator(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

pub(super) fn need_end_separator(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Name(_)
            | Object::Reference(_)
            | Object::Stream(_)
    )
}

pub(super) fn write_object(w: &mut dyn Sink, object: &Object) -> std::io::Result<()> {
    match object {
        Object::Null => w.write_all(b"null"),
        Object::Boolean(true) => w.write_all(b"true"),
        Object::Boolean(false) => w.write_all(b"false"),
        Object::Integer(v) => write!(w, "{v}"),
        Object::Real(v) => {
            let text = v.to_string();
            w.write_all(text.as_bytes())?;
            if v.is_finite() && !text.contains('.') {
                w.write_all(b".0")?;
            }
            Ok(())
        }
        Object::Name(n) => write_name(w, n),
        Object::String(text, StringFormat::Literal) if text.starts_with(ID_PREFIXED) => {
            w.prefixed_string(&text[ID_PREFIXED.len()..])
        }
        Object::String(text, StringFormat::Literal) => write_literal(w, text),
        Object::String(text, StringFormat::Hexadecimal) => {
            w.write_all(b"<")?;
            for byte in text {
                write!(w, "{byte:02X}")?;
            }
            w.write_all(b">")
        }
        Object::Array(items) => {
            w.write_all(b"[")?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 && need_separator(item) {
                    w.write_all(b" ")?;
                }
                write_object(w, item)?;
            }
            w.write_all(b"]")
        }
        Object::Dictionary(d) => write_dictionary(w, d),
        Object::Stream(s) => write_stream(w, &s.dict, &s.content),
        Object::Reference(id) => w.reference(*id),
    }
}

pub(super) fn write_dictionary(w: &mut dyn Sink, d: &Dictionary) -> std::io::Result<()> {
    w.write_all(b"<<")?;
    for (key, value) in d {
        write_name(w, key)?;
        if need_separator(value) {
            w.write_all(b" ")?;
        }
        write_object(w, value)?;
    }
    w.write_all(b">>")
}

pub(super) fn write_name<W: Write + ?Sized>(w: &mut W, name: &[u8]) -> std::io::Result<()> {
    w.write_all(b"/")?;
    let plain = |byte: &u8| !b" \t\n\r\x0C()<>[]{}/%#".contains(byte) && (33..=126).contains(byte);
    if name.iter().all(plain) {
        return w.write_all(name);
    }
    for &byte in name {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&byte) || !(33..=126).contains(&byte) {
            write!(w, "#{byte:02X}")?;
        } else {
            w.write_all(&[byte])?;
        }
    }
    Ok(())
}

/// A literal string: backslashes, carriage returns and unbalanced parentheses escaped.
pub(super) fn write_literal<W: Write + ?Sized>(w: &mut W, text: &[u8]) -> std::io::Result<()> {
    // Most strings need no escape: written as they are, without the bookkeeping.
    if !text
        .iter()
        .any(|b| matches!(b, b'(' | b')' | b'\\' | b'\r'))
    {
        w.write_all(b"(")?;
        w.write_all(text)?;
        return w.write_all(b")");
    }
    let mut escape = vec![false; text.len()];
    let mut open = Vec::new();
    let mut any = false;
    for (i, &byte) in text.iter().enumerate() {
        match byte {
            b'(' => open.push(i),
            // An unbalanced closing parenthesis (the guard pops its match).
            b')' if open.pop().is_none() => {
                escape[i] = true;
                any = true;
            }
            b')' => {}
            b'\\' | b'\r' => {
                escape[i] = true;
                any = true;
            }
            _ => {}
        }
    }
    for i in open {
        escape[i] = true;
        any = true;
    }
    w.write_all(b"(")?;
    if any {
        for (i, &byte) in text.iter().enumerate() {
            if escape[i] {
                w.write_all(&[b'\\', if byte == b'\r' { b'r' } else { byte }])?;
            } else {
                w.write_all(&[byte])?;
            }
        }
    } else {
        w.write_all(text)?;
    }
    w.write_all(b")")
}

/// A writer that counts what passes through (for the cross-reference offsets).
pub(super) struct Counting<'w> {
    pub(super) inner: &'w mut dyn Write,
    pub(super) written: u64,
}

impl Write for Counting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
