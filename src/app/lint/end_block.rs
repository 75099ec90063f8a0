//! The 版记's rules (7.4.1): a rule above its first line, between its lines and below its
//! last, as wide as the text area; the first and last thick (0.35 mm recommended), those
//! between thin (0.25 mm), a rule nearer the thick counting as thick; a floating 版记 floated
//! to the text area's foot; on an even page where the document records its pages. Rules
//! drawn as shapes are not measured. A 函 (10.1: its first page unnumbered, its 版记 without
//! 印发 line) has no rules.

use super::Finding;
use super::place::{at, paragraph};
use super::structure::Structure;
use crate::layout::{EndPlace, Layout, TOLERANCES, end_block_message, twips_to_mm};
use crate::read::finished::{Border, Document, Paragraph, Table};

/// The 版记 findings of `doc`.
pub(super) fn check(doc: &Document, s: &Structure, l: &Layout) -> Vec<Finding> {
    let lines: Vec<&Paragraph> = (s.end_block.iter())
        .filter_map(|&i| doc.paragraphs.get(i))
        .collect();
    let Some(first) = lines.first() else {
        return Vec::new();
    };
    if is_letter(doc, &lines) {
        return Vec::new();
    }
    let finding = |message: String| at(first, message, "7.4.1");
    let table = first.cell.and_then(|c| doc.tables.get(c.table));
    let (rules, width) = match table {
        Some(t) => (table_rules(t), t.width),
        None => paragraph_rules(doc, s),
    };
    let mut out = Vec::new();
    let drawn = rules.iter().all(Option::is_none) && near_drawing(doc, s);
    if !drawn {
        out.extend(weights(&rules, l).into_iter().map(finding));
    }
    if let Some(w) = width.filter(|_| rules.iter().any(Option::is_some)) {
        let want = l.text_width_twips();
        if (twips_to_mm(w) - twips_to_mm(want)).abs() > TOLERANCES.size_mm {
            out.push(finding(format!(
                "版记分隔线长 {:.1} mm，应与版心等宽（{:.1} mm）",
                twips_to_mm(w),
                twips_to_mm(want)
            )));
        }
    }
    if let Some(m) = table.and_then(foot) {
        out.push(finding(m));
    }
    if let Some(page) = lines.last().and_then(|p| p.page).filter(|n| n % 2 == 1) {
        out.push(Finding {
            place: paragraph(first),
            message: end_block_message(page as usize, EndPlace::Odd),
            clause: "7.4.1",
        });
    }
    out
}

/// Whether the document is a 函 (10.1): its first page has no number and its 版记 no 印发
/// line.
fn is_letter(doc: &Document, lines: &[&Paragraph]) -> bool {
    let issued = lines
        .iter()
        .any(|p| super::structure::issued(&p.text).is_some());
    let Some(first) = doc.sections.first().filter(|s| s.title_page) else {
        return false;
    };
    let first_page = first.footer_first.and_then(|f| doc.footers.get(f));
    let numbered = first_page.is_some_and(super::page_number::has_number);
    !issued && !numbered
}

/// What is wrong with where a floating table set the 版记: its last rule must lie on the
/// text area's foot. Where a table in the text's flow ends on its page is the layout's to
/// say, not the file's, so it is not judged.
fn foot(t: &Table) -> Option<String> {
    let f = t.float.as_ref()?;
    let at_foot = f.vertical_anchor == "margin" && f.vertical_spec.as_deref() == Some("bottom");
    (!at_foot).then(|| "版记没有固定在版心下边缘：末条分隔线应与版心下边缘重合".to_string())
}

/// The rules of a table holding the 版记: above each row and below the last (the heavier
/// of two cells' borders where they meet).
fn table_rules(t: &Table) -> Vec<Option<Border>> {
    let first = |row: &Vec<_>| row.first().cloned().unwrap_or_default();
    let cells: Vec<crate::read::finished::Cell> = t.rows.iter().map(first).collect();
    let mut rules = Vec::new();
    for k in 0..=cells.len() {
        let above = k
            .checked_sub(1)
            .and_then(|a| cells.get(a))
            .and_then(|c| c.bottom.clone());
        let below = cells.get(k).and_then(|c| c.top.clone());
        rules.push(heavier(above, below));
    }
    rules
}

/// The rules of a 版记 set as paragraphs: their borders, above the first and below each
/// (or above the next); their width the text area's less the paragraphs' indents.
fn paragraph_rules(doc: &Document, s: &Structure) -> (Vec<Option<Border>>, Option<i32>) {
    let p = |i: usize| doc.paragraphs.get(i);
    let mut rules = Vec::new();
    let first = s.end_block.first().copied().unwrap_or(0);
    let before = first
        .checked_sub(1)
        .and_then(p)
        .and_then(|b| b.border_bottom.clone());
    rules.push(heavier(before, p(first).and_then(|f| f.border_top.clone())));
    for (k, &i) in s.end_block.iter().enumerate() {
        let next = s.end_block.get(k + 1).copied().unwrap_or(i + 1);
        let below = p(i).and_then(|b| b.border_bottom.clone());
        rules.push(heavier(below, p(next).and_then(|n| n.border_top.clone())));
    }
    let section = p(first).and_then(|f| doc.sections.get(f.section));
    let text_width = section.map(|s| {
        s.width
            .saturating_sub(s.margins[1])
            .saturating_sub(s.margins[3])
    });
    let indents = p(first).map_or(0, |f| f.indent_left.saturating_add(f.indent_right));
    (rules, text_width.map(|w| w.saturating_sub(indents)))
}

/// The heavier of two borders meeting.
fn heavier(a: Option<Border>, b: Option<Border>) -> Option<Border> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.eighths > a.eighths { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// What is wrong with the rules' presence and weights.
fn weights(rules: &[Option<Border>], l: &Layout) -> Vec<String> {
    let thick_from = (l.end_block_thick_mm + l.end_block_thin_mm) / 2.0;
    let mm = |b: &Border| f64::from(b.eighths) / 8.0 * 25.4 / 72.0;
    let last = rules.len().saturating_sub(1);
    let mut out = Vec::new();
    for (k, rule) in rules.iter().enumerate() {
        let outer = k == 0 || k == last;
        let which = match k {
            0 => "首条分隔线".to_string(),
            k if k == last => "末条分隔线".to_string(),
            k => format!("第 {} 条分隔线", k + 1),
        };
        let Some(b) = rule else {
            out.push(format!("版记缺少{which}"));
            continue;
        };
        match (outer, mm(b) >= thick_from) {
            (true, false) => out.push(format!(
                "{which}粗 {:.2} mm，应为粗线（推荐 {} mm）",
                mm(b),
                l.end_block_thick_mm
            )),
            (false, true) => out.push(format!(
                "{which}粗 {:.2} mm，中间的分隔线应为细线（推荐 {} mm）",
                mm(b),
                l.end_block_thin_mm
            )),
            _ => {}
        }
    }
    out
}

/// Whether the 版记's lines or the paragraphs around them hold drawings: rules drawn as
/// shapes, which this check does not measure.
fn near_drawing(doc: &Document, s: &Structure) -> bool {
    let (Some(&first), Some(&last)) = (s.end_block.first(), s.end_block.last()) else {
        return false;
    };
    let around = first.saturating_sub(2)..last.saturating_add(3).min(doc.paragraphs.len());
    doc.paragraphs
        .get(around)
        .is_some_and(|ps| ps.iter().any(|p| p.drawing))
}
