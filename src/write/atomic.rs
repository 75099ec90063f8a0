//! Writes files so that their targets hold either every new file or what they held before: the
//! bytes are staged beside each target and flushed to disk, then committed together
//! (`staging`).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::staging::{Staged, commit};
use crate::error::{Error, Result};

/// Files written at once by `write_many`. Each is flushed to disk before the commit, and a
/// flush waits for the file system's journal: many in flight share one journal commit, where
/// one after another each waits for its own (1,000 documents: about 1.8 s of waiting).
const WRITERS: usize = 16;

/// Writes every (path, bytes), all or none, and removes every `stale` file in the same
/// commit: each file is staged beside its target, several at a time, and only when every one
/// is on disk do they take their names. A failure at any point leaves every target as it was.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let (a, b) = (dir.path().join("a.docx"), dir.path().join("b.docx"));
/// dossier::write::atomic::write_many(&[(a.as_path(), &b"1"[..]), (b.as_path(), &b"2"[..])], &[]).unwrap();
/// assert_eq!(std::fs::read(&b).unwrap(), b"2");
/// let missing = dir.path().join("no/such/folder/c.docx");
/// let files = [(a.as_path(), &b"new"[..]), (missing.as_path(), &b"3"[..])];
/// assert!(dossier::write::atomic::write_many(&files, &[]).is_err());
/// assert_eq!(std::fs::read(&a).unwrap(), b"1");
/// ```
pub fn write_many(files: &[(&Path, &[u8])], stale: &[PathBuf]) -> Result<()> {
    let staged = crate::parallel::on_threads(files, WRITERS, |(path, bytes)| stage(path, bytes))
        .into_iter()
        .collect::<Result<Vec<_>>>()?;
    crate::fault::point("staged");
    let pairs = staged
        .into_iter()
        .zip(files)
        .map(|(s, (path, _))| (s, path.to_path_buf()))
        .collect();
    let first = files.first().map_or(Path::new(""), |(p, _)| p);
    commit(pairs, stale.to_vec()).map_err(|e| failure(first, "改名为目标文件失败", e))
}

fn failure(path: &Path, what: &str, e: std::io::Error) -> Error {
    let reason = crate::error::write_reason(&e);
    Error::file(path, format!("无法写入输出文件：{what}（{reason}）"))
        .with_hint("检查输出目录是否存在、是否有写权限、磁盘是否已满")
}

/// `bytes` staged beside `path`, flushed to disk.
fn stage(path: &Path, bytes: &[u8]) -> Result<Staged> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fail = |what: &str, e| failure(path, what, e);
    let mut staged = Staged::new_in(dir).map_err(|e| fail("不能在目标目录创建临时文件", e))?;
    staged
        .file_mut()
        .write_all(bytes)
        .map_err(|e| fail("写入失败", e))?;
    staged
        .file()
        .sync_all()
        .map_err(|e| fail("刷新到磁盘失败", e))?;
    Ok(staged)
}
