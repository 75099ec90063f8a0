//! The body's text: 3号仿宋 (5.2.2, 7.3.3) and black (5.2.4). A heading's own words are the
//! heading check's, and a line of its own wholly in a heading's face (黑体, 楷体) is a heading
//! without a number (`第一阶段：排查摸底`); a 纪要's attendance labels are 黑体 (10.3); tables
//! are left to their own layout (8).

use super::Finding;
use super::place::grouped;
use super::structure::{Part, Structure, has_text};
use crate::layout::{ATTENDANCE_LABELS, Layout, TOLERANCES, sets_face, sized};
use crate::read::finished::{Document, Paragraph, Run};

/// The body text findings of `doc`.
pub(super) fn check(doc: &Document, s: &Structure, l: &Layout) -> Vec<Finding> {
    let mut faces = Vec::new();
    let mut colours = Vec::new();
    for part in &s.parts {
        for (p, runs) in body_runs(doc, part) {
            let heading = unnumbered_heading(&runs, l);
            let face = runs.iter().find_map(|r| face_deviation(r, l, heading));
            faces.push((p, face));
            colours.push((p, runs.iter().find_map(|r| colour_deviation(r, l))));
        }
    }
    let mut out = grouped(faces, "5.2.2");
    out.extend(grouped(colours, "5.2.4"));
    out
}

/// The body's paragraphs with text, each with its runs of body text.
fn body_runs<'d>(doc: &'d Document, part: &Part) -> Vec<(&'d Paragraph, Vec<&'d Run>)> {
    let heading_runs = |i: usize| {
        let at = part.headings.binary_search_by_key(&i, |h| h.paragraph);
        at.ok()
            .and_then(|n| part.headings.get(n))
            .map_or(0, |h| h.runs)
    };
    (part.body.iter())
        .filter_map(|&i| Some((doc.paragraphs.get(i)?, heading_runs(i))))
        .filter(|(p, _)| has_text(p))
        .map(|(p, skip)| {
            let runs = p.runs.iter().skip(skip);
            let runs = runs.filter(|r| !r.text.trim().is_empty());
            (p, runs.filter(|r| !is_attendance_label(p, r)).collect())
        })
        .collect()
}

/// Whether `r` is a 纪要's attendance label (`出席：`) opening `p`.
fn is_attendance_label(p: &Paragraph, r: &Run) -> bool {
    let label = r.text.trim().trim_end_matches(['：', ':']);
    ATTENDANCE_LABELS.contains(&label) && p.text.trim_start().starts_with(r.text.trim())
}

/// Whether `runs` (a paragraph's) are a heading without a number: one line, all in one of
/// the headings' faces other than the body's.
fn unnumbered_heading(runs: &[&Run], l: &Layout) -> bool {
    let chars: usize = runs.iter().map(|r| r.text.trim().chars().count()).sum();
    let faces = l.faces.headings.map(|(f, _)| f);
    let heading_face = |r: &&Run| {
        (faces.iter()).any(|&f| f != l.faces.body.0 && sets_face(&r.east_asia_font, r.bold, f))
    };
    let first = runs.first().map(|r| r.east_asia_font.as_str());
    chars <= l.chars_per_line as usize
        && runs
            .iter()
            .all(|r| Some(r.east_asia_font.as_str()) == first)
        && runs.first().is_some_and(heading_face)
}

/// What is wrong with `r`'s face or size as body text (its face may be a heading's in a
/// `heading` without a number).
fn face_deviation(r: &Run, l: &Layout, heading: bool) -> Option<String> {
    let face = l.faces.body.0;
    // Latin letters and digits are set in the Latin font; the East Asian one shows only
    // where the run has Chinese text.
    let chinese = !r.text.is_ascii() && !heading;
    let face_ok = !chinese || sets_face(&r.east_asia_font, r.bold, face);
    let size_ok = (r.size_pt - l.body_pt).abs() <= TOLERANCES.size_pt;
    if face_ok && size_ok {
        return None;
    }
    let font = match r.east_asia_font.as_str() {
        "" => "（未指定中文字体）",
        f => f,
    };
    Some(format!(
        "正文为{}，应为{}",
        sized(r.size_pt, font),
        sized(l.body_pt, face.name())
    ))
}

/// What is wrong with `r`'s colour: text is black.
fn colour_deviation(r: &Run, l: &Layout) -> Option<String> {
    let c = r.color.as_deref()?;
    (!c.eq_ignore_ascii_case(l.black)).then(|| format!("正文文字为彩色（{c}），应为黑色"))
}
