//! A sheet's header: the row naming its columns, found below title rows, each header known by
//! its synonyms; a second header row under it when the header has two levels (责任单位 over
//! 牵头单位 and 配合单位); and the header as it comes again further down (a sheet pasted twice,
//! a header printed on every page), which names no task.

use super::Options;
use super::grid::Grid;
use crate::error::{Error, Result};
use crate::model::{Column, REQUIRED, TASK_COLUMNS, column_key, names_task_columns, tidy_header};

/// How far down a sheet the header row is looked for.
const HEADER_SEARCH_ROWS: u32 = 30;

/// The header of a sheet: its rows and the columns it names.
pub(super) struct Header {
    /// The header's first row, 0-based: the title is above it.
    pub(super) first: u32,
    /// The header's last row, 0-based: the tasks are below it.
    pub(super) row: u32,
    /// The columns, each once, the required ones among them.
    pub(super) columns: Vec<Column>,
    /// The sheet columns under a header merged across several columns that have no header of
    /// their own, each with that header: what is written in them belongs to no column.
    pub(super) covered: Vec<(u32, String)>,
}

/// The header of `grid`.
pub(super) fn header(grid: &Grid, opts: &Options) -> Result<Header> {
    let row = header_row(grid, opts)?;
    let second = (row < grid.end.0 && second_level(grid, row, opts)).then_some(row + 1);
    let columns = columns(grid, row, second, opts)?;
    let covered = covered(grid, row, &columns);
    Ok(Header {
        first: row,
        row: second.unwrap_or(row),
        columns,
        covered,
    })
}

/// The key a header names, by the office's own mapping first, then the known synonyms.
fn key_of(header: &str, opts: &Options) -> Option<String> {
    let h = tidy_header(header);
    if h.is_empty() {
        return None;
    }
    if let Some((_, key)) = opts.headers.iter().find(|(k, _)| tidy_header(k) == h) {
        return Some(key.clone());
    }
    column_key(&h).map(str::to_string)
}

/// The header row: the first row naming a required column, among rows naming the most.
fn header_row(grid: &Grid, opts: &Options) -> Result<u32> {
    let (end_row, end_col) = grid.end;
    let mut best: Option<(u32, usize)> = None;
    for r in 0..=end_row.min(HEADER_SEARCH_ROWS) {
        let keys: Vec<String> = (0..=end_col)
            .filter_map(|c| key_of(&grid.value(r, c), opts))
            .collect();
        if names_task_columns(&keys) && best.is_none_or(|(_, n)| keys.len() > n) {
            best = Some((r, keys.len()));
        }
    }
    best.map(|(r, _)| r).ok_or_else(|| no_header(grid))
}

/// The error for a sheet without a header row, quoting its first filled row.
fn no_header(grid: &Grid) -> Error {
    let (end_row, end_col) = grid.end;
    let sheet = grid.sheet;
    let first = (0..=end_row.min(HEADER_SEARCH_ROWS))
        .find(|r| (0..=end_col).any(|c| !grid.value(*r, c).is_empty()));
    let Some(r) = first else {
        return Error::at(format!("{sheet}!A1"), format!("工作表「{sheet}」是空的"));
    };
    let found: Vec<String> = (0..=end_col)
        .map(|c| grid.value(r, c))
        .filter(|v| !v.is_empty())
        .collect();
    Error::at(grid.place(r, 0), "找不到表头行：没有“测评内容”和“责任单位”这样的列")
        .with_hint(format!(
            "第一行非空内容是：{}；表头可写 测评内容/测评标准/工作任务、责任单位/落实部门/责任部门/牵头单位，或在方案文件的 tasks.headers 中指明",
            found.join("、")
        ))
}

/// Whether the row below the header row `row` is the header's second level: each of its own
/// cells (merges from the row above aside) either names a column or stands under a header
/// merged across several columns (责任单位 over 牵头单位 and 配合单位), and one at least names a
/// column, so that a task row under merged headers is not taken for one.
fn second_level(grid: &Grid, row: u32, opts: &Options) -> bool {
    let below = row + 1;
    let mut names = false;
    for c in 0..=grid.end.1 {
        let text = grid.own_value(below, c);
        if text.is_empty() {
            continue;
        }
        if key_of(&text, opts).is_some() {
            names = true;
        } else if !grid.spans_columns(row, c) {
            return false;
        }
    }
    names
}

/// The columns the header names, each once, the required ones among them: a second-level
/// header, where there is one, names its column in place of the header above it.
fn columns(grid: &Grid, row: u32, second: Option<u32>, opts: &Options) -> Result<Vec<Column>> {
    let mut columns: Vec<Column> = Vec::new();
    for c in 0..=grid.end.1 {
        let (at, header) = match second.map(|r| (r, grid.own_value(r, c))) {
            Some((r, h)) if !h.is_empty() => (r, h),
            _ => (row, grid.value(row, c)),
        };
        if header.is_empty() {
            continue;
        }
        let key = key_of(&header, opts).unwrap_or_else(|| tidy_header(&header));
        if columns.iter().any(|col| col.key == key) {
            return Err(Error::at(
                grid.place(at, c),
                format!("表头「{header}」与前面的列重复"),
            ));
        }
        columns.push(Column {
            index: Some(c),
            key,
            header: tidy_header(&header),
        });
    }
    for key in REQUIRED {
        if !columns.iter().any(|c| c.key == key) {
            return Err(missing_column(grid, row, key, &columns));
        }
    }
    Ok(columns)
}

/// The sheet columns under a header merged across them that have no header of their own, each
/// with the merged header.
fn covered(grid: &Grid, row: u32, columns: &[Column]) -> Vec<(u32, String)> {
    (0..=grid.end.1)
        .filter(|&c| grid.spans_columns(row, c) && !columns.iter().any(|col| col.index == Some(c)))
        .filter_map(|c| {
            let (r0, c0) = grid.origin(row, c)?;
            Some((c, grid.value(r0, c0)))
        })
        .collect()
}

/// Refuses something written in task row `r` under a column that has no header of its own.
pub(super) fn check_covered(grid: &Grid, header: &Header, r: u32) -> Result<()> {
    for (c, merged) in &header.covered {
        if !grid.own_value(r, *c).is_empty() {
            return Err(Error::at(
                grid.place(r, *c),
                format!("这一格在合并的表头「{merged}」下，但这一列没有自己的表头，内容读不进来"),
            )
            .with_hint(format!(
                "给这一列单独的表头（如在「{merged}」下加一行，分别写 牵头单位、配合单位），或取消表头的合并"
            )));
        }
    }
    Ok(())
}

fn missing_column(grid: &Grid, header_row: u32, key: &str, columns: &[Column]) -> Error {
    let names = TASK_COLUMNS
        .iter()
        .find(|c| c.key == key)
        .map_or(&[][..], |c| c.headers);
    let found: Vec<&str> = columns.iter().map(|c| c.header.as_str()).collect();
    Error::at(
        grid.place(header_row, 0),
        format!("缺少必需的列「{}」", names.join("/")),
    )
    .with_hint(format!(
        "找到的表头：{}；如果这一列用了别的名称，请在方案文件的 tasks.headers 中指明，如 {{\"工作内容\": content}}",
        found.join("、")
    ))
}

/// Whether row `r` repeats the header: something in its own cells under the columns, and
/// each of those names its own column (`责任单位` over the 责任单位 column, or the second
/// level's `配合单位` over its column).
pub(super) fn repeats_header(grid: &Grid, r: u32, columns: &[Column], opts: &Options) -> bool {
    let mut named = 0;
    for col in columns {
        let Some(c) = col.index else { continue };
        let text = grid.own_value(r, c);
        if text.is_empty() {
            continue;
        }
        if key_of(&text, opts).is_some_and(|k| k == col.key) || tidy_header(&text) == col.header {
            named += 1;
        } else {
            return false;
        }
    }
    named > 0
}

/// Whether every own cell of row `r` names a column: a header row, not a title.
pub(super) fn names_columns(grid: &Grid, r: u32, opts: &Options) -> bool {
    let mut cells = (0..=grid.end.1)
        .map(|c| grid.own_value(r, c))
        .filter(|v| !v.is_empty())
        .peekable();
    cells.peek().is_some() && cells.all(|v| key_of(&v, opts).is_some())
}
