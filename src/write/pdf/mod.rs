//! PDF: the pages dossier laid out, drawn with krilla, the fonts embedded as subsets and the
//! text extractable. Nothing depends on the clock, so the same document gives the same bytes.

mod fonts;

pub use fonts::{FontBook, Found, poisoned, start_listing};

use std::sync::{Arc, Mutex};

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::image::Image as Picture;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke as Pen};
use krilla::text::{GlyphId, KrillaGlyph};
use krilla::{Document, metadata::Metadata};

use crate::error::{Error, Result};
use crate::flow::{Image, Sheet, Stroke, Text};

/// The PDF of `sheets`, titled `title`, its text in the fonts `book` finds.
pub fn to_vec(sheets: &[Sheet], title: &str, book: &Mutex<FontBook>) -> Result<Vec<u8>> {
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .creator("dossier".to_string()),
    );
    for sheet in sheets {
        let settings = PageSettings::from_wh(sheet.width as f32, sheet.height as f32)
            .ok_or_else(|| Error::at("PDF", "页面大小无效"))?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        for s in &sheet.strokes {
            stroke(&mut surface, s);
        }
        for t in &sheet.texts {
            let found = book
                .lock()
                .map_err(|_| poisoned())?
                .font(t.face, t.latin, t.bold)?
                .clone();
            text(&mut surface, t, &found);
        }
        for i in &sheet.images {
            image(&mut surface, i)?;
        }
        surface.finish();
        page.finish();
    }
    doc.finish()
        .map_err(|e| Error::at("PDF", format!("生成 PDF 失败：{e:?}")))
}

/// Draws `i`'s picture in its box, over what is already drawn.
fn image(surface: &mut krilla::surface::Surface<'_>, i: &Image) -> Result<()> {
    let png: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(i.picture.png.clone());
    let picture = Picture::from_png(png.into(), true)
        .map_err(|e| Error::at("PDF", format!("印章图片无法读取：{e}")))?;
    let size = Size::from_wh(i.width as f32, i.height as f32)
        .ok_or_else(|| Error::at("PDF", "印章图片大小无效"))?;
    surface.push_transform(&Transform::from_translate(i.x as f32, i.y as f32));
    surface.draw_image(picture, size);
    surface.pop();
    Ok(())
}

/// An `RRGGBB` colour; black where it is not one.
fn color(hex: &str) -> rgb::Color {
    let byte = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(0)
    };
    rgb::Color::new(byte(0), byte(2), byte(4))
}

fn stroke(surface: &mut krilla::surface::Surface<'_>, s: &Stroke) {
    let mut path = PathBuilder::new();
    path.move_to(s.x0 as f32, s.y0 as f32);
    path.line_to(s.x1 as f32, s.y1 as f32);
    let Some(path) = path.finish() else { return };
    surface.set_fill(None);
    surface.set_stroke(Some(Pen {
        paint: color(s.color).into(),
        width: s.width as f32,
        ..Pen::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}

/// Draws `t`'s characters each where the layout put it.
fn text(surface: &mut krilla::surface::Surface<'_>, t: &Text, found: &Found) {
    let Some(&(_, x0)) = t.chars.first() else {
        return;
    };
    let string: String = t.chars.iter().map(|&(c, _)| c).collect();
    let ids = found.glyphs(t.chars.iter().map(|&(c, _)| c));
    let size = t.size as f32;
    let mut at = 0;
    let mut glyphs = Vec::with_capacity(ids.len());
    for (k, (&(c, x), (id, advance))) in t.chars.iter().zip(ids).enumerate() {
        let next = t.chars.get(k + 1).map(|&(_, nx)| ((nx - x) as f32) / size);
        let len = c.len_utf8();
        glyphs.push(KrillaGlyph {
            glyph_id: GlyphId::new(u32::from(id)),
            text_range: at..at + len,
            x_advance: next.unwrap_or(advance),
            x_offset: 0.0,
            y_offset: 0.0,
            y_advance: 0.0,
            location: None,
        });
        at += len;
    }
    surface.set_stroke(None);
    surface.set_fill(Some(Fill {
        paint: color(t.color).into(),
        ..Fill::default()
    }));
    let start = Point::from_xy(x0 as f32, t.baseline as f32);
    surface.draw_glyphs(start, &glyphs, found.font.clone(), &string, size, false);
}
