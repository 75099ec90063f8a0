//! A Markdown draft (`.md`, as an assistant writes one) read into paragraphs and tables, each
//! paragraph numbered by the line it starts on. Each line is a paragraph, as an assistant
//! writes one (CommonMark would join the lines a signature and its date are written on).
//! `# 标题` is the centred title, other headings bold paragraphs; `**…**` stays as the scheme
//! file's own bold mark, `*…*` is plain text; a list item is a paragraph with its number in
//! front as text (`1.`; inside the bold mark of an item that opens bold), a bullet item its
//! text alone; a table (GitHub's) is a table; code, HTML, pictures and links give their text
//! (a link whose text is empty, its address).

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::decode::{line_of, line_starts, read_text};
use super::{Block, Cell, Count, Draft, LIMIT_HINT, Para};
use crate::error::{Error, Result};
use crate::text::heading_number;

/// The draft the Markdown file at `path` holds, decoded as a text draft is.
///
/// ```
/// use dossier::read::draft::{Block, read_markdown};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("方案.md");
/// std::fs::write(&path, "# 实施方案\n\n## 一、总体要求\n\n1. **加强领导。**各单位要……\n").unwrap();
/// let draft = read_markdown(&path).unwrap();
/// let paras: Vec<_> = draft.blocks.iter().map(|b| match b {
///     Block::Para(p) => (p.text.as_str(), p.centred, p.bold, p.number),
///     Block::Table(_) => unreachable!(),
/// }).collect();
/// assert_eq!(paras, [
///     ("实施方案", true, false, 1),
///     ("一、总体要求", false, true, 3),
///     ("**1.加强领导。**各单位要……", false, false, 5),
/// ]);
/// ```
pub fn read_markdown(path: &Path) -> Result<Draft> {
    let text = read_text(path)?;
    let damaged = || {
        Error::file(path, "无法读取 Markdown 草稿：其中的结构不完整或自相矛盾")
            .with_hint("用文本编辑器打开它检查，或另存为纯文本 .txt 后再导入")
    };
    super::super::guard::guarded(
        || markdown_draft(&text).map_err(|why| Error::file(path, why).with_hint(LIMIT_HINT)),
        damaged,
    )
}

/// The draft of Markdown `text`; `Err` names the line past a limit.
fn markdown_draft(text: &str) -> std::result::Result<Draft, String> {
    let mut walk = Walk::new(line_starts(text));
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        walk.event(event, range)?;
    }
    walk.end_paragraph()?;
    Ok(walk.draft)
}

/// Where the reading of the events is.
#[derive(Default)]
struct Walk {
    starts: Vec<usize>,
    draft: Draft,
    count: Count,
    /// The paragraph (or table cell) being read, the line it starts on, its heading level.
    text: String,
    line: usize,
    heading: Option<HeadingLevel>,
    /// The open lists' next numbers, `None` for a bullet list; the number waiting for the
    /// first paragraph of its item, set before it when it ends.
    lists: Vec<Option<u64>>,
    label: Option<String>,
    /// The table being read, and where the link being read started in the text.
    rows: Option<Vec<Vec<Cell>>>,
    link: Option<(usize, String)>,
    /// Inside a code or HTML block, whose lines are paragraphs each.
    verbatim: bool,
}

impl Walk {
    fn new(starts: Vec<usize>) -> Walk {
        Walk {
            starts,
            draft: Draft {
                by_line: true,
                ..Draft::default()
            },
            ..Walk::default()
        }
    }

    fn event(&mut self, event: Event, range: Range<usize>) -> std::result::Result<(), String> {
        match event {
            Event::Start(tag) => self.start(tag, range)?,
            Event::End(tag) => self.end(tag)?,
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.text_at(&t, range)?
            }
            Event::Html(t) => self.text_at(&without_tags(&t), range)?,
            Event::InlineHtml(t) if is_line_break(&t) => self.text.push('\n'),
            Event::SoftBreak | Event::HardBreak => self.begin(range.end)?,
            Event::Rule => self.end_paragraph()?,
            _ => {}
        }
        Ok(())
    }

    fn start(&mut self, tag: Tag, range: Range<usize>) -> std::result::Result<(), String> {
        match tag {
            Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell => {
                self.begin(range.start)?;
                if let Tag::Heading { level, .. } = tag {
                    self.heading = Some(level);
                }
                if matches!(tag, Tag::Item) {
                    self.label = self.lists.last_mut().and_then(next_number);
                }
            }
            Tag::CodeBlock(_) | Tag::HtmlBlock => {
                self.begin(range.start)?;
                self.verbatim = true;
            }
            Tag::List(first) => {
                self.end_paragraph()?;
                self.lists.push(first);
            }
            Tag::Table(_) => {
                self.end_paragraph()?;
                self.rows = Some(Vec::new());
            }
            Tag::TableHead | Tag::TableRow => self.rows.iter_mut().for_each(|r| r.push(Vec::new())),
            Tag::Strong if self.heading.is_none() => self.text.push_str("**"),
            Tag::Link { dest_url, .. } => self.link = Some((self.text.len(), dest_url.to_string())),
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, tag: TagEnd) -> std::result::Result<(), String> {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.end_paragraph()?,
            TagEnd::Item => {
                self.end_paragraph()?;
                self.label = None;
            }
            TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                self.end_paragraph()?;
                self.verbatim = false;
            }
            TagEnd::List(_) => {
                self.end_paragraph()?;
                self.lists.pop();
            }
            TagEnd::TableCell => self.end_cell()?,
            TagEnd::Table => {
                if let Some(rows) = self.rows.take() {
                    self.draft.blocks.push(Block::Table(rows));
                }
            }
            TagEnd::Strong if self.heading.is_none() => self.text.push_str("**"),
            TagEnd::Link => self.end_link(),
            _ => {}
        }
        Ok(())
    }

    /// A paragraph begins at byte `at`, ending the one before it if any.
    fn begin(&mut self, at: usize) -> std::result::Result<(), String> {
        self.end_paragraph()?;
        self.line = line_of(&self.starts, at);
        Ok(())
    }

    /// Text at `range`: in a code or HTML block, each of its lines a paragraph.
    fn text_at(&mut self, text: &str, range: Range<usize>) -> std::result::Result<(), String> {
        if !self.verbatim {
            self.text.push_str(text);
            return Ok(());
        }
        for (i, line) in text.split_inclusive('\n').enumerate() {
            if self.text.is_empty() {
                self.line = line_of(&self.starts, range.start) + i;
            }
            self.text.push_str(line.trim_end_matches(['\n', '\r']));
            if line.ends_with('\n') {
                self.end_paragraph()?;
            }
        }
        Ok(())
    }

    /// A link ended: when its text is empty, its address stands for it.
    fn end_link(&mut self) {
        if let Some((at, url)) = self.link.take()
            && self.text.get(at..).is_some_and(|t| t.trim().is_empty())
        {
            self.text.push_str(&url);
        }
    }

    fn end_cell(&mut self) -> std::result::Result<(), String> {
        let text = std::mem::take(&mut self.text).trim().to_string();
        self.count
            .paragraph(&text, &format!("第 {} 行", self.line))?;
        let cell = Cell {
            text: unbolded(&text).unwrap_or(&text).to_string(),
            span: 1,
            continued: false,
        };
        if let Some(row) = self.rows.as_mut().and_then(|r| r.last_mut()) {
            row.push(cell);
        }
        Ok(())
    }

    /// The paragraph read, into the draft; an empty one is layout.
    fn end_paragraph(&mut self) -> std::result::Result<(), String> {
        let text = std::mem::take(&mut self.text);
        let heading = self.heading.take();
        if text.trim().is_empty() {
            return Ok(());
        }
        let text = numbered(self.label.take(), text.trim());
        let text = text.as_str();
        self.count
            .paragraph(text, &format!("第 {} 行", self.line))?;
        let title = heading == Some(HeadingLevel::H1) && heading_number(text).is_none();
        let whole = unbolded(text).filter(|_| heading.is_none());
        self.draft.blocks.push(Block::Para(Para {
            text: whole.unwrap_or(text).to_string(),
            bold: (heading.is_some() && !title) || whole.is_some(),
            centred: title,
            number: self.line,
            picture: None,
            after_blank: false,
        }));
        Ok(())
    }
}

/// The label of a list's next item, counting it: `3.`; `None` in a bullet list.
fn next_number(list: &mut Option<u64>) -> Option<String> {
    let n = list.as_mut()?;
    *n += 1;
    Some(format!("{}.", *n - 1))
}

/// `text`, the first paragraph of a list item, after the item's number `label`; inside the
/// bold mark it opens with, if any (`1. **加强领导。**…` → `**1.加强领导。**…`), as offices
/// type a run-in heading. The mark is CommonMark's or, where CommonMark reads none
/// (`**加强领导。**各单位`: its rule wants no letter after a closing mark that follows
/// punctuation), the same two asterisks as text.
fn numbered(label: Option<String>, text: &str) -> String {
    match (label, text.strip_prefix("**")) {
        (Some(label), Some(rest)) => format!("**{label}{rest}"),
        (Some(label), None) => format!("{label}{text}"),
        (None, _) => text.to_string(),
    }
}

/// The text of a paragraph bold as a whole (`**总体要求**`), without its marks.
fn unbolded(text: &str) -> Option<&str> {
    let inner = text.strip_prefix("**")?.strip_suffix("**")?;
    (!inner.is_empty() && !inner.contains("**")).then_some(inner)
}

/// Whether inline HTML `tag` breaks the line (`<br>`, `<br/>`, `<BR />`).
fn is_line_break(tag: &str) -> bool {
    let name = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    name.trim().eq_ignore_ascii_case("br")
}

/// `html` without its tags and comments.
fn without_tags(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' if inside => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}
