//! The entries' names and kinds, checked from the central directory before any data is read:
//! every name must extract inside the target folder, as written, on every system, to one
//! regular file of its own.

use std::collections::HashMap;

use super::findings::Problem;
use crate::read::archive::CdEntry;
use crate::text::folded;

/// "Version made by" high byte of Unix, whose file type `external` holds in its high bits.
const MADE_ON_UNIX: u16 = 3;

/// The file-type bits of a Unix mode, and the types a bag may hold.
const S_IFMT: u32 = 0o170_000;
const S_IFREG: u32 = 0o100_000;
const S_IFDIR: u32 = 0o040_000;
const S_IFLNK: u32 = 0o120_000;

/// Longest path segment most file systems hold, in bytes.
const SEGMENT_BYTES: usize = 255;

/// Adds the problems of the entries' names and kinds to `problems`; returns, entry by entry,
/// whether its name is unsafe, so that later checks pass it over.
pub(super) fn check(entries: &[CdEntry], problems: &mut Vec<Problem>) -> Vec<bool> {
    let mut unsafe_at = Vec::with_capacity(entries.len());
    for e in entries {
        let why = unsafe_name(&e.name).or_else(|| e.field_name.as_deref().and_then(unsafe_name));
        if let Some(why) = why {
            problems.push(Problem::UnsafeName(e.name.clone(), why));
        }
        unsafe_at.push(why.is_some());
        if let Some(field) = &e.field_name {
            problems.push(Problem::TwoNames(e.name.clone(), field.clone()));
        }
        if let Some(what) = not_a_file(e) {
            problems.push(Problem::NotAFile(e.name.clone(), what));
        }
    }
    // Each name as a system that ignores case and normalisation takes it.
    let folds: Vec<String> = entries.iter().map(|e| folded(&e.name)).collect();
    repeated(entries, &folds, problems);
    file_and_folder(entries, &folds, problems);
    unsafe_at
}

/// Why `name` is not safe to extract, if it is not: it could land outside the target folder
/// (absolute, a drive, `..`), be read otherwise on Windows (backslashes, a colon making an
/// alternate data stream, segments of dots and spaces, which Windows trims to `.` or `..`), hold
/// control characters, or have a segment no file system holds.
fn unsafe_name(name: &str) -> Option<&'static str> {
    let bytes = name.as_bytes();
    if name.is_empty() {
        return Some("名字为空");
    }
    if name.starts_with(['/', '\\']) {
        return Some("是绝对路径，会解压到目标文件夹之外");
    }
    if bytes.first().is_some_and(u8::is_ascii_alphabetic) && bytes.get(1) == Some(&b':') {
        return Some("以盘符开头，是绝对路径，会解压到目标文件夹之外");
    }
    if name.contains('\\') {
        return Some("含有反斜杠，Windows 上会当作路径分隔符");
    }
    if name.chars().any(char::is_control) {
        return Some("含有控制字符");
    }
    if name.contains(':') {
        return Some("含有冒号，Windows 上会解压成隐藏的数据流");
    }
    let body = name.strip_suffix('/').unwrap_or(name);
    if body
        .split('/')
        .any(|s| s.trim_end_matches(['.', ' ']).is_empty())
    {
        return Some("含有空的、「.」或「..」这样的路径段，会解压到别的文件夹");
    }
    if body.split('/').any(|s| s.len() > SEGMENT_BYTES) {
        return Some("有一段超过 255 字节，多数文件系统放不下");
    }
    None
}

/// What the entry is, when an extractor would make something other than a regular file of it
/// (or a folder, for a name ending in `/`): a link could point anywhere once extracted.
fn not_a_file(e: &CdEntry) -> Option<&'static str> {
    if e.made_by >> 8 != MADE_ON_UNIX {
        return None;
    }
    let kind = (e.external >> 16) & S_IFMT;
    let dir = e.name.ends_with('/');
    match kind {
        0 => None,
        S_IFREG if !dir => None,
        S_IFDIR if dir => None,
        S_IFLNK => Some("符号链接，解压后会指向别处"),
        S_IFDIR => Some("属性说它是文件夹，名字却不以 / 结尾"),
        _ => Some("属性说它是设备、管道或套接字"),
    }
}

/// Names held by more than one entry (the same once decoded: one spelled in UTF-8, another in
/// GBK with a Unicode Path field, count alike), and names that fold alike.
fn repeated(entries: &[CdEntry], folds: &[String], problems: &mut Vec<Problem>) {
    let mut exact: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
    let mut by_fold: HashMap<&str, &str> = HashMap::with_capacity(entries.len());
    for (e, fold) in entries.iter().zip(folds) {
        let count = exact.entry(&e.name).or_insert(0);
        *count += 1;
        if *count == 2 {
            problems.push(Problem::Duplicate(e.name.clone()));
        }
        if *count > 1 {
            continue;
        }
        let first = *by_fold.entry(fold).or_insert(&e.name);
        if first != e.name {
            problems.push(Problem::Collides(first.to_string(), e.name.clone()));
        }
    }
}

/// Names a file holds that other entries use as a folder (`data/a.txt` and `data/a.txt/b`):
/// no extractor can write both. Compared folded, as a system that ignores case would.
fn file_and_folder(entries: &[CdEntry], folds: &[String], problems: &mut Vec<Problem>) {
    let files: HashMap<&str, &str> = entries
        .iter()
        .zip(folds)
        .filter(|(e, _)| !e.name.ends_with('/'))
        .map(|(e, fold)| (fold.as_str(), e.name.as_str()))
        .collect();
    for (e, name) in entries.iter().zip(folds) {
        let folders = name.match_indices('/').map(|(at, _)| &name[..at]);
        if let Some(file) = folders.filter_map(|f| files.get(f)).next() {
            problems.push(Problem::FileAndFolder(file.to_string(), e.name.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_leave_the_folder_or_read_otherwise_are_unsafe() {
        for name in [
            "../../evil.sh",
            "/etc/cron.d/evil",
            "C:\\Windows\\evil.bat",
            "c:/evil",
            "\\\\server\\share\\evil",
            "data/a\\..\\..\\evil",
            "data/./a.txt",
            "data//a.txt",
            "data/.. /a.txt",
            "data/.../a.txt",
            "data/a.txt:hidden",
            "data/a\u{0}.txt",
            "",
            &format!("data/{}.txt", "长".repeat(90)),
        ] {
            assert!(unsafe_name(name).is_some(), "{name:?} passed");
        }
        for name in [
            "data/01 理论学习/001-报告.pdf",
            "data/..秘密.txt",
            "data/a/",
            "bagit.txt",
        ] {
            assert_eq!(unsafe_name(name), None, "{name:?}");
        }
    }
}
