//! The clean-up of a draft as offices expect it (`text::tidy`): in every paragraph and table
//! cell, full-width digits and Latin letters made ASCII, then ASCII punctuation inside Chinese
//! made full-width; the `**` marks around bold words are left as they are.

use super::{Block, Draft};
use crate::text::tidy::{Tidied, digits, punctuation};

/// Tidies every paragraph and cell of `draft`, and says how many changes of each kind it made.
///
/// ```
/// use dossier::read::draft::{Block, Draft, Para, tidy_draft};
/// let para = Para { text: "**加强领导.**各单位要在３月底前,完成自查.".into(), ..Para::default() };
/// let mut draft = Draft { blocks: vec![Block::Para(para)], by_line: true };
/// let counts = tidy_draft(&mut draft);
/// let Block::Para(p) = &draft.blocks[0] else { unreachable!() };
/// assert_eq!(p.text, "**加强领导。**各单位要在3月底前，完成自查。");
/// assert_eq!((counts.digits, counts.punctuation), (1, 3));
/// ```
pub fn tidy_draft(draft: &mut Draft) -> Tidied {
    let mut counts = Tidied::default();
    let mut tidy = |text: &mut String| *text = punctuation(&digits(text, &mut counts), &mut counts);
    for block in &mut draft.blocks {
        match block {
            Block::Para(p) => tidy(&mut p.text),
            Block::Table(rows) => rows.iter_mut().flatten().for_each(|c| tidy(&mut c.text)),
        }
    }
    counts
}
