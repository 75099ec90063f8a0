//! The seal's picture: a DrawingML picture anchored in the date's paragraph, floating over the
//! text (no wrapping), placed where the galley puts it.

use crate::typeset::SealMark;
use crate::write::xml::push_fmt;

/// The relationship that names the picture's part.
pub(super) const SEAL_ID: &str = "rIdSeal";
/// The picture's part, from `word/`.
pub(super) const SEAL_TARGET: &str = "media/seal.png";

const WP_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const A_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const PIC_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";

/// English Metric Units in a twip.
const EMU_PER_TWIP: f64 = 635.0;

/// A run holding the seal's picture, anchored to the page horizontally and to the date's
/// paragraph vertically, so that it follows the date wherever a word processor sets it.
pub(super) fn seal_run(s: &mut String, seal: &SealMark) {
    let Some(picture) = &seal.picture else {
        return;
    };
    let emu = |twips: f64| (twips * EMU_PER_TWIP).round() as i64;
    let width = f64::from(seal.diameter);
    let height = width * f64::from(picture.height) / f64::from(picture.width.max(1));
    let (cx, cy) = (emu(width), emu(height));
    let x = emu(f64::from(seal.centre_x) - width / 2.0);
    let y = emu(-f64::from(seal.centre_above_date) - height / 2.0);
    // Drawn over the 署名 and date, as a seal is pressed on them; a relativeHeight above the
    // text's, which has none.
    push_fmt(
        s,
        format_args!(
            r#"<w:r><w:drawing><wp:anchor xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV><wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="1" name="印章"/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{A_NS}" noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{PIC_NS}"><pic:pic xmlns:pic="{PIC_NS}"><pic:nvPicPr><pic:cNvPr id="0" name="seal.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{SEAL_ID}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"#
        ),
    );
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
            centre_above_date: 100,
            date_item: 0,
            picture: Some(Picture {
                png: std::sync::Arc::from(&b"png"[..]),
                width: 200,
                height: 100,
            }),
        };
        let mut s = String::new();
        seal_run(&mut s, &seal);
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
        seal_run(&mut none, &by_hand);
        assert!(none.is_empty());
    }
}
