//! The tag files that say what a bag is and holds (`bagit.txt`, `bag-info.txt` and the two
//! manifests), read from the archive by their own entries and checked as RFC 8493 asks.

use std::collections::HashSet;
use std::path::Path;

use super::findings::{BagCount, Problem};
use crate::app::bagit;
use crate::error::{Error, Result};
use crate::read::archive::{self, CdEntry};

/// A manifest's lines: (SHA-256 in lower case, path as written).
pub(super) type Lines = Vec<(String, String)>;

/// The payload manifest's lines. An archive without one, or whose manifest cannot be read, is
/// no bag to check: an error.
pub(super) fn manifest(
    path: &Path,
    entries: &[CdEntry],
    problems: &mut Vec<Problem>,
) -> Result<Lines> {
    let name = bagit::MANIFEST;
    let e = entry(entries, name).ok_or_else(|| {
        Error::file(
            path,
            format!("压缩包里没有 {name}，不是 dossier 打包的材料包"),
        )
    })?;
    let text = text(path, e, problems)?.ok_or_else(|| {
        Error::file(
            path,
            format!("{name} 已损坏或不是 UTF-8 文本，无法据它校验"),
        )
        .with_hint("请重新下载或重新打包")
    })?;
    let lines = lines(path, name, &text)?;
    Ok(kept(
        name,
        lines,
        problems,
        |p| p.starts_with("data/"),
        "不在 data/ 下",
    ))
}

/// The tag manifest's lines, `None` when it is missing (reported) or damaged (the content
/// check names it).
pub(super) fn tag_manifest(
    path: &Path,
    entries: &[CdEntry],
    problems: &mut Vec<Problem>,
) -> Result<Option<Lines>> {
    let name = bagit::TAG_MANIFEST;
    let Some(e) = entry(entries, name) else {
        problems.push(Problem::Missing(name.to_string()));
        return Ok(None);
    };
    let Some(text) = text(path, e, problems)? else {
        return Ok(None);
    };
    let lines = lines(path, name, &text)?;
    let tag = |p: &str| !p.starts_with("data/") && p != name;
    Ok(Some(kept(
        name,
        lines,
        problems,
        tag,
        "是数据文件或标签清单自己",
    )))
}

/// Checks `bagit.txt`: there, and exactly the two lines BagIt 1.0 asks for.
pub(super) fn declaration(
    path: &Path,
    entries: &[CdEntry],
    problems: &mut Vec<Problem>,
) -> Result<()> {
    let name = bagit::DECLARATION;
    let Some(e) = entry(entries, name) else {
        problems.push(Problem::Missing(name.to_string()));
        return Ok(());
    };
    if let Some(text) = text(path, e, problems)?
        && let Some(what) = declaration_fault(&text)
    {
        problems.push(Problem::Tag(name.to_string(), what));
    }
    Ok(())
}

/// What is wrong with `bagit.txt`'s text, if anything.
fn declaration_fault(text: &str) -> Option<String> {
    let tags = match parse_tags(text) {
        Ok(tags) => tags,
        Err(what) => return Some(what),
    };
    let [(l1, version), (l2, encoding)] = tags.as_slice() else {
        return Some("应恰好有 BagIt-Version 和 Tag-File-Character-Encoding 两行".into());
    };
    if l1 != "BagIt-Version" || l2 != "Tag-File-Character-Encoding" {
        return Some("应依次是 BagIt-Version 和 Tag-File-Character-Encoding 两行".into());
    }
    if version != "1.0" {
        return Some(format!(
            "BagIt-Version 是「{version}」，dossier 校验的是 BagIt 1.0（RFC 8493）的包"
        ));
    }
    if !encoding.eq_ignore_ascii_case("UTF-8") {
        return Some(format!(
            "Tag-File-Character-Encoding 是「{encoding}」，应为 UTF-8"
        ));
    }
    None
}

/// Checks `bag-info.txt`: there, with a Payload-Oxum that matches `payload` (bytes, files),
/// and at most one Bag-Count, well formed. Returns the Bag-Count.
pub(super) fn info(
    path: &Path,
    entries: &[CdEntry],
    payload: (u64, u64),
    problems: &mut Vec<Problem>,
) -> Result<Option<BagCount>> {
    let name = bagit::INFO;
    let Some(e) = entry(entries, name) else {
        problems.push(Problem::Missing(name.to_string()));
        return Ok(None);
    };
    let Some(text) = text(path, e, problems)? else {
        return Ok(None);
    };
    let mut fault = |what: String| problems.push(Problem::Tag(name.to_string(), what));
    let tags = match parse_tags(&text) {
        Ok(tags) => tags,
        Err(what) => {
            fault(what);
            return Ok(None);
        }
    };
    match single(&tags, "Payload-Oxum") {
        Err(what) => fault(what),
        Ok(None) => fault("没有 Payload-Oxum（data/ 下文件的总字节数.个数）".into()),
        Ok(Some(oxum)) => {
            if let Some(what) = oxum_fault(oxum, payload) {
                fault(what);
            }
        }
    }
    match single(&tags, "Bag-Count").map(|v| v.map(bag_count)) {
        Err(what) => fault(what),
        Ok(Some(Err(what))) => fault(what),
        Ok(Some(Ok(count))) => return Ok(Some(count)),
        Ok(None) => {}
    }
    Ok(None)
}

/// What is wrong with the Payload-Oxum `oxum` of a payload of (bytes, files), if anything.
fn oxum_fault(oxum: &str, (bytes, files): (u64, u64)) -> Option<String> {
    let parsed = oxum
        .split_once('.')
        .and_then(|(b, n)| Some((number(b)?, number(n)?)));
    match parsed {
        None => Some(format!("Payload-Oxum「{oxum}」不是「字节数.文件数」的形式")),
        Some(said) if said != (bytes, files) => Some(format!(
            "Payload-Oxum 记为 {} 个文件共 {} 字节，data/ 下实有 {files} 个文件共 {bytes} 字节",
            said.1, said.0
        )),
        Some(_) => None,
    }
}

/// A Bag-Count value, `N of T` or `N of ?`.
fn bag_count(value: &str) -> std::result::Result<BagCount, String> {
    let bad = || format!("Bag-Count「{value}」应形如「2 of 3」（第几卷 of 共几卷）");
    let (index, total) = value.split_once(" of ").ok_or_else(bad)?;
    let index = number(index.trim()).filter(|&i| i >= 1).ok_or_else(bad)?;
    let total = match total.trim() {
        "?" => None,
        t => Some(number(t).filter(|&t| t >= index).ok_or_else(bad)?),
    };
    Ok(BagCount { index, total })
}

/// A whole number written in ASCII digits only.
fn number(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The value of the tag `label` (case aside), which may appear once at most.
fn single<'t>(
    tags: &'t [(String, String)],
    label: &str,
) -> std::result::Result<Option<&'t str>, String> {
    let mut found = tags.iter().filter(|(l, _)| l.eq_ignore_ascii_case(label));
    let first = found.next().map(|(_, v)| v.as_str());
    match found.next() {
        Some(_) => Err(format!("{label} 出现了不止一次")),
        None => Ok(first),
    }
}

/// The `Label: value` lines of a tag file (RFC 8493 §2.2.2), a line starting with a space or
/// tab continuing the value before it; what is wrong, if it is not so written.
fn parse_tags(text: &str) -> std::result::Result<Vec<(String, String)>, String> {
    if text.starts_with('\u{feff}') {
        return Err("以字节顺序标记（BOM）开头".into());
    }
    let mut tags: Vec<(String, String)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t'])
            && let Some((_, value)) = tags.last_mut()
        {
            value.push(' ');
            value.push_str(line.trim());
            continue;
        }
        let (label, value) = line
            .split_once(':')
            .ok_or_else(|| format!("第 {} 行不是「名称: 值」的形式", n + 1))?;
        tags.push((label.trim().to_string(), value.trim().to_string()));
    }
    Ok(tags)
}

/// A manifest's `hash path` lines; a line otherwise written is an error.
fn lines(path: &Path, name: &str, text: &str) -> Result<Lines> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = || Error::file(path, format!("{name} 第 {} 行格式不对", n + 1));
        let (hash, file) = line.split_once(char::is_whitespace).ok_or_else(bad)?;
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        out.push((hash.to_ascii_lowercase(), file.trim_start().to_string()));
    }
    Ok(out)
}

/// The lines of manifest `name` that list a path it may list, each once; the others are
/// reported (`why_not` says why a path does not belong) and dropped.
fn kept(
    name: &str,
    lines: Lines,
    problems: &mut Vec<Problem>,
    belongs: impl Fn(&str) -> bool,
    why_not: &str,
) -> Lines {
    let mut seen = HashSet::with_capacity(lines.len());
    let mut out = Vec::with_capacity(lines.len());
    for (hash, file) in lines {
        let decoded = bagit::decoded(&file);
        if !belongs(&decoded) {
            problems.push(Problem::Tag(
                name.into(),
                format!("列出的「{file}」{why_not}"),
            ));
        } else if !seen.insert(decoded) {
            problems.push(Problem::Tag(name.into(), format!("重复列出「{file}」")));
        } else {
            out.push((hash, file));
        }
    }
    out
}

/// The first entry named `name`, if any.
fn entry<'e>(entries: &'e [CdEntry], name: &str) -> Option<&'e CdEntry> {
    entries.iter().find(|e| e.name == name)
}

/// The text of tag file `e`; `None` when its data is damaged (the content check names it) or
/// it is no UTF-8 text (reported). One declaring more than the limit is an error, before it
/// is inflated.
fn text(path: &Path, e: &CdEntry, problems: &mut Vec<Problem>) -> Result<Option<String>> {
    let limit = crate::limits::TAG_FILE_BYTES;
    if e.size > limit {
        return Err(Error::file(
            path,
            format!(
                "{} 解压后超过 {} MiB 的上限，不像 dossier 写的标签文件",
                e.name,
                limit >> 20
            ),
        )
        .with_hint("文件可能已损坏或被改动；请重新打包"));
    }
    let (back, bytes) = archive::read_whole(path, e)
        .map_err(|err| Error::file(path, format!("无法读取 {}：{err}", e.name)))?;
    if !back.crc_ok {
        return Ok(None);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(text)),
        Err(_) => {
            problems.push(Problem::Tag(e.name.clone(), "不是 UTF-8 编码的文本".into()));
            Ok(None)
        }
    }
}
