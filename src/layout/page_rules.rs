//! The page rules of GB/T 9704 that depend on where pages end, and the words every front
//! (the layout's warning, `dossier lint`, the web page's preview) says them in, so that each
//! says a rule the same way.

/// A rule on where pages end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageRule {
    /// A notice's page 1 shows body text after its 主送 (7.3.3).
    FirstPageText,
    /// No page holds the signature and date without body text (7.3.5).
    SignatureWithText,
    /// The 版记 is on an even page, the last (7.4.1): the back of the last sheet.
    EndOnEvenPage,
}

/// Where the 版记 stands against its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndPlace {
    /// On an even page, the last.
    Kept,
    /// On an odd page.
    Odd,
    /// On an even page with pages after it.
    NotLast,
}

impl PageRule {
    /// The clause of GB/T 9704 that sets it.
    ///
    /// ```
    /// use dossier::layout::PageRule;
    /// assert_eq!(PageRule::EndOnEvenPage.clause(), "7.4.1");
    /// ```
    pub const fn clause(self) -> &'static str {
        match self {
            PageRule::FirstPageText => "7.3.3",
            PageRule::SignatureWithText => "7.3.5",
            PageRule::EndOnEvenPage => "7.4.1",
        }
    }

    /// A short name for it in data (the web page's preview JSON).
    ///
    /// ```
    /// use dossier::layout::PageRule;
    /// assert_eq!(PageRule::FirstPageText.key(), "first_page");
    /// ```
    pub const fn key(self) -> &'static str {
        match self {
            PageRule::FirstPageText => "first_page",
            PageRule::SignatureWithText => "signature",
            PageRule::EndOnEvenPage => "end_block",
        }
    }

    /// What it asks, said of the whole document: `第 1 页在主送之后有正文`.
    ///
    /// ```
    /// use dossier::layout::PageRule;
    /// assert_eq!(PageRule::SignatureWithText.goal(), "署名与正文同处一面");
    /// ```
    pub const fn goal(self) -> &'static str {
        match self {
            PageRule::FirstPageText => "第 1 页在主送之后有正文",
            PageRule::SignatureWithText => "署名与正文同处一面",
            PageRule::EndOnEvenPage => "版记在最后一面（偶数页）",
        }
    }

    /// What it says of page `page` (from 1) of a layout: that the rule holds there when
    /// `held`, else what is wrong. The 版记's rule says where the 版记 stands with
    /// [`end_block_message`].
    ///
    /// ```
    /// use dossier::layout::PageRule;
    /// assert_eq!(PageRule::SignatureWithText.message(3, true), "第 3 页署名与正文同处一面");
    /// assert_eq!(PageRule::FirstPageText.message(1, false), "第 1 页在主送之后没有正文，应至少有一行正文");
    /// ```
    pub fn message(self, page: usize, held: bool) -> String {
        match (self, held) {
            (PageRule::FirstPageText, true) => self.goal().to_string(),
            (PageRule::FirstPageText, false) => {
                "第 1 页在主送之后没有正文，应至少有一行正文".to_string()
            }
            (PageRule::SignatureWithText, true) => format!("第 {page} 页{}", self.goal()),
            (PageRule::SignatureWithText, false) => {
                format!("第 {page} 页只有署名、成文日期而没有正文，应与正文同处一面")
            }
            (PageRule::EndOnEvenPage, held) => {
                let place = if held { EndPlace::Kept } else { EndPlace::Odd };
                end_block_message(page, place)
            }
        }
    }
}

/// What is said of a 版记 on page `page` (from 1) standing at `place`; `dossier lint` says
/// the same of a finished document's.
///
/// ```
/// use dossier::layout::{EndPlace, end_block_message};
/// assert_eq!(end_block_message(4, EndPlace::Kept), "版记在第 4 页（偶数页，末页）");
/// assert_eq!(end_block_message(3, EndPlace::Odd), "版记在第 3 页（单页），应在最后一面（偶数页）");
/// ```
pub fn end_block_message(page: usize, place: EndPlace) -> String {
    match place {
        EndPlace::Kept => format!("版记在第 {page} 页（偶数页，末页）"),
        EndPlace::Odd => format!("版记在第 {page} 页（单页），应在最后一面（偶数页）"),
        EndPlace::NotLast => format!("版记在第 {page} 页，其后还有页，应在最后一面（偶数页）"),
    }
}

/// What the layout `l` changed to keep the rules `kept`: the notice's lines set at
/// `lines_per_page` lines a page and `chars_per_line` characters a line (7.3.5 allows it),
/// when those are not `l`'s own; the paragraph before the signature let break over the page
/// when `split`, divided in two when `divided`.
///
/// ```
/// use dossier::layout::{GBT9704, PageRule, fit_note};
/// assert_eq!(
///     fit_note(&GBT9704, &[PageRule::FirstPageText], 25, 28, false, false),
///     "为使第 1 页在主送之后有正文，正文行距、字距调为每页 25 行、每行 28 字（标准为 22 行、28 字）"
/// );
/// assert_eq!(
///     fit_note(&GBT9704, &[PageRule::SignatureWithText], 22, 28, false, true),
///     "为使署名与正文同处一面，署名前一段在行末分为两段，后段与署名同页"
/// );
/// ```
pub fn fit_note(
    l: &super::Layout,
    kept: &[PageRule],
    lines_per_page: u32,
    chars_per_line: u32,
    split: bool,
    divided: bool,
) -> String {
    let goals: Vec<&str> = kept.iter().map(|r| r.goal()).collect();
    let mut changes = Vec::new();
    if (lines_per_page, chars_per_line) != (l.lines_per_page, l.chars_per_line) {
        changes.push(format!(
            "正文行距、字距调为每页 {lines_per_page} 行、每行 {chars_per_line} 字（标准为 {} 行、{} 字）",
            l.lines_per_page, l.chars_per_line
        ));
    }
    if split {
        changes.push("署名前一段可跨页".to_string());
    }
    if divided {
        changes.push("署名前一段在行末分为两段，后段与署名同页".to_string());
    }
    format!("为使{}，{}", goals.join("、"), changes.join("，"))
}
