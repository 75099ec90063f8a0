//! Pages as drawings: every placed line turned into characters at their positions and every
//! rule into a stroke, in points from the page's top left corner, for the PDF and SVG writers.
//! A line sits where LibreOffice sets it: its baseline `fixed_line_ascent` of its exact
//! height down, justified lines spreading their slack between the characters.

mod furniture;
mod line;
mod table;

use std::collections::HashMap;
use std::io;

use super::{Glyph, Placed, PlacedInset, Placement, Source, glyphs};
use crate::layout::{Face, FontProfile, Layout, TWIPS_PER_PT, twips_to_pt};
use crate::model::{PdfFile, Picture};
use crate::typeset::{Galley, Item, PageSetup, Para};
use furniture::{end_rules, letter_head, page_number, rule_under, seals_over};
use line::line_texts;
use table::{Spans, cell, table_rows, table_rules};

/// One page.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Width, pt.
    pub width: f64,
    /// Height, pt.
    pub height: f64,
    /// The text, a piece per run and script on each line.
    pub texts: Vec<Text>,
    /// Rules, table borders and the 版记's lines.
    pub strokes: Vec<Stroke>,
    /// Pictures over the text: the seals.
    pub images: Vec<Image>,
    /// Pages of attached PDF files, each in its box.
    pub insets: Vec<InsetPage>,
}

/// A page of an attached PDF file, scaled into its box.
#[derive(Debug, Clone, PartialEq)]
pub struct InsetPage {
    /// The page's left edge, pt from the left.
    pub x: f64,
    /// Its top, pt from the top.
    pub y: f64,
    /// Width, pt.
    pub width: f64,
    /// Height, pt.
    pub height: f64,
    /// The file.
    pub file: PdfFile,
    /// The page, from 0.
    pub page: usize,
    /// The page as a picture, when it was drawn as one.
    pub picture: Option<Picture>,
}

/// A picture in its box.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// The box's left edge, pt from the left.
    pub x: f64,
    /// Its top, pt from the top.
    pub y: f64,
    /// Width, pt.
    pub width: f64,
    /// Height, pt.
    pub height: f64,
    /// What is drawn.
    pub picture: Picture,
}

/// Characters of one run and script on one line.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// The face; `latin` says whether its Latin font is meant.
    pub face: Face,
    /// Set in the profile's Latin font.
    pub latin: bool,
    /// Bold.
    pub bold: bool,
    /// Size, pt.
    pub size: f64,
    /// RRGGBB.
    pub color: &'static str,
    /// The baseline, pt from the top.
    pub baseline: f64,
    /// Each character and where it starts, pt from the left.
    pub chars: Vec<(char, f64)>,
}

/// A straight line, along its middle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// From, pt from the left.
    pub x0: f64,
    /// From, pt from the top.
    pub y0: f64,
    /// To, pt from the left.
    pub x1: f64,
    /// To, pt from the top.
    pub y1: f64,
    /// Thickness, pt.
    pub width: f64,
    /// RRGGBB.
    pub color: &'static str,
}

/// The pages of `galley` as `placed` lays them out.
pub fn sheets(
    galley: &Galley<'_>,
    placement: &Placement,
    layout: &Layout,
    fonts: &FontProfile,
) -> io::Result<Vec<Sheet>> {
    let placed = &placement.lines;
    let rows = table_rows(galley)?;
    let spans = Spans::new(placement);
    let mut out: Vec<Sheet> = Vec::new();
    let mut paras: HashMap<Source, Vec<Glyph>> = HashMap::new();
    for p in placed {
        let setup = galley.pages.of(p.landscape);
        grow(&mut out, p.page, setup);
        let (Some((para, left, width)), Some(sheet)) =
            (frame(galley, &rows, p), out.get_mut(p.page))
        else {
            continue;
        };
        let drop = spans.drop(galley, p.source, p.page, para.line_twips);
        let top = f64::from(setup.margins[0] + setup.grid_offset() + p.top + drop);
        let glyphs = paras
            .entry(p.source)
            .or_insert_with(|| glyphs(&para, fonts));
        let column = (f64::from(setup.margins[3] + left), width);
        let baseline = baseline(top, para.line_twips, layout);
        sheet
            .texts
            .extend(line_texts(&para, glyphs, p, column, baseline, layout.black));
        sheet.strokes.extend(rule_under(&para, p, top, column));
        sheet.images.extend(seals_over(galley, p, top));
    }
    insets(galley, &placement.insets, &mut out);
    table_rules(galley, &placement.rows, &mut out);
    if let (Some(end), Some(sheet)) = (&galley.end_block, out.last_mut()) {
        end_rules(end, placed, galley, sheet);
    }
    // The blank page and the 版记's after it carry no number (7.5).
    let unnumbered = if galley.blank_before_end() { 2 } else { 0 };
    let numbered = out.len().saturating_sub(unnumbered);
    if let (Some(head), Some(first)) = (&galley.letter, out.first_mut()) {
        letter_head(head, galley, layout, fonts, first);
    }
    // A 函's first page carries no number (10.1).
    let first = usize::from(galley.letter.is_some());
    for (n, sheet) in out.iter_mut().take(numbered).enumerate().skip(first) {
        let landscape = sheet.width > sheet.height;
        sheet
            .texts
            .extend(page_number(galley, n + 1, landscape, layout, fonts));
    }
    Ok(out)
}

/// Adds pages of `setup` to `out` until it has page `page`.
fn grow(out: &mut Vec<Sheet>, page: usize, setup: &PageSetup) {
    while out.len() <= page {
        out.push(Sheet {
            width: twips_to_pt(setup.width),
            height: twips_to_pt(setup.height),
            texts: Vec::new(),
            strokes: Vec::new(),
            images: Vec::new(),
            insets: Vec::new(),
        });
    }
}

/// The attached files' pages, each fitted into its box on its page.
fn insets(galley: &Galley<'_>, placed: &[PlacedInset], out: &mut Vec<Sheet>) {
    for p in placed {
        let Some(Item::Inset(i)) = galley.items.get(p.item) else {
            continue;
        };
        let setup = galley.pages.of(i.landscape);
        grow(out, p.page, setup);
        let (dx, dy, w, h) = i.fitted();
        let x = f64::from(setup.margins[3]) + dx;
        let y = f64::from(setup.margins[0] + i.top) + dy;
        if let Some(sheet) = out.get_mut(p.page) {
            // A later page may have grown the sheets past this one, in its own orientation.
            (sheet.width, sheet.height) = (twips_to_pt(setup.width), twips_to_pt(setup.height));
            sheet.insets.push(InsetPage {
                x: x / TWIPS_PER_PT,
                y: y / TWIPS_PER_PT,
                width: w / TWIPS_PER_PT,
                height: h / TWIPS_PER_PT,
                file: i.file.clone(),
                page: i.page,
                picture: i.picture.clone(),
            });
        }
    }
}

/// The baseline of a line `height` twips high whose top is `top` twips down the page, pt.
fn baseline(top: f64, height: i32, layout: &Layout) -> f64 {
    (top + f64::from(height) * layout.fixed_line_ascent) / TWIPS_PER_PT
}

/// The paragraph a placed line belongs to, the left edge of its column and its width, twips
/// from the text area's left edge.
fn frame(
    galley: &Galley<'_>,
    rows: &HashMap<usize, Vec<Vec<String>>>,
    p: &Placed,
) -> Option<(Para, i32, i32)> {
    let text_width = {
        let s = galley.pages.of(p.landscape);
        s.width - s.margins[1] - s.margins[3]
    };
    match p.source {
        Source::Para(i) => match galley.items.get(i)? {
            Item::Para(para) => Some((para.clone(), 0, text_width)),
            _ => None,
        },
        Source::Mark(i, name) => match galley.items.get(i)? {
            Item::JointMark(m) => match name {
                Some(n) => Some((m.names.get(n)?.clone(), 0, m.names_width)),
                None => Some((m.suffix.clone(), m.names_width, m.width - m.names_width)),
            },
            _ => None,
        },
        Source::Cell(i, row, column) => match galley.items.get(i)? {
            Item::Table(t) => cell(t, rows.get(&i), (row, column), text_width),
            _ => None,
        },
        Source::End(i) => {
            let end = galley.end_block.as_ref()?;
            let row = end.rows.get(i)?;
            let s = galley.pages.of(false);
            Some((row.para.clone(), end.left - s.margins[3], end.width))
        }
    }
}
