//! The render pipeline for one scheme file: read → template → markup → typeset → DOCX.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::layout::{self, FontProfile, GBT9704};
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
    let profile_name = opts.fonts.as_deref().or(doc.fonts.as_deref());
    let fonts = profile(profile_name)?;
    let templates = Templates::load(opts.templates.as_deref())?;
    let text = templates.render(&doc)?;
    let blocks = markup::parse(&text, ENTRY)?;
    let galley = typeset::typeset(&blocks, &GBT9704)?;
    let title = doc
        .notice
        .as_ref()
        .map(|n| n.title.clone())
        .or_else(|| doc.attachments.first().map(|a| a.title.clone()))
        .unwrap_or_default();
    let props = docx::Properties {
        title: title.lines().map(str::trim).collect(),
    };
    let bytes = docx::to_bytes(&galley, &GBT9704, fonts, &props)
        .map_err(|e| Error::file(scheme, format!("生成 DOCX 失败：{e}")))?;
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
