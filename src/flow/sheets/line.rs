//! A line's characters at their places: indented, aligned or justified as LibreOffice
//! spreads a line, a tab's text ending at its stop.

use super::Text;
use crate::flow::{Glyph, Placed};
use crate::layout::TWIPS_PER_PT;
use crate::typeset::{Align, Para};

/// How a line's characters spread over its measure: where the first starts, twips from the
/// measure's left, and what each stretchable gap gains.
struct Spread {
    start: f64,
    gain: f64,
    /// Whether the gap after each character stretches.
    stretchy: Vec<bool>,
}

/// How `held`, the characters of placed line `p` of `para`, spread over `room` twips.
fn spread(para: &Para, glyphs: &[Glyph], held: &[&Glyph], p: &Placed, room: f64) -> Spread {
    let ends_paragraph = glyphs
        .iter()
        .find(|g| g.at >= p.line.end)
        .is_none_or(|g| g.c == '\n');
    let slack = room - p.line.width_twips;
    // LibreOffice spreads a justified line's slack over the gaps beside Chinese characters
    // and after spaces, never inside a Latin word.
    let stretchy: Vec<bool> = held
        .iter()
        .zip(held.iter().skip(1))
        .map(|(a, b)| !a.latin || !b.latin || a.c.is_whitespace())
        .collect();
    let gaps = stretchy.iter().filter(|&&s| s).count().max(1) as f64;
    let (start, gain) = match para.align {
        Align::Both if !ends_paragraph => (0.0, slack / gaps),
        Align::Distribute => (0.0, slack / gaps),
        Align::Center => (slack / 2.0, 0.0),
        Align::Right => (slack, 0.0),
        _ => (0.0, 0.0),
    };
    Spread {
        start,
        gain,
        stretchy,
    }
}

/// The characters of placed line `p` of `para` (its `glyphs`) in a column `left` twips from
/// the page's edge and `width` wide, grouped by run and script.
pub(super) fn line_texts(
    para: &Para,
    glyphs: &[Glyph],
    p: &Placed,
    (left, width): (f64, i32),
    baseline: f64,
    black: &'static str,
) -> Vec<Text> {
    let first = p.line.start == 0;
    let indent = para.indent_left + if first { para.first_line } else { 0 };
    let room = f64::from(width - para.indent_right) - f64::from(indent);
    let mut held: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| g.at >= p.line.start && g.at < p.line.end)
        .collect();
    let shown = held.iter().rposition(|g| !g.c.is_whitespace());
    held.truncate(shown.map_or(0, |i| i + 1));
    let spread = spread(para, glyphs, &held, p, room);
    let mut pen = left + f64::from(indent) + spread.start;
    let mut texts: Vec<Text> = Vec::new();
    for (k, g) in held.iter().enumerate() {
        if g.c == '\t' {
            // What follows a tab ends at the tab stop.
            let rest = held.get(k + 1..).unwrap_or_default();
            let rest_width: f64 = rest.iter().map(|g| g.advance).sum::<f64>()
                - rest.last().map_or(0.0, |g| g.trailing);
            pen = left + f64::from(para.right_tab.unwrap_or(width)) - rest_width;
            continue;
        }
        // Spaces are drawn too, so that the text copies as it was written.
        if let Some(run) = para.runs.get(g.run).filter(|_| !g.c.is_control()) {
            let color = run.color.unwrap_or(black);
            let same = texts.last().is_some_and(|t| {
                (t.latin, t.face, t.bold, t.color) == (g.latin, run.face, run.bold, color)
                    && t.size == run.size_pt
            });
            if !same {
                texts.push(Text {
                    face: run.face,
                    latin: g.latin,
                    bold: run.bold,
                    size: run.size_pt,
                    color,
                    baseline,
                    chars: Vec::new(),
                });
            }
            if let Some(t) = texts.last_mut() {
                t.chars.push((g.c, pen / TWIPS_PER_PT));
            }
        }
        let stretches = spread.stretchy.get(k).copied().unwrap_or(false);
        pen += g.advance + if stretches { spread.gain } else { 0.0 };
    }
    texts
}
