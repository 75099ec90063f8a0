//! `tally`: a 进度通报 from a tally sheet (template `tally.tera`), and the same figures as a
//! workbook beside it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::pipeline::Made;
use super::{InMemory, Listener, Look, Signed, load_tasks, outputs, pipeline};
use crate::compute::tally::tally as figures;
use crate::error::{Error, Result};
use crate::layout::FontProfile;
use crate::model::{Share, TableSource, Tally, TaskTable};
use crate::read::scheme::Files;
use crate::template::Templates;
use crate::text::{Date, percent};

/// Whom a bulletin is sent to (主送机关) when no one is named.
pub const DEFAULT_TO: &str = "各责任单位";

/// What to tally, and how the bulletin is addressed.
#[derive(Debug, Clone)]
pub struct Request {
    /// The tally sheet.
    pub sheet: PathBuf,
    /// Its sheet's name; the first visible sheet when `None`.
    pub sheet_name: Option<String>,
    /// The bulletin; the workbook goes beside it as `.xlsx`.
    pub out: PathBuf,
    /// The day the figures are as of.
    pub as_of: Date,
    /// The bulletin's title; made from the sheet's title when `None`.
    pub title: Option<String>,
    /// 主送机关.
    pub to: String,
    /// Templates and fonts.
    pub look: Look,
    /// Who signs it.
    pub signed: Signed,
}

/// What a tally wrote.
#[derive(Debug, Clone)]
pub struct Report {
    /// The bulletin.
    pub docx: PathBuf,
    /// The figures as a workbook.
    pub xlsx: PathBuf,
    /// The bulletin as a PDF, when asked for.
    pub pdf: Option<PathBuf>,
}

/// Tallies `req.sheet` into the bulletin and its workbook.
///
/// ```
/// use dossier::app::{Look, Signed, Warnings, tally};
/// use dossier::text::Date;
/// let dir = tempfile::tempdir().unwrap();
/// let req = tally::Request {
///     sheet: "samples/进度台账.xlsx".into(),
///     sheet_name: None,
///     out: dir.path().join("通报.docx"),
///     as_of: Date::new(2024, 10, 15).unwrap(),
///     title: None,
///     to: "各责任单位".into(),
///     look: Look::default(),
///     signed: Signed { issuer: "市创建办".into(), date: Date::new(2024, 10, 16).unwrap() },
/// };
/// let r = tally::tally(&req, &mut Warnings::default()).unwrap();
/// assert_eq!(r.xlsx, dir.path().join("通报.xlsx"));
/// let mut docx = zip::ZipArchive::new(std::fs::File::open(&r.docx).unwrap()).unwrap();
/// let xml = std::io::read_to_string(docx.by_name("word/document.xml").unwrap()).unwrap();
/// assert!(xml.contains("截至2024年10月15日，全部25项任务中，已完成8项"));
/// assert!(r.xlsx.is_file());
/// ```
pub fn tally(req: &Request, listener: &mut dyn Listener) -> Result<Report> {
    outputs::write_all(tally_files(req, listener)?)?;
    let xlsx = req.out.with_extension("xlsx");
    let pdf = req.look.pdf.then(|| req.out.with_extension("pdf"));
    Ok(Report {
        docx: req.out.clone(),
        xlsx,
        pdf,
    })
}

/// The files `tally` writes, made in memory and not written: the bulletin, its PDF when
/// asked for, then the workbook.
///
/// ```
/// use dossier::app::{Look, Signed, Warnings, tally};
/// use dossier::text::Date;
/// let req = tally::Request {
///     sheet: "samples/进度台账.xlsx".into(),
///     sheet_name: None,
///     out: "通报.docx".into(),
///     as_of: Date::new(2024, 10, 15).unwrap(),
///     title: None,
///     to: tally::DEFAULT_TO.into(),
///     look: Look::default(),
///     signed: Signed { issuer: "市创建办".into(), date: Date::new(2024, 10, 16).unwrap() },
/// };
/// let files = tally::tally_files(&req, &mut Warnings::default()).unwrap();
/// let names: Vec<_> = files.iter().map(|(p, _)| p.to_str().unwrap()).collect();
/// assert_eq!(names, ["通报.docx", "通报.xlsx"]);
/// assert!(!std::path::Path::new("通报.docx").exists(), "nothing written");
/// ```
pub fn tally_files(req: &Request, listener: &mut dyn Listener) -> Result<InMemory> {
    if req
        .out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    {
        return Err(
            Error::file(&req.out, "通报要写成 .docx，同名的 .xlsx 会一并写出")
                .with_hint("-o 写 .docx 文件名，如 -o 通报.docx"),
        );
    }
    outputs::named_as(&req.out, "docx")?;
    let xlsx_path = req.out.with_extension("xlsx");
    let pdf_path = req.look.pdf.then(|| req.out.with_extension("pdf"));
    let mut targets = vec![req.out.as_path(), xlsx_path.as_path()];
    targets.extend(pdf_path.as_deref());
    req.look.prepare()?;
    let sheet = req.sheet_name.as_deref();
    let super::Tasks { table, read, .. } =
        load_tasks(&req.sheet, sheet, Files::default(), listener)?;
    outputs::check(&read, &targets)?;
    let title = req
        .title
        .clone()
        .unwrap_or_else(|| bulletin_title(table.title.as_deref()));
    let tally = figures(&table, req.as_of, title).map_err(|e| e.within(&req.sheet))?;
    let made = bulletin(&tally, req)?;
    made.tell(&req.out, listener);
    let xlsx = crate::write::xlsx::tally_workbook(&tally)
        .map_err(|e| Error::file(&req.out, format!("无法生成 .xlsx：{e}")))?;
    let mut files = made.at(req.out.clone());
    files.push((xlsx_path, xlsx));
    Ok(files)
}

/// A bulletin title from the tally's own: `…推进台账` → `关于…推进情况的通报`.
///
/// ```
/// assert_eq!(dossier::app::tally::bulletin_title(Some("青州市重点任务推进台账")), "关于青州市重点任务推进情况的通报");
/// ```
pub fn bulletin_title(sheet_title: Option<&str>) -> String {
    let base = sheet_title.unwrap_or("创建全国文明城市重点任务推进台账");
    let base = base
        .trim_end_matches("表")
        .trim_end_matches("台账")
        .trim_end_matches("推进")
        .trim_end_matches("进度");
    format!("关于{base}推进情况的通报")
}

/// The 进度通报 (template `tally.tera`) with its tables: per unit, per 测评项目, overdue tasks.
fn bulletin(tally: &Tally, req: &Request) -> Result<Made> {
    let fonts = FontProfile::named(req.look.fonts.as_deref())?;
    let templates = Templates::load(req.look.templates.as_deref())?;
    let tables = Tables::of(tally);
    let mut ctx = tera::Context::new();
    ctx.insert("tally", tally);
    ctx.insert("issuer", &req.signed.issuer);
    ctx.insert("date", &req.signed.date.iso());
    ctx.insert("to", &req.to);
    ctx.insert("tables", &tables.numbers());
    let text = templates.render_with("tally.tera", &ctx)?;
    let sources: Vec<TableSource<'_>> = tables.all.iter().map(TableSource::Held).collect();
    let props = pipeline::properties(&tally.title, Some(&req.signed.issuer));
    pipeline::files(&text, "tally.tera", &sources, fonts, &props, &req.look)
}

/// The bulletin's tables: per unit, per 测评项目 (when the sheet has that column) and the
/// overdue tasks (when there are any), with where each sits in `all`.
struct Tables {
    /// Every table, per unit first.
    all: Vec<TaskTable>,
    /// The per-测评项目 table's place in `all`.
    item: Option<usize>,
    /// The overdue table's place in `all`.
    overdue: Option<usize>,
}

impl Tables {
    fn of(t: &Tally) -> Tables {
        let mut all = vec![shares("lead", "责任单位", &t.by_unit)];
        let item = (!t.by_item.is_empty()).then(|| {
            all.push(shares("item", "测评项目", &t.by_item));
            all.len() - 1
        });
        let overdue = (!t.overdue.is_empty()).then(|| {
            all.push(overdue(t));
            all.len() - 1
        });
        Tables { all, item, overdue }
    }

    /// The tables' numbers as `tally.tera` sees them, `tables.unit` …: −1 for one left out.
    fn numbers(&self) -> BTreeMap<&'static str, i64> {
        let number = |t: Option<usize>| t.and_then(|i| i64::try_from(i).ok()).unwrap_or(-1);
        BTreeMap::from([
            ("unit", 0),
            ("item", number(self.item)),
            ("overdue", number(self.overdue)),
        ])
    }
}

/// Counts per unit or per 测评项目, the group's column keyed `key` and headed `header`.
fn shares(key: &str, header: &str, shares: &[Share]) -> TaskTable {
    let cols = [
        (key, header),
        ("tasks", "任务数"),
        ("done", "已完成"),
        ("overdue", "逾期"),
        ("rate", "完成率"),
    ];
    let rows = shares
        .iter()
        .map(|s| {
            vec![
                s.name.clone(),
                s.counts.tasks.to_string(),
                s.counts.done.to_string(),
                s.counts.overdue.to_string(),
                percent(s.counts.rate),
            ]
        })
        .collect();
    TaskTable::numbered(&cols, rows)
}

/// The tasks past their deadline and not done.
fn overdue(t: &Tally) -> TaskTable {
    let cols = [
        ("content", "工作任务"),
        ("lead", "责任单位"),
        ("deadline", "完成时限"),
        ("status", "完成情况"),
    ];
    let rows = t
        .overdue
        .iter()
        .map(|o| {
            vec![
                o.content.clone(),
                o.units.join("、"),
                o.deadline.clone(),
                o.status.clone(),
            ]
        })
        .collect();
    TaskTable::numbered(&cols, rows)
}
