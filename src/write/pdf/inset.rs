//! The pages of attached PDF files as Form XObjects, copied by hayro-write with everything
//! they use (fonts, images, colour spaces), so they stay vector and their text stays text.
//! Each file is read once and each of its pages written once, however often it is drawn.

use std::collections::BTreeMap;
use std::sync::Arc;

use hayro_write::hayro_syntax::Pdf;
use hayro_write::{ChunkSettings, ExtractionQuery, ExtractionResult, extract};
use pdf_writer::{Chunk, Ref};

use crate::error::{Error, Result};
use crate::flow::{InsetPage, Sheet};
use crate::read::guard::guarded;

/// A file by its bytes' address: the pages of one file share them.
type FileKey = usize;

/// Where each attached page's XObject is, by file and page.
#[derive(Default)]
pub struct Forms {
    refs: BTreeMap<(FileKey, usize), Ref>,
}

impl Forms {
    /// The XObject that draws `inset`'s page.
    pub fn of(&self, inset: &InsetPage) -> Option<Ref> {
        self.refs.get(&(key(inset), inset.page)).copied()
    }
}

fn key(inset: &InsetPage) -> FileKey {
    Arc::as_ptr(&inset.file.bytes) as FileKey
}

/// The XObjects of every attached page `sheets` draw, numbered with `take`.
pub fn forms(sheets: &[Sheet], take: &mut dyn FnMut() -> Ref) -> Result<(Chunk, Forms)> {
    // In the order they are drawn, so that the objects are numbered the same every time.
    let mut wanted: Vec<(FileKey, &InsetPage, Vec<usize>)> = Vec::new();
    for i in sheets.iter().flat_map(|s| &s.insets) {
        match wanted.iter_mut().find(|(k, _, _)| *k == key(i)) {
            Some((_, _, pages)) if !pages.contains(&i.page) => pages.push(i.page),
            Some(_) => {}
            None => wanted.push((key(i), i, vec![i.page])),
        }
    }
    let mut chunk = Chunk::new();
    let mut forms = Forms::default();
    for (file, inset, pages) in wanted {
        // A panic in the reader is the file's damage, as when the scheme is read.
        let done = guarded(|| copied(&inset.file.bytes, &pages, take), unreadable)?;
        for (page, made) in pages.into_iter().zip(done.root_refs) {
            forms
                .refs
                .insert((file, page), made.map_err(|_| unreadable())?);
        }
        chunk.extend(&done.chunk);
    }
    Ok((chunk, forms))
}

/// `pages` of the PDF file `bytes` copied as XObjects, numbered with `take`.
fn copied(
    bytes: &Arc<Vec<u8>>,
    pages: &[usize],
    take: &mut dyn FnMut() -> Ref,
) -> Result<ExtractionResult> {
    let pdf = Pdf::new(bytes.clone()).map_err(|_| unreadable())?;
    let queries: Vec<ExtractionQuery> = pages
        .iter()
        .map(|&p| ExtractionQuery::new_xobject(p))
        .collect();
    extract(&pdf, Box::new(take), ChunkSettings::default(), &queries).map_err(|_| unreadable())
}

/// The file was read when the scheme was; only a change since then makes it unreadable.
fn unreadable() -> Error {
    Error::at("PDF", "附件文件的页面无法读取")
        .with_hint("附件文件在读取方案之后被改动了？请重新生成")
}
