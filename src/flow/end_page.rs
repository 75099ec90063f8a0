//! The 版记 on an even page: offices print on both sides, and the 版记 belongs on the back of
//! the last sheet (GB/T 9704 7.4.1 in practice). When it would end an odd page beside the text
//! it moves on to the next page; when it would have an odd page of its own, a blank page goes
//! before it, and neither carries a number (7.5).

use std::io;

use super::{Placement, Source, placement};
use crate::layout::FontProfile;
use crate::typeset::{EndStart, Galley};

/// Moves `galley`'s 版记 on to an even page if it asks to be on one and `placed` has it on an
/// odd one; returns the pages as they now are.
pub(super) fn end_on_even_page(
    galley: &mut Galley<'_>,
    placed: Placement,
    fonts: &FontProfile,
) -> io::Result<Placement> {
    let is_end = |s: Source| matches!(s, Source::End(_));
    let Some(page) = placed
        .lines
        .iter()
        .find(|p| is_end(p.source))
        .map(|p| p.page)
    else {
        return Ok(placed);
    };
    // Pages count from 0 here: an even index is an odd page.
    let odd = page % 2 == 0;
    let Some(end) = galley.end_block.as_mut().filter(|e| e.even_page && odd) else {
        return Ok(placed);
    };
    let beside_text = placed
        .lines
        .iter()
        .any(|p| p.page == page && !is_end(p.source))
        || placed.rows.iter().any(|r| r.page == page)
        || placed.insets.iter().any(|i| i.page == page);
    end.start = if beside_text {
        EndStart::NextPage
    } else {
        EndStart::AfterBlank
    };
    placement(galley, fonts)
}
