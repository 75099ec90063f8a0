//! PDF: the pages dossier laid out, written with pdf-writer, each glyph where the layout put
//! it, the fonts embedded as subsets (each subset on a thread of its own) and the text
//! extractable. Nothing depends on the clock, so the same document gives the same bytes.

mod content;
mod embed;
mod fonts;
mod inset;
mod picture;
mod runs;

pub use fonts::{FontBook, Found, poisoned, start_listing};

use std::collections::BTreeSet;
use std::io::Write;
use std::sync::Mutex;

use pdf_writer::Dict;
use pdf_writer::{Chunk, Filter, Finish, Name, Pdf, Rect, Ref, TextStr};
use sha2::{Digest, Sha256};

use content::Run;
use embed::{FontRefs, Used};

use crate::error::{Error, Result};
use crate::flow::Sheet;

const CATALOG: Ref = Ref::new(1);
const PAGE_TREE: Ref = Ref::new(2);
const INFO: Ref = Ref::new(3);
/// The first object not fixed above.
const FIRST_FREE: i32 = 4;

/// The PDF of `sheets`, titled `title`, its text in the fonts `book` finds.
pub fn to_vec(sheets: &[Sheet], title: &str, book: &Mutex<FontBook>) -> Result<Vec<u8>> {
    let (fonts, pages) = runs::runs(sheets, book)?;
    let mut next = FIRST_FREE;
    let jobs: Vec<(&Used, FontRefs)> = fonts
        .iter()
        .map(|font| (font, FontRefs::take(&mut next)))
        .collect();
    let refs: Vec<FontRefs> = jobs.iter().map(|&(_, r)| r).collect();
    let (embedded, drawn) = std::thread::scope(|s| {
        let drawn = s.spawn(|| page_objects(sheets, &pages, &fonts, &refs, next));
        let embedded = crate::parallel::on_all_cores(&jobs, |(font, r)| font.embed(*r));
        (embedded, drawn.join())
    });
    let (drawn, kids) = drawn.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
    let embedded = embedded.into_iter().collect::<Result<Vec<Chunk>>>();
    let mut pdf = Pdf::new();
    pdf.catalog(CATALOG).pages(PAGE_TREE).lang(TextStr("zh-CN"));
    pdf.pages(PAGE_TREE)
        .kids(kids.iter().copied())
        .count(i32::try_from(kids.len()).unwrap_or(i32::MAX));
    pdf.document_info(INFO)
        .title(TextStr(title))
        .creator(TextStr("dossier"));
    let mut id = Sha256::new();
    for chunk in std::iter::once(&drawn).chain(&embedded?) {
        id.update(chunk.as_bytes());
        pdf.extend(chunk);
    }
    let id = id.finalize()[..16].to_vec();
    pdf.set_file_id((id.clone(), id));
    Ok(pdf.finish())
}

/// The pages' objects from `next` on, and the pages in order.
fn page_objects(
    sheets: &[Sheet],
    pages: &[Vec<Run>],
    fonts: &[Used],
    refs: &[FontRefs],
    mut next: i32,
) -> Result<(Chunk, Vec<Ref>)> {
    let mut chunk = Chunk::new();
    let mut kids = Vec::with_capacity(sheets.len());
    let mut take = || {
        next += 1;
        Ref::new(next - 1)
    };
    let (attached, forms) = inset::forms(sheets, &mut take)?;
    chunk.extend(&attached);
    for (sheet, runs) in sheets.iter().zip(pages) {
        let (page_ref, content_ref) = (take(), take());
        let images: Vec<(Ref, Ref)> = sheet.images.iter().map(|_| (take(), take())).collect();
        let (w, h) = (sheet.width as f32, sheet.height as f32);
        let drawn = content::page(h, &sheet.strokes, runs, fonts, &sheet.images, &sheet.insets);
        chunk
            .stream(content_ref, &deflate(&drawn)?)
            .filter(Filter::FlateDecode);
        let mut page = chunk.page(page_ref);
        page.media_box(Rect::new(0.0, 0.0, w, h))
            .parent(PAGE_TREE)
            .contents(content_ref);
        let mut resources = page.resources();
        let used: BTreeSet<usize> = runs
            .iter()
            .flat_map(|r| r.glyphs.iter().map(|g| g.font))
            .collect();
        let mut named = resources.fonts();
        for k in used {
            named.pair(Name(content::font_name(k).as_bytes()), refs[k].font);
        }
        named.finish();
        x_objects(resources.x_objects(), &images, sheet, &forms);
        resources.finish();
        page.finish();
        for (i, (image, mask)) in sheet.images.iter().zip(images) {
            picture::image(&mut chunk, &i.picture, image, mask)?;
        }
        kids.push(page_ref);
    }
    Ok((chunk, kids))
}

/// A page's XObjects by the names its drawing uses: its `images`, and the attached pages
/// `sheet` draws as `forms` has them.
fn x_objects(mut objects: Dict<'_>, images: &[(Ref, Ref)], sheet: &Sheet, forms: &inset::Forms) {
    for (k, (image, _)) in images.iter().enumerate() {
        objects.pair(Name(content::image_name(k).as_bytes()), *image);
    }
    for (k, page) in sheet.insets.iter().enumerate() {
        if let Some(form) = forms.of(page) {
            objects.pair(Name(content::inset_name(k).as_bytes()), form);
        }
    }
}

/// `data` compressed as PDF's FlateDecode reads it.
fn deflate(data: &[u8]) -> Result<Vec<u8>> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(data)
        .and_then(|()| z.finish())
        .map_err(|e| Error::at("PDF", format!("压缩失败：{e}")))
}
