//! Typesetting: places the markup's blocks on the GB/T 9704 page. Every distance and face comes
//! from `layout`; the result, a galley of paragraphs, the organ-mark table, tables and the 版记
//! with the page set-up they go on, says exactly what each looks like, and a writer only spells
//! it out. The 版头 is set in `head`, body blocks in `body`, the signature and the 版记 in
//! `closing`, tables in `table`, titles broken into lines in `title`, the page in `page`.

mod body;
mod closing;
mod head;
mod inset;
mod joint;
mod letter;
mod page;
mod rows;
mod table;
mod title;

pub use inset::Inset;
pub use page::{PageNumber, PageSetup, Pages, pages};
pub use rows::{Merge, Rows, StreamedRows, TableCell, shown};
pub use table::TableBlock;

use crate::error::{Error, Result};
use crate::layout::{Face, FaceStyle, Layout};
use crate::markup::{Block, Inline, Markup, Style, Tag};
use crate::model::TableSource;

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

/// What a paragraph is, for the page rules the layout keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// Running text: the body's paragraphs, the 附件说明, notes, roster lines, cells.
    #[default]
    Text,
    /// A line of the 版头: 份号, 密级, 紧急程度, the organ mark, the 发文字号.
    Head,
    /// A title.
    Title,
    /// The 主送.
    To,
    /// A heading on a line of its own.
    Heading,
    /// A line of the 附件说明.
    Attachments,
    /// A line of the 署名.
    Signature,
    /// The 成文日期.
    Date,
    /// An attachment's label (附件 1).
    Label,
}

/// A paragraph with its full formatting.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// What it is.
    pub role: Role,
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
    /// Its lines stay on one page (set by the layout where a run-in heading would split).
    pub keep_lines: bool,
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
    /// Width of the whole mark, twips: the text area's.
    pub width: i32,
    /// Width of the names column, twips; the suffix takes the rest.
    pub names_width: i32,
    /// One paragraph per organ.
    pub names: Vec<Para>,
    /// The suffix, centred vertically against the names.
    pub suffix: Para,
}

/// The 版头 of a 函 (信函格式), drawn on the first page outside the text's flow: the organ
/// mark above the text area and red double lines across the top and the foot of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct LetterHead {
    /// The mark, centred in the text area's width.
    pub mark: Para,
    /// The mark's line top, twips below the page's top edge.
    pub mark_top: i32,
    /// Each line of the double lines: its middle below the page's top edge and its
    /// thickness, pt.
    pub rules: Vec<(f64, f64)>,
    /// The lines' left end from the page's left edge, and their length, pt.
    pub rule_span: (f64, f64),
    /// The lines' colour.
    pub color: &'static str,
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
    /// The lines are drawn (a 函's 版记 has none).
    pub ruled: bool,
    /// Its width, twips: the text area's.
    pub width: i32,
    /// Its distance from the page's left edge, twips: the left margin.
    pub left: i32,
    /// Height of the empty paragraph the floating 版记 is anchored to, twips.
    pub anchor_twips: i32,
    /// It goes on an even page, the back of the last sheet (GB/T 9704 practice).
    pub even_page: bool,
    /// Where it goes, as the layout decided.
    pub start: EndStart,
}

impl Galley<'_> {
    /// A blank page goes before the 版记, and neither it nor the 版记's page is numbered.
    pub fn blank_before_end(&self) -> bool {
        self.end_block
            .as_ref()
            .is_some_and(|e| e.start == EndStart::AfterBlank)
    }
}

/// Where the 版记 goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndStart {
    /// At the foot of the page the text ends on, or of the next when it has no room there.
    Here,
    /// At the foot of the page after the text's last.
    NextPage,
    /// After a blank page that follows the text's last; neither page is numbered (7.5).
    AfterBlank,
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
    /// A page of an attached PDF file, filling the rest of its page.
    Inset(Inset),
}

/// What every paragraph and run has unless it says otherwise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Defaults {
    /// The body face.
    pub face: FaceStyle,
    /// The body size, pt.
    pub size_pt: f64,
    /// The body line pitch, twips.
    pub line_twips: i32,
    /// The distance between default tab stops, twips: the first-line indent.
    pub tab_twips: i32,
}

/// The typeset document.
#[derive(Debug, Clone, PartialEq)]
pub struct Galley<'a> {
    /// Everything in reading order.
    pub items: Vec<Item<'a>>,
    /// The 版记, if the document has one.
    pub end_block: Option<EndBlock>,
    /// The pages the items go on.
    pub pages: Pages,
    /// The page numbers at their feet.
    pub page_number: PageNumber,
    /// The defaults of every paragraph and run.
    pub defaults: Defaults,
    /// The seals pressed on the 署名 and date, in a sealed document: one, or one per organ
    /// in a joint one.
    pub seals: Vec<SealMark>,
    /// A 函's 版头, drawn on the first page, which is not numbered.
    pub letter: Option<LetterHead>,
}

/// A seal pressed on a 署名 (GB/T 9704 7.3.5.1), and the last on the date too: where it goes,
/// from the top of the line under the 署名 (the date's, or the room between rows of a joint
/// document's seals), and its picture.
#[derive(Debug, Clone, PartialEq)]
pub struct SealMark {
    /// Diameter, twips.
    pub diameter: i32,
    /// Its centre's distance from the page's left edge, twips: over its 署名's middle.
    pub centre_x: i32,
    /// How far its centre is above the top of its item's first line, twips.
    pub centre_above: i32,
    /// The paragraph under its 署名, by its index in the galley's items.
    pub item: usize,
    /// The picture; `None` when the seal is pressed by hand and nothing is printed.
    pub picture: Option<crate::model::Picture>,
}

/// Typesets markup on the page `layout` describes.
///
/// ```
/// use dossier::layout::Face;
/// use dossier::typeset::Item;
/// let m = dossier::markup::parse("@h1 一、指导思想\n正文。", "t", Vec::new()).unwrap();
/// let g = dossier::typeset::typeset(&m, &dossier::layout::GBT9704).unwrap();
/// let [Item::Para(h1), Item::Para(body)] = g.items.as_slice() else { panic!("two paragraphs") };
/// assert_eq!((h1.runs[0].face, h1.runs[0].text.as_str()), (Face::Hei, "一、指导思想"));
/// assert_eq!((body.runs[0].face, body.first_line), (Face::FangSong, 630), "indented 2 characters");
/// assert_eq!(g.pages.portrait.width, 11906);
/// let late = dossier::markup::parse("正文。\n@preprinted", "t", Vec::new()).unwrap();
/// let e = dossier::typeset::typeset(&late, &dossier::layout::GBT9704).unwrap_err();
/// assert!(e.message.contains("版头"), "a part of the 版头 after the text is refused");
/// ```
pub fn typeset<'a>(markup: &Markup<'a>, layout: &Layout) -> Result<Galley<'a>> {
    let mut setter = Setter::new(layout, &markup.tables, &markup.files);
    for b in &markup.blocks {
        setter.block(b)?;
    }
    setter.finish();
    let seals = setter.closing.seal_marks(markup.seal.as_ref());
    let end_block = setter.end_block();
    Ok(Galley {
        seals,
        letter: setter.letter.take(),
        end_block,
        items: setter.items,
        pages: page::pages(layout),
        page_number: page::page_number(layout),
        defaults: Defaults {
            face: layout.faces.body,
            size_pt: layout.body_pt,
            line_twips: layout.line_pitch_twips(),
            tab_twips: layout.body_chars(layout.first_line_indent_chars),
        },
    })
}

/// The galley borrows only the streamed tables' sources (`'a`), not the layout or the slice
/// of tables (`'s`).
struct Setter<'s, 'a> {
    l: &'s Layout,
    tables: &'s [TableSource<'a>],
    /// The attached PDF files, by number.
    files: &'s [crate::model::PdfFile],
    /// The pages are landscape since the last table.
    landscape: bool,
    /// Where the current attached document starts in `items`.
    doc_start: usize,
    items: Vec<Item<'a>>,
    header: head::Header,
    header_done: bool,
    /// Space owed before the next paragraph, twips (blank lines the standard asks for).
    pending_space: i32,
    /// The next paragraph starts a new page.
    pending_break: bool,
    attach_count: usize,
    /// The item count after the last attendance list, to tell the first of a run.
    attend_end: usize,
    closing: closing::Closing,
    /// A 函's 版头, once set.
    letter: Option<LetterHead>,
}

impl<'s, 'a> Setter<'s, 'a> {
    fn new(
        l: &'s Layout,
        tables: &'s [TableSource<'a>],
        files: &'s [crate::model::PdfFile],
    ) -> Self {
        Setter {
            l,
            tables,
            files,
            landscape: false,
            doc_start: 0,
            items: Vec::new(),
            header: head::Header::default(),
            header_done: false,
            pending_space: 0,
            pending_break: false,
            attach_count: 0,
            attend_end: 0,
            closing: closing::Closing::default(),
            letter: None,
        }
    }

    /// Takes one block: the parts of the 版头, the signature and the 版记 are gathered until
    /// they can be set; everything else is set in its place.
    fn block(&mut self, b: &Block) -> Result<()> {
        if self.header.take(b) {
            // Once the 版头 is set, a part of it would be dropped without a word.
            if self.header_done {
                return Err(Error::at(
                    format!("模板输出第 {} 行", b.line),
                    "版头的标记（@mark、@doc_no、@preprinted、@letter 等）要写在标题和正文之前",
                ));
            }
            return Ok(());
        }
        if b.tag == Tag::Sealed && closing::seal_mm(b, self.l).is_none() {
            let (least, most) = self.l.seal_mm_range;
            return Err(Error::at(
                format!("模板输出第 {} 行", b.line),
                format!("@sealed 后面要写印章直径（{least}–{most} 毫米），如 @sealed 42"),
            ));
        }
        if self.closing.take(b) {
            return Ok(());
        }
        if b.tag != Tag::Attach {
            self.flush_signature();
        }
        self.flush_header();
        self.body(b)
    }

    /// Sets what is still gathered once the blocks have all been taken.
    fn finish(&mut self) {
        self.flush_header();
        self.flush_signature();
    }

    /// A paragraph on the body grid with nothing set but its runs.
    fn para(&self, runs: Vec<Run>) -> Para {
        Para {
            role: Role::Text,
            align: Align::Both,
            indent_left: 0,
            indent_right: 0,
            first_line: 0,
            line_twips: self.l.line_pitch_twips(),
            space_before: 0,
            space_after: 0,
            page_break_before: false,
            keep_next: false,
            keep_lines: false,
            rule_below: None,
            right_tab: None,
            runs,
        }
    }

    fn run_of(&self, text: impl Into<String>, (face, bold): FaceStyle, size_pt: f64) -> Run {
        Run {
            text: text.into(),
            face,
            size_pt,
            bold,
            color: None,
            spacing_twips: self.l.char_spacing_twips(),
        }
    }

    fn body_run(&self, text: impl Into<String>) -> Run {
        self.run_of(text, self.l.faces.body, self.l.body_pt)
    }

    /// Runs for styled inline content in the body size, in the face `base` when plain.
    fn runs(&self, inlines: &[Inline], base: FaceStyle) -> Vec<Run> {
        inlines
            .iter()
            .map(|i| match i {
                Inline::Text(t, style) => {
                    let face = match style {
                        Style::Plain => base,
                        Style::Heading(level) => self.l.faces.heading(*level),
                        Style::Bold => (base.0, true),
                    };
                    self.run_of(t.clone(), face, self.l.body_pt)
                }
                Inline::Break => self.body_run("\n"),
            })
            .collect()
    }

    /// Adds a paragraph, with the space and page break owed before it.
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

    fn keep_previous_with_next(&mut self) {
        if let Some(Item::Para(p)) = self.items.last_mut() {
            p.keep_next = true;
        }
    }
}
