//! The 材料目录 of a bundle: built from the plan and what was written, and laid out as tables.

use super::plan::{Plan, human_size};
use crate::model::{EvidenceEntry, EvidenceIndex, Merge, TaskTable};
use crate::read::evidence::Listing;

/// What is known of each file besides its place: by position in the plan.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// SHA-256.
    pub hashes: Vec<[u8; 32]>,
    /// Pages or photos.
    pub pages: Vec<Option<String>>,
    /// Volume, from 1.
    pub volumes: Vec<u32>,
}

/// The index of the files in `plan` with what `facts` knows of them, the indicators `missing`
/// evidence, and what `listing` set aside.
pub fn build(
    title: &str,
    plan: &Plan,
    facts: &Facts,
    missing: &[crate::model::Indicator],
    listing: &Listing,
) -> EvidenceIndex {
    let entries = plan
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| EvidenceEntry {
            indicator: f
                .indicator
                .and_then(|n| plan.indicators.get(n))
                .map_or_else(String::new, |ind| format!("{} {}", ind.code, ind.name)),
            path: f.path.clone(),
            original: f.file.rel_path(),
            size: f.file.size,
            pages: facts.pages.get(i).cloned().flatten(),
            sha256: facts
                .hashes
                .get(i)
                .map(|h| super::hex(h))
                .unwrap_or_default(),
            volume: facts.volumes.get(i).copied(),
        })
        .collect();
    EvidenceIndex {
        title: title.to_string(),
        entries,
        missing: missing.to_vec(),
        set_aside: set_aside(plan, listing),
    }
}

/// What was not packed as evidence of an indicator, with why: folders matching no indicator,
/// junk, empty folders, links not followed.
pub fn set_aside(plan: &Plan, listing: &Listing) -> Vec<(String, String)> {
    let mut set_aside: Vec<(String, String)> = Vec::new();
    set_aside.extend(plan.unmatched.iter().map(|u| {
        (
            u.clone(),
            format!("不对应任何指标，已放入 {}", super::plan::UNMATCHED),
        )
    }));
    set_aside.extend(
        listing
            .junk
            .iter()
            .map(|j| (j.clone(), "系统或办公软件的临时文件，未打包".to_string())),
    );
    set_aside.extend(
        listing
            .empty_dirs
            .iter()
            .map(|d| (d.clone(), "空文件夹".to_string())),
    );
    set_aside.extend(listing.links.iter().cloned());
    set_aside
}

/// Indicators of `plan` with no file at all.
pub fn missing(plan: &Plan) -> Vec<crate::model::Indicator> {
    plan.indicators
        .iter()
        .enumerate()
        .filter(|(i, _)| plan.files_of(*i).next().is_none())
        .map(|(_, ind)| ind.clone())
        .collect()
}

/// Totals the index template prints.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Summary {
    /// Indicators.
    pub indicators: usize,
    /// Indicators with at least one file.
    pub covered: usize,
    /// Files.
    pub files: usize,
    /// Their total size, as offices read it.
    pub size: String,
}

/// The totals of `index` over `indicators` indicators.
pub fn summary(index: &EvidenceIndex, indicators: usize) -> Summary {
    Summary {
        indicators,
        covered: indicators - index.missing.len(),
        files: index.entries.len(),
        size: human_size(index.entries.iter().map(|e| e.size).sum()),
    }
}

/// The file listing as a table, the indicator cell merged over its files; and the indicators
/// missing evidence, when there are any.
pub fn tables(index: &EvidenceIndex) -> (TaskTable, Option<TaskTable>) {
    let rows = index
        .entries
        .iter()
        .zip(1u32..)
        .map(|(e, n)| {
            vec![
                n.to_string(),
                e.indicator.clone(),
                e.path.rsplit('/').next().unwrap_or(&e.path).to_string(),
                human_size(e.size),
                e.pages.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let mut files = TaskTable::built(
        &[
            ("seq", "序号"),
            ("item", "指标"),
            ("content", "文件"),
            ("size", "大小"),
            ("pages", "页数"),
        ],
        rows,
    );
    // One merged 指标 cell over each indicator's files.
    let mut start = 0usize;
    for i in 1..=index.entries.len() {
        let same =
            i < index.entries.len() && index.entries[i].indicator == index.entries[start].indicator;
        if !same {
            if i - start > 1 && !index.entries[start].indicator.is_empty() {
                files.merges.push(Merge {
                    column: "item".to_string(),
                    first: start as u32 + 1,
                    last: i as u32,
                });
            }
            start = i;
        }
    }
    let missing = (!index.missing.is_empty()).then(|| {
        let rows = index
            .missing
            .iter()
            .map(|m| vec![m.code.clone(), m.name.clone(), m.units.join("、")])
            .collect();
        TaskTable::built(
            &[("seq", "编号"), ("content", "指标"), ("lead", "责任单位")],
            rows,
        )
    });
    (files, missing)
}
