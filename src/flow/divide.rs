//! The last resort for the page rules (fit.rs): the body paragraph before the signature
//! divided at a line's end, its last lines a paragraph of their own kept with the signature
//! and set on without an indent, as the lines of a paragraph broken over a page are. A body
//! too short to break over the page by itself (two lines, with room for them on page 1 but
//! not for the signature too) then still leaves text on page 1 and beside the signature.

use super::{lines, para_text};
use crate::layout::FontProfile;
use crate::typeset::{Galley, Item, Para, Run};

/// `galley` with the paragraph at `at` divided before its last `k` lines; the seals placed
/// by the items after it follow them. `None` when it has no more than `k` lines.
pub(super) fn divided<'a>(
    galley: &Galley<'a>,
    at: usize,
    k: usize,
    fonts: &FontProfile,
) -> Option<Galley<'a>> {
    let Some(Item::Para(p)) = galley.items.get(at) else {
        return None;
    };
    let setup = galley.pages.of(false);
    let placed = lines(p, setup.width - setup.margins[1] - setup.margins[3], fonts);
    let cut = placed.len().checked_sub(k).filter(|&n| n > 0)?;
    let cut = placed.get(cut)?.start;
    let (head, tail) = split_runs(&p.runs, cut);
    let mut first = Para {
        runs: head,
        keep_next: false,
        space_after: 0,
        ..p.clone()
    };
    first.keep_lines = false;
    let rest = Para {
        runs: tail,
        first_line: 0,
        space_before: 0,
        page_break_before: false,
        ..p.clone()
    };
    debug_assert_eq!(para_text(&first) + &para_text(&rest), para_text(p));
    let mut out = galley.clone();
    out.items
        .splice(at..=at, [Item::Para(first), Item::Para(rest)]);
    for seal in out.seals.iter_mut().filter(|s| s.item > at) {
        seal.item += 1;
    }
    Some(out)
}

/// `runs` cut at byte `cut` of their joined text.
fn split_runs(runs: &[Run], cut: usize) -> (Vec<Run>, Vec<Run>) {
    let (mut head, mut tail) = (Vec::new(), Vec::new());
    let mut at = 0;
    for r in runs {
        let end = at + r.text.len();
        match (end <= cut, at >= cut) {
            (true, _) => head.push(r.clone()),
            (_, true) => tail.push(r.clone()),
            _ => match r.text.split_at_checked(cut - at) {
                Some((a, b)) => {
                    head.push(Run {
                        text: a.to_string(),
                        ..r.clone()
                    });
                    tail.push(Run {
                        text: b.to_string(),
                        ..r.clone()
                    });
                }
                None => head.push(r.clone()),
            },
        }
        at = end;
    }
    (head, tail)
}
