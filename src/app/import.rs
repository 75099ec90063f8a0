//! `import`: a task sheet as the `tasks:` part of a scheme file.

use std::path::{Path, PathBuf};

use super::{Listener, load_sheet, outputs};
use crate::error::{Error, Result};
use crate::write::tasks_yaml;

/// What an import made.
#[derive(Debug, Clone)]
pub struct Report {
    /// The YAML.
    pub yaml: String,
    /// Where it was written, when it was.
    pub written: Option<PathBuf>,
}

/// Reads the task sheet at `sheet` (its sheet `sheet_name`, else the first) as YAML, written
/// to `out` when given.
///
/// ```
/// let mut warnings = dossier::app::Warnings::default();
/// let r = dossier::app::import::import("samples/分解表.xlsx".as_ref(), None, None, &mut warnings).unwrap();
/// assert!(r.yaml.contains("tasks:") && r.written.is_none());
/// assert!(!warnings.0.is_empty(), "the sample has a blank row and a note");
/// ```
pub fn import(
    sheet: &Path,
    sheet_name: Option<&str>,
    out: Option<&Path>,
    listener: &mut dyn Listener,
) -> Result<Report> {
    let imported = load_sheet(sheet, sheet_name, listener)?;
    let yaml = tasks_yaml::to_string(
        &imported.table,
        &sheet.display().to_string(),
        &imported.sheet,
    )
    .map_err(|e| Error::file(sheet, format!("无法生成 YAML：{e}")))?;
    let written = match out {
        Some(path) => Some(outputs::write_one(path, yaml.clone().into_bytes())?),
        None => None,
    };
    Ok(Report { yaml, written })
}
