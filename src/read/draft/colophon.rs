//! The 版记 a draft ends with: `抄送：…。` and `<印发机关>  <日期>印发`, as lines or as the
//! rows of a table (dossier's own DOCX sets it as one).

use super::{Block, Para};
use crate::text::Date;

/// What a draft's 版记 says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Colophon {
    /// 抄送机关, as listed.
    pub cc: Vec<String>,
    /// 印发机关.
    pub printer: Option<String>,
    /// 印发日期.
    pub print_date: Option<Date>,
}

/// The 版记 at the end of `blocks`, taken off them, when they end with one.
///
/// ```
/// use dossier::read::draft::{Block, Para, colophon::take_colophon};
/// let para = |t: &str| Block::Para(Para { text: t.into(), ..Default::default() });
/// let mut blocks = vec![para("正文。"), para("抄送：市委办，市政府办。"), para("市文明办　　2024年3月5日印发")];
/// let c = take_colophon(&mut blocks).unwrap();
/// assert_eq!((c.cc.len(), c.printer.as_deref(), blocks.len()), (2, Some("市文明办"), 1));
/// ```
pub fn take_colophon(blocks: &mut Vec<Block>) -> Option<Colophon> {
    let mut colophon = Colophon::default();
    let mut found = false;
    while let Some(last) = blocks.last() {
        let lines = lines_of(last);
        if lines.iter().all(|l| l.trim().is_empty()) {
            blocks.pop();
            continue;
        }
        if !lines.iter().all(|l| read_line(l.trim(), &mut colophon)) {
            break;
        }
        found = true;
        blocks.pop();
    }
    found.then_some(colophon)
}

fn lines_of(block: &Block) -> Vec<String> {
    match block {
        Block::Para(Para { text, .. }) => vec![text.clone()],
        Block::Table(rows) => rows.iter().flatten().map(|c| c.text.clone()).collect(),
    }
}

/// Reads a 版记 line into `c`; false when it is none.
fn read_line(line: &str, c: &mut Colophon) -> bool {
    if line.is_empty() {
        return true;
    }
    if let Some(rest) = line
        .strip_prefix("抄送")
        .map(|r| r.trim_start_matches(['：', ':']))
    {
        let rest = rest.trim().trim_end_matches(['。', '.']);
        c.cc = crate::text::split_outside_brackets(rest, &['，', ','])
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        return true;
    }
    let Some(head) = line.strip_suffix("印发") else {
        return false;
    };
    let Some(cut) = head.rfind(|c: char| c.is_whitespace()) else {
        return false;
    };
    let Ok(date) = Date::parse(&head[cut..].replace(' ', "")) else {
        return false;
    };
    c.printer = Some(head[..cut].trim().to_string()).filter(|p| !p.is_empty());
    c.print_date = Some(date);
    true
}
