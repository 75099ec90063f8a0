//! Drafts offices already have, read into the paragraphs and tables they hold: what an
//! attached Word document brings into a scheme, and what the importer recognises parts in.

mod docx;
pub(crate) mod numbering;
mod outline;
pub(crate) mod parts;
mod styles;
pub(crate) mod xml;

use std::path::Path;

use crate::error::{Error, Result};

pub use docx::read_docx;
pub use outline::{Body, body};

/// A draft: its paragraphs and tables in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    /// What it holds, in order.
    pub blocks: Vec<Block>,
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

/// The draft at `path`, by its extension.
pub fn read(path: &Path) -> Result<Draft> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    match ext.as_deref() {
        Some("docx") => read_docx(path),
        _ => Err(Error::file(path, "dossier 只能读取 Word 文档（.docx）")
            .with_hint("用 Word 或 WPS 打开它，另存为 .docx 后再试")),
    }
}
