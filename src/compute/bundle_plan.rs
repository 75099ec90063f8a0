//! Where each evidence file goes in the archive: matched to its indicator's folder, numbered in
//! a stable order, with a name every system can hold, and which volume carries it.

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::Indicator;
use crate::read::evidence::{self, FoundFile, Survey};
use crate::text::human_size;

use super::archive_names::{DATA, Tree, file_name, indicator_folder};

/// Where files that match no indicator go, so that none is dropped.
pub const UNMATCHED: &str = "未对应指标";

/// A file with its place in the archive.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The file.
    pub file: FoundFile,
    /// Its path in the archive, `data/…`.
    pub path: String,
    /// The indicator it is evidence for, by position.
    pub indicator: Option<usize>,
}

/// The archive's layout, decided from the survey: which top-level entry stands for which
/// indicator and in what order they are packed. The files themselves are placed as the folder
/// is walked again ([`Plan::each_placed`]), so no list of them is ever held.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The indicators, in order.
    pub indicators: Vec<Indicator>,
    /// Each indicator's folder in the archive.
    pub folders: Vec<String>,
    /// Top-level entries (their names as the file system has them) in archive order, each
    /// with the indicator it stands for.
    pub order: Vec<(std::ffi::OsString, Option<usize>)>,
    /// Files per indicator.
    pub counts: Vec<usize>,
    /// Folders and files at the top of the evidence folder that match no indicator.
    pub unmatched: Vec<String>,
    /// Files to pack.
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
}

/// Lays out the surveyed folder: by indicator when there are any, else as the folder tree.
pub fn plan(survey: &Survey, indicators: &[Indicator]) -> Plan {
    let matched = match_tops(survey, indicators);
    let mut counts = vec![0usize; indicators.len()];
    for (t, m) in survey.tops.iter().zip(&matched) {
        if let Some(c) = m.and_then(|i| counts.get_mut(i)) {
            *c += t.files;
        }
    }
    let leftover = survey
        .tops
        .iter()
        .zip(&matched)
        .filter(|(_, m)| m.is_none());
    let unmatched = if indicators.is_empty() {
        Vec::new()
    } else {
        leftover.map(|(t, _)| t.name.clone()).collect()
    };
    Plan {
        indicators: indicators.to_vec(),
        folders: indicators.iter().map(indicator_folder).collect(),
        order: archive_order(survey, &matched, indicators.len()),
        counts,
        unmatched,
        files: survey.files,
        bytes: survey.bytes,
    }
}

/// The indicator each top-level entry of the survey stands for, if any.
fn match_tops(survey: &Survey, indicators: &[Indicator]) -> Vec<Option<usize>> {
    // Only folders stand for indicators; a loose file at the top matches none.
    survey
        .tops
        .iter()
        .map(|t| {
            (t.folder && !indicators.is_empty())
                .then(|| match_folder(&t.name, indicators))
                .flatten()
        })
        .collect()
}

/// The top-level entries in archive order, each with the indicator `matched` gives it: the
/// entries of each of the `indicator_count` indicators in turn, then those that match none.
fn archive_order(
    survey: &Survey,
    matched: &[Option<usize>],
    indicator_count: usize,
) -> Vec<(std::ffi::OsString, Option<usize>)> {
    let mut order = Vec::new();
    for i in (0..indicator_count).map(Some).chain([None]) {
        order.extend(
            survey
                .tops
                .iter()
                .zip(matched)
                .filter(|(_, m)| **m == i)
                .map(|(t, _)| (t.raw.clone(), i)),
        );
    }
    order
}

impl Plan {
    /// Indicators with no file at all.
    pub fn missing(&self) -> Vec<Indicator> {
        self.indicators
            .iter()
            .zip(&self.counts)
            .filter(|(_, n)| **n == 0)
            .map(|(ind, _)| ind.clone())
            .collect()
    }

    /// Walks the evidence folder at `root` in archive order, handing `placed` each file with
    /// its place. A folder that no longer holds what the survey found is an error: the plan's
    /// numbering and volumes were made for what it held then.
    pub fn each_placed(
        &self,
        root: &Path,
        placed: &mut dyn FnMut(Placed) -> Result<()>,
    ) -> Result<()> {
        let base = if self.indicators.is_empty() {
            DATA.to_string()
        } else {
            format!("{DATA}/{UNMATCHED}")
        };
        let mut tree = Tree::new(base);
        let mut numbers = vec![0usize; self.indicators.len()];
        let mut total = 0usize;
        for (top, indicator) in &self.order {
            evidence::each_file(root, top, &mut |file| {
                total += 1;
                let path = match indicator.and_then(|i| Some((i, self.folders.get(i)?))) {
                    Some((i, folder)) => {
                        let n = numbers.get_mut(i).map_or(0, |n| {
                            *n += 1;
                            *n
                        });
                        let width = self.counts.get(i).map_or(0, |c| c.to_string().len());
                        // Numbered in path order; the name is the file's own, sub-folders
                        // folded in.
                        let lead = format!("{n:0w$}-", w = width.max(3));
                        let inner = file.rel.get(1..).unwrap_or_default();
                        let (name, dirs) = match inner.split_last() {
                            Some((name, dirs)) => (name.as_str(), dirs),
                            None => ("", inner),
                        };
                        format!("{folder}/{}", file_name(folder, &lead, dirs, name, 1))
                    }
                    None => tree.place(&file.rel),
                };
                placed(Placed {
                    file,
                    path,
                    indicator: *indicator,
                })
            })?;
        }
        if total != self.files || numbers != self.counts {
            return Err(Error::file(root, "证据文件夹在打包过程中有文件增减")
                .with_hint("等文件夹不再变动后重新打包"));
        }
        Ok(())
    }
}

/// The indicator a top-level folder is for: by its leading code (`01`, `1.2`), else by its
/// name (equal to, or the start of, exactly one indicator's name).
///
/// ```
/// use dossier::{compute::bundle_plan::match_folder, model::Indicator};
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

/// How many files each volume takes, in archive order, volumes of at most `max` bytes: an
/// indicator's files stay together when they fit, a file is never cut. A file too large for
/// any volume is an error, found before anything is written.
pub fn volumes(plan: &Plan, root: &Path, max: Option<u64>) -> Result<Vec<usize>> {
    let Some(max) = max else {
        return Ok(vec![plan.files]);
    };
    let room = max.saturating_sub(VOLUME_RESERVE);
    let totals = run_totals(plan, root, max, room)?;
    pack(plan, root, room, &totals)
}

/// The size of each indicator's run of files, every file checked against the `room` a
/// volume of at most `max` bytes has for them.
fn run_totals(plan: &Plan, root: &Path, max: u64, room: u64) -> Result<Vec<u64>> {
    let mut totals = vec![0u64; plan.indicators.len()];
    plan.each_placed(root, &mut |p| {
        let bound = entry_bound(p.file.size, &p.path);
        if bound > room {
            return Err(too_large(&p.file, max));
        }
        if let Some(t) = p.indicator.and_then(|i| totals.get_mut(i)) {
            *t += bound;
        }
        Ok(())
    })?;
    Ok(totals)
}

/// The error for a file that no volume of at most `max` bytes can take.
fn too_large(file: &FoundFile, max: u64) -> Error {
    let (size, limit) = (human_size(file.size), human_size(max));
    // A file under the limit fails only for the room each volume keeps: say so.
    let message = if file.size > max {
        format!("这个文件有 {size}，比每卷上限 {limit} 还大，无法放进任何一卷")
    } else {
        format!(
            "这个文件有 {size}，加上每卷为清单和材料目录留出的 {}，超过每卷上限 {limit}，无法放进任何一卷",
            human_size(VOLUME_RESERVE)
        )
    };
    Error::file(&file.source, message)
        .with_hint("调大 --max-size，或先把这个文件拆小（如分册扫描）")
}

/// The runs packed in order into volumes with `room` bytes each: one run per indicator (of
/// `totals` bytes), one per unmatched file. A run that fits in a volume but not in what is
/// left of this one starts the next; a larger run fills volumes file by file.
fn pack(plan: &Plan, root: &Path, room: u64, totals: &[u64]) -> Result<Vec<usize>> {
    let mut out = vec![0usize];
    let mut used = 0u64;
    let mut run: Option<usize> = None;
    plan.each_placed(root, &mut |p| {
        let bound = entry_bound(p.file.size, &p.path);
        let starts = p.indicator.is_none() || p.indicator != run;
        run = p.indicator;
        let total = match p.indicator.and_then(|i| totals.get(i)) {
            Some(&t) => t,
            None => bound,
        };
        if starts && used + total > room && used > 0 && total <= room
            || used + bound > room && used > 0
        {
            out.push(0);
            used = 0;
        }
        used += bound;
        if let Some(n) = out.last_mut() {
            *n += 1;
        }
        Ok(())
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::evidence::survey;

    fn write(root: &Path, rel: &str, len: usize) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, vec![b'x'; len]).expect("write");
    }

    fn indicator(code: &str, name: &str) -> Indicator {
        Indicator {
            code: code.into(),
            name: name.into(),
            units: vec![],
        }
    }

    fn placed(plan: &Plan, root: &Path) -> Vec<(String, Option<usize>)> {
        let mut out = Vec::new();
        plan.each_placed(root, &mut |p| {
            out.push((p.path, p.indicator));
            Ok(())
        })
        .expect("walk");
        out
    }

    #[test]
    fn files_come_in_indicator_order_numbered_then_the_unmatched_as_a_tree() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write(root, "02 窗口服务/b.pdf", 1);
        write(root, "02 窗口服务/a/c.pdf", 1);
        write(root, "1 学习/x.txt", 1);
        write(root, "其他/A.txt", 1);
        write(root, "其他/a.txt", 1);
        write(root, "散件.txt", 1);
        let inds = [
            indicator("1", "学习"),
            indicator("2", "窗口服务"),
            indicator("3", "无"),
        ];
        let plan = plan(&survey(root).expect("survey"), &inds);
        assert_eq!(plan.counts, [1, 2, 0]);
        assert_eq!(plan.unmatched, ["其他", "散件.txt"]);
        assert_eq!(plan.missing(), [inds[2].clone()]);
        assert_eq!(
            placed(&plan, root),
            [
                ("data/1 学习/001-x.txt".to_string(), Some(0)),
                ("data/2 窗口服务/001-a_c.pdf".to_string(), Some(1)),
                ("data/2 窗口服务/002-b.pdf".to_string(), Some(1)),
                ("data/未对应指标/其他/A.txt".to_string(), None),
                ("data/未对应指标/其他/a (2).txt".to_string(), None),
                ("data/未对应指标/散件.txt".to_string(), None),
            ]
        );
    }

    #[test]
    fn without_indicators_the_tree_keeps_its_shape_with_names_made_unique() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write(root, "A/1.txt", 1);
        write(root, "a/1.txt", 1);
        write(root, "a/sub/2.txt", 1);
        write(root, "b:c.txt", 1);
        let plan = plan(&survey(root).expect("survey"), &[]);
        let paths: Vec<String> = placed(&plan, root).into_iter().map(|p| p.0).collect();
        assert_eq!(
            paths,
            [
                "data/A/1.txt",
                "data/a (2)/1.txt",
                "data/a (2)/sub/2.txt",
                "data/b_c.txt"
            ]
        );
    }

    #[test]
    fn a_file_added_after_the_survey_stops_the_walk() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write(root, "a/1.txt", 1);
        let plan = plan(&survey(root).expect("survey"), &[]);
        write(root, "a/2.txt", 1);
        let err = plan
            .each_placed(root, &mut |_| Ok(()))
            .expect_err("changed");
        assert!(err.to_string().contains("增减"), "{err}");
    }

    #[test]
    fn volumes_keep_an_indicators_files_together_when_they_fit() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let kb = 1024;
        write(root, "1 甲/a.bin", 300 * kb);
        write(root, "2 乙/a.bin", 300 * kb);
        write(root, "2 乙/b.bin", 300 * kb);
        let inds = [indicator("1", "甲"), indicator("2", "乙")];
        let plan = plan(&survey(root).expect("survey"), &inds);
        let max = VOLUME_RESERVE + 700 * kb as u64;
        assert_eq!(volumes(&plan, root, Some(max)).expect("volumes"), [1, 2]);
        assert_eq!(volumes(&plan, root, None).expect("one"), [3]);
        let err = volumes(&plan, root, Some(VOLUME_RESERVE + 100 * kb as u64)).expect_err("big");
        assert!(err.to_string().contains("无法放进任何一卷"), "{err}");
    }
}
