//! Where a page's own content lies (its "ink"), found from its content streams in the same
//! pass that counts what they leave open, and the transform that keeps it clear of the
//! bands the pack draws in (the footer at the foot, a marking at the head): none when the
//! content already keeps clear, else a shift, or a shift and a shrink no larger than
//! needed. The pack never draws over a paper's own text.
//!
//! The extent is an estimate that errs on the large side: text is measured by its
//! position, size and number of bytes (no font is read), paths by their points, images and
//! forms by their boxes, a shading or anything unreadable as the whole page. White fills
//! (page backgrounds) and clipping paths are not ink.

use super::*;

/// An affine transform [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f.
pub(crate) type Affine = [f32; 6];

/// What a run asks its pages to keep clear of, as the page is displayed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct Clear {
    /// The footer's band at the foot.
    pub(crate) foot: bool,
    /// A marking's band at the head.
    pub(crate) head: bool,
}

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;
/// The footer's baseline, above the displayed foot of the page: its lowest descender is
/// more than 10 mm from the edge, where office printers print.
pub(super) const FOOTER_BASELINE: f32 = 12.0 * MM;
/// A marking's baseline, below the displayed head of the page: its capitals start more
/// than 10 mm from the edge.
pub(super) const MARKING_BASELINE: f32 = 13.0 * MM;
/// How far from the foot a page's own content must keep when it has a footer.
pub(super) const FOOT_BAND: f32 = 16.0 * MM;
/// How far from the head a page's own content must keep when it carries a marking.
pub(super) const HEAD_BAND: f32 = 16.0 * MM;

fn mul(m: &Affine, n: &Affine) -> Affine {
    // m then n (row vectors: p·m·n).
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

pub(super) fn apply(m: &Affine, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

const IDENTITY: Affine = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// Looks up an XObject a page names: `Some(bbox, matrix)` for a form, `None` for an image.
pub(super) type XObjectBoxes<'a> = &'a dyn Fn(&[u8]) -> Option<(Rect, Affine)>;

/// The bounding box of what a page draws, in its default user space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Ink {
    /// Nothing drawn.
    None,
    Box {
        x0: f32,
        y0: f32,
        x1: f32,
        y1: f32,
    },
    /// Could not be measured: assume the whole page.
    Everywhere,
}

impl Ink {
    fn add(&mut self, x: f32, y: f32) {
        if !x.is_finite() || !y.is_finite() {
            *self = Ink::Everywhere;
            return;
        }
        match self {
            Ink::None => {
                *self = Ink::Box {
                    x0: x,
                    y0: y,
                    x1: x,
                    y1: y,
                }
            }
            Ink::Box { x0, y0, x1, y1 } => {
                *x0 = x0.min(x);
                *y0 = y0.min(y);
                *x1 = x1.max(x);
                *y1 = y1.max(y);
            }
            Ink::Everywhere => {}
        }
    }

    fn add_box(&mut self, m: &Affine, x0: f32, y0: f32, x1: f32, y1: f32) {
        for (x, y) in [(x0, y0), (x1, y0), (x0, y1), (x1, y1)] {
            let (a, b) = apply(m, x, y);
            self.add(a, b);
        }
    }
}

/// The graphics state the extent depends on.
#[derive(Debug, Clone, Copy)]
struct State {
    ctm: Affine,
    /// The non-stroking colour is white (fills paint nothing visible on paper).
    white_fill: bool,
}

/// Follows a page's content streams (in order, state carried across them) and gathers the
/// extent of what they draw.
pub(super) struct InkScan<'a> {
    /// The XObjects the page's resources name: `Some(bbox·matrix)` for a form, `None` for
    /// an image (the unit square).
    xobjects: XObjectBoxes<'a>,
    state: State,
    stack: Vec<State>,
    // Text state.
    tm: Affine,
    tlm: Affine,
    size: f32,
    leading: f32,
    rise: f32,
    // The current path's points, in device space.
    path: Ink,
    pub(super) ink: Ink,
    // Operands since the last operator.
    nums: Vec<f32>,
    name: Vec<u8>,
    /// Bytes of the strings since the last operator, and the TJ adjustments.
    text_bytes: usize,
    adjust: f32,
}

impl<'a> InkScan<'a> {
    pub(super) fn new(xobjects: XObjectBoxes<'a>) -> InkScan<'a> {
        InkScan {
            xobjects,
            state: State {
                ctm: IDENTITY,
                white_fill: false,
            },
            stack: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            size: 0.0,
            leading: 0.0,
            rise: 0.0,
            path: Ink::None,
            ink: Ink::None,
            nums: Vec::new(),
            name: Vec::new(),
            text_bytes: 0,
            adjust: 0.0,
        }
    }

    /// Scans one content stream's decoded data.
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
                b'(' => {
                    let end = skip_string(data, i);
                    let inner = &data[i + 1..end.saturating_sub(1).max(i + 1)];
                    let escapes = inner.iter().filter(|&&c| c == b'\\').count();
                    self.text_bytes += inner.len().saturating_sub(escapes);
                    i = end;
                }
                b'<' => {
                    if data.get(i + 1) == Some(&b'<') {
                        i += 2;
                    } else {
                        let start = i;
                        while i < n && data[i] != b'>' {
                            i += 1;
                        }
                        let digits = data[start..i]
                            .iter()
                            .filter(|c| c.is_ascii_hexdigit())
                            .count();
                        self.text_bytes += digits.div_ceil(2);
                        i += 1;
                    }
                }
                b'/' => {
                    let start = i + 1;
                    i += 1;
                    while i < n && is_regular(data[i]) {
                        i += 1;
                    }
                    self.name = data[start..i].to_vec();
                }
                c if !is_regular(c) => i += 1,
                _ => {
                    let start = i;
                    while i < n && is_regular(data[i]) {
                        i += 1;
                    }
                    let word = &data[start..i];
                    if let Some(v) = number(word) {
                        self.nums.push(v);
                        if self.nums.len() > 16 {
                            self.nums.remove(0);
                        }
                        continue;
                    }
                    if word == b"BI" {
                        self.ink.add_box(&self.state.ctm, 0.0, 0.0, 1.0, 1.0);
                        i = skip_inline_image(data, i);
                    } else {
                        self.operator(word);
                    }
                    self.nums.clear();
                    self.text_bytes = 0;
                    self.adjust = 0.0;
                }
            }
        }
    }

    fn last(&self, k: usize) -> Option<&[f32]> {
        let n = self.nums.len();
        (n >= k).then(|| &self.nums[n - k..])
    }

    fn show_text(&mut self) {
        let size = self.size.abs();
        // A generous width: 0.6 em a byte (two-byte fonts come out twice as wide).
        let width = (self.text_bytes as f32 * 0.6 - self.adjust / 1000.0) * size;
        let width = width.max(0.0);
        let m = mul(&self.tm, &self.state.ctm);
        self.ink
            .add_box(&m, 0.0, self.rise - 0.3 * size, width, self.rise + size);
        self.tm = mul(&[1.0, 0.0, 0.0, 1.0, width, 0.0], &self.tm);
    }

    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    fn paint(&mut self, fills_only: bool) {
        let path = std::mem::replace(&mut self.path, Ink::None);
        if fills_only && self.state.white_fill {
            return;
        }
        match path {
            Ink::None => {}
            Ink::Box { x0, y0, x1, y1 } => {
                self.ink.add(x0, y0);
                self.ink.add(x1, y1);
            }
            Ink::Everywhere => self.ink = Ink::Everywhere,
        }
    }

    fn point(&mut self, x: f32, y: f32) {
        let (a, b) = apply(&self.state.ctm, x, y);
        self.path.add(a, b);
    }

    fn operator(&mut self, op: &[u8]) {
        match op {
            b"q" if self.stack.len() < 1024 => self.stack.push(self.state),
            b"Q" => {
                if let Some(s) = self.stack.pop() {
                    self.state = s;
                }
            }
            b"cm" => {
                if let Some(v) = self.last(6) {
                    let m = [v[0], v[1], v[2], v[3], v[4], v[5]];
                    self.state.ctm = mul(&m, &self.state.ctm);
                }
            }
            b"g" => self.state.white_fill = self.last(1).is_some_and(|v| v[0] >= 0.999),
            b"rg" => {
                self.state.white_fill = self.last(3).is_some_and(|v| v.iter().all(|c| *c >= 0.999))
            }
            b"k" => {
                self.state.white_fill = self.last(4).is_some_and(|v| v.iter().all(|c| *c <= 0.001))
            }
            b"sc" | b"scn" | b"cs" => self.state.white_fill = false,
            b"m" | b"l" => {
                if let Some(v) = self.last(2) {
                    let (x, y) = (v[0], v[1]);
                    self.point(x, y);
                }
            }
            b"c" => {
                if let Some(v) = self.last(6) {
                    let v = [v[0], v[1], v[2], v[3], v[4], v[5]];
                    self.point(v[0], v[1]);
                    self.point(v[2], v[3]);
                    self.point(v[4], v[5]);
                }
            }
            b"v" | b"y" => {
                if let Some(v) = self.last(4) {
                    let v = [v[0], v[1], v[2], v[3]];
                    self.point(v[0], v[1]);
                    self.point(v[2], v[3]);
                }
            }
            b"re" => {
                if let Some(v) = self.last(4) {
                    let (x, y, w, h) = (v[0], v[1], v[2], v[3]);
                    self.point(x, y);
                    self.point(x + w, y);
                    self.point(x, y + h);
                    self.point(x + w, y + h);
                }
            }
            b"f" | b"F" | b"f*" => self.paint(true),
            b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*" => self.paint(false),
            b"n" => self.path = Ink::None,
            b"sh" => self.ink = Ink::Everywhere,
            b"BT" => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
            }
            b"Tf" => {
                if let Some(v) = self.last(1) {
                    self.size = v[0];
                }
            }
            b"TL" => {
                if let Some(v) = self.last(1) {
                    self.leading = v[0];
                }
            }
            b"Ts" => {
                if let Some(v) = self.last(1) {
                    self.rise = v[0];
                }
            }
            b"Td" => {
                if let Some(v) = self.last(2) {
                    let (x, y) = (v[0], v[1]);
                    self.next_line(x, y);
                }
            }
            b"TD" => {
                if let Some(v) = self.last(2) {
                    let (x, y) = (v[0], v[1]);
                    self.leading = -y;
                    self.next_line(x, y);
                }
            }
            b"Tm" => {
                if let Some(v) = self.last(6) {
                    self.tlm = [v[0], v[1], v[2], v[3], v[4], v[5]];
                    self.tm = self.tlm;
                }
            }
            b"T*" => self.next_line(0.0, -self.leading),
            b"Tj" => self.show_text(),
            b"TJ" => {
                // The numbers read since the last operator are the array's adjustments.
                self.adjust = self.nums.iter().sum();
                self.show_text();
            }
            b"'" | b"\"" => {
                self.next_line(0.0, -self.leading);
                self.show_text();
            }
            b"Do" => {
                let name = std::mem::take(&mut self.name);
                match (self.xobjects)(&name) {
                    Some((bbox, matrix)) => {
                        let m = mul(&matrix, &self.state.ctm);
                        self.ink.add_box(&m, bbox.llx, bbox.lly, bbox.urx, bbox.ury);
                    }
                    None => self.ink.add_box(&self.state.ctm, 0.0, 0.0, 1.0, 1.0),
                }
            }
            _ => {}
        }
    }
}

/// A PDF number, when `word` is one.
fn number(word: &[u8]) -> Option<f32> {
    if word.is_empty()
        || !word
            .iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+'))
    {
        return None;
    }
    std::str::from_utf8(word)
        .ok()?
        .parse::<f32>()
        .ok()
        .or(Some(0.0))
}

/// The transform (in the page's default user space) that keeps `ink` clear of the bands
/// `clear` asks for, on a page whose visible box is `visible` turned by `rotate`; `None`
/// when it already is. It shifts the content, and shrinks it (about its centre line) only
/// as much as the room left needs.
pub(crate) fn fit(visible: Rect, rotate: i64, ink: Ink, clear: Clear) -> Option<Affine> {
    if !clear.foot && !clear.head {
        return None;
    }
    let (w, h) = (visible.width(), visible.height());
    // Display space (origin at the displayed bottom-left) to user space, as the footer
    // places itself.
    let (dw, dh, to_user) = match rotate {
        90 => (h, w, [0.0, 1.0, -1.0, 0.0, visible.urx, visible.lly]),
        180 => (w, h, [-1.0, 0.0, 0.0, -1.0, visible.urx, visible.ury]),
        270 => (h, w, [0.0, -1.0, 1.0, 0.0, visible.llx, visible.ury]),
        _ => (w, h, [1.0, 0.0, 0.0, 1.0, visible.llx, visible.lly]),
    };
    let lo = if clear.foot { FOOT_BAND } else { 0.0 };
    let hi = dh - if clear.head { HEAD_BAND } else { 0.0 };
    // A page too small for the bands keeps its content as it is.
    if hi - lo < dh * 0.5 {
        return None;
    }
    let to_display = invert(&to_user)?;
    let (ix0, iy0, ix1, iy1) = match ink {
        Ink::None => return None,
        Ink::Everywhere => (0.0, 0.0, dw, dh),
        Ink::Box { x0, y0, x1, y1 } => {
            let mut shown = Ink::None;
            shown.add_box(&to_display, x0, y0, x1, y1);
            let Ink::Box { x0, y0, x1, y1 } = shown else {
                return None;
            };
            // Only what is on the page counts.
            let (x0, x1) = (x0.max(0.0), x1.min(dw));
            let (y0, y1) = (y0.max(0.0), y1.min(dh));
            if x0 >= x1 || y0 >= y1 {
                return None;
            }
            (x0, y0, x1, y1)
        }
    };
    let _ = (ix0, ix1);
    if iy0 >= lo && iy1 <= hi {
        return None;
    }
    let s = ((hi - lo) / (iy1 - iy0)).min(1.0);
    // Scaled about the head of the page where the room allows, else pushed just clear.
    let t0 = dh * (1.0 - s);
    let ty = t0.clamp(lo - s * iy0, (hi - s * iy1).max(lo - s * iy0));
    let tx = (1.0 - s) * dw / 2.0;
    let display = [s, 0.0, 0.0, s, tx, ty];
    // User → display → fitted → user.
    let m = mul(&mul(&to_display, &display), &to_user);
    Some(m)
}

fn invert(m: &Affine) -> Option<Affine> {
    let det = m[0] * m[3] - m[1] * m[2];
    if det.abs() < 1e-9 {
        return None;
    }
    let a = m[3] / det;
    let b = -m[1] / det;
    let c = -m[2] / det;
    let d = m[0] / det;
    let e = -(m[4] * a + m[5] * c);
    let f = -(m[4] * b + m[5] * d);
    Some([a, b, c, d, e, f])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ink_of(content: &str) -> Ink {
        let none = |_: &[u8]| None;
        let mut scan = InkScan::new(&none);
        scan.scan(content.as_bytes());
        scan.ink
    }

    const A4: Rect = Rect {
        llx: 0.0,
        lly: 0.0,
        urx: 595.0,
        ury: 842.0,
    };

    #[test]
    fn text_paths_and_images_are_measured_and_backgrounds_are_not() {
        let Ink::Box { y0, y1, .. } =
            ink_of("BT /F1 10 Tf 72 700 Td (Hello) Tj 0 -20 Td (x) Tj ET")
        else {
            panic!("no ink")
        };
        assert!((y0 - 677.0).abs() < 0.01, "{y0}");
        assert!((y1 - 710.0).abs() < 0.01, "{y1}");
        // A white page-sized background and a clipping path are not ink; a grey box is.
        assert_eq!(ink_of("1 g 0 0 595 842 re f 0 0 100 100 re W n"), Ink::None);
        assert_eq!(
            ink_of("q 0.5 g 10 20 30 40 re f Q"),
            Ink::Box {
                x0: 10.0,
                y0: 20.0,
                x1: 40.0,
                y1: 60.0
            }
        );
        // An image is its unit square under the CTM.
        assert_eq!(
            ink_of("q 100 0 0 50 200 300 cm /Im0 Do Q"),
            Ink::Box {
                x0: 200.0,
                y0: 300.0,
                x1: 300.0,
                y1: 350.0
            }
        );
        assert_eq!(ink_of("/Sh0 sh"), Ink::Everywhere);
        // Text in a string with a bracket and TJ with a number.
        let Ink::Box { x1, .. } = ink_of("BT /F1 10 Tf 1 0 0 1 50 400 Tm [(a\\)b) -500 (c)] TJ ET")
        else {
            panic!("no ink")
        };
        assert!(x1 > 50.0 + 3.0 * 6.0, "{x1}");
    }

    #[test]
    fn content_clear_of_the_bands_is_left_alone() {
        let clear = Clear {
            foot: true,
            head: true,
        };
        let ink = Ink::Box {
            x0: 56.0,
            y0: 71.0,
            x1: 539.0,
            y1: 785.0,
        };
        assert_eq!(fit(A4, 0, ink, clear), None);
        assert_eq!(fit(A4, 0, Ink::None, clear), None);
    }

    #[test]
    fn content_in_a_band_is_shifted_or_shrunk_just_clear() {
        let foot = Clear {
            foot: true,
            head: false,
        };
        // Low on the page, room above: shifted up, not shrunk.
        let low = Ink::Box {
            x0: 56.0,
            y0: 20.0,
            x1: 539.0,
            y1: 780.0,
        };
        let m = fit(A4, 0, low, foot).expect("a shift");
        assert_eq!((m[0], m[3]), (1.0, 1.0));
        let (_, y) = apply(&m, 56.0, 20.0);
        assert!((y - FOOT_BAND).abs() < 0.01, "{y}");
        // The whole page: shrunk to the room between the bands, centred across.
        let both = Clear {
            foot: true,
            head: true,
        };
        let m = fit(A4, 0, Ink::Everywhere, both).expect("a shrink");
        let (x0, y0) = apply(&m, 0.0, 0.0);
        let (x1, y1) = apply(&m, 595.0, 842.0);
        assert!((y0 - FOOT_BAND).abs() < 0.01 && (y1 - (842.0 - HEAD_BAND)).abs() < 0.01);
        assert!((x0 - (595.0 - x1)).abs() < 0.01, "centred: {x0} {x1}");
        // A page turned a quarter: its displayed foot is the right-hand side of the sheet.
        let landscape = Ink::Box {
            x0: 0.0,
            y0: 0.0,
            x1: 595.0,
            y1: 842.0,
        };
        let m = fit(A4, 90, landscape, foot).expect("a shrink");
        let (x, _) = apply(&m, 595.0, 400.0);
        assert!((x - (595.0 - FOOT_BAND)).abs() < 0.01, "{x}");
        let (x, _) = apply(&m, 0.0, 400.0);
        assert!(x.abs() < 0.01, "{x}");
    }
}
