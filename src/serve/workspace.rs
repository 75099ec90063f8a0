//! The workspace folder: the one place the server reads and writes scheme files. A file is
//! named by its name alone; a path, `..`, a hidden name or a link out of the folder is
//! refused, so no request can reach a file elsewhere. Each text has a version (a digest of
//! it): a save that names the version it was edited from is refused when the file has changed
//! since, so two pages editing one file never overwrite each other unawares.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use sha2::{Digest, Sha256};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::StatusCode;

use super::reply::{Failure, Reply};
use crate::error::Error;
use crate::limits::SCHEME_FILE_BYTES;

/// Longest file name taken, in characters: every file system holds it.
const NAME_CHARS: usize = 120;

/// The workspace and when each of its scheme files was last opened here.
#[derive(Debug)]
pub struct Workspace {
    root: PathBuf,
    opened: Mutex<HashMap<String, SystemTime>>,
    /// Held while a save compares versions and writes, so two saves cannot both pass.
    saving: Mutex<()>,
}

/// What a save expects of the file it replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Nothing: it is written whatever the file holds.
    Anything,
    /// No file of that name: a new scheme file.
    Absent,
    /// The file at this version: the text was edited from it.
    Version(String),
}

/// A kind of file the workspace holds, told by the ending of its name.
#[derive(Debug)]
pub struct Kind {
    /// The endings its names may take, lower case.
    pub endings: &'static [&'static str],
    /// Said of a name with another ending.
    pub wrong_ending: &'static str,
    /// A name of this kind, for the hint.
    pub example: &'static str,
}

/// Scheme files.
pub const SCHEMES: Kind = Kind {
    endings: &[".yaml", ".yml"],
    wrong_ending: "方案文件名要以 .yaml 结尾",
    example: "方案.yaml",
};

/// A file in a list.
#[derive(Debug, serde::Serialize)]
pub struct Entry {
    /// Its name.
    pub name: String,
    /// When it was last opened or saved, in milliseconds since 1970.
    pub used: u64,
}

impl Workspace {
    /// The workspace at `dir`, which must be a folder.
    pub fn open(dir: &Path) -> crate::error::Result<Self> {
        let root = dir
            .canonicalize()
            .ok()
            .filter(|d| d.is_dir())
            .ok_or_else(|| {
                Error::file(dir, "工作文件夹不存在或不是文件夹")
                    .with_hint("用 --dir 指向一个已有的文件夹，方案文件保存在那里")
            })?;
        Ok(Workspace {
            root,
            opened: Mutex::default(),
            saving: Mutex::default(),
        })
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The scheme files, the last opened or saved first.
    pub fn list(&self) -> Reply<Vec<Entry>> {
        self.list_of(&SCHEMES)
    }

    /// The files of `kind`, the last opened or saved first.
    pub fn list_of(&self, kind: &Kind) -> Reply<Vec<Entry>> {
        let entries = std::fs::read_dir(&self.root).map_err(|e| self.failed(e))?;
        let opened = self.opened.lock().map(|o| o.clone()).unwrap_or_default();
        let mut list: Vec<Entry> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let path = self.file_of(&name, kind).ok()?;
                let modified = path.metadata().ok()?.modified().ok()?;
                let used = opened.get(&name).map_or(modified, |o| modified.max(*o));
                let used = used.duration_since(UNIX_EPOCH).ok()?.as_millis() as u64;
                Some(Entry { name, used })
            })
            .collect();
        list.sort_by(|a, b| b.used.cmp(&a.used).then_with(|| a.name.cmp(&b.name)));
        Ok(list)
    }

    /// The text of the scheme file `name` and its version; it is now the last opened.
    pub fn read(&self, name: &str) -> Reply<(String, String)> {
        let path = self.file(name)?;
        let size = path.metadata().map_err(|e| self.failed_at(name, e))?.len();
        if size > SCHEME_FILE_BYTES {
            return Err(Failure::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                name,
                "方案文件太大，网页里打不开",
            ));
        }
        let bytes = std::fs::read(&path).map_err(|e| self.failed_at(name, e))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                name,
                "方案文件不是 UTF-8 编码的文本",
            )
            .with_hint("用记事本或 WPS 另存为“UTF-8”编码后再打开")
        })?;
        self.opened_now(name);
        let version = version(text.as_bytes());
        Ok((text, version))
    }

    /// The file `name` is now the last opened.
    pub fn opened_now(&self, name: &str) {
        if let Ok(mut opened) = self.opened.lock() {
            opened.insert(name.to_string(), SystemTime::now());
        }
    }

    /// Saves `text` as the scheme file `name`, whole or not at all, when the file is as
    /// `expect` says; returns the new version.
    pub fn save(&self, name: &str, text: &str, expect: &Expect) -> Reply<String> {
        let path = self.file(name)?;
        let _one_at_a_time = self.saving.lock().unwrap_or_else(|e| e.into_inner());
        let now = std::fs::read(&path).ok().map(|b| version(&b));
        let stale = match expect {
            Expect::Anything => false,
            Expect::Absent => now.is_some(),
            Expect::Version(v) => now.as_ref() != Some(v),
        };
        if stale {
            return Err(Failure::new(
                StatusCode::CONFLICT,
                name,
                "这个方案文件已在别处改过（另一个标签页或另一个人），没有覆盖",
            )
            .with_hint("你的文字另存为副本；重新打开原文件可看别处的改动"));
        }
        crate::write::atomic::write_many(&[(path.as_path(), text.as_bytes())], &[])?;
        Ok(version(text.as_bytes()))
    }

    /// The path of the scheme file `name` in the workspace, when `name` is a plain name
    /// ending in `.yaml` or `.yml` and no link.
    pub fn file(&self, name: &str) -> Reply<PathBuf> {
        self.file_of(name, &SCHEMES)
    }

    /// The path of the file `name` of `kind` in the workspace, when `name` is a plain name
    /// with one of its endings and no link.
    pub fn file_of(&self, name: &str, kind: &Kind) -> Reply<PathBuf> {
        if let Some(why) = bad_name(name, kind) {
            let hint = format!("只用文件名，如 {}：不含 / \\ .. 等路径符号", kind.example);
            return Err(Failure::new(StatusCode::BAD_REQUEST, name, why).with_hint(&hint));
        }
        let path = self.root.join(name);
        if path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            return Err(Failure::new(
                StatusCode::BAD_REQUEST,
                name,
                "这个文件是一个链接，可能指向工作文件夹之外，不读也不写",
            ));
        }
        Ok(path)
    }

    fn failed(&self, e: std::io::Error) -> Failure {
        self.failed_at(&crate::error::shown(&self.root), e)
    }

    fn failed_at(&self, name: &str, e: std::io::Error) -> Failure {
        let status = match e.kind() {
            std::io::ErrorKind::NotFound => StatusCode::NOT_FOUND,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Failure::new(
            status,
            name,
            format!("无法读取：{}", crate::error::io_reason(&e)),
        )
    }
}

/// The version of a text: the first 64 bits of its SHA-256, in hex.
fn version(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// Why `name` is no plain file name of `kind`, when it is not.
fn bad_name(name: &str, kind: &Kind) -> Option<&'static str> {
    let lower = name.to_lowercase();
    if name.is_empty() || name.chars().count() > NAME_CHARS {
        Some("文件名为空或太长")
    } else if name.contains("..") || name.starts_with('.') {
        Some("文件名不能以 . 开头，也不能含 ..")
    } else if name
        .chars()
        .any(|c| "/\\:*?\"<>|".contains(c) || c.is_control())
    {
        Some("文件名不能含 / \\ : * ? \" < > | 或控制字符")
    } else if !kind.endings.iter().any(|e| lower.ends_with(e)) {
        Some(kind.wrong_ending)
    } else {
        None
    }
}
