//! Spells a typeset galley out as WordprocessingML. Elements are written in the schema's order
//! (openxml-audit checks it); every measure comes from the galley, which resolved it from
//! `layout`: this writer converts units and names fonts, and decides nothing about the page.

use std::io::{Cursor, Seek, Write};

use super::package::{Content, zip_parts};
use super::xml::{escape, escape_into, push_fmt};
use crate::layout::{Face, FontProfile, pt_to_eighths, pt_to_half_points};
use crate::typeset::{
    Align, EndBlock, Galley, Item, JointMark, Merge, PageNumber, PageSetup, Para, Rule, Run,
    TableBlock,
};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The cell margin of Word's own "Normal Table" style, twips: the style must be defined, and
/// dossier's tables set their own margins.
const WORD_CELL_MARGIN: i32 = 108;

/// Document properties stored with the file.
#[derive(Debug, Clone, Default)]
pub struct Properties {
    /// The document's title.
    pub title: String,
    /// Its author: the issuing organ, when the document has one; `dossier` otherwise.
    pub author: Option<String>,
}

/// The DOCX bytes for `galley`.
///
/// ```
/// use dossier::{layout, markup, typeset, write::docx};
/// let m = markup::parse("正文。", "t", Vec::new()).unwrap();
/// let g = typeset::typeset(&m, &layout::GBT9704).unwrap();
/// let bytes = docx::to_bytes(&g, &layout::FONT_PROFILES[0], &Default::default()).unwrap();
/// let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
/// let mut xml = String::new();
/// std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
/// assert!(xml.contains(">正文。<"));
/// assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#), "A4 portrait");
/// ```
pub fn to_bytes(
    galley: &Galley<'_>,
    fonts: &FontProfile,
    props: &Properties,
) -> std::io::Result<Vec<u8>> {
    to_writer(galley, fonts, props, Cursor::new(Vec::new())).map(Cursor::into_inner)
}

/// Writes the DOCX for `galley` into `out` and hands `out` back: a file, so that a document
/// of any length is never in memory whole. A streamed table's rows are read as they are
/// written; an error reading them is the write's error.
///
/// ```
/// use dossier::{layout, markup, typeset, write::docx};
/// let m = markup::parse("正文。", "t", Vec::new()).unwrap();
/// let g = typeset::typeset(&m, &layout::GBT9704).unwrap();
/// let file = tempfile::tempfile().unwrap();
/// let mut file = docx::to_writer(&g, &layout::FONT_PROFILES[0], &Default::default(), file).unwrap();
/// let mut written = Vec::new();
/// use std::io::{Read, Seek};
/// file.rewind().unwrap();
/// file.read_to_end(&mut written).unwrap();
/// assert_eq!(written, docx::to_bytes(&g, &layout::FONT_PROFILES[0], &Default::default()).unwrap());
/// ```
pub fn to_writer<W: Write + Seek>(
    galley: &Galley<'_>,
    fonts: &FontProfile,
    props: &Properties,
    out: W,
) -> std::io::Result<W> {
    let w = Writer {
        g: galley,
        f: fonts,
    };
    let text = Content::Text;
    let parts = vec![
        ("[Content_Types].xml", text(content_types())),
        ("_rels/.rels", text(root_rels())),
        ("docProps/core.xml", text(core_props(props))),
        (
            "word/document.xml",
            Content::Stream(Box::new(|out: &mut dyn Write| w.document(galley, out))),
        ),
        ("word/_rels/document.xml.rels", text(document_rels())),
        ("word/styles.xml", text(w.styles())),
        ("word/settings.xml", text(settings(galley))),
        ("word/fontTable.xml", text(w.font_table())),
        ("word/theme/theme1.xml", text(w.theme())),
        (
            "word/footer1.xml",
            text(w.footer(&galley.page_number, false)),
        ),
        (
            "word/footer2.xml",
            text(w.footer(&galley.page_number, true)),
        ),
    ];
    zip_parts(parts, out)
}

/// document.xml is spelled out in a buffer that is handed on whenever it passes this size, so
/// a table of ten thousand rows never sits in memory whole.
const SPILL_BYTES: usize = 256 * 1024;

struct Spill<'w> {
    buf: String,
    out: &'w mut dyn Write,
    failed: Option<std::io::Error>,
}

impl<'w> Spill<'w> {
    fn new(out: &'w mut dyn Write) -> Self {
        Spill {
            buf: String::with_capacity(SPILL_BYTES + 64 * 1024),
            out,
            failed: None,
        }
    }

    fn check(&mut self) {
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

struct Writer<'a> {
    g: &'a Galley<'a>,
    f: &'a FontProfile,
}

impl Writer<'_> {
    fn document(&self, g: &Galley<'_>, out: &mut dyn Write) -> std::io::Result<()> {
        let mut sp = Spill::new(out);
        push_fmt(
            &mut sp.buf,
            format_args!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>"#
            ),
        );
        let mut landscape = false;
        for (i, item) in g.items.iter().enumerate() {
            match item {
                Item::Para(p) => self.para(&mut sp.buf, p),
                Item::JointMark(m) => self.joint_mark(&mut sp.buf, m),
                // A table stops on a failed write with an error of its own; the write's is the
                // one to report.
                Item::Table(t) => self
                    .table(&mut sp, t)
                    .map_err(|e| sp.failed.take().unwrap_or(e))?,
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
            Some(end) => {
                // The 版记 goes on a portrait page, like the pages it closes.
                if landscape {
                    self.section_break(s, true);
                    landscape = false;
                    // LibreOffice keeps a floating table on the previous section's last page
                    // unless the new section has a paragraph of its own before it.
                    s.push_str("<w:p/>");
                }
                self.end_block(s, end);
            }
            None => s.push_str("<w:p/>"),
        }
        self.sect_pr(s, landscape);
        s.push_str("</w:body></w:document>");
        sp.finish()
    }

    fn para(&self, s: &mut String, p: &Para) {
        s.push_str("<w:p><w:pPr>");
        if p.keep_next {
            s.push_str("<w:keepNext/>");
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
        s.push_str("</w:pPr>");
        for r in &p.runs {
            self.run(s, r);
        }
        s.push_str("</w:p>");
    }

    fn run_pr(&self, s: &mut String, r: &Run) {
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

    fn fonts(&self, s: &mut String, face: Face) {
        let east = escape(self.f.font(face));
        let latin = escape(self.f.latin);
        push_fmt(
            s,
            format_args!(
                r#"<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" w:cs="{latin}" w:hint="eastAsia"/>"#
            ),
        );
    }

    fn run(&self, s: &mut String, r: &Run) {
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

    /// A borderless two-column table: the organs' names stacked left, the suffix right.
    fn joint_mark(&self, s: &mut String, m: &JointMark) {
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
    fn end_block(&self, s: &mut String, e: &EndBlock) {
        let (width, left) = (e.width, e.left);
        push_fmt(
            s,
            format_args!(
                r#"<w:tbl><w:tblPr><w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="{left}" w:tblpYSpec="bottom"/><w:tblW w:w="{width}" w:type="dxa"/><w:tblBorders>"#
            ),
        );
        border(s, "top", &e.thick);
        border(s, "bottom", &e.thick);
        border(s, "insideH", &e.thin);
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
                r#"<w:p><w:pPr><w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{}" w:lineRule="exact"/></w:pPr></w:p>"#,
                e.anchor_twips
            ),
        );
    }

    /// Ends a section (its pages landscape or not); the next starts on a new page.
    fn section_break(&self, s: &mut String, landscape: bool) {
        s.push_str("<w:p><w:pPr>");
        self.sect_pr(s, landscape);
        s.push_str("</w:pPr></w:p>");
    }

    /// A section's page set-up, as the galley resolved it.
    fn sect_pr(&self, s: &mut String, landscape: bool) {
        let p: &PageSetup = self.g.pages.of(landscape);
        let orient = if p.landscape {
            r#" w:orient="landscape""#
        } else {
            ""
        };
        let [top, right, bottom, left] = p.margins;
        push_fmt(
            s,
            format_args!(
                r#"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/><w:pgSz w:w="{}" w:h="{}"{orient}/><w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="{}" w:footer="{}" w:gutter="0"/><w:cols w:space="{}"/><w:docGrid w:type="lines" w:linePitch="{}"/></w:sectPr>"#,
                p.width, p.height, p.header, p.footer, p.column_gap, p.line_pitch,
            ),
        );
    }

    /// A task table: header row repeated on every page, rows kept whole, cells merged down.
    fn table(&self, sp: &mut Spill, t: &TableBlock<'_>) -> std::io::Result<()> {
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

    fn cell(&self, s: &mut String, p: &Para, width: i32, merge: Merge) {
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

    /// A footer with the page number: on odd pages right, on even pages left, `side` in from
    /// the outer edge.
    fn footer(&self, n: &PageNumber, even: bool) -> String {
        let side = n.side;
        let (jc, ind) = if even {
            ("left", format!(r#"w:left="{side}" w:right="0""#))
        } else {
            ("right", format!(r#"w:left="0" w:right="{side}""#))
        };
        let mut rpr = String::new();
        self.run_pr(&mut rpr, &n.run);
        let dash = escape(n.dash);
        let line = n.line;
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/><w:ind {ind}/><w:jc w:val="{jc}"/></w:pPr><w:r>{rpr}<w:t xml:space="preserve">{dash} </w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{rpr}<w:t>1</w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r><w:r>{rpr}<w:t xml:space="preserve"> {dash}</w:t></w:r></w:p></w:ftr>"#
        )
    }

    fn styles(&self) -> String {
        let d = &self.g.defaults;
        let mut rpr = String::new();
        self.fonts(&mut rpr, d.face.0);
        let half = pt_to_half_points(d.size_pt);
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>{rpr}<w:kern w:val="0"/><w:sz w:val="{half}"/><w:szCs w:val="{half}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:kinsoku/><w:overflowPunct/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{}" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{WORD_CELL_MARGIN}" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="{WORD_CELL_MARGIN}" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#,
            d.line_twips
        )
    }

    /// The theme Word requires; its fonts are the profile's, so theme-font lookups agree with
    /// the direct formatting.
    fn theme(&self) -> String {
        let latin = escape(self.f.latin);
        let body = escape(self.f.fangsong);
        let head = escape(self.f.hei);
        let solid = |c: &str| format!(r#"<a:solidFill><a:srgbClr val="{c}"/></a:solidFill>"#);
        let fills = solid("FFFFFF").repeat(3);
        let lines = format!(r#"<a:ln w="6350">{}</a:ln>"#, solid("000000")).repeat(3);
        let effects = "<a:effectStyle><a:effectLst/></a:effectStyle>".repeat(3);
        let colors = [
            ("dk1", "000000"),
            ("lt1", "FFFFFF"),
            ("dk2", "44546A"),
            ("lt2", "E7E6E6"),
            ("accent1", "4472C4"),
            ("accent2", "ED7D31"),
            ("accent3", "A5A5A5"),
            ("accent4", "FFC000"),
            ("accent5", "5B9BD5"),
            ("accent6", "70AD47"),
            ("hlink", "0563C1"),
            ("folHlink", "954F72"),
        ]
        .iter()
        .map(|(name, c)| format!(r#"<a:{name}><a:srgbClr val="{c}"/></a:{name}>"#))
        .collect::<String>();
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="dossier"><a:themeElements><a:clrScheme name="dossier">{colors}</a:clrScheme><a:fontScheme name="dossier"><a:majorFont><a:latin typeface="{latin}"/><a:ea typeface="{head}"/><a:cs typeface="{latin}"/></a:majorFont><a:minorFont><a:latin typeface="{latin}"/><a:ea typeface="{body}"/><a:cs typeface="{latin}"/></a:minorFont></a:fontScheme><a:fmtScheme name="dossier"><a:fillStyleLst>{fills}</a:fillStyleLst><a:lnStyleLst>{lines}</a:lnStyleLst><a:effectStyleLst>{effects}</a:effectStyleLst><a:bgFillStyleLst>{fills}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"#
        )
    }

    fn font_table(&self) -> String {
        let mut names: Vec<&str> = [
            Face::FangSong,
            Face::Hei,
            Face::Kai,
            Face::XiaoBiaoSong,
            Face::Song,
        ]
        .iter()
        .map(|f| self.f.font(*f))
        .collect();
        names.push(self.f.latin);
        names.sort_unstable();
        names.dedup();
        let mut s = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="{W_NS}">"#
        );
        for name in names {
            let charset = if name.is_ascii() { "00" } else { "86" };
            push_fmt(
                &mut s,
                format_args!(
                    r#"<w:font w:name="{}"><w:charset w:val="{charset}"/></w:font>"#,
                    escape(name)
                ),
            );
        }
        s.push_str("</w:fonts>");
        s
    }
}

fn jc(a: Align) -> &'static str {
    match a {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
        Align::Both => "both",
        Align::Distribute => "distribute",
    }
}

/// A border element: width in eighths of a point, space in points.
fn border(s: &mut String, side: &str, r: &Rule) {
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

fn content_types() -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="{main}.styles+xml"/><Override PartName="/word/settings.xml" ContentType="{main}.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="{main}.fontTable+xml"/><Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/word/footer1.xml" ContentType="{main}.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="{main}.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#
    )
}

fn root_rels() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" Type="{REL_DOC}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#
    )
}

fn document_rels() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{REL_NS}"><Relationship Id="rIdStyles" Type="{REL_DOC}/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="{REL_DOC}/settings" Target="settings.xml"/><Relationship Id="rIdFonts" Type="{REL_DOC}/fontTable" Target="fontTable.xml"/><Relationship Id="rIdTheme" Type="{REL_DOC}/theme" Target="theme/theme1.xml"/><Relationship Id="rIdFooterOdd" Type="{REL_DOC}/footer" Target="footer1.xml"/><Relationship Id="rIdFooterEven" Type="{REL_DOC}/footer" Target="footer2.xml"/></Relationships>"#
    )
}

fn core_props(p: &Properties) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>{}</dc:creator></cp:coreProperties>"#,
        escape(&p.title),
        escape(p.author.as_deref().unwrap_or("dossier"))
    )
}

fn settings(g: &Galley<'_>) -> String {
    let tab = g.defaults.tab_twips;
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="{tab}"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#
    )
}
