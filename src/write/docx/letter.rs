//! A 函's 版头 in WordprocessingML: the organ mark in a text box and the red double lines as
//! line shapes, all anchored to the first page where dossier's layout puts them, floating
//! outside the text's flow (no wrapping), so that the text is laid out as without them.

use super::Writer;
use super::drawing::{Frame, anchor, emu};
use crate::layout::twips_to_pt;
use crate::typeset::LetterHead;
use crate::write::xml::push_fmt;

const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const WPS_NS: &str = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape";

impl Writer<'_> {
    /// Runs anchoring `head` on the page of the paragraph they are in: the first.
    pub(super) fn letter_head(&self, s: &mut String, head: &LetterHead) {
        let setup = self.g.pages.of(false);
        let width = twips_to_pt(setup.width - setup.margins[1] - setup.margins[3]);
        let left = twips_to_pt(setup.margins[3]);
        let top = twips_to_pt(head.mark_top);
        let height = twips_to_pt(head.mark.line_twips);
        let mut inside = String::new();
        self.para(&mut inside, &head.mark);
        let mark = format!(
            r#"<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{}" cy="{}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx><w:txbxContent>{inside}</w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp>"#,
            emu(width),
            emu(height)
        );
        let at = |x, y, width, height, id, name| Frame {
            x,
            y,
            from_paragraph: false,
            width,
            height,
            id,
            name,
        };
        anchored(s, &at(left, top, width, height, 101, "发文机关标志"), &mark);
        let (x, length) = head.rule_span;
        for (k, &(y, thickness)) in head.rules.iter().enumerate() {
            let line = format!(
                r#"<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{}" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="{}"><a:solidFill><a:srgbClr val="{}"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>"#,
                emu(length),
                emu(thickness),
                head.color
            );
            anchored(s, &at(x, y, length, 0.0, 102 + k, "红色双线"), &line);
        }
    }
}

/// A run holding the shape `wsp`, placed by `frame` on the page: as Word writes a shape,
/// for readers that know Word 2010's shapes.
fn anchored(s: &mut String, frame: &Frame<'_>, wsp: &str) {
    push_fmt(
        s,
        format_args!(
            r#"<w:r><mc:AlternateContent xmlns:mc="{MC_NS}" xmlns:wps="{WPS_NS}"><mc:Choice Requires="wps"><w:drawing>"#
        ),
    );
    anchor(s, frame, WPS_NS, wsp);
    s.push_str("</w:drawing></mc:Choice></mc:AlternateContent></w:r>");
}
