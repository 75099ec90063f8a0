//! The one path every document takes: template output (markup) and the tables it places,
//! parsed, typeset on the GB/T 9704 page and written as DOCX.

use std::io::{Cursor, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::flow;
use crate::layout::{FontProfile, GBT9704, PageRule};
use crate::markup::{self, Markup};
use crate::model::{Document, TableSource};
use crate::read::raster;
use crate::template::{ENTRY, Templates};
use crate::typeset;
use crate::write::docx::{self, Properties};
use crate::write::pdf::{self, FontBook, poisoned};
use crate::write::svg;

use super::{Listener, Look};

/// Markup text from the template `origin`, with the tables it places, as a DOCX with the
/// properties `props`, written into `out`.
pub(crate) fn docx_into<W: Write + Seek>(
    text: &str,
    origin: &str,
    tables: &[TableSource<'_>],
    fonts: &FontProfile,
    props: &Properties,
    out: W,
) -> Result<W> {
    let markup = markup::parse(text, origin, tables.to_vec())?;
    let mut galley = typeset::typeset(&markup, &GBT9704)?;
    flow::fit(&mut galley, &GBT9704, fonts).map_err(layout_failed)?;
    docx::to_writer(&galley, fonts, props, out)
        .map_err(|e| Error::at("", format!("生成 DOCX 失败：{e}")))
}

/// The properties of a document titled `title` and issued by `author`, when it has one.
pub(crate) fn properties(title: &str, author: Option<&str>) -> Properties {
    Properties {
        title: title.to_string(),
        author: author.map(str::to_string),
    }
}

/// A document's files: its DOCX, and when asked for its PDF (with the fonts it was drawn in)
/// and its pages as SVG.
pub(crate) struct Made {
    pub docx: Vec<u8>,
    pub pdf: Option<Vec<u8>>,
    pub fonts: Vec<String>,
    pub svgs: Vec<String>,
    /// What its layout could not keep.
    pub warnings: Vec<String>,
    /// Each page rule on each page it concerns, as the pages came out.
    pub rules: Vec<flow::Checked>,
    /// What the layout changed to keep the page rules, in words, when it changed anything.
    pub fit_note: Option<String>,
}

impl Made {
    /// Its warnings, each naming the DOCX at `path`.
    pub(crate) fn warnings_at(&self, path: &Path) -> Vec<String> {
        let place = crate::error::shown(path);
        self.warnings
            .iter()
            .map(|w| format!("{place}: {w}"))
            .collect()
    }

    /// Tells `listener` its warnings, each naming the DOCX at `path`.
    pub(crate) fn tell(&self, path: &Path, listener: &mut dyn Listener) {
        self.warnings_at(path)
            .iter()
            .for_each(|w| listener.warning(w));
    }

    /// The files to write for the DOCX at `path`: it, and the PDF beside it.
    pub(crate) fn at(self, path: PathBuf) -> Vec<(PathBuf, Vec<u8>)> {
        let pdf = self.pdf.map(|bytes| (path.with_extension("pdf"), bytes));
        std::iter::once((path, self.docx)).chain(pdf).collect()
    }
}

/// Markup text from the template `origin`, with the tables it places, as a DOCX and, when
/// `look` asks for it, a PDF from the same layout.
pub(crate) fn files(
    text: &str,
    origin: &str,
    tables: &[TableSource<'_>],
    fonts: &'static FontProfile,
    props: &Properties,
    look: &Look,
) -> Result<Made> {
    made(
        &markup::parse(text, origin, tables.to_vec())?,
        fonts,
        props,
        look,
    )
}

/// Parsed markup's DOCX and, when `look` asks for them, its PDF and SVG pages.
fn made(
    markup: &Markup<'_>,
    fonts: &'static FontProfile,
    props: &Properties,
    look: &Look,
) -> Result<Made> {
    let mut galley = typeset::typeset(markup, &GBT9704)?;
    draw_attached_pages(&mut galley)?;
    let fitted = flow::fit(&mut galley, &GBT9704, fonts).map_err(layout_failed)?;
    let docx = docx::to_writer(&galley, fonts, props, Cursor::new(Vec::new()))
        .map_err(|e| Error::at("", format!("生成 DOCX 失败：{e}")))?
        .into_inner();
    let mut made = Made {
        docx,
        pdf: None,
        fonts: Vec::new(),
        svgs: Vec::new(),
        warnings: (!fitted.kept).then(page_rules_broken).into_iter().collect(),
        fit_note: fitted.note(&GBT9704),
        rules: fitted.rules,
    };
    if !look.pdf && !look.svg {
        return Ok(made);
    }
    let placement = match fitted.placement {
        Some(p) => p,
        None => flow::placement(&galley, fonts).map_err(layout_failed)?,
    };
    let sheets = flow::sheets(&galley, &placement, &GBT9704, fonts).map_err(layout_failed)?;
    if look.svg {
        made.svgs = svg::pages(&sheets, fonts);
    }
    if look.pdf {
        let book = FontBook::shared(fonts, &look.font_dirs)?;
        made.pdf = Some(pdf::to_vec(&sheets, &props.title, &book)?);
        made.fonts = book.lock().map_err(|_| poisoned())?.used();
    }
    Ok(made)
}

/// Draws each attached PDF page as a picture, as large as it is set, on all cores: the DOCX
/// and the SVG pages show it so, the PDF draws the page itself.
fn draw_attached_pages(galley: &mut typeset::Galley<'_>) -> Result<()> {
    let insets: Vec<&typeset::Inset> = (galley.items.iter())
        .filter_map(|i| match i {
            typeset::Item::Inset(inset) => Some(inset),
            _ => None,
        })
        .collect();
    if insets.is_empty() {
        return Ok(());
    }
    let drawn = crate::parallel::on_all_cores(&insets, |i| {
        let (_, _, width, _) = i.fitted();
        raster::picture(&i.file, i.page, width / crate::layout::TWIPS_PER_PT)
    });
    let mut drawn = drawn.into_iter();
    for item in &mut galley.items {
        if let typeset::Item::Inset(inset) = item {
            inset.picture = drawn.next().transpose()?;
        }
    }
    Ok(())
}

/// What is said when no spacing within the layout's bounds keeps the page rules.
fn page_rules_broken() -> String {
    let l = &GBT9704;
    format!(
        "排版：行距、字距调到允许的限度（每页至多 {} 行，每行 {}–{} 字）仍无法让{}、{}，\
         请缩短标题或主送机关，或增删正文",
        l.tight_lines_per_page,
        l.loose_chars_per_line,
        l.tight_chars_per_line,
        PageRule::FirstPageText.goal(),
        PageRule::SignatureWithText.goal()
    )
}

fn layout_failed(e: std::io::Error) -> Error {
    Error::at("", format!("排版失败：{e}"))
}

/// The files of a scheme file's documents, in the font profile `look` names, else the one
/// the scheme asks for.
pub(crate) fn scheme_files(doc: &Document, templates: &Templates, look: &Look) -> Result<Made> {
    let fonts = FontProfile::named(look.fonts.as_deref().or(doc.fonts.as_deref()))?;
    let text = templates.render(doc)?;
    let tables: Vec<TableSource<'_>> = doc.tables().into_iter().map(TableSource::Held).collect();
    let title = doc
        .notice
        .as_ref()
        .map(|n| n.title.clone())
        .or_else(|| doc.attachments.first().map(|a| a.title.clone()))
        .unwrap_or_default();
    let title: String = title.lines().map(str::trim).collect();
    let issuers = doc.notice.as_ref().map(|n| n.issuers.join("、"));
    let props = properties(&title, issuers.as_deref());
    let mut markup = markup::parse(&text, ENTRY, tables)?;
    markup.seal = doc
        .notice
        .as_ref()
        .and_then(|n| n.seal.as_ref()?.picture.clone());
    markup.files.clone_from(&doc.files);
    made(&markup, fonts, &props, look)
}
