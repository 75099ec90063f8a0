//! The names evidence files take in the archive: safe on every system, unique within their
//! folder, and within the path rule with each file's own name kept whole.

use std::collections::HashSet;

use crate::model::Indicator;
use crate::text::{folded, safe_file_name, windows_safe};

/// The payload folder of the bag.
pub const DATA: &str = "data";
/// Longest archive path, in UTF-16 units: Windows' 260 less room for the folder it is
/// extracted into.
pub const MAX_PATH: usize = 200;
/// Longest name of one file in the archive, in UTF-8 bytes: Linux file systems hold no longer,
/// and a Chinese name of 90 characters is already 270.
pub const MAX_NAME_BYTES: usize = 255;
/// Longest indicator name in a folder name, in characters.
const FOLDER_NAME_CHARS: usize = 24;
/// Longest indicator folder name, code included, in UTF-16 units.
const INDICATOR_FOLDER_UNITS: usize = 64;
/// Room a folder leaves below it for the name of a file, in UTF-16 units: most evidence file
/// names are shorter, so folders are cut or folded before a file's own name is.
const FILE_ROOM: usize = 48;
/// Shortest folder name worth making: with less room, the folders left are folded into the
/// file's name instead.
const MIN_FOLDER: usize = 8;

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

/// `s` as it is when it has at most `units` UTF-16 units and `bytes` bytes, else its start
/// ending in `…` within both.
fn cut(s: &str, max_units: usize, max_bytes: usize) -> String {
    if units(s) <= max_units && s.len() <= max_bytes {
        return s.to_string();
    }
    let (room, bytes) = (max_units.saturating_sub(1), max_bytes.saturating_sub(3));
    let mut short = String::new();
    for c in s.chars() {
        if units(&short) + c.len_utf16() > room || short.len() + c.len_utf8() > bytes {
            break;
        }
        short.push(c);
    }
    short.push('…');
    short
}

/// `name` split into its stem and its extension (with the dot), if it has one.
fn stem_ext(name: &str) -> (&str, &str) {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.len() <= 8 => (stem, &name[stem.len()..]),
        _ => (name, ""),
    }
}

/// `name` for the n-th file of its kind: ` (n)` before its extension when `n` > 1.
fn tagged(name: &str, n: u32) -> String {
    if n <= 1 {
        return name.to_string();
    }
    let (stem, ext) = stem_ext(name);
    format!("{stem} ({n}){ext}")
}

/// The name a file takes in `folder`: `lead` (its number, if any), the source folders `dirs`
/// folded into it with `_`, then its own name `file`, tagged ` (n)` for the n-th of a kind.
/// When `folder/name` would pass `MAX_PATH`, or the name `MAX_NAME_BYTES`, the folded
/// folders are cut first (ending in `…_`); the file's own stem only when it alone is too long.
///
/// ```
/// use dossier::compute::archive_names::{file_name, MAX_PATH};
/// let dirs = vec!["二〇二六年第一季度文明交通劝导志愿服务活动记录".repeat(4)];
/// let name = file_name("data/3 文明交通", "001-", &dirs, "3月5日劝导现场照片.jpg", 1);
/// assert!(name.starts_with("001-二〇二六年") && name.ends_with("…_3月5日劝导现场照片.jpg"));
/// assert!(format!("data/3 文明交通/{name}").encode_utf16().count() <= MAX_PATH);
/// assert_eq!(file_name("data", "", &[], "a.txt", 2), "a (2).txt");
/// ```
pub fn file_name(folder: &str, lead: &str, dirs: &[String], file: &str, n: u32) -> String {
    let joined: String = dirs.iter().map(|d| format!("{d}_")).collect();
    let whole = format!(
        "{lead}{}",
        tagged(&windows_safe(&format!("{joined}{file}")), n)
    );
    let room = MAX_PATH.saturating_sub(units(folder) + 1);
    if units(&whole) <= room && whole.len() <= MAX_NAME_BYTES {
        return whole;
    }
    let own = tagged(&windows_safe(file), n);
    let folders = windows_safe(&dirs.join("_"));
    let used = (units(lead) + units(&own) + 1, lead.len() + own.len() + 1);
    let left = (
        room.saturating_sub(used.0),
        MAX_NAME_BYTES.saturating_sub(used.1),
    );
    if !dirs.is_empty() && left.0 >= 2 && left.1 >= 4 {
        return format!("{lead}{}_{own}", cut(&folders, left.0, left.1));
    }
    // The file's own name is too long even alone: its stem is cut, its extension kept.
    let plain = windows_safe(file);
    let (stem, ext) = stem_ext(&plain);
    let tag = tagged("", n);
    let stem_units = room.saturating_sub(units(lead) + units(&tag) + units(ext));
    let stem_bytes = MAX_NAME_BYTES.saturating_sub(lead.len() + tag.len() + ext.len());
    format!("{lead}{}{tag}{ext}", cut(stem, stem_units, stem_bytes))
}

/// An indicator's folder in the archive: `data/` and its code and name, the name cut at its
/// first punctuation and to `FOLDER_NAME_CHARS`.
pub fn indicator_folder(indicator: &Indicator) -> String {
    let short: String = indicator
        .name
        .split(['。', '，', '；', '：', '\n'])
        .next()
        .unwrap_or("")
        .chars()
        .take(FOLDER_NAME_CHARS)
        .collect();
    let name = safe_file_name(format!("{} {}", indicator.code, short).trim());
    format!(
        "{DATA}/{}",
        cut(&name, INDICATOR_FOLDER_UNITS, MAX_NAME_BYTES)
    )
}

/// The names given out in one folder of the archive, as a system that ignores case and
/// Unicode normalisation sees them.
#[derive(Default)]
struct Folder {
    seen: HashSet<String>,
}

impl Folder {
    /// The first of `named(1)`, `named(2)` … not yet given out here: equal but for case or
    /// normalisation counts as given, so is a long name cut to the same start as another.
    fn give(&mut self, named: impl Fn(u32) -> String) -> String {
        let mut n = 1;
        let mut candidate = named(n);
        while self.seen.contains(&folded(&candidate)) {
            n += 1;
            candidate = named(n);
        }
        self.seen.insert(folded(&candidate));
        candidate
    }
}

/// One folder on the way down to the file being placed.
struct Level {
    /// Its name in the evidence folder.
    source: String,
    /// Its path in the archive.
    path: String,
    folder: Folder,
}

/// The folder tree kept as it is under `base`, each name made safe and unique within its
/// folder (Windows does not tell `A.pdf` from `a.pdf`, macOS not `é` from `e` and an accent).
/// Folders too deep for the path rule are folded into the names of their files. Files come
/// in path order, so only the folders on the way to the current file are held.
pub struct Tree {
    base: String,
    top: Folder,
    down: Vec<Level>,
}

impl Tree {
    /// An empty tree under the archive folder `base`.
    pub fn new(base: String) -> Self {
        Tree {
            base,
            top: Folder::default(),
            down: Vec::new(),
        }
    }

    /// The archive path of the file at `rel` (its path in the evidence folder, by part).
    pub fn place(&mut self, rel: &[String]) -> String {
        let Some((file, dirs)) = rel.split_last() else {
            return self.base.clone();
        };
        let keep = self
            .down
            .iter()
            .zip(dirs)
            .take_while(|(level, d)| level.source == **d)
            .count();
        self.down.truncate(keep);
        for d in dirs.get(keep..).unwrap_or_default() {
            if !self.descend(d) {
                break;
            }
        }
        let folded = dirs.get(self.down.len()..).unwrap_or_default();
        let (path, folder) = self.deepest();
        let name = folder.give(|n| file_name(path, "", folded, file, n));
        format!("{path}/{name}")
    }

    /// Makes the folder for the source folder `source` below the deepest one, its name cut
    /// to leave `FILE_ROOM` under it; false when there is no room for one.
    fn descend(&mut self, source: &str) -> bool {
        let (path, folder) = self.deepest();
        let room = MAX_PATH.saturating_sub(units(path) + 1 + FILE_ROOM);
        if room < MIN_FOLDER {
            return false;
        }
        let plain = safe_file_name(source);
        let name = folder.give(|n| {
            let tag = tagged("", n);
            let bytes = MAX_NAME_BYTES - tag.len();
            format!(
                "{}{tag}",
                cut(&plain, room.saturating_sub(units(&tag)), bytes)
            )
        });
        let path = format!("{path}/{name}");
        self.down.push(Level {
            source: source.to_string(),
            path,
            folder: Folder::default(),
        });
        true
    }

    fn deepest(&mut self) -> (&str, &mut Folder) {
        match self.down.last_mut() {
            Some(l) => (&l.path, &mut l.folder),
            None => (&self.base, &mut self.top),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(path: &str) -> Vec<String> {
        path.split('/').map(str::to_string).collect()
    }

    #[test]
    fn a_deep_chain_of_long_folders_keeps_every_path_in_the_rule_and_the_file_name_whole() {
        let mut tree = Tree::new(format!("{DATA}/未对应指标"));
        let chain: Vec<String> = (1..=12)
            .map(|i| format!("第{i}层关于开展文明城市创建工作的材料汇编与说明"))
            .collect();
        for file in ["现场照片.jpg", "会议记录（签到表及影像资料）.pdf"] {
            let rel: Vec<String> = chain.iter().cloned().chain([file.to_string()]).collect();
            let path = tree.place(&rel);
            assert!(units(&path) <= MAX_PATH, "{} {path}", units(&path));
            assert!(path.ends_with(&format!("…_{file}")), "{path}");
            assert!(path.split('/').all(|p| p.len() <= MAX_NAME_BYTES), "{path}");
        }
        // The folders kept are the chain's first, the others folded into the file's name.
        let placed = tree.place(&parts(
            "第1层关于开展文明城市创建工作的材料汇编与说明/a.txt",
        ));
        assert_eq!(
            placed,
            "data/未对应指标/第1层关于开展文明城市创建工作的材料汇编与说明/a.txt"
        );
    }

    #[test]
    fn a_file_name_too_long_alone_keeps_its_start_and_extension() {
        let long = format!("{}.pdf", "文明城市创建工作会议记录".repeat(20));
        let name = file_name("data/1 学习", "001-", &["子目录".into()], &long, 1);
        assert!(
            name.starts_with("001-文明城市") && name.ends_with("….pdf"),
            "{name}"
        );
        assert!(name.len() <= MAX_NAME_BYTES);
        let second = file_name("data", "", &[], &long, 2);
        assert!(second.ends_with("… (2).pdf"), "{second}");
    }

    #[test]
    fn a_long_folder_name_is_cut_and_two_cut_alike_are_told_apart() {
        let mut tree = Tree::new(DATA.to_string());
        let long = |c: char| format!("{}{c}", "很长的文件夹名称".repeat(30));
        let a = tree.place(&[long('甲'), "1.txt".into()]);
        let b = tree.place(&[long('乙'), "1.txt".into()]);
        assert!(
            a.ends_with("…/1.txt") && b.ends_with("… (2)/1.txt"),
            "{a} {b}"
        );
        assert!(units(&a) <= MAX_PATH - FILE_ROOM + 6, "{a}");
    }

    #[test]
    fn a_long_indicator_code_is_cut() {
        let ind = Indicator {
            code: "1".repeat(300),
            name: "学习".into(),
            units: vec![],
        };
        let folder = indicator_folder(&ind);
        assert_eq!(units(&folder), DATA.len() + 1 + INDICATOR_FOLDER_UNITS);
    }
}
