//! `import`: a task sheet as the `tasks:` part of a scheme file, or a Word draft as a scheme
//! file.

use std::path::PathBuf;

use super::{Listener, load_sheet, outputs};
use crate::error::{Error, Result};
use crate::read::draft;
use crate::write::tasks_yaml;

/// What to import.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The task sheet, or the Word draft (`.docx`).
    pub input: PathBuf,
    /// Its sheet's name; the first visible sheet when `None`.
    pub sheet_name: Option<String>,
    /// Where to write the YAML; nowhere when `None`.
    pub out: Option<PathBuf>,
}

/// What an import made.
#[derive(Debug, Clone)]
pub struct Report {
    /// The YAML.
    pub yaml: String,
    /// Where it was written, when it was.
    pub written: Option<PathBuf>,
}

/// Reads the task sheet of `req` as YAML, written to `req.out` when given.
///
/// ```
/// use dossier::app::{Warnings, import};
/// let req = import::Request { input: "samples/分解表.xlsx".into(), ..Default::default() };
/// let mut warnings = Warnings::default();
/// let r = import::import(&req, &mut warnings).unwrap();
/// assert!(r.yaml.contains("tasks:") && r.written.is_none());
/// assert!(!warnings.0.is_empty(), "the sample has a blank row and a note");
/// ```
pub fn import(req: &Request, listener: &mut dyn Listener) -> Result<Report> {
    let input = &req.input;
    let is_draft = input.extension().is_some_and(|e| {
        ["docx", "txt", "md", "markdown", "doc", "wps", "rtf", "odt"]
            .iter()
            .any(|d| e.eq_ignore_ascii_case(d))
    });
    let yaml = if is_draft {
        draft_yaml(input, listener)?
    } else {
        let imported = load_sheet(input, req.sheet_name.as_deref(), listener)?;
        // The source named as given, not as shown: the YAML is the same on every system.
        tasks_yaml::to_string(
            &imported.table,
            &input.display().to_string(),
            &imported.sheet,
        )
        .map_err(|e| Error::file(input, format!("无法生成 YAML：{e}")))?
    };
    let written = match &req.out {
        Some(path) => {
            outputs::check(&[input], &[path])?;
            Some(outputs::write_one(path, yaml.clone().into_bytes())?)
        }
        None => None,
    };
    Ok(Report { yaml, written })
}

/// The draft at `path` as a scheme file, each guess the importer made told to `listener`
/// with its place.
///
/// ```
/// use dossier::app::{Warnings, import::draft_yaml};
/// let yaml = draft_yaml("samples/台账管理办法.docx".as_ref(), &mut Warnings::default()).unwrap();
/// assert!(yaml.contains("  title: 青州市创建工作台账管理办法\n"));
/// assert!(yaml.contains("- title: 总体要求\n"), "Word's 一、 left to dossier");
/// ```
pub fn draft_yaml(path: &std::path::Path, listener: &mut dyn Listener) -> Result<String> {
    // As given, not as shown: the YAML names its source the same on every system.
    draft_yaml_as(path, &path.display().to_string(), listener)
}

/// A draft received as bytes (an upload or pasted text) under the file name `name`, as a
/// scheme file: the YAML, guesses and errors are those `draft_yaml` gives for a file of that
/// name in the current folder.
///
/// ```
/// use dossier::app::{Warnings, import::{draft_yaml, draft_yaml_of}};
/// let bytes = std::fs::read("samples/台账管理办法.docx").unwrap();
/// let yaml = draft_yaml_of(&bytes, "台账管理办法.docx", &mut Warnings::default()).unwrap();
/// assert!(yaml.starts_with("# 由 dossier import 从「台账管理办法.docx」导入"));
/// assert!(draft_yaml_of(b"x", "../a.docx", &mut Warnings::default()).is_err());
/// ```
pub fn draft_yaml_of(bytes: &[u8], name: &str, listener: &mut dyn Listener) -> Result<String> {
    let plain = std::path::Path::new(name)
        .file_name()
        .is_some_and(|n| n == name);
    if !plain || name.contains('\\') {
        return Err(Error::at(name, "草稿的文件名不能含路径").with_hint("只给文件名，如 草稿.docx"));
    }
    let dir =
        tempfile::tempdir().map_err(|e| Error::at(name, format!("无法创建临时文件夹：{e}")))?;
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).map_err(|e| Error::at(name, format!("无法写入临时文件：{e}")))?;
    let shown = crate::error::shown(&path);
    draft_yaml_as(&path, name, listener).map_err(|mut e| {
        e.place = e.place.replace(&shown, name);
        e
    })
}

/// The draft at `path`, named `shown` in the YAML and in every message.
fn draft_yaml_as(
    path: &std::path::Path,
    shown: &str,
    listener: &mut dyn Listener,
) -> Result<String> {
    let draft = draft::read(path)?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let imported = draft::recognise::recognise(draft, &stem.unwrap_or_default())
        .map_err(|why| Error::at(shown, why))?;
    for d in &imported.doubts.0 {
        let place = match imported.place(d.number) {
            p if p.is_empty() => p,
            p => format!(" {p}"),
        };
        listener.warning(&format!("{shown}{place}：{}", d.what));
    }
    if let Some(said) = crate::write::scheme_yaml::tidied(&imported.tidied) {
        listener.warning(&format!("{shown}：{said}"));
    }
    crate::write::scheme_yaml::to_string(&imported, shown)
        .map_err(|e| Error::at(shown, format!("无法生成 YAML：{e}")))
}
