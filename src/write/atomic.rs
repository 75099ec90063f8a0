//! Writes a file so that the target path holds either the complete new file or what it held
//! before: the bytes go to a temporary file beside it, are flushed to disk, then renamed over.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Files written at once by `write_many`. Each is flushed to disk before its rename, and a
/// flush waits for the file system's journal: many in flight share one journal commit, where
/// one after another each waits for its own (1,000 documents: about 1.8 s of waiting).
const WRITERS: usize = 16;

/// Writes every (path, bytes) atomically, all or none: each file goes to a temporary file
/// beside its target, several at a time, and only when every one is on disk are they renamed,
/// in order. A failure before that leaves nothing at any target path.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let (a, b) = (dir.path().join("a.docx"), dir.path().join("b.docx"));
/// dossier::write::atomic::write_many(&[(a.as_path(), &b"1"[..]), (b.as_path(), &b"2"[..])]).unwrap();
/// assert_eq!(std::fs::read(&b).unwrap(), b"2");
/// let missing = dir.path().join("no/such/folder/c.docx");
/// let files = [(a.as_path(), &b"new"[..]), (missing.as_path(), &b"3"[..])];
/// assert!(dossier::write::atomic::write_many(&files).is_err());
/// assert_eq!(std::fs::read(&a).unwrap(), b"1");
/// ```
pub fn write_many(files: &[(&Path, &[u8])]) -> Result<()> {
    let staged = crate::parallel::on_threads(files, WRITERS, |(path, bytes)| stage(path, bytes))
        .into_iter()
        .collect::<Result<Vec<_>>>()?;
    crate::fault::point("staged");
    for (tmp, (path, _)) in staged.into_iter().zip(files) {
        persist(tmp, path)?;
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let p = dir.path().join("a.docx");
/// dossier::write::atomic::write(&p, b"abc").unwrap();
/// assert_eq!(std::fs::read(&p).unwrap(), b"abc");
/// ```
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    persist(stage(path, bytes)?, path)
}

fn failure(path: &Path, what: &str, e: std::io::Error) -> Error {
    Error::file(path, format!("无法写入输出文件：{what}（{e}）"))
        .with_hint("检查输出目录是否存在、是否有写权限、磁盘是否已满")
}

/// `bytes` in a temporary file beside `path`, flushed to disk.
fn stage(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fail = |what: &str, e| failure(path, what, e);
    let mut tmp = temporary_in(dir).map_err(|e| fail("不能在目标目录创建临时文件", e))?;
    tmp.write_all(bytes).map_err(|e| fail("写入失败", e))?;
    ordinary(tmp.as_file()).map_err(|e| fail("设置文件权限失败", e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| fail("刷新到磁盘失败", e))?;
    Ok(tmp)
}

/// A new temporary file in `dir`, named `.dossier-*.tmp` so that one a killed run leaves is
/// recognisable, removed when dropped unless persisted.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let tmp = dossier::write::atomic::temporary_in(dir.path()).unwrap();
/// assert!(tmp.path().file_name().unwrap().to_string_lossy().starts_with(".dossier-"));
/// ```
pub fn temporary_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(".dossier-")
        .suffix(".tmp")
        .tempfile_in(dir)
}

/// Gives a staged file the permissions of an ordinary document (rw-r--r--): temporary files
/// are private, the outputs are not.
///
/// ```
/// let tmp = tempfile::NamedTempFile::new().unwrap();
/// dossier::write::atomic::ordinary(tmp.as_file()).unwrap();
/// #[cfg(unix)]
/// {
///     use std::os::unix::fs::PermissionsExt;
///     let mode = tmp.as_file().metadata().unwrap().permissions().mode();
///     assert_eq!(mode & 0o777, 0o644);
/// }
/// ```
pub fn ordinary(file: &std::fs::File) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// The staged file takes its name.
fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    tmp.persist(path)
        .map_err(|e| failure(path, "改名为目标文件失败", e.error))?;
    Ok(())
}
