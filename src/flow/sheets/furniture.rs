//! What is drawn beside the text: rules under paragraphs, the 版记's lines, page numbers.

use super::line::line_texts;
use super::{Image, Sheet, Stroke, Text, baseline};
use crate::flow::{Placed, Source, glyphs, para_text};
use crate::layout::{FontProfile, Layout, TWIPS_PER_PT};
use crate::typeset::{Align, EndBlock, Galley, LetterHead, PageSetup, Para, Role, SealMark};

/// The rule under `para`, below its last line `p` (whose top is `top` twips down the page) in
/// a column `left` twips from the edge and `width` wide.
pub(super) fn rule_under(
    para: &Para,
    p: &Placed,
    top: f64,
    (left, width): (f64, i32),
) -> Option<Stroke> {
    let rule = para.rule_below?;
    let last = matches!(p.source, Source::Para(_)) && p.line.end >= para_text(para).len();
    let y = (top + f64::from(para.line_twips)) / TWIPS_PER_PT + rule.space_pt + rule.width_pt / 2.0;
    last.then(|| Stroke {
        x0: left / TWIPS_PER_PT,
        y0: y,
        x1: (left + f64::from(width)) / TWIPS_PER_PT,
        y1: y,
        width: rule.width_pt,
        color: rule.color,
    })
}

/// The seals' pictures over the 署名 whose line under them `p` begins, its top `top` twips
/// down the page: each centred where the galley puts it, as wide as the seal, its
/// proportions kept.
pub(super) fn seals_over<'g>(
    galley: &'g Galley<'_>,
    p: &'g Placed,
    top: f64,
) -> impl Iterator<Item = Image> + 'g {
    let here = move |seal: &&SealMark| p.source == Source::Para(seal.item) && p.line.start == 0;
    galley.seals.iter().filter(here).filter_map(move |seal| {
        let picture = seal.picture.clone()?;
        let width = f64::from(seal.diameter) / TWIPS_PER_PT;
        let height = picture.height_at(width);
        let centre_x = f64::from(seal.centre_x) / TWIPS_PER_PT;
        let centre_y = (top - f64::from(seal.centre_above)) / TWIPS_PER_PT;
        Some(Image {
            x: centre_x - width / 2.0,
            y: centre_y - height / 2.0,
            width,
            height,
            picture,
        })
    })
}

/// A 函's 版头 on its first page: the mark where the galley puts it, centred in the text
/// area's width, and the double lines.
pub(super) fn letter_head(
    head: &LetterHead,
    galley: &Galley<'_>,
    layout: &Layout,
    fonts: &FontProfile,
    sheet: &mut Sheet,
) {
    let setup = galley.pages.of(false);
    let top = f64::from(head.mark_top);
    let mark = lone_line(&head.mark, setup, (0, top), layout, fonts);
    sheet.texts.extend(mark);
    let (left, length) = head.rule_span;
    sheet
        .strokes
        .extend(head.rules.iter().map(|&(y, width)| Stroke {
            x0: left,
            y0: y,
            x1: left + length,
            y1: y,
            width,
            color: head.color,
        }));
}

/// The number at the foot of page `n`: `— n —`, on odd pages right, on even ones left.
pub(super) fn page_number(
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
        keep_lines: false,
        rule_below: None,
        right_tab: None,
        runs: vec![run],
    };
    if n.is_multiple_of(2) {
        (para.align, para.indent_left, para.indent_right) = (Align::Left, number.side, 0);
    }
    let top = f64::from(setup.height - setup.footer - number.line);
    lone_line(&para, setup, (n - 1, top), layout, fonts)
}

/// The characters of `para`'s first line set alone across the text area of `setup`, on page
/// `page` (from 0), the line's top `top` twips down the page: text outside the flow.
fn lone_line(
    para: &Para,
    setup: &PageSetup,
    (page, top): (usize, f64),
    layout: &Layout,
    fonts: &FontProfile,
) -> Vec<Text> {
    let width = setup.width - setup.margins[1] - setup.margins[3];
    let glyphs = glyphs(para, fonts);
    let Some(line) = crate::flow::lines(para, width, fonts).into_iter().next() else {
        return Vec::new();
    };
    let placed = Placed {
        page,
        landscape: setup.landscape,
        top: 0,
        source: Source::End(usize::MAX),
        line,
    };
    let column = (f64::from(setup.margins[3]), width);
    let baseline = baseline(top, para.line_twips, layout);
    line_texts(para, &glyphs, &placed, column, baseline, layout.black)
}

/// The 版记's lines: thick above its first row and below its last, thin between rows.
pub(super) fn end_rules(end: &EndBlock, placed: &[Placed], galley: &Galley<'_>, sheet: &mut Sheet) {
    let setup = galley.pages.of(false);
    let tops: Vec<i32> = (0..end.rows.len())
        .filter_map(|i| {
            placed
                .iter()
                .find(|p| p.source == Source::End(i))
                .map(|p| p.top)
        })
        .collect();
    let (Some(&first), Some(last_row), true) = (tops.first(), end.rows.last(), end.ruled) else {
        return;
    };
    let bottom =
        tops.last().copied().unwrap_or(first) + galley.defaults.line_twips * last_row.lines as i32;
    let y = |twips: i32| f64::from(setup.margins[0] + setup.grid_offset() + twips) / TWIPS_PER_PT;
    let line = |at: i32, rule: crate::typeset::Rule| Stroke {
        x0: f64::from(end.left) / TWIPS_PER_PT,
        y0: y(at),
        x1: f64::from(end.left + end.width) / TWIPS_PER_PT,
        y1: y(at),
        width: rule.width_pt,
        color: rule.color,
    };
    sheet.strokes.push(line(first, end.thick));
    for &top in tops.iter().skip(1) {
        sheet.strokes.push(line(top, end.thin));
    }
    sheet.strokes.push(line(bottom, end.thick));
}
