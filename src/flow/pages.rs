//! Pages: the galley's lines and rows placed one page after another at their exact heights,
//! where LibreOffice places them in the DOCX: a paragraph breaks between any two lines
//! (widows and orphans allowed), paragraphs kept with the next move on together, a table row
//! never splits and the header row comes again on every page the table reaches, and the 版记
//! sits at the foot of the last page, or of a page of its own when it has no room there or
//! the layout moved it on to an even page.

use std::io;

use super::{Line, lines};
use crate::layout::{FontProfile, pt_to_twips};
use crate::typeset::{
    EndBlock, EndStart, Galley, Inset, Item, JointMark, Merge, Para, TableBlock, TableCell,
};

/// What a placed line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// The paragraph at this index of the galley's items.
    Para(usize),
    /// A name of the joint organ mark at this index, or with `None` its suffix.
    Mark(usize, Option<usize>),
    /// A cell of the table at this index: its row (`None` for the header) and column.
    Cell(usize, Option<usize>, usize),
    /// A row of the 版记.
    End(usize),
}

/// One line where it lands: its page (from 0), its top in twips below the top of the text
/// area, and which text it holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// The page, from 0.
    pub page: usize,
    /// The page is landscape.
    pub landscape: bool,
    /// Twips below the top of the text area.
    pub top: i32,
    /// Whose line it is.
    pub source: Source,
    /// The line of that paragraph or cell.
    pub line: Line,
}

/// A table row where it lands, for its rules.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedRow {
    /// The page, from 0.
    pub page: usize,
    /// The page is landscape.
    pub landscape: bool,
    /// Twips below the top of the text area.
    pub top: i32,
    /// Its height, twips, the rule below it included.
    pub height: i32,
    /// The table's index among the galley's items.
    pub table: usize,
    /// The row among the table's body rows; `None` for the header.
    pub row: Option<usize>,
    /// For each column, whether its cell goes on from the row above (merged: no rule between).
    pub joined: Vec<bool>,
}

/// A page of an attached PDF file where it lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlacedInset {
    /// The page, from 0.
    pub page: usize,
    /// The inset's index among the galley's items.
    pub item: usize,
}

/// Every line, table row and attached page where it lands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Placement {
    /// The lines, in reading order.
    pub lines: Vec<Placed>,
    /// The table rows, in order.
    pub rows: Vec<PlacedRow>,
    /// The attached files' pages, in order.
    pub insets: Vec<PlacedInset>,
}

impl Placement {
    /// Whether anything is placed yet.
    fn started(&self) -> bool {
        !self.lines.is_empty() || !self.rows.is_empty() || !self.insets.is_empty()
    }
}

/// Lines that go to a page together: its height, the space before it (none at the top of a
/// page) and each line with its top within it; a table row says which, and its merges.
#[derive(Default)]
struct Block {
    height: i32,
    space_before: i32,
    lines: Vec<(i32, Source, Line)>,
    row: Option<(usize, Option<usize>, Vec<bool>)>,
}

impl Block {
    /// Adds `p`'s lines from line `from` on (all of them, `to` `None`) below what it holds.
    fn para(
        &mut self,
        source: Source,
        p: &Para,
        width: i32,
        fonts: &FontProfile,
        to: Option<usize>,
    ) {
        let all = lines(p, width, fonts);
        let whole = to.is_none();
        for l in all.into_iter().take(to.unwrap_or(usize::MAX)) {
            self.lines.push((self.height, source, l));
            self.height += p.line_twips;
        }
        if whole {
            self.height += rule_twips(p);
        }
    }
}

/// Table rows a merged cell spans, and its lines.
#[derive(Default)]
struct Merged {
    rows: Vec<Block>,
    spanning: Block,
}

/// The page being filled.
struct Paper<'g> {
    galley: &'g Galley<'g>,
    landscape: bool,
    page: usize,
    /// Twips filled on this page.
    y: i32,
    /// This page began because the last one was full: a paragraph's space before is
    /// dropped at its top (not at the top of the document or after a page break).
    broke: bool,
    placed: Placement,
}

/// The lines of `galley` on their pages: [`placement`]'s lines.
///
/// ```
/// let body = "正文。\n".repeat(30);
/// let m = dossier::markup::parse(&body, "t", Vec::new()).unwrap();
/// let g = dossier::typeset::typeset(&m, &dossier::layout::GBT9704).unwrap();
/// let fonts = dossier::layout::FontProfile::named(None).unwrap();
/// let placed = dossier::flow::pages(&g, fonts).unwrap();
/// assert_eq!(placed.iter().filter(|p| p.page == 0).count(), 22, "22 lines a page");
/// assert_eq!((placed[22].page, placed[22].top), (1, 0));
/// ```
pub fn pages<'g>(galley: &'g Galley<'g>, fonts: &FontProfile) -> io::Result<Vec<Placed>> {
    placement(galley, fonts).map(|p| p.lines)
}

/// The pages of `galley`: every line and table row placed. A streamed table's rows are read
/// again.
pub fn placement<'g>(galley: &'g Galley<'g>, fonts: &FontProfile) -> io::Result<Placement> {
    let mut paper = Paper {
        galley,
        landscape: false,
        page: 0,
        y: 0,
        broke: false,
        placed: Placement::default(),
    };
    let mut k = 0;
    while k < galley.items.len() {
        k = match &galley.items[k] {
            Item::Para(_) => paper.paras(k, fonts),
            Item::JointMark(m) => {
                paper.block(&mark(k, m, fonts));
                k + 1
            }
            Item::Table(t) => {
                paper.table(k, t, fonts)?;
                k + 1
            }
            Item::Turn { landscape } => {
                // A document that opens with a turn (a table alone) starts on its first page.
                if paper.placed.started() {
                    paper.new_page(false);
                }
                paper.landscape = *landscape;
                k + 1
            }
            Item::Inset(i) => {
                paper.inset(k, i);
                k + 1
            }
        };
    }
    if let Some(end) = &galley.end_block {
        paper.end_block(end, fonts);
    }
    Ok(paper.placed)
}

/// The joint organ mark: the names stacked in their column, the suffix beside them.
fn mark(k: usize, m: &JointMark, fonts: &FontProfile) -> Block {
    let mut names = Block::default();
    for (i, p) in m.names.iter().enumerate() {
        names.para(Source::Mark(k, Some(i)), p, m.names_width, fonts, None);
    }
    let mut suffix = Block::default();
    suffix.para(
        Source::Mark(k, None),
        &m.suffix,
        m.width - m.names_width,
        fonts,
        None,
    );
    let drop = (names.height - suffix.height).max(0) / 2;
    names.lines.extend(
        suffix
            .lines
            .into_iter()
            .map(|(top, s, l)| (top + drop, s, l)),
    );
    names.space_before = m.space_before;
    names
}

impl Paper<'_> {
    /// Height of the text area.
    fn height(&self) -> i32 {
        let s = self.galley.pages.of(self.landscape);
        s.text_height()
    }

    /// Width of the text area.
    fn width(&self) -> i32 {
        let s = self.galley.pages.of(self.landscape);
        s.width - s.margins[1] - s.margins[3]
    }

    fn new_page(&mut self, broke: bool) {
        self.page += 1;
        self.y = 0;
        self.broke = broke;
    }

    /// The space `before` a paragraph or block, where it would start now.
    fn space(&self, before: i32) -> i32 {
        if self.y == 0 && self.broke { 0 } else { before }
    }

    fn put(&mut self, top: i32, source: Source, line: Line) {
        self.placed.lines.push(Placed {
            page: self.page,
            landscape: self.landscape,
            top,
            source,
            line,
        });
    }

    /// Places `b` whole: on a new page when it does not fit on this one.
    fn block(&mut self, b: &Block) {
        if self.y > 0 && self.y + b.space_before + b.height > self.height() {
            self.new_page(true);
        }
        let top = self.y + self.space(b.space_before);
        for &(at, source, line) in &b.lines {
            self.put(top + at, source, line);
        }
        if let Some((table, row, joined)) = &b.row {
            self.placed.rows.push(PlacedRow {
                page: self.page,
                landscape: self.landscape,
                top,
                height: b.height,
                table: *table,
                row: *row,
                joined: joined.clone(),
            });
        }
        self.y = top + b.height;
    }

    /// Places the paragraph at `k` and those kept with it; returns the next item's index.
    fn paras(&mut self, k: usize, fonts: &FontProfile) -> usize {
        let galley = self.galley;
        let mut end = k;
        while let Some(p) = para_at(galley, end) {
            end += 1;
            if !p.keep_next {
                break;
            }
        }
        let Some(first) = para_at(galley, k) else {
            return k + 1;
        };
        if first.page_break_before && !self.placed.lines.is_empty() {
            self.new_page(false);
        }
        if end - k > 1 || first.keep_next || first.keep_lines {
            self.kept(k, end, fonts);
        } else {
            self.flow(k, first, fonts);
        }
        end
    }

    /// Paragraphs `k..end`, each but the last kept with the next: moved on as one, with the
    /// last one's first line (all its lines when they are kept together), when they do not
    /// fit here; then set line by line.
    fn kept(&mut self, k: usize, end: usize, fonts: &FontProfile) {
        let galley = self.galley;
        let width = self.width();
        let mut chain = Block::default();
        for i in k..end {
            if let Some(p) = para_at(galley, i) {
                chain.height += if i == k { 0 } else { p.space_before };
                let last = i + 1 == end;
                let to = (last && !p.keep_lines).then_some(1);
                chain.para(Source::Para(i), p, width, fonts, to);
                chain.height += if last { 0 } else { p.space_after };
            }
        }
        let before = para_at(galley, k).map_or(0, |p| p.space_before);
        let fits_a_page = chain.height <= self.height();
        if self.y > 0 && self.y + before + chain.height > self.height() && fits_a_page {
            self.new_page(true);
        }
        for i in k..end {
            if let Some(p) = para_at(galley, i) {
                self.flow(i, p, fonts);
            }
        }
    }

    /// Sets the paragraph at `i` line by line, a new page where one does not fit.
    fn flow(&mut self, i: usize, p: &Para, fonts: &FontProfile) {
        self.y += self.space(p.space_before);
        for l in lines(p, self.width(), fonts) {
            if self.y > 0 && self.y + p.line_twips > self.height() {
                self.new_page(true);
            }
            self.put(self.y, Source::Para(i), l);
            self.y += p.line_twips;
        }
        self.y += rule_twips(p) + p.space_after;
    }

    /// A table: its header, then each row whole; a row that does not fit goes to a new page,
    /// under the header again. The rows a merged cell spans are held until it ends: the
    /// last of them grows when the merged text needs more room than they have.
    fn table(&mut self, k: usize, t: &TableBlock<'_>, fonts: &FontProfile) -> io::Result<()> {
        let header = row(k, None, &t.header, t, fonts, vec![false; t.header.len()]);
        self.block(&header);
        let rule = pt_to_twips(t.rule.width_pt);
        let mut group = Merged::default();
        let mut r = 0;
        t.rows.each(&mut |cells: &[TableCell]| {
            let (b, spanning) = row_parts(k, r, cells, t, fonts);
            let starts = cells.iter().any(|c| c.merge == Merge::Start);
            let continues = cells.iter().any(|c| c.merge == Merge::Continue);
            if starts || !continues {
                let done = std::mem::take(&mut group);
                self.rows(done, &header, rule);
            }
            if starts {
                group.spanning = spanning;
            }
            group.rows.push(b);
            r += 1;
            Ok(())
        })?;
        self.rows(group, &header, rule);
        Ok(())
    }

    /// Places the rows of `group`, the merged text in the first, each whole, under a
    /// repeated `header` on a new page; `rule` is the table's closing rule.
    fn rows(&mut self, mut group: Merged, header: &Block, rule: i32) {
        let own: i32 = group.rows.iter().map(|b| b.height).sum();
        let grown = (group.spanning.height - own).max(0);
        if let Some(last) = group.rows.last_mut() {
            last.height += grown;
        }
        // Merged text from the top of its first row: it is centred where it is drawn, in
        // the part of the rows it spans that lands on that row's page.
        if let Some(first) = group.rows.first_mut() {
            first.lines.extend(group.spanning.lines);
        }
        for b in &group.rows {
            // The table's closing rule goes below the last row on a page.
            if self.y > 0 && self.y + b.height + rule > self.height() {
                self.new_page(true);
                self.block(header);
            }
            self.block(b);
        }
    }

    /// A page of an attached file, on a page of its own or below its label; it fills the
    /// rest of the page.
    fn inset(&mut self, k: usize, i: &Inset) {
        if i.page_break_before && self.placed.started() {
            self.new_page(false);
        }
        self.placed.insets.push(PlacedInset {
            page: self.page,
            item: k,
        });
        self.y = self.height();
    }

    /// The 版记 at the foot of the last page, or of a new one when it has no room.
    fn end_block(&mut self, end: &EndBlock, fonts: &FontProfile) {
        let mut b = Block::default();
        for (i, row) in end.rows.iter().enumerate() {
            let top = b.height;
            b.para(Source::End(i), &row.para, end.width, fonts, None);
            b.height = top + self.galley.defaults.line_twips * row.lines as i32;
        }
        // Like the pages it closes, the 版记 is on a portrait page.
        let turned = self.landscape;
        if turned {
            self.landscape = false;
            self.new_page(false);
        }
        match end.start {
            // The float hangs from an empty paragraph after the text, which must fit too.
            EndStart::Here if self.y + end.anchor_twips + b.height > self.height() => {
                self.new_page(true);
            }
            EndStart::Here => {}
            EndStart::NextPage if turned => {}
            EndStart::NextPage => self.new_page(false),
            EndStart::AfterBlank => {
                if !turned {
                    self.new_page(false);
                }
                self.new_page(false);
            }
        }
        // The float sits on the text area's foot, below the grid's last line.
        let s = self.galley.pages.of(self.landscape);
        let top = s.text_height() - s.grid_offset() - b.height;
        for &(at, source, line) in &b.lines {
            self.put(top + at, source, line);
        }
    }
}

/// Body row `r` of table `k`: the row as high as its own cells, and the text of the merged
/// cells it starts, which may need the rows below it too.
fn row_parts(
    k: usize,
    r: usize,
    cells: &[TableCell],
    t: &TableBlock<'_>,
    fonts: &FontProfile,
) -> (Block, Block) {
    let paras: Vec<Para> = cells.iter().zip(&t.body).map(|(c, s)| c.para(s)).collect();
    let (mut own, mut spanning) = (paras.clone(), Block::default());
    let columns = cells.iter().zip(paras.iter().zip(&t.widths));
    for (c, (cell, (p, width))) in columns.enumerate() {
        if cell.merge != Merge::None
            && let Some(o) = own.get_mut(c)
        {
            o.runs.clear();
        }
        if cell.merge == Merge::Start {
            // Each merged cell from the top of the row, the tallest its height.
            let mut one = Block::default();
            let width = width - 2 * t.cell_margin;
            one.para(Source::Cell(k, Some(r), c), p, width, fonts, None);
            spanning.height = spanning.height.max(one.height);
            spanning.lines.extend(one.lines);
        }
    }
    let joined = cells.iter().map(|c| c.merge == Merge::Continue).collect();
    (row(k, Some(r), &own, t, fonts, joined), spanning)
}

/// The room a rule under `p` takes below its last line: its gap and its thickness.
fn rule_twips(p: &Para) -> i32 {
    p.rule_below
        .map_or(0, |r| pt_to_twips(r.space_pt + r.width_pt))
}

/// The paragraph at item `i`, if it is one.
fn para_at<'g>(galley: &'g Galley<'g>, i: usize) -> Option<&'g Para> {
    match galley.items.get(i) {
        Some(Item::Para(p)) => Some(p),
        _ => None,
    }
}

/// A table row of `cells` (the header with `r` `None`): as high as its tallest cell, each
/// from its top (they are centred where they are drawn); `joined` says which cells go on
/// from the row above.
fn row(
    k: usize,
    r: Option<usize>,
    cells: &[Para],
    t: &TableBlock<'_>,
    fonts: &FontProfile,
    joined: Vec<bool>,
) -> Block {
    let mut b = Block {
        row: Some((k, r, joined)),
        ..Block::default()
    };
    for (c, (p, width)) in cells.iter().zip(&t.widths).enumerate() {
        let mut cell = Block::default();
        let measure = width - 2 * t.cell_margin;
        cell.para(Source::Cell(k, r, c), p, measure, fonts, None);
        b.height = b.height.max(cell.height);
        b.lines.extend(cell.lines);
    }
    // The rule between rows takes its width below the text.
    b.height += pt_to_twips(t.rule.width_pt);
    b
}
