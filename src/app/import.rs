//! `import`: a task sheet as the `tasks:` part of a scheme file, or a Word draft as a scheme
//! file.

use std::path::PathBuf;

use super::{Listener, load_sheet, outputs};
use crate::error::{Error, Result};
use crate::read::draft;
use crate::write::tasks_yaml;

/// What to import.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The task sheet, or the Word draft (`.docx`).
    pub input: PathBuf,
    /// Its sheet's name; the first visible sheet when `None`.
    pub sheet_name: Option<String>,
    /// Where to write the YAML; nowhere when `None`.
    pub out: Option<PathBuf>,
}

/// What an import made.
#[derive(Debug, Clone)]
pub struct Report {
    /// The YAML.
    pub yaml: String,
    /// Where it was written, when it was.
    pub written: Option<PathBuf>,
}

/// Reads the task sheet of `req` as YAML, written to `req.out` when given.
///
/// ```
/// use dossier::app::{Warnings, import};
/// let req = import::Request { input: "samples/分解表.xlsx".into(), ..Default::default() };
/// let mut warnings = Warnings::default();
/// let r = import::import(&req, &mut warnings).unwrap();
/// assert!(r.yaml.contains("tasks:") && r.written.is_none());
/// assert!(!warnings.0.is_empty(), "the sample has a blank row and a note");
/// ```
pub fn import(req: &Request, listener: &mut dyn Listener) -> Result<Report> {
    let input = &req.input;
    let is_draft = input.extension().is_some_and(|e| {
        ["docx", "txt", "md", "markdown"]
            .iter()
            .any(|d| e.eq_ignore_ascii_case(d))
    });
    let yaml = if is_draft {
        draft_yaml(input)?
    } else {
        let imported = load_sheet(input, req.sheet_name.as_deref(), listener)?;
        tasks_yaml::to_string(
            &imported.table,
            &input.display().to_string(),
            &imported.sheet,
        )
        .map_err(|e| Error::file(input, format!("无法生成 YAML：{e}")))?
    };
    let written = match &req.out {
        Some(path) => {
            outputs::check(&[input], &[path])?;
            Some(outputs::write_one(path, yaml.clone().into_bytes())?)
        }
        None => None,
    };
    Ok(Report { yaml, written })
}

/// The Word draft at `path` as a scheme file: its title (the first paragraph when it is
/// centred or no heading, else the file's name), the rest as `read::draft::body` reads it.
///
/// ```
/// let yaml = dossier::app::import::draft_yaml("samples/台账管理办法.docx".as_ref()).unwrap();
/// assert!(yaml.contains("  title: 青州市创建工作台账管理办法\n"));
/// assert!(yaml.contains("- title: 总体要求\n"), "Word's 一、 left to dossier");
/// ```
pub fn draft_yaml(path: &std::path::Path) -> Result<String> {
    let mut draft = draft::read(path)?;
    let first = draft.blocks.iter().position(|b| match b {
        draft::Block::Para(p) => !draft::is_label(&p.text),
        draft::Block::Table(_) => true,
    });
    let titled = first.and_then(|i| match draft.blocks.get(i) {
        Some(draft::Block::Para(p))
            if p.centred || crate::text::heading_number(&p.text).is_none() =>
        {
            Some((i, p.text.clone()))
        }
        _ => None,
    });
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let title = match titled {
        Some((i, title)) => {
            draft.blocks.drain(..=i);
            title
        }
        None => stem.unwrap_or_default(),
    };
    let body = draft::body(&draft).map_err(|why| Error::file(path, why))?;
    crate::write::scheme_yaml::to_string(&title, &body, &path.display().to_string())
        .map_err(|e| Error::file(path, format!("无法生成 YAML：{e}")))
}
