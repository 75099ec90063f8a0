//! A plain-text draft (`.txt`, as Notepad and WPS save it) read line by line: each line a
//! paragraph numbered by its line, blank lines separating nothing more, the spaces and tabs
//! that set a line out trimmed, and a line that leading spaces centre marked centred (a
//! title). Lines drawn as a table with bars (`| 项目 | 责任单位 |`, as Markdown writes one) make
//! a table; a table drawn with tabs stays lines of text, tabs and all, since a tab also sets
//! out a signature or a date beside a name.

use std::path::Path;

use super::decode::{line_starts, read_text};
use super::indent::Setting;
use super::{Block, Cell, Count, Draft, LIMIT_HINT, Para};
use crate::error::{Error, Result};

/// The draft the text file at `path` holds: UTF-8, UTF-16 or GB18030 (GBK), told as
/// `decode` tells them; CR LF, CR and LF each end a line.
///
/// ```
/// use dossier::read::draft::{Block, read_txt};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("通知.txt");
/// std::fs::write(&path, "        关于开展志愿服务活动的通知\r\n\r\n各单位：\r\n").unwrap();
/// let draft = read_txt(&path).unwrap();
/// assert!(draft.by_line);
/// let Block::Para(title) = &draft.blocks[0] else { panic!() };
/// assert!(title.centred && title.text == "关于开展志愿服务活动的通知");
/// assert!(matches!(&draft.blocks[1], Block::Para(p) if p.text == "各单位：" && p.number == 3));
/// ```
pub fn read_txt(path: &Path) -> Result<Draft> {
    let text = read_text(path)?;
    lines_draft(&text).map_err(|why| Error::file(path, why).with_hint(LIMIT_HINT))
}

/// The draft of `text`'s lines; `Err` names the line past a limit.
fn lines_draft(text: &str) -> std::result::Result<Draft, String> {
    let lines = lines(text);
    let setting = Setting::of(&lines);
    let mut draft = Draft {
        blocks: Vec::new(),
        by_line: true,
    };
    let mut count = Count::default();
    let mut table = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let shown = line.trim();
        if !shown.is_empty() {
            count.paragraph(shown, &format!("第 {} 行", i + 1))?;
        }
        if let Some(row) = bar_row(shown) {
            table.push((i + 1, row));
            continue;
        }
        end_table(&mut draft, std::mem::take(&mut table));
        if !shown.is_empty() {
            draft.blocks.push(Block::Para(Para {
                text: shown.to_string(),
                bold: false,
                centred: setting.centred(i, line),
                number: i + 1,
                picture: None,
                after_blank: i > 0 && lines[i - 1].trim().is_empty(),
            }));
        }
    }
    end_table(&mut draft, table);
    Ok(draft)
}

/// The lines of `text`, without their ends.
fn lines(text: &str) -> Vec<&str> {
    let starts = line_starts(text);
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&s, e)| text.get(s..e).unwrap_or_default())
        .map(|l| l.trim_end_matches(['\r', '\n']))
        .collect()
}

/// The cells of a line drawn as a table row, bars at both ends (`|` or the full-width `｜`).
fn bar_row(line: &str) -> Option<Vec<String>> {
    let bar = |c: char| c == '|' || c == '｜';
    let inner = line.strip_prefix(bar)?.strip_suffix(bar)?;
    Some(inner.split(bar).map(|c| c.trim().to_string()).collect())
}

/// Whether `row` is the rule under a Markdown table's header (`|---|:--:|`).
fn is_rule(row: &[String]) -> bool {
    row.iter().all(|c| {
        let dashes = c.trim_matches(':');
        !dashes.is_empty() && dashes.chars().all(|d| d == '-')
    })
}

/// The rows drawn as a table, as one; a single row drawn so stays a line of text.
fn end_table(draft: &mut Draft, rows: Vec<(usize, Vec<String>)>) {
    if let [(number, row)] = rows.as_slice() {
        draft.blocks.push(Block::Para(Para {
            text: format!("|{}|", row.join("|")),
            number: *number,
            ..Para::default()
        }));
        return;
    }
    let cells: Vec<Vec<Cell>> = (rows.into_iter())
        .filter(|(_, row)| !is_rule(row))
        .map(|(_, row)| row.into_iter().map(cell).collect())
        .collect();
    if !cells.is_empty() {
        draft.blocks.push(Block::Table(cells));
    }
}

fn cell(text: String) -> Cell {
    Cell {
        text,
        span: 1,
        continued: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(draft: &Draft) -> Vec<String> {
        (draft.blocks.iter())
            .map(|b| match b {
                Block::Para(p) => format!("{}:{}", p.number, p.text),
                Block::Table(rows) => format!("table {}", rows.len()),
            })
            .collect()
    }

    #[test]
    fn each_line_is_a_paragraph_numbered_by_its_line() {
        let draft = lines_draft("标题\r\n\r\n　　第一段。\r  第二段。\n\t第三段\t\n").unwrap();
        assert_eq!(
            texts(&draft),
            ["1:标题", "3:第一段。", "4:第二段。", "5:第三段"]
        );
        assert!(draft.by_line);
    }

    #[test]
    fn lines_drawn_with_bars_make_a_table() {
        let text = "二、任务分工\n| 任务 | 责任单位 |\n|---|:---:|\n| 交通劝导 | 市公安局 |\n说明";
        let draft = lines_draft(text).unwrap();
        assert_eq!(texts(&draft), ["1:二、任务分工", "table 2", "5:说明"]);
        let Block::Table(rows) = &draft.blocks[1] else {
            panic!()
        };
        assert_eq!(rows[1][1].text, "市公安局");
        let draft = lines_draft("｜只有一行｜\n正文").unwrap();
        assert_eq!(texts(&draft), ["1:|只有一行|", "2:正文"]);
    }

    #[test]
    fn a_tab_inside_a_line_stays_in_its_text() {
        let draft = lines_draft("联系人：张三\t电话：12345\n联系人：李四\t电话：67890").unwrap();
        assert_eq!(
            texts(&draft),
            ["1:联系人：张三\t电话：12345", "2:联系人：李四\t电话：67890"]
        );
    }

    #[test]
    fn too_many_lines_are_refused_at_the_line_past_the_limit() {
        let text = "段落\n".repeat(crate::limits::DRAFT_PARAGRAPHS + 1);
        let e = lines_draft(&text).unwrap_err();
        assert!(e.contains("到第 20001 行为止"), "{e}");
    }
}
