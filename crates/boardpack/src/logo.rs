//! The organisation's logo: a PNG or JPEG a user chooses, checked (by its bytes, not its
//! name: a real image of a sane size that decodes whole), scaled down so its longer side is
//! at most [`MAX_SIDE`] pixels, and stored in the blob store as a PNG, so every document
//! gets the same bytes whatever came in. The PDF engine takes those bytes through
//! [`Boardpack::organisation_logo`]; this module must not lay out or write documents.

use std::io::Cursor;
use std::path::Path;

use boardpack_core::{Logo, Organisation, OrganisationId};

use crate::error::{Error, Result};
use crate::store::{blobs as b, committees as c};
use crate::Boardpack;

/// The largest logo file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// The largest width or height accepted before scaling (a guard against images that
/// claim a size that would exhaust memory).
pub const MAX_INPUT_SIDE: u32 = 10_000;
/// The smallest width or height accepted: anything smaller would print as a smudge.
pub const MIN_SIDE: u32 = 16;
/// Logos are scaled down so their longer side is at most this many pixels: sharp at
/// 300 dpi across 80 mm, the widest a document heading gives them.
pub const MAX_SIDE: u32 = 1000;

/// A stored logo and its PNG bytes, for documents to place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoImage {
    pub logo: Logo,
    pub png: Vec<u8>,
}

/// An image decoded to 8-bit RGBA.
struct Rgba {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

fn problem(file: &str, what: impl Into<String>) -> Error {
    Error::Logo {
        file: file.to_owned(),
        problem: what.into(),
    }
}

fn check_size(file: &str, width: u32, height: u32) -> Result<()> {
    if width > MAX_INPUT_SIDE || height > MAX_INPUT_SIDE {
        return Err(problem(
            file,
            format!("it is {width} × {height} pixels; use an image of at most {MAX_INPUT_SIDE} pixels a side"),
        ));
    }
    if width < MIN_SIDE || height < MIN_SIDE {
        return Err(problem(
            file,
            format!("it is only {width} × {height} pixels; use an image at least {MIN_SIDE} pixels a side (a few hundred is best)"),
        ));
    }
    Ok(())
}

fn decode_png(file: &str, bytes: &[u8]) -> Result<Rgba> {
    let damaged = |e: png::DecodingError| problem(file, format!("it is a damaged PNG image ({e})"));
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(damaged)?;
    let (width, height) = (reader.info().width, reader.info().height);
    check_size(file, width, height)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| problem(file, "it is too large to read"))?;
    let mut buf = vec![0u8; size];
    let out = reader.next_frame(&mut buf).map_err(damaged)?;
    let samples = match out.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => return Err(problem(file, "its colours could not be read")),
    };
    let mut pixels = Vec::with_capacity(width as usize * height as usize * 4);
    for row in buf.chunks(out.line_size).take(height as usize) {
        for px in row.chunks(samples).take(width as usize) {
            pixels.extend_from_slice(&match *px {
                [g] => [g, g, g, 255],
                [g, a] => [g, g, g, a],
                [r, g, b] => [r, g, b, 255],
                [r, g, b, a] => [r, g, b, a],
                _ => [0, 0, 0, 0],
            });
        }
    }
    Ok(Rgba {
        width,
        height,
        pixels,
    })
}

fn decode_jpeg(file: &str, bytes: &[u8]) -> Result<Rgba> {
    let damaged =
        |e: jpeg_decoder::Error| problem(file, format!("it is a damaged JPEG image ({e})"));
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.read_info().map_err(damaged)?;
    let info = decoder
        .info()
        .ok_or_else(|| problem(file, "its size could not be read"))?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    check_size(file, width, height)?;
    let data = decoder.decode().map_err(damaged)?;
    let pixels: Vec<u8> =
        match info.pixel_format {
            jpeg_decoder::PixelFormat::L8 => data.iter().flat_map(|&g| [g, g, g, 255]).collect(),
            jpeg_decoder::PixelFormat::L16 => data
                .chunks(2)
                .flat_map(|g| [g[0], g[0], g[0], 255])
                .collect(),
            jpeg_decoder::PixelFormat::RGB24 => data
                .chunks(3)
                .flat_map(|p| [p[0], p[1], p[2], 255])
                .collect(),
            jpeg_decoder::PixelFormat::CMYK32 => return Err(problem(
                file,
                "it is a CMYK (print) JPEG; save it as an RGB JPEG or a PNG and choose it again",
            )),
        };
    if pixels.len() != width as usize * height as usize * 4 {
        return Err(problem(file, "it is a damaged JPEG image (too few pixels)"));
    }
    Ok(Rgba {
        width,
        height,
        pixels,
    })
}

/// Scales an image down (never up) so its longer side is at most `max`: each output pixel
/// is the average of the input pixels it covers, weighted by alpha so transparent edges do
/// not darken.
fn scale_down(img: Rgba, max: u32) -> Rgba {
    let longer = img.width.max(img.height);
    if longer <= max {
        return img;
    }
    let w = ((u64::from(img.width) * u64::from(max)).div_ceil(u64::from(longer))).max(1) as u32;
    let h = ((u64::from(img.height) * u64::from(max)).div_ceil(u64::from(longer))).max(1) as u32;
    let mut out = vec![0u8; w as usize * h as usize * 4];
    for oy in 0..h {
        let y0 = (u64::from(oy) * u64::from(img.height) / u64::from(h)) as u32;
        let y1 = ((u64::from(oy + 1) * u64::from(img.height)).div_ceil(u64::from(h)) as u32)
            .clamp(y0 + 1, img.height);
        for ox in 0..w {
            let x0 = (u64::from(ox) * u64::from(img.width) / u64::from(w)) as u32;
            let x1 = ((u64::from(ox + 1) * u64::from(img.width)).div_ceil(u64::from(w)) as u32)
                .clamp(x0 + 1, img.width);
            let (mut r, mut g, mut b, mut a, mut n) = (0u64, 0u64, 0u64, 0u64, 0u64);
            for y in y0..y1 {
                for x in x0..x1 {
                    let at = (y as usize * img.width as usize + x as usize) * 4;
                    let p = &img.pixels[at..at + 4];
                    let alpha = u64::from(p[3]);
                    r += u64::from(p[0]) * alpha;
                    g += u64::from(p[1]) * alpha;
                    b += u64::from(p[2]) * alpha;
                    a += alpha;
                    n += 1;
                }
            }
            let at = (oy as usize * w as usize + ox as usize) * 4;
            // Colour weighted by alpha; a wholly transparent pixel stays black.
            let average = |sum: u64| (sum + a / 2).checked_div(a).unwrap_or(0) as u8;
            out[at] = average(r);
            out[at + 1] = average(g);
            out[at + 2] = average(b);
            out[at + 3] = ((a + n / 2) / n.max(1)) as u8;
        }
    }
    Rgba {
        width: w,
        height: h,
        pixels: out,
    }
}

fn encode_png(img: &Rgba) -> Result<Vec<u8>> {
    let opaque = img.pixels.chunks(4).all(|p| p[3] == 255);
    let mut out = Vec::new();
    let failed = |e: png::EncodingError| {
        Error::Conflict(format!(
            "The logo could not be stored as a PNG ({e}). Try another image; if it keeps happening, report it."
        ))
    };
    {
        let mut encoder = png::Encoder::new(&mut out, img.width, img.height);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Balanced);
        let data: Vec<u8> = if opaque {
            encoder.set_color(png::ColorType::Rgb);
            img.pixels
                .chunks(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect()
        } else {
            encoder.set_color(png::ColorType::Rgba);
            img.pixels.clone()
        };
        let mut writer = encoder.write_header().map_err(failed)?;
        writer.write_image_data(&data).map_err(failed)?;
        writer.finish().map_err(failed)?;
    }
    Ok(out)
}

/// Checks a logo file's bytes and makes the PNG to store: its bytes, width and height.
/// `file` names it in errors.
pub fn prepare(file: &str, bytes: &[u8]) -> Result<(Vec<u8>, u32, u32)> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(problem(
            file,
            format!(
                "it is {:.1} MB; use an image of at most {} MB",
                bytes.len() as f64 / (1024.0 * 1024.0),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let img = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        decode_png(file, bytes)?
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        decode_jpeg(file, bytes)?
    } else {
        return Err(problem(
            file,
            "it is not a PNG or JPEG image; save the logo as PNG (best) or JPEG and choose it again",
        ));
    };
    let img = scale_down(img, MAX_SIDE);
    let png = encode_png(&img)?;
    Ok((png, img.width, img.height))
}

impl Boardpack {
    /// Sets an organisation's logo from an image file (PNG or JPEG): checked, scaled and
    /// kept in the blob store as a PNG. The old logo's bytes stay in the blob store.
    pub fn set_logo(&self, organisation: OrganisationId, file: &Path) -> Result<Organisation> {
        let bytes = std::fs::read(file).map_err(Error::io("read", file))?;
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.display().to_string());
        self.set_logo_bytes(organisation, &name, &bytes)
    }

    /// As [`Boardpack::set_logo`], from the file's bytes; `name` names it in errors.
    pub fn set_logo_bytes(
        &self,
        organisation: OrganisationId,
        name: &str,
        bytes: &[u8],
    ) -> Result<Organisation> {
        let (png, width, height) = prepare(name, bytes)?;
        let blob = self.blobs.put_bytes(&png, "image/png")?;
        self.store.write(|tx| {
            let org = c::organisation(tx, organisation)?.ok_or(Error::NotFound {
                what: "organisation with the id",
                key: organisation.to_string(),
                hint: "Reload the list.",
            })?;
            b::insert_blob(tx, &blob)?;
            let org = Organisation {
                logo: Some(Logo {
                    sha256: blob.sha256.clone(),
                    media_type: blob.media_type.clone(),
                    width,
                    height,
                }),
                ..org
            };
            c::upsert_organisation(tx, &org)?;
            Ok(org)
        })
    }

    /// Takes an organisation's logo off its documents.
    pub fn remove_logo(&self, organisation: OrganisationId) -> Result<Organisation> {
        self.store.write(|tx| {
            let org = c::organisation(tx, organisation)?.ok_or(Error::NotFound {
                what: "organisation with the id",
                key: organisation.to_string(),
                hint: "Reload the list.",
            })?;
            let org = Organisation { logo: None, ..org };
            c::upsert_organisation(tx, &org)?;
            Ok(org)
        })
    }

    /// An organisation's logo with its PNG bytes (checked against their hash), or None
    /// when it has none: what documents place on their cover and heading.
    pub fn organisation_logo(&self, organisation: OrganisationId) -> Result<Option<LogoImage>> {
        let org = self
            .store
            .read(|conn| c::organisation(conn, organisation))?
            .ok_or(Error::NotFound {
                what: "organisation with the id",
                key: organisation.to_string(),
                hint: "Reload the list.",
            })?;
        match org.logo {
            Some(logo) => {
                let png = self.blobs.read(&logo.sha256)?;
                Ok(Some(LogoImage { logo, png }))
            }
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_of(width: u32, height: u32, colour: png::ColorType, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut e = png::Encoder::new(&mut out, width, height);
        e.set_color(colour);
        e.set_depth(png::BitDepth::Eight);
        let mut w = e.write_header().unwrap();
        w.write_image_data(data).unwrap();
        w.finish().unwrap();
        out
    }

    #[test]
    fn scales_large_images_down_and_keeps_small_ones() {
        let (w, h) = (2400u32, 600u32);
        let data: Vec<u8> = (0..w * h).flat_map(|k| [(k % 256) as u8, 0, 200]).collect();
        let (out, ow, oh) = prepare("wide.png", &png_of(w, h, png::ColorType::Rgb, &data)).unwrap();
        assert_eq!((ow, oh), (1000, 250));
        assert!(out.starts_with(b"\x89PNG"));
        // The same input gives the same bytes.
        let (again, _, _) = prepare("wide.png", &png_of(w, h, png::ColorType::Rgb, &data)).unwrap();
        assert_eq!(out, again);
        let small: Vec<u8> = (0..64 * 32).flat_map(|_| [10, 20, 30, 128]).collect();
        let (_, sw, sh) =
            prepare("small.png", &png_of(64, 32, png::ColorType::Rgba, &small)).unwrap();
        assert_eq!((sw, sh), (64, 32));
    }

    #[test]
    fn averages_keep_transparent_edges_clean() {
        // Half transparent black, half opaque red: the scaled pixel is red, half opaque.
        let mut data = Vec::new();
        for _ in 0..2000 {
            data.extend_from_slice(&[0, 0, 0, 0, 255, 0, 0, 255]);
        }
        let img = Rgba {
            width: 2,
            height: 2000,
            pixels: data,
        };
        let out = scale_down(img, 1000);
        assert_eq!((out.width, out.height), (1, 1000));
        assert_eq!(&out.pixels[..4], &[255, 0, 0, 128]);
    }

    #[test]
    fn refuses_what_is_not_a_usable_image() {
        let err = prepare("logo.pdf", b"%PDF-1.4 not an image").unwrap_err();
        assert_eq!(
            err.to_string(),
            "Cannot use logo.pdf as the logo: it is not a PNG or JPEG image; save the logo as PNG (best) or JPEG and choose it again."
        );
        let mut truncated = png_of(100, 100, png::ColorType::Rgb, &[7u8; 30_000]);
        truncated.truncate(truncated.len() / 2);
        let err = prepare("cut.png", &truncated).unwrap_err().to_string();
        assert!(err.contains("damaged PNG"), "{err}");
        let err = prepare("dot.png", &png_of(8, 8, png::ColorType::Rgb, &[0u8; 192]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("only 8 × 8 pixels"), "{err}");
        let err = prepare("fake.jpg", &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0])
            .unwrap_err()
            .to_string();
        assert!(err.contains("damaged JPEG"), "{err}");
    }
}
