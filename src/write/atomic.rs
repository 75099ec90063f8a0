//! Writes a file so that the target path holds either the complete new file or what it held
//! before: the bytes go to a temporary file beside it, are flushed to disk, then renamed over.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let p = dir.path().join("a.docx");
/// dossier::write::atomic::write(&p, b"abc").unwrap();
/// assert_eq!(std::fs::read(&p).unwrap(), b"abc");
/// ```
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fail = |what: &str, e: std::io::Error| {
        Error::file(path, format!("无法写入输出文件：{what}（{e}）"))
            .with_hint("检查输出目录是否存在、是否有写权限、磁盘是否已满")
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".dossier-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| fail("不能在目标目录创建临时文件", e))?;
    tmp.write_all(bytes).map_err(|e| fail("写入失败", e))?;
    // Temporary files are private; the document is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(|e| fail("设置文件权限失败", e))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| fail("刷新到磁盘失败", e))?;
    tmp.persist(path)
        .map_err(|e| fail("改名为目标文件失败", e.error))?;
    Ok(())
}
