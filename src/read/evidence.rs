//! Walks an evidence folder (佐证材料): every file to pack, in path order, handed on as it is
//! found (so a tree of any size is walked in the same memory), and everything set aside with
//! the reason, so nothing is dropped silently.
//!
//! Defined behaviour, as README's "Evidence bundles" section documents it:
//! - office junk (`~$*`, `Thumbs.db`, `.DS_Store`, `desktop.ini`, `.~lock.*#`) is left out and
//!   listed;
//! - an empty file is packed like any other; an empty folder is listed (a zip need not hold it);
//! - a symbolic link to a file inside the folder is packed under the link's name; one to a
//!   folder inside is walked, unless it leads back to one of its own ancestors (a loop); a link
//!   pointing outside the folder, or nowhere, is not followed and is listed;
//! - a pipe, socket or device is not a file to submit; it is listed and not opened;
//! - a file or folder that cannot be read stops the walk with an error naming it: a
//!   submission must not go out with a file silently missing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::text::{decoded_name, escaped_name};

/// A file to pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    /// Where to read it.
    pub source: PathBuf,
    /// Its path below the evidence folder, one name per level, as text.
    pub rel: Vec<String>,
    /// That path exactly as the file system has it, `/`-separated, in the escaped form of
    /// [`escaped_name`] (so a GBK name is kept byte for byte).
    pub original: String,
    /// Its size when listed.
    pub size: u64,
    /// Its modification time, seconds since 1970.
    pub modified: i64,
}

/// What was found but not packed, as paths below the folder.
#[derive(Debug, Clone, Default)]
pub struct SetAside {
    /// Office junk left out.
    pub junk: Vec<String>,
    /// Folders with nothing to pack in them.
    pub empty_dirs: Vec<String>,
    /// Links not followed and special files not packed, with why.
    pub links: Vec<(String, String)>,
}

/// One entry at the top of the evidence folder that holds files to pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Top {
    /// Its name, as text.
    pub name: String,
    /// Its name as the file system has it, to find it again (not always valid UTF-8).
    pub raw: std::ffi::OsString,
    /// Whether it is a folder (or a link to one): only folders stand for indicators.
    pub folder: bool,
    /// Files to pack in it.
    pub files: usize,
}

/// A first walk of a folder: what its top holds and what is set aside, without keeping the
/// files, so that a tree of any size is surveyed in the same memory.
#[derive(Debug, Clone, Default)]
pub struct Survey {
    /// Top-level entries with files, in name order.
    pub tops: Vec<Top>,
    /// What was set aside.
    pub set_aside: SetAside,
    /// Files to pack.
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
    /// The newest modification time among them, seconds since 1970.
    pub latest: i64,
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

/// The canonical path of the evidence folder at `root`, or why it cannot be walked.
fn root_of(root: &Path) -> Result<PathBuf> {
    let meta = std::fs::metadata(root).map_err(|e| {
        Error::file(
            root,
            format!("无法读取证据文件夹：{}", crate::error::io_reason(&e)),
        )
    })?;
    if !meta.is_dir() {
        return Err(Error::file(root, "这不是文件夹").with_hint("bundle 需要证据材料所在的文件夹"));
    }
    root.canonicalize().map_err(|e| {
        Error::file(
            root,
            format!("无法读取证据文件夹：{}", crate::error::io_reason(&e)),
        )
    })
}

/// Walks the whole folder at `root` once, counting its files per top-level entry and
/// gathering what is set aside.
pub fn survey(root: &Path) -> Result<Survey> {
    let root = root_of(root)?;
    let (mut files, mut bytes, mut latest) = (0usize, 0u64, 0i64);
    let mut count = |f: FoundFile| {
        files += 1;
        bytes += f.size;
        latest = latest.max(f.modified);
        Ok(())
    };
    let mut walker = Walker::new(&root, &mut count);
    walker.ancestors.insert(root.clone());
    let mut tops: Vec<Top> = Vec::new();
    for entry in sorted_entries(&root)? {
        let before = walker.count;
        let kind = entry.file_type();
        // A link to a folder is a folder here, as it is walked like one.
        let folder = kind.is_dir() || kind.is_symlink() && entry.path().is_dir();
        let rel = Rel::default().child(entry.file_name());
        walker.entry(rel, entry.path().to_path_buf(), kind)?;
        if walker.count > before {
            tops.push(Top {
                name: decoded_name(entry.file_name().as_encoded_bytes()),
                raw: entry.file_name().to_os_string(),
                folder,
                files: walker.count - before,
            });
        }
    }
    let mut set_aside = walker.set_aside;
    set_aside.junk.sort();
    set_aside.empty_dirs.sort();
    set_aside.links.sort();
    Ok(Survey {
        tops,
        set_aside,
        files,
        bytes,
        latest,
    })
}

/// The entries of `dir`, sorted by name.
fn sorted_entries(dir: &Path) -> Result<Vec<walkdir::DirEntry>> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| {
            entry.map_err(|e| {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let reason = e
                    .io_error()
                    .map_or_else(|| e.to_string(), crate::error::io_reason);
                Error::file(&path, format!("无法读取：{reason}"))
                    .with_hint("检查文件夹权限；提交的材料不能有读不到的文件")
            })
        })
        .collect()
}

/// Hands `found` each file under the top-level entry `top` of the folder at `root`, in path
/// order (folders depth first, names sorted), as the survey counted them.
pub fn each_file(
    root: &Path,
    top: &std::ffi::OsStr,
    found: &mut dyn FnMut(FoundFile) -> Result<()>,
) -> Result<()> {
    let root = root_of(root)?;
    let path = root.join(top);
    let kind = std::fs::symlink_metadata(&path)
        .map_err(|e| {
            Error::file(&path, format!("无法读取：{}", crate::error::io_reason(&e)))
                .with_hint("文件夹在打包过程中被改动了；等改动结束后重新打包")
        })?
        .file_type();
    let mut walker = Walker::new(&root, found);
    walker.ancestors.insert(root.clone());
    walker.entry(Rel::default().child(top), path, kind)
}

/// A path below the evidence folder, one name per level: as text, and exactly.
#[derive(Default)]
struct Rel {
    text: Vec<String>,
    exact: Vec<String>,
}

impl Rel {
    /// The path of `name` in this folder.
    fn child(&self, name: &std::ffi::OsStr) -> Rel {
        let bytes = name.as_encoded_bytes();
        let mut rel = Rel {
            text: self.text.clone(),
            exact: self.exact.clone(),
        };
        rel.text.push(decoded_name(bytes));
        rel.exact.push(escaped_name(bytes));
        rel
    }
}

/// A depth-first walk in name order, handing each file on as it is found.
struct Walker<'a> {
    root: &'a Path,
    /// The real paths of the folders being walked, to catch a link leading back into one.
    ancestors: HashSet<PathBuf>,
    found: &'a mut dyn FnMut(FoundFile) -> Result<()>,
    /// Files handed on so far: a folder that adds none is empty.
    count: usize,
    set_aside: SetAside,
}

impl<'a> Walker<'a> {
    fn new(root: &'a Path, found: &'a mut dyn FnMut(FoundFile) -> Result<()>) -> Self {
        Walker {
            root,
            ancestors: HashSet::new(),
            found,
            count: 0,
            set_aside: SetAside::default(),
        }
    }

    /// Walks `dir`, whose path below the root is `rel`.
    fn dir(&mut self, dir: &Path, rel: &Rel) -> Result<()> {
        self.ancestors.insert(dir.to_path_buf());
        let before = self.count;
        let entries = sorted_entries(dir)?;
        for entry in entries {
            let child = rel.child(entry.file_name());
            self.entry(child, entry.path().to_path_buf(), entry.file_type())?;
        }
        if self.count == before && !rel.text.is_empty() {
            self.set_aside.empty_dirs.push(rel.text.join("/"));
        }
        self.ancestors.remove(dir);
        Ok(())
    }

    /// One entry at `path`, whose path below the root is `rel`.
    fn entry(&mut self, rel: Rel, path: PathBuf, kind: std::fs::FileType) -> Result<()> {
        let junk = rel.text.last().is_some_and(|name| is_junk(name));
        if kind.is_symlink() {
            self.link(&path, rel)?;
        } else if kind.is_dir() {
            self.dir(&path, &rel)?;
        } else if junk {
            self.set_aside.junk.push(rel.text.join("/"));
        } else if kind.is_file() {
            self.file(&path, rel)?;
        } else {
            // A pipe or a device has no content to submit, and opening a pipe would wait.
            self.not_packed(&rel, "不是普通文件（管道、设备等），未打包");
        }
        Ok(())
    }

    /// The symbolic link at `path`, whose path below the root is `rel`: followed to a file or
    /// folder inside the root, else set aside.
    fn link(&mut self, path: &Path, rel: Rel) -> Result<()> {
        match path.canonicalize() {
            Ok(target) if !target.starts_with(self.root) => {
                self.not_packed(&rel, "链接指向证据文件夹之外，未跟随");
            }
            Ok(target) if target.is_dir() => {
                if self.ancestors.contains(&target) {
                    self.not_packed(&rel, "链接指回它所在的上级文件夹（循环），未跟随");
                } else {
                    self.dir(&target, &rel)?;
                }
            }
            Ok(target) if target.is_file() => self.file(&target, rel)?,
            Ok(_) => self.not_packed(&rel, "链接指向的不是普通文件，未跟随"),
            Err(_) => self.not_packed(&rel, "链接指向的文件不存在"),
        }
        Ok(())
    }

    /// Lists `rel` among the links and special files not packed, with why.
    fn not_packed(&mut self, rel: &Rel, why: &str) {
        self.set_aside
            .links
            .push((rel.text.join("/"), why.to_string()));
    }

    fn file(&mut self, path: &Path, rel: Rel) -> Result<()> {
        let meta = std::fs::metadata(path)
            .map_err(|e| Error::file(path, format!("无法读取：{}", crate::error::io_reason(&e))))?;
        // Opening now catches an unreadable file before anything is written.
        std::fs::File::open(path).map_err(|e| {
            Error::file(path, format!("无法读取：{}", crate::error::io_reason(&e)))
                .with_hint("检查文件权限；提交的材料不能有读不到的文件")
        })?;
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs() as i64);
        self.count += 1;
        (self.found)(FoundFile {
            source: path.to_path_buf(),
            original: rel.exact.join("/"),
            rel: rel.text,
            size: meta.len(),
            modified,
        })
    }
}
