//! The typed parts a scheme's sections hold, recognised in the sections a draft's headings
//! made: stages (阶段 with their periods), a leadership group with its office, task areas
//! (协调人 and 责任单位 lines) with their tasks, and requirements. Each is recognised only when
//! every subsection of a section is of its kind, so that the parts print in the draft's order.

mod areas;
mod group;
mod stages;

use super::doubt::Doubts;
use crate::model::{Item, Section};
use crate::text::split_outside_brackets;

/// Recognises the typed parts in `sections` and all below them.
///
/// ```
/// use dossier::model::Section;
/// use dossier::read::draft::{doubt::Doubts, typed::typed};
/// let mut s = Section::new(1, 6, "工作要求".into());
/// let mut item = Section::new(2, 1, "提高认识。".into());
/// item.run_in = true;
/// item.paragraphs.push("各单位要高度重视。".into());
/// s.sections.push(item);
/// let mut sections = vec![s];
/// typed(&mut sections, &mut Doubts::default());
/// assert_eq!((sections[0].requirements.len(), sections[0].sections.len()), (1, 0));
/// ```
pub fn typed(sections: &mut [Section], doubts: &mut Doubts) {
    for s in sections {
        typed(&mut s.sections, doubts);
        if s.sections.is_empty() {
            group::group(s, doubts);
        } else if let Some(stages) = stages::stages(&s.sections) {
            (s.stages, s.stage_form, s.period_form) = stages;
            s.sections.clear();
        } else if let Some((areas, closing)) = areas::task_areas(&s.sections) {
            if let Some(first) = closing.first() {
                let anchor: String = first.chars().take(12).collect();
                let said = "最后一项任务的责任单位之后的段落，已作为本节的结尾段落：请核对";
                doubts.add_at(0, &anchor, said);
            }
            s.task_areas = areas;
            s.after.splice(0..0, closing);
            s.sections.clear();
        } else if let Some(items) = requirements(s) {
            s.requirements = items;
            s.sections.clear();
        }
    }
}

/// Titles of the section a scheme closes with, whose run-in items are its requirements (a
/// `填报要求` section of an attachment is sections, not these).
const REQUIREMENTS: [&str; 6] = [
    "工作要求",
    "有关要求",
    "保障措施",
    "工作保障",
    "组织保障",
    "落实要求",
];

/// The subsections of `s` as requirements, when its title says so and each is a run-in
/// heading with its text and nothing below it.
fn requirements(s: &Section) -> Option<Vec<Item>> {
    let named = REQUIREMENTS.iter().any(|w| s.title.ends_with(w));
    let items = s.sections.iter().all(|c| {
        c.run_in && !c.paragraphs.is_empty() && c.sections.is_empty() && c.level == s.level + 1
    });
    (named && items).then(|| {
        (s.sections.iter())
            .map(|c| Item {
                number: c.number,
                title: c.title.clone(),
                paragraphs: c.paragraphs.clone(),
            })
            .collect()
    })
}

/// `1.X；2.Y。` as its items, their numbers and the closing marks left off.
fn numbered(text: &str) -> Vec<String> {
    let text = text.trim().trim_end_matches('。');
    (split_outside_brackets(text, &['；']).into_iter())
        .map(|item| {
            let n = crate::text::heading_number(item).map_or(0, str::len);
            item[n..].trim().to_string()
        })
        .collect()
}

/// `主要工作：1.X；2.Y。`: the label and the items, when `text` is such a list.
fn labelled(text: &str) -> Option<(String, Vec<String>)> {
    let (label, list) = text.split_once('：')?;
    let short = (2..=10).contains(&label.chars().count()) && !label.contains(['，', '。']);
    let first = crate::text::heading_number(list).and_then(crate::text::heading_level);
    (short && first == Some((3, 1))).then(|| (label.to_string(), numbered(list)))
}
