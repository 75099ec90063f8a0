//! Where each evidence file goes in the archive: matched to its indicator's folder, numbered in
//! a stable order, with a name every system can hold, and which volume carries it.

use std::collections::{HashMap, HashSet};

use crate::error::{Error, Result};
use crate::model::Indicator;
use std::sync::Arc;

use crate::read::evidence::{FoundFile, Listing};
use crate::write::{nfd::nfd, safe_file_name};

/// The payload folder of the bag.
pub const DATA: &str = "data";
/// Where files that match no indicator go, so that none is dropped.
pub const UNMATCHED: &str = "未对应指标";
/// Longest archive path, in UTF-16 units: Windows' 260 less room for the folder it is
/// extracted into.
pub const MAX_PATH: usize = 200;
/// Longest name of one file in the archive, in UTF-8 bytes: Linux file systems hold no longer,
/// and a Chinese name of 90 characters is already 270.
pub const MAX_NAME_BYTES: usize = 255;
/// Longest indicator name in a folder name, in characters.
const FOLDER_NAME_CHARS: usize = 24;

/// A file with its place in the archive.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The file.
    /// Shared with the listing: a tree of many files is not held twice.
    pub file: Arc<FoundFile>,
    /// Its path in the archive, `data/…`.
    pub path: String,
    /// The indicator it is evidence for, by position.
    pub indicator: Option<usize>,
}

/// The whole archive's layout.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The indicators, in order.
    pub indicators: Vec<Indicator>,
    /// Each indicator's folder in the archive.
    pub folders: Vec<String>,
    /// The files, in archive order.
    pub files: Vec<Placed>,
    /// Folders and files at the top of the evidence folder that match no indicator.
    pub unmatched: Vec<String>,
}

impl Plan {
    /// Files placed for indicator `i`.
    pub fn files_of(&self, i: usize) -> impl Iterator<Item = &Placed> {
        self.files.iter().filter(move |f| f.indicator == Some(i))
    }
}

/// Lays out `listing`: by indicator when there are any, else as the folder tree.
pub fn plan(listing: &Listing, indicators: &[Indicator]) -> Plan {
    if indicators.is_empty() {
        return tree(listing);
    }
    let folders: Vec<String> = indicators
        .iter()
        .map(|i| {
            let short: String = i
                .name
                .split(['。', '，', '；', '：', '\n'])
                .next()
                .unwrap_or("")
                .chars()
                .take(FOLDER_NAME_CHARS)
                .collect();
            format!(
                "{DATA}/{}",
                safe_file_name(format!("{} {}", i.code, short).trim())
            )
        })
        .collect();
    let mut groups: Vec<Vec<&Arc<FoundFile>>> = vec![Vec::new(); indicators.len()];
    let mut leftover: Vec<&Arc<FoundFile>> = Vec::new();
    let mut tops: HashMap<&str, Option<usize>> = HashMap::new();
    for f in &listing.files {
        let top = f.rel[0].as_str();
        // Only folders stand for indicators; a loose file at the top matches none.
        let found = *tops.entry(top).or_insert_with(|| {
            if f.rel.len() > 1 {
                match_folder(top, indicators)
            } else {
                None
            }
        });
        match found {
            Some(i) => groups[i].push(f),
            None => leftover.push(f),
        }
    }
    let mut unmatched: Vec<String> = tops
        .iter()
        .filter(|(_, m)| m.is_none())
        .map(|(t, _)| t.to_string())
        .collect();
    unmatched.sort();
    let mut files = Vec::new();
    for (i, group) in groups.iter().enumerate() {
        let width = group.len().to_string().len().max(3);
        for (n, f) in group.iter().enumerate() {
            // Numbered in path order; the name is the file's own, sub-folders folded in.
            let name = f.rel[1..].join("_");
            let numbered = format!("{:0width$}-{}", n + 1, safe_file_name(&name));
            files.push(Placed {
                file: (*f).clone(),
                path: format!("{}/{}", folders[i], fit(&folders[i], &numbered, 1)),
                indicator: Some(i),
            });
        }
    }
    files.extend(tree_paths(&leftover, &format!("{DATA}/{UNMATCHED}")));
    Plan {
        indicators: indicators.to_vec(),
        folders,
        files,
        unmatched,
    }
}

/// The folder tree kept as it is, under `data/`.
fn tree(listing: &Listing) -> Plan {
    let all: Vec<&Arc<FoundFile>> = listing.files.iter().collect();
    Plan {
        files: tree_paths(&all, DATA),
        ..Plan::default()
    }
}

/// The names given out in one folder of the archive.
#[derive(Default)]
struct Folder {
    /// Each source name (`f:` file, `d:` folder) and its name in the archive.
    given: HashMap<String, String>,
    /// The archive names as a system that ignores case and Unicode normalisation sees them.
    seen: HashSet<String>,
}

/// A name as Windows (case) and macOS (case and canonical decomposition) compare names.
fn folded(name: &str) -> String {
    nfd(&name.to_lowercase())
}

/// Paths for `files` under `base`, each component made safe and unique within its folder
/// whatever the case or Unicode normalisation (Windows does not tell `A.pdf` from `a.pdf`,
/// macOS not `é` from `e` and an accent). A file's name is cut to fit the path first, so two
/// long names cut to the same start are told apart as well.
fn tree_paths(files: &[&Arc<FoundFile>], base: &str) -> Vec<Placed> {
    let mut taken: HashMap<String, Folder> = HashMap::new();
    let mut out = Vec::new();
    for f in files {
        let mut path = base.to_string();
        for (depth, part) in f.rel.iter().enumerate() {
            let last = depth + 1 == f.rel.len();
            let folder = taken.entry(path.clone()).or_default();
            // The same source name always gets the same safe name within one folder.
            let key = format!("{}{}", if last { "f:" } else { "d:" }, part);
            let safe = match folder.given.get(&key) {
                Some(s) => s.clone(),
                None => {
                    let plain = safe_file_name(part);
                    let named = |n: u32| match (last, n) {
                        (true, _) => fit(&path, &plain, n),
                        (false, 1) => plain.clone(),
                        (false, _) => format!("{plain} ({n})"),
                    };
                    let mut n = 1;
                    let mut candidate = named(n);
                    while folder.seen.contains(&folded(&candidate)) {
                        n += 1;
                        candidate = named(n);
                    }
                    folder.seen.insert(folded(&candidate));
                    folder.given.insert(key, candidate.clone());
                    candidate
                }
            };
            path = format!("{path}/{safe}");
        }
        out.push(Placed {
            file: (*f).clone(),
            path,
            indicator: None,
        });
    }
    out
}

/// The name a file takes in `folder`: `name`, or `name (n).ext` for the n-th of a kind, its
/// stem cut (ending in `…`) so that `folder/name` stays within `MAX_PATH` and the name within
/// `MAX_NAME_BYTES`.
fn fit(folder: &str, name: &str, n: u32) -> String {
    let units = |s: &str| s.encode_utf16().count();
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() && e.len() <= 8 => (s, format!(".{e}")),
        _ => (name, String::new()),
    };
    let tag = if n > 1 {
        format!(" ({n})")
    } else {
        String::new()
    };
    let whole = format!("{stem}{tag}{ext}");
    if units(folder) + 1 + units(&whole) <= MAX_PATH && whole.len() <= MAX_NAME_BYTES {
        return whole;
    }
    let room = MAX_PATH.saturating_sub(units(folder) + 1 + units(&tag) + units(&ext) + 1);
    let bytes = MAX_NAME_BYTES.saturating_sub(tag.len() + ext.len() + '…'.len_utf8());
    let mut short = String::new();
    for c in stem.chars() {
        if units(&short) + c.len_utf16() > room || short.len() + c.len_utf8() > bytes {
            break;
        }
        short.push(c);
    }
    format!("{short}…{tag}{ext}")
}

/// The indicator a top-level folder is for: by its leading code (`01`, `1.2`), else by its
/// name (equal to, or the start of, exactly one indicator's name).
///
/// ```
/// use dossier::{bundle::plan::match_folder, model::Indicator};
/// let ind = |c: &str, n: &str| Indicator { code: c.into(), name: n.into(), units: vec![] };
/// let list = [ind("1", "理论学习中心组学习"), ind("12", "窗口行业服务规范")];
/// assert_eq!(match_folder("01 学习", &list), Some(0));
/// assert_eq!(match_folder("12、窗口", &list), Some(1));
/// assert_eq!(match_folder("窗口行业服务", &list), Some(1));
/// assert_eq!(match_folder("其他", &list), None);
/// ```
pub fn match_folder(folder: &str, indicators: &[Indicator]) -> Option<usize> {
    let tidy = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let code: String = folder
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let code = code.trim_end_matches('.');
    if !code.is_empty() {
        let norm = |c: &str| {
            c.split('.')
                .map(|p| p.trim_start_matches('0').to_string())
                .collect::<Vec<_>>()
        };
        let hits: Vec<usize> = indicators
            .iter()
            .enumerate()
            .filter(|(_, i)| norm(&i.code) == norm(code))
            .map(|(n, _)| n)
            .collect();
        if let [only] = hits[..] {
            return Some(only);
        }
    }
    let name =
        tidy(folder.trim_start_matches(|c: char| c.is_ascii_digit() || ".、-_ ".contains(c)));
    if name.chars().count() < 2 {
        return None;
    }
    let hits: Vec<usize> = indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| {
            let full = tidy(&i.name);
            full == name || full.starts_with(&name)
        })
        .map(|(n, _)| n)
        .collect();
    match hits[..] {
        [only] => Some(only),
        _ => None,
    }
}

/// The most an entry can add to an archive: its bytes (deflate can grow them a little), its
/// headers and name twice (local and central), and its manifest and index lines.
pub fn entry_bound(size: u64, path: &str) -> u64 {
    size + size / 1000 + 512 + 4 * path.len() as u64
}

/// Room each volume keeps for its bag files, index and directory end.
pub const VOLUME_RESERVE: u64 = 256 * 1024;

/// Splits `plan.files` into volumes of at most `max` bytes: an indicator's files stay together
/// when they fit, a file is never cut. Returns the file positions of each volume.
pub fn volumes(plan: &Plan, max: Option<u64>) -> Result<Vec<Vec<usize>>> {
    let Some(max) = max else {
        return Ok(vec![(0..plan.files.len()).collect()]);
    };
    let room = max.saturating_sub(VOLUME_RESERVE);
    for f in &plan.files {
        if entry_bound(f.file.size, &f.path) > room {
            let (size, limit) = (human_size(f.file.size), human_size(max));
            // A file under the limit fails only for the room each volume keeps: say so.
            let message = if f.file.size > max {
                format!("这个文件有 {size}，比每卷上限 {limit} 还大，无法放进任何一卷")
            } else {
                format!(
                    "这个文件有 {size}，加上每卷为清单和材料目录留出的 {}，超过每卷上限 {limit}，无法放进任何一卷",
                    human_size(VOLUME_RESERVE)
                )
            };
            return Err(Error::file(&f.file.source, message)
                .with_hint("调大 --max-size，或先把这个文件拆小（如分册扫描）"));
        }
    }
    // Runs of files that belong together: one per indicator, one per unmatched file.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, f) in plan.files.iter().enumerate() {
        match (groups.last_mut(), f.indicator) {
            (Some(g), Some(ind)) if plan.files[g[0]].indicator == Some(ind) => g.push(i),
            _ => groups.push(vec![i]),
        }
    }
    let mut out: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = 0u64;
    let bound = |i: usize| entry_bound(plan.files[i].file.size, &plan.files[i].path);
    for g in groups {
        let total: u64 = g.iter().map(|&i| bound(i)).sum();
        if used + total > room && used > 0 && total <= room {
            out.push(Vec::new());
            used = 0;
        }
        for i in g {
            if used + bound(i) > room && used > 0 {
                out.push(Vec::new());
                used = 0;
            }
            used += bound(i);
            if let Some(v) = out.last_mut() {
                v.push(i);
            }
        }
    }
    Ok(out)
}

/// A size as offices read it: `3.2 MB`.
///
/// ```
/// assert_eq!(dossier::bundle::plan::human_size(1536), "1.5 KB");
/// assert_eq!(dossier::bundle::plan::human_size(100), "100 B");
/// ```
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = bytes as f64;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}
