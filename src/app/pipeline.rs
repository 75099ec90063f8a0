//! The one path every document takes: template output (markup) and the tables it places,
//! parsed, typeset on the GB/T 9704 page and written as DOCX.

use std::io::{Cursor, Seek, Write};

use crate::error::{Error, Result};
use crate::flow;
use crate::layout::{FontProfile, GBT9704};
use crate::markup;
use crate::model::{Document, TableSource};
use crate::template::{ENTRY, Templates};
use crate::typeset;
use crate::write::docx::{self, Properties};

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
    flow::fit(&mut galley, &GBT9704, fonts).map_err(|e| Error::at("", format!("排版失败：{e}")))?;
    docx::to_writer(&galley, fonts, props, out)
        .map_err(|e| Error::at("", format!("生成 DOCX 失败：{e}")))
}

/// [`docx_into`] memory.
pub(crate) fn docx(
    text: &str,
    origin: &str,
    tables: &[TableSource<'_>],
    fonts: &FontProfile,
    props: &Properties,
) -> Result<Vec<u8>> {
    docx_into(text, origin, tables, fonts, props, Cursor::new(Vec::new())).map(Cursor::into_inner)
}

/// The properties of a document titled `title` and issued by `author`, when it has one.
pub(crate) fn properties(title: &str, author: Option<&str>) -> Properties {
    Properties {
        title: title.to_string(),
        author: author.map(str::to_string),
    }
}

/// The DOCX of a scheme file's documents, in the font profile `fonts` names, else the one
/// the scheme asks for.
pub(crate) fn scheme_docx(
    doc: &Document,
    templates: &Templates,
    fonts: Option<&str>,
) -> Result<Vec<u8>> {
    let fonts = FontProfile::named(fonts.or(doc.fonts.as_deref()))?;
    let text = templates.render(doc)?;
    let tables: Vec<TableSource<'_>> = doc.tasks.iter().map(TableSource::Held).collect();
    let title = doc
        .notice
        .as_ref()
        .map(|n| n.title.clone())
        .or_else(|| doc.attachments.first().map(|a| a.title.clone()))
        .unwrap_or_default();
    let title: String = title.lines().map(str::trim).collect();
    let issuers = doc.notice.as_ref().map(|n| n.issuers.join("、"));
    docx(
        &text,
        ENTRY,
        &tables,
        fonts,
        &properties(&title, issuers.as_deref()),
    )
}
