//! Lays out a task table: column widths fitted to the text, the page turned when the columns
//! need it, the header repeated, cells merged down exactly where the sheet merges them. A
//! streamed table is measured in one pass over its rows and set row by row in another as it
//! is written (`rows`): none is held.

use std::io;

use super::rows::{Rows, StreamedRows, held_rows, shown};
use super::{Align, Para, Rule, Run, Setter};
use crate::layout::{FaceStyle, Layout, TWIPS_PER_PT, mm_to_twips, pt_to_twips};
use crate::model::{Alignment, Column, TableSource, alignment};
use crate::text;

/// A table as it goes on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct TableBlock<'a> {
    /// Set on a landscape page.
    pub landscape: bool,
    /// Column widths, twips.
    pub widths: Vec<i32>,
    /// The rules around and between cells.
    pub rule: Rule,
    /// Cell margin left and right, twips.
    pub cell_margin: i32,
    /// The header row, repeated on every page.
    pub header: Vec<Para>,
    /// Each column's body cell paragraph, its one run without text: a table of ten thousand
    /// rows keeps only its cells' texts, and gets their paragraphs as it is written.
    pub body: Vec<Para>,
    /// The body rows, each kept whole on one page.
    pub rows: Rows<'a>,
}

impl<'a> Setter<'_, 'a> {
    /// The table block for `t`, measured in one pass over its rows.
    /// Only a table that opens an attached document (`may_turn`) may take a landscape page;
    /// one inside running text stays on the portrait page.
    pub(super) fn table(&self, t: TableSource<'a>, may_turn: bool) -> io::Result<TableBlock<'a>> {
        let l = self.l;
        let columns = t.columns();
        let measures = column_measures(columns, &measure(t)?, l);
        let (landscape, size, text_width) = self.page_for(&measures, may_turn);
        let line = pt_to_twips(size * l.table_line_ratio);
        let cell =
            |text: &str, face: FaceStyle, align: Align| self.cell(text, face, size, line, align);
        let header = columns
            .iter()
            .map(|c| cell(&c.header, l.faces.table_header, Align::Center))
            .collect();
        // A placeholder run in each column's style: `TableCell::para` puts each cell's text in it.
        let body = columns
            .iter()
            .map(|col| cell(" ", l.faces.table_body, align(&col.key)))
            .collect();
        Ok(TableBlock {
            landscape,
            widths: self.widths(&measures, size, text_width),
            rule: Rule {
                width_pt: l.table_rule_pt,
                color: l.black,
                space_pt: 0.0,
            },
            cell_margin: l.table_cell_margin_twips,
            header,
            body,
            rows: rows(t, columns),
        })
    }

    /// The page and size: the first that gives every column a comfortable width (its longest
    /// line, or a long text column's comfortable share); landscape only when `may_turn`.
    /// Returns (landscape, text size, text width).
    fn page_for(&self, measures: &[Measure], may_turn: bool) -> (bool, f64, i32) {
        let l = self.l;
        let portrait = l.text_width_twips();
        let landscape_width = mm_to_twips(l.page_height_mm - l.margin_top_mm - l.margin_bottom_mm);
        [
            (false, l.table_pt, portrait),
            (false, l.table_small_pt, portrait),
            (true, l.table_small_pt, landscape_width),
        ]
        .into_iter()
        .filter(|&(turned, ..)| may_turn || !turned)
        .find(|&(_, size, width)| self.comfortable(measures, size) <= f64::from(width))
        .unwrap_or(if may_turn {
            (true, l.table_small_pt, landscape_width)
        } else {
            (false, l.table_small_pt, portrait)
        })
    }

    /// A cell's paragraph: `text` in `face` at `size`, on lines `line` twips high.
    fn cell(
        &self,
        text: &str,
        (face, bold): FaceStyle,
        size: f64,
        line: i32,
        align: Align,
    ) -> Para {
        let runs = if text.is_empty() {
            Vec::new()
        } else {
            vec![Run {
                text: text.to_string(),
                face,
                size_pt: size,
                bold,
                color: None,
                spacing_twips: 0,
            }]
        };
        let mut p = self.para(runs);
        p.align = align;
        p.line_twips = line;
        p
    }

    /// The width, twips, at which every column set in `size` is comfortable: short columns
    /// at their longest line, long text columns at `table_comfortable_chars`.
    fn comfortable(&self, columns: &[Measure], size: f64) -> f64 {
        let l = self.l;
        let pad = f64::from(2 * l.table_cell_margin_twips);
        columns
            .iter()
            .map(|m| m.natural.min(l.table_comfortable_chars) * size * TWIPS_PER_PT + pad)
            .sum()
    }

    /// Column widths. A column never needs more than its longest line (its natural width)
    /// nor gets less than its header, nor, when the table has the room, less than its longest
    /// unit name or date; in between, widths grow with the column's average text length, so a
    /// row's cells wrap to about the same number of lines and rows stay low: the long 测评内容
    /// column gets the room, short label columns stay narrow. Together they fill the text
    /// width.
    fn widths(&self, columns: &[Measure], size: f64, text_width: i32) -> Vec<i32> {
        let l = self.l;
        let em = pt_to_twips(size);
        let pad = 2 * l.table_cell_margin_twips;
        let avail = f64::from(text_width - pad * columns.len() as i32) / f64::from(em);
        let least = least_widths(columns, avail, l);
        let at = |k: f64| -> Vec<f64> {
            columns
                .iter()
                .zip(&least)
                .map(|(m, &least)| (k * m.average).clamp(least, m.natural))
                .collect()
        };
        let natural: f64 = columns.iter().map(|c| c.natural).sum();
        let ems: Vec<f64> = if natural <= avail {
            columns
                .iter()
                .map(|c| c.natural * avail / natural)
                .collect()
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

/// Each column's least width, characters: when the table has the room (every unit name and
/// date whole, and the running-text columns still `table_text_least_chars` wide), those;
/// else its header.
fn least_widths(columns: &[Measure], avail: f64, l: &Layout) -> Vec<f64> {
    let whole: Vec<f64> = columns
        .iter()
        .map(|m| {
            let kept = if m.whole > 0.0 {
                m.whole + l.table_slack_chars
            } else {
                l.table_text_least_chars
            };
            m.least.max(kept.min(m.natural))
        })
        .collect();
    if whole.iter().sum::<f64>() <= avail {
        whole
    } else {
        columns.iter().map(|m| m.least).collect()
    }
}

/// How a column's body cells are aligned.
fn align(key: &str) -> Align {
    match alignment(key) {
        Alignment::Centre => Align::Center,
        Alignment::Left => Align::Left,
        Alignment::Justify => Align::Both,
    }
}

/// Each column's lines, measured in one pass over the table's rows.
fn measure(t: TableSource<'_>) -> io::Result<Vec<Lines>> {
    let columns = t.columns();
    let mut lines = vec![Lines::default(); columns.len()];
    match t {
        TableSource::Held(t) => {
            for row in &t.rows {
                measure_row(columns, &row.cells, &mut lines);
            }
        }
        TableSource::Streamed(s) => s.each_row(&mut |cells| {
            measure_row(columns, cells, &mut lines);
            Ok(())
        })?,
    }
    Ok(lines)
}

/// The table's body rows: held, or streamed from their source, its merge column's runs of equal
/// cells merged.
fn rows<'a>(t: TableSource<'a>, columns: &[Column]) -> Rows<'a> {
    match t {
        TableSource::Held(t) => Rows::Held(held_rows(t)),
        TableSource::Streamed(source) => Rows::Streamed(StreamedRows {
            source,
            merge: source
                .merge_runs()
                .and_then(|key| columns.iter().position(|c| c.key == key)),
        }),
    }
}

/// A column's lines as they pass, row by row: what its widths are measured from, with no cell
/// kept.
#[derive(Debug, Clone, Copy, Default)]
struct Lines {
    /// The longest, characters.
    longest: f64,
    /// All their lengths added up, characters.
    total: f64,
    /// The cells they are in.
    cells: usize,
    /// The longest piece that should not break, characters: a unit name, a date.
    whole: f64,
}

/// Adds one row's cells, as printed, to their columns' `lines`.
fn measure_row(columns: &[Column], cells: &[String], lines: &mut [Lines]) {
    for ((col, text), m) in columns.iter().zip(cells).zip(lines.iter_mut()) {
        for line in shown(&col.key, text).lines() {
            let width = f64::from(text::width::text_width_em(line));
            m.longest = m.longest.max(width);
            m.total += width;
            m.whole = m.whole.max(longest_whole(&col.key, line));
        }
        m.cells += 1;
    }
}

/// The longest piece of `line`, in the column `key`, that a line break should not split,
/// characters: a 完成时限's date, a unit's name in a list of units.
fn longest_whole(key: &str, line: &str) -> f64 {
    let width = |s: &str| f64::from(text::width::text_width_em(s));
    match key {
        "deadline" => width(line),
        "lead" | "coop" => line.split(UNIT_SEPARATORS).map(width).fold(0.0, f64::max),
        _ => 0.0,
    }
}

/// What separates the units of a list in a 责任单位 or 配合单位 cell.
const UNIT_SEPARATORS: [char; 7] = ['、', '，', ',', '；', ';', ' ', '\u{3000}'];

/// What a column needs, in characters.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Measure {
    /// The least width: its header.
    least: f64,
    /// The width of its longest line.
    natural: f64,
    /// Its average line length.
    average: f64,
    /// Its longest unit name or date.
    whole: f64,
}

/// Each column's measure from its `lines`: the least width is its header (up to a few
/// characters) plus room, the natural its longest line plus room.
fn column_measures(columns: &[Column], lines: &[Lines], l: &Layout) -> Vec<Measure> {
    columns
        .iter()
        .zip(lines)
        .map(|(c, lines)| {
            let header =
                f64::from(text::width::text_width_em(&c.header)).min(l.table_header_max_chars);
            let least = header.max(2.0) + l.table_slack_chars;
            Measure {
                least,
                natural: least.max(lines.longest) + l.table_slack_chars,
                average: (lines.total / lines.cells.max(1) as f64).max(1.0),
                whole: lines.whole,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::GBT9704;
    use crate::model::TaskTable;

    /// The measures as taken from every cell of a column at once, before tables streamed.
    fn from_whole_columns(t: &TaskTable, l: &Layout) -> Vec<Measure> {
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
                        .map(|s| f64::from(text::width::text_width_em(s)))
                };
                let header =
                    f64::from(text::width::text_width_em(&c.header)).min(l.table_header_max_chars);
                let least = header.max(2.0) + l.table_slack_chars;
                let whole = cells
                    .iter()
                    .flat_map(|s| s.lines())
                    .map(|s| longest_whole(&c.key, s))
                    .fold(0.0, f64::max);
                Measure {
                    least,
                    natural: lines().fold(least, f64::max) + l.table_slack_chars,
                    average: (lines().sum::<f64>() / cells.len().max(1) as f64).max(1.0),
                    whole,
                }
            })
            .collect()
    }

    #[test]
    fn names_and_dates_are_kept_whole_only_while_running_text_keeps_its_least() {
        let column = |least, natural, whole| Measure {
            least,
            natural,
            average: natural / 2.0,
            whole,
        };
        // 序号, 工作任务 (14 characters at most), 责任单位 (a 9-character name), 完成时限
        // (2024年7月31日, 6.5 characters).
        let columns = [
            column(3.0, 3.0, 0.0),
            column(5.0, 15.0, 0.0),
            column(5.0, 12.0, 9.0),
            column(5.0, 7.5, 6.5),
        ];
        let l = &GBT9704;
        assert_eq!(longest_whole("deadline", "2024年7月31日"), 6.5);
        assert_eq!(longest_whole("lead", "市委宣传部、市行政审批服务局"), 8.0);
        assert_eq!(longest_whole("content", "开展志愿服务"), 0.0);
        let roomy = least_widths(&columns, 30.0, l);
        assert_eq!(roomy, vec![3.0, l.table_text_least_chars, 10.0, 7.5]);
        // Without room for them and 8 characters of running text, only the headers count.
        let tight = least_widths(&columns, 28.0, l);
        assert_eq!(tight, vec![3.0, 5.0, 5.0, 5.0]);
    }

    #[test]
    fn measures_taken_row_by_row_are_those_of_whole_columns() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let t = TaskTable::built(
            &[
                ("seq", "序号"),
                ("content", "测评内容"),
                ("deadline", "完成时限"),
                ("lead", "责任单位（牵头单位及配合单位）"),
            ],
            vec![
                row(&[
                    "1",
                    "健全理论学习中心组学习制度",
                    "2024-09-30",
                    "市委宣传部",
                ]),
                row(&[
                    "2",
                    "开展理想信念教育\n建设文明实践阵地，覆盖全部社区",
                    "长期坚持",
                    "",
                ]),
                row(&[
                    "3",
                    "",
                    "2024-12-31",
                    "市委组织部、市纪委监委、市直机关工委",
                ]),
                row(&["4"]),
                row(&["", "Wi-Fi 覆盖率 ≥ 95%", "", "市工信局"]),
            ],
        );
        let mut lines = vec![Lines::default(); t.columns.len()];
        for r in &t.rows {
            measure_row(&t.columns, &r.cells, &mut lines);
        }
        assert_eq!(
            column_measures(&t.columns, &lines, &GBT9704),
            from_whole_columns(&t, &GBT9704)
        );
    }
}
