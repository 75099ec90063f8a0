//! The clean-up of a draft as offices expect it (`text::tidy`): in every paragraph and table
//! cell, full-width digits and Latin letters made ASCII, then ASCII punctuation inside Chinese
//! made full-width; a paragraph that is a date in the standard form; the `**` marks around
//! bold words are left as they are.

use super::recognise::Imported;
use super::{Block, Draft};
use crate::model::Section;
use crate::model::{Group, TaskArea};
use crate::text::tidy::{Tidied, date, digits, doc_no, name, punctuation, spaces};

/// Tidies every paragraph and cell of `draft`, and says how many changes of each kind it made.
///
/// ```
/// use dossier::read::draft::{Block, Draft, Para, tidy_draft};
/// let para = |t: &str| Block::Para(Para { text: t.into(), ..Para::default() });
/// let blocks = vec![para("**加强领导.**各单位要在３月底前,完成自查."), para("二〇二四年三月五日")];
/// let mut draft = Draft { blocks, by_line: true };
/// let counts = tidy_draft(&mut draft);
/// let text = |b: &Block| match b { Block::Para(p) => p.text.clone(), _ => unreachable!() };
/// assert_eq!(text(&draft.blocks[0]), "**加强领导。**各单位要在3月底前，完成自查。");
/// assert_eq!(text(&draft.blocks[1]), "2024年3月5日");
/// assert_eq!((counts.digits, counts.punctuation, counts.dates), (1, 3, 1));
/// ```
pub fn tidy_draft(draft: &mut Draft) -> Tidied {
    let mut counts = Tidied::default();
    for block in &mut draft.blocks {
        match block {
            Block::Para(p) => {
                let text = date(&digits(&p.text, &mut counts), &mut counts);
                p.text = punctuation(&text, &mut counts);
            }
            Block::Table(rows) => rows.iter_mut().flatten().for_each(|c| {
                c.text = punctuation(&digits(&c.text, &mut counts), &mut counts);
            }),
        }
    }
    counts
}

/// Tidies what `imported` holds once its parts are recognised: the 发文字号 in the standard
/// form, the spaces typed inside running text (`text::tidy::spaces`) taken out of the
/// notice, paragraphs, titles and typed parts' text, and those inside the names of people and
/// units (before recognition, the spaces between names side by side and between a name and
/// its post still said where one ends).
pub fn tidy_recognised(imported: &mut Imported, counts: &mut Tidied) {
    if let Some(no) = imported.notice.as_mut().and_then(|n| n.doc_no.as_mut()) {
        *no = doc_no(no, counts).unwrap_or_else(|| no.clone());
    }
    if let Some(n) = &mut imported.notice {
        let body = n
            .body
            .iter_mut()
            .chain(n.to.as_mut())
            .chain(n.note.as_mut());
        body.for_each(|t| *t = spaces(t, counts));
    }
    for doc in &mut imported.documents {
        let b = &mut doc.body;
        (b.preamble.iter_mut().chain(&mut b.after_table)).for_each(|t| *t = spaces(t, counts));
        sections(&mut b.sections, counts);
    }
}

fn group_names(g: &mut Group, fix: &mut impl FnMut(&mut String)) {
    let office = g.office.iter_mut();
    let heads = office.flat_map(|o| o.director.iter_mut().chain(&mut o.deputies));
    let members = g.roles.iter_mut().flat_map(|r| &mut r.members);
    (members.chain(heads))
        .filter(|p| !p.post)
        .for_each(|p| fix(&mut p.name));
}

fn area_names(a: &mut TaskArea, fix: &mut impl FnMut(&mut String)) {
    let tasks = a.tasks.iter_mut();
    let task_units = tasks.flat_map(|t| {
        let parts = t.parts.iter_mut().flat_map(|p| &mut p.units);
        t.units.iter_mut().chain(parts)
    });
    (a.coordinators.iter_mut())
        .chain(&mut a.deputy_coordinators)
        .chain(&mut a.units)
        .chain(task_units)
        .for_each(fix);
}

/// Takes the spaces out of every section's running text and out of the names of the people
/// and units its typed parts list, in one walk.
fn sections(list: &mut [Section], counts: &mut Tidied) {
    for s in list {
        let mut fix = |t: &mut String| *t = spaces(t, counts);
        fix(&mut s.title);
        s.paragraphs
            .iter_mut()
            .chain(&mut s.after)
            .for_each(&mut fix);
        (s.stages.iter_mut()).for_each(|st| st.paragraphs.iter_mut().for_each(&mut fix));
        for area in &mut s.task_areas {
            area.paragraphs.iter_mut().for_each(&mut fix);
            (area.tasks.iter_mut()).for_each(|t| t.paragraphs.iter_mut().for_each(&mut fix));
        }
        (s.requirements.iter_mut()).for_each(|r| r.paragraphs.iter_mut().for_each(&mut fix));
        let mut fix_name = |n: &mut String| *n = name(n, counts);
        s.group
            .iter_mut()
            .for_each(|g| group_names(g, &mut fix_name));
        (s.task_areas.iter_mut()).for_each(|a| area_names(a, &mut fix_name));
        sections(&mut s.sections, counts);
    }
}
