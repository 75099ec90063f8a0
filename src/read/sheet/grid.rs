//! A sheet's cells as a task table reads them: a cell covered by a merge reads the merge's
//! top-left value in the merge's first column, and is empty in its other columns.

use std::collections::HashMap;

use calamine::{Data, Range};

use super::cells::text;
use super::ods_spans::Span;
use crate::error::{Error, Result};
use crate::text::cell_name;

/// The used cells of one sheet with its merges applied.
pub(super) struct Grid<'a> {
    range: &'a Range<Data>,
    pub(super) sheet: &'a str,
    /// The last used row and column, 0-based.
    pub(super) end: (u32, u32),
    /// Each cell a merge covers, with the merge's top-left cell.
    cover: HashMap<(u32, u32), (u32, u32)>,
}

impl<'a> Grid<'a> {
    /// The grid of `range` with the merged ranges `spans`; an empty sheet, or merges that
    /// overlap, is an error.
    pub(super) fn new(range: &'a Range<Data>, spans: &[Span], sheet: &'a str) -> Result<Self> {
        let Some(end) = range.end() else {
            return Err(Error::at(
                format!("{sheet}!A1"),
                format!("工作表「{sheet}」是空的"),
            ));
        };
        let mut grid = Grid {
            range,
            sheet,
            end,
            cover: HashMap::new(),
        };
        grid.check_overlap(spans)?;
        for &(r0, c0, r1, c1) in spans {
            for r in r0..=r1.min(end.0) {
                for c in c0..=c1.min(end.1) {
                    grid.cover.insert((r, c), (r0, c0));
                }
            }
        }
        Ok(grid)
    }

    /// Merges in a sound sheet do not overlap, so together they cover at most the sheet; more
    /// would only make the cover map take long to fill.
    fn check_overlap(&self, spans: &[Span]) -> Result<()> {
        let (end_row, end_col) = self.end;
        let area = |r0: u32, c0: u32, r1: u32, c1: u32| {
            if r0 > end_row || c0 > end_col {
                return 0;
            }
            let rows = u64::from(r1.min(end_row).saturating_sub(r0)) + 1;
            let cols = u64::from(c1.min(end_col).saturating_sub(c0)) + 1;
            rows * cols
        };
        let cells = (u64::from(end_row) + 1) * (u64::from(end_col) + 1);
        let mut covered = 0u64;
        for &(r0, c0, r1, c1) in spans {
            covered += area(r0, c0, r1, c1);
            if covered > cells {
                return Err(Error::at(self.place(r0, c0), "合并单元格相互重叠")
                    .with_hint("在 Excel 或 WPS 中取消这一片的合并，重新合并后另存"));
            }
        }
        Ok(())
    }

    /// `工作表!G12` for a 0-based cell.
    pub(super) fn place(&self, r: u32, c: u32) -> String {
        format!("{}!{}", self.sheet, cell_name(r, c))
    }

    /// The cell's own value, merges aside.
    pub(super) fn raw(&self, r: u32, c: u32) -> &'a Data {
        self.range.get_value((r, c)).unwrap_or(&Data::Empty)
    }

    /// The top-left cell of the merge covering a cell, if one does.
    pub(super) fn origin(&self, r: u32, c: u32) -> Option<(u32, u32)> {
        self.cover.get(&(r, c)).copied()
    }

    /// Whether the cell lies in a merge that spans several columns of its row.
    pub(super) fn spans_columns(&self, r: u32, c: u32) -> bool {
        let Some(origin) = self.origin(r, c) else {
            return false;
        };
        [c.checked_sub(1), c.checked_add(1)]
            .into_iter()
            .flatten()
            .any(|n| self.origin(r, n) == Some(origin))
    }

    /// The cell's text as the table reads it.
    pub(super) fn value(&self, r: u32, c: u32) -> String {
        match self.origin(r, c) {
            Some((r0, c0)) if c0 == c => text(self.raw(r0, c0)),
            Some(_) => String::new(),
            None => text(self.raw(r, c)),
        }
    }

    /// The cell's text unless a merge from another row spills it in: a row holding only that
    /// is still a blank row.
    pub(super) fn own_value(&self, r: u32, c: u32) -> String {
        if self.origin(r, c).is_some_and(|o| o != (r, c)) {
            String::new()
        } else {
            self.value(r, c)
        }
    }

    /// The row's texts in `columns`, merges applied.
    pub(super) fn row(&self, r: u32, columns: &[u32]) -> Vec<String> {
        columns.iter().map(|&c| self.value(r, c)).collect()
    }

    /// The first non-empty text of the row's own cells, merges aside.
    pub(super) fn first_text(&self, r: u32) -> Option<String> {
        (0..=self.end.1)
            .map(|c| text(self.raw(r, c)))
            .find(|v| !v.is_empty())
    }
}
