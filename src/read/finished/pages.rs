//! Which page each paragraph starts on, from what the document records in reading order: the
//! page breaks its author put in (a page break, `pageBreakBefore`, a section break) and those
//! Word's last layout made (`w:lastRenderedPageBreak`). Word also records a page that an
//! author's break started, so a rendered break right after one, before any text, is the same
//! page.

use super::sections::Start;

/// What the reading met, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// Paragraph `n` (an index) began.
    Para(usize),
    /// Text was read.
    Text,
    /// The author broke the page.
    Forced,
    /// Word's last layout broke the page.
    Rendered,
    /// A section ended; the next starts so.
    Section(Start),
    /// Paragraph `n` ended.
    ParaEnd(usize),
}

/// For each of `count` paragraphs: whether it starts a page, and the page it starts on when
/// `known` (the document records its layout's breaks).
pub(super) fn pages(marks: &[Mark], count: usize, known: bool) -> Vec<(bool, Option<u32>)> {
    let mut out = vec![(false, None); count];
    let mut page: u32 = 1;
    // A break since the last text; the present page's start counted and no text since.
    let (mut forced, mut counted) = (false, true);
    let mut open: Option<usize> = None;
    let mut place = |at: Option<usize>, forced: bool, page: u32| {
        if let Some(slot) = at.and_then(|i| out.get_mut(i)) {
            *slot = (forced, known.then_some(page));
        }
    };
    for mark in marks {
        match *mark {
            Mark::Para(n) => open = Some(n),
            Mark::Text => {
                place(open.take(), forced, page);
                (forced, counted) = (false, false);
            }
            Mark::Forced => {
                page = page.saturating_add(1);
                (forced, counted) = (true, true);
            }
            Mark::Rendered if !counted => {
                page = page.saturating_add(1);
                counted = true;
            }
            Mark::Rendered => {}
            Mark::Section(start) => {
                if start != Start::Continuous {
                    page = page.saturating_add(1);
                    let odd = page % 2 == 1;
                    if (start == Start::Odd && !odd) || (start == Start::Even && odd) {
                        page = page.saturating_add(1);
                    }
                    (forced, counted) = (true, true);
                }
            }
            Mark::ParaEnd(n) if open == Some(n) => place(open.take(), forced, page),
            Mark::ParaEnd(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rendered_break_after_a_page_break_is_the_same_page() {
        let marks = [
            Mark::Para(0),
            Mark::Text,
            Mark::Forced,
            Mark::ParaEnd(0),
            Mark::Para(1),
            Mark::Rendered,
            Mark::Text,
            Mark::ParaEnd(1),
            Mark::Para(2),
            Mark::Text,
            Mark::Rendered,
            Mark::Text,
            Mark::ParaEnd(2),
            Mark::Para(3),
            Mark::Text,
            Mark::ParaEnd(3),
        ];
        let got = pages(&marks, 4, true);
        assert_eq!(
            got,
            [
                (false, Some(1)),
                (true, Some(2)),
                (false, Some(2)),
                (false, Some(3))
            ]
        );
        assert_eq!(pages(&marks, 4, false)[1], (true, None));
    }

    #[test]
    fn an_odd_page_section_skips_an_even_page() {
        let marks = [
            Mark::Para(0),
            Mark::Text,
            Mark::ParaEnd(0),
            Mark::Section(Start::Odd),
            Mark::Para(1),
            Mark::ParaEnd(1),
        ];
        assert_eq!(pages(&marks, 2, true), [(false, Some(1)), (true, Some(3))]);
    }
}
