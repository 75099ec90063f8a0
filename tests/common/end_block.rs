//! Where the 版记 is, measured in a PDF: on the last page, an even one unless the scheme lets
//! it end anywhere, its last line on the foot of the text area; no page number on a blank page
//! before it nor on its page then, its page's number otherwise (GB/T 9704 7.4, 7.5).

use super::{Line, Page, Pdf, mm};

/// A red line: a 函's double lines, not the 版记's.
fn red(l: &Line) -> bool {
    matches!(l.color.as_deref(), Some([r, g, _]) if *r > 0.5 && *g < 0.3)
}

/// The page holding the 版记: its 4号 抄送 or 印发 row.
fn end_page(pdf: &Pdf) -> Option<&Page> {
    pdf.pages.iter().rev().find(|p| {
        p.text_lines().iter().any(|l| {
            let t = l.text().replace(' ', "");
            (l.size() - 14.0).abs() < 0.1 && (t.starts_with("抄送：") || t.ends_with("印发"))
        })
    })
}

/// The page's number, `— n —`, is on it.
pub fn numbered(p: &Page) -> bool {
    p.text_lines().iter().any(|l| {
        let t = l.text().replace(' ', "");
        let n = t.trim_matches('—');
        t.starts_with('—') && !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())
    })
}

/// The page is blank, or holds the 版记 after a blank page: it carries no number.
pub fn unnumbered(pdf: &Pdf, p: &Page) -> bool {
    let blank = |p: &Page| p.chars.is_empty();
    let after_blank = p.number >= 2 && blank(&pdf.pages[p.number - 2]);
    blank(p) || (after_blank && end_page(pdf).is_some_and(|e| e.number == p.number))
}

/// How the 版记 of `pdf` breaks the rules; `even_page` when it must be on an even page.
pub fn end_block_faults(pdf: &Pdf, even_page: bool) -> Vec<String> {
    let Some(p) = end_page(pdf) else {
        return vec!["no 版记".to_string()];
    };
    let mut faults = Vec::new();
    if p.number != pdf.pages.len() {
        faults.push(format!("版记 on page {} of {}", p.number, pdf.pages.len()));
    }
    if even_page && p.number % 2 == 1 {
        faults.push(format!("版记 on odd page {}", p.number));
    }
    let foot = mm(37.0 + 225.0);
    let long = p
        .lines
        .iter()
        .filter(|r| r.x1 - r.x0 > mm(150.0) && !red(r));
    let lowest = long.map(|r| (r.top + r.bottom) / 2.0).fold(0.0, f64::max);
    // A 函's 版记 has no rules: its last text sits on the text area's last line.
    let lines = p.text_lines();
    let last_text = lines
        .iter()
        .map(|l| l.baseline)
        .filter(|&b| b < foot)
        .fold(0.0, f64::max);
    let at_foot = if lowest == 0.0 {
        foot - last_text < mm(10.2)
    } else {
        (lowest - foot).abs() <= mm(1.0)
    };
    if !at_foot {
        faults.push(format!(
            "版记's last line {:.1} mm from the text area's foot",
            (lowest.max(last_text) - foot) / mm(1.0)
        ));
    }
    if numbered(p) == unnumbered(pdf, p) {
        faults.push(format!(
            "版记 page {} numbered: {}, after a blank page: {}",
            p.number,
            numbered(p),
            unnumbered(pdf, p)
        ));
    }
    faults
}
