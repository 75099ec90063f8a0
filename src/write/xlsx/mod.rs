//! Workbooks for the office's own hands: the blank 测评任务分解表 it hands out to units, and the
//! figures of a 进度通报 for its follow-up. Cells are typed (numbers, percentages and dates are
//! real values, not text) so the office can sort, sum and filter them, and the blank sheet reads
//! back through `read::sheet` exactly as it was filled in. Files are byte-identical run to run:
//! the only varying part, the creation time, is fixed.
//!
//! One file per workbook (`template`, `tally`, and `evidence` for a bundle's 材料目录), and
//! what they share in `styles`.

mod evidence;
mod made_by;
mod styles;
mod tally;
mod template;

use rust_xlsxwriter::XlsxError;

use crate::model::Tally;

/// The blank task sheet an office hands out (`dossier sheet-template`): sheet 分解表 with a
/// title row (测评任务分解表) and the header row 序号, 测评项目, 测评内容, 测评方式, 责任单位,
/// 配合单位, 完成时限, 完成情况, frozen on screen and repeated on every printed page (A4
/// landscape). 测评方式 and 完成情况 offer drop-down lists, 完成时限 takes dates shown as
/// 2024年9月30日, and the long-text columns wrap. The bytes are the same on every run.
///
/// ```
/// let bytes = dossier::write::xlsx::sheet_template().unwrap();
/// assert_eq!(&bytes[..2], b"PK");
/// assert_eq!(bytes, dossier::write::xlsx::sheet_template().unwrap());
/// ```
pub fn sheet_template() -> std::io::Result<Vec<u8>> {
    made_by::in_memory(template::book().map_err(std::io::Error::other)?)
}

/// The progress figures of a 进度通报 as a workbook for the office's own follow-up: sheet 总体
/// (title, 统计截至 date, the totals), 按责任单位, 按测评项目 (left out when the tally has no
/// 测评项目) and 逾期任务. Counts are numbers, 完成率 and 平均进度 are percentages, deadlines
/// are dates; header rows are frozen. The bytes are the same on every run.
///
/// ```
/// use calamine::{Data, Reader};
/// use dossier::model::{Counts, Tally};
/// let tally = Tally {
///     title: "重点任务进度通报".into(),
///     as_of: "2024-09-30".into(),
///     total: Counts { tasks: 2, done: 1, not_started: 1, rate: 0.5, progress: 0.5, ..Default::default() },
///     by_unit: vec![],
///     by_item: vec![],
///     overdue: vec![],
/// };
/// let bytes = dossier::write::xlsx::tally_workbook(&tally).unwrap();
/// let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
/// assert_eq!(book.sheet_names(), ["总体", "按责任单位", "逾期任务"], "no 测评项目: its sheet left out");
/// let overall = book.worksheet_range("总体").unwrap();
/// let row = (0..overall.height() as u32).find(|&r| overall.get_value((r, 0)) == Some(&Data::Float(2.0)));
/// assert!(row.is_some_and(|r| overall.get_value((r, 5)) == Some(&Data::Float(0.5))), "2 tasks, 50% done");
/// ```
pub fn tally_workbook(tally: &Tally) -> std::io::Result<Vec<u8>> {
    made_by::in_memory(tally::book(tally).map_err(std::io::Error::other)?)
}

/// The 材料目录 workbook of an evidence bundle, written to `out`: one sheet listing the files
/// `rows` hands on (written as they come, so a tree of any size takes the same memory), one of
/// the indicators missing evidence, one of what was set aside.
///
/// ```
/// use calamine::{Data, Reader};
/// use dossier::model::{EvidenceEntry, EvidenceHeading, Extent};
/// let heading = EvidenceHeading { title: "佐证材料目录".into(), ..Default::default() };
/// let mut out = std::io::Cursor::new(Vec::new());
/// let rows = |put: &mut dyn FnMut(EvidenceEntry) -> std::io::Result<()>| {
///     put(EvidenceEntry {
///         indicator: "1 理论学习".into(),
///         path: "data/1 理论学习/001-记录.pdf".into(),
///         original: "1 理论学习/记录.pdf".into(),
///         size: 1024,
///         pages: Some(Extent::Pages(3)),
///         sha256: "00".repeat(32),
///         volume: None,
///     })
/// };
/// dossier::write::xlsx::evidence_workbook(&heading, rows, &mut out).unwrap();
/// out.set_position(0);
/// let mut book = calamine::Xlsx::new(out).unwrap();
/// let files = book.worksheet_range("材料目录").unwrap();
/// assert_eq!(files.get_value((1, 3)), Some(&Data::String("data/1 理论学习/001-记录.pdf".into())));
/// assert_eq!(files.get_value((1, 6)), Some(&Data::Float(3.0)), "pages are a number");
/// ```
pub fn evidence_workbook<W: std::io::Write + Send>(
    heading: &crate::model::EvidenceHeading,
    rows: impl FnOnce(
        &mut dyn FnMut(crate::model::EvidenceEntry) -> std::io::Result<()>,
    ) -> std::io::Result<()>,
    out: W,
) -> std::io::Result<()> {
    let mut streamed = made_by::Streamed::new(out);
    evidence::book(heading, rows, &mut streamed).map_err(|e| match e {
        XlsxError::IoError(e) => e,
        other => std::io::Error::other(other),
    })?;
    streamed.finish()
}

#[cfg(test)]
mod tests;
