//! Page numbers (7.5): on every page with text, 4号 宋体 half-width digits with a 一字线 either
//! side (`— 1 —`), odd pages' on the right and even pages' on the left, each 1 character in.
//! A section holding only the 版记 (and the blank page before it) has none; a 函's first page
//! has none (10.1), so first-page footers are not checked.

use std::collections::BTreeSet;

use super::Finding;
use super::structure::{Structure, has_text};
use crate::layout::{Layout, TOLERANCES, sets_face, sized};
use crate::read::finished::{Align, Document, Footer, Paragraph, Run};

/// The page number findings of `doc`.
pub(super) fn check(doc: &Document, s: &Structure, l: &Layout) -> Vec<Finding> {
    let with_text: BTreeSet<usize> = (doc.paragraphs.iter().enumerate())
        .filter(|(i, p)| has_text(p) && s.end_block.binary_search(i).is_err())
        .map(|(_, p)| p.section)
        .collect();
    let mut out = Vec::new();
    let mut checked = BTreeSet::new();
    for n in with_text {
        let Some(section) = doc.sections.get(n) else {
            continue;
        };
        let mut sides = vec![(section.footer_odd, false)];
        if doc.even_and_odd_footers {
            sides.push((section.footer_even, true));
        }
        for (footer, even) in sides {
            let place = place(doc, n, footer, even);
            let found = match footer.and_then(|f| doc.footers.get(f)) {
                Some(f) if !checked.insert((f.part.clone(), even)) => continue,
                Some(f) => form(f, even, l),
                None => vec!["没有页码".to_string()],
            };
            out.extend(found.into_iter().map(|message| Finding {
                place: place.clone(),
                message,
                clause: "7.5",
            }));
        }
    }
    let one_page = doc.pages_known && doc.paragraphs.iter().all(|p| p.page == Some(1));
    let numbered = doc.footers.iter().any(has_number);
    if !doc.even_and_odd_footers && numbered && !one_page {
        out.push(Finding {
            place: "页脚".to_string(),
            message: "单双页页脚相同（未设“奇偶页不同”）：双页码应居左空一字".to_string(),
            clause: "7.5",
        });
    }
    out
}

/// `单页页码（第 2 节，页脚 footer3.xml）`.
fn place(doc: &Document, n: usize, footer: Option<usize>, even: bool) -> String {
    let side = if even { "双页页码" } else { "单页页码" };
    let section = if doc.sections.len() > 1 {
        format!("第 {} 节", n + 1)
    } else {
        String::new()
    };
    let part = footer
        .and_then(|f| doc.footers.get(f))
        .map(|f| f.part.rsplit('/').next().unwrap_or("").to_string());
    let inside: Vec<String> = [
        section,
        part.map(|p| format!("页脚 {p}")).unwrap_or_default(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    match inside.is_empty() {
        true => side.to_string(),
        false => format!("{side}（{}）", inside.join("，")),
    }
}

/// Whether footer `f` holds a page number.
pub(super) fn has_number(f: &Footer) -> bool {
    f.paragraphs.iter().any(is_numbered)
}

fn is_numbered(p: &Paragraph) -> bool {
    p.runs.iter().any(is_page)
}

/// Whether `r` is a page number: the result of a `PAGE` field.
fn is_page(r: &Run) -> bool {
    r.field.as_deref().and_then(|f| f.split(' ').next()) == Some("PAGE")
}

/// What is wrong with the page number in footer `f` (of even pages when `even`).
fn form(f: &Footer, even: bool, l: &Layout) -> Vec<String> {
    let numbered = f.paragraphs.iter().find(|p| is_numbered(p));
    let Some(p) = numbered else {
        return vec!["没有页码".to_string()];
    };
    let mut out = Vec::new();
    let field = p.runs.iter().position(is_page).unwrap_or(0);
    let text = |runs: &[Run]| -> String {
        runs.iter()
            .filter(|r| r.field.is_none())
            .map(|r| r.text.as_str())
            .collect()
    };
    let before = text(p.runs.get(..field).unwrap_or_default());
    let after = text(p.runs.get(field..).unwrap_or_default());
    let dash = l.page_number_dash;
    if before.trim() != dash || after.trim() != dash {
        out.push(format!(
            "页码写作「{}」，应为「{dash} 1 {dash}」：数字左右各放一条一字线",
            p.text.trim()
        ));
    }
    out.extend(digits(p));
    out.extend(run_deviation(p, l));
    out.extend(position(p, even, l));
    out
}

/// What is wrong with the number's digits: half-width Arabic, not `１` (`\* DBCHAR`), `一`
/// (`\* CHINESENUM3`) or `I` (`\* ROMAN`).
fn digits(p: &Paragraph) -> Option<String> {
    let number = p.runs.iter().find(|r| is_page(r))?;
    let switch = number
        .field
        .as_deref()
        .unwrap_or("")
        .split(' ')
        .skip(1)
        .find(|w| !matches!(*w, "\\*" | "MERGEFORMAT" | "CHARFORMAT" | "ARABIC"));
    let arabic = number.text.trim().chars().all(|c| c.is_ascii_digit());
    (switch.is_some() || !arabic).then(|| {
        let how = switch.map(|w| format!("，域格式 {w}")).unwrap_or_default();
        format!("页码「{}」不是半角阿拉伯数字{how}", number.text.trim())
    })
}

/// What is wrong with the page number's size or face.
fn run_deviation(p: &Paragraph, l: &Layout) -> Option<String> {
    let (face, _) = l.faces.page_number;
    let runs = p.runs.iter().filter(|r| !r.text.trim().is_empty());
    for r in runs {
        let size_ok = (r.size_pt - l.page_number_pt).abs() <= TOLERANCES.size_pt;
        let face_ok = r.text.is_ascii() || sets_face(&r.east_asia_font, r.bold, face);
        if !size_ok || !face_ok {
            return Some(format!(
                "页码为{}，应为{}",
                sized(r.size_pt, &r.east_asia_font),
                sized(l.page_number_pt, face.name())
            ));
        }
    }
    None
}

/// What is wrong with where the page number stands: odd pages' flush right and even pages'
/// flush left, each 1 character in (by an indent, or a full-width space).
fn position(p: &Paragraph, even: bool, l: &Layout) -> Option<String> {
    let char_twips = l.page_number_pt * 20.0;
    let side = l.page_number_side_chars;
    let (align, indent, space, name) = if even {
        (
            Align::Left,
            p.indent_left,
            p.text.starts_with('　'),
            "双页码应居左空一字",
        )
    } else {
        (
            Align::Right,
            p.indent_right,
            p.text.ends_with('　'),
            "单页码应居右空一字",
        )
    };
    let chars = f64::from(indent) / char_twips + if space { 1.0 } else { 0.0 };
    if p.align == align && (chars - side).abs() <= TOLERANCES.chars {
        return None;
    }
    let shown = match p.align {
        Align::Left => "居左",
        Align::Center => "居中",
        Align::Right => "居右",
        Align::Both | Align::Distribute => "两端对齐",
    };
    Some(format!("{name}（现为{shown}，空 {chars:.1} 字）"))
}
