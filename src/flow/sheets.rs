//! Pages as drawings: every placed line turned into characters at their positions and every
//! rule into a stroke, in points from the page's top left corner, for the PDF and SVG writers.
//! A line sits where LibreOffice sets it: its baseline `fixed_line_ascent` of its exact
//! height down, justified lines spreading their slack between the characters.

use std::collections::HashMap;
use std::io;

use super::{Glyph, Placed, Source, glyphs, para_text};
use crate::layout::{Face, FontProfile, Layout, TWIPS_PER_PT, twips_to_pt};
use crate::typeset::{Align, EndBlock, Galley, Item, Para, Role, TableBlock};

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

/// A horizontal line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// From, pt from the left.
    pub x0: f64,
    /// To.
    pub x1: f64,
    /// Its middle, pt from the top.
    pub y: f64,
    /// Thickness, pt.
    pub width: f64,
    /// RRGGBB.
    pub color: &'static str,
}

/// The pages of `galley` as `placed` lays them out.
pub fn sheets(
    galley: &Galley<'_>,
    placed: &[Placed],
    layout: &Layout,
    fonts: &FontProfile,
) -> io::Result<Vec<Sheet>> {
    let rows = table_rows(galley)?;
    let mut out: Vec<Sheet> = Vec::new();
    let mut paras: HashMap<Source, Vec<Glyph>> = HashMap::new();
    for p in placed {
        let setup = galley.pages.of(p.landscape);
        while out.len() <= p.page {
            out.push(Sheet {
                width: twips_to_pt(setup.width),
                height: twips_to_pt(setup.height),
                texts: Vec::new(),
                strokes: Vec::new(),
            });
        }
        let (Some((para, left, width)), Some(sheet)) =
            (frame(galley, &rows, p), out.get_mut(p.page))
        else {
            continue;
        };
        let top = f64::from(setup.margins[0] + setup.grid_offset() + p.top);
        let glyphs = paras
            .entry(p.source)
            .or_insert_with(|| glyphs(&para, fonts));
        let column = (f64::from(setup.margins[3] + left), width);
        let baseline = baseline(top, para.line_twips, layout);
        sheet
            .texts
            .extend(line_texts(&para, glyphs, p, column, baseline, layout.black));
        sheet.strokes.extend(rule_under(&para, p, top, column));
    }
    if let (Some(end), Some(sheet)) = (&galley.end_block, out.last_mut()) {
        end_rules(end, placed, galley, sheet);
    }
    for (n, sheet) in out.iter_mut().enumerate() {
        let landscape = sheet.width > sheet.height;
        sheet
            .texts
            .extend(page_number(galley, n + 1, landscape, layout, fonts));
    }
    Ok(out)
}

/// The rule under `para`, below its last line `p` (whose top is `top` twips down the page) in
/// a column `left` twips from the edge and `width` wide.
fn rule_under(para: &Para, p: &Placed, top: f64, (left, width): (f64, i32)) -> Option<Stroke> {
    let rule = para.rule_below?;
    let last = matches!(p.source, Source::Para(_)) && p.line.end >= para_text(para).len();
    last.then(|| Stroke {
        x0: left / TWIPS_PER_PT,
        x1: (left + f64::from(width)) / TWIPS_PER_PT,
        y: (top + f64::from(para.line_twips)) / TWIPS_PER_PT + rule.space_pt + rule.width_pt / 2.0,
        width: rule.width_pt,
        color: rule.color,
    })
}

/// The number at the foot of page `n`: `— n —`, on odd pages right, on even ones left.
fn page_number(
    galley: &Galley<'_>,
    n: usize,
    landscape: bool,
    layout: &Layout,
    fonts: &FontProfile,
) -> Vec<Text> {
    let number = &galley.page_number;
    let setup = galley.pages.of(landscape);
    let mut run = number.run.clone();
    run.text = format!("{0} {n} {0}", number.dash);
    let mut para = Para {
        role: Role::Text,
        align: Align::Right,
        indent_left: 0,
        indent_right: number.side,
        first_line: 0,
        line_twips: number.line,
        space_before: 0,
        space_after: 0,
        page_break_before: false,
        keep_next: false,
        rule_below: None,
        right_tab: None,
        runs: vec![run],
    };
    if n.is_multiple_of(2) {
        (para.align, para.indent_left, para.indent_right) = (Align::Left, number.side, 0);
    }
    let width = setup.width - setup.margins[1] - setup.margins[3];
    let glyphs = glyphs(&para, fonts);
    let Some(line) = super::lines(&para, width, fonts).into_iter().next() else {
        return Vec::new();
    };
    let top = f64::from(setup.height - setup.footer - number.line);
    let baseline = baseline(top, number.line, layout);
    let placed = Placed {
        page: n - 1,
        landscape,
        top: 0,
        source: Source::End(usize::MAX),
        line,
    };
    let column = (f64::from(setup.margins[3]), width);
    line_texts(&para, &glyphs, &placed, column, baseline, layout.black)
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
            Item::Table(t) => cell(t, rows.get(&i), row, column),
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

/// A cell's paragraph, the left edge of its text and its width, twips.
fn cell(
    t: &TableBlock<'_>,
    rows: Option<&Vec<Vec<String>>>,
    row: Option<usize>,
    column: usize,
) -> Option<(Para, i32, i32)> {
    let left: i32 = t.widths.get(..column)?.iter().sum::<i32>() + t.cell_margin;
    let width = t.widths.get(column)? - 2 * t.cell_margin;
    let para = match row {
        None => t.header.get(column)?.clone(),
        Some(r) => {
            let text = rows?.get(r)?.get(column)?;
            let mut p = t.body.get(column)?.clone();
            for run in &mut p.runs {
                run.text.clone_from(text);
            }
            p
        }
    };
    Some((para, left, width))
}

/// Each table's body rows, by the table's index: each cell's text.
fn table_rows(galley: &Galley<'_>) -> io::Result<HashMap<usize, Vec<Vec<String>>>> {
    let mut out = HashMap::new();
    for (i, item) in galley.items.iter().enumerate() {
        if let Item::Table(t) = item {
            let mut rows = Vec::new();
            t.rows.each(&mut |cells| {
                rows.push(cells.iter().map(|c| c.text.clone()).collect());
                Ok(())
            })?;
            out.insert(i, rows);
        }
    }
    Ok(out)
}

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
fn line_texts(
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

/// The 版记's lines: thick above its first row and below its last, thin between rows.
fn end_rules(end: &EndBlock, placed: &[Placed], galley: &Galley<'_>, sheet: &mut Sheet) {
    let setup = galley.pages.of(false);
    let tops: Vec<i32> = (0..end.rows.len())
        .filter_map(|i| {
            placed
                .iter()
                .find(|p| p.source == Source::End(i))
                .map(|p| p.top)
        })
        .collect();
    let (Some(&first), Some(last_row)) = (tops.first(), end.rows.last()) else {
        return;
    };
    let bottom =
        tops.last().copied().unwrap_or(first) + galley.defaults.line_twips * last_row.lines as i32;
    let y = |twips: i32| f64::from(setup.margins[0] + twips) / 20.0;
    let line = |at: i32, rule: crate::typeset::Rule| Stroke {
        x0: f64::from(end.left) / 20.0,
        x1: f64::from(end.left + end.width) / 20.0,
        y: y(at),
        width: rule.width_pt,
        color: rule.color,
    };
    sheet.strokes.push(line(first, end.thick));
    for &top in tops.iter().skip(1) {
        sheet.strokes.push(line(top, end.thin));
    }
    sheet.strokes.push(line(bottom, end.thick));
}
