//! A DrawingML object anchored to the page, in front of the text and not wrapping it: the
//! frame the seal's picture and a 函's mark and lines sit in.

use crate::write::xml::push_fmt;

const A_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const WP_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

/// English Metric Units in a point.
const EMU_PER_PT: f64 = 12_700.0;

/// Points in English Metric Units.
pub(super) fn emu(pt: f64) -> i64 {
    (pt * EMU_PER_PT).round() as i64
}

/// Where an anchored object goes and what it is called.
pub(super) struct Frame<'a> {
    /// Its box's left edge from the page's left edge, pt.
    pub x: f64,
    /// Its top from the page's top edge, or with `from_paragraph` from the top of the
    /// paragraph it is anchored in (so that it follows that paragraph), pt.
    pub y: f64,
    pub from_paragraph: bool,
    /// Its size, pt.
    pub width: f64,
    pub height: f64,
    /// Unique in the document.
    pub id: usize,
    pub name: &'a str,
}

/// `<wp:anchor>` placing `f`, its graphic data of type `uri` being `content`; drawn over the
/// text (a relative height above the text's, which has none).
pub(super) fn anchor(s: &mut String, f: &Frame<'_>, uri: &str, content: &str) {
    let (x, y, cx, cy) = (emu(f.x), emu(f.y), emu(f.width), emu(f.height));
    let from = if f.from_paragraph {
        "paragraph"
    } else {
        "page"
    };
    push_fmt(
        s,
        format_args!(
            r#"<wp:anchor xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{}" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH><wp:positionV relativeFrom="{from}"><wp:posOffset>{y}</wp:posOffset></wp:positionV><wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="{}" name="{}"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{uri}">{content}</a:graphicData></a:graphic></wp:anchor>"#,
            251_659_264 + f.id,
            f.id,
            f.name
        ),
    );
}
