//! A page's content stream: its rules, its text glyph by glyph where the layout put each, and
//! its pictures.

use pdf_writer::types::TextRenderingMode;
use pdf_writer::{Content, Name, Str, TextStr};

use super::embed::Used;
use crate::flow::{Image, InsetPage, Stroke};

/// A bold face drawn from a regular one is outlined this thick, in ems: about the difference
/// in stem between the regular and bold weights of a CJK face.
const FAUX_BOLD_EM: f32 = 0.03;

/// A glyph placed: its subset by its place among the document's, its code there, where it
/// starts, pt from the left, and the character the copied text must read when the subset's
/// map says another.
pub struct Glyph {
    pub font: usize,
    pub id: u16,
    pub x: f32,
    pub actual: Option<char>,
}

/// One piece of text in one face.
pub struct Run {
    pub size: f32,
    pub color: &'static str,
    pub faux_bold: bool,
    /// Pt from the bottom.
    pub baseline: f32,
    pub glyphs: Vec<Glyph>,
}

/// The resource name of the document's `k`th font.
pub fn font_name(k: usize) -> String {
    format!("F{k}")
}

/// The resource name of a page's `k`th image.
pub fn image_name(k: usize) -> String {
    format!("Im{k}")
}

/// The resource name of a page's `k`th attached page.
pub fn inset_name(k: usize) -> String {
    format!("Pg{k}")
}

/// Draws a page `height` tall: the attached pages in their boxes, `strokes`, then `runs` in
/// `fonts`, then each image in its box.
pub fn page(
    height: f32,
    strokes: &[Stroke],
    runs: &[Run],
    fonts: &[Used],
    images: &[Image],
    insets: &[InsetPage],
) -> Vec<u8> {
    let mut c = Content::new();
    for (k, i) in insets.iter().enumerate() {
        // The XObject draws the page in its own size; scaled uniformly into the box.
        let (w, h) = (i.width as f32, i.height as f32);
        let scale = w / i
            .file
            .pages
            .get(i.page)
            .map_or(1.0, |p| p.0 as f32)
            .max(1.0);
        c.save_state()
            .transform([scale, 0.0, 0.0, scale, i.x as f32, height - i.y as f32 - h])
            .x_object(Name(inset_name(k).as_bytes()))
            .restore_state();
    }
    for s in strokes {
        let (r, g, b) = rgb(s.color);
        c.set_stroke_rgb(r, g, b).set_line_width(s.width as f32);
        c.move_to(s.x0 as f32, height - s.y0 as f32)
            .line_to(s.x1 as f32, height - s.y1 as f32)
            .stroke();
    }
    for run in runs {
        text(&mut c, run, &|font, id| fonts[font].width(id));
    }
    for (k, i) in images.iter().enumerate() {
        let (w, h) = (i.width as f32, i.height as f32);
        c.save_state()
            .transform([w, 0.0, 0.0, h, i.x as f32, height - i.y as f32 - h])
            .x_object(Name(image_name(k).as_bytes()))
            .restore_state();
    }
    c.finish().into_vec()
}

/// A glyph's advance in thousandths of an em, by its subset and code.
type Widths<'a> = &'a dyn Fn(usize, u16) -> f32;

/// `run`'s glyphs in as few text-showing operators as keep each where the layout put it.
fn text(c: &mut Content, run: &Run, widths: Widths<'_>) {
    let (r, g, b) = rgb(run.color);
    c.set_fill_rgb(r, g, b).begin_text();
    if run.faux_bold {
        c.set_stroke_rgb(r, g, b)
            .set_line_width(run.size * FAUX_BOLD_EM)
            .set_text_rendering_mode(TextRenderingMode::FillStroke);
    }
    let mut font = None;
    let mut k = 0;
    while k < run.glyphs.len() {
        let glyph = &run.glyphs[k];
        if font != Some(glyph.font) {
            c.set_font(Name(font_name(glyph.font).as_bytes()), run.size);
            font = Some(glyph.font);
        }
        c.set_text_matrix([1.0, 0.0, 0.0, 1.0, glyph.x, run.baseline]);
        let end = match glyph.actual {
            Some(actual) => {
                c.begin_marked_content_with_properties(Name(b"Span"))
                    .properties()
                    .actual_text(TextStr(&actual.to_string()));
                c.show(Str(&glyph.id.to_be_bytes())).end_marked_content();
                k + 1
            }
            None => {
                let same = run.glyphs[k..]
                    .iter()
                    .position(|g| g.actual.is_some() || g.font != glyph.font);
                let end = same.map_or(run.glyphs.len(), |n| k + n);
                shown(c, &run.glyphs[k..end], run.size, widths);
                end
            }
        };
        k = end;
    }
    if run.faux_bold {
        c.set_text_rendering_mode(TextRenderingMode::Fill);
    }
    c.end_text();
}

/// `glyphs`, all in one subset, in one operator, each moved from where its predecessor's
/// advance leaves it to where the layout put it.
fn shown(c: &mut Content, glyphs: &[Glyph], size: f32, widths: Widths<'_>) {
    let mut show = c.show_positioned();
    let mut items = show.items();
    let mut codes = Vec::new();
    for (glyph, next) in glyphs
        .iter()
        .zip(glyphs.iter().skip(1).map(Some).chain([None]))
    {
        codes.extend(glyph.id.to_be_bytes());
        let Some(next) = next else { continue };
        let adjust = widths(glyph.font, glyph.id) - (next.x - glyph.x) * 1000.0 / size;
        if adjust.abs() > 0.001 {
            items.show(Str(&codes));
            items.adjust(adjust);
            codes.clear();
        }
    }
    if !codes.is_empty() {
        items.show(Str(&codes));
    }
}

/// An `RRGGBB` colour as PDF's fractions; black where it is not one.
fn rgb(hex: &str) -> (f32, f32, f32) {
    let byte = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .map_or(0.0, |b| f32::from(b) / 255.0)
    };
    (byte(0), byte(2), byte(4))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(font: usize, id: u16, x: f32, actual: Option<char>) -> Glyph {
        Glyph {
            font,
            id,
            x,
            actual,
        }
    }

    fn drawn(run: &Run) -> String {
        let mut c = Content::new();
        text(&mut c, run, &|_, _| 1000.0);
        String::from_utf8_lossy(&c.finish().into_vec()).into_owned()
    }

    #[test]
    fn glyphs_at_their_advance_share_an_operator_and_others_are_moved() {
        let run = Run {
            size: 16.0,
            color: "000000",
            faux_bold: false,
            baseline: 700.0,
            glyphs: vec![
                glyph(0, 1, 100.0, None),
                glyph(0, 2, 116.0, None),
                glyph(0, 3, 140.0, None),
            ],
        };
        let ops = drawn(&run);
        assert!(ops.contains("1 0 0 1 100 700 Tm"), "{ops}");
        // 8 pt more than the advance: −500 thousandths of 16 pt.
        assert!(
            ops.contains(r"[(\000\001\000\002) -500 (\000\003)] TJ"),
            "{ops}"
        );
        assert!(!ops.contains("Tr"), "{ops}");
    }

    #[test]
    fn a_bold_the_font_lacks_is_outlined_and_a_subset_change_resets_the_font() {
        let run = Run {
            size: 16.0,
            color: "CC0000",
            faux_bold: true,
            baseline: 700.0,
            glyphs: vec![
                glyph(0, 1, 100.0, None),
                glyph(1, 1, 116.0, None),
                glyph(1, 2, 132.0, Some('兀')),
            ],
        };
        let ops = drawn(&run);
        assert!(
            ops.contains("0.8 0 0 RG"),
            "stroked in the text's colour: {ops}"
        );
        assert!(ops.contains("0.48 w") && ops.contains("2 Tr"), "{ops}");
        assert!(
            ops.contains("/F0 16 Tf") && ops.contains("/F1 16 Tf"),
            "{ops}"
        );
        assert!(ops.contains("1 0 0 1 116 700 Tm"), "{ops}");
        assert!(ops.contains("/ActualText"), "the third copies as 兀: {ops}");
        assert!(ops.contains("\n0 Tr\nET"), "filled only after it: {ops}");
    }
}
