//! `table`: the 测评任务分解表 of a task sheet, or of a scheme file's `tasks:`, as a DOCX.

use std::path::PathBuf;

use super::{InMemory, Listener, Look, load_tasks, outputs, pipeline};
use crate::error::Result;
use crate::model::{Attachment, Document, TaskTable};
use crate::read::scheme::Files;
use crate::template::Templates;

/// What to lay out.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// A task sheet, or a `.yaml` scheme file with `tasks:`.
    pub input: PathBuf,
    /// The sheet's name; the first visible sheet when `None`.
    pub sheet_name: Option<String>,
    /// The DOCX to write.
    pub out: PathBuf,
    /// Templates and fonts.
    pub look: Look,
    /// Which files a scheme file may make dossier read.
    pub files: Files,
}

/// Writes the table of `req.input` to `req.out`, and its PDF beside it when `req.look` asks
/// for one; returns what it wrote.
///
/// ```
/// use dossier::app::{Warnings, table};
/// let dir = tempfile::tempdir().unwrap();
/// let out = dir.path().join("表.docx");
/// let req = table::Request { input: "samples/分解表.xlsx".into(), out: out.clone(), ..Default::default() };
/// let written = table::table(&req, &mut Warnings::default()).unwrap();
/// assert_eq!(written, [out.clone()]);
/// let mut docx = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
/// let xml = std::io::read_to_string(docx.by_name("word/document.xml").unwrap()).unwrap();
/// assert!(xml.contains("<w:tblHeader/>"), "the header row repeats on every page");
/// assert!(xml.contains(">测评内容<") && xml.contains(">市委宣传部<"));
/// ```
pub fn table(req: &Request, listener: &mut dyn Listener) -> Result<Vec<PathBuf>> {
    outputs::write_all(table_files(req, listener)?)
}

/// The files `table` writes, made in memory and not written: the DOCX at `req.out`, then the
/// PDF beside it when `req.look` asks for one (for a front that hands them over itself).
///
/// ```
/// use dossier::app::{Warnings, table};
/// let req = table::Request { input: "samples/分解表.xlsx".into(), out: "表.docx".into(), ..Default::default() };
/// let files = table::table_files(&req, &mut Warnings::default()).unwrap();
/// assert_eq!(files.len(), 1);
/// assert_eq!(files[0].0, std::path::Path::new("表.docx"));
/// assert!(files[0].1.starts_with(b"PK"), "a DOCX is a zip");
/// assert!(!std::path::Path::new("表.docx").exists(), "nothing written");
/// ```
pub fn table_files(req: &Request, listener: &mut dyn Listener) -> Result<InMemory> {
    let (input, look) = (req.input.as_path(), &req.look);
    look.prepare()?;
    let super::Tasks { table, read, .. } =
        load_tasks(input, req.sheet_name.as_deref(), req.files, listener)?;
    // An input named as the output is the sharper message, so it is checked first.
    outputs::check(&read, &[&req.out])?;
    outputs::named_as(&req.out, "docx")?;
    let templates = Templates::load(look.templates.as_deref())?;
    let made = pipeline::scheme_files(&table_document(table), &templates, look)?;
    made.tell(&req.out, listener);
    Ok(made.at(req.out.clone()))
}

/// A task table as a document of its own: its title, then the table.
fn table_document(table: TaskTable) -> Document {
    Document {
        script: crate::text::Script::default(),
        same_units: Default::default(),
        fonts: None,
        notice: None,
        attachments: vec![Attachment {
            label: None,
            title: table.shown_title().to_string(),
            preamble: Vec::new(),
            preamble_table: None,
            preamble_after: Vec::new(),
            sections: Vec::new(),
            table: true,
            file: None,
        }],
        tasks: Some(table),
        files: Vec::new(),
        indicators: Vec::new(),
        sources: Vec::new(),
        warnings: Vec::new(),
    }
}
