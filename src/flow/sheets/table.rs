//! Tables drawn: each cell's text in its column, centred in its row or in the rows a merged
//! cell spans as LibreOffice centres them, and the rules around and between cells.

use std::collections::{HashMap, HashSet};
use std::io;

use super::{Sheet, Stroke};
use crate::flow::{PlacedRow, Placement, Source};
use crate::layout::TWIPS_PER_PT;
use crate::typeset::{Galley, Item, Para, TableBlock};

/// A cell's paragraph, the left edge of its text and its width, twips, in a text area
/// `text_width` wide.
pub(super) fn cell(
    t: &TableBlock<'_>,
    rows: Option<&Vec<Vec<String>>>,
    (row, column): (Option<usize>, usize),
    text_width: i32,
) -> Option<(Para, i32, i32)> {
    let left =
        table_left(t, text_width) + t.widths.get(..column)?.iter().sum::<i32>() + t.cell_margin;
    let width = t.widths.get(column)? - 2 * t.cell_margin;
    let para = match row {
        None => t.header.get(column)?.clone(),
        Some(r) => {
            let text = rows?.get(r)?.get(column)?;
            let mut p = t.body.get(column)?.clone();
            for run in &mut p.runs {
                run.text.clone_from(text);
            }
            p
        }
    };
    Some((para, left, width))
}

/// Each table's body rows, by the table's index: each cell's text.
pub(super) fn table_rows(galley: &Galley<'_>) -> io::Result<HashMap<usize, Vec<Vec<String>>>> {
    let mut out = HashMap::new();
    for (i, item) in galley.items.iter().enumerate() {
        if let Item::Table(t) = item {
            let mut rows = Vec::new();
            t.rows.each(&mut |cells| {
                rows.push(cells.iter().map(|c| c.text.clone()).collect());
                Ok(())
            })?;
            out.insert(i, rows);
        }
    }
    Ok(out)
}

/// Where a table starts, twips right of the text area's left edge: tables are centred.
fn table_left(t: &TableBlock<'_>, text_width: i32) -> i32 {
    (text_width - t.widths.iter().sum::<i32>()) / 2
}

/// The rules of every table row: its top edge but over cells merged from the row above, its
/// sides and the column edges, and its bottom edge where the next row is not right below.
pub(super) fn table_rules(galley: &Galley<'_>, rows: &[PlacedRow], out: &mut [Sheet]) {
    for (k, r) in rows.iter().enumerate() {
        let (Some(Item::Table(t)), Some(sheet)) = (galley.items.get(r.table), out.get_mut(r.page))
        else {
            continue;
        };
        let setup = galley.pages.of(r.landscape);
        let text_width = setup.width - setup.margins[1] - setup.margins[3];
        let mut x = f64::from(setup.margins[3] + table_left(t, text_width));
        let mut edges = vec![x];
        for w in &t.widths {
            x += f64::from(*w);
            edges.push(x);
        }
        let pt = |twips: f64| twips / TWIPS_PER_PT;
        let half = t.rule.width_pt / 2.0;
        let top = pt(f64::from(setup.margins[0] + setup.grid_offset() + r.top)) + half;
        let bottom = top + pt(f64::from(r.height)) - 2.0 * half;
        let line = |x0: f64, y0: f64, x1: f64, y1: f64| Stroke {
            x0: pt(x0),
            y0,
            x1: pt(x1),
            y1,
            width: t.rule.width_pt,
            color: t.rule.color,
        };
        for (c, pair) in edges.windows(2).enumerate() {
            if let ([a, b], false) = (pair, r.joined.get(c).copied().unwrap_or(false)) {
                sheet.strokes.push(line(*a, top, *b, top));
            }
        }
        for &e in &edges {
            sheet.strokes.push(line(e, top - half, e, bottom + half));
        }
        let next = rows.get(k + 1);
        let closes = next.is_none_or(|n| n.table != r.table || n.page != r.page);
        if let (true, Some(&a), Some(&b)) = (closes, edges.first(), edges.last()) {
            sheet.strokes.push(line(a, bottom, b, bottom));
        }
    }
}

/// Cells' text centred in their rows, merged cells' in the rows they span on their first
/// row's page; as LibreOffice sets them, the rows of a merge that goes over a page keep
/// their text at the top.
pub(super) struct Spans<'p> {
    placement: &'p Placement,
    /// Each row's index in the placement's rows, by table and row (`None`: a header).
    rows: HashMap<(usize, Option<usize>, usize), usize>,
    /// Rows, by index, whose text stays at the top.
    top_aligned: HashSet<usize>,
    /// Rows, by index, that go on with a merge from the page before: their one-line cells
    /// stay at the top.
    continuing: HashSet<usize>,
    /// How many lines each cell's text takes.
    lines: HashMap<Source, i32>,
}

impl<'p> Spans<'p> {
    pub(super) fn new(placement: &'p Placement) -> Self {
        let all = &placement.rows;
        let rows = all.iter().enumerate();
        let rows = rows.map(|(i, r)| ((r.table, r.row, r.page), i)).collect();
        let mut lines = HashMap::new();
        for p in &placement.lines {
            // A merged cell's own row holds an empty line of it too.
            if matches!(p.source, Source::Cell(..)) && p.line.end > p.line.start {
                *lines.entry(p.source).or_insert(0) += 1;
            }
        }
        Spans {
            placement,
            rows,
            top_aligned: over_pages(all),
            continuing: continuing(all),
            lines,
        }
    }

    /// How far the text of `source`, placed at the top of its row `page`, on lines `line`
    /// twips high, moves down.
    pub(super) fn drop(&self, galley: &Galley<'_>, source: Source, page: usize, line: i32) -> i32 {
        let Source::Cell(k, r, c) = source else {
            return 0;
        };
        let (Some(&i), Some(Item::Table(t))) = (self.rows.get(&(k, r, page)), galley.items.get(k))
        else {
            return 0;
        };
        let all = &self.placement.rows;
        let Some(first) = all.get(i) else { return 0 };
        let spans = |n: &&PlacedRow| {
            (n.table, n.page, n.joined.get(c)) == (k, first.page, Some(&true)) && r.is_some()
        };
        let below: Vec<&PlacedRow> = all.iter().skip(i + 1).take_while(spans).collect();
        if self.top_aligned.contains(&(i + below.len())) {
            return 0;
        }
        let spanned: i32 = below.iter().map(|n| n.height).sum();
        let text = self.lines.get(&source).copied().unwrap_or(0) * line;
        if text <= line && self.continuing.contains(&i) {
            return 0;
        }
        let rule = crate::layout::pt_to_twips(t.rule.width_pt);
        (first.height + spanned - rule - text).max(0) / 2
    }
}

/// The last row before the page break of every merge that goes over a page, by index:
/// LibreOffice sets its text at the top, and that of every merged cell ending in it.
fn over_pages(rows: &[PlacedRow]) -> HashSet<usize> {
    let body: Vec<(usize, &PlacedRow)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.row.is_some())
        .collect();
    let mut out = HashSet::new();
    for (k, &(i, r)) in body.iter().enumerate() {
        for c in (0..r.joined.len()).filter(|&c| r.joined.get(c) != Some(&true)) {
            let run = body
                .get(k + 1..)
                .unwrap_or_default()
                .iter()
                .take_while(|(_, n)| n.table == r.table && n.joined.get(c) == Some(&true));
            let (here, there): (Vec<_>, Vec<_>) = run.partition(|(_, n)| n.page == r.page);
            if !there.is_empty() {
                out.insert(here.last().map_or(i, |(j, _)| *j));
            }
        }
    }
    out
}

/// The rows, by index, that open a page and go on with a merge from the page before.
fn continuing(rows: &[PlacedRow]) -> HashSet<usize> {
    let mut out = HashSet::new();
    let mut last: Option<&PlacedRow> = None;
    for (i, r) in rows.iter().enumerate().filter(|(_, r)| r.row.is_some()) {
        let joined = r.joined.iter().any(|&j| j);
        if joined && last.is_some_and(|l| l.table == r.table && l.page != r.page) {
            out.insert(i);
        }
        last = Some(r);
    }
    out
}
