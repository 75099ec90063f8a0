//! The page rules checked on a layout, page by page (`layout::PageRule`): a notice's page 1
//! shows body text after its 主送, no page holds its signature and date without text, and a
//! 版记 that asks for an even page is on one, the last.

use super::{Placed, Placement, Source};
use crate::layout::{EndPlace, PageRule, end_block_message};
use crate::typeset::{Galley, Item, Role};

/// One rule on one page of a layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The rule.
    pub rule: PageRule,
    /// The page it concerns, from 1.
    pub page: usize,
    /// It holds there.
    pub held: bool,
    /// What is said of it, in `PageRule`'s words.
    pub message: String,
}

impl Checked {
    fn new(rule: PageRule, page: usize, held: bool) -> Checked {
        Checked {
            rule,
            page,
            held,
            message: rule.message(page, held),
        }
    }
}

/// The rules on a notice's text in `placed`: page 1, then each page with the signature or
/// date, in page order.
pub(super) fn text_rules(galley: &Galley<'_>, placed: &[Placed]) -> Vec<Checked> {
    let to = galley
        .items
        .iter()
        .position(|i| matches!(i, Item::Para(p) if p.role == Role::To));
    let after_to = |s: Source| match (s, to) {
        (Source::Para(i) | Source::Cell(i, ..), Some(to)) => i > to,
        _ => true,
    };
    let body = |p: &&Placed| is_text(role(galley, p.source)) && after_to(p.source);
    let mut text = placed.iter().filter(body).peekable();
    let page_one = text.peek().is_none() || text.any(|p| p.page == 0);
    let mut out = vec![Checked::new(PageRule::FirstPageText, 1, page_one)];
    let closing =
        |p: &&Placed| matches!(role(galley, p.source), Some(Role::Signature | Role::Date));
    let mut pages: Vec<usize> = placed.iter().filter(closing).map(|p| p.page).collect();
    pages.sort_unstable();
    pages.dedup();
    for page in pages {
        let held = placed
            .iter()
            .any(|p| p.page == page && is_text_or_list(role(galley, p.source)));
        out.push(Checked::new(PageRule::SignatureWithText, page + 1, held));
    }
    out
}

/// Whether the text rules all hold in `placed`.
pub(super) fn keeps_rules(galley: &Galley<'_>, placed: &[Placed]) -> bool {
    text_rules(galley, placed).iter().all(|c| c.held)
}

/// The 版记's rule in `placed`, when the galley has a 版记 that asks for an even page.
pub(super) fn end_rule(galley: &Galley<'_>, placed: &Placement) -> Option<Checked> {
    galley.end_block.as_ref().filter(|e| e.even_page)?;
    let end = placed
        .lines
        .iter()
        .filter(|p| matches!(p.source, Source::End(_)))
        .map(|p| p.page)
        .max()?;
    let last = (placed.lines.iter().map(|p| p.page))
        .chain(placed.rows.iter().map(|r| r.page))
        .chain(placed.insets.iter().map(|i| i.page))
        .max()
        .unwrap_or(end);
    // Pages count from 0 here: an even index is an odd page.
    let place = match (end % 2 == 1, end == last) {
        (false, _) => EndPlace::Odd,
        (true, false) => EndPlace::NotLast,
        (true, true) => EndPlace::Kept,
    };
    Some(Checked {
        rule: PageRule::EndOnEvenPage,
        page: end + 1,
        held: place == EndPlace::Kept,
        message: end_block_message(end + 1, place),
    })
}

/// What the line placed from `source` is.
fn role(galley: &Galley<'_>, source: Source) -> Option<Role> {
    match source {
        Source::Para(i) => match galley.items.get(i) {
            Some(Item::Para(p)) => Some(p.role),
            _ => None,
        },
        Source::Cell(..) => Some(Role::Text),
        Source::Mark(..) => Some(Role::Head),
        Source::End(_) => None,
    }
}

/// Body text: what page 1 must show.
fn is_text(role: Option<Role>) -> bool {
    matches!(role, Some(Role::Text | Role::Heading))
}

/// What the signature must not be without: body text or the 附件说明 under it.
fn is_text_or_list(role: Option<Role>) -> bool {
    is_text(role) || role == Some(Role::Attachments)
}
