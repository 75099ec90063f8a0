//! A sheet's cells read as a task table: the header row found below title rows, each header
//! known by its synonyms, the task rows below it with blank and note rows skipped, dates and
//! progress read, and the sheet's merges kept where they cover task rows.

use calamine::Data;

use super::Options;
use super::cells::text;
use super::grid::Grid;
use super::ods_spans::Span;
use crate::error::{Error, Result};
use crate::model::{Column, Merge, REQUIRED, TASK_COLUMNS, TaskRow, TaskTable};
use crate::text::Date;

/// How far down a sheet the header row is looked for.
const HEADER_SEARCH_ROWS: u32 = 30;

/// The task table of `grid`, with the rows skipped on the way, each naming its place.
pub(super) fn read_table(
    grid: &Grid,
    spans: &[Span],
    opts: &Options,
) -> Result<(TaskTable, Vec<String>)> {
    let header_row = header_row(grid, opts)?;
    let columns = columns(grid, header_row, opts)?;
    let (rows, warnings) = rows(grid, header_row, &columns)?;
    let merges = merges(spans, &columns, &rows);
    let table = TaskTable {
        title: title(grid, header_row),
        sheet: Some(grid.sheet.to_string()),
        columns,
        rows,
        merges,
    };
    Ok((table, warnings))
}

/// A header as typed, without the spaces offices pad it with.
fn tidy_header(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
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
    TASK_COLUMNS
        .iter()
        .find(|c| c.headers.contains(&h.as_str()))
        .map(|c| c.key.to_string())
}

/// The header row: the first row naming a required column, among rows naming the most.
fn header_row(grid: &Grid, opts: &Options) -> Result<u32> {
    let (end_row, end_col) = grid.end;
    let mut best: Option<(u32, usize)> = None;
    for r in 0..=end_row.min(HEADER_SEARCH_ROWS) {
        let keys: Vec<String> = (0..=end_col)
            .filter_map(|c| key_of(&grid.value(r, c), opts))
            .collect();
        let has_required = keys.iter().any(|k| REQUIRED.contains(&k.as_str()));
        if has_required && keys.len() >= 2 && best.is_none_or(|(_, n)| keys.len() > n) {
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

/// The columns the header row names, each once, the required ones among them.
fn columns(grid: &Grid, header_row: u32, opts: &Options) -> Result<Vec<Column>> {
    let mut columns: Vec<Column> = Vec::new();
    for c in 0..=grid.end.1 {
        let header = grid.value(header_row, c);
        if header.is_empty() {
            continue;
        }
        let key = key_of(&header, opts).unwrap_or_else(|| tidy_header(&header));
        if columns.iter().any(|col| col.key == key) {
            return Err(Error::at(
                grid.place(header_row, c),
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
            return Err(missing_column(grid, header_row, key, &columns));
        }
    }
    Ok(columns)
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

/// The title: the first text above the header row that is not an 附件 line.
fn title(grid: &Grid, header_row: u32) -> Option<String> {
    (0..header_row)
        .filter_map(|r| {
            (0..=grid.end.1)
                .map(|c| grid.value(r, c))
                .find(|v| !v.is_empty())
        })
        .find(|t| !t.starts_with("附件"))
}

/// The sheet column of each table column.
fn sheet_columns(columns: &[Column]) -> Vec<u32> {
    columns.iter().filter_map(|c| c.index).collect()
}

/// The task rows below the header, and a warning for each row skipped.
fn rows(grid: &Grid, header_row: u32, columns: &[Column]) -> Result<(Vec<TaskRow>, Vec<String>)> {
    let at = sheet_columns(columns);
    // A blank row is worth a warning only when a filled row follows it.
    let last_filled = (header_row + 1..=grid.end.0)
        .rev()
        .find(|&r| at.iter().any(|&c| !text(grid.raw(r, c)).is_empty()));
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for r in header_row + 1..=grid.end.0 {
        let first_text = grid.first_text(r);
        if first_text.as_deref().is_some_and(|t| {
            t.starts_with("注：") || t.starts_with("注:") || t.starts_with("说明：")
        }) {
            warnings.push(format!("{}: 表末的注释行，已跳过", grid.place(r, 0)));
            continue;
        }
        if at.iter().all(|&c| grid.own_value(r, c).is_empty()) {
            if first_text.is_none() && last_filled.is_some_and(|last| last >= r) {
                warnings.push(format!("{}: 空行，已跳过", grid.place(r, 0)));
            }
            continue;
        }
        let cells = row_cells(grid, r, columns, &at)?;
        rows.push(TaskRow { row: r + 1, cells });
    }
    if rows.is_empty() {
        return Err(Error::at(grid.place(header_row, 0), "表头下面没有任务行"));
    }
    Ok((rows, warnings))
}

/// One task row's cells, its progress and deadline read.
fn row_cells(grid: &Grid, r: u32, columns: &[Column], at: &[u32]) -> Result<Vec<String>> {
    let mut cells = grid.row(r, at);
    for ((col, &c), cell) in columns.iter().zip(at).zip(cells.iter_mut()) {
        match col.key.as_str() {
            "status" => progress(grid.raw(r, c), cell),
            "deadline" => deadline(grid, r, c, cell)?,
            _ => {}
        }
    }
    Ok(cells)
}

/// A typed 60% is stored as the number 0.6 with a percent format, which the reader does not
/// see; in a 完成情况 column a number is a progress, so it is shown as one.
fn progress(raw: &Data, cell: &mut String) {
    if let Data::Float(_) | Data::Int(_) = raw
        && let Ok(v) = cell.parse::<f64>()
    {
        let percent = if v <= 1.0 { v * 100.0 } else { v };
        *cell = format!("{}%", (percent * 10.0).round() / 10.0);
    }
}

/// A 完成时限 typed as text: a date in ISO form, words as they are; text meant as a date that
/// is none is an error at its cell.
fn deadline(grid: &Grid, r: u32, c: u32, cell: &mut String) -> Result<()> {
    if cell.is_empty() || matches!(grid.raw(r, c), Data::DateTime(_) | Data::DateTimeIso(_)) {
        return Ok(());
    }
    match Date::parse(cell) {
        Ok(d) => *cell = d.iso(),
        Err(e) if looks_like_date(cell) => {
            return Err(Error::at(
                grid.place(r, c),
                format!("完成时限「{cell}」不是有效日期：{e}"),
            )
            .with_hint("写成日期（如 2024-09-30），或写成文字（如 9月底前、长期坚持）"));
        }
        Err(_) => {}
    }
    Ok(())
}

/// Whether free text in a 完成时限 cell is meant as a date (and so must be a valid one).
fn looks_like_date(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    digits >= 6
        && s.chars()
            .all(|c| c.is_ascii_digit() || "-/.年月日 ".contains(c))
}

/// The sheet's merges over one table column that cover two or more of the task rows.
fn merges(spans: &[Span], columns: &[Column], rows: &[TaskRow]) -> Vec<Merge> {
    let at = sheet_columns(columns);
    let kept: Vec<u32> = rows.iter().map(|r| r.row).collect();
    let mut merges = Vec::new();
    for &(r0, c0, r1, c1) in spans {
        let Some(i) = at.iter().position(|&c| c == c0) else {
            continue;
        };
        if c1 != c0 && at.iter().any(|&c| c > c0 && c <= c1) {
            continue;
        }
        // `kept` is in sheet order: the merge's rows are found by two binary searches, not a
        // pass over every row for every merge.
        let from = kept.partition_point(|&row| row < r0 + 1);
        let to = kept.partition_point(|&row| row <= r1 + 1);
        let covered = kept.get(from..to).unwrap_or_default();
        if let (Some(&first), Some(&last), Some(column)) =
            (covered.first(), covered.last(), columns.get(i))
            && last > first
        {
            merges.push(Merge {
                column: column.key.clone(),
                first,
                last,
            });
        }
    }
    merges.sort_by(|a, b| (a.first, &a.column).cmp(&(b.first, &b.column)));
    merges
}
