//! A page of an attached PDF file as a picture, for the DOCX and the SVG pages, which cannot
//! hold a PDF page: drawn by hayro on white, at a resolution fit for printing.

use std::sync::Arc;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};

use super::guard::guarded;
use crate::error::{Error, Result};
use crate::model::{PdfFile, Picture};

/// Pixels an inch of the printed page: text stays sharp on paper, and a page of text takes
/// some 100–300 KB as PNG.
const DPI: f64 = 150.0;

/// Page `page` (from 0) of `file` as a picture to be printed `width` pt wide.
pub fn picture(file: &PdfFile, page: usize, width: f64) -> Result<Picture> {
    let damaged = || damaged(file);
    guarded(|| render(file, page, width).ok_or_else(damaged), damaged)
}

fn render(file: &PdfFile, page: usize, width: f64) -> Option<Picture> {
    let pdf = Pdf::new(file.bytes.clone()).ok()?;
    let pages = pdf.pages();
    let shown = pages.get(page)?;
    let (own_width, _) = shown.render_dimensions();
    let scale = (width * DPI / 72.0 / f64::from(own_width).max(1.0)) as f32;
    let settings = PixmapSettings {
        x_scale: scale,
        y_scale: scale,
        bg_color: WHITE,
    };
    let pixmap = hayro::render(
        shown,
        &RenderCache::new(),
        &InterpreterSettings::default(),
        &RenderSettings::default(),
        &settings,
    );
    let (w, h) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    let png = pixmap.into_png().ok()?;
    Some(Picture {
        png: Arc::from(png),
        width: w,
        height: h,
    })
}

/// The file was read whole when the scheme was; what hayro cannot draw of it is its damage.
fn damaged(file: &PdfFile) -> Error {
    Error::at(&file.name, "附件文件的页面无法画成图片（文件可能已损坏）")
        .with_hint("用 PDF 阅读器打开这个文件另存一份，再试")
}
