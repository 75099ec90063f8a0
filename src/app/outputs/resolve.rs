//! Paths as the file system sees them, to compare an output with the inputs and the other
//! outputs: absolute, links resolved as far as the path exists, `.` and `..` folded.

use std::path::{Component, Path, PathBuf};

/// `path` made absolute, its longest existing ancestor resolved (links followed), the rest
/// folded as written: `证据/新建/包.zip` lies inside `证据` even before `新建` exists.
pub(super) fn resolved(path: &Path) -> PathBuf {
    let absolute = std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    let folded = fold(&absolute);
    let mut existing = folded.clone();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return folded,
        }
    }
}

/// `.` dropped and `..` applied, as far as the path itself says.
fn fold(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A file the run reads, resolved once: a run of 1,000 scheme files and 2,000 targets
/// compares each target with every input, which must not touch the disk each time.
#[derive(Debug)]
pub(super) struct Input {
    pub(super) path: PathBuf,
    resolved: PathBuf,
    id: Option<FileId>,
}

impl Input {
    pub(super) fn new(path: &Path) -> Self {
        Input {
            path: path.to_path_buf(),
            resolved: resolved(path),
            id: file_id(path),
        }
    }
}

/// A target as it is compared with the inputs.
pub(super) struct Target<'t> {
    path: &'t Path,
    pub(super) resolved: PathBuf,
    id: Option<FileId>,
}

impl<'t> Target<'t> {
    pub(super) fn new(path: &'t Path) -> Self {
        Target {
            path,
            resolved: resolved(path),
            id: file_id(path),
        }
    }

    /// Whether writing the target would replace `input`: the same file reached by another
    /// name (a link, another spelling), or the same path once resolved.
    pub(super) fn replaces(&self, input: &Input) -> bool {
        if self.resolved == input.resolved {
            return true;
        }
        match (self.id, input.id) {
            (Some(a), Some(b)) => a == b,
            // Where the system gives no cheap identity, the files are compared; a target
            // that does not exist yet replaces nothing.
            _ => {
                !cfg!(unix)
                    && self.path.exists()
                    && same_file::is_same_file(self.path, &input.path).unwrap_or(false)
            }
        }
    }
}

/// Device and inode: the same pair is the same file, whatever the names.
type FileId = (u64, u64);

#[cfg(unix)]
fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_: &Path) -> Option<FileId> {
    None
}

/// Whether two resolved paths name one file: on Windows and macOS, names that differ only in
/// case do.
pub(super) fn same_name(a: &Path, b: &Path) -> bool {
    if cfg!(any(windows, target_os = "macos")) {
        a.to_string_lossy().to_lowercase() == b.to_string_lossy().to_lowercase()
    } else {
        a == b
    }
}
