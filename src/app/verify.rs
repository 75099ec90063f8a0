//! Re-checks bundle archives against their own manifests: every payload file present, none
//! extra, each one's bytes matching its CRC-32 and its SHA-256.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::bagit;
use crate::error::{Error, Result};
use crate::read::archive;
use crate::text::hex;

/// What is wrong with one archive; empty lists when it is whole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    /// Files the manifest lists that the archive does not hold.
    pub missing: Vec<String>,
    /// Payload files the archive holds that the manifest does not list.
    pub extra: Vec<String>,
    /// Files whose bytes do not match their CRC or their SHA-256.
    pub corrupted: Vec<String>,
    /// Payload files checked.
    pub checked: usize,
}

impl Findings {
    /// Whether the archive is whole.
    pub fn ok(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty() && self.corrupted.is_empty()
    }
}

/// Checks each archive of `paths`; one unreadable archive does not hide what the others hold.
pub fn verify_all(paths: &[PathBuf]) -> Vec<(PathBuf, Result<Findings>)> {
    paths.iter().map(|p| (p.clone(), verify(p))).collect()
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

/// Checks the archive at `path`. A file that is no readable archive, or one without a
/// manifest, is an error; damage inside a readable archive is reported in the findings.
pub fn verify(path: &Path) -> Result<Findings> {
    let manifest = read_manifest(path)?;
    let entries = archive::read_back(path).map_err(|e| {
        Error::file(path, format!("无法读取压缩包：{e}"))
            .with_hint("文件可能不完整或已损坏；请重新下载或重新打包")
    })?;
    // Looked up by name: an archive of 100,000 files must not cost 100,000² comparisons.
    let by_name: std::collections::HashMap<&str, &archive::ReadEntry> =
        entries.iter().map(|e| (e.name.as_str(), e)).collect();
    // Manifest paths are percent-encoded (RFC 8493); one written raw by an older dossier is
    // still found by its name as written.
    let manifest: Vec<(String, String)> = manifest
        .into_iter()
        .map(|(hash, written)| {
            let name = bagit::decoded(&written);
            (
                hash,
                if by_name.contains_key(name.as_str()) {
                    name
                } else {
                    written
                },
            )
        })
        .collect();
    let listed: std::collections::HashSet<&str> =
        manifest.iter().map(|(_, n)| n.as_str()).collect();
    let mut f = Findings::default();
    for (hash, name) in &manifest {
        match by_name.get(name.as_str()) {
            None => f.missing.push(name.clone()),
            Some(e) => {
                f.checked += 1;
                if !e.crc_ok || &hex(&e.sha256) != hash {
                    f.corrupted.push(name.clone());
                }
            }
        }
    }
    for e in &entries {
        if e.name.starts_with("data/") && !listed.contains(e.name.as_str()) {
            f.extra.push(e.name.clone());
        }
        // Tag files are checked by CRC; the payload above by hash as well.
        if !e.name.starts_with("data/") && !e.crc_ok {
            f.corrupted.push(e.name.clone());
        }
    }
    Ok(f)
}

/// The (SHA-256, path) lines of the archive's manifest-sha256.txt.
fn read_manifest(path: &Path) -> Result<Vec<(String, String)>> {
    let fail = |what: String| Error::file(path, what);
    if let Some(why) = crate::read::special_file(path) {
        return Err(fail(format!("无法读取：{why}")).with_hint("请指向 dossier 打包的 .zip 文件"));
    }
    let file = std::fs::File::open(path)
        .map_err(|e| fail(format!("无法读取：{}", crate::error::io_reason(&e))))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| {
        fail(format!("不是可读的 zip 压缩包（{e}）"))
            .with_hint("文件可能不完整或已损坏；请重新下载或重新打包")
    })?;
    let limit = crate::limits::MANIFEST_BYTES;
    let mut text = String::new();
    zip.by_name(bagit::MANIFEST)
        .map_err(|_| {
            fail("压缩包里没有 manifest-sha256.txt，不是 dossier 打包的材料包".to_string())
        })?
        .take(limit + 1)
        .read_to_string(&mut text)
        .map_err(|e| fail(format!("manifest-sha256.txt 已损坏：{e}")))?;
    if text.len() as u64 > limit {
        return Err(fail(format!(
            "manifest-sha256.txt 解压后超过 {} MiB 的上限，不像 dossier 打包的清单",
            limit >> 20
        ))
        .with_hint("文件可能已损坏或被改动；请重新打包"));
    }
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (hash, name) = line
            .split_once(char::is_whitespace)
            .ok_or_else(|| fail(format!("manifest-sha256.txt 第 {} 行格式不对", n + 1)))?;
        out.push((hash.to_lowercase(), name.trim_start().to_string()));
    }
    Ok(out)
}
