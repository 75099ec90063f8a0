//! The 材料目录 of a bundle: built from the plan and what was written, and laid out as tables.

use super::plan::{Plan, human_size};
use crate::model::{Column, EvidenceEntry, EvidenceHeading, EvidenceIndex, RowSource};
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

/// What the 材料目录 of `index` over `indicators` indicators says besides its file rows.
///
/// ```
/// use dossier::model::EvidenceIndex;
/// let heading = dossier::bundle::index::heading(&EvidenceIndex::default(), 0);
/// assert_eq!((heading.files, heading.bytes), (0, 0));
/// ```
pub fn heading(index: &EvidenceIndex, indicators: usize) -> EvidenceHeading {
    EvidenceHeading {
        title: index.title.clone(),
        missing: index.missing.clone(),
        set_aside: index.set_aside.clone(),
        indicators,
        files: index.entries.len(),
        bytes: index.entries.iter().map(|e| e.size).sum(),
    }
}

/// The files of an index as the 材料目录's rows, the indicator cell merged over its files.
///
/// ```
/// use dossier::model::{EvidenceEntry, EvidenceIndex, RowSource};
/// let entry = EvidenceEntry {
///     indicator: "1 学习".into(),
///     path: "data/1 学习/001-计划.pdf".into(),
///     original: "学习/计划.pdf".into(),
///     size: 2048,
///     pages: Some("3页".into()),
///     sha256: String::new(),
///     volume: None,
/// };
/// let index = EvidenceIndex { entries: vec![entry], ..Default::default() };
/// let files = dossier::bundle::index::Files::new(&index);
/// let mut rows = Vec::new();
/// files.each_row(&mut |cells| Ok(rows.push(cells.to_vec()))).unwrap();
/// assert_eq!(rows, [["1", "1 学习", "001-计划.pdf", "2.0 KB", "3页"]]);
/// ```
pub struct Files<'a> {
    index: &'a EvidenceIndex,
    columns: Vec<Column>,
}

impl<'a> Files<'a> {
    /// The rows of `index`'s files.
    pub fn new(index: &'a EvidenceIndex) -> Self {
        let columns = [
            ("seq", "序号"),
            ("item", "指标"),
            ("content", "文件"),
            ("size", "大小"),
            ("pages", "页数"),
        ];
        Files {
            index,
            columns: columns.iter().map(|(k, h)| Column::new(k, h)).collect(),
        }
    }
}

impl RowSource for Files<'_> {
    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn merge_runs(&self) -> Option<&str> {
        Some("item")
    }

    fn each_row(
        &self,
        row: &mut dyn FnMut(&[String]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        for (e, n) in self.index.entries.iter().zip(1u32..) {
            row(&[
                n.to_string(),
                e.indicator.clone(),
                e.path.rsplit('/').next().unwrap_or(&e.path).to_string(),
                human_size(e.size),
                e.pages.clone().unwrap_or_default(),
            ])?;
        }
        Ok(())
    }
}
