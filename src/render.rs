//! The render pipelines: a scheme file, or a task table alone, through templates → markup →
//! typesetting → DOCX.

use std::io::{Cursor, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::layout::{self, FontProfile, GBT9704};
use crate::model::{Attachment, Document, EvidenceHeading, Indicator, RowSource, TaskTable};
use crate::template::{ENTRY, Templates};
use crate::typeset::TableSource;
use crate::write::docx;
use crate::{markup, read, typeset};

/// What to render and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where to write; `None` writes beside the scheme file.
    pub out_dir: Option<PathBuf>,
    /// A directory whose templates replace the built-in ones of the same name.
    pub templates: Option<PathBuf>,
    /// Font profile name; `None` takes the scheme's `fonts`, then the default.
    pub fonts: Option<String>,
}

/// A rendered document, not yet written.
pub struct Rendered {
    /// Where it will be written.
    pub path: PathBuf,
    /// The DOCX bytes.
    pub bytes: Vec<u8>,
}

/// Renders the scheme file at `scheme` into its DOCX, in memory.
///
/// ```no_run
/// let r = dossier::render::render(std::path::Path::new("schemes/fulian.yaml"), &Default::default()).unwrap();
/// assert!(r.path.ends_with("fulian.docx"));
/// ```
pub fn render(scheme: &Path, opts: &Options) -> Result<Rendered> {
    let templates = Templates::load(opts.templates.as_deref())?;
    render_with(scheme, &templates, opts)
}

/// Renders many scheme files with one set of templates, on all cores; each result in the
/// order given.
pub fn render_many(schemes: &[PathBuf], opts: &Options) -> Result<Vec<Result<Rendered>>> {
    let templates = Templates::load(opts.templates.as_deref())?;
    crate::parallel::on_all_cores(schemes, |scheme| render_with(scheme, &templates, opts))
}

fn render_with(scheme: &Path, templates: &Templates, opts: &Options) -> Result<Rendered> {
    let doc = read::scheme::load(scheme)?;
    let bytes = docx_with(&doc, templates, opts).map_err(|e| with_file(e, scheme))?;
    let stem = scheme
        .file_stem()
        .map_or_else(|| "dossier".into(), |s| s.to_string_lossy().into_owned());
    let dir = match &opts.out_dir {
        Some(d) => d.clone(),
        None => scheme.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    Ok(Rendered {
        path: dir.join(format!("{stem}.docx")),
        bytes,
    })
}

/// A task table as a document of its own: its title, then the table.
pub fn table_document(table: TaskTable) -> Document {
    Document {
        fonts: None,
        notice: None,
        attachments: vec![Attachment {
            label: None,
            title: table.shown_title().to_string(),
            preamble: Vec::new(),
            sections: Vec::new(),
            table: true,
        }],
        tasks: Some(table),
        indicators: Vec::new(),
    }
}

/// The DOCX bytes for `doc`.
pub fn to_docx(doc: &Document, opts: &Options) -> Result<Vec<u8>> {
    docx_with(doc, &Templates::load(opts.templates.as_deref())?, opts)
}

fn docx_with(doc: &Document, templates: &Templates, opts: &Options) -> Result<Vec<u8>> {
    let fonts = profile(opts.fonts.as_deref().or(doc.fonts.as_deref()))?;
    let text = templates.render(doc)?;
    let tables: Vec<TableSource<'_>> = doc.tasks.iter().map(TableSource::Held).collect();
    let title = doc
        .notice
        .as_ref()
        .map(|n| n.title.clone())
        .or_else(|| doc.attachments.first().map(|a| a.title.clone()))
        .unwrap_or_default();
    let title: String = title.lines().map(str::trim).collect();
    markup_to_bytes(&text, ENTRY, &tables, fonts, &title)
}

/// A 进度通报 (template `tally.tera`) with its tables: per unit, per 测评项目, overdue tasks.
pub fn tally_document(
    tally: &crate::model::Tally,
    opts: &Options,
    signed: &Signed,
    to: &str,
) -> Result<Vec<u8>> {
    let fonts = profile(opts.fonts.as_deref())?;
    let templates = Templates::load(opts.templates.as_deref())?;
    let tables = crate::tally::tables(tally);
    let mut ctx = tera::Context::new();
    ctx.insert("tally", tally);
    ctx.insert("issuer", &signed.issuer);
    ctx.insert("date", &signed.date);
    ctx.insert("to", to);
    let index = |t: Option<usize>| t.map_or(-1, |i| i as i64);
    let mut numbers = std::collections::BTreeMap::new();
    numbers.insert("unit", index(Some(0)));
    numbers.insert("item", index(tables.item));
    numbers.insert("overdue", index(tables.overdue));
    ctx.insert("tables", &numbers);
    let text = templates.render_with("tally.tera", &ctx)?;
    let refs: Vec<TableSource<'_>> = tables.all.iter().map(TableSource::Held).collect();
    markup_to_bytes(&text, "tally.tera", &refs, fonts, &tally.title)
}

/// Names the input file on an error that has no place of its own.
fn with_file(mut e: Error, file: &Path) -> Error {
    if e.place.is_empty() {
        e.place = file.display().to_string();
    }
    e
}

/// The font profile called `name`, or the default.
pub fn profile(name: Option<&str>) -> Result<&'static FontProfile> {
    match name {
        None => Ok(&layout::FONT_PROFILES[0]),
        Some(n) => layout::font_profile(n).ok_or_else(|| {
            let known: Vec<&str> = layout::FONT_PROFILES.iter().map(|p| p.name).collect();
            Error::at("--fonts", format!("没有名为「{n}」的字体方案"))
                .with_hint(format!("可用的字体方案：{}", known.join("、")))
        }),
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
/// let docx = dossier::render::evidence_document(&heading, &files, &Default::default(), out).unwrap();
/// assert_eq!(&docx.into_inner()[..2], b"PK");
/// ```
pub fn evidence_document<W: Write + Seek>(
    heading: &EvidenceHeading,
    files: &dyn RowSource,
    opts: &Options,
    out: W,
) -> Result<W> {
    let fonts = profile(opts.fonts.as_deref())?;
    let templates = Templates::load(opts.templates.as_deref())?;
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
    markup_to_docx(&text, "index.tera", &tables, fonts, &heading.title, out)
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

/// One unit's document, ready to write.
pub struct UnitDocument {
    /// File name: `001-市委宣传部.docx`.
    pub file: String,
    /// The unit's share of the tasks.
    pub unit: crate::split::UnitTasks,
    /// The DOCX bytes.
    pub bytes: Vec<u8>,
}

/// What a unit's notice or a bulletin is signed with.
#[derive(Debug, Clone)]
pub struct Signed {
    /// 发文机关, printed as the signature.
    pub issuer: String,
    /// 成文日期, ISO.
    pub date: String,
}

/// One notice per unit with its tasks (template `unit.tera`), rendered on all cores, plus the
/// index document listing the units and their task counts.
pub fn unit_documents(
    table: &TaskTable,
    opts: &Options,
    signed: &Signed,
) -> Result<(Vec<UnitDocument>, Vec<u8>)> {
    let fonts = profile(opts.fonts.as_deref())?;
    let templates = Templates::load(opts.templates.as_deref())?;
    let source = table.shown_title().to_string();
    let units = crate::split::by_unit(table);
    let render_one = |u: crate::split::UnitTasks| -> Result<UnitDocument> {
        let mut ctx = tera::Context::new();
        ctx.insert("unit", &u);
        ctx.insert("source", &source);
        ctx.insert("issuer", &signed.issuer);
        ctx.insert("date", &signed.date);
        let text = templates.render_with("unit.tera", &ctx)?;
        let bytes = markup_to_bytes(
            &text,
            "unit.tera",
            &[TableSource::Held(&u.table)],
            fonts,
            &format!("{}任务清单", u.name),
        )?;
        Ok(UnitDocument {
            file: format!(
                "{:03}-{}.docx",
                u.number,
                crate::text::safe_file_name(&u.name)
            ),
            unit: u,
            bytes,
        })
    };
    let docs: Vec<UnitDocument> = crate::parallel::on_all_cores(&units, |u| render_one(u.clone()))?
        .into_iter()
        .collect::<Result<Vec<_>>>()?;
    let index = index_table(&docs, &source);
    let markup = format!(
        "@att_title {}\n@table 0\n",
        crate::template::escape_text(index.title.as_deref().unwrap_or_default())
    );
    let index_bytes = markup_to_bytes(
        &markup,
        "（目录）",
        &[TableSource::Held(&index)],
        fonts,
        index.title.as_deref().unwrap_or_default(),
    )?;
    Ok((docs, index_bytes))
}

/// The index of a split: each unit, its task counts and its file.
fn index_table(docs: &[UnitDocument], source: &str) -> TaskTable {
    let rows = docs
        .iter()
        .zip(1u32..)
        .map(|(d, n)| {
            vec![
                n.to_string(),
                d.unit.name.clone(),
                (d.unit.lead + d.unit.cooperate).to_string(),
                d.unit.lead.to_string(),
                d.unit.cooperate.to_string(),
                d.file.clone(),
            ]
        })
        .collect();
    let columns = [
        ("seq", "序号"),
        ("lead", "责任单位"),
        ("tasks", "任务数"),
        ("lead_tasks", "牵头"),
        ("coop_tasks", "配合"),
        ("file", "文件"),
    ];
    let mut table = TaskTable::built(&columns, rows);
    table.title = Some(format!("{source}单位任务清单目录"));
    table
}

/// Markup (from the template `origin`) with its tables, as DOCX bytes.
fn markup_to_bytes(
    text: &str,
    origin: &str,
    tables: &[TableSource<'_>],
    fonts: &FontProfile,
    title: &str,
) -> Result<Vec<u8>> {
    markup_to_docx(text, origin, tables, fonts, title, Cursor::new(Vec::new()))
        .map(Cursor::into_inner)
}

/// Markup (from the template `origin`) with its tables, as a DOCX written into `out`.
fn markup_to_docx<W: Write + Seek>(
    text: &str,
    origin: &str,
    tables: &[TableSource<'_>],
    fonts: &FontProfile,
    title: &str,
    out: W,
) -> Result<W> {
    let blocks = markup::parse(text, origin)?;
    let galley = typeset::typeset(&blocks, &GBT9704, tables)?;
    let props = docx::Properties {
        title: title.to_string(),
    };
    docx::to_writer(&galley, &GBT9704, fonts, &props, out)
        .map_err(|e| Error::at("", format!("生成 DOCX 失败：{e}")))
}
