//! A table's body rows as they print: held rows with the sheet's merges, or rows streamed
//! from their source with runs of equal cells merged, each cell's part in a vertical merge
//! decided as it is set.

use std::io;

use super::Para;
use crate::model::{RowSource, TaskTable};
use crate::text;

/// A table's body rows: set in memory, or set from their source as the table is written.
#[derive(Debug, Clone, PartialEq)]
pub enum Rows<'a> {
    /// Every row's cells.
    Held(Vec<Vec<TableCell>>),
    /// The source, read again when the rows are written.
    Streamed(StreamedRows<'a>),
}

impl Rows<'_> {
    /// Calls `row` with each body row's cells in order, as the table prints them; stops at
    /// the first error, the source's or `row`'s.
    ///
    /// ```
    /// use dossier::model::{HeldRows, TableSource};
    /// use dossier::typeset::{Item, Merge, typeset};
    /// let files = HeldRows::built(
    ///     &[("item", "指标"), ("content", "文件")],
    ///     Some("item"),
    ///     ["1 学习", "1 学习", "2 服务"].iter().map(|i| vec![i.to_string(), "a.pdf".into()]).collect(),
    /// );
    /// let m = dossier::markup::parse("@att_title 目录\n@table 0", "t", vec![TableSource::Streamed(&files)]).unwrap();
    /// let g = typeset(&m, &dossier::layout::GBT9704).unwrap();
    /// let Item::Table(t) = &g.items[1] else { panic!("a table") };
    /// let mut parts = Vec::new();
    /// t.rows.each(&mut |cells| Ok(parts.push((cells[0].text.clone(), cells[0].merge)))).unwrap();
    /// assert_eq!(parts, [
    ///     ("1 学习".to_string(), Merge::Start),
    ///     (String::new(), Merge::Continue),
    ///     ("2 服务".to_string(), Merge::None),
    /// ]);
    /// ```
    pub fn each(&self, row: &mut dyn FnMut(&[TableCell]) -> io::Result<()>) -> io::Result<()> {
        match self {
            Rows::Held(rows) => rows.iter().try_for_each(|cells| row(cells)),
            Rows::Streamed(s) => s.each(row),
        }
    }
}

/// Rows a `RowSource` gives, set as they are read: each cell as a held table's, the merge
/// column's runs of equal non-empty cells merged (see `Rows::each`).
#[derive(Clone, Copy)]
pub struct StreamedRows<'a> {
    pub(super) source: &'a dyn RowSource,
    /// The merged column's index.
    pub(super) merge: Option<usize>,
}

impl std::fmt::Debug for StreamedRows<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamedRows")
            .field("columns", &self.source.columns())
            .field("merge", &self.merge)
            .finish()
    }
}

/// Rows of the same source, merged alike: what the source gives is its own business.
impl PartialEq for StreamedRows<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::addr_eq(self.source, other.source) && self.merge == other.merge
    }
}

impl StreamedRows<'_> {
    fn each(&self, row: &mut dyn FnMut(&[TableCell]) -> io::Result<()>) -> io::Result<()> {
        // One row of lookahead: whether a merge cell starts a run depends on the row after
        // it. The row waits with whether its merge cell continues a run from the row above.
        let mut waiting: Option<(Vec<String>, bool)> = None;
        let mut set = Vec::new();
        self.source.each_row(&mut |next| {
            let next_value = self.value(next);
            let continues = match &waiting {
                Some((cells, continues)) => {
                    let v = self.value(cells);
                    self.set_row(cells, part(v, *continues, Some(next_value)), &mut set);
                    row(&set)?;
                    !v.is_empty() && v == next_value
                }
                None => false,
            };
            waiting = Some((next.to_vec(), continues));
            Ok(())
        })?;
        if let Some((cells, continues)) = waiting {
            self.set_row(&cells, part(self.value(&cells), continues, None), &mut set);
            row(&set)?;
        }
        Ok(())
    }

    /// The merge column's cell of a row; a row without one has nothing to merge.
    fn value<'c>(&self, cells: &'c [String]) -> &'c str {
        self.merge
            .and_then(|m| cells.get(m))
            .map_or("", String::as_str)
    }

    /// Sets `cells` into `out`, the merge column's cell taking part `merge`.
    fn set_row(&self, cells: &[String], merge: Merge, out: &mut Vec<TableCell>) {
        out.clear();
        out.extend(
            self.source
                .columns()
                .iter()
                .zip(cells)
                .enumerate()
                .map(|(i, (col, text))| {
                    let merge = if Some(i) == self.merge {
                        merge
                    } else {
                        Merge::None
                    };
                    set_cell(&col.key, text, merge)
                }),
        );
    }
}

/// The part of a merge-column cell holding `value`: a run of one is not merged.
fn part(value: &str, continues: bool, next: Option<&str>) -> Merge {
    if value.is_empty() {
        Merge::None
    } else if continues {
        Merge::Continue
    } else if next == Some(value) {
        Merge::Start
    } else {
        Merge::None
    }
}

/// A body cell as printed: a cell a merge covers is empty.
fn set_cell(key: &str, text: &str, merge: Merge) -> TableCell {
    let text = match merge {
        Merge::Continue => String::new(),
        _ => shown(key, text),
    };
    TableCell { text, merge }
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

/// A cell as the table prints it: a date in a 完成时限 column in the customary form
/// (`2024年9月30日`), everything else as the sheet has it.
pub fn shown(key: &str, text: &str) -> String {
    // Only a 完成时限 is read as a date; parsing every cell would cost a fifth of a table.
    match key {
        "deadline" => text::Date::parse(text).map_or_else(|_| text.to_string(), text::format_date),
        _ => text.to_string(),
    }
}

/// A held table's body rows, each cell's part in a merge looked up in a map: a large table
/// has thousands of merges.
pub(super) fn held_rows(t: &TaskTable) -> Vec<Vec<TableCell>> {
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
    t.rows
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
                    set_cell(&col.key, text, merge)
                })
                .collect()
        })
        .collect()
}
