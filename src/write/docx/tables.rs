//! Tables in `word/document.xml`: the joint organ mark, the 版记 floated to the page's foot,
//! and task tables with their header repeated, rows kept whole and cells merged down.

use super::Writer;
use super::document::Spill;
use crate::layout::pt_to_eighths;
use crate::typeset::{EndBlock, JointMark, Merge, Para, Rule, TableBlock};
use crate::write::xml::push_fmt;

impl Writer<'_> {
    /// A borderless two-column table: the organs' names stacked left, the suffix right.
    pub(super) fn joint_mark(&self, s: &mut String, m: &JointMark) {
        // A table cannot carry space before, so an empty exact-height paragraph holds it.
        let mut spacer = m.suffix.clone();
        spacer.runs.clear();
        spacer.line_twips = m.space_before.max(1);
        self.para(s, &spacer);
        let width = m.width;
        let rest = width - m.names_width;
        push_fmt(
            s,
            format_args!(
                r#"<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="{}"/><w:gridCol w:w="{rest}"/></w:tblGrid><w:tr>"#,
                m.names_width
            ),
        );
        push_fmt(
            s,
            format_args!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>"#,
                m.names_width
            ),
        );
        for p in &m.names {
            self.para(s, p);
        }
        push_fmt(
            s,
            format_args!(
                r#"</w:tc><w:tc><w:tcPr><w:tcW w:w="{rest}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>"#
            ),
        );
        self.para(s, &m.suffix);
        s.push_str("</w:tc></w:tr></w:tbl>");
    }

    /// The 版记 as a table floated to the foot of the text area of the page it falls on.
    /// LibreOffice floats a full-width table only when it is placed relative to the page, so
    /// the table sits at the left margin by page position.
    /// With `next_page` it goes to the foot of the next page: its anchor starts one.
    pub(super) fn end_block(&self, s: &mut String, e: &EndBlock, next_page: bool) {
        let (width, left) = (e.width, e.left);
        push_fmt(
            s,
            format_args!(
                r#"<w:tbl><w:tblPr><w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="{left}" w:tblpYSpec="bottom"/><w:tblW w:w="{width}" w:type="dxa"/><w:tblBorders>"#
            ),
        );
        if e.ruled {
            border(s, "top", &e.thick);
            border(s, "bottom", &e.thick);
            border(s, "insideH", &e.thin);
        }
        push_fmt(
            s,
            format_args!(
                r#"</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>"#
            ),
        );
        for row in &e.rows {
            // Exact row heights keep the rows on the body grid, borders included.
            push_fmt(
                s,
                format_args!(
                    r#"<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{}" w:hRule="exact"/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>"#,
                    row.para.line_twips * row.lines as i32
                ),
            );
            self.para(s, &row.para);
            s.push_str("</w:tc></w:tr>");
        }
        s.push_str("</w:tbl>");
        push_fmt(
            s,
            format_args!(
                r#"<w:p><w:pPr>{}<w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{}" w:lineRule="exact"/></w:pPr></w:p>"#,
                if next_page {
                    "<w:pageBreakBefore/>"
                } else {
                    ""
                },
                e.anchor_twips
            ),
        );
    }

    /// A task table: header row repeated on every page, rows kept whole, cells merged down.
    pub(super) fn table(&self, sp: &mut Spill, t: &TableBlock<'_>) -> std::io::Result<()> {
        let s = &mut sp.buf;
        let width: i32 = t.widths.iter().sum();
        let rule = t.rule;
        push_fmt(
            s,
            format_args!(
                r#"<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>"#
            ),
        );
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            border(s, side, &rule);
        }
        push_fmt(
            s,
            format_args!(
                r#"</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{m}" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>"#,
                m = t.cell_margin
            ),
        );
        for w in &t.widths {
            push_fmt(s, format_args!(r#"<w:gridCol w:w="{w}"/>"#));
        }
        s.push_str("</w:tblGrid>");
        s.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for (p, w) in t.header.iter().zip(&t.widths) {
            self.cell(s, p, *w, Merge::None);
        }
        s.push_str("</w:tr>");
        t.rows.each(&mut |row| {
            let s = &mut sp.buf;
            s.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for ((c, w), style) in row.iter().zip(&t.widths).zip(&t.body) {
                self.cell(s, &c.para(style), *w, c.merge);
            }
            s.push_str("</w:tr>");
            sp.check();
            // Once a write has failed, the rest of a streamed table need not be read.
            match sp.failed {
                Some(_) => Err(std::io::Error::other("写入 document.xml 失败")),
                None => Ok(()),
            }
        })?;
        sp.buf.push_str("</w:tbl>");
        Ok(())
    }

    pub(super) fn cell(&self, s: &mut String, p: &Para, width: i32, merge: Merge) {
        push_fmt(
            s,
            format_args!(r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#),
        );
        match merge {
            Merge::None => {}
            Merge::Start => s.push_str(r#"<w:vMerge w:val="restart"/>"#),
            Merge::Continue => s.push_str("<w:vMerge/>"),
        }
        s.push_str(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
        self.para(s, p);
        s.push_str("</w:tc>");
    }
}

/// A border element: width in eighths of a point, space in points.
pub(super) fn border(s: &mut String, side: &str, r: &Rule) {
    let sz = pt_to_eighths(r.width_pt);
    let space = r.space_pt.round().max(0.0) as i32;
    push_fmt(
        s,
        format_args!(
            r#"<w:{side} w:val="single" w:sz="{sz}" w:space="{space}" w:color="{}"/>"#,
            r.color
        ),
    );
}
