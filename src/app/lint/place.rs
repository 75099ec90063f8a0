//! Where a finding is, as a secretary finds it in Word: the paragraph's number and its
//! opening words (to search for), and its page where the document records its pages; a run
//! of paragraphs with the same deviation is one finding.

use super::Finding;
use crate::read::finished::Paragraph;

/// How many characters of a paragraph a place quotes.
const QUOTED: usize = 12;

/// `第 12 段「一、指导思想」（第 3 页）`.
pub(super) fn paragraph(p: &Paragraph) -> String {
    format!("第 {} 段{}{}", p.number, quote(&p.text), page(p))
}

/// `第 12 段「…」至第 20 段（共 5 段）`: a run of paragraphs from `first` to `last`.
fn paragraphs(first: &Paragraph, last: &Paragraph, count: usize) -> String {
    if count == 1 {
        return paragraph(first);
    }
    format!(
        "{}至第 {} 段{}（共 {count} 段）",
        paragraph(first),
        last.number,
        page(last)
    )
}

/// The opening words of `text`, in corner brackets; nothing for a blank paragraph.
fn quote(text: &str) -> String {
    let shown: String = text
        .trim()
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .take(QUOTED)
        .collect();
    match (shown.is_empty(), text.trim().chars().count() > QUOTED) {
        (true, _) => String::new(),
        (false, true) => format!("「{shown}…」"),
        (false, false) => format!("「{shown}」"),
    }
}

fn page(p: &Paragraph) -> String {
    p.page.map(|n| format!("（第 {n} 页）")).unwrap_or_default()
}

/// The findings of a check of paragraphs one by one, `checked` being each paragraph checked
/// in order with its deviation if any: consecutive paragraphs with the same deviation make
/// one finding.
pub(super) fn grouped<'d>(
    checked: impl IntoIterator<Item = (&'d Paragraph, Option<String>)>,
    clause: &'static str,
) -> Vec<Finding> {
    let mut runs: Vec<(&Paragraph, &Paragraph, usize, String)> = Vec::new();
    let mut open = false;
    for (p, found) in checked {
        let Some(message) = found else {
            open = false;
            continue;
        };
        match runs.last_mut() {
            Some(run) if open && run.3 == message => (run.1, run.2) = (p, run.2 + 1),
            _ => runs.push((p, p, 1, message)),
        }
        open = true;
    }
    (runs.into_iter())
        .map(|(first, last, count, message)| Finding {
            place: paragraphs(first, last, count),
            message,
            clause,
        })
        .collect()
}

/// One finding about paragraph `p`.
pub(super) fn at(p: &Paragraph, message: String, clause: &'static str) -> Finding {
    Finding {
        place: paragraph(p),
        message,
        clause,
    }
}
