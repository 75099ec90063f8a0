//! The clean-up of a draft as offices expect it (`text::tidy`): in every paragraph and table
//! cell, full-width digits and Latin letters made ASCII, then ASCII punctuation inside Chinese
//! made full-width; the `**` marks around bold words are left as they are.

use super::recognise::Imported;
use super::{Block, Draft};
use crate::model::Section;
use crate::text::tidy::{Tidied, digits, doc_no, punctuation, spaces};

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

/// Tidies what `imported` holds once its parts are recognised: the 发文字号 in the standard
/// form, and the spaces typed inside running text (`text::tidy::spaces`) taken out of the
/// notice, paragraphs, titles and typed parts' text (before recognition, the spaces between
/// names side by side and between a name and its post still said where one ends).
pub fn tidy_recognised(imported: &mut Imported, counts: &mut Tidied) {
    if let Some(no) = imported.notice.as_mut().and_then(|n| n.doc_no.as_mut()) {
        *no = doc_no(no, counts).unwrap_or_else(|| no.clone());
    }
    let mut fix = |t: &mut String| *t = spaces(t, counts);
    if let Some(n) = &mut imported.notice {
        n.body
            .iter_mut()
            .chain(n.to.as_mut())
            .chain(n.note.as_mut())
            .for_each(&mut fix);
    }
    for doc in &mut imported.documents {
        let b = &mut doc.body;
        b.preamble
            .iter_mut()
            .chain(&mut b.after_table)
            .for_each(&mut fix);
        sections(&mut b.sections, &mut fix);
    }
}

fn sections(list: &mut [Section], fix: &mut impl FnMut(&mut String)) {
    for s in list {
        fix(&mut s.title);
        s.paragraphs
            .iter_mut()
            .chain(&mut s.after)
            .for_each(&mut *fix);
        (s.stages.iter_mut()).for_each(|st| st.paragraphs.iter_mut().for_each(&mut *fix));
        for area in &mut s.task_areas {
            area.paragraphs.iter_mut().for_each(&mut *fix);
            (area.tasks.iter_mut()).for_each(|t| t.paragraphs.iter_mut().for_each(&mut *fix));
        }
        (s.requirements.iter_mut()).for_each(|r| r.paragraphs.iter_mut().for_each(&mut *fix));
        sections(&mut s.sections, fix);
    }
}
