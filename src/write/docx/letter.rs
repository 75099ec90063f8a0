//! A 函's 版头 in WordprocessingML: the organ mark in a text box and the red double lines as
//! line shapes, all anchored to the first page where dossier's layout puts them, floating
//! outside the text's flow (no wrapping), so that the text is laid out as without them.

use super::Writer;
use crate::layout::{TWIPS_PER_PT, twips_to_pt};
use crate::typeset::LetterHead;
use crate::write::xml::push_fmt;

const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const WPS_NS: &str = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape";
const WP_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const A_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";

/// English Metric Units in a point.
const EMU_PER_PT: f64 = 12_700.0;

fn emu(pt: f64) -> i64 {
    (pt * EMU_PER_PT).round() as i64
}

impl Writer<'_> {
    /// Runs anchoring `head` on the page of the paragraph they are in: the first.
    pub(super) fn letter_head(&self, s: &mut String, head: &LetterHead) {
        let setup = self.g.pages.of(false);
        let width = twips_to_pt(setup.width - setup.margins[1] - setup.margins[3]);
        let left = twips_to_pt(setup.margins[3]);
        let top = f64::from(head.mark_top) / TWIPS_PER_PT;
        let height = twips_to_pt(head.mark.line_twips);
        let mut inside = String::new();
        self.para(&mut inside, &head.mark);
        let mark = format!(
            r#"<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{}" cy="{}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx><w:txbxContent>{inside}</w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp>"#,
            emu(width),
            emu(height)
        );
        anchored(s, 1, "发文机关标志", (left, top), (width, height), &mark);
        let (x, length) = head.rule_span;
        for (k, &(y, thickness)) in head.rules.iter().enumerate() {
            let line = format!(
                r#"<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{}" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="{}"><a:solidFill><a:srgbClr val="{}"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>"#,
                emu(length),
                emu(thickness),
                head.color
            );
            anchored(s, 2 + k, "红色双线", (x, y), (length, 0.0), &line);
        }
    }
}

/// A run holding the shape `wsp`, its box at `at` (pt from the page's top left corner) and
/// `size` pt, floating in front of the text without moving it.
fn anchored(s: &mut String, id: usize, name: &str, at: (f64, f64), size: (f64, f64), wsp: &str) {
    let ((x, y), (cx, cy)) = ((emu(at.0), emu(at.1)), (emu(size.0), emu(size.1)));
    push_fmt(
        s,
        format_args!(
            r#"<w:r><mc:AlternateContent xmlns:mc="{MC_NS}" xmlns:wps="{WPS_NS}"><mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{}" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV><wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="{}" name="{name}"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{WPS_NS}">{wsp}</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>"#,
            251_659_264 + id,
            100 + id
        ),
    );
}
