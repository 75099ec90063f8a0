//! The 材料目录 of a bundle: its rows read from the ledger as they are written out, never
//! held, and what it says of the submission as a whole.

use std::io;

use super::ledger::{Ledger, Reader, Record};
use crate::compute::bundle_plan::{Plan, UNMATCHED};
use std::io::{Seek, Write};

use crate::app::{Look, pipeline};
use crate::error::Result;
use crate::layout::FontProfile;
use crate::model::{
    Column, EvidenceEntry, EvidenceHeading, Indicator, RowSource, TableSource, TaskTable,
};
use crate::read::evidence::SetAside;
use crate::template::Templates;
use crate::text::{hex, human_size};

/// What was not packed as evidence of an indicator, with why: folders matching no indicator,
/// junk, empty folders, links not followed.
pub fn set_aside(plan: &Plan, found: &SetAside) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    out.extend(
        plan.unmatched
            .iter()
            .map(|u| (u.clone(), format!("不对应任何指标，已放入 {UNMATCHED}"))),
    );
    out.extend(
        found
            .junk
            .iter()
            .map(|j| (j.clone(), "系统或办公软件的临时文件，未打包".to_string())),
    );
    out.extend(
        found
            .empty_dirs
            .iter()
            .map(|d| (d.clone(), "空文件夹".to_string())),
    );
    out.extend(found.links.iter().cloned());
    out
}

/// Each indicator as the 指标 column shows it: `12 窗口行业服务规范`.
pub fn labels(plan: &Plan) -> Vec<String> {
    plan.indicators
        .iter()
        .map(|i| format!("{} {}", i.code, i.name))
        .collect()
}

/// Which records a listing reads: one volume's, or all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// The records of one volume, from 1.
    Volume(u32),
    /// Every record.
    All,
}

fn records(ledger: &Ledger, span: Span) -> io::Result<Reader> {
    match span {
        Span::Volume(v) => ledger.read(v),
        Span::All => ledger.read_all(),
    }
}

/// A record as the XLSX listing has it; `volume` only when the listing says which volume
/// each file is in.
fn entry(r: Record, labels: &[String], volume: bool) -> EvidenceEntry {
    EvidenceEntry {
        indicator: label(r.indicator, labels),
        path: r.path,
        original: r.original,
        size: r.size,
        pages: r.pages,
        sha256: hex(&r.sha256),
        volume: volume.then_some(r.volume),
    }
}

fn label(indicator: Option<u32>, labels: &[String]) -> String {
    indicator
        .and_then(|i| labels.get(usize::try_from(i).ok()?))
        .cloned()
        .unwrap_or_default()
}

/// Calls `each` with every entry of `span`, in archive order.
pub fn each_entry(
    ledger: &Ledger,
    span: Span,
    labels: &[String],
    volume: bool,
    each: &mut dyn FnMut(EvidenceEntry) -> io::Result<()>,
) -> io::Result<()> {
    for r in records(ledger, span)? {
        each(entry(r?, labels, volume))?;
    }
    Ok(())
}

/// The file listing of the 材料目录.docx: 序号, 指标 (merged over each indicator's files),
/// 文件, 大小, 页数; read from the ledger each time it is wanted.
pub struct FileRows<'a> {
    ledger: &'a Ledger,
    span: Span,
    labels: &'a [String],
    columns: Vec<Column>,
}

impl<'a> FileRows<'a> {
    /// The rows of `span`.
    pub fn new(ledger: &'a Ledger, span: Span, labels: &'a [String]) -> Self {
        let columns = [
            ("seq", "序号"),
            ("item", "指标"),
            ("content", "文件"),
            ("size", "大小"),
            ("pages", "页数"),
        ]
        .iter()
        .map(|(key, header)| Column {
            index: None,
            key: key.to_string(),
            header: header.to_string(),
        })
        .collect();
        FileRows {
            ledger,
            span,
            labels,
            columns,
        }
    }
}

impl RowSource for FileRows<'_> {
    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn merge_runs(&self) -> Option<&str> {
        Some("item")
    }

    fn each_row(&self, row: &mut dyn FnMut(&[String]) -> io::Result<()>) -> io::Result<()> {
        for (r, n) in records(self.ledger, self.span)?.zip(1u32..) {
            let r = r?;
            let name = r.path.rsplit('/').next().unwrap_or(&r.path).to_string();
            row(&[
                n.to_string(),
                label(r.indicator, self.labels),
                name,
                human_size(r.size),
                r.pages.map(|p| p.to_string()).unwrap_or_default(),
            ])?;
        }
        Ok(())
    }
}

/// What `index.tera` sees of the 材料目录 as `index`.
#[derive(serde::Serialize)]
struct IndexHeading<'a> {
    title: &'a str,
    missing: &'a [Indicator],
    set_aside: &'a [(String, String)],
}

/// Totals `index.tera` prints, as `summary`.
#[derive(serde::Serialize)]
struct Summary {
    /// Indicators.
    indicators: usize,
    /// Indicators with at least one file.
    covered: usize,
    /// Files.
    files: usize,
    /// Their total size, as offices read it.
    size: String,
}

/// The 材料目录 of an evidence bundle (template `index.tera`), written into `out`: `heading`,
/// then the rows of `files` (read twice: to measure the columns, then as they are written),
/// then the indicators missing evidence.
///
/// ```
/// use dossier::model::{EvidenceHeading, HeldRows};
/// let files = HeldRows::built(
///     &[("seq", "序号"), ("item", "指标"), ("content", "文件"), ("size", "大小"), ("pages", "页数")],
///     Some("item"),
///     vec![vec!["1".into(), "1 学习".into(), "计划.pdf".into(), "2.0 KB".into(), "3页".into()]],
/// );
/// let heading = EvidenceHeading { title: "佐证材料目录".into(), files: 1, bytes: 2048, ..Default::default() };
/// let out = std::io::Cursor::new(Vec::new());
/// let docx = dossier::app::bundle::index::document(&heading, &files, &Default::default(), out).unwrap();
/// let mut docx = zip::ZipArchive::new(docx).unwrap();
/// let xml = std::io::read_to_string(docx.by_name("word/document.xml").unwrap()).unwrap();
/// assert!(xml.contains(">佐证材料目录<") && xml.contains(">计划.pdf<") && xml.contains(">3页<"));
/// ```
pub fn document<W: Write + Seek>(
    heading: &EvidenceHeading,
    files: &dyn RowSource,
    look: &Look,
    out: W,
) -> Result<W> {
    let fonts = FontProfile::named(look.fonts.as_deref())?;
    let templates = Templates::load(look.templates.as_deref())?;
    let missing = missing_table(&heading.missing);
    let mut ctx = tera::Context::new();
    // The files reach the document as `@table` rows only: a copy of every entry in the
    // template's context would cost memory in proportion to the tree.
    ctx.insert(
        "index",
        &IndexHeading {
            title: &heading.title,
            missing: &heading.missing,
            set_aside: &heading.set_aside,
        },
    );
    ctx.insert(
        "summary",
        &Summary {
            indicators: heading.indicators,
            covered: heading.indicators.saturating_sub(heading.missing.len()),
            files: heading.files,
            size: crate::text::human_size(heading.bytes),
        },
    );
    let mut numbers = std::collections::BTreeMap::new();
    numbers.insert("files", 0i64);
    numbers.insert("missing", if missing.is_some() { 1 } else { -1 });
    ctx.insert("tables", &numbers);
    let text = templates.render_with("index.tera", &ctx)?;
    let mut tables = vec![TableSource::Streamed(files)];
    tables.extend(missing.iter().map(TableSource::Held));
    let props = pipeline::properties(&heading.title, None);
    pipeline::docx_into(&text, "index.tera", &tables, fonts, &props, out)
}

/// The indicators missing evidence as a table, when there are any.
fn missing_table(missing: &[Indicator]) -> Option<TaskTable> {
    (!missing.is_empty()).then(|| {
        let rows = missing
            .iter()
            .map(|m| vec![m.code.clone(), m.name.clone(), m.units.join("、")])
            .collect();
        TaskTable::built(
            &[("seq", "编号"), ("content", "指标"), ("lead", "责任单位")],
            rows,
        )
    })
}
