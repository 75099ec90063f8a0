//! Re-checks bundle archives as a BagIt (RFC 8493) validator that also reads the ZIP the way
//! every extractor must agree on. Per archive, in order, nothing inflated before the first
//! two: the ZIP's structure (`read::archive`: records, local headers, entries end to end from
//! the start of the file); the entries' names and kinds (`names`); the tag files (`tags`:
//! `bagit.txt`, `bag-info.txt`'s Payload-Oxum and Bag-Count, the manifests); every entry's
//! bytes against the manifests (`content`). Then the archives verified together as one set of
//! volumes (`volumes`).

mod content;
mod findings;
mod names;
mod tags;
mod volumes;

use std::path::{Path, PathBuf};

pub use findings::{BagCount, Findings, Problem};

use crate::error::{Error, Result};
use crate::read::archive::{self, CdEntry};

/// Checks each archive of `paths`, then those that carry a Bag-Count as one set of volumes;
/// one unreadable archive does not hide what the others hold.
pub fn verify_all(paths: &[PathBuf]) -> Vec<(PathBuf, Result<Findings>)> {
    let mut results: Vec<_> = paths.iter().map(|p| (p.clone(), verify(p))).collect();
    volumes::check_set(&mut results);
    results
}

/// Ok when every archive passed; else an error counting those that did not.
pub fn outcome(results: &[(PathBuf, Result<Findings>)]) -> Result<()> {
    let bad = results
        .iter()
        .filter(|(_, r)| r.as_ref().map_or(true, |f| !f.ok()))
        .count();
    if bad == 0 {
        return Ok(());
    }
    Err(Error::at("", format!("{bad} 个压缩包未通过校验"))
        .with_hint("无法读取、缺失或损坏的文件见上；请重新打包或重新传输"))
}

/// Checks the archive at `path` on its own. A file that is no readable archive, whose structure
/// extractors could read in more than one way, or that has no readable manifest, is an error;
/// every other problem is reported in the findings.
pub fn verify(path: &Path) -> Result<Findings> {
    let entries = listing(path)?;
    let mut f = Findings::default();
    let unsafe_at = names::check(&entries, &mut f.problems);
    let manifest = tags::manifest(path, &entries, &mut f.problems)?;
    let tag_manifest = tags::tag_manifest(path, &entries, &mut f.problems)?;
    tags::declaration(path, &entries, &mut f.problems)?;
    f.volume = tags::info(path, &entries, payload(&entries), &mut f.problems)?;
    content::check(path, &entries, &unsafe_at, (manifest, tag_manifest), &mut f)?;
    Ok(f)
}

/// The entries of the archive at `path`, their structure checked, nothing inflated yet.
fn listing(path: &Path) -> Result<Vec<CdEntry>> {
    let fail = |what: String| Error::file(path, what);
    if path.is_dir() {
        return Err(fail("这是一个文件夹，不是压缩包".into()).with_hint(format!(
            "请给出其中的 .zip 文件，如 {}",
            crate::error::shown(&path.join("*.zip"))
        )));
    }
    if let Some(why) = crate::read::special_file(path) {
        return Err(fail(format!("无法读取：{why}")).with_hint("请指向 dossier 打包的 .zip 文件"));
    }
    let mut file = std::fs::File::open(path)
        .map_err(|e| fail(format!("无法读取：{}", crate::error::io_reason(&e))))?;
    let entries = archive::central_directory(&mut file).map_err(|e| {
        fail(format!("无法读取压缩包：{e}"))
            .with_hint("文件可能不完整、已损坏或被改动过；请重新下载或重新打包")
    })?;
    // Bytes before the first entry could hide a local header that a streaming extractor
    // finds and the central directory does not list.
    match entries.first() {
        Some(first) if first.offset > 0 => Err(fail(format!(
            "无法读取压缩包：开头有 {} 字节不属于任何条目",
            first.offset
        ))
        .with_hint("文件可能已被改动；请重新下载或重新打包")),
        _ => Ok(entries),
    }
}

/// The payload's bytes and files as the central directory declares them: what Payload-Oxum
/// counts.
fn payload(entries: &[CdEntry]) -> (u64, u64) {
    entries
        .iter()
        .filter(|e| e.name.starts_with("data/") && !e.name.ends_with('/'))
        .fold((0, 0), |(bytes, files), e| {
            (bytes.saturating_add(e.size), files + 1)
        })
}
