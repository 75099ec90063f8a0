//! Lays out a task table: column widths fitted to the text, the page turned when the columns
//! need it, cells merged down exactly where the sheet merges them.

use super::{Align, Para, Run, Setter};
use crate::cn;
use crate::layout::{Face, mm_to_twips, pt_to_twips};
use crate::model::TaskTable;

/// A table as it goes on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct TableBlock {
    /// Set on a landscape page.
    pub landscape: bool,
    /// Column widths, twips.
    pub widths: Vec<i32>,
    /// Rule thickness, pt.
    pub rule_pt: f64,
    /// Cell margin left and right, twips.
    pub cell_margin: i32,
    /// The header row, repeated on every page.
    pub header: Vec<Para>,
    /// Each column's body cell paragraph, its one run without text: a table of ten thousand
    /// rows keeps only its cells' texts, and gets their paragraphs as it is written.
    pub body: Vec<Para>,
    /// The body rows, each kept whole on one page.
    pub rows: Vec<Vec<TableCell>>,
}

/// One cell of a body row.
#[derive(Debug, Clone, PartialEq)]
pub struct TableCell {
    /// Its text as shown (empty in a cell a merge covers).
    pub text: String,
    /// How it takes part in a vertical merge.
    pub merge: Merge,
}

impl TableCell {
    /// Its paragraph, set like `style` (its column's entry in `TableBlock::body`).
    pub fn para(&self, style: &Para) -> Para {
        let mut p = style.clone();
        if self.text.is_empty() {
            p.runs.clear();
        } else {
            for r in &mut p.runs {
                r.text.clone_from(&self.text);
            }
        }
        p
    }
}

/// A cell's part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// Not merged.
    None,
    /// The first cell of a merge; it holds the text.
    Start,
    /// A cell covered by the merge above.
    Continue,
}

/// Columns whose cells are short labels, centred rather than justified.
const CENTRED: [&str; 11] = [
    "seq", "item", "method", "deadline", "status", "part", "tasks", "done", "overdue", "rate",
    "file",
];
/// Columns listing units, set flush left: justified, a short list spreads its characters apart.
const FLUSH_LEFT: [&str; 2] = ["lead", "coop"];

impl Setter<'_> {
    /// The table block for `t`.
    /// Only a table that opens an attached document (`may_turn`) may take a landscape page;
    /// one inside running text stays on the portrait page.
    pub(super) fn table(&self, t: &TaskTable, may_turn: bool) -> TableBlock {
        let l = self.l;
        // The page and size: the first that gives every column a comfortable width (its
        // longest line, or a long text column's comfortable share).
        let portrait = l.text_width_twips();
        let landscape_width = mm_to_twips(l.page_height_mm - l.margin_top_mm - l.margin_bottom_mm);
        let (landscape, size, text_width) = [
            (false, l.table_pt, portrait),
            (false, l.table_small_pt, portrait),
            (true, l.table_small_pt, landscape_width),
        ]
        .into_iter()
        .filter(|&(turned, ..)| may_turn || !turned)
        .find(|&(_, size, width)| self.comfortable(t, size) <= f64::from(width))
        .unwrap_or(if may_turn {
            (true, l.table_small_pt, landscape_width)
        } else {
            (false, l.table_small_pt, portrait)
        });
        let widths = self.widths(t, size, text_width);
        let line = pt_to_twips(size * l.table_line_ratio);
        let cell = |text: &str, face: Face, align: Align| {
            let mut p = self.para(if text.is_empty() {
                Vec::new()
            } else {
                vec![Run {
                    text: text.to_string(),
                    face,
                    size_pt: size,
                    bold: false,
                    color: None,
                    spacing_twips: 0,
                }]
            });
            p.align = align;
            p.line_twips = line;
            p
        };
        let header = t
            .columns
            .iter()
            .map(|c| cell(&c.header, Face::Hei, Align::Center))
            .collect();
        // Each merged cell's part, looked up per cell: a large table has thousands of merges.
        let mut merged = std::collections::HashMap::new();
        let last_row = t.rows.iter().map(|r| r.row).max().unwrap_or(0);
        for m in &t.merges {
            for r in m.first..=m.last.min(last_row) {
                let part = if r == m.first {
                    Merge::Start
                } else {
                    Merge::Continue
                };
                merged.insert((m.column.as_str(), r), part);
            }
        }
        let body = t
            .columns
            .iter()
            .map(|col| {
                let key = col.key.as_str();
                let align = if CENTRED.contains(&key) {
                    Align::Center
                } else if FLUSH_LEFT.contains(&key) {
                    Align::Left
                } else {
                    Align::Both
                };
                // A placeholder run: `cell_para` puts each cell's text in it.
                cell(" ", Face::FangSong, align)
            })
            .collect();
        let rows = t
            .rows
            .iter()
            .map(|row| {
                t.columns
                    .iter()
                    .zip(&row.cells)
                    .map(|(col, text)| {
                        let merge = merged
                            .get(&(col.key.as_str(), row.row))
                            .copied()
                            .unwrap_or(Merge::None);
                        let text = match merge {
                            Merge::Continue => String::new(),
                            _ => shown(&col.key, text),
                        };
                        TableCell { text, merge }
                    })
                    .collect()
            })
            .collect();
        TableBlock {
            landscape,
            widths,
            rule_pt: l.table_rule_pt,
            cell_margin: l.table_cell_margin_twips,
            header,
            body,
            rows,
        }
    }

    /// The width, twips, at which every column of `t` set in `size` is comfortable: short
    /// columns at their longest line, long text columns at `table_comfortable_chars`.
    fn comfortable(&self, t: &TaskTable, size: f64) -> f64 {
        let l = self.l;
        let pad = f64::from(2 * l.table_cell_margin_twips);
        column_measures(t, l)
            .iter()
            .map(|&(_, natural, _)| natural.min(l.table_comfortable_chars) * size * 20.0 + pad)
            .sum()
    }

    /// Column widths. A column never needs more than its longest line (its natural width)
    /// nor gets less than its header; in between, widths grow with the column's average text
    /// length, so a row's cells wrap to about the same number of lines and rows stay low: the
    /// long 测评内容 column gets the room, short label columns stay narrow. Together they fill
    /// the text width.
    fn widths(&self, t: &TaskTable, size: f64, text_width: i32) -> Vec<i32> {
        let l = self.l;
        let em = pt_to_twips(size);
        let pad = 2 * l.table_cell_margin_twips;
        let columns = column_measures(t, l);
        let avail = f64::from(text_width - pad * t.columns.len() as i32) / f64::from(em);
        let at = |k: f64| -> Vec<f64> {
            columns
                .iter()
                .map(|&(min, natural, w)| (k * w).clamp(min, natural))
                .collect()
        };
        let natural: f64 = columns.iter().map(|c| c.1).sum();
        let ems: Vec<f64> = if natural <= avail {
            columns.iter().map(|c| c.1 * avail / natural).collect()
        } else {
            // The widths grow with k; find the k that fills the width.
            let (mut lo, mut hi) = (0.0, avail);
            for _ in 0..60 {
                let mid = (lo + hi) / 2.0;
                if at(mid).iter().sum::<f64>() > avail {
                    hi = mid
                } else {
                    lo = mid
                }
            }
            let ems = at(lo);
            // Headers alone can be wider than the page; then everything shrinks alike.
            let sum: f64 = ems.iter().sum();
            if sum > avail {
                ems.iter().map(|e| e * avail / sum).collect()
            } else {
                ems
            }
        };
        // Rounding to whole twips; the last column takes the remainder so the table is exactly
        // the text width.
        let mut widths: Vec<i32> = ems
            .iter()
            .map(|e| (e * f64::from(em)).round() as i32 + pad)
            .collect();
        let sum: i32 = widths.iter().sum();
        if let Some(last) = widths.last_mut() {
            *last += text_width - sum;
        }
        widths
    }
}

/// A cell as the table prints it: a date in a 完成时限 column in the customary form
/// (`2024年9月30日`), everything else as the sheet has it.
pub fn shown(key: &str, text: &str) -> String {
    // Only a 完成时限 is read as a date; parsing every cell would cost a fifth of a table.
    match key {
        "deadline" => cn::Date::parse(text).map_or_else(|_| text.to_string(), cn::format_date),
        _ => text.to_string(),
    }
}

/// Each column's (least width, natural width, average line length), in characters: the least
/// is its header (up to a few characters) plus room, the natural its longest line plus room.
fn column_measures(t: &TaskTable, l: &crate::layout::Layout) -> Vec<(f64, f64, f64)> {
    t.columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cells: Vec<String> = t
                .rows
                .iter()
                .filter_map(|r| r.cells.get(i))
                .map(|s| shown(&c.key, s))
                .collect();
            let lines = || {
                cells
                    .iter()
                    .flat_map(|s| s.lines())
                    .map(|s| f64::from(cn::text_width_em(s)))
            };
            let header = f64::from(cn::text_width_em(&c.header)).min(l.table_header_max_chars);
            let min = header.max(2.0) + l.table_slack_chars;
            let natural = lines().fold(min, f64::max) + l.table_slack_chars;
            let average = lines().sum::<f64>() / cells.len().max(1) as f64;
            (min, natural, average.max(1.0))
        })
        .collect()
}
