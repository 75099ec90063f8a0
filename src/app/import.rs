//! `import`: a task sheet as the `tasks:` part of a scheme file.

use std::path::PathBuf;

use super::{Listener, load_sheet, outputs};
use crate::error::{Error, Result};
use crate::write::tasks_yaml;

/// What to import.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The task sheet.
    pub sheet: PathBuf,
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
/// let req = import::Request { sheet: "samples/分解表.xlsx".into(), ..Default::default() };
/// let mut warnings = Warnings::default();
/// let r = import::import(&req, &mut warnings).unwrap();
/// assert!(r.yaml.contains("tasks:") && r.written.is_none());
/// assert!(!warnings.0.is_empty(), "the sample has a blank row and a note");
/// ```
pub fn import(req: &Request, listener: &mut dyn Listener) -> Result<Report> {
    let sheet = &req.sheet;
    let imported = load_sheet(sheet, req.sheet_name.as_deref(), listener)?;
    let yaml = tasks_yaml::to_string(
        &imported.table,
        &sheet.display().to_string(),
        &imported.sheet,
    )
    .map_err(|e| Error::file(sheet, format!("无法生成 YAML：{e}")))?;
    let written = match &req.out {
        Some(path) => {
            outputs::check(&[sheet], &[path])?;
            Some(outputs::write_one(path, yaml.clone().into_bytes())?)
        }
        None => None,
    };
    Ok(Report { yaml, written })
}
