//! Drafts offices already have, read into the paragraphs and tables they hold: what an
//! attached Word document brings into a scheme, and what the importer recognises parts in.

pub mod colophon;
mod decode;
mod docx;
pub mod doubt;
pub mod forms;
mod heading;
mod indent;
mod markdown;
pub mod notice;
pub(crate) mod numbering;
mod outline;
pub(crate) mod parts;
pub mod recognise;
mod styles;
mod task_table;
mod text;
mod tidy;
pub mod typed;
pub mod unread;
pub(crate) mod xml;

use std::path::Path;

use crate::error::{Error, Result};
use crate::limits::{DRAFT_PARAGRAPHS, TEXT_CHARS};

pub use docx::read_docx;
pub use markdown::read_markdown;
pub use outline::{Body, body};
pub use text::read_txt;
pub use tidy::{tidy_draft, tidy_recognised};

/// A draft: its paragraphs and tables in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    /// What it holds, in order.
    pub blocks: Vec<Block>,
    /// Whether its paragraphs are numbered by the line they stand on (plain text and
    /// Markdown), not counted one by one (a Word document).
    pub by_line: bool,
}

impl Draft {
    /// Where paragraph `number` is, for a message: `第 12 段`, or `第 12 行` in a draft read
    /// line by line.
    ///
    /// ```
    /// use dossier::read::draft::Draft;
    /// assert_eq!(Draft::default().place(12), "第 12 段");
    /// assert_eq!(Draft { by_line: true, ..Draft::default() }.place(3), "第 3 行");
    /// ```
    pub fn place(&self, number: usize) -> String {
        place(self.by_line, number)
    }
}

/// `第 12 段`, or `第 12 行` when a draft is read `by_line`.
fn place(by_line: bool, number: usize) -> String {
    let unit = if by_line { "行" } else { "段" };
    format!("第 {number} {unit}")
}

/// A paragraph or a table of a draft.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Para(Para),
    /// A table, row by row.
    Table(Vec<Vec<Cell>>),
}

/// A paragraph as the draft prints it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    /// Its text: the list number Word prints before it included, bold runs inside a
    /// paragraph between `**` (the scheme file's 强调).
    pub text: String,
    /// Whether all of its text is bold: a heading made bold by hand.
    pub bold: bool,
    /// Whether it is centred: a title.
    pub centred: bool,
    /// Its place among the draft's paragraphs, from 1, for messages (`第 12 段`).
    pub number: usize,
    /// The width, mm, of a picture anchored in it (a seal pressed on the 署名 and date), when
    /// it has one; 0 when the document gives none.
    pub picture: Option<f64>,
    /// Whether blank paragraphs (or lines) stand before it: room left, as above a 发文字号
    /// typed for paper with the 版头 printed on it.
    pub after_blank: bool,
}

/// A table cell: its text (paragraphs joined by line breaks), and how it is merged.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// Its text.
    pub text: String,
    /// The grid columns it spans.
    pub span: usize,
    /// Whether it continues the cell above it (a vertical merge).
    pub continued: bool,
}

/// Whether `text` is an attachment's label (`附件`, `附件2`, `附件 3：`): a line a draft opens
/// with that dossier prints itself.
///
/// ```
/// use dossier::read::draft::is_label;
/// assert!(is_label("附件2") && is_label(" 附件 ：") && !is_label("附件：台账目录"));
/// ```
pub fn is_label(text: &str) -> bool {
    let rest = text.trim().strip_prefix("附件");
    let rest = rest.map(|r| r.trim_end_matches(['：', ':']));
    rest.is_some_and(|r| r.chars().all(|c| c.is_ascii_digit() || c.is_whitespace()))
}

/// The draft at `path`, read by its extension: `.docx`, `.txt`, `.md` or `.markdown`.
///
/// ```
/// use dossier::read::draft::{Block, read};
/// let draft = read("samples/台账管理办法.docx".as_ref()).unwrap();
/// assert!(matches!(&draft.blocks[1], Block::Para(p) if p.centred));
/// let e = read("草稿.doc".as_ref()).unwrap_err();
/// assert!(e.message.contains(".docx") && e.message.contains(".txt") && e.message.contains(".md"));
/// ```
pub fn read(path: &Path) -> Result<Draft> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    match ext.as_deref() {
        Some("docx") => read_docx(path),
        Some("txt") => read_txt(path),
        Some("md" | "markdown") => read_markdown(path),
        _ => Err(Error::file(
            path,
            "dossier 能读取的草稿是 Word 文档（.docx）、纯文本（.txt）和 Markdown（.md、.markdown）",
        )
        .with_hint("用 Word 或 WPS 打开它，另存为 .docx 或纯文本 .txt 后再试")),
    }
}

/// Counts a draft's paragraphs as they are read, to refuse a draft past
/// [`DRAFT_PARAGRAPHS`] or a paragraph past [`TEXT_CHARS`] before reading on.
#[derive(Debug, Default)]
struct Count(usize);

impl Count {
    /// One more paragraph, `text`, at `place` (`第 12 行`); `Err` says which limit it passes.
    fn paragraph(&mut self, text: &str, place: &str) -> std::result::Result<(), String> {
        self.0 += 1;
        if self.0 > DRAFT_PARAGRAPHS {
            return Err(format!(
                "草稿超过 {DRAFT_PARAGRAPHS} 段的上限（表格中的段落也计算在内），到{place}为止"
            ));
        }
        let chars = text.chars().count();
        if chars > TEXT_CHARS {
            return Err(format!(
                "{place}有 {chars} 字，超过一段 {TEXT_CHARS} 字的上限"
            ));
        }
        Ok(())
    }
}

/// What to do about a draft past a limit.
const LIMIT_HINT: &str = "检查这是否是要导入的草稿；确实这么长的，请分成几份分别导入";
