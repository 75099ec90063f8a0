//! The seal's picture: a DrawingML picture anchored in the date's paragraph, floating over the
//! text (no wrapping), placed where the galley puts it.

use super::drawing::{Frame, anchor, emu};
use crate::layout::{TWIPS_PER_PT, twips_to_pt};
use crate::typeset::{Inset, PageSetup, SealMark};

/// The relationship that names the picture's part.
pub(super) const SEAL_ID: &str = "rIdSeal";
/// The picture's part, from `word/`.
pub(super) const SEAL_TARGET: &str = "media/seal.png";

const PIC_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";

/// A run holding the picture of seal `n` (from 0), anchored to the page horizontally and to
/// the paragraph under its 署名 vertically, so that it follows the date wherever a word
/// processor sets it.
pub(super) fn seal_run(s: &mut String, seal: &SealMark, n: usize) {
    let Some(picture) = &seal.picture else {
        return;
    };
    let width = twips_to_pt(seal.diameter);
    let height = picture.height_at(width);
    let frame = Frame {
        x: twips_to_pt(seal.centre_x) - width / 2.0,
        y: -twips_to_pt(seal.centre_above) - height / 2.0,
        from_paragraph: true,
        width,
        height,
        id: 1 + n,
        name: "印章",
    };
    let (cx, cy) = (emu(width), emu(height));
    let pic = format!(
        r#"<pic:pic xmlns:pic="{PIC_NS}"><pic:nvPicPr><pic:cNvPr id="0" name="seal.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{SEAL_ID}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"#
    );
    s.push_str("<w:r><w:drawing>");
    anchor(s, &frame, PIC_NS, &pic);
    s.push_str("</w:drawing></w:r>");
}

/// The relationship that names attached page `n`'s picture, and its part from `word/`.
pub(super) fn page_target(n: usize) -> (String, String) {
    (format!("rIdPage{n}"), format!("media/page{n}.png"))
}

/// A run holding attached page `n`'s picture, when it has one, anchored to its page where the
/// galley sets it, on a page set up as `setup`.
pub(super) fn page_run(s: &mut String, inset: &Inset, n: usize, setup: &PageSetup) {
    let Some(picture) = &inset.picture else {
        return;
    };
    let (dx, dy, width, height) = inset.fitted();
    let pt = |twips: f64| twips / TWIPS_PER_PT;
    let frame = Frame {
        x: pt(f64::from(setup.margins[3]) + dx),
        y: pt(f64::from(setup.margins[0] + inset.top) + dy),
        from_paragraph: false,
        width: pt(width),
        height: pt(height),
        // Apart from the seals' 1 to 100 and a 函's mark and lines (101 on).
        id: 1000 + n,
        name: "附件页面",
    };
    let (cx, cy) = (emu(frame.width), emu(frame.height));
    let (id, _) = page_target(n);
    let (pw, ph) = (picture.width, picture.height);
    let pic = format!(
        r#"<pic:pic xmlns:pic="{PIC_NS}"><pic:nvPicPr><pic:cNvPr id="0" name="page{n}.png" descr="{pw}×{ph}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"#
    );
    s.push_str("<w:r><w:drawing>");
    anchor(s, &frame, PIC_NS, &pic);
    s.push_str("</w:drawing></w:r>");
}

#[cfg(test)]
mod tests {
    use super::seal_run;
    use crate::model::Picture;
    use crate::typeset::SealMark;

    #[test]
    fn the_picture_is_placed_by_its_centre_and_keeps_its_proportions() {
        let seal = SealMark {
            diameter: 2400,
            centre_x: 6000,
            centre_above: 100,
            item: 0,
            picture: Some(Picture {
                png: std::sync::Arc::from(&b"png"[..]),
                width: 200,
                height: 100,
            }),
        };
        let mut s = String::new();
        seal_run(&mut s, &seal, 0);
        assert!(
            s.contains(r#"<wp:extent cx="1524000" cy="762000"/>"#),
            "{s}"
        );
        assert!(
            s.contains("<wp:posOffset>3048000</wp:posOffset>"),
            "x: centre less half"
        );
        assert!(
            s.contains("<wp:posOffset>-444500</wp:posOffset>"),
            "y: above the date"
        );
        let by_hand = SealMark {
            picture: None,
            ..seal
        };
        let mut none = String::new();
        seal_run(&mut none, &by_hand, 0);
        assert!(none.is_empty());
    }
}
