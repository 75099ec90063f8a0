//! `preview`: scheme text held in memory, not a file, laid out as `render` lays out a scheme
//! file: its pages as SVG for a preview, its DOCX and PDF for a download. A front that holds
//! the text (the web page of `dossier serve`) names it and says which folder it stands in.

use std::path::Path;

use super::{Look, pipeline};
use crate::error::Result;
use crate::flow::Checked;
use crate::read::scheme::{self, Files};
use crate::template::Templates;

/// Scheme text and where it stands.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    /// The scheme file's text.
    pub text: &'a str,
    /// How messages name it (`方案.yaml`, so an error reads `方案.yaml:3:5`).
    pub name: &'a str,
    /// The folder its relative paths (a task sheet, a seal) are read from; only files in it
    /// or below are read, as `Files::BesideScheme` says.
    pub dir: &'a Path,
}

/// What the text lays out to.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    /// The DOCX, byte for byte what `render` writes for the same text.
    pub docx: Vec<u8>,
    /// The PDF, when the look asks for it.
    pub pdf: Option<Vec<u8>>,
    /// Each page as an SVG picture, when the look asks for them.
    pub svgs: Vec<String>,
    /// What reading it passed over and what its layout could not keep, each naming its place.
    pub warnings: Vec<String>,
    /// Each page rule of GB/T 9704 on each page it concerns, checked on this layout: page 1
    /// and the signature's pages of a notice, the 版记's page.
    pub rules: Vec<Checked>,
    /// What the layout changed to keep those rules, in words, when it changed anything.
    pub fit_note: Option<String>,
}

/// Lays out `text` in the look `look` (`look.svg` for the pages, `look.pdf` for the PDF).
///
/// ```
/// use dossier::app::{Look, preview};
/// let text = std::fs::read_to_string("schemes/fulian.yaml").unwrap();
/// let at = preview::Text { text: &text, name: "fulian.yaml", dir: "schemes".as_ref() };
/// let look = Look { svg: true, ..Default::default() };
/// let laid = preview::lay_out(at, &look).unwrap();
/// assert!(laid.svgs.len() > 1 && laid.svgs[0].starts_with("<svg"));
/// assert!(laid.rules.iter().all(|c| c.held), "page 1, the signature and the 版记 as the rules ask");
/// assert_eq!(laid.rules.last().unwrap().page, laid.svgs.len(), "the 版记 on the last page");
/// let bad = preview::Text { text: "scheme:\n  titel: 方案\n", ..at };
/// assert_eq!(preview::lay_out(bad, &look).unwrap_err().place, "fulian.yaml:2:3");
/// ```
pub fn lay_out(text: Text<'_>, look: &Look) -> Result<Laid> {
    look.prepare()?;
    let templates = Templates::load(look.templates.as_deref())?;
    let doc = scheme::parse_with(text.text, text.name, text.dir, Files::BesideScheme)?;
    let name = Path::new(text.name);
    let made = pipeline::scheme_files(&doc, &templates, look).map_err(|e| e.within(name))?;
    let mut warnings = doc.warnings;
    warnings.extend(made.warnings_at(name));
    Ok(Laid {
        docx: made.docx,
        pdf: made.pdf,
        svgs: made.svgs,
        warnings,
        rules: made.rules,
        fit_note: made.fit_note,
    })
}
