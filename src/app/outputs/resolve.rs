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

/// Whether `target` is the file `input` (the same file by its identity: a link to it, another
/// spelling of its name on a file system that ignores case).
pub(super) fn same_file(target: &Path, input: &Path) -> bool {
    same_file::is_same_file(target, input).unwrap_or(false) || resolved(target) == resolved(input)
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
