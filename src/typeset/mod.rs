//! Typesetting: places the markup's blocks on the GB/T 9704 page. Every distance comes from
//! `layout`; the result (a galley of paragraphs, the organ-mark table and the 版记) says exactly
//! what each paragraph looks like, and the DOCX writer only spells it out.

mod table;
mod title;

pub use table::{Merge, Rows, StreamedRows, TableBlock, TableCell, shown};

use crate::error::{Error, Result};
use crate::layout::{Face, Layout, mm_to_twips, pt_to_twips};
use crate::markup::{self, Block, Inline, Style, Tag};
use crate::model::TableSource;
use crate::text;

/// Horizontal alignment of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left, ragged right.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Justified (the last line flush left).
    Both,
    /// Spread evenly over the whole line, the last line too.
    Distribute,
}

/// A line drawn along a paragraph's or cell's edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Thickness, pt.
    pub width_pt: f64,
    /// RRGGBB.
    pub color: &'static str,
    /// Gap between the text and the line, pt.
    pub space_pt: f64,
}

/// A run of text in one face and size.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The text; `\n` is a line break.
    pub text: String,
    /// The face.
    pub face: Face,
    /// Size, pt.
    pub size_pt: f64,
    /// Bold.
    pub bold: bool,
    /// RRGGBB, or `None` for black.
    pub color: Option<&'static str>,
    /// Extra spacing between characters, twips (negative tightens).
    pub spacing_twips: i32,
}

/// A paragraph with its full formatting.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// Alignment.
    pub align: Align,
    /// Left indent, twips.
    pub indent_left: i32,
    /// Right indent, twips.
    pub indent_right: i32,
    /// First-line indent relative to the left indent, twips; negative hangs.
    pub first_line: i32,
    /// Exact line height, twips.
    pub line_twips: i32,
    /// Space before, twips.
    pub space_before: i32,
    /// Space after, twips.
    pub space_after: i32,
    /// Starts a new page.
    pub page_break_before: bool,
    /// Stays on the page of the next paragraph.
    pub keep_next: bool,
    /// A line under the paragraph.
    pub rule_below: Option<Rule>,
    /// A right-aligned tab stop, twips from the left margin; a `\t` in the text jumps to it.
    pub right_tab: Option<i32>,
    /// The text.
    pub runs: Vec<Run>,
}

/// The organ mark of a joint document: the organs' names stacked, the suffix to their right.
#[derive(Debug, Clone, PartialEq)]
pub struct JointMark {
    /// Space above, twips.
    pub space_before: i32,
    /// Width of the names column, twips; the suffix takes the rest of the text width.
    pub names_width: i32,
    /// One paragraph per organ.
    pub names: Vec<Para>,
    /// The suffix, centred vertically against the names.
    pub suffix: Para,
}

/// The 版记: its rows, between thick outer and thin inner lines, at the foot of the last page.
#[derive(Debug, Clone, PartialEq)]
pub struct EndBlock {
    /// Its rows: 抄送, then 印发机关 and 印发日期 on one line.
    pub rows: Vec<EndRow>,
    /// Outer lines.
    pub thick: Rule,
    /// Lines between rows.
    pub thin: Rule,
}

/// A row of the 版记 and how many lines it takes.
#[derive(Debug, Clone, PartialEq)]
pub struct EndRow {
    /// The row's text.
    pub para: Para,
    /// Lines it wraps to; the row is exactly this many body lines high.
    pub lines: u32,
}

/// A unit of the galley; a streamed table's rows are borrowed from their source (`'a`).
#[derive(Debug, Clone, PartialEq)]
pub enum Item<'a> {
    /// A paragraph.
    Para(Para),
    /// A joint organ mark.
    JointMark(JointMark),
    /// A task table.
    Table(TableBlock<'a>),
    /// A new page in the other orientation: what follows is on landscape pages, or back on
    /// portrait ones.
    Turn {
        /// Landscape from here.
        landscape: bool,
    },
}

/// The typeset document.
#[derive(Debug, Clone, PartialEq)]
pub struct Galley<'a> {
    /// Everything in reading order.
    pub items: Vec<Item<'a>>,
    /// The 版记, if the document has one.
    pub end_block: Option<EndBlock>,
}

/// Typesets markup blocks on the page `layout` describes.
///
/// ```
/// let blocks = dossier::markup::parse("@h1 一、指导思想\n正文。", "t").unwrap();
/// let g = dossier::typeset::typeset(&blocks, &dossier::layout::GBT9704, &[]).unwrap();
/// assert_eq!(g.items.len(), 2);
/// ```
pub fn typeset<'a>(
    blocks: &[Block],
    layout: &Layout,
    tables: &[TableSource<'a>],
) -> Result<Galley<'a>> {
    let mut setter = Setter::new(layout);
    setter.tables = tables;
    setter.run(blocks)
}

/// The galley borrows only the streamed tables' sources (`'a`), not the layout or the slice
/// of tables (`'s`), which callers build in place.
struct Setter<'s, 'a> {
    l: &'s Layout,
    tables: &'s [TableSource<'a>],
    /// The pages are landscape since the last table.
    landscape: bool,
    /// Where the current attached document starts in `items`.
    doc_start: usize,
    items: Vec<Item<'a>>,
    header: Header,
    header_done: bool,
    /// Space owed before the next paragraph, twips (blank lines the standard asks for).
    pending_space: i32,
    /// The next paragraph starts a new page.
    pending_break: bool,
    attach_count: usize,
    signature: Vec<String>,
    date: Option<String>,
    end_rows: Vec<EndRow>,
    printer: Option<String>,
}

#[derive(Default)]
struct Header {
    copy_no: Option<String>,
    secrecy: Option<String>,
    urgency: Option<String>,
    marks: Vec<String>,
    suffix: String,
    doc_no: Option<String>,
    signers: Vec<String>,
}

impl Header {
    fn is_empty(&self) -> bool {
        self.marks.is_empty() && self.doc_no.is_none() && self.copy_no.is_none()
    }
}

impl<'s, 'a> Setter<'s, 'a> {
    fn new(l: &'s Layout) -> Self {
        Setter {
            l,
            tables: &[],
            landscape: false,
            doc_start: 0,
            items: Vec::new(),
            header: Header::default(),
            header_done: false,
            pending_space: 0,
            pending_break: false,
            attach_count: 0,
            signature: Vec::new(),
            date: None,
            end_rows: Vec::new(),
            printer: None,
        }
    }

    fn run(mut self, blocks: &[Block]) -> Result<Galley<'a>> {
        let attach_total = blocks.iter().filter(|b| b.tag == Tag::Attach).count();
        for b in blocks {
            match b.tag {
                Tag::CopyNo => self.header.copy_no = Some(b.text()),
                Tag::Secrecy => self.header.secrecy = Some(b.text()),
                Tag::Urgency => self.header.urgency = Some(b.text()),
                Tag::Mark => self.header.marks.push(b.text()),
                Tag::MarkSuffix => self.header.suffix = b.text(),
                Tag::DocNo => self.header.doc_no = Some(b.text()),
                Tag::Signer => self.header.signers.push(b.text()),
                Tag::Sign => self.signature.push(b.text()),
                Tag::Date => self.date = Some(b.text()),
                Tag::Cc => {
                    let p = self.end_para(b.text());
                    self.end_rows.push(p);
                }
                Tag::Printer => self.printer = Some(b.text()),
                Tag::PrintDate => {
                    let printer = self.printer.take().unwrap_or_default();
                    let p = self.end_para(format!("{printer}\t{}", b.text()));
                    self.end_rows.push(p);
                }
                _ => self.block(b, attach_total)?,
            }
        }
        self.flush_header();
        self.flush_signature();
        if let Some(name) = self.printer.take() {
            let p = self.end_para(name);
            self.end_rows.push(p);
        }
        let l = self.l;
        let end_block = (!self.end_rows.is_empty()).then(|| EndBlock {
            rows: std::mem::take(&mut self.end_rows),
            thick: Rule {
                width_pt: mm_to_pt(l.end_block_thick_mm),
                color: "000000",
                space_pt: 0.0,
            },
            thin: Rule {
                width_pt: mm_to_pt(l.end_block_thin_mm),
                color: "000000",
                space_pt: 0.0,
            },
        });
        Ok(Galley {
            items: self.items,
            end_block,
        })
    }

    /// A paragraph on the body grid with nothing set but its runs.
    fn para(&self, runs: Vec<Run>) -> Para {
        Para {
            align: Align::Both,
            indent_left: 0,
            indent_right: 0,
            first_line: 0,
            line_twips: self.l.line_pitch_twips,
            space_before: 0,
            space_after: 0,
            page_break_before: false,
            keep_next: false,
            rule_below: None,
            right_tab: None,
            runs,
        }
    }

    fn run_of(&self, text: impl Into<String>, face: Face, size_pt: f64) -> Run {
        Run {
            text: text.into(),
            face,
            size_pt,
            bold: false,
            color: None,
            spacing_twips: self.l.char_spacing_twips,
        }
    }

    fn body_run(&self, text: impl Into<String>) -> Run {
        self.run_of(text, Face::FangSong, self.l.body_pt)
    }

    /// Runs for styled inline content in the body size.
    fn runs(&self, inlines: &[Inline], base: Face, base_bold: bool) -> Vec<Run> {
        let mut out = Vec::new();
        for i in inlines {
            match i {
                Inline::Text(t, style) => {
                    let (face, bold) = match style {
                        Style::Plain => (base, base_bold),
                        Style::Heading(level) => heading_face(*level),
                        Style::Bold => (base, true),
                    };
                    let mut r = self.run_of(t.clone(), face, self.l.body_pt);
                    r.bold = bold;
                    out.push(r);
                }
                Inline::Break => out.push(self.body_run("\n")),
            }
        }
        out
    }

    fn push(&mut self, mut p: Para) {
        p.space_before += std::mem::take(&mut self.pending_space);
        if std::mem::take(&mut self.pending_break) {
            p.space_before = 0;
            if std::mem::take(&mut self.landscape) {
                self.items.push(Item::Turn { landscape: false });
            } else {
                // The first page needs no break before it.
                p.page_break_before = !self.items.is_empty();
            }
        }
        self.items.push(Item::Para(p));
    }

    fn block(&mut self, b: &Block, attach_total: usize) -> Result<()> {
        if b.tag != Tag::Attach {
            self.flush_signature();
        }
        self.flush_header();
        let l = self.l;
        let indent = l.body_chars(l.first_line_indent_chars);
        match b.tag {
            Tag::Title => {
                let lines = title::split_title(&b.text(), l.title_max_chars);
                let mut p = self.para(self.title_runs(&lines));
                p.align = Align::Center;
                self.push(p);
                self.pending_space = l.line_pitch_twips;
            }
            Tag::To => {
                let mut p = self.para(self.runs(&b.content, Face::FangSong, false));
                p.align = Align::Left;
                self.push(p);
            }
            Tag::Para => {
                let mut p = self.para(self.runs(&b.content, Face::FangSong, false));
                p.first_line = indent;
                self.push(p);
            }
            Tag::Heading(level) => {
                let (face, bold) = heading_face(level);
                let mut p = self.para(self.runs(&b.content, face, bold));
                p.first_line = indent;
                p.keep_next = true;
                self.push(p);
            }
            Tag::Hang => {
                let label_chars = f64::from(text::width::text_width_em(&markup::plain(&b.label)));
                let mut runs = self.runs(&b.label, Face::FangSong, false);
                runs.extend(self.runs(&b.content, Face::FangSong, false));
                let mut p = self.para(runs);
                p.align = Align::Left;
                p.indent_left = indent + l.body_chars(label_chars);
                p.first_line = -l.body_chars(label_chars);
                // A roster stays on one page.
                if matches!(self.items.last(), Some(Item::Para(prev)) if prev.first_line < 0 && prev.indent_left > indent)
                {
                    self.keep_previous_with_next();
                }
                self.push(p);
            }
            Tag::Attach => {
                self.attach_count += 1;
                let n = self.attach_count;
                let lead = "附件：";
                let number = if attach_total > 1 {
                    format!("{n}.")
                } else {
                    String::new()
                };
                let text = if n == 1 {
                    format!("{lead}{number}{}", b.text())
                } else {
                    format!("{number}{}", b.text())
                };
                let hang = f64::from(text::width::text_width_em(&number))
                    + if n == 1 {
                        f64::from(text::width::text_width_em(lead))
                    } else {
                        0.0
                    };
                let mut p = self.para(vec![self.body_run(text)]);
                p.align = Align::Left;
                p.indent_left = indent
                    + l.body_chars(
                        f64::from(text::width::text_width_em(lead))
                            + f64::from(text::width::text_width_em(&number)),
                    );
                p.first_line = -l.body_chars(hang);
                p.keep_next = true;
                if n == 1 {
                    self.keep_previous_with_next();
                    self.pending_space += l.line_pitch_twips;
                }
                self.push(p);
            }
            Tag::Note => {
                let mut p = self.para(self.runs(&b.content, Face::FangSong, false));
                p.first_line = indent;
                self.push(p);
            }
            Tag::AttLabel => {
                let mut p = self.para(self.runs(&b.content, Face::Hei, false));
                p.align = Align::Left;
                self.pending_break = true;
                self.doc_start = self.items.len();
                self.push(p);
                self.pending_space = l.line_pitch_twips;
            }
            Tag::AttTitle => {
                let after_label = self.pending_space > 0;
                if !after_label {
                    self.pending_break = true;
                    self.doc_start = self.items.len();
                }
                let lines = title::split_title(&b.text(), l.title_max_chars);
                let mut p = self.para(self.title_runs(&lines));
                p.align = Align::Center;
                self.push(p);
                self.pending_space = l.line_pitch_twips;
            }
            Tag::Table => {
                let text = b.text();
                let n: usize = text.trim().parse().unwrap_or(0);
                let Some(t) = self.tables.get(n).copied() else {
                    return Err(Error::at(
                        format!("模板输出第 {} 行", b.line),
                        format!(
                            "@table {n}：没有第 {n} 张表（共 {} 张，从 0 数起）",
                            self.tables.len()
                        ),
                    ));
                };
                // Label and title at most: the table opens its document.
                let opens = self.items.len() - self.doc_start <= 2;
                let block = self.table(t, opens).map_err(|e| {
                    Error::at(
                        format!("模板输出第 {} 行", b.line),
                        format!("@table {n}：读取表格的行失败：{e}"),
                    )
                })?;
                if block.landscape && !self.landscape {
                    // The attachment's own page break becomes the turn to landscape.
                    let start = self.doc_start;
                    if let Some(Item::Para(p)) = self.items.get_mut(start) {
                        p.page_break_before = false;
                    }
                    self.items.insert(start, Item::Turn { landscape: true });
                    self.landscape = true;
                }
                self.pending_space = 0;
                self.items.push(Item::Table(block));
            }
            other => {
                return Err(Error::at(
                    format!("模板输出第 {} 行", b.line),
                    format!("标记 {other:?} 不能出现在这里"),
                ));
            }
        }
        Ok(())
    }

    fn title_runs(&self, lines: &[String]) -> Vec<Run> {
        let l = self.l;
        let mut runs = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                runs.push(self.run_of("\n", Face::XiaoBiaoSong, l.title_pt));
            }
            let mut r = self.run_of(line.clone(), Face::XiaoBiaoSong, l.title_pt);
            r.spacing_twips = 0;
            runs.push(r);
        }
        runs
    }

    fn keep_previous_with_next(&mut self) {
        if let Some(Item::Para(p)) = self.items.last_mut() {
            p.keep_next = true;
        }
    }

    /// Emits the 版头 once, before the first block that is not part of it.
    fn flush_header(&mut self) {
        if self.header_done {
            return;
        }
        self.header_done = true;
        if self.header.is_empty() {
            return;
        }
        let l = self.l;
        let h = std::mem::take(&mut self.header);
        let mut used = 0;
        for (text, face) in [
            (h.copy_no, Face::FangSong),
            (h.secrecy, Face::Hei),
            (h.urgency, Face::Hei),
        ] {
            if let Some(text) = text {
                let mut p = self.para(vec![self.run_of(text, face, l.body_pt)]);
                p.align = Align::Left;
                self.items.push(Item::Para(p));
                used += l.line_pitch_twips;
            }
        }
        let width = l.text_width_twips();
        if !h.marks.is_empty() {
            let joint = h.marks.len() > 1;
            let names_em = h
                .marks
                .iter()
                .map(|m| text::width::text_width_em(m))
                .fold(0.0f32, f32::max);
            let suffix_em = text::width::text_width_em(&h.suffix);
            let total_em = f64::from(names_em + suffix_em);
            let max_pt = f64::from(width) / 20.0 / total_em.max(1.0);
            let size = (l.mark_max_pt.min(max_pt) * 2.0).floor() / 2.0;
            let line = pt_to_twips(size * l.mark_line_ratio);
            let glyph_top = pt_to_twips(size * l.glyph_top_ratio);
            let top = (mm_to_twips(l.mark_top_mm) - used - glyph_top).max(0);
            let mark_run = |text: String| Run {
                text,
                face: Face::XiaoBiaoSong,
                size_pt: size,
                bold: false,
                color: Some(l.red),
                spacing_twips: 0,
            };
            if joint {
                let names_width =
                    (f64::from(width) * f64::from(names_em) / total_em).round() as i32;
                let names = h
                    .marks
                    .iter()
                    .map(|m| {
                        let mut p = self.para(vec![mark_run(m.clone())]);
                        p.align = Align::Distribute;
                        p.line_twips = line;
                        p
                    })
                    .collect();
                let mut suffix = self.para(vec![mark_run(h.suffix.clone())]);
                suffix.align = Align::Center;
                suffix.line_twips = line;
                self.items.push(Item::JointMark(JointMark {
                    space_before: top,
                    names_width,
                    names,
                    suffix,
                }));
            } else {
                let text = format!("{}{}", h.marks.concat(), h.suffix);
                let mut p = self.para(vec![mark_run(text)]);
                p.align = Align::Center;
                p.line_twips = line;
                p.space_before = top;
                self.items.push(Item::Para(p));
            }
        }
        let pitch = l.line_pitch_twips;
        // The 发文字号 line carries the red separator below it, even when empty.
        let mut p = self.para(Vec::new());
        p.space_before = pitch * l.lines_mark_to_doc_no as i32;
        // Border gaps are whole points in WordprocessingML.
        let rule = Rule {
            width_pt: l.rule_pt,
            color: l.red,
            space_pt: (mm_to_pt(l.rule_gap_mm) - l.rule_text_gap_pt).round(),
        };
        p.rule_below = Some(rule);
        match (h.doc_no, h.signers.is_empty()) {
            (Some(no), true) => {
                p.align = Align::Center;
                p.runs.push(self.body_run(no));
            }
            (no, _) => {
                // With 签发人 the number moves 1 character in from the left and the signers sit
                // 1 character in from the right, on the same line, at a right tab.
                let one = l.body_chars(1.0);
                p.align = Align::Left;
                p.indent_left = one;
                p.right_tab = Some(width - one);
                p.runs.push(self.body_run(no.unwrap_or_default()));
                if !h.signers.is_empty() {
                    let names: Vec<String> =
                        h.signers.iter().map(|s| text::align_name(s)).collect();
                    p.runs.push(self.body_run("\t签发人："));
                    p.runs
                        .push(self.run_of(names.join("　"), Face::Kai, l.body_pt));
                }
            }
        }
        self.items.push(Item::Para(p));
        // The separator is drawn below its paragraph's line, which the paragraph's height
        // includes, so the blank lines to the title are counted from the separator itself.
        self.pending_space = pitch * l.lines_rule_to_title as i32;
    }

    /// Emits the signature and date once both have been seen.
    fn flush_signature(&mut self) {
        let Some(date) = self.date.take() else {
            return;
        };
        let l = self.l;
        let names = std::mem::take(&mut self.signature);
        let width = f64::from(l.chars_per_line);
        let sig_em = names
            .iter()
            .map(|n| f64::from(text::width::text_width_em(n)))
            .fold(0.0, f64::max);
        let date_em = f64::from(text::width::text_width_em(&date));
        let mut sig_start = width - l.signature_right_chars - sig_em;
        let mut date_start = sig_start + l.date_offset_chars;
        if date_start + date_em > width - l.signature_right_chars {
            date_start = width - l.signature_right_chars - date_em;
            sig_start = date_start - l.date_offset_chars;
        }
        self.keep_previous_with_next();
        self.pending_space += l.line_pitch_twips;
        for name in names {
            let mut p = self.para(vec![self.body_run(name)]);
            p.align = Align::Right;
            p.indent_left = l.body_chars(sig_start.max(0.0));
            p.indent_right = l.body_chars((width - sig_start - sig_em).max(0.0));
            p.keep_next = true;
            self.push(p);
        }
        let mut p = self.para(vec![self.body_run(date)]);
        p.align = Align::Left;
        p.indent_left = l.body_chars(date_start.max(0.0));
        self.push(p);
    }

    /// A 版记 row: 4号仿宋, 1 character in from each side; a `\t` moves to the right edge.
    /// Wrapped lines hang under the text after the row's label (`抄送：`).
    fn end_para(&self, text: String) -> EndRow {
        let l = self.l;
        let side = pt_to_twips(l.end_block_pt * l.end_block_indent_chars);
        let label_em = text
            .split_once('：')
            .filter(|(label, _)| !label.contains('\t'))
            .map_or(0.0, |(label, _)| text::width::text_width_em(label) + 1.0);
        let hang = pt_to_twips(l.end_block_pt * f64::from(label_em));
        // A line holds the row's width in characters of its size, less one for the
        // punctuation that cannot start a line and so may pull a character down.
        let per_line = f64::from(l.text_width_twips() - 2 * side) / (l.end_block_pt * 20.0) - 1.0;
        let em = f64::from(text::width::text_width_em(&text));
        let rest = (em - per_line).max(0.0);
        let lines = 1 + (rest / (per_line - f64::from(label_em)).max(1.0)).ceil() as u32;
        let mut run = self.run_of(text, Face::FangSong, l.end_block_pt);
        run.spacing_twips = 0;
        let mut p = self.para(vec![run]);
        p.align = Align::Left;
        p.indent_left = side + hang;
        p.first_line = -hang;
        p.indent_right = side;
        p.right_tab = Some(l.text_width_twips() - side);
        EndRow { para: p, lines }
    }
}

/// The face and weight of a heading level (GB/T 9704 7.3.3; level 3 bold by practice).
fn heading_face(level: u8) -> (Face, bool) {
    match level {
        1 => (Face::Hei, false),
        2 => (Face::Kai, false),
        3 => (Face::FangSong, true),
        _ => (Face::FangSong, false),
    }
}

fn mm_to_pt(mm: f64) -> f64 {
    mm * 72.0 / 25.4
}
