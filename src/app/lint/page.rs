//! The page of each section: A4 (5.1), 天头 and 订口 within the standard's ±1 mm and the text
//! area 156 × 225 mm (5.2.1). A landscape section (a wide table's) is the portrait page
//! turned, either way.

use super::Finding;
use crate::layout::{Layout, TOLERANCES, twips_to_mm};
use crate::read::finished::{Document, Section};
use crate::typeset::{PageSetup, pages};

/// The page findings of `doc`.
pub(super) fn check(doc: &Document, l: &Layout) -> Vec<Finding> {
    let setups = pages(l);
    let mut out = Vec::new();
    for (n, s) in doc.sections.iter().enumerate() {
        let landscape = s.width > s.height;
        let expected = setups.of(landscape);
        let place = place(doc, n, s);
        let finding = |message: String, clause| Finding {
            place: place.clone(),
            message,
            clause,
        };
        // On a page of the wrong size the text area is wrong with it: the size says it.
        if let Some(m) = size(s, expected) {
            out.push(finding(m, "5.1"));
            continue;
        }
        let found = margins(s, expected, &setups.portrait);
        out.extend(found.into_iter().map(|m| finding(m, "5.2.1")));
    }
    out
}

/// `第 2 节（第 18 至 244 段）`, or `页面设置` for a document of one section.
fn place(doc: &Document, n: usize, s: &Section) -> String {
    if doc.sections.len() == 1 {
        return "页面设置".to_string();
    }
    let range = &s.paragraphs;
    format!(
        "第 {} 节（第 {} 至 {} 段）",
        n + 1,
        range.start + 1,
        range.end.max(range.start + 1)
    )
}

fn mm(twips: i32) -> String {
    format!("{:.1}", twips_to_mm(twips))
}

fn near(got: i32, want: i32, tolerance_mm: f64) -> bool {
    (twips_to_mm(got) - twips_to_mm(want)).abs() <= tolerance_mm + 1e-9
}

/// What is wrong with the page size, if anything.
fn size(s: &Section, want: &PageSetup) -> Option<String> {
    let t = TOLERANCES.size_mm;
    if near(s.width, want.width, t) && near(s.height, want.height, t) {
        return None;
    }
    if s.width <= 0 || s.height <= 0 {
        return Some(format!(
            "没有设置纸张大小，应为 A4（{}×{} mm）",
            mm(want.width),
            mm(want.height)
        ));
    }
    Some(format!(
        "纸张为 {}×{} mm，应为 A4（{}×{} mm）",
        mm(s.width),
        mm(s.height),
        mm(want.width),
        mm(want.height)
    ))
}

/// What is wrong with the margins: the text area's size, and the 天头 and 订口 (on a
/// landscape page, where the page turned either way puts them).
fn margins(s: &Section, want: &PageSetup, portrait: &PageSetup) -> Vec<String> {
    let [wt, wr, wb, wl] = want.margins;
    let turned = [wb, wl, wt, wr];
    let off = |c: &[i32; 4]| -> i64 {
        let apart = |(a, b): (&i32, &i32)| (i64::from(*a) - i64::from(*b)).abs();
        c.iter().zip(&s.margins).map(apart).sum()
    };
    let best = match want.landscape && off(&turned) < off(&want.margins) {
        true => turned,
        false => want.margins,
    };
    let mut out = Vec::new();
    let area = |m: [i32; 4], w: i32, h: i32| {
        let less = |a: i32, b: i32, c: i32| a.saturating_sub(b).saturating_sub(c);
        (less(w, m[1], m[3]), less(h, m[0], m[2]))
    };
    let (w, h) = area(s.margins, s.width, s.height);
    let (ww, wh) = area(best, want.width, want.height);
    let t = TOLERANCES.size_mm;
    if !near(w, ww, t) || !near(h, wh, t) {
        out.push(format!(
            "版心为 {}×{} mm，应为 {}×{} mm",
            mm(w),
            mm(h),
            mm(ww),
            mm(wh)
        ));
    }
    let m = TOLERANCES.margin_mm;
    let [top, .., left] = portrait.margins;
    for (value, name) in [(top, "天头（上白边）"), (left, "订口（左白边）")] {
        let Some(i) = best.iter().position(|&v| v == value) else {
            continue;
        };
        let got = s.margins.get(i).copied().unwrap_or(0);
        if !near(got, value, m) {
            out.push(format!(
                "{name}为 {} mm，应为 {} mm（±{m} mm）",
                mm(got),
                mm(value)
            ));
        }
    }
    out
}
