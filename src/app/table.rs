//! `table`: the 测评任务分解表 of a task sheet, or of a scheme file's `tasks:`, as a DOCX.

use std::path::{Path, PathBuf};

use super::{Listener, Look, load_sheet, outputs, pipeline};
use crate::error::{Error, Result};
use crate::model::{Attachment, Document, TaskTable};
use crate::read;
use crate::template::Templates;

/// Writes the table of `input` (a task sheet, or a `.yaml` scheme file with `tasks:`) to
/// `out`; returns where.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let out = dir.path().join("表.docx");
/// let mut warnings = dossier::app::Warnings::default();
/// let look = dossier::app::Look::default();
/// let written = dossier::app::table::table("samples/分解表.xlsx".as_ref(), None, &out, &look, &mut warnings).unwrap();
/// assert_eq!(written, out);
/// let mut docx = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
/// let xml = std::io::read_to_string(docx.by_name("word/document.xml").unwrap()).unwrap();
/// assert!(xml.contains("<w:tblHeader/>"), "the header row repeats on every page");
/// assert!(xml.contains(">测评内容<") && xml.contains(">市委宣传部<"));
/// ```
pub fn table(
    input: &Path,
    sheet_name: Option<&str>,
    out: &Path,
    look: &Look,
    listener: &mut dyn Listener,
) -> Result<PathBuf> {
    let is_scheme = input.extension().is_some_and(|e| e == "yaml" || e == "yml");
    let table = if is_scheme {
        read::scheme::load(input)?.tasks.ok_or_else(|| {
            Error::file(input, "方案文件里没有 tasks（任务表）").with_hint(
                "在方案文件中加入 tasks: {file: 分解表.xlsx}，或直接用 dossier table 分解表.xlsx",
            )
        })?
    } else {
        load_sheet(input, sheet_name, listener)?.table
    };
    let templates = Templates::load(look.templates.as_deref())?;
    let bytes = pipeline::scheme_docx(&table_document(table), &templates, look.fonts.as_deref())?;
    outputs::write_one(out, bytes)
}

/// A task table as a document of its own: its title, then the table.
fn table_document(table: TaskTable) -> Document {
    Document {
        fonts: None,
        notice: None,
        attachments: vec![Attachment {
            label: None,
            title: table.shown_title().to_string(),
            preamble: Vec::new(),
            sections: Vec::new(),
            table: true,
        }],
        tasks: Some(table),
        indicators: Vec::new(),
    }
}
