//! Every entry's bytes against the manifests: each payload file the manifest lists is there
//! and whole, none is there that it does not list, and every file outside `data/` is a tag
//! file the tag manifest lists and vouches for.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::findings::{Findings, Problem};
use super::tags::Lines;
use crate::app::bagit;
use crate::error::{Error, Result};
use crate::read::archive::{self, CdEntry, ReadEntry};
use crate::text::hex;

/// The tag files dossier writes besides BagIt's own: declared by being what dossier writes,
/// when there is no tag manifest to declare them (its absence is reported on its own).
const DOSSIER_TAG_FILES: [&str; 3] = ["原始文件名.txt", "材料目录.docx", "材料目录.xlsx"];

/// The tag files BagIt requires, which the tag manifest must cover.
const BAGIT_TAG_FILES: [&str; 3] = [bagit::DECLARATION, bagit::INFO, bagit::MANIFEST];

/// A manifest's files, by the name the archive holds each under, and which were found.
struct Listing {
    lines: Lines,
    at: HashMap<String, usize>,
    found: Vec<bool>,
}

impl Listing {
    fn new(lines: Lines, names: &HashSet<&str>) -> Self {
        // Manifest paths are percent-encoded (RFC 8493); one written raw by an older dossier is
        // still found by its name as written.
        let lines: Lines = lines
            .into_iter()
            .map(|(hash, written)| {
                let name = bagit::decoded(&written);
                (
                    hash,
                    if names.contains(name.as_str()) {
                        name
                    } else {
                        written
                    },
                )
            })
            .collect();
        let at = lines
            .iter()
            .enumerate()
            .map(|(i, (_, name))| (name.clone(), i))
            .collect();
        Listing {
            found: vec![false; lines.len()],
            lines,
            at,
        }
    }

    /// Marks `e` found, if listed: whether it was found for the first time, and whether its
    /// SHA-256 is the one listed.
    fn check(&mut self, e: &ReadEntry) -> Option<(bool, bool)> {
        let i = *self.at.get(&e.name)?;
        let (hash, _) = self.lines.get(i)?;
        let matches = *hash == hex(&e.sha256);
        let first = !std::mem::replace(self.found.get_mut(i)?, true);
        Some((first, matches))
    }

    /// The listed files not found, in the manifest's order.
    fn missing(&self) -> impl Iterator<Item = &str> {
        self.lines
            .iter()
            .zip(&self.found)
            .filter(|(_, found)| !**found)
            .map(|((_, name), _)| name.as_str())
    }
}

/// Reads every entry but those `skip` marks (unsafe names, already reported) and checks it
/// against `manifest` and `tag_manifest`; adds what is wrong to `f`.
pub(super) fn check(
    path: &Path,
    entries: &[CdEntry],
    skip: &[bool],
    (manifest, tag_manifest): (Lines, Option<Lines>),
    f: &mut Findings,
) -> Result<()> {
    let names: HashSet<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    let mut payload = Listing::new(manifest, &names);
    let mut tags = tag_manifest.map(|lines| Listing::new(lines, &names));
    let mut at = 0;
    archive::read_listed(path, entries, &mut |back| {
        let skipped = skip.get(at).copied().unwrap_or(false) || back.name.ends_with('/');
        at += 1;
        if !skipped {
            judge(&back, &mut payload, &mut tags, f);
        }
        Ok(())
    })
    .map_err(|e| {
        Error::file(path, format!("无法读取压缩包：{e}"))
            .with_hint("文件可能不完整或已损坏；请重新下载或重新打包")
    })?;
    let missing = payload
        .missing()
        .chain(tags.iter().flat_map(Listing::missing));
    let missing: Vec<Problem> = missing.map(|n| Problem::Missing(n.to_string())).collect();
    f.problems.extend(missing);
    Ok(())
}

/// Checks one entry against the manifest that should list it.
fn judge(back: &ReadEntry, payload: &mut Listing, tags: &mut Option<Listing>, f: &mut Findings) {
    let in_payload = back.name.starts_with("data/");
    let has_tag_manifest = tags.is_some();
    let listing = if in_payload {
        Some(payload)
    } else {
        tags.as_mut()
    };
    let damaged = || Problem::Damaged(back.name.clone());
    match listing.and_then(|l| l.check(back)) {
        Some((first, matches)) => {
            if in_payload && first {
                f.checked += 1;
            }
            if !back.crc_ok || !matches {
                f.problems.push(damaged());
            }
        }
        None => {
            if !back.crc_ok {
                f.problems.push(damaged());
            }
            f.problems
                .extend(unlisted(&back.name, in_payload, has_tag_manifest));
        }
    }
}

/// What an entry no manifest lists is: extra, a BagIt tag file left unchecked, or undeclared;
/// nothing for the tag manifest itself, and for the tag files dossier writes when there is no
/// tag manifest.
fn unlisted(name: &str, in_payload: bool, has_tag_manifest: bool) -> Option<Problem> {
    let name_of = || name.to_string();
    if in_payload {
        return Some(Problem::Extra(name_of()));
    }
    if name == bagit::TAG_MANIFEST {
        return None;
    }
    if BAGIT_TAG_FILES.contains(&name) {
        return has_tag_manifest.then(|| Problem::Uncovered(name_of()));
    }
    if !has_tag_manifest && DOSSIER_TAG_FILES.contains(&name) {
        return None;
    }
    Some(Problem::Undeclared(name_of()))
}
