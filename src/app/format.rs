//! `format` (一键排版): a draft imported and rendered in one step; what import guessed and
//! tidied is told as it is by `import`.

use std::path::PathBuf;

use super::{Listener, Look, import, outputs, render};
use crate::error::{Error, Result};

/// What to format.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The draft (.docx, .txt or .md).
    pub input: PathBuf,
    /// Where to write: a folder, or a `.docx` (or `.pdf`) file; beside the draft when `None`.
    pub out: Option<PathBuf>,
    /// Templates and fonts, and whether to write a PDF too.
    pub look: Look,
}

/// Imports the draft of `req` and renders the scheme file it gives, the draft left as it is.
///
/// ```
/// use dossier::app::{Warnings, format};
/// let out = tempfile::tempdir().unwrap();
/// let req = format::Request {
///     input: "samples/台账管理办法.docx".into(),
///     out: Some(out.path().join("办法.docx")),
///     ..Default::default()
/// };
/// let report = format::format(&req, &mut Warnings::default()).unwrap();
/// assert_eq!(report.written, [out.path().join("办法.docx")]);
/// ```
pub fn format(req: &Request, listener: &mut dyn Listener) -> Result<render::Report> {
    let yaml = import::draft_yaml(&req.input, listener)?;
    let stem = req.input.file_stem().unwrap_or_default().to_string_lossy();
    let out = req
        .out
        .clone()
        .unwrap_or_else(|| req.input.with_file_name(""));
    let docx = match out.extension() {
        Some(_) => out.with_extension("docx"),
        None => out.join(format!("{stem}.docx")),
    };
    outputs::check(
        &[&req.input],
        &[docx.as_path(), docx.with_extension("pdf").as_path()],
    )?;
    let dir = tempfile::tempdir().map_err(|e| {
        Error::at(
            "",
            format!("无法建立临时文件夹：{}", crate::error::io_reason(&e)),
        )
    })?;
    let scheme = dir.path().join(format!("{stem}.yaml"));
    std::fs::write(&scheme, yaml).map_err(|e| {
        Error::file(
            &scheme,
            format!("无法写出：{}", crate::error::io_reason(&e)),
        )
    })?;
    let report = render::render(&render::Request {
        schemes: vec![scheme],
        out_dir: Some(docx),
        look: req.look.clone(),
        ..Default::default()
    })?;
    report.outcome()?;
    Ok(report)
}
