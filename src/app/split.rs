//! `split`: a task sheet split by unit, one notice per unit with its tasks (template
//! `unit.tera`, rendered on all cores), and an index of the units.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use super::pipeline::Made;
use super::{Cancel, InMemory, Listener, Look, Progress, Signed, load_tasks, outputs, pipeline};
use crate::compute::split::{UnitTasks, by_unit};
use crate::error::{Error, Result};
use crate::layout::FontProfile;
use crate::model::{SameUnits, TableSource, TaskTable};
use crate::read::scheme::Files;
use crate::template::{Templates, escape_text};
use crate::text::safe_file_name;
use crate::write::archive::{ArchiveWriter, Method, NameEncoding, Timestamp};

/// The file the index of the units is written to, first in the folder.
pub const INDEX_FILE: &str = "000-单位目录.docx";

/// What a table is split by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// Each unit named as 责任单位 or 配合单位.
    Unit,
}

impl By {
    /// The column the user named: 责任单位 (also `lead` or 单位) is the one there is.
    ///
    /// ```
    /// use dossier::app::split::By;
    /// assert_eq!(By::named("责任单位").unwrap(), By::Unit);
    /// assert!(By::named("测评项目").is_err());
    /// ```
    pub fn named(column: &str) -> Result<By> {
        match column {
            "责任单位" | "lead" | "单位" => Ok(By::Unit),
            other => Err(Error::at("--by", format!("不能按「{other}」拆分"))
                .with_hint("目前只能按责任单位拆分（--by 责任单位）；配合单位也各得一份")),
        }
    }
}

/// What to split, and how the notices are signed.
#[derive(Debug, Clone)]
pub struct Request {
    /// The task sheet.
    pub sheet: PathBuf,
    /// Its sheet's name; the first visible sheet when `None`.
    pub sheet_name: Option<String>,
    /// What to split it by.
    pub by: By,
    /// The folder the notices go to.
    pub out: PathBuf,
    /// Templates and fonts.
    pub look: Look,
    /// Who signs the notices.
    pub signed: Signed,
    /// A file saying which spellings name one unit (as a scheme's `same_units`); the
    /// scheme's own when `None`.
    pub same_units: Option<PathBuf>,
    /// Looked at between units: once cancelled, the split ends with an error, nothing written.
    pub cancel: Cancel,
}

/// What a split wrote.
#[derive(Debug, Clone)]
pub struct Report {
    /// The index of the units.
    pub index: PathBuf,
    /// Each unit's notice, in the order the units first appear.
    pub units: Vec<PathBuf>,
    /// The PDFs beside them, when asked for: the units', then the index's.
    pub pdfs: Vec<PathBuf>,
}

/// Splits the task sheet of `req` into the folder `req.out`.
///
/// ```
/// use dossier::app::{Look, Signed, Warnings, split};
/// let out = tempfile::tempdir().unwrap();
/// let req = split::Request {
///     sheet: "samples/分解表.xlsx".into(),
///     sheet_name: None,
///     by: split::By::Unit,
///     out: out.path().to_path_buf(),
///     look: Look::default(),
///     signed: Signed { issuer: "市创建办".into(), date: dossier::text::Date::new(2024, 9, 30).unwrap() },
///     same_units: None,
///     cancel: Default::default(),
/// };
/// let r = split::split(&req, &mut Warnings::default()).unwrap();
/// assert_eq!(r.index, out.path().join(split::INDEX_FILE));
/// assert_eq!(r.units.len(), 35);
/// assert_eq!(r.units[0], out.path().join("001-市委宣传部.docx"), "the unit first named first");
/// assert!(r.units.iter().all(|u| u.is_file()));
/// ```
pub fn split(req: &Request, listener: &mut dyn Listener) -> Result<Report> {
    let files = split_files(req, listener)?;
    let written = outputs::write_all(files)?;
    let (pdfs, mut units): (Vec<PathBuf>, Vec<PathBuf>) = written
        .into_iter()
        .partition(|p| p.extension().is_some_and(|e| e == "pdf"));
    let index = units.pop().unwrap_or_default();
    Ok(Report { index, units, pdfs })
}

/// The files `split` writes, made in memory and not written: each unit's notice (and its
/// PDF), then the index (and its PDF), at their paths in `req.out`.
///
/// ```
/// use dossier::app::{Look, Signed, Warnings, split};
/// let req = split::Request {
///     sheet: "samples/分解表.xlsx".into(),
///     sheet_name: None,
///     by: split::By::Unit,
///     out: "清单".into(),
///     look: Look::default(),
///     signed: Signed { issuer: "市创建办".into(), date: dossier::text::Date::new(2024, 9, 30).unwrap() },
///     same_units: None,
///     cancel: Default::default(),
/// };
/// let files = split::split_files(&req, &mut Warnings::default()).unwrap();
/// assert_eq!(files[0].0, std::path::Path::new("清单/001-市委宣传部.docx"));
/// assert_eq!(files.last().unwrap().0, std::path::Path::new("清单").join(split::INDEX_FILE));
/// assert!(!std::path::Path::new("清单").exists(), "nothing written");
/// ```
pub fn split_files(req: &Request, listener: &mut dyn Listener) -> Result<InMemory> {
    let By::Unit = req.by;
    req.look.prepare()?;
    let sheet = req.sheet_name.as_deref();
    let super::Tasks {
        table,
        mut read,
        same_units,
    } = load_tasks(&req.sheet, sheet, Files::default(), listener)?;
    let same = match &req.same_units {
        Some(path) => {
            read.push(path.clone());
            crate::read::scheme::load_same_units(path)?
        }
        None => same_units,
    };
    for said in merged(&table, &same) {
        listener.warning(&said);
    }
    let (docs, index) = unit_documents(&table, &same, req, listener)?;
    let units: Vec<&UnitTasks> = docs.iter().map(|d| &d.unit).collect();
    for said in names_alike(&docs).into_iter().chain(probably_one(&units)) {
        listener.warning(&said);
    }
    let out = &req.out;
    let made = docs.into_iter().map(|d| (out.join(d.file), d.made));
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for (path, made) in made.chain([(out.join(INDEX_FILE), index)]) {
        made.tell(&path, listener);
        files.extend(made.at(path));
    }
    let targets: Vec<&Path> = files.iter().map(|(p, _)| p.as_path()).collect();
    outputs::check(&read, &targets)?;
    Ok(files)
}

/// The files of `split_files` as one ZIP archive in memory, for a front that hands the user
/// one file: each under its name in the folder, in name order (the index first), compressed,
/// and dated `SOURCE_DATE_EPOCH` when set, else the notices' date (so the same sheet and
/// request give the same bytes).
///
/// ```
/// use dossier::app::{Look, Signed, Warnings, split};
/// let req = split::Request {
///     sheet: "samples/分解表.xlsx".into(),
///     sheet_name: None,
///     by: split::By::Unit,
///     out: "清单".into(),
///     look: Look::default(),
///     signed: Signed { issuer: "市创建办".into(), date: dossier::text::Date::new(2024, 9, 30).unwrap() },
///     same_units: None,
///     cancel: Default::default(),
/// };
/// let zip = split::split_zip(&req, &mut Warnings::default()).unwrap();
/// let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
/// assert_eq!(archive.len(), 36, "35 units and the index");
/// assert_eq!(archive.by_index(0).unwrap().name().unwrap(), split::INDEX_FILE);
/// ```
pub fn split_zip(req: &Request, listener: &mut dyn Listener) -> Result<Vec<u8>> {
    let mut files = split_files(req, listener)?;
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let unix = super::source_date_epoch().unwrap_or_else(|| req.signed.date.unix_days() * 86_400);
    let mut zip = ArchiveWriter::new(Cursor::new(Vec::new()), NameEncoding::Utf8);
    let failed = |e: std::io::Error| Error::file(&req.out, format!("无法生成压缩包：{e}"));
    for (path, bytes) in &files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        zip.add_bytes(&name, bytes, Method::Deflate, Timestamp { unix })
            .map_err(failed)?;
    }
    Ok(zip.finish().map_err(failed)?.into_inner())
}

/// One unit's notice, ready to write.
struct UnitDocument {
    /// File name: `001-市委宣传部.docx`.
    file: String,
    /// The unit's share of the tasks.
    unit: UnitTasks,
    made: Made,
}

/// One notice per unit with its tasks, rendered on all cores, and the index listing the units
/// and their task counts.
fn unit_documents(
    table: &TaskTable,
    same: &SameUnits,
    req: &Request,
    listener: &mut dyn Listener,
) -> Result<(Vec<UnitDocument>, Made)> {
    let (look, signed) = (&req.look, &req.signed);
    let fonts = FontProfile::named(look.fonts.as_deref())?;
    let templates = Templates::load(look.templates.as_deref())?;
    let source = table.shown_title();
    let units = by_unit(table, same);
    let docs = each_unit(&units, listener, &req.cancel, |u| {
        unit_document(u.clone(), source, &templates, fonts, (signed, look))
    })?;
    let index = index_table(&docs, source);
    let title = index.shown_title().to_string();
    let markup = format!("@att_title {}\n@table 0\n", escape_text(&title));
    let props = pipeline::properties(&title, Some(&signed.issuer));
    let index_made = pipeline::files(
        &markup,
        "（目录）",
        &[TableSource::Held(&index)],
        fonts,
        &props,
        look,
    )?;
    Ok((docs, index_made))
}

/// `make` of each unit, on all cores, telling `listener` of each unit done as it is done
/// (`第 37/200 个单位：市城管局`, and the count as progress); once `cancel` asks, the units not
/// yet begun are not made and the split ends with its error.
fn each_unit(
    units: &[UnitTasks],
    listener: &mut dyn Listener,
    cancel: &Cancel,
    make: impl Fn(&UnitTasks) -> Result<UnitDocument> + Sync,
) -> Result<Vec<UnitDocument>> {
    let (done, told) = std::sync::mpsc::channel::<String>();
    let (files, make) = (units.len(), &make);
    std::thread::scope(|s| {
        // The listener stays on this thread; the workers only say which unit they finished.
        let work = s.spawn(move || {
            crate::parallel::on_all_cores(units, |u| {
                cancel.check()?;
                let doc = make(u)?;
                let _ = done.send(u.name.clone());
                Ok(doc)
            })
        });
        for (n, name) in told.iter().enumerate() {
            listener.step(&format!("第 {}/{files} 个单位：{name}", n + 1));
            let (done_files, done_bytes, bytes) = (n + 1, 0, 0);
            listener.progress(&Progress {
                done_files,
                files,
                done_bytes,
                bytes,
            });
        }
        let made = work.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        made.into_iter().collect()
    })
}

/// The notice of one unit (template `unit.tera`).
fn unit_document(
    unit: UnitTasks,
    source: &str,
    templates: &Templates,
    fonts: &'static FontProfile,
    (signed, look): (&Signed, &Look),
) -> Result<UnitDocument> {
    let mut ctx = tera::Context::new();
    ctx.insert("unit", &unit);
    ctx.insert("source", source);
    ctx.insert("issuer", &signed.issuer);
    ctx.insert("date", &signed.date.iso());
    let text = templates.render_with("unit.tera", &ctx)?;
    let title = format!("{}任务清单", unit.name);
    let props = pipeline::properties(&title, Some(&signed.issuer));
    let made = pipeline::files(
        &text,
        "unit.tera",
        &[TableSource::Held(&unit.table)],
        fonts,
        &props,
        look,
    )?;
    Ok(UnitDocument {
        file: format!("{:03}-{}.docx", unit.number, safe_file_name(&unit.name)),
        unit,
        made,
    })
}

/// Units whose names differ but whose file names read alike once made safe for Windows
/// (`市委..` and `市委`): the numbers keep the files apart, but a reader should be told.
fn names_alike(docs: &[UnitDocument]) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, &UnitDocument> = Default::default();
    let mut said = Vec::new();
    for doc in docs {
        let safe = safe_file_name(&doc.unit.name);
        match seen.get(&safe) {
            Some(first) => said.push(format!(
                "单位「{}」和「{}」的文件名都写作「{safe}」，以编号 {:03}、{:03} 区分；如果是同一个单位，请在表中统一写法",
                doc.unit.name, first.unit.name, first.unit.number, doc.unit.number
            )),
            None => {
                seen.insert(safe, doc);
            }
        }
    }
    said
}

/// What `same` merged: each other spelling the table writes, and the unit it was counted as.
fn merged(table: &TaskTable, same: &SameUnits) -> Vec<String> {
    // Without a mapping there is nothing to tell, and no reason to read every row's units.
    if same.spellings().next().is_none() {
        return Vec::new();
    }
    let written: std::collections::HashSet<String> = (table.rows.iter())
        .flat_map(|r| table.units(r))
        .map(|u| u.name)
        .collect();
    same.spellings()
        .filter(|(other, _)| written.contains(*other))
        .map(|(other, unit)| format!("「{other}」按 same_units 算作「{unit}」，并入它的清单"))
        .collect()
}

/// Units whose names probably name one unit (`财政局` and `市财政局`, `团市委` and `市团委`):
/// each got a notice of its own, which a reader should know.
pub(crate) fn probably_one(units: &[&UnitTasks]) -> Vec<String> {
    let names: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
    crate::compute::split::probably_same(&names)
        .into_iter()
        .map(|(i, j)| {
            format!(
                "单位「{}」和「{}」可能是同一个单位，现各有一份清单（编号 {:03}、{:03}）；如果是，请在表中统一写法，或在方案文件的 same_units 里（或用 --same-units 文件）写明",
                names[i], names[j], units[i].number, units[j].number
            )
        })
        .collect()
}

/// The index of a split: each unit, its task counts and its file.
fn index_table(docs: &[UnitDocument], source: &str) -> TaskTable {
    let rows = docs
        .iter()
        .map(|d| {
            vec![
                d.unit.name.clone(),
                (d.unit.lead + d.unit.cooperate).to_string(),
                d.unit.lead.to_string(),
                d.unit.cooperate.to_string(),
                d.file.clone(),
            ]
        })
        .collect();
    let columns = [
        ("lead", "责任单位"),
        ("tasks", "任务数"),
        ("lead_tasks", "牵头"),
        ("coop_tasks", "配合"),
        ("file", "文件"),
    ];
    let mut table = TaskTable::numbered(&columns, rows);
    table.title = Some(format!("{source}单位任务清单目录"));
    table
}
