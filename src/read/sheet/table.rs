//! A sheet's cells read as a task table: the task rows below the header (`header`), with
//! blank rows, note rows and repeats of the header or title skipped, dates and progress read,
//! and the sheet's merges kept where they cover task rows.

use calamine::Data;

use super::Options;
use super::cells::text;
use super::grid::Grid;
use super::header::{Header, check_covered, header, names_columns, repeats_header};
use super::ods_spans::Span;
use crate::error::{Error, Result};
use crate::model::{Column, Merge, TaskRow, TaskTable};
use crate::text::{Date, quoted_number};

/// The task table of `grid`, with the rows skipped on the way, each naming its place.
pub(super) fn read_table(
    grid: &Grid,
    spans: &[Span],
    opts: &Options,
) -> Result<(TaskTable, Vec<String>)> {
    let header = header(grid, opts)?;
    let title = title(grid, header.first, opts);
    let (rows, warnings) = rows(grid, &header, title.as_deref(), opts)?;
    let merges = merges(spans, &header.columns, &rows);
    let table = TaskTable {
        title,
        sheet: Some(grid.sheet.to_string()),
        columns: header.columns,
        rows,
        merges,
    };
    Ok((table, warnings))
}

/// The title: the first text above the header that is neither an 附件 line nor a row of
/// headers (the first level of a two-level header when the second names more columns).
fn title(grid: &Grid, header_row: u32, opts: &Options) -> Option<String> {
    (0..header_row)
        .filter(|&r| !names_columns(grid, r, opts))
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

/// What becomes of a row below the header that is no task.
enum Skip {
    /// Left out without a word: a blank row after the last task.
    Silently,
    /// Left out with this warning.
    Saying(String),
}

/// The task rows below the header, and a warning for each row skipped.
fn rows(
    grid: &Grid,
    header: &Header,
    title: Option<&str>,
    opts: &Options,
) -> Result<(Vec<TaskRow>, Vec<String>)> {
    let at = sheet_columns(&header.columns);
    // What is written under a column without a header of its own is refused, not left out.
    let under: Vec<u32> = at
        .iter()
        .copied()
        .chain(header.covered.iter().map(|(c, _)| *c))
        .collect();
    // A blank row is worth a warning only when a filled row follows it.
    let last_filled = (header.row + 1..=grid.end.0)
        .rev()
        .find(|&r| at.iter().any(|&c| !text(grid.raw(r, c)).is_empty()));
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for r in header.row + 1..=grid.end.0 {
        let skip = if under.iter().all(|&c| grid.own_value(r, c).is_empty()) {
            Some(blank_row(grid, r, last_filled))
        } else {
            no_task(grid, r, header, title, opts)
        };
        match skip {
            Some(Skip::Saying(w)) => warnings.push(format!("{}: {w}，已跳过", grid.place(r, 0))),
            Some(Skip::Silently) => {}
            None => {
                check_covered(grid, header, r)?;
                rows.push(TaskRow {
                    named: None,
                    row: r + 1,
                    cells: row_cells(grid, r, &header.columns, &at)?,
                });
            }
        }
    }
    if rows.is_empty() {
        return Err(Error::at(grid.place(header.row, 0), "表头下面没有任务行"));
    }
    Ok((rows, warnings))
}

/// A row with nothing of its own under the columns: a closing note, a blank row inside the
/// table, or nothing worth a word.
fn blank_row(grid: &Grid, r: u32, last_filled: Option<u32>) -> Skip {
    match grid.first_text(r) {
        Some(t) if is_note(&t) => Skip::Saying("表末的注释行".to_string()),
        None if last_filled.is_some_and(|last| last >= r) => Skip::Saying("空行".to_string()),
        _ => Skip::Silently,
    }
}

/// Why a filled row is no task, if it is none: a closing note, the header again, the title
/// again.
fn no_task(
    grid: &Grid,
    r: u32,
    header: &Header,
    title: Option<&str>,
    opts: &Options,
) -> Option<Skip> {
    let first_text = grid.first_text(r);
    if first_text.as_deref().is_some_and(is_note) {
        return Some(Skip::Saying("表末的注释行".to_string()));
    }
    if repeats_header(grid, r, &header.columns, opts) {
        return Some(Skip::Saying("重复的表头行".to_string()));
    }
    let title = title?;
    let mut own = (0..=grid.end.1)
        .map(|c| grid.own_value(r, c))
        .filter(|v| !v.is_empty());
    (own.next().as_deref() == Some(title) && own.next().is_none())
        .then(|| Skip::Saying("重复的标题行".to_string()))
}

/// A closing `注：…` / `说明：…` line.
fn is_note(t: &str) -> bool {
    t.starts_with("注：") || t.starts_with("注:") || t.starts_with("说明：")
}

/// One task row's cells, its progress and deadline read.
fn row_cells(grid: &Grid, r: u32, columns: &[Column], at: &[u32]) -> Result<Vec<String>> {
    let mut cells = grid.row(r, at);
    for ((col, &c), cell) in columns.iter().zip(at).zip(cells.iter_mut()) {
        match col.key.as_str() {
            "status" => progress(grid, r, c, cell)?,
            "deadline" => deadline(grid, r, c, cell)?,
            _ => {}
        }
    }
    Ok(cells)
}

/// A typed 60% is stored as the number 0.6 with a percent format, which the reader does not
/// see; in a 完成情况 column a number is a progress, so it is shown as one. A progress below
/// 0 or above 100%, as a number or as text, is an error at its cell.
fn progress(grid: &Grid, r: u32, c: u32, cell: &mut String) -> Result<()> {
    let number = matches!(grid.raw(r, c), Data::Float(_) | Data::Int(_));
    let value = if number {
        cell.parse::<f64>().ok()
    } else {
        cell.trim()
            .strip_suffix(['%', '％'])
            .and_then(|n| n.trim().parse::<f64>().ok())
    };
    let Some(v) = value else {
        return Ok(());
    };
    let percent = if number && v <= 1.0 { v * 100.0 } else { v };
    if !(0.0..=100.0).contains(&percent) {
        let shown = if number {
            quoted_number(v)
        } else {
            cell.clone()
        };
        return Err(Error::at(
            grid.place(r, c),
            format!("完成情况「{shown}」不在 0 至 100% 之间"),
        )
        .with_hint("写 已完成、推进中、未启动，或 0 至 100% 之间的百分比（如 60%）"));
    }
    if number {
        *cell = format!("{}%", (percent * 10.0).round() / 10.0);
    }
    Ok(())
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
