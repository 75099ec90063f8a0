//! Lists an evidence folder (佐证材料): every file to pack, sorted, and everything set aside
//! with the reason, so nothing is dropped silently.
//!
//! Defined behaviour, as README's "Evidence bundles" section documents it:
//! - office junk (`~$*`, `Thumbs.db`, `.DS_Store`, `desktop.ini`, `.~lock.*#`) is left out and
//!   listed;
//! - an empty file is packed like any other; an empty folder is listed (a zip need not hold it);
//! - a symbolic link to a file inside the folder is packed under the link's name; one to a
//!   folder inside is walked, unless it leads back to one of its own ancestors (a loop); a link
//!   pointing outside the folder, or nowhere, is not followed and is listed;
//! - a pipe, socket or device is not a file to submit; it is listed and not opened;
//! - a file or folder that cannot be read stops the listing with an error naming it: a
//!   submission must not go out with a file silently missing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A file to pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    /// Where to read it.
    pub source: PathBuf,
    /// Its path below the evidence folder, one name per level.
    pub rel: Vec<String>,
    /// Its size when listed.
    pub size: u64,
    /// Its modification time, seconds since 1970.
    pub modified: i64,
}

impl FoundFile {
    /// Its path below the folder, `/`-separated.
    pub fn rel_path(&self) -> String {
        self.rel.join("/")
    }
}

/// What a folder holds.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Files to pack, in path order.
    pub files: Vec<std::sync::Arc<FoundFile>>,
    /// Office junk left out, as paths below the folder.
    pub junk: Vec<String>,
    /// Folders with nothing to pack in them.
    pub empty_dirs: Vec<String>,
    /// Links not followed and special files not packed, with why.
    pub links: Vec<(String, String)>,
}

/// Whether a file name is office junk: lock files, thumbnail caches, folder settings.
///
/// ```
/// use dossier::read::evidence::is_junk;
/// assert!(is_junk("~$报告.docx") && is_junk("Thumbs.db") && is_junk(".DS_Store") && is_junk("Desktop.ini"));
/// assert!(!is_junk("报告.docx"));
/// ```
pub fn is_junk(name: &str) -> bool {
    let lower = name.to_lowercase();
    name.starts_with("~$")
        || (name.starts_with(".~lock.") && name.ends_with('#'))
        || ["thumbs.db", ".ds_store", "desktop.ini"].contains(&lower.as_str())
}

/// Lists the folder at `root`.
pub fn list(root: &Path) -> Result<Listing> {
    let meta = std::fs::metadata(root).map_err(|e| {
        Error::file(
            root,
            format!("无法读取证据文件夹：{}", super::io_reason(&e)),
        )
    })?;
    if !meta.is_dir() {
        return Err(Error::file(root, "这不是文件夹").with_hint("bundle 需要证据材料所在的文件夹"));
    }
    let canonical = root.canonicalize().map_err(|e| {
        Error::file(
            root,
            format!("无法读取证据文件夹：{}", super::io_reason(&e)),
        )
    })?;
    let mut listing = Listing::default();
    let mut ancestors = HashSet::new();
    walk(&canonical, &canonical, &[], &mut ancestors, &mut listing)?;
    listing.files.sort_by(|a, b| a.rel.cmp(&b.rel));
    listing.junk.sort();
    listing.empty_dirs.sort();
    listing.links.sort();
    Ok(listing)
}

/// Walks `dir`, whose path below the root is `prefix`; `ancestors` holds the real paths of the
/// folders being walked, to catch a link leading back into one of them.
fn walk(
    root: &Path,
    dir: &Path,
    prefix: &[String],
    ancestors: &mut HashSet<PathBuf>,
    out: &mut Listing,
) -> Result<()> {
    ancestors.insert(dir.to_path_buf());
    let before = out.files.len();
    let mut entries: Vec<walkdir::DirEntry> = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            let reason = e.io_error().map_or_else(|| e.to_string(), super::io_reason);
            Error::file(&path, format!("无法读取：{reason}"))
                .with_hint("检查文件夹权限；提交的材料不能有读不到的文件")
        })?;
        entries.push(entry);
    }
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let mut rel = prefix.to_vec();
        rel.push(name.clone());
        let shown = rel.join("/");
        let path = entry.path().to_path_buf();
        let kind = entry.file_type();
        if kind.is_symlink() {
            match path.canonicalize() {
                Ok(target) if !target.starts_with(root) => {
                    out.links
                        .push((shown, "链接指向证据文件夹之外，未跟随".to_string()));
                }
                Ok(target) if target.is_dir() => {
                    if ancestors.contains(&target) {
                        out.links.push((
                            shown,
                            "链接指回它所在的上级文件夹（循环），未跟随".to_string(),
                        ));
                    } else {
                        walk(root, &target, &rel, ancestors, out)?;
                    }
                }
                Ok(target) if target.is_file() => add_file(&target, rel, out)?,
                Ok(_) => out
                    .links
                    .push((shown, "链接指向的不是普通文件，未跟随".to_string())),
                Err(_) => out.links.push((shown, "链接指向的文件不存在".to_string())),
            }
        } else if kind.is_dir() {
            walk(root, &path, &rel, ancestors, out)?;
        } else if is_junk(&name) {
            out.junk.push(shown);
        } else if kind.is_file() {
            add_file(&path, rel, out)?;
        } else {
            // A pipe or a device has no content to submit, and opening a pipe would wait.
            out.links
                .push((shown, "不是普通文件（管道、设备等），未打包".to_string()));
        }
    }
    if out.files.len() == before && !prefix.is_empty() {
        out.empty_dirs.push(prefix.join("/"));
    }
    ancestors.remove(dir);
    Ok(())
}

fn add_file(path: &Path, rel: Vec<String>, out: &mut Listing) -> Result<()> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::file(path, format!("无法读取：{}", super::io_reason(&e))))?;
    // Opening now catches an unreadable file before anything is written.
    std::fs::File::open(path).map_err(|e| {
        Error::file(path, format!("无法读取：{}", super::io_reason(&e)))
            .with_hint("检查文件权限；提交的材料不能有读不到的文件")
    })?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64);
    out.files.push(std::sync::Arc::new(FoundFile {
        source: path.to_path_buf(),
        rel,
        size: meta.len(),
        modified,
    }));
    Ok(())
}
