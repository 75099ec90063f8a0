//! The render pipelines: a scheme file, or a task table alone, through templates → markup →
//! typesetting → DOCX.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::layout::{self, FontProfile, GBT9704};
use crate::model::{Attachment, Document, TaskTable};
use crate::template::{ENTRY, Templates};
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
    let doc = read::scheme::load(scheme)?;
    let bytes = to_docx(&doc, opts).map_err(|e| with_file(e, scheme))?;
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
            title: table
                .title
                .clone()
                .unwrap_or_else(|| "测评任务分解表".to_string()),
            preamble: Vec::new(),
            sections: Vec::new(),
            table: true,
        }],
        tasks: Some(table),
    }
}

/// The DOCX bytes for `doc`.
pub fn to_docx(doc: &Document, opts: &Options) -> Result<Vec<u8>> {
    let fonts = profile(opts.fonts.as_deref().or(doc.fonts.as_deref()))?;
    let templates = Templates::load(opts.templates.as_deref())?;
    let text = templates.render(doc)?;
    let blocks = markup::parse(&text, ENTRY)?;
    let galley = typeset::typeset(&blocks, &GBT9704, doc.tasks.as_ref())?;
    let title = doc
        .notice
        .as_ref()
        .map(|n| n.title.clone())
        .or_else(|| doc.attachments.first().map(|a| a.title.clone()))
        .unwrap_or_default();
    let props = docx::Properties {
        title: title.lines().map(str::trim).collect(),
    };
    docx::to_bytes(&galley, &GBT9704, fonts, &props)
        .map_err(|e| Error::at("", format!("生成 DOCX 失败：{e}")))
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
