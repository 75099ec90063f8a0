//! `form`: a scheme file as a form holds it and back. The text is read into its YAML tree
//! (what a form shows and edits), with the error reading it into the model gives, placed at
//! its field; a tree edited in a form is written back as scheme text, the text's own comment
//! lines (the importer's `# 请核对` guesses) kept above the field they stood above.

mod comments;
pub mod paths;

use serde::Serialize;

use super::preview;
use crate::error::{Error, Result};
use crate::read::scheme::{self, Files};

pub use comments::Comment;

/// Scheme text as a form shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Form {
    /// The YAML tree, its maps in the order written; `None` when the text is not YAML.
    pub tree: Option<serde_norway::Value>,
    /// The text's comment lines, each with the field it stands above.
    pub comments: Vec<Comment>,
    /// The field each line writes (see [`paths::of_lines`]).
    pub lines: Vec<String>,
    /// What is wrong with the text, if anything, and where.
    pub error: Option<Placed>,
}

/// An error of a scheme file and the field it concerns.
#[derive(Debug, Clone, Serialize)]
pub struct Placed {
    /// The error as `dossier check` prints it (`方案.yaml:3:9: 错误：…`).
    pub error: String,
    /// The field (`notice.date`); `""` when it concerns the file as a whole.
    pub field: String,
}

/// Reads `at` for a form: its tree, comments, and the first error reading it gives.
///
/// ```
/// use dossier::app::{form, preview};
/// let text = "notice:\n  issuer: 青州市文明办\n  date: 2024-02-30\nscheme:\n  title: 方案\n";
/// let at = preview::Text { text, name: "a.yaml", dir: "schemes".as_ref() };
/// let read = form::read(at);
/// assert_eq!(read.tree.unwrap()["notice"]["date"].as_str(), Some("2024-02-30"));
/// let error = read.error.unwrap();
/// assert!(error.error.starts_with("a.yaml:3:9: "), "{}", error.error);
/// assert_eq!(error.field, "notice.date");
/// ```
pub fn read(at: preview::Text<'_>) -> Form {
    let lines = paths::of_lines(at.text);
    let tree = scheme::tree(at.text, at.name);
    let error = match &tree {
        Err(e) => Some(e.clone()),
        Ok(_) => scheme::parse_with(at.text, at.name, at.dir, Files::BesideScheme).err(),
    };
    Form {
        error: error.map(|e| placed(&e, at.name, &lines)),
        tree: tree.ok(),
        comments: comments::of(at.text, &lines),
        lines,
    }
}

/// `tree` as scheme text, each of `comments` above the field it names (or the nearest field
/// that encloses it, when that one is gone).
///
/// ```
/// use dossier::app::form;
/// let tree: serde_norway::Value = serde_norway::from_str("scheme: {title: 方案}").unwrap();
/// let guess = form::Comment { field: "scheme.title".into(), text: "# 请核对：标题".into() };
/// let text = form::write(&tree, &[guess]).unwrap();
/// assert_eq!(text, "scheme:\n  # 请核对：标题\n  title: 方案\n");
/// ```
pub fn write(tree: &serde_norway::Value, comments: &[Comment]) -> Result<String> {
    let text = serde_norway::to_string(tree)
        .map_err(|e| Error::at("", format!("无法把表单写成方案文件：{e}")))?;
    Ok(comments::put(&text, comments))
}

/// `e` with the field it concerns: the one its message names (`（字段 notice）`), else the
/// one written on its line.
fn placed(e: &Error, name: &str, lines: &[String]) -> Placed {
    let named = e
        .message
        .rsplit_once("（字段 ")
        .and_then(|(_, rest)| rest.strip_suffix('）'));
    let line = e
        .place
        .strip_prefix(name)
        .and_then(|p| p.strip_prefix(':'))
        .and_then(|p| p.split(':').next())
        .and_then(|l| l.parse::<usize>().ok());
    let at_line = line.and_then(|l| lines.get(l.wrapping_sub(1)));
    let field = named.map(str::to_string).or_else(|| at_line.cloned());
    Placed {
        error: e.to_string(),
        field: field.unwrap_or_default(),
    }
}
