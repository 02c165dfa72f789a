//! The head of every document Boardpack makes for an organisation: its logo (when it has
//! one) at the top right, as NHS trusts' documents carry theirs, then its name.

use std::sync::Arc;

use boardpack_pdf::{Align, Block, Image, MM};

/// The widest a logo is drawn, and the tallest.
const LOGO_MAX_WIDTH: f32 = 60.0 * MM;
const LOGO_MAX_HEIGHT: f32 = 22.0 * MM;

/// The logo (right-aligned, at most 60 × 22 mm, its proportions kept) and the
/// organisation's name in capitals, bold.
pub fn letterhead(name: &str, logo: Option<&Arc<Image>>) -> Vec<Block> {
    let mut b = Vec::new();
    if let Some(image) = logo.filter(|i| i.width > 0 && i.height > 0) {
        let aspect = image.width as f32 / image.height as f32;
        b.push(Block::Image {
            image: image.clone(),
            width: LOGO_MAX_WIDTH.min(LOGO_MAX_HEIGHT * aspect),
            align: Align::Right,
        });
        b.push(Block::Space(6.0));
    }
    b.push(Block::markup(&format!("**{}**", name.to_uppercase())));
    b
}

/// How much taller the letterhead is with this logo than without (points), so a cover
/// can keep its title where it was.
pub fn logo_height(logo: Option<&Arc<Image>>) -> f32 {
    match logo.filter(|i| i.width > 0 && i.height > 0) {
        Some(image) => {
            let aspect = image.width as f32 / image.height as f32;
            LOGO_MAX_WIDTH.min(LOGO_MAX_HEIGHT * aspect) / aspect + 6.0
        }
        None => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(width: u32, height: u32) -> Arc<Image> {
        Arc::new(Image {
            width,
            height,
            rgb: vec![0; (width * height * 3) as usize],
            alpha: None,
            description: "Logo".into(),
        })
    }

    #[test]
    fn a_logo_is_drawn_at_the_right_within_its_box() {
        let wide = image(400, 100);
        let b = letterhead("Northfield NHS Trust", Some(&wide));
        match &b[0] {
            Block::Image { width, align, .. } => {
                assert_eq!(*align, Align::Right);
                assert!(
                    (*width - 60.0 * MM).abs() < 0.01,
                    "a wide logo is 60 mm wide"
                );
            }
            other => panic!("{other:?}"),
        }
        let tall = image(100, 100);
        match &letterhead("N", Some(&tall))[0] {
            Block::Image { width, .. } => {
                assert!(
                    (*width - 22.0 * MM).abs() < 0.01,
                    "a square logo is 22 mm tall"
                )
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(letterhead("N", None).len(), 1, "no logo, just the name");
        assert!((logo_height(Some(&wide)) - (15.0 * MM + 6.0)).abs() < 0.01);
    }
}
