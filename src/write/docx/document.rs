//! `word/document.xml`: the galley's items in order, each paragraph and run spelled out with
//! its formatting, sections where the page turns, spilled to the zip as it grows.

use std::io::Write;

use super::tables::border;
use super::{R_NS, W_NS, Writer};
use crate::layout::{Face, pt_to_half_points};
use crate::typeset::{Align, EndBlock, EndStart, Galley, Inset, Item, PageSetup, Para, Run};
use crate::write::xml::{escape, escape_into, push_fmt};

/// document.xml is spelled out in a buffer that is handed on whenever it passes this size, so
/// a table of ten thousand rows never sits in memory whole.
const SPILL_BYTES: usize = 256 * 1024;

pub(super) struct Spill<'w> {
    pub(super) buf: String,
    out: &'w mut dyn Write,
    pub(super) failed: Option<std::io::Error>,
}

impl<'w> Spill<'w> {
    fn new(out: &'w mut dyn Write) -> Self {
        Spill {
            buf: String::with_capacity(SPILL_BYTES + 64 * 1024),
            out,
            failed: None,
        }
    }

    pub(super) fn check(&mut self) {
        if self.buf.len() >= SPILL_BYTES {
            self.hand_on();
        }
    }

    /// The first write error is kept and returned by `finish`; later text is dropped.
    fn hand_on(&mut self) {
        if self.failed.is_none()
            && let Err(e) = self.out.write_all(self.buf.as_bytes())
        {
            self.failed = Some(e);
        }
        self.buf.clear();
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.hand_on();
        self.failed.map_or(Ok(()), Err)
    }
}

impl Writer<'_> {
    pub(super) fn document(&self, g: &Galley<'_>, out: &mut dyn Write) -> std::io::Result<()> {
        let mut sp = Spill::new(out);
        push_fmt(
            &mut sp.buf,
            format_args!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>"#
            ),
        );
        let mut landscape = false;
        // A blank page before the 版记 starts a section without page numbers, ended by the
        // text's last paragraph when it is one (a paragraph of its own could spill a page).
        let blank = g.blank_before_end();
        let last = g.items.len().saturating_sub(1);
        let mut ended = false;
        let mut attached = 0;
        for (i, item) in g.items.iter().enumerate() {
            match item {
                Item::Para(p) if blank && i == last && !landscape => {
                    self.para_in(&mut sp.buf, p, Some(landscape));
                    ended = true;
                }
                Item::Para(p) => self.para(&mut sp.buf, p),
                Item::JointMark(m) => self.joint_mark(&mut sp.buf, m),
                // A table stops on a failed write with an error of its own; the write's is the
                // one to report.
                Item::Table(t) => self
                    .table(&mut sp, t)
                    .map_err(|e| sp.failed.take().unwrap_or(e))?,
                Item::Inset(inset) => {
                    attached += 1;
                    self.inset(&mut sp.buf, inset, attached);
                }
                Item::Turn { landscape: next } => {
                    // A document that starts with a turn has no section before it to end.
                    if i > 0 {
                        self.section_break(&mut sp.buf, landscape);
                    }
                    landscape = *next;
                }
            }
            sp.check();
        }
        let s = &mut sp.buf;
        match &g.end_block {
            Some(end) => self.close(s, end, landscape, ended),
            None => {
                // Word wants a paragraph after a closing table; after text one would spill onto
                // a page of its own when the text fills its last page.
                if !matches!(g.items.last(), Some(Item::Para(_))) {
                    s.push_str("<w:p/>");
                }
                self.sect_pr(s, landscape, true);
            }
        }
        s.push_str("</w:body></w:document>");
        sp.finish()
    }

    /// The 版记 and the last section's set-up, after text that ends on a landscape page or
    /// not, its section `ended` already.
    fn close(&self, s: &mut String, end: &EndBlock, landscape: bool, ended: bool) {
        let blank = end.start == EndStart::AfterBlank;
        // The 版记 goes on a portrait page, like the pages it closes.
        let turn = landscape || (blank && !ended);
        if turn {
            self.section_break(s, landscape);
        }
        if landscape || blank {
            // The blank page's paragraph; after a turn, LibreOffice also keeps a floating
            // table on the previous section's last page unless the new section has a
            // paragraph of its own before it.
            s.push_str("<w:p/>");
        }
        let next_page = blank || (end.start == EndStart::NextPage && !landscape);
        self.end_block(s, end, next_page);
        self.sect_pr(s, false, !blank);
    }

    /// Attached page `n` (from 1): an empty paragraph on its page, holding its picture where
    /// the page is set, so that the pages and their numbers are the PDF's.
    fn inset(&self, s: &mut String, inset: &Inset, n: usize) {
        s.push_str("<w:p><w:pPr>");
        if inset.page_break_before {
            s.push_str("<w:pageBreakBefore/>");
        }
        push_fmt(
            s,
            format_args!(
                r#"<w:spacing w:before="0" w:after="0" w:line="{}" w:lineRule="exact"/>"#,
                self.g.defaults.line_twips
            ),
        );
        s.push_str("</w:pPr>");
        super::picture::page_run(s, inset, n, self.g.pages.of(inset.landscape));
        s.push_str("</w:p>");
    }

    pub(super) fn para(&self, s: &mut String, p: &Para) {
        self.para_in(s, p, None);
    }

    /// Paragraph `p`; with `Some(landscape)` the last of a numbered section of pages turned
    /// that way.
    fn para_in(&self, s: &mut String, p: &Para, ends: Option<bool>) {
        s.push_str("<w:p><w:pPr>");
        if p.keep_next {
            s.push_str("<w:keepNext/>");
        }
        if p.keep_lines {
            s.push_str("<w:keepLines/>");
        }
        if p.page_break_before {
            s.push_str("<w:pageBreakBefore/>");
        }
        if let Some(rule) = &p.rule_below {
            s.push_str("<w:pBdr>");
            border(s, "bottom", rule);
            s.push_str("</w:pBdr>");
        }
        if let Some(pos) = p.right_tab {
            push_fmt(
                s,
                format_args!(r#"<w:tabs><w:tab w:val="right" w:pos="{pos}"/></w:tabs>"#),
            );
        }

        push_fmt(
            s,
            format_args!(
                r#"<w:spacing w:before="{}" w:after="{}" w:line="{}" w:lineRule="exact"/>"#,
                p.space_before, p.space_after, p.line_twips
            ),
        );
        let (first, hanging) = if p.first_line >= 0 {
            (p.first_line, 0)
        } else {
            (0, -p.first_line)
        };
        push_fmt(
            s,
            format_args!(
                r#"<w:ind w:left="{}" w:right="{}""#,
                p.indent_left, p.indent_right
            ),
        );
        if hanging > 0 {
            push_fmt(s, format_args!(r#" w:hanging="{hanging}"/>"#));
        } else {
            push_fmt(s, format_args!(r#" w:firstLine="{first}"/>"#));
        }
        push_fmt(s, format_args!(r#"<w:jc w:val="{}"/>"#, jc(p.align)));
        if let Some(landscape) = ends {
            self.sect_pr(s, landscape, true);
        }
        s.push_str("</w:pPr>");
        for r in &p.runs {
            self.run(s, r);
        }
        let is_item =
            |i: usize| matches!(self.g.items.get(i), Some(Item::Para(q)) if std::ptr::eq(q, p));
        for (n, seal) in self.g.seals.iter().enumerate() {
            if is_item(seal.item) {
                super::picture::seal_run(s, seal, n);
            }
        }
        if let Some(head) = self.g.letter.as_ref().filter(|_| is_item(0)) {
            self.letter_head(s, head);
        }
        s.push_str("</w:p>");
    }

    pub(super) fn run_pr(&self, s: &mut String, r: &Run) {
        s.push_str("<w:rPr>");
        // 仿宋 in every slot is the document default (styles.xml); only other faces are named.
        if r.face != self.g.defaults.face.0 {
            self.fonts(s, r.face);
        }
        if r.bold || (r.face == Face::XiaoBiaoSong && self.f.xiaobiaosong_bold) {
            s.push_str("<w:b/><w:bCs/>");
        }
        if let Some(c) = r.color {
            push_fmt(s, format_args!(r#"<w:color w:val="{c}"/>"#));
        }
        if r.spacing_twips != 0 {
            push_fmt(
                s,
                format_args!(r#"<w:spacing w:val="{}"/>"#, r.spacing_twips),
            );
        }
        let half = pt_to_half_points(r.size_pt);
        push_fmt(
            s,
            format_args!(r#"<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>"#),
        );
        s.push_str("</w:rPr>");
    }

    pub(super) fn fonts(&self, s: &mut String, face: Face) {
        let east = escape(self.f.font(face));
        let latin = escape(self.f.latin);
        push_fmt(
            s,
            format_args!(
                r#"<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" w:cs="{latin}" w:hint="eastAsia"/>"#
            ),
        );
    }

    pub(super) fn run(&self, s: &mut String, r: &Run) {
        s.push_str("<w:r>");
        self.run_pr(s, r);
        for (i, piece) in r.text.split('\n').enumerate() {
            if i > 0 {
                s.push_str("<w:br/>");
            }
            for (j, text) in piece.split('\t').enumerate() {
                if j > 0 {
                    s.push_str("<w:tab/>");
                }
                if !text.is_empty() {
                    s.push_str(r#"<w:t xml:space="preserve">"#);
                    escape_into(s, text);
                    s.push_str("</w:t>");
                }
            }
        }
        s.push_str("</w:r>");
    }

    /// Ends a numbered section (its pages landscape or not); the next starts on a new page.
    pub(super) fn section_break(&self, s: &mut String, landscape: bool) {
        s.push_str("<w:p><w:pPr>");
        self.sect_pr(s, landscape, true);
        s.push_str("</w:pPr></w:p>");
    }

    /// A section's page set-up, as the galley resolved it, its pages `numbered` or not.
    pub(super) fn sect_pr(&self, s: &mut String, landscape: bool, numbered: bool) {
        let p: &PageSetup = self.g.pages.of(landscape);
        let orient = if p.landscape {
            r#" w:orient="landscape""#
        } else {
            ""
        };
        let [top, right, bottom, left] = p.margins;
        let footers = if numbered {
            r#"<w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>"#
        } else {
            r#"<w:footerReference w:type="default" r:id="rIdFooterNone"/><w:footerReference w:type="even" r:id="rIdFooterNone"/>"#
        };
        // A 函's first page, the first section's, has the footer without a number.
        let first = self.first_section.replace(false) && self.g.letter.is_some();
        let (first_footer, title_page) = if first {
            (
                r#"<w:footerReference w:type="first" r:id="rIdFooterNone"/>"#,
                "<w:titlePg/>",
            )
        } else {
            ("", "")
        };
        push_fmt(
            s,
            format_args!(
                r#"<w:sectPr>{footers}{first_footer}<w:pgSz w:w="{}" w:h="{}"{orient}/><w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="{}" w:footer="{}" w:gutter="0"/><w:cols w:space="{}"/>{title_page}<w:docGrid w:type="lines" w:linePitch="{}"/></w:sectPr>"#,
                p.width, p.height, p.header, p.footer, p.column_gap, p.line_pitch,
            ),
        );
    }
}

pub(super) fn jc(a: Align) -> &'static str {
    match a {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
        Align::Both => "both",
        Align::Distribute => "distribute",
    }
}
