//! A sheet's used cells and merged ranges as calamine reads them, held to the limits, and a
//! cell's value as the sheet shows it.

use std::path::Path;

use calamine::{Cell, Data, DataRef, Dimensions, Range, Reader, Sheets};

use super::holes::{self, Found, Hole};
use super::ods_spans;
use super::open::{beyond_limits, reason};
use crate::error::{Error, Result};
use crate::limits::{SHEET_COLUMNS, SHEET_ROWS, TEXT_CHARS};
use crate::text::cell_name;

/// The used cells of `sheet`, refused past the limits, and the first formula cell on it saved
/// without its value. An .xlsx or .xlsb sheet is read cell by cell, so a far-out cell
/// (`XFD1048576`) is refused before calamine would allocate the grid up to it; .xls holds at
/// most 65,536 × 256 cells by its format, and .ods was checked before it was opened.
pub(super) fn used_range(
    book: &mut Sheets<std::io::BufReader<std::fs::File>>,
    path: &Path,
    sheet: &str,
) -> Result<(Range<Data>, Option<Found>)> {
    let fail = |e: calamine::Error| {
        Error::file(path, format!("无法读取工作表「{sheet}」：{}", reason(&e)))
    };
    let (range, hole) = match book {
        Sheets::Xlsx(x) => xlsx_range(x, sheet, |e| fail(calamine::Error::Xlsx(e)))?,
        Sheets::Xlsb(x) => {
            let fail = |e| fail(calamine::Error::Xlsb(e));
            let mut reader = x.worksheet_cells_reader(sheet).map_err(fail)?;
            (
                sparse_range(sheet, || reader.next_cell().map_err(fail))?,
                None,
            )
        }
        Sheets::Ods(_) => {
            let range = book.worksheet_range(sheet).map_err(fail)?;
            let hole = ods_formula_hole(book, sheet, &range);
            (range, hole)
        }
        Sheets::Xls(_) => (book.worksheet_range(sheet).map_err(fail)?, None),
    };
    match range.end() {
        Some((row, col)) if row >= SHEET_ROWS || col >= SHEET_COLUMNS => {
            Err(beyond_limits(sheet, row, col))
        }
        _ => Ok((range, hole)),
    }
}

/// The used cells of an .xlsx sheet, read cell by cell, and the first formula cell on it saved
/// without its value.
fn xlsx_range(
    book: &mut calamine::Xlsx<std::io::BufReader<std::fs::File>>,
    sheet: &str,
    fail: impl Fn(calamine::XlsxError) -> Error,
) -> Result<(Range<Data>, Option<Found>)> {
    let mut reader = book.worksheet_cells_reader(sheet).map_err(&fail)?;
    let mut hole = None;
    // The formula metadata, not the formula text: expanding a shared formula makes calamine
    // grow a table to the index the file gives it.
    let range = sparse_range(sheet, || {
        let Some(cell) = reader.next_cell_with_formula_metadata().map_err(&fail)? else {
            return Ok(None);
        };
        if hole.is_none() {
            hole = holes::in_formula(&cell.value, cell.formula.as_ref()).map(|h| (cell.pos, h));
        }
        Ok(Some(Cell::new(cell.pos, cell.value)))
    })?;
    Ok((range, hole))
}

/// The first formula cell of an .ods sheet that holds no value. (An .xls formula record holds
/// its value by the format.)
fn ods_formula_hole(
    book: &mut Sheets<std::io::BufReader<std::fs::File>>,
    sheet: &str,
    values: &Range<Data>,
) -> Option<Found> {
    let formulas = book.worksheet_formula(sheet).ok()?;
    let (r0, c0) = formulas.start()?;
    formulas.used_cells().find_map(|(r, c, formula)| {
        let at = (r0 + r as u32, c0 + c as u32);
        matches!(values.get_value(at), None | Some(Data::Empty))
            .then(|| (at, Hole::Uncached(formula.clone())))
    })
}

/// The range of the cells `next` hands on one by one, the empty ones left out; a cell past
/// the limits is refused as it comes.
fn sparse_range<'a>(
    sheet: &str,
    mut next: impl FnMut() -> Result<Option<Cell<DataRef<'a>>>>,
) -> Result<Range<Data>> {
    let mut cells = Vec::new();
    while let Some(c) = next()? {
        let (row, col) = c.get_position();
        if row >= SHEET_ROWS || col >= SHEET_COLUMNS {
            return Err(beyond_limits(sheet, row, col));
        }
        if !matches!(c.get_value(), DataRef::Empty) {
            cells.push(Cell::new((row, col), Data::from(c.get_value().clone())));
        }
    }
    Ok(Range::from_sparse(cells))
}

/// Refuses a cell with more than `TEXT_CHARS` characters, naming it.
pub(super) fn check_cells(range: &Range<Data>, sheet: &str) -> Result<()> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (row, col, value) in range.used_cells() {
        if let Data::String(s) = value {
            let chars = s.chars().count() as u64;
            if chars > TEXT_CHARS as u64 {
                return Err(too_long(sheet, r0 + row as u32, c0 + col as u32, chars));
            }
        }
    }
    Ok(())
}

/// The error for a cell (0-based) of `chars` characters, past `TEXT_CHARS`.
pub(super) fn too_long(sheet: &str, row: u32, col: u32, chars: u64) -> Error {
    Error::at(
        format!("{sheet}!{}", cell_name(row, col)),
        format!("单元格有 {chars} 字，超过单段文字 {TEXT_CHARS} 字的上限"),
    )
    .with_hint("一个单元格不必这么长；检查是否误把整篇文字粘贴了进来")
}

/// Merged ranges, 0-based inclusive (first row, first column, last row, last column).
pub(super) fn merged(
    book: &mut Sheets<std::io::BufReader<std::fs::File>>,
    path: &Path,
    sheet: &str,
) -> Result<Vec<ods_spans::Span>> {
    let dims = |d: Vec<Dimensions>| {
        d.into_iter()
            .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
            .collect()
    };
    let fail = |e: String| Error::file(path, format!("无法读取合并单元格：{e}"));
    match book {
        Sheets::Xlsx(x) => x
            .merge_cells_by_sheet_name(sheet)
            .map(dims)
            .map_err(|e| fail(e.to_string())),
        Sheets::Xls(x) => x
            .merge_cells_by_sheet_name(sheet)
            .map(dims)
            .map_err(|e| fail(e.to_string())),
        Sheets::Ods(_) => ods_spans::merged(path, sheet).map_err(fail),
        Sheets::Xlsb(_) => Ok(Vec::new()),
    }
}

/// A cell's value as the sheet shows it: text trimmed at both ends and around its line breaks,
/// whole numbers without a decimal point, dates in ISO form.
pub(super) fn text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => tidy_text(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(dt) => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// Trims a text cell: surrounding ASCII and full-width spaces go, line breaks inside stay.
pub fn tidy_text(s: &str) -> String {
    let lines: Vec<&str> = s.split(['\n', '\r']).map(|l| l.trim()).collect();
    lines
        .join("\n")
        .trim_matches(|c: char| c.is_whitespace())
        .replace("\n\n", "\n")
}
