//! Spells a typeset galley out as WordprocessingML. Elements are written in the schema's order
//! (openxml-audit checks it); every measure comes from the galley, which resolved it from
//! `layout`: this writer converts units and names fonts, and decides nothing about the page.

use std::cell::Cell;
use std::io::{Cursor, Seek, Write};

mod document;
mod drawing;
mod letter;
mod parts;
mod picture;
mod tables;

use super::package::{Content, zip_parts};
use crate::layout::FontProfile;
use crate::model::Picture;
use crate::typeset::Galley;
use parts::{content_types, core_props, document_rels, root_rels, settings};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Document properties stored with the file.
#[derive(Debug, Clone, Default)]
pub struct Properties {
    /// The document's title.
    pub title: String,
    /// Its author: the issuing organ, when the document has one; `dossier` otherwise.
    pub author: Option<String>,
}

/// The DOCX bytes for `galley`.
///
/// ```
/// use dossier::{layout, markup, typeset, write::docx};
/// let m = markup::parse("正文。", "t", Vec::new()).unwrap();
/// let g = typeset::typeset(&m, &layout::GBT9704).unwrap();
/// let bytes = docx::to_bytes(&g, &layout::FONT_PROFILES[0], &Default::default()).unwrap();
/// let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
/// let mut xml = String::new();
/// std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
/// assert!(xml.contains(">正文。<"));
/// assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#), "A4 portrait");
/// ```
pub fn to_bytes(
    galley: &Galley<'_>,
    fonts: &FontProfile,
    props: &Properties,
) -> std::io::Result<Vec<u8>> {
    to_writer(galley, fonts, props, Cursor::new(Vec::new())).map(Cursor::into_inner)
}

/// Writes the DOCX for `galley` into `out` and hands `out` back: a file, so that a document
/// of any length is never in memory whole. A streamed table's rows are read as they are
/// written; an error reading them is the write's error.
///
/// ```
/// use dossier::{layout, markup, typeset, write::docx};
/// let m = markup::parse("正文。", "t", Vec::new()).unwrap();
/// let g = typeset::typeset(&m, &layout::GBT9704).unwrap();
/// let file = tempfile::tempfile().unwrap();
/// let mut file = docx::to_writer(&g, &layout::FONT_PROFILES[0], &Default::default(), file).unwrap();
/// let mut written = Vec::new();
/// use std::io::{Read, Seek};
/// file.rewind().unwrap();
/// file.read_to_end(&mut written).unwrap();
/// assert_eq!(written, docx::to_bytes(&g, &layout::FONT_PROFILES[0], &Default::default()).unwrap());
/// ```
pub fn to_writer<W: Write + Seek>(
    galley: &Galley<'_>,
    fonts: &FontProfile,
    props: &Properties,
    out: W,
) -> std::io::Result<W> {
    let w = Writer {
        g: galley,
        f: fonts,
        first_section: Cell::new(true),
    };
    let text = Content::Text;
    // A 函's first page uses the footer without a number too.
    let unnumbered = galley.blank_before_end() || galley.letter.is_some();
    let seal = galley.seals.first().and_then(|s| s.picture.as_ref());
    let pages = attached_pictures(galley);
    let numbers: Vec<usize> = pages.iter().map(|(n, _)| *n).collect();
    let media = media(seal, &pages);
    let mut parts = vec![
        (
            "[Content_Types].xml",
            text(content_types(unnumbered, !media.is_empty())),
        ),
        ("_rels/.rels", text(root_rels())),
        ("docProps/core.xml", text(core_props(props))),
        (
            "word/document.xml",
            Content::Stream(Box::new(|out: &mut dyn Write| w.document(galley, out))),
        ),
        (
            "word/_rels/document.xml.rels",
            text(document_rels(unnumbered, seal.is_some(), &numbers)),
        ),
        ("word/styles.xml", text(w.styles())),
        ("word/settings.xml", text(settings(galley))),
        ("word/fontTable.xml", text(w.font_table())),
        ("word/theme/theme1.xml", text(w.theme())),
        (
            "word/footer1.xml",
            text(w.footer(&galley.page_number, false)),
        ),
        (
            "word/footer2.xml",
            text(w.footer(&galley.page_number, true)),
        ),
    ];
    if unnumbered {
        parts.push((
            "word/footer3.xml",
            text(w.footer_without_number(&galley.page_number)),
        ));
    }
    parts.extend(media.iter().map(|(name, p)| (name.as_str(), png_part(p))));
    zip_parts(parts, out)
}

/// The pictures' parts by name: the seal's, then the attached pages'.
fn media<'p>(
    seal: Option<&'p Picture>,
    pages: &[(usize, &'p Picture)],
) -> Vec<(String, &'p Picture)> {
    let seal = seal.map(|p| (format!("word/{}", picture::SEAL_TARGET), p));
    let pages = (pages.iter()).map(|&(n, p)| (format!("word/{}", picture::page_target(n).1), p));
    seal.into_iter().chain(pages).collect()
}

/// A picture's PNG as a part.
fn png_part(picture: &Picture) -> Content<'static> {
    let png = picture.png.clone();
    Content::Stream(Box::new(move |out: &mut dyn Write| out.write_all(&png)))
}

/// The attached pages' pictures, each with its page's number among them (from 1).
fn attached_pictures<'g>(galley: &'g Galley<'_>) -> Vec<(usize, &'g Picture)> {
    (galley.items.iter())
        .filter_map(|i| match i {
            crate::typeset::Item::Inset(inset) => Some(inset.picture.as_ref()),
            _ => None,
        })
        .enumerate()
        .filter_map(|(k, p)| Some((k + 1, p?)))
        .collect()
}

/// What every part is written from.
struct Writer<'a> {
    g: &'a Galley<'a>,
    f: &'a FontProfile,
    /// No section has been closed yet: the next is the first, where a 函's first page is.
    first_section: Cell<bool>,
}
