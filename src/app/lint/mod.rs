//! `lint`: a finished Word document, made by anyone, checked against GB/T 9704-2012. Each
//! group of checks is a module, each finding names its place (paragraph, page where known),
//! what was found against what the standard asks, and the clause; every expected number and
//! face comes from the layout dossier renders with, and where the standard leaves a choice
//! every allowed form passes.

mod attachments;
mod body;
mod end_block;
mod forms;
mod grid;
mod headings;
mod page;
mod page_number;
mod place;
mod structure;
mod title;

use std::fmt;
use std::path::Path;

use crate::error::Result;
use crate::layout::Layout;
use crate::read::finished::Document;

/// One deviation from the standard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Where: `第 12 段「一、指导思想」（第 3 页）`, `第 2 节`, `奇数页页脚`.
    pub place: String,
    /// What was found and what the standard asks.
    pub message: String,
    /// The clause of GB/T 9704-2012 (`7.3.1`).
    pub clause: &'static str,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}：{}（GB/T 9704-2012 第 {} 条）",
            self.place, self.message, self.clause
        )
    }
}

/// What a check of one document found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The deviations, in the order of the checks.
    pub findings: Vec<Finding>,
    /// How many paragraphs the document has.
    pub paragraphs: usize,
    /// Whether it records its pages (Word's last layout), so that findings name them.
    pub pages_known: bool,
}

/// Checks the Word document at `path` against GB/T 9704-2012; an error when it cannot be
/// read.
///
/// ```
/// use dossier::app::{Look, lint::lint, render};
/// let dir = tempfile::tempdir().unwrap();
/// let req = render::Request {
///     schemes: vec!["schemes/joint.yaml".into()],
///     out_dir: Some(dir.path().to_path_buf()),
///     look: Look::default(),
///     ..Default::default()
/// };
/// let written = render::render(&req).unwrap().written;
/// let report = lint(&written[0]).unwrap();
/// assert_eq!(report.findings, Vec::new(), "dossier's own output is clean");
/// assert!(lint(std::path::Path::new("Cargo.toml")).is_err());
/// ```
pub fn lint(path: &Path) -> Result<Report> {
    let doc = crate::read::finished::read(path)?;
    Ok(Report {
        findings: check(&doc, &crate::layout::GBT9704),
        paragraphs: doc.paragraphs.len(),
        pages_known: doc.pages_known,
    })
}

/// The deviations of `doc` from the layout `l`.
///
/// ```
/// use dossier::app::lint::check;
/// use dossier::read::finished::{Document, Section};
/// let letter = Section { width: 12240, height: 15840, ..Section::default() };
/// let doc = Document { sections: vec![letter], ..Document::default() };
/// let found = check(&doc, &dossier::layout::GBT9704);
/// assert_eq!(found[0].clause, "5.1");
/// assert!(found[0].message.starts_with("纸张为 215.9×279.4 mm"), "{}", found[0]);
/// ```
pub fn check(doc: &Document, l: &Layout) -> Vec<Finding> {
    let s = structure::Structure::of(doc);
    let mut out = Vec::new();
    out.extend(page::check(doc, l));
    out.extend(body::check(doc, &s, l));
    out.extend(grid::check(doc, &s, l));
    out.extend(headings::check(doc, &s, l));
    out.extend(forms::check(doc, &s));
    out.extend(title::check(doc, &s, l));
    out.extend(attachments::check(doc, &s, l));
    out.extend(end_block::check(doc, &s, l));
    out.extend(page_number::check(doc, &s, l));
    out
}
