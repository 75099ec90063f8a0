//! The page rules of GB/T 9704 that depend on where pages end: page 1 shows body text after
//! the 主送 (7.3.3), and no page holds the signature and date without text (7.3.5). When a
//! notice breaks them, its lines from the 主送 to the end of its first pages are set closer,
//! as 7.3.5 allows, up to the layout's tight page; only when that is not enough is the
//! paragraph before the signature let break over the page instead of moving on whole. Last,
//! the 版记 goes on an even page (`end_page`).

use std::io;
use std::ops::Range;

use super::end_page::end_on_even_page;
use super::rules::{Checked, end_rule, keeps_rules, text_rules};
use super::{Placed, Placement, Source, divide, placement};
use crate::layout::{FontProfile, Layout, PageRule, fit_note};
use crate::typeset::{Galley, Item, Role};

/// What was changed to keep the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    /// The notice's lines are at the pitch of this many lines a page.
    pub lines_per_page: u32,
    /// Its characters at the spacing of this many a line.
    pub chars_per_line: u32,
    /// The last paragraph of body text before the signature may break over the page
    /// instead of moving on with the 附件说明 and the signature.
    pub split: bool,
    /// That paragraph is divided in two at a line's end, its last lines kept with the
    /// signature (`divide`): what is left when it is too short to break over by itself.
    pub divided: bool,
}

/// How the pages came out.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// Every line and table row where it lands, when the rules had to be checked (a notice:
    /// a document with a 主送); `None` when nothing was laid out.
    pub placement: Option<Placement>,
    /// What was changed, if anything was.
    pub fit: Option<Fit>,
    /// The rules on the text hold (they could be kept, or nothing needed changing).
    pub kept: bool,
    /// The rules the layout as it was broke, which `fit` was for.
    pub needed: Vec<PageRule>,
    /// Each rule on each page it concerns, as the pages came out: page 1 and the signature's
    /// pages of a notice, and the 版记's page when it asks for an even one.
    pub rules: Vec<Checked>,
}

impl Fitted {
    fn new(placement: Option<Placement>, fit: Option<Fit>, kept: bool) -> Fitted {
        Fitted {
            placement,
            fit,
            kept,
            needed: Vec::new(),
            rules: Vec::new(),
        }
    }

    /// What was changed to keep the rules, in words, when anything was.
    ///
    /// ```
    /// use dossier::flow::fit;
    /// use dossier::layout::{FontProfile, GBT9704};
    /// let text = "@title 关于做好创建工作的通知\n@to 各街道：\n请抓好落实。\n@sign 南浦市文明办\n@date 2024年10月8日\n";
    /// let m = dossier::markup::parse(text, "t", Vec::new()).unwrap();
    /// let mut g = dossier::typeset::typeset(&m, &GBT9704).unwrap();
    /// let fitted = fit(&mut g, &GBT9704, FontProfile::named(None).unwrap()).unwrap();
    /// assert_eq!(fitted.note(&GBT9704), None, "nothing needed changing");
    /// ```
    pub fn note(&self, layout: &Layout) -> Option<String> {
        let f = self.fit?;
        let (lines, chars) = (f.lines_per_page, f.chars_per_line);
        Some(fit_note(
            layout,
            &self.needed,
            lines,
            chars,
            f.split,
            f.divided,
        ))
    }
}

/// Lays out `galley`'s pages, first changing it where the page rules need it.
///
/// ```
/// use dossier::flow::{Source, fit};
/// use dossier::layout::{FontProfile, GBT9704};
/// use dossier::typeset::{Item, Role};
/// let head = "@mark 南浦市人民政府办公室\n@doc_no 南办发〔2024〕21号\n\
///     @title 关于开展南浦市创建全国文明城市背街小巷环境综合整治专项行动的通知\n@to 市政府各部门：\n";
/// let body = "各单位要对照测评体系逐项查找短板，建立台账、明确时限、落实责任。".repeat(5);
/// let text = format!("{head}{body}\n@sign 南浦市人民政府办公室\n@date 2024年10月8日\n");
/// let m = dossier::markup::parse(&text, "t", Vec::new()).unwrap();
/// let mut g = dossier::typeset::typeset(&m, &GBT9704).unwrap();
/// let fitted = fit(&mut g, &GBT9704, FontProfile::named(None).unwrap()).unwrap();
/// let f = fitted.fit.expect("set closer");
/// assert_eq!((f.lines_per_page, f.chars_per_line, f.split), (25, 28, false));
/// assert_eq!(fitted.needed, [dossier::layout::PageRule::FirstPageText]);
/// assert!(fitted.note(&GBT9704).unwrap().contains("每页 25 行、每行 28 字"));
/// assert!(fitted.rules.iter().all(|c| c.held) && fitted.rules[0].message == "第 1 页在主送之后有正文");
/// let body_on_page_1 = fitted.placement.unwrap().lines.iter().any(|p| p.page == 0 && matches!(p.source,
///     Source::Para(i) if matches!(&g.items[i], Item::Para(q) if q.role == Role::Text)));
/// assert!(fitted.kept && body_on_page_1);
/// ```
pub fn fit(galley: &mut Galley<'_>, layout: &Layout, fonts: &FontProfile) -> io::Result<Fitted> {
    let is_notice = !notice(galley).is_empty();
    let mut fitted = fit_text(galley, layout, fonts)?;
    if galley.end_block.as_ref().is_some_and(|e| e.even_page) {
        let placed = match fitted.placement.take() {
            Some(p) => p,
            None => placement(galley, fonts)?,
        };
        fitted.placement = Some(end_on_even_page(galley, placed, fonts)?);
    }
    if let Some(placed) = &fitted.placement {
        if is_notice {
            fitted.rules = text_rules(galley, &placed.lines);
        }
        fitted.rules.extend(end_rule(galley, placed));
    }
    Ok(fitted)
}

/// Keeps the rules the text's own pages are subject to: the run-in headings, page 1 and the
/// signature.
fn fit_text(galley: &mut Galley<'_>, layout: &Layout, fonts: &FontProfile) -> io::Result<Fitted> {
    let headings = keep_run_in_headings(galley, fonts)?;
    let span = notice(galley);
    if span.is_empty() {
        // Nothing more to keep: a streamed table is not read again for it.
        return Ok(Fitted::new(headings, None, true));
    }
    let placed = placement(galley, fonts)?;
    let mut needed: Vec<PageRule> = (text_rules(galley, &placed.lines).into_iter())
        .filter(|c| !c.held)
        .map(|c| c.rule)
        .collect();
    if needed.is_empty() {
        return Ok(Fitted::new(Some(placed), None, true));
    }
    needed.dedup();
    let mut fitted = match first_fit(galley, span, layout, fonts)? {
        Some((tried, fit)) => {
            *galley = tried;
            let placed = match keep_run_in_headings(galley, fonts)? {
                Some(p) => p,
                None => placement(galley, fonts)?,
            };
            let kept = keeps_rules(galley, &placed.lines);
            Fitted::new(Some(placed), Some(fit), kept)
        }
        None => Fitted::new(Some(placed), None, false),
    };
    fitted.needed = needed;
    Ok(fitted)
}

/// Keeps together the lines of each paragraph whose run-in heading (`（一）名称（期间）。`) a page
/// break would split, one at a time from the top, as each may move what follows; returns the
/// layout when there was one to check.
fn keep_run_in_headings(
    galley: &mut Galley<'_>,
    fonts: &FontProfile,
) -> io::Result<Option<Placement>> {
    let has = |i: &Item<'_>| matches!(i, Item::Para(p) if run_in_heading(p).is_some());
    if !galley.items.iter().any(has) {
        return Ok(None);
    }
    loop {
        let placed = placement(galley, fonts)?;
        let split = first_split_heading(galley, &placed.lines);
        match split.and_then(|k| galley.items.get_mut(k)) {
            Some(Item::Para(p)) if !p.keep_lines => p.keep_lines = true,
            _ => return Ok(Some(placed)),
        }
    }
}

/// The bytes of `p`'s run-in heading: its first run, when the next is in another face.
fn run_in_heading(p: &crate::typeset::Para) -> Option<usize> {
    let (first, next) = (p.runs.first()?, p.runs.get(1)?);
    ((first.face, first.bold) != (next.face, next.bold)).then_some(first.text.len())
}

/// The first paragraph, by item, whose run-in heading goes over a page.
fn first_split_heading(galley: &Galley<'_>, lines: &[Placed]) -> Option<usize> {
    lines.windows(2).find_map(|pair| {
        let [a, b] = pair else { return None };
        let (Source::Para(k), true) = (a.source, a.source == b.source && a.page != b.page) else {
            return None;
        };
        let Some(Item::Para(p)) = galley.items.get(k) else {
            return None;
        };
        run_in_heading(p).filter(|&end| a.line.end < end).map(|_| k)
    })
}

/// The changes to try, least first: closer lines, then closer characters too; then the
/// same with the last paragraph let break, and last wider characters (more lines) so that
/// the paragraph's last lines go over to the signature's page.
fn tries(l: &Layout) -> Vec<Fit> {
    let fit = |chars_per_line, split, lines_per_page| Fit {
        lines_per_page,
        chars_per_line,
        split,
        divided: false,
    };
    let closer = || l.chars_per_line..=l.tight_chars_per_line;
    let wider = (l.loose_chars_per_line..l.chars_per_line).rev();
    let kept = closer().map(|c| (c, false));
    let split = closer().chain(wider).map(|c| (c, true));
    let mut all = Vec::new();
    for (chars_per_line, split) in kept.chain(split) {
        for lines_per_page in l.lines_per_page..=l.tight_lines_per_page {
            all.push(fit(chars_per_line, split, lines_per_page));
        }
    }
    // The first is the layout as it was.
    all.split_off(1)
}

/// The first of `tries` that keeps the rules on `galley`; failing them all, the last body
/// paragraph divided before its last line or two, at the spacing as it was or set closer.
fn first_fit<'a>(
    galley: &Galley<'a>,
    span: Range<usize>,
    layout: &Layout,
    fonts: &FontProfile,
) -> io::Result<Option<(Galley<'a>, Fit)>> {
    let all = tries(layout);
    for &fit in &all {
        let mut tried = galley.clone();
        apply(&mut tried, span.clone(), layout, fit);
        if keeps_rules(&tried, &placement(&tried, fonts)?.lines) {
            return Ok(Some((tried, fit)));
        }
    }
    let as_it_was = Fit {
        lines_per_page: layout.lines_per_page,
        chars_per_line: layout.chars_per_line,
        split: false,
        divided: true,
    };
    let closer = all
        .iter()
        .filter(|f| !f.split)
        .map(|&f| Fit { divided: true, ..f });
    for fit in std::iter::once(as_it_was).chain(closer) {
        let mut tried = galley.clone();
        apply(&mut tried, span.clone(), layout, fit);
        let Some(at) = last_text(&tried, span.clone()) else {
            return Ok(None);
        };
        for k in 1..=2 {
            if let Some(d) = divide::divided(&tried, at, k, fonts)
                && keeps_rules(&d, &placement(&d, fonts)?.lines)
            {
                return Ok(Some((d, fit)));
            }
        }
    }
    Ok(None)
}

/// The last paragraph of body text before the signature in `span`, by its index.
fn last_text(galley: &Galley<'_>, span: Range<usize>) -> Option<usize> {
    let items = galley.items.get(span.clone())?;
    let signature = (items.iter())
        .position(|i| matches!(i, Item::Para(p) if p.role == Role::Signature))
        .unwrap_or(items.len());
    let last = items
        .get(..signature)?
        .iter()
        .rposition(|i| matches!(i, Item::Para(p) if p.role == Role::Text))?;
    Some(span.start + last)
}

/// The items of the first document from its 主送 to its first page break: what may be set
/// closer. Empty when the document has no 主送.
fn notice(galley: &Galley<'_>) -> Range<usize> {
    let role = |item: &Item<'_>| match item {
        Item::Para(p) => Some(p.role),
        _ => None,
    };
    let items = &galley.items;
    let start = items
        .iter()
        .position(|i| role(i) == Some(Role::To))
        .unwrap_or(items.len());
    let end = items
        .iter()
        .enumerate()
        .skip(start + 1)
        .find(|(_, i)| match i {
            Item::Para(p) => p.page_break_before,
            Item::Turn { .. } => true,
            _ => false,
        })
        .map_or(items.len(), |(k, _)| k);
    start..end
}

/// Sets the body-grid paragraphs of `span` at `fit`'s pitch and spacing, and lets the
/// paragraph before the signature break when it says so.
fn apply(galley: &mut Galley<'_>, span: Range<usize>, l: &Layout, fit: Fit) {
    let (pitch, spacing) = (l.line_pitch_twips(), l.char_spacing_twips());
    let new_pitch = l.line_pitch_for(fit.lines_per_page);
    let new_spacing = l.char_spacing_for(fit.chars_per_line);
    let scale = |twips: i32| twips * new_pitch / pitch;
    let items = galley.items.get_mut(span.clone()).unwrap_or_default();
    for item in items.iter_mut() {
        if let Item::Para(p) = item
            && p.line_twips == pitch
        {
            p.line_twips = new_pitch;
            p.space_before = scale(p.space_before);
            p.space_after = scale(p.space_after);
            for r in p.runs.iter_mut().filter(|r| r.spacing_twips == spacing) {
                r.spacing_twips = new_spacing;
            }
        }
    }
    if fit.split
        && let Some(at) = last_text(galley, span)
        && let Some(Item::Para(p)) = galley.items.get_mut(at)
    {
        p.keep_next = false;
    }
}
