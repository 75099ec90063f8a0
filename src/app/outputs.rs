//! Where the operations write: every output of a run staged beside its target and renamed only
//! when all are on disk, the folders they go to made first.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::write::atomic;

/// Makes the folder `dir` (and its parents) when it is missing.
pub(crate) fn make_dir(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::file(dir, format!("无法创建输出目录：{e}")))
}

/// Writes every (path, bytes) all or none, making their folders first; returns the paths in
/// the order given.
pub(crate) fn write_all(files: Vec<(PathBuf, Vec<u8>)>) -> Result<Vec<PathBuf>> {
    for (path, _) in &files {
        if let Some(dir) = path.parent() {
            make_dir(dir)?;
        }
    }
    let staged: Vec<(&Path, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_path(), b.as_slice()))
        .collect();
    atomic::write_many(&staged)?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// Writes one file as [`write_all`] does; returns its path.
pub(crate) fn write_one(path: &Path, bytes: Vec<u8>) -> Result<PathBuf> {
    write_all(vec![(path.to_path_buf(), bytes)])?;
    Ok(path.to_path_buf())
}
