//! An attachment that is a 任务分解表 — a title and one table whose header names task columns
//! as a sheet's header would (`model::names_task_columns`) — read as the scheme file's
//! `tasks:`: its columns keyed, a merged cell's text in every row it covers, a 完成时限 that is
//! a date in ISO form, as the sheet reader reads them. dossier prints the task table as the
//! last attachment, so only the last attachment is taken; one elsewhere stays where the draft
//! has it, with a doubt, rather than being moved without a word.

use super::doubt::Doubts;
use super::outline::{on_grid, task_table};
use super::{Block, Cell};
use crate::model::{TaskTable, column_key, names_task_columns, tidy_header};
use crate::text::Date;

/// The task table of the draft's `pieces` (each with whether a label opened it; the first is
/// the scheme): the last piece, taken out, when it is one. A task table in another attachment
/// stays, noted in `doubts`.
pub(super) fn take_tasks(
    pieces: &mut Vec<(bool, Vec<Block>)>,
    doubts: &mut Doubts,
) -> Option<TaskTable> {
    let last = pieces.len().checked_sub(1).filter(|&l| l > 0)?;
    for (_, blocks) in pieces.get(1..last).unwrap_or_default() {
        if let Some((table, number)) = tasks(blocks) {
            let title = table.shown_title();
            doubts.add_at(
                number,
                title,
                format!(
                    "「{title}」是任务分解表，但不是最后一个附件：dossier 把任务分解表排在最后一个附件（tasks:），这里按草稿的位置留作附件中的文字；要导入为 tasks，请在草稿里把它移到最后再导入"
                ),
            );
        }
    }
    let (table, _) = tasks(&pieces.get(last)?.1)?;
    pieces.pop();
    Some(table)
}

/// The task table `blocks` hold, with the number of its title's paragraph (0 without one):
/// a title (a paragraph, or a row of one cell above the header) and one table whose header
/// names task columns.
fn tasks(blocks: &[Block]) -> Option<(TaskTable, usize)> {
    let blank = |b: &&Block| matches!(b, Block::Para(p) if p.text.trim().is_empty());
    let filled: Vec<&Block> = blocks.iter().filter(|b| !blank(b)).collect();
    let (title, number, rows) = match filled.as_slice() {
        [Block::Para(p), Block::Table(rows)] => (Some(squashed(&p.text)), p.number, rows),
        [Block::Table(rows)] => (None, 0, rows),
        _ => return None,
    };
    let (in_table, rows) = title_row(rows);
    let table = keyed(rows, title.or(in_table))?;
    Some((table, number))
}

/// `text` without its spaces, as a document's title is taken (a title spaced out by hand,
/// `分 解 表`, is one word).
fn squashed(text: &str) -> String {
    text.split_whitespace().collect()
}

/// The title `rows` open with, when their first row holds one text alone and is no header,
/// and the rows after it; else no title and all of `rows`.
fn title_row(rows: &[Vec<Cell>]) -> (Option<String>, &[Vec<Cell>]) {
    let Some((first, rest)) = rows.split_first() else {
        return (None, rows);
    };
    let filled: Vec<String> = texts(first).into_iter().filter(|t| !t.is_empty()).collect();
    match filled.as_slice() {
        [one] if !rest.is_empty() && column_key(one).is_none() => (Some(one.clone()), rest),
        _ => (None, rows),
    }
}

/// The task table of `rows`, its header the first row (or two), titled `title`: `None` when
/// the header does not name task columns, leaves a column without a header or names one
/// twice.
fn keyed(rows: &[Vec<Cell>], title: Option<String>) -> Option<TaskTable> {
    let first = texts(rows.first()?);
    let second = rows.get(1).and_then(|below| second_level(&rows[0], below));
    let levels = 1 + usize::from(second.is_some());
    let header = second.unwrap_or_else(|| first.clone());
    let known: Vec<&str> = header.iter().filter_map(|h| column_key(h)).collect();
    let keys: Vec<String> = (header.iter())
        .map(|h| column_key(h).map_or_else(|| h.clone(), str::to_string))
        .collect();
    let unique = (keys.iter().enumerate()).all(|(i, k)| !keys[..i].contains(k));
    if !names_task_columns(&known) || keys.iter().any(String::is_empty) || !unique {
        return None;
    }
    let again = |row: &Vec<Cell>| [&first, &header].iter().any(|h| repeats(row, h));
    let kept: Vec<Vec<Cell>> = (rows.iter().enumerate().skip(levels - 1))
        .filter(|(i, row)| *i == levels - 1 || !again(row))
        .map(|(_, row)| row.clone())
        .collect();
    let mut table = task_table(&kept);
    if table.columns.len() != keys.len() {
        return None;
    }
    for (column, (key, header)) in table.columns.iter_mut().zip(keys.into_iter().zip(header)) {
        let merged = table.merges.iter_mut().filter(|m| m.column == column.key);
        merged.for_each(|m| m.column.clone_from(&key));
        (column.key, column.header) = (key, header);
    }
    (table.merges).sort_by(|a, b| (a.first, &a.column).cmp(&(b.first, &b.column)));
    table.title = title;
    fill_merged(&mut table);
    iso_deadlines(&mut table);
    Some(table)
}

/// A row's texts on the table's grid, tidied of spaces: a cell spanning columns gives its
/// text, then empty places.
fn texts(row: &[Cell]) -> Vec<String> {
    (on_grid(row).into_iter())
        .map(|(t, _)| tidy_header(&t))
        .collect()
}

/// The header `first` and `below` make when `below` is its second level (责任单位 over 牵头单位
/// and 配合单位): each of its own texts names a column or stands under a header spanning
/// columns, and one at least names a column. The second level's texts name their columns in
/// place of those above them.
fn second_level(first: &[Cell], below: &[Cell]) -> Option<Vec<String>> {
    let wide: Vec<bool> = (first.iter())
        .flat_map(|c| std::iter::repeat_n(c.span > 1, c.span.max(1)))
        .collect();
    let own: Vec<String> = (on_grid(below).into_iter())
        .map(|(t, continued)| {
            if continued {
                String::new()
            } else {
                tidy_header(&t)
            }
        })
        .collect();
    let mut names = false;
    for (c, text) in own.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
        names |= column_key(text).is_some();
        if column_key(text).is_none() && !wide.get(c).copied().unwrap_or(false) {
            return None;
        }
    }
    let header = texts(first).into_iter().enumerate();
    let merged = header.map(|(c, above)| match own.get(c) {
        Some(text) if !text.is_empty() => text.clone(),
        _ => above,
    });
    names.then(|| merged.collect())
}

/// Whether `row` repeats the header (a header printed again on every page): something in it,
/// and each of its texts its column's header.
fn repeats(row: &[Cell], header: &[String]) -> bool {
    let texts = texts(row);
    texts.iter().any(|t| !t.is_empty())
        && (texts.iter().zip(header)).all(|(t, h)| t.is_empty() || t == h)
}

/// Each merged cell's text in every row the merge covers, as a sheet's task table has it.
fn fill_merged(table: &mut TaskTable) {
    for m in &table.merges {
        let Some(c) = table.column(&m.column) else {
            continue;
        };
        let at = |row: u32| usize::try_from(row).ok().and_then(|r| r.checked_sub(1));
        let (Some(first), Some(last)) = (at(m.first), at(m.last)) else {
            continue;
        };
        let Some(text) = (table.rows.get(first))
            .and_then(|r| r.cells.get(c))
            .cloned()
        else {
            continue;
        };
        let covered = table.rows.iter_mut().take(last + 1).skip(first + 1);
        for cell in covered.filter_map(|r| r.cells.get_mut(c)) {
            if cell.is_empty() {
                cell.clone_from(&text);
            }
        }
    }
}

/// A 完成时限 that is a date in ISO form (`2024-09-30`), as the sheet reader keeps it; words
/// (`9月底前`, `长期坚持`) as they are.
fn iso_deadlines(table: &mut TaskTable) {
    let Some(c) = table.column("deadline") else {
        return;
    };
    for cell in table.rows.iter_mut().filter_map(|r| r.cells.get_mut(c)) {
        if let Ok(date) = Date::parse(cell) {
            *cell = date.iso();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::draft::{Para, read_markdown};

    fn cell(text: &str, continued: bool) -> Cell {
        Cell {
            text: text.into(),
            span: 1,
            continued,
        }
    }

    fn para(text: &str, number: usize) -> Block {
        Block::Para(Para {
            text: text.into(),
            number,
            ..Para::default()
        })
    }

    fn row(cells: &[(&str, bool)]) -> Vec<Cell> {
        cells.iter().map(|&(t, c)| cell(t, c)).collect()
    }

    fn sample() -> Vec<Vec<Cell>> {
        vec![
            row(&[("序 号", false), ("测评项目", false), ("测评内容", false)]),
            row(&[("1", false), ("政务环境", false), ("学习制度", false)]),
            row(&[("2", false), ("", true), ("一网通办", false)]),
        ]
    }

    #[test]
    fn a_header_naming_no_required_column_is_no_task_table() {
        let mut rows = sample();
        rows[0][2] = cell("备注", false);
        assert!(tasks(&[para("表", 1), Block::Table(rows)]).is_none());
        assert!(tasks(&[para("表", 1), Block::Table(sample())]).is_some());
    }

    #[test]
    fn a_title_row_and_a_repeated_header_are_read_as_such() {
        let mut rows = sample();
        rows[0].push(cell("责任单位", false));
        (rows[1..].iter_mut()).for_each(|r| r.push(cell("县委宣传部", false)));
        let title = Cell {
            span: 4,
            ..cell("测评任务分解表", false)
        };
        rows.insert(0, vec![title]);
        rows.insert(3, rows[1].clone());
        let (table, number) = tasks(&[Block::Table(rows)]).unwrap();
        assert_eq!(
            (table.title.as_deref(), number),
            (Some("测评任务分解表"), 0)
        );
        let keys: Vec<&str> = table.columns.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["seq", "item", "content", "lead"]);
        assert_eq!(table.columns[0].header, "序号");
        assert_eq!(table.rows.len(), 2, "the header printed again is no task");
        assert_eq!(
            table.rows[1].cells[1], "政务环境",
            "the merged cell in each row"
        );
        assert_eq!((table.merges[0].first, table.merges[0].last), (1, 2));
    }

    #[test]
    fn a_header_of_two_levels_names_the_columns_under_it() {
        let rows = vec![
            vec![
                cell("测评内容", false),
                wide_lead(),
                cell("完成时限", false),
            ],
            row(&[
                ("", true),
                ("牵头单位", false),
                ("配合单位", false),
                ("", true),
            ]),
            row(&[
                ("学习制度", false),
                ("县委宣传部", false),
                ("", false),
                ("长期坚持", false),
            ]),
            vec![
                cell("测评内容", false),
                wide_lead(),
                cell("完成时限", false),
            ],
            row(&[
                ("一网通办", false),
                ("县政务服务中心", false),
                ("县数据局", false),
                ("", false),
            ]),
        ];
        let (table, _) = tasks(&[para("分解表", 1), Block::Table(rows)]).unwrap();
        let columns: Vec<(&str, &str)> = (table.columns.iter())
            .map(|c| (c.key.as_str(), c.header.as_str()))
            .collect();
        assert_eq!(
            columns,
            [
                ("content", "测评内容"),
                ("lead", "牵头单位"),
                ("coop", "配合单位"),
                ("deadline", "完成时限")
            ]
        );
        assert_eq!(
            table.rows.len(),
            2,
            "the first level printed again is no task"
        );
        assert_eq!(
            table.rows[1].cells,
            ["一网通办", "县政务服务中心", "县数据局", ""]
        );
    }

    fn wide_lead() -> Cell {
        Cell {
            span: 2,
            ..cell("责任单位", false)
        }
    }

    #[test]
    fn only_the_last_attachment_is_taken_and_one_elsewhere_is_doubted() {
        let mut rows = sample();
        rows[0][2] = cell("责任单位", false);
        let table = || vec![para("分解表", 5), Block::Table(rows.clone())];
        let mut pieces = vec![
            (false, vec![para("方案", 1)]),
            (true, table()),
            (true, table()),
        ];
        let mut doubts = Doubts::default();
        let taken = take_tasks(&mut pieces, &mut doubts).unwrap();
        assert_eq!((taken.title.as_deref(), pieces.len()), (Some("分解表"), 2));
        assert_eq!((doubts.0.len(), doubts.0[0].number), (1, 5));
        assert!(doubts.0[0].what.contains("不是最后一个附件"));
    }

    #[test]
    fn a_markdown_table_is_a_task_table() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("分解表.md");
        let md = "# 测评任务分解表\n\n| 序号 | 测评内容 | 责任单位 | 完成时限 |\n|---|---|---|---|\n\
                  | 1 | 学习制度 | 县委宣传部 | 2024年9月30日 |\n| 2 | 一网通办 | 县政务服务中心 | 长期坚持 |\n";
        std::fs::write(&path, md).unwrap();
        let draft = read_markdown(&path).unwrap();
        let (table, _) = tasks(&draft.blocks).unwrap();
        assert_eq!(table.title.as_deref(), Some("测评任务分解表"));
        assert_eq!(
            table.rows[0].cells,
            ["1", "学习制度", "县委宣传部", "2024-09-30"]
        );
        assert_eq!(table.rows[1].cells[3], "长期坚持");
    }
}
