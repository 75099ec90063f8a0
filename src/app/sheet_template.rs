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
    let bytes = crate::write::xlsx::sheet_template()
        .map_err(|e| Error::file(out, format!("无法生成 .xlsx：{e}")))?;
    outputs::write_one(out, bytes)
}
