//! `sheet-template`: the blank 测评任务分解表 an office hands out.

use std::path::{Path, PathBuf};

use super::outputs;
use crate::error::{Error, Result};

/// Writes the blank task sheet to `out`; returns where.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let out = dir.path().join("分解表.xlsx");
/// assert_eq!(dossier::app::sheet_template::sheet_template(&out).unwrap(), out);
/// assert!(dossier::read::sheet::load(&out, &Default::default()).is_err(), "no task rows yet");
/// ```
pub fn sheet_template(out: &Path) -> Result<PathBuf> {
    outputs::named_as(out, "xlsx")?;
    outputs::check::<&Path>(&[], &[out])?;
    let bytes = sheet_template_bytes().map_err(|e| e.within(out))?;
    outputs::write_one(out, bytes)
}

/// The blank task sheet's bytes, as `sheet_template` writes them.
///
/// ```
/// let bytes = dossier::app::sheet_template::sheet_template_bytes().unwrap();
/// assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip");
/// ```
pub fn sheet_template_bytes() -> Result<Vec<u8>> {
    crate::write::xlsx::sheet_template().map_err(|e| Error::at("", format!("无法生成 .xlsx：{e}")))
}
