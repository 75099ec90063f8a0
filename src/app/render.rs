//! `render`: scheme files into their DOCX, on all cores. A scheme file that fails does not stop
//! the others: every one that renders is written, and the failures are reported together.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::outputs::{self, Plan};
use super::pipeline::Made;
use super::{Look, pipeline};
use crate::error::{Error, Result};
use crate::model::Document;
use crate::read;
use crate::read::scheme::Files;
use crate::template::Templates;

/// What to render.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The scheme files.
    pub schemes: Vec<PathBuf>,
    /// Where to write: a folder; for one scheme file also a `.docx` file (a `.pdf` one asks
    /// for the PDF too, beside its DOCX); `None` writes each beside its scheme file.
    pub out_dir: Option<PathBuf>,
    /// Templates and fonts.
    pub look: Look,
    /// Which files a scheme file may make dossier read.
    pub files: Files,
    /// Where each page goes as an SVG picture (`NAME-1.svg`, …), when asked for; `look.svg`
    /// says to make them.
    pub svg_dir: Option<PathBuf>,
}

/// What a render did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The documents written, in the order of their scheme files.
    pub written: Vec<PathBuf>,
    /// The fonts the PDFs were drawn in, each once: the profile's family, the one found and
    /// its file.
    pub fonts: Vec<String>,
    /// Why each scheme file that was not rendered was not, in order.
    pub failed: Vec<Error>,
    /// What a document's layout could not keep, naming the document.
    pub warnings: Vec<String>,
}

impl Report {
    /// Ok when every scheme file was rendered; else an error counting those that were not.
    pub fn outcome(&self) -> Result<()> {
        if self.failed.is_empty() {
            return Ok(());
        }
        let rest = match self.written.len() {
            0 => "没有写出任何文件".to_string(),
            n => format!("其余方案文件的 {n} 个文件已写出"),
        };
        Err(
            Error::at("", format!("{} 个方案文件没有排成", self.failed.len()))
                .with_hint(format!("各自的错误见上；{rest}")),
        )
    }
}

/// Renders every scheme file of `req` and writes those that render, all at once.
///
/// ```
/// let out = tempfile::tempdir().unwrap();
/// let req = dossier::app::render::Request {
///     schemes: vec!["schemes/fulian.yaml".into()],
///     out_dir: Some(out.path().to_path_buf()),
///     ..Default::default()
/// };
/// let report = dossier::app::render::render(&req).unwrap();
/// assert_eq!(report.written, [out.path().join("fulian.docx")]);
/// assert!(report.outcome().is_ok());
/// ```
pub fn render(req: &Request) -> Result<Report> {
    let req = &to_file(req)?;
    req.look.prepare()?;
    let templates = Templates::load(req.look.templates.as_deref())?;
    let rendered = crate::parallel::on_all_cores(&req.schemes, |scheme| {
        let (made, read) = files(scheme, &templates, req)?;
        Ok((target(scheme, req.out_dir.as_deref()), made, read))
    });
    // Every file any scheme made dossier read: no output may replace one.
    let mut plan = Plan::default();
    plan.read_all(&req.schemes);
    for (_, _, read) in rendered.iter().flatten() {
        plan.read_all(&read.sources);
    }
    let mut report = Report::default();
    let mut targets = HashSet::new();
    let mut ready = Vec::new();
    for result in rendered {
        match result {
            Ok((path, ..)) if !targets.insert(path.clone()) => report.failed.push(
                Error::file(&path, "两个方案文件会写到同一个输出文件")
                    .with_hint("方案文件名不要重名，或分别指定 -o"),
            ),
            Ok((path, mut made, read)) => {
                report.warnings.extend(read.warnings);
                report.fonts.extend(made.fonts.iter().cloned());
                report.warnings.extend(made.warnings_at(&path));
                let svgs = svg_files(&path, std::mem::take(&mut made.svgs), req);
                let mut files = made.at(path);
                files.extend(svgs);
                match files.iter().try_for_each(|(p, _)| plan.write(p)) {
                    Ok(()) => ready.extend(files),
                    Err(e) => report.failed.push(e),
                }
            }
            Err(e) => report.failed.push(e),
        }
    }
    report.fonts.sort();
    report.fonts.dedup();
    report.written = outputs::write_all(ready)?;
    Ok(report)
}

/// The DOCX of a scheme file's documents, already read, in memory.
///
/// ```
/// let doc = dossier::read::scheme::parse("scheme:\n  title: 实施方案\n", "a.yaml").unwrap();
/// let bytes = dossier::app::render::document(&doc, &Default::default()).unwrap();
/// let mut docx = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
/// let xml = std::io::read_to_string(docx.by_name("word/document.xml").unwrap()).unwrap();
/// assert!(xml.contains(">实施方案<"));
/// assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#), "an A4 page");
/// ```
pub fn document(doc: &Document, look: &Look) -> Result<Vec<u8>> {
    let templates = Templates::load(look.templates.as_deref())?;
    pipeline::scheme_files(doc, &templates, look).map(|m| m.docx)
}

/// What reading a scheme file took in besides it.
pub(crate) struct Read {
    /// The files it made dossier read.
    pub sources: Vec<PathBuf>,
    /// What reading them passed over, each naming its place.
    pub warnings: Vec<String>,
}

/// The files of the scheme file at `scheme`, in memory, and what reading it took in.
pub(crate) fn files(scheme: &Path, templates: &Templates, req: &Request) -> Result<(Made, Read)> {
    let doc = read::scheme::load_with(scheme, req.files)?;
    // An error with no place of its own is about this scheme file.
    let made = pipeline::scheme_files(&doc, templates, &req.look).map_err(|e| e.within(scheme))?;
    let read = Read {
        sources: doc.sources,
        warnings: doc.warnings,
    };
    Ok((made, read))
}

/// The SVG pictures of the document written at `docx`: `NAME-1.svg`, … in `req.svg_dir`.
fn svg_files(docx: &Path, svgs: Vec<String>, req: &Request) -> Vec<(PathBuf, Vec<u8>)> {
    let (Some(dir), Some(stem)) = (&req.svg_dir, docx.file_stem()) else {
        return Vec::new();
    };
    let stem = stem.to_string_lossy();
    let pages = svgs.into_iter().enumerate();
    pages
        .map(|(n, svg)| (dir.join(format!("{stem}-{}.svg", n + 1)), svg.into_bytes()))
        .collect()
}

/// `req` as it is meant when `-o` names a file: one scheme file's DOCX, and with `.pdf` its
/// PDF too; an error when several scheme files would go to one file.
fn to_file(req: &Request) -> Result<Request> {
    let mut req = req.clone();
    let Some(out) = req.out_dir.as_deref().filter(|o| names_a_file(o)) else {
        return Ok(req);
    };
    if req.schemes.len() > 1 {
        return Err(Error::file(
            out,
            format!("-o 是一个文件，但有 {} 个方案文件", req.schemes.len()),
        )
        .with_hint("多个方案文件请用 -o 指定一个文件夹，每个方案文件写成同名的 .docx"));
    }
    req.look.pdf |= out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    Ok(req)
}

/// `-o` names a file to write, not a folder: it ends in `.docx` or `.pdf` and is no folder.
fn names_a_file(out: &Path) -> bool {
    let ext = out.extension().and_then(|e| e.to_str()).unwrap_or("");
    ["docx", "pdf"].iter().any(|e| ext.eq_ignore_ascii_case(e)) && !out.is_dir()
}

/// Where the DOCX of `scheme` goes: the file `-o` names, or `<stem>.docx` in its folder (or
/// beside the scheme file).
fn target(scheme: &Path, out_dir: Option<&Path>) -> PathBuf {
    if let Some(file) = out_dir.filter(|o| names_a_file(o)) {
        return file.with_extension("docx");
    }
    let stem = scheme
        .file_stem()
        .map_or_else(|| "dossier".into(), |s| s.to_string_lossy().into_owned());
    let dir = match out_dir {
        Some(d) => d.to_path_buf(),
        None => scheme.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    dir.join(format!("{stem}.docx"))
}
