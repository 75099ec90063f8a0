//! A draft's body as a document of the scheme: its headings, recognised by the numbers they
//! open with (一、 （一） 1. （1）), become sections numbered as the draft numbers them (one
//! level straight through the document, or from 1 under each heading); the text under each
//! its paragraphs; a table the section's table.

use super::doubt::Doubts;
use super::heading::{Label, label};
use super::{Block, Cell, Draft, Para};
use crate::model::{Merge, Section, SectionTable, TaskTable};

/// What a draft's body becomes: paragraphs and a table before its first heading, and its
/// sections.
#[derive(Debug, Default)]
pub struct Body {
    /// Paragraphs before the first heading (and before any table there).
    pub preamble: Vec<String>,
    /// A table before the first heading.
    pub table: Option<TaskTable>,
    /// Paragraphs after that table.
    pub after_table: Vec<String>,
    /// The sections, top level first.
    pub sections: Vec<Section>,
    /// What reading the headings guessed: numbers skipped or repeated, a level inferred.
    pub doubts: Doubts,
}

/// The body of `draft`; `Err` says which table has no place (dossier sets one a section).
pub fn body(draft: &Draft) -> Result<Body, String> {
    let mut out = Outline::default();
    for (n, block) in draft.blocks.iter().enumerate() {
        match block {
            Block::Para(p) => out.paragraph(p),
            Block::Table(rows) => out.table(rows, n + 1)?,
        }
    }
    out.close(0);
    Ok(out.body)
}

#[derive(Default)]
struct Outline {
    body: Body,
    /// Open sections, outermost first.
    open: Vec<Section>,
    /// How far each level has counted, under its present heading and straight through.
    under: [u32; 5],
    through: [u32; 5],
    /// The number each level's last heading was typed with, under its present heading.
    typed: [u32; 5],
    /// The level ordinal stages (`第一阶段：`) take under their heading, once one has.
    ordinal: Option<u8>,
}

impl Outline {
    fn paragraph(&mut self, p: &Para) {
        let text = heading_unbolded(&p.text);
        let Some((len, found)) = label(&text) else {
            self.text(p.text.clone());
            return;
        };
        let (level, typed, untitled) = match found {
            Label::Level {
                level,
                number,
                untitled,
            } => (level, number, untitled),
            Label::Ordinal(n) => (self.ordinal_level(), n, false),
        };
        let rest = text[len..].trim();
        let anchor: String = rest.trim_start_matches('*').chars().take(12).collect();
        self.check_number(level, typed, (text[..len].trim(), p.number, &anchor));
        self.check_level(level, &text, (p.number, &anchor));
        self.close(level);
        let number = self.count(level, typed);
        let mut section = titled(level, number, rest);
        if let Label::Ordinal(_) = found {
            // The stage keeps its `第一阶段：`, which says how it is numbered.
            section.title = text.trim().to_string();
            self.ordinal = Some(level);
        } else if untitled || is_sentence(&section) {
            section.paragraphs = vec![rest.to_string()];
            section.title.clear();
        }
        self.open.push(section);
    }

    /// The level an ordinal stage takes: that of the stages before it, else one below the
    /// heading it stands under.
    fn ordinal_level(&self) -> u8 {
        let under = self.open.last().map_or(0, |s| s.level);
        match self.ordinal {
            Some(level) if level <= under => level,
            _ => (under + 1).min(4),
        }
    }

    /// Notes a heading whose number `typed` does not follow the one typed before it under its
    /// parent (the first one: 1, or on from the level's count straight through): dossier
    /// numbers it in order again.
    fn check_number(
        &mut self,
        level: u8,
        typed: u32,
        (label, number, anchor): (&str, usize, &str),
    ) {
        let l = usize::from(level);
        let follows = match self.typed[l] {
            0 => typed == 1 || typed == self.through[l] + 1,
            last => typed == last + 1,
        };
        if follows {
            return;
        }
        let what = if typed <= self.typed[l] {
            "重复了前面的编号"
        } else {
            "跳过了编号"
        };
        let said = format!(
            "标题编号「{label}」{what}：dossier 已按顺序编为第 {} 个，请核对是否漏了或多了一项",
            self.under[l] + 1
        );
        self.body.doubts.add_at(number, anchor, said);
    }

    /// Notes a circled number (`①`) not under a `1.` heading: its level is inferred, set
    /// as the fourth (`（1）`).
    fn check_level(&mut self, level: u8, text: &str, (number, anchor): (usize, &str)) {
        let circled = text
            .trim_start()
            .starts_with(|c: char| ('①'..='⑳').contains(&c));
        let parent = self
            .open
            .iter()
            .rev()
            .find(|s| s.level < level)
            .map(|s| s.level);
        if circled && parent != Some(3) {
            let said = "「①」式编号不在「1.」级标题之下：已按第四级（（1））排，请核对层级";
            self.body.doubts.add_at(number, anchor, said);
        }
    }

    /// The number a heading of `level` typed `typed` gets: as typed when the draft counts
    /// that level straight through, else its place under its parent.
    fn count(&mut self, level: u8, typed: u32) -> u32 {
        let l = usize::from(level);
        let number = if typed == self.through[l] + 1 && typed != self.under[l] + 1 {
            typed
        } else {
            self.under[l] + 1
        };
        (self.under[l], self.through[l]) = (number, self.through[l] + 1);
        self.typed[l] = typed;
        self.under[l + 1..].iter_mut().for_each(|c| *c = 0);
        self.typed[l + 1..].iter_mut().for_each(|c| *c = 0);
        if self.ordinal.is_some_and(|o| level < o) {
            self.ordinal = None;
        }
        number
    }

    /// A paragraph of text, for the section being read, or the body before the first one.
    fn text(&mut self, text: String) {
        match self.open.last_mut() {
            Some(s) if s.table.is_some() => s.after.push(text),
            Some(s) => s.paragraphs.push(text),
            None if self.body.table.is_some() => self.body.after_table.push(text),
            None => self.body.preamble.push(text),
        }
    }

    fn table(&mut self, rows: &[Vec<Cell>], n: usize) -> Result<(), String> {
        let table = task_table(rows);
        let taken = match self.open.last_mut() {
            Some(s) if s.table.is_none() && s.after.is_empty() => {
                s.table = Some(SectionTable { index: 0, table });
                return Ok(());
            }
            Some(s) => s.title.clone(),
            None if self.body.table.is_none() => {
                self.body.table = Some(table);
                return Ok(());
            }
            None => "第一个标题之前".to_string(),
        };
        Err(format!(
            "第 {n} 块内容是表格，而「{taken}」已有一个表格：dossier 每节排一个表格，请把它放到有编号标题的一节里"
        ))
    }

    /// Closes the open sections of `level` and deeper, each into its parent or the body.
    fn close(&mut self, level: u8) {
        while self.open.last().is_some_and(|s| s.level >= level) {
            let Some(done) = self.open.pop() else { break };
            match self.open.last_mut() {
                Some(parent) => parent.sections.push(done),
                None => self.body.sections.push(done),
            }
        }
    }
}

/// A section of `level` headed `rest`: a heading bold after its number (`**加强领导。**各单位
/// ……`) or one whose first sentence is followed by more (`加强领导。各单位……`) runs in.
fn titled(level: u8, number: u32, rest: &str) -> Section {
    let mut section = Section::new(level, number, rest.to_string());
    let split = bold_opening(rest).or_else(|| {
        rest.split_once('。')
            .map(|(t, x)| (&rest[..t.len() + '。'.len_utf8()], x))
    });
    if let Some((title, text)) = split.filter(|(_, t)| !t.trim().is_empty()) {
        section.title = title.to_string();
        section.paragraphs.push(text.trim().to_string());
        section.run_in = true;
    } else if let Some((title, _)) = bold_opening(rest) {
        section.title = title.to_string();
    }
    section
}

/// Whether the heading of `s` is a sentence of text rather than a title: no text of its
/// own, and ending as a sentence does (`。`, `；`), unless it names a stage with its period.
fn is_sentence(s: &Section) -> bool {
    let t = s.title.trim_end_matches(['。', '；']);
    let stage = t.contains("阶段") || t.ends_with('）');
    s.paragraphs.is_empty() && t.len() < s.title.len() && !stage
}

/// `text` without the bold marks around the words it opens with, when a heading number opens
/// them (`**1.明确责任。**各单位……`): the heading's own face shows it.
fn heading_unbolded(text: &str) -> String {
    let opened = text.strip_prefix("**").and_then(|t| t.split_once("**"));
    match opened {
        Some((bold, rest)) if label(bold).is_some() => format!("{bold}{rest}"),
        _ => text.to_string(),
    }
}

/// The bold words `text` opens with and the rest: `**加强领导。**各单位……`.
fn bold_opening(text: &str) -> Option<(&str, &str)> {
    let (bold, rest) = text.strip_prefix("**")?.split_once("**")?;
    (!bold.is_empty()).then_some((bold, rest))
}

/// The table of `rows`: the first its header; a cell spanning columns leaves those after it
/// empty, and cells that continue the one above are merged with it.
pub(super) fn task_table(rows: &[Vec<Cell>]) -> TaskTable {
    let grid: Vec<Vec<(String, bool)>> = rows.iter().map(|r| on_grid(r)).collect();
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    let header = grid.first().cloned().unwrap_or_default();
    let keys = column_keys(&header, width);
    let columns: Vec<(&str, &str)> = (keys.iter())
        .zip(
            header
                .iter()
                .map(|(t, _)| t.as_str())
                .chain(std::iter::repeat("")),
        )
        .map(|(k, h)| (k.as_str(), h))
        .collect();
    let body = grid.get(1..).unwrap_or_default();
    let cells = body
        .iter()
        .map(|r| {
            let mut row: Vec<String> = r.iter().map(|(t, _)| t.clone()).collect();
            row.resize(width, String::new());
            row
        })
        .collect();
    let mut table = TaskTable::built(&columns, cells);
    table.merges = merges(body, &keys);
    table
}

/// The keys of a table's `width` columns: each its header, as a scheme file's section table
/// keys them, unless the header is empty or named twice (then `c1`, `c2`, … by place).
fn column_keys(header: &[(String, bool)], width: usize) -> Vec<String> {
    let heads: Vec<&str> = (0..width)
        .map(|c| header.get(c).map_or("", |(t, _)| t.as_str()))
        .collect();
    let once = |h: &str| !h.is_empty() && heads.iter().filter(|x| **x == h).count() == 1;
    (heads.iter().enumerate())
        .map(|(c, h)| {
            if once(h) {
                h.to_string()
            } else {
                format!("c{}", c + 1)
            }
        })
        .collect()
}

/// A row's cells on the table's grid: a spanning cell's text, then empty places.
pub(super) fn on_grid(row: &[Cell]) -> Vec<(String, bool)> {
    row.iter()
        .flat_map(|c| {
            let rest = std::iter::repeat_n((String::new(), c.continued), c.span.saturating_sub(1));
            std::iter::once((c.text.clone(), c.continued)).chain(rest)
        })
        .collect()
}

/// The vertical merges of `rows` (rows numbered from 1, as the table numbers them).
fn merges(rows: &[Vec<(String, bool)>], keys: &[String]) -> Vec<Merge> {
    let mut out = Vec::new();
    for (c, key) in keys.iter().enumerate() {
        let continues = |r: usize| rows.get(r).and_then(|row| row.get(c)).is_some_and(|x| x.1);
        let mut r = 0;
        while r < rows.len() {
            let mut last = r;
            while continues(last + 1) {
                last += 1;
            }
            if last > r {
                out.push(Merge {
                    column: key.clone(),
                    first: r as u32 + 1,
                    last: last as u32 + 1,
                });
            }
            r = last + 1;
        }
    }
    out
}
