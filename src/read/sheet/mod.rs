//! Reads a task sheet (测评任务分解表, progress tally) from .xlsx, .xlsm, .xls or .ods into a
//! task table, as offices really make them: title rows above the header, headers typed with
//! stray spaces or under other names, cells merged over rows, dates as date cells. The file is
//! checked before it is opened (`open`), the sheet chosen (`pick`), its cells and merges read
//! (`cells`, `grid`) and those it cannot read refused (`holes`), then read as a table: its
//! header (`header`), its rows (`table`) and the units they name (`units`).

mod cells;
mod declared;
mod grid;
mod header;
mod holes;
mod ods_check;
mod ods_spans;
mod open;
mod pick;
mod table;
mod units;
pub mod xls_check;

use std::path::Path;

use calamine::{Data, Range, Reader};

use crate::error::{Error, Result};
use crate::model::TaskTable;
pub use cells::tidy_text;

/// What to read.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The sheet's name; the first visible sheet when `None`.
    pub sheet: Option<String>,
    /// Headers the office uses that dossier does not know: (header as written, column key).
    pub headers: Vec<(String, String)>,
}

/// A read sheet: the table and what was skipped on the way.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The tasks.
    pub table: TaskTable,
    /// The sheet's name.
    pub sheet: String,
    /// What was read otherwise than written, each naming its place: the sheet chosen when it
    /// is not the first, rows skipped (blank rows, closing notes, repeated headers), unit
    /// spellings taken as one.
    pub warnings: Vec<String>,
}

/// Reads the task sheet at `path`.
///
/// ```
/// let r = dossier::read::sheet::load(std::path::Path::new("samples/分解表.xlsx"), &Default::default()).unwrap();
/// assert!(r.table.column("lead").is_some());
/// assert_eq!(r.table.rows.len(), 31);
/// assert_eq!(r.warnings.len(), 2, "a blank row and the closing 注 row: {:?}", r.warnings);
/// ```
pub fn load(path: &Path, opts: &Options) -> Result<Imported> {
    // calamine panics on some damaged files: that is reported as the file's damage.
    let read = super::guard::guarded(
        || read_cells(path, opts),
        || {
            Error::file(path, "无法打开表格：文件已损坏，其中的结构不完整或自相矛盾")
                .with_hint("请用 Excel 或 WPS 打开这个文件（可能需要修复），另存为 .xlsx 后再导入")
        },
    )?;
    let sheet = read.sheet;
    cells::check_cells(&read.range, &sheet)?;
    if let Some((at, hole)) = holes::first(read.hole, holes::in_values(&read.range)) {
        return Err(hole.refusal(&sheet, at));
    }
    let grid = grid::Grid::new(&read.range, &read.spans, &sheet)?;
    let (table, mut warnings) = table::read_table(&grid, &read.spans, opts)?;
    warnings.extend(units::check(&table)?);
    warnings.splice(0..0, read.picked);
    Ok(Imported {
        table,
        sheet,
        warnings,
    })
}

/// What calamine reads of the chosen sheet.
struct Read {
    /// The sheet's name.
    sheet: String,
    /// A warning when it is not the workbook's first.
    picked: Option<String>,
    /// Its used cells.
    range: Range<Data>,
    /// The first formula on it saved without its value.
    hole: Option<holes::Found>,
    /// Its merged ranges.
    spans: Vec<ods_spans::Span>,
}

/// The chosen sheet's name, used cells and merged ranges, as calamine reads them.
fn read_cells(path: &Path, opts: &Options) -> Result<Read> {
    let mut book = open::open(path)?;
    let (sheet, picked) = pick::pick(book.sheets_metadata(), path, opts.sheet.as_deref())?;
    let (range, hole) = cells::used_range(&mut book, path, &sheet)?;
    let spans = cells::merged(&mut book, path, &sheet)?;
    Ok(Read {
        sheet,
        picked,
        range,
        hole,
        spans,
    })
}
